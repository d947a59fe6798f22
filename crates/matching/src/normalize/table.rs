//! The public name table: Arabic-script name units with their attested Latin spellings
//! (derived from Wikidata by the arabic-name-romanizer project; see `data/NOTICE.md`
//! and `data/derive.py`). Parsed once, on first use.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

static TSV: &str = include_str!("../../data/names.tsv");

/// One unit's spellings, heaviest first, with their weights.
pub(crate) struct Table {
    units: HashMap<&'static str, Vec<(&'static str, u32)>>,
    /// Keys of spellings of one name, from either side (see `variant_pairs`).
    partners: HashMap<String, Vec<String>>,
}

pub(crate) static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut units = HashMap::new();
    for line in TSV.lines() {
        let Some((arabic, rest)) = line.split_once('\t') else {
            continue;
        };
        let spellings: Vec<(&'static str, u32)> = rest
            .split(',')
            .filter_map(|s| {
                let (l, w) = s.rsplit_once(':')?;
                Some((l, w.parse().ok()?))
            })
            .collect();
        if !spellings.is_empty() {
            units.insert(arabic, spellings);
        }
    }
    let pairs = variant_pairs(&units);
    let mut partners: HashMap<String, Vec<String>> = HashMap::new();
    for (a, b) in &pairs {
        partners.entry(a.clone()).or_default().push(b.clone());
        partners.entry(b.clone()).or_default().push(a.clone());
    }
    Table { units, partners }
});

/// Keys that stay as they are: distinct names whose spellings the table mixes up
/// (Hasan and Husain, Sayed and Saeed, Mahmood and Mohammad are kept apart on purpose).
const PROTECTED: &[&str] = &[
    "hasan", "hasajn", "hasajni", "sad", "sajd", "mahmad", "mahamad",
];

/// Pairs of spellings of one name: the matching keys of two spellings that one unit
/// lists, each for at least 15% of the unit's weight (Daoud and Dawood for داود), when
/// the keys look alike at all. Pairs
/// are not chained into groups: the table's rows are noisy enough (units split
/// differently, mislabelled rows) that chains join unrelated names. Rare readings join
/// nothing, and protected keys are never paired.
fn variant_pairs(
    units: &HashMap<&'static str, Vec<(&'static str, u32)>>,
) -> HashSet<(String, String)> {
    let mut out = HashSet::new();
    for spellings in units.values() {
        let total: f64 = spellings.iter().map(|s| s.1 as f64).sum();
        let mut keys: Vec<(String, f64)> = Vec::new();
        for &(l, w) in spellings {
            let t = super::name::tokens(l);
            if t.len() != 1 || t[0].len() < 3 || PROTECTED.contains(&t[0].as_str()) {
                continue;
            }
            match keys.iter_mut().find(|(x, _)| *x == t[0]) {
                Some(e) => e.1 += w as f64,
                None => keys.push((t[0].clone(), w as f64)),
            }
        }
        keys.retain(|(_, w)| *w >= 0.15 * total);
        for i in 0..keys.len() {
            for j in i + 1..keys.len() {
                let (a, b) = (&keys[i].0, &keys[j].0);
                // Spellings, not different units: same first letter, a few letters apart
                // at most, and alike or apart only by a w written for a vowel (Daoud /
                // Dawood). The rows also pair "Qasim" with "Mohammad Qasim", a name with
                // its "al-" form, and mislabelled neighbours, which this keeps out.
                if a.len().abs_diff(b.len()) <= 2
                    && a.as_bytes()[0] == b.as_bytes()[0]
                    && (crate::util::jaro_winkler(a, b) >= 0.8 || without_w(a) == without_w(b))
                {
                    out.insert((a.min(b).clone(), a.max(b).clone()));
                }
            }
        }
    }
    out
}

/// A key without its v (w) and with vowel runs collapsed again: "davad" → "dad".
fn without_w(k: &str) -> String {
    let mut out = String::with_capacity(k.len());
    for c in k.chars().filter(|&c| c != 'v') {
        if !(c == 'a' && out.ends_with('a')) {
            out.push(c);
        }
    }
    out
}

impl Table {
    /// The usual Latin spelling of a folded Arabic-script unit.
    pub(crate) fn latin(&self, arabic: &str) -> Option<&'static str> {
        self.units.get(arabic).map(|s| s[0].0)
    }

    /// All listed spellings of a unit (for tests).
    #[cfg(test)]
    pub(crate) fn spellings(&self, arabic: &str) -> &[(&'static str, u32)] {
        self.units.get(arabic).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Whether the table lists two keys as spellings of one name.
    pub(crate) fn same_name(&self, a: &str, b: &str) -> bool {
        self.partners
            .get(a)
            .is_some_and(|p| p.iter().any(|x| x == b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Field, Level, Model, Record, explain};

    fn given_level(a: &str, b: &str) -> Level {
        let r = |id: &str, g: &str| Record {
            id: id.into(),
            given_name: Some(g.into()),
            ..Record::default()
        };
        let (_, _, ev) = explain(&r("a", a), &r("b", b), &Model::default());
        ev.fields
            .iter()
            .find(|f| f.field == Field::GivenName)
            .map(|f| f.level)
            .unwrap_or(Level::Missing)
    }

    #[test]
    fn table_is_parsed() {
        assert!(TABLE.units.len() > 10_000);
        assert_eq!(TABLE.latin("داود"), Some("daoud"));
        assert!(TABLE.same_name(
            &crate::normalize::name::key("Daoud"),
            &crate::normalize::name::key("Dawood")
        ));
    }

    /// The table as a test set: for the most attested units, the Arabic-script form and
    /// every common Latin spelling listed for it (at least 15% of the unit) compare as
    /// the same name (close or exact).
    #[test]
    fn listed_spellings_meet_their_arabic_script_form() {
        let mut heavy: Vec<(&str, u32)> = TABLE
            .units
            .iter()
            .map(|(a, s)| (*a, s.iter().map(|x| x.1).sum::<u32>()))
            .filter(|(a, _)| a.chars().count() >= 3)
            .collect();
        heavy.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
        let (mut checked, mut failed) = (0, Vec::new());
        for &(arabic, total) in heavy.iter().take(300) {
            for &(latin, w) in TABLE.spellings(arabic) {
                if (w as f64) < 0.15 * total as f64 {
                    continue;
                }
                checked += 1;
                if given_level(arabic, latin) < Level::Close {
                    failed.push(format!("{arabic} / {latin}"));
                }
            }
        }
        assert!(checked > 300, "{checked}");
        // A few rows are other names than their unit (mislabelled Wikidata labels).
        assert!(
            failed.len() * 20 <= checked,
            "{} of {checked} spellings do not meet their unit: {:?}",
            failed.len(),
            &failed[..failed.len().min(40)]
        );
    }

    #[test]
    fn latin_spellings_of_one_unit_meet_each_other() {
        for arabic in ["داود", "یوسف", "نجیب", "محمد", "حسین"] {
            let all = TABLE.spellings(arabic);
            let total: u32 = all.iter().map(|s| s.1).sum();
            let common: Vec<&str> = all
                .iter()
                .filter(|s| s.1 as f64 >= 0.15 * total as f64)
                .map(|s| s.0)
                .collect();
            assert!(common.len() >= 2, "{arabic}");
            for a in &common {
                for b in &common {
                    assert!(given_level(a, b) >= Level::Close, "{arabic}: {a} / {b}");
                }
            }
        }
    }
}
