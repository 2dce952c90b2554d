//! The gazetteer: people and organisations that are quoted in the news, with their aliases,
//! gender and roles. It is data (`gazetteer/*.csv`, compiled into the binary), read with serde,
//! extendable at run time with `--gazetteer PATH`.
//!
//! File format (`gazetteer/README.md` has the full description): a CSV file with the header
//! `id,name,kind,gender,surname,aliases,roles`. `aliases` is `;`-separated; `roles` is
//! `;`-separated and each role is `title|organisation|country|years` (`2021-2025`, `2021-`).
//!
//! Countries (`gazetteer/countries.csv`, header `code,forms`) give the words that put a title
//! in a country ("US", "U.S.", "American"), so that "the US president" can be matched to the
//! person whose role is `President|…|US|…`.
//!
//! One loader serves `extract --gazetteer` and `gazetteer check`, so both give one verdict on a
//! file: a line is a comment only when it starts with `#` (an id such as `"#1"`, quoted, is an
//! id); an id used twice in one file is an error naming both lines; a row whose id is already
//! loaded from an earlier file (the built-in data included) replaces that entry; an alias
//! that is a pronoun, a cue verb or a stop word ("he", "said", "The") is an error, as it
//! would turn every such word in an article into a mention.

mod dated;
#[cfg(feature = "import")]
pub mod import;

pub use dated::year_of;

use rustc_hash::FxHashMap as HashMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::text::{line_count, trim};

/// Whether an entry is a person or an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organisation, government, news agency, or a place standing for a government.
    Organization,
}

/// Grammatical gender, for pronoun resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Gender {
    /// Referred to as "he".
    Male,
    /// Referred to as "she".
    Female,
    /// Not known.
    #[default]
    Unknown,
}

/// A role held by a person: title, organisation, country and years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    /// The title ("Secretary of State", "Foreign Minister").
    pub title: String,
    /// The organisation ("U.S. Department of State").
    pub org: String,
    /// A country code from `countries.csv` ("US", "CN"), or empty.
    pub country: String,
    /// First year held, when known.
    pub start: Option<u16>,
    /// Last year held; `None` when current or unknown.
    pub end: Option<u16>,
}

impl Role {
    /// "Secretary of State, U.S. Department of State": how the role reads in output.
    pub fn display(&self) -> String {
        match (self.title.is_empty(), self.org.is_empty()) {
            // Joined in a string of the right size (`format!` grew one from nothing, twice).
            (false, false) => [self.title.as_str(), self.org.as_str()].join(", "),
            (false, true) => self.title.clone(),
            (true, false) => self.org.clone(),
            (true, true) => String::new(),
        }
    }
}

/// One person or organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Stable id ("antony-blinken", or a bioguide id for members of Congress).
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Person or organisation.
    pub kind: EntityKind,
    /// Gender, for pronouns.
    pub gender: Gender,
    /// The family name used alone ("Mr. Wang", "Nuland"); by default the last word of `name`.
    pub surname: String,
    /// Other names, including common misspellings.
    pub aliases: Vec<String>,
    /// Roles, most recent last.
    pub roles: Vec<Role>,
}

impl Entry {
    /// The role to report as `known_role`: the latest one.
    pub fn known_role(&self) -> String {
        self.roles.last().map(Role::display).unwrap_or_default()
    }
}

/// A country and the forms that name it before a title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// Code used in roles ("US").
    pub code: String,
    /// Forms: "US", "U.S.", "American", "United States" …
    pub forms: Vec<String>,
}

/// A set of entries and countries.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    countries: Vec<Country>,
    /// Where each id sits in `entries`.
    index: HashMap<String, usize>,
}

/// The built-in data files, compiled into the binary.
const BUILTIN_ENTRIES: &[(&str, &str)] = &[
    ("gazetteer/people.csv", include_str!("../../gazetteer/people.csv")),
    ("gazetteer/organizations.csv", include_str!("../../gazetteer/organizations.csv")),
    ("gazetteer/congress.csv", include_str!("../../gazetteer/congress.csv")),
];
const BUILTIN_COUNTRIES: (&str, &str) =
    ("gazetteer/countries.csv", include_str!("../../gazetteer/countries.csv"));

/// A row of an entries file, its fields borrowed from the csv reader's record (one record
/// serves every row: a gazetteer of 50,000 rows is read at every start).
#[derive(Deserialize)]
struct EntryRow<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'a str,
    #[serde(default)]
    gender: &'a str,
    #[serde(default)]
    surname: &'a str,
    #[serde(default)]
    aliases: &'a str,
    #[serde(default)]
    roles: &'a str,
}

#[derive(Deserialize)]
struct CountryRow {
    code: String,
    forms: String,
}

impl Gazetteer {
    /// An empty gazetteer.
    pub fn empty() -> Gazetteer {
        Gazetteer::default()
    }

    /// The gazetteer compiled into the binary.
    pub fn builtin() -> Result<Gazetteer> {
        let mut g = Gazetteer::empty();
        for (name, text) in BUILTIN_ENTRIES {
            g.add_entries_csv(name, text)?;
        }
        g.add_countries_csv(BUILTIN_COUNTRIES.0, BUILTIN_COUNTRIES.1)?;
        Ok(g)
    }

    /// All entries, in load order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// All countries.
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// Adds one entry; an entry with the same id is replaced (it keeps its place). Returns
    /// whether one was.
    pub fn push(&mut self, entry: Entry) -> bool {
        match self.index.get(&entry.id) {
            Some(&i) => {
                self.entries[i] = entry;
                true
            }
            None => {
                self.index.insert(entry.id.clone(), self.entries.len());
                self.entries.push(entry);
                false
            }
        }
    }

    /// Whether an entry has this id.
    pub fn contains(&self, id: &str) -> bool {
        self.index.contains_key(id)
    }

    /// Adds a country.
    pub fn push_country(&mut self, country: Country) {
        self.countries.push(country);
    }

    /// Reads a file: entries, or countries when its header is `code,forms`.
    pub fn load_path(&mut self, path: &Path) -> Result<()> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(Some(path.to_path_buf()), e))?;
        let name = path.display().to_string();
        let text = String::from_utf8(bytes).map_err(|e| {
            // Say where, like any other error in the file.
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line_start = memchr::memrchr(b'\n', good).map_or(0, |i| i + 1);
            let line = 1 + memchr::memchr_iter(b'\n', good).count() as u64;
            let column = String::from_utf8_lossy(&good[line_start..]).chars().count() as u64 + 1;
            Error::gazetteer(&name, line, column, "invalid UTF-8 (the file must be UTF-8 text)")
        })?;
        if text.trim_start_matches('\u{feff}').starts_with("code,forms") {
            self.add_countries_csv(&name, &text)
        } else {
            self.add_entries_csv(&name, &text)
        }
    }

    /// Parses entries from CSV text; `file` names it in errors.
    pub fn add_entries_csv(&mut self, file: &str, text: &str) -> Result<()> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut rdr = csv::ReaderBuilder::new().comment(Some(b'#')).from_reader(text.as_bytes());
        check_header(file, &mut rdr, &["id", "name", "kind"])?;
        let headers = rdr.headers().map_err(|e| csv_error(file, text, &e))?.clone();
        let mut lines = LineIndex::new(text);
        // The line of each id in this file, to report a duplicate with both places.
        // Sized by the lines (a file of 50,000 names grew both from empty).
        let rows = line_count(text);
        let mut seen: HashMap<String, u64> = HashMap::with_capacity_and_hasher(rows, Default::default());
        let mut loaded = Vec::with_capacity(rows);
        let mut record = csv::StringRecord::new();
        while rdr.read_record(&mut record).map_err(|e| csv_error(file, text, &e))? {
            let line = record.position().map(|p| lines.line_at(p)).unwrap_or(0);
            let row: EntryRow = record.deserialize(Some(&headers)).map_err(|e| csv_error(file, text, &e))?;
            let entry = parse_entry(file, text, line, row)?;
            if let Some(first) = seen.insert(entry.id.clone(), line) {
                let column = column_of_field(text, line, 0);
                let message = format!("id `{}` is used twice in this file (first on line {first})", entry.id);
                return Err(Error::gazetteer(file, line, column, message));
            }
            loaded.push(entry);
        }
        // All or nothing: a file with an error adds no entry.
        self.entries.reserve(loaded.len());
        self.index.reserve(loaded.len());
        for entry in loaded {
            self.push(entry);
        }
        Ok(())
    }

    /// Parses countries from CSV text with the header `code,forms`.
    pub fn add_countries_csv(&mut self, file: &str, text: &str) -> Result<()> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut rdr = csv::ReaderBuilder::new().comment(Some(b'#')).from_reader(text.as_bytes());
        check_header(file, &mut rdr, &["code", "forms"])?;
        for row in rdr.deserialize::<CountryRow>() {
            let row = row.map_err(|e| csv_error(file, text, &e))?;
            self.countries
                .push(Country { code: row.code.trim().to_string(), forms: split_list(&row.forms, ';') });
        }
        Ok(())
    }
}

fn check_header<R: std::io::Read>(file: &str, rdr: &mut csv::Reader<R>, want: &[&str]) -> Result<()> {
    let headers = rdr.headers().map_err(|e| Error::gazetteer(file, 1, 1, e.to_string()))?;
    for w in want {
        if !headers.iter().any(|h| h.trim() == *w) {
            return Err(Error::gazetteer(file, 1, 1, format!("missing column `{w}` in the header")));
        }
    }
    Ok(())
}

fn split_list(s: &str, sep: char) -> Vec<String> {
    s.split(sep).map(trim).filter(|x| !x.is_empty()).map(String::from).collect()
}

/// Turns a csv error into a gazetteer error with line and column.
fn csv_error(file: &str, text: &str, e: &csv::Error) -> Error {
    let (line, field) = match e.kind() {
        csv::ErrorKind::Deserialize { pos, err } => {
            (pos.as_ref().map(|p| line_at(text, p)).unwrap_or(0), err.field())
        }
        csv::ErrorKind::UnequalLengths { pos, .. } => {
            (pos.as_ref().map(|p| line_at(text, p)).unwrap_or(0), None)
        }
        csv::ErrorKind::Utf8 { pos, .. } => (pos.as_ref().map(|p| line_at(text, p)).unwrap_or(0), None),
        _ => (e.position().map(|p| line_at(text, p)).unwrap_or(0), None),
    };
    let column = column_of_field(text, line, field.unwrap_or(0) as usize);
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("expected {expected_len} fields, found {len}")
        }
        csv::ErrorKind::Deserialize { err, .. } => err.kind().to_string(),
        _ => e.to_string(),
    };
    Error::gazetteer(file, line, column, message)
}

/// The 1-based line where a record starts (see [`LineIndex`]), counted from the start: for
/// one error.
fn line_at(text: &str, pos: &csv::Position) -> u64 {
    LineIndex::new(text).line_at(pos)
}

/// Line numbers of records, read in increasing byte order: each call counts the newlines since
/// the previous one, so a file is scanned once however many rows it has.
///
/// The csv reader's own line count leaves out the blank and comment lines it skips, so errors
/// after one named the wrong line (and column). Its byte offset is exact but may point at those
/// skipped lines: they are stepped over here.
struct LineIndex<'a> {
    bytes: &'a [u8],
    /// A byte offset and the 1-based line it is on.
    at: usize,
    line: u64,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> LineIndex<'a> {
        LineIndex { bytes: text.as_bytes(), at: 0, line: 1 }
    }

    fn line_at(&mut self, pos: &csv::Position) -> u64 {
        let bytes = self.bytes;
        let mut b = (pos.byte() as usize).min(bytes.len());
        loop {
            match bytes.get(b) {
                Some(b'\r' | b'\n') => b += 1,
                Some(b'#') => b = memchr::memchr(b'\n', &bytes[b..]).map_or(bytes.len(), |i| b + i + 1),
                _ => break,
            }
        }
        if b < self.at {
            // Out of order (not the case for a csv reader): count again from the start.
            (self.at, self.line) = (0, 1);
        }
        self.line += memchr::memchr_iter(b'\n', &bytes[self.at..b]).count() as u64;
        self.at = b;
        self.line
    }
}

/// The 1-based character column where field `field` (0-based) starts on 1-based `line`.
fn column_of_field(text: &str, line: u64, field: usize) -> u64 {
    let Some(l) = text.lines().nth(line.saturating_sub(1) as usize) else { return 1 };
    let (mut n, mut in_quotes) = (0usize, false);
    for (col, c) in l.chars().enumerate() {
        if n == field {
            return col as u64 + 1;
        }
        match c {
            '"' => in_quotes = !in_quotes,
            ',' if !in_quotes => n += 1,
            _ => {}
        }
    }
    l.chars().count() as u64 + 1
}

fn parse_entry(file: &str, text: &str, line: u64, row: EntryRow) -> Result<Entry> {
    let bad =
        |field: usize, msg: String| Error::gazetteer(file, line, column_of_field(text, line, field), msg);
    let id = trim(row.id).to_string();
    let name = trim(row.name).to_string();
    if id.is_empty() {
        return Err(bad(0, "empty id".into()));
    }
    if name.is_empty() {
        return Err(bad(1, format!("entry `{id}` has an empty name")));
    }
    let kind = match trim(row.kind) {
        "person" => EntityKind::Person,
        "organization" | "organisation" => EntityKind::Organization,
        other => return Err(bad(2, format!("kind must be `person` or `organization`, not `{other}`"))),
    };
    let gender = match trim(row.gender) {
        "male" | "m" | "M" | "he" => Gender::Male,
        "female" | "f" | "F" | "she" => Gender::Female,
        "" | "unknown" | "they" | "it" => Gender::Unknown,
        other => return Err(bad(3, format!("gender must be `male`, `female` or empty, not `{other}`"))),
    };
    let surname = match trim(row.surname) {
        "" if kind == EntityKind::Person => name.split_whitespace().last().unwrap_or("").to_string(),
        s => s.to_string(),
    };
    let mut roles = Vec::new();
    for item in split_list(row.roles, ';') {
        let parts: Vec<&str> = item.split('|').map(trim).collect();
        if parts.len() > 4 {
            return Err(bad(6, format!("role `{item}` has more than 4 `|`-separated parts")));
        }
        let get = |i: usize| parts.get(i).copied().unwrap_or("").to_string();
        let (start, end) = parse_years(parts.get(3).copied().unwrap_or(""))
            .map_err(|m| bad(6, format!("role `{item}`: {m}")))?;
        roles.push(Role { title: get(0), org: get(1), country: get(2), start, end });
    }
    let aliases = split_list(row.aliases, ';');
    for form in &aliases {
        if let Some(what) = function_word(form) {
            let column = column_of(text, line, 5, form);
            let message =
                format!("`{form}` is {what}, not a name: every `{form}` in an article would name `{id}`");
            return Err(Error::gazetteer(file, line, column, message));
        }
    }
    Ok(Entry { id, name, kind, gender, surname, aliases, roles })
}

/// What a word is when it cannot name anybody: a pronoun, a cue verb or a stop word (the
/// language data in `data/`).
/// An acronym ("WHO", "US") is a name, whatever the word it spells.
fn function_word(form: &str) -> Option<&'static str> {
    let lexicon = crate::lexicon::lexicon();
    if form.chars().count() > 1 && !form.chars().any(char::is_lowercase) {
        return None;
    }
    let lower = form.to_lowercase();
    if lexicon.pronoun(form).is_some() || lexicon.pronouns.contains_key(&lower) {
        return Some("a pronoun");
    }
    if lexicon.cues.iter().any(|(cue, _)| *cue == lower) {
        return Some("a cue verb");
    }
    let mut capital = lower.clone();
    if let Some(first) = capital.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    (lexicon.stopwords.contains(form) || lexicon.stopwords.contains(capital.as_str()))
        .then_some("a stop word")
}

/// The 1-based column of `needle` in field `field` of `line`, or of the field when it is not
/// found there.
fn column_of(text: &str, line: u64, field: usize, needle: &str) -> u64 {
    let start = column_of_field(text, line, field);
    let Some(l) = text.lines().nth(line.saturating_sub(1) as usize) else { return start };
    let rest: String = l.chars().skip(start as usize - 1).collect();
    rest.find(needle).map_or(start, |at| start + rest[..at].chars().count() as u64)
}

/// `"2021-2025"`, `"2021-"`, `"2021"` or `""`.
fn parse_years(s: &str) -> std::result::Result<(Option<u16>, Option<u16>), String> {
    let year = |y: &str| -> std::result::Result<Option<u16>, String> {
        let y = y.trim();
        if y.is_empty() {
            return Ok(None);
        }
        y.parse::<u16>().map(Some).map_err(|_| format!("`{y}` is not a year"))
    };
    match s.split_once('-') {
        Some((a, b)) => Ok((year(a)?, year(b)?)),
        None => {
            let y = year(s)?;
            Ok((y, y))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id,name,kind,gender,surname,aliases,roles\n";

    #[test]
    fn parses_an_entry_with_roles_and_aliases() {
        let mut g = Gazetteer::empty();
        let csv = format!(
            "{HEADER}wang-yi,Wang Yi,person,male,Wang,Wang I,Foreign Minister|Ministry of Foreign Affairs|CN|2013-2022;Foreign Minister|Ministry of Foreign Affairs|CN|2023-\n"
        );
        g.add_entries_csv("t.csv", &csv).unwrap();
        let e = &g.entries()[0];
        assert_eq!(e.surname, "Wang");
        assert_eq!(e.aliases, vec!["Wang I"]);
        assert_eq!(e.roles.len(), 2);
        assert_eq!(e.roles[1].start, Some(2023));
        assert_eq!(e.roles[1].end, None);
        assert_eq!(e.known_role(), "Foreign Minister, Ministry of Foreign Affairs");
    }

    #[test]
    fn surname_defaults_to_last_word() {
        let mut g = Gazetteer::empty();
        g.add_entries_csv("t.csv", &format!("{HEADER}x,Victoria Nuland,person,female,,,\n")).unwrap();
        assert_eq!(g.entries()[0].surname, "Nuland");
    }

    #[test]
    fn bad_kind_names_file_line_and_column() {
        let mut g = Gazetteer::empty();
        let csv = format!("{HEADER}a,A B,person,,,,\nb,C D,robot,,,,\n");
        let err = g.add_entries_csv("people.csv", &csv).unwrap_err().to_string();
        assert_eq!(err, "people.csv:3:7: kind must be `person` or `organization`, not `robot`");
    }

    #[test]
    fn wrong_field_count_names_the_line() {
        let mut g = Gazetteer::empty();
        let csv = format!("{HEADER}a,A B,person,,,,\nb,C D\n");
        let err = g.add_entries_csv("people.csv", &csv).unwrap_err().to_string();
        assert!(err.starts_with("people.csv:3:"), "{err}");
        assert!(err.contains("expected 7 fields, found 2"), "{err}");
    }

    #[test]
    fn bad_year_is_an_error() {
        let mut g = Gazetteer::empty();
        let csv = format!("{HEADER}a,A B,person,,,,Senator|Senate|US|20x1-\n");
        let err = g.add_entries_csv("p.csv", &csv).unwrap_err().to_string();
        assert!(err.contains("`20x1` is not a year"), "{err}");
        assert!(err.starts_with("p.csv:2:"), "{err}");
    }

    #[test]
    fn missing_header_column() {
        let mut g = Gazetteer::empty();
        let err = g.add_entries_csv("p.csv", "name,kind\nA,person\n").unwrap_err().to_string();
        assert_eq!(err, "p.csv:1:1: missing column `id` in the header");
    }

    #[test]
    fn a_row_with_a_loaded_id_replaces_that_entry_in_place() {
        let mut g = Gazetteer::empty();
        g.add_entries_csv("a.csv", &format!("{HEADER}a,Ann Bell,person,,,,\nb,Bo Cole,person,,,,\n"))
            .unwrap();
        g.add_entries_csv("b.csv", &format!("{HEADER}a,Ann Dale,person,female,,,\n")).unwrap();
        let names: Vec<&str> = g.entries().iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Ann Dale", "Bo Cole"]);
        assert!(g.contains("a") && !g.contains("c"));
    }

    #[test]
    fn an_id_used_twice_in_one_file_names_both_lines_and_adds_nothing() {
        let mut g = Gazetteer::empty();
        let csv =
            format!("{HEADER}a,Ann Bell,person,,,,\n# note\nb,Bo Cole,person,,,,\na,Ann Dale,person,,,,\n");
        let err = g.add_entries_csv("p.csv", &csv).unwrap_err().to_string();
        assert_eq!(err, "p.csv:5:1: id `a` is used twice in this file (first on line 2)");
        assert!(g.entries().is_empty());
    }

    #[test]
    fn only_lines_starting_with_a_hash_are_comments() {
        let mut g = Gazetteer::empty();
        let csv = format!("{HEADER}# a comment\n\"#1\",Ann Bell,person,,,,\nx#2,Bo Cole,person,,,,\n");
        g.add_entries_csv("p.csv", &csv).unwrap();
        let ids: Vec<&str> = g.entries().iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["#1", "x#2"]);
    }

    #[test]
    fn function_words_are_not_aliases() {
        let rows = [
            ("a,Ann Bell,person,,,Ann;she,", "p.csv:2:25: `she` is a pronoun"),
            ("a,Ann Bell,person,,,said,", "p.csv:2:21: `said` is a cue verb"),
            ("a,Ann Bell,person,,,\"Bell;The\",", "p.csv:2:27: `The` is a stop word"),
        ];
        for (row, want) in rows {
            let err = Gazetteer::empty().add_entries_csv("p.csv", &format!("{HEADER}{row}\n")).unwrap_err();
            assert!(err.to_string().starts_with(want), "{row}: {err}");
        }
        // Acronyms and names that contain such words are names.
        let ok = format!("{HEADER}who,World Health Organization,organization,,,WHO;The Who,\n");
        Gazetteer::empty().add_entries_csv("o.csv", &ok).unwrap();
    }

    #[test]
    fn line_numbers_are_right_after_comments_and_blank_lines() {
        let mut text = HEADER.to_string();
        for i in 0..50 {
            text.push_str(&format!("p{i},Name{i} Last{i},person,,,,\n# c\n\n"));
        }
        text.push_str("bad,Bad Row,robot,,,,\n");
        let err = Gazetteer::empty().add_entries_csv("p.csv", &text).unwrap_err().to_string();
        assert!(err.starts_with("p.csv:152:"), "{err}");
    }

    #[test]
    fn builtin_loads() {
        let g = Gazetteer::builtin().unwrap();
        assert!(!g.entries().is_empty());
        assert!(!g.countries().is_empty());
    }
}
