//! Who is who in an article: which name units are people (names no list knows, surnames of
//! earlier full names, words after a title), which are not (places, months, sentence openers),
//! and which person of a sentence is its subject, for pronouns.

use super::names::{unit_start, NameUnit};
use super::{DocContext, Tok, TokKind};
use crate::gazetteer::Gender;
use crate::lexicon::{Function, PronounKind};

/// Where `scan_names` is in a paragraph: tokens whose sentence ends are counted, and whether the
/// current sentence has had its first name yet.
/// How many names of one sentence a pronoun looks back over for its subject at most.
const SENTENCE_UNITS: usize = 64;

/// A name unit's place in its sentence.
#[derive(Clone, Copy)]
pub(crate) struct UnitRole {
    /// The number of its sentence in the document.
    pub(super) sentence: u32,
    /// Whether it is that sentence's subject.
    pub(super) subject: bool,
    /// Whether it owns a possessive ("Roe’s").
    pub(super) owned: bool,
}

pub(super) struct SentenceScan {
    counted: usize,
    subject_seen: bool,
    /// Inside a clause that opens the sentence with a word like "while" or "after", up to its
    /// comma: no name there is the sentence's subject.
    opener: bool,
    /// The would-be subject so far owns a possessive ("Roe’s lawyer"): a name set off right
    /// after it ("Roe’s lawyer, Tom Lee, said"; "Roe’s lawyer Tom Lee said") is the subject.
    owner: bool,
}

impl<'a> DocContext<'a> {
    /// A capitalised word that can open a sentence without being a name, on its own
    /// ("Nonetheless, …") or glued to one ("Besides Mia"): a common word that is not also a
    /// given name.
    pub(super) fn is_opener_not_name(&self, w: &str) -> bool {
        self.lexicon.is_common_word(w) && !self.lexicon.is_given_name(w)
    }

    /// Where the name in the capitalised run `[i, j)` starts: after a place that opens it ("North
    /// Dakota Ann Roe"), and in a long run at its first given name when a word before that is
    /// not name-like ("Getty Images Kevin Vickers", "Political Affairs Victoria Nuland"; but
    /// "Farouk Ali Haddad" stays whole).
    pub(super) fn name_start(&self, toks: &[Tok], i: usize, j: usize) -> usize {
        let after_place = (i + 1..j.min(i + 4)).rev().find(|&k| {
            // "Jerome Powell" is not the town of Jerome: a one-word place that is also a
            // given name stays a name.
            self.lexicon.is_place(self.span(toks, i, k))
                && self.lexicon.is_given_name(self.word(&toks[k]))
                && !(k == i + 1 && self.lexicon.is_given_name(self.word(&toks[i])))
        });
        if let Some(k) = after_place {
            return k;
        }
        if j - i > 2 {
            if let Some(g) = (i..j - 1).find(|&x| self.lexicon.is_given_name(self.word(&toks[x]))) {
                if (i..g).any(|x| !self.is_name_like(self.word(&toks[x]))) {
                    return g;
                }
            }
        }
        i
    }

    /// A word that can be part of a person's name: not a common word, nor one hyphenated with a
    /// lower-case common word ("Sergeant-at-Arms").
    fn is_name_like(&self, w: &str) -> bool {
        !self.lexicon.is_common_word(w)
            && !w.split('-').any(|p| p.chars().all(char::is_lowercase) && self.lexicon.is_common_word(p))
    }

    /// Words of a name no list knows ("Amara Okafor"): each capitalised, in mixed case, and
    /// neither a common word nor a month; the first is not a place.
    pub(super) fn unknown_name(&self, words: &[&str]) -> bool {
        !words.first().is_some_and(|w| self.lexicon.is_place(w))
            && words.iter().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().any(char::is_lowercase)
                    && !w.chars().any(|c| c.is_ascii_digit())
                    && !self.lexicon.is_common_word(w)
                    && !self.lexicon.never_names.contains(*w)
            })
    }

    /// A single word that ends a full name earlier in the article ("Okafor" after "Amara
    /// Okafor") is that person, with that person's gender; one after a capitalised title
    /// ("Justice Roe") is a person of unknown gender.
    pub(super) fn as_known_person(&self, u: &mut NameUnit, toks: &[Tok], i: usize) {
        let earlier = self.by_surname.get(u.last).and_then(|l| {
            l.iter().rev().map(|&x| &self.units[x]).find(|x| x.at < u.at && x.person && x.entry.is_none())
        });
        if let Some(full) = earlier {
            u.person = true;
            // The article's person, not a given name the word also is ("Baxter" of "Moyra Baxter").
            u.gender = full.gender;
        } else if i > 0 && self.is_capitalized(&toks[i - 1]) && self.is_role_noun(&toks[i - 1]) {
            u.person = true;
        }
    }

    /// Starts a paragraph's scan: a paragraph starts a sentence.
    pub(super) fn sentence_starts(&mut self, _toks: &[Tok]) -> SentenceScan {
        self.sentences += 1;
        SentenceScan { counted: 0, subject_seen: false, opener: false, owner: false }
    }

    /// Counts the sentence ends before token `i` of the paragraph being scanned, and notes
    /// whether token `i` lies in a clause that opens its sentence ("While …, ").
    fn advance(&mut self, toks: &[Tok], i: usize, s: &mut SentenceScan) {
        while s.counted <= i {
            let k = s.counted;
            if k > 0 && self.ends[k - 1] {
                self.sentences += 1;
                s.subject_seen = false;
                s.opener = false;
                s.owner = false;
            }
            let t = &toks[k];
            if k == 0 || self.ends[k - 1] {
                s.opener = t.kind == TokKind::Word && self.is_clause_opener(t);
            } else if t.kind == TokKind::Punct(',') {
                s.opener = false;
            }
            s.counted += 1;
        }
    }

    /// Whether token `i` follows a preposition or a conjunction that makes what follows it
    /// no subject.
    pub(super) fn after_preposition(&self, toks: &[Tok], i: usize) -> bool {
        i.checked_sub(1)
            .is_some_and(|p| toks[p].kind == TokKind::Word && self.does(&toks[p], Function::Preposition))
    }

    /// For the unit at tokens `[i, next)`: the number of its sentence, whether it is the
    /// subject (the sentence's first name, or a name set off right after a first name that owns
    /// a possessive; not after a preposition and not owning a possessive itself), and whether it
    /// owns one.
    /// `find_sentence_ends` must have been called for this paragraph.
    pub(super) fn sentence_role(
        &mut self,
        toks: &[Tok],
        i: usize,
        next: usize,
        u: &NameUnit,
        s: &mut SentenceScan,
    ) -> UnitRole {
        self.advance(toks, i, s);
        let owned = toks.get(next).is_some_and(|t| t.kind == TokKind::Possessive);
        let apposed = s.owner
            && i.checked_sub(1)
                .is_some_and(|p| toks[p].kind == TokKind::Punct(',') || self.is_role_noun(&toks[p]));
        let open = !s.subject_seen || apposed;
        let subject = open && !s.opener && !self.after_preposition(toks, i) && !owned;
        // A capitalised opener that names no one ("Given …", "Still, …") leaves the subject to
        // the first person or full name after it.
        if (u.person || u.full || u.entry.is_some()) && !s.opener {
            s.owner = open && owned;
            s.subject_seen = true;
        }
        UnitRole { sentence: self.sentences, subject, owned }
    }

    /// "He" or "she" as the subject of a sentence ("Roe spoke. Still, he denied Lee’s request.
    /// “…,” he said"): the person it stands for, as a unit at the pronoun, so that the next
    /// pronoun finds that person as the subject of the sentence before it.
    pub(super) fn pronoun_subject(
        &mut self,
        toks: &[Tok],
        i: usize,
        s: &mut SentenceScan,
    ) -> Option<NameUnit<'a>> {
        let t = &toks[i];
        if t.kind != TokKind::Word || t.inside {
            return None;
        }
        let kind = self.pronoun_of(t)?;
        if !matches!(kind, PronounKind::Male | PronounKind::Female) {
            return None;
        }
        self.advance(toks, i, s);
        // Opening its sentence or after an opener's comma ("Still, he …"), not "whom she …".
        // Or the subject of a cue ("It's something she said …").
        let opens = i == 0
            || self.ends[i - 1]
            || toks[i - 1].kind == TokKind::Punct(',')
            || toks.get(i + 1).is_some_and(|n| self.cue_of(n).is_some());
        if s.subject_seen || !opens {
            return None;
        }
        s.subject_seen = true;
        s.owner = false;
        let target = self.pronoun_target(kind, t.s())?;
        let gender = if kind == PronounKind::Male { Gender::Male } else { Gender::Female };
        Some(NameUnit { at: t.s(), gender, ..target.clone() })
    }

    /// A line that sends the reader elsewhere ("WATCH: …", "READ MORE: …"): a word in capitals
    /// and a colon, then a headline with no closing period. Its names are no one's antecedents
    /// and its quotes no one's speech.
    pub(super) fn is_promo(&self, toks: &[Tok]) -> bool {
        let caps = toks
            .iter()
            .take_while(|t| {
                t.kind == TokKind::Word && {
                    let w = self.word(t);
                    w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase())
                }
            })
            .count();
        caps > 0
            && caps <= 3
            && toks.get(caps).is_some_and(|t| t.kind == TokKind::Punct(':'))
            && !toks.last().is_some_and(|t| matches!(t.kind, TokKind::Punct('.' | '!' | '?')))
    }

    /// A surname alone that is also a common word ("the Green signs"), with no honorific, no
    /// title before it and no full name earlier in the article: the gazetteer's person of that
    /// surname is not named here, and no pronoun stands for them.
    pub(super) fn confirm_surname(&self, u: &mut NameUnit, toks: &[Tok], i: usize) {
        let before = i.checked_sub(1).map(|p| &toks[p]);
        let introduced =
            before.is_some_and(|p| {
                self.honorific_gender(p).is_some() || self.is_capitalized(p) && self.is_role_noun(p)
            }) || self.by_surname.get(u.last).is_some_and(|l| l.iter().any(|&x| self.units[x].at < u.at));
        if !introduced && self.lexicon.is_common_word(u.last) {
            u.person = false;
        }
    }

    /// The unit a pronoun takes when unit `k` is the latest that fits: the subject of `k`'s
    /// sentence when that fits too ("Ann Roe praised Tom Lee’s plan. “…,” she said" is Ann Roe,
    /// whatever their genders), else `k`. When `k` owns a possessive in a sentence with no subject
    /// that fits, the owner that opens it ("Roe’s name stands beside Park’s photo. “…,” she
    /// said" is Ann Roe).
    pub(super) fn salient(&self, k: usize, fits: impl Fn(&NameUnit) -> bool) -> usize {
        let first = self.sentence_first(k, self.unit_roles[k].sentence);
        let mut fitting = (first..=k).filter(|&y| fits(&self.units[y])).peekable();
        let opener =
            fitting.peek().copied().filter(|&y| self.unit_roles[y].owned && self.unit_roles[k].owned);
        fitting.find(|&y| self.unit_roles[y].subject).or(opener).unwrap_or(k)
    }

    /// The first unit of sentence `sentence`, which unit `k` belongs to.
    fn sentence_first(&self, k: usize, sentence: u32) -> usize {
        // Bounded, so that a text with no sentence ends costs the same per pronoun as any other.
        (0..k)
            .rev()
            .take(SENTENCE_UNITS)
            .take_while(|&y| self.unit_roles[y].sentence == sentence)
            .last()
            .unwrap_or(k)
    }

    /// The person's name that ends tokens `[a, b)` right after a role noun ("… of Leeds
    /// scientist Ann Roe"), with its tokens.
    pub(super) fn person_after_role(
        &self,
        toks: &[Tok],
        a: usize,
        b: usize,
    ) -> Option<(NameUnit<'a>, usize, usize)> {
        let mut last = None;
        let mut i = a;
        while i < b {
            match self.unit_at(toks, i).filter(|(_, end)| *end <= b) {
                Some((u, end)) => {
                    let ua = unit_start(toks, i, end, &u);
                    last = Some((u, ua, end));
                    i = end;
                }
                None => i += 1,
            }
        }
        let (u, ua, ub) = last?;
        let person = u.person && (u.full || u.entry.is_some());
        (person && ub == b && ua > a && self.is_role_noun(&toks[ua - 1])).then_some((u, ua, ub))
    }
}
