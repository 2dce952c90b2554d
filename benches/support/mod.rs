//! Shared by the benchmarks: a news-like corpus recombined from real articles by paragraph, and
//! gazetteers of a chosen size (the built-in one, cut or grown with synthetic people whose names
//! combine 1990 US census given and family names).
//!
//! Nothing here is committed data: the articles are read at run time from `tests/corpus/` or the
//! shared folders next to the repository (`../shared/corpus/seeds`, and the PolNEAR development
//! documents in `../shared/corpus/polnear-dev/docs` when present), and the census lists from
//! `../shared/data/census-1990-names` (given names fall back to `data/census/`).

// Each benchmark binary uses part of this module.
#![allow(dead_code)]

/// The binary's allocator (`src/main.rs`) in every benchmark, so that the figures are the
/// binary's.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use aho_corasick::{AhoCorasick, MatchKind};
use whosaid::gazetteer::{EntityKind, Entry, Gender};
use whosaid::{Document, Gazetteer};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A small deterministic generator (xorshift64*), so every run builds the same corpus.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The folders articles are read from, those that exist: `tests/corpus`, the shared seeds, and
/// the PolNEAR documents unless `seeds_only`.
pub fn source_dirs(seeds_only: bool) -> Vec<PathBuf> {
    let root = root();
    let mut dirs = vec![root.join("tests/corpus"), root.join("../shared/corpus/seeds")];
    if !seeds_only {
        dirs.push(root.join("../shared/corpus/polnear-dev/docs"));
    }
    dirs.into_iter().filter(|d| d.is_dir()).collect()
}

/// The articles (`.txt` files) of `dirs`, each as its list of paragraphs (split on blank lines),
/// without duplicates (the seeds may be in two places).
pub fn articles(dirs: &[PathBuf]) -> Vec<Vec<String>> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for dir in dirs {
        let Ok(listing) = fs::read_dir(dir) else { continue };
        let mut paths: Vec<PathBuf> = listing.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            if path.extension().is_none_or(|x| x != "txt") {
                continue;
            }
            let Ok(text) = fs::read_to_string(&path) else { continue };
            if !seen.insert(text.clone()) {
                continue;
            }
            let paras: Vec<String> = text
                .replace("\r\n", "\n")
                .split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(String::from)
                .collect();
            if paras.len() >= 2 {
                out.push(paras);
            }
        }
    }
    out
}

/// A corpus of at least `bytes` of text: documents made of a headline paragraph and runs of one
/// to six consecutive paragraphs taken from random articles (so quotes keep the paragraphs
/// around them that attribute or continue them), 4 to 40 paragraphs in all.
pub fn corpus(articles: &[Vec<String>], bytes: usize, seed: u64) -> Vec<Document> {
    assert!(!articles.is_empty(), "no articles found: see benches/support/mod.rs");
    let mut rng = Rng::new(seed);
    let mut docs = Vec::new();
    let mut total = 0;
    while total < bytes {
        let target = 4 + rng.below(37);
        let mut paras: Vec<&str> = vec![&articles[rng.below(articles.len())][0]];
        while paras.len() < target {
            let a = &articles[rng.below(articles.len())];
            let start = 1 + rng.below(a.len() - 1);
            let run = 1 + rng.below(6);
            paras.extend(a[start..(start + run).min(a.len())].iter().map(String::as_str));
        }
        let text = paras.join("\n\n");
        total += text.len();
        docs.push(Document::new(format!("bench-{:07}", docs.len()), text));
    }
    docs
}

/// Writes `docs` as JSONL (`{"id", "text"}` per line).
pub fn write_jsonl(docs: &[Document], path: &Path) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(fs::File::create(path)?);
    for d in docs {
        serde_json::to_writer(&mut out, &serde_json::json!({ "id": d.id, "text": d.text }))?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// Total bytes and whitespace-separated words of a corpus.
pub fn size(docs: &[Document]) -> (usize, usize) {
    docs.iter().fold((0, 0), |(b, w), d| (b + d.text.len(), w + d.text.split_whitespace().count()))
}

/// Census names: (given names with their gender, family names), in order of frequency, title
/// cased ("MCDONALD" → "Mcdonald").
pub fn census_names() -> (Vec<(String, Gender)>, Vec<String>) {
    let root = root();
    let shared = root.join("../shared/data/census-1990-names");
    let read = |file: &str| -> Vec<String> {
        let text = fs::read_to_string(shared.join(file))
            .or_else(|_| fs::read_to_string(root.join("data/census").join(file)))
            .unwrap_or_default();
        text.lines().filter_map(|l| l.split_whitespace().next()).map(title_case).collect()
    };
    let mut given: Vec<(String, Gender)> = Vec::new();
    let (male, female) = (read("dist.male.first"), read("dist.female.first"));
    for i in 0..male.len().max(female.len()) {
        given.extend(male.get(i).map(|n| (n.clone(), Gender::Male)));
        given.extend(female.get(i).map(|n| (n.clone(), Gender::Female)));
    }
    (given, read("dist.all.last"))
}

fn title_case(upper: &str) -> String {
    let mut out = String::with_capacity(upper.len());
    for (i, c) in upper.chars().enumerate() {
        if i == 0 {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// A gazetteer of `names` entries: the first `names` built-in entries when it has that many,
/// else all of them plus synthetic people (a census given name and family name drawn at random,
/// no two alike). The built-in countries are kept. Panics when the census lists are missing and
/// synthetic names are needed.
pub fn gazetteer(names: usize) -> Gazetteer {
    let builtin = Gazetteer::builtin().expect("built-in gazetteer");
    let mut g = Gazetteer::empty();
    for c in builtin.countries() {
        g.push_country(c.clone());
    }
    for e in builtin.entries().iter().take(names) {
        g.push(e.clone());
    }
    for e in synthetic_people(names.saturating_sub(builtin.entries().len()), &builtin) {
        g.push(e);
    }
    g
}

/// `n` synthetic people whose names differ from each other and from `existing`'s.
pub fn synthetic_people(n: usize, existing: &Gazetteer) -> Vec<Entry> {
    if n == 0 {
        return Vec::new();
    }
    let (given, family) = census_names();
    assert!(
        !given.is_empty() && !family.is_empty(),
        "census name lists not found in ../shared/data/census-1990-names"
    );
    let mut seen: HashSet<String> = existing.entries().iter().map(|e| e.name.clone()).collect();
    let mut rng = Rng::new(0x5eed_0f9a_2e77);
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let (first, gender) = &given[rng.below(given.len())];
        let last = &family[rng.below(family.len())];
        let name = format!("{first} {last}");
        if !seen.insert(name.clone()) {
            continue;
        }
        out.push(Entry {
            id: format!("synthetic-{}", out.len()),
            name,
            kind: EntityKind::Person,
            gender: *gender,
            surname: last.clone(),
            aliases: Vec::new(),
            roles: Vec::new(),
        });
    }
    out
}

/// Writes entries as a gazetteer CSV file that `--gazetteer` reads.
pub fn write_gazetteer_csv(entries: &[Entry], path: &Path) -> std::io::Result<()> {
    let mut w = csv::Writer::from_path(path)?;
    w.write_record(["id", "name", "kind", "gender", "surname", "aliases", "roles"])?;
    for e in entries {
        let gender = match e.gender {
            Gender::Male => "male",
            Gender::Female => "female",
            Gender::Unknown => "",
        };
        w.write_record([&e.id, &e.name, "person", gender, &e.surname, "", ""])?;
    }
    w.flush()
}

/// The bare scan: an Aho-Corasick automaton over the same patterns as the extractor's trie,
/// matching as it does (ASCII case-insensitive, leftmost-longest; see `src/mention.rs`).
pub fn bare_automaton(patterns: &[String]) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(patterns)
        .expect("automaton")
}

/// Matches of the bare scan over a corpus.
pub fn bare_count(ac: &AhoCorasick, docs: &[Document]) -> usize {
    docs.iter().map(|d| ac.find_iter(&d.text).count()).sum()
}
