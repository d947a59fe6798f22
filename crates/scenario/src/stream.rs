//! Flat record stream for big benchmark files, with bounded memory.
//!
//! Households are generated on the fly; each is mentioned by 1–6 sources (lists), every mention
//! gets a due position drawn uniformly from a window ahead of the current position, and mentions
//! are emitted in due order. So duplicates are spread over up to `window` records while only about
//! `window` records' worth of people are held at once.

use std::collections::{BTreeMap, HashMap, VecDeque};

use rand::{Rng, SeedableRng};

use crate::render::{Style, render};
use crate::util::*;
use crate::world::household;
use crate::{SyntheticRecord, TruePerson};

const MAX_WINDOW: usize = 250_000;

struct Source {
    kind: &'static str,
    style: Style,
    prefix: String,
    counter: u32,
}

/// (household id, source index, member mask)
type Mention = (u64, u32, u32);

const BLOCK: u64 = 64;

struct Pending {
    people: Vec<TruePerson>,
    remaining: u32,
}

/// An iterator of exactly `n_records` records; see [`records`].
pub struct RecordStream {
    rng: R,
    n: usize,
    emitted: usize,
    scheduled: usize,
    window: usize,
    sources: Vec<Source>,
    households: HashMap<u64, Pending>,
    /// (due position, sequence, household id, source index, member mask)
    /// Pending mentions by block of due position (a bucket queue: cheaper than a heap).
    queue: BTreeMap<u64, Vec<Mention>>,
    next_household: u64,
    next_person: u64,
    /// Messages sent by families themselves, numbered for their household key.
    own_messages: u64,
    out: VecDeque<SyntheticRecord>,
    seed: u64,
}

/// A deterministic stream of `n_records` flat records for benchmark files. People appear 1–6
/// times (several lists mentioning the same family); duplicates are spread across the stream.
/// Memory stays bounded (about 250,000 records' worth of people at most).
pub fn records(seed: u64, n_records: usize) -> RecordStream {
    let mut rng = R::seed_from_u64(seed ^ 0x5EED_0F5E_C04D_5EED);
    let mut sources = Vec::new();
    let counts: [(&'static str, usize); 6] = [
        ("ngo", 60),
        ("international_org", 8),
        ("state_office", 16),
        ("agency", 8),
        ("congressional", 40),
        ("sponsor", 900),
    ];
    for (kind, n) in counts {
        for k in 0..n {
            let style = Style::for_kind(&mut rng, kind);
            let prefix = match kind {
                "ngo" => format!("N{:02}", k + 1),
                "international_org" => format!("PAK{}", k + 1),
                "state_office" => format!("TF{}", k + 1),
                "agency" => format!("AG{}", k + 1),
                "congressional" => format!("CI{:02}", k + 1),
                _ => format!("SP{:03}", k + 1),
            };
            sources.push(Source {
                kind,
                style,
                prefix,
                counter: 0,
            });
        }
    }
    RecordStream {
        rng,
        n: n_records,
        emitted: 0,
        scheduled: 0,
        window: (n_records / 2).clamp(1, MAX_WINDOW),
        sources,
        households: HashMap::new(),
        queue: BTreeMap::new(),
        next_household: 1,
        next_person: 1,
        own_messages: 0,
        out: VecDeque::new(),
        seed,
    }
}

impl RecordStream {
    fn pick_source(&mut self) -> u32 {
        // Self-submissions get a fresh style per household (pushed as a new source).
        let kind = weighted(
            &mut self.rng,
            &[
                ("self", 18),
                ("sponsor", 20),
                ("ngo", 32),
                ("international_org", 10),
                ("state_office", 10),
                ("agency", 4),
                ("congressional", 6),
            ],
        );
        if kind == "self" {
            return u32::MAX;
        }
        let (lo, hi) = match kind {
            "ngo" => (0, 60),
            "international_org" => (60, 68),
            "state_office" => (68, 84),
            "agency" => (84, 92),
            "congressional" => (92, 132),
            _ => (132, self.sources.len()),
        };
        let i = lo + skewed(&mut self.rng, hi - lo);
        i as u32
    }

    fn add_household(&mut self) {
        let hid = self.next_household;
        self.next_household += 1;
        let mut hrng = R::seed_from_u64(mix(self.seed ^ mix(hid)));
        let b = household(&mut hrng, hid, self.next_person);
        self.next_person += b.people.len() as u64;
        let k = weighted(
            &mut self.rng,
            &[(1u32, 35), (2, 25), (3, 17), (4, 11), (5, 7), (6, 5)],
        );
        let mut used: Vec<u32> = Vec::new();
        let mut n_mentions = 0;
        for _ in 0..k {
            let mut src = self.pick_source();
            if src != u32::MAX && used.contains(&src) {
                src = self.pick_source();
                if src != u32::MAX && used.contains(&src) {
                    continue;
                }
            }
            if src == u32::MAX && used.contains(&u32::MAX) {
                continue;
            }
            used.push(src);
            let kind = if src == u32::MAX {
                "self"
            } else {
                self.sources[src as usize].kind
            };
            let mut mask = 0u32;
            for (j, p) in b.people.iter().enumerate().take(32) {
                let q = match (p.relationship, kind) {
                    ("principal", _) => 1.0,
                    (_, "self") => 0.95,
                    ("spouse", _) => 0.85,
                    ("son" | "daughter", "sponsor" | "congressional") => 0.6,
                    ("son" | "daughter", _) => 0.85,
                    (_, "sponsor") => 0.35,
                    _ => 0.65,
                };
                if chance(&mut self.rng, q) {
                    mask |= 1 << j;
                }
            }
            let due = self.emitted as u64 + self.rng.gen_range(0..self.window as u64);
            self.queue
                .entry(due / BLOCK)
                .or_default()
                .push((hid, src, mask));
            self.scheduled += mask.count_ones() as usize;
            n_mentions += 1;
        }
        if n_mentions > 0 {
            self.households.insert(
                hid,
                Pending {
                    people: b.people,
                    remaining: n_mentions,
                },
            );
        }
    }

    fn emit_mention(&mut self) -> bool {
        let Some(mut first) = self.queue.first_entry() else {
            return false;
        };
        let bucket = first.get_mut();
        // Within a block, a pseudo-random member rather than the last pushed.
        let i = self.rng.gen_range(0..bucket.len());
        let (hid, src, mask) = bucket.swap_remove(i);
        if bucket.is_empty() {
            first.remove();
        }
        // Every message is about one family, and whoever turns messages into rows keeps
        // them together under the message's reference, as a list keeps its own numbering.
        let (style, hkey) = if src == u32::MAX {
            self.own_messages += 1;
            (
                Style::for_kind(&mut self.rng, "self"),
                format!("M{:07}", self.own_messages),
            )
        } else {
            let s = &mut self.sources[src as usize];
            s.counter += 1;
            (s.style.clone(), format!("{}-{:04}", s.prefix, s.counter))
        };
        let Some(pending) = self.households.get_mut(&hid) else {
            return true;
        };
        for (j, p) in pending.people.iter().enumerate().take(32) {
            if mask & (1 << j) != 0 {
                self.out.push_back(render(
                    &mut self.rng,
                    &style,
                    p,
                    String::new(),
                    hkey.clone(),
                ));
            }
        }
        pending.remaining -= 1;
        if pending.remaining == 0 {
            self.households.remove(&hid);
        }
        true
    }
}

impl Iterator for RecordStream {
    type Item = SyntheticRecord;

    fn next(&mut self) -> Option<SyntheticRecord> {
        if self.emitted >= self.n {
            return None;
        }
        loop {
            if let Some(mut r) = self.out.pop_front() {
                self.emitted += 1;
                r.record_id = format!("r{:08}", self.emitted);
                return Some(r);
            }
            while self.scheduled < self.n
                && self.scheduled - self.emitted.min(self.scheduled) < self.window
            {
                self.add_household();
            }
            if !self.emit_mention() {
                return None;
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.n - self.emitted;
        (left, Some(left))
    }
}
