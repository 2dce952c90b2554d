//! Finding pairs of quotes that report the same statement, without comparing every quote with
//! every other, and judging each pair.
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

use super::align::{Aligner, Alignment, Side};
use super::units::{Rarity, DATE_WINDOW, LONG_CONTENT, SHORT_CONTENT};
use super::Relation;

/// Quotes with fewer normalised words than this are *short* ("stop interfering", "reasonable
/// security concerns"): two or three words can be shared by chance, so a short quote must sit
/// in the other quote as one unbroken run, with at most one word changed. MemeTracker keeps
/// phrases of four words or more for the same reason.
pub const SHORT: usize = 4;

/// A contained quote has at least this share of its words in the longer one …
const CONTAINS_COVERAGE: f64 = 0.9;
/// … packed at least this tightly (kept words over the stretch they span: "stop playing fire"
/// in "stop playing with fire" is 3/4) …
const CONTAINS_DENSITY: f64 = 0.75;
/// … and is clearly shorter: at most this share of the longer quote's length. A quote nearly
/// as long as the other is a variant of it, not a part.
const CONTAINS_LENGTH: f64 = 0.8;

/// A variant covers at least this share of the shorter quote's words (the rest may be
/// changed or outside the shared stretch) …
const VARIANT_COVERAGE: f64 = 0.6;
/// … with at least this many words kept: three shared words are a common phrase ("stocks
/// jumped higher"), not a statement …
const VARIANT_MIN_KEPT: usize = 4;
/// … and at least this many content words kept, so a run of function words ("it is not going
/// to be") never makes a variant.
const VARIANT_MIN_CONTENT: usize = 2;
/// When part of the shorter quote lies outside the longer (the two overlap, each going on where
/// the other stops), the shared run must be at least this long: two reports that quote
/// overlapping stretches of one passage share a long run, while a short shared run at the edge
/// of two quotes is a phrase that many statements use.
const OVERLAP_MIN_KEPT: usize = LONG_MATCH;
/// When both quotes are given to the same speaker the evidence that they are one statement is
/// stronger, so coverage and similarity may each be this much lower. Blocking by speaker finds
/// exactly these pairs.
const SAME_SPEAKER_SLACK: f64 = 0.15;

/// A paraphrase shares at least this many content words, in the same order …
const PARAPHRASE_MIN_SHARED: usize = 4;
/// … which are at least this share of the content words of the quote with fewer of them
/// ("refrain from doing things that agitate tensions and hype the crisis" and "calls on all
/// parties to remain calm and refrain from inflaming tensions or hyping up the crisis" share
/// refrain, tensions, hype, crisis: 4 of 6) …
const PARAPHRASE_COVERAGE: f64 = 0.6;
/// … and at least this share of the content words of the other quote: a paraphrase rewords
/// the same statement, it is not a few words scattered through a long speech (the example
/// above: 4 of 9) …
const PARAPHRASE_OTHER_COVERAGE: f64 = 0.35;
/// … and not only one unbroken run of words: shared content words that all sit in one run are
/// a shared phrase, judged by the variant and contains rules, not a rewording.
const PARAPHRASE_MAX_RUN_SHARE: f64 = 0.8;

/// One distinct normalised text and the quotes that have it (see [`super::units`]).
#[derive(Debug, Clone, Default)]
pub struct Unit {
    /// Stem ids.
    pub stems: Vec<u32>,
    /// Form ids.
    pub forms: Vec<u32>,
    /// Content flags.
    pub content: Vec<bool>,
    /// Number of content words.
    pub n_content: usize,
    /// Stem ids, sorted (for the quick bound in [`could_relate`]).
    sorted: Vec<u32>,
    /// Content stem ids, sorted.
    sorted_content: Vec<u32>,
    /// Indices of the quotes.
    pub quotes: Vec<u32>,
    /// Document ids (interned), sorted, without duplicates.
    pub docs: Vec<u32>,
    /// Speaker keys (interned), sorted, without duplicates; empty speakers left out.
    pub speakers: Vec<u32>,
    /// Surname keys of all its speakers, sorted, without duplicates.
    pub surnames: Vec<u32>,
    /// Surname keys of its speakers without a gazetteer id ("Nuland" may be "Victoria
    /// Nuland"; two gazetteer ids with one surname are two people).
    pub loose: Vec<u32>,
    /// Some quote has no speaker.
    pub unnamed: bool,
    /// Some quote is given to an organisation (which speaks through its people).
    pub org: bool,
    /// First and last day of its documents, when any is dated.
    pub days: Option<(i32, i32)>,
}

impl Unit {
    /// A unit of the given tokens (parallel slices), with no quotes yet.
    pub fn new(stems: Vec<u32>, forms: Vec<u32>, content: Vec<bool>) -> Unit {
        let mut sorted = stems.clone();
        sorted.sort_unstable();
        let mut sorted_content: Vec<u32> =
            stems.iter().zip(&content).filter(|(_, &c)| c).map(|(&s, _)| s).collect();
        sorted_content.sort_unstable();
        let n_content = sorted_content.len();
        Unit { stems, forms, content, n_content, sorted, sorted_content, ..Unit::default() }
    }

    /// A unit with the same words and no quotes.
    pub(crate) fn words_only(&self) -> Unit {
        Unit::new(self.stems.clone(), self.forms.clone(), self.content.clone())
    }

    /// Adds a quote (index, document, speaker and surname keys or `u32::MAX`, whether the
    /// speaker has a gazetteer id, day).
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

    /// Sorts and deduplicates the key lists once all quotes are in.
    pub(crate) fn finish(&mut self) {
        for v in [&mut self.docs, &mut self.speakers, &mut self.surnames, &mut self.loose] {
            v.sort_unstable();
            v.dedup();
        }
    }

    /// This unit as the aligner sees it.
    pub fn side(&self) -> Side<'_> {
        Side { stems: &self.stems, forms: &self.forms, content: &self.content }
    }

    /// Both units give one speaker: the same gazetteer id or name, or the same surname where
    /// one side has no gazetteer id, or an organisation on one side (a ministry and its
    /// minister, an agency and its director).
    pub fn shares_speaker(&self, other: &Unit) -> bool {
        self.org || other.org || self.shares_person(other)
    }

    /// Both units name one person (as [`Unit::shares_speaker`], organisations left out).
    pub fn shares_person(&self, other: &Unit) -> bool {
        intersects(&self.speakers, &other.speakers)
            || intersects(&self.loose, &other.surnames)
            || intersects(&self.surnames, &other.loose)
    }

    /// Days between the two units' dates (0 when they overlap or either is undated).
    pub fn days_apart(&self, other: &Unit) -> i32 {
        match (self.days, other.days) {
            (Some((a0, a1)), Some((b0, b1))) => (b0 - a1).max(a0 - b1).max(0),
            _ => 0,
        }
    }

    /// Whether it holds a rare content word that `other` holds too.
    fn shares_rare(&self, other: &Unit, rare: impl Fn(u32) -> bool) -> bool {
        let (a, b) = (&self.sorted_content, &other.sorted_content);
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

/// Size of the multiset intersection of two sorted slices.
fn common(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// A quick bound before aligning: the words two units have in common (as multisets) bound
/// the words an alignment can keep, so a pair that cannot reach any relation's minimum is
/// skipped. Most candidate pairs share one rare bigram and little else; this check costs a
/// merge of two sorted lists instead of an alignment.
pub fn could_relate(a: &Unit, b: &Unit, same_speaker: bool) -> bool {
    let n_short = a.stems.len().min(b.stems.len());
    let kept_max = common(&a.sorted, &b.sorted);
    if n_short < SHORT {
        return kept_max >= 2 && kept_max + 1 >= n_short;
    }
    let slack = if same_speaker { SAME_SPEAKER_SLACK } else { 0.0 };
    if kept_max >= VARIANT_MIN_KEPT && kept_max as f64 >= (VARIANT_COVERAGE - slack) * n_short as f64 {
        return true;
    }
    let shared_max = common(&a.sorted_content, &b.sorted_content);
    let (ca, cb) = (a.sorted_content.len(), b.sorted_content.len());
    shared_max >= PARAPHRASE_MIN_SHARED
        && shared_max as f64 >= PARAPHRASE_COVERAGE * ca.min(cb) as f64
        && shared_max as f64 >= PARAPHRASE_OTHER_COVERAGE * ca.max(cb) as f64
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

/// The relation of two aligned quotes, with the similarity to report; `None` when they are not
/// one statement. `content` gives the content-word LCS `(shared, content words of a, of b)`.
///
/// - **identical**: the same words in the same forms.
/// - **short** quotes (under [`SHORT`] words): one unbroken run inside the other, nothing
///   dropped or added, at most one word changed, two words or more kept with a content word
///   among them: *contains* when none changed, else *variant*.
/// - **contains**: the shorter quote is clearly shorter, nearly all of it kept, packed tightly.
/// - **variant**: most of the shorter quote kept (coverage), and within the stretch both cover
///   the words mostly agree (local Dice ≥ `min_similarity`), with content words among them.
/// - **paraphrase**: the words differ but enough content words recur in the same order.
///
/// Same-speaker pairs get some slack on the variant thresholds (`SAME_SPEAKER_SLACK`).
pub fn relate(
    al: &Alignment,
    content: impl FnOnce() -> (usize, usize, usize),
    same_speaker: bool,
    min_similarity: f64,
) -> Option<(Relation, f64)> {
    if al.kept == 0 {
        return None;
    }
    if al.is_identical() {
        return Some((Relation::Identical, 1.0));
    }
    let (n_short, n_long) = (al.len_a.min(al.len_b), al.len_a.max(al.len_b));
    let (edge_short, only_short, only_long, changed_short, changed_long) = if al.len_a <= al.len_b {
        (al.edge_a, al.only_a, al.only_b, al.changed_a, al.changed_b)
    } else {
        (al.edge_b, al.only_b, al.only_a, al.changed_b, al.changed_a)
    };
    let coverage = al.coverage();
    if n_short < SHORT {
        let unbroken = edge_short == 0 && only_short == 0 && only_long == 0;
        let one_change = changed_short <= 1 && changed_long == changed_short;
        if unbroken && one_change && al.kept >= 2 && al.kept_content >= 1 {
            return Some(if changed_short == 0 && al.exact == al.kept && n_short < n_long {
                (Relation::Contains, coverage)
            } else {
                (Relation::Variant, coverage)
            });
        }
        return None;
    }
    if (n_short as f64) <= CONTAINS_LENGTH * n_long as f64
        && coverage >= CONTAINS_COVERAGE
        && al.density() >= CONTAINS_DENSITY
    {
        return Some((Relation::Contains, coverage));
    }
    let slack = if same_speaker { SAME_SPEAKER_SLACK } else { 0.0 };
    let local = al.local_dice();
    if coverage >= VARIANT_COVERAGE - slack
        && local >= min_similarity - slack
        && al.kept >= VARIANT_MIN_KEPT
        && al.kept_content >= VARIANT_MIN_CONTENT
        && (edge_short == 0 || al.kept >= OVERLAP_MIN_KEPT)
    {
        return Some((Relation::Variant, local));
    }
    let (shared, ca, cb) = content();
    let fewer = ca.min(cb);
    if shared >= PARAPHRASE_MIN_SHARED
        && fewer > 0
        && shared as f64 >= PARAPHRASE_COVERAGE * fewer as f64
        && shared as f64 >= PARAPHRASE_OTHER_COVERAGE * ca.max(cb) as f64
        && (longest_run(al) as f64) < PARAPHRASE_MAX_RUN_SHARE * shared as f64
    {
        return Some((Relation::Paraphrase, 2.0 * shared as f64 / (ca + cb) as f64));
    }
    None
}

/// The longest run of kept words in an alignment.
fn longest_run(al: &Alignment) -> usize {
    al.steps
        .iter()
        .map(|s| match s {
            super::align::Step::Same { a, .. } => a.len(),
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}

/// Words kept in a row or in all that make a match *long*: enough to tie two quotes without a
/// common speaker, or across dates (see [`admissible`]).
pub const LONG_MATCH: usize = 8;

/// Whether a related pair may stand for one statement, given who said each and when:
/// - a short quote (under [`SHORT_CONTENT`] content words) joins only a quote of the same
///   person that shares a rare word with it: "a disgrace" from a mayor and from a coach are
///   two statements. (Allowing another speaker when the shared word is very rare found a few
///   misattributed fragments on real news, and more idioms: "boots on the ground".)
/// - a variant or a paraphrase needs the same speaker, or no speaker on one side and a long
///   match: "I'm a big fan of Maria" and "I'm a big fan of Tom" from two people are a frame,
///   not a statement;
/// - quotes dated more than [`DATE_WINDOW`] days apart join only when identical or contained
///   and long ([`LONG_CONTENT`] content words): a stock line at two rallies is two statements.
pub(crate) fn admissible(a: &Unit, b: &Unit, al: &Alignment, relation: Relation, rarity: &Rarity) -> bool {
    let fewest = a.n_content.min(b.n_content);
    let exact = matches!(relation, Relation::Identical | Relation::Contains);
    if a.days_apart(b) > DATE_WINDOW && !(exact && fewest >= LONG_CONTENT) {
        return false;
    }
    if fewest < SHORT_CONTENT {
        // A short phrase given to an organisation could be anyone's: the same person only.
        return a.shares_person(b) && a.shares_rare(b, |s| rarity.is_rare(s));
    }
    let same_speaker = a.shares_speaker(b);
    let unnamed = a.speakers.is_empty() || b.speakers.is_empty();
    exact || same_speaker || (unnamed && al.kept >= LONG_MATCH)
}

/// Which side of an aligned pair is a *fragment* of the other (0 for `a`, 1 for `b`): the
/// shorter quote, when it is short or when the longer one goes on beyond the stretch they
/// share. A fragment is attached to its best container only (see [`super::group`]); two
/// quotes that cover the same stretch are linked as equals.
pub fn fragment_of(al: &Alignment) -> Option<usize> {
    let (short, edge_long) = match al.len_a.cmp(&al.len_b) {
        std::cmp::Ordering::Less => (0, al.edge_b),
        std::cmp::Ordering::Greater => (1, al.edge_a),
        std::cmp::Ordering::Equal => return None,
    };
    (al.len_a.min(al.len_b) < SHORT || edge_long > 0).then_some(short)
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
        unit.stems.iter().zip(&unit.content).filter(|(_, &c)| c).map(|(&s, _)| s).collect();
    let mut keys: Vec<u64> = content.windows(2).map(|w| bigram_key(w[0], w[1])).collect();
    if content.len() >= 2 {
        for &speaker in &unit.speakers {
            keys.extend(content.iter().map(|&s| speaker_key(speaker, s)));
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Finds and judges candidate pairs. Pairs whose quotes all come from one document are skipped
/// (a report is compared with other reports, not with itself).
pub(crate) fn edges(units: &[Unit], rarity: &Rarity, min_similarity: f64, max_postings: usize) -> Vec<Edge> {
    let mut index: Vec<(u64, u32)> = units
        .par_iter()
        .enumerate()
        .flat_map_iter(|(u, unit)| keys(unit).into_iter().map(move |k| (k, u as u32)))
        .collect();
    index.par_sort_unstable();
    // Keep the keys that pair units (held by two units or more) and are rare enough to be
    // evidence; each key's postings are a range of the compacted index.
    let mut postings: HashMap<u64, (u32, u32)> = HashMap::new();
    let (mut i, mut kept) = (0, 0);
    while i < index.len() {
        let k = index[i].0;
        let end = index[i..].partition_point(|&(x, _)| x == k) + i;
        if end - i <= max_postings && end - i > 1 {
            postings.insert(k, (kept as u32, (kept + end - i) as u32));
            index.copy_within(i..end, kept);
            kept += end - i;
        }
        i = end;
    }
    index.truncate(kept);
    index.shrink_to_fit();
    // Work in runs of units, so that each run's counters (one per unit) are set up once.
    (0..units.len())
        .into_par_iter()
        .with_min_len(512)
        .map_init(
            || (Aligner::new(), vec![(0u16, 0u16); units.len()], Vec::<u32>::new()),
            |(aligner, hits, touched), u| {
                for k in keys(&units[u]) {
                    let Some(&(lo, hi)) = postings.get(&k) else { continue };
                    let bigram = k >> 63 == 0;
                    for &(_, v) in &index[lo as usize..hi as usize] {
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
                let mut out = Vec::new();
                for &v in touched.iter() {
                    let (b_hits, s_hits) = std::mem::take(&mut hits[v as usize]);
                    if b_hits == 0 && s_hits < 2 {
                        continue;
                    }
                    let b = &units[v as usize];
                    if a.docs.len() == 1 && b.docs == a.docs {
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
                        out.push(Edge { u: u as u32, v, relation, similarity, dice: al.dice(), fragment });
                    }
                }
                touched.clear();
                out
            },
        )
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::normalize::Normalizer;
    use super::*;

    /// Aligns two texts through the real normaliser and judges them.
    fn judge(a: &str, b: &str, same_speaker: bool) -> Option<(Relation, f64)> {
        let n = Normalizer::new();
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut unit = |t: &str| {
            let (mut stems, mut forms, mut content) = (Vec::new(), Vec::new(), Vec::new());
            for tok in n.tokens(t) {
                let k = ids.len() as u32;
                forms.push(*ids.entry(tok.form.clone()).or_insert(k));
                let k = ids.len() as u32;
                stems.push(*ids.entry(format!("stem:{}", tok.stem)).or_insert(k));
                content.push(tok.content);
            }
            Unit::new(stems, forms, content)
        };
        let (ua, ub) = (unit(a), unit(b));
        let al = Aligner::new().align(ua.side(), ub.side());
        let related = relate(&al, || Aligner::new().content_lcs(ua.side(), ub.side()), same_speaker, 0.6);
        // The quick bound never rules out a pair that relates.
        assert!(related.is_none() || could_relate(&ua, &ub, same_speaker), "{a} / {b}");
        related
    }

    fn relation(a: &str, b: &str) -> Option<Relation> {
        judge(a, b, false).map(|(r, _)| r)
    }

    #[test]
    fn identical_after_normalisation() {
        assert_eq!(relation("“It won’t be easy,” ", "\"it will not be easy\""), Some(Relation::Identical));
        assert_eq!(judge("We will act.", "we will act", false).map(|x| x.1), Some(1.0));
    }

    #[test]
    fn near_identical_is_a_variant() {
        let (r, s) = judge(
            "There will be a sharp rise in prices. There will be a sharp rise on the markets.",
            "There will be a sharp rise in prices. There’ll be a sharp rise in the markets.",
            false,
        )
        .unwrap();
        assert_eq!(r, Relation::Variant);
        assert!(s > 0.9, "{s}");
    }

    #[test]
    fn substituted_and_reordered_words_are_a_variant() {
        assert_eq!(
            relation(
                "if the talks fail, it will not be good for the farmers either",
                "If the talks fail, it is not going to be good for the farmers either,"
            ),
            Some(Relation::Variant)
        );
        assert_eq!(
            relation(
                "stop pouring oil on the fire of the border dispute",
                "stop pouring oil on the fire in the border dispute"
            ),
            Some(Relation::Variant)
        );
    }

    #[test]
    fn short_quote_with_one_word_changed_is_a_variant() {
        assert_eq!(
            relation("fair pricing concerns", "The farmers’ legitimate pricing concerns must be heard."),
            Some(Relation::Variant)
        );
    }

    #[test]
    fn short_quote_inside_a_longer_one_is_contained() {
        assert_eq!(
            relation("stop dumping", "The first task is to stop dumping waste in the river"),
            Some(Relation::Contains)
        );
    }

    #[test]
    fn short_quote_must_be_unbroken() {
        // "pricing concerns" is inside, but "legitimate concerns" is not one run of it.
        assert_eq!(relation("legitimate concerns", "legitimate pricing concerns must be heard"), None);
        // Two function words are not a statement.
        assert_eq!(relation("it is", "it is what it is, he said"), None);
    }

    #[test]
    fn fragment_inside_a_sentence_is_contained() {
        let (r, s) = judge(
            "building or even widening the ring roads",
            "the traffic of one town should not be eased at the expense of the next, and congestion should not be solved by building or even widening the ring roads",
            false,
        )
        .unwrap();
        assert_eq!(r, Relation::Contains);
        assert_eq!(s, 1.0);
    }

    #[test]
    fn fragment_with_a_word_left_out_is_still_contained() {
        assert_eq!(
            relation(
                "stop pouring oil the fire on the border",
                "the first task is to stop pouring oil on the fire on the border and to talk"
            ),
            Some(Relation::Contains)
        );
    }

    #[test]
    fn paraphrase_shares_content_words_in_order() {
        assert_eq!(
            relation(
                "refrain from doing things that inflame tempers and hype the dispute.",
                "calls on all sides to stay calm and refrain from stoking tempers or hyping up the dispute"
            ),
            Some(Relation::Paraphrase)
        );
    }

    #[test]
    fn unrelated_quotes_sharing_a_phrase_are_not_related() {
        assert_eq!(
            relation(
                "We will keep talking to the city council about the budget next year",
                "The city council has rejected every plan we sent, and the mayor knows it"
            ),
            None
        );
    }

    #[test]
    fn same_speaker_lowers_the_variant_bar() {
        // Half the words differ: from one speaker, a variant; from two, only a paraphrase.
        let a = "The most urgent job right now is for the council to stop closing libraries on Sundays, stop cutting bus routes in the suburbs and stop raising various parking fees,";
        let b = "the top job was for the council side is to stop closing the libraries on Sundays, stop cutting routes by cutting the ‘suburb buses’ and stop adding all kinds of small fees aimed at drivers and cyclists";
        assert_eq!(judge(a, b, true).map(|x| x.0), Some(Relation::Variant));
        assert_eq!(relation(a, b), Some(Relation::Paraphrase));
    }
}
