//! Text normalisation before matching: one quote becomes a list of word tokens that compare
//! equal when two outlets wrote the same words differently.
//!
//! What is made equal: case; curly and straight apostrophes (`’ ‘ ʼ ′ \``); quote marks, dashes,
//! NBSP and thin spaces (all separators); hyphenated words (`under-secretary` = `under
//! secretary`); dotted abbreviations (`U.S.` = `US`); contractions (`There’ll` = `There will`,
//! `won’t` = `will not`, from `data/compare/contractions.csv`); possessive `’s` (dropped); and,
//! when a gazetteer is given, every form of a country (`United States`, `U.S.`, `US`, `America`)
//! becomes one token. A form that is also a function word (`US`/`us`) counts only when written
//! in capitals. Each token keeps the byte span of the words it came from, so differences can be
//! shown in the text as written.

use std::collections::HashSet;

use super::lexicon::{lexicon, CompareLexicon};
use crate::gazetteer::Gazetteer;

/// One normalised word of a quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The normalised form: lowercase, straight apostrophes, contractions expanded. Country
    /// forms become `#` and the country code (`#us`).
    pub form: String,
    /// A light stem of the form (plural and `-ing`/`-ed` endings removed), so that "hyping"
    /// meets "hype".
    pub stem: String,
    /// False for function words ("the", "will", "of"); candidate pairs are found through shared
    /// content words.
    pub content: bool,
    /// Byte offset of the first character of the written word(s) in the quote.
    pub start: usize,
    /// Byte offset one past the written word(s).
    pub end: usize,
}

/// A country form as token words, and the token that replaces it.
#[derive(Debug, Clone)]
struct CountryForm {
    words: Vec<String>,
    caps_only: bool,
    token: String,
}

/// Turns quote text into [`Token`]s. Cheap to clone; build once per comparison.
#[derive(Debug, Clone, Default)]
pub struct Normalizer {
    countries: Vec<CountryForm>,
    longest_country: usize,
}

/// A word as written, before contraction expansion.
struct RawWord {
    start: usize,
    end: usize,
    /// Lowercase, straight apostrophes, abbreviation dots removed.
    lower: String,
    /// Written in capitals (two letters or more), or as a dotted abbreviation.
    caps: bool,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02bc}' | '\u{2032}' | '`')
}

/// Splits text into written words: runs of letters and digits, joined by an apostrophe or a dot
/// between two of them ("don’t", "U.S", "3.5"). Everything else separates, including hyphens
/// and dashes.
fn raw_words(text: &str) -> Vec<RawWord> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        let mut j = i;
        let mut dots = false;
        loop {
            while j < chars.len() && chars[j].1.is_alphanumeric() {
                j += 1;
            }
            let joiner = j + 1 < chars.len()
                && (is_apostrophe(chars[j].1) || chars[j].1 == '.')
                && chars[j + 1].1.is_alphanumeric();
            if !joiner {
                break;
            }
            dots |= chars[j].1 == '.';
            j += 1;
        }
        let mut end_idx = j;
        let word: String = chars[i..end_idx].iter().map(|&(_, c)| c).collect();
        // A dotted abbreviation is single letters between dots ("U.S", "U.K"): its final dot
        // belongs to it, and the dots go.
        let abbreviation =
            dots && word.split('.').all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic));
        if abbreviation && end_idx < chars.len() && chars[end_idx].1 == '.' {
            end_idx += 1;
        }
        let end = chars.get(end_idx).map_or(text.len(), |&(b, _)| b);
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let caps = abbreviation || (letters >= 2 && !word.chars().any(char::is_lowercase));
        let mut lower = String::with_capacity(word.len());
        for c in word.chars() {
            if is_apostrophe(c) {
                lower.push('\'');
            } else if !(c == '.' && abbreviation) {
                lower.extend(c.to_lowercase());
            }
        }
        out.push(RawWord { start, end, lower, caps });
        i = end_idx;
    }
    out
}

/// Expands a lowercase word with an apostrophe into the words it stands for.
fn expand(lower: &str, lex: &CompareLexicon) -> Vec<String> {
    if !lower.contains('\'') {
        return vec![lower.to_string()];
    }
    if let Some(words) = lex.forms.get(lower) {
        return words.clone();
    }
    if let Some(base) = lower.strip_suffix("'s") {
        return vec![base.replace('\'', "")];
    }
    for (ending, word) in &lex.endings {
        if let Some(base) = lower.strip_suffix(ending.as_str()) {
            if !base.is_empty() {
                return vec![base.replace('\'', ""), word.clone()];
            }
        }
    }
    vec![lower.replace('\'', "")]
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// A light English stemmer (Porter's step 1 abridged): plural `-s`/`-es`/`-ies`, `-ing` and
/// `-ed` when a vowel stays, a doubled final consonant undoubled ("stopping" → "stop"), and a
/// final `-e` ("hype" and "hyping" both → "hyp"). Words of three letters or fewer, and words
/// with anything but ASCII letters, are kept as they are.
pub fn stem(word: &str) -> String {
    let b = word.as_bytes();
    if b.len() <= 3 || !b.iter().all(u8::is_ascii_lowercase) {
        return word.to_string();
    }
    let mut s: &[u8] = b;
    let mut ies = false;
    if s.ends_with(b"sses") {
        s = &s[..s.len() - 2];
    } else if s.ends_with(b"ies") && s.len() > 4 {
        s = &s[..s.len() - 3];
        ies = true;
    } else if s.ends_with(b"s") && !s.ends_with(b"ss") && !s.ends_with(b"us") && !s.ends_with(b"is") {
        s = &s[..s.len() - 1];
    }
    let mut out = s.to_vec();
    if ies {
        out.push(b'y');
    } else {
        for suffix in [&b"ing"[..], b"ed"] {
            if out.ends_with(suffix) && !out.ends_with(b"eed") {
                let base = &out[..out.len() - suffix.len()];
                if base.len() >= 3 && base.iter().copied().any(is_vowel) {
                    let mut base = base.to_vec();
                    let n = base.len();
                    if base[n - 1] == base[n - 2]
                        && !is_vowel(base[n - 1])
                        && !matches!(base[n - 1], b'l' | b's' | b'z')
                    {
                        base.pop();
                    }
                    out = base;
                }
                break;
            }
        }
    }
    if out.len() > 3 && out.ends_with(b"e") {
        out.pop();
    }
    String::from_utf8(out).unwrap_or_else(|_| word.to_string())
}

impl Normalizer {
    /// A normaliser without country knowledge.
    pub fn new() -> Normalizer {
        Normalizer::default()
    }

    /// A normaliser that also makes every form of a gazetteer country one token.
    pub fn with_gazetteer(gazetteer: &Gazetteer) -> Normalizer {
        let lex = lexicon();
        let mut countries = Vec::new();
        let mut seen = HashSet::new();
        for country in gazetteer.countries() {
            let token = format!("#{}", country.code.to_lowercase());
            for form in &country.forms {
                let raw = raw_words(form);
                let words: Vec<String> = raw.iter().flat_map(|w| expand(&w.lower, lex)).collect();
                if words.is_empty() || !seen.insert(words.clone()) {
                    continue;
                }
                let caps_only = words.len() == 1 && lex.is_function_word(&words[0]);
                countries.push(CountryForm { words, caps_only, token: token.clone() });
            }
        }
        // Longest forms first, so "United States" is taken before a shorter form inside it.
        countries.sort_by(|a, b| b.words.len().cmp(&a.words.len()).then_with(|| a.words.cmp(&b.words)));
        let longest_country = countries.first().map_or(0, |c| c.words.len());
        Normalizer { countries, longest_country }
    }

    /// True when `form` is a country token made by this normaliser.
    pub fn is_country(form: &str) -> bool {
        form.starts_with('#')
    }

    /// The tokens of `text`.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let lex = lexicon();
        // (form, start, end, caps)
        let mut words: Vec<(String, usize, usize, bool)> = Vec::new();
        for w in raw_words(text) {
            for form in expand(&w.lower, lex) {
                if !form.is_empty() {
                    words.push((form, w.start, w.end, w.caps));
                }
            }
        }
        let mut tokens = Vec::with_capacity(words.len());
        let mut i = 0;
        while i < words.len() {
            if let Some((len, token)) = self.country_at(&words[i..]) {
                let (start, end) = (words[i].1, words[i + len - 1].2);
                tokens.push(Token { form: token.clone(), stem: token.clone(), content: true, start, end });
                i += len;
                continue;
            }
            let (form, start, end, _) = &words[i];
            tokens.push(Token {
                stem: stem(form),
                content: !lex.is_function_word(form),
                form: form.clone(),
                start: *start,
                end: *end,
            });
            i += 1;
        }
        tokens
    }

    fn country_at(&self, words: &[(String, usize, usize, bool)]) -> Option<(usize, &String)> {
        if self.countries.is_empty() {
            return None;
        }
        let max = self.longest_country.min(words.len());
        self.countries.iter().find_map(|c| {
            let n = c.words.len();
            let hit = n <= max
                && c.words.iter().zip(&words[..n]).all(|(a, b)| *a == b.0)
                && (!c.caps_only || words[0].3);
            hit.then_some((n, &c.token))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(n: &Normalizer, text: &str) -> Vec<String> {
        n.tokens(text).into_iter().map(|t| t.form).collect()
    }

    fn countries() -> Gazetteer {
        let mut g = Gazetteer::empty();
        g.add_countries_csv("c.csv", "code,forms\nUS,US;U.S.;United States;America\nCN,China;Chinese\n")
            .unwrap();
        g
    }

    #[test]
    fn case_marks_and_spaces_do_not_matter() {
        let n = Normalizer::new();
        let a = forms(&n, "“Stop playing with fire,” he said\u{a0}—\u{2009}twice.");
        let b = forms(&n, "\"stop PLAYING with fire\" he said - twice");
        assert_eq!(a, b);
        assert_eq!(a, ["stop", "playing", "with", "fire", "he", "said", "twice"]);
    }

    #[test]
    fn contractions_expand_with_either_apostrophe() {
        let n = Normalizer::new();
        assert_eq!(forms(&n, "There’ll be"), forms(&n, "There will be"));
        assert_eq!(forms(&n, "it won't"), ["it", "will", "not"]);
        assert_eq!(forms(&n, "It’s not"), forms(&n, "it is not"));
        assert_eq!(forms(&n, "they don’t"), ["they", "do", "not"]);
        assert_eq!(forms(&n, "we’ve"), ["we", "have"]);
    }

    #[test]
    fn possessive_is_dropped_and_hyphens_split() {
        let n = Normalizer::new();
        assert_eq!(forms(&n, "Russia’s concerns"), ["russia", "concerns"]);
        assert_eq!(forms(&n, "under-secretary"), ["under", "secretary"]);
        assert_eq!(forms(&n, "under\u{2011}secretary"), ["under", "secretary"]);
    }

    #[test]
    fn abbreviations_lose_their_dots_but_numbers_keep_theirs() {
        let n = Normalizer::new();
        assert_eq!(forms(&n, "the U.S. side"), forms(&n, "the US side"));
        assert_eq!(forms(&n, "grew 3.5 percent."), ["grew", "3.5", "percent"]);
    }

    #[test]
    fn country_forms_become_one_token_but_not_the_pronoun() {
        let n = Normalizer::with_gazetteer(&countries());
        assert_eq!(forms(&n, "the United States side"), ["the", "#us", "side"]);
        assert_eq!(forms(&n, "the U.S. side"), ["the", "#us", "side"]);
        assert_eq!(forms(&n, "the US side"), ["the", "#us", "side"]);
        assert_eq!(forms(&n, "let us go"), ["let", "us", "go"]);
        assert_eq!(forms(&n, "anti-Chinese"), ["anti", "#cn"]);
    }

    #[test]
    fn tokens_keep_the_written_span() {
        let n = Normalizer::new();
        let text = "There’ll be a U.S. response";
        let t = n.tokens(text);
        assert_eq!(&text[t[0].start..t[0].end], "There’ll");
        assert_eq!((t[0].start, t[0].end), (t[1].start, t[1].end));
        assert_eq!(&text[t[4].start..t[4].end], "U.S.");
        assert!(!t[1].content && t[5].content);
    }

    #[test]
    fn stems_meet_across_inflections() {
        for (a, b) in [
            ("hype", "hyping"),
            ("tensions", "tension"),
            ("stopping", "stop"),
            ("interfering", "interfere"),
            ("agitated", "agitate"),
            ("policies", "policy"),
            ("issues", "issue"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
        assert_eq!(stem("crisis"), "crisis");
        assert_ne!(stem("reasonable"), stem("legitimate"));
    }
}
