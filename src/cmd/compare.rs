//! `whosaid compare PATHS…`: extract the quotes of several articles and group those that report
//! the same statement, showing where the reports differ.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::ValueEnum;
use rayon::prelude::*;

use whosaid::compare::render::{ReportOptions, Summary};
use whosaid::compare::store::Quotes;
use whosaid::compare::{html, records, render, CompareOptions, Comparer};
use whosaid::input::{Event, Inputs};
use whosaid::{Document, Extractor, Options, QuoteKind, QuoteRecord};

use super::common::{GazetteerArgs, OutputArgs, RunArgs};

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
    /// An Excel workbook: a sheet of the quotes compared and one of the groups.
    Xlsx,
}

/// The format each output file extension asks for.
const EXTENSIONS: &[(&str, Format)] = &[
    ("csv", Format::Csv),
    ("htm", Format::Html),
    ("html", Format::Html),
    ("jsonl", Format::Jsonl),
    ("ndjson", Format::Jsonl),
    ("txt", Format::Report),
    ("xlsx", Format::Xlsx),
];

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
#[command(after_help = "Only groups with quotes from at least two documents are reported.

Output: a readable report, unless --format or the extension of the -o file (.txt, .csv, .jsonl,
.ndjson, .html, .htm, .xlsx) says otherwise. docs/OUTPUT.md describes every field.")]
pub struct Args {
    /// Articles: .txt files, .jsonl files (one article per line), folders of them, or - for JSONL on
    /// standard input.
    #[arg(value_name = "PATHS", required_unless_present = "records")]
    pub paths: Vec<PathBuf>,
    /// Output format [default: report, or what the extension of the -o file says].
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Compare the quotes of an existing extraction (`whosaid extract --format jsonl` output; - for
    /// standard input) instead of extracting from PATHS. Repeatable.
    #[arg(long, value_name = "FILE", conflicts_with = "paths")]
    pub records: Vec<PathBuf>,
    /// Least word-level similarity (0 to 1) of two quotes to count as variants of one statement
    /// (Dice over the stretch both cover). It applies to variants only: a contained quote or a
    /// paraphrase (content words recurring in order) is judged by its own rules, and its
    /// similarity (share kept, or Dice over content words) may be lower.
    #[arg(long, default_value_t = 0.6, value_parser = unit_interval)]
    pub min_similarity: f64,
    /// Ignore index keys shared by more quotes than this when looking for candidate pairs.
    #[arg(long, default_value_t = 100, hide = true)]
    pub max_postings: usize,
    #[command(flatten)]
    pub gazetteer: GazetteerArgs,
    #[command(flatten)]
    pub run: RunArgs,
    /// Also compare fragments without a speaker (scare quotes, titles); whole sentences without
    /// one are always compared.
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
    // Everything that can fail before any output comes first: a gazetteer error writes nothing.
    let gazetteer = args.gazetteer.load()?;
    let format =
        args.output.format(args.format, EXTENSIONS, Format::Report, |f| format!("{f:?}").to_lowercase())?;
    let pool = args.run.pool()?;
    let mut failed = false;
    let (mut quotes, documents) = if args.records.is_empty() {
        let extractor = Extractor::new(gazetteer.clone(), Options { all: true })?;
        pool.install(|| extract_all(&extractor, &args.paths, args.run.quiet, &mut failed))
    } else {
        let mut quotes = Quotes::new();
        for path in &args.records {
            let mut bad_line = |e: whosaid::Error| {
                eprintln!("whosaid: {e} (line skipped)");
                failed = true;
            };
            let before = quotes.len();
            if let Err(e) = read_quotes(path, &mut quotes, &mut bad_line) {
                // A file that cannot be read to its end adds nothing.
                quotes.truncate(before);
                eprintln!("whosaid: {e:#}");
                failed = true;
            }
        }
        let n = quotes.documents();
        (quotes, n)
    };
    if !args.all {
        // A whole sentence without a speaker may still be a report of a statement (the
        // matcher asks it for a long match); a fragment without one is a scare quote or a title.
        quotes.retain(|q| !q.speaker.is_empty() || q.kind == QuoteKind::Full);
    }
    quotes.shrink_to_fit();
    let options = CompareOptions { min_similarity: args.min_similarity, max_postings: args.max_postings };
    let comparer = Comparer::new(Some(&gazetteer), options);
    let summary = Summary { documents, quotes: quotes.len() };

    let to_file = args.output.file();
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            to_file.is_none() && io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let csv_safe = args.output.csv_safe();
    if format == Format::Xlsx && to_file.is_none() && io::stdout().is_terminal() {
        anyhow::bail!("a workbook is not for a terminal: write it to a file with -o FILE.xlsx");
    }
    let (out, out_file) = args.output.open(format == Format::Csv && args.output.bom(), &args.paths)?;
    let out = BufWriter::new(out);
    let title = "whosaid compare: one statement, several reports";
    let groups = || pool.install(|| comparer.compare_quotes(&quotes));
    let written = match format {
        Format::Report => {
            render::write_report(out, &groups(), &summary, &ReportOptions { color, width: 100 })
        }
        // Each group is written as it is built: the groups of a large comparison are never all
        // held at once. (The writer may hold the standard output's lock, which stays on this
        // thread; the groups come from the worker pool through a short queue.)
        Format::Jsonl => std::thread::scope(|s| {
            let (tx, rx) = std::sync::mpsc::sync_channel(64);
            let (pool, comparer, quotes) = (&pool, &comparer, &quotes);
            // A send fails only when the writer has stopped (its error is returned below).
            s.spawn(move || {
                pool.install(|| comparer.compare_quotes_each(quotes, |g| tx.send(g).map_err(drop)))
            });
            let mut w = render::JsonlWriter(out);
            for g in rx {
                w.write(&g)?;
            }
            w.finish()
        }),
        Format::Csv => render::write_csv(out, &groups(), csv_safe),
        Format::Html => html::write_html(out, &groups(), &summary, title),
        Format::Xlsx => render::write_xlsx(out, &quotes, &groups()),
    };
    match written.map_err(anyhow::Error::from) {
        Ok(()) => {}
        // The reader of our output has gone (`| head`): stop quietly.
        Err(e) if super::is_broken_pipe(&e) => {}
        Err(e) => return Err(e.context("cannot write the output")),
    }
    if let Some(file) = out_file {
        file.commit()?;
    }
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The quotes of all documents of the inputs, and how many documents there were. Documents
/// are extracted in batches and dropped, so only the quotes stay in memory. Warnings and
/// skipped inputs are named on standard error; a skipped input sets `failed`.
fn extract_all(extractor: &Extractor, paths: &[PathBuf], quiet: bool, failed: &mut bool) -> (Quotes, usize) {
    /// Documents extracted at once.
    const BATCH: usize = 256;
    let mut quotes = Quotes::new();
    let mut batch: Vec<Document> = Vec::with_capacity(BATCH);
    let mut documents = 0;
    let flush = |batch: &mut Vec<Document>, quotes: &mut Quotes| {
        let found: Vec<QuoteRecord> = batch.par_iter().flat_map_iter(|d| extractor.extract(d)).collect();
        for r in &found {
            quotes.push(r.into());
        }
        batch.clear();
    };
    for event in Inputs::new(paths.iter().cloned()) {
        match event {
            Event::Document(doc) => {
                documents += 1;
                batch.push(doc);
                if batch.len() == BATCH {
                    flush(&mut batch, &mut quotes);
                }
            }
            Event::Warning(e) if !quiet => eprintln!("whosaid: warning: {e}"),
            Event::Warning(_) => {}
            Event::Skipped(e) => {
                eprintln!("whosaid: {e}");
                *failed = true;
            }
        }
    }
    flush(&mut batch, &mut quotes);
    (quotes, documents)
}

/// Reads the records of one file (or `-`) into `quotes`; a bad line is passed to `bad_line`
/// and skipped.
fn read_quotes(
    path: &Path,
    quotes: &mut Quotes,
    bad_line: &mut dyn FnMut(whosaid::Error),
) -> anyhow::Result<()> {
    if path.as_os_str() == "-" {
        return Ok(records::read_quotes_skipping(io::stdin().lock(), "-", quotes, bad_line)?);
    }
    let f = File::open(path).with_context(|| format!("{}", path.display()))?;
    Ok(records::read_quotes_skipping(BufReader::new(f), &path.display().to_string(), quotes, bad_line)?)
}
