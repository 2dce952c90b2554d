//! The per-document state of attribution, and the token queries every rule shares: the word,
//! its mentions and cue, capitals, sentence bounds.

use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};

use rustc_hash::FxHashMap as HashMap;

use super::entities::UnitRole;
use super::memo::PhraseMemo;
use super::names::NameUnit;
use super::{Attribution, Tok, TokKind};
use crate::gazetteer::Gazetteer;
use crate::lexicon::classes::{ADVERB, CLAUSE_OPENER, DETERMINER, NEVER_NAME, PARTICLE, STOPWORD};
use crate::lexicon::{Classes, Function, Lexicon, PronounKind, RoleWord};
use crate::mention::{kind, Matcher, Mention, Payload};
use crate::text::is_word_char;

/// The name units filed under one word in `DocContext::by_surname` or `by_first_word`: indices
/// into `DocContext::units`, in text order. Most words name one unit in an article, held
/// without a list of its own (a list per word was one in eleven of extraction’s allocations).
#[derive(Debug)]
pub(super) enum UnitIds {
    One([usize; 1]),
    Many(Vec<usize>),
}

impl UnitIds {
    /// Files `id` under `word` in `index`, after those filed before.
    pub(super) fn file<'a>(index: &mut HashMap<&'a str, UnitIds>, word: &'a str, id: usize) {
        index
            .entry(word)
            .and_modify(|ids| match ids {
                UnitIds::One([first]) => *ids = UnitIds::Many(vec![*first, id]),
                UnitIds::Many(list) => list.push(id),
            })
            .or_insert(UnitIds::One([id]));
    }
}

impl std::ops::Deref for UnitIds {
    type Target = [usize];

    fn deref(&self) -> &[usize] {
        match self {
            UnitIds::One(one) => one,
            UnitIds::Many(list) => list,
        }
    }
}

/// Per-document state for attribution.
pub(crate) struct DocContext<'a> {
    pub(super) text: &'a str,
    pub(super) matcher: &'a Matcher,
    pub(super) gazetteer: &'a Gazetteer,
    pub(super) lexicon: &'a Lexicon,
    /// The mentions of the paragraphs searched so far, in text order (see `find_mentions`).
    pub(super) mentions: Vec<Mention>,
    pub(super) units: Vec<NameUnit<'a>>,
    /// For each unit: its place in its sentence (see `entities`).
    pub(super) unit_roles: Vec<UnitRole>,
    /// Sentences seen so far by `scan_names`.
    pub(super) sentences: u32,
    pub(super) antecedents: Vec<NameUnit<'a>>,
    /// After which tokens of the paragraph being attributed a sentence ends.
    pub(super) ends: Vec<bool>,
    /// For each token of that paragraph: where its sentence starts (the token after the
    /// latest end before it) and the first end at or after it (the length when none): what
    /// `sentence` reads, computed once per paragraph attributed (`prepare_sentences`).
    bounds: Vec<(u32, u32)>,
    /// Full personal names by surname (last word, and first word of two-word names): indices
    /// into `units`, in text order.
    pub(super) by_surname: HashMap<&'a str, UnitIds>,
    /// Two-word names by their first word, for family-name-first names ("Zhang" of "Zhang
    /// Jun"): used only when no name ends with the surname.
    pub(super) by_first_word: HashMap<&'a str, UnitIds>,
    /// The role each person was first given, by name (see `remember_role`).
    pub(super) roles: HashMap<Cow<'a, str>, Cow<'a, str>>,
    pub(super) last: Option<Attribution<'a>>,
    /// The speaker a quote-only paragraph continues: the previous paragraph's last (rule 5).
    pub(super) carried: Option<Attribution<'a>>,
    /// Whether `carried` is only the subject of a lead-in paragraph with no cue, which carries
    /// on to a paragraph of quotes only.
    pub(super) carried_lead_in: bool,
    /// The article's quotes in double marks and in single marks (its convention), counted when
    /// first needed.
    pub(super) marks: Option<(usize, usize)>,
    /// The gazetteer entry of each unit (a surname resolved once), built after scanning.
    pub(super) unit_entries: OnceCell<Vec<Option<u32>>>,
    /// Per (title, country): the units whose entry holds that role, as (unit index, entry).
    pub(super) role_holders: RefCell<HashMap<(u32, Option<u32>), RoleHolders>>,
    /// The subject phrases `clause_subject` has read in the paragraph being attributed.
    pub(super) phrase_memo: PhraseMemo,
}

/// Lists of a [`DocContext`] that borrow nothing from its text, handed from one document to
/// the next so that each does not grow them again from empty.
#[derive(Default)]
pub(crate) struct ContextBuffers {
    mentions: Vec<Mention>,
    unit_roles: Vec<UnitRole>,
    ends: Vec<bool>,
    bounds: Vec<(u32, u32)>,
}

impl ContextBuffers {
    /// Drops each list whose allocation is over `bytes`.
    pub(crate) fn trim(&mut self, bytes: usize) {
        crate::extract::trim_buffer(&mut self.mentions, bytes);
        crate::extract::trim_buffer(&mut self.unit_roles, bytes);
        crate::extract::trim_buffer(&mut self.ends, bytes);
        crate::extract::trim_buffer(&mut self.bounds, bytes);
    }
}

/// The units whose gazetteer entry holds one role, as (unit index, entry), in text order.
pub(super) type RoleHolders = Vec<(usize, u32)>;

/// The longest ASCII word [`DocContext::lower`] lowercases without allocating.
const LOWER_INLINE: usize = 22;

/// A word in lower case (see [`DocContext::lower`]); reads as a `str`.
pub(super) enum Lower<'a> {
    Borrowed(&'a str),
    Inline([u8; LOWER_INLINE], u8),
    Owned(String),
}

impl std::ops::Deref for Lower<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Lower::Borrowed(s) => s,
            // Only ASCII is stored inline.
            Lower::Inline(buf, len) => std::str::from_utf8(&buf[..*len as usize]).unwrap_or(""),
            Lower::Owned(s) => s,
        }
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, other: &&str) -> bool {
        **self == **other
    }
}

/// How far from a quote, in tokens, its sentence is read at most.
pub(super) const SENTENCE_WINDOW: usize = 80;

impl<'a> DocContext<'a> {
    /// Prepares attribution for one document.
    #[cfg(test)]
    pub(crate) fn new(
        text: &'a str,
        matcher: &'a Matcher,
        gazetteer: &'a Gazetteer,
        lexicon: &'a Lexicon,
    ) -> DocContext<'a> {
        Self::with_buffers(text, matcher, gazetteer, lexicon, ContextBuffers::default())
    }

    /// [`Self::new`], its lists in `buffers` (emptied first): those a previous document left.
    pub(crate) fn with_buffers(
        text: &'a str,
        matcher: &'a Matcher,
        gazetteer: &'a Gazetteer,
        lexicon: &'a Lexicon,
        buffers: ContextBuffers,
    ) -> DocContext<'a> {
        let ContextBuffers { mut mentions, mut unit_roles, mut ends, mut bounds } = buffers;
        mentions.clear();
        unit_roles.clear();
        ends.clear();
        bounds.clear();
        DocContext {
            text,
            matcher,
            gazetteer,
            lexicon,
            mentions,
            // News text holds a name unit every 50 bytes or so: reserved for a good share of
            // them, the list is not copied over and over as it grows.
            units: Vec::with_capacity(text.len() / 128),
            unit_roles,
            sentences: 0,
            antecedents: Vec::new(),
            ends,
            bounds,
            // Sized for most of a news text's surnames (the bench corpus has a new one every 400
            // bytes or so), so that the index is not rebuilt three times as it grows.
            by_surname: HashMap::with_capacity_and_hasher(text.len() / 512, Default::default()),
            by_first_word: HashMap::default(),
            unit_entries: OnceCell::new(),
            role_holders: RefCell::new(HashMap::default()),
            phrase_memo: PhraseMemo::default(),
            last: None,
            carried: None,
            carried_lead_in: false,
            marks: None,
            roles: HashMap::default(),
        }
    }

    /// The lists of this document's context that hold no borrowed text, for the next one.
    pub(crate) fn into_buffers(self) -> ContextBuffers {
        ContextBuffers {
            mentions: self.mentions,
            unit_roles: self.unit_roles,
            ends: self.ends,
            bounds: self.bounds,
        }
    }

    /// Passes over a paragraph that holds neither a quote nor a cue, as attributing it would:
    /// it introduces no one for the paragraph after it.
    pub(crate) fn skip_paragraph(&mut self) {
        self.clear_sentence_ends();
        self.carried = None;
    }

    /// The text of one token.
    pub(super) fn word(&self, t: &Tok) -> &'a str {
        &self.text[t.s()..t.e()]
    }

    /// The bytes of one token: for byte tests, which need no check that the token starts and
    /// ends on character boundaries (it does).
    pub(super) fn word_bytes(&self, t: &Tok) -> &'a [u8] {
        &self.text.as_bytes()[t.s()..t.e()]
    }

    /// The text of tokens `a..b`, from the first one's start to the last one's end.
    pub(super) fn span(&self, toks: &[Tok], a: usize, b: usize) -> &'a str {
        &self.text[toks[a].s()..toks[b - 1].e()]
    }

    /// What the mention starting at `t` stands for, read only when it stands for something of
    /// a kind in `kinds` (`mention::kind` bits; nothing otherwise, and nothing when no mention
    /// starts there): the token's kinds answer most tokens without reading the payloads.
    pub(super) fn payloads(&self, t: &Tok, kinds: u8) -> impl Iterator<Item = Payload> + Clone + '_ {
        t.mention
            .filter(|_| t.stands_for(kinds))
            .into_iter()
            .flat_map(move |(m, _)| self.matcher.payloads(&self.mentions[m as usize], self.text))
    }

    /// Whether any token of a paragraph is a cue.
    pub(crate) fn has_cue(&self, toks: &[Tok]) -> bool {
        toks.iter().any(|t| self.cue_of(t).is_some())
    }

    /// The cue the token's mention stands for, if it stands for one. Inlined: most tokens
    /// stand for none, which the token's kinds tell at once.
    #[inline]
    pub(super) fn cue_of(&self, t: &Tok) -> Option<u32> {
        if !t.stands_for(kind::CUE) {
            return None;
        }
        self.payloads(t, kind::CUE).find_map(|p| if let Payload::Cue(c) = p { Some(c) } else { None })
    }

    /// A word whose first character is upper case (found when the word was read).
    #[inline]
    pub(super) fn is_capitalized(&self, t: &Tok) -> bool {
        t.capitalized
    }

    /// Computes after which tokens of a paragraph a sentence ends, before its names are read;
    /// the sentence bounds `sentence` reads are computed only for a paragraph attributed
    /// (`prepare_sentences`): until then it reads the ends.
    pub(super) fn find_sentence_ends(&mut self, toks: &[Tok]) {
        // One buffer for every paragraph.
        let mut ends = std::mem::take(&mut self.ends);
        ends.clear();
        let starts =
            |n: Option<&Tok>| n.is_none_or(|n| self.is_capitalized(n) || matches!(n.kind, TokKind::Quote(_)));
        ends.extend((0..toks.len()).map(|k| match toks[k].kind {
            TokKind::Punct('.' | '?' | '!') => starts(toks.get(k + 1)),
            TokKind::Quote(_) => {
                let inner = self
                    .word(&toks[k])
                    .trim_end_matches(|c: char| !is_word_char(c) && !matches!(c, '.' | '?' | '!'));
                inner.ends_with(['.', '?', '!']) && toks.get(k + 1).is_some_and(|n| starts(Some(n)))
            }
            _ => false,
        }));
        self.ends = ends;
        self.bounds.clear();
    }

    /// Readies the sentences of a paragraph to attribute: its sentence ends, taken from
    /// `ends` when the first pass kept them (`sentence_ends`), else found again, and each
    /// token's sentence bounds.
    pub(super) fn prepare_sentences(&mut self, toks: &[Tok], ends: Option<&[bool]>) {
        match ends {
            Some(ends) => {
                self.ends.clear();
                self.ends.extend_from_slice(ends);
            }
            None => self.find_sentence_ends(toks),
        }
        self.find_sentence_bounds();
    }

    /// After which tokens of the paragraph read last a sentence ends.
    pub(crate) fn sentence_ends(&self) -> &[bool] {
        &self.ends
    }

    /// Each token's sentence, from the sentence ends.
    fn find_sentence_bounds(&mut self) {
        let mut bounds = std::mem::take(&mut self.bounds);
        bounds.clear();
        bounds.resize(self.ends.len(), (0, 0));
        let mut start = 0;
        for (b, (k, &end)) in bounds.iter_mut().zip(self.ends.iter().enumerate()) {
            b.0 = start as u32;
            if end {
                start = k + 1;
            }
        }
        let mut next = self.ends.len();
        for (b, (k, &end)) in bounds.iter_mut().zip(self.ends.iter().enumerate()).rev() {
            if end {
                next = k;
            }
            b.1 = next as u32;
        }
        self.bounds = bounds;
    }

    /// Forgets the sentence ends of the paragraph before (a paragraph with nothing to read).
    pub(super) fn clear_sentence_ends(&mut self) {
        self.ends.clear();
        self.bounds.clear();
    }

    /// Sentence boundaries: index of the first token of the sentence containing `i`, and one
    /// past its last token. `find_sentence_ends` must have been called for this paragraph.
    pub(super) fn sentence(&self, toks: &[Tok], i: usize) -> (usize, usize) {
        if self.ends.len() == toks.len() && u32::try_from(toks.len()).is_ok() {
            if let Some(&(start, end)) = self.bounds.get(i) {
                let s = (start as usize).max(i.saturating_sub(SENTENCE_WINDOW));
                let e = (end as usize).min(i + SENTENCE_WINDOW);
                return (s, (e + 1).min(toks.len()));
            }
        }
        let ends_after = |k: usize| self.ends.get(k).copied().unwrap_or(false);
        // Bounded, so that a paragraph with no sentence ends costs the same per quote as any other.
        let mut s = i;
        while s > 0 && i - s < SENTENCE_WINDOW && !ends_after(s - 1) {
            s -= 1;
        }
        let mut e = i;
        while e < toks.len() && e - i < SENTENCE_WINDOW && !ends_after(e) {
            e += 1;
        }
        (s, (e + 1).min(toks.len()))
    }

    /// The token's classes in the lexicon (`Lexicon::classes_in`), looked up all at once on first
    /// use and kept in `Tok::classes`: the rules ask the same token the same questions many
    /// times, and a question asked again reads neither the table nor the token's text.
    ///
    /// Inlined where asked (most questions are asked again); the lookup itself is not.
    #[inline]
    fn classes(&self, t: &Tok) -> Classes {
        let c = t.classes.get();
        if c != 0 {
            return Classes(c);
        }
        self.look_up_classes(t)
    }

    /// [`Self::classes`] asked for the first time: looked up and kept.
    #[inline(never)]
    fn look_up_classes(&self, t: &Tok) -> Classes {
        let c = self.lexicon.classes_in(self.text, t.s(), t.e());
        t.classes.set(c.0);
        c
    }

    /// The role class of the token's word (`Lexicon::role_word`).
    pub(super) fn role_of(&self, t: &Tok) -> Option<RoleWord> {
        self.classes(t).role()
    }

    /// Whether word `t` may be a pronoun, answered without the class table
    /// ([`Lexicon::may_be_pronoun`]), from the text around it.
    #[inline]
    pub(super) fn may_be_pronoun(&self, t: &Tok) -> bool {
        self.lexicon.may_be_pronoun_at(self.text.as_bytes(), t.s(), t.e())
    }

    /// The pronoun class of the token's word (`Lexicon::pronoun`).
    #[inline]
    pub(super) fn pronoun_of(&self, t: &Tok) -> Option<PronounKind> {
        // Most words are answered without the class table: for an ASCII word the answer is
        // exact, and only a pronoun goes on to the table for its kind.
        if !self.may_be_pronoun(t) {
            return None;
        }
        self.classes(t).pronoun()
    }

    /// Whether the token's word, as written, is a stop word.
    pub(super) fn in_stopwords(&self, t: &Tok) -> bool {
        self.classes(t).has(STOPWORD)
    }

    /// Whether the token's word, as written, is a name particle ("van", "de").
    pub(super) fn in_particles(&self, t: &Tok) -> bool {
        // Most words are answered by their first byte and length: a name run's reader asks it
        // of the word after every capitalised word.
        self.lexicon.may_be_particle(self.word_bytes(t)) && self.classes(t).has(PARTICLE)
    }

    /// Whether the token's word, in lower case, is a determiner.
    pub(super) fn in_determiners(&self, t: &Tok) -> bool {
        self.classes(t).has(DETERMINER)
    }

    /// Whether the token's word is an adverb: in the list, or a lower-case word in "-ly".
    pub(super) fn in_adverbs(&self, t: &Tok) -> bool {
        self.classes(t).has(ADVERB)
    }

    /// Whether the token's word, in lower case, opens a clause that is no apposition.
    pub(super) fn is_clause_opener(&self, t: &Tok) -> bool {
        self.classes(t).has(CLAUSE_OPENER)
    }

    /// Whether the token's word, as written, is never part of a name (days, months).
    pub(super) fn is_never_name(&self, t: &Tok) -> bool {
        self.classes(t).has(NEVER_NAME)
    }

    /// Whether the token's word, in lower case, does `f` (`data/function_words.csv`).
    pub(super) fn does(&self, t: &Tok, f: Function) -> bool {
        self.classes(t).functions() & f.bit() != 0
    }

    /// The word in lower case, borrowed when it already is (most function words are), else on
    /// the stack when short and ASCII.
    pub(super) fn lower(&self, t: &Tok) -> Lower<'a> {
        let w = self.word(t);
        if !w.is_ascii() {
            Lower::Owned(w.to_lowercase())
        } else if !w.bytes().any(|b| b.is_ascii_uppercase()) {
            Lower::Borrowed(w)
        } else if w.len() <= LOWER_INLINE {
            let mut buf = [0u8; LOWER_INLINE];
            buf[..w.len()].copy_from_slice(w.as_bytes());
            buf[..w.len()].make_ascii_lowercase();
            Lower::Inline(buf, w.len() as u8)
        } else {
            Lower::Owned(w.to_ascii_lowercase())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ids filed under a word come back in the order filed, the first alone without a list.
    #[test]
    fn unit_ids_keep_the_order_they_were_filed_in() {
        let mut index: HashMap<&str, UnitIds> = HashMap::default();
        UnitIds::file(&mut index, "Roe", 3);
        assert!(matches!(index["Roe"], UnitIds::One([3])));
        for id in [7, 9] {
            UnitIds::file(&mut index, "Roe", id);
        }
        UnitIds::file(&mut index, "Lee", 8);
        assert_eq!(&*index["Roe"], &[3, 7, 9]);
        assert_eq!(&*index["Lee"], &[8]);
        assert!(!index.contains_key("Okafor"));
    }
}
