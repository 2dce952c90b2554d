//! The extractor: the library's entry point. It holds the compiled gazetteer and language data
//! and turns one [`Document`] into its [`QuoteRecord`]s.

use crate::document::Document;
use crate::error::Result;
use crate::gazetteer::Gazetteer;
use crate::record::QuoteRecord;

/// Extraction options.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Also return quoted spans with no speaker (scare quotes, titles).
    pub all: bool,
}

/// Extracts quotes with their speakers. Build once, use from many threads.
#[derive(Debug)]
pub struct Extractor {
    gazetteer: Gazetteer,
    options: Options,
}

impl Extractor {
    /// An extractor over the built-in gazetteer with default options.
    pub fn builtin() -> Result<Extractor> {
        Extractor::new(Gazetteer::builtin()?, Options::default())
    }

    /// An extractor over `gazetteer`.
    pub fn new(gazetteer: Gazetteer, options: Options) -> Result<Extractor> {
        Ok(Extractor { gazetteer, options })
    }

    /// The gazetteer this extractor was built from.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The options in force.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// All quotes of one document, in text order.
    pub fn extract(&self, doc: &Document) -> Vec<QuoteRecord> {
        let _ = doc;
        Vec::new()
    }
}
