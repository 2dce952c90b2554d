//! Segmentation: paragraphs, and the quoted spans inside them.
//!
//! Quote marks in real news are messy: curly and straight marks, single marks that are
//! sometimes quotes and mostly apostrophes, marks pointing the wrong way, marks that are never
//! closed. The rules look at each mark's surroundings (space or text on each side) more than
//! at its direction, never let a quote run past its paragraph except under the news
//! convention for multi-paragraph quotes (an unclosed quote whose next paragraph opens with a
//! quote mark again), and take time linear in the text.

mod paragraphs;
mod quotes;

pub(crate) use paragraphs::QuotedParagraphs;
pub use paragraphs::{paragraphs, Paragraphs};
pub use quotes::{opens_with_quote, quotes};

/// A paragraph: a byte range of the document, without its line break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character (trailing white space excluded).
    pub end: usize,
}

/// A quoted span inside one paragraph. Offsets are `u32` (20 bytes a quote; a document keeps
/// all its quotes): [`quotes`] finds none in a paragraph that ends past
/// [`crate::mention::MAX_TEXT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteSpan {
    /// Byte offset of the opening mark.
    pub open: u32,
    /// Byte offset of the first quoted character (white space trimmed).
    pub start: u32,
    /// Byte offset one past the last quoted character (white space trimmed).
    pub end: u32,
    /// Byte offset one past the closing mark, or the paragraph end when unclosed.
    pub close_end: u32,
    /// Quoted with single marks.
    pub single: bool,
    /// Inside another quote.
    pub nested: bool,
    /// Closed by a mark in the same paragraph.
    pub closed: bool,
    /// Left open at the paragraph end because the next paragraph opens a quote again.
    pub continues: bool,
}

impl QuoteSpan {
    /// The byte range of the quoted text (`start..end`).
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}
