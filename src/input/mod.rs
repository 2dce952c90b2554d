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
//! Every document id is unique within a run (see the `ids` module): a clash is resolved by the
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
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::document::Document;
use crate::error::Error;

mod decode;
mod file;
mod ids;
mod jsonl;
mod walk;

pub use decode::{decode, not_jsonl_text, not_text, Decoded, SNIFF_LEN};
use ids::Ids;
use jsonl::{Item, JsonlSource};
pub use walk::{read_from_folders, FOLDER_EXTENSIONS};

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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The events of `inputs`, one line each.
    pub(crate) fn events(inputs: Inputs) -> Vec<String> {
        inputs
            .map(|e| match e {
                Event::Document(d) => format!("doc {} {:?}", d.id, d.text),
                Event::Warning(e) => format!("warning {e}"),
                Event::Skipped(e) => format!("skipped {e}"),
            })
            .collect()
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
    fn idle_is_only_true_for_an_empty_stream_buffer() {
        let mut inputs = Inputs::from_reader("s", "{\"text\":\"a\"}\n{\"text\":\"b\"}\n".as_bytes());
        assert!(matches!(inputs.next(), Some(Event::Document(_))));
        assert!(!inputs.idle(), "the second line is already buffered");
        assert!(matches!(inputs.next(), Some(Event::Document(_))));
        assert!(inputs.idle());
        assert!(!Inputs::new(["x"]).idle());
    }
}
