//! `whosaid compare PATHS…`: extract the quotes of several articles and group those that report
//! the same statement, showing where the reports differ.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::ValueEnum;
use rayon::prelude::*;

use whosaid::compare::render::{ReportOptions, Summary};
use whosaid::compare::{html, records, render, CompareOptions, Comparer};
use whosaid::{Document, Extractor, Gazetteer, Options, QuoteRecord};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A readable report with word-level differences.
    Report,
    /// One JSON object per group per line.
    Jsonl,
    /// One row per member, with its group id.
    Csv,
    /// One self-contained HTML page with the groups side by side.
    Html,
}

/// When to colour the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// When writing to a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Group the quotes of several articles that report the same statement.
#[derive(Debug, clap::Args)]
#[command(after_help = "Only groups with quotes from at least two documents are reported.")]
pub struct Args {
    /// Articles: .txt files, .jsonl files (one article per line), folders of them, or - for JSONL on
    /// standard input.
    #[arg(value_name = "PATHS", required_unless_present = "records")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "report")]
    pub format: Format,
    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Compare the quotes of an existing extraction (`whosaid extract --format jsonl` output; - for
    /// standard input) instead of extracting from PATHS. Repeatable.
    #[arg(long, value_name = "FILE", conflicts_with = "paths")]
    pub records: Vec<PathBuf>,
    /// Least word-level similarity (0 to 1) of two quotes to count as variants of one statement.
    #[arg(long, default_value_t = 0.6, value_parser = unit_interval)]
    pub min_similarity: f64,
    /// Ignore index keys shared by more quotes than this when looking for candidate pairs.
    #[arg(long, default_value_t = 200, hide = true)]
    pub max_postings: usize,
    /// Add the people, organisations or countries in this CSV file to the built-in gazetteer.
    /// Repeatable.
    #[arg(long, value_name = "PATH")]
    pub gazetteer: Vec<PathBuf>,
    /// Also compare quotes without a speaker (scare quotes, titles).
    #[arg(long)]
    pub all: bool,
    /// Colour the report.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: Color,
}

fn unit_interval(s: &str) -> Result<f64, String> {
    let x: f64 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    if (0.0..=1.0).contains(&x) {
        Ok(x)
    } else {
        Err(format!("{x} is not between 0 and 1"))
    }
}

/// Runs the command: 0 when every input was read, 1 when some could not be (each named on
/// standard error, the rest compared).
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut gazetteer = Gazetteer::builtin().context("loading the built-in gazetteer")?;
    for path in &args.gazetteer {
        gazetteer.load_path(path).with_context(|| format!("loading gazetteer {}", path.display()))?;
    }
    let mut failed = false;
    let (quotes, documents) = if args.records.is_empty() {
        let extractor = Extractor::new(gazetteer.clone(), Options { all: args.all })?;
        let docs = read_documents(&args.paths, &mut failed);
        let quotes: Vec<QuoteRecord> = docs.par_iter().flat_map_iter(|d| extractor.extract(d)).collect();
        (quotes, docs.len())
    } else {
        let mut quotes = Vec::new();
        for path in &args.records {
            match read_records(path) {
                Ok(mut r) => quotes.append(&mut r),
                Err(e) => {
                    eprintln!("whosaid: {e:#}");
                    failed = true;
                }
            }
        }
        if !args.all {
            quotes.retain(|q| !q.speaker.is_empty());
        }
        let mut docs: Vec<&str> = quotes.iter().map(|q| q.doc.as_str()).collect();
        docs.sort_unstable();
        docs.dedup();
        let n = docs.len();
        (quotes, n)
    };
    let options = CompareOptions { min_similarity: args.min_similarity, max_postings: args.max_postings };
    let groups = Comparer::new(Some(&gazetteer), options).compare(&quotes);
    let summary = Summary { documents, quotes: quotes.len() };

    let to_terminal = args.output.is_none() && io::stdout().is_terminal();
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => to_terminal && std::env::var_os("NO_COLOR").is_none(),
    };
    let out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(File::create(p).with_context(|| format!("creating {}", p.display()))?),
        None => Box::new(io::stdout().lock()),
    };
    let out = BufWriter::new(out);
    let written = match args.format {
        Format::Report => render::write_report(out, &groups, &summary, &ReportOptions { color, width: 100 }),
        Format::Jsonl => render::write_jsonl(out, &groups),
        Format::Csv => render::write_csv(out, &groups),
        Format::Html => {
            html::write_html(out, &groups, &summary, "whosaid compare: one statement, several reports")
        }
    };
    match written {
        Ok(()) => {}
        // A closed pipe (`| head`) ends quietly.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        Err(e) => return Err(e).context("writing the output"),
    }
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn read_records(path: &Path) -> anyhow::Result<Vec<QuoteRecord>> {
    if path.as_os_str() == "-" {
        return Ok(records::read_records(io::stdin().lock(), "-")?);
    }
    let f = File::open(path).with_context(|| format!("{}", path.display()))?;
    Ok(records::read_records(BufReader::new(f), &path.display().to_string())?)
}

// TODO(input): replace the functions below with `whosaid::input` (paths → documents) once the
// `cli` branch lands on main; they are a stand-in that reads .txt and .jsonl files and folders.

fn read_documents(paths: &[PathBuf], failed: &mut bool) -> Vec<Document> {
    let mut files = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" || p.is_file() {
            files.push(p.clone());
        } else if p.is_dir() {
            collect(p, &mut files, failed);
        } else {
            eprintln!("whosaid: {}: no such file or folder", p.display());
            *failed = true;
        }
    }
    let mut docs = Vec::new();
    for f in files {
        match read_file(&f, &mut docs) {
            Ok(()) => {}
            Err(e) => {
                eprintln!("whosaid: {}: {e}", f.display());
                *failed = true;
            }
        }
    }
    docs
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>, failed: &mut bool) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("whosaid: {}: {e}", dir.display());
            *failed = true;
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            collect(&p, files, failed);
        } else if matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "jsonl")) {
            files.push(p);
        }
    }
}

fn read_file(path: &Path, docs: &mut Vec<Document>) -> io::Result<()> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        io::stdin().lock().read_to_end(&mut bytes)?;
    } else {
        File::open(path)?.read_to_end(&mut bytes)?;
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("whosaid: warning: {}: invalid UTF-8 replaced", path.display());
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let jsonl = path.as_os_str() == "-" || path.extension().is_some_and(|e| e == "jsonl");
    if !jsonl {
        docs.push(Document::new(stem, text));
        return Ok(());
    }
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let mut doc: Document = serde_json::from_str(line)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("line {}: {e}", n + 1)))?;
        if doc.id.is_empty() {
            doc.id = format!("{stem}:{}", n + 1);
        }
        docs.push(doc);
    }
    Ok(())
}
