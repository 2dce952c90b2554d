//! Spreadsheets: records written as an Excel workbook (`.xlsx`, with rust_xlsxwriter).
//!
//! Each sheet has the same columns and rows as the CSV output: a bold header row that stays in
//! view (frozen) with filters on, columns as wide as their content (up to a limit), quotes and
//! titles wrapped. Text is always written as text, never as a formula, so no cell needs the
//! `'` guard of CSV. A cell holds at most 32,767 characters (Excel's limit); longer text is cut.
//! The workbook is built in memory and written when the output is finished.

use std::io::Write;

use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};
use serde::Serialize;
use serde_json::Value;

use super::Sink;
use crate::error::{Error, Result};
use crate::record::QuoteRecord;

/// Excel's limit on the characters of one cell.
const CELL_MAX: usize = 32_767;
/// Widest column for ordinary fields, in characters.
const WIDTH_MAX: usize = 40;
/// Width of a wrapped column (quotes, titles), in characters.
const WRAP_WIDTH: usize = 70;
/// Columns whose text is wrapped.
const WRAPPED: &[&str] = &["quote", "title"];

fn xlsx_error(e: XlsxError) -> Error {
    Error::io(None, std::io::Error::other(format!("cannot write the workbook: {e}")))
}

/// One worksheet being filled, row by row, with fixed columns.
pub struct Sheet {
    sheet: Worksheet,
    columns: Vec<String>,
    widths: Vec<usize>,
    row: u32,
    wrap: Format,
}

impl Sheet {
    /// An empty sheet named `name` with these columns.
    pub fn new(name: &str, columns: &[&str]) -> Result<Sheet> {
        let mut sheet = Worksheet::new();
        sheet.set_name(name).map_err(xlsx_error)?;
        let header = Format::new().set_bold().set_align(FormatAlign::Top);
        let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
        for (c, name) in columns.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, *name, &header).map_err(xlsx_error)?;
        }
        Ok(Sheet {
            sheet,
            columns: columns.iter().map(|c| c.to_string()).collect(),
            widths: columns.iter().map(|c| c.chars().count() + 3).collect(),
            row: 0,
            wrap,
        })
    }

    /// Adds one row: the fields of `record` (a flat struct) that name a column, and for the
    /// other columns the `extra` (name, value) of the same name.
    pub fn push<T: Serialize + ?Sized>(&mut self, record: &T, extra: &[(String, String)]) -> Result<()> {
        // Through JSON text and back, so that an f32 such as 0.9 reads 0.9 as in CSV.
        let json = serde_json::to_string(record).map_err(|e| Error::other(e.to_string()))?;
        let value: Value = serde_json::from_str(&json).map_err(|e| Error::other(e.to_string()))?;
        self.row += 1;
        for c in 0..self.columns.len() {
            let name = &self.columns[c];
            let cell = match value.get(name) {
                Some(v) => v.clone(),
                None => extra
                    .iter()
                    .find(|(k, _)| k == name)
                    .map_or(Value::Null, |(_, v)| Value::String(v.clone())),
            };
            self.write(c, &cell)?;
        }
        Ok(())
    }

    fn write(&mut self, c: usize, cell: &Value) -> Result<()> {
        let (row, col) = (self.row, c as u16);
        let shown = match cell {
            Value::Null => return Ok(()),
            Value::String(s) if s.is_empty() => return Ok(()),
            Value::String(s) => {
                let s: String =
                    if s.chars().count() > CELL_MAX { s.chars().take(CELL_MAX).collect() } else { s.clone() };
                let n = s.chars().count();
                if WRAPPED.contains(&self.columns[c].as_str()) {
                    self.sheet.write_string_with_format(row, col, s, &self.wrap)
                } else {
                    self.sheet.write_string(row, col, s)
                }
                .map_err(xlsx_error)?;
                n
            }
            Value::Number(n) => {
                self.sheet.write_number(row, col, n.as_f64().unwrap_or(0.0)).map_err(xlsx_error)?;
                n.to_string().len()
            }
            Value::Bool(b) => {
                self.sheet.write_boolean(row, col, *b).map_err(xlsx_error)?;
                5
            }
            other => {
                let s = other.to_string();
                let n = s.chars().count();
                self.sheet.write_string(row, col, s).map_err(xlsx_error)?;
                n
            }
        };
        self.widths[c] = self.widths[c].max(shown + 1);
        Ok(())
    }

    /// The finished worksheet: widths set, header frozen, filters on.
    pub fn finish(mut self) -> Result<Worksheet> {
        for (c, name) in self.columns.iter().enumerate() {
            let width = if WRAPPED.contains(&name.as_str()) {
                WRAP_WIDTH.min(self.widths[c])
            } else {
                WIDTH_MAX.min(self.widths[c])
            };
            self.sheet.set_column_width(c as u16, width as f64).map_err(xlsx_error)?;
        }
        self.sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        let last = self.columns.len().saturating_sub(1) as u16;
        self.sheet.autofilter(0, 0, self.row, last).map_err(xlsx_error)?;
        Ok(self.sheet)
    }
}

/// Writes a workbook of finished sheets to `out`.
pub fn write_workbook<W: Write>(mut out: W, sheets: Vec<Sheet>) -> Result<()> {
    let mut workbook = Workbook::new();
    for sheet in sheets {
        workbook.push_worksheet(sheet.finish()?);
    }
    let bytes = workbook.save_to_buffer().map_err(xlsx_error)?;
    out.write_all(&bytes).map_err(|e| Error::io(None, e))?;
    out.flush().map_err(|e| Error::io(None, e))
}

/// Quote records into a workbook with one sheet, `quotes`, written to `out` at the end.
pub struct XlsxSink<W: Write> {
    out: Option<W>,
    sheet: Option<Sheet>,
}

impl<W: Write> XlsxSink<W> {
    /// A workbook writer whose columns are `columns` (the record fields, then kept fields).
    pub fn new(out: W, columns: &[&str]) -> Result<XlsxSink<W>> {
        Ok(XlsxSink { out: Some(out), sheet: Some(Sheet::new("quotes", columns)?) })
    }
}

impl<W: Write> Sink<QuoteRecord> for XlsxSink<W> {
    fn write(&mut self, record: &QuoteRecord) -> Result<()> {
        match &mut self.sheet {
            Some(sheet) => sheet.push(record, &record.extra),
            None => Err(Error::other("the workbook is already written")),
        }
    }

    /// A workbook cannot be written in parts: nothing happens until [`Sink::finish`].
    fn flush(&mut self) -> Result<()> {
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        match (self.out.take(), self.sheet.take()) {
            (Some(out), Some(sheet)) => write_workbook(out, vec![sheet]),
            _ => Ok(()),
        }
    }
}
