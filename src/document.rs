//! Documents: the text of one article with its metadata, as handed to the extractor.

use serde::Deserialize;

/// One news article.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct Document {
    /// The document id: the file name without extension, or the JSONL `id`.
    #[serde(default)]
    pub id: String,
    /// The article text (UTF-8, BOM removed).
    pub text: String,
    /// The outlet, when the input says.
    #[serde(default)]
    pub outlet: Option<String>,
    /// Publication date `YYYY-MM-DD`, when the input says.
    #[serde(default)]
    pub date: Option<String>,
    /// Source URL, when the input says.
    #[serde(default)]
    pub url: Option<String>,
    /// Title, when the input says.
    #[serde(default)]
    pub title: Option<String>,
    /// Other fields of the input kept for the output (`--keep`), as (name, value) in the
    /// order asked for; a field the input lacks has an empty value.
    #[serde(skip)]
    pub extra: Vec<(String, String)>,
}

impl Document {
    /// A document from an id and a text, without metadata.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document { id: id.into(), text: text.into(), ..Document::default() }
    }
}
