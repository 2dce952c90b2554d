//! The source layout the project keeps: small modules, each saying its one job.

use std::path::{Path, PathBuf};

/// The most lines a file in `src/` has.
const MAX_LINES: usize = 600;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_source_file_is_short_and_opens_with_its_job() {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    assert!(files.len() > 10, "found the source files");
    let mut problems = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("a source file is UTF-8");
        let lines = text.lines().count();
        if lines > MAX_LINES {
            problems.push(format!("{}: {lines} lines (at most {MAX_LINES}: split it)", f.display()));
        }
        if !text.starts_with("//!") {
            problems.push(format!("{}: no `//!` line saying what the module is for", f.display()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
