//! From quote records to *units*: quotes with the same normalised words that may stand for one
//! statement, with what the matcher needs to know about them (speakers, dates, documents).
//!
//! Identical words are not always the same statement, so a unit is split where they are not:
//! - a quote that reads as a title or a label ("Meet the Press", a show or a book) is no
//!   statement and joins nothing;
//! - a *short* quote ([`is_short`]: under [`SHORT_CONTENT`] content words and under
//!   [`SHORT_WORDS`] words: "a disgrace", "no", "jobs, jobs, jobs") is one statement only with the same speaker, and only when it holds a *rare* word
//!   (see [`Rarity`]); otherwise each document's copy stands alone;
//! - a quote that is not long ([`is_long`]) is split where its dates are more than
//!   [`DATE_WINDOW`] days apart: the same stock line at two rallies months apart is two
//!   statements. A long passage printed again months later is still the one statement.

use std::collections::HashMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::inner::Records;
use super::matching::{Members, Unit};
use super::normalize::Token;
use super::store::QuoteRef;
use super::{speaker_key, Comparer};

/// Quotes with fewer content words than this are short: two or three words recur by chance.
pub const SHORT_CONTENT: usize = 4;
/// Quotes with at least this many content words are long: their words alone make them one
/// statement, whatever the dates.
pub const LONG_CONTENT: usize = 6;
/// Quotes of at least this many words are long too, whatever their content words: a whole
/// sentence of a dozen words ("I have a real question as to whether or not they want it") is
/// not a stock line that recurs by chance.
pub const LONG_WORDS: usize = 12;

/// Whether a quote of `words` normalised words, `content` of them content words, is *long*
/// (see [`LONG_CONTENT`] and [`LONG_WORDS`]).
pub fn is_long(words: usize, content: usize) -> bool {
    content >= LONG_CONTENT || words >= LONG_WORDS
}

/// Dates further apart than this (in days) are different occasions, for quotes that are not
/// long.
pub const DATE_WINDOW: i32 = 60;
/// Quotes of at least this many words are never short, whatever their content words: a
/// sentence of eight words or more ("I cannot believe how civil it has been up here") is not a
/// phrase that recurs by chance.
pub const SHORT_WORDS: usize = 8;

/// Whether a quote of `words` normalised words, `content` of them content words, is *short*
/// (see [`SHORT_CONTENT`] and [`SHORT_WORDS`]).
pub fn is_short(words: usize, content: usize) -> bool {
    content < SHORT_CONTENT && words < SHORT_WORDS
}

/// Interns strings as dense ids.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    ids: FxHashMap<String, u32>,
}

impl Interner {
    pub(crate) fn id(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(s.to_string(), id);
        id
    }

    fn len(&self) -> usize {
        self.ids.len()
    }
}

/// How many units hold each word (by stem id), to tell rare words from common ones.
#[derive(Debug, Default)]
pub struct Rarity {
    df: Vec<u32>,
    limit: u32,
}

impl Rarity {
    /// A word is rare when at most this share of the units hold it (and never fewer than
    /// [`Rarity::MIN`] units): "wall" or "people" is everywhere in a campaign, "skulduggery"
    /// is not.
    const SHARE: f64 = 0.02;
    const MIN: u32 = 8;
    /// True when the stem is rare.
    pub(crate) fn is_rare(&self, stem: u32) -> bool {
        self.df.get(stem as usize).is_some_and(|&n| n <= self.limit)
    }
}

/// The day number of the first `YYYY-MM-DD` in `s` (days since 1970-01-01), if any.
pub fn day_of(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(9)).find_map(|i| {
        let w = &b[i..i + 10];
        let digits = |r: std::ops::Range<usize>| w[r].iter().all(u8::is_ascii_digit);
        let edge_ok =
            (i == 0 || !b[i - 1].is_ascii_digit()) && b.get(i + 10).is_none_or(|c| !c.is_ascii_digit());
        if !(digits(0..4) && w[4] == b'-' && digits(5..7) && w[7] == b'-' && digits(8..10) && edge_ok) {
            return None;
        }
        let num = |r: std::ops::Range<usize>| s[i + r.start..i + r.end].parse::<i32>().ok();
        let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| days_from_civil(y, m, d))
    })
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i32, m: i32, d: i32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The day a record's document was published: its `date`, else a `YYYY-MM-DD` in its
/// document id (file names such as `outlet_2016-03-01_slug`).
pub fn record_day(r: &QuoteRef<'_>) -> Option<i32> {
    day_of(r.date).or_else(|| day_of(r.doc))
}

/// The year of a record's document, from the same date as [`record_day`].
pub fn record_year(r: &QuoteRef<'_>) -> Option<u16> {
    let day = record_day(r)?;
    // Civil year from the day number (the inverse of `days_from_civil`, year part only).
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let year = yoe + era * 400 + i32::from(mp >= 10);
    u16::try_from(year).ok()
}

/// The quote reads as a title or label rather than speech: the extractor's title test, with
/// the closing punctuation a sentence would carry left out ("Meet the Press.").
fn is_title(quote: &str) -> bool {
    let q = quote.trim().trim_end_matches(['.', ',', '!', '?', ';', ':']);
    crate::attribute::is_title(q)
}

/// The records' units, and where each record's words are in its text.
#[derive(Debug)]
pub struct Units {
    pub(crate) units: Vec<Unit>,
    /// Unit of each record (`u32::MAX` for a record without words, or a title).
    pub(crate) unit_of: Vec<u32>,
    /// Byte spans of the tokens of all records, one after the other.
    spans: Vec<(u32, u32)>,
    /// Where each record's spans start in `spans` (one more entry than records).
    span_start: Vec<usize>,
    /// Which words are rare.
    pub(crate) rarity: Rarity,
}

impl Units {
    /// The token spans of record `i`.
    pub(crate) fn spans(&self, i: usize) -> &[(u32, u32)] {
        &self.spans[self.span_start[i]..self.span_start[i + 1]]
    }
}

/// What a record brings to its unit.
#[derive(Debug, Clone, Copy)]
struct Facts {
    doc: u32,
    /// Interned speaker key (gazetteer id or name), `u32::MAX` when none.
    speaker: u32,
    /// Interned surname key, `u32::MAX` when none.
    surname: u32,
    /// Whether the speaker has a gazetteer id that the article names. An id the extractor
    /// chose for a surname alone ("Clinton said", method `surname`) is a guess between the
    /// people of that surname: such a speaker is known by the surname only, and matches
    /// anyone of that surname (as a speaker without an id does).
    has_id: bool,
    /// The speaker is an organisation, which speaks through its people.
    org: bool,

    day: Option<i32>,
}

/// A unit before splitting: its words and its records.
struct Draft {
    stems: Vec<u32>,
    forms: Vec<u32>,
    content: Vec<bool>,
    records: Vec<u32>,
}

/// What the first record of a text that is not short found, for the records that repeat the
/// text word for word (wire copy): they take its spans and its draft without normalising again.
#[derive(Debug, Clone, Copy)]
struct Seen {
    /// Where the text's token spans start in `spans`, and how many there are.
    spans: (usize, usize),
    /// Its draft, `u32::MAX` when the text has no words or is a title.
    draft: u32,
}

/// A speaker's interned keys, found once per distinct (id, name).
#[derive(Debug, Clone, Copy)]
struct Who {
    speaker: u32,
    surname: u32,
    org: bool,
}

/// Normalises the records in chunks (so that only one chunk's token strings exist at a time),
/// interns forms and stems as ids, collects quotes with equal forms into units and splits
/// them as the module says. A text seen before is not normalised again.
pub(crate) fn units(comparer: &Comparer, quotes: Records<'_>) -> Units {
    /// Records normalised at once: enough to keep both cores busy, few enough that their
    /// token strings stay small.
    const CHUNK: usize = 4096;
    let mut words = Interner::default();
    let mut docs = Interner::default();
    let mut speakers = Interner::default();
    let mut by_key: FxHashMap<(Vec<u32>, u32), u32> = FxHashMap::default();
    let mut seen: FxHashMap<&str, Seen> = FxHashMap::default();
    let mut whos: FxHashMap<(&str, &str), Who> = FxHashMap::default();
    // The organisations each speaker works for, by the roles of its records (each distinct
    // speaker and role read once).
    let mut affiliations: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    let mut roles_seen: rustc_hash::FxHashSet<(u32, &str)> = rustc_hash::FxHashSet::default();
    let mut drafts: Vec<Draft> = Vec::new();
    let mut facts = Vec::with_capacity(quotes.len());
    let mut spans = Vec::new();
    let mut span_start = Vec::with_capacity(quotes.len() + 1);
    span_start.push(0);
    for c0 in (0..quotes.len()).step_by(CHUNK) {
        let chunk: Vec<QuoteRef<'_>> = (c0..quotes.len().min(c0 + CHUNK)).map(|i| quotes.get(i)).collect();
        // The chunk's texts not seen before, each once, normalised in parallel.
        let mut fresh: FxHashMap<&str, usize> = FxHashMap::default();
        for r in &chunk {
            if !seen.contains_key(r.quote) {
                let next = fresh.len();
                fresh.entry(r.quote).or_insert(next);
            }
        }
        let mut texts = vec![""; fresh.len()];
        for (&t, &k) in &fresh {
            texts[k] = t;
        }
        let tokens: Vec<Vec<Token>> = texts
            .par_iter()
            .map(|t| {
                let mut toks = comparer.normalizer.tokens(t);
                super::inner::mask(t, &mut toks, |k| (k.start, k.end));
                toks
            })
            .collect();
        for (k, r) in chunk.iter().enumerate() {
            let i = (c0 + k) as u32;
            let who = *whos.entry((r.speaker_id, r.speaker)).or_insert_with(|| {
                let key = speaker_key(r.speaker_id, r.speaker);
                let surname = speaker_key("", r.speaker).rsplit(' ').next().unwrap_or("").to_string();
                Who {
                    speaker: if key.is_empty() { u32::MAX } else { speakers.id(&key) },
                    surname: if surname.is_empty() {
                        u32::MAX
                    } else {
                        speakers.id(&format!("surname:{surname}"))
                    },
                    org: comparer.is_organization(r.speaker_id, r.speaker),
                }
            });
            if who.speaker != u32::MAX && !who.org && roles_seen.insert((who.speaker, r.role)) {
                for key in comparer.affiliations.of(r.role) {
                    let org = speakers.id(key);
                    affiliations.entry(who.speaker).or_default().push(org);
                }
            }
            facts.push(Facts {
                doc: docs.id(r.doc),
                speaker: who.speaker,
                surname: who.surname,
                has_id: !r.speaker_id.is_empty() && r.method != Some(crate::record::Method::Surname),
                org: r.method == Some(crate::record::Method::Organization) || who.org,
                day: record_day(r),
            });
            if let Some(known) = seen.get(r.quote) {
                spans.extend_from_within(known.spans.0..known.spans.0 + known.spans.1);
                span_start.push(spans.len());
                if known.draft != u32::MAX {
                    drafts[known.draft as usize].records.push(i);
                }
                continue;
            }
            let toks = &tokens[fresh[r.quote]];
            let at = spans.len();
            spans.extend(toks.iter().map(|t| (t.start as u32, t.end as u32)));
            span_start.push(spans.len());
            if toks.is_empty() || is_title(r.quote) {
                seen.insert(r.quote, Seen { spans: (at, toks.len()), draft: u32::MAX });
                continue;
            }
            let forms: Vec<u32> = toks.iter().map(|t| words.id(&t.form)).collect();
            let n_content = toks.iter().filter(|t| t.content).count();
            let short = is_short(toks.len(), n_content);
            // A short quote is one statement only with one speaker: its speaker is part of its
            // key (no speaker: a key of its own).
            let key_who = if !short {
                u32::MAX
            } else if who.speaker == u32::MAX {
                u32::MAX - 1 - i
            } else {
                who.speaker
            };
            let next = drafts.len() as u32;
            let d = *by_key.entry((forms, key_who)).or_insert(next);
            if d == next {
                drafts.push(Draft {
                    stems: toks.iter().map(|t| words.id(&t.stem)).collect(),
                    forms: toks.iter().map(|t| words.id(&t.form)).collect(),
                    content: toks.iter().map(|t| t.content).collect(),
                    records: Vec::new(),
                });
            }
            drafts[d as usize].records.push(i);
            if !short {
                seen.insert(r.quote, Seen { spans: (at, toks.len()), draft: d });
            }
        }
    }
    drop((by_key, seen, whos, roles_seen));
    let rarity = rarity(&drafts, words.len());
    let mut unit_of = vec![u32::MAX; quotes.len()];
    // Each unit has a record: room for one per record never grows (a doubling of the largest
    // vector of the matcher would hold it twice for a moment); the rest is given back below.
    let mut units = Vec::with_capacity(drafts.iter().map(|d| d.records.len()).sum());
    for d in drafts {
        split(d, (&facts, &affiliations), &rarity, &mut units, &mut unit_of);
    }
    // Both grew by doubling; they are held to the end of the comparison.
    units.shrink_to_fit();
    spans.shrink_to_fit();
    Units { units, unit_of, spans, span_start, rarity }
}

/// Document frequency of each stem over the drafts.
fn rarity(drafts: &[Draft], n_words: usize) -> Rarity {
    let mut df = vec![0u32; n_words];
    let mut seen: Vec<u32> = Vec::new();
    for d in drafts {
        seen.clear();
        seen.extend(d.stems.iter().zip(&d.content).filter(|(_, &c)| c).map(|(&s, _)| s));
        seen.sort_unstable();
        seen.dedup();
        for &s in &seen {
            df[s as usize] += 1;
        }
    }
    let limit = ((drafts.len() as f64 * Rarity::SHARE) as u32).max(Rarity::MIN);
    Rarity { df, limit }
}

/// Splits a draft into units (by document for a short quote without a rare word, by date
/// cluster for a quote that is not long) and records each record's unit.
fn split(
    d: Draft,
    (facts, affiliations): (&[Facts], &FxHashMap<u32, Vec<u32>>),
    rarity: &Rarity,
    units: &mut Vec<Unit>,
    unit_of: &mut [u32],
) {
    let n_content = d.content.iter().filter(|&&c| c).count();
    let rare = d.stems.iter().zip(&d.content).any(|(&s, &c)| c && rarity.is_rare(s));
    let by_doc = is_short(d.stems.len(), n_content) && !rare;
    // Date clusters: records sorted by day, a new cluster after each gap wider than the
    // window; records without a date join the first.
    let mut cluster: HashMap<u32, u32> = HashMap::new();
    if !is_long(d.stems.len(), n_content) {
        let mut dated: Vec<(i32, u32)> =
            d.records.iter().filter_map(|&r| facts[r as usize].day.map(|day| (day, r))).collect();
        dated.sort_unstable();
        let mut c = 0;
        for w in 0..dated.len() {
            if w > 0 && dated[w].0 - dated[w - 1].0 > DATE_WINDOW {
                c += 1;
            }
            cluster.insert(dated[w].1, c);
        }
    }
    let mut made: HashMap<(u32, u32), u32> = HashMap::new();
    let mut members: Vec<Members> = Vec::new();
    let first = units.len() as u32;
    for &r in &d.records {
        let f = facts[r as usize];
        let key = (if by_doc { f.doc } else { 0 }, cluster.get(&r).copied().unwrap_or(0));
        let next = members.len() as u32;
        let m = *made.entry(key).or_insert(next);
        if m == next {
            members.push(Members::default());
        }
        members[m as usize].add(r, f.doc, f.speaker, f.surname, f.has_id, f.day);
        members[m as usize].org |= f.org;
        if let Some(orgs) = affiliations.get(&f.speaker) {
            members[m as usize].affiliations.extend_from_slice(orgs);
        }
        unit_of[r as usize] = first + m;
    }
    units.extend(members.into_iter().map(|m| Unit::build(&d.stems, &d.forms, &d.content, m)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::QuoteRecord;

    #[test]
    fn days_and_years_of_iso_dates() {
        assert_eq!(day_of("1970-01-01"), Some(0));
        assert_eq!(day_of("x_2016-03-01_y").unwrap() - day_of("2016-02-28").unwrap(), 2);
        assert_eq!(day_of("2016-13-01"), None);
        assert_eq!(day_of("12016-03-01"), None);
        assert_eq!(day_of("no date"), None);
        let r = |doc: &str| QuoteRecord {
            doc: doc.into(),
            paragraph: 1,
            end: 1,
            quote: "x".into(),
            confidence: 1.0,
            ..QuoteRecord::default()
        };
        let year = |r: &QuoteRecord| record_year(&r.into());
        assert_eq!(year(&r("a_2016-12-31_b")), Some(2016));
        assert_eq!(year(&r("a_2017-01-01")), Some(2017));
        assert_eq!(year(&r("a_2000-02-29")), Some(2000));
        assert_eq!(year(&r("nodate")), None);
    }

    #[test]
    fn titles_with_closing_punctuation_are_titles() {
        assert!(is_title("Meet the Press."));
        assert!(is_title("Good Morning Nation,"));
        assert!(!is_title("We will win."));
    }
}
