//! The situation report: the figures a task force lead sends every morning, for one day or a
//! period. Backends compute the raw aggregates in SQL (`ReportStore::sitrep_figures`, never
//! loading rows into memory); what is the same for every backend — the period's bounds, folding
//! raw locations into places, the backlog series, labels — lives here, once.
//!
//! Adding a section: one
//! field in [`SituationReport`] (serde carries it to JSON), one aggregate per backend in its
//! `sitrep.rs` (or one shared computation here), one block in the web's `sitrep.html`, and its
//! rows in the web's `sitrep::csv`.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use corridor_domain::{
    CaseCategory, CaseOutcome, CaseStatus, Channel, OverdueCount, Pathway, PathwayCount, Priority,
    RequesterKind,
};
use serde::{Deserialize, Serialize};

use crate::Refusal;
use crate::StoreError;

/// The longest period one report covers (its daily series has a row per day).
pub const MAX_DAYS: i64 = 366;

/// Age buckets of open cases, in days: `[0,1)`, `[1,3)`, … `[30,∞)`.
pub const AGE_BUCKETS: &[(&str, &str, i64, Option<i64>)] = &[
    ("lt1", "under 1 day", 0, Some(1)),
    ("1to3", "1–3 days", 1, Some(3)),
    ("3to7", "3–7 days", 3, Some(7)),
    ("7to14", "7–14 days", 7, Some(14)),
    ("14to30", "14–30 days", 14, Some(30)),
    ("gt30", "over 30 days", 30, None),
];

/// The days a report covers, whole UTC days from `from` to `to` inclusive. Figures about the
/// state of things (open cases, their age, where people are) are taken at `as_of`: the end of
/// the last day, or now when the period ends today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SitrepPeriod {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub as_of: DateTime<Utc>,
}

impl SitrepPeriod {
    /// A period, checked: `from` not after `to`, at most [`MAX_DAYS`] days, not in the future.
    pub fn new(from: NaiveDate, to: NaiveDate, now: DateTime<Utc>) -> Result<Self, StoreError> {
        if from > to {
            return Err(Refusal::PeriodReversed { from, to }.into());
        }
        if (to - from).num_days() + 1 > MAX_DAYS {
            return Err(Refusal::PeriodTooLong { max: MAX_DAYS }.into());
        }
        let today = now.date_naive();
        if from > today {
            return Err(Refusal::PeriodInFuture { from, today }.into());
        }
        let end = day_start(to) + Duration::days(1);
        Ok(SitrepPeriod {
            from,
            to,
            as_of: end.min(now),
        })
    }

    /// One day.
    pub fn day(date: NaiveDate, now: DateTime<Utc>) -> Result<Self, StoreError> {
        Self::new(date, date, now)
    }

    /// The `days` days up to and including today: the dashboard's default.
    pub fn last_days(days: i64, now: DateTime<Utc>) -> Self {
        let to = now.date_naive();
        let from = to - Duration::days(days.clamp(1, MAX_DAYS) - 1);
        Self::new(from, to, now).expect("a period ending today is valid")
    }

    /// The first instant of the period.
    pub fn start(&self) -> DateTime<Utc> {
        day_start(self.from)
    }

    /// The first instant after the period (or `as_of`, whichever is earlier, for flows: nothing
    /// after now has happened).
    pub fn end(&self) -> DateTime<Utc> {
        day_start(self.to) + Duration::days(1)
    }

    pub fn days(&self) -> Vec<NaiveDate> {
        self.from
            .iter_days()
            .take_while(|d| *d <= self.to)
            .collect()
    }

    /// The lower bound of `created_at` for each age bucket's cases as of `as_of`: a case is in
    /// bucket i when `bounds[i+1] < created_at <= bounds[i]`... expressed as the instant
    /// `as_of - days` for each bucket's lower age.
    pub fn age_bounds(&self) -> Vec<DateTime<Utc>> {
        AGE_BUCKETS
            .iter()
            .skip(1)
            .map(|(_, _, lo, _)| self.as_of - Duration::days(*lo))
            .collect()
    }
}

pub fn day_start(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight exists"))
}

/// What a backend computes: raw aggregates, keyed by stored codes and ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SitrepFigures {
    pub inquiries_by_channel: Vec<(String, i64)>,
    pub inquiries_by_requester_kind: Vec<(String, i64)>,
    /// Distinct people the period's inquiries are about (after matching and merges).
    pub people: i64,
    pub households: i64,
    /// Of `people`, those with a record from an inquiry received before the period.
    pub known_people: i64,
    pub open_by_status: Vec<(String, i64)>,
    pub open_by_category: Vec<(String, i64)>,
    /// Keyed by priority rank (0 = critical).
    pub open_by_priority: Vec<(i64, i64)>,
    /// (team id, team name, count).
    pub open_by_team: Vec<(i64, String, i64)>,
    /// Open cases whose owner was deactivated.
    pub unowned: i64,
    /// Open cases per [`AGE_BUCKETS`] index.
    pub open_by_age: Vec<(i64, i64)>,
    /// Current location as written (latest record that has one) of people on open cases;
    /// `None` where nobody wrote one.
    pub people_by_raw_location: Vec<(Option<String>, i64)>,
    /// Cases closed in the period by outcome code (`None`: resolved without an outcome).
    pub closed_by_outcome: Vec<(Option<String>, i64)>,
    /// Cases open at the period's start.
    pub open_at_start: i64,
    pub daily_inquiries: Vec<(NaiveDate, i64)>,
    pub daily_new_cases: Vec<(NaiveDate, i64)>,
    pub daily_closures: Vec<(NaiveDate, i64)>,
    /// Cases open at `as_of` past a deadline then, per team (teams with none left out).
    pub overdue_by_team: Vec<OverdueCount>,
    /// People (not merged away) per pathway and step, as they stand now.
    pub pathways: Vec<PathwayCount>,
    /// Referrals awaiting a partner's answer at `as_of`: (org id, org name, [`AGE_BUCKETS`]
    /// index of their age since sent, count).
    pub referrals_outstanding: Vec<(i64, String, i64, i64)>,
    /// Referrals declined in the period: (org id, org name, count).
    pub referrals_declined: Vec<(i64, String, i64)>,
}

/// One figure of a breakdown: a stable key (a code, an id, a bucket) for links and machines,
/// the label people read, and the count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Count {
    pub key: String,
    pub label: String,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct InquiryFigures {
    pub total: i64,
    pub by_channel: Vec<Count>,
    pub by_requester_kind: Vec<Count>,
    /// Distinct people they concern, once matching and merges have found who is who.
    pub people: i64,
    /// Households they belong to; a person with no household recorded counts as one.
    pub households: i64,
    /// People first heard of in the period.
    pub new_people: i64,
    /// People already known before the period.
    pub known_people: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct OpenCaseFigures {
    /// Cases open at `as_of`.
    pub total: i64,
    pub by_status: Vec<Count>,
    pub by_category: Vec<Count>,
    pub by_priority: Vec<Count>,
    /// Keyed by team id.
    pub by_team: Vec<Count>,
    /// Open cases whose owner was deactivated (the "needs an owner" list).
    pub unowned: i64,
    /// How long people have been waiting: open cases by age at `as_of`, in [`AGE_BUCKETS`].
    pub by_age: Vec<Count>,
    /// Open cases past their first-response or next-action deadline at `as_of`, per team
    /// (teams with none are left out), by team name.
    pub overdue_by_team: Vec<OverdueCount>,
    /// Of the open cases, those past either deadline (each case once).
    pub overdue: i64,
}

/// People on one step of one pathway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PathwayStepCount {
    /// The pathway's code (`siv`, `refugee_p1`, …).
    pub pathway: String,
    pub pathway_label: String,
    /// The step's code within the pathway.
    pub step: String,
    pub step_label: String,
    pub people: i64,
}

/// Referrals to one partner organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PartnerReferrals {
    pub org_id: i64,
    pub name: String,
    /// Awaiting the partner's answer (sent or acknowledged) at `as_of`.
    pub outstanding: i64,
    /// Those by age since they were sent, in [`AGE_BUCKETS`].
    pub by_age: Vec<Count>,
    /// Declined in the period.
    pub declined: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ReferralFigures {
    /// Referrals awaiting a partner's answer (sent or acknowledged) at `as_of`, in their
    /// current state.
    pub outstanding: i64,
    /// Those by age since they were sent, in [`AGE_BUCKETS`].
    pub by_age: Vec<Count>,
    /// Referrals declined in the period.
    pub declined: i64,
    /// Per partner with any outstanding or declined, most outstanding first.
    pub by_partner: Vec<PartnerReferrals>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LocationFigures {
    /// People on open cases by where they are now (their latest record that says).
    pub by_place: Vec<Count>,
    /// Of those, how many are at a border crossing.
    pub at_border: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ClosedFigures {
    /// Cases that stopped being open in the period (closed or resolved).
    pub total: i64,
    pub by_outcome: Vec<Count>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DayFigures {
    pub date: NaiveDate,
    pub inquiries: i64,
    pub new_cases: i64,
    pub closures: i64,
    /// Cases open at the end of the day.
    pub backlog: i64,
}

/// The whole report. Names never appear in it: only counts, codes, team names and places.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SituationReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// When the state figures (open cases, ages, places) were taken.
    pub as_of: DateTime<Utc>,
    pub generated_at: DateTime<Utc>,
    pub inquiries: InquiryFigures,
    pub new_cases: i64,
    pub open_cases: OpenCaseFigures,
    pub locations: LocationFigures,
    pub closed: ClosedFigures,
    pub daily: Vec<DayFigures>,
    /// People per pathway and step as they stand now (every step listed, zeros included).
    pub pathways: Vec<PathwayStepCount>,
    pub referrals: ReferralFigures,
}

/// Every step of every pathway with its people, zeros included, then any step the vocabulary
/// does not know (written by a newer version).
fn pathway_steps(raw: &[PathwayCount]) -> Vec<PathwayStepCount> {
    let mut out = Vec::new();
    for p in Pathway::ALL {
        for s in p.steps() {
            out.push(PathwayStepCount {
                pathway: p.as_str().to_string(),
                pathway_label: p.label().to_string(),
                step: s.code.to_string(),
                step_label: s.label.to_string(),
                people: raw
                    .iter()
                    .filter(|c| c.pathway == *p && c.step == s.code)
                    .map(|c| c.people)
                    .sum(),
            });
        }
    }
    for c in raw {
        if !out
            .iter()
            .any(|o| o.pathway == c.pathway.as_str() && o.step == c.step)
        {
            out.push(PathwayStepCount {
                pathway: c.pathway.as_str().to_string(),
                pathway_label: c.pathway.label().to_string(),
                step: c.step.clone(),
                step_label: c.step.clone(),
                people: c.people,
            });
        }
    }
    out
}

/// Counts per [`AGE_BUCKETS`] from (bucket index, count) pairs.
fn age_counts(raw: impl Iterator<Item = (i64, i64)> + Clone) -> Vec<Count> {
    AGE_BUCKETS
        .iter()
        .enumerate()
        .map(|(i, (key, label, _, _))| Count {
            key: key.to_string(),
            label: label.to_string(),
            count: raw
                .clone()
                .filter(|(b, _)| *b == i as i64)
                .map(|(_, n)| n)
                .sum(),
        })
        .collect()
}

fn referral_figures(f: &SitrepFigures) -> ReferralFigures {
    let mut by_partner: Vec<PartnerReferrals> = Vec::new();
    let orgs = f
        .referrals_outstanding
        .iter()
        .map(|(id, name, _, _)| (*id, name))
        .chain(f.referrals_declined.iter().map(|(id, name, _)| (*id, name)));
    for (id, name) in orgs {
        if by_partner.iter().any(|p| p.org_id == id) {
            continue;
        }
        let mine = f
            .referrals_outstanding
            .iter()
            .filter(|r| r.0 == id)
            .map(|r| (r.2, r.3));
        let by_age = age_counts(mine);
        by_partner.push(PartnerReferrals {
            org_id: id,
            name: name.clone(),
            outstanding: by_age.iter().map(|c| c.count).sum(),
            by_age,
            declined: f
                .referrals_declined
                .iter()
                .filter(|r| r.0 == id)
                .map(|r| r.2)
                .sum(),
        });
    }
    by_partner.sort_by(|a, b| {
        b.outstanding
            .cmp(&a.outstanding)
            .then(b.declined.cmp(&a.declined))
            .then(a.name.cmp(&b.name))
    });
    let by_age = age_counts(f.referrals_outstanding.iter().map(|r| (r.2, r.3)));
    ReferralFigures {
        outstanding: by_age.iter().map(|c| c.count).sum(),
        by_age,
        declined: f.referrals_declined.iter().map(|r| r.2).sum(),
        by_partner,
    }
}

fn counts<K>(
    keys: impl IntoIterator<Item = K>,
    raw: &[(String, i64)],
    code: impl Fn(&K) -> String,
    label: impl Fn(&K) -> String,
) -> Vec<Count> {
    // Every value of the vocabulary is listed, zeros included, so reports line up day to day.
    let mut out: Vec<Count> = keys
        .into_iter()
        .map(|k| {
            let key = code(&k);
            let count = raw.iter().filter(|(c, _)| *c == key).map(|(_, n)| n).sum();
            Count {
                label: label(&k),
                key,
                count,
            }
        })
        .collect();
    // A code the vocabulary does not know (written by a newer version) still counts.
    for (c, n) in raw {
        if !out.iter().any(|o| &o.key == c) {
            out.push(Count {
                key: c.clone(),
                label: c.clone(),
                count: *n,
            });
        }
    }
    out
}

/// A place people are in, recognized in what requesters wrote.
struct Place {
    key: &'static str,
    label: &'static str,
    border: bool,
    /// Lower-case fragments that name it.
    names: &'static [&'static str],
}

/// The places DOMAIN.md names. Anything else is "elsewhere"; a location that mentions a border
/// without naming a known crossing is "another border crossing".
const PLACES: &[Place] = &[
    Place {
        key: "torkham",
        label: "Torkham border crossing",
        border: true,
        names: &["torkham"],
    },
    Place {
        key: "chaman",
        label: "Chaman / Spin Boldak border crossing",
        border: true,
        names: &["chaman", "spin boldak"],
    },
    Place {
        key: "other_border",
        label: "Another border crossing",
        border: true,
        names: &["border", "crossing"],
    },
    Place {
        key: "peshawar",
        label: "Peshawar",
        border: false,
        names: &["peshawar"],
    },
    Place {
        key: "quetta",
        label: "Quetta",
        border: false,
        names: &["quetta"],
    },
    Place {
        key: "islamabad",
        label: "Islamabad / Rawalpindi",
        border: false,
        names: &["islamabad", "rawalpindi"],
    },
    Place {
        key: "karachi",
        label: "Karachi",
        border: false,
        names: &["karachi"],
    },
    Place {
        key: "kabul",
        label: "Kabul",
        border: false,
        names: &["kabul"],
    },
    Place {
        key: "mazar",
        label: "Mazar-i-Sharif (Balkh)",
        border: false,
        names: &["mazar", "balkh"],
    },
    Place {
        key: "jalalabad",
        label: "Jalalabad (Nangarhar)",
        border: false,
        names: &["jalalabad", "nangarhar"],
    },
    Place {
        key: "kandahar",
        label: "Kandahar",
        border: false,
        names: &["kandahar"],
    },
    Place {
        key: "herat",
        label: "Herat",
        border: false,
        names: &["herat"],
    },
    Place {
        key: "kunduz",
        label: "Kunduz",
        border: false,
        names: &["kunduz"],
    },
];

/// The place a written location names: (key, label, at a border).
pub fn place_of(location: Option<&str>) -> (&'static str, &'static str, bool) {
    let Some(loc) = location.map(str::trim).filter(|l| !l.is_empty()) else {
        return ("unknown", "Not recorded", false);
    };
    let lower = loc.to_lowercase();
    PLACES
        .iter()
        .find(|p| p.names.iter().any(|n| lower.contains(n)))
        .map(|p| (p.key, p.label, p.border))
        .unwrap_or(("elsewhere", "Elsewhere", false))
}

/// Whether a place key is a border crossing.
pub fn is_border(key: &str) -> bool {
    PLACES.iter().any(|p| p.key == key && p.border)
}

impl SituationReport {
    /// Puts a backend's aggregates into the report.
    pub fn assemble(
        period: &SitrepPeriod,
        f: SitrepFigures,
        generated_at: DateTime<Utc>,
    ) -> SituationReport {
        let by_channel = counts(
            Channel::ALL.iter().copied(),
            &f.inquiries_by_channel,
            |c| c.as_str().to_string(),
            |c| c.label().to_string(),
        );
        let by_requester_kind = counts(
            RequesterKind::ALL.iter().copied(),
            &f.inquiries_by_requester_kind,
            |c| c.as_str().to_string(),
            |c| c.label().to_string(),
        );
        let total = by_channel.iter().map(|c| c.count).sum();
        let open_statuses = CaseStatus::ALL.iter().copied().filter(|s| s.is_open());
        let by_status = counts(
            open_statuses,
            &f.open_by_status,
            |c| c.as_str().to_string(),
            |c| c.label().to_string(),
        );
        let mut by_status = by_status;
        // A report of an earlier period counts cases open then and closed since under their
        // status now.
        for c in by_status.iter_mut() {
            if let Ok(s) = c.key.parse::<CaseStatus>()
                && !s.is_open()
            {
                c.label = format!("{} since (open then)", s.label());
            }
        }
        let by_category = counts(
            CaseCategory::ALL.iter().copied(),
            &f.open_by_category,
            |c| c.as_str().to_string(),
            |c| c.label().to_string(),
        );
        let prio_raw: Vec<(String, i64)> = f
            .open_by_priority
            .iter()
            .map(|(rank, n)| (priority_code(*rank), *n))
            .collect();
        let by_priority = counts(
            Priority::ALL.iter().copied(),
            &prio_raw,
            |p| p.as_str().to_string(),
            |p| p.label().to_string(),
        );
        let mut by_team: Vec<Count> = f
            .open_by_team
            .iter()
            .map(|(id, name, n)| Count {
                key: id.to_string(),
                label: name.clone(),
                count: *n,
            })
            .collect();
        by_team.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
        let by_age = age_counts(f.open_by_age.iter().copied());
        let mut overdue_by_team = f.overdue_by_team.clone();
        overdue_by_team.sort_by(|a, b| a.team_name.cmp(&b.team_name));
        let overdue = overdue_by_team.iter().map(|t| t.cases).sum();
        let pathways = pathway_steps(&f.pathways);
        let referrals = referral_figures(&f);
        let open_total = by_status.iter().map(|c| c.count).sum();

        let mut by_place: Vec<Count> = Vec::new();
        for (raw, n) in &f.people_by_raw_location {
            let (key, label, _) = place_of(raw.as_deref());
            match by_place.iter_mut().find(|c| c.key == key) {
                Some(c) => c.count += n,
                None => by_place.push(Count {
                    key: key.to_string(),
                    label: label.to_string(),
                    count: *n,
                }),
            }
        }
        // Border crossings first, then the most people; "elsewhere" and "not recorded" last.
        let rank = |k: &str| match k {
            "elsewhere" => 2,
            "unknown" => 3,
            k if is_border(k) => 0,
            _ => 1,
        };
        by_place.sort_by(|a, b| {
            rank(&a.key)
                .cmp(&rank(&b.key))
                .then(b.count.cmp(&a.count))
                .then(a.key.cmp(&b.key))
        });
        let at_border = by_place
            .iter()
            .filter(|c| is_border(&c.key))
            .map(|c| c.count)
            .sum();

        let outcome_raw: Vec<(String, i64)> = f
            .closed_by_outcome
            .iter()
            .map(|(o, n)| (o.clone().unwrap_or_else(|| "none".into()), *n))
            .collect();
        let mut by_outcome = counts(
            CaseOutcome::ALL.iter().copied(),
            &outcome_raw,
            |o| o.as_str().to_string(),
            |o| o.label().to_string(),
        );
        if let Some(none) = by_outcome.iter_mut().find(|c| c.key == "none") {
            none.label = "Resolved (no outcome recorded)".into();
        }
        let closed_total = by_outcome.iter().map(|c| c.count).sum();

        let day_count = |series: &[(NaiveDate, i64)], d: NaiveDate| {
            series
                .iter()
                .filter(|(x, _)| *x == d)
                .map(|(_, n)| n)
                .sum::<i64>()
        };
        let mut backlog = f.open_at_start;
        let daily: Vec<DayFigures> = period
            .days()
            .into_iter()
            .map(|d| {
                let new_cases = day_count(&f.daily_new_cases, d);
                let closures = day_count(&f.daily_closures, d);
                backlog += new_cases - closures;
                DayFigures {
                    date: d,
                    inquiries: day_count(&f.daily_inquiries, d),
                    new_cases,
                    closures,
                    backlog,
                }
            })
            .collect();
        let new_cases = daily.iter().map(|d| d.new_cases).sum();

        SituationReport {
            from: period.from,
            to: period.to,
            as_of: period.as_of,
            generated_at,
            inquiries: InquiryFigures {
                total,
                by_channel,
                by_requester_kind,
                people: f.people,
                households: f.households,
                new_people: f.people - f.known_people,
                known_people: f.known_people,
            },
            new_cases,
            open_cases: OpenCaseFigures {
                total: open_total,
                by_status,
                by_category,
                by_priority,
                by_team,
                unowned: f.unowned,
                by_age,
                overdue_by_team,
                overdue,
            },
            locations: LocationFigures {
                by_place,
                at_border,
            },
            closed: ClosedFigures {
                total: closed_total,
                by_outcome,
            },
            daily,
            pathways,
            referrals,
        }
    }
}

fn priority_code(rank: i64) -> String {
    // Stored as its position in the vocabulary (0 = critical).
    Priority::ALL
        .get(rank as usize)
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| rank.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn places_are_read_from_what_requesters_wrote() {
        assert_eq!(place_of(Some("waiting at Torkham gate")).0, "torkham");
        assert_eq!(place_of(Some("Spin Boldak, Afghan side")).0, "chaman");
        assert_eq!(place_of(Some("Guest house, Peshawar")).0, "peshawar");
        assert_eq!(place_of(Some("Rawalpindi")).0, "islamabad");
        assert_eq!(place_of(Some("near the border")).0, "other_border");
        assert_eq!(place_of(Some("Bamyan")).0, "elsewhere");
        assert_eq!(place_of(Some("  ")).0, "unknown");
        assert_eq!(place_of(None).0, "unknown");
    }

    #[test]
    fn periods_are_checked_and_state_is_taken_at_their_end() {
        let now = Utc.with_ymd_and_hms(2021, 9, 10, 12, 0, 0).unwrap();
        let p = SitrepPeriod::new(date("2021-09-01"), date("2021-09-03"), now).unwrap();
        assert_eq!(p.as_of, day_start(date("2021-09-04")));
        assert_eq!(p.days().len(), 3);
        let today = SitrepPeriod::day(date("2021-09-10"), now).unwrap();
        assert_eq!(today.as_of, now);
        assert!(matches!(
            SitrepPeriod::new(date("2021-09-03"), date("2021-09-01"), now),
            Err(StoreError::Rule(Refusal::PeriodReversed { .. }))
        ));
        assert!(matches!(
            SitrepPeriod::day(date("2021-09-11"), now),
            Err(StoreError::Rule(Refusal::PeriodInFuture { .. }))
        ));
        assert!(matches!(
            SitrepPeriod::new(date("2020-01-01"), date("2021-09-01"), now),
            Err(StoreError::Rule(Refusal::PeriodTooLong { max: MAX_DAYS }))
        ));
    }

    #[test]
    fn the_backlog_follows_inflow_and_closures() {
        let now = Utc.with_ymd_and_hms(2021, 9, 10, 12, 0, 0).unwrap();
        let p = SitrepPeriod::new(date("2021-09-01"), date("2021-09-03"), now).unwrap();
        let f = SitrepFigures {
            open_at_start: 10,
            daily_new_cases: vec![(date("2021-09-01"), 5), (date("2021-09-03"), 2)],
            daily_closures: vec![(date("2021-09-02"), 4)],
            ..Default::default()
        };
        let r = SituationReport::assemble(&p, f, now);
        let backlog: Vec<i64> = r.daily.iter().map(|d| d.backlog).collect();
        assert_eq!(backlog, vec![15, 11, 13]);
        assert_eq!(r.new_cases, 7);
    }
}

/// The report's aggregates as SQL both backends run, with `$n` placeholders (which SQLite
/// reads too). Only the day of a time differs, and is passed in. Each query's parameters are
/// times, documented on it.
pub mod sql {
    /// A case open at `$1`: opened before it and not closed by then. `closed_at` is set exactly
    /// for the cases that are not open now, so this holds for past instants too.
    const OPEN_AT: &str = "c.created_at < $1 AND (c.closed_at IS NULL OR c.closed_at >= $1)";

    /// `$1` start, `$2` end.
    pub const INQUIRIES_BY_CHANNEL: &str = "SELECT channel, COUNT(*) FROM inquiries
         WHERE received_at >= $1 AND received_at < $2 GROUP BY channel";

    /// `$1` start, `$2` end.
    pub const INQUIRIES_BY_REQUESTER_KIND: &str = "SELECT q.kind, COUNT(*) FROM inquiries i
         JOIN requesters q ON q.id = i.requester_id
         WHERE i.received_at >= $1 AND i.received_at < $2 GROUP BY q.kind";

    /// Distinct people and households the period's inquiries are about; a person with no
    /// household counts as a household of one. `$1` start, `$2` end.
    pub const PEOPLE_AND_HOUSEHOLDS: &str = "SELECT COUNT(DISTINCT r.person_id),
           COUNT(DISTINCT p.household_id)
           + COUNT(DISTINCT CASE WHEN p.household_id IS NULL THEN r.person_id END)
         FROM person_records r
         JOIN inquiries i ON i.id = r.inquiry_id
         JOIN persons p ON p.id = r.person_id
         WHERE i.received_at >= $1 AND i.received_at < $2";

    /// Of those people, the ones some inquiry received before the period was about.
    /// `$1` start, `$2` end.
    pub const KNOWN_PEOPLE: &str = "SELECT COUNT(*) FROM (
           SELECT DISTINCT r.person_id FROM person_records r
           JOIN inquiries i ON i.id = r.inquiry_id
           WHERE i.received_at >= $1 AND i.received_at < $2) x
         WHERE EXISTS (SELECT 1 FROM person_records r2
           JOIN inquiries i2 ON i2.id = r2.inquiry_id
           WHERE r2.person_id = x.person_id AND i2.received_at < $1)";

    /// Open cases at `$1` by one column of `cases` (status, category, priority).
    pub fn open_by(column: &str) -> String {
        format!("SELECT c.{column}, COUNT(*) FROM cases c WHERE {OPEN_AT} GROUP BY c.{column}")
    }

    /// Open cases at `$1` by team.
    pub fn open_by_team() -> String {
        format!(
            "SELECT c.team_id, t.name, COUNT(*) FROM cases c JOIN teams t ON t.id = c.team_id
             WHERE {OPEN_AT} GROUP BY c.team_id, t.name"
        )
    }

    /// Open cases at `$1` whose owner was deactivated.
    pub fn unowned() -> String {
        format!(
            "SELECT COUNT(*) FROM cases c JOIN users u ON u.id = c.owner_id
             WHERE {OPEN_AT} AND NOT u.active"
        )
    }

    /// Open cases at `$1` by age bucket (see `AGE_BUCKETS`): `$2`… are the instants
    /// `as_of - 1 day`, `- 3 days`, … from `SitrepPeriod::age_bounds`.
    pub fn open_by_age() -> String {
        let mut case = String::from("CAST(CASE");
        for i in 0..super::AGE_BUCKETS.len() - 1 {
            case.push_str(&format!(" WHEN c.created_at > ${} THEN {i}", i + 2));
        }
        // A bigint on both databases (PostgreSQL's CASE of literals is an integer).
        case.push_str(&format!(
            " ELSE {} END AS BIGINT)",
            super::AGE_BUCKETS.len() - 1
        ));
        format!("SELECT {case} AS bucket, COUNT(*) FROM cases c WHERE {OPEN_AT} GROUP BY 1")
    }

    /// People on cases open at `$1`.
    pub fn people_on_open_cases() -> String {
        format!(
            "SELECT COUNT(DISTINCT cp.person_id) FROM case_persons cp
             JOIN cases c ON c.id = cp.case_id WHERE {OPEN_AT}"
        )
    }

    /// The people on open cases at `$1`, for a backend's "latest written location" query.
    pub fn open_case_people() -> String {
        format!(
            "SELECT cp.person_id FROM case_persons cp JOIN cases c ON c.id = cp.case_id
             WHERE {OPEN_AT}"
        )
    }

    /// Cases open at `$1` past a deadline then, per team: (team id, name, cases, first
    /// responses overdue, next actions overdue). A first response made after `$1` was still
    /// missing then.
    pub fn overdue_by_team() -> String {
        let fr = "(c.first_responded_at IS NULL OR c.first_responded_at >= $1)
                  AND c.first_response_due_at < $1";
        let na = "c.next_action_due_at < $1";
        format!(
            "SELECT c.team_id, t.name, COUNT(*),
                    SUM(CASE WHEN {fr} THEN 1 ELSE 0 END),
                    SUM(CASE WHEN {na} THEN 1 ELSE 0 END)
             FROM cases c JOIN teams t ON t.id = c.team_id
             WHERE {OPEN_AT} AND (({fr}) OR {na})
             GROUP BY c.team_id, t.name"
        )
    }

    /// Referrals awaiting a partner's answer, sent before `$1`, per organization and age
    /// bucket (see `open_by_age`: `$2`… are the bucket bounds).
    pub fn referrals_outstanding() -> String {
        let mut case = String::from("CAST(CASE");
        for i in 0..super::AGE_BUCKETS.len() - 1 {
            case.push_str(&format!(" WHEN r.sent_at > ${} THEN {i}", i + 2));
        }
        case.push_str(&format!(
            " ELSE {} END AS BIGINT)",
            super::AGE_BUCKETS.len() - 1
        ));
        format!(
            "SELECT r.org_id, o.name, {case} AS bucket, COUNT(*)
             FROM referrals r JOIN partner_orgs o ON o.id = r.org_id
             WHERE r.state IN ('sent', 'acknowledged') AND r.sent_at < $1
             GROUP BY r.org_id, o.name, 3"
        )
    }

    /// Referrals declined in the period, per organization: a declined referral does not move
    /// again, so its last change is its decline. `$1` start, `$2` end.
    pub const REFERRALS_DECLINED: &str = "SELECT r.org_id, o.name, COUNT(*)
         FROM referrals r JOIN partner_orgs o ON o.id = r.org_id
         WHERE r.state = 'declined' AND r.updated_at >= $1 AND r.updated_at < $2
         GROUP BY r.org_id, o.name";

    /// Cases that stopped being open in the period, by outcome. `$1` start, `$2` end.
    pub const CLOSED_BY_OUTCOME: &str = "SELECT outcome, COUNT(*) FROM cases
         WHERE closed_at >= $1 AND closed_at < $2 GROUP BY outcome";

    /// Cases open at `$1`, as opened-before minus closed-before (the backlog series' start).
    pub const OPEN_AT_START: &str = "SELECT (SELECT COUNT(*) FROM cases WHERE created_at < $1)
         - (SELECT COUNT(*) FROM cases WHERE closed_at < $1)";

    /// Rows per UTC day (days since 1970-01-01) of `table.column` in the period; `day` turns
    /// the column into that day number in the backend's terms. `$1` start, `$2` end.
    pub fn daily(table: &str, column: &str, day: &str) -> String {
        format!(
            "SELECT {day} AS d, COUNT(*) FROM {table}
             WHERE {column} >= $1 AND {column} < $2 GROUP BY 1"
        )
    }
}

/// The date of a day number (days since 1970-01-01).
pub fn date_of_day(day: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch") + Duration::days(day)
}

/// The rule of `Backdating::set_case_closed_at`, the same for every backend.
pub fn check_closed_at(
    open: bool,
    created_at: DateTime<Utc>,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    if open {
        return Err(Refusal::OpenCaseClosingTime.into());
    }
    if at < created_at || at > now {
        return Err(Refusal::ClosingTimeOutOfRange.into());
    }
    Ok(())
}
