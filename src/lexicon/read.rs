//! Reading the `data/` files into the lexicon's tables: rows of a CSV file, word lists, cue
//! verbs and their inflections, tagged function words and given names with their gender.

use rustc_hash::FxHashMap as HashMap;

use super::{CueClass, Function, GIVEN_NAMES};
use crate::gazetteer::Gender;
use crate::inflect;
use crate::text::{line_count, raw_lines, trim, trimmed_lines};

/// Data rows: non-empty, non-comment lines after the header, split on the first comma, with
/// their line numbers: what `str::lines`, `split_once(',')` and `trim` give (a line's `\r` is
/// trimmed with its white space), read faster: `data/given-names.csv` has 27,000 rows, read at
/// every start, and the generic searches and trims took most of its reading.
pub(super) fn rows(text: &str) -> impl Iterator<Item = (usize, &str, &str)> {
    raw_lines(text).enumerate().filter(|(_, l)| !trim(l).is_empty() && !l.starts_with('#')).skip(1).map(
        |(n, l)| {
            let (a, b) = split_comma(l).unwrap_or((l, ""));
            (n + 1, trim(a), trim(b))
        },
    )
}

/// `s.split_once(',')`, by a byte loop (the fields are short).
fn split_comma(s: &str) -> Option<(&str, &str)> {
    let comma = s.bytes().position(|b| b == b',')?;
    Some((&s[..comma], &s[comma + 1..]))
}

/// Every cue form of `data/cues.csv`: each verb's past, third person and -ing form (a
/// participle), only its past when flagged `past-only`, and its bare form when flagged `bare`; "according to" and "as saying" as written.
pub(super) fn cue_forms(text: &str) -> Result<Vec<(String, CueClass)>, String> {
    let mut cues = Vec::new();
    for (n, verb, rest) in rows(text) {
        let mut cols = rest.split(',').map(str::trim);
        let (class, past, flags) =
            (cols.next().unwrap_or(""), cols.next().unwrap_or(""), cols.next().unwrap_or(""));
        let err = |what: &str| format!("data/cues.csv:{n}: {what}");
        let class = match class {
            "finite" => CueClass::Finite,
            "transitive" => CueClass::Transitive,
            "according" | "quoted" => {
                let class = if class == "according" { CueClass::According } else { CueClass::Quoted };
                cues.push((verb.to_lowercase(), class));
                continue;
            }
            other => return Err(err(&format!("unknown class `{other}`"))),
        };
        let (mut bare, mut double, mut past_only) = (false, false, false);
        for flag in flags.split_whitespace() {
            match flag {
                "bare" => bare = true,
                "double" => double = true,
                "past-only" => past_only = true,
                other => return Err(err(&format!("unknown flag `{other}`"))),
            }
        }
        let verb = verb.to_lowercase();
        let past = if past.is_empty() {
            inflect::phrase_form(&verb, |v| inflect::past(v, double))
        } else {
            inflect::phrase_form(&verb, |_| past.to_lowercase())
        };
        cues.push((past, class));
        if !past_only {
            cues.push((inflect::phrase_form(&verb, inflect::third_person), class));
            let participle = inflect::phrase_form(&verb, |v| inflect::present_participle(v, double));
            cues.push((participle, CueClass::Participle));
        }
        if bare {
            cues.push((verb, class));
        }
    }
    cues.sort_by(|a, b| a.0.cmp(&b.0));
    cues.dedup();
    if let Some(w) = cues.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(format!("data/cues.csv: `{}` is a cue of two classes", w[0].0));
    }
    Ok(cues)
}

/// The words of a word list: one a line, trimmed, without blank and comment lines (the lists
/// have 100,000 short lines, read at every start: `trimmed_lines` finds the breaks by a
/// vector search).
pub(super) fn word_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    trimmed_lines(text).filter(|l| !l.starts_with('#'))
}

/// [`word_lines`] collected, into a list sized once by its line breaks (grown by doubling, the
/// two long lists were copied a dozen times each).
pub(super) fn word_list(text: &'static str) -> Vec<&'static str> {
    let mut list = Vec::with_capacity(line_count(text));
    list.extend(word_lines(text));
    list
}

pub(super) fn gender(s: &str) -> Gender {
    match s {
        "male" => Gender::Male,
        "female" => Gender::Female,
        _ => Gender::Unknown,
    }
}

/// A `word,value` file read into a map from the lowercased word to its value, the value named
/// by one of `values`; `what` names the column in errors ("unknown gender `x`").
pub(super) fn classed<T: Copy>(
    file: &str,
    data: &str,
    what: &str,
    values: &[(&str, T)],
) -> Result<HashMap<String, T>, String> {
    let mut out = HashMap::default();
    for (n, word, rest) in rows(data) {
        // The value is the second column; more columns may follow.
        let name = rest.split(',').next().unwrap_or("").trim();
        let value = values.iter().find(|(v, _)| *v == name).map(|&(_, t)| t);
        let value = value.ok_or_else(|| format!("{file}:{n}: unknown {what} `{name}`"))?;
        out.insert(word.to_lowercase(), value);
    }
    Ok(out)
}

/// `data/function_words.csv`: each word with the set of its tags, as `Function` bits.
pub(super) fn function_words(text: &'static str) -> Result<HashMap<&'static str, u16>, String> {
    let mut out = HashMap::default();
    for (n, word, tags) in rows(text) {
        let mut bits = 0;
        for tag in tags.split_whitespace() {
            let f = Function::TAGS.iter().find(|(t, _)| *t == tag).map(|&(_, f)| f);
            bits |= f.ok_or_else(|| format!("data/function_words.csv:{n}: unknown tag `{tag}`"))?.bit();
        }
        if word != word.to_lowercase() || out.insert(word, bits).is_some() {
            return Err(format!("data/function_words.csv:{n}: `{word}` is not lowercase or comes twice"));
        }
    }
    Ok(out)
}

/// A name tells a gender when at least this share of the children given it had that sex:
/// "Lee", "Jordan" and "Reagan" are given to both, and stay unknown.
const GENDER_SHARE: f64 = 0.9;

/// Given names (uppercase) with the gender they tell, from `data/given-names.csv`. The
/// uppercase names are written into one buffer that lives as long as the program (the lexicon
/// is built once), so the map holds slices of it rather than a string per name.
pub(super) fn given_names() -> Result<HashMap<&'static [u8], Gender>, String> {
    let mut upper = String::with_capacity(GIVEN_NAMES.len());
    let mut rows_read = Vec::new();
    for (n, name, counts) in rows(GIVEN_NAMES) {
        let bad = || format!("data/given-names.csv:{n}: expected `name,female,male` counts");
        let (f, m) = split_comma(counts).ok_or_else(bad)?;
        let (f, m) = (count(f).ok_or_else(bad)?, count(m).ok_or_else(bad)?);
        let gender = if m >= GENDER_SHARE * (f + m) {
            Gender::Male
        } else if f >= GENDER_SHARE * (f + m) {
            Gender::Female
        } else {
            Gender::Unknown
        };
        let start = upper.len();
        // Nearly all are ASCII: upper-cased in place, without a string each.
        if name.is_ascii() {
            upper.extend(name.bytes().map(|b| char::from(b.to_ascii_uppercase())));
        } else {
            upper.push_str(&name.to_uppercase());
        }
        rows_read.push((start..upper.len(), gender));
    }
    let upper: &'static str = Box::leak(upper.into_boxed_str());
    let mut out = HashMap::with_capacity_and_hasher(rows_read.len(), Default::default());
    for (range, gender) in rows_read {
        out.insert(&upper.as_bytes()[range], gender);
    }
    Ok(out)
}

/// A count of `data/given-names.csv`, trimmed: a whole number, read as one (exactly: the
/// counts stay far below 2^53), or any number.
fn count(s: &str) -> Option<f64> {
    let s = trim(s);
    s.parse::<u32>().map(f64::from).ok().or_else(|| s.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word lists are read as `str::lines`, trimmed, would read them.
    #[test]
    fn word_lines_are_the_trimmed_lines_without_blanks_and_comments() {
        for text in [
            "",
            "\n",
            "a\nb",
            "a\nb\n",
            "# list\n  a  \r\n\r\n\n b\t\n#c\nd",
            "\u{a0}é\u{a0}\n\u{2003}\n x # y\n",
            crate::lexicon::COMMON_WORDS,
            crate::lexicon::PLACES,
        ] {
            let want: Vec<&str> =
                text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
            let head: String = text.chars().take(40).collect();
            assert_eq!(word_lines(text).collect::<Vec<_>>(), want, "{head:?}");
        }
    }

    /// `rows` as it was written, on `str::lines`, `split_once` and `trim`.
    fn rows_by_lines(text: &str) -> Vec<(usize, &str, &str)> {
        let lines = text.lines().enumerate();
        let rows = lines.filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#')).skip(1);
        rows.map(|(n, l)| {
            let (a, b) = l.split_once(',').unwrap_or((l, ""));
            (n + 1, a.trim(), b.trim())
        })
        .collect()
    }

    #[test]
    fn rows_are_those_of_lines_split_and_trimmed() {
        for text in [crate::lexicon::GIVEN_NAMES, crate::lexicon::CUES, crate::lexicon::HONORIFICS] {
            assert_eq!(rows(text).collect::<Vec<_>>(), rows_by_lines(text));
        }
    }

    proptest::proptest! {
        /// Whatever the lines: blank or not, comments, carriage returns, white space inside
        /// and around the fields, beyond ASCII too, commas or none.
        #[test]
        fn rows_are_those_of_lines_whatever_the_text(text in "([#a ,\\t\\r\\n\\x0b\\u{a0}\\u{2003}é1]{0,8}\\n?){0,12}") {
            proptest::prop_assert_eq!(rows(&text).collect::<Vec<_>>(), rows_by_lines(&text));
        }
    }

    #[test]
    fn counts_read_whole_numbers_and_others_alike() {
        for s in ["0", "254", " 4653 ", "+7", "007", "4294967295", "4294967296", "1.5", "1e3", "-3"] {
            assert_eq!(count(s), s.trim().parse::<f64>().ok(), "{s:?}");
        }
        assert_eq!(count("x"), None);
        assert_eq!(count(""), None);
    }
}
