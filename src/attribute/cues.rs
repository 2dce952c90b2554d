//! Cue rules: the speaker a cue names, before or after the quote ("said X", "X told",
//! "according to X"), or the clause's subject when the cue's own is elided.

use std::borrow::Cow;

use super::resolve::Found;
use super::{Attribution, DocContext, Tok, TokKind};
use crate::lexicon::{CueClass, Function};
use crate::record::Method;

/// Confidence of a speaker named next to a cue right after the quote (rule 1).
pub(super) const CUE_AFTER: f32 = 0.95;
/// Confidence of the subject of a cue before the quote (rule 2).
const CUE_BEFORE: f32 = 0.9;
/// Confidence of the phrase after a cue before the quote: "according to X", "said X: “…”".
const CUE_BEFORE_INVERTED: f32 = 0.85;
/// The most tokens of a wire dateline before its dash ("WASHINGTON, Jan. 5 (AP) —").
const DATELINE_TOKENS: usize = 14;
/// Confidence of the first speaker-like phrase of a clause whose subject is elided.
const CLAUSE_SUBJECT: f32 = 0.7;
/// Factor for a distant subject with nothing marking the elision.
const UNMARKED_SUBJECT: f32 = 0.8;
/// The most words of a description in lower case before a name ("said oil and gas worker X").
const DESCRIPTION_WORDS: usize = 6;
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

impl<'a> DocContext<'a> {
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
            && !self.does(p, Function::ClauseLink)
    }

    /// A description in lower case, then a person's name, after an inverted cue: "said oil and
    /// gas worker Ann Roe", where the phrase reader stops at "and". The description is the role.
    pub(super) fn described_name(
        &mut self,
        toks: &[Tok],
        a: usize,
        se: usize,
        pos: usize,
    ) -> Option<Found<'a>> {
        let m = (a..se.min(a + DESCRIPTION_WORDS + 1))
            .find(|&k| toks[k].kind != TokKind::Word || self.is_capitalized(&toks[k]))?;
        let plain = |k: usize| self.cue_of(&toks[k]).is_none() && self.pronoun_of(&toks[k]).is_none();
        if m == a || toks[m].kind != TokKind::Word || !(a..m).all(plain) {
            return None;
        }
        self.person_described(toks, a, m, se, pos)
    }

    /// The person whose name starts at token `m`, with the words `[a, m)` before it as role.
    fn person_described(
        &mut self,
        toks: &[Tok],
        a: usize,
        m: usize,
        se: usize,
        pos: usize,
    ) -> Option<Found<'a>> {
        let np = self.np_right(toks, m, se)?;
        let found = self.named_person(toks, np, pos)?;
        let description = self.span(toks, a, m);
        let role = if found.role.is_empty() {
            description.to_string()
        } else {
            format!("{description} {}", found.role)
        };
        Some(Found { role: role.into(), bare_title: false, ..found })
    }

    /// Words of an organisation and a role noun, then a person's name, after an inverted cue:
    /// "says Heart and Stroke senior manager Ann Roe". The words before the name are the role.
    fn titled_name(&mut self, toks: &[Tok], a: usize, se: usize, pos: usize) -> Option<Found<'a>> {
        let plain = |k: &usize| {
            toks[*k].kind == TokKind::Word
                && self.cue_of(&toks[*k]).is_none()
                && self.pronoun_of(&toks[*k]).is_none()
        };
        let r = (a..se.min(a + DESCRIPTION_WORDS + 4)).take_while(plain).find(|&k| {
            self.is_role_noun(&toks[k])
                && toks.get(k + 1).is_some_and(|t| k + 1 < se && self.is_capitalized(t))
        })?;
        self.person_described(toks, a, r + 1, se, pos)
    }

    /// The nearest cue before the quote in its sentence that yields a speaker.
    pub(super) fn cue_before(
        &mut self,
        toks: &[Tok],
        qi: usize,
        ss: usize,
        se: usize,
        pos: usize,
    ) -> Option<Attribution<'a>> {
        let cues = (ss..qi).rev().filter_map(|k| Some((k, self.cue_of(&toks[k])?)));
        // Found first, then tried (trying one reads and writes the context): held in place.
        let mut tried = [(0, 0); CUES_TRIED];
        let mut n = 0;
        for cue in cues.filter(|&(k, c)| !self.noun_like_cue(toks, k, c, ss)).take(CUES_TRIED) {
            tried[n] = cue;
            n += 1;
        }
        tried[..n].iter().find_map(|&(k, c)| self.speaker_of_cue(toks, k, c, ss, se, pos))
    }

    /// A cue after the quote: adjacent (`“…,” X said`) or anywhere later in the sentence.
    pub(super) fn cue_after(
        &mut self,
        toks: &[Tok],
        qi: usize,
        se: usize,
        adjacent: bool,
    ) -> Option<Attribution<'a>> {
        let mut j = qi + 1;
        // A quote that ends its sentence on a question or exclamation mark ("“Why?” Roe asked")
        // still has its cue in the sentence after it; one that ends on a period does not.
        let period = || self.word(&toks[qi]).trim_end_matches(['”', '"', '’', '\'', ' ']).ends_with('.');
        let se = if adjacent && se == qi + 1 && qi + 1 < toks.len() && !period() {
            self.sentence(toks, qi + 1).1
        } else {
            se
        };
        // Punctuation between the quote and its cue, and a stray mark left where nested quotes
        // close together (''… 'old-school,''' said X).
        while j < se && matches!(toks[j].kind, TokKind::Punct(',' | '—' | '–' | '-' | ':' | '\'' | '’'))
        {
            j += 1;
        }
        if j >= se {
            return None;
        }
        let pos = toks[qi].s();
        if adjacent {
            // "said X" / "according to X"
            if let Some(c) = self.cue_of(&toks[j]) {
                let after = toks[j].mention.map(|m| m.1 as usize).unwrap_or(j + 1);
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
                // "“…,” scolded Ann Roe.": after a quote its comma closes, a transitive verb has
                // its speaker after it when only the name follows, to a comma or the sentence end.
                let inverted = class == CueClass::Transitive
                    && self.word(&toks[qi]).trim_end_matches(['”', '"', '’', '\'', ' ']).ends_with(',');
                if matches!(class, CueClass::Finite | CueClass::According) || inverted {
                    let np = self
                        .np_right(toks, after, se)
                        .filter(|np| !inverted || np.b + 1 >= se || toks[np.b].kind == TokKind::Punct(','));
                    if let Some(np) = np {
                        // "says Heart and Stroke senior manager Ann Roe": the reader stopped at
                        // "and" in an organisation's name; the person is after its role noun.
                        let cut = np.b == np.a + 1
                            && toks.get(np.b).is_some_and(|t| self.does(t, Function::NameLink));
                        if let Some(found) = self.titled_name(toks, after, se, pos).filter(|_| cut) {
                            return Some(self.finish(found, c, toks[j].s(), CUE_AFTER));
                        }
                        if let Some(found) = self.interpret(toks, np, pos) {
                            let appo = self.apposition_after(toks, np.b, se);
                            let found = found.with_apposition(appo.into());
                            return Some(self.finish(found, c, toks[j].s(), CUE_AFTER));
                        }
                    }
                    if class == CueClass::Finite {
                        if let Some(found) = self.described_name(toks, after, se, pos) {
                            return Some(self.finish(found, c, toks[j].s(), CUE_AFTER));
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
                    let found = self.interpret(toks, np, pos)?.with_apposition(appo.into());
                    return Some(self.finish(found, c, toks[k].s(), CUE_AFTER));
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
    ) -> Option<Attribution<'a>> {
        let class = self.matcher.cue_class(c);
        let after = toks[k].mention.map(|m| m.1 as usize).unwrap_or(k + 1);
        match class {
            CueClass::According => {
                let np = self.np_right(toks, after, se)?;
                let found = self.interpret(toks, np, pos)?;
                Some(self.finish(found, c, toks[k].s(), CUE_BEFORE_INVERTED))
            }
            CueClass::Finite | CueClass::Transitive | CueClass::Quoted => {
                if let Some((np, appo)) = self.subject_left(toks, k, ss) {
                    if let Some(found) = self.interpret(toks, np, pos) {
                        let found = found.with_apposition(appo.into());
                        return Some(self.finish(found, c, toks[k].s(), CUE_BEFORE));
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
                            return Some(self.finish(found, c, toks[k].s(), CUE_BEFORE_INVERTED));
                        }
                    }
                }
                // An elided subject ("… and added", "…, then warned") or a distant one: the
                // clause's first speaker-like phrase, trusted less when nothing marks elision.
                let elided = k > ss && {
                    let p = &toks[k - 1];
                    matches!(p.kind, TokKind::Punct(',')) || self.does(p, Function::Elision)
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
                    if np.a > ss && self.does(&toks[np.a - 1], Function::Absolute) {
                        if let Some(found) = self.interpret(toks, np, pos) {
                            return Some(self.finish(found, c, toks[k].s(), CUE_BEFORE));
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
    ) -> Option<Attribution<'a>> {
        // "X urged “…” and called for “…”": the subject of the earlier quote in this sentence.
        if let Some(last) = &self.last {
            if last.at >= toks[ss].s() && last.at < toks[k].s() {
                let cue = Cow::Borrowed(self.matcher.cue_form(c));
                return Some(Attribution { cue, at: toks[k].s(), ..last.clone() });
            }
        }
        let mut i = self.after_dateline(toks, ss, k);
        let mut tried = 0;
        self.start_phrase_memo(toks, ss, pos);
        while i < k && tried < SUBJECT_PHRASES_TRIED {
            if matches!(toks[i].kind, TokKind::Quote(_)) {
                i += 1;
                continue;
            }
            // "At a rally in Dover, Ann Roe …, saying": no subject follows a preposition, nor
            // is any word of its object one ("at the State University of Ohio").
            if self.after_preposition(toks, i) {
                i = match self.np_right_memo(toks, i, k) {
                    (Some(np), _) => np.b.max(i + 1),
                    (None, _) => i + 1,
                };
                continue;
            }
            if let (Some(np), no_one) = self.np_right_memo(toks, i, k) {
                tried += 1;
                if !no_one {
                    // "At an event in Ames, Iowa, Roe …": a place is no clause's speaker.
                    let place =
                        |f: &Found| f.speaker.entry.is_none() && self.lexicon.is_place(&f.speaker.name);
                    if let Some(found) = self.interpret(toks, np, pos).filter(|f| !place(f)) {
                        return Some(self.finish(found, c, toks[k].s(), CLAUSE_SUBJECT));
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

    /// Where a sentence starts after a wire dateline ("PHILADELPHIA, July 25 (UPI) — The
    /// committee …"): after the dash that ends a run of capitalised words, numbers, commas and
    /// a parenthesis; else `ss`.
    fn after_dateline(&self, toks: &[Tok], ss: usize, k: usize) -> usize {
        let dash = (ss..k.min(ss + DATELINE_TOKENS))
            .take_while(|&i| match toks[i].kind {
                TokKind::Word => {
                    let w = self.word(&toks[i]);
                    self.is_capitalized(&toks[i]) || w.bytes().all(|b| b.is_ascii_digit())
                }
                TokKind::Punct(c) => matches!(c, ',' | '(' | ')' | '.' | '—' | '–'),
                _ => false,
            })
            .find(|&i| matches!(toks[i].kind, TokKind::Punct('—' | '–')));
        // Only a dateline in capitals ("PHILADELPHIA"), not a name before a dash.
        let shouted = |i: usize| {
            toks[i].kind == TokKind::Word && self.word(&toks[i]).chars().all(|c| !c.is_lowercase())
        };
        match dash {
            Some(d) if d > ss && shouted(ss) => d + 1,
            _ => ss,
        }
    }

    pub(super) fn finish(
        &mut self,
        found: Found<'a>,
        cue: u32,
        at: usize,
        confidence: f32,
    ) -> Attribution<'a> {
        self.finish_as(found, Cow::Borrowed(self.matcher.cue_form(cue)), at, confidence)
    }

    /// An attribution for a speaker found, with the cue as written (or empty).
    pub(super) fn finish_as(
        &mut self,
        found: Found<'a>,
        cue: Cow<'a, str>,
        at: usize,
        confidence: f32,
    ) -> Attribution<'a> {
        let Found { speaker: sp, method, mention, role, .. } = found;
        let role = trim_role(role);
        // An office title alone ("Sen.") gives way to a fuller role the person was given before.
        let fuller = |have: &str| !self.is_bare_title(have) && self.is_bare_title(&role);
        let role = match self.roles.get(&*sp.name) {
            Some(have) if role.is_empty() || fuller(have) => have.clone(),
            _ if role.is_empty() => role,
            _ => {
                self.remember_role(&sp.name, &role);
                role
            }
        };
        let confidence = match method {
            Method::Pronoun => confidence * BY_PRONOUN,
            Method::Role => confidence * BY_ROLE,
            Method::Surname => confidence * BY_SURNAME,
            _ => confidence,
        };
        Attribution { speaker: sp, method, cue, mention, role, confidence, at }
    }

    /// Keeps the role a person is first given, carried to their later mentions; an office title
    /// alone ("Sen.") gives way to the next other role. Both are copied only when kept, and
    /// then only if owned (most are spans of the text or of the gazetteer).
    // The `Cow`s themselves are kept (a clone of a borrowed one copies no text), not their text.
    #[allow(clippy::ptr_arg)]
    pub(super) fn remember_role(&mut self, name: &Cow<'a, str>, role: &Cow<'a, str>) {
        let l = self.lexicon;
        match self.roles.get_mut(&**name) {
            Some(have) if !l.is_office_form(have) || l.is_office_form(role) => {}
            Some(have) => *have = role.clone(),
            None => drop(self.roles.insert(name.clone(), role.clone())),
        }
    }

    /// The cue a token holds when it is a finite verb whose subject is the speaker: "said", or a
    /// transitive one ("told", "praised").
    pub(super) fn finite_cue(&self, t: &Tok) -> Option<u32> {
        self.cue_of(t)
            .filter(|&c| matches!(self.matcher.cue_class(c), CueClass::Finite | CueClass::Transitive))
    }
}

/// A role as written, without the spaces around it and a trailing comma; borrowed as it came,
/// and an owned one copied only when there is something to trim.
fn trim_role(role: Cow<'_, str>) -> Cow<'_, str> {
    match role {
        Cow::Borrowed(r) => Cow::Borrowed(r.trim().trim_end_matches(',')),
        Cow::Owned(r) => {
            let trimmed = r.trim().trim_end_matches(',');
            if trimmed.len() == r.len() {
                Cow::Owned(r)
            } else {
                Cow::Owned(trimmed.to_string())
            }
        }
    }
}
