//! Walking folders: which entries of a folder are read and in what order, where symbolic
//! links lead, and which folders were already read.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::file::extension;
use super::{invalid_data, Event, Inputs, Pending};
use crate::error::Error;

/// Extensions (lowercase, without the dot) read from inside folders. `.txt` is one article,
/// `.htm` and `.html` a web page, the others JSONL.
pub const FOLDER_EXTENSIONS: &[&str] = &["htm", "html", "jsonl", "ndjson", "txt"];

impl Inputs {
    /// Queues the entries of a folder that are to be read, and those skipped, in name order.
    pub(crate) fn open_dir(&mut self, dir: &Path, root: &Path) {
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

/// The warning for the files of a folder that are not read (named, up to three).
fn not_read(mut names: Vec<String>) -> String {
    names.sort();
    let n = names.len();
    let shown = names.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
    let more = if n > 3 { format!(", and {} more", n - 3) } else { String::new() };
    let files = if n == 1 { "file" } else { "files" };
    format!("{n} {files} not read: only .txt, .jsonl, .ndjson, .html and .htm files are read from a folder ({shown}{more})")
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
    use super::super::tests::events;
    use super::*;

    #[test]
    fn folder_extensions_are_sorted_and_lowercase() {
        let mut sorted = FOLDER_EXTENSIONS.to_vec();
        sorted.sort();
        assert_eq!(sorted, FOLDER_EXTENSIONS);
        assert!(FOLDER_EXTENSIONS.iter().all(|e| e.chars().all(|c| c.is_ascii_lowercase())));
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
}
