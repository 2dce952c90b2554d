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
//!   macOS `._x.txt` forks) are left alone.
//!   Symbolic links are followed, to files and to folders; a folder already read (a link loop,
//!   two links to one folder, a folder given twice) is skipped and named, as is a dangling link
//!   and anything with a readable extension that is not a regular file (a FIFO named `x.txt`
//!   could block the run forever);
//! - `-` is JSONL from standard input, or one text article ([`Inputs::stdin_text`]); a file
//!   really named `-` can be given as `./-`.
//!
//! Every document id is unique within a run (see [`ids`](self::ids)): a clash is resolved by the
//! path relative to its argument, then by a `#N` suffix, with a warning.
//!
//! Decoding follows `docs/OUTPUT.md`: a UTF-8 byte order mark is dropped; invalid UTF-8 is replaced
//! with U+FFFD and reported as a [`Event::Warning`]; CRLF is kept, so offsets refer to the text
//! exactly as read. A text file whose first 8 KiB hold a NUL byte or are mostly not text is
//! skipped as binary (UTF-16, GBK and Latin-1 get messages of their own) before the rest is
//! read; a JSONL file or stream is skipped only when its head is mostly not text (a NUL byte
//! makes one line bad). A document over the size limit ([`MAX_DOC_BYTES`] by default; for JSONL,
//! a line) is skipped and named without being read into memory.
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

use std::collections::{HashMap, VecDeque};
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::document::Document;
use crate::error::Error;

mod decode;
mod ids;
mod jsonl;

pub use decode::{decode, not_jsonl_text, not_text, Decoded, SNIFF_LEN};
use ids::Ids;
use jsonl::{Item, JsonlSource};

/// Extensions (lowercase, without the dot) read from inside folders. `.txt` is one article,
/// `.htm` and `.html` a web page, the others JSONL.
pub const FOLDER_EXTENSIONS: &[&str] = &["htm", "html", "jsonl", "ndjson", "txt"];

/// The default size limit of one document (64 MiB): a text file, or a JSONL line, above it is
/// skipped and named. Extraction needs several times a document's size in memory.
pub const MAX_DOC_BYTES: u64 = 64 << 20;

/// One step of reading the inputs.
#[derive(Debug)]
pub enum Event {
    /// A document to extract.
    Document(Document),
    /// Something the user should hear about that did not stop the input (invalid UTF-8
    /// replaced, a document id changed to keep ids unique: the document it concerns comes next;
    /// files of a folder that are not read).
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
    /// The document ids given out so far.
    ids: Ids,
    /// Folders read so far (resolved path, and the path they were read as).
    folders: HashMap<PathBuf, PathBuf>,
    /// Size limit of one document, in bytes.
    max_doc_bytes: u64,
    /// Standard input holds one text article rather than JSONL.
    stdin_text: bool,
    /// Input fields kept with each document (`Document::extra`).
    keep: Vec<String>,
}

enum Pending {
    /// A path from the command line (`root` is `None`) or found in the folder `root` given on
    /// the command line.
    Path { path: PathBuf, root: Option<PathBuf> },
    /// Standard input, as JSONL.
    Stdin,
    /// An entry of a folder that is not read, in its place in name order.
    Skip(Error),
}

/// A document as read, before its id is checked.
pub(crate) struct Found {
    doc: Document,
    /// The id to use if `doc.id` is taken (the path relative to the argument), if any.
    long: Option<String>,
    /// Warnings about this document, to hand out before it.
    warnings: Vec<Error>,
}

impl Inputs {
    /// Inputs from command-line paths; `-` stands for standard input.
    pub fn new<I, P>(paths: I) -> Inputs
    where
        I: IntoIterator<Item = P>,
        P: Into<PathBuf>,
    {
        let mut pending: Vec<Pending> =
            paths
                .into_iter()
                .map(Into::into)
                .map(|path| {
                    if path.as_os_str() == "-" {
                        Pending::Stdin
                    } else {
                        Pending::Path { path, root: None }
                    }
                })
                .collect();
        pending.reverse();
        Inputs {
            pending,
            current: None,
            queued: VecDeque::new(),
            ids: Ids::default(),
            folders: HashMap::new(),
            max_doc_bytes: MAX_DOC_BYTES,
            stdin_text: false,
            keep: Vec::new(),
        }
    }

    /// Reads `-` as one plain-text article (id `stdin`) instead of JSONL.
    pub fn stdin_text(mut self, text: bool) -> Inputs {
        self.stdin_text = text;
        self
    }

    /// Keeps these fields of JSONL documents in [`Document::extra`], in this order (a field a
    /// line lacks is kept empty; a value that is not a string is kept as its JSON text).
    /// Documents from text files and pages get the same fields, empty.
    pub fn keep(mut self, fields: Vec<String>) -> Inputs {
        if let Some(source) = &mut self.current {
            source.keep.clone_from(&fields);
        }
        self.keep = fields;
        self
    }

    /// The document of a text file or page read whole (`path` names it in messages).
    fn text_document(&mut self, path: &Path, id: String, bytes: Vec<u8>, long: Option<String>) {
        let decoded = decode(bytes);
        let warnings = decoded.problem().map(|m| invalid_data(path, &m)).into_iter().collect();
        let doc = if is_html(path) {
            match read_page(&id, &decoded.text) {
                Ok(doc) => doc,
                Err(e) => return self.skip(invalid_data(path, &format!("{e}, skipped"))),
            }
        } else {
            Document::new(id, decoded.text)
        };
        let extra = self.keep.iter().map(|k| (k.clone(), String::new())).collect();
        let found = Found { doc: Document { extra, ..doc }, long, warnings };
        self.found(found, |message| invalid_data(path, &message));
    }

    /// Inputs from one JSONL stream. `name` stands for the stream in messages and, without its
    /// extension, in default document ids (`NAME:LINE`).
    pub fn from_reader(name: &str, reader: impl Read + Send + 'static) -> Inputs {
        let mut inputs = Inputs::new(Vec::<PathBuf>::new());
        inputs.current =
            Some(JsonlSource::new(name.to_string(), stem(Path::new(name)), None, Box::new(reader), true));
        inputs
    }

    /// Sets the size limit of one document (a text file, or a JSONL line), in bytes: larger ones
    /// are skipped and named. [`MAX_DOC_BYTES`] by default.
    pub fn max_doc_bytes(mut self, bytes: u64) -> Inputs {
        self.max_doc_bytes = bytes;
        self
    }

    /// True when reading a stream (standard input) whose buffer is empty, so the next event may
    /// have to wait for its producer. A caller batching documents should hand over what it has
    /// rather than wait: that is what lets `whosaid extract -` answer line by line when fed
    /// interactively.
    pub fn idle(&self) -> bool {
        self.queued.is_empty()
            && self.current.as_ref().is_some_and(|s| s.stream && s.reader.buffer().is_empty())
    }

    /// Queues a document after its warnings, giving it an id no earlier document has.
    fn found(&mut self, found: Found, place: impl Fn(String) -> Error) {
        let Found { mut doc, long, warnings } = found;
        self.queued.extend(warnings.into_iter().map(Event::Warning));
        if let Err(id) = self.ids.claim(&doc.id, long.as_deref()) {
            let message = format!("document id `{}` is already used in this run; this one is `{id}`", doc.id);
            self.queued.push_back(Event::Warning(place(message)));
            doc.id = id;
        }
        self.queued.push_back(Event::Document(doc));
    }

    fn skip(&mut self, error: Error) {
        self.queued.push_back(Event::Skipped(error));
    }

    /// Opens one path: a folder queues its entries, a JSONL file becomes the current source, a
    /// text file yields its document.
    fn open(&mut self, path: PathBuf, root: Option<PathBuf>) {
        let meta = match fs::metadata(&path) {
            Ok(meta) => meta,
            Err(e) => return self.skip(Error::io(Some(path), e)),
        };
        if meta.is_dir() {
            let root = root.unwrap_or_else(|| path.clone());
            return self.open_dir(&path, &root);
        }
        let long = long_id(&path, root.as_deref());
        let file = match fs::File::open(&path) {
            Ok(file) => file,
            Err(e) => return self.skip(Error::io(Some(path), e)),
        };
        if is_jsonl(&path) {
            let name = path.display().to_string();
            let mut source = JsonlSource::new(name, stem(&path), Some(long), Box::new(file), false);
            source.keep.clone_from(&self.keep);
            self.current = Some(source);
            return;
        }
        let max = self.max_doc_bytes;
        if meta.is_file() && meta.len() > max {
            return self.skip(too_large(&path, meta.len(), max));
        }
        let bytes = match read_text(file, max) {
            Ok(Ok(bytes)) => bytes,
            Ok(Err(why)) => return self.skip(invalid_data(&path, &why)),
            Err(e) => return self.skip(Error::io(Some(path), e)),
        };
        self.text_document(&path, stem(&path), bytes, Some(long));
    }

    /// Queues the entries of a folder that are to be read, and those skipped, in name order.
    fn open_dir(&mut self, dir: &Path, root: &Path) {
        match fs::canonicalize(dir) {
            Ok(real) => {
                if let Some(first) = self.folders.get(&real) {
                    let why = format!(
                        "folder already read as {} (a link loop or a second link), skipped",
                        first.display()
                    );
                    return self.skip(invalid_data(dir, &why));
                }
                self.folders.insert(real, dir.to_path_buf());
            }
            Err(e) => return self.skip(Error::io(Some(dir.to_path_buf()), e)),
        }
        let listing = match fs::read_dir(dir) {
            Ok(listing) => listing,
            Err(e) => return self.skip(Error::io(Some(dir.to_path_buf()), e)),
        };
        let mut found = Vec::new();
        let mut other_kinds: Vec<String> = Vec::new();
        for entry in listing {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    self.skip(Error::io(Some(dir.to_path_buf()), e));
                    continue;
                }
            };
            let name = entry.file_name();
            if name.as_encoded_bytes().starts_with(b".") {
                continue;
            }
            let path = entry.path();
            let root = root.to_path_buf();
            let wanted = match entry.file_type() {
                // Let `open` report it with the real error.
                Err(_) => Some(Pending::Path { path, root: Some(root) }),
                Ok(kind) if kind.is_dir() => Some(Pending::Path { path, root: Some(root) }),
                Ok(kind) if kind.is_symlink() => match fs::metadata(&path) {
                    Ok(meta) if meta.is_dir() => Some(Pending::Path { path, root: Some(root) }),
                    Ok(meta) => file_entry(path, meta.file_type(), root),
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {
                        let target =
                            fs::read_link(&path).map(|t| t.display().to_string()).unwrap_or_default();
                        let why = format!("dangling symbolic link (to {target}), skipped");
                        Some(Pending::Skip(invalid_data(&path, &why)))
                    }
                    Err(e) => Some(Pending::Skip(Error::io(Some(path), e))),
                },
                Ok(kind) => file_entry(path, kind, root),
            };
            match wanted {
                Some(pending) => found.push((name, pending)),
                None => other_kinds.push(name.to_string_lossy().into_owned()),
            }
        }
        if !other_kinds.is_empty() {
            self.queued.push_back(Event::Warning(invalid_data(dir, &not_read(other_kinds))));
        }
        found.sort_by(|a, b| a.0.cmp(&b.0));
        self.pending.extend(found.into_iter().rev().map(|(_, pending)| pending));
    }
}

/// A folder entry that is not a folder: read when it is a regular file with a readable
/// extension, named when it has such an extension but is a FIFO, socket or device, else left
/// alone.
fn file_entry(path: PathBuf, kind: fs::FileType, root: PathBuf) -> Option<Pending> {
    if !has_folder_extension(&path) {
        return None;
    }
    if kind.is_file() {
        return Some(Pending::Path { path, root: Some(root) });
    }
    let why = "not a regular file (a FIFO, socket or device), skipped";
    Some(Pending::Skip(invalid_data(&path, why)))
}

impl Iterator for Inputs {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        loop {
            if let Some(event) = self.queued.pop_front() {
                return Some(event);
            }
            if let Some(source) = &mut self.current {
                match source.next_item(self.max_doc_bytes) {
                    Some(Item::Doc(found)) => {
                        let (name, line) = source.place();
                        self.found(found, |message| Error::input(&name, line, message));
                    }
                    Some(Item::Note(event)) => return Some(event),
                    None => self.current = None,
                }
                continue;
            }
            match self.pending.pop()? {
                Pending::Stdin if self.stdin_text => {
                    let mut bytes = Vec::new();
                    let stdin = Path::new("<stdin>");
                    match io::stdin()
                        .lock()
                        .take(self.max_doc_bytes.saturating_add(1))
                        .read_to_end(&mut bytes)
                    {
                        Ok(n) if n as u64 > self.max_doc_bytes => {
                            self.skip(too_large(stdin, n as u64, self.max_doc_bytes))
                        }
                        Ok(_) => self.text_document(stdin, "stdin".into(), bytes, None),
                        Err(e) => self.skip(Error::io(Some(stdin.into()), e)),
                    }
                }
                Pending::Stdin => {
                    let mut source =
                        JsonlSource::new("<stdin>".into(), "stdin".into(), None, Box::new(io::stdin()), true);
                    source.keep.clone_from(&self.keep);
                    self.current = Some(source);
                }
                Pending::Path { path, root } => self.open(path, root),
                Pending::Skip(error) => return Some(Event::Skipped(error)),
            }
        }
    }
}

/// Reads a text file: its first bytes are checked before the rest is read, and at most `max`
/// bytes are read (a device such as `/dev/zero` never ends). `Ok(Err(why))` when it is skipped.
fn read_text(file: fs::File, max: u64) -> io::Result<Result<Vec<u8>, String>> {
    let mut head = Vec::with_capacity(SNIFF_LEN);
    let mut file = io::BufReader::new(file);
    (&mut file).take(SNIFF_LEN as u64).read_to_end(&mut head)?;
    if let Some(why) = not_text(&head) {
        return Ok(Err(why.to_string()));
    }
    let mut bytes = head;
    file.take(max.saturating_add(1).saturating_sub(bytes.len() as u64)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Ok(Err(format!("more than --max-doc-bytes ({max}) bytes, skipped")));
    }
    Ok(Ok(bytes))
}

/// The warning for the files of a folder that are not read (named, up to three).
fn not_read(mut names: Vec<String>) -> String {
    names.sort();
    let n = names.len();
    let shown = names.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
    let more = if n > 3 { format!(", and {} more", n - 3) } else { String::new() };
    let files = if n == 1 { "file" } else { "files" };
    format!("{n} {files} not read: only .txt, .jsonl, .ndjson, .html and .htm files are read from a folder ({shown}{more})")
}

fn too_large(path: &Path, len: u64, max: u64) -> Error {
    invalid_data(path, &format!("{len} bytes, more than --max-doc-bytes ({max}), skipped"))
}

fn invalid_data(path: &Path, message: &str) -> Error {
    Error::io(Some(path.to_path_buf()), io::Error::new(io::ErrorKind::InvalidData, message.to_string()))
}

/// The file name without its extension: the document id of a text file.
fn stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

/// The path relative to the folder argument it was found under (or as given, for an explicit
/// file), without extension, `/`-separated: the id of a document when its file name clashes.
fn long_id(path: &Path, root: Option<&Path>) -> String {
    let relative = root.and_then(|r| path.strip_prefix(r).ok()).unwrap_or(path);
    let relative = relative.strip_prefix(".").unwrap_or(relative).with_extension("");
    let parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    parts.join("/")
}

fn extension(path: &Path) -> Option<String> {
    path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase())
}

#[cfg(feature = "html")]
fn read_page(id: &str, html: &str) -> Result<Document, Error> {
    crate::html::read_page(id, html)
}

#[cfg(not(feature = "html"))]
fn read_page(_id: &str, _html: &str) -> Result<Document, Error> {
    Err(Error::other("a web page, and whosaid was built without the `html` feature"))
}

fn is_html(path: &Path) -> bool {
    matches!(extension(path).as_deref(), Some("html" | "htm"))
}

fn is_jsonl(path: &Path) -> bool {
    matches!(extension(path).as_deref(), Some("jsonl" | "ndjson"))
}

/// Whether a file at `path` would be read when found inside a folder (its extension is one of
/// [`FOLDER_EXTENSIONS`] and no part of its name starts with `.`; `path` is taken relative to
/// the folder).
pub fn read_from_folders(path: &Path) -> bool {
    let hidden = path.iter().any(|part| part.as_encoded_bytes().starts_with(b"."));
    !hidden && has_folder_extension(path)
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
                "warning dir/feed.jsonl:7: `id` is a list, not text: the default id is used",
                "doc feed:7 \"c\"",
            ]
        );
    }

    #[test]
    fn metadata_numbers_and_booleans_are_their_text_and_only_text_is_required() {
        let text = "{\"id\": 1, \"text\": \"a\", \"outlet\": 7, \"date\": 20240101, \"title\": true}\n\
                    {\"text\": \"b\", \"outlet\": [\"x\"], \"url\": {}}\n{\"text\": 5}\n";
        let mut docs = Vec::new();
        let mut notes = Vec::new();
        for event in Inputs::from_reader("f.jsonl", text.as_bytes()) {
            match event {
                Event::Document(d) => docs.push(d),
                Event::Warning(e) | Event::Skipped(e) => notes.push(e.to_string()),
            }
        }
        assert_eq!(docs.len(), 2);
        assert_eq!((docs[0].outlet.as_deref(), docs[0].date.as_deref()), (Some("7"), Some("20240101")));
        assert_eq!((docs[0].id.as_str(), docs[0].title.as_deref()), ("1", Some("true")));
        assert_eq!((docs[1].outlet.as_deref(), docs[1].url.as_deref()), (None, None));
        assert_eq!(
            notes,
            [
                "f.jsonl:2: `outlet` is a list, not text: left empty",
                "f.jsonl:2: `url` is an object, not text: left empty",
                "f.jsonl:3: not a document: `text` must be a string, not a number",
            ]
        );
    }

    #[test]
    fn json_errors_say_what_is_wrong() {
        let text = "{\"text\": \"a\\ud800\"}\n{\"text\": \"b\u{0}c\"}\n{\"text\": \"ok\"}\n";
        assert_eq!(
            events(Inputs::from_reader("f.jsonl", text.as_bytes())),
            [
                "skipped f.jsonl:1: not valid JSON: a \\uD800-\\uDFFF escape without its pair (a lone UTF-16 \
                 surrogate is not a character) (column 18)",
                "skipped f.jsonl:2: not valid JSON: a raw control character (such as a NUL byte) inside a \
                 string; escape it (\\u0000) (column 12)",
                "doc f:3 \"ok\"",
            ]
        );
    }

    #[test]
    fn a_line_over_the_size_limit_is_skipped_and_the_next_is_read() {
        let text = format!("{{\"text\": \"{}\"}}\n{{\"text\": \"short\"}}\n", "x".repeat(100));
        assert_eq!(
            events(Inputs::from_reader("f.jsonl", io::Cursor::new(text.into_bytes())).max_doc_bytes(50)),
            [
                "skipped f.jsonl:1: line of 113 bytes, more than --max-doc-bytes (50); skipped",
                "doc f:2 \"short\""
            ]
        );
    }

    #[test]
    fn duplicate_ids_are_kept_and_renamed_with_a_warning() {
        let text = "{\"id\": \"a\", \"text\": \"1\"}\n{\"id\": \"a\", \"text\": \"2\"}\n";
        assert_eq!(
            events(Inputs::from_reader("f.jsonl", text.as_bytes())),
            [
                "doc a \"1\"",
                "warning f.jsonl:2: document id `a` is already used in this run; this one is `a#2`",
                "doc a#2 \"2\"",
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
