//! Search: one typed line read as what it most likely is (a phone, an identity document, an
//! email, or a name with an optional father's name, birth year and province), and the known
//! records ranked for it by the same scoring as matching.
//!
//! A query is sparse (a name and little else), so the matcher's verdicts would call almost
//! every candidate "different people": search ranks by probability instead of filtering by
//! outcome, and reads a query in several ways at once ([`PersonQuery::readings`]), keeping
//! each record's best score.

use crate::compare::{Field, Level};
use crate::index::{Candidate, MatchIndex};
use crate::normalize::{ascii_digits, document, name, phone};
use crate::record::Record;

/// What a search line was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QueryKind {
    Phone,
    /// A tazkira (paper or electronic) or passport number.
    Document,
    Email,
    Name,
}

impl QueryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QueryKind::Phone => "phone",
            QueryKind::Document => "document",
            QueryKind::Email => "email",
            QueryKind::Name => "name",
        }
    }

    /// The fields one of which must agree for a record to be found by an identifier; None
    /// for names, whose results are ranked rather than filtered.
    fn required(self) -> Option<&'static [Field]> {
        match self {
            QueryKind::Phone => Some(&[Field::Phone]),
            QueryKind::Document => Some(&[Field::NationalId, Field::Passport]),
            QueryKind::Email => Some(&[Field::Email]),
            QueryKind::Name => None,
        }
    }
}

/// A search line as person records to look for.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonQuery {
    pub kind: QueryKind,
    /// The ways the line may be meant; a record's score is its best against any of them.
    pub readings: Vec<Record>,
}

/// Years typed beside a name are birth years (Gregorian or Solar Hijri).
fn as_year(token: &str) -> Option<&str> {
    let t = token.trim_matches(|c: char| !c.is_ascii_digit());
    let y: i32 = t.parse().ok().filter(|_| t.len() == 4)?;
    ((1300..=1410).contains(&y) || (1900..=2035).contains(&y)).then_some(t)
}

/// Words that introduce a year or a place ("born 1990", "from Kabul"), not names.
const GLUE: &[&str] = &[
    "born", "b", "dob", "from", "in", "of", "province", "year", "age",
];

/// Reads a search line; None when it holds nothing to look for.
pub fn read_query(text: &str) -> Option<PersonQuery> {
    let text = ascii_digits(text.trim());
    if text.is_empty() {
        return None;
    }
    let record = |f: &dyn Fn(&mut Record)| {
        let mut r = Record::default();
        f(&mut r);
        r
    };
    if text.contains('@') {
        let e = document::email(&text).unwrap_or_else(|_| text.to_lowercase());
        return Some(PersonQuery {
            kind: QueryKind::Email,
            readings: vec![record(&|r| r.email = Some(e.clone()))],
        });
    }
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    // Only digits and separators: a phone if it reads as one, else a document.
    let numeric = letters == 0 && digits >= 6;
    if numeric && (phone::normalize(&text).is_ok() || pakistani_local(&text)) {
        return Some(PersonQuery {
            kind: QueryKind::Phone,
            readings: vec![record(&|r| r.phone = Some(text.clone()))],
        });
    }
    // A passport has letters and digits with no space-separated words; a labelled paper
    // tazkira ("vol 12 p 34 rec 5678") has words and digits.
    // Typed with a space or a dash after the letter ("P 0123 4567"): the same number.
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    let text = if letters <= 2 && digits >= 6 && compact.chars().all(|c| c.is_ascii_alphanumeric())
    {
        compact
    } else {
        text
    };
    let passport_like = digits >= 1
        && !text.contains(' ')
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && document::passport(&text).is_ok();
    let tazkira = document::tazkira(&text).ok();
    if numeric || passport_like || (tazkira.is_some() && digits >= 6) {
        let mut readings = Vec::new();
        if tazkira.is_some() {
            readings.push(record(&|r| r.national_id = Some(text.clone())));
        }
        if document::passport(&text).is_ok() {
            readings.push(record(&|r| r.passport = Some(text.clone())));
        }
        if !readings.is_empty() {
            return Some(PersonQuery {
                kind: QueryKind::Document,
                readings,
            });
        }
    }
    read_name(&text)
}

/// "03001234567": a Pakistani mobile number as written in Pakistan.
fn pakistani_local(s: &str) -> bool {
    let d: String = s.chars().filter(char::is_ascii_digit).collect();
    d.len() == 11 && d.starts_with("03")
}

fn read_name(text: &str) -> Option<PersonQuery> {
    let cleaned: String = text
        .chars()
        .map(|c| {
            if matches!(c, ',' | ';' | '(' | ')') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut words: Vec<&str> = cleaned.split_whitespace().collect();
    let mut year = None;
    words.retain(|w| match as_year(w) {
        Some(y) if year.is_none() => {
            year = Some(y.to_string());
            false
        }
        _ => true,
    });
    // A province among the last words (one or two: "Mazar e Sharif" has three), when a name
    // is left beside it.
    let mut province = None;
    for n in [3, 2, 1] {
        if words.len() > n {
            let tail = words[words.len() - n..].join(" ");
            if crate::record::is_province(&tail) {
                province = Some(tail);
                words.truncate(words.len() - n);
                break;
            }
        }
    }
    while words
        .last()
        .is_some_and(|w| GLUE.contains(&w.to_lowercase().trim_end_matches('.')))
    {
        words.pop();
    }
    let mut full = words.join(" ");
    if full.trim().is_empty() || name::is_placeholder(&full) {
        return None;
    }
    // "Nouri, Mohammad Qasim": one comma after a name or two says the family name comes
    // first, as lists sorted by family name write it; the comma is kept for the splitter.
    let head_words = text
        .split_once(',')
        .filter(|_| text.matches(',').count() == 1)
        .map(|(head, _)| head)
        .filter(|head| !head.chars().any(|c| c.is_ascii_digit()))
        .map_or(0, |head| head.split_whitespace().count());
    let family_first = (1..=3).contains(&head_words) && words.len() > head_words;
    if family_first {
        full = format!(
            "{}, {}",
            words[..head_words].join(" "),
            words[head_words..].join(" ")
        );
    }
    let base = Record {
        date_of_birth: year,
        province,
        ..Record::default()
    };
    // The whole line as one full name (the normalizer splits "s/o" and "ولد"), and the same
    // split into given, family and father's names: stored records hold either shape, and
    // blocking meets each on different keys.
    let split = name::split_full_name(&full);
    let marked = split.father.is_some() || split.spouse.is_some() || family_first;
    let mut readings = vec![Record {
        full_name: Some(full.clone()),
        ..base.clone()
    }];
    if split.family.is_some() || marked {
        readings.push(Record {
            given_name: Some(split.given.clone()),
            family_name: split.family.clone(),
            father_name: split.father.clone(),
            ..base.clone()
        });
    }
    // Without a marker, a line of several names may be a given name followed by a family
    // name or by the father's name (as on a tazkira): the first unit alone as the given
    // name, with the last as family name, and with the rest as father's name. A first unit
    // alone also meets records that give nothing else.
    let units = name::folded_units(&full);
    if !marked && units.len() >= 2 {
        let first = units[0].clone();
        let rest = units[1..].join(" ");
        readings.push(Record {
            given_name: Some(first.clone()),
            family_name: units.last().cloned(),
            ..base.clone()
        });
        readings.push(Record {
            given_name: Some(first.clone()),
            father_name: Some(rest),
            ..base.clone()
        });
        readings.push(Record {
            given_name: Some(first),
            ..base
        });
    }
    Some(PersonQuery {
        kind: QueryKind::Name,
        readings,
    })
}

/// One known record found by a search.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub candidate: Candidate,
    /// The fields that agreed (exactly, closely or in part), strongest first.
    pub why: Vec<(Field, Level)>,
}

impl MatchIndex {
    /// Known records for a search, best first, at most `limit`: every record sharing a
    /// blocking key with a reading of the query (names probed at every birth year when the
    /// query gives none), scored as matching scores a pair. Records found by an identifier
    /// must agree on it.
    pub fn search(&self, query: &PersonQuery, limit: usize) -> Vec<Hit> {
        let mut best: crate::util::FxMap<u64, Candidate> = Default::default();
        for reading in &query.readings {
            for c in self.search_reading(reading) {
                match best.get(&c.id) {
                    Some(b) if b.probability >= c.probability => {}
                    _ => {
                        best.insert(c.id, c);
                    }
                }
            }
        }
        let required = query.kind.required();
        let mut hits: Vec<Hit> = best
            .into_values()
            .filter_map(|candidate| {
                let mut why: Vec<(Field, Level, f64)> = candidate
                    .evidence
                    .fields
                    .iter()
                    .filter(|f| f.level >= Level::Partial && f.weight > 0.0)
                    .map(|f| (f.field, f.level, f.weight))
                    .collect();
                if let Some(fields) = required
                    && !why
                        .iter()
                        .any(|(f, l, _)| fields.contains(f) && *l >= Level::Close)
                {
                    return None;
                }
                why.sort_by(|a, b| b.2.total_cmp(&a.2));
                Some(Hit {
                    why: why.into_iter().map(|(f, l, _)| (f, l)).collect(),
                    candidate,
                })
            })
            .collect();
        hits.sort_by(|a, b| {
            b.candidate
                .probability
                .total_cmp(&a.candidate.probability)
                .then(a.candidate.id.cmp(&b.candidate.id))
        });
        hits.truncate(limit);
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_read_as_what_they_are() {
        for (line, kind) in [
            ("+93 70 123 4567", QueryKind::Phone),
            ("0701234567", QueryKind::Phone),
            ("0093701234567", QueryKind::Phone),
            ("+92 300 1234567", QueryKind::Phone),
            ("03001234567", QueryKind::Phone),
            ("۰۷۰۱۲۳۴۵۶۷", QueryKind::Phone),
            ("1400-0101-12345", QueryKind::Document),
            ("140001011234", QueryKind::Document),
            ("371/12/903", QueryKind::Document),
            ("P01234567", QueryKind::Document),
            ("p 0123 4567", QueryKind::Document),
            ("someone@example.org", QueryKind::Email),
            ("Najibullah s/o Abdul Wahid", QueryKind::Name),
            ("نجیب الله ولد عبدالوهاب", QueryKind::Name),
            ("Fatima 1995 Kabul", QueryKind::Name),
        ] {
            assert_eq!(read_query(line).map(|q| q.kind), Some(kind), "{line}");
        }
        assert!(read_query("   ").is_none());
    }

    #[test]
    fn a_name_line_gives_its_year_province_and_father() {
        let q = read_query("Najibullah Ahmadzai s/o Abdul Wahid, born 1990, Kabul").unwrap();
        let split = &q.readings[1];
        assert_eq!(split.given_name.as_deref(), Some("Najibullah"));
        assert_eq!(split.father_name.as_deref(), Some("Abdul Wahid"));
        assert_eq!(split.date_of_birth.as_deref(), Some("1990"));
        assert_eq!(split.province.as_deref(), Some("Kabul"));
    }

    #[test]
    fn a_comma_puts_the_family_name_first() {
        let q = read_query("NOURI, MOHAMMAD QASIM 1995").unwrap();
        let split = &q.readings[1];
        assert_eq!(split.given_name.as_deref(), Some("MOHAMMAD QASIM"));
        assert_eq!(split.family_name.as_deref(), Some("NOURI"));
        assert_eq!(split.date_of_birth.as_deref(), Some("1995"));
        // Only the family-first reading: "NOURI" is not taken for a given name.
        assert!(
            q.readings
                .iter()
                .all(|r| r.given_name.as_deref() != Some("NOURI"))
        );
    }

    #[test]
    fn a_province_alone_stays_a_name() {
        let q = read_query("Kabul").unwrap();
        assert_eq!(q.readings[0].full_name.as_deref(), Some("Kabul"));
        assert_eq!(q.readings[0].province, None);
    }

    fn rec(given: &str, family: &str, father: &str, dob: &str, phone: &str) -> Record {
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        Record {
            given_name: some(given),
            family_name: some(family),
            father_name: some(father),
            date_of_birth: some(dob),
            phone: some(phone),
            ..Record::default()
        }
    }

    #[test]
    fn the_person_meant_comes_first_in_any_spelling() {
        let mut index = MatchIndex::new();
        let people = [
            rec(
                "Najibullah",
                "Ahmadzai",
                "Abdul Wahid",
                "1990-04-02",
                "+93 70 123 4567",
            ),
            rec(
                "Shabnam",
                "Ahmadzai",
                "Abdul Wahid",
                "1992",
                "+93 70 123 4567",
            ),
            rec(
                "Najibullah",
                "Stanikzai",
                "Rahim",
                "1975",
                "+93 79 900 0111",
            ),
            rec(
                "Fatima",
                "Rahimi",
                "Ghulam Sakhi",
                "1985",
                "+92 300 1234567",
            ),
        ];
        for (i, r) in people.iter().enumerate() {
            index.insert(i as u64, r);
        }
        let first = |line: &str| {
            let hits = index.search(&read_query(line).unwrap(), 5);
            hits.first().map(|h| h.candidate.id)
        };
        assert_eq!(first("Najeebullah Ahmadzay"), Some(0));
        assert_eq!(first("najibullah s/o abdul wahid"), Some(0));
        assert_eq!(first("Najibullah Stanekzai 1975"), Some(2));
        assert_eq!(first("نجیب الله احمدزی"), Some(0));
        assert_eq!(
            first("Fatima"),
            Some(3),
            "a name alone, probed at every year"
        );
        // The family's phone finds both of them, and nobody else.
        let by_phone = index.search(&read_query("0701234567").unwrap(), 5);
        let mut ids: Vec<u64> = by_phone.iter().map(|h| h.candidate.id).collect();
        ids.sort_unstable();
        assert_eq!(ids, [0, 1]);
        assert_eq!(first("Zarmina Qaderi"), None);
    }
}
