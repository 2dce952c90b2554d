//! What a document says about itself: its outlet, read from the text when the metadata does
//! not name one (a dateline agency "BEIJING (Reuters) –", a copyright line, an author line
//! ending in the outlet's name, "first appeared in …"), and its publication date (a dateline
//! or a "Published" line). The shapes of those lines are data (`data/outlet-patterns.txt`,
//! `data/months.csv`); no outlet is named in code.

use std::sync::LazyLock;

use crate::document::Document;
use crate::text::{trim, trimmed_lines};

mod compiled;
mod lazy;
mod narrow;
use compiled::Groups;
use lazy::{CharSet, LazyRegex, LazyRegexes};

const PATTERNS: &str = include_str!("../data/outlet-patterns.txt");
const MONTHS: &str = include_str!("../data/months.csv");

/// How many leading paragraphs may hold a dateline.
const HEAD: usize = 8;
/// How many trailing paragraphs may hold a credit or copyright line.
const TAIL: usize = 15;
/// Longest credit or dateline paragraph looked at, in bytes (body paragraphs are longer).
const LINE_MAX: usize = 300;

/// The compiled outlet patterns.
struct Patterns {
    head: LazyRegexes,
    tail: LazyRegexes,
    reject: Vec<String>,
}

static OUTLET: LazyLock<Patterns> = LazyLock::new(|| {
    let (mut head, mut tail, mut reject) = (Vec::new(), Vec::new(), Vec::new());
    for line in PATTERNS.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let (place, value) = line.split_once('\t').expect("data/outlet-patterns.txt: PLACE<TAB>VALUE");
        let regex = || LazyRegex::new(value).expect("data/outlet-patterns.txt: a valid regex");
        match place {
            "head" => head.push(regex()),
            "tail" => tail.push(regex()),
            "reject" => reject.push(value.to_string()),
            other => panic!("data/outlet-patterns.txt: unknown place {other}"),
        }
    }
    Patterns { head: LazyRegexes::new(head), tail: LazyRegexes::new(tail), reject }
});

/// Month names (lowercase) and numbers.
static MONTH: LazyLock<Vec<(String, u32)>> = LazyLock::new(|| {
    MONTHS
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
        .filter_map(|l| {
            let (name, n) = l.split_once(',')?;
            Some((name.to_lowercase(), n.trim().parse().ok()?))
        })
        .collect()
});

/// A date in a leading line: "January 27, 2022", "27 January 2022", "Jan. 27, 2022" or
/// "2022-01-27", after a dateline's place or a "Published"/"Updated" label, or alone.
static DATE: LazyLock<LazyRegex> = LazyLock::new(|| {
    LazyRegex::new(
        r"(?x)
        (?-u:\b)(?:
            (?P<m1>\p{L}{3,9})\.?\s+(?P<d1>\d{1,2}),?\s+(?P<y1>\d{4})
          | (?P<d2>\d{1,2})\s+(?P<m2>\p{L}{3,9})\.?,?\s+(?P<y2>\d{4})
          | (?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})
        )(?-u:\b)",
    )
    .expect("valid regex")
});

/// A leading line that announces a date by a label ("Published", "Updated: …").
static DATE_LABEL: LazyLock<LazyRegex> = LazyLock::new(|| {
    LazyRegex::new(r"^(?i:published|updated|posted|first published|date)(?-u:\b)").expect("valid regex")
});

/// The characters of a dateline's place: a capital first, then these.
static PLACE_FIRST: LazyLock<CharSet> = LazyLock::new(|| CharSet::new(r"\p{Lu}"));
static PLACE: LazyLock<CharSet> = LazyLock::new(|| CharSet::new(r"[\p{Lu} /.,'-]"));
static SPACE: LazyLock<CharSet> = LazyLock::new(|| CharSet::new(r"\s"));

/// Whether a leading line announces a date: a label, or a dateline's place in capitals and a
/// comma (`^[\p{Lu}][\p{Lu} /.,'-]{1,60},\s`, read by hand: compiling that repetition of a
/// large class costs more than all the lines it is ever run on).
fn announces_date(line: &str) -> bool {
    let mut chars = line.chars();
    if chars.next().is_some_and(|c| PLACE_FIRST.contains(c)) {
        for _ in 0..60 {
            if !chars.next().is_some_and(|c| PLACE.contains(c)) {
                break;
            }
            let mut ahead = chars.clone();
            if ahead.next() == Some(',') && ahead.next().is_some_and(|c| SPACE.contains(c)) {
                return true;
            }
        }
    }
    DATE_LABEL.is_match(line)
}

/// The lines of [`trimmed_lines`], last line first.
fn lines_back(text: &str) -> impl Iterator<Item = &str> {
    let mut end = text.len();
    let breaks = memchr::memrchr_iter(b'\n', text.as_bytes()).map(Some).chain(std::iter::once(None));
    breaks
        .map(move |brk| {
            let start = brk.map_or(0, |b| b + 1);
            let line = &text[start..end];
            end = brk.unwrap_or(0);
            trim(line)
        })
        .filter(|l| !l.is_empty())
}

/// The outlet named by the text, if any: the first dateline of the first paragraphs, else the
/// last credit or copyright line.
pub fn detect(text: &str) -> Option<String> {
    // Lines read from each end as needed, not collected: a text of millions of lines costs
    // nothing here.
    let p = &*OUTLET;
    let accept = |found: &str| {
        let found = found.trim().trim_end_matches(['.', ',']).trim();
        let rejected = found.split_whitespace().any(|w| p.reject.iter().any(|r| r.eq_ignore_ascii_case(w)));
        (!found.is_empty() && !rejected).then(|| found.to_string())
    };
    // A lazy DFA tells whether a line matches; the groups (a slower engine) only where it
    // does. Patterns a line holds no needle of are not run (see `lazy`).
    let outlet = |re: &LazyRegex, line| re.groups(line).and_then(|c| c.name("outlet").and_then(accept));
    for line in trimmed_lines(text).take(HEAD).filter(|l| l.len() < 4 * LINE_MAX) {
        if let Some(found) = p.head.may_match(line).find_map(|re| outlet(re, line)) {
            return Some(found);
        }
    }
    for line in lines_back(text).take(TAIL).filter(|l| l.len() < LINE_MAX) {
        if let Some(found) = p.tail.may_match(line).find_map(|re| outlet(re, line)) {
            return Some(found);
        }
    }
    None
}

/// The publication date the first paragraphs give (`YYYY-MM-DD`), if any: a dateline with a
/// year ("WASHINGTON, Feb. 3, 2022 (Agency) –"), a "Published …" line, or a short line that is
/// a date. Dates inside the body of the article are not taken.
pub fn detect_date(text: &str) -> Option<String> {
    for line in trimmed_lines(text).take(HEAD) {
        let short = line.len() < 60;
        if !short && !announces_date(line) {
            continue;
        }
        // A dateline's date stands before its first dash; a label's within its line.
        let mut cut = line.len().min(120);
        while !line.is_char_boundary(cut) {
            cut -= 1;
        }
        let head = if short { line } else { &line[..cut] };
        if let Some(date) = DATE.captures(head).and_then(|c| date_of(&c)) {
            return Some(date);
        }
    }
    None
}

fn date_of(c: &Groups) -> Option<String> {
    let month = |name: &str| {
        let name = name.to_lowercase();
        MONTH.iter().find(|(m, _)| *m == name).map(|&(_, n)| n)
    };
    let group = |name| c.name(name);
    let (y, m, d) = if let Some(y) = group("y1") {
        (y.parse().ok()?, month(group("m1")?)?, group("d1")?.parse().ok()?)
    } else if let Some(y) = group("y2") {
        (y.parse().ok()?, month(group("m2")?)?, group("d2")?.parse().ok()?)
    } else {
        (group("y3")?.parse().ok()?, group("m3")?.parse().ok()?, group("d3")?.parse().ok()?)
    };
    iso_date(y, m, d)
}

/// `YYYY-MM-DD` for a plausible date, else `None`.
fn iso_date(y: u32, m: u32, d: u32) -> Option<String> {
    ((1800..=2200).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// What the output says about a document: metadata from the input, completed from the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// The input's outlet, else the one the text names, else empty.
    pub outlet: String,
    /// The input's date, else the one a leading line gives, else empty.
    pub date: String,
    /// The input's URL, else empty.
    pub url: String,
    /// The input's title, else empty.
    pub title: String,
}

impl Metadata {
    /// The metadata of a document, the outlet and date read from its text when the input does
    /// not give them.
    pub fn of(doc: &Document) -> Metadata {
        let given =
            |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(String::from);
        Metadata {
            outlet: given(&doc.outlet).or_else(|| detect(&doc.text)).unwrap_or_default(),
            date: given(&doc.date).or_else(|| detect_date(&doc.text)).unwrap_or_default(),
            url: given(&doc.url).unwrap_or_default(),
            title: given(&doc.title).unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{detect, detect_date};

    #[test]
    fn outlets_named_by_the_text() {
        let rows: &[(&str, Option<&str>)] = &[
            (
                "Headline\n\nBEIJING / WASHINGTON, January 27 (Reuters) – The United States said.",
                Some("Reuters"),
            ),
            ("Head\n\nLAGOS, March 3, 2021 (Daily Bugle) — Officials said.", Some("Daily Bugle")),
            (
                "Text.\n\nCopyright © 2022 DowJones & Company, Inc. All Rights Reserved. 87990",
                Some("DowJones & Company"),
            ),
            ("Text.\n\nCopyright 2021 Harbour Gazette. All rights reserved.", Some("Harbour Gazette")),
            ("Text.\nAuthors: Ann Lee, Bo Chen, HGZ", Some("HGZ")),
            (
                "Text.\n\nThis article first appeared in The Valley Ledger.\n\nLeave a Reply",
                Some("The Valley Ledger"),
            ),
            ("Text.\n\nThe post Talks stall appeared first on Northern Courier.", Some("Northern Courier")),
            (
                "Text.\n\nThis story was originally published by Riverside Post and is republished here.",
                Some("Riverside Post"),
            ),
            ("Text.\n\nSource link\n\nAbout Harbour Times\n\nCheck Also", Some("Harbour Times")),
            ("Text.\n\nAbout the author\n\nLeave a Comment", None),
            ("Text.\n\nAbout The Author\n\nLeave a Comment", None),
            ("Just a story. Nothing else (really).", None),
        ];
        for (text, want) in rows {
            assert_eq!(detect(text).as_deref(), *want, "{text}");
        }
    }

    #[test]
    fn dates_from_leading_lines_only() {
        let rows: &[(&str, Option<&str>)] = &[
            ("Head\n\nWASHINGTON, Feb. 3, 2022 (Agency) – Officials met.", Some("2022-02-03")),
            ("Head\nPublished: 14 March 2021\nBody.", Some("2021-03-14")),
            ("Head\n2020-11-05\nBody.", Some("2020-11-05")),
            ("Head\n\nBEIJING, January 27 (Reuters) – No year here.", None),
            ("Head\n\nThe talks, held on November 15, 2021 in a long meeting that went on and on for hours.", None),
            ("Head\nPublished: 31 Smarch 2021\nBody.", None),
            // A long dateline whose 120th byte falls inside a curly apostrophe.
            (
                "Head\n\nRIVERTON, Ore. (Agency) — The Latest on the county election and two very close contests on a Saturday: Olde Riverton\u{2019}s vote and more (all times local):",
                None,
            ),
        ];
        for (text, want) in rows {
            assert_eq!(detect_date(text).as_deref(), *want, "{text}");
        }
    }

    /// Lines of the shapes the patterns look for, and near misses: capitals beyond ASCII,
    /// letters whose case folding leaves ASCII (the long s, the Kelvin sign), invisible
    /// characters first, runs at the repetition limits, lines long and short.
    fn tricky_lines() -> Vec<String> {
        let starts = [
            "",
            "WASHINGTON",
            "ÉVRY",
            "\u{212a}IEL",
            "A",
            "AB",
            "Ab",
            "the",
            "\u{feff}PARIS",
            " PARIS",
            "Published:",
            "PUBLIſHED",
            "Updated",
            "posted",
            "First published",
            "Date:",
            "Copyright",
            "COPYRIGHT",
            "©",
            "By:",
            "BY:",
            "Authors:",
            "Reporting by",
            "About",
            "ABOUT",
            "ǅ",
            "É",
            // Beyond the narrow alphabet (`narrow`): the whole patterns read these lines.
            "МОСКВА",
            "Москва,",
            "北京",
        ];
        let middles = [
            "",
            ",",
            ", ",
            " (Reuters) – ",
            " (Agence Éclair) — ",
            ", Feb. 3, 2022 (Agency) – ",
            " 14 March 2021",
            " 2020-11-05 ",
            " 2022 Harbour Gazette. All rights reserved.",
            " © 2021 Harbour Gazette, Inc.",
            " Ann Lee, Bo Chen, HGZ",
            " Harbour Times",
            " first appeared in The Valley Ledger.",
            " was originally published by Riverside Post",
            " appeared first on Northern Courier.",
            " said the talks would go on.",
        ];
        let mut lines = Vec::new();
        for s in starts {
            for m in middles {
                lines.push(format!("{s}{m}"));
                lines.push(format!("{s}{m}").to_uppercase());
            }
        }
        for n in [58, 59, 60, 61, 62, 119, 120, 121, 299, 300, 318, 319, 320, 321] {
            for s in ["A", "É", "Published", "The"] {
                lines.push(format!("{s}{}, 3 May 2020 (Agency) – x", "B".repeat(n)));
                lines.push(format!("{s}{} © 2020 Harbour Gazette.", "b ".repeat(n / 2)));
                lines.push(format!("{s}{} first appeared in The Ledger", "é".repeat(n / 2)));
            }
        }
        lines
    }

    #[test]
    fn the_line_filters_never_hide_a_match() {
        let p = &*super::OUTLET;
        let sets = [&p.head, &p.tail];
        let singles = [&*super::DATE, &*super::DATE_LABEL];
        let lines = tricky_lines();
        let mut matched = 0;
        for re in sets.iter().flat_map(|s| s.list()).chain(singles) {
            let plain = regex::Regex::new(re.as_str()).unwrap();
            for line in &lines {
                assert_eq!(re.is_match(line), plain.is_match(line), "{} on {line:?}", plain.as_str());
                matched += usize::from(plain.is_match(line));
                // The groups the forward engines read are those of `regex`'s own `Regex`.
                let ours = re.captures(line);
                let theirs = plain.captures(line);
                assert_eq!(ours.is_some(), theirs.is_some(), "{} on {line:?}", plain.as_str());
                if let (Some(ours), Some(theirs)) = (ours, theirs) {
                    for name in plain.capture_names().flatten() {
                        let want = theirs.name(name).map(|m| m.as_str());
                        assert_eq!(ours.name(name), want, "{name} of {} on {line:?}", plain.as_str());
                    }
                }
            }
        }
        assert!(matched > 100, "the lines exercise the patterns ({matched} matches)");
        for set in sets {
            for line in &lines {
                let offered: Vec<&str> = set.may_match(line).map(|re| re.as_str()).collect();
                for re in set.list() {
                    if re.regex().is_match(line) {
                        assert!(offered.contains(&re.as_str()), "{} on {line:?}", re.as_str());
                    }
                }
            }
        }
    }

    #[test]
    fn a_date_is_announced_as_the_regular_expression_it_replaces_says() {
        let regex = regex::Regex::new(
            r"^(?:(?i:published|updated|posted|first published|date)(?-u:\b)[^\n]{0,20}|[\p{Lu}][\p{Lu} /.,'-]{1,60},\s+)",
        )
        .unwrap();
        let mut lines: Vec<String> = Vec::new();
        for k in 0..64 {
            for first in ["A", "É", "\u{212a}", "ǅ", "a", "1", ","] {
                for run in ["B", "É", " ", ",", "b", "-", "\u{2009}"] {
                    for after in [", x", ",\tx", ",\u{3000}x", ",\u{2009}", ",x", ",", ""] {
                        lines.push(format!("{first}{}{after}", run.repeat(k)));
                    }
                }
            }
        }
        // Mixed runs, from a fixed pseudo-random sequence.
        let alphabet = [
            'A', 'Z', 'É', 'Ω', 'a', ' ', ',', ',', '.', '/', '\'', '-', '\t', '\u{a0}', '\u{2009}', 'x', 'D',
        ];
        let mut seed = 0x2545_f491_u64;
        for _ in 0..20_000 {
            let mut line = String::new();
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            for _ in 0..(seed >> 58) + 60 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                let k = (seed >> 33) as usize % (alphabet.len() + 4);
                // Mostly capitals, so that long runs occur.
                line.push(if k < alphabet.len() { alphabet[k] } else { 'B' });
            }
            lines.push(line);
        }
        for label in [
            "Published",
            "UPDATED:",
            "posted",
            "First published",
            "first  published",
            "Date",
            "Dated",
            "Datelines",
            "Date_x",
            "Dateé",
            "Publiſhed",
            "Updates",
        ] {
            lines.push(format!("{label} 3 May 2020"));
            lines.push(label.to_string());
        }
        let mut yes = 0;
        for line in &lines {
            assert_eq!(super::announces_date(line), regex.is_match(line), "{line:?}");
            yes += usize::from(regex.is_match(line));
        }
        assert!(yes > 1000 && yes < lines.len() - 1000, "both answers exercised ({yes} of {})", lines.len());
    }

    #[test]
    fn lines_either_way_are_those_of_str_lines() {
        let texts = [
            "",
            "\n",
            "\n\n",
            "one",
            "one\n",
            "one\r\ntwo\r\n\r\nthree\r\n",
            "  one  \n\t\n two \r\n\u{a0}\n",
            "a\rb\nc\u{2028}d\n\u{85}\ne",
            "\n\nlast",
            "é\nü\r\n",
        ];
        for t in texts {
            let want: Vec<&str> = t.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
            assert_eq!(crate::text::trimmed_lines(t).collect::<Vec<_>>(), want, "{t:?}");
            let back: Vec<&str> = want.into_iter().rev().collect();
            assert_eq!(super::lines_back(t).collect::<Vec<_>>(), back, "{t:?}");
        }
    }
}
