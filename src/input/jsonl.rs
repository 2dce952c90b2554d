//! JSONL inputs (files and standard input): one document per line, read one line at a time, a
//! line never longer in memory than the document size limit.

use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use super::decode::{decode, not_jsonl_text, SNIFF_LEN};
use super::{invalid_data, Event, Found};
use crate::document::Document;
use crate::error::Error;

/// Buffer size for JSONL readers. Large enough for most articles to sit in one buffer.
const JSONL_BUFFER: usize = 1 << 20;

/// Past this size a line buffer is released after use rather than kept for the next line.
const KEEP_LINE_BUFFER: usize = 16 << 20;

/// What reading a source gave.
pub(super) enum Item {
    /// A document, with its warnings.
    Doc(Found),
    /// A line or the whole source skipped.
    Note(Event),
}

/// A JSONL file or stream, read one line at a time.
pub(super) struct JsonlSource {
    /// The name used in messages (the path as given, or `<stdin>`).
    name: String,
    /// The prefix of default document ids.
    id_prefix: String,
    /// The prefix of default ids when `id_prefix` clashes (the path relative to its argument).
    long_prefix: Option<String>,
    pub(super) reader: BufReader<Box<dyn Read + Send>>,
    /// A stream (standard input) rather than a file: see [`super::Inputs::idle`].
    pub(super) stream: bool,
    /// 1-based number of the last line read.
    line: u64,
    buf: Vec<u8>,
    /// The head has been checked for binary data.
    sniffed: bool,
    /// The source has ended (end of input or a read error).
    done: bool,
    /// Fields kept in [`Document::extra`] (`--keep`).
    pub(super) keep: Vec<String>,
}

/// The fields of one JSONL line. Only `text` is required, and must be a string; the others may
/// be strings, numbers or booleans (taken as their text).
#[derive(Deserialize)]
struct JsonDoc {
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    text: Option<Value>,
    #[serde(default)]
    outlet: Option<Value>,
    #[serde(default)]
    date: Option<Value>,
    #[serde(default)]
    url: Option<Value>,
    #[serde(default)]
    title: Option<Value>,
}

/// How reading one line ended.
enum Line {
    /// A line is in the buffer.
    Read,
    /// The line was longer than the limit: its length, nothing kept.
    TooLong(u64),
    /// End of input.
    End,
}

impl JsonlSource {
    pub(super) fn new(
        name: String,
        id_prefix: String,
        long_prefix: Option<String>,
        reader: Box<dyn Read + Send>,
        stream: bool,
    ) -> JsonlSource {
        JsonlSource {
            name,
            id_prefix,
            long_prefix,
            reader: BufReader::with_capacity(JSONL_BUFFER, reader),
            stream,
            line: 0,
            buf: Vec::new(),
            sniffed: false,
            done: false,
            keep: Vec::new(),
        }
    }

    /// The name and the number of the line last read, for messages.
    pub(super) fn place(&self) -> (String, u64) {
        (self.name.clone(), self.line)
    }

    fn read_error(&mut self, e: io::Error) -> Item {
        self.done = true;
        Item::Note(Event::Skipped(Error::io(Some(self.name.clone().into()), e)))
    }

    /// The next document or skipped line; lines longer than `max` bytes are skipped unread.
    pub(super) fn next_item(&mut self, max: u64) -> Option<Item> {
        if self.done {
            return None;
        }
        if !self.sniffed {
            self.sniffed = true;
            // Peek at the start to refuse binary files before reading them line by line.
            let head = match self.reader.fill_buf() {
                Ok(head) => head,
                Err(e) => return Some(self.read_error(e)),
            };
            if let Some(why) = not_jsonl_text(&head[..head.len().min(SNIFF_LEN)]) {
                self.done = true;
                return Some(Item::Note(Event::Skipped(invalid_data(Path::new(&self.name), why))));
            }
        }
        loop {
            let line = match self.read_line(max) {
                Ok(line) => line,
                Err(e) => return Some(self.read_error(e)),
            };
            self.line += 1;
            match line {
                Line::End => {
                    self.done = true;
                    return None;
                }
                Line::TooLong(n) => {
                    let message = format!("line of {n} bytes, more than --max-doc-bytes ({max}); skipped");
                    return Some(Item::Note(Event::Skipped(Error::input(&self.name, self.line, message))));
                }
                Line::Read => {}
            }
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
            let mut found = match self.parse(&decoded.text) {
                Ok(found) => found,
                Err(e) => return Some(Item::Note(Event::Skipped(e))),
            };
            if let Some(message) = decoded.problem() {
                found.warnings.insert(0, Error::input(&self.name, self.line, message));
            }
            return Some(Item::Doc(found));
        }
    }

    /// Reads one line into `buf`, keeping at most `max` bytes of it.
    fn read_line(&mut self, max: u64) -> io::Result<Line> {
        if self.buf.capacity() > KEEP_LINE_BUFFER {
            self.buf = Vec::new();
        }
        self.buf.clear();
        let (mut total, mut too_long) = (0u64, false);
        loop {
            let available = match self.reader.fill_buf() {
                Ok(available) => available,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                break;
            }
            let (chunk, ends) = match memchr::memchr(b'\n', available) {
                Some(i) => (&available[..=i], true),
                None => (available, false),
            };
            let n = chunk.len();
            total += n as u64;
            if !too_long && total > max {
                too_long = true;
                self.buf = Vec::new();
            }
            if !too_long {
                self.buf.extend_from_slice(chunk);
            }
            self.reader.consume(n);
            if ends {
                break;
            }
        }
        Ok(match (total, too_long) {
            (0, _) => Line::End,
            (n, true) => Line::TooLong(n),
            (_, false) => Line::Read,
        })
    }

    fn parse(&self, line: &str) -> Result<Found, Error> {
        let bad = |message: String| Error::input(&self.name, self.line, message);
        // serde would take an array for a struct (`["id", "text"]`): only objects are documents.
        if !line.trim_start().starts_with('{') && serde_json::from_str::<serde::de::IgnoredAny>(line).is_ok()
        {
            return Err(bad("not a document: a JSON object is expected".into()));
        }
        let row: JsonDoc = serde_json::from_str(line).map_err(|e| bad(json_message(&e, line)))?;
        let text = match row.text {
            Some(Value::String(text)) => text,
            None | Some(Value::Null) => return Err(bad("not a document: missing field `text`".into())),
            Some(other) => {
                return Err(bad(format!("not a document: `text` must be a string, not {}", kind(&other))))
            }
        };
        let mut warnings = Vec::new();
        let mut field = |name: &str, value: Option<Value>, instead: &str| match scalar(value) {
            Ok(value) => value,
            Err(what) => {
                warnings.push(bad(format!("`{name}` is {what}, not text: {instead}")));
                None
            }
        };
        let id = field("id", row.id, "the default id is used");
        let outlet = field("outlet", row.outlet, "left empty");
        let date = field("date", row.date, "left empty");
        let url = field("url", row.url, "left empty");
        let title = field("title", row.title, "left empty");
        let (id, long) = match id {
            Some(id) => (id, None),
            None => (
                format!("{}:{}", self.id_prefix, self.line),
                self.long_prefix.as_ref().map(|p| format!("{p}:{}", self.line)),
            ),
        };
        let extra = self.kept(line);
        Ok(Found { doc: Document { id, text, outlet, date, url, title, extra }, long, warnings })
    }

    /// The kept fields of a line, in the order asked for, empty when missing (the line is
    /// parsed again, only when fields are kept).
    fn kept(&self, line: &str) -> Vec<(String, String)> {
        if self.keep.is_empty() {
            return Vec::new();
        }
        let fields: serde_json::Map<String, Value> = serde_json::from_str(line).unwrap_or_default();
        self.keep
            .iter()
            .map(|k| {
                let value = match fields.get(k) {
                    None | Some(Value::Null) => String::new(),
                    Some(Value::String(s)) => s.clone(),
                    Some(other) => other.to_string(),
                };
                (k.clone(), value)
            })
            .collect()
    }
}

/// A metadata value as text: a string as it is, a number or boolean as written; empty and
/// null are `None`; a list or an object is an error saying which.
fn scalar(value: Option<Value>) -> Result<Option<String>, &'static str> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s).filter(|s| !s.is_empty())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(Value::Bool(b)) => Ok(Some(b.to_string())),
        Some(other) => Err(kind(&other)),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// serde_json's message without its position, and said plainly where it is obscure.
fn json_message(e: &serde_json::Error, line: &str) -> String {
    let full = e.to_string();
    let message = full.rsplit_once(" at line ").map_or(full.as_str(), |(m, _)| m);
    if e.classify() == serde_json::error::Category::Data {
        return format!("not a document: {message}");
    }
    let message = if message.contains("hex escape") && has_surrogate_escape(line) {
        "a \\uD800-\\uDFFF escape without its pair (a lone UTF-16 surrogate is not a character)"
    } else if message.starts_with("control character") {
        "a raw control character (such as a NUL byte) inside a string; escape it (\\u0000)"
    } else {
        message
    };
    format!("not valid JSON: {message} (column {})", e.column())
}

/// Whether the line holds a `\uD800`–`\uDFFF` escape.
fn has_surrogate_escape(line: &str) -> bool {
    line.as_bytes().windows(4).any(|w| {
        w[0] == b'\\'
            && w[1] == b'u'
            && matches!(w[2], b'd' | b'D')
            && matches!(w[3], b'8'..=b'9' | b'a'..=b'f' | b'A'..=b'F')
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::events;
    use super::super::Inputs;
    use super::*;

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
}
