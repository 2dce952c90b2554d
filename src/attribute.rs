//! Attribution: pairs each quoted span with its speaker.
//!
//! Each paragraph becomes a row of tokens in which every quote is one token and every
//! gazetteer match covers its words. A quote's speaker is then found by these rules, first
//! match wins:
//!
//! 1. a cue right after the quote: `“…,” said X` or `“…,” X said` (with appositions);
//! 2. the nearest cue before the quote in its sentence: `X said that “…”`, `X told Y: “…”`,
//!    `according to X, “…”`, participles (`…, saying “…”`) and elided subjects (`and added`)
//!    take the clause's subject;
//! 3. a cue later in the sentence: `… “…” in the energy sphere, the ministry said`;
//! 4. an earlier attributed quote in the same paragraph (`“A,” X said. “B.”`);
//! 5. a paragraph that opens with a quote and has no cue takes the speaker of the paragraph
//!    before it (`continuation`).
//!
//! The words next to the cue are read as a noun phrase: a gazetteer name, a name not in the
//! gazetteer (capitalised words), a surname resolved to the fullest form earlier (or later) in
//! the article, a pronoun resolved to the latest compatible person, a role ("the US
//! president") resolved through the gazetteer to someone the article mentions, or a
//! description ("the statement", "a spokesman for the campaign").

use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;

use crate::gazetteer::{EntityKind, Gazetteer, Gender};
use crate::lexicon::{CueClass, Lexicon, PronounKind, RoleWord};
use crate::mention::{Matcher, Mention, Payload};
use crate::record::Method;
use crate::segment::QuoteSpan;
use crate::text::is_space;

/// A token of a paragraph.
#[derive(Debug, Clone)]
pub struct Tok {
    /// Byte offset of the first character.
    pub s: usize,
    /// Byte offset one past the last character.
    pub e: usize,
    /// What it is.
    pub kind: TokKind,
    /// The mention starting at this token, and the index of the token after it.
    pub mention: Option<(u32, usize)>,
    /// Inside a mention that started at an earlier token.
    pub inside: bool,
}

/// Token kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// A word (letters, digits, inner `.'’-&`), an abbreviation with its period.
    Word,
    /// A possessive ending `’s`.
    Possessive,
    /// One punctuation character.
    Punct(char),
    /// A whole quote (index into the document's quotes).
    Quote(usize),
}

const ABBREVIATIONS: &[&str] = &[
    "Amb", "Apr", "Aug", "Capt", "Cmdr", "Co", "Col", "Corp", "Dec", "Dr", "Feb", "Gen", "Gov", "Inc", "Jan",
    "Jr", "Lt", "Ltd", "Mr", "Mrs", "Ms", "No", "Nov", "Oct", "Prof", "Rep", "Rev", "Sen", "Sep", "Sept",
    "Sgt", "Sr", "St", "vs",
];

/// Splits a paragraph into tokens; `quotes` are the document's top-level quotes.
pub fn tokenize(text: &str, start: usize, end: usize, quotes: &[QuoteSpan], first_quote: usize) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut qi = first_quote;
    let mut i = start;
    let tok = |s, e, kind| Tok { s, e, kind, mention: None, inside: false };
    while i < end {
        while qi < quotes.len() && quotes[qi].open < i {
            qi += 1;
        }
        if qi < quotes.len() && quotes[qi].open == i {
            toks.push(tok(i, quotes[qi].close_end, TokKind::Quote(qi)));
            i = quotes[qi].close_end.max(i + 1);
            qi += 1;
            continue;
        }
        let c = text[i..].chars().next().expect("i < end is a char boundary");
        if is_space(c) {
            i += c.len_utf8();
            continue;
        }
        if !c.is_alphanumeric() {
            toks.push(tok(i, i + c.len_utf8(), TokKind::Punct(c)));
            i += c.len_utf8();
            continue;
        }
        let mut j = i;
        let bytes = text.as_bytes();
        loop {
            while j < end {
                let ch = text[j..].chars().next().expect("boundary");
                if !ch.is_alphanumeric() {
                    break;
                }
                j += ch.len_utf8();
            }
            if j >= end {
                break;
            }
            let ch = text[j..].chars().next().expect("boundary");
            let after = j + ch.len_utf8();
            let joins = matches!(ch, '\'' | '’' | '-' | '.' | '&')
                && after < end
                && text[after..].chars().next().is_some_and(char::is_alphanumeric)
                && !(qi < quotes.len() && quotes[qi].open == j);
            if joins {
                j = after;
            } else {
                break;
            }
        }
        let word = &text[i..j];
        // A possessive ending is its own token, so "China’s" is a mention of China.
        let poss = ["’s", "'s", "’S", "'S"].iter().find(|p| word.len() > p.len() + 1 && word.ends_with(**p));
        if let Some(p) = poss {
            toks.push(tok(i, j - p.len(), TokKind::Word));
            toks.push(tok(j - p.len(), j, TokKind::Possessive));
            i = j;
            continue;
        }
        // An abbreviation keeps its period: "Mr.", "U.S.", "V.".
        if j < end && bytes[j] == b'.' {
            let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            if initial || word.contains('.') || ABBREVIATIONS.contains(&word) {
                j += 1;
            }
        }
        toks.push(tok(i, j, TokKind::Word));
        i = j;
    }
    toks
}

/// Marks which tokens mentions cover. `mentions` are sorted; only mentions that start and end
/// on token edges count.
pub fn attach_mentions(toks: &mut [Tok], mentions: &[Mention]) {
    let mut mi = mentions.partition_point(|m| toks.first().is_some_and(|t| m.start < t.s));
    let mut t = 0;
    while t < toks.len() && mi < mentions.len() {
        let m = mentions[mi];
        if m.start < toks[t].s {
            mi += 1;
            continue;
        }
        if m.start > toks[t].s || matches!(toks[t].kind, TokKind::Quote(_)) {
            t += 1;
            continue;
        }
        let mut u = t;
        while u < toks.len() && toks[u].e < m.end && !matches!(toks[u].kind, TokKind::Quote(_)) {
            u += 1;
        }
        if u < toks.len() && toks[u].e == m.end {
            toks[t].mention = Some((mi as u32, u + 1));
            for x in &mut toks[t + 1..=u] {
                x.inside = true;
            }
            t = u + 1;
        } else {
            t += 1;
        }
        mi += 1;
    }
}

/// Who a speaker is, once resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Speaker {
    /// Canonical or fullest name, or a description.
    pub name: String,
    /// Gazetteer entry index.
    pub entry: Option<u32>,
    /// Person or organisation (descriptions count as organisations unless a person noun).
    pub person: bool,
    /// For pronouns.
    pub gender: Gender,
}

/// The result of attributing one quote.
#[derive(Debug, Clone)]
pub struct Attribution {
    /// The speaker.
    pub speaker: Speaker,
    /// How it was found.
    pub method: Method,
    /// The cue, lowercase as in the data, or empty.
    pub cue: String,
    /// The words naming the speaker here.
    pub mention: String,
    /// Role as written at this place, or empty.
    pub role: String,
    /// 0 to 1.
    pub confidence: f32,
    /// Byte offset of the cue (for ordering antecedents).
    pub at: usize,
}

/// A name unit found in the text, for surname and pronoun resolution.
#[derive(Debug, Clone)]
struct NameUnit {
    at: usize,
    name: String,
    first: String,
    last: String,
    entry: Option<u32>,
    gender: Gender,
    person: bool,
    /// Contains an organisation word ("Trump University"): never a person's full name.
    org: bool,
    full: bool,
}

/// Per-document state for attribution.
pub struct DocContext<'a> {
    text: &'a str,
    matcher: &'a Matcher,
    gazetteer: &'a Gazetteer,
    lexicon: &'a Lexicon,
    mentions: &'a [Mention],
    units: Vec<NameUnit>,
    antecedents: Vec<NameUnit>,
    /// Sentence ends of the paragraph being attributed, and which paragraph that is.
    ends: Vec<bool>,
    ends_for: (usize, usize),
    /// Full personal names by surname (last word, and first word of two-word names): indices
    /// into `units`, in text order.
    by_surname: HashMap<String, Vec<usize>>,
    /// Two-word names by their first word, for family-name-first names ("Zhang" of "Zhang
    /// Jun"): used only when no name ends with the surname.
    by_first_word: HashMap<String, Vec<usize>>,
    roles: HashMap<String, String>,
    last: Option<Attribution>,
    /// The gazetteer entry of each unit (a surname resolved once), built after scanning.
    unit_entries: OnceCell<Vec<Option<u32>>>,
    /// Per (title, country): the units whose entry holds that role, as (unit index, entry).
    role_holders: RefCell<HashMap<(u32, Option<u32>), RoleHolders>>,
}

/// The units whose gazetteer entry holds one role, as (unit index, entry), in text order.
type RoleHolders = Vec<(usize, u32)>;

/// A speaker read from a noun phrase: who, how, the words naming them, the role written there.
type Found = (Speaker, Method, String, String);

/// A speaker found with an apposition ("Ned Price, the State Department spokesman"): the method
/// says so, and the apposition is the role unless the phrase itself wrote one.
fn with_apposition(found: Found, appo: String) -> Found {
    let (sp, method, mention, role) = found;
    let method = if !appo.is_empty() && method == Method::Explicit { Method::Apposition } else { method };
    let role = if role.is_empty() { appo } else { role };
    (sp, method, mention, role)
}

/// A noun phrase: tokens `[a, b)` of a paragraph.
#[derive(Debug, Clone, Copy)]
struct Np {
    a: usize,
    b: usize,
}

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "one", "another", "his", "her", "their", "its", "this", "these", "those", "some",
    "many", "several", "two", "three", "both", "our", "my", "other",
];
const CONNECTORS: &[&str] = &["of", "for", "at", "in", "from", "with", "to", "on", "and"];
const ADVERBS: &[&str] = &[
    "also",
    "later",
    "then",
    "has",
    "had",
    "have",
    "would",
    "will",
    "could",
    "did",
    "does",
    "once",
    "just",
    "further",
    "again",
    "still",
    "earlier",
    "now",
    "previously",
    "recently",
    "repeatedly",
    "often",
    "has",
    "reportedly",
    "simply",
    "flatly",
    "publicly",
    "privately",
    "firmly",
    "quickly",
    "had",
    "even",
    "already",
    "long",
    "never",
    "ever",
    "first",
    "last",
    "yesterday",
    "today",
    "tonight",
    "instead",
    "however",
    "too",
    "not",
];
/// How far from a quote, in tokens, its sentence is read at most.
const SENTENCE_WINDOW: usize = 80;
/// How many earlier names a pronoun or a role is resolved against at most.
const LOOKBACK: usize = 400;

const PARTICLES: &[&str] =
    &["de", "del", "der", "van", "von", "bin", "al", "da", "di", "du", "la", "le", "ben", "dos"];
const NAME_SUFFIXES: &[&str] = &["Jr.", "Sr.", "II", "III", "IV"];

impl<'a> DocContext<'a> {
    /// Prepares attribution for one document.
    pub fn new(
        text: &'a str,
        matcher: &'a Matcher,
        gazetteer: &'a Gazetteer,
        lexicon: &'a Lexicon,
        mentions: &'a [Mention],
    ) -> DocContext<'a> {
        DocContext {
            text,
            matcher,
            gazetteer,
            lexicon,
            mentions,
            units: Vec::new(),
            antecedents: Vec::new(),
            ends: Vec::new(),
            ends_for: (0, 0),
            by_surname: HashMap::new(),
            by_first_word: HashMap::new(),
            unit_entries: OnceCell::new(),
            role_holders: RefCell::new(HashMap::new()),
            last: None,
            roles: HashMap::new(),
        }
    }

    fn word(&self, t: &Tok) -> &'a str {
        &self.text[t.s..t.e]
    }

    /// What the mention starting at `t` stands for (nothing when none starts there).
    fn payloads(&self, t: &Tok) -> impl Iterator<Item = Payload> + Clone + '_ {
        t.mention
            .into_iter()
            .flat_map(move |(m, _)| self.matcher.payloads(&self.mentions[m as usize], self.text))
    }

    /// Whether any token of a paragraph is a cue.
    pub fn has_cue(&self, toks: &[Tok]) -> bool {
        toks.iter().any(|t| self.cue_of(t).is_some())
    }

    fn cue_of(&self, t: &Tok) -> Option<u32> {
        self.payloads(t).into_iter().find_map(|p| if let Payload::Cue(c) = p { Some(c) } else { None })
    }

    fn is_capitalized(&self, t: &Tok) -> bool {
        t.kind == TokKind::Word && self.word(t).chars().next().is_some_and(char::is_uppercase)
    }

    /// A token that can be part of a person's or organisation's name.
    fn is_name_word(&self, toks: &[Tok], i: usize) -> bool {
        let t = &toks[i];
        if t.kind != TokKind::Word || t.inside {
            return false;
        }
        let w = self.word(t);
        // Most words are lower case and not particles: answer them before any lookup.
        let capitalized = w.as_bytes()[0].is_ascii_uppercase() || self.is_capitalized(t);
        if !(capitalized || t.mention.is_some() || PARTICLES.contains(&w)) {
            return false;
        }
        if self.lexicon.stopwords.contains(w)
            && (i == 0 || !self.is_capitalized(&toks[i - 1]) || self.lexicon.never_names.contains(w))
        {
            return false;
        }
        // Headings in capitals ("WASHINGTON", "OBAMA’S LAST STATE") and sentence adverbs.
        if w.chars().count() >= 5 && w.chars().all(|c| !c.is_lowercase()) && t.mention.is_none() {
            return false;
        }
        if (w.ends_with("ly") || w.ends_with("ing"))
            && (i == 0 || matches!(toks[i - 1].kind, TokKind::Punct(_) | TokKind::Quote(_)))
            && t.mention.is_none()
        {
            return false;
        }
        let ps = self.payloads(t);
        if ps.clone().any(|p| {
            matches!(p, Payload::Title(_) | Payload::Country(_) | Payload::Cue(_) | Payload::Honorific(_))
        }) && !ps.clone().any(|p| matches!(p, Payload::Entity(_) | Payload::Surname(_)))
        {
            return false;
        }
        if self.lexicon.role_word(w).is_some_and(|r| r != RoleWord::Group) {
            return false;
        }
        if self.lexicon.pronoun(w).is_some() {
            return false;
        }
        self.is_capitalized(t) || PARTICLES.contains(&w) && i > 0 && self.is_capitalized(&toks[i - 1])
    }

    /// Records every name unit of a paragraph (for surnames and pronouns), in text order.
    pub fn scan_names(&mut self, toks: &[Tok]) {
        let mut i = 0;
        while i < toks.len() {
            if let Some((u, next)) = self.unit_at(toks, i) {
                if u.full && u.person {
                    let ua = toks[i..next].iter().position(|t| t.s == u.at).map_or(i, |x| i + x);
                    let role = self.premodifier_role(toks, 0, ua);
                    let key =
                        u.entry.map_or(u.name.clone(), |e| self.gazetteer.entries()[e as usize].name.clone());
                    if !role.is_empty() {
                        self.roles.entry(key).or_insert(role);
                    }
                }
                if u.full && !u.org {
                    let idx = self.units.len();
                    self.by_surname.entry(u.last.clone()).or_default().push(idx);
                    if u.first != u.last && u.name.split_whitespace().count() == 2 {
                        self.by_first_word.entry(u.first.clone()).or_default().push(idx);
                    }
                }
                self.units.push(u);
                i = next;
            } else {
                i += 1;
            }
        }
    }

    /// The name unit starting at token `i`, and the token after it.
    fn unit_at(&self, toks: &[Tok], i: usize) -> Option<(NameUnit, usize)> {
        let t = &toks[i];
        if t.inside
            || t.mention.is_none()
                && (t.kind != TokKind::Word
                    || !self.word(t).as_bytes()[0].is_ascii_uppercase() && !self.is_capitalized(t))
        {
            return None;
        }
        if let Some((_, end)) = t.mention {
            for p in self.payloads(t) {
                match p {
                    Payload::Entity(e) => {
                        let entry = &self.gazetteer.entries()[e as usize];
                        let word = &self.text[t.s..toks[end - 1].e];
                        if entry.kind == EntityKind::Organization
                            && self.by_surname.get(word).is_some_and(|l| {
                                l.iter().any(|&x| {
                                    self.units[x].at < t.s
                                        && self.units[x].person
                                        && self.units[x].last == word
                                })
                            })
                        {
                            // "Israel said" after "Rep. Steve Israel": the person, not the country.
                            let unit = NameUnit {
                                at: t.s,
                                name: word.into(),
                                first: word.into(),
                                last: word.into(),
                                entry: None,
                                gender: Gender::Unknown,
                                person: true,
                                org: false,
                                full: false,
                            };
                            return Some((unit, end));
                        }
                        let person = entry.kind == EntityKind::Person;
                        let unit = NameUnit {
                            at: t.s,
                            name: entry.name.clone(),
                            first: entry.surname.clone(),
                            last: entry.surname.clone(),
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
                        let w = &self.text[t.s..toks[end - 1].e];
                        let gender = if i > 0 {
                            self.honorific_gender(&toks[i - 1]).unwrap_or(Gender::Unknown)
                        } else {
                            Gender::Unknown
                        };
                        let unit = NameUnit {
                            at: t.s,
                            name: w.into(),
                            first: w.into(),
                            last: w.into(),
                            entry: None,
                            gender,
                            person: true,
                            org: false,
                            full: false,
                        };
                        return Some((unit, end));
                    }
                    _ => {}
                }
            }
        }
        if !self.is_name_word(toks, i) || PARTICLES.contains(&self.word(t)) {
            return None;
        }
        let mut j = i + 1;
        while j < toks.len()
            && (self.is_name_word(toks, j) && (toks[j].mention.is_none() || self.is_surname_only(&toks[j]))
                || NAME_SUFFIXES.contains(&self.word(&toks[j])))
        {
            j += 1;
        }
        while j > i + 1 && PARTICLES.contains(&self.word(&toks[j - 1])) {
            j -= 1;
        }
        // A long run of capitals starts at its first given name ("Political Affairs Victoria
        // Nuland" is Victoria Nuland; "Mary Kay Henry" stays whole).
        let i = if j - i > 2 {
            (i..j - 1).find(|&x| self.lexicon.is_given_name(self.word(&toks[x]))).unwrap_or(i)
        } else {
            i
        };
        let t = &toks[i];
        let words: Vec<&str> = toks[i..j].iter().map(|t| self.word(t)).collect();
        let name = self.text[t.s..toks[j - 1].e].to_string();
        let last =
            words.iter().rev().find(|w| !NAME_SUFFIXES.contains(w)).copied().unwrap_or(words[0]).to_string();
        let honorific = i > 0 && self.honorific_gender(&toks[i - 1]).is_some();
        let given = self.lexicon.given_name_gender(words[0]);
        let org = words.iter().any(|w| self.lexicon.role_word(w) == Some(RoleWord::Group));
        let gender =
            if honorific { self.honorific_gender(&toks[i - 1]).unwrap_or(Gender::Unknown) } else { given };
        let person = !org && (honorific || words.len() >= 2 && self.lexicon.is_given_name(words[0]));
        let first = words[0].to_string();
        Some((
            NameUnit { at: t.s, name, first, last, entry: None, gender, person, org, full: words.len() >= 2 },
            j,
        ))
    }

    /// Steps left over a short parenthetical ending just before `j`: "Sen. Ted Cruz (R-Texas)".
    fn skip_parenthetical(&self, toks: &[Tok], j: usize, lo: usize) -> usize {
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

    /// A cue word used as a noun: "rejected reports of …", "the claims".
    fn noun_like_cue(&self, toks: &[Tok], k: usize, c: u32, ss: usize) -> bool {
        if !self.matcher.cue_form(c).ends_with('s') || k == ss {
            return false;
        }
        let p = &toks[k - 1];
        p.kind == TokKind::Word
            && !self.is_capitalized(p)
            && !self.is_adverb(p)
            && self.lexicon.pronoun(self.word(p)).is_none()
            && self.lexicon.role_word(self.word(p)).is_none()
            && !matches!(&*self.lower(p), "and" | "but" | "who" | "which" | "that")
    }

    /// A role noun such as "spokesman", "analyst", "president" (not a modifier or a document).
    fn is_role_noun(&self, t: &Tok) -> bool {
        t.kind == TokKind::Word
            && (self.lexicon.role_word(self.word(t)) == Some(RoleWord::Title)
                || self.payloads(t).any(|p| matches!(p, Payload::Title(_))))
    }

    fn is_surname_only(&self, t: &Tok) -> bool {
        let ps = self.payloads(t);
        ps.clone().any(|p| matches!(p, Payload::Surname(_)))
            && !ps.clone().any(|p| matches!(p, Payload::Entity(_)))
    }

    fn honorific_gender(&self, t: &Tok) -> Option<Gender> {
        self.payloads(t).into_iter().find_map(|p| {
            if let Payload::Honorific(h) = p {
                Some(self.lexicon.honorifics[h as usize].1)
            } else {
                None
            }
        })
    }

    /// Computes, once per paragraph, after which tokens a sentence ends.
    fn prepare(&mut self, toks: &[Tok]) {
        let key = (toks.as_ptr() as usize, toks.len());
        if self.ends_for == key {
            return;
        }
        self.ends_for = key;
        let starts =
            |n: Option<&Tok>| n.is_none_or(|n| self.is_capitalized(n) || matches!(n.kind, TokKind::Quote(_)));
        let ends: Vec<bool> = (0..toks.len())
            .map(|k| match toks[k].kind {
                TokKind::Punct('.' | '?' | '!') => starts(toks.get(k + 1)),
                TokKind::Quote(_) => {
                    let inner = self.text[toks[k].s..toks[k].e]
                        .trim_end_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '.' | '?' | '!'));
                    inner.ends_with(['.', '?', '!']) && toks.get(k + 1).is_some_and(|n| starts(Some(n)))
                }
                _ => false,
            })
            .collect();
        self.ends = ends;
    }

    /// Sentence boundaries: index of the first token of the sentence containing `i`, and one
    /// past its last token. `prepare` must have been called for this paragraph.
    fn sentence(&self, toks: &[Tok], i: usize) -> (usize, usize) {
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

    /// The word in lower case, borrowed when it already is (most function words are).
    fn lower(&self, t: &Tok) -> Cow<'a, str> {
        let w = self.word(t);
        if w.is_ascii() && !w.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Borrowed(w)
        } else {
            Cow::Owned(w.to_lowercase())
        }
    }

    fn is_determiner(&self, t: &Tok) -> bool {
        t.kind == TokKind::Word && DETERMINERS.contains(&&*self.lower(t))
    }

    /// A token that can sit inside a speaker's noun phrase.
    fn np_word(&self, toks: &[Tok], i: usize) -> bool {
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
                    && !(i > 0
                        && matches!(toks[i - 1].kind, TokKind::Punct('.'))
                        && self.lexicon.stopwords.contains(w))
                    || self.lexicon.role_word(w).is_some()
                    || w.starts_with("then-")
            }
            _ => false,
        }
    }

    fn is_adverb(&self, t: &Tok) -> bool {
        if t.kind != TokKind::Word || self.cue_of(t).is_some() {
            return false;
        }
        let w = self.word(t);
        ADVERBS.contains(&w) || w.len() > 4 && w.ends_with("ly") && w.chars().all(|c| c.is_lowercase())
    }

    /// The noun phrase ending just before token `k` (walking left, not before `lo`).
    fn np_left(&self, toks: &[Tok], k: usize, lo: usize) -> Option<Np> {
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
            if a == b && t.kind == TokKind::Word && self.lexicon.pronoun(self.word(t)).is_some() {
                return Some(Np { a: i, b });
            }
            if self.is_determiner(t) {
                // "the German Marshall Fund in the United States": go on through "of/in the".
                let through = i > lo + 1
                    && CONNECTORS.contains(&&*self.lower(&toks[i - 1]))
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
                && CONNECTORS.contains(&&*self.lower(t))
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
        while a < b && toks[a].kind == TokKind::Word && CONNECTORS.contains(&&*self.lower(&toks[a])) {
            a += 1;
        }
        (a < b).then_some(Np { a, b })
    }

    /// The noun phrase starting at token `k` (walking right, before `hi`).
    fn np_right(&self, toks: &[Tok], k: usize, hi: usize) -> Option<Np> {
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
            if t.inside || self.np_word(toks, b) || self.is_determiner(t) {
                seen_head |= !self.is_determiner(t)
                    && (t.mention.is_some()
                        || self.is_capitalized(t)
                        || self.lexicon.role_word(self.word(t)).is_some_and(|r| r != RoleWord::Modifier));
                plain = 0;
                b += 1;
                continue;
            }
            if b == k && t.kind == TokKind::Word && self.lexicon.pronoun(self.word(t)).is_some() {
                return Some(Np { a: k, b: b + 1 });
            }
            let w = self.lower(t);
            let connector = matches!(&*w, "of" | "for" | "by" | "to" | "from");
            if t.kind == TokKind::Word
                && (connector
                    || starts_det
                        && w.chars().all(char::is_lowercase)
                        && !matches!(
                            &*w,
                            "in" | "on"
                                | "at"
                                | "during"
                                | "after"
                                | "before"
                                | "when"
                                | "while"
                                | "who"
                                | "which"
                                | "that"
                                | "as"
                                | "and"
                                | "but"
                        ))
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
        while b > k
            && toks[b - 1].kind == TokKind::Word
            && (CONNECTORS.contains(&&*self.lower(&toks[b - 1])) || self.is_determiner(&toks[b - 1]))
        {
            b -= 1;
        }
        (b > k).then_some(Np { a: k, b })
    }

    /// Reads a noun phrase as a speaker. Returns the speaker, the method, the mention text and
    /// the role written inside the phrase.
    fn interpret(&self, toks: &[Tok], np: Np, pos: usize) -> Option<Found> {
        let text_of = |a: usize, b: usize| self.text[toks[a].s..toks[b - 1].e].to_string();
        // One pass over the phrase: its name units, and where the core ends and a post-modifier
        // begins ("Bonnie Glaser | of the German Marshall Fund").
        let mut units: Vec<(NameUnit, usize, usize)> = Vec::new();
        let mut core_end = np.b;
        let mut i = np.a;
        while i < np.b {
            if let Some((u, end)) = self.unit_at(toks, i).filter(|(_, end)| *end <= np.b) {
                units.push((u, i, end));
                i = end;
                continue;
            }
            let t = &toks[i];
            if !units.is_empty()
                && t.kind == TokKind::Word
                && matches!(&*self.lower(t), "of" | "for" | "at" | "in" | "from" | "with" | "by")
            {
                core_end = i;
                break;
            }
            i = t.mention.map_or(i + 1, |m| m.1.max(i + 1));
        }
        // The head: the last name unit of the core. "Obama’s former strategist", "the State
        // Department spokesman": a name followed by a possessive or a role noun modifies the
        // head, it is not it.
        let mut best: Option<(NameUnit, usize, usize)> = None;
        for (u, ua, end) in units.into_iter().filter(|(_, _, end)| *end <= core_end) {
            let modifies = end < core_end
                && (toks[end].kind == TokKind::Possessive
                    || toks[end..core_end].iter().any(|t| self.is_role_noun(t))
                        && self.unit_at(toks, end).is_none());
            best = if modifies { None } else { Some((u, ua, end)) };
        }
        if let Some((unit, ua, ub)) = best {
            // unit_at starts a long capitalised run at its first given name ("Political Affairs
            // Victoria Nuland"): the unit may begin after token `ua`.
            let ua = (ua..ub).find(|&x| toks[x].s == unit.at).unwrap_or(ua);
            let mut role = String::new();
            if ua > np.a {
                role = self.premodifier_role(toks, np.a, ua);
            }
            if core_end < np.b {
                role = if role.is_empty() {
                    text_of(core_end, np.b)
                } else {
                    format!("{role} {}", text_of(core_end, np.b))
                };
            }
            let mention = text_of(
                if ua > np.a && self.honorific_gender(&toks[ua - 1]).is_some() { ua - 1 } else { ua },
                ub,
            );
            let (speaker, method) = self.resolve_unit(&unit, pos);
            return Some((speaker, method, mention, role));
        }
        let words: Vec<&Tok> = toks[np.a..np.b].iter().collect();
        if words.len() == 1 && words[0].kind == TokKind::Word {
            let w = self.word(words[0]);
            if let Some(kind) = self.lexicon.pronoun(w) {
                if matches!(w, "I" | "we" | "We") {
                    // The writer or a group speaking for itself: say so as written.
                    let sp =
                        Speaker { name: w.to_string(), entry: None, person: true, gender: Gender::Unknown };
                    return Some((sp, Method::Pronoun, w.to_string(), String::new()));
                }
                let speaker = self.resolve_pronoun(kind, pos)?;
                return Some((speaker, Method::Pronoun, w.to_string(), String::new()));
            }
        }
        // A role: "the US president", "China’s foreign minister".
        let mut title = None;
        let mut country = None;
        for t in &toks[np.a..np.b] {
            for p in self.payloads(t) {
                match p {
                    Payload::Title(x) => title = Some(x),
                    Payload::Country(c) => country = Some(c),
                    _ => {}
                }
            }
        }
        let phrase = text_of(np.a, np.b);
        if let Some(title) = title {
            if let Some(e) = self.resolve_role(title, country, pos) {
                let entry = &self.gazetteer.entries()[e as usize];
                let sp =
                    Speaker { name: entry.name.clone(), entry: Some(e), person: true, gender: entry.gender };
                return Some((sp, Method::Role, phrase.clone(), phrase));
            }
        }
        // A country standing for its government: "China tells U.S.".
        if title.is_none()
            && country.is_some()
            && toks[np.a..np.b].iter().all(|t| t.inside || t.mention.is_some() || self.is_determiner(t))
        {
            let sp = Speaker { name: phrase.clone(), entry: None, person: false, gender: Gender::Unknown };
            return Some((sp, Method::Organization, phrase.clone(), String::new()));
        }
        // A document with its author: "a readout … published by CGTN".
        let has_doc = toks[np.a..core_end.min(np.b)].iter().any(|t| {
            t.kind == TokKind::Word && self.lexicon.role_word(self.word(t)) == Some(RoleWord::Document)
        });
        if has_doc {
            let mut i = np.a;
            while i < np.b {
                if let Some((u, end)) = self.unit_at(toks, i) {
                    if u.full || u.entry.is_some() {
                        let (sp, _) = self.resolve_unit(&u, pos);
                        return Some((sp, Method::Organization, text_of(i, end), String::new()));
                    }
                    i = end;
                } else {
                    i += 1;
                }
            }
        }
        // A description: "the statement", "a spokesman for the campaign".
        let described = toks[np.a..np.b].iter().any(|t| {
            t.kind == TokKind::Word
                && self.lexicon.role_word(self.word(t)).is_some_and(|r| r != RoleWord::Modifier)
                || self.payloads(t).any(|p| matches!(p, Payload::Title(_)))
        });
        if described
            && (self.is_determiner(&toks[np.a]) || np.b - np.a == 1 && self.word(&toks[np.a]).ends_with('s'))
        {
            let person = toks[np.a..np.b].iter().any(|t| {
                t.kind == TokKind::Word && self.lexicon.role_word(self.word(t)) == Some(RoleWord::Title)
            });
            let sp = Speaker { name: phrase.clone(), entry: None, person, gender: Gender::Unknown };
            return Some((sp, Method::Explicit, phrase, String::new()));
        }
        None
    }

    /// The role written just before a name ("Rand Corporation analyst Derek Grossman",
    /// "U.S. Secretary of State for Political Affairs Victoria Nuland"): the contiguous
    /// capitalised and role words before it, when they include a role noun or title.
    fn premodifier_role(&self, toks: &[Tok], lo: usize, ua: usize) -> String {
        let mut a = ua;
        while a > lo {
            let i = a - 1;
            let t = &toks[i];
            let ok = t.inside
                || t.kind == TokKind::Possessive
                || self.np_word(toks, i) && !self.is_determiner(t)
                || t.kind == TokKind::Word
                    && matches!(&*self.lower(t), "of" | "for" | "and")
                    && i > lo
                    && self.np_word(toks, i - 1);
            if !ok {
                break;
            }
            a -= 1;
        }
        let has_role = toks[a..ua].iter().any(|t| self.is_role_noun(t) || self.honorific_gender(t).is_some());
        let only_honorific = toks[a..ua].iter().all(|t| t.inside || self.honorific_gender(t).is_some());
        if a == ua || !has_role || only_honorific {
            return String::new();
        }
        self.text[toks[a].s..toks[ua - 1].e].to_string()
    }

    fn resolve_unit(&self, unit: &NameUnit, pos: usize) -> (Speaker, Method) {
        if let Some(e) = unit.entry {
            let entry = &self.gazetteer.entries()[e as usize];
            let person = entry.kind == EntityKind::Person;
            let method = if person { Method::Explicit } else { Method::Organization };
            return (
                Speaker { name: entry.name.clone(), entry: Some(e), person, gender: entry.gender },
                method,
            );
        }
        if unit.full {
            let sp = Speaker { name: unit.name.clone(), entry: None, person: !unit.org, gender: unit.gender };
            return (sp, Method::Explicit);
        }
        // A surname: the latest full name before, else the first after, else the gazetteer.
        let surname = unit.last.as_str();
        // The latest full name before, else the first after (an index lookup, not a scan).
        let nearest = |index: &HashMap<String, Vec<usize>>| {
            index.get(surname).and_then(|list| {
                let k = list.partition_point(|&x| self.units[x].at < pos);
                let idx = if k > 0 { list[k - 1] } else { *list.get(k)? };
                Some(&self.units[idx])
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
        let group = self.matcher.people_with_surname(surname);
        if group.len() == 1 {
            let entry = &self.gazetteer.entries()[group[0] as usize];
            return (
                Speaker {
                    name: entry.name.clone(),
                    entry: Some(group[0]),
                    person: true,
                    gender: entry.gender,
                },
                Method::Surname,
            );
        }
        (Speaker { name: unit.name.clone(), entry: None, person: true, gender: unit.gender }, Method::Surname)
    }

    fn resolve_pronoun(&self, kind: PronounKind, pos: usize) -> Option<Speaker> {
        let fits = |u: &NameUnit| match kind {
            PronounKind::Male => u.person && u.gender != Gender::Female,
            PronounKind::Female => u.person && u.gender != Gender::Male,
            PronounKind::Any => true,
            PronounKind::Thing => !u.person,
        };
        let latest = |list: &[NameUnit]| -> Option<usize> {
            let k = list.partition_point(|u| u.at < pos);
            (k.saturating_sub(LOOKBACK)..k).rev().find(|&i| fits(&list[i]))
        };
        let a = latest(&self.antecedents).map(|i| &self.antecedents[i]);
        let b = latest(&self.units).map(|i| &self.units[i]);
        let best = match (a, b) {
            (Some(a), Some(b)) => Some(if a.at >= b.at { a } else { b }),
            (a, b) => a.or(b),
        };
        let u = best?;
        let (sp, _) = self.resolve_unit(u, u.at);
        Some(sp)
    }

    fn resolve_role(&self, title_index: u32, country: Option<u32>, pos: usize) -> Option<u32> {
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

    /// Attributes the quote at token `qi` of a paragraph.
    pub fn attribute(&mut self, toks: &[Tok], qi: usize, quotes: &[QuoteSpan]) -> Option<Attribution> {
        self.prepare(toks);
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
        // 2. The nearest cue before the quote in its sentence.
        if let Some(a) = self.cue_before(toks, qi, ss, se, pos) {
            return Some(a);
        }
        // 3. A cue later in the sentence.
        if let Some(a) = self.cue_after(toks, qi, se, false) {
            if self.text[q.start..q.end].split_whitespace().count() >= 3 {
                return Some(Attribution { confidence: a.confidence * 0.8, ..a });
            }
        }
        None
    }

    /// The nearest cue before the quote in its sentence that yields a speaker.
    fn cue_before(
        &mut self,
        toks: &[Tok],
        qi: usize,
        ss: usize,
        se: usize,
        pos: usize,
    ) -> Option<Attribution> {
        for k in (ss..qi).rev() {
            if let Some(c) = self.cue_of(&toks[k]) {
                if self.noun_like_cue(toks, k, c, ss) {
                    continue;
                }
                if let Some(a) = self.speaker_of_cue(toks, k, c, ss, se, pos) {
                    return Some(a);
                }
            }
        }
        None
    }

    /// A cue after the quote: adjacent (`“…,” X said`) or anywhere later in the sentence.
    fn cue_after(&mut self, toks: &[Tok], qi: usize, se: usize, adjacent: bool) -> Option<Attribution> {
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
                        if let Some((sp, method, mention, role)) = self.interpret(toks, np, pos) {
                            let appo = self.apposition_after(toks, np.b, se);
                            let found = with_apposition((sp, method, mention, role), appo);
                            return Some(self.finish(found, c, toks[j].s, 0.95));
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
                    let (sp, method, mention, role) = self.interpret(toks, np, pos)?;
                    let found = with_apposition((sp, method, mention, role), appo);
                    return Some(self.finish(found, c, toks[k].s, 0.95));
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

    /// The subject of the cue at `k`: the phrase before it, skipping one comma-enclosed
    /// apposition ("Wang Yi, the Chinese foreign minister, told"), which is returned as role.
    fn subject_left(&self, toks: &[Tok], k: usize, lo: usize) -> Option<(Np, String)> {
        let mut j = k;
        while j > lo && self.is_adverb(&toks[j - 1]) {
            j -= 1;
        }
        j = self.skip_parenthetical(toks, j, lo);
        if j > lo && matches!(toks[j - 1].kind, TokKind::Punct(',')) {
            let close = j - 1;
            let open = (lo..close).rev().find(|&i| {
                matches!(toks[i].kind, TokKind::Punct(',')) || matches!(toks[i].kind, TokKind::Quote(_))
            });
            let open = open.filter(|&o| matches!(toks[o].kind, TokKind::Punct(',')))?;
            let np = self.np_left(toks, open, lo)?;
            // "The mayor’s chief of staff, Ana Ruiz, said": the name between the commas is the
            // speaker and the description before it is the role.
            if let Some((u, end)) = self.unit_at(toks, open + 1) {
                let np_has_name = (np.a..np.b).any(|i| {
                    self.unit_at(toks, i).is_some_and(|(_, e)| {
                        e <= np.b && toks.get(e).is_none_or(|t| t.kind != TokKind::Possessive)
                    })
                });
                if end == close && (u.full || u.entry.is_some()) && !np_has_name {
                    let role = self.text[toks[np.a].s..toks[np.b - 1].e].to_string();
                    return Some((Np { a: open + 1, b: close }, role));
                }
            }
            let first = self.lower(&toks[open + 1]);
            let adverbial = [
                "in",
                "on",
                "at",
                "during",
                "after",
                "before",
                "speaking",
                "who",
                "which",
                "according",
                "when",
                "while",
                "however",
                "though",
                "meanwhile",
                "for",
                "like",
                "as",
                "with",
                "citing",
            ]
            .contains(&&*first);
            let appo = if adverbial || open + 1 >= close {
                String::new()
            } else {
                self.text[toks[open + 1].s..toks[close - 1].e].to_string()
            };
            return Some((np, appo));
        }
        let np = self.np_left(toks, k, lo)?;
        Some((np, String::new()))
    }

    /// ", the State Department spokesman." after an inverted cue: the role, to the sentence end.
    fn apposition_after(&self, toks: &[Tok], b: usize, se: usize) -> String {
        if b >= se || !matches!(toks[b].kind, TokKind::Punct(',')) || b + 1 >= se {
            return String::new();
        }
        let first = &toks[b + 1];
        let starts_role = self.is_determiner(first)
            || self.np_word(toks, b + 1)
            || first.kind == TokKind::Word && self.lexicon.role_word(self.word(first)).is_some();
        let first_lower = self.lower(first);
        if !starts_role
            || ["in", "on", "at", "who", "which", "adding", "saying", "when", "as"].contains(&&*first_lower)
        {
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
        self.text[toks[b + 1].s..toks[e - 1].e].trim_end_matches([',', ' ']).to_string()
    }

    /// The speaker of a cue before the quote (or later in its sentence).
    fn speaker_of_cue(
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
                let (sp, method, mention, role) = self.interpret(toks, np, pos)?;
                Some(self.finish((sp, method, mention, role), c, toks[k].s, 0.85))
            }
            CueClass::Finite | CueClass::Transitive | CueClass::Quoted => {
                if let Some((np, appo)) = self.subject_left(toks, k, ss) {
                    if let Some((sp, method, mention, role)) = self.interpret(toks, np, pos) {
                        let found = with_apposition((sp, method, mention, role), appo);
                        return Some(self.finish(found, c, toks[k].s, 0.9));
                    }
                }
                // Inverted before the quote: "said Ned Price: “…”" (never "called the KKK “…”").
                let inverts = class == CueClass::Finite;
                if inverts
                    && (k == ss
                        || k > ss && matches!(toks[k - 1].kind, TokKind::Punct(',') | TokKind::Quote(_)))
                {
                    if let Some(np) = self.np_right(toks, after, se) {
                        if let Some((sp, method, mention, role)) = self.interpret(toks, np, pos) {
                            return Some(self.finish((sp, method, mention, role), c, toks[k].s, 0.85));
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
                Some(if elided { a } else { Attribution { confidence: a.confidence * 0.8, ..a } })
            }
            CueClass::Participle => self.clause_subject(toks, k, c, ss, pos),
        }
    }

    /// An elided or distant subject: the first speaker-like phrase of the sentence.
    fn clause_subject(
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
        while i < k {
            if matches!(toks[i].kind, TokKind::Quote(_)) {
                i += 1;
                continue;
            }
            if let Some(np) = self.np_right(toks, i, k) {
                if let Some((sp, method, mention, role)) = self.interpret(toks, np, pos) {
                    return Some(self.finish((sp, method, mention, role), c, toks[k].s, 0.7));
                }
                i = np.b.max(i + 1);
            } else {
                i += 1;
            }
        }
        None
    }

    fn finish(&mut self, found: Found, cue: u32, at: usize, confidence: f32) -> Attribution {
        let (sp, method, mention, role) = found;
        let role = role.trim().trim_end_matches(',').to_string();
        let role = if role.is_empty() {
            self.roles.get(&sp.name).cloned().unwrap_or_default()
        } else {
            self.roles.entry(sp.name.clone()).or_insert_with(|| role.clone());
            role
        };
        let confidence = match method {
            Method::Pronoun => confidence * 0.85,
            Method::Role => confidence * 0.85,
            Method::Surname => confidence * 0.95,
            _ => confidence,
        };
        Attribution {
            speaker: sp,
            method,
            cue: self.matcher.cue_form(cue).to_string(),
            mention,
            role,
            confidence,
            at,
        }
    }

    /// Remembers a speaker as the latest antecedent for pronouns.
    pub fn remember(&mut self, a: &Attribution) {
        self.last = Some(a.clone());
        self.antecedents.push(NameUnit {
            at: a.at,
            name: a.speaker.name.clone(),
            first: a.speaker.name.split_whitespace().next().unwrap_or("").to_string(),
            last: a.speaker.name.split_whitespace().last().unwrap_or("").to_string(),
            entry: a.speaker.entry,
            gender: a.speaker.gender,
            person: a.speaker.person,
            org: !a.speaker.person,
            full: true,
        });
    }

    /// The speaker a paragraph introduces without quoting ("X said …", "X continued:"): the
    /// subject of its first cue, for a quote-only paragraph that follows.
    pub fn introduced(&mut self, toks: &[Tok]) -> Option<Attribution> {
        self.prepare(toks);
        for k in 0..toks.len() {
            if let Some(c) = self.cue_of(&toks[k]) {
                if matches!(self.matcher.cue_class(c), CueClass::Finite) {
                    let (ss, se) = self.sentence(toks, k);
                    let pos = toks[k].s;
                    if let Some(a) = self.speaker_of_cue(toks, k, c, ss, se, pos) {
                        return Some(a);
                    }
                }
            }
        }
        None
    }
}
