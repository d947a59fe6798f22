//! Finding requesters by phone or email. Their contact details are sealed at rest, so SQL
//! cannot compare them: each requester's phones and emails are also kept as keyed hashes of
//! one canonical form (a phone in E.164, an email lower-cased), written when the requester
//! writes and compared in SQL when someone searches.

use chrono::{DateTime, Utc};
use corridor_domain::{CaseId, InquiryId, ReferenceNumber, RequesterId, RequesterKind};

use crate::crypto::Cipher;

/// A phone or an email as someone typed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contact {
    Phone(String),
    Email(String),
}

impl Contact {
    /// The canonical form that two spellings of one contact share, or None when the value is
    /// no phone or email at all (then nothing can be found by it, and nothing is kept).
    pub fn canonical(&self) -> Option<String> {
        match self {
            // "+93 70 123 4567", "0701234567" and "0093701234567" are one number.
            Contact::Phone(p) => corridor_matching::normalize::phone::normalize(p)
                .ok()
                .map(|e164| format!("phone:{e164}")),
            Contact::Email(e) => {
                let e = e.trim().to_lowercase();
                (e.contains('@') && e.len() > 2).then(|| format!("email:{e}"))
            }
        }
    }

    /// The key stored in `requester_contacts.contact_key`.
    pub fn key(&self, cipher: &Cipher) -> Option<String> {
        self.canonical()
            .map(|c| cipher.blind("requester-contact", &c))
    }
}

/// The keys under which a requester with this phone and email is found.
pub fn contact_keys(cipher: &Cipher, phone: Option<&str>, email: Option<&str>) -> Vec<String> {
    let mut keys: Vec<String> = [
        phone.map(|p| Contact::Phone(p.to_string())),
        email.map(|e| Contact::Email(e.to_string())),
    ]
    .into_iter()
    .flatten()
    .filter_map(|c| c.key(cipher))
    .collect();
    keys.dedup();
    keys
}

/// The numbers a person's phone field gives, each in its canonical form (see
/// [`Contact::canonical`]): one field may hold two, "0701234567 / +923001234567".
pub fn person_phones(phone: Option<&str>) -> Vec<String> {
    let mut phones: Vec<String> = phone
        .into_iter()
        .flat_map(|p| p.split([',', ';', '/', '|']))
        .filter_map(|p| Contact::Phone(p.to_string()).canonical())
        .collect();
    phones.sort();
    phones.dedup();
    phones
}

/// The key under which a person with this canonical phone (see [`person_phones`]) is found
/// in `person_contacts`.
pub fn person_phone_key(cipher: &Cipher, canonical: &str) -> String {
    cipher.blind("requester-contact", canonical)
}

/// The keys under which a person whose record gives this phone field is found (kept in
/// `person_contacts`).
pub fn person_phone_keys(cipher: &Cipher, phone: Option<&str>) -> Vec<String> {
    let mut keys: Vec<String> = person_phones(phone)
        .iter()
        .map(|c| person_phone_key(cipher, c))
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// A requester found by a phone or an email (see
/// [`IntakeStore::requesters_by_contact`](crate::IntakeStore::requesters_by_contact)).
#[derive(Debug, Clone, PartialEq)]
pub struct RequesterHit {
    pub id: RequesterId,
    pub kind: RequesterKind,
    pub name: String,
    /// Their requests not purged, newest first.
    pub inquiries: Vec<RequesterInquiry>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RequesterInquiry {
    pub id: InquiryId,
    pub reference: ReferenceNumber,
    pub case_id: Option<CaseId>,
    pub received_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_a_number_is_one_contact() {
        let one = Contact::Phone("+93 70 123 4567".into()).canonical();
        assert!(one.is_some());
        for other in ["0701234567", "0093701234567", "+93-70-123-4567"] {
            assert_eq!(Contact::Phone(other.into()).canonical(), one, "{other}");
        }
        assert_ne!(Contact::Phone("+92 300 1234567".into()).canonical(), one);
    }

    #[test]
    fn emails_ignore_case_and_non_contacts_are_nothing() {
        assert_eq!(
            Contact::Email(" Sponsor@Example.org ".into()).canonical(),
            Contact::Email("sponsor@example.org".into()).canonical()
        );
        assert_eq!(Contact::Email("nobody".into()).canonical(), None);
        assert_eq!(Contact::Phone("call me".into()).canonical(), None);
    }
}
