//! Name units: the people and organisations an article names, indexed by surname for resolution.

use std::borrow::Cow;

use super::context::UnitIds;
use super::entities::UnitRole;
use super::tokens::{NAME_WORD, NOT_ASKED, NO_NAME_WORD};
use super::{DocContext, Tok, TokKind};
use crate::gazetteer::{EntityKind, Gender};
use crate::lexicon::RoleWord;
use crate::mention::{kind, Payload};

/// A name unit found in the text, for surname and pronoun resolution. Its words are borrowed
/// from the text or the gazetteer: reading a name allocates nothing.
#[derive(Debug, Clone)]
pub(super) struct NameUnit<'a> {
    pub(super) at: usize,
    /// The name as written, or the gazetteer's; owned only for a remembered speaker.
    pub(super) name: Cow<'a, str>,
    /// The surname ("" for a remembered speaker: it is a full name, whose surname is never
    /// looked up). A name run's first word is read from its tokens when it is indexed (see
    /// `scan_names`): a unit is kept for every name of the article, so it stays small.
    pub(super) last: &'a str,
    pub(super) entry: Option<u32>,
    pub(super) gender: Gender,
    pub(super) person: bool,
    /// Contains an organisation word ("Trump University"): never a person's full name.
    pub(super) org: bool,
    pub(super) full: bool,
}

/// The most words a name run not in the gazetteer takes: longer runs of capitalised words
/// (headings, lists) are cut, so reading a name costs the same whatever follows it.
const NAME_WORDS: usize = 12;

/// The token where a unit read from tokens `[i, end)` starts: `unit_at` may begin a long
/// capitalised run at its first given name ("Political Affairs Victoria Nuland").
pub(super) fn unit_start(toks: &[Tok], i: usize, end: usize, u: &NameUnit) -> usize {
    (i..end).find(|&x| toks[x].s() == u.at).unwrap_or(i)
}

impl<'a> NameUnit<'a> {
    /// A surname standing alone at byte `at`: a person, not yet a full name.
    fn surname(at: usize, word: &'a str, gender: Gender) -> NameUnit<'a> {
        NameUnit {
            at,
            name: Cow::Borrowed(word),
            last: word,
            entry: None,
            gender,
            person: true,
            org: false,
            full: false,
        }
    }
}

impl<'a> DocContext<'a> {
    /// A token that can be part of a person's or organisation's name. The answer is kept in the
    /// token (`Tok::name_word`): a run of names is read more than once (by the paragraph's scan
    /// for names, then by each rule that reads a phrase), each of its words asked each time.
    pub(super) fn is_name_word(&self, toks: &[Tok], i: usize) -> bool {
        let t = &toks[i];
        if t.kind != TokKind::Word || t.inside {
            return false;
        }
        // Most words are lower case and not particles: answer them before any lookup.
        let capitalized = self.is_capitalized(t);
        if !(capitalized || t.mention.is_some() || self.in_particles(t)) {
            return false;
        }
        match t.name_word.get() {
            NOT_ASKED => {}
            known => return known == NAME_WORD,
        }
        match self.name_word_by_lookup(toks, i) {
            Some(answer) => {
                t.name_word.set(if answer { NAME_WORD } else { NO_NAME_WORD });
                answer
            }
            None => false,
        }
    }

    /// [`Self::is_name_word`] for a word that is capitalised, a mention or a particle, from the
    /// lexicon, the token's mention and the token before it, none of which changes; `None` for
    /// a word that is no name word only until a name ending in it is read (a sentence adverb or
    /// participle: "Interestingly,"), whose answer is not kept.
    fn name_word_by_lookup(&self, toks: &[Tok], i: usize) -> Option<bool> {
        let t = &toks[i];
        let capitalized = self.is_capitalized(t);
        let w = self.word(t);
        // "Jan. 9": a month's abbreviation, not the given name.
        if w.ends_with('.') && self.is_never_name(t) {
            return Some(false);
        }
        if self.in_stopwords(t) && (i == 0 || !self.is_capitalized(&toks[i - 1]) || self.is_never_name(t)) {
            return Some(false);
        }
        // Headings in capitals ("WASHINGTON", "OBAMA’S LAST STATE"), and sentence adverbs and
        // participles ("Interestingly, …", "Speaking to …") unless the article already named
        // someone so ("Betsy Ebeling" … "“…,” Ebeling said").
        if t.mention.is_none() && w.chars().all(|c| !c.is_lowercase()) && w.chars().count() >= 5 {
            return Some(false);
        }
        if (w.ends_with("ly") || w.ends_with("ing"))
            && (i == 0 || matches!(toks[i - 1].kind, TokKind::Punct(_) | TokKind::Quote(_)))
            && t.mention.is_none()
            && !self.by_surname.contains_key(w)
        {
            return None;
        }
        if t.stands_for(kind::TITLE | kind::COUNTRY | kind::CUE | kind::HONORIFIC)
            && !t.stands_for(kind::ENTITY | kind::SURNAME)
        {
            return Some(false);
        }
        if self.role_of(t).is_some_and(|r| r != RoleWord::Group) {
            return Some(false);
        }
        if self.pronoun_of(t).is_some() {
            return Some(false);
        }
        Some(capitalized || self.in_particles(t) && i > 0 && self.is_capitalized(&toks[i - 1]))
    }

    /// Records every name unit of a paragraph (for surnames and pronouns), in text order.
    pub(super) fn scan_names(&mut self, toks: &[Tok]) {
        self.find_sentence_ends(toks);
        let mut sentences = self.sentence_starts(toks);
        if self.is_promo(toks) {
            return;
        }
        let mut i = 0;
        while i < toks.len() {
            if self.starts_nothing(&toks[i]) {
                i += 1;
                continue;
            }
            if let Some((mut u, next)) = self.unit_at(toks, i) {
                if !u.full && u.entry.is_none() && !u.person {
                    self.as_known_person(&mut u, toks, i);
                }
                if u.entry.is_none() && !u.full && u.person {
                    self.confirm_surname(&mut u, toks, i);
                }
                let role = self.sentence_role(toks, i, next, &u, &mut sentences);
                let ua = unit_start(toks, i, next, &u);
                if u.full && u.person {
                    let (role, _) = self.introduced_role(toks, 0, ua, next, toks.len());
                    if !role.is_empty() {
                        let g = self.gazetteer;
                        let key =
                            u.entry.map_or(u.name.clone(), |e| Cow::Borrowed(&g.entries()[e as usize].name));
                        self.remember_role(&key, &role);
                    }
                }
                if u.full && !u.org {
                    let idx = self.units.len();
                    UnitIds::file(&mut self.by_surname, u.last, idx);
                    // A two-word name run ("Tom Lee") by its first word; a gazetteer entry's
                    // never (its first word would be its surname).
                    if u.person && u.entry.is_none() && u.name.split_whitespace().count() == 2 {
                        let first = self.word(&toks[ua]);
                        if first != u.last {
                            UnitIds::file(&mut self.by_first_word, first, idx);
                        }
                    }
                }
                self.units.push(u);
                self.unit_roles.push(role);
                i = next;
            } else if let Some(u) = self.pronoun_subject(toks, i, &mut sentences) {
                self.units.push(u);
                self.unit_roles.push(UnitRole { sentence: self.sentences, subject: true, owned: false });
                i += 1;
            } else {
                i += 1;
            }
        }
    }

    /// A token that starts no name unit and is no pronoun, told from its first byte and length
    /// (most tokens: lower-case words and punctuation); `scan_names` passes over it.
    #[inline]
    fn starts_nothing(&self, t: &Tok) -> bool {
        t.mention.is_none()
            && (t.kind != TokKind::Word
                || self.word_bytes(t)[0].is_ascii_lowercase() && !self.may_be_pronoun(t))
    }

    /// The name unit starting at token `i`, and the token after it.
    pub(super) fn unit_at(&self, toks: &[Tok], i: usize) -> Option<(NameUnit<'a>, usize)> {
        let t = &toks[i];
        if t.inside || t.mention.is_none() && (t.kind != TokKind::Word || !self.is_capitalized(t)) {
            return None;
        }
        // A mention that stands only for titles, cues or honorifics ("said", "President") starts
        // none: it is no name word (`is_name_word`), and an organisation's run holds no mention.
        if t.stands_for(kind::TITLE | kind::CUE | kind::HONORIFIC)
            && !t.stands_for(kind::ENTITY | kind::SURNAME | kind::COUNTRY)
        {
            return None;
        }
        if let Some((_, end)) = t.mention {
            let end = end as usize;
            for p in self.payloads(t, kind::ENTITY | kind::SURNAME) {
                match p {
                    Payload::Entity(e) => {
                        let entry = &self.gazetteer.entries()[e as usize];
                        let word = self.span(toks, i, end);
                        if entry.kind == EntityKind::Organization
                            && self.by_surname.get(word).is_some_and(|l| {
                                l.iter().any(|&x| {
                                    self.units[x].at < t.s()
                                        && self.units[x].person
                                        && self.units[x].last == word
                                })
                            })
                        {
                            // "Israel said" after "Rep. Steve Israel": the person, not the country.
                            return Some((NameUnit::surname(t.s(), word, Gender::Unknown), end));
                        }
                        let person = entry.kind == EntityKind::Person;
                        let unit = NameUnit {
                            at: t.s(),
                            name: Cow::Borrowed(&entry.name),
                            last: &entry.surname,
                            entry: Some(e),
                            gender: entry.gender,
                            person,
                            org: !person,
                            full: true,
                        };
                        return Some((unit, end));
                    }
                    Payload::Surname(_) => {
                        let joined =
                            end < toks.len() && self.is_name_word(toks, end) && toks[end].mention.is_none()
                                || i > 0 && self.is_name_word(toks, i - 1) && toks[i - 1].mention.is_none();
                        if joined {
                            break; // part of a longer name not in the gazetteer: read as a run below
                        }
                        let w = self.span(toks, i, end);
                        let honorific = if i > 0 { self.honorific_gender(&toks[i - 1]) } else { None };
                        let gender = honorific.unwrap_or(Gender::Unknown);
                        // "between May and October": a word that is never a name on its own
                        // names a person only after the person's full name or an honorific.
                        if self.lexicon.stopwords.contains(w)
                            && honorific.is_none()
                            && !self
                                .by_surname
                                .get(w)
                                .is_some_and(|l| l.iter().any(|&x| self.units[x].at < t.s()))
                        {
                            return None;
                        }
                        return Some((NameUnit::surname(t.s(), w, gender), end));
                    }
                    _ => {}
                }
            }
        }
        // "Canadian Beverage Association": a country's adjective opening an organisation's name.
        if let Some(end) = self.country_at(toks, i) {
            let run =
                (end..toks.len().min(end + NAME_WORDS)).take_while(|&k| self.is_name_word(toks, k)).last();
            if let Some(last) = run.filter(|&k| self.role_of(&toks[k]) == Some(RoleWord::Group)) {
                return Some((self.organisation(toks, i, last + 1), last + 1));
            }
        }
        // "Senate National Finance Committee", "Provincial Audit Committee": role words inside a
        // capitalised run that a group word ends are words of the organisation's name. Such a
        // run opens with a role word, or its name words stop at one: only then is it read.
        let with_role_words = || {
            let end = self.organisation_with_role_words(toks, i)?;
            Some((self.organisation(toks, i, end), end))
        };
        if !self.is_name_word(toks, i) || self.in_particles(t) {
            return with_role_words();
        }
        let mut j = i + 1;
        while j < toks.len()
            && j - i < NAME_WORDS
            && (self.is_name_word(toks, j)
                && (toks[j].mention.is_none()
                    || self.is_surname_only(&toks[j])
                    || j == i + 1 && self.place_as_surname(toks, i))
                || self.lexicon.is_name_suffix(self.word(&toks[j])))
        {
            j += 1;
        }
        if toks.get(j).is_some_and(|t| self.is_capitalized(t) && self.role_of(t).is_some()) {
            if let Some(org) = with_role_words() {
                return Some(org);
            }
        }
        while j > i + 1 && self.in_particles(&toks[j - 1]) {
            j -= 1;
        }
        // A long run of capitals starts at its first given name ("Political Affairs Victoria
        // Nuland" is Victoria Nuland; "Mary Kay Henry" stays whole).
        let i = self.name_start(toks, i, j);
        // A sentence-initial adverb or preposition glued to a name: "Besides Mia", "Perhaps Tom".
        let opens = i == 0 || matches!(toks[i - 1].kind, TokKind::Punct(_) | TokKind::Quote(_));
        let glued = opens
            && j - i >= 2
            && toks[i].mention.is_none()
            && self.is_opener_not_name(self.word(&toks[i]))
            && self.lexicon.is_given_name(self.word(&toks[i + 1]))
            && !self.lexicon.is_place(self.span(toks, i, j));
        let i = if glued { i + 1 } else { i };
        if opens && j == i + 1 && self.is_opener_word(toks, i) {
            return None;
        }
        let t = &toks[i];
        let mut buf = [""; NAME_WORDS];
        for (w, t) in buf.iter_mut().zip(&toks[i..j]) {
            *w = self.word(t);
        }
        let words = &buf[..j - i];
        let name = self.span(toks, i, j);
        let last = words.iter().rev().find(|w| !self.lexicon.is_name_suffix(w)).copied().unwrap_or(words[0]);
        let honorific = i > 0 && self.honorific_gender(&toks[i - 1]).is_some();
        let given_name = self.lexicon.given_name_in(self.text, t.s(), t.e());
        let given = given_name.unwrap_or(Gender::Unknown);
        // "Tax Foundation", "Trump University"; but "Kathleen Hall Jamieson" is a person.
        // (The run's tokens' role classes, looked up once each by `is_name_word`.)
        let group = |t: &Tok| self.role_of(t) == Some(RoleWord::Group);
        let run = &toks[i..j];
        let org = if given_name.is_some() { run.last().is_some_and(group) } else { run.iter().any(group) };
        let gender =
            if honorific { self.honorific_gender(&toks[i - 1]).unwrap_or(Gender::Unknown) } else { given };
        // Whether the run names a place, asked only where the answer counts (most runs are
        // one word, or open with a given name or after an honorific).
        let place = || self.lexicon.is_place(name);
        // "Infrastructure Canada", "Export Development Canada": words that name no person, then
        // a country, are an organisation.
        if !honorific && given_name.is_none() {
            if let Some(end) = self.country_at(toks, j) {
                if !place() && (end == toks.len() || !self.is_name_word(toks, end)) {
                    return Some((self.organisation(toks, i, end), end));
                }
            }
        }
        let person = !org
            && (honorific
                || words.len() >= 2
                    && !place()
                    && (given_name.is_some() || words.len() <= 3 && self.unknown_name(words)));
        let unit = NameUnit {
            at: t.s(),
            name: Cow::Borrowed(name),
            last,
            entry: None,
            gender,
            person,
            org,
            full: words.len() >= 2,
        };
        Some((unit, j))
    }

    /// The end of a capitalised run from token `i` that holds a role word ("Audit", "National")
    /// and then ends in a group word ("Committee"), if one starts there. A role word opening a
    /// sentence ("Former …") starts none.
    fn organisation_with_role_words(&self, toks: &[Tok], i: usize) -> Option<usize> {
        let opens = i == 0 || matches!(toks[i - 1].kind, TokKind::Punct(_) | TokKind::Quote(_));
        let (mut role_at, mut end) = (None, None);
        for k in i..toks.len().min(i + NAME_WORDS) {
            let t = &toks[k];
            if t.mention.is_some() || t.inside || !self.is_capitalized(t) {
                break;
            }
            let role = self.role_of(t);
            if !self.is_name_word(toks, k) {
                if role.is_none() || k == i && opens {
                    break;
                }
                role_at.get_or_insert(k);
            }
            if role == Some(RoleWord::Group) && k > i {
                end = Some(k + 1);
            }
        }
        end.filter(|&e| role_at.is_some_and(|r| r < e))
    }

    /// The end of a country's name (or its adjective) written at token `i`, if one is there.
    fn country_at(&self, toks: &[Tok], i: usize) -> Option<usize> {
        let t = toks.get(i)?;
        let end = t.mention?.1 as usize;
        (t.stands_for(kind::COUNTRY) && self.is_capitalized(t)).then_some(end)
    }

    /// An organisation's name written from token `i` up to token `end`.
    fn organisation(&self, toks: &[Tok], i: usize, end: usize) -> NameUnit<'a> {
        let name = self.span(toks, i, end);
        let last = self.word(&toks[end - 1]);
        NameUnit {
            at: toks[i].s(),
            name: Cow::Borrowed(name),
            last,
            entry: None,
            gender: Gender::Unknown,
            person: false,
            org: true,
            full: true,
        }
    }

    /// A capitalised common word that opens a sentence on its own, before a comma or a word in
    /// lower case that is no cue ("Nonetheless, …", "Amid what …"): no name, unless it ends a
    /// full name of the article ("Tester, a Democrat, …" after "Jon Tester").
    fn is_opener_word(&self, toks: &[Tok], i: usize) -> bool {
        let w = self.word(&toks[i]);
        let before_clause = toks.get(i + 1).is_some_and(|n| {
            n.kind == TokKind::Punct(',')
                || n.kind == TokKind::Word && !self.is_capitalized(n) && self.cue_of(n).is_none()
        });
        before_clause
            && toks[i].mention.is_none()
            && self.is_opener_not_name(w)
            && !self.by_surname.contains_key(w)
    }

    /// "Steve Israel", "Dana Paris": a given name that is no common word, then a one-word
    /// name of a gazetteer organisation (a government by its country or capital), is a person's name.
    fn place_as_surname(&self, toks: &[Tok], i: usize) -> bool {
        let (first, next) = (self.word(&toks[i]), &toks[i + 1]);
        self.lexicon.is_given_name(first)
            && !self.lexicon.is_common_word(first)
            && next.mention.is_some_and(|(_, end)| end as usize == i + 2)
            && self.payloads(next, kind::ENTITY).any(|p| {
                matches!(p, Payload::Entity(e) if self.gazetteer.entries()[e as usize].kind == EntityKind::Organization)
            })
    }

    pub(super) fn is_surname_only(&self, t: &Tok) -> bool {
        t.stands_for(kind::SURNAME) && !t.stands_for(kind::ENTITY)
    }

    pub(super) fn honorific_gender(&self, t: &Tok) -> Option<Gender> {
        self.payloads(t, kind::HONORIFIC).find_map(|p| {
            if let Payload::Honorific(h) = p {
                Some(self.lexicon.honorifics[h as usize].1)
            } else {
                None
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{token_of, with_paragraph};
    use super::NameUnit;
    use crate::gazetteer::Gender;

    /// A unit is kept for every name of a document (about one per 80 bytes of news).
    #[test]
    fn a_name_unit_stays_small() {
        assert!(std::mem::size_of::<NameUnit>() <= 64);
    }

    /// A name unit as a row: name, person, gender, full name.
    type Unit<S> = (S, bool, Gender, bool);

    /// The name units of a one-paragraph text.
    fn units(text: &str) -> Vec<Unit<String>> {
        with_paragraph(text, |ctx, _| {
            ctx.units.iter().map(|u| (u.name.to_string(), u.person, u.gender, u.full)).collect()
        })
    }

    /// A sentence's first word in "-ing" or "-ly" is no name word ("Interestingly,") until a
    /// name ending in it is read: that "no" is not kept in the token, the others are.
    #[test]
    fn a_participle_is_a_name_word_once_a_name_ends_in_it() {
        let text = "Brayling spoke. Later, Jo Brayling said no.";
        with_paragraph(text, |ctx, toks| {
            // Read before "Jo Brayling": not a unit of its own.
            let names: Vec<&str> = ctx.units.iter().map(|u| &*u.name).collect();
            assert_eq!(names, ["Jo Brayling"], "{text}");
            assert!(ctx.is_name_word(toks, 0), "{text}");
            let jo = token_of(text, toks, "Jo");
            assert!(ctx.is_name_word(toks, jo) && ctx.is_name_word(toks, jo), "{text}");
        });
    }

    #[test]
    fn name_units_of_short_texts() {
        let rows: &[(&str, &[Unit<&str>])] = &[
            ("Ann Roe, a nurse, said the ward was full.", &[("Ann Roe", true, Gender::Female, true)]),
            ("Mr. Tom Lee spoke first.", &[("Tom Lee", true, Gender::Male, true)]),
            ("Paul Roe Jr. spoke first.", &[("Paul Roe Jr.", true, Gender::Male, true)]),
            ("Anna van Dijk spoke first.", &[("Anna van Dijk", true, Gender::Female, true)]),
            ("The Roe Foundation spoke first.", &[("Roe Foundation", false, Gender::Unknown, true)]),
            ("Later, Roe spoke.", &[("Roe", false, Gender::Unknown, false)]),
        ];
        for (text, want) in rows {
            let want: Vec<_> = want.iter().map(|(n, p, g, f)| (n.to_string(), *p, *g, *f)).collect();
            assert_eq!(units(text), want, "{text}");
        }
    }
}
