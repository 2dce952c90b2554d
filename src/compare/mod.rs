//! Cross-outlet comparison: group the quotes of several documents that report the same
//! statement, and show where the reports differ: in wording, in who said it, in the speaker's
//! title.
//!
//! The pipeline: quote records → [`normalize`] (tokens that compare equal across spelling,
//! marks, contractions, country forms) → [`matching`] (units of identical text, candidate
//! pairs by shingle and speaker blocking, each pair aligned by [`align`] and given a
//! [`Relation`]) → [`group`] (union-find into groups, fragments attached to their best
//! container, flags, word-level diffs) → [`render`] and [`html`] (JSONL, CSV, a terminal
//! report, an HTML page).
//!
//! ```
//! use whosaid::compare::{CompareOptions, Comparer, Relation};
//! use whosaid::{QuoteKind, QuoteRecord};
//!
//! let quote = |doc: &str, text: &str| QuoteRecord {
//!     doc: doc.into(), outlet: String::new(), paragraph: 1, start: 0, end: text.chars().count() as u64,
//!     quote: text.into(), kind: QuoteKind::Full, speaker: "Ana Ruiz".into(), speaker_id: String::new(),
//!     role: String::new(), known_role: String::new(), cue: "said".into(), method: None,
//!     mention: String::new(), confidence: 1.0, ..QuoteRecord::default()
//! };
//! let records = vec![
//!     quote("a", "We won’t raise the fares this year."),
//!     quote("b", "We will not raise the bus fares this year"),
//! ];
//! let groups = Comparer::new(None, CompareOptions::default()).compare(&records);
//! assert_eq!(groups.len(), 1);
//! assert_eq!(groups[0].relation, Relation::Variant);
//! ```

pub mod align;
pub mod group;
pub mod html;
mod lexicon;
pub mod matching;
pub mod normalize;
pub mod records;
pub mod render;
pub mod roles;

use std::collections::HashMap;
use std::ops::Range;

use rayon::prelude::*;
use serde::Serialize;

use crate::gazetteer::Gazetteer;
use crate::record::{QuoteKind, QuoteRecord};
use normalize::{Normalizer, Token};
use roles::RoleBook;

/// How the quotes of a group relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// The same words (after normalisation).
    Identical,
    /// One quote is part of another.
    Contains,
    /// The same statement with words changed, dropped, added or moved.
    Variant,
    /// The same statement in other words: content words recur, in order.
    Paraphrase,
}

impl Relation {
    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Identical => "identical",
            Relation::Contains => "contains",
            Relation::Variant => "variant",
            Relation::Paraphrase => "paraphrase",
        }
    }
}

/// Something a fact-checker should look at in a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// The members' words differ (beyond one being a part of another).
    Wording,
    /// The same words are given to different speakers.
    SpeakerConflict,
    /// One speaker is given different titles, or a title the gazetteer contradicts.
    RoleConflict,
}

impl Flag {
    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::Wording => "wording",
            Flag::SpeakerConflict => "speaker_conflict",
            Flag::RoleConflict => "role_conflict",
        }
    }
}

/// One quote in a group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    /// Document id.
    pub doc: String,
    /// Outlet, when known.
    pub outlet: String,
    /// Code point offset of the quote in its document.
    pub start: u64,
    /// Code point offset one past the quote.
    pub end: u64,
    /// The quoted text.
    pub quote: String,
    /// Speaker as the record gives it.
    pub speaker: String,
    /// The speaker's role as written in this document: the record's, or else the first role
    /// the document gives the same speaker elsewhere.
    pub role: String,
    /// Gazetteer id of the speaker.
    pub speaker_id: String,
    /// The role the gazetteer gives for the speaker.
    pub known_role: String,
    /// The quote's shape.
    pub kind: QuoteKind,
    /// 1-based paragraph number.
    pub paragraph: u32,
    /// The document's publication date, when known.
    pub date: String,
    /// The document's title, when known.
    pub title: String,
    /// The document's URL, when known.
    pub url: String,
}

impl Member {
    /// How the member's document is named to a reader: its outlet (with the date when known),
    /// else its title, else its id.
    pub fn source(&self) -> String {
        match (self.outlet.is_empty(), self.date.is_empty()) {
            (false, false) => format!("{}, {}", self.outlet, self.date),
            (false, true) => self.outlet.clone(),
            (true, _) if !self.title.is_empty() => format!("“{}”", self.title),
            (true, _) => self.doc.clone(),
        }
    }
}

/// What one step of a word-level diff is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OpKind {
    /// The same words in the member and the reference.
    Same,
    /// Reference words replaced by member words.
    Changed,
    /// Reference words missing from the member, inside the stretch both cover.
    Dropped,
    /// Member words not in the reference, inside the stretch both cover.
    Added,
    /// Reference words before or after the stretch the member covers.
    Outside,
    /// Member words before or after the stretch the reference covers.
    Beyond,
}

/// One step of a member's diff against the group's reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffOp {
    /// What the step is.
    pub op: OpKind,
    /// The member's words, as written (`same`, `changed`, `added`, `beyond`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The reference's words, as written (`changed`, `dropped`, `outside`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Byte range of `text` in the member's quote.
    #[serde(skip)]
    pub span: Option<Range<usize>>,
    /// Byte range of `reference` in the reference's quote.
    #[serde(skip)]
    pub ref_span: Option<Range<usize>>,
}

/// The word-level differences of one member from the group's reference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberDiff {
    /// Index of the member in [`Group::members`].
    pub member: usize,
    /// Steps in the member's text order.
    pub ops: Vec<DiffOp>,
}

/// Quotes from several documents that report one statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// 1-based group number.
    pub group: usize,
    /// The speaker most members give (first in document order on a tie).
    pub speaker: String,
    /// The loosest relation that links the members (identical < contains < variant <
    /// paraphrase).
    pub relation: Relation,
    /// The weakest link's similarity, 0 to 1: for `contains`, the share of the contained
    /// quote's words found in the container; for `variant`, word-level Dice over the stretch
    /// both quotes cover; for `paraphrase`, Dice over content words.
    #[serde(serialize_with = "round3")]
    pub similarity: f64,
    /// The quotes, by document and position.
    pub members: Vec<Member>,
    /// What differs.
    pub flags: Vec<Flag>,
    /// Each other member's differences from the reference member.
    pub diff: Vec<MemberDiff>,
    /// Index of the reference member (the longest quote) in `members`.
    pub reference: usize,
    /// Why each flag was raised, in words.
    pub notes: Vec<String>,
}

fn round3<S: serde::Serializer>(x: &f64, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_f64((x * 1000.0).round() / 1000.0)
}

/// Comparison settings.
#[derive(Debug, Clone)]
pub struct CompareOptions {
    /// The least word-level similarity (Dice over the stretch two quotes share) for a variant.
    /// 0.6: at most two words in five differ. Lower finds looser rewordings and more false
    /// pairs.
    pub min_similarity: f64,
    /// Index keys shared by more distinct quote texts than this are ignored in blocking (see
    /// [`matching`]). 100: identical copies count once, and a statement is rarely worded a
    /// hundred different ways, while a phrase of the topic ("stocks jumped higher") is; on
    /// 100,000 synthetic quotes 50, 100 and 200 find the same true pairs, 100 with fewer false
    /// ones than 200 and a quarter less work. Higher finds pairs that share only common
    /// phrases, at a quadratic cost.
    pub max_postings: usize,
}

impl Default for CompareOptions {
    fn default() -> CompareOptions {
        CompareOptions { min_similarity: 0.6, max_postings: 100 }
    }
}

/// Groups quotes across documents. Build once (it holds the normaliser and the gazetteer's
/// roles); use for any number of comparisons.
#[derive(Debug, Clone)]
pub struct Comparer {
    normalizer: Normalizer,
    roles: RoleBook,
    options: CompareOptions,
}

/// Interns strings as dense ids.
#[derive(Debug, Default)]
struct Interner {
    ids: HashMap<String, u32>,
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(s.to_string(), id);
        id
    }
}

/// The key under which two records count as the same speaker: the gazetteer id, else the
/// name without case, dots and titles' punctuation.
pub(crate) fn speaker_key(id: &str, name: &str) -> String {
    if !id.is_empty() {
        return format!("id:{id}");
    }
    name.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

impl Comparer {
    /// A comparer; `gazetteer` adds country forms to normalisation and roles to check titles
    /// against.
    pub fn new(gazetteer: Option<&Gazetteer>, options: CompareOptions) -> Comparer {
        let normalizer = gazetteer.map(Normalizer::with_gazetteer).unwrap_or_default();
        Comparer { normalizer, roles: RoleBook::new(gazetteer), options }
    }

    /// The normaliser in use.
    pub fn normalizer(&self) -> &Normalizer {
        &self.normalizer
    }

    /// Groups `records` (from any number of documents); only groups with members from at
    /// least two documents are returned, numbered from 1 in document order.
    pub fn compare(&self, records: &[QuoteRecord]) -> Vec<Group> {
        let units = self.units(records);
        let edges = matching::edges(&units.units, self.options.min_similarity, self.options.max_postings);
        let components = group::components(&units.units, &edges);
        group::build(self, records, &units, &edges, &components)
    }

    /// The judged pairs behind the groups, for inspection and tuning: one representative
    /// record index for each side (quotes with the same normalised words count once), the
    /// relation and similarity, and whether grouping used the pair (a fragment links only its
    /// best container, see [`group`]).
    pub fn pairs(&self, records: &[QuoteRecord]) -> Vec<Pair> {
        let units = self.units(records);
        let edges = matching::edges(&units.units, self.options.min_similarity, self.options.max_postings);
        let components = group::components(&units.units, &edges);
        edges
            .iter()
            .zip(&components.used)
            .map(|(e, &used)| Pair {
                a: units.units[e.u as usize].quotes[0] as usize,
                b: units.units[e.v as usize].quotes[0] as usize,
                relation: e.relation,
                similarity: e.similarity,
                used,
            })
            .collect()
    }

    /// Normalises the records in chunks (so that only one chunk's token strings exist at a
    /// time), interns forms and stems as ids, and collects quotes with equal forms into units.
    fn units(&self, records: &[QuoteRecord]) -> Units {
        /// Records normalised at once: enough to keep both cores busy, few enough that their
        /// token strings stay small.
        const CHUNK: usize = 4096;
        let mut words = Interner::default();
        let mut docs = Interner::default();
        let mut speakers = Interner::default();
        let mut by_forms: HashMap<Vec<u32>, u32> = HashMap::new();
        let mut units: Vec<matching::Unit> = Vec::new();
        let mut unit_of = Vec::with_capacity(records.len());
        let mut spans = Vec::new();
        let mut span_start = Vec::with_capacity(records.len() + 1);
        span_start.push(0);
        for (c, chunk) in records.chunks(CHUNK).enumerate() {
            let tokens: Vec<Vec<Token>> =
                chunk.par_iter().map(|r| self.normalizer.tokens(&r.quote)).collect();
            for (k, (r, toks)) in chunk.iter().zip(tokens).enumerate() {
                let i = (c * CHUNK + k) as u32;
                spans.extend(toks.iter().map(|t| (t.start as u32, t.end as u32)));
                span_start.push(spans.len());
                if toks.is_empty() {
                    unit_of.push(u32::MAX);
                    continue;
                }
                let forms: Vec<u32> = toks.iter().map(|t| words.id(&t.form)).collect();
                let next = units.len() as u32;
                let u = *by_forms.entry(forms).or_insert(next);
                if u == next {
                    let stems = toks.iter().map(|t| words.id(&t.stem)).collect();
                    let content = toks.iter().map(|t| t.content).collect();
                    let forms = toks.iter().map(|t| words.id(&t.form)).collect();
                    units.push(matching::Unit::new(stems, forms, content));
                }
                let unit = &mut units[u as usize];
                unit.quotes.push(i);
                unit.docs.push(docs.id(&r.doc));
                let key = speaker_key(&r.speaker_id, &r.speaker);
                if !key.is_empty() {
                    unit.speakers.push(speakers.id(&key));
                }
                unit_of.push(u);
            }
        }
        for u in &mut units {
            u.docs.sort_unstable();
            u.docs.dedup();
            u.speakers.sort_unstable();
            u.speakers.dedup();
        }
        Units { units, unit_of, spans, span_start }
    }
}

/// A judged pair of quotes (see [`Comparer::pairs`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    /// Index of one record.
    pub a: usize,
    /// Index of the other.
    pub b: usize,
    /// How they relate.
    pub relation: Relation,
    /// Their similarity.
    pub similarity: f64,
    /// Whether grouping linked them.
    pub used: bool,
}

/// The records' units, and where each record's words are in its text.
#[derive(Debug)]
pub(crate) struct Units {
    units: Vec<matching::Unit>,
    /// Unit of each record (`u32::MAX` for a record without words).
    unit_of: Vec<u32>,
    /// Byte spans of the tokens of all records, one after the other.
    spans: Vec<(u32, u32)>,
    /// Where each record's spans start in `spans` (one more entry than records).
    span_start: Vec<usize>,
}

impl Units {
    /// The token spans of record `i`.
    fn spans(&self, i: usize) -> &[(u32, u32)] {
        &self.spans[self.span_start[i]..self.span_start[i + 1]]
    }
}
