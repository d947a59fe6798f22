//! Test material shared by the tests of every crate that handles documents: synthetic photos
//! (one carrying a GPS position the way a phone writes it), the EICAR test file, and a real
//! clamd started with a signature database of one line. Nothing here runs in production.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use image::DynamicImage;
use image::codecs::jpeg::JpegEncoder;

use crate::clamd::ClamdAddr;

/// A small synthetic photo (a gradient), encoded as JPEG.
pub fn photo(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut out = Vec::new();
    DynamicImage::ImageRgb8(img)
        .write_with_encoder(JpegEncoder::new_with_quality(&mut out, 90))
        .unwrap();
    out
}

/// The same photo as PNG.
pub fn png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    image::load_from_memory(&photo(w, h))
        .unwrap()
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// An EXIF block (big-endian TIFF) holding a GPS position: 34°31'N 69°10'E.
pub fn exif_with_gps() -> Vec<u8> {
    let mut t = Vec::new();
    t.extend_from_slice(b"MM\0*\0\0\0\x08");
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        t.extend_from_slice(&tag.to_be_bytes());
        t.extend_from_slice(&kind.to_be_bytes());
        t.extend_from_slice(&count.to_be_bytes());
        t.extend_from_slice(&value);
    };
    // IFD0: one entry, the pointer to the GPS IFD at 26.
    t.extend_from_slice(&1u16.to_be_bytes());
    entry(&mut t, 0x8825, 4, 1, 26u32.to_be_bytes());
    t.extend_from_slice(&0u32.to_be_bytes());
    assert_eq!(t.len(), 26);
    // GPS IFD: four entries; the rationals follow at 80 and 104.
    t.extend_from_slice(&4u16.to_be_bytes());
    entry(&mut t, 0x0001, 2, 2, *b"N\0\0\0");
    entry(&mut t, 0x0002, 5, 3, 80u32.to_be_bytes());
    entry(&mut t, 0x0003, 2, 2, *b"E\0\0\0");
    entry(&mut t, 0x0004, 5, 3, 104u32.to_be_bytes());
    t.extend_from_slice(&0u32.to_be_bytes());
    assert_eq!(t.len(), 80);
    for (num, den) in [(34u32, 1u32), (31, 1), (0, 1), (69, 1), (10, 1), (0, 1)] {
        t.extend_from_slice(&num.to_be_bytes());
        t.extend_from_slice(&den.to_be_bytes());
    }
    t
}

/// A JPEG segment of `marker` holding `body`.
pub fn segment(marker: u8, body: &[u8]) -> Vec<u8> {
    let mut s = vec![0xFF, marker];
    s.extend_from_slice(&u16::try_from(body.len() + 2).unwrap().to_be_bytes());
    s.extend_from_slice(body);
    s
}

/// The photo as a phone saves it: EXIF with the GPS position and XMP with it again.
pub fn gps_tagged_photo() -> Vec<u8> {
    let plain = photo(640, 480);
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend(exif_with_gps());
    let mut xmp = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
    xmp.extend_from_slice(
        b"<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF><rdf:Description \
          exif:GPSLatitude='34,31N' exif:GPSLongitude='69,10E' tiff:Model='Synthetic Phone'/>\
          </rdf:RDF></x:xmpmeta>",
    );
    let mut out = plain[..2].to_vec();
    out.extend(segment(0xE1, &exif));
    out.extend(segment(0xE1, &xmp));
    out.extend_from_slice(&plain[2..]);
    out
}

/// The EICAR test file, put together here so that the source itself is no test file.
pub fn eicar() -> Vec<u8> {
    let mut s = String::from("X5O!P%@AP[4\\PZX54(P^)7CC)7}$");
    s.push_str("EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*");
    s.into_bytes()
}

pub struct Clamd {
    child: Child,
    _dir: tempfile::TempDir,
    pub addr: ClamdAddr,
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

pub fn start_clamd() -> Option<Clamd> {
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
    // One body signature (name:any file:anywhere:hex): the EICAR string wherever it is, so
    // that it is found inside a PDF as on its own.
    let hex: String = eicar().iter().map(|b| format!("{b:02x}")).collect();
    std::fs::write(
        db.join("corridor-test.ndb"),
        format!("Corridor-Test-EICAR:0:*:{hex}\n"),
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
