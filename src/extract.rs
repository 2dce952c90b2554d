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
        let text = doc.text.as_str();
        let paras = segment::paragraphs(text);
        let (quotes, para_first_quote) = top_level_quotes(text, &paras);
        let mentions = self.matcher.find(text);
        let mut ctx = DocContext::new(text, &self.matcher, &self.gazetteer, self.lexicon, &mentions);
        // Every name of the article is known before any quote is attributed.
        let all_toks: Vec<Vec<Tok>> = paras
            .iter()
            .zip(&para_first_quote)
            .map(|(p, &first)| ctx.read_paragraph(*p, &quotes, first))
            .collect();
        let headlines = headline_paragraphs(text, &paras);
        let meta = crate::outlet::Metadata::of(doc);
        let mut out = Vec::new();
        let mut offsets = CharOffsets::new(text);
        for (pi, toks) in all_toks.iter().enumerate() {
            for found in ctx.attribute_paragraph(toks, &quotes, headlines.contains(&pi)) {
                if found.attribution.is_none() && !self.options.all {
                    continue;
                }
                let q = quotes[found.quote];
                let span = (offsets.char_offset(q.start) as u64, offsets.char_offset(q.end) as u64);
                out.push(self.record(doc, &meta, pi, span, &text[q.start..q.end], found));
            }
        }
        out
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

/// The document's top-level quotes in text order, and the index of each paragraph's first.
fn top_level_quotes(text: &str, paras: &[segment::Paragraph]) -> (Vec<QuoteSpan>, Vec<usize>) {
    let mut quotes: Vec<QuoteSpan> = Vec::new();
    let mut para_first_quote = Vec::with_capacity(paras.len());
    for (i, p) in paras.iter().enumerate() {
        let next_opens = paras.get(i + 1).is_some_and(|n| segment::opens_with_quote(text, *n));
        para_first_quote.push(quotes.len());
        quotes.extend(segment::quotes(text, *p, next_opens).into_iter().filter(|q| !q.nested));
    }
    (quotes, para_first_quote)
}

/// The outlet named with the document, else the one its text names.
/// Headline paragraphs: the lines at the top before the body starts, short and without final
/// sentence punctuation, or list items ("- …").
fn headline_paragraphs(text: &str, paras: &[segment::Paragraph]) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, p) in paras.iter().enumerate().take(6) {
        let s = text[p.start..p.end].trim();
        let ends = s.trim_end_matches(['”', '"', '’', '\'']).ends_with(['.', '!', '?']);
        let bullet = s.starts_with("- ") || s.starts_with("• ");
        // The first line is the headline when short, even if it ends on "U.S.".
        let first_line = i == 0 && paras.len() >= 3 && s.split_whitespace().count() < 20 && !s.contains(". ");
        // A quote that opens a paragraph is body text, and so is everything in a short text.
        let body = paras.len() < 3 || s.starts_with(['“', '"', '‘', '\'']);
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
    fn said_after_quote_inverted() {
        let r = run("“We will win,” said Jane Doe, a local organizer.");
        assert_eq!(r, vec![("We will win,".into(), "Jane Doe".into(), "apposition".into())]);
    }
}
