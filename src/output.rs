//! Output: writers that turn records into CSV, JSONL, an Excel workbook ([`xlsx`]) or an
//! aligned terminal table.
//!
//! All writers implement [`Sink`], so a command writes records one at a time, calls
//! [`Sink::flush`] at the end of each batch (a streaming consumer sees complete lines) and
//! [`Sink::finish`] once at the end. [`CsvSink`] and [`JsonlSink`] take any `Serialize` record
//! whose fields are flat values; the field order of the struct is the column order
//! (`docs/OUTPUT.md`).
//! [`TableSink`] is for [`QuoteRecord`]s shown to a person.
//!
//! CSV formula safety: a spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` (and
//! some also one that begins with a tab or a carriage return) as a formula, so a quote such as
//! `=HYPERLINK(…)` in an article could run when the CSV is opened. With `csv_safe` on, such a
//! text cell gets a leading `'`, which spreadsheets hide and scripts see. It changes the data
//! (a quote `-- and so` becomes `'-- and so`), so it is off for standard output, where a script
//! is the usual reader, and the command line turns it on by default when writing to a `.csv`
//! file, which is likely to be opened in a spreadsheet. JSONL is never altered.
//!
//! ```
//! use whosaid::output::{CsvSink, Sink};
//!
//! #[derive(serde::Serialize)]
//! struct Row<'a> { doc: &'a str, quote: &'a str }
//!
//! let mut out = Vec::new();
//! let mut sink = CsvSink::new(&mut out, &["doc", "quote"], true);
//! sink.write(&Row { doc: "a", quote: "=1+1" }).unwrap();
//! sink.finish().unwrap();
//! drop(sink);
//! assert_eq!(String::from_utf8(out).unwrap(), "doc,quote\na,'=1+1\n");
//! ```

use std::io::Write;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::record::QuoteRecord;
pub use formula::looks_like_formula;
use formula::FormulaSafe;
pub use table::TableSink;

mod formula;
mod kept;
mod table;
#[cfg(feature = "xlsx")]
pub mod xlsx;

/// The column names of a [`QuoteRecord`], in `docs/OUTPUT.md` order (the CSV header).
pub const QUOTE_FIELDS: &[&str] = &[
    "doc",
    "outlet",
    "paragraph",
    "start",
    "end",
    "quote",
    "kind",
    "speaker",
    "speaker_id",
    "role",
    "known_role",
    "cue",
    "method",
    "mention",
    "confidence",
    "date",
    "url",
    "title",
];

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// RFC 4180 CSV with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
    /// An aligned table for a terminal.
    Table,
    /// An Excel workbook (`.xlsx`), see [`xlsx`].
    Xlsx,
}

impl Format {
    /// The format a file name asks for by its extension (`.csv`, `.jsonl`, `.ndjson`,
    /// `.xlsx`), if any.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Format::Csv),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }
}

/// A destination for records of type `T`.
pub trait Sink<T: ?Sized> {
    /// Writes one record (possibly into a buffer).
    fn write(&mut self, record: &T) -> Result<()>;
    /// Pushes everything written so far to the underlying writer: call it after each batch.
    fn flush(&mut self) -> Result<()>;
    /// Ends the output (a CSV with no records still gets its header), then flushes.
    fn finish(&mut self) -> Result<()> {
        self.flush()
    }
    /// How this sink's records can be encoded apart from it (by worker threads, in parallel)
    /// and handed back with [`Sink::write_encoded`]; `None` when the sink must see every
    /// record itself (an aligned table measures all of them).
    fn encoder(&self) -> Option<Encoder> {
        None
    }
    /// Writes bytes that this sink's [`Sink::encoder`] made, as if their records had been
    /// written one by one. Only called on a sink that has an encoder.
    fn write_encoded(&mut self, _bytes: &[u8]) -> Result<()> {
        Err(Error::other("this output format encodes its records itself"))
    }
}

impl<T: ?Sized, S: Sink<T> + ?Sized> Sink<T> for Box<S> {
    fn write(&mut self, record: &T) -> Result<()> {
        (**self).write(record)
    }
    fn flush(&mut self) -> Result<()> {
        (**self).flush()
    }
    fn encoder(&self) -> Option<Encoder> {
        (**self).encoder()
    }
    fn write_encoded(&mut self, bytes: &[u8]) -> Result<()> {
        (**self).write_encoded(bytes)
    }
    fn finish(&mut self) -> Result<()> {
        (**self).finish()
    }
}

/// A writer for [`QuoteRecord`]s in `format`. `csv_safe` applies to CSV; `width` is the terminal
/// width a table must fit in (`None`: quotes are not cut).
pub fn quote_sink<'w>(
    format: Format,
    out: impl Write + 'w,
    csv_safe: bool,
    width: Option<usize>,
) -> Box<dyn Sink<QuoteRecord> + 'w> {
    quote_writer(format, out, &QuoteOptions { csv_safe, width, keep: Vec::new() })
        .expect("a workbook with the fixed columns can always be started")
}

/// How [`quote_writer`] writes quote records.
#[derive(Debug, Clone, Default)]
pub struct QuoteOptions {
    /// Guard CSV cells against spreadsheet formulas (see the module documentation).
    pub csv_safe: bool,
    /// The terminal width a table must fit in (`None`: quotes are not cut).
    pub width: Option<usize>,
    /// Input fields kept with each record (`--keep`): columns after the record's own.
    pub keep: Vec<String>,
}

/// A writer for [`QuoteRecord`]s in `format`, with the record's kept input fields after its
/// own (CSV, JSONL and workbooks; a table shows only the record's fields).
pub fn quote_writer<'w>(
    format: Format,
    out: impl Write + 'w,
    options: &QuoteOptions,
) -> Result<Box<dyn Sink<QuoteRecord> + 'w>> {
    let keep = options.keep.clone();
    let mut columns: Vec<&str> = QUOTE_FIELDS.to_vec();
    columns.extend(keep.iter().map(String::as_str));
    Ok(match format {
        Format::Csv if keep.is_empty() => Box::new(CsvSink::new(out, QUOTE_FIELDS, options.csv_safe)),
        Format::Csv => {
            Box::new(kept::KeptCsvSink { csv: CsvSink::new(out, &columns, options.csv_safe), keep })
        }
        Format::Jsonl if keep.is_empty() => Box::new(JsonlSink::new(out)),
        Format::Jsonl => Box::new(kept::KeptJsonlSink { jsonl: JsonlSink::new(out), keep }),
        Format::Table => Box::new(TableSink::new(out, options.width)),
        #[cfg(feature = "xlsx")]
        Format::Xlsx => Box::new(xlsx::XlsxSink::new(out, &columns)?),
        #[cfg(not(feature = "xlsx"))]
        Format::Xlsx => return Err(Error::other("whosaid was built without the `xlsx` feature")),
    })
}

fn io_error(e: std::io::Error) -> Error {
    Error::io(None, e)
}

fn csv_error(e: csv::Error) -> Error {
    // Keep the I/O error itself (a closed pipe must stay recognisable as one).
    if !e.is_io_error() {
        return io_error(std::io::Error::other(e.to_string()));
    }
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io_error(io),
        other => io_error(std::io::Error::other(format!("{other:?}"))),
    }
}

/// Record encodings that need no state beyond one record, so that records can be encoded on
/// any thread and the bytes concatenated: the same bytes as the sink writing them one by one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoder {
    /// CSV rows without the header, formula-safe or not (see [`CsvSink`]).
    Csv {
        /// Whether formula-like cells get a leading `'`.
        safe: bool,
    },
    /// JSON lines with U+2028 and U+2029 escaped (see [`JsonlSink`]).
    Jsonl,
}

impl Encoder {
    /// Appends `records`, encoded, to `buf`.
    pub fn encode<T: Serialize>(self, records: &[T], buf: &mut Vec<u8>) -> Result<()> {
        match self {
            Encoder::Csv { safe } => {
                let mut writer = csv::WriterBuilder::new().has_headers(false).from_writer(&mut *buf);
                for record in records {
                    let result =
                        if safe { writer.serialize(FormulaSafe(record)) } else { writer.serialize(record) };
                    result.map_err(csv_error)?;
                }
                writer.flush().map_err(io_error)
            }
            Encoder::Jsonl => {
                let mut line = Vec::new();
                for record in records {
                    line.clear();
                    serde_json::to_writer(&mut line, record).map_err(|e| io_error(e.into()))?;
                    line.push(b'\n');
                    write_escaping_separators(buf, &line).map_err(io_error)?;
                }
                Ok(())
            }
        }
    }
}

/// CSV with a header row (RFC 4180, via the csv crate), optionally formula-safe.
pub struct CsvSink<W: Write> {
    out: std::io::BufWriter<W>,
    header: Vec<String>,
    header_written: bool,
    safe: bool,
    /// One record, encoded before it is written.
    row: Vec<u8>,
}

impl<W: Write> CsvSink<W> {
    /// A CSV writer with the given header. Records must serialize to the same columns.
    pub fn new(out: W, header: &[&str], csv_safe: bool) -> CsvSink<W> {
        CsvSink {
            out: std::io::BufWriter::with_capacity(64 * 1024, out),
            header: header.iter().map(|h| h.to_string()).collect(),
            header_written: false,
            safe: csv_safe,
            row: Vec::new(),
        }
    }

    fn write_header(&mut self) -> Result<()> {
        if !self.header_written {
            self.header_written = true;
            let mut header = Vec::new();
            Encoder::Csv { safe: false }.encode(&[&self.header], &mut header)?;
            self.out.write_all(&header).map_err(io_error)?;
        }
        Ok(())
    }

    /// Pushes the records written so far to the underlying writer.
    pub fn flush(&mut self) -> Result<()> {
        self.out.flush().map_err(io_error)
    }

    /// Writes the header if no record did, then flushes.
    pub fn finish(&mut self) -> Result<()> {
        self.write_header()?;
        self.flush()
    }
}

impl<W: Write, T: Serialize + ?Sized> Sink<T> for CsvSink<W> {
    fn write(&mut self, record: &T) -> Result<()> {
        self.row.clear();
        Encoder::Csv { safe: self.safe }.encode(&[record], &mut self.row)?;
        self.write_header()?;
        self.out.write_all(&self.row).map_err(io_error)
    }

    fn flush(&mut self) -> Result<()> {
        CsvSink::flush(self)
    }

    fn finish(&mut self) -> Result<()> {
        CsvSink::finish(self)
    }

    fn encoder(&self) -> Option<Encoder> {
        Some(Encoder::Csv { safe: self.safe })
    }

    fn write_encoded(&mut self, bytes: &[u8]) -> Result<()> {
        self.write_header()?;
        self.out.write_all(bytes).map_err(io_error)
    }
}

/// One JSON object per line, fields in struct order. U+2028 and U+2029, which JSON allows raw
/// but which some readers (JavaScript, line splitters) take for line ends, are written escaped
/// (`\u2028`, `\u2029`), so every record is exactly one line for any reader.
pub struct JsonlSink<W: Write> {
    out: std::io::BufWriter<W>,
    /// One record, encoded before it is written.
    line: Vec<u8>,
}

impl<W: Write> JsonlSink<W> {
    /// A JSONL writer.
    pub fn new(out: W) -> JsonlSink<W> {
        JsonlSink { out: std::io::BufWriter::with_capacity(64 * 1024, out), line: Vec::new() }
    }

    /// Pushes the lines written so far to the underlying writer.
    pub fn flush(&mut self) -> Result<()> {
        self.out.flush().map_err(io_error)
    }
}

impl<W: Write, T: Serialize + ?Sized> Sink<T> for JsonlSink<W> {
    fn write(&mut self, record: &T) -> Result<()> {
        self.line.clear();
        Encoder::Jsonl.encode(&[record], &mut self.line)?;
        self.out.write_all(&self.line).map_err(io_error)
    }

    fn flush(&mut self) -> Result<()> {
        JsonlSink::flush(self)
    }

    fn encoder(&self) -> Option<Encoder> {
        Some(Encoder::Jsonl)
    }

    fn write_encoded(&mut self, bytes: &[u8]) -> Result<()> {
        self.out.write_all(bytes).map_err(io_error)
    }
}

/// Writes JSON text with U+2028 and U+2029 (UTF-8 `E2 80 A8`, `E2 80 A9`) escaped.
fn write_escaping_separators(out: &mut impl Write, json: &[u8]) -> std::io::Result<()> {
    let mut rest = json;
    while let Some(i) = memchr::memmem::find(rest, b"\xE2\x80").filter(|&i| i + 2 < rest.len()) {
        let escaped: &[u8] = match rest[i + 2] {
            0xA8 => b"\\u2028",
            0xA9 => b"\\u2029",
            _ => {
                out.write_all(&rest[..i + 2])?;
                rest = &rest[i + 2..];
                continue;
            }
        };
        out.write_all(&rest[..i])?;
        out.write_all(escaped)?;
        rest = &rest[i + 3..];
    }
    out.write_all(rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Method, QuoteKind};
    use unicode_width::UnicodeWidthStr;

    fn record(doc: &str, quote: &str, speaker: &str) -> QuoteRecord {
        QuoteRecord {
            doc: doc.into(),
            outlet: "Reuters".into(),
            paragraph: 3,
            start: 10,
            end: 10 + quote.chars().count() as u64,
            quote: quote.into(),
            kind: QuoteKind::Full,
            speaker: speaker.into(),
            speaker_id: String::new(),
            role: "spokesman".into(),
            known_role: String::new(),
            cue: "said".into(),
            method: Some(Method::Explicit),
            mention: speaker.into(),
            confidence: 0.9,
            ..QuoteRecord::default()
        }
    }

    fn csv(records: &[QuoteRecord], safe: bool) -> String {
        let mut out = Vec::new();
        let mut sink = quote_sink(Format::Csv, &mut out, safe, None);
        for r in records {
            sink.write(r).unwrap();
        }
        sink.finish().unwrap();
        drop(sink);
        String::from_utf8(out).unwrap()
    }

    /// Workers encode records apart from the sink (`Sink::encoder`) and the sink writes the
    /// bytes: the output must be the bytes of the records written one by one, for CSV (safe or
    /// not, header once) and JSONL (line separators escaped).
    #[test]
    fn encoded_chunks_write_the_same_bytes_as_records_one_by_one() {
        let records = [
            record("a", "=HYPERLINK(1), \"quoted\"", "Ann Roe"),
            record("a", "line\u{2028}break", "Tom Lee"),
            record("b", "plain", "Mia"),
        ];
        for format in [Format::Csv, Format::Jsonl] {
            for safe in [false, true] {
                let (mut one_by_one, mut chunked) = (Vec::new(), Vec::new());
                let mut sink = quote_sink(format, &mut one_by_one, safe, None);
                records.iter().try_for_each(|r| sink.write(r)).unwrap();
                sink.finish().unwrap();
                drop(sink);
                let mut sink = quote_sink(format, &mut chunked, safe, None);
                let encoder = sink.encoder().expect("CSV and JSONL have an encoder");
                for chunk in records.chunks(2) {
                    let mut bytes = Vec::new();
                    encoder.encode(chunk, &mut bytes).unwrap();
                    sink.write_encoded(&bytes).unwrap();
                }
                sink.finish().unwrap();
                drop(sink);
                assert_eq!(String::from_utf8(chunked).unwrap(), String::from_utf8(one_by_one).unwrap());
            }
        }
        assert!(quote_sink(Format::Table, Vec::new(), false, None).encoder().is_none());
    }

    /// Guards `QUOTE_FIELDS` against a change in `QuoteRecord`: the header we write must be the
    /// one serde would write.
    #[test]
    fn quote_fields_match_the_record() {
        let mut out = Vec::new();
        let mut w = csv::Writer::from_writer(&mut out);
        w.serialize(record("d", "q", "s")).unwrap();
        drop(w);
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().next().unwrap(), QUOTE_FIELDS.join(","));
    }

    #[test]
    fn csv_has_a_header_even_without_records_and_quotes_cells() {
        assert_eq!(csv(&[], false), QUOTE_FIELDS.join(",") + "\n");
        let text = csv(&[record("a", "We will, \"win\"\nnow", "Ned Price")], false);
        let mut rdr = csv::Reader::from_reader(text.as_bytes());
        let back: QuoteRecord = rdr.deserialize().next().unwrap().unwrap();
        assert_eq!(back, record("a", "We will, \"win\"\nnow", "Ned Price"));
    }

    #[test]
    fn csv_safe_guards_formula_cells_only() {
        let records = [
            record("a", "=HYPERLINK(\"http://x\")", "@someone"),
            record("b", "-- and that is all", "Ned Price"),
            record("c", "We will win", "+1"),
        ];
        let text = csv(&records, true);
        let mut rdr = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
        assert_eq!(&rows[0][5], "'=HYPERLINK(\"http://x\")");
        assert_eq!(&rows[0][7], "'@someone");
        assert_eq!(&rows[1][5], "'-- and that is all");
        assert_eq!(&rows[2][5], "We will win");
        assert_eq!(&rows[2][7], "'+1");
        // Numbers and the other fields are left alone.
        assert_eq!((&rows[0][2], &rows[0][3], &rows[0][14]), ("3", "10", "0.9"));
        // Off: the data is exactly the record.
        let plain = csv(&records, false);
        let first = csv::Reader::from_reader(plain.as_bytes()).records().next().unwrap().unwrap();
        assert_eq!((&first[5], &first[7]), ("=HYPERLINK(\"http://x\")", "@someone"));
    }

    #[test]
    fn jsonl_has_fields_in_spec_order() {
        let mut out = Vec::new();
        let mut sink = quote_sink(Format::Jsonl, &mut out, true, None);
        let mut r = record("a", "=1", "");
        r.method = None;
        sink.write(&r).unwrap();
        sink.finish().unwrap();
        drop(sink);
        let line = String::from_utf8(out).unwrap();
        assert!(line.ends_with("}\n") && line.lines().count() == 1);
        let keys: Vec<usize> =
            QUOTE_FIELDS.iter().map(|f| line.find(&format!("\"{f}\":")).unwrap()).collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "{line}");
        assert!(line.contains("\"quote\":\"=1\""), "JSONL is never guarded: {line}");
        assert!(line.contains("\"method\":\"\""), "absent, like every other field: {line}");
    }

    #[test]
    fn jsonl_escapes_the_unicode_line_separators() {
        let mut out = Vec::new();
        let mut sink = JsonlSink::new(&mut out);
        Sink::write(&mut sink, &record("a", "one\u{2028}two\u{2029}three \u{2020}", "")).unwrap();
        sink.flush().unwrap();
        drop(sink);
        let line = String::from_utf8(out).unwrap();
        assert!(line.contains(r#""one\u2028two\u2029three †""#), "{line}");
        let back: QuoteRecord = serde_json::from_str(&line).unwrap();
        assert_eq!(back.quote, "one\u{2028}two\u{2029}three \u{2020}");
    }

    #[test]
    fn table_aligns_and_cuts_to_the_width() {
        let mut out = Vec::new();
        let mut sink = quote_sink(Format::Table, &mut out, false, Some(80));
        sink.write(&record(
            "seed-1",
            "短い引用 with a rather long tail that cannot fit in eighty columns",
            "Wang Yi",
        ))
        .unwrap();
        sink.write(&record("s2", "Short.\nSecond line\x1b[31m", "Ned Price")).unwrap();
        sink.finish().unwrap();
        drop(sink);
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert!(lines[0].starts_with("doc     para  speaker"), "{text}");
        assert!(lines.iter().all(|l| l.width() <= 80), "{text}");
        assert!(lines[1].ends_with('…'), "{text}");
        assert!(lines[1].contains("短い引用"));
        assert!(!text.contains('\x1b') && lines[2].contains("Short. Second line"), "{text}");
        // The quote column starts at the same terminal column on every line.
        let col = |l: &str, pat: &str| l[..l.find(pat).unwrap()].width();
        assert_eq!(col(lines[0], "quote"), col(lines[1], "短い"));
        assert_eq!(col(lines[0], "quote"), col(lines[2], "Short"));
    }

    /// A writer whose reader has gone away.
    struct ClosedPipe;

    impl Write for ClosedPipe {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
    }

    /// The binary ends quietly on a closed pipe only if it can still see the `BrokenPipe`.
    #[test]
    fn a_closed_pipe_stays_an_io_error_in_every_format() {
        for format in [Format::Csv, Format::Jsonl, Format::Table] {
            let mut sink = quote_sink(format, ClosedPipe, true, None);
            let err = sink.write(&record("a", "q", "s")).and_then(|()| sink.finish()).unwrap_err();
            assert_eq!(
                err.io_error().map(|e| e.kind()),
                Some(std::io::ErrorKind::BrokenPipe),
                "{format:?}: {err}"
            );
        }
    }

    #[test]
    fn format_from_path() {
        use std::path::Path;
        assert_eq!(Format::from_path(Path::new("out.CSV")), Some(Format::Csv));
        assert_eq!(Format::from_path(Path::new("out.ndjson")), Some(Format::Jsonl));
        assert_eq!(Format::from_path(Path::new("out.txt")), None);
    }
}
