//! Household propagation: family members linked through a member known to be one person.
//!
//! A sparse record ("Fatima, female, Kabul") can't be linked by its own fields: too many
//! people share them. Its household can. When a member of household X is in one cluster
//! with a member of household Y (an "anchor": a pair that scores at least "possible" on
//! its own, in a cluster holding no household twice), X and Y are one family registered
//! twice, and their other members pair up by given name. The pairing is strict, since a
//! family often reuses names (a father and son both "Mohammad"):
//!
//! - given names agree (close or exact after transliteration, or partly alike with the
//!   same sex and an agreeing birth date or father's name), sex does not differ, and
//!   birth dates, tazkira and passport numbers do not contradict;
//! - one-to-one: a pair is taken only when each side is the other's single best
//!   candidate (ties, such as two "Mohammad"s without birth dates, are left alone unless
//!   their own scores differ by `TIE_BITS`), and members already in one cluster with a
//!   member of the other household take no other partner;
//! - brothers never pair: their given names differ.
//!
//! Such pairs are matches (the probability is raised to the match threshold) and carry
//! an anchor that linked the households ([`crate::ScoredPair::household`]).

use crate::batch::ScoredPair;
use crate::compare::{Level, Pattern, compare};
use crate::index::MatchIndex;
use crate::model::{Model, Outcome};
use crate::record::{Normalized, Prepared, Record};
use crate::util::{FxMap, NONE, Overlay, Vocab};
use rayon::prelude::*;

/// Households larger than this are not propagated through: a key that many records
/// share is more likely a camp or a list's default than a family.
const MAX_HOUSEHOLD: usize = 16;

/// Household id per record (in the run's order; `order[i]` is the input index), `NONE`
/// when the record has none. Keys are local to a list: in a link, the same key on both
/// sides is two households.
///
/// A record without a key that gives a phone number belongs to the household of that
/// number (within its list): families share one phone, and a family writing about
/// itself or a sponsor writing about "their" family gives the family's number for
/// everyone. Such a phone household may hold one person twice (the family wrote twice);
/// a cluster holding a household twice anchors nothing, and a member with two equally
/// good candidates pairs with neither, so that costs links, not accuracy.
///
/// Also returns, per household id, whether it is a phone household.
pub(crate) fn household_ids(
    records: &[&Record],
    recs: &[Prepared],
    order: &[u32],
    split: Option<usize>,
) -> (Vec<u32>, Vec<bool>) {
    let mut ids: FxMap<(bool, &str), u32> = FxMap::default();
    let mut phones: FxMap<(bool, u64), u32> = FxMap::default();
    let mut next = 0u32;
    let mut by_phone = Vec::new();
    let hh = order
        .iter()
        .enumerate()
        .map(|(i, &o)| {
            let o = o as usize;
            let side = split.is_some_and(|s| o >= s);
            let id = match records[o]
                .household
                .as_deref()
                .map(str::trim)
                .filter(|k| !k.is_empty())
            {
                Some(key) => *ids.entry((side, key)).or_insert(next),
                None if recs[i].phone[0] != 0 => {
                    *phones.entry((side, recs[i].phone[0])).or_insert(next)
                }
                None => return NONE,
            };
            if id == next {
                next += 1;
                by_phone.push(
                    records[o]
                        .household
                        .as_deref()
                        .is_none_or(|k| k.trim().is_empty()),
                );
            }
            id
        })
        .collect();
    (hh, by_phone)
}

/// Whether two members of linked households may be one person. Birth dates may be a
/// few years apart unless both give a real day: ages ("27 yrs") and guessed years are
/// rough, and relatives who share a given name are a generation apart.
fn compatible(p: &Pattern, a: &Prepared, b: &Prepared) -> bool {
    // A given name only partly alike ("Omar Shah" / "Omarshah", one part misspelt)
    // needs the same sex and a birth date or father's name agreeing.
    let exact = Level::Exact as u8;
    let given = p[0] >= Level::Close as u8
        || (p[0] == Level::Partial as u8
            && p[4] == exact
            && (p[3] >= Level::Close as u8 || p[2] == exact));
    given && !contradicts(p, a, b)
}

/// Whether sex, birth date, tazkira or passport say two records are different people.
fn contradicts(p: &Pattern, a: &Prepared, b: &Prepared) -> bool {
    let different = Level::Different as u8;
    let dob_ok = p[3] != different
        || match (a.dob, b.dob) {
            (Some(x), Some(y)) => {
                let ((x0, x1), (y0, y1)) = (x.year_range(), y.year_range());
                let gap = (y0 - x1).max(x0 - y1).max(0);
                !(x.has_day() && y.has_day()) && gap <= MAX_YEARS_APART
            }
            _ => true,
        };
    p[4] == different || !dob_ok || p[5] == different || p[6] == different
}

/// Largest gap between birth years (when not both exact dates) that still lets two
/// members of linked households pair up.
const MAX_YEARS_APART: i32 = 5;

/// How much better (log2 odds on its own fields) the best of two equally ranked
/// candidates must score to be taken.
const TIE_BITS: f64 = 4.0;

/// Preference among compatible candidates: the given name's level, then the birth date's
/// (a missing date and one a year or two off are equally unhelpful).
fn rank(p: &Pattern) -> u8 {
    let dob = match Level::from_u8(p[3]) {
        Level::Exact => 3,
        Level::Close => 2,
        _ => 1,
    };
    p[0] * 4 + dob
}

/// A compatible pair of members of two linked households (`x` of one, `y` of the other),
/// with its rank and its own score.
#[derive(Debug, Clone, Copy)]
struct Cand {
    x: u32,
    y: u32,
    rank: u8,
    own: f64,
    /// log2 odds of `own`.
    odds: f64,
}

impl Cand {
    /// The pair as a candidate, if its fields allow it to be one person (`own` scores it).
    fn of(
        x: u32,
        y: u32,
        p: &Pattern,
        a: &Prepared,
        b: &Prepared,
        own: impl FnOnce() -> f64,
    ) -> Option<Cand> {
        if !compatible(p, a, b) {
            return None;
        }
        let own = own();
        Some(Cand {
            x,
            y,
            rank: rank(p),
            own,
            odds: (own / (1.0 - own)).log2().clamp(-60.0, 60.0),
        })
    }

    /// The better of two candidates for the same pair (two records of one known person).
    fn better(self, other: Cand) -> Cand {
        if (other.rank, other.odds) > (self.rank, self.odds) {
            other
        } else {
            self
        }
    }
}

/// The candidates that are each side's single best: no other candidate of x or of y ranks as
/// high, or, ranking the same, scores within `TIE_BITS` of it on its own fields (a father's
/// name tells a father from his namesake son).
/// Each side's single best candidate: no other candidate of x or of y ranks as high, or,
/// ranking the same, scores within TIE_BITS of it on its own fields (a father's name tells a
/// father from his namesake son). `same(a, b)` says two records are already one person (one
/// cluster): two records of one person are one candidate, not rivals.
fn unrivalled<'a>(
    cands: &'a [Cand],
    same: impl Fn(u32, u32) -> bool + 'a,
) -> impl Iterator<Item = &'a Cand> {
    cands.iter().filter(move |c| {
        !cands.iter().any(|o| {
            // A rival shares exactly one side with c and is no pair of one person...
            if (o.x == c.x) == (o.y == c.y) || same(o.x, o.y) {
                return false;
            }
            // ...nor does its other side belong to c's other person.
            let other_is_ours = if o.x == c.x {
                same(o.y, c.y)
            } else {
                same(o.x, c.x)
            };
            !other_is_ours && (o.rank > c.rank || (o.rank == c.rank && o.odds + TIE_BITS > c.odds))
        })
    })
}

/// One member of a household arriving pairs with one member of a known household.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HouseholdPair {
    /// Index into the arriving members.
    pub incoming: usize,
    /// Index into the known members.
    pub known: usize,
    /// At least the match threshold: the pair is judged the same person.
    pub probability: f64,
}

impl MatchIndex {
    /// Online household propagation: a household arriving (the people of one request) whose
    /// member is surely someone of a known household is that family again, and its other
    /// members pair up with the known ones one to one, by the same rule as a batch run
    /// (given name, sex, birth year; see the module doc). `incoming` lists the arriving
    /// members, `true` for those already placed (the anchor, anyone surely matched);
    /// `known` lists each known member's records in this index, `true` for those already
    /// claimed. A known member with several records counts by their best one, and not at all
    /// when any of them contradicts the arriving one (sex, birth date, documents). Households of
    /// one or of more than `MAX_HOUSEHOLD` pair nothing.
    pub fn pair_household(
        &self,
        incoming: &[(&Record, bool)],
        known: &[(&[u64], bool)],
    ) -> Vec<HouseholdPair> {
        let usable = |n: usize| (2..=MAX_HOUSEHOLD).contains(&n);
        if !usable(incoming.len()) || !usable(known.len()) {
            return Vec::new();
        }
        let mut vocab = Overlay::new(self.vocab());
        let arriving: Vec<Option<Prepared>> = incoming
            .iter()
            .map(|(r, taken)| {
                (!taken).then(|| Prepared::from_normalized(&Normalized::from_record(r), &mut vocab))
            })
            .collect();
        let mut cands: Vec<Cand> = Vec::new();
        for (x, q) in arriving.iter().enumerate() {
            let Some(q) = q else { continue };
            for (y, (records, taken)) in known.iter().enumerate() {
                if *taken {
                    continue;
                }
                // Any of the member's records contradicting this one rules the member out:
                // a person whose records span two relatives must not draw in a third.
                let compared: Vec<(&Prepared, Pattern)> = records
                    .iter()
                    .filter_map(|id| self.prepared(*id))
                    .map(|other| (other, compare(&vocab, q, other)))
                    .collect();
                if compared.iter().any(|(other, p)| contradicts(p, q, other)) {
                    continue;
                }
                let best = compared
                    .iter()
                    .filter_map(|(other, p)| {
                        Cand::of(x as u32, y as u32, p, q, other, || {
                            self.own_probability(p, q, other)
                        })
                    })
                    .reduce(Cand::better);
                cands.extend(best);
            }
        }
        let threshold = self.model().match_threshold;
        unrivalled(&cands, |_, _| false)
            .map(|c| HouseholdPair {
                incoming: c.x as usize,
                known: c.y as usize,
                probability: c.own.max(threshold),
            })
            .collect()
    }
}

/// Pairs of members of households linked by a cluster (`roots[i]`: record i's cluster),
/// one-to-one by given name (see the module doc). `score` gives a pair's own probability.
/// Returned pairs have `left < right`, outcome Match and `household` set to an anchor
/// (records of one cluster, in the households of `left` and `right`, in that order).
pub(crate) fn propagate<V: Vocab + Sync>(
    vocab: &V,
    recs: &[Prepared],
    (hh, by_phone): (&[u32], &[bool]),
    roots: &[u32],
    split: Option<usize>,
    model: &Model,
    score: &(dyn Fn(usize, usize, &Pattern) -> f64 + Sync),
) -> Vec<ScoredPair> {
    // Members per household (CSR).
    let nh = hh
        .iter()
        .filter(|&&h| h != NONE)
        .max()
        .map_or(0, |&h| h as usize + 1);
    if nh == 0 {
        return Vec::new();
    }
    let mut start = vec![0u32; nh + 1];
    for &h in hh.iter().filter(|&&h| h != NONE) {
        start[h as usize + 1] += 1;
    }
    for i in 0..nh {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut members = vec![0u32; start[nh] as usize];
    for (i, &h) in hh.iter().enumerate() {
        if h != NONE {
            members[fill[h as usize] as usize] = i as u32;
            fill[h as usize] += 1;
        }
    }
    let of = |h: u32| &members[start[h as usize] as usize..start[h as usize + 1] as usize];
    let size = |h: u32| (start[h as usize + 1] - start[h as usize]) as usize;
    let (match_threshold, possible_threshold) = (model.match_threshold, model.possible_threshold);
    let usable = |h: u32| h != NONE && (2..=MAX_HOUSEHOLD).contains(&size(h));

    // Anchors: records of two different households in one cluster (`roots`), as
    // (hx, hy, x, y) with hx < hy and x in hx.
    let mut by_root: Vec<(u32, u32)> = (0..hh.len() as u32)
        .filter(|&i| usable(hh[i as usize]))
        .map(|i| (roots[i as usize], i))
        .collect();
    by_root.par_sort_unstable();
    let clusters: Vec<&[(u32, u32)]> = by_root
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|c| c.len() >= 2)
        .collect();
    let mut anchors: Vec<(u32, u32, u32, u32)> = clusters
        .par_iter()
        .flat_map_iter(|cluster| {
            let mut out = Vec::new();
            // A cluster holding two members of one list's household chained relatives
            // together: it links nothing. A phone household may hold one person
            // twice (the family wrote twice).
            let mut hs: Vec<u32> = cluster
                .iter()
                .map(|&(_, i)| hh[i as usize])
                .filter(|&h| !by_phone[h as usize])
                .collect();
            hs.sort_unstable();
            if hs.windows(2).any(|w| w[0] == w[1]) {
                return out.into_iter();
            }
            for (k, &(_, a)) in cluster.iter().enumerate() {
                for &(_, b) in &cluster[k + 1..] {
                    let (ha, hb) = (hh[a as usize], hh[b as usize]);
                    if ha == hb {
                        continue;
                    }
                    // The anchor itself must look like one person, not only sit in one
                    // cluster with them.
                    let (l, r) = (a.min(b) as usize, a.max(b) as usize);
                    let p = compare(vocab, &recs[l], &recs[r]);
                    if score(l, r, &p) < possible_threshold {
                        continue;
                    }
                    out.push(if ha < hb {
                        (ha, hb, a, b)
                    } else {
                        (hb, ha, b, a)
                    });
                }
            }
            out.into_iter()
        })
        .collect();
    anchors.par_sort_unstable();
    let mut groups = Vec::new();
    let mut i = 0;
    while i < anchors.len() {
        let mut j = i + 1;
        while j < anchors.len() && anchors[j].0 == anchors[i].0 && anchors[j].1 == anchors[i].1 {
            j += 1;
        }
        groups.push((i, j));
        i = j;
    }
    groups
        .par_iter()
        .flat_map_iter(|&(s, e)| {
            let group = &anchors[s..e];
            let (hx, hy) = (group[0].0, group[0].1);
            let (anchor_x, anchor_y) = (group[0].2, group[0].3);
            let taken_x = |x: u32| group.iter().any(|g| g.2 == x);
            let taken_y = |y: u32| group.iter().any(|g| g.3 == y);
            let mut cands: Vec<Cand> = Vec::new();
            for &x in of(hx).iter().filter(|&&x| !taken_x(x)) {
                for &y in of(hy).iter().filter(|&&y| !taken_y(y)) {
                    if let Some(n) = split
                        && ((x as usize) < n) == ((y as usize) < n)
                    {
                        continue;
                    }
                    let (l, r) = (x.min(y) as usize, x.max(y) as usize);
                    let p = compare(vocab, &recs[l], &recs[r]);
                    cands.extend(Cand::of(x, y, &p, &recs[l], &recs[r], || score(l, r, &p)));
                }
            }
            let mut out = Vec::new();
            let same = |a: u32, b: u32| roots[a as usize] == roots[b as usize];
            for &Cand { x, y, own, .. } in unrivalled(&cands, same) {
                let (left, right, al, ar) = if x < y {
                    (x, y, anchor_x, anchor_y)
                } else {
                    (y, x, anchor_y, anchor_x)
                };
                out.push(ScoredPair {
                    left: left as usize,
                    right: right as usize,
                    probability: own.max(match_threshold),
                    outcome: Outcome::Match,
                    household: Some((al as usize, ar as usize)),
                });
            }
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::{
        Guard, LinkConfig, LinkResult, NoProgress, Outcome, Record, dedupe, explain_scored, link,
    };

    /// A synthetic record: id, household, given name, sex, and optional extras.
    fn rec(id: &str, household: &str, given: &str, sex: &str) -> Record {
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
        Record {
            id: id.into(),
            household: opt(household),
            given_name: opt(given),
            sex: opt(sex),
            ..Record::default()
        }
    }

    fn head(id: &str, household: &str, given: &str, dob: &str) -> Record {
        Record {
            family_name: Some("Ahmadzai".into()),
            father_name: Some("Yousef".into()),
            date_of_birth: Some(dob.into()),
            national_id: Some("1400-0101-12345".into()),
            province: Some("Kabul".into()),
            ..rec(id, household, given, "male")
        }
    }

    fn same(res: &LinkResult, recs: &[Record], a: &str, b: &str) -> Option<crate::ScoredPair> {
        let i = |id: &str| recs.iter().position(|r| r.id == id).unwrap();
        let (a, b) = (i(a).min(i(b)), i(a).max(i(b)));
        res.same_person
            .iter()
            .find(|p| p.left == a && p.right == b)
            .copied()
    }

    fn family() -> Vec<Record> {
        vec![
            // List 1, household A-1: a husband with a document, a sparse wife and child.
            head("a1", "A-1", "Mohammad Daud", "1980-03-12"),
            rec("a2", "A-1", "Fatima", "female"),
            rec("a3", "A-1", "Zainab", "female"),
            // List 2, household B-7: the same family, spelled differently.
            head("b1", "B-7", "Mohammad Dawood", "12/03/1980"),
            rec("b2", "B-7", "Fatimah", "F"),
            rec("b3", "B-7", "Zaynab", "f"),
            // Another family of list 2 with a Fatima: not linked to A-1.
            Record {
                family_name: Some("Karimi".into()),
                date_of_birth: Some("1975".into()),
                ..rec("c1", "B-9", "Nasir", "male")
            },
            rec("c2", "B-9", "Fatima", "female"),
        ]
    }

    #[test]
    fn a_sparse_wife_and_child_are_linked_through_the_husband() {
        let recs = family();
        let res = dedupe(&recs, &LinkConfig::default(), &NoProgress);
        let husband = same(&res, &recs, "a1", "b1").expect("husbands share a tazkira");
        assert_eq!(husband.household, None);
        for (a, b) in [("a2", "b2"), ("a3", "b3")] {
            let p = same(&res, &recs, a, b).unwrap_or_else(|| panic!("{a} {b} not linked"));
            assert_eq!(p.outcome, Outcome::Match);
            let (_, _, ev) = explain_scored(&recs[p.left], &recs[p.right], &p, &res.model);
            assert_eq!(ev.guard, Some(Guard::Household));
            let (x, y) = p.household.expect("judged through the household");
            assert_eq!(
                (recs[x].household.as_deref(), recs[y].household.as_deref()),
                (
                    recs[p.left].household.as_deref(),
                    recs[p.right].household.as_deref()
                )
            );
        }
        // The other family's Fatima stays apart.
        assert!(same(&res, &recs, "a2", "c2").is_none());
        assert!(same(&res, &recs, "b2", "c2").is_none());

        // Without households the sparse records can't be linked.
        let bare: Vec<Record> = recs
            .iter()
            .map(|r| Record {
                household: None,
                ..r.clone()
            })
            .collect();
        let res = dedupe(&bare, &LinkConfig::default(), &NoProgress);
        assert!(same(&res, &bare, "a1", "b1").is_some());
        assert!(same(&res, &bare, "a2", "b2").is_none());
        assert!(same(&res, &bare, "a3", "b3").is_none());
    }

    #[test]
    fn a_family_without_a_household_key_is_linked_through_its_phone() {
        // List 2 wrote the family without household keys, but with the family's phone
        // for everyone (a sponsor's email): the phone makes them one household.
        let phone = |r: Record| Record {
            household: None,
            phone: Some("0701234567".into()),
            ..r
        };
        let mut recs = family();
        for r in recs
            .iter_mut()
            .filter(|r| r.household.as_deref() == Some("B-7"))
        {
            *r = phone(r.clone());
        }
        let res = dedupe(&recs, &LinkConfig::default(), &NoProgress);
        for (a, b) in [("a1", "b1"), ("a2", "b2"), ("a3", "b3")] {
            assert!(same(&res, &recs, a, b).is_some(), "{a} {b} not linked");
        }
        assert!(same(&res, &recs, "a2", "c2").is_none());
        // Without the phone nothing links the wife and the child.
        let bare: Vec<Record> = recs
            .iter()
            .map(|r| Record {
                phone: None,
                ..r.clone()
            })
            .collect();
        let res = dedupe(&bare, &LinkConfig::default(), &NoProgress);
        assert!(same(&res, &bare, "a2", "b2").is_none());
    }

    #[test]
    fn brothers_households_are_not_linked() {
        // Two brothers' households: same father, family name, phone and province, but
        // every member has a different given name.
        let brother = |id: &str, hh: &str, given: &str| Record {
            family_name: Some("Karimi".into()),
            father_name: Some("Abdul Rahman".into()),
            phone: Some("+93 70 123 4567".into()),
            province: Some("Herat".into()),
            ..rec(id, hh, given, "male")
        };
        let recs = vec![
            brother("a1", "A-2", "Ahmad"),
            rec("a2", "A-2", "Shabnam", "female"),
            rec("a3", "A-2", "Omid", "male"),
            brother("b1", "B-3", "Mahmood"),
            rec("b2", "B-3", "Nadia", "female"),
            rec("b3", "B-3", "Bilal", "male"),
        ];
        let res = dedupe(&recs, &LinkConfig::default(), &NoProgress);
        assert!(
            res.same_person.is_empty(),
            "brothers' households linked: {:?}",
            res.same_person
        );
        assert!(res.scored.iter().all(|p| p.household.is_none()));
    }

    #[test]
    fn namesakes_are_not_guessed() {
        // Household A-1 holds a father and a son both called Mohammad Daud; B-7 has one
        // Mohammad Daud with nothing to tell which: he is left alone.
        let mut recs = family();
        recs.push(Record {
            date_of_birth: Some("1955".into()),
            ..rec("a4", "A-1", "Mohammad Daud", "male")
        });
        recs.push(Record {
            date_of_birth: Some("2010".into()),
            ..rec("a5", "A-1", "Mohammad Daud", "male")
        });
        recs.push(rec("b4", "B-7", "Mohammad Daud", "male"));
        let res = dedupe(&recs, &LinkConfig::default(), &NoProgress);
        assert!(same(&res, &recs, "a2", "b2").is_some());
        assert!(same(&res, &recs, "a4", "b4").is_none());
        assert!(same(&res, &recs, "a5", "b4").is_none());
    }

    /// The index of a known family, one record per member (ids 1, 2, ...), and each
    /// member's records as `pair_household` takes them.
    fn known(members: &[Record]) -> (crate::MatchIndex, Vec<Vec<u64>>) {
        let mut index = crate::MatchIndex::new();
        for (i, r) in members.iter().enumerate() {
            index.insert(i as u64 + 1, r);
        }
        let ids = (1..=members.len() as u64).map(|i| vec![i]).collect();
        (index, ids)
    }

    /// Pairs as (arriving id, known id); the first arriving and known members are the anchor.
    fn online(known_members: &[Record], arriving: &[Record]) -> Vec<(String, String)> {
        let (index, ids) = known(known_members);
        let incoming: Vec<(&Record, bool)> = arriving
            .iter()
            .enumerate()
            .map(|(i, r)| (r, i == 0))
            .collect();
        let known: Vec<(&[u64], bool)> = ids
            .iter()
            .enumerate()
            .map(|(i, r)| (r.as_slice(), i == 0))
            .collect();
        index
            .pair_household(&incoming, &known)
            .into_iter()
            .map(|p| {
                assert!(p.probability >= index.model().match_threshold);
                (
                    arriving[p.incoming].id.clone(),
                    known_members[p.known].id.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn online_a_returning_family_pairs_up_through_the_husband() {
        let f = family();
        let pairs = online(&f[0..3], &f[3..6]);
        assert_eq!(
            pairs,
            vec![("b2".into(), "a2".into()), ("b3".into(), "a3".into())]
        );
        // The other family's Fatima, arriving with the husband, pairs with his wife only
        // because she is in his household: the anchor decides which family it is.
        let pairs = online(&f[0..3], &[f[3].clone(), f[7].clone()]);
        assert_eq!(pairs, vec![("c2".into(), "a2".into())]);
    }

    #[test]
    fn online_brothers_are_not_paired() {
        // The husband's household holds his brother: another given name, the same father,
        // family name, phone and province. The brother arriving with the husband pairs
        // with nobody.
        let brother = |id: &str, given: &str| Record {
            family_name: Some("Ahmadzai".into()),
            father_name: Some("Yousef".into()),
            phone: Some("+93 70 123 4567".into()),
            province: Some("Kabul".into()),
            ..rec(id, "A-1", given, "male")
        };
        let f = family();
        let known_members = vec![f[0].clone(), brother("a6", "Ahmad"), f[1].clone()];
        let arriving = vec![f[3].clone(), brother("b6", "Mahmood"), f[4].clone()];
        assert_eq!(
            online(&known_members, &arriving),
            vec![("b2".into(), "a2".into())],
            "the wife pairs, the brothers do not"
        );
    }

    #[test]
    fn online_namesakes_are_not_guessed() {
        // A father and a son both called Mohammad Daud in the known household; the family
        // arriving names one Mohammad Daud with nothing to tell which.
        let f = family();
        let known_members = vec![
            f[0].clone(),
            Record {
                date_of_birth: Some("1955".into()),
                ..rec("a4", "A-1", "Mohammad Daud", "male")
            },
            Record {
                date_of_birth: Some("2010".into()),
                ..rec("a5", "A-1", "Mohammad Daud", "male")
            },
            f[1].clone(),
        ];
        let arriving = vec![
            f[3].clone(),
            rec("b4", "B-7", "Mohammad Daud", "male"),
            f[4].clone(),
        ];
        assert_eq!(
            online(&known_members, &arriving),
            vec![("b2".into(), "a2".into())]
        );
        // Two arriving Fatimas for one known: neither is taken.
        let arriving = vec![
            f[3].clone(),
            f[4].clone(),
            rec("b9", "B-7", "Fatima", "female"),
        ];
        assert!(online(&f[0..3], &arriving).is_empty());
    }

    #[test]
    fn online_a_member_counts_by_their_best_record_and_alone_pairs_nothing() {
        let f = family();
        let (mut index, mut ids) = known(&f[0..3]);
        // The wife has a second record with a misspelt name: still one candidate.
        index.insert(10, &rec("a2b", "A-1", "Fatma", "female"));
        ids[1].push(10);
        let incoming = [(&f[3], true), (&f[4], false)];
        let known: Vec<(&[u64], bool)> = ids
            .iter()
            .enumerate()
            .map(|(i, r)| (r.as_slice(), i == 0))
            .collect();
        let pairs = index.pair_household(&incoming, &known);
        assert_eq!(pairs.len(), 1);
        assert_eq!((pairs[0].incoming, pairs[0].known), (1, 1));
        // A household of one has nobody to pair.
        assert!(index.pair_household(&incoming[..1], &known).is_empty());

        // A record of the wife born on another day says she is someone else: a member whose
        // records disagree with the newcomer is not paired, however well one of them fits.
        let born = |id: &str, dob: &str| Record {
            date_of_birth: Some(dob.into()),
            ..rec(id, "A-1", "Fatima", "female")
        };
        index.insert(11, &born("a2c", "1990-06-01"));
        ids[1].push(11);
        let known: Vec<(&[u64], bool)> = ids
            .iter()
            .enumerate()
            .map(|(i, r)| (r.as_slice(), i == 0))
            .collect();
        let arriving = born("b2b", "1984-02-17");
        assert!(
            index
                .pair_household(&[(&f[3], true), (&arriving, false)], &known)
                .is_empty()
        );
        assert_eq!(index.pair_household(&incoming, &known).len(), 1);
    }

    #[test]
    fn household_keys_are_local_to_a_list() {
        // Linking two lists: "H-1" on both sides are two households, linked only through
        // the husband, and the anchor indexes each side's own list.
        let left = vec![
            head("a1", "H-1", "Mohammad Daud", "1980-03-12"),
            rec("a2", "H-1", "Fatima", "female"),
        ];
        let right = vec![
            rec("x", "H-1", "Fatima", "female"),
            head("b1", "H-2", "Mohammad Dawood", "12/03/1980"),
            rec("b2", "H-2", "Fatimah", "F"),
        ];
        let res = link(&left, &right, &LinkConfig::default(), &NoProgress);
        let p = res
            .same_person
            .iter()
            .find(|p| p.left == 1 && p.right == 2)
            .expect("wives linked through their husbands");
        assert_eq!(p.household, Some((0, 1)));
        assert!(!res.same_person.iter().any(|p| p.right == 0));
    }
}
