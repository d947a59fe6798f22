//! A [`MatchIndex`](crate::MatchIndex) as bytes, so that a server can start from the index it
//! had rather than normalizing every known record again (a million records take minutes of
//! CPU to normalize and seconds to train on; reading them back takes about a second).
//!
//! What is written is what normalization produced: the interned strings with their skeletons,
//! each record's prepared form and caller id (removed ones marked: their names still count in
//! the name frequencies), and the model. The blocking chains and the
//! name frequencies are rebuilt on reading (they follow from the prepared records and cost
//! little), which keeps the snapshot small and means a change to the blocking keys cannot be
//! read back wrong. The format is versioned; any other version, or bytes that do not parse
//! whole, are refused and the caller builds the index from the records instead.
//!
//! The snapshot holds personal data in normalized form (names, dates of birth, documents,
//! phones): this crate does no I/O, and whoever stores it must seal it.

use crate::model::Model;
use crate::normalize::date::{BirthDate, DatePrecision};
use crate::record::{Ids, Prepared};

/// The first bytes of every snapshot, with the format's version.
const MAGIC: &[u8; 8] = b"CRIDX\0\0\x01";

/// Why a snapshot could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SnapshotError {
    #[error("not a matching index snapshot of this version")]
    Version,
    #[error("the snapshot ends early or holds an impossible value at byte {0}")]
    Corrupt(usize),
}

pub(crate) struct Writer {
    pub(crate) out: Vec<u8>,
}

impl Writer {
    pub(crate) fn new() -> Self {
        let mut out = Vec::with_capacity(1 << 20);
        out.extend_from_slice(MAGIC);
        Writer { out }
    }
    pub(crate) fn u8(&mut self, v: u8) {
        self.out.push(v);
    }
    pub(crate) fn u32(&mut self, v: u32) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn u64(&mut self, v: u64) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn bytes(&mut self, b: &[u8]) {
        self.u32(b.len() as u32);
        self.out.extend_from_slice(b);
    }
    fn opt_str(&mut self, s: &Option<Box<str>>) {
        match s {
            Some(s) => {
                self.u8(1);
                self.bytes(s.as_bytes());
            }
            None => self.u8(0),
        }
    }
    fn ids<const N: usize>(&mut self, ids: &Ids<N>) {
        self.u8(ids.len() as u8);
        for &id in ids.iter() {
            self.u32(id);
        }
    }
    pub(crate) fn model(&mut self, model: &Model) {
        let json = serde_json::to_vec(model).expect("a model serializes");
        self.bytes(&json);
    }
    pub(crate) fn prepared(&mut self, p: &Prepared) {
        self.ids(&p.given);
        self.ids(&p.family);
        self.ids(&p.family_alt);
        self.u32(p.family_alt_full);
        self.ids(&p.father);
        self.u32(p.given_full);
        self.u32(p.family_full);
        self.u32(p.father_full);
        match p.dob {
            Some(d) => {
                self.u8(1);
                self.u32(d.year as u32);
                self.u8(d.month.unwrap_or(0));
                self.u8(d.day.unwrap_or(0));
                self.u8(match d.precision {
                    DatePrecision::Exact => 0,
                    DatePrecision::YearMonth => 1,
                    DatePrecision::YearOnly => 2,
                    DatePrecision::Placeholder => 3,
                    DatePrecision::SolarHijri => 4,
                });
            }
            None => self.u8(0),
        }
        self.u8(p.sex);
        self.opt_str(&p.tazkira);
        self.opt_str(&p.passport);
        self.u64(p.phone[0]);
        self.u64(p.phone[1]);
        self.opt_str(&p.email);
        self.ids(&p.address);
        self.u32(p.province);
    }
}

pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Result<Self, SnapshotError> {
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(SnapshotError::Version);
        }
        Ok(Reader {
            bytes,
            at: MAGIC.len(),
        })
    }
    pub(crate) fn corrupt(&self) -> SnapshotError {
        SnapshotError::Corrupt(self.at)
    }
    pub(crate) fn at_end(&self) -> bool {
        self.at == self.bytes.len()
    }
    fn take(&mut self, n: usize) -> Result<&'a [u8], SnapshotError> {
        let end = self.at.checked_add(n).ok_or(self.corrupt())?;
        let out = self.bytes.get(self.at..end).ok_or(self.corrupt())?;
        self.at = end;
        Ok(out)
    }
    pub(crate) fn u8(&mut self) -> Result<u8, SnapshotError> {
        Ok(self.take(1)?[0])
    }
    pub(crate) fn u32(&mut self) -> Result<u32, SnapshotError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes(b.try_into().expect("4 bytes")))
    }
    pub(crate) fn u64(&mut self) -> Result<u64, SnapshotError> {
        let b = self.take(8)?;
        Ok(u64::from_le_bytes(b.try_into().expect("8 bytes")))
    }
    pub(crate) fn bytes(&mut self) -> Result<&'a [u8], SnapshotError> {
        let n = self.u32()? as usize;
        self.take(n)
    }
    pub(crate) fn string(&mut self) -> Result<Box<str>, SnapshotError> {
        let at = self.at;
        let b = self.bytes()?;
        std::str::from_utf8(b)
            .map(Into::into)
            .map_err(|_| SnapshotError::Corrupt(at))
    }
    fn opt_str(&mut self) -> Result<Option<Box<str>>, SnapshotError> {
        match self.u8()? {
            0 => Ok(None),
            1 => Ok(Some(self.string()?)),
            _ => Err(self.corrupt()),
        }
    }
    /// Ids that must name interned strings (`vocab` of them) or be NONE.
    fn ids<const N: usize>(&mut self, vocab: usize) -> Result<Ids<N>, SnapshotError> {
        let n = self.u8()? as usize;
        if n > N {
            return Err(self.corrupt());
        }
        let mut v = [0u32; N];
        for slot in v.iter_mut().take(n) {
            *slot = self.id(vocab)?;
        }
        Ok(v[..n].iter().copied().collect())
    }
    fn id(&mut self, vocab: usize) -> Result<u32, SnapshotError> {
        let id = self.u32()?;
        if id != crate::util::NONE && id as usize >= vocab {
            return Err(self.corrupt());
        }
        Ok(id)
    }
    pub(crate) fn model(&mut self) -> Result<Model, SnapshotError> {
        let at = self.at;
        let b = self.bytes()?;
        serde_json::from_slice(b).map_err(|_| SnapshotError::Corrupt(at))
    }
    pub(crate) fn prepared(&mut self, vocab: usize) -> Result<Prepared, SnapshotError> {
        let given = self.ids(vocab)?;
        let family = self.ids(vocab)?;
        let family_alt = self.ids(vocab)?;
        let family_alt_full = self.id(vocab)?;
        let father = self.ids(vocab)?;
        let given_full = self.id(vocab)?;
        let family_full = self.id(vocab)?;
        let father_full = self.id(vocab)?;
        let dob = match self.u8()? {
            0 => None,
            1 => {
                let year = self.u32()? as i32;
                let month = Some(self.u8()?).filter(|&m| m != 0);
                let day = Some(self.u8()?).filter(|&d| d != 0);
                let precision = match self.u8()? {
                    0 => DatePrecision::Exact,
                    1 => DatePrecision::YearMonth,
                    2 => DatePrecision::YearOnly,
                    3 => DatePrecision::Placeholder,
                    4 => DatePrecision::SolarHijri,
                    _ => return Err(self.corrupt()),
                };
                Some(BirthDate {
                    year,
                    month,
                    day,
                    precision,
                })
            }
            _ => return Err(self.corrupt()),
        };
        let sex = self.u8()?;
        let tazkira = self.opt_str()?;
        let passport = self.opt_str()?;
        let phone = [self.u64()?, self.u64()?];
        let email = self.opt_str()?;
        let address = self.ids(vocab)?;
        let province = self.id(vocab)?;
        Ok(Prepared {
            given,
            family,
            family_alt,
            family_alt_full,
            father,
            given_full,
            family_full,
            father_full,
            dob,
            sex,
            tazkira,
            passport,
            phone,
            email,
            address,
            province,
        })
    }
}
