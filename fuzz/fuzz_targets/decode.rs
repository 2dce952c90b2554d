//! The input reader on arbitrary bytes: the text-file path (binary sniffing, then lossy UTF-8
//! decoding with BOM removal) and the JSONL path (`Inputs::from_reader`, with a small size limit
//! so that long lines are stepped over), each document then extracted; document ids stay
//! unique.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use whosaid::input::{decode, not_text, Event, Inputs, SNIFF_LEN};
use whosaid::{Document, Extractor};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::builtin().unwrap());

fuzz_target!(|data: &[u8]| {
    // A .txt file.
    if not_text(&data[..data.len().min(SNIFF_LEN)]).is_none() {
        let decoded = decode(data.to_vec());
        let body = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
        assert_eq!(decoded.text, String::from_utf8_lossy(body), "decoding differs from lossy UTF-8");
        assert_eq!(decoded.invalid == 0, decoded.problem().is_none());
        EXTRACTOR.extract(&Document::new("fuzz", decoded.text));
    }
    // A JSONL stream.
    let mut ids = std::collections::HashSet::new();
    for event in Inputs::from_reader("fuzz.jsonl", std::io::Cursor::new(data.to_vec())).max_doc_bytes(4096) {
        match event {
            Event::Document(doc) => {
                // A line holds at most 4096 bytes; replacing invalid bytes can triple them.
                assert!(doc.text.len() <= 3 * 4096, "a line over the limit was read");
                assert!(ids.insert(doc.id.clone()), "document id {} given twice", doc.id);
                EXTRACTOR.extract(&doc);
            }
            Event::Warning(e) | Event::Skipped(e) => {
                let _ = e.to_string();
            }
        }
    }
});
