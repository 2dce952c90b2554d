//! Text shapes that once ran far slower than news (issue 10, item 10): extraction throughput,
//! per CPU-second, of one large document of each shape, with the built-in gazetteer and
//! `--all`. No shape should run below 5 MB/s.
//!
//! ```sh
//! cargo bench --bench shapes                 # 2 MB of each shape, best of 3
//! cargo bench --bench shapes -- --mb 5 --runs 5
//! ```

// A bench binary, not API.
#![allow(missing_docs)]

mod support;

use std::time::{Duration, Instant};

use whosaid::{Document, Extractor, Gazetteer, Options};

/// CPU time of this thread so far (Linux scheduler counters; zero elsewhere).
fn cpu_time() -> Duration {
    let ns = std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse().ok()))
        .unwrap_or(0);
    Duration::from_nanos(ns)
}

/// `unit` repeated to about `bytes` bytes.
fn repeat(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len() + 1)
}

/// Capitalised made-up words (not names of any list), from the bench generator.
fn capitalised_words(n: usize, rng: &mut support::Rng) -> Vec<String> {
    let letters = b"bcdfghklmnprstvz";
    let vowels = b"aeiou";
    (0..n)
        .map(|_| {
            let mut w = String::new();
            for k in 0..3 {
                let c = letters[rng.below(letters.len())] as char;
                w.push(if k == 0 { c.to_ascii_uppercase() } else { c });
                w.push(vowels[rng.below(vowels.len())] as char);
            }
            w
        })
        .collect()
}

/// The shapes, each about `bytes` long: (name, text).
fn shapes(bytes: usize) -> Vec<(&'static str, String)> {
    let mut rng = support::Rng::new(11);
    let words = capitalised_words(2_000, &mut rng);
    let run = |n: usize, rng: &mut support::Rng| {
        (0..n).map(|_| words[rng.below(words.len())].as_str()).collect::<Vec<_>>().join(" ")
    };
    let mut long_run = String::from("“Yes,” said ");
    while long_run.len() < bytes {
        long_run.push_str(&run(1_000, &mut rng));
        long_run.push(' ');
    }
    let mut runs_after_said = String::new();
    while runs_after_said.len() < bytes {
        runs_after_said.push_str("“We will win,” said ");
        runs_after_said.push_str(&run(30, &mut rng));
        runs_after_said.push_str(". ");
    }
    let news = {
        let articles = support::articles(&support::source_dirs(true));
        let docs = support::corpus(&articles, bytes, 7);
        docs.iter().map(|d| d.text.as_str()).collect::<Vec<_>>().join("\n\n")
    };
    vec![
        ("news paragraphs (seeds), one document", news),
        ("“he said “ab” ” repeated in one paragraph", repeat("he said “ab” ", bytes)),
        ("one capitalised run after “said”", long_run),
        ("quotes each followed by “said” and 30 capitalised words", runs_after_said),
        ("short lines “x⏎”", repeat("x\n", bytes)),
        ("one paragraph of lowercase words", repeat("the cat sat on a mat and ", bytes)),
        ("“a,” he said. repeated, one paragraph", repeat("“We won,” he said. ", bytes)),
    ]
}

fn main() {
    let mut mb = 2.0;
    let mut runs = 3;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bench" => {}
            "--mb" => mb = args.next().and_then(|v| v.parse().ok()).expect("--mb needs a number"),
            "--runs" => runs = args.next().and_then(|v| v.parse().ok()).expect("--runs needs a number"),
            other => panic!("unknown argument {other}"),
        }
    }
    let ex =
        Extractor::new(Gazetteer::builtin().expect("gazetteer"), Options { all: true }).expect("extractor");
    println!("| shape | MB | quotes | MB/s per CPU-second (best of {runs}) |");
    println!("|---|---:|---:|---:|");
    for (name, text) in shapes((mb * 1e6) as usize) {
        let doc = Document::new("shape", text);
        let mut best: Option<Duration> = None;
        let mut quotes = 0;
        for _ in 0..runs {
            let (c, t) = (cpu_time(), Instant::now());
            quotes = ex.extract(&doc).len();
            let cpu = cpu_time().saturating_sub(c);
            let d = if cpu.is_zero() { t.elapsed() } else { cpu };
            best = Some(best.map_or(d, |b| b.min(d)));
        }
        let secs = best.expect("one run").as_secs_f64();
        println!(
            "| {name} | {:.1} | {quotes} | {:.1} |",
            doc.text.len() as f64 / 1e6,
            doc.text.len() as f64 / 1e6 / secs
        );
    }
}
