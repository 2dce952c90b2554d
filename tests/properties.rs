//! Property tests over generated news-like text: sentences with quote marks of every kind,
//! names from the gazetteer, cue verbs, pronouns, apostrophes, line breaks and odd spaces.
//!
//! What must hold for every text:
//! - offsets are code point offsets inside the document, `start <= end`, and the text between
//!   them is the record's `quote`;
//! - records come in text order, with a paragraph number that is the paragraph of `start`;
//! - a quote never crosses a paragraph break: quotes are cut per paragraph, the
//!   multi-paragraph convention included (an unclosed quote whose next paragraph opens with a
//!   quote mark gives one record per paragraph), so a quote lies inside one paragraph;
//! - an unclosed quote is kept only under that convention or when it opens its paragraph;
//! - the output is the same whatever the number of threads extracting a batch;
//! - decoding bytes is lossy UTF-8 after the BOM, whatever the bytes.

use std::sync::LazyLock;

use proptest::prelude::*;
use rayon::prelude::*;
use whosaid::input::decode;
use whosaid::segment::paragraphs;
use whosaid::{Document, Extractor, Gazetteer, Options, QuoteRecord};

static EXTRACTOR: LazyLock<Extractor> =
    LazyLock::new(|| Extractor::new(Gazetteer::builtin().unwrap(), Options { all: true }).unwrap());

const MARKS: &[&str] = &["“", "”", "\"", "‘", "’", "'", "''", "«", "»", "„", "‹", "›", "「"];
const NAMES: &[&str] = &[
    "Antony Blinken",
    "Blinken",
    "Wang Yi",
    "Mr. Wang",
    "Sergei Lavrov",
    "Lavrov",
    "Victoria Nuland",
    "Jane Roe",
    "Roe",
    "the US secretary of state",
    "China’s foreign minister",
    "the State Department",
    "Reuters",
    "he",
    "she",
    "they",
    "He",
    "She",
    "It",
    "We",
];
const CUES: &[&str] = &[
    "said",
    "says",
    "told reporters",
    "told",
    "according to",
    "added",
    "adding",
    "saying",
    "warned",
    "quoted him as saying",
    "wrote",
];
const WORDS: &[&str] = &[
    "We",
    "will",
    "win",
    "the",
    "talks",
    "it’s",
    "it's",
    "Russia’s",
    "’90s",
    "states’",
    "don't",
    "rock ’n’ roll",
    "O’Brien",
    "U.S.",
    "and",
    "stop",
    "playing",
    "the ‘Taiwan card’",
    "'big day'",
    "Meet the Press",
    "=1+1",
    "-",
    "—",
    "3.5",
    "café",
    "北京",
    "😀",
];
const PUNCT: &[&str] = &[".", ",", ":", ";", "?", "!", "(", ")", "…", " — "];
const BREAKS: &[&str] = &["\n", "\n\n", "\r\n", "\r\n\r\n", "\n  \n", "\u{2029}", "\n\u{a0}\n"];
const SPACES: &[&str] = &[" ", " ", " ", "  ", "\u{a0}", "\u{2009}", "\t", ""];

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    prop::sample::select(list)
}

/// One piece of text: a word, a name, a cue, a mark, punctuation, a line break, or any
/// character at all now and then.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => pick(WORDS).prop_map(String::from),
        3 => pick(NAMES).prop_map(String::from),
        3 => pick(CUES).prop_map(String::from),
        5 => pick(MARKS).prop_map(String::from),
        2 => pick(PUNCT).prop_map(String::from),
        1 => pick(BREAKS).prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ]
}

/// A news-like text: pieces joined by spaces of every kind (or none).
fn news() -> impl Strategy<Value = String> {
    prop::collection::vec((piece(), pick(SPACES)), 0..80)
        .prop_map(|v| v.into_iter().map(|(p, s)| p + s).collect())
}

/// A text of well-formed paragraphs, some of them quote-only and continued across paragraphs,
/// so the attribution rules (and not only segmentation) are exercised.
fn article() -> impl Strategy<Value = String> {
    let sentence = (pick(NAMES), pick(CUES), pick(WORDS), pick(WORDS), 0..6usize).prop_map(
        |(name, cue, w1, w2, shape)| match shape {
            0 => format!("“{w1} {w2},” {cue} {name}."),
            1 => format!("{name} {cue}: “{w1} {w2}.”"),
            2 => format!("“{w1},” {name} {cue}, “{w2} {w1}.”"),
            3 => format!("“{w1} {w2}."),
            4 => format!("{name} {cue} the {w1} was “{w2}”."),
            _ => format!("\"{w1} {w2},\" {cue} {name}. ''{w2}.''"),
        },
    );
    prop::collection::vec((prop::collection::vec(sentence, 1..4), pick(BREAKS)), 1..8)
        .prop_map(|paras| paras.into_iter().map(|(sentences, brk)| sentences.join(" ") + brk).collect())
}

/// Byte offset of each code point offset (and of the end).
fn byte_offsets(text: &str) -> Vec<usize> {
    text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect()
}

fn is_mark(c: char) -> bool {
    MARKS.iter().any(|m| m.starts_with(c)) || matches!(c, '‟' | '」')
}

/// Checks every record of `text` against the properties listed at the top of the file.
fn check(text: &str, records: &[QuoteRecord]) -> Result<(), TestCaseError> {
    let bytes = byte_offsets(text);
    let paras = paragraphs(text);
    let mut last_start = 0;
    for r in records {
        let (s, e) = (r.start as usize, r.end as usize);
        prop_assert!(s <= e && e < bytes.len(), "offsets {}..{} outside {} chars", s, e, bytes.len() - 1);
        let (bs, be) = (bytes[s], bytes[e]);
        prop_assert_eq!(&text[bs..be], r.quote.as_str(), "offsets {}..{}", s, e);
        prop_assert!(!r.quote.is_empty(), "an empty quote");
        prop_assert!(s >= last_start, "records out of text order");
        last_start = s;
        prop_assert!((0.0..=1.0).contains(&r.confidence));
        prop_assert_eq!(r.speaker.is_empty(), r.method.is_none(), "speaker without method or back");

        // One paragraph holds the whole quote, and it is the one the record names.
        let p = paras.iter().position(|p| p.start <= bs && be <= p.end);
        prop_assert!(p.is_some(), "quote {:?} crosses a paragraph break", r.quote);
        let p = p.unwrap();
        prop_assert_eq!(r.paragraph as usize, p + 1);
        let breaks = ['\n', '\r', '\u{b}', '\u{c}', '\u{85}', '\u{2028}', '\u{2029}'];
        if paras.len() == text.split(breaks).filter(|l| !l.trim().is_empty()).count() {
            // One paragraph per line (no hard wrapping, no quote joining lines): the strong form.
            prop_assert!(!r.quote.contains('\n'), "quote {:?} holds a line break", r.quote);
        }

        // Unclosed: nothing but space (or a stray mark-free tail) up to the paragraph end. Then
        // either the quote opened its paragraph or the next paragraph opens with a mark.
        let para = paras[p];
        let tail = &text[be..para.end];
        if !tail.chars().any(is_mark) {
            let head = &text[para.start..bs];
            let opened_paragraph = head.chars().filter(|c| !c.is_whitespace()).all(is_mark);
            let next_opens = paras.get(p + 1).is_some_and(|n| text[n.start..].starts_with(is_mark));
            prop_assert!(
                opened_paragraph || next_opens || tail.trim().is_empty() && head.chars().any(is_mark),
                "unclosed quote {:?} kept without the multi-paragraph convention",
                r.quote
            );
        }
    }
    Ok(())
}

fn extract(text: &str) -> Vec<QuoteRecord> {
    EXTRACTOR.extract(&Document::new("p", text))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn offsets_quotes_and_paragraphs_hold_on_noisy_text(text in news()) {
        check(&text, &extract(&text))?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn offsets_quotes_and_paragraphs_hold_on_articles(text in article()) {
        let records = extract(&text);
        check(&text, &records)?;
    }

    /// A BOM-free text with a prefix of any characters: the quotes after it keep their text and
    /// their offsets move by the prefix length in code points.
    #[test]
    fn a_prefix_paragraph_shifts_offsets_by_its_length(prefix in "[^\n\r\u{2029}\u{85}\u{b}\u{c}\u{2028}]{0,40}", text in article()) {
        let prefix = format!("{}.\n\n", prefix.replace(|c: char| is_mark(c) || c.is_whitespace(), "x"));
        let shift = prefix.chars().count() as u64;
        let plain = extract(&text);
        let shifted = extract(&(prefix.clone() + &text));
        check(&(prefix + &text), &shifted)?;
        let a: Vec<(u64, &str)> = plain.iter().map(|r| (r.start + shift, r.quote.as_str())).collect();
        let b: Vec<(u64, &str)> = shifted.iter().filter(|r| r.paragraph > 1).map(|r| (r.start, r.quote.as_str())).collect();
        prop_assert_eq!(a, b);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A batch extracted on one thread and on two gives the same records in the same order.
    #[test]
    fn output_is_the_same_on_one_and_two_threads(texts in prop::collection::vec(prop_oneof![news(), article()], 1..12)) {
        let docs: Vec<Document> = texts.iter().enumerate().map(|(i, t)| Document::new(format!("d{i}"), t.as_str())).collect();
        let run = |threads: usize| -> String {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            let records: Vec<Vec<QuoteRecord>> = pool.install(|| docs.par_iter().map(|d| EXTRACTOR.extract(d)).collect());
            serde_json::to_string(&records).unwrap()
        };
        let one = run(1);
        prop_assert_eq!(&one, &run(2));
        prop_assert_eq!(&one, &run(2), "and again");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Decoding any bytes is lossy UTF-8 after a BOM, and counts what it replaced.
    #[test]
    fn decoding_is_lossy_utf8_after_the_bom(bom in any::<bool>(), body in prop::collection::vec(any::<u8>(), 0..200)) {
        let bytes = if bom { [b"\xEF\xBB\xBF".as_slice(), &body].concat() } else { body.clone() };
        let body = if bom { &body[..] } else { bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes) };
        let d = decode(bytes.clone());
        prop_assert_eq!(&d.text, &String::from_utf8_lossy(body));
        prop_assert_eq!(d.invalid == 0, std::str::from_utf8(body).is_ok());
        prop_assert_eq!(d.problem().is_some(), d.invalid > 0);
        check(&d.text, &extract(&d.text))?;
    }
}
