//! Reading one path that is not a folder: a JSONL file becomes the current source, a text
//! file or web page is read whole (its head checked, its size limited) and decoded.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::jsonl::JsonlSource;
use super::{decode, invalid_data, not_text, stem, too_large, Found, Inputs, SNIFF_LEN};
use crate::document::Document;
use crate::error::Error;

impl Inputs {
    /// The document of a text file or page read whole (`path` names it in messages).
    pub(crate) fn text_document(&mut self, path: &Path, id: String, bytes: Vec<u8>, long: Option<String>) {
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

    /// Opens one path: a folder queues its entries, a JSONL file becomes the current source, a
    /// text file yields its document.
    pub(crate) fn open(&mut self, path: PathBuf, root: Option<PathBuf>) {
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
        // The buffer is sized to the file, so a large document is not held in a buffer twice its size.
        let size = if meta.is_file() { meta.len() } else { 0 };
        let bytes = match read_text(file, max, size) {
            Ok(Ok(bytes)) => bytes,
            Ok(Err(why)) => return self.skip(invalid_data(&path, &why)),
            Err(e) => return self.skip(Error::io(Some(path), e)),
        };
        self.text_document(&path, stem(&path), bytes, Some(long));
    }
}

/// Reads a text file: its first bytes are checked before the rest is read, and at most `max`
/// bytes are read (a device such as `/dev/zero` never ends). `size` is the file's expected
/// size (0 when unknown). `Ok(Err(why))` when it is skipped.
fn read_text(file: fs::File, max: u64, size: u64) -> io::Result<Result<Vec<u8>, String>> {
    let mut head = Vec::with_capacity(SNIFF_LEN);
    let mut file = io::BufReader::new(file);
    (&mut file).take(SNIFF_LEN as u64).read_to_end(&mut head)?;
    if let Some(why) = not_text(&head) {
        return Ok(Err(why.to_string()));
    }
    let mut bytes = head;
    bytes.reserve_exact(usize::try_from(size.min(max)).unwrap_or(0).saturating_sub(bytes.len()));
    file.take(max.saturating_add(1).saturating_sub(bytes.len() as u64)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Ok(Err(format!("more than --max-doc-bytes ({max}) bytes, skipped")));
    }
    Ok(Ok(bytes))
}

/// The path relative to the folder argument it was found under (or as given, for an explicit
/// file), without extension, `/`-separated: the id of a document when its file name clashes.
fn long_id(path: &Path, root: Option<&Path>) -> String {
    let relative = root.and_then(|r| path.strip_prefix(r).ok()).unwrap_or(path);
    let relative = relative.strip_prefix(".").unwrap_or(relative).with_extension("");
    let parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    parts.join("/")
}

/// The extension, lowercased.
pub(crate) fn extension(path: &Path) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::super::tests::events;
    use super::*;

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
}
