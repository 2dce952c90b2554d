//! `whosaid gazetteer import`: turns the public-domain congress-legislators YAML files into
//! gazetteer rows, so the US Congress and executive can be refreshed from the source.
//!
//! The source is <https://github.com/unitedstates/congress-legislators> (CC0):
//! `legislators-current.yaml` (every sitting member of Congress) and `executive.yaml` (every
//! president and vice president). Each person becomes one [`Entry`] whose id is the bioguide
//! id; terms become roles (`Senator|U.S. Senate|US|2019-`), consecutive terms in one office
//! joined into one role. State and party stay out of the role: they are not part of how news
//! names a speaker's office.
//!
//! ```
//! use whosaid::gazetteer::import;
//!
//! let yaml = "
//! - id: {bioguide: X000001}
//!   name: {first: Jane, last: Doe, official_full: Jane Q. Doe}
//!   bio: {gender: F}
//!   terms:
//!   - {type: sen, start: '2019-01-03', end: '2025-01-03', state: OH, party: Democrat}
//!   - {type: sen, start: '2025-01-03', end: '2031-01-03', state: OH, party: Democrat}
//! ";
//! let people = import::legislators_from_yaml("legislators.yaml", yaml).unwrap();
//! assert_eq!(people[0].name, "Jane Q. Doe");
//! assert_eq!(people[0].aliases, ["Jane Doe"]);
//! assert_eq!(people[0].known_role(), "Senator, U.S. Senate");
//! assert_eq!(people[0].roles[0].end, None); // still in office
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Deserializer, Serialize};

use super::{EntityKind, Entry, Gender, Role};
use crate::error::{Error, Result};

/// Executive terms that ended in or before this year are left out: news from the period
/// whosaid is made for does not quote those presidents and vice presidents as office holders.
pub const EXECUTIVE_ENDED_AFTER: u16 = 1980;

/// The organisation given to presidents and vice presidents.
const WHITE_HOUSE: &str = "White House";

#[derive(Deserialize)]
struct PersonYaml {
    id: IdsYaml,
    name: NameYaml,
    #[serde(default)]
    bio: BioYaml,
    #[serde(default)]
    terms: Vec<TermYaml>,
}

#[derive(Deserialize)]
struct IdsYaml {
    #[serde(default)]
    bioguide: Option<String>,
    #[serde(default)]
    govtrack: Option<u64>,
}

#[derive(Deserialize)]
struct NameYaml {
    first: String,
    #[serde(default)]
    middle: Option<String>,
    last: String,
    #[serde(default)]
    suffix: Option<String>,
    #[serde(default)]
    nickname: Option<String>,
    #[serde(default)]
    official_full: Option<String>,
}

#[derive(Deserialize, Default)]
struct BioYaml {
    #[serde(default)]
    gender: Option<String>,
}

#[derive(Deserialize)]
struct TermYaml {
    #[serde(rename = "type")]
    kind: String,
    start: Date,
    end: Date,
}

/// An ISO date (`YYYY-MM-DD`), checked while parsing so that a bad one is reported with the
/// line and column serde_yaml knows.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Date(String);

impl Date {
    fn year(&self) -> u16 {
        // Checked in `deserialize`: the first four characters are digits.
        self.0[..4].parse().unwrap_or(0)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        let b = s.as_bytes();
        let ok = b.len() == 10
            && b.iter()
                .enumerate()
                .all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
        if ok {
            Ok(Date(s))
        } else {
            Err(serde::de::Error::custom(format!("`{s}` is not a date (YYYY-MM-DD)")))
        }
    }
}

/// One office held over a span of dates, before it becomes a [`Role`].
struct Office {
    title: &'static str,
    org: &'static str,
    start: Date,
    end: Date,
    current: bool,
}

/// Reads `legislators-current.yaml` text: one entry per member of Congress, with every House
/// and Senate term as a role; the last term of each member is taken as current (open end).
/// `file` names the text in errors.
pub fn legislators_from_yaml(file: &str, text: &str) -> Result<Vec<Entry>> {
    let people = parse(file, text)?;
    let mut out = Vec::with_capacity(people.len());
    for p in people {
        let last = p.terms.len().saturating_sub(1);
        let offices = p
            .terms
            .iter()
            .enumerate()
            .filter_map(|(i, t)| {
                let (title, org) = match t.kind.as_str() {
                    "sen" => ("Senator", "U.S. Senate"),
                    "rep" => ("Representative", "U.S. House of Representatives"),
                    _ => return None,
                };
                Some(Office { title, org, start: t.start.clone(), end: t.end.clone(), current: i == last })
            })
            .collect();
        out.push(entry(file, p, offices)?);
    }
    Ok(out)
}

/// Reads `executive.yaml` text: presidents and vice presidents with a term that ended after
/// [`EXECUTIVE_ENDED_AFTER`]. A term is current when it ends after the latest start date in
/// the file (the sitting administration's), so no clock is needed.
pub fn executive_from_yaml(file: &str, text: &str) -> Result<Vec<Entry>> {
    let people = parse(file, text)?;
    let latest_start = people.iter().flat_map(|p| p.terms.iter().map(|t| &t.start)).max().cloned();
    let mut out = Vec::new();
    for p in people {
        let offices: Vec<Office> = p
            .terms
            .iter()
            .filter(|t| t.end.year() > EXECUTIVE_ENDED_AFTER)
            .filter_map(|t| {
                let title = match t.kind.as_str() {
                    "prez" => "President",
                    "viceprez" => "Vice President",
                    _ => return None,
                };
                let current = latest_start.as_ref().is_some_and(|s| t.end > *s);
                Some(Office { title, org: WHITE_HOUSE, start: t.start.clone(), end: t.end.clone(), current })
            })
            .collect();
        if !offices.is_empty() {
            out.push(entry(file, p, offices)?);
        }
    }
    Ok(out)
}

fn parse(file: &str, text: &str) -> Result<Vec<PersonYaml>> {
    serde_yaml::from_str(text).map_err(|e| yaml_error(file, &e))
}

/// A serde_yaml error as a gazetteer error at its line and column, when it has them.
fn yaml_error(file: &str, e: &serde_yaml::Error) -> Error {
    let mut message = e.to_string();
    match e.location() {
        Some(loc) => {
            // serde_yaml writes the location into the message; it is reported separately.
            let at = format!(" at line {} column {}", loc.line(), loc.column());
            if let Some(i) = message.find(&at) {
                message.replace_range(i..i + at.len(), "");
            }
            Error::gazetteer(file, loc.line() as u64, loc.column() as u64, message)
        }
        None => Error::gazetteer(file, 0, 0, message),
    }
}

/// Builds the entry for one person from their offices (in date order).
fn entry(file: &str, p: PersonYaml, offices: Vec<Office>) -> Result<Entry> {
    let n = &p.name;
    let first_last = join(&[&n.first, &n.last]);
    let official = n.official_full.as_deref().filter(|f| !f.trim().is_empty()).map(clean_official_name);
    // The name news uses: the nickname when there is one ("Jim McGovern", "Jimmy Carter"), with
    // the formal name as an alias; otherwise the official name.
    let name = match (&n.nickname, &official) {
        (Some(nick), _) if !nick.trim().is_empty() => join(&[nick, &n.last]),
        (_, Some(full)) => full.clone(),
        _ => join(&[&n.first, &n.last]),
    };
    let id = match (&p.id.bioguide, p.id.govtrack) {
        (Some(b), _) if !b.trim().is_empty() => b.trim().to_string(),
        (_, Some(g)) => format!("govtrack-{g}"),
        _ => {
            return Err(Error::gazetteer(
                file,
                0,
                0,
                format!("`{name}` has neither a bioguide nor a govtrack id"),
            ))
        }
    };
    let gender = match p.bio.gender.as_deref() {
        Some("M") => Gender::Male,
        Some("F") => Gender::Female,
        _ => Gender::Unknown,
    };
    let mut aliases = Vec::new();
    let mut add = |a: String| {
        let a = a.split_whitespace().collect::<Vec<_>>().join(" ");
        if !a.is_empty() && a != name && !aliases.contains(&a) {
            aliases.push(a);
        }
    };
    if let Some(full) = &official {
        add(full.clone());
    }
    add(first_last);
    if let Some(nick) = &n.nickname {
        add(join(&[nick, &n.last]));
    }
    if let Some(middle) = &n.middle {
        let initials = initials(middle);
        add(join(&[&n.first, &initials, &n.last]));
        // "George H. W. Bush" is also written "George H.W. Bush".
        add(join(&[&n.first, &initials.replace(". ", "."), &n.last]));
    }
    add(without_middle_initials(official.as_ref().unwrap_or(&name)));
    if let Some(suffix) = &n.suffix {
        add(join(&[n.nickname.as_ref().unwrap_or(&n.first), &n.last, suffix]));
    }
    // The family name as the canonical name writes it: `last` can be longer ("Hernández
    // Rivera" for "Pablo José Hernández"), and then the name's last word is what news uses.
    let surname = match n.last.trim() {
        last if name.contains(last) => last.to_string(),
        _ => name.split_whitespace().last().unwrap_or_default().to_string(),
    };
    Ok(Entry { id, name, kind: EntityKind::Person, gender, surname, aliases, roles: roles(offices) })
}

/// Joins consecutive offices with the same title when one starts within a year of the last
/// one's end (re-election), and turns them into roles.
fn roles(offices: Vec<Office>) -> Vec<Role> {
    let mut out: Vec<Office> = Vec::new();
    for o in offices {
        match out.last_mut() {
            Some(prev) if prev.title == o.title && o.start.year() <= prev.end.year() + 1 => {
                prev.end = o.end;
                prev.current = o.current;
            }
            _ => out.push(o),
        }
    }
    out.into_iter()
        .map(|o| Role {
            title: o.title.to_string(),
            org: o.org.to_string(),
            country: "US".to_string(),
            start: Some(o.start.year()),
            end: (!o.current).then(|| o.end.year()),
        })
        .collect()
}

fn join(parts: &[&str]) -> String {
    parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ")
}

/// "Herbert Walker" → "H. W."; "J." stays "J.".
fn initials(middle: &str) -> String {
    middle
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .map(|c| format!("{c}."))
        .collect::<Vec<_>>()
        .join(" ")
}

/// "Kamala D. Harris" → "Kamala Harris": drops initials between the first and last word.
fn without_middle_initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let is_initial = |w: &str| {
        let mut c = w.chars();
        matches!((c.next(), c.next(), c.next()), (Some(a), Some('.'), None) if a.is_alphabetic())
    };
    words
        .iter()
        .enumerate()
        .filter(|(i, w)| *i == 0 || *i + 1 == words.len() || !is_initial(w))
        .map(|(_, w)| *w)
        .collect::<Vec<_>>()
        .join(" ")
}

/// `Henry C. "Hank" Johnson, Jr.` → `Henry C. Johnson Jr.`: the quoted nickname is an alias
/// of its own, and the comma before a suffix would only get in the way of matching.
fn clean_official_name(full: &str) -> String {
    let mut out = String::new();
    let mut in_quotes = false;
    for c in full.chars() {
        match c {
            '"' | '“' | '”' => in_quotes = !in_quotes,
            ',' => {}
            _ if !in_quotes => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Merges entries that share an id (a member of Congress who is also in `executive.yaml`):
/// roles are combined in date order, aliases joined; the first entry's name is kept. The
/// result is sorted by id, as the data files are.
pub fn merge(entries: impl IntoIterator<Item = Entry>) -> Vec<Entry> {
    let mut by_id: BTreeMap<String, Entry> = BTreeMap::new();
    for e in entries {
        match by_id.get_mut(&e.id) {
            None => {
                by_id.insert(e.id.clone(), e);
            }
            Some(have) => {
                for a in std::iter::once(e.name).chain(e.aliases) {
                    if a != have.name && !have.aliases.contains(&a) {
                        have.aliases.push(a);
                    }
                }
                if have.gender == Gender::Unknown {
                    have.gender = e.gender;
                }
                have.roles.extend(e.roles);
                // Stable: roles with the same start keep their order; open-ended ones last.
                have.roles.sort_by_key(|r| (r.start, r.end.is_none(), r.end));
            }
        }
    }
    disambiguate_names(by_id.into_values().collect())
}

/// Two people with the same name ("George Bush", father and son) get their middle initials
/// in the name, and the shared form is dropped from their aliases.
fn disambiguate_names(mut entries: Vec<Entry>) -> Vec<Entry> {
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for e in &entries {
        let forms: BTreeSet<&String> = std::iter::once(&e.name).chain(&e.aliases).collect();
        for f in forms {
            *count.entry(f.clone()).or_default() += 1;
        }
    }
    for e in &mut entries {
        if count.get(&e.name).copied().unwrap_or(0) > 1 {
            // The alias with initials ("George H. W. Bush") is the most specific form.
            if let Some(i) = e
                .aliases
                .iter()
                .position(|a| count.get(a) == Some(&1) && a.split_whitespace().any(|w| w.ends_with('.')))
            {
                let unique = e.aliases.remove(i);
                e.name = unique;
            }
        }
        e.aliases.retain(|a| count.get(a) == Some(&1));
    }
    entries
}

/// Reads both files and returns their people merged, sorted by id.
pub fn import_files(legislators: &Path, executive: &Path) -> Result<Vec<Entry>> {
    let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| Error::io(Some(p.to_path_buf()), e));
    let l = legislators_from_yaml(&legislators.display().to_string(), &read(legislators)?)?;
    let x = executive_from_yaml(&executive.display().to_string(), &read(executive)?)?;
    Ok(merge(l.into_iter().chain(x)))
}

/// An imported entry left out because a hand-written entry already describes that person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    /// The imported entry's id (a bioguide id).
    pub imported: String,
    /// The id of the hand-written entry kept instead.
    pub kept: String,
    /// The name they share.
    pub name: String,
}

/// Removes imported people that `known` entries (the hand-curated files) already describe,
/// so no person is in the gazetteer twice. An imported person is the same as a known one when
/// they have the same id, or share a name or alias *and* an organisation in their roles
/// (`U.S. Senate`, `White House`): a shared name alone can be a namesake.
pub fn without_known(imported: Vec<Entry>, known: &[Entry]) -> (Vec<Entry>, Vec<Replaced>) {
    let mut by_name: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
    let mut by_id: BTreeMap<&str, &Entry> = BTreeMap::new();
    for k in known.iter().filter(|k| k.kind == EntityKind::Person) {
        by_id.insert(&k.id, k);
        for n in std::iter::once(&k.name).chain(&k.aliases) {
            by_name.entry(n.as_str()).or_default().push(k);
        }
    }
    let mut kept = Vec::new();
    let mut replaced = Vec::new();
    for e in imported {
        let same_id = by_id.get(e.id.as_str()).map(|k| (k.id.clone(), e.name.clone()));
        let same_person = same_id.or_else(|| {
            std::iter::once(&e.name).chain(&e.aliases).find_map(|n| {
                by_name.get(n.as_str())?.iter().find(|k| shares_org(k, &e)).map(|k| (k.id.clone(), n.clone()))
            })
        });
        match same_person {
            Some((k, name)) => replaced.push(Replaced { imported: e.id, kept: k, name }),
            None => kept.push(e),
        }
    }
    (kept, replaced)
}

fn shares_org(a: &Entry, b: &Entry) -> bool {
    a.roles.iter().any(|r| !r.org.is_empty() && b.roles.iter().any(|s| s.org == r.org))
}

/// One CSV row, in the column order of the gazetteer header.
#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'a str,
    gender: &'a str,
    surname: &'a str,
    aliases: String,
    roles: String,
}

/// Writes entries as gazetteer CSV (header `id,name,kind,gender,surname,aliases,roles`),
/// quoting fields where needed. `surname` is written only when it differs from the last word
/// of the name, which is what the loader assumes when it is empty.
pub fn write_csv<W: Write>(out: W, entries: &[Entry]) -> Result<()> {
    let io_err = |e: std::io::Error| Error::io(None, e);
    let csv_err = |e: csv::Error| match e.into_kind() {
        csv::ErrorKind::Io(e) => io_err(e),
        other => Error::other(format!("writing CSV: {other:?}")),
    };
    let mut w = csv::Writer::from_writer(out);
    for e in entries {
        let default_surname = e.name.split_whitespace().last().unwrap_or("");
        let surname =
            if e.kind == EntityKind::Person && e.surname != default_surname { &e.surname } else { "" };
        w.serialize(Row {
            id: &e.id,
            name: &e.name,
            kind: match e.kind {
                EntityKind::Person => "person",
                EntityKind::Organization => "organization",
            },
            gender: match e.gender {
                Gender::Male => "male",
                Gender::Female => "female",
                Gender::Unknown => "",
            },
            surname,
            aliases: e.aliases.join(";"),
            roles: e.roles.iter().map(role_field).collect::<Vec<_>>().join(";"),
        })
        .map_err(csv_err)?;
    }
    if entries.is_empty() {
        w.write_record(["id", "name", "kind", "gender", "surname", "aliases", "roles"]).map_err(csv_err)?;
    }
    w.flush().map_err(io_err)
}

/// `title|organisation|country|years`, years as the loader reads them.
fn role_field(r: &Role) -> String {
    let years = match (r.start, r.end) {
        (Some(s), Some(e)) => format!("{s}-{e}"),
        (Some(s), None) => format!("{s}-"),
        (None, Some(e)) => format!("-{e}"),
        (None, None) => String::new(),
    };
    format!("{}|{}|{}|{}", r.title, r.org, r.country, years)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;

    const LEGISLATORS: &str = r#"- id:
    bioguide: C000127
    govtrack: 300018
  name:
    first: Maria
    last: Cantwell
    official_full: Maria Cantwell
  bio:
    birthday: '1958-10-13'
    gender: F
  terms:
  - type: rep
    start: '1993-01-05'
    end: '1995-01-03'
    state: WA
    district: 1
    party: Democrat
  - type: sen
    start: '2001-01-03'
    end: '2007-01-03'
    state: WA
    party: Democrat
  - type: sen
    start: '2007-01-04'
    end: '2013-01-03'
    state: WA
    party: Democrat
- id:
    bioguide: J000288
  name:
    first: Henry
    middle: C.
    last: Johnson
    suffix: Jr.
    nickname: Hank
    official_full: Henry C. "Hank" Johnson, Jr.
  bio:
    gender: M
  terms:
  - type: rep
    start: '2023-01-03'
    end: '2027-01-03'
"#;

    const EXECUTIVE: &str = "\
- id: {bioguide: W000178}
  name: {first: George, last: Washington}
  bio: {gender: M}
  terms:
  - {type: prez, start: '1789-04-30', end: '1797-03-04', party: no party}
- id: {bioguide: B001166}
  name: {first: George, middle: Herbert Walker, last: Bush}
  bio: {gender: M}
  terms:
  - {type: viceprez, start: '1981-01-20', end: '1985-01-20'}
  - {type: viceprez, start: '1985-01-20', end: '1989-01-20'}
  - {type: prez, start: '1989-01-20', end: '1993-01-20'}
- id: {govtrack: 412375}
  name: {first: George, middle: Walker, last: Bush}
  bio: {gender: M}
  terms:
  - {type: prez, start: '2001-01-20', end: '2009-01-20'}
- id: {bioguide: C000127}
  name: {first: Maria, last: Cantwell}
  bio: {gender: F}
  terms:
  - {type: viceprez, start: '2013-01-20', end: '2017-01-20'}
- id: {govtrack: 412733}
  name: {first: Donald, middle: J., last: Trump}
  bio: {gender: M}
  terms:
  - {type: prez, start: '2017-01-20', end: '2021-01-20'}
  - {type: prez, start: '2025-01-20', end: '2029-01-20'}
- id: {govtrack: 412371}
  name: {first: James, middle: Earl, last: Carter, nickname: Jimmy}
  bio: {gender: M}
  terms:
  - {type: prez, start: '1977-01-20', end: '1981-01-20'}
";

    fn role(e: &Entry, i: usize) -> String {
        role_field(&e.roles[i])
    }

    #[test]
    fn legislator_terms_become_roles_joined_across_re_election() {
        let l = legislators_from_yaml("l.yaml", LEGISLATORS).unwrap();
        let c = &l[0];
        assert_eq!((c.id.as_str(), c.name.as_str(), c.gender), ("C000127", "Maria Cantwell", Gender::Female));
        assert_eq!(c.roles.len(), 2);
        assert_eq!(role(c, 0), "Representative|U.S. House of Representatives|US|1993-1995");
        // The last term in legislators-current is the one being served: open end.
        assert_eq!(role(c, 1), "Senator|U.S. Senate|US|2001-");
    }

    #[test]
    fn legislator_names_give_surname_and_aliases() {
        let l = legislators_from_yaml("l.yaml", LEGISLATORS).unwrap();
        let j = &l[1];
        // Named as the news names him, the formal name an alias.
        assert_eq!(j.name, "Hank Johnson");
        assert_eq!(j.surname, "Johnson");
        assert_eq!(
            j.aliases,
            [
                "Henry C. Johnson Jr.",
                "Henry Johnson",
                "Henry C. Johnson",
                "Henry Johnson Jr.",
                "Hank Johnson Jr."
            ]
        );
        assert_eq!(role(j, 0), "Representative|U.S. House of Representatives|US|2023-");
    }

    #[test]
    fn executive_keeps_recent_terms_and_marks_the_sitting_one_open() {
        let x = executive_from_yaml("x.yaml", EXECUTIVE).unwrap();
        let ids: Vec<&str> = x.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["B001166", "govtrack-412375", "C000127", "govtrack-412733", "govtrack-412371"]);
        // Ended in 1981, after the cut-off; named as the news names him.
        assert_eq!(x[4].name, "Jimmy Carter");
        assert_eq!(x[4].aliases, ["James Carter", "James E. Carter"]);
        let bush = &x[0];
        assert_eq!(role(bush, 0), "Vice President|White House|US|1981-1989");
        assert_eq!(role(bush, 1), "President|White House|US|1989-1993");
        let trump = &x[3];
        assert_eq!(trump.name, "Donald Trump");
        assert_eq!(trump.roles.len(), 2, "a four-year gap is not a re-election");
        assert_eq!(role(trump, 0), "President|White House|US|2017-2021");
        assert_eq!(role(trump, 1), "President|White House|US|2025-");
        assert!(trump.aliases.contains(&"Donald J. Trump".to_string()), "{:?}", trump.aliases);
    }

    #[test]
    fn merge_joins_people_in_both_files_and_tells_namesakes_apart() {
        let l = legislators_from_yaml("l.yaml", LEGISLATORS).unwrap();
        let x = executive_from_yaml("x.yaml", EXECUTIVE).unwrap();
        let all = merge(l.into_iter().chain(x));
        let ids: Vec<&str> = all.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            ["B001166", "C000127", "J000288", "govtrack-412371", "govtrack-412375", "govtrack-412733"]
        );
        let c = &all[1];
        let roles: Vec<String> = c.roles.iter().map(role_field).collect();
        assert_eq!(
            roles,
            [
                "Representative|U.S. House of Representatives|US|1993-1995",
                "Senator|U.S. Senate|US|2001-",
                "Vice President|White House|US|2013-2017",
            ]
        );
        // Father and son are both "George Bush" in the file: each gets his initials.
        assert_eq!(all[0].name, "George H. W. Bush");
        assert_eq!(all[4].name, "George W. Bush");
        assert_eq!(all[0].aliases, ["George H.W. Bush"]);
        assert!(all.iter().all(|e| !e.aliases.contains(&"George Bush".to_string())));
    }

    #[test]
    fn known_people_replace_imported_ones_but_namesakes_stay() {
        let x = executive_from_yaml("x.yaml", EXECUTIVE).unwrap();
        let mut known = Gazetteer::empty();
        let csv = "id,name,kind,gender,surname,aliases,roles\n\
            donald-trump,Donald Trump,person,male,,Donald J. Trump,President|White House|US|2017-2021\n\
            maria-cantwell,Maria Cantwell,person,female,,,Chef|Cantwell's Kitchen||\n";
        known.add_entries_csv("people.csv", csv).unwrap();
        let (kept, replaced) = without_known(x, known.entries());
        assert_eq!(
            replaced,
            [Replaced {
                imported: "govtrack-412733".into(),
                kept: "donald-trump".into(),
                name: "Donald Trump".into()
            }]
        );
        // The chef shares a name but no organisation with the vice president: a namesake.
        assert!(kept.iter().any(|e| e.id == "C000127"));
    }

    #[test]
    fn written_csv_reads_back_the_same() {
        let l = legislators_from_yaml("l.yaml", LEGISLATORS).unwrap();
        let x = executive_from_yaml("x.yaml", EXECUTIVE).unwrap();
        let mut all = merge(l.into_iter().chain(x));
        all[0].roles[0].org = "Office, with a comma".into();
        let mut buf = Vec::new();
        write_csv(&mut buf, &all).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(text.starts_with("id,name,kind,gender,surname,aliases,roles\n"), "{text}");
        assert!(text.contains("\"Vice President|Office, with a comma|US|1981-1989;"), "{text}");
        let mut g = Gazetteer::empty();
        g.add_entries_csv("congress.csv", &text).unwrap();
        assert_eq!(g.entries(), &all[..]);
    }

    #[test]
    fn yaml_syntax_error_has_file_line_and_column() {
        let bad = "- id: {bioguide: A1}\n  name: {first: A, last: B\n";
        let err = legislators_from_yaml("l.yaml", bad).unwrap_err().to_string();
        assert!(err.starts_with("l.yaml:3:1: did not find expected ',' or '}'"), "{err}");
        assert!(!err.contains("line 3 column 1"), "the location is said once: {err}");
    }

    #[test]
    fn bad_date_is_reported_where_it_is() {
        let bad = "- id: {bioguide: A1}\n  name: {first: A, last: B}\n  terms:\n  - type: sen\n    start: '2019-1-3'\n    end: '2025-01-03'\n";
        let err = legislators_from_yaml("l.yaml", bad).unwrap_err().to_string();
        // serde_yaml locates errors raised by a field's own parser at the enclosing mapping:
        // the term that holds the bad date, with its path in the message.
        assert!(err.starts_with("l.yaml:4:5: .[0].terms[0]: "), "{err}");
        assert!(err.contains("`2019-1-3` is not a date (YYYY-MM-DD)"), "{err}");
    }

    #[test]
    fn missing_field_is_an_error_not_a_panic() {
        let bad = "- id: {bioguide: A1}\n  name: {first: A}\n";
        let err = legislators_from_yaml("l.yaml", bad).unwrap_err().to_string();
        assert!(err.starts_with("l.yaml:2:"), "{err}");
        assert!(err.contains("missing field `last`"), "{err}");
    }

    #[test]
    fn surname_is_taken_from_the_name_when_the_last_name_is_longer() {
        let yaml = "- id: {bioguide: H1}\n  name: {first: Pablo, last: Hernández Rivera, official_full: Pablo José Hernández}\n";
        let l = legislators_from_yaml("l.yaml", yaml).unwrap();
        assert_eq!(l[0].surname, "Hernández");
        assert_eq!(l[0].aliases, ["Pablo Hernández Rivera"]);
    }

    #[test]
    fn initials_and_official_names() {
        assert_eq!(initials("Herbert Walker"), "H. W.");
        assert_eq!(initials("J."), "J.");
        assert_eq!(without_middle_initials("Kamala D. Harris"), "Kamala Harris");
        assert_eq!(without_middle_initials("J.D. Vance"), "J.D. Vance");
        assert_eq!(clean_official_name("Henry C. \"Hank\" Johnson, Jr."), "Henry C. Johnson Jr.");
    }
}
