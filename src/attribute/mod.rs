//! Attribution: pairs each quoted span with its speaker.
//!
//! Each paragraph becomes a row of tokens in which every quote is one token and every
//! gazetteer match covers its words. A quote's speaker is then found by these rules, first
//! match wins:
//!
//! 1. a cue right after the quote: `“…,” said X` or `“…,” X said` (with appositions, commas
//!    and all); else a name labelling the quote with no cue: `Rep. X (D-Ore.): “…”` opening
//!    its sentence, or `“…” ― X` ending its paragraph (never in a headline);
//! 2. a quoted piece that completes a noun of speech is its owner's words (`Roe’s call for a
//!    “…”`, `his promise of “…”`); else the nearest cue before the quote in its sentence: `X said that “…”`, `X told Y: “…”`,
//!    `according to X, “…”`, participles (`…, saying “…”`, `with X saying “…”`) and elided
//!    subjects (`and added`) take the clause's subject;
//! 3. a cue later in the sentence: `… “…” in the energy sphere, the ministry said`; else, for
//!    a full quote opening its sentence, a person's name and a verb no list holds after it
//!    (`“…,” Roe shot back`);
//! 6. a quoted piece of three words or more in a sentence with no cue goes to the named person
//!    who opens the sentence (`Ann Roe wants the council “to fix the roads”`), and so does a
//!    quote a colon introduces when the subject is only a name (`Ann Roe was blunt: “…”`);
//! 4. an earlier attributed quote in the same paragraph (`“A,” X said. “B.”`); else, for a quote
//!    opening its sentence, the speaker the sentence before reports (`X said the plan is late.
//!    “B.”`), when the cue's own subject names them;
//! 5. a paragraph that opens with a quote and has no cue takes the speaker of the paragraph
//!    before it (`continuation`), or of the name that opens a paragraph ending with a colon
//!    (`Ann Roe issued the following statement:`), or, for a paragraph of quotes only, of the
//!    named person who opens the last sentence of a paragraph with no cue (`Ann Roe is upbeat
//!    about the race.`), unless it is only a short quote in single marks in an article
//!    that quotes in double marks (a subheading: `'Legend in the Coal Fields.'`).
//!
//! Lines that send the reader elsewhere (`WATCH: …`, `READ MORE: …`) name no speaker. A "he" or
//! "she" that opens a sentence is recorded as the person it stands for, so that the next
//! pronoun finds that person as its sentence's subject; "her statement said" is hers.
//!
//! The words next to the cue are read as a noun phrase: a gazetteer name, a name not in the
//! gazetteer (capitalised words), a surname resolved to the fullest form earlier (or later) in
//! the article, a pronoun resolved to the latest compatible person, a role ("the US
//! president") resolved through the gazetteer to someone the article mentions, or a
//! description ("the statement", "a spokesman for the campaign").
//!
//! One job a file: `tokens` (a paragraph as tokens), `names` (the names an article mentions),
//! `entities` (which of them are people, and which is a sentence's subject),
//! `phrase` (noun phrases next to a cue), `resolve` (a phrase read as a speaker), `rules` (the
//! cascade above, and what carries a speaker on), `cues` (the speaker a cue names), `cueless`
//! (the rules with no cue, behind one gate) and `context` (the per-document state they share).

mod context;
mod cueless;
mod cues;
mod entities;
mod memo;
mod names;
mod phrase;
mod resolve;
mod rules;
#[cfg(test)]
mod testing;
pub(crate) use rules::is_title;
mod tokens;

pub(crate) use context::{ContextBuffers, DocContext};
pub(crate) use rules::AttributedQuote;
pub use tokens::{attach_mentions, tokenize, Tok, TokKind};

use std::borrow::Cow;

use crate::gazetteer::{Entry, Gender};
use crate::record::Method;

/// Who a speaker is, once resolved.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Speaker<'a> {
    /// Canonical or fullest name, or a description: borrowed from the gazetteer or the text
    /// where it can be.
    pub(crate) name: Cow<'a, str>,
    /// Gazetteer entry index.
    pub(crate) entry: Option<u32>,
    /// Person or organisation (descriptions count as organisations unless a person noun).
    pub(crate) person: bool,
    /// For pronouns.
    pub(crate) gender: Gender,
}

impl<'a> Speaker<'a> {
    /// Gazetteer entry `e`, named as the gazetteer names it.
    pub(crate) fn entry(e: u32, entry: &'a Entry, person: bool) -> Speaker<'a> {
        Speaker { name: Cow::Borrowed(&entry.name), entry: Some(e), person, gender: entry.gender }
    }
}

/// The result of attributing one quote.
#[derive(Debug, Clone)]
pub(crate) struct Attribution<'a> {
    /// The speaker.
    pub(crate) speaker: Speaker<'a>,
    /// How it was found.
    pub(crate) method: Method,
    /// The cue, lowercase as in the data, or empty.
    pub(crate) cue: Cow<'a, str>,
    /// The words naming the speaker here.
    pub(crate) mention: Cow<'a, str>,
    /// Role as written at this place, or empty.
    pub(crate) role: Cow<'a, str>,
    /// 0 to 1.
    pub(crate) confidence: f32,
    /// Byte offset of the cue (for ordering antecedents).
    pub(crate) at: usize,
}
