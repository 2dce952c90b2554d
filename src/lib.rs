//! whosaid: who said what, in the news.
//!
//! whosaid reads news articles and extracts every quotation with its speaker, the speaker's
//! role and the cue verb that links them. A gazetteer of people and organisations is compiled
//! into one trie of names, titles and cue phrases; quoted spans are paired with speakers by rules over cue
//! verbs, appositions, pronouns, surnames, roles and paragraph continuation.
//!
//! # Tutorial
//!
//! Build an [`Extractor`] once (it compiles the gazetteer; share it between threads), give it
//! [`Document`]s, and write the [`QuoteRecord`]s it returns with a writer from [`output`]:
//!
//! ```
//! use whosaid::output::{quote_sink, Format};
//! use whosaid::{Document, Extractor, Method};
//!
//! let extractor = Extractor::builtin().unwrap();
//! let doc = Document::new(
//!     "example",
//!     "“We urge restraint,” said Antony Blinken.\n\nAna Ruiz, a nurse, said the ward was full.",
//! );
//! let quotes = extractor.extract(&doc);
//! assert_eq!(quotes.len(), 1);
//! assert_eq!(quotes[0].quote, "We urge restraint,");
//! assert_eq!(quotes[0].speaker, "Antony Blinken");
//! assert_eq!(quotes[0].method, Some(Method::Explicit));
//!
//! let mut out = Vec::new();
//! let mut sink = quote_sink(Format::Jsonl, &mut out, false, None);
//! for q in &quotes {
//!     sink.write(q).unwrap();
//! }
//! sink.finish().unwrap();
//! drop(sink);
//! assert!(String::from_utf8(out).unwrap().contains("\"speaker\":\"Antony Blinken\""));
//! ```
//!
//! [`Extractor::new`] takes your own [`Gazetteer`] and [`Options`] (`all`: also quoted spans
//! with no speaker). [`compare`] groups the same statement across outlets; [`input`] reads
//! files, folders and archives as documents; [`gazetteer`] loads and imports people lists.
//!
//! The pipeline runs one way: text → [`segment`] (paragraphs, quote spans) → [`mention`]
//! (one pass from each word start) → [`attribute`] (tokens, then the speaker rules) → [`QuoteRecord`]s →
//! writers and compare. These stage modules are public so that benchmarks and tests can time
//! each stage; everything else is internal.
#![deny(missing_docs)]

pub mod attribute;
pub mod compare;
pub(crate) mod document;
pub(crate) mod error;
pub(crate) mod extract;
pub mod gazetteer;
#[cfg(feature = "html")]
pub mod html;
pub(crate) mod inflect;
pub mod input;
pub(crate) mod lexicon;
pub mod mention;
pub(crate) mod outlet;
pub mod output;
pub(crate) mod record;
pub mod segment;
pub(crate) mod text;

pub use document::Document;
pub use error::{Error, ErrorKind, Result};
pub use extract::{Extractor, Options};
pub use gazetteer::Gazetteer;
pub use record::{Method, QuoteKind, QuoteRecord};
