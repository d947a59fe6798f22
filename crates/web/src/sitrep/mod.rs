//! The situation report in every format the web and the command give it: the page (with links
//! to the lists behind each figure), the printable page, CSV and JSON. One view model,
//! [`sections`], feeds the page and the CSV, so they always show the same figures; JSON is the
//! report itself as serde writes it.
//!
//! Exports meant to leave the task force (`audience=external`, `corridor sitrep --external`)
//! show counts from 1 to below the threshold as "<N", so that a figure cannot point at a
//! person; internal views show exact figures. Figures never carry names.

pub mod svg;

use askama::Template;
use chrono::{DateTime, NaiveDate, Utc};
use corridor_store::Result;
use corridor_store::prelude::*;
use corridor_store::sitrep::{Count, SitrepPeriod, SituationReport};

use crate::views::Nav;

/// The default small-count threshold.
pub const DEFAULT_THRESHOLD: i64 = 5;

/// Who the figures are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Inside the task force: exact figures.
    Internal,
    /// Leaving it: counts from 1 to `threshold - 1` are shown as "<threshold".
    External { threshold: i64 },
}

impl Audience {
    pub fn figure(self, n: i64) -> String {
        match self {
            Audience::External { threshold } if n > 0 && n < threshold => format!("<{threshold}"),
            _ => n.to_string(),
        }
    }

    pub fn is_external(self) -> bool {
        matches!(self, Audience::External { .. })
    }
}

/// The report for a period, straight from the store.
pub async fn report(store: &dyn Store, period: &SitrepPeriod) -> Result<SituationReport> {
    let figures = store.sitrep_figures(period).await?;
    Ok(SituationReport::assemble(period, figures, Utc::now()))
}

/// The period a request or command asks for: `date`, or `from` and `to`, or the default.
pub fn period(
    date: Option<NaiveDate>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    default_days: i64,
    now: DateTime<Utc>,
) -> Result<SitrepPeriod> {
    match (date, from, to) {
        (Some(d), None, None) => SitrepPeriod::day(d, now),
        (None, Some(f), Some(t)) => SitrepPeriod::new(f, t, now),
        (None, Some(f), None) => SitrepPeriod::new(f, now.date_naive(), now),
        (None, None, Some(t)) => {
            SitrepPeriod::new(t - chrono::Duration::days(default_days - 1), t, now)
        }
        (None, None, None) => Ok(SitrepPeriod::last_days(default_days, now)),
        _ => Err(corridor_store::Refusal::DateAndPeriod.into()),
    }
}

/// An instant in a list filter: `YYYY-MM-DD` (the start of that UTC day) or RFC 3339.
pub fn parse_instant(field: &str, s: &str) -> std::result::Result<DateTime<Utc>, String> {
    let s = s.trim();
    if let Ok(d) = s.parse::<NaiveDate>() {
        return Ok(corridor_store::sitrep::day_start(d));
    }
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| format!("{field} must be a date (YYYY-MM-DD) or a time (RFC 3339)"))
}

/// An instant as it travels in a link.
fn url_instant(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// One line of a section: what it counts, the figure as shown, and the list behind it.
pub struct Line {
    pub key: String,
    pub label: String,
    pub count: i64,
    pub shown: String,
    pub href: Option<String>,
}

/// One block of the report. To add a section: build one more here from the report's field.
pub struct Section {
    pub id: &'static str,
    pub title: &'static str,
    pub note: Option<String>,
    pub lines: Vec<Line>,
}

fn lines(a: Audience, counts: &[Count], href: impl Fn(&Count) -> Option<String>) -> Vec<Line> {
    counts
        .iter()
        .map(|c| Line {
            key: c.key.clone(),
            label: c.label.clone(),
            count: c.count,
            shown: a.figure(c.count),
            href: href(c),
        })
        .collect()
}

fn one(a: Audience, key: &str, label: &str, count: i64, href: Option<String>) -> Line {
    Line {
        key: key.into(),
        label: label.into(),
        count,
        shown: a.figure(count),
        href,
    }
}

/// The report's sections, in reading order. Links are to today's lists (they show the
/// current state, which for the open-case figures of a period ending today is the same).
pub fn sections(r: &SituationReport, a: Audience) -> Vec<Section> {
    let i = &r.inquiries;
    let o = &r.open_cases;
    let none = |_: &Count| None;
    let start = corridor_store::sitrep::day_start(r.from);
    let end = corridor_store::sitrep::day_start(r.to) + chrono::Duration::days(1);
    let received = format!(
        "received_from={}&received_before={}",
        url_instant(start),
        url_instant(end)
    );
    let opened = format!(
        "opened_from={}&opened_before={}",
        url_instant(start),
        url_instant(end)
    );
    let closed = format!(
        "closed_from={}&closed_before={}",
        url_instant(start),
        url_instant(end)
    );
    let age_link = |c: &Count| {
        let (_, _, lo, hi) = corridor_store::sitrep::AGE_BUCKETS
            .iter()
            .find(|b| b.0 == c.key)?;
        let before = url_instant(r.as_of - chrono::Duration::days(*lo));
        Some(match hi {
            Some(hi) => format!(
                "/cases?open=1&opened_from={}&opened_before={before}",
                url_instant(r.as_of - chrono::Duration::days(*hi))
            ),
            None => format!("/cases?open=1&opened_before={before}"),
        })
    };
    vec![
        Section {
            id: "headline",
            title: "At a glance",
            note: None,
            lines: vec![
                one(
                    a,
                    "inquiries",
                    "Inquiries received",
                    i.total,
                    Some(format!("/inquiries?{received}")),
                ),
                one(a, "people", "Distinct people they concern", i.people, None),
                one(
                    a,
                    "households",
                    "Households (a person alone counts as one)",
                    i.households,
                    None,
                ),
                one(
                    a,
                    "new_people",
                    "People new in the period",
                    i.new_people,
                    None,
                ),
                one(
                    a,
                    "known_people",
                    "People already known before",
                    i.known_people,
                    None,
                ),
                one(
                    a,
                    "new_cases",
                    "New cases",
                    r.new_cases,
                    Some(format!("/cases?{opened}")),
                ),
                one(
                    a,
                    "open_cases",
                    "Open cases",
                    o.total,
                    Some("/cases?open=1".into()),
                ),
                one(
                    a,
                    "unowned",
                    "Open cases needing an owner",
                    o.unowned,
                    Some("/cases/unowned".into()),
                ),
                one(
                    a,
                    "overdue",
                    "Open cases past a deadline",
                    o.overdue,
                    Some("/cases/overdue".into()),
                ),
                one(
                    a,
                    "referrals_outstanding",
                    "Referrals awaiting a partner's answer",
                    r.referrals.outstanding,
                    Some("/referrals".into()),
                ),
                one(
                    a,
                    "at_border",
                    "People at border crossings",
                    r.locations.at_border,
                    None,
                ),
                one(
                    a,
                    "closed",
                    "Cases closed or resolved",
                    r.closed.total,
                    Some(format!("/cases?{closed}")),
                ),
            ],
        },
        Section {
            id: "channels",
            title: "Inquiries by channel",
            note: None,
            lines: lines(a, &i.by_channel, |c| {
                Some(format!("/inquiries?channel={}&{received}", c.key))
            }),
        },
        Section {
            id: "requesters",
            title: "Inquiries by who asked",
            note: None,
            lines: lines(a, &i.by_requester_kind, |c| {
                Some(format!("/inquiries?requester_kind={}&{received}", c.key))
            }),
        },
        Section {
            id: "status",
            title: "Open cases by status",
            note: None,
            lines: lines(a, &o.by_status, |c| {
                Some(format!("/cases?open=1&status={}", c.key))
            }),
        },
        Section {
            id: "category",
            title: "Open cases by category",
            note: None,
            lines: lines(a, &o.by_category, |c| {
                Some(format!("/cases?open=1&category={}", c.key))
            }),
        },
        Section {
            id: "priority",
            title: "Open cases by priority",
            note: None,
            lines: lines(a, &o.by_priority, |c| {
                Some(format!("/cases?open=1&priority={}", c.key))
            }),
        },
        Section {
            id: "team",
            title: "Open cases by team",
            note: None,
            lines: lines(a, &o.by_team, |c| Some(format!("/teams/{}/board", c.key))),
        },
        Section {
            id: "age",
            title: "How long open cases have waited",
            note: Some("Age since the case was opened, at the end of the period.".into()),
            lines: lines(a, &o.by_age, age_link),
        },
        Section {
            id: "location",
            title: "People on open cases by where they are",
            note: Some("Where each person's latest record says they are.".into()),
            lines: lines(a, &r.locations.by_place, none),
        },
        Section {
            id: "outcome",
            title: "Cases closed in the period, by outcome",
            note: None,
            lines: lines(a, &r.closed.by_outcome, |c| {
                Some(if c.key == "none" {
                    format!("/cases?status=resolved&{closed}")
                } else {
                    format!("/cases?outcome={}&{closed}", c.key)
                })
            }),
        },
        Section {
            id: "overdue",
            title: "Open cases past a deadline, by team",
            note: Some(
                "First responses and next actions overdue at the end of the period; a case \
                 late on both counts once in the team's total."
                    .into(),
            ),
            lines: o
                .overdue_by_team
                .iter()
                .flat_map(|t| {
                    let href = Some(format!("/cases/overdue?team={}", t.team_id.0));
                    [
                        one(
                            a,
                            &format!("{}:cases", t.team_id.0),
                            &format!("{}: cases overdue", t.team_name),
                            t.cases,
                            href.clone(),
                        ),
                        one(
                            a,
                            &format!("{}:first_response", t.team_id.0),
                            &format!("{}: first response overdue", t.team_name),
                            t.first_response,
                            href.clone(),
                        ),
                        one(
                            a,
                            &format!("{}:next_action", t.team_id.0),
                            &format!("{}: next action overdue", t.team_name),
                            t.next_action,
                            href,
                        ),
                    ]
                })
                .collect(),
        },
        Section {
            id: "pathways",
            title: "People by pathway and step",
            note: Some("Where each person's pathways stand now.".into()),
            lines: r
                .pathways
                .iter()
                .map(|p| {
                    one(
                        a,
                        &format!("{}:{}", p.pathway, p.step),
                        &format!("{} — {}", p.pathway_label, p.step_label),
                        p.people,
                        None,
                    )
                })
                .collect(),
        },
        Section {
            id: "referrals",
            title: "Referrals awaiting a partner's answer, by partner",
            note: Some(
                "Sent or acknowledged, not yet accepted or declined, at the end of the period."
                    .into(),
            ),
            lines: std::iter::once(one(
                a,
                "outstanding",
                "All partners",
                r.referrals.outstanding,
                Some("/referrals".into()),
            ))
            .chain(
                r.referrals
                    .by_partner
                    .iter()
                    .map(|p| one(a, &p.org_id.to_string(), &p.name, p.outstanding, None)),
            )
            .collect(),
        },
        Section {
            id: "referral_age",
            title: "How long referrals have waited for an answer",
            note: Some("Age since the referral was sent, at the end of the period.".into()),
            lines: lines(a, &r.referrals.by_age, none),
        },
        Section {
            id: "declined",
            title: "Referrals declined in the period, by partner",
            note: None,
            lines: std::iter::once(one(
                a,
                "declined",
                "All partners",
                r.referrals.declined,
                None,
            ))
            .chain(
                r.referrals
                    .by_partner
                    .iter()
                    .filter(|p| p.declined > 0)
                    .map(|p| one(a, &p.org_id.to_string(), &p.name, p.declined, None)),
            )
            .collect(),
        },
    ]
}

/// CSV: `section,key,label,value` for every figure, then the daily series as
/// `daily,DATE,inquiries|new_cases|closures|backlog,value`.
///
/// Labels carry team and partner names typed by people, so every cell is neutralized against
/// spreadsheet formulas.
pub fn to_csv(r: &SituationReport, a: Audience) -> String {
    let mut w = corridor_intake::cells::SafeCsv::in_memory();
    let _ = w.write_record(["section", "key", "label", "value"]);
    let _ = w.write_record(["period", "from", "first day", &r.from.to_string()]);
    let _ = w.write_record(["period", "to", "last day", &r.to.to_string()]);
    let _ = w.write_record(["period", "as_of", "state taken at", &r.as_of.to_rfc3339()]);
    for s in sections(r, a) {
        for l in s.lines {
            let _ = w.write_record([s.id, &l.key, &l.label, &l.shown]);
        }
    }
    for d in &r.daily {
        let date = d.date.to_string();
        for (k, v) in [
            ("inquiries", d.inquiries),
            ("new_cases", d.new_cases),
            ("closures", d.closures),
            ("backlog", d.backlog),
        ] {
            let _ = w.write_record(["daily", &date, k, &a.figure(v)]);
        }
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// JSON: the report as serde writes it; for an external audience every count from 1 to below
/// the threshold becomes the string "<N".
pub fn to_json(r: &SituationReport, a: Audience) -> serde_json::Value {
    let mut v = serde_json::to_value(r).unwrap_or_default();
    if let Audience::External { threshold } = a {
        suppress(&mut v, threshold);
        v["small_counts_below"] = threshold.into();
    }
    v
}

fn suppress(v: &mut serde_json::Value, threshold: i64) {
    match v {
        serde_json::Value::Number(n) => {
            if let Some(x) = n.as_i64()
                && x > 0
                && x < threshold
            {
                *v = serde_json::Value::String(format!("<{threshold}"));
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|i| suppress(i, threshold)),
        serde_json::Value::Object(map) => map.values_mut().for_each(|i| suppress(i, threshold)),
        _ => {}
    }
}

/// The page: the dashboard, the sitrep page, or the file `corridor sitrep --format html` writes.
#[derive(Template)]
#[template(path = "sitrep.html")]
pub struct SitrepPage {
    pub(crate) nav: Option<Nav>,
    pub heading: String,
    pub from: String,
    pub to: String,
    pub as_of: String,
    pub generated_at: String,
    pub external: bool,
    pub threshold: i64,
    /// A file on its own carries its style; the server links its stylesheet.
    pub inline_css: bool,
    pub css: &'static str,
    pub links: bool,
    pub sections: Vec<Section>,
    pub flow_svg: String,
    pub age_svg: String,
    /// Empty when nothing is outstanding, and for outside audiences (bar lengths would show
    /// the small counts the figures hide).
    pub referral_svg: String,
    /// Query string of this period, for the print, CSV and JSON links.
    pub period_query: String,
}

pub const CSS: &str = include_str!("../../static/sitrep.css");

impl SitrepPage {
    pub(crate) fn new(
        r: &SituationReport,
        a: Audience,
        heading: &str,
        nav: Option<Nav>,
        links: bool,
    ) -> SitrepPage {
        SitrepPage {
            inline_css: nav.is_none(),
            nav,
            heading: heading.into(),
            from: r.from.to_string(),
            to: r.to.to_string(),
            as_of: r.as_of.format("%Y-%m-%d %H:%M UTC").to_string(),
            generated_at: r.generated_at.format("%Y-%m-%d %H:%M UTC").to_string(),
            external: a.is_external(),
            threshold: match a {
                Audience::External { threshold } => threshold,
                Audience::Internal => DEFAULT_THRESHOLD,
            },
            css: CSS,
            links,
            sections: sections(r, a),
            // Bar heights would show the counts hidden as "<5": the version for outside the
            // task force has figures only.
            flow_svg: if a.is_external() {
                String::new()
            } else {
                svg::flow_chart(&r.daily)
            },
            age_svg: if a.is_external() {
                String::new()
            } else {
                svg::age_chart(&r.open_cases.by_age)
            },
            referral_svg: if a.is_external() {
                String::new()
            } else {
                svg::referral_chart(&r.referrals.by_partner)
            },
            period_query: format!("from={}&to={}", r.from, r.to),
        }
    }
}

impl SitrepPage {
    /// A section's title in the reader's language.
    pub fn title(&self, s: &Section) -> String {
        crate::t(&format!("sitrep-{}", s.id))
    }

    /// A section's note in the reader's language.
    pub fn note(&self, s: &Section) -> Option<String> {
        s.note
            .as_ref()
            .map(|_| crate::t(&format!("sitrep-{}-note", s.id)))
    }

    /// A line's label in the reader's language: the domain's values through the catalogs;
    /// what people named (teams, partners, places) as they wrote it.
    pub fn label(&self, s: &Section, l: &Line) -> String {
        use crate::terms::{by_code, step, term};
        use corridor_domain::{
            CaseCategory, CaseOutcome, CaseStatus, Channel, Pathway, Priority, RequesterKind,
        };
        let shown = match s.id {
            "headline" => Some(crate::t(&format!("sitrep-line-{}", l.key))),
            "channels" => by_code::<Channel>(&l.key),
            "requesters" => by_code::<RequesterKind>(&l.key),
            "status" => by_code::<CaseStatus>(&l.key),
            "category" => by_code::<CaseCategory>(&l.key),
            "priority" => by_code::<Priority>(&l.key),
            "outcome" if l.key == "none" => Some(crate::t("sitrep-no-outcome")),
            "outcome" => by_code::<CaseOutcome>(&l.key),
            "age" | "referral_age" => Some(crate::t(&format!("sitrep-age-{}", l.key))),
            "location" if l.key == "unknown" => Some(crate::t("sitrep-not-recorded")),
            "referrals" | "declined" if l.key == "outstanding" || l.key == "declined" => {
                Some(crate::t("sitrep-all-partners"))
            }
            "overdue" => l.key.split_once(':').and_then(|(_, what)| {
                let team = l.label.rsplit_once(": ")?.0;
                Some(crate::t1(&format!("sitrep-team-{what}"), "team", team))
            }),
            "pathways" => l.key.split_once(':').and_then(|(p, s)| {
                let p = p.parse::<Pathway>().ok()?;
                Some(format!("{} — {}", term(p), step(s)))
            }),
            _ => None,
        };
        shown.unwrap_or_else(|| l.label.clone())
    }
}

/// The ids `SitrepPage::title`, `note` and `label` build (for the catalogs' test): every
/// section of an empty report, and the lines whose words come from the catalogs.
#[cfg(test)]
pub(crate) fn message_ids() -> Vec<String> {
    let now = chrono::Utc::now();
    let p = period(None, None, None, 7, now).expect("a week is a period");
    let empty =
        SituationReport::assemble(&p, corridor_store::sitrep::SitrepFigures::default(), now);
    let mut ids = vec![];
    for s in sections(&empty, Audience::Internal) {
        ids.push(format!("sitrep-{}", s.id));
        if s.note.is_some() {
            ids.push(format!("sitrep-{}-note", s.id));
        }
        if s.id == "headline" {
            ids.extend(s.lines.iter().map(|l| format!("sitrep-line-{}", l.key)));
        }
    }
    ids.extend(
        corridor_store::sitrep::AGE_BUCKETS
            .iter()
            .map(|b| format!("sitrep-age-{}", b.0)),
    );
    for what in ["cases", "first_response", "next_action"] {
        ids.push(format!("sitrep-team-{what}"));
    }
    ids
}

/// The page as a string (for the command's `--format html`).
pub fn to_html(r: &SituationReport, a: Audience) -> String {
    SitrepPage::new(r, a, &crate::t("sitrep-title"), None, false)
        .render()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_counts_are_hidden_only_outside() {
        let ext = Audience::External { threshold: 5 };
        assert_eq!(ext.figure(0), "0");
        assert_eq!(ext.figure(1), "<5");
        assert_eq!(ext.figure(4), "<5");
        assert_eq!(ext.figure(5), "5");
        assert_eq!(Audience::Internal.figure(1), "1");
        let mut v = serde_json::json!({"a": 3, "b": [7, 2], "c": "x"});
        suppress(&mut v, 5);
        assert_eq!(v, serde_json::json!({"a": "<5", "b": [7, "<5"], "c": "x"}));
    }
}
