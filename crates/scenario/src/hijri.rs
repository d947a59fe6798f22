//! Gregorian → Solar Hijri (the calendar on a tazkira), after Borkowski's algorithm as used by
//! jalaali-js. Exact for the years that matter here.

use chrono::{Datelike, NaiveDate};

const BREAKS: [i32; 20] = [
    -61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324,
    2394, 2456, 3178,
];

/// Day of March on which Solar Hijri year `jy` begins (Gregorian year `jy + 621`).
fn nowruz_march_day(jy: i32) -> i32 {
    let gy = jy + 621;
    let mut leap_j = -14;
    let mut jp = BREAKS[0];
    let mut jump = 0;
    for &jm in &BREAKS[1..] {
        jump = jm - jp;
        if jy < jm {
            break;
        }
        leap_j += jump.div_euclid(33) * 8 + jump.rem_euclid(33).div_euclid(4);
        jp = jm;
    }
    let n = jy - jp;
    leap_j += n.div_euclid(33) * 8 + (n.rem_euclid(33) + 3).div_euclid(4);
    if jump.rem_euclid(33) == 4 && jump - n == 4 {
        leap_j += 1;
    }
    let leap_g = gy.div_euclid(4) - ((gy.div_euclid(100) + 1) * 3).div_euclid(4) - 150;
    20 + leap_j - leap_g
}

/// (year, month, day) in the Solar Hijri calendar.
pub fn to_solar_hijri(d: NaiveDate) -> (i32, u32, u32) {
    let gy = d.year();
    let start_this =
        NaiveDate::from_ymd_opt(gy, 3, nowruz_march_day(gy - 621) as u32).expect("valid nowruz");
    let (jy, start) = if d >= start_this {
        (gy - 621, start_this)
    } else {
        let prev = NaiveDate::from_ymd_opt(gy - 1, 3, nowruz_march_day(gy - 622) as u32)
            .expect("valid nowruz");
        (gy - 622, prev)
    };
    let days = (d - start).num_days() as u32;
    if days < 186 {
        (jy, days / 31 + 1, days % 31 + 1)
    } else {
        let r = days - 186;
        (jy, 7 + r / 30, r % 30 + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn known_dates() {
        assert_eq!(to_solar_hijri(d(2021, 3, 21)), (1400, 1, 1));
        assert_eq!(to_solar_hijri(d(2021, 3, 20)), (1399, 12, 30));
        assert_eq!(to_solar_hijri(d(2020, 3, 20)), (1399, 1, 1));
        assert_eq!(to_solar_hijri(d(1990, 5, 17)), (1369, 2, 27));
        assert_eq!(to_solar_hijri(d(1979, 2, 11)), (1357, 11, 22));
        assert_eq!(to_solar_hijri(d(2021, 8, 15)), (1400, 5, 24));
    }
}
