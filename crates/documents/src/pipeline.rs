//! From an uploaded file to what is stored: the type from the bytes, the size and pixel
//! limits, every metadata segment removed from images, a thumbnail. The original is never
//! kept — only what this returns.
//!
//! Images are decoded and encoded again. That drops EXIF (with the GPS position of the phone
//! that took the photo), XMP, IPTC, maker notes and comments for certain, whatever segments a
//! camera invented; the orientation EXIF gave is applied to the pixels first, so the picture
//! still stands upright. PDFs are kept as they are (their own metadata is not rewritten) and
//! are only ever shown in a sandbox.

use std::io::Cursor;

use corridor_store::documents::MediaType;
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};

use crate::magic::{Detected, detect};

/// What an upload may be. Configurable (`corridor serve --document-max-mb …`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes per file.
    pub max_bytes: usize,
    /// Files per request (the public form, the API) and per email.
    pub max_files: usize,
    /// Pixels per image: a small file that decodes to gigapixels is refused before decoding.
    pub max_pixels: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 10 * 1024 * 1024,
            max_files: 5,
            max_pixels: 50_000_000,
        }
    }
}

/// Why a file was not taken, in words a person at the desk can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("the file is empty")]
    Empty,
    #[error("the file is {size} bytes; at most {max} bytes are accepted (about {} MB)", max / (1024 * 1024))]
    TooLarge { size: usize, max: usize },
    #[error("too many files: at most {max} at once")]
    TooMany { max: usize },
    #[error("{what} is not accepted: only photos and scans as JPEG, PNG or HEIC, and PDF files")]
    Unsupported { what: &'static str },
    #[error("the image is {pixels} pixels; at most {max} are accepted")]
    TooManyPixels { pixels: u64, max: u64 },
    #[error(
        "HEIC photos cannot be converted on this server (heif-convert is not installed): \
         send the photo as JPEG"
    )]
    HeicUnavailable,
    #[error("the file cannot be read: {0}")]
    Unreadable(String),
}

/// What is stored of an accepted file.
#[derive(Clone)]
pub struct Prepared {
    pub media_type: MediaType,
    pub content: Vec<u8>,
    pub thumbnail: Option<Vec<u8>>,
}

impl std::fmt::Debug for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prepared")
            .field("media_type", &self.media_type)
            .field("size", &self.content.len())
            .field("thumbnail", &self.thumbnail.as_ref().map(Vec::len))
            .finish()
    }
}

/// The longest side of a thumbnail, in pixels.
pub const THUMBNAIL_SIDE: u32 = 240;

/// Checks a file and makes what is stored of it. CPU-heavy for images: call it off the
/// async threads (`spawn_blocking`).
pub fn prepare(bytes: &[u8], limits: &Limits) -> Result<Prepared, Refused> {
    if bytes.is_empty() {
        return Err(Refused::Empty);
    }
    if bytes.len() > limits.max_bytes {
        return Err(Refused::TooLarge {
            size: bytes.len(),
            max: limits.max_bytes,
        });
    }
    match detect(bytes).map_err(|what| Refused::Unsupported { what })? {
        Detected::Pdf => Ok(Prepared {
            media_type: MediaType::Pdf,
            content: bytes.to_vec(),
            thumbnail: None,
        }),
        Detected::Jpeg => image(bytes, ImageFormat::Jpeg, limits),
        Detected::Png => image(bytes, ImageFormat::Png, limits),
        Detected::Heic => {
            let jpeg = crate::heic::to_jpeg(bytes)?;
            image(&jpeg, ImageFormat::Jpeg, limits)
        }
    }
}

fn unreadable(e: image::ImageError) -> Refused {
    Refused::Unreadable(format!("the image is damaged or incomplete ({e})"))
}

fn image(bytes: &[u8], format: ImageFormat, limits: &Limits) -> Result<Prepared, Refused> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut image_limits = image::Limits::default();
    // Memory for one decoded image: the pixel limit at four bytes a pixel, and some.
    image_limits.max_alloc = Some(limits.max_pixels.saturating_mul(4) + (64 << 20));
    reader.limits(image_limits);
    let mut decoder = reader.into_decoder().map_err(unreadable)?;
    let (w, h) = decoder.dimensions();
    let pixels = u64::from(w) * u64::from(h);
    if pixels > limits.max_pixels {
        return Err(Refused::TooManyPixels {
            pixels,
            max: limits.max_pixels,
        });
    }
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(unreadable)?;
    img.apply_orientation(orientation);
    let (media_type, content) = match format {
        ImageFormat::Png => {
            let mut out = Vec::new();
            img.write_with_encoder(PngEncoder::new(&mut out))
                .map_err(unreadable)?;
            (MediaType::Png, out)
        }
        _ => (MediaType::Jpeg, jpeg(&img, 90)?),
    };
    let thumbnail = jpeg(&img.thumbnail(THUMBNAIL_SIDE, THUMBNAIL_SIDE), 75)?;
    Ok(Prepared {
        media_type,
        content,
        thumbnail: Some(thumbnail),
    })
}

/// JPEG has no transparency: an image with an alpha channel is flattened to RGB.
fn jpeg(img: &DynamicImage, quality: u8) -> Result<Vec<u8>, Refused> {
    let mut out = Vec::new();
    let rgb = DynamicImage::ImageRgb8(img.to_rgb8());
    rgb.write_with_encoder(JpegEncoder::new_with_quality(&mut out, quality))
        .map_err(unreadable)?;
    Ok(out)
}

#[cfg(test)]
mod tests;
