//! Rules that take a speaker with no cue: a name labelling the quote, the subject of a
//! sentence that quotes a piece or introduces a quote with a colon, a name before a verb no
//! list holds. Each trusts only a phrase that passes one gate, [`DocContext::named_person`].

use super::cues::CUE_AFTER;
use super::phrase::Np;
use std::borrow::Cow;

use super::resolve::Found;
use super::{Attribution, DocContext, Tok, TokKind};
use crate::lexicon::Function;
use crate::record::Method;

/// Confidence of a speaker's name labelling a quote with a colon or a dash, with no cue.
const LABELLED: f32 = 0.8;
/// Confidence of the subject of a sentence with a quoted piece and no cue (rule 6).
const SENTENCE_SUBJECT: f32 = 0.5;
/// The most tokens of an opener before the subject ("In response to the loss of life, Roe …").
const OPENER_TOKENS: usize = 12;
/// Confidence of the owner of a noun of speech that a quoted piece completes.
const SPEECH_NOUN: f32 = 0.75;
/// The most words from a noun of speech to the quoted piece it introduces ("call for a").
const SPEECH_NOUN_GAP: usize = 4;
/// How much less a verb no list holds is trusted than a cue ("“…,” Roe shot back").
const UNLISTED_VERB: f32 = 0.8;

impl<'a> DocContext<'a> {
    /// The gate of every rule that takes a speaker without a cue (and of a description before
    /// a name after one): the phrase read as a person the article names in full or the
    /// gazetteer knows, never a lone capitalised word or words in capitals.
    pub(super) fn named_person(&mut self, toks: &[Tok], np: Np, pos: usize) -> Option<Found<'a>> {
        self.interpret(toks, np, pos).filter(names_a_person)
    }

    /// "Roe’s call for a “deportation force”", "his promise of “free parking”": a quoted piece
    /// that completes a noun of speech owned by a person is that person's words, whoever the
    /// sentence's subject is.
    pub(super) fn speech_noun_owner(
        &mut self,
        toks: &[Tok],
        qi: usize,
        ss: usize,
    ) -> Option<Attribution<'a>> {
        let lo = qi.saturating_sub(SPEECH_NOUN_GAP + 1).max(ss + 1);
        let n = (lo..qi)
            .rev()
            .take_while(|&k| toks[k].kind == TokKind::Word && !self.is_capitalized(&toks[k]))
            .find(|&k| self.lexicon.speech_nouns.contains(&*self.lower(&toks[k])))?;
        // The noun takes the quote as its complement ("call for a", "promise of", "claim that"),
        // not as what the sentence says of it ("his comments were “hurtful”").
        let complement = toks.get(n + 1).is_some_and(|t| self.does(t, Function::Complement));
        if !complement || !(n + 2..qi).all(|k| self.is_determiner(&toks[k])) {
            return None;
        }
        let pos = toks[n].s();
        let owner = &toks[n - 1];
        let found = if owner.kind == TokKind::Possessive {
            let np = self.np_left(toks, n - 1, ss)?;
            self.named_person(toks, np, pos)?
        } else {
            let &kind = self.lexicon.possessives.get(&*self.lower(owner))?;
            let speaker = self.resolve_pronoun(kind, pos)?;
            Found::new(speaker, Method::Pronoun, Cow::Borrowed(self.word(owner)), Cow::Borrowed(""))
        };
        let cue = Cow::Owned(self.lower(&toks[n]).to_string());
        Some(self.finish_as(found, cue, pos, SPEECH_NOUN))
    }

    /// A quote labelled with its speaker's name, with no cue: "Ann Roe: “…”" (the name opening
    /// its sentence) or "“…” ― Ann Roe" (the name ending its paragraph). Only a person the
    /// article names in full or the gazetteer knows: "The letter reads as follows: “…”" names
    /// no one.
    pub(super) fn labelled(
        &mut self,
        toks: &[Tok],
        qi: usize,
        ss: usize,
        pos: usize,
    ) -> Option<Attribution<'a>> {
        let np = if qi > ss && toks[qi - 1].kind == TokKind::Punct(':') {
            let (np, _) = self.subject_left(toks, qi - 1, ss)?;
            (np.a == ss).then_some(np)?
        } else {
            toks.get(qi + 1).filter(|t| matches!(t.kind, TokKind::Punct('―' | '—' | '–')))?;
            let np = self.np_right(toks, qi + 2, toks.len())?;
            (np.b == toks.len()).then_some(np)?
        };
        let found = self.named_person(toks, np, pos)?;
        Some(self.finish_as(found, Cow::Borrowed(""), toks[np.a].s(), LABELLED))
    }

    /// The subject of the sentence that holds a quote with no cue: a person named by the first
    /// phrase of the sentence (or after an opener's comma), for a quoted piece of a few words
    /// at least (shorter ones are mostly the writer's scare quotes).
    pub(super) fn sentence_subject(
        &mut self,
        toks: &[Tok],
        qi: usize,
        ss: usize,
        pos: usize,
        only_name: bool,
    ) -> Option<Attribution<'a>> {
        let mut i = ss;
        // "On Monday, Roe …": skip an opener up to its comma.
        if let Some(c) = (ss..qi.min(ss + OPENER_TOKENS)).find(|&k| toks[k].kind == TokKind::Punct(',')) {
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
        let found = self.named_person(toks, np, pos)?;
        Some(self.finish_as(found, Cow::Borrowed(""), toks[np.a].s(), SENTENCE_SUBJECT))
    }

    /// "“…,” Bennett shot back": a quote that ends on a comma (or a question or exclamation
    /// mark), then a person's name opening the rest of the sentence and a word in lower case,
    /// a verb no cue list holds. The person is the speaker, trusted less.
    pub(super) fn unlisted_verb_after(
        &mut self,
        toks: &[Tok],
        qi: usize,
        se: usize,
        pos: usize,
    ) -> Option<Attribution<'a>> {
        let inner = self.word(&toks[qi]).trim_end_matches(['”', '"', '’', '\'', ' ']);
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
        let found = self.named_person(toks, np, pos)?;
        let cue = Cow::Borrowed(self.word(verb));
        Some(self.finish_as(found, cue, verb.s(), CUE_AFTER * UNLISTED_VERB))
    }
}

/// Whether a paragraph's tokens end with a colon ("… issued the following statement:").
pub(super) fn ends_with_colon(toks: &[Tok]) -> bool {
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
