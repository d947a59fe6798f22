//! # corridor-scenario
//!
//! A seeded generator of a realistic synthetic surge of requests for help (Afghanistan, August and
//! September 2021), with the ground truth of who is who. The same seed always gives the same output.
//! It is the demo data of the app and the benchmark data of the matching engine, so it is hard in
//! the ways the real lists were hard. Every person is synthetic: names are drawn from tables of
//! common names, documents, phones and addresses are random.
//!
//! Two modes:
//! - [`generate`]: a [`Scenario`] of households, requesters and inquiries (web forms, emails,
//!   NGO spreadsheets, walk-ins, calls) whose [`SyntheticRecord`]s say who each inquiry is about.
//! - [`records`]: a flat stream of records for big benchmark files (1,000,000 records in a few
//!   seconds, bounded memory); every household is mentioned by 1–6 lists and the mentions are
//!   spread across the stream.
//!
//! ## What makes the records hard
//! - **Names.** Pashtun, Tajik, Hazara and Uzbek given names (single names, "Mohammad",
//!   "Ghulam" or "Sayed" before a name, -ullah names, Abdul- names, a name followed by "Khan",
//!   "Jan" or "Shah") and family names (-zai, -khil, -i); about a third of people have no family name. Each name has a Perso-Arabic form and the
//!   Latin spellings lists use (Mohammad/Muhammad/Mohammed/Mohamad/Mohd; Najibullah/Najib Ullah/
//!   Najibulla; Abdul Rahman/Abdulrahman/Abd al-Rahman; Yousuf/Yusuf/Yousef; Ahmadzai/Ahmadzay/
//!   Ahmad Zai). Every requester has its own spelling habits (hashed from its seed, so it spells a
//!   name the same way each time) plus per-record drift (q/k, ee/i, ou/u, -ullah/-ulla, kh/x),
//!   compound parts written together ("Mohammadali"), ALL CAPS lists, and one-edit typos in a few
//!   percent of fields.
//! - **Script.** About 10% of the demo's records are written in Perso-Arabic (applicants write
//!   theirs in Dari far more often than officials do), with Arabic-keyboard letters (ي/ك), final
//!   ة for ه, الله joined or apart, and sometimes Persian digits in dates and phones.
//! - **Columns.** The father's name put in the family-name column; a single full-name field
//!   ("Najibullah s/o Abdul Wahid", "Fatima d/o Ghulam Sakhi", "Maryam w/o Ahmad Shah", "son of",
//!   "bin", "ولد", "بنت", "Ahmadzai, Najibullah"); given and family swapped; US-government habits
//!   for people with one name ("FNU" as the given name, "LNU" or the name repeated as the family
//!   name).
//! - **Dates of birth.** ISO, day/month/year with / or ., US month/day/year, "17-MAY-1990",
//!   "17 May 1990", the year only, Solar Hijri years ("1369") and dates ("1369/02/27") as on a
//!   tazkira; people who know only their year appear as "1 January 1990", "01/01/1990", "1990",
//!   "1990 (approx.)" or an SH year. Missing often.
//! - **Documents and contacts.** Phones in every format (+93 70 123 4567, 0701234567,
//!   0093701234567, 070-123-4567; Pakistani +92 3XX numbers for people who crossed), shared by a
//!   household; tazkira numbers electronic (1398-0105-23456, with or without separators) or paper
//!   (volume/page/record, sometimes only the record number); passports for some; emails for some;
//!   typos in all of them.
//! - **Households.** A principal with spouse and children under 21, sometimes parents, brothers,
//!   sisters or a nephew. Brothers share the father's name, the family name, the phone and the
//!   address but are different people; a first son may carry his grandfather's name, so the
//!   principal's father and son can share a given name and family name. Unaccompanied minors.
//! - **Requesters.** State offices, other agencies, UNHCR/IOM/UNICEF, NGOs sending spreadsheets of
//!   dozens of households, sponsors writing about "their" family, congressional offices, and the
//!   people themselves (web form, email, phone, walk-in at the embassy in Islamabad). One household
//!   is asked about by 1–10 requesters, and requesters follow up, so the same people recur in many
//!   inquiries, each time written a little differently and often with only some of the family.
//! - **Time.** Received times follow the surge: rising after 20 August 2021, peaking in the last
//!   days of August, then a long tail as people reach the Pakistani border.
//!
//! ## Typical shares (100,000 streamed records; the demo is close)
//! About 47,000 people, 59% of them in more than one record (up to 6); 11% of records in
//! Perso-Arabic; 13% with only a full-name field and 8% with "s/o"-style names; date of birth
//! missing in 26%, phone present in 74%, tazkira in 51%. The demo: 900 households, about 2,400
//! people, 4,000 inquiries and about 9,000 records (people recur more: follow-ups, 1–10
//! requesters per household).
//!
//! ## Command line
//! `corridor-scenario --records N --seed S --out DIR` writes `DIR/records.csv` (header
//! [`SyntheticRecord::COLUMNS`]) and `DIR/truth.csv` (`record_id,person_id`);
//! `corridor-scenario --demo [--seed S] --out DIR` writes the demo's records and truth the same
//! way plus `inquiries.json` (the whole [`Scenario`], truth included).
//!
//! The truth ([`TruePerson`], [`TrueHousehold`]) carries canonical names (Latin and Perso-Arabic),
//! documents, location, risk tags and eligibility pathway; every record carries the `person_id`
//! it was rendered from.

mod hijri;
mod names;
mod render;
mod scenario;
mod stream;
mod text;
mod util;
mod world;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

pub use hijri::to_solar_hijri;
pub use scenario::generate;
pub use stream::{RecordStream, records};

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioConfig {
    pub seed: u64,
    pub households: usize,
    pub inquiries: usize,
    pub start: NaiveDate,
    pub days: u32,
}

impl ScenarioConfig {
    /// The demo: 900 households (about 2,000–2,500 people) and 4,000 inquiries over 21 days
    /// from 20 August 2021.
    ///
    /// `inquiries` is a target: every (household, requester) pair gets at least one message (NGO
    /// and UN lists group many households in one spreadsheet), and follow-ups fill up to the
    /// target. With few inquiries for many households there are more than `inquiries`.
    pub fn demo() -> Self {
        ScenarioConfig {
            seed: 20_210_815,
            households: 900,
            inquiries: 4000,
            start: NaiveDate::from_ymd_opt(2021, 8, 20).expect("valid date"),
            days: 21,
        }
    }
}

impl Default for ScenarioConfig {
    fn default() -> Self {
        Self::demo()
    }
}

/// A generated surge with its ground truth.
#[derive(Clone, Debug, Serialize)]
pub struct Scenario {
    pub requesters: Vec<Requester>,
    pub people: Vec<TruePerson>,
    pub households: Vec<TrueHousehold>,
    /// Sorted by `received_at`; keys are numbered in that order.
    pub inquiries: Vec<SyntheticInquiry>,
}

impl Scenario {
    /// All records of all inquiries, in inquiry order.
    pub fn records(&self) -> impl Iterator<Item = &SyntheticRecord> {
        self.inquiries.iter().flat_map(|i| i.records.iter())
    }

    /// The true person behind a `person_id` (ids are dense, starting at 1).
    pub fn person(&self, person_id: u64) -> Option<&TruePerson> {
        self.people
            .get(person_id.checked_sub(1)? as usize)
            .filter(|p| p.person_id == person_id)
    }
}

/// Who asked.
#[derive(Clone, Debug, Serialize)]
pub struct Requester {
    /// Stable key, e.g. "ngo-003", "sponsor-0117", "self-000042".
    pub key: String,
    pub name: String,
    /// One of: state_office, agency, international_org, ngo, sponsor, congressional, self.
    pub kind: &'static str,
    pub email: Option<String>,
    #[serde(skip)]
    pub(crate) style: render::Style,
}

/// One human being, as they really are.
#[derive(Clone, Debug, Serialize)]
pub struct TruePerson {
    /// Dense, starting at 1.
    pub person_id: u64,
    pub household_id: u64,
    /// principal, spouse, son, daughter, father, mother, brother, sister, other.
    pub relationship: &'static str,
    /// Canonical Latin spelling, e.g. "Mohammad Ali", "Najibullah".
    pub given: String,
    pub given_fa: String,
    pub family: Option<String>,
    pub family_fa: Option<String>,
    /// Father's given name (what a tazkira records), canonical Latin.
    pub father: String,
    pub father_fa: String,
    pub dob: NaiveDate,
    /// False when the person knows only the year (then `dob` is an arbitrary day in it).
    pub dob_exact: bool,
    /// "M" or "F".
    pub sex: &'static str,
    /// pashtun, tajik, hazara, uzbek.
    pub ethnicity: &'static str,
    /// Electronic "1398-0105-23456" or paper "volume/page/record" "12/345/6789".
    pub tazkira: String,
    pub passport: Option<String>,
    /// E.164, e.g. "+93701234567"; often the household's shared phone.
    pub phone: Option<String>,
    /// A Pakistani number ("+923001234567") for some who crossed or are at the border.
    pub phone_pk: Option<String>,
    pub email: Option<String>,
    /// Home province (canonical spelling).
    pub province: &'static str,
    /// Where they are now: "Kabul", a province, "Torkham border crossing", "Chaman border crossing",
    /// "Peshawar", "Quetta", "Islamabad", "Rawalpindi", "Karachi", "Mazar-i-Sharif".
    pub location: &'static str,
    /// Home address.
    pub address: String,
    /// interpreter, former_security, journalist, judge, womens_rights, minority,
    /// medical_emergency, unaccompanied_minor.
    pub risk: Vec<&'static str>,
    /// siv_com_submitted, siv_com_approved, siv_i360, siv_interview, p1, p2, parole,
    /// unhcr_registered, claims_no_record; None when no pathway is in play.
    pub pathway: Option<&'static str>,
    #[serde(skip)]
    pub(crate) keys: world::Keys,
}

/// The people who move together.
#[derive(Clone, Debug, Serialize)]
pub struct TrueHousehold {
    /// Dense, starting at 1.
    pub household_id: u64,
    /// "hh-000001".
    pub key: String,
    pub principal: u64,
    /// Person ids, principal first.
    pub members: Vec<u64>,
    pub ethnicity: &'static str,
    pub province: &'static str,
    pub location: &'static str,
    pub address: String,
    pub phone: String,
    pub phone_pk: Option<String>,
    pub pathway: Option<&'static str>,
    /// Union of the members' risk tags.
    pub risk: Vec<&'static str>,
}

/// One incoming request, as it arrived.
#[derive(Clone, Debug, Serialize)]
pub struct SyntheticInquiry {
    /// Stable, e.g. "inq-000123" (numbered in order of arrival).
    pub key: String,
    /// web_form, api, email, spreadsheet, walk_in, phone.
    pub channel: &'static str,
    /// Index into [`Scenario::requesters`].
    pub requester: usize,
    pub received_at: NaiveDateTime,
    /// evacuation, border_crossing, visa, refugee_referral, medical, protection, other.
    pub category: &'static str,
    pub subject: String,
    /// Free text as the requester wrote it (English, some Dari).
    pub body: String,
    /// The people this inquiry is about, as this requester wrote them.
    pub records: Vec<SyntheticRecord>,
    /// Households this inquiry is about (truth).
    pub household_ids: Vec<u64>,
}

/// One person as one requester wrote them. Empty string = absent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SyntheticRecord {
    /// Truth: who this really is.
    pub person_id: u64,
    pub record_id: String,
    pub given_name: String,
    pub family_name: String,
    pub full_name: String,
    pub father_name: String,
    pub date_of_birth: String,
    pub sex: String,
    pub national_id: String,
    pub passport: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub province: String,
    /// The household key as this requester writes it (their own numbering, or empty).
    pub household: String,
    pub needs: String,
    pub notes: String,
}

impl SyntheticRecord {
    /// Column names, in the order of [`SyntheticRecord::values`].
    pub const COLUMNS: [&'static str; 16] = [
        "record_id",
        "given_name",
        "family_name",
        "full_name",
        "father_name",
        "date_of_birth",
        "sex",
        "national_id",
        "passport",
        "phone",
        "email",
        "address",
        "province",
        "household",
        "needs",
        "notes",
    ];

    pub fn values(&self) -> [&str; 16] {
        [
            &self.record_id,
            &self.given_name,
            &self.family_name,
            &self.full_name,
            &self.father_name,
            &self.date_of_birth,
            &self.sex,
            &self.national_id,
            &self.passport,
            &self.phone,
            &self.email,
            &self.address,
            &self.province,
            &self.household,
            &self.needs,
            &self.notes,
        ]
    }
}

#[cfg(test)]
mod tests;
