//! A regular expression compiled on first use and run only on lines that can match it: lines
//! holding one of the pieces of text (or a character of one of the classes) that every match
//! of it holds, and, for a pattern anchored at the line start, whose first characters are in
//! the classes every match starts with; both found by reading the pattern. Most lines fail
//! one or the other, so most documents never pay for compiling the outlet and date patterns,
//! nor for running them; a line of Latin letters and general punctuation is run on the pattern
//! narrowed to those characters (`narrow`), which compiles in a small part of the time.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look};

use super::compiled::{Compiled, Groups};
use super::narrow;

/// How many leading characters of an anchored pattern are read (see `leading`).
const START_MAX: usize = 8;

/// A pattern with what any match of it must contain.
pub(super) struct LazyRegex {
    /// The pattern as written (the tests compare it with `regex`'s `Regex`).
    #[cfg(test)]
    pattern: String,
    /// For a pattern anchored at the line start, the classes of the first characters of every
    /// match, one class per character; empty when none are known.
    starts: Vec<CharClass>,
    /// A match holds at least one of these; `None` when reading the pattern found nothing
    /// that every match holds (then every line is tried).
    needs: Option<Needs>,
    /// The pattern parsed: compiled whole, or narrowed (`narrow`), on first need.
    hir: Hir,
    regex: OnceLock<Compiled>,
    /// The pattern narrowed to the characters of most lines, for those lines.
    narrow: OnceLock<Compiled>,
}

/// The needles of a pattern, ready to look for: the texts in one automaton (run over the line
/// in ASCII lower case, which lets it use its fast prefilters), the classes one by one.
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
        Needs { texts: texts_automaton(&texts), classes }
    }

    fn classes_in(&self, line: &str) -> bool {
        self.classes.iter().any(|c| line.chars().any(|ch| c.contains(ch)))
    }

    fn are_in(&self, line: &str, lower: &mut Lower) -> bool {
        self.texts.as_ref().is_some_and(|ac| ac.is_match(lower.get(line))) || self.classes_in(line)
    }
}

/// One automaton that finds any of `texts` (ASCII lower case) in a line in ASCII lower case
/// (so, any of them in any ASCII case in the line); `None` for no texts.
fn texts_automaton(texts: &[Vec<u8>]) -> Option<AhoCorasick> {
    (!texts.is_empty()).then(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(texts)
            .expect("short needles always build")
    })
}

/// A line in ASCII lower case, made on first need (on the stack when short).
struct Lower {
    short: [u8; 320],
    long: Vec<u8>,
    made: bool,
}

impl Lower {
    fn new() -> Lower {
        Lower { short: [0; 320], long: Vec::new(), made: false }
    }

    /// `line` in ASCII lower case (always the same line for one `Lower`).
    fn get(&mut self, line: &str) -> &[u8] {
        let n = line.len();
        if !self.made {
            self.made = true;
            if n <= self.short.len() {
                self.short[..n].copy_from_slice(line.as_bytes());
                self.short[..n].make_ascii_lowercase();
            } else {
                self.long = line.as_bytes().to_ascii_lowercase();
            }
        }
        if n <= self.short.len() {
            &self.short[..n]
        } else {
            &self.long
        }
    }
}

/// Patterns tried in turn on the same lines, the line put in lower case once for all of them.
pub(super) struct LazyRegexes {
    list: Vec<LazyRegex>,
}

impl LazyRegexes {
    pub(super) fn new(list: Vec<LazyRegex>) -> LazyRegexes {
        LazyRegexes { list }
    }

    #[cfg(test)]
    pub(super) fn list(&self) -> &[LazyRegex] {
        &self.list
    }

    /// The patterns, in order, that can match `line`: the same as `LazyRegex::may_match` on
    /// each.
    pub(super) fn may_match<'s>(&'s self, line: &'s str) -> impl Iterator<Item = &'s LazyRegex> + 's {
        let mut lower = Lower::new();
        self.list.iter().filter(move |re| re.may_match_in(line, &mut lower))
    }
}

/// A class of characters written as a regular expression (`[\p{Lu} ,]`), for code that reads
/// a line by hand: the same characters the `regex` crate's class holds.
pub(super) struct CharSet(CharClass);

impl CharSet {
    /// The class of `pattern`, which must be one class.
    pub(super) fn new(pattern: &str) -> CharSet {
        let hir = regex_syntax::Parser::new().parse(pattern).expect("a valid class");
        let HirKind::Class(Class::Unicode(c)) = hir.kind() else { panic!("{pattern}: not one class") };
        CharSet(CharClass::new(c))
    }

    pub(super) fn contains(&self, ch: char) -> bool {
        self.0.contains(ch)
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
        let starts = if anchored(&hir) { leading(&hir, START_MAX).0 } else { Vec::new() };
        let starts = starts.iter().map(CharClass::new).collect();
        Ok(LazyRegex {
            #[cfg(test)]
            pattern: pattern.to_string(),
            starts,
            needs,
            hir,
            regex: OnceLock::new(),
            narrow: OnceLock::new(),
        })
    }

    /// The pattern as written.
    #[cfg(test)]
    pub(super) fn as_str(&self) -> &str {
        &self.pattern
    }

    /// The compiled expression.
    pub(super) fn regex(&self) -> &Compiled {
        self.regex.get_or_init(|| Compiled::new(&self.hir).expect("a pattern that regex-syntax parsed"))
    }

    /// The compiled expression that reads `line`: the narrowed one where `line` allows it (the
    /// same matches and groups, for a small part of the compiling), else the whole one.
    fn regex_for(&self, line: &str) -> &Compiled {
        if !narrow::is_narrow(line) {
            return self.regex();
        }
        self.narrow.get_or_init(|| {
            Compiled::new(&narrow::narrowed(&self.hir))
                .expect("a narrowed pattern compiles as the pattern does")
        })
    }

    /// Whether `line` can hold a match: false only when its first characters are not those
    /// every match starts with, or it holds nothing a match must hold.
    fn may_match(&self, line: &str) -> bool {
        self.may_match_in(line, &mut Lower::new())
    }

    /// `may_match`, with `line` in lower case made (or to make) in `lower`.
    fn may_match_in(&self, line: &str, lower: &mut Lower) -> bool {
        let mut chars = line.chars();
        self.starts.iter().all(|c| chars.next().is_some_and(|ch| c.contains(ch)))
            && self.needs.as_ref().is_none_or(|needs| needs.are_in(line, lower))
    }

    /// Whether the pattern matches in `line`, without compiling or running it where it cannot.
    pub(super) fn is_match(&self, line: &str) -> bool {
        self.may_match(line) && self.regex_for(line).is_match(line)
    }

    /// The groups of the first match in `line`, likewise.
    pub(super) fn captures<'h>(&self, line: &'h str) -> Option<Groups<'h>> {
        if self.may_match(line) {
            self.groups(line)
        } else {
            None
        }
    }

    /// The groups of the first match in `line`, for a line `may_match` offered.
    pub(super) fn groups<'h>(&self, line: &'h str) -> Option<Groups<'h>> {
        self.regex_for(line).captures(line)
    }
}

/// Whether every match of `hir` starts at the start of the text (`^` without `(?m)`).
fn anchored(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Look(Look::Start) => true,
        HirKind::Concat(subs) => subs.first().is_some_and(anchored),
        HirKind::Alternation(subs) => subs.iter().all(anchored),
        HirKind::Capture(c) => anchored(&c.sub),
        HirKind::Repetition(r) => r.min >= 1 && anchored(&r.sub),
        _ => false,
    }
}

/// The first characters of every match of `hir`, a class for each (at most `max` of them),
/// and whether every match is exactly those characters (so that what follows `hir` in a
/// concatenation comes next). Fewer classes than a match has characters only weaken the
/// check; a class never leaves out a character a match can have there.
fn leading(hir: &Hir, max: usize) -> (Vec<ClassUnicode>, bool) {
    // At most `max` of `all`, exact only when none was cut.
    let fit = |mut all: Vec<ClassUnicode>, exact: bool| {
        let cut = all.len() > max;
        all.truncate(max);
        (all, exact && !cut)
    };
    if max == 0 {
        return (Vec::new(), false);
    }
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => (Vec::new(), true),
        HirKind::Literal(lit) => match std::str::from_utf8(&lit.0) {
            Ok(s) => {
                fit(s.chars().map(|c| ClassUnicode::new([ClassUnicodeRange::new(c, c)])).collect(), true)
            }
            Err(_) => (Vec::new(), false),
        },
        HirKind::Class(Class::Unicode(c)) => (vec![c.clone()], true),
        HirKind::Class(Class::Bytes(_)) => (Vec::new(), false),
        HirKind::Capture(c) => leading(&c.sub, max),
        HirKind::Repetition(r) => {
            if r.min == 0 {
                return (Vec::new(), false);
            }
            let (one, exact) = leading(&r.sub, max);
            if !exact || one.is_empty() {
                return (one, exact);
            }
            let times = (r.min as usize).min(max / one.len() + 1);
            let all = (0..times).flat_map(|_| one.iter().cloned()).collect();
            fit(all, r.max == Some(r.min) && times == r.min as usize)
        }
        HirKind::Concat(subs) => {
            let mut out = Vec::new();
            for s in subs {
                let (more, exact) = leading(s, max - out.len());
                out.extend(more);
                if !exact {
                    return (out, false);
                }
            }
            (out, true)
        }
        HirKind::Alternation(subs) => {
            let branches: Vec<_> = subs.iter().map(|s| leading(s, max)).collect();
            let n = branches.iter().map(|(c, _)| c.len()).min().unwrap_or(0);
            let exact = !branches.is_empty() && branches.iter().all(|(c, e)| *e && c.len() == n);
            let mut out = branches.first().map_or_else(Vec::new, |(c, _)| c[..n].to_vec());
            for (c, _) in branches.iter().skip(1) {
                for (o, x) in out.iter_mut().zip(c) {
                    o.union(x);
                }
            }
            (out, exact)
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
    fn a_set_of_patterns_offers_those_one_by_one_would() {
        let patterns = [r"\((?P<o>\p{L}+)\)", r"(?i:copyright)\s*\d", r"\p{Lu}\d", r"x?", r"©|(?i:about)"];
        let set = LazyRegexes::new(patterns.iter().map(|p| LazyRegex::new(p).unwrap()).collect());
        for line in ["", "plain words", "PARIS (Agency)", "COPYRIGHT 2020 ©", "About A1", "(x) about"] {
            let from_set: Vec<&str> = set.may_match(line).map(|re| re.as_str()).collect();
            let one_by_one: Vec<&str> =
                set.list.iter().filter(|re| re.may_match(line)).map(|re| re.as_str()).collect();
            assert_eq!(from_set, one_by_one, "{line}");
        }
    }

    #[test]
    fn lines_without_a_needle_are_not_tried_and_others_are() {
        let re = LazyRegex::new(r"\((?P<o>\p{L}+)\)\s*[-–]").unwrap();
        assert!(!re.is_match("No brackets here - at all"));
        assert!(re.regex.get().is_none(), "not compiled for a line that cannot match");
        assert!(re.is_match("PARIS (Agency) - Talks"));
        assert_eq!(re.captures("PARIS (Agency) – Talks").unwrap().name("o"), Some("Agency"));
        assert!(re.captures("PARIS (Agency) Talks").is_none());
        let any_case = LazyRegex::new(r"(?i:published)\s+\d").unwrap();
        assert!(any_case.is_match("PUBLISHED 3 May"));
        assert!(!any_case.is_match("Publish 3 May"));
    }

    /// The classes an anchored pattern's matches start with, each shown by which of `probe`'s
    /// characters it holds.
    fn starts(pattern: &str, probe: &str) -> Vec<String> {
        LazyRegex::new(pattern)
            .unwrap()
            .starts
            .iter()
            .map(|c| probe.chars().filter(|&ch| c.contains(ch)).collect())
            .collect()
    }

    #[test]
    fn what_every_match_of_an_anchored_pattern_starts_with() {
        let probe = "aAbByYsSſ (É1";
        let rows: &[(&str, &[&str])] = &[
            (r"^ab", &["a", "b"]),
            (r"ab", &[]),
            (r"(?m)^ab", &[]),
            (r"^(?i:ab)", &["aA", "bB"]),
            (r"^(?i:s)", &["sSſ"]),
            (r"^(?:ab|By|y)", &["aBy"]),
            (r"^(?:ab|By)y", &["aB", "by", "y"]),
            (r"^(?:ab|Bys)y", &["aB", "by"]),
            (r"^\p{Lu}[\p{Lu} ]{1,60},", &["ABYSÉ", "ABYS É"]),
            (r"^\p{Lu}[\p{Lu} ]{2,60},", &["ABYSÉ", "ABYS É", "ABYS É"]),
            (r"^a{3}b", &["a", "a", "a", "b"]),
            (r"^(?:ab){2,3}y", &["a", "b", "a", "b"]),
            (r"^a*b", &[]),
            (r"^a?b", &[]),
            (r"^(?P<x>a)\(", &["a", "("]),
            (r"^(?-u:\b)ab", &["a", "b"]),
            (r"^abcdefghij", &["a", "b", "", "", "", "", "", ""]),
            (r"^(?:a|\s*)b", &[]),
        ];
        for (pattern, want) in rows {
            assert_eq!(starts(pattern, probe), *want, "{pattern}");
        }
    }

    #[test]
    fn lines_not_starting_as_an_anchored_pattern_are_not_tried() {
        let re = LazyRegex::new(r"^[\p{Lu}][\p{Lu} ]{1,60}\((?P<o>\p{L}+)\)").unwrap();
        for line in ["The PARIS (Agency)", "P", "Paris (Agency)", "", " PARIS (Agency)"] {
            assert!(!re.may_match(line), "{line}");
        }
        assert!(re.regex.get().is_none(), "not compiled for lines that cannot match");
        for line in ["PARIS (Agency)", "ÉVRY (Agency)", "P (Agency)"] {
            assert!(re.may_match(line) && re.is_match(line), "{line}");
        }
    }

    #[test]
    fn needles_are_found_in_any_ascii_case_in_lines_long_and_short() {
        let re = LazyRegex::new(r"(?i:first)\s+appeared").unwrap();
        for n in [0, 300, 319, 320, 321, 2000] {
            let pad = "x".repeat(n);
            for line in
                [format!("{pad}First APPEARED"), format!("{pad} appeared"), format!("ÉÉ{pad}appEared")]
            {
                assert!(re.may_match(&line), "{n}");
            }
            assert!(!re.may_match(&format!("{pad}appeare d")), "{n}");
        }
    }
}
