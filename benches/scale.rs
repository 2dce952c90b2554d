//! The throughput harness: extraction over a large news-like corpus (200 MB by default), single
//! thread and on every core, beside a bare Aho-Corasick scan with the same patterns, for
//! gazetteers of 200, 5,000 and 50,000 names. Prints Markdown tables (see BENCHMARKS.md).
//!
//! ```text
//! cargo bench --bench scale                      # the tables, 200 MB
//! cargo bench --bench scale -- --mb 50 --runs 3  # smaller corpus, best of three
//! cargo bench --bench scale -- --write-jsonl /tmp/c.jsonl --mb 1024   # only write a corpus
//! cargo bench --bench scale -- --write-gazetteer /tmp/g.csv --names 5000
//! cargo bench --bench scale -- --profile --names 5000 --mb 20   # extraction only, 1 thread
//! ```
//!
//! `scripts/bench.sh` runs it and then measures the real binary (throughput, peak memory on
//! 1 GB, streaming from standard input).

mod support;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use whosaid::{Document, Extractor, Options};

struct Config {
    mb: usize,
    names: Vec<usize>,
    threads: usize,
    runs: usize,
    seeds_only: bool,
    write_jsonl: Option<PathBuf>,
    write_gazetteer: Option<PathBuf>,
    /// Only run single-thread extraction (for a profiler).
    profile: bool,
    /// Only compare automaton kinds on the bare scan.
    kinds: bool,
}

fn config() -> Result<Config, String> {
    let mut c = Config {
        mb: 200,
        names: vec![200, 5_000, 50_000],
        threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
        runs: 1,
        seeds_only: false,
        write_jsonl: None,
        write_gazetteer: None,
        profile: false,
        kinds: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        let number = |v: String| v.replace('_', "").parse::<usize>().map_err(|e| format!("{v}: {e}"));
        match arg.as_str() {
            // cargo bench passes --bench to every bench target.
            "--bench" => {}
            "--mb" => c.mb = number(value()?)?,
            "--names" => {
                c.names = value()?.split(',').map(|v| number(v.to_string())).collect::<Result<_, _>>()?
            }
            "--threads" => c.threads = number(value()?)?.max(1),
            "--runs" => c.runs = number(value()?)?.max(1),
            "--seeds-only" => c.seeds_only = true,
            "--profile" => c.profile = true,
            "--kinds" => c.kinds = true,
            "--write-jsonl" => c.write_jsonl = Some(value()?.into()),
            "--write-gazetteer" => c.write_gazetteer = Some(value()?.into()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(c)
}

/// One timing: wall clock and CPU time (of this thread for a serial run, of the whole process
/// for a parallel one). On a machine shared with other work, CPU time is the fairer measure of
/// what the code costs; wall time is what a user waits.
#[derive(Clone, Copy)]
struct Time {
    wall: Duration,
    cpu: Duration,
}

/// CPU time consumed so far, from the scheduler's nanosecond counters (Linux); zero elsewhere.
fn cpu_time(process: bool) -> Duration {
    let read = |path: &std::path::Path| -> u64 {
        std::fs::read_to_string(path)
            .ok()
            .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse().ok()))
            .unwrap_or(0)
    };
    let ns = if process {
        std::fs::read_dir("/proc/self/task")
            .map(|tasks| tasks.flatten().map(|t| read(&t.path().join("schedstat"))).sum())
            .unwrap_or(0)
    } else {
        read(std::path::Path::new("/proc/thread-self/schedstat"))
    };
    Duration::from_nanos(ns)
}

/// The best (shortest wall time) of `runs` timings of `f`, with its result.
fn best<T>(runs: usize, process: bool, mut f: impl FnMut() -> T) -> (Time, T) {
    let mut out: Option<(Time, T)> = None;
    for _ in 0..runs {
        let (c, t) = (cpu_time(process), Instant::now());
        let r = f();
        let time = Time { wall: t.elapsed(), cpu: cpu_time(process).saturating_sub(c) };
        if out.as_ref().is_none_or(|(b, _)| time.wall < b.wall) {
            out = Some((time, r));
        }
    }
    out.expect("at least one run")
}

/// Load average over the last minute.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(String::from))
        .unwrap_or_else(|| "?".into())
}

fn mb_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
}

fn main() {
    let c = match config() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("scale: {e}");
            std::process::exit(2);
        }
    };
    if let Some(path) = &c.write_gazetteer {
        let names = c.names.first().copied().unwrap_or(5_000);
        let builtin = whosaid::Gazetteer::builtin().expect("built-in gazetteer");
        let extra = support::synthetic_people(names.saturating_sub(builtin.entries().len()), &builtin);
        support::write_gazetteer_csv(&extra, path).expect("write gazetteer");
        eprintln!(
            "wrote {} synthetic people to {} (with the built-in: {names})",
            extra.len(),
            path.display()
        );
        return;
    }

    let dirs = support::source_dirs(c.seeds_only);
    let articles = support::articles(&dirs);
    let t = Instant::now();
    let docs = support::corpus(&articles, c.mb * 1_000_000, 0x00c0_ffee);
    let (bytes, words) = support::size(&docs);
    if let Some(path) = &c.write_jsonl {
        support::write_jsonl(&docs, path).expect("write corpus");
        eprintln!(
            "wrote {} documents, {:.1} MB, {words} words to {}",
            docs.len(),
            bytes as f64 / 1e6,
            path.display()
        );
        return;
    }
    if c.kinds {
        kinds(&c, &docs, bytes);
        return;
    }
    if c.profile {
        for &names in &c.names {
            let ex = Extractor::new(support::gazetteer(names), Options::default()).expect("extractor");
            let (t, quotes) = best(c.runs, false, || docs.iter().map(|d| ex.extract(d).len()).sum::<usize>());
            eprintln!("{names} names: {quotes} quotes, {:.1} MB/s per CPU-second", mb_s(bytes, t.cpu));
        }
        return;
    }
    println!(
        "Corpus: {} documents, {:.1} MB, {:.1} M words, recombined by paragraph from {} articles in {} \
         ({:.1} s to build).",
        docs.len(),
        bytes as f64 / 1e6,
        words as f64 / 1e6,
        articles.len(),
        dirs.iter().map(|d| d.display().to_string()).collect::<Vec<_>>().join(", "),
        t.elapsed().as_secs_f64()
    );
    println!("Threads for the parallel run: {}; best of {} run(s) each.\n", c.threads, c.runs);

    let pool = rayon::ThreadPoolBuilder::new().num_threads(c.threads).build().expect("thread pool");
    let load_before = load();
    let mut rows = Vec::new();
    for &names in &c.names {
        rows.push(measure(&c, names, &docs, words, &pool));
    }
    let load_after = load();
    let cpu = |t: Duration| mb_s(bytes, t);
    let words_s = |t: Duration| words as f64 / 1e6 / t.as_secs_f64();

    println!("Throughput, one thread, per CPU-second (MB/s of text; words/s for extraction):\n");
    println!(
        "| names | bare AC scan | mentions only | extract | extract, words/s | extract ÷ bare AC | quotes |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for r in &rows {
        println!(
            "| {} | {:.0} MB/s | {:.0} MB/s | {:.1} MB/s | {:.2} M | {:.0}% | {} |",
            r.names,
            cpu(r.bare.cpu),
            cpu(r.find.cpu),
            cpu(r.one.cpu),
            words_s(r.one.cpu),
            100.0 * r.bare.cpu.as_secs_f64() / r.one.cpu.as_secs_f64(),
            r.quotes,
        );
    }
    println!("\nGazetteer size: cost of building and of matching:\n");
    println!("| names | patterns | extractor build (wall / CPU) | bare AC build, for reference (CPU) | automaton memory | extract vs 200-name extract |");
    println!("|---:|---:|---:|---:|---:|---:|");
    let base = rows.first().map(|r| r.one.cpu.as_secs_f64()).unwrap_or(1.0);
    for r in &rows {
        println!(
            "| {} | {} | {:.0} ms / {:.0} ms | {:.0} ms | {:.1} MB | {:.2}× the time |",
            r.names,
            r.patterns,
            r.build.wall.as_secs_f64() * 1e3,
            r.build.cpu.as_secs_f64() * 1e3,
            r.bare_build.cpu.as_secs_f64() * 1e3,
            r.memory as f64 / 1e6,
            r.one.cpu.as_secs_f64() / base,
        );
    }
    println!(
        "\nThreads, wall clock (load average {load_before} before, {load_after} after, on {} cores):\n",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "| names | 1 thread | {n} threads | speed-up | cores obtained ({n} threads: CPU ÷ wall) | CPU time, {n} threads ÷ 1 thread |",
        n = c.threads
    );
    println!("|---:|---:|---:|---:|---:|---:|");
    for r in &rows {
        println!(
            "| {} | {:.1} MB/s ({:.2} M words/s) | {:.1} MB/s ({:.2} M words/s) | {:.2}× | {:.2} | {:.2} |",
            r.names,
            mb_s(bytes, r.one.wall),
            words_s(r.one.wall),
            mb_s(bytes, r.all.wall),
            words_s(r.all.wall),
            r.one.wall.as_secs_f64() / r.all.wall.as_secs_f64(),
            r.all.cpu.as_secs_f64() / r.all.wall.as_secs_f64(),
            r.all.cpu.as_secs_f64() / r.one.cpu.as_secs_f64(),
        );
    }
}

struct Row {
    names: usize,
    patterns: usize,
    build: Time,
    memory: usize,
    bare_build: Time,
    bare: Time,
    find: Time,
    one: Time,
    all: Time,
    quotes: usize,
}

fn measure(c: &Config, names: usize, docs: &[Document], words: usize, pool: &rayon::ThreadPool) -> Row {
    let gazetteer = support::gazetteer(names);
    let entries = gazetteer.entries().len();
    let (build, ex) =
        best(1, false, || Extractor::new(gazetteer.clone(), Options::default()).expect("extractor"));
    let matcher = ex.matcher();
    let patterns: Vec<String> = matcher.patterns().collect();

    let (bare_build, ac) = best(1, false, || support::bare_automaton(&patterns));
    let (bare, matches) = best(c.runs, false, || support::bare_count(&ac, docs));
    drop(ac);
    let (find, mentions) =
        best(c.runs, false, || docs.iter().map(|d| matcher.find(&d.text).len()).sum::<usize>());
    let (one, quotes) = best(c.runs, false, || docs.iter().map(|d| ex.extract(d).len()).sum::<usize>());
    let (all, quotes_all) =
        best(c.runs, true, || pool.install(|| docs.par_iter().map(|d| ex.extract(d).len()).sum::<usize>()));
    assert_eq!(quotes, quotes_all, "parallel and serial runs disagree");
    eprintln!(
        "{entries} names: {} patterns; bare AC {matches} matches in {:.2} s; {mentions} mentions in {:.2} s; \
         {quotes} quotes in {:.2} s (1 thread, {:.2} s CPU, {:.0} words/s) / {:.2} s ({} threads)",
        patterns.len(),
        bare.wall.as_secs_f64(),
        find.wall.as_secs_f64(),
        one.wall.as_secs_f64(),
        one.cpu.as_secs_f64(),
        words as f64 / one.cpu.as_secs_f64(),
        all.wall.as_secs_f64(),
        c.threads,
    );
    Row {
        names: entries,
        patterns: patterns.len(),
        build,
        memory: matcher.automaton_memory(),
        bare_build,
        bare,
        find,
        one,
        all,
        quotes,
    }
}

/// The bare scan with each kind of automaton aho-corasick offers (its own choice: a contiguous
/// NFA past 100 patterns), to show what a DFA would buy and cost.
fn kinds(c: &Config, docs: &[Document], bytes: usize) {
    use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
    println!("| names | patterns | kind | build (CPU) | memory | bare scan, per CPU-second |");
    println!("|---:|---:|---|---:|---:|---:|");
    for &names in &c.names {
        let ex = Extractor::new(support::gazetteer(names), Options::default()).expect("extractor");
        let patterns: Vec<String> = ex.matcher().patterns().collect();
        for kind in [AhoCorasickKind::NoncontiguousNFA, AhoCorasickKind::ContiguousNFA, AhoCorasickKind::DFA]
        {
            let (build, ac) = best(1, false, || {
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .ascii_case_insensitive(true)
                    .kind(Some(kind))
                    .build(&patterns)
            });
            let Ok(ac) = ac else {
                println!(
                    "| {names} | {} | {kind:?} | {:.0} ms | too large | |",
                    patterns.len(),
                    build.cpu.as_secs_f64() * 1e3
                );
                continue;
            };
            let (scan, _) = best(c.runs, false, || support::bare_count(&ac, docs));
            println!(
                "| {names} | {} | {kind:?} | {:.0} ms | {:.1} MB | {:.0} MB/s |",
                patterns.len(),
                build.cpu.as_secs_f64() * 1e3,
                ac.memory_usage() as f64 / 1e6,
                mb_s(bytes, scan.cpu)
            );
        }
    }
}
