//! The aligned terminal table of quotes (`--format table`): column widths fixed from the first
//! batch, long cells cut, control characters shown as spaces.

use std::io::Write;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{io_error, Sink};
use crate::error::Result;
use crate::record::QuoteRecord;

/// The table's columns: title, widest it may grow, right-aligned.
const TABLE_COLUMNS: [(&str, usize, bool); 7] = [
    ("doc", 24, false),
    ("para", 4, true),
    ("speaker", 24, false),
    ("role", 28, false),
    ("cue", 14, false),
    ("method", 12, false),
    ("quote", usize::MAX, false),
];

/// Rows kept before the column widths are fixed and the rows written, when no flush comes.
const TABLE_BUFFER: usize = 1024;

/// Narrowest the quote column gets, whatever the terminal width.
const MIN_QUOTE_WIDTH: usize = 20;

/// An aligned table of quotes for a terminal: doc, paragraph, speaker, role, cue, method and
/// quote. Column widths are set from the rows of the first batch (each column capped) and kept,
/// so a streaming run stays aligned; longer cells are cut with `…`. Widths count terminal
/// columns (wide CJK characters take two). Control characters (line breaks, escape sequences)
/// are shown as spaces so an article cannot drive the terminal.
pub struct TableSink<W: Write> {
    out: std::io::BufWriter<W>,
    width: Option<usize>,
    widths: Option<[usize; 7]>,
    rows: Vec<[String; 7]>,
}

impl<W: Write> TableSink<W> {
    /// A table that fits in `width` terminal columns (`None`: quotes are never cut).
    pub fn new(out: W, width: Option<usize>) -> TableSink<W> {
        TableSink { out: std::io::BufWriter::new(out), width, widths: None, rows: Vec::new() }
    }

    fn write_rows(&mut self) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let widths = match self.widths {
            Some(widths) => widths,
            None => {
                let mut widths = [0; 7];
                for (i, (title, cap, _)) in TABLE_COLUMNS.iter().enumerate() {
                    let widest = self.rows.iter().map(|r| r[i].width()).max().unwrap_or(0);
                    widths[i] = widest.max(title.width()).min(*cap);
                }
                if let Some(total) = self.width {
                    let used: usize = widths[..6].iter().sum::<usize>() + 2 * 6;
                    widths[6] = widths[6].min(total.saturating_sub(used).max(MIN_QUOTE_WIDTH));
                }
                self.widths = Some(widths);
                let titles = TABLE_COLUMNS.map(|(title, _, _)| title.to_string());
                write_row(&mut self.out, &titles, &widths).map_err(io_error)?;
                widths
            }
        };
        for row in std::mem::take(&mut self.rows) {
            write_row(&mut self.out, &row, &widths).map_err(io_error)?;
        }
        Ok(())
    }
}

fn write_row(out: &mut impl Write, row: &[String; 7], widths: &[usize; 7]) -> std::io::Result<()> {
    let mut line = String::new();
    for (i, cell) in row.iter().enumerate() {
        let last = i == row.len() - 1;
        let cell = fit(cell, widths[i]);
        let pad = " ".repeat(widths[i].saturating_sub(cell.width()));
        if TABLE_COLUMNS[i].2 {
            line.push_str(&pad);
            line.push_str(&cell);
        } else {
            line.push_str(&cell);
            if !last {
                line.push_str(&pad);
            }
        }
        if !last {
            line.push_str("  ");
        }
    }
    writeln!(out, "{}", line.trim_end())
}

/// `s` cut to at most `width` terminal columns, ending in `…` when cut.
fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Control characters shown as spaces.
fn printable(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

impl<W: Write> Sink<QuoteRecord> for TableSink<W> {
    fn write(&mut self, r: &QuoteRecord) -> Result<()> {
        self.rows.push([
            printable(&r.doc),
            r.paragraph.to_string(),
            printable(&r.speaker),
            printable(&r.role),
            printable(&r.cue),
            r.method.map(|m| m.as_str()).unwrap_or("").to_string(),
            printable(&r.quote),
        ]);
        if self.rows.len() >= TABLE_BUFFER {
            self.write_rows()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        self.write_rows()?;
        self.out.flush().map_err(io_error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_counts_terminal_columns() {
        assert_eq!(fit("abc", 3), "abc");
        assert_eq!(fit("abcd", 3), "ab…");
        assert_eq!(fit("日本語", 4), "日…");
        assert_eq!(fit("abc", 0), "");
    }
}
