//! The rule cascade: the order in which rules are tried for a quote, and how a speaker is
//! carried on to later quotes of the paragraph and to the next paragraph.

use super::cueless::ends_with_colon;
use super::names::NameUnit;
use super::{Attribution, DocContext, Tok, TokKind};
use crate::lexicon::{lexicon, CueClass};
use crate::record::{Method, QuoteKind};
use crate::segment::QuoteSpan;

/// The fewest words a quoted piece with no cue must have to be given to its sentence's subject.
const MIN_SUBJECT_WORDS: usize = 3;
/// Factor for a cue later in the sentence, not next to the quote (rule 3).
const LATER_CUE: f32 = 0.8;
/// The most tokens after a partial quote, to its sentence's end, for a cue there to frame the
/// whole sentence ("“…,” said Sen. Ann Roe-Park.").
const FRAMING_CUE_TOKENS: usize = 7;
/// Factor for a speaker carried from an earlier quote of the paragraph (rule 4).
const SAME_PARAGRAPH: f32 = 0.8;
/// How far back (in tokens) rule 4b looks for a cue that reports a quote's speaker.
const INTRODUCED_TOKENS: usize = 80;
/// The least confidence of the speaker rule 4b carries: what a cue's subject gives, even through
/// a pronoun, but not the clause-subject fallback.
const INTRODUCED_CONFIDENCE: f32 = 0.75;
/// Factor for a speaker carried from the paragraph before (rule 5).
const CONTINUATION: f32 = 0.7;
/// The most words of a subheading in single marks (see `is_subhead`).
const SUBHEAD_WORDS: usize = 8;

/// A quote of a paragraph: its kind and, when found, its speaker.
#[derive(Debug, Clone)]
pub(crate) struct AttributedQuote<'a> {
    /// Index into the document's quotes.
    pub(crate) quote: usize,
    /// Index of its token in the paragraph.
    token: usize,
    /// Full, partial, split, continuation or headline.
    pub(crate) kind: QuoteKind,
    /// Who said it, if anyone.
    pub(crate) attribution: Option<Attribution<'a>>,
}

impl<'a> DocContext<'a> {
    /// Attributes every quote of a paragraph in text order, by rules 1 to 5, into `attributed`
    /// (emptied first; one list serves a document's paragraphs). `headline` marks a headline
    /// paragraph, whose quotes are of that kind; `ends` are its sentence ends when read before
    /// (`DocContext::sentence_ends`).
    pub(crate) fn attribute_paragraph(
        &mut self,
        toks: &[Tok],
        quotes: &[QuoteSpan],
        headline: bool,
        ends: Option<&[bool]>,
        attributed: &mut Vec<AttributedQuote<'a>>,
    ) {
        let text = self.text;
        let has_cue = self.has_cue(toks);
        let colon_end = ends_with_colon(toks);
        // Every paragraph attributed holds a quote or a cue, or leads in to a quote paragraph.
        self.prepare_sentences(toks, ends);
        attributed.clear();
        if self.is_promo(toks) {
            for (ti, t) in toks.iter().enumerate() {
                if let TokKind::Quote(qi) = t.kind {
                    let qi = qi as usize;
                    let kind =
                        if headline { QuoteKind::Headline } else { quote_kind(text, toks, ti, &quotes[qi]) };
                    attributed.push(AttributedQuote { quote: qi, token: ti, kind, attribution: None });
                }
            }
            self.carried = None;
            return;
        }
        // Index in `attributed` of the latest attributed quote (kept, not searched for: a paragraph
        // of many unattributed quotes would make the search quadratic).
        let mut last: Option<usize> = None;
        for (ti, t) in toks.iter().enumerate() {
            let TokKind::Quote(qi) = t.kind else { continue };
            let qi = qi as usize;
            let q = quotes[qi];
            let mut kind = quote_kind(text, toks, ti, &q);
            let mut a = self.attribute(toks, ti, quotes, headline);
            // A title named by a cue before it ("called it “Meet the Press”"), or inside its
            // sentence ("author of “The Long Road,” put it"), is not speech.
            if let Some(x) = &a {
                if (x.at < q.open as usize || kind == QuoteKind::Partial) && is_title(&text[q.range()]) {
                    a = None;
                }
            }
            if a.is_none() && kind == QuoteKind::Full {
                a = match last.map(|i| &attributed[i].attribution) {
                    // 4. An earlier attributed quote in the paragraph.
                    Some(Some(l)) => Some(carry(l, SAME_PARAGRAPH)),
                    // 4b. No quote before it, but a sentence that reports the speaker ("Roe said
                    // the plan was late. “…”").
                    None if has_cue => self.introduced_before(toks, ti).map(|l| carry(&l, SAME_PARAGRAPH)),
                    _ => None,
                };
            }
            if a.is_none() && ti == 0 && !has_cue && !self.is_subhead(toks, quotes, &q) {
                // 5. A quote-only paragraph continues the previous paragraph's speaker.
                let only_quotes =
                    || toks.iter().all(|t| matches!(t.kind, TokKind::Quote(_) | TokKind::Punct(_)));
                if let Some(p) = self.carried.as_ref().filter(|_| !self.carried_lead_in || only_quotes()) {
                    a = Some(carry(p, CONTINUATION));
                    kind = QuoteKind::Continuation;
                }
            }
            // A quote broken by its attribution: “A,” he said, “b…”.
            if let (Some(x), Some(prev)) = (&a, attributed.last_mut()) {
                let lower = text[q.start as usize..].chars().next().is_some_and(char::is_lowercase);
                let same_cue = prev.attribution.as_ref().is_some_and(|pa| pa.at == x.at);
                if same_cue && lower && x.at > toks[prev.token].s() {
                    kind = QuoteKind::Split;
                    prev.kind = QuoteKind::Split;
                }
            }
            if headline {
                kind = QuoteKind::Headline;
            }
            if let Some(x) = &a {
                self.remember(x);
                last = Some(attributed.len());
            }
            attributed.push(AttributedQuote { quote: qi, token: ti, kind, attribution: a });
        }
        // What the next paragraph continues: its last attributed quote, else whom it introduces.
        let last = last.and_then(|i| attributed[i].attribution.clone());
        let lead_in = last.is_none() && attributed.is_empty() && !has_cue && !colon_end;
        self.carried_lead_in = lead_in;
        self.carried = match last {
            Some(l) => Some(l),
            None => {
                let by_cue = if has_cue { self.introduced(toks) } else { None };
                // "Roe issued the following statement:": the subject, when only a name; and so for
                // a paragraph with no quote and no cue before one that opens with a quote ("Roe
                // is upbeat about the race."): the subject of its last sentence, when only a name.
                by_cue.or_else(|| {
                    let k = toks.len().checked_sub(1).filter(|_| (colon_end || lead_in) && !headline)?;
                    let (ss, _) = self.sentence(toks, k);
                    self.sentence_subject(toks, k, ss, toks[k].s(), true)
                })
            }
        };
    }

    /// A paragraph that is only a short quote in single marks, in an article that quotes speech
    /// in double marks: a subheading ("'Legend in the Coal Fields.'"), not speech continued.
    /// `quotes` are all the article's quotes.
    fn is_subhead(&mut self, toks: &[Tok], quotes: &[QuoteSpan], q: &QuoteSpan) -> bool {
        if !q.single || toks.len() != 1 || self.text[q.range()].split_whitespace().count() > SUBHEAD_WORDS {
            return false;
        }
        let (double, single) = *self.marks.get_or_insert_with(|| {
            let single = quotes.iter().filter(|q| q.single).count();
            (quotes.len() - single, single)
        });
        double > single
    }

    /// Attributes the quote at token `qi` of a paragraph (of the headline when `headline`).
    fn attribute(
        &mut self,
        toks: &[Tok],
        qi: usize,
        quotes: &[QuoteSpan],
        headline: bool,
    ) -> Option<Attribution<'a>> {
        let (ss, se) = self.sentence(toks, qi);
        let pos = toks[qi].s();
        // A partial quote inside a clause whose cue came before it ("… said he would “protect
        // our citizens,” the crowd applauded") belongs to that clause: rule 2 first.
        let q = match toks[qi].kind {
            TokKind::Quote(q) => quotes[q as usize],
            _ => unreachable!("attribute is called on quote tokens"),
        };
        let partial = self.text[q.range()].chars().next().is_some_and(char::is_lowercase);
        // But a partial quote that a comma closes, with only a speech cue and its speaker after
        // it in the sentence ("… objected to “three-peat,” Roe said."), is that speaker's: the
        // cue at the end frames the whole sentence.
        // A pronoun there ("Lee said that Roe has “…,” he said") only repeats the subject.
        if partial && self.frames_sentence(toks, qi, se, &q) {
            if let Some(a) = self.cue_after(toks, qi, se, true).filter(|a| a.method != Method::Pronoun) {
                return Some(a);
            }
        }
        if partial {
            if let Some(a) = (!headline).then(|| self.speech_noun_owner(toks, qi, ss)).flatten() {
                return Some(a);
            }
            if let Some(a) = self.cue_before(toks, qi, ss, se, pos) {
                return Some(a);
            }
        }
        // 1. A cue right after the quote.
        if let Some(a) = self.cue_after(toks, qi, se, true) {
            return Some(a);
        }
        // A speaker's name and a colon opening the sentence ("Rep. Ann Roe (D-Ore.): “…”"), or a
        // name after a dash that ends the paragraph (“…” ― Ann Roe); not in a headline, where
        // "Roe: “…”" sums up an article.
        if !headline {
            if let Some(a) = self.labelled(toks, qi, ss, pos) {
                return Some(a);
            }
        }
        // 2. The nearest cue before the quote in its sentence (for a partial quote, tried above:
        // a failed attempt changes nothing, so it would fail again).
        if !partial {
            if let Some(a) = self.cue_before(toks, qi, ss, se, pos) {
                return Some(a);
            }
        }
        // 3. A cue later in the sentence.
        if let Some(a) = self.cue_after(toks, qi, se, false) {
            if self.text[q.range()].split_whitespace().count() >= 3 {
                return Some(Attribution { confidence: a.confidence * LATER_CUE, ..a });
            }
        }
        // "“…,” Roe shot back": a verb no list holds, after a full quote that opens its sentence
        // (not a title: "“Hail, Caesar!,” Roe starred in …").
        if !headline && !partial && qi == ss && !is_title(&self.text[q.range()]) {
            if let Some(a) = self.unlisted_verb_after(toks, qi, se, pos) {
                return Some(a);
            }
        }
        // 6. A quoted piece inside a sentence with no cue ("Roe called the plan “a disgrace”"):
        // the subject of its sentence.
        // So is a quote that a colon introduces ("Roe was blunt: “…”"), when the subject is only
        // a name ("The timing of Roe’s win: “…”" is not Roe speaking); never in a headline, where
        // "Roe: “…”" sums up the article.
        let introduced = !headline && qi > ss && toks[qi - 1].kind == TokKind::Punct(':');
        if (introduced || quote_kind(self.text, toks, qi, &q) == QuoteKind::Partial)
            && self.text[q.range()].split_whitespace().count() >= MIN_SUBJECT_WORDS
        {
            return self.sentence_subject(toks, qi, ss, pos, introduced);
        }
        None
    }

    /// Whether quote token `qi`, closed by a comma, is followed to its sentence's end `se` by a
    /// few tokens that hold a cue of speech ("said", "added"; not "according to", not
    /// "applauded") and no other quote.
    fn frames_sentence(&self, toks: &[Tok], qi: usize, se: usize, q: &QuoteSpan) -> bool {
        let tail = toks.get(qi + 1..se).unwrap_or_default();
        self.text[q.range()].trim_end().ends_with(',')
            && tail.len() <= FRAMING_CUE_TOKENS
            && !tail.iter().any(|t| matches!(t.kind, TokKind::Quote(_)))
            && tail
                .iter()
                .any(|t| self.cue_of(t).is_some_and(|c| self.matcher.cue_class(c) == CueClass::Finite))
    }

    /// Remembers a speaker as the latest antecedent for pronouns.
    fn remember(&mut self, a: &Attribution<'a>) {
        self.last = Some(a.clone());
        self.antecedents.push(NameUnit {
            at: a.at,
            name: a.speaker.name.clone(),
            last: "",
            entry: a.speaker.entry,
            gender: a.speaker.gender,
            person: a.speaker.person,
            org: !a.speaker.person,
            full: true,
        });
    }

    /// For a quote that opens its sentence at token `end`: the speaker reported by the nearest
    /// finite cue of the sentence before (in its last [`INTRODUCED_TOKENS`] tokens).
    fn introduced_before(&mut self, toks: &[Tok], end: usize) -> Option<Attribution<'a>> {
        let (ss, _) = self.sentence(toks, end);
        if ss != end {
            return None;
        }
        let (ps, pe) = self.sentence(toks, ss.checked_sub(1)?);
        let lo = ps.max(ss.saturating_sub(INTRODUCED_TOKENS));
        let (k, c) = (lo..ss).rev().find_map(|k| Some((k, self.finite_cue(&toks[k])?)))?;
        // Only a speaker the cue's own subject names, not a clause's first phrase.
        self.speaker_of_cue(toks, k, c, ps, pe, toks[k].s()).filter(|a| a.confidence >= INTRODUCED_CONFIDENCE)
    }

    /// The speaker a paragraph introduces without quoting ("X said …", "X continued:"): the
    /// subject of its first cue, for a quote-only paragraph that follows.
    fn introduced(&mut self, toks: &[Tok]) -> Option<Attribution<'a>> {
        for k in 0..toks.len() {
            // "Roe said …", and "Roe praised the plan." too: its subject, the one who speaks next.
            let cue = self
                .cue_of(&toks[k])
                .filter(|&c| matches!(self.matcher.cue_class(c), CueClass::Finite | CueClass::Transitive));
            if let Some(c) = cue {
                let (ss, se) = self.sentence(toks, k);
                if let Some(a) = self.speaker_of_cue(toks, k, c, ss, se, toks[k].s()) {
                    return Some(a);
                }
            }
        }
        None
    }
}

fn carry<'a>(a: &Attribution<'a>, factor: f32) -> Attribution<'a> {
    Attribution { method: Method::Continuation, confidence: a.confidence * factor, ..a.clone() }
}

/// Full when the quote starts with a capital and starts its sentence (or follows a cue and a
/// comma or colon); partial otherwise.
fn quote_kind(text: &str, toks: &[Tok], ti: usize, q: &QuoteSpan) -> QuoteKind {
    let upper = text[q.range()].chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric());
    if !upper {
        return QuoteKind::Partial;
    }
    let starts = ti == 0
        || matches!(toks[ti - 1].kind, TokKind::Punct(':' | ',' | '.' | '?' | '!' | '—' | '–' | '-'))
        || matches!(toks[ti - 1].kind, TokKind::Quote(_));
    if starts {
        QuoteKind::Full
    } else {
        QuoteKind::Partial
    }
}

/// The most words a title has.
const TITLE_WORDS: usize = 6;

/// A title of a show, book or film rather than speech: a few words, all capitalised but the
/// small ones, no sentence punctuation.
pub(crate) fn is_title(quote: &str) -> bool {
    let small = &lexicon().title_small_words;
    // The sentence's period or comma inside the closing mark (on “Meet the Press.”) is not
    // part of the title; then no word before the last may end in punctuation ("Yes, Sir.").
    let bare = quote.strip_suffix(['.', ',']).filter(|q| !q.ends_with('.'));
    let text = bare.unwrap_or(quote);
    if text.ends_with(['.', ',', '!', '?', ';', ':']) {
        return false;
    }
    // At most `TITLE_WORDS` words, read without reading the rest of a long quote.
    let mut buf = [""; TITLE_WORDS];
    let mut n = 0;
    for w in text.split_whitespace() {
        if n == TITLE_WORDS {
            return false;
        }
        buf[n] = w;
        n += 1;
    }
    let words = &buf[..n];
    if words.is_empty() {
        return false;
    }
    if bare.is_some()
        && words[..words.len() - 1].iter().any(|w| w.ends_with(|c: char| c.is_ascii_punctuation()))
    {
        return false;
    }
    words.len() >= 2
        && words.iter().enumerate().all(|(i, w)| {
            w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric())
                || i > 0 && small.contains(*w)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_not_speech() {
        assert!(is_title("Meet the Press"));
        assert!(!is_title("We will win."));
        assert!(!is_title("unlimited"));
        assert!(is_title("Meet the Press."));
        assert!(is_title("Fox and Friends,"));
        assert!(!is_title("Yes, Sir."));
        assert!(!is_title("Go Home..."));
    }
}
