//! The quotes being compared, held compactly: each distinct string (document id, outlet,
//! speaker, role, cue, quote text…) once in one text buffer, and each quote as a fixed-size row
//! of string ids and numbers. A million quote records as `QuoteRecord`s hold a dozen `String`s
//! each; here they cost a row of 80 bytes and the text they do not share.

use rustc_hash::FxHashMap;

use crate::record::{Method, QuoteKind, QuoteRecord};

/// Interned strings in one buffer; id 0 is the empty string.
#[derive(Debug, Clone)]
struct Strings {
    text: String,
    /// String `i` is `text[offsets[i]..offsets[i + 1]]`.
    offsets: Vec<usize>,
    /// Hash of a string → its id (a string whose hash is taken by another is stored again).
    index: FxHashMap<u64, u32>,
}

impl Default for Strings {
    fn default() -> Strings {
        Strings { text: String::new(), offsets: vec![0, 0], index: FxHashMap::default() }
    }
}

impl Strings {
    fn get(&self, id: u32) -> &str {
        let i = id as usize;
        &self.text[self.offsets[i]..self.offsets[i + 1]]
    }

    fn id(&mut self, s: &str) -> u32 {
        use std::hash::BuildHasher;
        if s.is_empty() {
            return 0;
        }
        let h = rustc_hash::FxBuildHasher.hash_one(s);
        if let Some(&id) = self.index.get(&h) {
            if self.get(id) == s {
                return id;
            }
        }
        let id = (self.offsets.len() - 1) as u32;
        self.text.push_str(s);
        self.offsets.push(self.text.len());
        self.index.entry(h).or_insert(id);
        id
    }
}

/// Which string of a row is which.
const DOC: usize = 0;
const OUTLET: usize = 1;
const QUOTE: usize = 2;
const SPEAKER: usize = 3;
const SPEAKER_ID: usize = 4;
const ROLE: usize = 5;
const KNOWN_ROLE: usize = 6;
const CUE: usize = 7;
const MENTION: usize = 8;
const DATE: usize = 9;
const URL: usize = 10;
const TITLE: usize = 11;

#[derive(Debug, Clone, Copy)]
struct Row {
    start: u64,
    end: u64,
    strings: [u32; 12],
    paragraph: u32,
    confidence: f32,
    kind: QuoteKind,
    method: Option<Method>,
}

/// One quote of [`Quotes`], its strings borrowed from the store: the fields of a
/// [`QuoteRecord`] (without `extra`).
#[derive(Debug, Clone, Copy, PartialEq)]
#[allow(missing_docs)]
pub struct QuoteRef<'a> {
    pub doc: &'a str,
    pub outlet: &'a str,
    pub paragraph: u32,
    pub start: u64,
    pub end: u64,
    pub quote: &'a str,
    pub kind: QuoteKind,
    pub speaker: &'a str,
    pub speaker_id: &'a str,
    pub role: &'a str,
    pub known_role: &'a str,
    pub cue: &'a str,
    pub method: Option<Method>,
    pub mention: &'a str,
    pub confidence: f32,
    pub date: &'a str,
    pub url: &'a str,
    pub title: &'a str,
}

impl<'a> From<&'a QuoteRecord> for QuoteRef<'a> {
    fn from(r: &'a QuoteRecord) -> QuoteRef<'a> {
        QuoteRef {
            doc: &r.doc,
            outlet: &r.outlet,
            paragraph: r.paragraph,
            start: r.start,
            end: r.end,
            quote: &r.quote,
            kind: r.kind,
            speaker: &r.speaker,
            speaker_id: &r.speaker_id,
            role: &r.role,
            known_role: &r.known_role,
            cue: &r.cue,
            method: r.method,
            mention: &r.mention,
            confidence: r.confidence,
            date: &r.date,
            url: &r.url,
            title: &r.title,
        }
    }
}

impl QuoteRef<'_> {
    /// The quote as an owned record (`extra` empty).
    pub fn to_record(&self) -> QuoteRecord {
        QuoteRecord {
            doc: self.doc.into(),
            outlet: self.outlet.into(),
            paragraph: self.paragraph,
            start: self.start,
            end: self.end,
            quote: self.quote.into(),
            kind: self.kind,
            speaker: self.speaker.into(),
            speaker_id: self.speaker_id.into(),
            role: self.role.into(),
            known_role: self.known_role.into(),
            cue: self.cue.into(),
            method: self.method,
            mention: self.mention.into(),
            confidence: self.confidence,
            date: self.date.into(),
            url: self.url.into(),
            title: self.title.into(),
            extra: Vec::new(),
        }
    }
}

/// Quote records held compactly (see the module), in the order they were pushed.
#[derive(Debug, Clone, Default)]
pub struct Quotes {
    strings: Strings,
    rows: Vec<Row>,
}

impl Quotes {
    /// An empty store.
    pub fn new() -> Quotes {
        Quotes::default()
    }

    /// Number of quotes.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Adds a quote.
    pub fn push(&mut self, r: QuoteRef<'_>) {
        let fields = [
            r.doc,
            r.outlet,
            r.quote,
            r.speaker,
            r.speaker_id,
            r.role,
            r.known_role,
            r.cue,
            r.mention,
            r.date,
            r.url,
            r.title,
        ];
        let strings = fields.map(|s| self.strings.id(s));
        self.rows.push(Row {
            start: r.start,
            end: r.end,
            strings,
            paragraph: r.paragraph,
            confidence: r.confidence,
            kind: r.kind,
            method: r.method,
        });
    }

    /// Quote `i`.
    pub fn get(&self, i: usize) -> QuoteRef<'_> {
        view(&self.strings, &self.rows[i])
    }

    /// The quotes in order.
    pub fn iter(&self) -> impl Iterator<Item = QuoteRef<'_>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Keeps the quotes for which `keep` is true (their strings stay in the buffer).
    pub fn retain(&mut self, mut keep: impl FnMut(QuoteRef<'_>) -> bool) {
        let strings = &self.strings;
        self.rows.retain(|row| keep(view(strings, row)));
    }

    /// Keeps the first `len` quotes.
    pub fn truncate(&mut self, len: usize) {
        self.rows.truncate(len);
    }

    /// Number of distinct documents.
    pub fn documents(&self) -> usize {
        let mut docs: Vec<u32> = self.rows.iter().map(|r| r.strings[DOC]).collect();
        docs.sort_unstable();
        docs.dedup();
        docs.len()
    }

    /// Gives back the room kept for growth and the index used to find repeated strings (the
    /// store can still grow; strings pushed later are not shared with earlier ones).
    pub fn shrink_to_fit(&mut self) {
        self.rows.shrink_to_fit();
        self.strings.text.shrink_to_fit();
        self.strings.offsets.shrink_to_fit();
        self.strings.index = FxHashMap::default();
    }
}

/// A row with its strings.
fn view<'a>(strings: &'a Strings, row: &Row) -> QuoteRef<'a> {
    let s = |f: usize| strings.get(row.strings[f]);
    QuoteRef {
        doc: s(DOC),
        outlet: s(OUTLET),
        paragraph: row.paragraph,
        start: row.start,
        end: row.end,
        quote: s(QUOTE),
        kind: row.kind,
        speaker: s(SPEAKER),
        speaker_id: s(SPEAKER_ID),
        role: s(ROLE),
        known_role: s(KNOWN_ROLE),
        cue: s(CUE),
        method: row.method,
        mention: s(MENTION),
        confidence: row.confidence,
        date: s(DATE),
        url: s(URL),
        title: s(TITLE),
    }
}

impl From<&[QuoteRecord]> for Quotes {
    fn from(records: &[QuoteRecord]) -> Quotes {
        let mut q = Quotes::new();
        for r in records {
            q.push(r.into());
        }
        q
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_read_back_as_pushed_and_share_strings() {
        let a = QuoteRecord {
            doc: "d1".into(),
            outlet: "X".into(),
            quote: "We will win.".into(),
            speaker: "Ana Ruiz".into(),
            start: 3,
            end: 15,
            method: Some(Method::Explicit),
            confidence: 0.9,
            ..QuoteRecord::default()
        };
        let b = QuoteRecord { doc: "d2".into(), ..a.clone() };
        let mut q = Quotes::from(&[a.clone(), b.clone()][..]);
        assert_eq!((q.len(), q.documents()), (2, 2));
        assert_eq!(q.get(0).to_record(), a);
        assert_eq!(q.get(1).to_record(), b);
        // "X", "We will win.", "Ana Ruiz" once; "d1", "d2" each.
        assert_eq!(q.strings.text.len(), "d1d2XWe will win.Ana Ruiz".len());
        q.shrink_to_fit();
        q.push((&a).into());
        assert_eq!(q.get(2).to_record(), a);
        q.retain(|r| r.doc == "d2");
        assert_eq!(q.iter().map(|r| r.doc).collect::<Vec<_>>(), ["d2"]);
    }
}
