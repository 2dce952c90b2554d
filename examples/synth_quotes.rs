//! Synthetic quote records for benchmarking `whosaid compare` at scale, and a scorer for its
//! output on them.
//!
//! ```text
//! cargo run --release --example synth_quotes -- generate 100000 > synth.jsonl
//! /usr/bin/time -v target/release/whosaid compare --records synth.jsonl --format jsonl -o groups.jsonl
//! cargo run --release --example synth_quotes -- score synth.jsonl groups.jsonl
//! ```
//!
//! `generate N` writes N quote records (the JSONL of `whosaid extract`, plus a `statement` field
//! that says which statement each quote reports). Statements are made from the text of the
//! seed articles (`tests/corpus`) and the gold quotes (`tests/gold`): each is a random walk of
//! 8 to 35 words over the word pairs of that text (so statements share the phrases of the
//! seed text, as news on one topic does), with a quarter of the words invented, drawn from a
//! Zipf-distributed vocabulary of 50,000 (real news has a long tail of names, numbers and
//! places that five articles lack). Each statement is then reported by one to eight documents, each report perturbed as outlets do:
//! words substituted, dropped or swapped, contractions made or expanded, curly or straight
//! apostrophes, "U.S." or "US", a fragment quoted instead of the whole, now and then another
//! speaker or another title. Output is deterministic (fixed seed).
//!
//! `score RECORDS GROUPS` prints pair precision, recall and F1 of the groups against the
//! statements (pairs of quotes from different documents). `pairs RECORDS` lists the judged
//! pairs that link different statements, by relation, to see what the thresholds let through.
//!
//! Figures (2-core machine shared with other jobs, release build, 100,000 quotes of 31,674
//! statements in 5,000 documents): 11.6 s wall clock at 57% of the CPU, 6.5 s user, 331 MB
//! peak resident memory (`/usr/bin/time -v`); pair precision 0.978, recall 0.975, F1 0.976.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufWriter, Write};
use std::path::Path;

use serde_json::{json, Value};

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A Zipf-like rank in 0..n (rank r with probability about 1/(r+1)).
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        (((n as f64 + 1.0).powf(u) - 1.0) as usize).min(n - 1)
    }
}

/// An invented word from syllables, for the long tail of the vocabulary.
fn invented(mut k: usize) -> String {
    const SYLLABLES: &[&str] = &[
        "ka", "lo", "mir", "ten", "su", "var", "de", "no", "rin", "ba", "zu", "el", "tor", "qui", "fen",
        "ga", "ro", "mas", "li", "pe",
    ];
    let mut w = String::new();
    loop {
        w.push_str(SYLLABLES[k % SYLLABLES.len()]);
        k /= SYLLABLES.len();
        if k == 0 {
            break;
        }
    }
    w
}

fn sentences(root: &Path) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut texts = Vec::new();
    if let Ok(dir) = std::fs::read_dir(root.join("tests/corpus")) {
        let mut paths: Vec<_> = dir
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        for p in paths {
            texts.push(std::fs::read_to_string(p).unwrap_or_default());
        }
    }
    if let Ok(gold) = std::fs::read_to_string(root.join("tests/gold/seeds.quotes.jsonl")) {
        for line in gold.lines() {
            if let Ok(v) = serde_json::from_str::<Value>(line) {
                texts.push(v["quote"].as_str().unwrap_or("").to_string());
            }
        }
    }
    for text in texts {
        for s in text.split(['.', '?', '!', '\n']) {
            let words: Vec<String> = s
                .split_whitespace()
                .map(|w| w.trim_matches(|c: char| "“”\"‘’,;:()".contains(c)).to_string())
                .filter(|w| !w.is_empty())
                .collect();
            if (6..=45).contains(&words.len()) {
                out.push(words);
            }
        }
    }
    out
}

/// Contract or expand one pair of words, or swap the apostrophe style.
fn contraction(words: &mut Vec<String>, rng: &mut Rng) {
    const PAIRS: &[(&str, &str, &str)] = &[
        ("will", "not", "won’t"),
        ("it", "is", "it’s"),
        ("there", "will", "there’ll"),
        ("do", "not", "don’t"),
        ("is", "not", "isn’t"),
        ("we", "are", "we’re"),
    ];
    for i in 0..words.len().saturating_sub(1) {
        let (a, b) = (words[i].to_lowercase(), words[i + 1].to_lowercase());
        if let Some(&(_, _, short)) = PAIRS.iter().find(|(x, y, _)| *x == a && *y == b) {
            words[i] = short.to_string();
            words.remove(i + 1);
            return;
        }
    }
    let (x, y, short) = *rng.pick(PAIRS);
    let at = rng.below(words.len());
    if rng.chance(0.5) {
        words.insert(at, short.replace('’', "'"));
    } else {
        words.insert(at, format!("{x} {y}"));
    }
}

/// `generate N [DOCS [MAX_REPORTS]]`: N quotes in DOCS documents (default N / 20), each
/// statement reported by 1 to 8 documents, or by 2 to MAX_REPORTS when that is given.
fn generate(n: usize, docs: Option<usize>, max_reports: Option<usize>, root: &Path) -> std::io::Result<()> {
    let mut rng = Rng(0x5eed_2026);
    let source = sentences(root);
    assert!(!source.is_empty(), "no seed text found under {}", root.display());
    let vocabulary: Vec<String> = {
        let mut v: Vec<String> = source.iter().flatten().map(|w| w.to_lowercase()).collect();
        v.sort();
        v.dedup();
        v
    };
    // Which words follow which in the seed text.
    let mut next: HashMap<String, Vec<String>> = HashMap::new();
    for sentence in &source {
        for pair in sentence.windows(2) {
            next.entry(pair[0].to_lowercase()).or_default().push(pair[1].clone());
        }
    }
    let speakers: Vec<String> =
        (0..2000).map(|k| format!("{} {}", cap(&invented(k + 7)), cap(&invented(k * 31 + 400)))).collect();
    let titles = [
        "foreign minister",
        "spokesperson",
        "Secretary of State",
        "deputy foreign minister",
        "senator",
        "analyst",
    ];
    let docs = docs.unwrap_or(n / 20).max(max_reports.unwrap_or(8));
    let out = std::io::stdout();
    let mut out = BufWriter::new(out.lock());
    let mut written = 0;
    let mut statement = 0;
    while written < n {
        // One statement: a walk over the word pairs of the seed text, a quarter of its words
        // invented (names, numbers, places of the long tail).
        let len = 8 + rng.below(28);
        let mut base: Vec<String> = Vec::with_capacity(len);
        let mut word = rng.pick(&source)[0].clone();
        while base.len() < len {
            if rng.chance(0.25) {
                base.push(invented(rng.zipf(50_000)));
                word = rng.pick(&vocabulary).clone();
                continue;
            }
            base.push(word.clone());
            word = match next.get(&word.to_lowercase()) {
                Some(followers) => rng.pick(followers).clone(),
                None => rng.pick(&vocabulary).clone(),
            };
        }
        let speaker = rng.pick(&speakers).clone();
        let title = *rng.pick(&titles);
        let reports = match max_reports {
            Some(max) => 2 + rng.zipf(max - 1),
            None => 1 + rng.zipf(8),
        }
        .min(n - written);
        let mut used_docs = HashSet::new();
        for _ in 0..reports {
            let mut doc = rng.below(docs);
            while !used_docs.insert(doc) {
                doc = rng.below(docs);
            }
            let mut words = base.clone();
            if rng.chance(0.4) {
                let i = rng.below(words.len());
                words[i] = rng.pick(&vocabulary).clone();
            }
            if rng.chance(0.2) && words.len() > 4 {
                words.remove(rng.below(words.len()));
            }
            if rng.chance(0.15) && words.len() > 2 {
                let i = rng.below(words.len() - 1);
                words.swap(i, i + 1);
            }
            if rng.chance(0.3) {
                contraction(&mut words, &mut rng);
            }
            if rng.chance(0.25) && words.len() >= 8 {
                // A fragment of the statement.
                let len = (words.len() * (4 + rng.below(4)) / 10).max(3);
                let start = rng.below(words.len() - len + 1);
                words = words[start..start + len].to_vec();
            }
            let mut quote = words.join(" ");
            if rng.chance(0.5) {
                quote = quote.replace('\'', "’");
            }
            if rng.chance(0.3) {
                quote = quote.replace("US", "U.S.");
            }
            let quote_speaker = if rng.chance(0.08) { rng.pick(&speakers).clone() } else { speaker.clone() };
            let role = match rng.below(10) {
                0 => (*rng.pick(&titles)).to_string(),
                1..=4 => title.to_string(),
                _ => String::new(),
            };
            let start = written as u64 * 1000;
            let record = json!({
                "doc": format!("synth-{doc:06}"), "outlet": "", "paragraph": 1, "start": start,
                "end": start + quote.chars().count() as u64, "quote": quote, "kind": "full",
                "speaker": quote_speaker, "speaker_id": "", "role": role, "known_role": "",
                "cue": "said", "method": "explicit", "mention": "", "confidence": 1.0,
                "statement": statement,
            });
            serde_json::to_writer(&mut out, &record)?;
            out.write_all(b"\n")?;
            written += 1;
        }
        statement += 1;
    }
    out.flush()?;
    eprintln!("{written} quotes of {statement} statements in {docs} documents");
    Ok(())
}

/// `copies N`: N copies of one attributed quote, each in its own document, with a role (the
/// wire-copy shape). `long BYTES`: two documents that quote one passage of about BYTES bytes,
/// the second with a word changed every 50.
fn copies(n: usize, long: bool) {
    let out = std::io::stdout();
    let mut out = BufWriter::new(out.lock());
    let record = |doc: usize, quote: &str, role: &str| {
        json!({
            "doc": format!("copy-{doc:07}"), "outlet": "", "paragraph": 1, "start": 0,
            "end": quote.chars().count() as u64, "quote": quote, "kind": "full",
            "speaker": "Ana Ruiz", "speaker_id": "", "role": role, "known_role": "",
            "cue": "said", "method": "explicit", "mention": "", "confidence": 1.0,
        })
    };
    let mut write = |v: Value| -> std::io::Result<()> {
        serde_json::to_writer(&mut out, &v)?;
        out.write_all(b"\n")
    };
    let result = if long {
        let mut rng = Rng(0x10a6);
        let words: Vec<String> = (0..n / 7).map(|_| invented(rng.zipf(50_000))).collect();
        let changed: Vec<String> = words
            .iter()
            .enumerate()
            .map(|(i, w)| if i % 50 == 25 { format!("{w}x") } else { w.clone() })
            .collect();
        write(record(0, &words.join(" "), "mayor"))
            .and_then(|()| write(record(1, &changed.join(" "), "mayor")))
    } else {
        let roles = ["mayor", "the city's mayor", "deputy mayor"];
        (0..n).try_for_each(|i| {
            write(record(
                i,
                "We will not raise the bus fares this year, whatever the council says.",
                roles[i % 3],
            ))
        })
    };
    if let Err(e) = result {
        eprintln!("synth_quotes: {e}");
    }
}

fn cap(w: &str) -> String {
    let mut c = w.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn jsonl(path: &str) -> Vec<Value> {
    let f = std::fs::File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    std::io::BufReader::new(f)
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| serde_json::from_str(&l).ok())
        .collect()
}

fn key(v: &Value) -> (String, u64) {
    (v["doc"].as_str().unwrap_or("").to_string(), v["start"].as_u64().unwrap_or(0))
}

fn cross_pairs(groups: &HashMap<u64, Vec<(String, u64)>>) -> HashSet<((String, u64), (String, u64))> {
    let mut out = HashSet::new();
    for members in groups.values() {
        for a in members {
            for b in members {
                if a < b && a.0 != b.0 {
                    out.insert((a.clone(), b.clone()));
                }
            }
        }
    }
    out
}

fn score(records: &str, groups: &str) {
    let mut truth: HashMap<u64, Vec<(String, u64)>> = HashMap::new();
    for r in jsonl(records) {
        truth.entry(r["statement"].as_u64().unwrap_or(0)).or_default().push(key(&r));
    }
    let mut predicted: HashMap<u64, Vec<(String, u64)>> = HashMap::new();
    for g in jsonl(groups) {
        let id = g["group"].as_u64().unwrap_or(0);
        for m in g["members"].as_array().into_iter().flatten() {
            predicted.entry(id).or_default().push(key(m));
        }
    }
    let (t, p) = (cross_pairs(&truth), cross_pairs(&predicted));
    let tp = p.intersection(&t).count() as f64;
    let (precision, recall) = (tp / p.len().max(1) as f64, tp / t.len().max(1) as f64);
    let f1 = 2.0 * precision * recall / (precision + recall).max(f64::MIN_POSITIVE);
    println!(
        "pairs: true {} predicted {} | precision {precision:.3} recall {recall:.3} F1 {f1:.3}",
        t.len(),
        p.len()
    );
}

/// Judged pairs that link different statements, by relation, with examples.
fn pairs(path: &str) {
    let f = std::fs::File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let rows = jsonl(path);
    let records = whosaid::compare::records::read_records(std::io::BufReader::new(f), path).unwrap();
    let comparer = whosaid::compare::Comparer::new(
        Some(&whosaid::Gazetteer::builtin().unwrap()),
        whosaid::compare::CompareOptions::default(),
    );
    let mut right: HashMap<String, usize> = HashMap::new();
    let mut wrong: HashMap<String, usize> = HashMap::new();
    let mut shown = 0;
    for p in comparer.pairs(&records) {
        let same = rows[p.a]["statement"] == rows[p.b]["statement"];
        let key = format!("{:?}{}", p.relation, if p.used { "" } else { " (unused)" });
        *if same { &mut right } else { &mut wrong }.entry(key).or_default() += 1;
        if !same && p.used && shown < 12 {
            shown += 1;
            println!(
                "{:?} {:.2}\n  {}\n  {}",
                p.relation, p.similarity, records[p.a].quote, records[p.b].quote
            );
        }
    }
    println!("same statement: {right:?}\nother statements: {wrong:?}");
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["generate", n, rest @ ..] => {
            let num = |s: &str| -> usize { s.parse().expect("a number") };
            let (n, docs, max) = (num(n), rest.first().map(|s| num(s)), rest.get(1).map(|s| num(s).max(2)));
            if let Err(e) = generate(n, docs, max, root) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    eprintln!("synth_quotes: {e}");
                    std::process::exit(2);
                }
            }
        }
        ["copies", n] => copies(n.parse().expect("N is a number"), false),
        ["long", bytes] => copies(bytes.parse().expect("BYTES is a number"), true),
        ["score", records, groups] => score(records, groups),
        ["pairs", records] => pairs(records),
        _ => {
            eprintln!(
                "usage: synth_quotes generate N [DOCS [MAX_REPORTS]] | copies N | long BYTES | score RECORDS GROUPS | pairs RECORDS"
            );
            std::process::exit(2);
        }
    }
}
