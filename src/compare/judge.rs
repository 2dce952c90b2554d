//! Judging a candidate pair: whether two aligned quotes are one statement and how they relate
//! (identical, contains, variant, paraphrase), with a quick bound to skip pairs that cannot
//! relate before aligning them, and whether who said each and when allows the pair.

use super::align::Alignment;
use super::matching::Unit;
use super::units::{is_long, is_short, Rarity, DATE_WINDOW};
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
    let n_short = a.stems().len().min(b.stems().len());
    let kept_max = common(a.sorted(), b.sorted());
    if n_short < SHORT {
        return kept_max >= 2 && kept_max + 1 >= n_short;
    }
    let slack = if same_speaker { SAME_SPEAKER_SLACK } else { 0.0 };
    if kept_max >= VARIANT_MIN_KEPT && kept_max as f64 >= (VARIANT_COVERAGE - slack) * n_short as f64 {
        return true;
    }
    let shared_max = common(a.sorted_content(), b.sorted_content());
    let (ca, cb) = (a.sorted_content().len(), b.sorted_content().len());
    shared_max >= PARAPHRASE_MIN_SHARED
        && shared_max as f64 >= PARAPHRASE_COVERAGE * ca.min(cb) as f64
        && shared_max as f64 >= PARAPHRASE_OTHER_COVERAGE * ca.max(cb) as f64
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
/// common speaker, or across dates (see `admissible`).
pub const LONG_MATCH: usize = 8;

/// A variant of a long quote as close as this (Dice over the stretch both cover) …
const REPRINT_SIMILARITY: f64 = 0.85;

/// … with at least [`LONG_MATCH`] words kept is the one passage printed again with a word or
/// two transcribed differently ("like my husband or" / "unlike my husband and"), as much as an
/// identical reprint is: a stock line said again on another occasion is quoted word for word
/// or reworded more than that.
fn reprinted(al: &Alignment, relation: Relation) -> bool {
    relation == Relation::Variant && al.local_dice() >= REPRINT_SIMILARITY && al.kept >= LONG_MATCH
}

/// Whether a related pair may stand for one statement, given who said each and when:
/// - a short quote ([`is_short`]: under four content words and under eight words) joins only a
///   quote of the same person (or of an organisation and someone the articles name as working
///   for it: an agency and its director) that shares a rare word with it: "a disgrace" from a
///   mayor and from a coach are two statements. (Allowing another speaker when the shared word is very rare found a few
///   misattributed fragments on real news, and more idioms: "boots on the ground".)
/// - a variant or a paraphrase needs the same speaker, or no speaker on one side and a long
///   match: "I'm a big fan of Maria" and "I'm a big fan of Tom" from two people are a frame,
///   not a statement;
/// - quotes dated more than [`DATE_WINDOW`] days apart join only when identical, contained or
///   [`reprinted`], and long ([`is_long`]: six content words or twelve words): a stock line at
///   two rallies is two statements.
pub(crate) fn admissible(a: &Unit, b: &Unit, al: &Alignment, relation: Relation, rarity: &Rarity) -> bool {
    let long = is_long(a.stems().len(), a.n_content()) && is_long(b.stems().len(), b.n_content());
    let exact = matches!(relation, Relation::Identical | Relation::Contains);
    if a.days_apart(b) > DATE_WINDOW && !((exact || reprinted(al, relation)) && long) {
        return false;
    }
    if is_short(a.stems().len(), a.n_content()) || is_short(b.stems().len(), b.n_content()) {
        // A short phrase given to an organisation could be anyone's: the same person only, or
        // the organisation and someone the articles name as working for it.
        return (a.shares_person(b) || a.speaks_for(b)) && a.shares_rare(b, |s| rarity.is_rare(s));
    }
    let same_speaker = a.shares_speaker(b);
    let unnamed = a.speakers().is_empty() || b.speakers().is_empty();
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

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::super::align::Aligner;
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
            Unit::new(&stems, &forms, &content)
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
