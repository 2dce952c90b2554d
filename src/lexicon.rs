//! Language data: cue verbs, pronouns, honorifics, role words, stop words, given names and the
//! closed word lists of names and noun phrases.
//! The data lives in `data/` (see `data/README.md`), is compiled in, and parsed once.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

use crate::gazetteer::Gender;

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

/// All language data.
#[derive(Debug)]
pub struct Lexicon {
    /// Cue forms (lowercase) with their class.
    pub cues: Vec<(String, CueClass)>,
    /// Pronouns (lowercase).
    pub pronouns: HashMap<String, PronounKind>,
    /// Honorifics as written, with the gender they tell.
    pub honorifics: Vec<(String, Gender)>,
    /// Role words (lowercase).
    pub roles: HashMap<String, RoleWord>,
    /// Capitalised words that are never a name alone.
    pub stopwords: HashSet<String>,
    /// Capitalised words that are never part of a name (days, months).
    pub never_names: HashSet<String>,
    /// Given names (uppercase) with their likelier gender.
    pub given_names: HashMap<String, Gender>,
    /// Abbreviations that keep their period ("Dr", "Sept"), as written without it.
    pub abbreviations: HashSet<String>,
    /// Words that open a noun phrase ("the", "his", "two").
    pub determiners: HashSet<String>,
    /// Prepositions and "and" that join the words of a noun phrase.
    pub connectors: HashSet<String>,
    /// Adverbs and auxiliaries between a speaker and a cue ("also", "has").
    pub adverbs: HashSet<String>,
    /// Lowercase particles inside personal names ("de", "van").
    pub name_particles: HashSet<String>,
    /// Suffixes after a personal name ("Jr.", "III").
    pub name_suffixes: HashSet<String>,
    /// Words that open a clause between commas that is not an apposition ("during", "however").
    pub clause_openers: HashSet<String>,
    /// Small words a title keeps in lower case ("the", "of").
    pub title_small_words: HashSet<String>,
}

/// Calls `f` with `word` in ASCII lower or upper case, without allocating for short words.
fn with_case<R>(word: &str, upper: bool, f: impl FnOnce(&str) -> R) -> R {
    let convert = |b: u8| if upper { b.to_ascii_uppercase() } else { b.to_ascii_lowercase() };
    if word.is_ascii() && word.len() <= 32 {
        let mut buf = [0u8; 32];
        for (d, b) in buf.iter_mut().zip(word.bytes()) {
            *d = convert(b);
        }
        // ASCII in, ASCII out: always valid UTF-8.
        f(std::str::from_utf8(&buf[..word.len()]).unwrap_or(""))
    } else if upper {
        f(&word.to_uppercase())
    } else {
        f(&word.to_lowercase())
    }
}

static LEXICON: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::parse().expect("built-in data/ files are valid"));

/// The built-in lexicon.
pub fn lexicon() -> &'static Lexicon {
    &LEXICON
}

const CUES: &str = include_str!("../data/cues.csv");
const PRONOUNS: &str = include_str!("../data/pronouns.csv");
const HONORIFICS: &str = include_str!("../data/honorifics.csv");
const ROLES: &str = include_str!("../data/roles.csv");
const STOPWORDS: &str = include_str!("../data/stopwords.txt");
const CALENDAR: &str = include_str!("../data/calendar.txt");
const ABBREVIATIONS: &str = include_str!("../data/abbreviations.txt");
const DETERMINERS: &str = include_str!("../data/determiners.txt");
const CONNECTORS: &str = include_str!("../data/connectors.txt");
const ADVERBS: &str = include_str!("../data/adverbs.txt");
const NAME_PARTICLES: &str = include_str!("../data/name_particles.txt");
const NAME_SUFFIXES: &str = include_str!("../data/name_suffixes.txt");
const CLAUSE_OPENERS: &str = include_str!("../data/clause_openers.txt");
const TITLE_SMALL_WORDS: &str = include_str!("../data/title_small_words.txt");
const MALE: &str = include_str!("../data/census/dist.male.first");
const FEMALE: &str = include_str!("../data/census/dist.female.first");

/// Data rows: non-empty, non-comment lines after the header, split on the first comma.
fn rows(text: &str) -> impl Iterator<Item = (usize, &str, &str)> {
    text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#')).skip(1).map(
        |(n, l)| {
            let (a, b) = l.split_once(',').unwrap_or((l, ""));
            (n + 1, a.trim(), b.trim())
        },
    )
}

/// The words of a word list: one a line, without blank and comment lines.
fn word_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn gender(s: &str) -> Gender {
    match s {
        "male" => Gender::Male,
        "female" => Gender::Female,
        _ => Gender::Unknown,
    }
}

impl Lexicon {
    fn parse() -> Result<Lexicon, String> {
        let mut cues = Vec::new();
        for (n, form, class) in rows(CUES) {
            let class = match class {
                "finite" => CueClass::Finite,
                "transitive" => CueClass::Transitive,
                "participle" => CueClass::Participle,
                "according" => CueClass::According,
                "quoted" => CueClass::Quoted,
                other => return Err(format!("data/cues.csv:{n}: unknown class `{other}`")),
            };
            cues.push((form.to_lowercase(), class));
        }
        let mut pronouns = HashMap::default();
        for (n, form, g) in rows(PRONOUNS) {
            let kind = match g {
                "male" => PronounKind::Male,
                "female" => PronounKind::Female,
                "any" => PronounKind::Any,
                "thing" => PronounKind::Thing,
                other => return Err(format!("data/pronouns.csv:{n}: unknown gender `{other}`")),
            };
            pronouns.insert(form.to_lowercase(), kind);
        }
        let honorifics = rows(HONORIFICS).map(|(_, f, g)| (f.to_string(), gender(g))).collect();
        let mut roles = HashMap::default();
        for (n, word, class) in rows(ROLES) {
            let class = match class {
                "title" => RoleWord::Title,
                "modifier" => RoleWord::Modifier,
                "document" => RoleWord::Document,
                "group" => RoleWord::Group,
                other => return Err(format!("data/roles.csv:{n}: unknown class `{other}`")),
            };
            roles.insert(word.to_lowercase(), class);
        }
        let words = |text: &str| -> HashSet<String> { word_lines(text).map(String::from).collect() };
        Ok(Lexicon {
            cues,
            pronouns,
            honorifics,
            roles,
            stopwords: words(STOPWORDS),
            never_names: words(CALENDAR),
            given_names: given_names(),
            abbreviations: words(ABBREVIATIONS),
            determiners: words(DETERMINERS),
            connectors: words(CONNECTORS),
            adverbs: words(ADVERBS),
            name_particles: words(NAME_PARTICLES),
            name_suffixes: words(NAME_SUFFIXES),
            clause_openers: words(CLAUSE_OPENERS),
            title_small_words: words(TITLE_SMALL_WORDS),
        })
    }

    /// The gender a given name suggests, when one gender is at least three times as frequent.
    pub fn given_name_gender(&self, name: &str) -> Gender {
        with_case(name, true, |n| self.given_names.get(n).copied()).unwrap_or(Gender::Unknown)
    }

    /// Whether a word is a known given name.
    pub fn is_given_name(&self, name: &str) -> bool {
        with_case(name, true, |n| self.given_names.contains_key(n))
    }

    /// The role class of a word, if it is one.
    pub fn role_word(&self, word: &str) -> Option<RoleWord> {
        with_case(word, false, |w| {
            self.roles.get(w).copied().or_else(|| {
                // Plurals: "journalists", "officials", "spokesmen".
                if let Some(stem) = w.strip_suffix("men") {
                    return self.roles.get(&format!("{stem}man")).copied();
                }
                self.roles.get(w.strip_suffix('s')?).copied()
            })
        })
    }

    /// The pronoun class of a word, if it is one.
    pub fn pronoun(&self, word: &str) -> Option<PronounKind> {
        match word {
            "he" | "He" | "HE" => Some(PronounKind::Male),
            "she" | "She" | "SHE" => Some(PronounKind::Female),
            _ if word.len() <= 4 => with_case(word, false, |w| self.pronouns.get(w).copied()),
            _ => None,
        }
    }
}

fn given_names() -> HashMap<String, Gender> {
    let parse = |text: &str| -> HashMap<String, f64> {
        text.lines()
            .filter_map(|l| {
                let mut it = l.split_whitespace();
                Some((it.next()?.to_string(), it.next()?.parse().ok()?))
            })
            .collect()
    };
    let (male, female) = (parse(MALE), parse(FEMALE));
    let mut out = HashMap::default();
    for (name, &m) in &male {
        let f = female.get(name).copied().unwrap_or(0.0);
        out.insert(
            name.clone(),
            if m >= 3.0 * f {
                Gender::Male
            } else if f >= 3.0 * m {
                Gender::Female
            } else {
                Gender::Unknown
            },
        );
    }
    for (name, &f) in &female {
        out.entry(name.clone()).or_insert(if f > 0.0 { Gender::Female } else { Gender::Unknown });
    }
    out
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
    }

    #[test]
    fn given_names_tell_gender() {
        let l = lexicon();
        assert_eq!(l.given_name_gender("Bonnie"), Gender::Female);
        assert_eq!(l.given_name_gender("Derek"), Gender::Male);
        assert_eq!(l.given_name_gender("Zzyzx"), Gender::Unknown);
    }

    #[test]
    fn data_files_are_sorted_without_duplicates() {
        assert_sorted_unique("data/cues.csv", rows(CUES).map(|(_, f, _)| f));
        let mut roles: Vec<(String, String)> =
            rows(ROLES).map(|(_, w, c)| (c.to_string(), w.to_string())).collect();
        let by_class: Vec<String> = roles.iter().map(|(c, w)| format!("{c}:{w}")).collect();
        roles.sort();
        assert_eq!(by_class, roles.iter().map(|(c, w)| format!("{c}:{w}")).collect::<Vec<_>>());
        for (name, text) in [
            ("data/abbreviations.txt", ABBREVIATIONS),
            ("data/determiners.txt", DETERMINERS),
            ("data/connectors.txt", CONNECTORS),
            ("data/adverbs.txt", ADVERBS),
            ("data/name_particles.txt", NAME_PARTICLES),
            ("data/name_suffixes.txt", NAME_SUFFIXES),
            ("data/clause_openers.txt", CLAUSE_OPENERS),
            ("data/title_small_words.txt", TITLE_SMALL_WORDS),
        ] {
            assert_sorted_unique(name, word_lines(text));
        }
    }
}
