//! Dates of birth as people write them: several Gregorian layouts, year only, the
//! 1 January placeholder, and Solar Hijri years or dates from a tazkira.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum DatePrecision {
    Exact,
    YearMonth,
    YearOnly,
    /// 1 January written when only the year is known: day and month are not evidence.
    Placeholder,
    /// Converted from a Solar Hijri date (exact) or year (the Gregorian year is `year`
    /// or `year + 1`).
    SolarHijri,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct BirthDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
    pub precision: DatePrecision,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("empty date")]
    Empty,
    #[error("unrecognized date format")]
    Format,
    #[error("year {0} is outside 1900 to the current year")]
    YearOutOfRange(i32),
    #[error("month {0} does not exist")]
    BadMonth(u32),
    #[error("day {day} does not exist in month {month} of {year}")]
    BadDay { year: i32, month: u32, day: u32 },
    #[error("two-digit year is ambiguous")]
    TwoDigitYear,
}

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The current Gregorian year from the system clock (UTC).
fn current_year() -> i32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    civil_from_days((secs / 86_400) as i64).0
}

/// Days since 1970-01-01 → (year, month, day). Howard Hinnant's algorithm.
fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            if is_leap(y) {
                29
            } else {
                28
            }
        }
    }
}

fn month_from_name(s: &str) -> Option<u32> {
    let s = s.trim_end_matches('.');
    if s.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| s.starts_with(m) && "january february march april may june july august september october november december".contains(s))
        .map(|i| i as u32 + 1)
        .or_else(|| if s == "sept" { Some(9) } else { None })
}

/// Solar Hijri (Jalali) → Gregorian, the arithmetic of jalaali-js (valid 1–3177 SH).
fn jalali_to_gregorian(jy: i32, jm: u32, jd: u32) -> (i32, u32, u32) {
    let jy = jy + 1595;
    let mut days: i64 =
        -355_668 + 365 * jy as i64 + (jy as i64 / 33) * 8 + ((jy as i64 % 33) + 3) / 4 + jd as i64;
    days += if jm < 7 {
        (jm as i64 - 1) * 31
    } else {
        (jm as i64 - 7) * 30 + 186
    };
    let mut gy = 400 * (days / 146_097);
    days %= 146_097;
    if days > 36_524 {
        days -= 1;
        gy += 100 * (days / 36_524);
        days %= 36_524;
        if days >= 365 {
            days += 1;
        }
    }
    gy += 4 * (days / 1461);
    days %= 1461;
    if days > 365 {
        gy += (days - 1) / 365;
        days = (days - 1) % 365;
    }
    let mut gd = days + 1;
    let gy = gy as i32;
    let mut gm = 1u32;
    while gm <= 12 {
        let dim = days_in_month(gy, gm) as i64;
        if gd <= dim {
            break;
        }
        gd -= dim;
        gm += 1;
    }
    (gy, gm, gd as u32)
}

fn jalali_month_days(jy: i32, jm: u32) -> u32 {
    if jm <= 6 {
        31
    } else if jm <= 11 {
        30
    } else {
        // Esfand has 30 days in a leap year: check by converting 1 Farvardin of next year.
        let (y1, m1, d1) = jalali_to_gregorian(jy, 12, 29);
        let (y2, m2, d2) = jalali_to_gregorian(jy + 1, 1, 1);
        let next = days_from_civil(y1, m1, d1) + 1;
        if next == days_from_civil(y2, m2, d2) {
            29
        } else {
            30
        }
    }
}

fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y } as i64;
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 } as i64;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Solar Hijri years people are plausibly born in (1279 SH = 1900).
fn is_sh_year(y: i32) -> bool {
    (1279..=1450).contains(&y)
}

impl BirthDate {
    /// ISO 8601 at the precision known: "1990-05-17", "1990-05" or "1990".
    pub fn to_iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => format!("{:04}-{:02}", self.year, m),
            _ => format!("{:04}", self.year),
        }
    }

    /// True when the day and month are real evidence (not a placeholder or unknown).
    pub fn has_day(&self) -> bool {
        self.day.is_some() && !matches!(self.precision, DatePrecision::Placeholder)
    }

    /// Gregorian years this date could fall in: an SH year alone spans two.
    pub fn year_range(&self) -> (i32, i32) {
        if self.precision == DatePrecision::SolarHijri && self.month.is_none() {
            (self.year, self.year + 1)
        } else {
            (self.year, self.year)
        }
    }
}

impl fmt::Display for BirthDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso())?;
        match self.precision {
            DatePrecision::Placeholder => f.write_str(" (day unknown)"),
            DatePrecision::SolarHijri if self.month.is_none() => {
                write!(f, "/{} (from a Solar Hijri year)", self.year + 1)
            }
            DatePrecision::SolarHijri => f.write_str(" (from a Solar Hijri date)"),
            _ => Ok(()),
        }
    }
}

fn make(y: i32, m: u32, d: u32, max_year: i32) -> Result<BirthDate, DateError> {
    if is_sh_year(y) {
        if !(1..=12).contains(&m) {
            return Err(DateError::BadMonth(m));
        }
        if d == 0 || d > jalali_month_days(y, m) {
            return Err(DateError::BadDay {
                year: y,
                month: m,
                day: d,
            });
        }
        let (gy, gm, gd) = jalali_to_gregorian(y, m, d);
        check_year(gy, max_year)?;
        return Ok(BirthDate {
            year: gy,
            month: Some(gm as u8),
            day: Some(gd as u8),
            precision: DatePrecision::SolarHijri,
        });
    }
    check_year(y, max_year)?;
    if !(1..=12).contains(&m) {
        return Err(DateError::BadMonth(m));
    }
    if d == 0 || d > days_in_month(y, m) {
        return Err(DateError::BadDay {
            year: y,
            month: m,
            day: d,
        });
    }
    let precision = if m == 1 && d == 1 {
        DatePrecision::Placeholder
    } else {
        DatePrecision::Exact
    };
    Ok(BirthDate {
        year: y,
        month: Some(m as u8),
        day: Some(d as u8),
        precision,
    })
}

fn check_year(y: i32, max_year: i32) -> Result<(), DateError> {
    if (1900..=max_year).contains(&y) {
        Ok(())
    } else {
        Err(DateError::YearOutOfRange(y))
    }
}

fn year_only(y: i32, sh_marked: bool, max_year: i32) -> Result<BirthDate, DateError> {
    if sh_marked || is_sh_year(y) {
        // 1 Farvardin falls on 20/21 March, so SH year Y covers Gregorian Y+621 and Y+622.
        let gy = y + 621;
        check_year(gy, max_year)?;
        return Ok(BirthDate {
            year: gy,
            month: None,
            day: None,
            precision: DatePrecision::SolarHijri,
        });
    }
    check_year(y, max_year)?;
    Ok(BirthDate {
        year: y,
        month: None,
        day: None,
        precision: DatePrecision::YearOnly,
    })
}

/// Parses a date of birth. Day-first is assumed for dd/mm/yyyy unless the second number
/// cannot be a month (then the US mm/dd/yyyy order is taken).
pub fn parse_dob(s: &str) -> Result<BirthDate, DateError> {
    thread_local!(static DATES: crate::util::MemoCell<Result<BirthDate, DateError>> = Default::default());
    crate::util::memo(&DATES, s, parse_dob_uncached)
}

fn parse_dob_uncached(s: &str) -> Result<BirthDate, DateError> {
    parse_with_max_year(s, current_year())
}

fn parse_with_max_year(s: &str, max_year: i32) -> Result<BirthDate, DateError> {
    let ascii = super::ascii_digits(s.trim()).to_lowercase();
    if ascii.is_empty() {
        return Err(DateError::Empty);
    }
    // An age instead of a date ("age 35", "35 years old"): the year of birth, roughly.
    let words: Vec<&str> = ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let age_words = [
        "age", "aged", "years", "year", "yrs", "yr", "old", "y", "o", "approx", "about",
    ];
    if words
        .iter()
        .any(|w| matches!(*w, "age" | "aged" | "years" | "yrs" | "yr"))
        && let [n] = words
            .iter()
            .filter(|w| !age_words.contains(w))
            .collect::<Vec<_>>()[..]
        && let Ok(age) = n.parse::<i32>()
        && (0..=110).contains(&age)
    {
        let year = max_year - age;
        check_year(year, max_year)?;
        return Ok(BirthDate {
            year,
            month: None,
            day: None,
            precision: DatePrecision::YearOnly,
        });
    }
    // Hedges ("1993 (approx.)", "about 1990", "c. 1985") do not change what is known.
    let mut text: String = ascii.split('(').next().unwrap_or("").to_string();
    for hedge in [
        "approx.",
        "approx",
        "approximately",
        "about",
        "circa",
        "ca.",
        "c.",
        "around",
        "~",
    ] {
        if let Some(rest) = text.trim_start().strip_prefix(hedge) {
            text = rest.to_string();
        }
        if let Some(rest) = text.trim_end().strip_suffix(hedge) {
            text = rest.to_string();
        }
    }
    let mut sh_marked = false;
    for marker in [
        "hijri shamsi",
        "solar hijri",
        "h.sh",
        "h.s.",
        "sh.",
        "sh",
        "hs",
        "ه.ش",
        "هـ ش",
        "هش",
        "ش",
    ] {
        if let Some(stripped) = text.trim_end().strip_suffix(marker)
            && (stripped.is_empty()
                || stripped.ends_with(|c: char| c.is_ascii_digit() || c.is_whitespace()))
        {
            text = stripped.trim().to_string();
            sh_marked = true;
            break;
        }
    }
    // Tokens: runs of digits and runs of letters; anything else separates.
    let mut toks: Vec<String> = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        let same_kind = cur
            .chars()
            .last()
            .is_none_or(|p| p.is_ascii_digit() == c.is_ascii_digit());
        if c.is_ascii_alphanumeric() {
            if !same_kind {
                toks.push(std::mem::take(&mut cur));
            }
            cur.push(c);
        } else if !cur.is_empty() {
            toks.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        toks.push(cur);
    }
    // Ordinal suffixes (17th) are noise.
    toks.retain(|t| !matches!(t.as_str(), "st" | "nd" | "rd" | "th" | "of"));
    let num = |t: &String| -> Option<u32> {
        t.parse()
            .ok()
            .filter(|_| t.chars().all(|c| c.is_ascii_digit()))
    };

    match toks.as_slice() {
        [y] => {
            let n = num(y).ok_or(DateError::Format)?;
            if y.len() == 8 {
                // yyyymmdd
                return make((n / 10_000) as i32, n / 100 % 100, n % 100, max_year);
            }
            if y.len() != 4 {
                return Err(if y.len() == 2 {
                    DateError::TwoDigitYear
                } else {
                    DateError::Format
                });
            }
            year_only(n as i32, sh_marked, max_year)
        }
        [a, b] => {
            // yyyy-mm, mm/yyyy, May 1990
            let (y, m) = match (num(a), num(b)) {
                (Some(x), Some(z)) if a.len() == 4 => (x as i32, z),
                (Some(x), Some(z)) if b.len() == 4 => (z as i32, x),
                (None, Some(z)) if b.len() == 4 => {
                    (z as i32, month_from_name(a).ok_or(DateError::Format)?)
                }
                _ => return Err(DateError::Format),
            };
            if !(1..=12).contains(&m) {
                return Err(DateError::BadMonth(m));
            }
            if sh_marked || is_sh_year(y) {
                let (gy, _, _) = jalali_to_gregorian(y, m, 1);
                check_year(gy, max_year)?;
                return Ok(BirthDate {
                    year: gy,
                    month: None,
                    day: None,
                    precision: DatePrecision::SolarHijri,
                });
            }
            check_year(y, max_year)?;
            Ok(BirthDate {
                year: y,
                month: Some(m as u8),
                day: None,
                precision: DatePrecision::YearMonth,
            })
        }
        [a, b, c] => {
            let (na, nb, nc) = (num(a), num(b), num(c));
            let (y, m, d) = if a.len() == 4 && na.is_some() {
                // yyyy-mm-dd or yyyy-Mon-dd
                let m = nb.or_else(|| month_from_name(b)).ok_or(DateError::Format)?;
                (na.unwrap_or(0) as i32, m, nc.ok_or(DateError::Format)?)
            } else if c.len() == 4 && nc.is_some() {
                let y = nc.unwrap_or(0) as i32;
                match (na, nb) {
                    (Some(x), Some(z)) => {
                        if z > 12 && x <= 12 {
                            (y, x, z)
                        } else {
                            (y, z, x)
                        }
                    }
                    (Some(x), None) => (y, month_from_name(b).ok_or(DateError::Format)?, x),
                    (None, Some(z)) => (y, month_from_name(a).ok_or(DateError::Format)?, z),
                    _ => return Err(DateError::Format),
                }
            } else if c.len() == 2 && nc.is_some() {
                return Err(DateError::TwoDigitYear);
            } else {
                return Err(DateError::Format);
            };
            make(y, m, d, max_year)
        }
        _ => Err(DateError::Format),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> BirthDate {
        parse_with_max_year(s, 2026).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn gregorian_layouts_agree() {
        for s in [
            "1990-05-17",
            "17/05/1990",
            "17.05.1990",
            "17-May-1990",
            "May 17, 1990",
            "17 May 1990",
            "1990/05/17",
            "05/17/1990",
            "19900517",
        ] {
            let d = p(s);
            assert_eq!(d.to_iso(), "1990-05-17", "{s}");
            assert_eq!(d.precision, DatePrecision::Exact, "{s}");
        }
    }

    #[test]
    fn ages_give_a_year() {
        assert_eq!(p("age 35").to_iso(), "1991");
        assert_eq!(p("35 years old").to_iso(), "1991");
        assert_eq!(p("35 yrs").precision, DatePrecision::YearOnly);
    }

    #[test]
    fn hedged_dates() {
        assert_eq!(p("1993 (approx.)").to_iso(), "1993");
        assert_eq!(p("about 1990").to_iso(), "1990");
    }

    #[test]
    fn partial_dates() {
        assert_eq!(p("1990").precision, DatePrecision::YearOnly);
        assert_eq!(p("1990").to_iso(), "1990");
        assert_eq!(p("1990-05").to_iso(), "1990-05");
        assert_eq!(p("May 1990").precision, DatePrecision::YearMonth);
    }

    #[test]
    fn first_of_january_is_a_placeholder() {
        let d = p("01/01/1985");
        assert_eq!(d.precision, DatePrecision::Placeholder);
        assert!(!d.has_day());
        assert_eq!(d.to_iso(), "1985-01-01");
    }

    #[test]
    fn solar_hijri_year_is_1990_or_1991() {
        for s in ["1369", "1369 SH", "۱۳۶۹", "١٣٦٩", "1369 هـ ش"] {
            let d = p(s);
            assert_eq!(d.precision, DatePrecision::SolarHijri, "{s}");
            assert_eq!(d.year_range(), (1990, 1991), "{s}");
        }
    }

    #[test]
    fn solar_hijri_dates_convert_exactly() {
        // 1 Farvardin 1400 = 21 March 2021 (the anchor), 27 Ordibehesht 1369 = 17 May 1990.
        assert_eq!(p("1400/01/01").to_iso(), "2021-03-21");
        assert_eq!(p("1369/02/27").to_iso(), "1990-05-17");
        assert_eq!(p("۱۳۶۹/۰۲/۲۷").to_iso(), "1990-05-17");
        assert_eq!(p("1369/10/11").to_iso(), "1991-01-01");
        assert_eq!(p("1369/02/27").precision, DatePrecision::SolarHijri);
    }

    #[test]
    fn impossible_dates_are_rejected() {
        let e = |s: &str| parse_with_max_year(s, 2026).unwrap_err();
        assert_eq!(
            e("31/02/1990"),
            DateError::BadDay {
                year: 1990,
                month: 2,
                day: 31
            }
        );
        assert_eq!(e("1990-13-01"), DateError::BadMonth(13));
        assert_eq!(e("1850"), DateError::YearOutOfRange(1850));
        assert_eq!(e("2031-01-05"), DateError::YearOutOfRange(2031));
        assert_eq!(e(""), DateError::Empty);
        assert_eq!(e("tomorrow"), DateError::Format);
        assert_eq!(e("17/05/90"), DateError::TwoDigitYear);
        assert!(p("29/02/1992").has_day());
        assert!(parse_with_max_year("29/02/1991", 2026).is_err());
    }

    #[test]
    fn display_says_what_is_known() {
        assert_eq!(p("1369").to_string(), "1990/1991 (from a Solar Hijri year)");
        assert_eq!(p("1990-05-17").to_string(), "1990-05-17");
    }
}
