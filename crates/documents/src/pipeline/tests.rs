use super::*;
use crate::testing::{gps_tagged_photo, photo};

fn find(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_gps_tagged_photo_is_stored_without_any_metadata() {
    let tagged = gps_tagged_photo();
    // The input really carries the position, as an EXIF reader sees it.
    let exif = exif::Reader::new()
        .read_from_container(&mut Cursor::new(&tagged))
        .expect("the test photo has EXIF");
    let lat = exif
        .get_field(exif::Tag::GPSLatitude, exif::In::PRIMARY)
        .expect("the test photo has a GPS latitude");
    assert!(
        lat.display_value().to_string().contains("34"),
        "{}",
        lat.display_value()
    );

    let out = prepare(&tagged, &Limits::default()).unwrap();
    assert_eq!(out.media_type, MediaType::Jpeg);
    // No EXIF at all, no XMP, nothing of the position or the camera in any form.
    assert!(
        exif::Reader::new()
            .read_from_container(&mut Cursor::new(&out.content))
            .is_err(),
        "EXIF survived"
    );
    for needle in [
        &b"Exif\0"[..],
        b"GPS",
        b"xmpmeta",
        b"ns.adobe.com",
        b"Synthetic Phone",
        b"MM\0*",
    ] {
        assert!(
            !find(&out.content, needle),
            "{:?} survived",
            String::from_utf8_lossy(needle)
        );
    }
    // Still the same picture.
    let back = image::load_from_memory(&out.content).unwrap();
    assert_eq!((back.width(), back.height()), (640, 480));
    // The thumbnail is small, a JPEG, and clean too.
    let thumb = out.thumbnail.unwrap();
    let t = image::load_from_memory(&thumb).unwrap();
    assert_eq!(t.width().max(t.height()), THUMBNAIL_SIDE);
    assert!(!find(&thumb, b"Exif\0") && !find(&thumb, b"GPS"));
}

#[test]
fn a_png_loses_its_text_chunks() {
    let img = image::RgbaImage::from_pixel(20, 10, image::Rgba([1, 2, 3, 255]));
    let mut png = Vec::new();
    DynamicImage::ImageRgba8(img)
        .write_with_encoder(PngEncoder::new(&mut png))
        .unwrap();
    // A tEXt chunk after IHDR (8 + 25 bytes): the CRC is not checked by decoders that skip
    // ancillary chunks, but give a right one all the same.
    let body = b"tEXtComment\0GPS 34.52N 69.17E";
    let mut chunk = u32::try_from(body.len() - 4)
        .unwrap()
        .to_be_bytes()
        .to_vec();
    chunk.extend_from_slice(body);
    chunk.extend_from_slice(&crc32(body).to_be_bytes());
    let mut tagged = png[..33].to_vec();
    tagged.extend(chunk);
    tagged.extend_from_slice(&png[33..]);
    assert!(find(&tagged, b"GPS 34.52N"));
    let out = prepare(&tagged, &Limits::default()).unwrap();
    assert_eq!(out.media_type, MediaType::Png);
    assert!(!find(&out.content, b"GPS") && !find(&out.content, b"tEXt"));
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn refusals_say_why() {
    let limits = Limits {
        max_bytes: 1000,
        ..Limits::default()
    };
    assert_eq!(prepare(b"", &limits).unwrap_err(), Refused::Empty);
    assert!(matches!(
        prepare(&[b'%'; 1001], &limits).unwrap_err(),
        Refused::TooLarge {
            size: 1001,
            max: 1000
        }
    ));
    // A program named `letter.pdf` is what its bytes say.
    let err = prepare(b"MZ\x90\0\x03\0\0\0", &limits).unwrap_err();
    assert_eq!(err, Refused::Unsupported { what: "a program" });
    assert!(
        err.to_string().contains("a program is not accepted"),
        "{err}"
    );
    // A JPEG header with nothing after it.
    assert!(matches!(
        prepare(b"\xFF\xD8\xFF\xE0\0\x10JFIF", &Limits::default()).unwrap_err(),
        Refused::Unreadable(_)
    ));
    // Too many pixels for its size: refused before decoding.
    let big = photo(400, 300);
    let small = Limits {
        max_pixels: 100_000,
        ..Limits::default()
    };
    assert!(matches!(
        prepare(&big, &small).unwrap_err(),
        Refused::TooManyPixels {
            pixels: 120_000,
            ..
        }
    ));
}

#[test]
fn a_pdf_is_kept_as_it_is() {
    let pdf = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
    let out = prepare(pdf, &Limits::default()).unwrap();
    assert_eq!(out.media_type, MediaType::Pdf);
    assert_eq!(out.content, pdf);
    assert!(out.thumbnail.is_none());
}

/// HEIC made by libheif's own encoder from a synthetic photo, converted back on the way in.
/// Needs `heif-enc` and `heif-convert` (libheif-examples); in CI their absence fails.
#[test]
fn a_heic_photo_is_stored_as_jpeg() {
    let dir = tempfile::tempdir().unwrap();
    let jpg = dir.path().join("p.jpg");
    let heic = dir.path().join("p.heic");
    std::fs::write(&jpg, photo(64, 48)).unwrap();
    let made = std::process::Command::new("heif-enc")
        .arg("-o")
        .arg(&heic)
        .arg(&jpg)
        .output();
    let ok = matches!(&made, Ok(o) if o.status.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "heif-enc is needed in CI: {made:?}"
        );
        eprintln!("skipped: heif-enc (libheif-examples) is not installed");
        return;
    }
    let bytes = std::fs::read(&heic).unwrap();
    assert_eq!(detect(&bytes), Ok(Detected::Heic));
    let out = prepare(&bytes, &Limits::default()).unwrap();
    assert_eq!(out.media_type, MediaType::Jpeg);
    let back = image::load_from_memory(&out.content).unwrap();
    assert_eq!((back.width(), back.height()), (64, 48));
}
