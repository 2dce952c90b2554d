//! `whosaid extract`: quotes with their speakers, from files, folders or standard input.
//!
//! The run is a three-stage pipeline with bounded memory and deterministic output:
//! a reader thread turns the inputs into batches (at most [`DOCS_PER_THREAD`] documents per
//! worker thread, at least [`BATCH_DOCS`], or [`BATCH_BYTES`] of text, or less when standard
//! input has nothing more buffered); the main thread extracts each batch in parallel on a rayon
//! pool, where each document's records are also encoded (CSV or JSONL), writes the bytes in input
//! order and flushes. The main thread only copies bytes, so it keeps up with many workers. At most three batches exist at once (one being read, one queued, one being
//! extracted), so `whosaid extract -` works as a streaming mapper (Spark `RDD.pipe`, Hadoop
//! Streaming): JSONL in, JSONL out with `--format jsonl`, one flush per batch.
//!
//! Exit status (`docs/OUTPUT.md`): 0 when every input was processed, warnings (invalid UTF-8
//! replaced, a document id changed to stay unique) included; 1 when some input was skipped: a
//! missing or unreadable path, a binary, UTF-16 or otherwise non-UTF-8 file, a dangling link or
//! a FIFO in a folder, a document over `--max-doc-bytes`, a JSONL line that is not a document,
//! a document the extractor failed on; no article read at all (a folder of other files). Each
//! is named on stderr (`whosaid: FILE: message`,
//! `whosaid: FILE:LINE: message`; past five bad lines in one file the rest are counted) and the
//! others are written. 2 for a usage, gazetteer or output error, an `-o` that is an input, or
//! no input that exists, reported before anything is written; `-o FILE` is written to a
//! temporary file renamed at the end (`outfile`), so a run that fails later leaves no partial
//! file. A closed output pipe ends the run quietly with the status earned so far.

use std::io::{IsTerminal, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::{sync_channel, SyncSender, TryRecvError};
use std::time::Duration;

use anyhow::{Context, Result};
use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use whosaid::input::{Event, Inputs};
use whosaid::output::{quote_writer, Encoder, Format, QuoteOptions, Sink, QUOTE_FIELDS};
use whosaid::{Document, Error, ErrorKind, Extractor, Options, QuoteRecord};

use super::common::{GazetteerArgs, OutputArgs, RunArgs};

/// Most documents in one batch, whatever the number of threads.
const BATCH_DOCS: usize = 256;
/// Most documents in one batch per worker thread: with many threads, larger batches keep the
/// end of each batch (the workers wait for its slowest document) a small part of its time.
const DOCS_PER_THREAD: usize = 64;
/// Most text (bytes) in one batch; a batch ends once it holds this much.
const BATCH_BYTES: usize = 8 << 20;
/// Bad lines reported per JSONL file before the rest are only counted.
const SHOWN_BAD_LINES: u64 = 5;

/// Arguments of `whosaid extract`.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Inputs: a .txt file is one article, its id the file name without extension. A .jsonl file has
one article per line: {\"id\", \"text\", \"outlet\", \"date\", \"url\", \"title\"}, only text
required, id FILE:LINE by default. An .html or .htm file is a saved web page: its article's
paragraphs are read, with title, date and outlet from the page's metadata. Folders are read
recursively in name order (.txt, .jsonl, .ndjson, .html, .htm; names starting with '.' are
skipped). '-' reads JSONL from standard input (--input text: one plain-text article).

Output: CSV, unless --format or the extension of the -o file (.csv, .jsonl, .ndjson, .xlsx,
.txt for a table) says otherwise. As a streaming mapper (Spark pipe, Hadoop Streaming):
whosaid extract - --format jsonl

Document ids are unique within a run: a clash takes the path relative to its argument
(a/2024-01-01), then a #2 suffix, with a warning.

Exit status: 0 all inputs processed; 1 some inputs were skipped (each named on stderr, the
others processed) or no article was read; 2 usage, gazetteer or output error, -o naming an input, or no input exists
(nothing written; -o FILE is replaced only when the run succeeds). docs/OUTPUT.md describes
every field.")]
pub struct Args {
    /// Files or folders to read; `-` reads standard input (JSONL, or text with --input text).
    #[arg(required_unless_present = "text", value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Output format [default: csv, or what the extension of the -o file says].
    #[arg(long, short = 'f', value_enum)]
    format: Option<FormatArg>,

    #[command(flatten)]
    output: OutputArgs,

    /// Also list quoted spans without a speaker (scare quotes, titles).
    #[arg(long)]
    all: bool,

    /// Keep this field of the input JSONL with each quote, after the other fields (repeatable,
    /// or comma-separated).
    #[arg(long, value_name = "FIELD", value_delimiter = ',')]
    keep: Vec<String>,

    /// Read one plain-text article from standard input (the same as `- --input text`).
    #[arg(long)]
    text: bool,

    /// What `-` reads from standard input.
    #[arg(long, value_enum, default_value = "jsonl", value_name = "KIND")]
    input: InputArg,

    #[command(flatten)]
    gazetteer: GazetteerArgs,

    #[command(flatten)]
    run: RunArgs,

    /// Skip (and name) a document larger than SIZE: a text file, or a JSONL line. Bytes, or
    /// with a K, M or G suffix (powers of 1024).
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    max_doc_bytes: u64,
}

/// `123`, `64K`, `64M`, `1G` (powers of 1024; `KB`, `KiB` and lower case accepted too).
fn parse_size(s: &str) -> std::result::Result<u64, String> {
    let t = s.trim();
    let t = t.strip_suffix(['b', 'B']).unwrap_or(t);
    let t = t.strip_suffix('i').unwrap_or(t);
    let (digits, shift) = match t.char_indices().last() {
        Some((i, 'k' | 'K')) => (&t[..i], 10),
        Some((i, 'm' | 'M')) => (&t[..i], 20),
        Some((i, 'g' | 'G')) => (&t[..i], 30),
        _ => (t, 0),
    };
    let n: u64 = digits.trim().parse().map_err(|_| format!("`{s}` is not a size (such as 64M)"))?;
    n.checked_mul(1 << shift).filter(|&n| n > 0).ok_or_else(|| format!("`{s}` is not a usable size"))
}

/// What standard input holds.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum InputArg {
    /// One article per line: {"id", "text", …}.
    Jsonl,
    /// One plain-text article.
    Text,
}

/// Output formats, as spelled on the command line.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum FormatArg {
    Csv,
    Jsonl,
    Table,
    /// An Excel workbook.
    Xlsx,
}

/// The format each output file extension asks for.
const EXTENSIONS: &[(&str, FormatArg)] = &[
    ("csv", FormatArg::Csv),
    ("jsonl", FormatArg::Jsonl),
    ("ndjson", FormatArg::Jsonl),
    ("txt", FormatArg::Table),
    ("xlsx", FormatArg::Xlsx),
];

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Csv => Format::Csv,
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Table => Format::Table,
            FormatArg::Xlsx => Format::Xlsx,
        }
    }
}

/// Runs `whosaid extract`.
pub fn run(args: Args) -> Result<ExitCode> {
    // Everything that can fail before any output comes first, so a usage or gazetteer error
    // leaves nothing written (not even an empty -o file).
    let extractor = Extractor::new(args.gazetteer.load()?, Options { all: args.all })?;
    let mut paths = args.paths;
    if args.text && paths.is_empty() {
        paths.push("-".into());
    }
    check_some_input_exists(&paths)?;
    let pool = args.run.pool()?;
    let batch_docs = BATCH_DOCS.max(DOCS_PER_THREAD * pool.current_num_threads());
    let format: Format = args
        .output
        .format(args.format, EXTENSIONS, FormatArg::Csv, |f| format!("{f:?}").to_lowercase())?
        .into();
    let keep = kept_fields(&args.keep)?;
    let to_file = args.output.file();
    if format == Format::Xlsx && to_file.is_none() && std::io::stdout().is_terminal() {
        anyhow::bail!("a workbook is not for a terminal: write it to a file with -o FILE.xlsx");
    }
    let (out, out_file) = args.output.open(format == Format::Csv && args.output.bom(), &paths)?;
    let width = match to_file {
        None if std::io::stdout().is_terminal() => {
            let columns = || std::env::var("COLUMNS").ok()?.parse().ok();
            console::Term::stdout().size_checked().map(|(_, w)| w.into()).or_else(columns)
        }
        _ => None,
    };
    let options = QuoteOptions { csv_safe: args.output.csv_safe(), width, keep: keep.clone() };
    let mut sink = quote_writer(format, out, &options)?;

    let mut report = Reporter::new(args.run.quiet);
    let (tx, rx) = sync_channel::<Batch>(1);
    let from_stdin = paths.iter().any(|p| p.as_os_str() == "-");
    let stdin_text = args.text || args.input == InputArg::Text;
    let inputs = Inputs::new(paths).max_doc_bytes(args.max_doc_bytes).stdin_text(stdin_text).keep(keep);
    std::thread::Builder::new()
        .name("whosaid-reader".into())
        .spawn(move || read_batches(inputs, tx, batch_docs))
        .context("cannot start the reader thread")?;

    // Batch N is written on this thread while the pool extracts (and encodes) batch N + 1, so
    // that writing (serial) overlaps extraction (parallel).
    let encoder = sink.encoder();
    let extract_batch = |batch: &Batch| -> Extracted {
        batch
            .docs
            .par_iter()
            .map(|doc| catch_unwind(AssertUnwindSafe(|| extract_doc(&extractor, encoder, doc))))
            .collect()
    };
    let written = (|| -> Result<()> {
        let mut pending: Option<(Batch, Extracted)> = None;
        loop {
            // With nothing more ready (a slow producer on standard input), write now rather than
            // hold records back until the next batch arrives.
            let next = match pending.take() {
                None => rx.recv().ok(),
                Some(p) => match rx.try_recv() {
                    Ok(batch) => {
                        pending = Some(p);
                        Some(batch)
                    }
                    Err(TryRecvError::Empty) => {
                        write_batch(&mut report, sink.as_mut(), p.0, &p.1)?;
                        rx.recv().ok()
                    }
                    Err(TryRecvError::Disconnected) => {
                        pending = Some(p);
                        None
                    }
                },
            };
            if next.is_none() && pending.is_none() {
                break;
            }
            let mut next_results: Option<Extracted> = None;
            let mut outcome: Result<()> = Ok(());
            pool.in_place_scope(|scope| {
                if let Some(batch) = &next {
                    let slot = &mut next_results;
                    scope.spawn(move |_| *slot = Some(extract_batch(batch)));
                }
                if let Some((batch, results)) = pending.take() {
                    outcome = write_batch(&mut report, sink.as_mut(), batch, &results);
                }
            });
            outcome?;
            pending = next.map(|b| {
                let results = next_results.unwrap_or_default();
                (b, results)
            });
        }
        report.suspend(|| sink.finish())?;
        Ok(())
    })();
    report.finish();
    let closed = matches!(&written, Err(e) if super::is_broken_pipe(e));
    match written {
        // The reader of our output has gone: stop quietly, with the status earned so far.
        Err(e) if super::is_broken_pipe(&e) => {}
        // The temporary output file goes with `out_file`: an existing file is left as it was.
        Err(e) => return Err(e.context("cannot write the output")),
        Ok(()) => {}
    }
    drop(sink);
    if let Some(file) = out_file {
        file.commit()?;
    }
    if report.docs == 0 && report.failures == 0 && !from_stdin && !closed {
        report.say(format_args!("no article was read"));
        report.failures += 1;
    }
    Ok(if report.failures > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The --keep fields, checked: none may be a field the records already have.
fn kept_fields(keep: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for field in keep.iter().map(|f| f.trim()).filter(|f| !f.is_empty()) {
        if QUOTE_FIELDS.contains(&field) {
            anyhow::bail!("--keep {field}: every record already has a `{field}` field");
        }
        if !out.iter().any(|f| f == field) {
            out.push(field.to_string());
        }
    }
    Ok(out)
}

/// Fails, before anything is written, when not one of the paths exists: a mistyped path should
/// not leave an empty output behind.
fn check_some_input_exists(paths: &[PathBuf]) -> Result<()> {
    let mut missing = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) if path.as_os_str() != "-" => missing.push(format!("{}: {}", path.display(), plain(&e))),
            _ => return Ok(()),
        }
    }
    anyhow::bail!("no input to read ({})", missing.join("; "))
}

/// An I/O error's text without "(os error N)", which helps nobody.
fn plain(e: &dyn std::fmt::Display) -> String {
    let message = e.to_string();
    match message.rsplit_once(" (os error ") {
        Some((m, n)) if n.trim_end_matches(')').bytes().all(|b| b.is_ascii_digit()) => m.to_string(),
        _ => message,
    }
}

/// One document's output: its records, or the bytes the sink's encoder made of them.
enum DocOutput {
    Records(Vec<QuoteRecord>),
    Encoded(Vec<u8>),
}

/// The outputs of a batch's documents, in input order (an `Err` where extraction panicked).
type Extracted = Vec<std::thread::Result<whosaid::Result<DocOutput>>>;

/// How many records are encoded at a time.
const ENCODE_RUN: usize = 64;

/// Extracts one document and, with an encoder, encodes its records (on a worker thread).
fn extract_doc(
    extractor: &Extractor,
    encoder: Option<Encoder>,
    doc: &Document,
) -> whosaid::Result<DocOutput> {
    let Some(encoder) = encoder else { return Ok(DocOutput::Records(extractor.extract(doc))) };
    // Records are encoded in small runs as they are found, so a large document's records are
    // never all held at once next to their bytes.
    let mut bytes = Vec::new();
    let mut run = Vec::with_capacity(ENCODE_RUN);
    let mut result = Ok(());
    extractor.extract_each(doc, |r| {
        if result.is_ok() {
            run.push(r);
            if run.len() == ENCODE_RUN {
                result = encoder.encode(&run, &mut bytes);
                run.clear();
            }
        }
    });
    result?;
    encoder.encode(&run, &mut bytes)?;
    Ok(DocOutput::Encoded(bytes))
}

/// Reports a batch's notes and crashes, writes its records in input order and flushes.
fn write_batch(
    report: &mut Reporter,
    sink: &mut dyn Sink<QuoteRecord>,
    batch: Batch,
    results: &Extracted,
) -> Result<()> {
    for note in batch.notes {
        report.note(note);
    }
    for (doc, result) in batch.docs.iter().zip(results) {
        if let Err(panic) = result {
            report.crashed(doc, panic.as_ref());
        }
    }
    report.suspend(|| -> Result<()> {
        for output in results.iter().flatten() {
            match output {
                Ok(DocOutput::Records(records)) => records.iter().try_for_each(|r| sink.write(r))?,
                Ok(DocOutput::Encoded(bytes)) => sink.write_encoded(bytes)?,
                Err(e) => return Err(Error::other(e.to_string()).into()),
            }
        }
        Ok(sink.flush()?)
    })?;
    report.progress(batch.docs.len() as u64, batch.bytes);
    Ok(())
}

/// A group of documents read together, with what went wrong while reading them.
#[derive(Default)]
struct Batch {
    docs: Vec<Document>,
    notes: Vec<Event>,
    bytes: u64,
}

/// The reader thread: batches of at most `batch_docs` documents until the inputs end or the main
/// thread stops listening.
fn read_batches(mut inputs: Inputs, tx: SyncSender<Batch>, batch_docs: usize) {
    let mut ended = false;
    while !ended {
        let mut batch = Batch::default();
        loop {
            let Some(event) = inputs.next() else {
                ended = true;
                break;
            };
            match event {
                Event::Document(doc) => {
                    batch.bytes += doc.text.len() as u64;
                    batch.docs.push(doc);
                }
                note => batch.notes.push(note),
            }
            let full = batch.docs.len() >= batch_docs
                || batch.bytes >= BATCH_BYTES as u64
                || batch.notes.len() >= batch_docs;
            if full || inputs.idle() {
                break;
            }
        }
        if (!batch.docs.is_empty() || !batch.notes.is_empty()) && tx.send(batch).is_err() {
            return;
        }
    }
}

/// Messages on stderr, the progress bar, and the count of inputs skipped (for the exit status).
struct Reporter {
    quiet: bool,
    bar: Option<ProgressBar>,
    failures: u64,
    docs: u64,
    /// Bad JSONL lines per file, to show only the first few.
    bad_lines: Vec<(String, u64)>,
}

impl Reporter {
    fn new(quiet: bool) -> Reporter {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::new_spinner();
            if let Ok(style) = ProgressStyle::with_template(
                "{spinner} {elapsed} {msg} docs, {binary_bytes} ({binary_bytes_per_sec})",
            ) {
                bar.set_style(style);
            }
            bar.set_message("0");
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Reporter { quiet, bar, failures: 0, docs: 0, bad_lines: Vec::new() }
    }

    /// Runs `f` with the progress bar hidden, so output to a terminal is not garbled.
    fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    fn say(&self, line: std::fmt::Arguments) {
        // A closed stderr is not worth dying for.
        self.suspend(|| {
            let _ = writeln!(std::io::stderr(), "whosaid: {line}");
        });
    }

    fn note(&mut self, event: Event) {
        match event {
            Event::Warning(e) if !self.quiet => self.say(format_args!("warning: {e}")),
            Event::Skipped(e) => {
                self.failures += 1;
                if self.count_bad_line(&e) <= SHOWN_BAD_LINES {
                    self.say(format_args!("{}", plain(&e)));
                }
            }
            _ => {}
        }
    }

    /// How many bad lines its file has had so far, this one included (0 if not a line error).
    fn count_bad_line(&mut self, e: &Error) -> u64 {
        let ErrorKind::Input { file, .. } = e.kind() else { return 0 };
        match self.bad_lines.iter_mut().find(|(f, _)| f == file) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                self.bad_lines.push((file.clone(), 1));
                1
            }
        }
    }

    fn crashed(&mut self, doc: &Document, panic: &(dyn std::any::Any + Send)) {
        self.failures += 1;
        let what = panic
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("panic");
        self.say(format_args!("{}: internal error, document skipped (please report it): {what}", doc.id));
    }

    fn progress(&mut self, docs: u64, bytes: u64) {
        self.docs += docs;
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
            bar.set_message(self.docs.to_string());
        }
    }

    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        for (file, n) in std::mem::take(&mut self.bad_lines) {
            if n > SHOWN_BAD_LINES {
                self.say(format_args!(
                    "{file}: {} more bad lines not shown ({n} in all)",
                    n - SHOWN_BAD_LINES
                ));
            }
        }
    }
}
