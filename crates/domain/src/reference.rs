//! Reference numbers that a requester can quote on the phone: short, unambiguous when read
//! aloud (Crockford base32: no I, L, O, U), and random, so that knowing one reveals nothing
//! about any other.

use rand::Rng;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// 10 symbols = 50 random bits: a million inquiries collide with probability below 1 in 2,000,
/// and the store retries on the rare collision.
const SYMBOLS: usize = 10;
const PREFIX: &str = "CR";

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(try_from = "String", into = "String")]
#[schema(value_type = String, example = "CR-7K3MA-9QXPB")]
pub struct ReferenceNumber(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseReferenceError {
    #[error("a reference number looks like CR-XXXXX-XXXXX")]
    Shape,
    #[error("{0:?} cannot appear in a reference number")]
    Symbol(char),
}

impl ReferenceNumber {
    pub fn random<R: Rng + ?Sized>(rng: &mut R) -> Self {
        let body: String = (0..SYMBOLS)
            .map(|_| ALPHABET[rng.gen_range(0..32)] as char)
            .collect();
        ReferenceNumber(format!("{PREFIX}-{}-{}", &body[..5], &body[5..]))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for ReferenceNumber {
    type Err = ParseReferenceError;

    /// Accepts what people type: lower case, spaces or no dashes, and the letters Crockford
    /// maps onto digits (O→0, I/L→1).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut compact: String = s
            .chars()
            .filter(|c| !matches!(c, '-' | ' ' | '\t'))
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if !compact.starts_with(PREFIX) {
            return Err(ParseReferenceError::Shape);
        }
        compact.drain(..PREFIX.len());
        if compact.chars().count() != SYMBOLS {
            return Err(ParseReferenceError::Shape);
        }
        let mut body = String::with_capacity(SYMBOLS);
        for c in compact.chars() {
            let c = match c {
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) {
                return Err(ParseReferenceError::Symbol(c));
            }
            body.push(c);
        }
        Ok(ReferenceNumber(format!(
            "{PREFIX}-{}-{}",
            &body[..5],
            &body[5..]
        )))
    }
}

impl TryFrom<String> for ReferenceNumber {
    type Error = ParseReferenceError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<ReferenceNumber> for String {
    fn from(r: ReferenceNumber) -> String {
        r.0
    }
}

impl fmt::Display for ReferenceNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_references_parse_back_and_differ() {
        let mut rng = rand::thread_rng();
        let a = ReferenceNumber::random(&mut rng);
        let b = ReferenceNumber::random(&mut rng);
        assert_ne!(a, b);
        assert_eq!(a.as_str().parse::<ReferenceNumber>().unwrap(), a);
        assert_eq!(a.as_str().len(), "CR-XXXXX-XXXXX".len());
    }

    #[test]
    fn typed_variants_are_understood() {
        let r: ReferenceNumber = "cr 7k3ma 9qxpo".parse().unwrap();
        assert_eq!(r.as_str(), "CR-7K3MA-9QXP0");
        let r: ReferenceNumber = "CR7K3MA9QXPB".parse().unwrap();
        assert_eq!(r.as_str(), "CR-7K3MA-9QXPB");
    }

    #[test]
    fn wrong_shapes_are_refused() {
        assert_eq!(
            "CR-123".parse::<ReferenceNumber>(),
            Err(ParseReferenceError::Shape)
        );
        assert_eq!(
            "XX-7K3MA-9QXPB".parse::<ReferenceNumber>(),
            Err(ParseReferenceError::Shape)
        );
        assert_eq!(
            "CR-7K3MA-9QXPU".parse::<ReferenceNumber>(),
            Err(ParseReferenceError::Symbol('U'))
        );
    }
}
