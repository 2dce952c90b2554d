//! The patterns' first words, each with the trie's state after it: at a word start, one
//! hash lookup of the word replaces the walk over its bytes, and a word that opens no pattern
//! is passed over without a walk.
//!
//! Exact, because a mention is only kept on word boundaries. A pattern that matches at a word
//! start and ends after the text's run of word characters there has that run as its own first
//! run of word characters (the character after the run is no word character, in the text and
//! so in the pattern); one that ends inside the run ends inside a word and is turned away,
//! whatever it is. So only the patterns whose first word is the text's word can give a kept
//! mention, and they are the ones the trie reaches through that word.

use super::trie::{State, Trie};
use crate::lexicon::BitFilter;
use crate::text::{ascii_word_bytes, eight_at, is_word_char};

/// A first word: where its lower-case bytes lie in [`FirstWords::keys`], and what the trie
/// knows after reading it from its root.
#[derive(Debug, Clone, Copy)]
pub(super) struct Word {
    key: u32,
    len: u32,
    /// The trie's state after the word (the word starts a pattern).
    pub(super) state: State,
    /// The pattern that is the word alone, if one is.
    pub(super) pattern: Option<u32>,
    /// No pattern goes on past the word: the trie need not be walked after it.
    pub(super) ends: bool,
    /// Every pattern that goes on past the word goes on with a space.
    only_space: bool,
    /// The letters (bit 0 for `a`) that a pattern goes on with after the word and a space.
    after_space: u32,
    /// The trie's state after the word and a space, where that is no pattern's end (none is:
    /// patterns are trimmed); [`Trie::ROOT`] otherwise, which no walk goes on from.
    space_state: State,
}

impl Word {
    /// Where the trie's walk past the word, the text going on with `bytes[run..]`, starts (as
    /// `Matcher::longest_from` takes them: past the space after the word when one follows,
    /// from the state after both), or `None` where it would reach no pattern: no pattern goes
    /// on past the word, the text ends there, or goes on with something no pattern does after
    /// it (another byte than a space where every pattern has a space; a space and a letter
    /// none has). Told from the word's entry, without touching the trie, whose nodes are far
    /// apart in memory.
    #[inline(always)]
    pub(super) fn walk_past(&self, bytes: &[u8], run: usize) -> Option<(usize, State)> {
        if self.ends {
            return None;
        }
        match bytes.get(run)? {
            b' ' => {
                if let Some(&c) = bytes.get(run + 1).filter(|c| c.is_ascii_alphabetic()) {
                    if self.after_space >> (c.to_ascii_lowercase() - b'a') & 1 == 0 {
                        return None;
                    }
                }
                Some(if self.space_state == Trie::ROOT {
                    (run, self.state)
                } else {
                    (run + 1, self.space_state)
                })
            }
            _ => (!self.only_space).then_some((run, self.state)),
        }
    }
}

/// [`Word::only_space`], [`Word::after_space`] and [`Word::space_state`] of the trie's state
/// `s` after a first word.
fn lookahead(trie: &Trie, s: State) -> (bool, u32, State) {
    let only_space = trie.next_bytes(s).iter().all(|&b| b == b' ');
    let (after_space, space_state) = match trie.next(s, b' ') {
        // A pattern that ends with the space (none do: they are trimmed) would end there.
        Some(t) if trie.pattern(t).is_some() => (u32::MAX, Trie::ROOT),
        Some(t) => {
            let letters = trie.next_bytes(t).iter().filter(|b| b.is_ascii_lowercase());
            (letters.fold(0, |m, &b| m | 1 << (b - b'a')), t)
        }
        None => (0, Trie::ROOT),
    };
    (only_space, after_space, space_state)
}

/// An open-addressing table of the first words, by a hash of their bytes in ASCII lower case.
#[derive(Debug)]
pub(super) struct FirstWords {
    /// Per slot, 0 when empty, else the upper half of the word's hash and 1 + its index in
    /// `words`: a slot tells most words that are not there without reading a key.
    slots: Vec<u64>,
    words: Vec<Word>,
    keys: Vec<u8>,
    /// The first words' hashes, about eight bits a word: it stays in the first-level cache,
    /// where `slots` (16 bytes a word) does not, so most words that open no pattern are told
    /// without a cache miss.
    filter: BitFilter,
}

impl FirstWords {
    /// The first words of `patterns` (in ASCII lower case, as `trie` holds them).
    pub(super) fn new(trie: &Trie, patterns: &[String]) -> FirstWords {
        let mut words: Vec<Word> = Vec::new();
        let mut hashes: Vec<u64> = Vec::new();
        let mut keys: Vec<u8> = Vec::new();
        let mut seen = rustc_hash::FxHashSet::default();
        for p in patterns {
            let (end, hash) = word_run(p, 0);
            let run = &p.as_bytes()[..end];
            if run.is_empty() || !seen.insert(run) {
                continue;
            }
            // A pattern's prefix always leads somewhere.
            let Some(state) = trie.walk(run) else { continue };
            // Both fit: the first words have fewer bytes than the trie has `u32` states.
            let (pattern, ends) = (trie.pattern(state), !trie.goes_on(state));
            let (only_space, after_space, space_state) = lookahead(trie, state);
            words.push(Word {
                key: keys.len() as u32,
                len: run.len() as u32,
                state,
                pattern,
                ends,
                only_space,
                after_space,
                space_state,
            });
            hashes.push(hash);
            keys.extend_from_slice(run);
        }
        let filter = BitFilter::of_hashes(&hashes, 8);
        let mut slots = vec![0u64; (words.len() * 2).next_power_of_two().max(16)];
        let mask = slots.len() - 1;
        for (i, &h) in hashes.iter().enumerate() {
            let mut at = h as usize & mask;
            while slots[at] != 0 {
                at = (at + 1) & mask;
            }
            slots[at] = h & !0xffff_ffff | (i as u64 + 1);
        }
        FirstWords { slots, words, keys, filter }
    }

    /// The first word that `word` is in ASCII lower case, if it is one; `h` is its hash
    /// ([`word_run`]).
    #[inline]
    pub(super) fn get(&self, word: &[u8], h: u64) -> Option<&Word> {
        if !self.filter.may_hold_hash(h) {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut at = h as usize & mask;
        loop {
            let slot = self.slots[at];
            if slot == 0 {
                return None;
            }
            if slot >> 32 == h >> 32 {
                let w = &self.words[(slot as u32 - 1) as usize];
                if w.len as usize == word.len()
                    && word.eq_ignore_ascii_case(&self.keys[w.key as usize..][..word.len()])
                {
                    return Some(w);
                }
            }
            at = (at + 1) & mask;
        }
    }

    /// Heap memory used, in bytes.
    pub(super) fn memory_usage(&self) -> usize {
        self.slots.len() * 8
            + self.words.len() * std::mem::size_of::<Word>()
            + self.keys.len()
            + self.filter.memory_usage()
    }
}

/// The end of the run of word characters that starts at byte `at` of `text` (`at` itself when
/// the character there is none), and a hash of the run's bytes in ASCII lower case: one pass,
/// ASCII letters and digits eight bytes at a time.
///
/// Most runs (fewer than sixteen ASCII letters and digits, then no word character: an ASCII
/// byte, the end, or punctuation such as `’` or `—`) are read here, inlined where words are
/// searched; the others by [`long_word_run`], which gives every run the same hash as this does.
#[inline(always)]
pub(super) fn word_run(text: &str, at: usize) -> (usize, u64) {
    let bytes = text.as_bytes();
    let x = eight_at(bytes, at);
    let n = ascii_word_bytes(x);
    let (h, n) = if n < 8 {
        (with_ascii(0, x, n), n)
    } else {
        let y = eight_at(bytes, at + 8);
        let m = ascii_word_bytes(y);
        if m == 8 {
            return long_word_run(text, at);
        }
        (with_ascii(with_ascii(0, x, 8), y, m), 8 + m)
    };
    if !ends_run(bytes, at + n) {
        return long_word_run(text, at);
    }
    (at + n, mix(h, n as u64))
}

/// Whether the byte at `j` (after an ASCII letter or digit, or at a word start) ends a run of
/// word characters without decoding a character: the end, an ASCII byte that is no letter or
/// digit, or the first of U+2000 to U+203F (`E2 80`: dashes, quotation marks, `…`; none a
/// letter or digit). False may still end the run (another character).
#[inline(always)]
fn ends_run(bytes: &[u8], j: usize) -> bool {
    match bytes.get(j) {
        None => true,
        Some(&b) if b.is_ascii() => true,
        Some(0xE2) => bytes.get(j + 1) == Some(&0x80),
        Some(_) => false,
    }
}

/// [`word_run`] of any run: eight or more ASCII bytes, or other characters.
#[inline(never)]
fn long_word_run(text: &str, at: usize) -> (usize, u64) {
    let bytes = text.as_bytes();
    let mut j = at;
    let mut h = 0u64;
    loop {
        let x = eight_at(bytes, j);
        let n = ascii_word_bytes(x);
        h = with_ascii(h, x, n);
        j += n;
        if n == 8 {
            continue;
        }
        match bytes.get(j) {
            Some(b) if !b.is_ascii() => {}
            _ => return (j, mix(h, (j - at) as u64)),
        }
        // Another character: decoded (`j` is on a character boundary: ASCII came before it).
        match text[j..].chars().next() {
            Some(c) if is_word_char(c) => {
                h = mix(h, u64::from(c) | 1 << 32);
                j += c.len_utf8();
            }
            _ => return (j, mix(h, (j - at) as u64)),
        }
    }
}

/// The hash `h` with the first `n` bytes of `x` added (ASCII letters and digits; none added
/// when `n` is 0).
#[inline(always)]
fn with_ascii(h: u64, x: u64, n: usize) -> u64 {
    if n == 0 {
        return h;
    }
    let keep = if n == 8 { !0 } else { (1u64 << (8 * n)) - 1 };
    // `| 0x20` lowers a letter and leaves a digit as it is.
    mix(h, (x | 0x2020_2020_2020_2020) & keep)
}

#[inline]
fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(23) ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get<'a>(fw: &'a FirstWords, word: &str) -> Option<&'a Word> {
        let (end, h) = word_run(word, 0);
        assert_eq!(end, word.len(), "{word}");
        fw.get(word.as_bytes(), h)
    }

    #[test]
    fn a_word_is_found_in_any_ascii_case_and_only_whole() {
        let patterns: Vec<String> =
            ["barack obama", "obama", "u.s.", "the un", "zoë ball", "a-team", "nationalsozialistische x"]
                .map(String::from)
                .to_vec();
        let trie = Trie::new(&patterns).unwrap();
        let fw = FirstWords::new(&trie, &patterns);
        for (word, known) in [
            ("Barack", true),
            ("BARACK", true),
            ("barack", true),
            ("Barac", false),
            ("Baracks", false),
            ("Obama", true),
            ("u", true),
            ("The", true),
            ("zoë", true),
            ("ZOË", false),
            ("a", true),
            ("team", false),
            ("NATIONALSOZIALISTISCHE", true),
            ("nationalsozialistisch", false),
        ] {
            assert_eq!(get(&fw, word).is_some(), known, "{word}");
        }
        assert!(get(&fw, "obama").unwrap().pattern.is_some());
        assert!(get(&fw, "barack").unwrap().pattern.is_none());
    }

    #[test]
    fn the_filter_passes_every_first_word_and_turns_away_most_others() {
        let word = |i: usize| format!("w{i:x}q");
        let patterns: Vec<String> = (0..5000).map(|i| format!("{} x", word(i))).collect();
        let trie = Trie::new(&patterns).unwrap();
        let fw = FirstWords::new(&trie, &patterns);
        assert!((0..5000).all(|i| get(&fw, &word(i)).is_some()));
        let passed = (5000..10000).filter(|&i| fw.filter.may_hold_hash(word_run(&word(i), 0).1)).count();
        assert!(passed < 1000, "{passed} of 5000 other words passed the filter");
    }

    /// Whether a pattern may go on after a word is told from its entry where the text goes on
    /// with anything but a space and a letter, and always agrees with a walk of the trie; the
    /// walk past a space starts from the state after it.
    #[test]
    fn a_word_knows_what_can_follow_it() {
        let patterns: Vec<String> =
            ["barack obama", "barack h. obama", "obama", "obama-era", "said", "said in", "said on", "the un"]
                .map(String::from)
                .to_vec();
        let trie = Trie::new(&patterns).unwrap();
        let fw = FirstWords::new(&trie, &patterns);
        for (text, goes_on) in [
            ("Barack Obama", true),
            ("Barack Hussein", true),
            ("Barack Michelle", false),
            ("Barack, Obama", false),
            ("Barack\tObama", false),
            ("Barack 2", true),
            ("Barack", false),
            ("Obama-era", true),
            ("Obama era", false),
            ("Obama.", true), // "obama-era" goes on with a byte that is no space: the trie is asked
            ("said in", true),
            ("said so", false),
            ("said.", false),
            ("the UN", true),
            ("the US", true),
            ("the president", false),
        ] {
            let (run, _) = word_run(text, 0);
            let w = get(&fw, &text[..run]).unwrap();
            let walk = w.walk_past(text.as_bytes(), run);
            assert_eq!(walk.is_some(), goes_on, "{text}");
            // The walk goes on from the trie's state after the text up to where it starts.
            if let Some((from, state)) = walk {
                assert_eq!(trie.walk(text[..from].to_ascii_lowercase().as_bytes()), Some(state), "{text}");
            }
            // `false` only where no pattern ends past the word.
            if !goes_on {
                let lower = text.to_ascii_lowercase();
                let ends = |e: usize| trie.walk(&lower.as_bytes()[..e]).and_then(|s| trie.pattern(s));
                assert!((run + 1..=lower.len()).all(|e| ends(e).is_none()), "{text}");
            }
        }
    }

    #[test]
    fn a_word_ends_its_patterns_where_no_pattern_goes_on_past_it() {
        let patterns: Vec<String> = [
            "said",
            "barack obama",
            "obama",
            "obama-era",
            "u.s.",
            "u",
            "the un",
            "zoë ball",
            "zoë",
            "new york",
            "new",
        ]
        .map(String::from)
        .to_vec();
        let trie = Trie::new(&patterns).unwrap();
        let fw = FirstWords::new(&trie, &patterns);
        let mut ended = 0;
        for w in &fw.words {
            let word = &fw.keys[w.key as usize..][..w.len as usize];
            let goes_on = patterns.iter().any(|p| p.len() > word.len() && p.as_bytes().starts_with(word));
            assert_eq!(w.ends, !goes_on, "{:?}", String::from_utf8_lossy(word));
            // The state is the word's, and the pattern the word alone, if one is.
            assert_eq!(Some(w.state), trie.walk(word));
            let alone = patterns.iter().position(|p| p.as_bytes() == word).map(|p| p as u32);
            assert_eq!(w.pattern, alone);
            ended += usize::from(w.ends);
        }
        assert!(ended >= 1 && ended < fw.words.len(), "{ended}");
    }

    #[test]
    fn word_runs_stop_at_the_first_character_outside_words() {
        let t = "Zoë’s U.S. café-bar (x";
        let end = |at| word_run(t, at).0;
        assert_eq!(&t[..end(0)], "Zoë");
        let us = t.find("U.S.").unwrap();
        assert_eq!(&t[us..end(us)], "U");
        let cafe = t.find("café").unwrap();
        assert_eq!(&t[cafe..end(cafe)], "café");
        let paren = t.find('(').unwrap();
        assert_eq!(end(paren), paren);
        assert_eq!(end(t.len()), t.len());
        // The short runs' shortcut gives the ends and hashes that reading them in full does.
        let runs = "China’s A—B “Rhodes” x…y Zoë é Administration’s Administrations inter-governmental \
                    Nationalsozialistische, abcdefgh abcdefghé abcdefghijklmnop abℕ x⁴";
        for t in [t, runs] {
            for at in (0..t.len()).filter(|&at| t.is_char_boundary(at)) {
                assert_eq!(word_run(t, at), long_word_run(t, at), "{at} in {t}");
            }
        }
        // None of U+2000 to U+203F (what `ends_run` says ends a run) is a word character.
        assert!((0x2000..0x2040).filter_map(char::from_u32).all(|c| !is_word_char(c)));
        // A word's hash is that of its lower case.
        assert_eq!(word_run("CAFÉ-", 0).1, word_run("cafÉ", 0).1);
        assert_ne!(word_run("CAFÉ", 0).1, word_run("café", 0).1);
    }
}
