//! Recognizing columns: the documented standard names, the variants lists really use, and a
//! mapping file for everything else.

use std::collections::HashMap;

/// The standard columns of a Corridor list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    RecordId,
    GivenName,
    FamilyName,
    FullName,
    FatherName,
    DateOfBirth,
    Sex,
    NationalId,
    Passport,
    Phone,
    Email,
    Address,
    Province,
    Household,
    Needs,
    Notes,
}

impl Field {
    pub const ALL: [Field; 16] = [
        Field::RecordId,
        Field::GivenName,
        Field::FamilyName,
        Field::FullName,
        Field::FatherName,
        Field::DateOfBirth,
        Field::Sex,
        Field::NationalId,
        Field::Passport,
        Field::Phone,
        Field::Email,
        Field::Address,
        Field::Province,
        Field::Household,
        Field::Needs,
        Field::Notes,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Field::RecordId => "record_id",
            Field::GivenName => "given_name",
            Field::FamilyName => "family_name",
            Field::FullName => "full_name",
            Field::FatherName => "father_name",
            Field::DateOfBirth => "date_of_birth",
            Field::Sex => "sex",
            Field::NationalId => "national_id",
            Field::Passport => "passport",
            Field::Phone => "phone",
            Field::Email => "email",
            Field::Address => "address",
            Field::Province => "province",
            Field::Household => "household",
            Field::Needs => "needs",
            Field::Notes => "notes",
        }
    }

    /// Header spellings seen in real lists, compared after [`fold`].
    fn variants(self) -> &'static [&'static str] {
        match self {
            Field::RecordId => &[
                "recordid",
                "id",
                "no",
                "number",
                "sno",
                "serial",
                "ref",
                "reference",
                "caseno",
            ],
            Field::GivenName => &["givenname", "firstname", "first", "forename", "name", "نام"],
            Field::FamilyName => &["familyname", "lastname", "surname", "last", "tribe", "تخلص"],
            Field::FullName => &[
                "fullname",
                "applicantname",
                "nameofapplicant",
                "completename",
            ],
            Field::FatherName => &[
                "fathername",
                "fathersname",
                "nameoffather",
                "ولدیت",
                "نامپدر",
            ],
            Field::DateOfBirth => &[
                "dateofbirth",
                "dob",
                "birthdate",
                "birthday",
                "born",
                "yearofbirth",
                "تاریختولد",
            ],
            Field::Sex => &["sex", "gender", "جنسیت"],
            Field::NationalId => &[
                "nationalid",
                "tazkira",
                "tazkera",
                "tazkiranumber",
                "tazkirano",
                "tazkerano",
                "tazkiraid",
                "nid",
                "eid",
                "تذکره",
            ],
            Field::Passport => &["passport", "passportno", "passportnumber", "پاسپورت"],
            Field::Phone => &[
                "phone",
                "mobile",
                "phonenumber",
                "mobilenumber",
                "mobileno",
                "phoneno",
                "cell",
                "whatsapp",
                "contactnumber",
                "tel",
                "telephone",
                "شماره",
            ],
            Field::Email => &["email", "emailaddress", "mail"],
            Field::Address => &["address", "currentaddress", "residence", "آدرس"],
            Field::Province => &["province", "provinceoforigin", "ولایت"],
            Field::Household => &[
                "household",
                "householdid",
                "family",
                "familyid",
                "familyno",
                "group",
                "case",
                "caseid",
                "householdkey",
            ],
            Field::Needs => &[
                "needs",
                "need",
                "request",
                "assistance",
                "assistanceneeded",
                "situation",
            ],
            Field::Notes => &["notes", "note", "comments", "comment", "remarks"],
        }
    }
}

/// Lower case, without spaces, punctuation or a stray byte-order mark: "Tazkira No." and
/// "tazkira_no" both become "tazkirano".
pub fn fold(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// What a file's columns mean: the field each column holds, by position.
#[derive(Debug, Clone, Default)]
pub struct ColumnMap {
    pub fields: Vec<Option<Field>>,
}

/// Header → field names given by staff for lists with their own columns. One mapping per line:
/// `Header as written = field_name`; `#` starts a comment; `field_name` may be `ignore`.
#[derive(Debug, Clone, Default)]
pub struct Mapping {
    by_header: HashMap<String, Option<Field>>,
}

impl Mapping {
    pub fn parse(text: &str) -> Result<Mapping, String> {
        let mut by_header = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim().trim_start_matches('\u{feff}');
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((header, field)) = line.rsplit_once('=') else {
                return Err(format!("line {}: expected `Header = field_name`", n + 1));
            };
            let field = field.trim();
            let target = if field.eq_ignore_ascii_case("ignore") {
                None
            } else {
                Some(
                    Field::ALL
                        .into_iter()
                        .find(|f| f.name() == field)
                        .ok_or_else(|| {
                            format!(
                                "line {}: {field:?} is not a column Corridor knows; use one of {}",
                                n + 1,
                                Field::ALL.map(Field::name).join(", ")
                            )
                        })?,
                )
            };
            by_header.insert(fold(header), target);
        }
        Ok(Mapping { by_header })
    }
}

impl ColumnMap {
    /// Recognizes each header; a mapping wins over the built-in variants. Only the first
    /// column of a field is used, so a stray second "Name" cannot overwrite the first.
    pub fn recognize(headers: &[String], mapping: Option<&Mapping>) -> ColumnMap {
        let mut taken = Vec::new();
        let fields = headers
            .iter()
            .map(|h| {
                let folded = fold(h);
                let field = match mapping.and_then(|m| m.by_header.get(&folded)) {
                    Some(mapped) => *mapped,
                    None => Field::ALL
                        .into_iter()
                        .find(|f| f.variants().contains(&folded.as_str())),
                };
                match field {
                    Some(f) if !taken.contains(&f) => {
                        taken.push(f);
                        Some(f)
                    }
                    _ => None,
                }
            })
            .collect();
        ColumnMap { fields }
    }

    pub fn has(&self, field: Field) -> bool {
        self.fields.contains(&Some(field))
    }

    /// True when the columns can name a person at all.
    pub fn names_people(&self) -> bool {
        [
            Field::GivenName,
            Field::FamilyName,
            Field::FullName,
            Field::NationalId,
            Field::Passport,
            Field::Phone,
            Field::Email,
        ]
        .iter()
        .any(|f| self.has(*f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn header_variants_are_recognized() {
        let map = ColumnMap::recognize(
            &h(&[
                "\u{feff}First Name",
                "Father Name",
                "DOB",
                "Tazkira No.",
                "Mobile",
                "Whatever",
            ]),
            None,
        );
        assert_eq!(
            map.fields,
            vec![
                Some(Field::GivenName),
                Some(Field::FatherName),
                Some(Field::DateOfBirth),
                Some(Field::NationalId),
                Some(Field::Phone),
                None
            ]
        );
    }

    #[test]
    fn a_mapping_file_names_other_columns() {
        let m = Mapping::parse("# ours\nNom = given_name\nMobile = ignore\n").unwrap();
        let map = ColumnMap::recognize(&h(&["Nom", "Mobile"]), Some(&m));
        assert_eq!(map.fields, vec![Some(Field::GivenName), None]);
        let err = Mapping::parse("Nom = prenom").unwrap_err();
        assert!(
            err.contains("line 1") && err.contains("given_name"),
            "{err}"
        );
    }
}
