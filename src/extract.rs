//! The extractor: the library's entry point. It holds the compiled gazetteer and language data
//! and turns one [`Document`] into its [`QuoteRecord`]s, running the pipeline
//! segments → mentions → tokens and names → attribution (rules 1 to 5) → records.

use crate::attribute::{AttributedQuote, ContextBuffers, DocContext, Tok};
use crate::document::Document;
use crate::error::Result;
use crate::gazetteer::Gazetteer;
use crate::lexicon::{lexicon, Lexicon};
use crate::mention::Matcher;
use crate::record::QuoteRecord;
use crate::segment::{self, QuoteSpan};
use crate::text::CharOffsets;

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
    matcher: Matcher,
    lexicon: &'static Lexicon,
    options: Options,
}

impl Extractor {
    /// An extractor over the built-in gazetteer with default options.
    pub fn builtin() -> Result<Extractor> {
        Extractor::new(Gazetteer::builtin()?, Options::default())
    }

    /// An extractor over `gazetteer`.
    pub fn new(gazetteer: Gazetteer, options: Options) -> Result<Extractor> {
        let lexicon = lexicon();
        let matcher = Matcher::new(&gazetteer, lexicon)?;
        Ok(Extractor { gazetteer, matcher, lexicon, options })
    }

    /// The gazetteer this extractor was built from.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The compiled automaton.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The options in force.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// All quotes of one document, in text order.
    pub fn extract(&self, doc: &Document) -> Vec<QuoteRecord> {
        let mut out = Vec::new();
        self.extract_each(doc, |r| out.push(r));
        out
    }

    /// Each quote of one document, in text order, handed to `each` as soon as it is found: a
    /// caller that writes records as they come holds no vector of them.
    ///
    /// A document longer than [`crate::mention::MAX_TEXT`] (4 GiB; offsets are `u32`) is read
    /// as consecutive parts of at most that size, cut at a line break: names are not carried
    /// from one part to the next.
    pub fn extract_each(&self, doc: &Document, each: impl FnMut(QuoteRecord)) {
        self.extract_in_parts(doc, crate::mention::MAX_TEXT, each);
    }

    /// [`Self::extract_each`] with parts of at most `part_bytes` (at least 4) bytes.
    fn extract_in_parts(&self, doc: &Document, part_bytes: usize, mut each: impl FnMut(QuoteRecord)) {
        let meta = crate::outlet::Metadata::of(doc);
        let mut at = PartStart { chars: 0, paragraphs: 0, first: true };
        let mut parts = parts(&doc.text, part_bytes).peekable();
        while let Some(part) = parts.next() {
            let paragraphs = self.extract_part(doc, &meta, part, &at, &mut each);
            if parts.peek().is_some() {
                at = PartStart {
                    chars: at.chars + part.chars().count() as u64,
                    paragraphs: at.paragraphs + paragraphs,
                    first: false,
                };
            }
        }
    }

    /// The records of one part of a document (the whole document unless it is over 4 GiB);
    /// returns how many paragraphs it has.
    fn extract_part(
        &self,
        doc: &Document,
        meta: &crate::outlet::Metadata,
        text: &str,
        at: &PartStart,
        each: &mut impl FnMut(QuoteRecord),
    ) -> usize {
        let mut buffers = Buffers::take();
        let context = std::mem::take(&mut buffers.context);
        let mut ctx = DocContext::with_buffers(text, &self.matcher, &self.gazetteer, self.lexicon, context);
        // Every name of the article is known before any quote is attributed: a first pass reads
        // every paragraph's names, a second attributes the paragraphs that can yield a record.
        // Their tokens are kept up to a bound (`kept_tokens`) and read again beyond it, so
        // memory does not grow with the number of paragraphs.
        let read = read_names(text, &mut ctx, buffers.first_pass);
        let toks = &mut buffers.toks;
        let headlines =
            if at.first { headline_paragraphs(text, &read.first, read.count) } else { Vec::new() };
        let mut offsets = CharOffsets::new(text);
        let quotes = &read.quotes;
        let mut next = 0;
        let mut attributed = Vec::new();
        for p in &read.to_attribute {
            let index = p.index as usize;
            if index != next {
                ctx.skip_paragraph(); // the paragraph before holds neither a quote nor a cue
            }
            next = index + 1;
            let (toks, ends) = match &p.kept {
                Some(range) => {
                    let range = range.start as usize..range.end as usize;
                    (&read.kept[range.clone()], Some(&read.kept_ends[range]))
                }
                None => {
                    ctx.tokens_into(p.paragraph(), quotes, p.first_quote as usize, toks);
                    (&toks[..], None)
                }
            };
            ctx.attribute_paragraph(toks, quotes, headlines.contains(&index), ends, &mut attributed);
            for found in attributed.drain(..) {
                if found.attribution.is_none() && !self.options.all {
                    continue;
                }
                let q = quotes[found.quote];
                let mut char_at = |byte: u32| at.chars + offsets.char_offset(byte as usize) as u64;
                let span = (char_at(q.start), char_at(q.end));
                each(self.record(doc, meta, at.paragraphs + index, span, &text[q.range()], found));
            }
        }
        let count = read.count;
        buffers.context = ctx.into_buffers();
        buffers.first_pass = read;
        buffers.give_back();
        count
    }

    fn record(
        &self,
        doc: &Document,
        meta: &crate::outlet::Metadata,
        para: usize,
        (start, end): (u64, u64),
        quote: &str,
        found: AttributedQuote,
    ) -> QuoteRecord {
        let mut r = QuoteRecord {
            doc: doc.id.clone(),
            outlet: meta.outlet.clone(),
            paragraph: para as u32 + 1,
            start,
            end,
            quote: quote.to_string(),
            kind: found.kind,
            speaker: String::new(),
            speaker_id: String::new(),
            role: String::new(),
            known_role: String::new(),
            cue: String::new(),
            method: None,
            mention: String::new(),
            confidence: 0.0,
            date: meta.date.clone(),
            url: meta.url.clone(),
            title: meta.title.clone(),
            extra: doc.extra.clone(),
        };
        if let Some(a) = found.attribution {
            r.speaker = a.speaker.name.into_owned();
            if let Some(e) = a.speaker.entry {
                let entry = &self.gazetteer.entries()[e as usize];
                r.speaker_id = entry.id.clone();
                r.known_role = entry.known_role_on(&meta.date);
            }
            r.role = a.role.into_owned();
            r.cue = a.cue.into_owned();
            r.method = Some(a.method);
            r.mention = a.mention.into_owned();
            r.confidence = (a.confidence * 100.0).round() / 100.0;
        }
        r
    }
}

/// Where a part of a document starts: the characters and paragraphs before it.
struct PartStart {
    chars: u64,
    paragraphs: usize,
    /// The document's first part, where headlines are.
    first: bool,
}

/// `text` as consecutive parts of at most `max` bytes (at least 4), each cut after a line
/// break when one is in reach, else on a character boundary.
fn parts(text: &str, max: usize) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut cut = rest.len();
        if cut > max {
            cut = max;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            cut = memchr::memrchr(b'\n', &rest.as_bytes()[..cut]).map_or(cut, |i| i + 1);
        }
        let (part, after) = rest.split_at(cut);
        rest = after;
        Some(part)
    })
}

/// A paragraph to attribute: one that holds a quote or a cue. Offsets and indices are `u32`
/// (a part of a document is at most 4 GiB): one is kept for every such paragraph.
struct ToAttribute {
    /// Its byte range.
    start: u32,
    end: u32,
    /// Its number in the document, from 0.
    index: u32,
    /// The index of its first quote among the document's.
    first_quote: u32,
    /// Where its tokens are in `FirstPass::kept`, if kept.
    kept: Option<std::ops::Range<u32>>,
}

impl ToAttribute {
    fn paragraph(&self) -> segment::Paragraph {
        segment::Paragraph { start: self.start as usize, end: self.end as usize }
    }
}

/// At most this many tokens of the paragraphs to attribute are kept from the first pass
/// (3.7 MB; an article of 100,000 words); the second pass reads any others again.
const KEPT_TOKENS: usize = 65_536;

/// Tokens kept whatever the document's size (230 KB): every token of an article of up to
/// about 20 KB.
const KEPT_TOKENS_ANY: usize = 4_096;

/// How many tokens a document of `bytes` keeps from its first pass: their size in bytes at
/// most a quarter of the text's (all the tokens of a long document would take 10 times its
/// size), at least [`KEPT_TOKENS_ANY`], at most [`KEPT_TOKENS`].
fn kept_tokens(bytes: usize) -> usize {
    (bytes / 4 / std::mem::size_of::<Tok>()).clamp(KEPT_TOKENS_ANY, KEPT_TOKENS)
}

/// What the first pass over a document keeps.
#[derive(Default)]
struct FirstPass {
    /// The document's top-level quotes in text order.
    quotes: Vec<QuoteSpan>,
    /// The paragraphs that can yield a record, in text order.
    to_attribute: Vec<ToAttribute>,
    /// Tokens of paragraphs to attribute, kept from this pass.
    kept: Vec<Tok>,
    /// For each kept token, whether a sentence ends after it: found in this pass, not again.
    kept_ends: Vec<bool>,
    /// The first paragraphs (where headlines are), and how many there are in all.
    first: Vec<segment::Paragraph>,
    count: usize,
    /// The paragraphs of the chunk being read, as the segmenter found them (see `read_names`):
    /// at most [`CHUNK_PARAGRAPHS`], so never too large to keep (`Buffers::give_back`).
    found: Vec<FoundParagraph>,
}

/// A paragraph as the segmenter found it: whether the paragraph after it opens with a quote,
/// and where its quotes are in [`FirstPass::quotes`] (`first_quote..quotes_end`).
#[derive(Clone, Copy)]
struct FoundParagraph {
    para: segment::Paragraph,
    next_opens: bool,
    first_quote: usize,
    quotes_end: usize,
}

impl FirstPass {
    /// Empties every list, keeping their allocations.
    fn clear(&mut self) {
        self.quotes.clear();
        self.to_attribute.clear();
        self.kept.clear();
        self.kept_ends.clear();
        self.first.clear();
        self.count = 0;
        self.found.clear();
    }
}

/// The working lists of one document's extraction, kept from one document to the next on each
/// thread: a document then allocates none of them afresh, nor grows them from empty.
#[derive(Default)]
struct Buffers {
    toks: Vec<Tok>,
    first_pass: FirstPass,
    context: ContextBuffers,
}

thread_local! {
    static BUFFERS: std::cell::Cell<Option<Box<Buffers>>> = const { std::cell::Cell::new(None) };
}

/// Lists that grew beyond this many bytes are not kept for the next document: a very long one
/// does not hold its memory after it is done (a thread keeps at most a few MB; an article's
/// lists take a few KB).
const BUFFER_KEEP_BYTES: usize = 1 << 20;

impl Buffers {
    /// This thread's buffers (new ones if in use or none yet), emptied.
    fn take() -> Box<Buffers> {
        let mut b = BUFFERS.with(|c| c.take()).unwrap_or_default();
        b.toks.clear();
        b.first_pass.clear();
        b
    }

    /// Keeps the buffers for the thread's next document, those grown too large dropped.
    fn give_back(mut self: Box<Self>) {
        let max = BUFFER_KEEP_BYTES;
        trim_buffer(&mut self.toks, max);
        trim_buffer(&mut self.first_pass.quotes, max);
        trim_buffer(&mut self.first_pass.to_attribute, max);
        trim_buffer(&mut self.first_pass.kept, max);
        trim_buffer(&mut self.first_pass.kept_ends, max);
        self.context.trim(max);
        BUFFERS.with(|c| c.set(Some(self)));
    }
}

/// Replaces `v` by an empty list when its allocation is over `bytes`.
pub(crate) fn trim_buffer<T>(v: &mut Vec<T>, bytes: usize) {
    if v.capacity() * std::mem::size_of::<T>() > bytes {
        *v = Vec::new();
    }
}

/// The first pass: every paragraph's quotes found and names recorded, into `read` (empty).
/// It runs in stages over a chunk of paragraphs at a time, each stage with its code and tables
/// in the caches (run paragraph by paragraph, the stages fetched their code again for every
/// paragraph: a third of the first-level cache misses): paragraphs and quotes, then their
/// mentions, then each paragraph's tokens and names. The chunk holds at most
/// [`CHUNK_PARAGRAPHS`], so its list does not grow with the document. Each paragraph is
/// tokenized onto the end of the kept tokens, and stays there only if it is to be attributed
/// and within the bound.
fn read_names(text: &str, ctx: &mut DocContext, mut read: FirstPass) -> FirstPass {
    let keep = kept_tokens(text.len());
    let mut paragraphs = segment::QuotedParagraphs::new(text);
    loop {
        read.found.clear();
        while let Some((para, next_opens, quotes)) = paragraphs.next_quoted() {
            let first_quote = read.quotes.len();
            read.quotes.extend(quotes.iter().filter(|q| !q.nested));
            read.found.push(FoundParagraph { para, next_opens, first_quote, quotes_end: read.quotes.len() });
            if read.found.len() == CHUNK_PARAGRAPHS {
                break;
            }
        }
        if read.found.is_empty() {
            return read;
        }
        for p in &read.found {
            ctx.find_mentions(p.para, &read.quotes, p.first_quote);
        }
        for &FoundParagraph { para, next_opens, first_quote, quotes_end } in &read.found {
            let start = read.kept.len();
            ctx.read_paragraph_onto(para, &read.quotes, first_quote, &mut read.kept);
            // A paragraph before one that opens with a quote may introduce its speaker ("Roe
            // issued the following statement:", "Roe is upbeat about the race.").
            if quotes_end > first_quote || next_opens || ctx.has_cue(&read.kept[start..]) {
                let kept = (read.kept.len() <= keep).then_some(start as u32..read.kept.len() as u32);
                if kept.is_none() {
                    read.kept.truncate(start);
                } else {
                    debug_assert_eq!(ctx.sentence_ends().len(), read.kept.len() - start);
                    read.kept_ends.extend_from_slice(ctx.sentence_ends());
                }
                // All fit in `u32`: the text is at most `MAX_TEXT` bytes, and paragraphs and
                // quotes are fewer than its bytes.
                read.to_attribute.push(ToAttribute {
                    start: para.start as u32,
                    end: para.end as u32,
                    index: read.count as u32,
                    first_quote: first_quote as u32,
                    kept,
                });
            } else {
                read.kept.truncate(start);
            }
            if read.first.len() < HEADLINE_PARAGRAPHS {
                read.first.push(para);
            }
            read.count += 1;
        }
    }
}

/// The most paragraphs the first pass reads one stage at a time (see `read_names`): enough for
/// each stage's code to be fetched once for many paragraphs, few enough that their list stays
/// small (40 bytes a paragraph) whatever the document.
const CHUNK_PARAGRAPHS: usize = 256;

/// How many paragraphs at the top of a document can be headlines.
const HEADLINE_PARAGRAPHS: usize = 6;

/// Headline paragraphs: the lines at the top before the body starts, short and without final
/// sentence punctuation, or list items ("- …"). `first` are the document's first paragraphs,
/// `count` how many it has.
fn headline_paragraphs(text: &str, first: &[segment::Paragraph], count: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, p) in first.iter().enumerate().take(HEADLINE_PARAGRAPHS) {
        let s = text[p.start..p.end].trim();
        let ends = s.trim_end_matches(['”', '"', '’', '\'']).ends_with(['.', '!', '?']);
        let bullet = s.starts_with("- ") || s.starts_with("• ");
        // The first line is the headline when short, even if it ends on "U.S.".
        let first_line = i == 0 && count >= 3 && s.split_whitespace().count() < 20 && !s.contains(". ");
        // A quote that opens a paragraph is body text, and so is everything in a short text.
        let body = count < 3 || s.starts_with(['“', '"', '‘', '\'']);
        if !body && (bullet || first_line || (!ends && s.chars().count() < 200)) {
            out.push(i);
        } else if i > 0 {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<(String, String, String)> {
        let ex = Extractor::builtin().unwrap();
        ex.extract(&Document::new("t", text))
            .into_iter()
            .map(|r| (r.quote, r.speaker, r.method.map(|m| m.as_str()).unwrap_or("").to_string()))
            .collect()
    }

    #[test]
    fn records_handed_one_by_one_are_the_extracted_ones() {
        let ex = Extractor::builtin().unwrap();
        let doc = Document::new("t", "“We will win,” said Jane Doe.\n\n“We lost,” she said. “Again.”");
        let mut each = Vec::new();
        ex.extract_each(&doc, |r| each.push(r));
        assert_eq!(each.len(), 3);
        assert_eq!(each, ex.extract(&doc));
    }

    /// A thread's buffers carry nothing from one document to the next: a document gives the same
    /// records whatever was extracted before it on the thread.
    #[test]
    fn buffers_carry_nothing_between_documents() {
        let ex = Extractor::builtin().unwrap();
        let long = Document::new(
            "a",
            "Mayor Ann Roe spoke on Monday.\n\n“We will build,” Roe said. “It is time.”\n\n\
             Tom Lee, a council member, disagreed. “It costs too much,” he said.\n\n“No.”",
        );
        let short = Document::new("b", "“It is late,” she said.\n\n“Go home.”");
        let alone = ex.extract(&short);
        let first = ex.extract(&long);
        assert_eq!(ex.extract(&short), alone);
        assert_eq!(ex.extract(&long), first);
        assert!(first.iter().any(|r| r.speaker == "Tom Lee"));
        assert!(alone.iter().all(|r| r.speaker.is_empty()));
    }

    /// What a document keeps per mention, quote and paragraph to attribute (issue 10: memory
    /// per document at most 4 times its size).
    #[test]
    fn per_document_rows_stay_small() {
        use std::mem::size_of;
        assert!(size_of::<crate::mention::Mention>() <= 12);
        assert!(size_of::<QuoteSpan>() <= 20);
        assert!(size_of::<ToAttribute>() <= 28);
        assert!(size_of::<FoundParagraph>() * CHUNK_PARAGRAPHS <= 16 << 10);
        assert!(size_of::<Tok>() <= 36);
        assert_eq!(kept_tokens(5_000), KEPT_TOKENS_ANY);
        assert_eq!(kept_tokens(1 << 30), KEPT_TOKENS);
        assert!(kept_tokens(10_000_000) * size_of::<Tok>() <= 10_000_000 / 4);
    }

    #[test]
    fn parts_are_cut_after_a_line_break_else_on_a_character_boundary() {
        let rows: &[(&str, usize, &[&str])] = &[
            ("ab\ncd\nef", 100, &["ab\ncd\nef"]),
            ("ab\ncd\nef", 6, &["ab\ncd\n", "ef"]),
            ("ab\ncd\nef", 5, &["ab\n", "cd\nef"]),
            ("ab\ncd\nef", 4, &["ab\n", "cd\n", "ef"]),
            ("abcdef", 4, &["abcd", "ef"]),
            ("ééé", 5, &["éé", "é"]),
            ("", 4, &[]),
        ];
        for (text, max, want) in rows {
            assert_eq!(parts(text, *max).collect::<Vec<_>>(), *want, "{text:?} by {max}");
        }
    }

    #[test]
    fn a_document_read_in_parts_gives_the_records_of_its_paragraphs() {
        // Paragraphs that name their own speakers, so reading them in parts loses nothing.
        let ex = Extractor::builtin().unwrap();
        let text = "“We will win,” said Jane Doe.\n\n“It is late,” said John Roe.\n\n\
                    “Ça ira,” said Ana Ruiz.\n\n“We lost,” said Jane Doe.\n";
        let doc = Document::new("t", text);
        let whole = ex.extract(&doc);
        assert_eq!(whole.len(), 4);
        let mut parted = Vec::new();
        ex.extract_in_parts(&doc, 40, |r| parted.push(r));
        assert_eq!(parted, whole);
    }

    #[test]
    fn said_after_quote_inverted() {
        let r = run("“We will win,” said Jane Doe, a local organizer.");
        assert_eq!(r, vec![("We will win,".into(), "Jane Doe".into(), "apposition".into())]);
    }
}
