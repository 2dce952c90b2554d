//! Resolution: a noun phrase read as a speaker, through names, surnames, pronouns and roles.

use std::borrow::Cow;

use rustc_hash::FxHashMap as HashMap;

use super::context::UnitIds;
use super::names::{unit_start, NameUnit};
use super::phrase::Np;
use super::{DocContext, Speaker, Tok, TokKind};
use crate::gazetteer::{EntityKind, Gender};
use crate::lexicon::{Function, PronounKind, RoleWord};
use crate::mention::{kind, Payload};
use crate::record::Method;

/// How many names of the same surname, each way, a gendered surname looks through for one of its
/// gender.
const SAME_SURNAME_TRIED: usize = 32;
/// How many of the latest names an acronym is matched against.
const ACRONYM_UNITS: usize = 256;

/// A speaker read from a noun phrase.
#[derive(Debug, Clone)]
pub(super) struct Found<'a> {
    /// Who.
    pub(super) speaker: Speaker<'a>,
    /// How the phrase named them.
    pub(super) method: Method,
    /// The words naming them here.
    pub(super) mention: Cow<'a, str>,
    /// The role written in the phrase, or empty.
    pub(super) role: Cow<'a, str>,
    /// The role is an office title alone ("Sen. Ann Roe"): an apposition outranks it.
    pub(super) bare_title: bool,
}

impl<'a> Found<'a> {
    pub(super) fn new(
        speaker: Speaker<'a>,
        method: Method,
        mention: Cow<'a, str>,
        role: Cow<'a, str>,
    ) -> Found<'a> {
        Found { speaker, method, mention, role, bare_title: false }
    }

    /// A speaker found with an apposition ("Ned Price, the State Department spokesman"): the
    /// method says so, and the apposition is the role unless the phrase itself wrote one.
    pub(super) fn with_apposition(self, appo: Cow<'a, str>) -> Found<'a> {
        let method = if !appo.is_empty() && self.method == Method::Explicit {
            Method::Apposition
        } else {
            self.method
        };
        let role = if self.role.is_empty() || self.bare_title && !appo.is_empty() { appo } else { self.role };
        Found { method, role, ..self }
    }
}

/// How many earlier names a pronoun or a role is resolved against at most.
pub(super) const LOOKBACK: usize = 400;

impl<'a> DocContext<'a> {
    /// Reads a noun phrase as a speaker. Returns the speaker, the method, the mention text and
    /// the role written inside the phrase.
    pub(super) fn interpret(&self, toks: &[Tok], np: Np, pos: usize) -> Option<Found<'a>> {
        let text_of = |a: usize, b: usize| Cow::Borrowed(self.span(toks, a, b));
        // "The Committee said", "the Board of Health": an organisation word alone after a
        // determiner, that ends no name the article gave, is a description, not a surname.
        let org_word = |u: &NameUnit, ua: usize| {
            ua > np.a
                && self.is_determiner(&toks[ua - 1])
                && !u.full
                && u.entry.is_none()
                && self.role_of(&toks[ua]) == Some(RoleWord::Group)
                && !self.by_surname.contains_key(u.last)
        };
        // One pass over the phrase: its name units, and where the core ends and a post-modifier
        // begins ("Bonnie Glaser | of the German Marshall Fund"). Of the units, the head can only
        // be the last that is no organisation word (below); units come in text order.
        let mut any_unit = false;
        let mut last: Option<(NameUnit<'a>, usize, usize)> = None;
        let mut core_end = np.b;
        // A post-modifier of a role noun before any name ("the Deputy Minister | of Health").
        let mut role_modifier = None;
        let mut i = np.a;
        while i < np.b {
            if let Some((u, end)) = self.unit_at(toks, i).filter(|(_, end)| *end <= np.b) {
                // A word in it that names no one ("Health") is not the head.
                if let Some(pm) = role_modifier.filter(|_| !u.person && u.entry.is_none() && !u.full) {
                    core_end = pm;
                    break;
                }
                any_unit = true;
                if !org_word(&u, i) {
                    last = Some((u, i, end));
                }
                i = end;
                continue;
            }
            let t = &toks[i];
            if t.kind == TokKind::Word && self.does(t, Function::PostModifier) {
                if any_unit {
                    core_end = i;
                    break;
                }
                if role_modifier.is_none() && toks[np.a..i].iter().any(|t| self.is_role_noun(t)) {
                    role_modifier = Some(i);
                }
            }
            i = t.mention.map_or(i + 1, |m| (m.1 as usize).max(i + 1));
        }
        // "University of Leeds scientist Ann Roe": what looked like a post-modifier ends in a role
        // noun and a person's name, and that person is the head.
        if core_end < np.b {
            if let Some((unit, ua, ub)) = self.person_after_role(toks, core_end, np.b) {
                let (speaker, method) = self.resolve_unit(&unit, pos);
                return Some(Found::new(speaker, method, text_of(ua, ub), text_of(np.a, ua)));
            }
        }
        // The head: the last name unit of the core. "Obama’s former strategist", "the State
        // Department spokesman": a name followed by a possessive or a role noun modifies the
        // head, it is not it. (A core cut short by a role's post-modifier ends before every
        // unit: units are read only after it.)
        let best = last.filter(|&(_, _, end)| {
            let modifies = end < core_end
                && (toks[end].kind == TokKind::Possessive
                    || toks[end..core_end].iter().any(|t| self.is_role_noun(t))
                        && self.unit_at(toks, end).is_none());
            end <= core_end && !modifies
        });
        if let Some((unit, ua, ub)) = best {
            let ua = unit_start(toks, ua, ub, &unit);
            let (role, titled) = if ua > np.a {
                self.introduced_role(toks, np.a, ua, ub, np.b)
            } else {
                (Cow::Borrowed(""), false)
            };
            let role = if core_end < np.b && !titled {
                if role.is_empty() {
                    text_of(core_end, np.b)
                } else {
                    Cow::Owned(format!("{role} {}", text_of(core_end, np.b)))
                }
            } else {
                role
            };
            let mention = text_of(
                if ua > np.a && self.honorific_gender(&toks[ua - 1]).is_some() { ua - 1 } else { ua },
                ub,
            );
            let (speaker, method) = self.resolve_unit(&unit, pos);
            let bare_title = self.is_bare_title(&role);
            return Some(Found { bare_title, ..Found::new(speaker, method, mention, role) });
        }
        if np.b - np.a == 1 && toks[np.a].kind == TokKind::Word {
            let w = self.word(&toks[np.a]);
            if let Some(kind) = self.pronoun_of(&toks[np.a]) {
                if self.lexicon.first_person.contains(&*self.lower(&toks[np.a])) {
                    // The writer or a group speaking for itself: say so as written.
                    let sp = Speaker {
                        name: Cow::Borrowed(w),
                        entry: None,
                        person: true,
                        gender: Gender::Unknown,
                    };
                    return Some(Found::new(sp, Method::Pronoun, Cow::Borrowed(w), Cow::Borrowed("")));
                }
                let speaker = self.resolve_pronoun(kind, pos)?;
                return Some(Found::new(speaker, Method::Pronoun, Cow::Borrowed(w), Cow::Borrowed("")));
            }
        }
        // A role: "the US president", "China’s foreign minister".
        let mut title = None;
        let mut country = None;
        for t in &toks[np.a..np.b] {
            for p in self.payloads(t, kind::TITLE | kind::COUNTRY) {
                match p {
                    Payload::Title(x) => title = Some(x),
                    Payload::Country(c) => country = Some(c),
                    _ => {}
                }
            }
        }
        let phrase = || text_of(np.a, np.b);
        if let Some(title) = title {
            if let Some(e) = self.resolve_role(title, country, pos) {
                let entry = &self.gazetteer.entries()[e as usize];
                let sp = Speaker::entry(e, entry, true);
                return Some(Found::new(sp, Method::Role, phrase(), phrase()));
            }
        }
        // A country standing for its government: "China tells U.S.".
        if title.is_none()
            && country.is_some()
            && toks[np.a..np.b].iter().all(|t| t.inside || t.mention.is_some() || self.is_determiner(t))
        {
            let sp = Speaker { name: phrase(), entry: None, person: false, gender: Gender::Unknown };
            return Some(Found::new(sp, Method::Organization, phrase(), Cow::Borrowed("")));
        }
        // A document with its author: "a readout … published by CGTN".
        let has_doc = toks[np.a..core_end.min(np.b)]
            .iter()
            .any(|t| t.kind == TokKind::Word && self.role_of(t) == Some(RoleWord::Document));
        if has_doc {
            // "her statement": the author is whom the pronoun stands for.
            if let Some(&kind) = self.lexicon.possessives.get(&*self.lower(&toks[np.a])) {
                let speaker = self.resolve_pronoun(kind, pos)?;
                return Some(Found::new(speaker, Method::Pronoun, text_of(np.a, np.b), Cow::Borrowed("")));
            }
            let mut i = np.a;
            while i < np.b {
                if let Some((u, end)) = self.unit_at(toks, i) {
                    if u.full || u.entry.is_some() {
                        let (sp, _) = self.resolve_unit(&u, pos);
                        return Some(Found::new(
                            sp,
                            Method::Organization,
                            text_of(i, end),
                            Cow::Borrowed(""),
                        ));
                    }
                    i = end;
                } else {
                    i += 1;
                }
            }
        }
        // A description: "the statement", "a spokesman for the campaign".
        let described = toks[np.a..np.b].iter().any(|t| {
            t.kind == TokKind::Word && self.role_of(t).is_some_and(|r| r != RoleWord::Modifier)
                || t.stands_for(kind::TITLE)
        });
        // "the campaign", "Roe’s campaign".
        let determined = self.is_determiner(&toks[np.a])
            || (np.a + 1..np.b.saturating_sub(1)).any(|i| toks[i].kind == TokKind::Possessive);
        // "federal prosecutors", "Senate Republicans": a plural head needs no determiner (but
        // "With Democratic leaders", "of the delegates" are no phrase of their own).
        let head = &toks[np.b - 1];
        let plural = head.kind == TokKind::Word
            && self.word(head).ends_with('s')
            && self.role_of(head).is_some_and(|r| r != RoleWord::Modifier)
            && !toks[np.a..np.b].iter().any(|t| self.does(t, Function::Connector) || self.in_stopwords(t));
        if described && (determined || plural) {
            let person = toks[np.a..np.b]
                .iter()
                .any(|t| t.kind == TokKind::Word && self.role_of(t) == Some(RoleWord::Title));
            let sp = Speaker { name: phrase(), entry: None, person, gender: Gender::Unknown };
            return Some(Found::new(sp, Method::Explicit, phrase(), Cow::Borrowed("")));
        }
        None
    }

    pub(super) fn resolve_unit(&self, unit: &NameUnit<'a>, pos: usize) -> (Speaker<'a>, Method) {
        if let Some(e) = unit.entry {
            let entry = &self.gazetteer.entries()[e as usize];
            let person = entry.kind == EntityKind::Person;
            let method = if person { Method::Explicit } else { Method::Organization };
            return (Speaker::entry(e, entry, person), method);
        }
        if unit.full {
            let sp =
                Speaker { name: unit.name.clone(), entry: None, person: unit.person, gender: unit.gender };
            return (sp, if unit.org { Method::Organization } else { Method::Explicit });
        }
        // A surname: the latest full name before, else the first after, else the gazetteer.
        let surname = unit.last;
        // The latest full name before, else the first after (an index lookup, not a scan), of
        // the gender an honorific gives ("Mrs. Clinton" after "Bill Clinton" and "Hillary
        // Clinton" is Hillary), looking at a bounded number of names each way; else the nearest.
        let fits = |x: &&usize| {
            let g = self.units[**x].gender;
            unit.gender == Gender::Unknown || g == Gender::Unknown || g == unit.gender
        };
        let nearest = |index: &HashMap<&'a str, UnitIds>| {
            index.get(surname).and_then(|list| {
                let k = list.partition_point(|&x| self.units[x].at < pos);
                let before = list[..k].iter().rev().take(SAME_SURNAME_TRIED).find(fits);
                let idx = before
                    .or_else(|| list[k..].iter().take(SAME_SURNAME_TRIED).find(fits))
                    .or_else(|| if k > 0 { list.get(k - 1) } else { list.get(k) })?;
                Some(&self.units[*idx])
            })
        };
        let found = nearest(&self.by_surname).or_else(|| nearest(&self.by_first_word));
        if let Some(u) = found {
            let mut sp = self.resolve_unit(u, pos).0;
            if sp.gender == Gender::Unknown {
                sp.gender = unit.gender;
            }
            return (sp, Method::Surname);
        }
        if let Some(named) = self.acronym_of(surname, pos) {
            return self.resolve_unit(named, pos);
        }
        let group = self.matcher.people_with_surname(surname);
        let entries = self.gazetteer.entries();
        let gendered =
            |e: &&u32| unit.gender == Gender::Unknown || entries[**e as usize].gender == unit.gender;
        let mut fitting = group.iter().filter(gendered);
        if let (Some(&only), None) = (fitting.next(), fitting.next()) {
            let entry = &entries[only as usize];
            return (Speaker::entry(only, entry, true), Method::Surname);
        }
        (Speaker { name: unit.name.clone(), entry: None, person: true, gender: unit.gender }, Method::Surname)
    }

    /// "EDC" after "Export Development Canada": the organisation (or person) named in full
    /// before `pos` whose initials a word in capitals spells (among the latest names, a bounded
    /// look back).
    fn acronym_of(&self, word: &str, pos: usize) -> Option<&NameUnit<'a>> {
        if !(2..=6).contains(&word.len()) || !word.bytes().all(|b| b.is_ascii_uppercase()) {
            return None;
        }
        let k = self.units.partition_point(|u| u.at < pos);
        self.units[..k].iter().rev().take(ACRONYM_UNITS).find(|u| {
            u.full && {
                let initials = u
                    .name
                    .split_whitespace()
                    .filter_map(|w| w.chars().next().filter(char::is_ascii_uppercase));
                initials.eq(word.chars())
            }
        })
    }

    pub(super) fn resolve_pronoun(&self, kind: PronounKind, pos: usize) -> Option<Speaker<'a>> {
        let u = self.pronoun_target(kind, pos)?;
        let (sp, _) = self.resolve_unit(u, u.at);
        Some(sp)
    }

    /// The name a pronoun at `pos` stands for: the latest that fits, or rather the subject of its
    /// sentence when that fits too, or the latest speaker when more recent.
    pub(super) fn pronoun_target(&self, kind: PronounKind, pos: usize) -> Option<&NameUnit<'a>> {
        let fits = |u: &NameUnit| match kind {
            PronounKind::Male => u.person && u.gender != Gender::Female,
            PronounKind::Female => u.person && u.gender != Gender::Male,
            PronounKind::Any => true,
            PronounKind::Thing => !u.person,
        };
        let latest = |list: &[NameUnit<'a>]| -> Option<usize> {
            let k = list.partition_point(|u| u.at < pos);
            (k.saturating_sub(LOOKBACK)..k).rev().find(|&i| fits(&list[i]))
        };
        let a = latest(&self.antecedents).map(|i| &self.antecedents[i]);
        // "Ann Roe praised Tom Lee’s plan. “…,” she said" is Ann Roe, whatever their genders.
        let b = latest(&self.units).map(|k| (&self.units[k], &self.units[self.salient(k, fits)]));
        match (a, b) {
            (Some(a), Some((latest, subject))) => Some(if a.at >= latest.at { a } else { subject }),
            (a, b) => a.or(b.map(|(_, subject)| subject)),
        }
    }

    pub(super) fn resolve_role(&self, title_index: u32, country: Option<u32>, pos: usize) -> Option<u32> {
        let title = self.matcher.title(title_index);
        let code = country.map(|c| self.gazetteer.countries()[c as usize].code.as_str());
        let holds = |e: u32| {
            self.gazetteer.entries()[e as usize].roles.iter().any(|r| {
                r.title.split('/').any(|t| t.trim().eq_ignore_ascii_case(title))
                    && code.is_none_or(|c| r.country == c)
            })
        };
        // The latest holder among the LOOKBACK * 5 units before `pos`, from an index built once
        // per role: a scan of those units per role phrase made role-heavy texts quadratic until
        // the bound, and slow after it.
        let k = self.units.partition_point(|u| u.at < pos);
        let lo = k.saturating_sub(LOOKBACK * 5);
        let mut holders = self.role_holders.borrow_mut();
        let list = holders.entry((title_index, country)).or_insert_with(|| {
            let entries = self.unit_entries.get_or_init(|| {
                self.units
                    .iter()
                    .map(|u| {
                        u.entry.or_else(|| if u.full { None } else { self.resolve_unit(u, u.at).0.entry })
                    })
                    .collect()
            });
            entries.iter().enumerate().filter_map(|(i, e)| e.filter(|&e| holds(e)).map(|e| (i, e))).collect()
        });
        let j = list.partition_point(|&(i, _)| i < k);
        j.checked_sub(1).map(|j| list[j]).filter(|&(i, _)| i >= lo).map(|(_, e)| e)
    }
}
