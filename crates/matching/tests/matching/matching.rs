//! Behaviour a user of the matching library notices. Synthetic people only.

use corridor_matching::{
    Field, Guard, Level, LinkConfig, MatchIndex, Model, NoProgress, Outcome, Record, dedupe,
    explain, link,
};

fn rec(id: &str, given: &str, family: &str, father: &str, dob: &str, phone: &str) -> Record {
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
    Record {
        id: id.into(),
        given_name: opt(given),
        family_name: opt(family),
        father_name: opt(father),
        date_of_birth: opt(dob),
        phone: opt(phone),
        ..Record::default()
    }
}

pub(crate) fn level(ev: &corridor_matching::Evidence, f: Field) -> Level {
    ev.fields
        .iter()
        .find(|e| e.field == f)
        .map(|e| e.level)
        .unwrap_or(Level::Missing)
}

#[test]
fn spelling_script_and_format_variants_are_the_same_person() {
    let a = rec(
        "a",
        "Mohammad Najibullah",
        "Ahmadzai",
        "Abdul Rahman",
        "1990-05-17",
        "0701234567",
    );
    let b = rec(
        "b",
        "Muhammad Najib Ullah",
        "Ahmadzay",
        "Abdulrahman",
        "1369/02/27",
        "+93 70 123 4567",
    );
    let c = rec(
        "c",
        "محمد نجیب الله",
        "احمدزی",
        "عبدالرحمن",
        "17/05/1990",
        "0093701234567",
    );
    let model = Model::default();
    for (x, y) in [(&a, &b), (&a, &c), (&b, &c)] {
        let (p, outcome, ev) = explain(x, y, &model);
        assert_eq!(
            outcome,
            Outcome::Match,
            "{} vs {}: p={p} {ev:?}",
            x.id,
            y.id
        );
        assert_eq!(level(&ev, Field::GivenName), Level::Exact);
        assert_eq!(level(&ev, Field::DateOfBirth), Level::Exact);
        assert_eq!(level(&ev, Field::Phone), Level::Exact);
    }
}

#[test]
fn brothers_sharing_a_household_are_not_merged() {
    // Same father, family name, phone and address; different given names and births.
    let mut a = rec(
        "a",
        "Ahmad",
        "Karimi",
        "Abdul Karim",
        "1988-03-02",
        "0799000111",
    );
    let mut b = rec(
        "b",
        "Mahmood",
        "Karimi",
        "Abdul Karim",
        "1992-11-20",
        "0799000111",
    );
    a.address = Some("House 12, Street 4, Karte Char, Kabul".into());
    b.address = a.address.clone();
    let (_, outcome, ev) = explain(&a, &b, &Model::default());
    assert_eq!(outcome, Outcome::NonMatch, "{ev:?}");
    assert_eq!(ev.guard, Some(Guard::DifferentGivenName));

    let result = dedupe(&[a, b], &LinkConfig::default(), &NoProgress);
    assert_ne!(result.clusters[0], result.clusters[1]);
    assert!(result.same_person.is_empty());
}

#[test]
fn twins_go_to_review_not_to_a_merge() {
    let a = rec("a", "Hassan", "Noori", "Ghulam", "2001-06-09", "0788000222");
    let b = rec(
        "b",
        "Hussain",
        "Noori",
        "Ghulam",
        "2001-06-09",
        "0788000222",
    );
    let (_, outcome, ev) = explain(&a, &b, &Model::default());
    assert_ne!(outcome, Outcome::Match, "{ev:?}");
}

#[test]
fn placeholder_first_of_january_is_not_agreement_on_the_day() {
    let a = rec("a", "Zainab", "Safi", "", "01/01/1985", "");
    let b = rec("b", "Zainab", "Safi", "", "1985-01-01", "");
    let c = rec("c", "Zainab", "Safi", "", "1985-08-14", "");
    let model = Model::default();
    let (_, _, both_placeholder) = explain(&a, &b, &model);
    assert_eq!(level(&both_placeholder, Field::DateOfBirth), Level::Close);
    let (_, _, one_placeholder) = explain(&a, &c, &model);
    assert_eq!(level(&one_placeholder, Field::DateOfBirth), Level::Close);
    let real = rec("d", "Zainab", "Safi", "", "14.08.1985", "");
    let (_, _, exact) = explain(&c, &real, &model);
    assert_eq!(level(&exact, Field::DateOfBirth), Level::Exact);
    let weight = |ev: &corridor_matching::Evidence| {
        ev.fields
            .iter()
            .find(|e| e.field == Field::DateOfBirth)
            .map(|e| e.weight)
            .unwrap_or(0.0)
    };
    assert!(weight(&exact) > weight(&both_placeholder));
}

#[test]
fn solar_hijri_year_meets_either_gregorian_year() {
    let a = rec("a", "Farid", "Wardak", "", "1369", "");
    let b = rec("b", "Farid", "Wardak", "", "1991-02-10", "");
    let c = rec("c", "Farid", "Wardak", "", "1990-06-01", "");
    let model = Model::default();
    assert_eq!(
        level(&explain(&a, &b, &model).2, Field::DateOfBirth),
        Level::Close
    );
    assert_eq!(
        level(&explain(&a, &c, &model).2, Field::DateOfBirth),
        Level::Close
    );
}

#[test]
fn evidence_explains_every_field() {
    let a = rec("a", "Fatima", "Rahimi", "Yousuf", "1975", "0700111222");
    let b = rec("b", "Fatema", "Rahimi", "Yusuf", "1975", "");
    let (p, _, ev) = explain(&a, &b, &Model::default());
    assert_eq!(ev.fields.len(), corridor_matching::FIELDS.len());
    assert_eq!(level(&ev, Field::Phone), Level::Missing);
    let missing_weight = ev
        .fields
        .iter()
        .find(|e| e.field == Field::Phone)
        .map(|e| e.weight);
    assert_eq!(missing_weight, Some(0.0));
    let total: f64 = ev.prior_weight + ev.fields.iter().map(|e| e.weight).sum::<f64>();
    assert!((total - ev.total_weight).abs() < 1e-9);
    assert!((p - 1.0 / (1.0 + (-ev.total_weight).exp2())).abs() < 1e-9);
}

fn household(prefix: &str, n: usize) -> Vec<Record> {
    // n families, each: a father, two sons, each son submitted twice in different spellings.
    let mut out = Vec::new();
    let fathers = [
        "Abdul Wahid",
        "Gul Ahmad",
        "Noor Mohammad",
        "Sayed Jalal",
        "Haji Karim",
    ];
    let families = [
        "Popalzai",
        "Stanikzai",
        "Wardak",
        "Safi",
        "Niazi",
        "Kakar",
        "Momand",
        "Durrani",
    ];
    let sons = [
        ("Ahmad", "Ahmed"),
        ("Mahmood", "Mahmud"),
        ("Yousuf", "Yusuf"),
        ("Qasim", "Kasim"),
    ];
    for i in 0..n {
        let father = fathers[i % fathers.len()];
        let family = families[i % families.len()];
        let phone = format!("07{:08}", 10_000_000 + i * 7919);
        for (k, (s1, s2)) in sons.iter().take(2).enumerate() {
            let dob = format!("{}-0{}-1{}", 1980 + (i % 20), k + 3, i % 9);
            out.push(rec(
                &format!("{prefix}{i}-{k}a"),
                s1,
                family,
                father,
                &dob,
                &phone,
            ));
            let mut b = rec(
                &format!("{prefix}{i}-{k}b"),
                s2,
                family,
                father,
                &dob,
                &format!("+93 {}", &phone[1..]),
            );
            b.national_id = None;
            out.push(b);
        }
    }
    out
}

#[test]
fn dedupe_finds_each_person_once_and_keeps_brothers_apart() {
    let records = household("r", 40);
    let result = dedupe(&records, &LinkConfig::default(), &NoProgress);
    for (i, r) in records.iter().enumerate() {
        for (j, s) in records.iter().enumerate().skip(i + 1) {
            let same_person = r.id[..r.id.len() - 1] == s.id[..s.id.len() - 1];
            assert_eq!(
                result.clusters[i] == result.clusters[j],
                same_person,
                "{} {}",
                r.id,
                s.id
            );
        }
    }
    assert_eq!(result.same_person.len(), 80);
}

#[test]
fn linking_two_lists_pairs_across_them_only() {
    let all = household("x", 10);
    let (left, right): (Vec<Record>, Vec<Record>) =
        all.into_iter().partition(|r| r.id.ends_with('a'));
    let result = link(&left, &right, &LinkConfig::default(), &NoProgress);
    assert_eq!(result.same_person.len(), 20);
    for p in &result.same_person {
        let (l, r) = (&left[p.left].id, &right[p.right].id);
        assert_eq!(l[..l.len() - 1], r[..r.len() - 1]);
    }
    assert_eq!(result.clusters.len(), left.len() + right.len());
}

#[test]
fn online_index_finds_a_known_person_and_explains() {
    let records = household("k", 30);
    let mut index = MatchIndex::new();
    for (i, r) in records.iter().enumerate() {
        index.insert(i as u64, r);
    }
    let query = rec(
        "q",
        "Mahmud",
        "Stanikzai",
        "Gul Ahmad",
        "1981-04-11",
        "+93 710007919",
    );
    let candidates = index.query(&query);
    assert!(!candidates.is_empty());
    let best = &candidates[0];
    assert_eq!(
        records[best.id as usize]
            .given_name
            .as_deref()
            .map(|g| g.starts_with("Mahm")),
        Some(true)
    );
    assert_eq!(best.outcome, Outcome::Match);
    // The brother in the same household is not offered as the same person.
    for c in &candidates {
        let g = records[c.id as usize].given_name.as_deref().unwrap_or("");
        if g.starts_with("Ahm") {
            assert_eq!(c.outcome, Outcome::NonMatch, "{c:?}");
        }
    }
    assert!(index.remove(best.id));
    assert!(index.query(&query).iter().all(|c| c.id != best.id));
}

#[test]
fn an_index_read_back_from_its_snapshot_answers_as_the_original() {
    let mut records = household("s", 40);
    // Fields the household generator leaves out, so that every part of a record is written.
    records[0].passport = Some("P01234567".into());
    records[1].national_id = Some("1400-0101-12345".into());
    records[2].email = Some("someone@example.org".into());
    records[3].address = Some("Karte Se, Kabul".into());
    records[3].province = Some("Kabul".into());
    records[4].date_of_birth = Some("1365".into());
    records[5].full_name = Some("Gul Ahmad s/o Abdul Wahid".into());
    let mut index = MatchIndex::new();
    let items: Vec<(u64, &Record)> = records
        .iter()
        .enumerate()
        .map(|(i, r)| (i as u64 * 3, r))
        .collect();
    index.insert_many(&items);
    assert!(index.remove(6));
    let bytes = index.to_snapshot();
    let back = MatchIndex::from_snapshot(&bytes).expect("reads back");
    assert_eq!(back.len(), index.len());
    assert_eq!(back.model(), index.model());
    let mut probes = records.clone();
    probes.push(rec(
        "q",
        "Mahmud",
        "Stanikzai",
        "Gul Ahmad",
        "1981-04-11",
        "+93 710007919",
    ));
    probes.push(rec("n", "Someone", "Unheard", "", "", ""));
    let mut found = 0;
    for q in &probes {
        let (a, b) = (index.query(q), back.query(q));
        assert_eq!(a, b, "{q:?}");
        found += a.len();
    }
    assert!(found > probes.len(), "the probes find candidates: {found}");
    // The removed record stays removed.
    assert!(back.query(&records[2]).iter().all(|c| c.id != 6));
    // A snapshot of the snapshot is the same bytes: nothing is lost or reordered.
    assert_eq!(back.to_snapshot(), bytes);

    // Bytes that are not a whole snapshot of this version are refused, never half read.
    assert!(MatchIndex::from_snapshot(b"not a snapshot").is_err());
    for cut in [9, bytes.len() / 2, bytes.len() - 1] {
        assert!(
            MatchIndex::from_snapshot(&bytes[..cut]).is_err(),
            "cut at {cut}"
        );
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(MatchIndex::from_snapshot(&longer).is_err());
}

#[test]
fn mahmood_is_not_mohammad() {
    // A father and son sharing a phone and an address: محمد and محمود differ by one letter.
    let mut father = rec("f", "Mohammad", "", "", "", "0799555111");
    let mut son = rec("s", "Mahmood", "", "", "", "0799555111");
    father.address = Some("Karte Se, Kabul".into());
    son.address = father.address.clone();
    let (_, outcome, ev) = explain(&father, &son, &Model::default());
    assert_eq!(level(&ev, Field::GivenName), Level::Different);
    assert_eq!(outcome, Outcome::NonMatch);
}

#[test]
fn a_shared_passport_with_an_agreeing_name_is_the_same_person() {
    // The father's name spelled differently must not keep them apart.
    let mut a = rec("a", "Daoud", "Shah", "Abdul Qadir", "", "");
    let mut b = rec("b", "Davud", "Shaah", "Qadeer", "", "");
    a.passport = Some("P01234567".into());
    b.passport = Some("p 0123 4567".into());
    let (p, outcome, ev) = explain(&a, &b, &Model::default());
    assert_eq!(outcome, Outcome::Match, "p={p} {ev:?}");
    assert_eq!(ev.guard, Some(Guard::SharedDocument));
    let mut index = MatchIndex::new();
    index.insert(1, &a);
    let found = index.query(&b);
    assert_eq!(
        found.first().map(|c| (c.id, c.outcome)),
        Some((1, Outcome::Match))
    );

    // Brothers never share a passport, but a copied number must not join different names.
    let mut c = rec("c", "Mahmood", "Shah", "Abdul Qadir", "", "");
    c.passport = a.passport.clone();
    let (_, outcome, ev) = explain(&a, &c, &Model::default());
    assert_ne!(outcome, Outcome::Match, "{ev:?}");
}

#[test]
fn email_and_address_present_on_both_sides_are_never_missing() {
    let mut a = rec("a", "Zarmina", "Hotak", "", "", "");
    let mut b = rec("b", "Zarmina", "Hotak", "", "", "");
    // Forms the strict normalizers reject: a display name, a missing dot, only common words.
    a.email = Some("Zarmina Hotak <zarmina.hotak@example.org>".into());
    b.email = Some("zarmina.hotak@example".into());
    a.address = Some("Near the mosque".into());
    b.address = Some("near the mosque".into());
    let (_, _, ev) = explain(&a, &b, &Model::default());
    assert_ne!(level(&ev, Field::Email), Level::Missing, "{ev:?}");
    assert_eq!(level(&ev, Field::Address), Level::Exact, "{ev:?}");

    let mut index = MatchIndex::new();
    index.insert(1, &a);
    let mut c = b.clone();
    c.email = a.email.clone();
    c.phone = Some("0799000333".into());
    a.phone = c.phone.clone();
    index.insert(1, &a);
    let found = index.query(&c);
    let ev = &found.first().expect("candidate").evidence;
    assert_eq!(level(ev, Field::Email), Level::Exact, "{ev:?}");
    assert_eq!(level(ev, Field::Address), Level::Exact, "{ev:?}");
}

#[test]
fn a_bare_tazkira_record_number_is_not_a_shared_document() {
    // "6923" is the record part of a paper tazkira; many people in other volumes have it.
    let mut a = rec("a", "Mariam", "Haidari", "Nabi Jan", "2017", "");
    let mut b = rec("b", "Mariam", "Rahimi", "Ruhullah", "2020-04-30", "");
    a.national_id = Some("6923".into());
    b.national_id = Some("6923".into());
    let (_, outcome, ev) = explain(&a, &b, &Model::default());
    assert_eq!(level(&ev, Field::NationalId), Level::Close, "{ev:?}");
    assert_eq!(ev.guard, None, "{ev:?}");
    assert_ne!(outcome, Outcome::Match, "{ev:?}");
    // The full paper number is one person's.
    a.national_id = Some("Jild 12, Safha 34, Sabt 6923".into());
    b.national_id = Some("12/34/6923".into());
    let (_, _, ev) = explain(&a, &b, &Model::default());
    assert_eq!(level(&ev, Field::NationalId), Level::Exact, "{ev:?}");
}
