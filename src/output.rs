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

use serde::ser::{self, Serialize, Serializer};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::error::{Error, Result};
use crate::record::QuoteRecord;

mod kept;
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

/// Whether a CSV cell could be taken for a formula by a spreadsheet.
pub fn looks_like_formula(cell: &str) -> bool {
    matches!(cell.as_bytes().first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'))
}

/// Serializes `T` with every string that [`looks_like_formula`] prefixed with `'`.
struct FormulaSafe<'a, T: ?Sized>(&'a T);

impl<T: Serialize + ?Sized> Serialize for FormulaSafe<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize(Guard(serializer))
    }
}

/// A serializer that forwards to `S`, guarding strings (see [`FormulaSafe`]).
struct Guard<S>(S);

macro_rules! forward {
    ($($method:ident($ty:ty);)*) => {
        $(fn $method(self, v: $ty) -> std::result::Result<S::Ok, S::Error> { self.0.$method(v) })*
    };
}

impl<S: Serializer> Serializer for Guard<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Guard<S::SerializeSeq>;
    type SerializeTuple = Guard<S::SerializeTuple>;
    type SerializeTupleStruct = Guard<S::SerializeTupleStruct>;
    type SerializeTupleVariant = Guard<S::SerializeTupleVariant>;
    type SerializeMap = Guard<S::SerializeMap>;
    type SerializeStruct = Guard<S::SerializeStruct>;
    type SerializeStructVariant = Guard<S::SerializeStructVariant>;

    forward! {
        serialize_bool(bool); serialize_i8(i8); serialize_i16(i16); serialize_i32(i32);
        serialize_i64(i64); serialize_i128(i128); serialize_u8(u8); serialize_u16(u16);
        serialize_u32(u32); serialize_u64(u64); serialize_u128(u128); serialize_f32(f32);
        serialize_f64(f64); serialize_bytes(&[u8]);
    }

    fn serialize_char(self, v: char) -> std::result::Result<S::Ok, S::Error> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> std::result::Result<S::Ok, S::Error> {
        if looks_like_formula(v) {
            self.0.serialize_str(&format!("'{v}"))
        } else {
            self.0.serialize_str(v)
        }
    }

    fn serialize_none(self) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_none()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_some(&FormulaSafe(v))
    }

    fn serialize_unit(self) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_unit()
    }

    fn serialize_unit_struct(self, name: &'static str) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_unit_struct(name)
    }

    fn serialize_unit_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
    ) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_unit_variant(name, index, variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        v: &T,
    ) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_newtype_struct(name, &FormulaSafe(v))
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        v: &T,
    ) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_newtype_variant(name, index, variant, &FormulaSafe(v))
    }

    fn serialize_seq(self, len: Option<usize>) -> std::result::Result<Self::SerializeSeq, S::Error> {
        self.0.serialize_seq(len).map(Guard)
    }

    fn serialize_tuple(self, len: usize) -> std::result::Result<Self::SerializeTuple, S::Error> {
        self.0.serialize_tuple(len).map(Guard)
    }

    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> std::result::Result<Self::SerializeTupleStruct, S::Error> {
        self.0.serialize_tuple_struct(name, len).map(Guard)
    }

    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> std::result::Result<Self::SerializeTupleVariant, S::Error> {
        self.0.serialize_tuple_variant(name, index, variant, len).map(Guard)
    }

    fn serialize_map(self, len: Option<usize>) -> std::result::Result<Self::SerializeMap, S::Error> {
        self.0.serialize_map(len).map(Guard)
    }

    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> std::result::Result<Self::SerializeStruct, S::Error> {
        self.0.serialize_struct(name, len).map(Guard)
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> std::result::Result<Self::SerializeStructVariant, S::Error> {
        self.0.serialize_struct_variant(name, index, variant, len).map(Guard)
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

macro_rules! guard_compound {
    ($($trait:ident :: $method:ident;)*) => {$(
        impl<C: ser::$trait> ser::$trait for Guard<C> {
            type Ok = C::Ok;
            type Error = C::Error;
            fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> std::result::Result<(), C::Error> {
                self.0.$method(&FormulaSafe(v))
            }
            fn end(self) -> std::result::Result<C::Ok, C::Error> {
                self.0.end()
            }
        }
    )*};
}

guard_compound! {
    SerializeSeq::serialize_element;
    SerializeTuple::serialize_element;
    SerializeTupleStruct::serialize_field;
    SerializeTupleVariant::serialize_field;
}

impl<C: ser::SerializeMap> ser::SerializeMap for Guard<C> {
    type Ok = C::Ok;
    type Error = C::Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> std::result::Result<(), C::Error> {
        self.0.serialize_key(k)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> std::result::Result<(), C::Error> {
        self.0.serialize_value(&FormulaSafe(v))
    }
    fn end(self) -> std::result::Result<C::Ok, C::Error> {
        self.0.end()
    }
}

impl<C: ser::SerializeStruct> ser::SerializeStruct for Guard<C> {
    type Ok = C::Ok;
    type Error = C::Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> std::result::Result<(), C::Error> {
        self.0.serialize_field(key, &FormulaSafe(v))
    }
    fn skip_field(&mut self, key: &'static str) -> std::result::Result<(), C::Error> {
        self.0.skip_field(key)
    }
    fn end(self) -> std::result::Result<C::Ok, C::Error> {
        self.0.end()
    }
}

impl<C: ser::SerializeStructVariant> ser::SerializeStructVariant for Guard<C> {
    type Ok = C::Ok;
    type Error = C::Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> std::result::Result<(), C::Error> {
        self.0.serialize_field(key, &FormulaSafe(v))
    }
    fn skip_field(&mut self, key: &'static str) -> std::result::Result<(), C::Error> {
        self.0.skip_field(key)
    }
    fn end(self) -> std::result::Result<C::Ok, C::Error> {
        self.0.end()
    }
}

/// The table's columns: title, widest it may grow, right-aligned.
const TABLE_COLUMNS: [(&str, usize, bool); 7] = [
    ("doc", 24, false),
    ("para", 4, true),
    ("speaker", 24, false),
    ("role", 28, false),
    ("cue", 14, false),
    ("method", 12, false),
    ("quote", usize::MAX, false),
];

/// Rows kept before the column widths are fixed and the rows written, when no flush comes.
const TABLE_BUFFER: usize = 1024;

/// Narrowest the quote column gets, whatever the terminal width.
const MIN_QUOTE_WIDTH: usize = 20;

/// An aligned table of quotes for a terminal: doc, paragraph, speaker, role, cue, method and
/// quote. Column widths are set from the rows of the first batch (each column capped) and kept,
/// so a streaming run stays aligned; longer cells are cut with `…`. Widths count terminal
/// columns (wide CJK characters take two). Control characters (line breaks, escape sequences)
/// are shown as spaces so an article cannot drive the terminal.
pub struct TableSink<W: Write> {
    out: std::io::BufWriter<W>,
    width: Option<usize>,
    widths: Option<[usize; 7]>,
    rows: Vec<[String; 7]>,
}

impl<W: Write> TableSink<W> {
    /// A table that fits in `width` terminal columns (`None`: quotes are never cut).
    pub fn new(out: W, width: Option<usize>) -> TableSink<W> {
        TableSink { out: std::io::BufWriter::new(out), width, widths: None, rows: Vec::new() }
    }

    fn write_rows(&mut self) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let widths = match self.widths {
            Some(widths) => widths,
            None => {
                let mut widths = [0; 7];
                for (i, (title, cap, _)) in TABLE_COLUMNS.iter().enumerate() {
                    let widest = self.rows.iter().map(|r| r[i].width()).max().unwrap_or(0);
                    widths[i] = widest.max(title.width()).min(*cap);
                }
                if let Some(total) = self.width {
                    let used: usize = widths[..6].iter().sum::<usize>() + 2 * 6;
                    widths[6] = widths[6].min(total.saturating_sub(used).max(MIN_QUOTE_WIDTH));
                }
                self.widths = Some(widths);
                let titles = TABLE_COLUMNS.map(|(title, _, _)| title.to_string());
                write_row(&mut self.out, &titles, &widths).map_err(io_error)?;
                widths
            }
        };
        for row in std::mem::take(&mut self.rows) {
            write_row(&mut self.out, &row, &widths).map_err(io_error)?;
        }
        Ok(())
    }
}

fn write_row(out: &mut impl Write, row: &[String; 7], widths: &[usize; 7]) -> std::io::Result<()> {
    let mut line = String::new();
    for (i, cell) in row.iter().enumerate() {
        let last = i == row.len() - 1;
        let cell = fit(cell, widths[i]);
        let pad = " ".repeat(widths[i].saturating_sub(cell.width()));
        if TABLE_COLUMNS[i].2 {
            line.push_str(&pad);
            line.push_str(&cell);
        } else {
            line.push_str(&cell);
            if !last {
                line.push_str(&pad);
            }
        }
        if !last {
            line.push_str("  ");
        }
    }
    writeln!(out, "{}", line.trim_end())
}

/// `s` cut to at most `width` terminal columns, ending in `…` when cut.
fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Control characters shown as spaces.
fn printable(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

impl<W: Write> Sink<QuoteRecord> for TableSink<W> {
    fn write(&mut self, r: &QuoteRecord) -> Result<()> {
        self.rows.push([
            printable(&r.doc),
            r.paragraph.to_string(),
            printable(&r.speaker),
            printable(&r.role),
            printable(&r.cue),
            r.method.map(|m| m.as_str()).unwrap_or("").to_string(),
            printable(&r.quote),
        ]);
        if self.rows.len() >= TABLE_BUFFER {
            self.write_rows()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        self.write_rows()?;
        self.out.flush().map_err(io_error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Method, QuoteKind};

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
    fn fit_counts_terminal_columns() {
        assert_eq!(fit("abc", 3), "abc");
        assert_eq!(fit("abcd", 3), "ab…");
        assert_eq!(fit("日本語", 4), "日…");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn format_from_path() {
        use std::path::Path;
        assert_eq!(Format::from_path(Path::new("out.CSV")), Some(Format::Csv));
        assert_eq!(Format::from_path(Path::new("out.ndjson")), Some(Format::Jsonl));
        assert_eq!(Format::from_path(Path::new("out.txt")), None);
    }
}
