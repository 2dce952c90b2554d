//! The library's error type: a small struct around a `#[non_exhaustive]` kind, so callers can
//! match on what went wrong and the binary can print where (file, line, column).

use std::fmt;
use std::path::PathBuf;

/// An error from whosaid's library: what went wrong and, where known, where.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
}

/// What went wrong.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A gazetteer or data file is malformed.
    Gazetteer {
        /// The file (or a name such as `<built-in people.csv>`).
        file: String,
        /// 1-based line, 0 when unknown.
        line: u64,
        /// 1-based column, 0 when unknown.
        column: u64,
        /// What is wrong there.
        message: String,
    },
    /// An input could not be read.
    Io {
        /// The path that failed, when there is one.
        path: Option<PathBuf>,
        /// The underlying error.
        source: std::io::Error,
    },
    /// An input record is malformed (a JSONL line that is not JSON, or lacks `text`).
    Input {
        /// The file, or `-` for standard input.
        file: String,
        /// 1-based line.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// Something else, described.
    Other(String),
}

impl Error {
    /// The kind of error.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// A gazetteer error at a place in a file.
    pub fn gazetteer(file: impl Into<String>, line: u64, column: u64, message: impl Into<String>) -> Error {
        Error { kind: ErrorKind::Gazetteer { file: file.into(), line, column, message: message.into() } }
    }

    /// An I/O error on a path.
    pub fn io(path: Option<PathBuf>, source: std::io::Error) -> Error {
        Error { kind: ErrorKind::Io { path, source } }
    }

    /// A malformed input record.
    pub fn input(file: impl Into<String>, line: u64, message: impl Into<String>) -> Error {
        Error { kind: ErrorKind::Input { file: file.into(), line, message: message.into() } }
    }

    /// Any other error.
    pub fn other(message: impl Into<String>) -> Error {
        Error { kind: ErrorKind::Other(message.into()) }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Gazetteer { file, line, column, message } => match (line, column) {
                (0, _) => write!(f, "{file}: {message}"),
                (l, 0) => write!(f, "{file}:{l}: {message}"),
                (l, c) => write!(f, "{file}:{l}:{c}: {message}"),
            },
            ErrorKind::Io { path: Some(p), source } => write!(f, "{}: {source}", p.display()),
            ErrorKind::Io { path: None, source } => write!(f, "{source}"),
            ErrorKind::Input { file, line, message } => write!(f, "{file}:{line}: {message}"),
            ErrorKind::Other(m) => f.write_str(m),
        }
    }
}

/// The message already includes an I/O error's text, so `source` is not repeated: a chain
/// printed with `{:#}` says each cause once.
impl std::error::Error for Error {}

impl Error {
    /// The I/O error behind this one, if any.
    pub fn io_error(&self) -> Option<&std::io::Error> {
        match &self.kind {
            ErrorKind::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The library's result type.
pub type Result<T> = std::result::Result<T, Error>;
