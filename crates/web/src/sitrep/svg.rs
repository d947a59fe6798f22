//! Charts as server-side SVG: no script and no chart library in the browser, so the page stays
//! light on slow links and prints as it shows. Every series is told apart by pattern or line
//! style as well as shade, so the charts read in black and white; each has a title and a
//! description for screen readers.

use std::fmt::Write;

use corridor_store::sitrep::{Count, DayFigures, PartnerReferrals};

const W: f64 = 720.0;
const H: f64 = 300.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 60.0;
const TOP: f64 = 40.0;
const BOTTOM: f64 = 56.0;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A round step for an axis up to `max` with about five ticks.
fn step(max: i64) -> i64 {
    let raw = (max.max(1) as f64 / 5.0).max(1.0);
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let nice = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    (nice * mag) as i64
}

fn top_of(max: i64) -> i64 {
    let s = step(max);
    ((max.max(1) + s - 1) / s) * s
}

/// An age bucket in the reader's language (the buckets are `corridor_store::sitrep::AGE_BUCKETS`).
fn age_label(c: &Count) -> String {
    crate::t(&format!("sitrep-age-{}", c.key))
}

fn open(svg: &mut String, id: &str, title: &str, desc: &str) {
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" role="img" aria-labelledby="{id}-t {id}-d" class="chart" font-family="sans-serif" font-size="12">
<title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>
<defs><pattern id="{id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#000" stroke-width="2.5"/></pattern></defs>
"##,
        esc(title),
        esc(desc)
    );
}

fn y_axis(svg: &mut String, max: i64, x: f64, label: &str, right: bool) {
    let top = top_of(max);
    let s = step(max);
    let plot_h = H - TOP - BOTTOM;
    let mut v = 0;
    while v <= top {
        let y = H - BOTTOM - plot_h * v as f64 / top as f64;
        let (tx, anchor) = if right {
            (x + 6.0, "start")
        } else {
            (x - 6.0, "end")
        };
        let _ = write!(
            svg,
            r##"<text x="{tx}" y="{:.1}" text-anchor="{anchor}">{v}</text>"##,
            y + 4.0
        );
        if !right {
            let _ = write!(
                svg,
                r##"<line x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#ccc" stroke-width="0.5"/>"##,
                W - RIGHT
            );
        }
        v += s;
    }
    let (lx, rot) = if right { (W - 12.0, 90) } else { (14.0, -90) };
    let _ = write!(
        svg,
        r##"<text x="{lx}" y="{:.1}" text-anchor="middle" transform="rotate({rot} {lx} {:.1})">{}</text>"##,
        TOP + plot_h / 2.0,
        TOP + plot_h / 2.0,
        esc(label)
    );
    let _ = write!(
        svg,
        r##"<line x1="{x}" y1="{TOP}" x2="{x}" y2="{:.1}" stroke="#000"/>"##,
        H - BOTTOM
    );
}

/// Daily inquiries, new cases and closures as bars, with the backlog (open cases at the end of
/// each day) as a dashed line on its own axis at the right.
pub fn flow_chart(days: &[DayFigures]) -> String {
    let mut svg = String::new();
    let first = days.first().map(|d| d.date.to_string()).unwrap_or_default();
    let last = days.last().map(|d| d.date.to_string()).unwrap_or_default();
    let total = |f: fn(&DayFigures) -> i64| days.iter().map(f).sum::<i64>();
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("from", first);
    args.set("to", last);
    args.set("inquiries", total(|d| d.inquiries));
    args.set("new", total(|d| d.new_cases));
    args.set("closures", total(|d| d.closures));
    args.set("backlog", days.last().map(|d| d.backlog).unwrap_or(0));
    let desc = crate::i18n::lang().message("sitrep-chart-flow-desc", Some(&args));
    open(&mut svg, "flow", &crate::t("sitrep-chart-flow"), &desc);
    let bar_max = days
        .iter()
        .map(|d| d.inquiries.max(d.new_cases).max(d.closures))
        .max()
        .unwrap_or(0);
    let backlog_max = days.iter().map(|d| d.backlog).max().unwrap_or(0);
    let (btop, ltop) = (top_of(bar_max), top_of(backlog_max));
    y_axis(
        &mut svg,
        bar_max,
        LEFT,
        &crate::t("sitrep-chart-per-day"),
        false,
    );
    y_axis(
        &mut svg,
        backlog_max,
        W - RIGHT,
        &crate::t("sitrep-chart-backlog-axis"),
        true,
    );
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let n = days.len().max(1) as f64;
    let slot = plot_w / n;
    let bw = (slot * 0.8 / 3.0).max(1.0);
    let y = |v: i64, top: i64| H - BOTTOM - plot_h * v as f64 / top as f64;
    let label_every = ((n / 10.0).ceil() as usize).max(1);
    let mut line = String::new();
    for (i, d) in days.iter().enumerate() {
        let x0 = LEFT + slot * i as f64 + slot * 0.1;
        for (k, (v, fill, what)) in [
            (d.inquiries, "#bbb".to_string(), "inquiries"),
            (d.new_cases, "#333".to_string(), "new cases"),
            (d.closures, "url(#flow-hatch)".to_string(), "closures"),
        ]
        .into_iter()
        .enumerate()
        {
            let top = y(v, btop);
            let _ = write!(
                svg,
                r##"<rect x="{:.1}" y="{top:.1}" width="{bw:.1}" height="{:.1}" fill="{fill}" stroke="#000" stroke-width="0.5"><title>{}: {v} {what}</title></rect>"##,
                x0 + bw * k as f64,
                H - BOTTOM - top,
                d.date
            );
        }
        let cx = LEFT + slot * (i as f64 + 0.5);
        let _ = write!(
            line,
            "{}{cx:.1},{:.1}",
            if i == 0 { "" } else { " " },
            y(d.backlog, ltop)
        );
        if i % label_every == 0 {
            let _ = write!(
                svg,
                r##"<text x="{cx:.1}" y="{:.1}" text-anchor="middle">{}</text>"##,
                H - BOTTOM + 16.0,
                d.date.format("%d %b")
            );
        }
    }
    let _ = write!(
        svg,
        r##"<polyline points="{line}" fill="none" stroke="#000" stroke-width="2.5" stroke-dasharray="8 4"/>"##
    );
    let _ = write!(
        svg,
        r##"<line x1="{LEFT}" y1="{0:.1}" x2="{1:.1}" y2="{0:.1}" stroke="#000"/><text x="{2:.1}" y="{3:.1}" text-anchor="middle">{4}</text>"##,
        H - BOTTOM,
        W - RIGHT,
        LEFT + plot_w / 2.0,
        H - BOTTOM + 34.0,
        esc(&crate::t("sitrep-chart-day"))
    );
    // Legend.
    let ly = 16.0;
    let mut lx = LEFT;
    for (fill, what) in [
        ("#bbb", "sitrep-chart-inquiries"),
        ("#333", "sitrep-chart-new-cases"),
        ("url(#flow-hatch)", "sitrep-chart-closures"),
    ] {
        let _ = write!(
            svg,
            r##"<rect x="{lx}" y="{:.1}" width="14" height="12" fill="{fill}" stroke="#000" stroke-width="0.5"/><text x="{:.1}" y="{ly}">{}</text>"##,
            ly - 10.0,
            lx + 18.0,
            esc(&crate::t(what))
        );
        lx += 110.0;
    }
    let _ = write!(
        svg,
        r##"<line x1="{lx}" y1="{0:.1}" x2="{1:.1}" y2="{0:.1}" stroke="#000" stroke-width="2.5" stroke-dasharray="8 4"/><text x="{2:.1}" y="{ly}">{3}</text></svg>"##,
        ly - 4.0,
        lx + 28.0,
        lx + 32.0,
        esc(&crate::t("sitrep-chart-backlog-legend"))
    );
    svg
}

/// Open cases by how long they have been waiting.
pub fn age_chart(buckets: &[Count]) -> String {
    let mut svg = String::new();
    let desc = buckets
        .iter()
        .map(|b| format!("{}: {}", age_label(b), b.count))
        .collect::<Vec<_>>()
        .join("; ");
    open(&mut svg, "age", &crate::t("sitrep-chart-age"), &desc);
    let max = buckets.iter().map(|b| b.count).max().unwrap_or(0);
    let top = top_of(max);
    y_axis(
        &mut svg,
        max,
        LEFT,
        &crate::t("sitrep-chart-open-cases"),
        false,
    );
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let slot = plot_w / buckets.len().max(1) as f64;
    for (i, b) in buckets.iter().enumerate() {
        let h = plot_h * b.count as f64 / top as f64;
        let x = LEFT + slot * i as f64 + slot * 0.15;
        // Longer waits are drawn darker and hatched, so the tail stands out in print too.
        let fill = if i + 2 >= buckets.len() {
            "url(#age-hatch)"
        } else {
            "#888"
        };
        let _ = write!(
            svg,
            r##"<rect x="{x:.1}" y="{:.1}" width="{:.1}" height="{h:.1}" fill="{fill}" stroke="#000"><title>{}: {}</title></rect><text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text><text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"##,
            H - BOTTOM - h,
            slot * 0.7,
            esc(&age_label(b)),
            b.count,
            x + slot * 0.35,
            H - BOTTOM - h - 4.0,
            b.count,
            x + slot * 0.35,
            H - BOTTOM + 16.0,
            esc(&age_label(b))
        );
    }
    let _ = write!(
        svg,
        r##"<line x1="{LEFT}" y1="{0:.1}" x2="{1:.1}" y2="{0:.1}" stroke="#000"/><text x="{2:.1}" y="{3:.1}" text-anchor="middle">{4}</text></svg>"##,
        H - BOTTOM,
        W - RIGHT,
        LEFT + plot_w / 2.0,
        H - BOTTOM + 34.0,
        esc(&crate::t("sitrep-chart-waiting-axis"))
    );
    svg
}

/// Referrals awaiting an answer, one bar per partner (most first, at most 12), split by how
/// long they have waited: lighter for recent, darker and hatched for the oldest, with a legend.
/// Empty when nothing is outstanding.
pub fn referral_chart(partners: &[PartnerReferrals]) -> String {
    let rows: Vec<&PartnerReferrals> = partners
        .iter()
        .filter(|p| p.outstanding > 0)
        .take(12)
        .collect();
    if rows.is_empty() {
        return String::new();
    }
    const ROW: f64 = 30.0;
    const NAME_W: f64 = 200.0;
    let h = TOP + ROW * rows.len() as f64 + BOTTOM;
    let desc = rows
        .iter()
        .map(|p| {
            let ages = p
                .by_age
                .iter()
                .filter(|c| c.count > 0)
                .map(|c| format!("{} {}", c.count, age_label(c)))
                .collect::<Vec<_>>()
                .join(", ");
            format!("{}: {} ({ages})", p.name, p.outstanding)
        })
        .collect::<Vec<_>>()
        .join("; ");
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {h}" role="img" aria-labelledby="ref-t ref-d" class="chart" font-family="sans-serif" font-size="12">
<title id="ref-t">{}</title><desc id="ref-d">{}</desc>
<defs><pattern id="ref-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#000" stroke-width="2.5"/></pattern></defs>
"##,
        esc(&crate::t("sitrep-referral-chart")),
        esc(&desc)
    );
    // Shades from recent to old; the two oldest buckets are hatched and black so they read in
    // black and white.
    let fills = [
        "#f2f2f2",
        "#d0d0d0",
        "#a8a8a8",
        "#7a7a7a",
        "url(#ref-hatch)",
        "#000",
    ];
    let max = rows.iter().map(|p| p.outstanding).max().unwrap_or(1);
    let top = top_of(max);
    let plot_w = W - NAME_W - RIGHT;
    for (i, p) in rows.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
            NAME_W - 8.0,
            y + ROW * 0.6,
            esc(&p.name)
        );
        let mut x = NAME_W;
        for (b, c) in p.by_age.iter().enumerate() {
            if c.count == 0 {
                continue;
            }
            let w = plot_w * c.count as f64 / top as f64;
            let _ = write!(
                svg,
                r##"<rect x="{x:.1}" y="{:.1}" width="{w:.1}" height="{:.1}" fill="{}" stroke="#000"><title>{}: {} {}</title></rect>"##,
                y + 4.0,
                ROW - 8.0,
                fills[b.min(fills.len() - 1)],
                esc(&p.name),
                c.count,
                esc(&age_label(c))
            );
            x += w;
        }
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}">{}</text>"##,
            x + 6.0,
            y + ROW * 0.6,
            p.outstanding
        );
    }
    // The legend, under the bars.
    let ly = TOP + ROW * rows.len() as f64 + 16.0;
    let slot = (W - LEFT) / fills.len() as f64;
    for (b, c) in rows[0].by_age.iter().enumerate() {
        let lx = LEFT + slot * b as f64;
        let _ = write!(
            svg,
            r##"<rect x="{lx:.1}" y="{ly:.1}" width="14" height="14" fill="{}" stroke="#000"/><text x="{:.1}" y="{:.1}">{}</text>"##,
            fills[b.min(fills.len() - 1)],
            lx + 20.0,
            ly + 11.0,
            esc(&age_label(c))
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_are_round() {
        assert_eq!(step(9), 2);
        assert_eq!(top_of(9), 10);
        assert_eq!(step(2300), 500);
        assert_eq!(top_of(0), 1);
    }

    #[test]
    fn charts_are_accessible_and_in_the_readers_language() {
        let bucket = Count {
            key: "lt1".into(),
            label: "under 1 day".into(),
            count: 3,
        };
        let svg = age_chart(std::slice::from_ref(&bucket));
        assert!(svg.contains("<title id=\"age-t\">How long open cases have been waiting"));
        assert!(svg.contains("under 1 day: 3"));
        let dari = crate::i18n::with_lang(crate::i18n::Lang::Prs, || age_chart(&[bucket]));
        assert!(dari.contains("کمتر از ۱ روز"), "{dari}");
        assert!(!dari.contains("under 1 day"), "{dari}");
    }

    #[test]
    fn the_referral_chart_draws_each_waiting_partner() {
        let partner = |name: &str, ages: [i64; 6]| PartnerReferrals {
            org_id: 1,
            name: name.into(),
            outstanding: ages.iter().sum(),
            by_age: corridor_store::sitrep::AGE_BUCKETS
                .iter()
                .zip(ages)
                .map(|((key, label, _, _), count)| Count {
                    key: key.to_string(),
                    label: label.to_string(),
                    count,
                })
                .collect(),
            declined: 0,
        };
        assert_eq!(referral_chart(&[partner("Idle", [0; 6])]), "");
        let svg = referral_chart(&[
            partner("Shelter & Co", [2, 0, 0, 0, 0, 1]),
            partner("Idle", [0; 6]),
        ]);
        assert!(svg.contains("<title id=\"ref-t\">"));
        assert!(svg.contains("Shelter &amp; Co"));
        assert!(
            !svg.contains("Idle"),
            "partners with nothing waiting are left out"
        );
        assert!(svg.contains("Shelter &amp; Co: 1 over 30 days"));
        assert!(svg.contains("fill=\"#000\""), "the oldest are black");
    }
}
