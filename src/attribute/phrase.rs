//! Noun phrases: the words next to a cue read as a phrase, its subject, apposition and role.

use std::borrow::Cow;

use super::{DocContext, Tok, TokKind};
use crate::gazetteer::EntityKind;
use crate::lexicon::{Function, RoleWord};
use crate::mention::{kind, Payload};

/// A noun phrase: tokens `[a, b)` of a paragraph.
#[derive(Debug, Clone, Copy)]
pub(super) struct Np {
    pub(super) a: usize,
    pub(super) b: usize,
}

/// How far left, in tokens, and over how many commas an apposition before a cue is read.
const APPOSITION_TOKENS: usize = 40;
const APPOSITION_COMMAS: usize = 3;
/// How many tokens after a name a title's post-modifier ("of the Dover City Council") takes at most.
const TITLE_POST_MODIFIER_TOKENS: usize = 12;

impl<'a> DocContext<'a> {
    /// Steps left over a short parenthetical ending just before `j`: "Sen. Ted Cruz (R-Texas)".
    pub(super) fn skip_parenthetical(&self, toks: &[Tok], j: usize, lo: usize) -> usize {
        if j > lo && matches!(toks[j - 1].kind, TokKind::Punct(')')) {
            let open = (j.saturating_sub(10).max(lo)..j - 1)
                .rev()
                .find(|&i| matches!(toks[i].kind, TokKind::Punct('(')));
            if let Some(o) = open {
                return o;
            }
        }
        j
    }

    /// A role noun such as "spokesman", "analyst", "president" (not a modifier or a document).
    pub(super) fn is_role_noun(&self, t: &Tok) -> bool {
        t.kind == TokKind::Word && (self.role_of(t) == Some(RoleWord::Title) || t.stands_for(kind::TITLE))
    }

    pub(super) fn is_determiner(&self, t: &Tok) -> bool {
        t.kind == TokKind::Word && self.in_determiners(t)
    }

    /// A token that can sit inside a speaker's noun phrase.
    pub(super) fn np_word(&self, toks: &[Tok], i: usize) -> bool {
        let t = &toks[i];
        match t.kind {
            TokKind::Possessive => true,
            TokKind::Word => {
                if t.inside || t.mention.is_some() && self.cue_of(t).is_none() {
                    return true;
                }
                if self.cue_of(t).is_some() {
                    return false;
                }
                let w = self.word(t);
                self.is_capitalized(t)
                    && !(i > 0 && matches!(toks[i - 1].kind, TokKind::Punct('.')) && self.in_stopwords(t))
                    || self.role_of(t).is_some()
                    || w.starts_with("then-")
            }
            _ => false,
        }
    }

    pub(super) fn is_adverb(&self, t: &Tok) -> bool {
        if t.kind != TokKind::Word || self.cue_of(t).is_some() {
            return false;
        }
        self.in_adverbs(t)
    }

    /// The noun phrase ending just before token `k` (walking left, not before `lo`).
    pub(super) fn np_left(&self, toks: &[Tok], k: usize, lo: usize) -> Option<Np> {
        let mut j = self.skip_parenthetical(toks, k, lo);
        while j > lo && self.is_adverb(&toks[j - 1]) {
            j -= 1;
        }
        let b = j;
        let mut a = j;
        while a > lo {
            let i = a - 1;
            let t = &toks[i];
            if t.inside {
                a -= 1;
                continue;
            }
            if self.np_word(toks, i) && !self.is_determiner(t) {
                a -= 1;
                continue;
            }
            if a == b && t.kind == TokKind::Word && self.pronoun_of(t).is_some() {
                return Some(Np { a: i, b });
            }
            if self.is_determiner(t) {
                // "the German Marshall Fund in the United States": go on through "of/in the".
                let through = i > lo + 1
                    && self.does(&toks[i - 1], Function::Connector)
                    && self.lower(&toks[i - 1]) != "and"
                    && self.np_word(toks, i - 2)
                    && !self.is_determiner(&toks[i - 2]);
                a -= 1;
                if through {
                    a -= 1;
                    continue;
                }
                break;
            }
            if t.kind == TokKind::Word
                && self.does(t, Function::Connector)
                && self.lower(t) != "and"
                && i > lo
                && self.np_word(toks, i - 1)
                && a < b
            {
                a -= 1;
                continue;
            }
            break;
        }
        // Drop connectors and determiners-only at the left edge.
        while a < b && toks[a].kind == TokKind::Word && self.does(&toks[a], Function::Connector) {
            a += 1;
        }
        (a < b).then_some(Np { a, b })
    }

    /// The noun phrase starting at token `k` (walking right, before `hi`).
    pub(super) fn np_right(&self, toks: &[Tok], k: usize, hi: usize) -> Option<Np> {
        self.np_right_reach(toks, k, hi).0
    }

    /// `np_right`, and the token where the walk stopped: the phrase is the same for any `hi`
    /// greater than that token plus one (what `clause_subject` reuses across cues).
    pub(super) fn np_right_reach(&self, toks: &[Tok], k: usize, hi: usize) -> (Option<Np>, usize) {
        let mut b = k;
        let starts_det = b < hi && self.is_determiner(&toks[b]);
        if starts_det {
            b += 1;
        }
        // Plain lowercase words in a row ("the ongoing legal battle over whether"): a clause, not
        // a speaker's description, once there are more than three of them.
        // After its head noun ("a spokesman", "a readout"), a description goes on only through a
        // preposition ("… for the campaign", "… of the call published by CGTN"), never through a
        // verb ("A campaign official later walked back …").
        let mut plain = 0;
        let (mut seen_head, mut in_pp) = (false, false);
        while b < hi {
            let t = &toks[b];
            if t.kind == TokKind::Word && self.cue_of(t).is_some() {
                break;
            }
            // "Pierre de Vos": a name's particle between two of its words.
            let particle = b > k
                && self.in_particles(t)
                && self.is_capitalized(&toks[b - 1])
                && toks.get(b + 1).is_some_and(|n| b + 1 < hi && self.is_capitalized(n));
            if t.inside || particle || self.np_word(toks, b) || self.is_determiner(t) {
                seen_head |= !self.is_determiner(t)
                    && (t.mention.is_some()
                        || self.is_capitalized(t)
                        || self.role_of(t).is_some_and(|r| r != RoleWord::Modifier));
                plain = 0;
                b += 1;
                continue;
            }
            if b == k && t.kind == TokKind::Word && self.pronoun_of(t).is_some() {
                return (Some(Np { a: k, b: b + 1 }), b);
            }
            let w = self.lower(t);
            let connector = self.does(t, Function::NpLink);
            if t.kind == TokKind::Word
                && (connector || starts_det && plain_word(&w) && !self.does(t, Function::NpStop))
                && b + 1 < hi
                && b - k < 14
                && (connector || !seen_head && plain < 3 || in_pp && plain < 2)
            {
                in_pp |= connector && seen_head;
                plain = if connector { 0 } else { plain + 1 };
                b += 1;
                continue;
            }
            break;
        }
        let reach = b;
        while b > k
            && toks[b - 1].kind == TokKind::Word
            && (self.does(&toks[b - 1], Function::Connector) || self.is_determiner(&toks[b - 1]))
        {
            b -= 1;
        }
        ((b > k).then_some(Np { a: k, b }), reach)
    }

    /// The role written just before a name ("Rand Corporation analyst Derek Grossman",
    /// "U.S. Secretary of State for Political Affairs Victoria Nuland", "Mayor Ann Roe"): the
    /// contiguous capitalised and role words before it, when they include a role noun or an
    /// office title. A courtesy title at either end ("Mr.", "Dr.") is no part of it.
    pub(super) fn premodifier_role(&self, toks: &[Tok], lo: usize, ua: usize) -> Cow<'a, str> {
        let mut a = ua;
        while a > lo {
            let i = a - 1;
            let t = &toks[i];
            let ok = t.inside
                || t.kind == TokKind::Possessive
                || self.np_word(toks, i) && !self.is_determiner(t)
                || t.kind == TokKind::Word
                    && self.does(t, Function::PremodifierLink)
                    && i > lo
                    && self.np_word(toks, i - 1);
            if !ok {
                break;
            }
            a -= 1;
        }
        // "Tom Lee and Senator Ann Roe", "the Dover Farm Council and Sen. Ann Roe": another
        // person or an organisation named before "and" is no role.
        if let Some(m) = (a..ua).rev().find(|&i| self.does(&toks[i], Function::NameLink)) {
            let group = m > a && self.role_of(&toks[m - 1]) == Some(RoleWord::Group);
            if group || self.names_a_person(toks, a, m) {
                a = m + 1;
            }
        }
        // A sentence opener or a date ("When Sen. Ann Roe …", "Monday for Judge Ann Roe"), the
        // words that join it or follow it ("According to"), and a courtesy title are no part of it.
        let courtesy =
            |i: usize| self.honorific_gender(&toks[i]).is_some() && !self.is_office_title(&toks[i]);
        while a < ua
            && (self.in_stopwords(&toks[a]) && self.role_of(&toks[a]).is_none()
                || self.does(&toks[a], Function::PremodifierLink)
                || self.does(&toks[a], Function::Preposition))
        {
            a += 1;
        }
        let mut b = ua;
        while a < b && courtesy(a) {
            a += 1;
            while a < b && toks[a].inside {
                a += 1;
            }
        }
        while let Some(h) = (a..b).rev().find(|&i| !toks[i].inside).filter(|&h| courtesy(h)) {
            b = h;
        }
        if !toks[a..b].iter().any(|t| self.is_role_noun(t) || self.is_office_title(t)) {
            return Cow::Borrowed("");
        }
        Cow::Borrowed(self.span(toks, a, b))
    }

    /// The role a person's name at tokens `[ua, ub)` is written with, in a phrase of tokens
    /// `[lo, hi)`: the words before it (`premodifier_role`), and when they end in a title, the
    /// place or body after the name that the title is of ("Gov. Ann Roe of Ohio": "Gov. of
    /// Ohio"). Says whether the words end in a title.
    pub(super) fn introduced_role(
        &self,
        toks: &[Tok],
        lo: usize,
        ua: usize,
        ub: usize,
        hi: usize,
    ) -> (Cow<'a, str>, bool) {
        let role = self.premodifier_role(toks, lo, ua);
        let head = (lo..ua).rev().find(|&i| !toks[i].inside);
        let titled = !role.is_empty()
            && (self.is_role_noun(&toks[ua - 1]) || head.is_some_and(|h| self.is_office_title(&toks[h])));
        let end = if titled { self.title_post_modifier(toks, ub).min(hi) } else { ub };
        if end > ub {
            return (Cow::Owned([&*role, self.span(toks, ub, end)].join(" ")), titled);
        }
        (role, titled)
    }

    /// The end of a post-modifier at token `b` that names a place or body in capitals the title
    /// before the name is of ("of Ohio", "at the Dover City Council"; the words that can open one
    /// are tagged `title-of` in data/function_words.csv), or `b` when there is none.
    fn title_post_modifier(&self, toks: &[Tok], b: usize) -> usize {
        let links = |t: &Tok| t.kind == TokKind::Word && self.does(t, Function::TitleOf);
        if !toks.get(b).is_some_and(links) {
            return b;
        }
        let mut e = b + 1;
        if toks.get(e).is_some_and(|t| self.is_determiner(t)) {
            e += 1;
        }
        let (start, mut end) = (e, b);
        while e < toks.len().min(b + TITLE_POST_MODIFIER_TOKENS) {
            let t = &toks[e];
            let word = t.inside
                || self.is_capitalized(t) && self.cue_of(t).is_none() && self.honorific_gender(t).is_none();
            if word {
                e += 1;
                end = e;
            } else if end > b && links(t) {
                e += 1;
            } else {
                break;
            }
        }
        // A place ("of Ohio") or an organisation ("of the Dover City Council"), not a person's
        // name ("of Lee, who …") nor what one owns ("of Lee’s team").
        let owned = toks.get(end).is_some_and(|t| t.kind == TokKind::Possessive);
        let body = |i: usize| {
            self.role_of(&toks[i]) == Some(RoleWord::Group)
                || self.payloads(&toks[i], kind::COUNTRY | kind::ENTITY).any(|p| match p {
                    Payload::Country(_) => true,
                    Payload::Entity(x) => {
                        self.gazetteer.entries()[x as usize].kind == EntityKind::Organization
                    }
                    _ => false,
                })
        };
        let named =
            end > start && (self.lexicon.is_place(self.span(toks, start, end)) || (start..end).any(body));
        if named && !owned {
            end
        } else {
            b
        }
    }

    /// Whether tokens `[a, b)` hold a person's name that owns nothing ("Tom Lee", not "Lee’s").
    fn names_a_person(&self, toks: &[Tok], a: usize, b: usize) -> bool {
        let mut i = a;
        while i < b {
            match self.unit_at(toks, i) {
                Some((u, end)) if end <= b => {
                    if u.person && toks.get(end).is_none_or(|t| t.kind != TokKind::Possessive) {
                        return true;
                    }
                    i = end;
                }
                _ => i += 1,
            }
        }
        false
    }

    /// Whether a role is an office title alone, as written ("Sen."): the weakest role, which any
    /// other role of the person's outranks.
    pub(super) fn is_bare_title(&self, role: &str) -> bool {
        self.lexicon.is_office_form(role)
    }

    /// An office or rank title written before a name ("Gov.", "Judge"), not a courtesy one.
    pub(super) fn is_office_title(&self, t: &Tok) -> bool {
        self.payloads(t, kind::HONORIFIC)
            .any(|p| matches!(p, Payload::Honorific(h) if self.lexicon.offices[h as usize]))
    }

    /// The subject of the cue at `k`: the phrase before it, skipping one comma-enclosed
    /// apposition ("Wang Yi, the Chinese foreign minister, told"), which is returned as role.
    pub(super) fn subject_left(&self, toks: &[Tok], k: usize, lo: usize) -> Option<(Np, String)> {
        let mut j = k;
        while j > lo && self.is_adverb(&toks[j - 1]) {
            j -= 1;
        }
        j = self.skip_parenthetical(toks, j, lo);
        if j > lo && matches!(toks[j - 1].kind, TokKind::Punct(',')) {
            let close = j - 1;
            let (open, np) = self.apposition_open(toks, close, lo)?;
            // "The mayor’s chief of staff, Ana Ruiz, said": the name between the commas is the
            // speaker and the description before it is the role.
            if let Some((u, end)) = self.unit_at(toks, open + 1) {
                let np_has_name = (np.a..np.b).any(|i| {
                    self.unit_at(toks, i).is_some_and(|(_, e)| {
                        e <= np.b && toks.get(e).is_none_or(|t| t.kind != TokKind::Possessive)
                    })
                });
                if end == close && (u.full || u.entry.is_some()) && !np_has_name {
                    let role = self.span(toks, np.a, np.b).to_string();
                    return Some((Np { a: open + 1, b: close }, role));
                }
            }
            let adverbial = self.is_clause_opener(&toks[open + 1]);
            let appo = if adverbial || open + 1 >= close {
                String::new()
            } else {
                self.span(toks, open + 1, close).to_string()
            };
            return Some((np, appo));
        }
        let np = self.np_left(toks, k, lo)?;
        Some((np, String::new()))
    }

    /// Where the apposition that ends at the comma `close` opens, and the phrase before it. An
    /// apposition may hold commas of its own ("Ann Roe, Minister of Trade, Science and Energy,
    /// said"; "Sen. Ann Roe, D-Mich., a member of the team, said"): when the phrase before the
    /// nearest comma names no one, commas further left are tried for one that does.
    fn apposition_open(&self, toks: &[Tok], close: usize, lo: usize) -> Option<(usize, Np)> {
        let commas = (lo..close)
            .rev()
            .take(APPOSITION_TOKENS)
            .take_while(|&i| !matches!(toks[i].kind, TokKind::Quote(_)))
            .filter(|&i| toks[i].kind == TokKind::Punct(','));
        let mut nearest = None;
        for open in commas.take(APPOSITION_COMMAS) {
            let Some(np) = self.np_left(toks, open, lo) else { continue };
            if self.names_someone(toks, np) {
                return Some((open, np));
            }
            nearest.get_or_insert((open, np));
        }
        nearest
    }

    /// Whether a phrase holds a person's name, a gazetteer name or is a pronoun.
    fn names_someone(&self, toks: &[Tok], np: Np) -> bool {
        if np.b == np.a + 1 && self.pronoun_of(&toks[np.a]).is_some() {
            return true;
        }
        let mut i = np.a;
        while i < np.b {
            match self.unit_at(toks, i) {
                Some((u, end)) => {
                    if end <= np.b && (u.person || u.entry.is_some()) {
                        return true;
                    }
                    i = end;
                }
                None => i += 1,
            }
        }
        false
    }

    /// ", the State Department spokesman." after an inverted cue: the role, to the sentence end.
    pub(super) fn apposition_after(&self, toks: &[Tok], b: usize, se: usize) -> String {
        if b >= se || !matches!(toks[b].kind, TokKind::Punct(',')) || b + 1 >= se {
            return String::new();
        }
        let first = &toks[b + 1];
        let starts_role = self.is_determiner(first)
            || self.np_word(toks, b + 1)
            || first.kind == TokKind::Word && self.role_of(first).is_some();
        if !starts_role || self.does(first, Function::NotApposition) {
            return String::new();
        }
        let mut e = b + 1;
        while e < se
            && !matches!(toks[e].kind, TokKind::Quote(_) | TokKind::Punct('.' | ';' | ':' | '!' | '?'))
        {
            e += 1;
        }
        if e == b + 1 {
            return String::new();
        }
        self.span(toks, b + 1, e).trim_end_matches([',', ' ']).to_string()
    }
}

/// A word in lower case that can describe a speaker after a determiner: "retired",
/// "well-connected", a year ("a 2008 campaign veteran").
fn plain_word(w: &str) -> bool {
    w.chars().any(char::is_alphanumeric)
        && w.chars().all(|c| c.is_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::super::testing::{token_of, with_paragraph};

    /// The subject of the cue `cue` and its apposition, as written.
    fn subject(text: &str, cue: &str) -> Option<(String, String)> {
        with_paragraph(text, |ctx, toks| {
            let k = token_of(text, toks, cue);
            let (np, appo) = ctx.subject_left(toks, k, 0)?;
            Some((text[toks[np.a].s()..toks[np.b - 1].e()].to_string(), appo))
        })
    }

    /// The noun phrase after the word `after`.
    fn phrase_after(text: &str, after: &str) -> Option<String> {
        with_paragraph(text, |ctx, toks| {
            let k = token_of(text, toks, after) + 1;
            let np = ctx.np_right(toks, k, toks.len())?;
            Some(text[toks[np.a].s()..toks[np.b - 1].e()].to_string())
        })
    }

    /// A text, its cue, and the subject with its apposition.
    type SubjectRow<'a> = (&'a str, &'a str, Option<(&'a str, &'a str)>);

    #[test]
    fn subjects_before_a_cue() {
        let rows: &[SubjectRow] = &[
            ("Ann Roe said it was over.", "said", Some(("Ann Roe", ""))),
            ("Ann Roe, the camp director, said it was over.", "said", Some(("Ann Roe", "the camp director"))),
            // Appositions with commas of their own.
            (
                "Ann Roe, Minister of Trade, Science and Energy, said it was over.",
                "said",
                Some(("Ann Roe", "Minister of Trade, Science and Energy")),
            ),
            (
                "Sen. Ann Roe, D-Mich., a member of the team, said it was over.",
                "said",
                Some(("Sen. Ann Roe", "D-Mich., a member of the team")),
            ),
            ("The spokesman, Ann Roe, said it was over.", "said", Some(("Ann Roe", "The spokesman"))),
            ("Ann Roe also said it was over.", "said", Some(("Ann Roe", ""))),
            ("Ann Roe, during the visit, said it was over.", "said", Some(("Ann Roe", ""))),
        ];
        for (text, cue, want) in rows {
            let want = want.map(|(n, a)| (n.to_string(), a.to_string()));
            assert_eq!(subject(text, cue), want, "{text}");
        }
    }

    #[test]
    fn phrases_after_a_word() {
        let rows: &[(&str, &str, Option<&str>)] = &[
            ("according to a spokesman for the camp, it was over.", "to", Some("a spokesman for the camp")),
            ("said Ann Roe, a nurse.", "said", Some("Ann Roe")),
            ("said the ongoing legal battle over whether", "said", Some("the ongoing legal battle")),
        ];
        for (text, after, want) in rows {
            assert_eq!(phrase_after(text, after).as_deref(), *want, "{text}");
        }
    }
}
