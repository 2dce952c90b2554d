//! Language data: cue verbs, pronouns, honorifics, role words, stop words, given names,
//! places, common words and the closed word lists of names and noun phrases.
//! The data lives in `data/` (see `data/README.md`), is compiled in, and parsed once.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

use crate::gazetteer::Gender;

pub(crate) mod classes;
mod filters;
mod read;

pub(crate) use classes::Classes;
pub(crate) use filters::BitFilter;

use filters::{short_key_at, InitialFilter, PackedSet, ShortWords};
use read::{classed, cue_forms, function_words, gender, given_names, rows, word_lines, word_list};

/// How a cue links to its speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueClass {
    /// A finite verb: "X said", "said X".
    Finite,
    /// A finite verb whose object is not its speaker: "X called Y “…”".
    Transitive,
    /// A participle whose subject is the clause's subject: "…, saying".
    Participle,
    /// The speaker follows: "according to X".
    According,
    /// The speaker is the object before it: "quoted him as saying".
    Quoted,
}

/// What a role word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RoleWord {
    /// A role noun: "analyst", "spokesman".
    Title,
    /// A modifier of one: "former", "senior".
    Modifier,
    /// A text that can speak: "statement", "report".
    Document,
    /// A body of people: "campaign", "ministry".
    Group,
}

/// A pronoun's reference class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PronounKind {
    /// he
    Male,
    /// she
    Female,
    /// they, I, we
    Any,
    /// it: an organisation or a document
    Thing,
}

/// What a function word does in the attribution rules: the tags of `data/function_words.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Function {
    /// Links a speech noun to the quote it takes: "a call for “…”".
    Complement,
    /// Opens a clause, so a cue word after it is a verb: "and says".
    ClauseLink,
    /// Before a cue, its subject is left out: "… and added".
    Elision,
    /// No subject follows it: "with Ann Roe".
    Preposition,
    /// Joins the words of a description read rightwards: "director of research".
    NpLink,
    /// Ends a description read rightwards after a determiner: "the one who".
    NpStop,
    /// Joins role words before a name: "head of security Ann Roe".
    PremodifierLink,
    /// After a comma, opens no apposition: ", in a statement".
    NotApposition,
    /// After a name, starts what modifies it: "Ann Roe of the Fund".
    PostModifier,
    /// Its object is the subject of the participle after it: "with Ann Roe saying “…”".
    Absolute,
    /// Joins the words of an organisation's name: "Heart and Stroke senior manager Ann Roe".
    NameLink,
    /// Joins the words of a noun phrase: "the Fund of the United States".
    Connector,
    /// After a title and its holder's name, names the place or body the title is of: "Gov.
    /// Ann Roe of Ohio", "professor Ann Roe at the University of Dover".
    TitleOf,
}

impl Function {
    const TAGS: [(&'static str, Function); 13] = [
        ("complement", Function::Complement),
        ("clause-link", Function::ClauseLink),
        ("elision", Function::Elision),
        ("preposition", Function::Preposition),
        ("np-link", Function::NpLink),
        ("np-stop", Function::NpStop),
        ("premodifier-link", Function::PremodifierLink),
        ("not-apposition", Function::NotApposition),
        ("post-modifier", Function::PostModifier),
        ("absolute", Function::Absolute),
        ("name-link", Function::NameLink),
        ("connector", Function::Connector),
        ("title-of", Function::TitleOf),
    ];

    /// Its bit in a word's set of functions.
    pub(crate) fn bit(self) -> u16 {
        1 << self as u16
    }
}

/// All language data.
#[derive(Debug)]
pub struct Lexicon {
    /// Cue forms (lowercase) with their class.
    pub cues: Vec<(String, CueClass)>,
    /// Pronouns (lowercase).
    pub pronouns: HashMap<String, PronounKind>,
    /// First-person pronouns (lowercase): the writer, or a group speaking for itself.
    pub(crate) first_person: HashSet<&'static str>,
    /// The first bytes (in either ASCII case) and the longest length of the pronouns: most
    /// words are answered "no pronoun" by it without a lookup.
    pronoun_filter: InitialFilter,
    /// Every pronoun by its `short_key`, when all are ASCII and that short (else `None`): an
    /// ASCII word is told a pronoun or not by a few comparisons. The rules ask it of every short
    /// word ("the", "with", "is") in every paragraph.
    ascii_pronouns: Option<PackedSet>,
    /// Possessive pronouns (lowercase), for "her statement".
    pub possessives: HashMap<String, PronounKind>,
    /// Honorifics as written, with the gender they tell.
    pub honorifics: Vec<(String, Gender)>,
    /// For each honorific (same index), whether it is an office or rank ("Gov.", "Judge"),
    /// which is the person's role, rather than a courtesy title ("Mr.", "Dr.").
    pub(crate) offices: Vec<bool>,
    /// Role words (lowercase).
    pub roles: HashMap<String, RoleWord>,
    /// Capitalised words that are never a name alone.
    pub stopwords: HashSet<&'static str>,
    /// Capitalised words that are never part of a name (days, months).
    pub never_names: HashSet<&'static str>,
    /// Given names (uppercase) with their likelier gender, keyed by bytes: a word uppercased on
    /// the stack is looked up without checking it again for UTF-8.
    pub given_names: HashMap<&'static [u8], Gender>,
    /// Those of `given_names` of at most eight bytes, ASCII: most names asked are read by one
    /// load from the text, not uppercased on the stack and hashed (`given_name_in`).
    short_given_names: ShortWords<Gender>,
    /// Names of places as written ("Nova Scotia", "Georgia"): countries, states, provinces, towns.
    pub places: HashSet<&'static str>,
    /// Answers "no place" for most names asked without the set's cache misses.
    place_filter: BitFilter,
    /// Common English words, in lower case ("lake", "court", "research").
    pub common_words: HashSet<&'static str>,
    /// Answers "no common word" for most words asked without the set's cache misses.
    common_filter: BitFilter,
    /// Abbreviations that keep their period ("Dr", "Sept"), as written without it.
    pub abbreviations: HashSet<&'static str>,
    /// The abbreviations' first bytes and longest length: "none" for most words, no lookup.
    abbreviation_filter: InitialFilter,
    /// Words that open a noun phrase ("the", "his", "two").
    pub determiners: HashSet<&'static str>,
    /// Adverbs and auxiliaries between a speaker and a cue ("also", "has").
    pub adverbs: HashSet<&'static str>,
    /// Lowercase particles inside personal names ("de", "van").
    pub name_particles: HashSet<&'static str>,
    /// The first bytes and the longest length of the particles, which answer "no particle" for
    /// most words without a lookup (a name run's reader asks it of the word after every run).
    particle_filter: InitialFilter,
    /// Suffixes after a personal name ("Jr.", "III").
    pub name_suffixes: HashSet<&'static str>,
    /// The first bytes and the longest length of the name suffixes, which answer "no suffix"
    /// for most words without a lookup (a name run's reader asks it of the word after every run).
    suffix_filter: InitialFilter,
    /// Words that open a clause between commas that is not an apposition ("during", "however").
    pub clause_openers: HashSet<&'static str>,
    /// Nouns of speech a quoted piece can complete ("call", "promise").
    pub speech_nouns: HashSet<&'static str>,
    /// Small words a title keeps in lower case ("the", "of").
    pub title_small_words: HashSet<&'static str>,
    /// Function words (lowercase) with what each does, as a set of `Function` bits.
    pub(crate) function_words: HashMap<&'static str, u16>,
    /// Every ASCII word of the lists above in lower case, with all its classes: what
    /// [`Lexicon::classes_in`] answers with one lookup.
    class_table: classes::Table,
}

/// Calls `f` with `word` in ASCII lower or upper case, without allocating for short words.
fn with_case<R>(word: &str, upper: bool, f: impl FnOnce(&str) -> R) -> R {
    with_case_bytes(word, upper, |w| f(std::str::from_utf8(w).unwrap_or("")))
}

/// [`with_case`] for a lookup keyed by bytes: the ASCII word converted on the stack is not
/// checked again for UTF-8 (a check that costs as much as the lookup).
fn with_case_bytes<R>(word: &str, upper: bool, f: impl FnOnce(&[u8]) -> R) -> R {
    if word.is_ascii() && word.len() <= ON_STACK {
        // ASCII in, ASCII out: valid UTF-8 for `with_case`.
        ascii_case_on_stack(word.as_bytes(), upper, f)
    } else if upper {
        f(word.to_uppercase().as_bytes())
    } else {
        f(word.to_lowercase().as_bytes())
    }
}

/// The longest word [`ascii_case_on_stack`] converts.
const ON_STACK: usize = 32;

/// Calls `f` with an ASCII word of at most [`ON_STACK`] bytes in ASCII upper or lower case,
/// converted on the stack.
fn ascii_case_on_stack<R>(word: &[u8], upper: bool, f: impl FnOnce(&[u8]) -> R) -> R {
    let convert = |b: u8| if upper { b.to_ascii_uppercase() } else { b.to_ascii_lowercase() };
    let mut buf = [0u8; ON_STACK];
    for (d, &b) in buf.iter_mut().zip(word) {
        *d = convert(b);
    }
    f(&buf[..word.len()])
}

static LEXICON: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::parse().expect("built-in data/ files are valid"));

/// The built-in lexicon.
pub fn lexicon() -> &'static Lexicon {
    &LEXICON
}

const CUES: &str = include_str!("../data/cues.csv");
const PRONOUNS: &str = include_str!("../data/pronouns.csv");
const POSSESSIVES: &str = include_str!("../data/possessives.csv");
const HONORIFICS: &str = include_str!("../data/honorifics.csv");
const ROLES: &str = include_str!("../data/roles.csv");
const STOPWORDS: &str = include_str!("../data/stopwords.txt");
const CALENDAR: &str = include_str!("../data/calendar.txt");
const GIVEN_NAMES: &str = include_str!("../data/given-names.csv");
const PLACES: &str = include_str!("../data/places.txt");
const COMMON_WORDS: &str = include_str!("../data/common-words.txt");
const ABBREVIATIONS: &str = include_str!("../data/abbreviations.txt");
const DETERMINERS: &str = include_str!("../data/determiners.txt");
const ADVERBS: &str = include_str!("../data/adverbs.txt");
const NAME_PARTICLES: &str = include_str!("../data/name_particles.txt");
const NAME_SUFFIXES: &str = include_str!("../data/name_suffixes.txt");
const CLAUSE_OPENERS: &str = include_str!("../data/clause_openers.txt");
const SPEECH_NOUNS: &str = include_str!("../data/speech_nouns.txt");
const TITLE_SMALL_WORDS: &str = include_str!("../data/title_small_words.txt");
const FUNCTION_WORDS: &str = include_str!("../data/function_words.csv");

impl Lexicon {
    /// Whether `text` is an office or rank honorific as written ("Sen."), with nothing else.
    pub(crate) fn is_office_form(&self, text: &str) -> bool {
        self.honorifics.iter().zip(&self.offices).any(|((form, _), &office)| office && form == text)
    }

    fn parse() -> Result<Lexicon, String> {
        let cues = cue_forms(CUES)?;
        let pronoun_kinds = [
            ("male", PronounKind::Male),
            ("female", PronounKind::Female),
            ("any", PronounKind::Any),
            ("thing", PronounKind::Thing),
        ];
        let pronouns = classed("data/pronouns.csv", PRONOUNS, "gender", &pronoun_kinds)?;
        let mut first_person = HashSet::default();
        for (n, word, rest) in rows(PRONOUNS) {
            match rest.split(',').nth(1).map(str::trim) {
                Some("first") => drop(first_person.insert(word)),
                Some("third") => {}
                other => {
                    return Err(format!("data/pronouns.csv:{n}: person is `first` or `third`, not {other:?}"))
                }
            }
        }
        let possessives = classed("data/possessives.csv", POSSESSIVES, "gender", &pronoun_kinds)?;
        let given_names = given_names()?;
        let short_given_names = ShortWords::new(given_names.iter().map(|(&n, &g)| (n, g)));
        let pronoun_filter = InitialFilter::new(pronouns.keys().map(String::as_str), true);
        let ascii_pronouns = pronouns
            .keys()
            .map(|p| short_key_at(p.as_bytes(), 0, p.len()))
            .collect::<Option<Vec<u64>>>()
            .and_then(|keys| PackedSet::new(&keys));
        let mut honorifics = Vec::new();
        let mut offices = Vec::new();
        for (n, form, rest) in rows(HONORIFICS) {
            let (g, kind) = rest.split_once(',').unwrap_or((rest, ""));
            offices.push(match kind.trim() {
                "office" => true,
                "courtesy" => false,
                other => {
                    return Err(format!(
                        "data/honorifics.csv:{n}: kind is `office` or `courtesy`, not `{other}`"
                    ))
                }
            });
            honorifics.push((form.to_string(), gender(g.trim())));
        }
        let roles = classed(
            "data/roles.csv",
            ROLES,
            "class",
            &[
                ("title", RoleWord::Title),
                ("modifier", RoleWord::Modifier),
                ("document", RoleWord::Document),
                ("group", RoleWord::Group),
            ],
        )?;
        // Sets of slices of the compiled-in text, sized once: no string is copied at start.
        let set = |words: &[&'static str]| -> HashSet<&'static str> {
            let mut set = HashSet::with_capacity_and_hasher(words.len(), Default::default());
            set.extend(words);
            set
        };
        let words = |text: &'static str| set(&word_list(text));
        // The two long lists, read once for their sets and their filters.
        let places = word_list(PLACES);
        let common_words = word_list(COMMON_WORDS);
        let mut lexicon = Lexicon {
            cues,
            pronouns,
            first_person,
            pronoun_filter,
            ascii_pronouns,
            possessives,
            honorifics,
            offices,
            roles,
            stopwords: words(STOPWORDS),
            never_names: words(CALENDAR),
            given_names,
            short_given_names,
            place_filter: BitFilter::of_words(places.iter().copied()),
            places: set(&places),
            common_filter: BitFilter::of_words(common_words.iter().copied()),
            common_words: set(&common_words),
            abbreviations: words(ABBREVIATIONS),
            abbreviation_filter: InitialFilter::new(word_lines(ABBREVIATIONS), false),
            determiners: words(DETERMINERS),
            adverbs: words(ADVERBS),
            name_particles: words(NAME_PARTICLES),
            particle_filter: InitialFilter::new(word_lines(NAME_PARTICLES), false),
            name_suffixes: words(NAME_SUFFIXES),
            suffix_filter: InitialFilter::new(word_lines(NAME_SUFFIXES), false),
            clause_openers: words(CLAUSE_OPENERS),
            speech_nouns: words(SPEECH_NOUNS),
            title_small_words: words(TITLE_SMALL_WORDS),
            function_words: function_words(FUNCTION_WORDS)?,
            class_table: classes::Table::default(),
        };
        lexicon.class_table = lexicon.build_class_table();
        Ok(lexicon)
    }

    /// The gender a given name suggests, when one gender is at least three times as frequent.
    pub fn given_name_gender(&self, name: &str) -> Gender {
        self.given_name(name).unwrap_or(Gender::Unknown)
    }

    /// Whether a word is a known given name.
    pub fn is_given_name(&self, name: &str) -> bool {
        self.given_name(name).is_some()
    }

    /// For a known given name, the gender it suggests (see `given_name_gender`): one lookup
    /// answers both questions.
    pub fn given_name(&self, name: &str) -> Option<Gender> {
        self.given_name_in(name, 0, name.len())
    }

    /// [`Self::given_name`] of the word `text[start..end]`: the text around the word lets a
    /// short one be read in one load.
    pub(crate) fn given_name_in(&self, text: &str, start: usize, end: usize) -> Option<Gender> {
        // An ASCII word of at most eight bytes: every such name is in the short map.
        if let Some(key) = short_key_at(text.as_bytes(), start, end - start) {
            return self.short_given_names.get(key);
        }
        with_case_bytes(&text[start..end], true, |n| self.given_names.get(n).copied())
    }

    /// Whether words as written name a place ("Nova Scotia", "Georgia").
    pub fn is_place(&self, name: &str) -> bool {
        self.place_filter.may_hold(name.as_bytes()) && self.places.contains(name)
    }

    /// Whether a word, in any case, is a common English word ("Lake", "court"; not "Okafor").
    pub fn is_common_word(&self, word: &str) -> bool {
        with_case_bytes(word, false, |w| {
            self.common_filter.may_hold(w)
                && std::str::from_utf8(w).is_ok_and(|w| self.common_words.contains(w))
        })
    }

    /// Whether a word, as written, is an abbreviation that keeps its period ("Mr", "Jan").
    #[inline]
    pub(crate) fn is_abbreviation(&self, word: &str) -> bool {
        self.abbreviation_filter.may_hold(word.as_bytes()) && self.abbreviations.contains(word)
    }

    /// Whether a word, as written, is a name suffix ("Jr.", "III").
    #[inline]
    pub(crate) fn is_name_suffix(&self, word: &str) -> bool {
        self.suffix_filter.may_hold(word.as_bytes()) && self.name_suffixes.contains(word)
    }

    /// Whether `word` may be a name particle as written, answered without a lookup: `false`
    /// means it is none.
    #[inline]
    pub(crate) fn may_be_particle(&self, word: &[u8]) -> bool {
        self.particle_filter.may_hold(word)
    }

    /// The role class of a word, if it is one.
    pub fn role_word(&self, word: &str) -> Option<RoleWord> {
        with_case(word, false, |w| {
            self.roles.get(w).copied().or_else(|| {
                // An age or a number before a role: "the 46-year-old", "a 20-year-olds' team".
                if let Some((n, rest)) =
                    w.split_once('-').filter(|(n, _)| n.bytes().all(|b| b.is_ascii_digit()))
                {
                    return (!n.is_empty()).then(|| self.role_word(rest)).flatten();
                }
                // Plurals: "journalists", "officials", "spokesmen".
                if let Some(stem) = w.strip_suffix("men") {
                    return self.roles.get(&format!("{stem}man")).copied();
                }
                self.roles.get(w.strip_suffix('s')?).copied()
            })
        })
    }

    /// What a word in lower case does as a function word (`Function` bits; 0 for none).
    pub(crate) fn functions(&self, lower: &str) -> u16 {
        self.function_words.get(lower).copied().unwrap_or(0)
    }

    /// Whether `word` may be a pronoun, answered without a lookup: `false` means
    /// [`Self::pronoun`] is `None`; `true` means it is `Some` for an ASCII word (when all
    /// pronouns are ASCII and short), and may be for another.
    #[inline]
    pub(crate) fn may_be_pronoun(&self, word: &[u8]) -> bool {
        self.may_be_pronoun_at(word, 0, word.len())
    }

    /// [`Self::may_be_pronoun`] of the word `text[start..end]`: the text around the word lets
    /// it be read in one load.
    #[inline(always)]
    pub(crate) fn may_be_pronoun_at(&self, text: &[u8], start: usize, end: usize) -> bool {
        if !self.pronoun_filter.may_hold(&text[start..end]) {
            return false;
        }
        // Past the filter, a word is no longer than a pronoun: short enough for a key.
        match &self.ascii_pronouns {
            Some(set) => short_key_at(text, start, end - start).is_none_or(|k| set.contains(k)),
            None => true,
        }
    }

    /// The pronoun class of a word, if it is one.
    pub fn pronoun(&self, word: &str) -> Option<PronounKind> {
        // A word too long, or whose first byte (ASCII) starts no pronoun in either case, is none;
        // a non-ASCII first byte may lowercase to one, so it is looked up.
        // (The rules ask `Lexicon::classes_in`, whose table answers most words.)
        if !self.may_be_pronoun(word.as_bytes()) {
            return None;
        }
        with_case(word, false, |w| self.pronouns.get(w).copied())
    }
}

/// Checks that a data file's keys are sorted and unique (shared by the data-file tests).
#[cfg(test)]
pub(crate) fn assert_sorted_unique<S: AsRef<str>>(name: &str, keys: impl IntoIterator<Item = S>) {
    let keys: Vec<S> = keys.into_iter().collect();
    for w in keys.windows(2) {
        let (a, b) = (w[0].as_ref(), w[1].as_ref());
        assert!(a < b, "{name}: `{a}` then `{b}`: keep the file sorted, without duplicates");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_parse() {
        let l = lexicon();
        assert!(l.cues.iter().any(|(f, c)| f == "according to" && *c == CueClass::According));
        assert_eq!(l.pronoun("She"), Some(PronounKind::Female));
        assert_eq!(l.role_word("Spokesman"), Some(RoleWord::Title));
        assert!(l.stopwords.contains("Thursday"));
        assert!(l.first_person.contains("we") && !l.first_person.contains("they"));
    }

    #[test]
    fn function_words_have_their_tags() {
        let l = lexicon();
        let does = |w: &str, f: Function| l.functions(w) & f.bit() != 0;
        assert!(does("of", Function::Complement) && does("of", Function::PostModifier));
        assert!(does("with", Function::Preposition) && !does("with", Function::Complement));
        assert!(does("later", Function::Elision) && !does("later", Function::Preposition));
        assert_eq!(l.functions("spokesman"), 0);
        assert!(function_words("word,tags\nof,complement nonsense\n").is_err());
        assert!(function_words("word,tags\nOf,complement\n").is_err());
    }

    #[test]
    fn given_names_tell_gender() {
        let l = lexicon();
        assert_eq!(l.given_name_gender("Bonnie"), Gender::Female);
        assert_eq!(l.given_name_gender("Derek"), Gender::Male);
        assert_eq!(l.given_name_gender("Zzyzx"), Gender::Unknown);
        // Beyond the 1990 census, and names given to both sexes stay unknown.
        assert_eq!(l.given_name_gender("Amara"), Gender::Female);
        assert_eq!(l.given_name_gender("Tiago"), Gender::Male);
        for both in ["Lee", "Jordan", "Reagan"] {
            assert!(l.is_given_name(both));
            assert_eq!(l.given_name_gender(both), Gender::Unknown, "{both}");
        }
    }

    #[test]
    fn short_given_names_are_found_as_by_hashing() {
        let l = lexicon();
        let hashed = |w: &str| with_case_bytes(w, true, |n| l.given_names.get(n).copied());
        let mut words: Vec<String> = Vec::new();
        for name in l.given_names.keys() {
            let name = std::str::from_utf8(name).expect("given names are text");
            let lower = name.to_lowercase();
            words.extend([name.to_string(), format!("{lower}s"), lower.chars().skip(1).collect(), lower]);
        }
        words.extend(["", "Zoë", "ANN@", "ann\0", "Élise"].map(String::from));
        for w in &words {
            assert_eq!(l.given_name(w), hashed(w), "{w}");
            // Read from a text with more after it (eight-byte loads), as alone.
            let text = format!("{w} Administration");
            assert_eq!(l.given_name_in(&text, 0, w.len()), hashed(w), "{w}");
        }
    }

    #[test]
    fn places_are_known_by_their_written_name() {
        let l = lexicon();
        for place in ["Nova Scotia", "Georgia", "Saskatchewan", "Canada", "Chicago", "Wales"] {
            assert!(l.is_place(place), "{place}");
        }
        assert!(!l.is_place("Okafor"));
        assert!(!l.is_place("nova scotia"));
    }

    #[test]
    fn common_words_are_known_in_any_case() {
        let l = lexicon();
        for w in ["lake", "Court", "research", "Heart"] {
            assert!(l.is_common_word(w), "{w}");
        }
        for w in ["Okafor", "Telford", "Lonechild"] {
            assert!(!l.is_common_word(w), "{w}");
        }
    }

    /// The filter before the lookup says yes to every listed abbreviation, as written only.
    #[test]
    fn abbreviations_are_known_as_written() {
        let l = lexicon();
        assert!(l.abbreviations.iter().all(|a| l.is_abbreviation(a)));
        assert!(["said", "the", "MR", "mr", "Mister", "U", ""].iter().all(|w| !l.is_abbreviation(w)));
    }

    #[test]
    fn data_files_are_sorted_without_duplicates() {
        assert_sorted_unique("data/cues.csv", rows(CUES).map(|(_, v, rest)| format!("{v}\t{rest}")));
        assert_sorted_unique("data/possessives.csv", rows(POSSESSIVES).map(|(_, f, _)| f));
        assert_sorted_unique("data/honorifics.csv", rows(HONORIFICS).map(|(_, f, _)| f));
        assert_sorted_unique("data/function_words.csv", rows(FUNCTION_WORDS).map(|(_, f, _)| f));
        assert_sorted_unique("data/given-names.csv", rows(GIVEN_NAMES).map(|(_, f, _)| f));
        let places = PLACES.lines().filter(|l| !l.starts_with('#'));
        assert_sorted_unique("data/places.txt", places);
        let common = COMMON_WORDS.lines().filter(|l| !l.starts_with('#'));
        assert_sorted_unique("data/common-words.txt", common);
        let mut roles: Vec<(String, String)> =
            rows(ROLES).map(|(_, w, c)| (c.to_string(), w.to_string())).collect();
        let by_class: Vec<String> = roles.iter().map(|(c, w)| format!("{c}:{w}")).collect();
        roles.sort();
        assert_eq!(by_class, roles.iter().map(|(c, w)| format!("{c}:{w}")).collect::<Vec<_>>());
        for (name, text) in [
            ("data/abbreviations.txt", ABBREVIATIONS),
            ("data/determiners.txt", DETERMINERS),
            ("data/adverbs.txt", ADVERBS),
            ("data/name_particles.txt", NAME_PARTICLES),
            ("data/name_suffixes.txt", NAME_SUFFIXES),
            ("data/clause_openers.txt", CLAUSE_OPENERS),
            ("data/speech_nouns.txt", SPEECH_NOUNS),
            ("data/title_small_words.txt", TITLE_SMALL_WORDS),
        ] {
            assert_sorted_unique(name, word_lines(text));
        }
    }
}
