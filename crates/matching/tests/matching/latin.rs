//! Records of other cultures (Latin-script names, street addresses, postcodes, dates in
//! yyyymmdd, a social security number): the general comparators, and parameters that come
//! from the data. Synthetic people only.

use corridor_matching::{Field, Level, LinkConfig, Model, NoProgress, Record, dedupe, explain};

fn person(id: &str, given: &str, family: &str, dob: &str, address: &str, ssn: &str) -> Record {
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
    Record {
        id: id.into(),
        given_name: opt(given),
        family_name: opt(family),
        date_of_birth: opt(dob),
        address: opt(address),
        province: Some("nsw".into()),
        national_id: opt(ssn),
        ..Record::default()
    }
}

fn level(a: &Record, b: &Record, f: Field) -> Level {
    super::matching::level(&explain(a, b, &Model::default()).2, f)
}

#[test]
fn addresses_typed_with_errors_still_agree() {
    let a = person(
        "a",
        "stella",
        "chandler",
        "19741215",
        "50 ebden street rosetta village coffs harbour 2450",
        "",
    );
    let b = person(
        "b",
        "stella",
        "chandler",
        "19741215",
        "50 ebdn street rosetta vlilage cofs harbour 2405",
        "",
    );
    assert_eq!(level(&a, &b, Field::Address), Level::Close);
    // Another house number in another street and town is another address.
    let c = person(
        "c",
        "stella",
        "chandler",
        "19741215",
        "7 wallaby place delmar cleveland 2119",
        "",
    );
    assert_eq!(level(&a, &c, Field::Address), Level::Different);
    // House numbers must be equal: 50 and 56 are two houses.
    let d = person("d", "", "", "", "56", "");
    let e = person("e", "", "", "", "50", "");
    assert_eq!(level(&d, &e, Field::Address), Level::Different);
}

#[test]
fn a_date_with_day_and_month_swapped_is_the_same_date() {
    // 19561309 has no month 13: it was written yyyyddmm.
    let a = person("a", "mitchell", "green", "19560913", "", "");
    let b = person("b", "mitchell", "green", "19561309", "", "");
    assert_eq!(level(&a, &b, Field::DateOfBirth), Level::Exact);
}

/// `n` people, each twice; in every third copy the given name has a typo and, in every
/// `ssn_changed_every`-th, the social security number is another one altogether.
fn pairs(n: usize, ssn_changed_every: usize) -> Vec<Record> {
    let given = [
        "oliver",
        "charlotte",
        "jack",
        "amelia",
        "noah",
        "isla",
        "william",
        "mia",
    ];
    let family = [
        "smith", "jones", "williams", "brown", "wilson", "taylor", "nguyen", "white",
    ];
    let mut out = Vec::new();
    for i in 0..n {
        let g = given[i % given.len()];
        let f = format!(
            "{}{}",
            family[i / given.len() % family.len()],
            ["", "son", "ford", "ley"][i % 4]
        );
        let dob = format!("19{:02}{:02}{:02}", 30 + i % 60, 1 + i % 12, 2 + i % 27);
        let address = format!(
            "{} {} street suburb{} {}",
            1 + i % 97,
            ["king", "queen", "george", "elizabeth"][i % 4],
            i % 13,
            2000 + i % 900
        );
        let ssn = format!("{}", 1_000_000 + i * 7_919);
        out.push(person(&format!("p{i}-a"), g, &f, &dob, &address, &ssn));
        let ssn_b = if i % ssn_changed_every == 0 {
            format!("{}", 9_999_999 - i * 4_111)
        } else {
            ssn
        };
        let typo = if i % 3 == 0 {
            format!("{}{}", &g[..g.len() - 1], "e")
        } else {
            g.to_string()
        };
        out.push(person(
            &format!("p{i}-b"),
            &typo,
            &f,
            &dob,
            &address,
            &ssn_b,
        ));
    }
    out
}

#[test]
fn an_identifier_the_data_show_unreliable_does_not_veto_a_match() {
    // One in ten copies carries another number: the same person often has two, so a
    // different number is evidence to weigh, not a veto, and those pairs still match.
    let records = pairs(400, 10);
    let result = dedupe(&records, &LinkConfig::default(), &NoProgress);
    assert_eq!(result.model.documents_decide, [false, true]);
    let missed: Vec<usize> = (0..400)
        .filter(|i| result.clusters[2 * i] != result.clusters[2 * i + 1])
        .collect();
    assert!(missed.is_empty(), "people not found whole: {missed:?}");
    // One in a hundred: numbers are reliable, and two numbers keep two records apart.
    let records = pairs(400, 100);
    let result = dedupe(&records, &LinkConfig::default(), &NoProgress);
    assert_eq!(result.model.documents_decide, [true, true]);
    let apart = (0..400)
        .filter(|i| result.clusters[2 * i] != result.clusters[2 * i + 1])
        .count();
    assert_eq!(apart, 4);
}

#[test]
fn a_number_one_typo_apart_and_names_with_typos_still_meet() {
    // Given and family names both misspelled, the birth date missing: only the number,
    // one digit mistyped, brings the two records together.
    let mut records = pairs(300, 1000);
    let mut a = person(
        "x-a",
        "bartholomew",
        "featherstonehaugh",
        "",
        "1 lone road farville 4999",
        "8164610",
    );
    let mut b = person(
        "x-b",
        "bartholemew",
        "featherstonhaugh",
        "",
        "1 lone road farville 4999",
        "8164670",
    );
    a.province = None;
    b.province = None;
    records.push(a);
    records.push(b);
    let result = dedupe(&records, &LinkConfig::default(), &NoProgress);
    let n = records.len();
    assert_eq!(result.clusters[n - 2], result.clusters[n - 1]);
}
