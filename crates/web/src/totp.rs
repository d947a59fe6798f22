//! Time-based one-time passwords (RFC 6238): HMAC-SHA1 over 30-second steps, six digits, the
//! parameters every authenticator app uses by default. Public so that tests and scripts can
//! compute the code of a secret the way an app does.

use hmac::{Hmac, KeyInit, Mac};
use rand::RngCore;
use sha1::Sha1;

/// Seconds per step.
pub const STEP_SECONDS: i64 = 30;
/// Steps either side of now that are accepted, for clocks that drift a little.
const SKEW: i64 = 1;
const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// A new random 160-bit secret, base32 as authenticator apps take it.
pub fn new_secret() -> String {
    let mut key = [0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut key);
    base32_encode(&key)
}

pub fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// Decodes base32, ignoring spaces, case and padding (people copy secrets in groups).
pub fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for c in text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '=' && *c != '-')
    {
        let v = ALPHABET
            .iter()
            .position(|a| *a as char == c.to_ascii_uppercase())? as u32;
        buffer = (buffer << 5) | v;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The step a time (seconds since the epoch) falls in.
pub fn step_of(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(STEP_SECONDS)
}

/// The current step.
pub fn current_step() -> i64 {
    step_of(chrono::Utc::now().timestamp())
}

/// The six-digit code of `secret` (base32) for `step`, zero-padded.
pub fn code(secret: &str, step: i64) -> Option<String> {
    let key = base32_decode(secret)?;
    let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(&key).ok()?;
    mac.update(&step.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = (digest[digest.len() - 1] & 0x0f) as usize;
    let bin = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    Some(format!("{:06}", bin % 1_000_000))
}

/// The step whose code `submitted` is, among the steps around `now_step`; the caller must then
/// claim the step so that the code cannot be used again.
pub fn matching_step(secret: &str, submitted: &str, now_step: i64) -> Option<i64> {
    let submitted: String = submitted.chars().filter(|c| !c.is_whitespace()).collect();
    if submitted.len() != 6 || !submitted.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    (now_step - SKEW..=now_step + SKEW).find(|step| {
        code(secret, *step).is_some_and(|c| {
            // Constant-time enough: both are six ASCII digits; compare all of them.
            c.bytes()
                .zip(submitted.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
        })
    })
}

/// The `otpauth://` URI authenticator apps read (from a QR code or pasted).
pub fn otpauth_uri(issuer: &str, account: &str, secret: &str) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    format!(
        "otpauth://totp/{}:{}?secret={secret}&issuer={}&algorithm=SHA1&digits=6&period={STEP_SECONDS}",
        enc(issuer),
        enc(account),
        enc(issuer)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1: the secret is ASCII "12345678901234567890".
    #[test]
    fn matches_the_rfc_test_vectors() {
        let secret = base32_encode(b"12345678901234567890");
        for (t, expected) in [
            (59, "94287082"),
            (1111111109, "07081804"),
            (1234567890, "89005924"),
            (2000000000, "69279037"),
        ] {
            // Six digits are the last six of the RFC's eight.
            assert_eq!(code(&secret, step_of(t)).unwrap(), expected[2..]);
        }
    }

    #[test]
    fn base32_round_trips_and_accepts_groups() {
        let s = new_secret();
        assert_eq!(s.len(), 32);
        let bytes = base32_decode(&s).unwrap();
        assert_eq!(base32_encode(&bytes), s);
        assert_eq!(base32_decode("jbsw y3dp"), base32_decode("JBSWY3DP"));
        assert!(base32_decode("not base32!").is_none());
    }

    #[test]
    fn codes_are_accepted_around_now_only() {
        let s = new_secret();
        let now = 1_000_000;
        for step in [now - 1, now, now + 1] {
            assert_eq!(matching_step(&s, &code(&s, step).unwrap(), now), Some(step));
        }
        assert_eq!(matching_step(&s, &code(&s, now - 2).unwrap(), now), None);
        assert_eq!(matching_step(&s, "12345", now), None);
        assert!(otpauth_uri("Corridor", "lead user", &s).contains("lead%20user?secret="));
    }
}
