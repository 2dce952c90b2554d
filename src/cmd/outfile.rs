//! The `-o FILE` of `whosaid extract`: refused when it would destroy or be read as an input,
//! and written to a temporary file in the same folder that takes the final name only when the
//! run has written everything, so a failed run leaves an existing file as it was and no
//! half-written one.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use whosaid::input::read_from_folders;

/// Fails when `output` is one of the `inputs`, or lies in an input folder with a name that the
/// folder walk would read back as an input.
pub fn check_not_input(output: &Path, inputs: &[PathBuf]) -> Result<()> {
    let Some(out) = resolve(output) else { return Ok(()) };
    for input in inputs.iter().filter(|p| p.as_os_str() != "-") {
        let Ok(real) = fs::canonicalize(input) else { continue };
        if real == out {
            bail!("-o {}: this is also an input, refusing to overwrite it", output.display());
        }
        if real.is_dir() && out.strip_prefix(&real).is_ok_and(read_from_folders) {
            bail!(
                "-o {}: inside the input folder {}, where it would be read as an input; \
                 write it elsewhere or under another extension",
                output.display(),
                input.display()
            );
        }
    }
    Ok(())
}

/// The path with links and `..` resolved, also for a file (or folders) that do not exist yet:
/// the nearest existing folder above it is resolved and the rest appended.
fn resolve(path: &Path) -> Option<PathBuf> {
    let absolute = std::env::current_dir().ok()?.join(path);
    let mut base = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = fs::canonicalize(base) {
            return Some(rest.iter().rev().fold(real, |p, part| p.join(part)));
        }
        rest.push(base.file_name()?);
        base = base.parent()?;
    }
}

/// An output file being written: a temporary file beside it until [`OutputFile::commit`].
/// Dropped uncommitted, the temporary file is removed.
pub struct OutputFile {
    /// Where the output goes.
    dest: PathBuf,
    /// The file being written, when it is not `dest` itself.
    temp: Option<PathBuf>,
}

impl OutputFile {
    /// Creates the file to write. A path that exists and is not a regular file (`/dev/null`, a
    /// FIFO) is written directly: renaming over it would replace it.
    pub fn create(dest: &Path) -> Result<(OutputFile, File)> {
        let cannot = || format!("cannot create {}", dest.display());
        if fs::metadata(dest).is_ok_and(|m| !m.is_file()) {
            let file = fs::OpenOptions::new().write(true).open(dest).with_context(cannot)?;
            return Ok((OutputFile { dest: dest.to_path_buf(), temp: None }, file));
        }
        let name = dest.file_name().with_context(cannot)?.to_string_lossy();
        let mut n = 0u32;
        loop {
            let temp = dest.with_file_name(format!(".{name}.whosaid-{}-{n}.tmp", std::process::id()));
            match fs::OpenOptions::new().write(true).create_new(true).open(&temp) {
                Ok(file) => return Ok((OutputFile { dest: dest.to_path_buf(), temp: Some(temp) }, file)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
                Err(e) => return Err(e).with_context(cannot),
            }
        }
    }

    /// Gives the finished file its name (replacing what was there).
    pub fn commit(mut self) -> Result<()> {
        if let Some(temp) = self.temp.take() {
            if let Err(e) = fs::rename(&temp, &self.dest) {
                let _ = fs::remove_file(&temp);
                return Err(e).with_context(|| format!("cannot write {}", self.dest.display()));
            }
        }
        Ok(())
    }
}

impl Drop for OutputFile {
    fn drop(&mut self) {
        if let Some(temp) = &self.temp {
            let _ = fs::remove_file(temp);
        }
    }
}
