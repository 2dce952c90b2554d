//! The rule cascade: which cue, and which phrase next to it, names a quote's speaker.

use std::borrow::Cow;

use super::names::NameUnit;
use super::resolve::Found;
use super::{Attribution, DocContext, Tok, TokKind};
use crate::lexicon::{lexicon, CueClass};
use crate::record::{Method, QuoteKind};
use crate::segment::QuoteSpan;

/// Confidence of a speaker named next to a cue right after the quote (rule 1).
const CUE_AFTER: f32 = 0.95;
/// Confidence of the subject of a cue before the quote (rule 2).
const CUE_BEFORE: f32 = 0.9;
/// Confidence of the phrase after a cue before the quote: "according to X", "said X: “…”".
const CUE_BEFORE_INVERTED: f32 = 0.85;
/// Confidence of the first speaker-like phrase of a clause whose subject is elided.
const CLAUSE_SUBJECT: f32 = 0.7;
/// Factor for a distant subject with nothing marking the elision.
const UNMARKED_SUBJECT: f32 = 0.8;
/// Confidence of a speaker's name labelling a quote with a colon or a dash, with no cue.
const LABELLED: f32 = 0.8;
/// Confidence of the subject of a sentence with a quoted piece and no cue (rule 6).
const SENTENCE_SUBJECT: f32 = 0.5;
/// The fewest words a quoted piece with no cue must have to be given to its sentence's subject.
const MIN_SUBJECT_WORDS: usize = 3;
/// Factor for a cue later in the sentence, not next to the quote (rule 3).
const LATER_CUE: f32 = 0.8;
/// Factor for a speaker carried from an earlier quote of the paragraph (rule 4).
const SAME_PARAGRAPH: f32 = 0.8;
/// How far back (in tokens) rule 4b looks for a cue that reports a quote's speaker.
const INTRODUCED_TOKENS: usize = 80;
/// The least confidence of the speaker rule 4b carries: what a cue's subject gives, even through
/// a pronoun, but not the clause-subject fallback.
const INTRODUCED_CONFIDENCE: f32 = 0.75;
/// Factor for a speaker carried from the paragraph before (rule 5).
const CONTINUATION: f32 = 0.7;
/// How much less a verb no list holds is trusted than a cue ("“…,” Roe shot back").
const UNLISTED_VERB: f32 = 0.8;
/// The most words of a description in lower case before a name ("said oil and gas worker X").
const DESCRIPTION_WORDS: usize = 6;
/// The most words of a subheading in single marks (see `is_subhead`).
const SUBHEAD_WORDS: usize = 8;
/// Factor for a speaker named by a pronoun.
const BY_PRONOUN: f32 = 0.85;
/// Factor for a speaker named by a role ("the US president").
const BY_ROLE: f32 = 0.85;
/// Factor for a speaker named by a surname only.
const BY_SURNAME: f32 = 0.95;

/// Bounds on the work for one quote, so that no text is slow (issue 10: "he said “ab” " repeated
/// in one paragraph tried every cue of the 80-token window, and every phrase before each): the
/// cues before a quote tried for a speaker, nearest first, and the phrases read as the subject
/// of one clause. News sentences have one or two cues; a clause's subject is among its first
/// phrases.
const CUES_TRIED: usize = 4;
const SUBJECT_PHRASES_TRIED: usize = 8;

/// A quote of a paragraph: its kind and, when found, its speaker.
#[derive(Debug, Clone)]
pub(crate) struct AttributedQuote {
    /// Index into the document's quotes.
    pub(crate) quote: usize,
    /// Index of its token in the paragraph.
    token: usize,
    /// Full, partial, split, continuation or headline.
    pub(crate) kind: QuoteKind,
    /// Who said it, if anyone.
    pub(crate) attribution: Option<Attribution>,
}

impl<'a> DocContext<'a> {
    /// Attributes every quote of a paragraph in text order, by rules 1 to 5. `headline` marks
    /// a headline paragraph, whose quotes are of that kind.
    pub(crate) fn attribute_paragraph(
        &mut self,
        toks: &[Tok],
        quotes: &[QuoteSpan],
        headline: bool,
    ) -> Vec<AttributedQuote> {
        let text = self.text;
        let has_cue = self.has_cue(toks);
        let colon_end = ends_with_colon(toks);
        if has_cue || colon_end || toks.iter().any(|t| matches!(t.kind, TokKind::Quote(_))) {
            self.find_sentence_ends(toks);
        } else {
            self.clear_sentence_ends(); // nothing to read in this paragraph
        }
        let mut attributed: Vec<AttributedQuote> = Vec::new();
        if self.is_promo(toks) {
            for (ti, t) in toks.iter().enumerate() {
                if let TokKind::Quote(qi) = t.kind {
                    let kind =
                        if headline { QuoteKind::Headline } else { quote_kind(text, toks, ti, &quotes[qi]) };
                    attributed.push(AttributedQuote { quote: qi, token: ti, kind, attribution: None });
                }
            }
            self.carried = None;
            return attributed;
        }
        // Index in `attributed` of the latest attributed quote (kept, not searched for: a paragraph
        // of many unattributed quotes would make the search quadratic).
        let mut last: Option<usize> = None;
        for (ti, t) in toks.iter().enumerate() {
            let TokKind::Quote(qi) = t.kind else { continue };
            let q = quotes[qi];
            let mut kind = quote_kind(text, toks, ti, &q);
            let mut a = self.attribute(toks, ti, quotes, headline);
            // A title named by a cue before it ("called it “Meet the Press”") is not speech.
            if let Some(x) = &a {
                if x.at < q.open && is_title(&text[q.start..q.end]) {
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
                if let Some(p) = &self.carried {
                    a = Some(carry(p, CONTINUATION));
                    kind = QuoteKind::Continuation;
                }
            }
            // A quote broken by its attribution: “A,” he said, “b…”.
            if let (Some(x), Some(prev)) = (&a, attributed.last_mut()) {
                let lower = text[q.start..].chars().next().is_some_and(char::is_lowercase);
                let same_cue = prev.attribution.as_ref().is_some_and(|pa| pa.at == x.at);
                if same_cue && lower && x.at > toks[prev.token].s {
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
        self.carried = match last {
            Some(l) => Some(l),
            None => {
                let by_cue = if has_cue { self.introduced(toks) } else { None };
                // "Roe issued the following statement:": the subject, when only a name.
                by_cue.or_else(|| {
                    let k = toks.len().checked_sub(1).filter(|_| colon_end && !headline)?;
                    let (ss, _) = self.sentence(toks, k);
                    self.sentence_subject(toks, k, ss, toks[k].s, true)
                })
            }
        };
        attributed
    }

    /// A paragraph that is only a short quote in single marks, in an article that quotes speech
    /// in double marks: a subheading ("'Legend in the Coal Fields.'"), not speech continued.
    /// `quotes` are all the article's quotes.
    fn is_subhead(&mut self, toks: &[Tok], quotes: &[QuoteSpan], q: &QuoteSpan) -> bool {
        if !q.single
            || toks.len() != 1
            || self.text[q.start..q.end].split_whitespace().count() > SUBHEAD_WORDS
        {
            return false;
        }
        let (double, single) = *self.marks.get_or_insert_with(|| {
            let single = quotes.iter().filter(|q| q.single).count();
            (quotes.len() - single, single)
        });
        double > single
    }

    /// A cue word used as a noun: "rejected reports of …", "the claims".
    pub(super) fn noun_like_cue(&self, toks: &[Tok], k: usize, c: u32, ss: usize) -> bool {
        if !self.matcher.cue_form(c).ends_with('s') || k == ss {
            return false;
        }
        let p = &toks[k - 1];
        p.kind == TokKind::Word
            && !self.is_capitalized(p)
            && !self.is_adverb(p)
            && self.pronoun_of(p).is_none()
            && self.role_of(p).is_none()
            && !matches!(&*self.lower(p), "and" | "but" | "who" | "which" | "that")
    }

    /// Attributes the quote at token `qi` of a paragraph (of the headline when `headline`).
    fn attribute(
        &mut self,
        toks: &[Tok],
        qi: usize,
        quotes: &[QuoteSpan],
        headline: bool,
    ) -> Option<Attribution> {
        let (ss, se) = self.sentence(toks, qi);
        let pos = toks[qi].s;
        // A partial quote inside a clause whose cue came before it ("… said he would “protect
        // our citizens,” the crowd applauded") belongs to that clause: rule 2 first.
        let q = match toks[qi].kind {
            TokKind::Quote(q) => quotes[q],
            _ => unreachable!("attribute is called on quote tokens"),
        };
        let partial = self.text[q.start..q.end].chars().next().is_some_and(char::is_lowercase);
        if partial {
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
            if self.text[q.start..q.end].split_whitespace().count() >= 3 {
                return Some(Attribution { confidence: a.confidence * LATER_CUE, ..a });
            }
        }
        // "“…,” Roe shot back": a verb no list holds, after a full quote that opens its sentence
        // (not a title: "“Hail, Caesar!,” Roe starred in …").
        if !headline && !partial && qi == ss && !is_title(&self.text[q.start..q.end]) {
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
            && self.text[q.start..q.end].split_whitespace().count() >= MIN_SUBJECT_WORDS
        {
            return self.sentence_subject(toks, qi, ss, pos, introduced);
        }
        None
    }

    /// A quote labelled with its speaker's name, with no cue: "Ann Roe: “…”" (the name opening
    /// its sentence) or "“…” ― Ann Roe" (the name ending its paragraph). Only a person the
    /// article names in full or the gazetteer knows: "The letter reads as follows: “…”" names
    /// no one.
    fn labelled(&mut self, toks: &[Tok], qi: usize, ss: usize, pos: usize) -> Option<Attribution> {
        let np = if qi > ss && toks[qi - 1].kind == TokKind::Punct(':') {
            let (np, _) = self.subject_left(toks, qi - 1, ss)?;
            (np.a == ss).then_some(np)?
        } else {
            toks.get(qi + 1).filter(|t| matches!(t.kind, TokKind::Punct('―' | '—' | '–')))?;
            let np = self.np_right(toks, qi + 2, toks.len())?;
            (np.b == toks.len()).then_some(np)?
        };
        let found = self.interpret(toks, np, pos).filter(names_a_person)?;
        Some(self.finish_as(found, String::new(), toks[np.a].s, LABELLED))
    }

    /// The subject of the sentence that holds a quote with no cue: a person named by the first
    /// phrase of the sentence (or after an opener's comma), for a quoted piece of a few words
    /// at least (shorter ones are mostly the writer's scare quotes).
    fn sentence_subject(
        &mut self,
        toks: &[Tok],
        qi: usize,
        ss: usize,
        pos: usize,
        only_name: bool,
    ) -> Option<Attribution> {
        let mut i = ss;
        // "On Monday, Roe …": skip an opener up to its comma.
        if let Some(c) = (ss..qi.min(ss + 8)).find(|&k| toks[k].kind == TokKind::Punct(',')) {
            if !(ss..c).any(|k| self.unit_at(toks, k).is_some()) {
                i = c + 1;
            }
        }
        let np = self.np_right(toks, i, qi)?;
        if np.b >= qi {
            return None;
        }
        if only_name
            && toks[np.a..np.b]
                .iter()
                .any(|t| t.kind == TokKind::Word && !self.is_capitalized(t) && self.role_of(t).is_none())
        {
            return None;
        }
        let found = self.interpret(toks, np, pos).filter(names_a_person)?;
        Some(self.finish_as(found, String::new(), toks[np.a].s, SENTENCE_SUBJECT))
    }

    /// "“…,” Bennett shot back": a quote that ends on a comma (or a question or exclamation
    /// mark), then a person's name opening the rest of the sentence and a word in lower case,
    /// a verb no cue list holds. The person is the speaker, trusted less.
    fn unlisted_verb_after(&mut self, toks: &[Tok], qi: usize, se: usize, pos: usize) -> Option<Attribution> {
        let inner = self.text[toks[qi].s..toks[qi].e].trim_end_matches(['”', '"', '’', '\'', ' ']);
        if !inner.ends_with([',', '?', '!']) {
            return None;
        }
        let j = qi + 1;
        let np = self.np_right(toks, j, se).filter(|np| np.a == j)?;
        let verb = toks.get(np.b).filter(|t| {
            t.kind == TokKind::Word
                && !self.is_capitalized(t)
                && !self.in_stopwords(t)
                && self.pronoun_of(t).is_none()
                && self.role_of(t).is_none()
        })?;
        let found = self.interpret(toks, np, pos).filter(names_a_person)?;
        let cue = self.word(verb).to_string();
        Some(self.finish_as(found, cue, verb.s, CUE_AFTER * UNLISTED_VERB))
    }

    /// A description in lower case, then a person's name, after an inverted cue: "said oil and
    /// gas worker Ann Roe", where the phrase reader stops at "and". The description is the role.
    fn described_name(&mut self, toks: &[Tok], a: usize, se: usize, pos: usize) -> Option<Found> {
        let m = (a..se.min(a + DESCRIPTION_WORDS + 1))
            .find(|&k| toks[k].kind != TokKind::Word || self.is_capitalized(&toks[k]))?;
        let plain = |k: usize| self.cue_of(&toks[k]).is_none() && self.pronoun_of(&toks[k]).is_none();
        if m == a || toks[m].kind != TokKind::Word || !(a..m).all(plain) {
            return None;
        }
        let np = self.np_right(toks, m, se)?;
        let found = self.interpret(toks, np, pos).filter(names_a_person)?;
        let description = &self.text[toks[a].s..toks[m - 1].e];
        let role = if found.role.is_empty() {
            description.to_string()
        } else {
            format!("{description} {}", found.role)
        };
        Some(Found { role, ..found })
    }

    /// The nearest cue before the quote in its sentence that yields a speaker.
    pub(super) fn cue_before(
        &mut self,
        toks: &[Tok],
        qi: usize,
        ss: usize,
        se: usize,
        pos: usize,
    ) -> Option<Attribution> {
        let cues = (ss..qi).rev().filter_map(|k| Some((k, self.cue_of(&toks[k])?)));
        let cues: Vec<(usize, u32)> =
            cues.filter(|&(k, c)| !self.noun_like_cue(toks, k, c, ss)).take(CUES_TRIED).collect();
        cues.into_iter().find_map(|(k, c)| self.speaker_of_cue(toks, k, c, ss, se, pos))
    }

    /// A cue after the quote: adjacent (`“…,” X said`) or anywhere later in the sentence.
    pub(super) fn cue_after(
        &mut self,
        toks: &[Tok],
        qi: usize,
        se: usize,
        adjacent: bool,
    ) -> Option<Attribution> {
        let mut j = qi + 1;
        let se =
            if adjacent && se == qi + 1 && qi + 1 < toks.len() { self.sentence(toks, qi + 1).1 } else { se };
        while j < se && matches!(toks[j].kind, TokKind::Punct(',' | '—' | '–' | '-' | ':')) {
            j += 1;
        }
        if j >= se {
            return None;
        }
        let pos = toks[qi].s;
        if adjacent {
            // "said X" / "according to X"
            if let Some(c) = self.cue_of(&toks[j]) {
                let after = toks[j].mention.map(|m| m.1).unwrap_or(j + 1);
                let class = self.matcher.cue_class(c);
                // "Biden said … “respond decisively”, according to the White House": a partial
                // quote belongs to the speaker of its clause, not to the source of the report.
                let (ss, _) = self.sentence(toks, qi);
                let clause_cue = (ss..qi).any(|k| {
                    self.cue_of(&toks[k]).is_some_and(|c| {
                        matches!(self.matcher.cue_class(c), CueClass::Finite | CueClass::Transitive)
                    })
                });
                if class == CueClass::According && clause_cue {
                    return None;
                }
                if matches!(class, CueClass::Finite | CueClass::According) {
                    if let Some(np) = self.np_right(toks, after, se) {
                        if let Some(found) = self.interpret(toks, np, pos) {
                            let appo = self.apposition_after(toks, np.b, se);
                            let found = found.with_apposition(appo);
                            return Some(self.finish(found, c, toks[j].s, CUE_AFTER));
                        }
                    }
                    if class == CueClass::Finite {
                        if let Some(found) = self.described_name(toks, after, se, pos) {
                            return Some(self.finish(found, c, toks[j].s, CUE_AFTER));
                        }
                    }
                }
                return None;
            }
            // "X said", "X, the spokesman, said"
            let mut k = j;
            let limit = (j + 25).min(se);
            while k < limit {
                if let Some(c) = self.cue_of(&toks[k]) {
                    if !matches!(
                        self.matcher.cue_class(c),
                        CueClass::Finite | CueClass::Transitive | CueClass::Quoted
                    ) {
                        return None;
                    }
                    let (np, appo) = self.subject_left(toks, k, j)?;
                    if np.a != j {
                        return None;
                    }
                    let found = self.interpret(toks, np, pos)?.with_apposition(appo);
                    return Some(self.finish(found, c, toks[k].s, CUE_AFTER));
                }
                if matches!(toks[k].kind, TokKind::Quote(_)) {
                    return None;
                }
                k += 1;
            }
            return None;
        }
        for k in j..se {
            if matches!(toks[k].kind, TokKind::Quote(_)) {
                return None;
            }
            if let Some(c) = self.cue_of(&toks[k]) {
                let (ss, _) = self.sentence(toks, qi);
                return self.speaker_of_cue(toks, k, c, ss, se, pos);
            }
        }
        None
    }

    /// The speaker of a cue before the quote (or later in its sentence).
    pub(super) fn speaker_of_cue(
        &mut self,
        toks: &[Tok],
        k: usize,
        c: u32,
        ss: usize,
        se: usize,
        pos: usize,
    ) -> Option<Attribution> {
        let class = self.matcher.cue_class(c);
        let after = toks[k].mention.map(|m| m.1).unwrap_or(k + 1);
        match class {
            CueClass::According => {
                let np = self.np_right(toks, after, se)?;
                let found = self.interpret(toks, np, pos)?;
                Some(self.finish(found, c, toks[k].s, CUE_BEFORE_INVERTED))
            }
            CueClass::Finite | CueClass::Transitive | CueClass::Quoted => {
                if let Some((np, appo)) = self.subject_left(toks, k, ss) {
                    if let Some(found) = self.interpret(toks, np, pos) {
                        let found = found.with_apposition(appo);
                        return Some(self.finish(found, c, toks[k].s, CUE_BEFORE));
                    }
                }
                // Inverted before the quote: "said Ned Price: “…”" (never "called the KKK “…”").
                let inverts = class == CueClass::Finite;
                if inverts
                    && (k == ss
                        || k > ss && matches!(toks[k - 1].kind, TokKind::Punct(',') | TokKind::Quote(_)))
                {
                    if let Some(np) = self.np_right(toks, after, se) {
                        if let Some(found) = self.interpret(toks, np, pos) {
                            return Some(self.finish(found, c, toks[k].s, CUE_BEFORE_INVERTED));
                        }
                    }
                }
                // An elided subject ("… and added", "…, then warned") or a distant one: the
                // clause's first speaker-like phrase, trusted less when nothing marks elision.
                let elided = k > ss && {
                    let p = &toks[k - 1];
                    matches!(p.kind, TokKind::Punct(','))
                        || matches!(&*self.lower(p), "and" | "but" | "then" | "also" | "later")
                };
                let a = self.clause_subject(toks, k, c, ss, pos)?;
                Some(if elided {
                    a
                } else {
                    Attribution { confidence: a.confidence * UNMARKED_SUBJECT, ..a }
                })
            }
            CueClass::Participle => {
                // "…, with Ann Roe saying “…”": the phrase between "with" and the participle.
                if let Some((np, _)) = self.subject_left(toks, k, ss) {
                    if np.a > ss && self.lower(&toks[np.a - 1]) == "with" {
                        if let Some(found) = self.interpret(toks, np, pos) {
                            return Some(self.finish(found, c, toks[k].s, CUE_BEFORE));
                        }
                    }
                }
                self.clause_subject(toks, k, c, ss, pos)
            }
        }
    }

    /// An elided or distant subject: the first speaker-like phrase of the sentence.
    pub(super) fn clause_subject(
        &mut self,
        toks: &[Tok],
        k: usize,
        c: u32,
        ss: usize,
        pos: usize,
    ) -> Option<Attribution> {
        // "X urged “…” and called for “…”": the subject of the earlier quote in this sentence.
        if let Some(last) = &self.last {
            if last.at >= toks[ss].s && last.at < toks[k].s {
                let cue = self.matcher.cue_form(c).to_string();
                return Some(Attribution { cue, at: toks[k].s, ..last.clone() });
            }
        }
        let mut i = ss;
        let mut tried = 0;
        self.start_phrase_memo(toks, ss, pos);
        while i < k && tried < SUBJECT_PHRASES_TRIED {
            // "At a rally in Dover, Ann Roe …, saying": no subject follows a preposition.
            if matches!(toks[i].kind, TokKind::Quote(_)) || self.after_preposition(toks, i) {
                i += 1;
                continue;
            }
            if let (Some(np), no_one) = self.np_right_memo(toks, i, k) {
                tried += 1;
                if !no_one {
                    if let Some(found) = self.interpret(toks, np, pos) {
                        return Some(self.finish(found, c, toks[k].s, CLAUSE_SUBJECT));
                    }
                    self.phrase_names_no_one(i, k);
                }
                i = np.b.max(i + 1);
            } else {
                i += 1;
            }
        }
        None
    }

    pub(super) fn finish(&mut self, found: Found, cue: u32, at: usize, confidence: f32) -> Attribution {
        let cue = self.matcher.cue_form(cue).to_string();
        self.finish_as(found, cue, at, confidence)
    }

    /// An attribution for a speaker found, with the cue as written (or empty).
    fn finish_as(&mut self, found: Found, cue: String, at: usize, confidence: f32) -> Attribution {
        let Found { speaker: sp, method, mention, role } = found;
        let role = role.trim().trim_end_matches(',').to_string();
        let role = if role.is_empty() {
            self.roles.get(&sp.name).cloned().unwrap_or_default()
        } else {
            self.roles.entry(sp.name.clone()).or_insert_with(|| role.clone());
            role
        };
        let confidence = match method {
            Method::Pronoun => confidence * BY_PRONOUN,
            Method::Role => confidence * BY_ROLE,
            Method::Surname => confidence * BY_SURNAME,
            _ => confidence,
        };
        Attribution { speaker: sp, method, cue, mention, role, confidence, at }
    }

    /// Remembers a speaker as the latest antecedent for pronouns.
    fn remember(&mut self, a: &Attribution) {
        self.last = Some(a.clone());
        self.antecedents.push(NameUnit {
            at: a.at,
            name: Cow::Owned(a.speaker.name.clone()),
            first: "",
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
    fn introduced_before(&mut self, toks: &[Tok], end: usize) -> Option<Attribution> {
        let (ss, _) = self.sentence(toks, end);
        if ss != end {
            return None;
        }
        let (ps, pe) = self.sentence(toks, ss.checked_sub(1)?);
        let lo = ps.max(ss.saturating_sub(INTRODUCED_TOKENS));
        let (k, c) = (lo..ss).rev().find_map(|k| Some((k, self.finite_cue(&toks[k])?)))?;
        // Only a speaker the cue's own subject names, not a clause's first phrase.
        self.speaker_of_cue(toks, k, c, ps, pe, toks[k].s).filter(|a| a.confidence >= INTRODUCED_CONFIDENCE)
    }

    /// The cue a token holds when it is a finite verb ("said", "told"), whose subject is the
    /// speaker.
    fn finite_cue(&self, t: &Tok) -> Option<u32> {
        self.cue_of(t).filter(|&c| self.matcher.cue_class(c) == CueClass::Finite)
    }

    /// The speaker a paragraph introduces without quoting ("X said …", "X continued:"): the
    /// subject of its first cue, for a quote-only paragraph that follows.
    fn introduced(&mut self, toks: &[Tok]) -> Option<Attribution> {
        for k in 0..toks.len() {
            if let Some(c) = self.finite_cue(&toks[k]) {
                let (ss, se) = self.sentence(toks, k);
                if let Some(a) = self.speaker_of_cue(toks, k, c, ss, se, toks[k].s) {
                    return Some(a);
                }
            }
        }
        None
    }
}

/// Whether a paragraph's tokens end with a colon ("… issued the following statement:").
pub(crate) fn ends_with_colon(toks: &[Tok]) -> bool {
    toks.last().is_some_and(|t| t.kind == TokKind::Punct(':'))
}

/// A person the article names in full, or the gazetteer knows: not a lone capitalised word, nor
/// words in capitals ("NEW YORK AT ITS CORE—…: “…”" is a heading). The rules that take a speaker
/// without a cue (labels, rule 6) trust only these.
fn names_a_person(found: &Found) -> bool {
    let sp = &found.speaker;
    let shouted = || sp.name.chars().all(|c| !c.is_lowercase());
    sp.person && (sp.entry.is_some() || sp.name.split_whitespace().count() >= 2 && !shouted())
}

fn carry(a: &Attribution, factor: f32) -> Attribution {
    Attribution { method: Method::Continuation, confidence: a.confidence * factor, ..a.clone() }
}

/// Full when the quote starts with a capital and starts its sentence (or follows a cue and a
/// comma or colon); partial otherwise.
fn quote_kind(text: &str, toks: &[Tok], ti: usize, q: &QuoteSpan) -> QuoteKind {
    let upper = text[q.start..q.end].chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric());
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

/// A title of a show, book or film rather than speech: a few words, all capitalised but the
/// small ones, no sentence punctuation.
pub(crate) fn is_title(quote: &str) -> bool {
    let small = &lexicon().title_small_words;
    // The sentence's period or comma inside the closing mark (on “Meet the Press.”) is not
    // part of the title; then no word before the last may end in punctuation ("Yes, Sir.").
    let bare = quote.strip_suffix(['.', ',']).filter(|q| !q.ends_with('.'));
    let words: Vec<&str> = bare.unwrap_or(quote).split_whitespace().collect();
    if words.is_empty() || words.len() > 6 || bare.unwrap_or(quote).ends_with(['.', ',', '!', '?', ';', ':'])
    {
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
