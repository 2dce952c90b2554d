//! CSV and JSONL writers for quote records that carry kept input fields (`--keep`): the kept
//! fields follow the record's own, in the order asked for, so the columns of the contract stay
//! where they are.

use std::io::Write;

use serde::Serialize;

use super::{io_error, write_escaping_separators, CsvSink, JsonlSink, Sink};
use crate::error::Result;
use crate::record::QuoteRecord;

/// A record and its kept values, serialized as one flat row (for CSV).
#[derive(Serialize)]
struct Row<'a>(&'a QuoteRecord, Vec<&'a str>);

/// The value of each kept field of a record, in the order of `keep` (empty when missing).
pub(crate) fn kept_values<'a>(record: &'a QuoteRecord, keep: &[String]) -> Vec<&'a str> {
    keep.iter()
        .map(|k| record.extra.iter().find(|(name, _)| name == k).map_or("", |(_, v)| v.as_str()))
        .collect()
}

/// CSV of quote records followed by their kept fields (`keep`, also in the header).
pub struct KeptCsvSink<W: Write> {
    pub(super) csv: CsvSink<W>,
    pub(super) keep: Vec<String>,
}

impl<W: Write> Sink<QuoteRecord> for KeptCsvSink<W> {
    fn write(&mut self, record: &QuoteRecord) -> Result<()> {
        self.csv.write(&Row(record, kept_values(record, &self.keep)))
    }

    fn flush(&mut self) -> Result<()> {
        self.csv.flush()
    }

    fn finish(&mut self) -> Result<()> {
        self.csv.finish()
    }
}

/// JSONL of quote records, each object ending with its kept fields (`keep`).
pub struct KeptJsonlSink<W: Write> {
    pub(super) jsonl: JsonlSink<W>,
    pub(super) keep: Vec<String>,
}

impl<W: Write> Sink<QuoteRecord> for KeptJsonlSink<W> {
    fn write(&mut self, record: &QuoteRecord) -> Result<()> {
        if self.keep.is_empty() {
            return self.jsonl.write(record);
        }
        let mut line = serde_json::to_vec(record).map_err(|e| io_error(e.into()))?;
        line.pop(); // the closing brace
        for (name, value) in self.keep.iter().zip(kept_values(record, &self.keep)) {
            line.push(b',');
            serde_json::to_writer(&mut line, name).map_err(|e| io_error(e.into()))?;
            line.push(b':');
            serde_json::to_writer(&mut line, value).map_err(|e| io_error(e.into()))?;
        }
        line.extend_from_slice(b"}\n");
        write_escaping_separators(&mut self.jsonl.out, &line).map_err(io_error)
    }

    fn flush(&mut self) -> Result<()> {
        self.jsonl.flush()
    }
}
