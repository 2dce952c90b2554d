//! The gazetteer loader on arbitrary text (as an entries file and as a countries file); when
//! it loads, the gazetteer is compiled into an extractor and run on a short text that uses
//! cue verbs, pronouns, surnames and the loaded names.
#![no_main]

use libfuzzer_sys::fuzz_target;
use whosaid::{Document, Extractor, Gazetteer, Options};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut g = Gazetteer::empty();
    let entries = g.add_entries_csv("fuzz.csv", &text);
    let countries = g.add_countries_csv("fuzz.csv", &text);
    for e in [entries.err(), countries.err()].into_iter().flatten() {
        let _ = e.to_string();
    }
    if g.entries().is_empty() && g.countries().is_empty() {
        return;
    }
    // Loaded again, every row replaces itself: nothing is added.
    let before = g.entries().len();
    if g.add_entries_csv("again.csv", &text).is_ok() {
        assert_eq!(g.entries().len(), before, "a row with a loaded id must replace it");
    }
    let mut article = String::new();
    for e in g.entries().iter().take(8) {
        article += &format!("“We will act,” said {}. {} told reporters: “Soon.” ", e.name, e.surname);
        for a in &e.aliases {
            article += &format!("According to the {a} president, “it is done.” ");
        }
        article += "\n\n“And more,” he said.\n";
    }
    for c in g.countries().iter().take(4) {
        for f in &c.forms {
            article += &format!("The {f} foreign minister said “no”.\n");
        }
    }
    if let Ok(ex) = Extractor::new(g, Options { all: true }) {
        ex.extract(&Document::new("fuzz", article));
    }
});
