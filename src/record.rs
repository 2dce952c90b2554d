//! Quote records: one row per quoted span, the output contract of `whosaid extract`
//! (`docs/OUTPUT.md`). The field order of [`QuoteRecord`] is the CSV header order; fields are
//! only ever appended.

use serde::{Deserialize, Serialize};

/// The shape of a quoted span.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// A sentence or more.
    #[default]
    Full,
    /// A fragment inside a sentence.
    Partial,
    /// One part of a quote broken by its attribution (`"A," he said, "B."`).
    Split,
    /// A paragraph with no cue whose speaker is carried over.
    Continuation,
    /// A quote in a headline or summary line.
    Headline,
}

/// How the speaker of a quote was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// A name next to a cue verb ("X said", "said X", "according to X").
    Explicit,
    /// A name with an apposition ("said Ned Price, the State Department spokesman").
    Apposition,
    /// A pronoun resolved to an earlier speaker.
    Pronoun,
    /// A surname or honorific form resolved to a full name ("Mr. Wang").
    Surname,
    /// A role-only mention resolved through the gazetteer ("the US president").
    Role,
    /// Carried over from the previous quote or paragraph.
    Continuation,
    /// An organisation as speaker ("the State Department said").
    Organization,
}

impl QuoteKind {
    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Full => "full",
            QuoteKind::Partial => "partial",
            QuoteKind::Split => "split",
            QuoteKind::Continuation => "continuation",
            QuoteKind::Headline => "headline",
        }
    }
}

impl Method {
    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Explicit => "explicit",
            Method::Apposition => "apposition",
            Method::Pronoun => "pronoun",
            Method::Surname => "surname",
            Method::Role => "role",
            Method::Continuation => "continuation",
            Method::Organization => "organization",
        }
    }
}

/// One quoted span with its speaker. Offsets are Unicode code points into the document text
/// as read (after BOM removal), without the quote marks, end exclusive.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QuoteRecord {
    /// Document id.
    pub doc: String,
    /// Outlet from metadata or detected from the text; empty when unknown.
    pub outlet: String,
    /// 1-based paragraph number of the quote's first character.
    pub paragraph: u32,
    /// Code point offset of the first quoted character.
    pub start: u64,
    /// Code point offset one past the last quoted character.
    pub end: u64,
    /// The quoted text, without the marks.
    pub quote: String,
    /// The quote's shape.
    pub kind: QuoteKind,
    /// Canonical speaker name; empty when unknown.
    pub speaker: String,
    /// Gazetteer id of the speaker; empty when not in the gazetteer.
    pub speaker_id: String,
    /// The speaker's role as written in this article.
    pub role: String,
    /// The role the gazetteer gives for the speaker.
    pub known_role: String,
    /// The speech verb or phrase linking quote and speaker.
    pub cue: String,
    /// How the speaker was found; `None` for unattributed spans (`--all`), written as an empty
    /// string like every other absent field (`""` or `null` are read back as `None`).
    #[serde(serialize_with = "empty_when_none", deserialize_with = "none_when_empty")]
    pub method: Option<Method>,
    /// The words naming the speaker at this place.
    pub mention: String,
    /// 0 to 1.
    pub confidence: f32,
    /// Publication date of the document (`YYYY-MM-DD` when it could be read so): from the
    /// input, the web page's metadata or a dateline; empty when unknown.
    #[serde(default)]
    pub date: String,
    /// The document's URL, from the input or the page; empty when unknown.
    #[serde(default)]
    pub url: String,
    /// The document's title, from the input or the page; empty when unknown.
    #[serde(default)]
    pub title: String,
    /// Other fields of the input document kept with `--keep`, as (name, value). Not part of
    /// the derived serialization: the writers of [`crate::output`] put them after the fields
    /// above.
    #[serde(skip)]
    pub extra: Vec<(String, String)>,
}

fn empty_when_none<S: serde::Serializer>(method: &Option<Method>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(method.map_or("", Method::as_str))
}

fn none_when_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Method>, D::Error> {
    let text = Option::<String>::deserialize(d)?.unwrap_or_default();
    if text.is_empty() {
        return Ok(None);
    }
    serde_json::from_value(serde_json::Value::String(text)).map(Some).map_err(serde::de::Error::custom)
}
