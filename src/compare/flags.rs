//! The flags of a group that are about who said it: `speaker_conflict` and `speaker_unclear`
//! (the people the members name, and how confidently), and `role_conflict` (the titles given to
//! one person, and the gazetteer's roles as of the article's date). Each flag comes with a note
//! saying why.

use std::collections::{HashMap, HashSet};

use super::inner::Records;
use super::store::QuoteRef;
use super::units::record_year;
use super::{speaker_key, Comparer, Flag};
use crate::lexicon::CueClass;
use crate::record::Method;

/// One person as the members of a group name them.
struct Person<'a> {
    /// The fullest name given.
    name: &'a str,
    id: &'a str,
    /// Name words without initials ("donald", "trump" for "Donald J. Trump").
    words: Vec<String>,
    docs: Vec<&'a str>,
    /// Some member names them explicitly or in apposition (not relayed by someone else).
    confident: bool,
    /// Named as an organisation.
    organization: bool,
}

/// Lowercase Latin letters with a diacritic and the letter without it, for names written with
/// and without accents ("Calderón" / "Calderon").
const PLAIN: [(&str, char); 19] = [
    ("àáâãäåāăą", 'a'),
    ("çćĉċč", 'c'),
    ("ďđ", 'd'),
    ("èéêëēĕėęě", 'e'),
    ("ĝğġģ", 'g'),
    ("ĥħ", 'h'),
    ("ìíîïĩīĭįı", 'i'),
    ("ĵ", 'j'),
    ("ķ", 'k'),
    ("ĺļľŀł", 'l'),
    ("ñńņňŉ", 'n'),
    ("òóôõöøōŏő", 'o'),
    ("ŕŗř", 'r'),
    ("śŝşš", 's'),
    ("ţťŧ", 't'),
    ("ùúûüũūŭůűų", 'u'),
    ("ŵ", 'w'),
    ("ýÿŷ", 'y'),
    ("źżž", 'z'),
];

/// A lowercase letter without its diacritic.
fn plain(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    PLAIN.iter().find(|(with, _)| with.contains(c)).map_or(c, |&(_, base)| base)
}

/// Name words without case, punctuation, diacritics and one-letter initials.
fn name_words(name: &str) -> Vec<String> {
    speaker_key("", name)
        .split(' ')
        .filter(|w| w.chars().count() > 1)
        .map(|w| w.chars().map(plain).collect())
        .collect()
}

/// The speaker is a description, not a name ("the Republican candidate", "a spokesman"): it
/// says who only in its article, so it neither names another person nor conflicts with one.
fn is_description(speaker: &str) -> bool {
    let first = speaker.split_whitespace().next().unwrap_or("").to_lowercase();
    crate::lexicon::lexicon().determiners.contains(first.as_str())
}

/// Two names are one person: the same gazetteer id, or (where either has none) the words of
/// one name all in the other, in order ("Nuland" / "Victoria Nuland", "Donald J. Trump" /
/// "Donald Trump").
fn same_person(a: &Person<'_>, b: &Person<'_>) -> bool {
    if !a.id.is_empty() && !b.id.is_empty() {
        return a.id == b.id;
    }
    let (short, long) =
        if a.words.len() <= b.words.len() { (&a.words, &b.words) } else { (&b.words, &a.words) };
    let mut it = long.iter();
    !short.is_empty() && short.iter().all(|w| it.any(|x| x == w))
}

/// Most distinct speaker names compared pairwise in one group; a group with more (a wire
/// story given to hundreds of names) is flagged as unclear without merging name variants.
const MAX_NAMES: usize = 64;

/// The people the members name, each with how confidently.
fn people<'a>(comparer: &Comparer, records: Records<'a>, quotes: &[usize]) -> Vec<Person<'a>> {
    let lex = crate::lexicon::lexicon();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut people: Vec<Person<'a>> = Vec::new();
    for &q in quotes {
        let r = records.get(q);
        if r.speaker.trim().is_empty() || is_description(r.speaker) {
            continue;
        }
        let relay = lex
            .cues
            .iter()
            .any(|(c, class)| *class == CueClass::Quoted && c.eq_ignore_ascii_case(r.cue.trim()));
        let confident = matches!(r.method, Some(Method::Explicit | Method::Apposition)) && !relay;
        let organization =
            r.method == Some(Method::Organization) || comparer.is_organization(r.speaker_id, r.speaker);
        let i = *by_key.entry(speaker_key(r.speaker_id, r.speaker)).or_insert_with(|| {
            people.push(Person {
                name: r.speaker,
                id: r.speaker_id,
                words: name_words(r.speaker),
                docs: Vec::new(),
                confident: false,
                organization: false,
            });
            people.len() - 1
        });
        let p = &mut people[i];
        if p.docs.last() != Some(&r.doc) {
            p.docs.push(r.doc);
        }
        p.confident |= confident;
        p.organization |= organization;
    }
    if people.len() > MAX_NAMES {
        return people;
    }
    // Merge name variants into the first person they match.
    let mut merged: Vec<Person<'a>> = Vec::new();
    for p in people {
        match merged.iter_mut().find(|m| same_person(m, &p)) {
            Some(m) => {
                if p.words.len() > m.words.len() {
                    m.name = p.name;
                    m.words = p.words;
                }
                if m.id.is_empty() {
                    m.id = p.id;
                }
                m.docs.extend(p.docs);
                m.confident |= p.confident;
                m.organization |= p.organization;
            }
            None => merged.push(p),
        }
    }
    merged
}

/// `speaker_conflict` when two people are each named with confidence (explicitly or in
/// apposition, not relayed, not an organisation); else `speaker_unclear` when members name
/// more than one speaker.
pub(super) fn speaker_flags(
    comparer: &Comparer,
    records: Records<'_>,
    quotes: &[usize],
    flags: &mut Vec<Flag>,
    notes: &mut Vec<String>,
) {
    let people = people(comparer, records, quotes);
    if people.len() < 2 {
        return;
    }
    // Documents are named by outlet, date and title where known, not by their ids.
    let label: HashMap<&str, String> =
        quotes.iter().map(|&q| records.get(q)).map(|r| (r.doc, super::source_label(&r))).collect();
    let shown = |p: &Person<'_>| {
        let mut docs: Vec<&str> = p.docs.iter().map(|d| label.get(d).map_or(*d, String::as_str)).collect();
        docs.sort_unstable();
        docs.dedup();
        let more = docs.len().saturating_sub(3);
        docs.truncate(3);
        let etc = if more > 0 { format!(" and {more} more") } else { String::new() };
        format!("{} ({}{etc})", p.name, docs.join(", "))
    };
    let firm: Vec<&Person<'_>> = people.iter().filter(|p| p.confident && !p.organization).collect();
    if firm.len() >= 2 {
        flags.push(Flag::SpeakerConflict);
        let names: Vec<String> = firm.iter().take(4).map(|p| shown(p)).collect();
        notes.push(format!("speaker_conflict: named explicitly as different people: {}", names.join(" vs ")));
        return;
    }
    flags.push(Flag::SpeakerUnclear);
    let names: Vec<String> = people.iter().take(4).map(shown).collect();
    let why = if people.len() > MAX_NAMES {
        format!("{} different names", people.len())
    } else if people.iter().any(|p| p.organization) {
        "an organisation and a person may speak for each other".to_string()
    } else {
        "at most one of them is named explicitly; the others were inferred (pronoun, surname, carried over) or relayed".to_string()
    };
    notes.push(format!("speaker_unclear: {} ({why})", names.join(" vs ")));
}

/// `role_conflict`: one person given roles that disagree in two documents, or a role the
/// gazetteer contradicts for the article's date. Only the role each record attaches to its own
/// speaker counts; each distinct role is compared with the first one given, so the work is
/// linear in the group's size.
pub(super) fn role_conflicts(
    comparer: &Comparer,
    (records, roles): (Records<'_>, &HashSet<&str>),
    quotes: &[usize],
    flags: &mut Vec<Flag>,
    notes: &mut Vec<String>,
) {
    let before = notes.len();
    let mut first: HashMap<String, QuoteRef<'_>> = HashMap::new();
    let mut seen: HashSet<(String, &str)> = HashSet::new();
    let mut checked: HashSet<(&str, &str, Option<u16>)> = HashSet::new();
    for &q in quotes {
        let r = records.get(q);
        if r.speaker.trim().is_empty() || !roles.contains(r.role) {
            continue;
        }
        let key = speaker_key(r.speaker_id, r.speaker);
        if !seen.insert((key.clone(), r.role)) {
            continue;
        }
        match first.get(&key) {
            None => {
                first.insert(key, r);
            }
            Some(a) if a.doc != r.doc && !comparer.roles.agree(a.role, r.role) => notes.push(format!(
                "role_conflict: roles differ for {}: “{}” ({}) vs “{}” ({})",
                r.speaker,
                a.role,
                super::source_label(a),
                r.role,
                super::source_label(&r)
            )),
            Some(_) => {}
        }
        let year = record_year(&r);
        if checked.len() < MAX_NAMES && checked.insert((r.speaker, r.role, year)) {
            if let Some(known) =
                comparer.roles.contradicts(r.speaker_id, r.speaker, r.role, r.known_role, year)
            {
                notes.push(format!(
                    "role_conflict: {} is called “{}” in {}, but the gazetteer has “{}”{}",
                    r.speaker,
                    r.role,
                    super::source_label(&r),
                    known,
                    year.map(|y| format!(" in {y}")).unwrap_or_default()
                ));
            }
        }
    }
    if notes.len() > before {
        flags.push(Flag::RoleConflict);
    }
}
