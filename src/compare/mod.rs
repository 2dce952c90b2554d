//! Cross-outlet comparison: group the quotes of several documents that report the same
//! statement, and show where the reports differ: in wording, in who said it, in the speaker's
//! title.
//!
//! The pipeline: quote records → [`normalize`] (tokens that compare equal across spelling,
//! marks, contractions, country forms) → [`units`] (quotes of identical text that may be one
//! statement) → [`matching`] (candidate pairs by shingle and speaker blocking, each pair
//! aligned by [`align`] and given a [`Relation`] by [`judge`]) → [`group`] (stars around the
//! longest quotes, flags, word-level diffs), with `passage` adding the same speaker's
//! neighbouring quotes that two reports print next to a member → [`render`] and [`html`]
//! (JSONL, CSV, a terminal report, an HTML page).
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

mod affiliation;
pub mod align;
mod diff;
mod flags;
pub mod group;
pub mod html;
pub mod inner;
pub mod judge;
mod lexicon;
pub mod matching;
pub mod normalize;
mod passage;
pub mod records;
pub mod render;
pub mod roles;
pub mod store;
pub mod units;

use std::ops::Range;

use serde::Serialize;

use crate::gazetteer::Gazetteer;
use crate::record::{QuoteKind, QuoteRecord};
use normalize::Normalizer;
use roles::RoleBook;
use store::{QuoteRef, Quotes};

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
    /// Two different people are each named with confidence (explicitly or in apposition) as
    /// the speaker of one statement.
    SpeakerConflict,
    /// Members name different speakers, but not both with confidence (one inferred from a
    /// pronoun or surname, carried over, relayed, or an organisation and a person).
    SpeakerUnclear,
    /// One speaker is given different titles, or a title the gazetteer contradicts.
    RoleConflict,
}

impl Flag {
    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::Wording => "wording",
            Flag::SpeakerConflict => "speaker_conflict",
            Flag::SpeakerUnclear => "speaker_unclear",
            Flag::RoleConflict => "role_conflict",
        }
    }
}

/// One quote in a group: a record, or words a record quotes (see [`inner`]: those words at
/// their own offsets, with no speaker or role, and the record's other fields).
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
    /// How the member's document is named to a reader: see `source_label`.
    pub fn source(&self) -> String {
        label(&self.doc, &self.outlet, &self.date, &self.title)
    }
}

/// How a record's document is named to a reader: its outlet (with the date when known), else
/// its title, else its id.
pub(crate) fn source_label(r: &QuoteRef<'_>) -> String {
    label(r.doc, r.outlet, r.date, r.title)
}

fn label(doc: &str, outlet: &str, date: &str, title: &str) -> String {
    match (outlet.is_empty(), date.is_empty()) {
        (false, false) => format!("{outlet}, {date}"),
        (false, true) => outlet.to_string(),
        (true, _) if !title.is_empty() => format!("“{title}”"),
        (true, _) => doc.to_string(),
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
    /// How the member relates to the reference.
    pub relation: Relation,
    /// Its similarity to the reference (see [`Group::similarity`]).
    #[serde(serialize_with = "round3")]
    pub similarity: f64,
    /// Steps in the member's text order; none for a `passage` member.
    pub ops: Vec<DiffOp>,
    /// The member is not a match of the reference but the same speaker's neighbouring words
    /// in a report where its neighbour matches, printed next to that match by another report
    /// too (the `passage` module): `relation` and `similarity` are then those to the neighbour of
    /// the other report, or to the reference of the group it came from.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub passage: bool,
}

/// Quotes from several documents that report one statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// 1-based group number.
    pub group: usize,
    /// The speaker most members give (first in document order on a tie).
    pub speaker: String,
    /// The loosest relation of a member to the reference (identical < contains < variant <
    /// paraphrase), `passage` members left out; each member's own is in its [`MemberDiff`].
    pub relation: Relation,
    /// The least similarity of a member to the reference (`passage` members left out), 0 to 1: for
    /// `contains`, the share of the contained quote's words found in the container; for `variant`,
    /// word-level Dice over the stretch both quotes cover; for `paraphrase`, Dice over content
    /// words.
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
    /// Why each flag was raised, in words, each note starting with its flag's name.
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
    /// Gazetteer ids of organisations (an agency and its spokesperson are no conflict).
    pub(crate) organizations: std::collections::HashSet<String>,
    /// The organisations a role names.
    pub(crate) affiliations: affiliation::Affiliations,
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
        let organizations = gazetteer
            .map(|g| {
                g.entries()
                    .iter()
                    .filter(|e| e.kind == crate::gazetteer::EntityKind::Organization)
                    .flat_map(|e| {
                        let names = std::iter::once(&e.name).chain(&e.aliases).map(|n| speaker_key("", n));
                        std::iter::once(format!("id:{}", e.id)).chain(names)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let affiliations = affiliation::Affiliations::new(gazetteer);
        Comparer { normalizer, roles: RoleBook::new(gazetteer), options, organizations, affiliations }
    }

    /// Whether a speaker is an organisation of the gazetteer (by id, name or alias).
    pub(crate) fn is_organization(&self, id: &str, name: &str) -> bool {
        !name.trim().is_empty() && self.organizations.contains(&speaker_key(id, name))
    }

    /// The normaliser in use.
    pub fn normalizer(&self) -> &Normalizer {
        &self.normalizer
    }

    /// The quotes as units, the pairs of units that match, and which pairs make the groups:
    /// what both [`Comparer::compare`] and [`Comparer::pairs`] start from.
    fn match_units(
        &self,
        records: inner::Records<'_>,
    ) -> (units::Units, Vec<matching::Edge>, group::Components) {
        let units = units::units(self, records);
        let edges = matching::edges(
            &units.units,
            &units.rarity,
            self.options.min_similarity,
            self.options.max_postings,
        );
        let mut components = group::components(&units.units, &edges);
        passage::extend(records, &units, &mut components, self.options.min_similarity);
        (units, edges, components)
    }

    /// Groups `records` (from any number of documents); only groups with members from at
    /// least two documents are returned, numbered from 1 in document order.
    pub fn compare(&self, records: &[QuoteRecord]) -> Vec<Group> {
        self.compare_quotes(&Quotes::from(records))
    }

    /// [`Comparer::compare`] of quotes held in a [`Quotes`] store.
    pub fn compare_quotes(&self, quotes: &Quotes) -> Vec<Group> {
        let mut groups = Vec::new();
        let Ok(()) = self.compare_quotes_each(quotes, |g| {
            groups.push(g);
            Ok::<(), std::convert::Infallible>(())
        });
        groups
    }

    /// The groups of [`Comparer::compare`], in the same order, handed to `f` one at a time as
    /// they are built, so that only one group's members and diffs are held at once (for writing
    /// a large comparison straight out). Stops at the first error `f` returns.
    pub fn compare_each<E>(
        &self,
        records: &[QuoteRecord],
        f: impl FnMut(Group) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        self.compare_quotes_each(&Quotes::from(records), f)
    }

    /// [`Comparer::compare_each`] of quotes held in a [`Quotes`] store: what `whosaid
    /// compare` uses, holding a million quotes in a fraction of the memory of their records.
    pub fn compare_quotes_each<E>(
        &self,
        quotes: &Quotes,
        f: impl FnMut(Group) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let (inner, _) = inner::inner_quotes(quotes);
        let records = inner::Records::new(quotes, &inner);
        let (units, edges, components) = self.match_units(records);
        group::build_each(self, records, (&units, &edges, &components), f)
    }

    /// The judged pairs behind the groups, for inspection and tuning: one representative
    /// record index for each side (quotes with the same normalised words count once), the
    /// relation and similarity, and whether grouping used the pair (a fragment links only its
    /// best container, see [`group`]). Words a record quotes (see [`inner`]) are shown by the
    /// record's index.
    pub fn pairs(&self, records: &[QuoteRecord]) -> Vec<Pair> {
        let quotes = Quotes::from(records);
        let (inner, outer) = inner::inner_quotes(&quotes);
        let (units, edges, components) = self.match_units(inner::Records::new(&quotes, &inner));
        // An inner quote is shown by the record it is in.
        let record = |q: u32| outer.get((q as usize).wrapping_sub(records.len())).map_or(q, |&o| o) as usize;
        edges
            .iter()
            .zip(&components.used)
            .map(|(e, &used)| Pair {
                a: record(units.units[e.u as usize].quotes()[0]),
                b: record(units.units[e.v as usize].quotes()[0]),
                relation: e.relation,
                similarity: e.similarity,
                used,
            })
            .collect()
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
