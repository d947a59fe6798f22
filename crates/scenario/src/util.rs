//! Small random and string helpers.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

pub(crate) type R = ChaCha8Rng;

/// SplitMix64: a stateless hash used for choices that must stay consistent per requester.
pub(crate) fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

pub(crate) fn unit(h: u64) -> f64 {
    (h >> 11) as f64 / (1u64 << 53) as f64
}

pub(crate) fn chance(rng: &mut R, p: f64) -> bool {
    rng.r#gen::<f64>() < p
}

pub(crate) fn pick<T: Copy>(rng: &mut R, xs: &[T]) -> T {
    xs[rng.gen_range(0..xs.len())]
}

pub(crate) fn weighted<T: Copy>(rng: &mut R, xs: &[(T, u32)]) -> T {
    let total: u32 = xs.iter().map(|x| x.1).sum();
    let mut r = rng.gen_range(0..total);
    for &(v, w) in xs {
        if r < w {
            return v;
        }
        r -= w;
    }
    xs[xs.len() - 1].0
}

/// An index skewed towards the start of a table (the tables are ordered by frequency).
pub(crate) fn skewed(rng: &mut R, len: usize) -> usize {
    let u: f64 = rng.r#gen();
    ((u * u * 0.85 + u * 0.15) * len as f64).min(len as f64 - 1.0) as usize
}

pub(crate) fn digits(rng: &mut R, n: usize) -> String {
    (0..n)
        .map(|_| char::from(b'0' + rng.gen_range(0..10u8)))
        .collect()
}

/// One keyboard-style edit: substitute, delete, duplicate or transpose one letter.
pub(crate) fn typo(rng: &mut R, s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let idx: Vec<usize> = (0..chars.len())
        .filter(|&i| chars[i].is_alphanumeric())
        .collect();
    if idx.len() < 3 {
        return s.to_string();
    }
    // Rarely the first letter: people get the start of a name right.
    let i = idx[rng.gen_range(1..idx.len())];
    let mut out = chars.clone();
    match rng.gen_range(0..4) {
        0 => {
            let c = chars[i];
            out[i] = if c.is_ascii_digit() {
                char::from(b'0' + ((c as u8 - b'0' + rng.gen_range(1..10u8)) % 10))
            } else if c.is_ascii_alphabetic() {
                let base = if c.is_ascii_uppercase() { b'A' } else { b'a' };
                let near = NEAR.iter().find(|(k, _)| *k == c.to_ascii_lowercase());
                match near {
                    Some((_, alts)) => {
                        let a = alts.as_bytes()[rng.gen_range(0..alts.len())];
                        if base == b'A' {
                            a.to_ascii_uppercase() as char
                        } else {
                            a as char
                        }
                    }
                    None => char::from(base + rng.gen_range(0..26u8)),
                }
            } else {
                c
            };
        }
        1 => {
            out.remove(i);
        }
        2 => out.insert(i, chars[i]),
        _ => {
            if i + 1 < out.len() && out[i + 1].is_alphanumeric() {
                out.swap(i, i + 1);
            } else {
                out.swap(i - 1, i);
            }
        }
    }
    out.into_iter().collect()
}

static NEAR: &[(char, &str)] = &[
    ('a', "seqz"),
    ('b', "vnhg"),
    ('c', "xvd"),
    ('d', "sfe"),
    ('e', "wrd"),
    ('f', "dgr"),
    ('g', "fht"),
    ('h', "gjy"),
    ('i', "uok"),
    ('j', "hku"),
    ('k', "jli"),
    ('l', "kop"),
    ('m', "nj"),
    ('n', "bmh"),
    ('o', "ipl"),
    ('p', "ol"),
    ('q', "wa"),
    ('r', "etf"),
    ('s', "adw"),
    ('t', "ryg"),
    ('u', "yij"),
    ('v', "cbf"),
    ('w', "qes"),
    ('x', "zc"),
    ('y', "tuh"),
    ('z', "xa"),
];

pub(crate) fn persian_digits(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                char::from_u32(0x06F0 + (c as u32 - '0' as u32)).unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}
