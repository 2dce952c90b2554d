//! Language data for comparison: contractions, function words and rank words, read from
//! `data/compare/` (see its README), compiled in and parsed once.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

const CONTRACTIONS: &str = include_str!("../../data/compare/contractions.csv");
const FUNCTION_WORDS: &str = include_str!("../../data/compare/function-words.txt");
const RANK_WORDS: &str = include_str!("../../data/compare/rank-words.txt");
const OFFICE_WORDS: &str = include_str!("../../data/compare/office-words.txt");

/// The comparison lexicon.
#[derive(Debug)]
pub(crate) struct CompareLexicon {
    /// Whole contracted forms ("won't") and their expansion as words (["will", "not"]).
    pub forms: HashMap<String, Vec<String>>,
    /// Endings ("n't") and their expansion ("not"), longest first.
    pub endings: Vec<(String, String)>,
    /// Words without content of their own.
    pub function_words: HashSet<String>,
    /// Words that make a role a lower office when they open it.
    pub rank_words: HashSet<String>,
    /// Words that name an office.
    pub office_words: HashSet<String>,
}

static LEXICON: LazyLock<CompareLexicon> =
    LazyLock::new(|| CompareLexicon::parse().expect("built-in data/compare files are valid"));

/// The built-in comparison lexicon.
pub(crate) fn lexicon() -> &'static CompareLexicon {
    &LEXICON
}

fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(n, l)| (n + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

impl CompareLexicon {
    fn parse() -> Result<CompareLexicon, String> {
        let mut forms = HashMap::new();
        let mut endings = Vec::new();
        for (n, line) in lines(CONTRACTIONS).skip(1) {
            let Some((form, expansion)) = line.split_once(',') else {
                return Err(format!("data/compare/contractions.csv:{n}: expected `form,expansion`"));
            };
            let words: Vec<String> = expansion.split_whitespace().map(str::to_string).collect();
            if words.is_empty() {
                return Err(format!("data/compare/contractions.csv:{n}: empty expansion"));
            }
            match form.strip_prefix('-') {
                Some(ending) => {
                    if words.len() != 1 {
                        return Err(format!(
                            "data/compare/contractions.csv:{n}: an ending expands to one word"
                        ));
                    }
                    endings.push((ending.to_string(), words[0].clone()));
                }
                None => {
                    forms.insert(form.to_string(), words);
                }
            }
        }
        endings.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        let set = |text: &str| lines(text).map(|(_, l)| l.to_string()).collect::<HashSet<_>>();
        Ok(CompareLexicon {
            forms,
            endings,
            function_words: set(FUNCTION_WORDS),
            rank_words: set(RANK_WORDS),
            office_words: set(OFFICE_WORDS),
        })
    }

    /// True for a word without content of its own ("the", "will", "of").
    pub fn is_function_word(&self, word: &str) -> bool {
        self.function_words.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::lexicon::assert_sorted_unique;

    #[test]
    fn data_files_parse_and_are_sorted() {
        let l = lexicon();
        assert_eq!(l.forms["won't"], vec!["will", "not"]);
        assert!(l.endings.iter().any(|(e, x)| e == "n't" && x == "not"));
        assert!(l.is_function_word("the"));
        assert!(!l.is_function_word("security"));
        assert!(l.rank_words.contains("vice"));
        assert_sorted_unique(
            "data/compare/contractions.csv",
            lines(CONTRACTIONS).skip(1).map(|(_, l)| l.split(',').next().unwrap_or("")),
        );
        assert_sorted_unique("data/compare/function-words.txt", lines(FUNCTION_WORDS).map(|(_, l)| l));
        assert_sorted_unique("data/compare/rank-words.txt", lines(RANK_WORDS).map(|(_, l)| l));
        assert_sorted_unique("data/compare/office-words.txt", lines(OFFICE_WORDS).map(|(_, l)| l));
        assert!(l.office_words.contains("minister"));
    }

    #[test]
    fn data_files_are_lowercase_with_straight_apostrophes() {
        let all = lines(CONTRACTIONS).chain(lines(FUNCTION_WORDS)).chain(lines(RANK_WORDS));
        for (_, l) in all.chain(lines(OFFICE_WORDS)) {
            assert_eq!(l, l.to_lowercase(), "{l}");
            assert!(!l.contains('\u{2019}'), "{l}");
        }
    }
}
