//! The ClamAV client against a real clamd, started here with a configuration of our own: a
//! loopback TCP port, and a signature database of one line that knows the EICAR test file
//! (no download). EICAR is found, a clean PDF passes. Without clamd installed the test is
//! skipped, except in CI (`CI` set), where it fails.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use corridor_documents::clamd::{ClamdAddr, Verdict, scan};

/// The EICAR test file, put together here so that the source itself is no test file.
pub fn eicar() -> Vec<u8> {
    let mut s = String::from("X5O!P%@AP[4\\PZX54(P^)7CC)7}$");
    s.push_str("EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*");
    s.into_bytes()
}

struct Clamd {
    child: Child,
    _dir: tempfile::TempDir,
    addr: ClamdAddr,
}

impl Drop for Clamd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn clamd_program() -> Option<String> {
    let candidates = ["clamd", "/usr/sbin/clamd"];
    candidates
        .iter()
        .find(|p| {
            Command::new(p)
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
        .map(|p| p.to_string())
}

fn start_clamd() -> Option<Clamd> {
    let Some(program) = clamd_program() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "clamd (Debian: clamav-daemon) is needed in CI"
        );
        eprintln!("skipped: clamd is not installed");
        return None;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    std::fs::create_dir(&db).unwrap();
    // md5:size:name of the EICAR file: the whole signature database.
    std::fs::write(
        db.join("corridor-test.hdb"),
        "44d88612fea8a8f36de82e1278abb02f:68:Corridor-Test-EICAR\n",
    )
    .unwrap();
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let conf = dir.path().join("clamd.conf");
    std::fs::write(
        &conf,
        format!(
            "Foreground yes\nTCPSocket {port}\nTCPAddr 127.0.0.1\nDatabaseDirectory {}\n\
             LogFile {}\nPidFile {}\nTemporaryDirectory {}\n",
            db.display(),
            dir.path().join("clamd.log").display(),
            dir.path().join("clamd.pid").display(),
            dir.path().display(),
        ),
    )
    .unwrap();
    let child = Command::new(program)
        .arg("--config-file")
        .arg(&conf)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let clamd = Clamd {
        child,
        addr: ClamdAddr::Tcp(format!("127.0.0.1:{port}")),
        _dir: dir,
    };
    // Loading one signature takes a moment; a clamd that never listens fails the test.
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "clamd did not start listening: {}",
            std::fs::read_to_string(clamd._dir.path().join("clamd.log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    Some(clamd)
}

#[tokio::test]
async fn eicar_is_found_and_a_clean_pdf_passes() {
    let Some(clamd) = start_clamd() else { return };
    let found = scan(&clamd.addr, &eicar()).await.unwrap();
    assert!(
        matches!(&found, Verdict::Infected(name) if name.contains("Corridor-Test-EICAR")),
        "{found:?}"
    );
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
