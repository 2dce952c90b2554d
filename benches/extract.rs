//! Criterion micro-benchmarks on about 4 MB recombined from the seed articles: extraction, the
//! mention pass alone, and a bare Aho-Corasick scan with the same patterns (a reference: the
//! extractor walks a trie from word starts instead), with the built-in gazetteer; and the
//! pattern compilation for 5,000 names. For the large-corpus
//! figures (200 MB, 50,000 names, threads) see `benches/scale.rs` and BENCHMARKS.md.
//!
//! `cargo bench --bench extract`

// criterion_group! defines a public function without documentation.
#![allow(missing_docs)]

mod support;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use whosaid::{Extractor, Options};

fn pipeline(c: &mut Criterion) {
    let articles = support::articles(&support::source_dirs(true));
    let docs = support::corpus(&articles, 4_000_000, 7);
    let (bytes, _) = support::size(&docs);
    let ex = Extractor::builtin().expect("extractor");
    let patterns: Vec<String> = ex.matcher().patterns().collect();
    let ac = support::bare_automaton(&patterns);

    let mut g = c.benchmark_group("seeds-4MB");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    g.bench_function("bare-aho-corasick", |b| b.iter(|| support::bare_count(&ac, black_box(&docs))));
    g.bench_function("mentions", |b| {
        b.iter(|| docs.iter().map(|d| ex.matcher().find(black_box(&d.text)).len()).sum::<usize>())
    });
    g.bench_function("extract", |b| {
        b.iter(|| docs.iter().map(|d| ex.extract(black_box(d)).len()).sum::<usize>())
    });
    g.finish();
}

fn build(c: &mut Criterion) {
    let gazetteer = support::gazetteer(5_000);
    let mut g = c.benchmark_group("build");
    g.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    g.bench_function("extractor-5000-names", |b| {
        b.iter(|| Extractor::new(black_box(gazetteer.clone()), Options::default()).expect("extractor"))
    });
    g.finish();
}

criterion_group!(benches, pipeline, build);
criterion_main!(benches);
