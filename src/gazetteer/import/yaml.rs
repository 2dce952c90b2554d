//! Reading the congress-legislators YAML files: each person and their terms become one
//! gazetteer [`Entry`], terms in one office joined into roles.

use serde::{Deserialize, Deserializer};

use super::names::{clean_official_name, initials, join, without_middle_initials};
use crate::error::{Error, Result};
use crate::gazetteer::{EntityKind, Entry, Gender, Role};

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

#[cfg(test)]
mod tests {
    use super::super::test_data::{role, EXECUTIVE, LEGISLATORS};
    use super::*;

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
}
