//! Every class of a word the attribution rules ask a token about (role, pronoun, the word
//! lists, function-word tags), answered by one lookup in a table built once from the lists.

use rustc_hash::FxHashMap as HashMap;

use super::filters::{short_key_at, ShortWords};
use super::{ascii_case_on_stack, Lexicon, PronounKind, RoleWord, ON_STACK};

/// A word's classes, packed in a `u32` that is never 0 (so 0 can mean "not looked up").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Classes(pub(crate) u32);

/// Bits 0-2: the role (0 for none, else 1 + its index in `ROLES`).
const ROLE_SHIFT: u32 = 0;
/// Bits 3-5: the pronoun kind (0 for none, else 1 + its index in `KINDS`).
const PRONOUN_SHIFT: u32 = 3;
/// A stop word, as written.
pub(crate) const STOPWORD: u32 = 1 << 6;
/// A name particle, as written.
pub(crate) const PARTICLE: u32 = 1 << 7;
/// A determiner, in lower case.
pub(crate) const DETERMINER: u32 = 1 << 8;
/// An adverb: listed as written, or a lower-case word in "-ly".
pub(crate) const ADVERB: u32 = 1 << 9;
/// A clause opener, in lower case.
pub(crate) const CLAUSE_OPENER: u32 = 1 << 10;
/// Never part of a name, as written.
pub(crate) const NEVER_NAME: u32 = 1 << 11;
/// Bits 16-28: the `Function` bits of the word in lower case.
const FUNCTION_SHIFT: u32 = 16;
/// Set in every value.
const KNOWN: u32 = 1 << 31;
/// The bits answered by the word in lower case alone: a table entry's own.
const BY_LOWER: u32 = 0b111_111 | DETERMINER | CLAUSE_OPENER | 0xffff << FUNCTION_SHIFT;

const ROLES: [RoleWord; 4] = [RoleWord::Title, RoleWord::Modifier, RoleWord::Document, RoleWord::Group];
const KINDS: [PronounKind; 4] =
    [PronounKind::Male, PronounKind::Female, PronounKind::Any, PronounKind::Thing];

impl Classes {
    /// The role class (`Lexicon::role_word`).
    pub(crate) fn role(self) -> Option<RoleWord> {
        let code = (self.0 >> ROLE_SHIFT & 0b111) as usize;
        code.checked_sub(1).map(|i| ROLES[i])
    }

    /// The pronoun class (`Lexicon::pronoun`).
    pub(crate) fn pronoun(self) -> Option<PronounKind> {
        let code = (self.0 >> PRONOUN_SHIFT & 0b111) as usize;
        code.checked_sub(1).map(|i| KINDS[i])
    }

    /// Whether the word is in the list of `bit` (`STOPWORD`, `PARTICLE`, …).
    pub(crate) fn has(self, bit: u32) -> bool {
        self.0 & bit != 0
    }

    /// The word's `Function` bits (`Lexicon::functions`).
    pub(crate) fn functions(self) -> u16 {
        (self.0 >> FUNCTION_SHIFT) as u16
    }
}

/// A table entry: the classes of a word in lower case, and the forms as written of the lists
/// kept as written ("The" of the stop words) whose lower case it is, with their bits.
#[derive(Debug, Default)]
pub(super) struct Entry {
    lower: u32,
    written: Vec<(&'static str, u32)>,
}

/// The table: each ASCII word of the lists in lower case, with every form of a role word
/// `Lexicon::role_word` reads (plurals), to its entry: a word of at most eight bytes (most
/// words asked) in [`ShortWords`], a longer one by hash.
#[derive(Debug, Default)]
pub(super) struct Table {
    entries: Vec<Entry>,
    short: ShortWords<u32>,
    long: HashMap<Box<[u8]>, u32>,
}

impl Table {
    /// The table of `words` (lower-case ASCII, each once) and their entries.
    fn new(words: Vec<(Vec<u8>, Entry)>) -> Table {
        let mut shorts = Vec::new();
        let mut table = Table { entries: Vec::with_capacity(words.len()), ..Table::default() };
        for (word, entry) in words {
            // The lists hold a few thousand words.
            let index = table.entries.len() as u32;
            table.entries.push(entry);
            if word.len() <= 8 {
                shorts.push((word, index));
            } else {
                table.long.insert(word.into_boxed_slice(), index);
            }
        }
        table.short = ShortWords::new(shorts.iter().map(|(w, i)| (&w[..], *i)));
        table
    }

    /// The entry of a word of at most eight bytes, by its `short_key`.
    #[inline]
    fn get_short(&self, key: u64) -> Option<&Entry> {
        self.short.get(key).map(|index| &self.entries[index as usize])
    }

    /// The entry of a longer ASCII word (at most `ON_STACK` bytes), in any case.
    fn get_long(&self, word: &[u8]) -> Option<&Entry> {
        let index = ascii_case_on_stack(word, false, |lower| self.long.get(lower).copied())?;
        Some(&self.entries[index as usize])
    }
}

impl Lexicon {
    /// Builds the table of [`Lexicon::classes_in`] from the lists, once.
    pub(super) fn build_class_table(&self) -> Table {
        let mut keys: Vec<String> = Vec::new();
        for r in self.roles.keys() {
            keys.push(format!("{r}s"));
            if let Some(stem) = r.strip_suffix("man") {
                keys.push(format!("{stem}men"));
            }
            keys.push(r.clone());
        }
        keys.extend(self.pronouns.keys().cloned());
        for set in [&self.determiners, &self.clause_openers] {
            keys.extend(set.iter().map(|w| w.to_lowercase()));
        }
        keys.extend(self.function_words.keys().map(|w| w.to_lowercase()));
        let written = [
            (&self.stopwords, STOPWORD),
            (&self.name_particles, PARTICLE),
            (&self.adverbs, ADVERB),
            (&self.never_names, NEVER_NAME),
        ];
        for (set, _) in written {
            keys.extend(set.iter().map(|w| w.to_lowercase()));
        }
        let mut table: HashMap<Vec<u8>, Entry> = HashMap::default();
        for key in keys.into_iter().filter(|k| k.is_ascii()) {
            let lower = self.classes_of_lists(&key).0 & BY_LOWER;
            table.entry(key.into_bytes()).or_insert_with(|| Entry { lower, written: Vec::new() });
        }
        for (set, bit) in written {
            let mut forms: Vec<&&'static str> = set.iter().filter(|w| w.is_ascii()).collect();
            forms.sort();
            for &form in forms {
                let entry = table.get_mut(form.to_ascii_lowercase().as_bytes());
                // Every form's lower case is a key (above).
                let Some(entry) = entry else { continue };
                match entry.written.iter_mut().find(|(f, _)| *f == form) {
                    Some((_, bits)) => *bits |= bit,
                    None => entry.written.push((form, bit)),
                }
            }
        }
        let mut words: Vec<(Vec<u8>, Entry)> = table.into_iter().collect();
        words.sort_by(|a, b| a.0.cmp(&b.0));
        Table::new(words)
    }

    /// A word's classes ([`Self::classes_in`] of the word alone).
    #[cfg(test)]
    pub(crate) fn classes(&self, word: &str) -> Classes {
        self.classes_in(word, 0, word.len())
    }

    /// The classes of the word `text[start..end]`, as [`Self::classes_of_lists`] answers them,
    /// but for most words with one lookup in the table (a word not there is in no list, unless
    /// it starts with a digit: "46-year-old" is a role): an ASCII word of at most eight bytes
    /// read in one load from the text around it, a longer one lowercased on the stack.
    pub(crate) fn classes_in(&self, text: &str, start: usize, end: usize) -> Classes {
        let word = &text[start..end];
        let bytes = word.as_bytes();
        let entry = match bytes.first() {
            None | Some(b'0'..=b'9' | b'-') => return self.classes_of_lists(word),
            Some(_) if bytes.len() <= 8 => {
                match short_key_at(text.as_bytes(), start, bytes.len()) {
                    Some(key) => self.class_table.get_short(key),
                    None => return self.classes_of_lists(word), // not ASCII
                }
            }
            Some(_) if bytes.len() <= ON_STACK && word.is_ascii() => self.class_table.get_long(bytes),
            Some(_) => return self.classes_of_lists(word),
        };
        let mut bits = KNOWN;
        if let Some(entry) = entry {
            bits |= entry.lower;
            for &(form, bit) in &entry.written {
                if form.as_bytes() == bytes {
                    bits |= bit;
                }
            }
        }
        if bits & ADVERB == 0 && ly_adverb(word) {
            bits |= ADVERB;
        }
        Classes(bits)
    }

    /// A word's classes, each asked of its own list: what [`Self::classes`] answers for words
    /// the table does not hold.
    pub(crate) fn classes_of_lists(&self, word: &str) -> Classes {
        let lower = word.to_lowercase();
        let lower = lower.as_str();
        let role = self.role_word(word).map_or(0, |r| 1 + ROLES.iter().position(|&x| x == r).unwrap_or(0));
        let pronoun = self.pronoun(word).map_or(0, |k| 1 + KINDS.iter().position(|&x| x == k).unwrap_or(0));
        let flags = [
            (self.stopwords.contains(word), STOPWORD),
            (self.name_particles.contains(word), PARTICLE),
            (self.determiners.contains(lower), DETERMINER),
            (self.adverbs.contains(word) || ly_adverb(word), ADVERB),
            (self.clause_openers.contains(lower), CLAUSE_OPENER),
            (self.never_names.contains(word), NEVER_NAME),
        ];
        let bits = flags.iter().filter(|(on, _)| *on).fold(KNOWN, |m, (_, bit)| m | bit);
        Classes(
            bits | (role as u32) << ROLE_SHIFT
                | (pronoun as u32) << PRONOUN_SHIFT
                | u32::from(self.functions(lower)) << FUNCTION_SHIFT,
        )
    }
}

/// A lower-case word in "-ly" counts as an adverb without being listed.
#[inline]
fn ly_adverb(w: &str) -> bool {
    w.len() > 4 && w.ends_with("ly") && w.chars().all(|c| c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use crate::lexicon::lexicon;

    #[test]
    fn one_lookup_answers_as_the_lists_do() {
        let l = lexicon();
        let mut words: Vec<String> = Vec::new();
        let mut add = |w: &str| {
            let mut cap = w.to_lowercase();
            if let Some(f) = cap.get_mut(..1) {
                f.make_ascii_uppercase();
            }
            for v in [w.to_string(), w.to_lowercase(), w.to_uppercase(), cap] {
                words.push(format!("{v}s"));
                words.push(format!("{v}men"));
                words.push(format!("{v}ly"));
                words.push(format!("12-{v}"));
                words.push(v);
            }
        };
        l.roles.keys().for_each(|w| add(w));
        l.pronouns.keys().for_each(|w| add(w));
        l.function_words.keys().for_each(|w| add(w));
        for set in [
            &l.stopwords,
            &l.name_particles,
            &l.determiners,
            &l.adverbs,
            &l.clause_openers,
            &l.never_names,
            &l.common_words,
        ] {
            set.iter().for_each(|w| add(w));
        }
        l.given_names.keys().for_each(|w| add(std::str::from_utf8(w).expect("given names are text")));
        for w in ["", "-", "46-year-old", "20-year-olds", "2019", "Élise", "ÉLISE", "x".repeat(40).as_str()]
        {
            add(w);
        }
        // Bytes that `| 0x20` would take for a letter's case, and a NUL that pads short keys.
        for w in ["HE@", "h`", "he\0", "[he]", "_he_", "^he~", "sa\0\0"] {
            add(w);
        }
        for w in &words {
            assert_eq!(l.classes(w), l.classes_of_lists(w), "{w}");
            // Read from a text with more after it (eight-byte loads), as alone.
            let text = format!("{w} Administration");
            assert_eq!(l.classes_in(&text, 0, w.len()), l.classes(w), "{w}");
            // The pronoun test without a lookup says no only to words that are none, and yes
            // only to pronouns when the word is ASCII.
            let may = l.may_be_pronoun(w.as_bytes());
            assert!(may || l.classes(w).pronoun().is_none(), "{w}");
            assert!(!may || !w.is_ascii() || l.classes(w).pronoun().is_some(), "{w}");
            // The particle test without a lookup says no only to words that are none.
            assert!(l.may_be_particle(w.as_bytes()) || !l.classes(w).has(super::PARTICLE), "{w}");
        }
    }
}
