//! The ClamAV client against a real clamd, started here with a configuration of our own: a
//! loopback TCP port, and a signature database of one line that knows the EICAR test file
//! (no download). EICAR is found, a clean PDF passes. Without clamd installed the test is
//! skipped, except in CI (`CI` set), where it fails.

use std::net::TcpListener;

use corridor_documents::clamd::{ClamdAddr, Verdict, scan};
use corridor_documents::testing::{eicar, start_clamd};

#[tokio::test]
async fn eicar_is_found_and_a_clean_pdf_passes() {
    let Some(clamd) = start_clamd() else { return };
    let found = scan(&clamd.addr, &eicar()).await.unwrap();
    assert!(
        matches!(&found, Verdict::Infected(name) if name.contains("Corridor-Test-EICAR")),
        "{found:?}"
    );
    // Inside a PDF too: the type check would let that one through.
    let mut carrier = b"%PDF-1.4\n".to_vec();
    carrier.extend(eicar());
    assert!(matches!(
        scan(&clamd.addr, &carrier).await.unwrap(),
        Verdict::Infected(_)
    ));
    let pdf = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
    assert_eq!(scan(&clamd.addr, pdf).await.unwrap(), Verdict::Clean);
    // Several pieces: a file larger than one INSTREAM chunk.
    let big = vec![b'a'; 300 * 1024];
    assert_eq!(scan(&clamd.addr, &big).await.unwrap(), Verdict::Clean);
}

#[tokio::test]
async fn an_unreachable_clamd_is_an_error_not_a_pass() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = ClamdAddr::Tcp(format!("127.0.0.1:{port}"));
    assert!(scan(&addr, b"%PDF-1.4").await.is_err());
}
