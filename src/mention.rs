//! Mentions: one pass over a document finds every name, alias and surname from the
//! gazetteer, every role title and country form, every cue phrase and honorific. The
//! extractor runs the pass over each paragraph's text outside its quotes (`find_between`): a
//! quote is read as one token, so a mention inside it would name nothing.
//!
//! A mention is only kept on word boundaries, so the pass looks only where a word starts: the
//! word is looked up among the patterns' first words (`first_words`) and the patterns' trie
//! (`trie`) is walked on from there. It finds the matches an Aho-Corasick automaton of the
//! same patterns would (a property test checks it against one), and builds in under a third of
//! its time, needing no failure transitions.
//!
//! Matching is ASCII case-insensitive (so "Said"/"said" and "Foreign Minister"/"foreign
//! minister" are one pattern: the patterns are in ASCII lower case and so is each byte of the
//! text the trie reads, which keeps it half the size of one that holds both cases of every
//! letter), leftmost-longest (so "Barack Obama" wins over "Obama"); names, surnames,
//! countries and honorifics are then checked for exact case, and every match is checked for
//! word boundaries.

mod first_words;
mod trie;

use rustc_hash::FxHashMap as HashMap;

use crate::error::{Error, Result};
use crate::gazetteer::{EntityKind, Gazetteer};
use crate::lexicon::{CueClass, Lexicon};
use crate::text::{char_at, char_before, is_word_char, next_word_start, on_word_boundaries};
use first_words::{word_run, FirstWords};
use trie::{State, Trie};

/// What a pattern stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Payload {
    /// A gazetteer entry's name or alias (index into the gazetteer entries).
    Entity(u32),
    /// A person's surname (index into the matcher's surname groups:
    /// [`Matcher::people_with_surname`] gives the people who have it).
    Surname(u32),
    /// A role title (index into [`Matcher::title`]).
    Title(u32),
    /// A country form (index into the gazetteer's countries).
    Country(u32),
    /// A cue phrase (index into the lexicon's cues).
    Cue(u32),
    /// An honorific (index into the lexicon's honorifics).
    Honorific(u32),
}

/// One bit per kind of [`Payload`] (`Payload::kind`), for asking what a mention stands for
/// without reading its payloads again.
pub(crate) mod kind {
    pub(crate) const ENTITY: u8 = 1;
    pub(crate) const SURNAME: u8 = 1 << 1;
    pub(crate) const TITLE: u8 = 1 << 2;
    pub(crate) const COUNTRY: u8 = 1 << 3;
    pub(crate) const CUE: u8 = 1 << 4;
    pub(crate) const HONORIFIC: u8 = 1 << 5;
}

impl Payload {
    fn case_sensitive(self) -> bool {
        !matches!(self, Payload::Title(_) | Payload::Cue(_))
    }

    /// Its kind's bit (see [`kind`]).
    pub(crate) fn kind(self) -> u8 {
        match self {
            Payload::Entity(_) => kind::ENTITY,
            Payload::Surname(_) => kind::SURNAME,
            Payload::Title(_) => kind::TITLE,
            Payload::Country(_) => kind::COUNTRY,
            Payload::Cue(_) => kind::CUE,
            Payload::Honorific(_) => kind::HONORIFIC,
        }
    }
}

/// One match: a byte range of the document and the pattern it matched. Offsets are `u32` (12
/// bytes a mention): [`Matcher::find`] reads at most the first [`MAX_TEXT`] bytes of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset of the first character.
    pub start: u32,
    /// Byte offset one past the last character.
    pub end: u32,
    /// The pattern.
    pub pattern: u32,
}

impl Mention {
    /// Its byte range in the text.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// The most bytes of a text the stage functions read ([`Matcher::find`],
/// [`crate::segment::quotes`]): their offsets are `u32`. [`crate::Extractor`] reads a longer
/// document as parts of at most this size.
pub const MAX_TEXT: usize = u32::MAX as usize;

/// The longest prefix of `text` of at most [`MAX_TEXT`] bytes that ends on a char boundary.
pub(crate) fn readable_prefix(text: &str) -> &str {
    if text.len() <= MAX_TEXT {
        return text;
    }
    let mut end = MAX_TEXT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The compiled automaton with what each pattern stands for.
#[derive(Debug)]
pub struct Matcher {
    /// The patterns (ASCII lower case) as a trie, walked by [`Self::longest_from`] over the
    /// text's bytes in ASCII lower case.
    trie: Trie,
    /// The bytes a pattern can start with, in either ASCII case.
    openers: [bool; 256],
    /// The patterns' first words, with the trie's state after each.
    first_words: FirstWords,
    /// Per pattern: (payload, the form as written in the data).
    payloads: Vec<Vec<(Payload, Box<str>)>>,
    titles: Vec<String>,
    surname_groups: Vec<Vec<u32>>,
    surname_index: HashMap<String, u32>,
    /// The language data the cue payloads index into.
    lexicon: &'static Lexicon,
}

impl Matcher {
    /// Compiles the gazetteer and lexicon into one automaton.
    pub fn new(gazetteer: &Gazetteer, lexicon: &'static Lexicon) -> Result<Matcher> {
        // Sized for the forms to come (each entry's name, aliases and surname, and the language's
        // cues and honorifics): grown from empty, 90,000 patterns were rehashed and copied
        // over and over.
        let forms = gazetteer.entries().iter().map(|e| 2 + e.aliases.len()).sum::<usize>()
            + lexicon.cues.len()
            + lexicon.honorifics.len();
        let mut index: HashMap<String, u32> = HashMap::with_capacity_and_hasher(forms, Default::default());
        let mut patterns: Vec<String> = Vec::with_capacity(forms);
        let mut payloads: Vec<Vec<(Payload, Box<str>)>> = Vec::with_capacity(forms);
        let mut add = |form: &str, p: Payload| {
            let form = form.trim();
            if form.is_empty() {
                return;
            }
            let key = form.to_ascii_lowercase();
            let id = *index.entry(key.clone()).or_insert_with(|| {
                patterns.push(key);
                payloads.push(Vec::new());
                (patterns.len() - 1) as u32
            });
            let list = &mut payloads[id as usize];
            if !list.iter().any(|(q, f)| *q == p && **f == *form) {
                list.push((p, form.into()));
            }
        };
        let mut surnames: HashMap<&str, Vec<u32>> =
            HashMap::with_capacity_and_hasher(gazetteer.entries().len(), Default::default());
        let mut titles: Vec<String> = Vec::new();
        let mut title_index: HashMap<String, u32> = HashMap::default();
        for (i, e) in gazetteer.entries().iter().enumerate() {
            let i = i as u32;
            add(&e.name, Payload::Entity(i));
            for a in &e.aliases {
                add(a, Payload::Entity(i));
            }
            if e.kind == EntityKind::Person && !e.surname.is_empty() && e.surname != e.name {
                surnames.entry(e.surname.as_str()).or_default().push(i);
            }
            for r in &e.roles {
                for t in r.title.split('/') {
                    let t = t.trim().to_lowercase();
                    if !t.is_empty() && !title_index.contains_key(&t) {
                        title_index.insert(t.clone(), titles.len() as u32);
                        titles.push(t);
                    }
                }
            }
        }
        let mut surname_groups: Vec<Vec<u32>> = Vec::new();
        let mut surname_index = HashMap::default();
        // In byte order (the names are distinct), whatever the order of the map.
        let mut sorted: Vec<(&str, Vec<u32>)> = surnames.into_iter().collect();
        let order = trie::byte_order(&sorted.iter().map(|(s, _)| *s).collect::<Vec<_>>());
        for (s, ids) in order.into_iter().map(|i| std::mem::take(&mut sorted[i as usize])) {
            add(s, Payload::Surname(surname_groups.len() as u32));
            surname_index.insert(s.to_string(), surname_groups.len() as u32);
            surname_groups.push(ids);
        }
        for (i, t) in titles.iter().enumerate() {
            add(t, Payload::Title(i as u32));
        }
        for (i, c) in gazetteer.countries().iter().enumerate() {
            for f in &c.forms {
                add(f, Payload::Country(i as u32));
            }
        }
        for (i, (form, _)) in lexicon.cues.iter().enumerate() {
            add(form, Payload::Cue(i as u32));
        }
        for (i, (form, _)) in lexicon.honorifics.iter().enumerate() {
            add(form, Payload::Honorific(i as u32));
        }
        let trie = Trie::new(&patterns)
            .ok_or_else(|| Error::other("cannot compile the gazetteer automaton: over 4 billion states"))?;
        let mut openers = [false; 256];
        for b in patterns.iter().filter_map(|p| p.bytes().next()) {
            openers[b as usize] = true;
            openers[b.to_ascii_lowercase() as usize] = true;
            openers[b.to_ascii_uppercase() as usize] = true;
        }
        let first_words = FirstWords::new(&trie, &patterns);
        Ok(Matcher { trie, openers, first_words, payloads, titles, surname_groups, surname_index, lexicon })
    }

    /// Every mention in `text` (its first [`MAX_TEXT`] bytes), in order, on word boundaries
    /// and with the right case.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let mut out = Vec::new();
        self.find_into(text, &mut out);
        out
    }

    /// [`Self::find`] into `out`, which is cleared first (one buffer serves many documents).
    ///
    /// Only a match that starts where a word can start (at the text's start or after a
    /// character that is not part of a word) can be accepted, so the trie is walked from each
    /// such place whose byte can open a pattern, not over every byte: the longest
    /// pattern there is the leftmost-longest match an unanchored search would report from that
    /// place (the `skipping_to_the_next_word_start` property checks both against the search
    /// that restarts one character later). The walk starts after the place's word, from the
    /// state [`FirstWords`] holds for it; a word that opens no pattern is passed over.
    pub(crate) fn find_into(&self, text: &str, out: &mut Vec<Mention>) {
        out.clear();
        self.find_between(text, 0, text.len(), out);
    }

    /// The mentions that start in `text[from..to]` (of its first [`MAX_TEXT`] bytes), appended
    /// to `out`, as [`Self::find_into`] finds them there when `from` is where a word can start
    /// and no mention before it reaches past it. Returns where the search stopped, at or past
    /// `to` (past it when a mention or a word reaches past it).
    pub(crate) fn find_between(&self, text: &str, from: usize, to: usize, out: &mut Vec<Mention>) -> usize {
        let text = readable_prefix(text);
        let bytes = text.as_bytes();
        let to = to.min(bytes.len());
        let mut at = from;
        while at < to {
            if !self.openers[bytes[at] as usize] {
                at = next_word_start(text, at);
                continue;
            }
            let (run, hash) = word_run(text, at);
            let longest = if run == at {
                self.longest_from(bytes, at, Trie::ROOT, None)
            } else {
                // Only a pattern whose first word is this one can end on a word boundary.
                self.first_words.get(&bytes[at..run], hash).and_then(|w| {
                    let found = w.pattern.map(|p| (p, run));
                    match w.walk_past(bytes, run) {
                        Some((from, state)) => self.longest_from(bytes, from, state, found),
                        None => found,
                    }
                })
            };
            if let Some((pattern, e)) = longest {
                // Both fit: `text` is at most `MAX_TEXT` bytes.
                let mention = Mention { start: at as u32, end: e as u32, pattern };
                if on_word_boundaries(text, at, e) && self.payloads(&mention, text).next().is_some() {
                    out.push(mention);
                    // A match can end where a word can start ("U.S."), or inside a word's
                    // run of characters that are not part of words.
                    at = if char_before(text, e).is_none_or(|c| !is_word_char(c)) {
                        e
                    } else {
                        next_word_start(text, e)
                    };
                    continue;
                }
            }
            // The next word start: past the character that ends this run.
            at = char_at(text, run).map_or(text.len(), |c| run + c.len_utf8());
        }
        at.max(to)
    }

    /// The longest pattern that starts where the trie's state `s` was reached, at or before
    /// byte `from` of `bytes`, and where it ends: the trie walked on from `s` at `from` until
    /// no pattern goes on, `found` the longest pattern it passed before `from`.
    #[inline]
    fn longest_from(
        &self,
        bytes: &[u8],
        from: usize,
        mut s: State,
        mut found: Option<(u32, usize)>,
    ) -> Option<(u32, usize)> {
        for (k, &b) in bytes[from..].iter().enumerate() {
            let Some(next) = self.trie.next(s, b.to_ascii_lowercase()) else {
                break;
            };
            s = next;
            if let Some(pattern) = self.trie.pattern(s) {
                found = Some((pattern, from + k + 1));
            }
        }
        found
    }

    /// The payloads of a mention that hold for the text as written (case checked).
    pub fn payloads<'a>(&'a self, m: &Mention, text: &'a str) -> impl Iterator<Item = Payload> + Clone + 'a {
        // Compared as bytes: the text's slice needs no character-boundary checks.
        let written = &text.as_bytes()[m.range()];
        self.payloads[m.pattern as usize]
            .iter()
            .filter(move |(p, form)| !p.case_sensitive() || form.as_bytes() == written)
            .map(|(p, _)| *p)
    }

    /// The patterns compiled into the automaton, in pattern order: each form trimmed and ASCII
    /// lowercased, as it was given to the automaton (which matches ASCII case-insensitively,
    /// leftmost-longest). Benchmarks use it to time a bare scan with the very same patterns.
    pub fn patterns(&self) -> impl Iterator<Item = String> + '_ {
        self.payloads.iter().map(|list| list[0].1.to_ascii_lowercase())
    }

    /// The number of patterns in the automaton.
    pub fn pattern_count(&self) -> usize {
        self.payloads.len()
    }

    /// Heap memory used by the automaton and its table of first words, in bytes.
    pub fn automaton_memory(&self) -> usize {
        self.trie.memory_usage() + self.first_words.memory_usage()
    }

    /// A title (lowercase) by index.
    pub fn title(&self, i: u32) -> &str {
        &self.titles[i as usize]
    }

    /// The people whose surname is exactly `surname`.
    pub fn people_with_surname(&self, surname: &str) -> &[u32] {
        self.surname_index.get(surname).map_or(&[], |&g| &self.surname_groups[g as usize])
    }

    /// A cue's class.
    pub fn cue_class(&self, i: u32) -> CueClass {
        self.lexicon.cues[i as usize].1
    }

    /// A cue's form (lowercase).
    pub fn cue_form(&self, i: u32) -> &str {
        &self.lexicon.cues[i as usize].0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lexicon;

    fn gaz() -> Gazetteer {
        let mut g = Gazetteer::empty();
        g.add_entries_csv(
            "t.csv",
            "id,name,kind,gender,surname,aliases,roles\n\
             obama,Barack Obama,person,male,,,President|White House|US|2009-2017\n\
             will,George Will,person,male,,,\n",
        )
        .unwrap();
        g.add_countries_csv("c.csv", "code,forms\nUS,US;U.S.;American\n").unwrap();
        g
    }

    fn found(text: &str) -> Vec<String> {
        let m = Matcher::new(&gaz(), lexicon()).unwrap();
        m.find(text)
            .iter()
            .map(|x| {
                let kinds: Vec<String> = m.payloads(x, text).map(|p| format!("{p:?}")).collect();
                format!("{}={}", &text[x.range()], kinds.join("+"))
            })
            .collect()
    }

    #[test]
    fn full_name_wins_over_surname() {
        let got = found("Barack Obama said");
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0], "Barack Obama=Entity(0)");
        assert!(got[1].starts_with("said=Cue("), "{got:?}");
    }

    #[test]
    fn names_need_their_case_but_cues_do_not() {
        let text = "Will will Said the President";
        let got = found(text);
        assert!(
            got.contains(&"Will=Surname(1)".to_string()) || got.iter().any(|g| g.starts_with("Will=")),
            "{got:?}"
        );
        assert!(!got.iter().any(|g| g.starts_with("will=")), "{got:?}");
        assert!(got.iter().any(|g| g.starts_with("Said=Cue")), "{got:?}");
        assert!(got.iter().any(|g| g.starts_with("President=") && g.contains("Title")), "{got:?}");
    }

    /// A matcher where "the UN" (an alias) can match inside "the United States" and be rejected.
    fn with_the_un() -> Matcher {
        let mut g = gaz();
        g.add_entries_csv(
            "o.csv",
            "id,name,kind,gender,surname,aliases,roles\nun,United Nations,organization,,,the UN,\n\
             zb,Zoë Ball,person,female,,,\n\
             nx,Nationalsozialistische Xa,organization,,,,\n",
        )
        .unwrap();
        g.add_countries_csv("c.csv", "code,forms\nUS2,United States\n").unwrap();
        Matcher::new(&g, lexicon()).unwrap()
    }

    #[test]
    fn a_rejected_match_does_not_hide_a_later_one() {
        let m = with_the_un();
        let text = "the United States should";
        let got: Vec<&str> = m.find(text).iter().map(|x| &text[x.range()]).collect();
        assert_eq!(got, vec!["United States"]);
    }

    #[test]
    fn patterns_are_the_lowercased_forms_in_order() {
        let m = Matcher::new(&gaz(), lexicon()).unwrap();
        let patterns: Vec<String> = m.patterns().collect();
        assert_eq!(patterns.len(), m.pattern_count());
        assert_eq!(patterns[0], "barack obama");
        assert!(patterns.iter().any(|p| p == "u.s."));
        assert!(patterns.iter().all(|p| *p == p.to_ascii_lowercase()));
        let text = "Barack Obama said";
        let first = m.find(text)[0];
        assert_eq!(patterns[first.pattern as usize], text[first.range()].to_ascii_lowercase());
    }

    /// The search as it was: an Aho-Corasick automaton of the patterns, unanchored, ASCII
    /// case-insensitive; after a rejected match, start again one character later.
    fn find_char_by_char(m: &Matcher, text: &str) -> Vec<Mention> {
        let mut out = Vec::new();
        let mut at = 0;
        let patterns: Vec<String> = m.patterns().collect();
        let ac = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&patterns)
            .unwrap();
        while let Some(x) = ac.find(aho_corasick::Input::new(text).range(at..)) {
            let mention =
                Mention { start: x.start() as u32, end: x.end() as u32, pattern: x.pattern().as_u32() };
            if on_word_boundaries(text, x.start(), x.end()) && m.payloads(&mention, text).next().is_some() {
                out.push(mention);
                at = x.end();
            } else {
                at = x.start() + text[x.start()..].chars().next().map_or(1, char::len_utf8);
            }
        }
        out
    }

    proptest::proptest! {
        /// Skipping to the next word start after a rejected match finds exactly the mentions
        /// that restarting one character later finds, words glued together or not.
        #[test]
        fn skipping_to_the_next_word_start_finds_the_same_mentions(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "Barack", "Obama", "Obamacare", "US", "U.S.", "us", "must", "the", "The", "UN", "United",
                "States", "Will", "will", "said", "Said", "President", "é", "’", "“", ",", ".", " ", " ",
                "-", "OBAMA", "Zoë", "ZOË", "zoë", "Ball", "2024", "Barack2", "(", "Nationalsozialistische",
                "x", "\t", "Nations", "Xa", "Will,",
            ][..]), 0..40)
        ) {
            let m = with_the_un();
            let text = pieces.concat();
            proptest::prop_assert_eq!(m.find(&text), find_char_by_char(&m, &text));
        }
    }

    #[test]
    fn word_boundaries_are_checked() {
        assert!(found("Obamacare passed").is_empty());
        assert_eq!(found("the U.S. president").len(), 2);
    }
}
