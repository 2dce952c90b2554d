//! Finding pairs of quotes that report the same statement, without comparing every quote with
//! every other, and having each pair judged ([`super::judge`]).
//!
//! 1. **Units.** Quotes with the same normalised words are one unit (a statement copied word
//!    for word by a thousand outlets is aligned once).
//! 2. **Blocking.** Each unit is indexed under its *content-word bigrams* (consecutive content
//!    stems with function words skipped: "stop playing with fire" → `stop·play`, `play·fire`)
//!    and, when its speaker is known, under *speaker·content-word* keys. Two units are a
//!    candidate pair when they share a bigram, or at least two speaker·word keys (the same
//!    speaker using two of the same content words). Keys held by more than `max_postings`
//!    units are skipped: they are phrases of the language or the topic ("prime minister",
//!    "united states"), not evidence; a real pair of reports shares rarer keys as well. This is
//!    the shingle blocking of MemeTracker and Quotebank: the work grows with the number of
//!    quotes times the (capped) posting length, not with its square.
//! 3. **Bounding.** Words in common (as multisets) bound what an alignment can keep, so pairs
//!    that cannot reach any relation are dropped before aligning ([`could_relate`]).
//! 4. **Judging.** Each remaining pair is aligned ([`super::align`]) and given a relation, or
//!    none; the thresholds are explained on [`relate`].

use std::collections::HashMap;

use rayon::prelude::*;

use super::align::{Aligner, Side};
use super::judge::{admissible, could_relate, fragment_of, relate};
use super::units::Rarity;
use super::Relation;

/// One distinct normalised text and the quotes that have it (see [`super::units`]). Its word
/// and quote lists are parts of one slice: a million units are a million allocations, not ten.
#[derive(Debug, Clone, Default)]
pub struct Unit {
    /// Stem ids, form ids, stem ids sorted, content stem ids sorted, quote indices, document
    /// ids, speaker keys, surname keys, loose surname keys, keys of the organisations its
    /// speakers work for: the parts named by the methods.
    data: Box<[u32]>,
    /// Ends of the parts of `data`.
    ends: [u32; 10],
    /// Content flags.
    content: Box<[bool]>,
    /// Some quote has no speaker.
    pub unnamed: bool,
    /// Some quote is given to an organisation (which speaks through its people).
    pub org: bool,
    /// First and last day of its documents, when any is dated.
    pub days: Option<(i32, i32)>,
}

/// The quotes of a unit while it is built (see [`Unit::build`]).
#[derive(Debug, Default)]
pub(crate) struct Members {
    quotes: Vec<u32>,
    docs: Vec<u32>,
    speakers: Vec<u32>,
    surnames: Vec<u32>,
    loose: Vec<u32>,
    /// Speaker keys of the organisations its speakers work for (see `super::affiliation`).
    pub(crate) affiliations: Vec<u32>,
    unnamed: bool,
    pub(crate) org: bool,
    days: Option<(i32, i32)>,
}

impl Members {
    /// Adds a quote (index, document, speaker and surname keys or `u32::MAX`, whether the
    /// speaker has a gazetteer id that the article names in full, day).
    pub(crate) fn add(
        &mut self,
        quote: u32,
        doc: u32,
        speaker: u32,
        surname: u32,
        has_id: bool,
        day: Option<i32>,
    ) {
        self.quotes.push(quote);
        self.docs.push(doc);
        if speaker == u32::MAX {
            self.unnamed = true;
        } else {
            self.speakers.push(speaker);
        }
        if surname != u32::MAX {
            self.surnames.push(surname);
            if !has_id {
                self.loose.push(surname);
            }
        }
        if let Some(d) = day {
            self.days = Some(self.days.map_or((d, d), |(a, b)| (a.min(d), b.max(d))));
        }
    }
}

impl Unit {
    /// A unit of the given tokens (parallel slices), with no quotes.
    pub fn new(stems: &[u32], forms: &[u32], content: &[bool]) -> Unit {
        Unit::build(stems, forms, content, Members::default())
    }

    /// A unit of the given tokens and quotes.
    pub(crate) fn build(stems: &[u32], forms: &[u32], content: &[bool], mut m: Members) -> Unit {
        let mut sorted = stems.to_vec();
        sorted.sort_unstable();
        let mut sorted_content: Vec<u32> =
            stems.iter().zip(content).filter(|(_, &c)| c).map(|(&s, _)| s).collect();
        sorted_content.sort_unstable();
        for v in [&mut m.docs, &mut m.speakers, &mut m.surnames, &mut m.loose, &mut m.affiliations] {
            v.sort_unstable();
            v.dedup();
        }
        let parts: [&[u32]; 10] = [
            stems,
            forms,
            &sorted,
            &sorted_content,
            &m.quotes,
            &m.docs,
            &m.speakers,
            &m.surnames,
            &m.loose,
            &m.affiliations,
        ];
        let mut data = Vec::with_capacity(parts.iter().map(|p| p.len()).sum());
        let mut ends = [0u32; 10];
        for (end, part) in ends.iter_mut().zip(parts) {
            data.extend_from_slice(part);
            *end = data.len() as u32;
        }
        Unit {
            data: data.into_boxed_slice(),
            ends,
            content: content.into(),
            unnamed: m.unnamed,
            org: m.org,
            days: m.days,
        }
    }

    fn part(&self, k: usize) -> &[u32] {
        let start = if k == 0 { 0 } else { self.ends[k - 1] as usize };
        &self.data[start..self.ends[k] as usize]
    }

    /// Stem ids.
    pub fn stems(&self) -> &[u32] {
        self.part(0)
    }

    /// Form ids.
    pub fn forms(&self) -> &[u32] {
        self.part(1)
    }

    /// Content flags.
    pub fn content(&self) -> &[bool] {
        &self.content
    }

    /// Stem ids, sorted (for the quick bound in [`could_relate`]).
    pub(crate) fn sorted(&self) -> &[u32] {
        self.part(2)
    }

    /// Content stem ids, sorted.
    pub(crate) fn sorted_content(&self) -> &[u32] {
        self.part(3)
    }

    /// Number of content words.
    pub fn n_content(&self) -> usize {
        self.part(3).len()
    }

    /// Indices of the quotes.
    pub fn quotes(&self) -> &[u32] {
        self.part(4)
    }

    /// Document ids (interned), sorted, without duplicates.
    pub fn docs(&self) -> &[u32] {
        self.part(5)
    }

    /// Speaker keys (interned), sorted, without duplicates; empty speakers left out.
    pub fn speakers(&self) -> &[u32] {
        self.part(6)
    }

    /// Surname keys of all its speakers, sorted, without duplicates.
    pub fn surnames(&self) -> &[u32] {
        self.part(7)
    }

    /// Surname keys of its speakers without a gazetteer id, or with one the extractor chose
    /// for a surname alone ("Nuland" may be "Victoria Nuland"; two gazetteer ids that the
    /// articles name in full are two people).
    pub fn loose(&self) -> &[u32] {
        self.part(8)
    }

    /// Keys of the organisations its speakers work for, sorted, without duplicates.
    pub(crate) fn affiliations(&self) -> &[u32] {
        self.part(9)
    }

    /// One unit is given to an organisation that a speaker of the other works for (an agency
    /// and its director), by the roles the articles give them.
    pub fn speaks_for(&self, other: &Unit) -> bool {
        (other.org && intersects(self.affiliations(), other.speakers()))
            || (self.org && intersects(other.affiliations(), self.speakers()))
    }

    /// This unit as the aligner sees it.
    pub fn side(&self) -> Side<'_> {
        Side { stems: self.stems(), forms: self.forms(), content: self.content() }
    }

    /// Both units give one speaker: the same gazetteer id or name, or the same surname where
    /// one side has no gazetteer id, or an organisation on one side (a ministry and its
    /// minister, an agency and its director).
    pub fn shares_speaker(&self, other: &Unit) -> bool {
        self.org || other.org || self.shares_person(other)
    }

    /// Both units name one person (as [`Unit::shares_speaker`], organisations left out).
    pub fn shares_person(&self, other: &Unit) -> bool {
        intersects(self.speakers(), other.speakers())
            || intersects(self.loose(), other.surnames())
            || intersects(self.surnames(), other.loose())
    }

    /// Days between the two units' dates (0 when they overlap or either is undated).
    pub fn days_apart(&self, other: &Unit) -> i32 {
        match (self.days, other.days) {
            (Some((a0, a1)), Some((b0, b1))) => (b0 - a1).max(a0 - b1).max(0),
            _ => 0,
        }
    }

    /// Whether it holds a rare content word that `other` holds too.
    pub(crate) fn shares_rare(&self, other: &Unit, rare: impl Fn(u32) -> bool) -> bool {
        let (a, b) = (self.sorted_content(), other.sorted_content());
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    if rare(a[i]) {
                        return true;
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        false
    }
}

/// True when two sorted slices share an element.
pub fn intersects(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// A judged pair of units.
#[derive(Debug, Clone)]
pub struct Edge {
    /// One unit.
    pub u: u32,
    /// The other.
    pub v: u32,
    /// How they relate.
    pub relation: Relation,
    /// The reported similarity (see [`super::Group::similarity`]).
    pub similarity: f64,
    /// Dice over the whole quotes, to rank a fragment's containers.
    pub dice: f64,
    /// For a fragment (a contained or short quote), the fragment's unit: it is attached to its
    /// best container rather than linked to every one (see [`super::group`]).
    pub fragment: Option<u32>,
}

/// Index key of a content bigram.
fn bigram_key(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

/// Index key of a speaker and a content word: a separate key space (top bit set).
fn speaker_key(speaker: u32, stem: u32) -> u64 {
    (1 << 63) | (u64::from(speaker & 0x7fff_ffff) << 32) | u64::from(stem)
}

/// The index keys of a unit, sorted, without duplicates.
fn keys(unit: &Unit) -> Vec<u64> {
    let content: Vec<u32> =
        unit.stems().iter().zip(unit.content()).filter(|(_, &c)| c).map(|(&s, _)| s).collect();
    let mut keys: Vec<u64> = content.windows(2).map(|w| bigram_key(w[0], w[1])).collect();
    if content.len() >= 2 {
        for &speaker in unit.speakers() {
            keys.extend(content.iter().map(|&s| speaker_key(speaker, s)));
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// One entry of the key index: the key's high and low halves and the unit, 12 bytes where a
/// `(u64, u32)` takes 16; sorted as arrays are, by key and then unit.
type Entry = [u32; 3];

/// The key of an index entry.
fn entry_key(e: &Entry) -> u64 {
    (u64::from(e[0]) << 32) | u64::from(e[1])
}

/// Units per parallel job when the index is built and searched.
const RUN: usize = 4096;

/// Every (key, unit) pair, unsorted, in a vector of exactly the right size: the keys are
/// counted first and each run of units fills its own part, so the index (the largest thing
/// the matcher makes) is never held twice while it is gathered.
fn key_index(units: &[Unit]) -> Vec<Entry> {
    let counts: Vec<usize> =
        units.par_chunks(RUN).map(|run| run.iter().map(|unit| keys(unit).len()).sum()).collect();
    let mut index: Vec<Entry> = vec![[0; 3]; counts.iter().sum()];
    let mut parts = Vec::with_capacity(counts.len());
    let mut rest = index.as_mut_slice();
    for (r, &n) in counts.iter().enumerate() {
        let (part, tail) = rest.split_at_mut(n);
        parts.push((r * RUN, part));
        rest = tail;
    }
    parts.into_par_iter().for_each(|(first, part)| {
        let mut at = 0;
        for (u, unit) in units[first..(first + RUN).min(units.len())].iter().enumerate() {
            for k in keys(unit) {
                part[at] = [(k >> 32) as u32, k as u32, (first + u) as u32];
                at += 1;
            }
        }
    });
    index
}

/// Finds and judges candidate pairs. Pairs whose quotes all come from one document are skipped
/// (a report is compared with other reports, not with itself).
pub(crate) fn edges(units: &[Unit], rarity: &Rarity, min_similarity: f64, max_postings: usize) -> Vec<Edge> {
    let mut index = key_index(units);
    index.par_sort_unstable();
    // Keep the keys that pair units (held by two units or more) and are rare enough to be
    // evidence; each key's postings are a range of the compacted index.
    let mut postings: HashMap<u64, (u32, u32)> = HashMap::new();
    let (mut i, mut kept) = (0, 0);
    while i < index.len() {
        let k = entry_key(&index[i]);
        let end = index[i..].partition_point(|e| entry_key(e) == k) + i;
        if end - i <= max_postings && end - i > 1 {
            postings.insert(k, (kept as u32, (kept + end - i) as u32));
            index.copy_within(i..end, kept);
            kept += end - i;
        }
        i = end;
    }
    index.truncate(kept);
    index.shrink_to_fit();
    // Work in runs of units, so that each run's counters (one per unit) are set up once; each
    // run's pairs are kept in a vector of their own, without room to grow.
    /// Units per run.
    const PAIR_RUN: usize = 512;
    let starts: Vec<usize> = (0..units.len()).step_by(PAIR_RUN).collect();
    let runs: Vec<Vec<Edge>> = starts
        .into_par_iter()
        .map_init(
            || (Aligner::new(), vec![(0u16, 0u16); units.len()], Vec::<u32>::new()),
            |(aligner, hits, touched), start| {
                let mut out = Vec::new();
                for u in start..(start + PAIR_RUN).min(units.len()) {
                    for k in keys(&units[u]) {
                        let Some(&(lo, hi)) = postings.get(&k) else { continue };
                        let bigram = k >> 63 == 0;
                        for &[_, _, v] in &index[lo as usize..hi as usize] {
                            if v as usize <= u {
                                continue;
                            }
                            let h = &mut hits[v as usize];
                            if *h == (0, 0) {
                                touched.push(v);
                            }
                            if bigram {
                                h.0 = h.0.saturating_add(1);
                            } else {
                                h.1 = h.1.saturating_add(1);
                            }
                        }
                    }
                    touched.sort_unstable();
                    let a = &units[u];
                    for &v in touched.iter() {
                        let (b_hits, s_hits) = std::mem::take(&mut hits[v as usize]);
                        if b_hits == 0 && s_hits < 2 {
                            continue;
                        }
                        let b = &units[v as usize];
                        if a.docs().len() == 1 && b.docs() == a.docs() {
                            continue;
                        }
                        let same_speaker = a.shares_speaker(b);
                        if !could_relate(a, b, same_speaker) {
                            continue;
                        }
                        let al = aligner.align(a.side(), b.side());
                        let content = || Aligner::new().content_lcs(a.side(), b.side());
                        let related = relate(&al, content, same_speaker, min_similarity);
                        if let Some((relation, similarity)) =
                            related.filter(|&(r, _)| admissible(a, b, &al, r, rarity))
                        {
                            let fragment = fragment_of(&al).map(|side| if side == 0 { u as u32 } else { v });
                            out.push(Edge {
                                u: u as u32,
                                v,
                                relation,
                                similarity,
                                dice: al.dice(),
                                fragment,
                            });
                        }
                    }
                    touched.clear();
                }
                out.shrink_to_fit();
                out
            },
        )
        .collect();
    // The index is no longer needed while the runs are gathered into one vector.
    drop((index, postings));
    let mut edges = Vec::with_capacity(runs.iter().map(Vec::len).sum());
    for run in runs {
        edges.extend(run);
    }
    edges
}
