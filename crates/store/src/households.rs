//! Which people of one request belong to one household.
//!
//! A request may name several families: an NGO's list, a sponsor writing about three
//! families, a spreadsheet attached to an email. Each family becomes its own case (see
//! [`crate::intake_plan`]), so the plan must know where one family ends and the next begins.
//! The rule is pure and reads only what the request says:
//!
//! - a household key written beside each person (a list's own numbering) decides: people
//!   with the same key are one household, people with different keys never are;
//! - otherwise people are joined by what families share: a stated relationship to the
//!   principal listed before them ("spouse", "son" after a "principal"), the same father's
//!   name and family name (siblings), and a phone that belongs to the family. A phone
//!   written for many people, or for people of different keyed households, or the
//!   requester's own, is a contact (a sponsor's, an office's), not a family's;
//! - nothing joins two groups that each have a principal, or whose keys differ, or whose
//!   union would be larger than any family ([`MAX_HOUSEHOLD`]): a family that looks like
//!   two stays two, and a person decides (see `split` and `join` on cases);
//! - a request that shows no sign of naming several families (one principal at most, at
//!   most one linked group, no more people than a family) is one household, as a message
//!   about "my wife and children" always was; in a request that does, someone linked to
//!   nobody joins the family listed just before them (lists keep a family's rows
//!   together), or stands alone.
//!
//! Names are compared after folding case, accents and punctuation, nothing more: the rule
//! holds for any naming culture, and within one request one writer spells one name one way.

use corridor_domain::PersonDetails;
use std::collections::HashMap;

/// No household is larger than this: a group that would grow past it is two families, or a
/// contact shared by many.
pub const MAX_HOUSEHOLD: usize = 16;

/// A phone written for more people than this in one request is a contact, not a family's.
const MAX_PHONE_HOLDERS: usize = 12;

/// For each person (in order), the index of their household within the request; households
/// are numbered in order of first appearance. `requester_phone` is the sender's own number,
/// which says nothing about who is family.
pub fn infer(people: &[&PersonDetails], requester_phone: Option<&str>) -> Vec<usize> {
    let n = people.len();
    if n <= 1 {
        return vec![0; n];
    }
    let keys: Vec<Option<String>> = people.iter().map(|p| fold_opt(&p.household)).collect();
    let heads: Vec<bool> = people.iter().map(|p| is_head(p)).collect();
    let mut sets = Sets::new(&keys, &heads);

    // Written keys first: they are the list's own word.
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        if let Some(k) = k {
            match by_key.get(k.as_str()) {
                Some(&j) => sets.join_keyed(j, i),
                None => {
                    by_key.insert(k, i);
                }
            }
        }
    }
    // Relationships: family members listed after their principal.
    let mut head: Option<usize> = None;
    for (i, p) in people.iter().enumerate() {
        if heads[i] {
            head = Some(i);
        } else if let (Some(h), Some(_)) = (head, fold_opt(&p.relationship)) {
            sets.join(h, i);
        }
    }
    // Siblings: the same father and family name.
    let mut by_parents: HashMap<(String, String), usize> = HashMap::new();
    for (i, p) in people.iter().enumerate() {
        if let (Some(father), Some(family)) = (father_of(p), fold_opt(&p.family_name)) {
            match by_parents.get(&(father.clone(), family.clone())) {
                Some(&j) => sets.join(j, i),
                None => {
                    by_parents.insert((father, family), i);
                }
            }
        }
    }
    // Family phones.
    let requester_phone: Vec<String> = requester_phone.map(phones).unwrap_or_default();
    let mut holders: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in people.iter().enumerate() {
        for ph in p.phone.as_deref().map(phones).unwrap_or_default() {
            let list = holders.entry(ph).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    let mut shared: Vec<(&String, &Vec<usize>)> = holders
        .iter()
        .filter(|(ph, list)| list.len() >= 2 && !requester_phone.contains(ph))
        .collect();
    // In order of first holder, so the result does not depend on the map's order.
    shared.sort_by_key(|(_, list)| list[0]);
    for (_, list) in shared {
        let distinct_keys = {
            let mut ks: Vec<&str> = list.iter().filter_map(|&i| keys[i].as_deref()).collect();
            ks.sort_unstable();
            ks.dedup();
            ks.len()
        };
        if list.len() > MAX_PHONE_HOLDERS || distinct_keys > 1 {
            continue;
        }
        for w in list.windows(2) {
            sets.join(w[0], w[1]);
        }
    }

    // One household or several?
    let roots: Vec<usize> = (0..n).map(|i| sets.find(i)).collect();
    let mut sizes: HashMap<usize, usize> = HashMap::new();
    for &r in &roots {
        *sizes.entry(r).or_default() += 1;
    }
    let linked_groups = sizes.values().filter(|&&s| s >= 2).count();
    let distinct_keys = by_key.len();
    let head_count = heads.iter().filter(|&&h| h).count();
    let several = distinct_keys >= 2 || head_count >= 2 || linked_groups >= 2 || n > MAX_HOUSEHOLD;
    if !several {
        return vec![0; n];
    }
    // Someone linked to nobody joins the family listed just before them.
    for i in 1..n {
        if sizes[&roots[i]] == 1 && keys[i].is_none() && !heads[i] {
            sets.join(i - 1, i);
        }
    }
    let mut numbers: HashMap<usize, usize> = HashMap::new();
    (0..n)
        .map(|i| {
            let r = sets.find(i);
            let next = numbers.len();
            *numbers.entry(r).or_insert(next)
        })
        .collect()
}

/// Disjoint sets of people that refuse unions two families would make.
struct Sets {
    parent: Vec<usize>,
    size: Vec<usize>,
    key: Vec<Option<String>>,
    head: Vec<bool>,
}

impl Sets {
    fn new(keys: &[Option<String>], heads: &[bool]) -> Sets {
        Sets {
            parent: (0..keys.len()).collect(),
            size: vec![1; keys.len()],
            key: keys.to_vec(),
            head: heads.to_vec(),
        }
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    /// Joins unless the two groups have different keys, a principal each, or would be
    /// larger than a family.
    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a == b
            || (self.key[a].is_some() && self.key[b].is_some() && self.key[a] != self.key[b])
            || (self.head[a] && self.head[b])
            || self.size[a] + self.size[b] > MAX_HOUSEHOLD
        {
            return;
        }
        self.union(a, b);
    }

    /// People with one written key are one household whatever else they say.
    fn join_keyed(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.union(a, b);
        }
    }

    fn union(&mut self, a: usize, b: usize) {
        // The lower index stays the root, so the numbering follows the list's order.
        let (root, child) = if a < b { (a, b) } else { (b, a) };
        self.parent[child] = root;
        self.size[root] += self.size[child];
        self.key[root] = self.key[root].take().or(self.key[child].take());
        self.head[root] = self.head[root] || self.head[child];
    }
}

/// The relationships that name the person a household is listed under.
pub fn is_head(p: &PersonDetails) -> bool {
    matches!(
        fold_opt(&p.relationship).as_deref(),
        Some(
            "principal"
                | "principal applicant"
                | "pa"
                | "head"
                | "head of household"
                | "household head"
                | "self"
                | "applicant"
                | "main applicant"
        )
    )
}

/// The father's name as written in its own column, or inside a full name ("Najib s/o
/// Yousef", "Fatima d/o Sakhi", "son of", "daughter of").
fn father_of(p: &PersonDetails) -> Option<String> {
    if let Some(f) = fold_opt(&p.father_name) {
        return Some(f);
    }
    let full = fold_opt(&p.full_name)?;
    for marker in [
        " s o ",
        " d o ",
        " son of ",
        " daughter of ",
        " bin ",
        " bint ",
    ] {
        if let Some(at) = full.find(marker) {
            let rest = full[at + marker.len()..].trim();
            if !rest.is_empty() {
                return Some(rest.to_string());
            }
        }
    }
    None
}

/// Lower case, letters and digits only, single spaces: "Abdul-Rahman " and "abdul rahman"
/// are one name.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else {
            space = true;
        }
    }
    out
}

fn fold_opt(s: &Option<String>) -> Option<String> {
    s.as_deref().map(fold).filter(|f| !f.is_empty())
}

/// The phone numbers in a field (one field may hold two, "0701234567 / +923001234567"),
/// each as its last nine digits: the national and international forms of one number agree.
fn phones(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in s.split([',', ';', '/', '|']) {
        let digits: String = part.chars().filter_map(digit).collect();
        if digits.len() >= 7 {
            out.push(digits[digits.len().saturating_sub(9)..].to_string());
        }
    }
    out
}

/// A digit in Latin, Persian or Arabic-Indic form.
fn digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '\u{06F0}'..='\u{06F9}' => char::from_digit(c as u32 - 0x06F0, 10),
        '\u{0660}'..='\u{0669}' => char::from_digit(c as u32 - 0x0660, 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(given: &str, f: impl FnOnce(&mut PersonDetails)) -> PersonDetails {
        let mut d = PersonDetails {
            given_name: Some(given.into()),
            ..Default::default()
        };
        f(&mut d);
        d
    }

    fn groups(people: &[PersonDetails]) -> Vec<usize> {
        infer(&people.iter().collect::<Vec<_>>(), None)
    }

    #[test]
    fn a_family_message_is_one_household() {
        let people = [
            p("Ahmad", |d| d.relationship = Some("principal".into())),
            p("Fatima", |d| d.relationship = Some("wife".into())),
            p("Omar", |_| {}),
        ];
        assert_eq!(groups(&people), vec![0, 0, 0]);
    }

    #[test]
    fn written_keys_decide() {
        let people = [
            p("A", |d| d.household = Some("N-001".into())),
            p("B", |d| d.household = Some("n-001 ".into())),
            p("C", |d| d.household = Some("N-002".into())),
            // The same phone as a member of N-001 does not join two keyed families.
            p("D", |d| {
                d.household = Some("N-002".into());
                d.phone = Some("0700 000 001".into());
            }),
            p("E", |d| {
                d.household = Some("N-001".into());
                d.phone = Some("+93 700 000 001".into());
            }),
        ];
        assert_eq!(groups(&people), vec![0, 0, 1, 1, 0]);
    }

    #[test]
    fn principals_start_families_and_a_sponsor_phone_joins_nobody() {
        let sponsor = "+44 20 7946 0000";
        let people = [
            p("Maria", |d| {
                d.relationship = Some("principal".into());
                d.phone = Some(sponsor.into());
            }),
            p("José", |d| {
                d.relationship = Some("son".into());
                d.phone = Some(sponsor.into());
            }),
            p("John", |d| {
                d.relationship = Some("head of household".into());
                d.phone = Some(sponsor.into());
            }),
            p("Mary", |d| {
                d.relationship = Some("spouse".into());
                d.phone = Some(sponsor.into());
            }),
        ];
        assert_eq!(groups(&people), vec![0, 0, 1, 1]);
    }

    #[test]
    fn siblings_and_family_phones_link_without_relationships() {
        let people = [
            p("Olena", |d| {
                d.family_name = Some("Kovalenko".into());
                d.father_name = Some("Ivan".into());
            }),
            p("Petro", |d| {
                d.family_name = Some("kovalenko".into());
                d.father_name = Some("Ivan".into());
                d.phone = Some("+380 50 123 4567".into());
            }),
            p("Hanna", |d| d.phone = Some("050 123 4567".into())),
            p("Wei", |d| {
                d.family_name = Some("Zhang".into());
                d.phone = Some("+86 138 0000 0000".into());
            }),
            p("Li", |d| d.phone = Some("13800000000".into())),
        ];
        assert_eq!(groups(&people), vec![0, 0, 0, 1, 1]);
    }

    #[test]
    fn a_phone_many_people_give_is_a_contact() {
        let people: Vec<PersonDetails> = (0..20)
            .map(|i| {
                p(&format!("Person {i}"), |d| {
                    d.phone = Some("+1 202 555 0100".into());
                    d.family_name = Some(format!("Family{}", i / 2));
                    d.father_name = Some("X".into());
                })
            })
            .collect();
        let g = groups(&people);
        // Pairs by father and family name; the office's phone joins nobody.
        assert_eq!(g[0], g[1]);
        assert_ne!(g[1], g[2]);
        assert_eq!(*g.iter().max().unwrap(), 9);
    }

    #[test]
    fn the_requesters_own_phone_joins_nobody() {
        let people = [
            p("A", |d| {
                d.phone = Some("0799 111 222".into());
                d.relationship = Some("principal".into());
            }),
            p("B", |d| d.phone = Some("0799 111 222".into())),
        ];
        let refs: Vec<&PersonDetails> = people.iter().collect();
        // One principal, nothing else: still one household, as a message about one family.
        assert_eq!(infer(&refs, Some("+93 799 111 222")), vec![0, 0]);
    }

    #[test]
    fn no_household_grows_past_a_family() {
        let people: Vec<PersonDetails> = (0..40)
            .map(|i| p(&format!("P{i}"), |d| d.relationship = Some("son".into())))
            .collect();
        let g = groups(&people);
        let mut sizes = HashMap::new();
        for x in g {
            *sizes.entry(x).or_insert(0) += 1;
        }
        assert!(sizes.values().all(|&s| s <= MAX_HOUSEHOLD), "{sizes:?}");
    }
}
