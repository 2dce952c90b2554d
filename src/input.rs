//! Inputs: turns the paths given on the command line into a stream of [`Document`]s.
//!
//! [`Inputs`] is an iterator of [`Event`]s: a document, a warning (the document is still
//! read), or an input that was skipped (a missing file, a binary file, a JSONL line that is not
//! a document). A caller reports the last two and carries on, so one bad file never stops a run.
//! Documents are produced one at a time: a folder is walked one directory listing at a time
//! and a JSONL file or standard input is read one line at a time, so memory stays flat however
//! large the input.
//!
//! What is read:
//! - a file named explicitly is read whatever its extension: as JSONL when it ends in `.jsonl`
//!   or `.ndjson`, as a web page when it ends in `.html` or `.htm` ([`crate::html`]), as one
//!   text article otherwise;
//! - a folder is walked recursively in byte order of the names (so output order is stable);
//!   only `.txt`, `.jsonl`, `.ndjson`, `.html` and `.htm` files are read (any case); the other
//!   files of a folder are counted and named in one warning. Names starting with `.` (`.git`,
//!   macOS `._x.txt` forks) are skipped, and symbolic links to folders are not followed inside
//!   a folder (no cycles);
//! - `-` is JSONL from standard input, or one text article ([`Inputs::stdin_text`]); a file
//!   really named `-` can be given as `./-`.
//!
//! Decoding follows `docs/OUTPUT.md`: a UTF-8 byte order mark is dropped; invalid UTF-8 is replaced
//! with U+FFFD and reported as a [`Event::Warning`]; CRLF is kept, so offsets refer to the text
//! exactly as read. A file whose first 8 KiB hold a NUL byte or are mostly not text is skipped as
//! binary (UTF-16 gets a message of its own).
//!
//! ```
//! use whosaid::input::{Event, Inputs};
//!
//! let jsonl = "{\"id\": \"a\", \"text\": \"One.\"}\nnot json\n{\"text\": \"Two.\"}\n";
//! let mut ids = Vec::new();
//! let mut skipped = Vec::new();
//! for event in Inputs::from_reader("feed.jsonl", jsonl.as_bytes()) {
//!     match event {
//!         Event::Document(doc) => ids.push(doc.id),
//!         Event::Warning(_) => {}
//!         Event::Skipped(err) => skipped.push(err.to_string()),
//!     }
//! }
//! assert_eq!(ids, ["a", "feed:3"]);
//! assert_eq!(skipped, ["feed.jsonl:2: not valid JSON: expected ident (column 2)"]);
//! ```

use std::collections::VecDeque;
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::document::Document;
use crate::error::Error;

/// Extensions (lowercase, without the dot) read from inside folders. `.txt` is one article,
/// the others JSONL.
pub const FOLDER_EXTENSIONS: &[&str] = &["htm", "html", "jsonl", "ndjson", "txt"];

/// How many leading bytes are looked at to tell text from binary.
pub const SNIFF_LEN: usize = 8 * 1024;

/// Buffer size for JSONL readers. Large enough for most articles to sit in one buffer.
const JSONL_BUFFER: usize = 1 << 20;

/// Past this size a line buffer is released after use rather than kept for the next line.
const KEEP_LINE_BUFFER: usize = 16 << 20;

/// One step of reading the inputs.
#[derive(Debug)]
pub enum Event {
    /// A document to extract.
    Document(Document),
    /// Something the user should hear about that did not stop the input (invalid UTF-8
    /// replaced: the document it concerns comes next; files of a folder not read).
    Warning(Error),
    /// An input, or one line of a JSONL input, that could not be processed; the others go on.
    Skipped(Error),
}

/// The inputs of a run, read lazily in a deterministic order. See the module documentation.
pub struct Inputs {
    /// Paths still to read; the next one is on top.
    pending: Vec<Pending>,
    /// The JSONL source being read, if any.
    current: Option<JsonlSource>,
    /// Events produced ahead of time (a warning and its document, listing errors).
    queued: VecDeque<Event>,
    /// Standard input holds one text article rather than JSONL.
    stdin_text: bool,
    /// Input fields kept with each document (`Document::extra`).
    keep: Vec<String>,
}

enum Pending {
    /// A path from the command line (`explicit`) or found in a folder.
    Path { path: PathBuf, explicit: bool },
    /// Standard input, as JSONL.
    Stdin,
}

impl Inputs {
    /// Inputs from command-line paths; `-` stands for standard input.
    pub fn new<I, P>(paths: I) -> Inputs
    where
        I: IntoIterator<Item = P>,
        P: Into<PathBuf>,
    {
        let mut pending: Vec<Pending> = paths
            .into_iter()
            .map(Into::into)
            .map(|path| {
                if path.as_os_str() == "-" {
                    Pending::Stdin
                } else {
                    Pending::Path { path, explicit: true }
                }
            })
            .collect();
        pending.reverse();
        Inputs { pending, current: None, queued: VecDeque::new(), stdin_text: false, keep: Vec::new() }
    }

    /// Reads `-` as one plain-text article (id `stdin`) instead of JSONL.
    pub fn stdin_text(mut self, text: bool) -> Inputs {
        self.stdin_text = text;
        self
    }

    /// Keeps these fields of JSONL documents in [`Document::extra`], in this order (a field a
    /// line lacks is kept empty; a value that is not a string is kept as its JSON text).
    pub fn keep(mut self, fields: Vec<String>) -> Inputs {
        if let Some(source) = &mut self.current {
            source.keep.clone_from(&fields);
        }
        self.keep = fields;
        self
    }

    /// A text document read whole from `reader`, with the kept fields empty.
    fn text_document(&mut self, path: &Path, id: String, bytes: Vec<u8>) {
        if let Some(why) = not_text(&bytes[..bytes.len().min(SNIFF_LEN)]) {
            return self.queued.push_back(Event::Skipped(invalid_data(path, why)));
        }
        let decoded = decode(bytes);
        if let Some(message) = decoded.problem() {
            self.queued.push_back(Event::Warning(invalid_data(path, &message)));
        }
        let doc = if is_html(path) {
            match crate::html::read_page(&id, &decoded.text) {
                Ok(doc) => doc,
                Err(e) => return self.queued.push_back(Event::Skipped(invalid_data(path, &e.to_string()))),
            }
        } else {
            Document::new(id, decoded.text)
        };
        let extra = self.keep.iter().map(|k| (k.clone(), String::new())).collect();
        self.queued.push_back(Event::Document(Document { extra, ..doc }));
    }

    /// Inputs from one JSONL stream. `name` stands for the stream in messages and, without its
    /// extension, in default document ids (`NAME:LINE`).
    pub fn from_reader(name: &str, reader: impl Read + Send + 'static) -> Inputs {
        let mut inputs = Inputs::new(Vec::<PathBuf>::new());
        inputs.current =
            Some(JsonlSource::new(name.to_string(), stem(Path::new(name)), Box::new(reader), true));
        inputs
    }

    /// True when reading a stream (standard input) whose buffer is empty, so the next event may
    /// have to wait for its producer. A caller batching documents should hand over what it has
    /// rather than wait: that is what lets `whosaid extract -` answer line by line when fed
    /// interactively.
    pub fn idle(&self) -> bool {
        self.queued.is_empty()
            && self.current.as_ref().is_some_and(|s| s.stream && s.reader.buffer().is_empty())
    }

    /// Opens one path: a folder queues its entries, a JSONL file becomes the current source, a
    /// text file yields its document.
    fn open(&mut self, path: PathBuf, explicit: bool) {
        let meta = match fs::metadata(&path) {
            Ok(meta) => meta,
            Err(e) => return self.queued.push_back(Event::Skipped(Error::io(Some(path), e))),
        };
        if meta.is_dir() {
            return self.open_dir(&path);
        }
        if !explicit && !meta.is_file() {
            return;
        }
        if is_jsonl(&path) {
            match fs::File::open(&path) {
                Ok(file) => {
                    let name = path.display().to_string();
                    let mut source = JsonlSource::new(name, stem(&path), Box::new(file), false);
                    source.keep.clone_from(&self.keep);
                    self.current = Some(source);
                }
                Err(e) => self.queued.push_back(Event::Skipped(Error::io(Some(path), e))),
            }
            return;
        }
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) => return self.queued.push_back(Event::Skipped(Error::io(Some(path), e))),
        };
        self.text_document(&path, stem(&path), bytes);
    }

    /// Queues the entries of a folder that are to be read, in name order.
    fn open_dir(&mut self, dir: &Path) {
        let listing = match fs::read_dir(dir) {
            Ok(listing) => listing,
            Err(e) => return self.queued.push_back(Event::Skipped(Error::io(Some(dir.to_path_buf()), e))),
        };
        let mut found = Vec::new();
        let mut other_kinds: Vec<String> = Vec::new();
        for entry in listing {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    self.queued.push_back(Event::Skipped(Error::io(Some(dir.to_path_buf()), e)));
                    continue;
                }
            };
            let name = entry.file_name();
            if name.as_encoded_bytes().starts_with(b".") {
                continue;
            }
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                // Let `open` report it with the real error.
                found.push(path);
                continue;
            };
            let wanted = if kind.is_dir() {
                true
            } else if kind.is_symlink() {
                // A link to a file is followed; a link to a folder is not (it could loop).
                fs::metadata(&path).is_ok_and(|m| m.is_file()) && has_folder_extension(&path)
            } else {
                kind.is_file() && has_folder_extension(&path)
            };
            if wanted {
                found.push(path);
            } else if !kind.is_dir() && !kind.is_symlink() {
                other_kinds.push(name.to_string_lossy().into_owned());
            }
        }
        if !other_kinds.is_empty() {
            other_kinds.sort();
            let n = other_kinds.len();
            let shown = other_kinds.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
            let more = if n > 3 { format!(", and {} more", n - 3) } else { String::new() };
            let files = if n == 1 { "file" } else { "files" };
            let message = format!(
                "{n} {files} not read: only .txt, .jsonl, .ndjson, .html and .htm files are read from a folder ({shown}{more})"
            );
            self.queued.push_back(Event::Warning(invalid_data(dir, &message)));
        }
        found.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
        self.pending.extend(found.into_iter().rev().map(|path| Pending::Path { path, explicit: false }));
    }
}

impl Iterator for Inputs {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        loop {
            if let Some(event) = self.queued.pop_front() {
                return Some(event);
            }
            if let Some(source) = &mut self.current {
                match source.next_event() {
                    Some(event) => return Some(event),
                    None => self.current = None,
                }
                continue;
            }
            match self.pending.pop()? {
                Pending::Stdin if self.stdin_text => {
                    let mut bytes = Vec::new();
                    match io::stdin().lock().read_to_end(&mut bytes) {
                        Ok(_) => self.text_document(Path::new("<stdin>"), "stdin".into(), bytes),
                        Err(e) => self.queued.push_back(Event::Skipped(Error::io(Some("<stdin>".into()), e))),
                    }
                }
                Pending::Stdin => {
                    let mut source =
                        JsonlSource::new("<stdin>".into(), "stdin".into(), Box::new(io::stdin()), true);
                    source.keep.clone_from(&self.keep);
                    self.current = Some(source);
                }
                Pending::Path { path, explicit } => self.open(path, explicit),
            }
        }
    }
}

/// A JSONL file or stream, read one line at a time.
struct JsonlSource {
    /// The name used in messages (the path as given, or `<stdin>`).
    name: String,
    /// The prefix of default document ids.
    id_prefix: String,
    reader: BufReader<Box<dyn Read + Send>>,
    /// A stream (standard input) rather than a file: see [`Inputs::idle`].
    stream: bool,
    /// 1-based number of the last line read.
    line: u64,
    buf: Vec<u8>,
    /// A document held back while its warning is handed out.
    held: Option<Document>,
    /// The source has ended (end of input or a read error).
    done: bool,
    /// Fields kept in [`Document::extra`].
    keep: Vec<String>,
}

/// The fields of one JSONL line. `id` may be a string or a number.
#[derive(Deserialize)]
struct JsonDoc {
    #[serde(default)]
    id: Option<serde_json::Value>,
    text: String,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    title: Option<String>,
}

impl JsonlSource {
    fn new(name: String, id_prefix: String, reader: Box<dyn Read + Send>, stream: bool) -> JsonlSource {
        JsonlSource {
            name,
            id_prefix,
            reader: BufReader::with_capacity(JSONL_BUFFER, reader),
            stream,
            line: 0,
            buf: Vec::new(),
            held: None,
            done: false,
            keep: Vec::new(),
        }
    }

    fn read_error(&mut self, e: io::Error) -> Event {
        self.done = true;
        let path = PathBuf::from(&self.name);
        Event::Skipped(Error::io(Some(path), e))
    }

    fn next_event(&mut self) -> Option<Event> {
        if let Some(doc) = self.held.take() {
            return Some(Event::Document(doc));
        }
        if self.done {
            return None;
        }
        if self.line == 0 {
            // Peek at the start to refuse binary files before reading them line by line.
            let head = match self.reader.fill_buf() {
                Ok(head) => head,
                Err(e) => return Some(self.read_error(e)),
            };
            if let Some(why) = not_text(&head[..head.len().min(SNIFF_LEN)]) {
                self.done = true;
                return Some(Event::Skipped(invalid_data(Path::new(&self.name), why)));
            }
        }
        loop {
            if self.buf.capacity() > KEEP_LINE_BUFFER {
                self.buf = Vec::new();
            }
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Some(self.read_error(e)),
            }
            self.line += 1;
            let mut bytes = &self.buf[..];
            bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
            bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
            if self.line == 1 {
                bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let decoded = decode(bytes.to_vec());
            let doc = match self.parse(&decoded.text) {
                Ok(doc) => doc,
                Err(e) => return Some(Event::Skipped(e)),
            };
            if let Some(message) = decoded.problem() {
                self.held = Some(doc);
                return Some(Event::Warning(Error::input(&self.name, self.line, message)));
            }
            return Some(Event::Document(doc));
        }
    }

    fn parse(&self, line: &str) -> Result<Document, Error> {
        // serde would take an array for a struct (`["id", "text"]`): only objects are documents.
        if !line.trim_start().starts_with('{') && serde_json::from_str::<serde::de::IgnoredAny>(line).is_ok()
        {
            return Err(Error::input(&self.name, self.line, "not a document: a JSON object is expected"));
        }
        let row: JsonDoc = serde_json::from_str(line).map_err(|e| {
            let full = e.to_string();
            let message = full.rsplit_once(" at line ").map_or(full.as_str(), |(m, _)| m);
            let message = match e.classify() {
                serde_json::error::Category::Data => format!("not a document: {message}"),
                _ => format!("not valid JSON: {message} (column {})", e.column()),
            };
            Error::input(&self.name, self.line, message)
        })?;
        let id = match row.id {
            None | Some(serde_json::Value::Null) => String::new(),
            Some(serde_json::Value::String(s)) => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            Some(_) => {
                return Err(Error::input(
                    &self.name,
                    self.line,
                    "not a document: `id` must be a string or a number",
                ))
            }
        };
        let id = if id.is_empty() { format!("{}:{}", self.id_prefix, self.line) } else { id };
        let some = |s: Option<String>| s.filter(|s| !s.is_empty());
        Ok(Document {
            id,
            text: row.text,
            outlet: some(row.outlet),
            date: some(row.date),
            url: some(row.url),
            title: some(row.title),
            extra: self.kept(line),
        })
    }

    /// The kept fields of a line (parsed again only when fields are kept).
    fn kept(&self, line: &str) -> Vec<(String, String)> {
        if self.keep.is_empty() {
            return Vec::new();
        }
        let fields: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(line).unwrap_or_default();
        self.keep
            .iter()
            .map(|k| {
                let value = match fields.get(k) {
                    None | Some(serde_json::Value::Null) => String::new(),
                    Some(serde_json::Value::String(s)) => s.clone(),
                    Some(other) => other.to_string(),
                };
                (k.clone(), value)
            })
            .collect()
    }
}

/// Text decoded from bytes, with what had to be repaired.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The text, BOM removed, invalid sequences replaced by U+FFFD.
    pub text: String,
    /// Whether a UTF-8 byte order mark was removed.
    pub bom: bool,
    /// How many invalid UTF-8 sequences were replaced.
    pub invalid: usize,
    /// Byte offset (in the input, BOM included) of the first invalid sequence.
    pub first_invalid: Option<usize>,
}

impl Decoded {
    /// A message for the user when something was replaced, else `None`.
    pub fn problem(&self) -> Option<String> {
        let at = self.first_invalid?;
        let n = self.invalid;
        let seqs = if n == 1 { "sequence" } else { "sequences" };
        Some(format!("invalid UTF-8 ({n} {seqs}, first at byte {at}) replaced with U+FFFD"))
    }
}

/// Decodes bytes as UTF-8 text: drops a BOM, replaces invalid sequences (lossy) and counts them.
pub fn decode(bytes: Vec<u8>) -> Decoded {
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let mut bytes = bytes;
    if bom {
        bytes.drain(..3);
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return Decoded { text, bom, invalid: 0, first_invalid: None },
        Err(e) => e.into_bytes(),
    };
    let (mut invalid, mut first_invalid, mut at) = (0, None, 0);
    let mut text = String::with_capacity(bytes.len() + 16);
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        at += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            text.push(char::REPLACEMENT_CHARACTER);
            invalid += 1;
            first_invalid.get_or_insert(at + if bom { 3 } else { 0 });
            at += chunk.invalid().len();
        }
    }
    Decoded { text, bom, invalid, first_invalid }
}

/// Why the leading bytes of a file are not text, or `None` when they look like text: a UTF-16
/// byte order mark, a NUL byte, or more than 30 % of the characters being invalid UTF-8 or
/// control characters other than tab, line feed, form feed and carriage return.
pub fn not_text(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return Some("UTF-16 text is not supported, convert it to UTF-8 (iconv -f UTF-16 -t UTF-8); skipped");
    }
    if memchr::memchr(0, head).is_some() {
        return Some("binary file (NUL bytes), skipped");
    }
    let (mut chars, mut odd) = (0usize, 0usize);
    for chunk in head.utf8_chunks() {
        for c in chunk.valid().chars() {
            chars += 1;
            if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0C') {
                odd += 1;
            }
        }
        // Each invalid byte counts as one odd character.
        chars += chunk.invalid().len();
        odd += chunk.invalid().len();
    }
    (odd * 10 > chars * 3).then_some("binary file (mostly not text), skipped")
}

fn invalid_data(path: &Path, message: &str) -> Error {
    Error::io(Some(path.to_path_buf()), io::Error::new(io::ErrorKind::InvalidData, message.to_string()))
}

/// The file name without its extension: the document id of a text file.
fn stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

fn extension(path: &Path) -> Option<String> {
    path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase())
}

fn is_html(path: &Path) -> bool {
    matches!(extension(path).as_deref(), Some("html" | "htm"))
}

fn is_jsonl(path: &Path) -> bool {
    matches!(extension(path).as_deref(), Some("jsonl" | "ndjson"))
}

fn has_folder_extension(path: &Path) -> bool {
    extension(path).is_some_and(|e| FOLDER_EXTENSIONS.contains(&e.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(inputs: Inputs) -> Vec<String> {
        inputs
            .map(|e| match e {
                Event::Document(d) => format!("doc {} {:?}", d.id, d.text),
                Event::Warning(e) => format!("warning {e}"),
                Event::Skipped(e) => format!("skipped {e}"),
            })
            .collect()
    }

    #[test]
    fn folder_extensions_are_sorted_and_lowercase() {
        let mut sorted = FOLDER_EXTENSIONS.to_vec();
        sorted.sort();
        assert_eq!(sorted, FOLDER_EXTENSIONS);
        assert!(FOLDER_EXTENSIONS.iter().all(|e| e.chars().all(|c| c.is_ascii_lowercase())));
    }

    #[test]
    fn decode_strips_bom_and_counts_invalid_bytes() {
        let d = decode(b"\xEF\xBB\xBFab\xFFc\xC3".to_vec());
        assert_eq!(d.text, "ab\u{FFFD}c\u{FFFD}");
        assert!(d.bom);
        assert_eq!((d.invalid, d.first_invalid), (2, Some(5)));
        assert_eq!(d.problem().unwrap(), "invalid UTF-8 (2 sequences, first at byte 5) replaced with U+FFFD");
        let clean = decode("“Yes,” she said.\r\n".as_bytes().to_vec());
        assert_eq!(clean.text, "“Yes,” she said.\r\n");
        assert_eq!(clean.problem(), None);
    }

    #[test]
    fn not_text_tells_binary_from_latin1() {
        assert!(not_text(b"PK\x03\x04\x00\x00").is_some());
        assert!(not_text(b"\xFF\xFEa\x00").unwrap().contains("UTF-16"));
        let random: Vec<u8> = (0..2048u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8 | 1).collect();
        assert!(not_text(&random).is_some());
        // A Latin-1 article has a few invalid bytes: it is text, to be repaired with a warning.
        assert_eq!(not_text(b"Le ministre a d\xE9clar\xE9: \xABNous gagnerons.\xBB"), None);
        assert_eq!(not_text(b""), None);
    }

    #[test]
    fn jsonl_lines_report_their_line_and_the_rest_goes_on() {
        let text = "\u{FEFF}{\"text\": \"a\", \"id\": 7}\n\n{\"id\": \"x\"}\n{oops\r\n\
                    {\"text\": \"b\", \"outlet\": \"\", \"date\": \"2022-01-27\"}\r\n[1]\n{\"text\": \"c\", \"id\": [1]}";
        assert_eq!(
            events(Inputs::from_reader("dir/feed.jsonl", text.as_bytes())),
            [
                "doc 7 \"a\"",
                "skipped dir/feed.jsonl:3: not a document: missing field `text`",
                "skipped dir/feed.jsonl:4: not valid JSON: key must be a string (column 2)",
                "doc feed:5 \"b\"",
                "skipped dir/feed.jsonl:6: not a document: a JSON object is expected",
                "skipped dir/feed.jsonl:7: not a document: `id` must be a string or a number",
            ]
        );
    }

    #[test]
    fn jsonl_invalid_utf8_warns_with_the_line_then_yields_the_document() {
        let bytes = b"{\"text\": \"ok\"}\n{\"text\": \"caf\xE9\"}\n".to_vec();
        assert_eq!(
            events(Inputs::from_reader("-", io::Cursor::new(bytes))),
            [
                "doc -:1 \"ok\"",
                "warning -:2: invalid UTF-8 (1 sequence, first at byte 13) replaced with U+FFFD",
                "doc -:2 \"caf\u{FFFD}\"",
            ]
        );
    }

    #[test]
    fn metadata_is_kept() {
        let line = r#"{"id":"r1","text":"t","outlet":"Reuters","date":"2022-01-27","url":"u","title":"T"}"#;
        let Some(Event::Document(doc)) = Inputs::from_reader("f.jsonl", line.as_bytes()).next() else {
            panic!("no document");
        };
        assert_eq!(doc.outlet.as_deref(), Some("Reuters"));
        assert_eq!(doc.date.as_deref(), Some("2022-01-27"));
        assert_eq!((doc.url.as_deref(), doc.title.as_deref()), (Some("u"), Some("T")));
    }

    #[test]
    fn folders_are_walked_in_name_order_and_only_known_extensions_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("b/sub")).unwrap();
        fs::create_dir_all(root.join(".hidden")).unwrap();
        fs::write(root.join("c.txt"), "C").unwrap();
        fs::write(root.join("a.TXT"), "A").unwrap();
        fs::write(root.join("b/sub/z.txt"), "Z").unwrap();
        fs::write(root.join("b/m.jsonl"), "{\"text\":\"M1\"}\n{\"text\":\"M2\"}\n").unwrap();
        fs::write(root.join("b/notes.md"), "not read").unwrap();
        fs::write(root.join(".hidden/h.txt"), "H").unwrap();
        fs::write(root.join("._c.txt"), "fork").unwrap();
        fs::write(root.join("d.txt"), b"\x00\x01binary").unwrap();
        let got = events(Inputs::new([root]));
        let d = root.join("d.txt").display().to_string();
        let b = root.join("b").display().to_string();
        assert_eq!(
            got,
            [
                "doc a \"A\"".to_string(),
                format!(
                    "warning {b}: 1 file not read: only .txt, .jsonl, .ndjson, .html and .htm files are read \
                     from a folder (notes.md)"
                ),
                "doc m:1 \"M1\"".into(),
                "doc m:2 \"M2\"".into(),
                "doc z \"Z\"".into(),
                "doc c \"C\"".into(),
                format!("skipped {d}: binary file (NUL bytes), skipped"),
            ]
        );
    }

    #[test]
    fn explicit_files_are_read_whatever_their_extension_and_missing_ones_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let notes = dir.path().join("notes.md");
        fs::write(&notes, "\u{FEFF}“Yes.”\r\n").unwrap();
        let missing = dir.path().join("missing.txt");
        let got = events(Inputs::new([missing.clone(), notes]));
        assert_eq!(got.len(), 2);
        assert!(got[0].starts_with(&format!("skipped {}: ", missing.display())), "{got:?}");
        assert_eq!(got[1], "doc notes \"“Yes.”\\r\\n\"");
    }

    #[test]
    fn idle_is_only_true_for_an_empty_stream_buffer() {
        let mut inputs = Inputs::from_reader("s", "{\"text\":\"a\"}\n{\"text\":\"b\"}\n".as_bytes());
        assert!(matches!(inputs.next(), Some(Event::Document(_))));
        assert!(!inputs.idle(), "the second line is already buffered");
        assert!(matches!(inputs.next(), Some(Event::Document(_))));
        assert!(inputs.idle());
        assert!(!Inputs::new(["x"]).idle());
    }
}
