//! The extractor: the library's entry point. It holds the compiled gazetteer and language data
//! and turns one [`Document`] into its [`QuoteRecord`]s, running the pipeline
//! segments → mentions → attribution → records.

use crate::attribute::{attach_mentions, tokenize, Attribution, DocContext, Tok, TokKind};
use crate::document::Document;
use crate::error::Result;
use crate::gazetteer::Gazetteer;
use crate::lexicon::{lexicon, Lexicon};
use crate::mention::Matcher;
use crate::record::{Method, QuoteKind, QuoteRecord};
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
        let mut quotes: Vec<QuoteSpan> = Vec::new();
        let mut para_first_quote = Vec::with_capacity(paras.len());
        for (i, p) in paras.iter().enumerate() {
            let next_opens = paras.get(i + 1).is_some_and(|n| segment::opens_with_quote(text, *n));
            para_first_quote.push(quotes.len());
            quotes.extend(segment::quotes(text, *p, next_opens).into_iter().filter(|q| !q.nested));
        }
        let mentions = self.matcher.find(text);
        let mut ctx = DocContext::new(text, &self.matcher, &self.gazetteer, self.lexicon, &mentions);
        let mut all_toks: Vec<Vec<Tok>> = Vec::with_capacity(paras.len());
        for (i, p) in paras.iter().enumerate() {
            let mut toks = tokenize(text, p.start, p.end, &quotes, para_first_quote[i]);
            attach_mentions(&mut toks, &mentions);
            ctx.scan_names(&toks);
            all_toks.push(toks);
        }
        let headlines = headline_paragraphs(text, &paras);
        let meta = crate::outlet::Metadata::of(doc);

        let mut out = Vec::new();
        let mut offsets = CharOffsets::new(text);
        let mut previous: Option<Attribution> = None;
        for (pi, toks) in all_toks.iter().enumerate() {
            let has_cue = ctx.has_cue(toks);
            // The paragraph's quotes in order: (quote, token, kind, attribution).
            let mut found: Vec<(usize, usize, QuoteKind, Option<Attribution>)> = Vec::new();
            // Index in `found` of the latest attributed quote (kept, not searched for: a paragraph
            // of many unattributed quotes would make the search quadratic).
            let mut last: Option<usize> = None;
            for (ti, t) in toks.iter().enumerate() {
                let TokKind::Quote(qi) = t.kind else { continue };
                let q = quotes[qi];
                let mut kind = quote_kind(text, toks, ti, &q);
                let mut a = ctx.attribute(toks, ti, &quotes);
                if let Some(x) = &a {
                    if x.at < q.open && is_title(&text[q.start..q.end]) {
                        a = None;
                    }
                }
                if a.is_none() {
                    if let (Some(Some(l)), QuoteKind::Full) = (last.map(|i| &found[i].3), kind) {
                        a = Some(carry(l, 0.8));
                    } else if ti == 0 && !has_cue {
                        if let Some(p) = &previous {
                            a = Some(carry(p, 0.7));
                            kind = QuoteKind::Continuation;
                        }
                    }
                }
                // A quote broken by its attribution: “A,” he said, “b…”.
                if let (Some(x), Some((_, prev_ti, prev_kind, Some(pa)))) = (&a, found.last_mut()) {
                    let lower = text[q.start..].chars().next().is_some_and(char::is_lowercase);
                    if pa.at == x.at && lower && x.at > toks[*prev_ti].s {
                        kind = QuoteKind::Split;
                        *prev_kind = QuoteKind::Split;
                    }
                }
                if headlines.contains(&pi) {
                    kind = QuoteKind::Headline;
                }
                if let Some(x) = &a {
                    ctx.remember(x);
                    last = Some(found.len());
                }
                found.push((qi, ti, kind, a));
            }
            let last = last.and_then(|i| found[i].3.clone());
            for (qi, _, kind, a) in found {
                let q = quotes[qi];
                if a.is_none() && !self.options.all {
                    continue;
                }
                let start = offsets.char_offset(q.start) as u64;
                let end = offsets.char_offset(q.end) as u64;
                out.push(self.record(doc, &meta, pi, start, end, &text[q.start..q.end], kind, a.as_ref()));
            }
            previous = match last {
                Some(l) => Some(l),
                None if has_cue => ctx.introduced(toks),
                None => None,
            };
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn record(
        &self,
        doc: &Document,
        meta: &crate::outlet::Metadata,
        para: usize,
        start: u64,
        end: u64,
        quote: &str,
        kind: QuoteKind,
        a: Option<&Attribution>,
    ) -> QuoteRecord {
        let mut r = QuoteRecord {
            doc: doc.id.clone(),
            outlet: meta.outlet.clone(),
            paragraph: para as u32 + 1,
            start,
            end,
            quote: quote.to_string(),
            kind,
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
        if let Some(a) = a {
            r.speaker = a.speaker.name.clone();
            if let Some(e) = a.speaker.entry {
                let entry = &self.gazetteer.entries()[e as usize];
                r.speaker_id = entry.id.clone();
                r.known_role = entry.known_role();
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

fn carry(a: &Attribution, factor: f32) -> Attribution {
    Attribution { method: Method::Continuation, confidence: a.confidence * factor, ..a.clone() }
}

/// Full when the quote starts with a capital and starts its sentence (or follows a cue and a
/// comma or colon); partial otherwise.
fn quote_kind(text: &str, toks: &[Tok], ti: usize, q: &QuoteSpan) -> QuoteKind {
    let upper = text[q.start..q.end].chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric());
    if !upper {
        return QuoteKind::Partial;
    }
    let starts = ti == 0
        || matches!(toks[ti - 1].kind, TokKind::Punct(':' | ',' | '.' | '?' | '!' | '—' | '–' | '-'))
        || matches!(toks[ti - 1].kind, TokKind::Quote(_));
    if starts {
        QuoteKind::Full
    } else {
        QuoteKind::Partial
    }
}

/// A title of a show, book or film rather than speech: a few words, all capitalised but the
/// small ones, no sentence punctuation.
fn is_title(quote: &str) -> bool {
    const SMALL: &[&str] =
        &["the", "of", "a", "an", "and", "in", "on", "for", "to", "at", "with", "by", "or"];
    let words: Vec<&str> = quote.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 || quote.ends_with(['.', ',', '!', '?', ';', ':']) {
        return false;
    }
    words.len() >= 2
        && words.iter().enumerate().all(|(i, w)| {
            w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric()) || i > 0 && SMALL.contains(w)
        })
}

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
    fn titles_are_not_speech() {
        assert!(is_title("Meet the Press"));
        assert!(!is_title("We will win."));
        assert!(!is_title("unlimited"));
    }

    #[test]
    fn said_after_quote_inverted() {
        let r = run("“We will win,” said Jane Doe, a local organizer.");
        assert_eq!(r, vec![("We will win,".into(), "Jane Doe".into(), "apposition".into())]);
    }
}
