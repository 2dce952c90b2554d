//! Arguments and set-up shared by `extract` and `compare`: the gazetteer, the worker threads,
//! the output file and how its name picks the format, the CSV guards.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use whosaid::Gazetteer;

use super::outfile::{self, OutputFile};

/// Where the people and organisations come from.
#[derive(clap::Args, Debug)]
pub struct GazetteerArgs {
    /// Add people and organisations from a gazetteer CSV file (repeatable).
    #[arg(long = "gazetteer", value_name = "PATH")]
    pub gazetteers: Vec<PathBuf>,

    /// Do not load the built-in gazetteer: only the --gazetteer files are used.
    #[arg(long)]
    pub no_builtin_gazetteer: bool,
}

impl GazetteerArgs {
    /// The built-in gazetteer (unless turned off) with the --gazetteer files added. Errors are
    /// the library's, unadorned: they already say `FILE:LINE:COL: message`.
    pub fn load(&self) -> Result<Gazetteer> {
        let mut gazetteer =
            if self.no_builtin_gazetteer { Gazetteer::empty() } else { Gazetteer::builtin()? };
        for path in &self.gazetteers {
            gazetteer.load_path(path)?;
        }
        Ok(gazetteer)
    }
}

/// How the run goes: threads and messages.
#[derive(clap::Args, Debug)]
pub struct RunArgs {
    /// Worker threads [default: all cores].
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,

    /// No progress bar and no warnings (inputs that are skipped are still named).
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

impl RunArgs {
    /// A rayon pool with the threads asked for.
    pub fn pool(&self) -> Result<rayon::ThreadPool> {
        rayon::ThreadPoolBuilder::new()
            .num_threads(self.threads.map_or(0, usize::from))
            .build()
            .context("cannot start worker threads")
    }
}

/// Where the output goes and how spreadsheets are protected.
#[derive(clap::Args, Debug)]
pub struct OutputArgs {
    /// Write to FILE instead of standard output. Its extension picks the format (.csv, .jsonl,
    /// .ndjson, .xlsx, .html, .txt: those the command writes); another extension is an error.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Prefix CSV cells that start with = + - @ tab or CR with ' so spreadsheets do not run
    /// them as formulas [default: on when -o names a .csv file, off otherwise].
    #[arg(long, overrides_with = "no_csv_safe")]
    pub csv_safe: bool,

    /// Write CSV cells exactly as extracted, even to a .csv file.
    #[arg(long, overrides_with = "csv_safe")]
    pub no_csv_safe: bool,

    /// Start CSV with a UTF-8 byte order mark, so that Excel on Windows reads ’ and “ right
    /// [default: on when -o names a .csv file, off otherwise].
    #[arg(long, overrides_with = "no_bom")]
    pub bom: bool,

    /// No byte order mark, even in a .csv file.
    #[arg(long, overrides_with = "bom")]
    pub no_bom: bool,
}

impl OutputArgs {
    /// The output file, if not standard output (`-o -` is standard output).
    pub fn file(&self) -> Option<&Path> {
        self.output.as_deref().filter(|p| p.as_os_str() != "-")
    }

    /// Whether the output file's extension is `ext` (lowercase).
    fn file_is(&self, ext: &str) -> bool {
        self.file().and_then(extension).is_some_and(|e| e == ext)
    }

    /// Whether CSV cells are guarded: as asked, else when writing a `.csv` file.
    pub fn csv_safe(&self) -> bool {
        self.csv_safe || (!self.no_csv_safe && self.file_is("csv"))
    }

    /// Whether CSV starts with a byte order mark: as asked, else when writing a `.csv` file.
    pub fn bom(&self) -> bool {
        self.bom || (!self.no_bom && self.file_is("csv"))
    }

    /// The format: the one asked for with --format, else the one the output file's extension
    /// names in `by_extension`, else `default`. An extension the command does not write, or
    /// one that contradicts --format, is an error (nothing is written).
    pub fn format<F: Copy + PartialEq>(
        &self,
        asked: Option<F>,
        by_extension: &[(&str, F)],
        default: F,
        name: impl Fn(F) -> String,
    ) -> Result<F> {
        let Some(path) = self.file() else { return Ok(asked.unwrap_or(default)) };
        let Some(ext) = extension(path) else { return Ok(asked.unwrap_or(default)) };
        let known: Vec<String> = by_extension.iter().map(|(e, _)| format!(".{e}")).collect();
        let Some(&(_, implied)) = by_extension.iter().find(|(e, _)| *e == ext) else {
            bail!(
                "{}: cannot tell the format from the extension .{ext}: this command writes {} (or give \
                 --format and a file name without an extension)",
                path.display(),
                known.join(", ")
            );
        };
        match asked {
            Some(f) if f != implied => bail!(
                "--format {} contradicts the output file {} (a .{ext} file is written as {})",
                name(f),
                path.display(),
                name(implied)
            ),
            _ => Ok(implied),
        }
    }

    /// Opens the output and writes the byte order mark when `bom`: standard output, or a
    /// temporary file that takes the -o name when [`OutputFile::commit`] is called after
    /// everything is written. An -o file that is one of the `inputs` is refused.
    pub fn open(&self, bom: bool, inputs: &[PathBuf]) -> Result<(Box<dyn Write>, Option<OutputFile>)> {
        let (mut out, file): (Box<dyn Write>, _) = match self.file() {
            Some(path) => {
                outfile::check_not_input(path, inputs)?;
                let (guard, file) = OutputFile::create(path)?;
                (Box::new(file), Some(guard))
            }
            None => (Box::new(std::io::stdout().lock()), None),
        };
        if bom {
            out.write_all("\u{FEFF}".as_bytes()).context("cannot write the output")?;
        }
        Ok((out, file))
    }
}

/// The lowercase extension of a path, if any.
fn extension(path: &Path) -> Option<String> {
    path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(output: &str) -> OutputArgs {
        OutputArgs {
            output: Some(output.into()),
            csv_safe: false,
            no_csv_safe: false,
            bom: false,
            no_bom: false,
        }
    }

    #[test]
    fn the_extension_picks_the_format_and_an_unknown_one_is_an_error() {
        let table = [("csv", 1), ("jsonl", 2), ("xlsx", 3)];
        let name = |f: i32| f.to_string();
        assert_eq!(args("a.CSV").format(None, &table, 0, name).unwrap(), 1);
        assert_eq!(args("a.xlsx").format(Some(3), &table, 0, name).unwrap(), 3);
        assert_eq!(args("a").format(Some(2), &table, 0, name).unwrap(), 2);
        assert_eq!(args("-").format(None, &table, 0, name).unwrap(), 0);
        let unknown = args("a.xls").format(None, &table, 0, name).unwrap_err().to_string();
        assert!(unknown.contains(".xls") && unknown.contains(".csv, .jsonl, .xlsx"), "{unknown}");
        let contradiction = args("a.csv").format(Some(2), &table, 0, name).unwrap_err().to_string();
        assert!(contradiction.contains("contradicts"), "{contradiction}");
    }

    #[test]
    fn csv_files_get_a_bom_and_guards_unless_told_otherwise() {
        assert!(args("a.csv").bom() && args("a.csv").csv_safe());
        assert!(!args("a.jsonl").bom() && !args("a.jsonl").csv_safe());
        let mut no = args("a.csv");
        no.no_bom = true;
        assert!(!no.bom());
    }
}
