//! whosaid: who said what, in the news.
//!
//! whosaid reads news articles and extracts every quotation with its speaker, the speaker's
//! role and the cue verb that links them. A gazetteer of people and organisations is compiled
//! into one Aho-Corasick automaton; quoted spans are paired with speakers by rules over cue
//! verbs, appositions, pronouns, surnames, roles and paragraph continuation.
//!
//! The pipeline runs one way: text → [`segment`] (paragraphs, quote spans) → [`mention`]
//! (one automaton pass) → [`attribute`] → [`QuoteRecord`]s → writers and compare.
//!
//! ```
//! use whosaid::{Document, Extractor};
//!
//! let extractor = Extractor::builtin().unwrap();
//! let doc = Document::new("example", "“We urge restraint,” said Antony Blinken.");
//! let quotes = extractor.extract(&doc);
//! assert_eq!(quotes[0].quote, "We urge restraint,");
//! assert_eq!(quotes[0].speaker, "Antony Blinken");
//! ```
#![deny(missing_docs)]

pub mod attribute;
pub mod compare;
pub mod document;
pub mod error;
pub mod extract;
pub mod gazetteer;
#[cfg(feature = "html")]
pub mod html;
pub mod input;
pub mod lexicon;
pub mod mention;
pub mod outlet;
pub mod output;
pub mod record;
pub mod segment;
pub mod text;

pub use document::Document;
pub use error::{Error, ErrorKind, Result};
pub use extract::{Extractor, Options};
pub use gazetteer::Gazetteer;
pub use record::{Method, QuoteKind, QuoteRecord};
