//! The extractor: the library's entry point. It holds the compiled gazetteer and language data
//! and turns one [`Document`] into its [`QuoteRecord`]s, running the pipeline
//! segments → mentions → tokens and names → attribution (rules 1 to 5) → records.

use crate::attribute::{AttributedQuote, DocContext, Tok};
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
    pub fn extract_each(&self, doc: &Document, mut each: impl FnMut(QuoteRecord)) {
        let text = doc.text.as_str();
        let mentions = self.matcher.find(text);
        let mut ctx = DocContext::new(text, &self.matcher, &self.gazetteer, self.lexicon, &mentions);
        // Every name of the article is known before any quote is attributed: a first pass reads
        // every paragraph's names, a second attributes the paragraphs that can yield a record.
        // Their tokens are kept up to a bound (`KEPT_TOKENS`) and read again beyond it, so
        // memory does not grow with the number of paragraphs.
        let mut toks: Vec<Tok> = Vec::new();
        let read = read_names(text, &mut ctx, &mut toks);
        let headlines = headline_paragraphs(text, &read.first, read.count);
        let meta = crate::outlet::Metadata::of(doc);
        let mut offsets = CharOffsets::new(text);
        let quotes = &read.quotes;
        let mut next = 0;
        for p in &read.to_attribute {
            if p.index != next {
                ctx.skip_paragraph(); // the paragraph before holds neither a quote nor a cue
            }
            next = p.index + 1;
            let toks = match &p.kept {
                Some(range) => &read.kept[range.clone()],
                None => {
                    ctx.tokens_into(p.para, quotes, p.first_quote, &mut toks);
                    &toks[..]
                }
            };
            for found in ctx.attribute_paragraph(toks, quotes, headlines.contains(&p.index)) {
                if found.attribution.is_none() && !self.options.all {
                    continue;
                }
                let q = quotes[found.quote];
                let span = (offsets.char_offset(q.start) as u64, offsets.char_offset(q.end) as u64);
                each(self.record(doc, &meta, p.index, span, &text[q.start..q.end], found));
            }
        }
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
            r.speaker = a.speaker.name.clone();
            if let Some(e) = a.speaker.entry {
                let entry = &self.gazetteer.entries()[e as usize];
                r.speaker_id = entry.id.clone();
                r.known_role = entry.known_role_on(&meta.date);
            }
            r.role = a.role.clone();
            r.cue = a.cue.clone();
            r.method = Some(a.method);
            r.mention = a.mention.clone();
            r.confidence = (a.confidence * 100.0).round() / 100.0;
        }
        r
    }
}

/// A paragraph to attribute: one that holds a quote or a cue.
struct ToAttribute {
    para: segment::Paragraph,
    /// Its number in the document, from 0.
    index: usize,
    /// The index of its first quote among the document's.
    first_quote: usize,
    /// Where its tokens are in `FirstPass::kept`, if kept.
    kept: Option<std::ops::Range<usize>>,
}

/// At most this many tokens of the paragraphs to attribute are kept from the first pass
/// (4 MB; an article of 100,000 words); the second pass reads any others again.
const KEPT_TOKENS: usize = 65_536;

/// What the first pass over a document keeps.
struct FirstPass {
    /// The document's top-level quotes in text order.
    quotes: Vec<QuoteSpan>,
    /// The paragraphs that can yield a record, in text order.
    to_attribute: Vec<ToAttribute>,
    /// Tokens of paragraphs to attribute, kept from this pass.
    kept: Vec<Tok>,
    /// The first paragraphs (where headlines are), and how many there are in all.
    first: Vec<segment::Paragraph>,
    count: usize,
}

/// The first pass: every paragraph's quotes found and names recorded.
fn read_names(text: &str, ctx: &mut DocContext, toks: &mut Vec<Tok>) -> FirstPass {
    let mut read = FirstPass {
        quotes: Vec::new(),
        to_attribute: Vec::new(),
        kept: Vec::new(),
        first: Vec::new(),
        count: 0,
    };
    let mut paras = segment::Paragraphs::new(text).peekable();
    while let Some(para) = paras.next() {
        let next_opens = paras.peek().is_some_and(|n| segment::opens_with_quote(text, *n));
        let first_quote = read.quotes.len();
        read.quotes.extend(segment::quotes(text, para, next_opens).into_iter().filter(|q| !q.nested));
        ctx.read_paragraph_into(para, &read.quotes, first_quote, toks);
        // A paragraph before one that opens with a quote may introduce its speaker ("Roe issued
        // the following statement:", "Roe is upbeat about the race.").
        if read.quotes.len() > first_quote || next_opens || ctx.has_cue(toks) {
            let start = read.kept.len();
            let kept = (start + toks.len() <= KEPT_TOKENS).then(|| {
                read.kept.extend_from_slice(toks);
                start..read.kept.len()
            });
            read.to_attribute.push(ToAttribute { para, index: read.count, first_quote, kept });
        }
        if read.first.len() < HEADLINE_PARAGRAPHS {
            read.first.push(para);
        }
        read.count += 1;
    }
    read
}

/// How many paragraphs at the top of a document can be headlines.
const HEADLINE_PARAGRAPHS: usize = 6;

/// The outlet named with the document, else the one its text names.
/// Headline paragraphs: the lines at the top before the body starts, short and without final
/// sentence punctuation, or list items ("- …").
/// `first` are the document's first paragraphs, `count` how many it has.
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

    #[test]
    fn said_after_quote_inverted() {
        let r = run("“We will win,” said Jane Doe, a local organizer.");
        assert_eq!(r, vec![("We will win,".into(), "Jane Doe".into(), "apposition".into())]);
    }
}
