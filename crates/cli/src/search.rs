//! `corridor search`: find anyone from the terminal, as an administrator sees them (the same
//! results as the web's search box and `GET /api/v1/search`). Audited like every search.

use std::fmt::Write as _;

use corridor_store::{Actor, DataScope};
use corridor_web::search::{self, CaseResult, SearchResults};

#[derive(clap::Args)]
pub struct SearchArgs {
    #[command(flatten)]
    db: crate::DbArg,
    /// A name (any spelling, either script, optionally "s/o" a father's name, a birth year, a
    /// province), a phone, a tazkira, passport or email, a request reference or a case number.
    query: String,
    /// People at most.
    #[arg(long, default_value_t = search::DEFAULT_LIMIT)]
    limit: usize,
    /// Print the results as JSON (the API's shape).
    #[arg(long)]
    json: bool,
}

pub async fn run(args: SearchArgs) -> anyhow::Result<()> {
    let store = crate::db::open(&args.db).await?;
    // The index is built from the store, as the server builds it at start.
    let matcher = corridor_web::load_matcher(store.as_ref()).await?;
    let results = search::search(
        store.as_ref(),
        &matcher,
        &args.query,
        args.limit,
        DataScope::Organization,
        &Actor::system("cli"),
    )
    .await?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&results)?);
    } else {
        print!("{}", render(&results));
    }
    Ok(())
}

fn case_line(c: &CaseResult) -> String {
    format!(
        "C-{} ({}, {}, {})",
        c.id,
        c.status.label(),
        c.team_name,
        c.owner_name
    )
}

fn render(r: &SearchResults) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Read as: {}", r.kind.as_str());
    if r.count() == 0 {
        let _ = writeln!(out, "Nothing found.");
        return out;
    }
    if !r.people.is_empty() {
        let _ = writeln!(out, "People:");
    }
    for p in &r.people {
        let mut about = Vec::new();
        if let Some(f) = &p.father_name {
            about.push(format!("father {f}"));
        }
        if let Some(b) = &p.date_of_birth {
            about.push(format!("born {b}"));
        }
        if let Some(v) = &p.province {
            about.push(v.clone());
        }
        let _ = writeln!(
            out,
            "  P-{}  {:.2}  {}{}",
            p.id,
            p.score,
            p.name,
            if about.is_empty() {
                String::new()
            } else {
                format!("  ({})", about.join(", "))
            }
        );
        if !p.why.is_empty() {
            let why: Vec<String> = p
                .why
                .iter()
                .map(|w| format!("{} {}", w.field, w.level))
                .collect();
            let _ = writeln!(out, "      agreed: {}", why.join(", "));
        }
        let cases: Vec<String> = p.cases.iter().map(case_line).collect();
        let _ = writeln!(
            out,
            "      cases: {}",
            if cases.is_empty() {
                "none (waiting in triage)".to_string()
            } else {
                cases.join("; ")
            }
        );
        if let Some(r) = &p.latest_reference {
            let _ = writeln!(out, "      latest request: {r}");
        }
    }
    if !r.cases.is_empty() {
        let _ = writeln!(out, "Cases:");
        for c in &r.cases {
            let _ = writeln!(
                out,
                "  {}{}",
                case_line(c),
                c.title
                    .as_deref()
                    .map(|t| format!("  {t}"))
                    .unwrap_or_default()
            );
        }
    }
    if !r.inquiries.is_empty() {
        let _ = writeln!(out, "Requests:");
        for i in &r.inquiries {
            let on = match &i.case {
                Some(c) => format!("on {}", case_line(c)),
                None => "waiting in triage".to_string(),
            };
            let _ = writeln!(
                out,
                "  {}  received {}  {on}",
                i.reference,
                i.received_at.format("%Y-%m-%d %H:%M")
            );
        }
    }
    if !r.requesters.is_empty() {
        let _ = writeln!(out, "Requesters:");
        for q in &r.requesters {
            let on = match &q.case {
                Some(c) => format!("on {}", case_line(c)),
                None => "waiting in triage".to_string(),
            };
            let _ = writeln!(
                out,
                "  {}{}  through {}  {on}",
                q.kind.label(),
                q.name
                    .as_deref()
                    .map(|n| format!(" {n}"))
                    .unwrap_or_default(),
                q.reference
            );
        }
    }
    out
}
