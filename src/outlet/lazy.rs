//! A regular expression compiled on first use and run only on lines that can match it: lines
//! holding one of the pieces of text (or a character of one of the classes) that every match
//! of it holds, found by reading the pattern. Most lines hold none, so most documents never
//! pay for compiling the outlet and date patterns, nor for running them.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use regex::Regex;
use regex_syntax::hir::{Class, ClassUnicode, Hir, HirKind};

/// A pattern with what any match of it must contain.
pub(super) struct LazyRegex {
    pattern: String,
    /// A match holds at least one of these; `None` when reading the pattern found nothing
    /// that every match holds (then every line is tried).
    needs: Option<Needs>,
    regex: OnceLock<Regex>,
}

/// The needles of a pattern, ready to look for: the texts in one automaton (ASCII
/// case-insensitive, one pass over a line), the classes one by one.
struct Needs {
    texts: Option<AhoCorasick>,
    classes: Vec<CharClass>,
}

impl Needs {
    fn new(needles: Vec<Needle>) -> Needs {
        let mut texts = Vec::new();
        let mut classes = Vec::new();
        for n in needles {
            match n {
                Needle::Text(t) => texts.push(t),
                Needle::Class(c) => classes.push(c),
            }
        }
        let texts = (!texts.is_empty()).then(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(&texts)
                .expect("a few short needles always build")
        });
        Needs { texts, classes }
    }

    fn are_in(&self, line: &str) -> bool {
        self.texts.as_ref().is_some_and(|ac| ac.is_match(line))
            || self.classes.iter().any(|c| line.chars().any(|ch| c.contains(ch)))
    }
}

/// Something every match holds.
#[derive(Debug, Clone, PartialEq)]
enum Needle {
    /// This text, in any ASCII case (stored in ASCII lower case).
    Text(Vec<u8>),
    /// A character of this class.
    Class(CharClass),
}

/// A class of characters, its ASCII part as a bit set.
#[derive(Debug, Clone, PartialEq)]
struct CharClass {
    ascii: u128,
    class: ClassUnicode,
}

impl CharClass {
    fn new(class: &ClassUnicode) -> CharClass {
        let ascii = (0u8..128).filter(|&b| contains(class, b as char)).fold(0, |m, b| m | 1u128 << b);
        CharClass { ascii, class: class.clone() }
    }

    fn contains(&self, ch: char) -> bool {
        if ch.is_ascii() {
            self.ascii >> (ch as u32) & 1 == 1
        } else {
            contains(&self.class, ch)
        }
    }

    /// How many characters it holds.
    fn len(&self) -> u64 {
        self.class.iter().map(|r| u64::from(r.end()) - u64::from(r.start()) + 1).sum()
    }
}

/// Whether `class` holds `ch`.
fn contains(class: &ClassUnicode, ch: char) -> bool {
    class
        .ranges()
        .binary_search_by(|r| {
            if r.end() < ch {
                std::cmp::Ordering::Less
            } else if r.start() > ch {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

impl LazyRegex {
    /// A pattern, checked now (so that a bad one fails where it is built) but compiled on first use.
    pub(super) fn new(pattern: &str) -> Result<LazyRegex, Box<regex_syntax::Error>> {
        let hir = regex_syntax::Parser::new().parse(pattern).map_err(Box::new)?;
        let needs = needed(&hir).map(Needs::new);
        Ok(LazyRegex { pattern: pattern.to_string(), needs, regex: OnceLock::new() })
    }

    /// The compiled expression.
    pub(super) fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| Regex::new(&self.pattern).expect("a pattern that regex-syntax parsed"))
    }

    /// Whether `line` can hold a match: false only when it holds nothing a match must hold.
    fn may_match(&self, line: &str) -> bool {
        self.needs.as_ref().is_none_or(|needs| needs.are_in(line))
    }

    /// `Regex::is_match`, without compiling or running the expression where it cannot match.
    pub(super) fn is_match(&self, line: &str) -> bool {
        self.may_match(line) && self.regex().is_match(line)
    }

    /// `Regex::captures`, likewise.
    pub(super) fn captures<'h>(&self, line: &'h str) -> Option<regex::Captures<'h>> {
        if self.may_match(line) {
            self.regex().captures(line)
        } else {
            None
        }
    }
}

/// What every match of `hir` holds: one of the returned needles. `None` when no such set was
/// found (a pattern that can match the empty string, or one made only of large classes is fine:
/// classes count too).
fn needed(hir: &Hir) -> Option<Vec<Needle>> {
    match hir.kind() {
        HirKind::Literal(lit) => Some(vec![Needle::Text(lit.0.to_ascii_lowercase())]),
        HirKind::Class(Class::Unicode(c)) => Some(vec![
            ascii_letter(c).map_or_else(|| Needle::Class(CharClass::new(c)), |b| Needle::Text(vec![b]))
        ]),
        HirKind::Class(Class::Bytes(_)) | HirKind::Empty | HirKind::Look(_) => None,
        HirKind::Repetition(r) if r.min >= 1 => needed(&r.sub),
        HirKind::Repetition(_) => None,
        HirKind::Capture(c) => needed(&c.sub),
        HirKind::Alternation(subs) => {
            let mut all = Vec::new();
            for s in subs {
                all.extend(needed(s)?);
            }
            Some(all)
        }
        HirKind::Concat(subs) => {
            // Each part's needs, and runs of parts that are each one piece of text (as
            // `(?i:date)` is: four classes of a letter in either case), joined.
            let mut best: Option<Vec<Needle>> = None;
            let mut run: Vec<u8> = Vec::new();
            let mut consider = |n: Vec<Needle>| {
                if best.as_ref().is_none_or(|b| better(&n, b)) {
                    best = Some(n);
                }
            };
            for s in subs {
                if let Some(t) = one_text(s) {
                    run.extend_from_slice(&t);
                    continue;
                }
                if !run.is_empty() {
                    consider(vec![Needle::Text(std::mem::take(&mut run))]);
                }
                if let Some(n) = needed(s) {
                    consider(n);
                }
            }
            if !run.is_empty() {
                consider(vec![Needle::Text(run)]);
            }
            best
        }
    }
}

/// The text (ASCII lower case) that `hir` matches exactly once, if it is one piece of text: a
/// literal, or a letter in either case.
fn one_text(hir: &Hir) -> Option<Vec<u8>> {
    match hir.kind() {
        HirKind::Literal(lit) => Some(lit.0.to_ascii_lowercase()),
        HirKind::Class(Class::Unicode(c)) => ascii_letter(c).map(|b| vec![b]),
        HirKind::Capture(c) => one_text(&c.sub),
        _ => None,
    }
}

/// Whether needles `a` likely rule out more lines than `b`: texts before classes, longer texts
/// before shorter, fewer needles before more, smaller classes before larger.
fn better(a: &[Needle], b: &[Needle]) -> bool {
    let key = |ns: &[Needle]| {
        let classes = ns.iter().filter(|n| matches!(n, Needle::Class(_))).count();
        let shortest =
            ns.iter().map(|n| if let Needle::Text(t) = n { t.len() } else { 0 }).min().unwrap_or(0);
        let class_chars: u64 = ns
            .iter()
            .map(|n| match n {
                Needle::Class(c) => c.len(),
                Needle::Text(_) => 0,
            })
            .sum();
        (classes, std::cmp::Reverse(shortest), ns.len(), class_chars)
    };
    key(a) < key(b)
}

/// The ASCII letter (lower case) a class stands for when it is exactly that letter in either
/// case (`(?i:a)`). Not for `k` or `s` under `(?i)`, whose classes also hold the Kelvin sign
/// and the long s.
fn ascii_letter(c: &ClassUnicode) -> Option<u8> {
    let chars: Vec<char> = c.iter().flat_map(|r| r.start()..=r.end()).take(3).collect();
    match chars[..] {
        [one] if one.is_ascii() => Some((one as u8).to_ascii_lowercase()),
        [a, b] if a.is_ascii_uppercase() && b == a.to_ascii_lowercase() => Some(b as u8),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(pattern: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
        needed(&hir).map(|ns| {
            ns.iter()
                .map(|n| match n {
                    Needle::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    Needle::Class(_) => "<class>".to_string(),
                })
                .collect()
        })
    }

    #[test]
    fn what_every_match_holds() {
        let rows: &[(&str, Option<&[&str]>)] = &[
            (r"\((?P<o>\p{L}+)\)", Some(&["("])),
            (r"(?i:copyright)?\s*©\s*\d{4}", Some(&["©"])),
            (r"^(?i:copyright)\s+\d{4}", Some(&["copyright"])),
            (r"(?i:first|originally)\s+appeared", Some(&["appeared"])),
            (r"^(?:Authors?|By|Reporting by)\s*:", Some(&["author", "by", "reporting by"])),
            (r"^(?:Authors?|By|Reporting by)\s*:?", Some(&["author", "by", "reporting by"])),
            (r"xa+y", Some(&["x"])),
            (r"\d{1,2}-\d{2}", Some(&["-"])),
            (r"\p{Lu}\d", Some(&["<class>"])),
            (r"\p{L}{3}\s\d{4}|\d{4}-\d{2}", Some(&["<class>", "-"])),
            (r"(?i:ask)", Some(&["a"])),
            (r"a|\s*", None),
            (r"x?", None),
        ];
        for (pattern, want) in rows {
            let want = want.map(|w| w.iter().map(|s| s.to_string()).collect::<Vec<_>>());
            assert_eq!(texts(pattern), want, "{pattern}");
        }
    }

    #[test]
    fn lines_without_a_needle_are_not_tried_and_others_are() {
        let re = LazyRegex::new(r"\((?P<o>\p{L}+)\)\s*[-–]").unwrap();
        assert!(!re.is_match("No brackets here - at all"));
        assert!(re.regex.get().is_none(), "not compiled for a line that cannot match");
        assert!(re.is_match("PARIS (Agency) - Talks"));
        assert_eq!(&re.captures("PARIS (Agency) – Talks").unwrap()["o"], "Agency");
        let any_case = LazyRegex::new(r"(?i:published)\s+\d").unwrap();
        assert!(any_case.is_match("PUBLISHED 3 May"));
        assert!(!any_case.is_match("Publish 3 May"));
    }
}
