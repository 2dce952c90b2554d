//! Reading quote records back from JSONL (the output of `whosaid extract --format jsonl`), so
//! that an existing extraction can be compared without extracting again. Reading is lenient:
//! only `doc` and `quote` are required; a missing or null field takes its empty value, and an
//! unknown `kind` reads as `partial`.

use std::io::BufRead;

use serde_json::Value;

use crate::error::{Error, Result};
use crate::record::{Method, QuoteKind, QuoteRecord};

fn text(v: &Value, key: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn number(v: &Value, key: &str) -> Option<u64> {
    v.get(key).and_then(Value::as_u64)
}

/// One record from a JSON object; `file` and `line` name it in errors.
pub fn record_from_json(v: &Value, file: &str, line: u64) -> Result<QuoteRecord> {
    if !v.is_object() {
        return Err(Error::input(file, line, "expected a JSON object"));
    }
    let doc = text(v, "doc");
    if doc.is_empty() {
        return Err(Error::input(file, line, "missing `doc`"));
    }
    let quote = match v.get("quote") {
        Some(Value::String(s)) => s.clone(),
        _ => return Err(Error::input(file, line, "missing `quote`")),
    };
    let start = number(v, "start").unwrap_or(0);
    let end = number(v, "end").unwrap_or(start + quote.chars().count() as u64);
    let kind = v
        .get("kind")
        .cloned()
        .and_then(|k| serde_json::from_value::<QuoteKind>(k).ok())
        .unwrap_or(QuoteKind::Partial);
    let method = v.get("method").cloned().and_then(|m| serde_json::from_value::<Method>(m).ok());
    Ok(QuoteRecord {
        doc,
        outlet: text(v, "outlet"),
        paragraph: number(v, "paragraph").unwrap_or(0) as u32,
        start,
        end,
        quote,
        kind,
        speaker: text(v, "speaker"),
        speaker_id: text(v, "speaker_id"),
        role: text(v, "role"),
        known_role: text(v, "known_role"),
        cue: text(v, "cue"),
        method,
        mention: text(v, "mention"),
        confidence: v.get("confidence").and_then(Value::as_f64).unwrap_or(0.0) as f32,
        date: text(v, "date"),
        url: text(v, "url"),
        title: text(v, "title"),
        extra: Vec::new(),
    })
}

/// The records of a JSONL stream, each bad line (not UTF-8, not JSON, not a record) passed to
/// `bad_line` and skipped, as `whosaid extract` skips a bad input line; blank lines are
/// skipped quietly. Only a read error ends the stream early. A line that looks like the header
/// of a CSV file says that records are read from JSONL.
pub fn read_records_skipping<R: BufRead>(
    mut reader: R,
    file: &str,
    bad_line: &mut dyn FnMut(Error),
) -> Result<Vec<QuoteRecord>> {
    let mut out = Vec::new();
    let mut buf = Vec::new();
    let mut line_no = 0u64;
    loop {
        buf.clear();
        let n =
            reader.read_until(b'\n', &mut buf).map_err(|e| Error::input(file, line_no + 1, e.to_string()))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        match std::str::from_utf8(&buf) {
            Ok(line) => match record_line(line, file, line_no) {
                Ok(Some(r)) => out.push(r),
                Ok(None) => {}
                Err(e) => bad_line(e),
            },
            Err(e) => {
                bad_line(Error::input(file, line_no, format!("not UTF-8 (byte {})", e.valid_up_to() + 1)))
            }
        }
    }
    // The records are held for the whole comparison: no room left from doubling.
    out.shrink_to_fit();
    Ok(out)
}

/// One line of records: `None` when blank.
fn record_line(line: &str, file: &str, line_no: u64) -> Result<Option<QuoteRecord>> {
    let line = line.trim_start_matches('\u{feff}');
    if line.trim().is_empty() {
        return Ok(None);
    }
    let v: Value = serde_json::from_str(line).map_err(|e| {
        let hint = if line.starts_with("doc,") || file.to_ascii_lowercase().ends_with(".csv") {
            "; records are read from JSONL: write them with `whosaid extract --format jsonl`"
        } else {
            ""
        };
        Error::input(file, line_no, format!("not JSON: {e}{hint}"))
    })?;
    record_from_json(&v, file, line_no).map(Some)
}

/// All records of a JSONL stream; blank lines are skipped. `file` names the stream in errors.
pub fn read_records<R: BufRead>(reader: R, file: &str) -> Result<Vec<QuoteRecord>> {
    let mut out = Vec::new();
    for (n, line) in reader.lines().enumerate() {
        let line_no = n as u64 + 1;
        let line = line.map_err(|e| Error::input(file, line_no, e.to_string()))?;
        out.extend(record_line(&line, file, line_no)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_extract_output_and_lenient_rows() {
        let input = r#"{"doc":"a","outlet":"X","paragraph":2,"start":5,"end":9,"quote":"Yes.","kind":"full","speaker":"Ana Ruiz","speaker_id":"","role":"mayor","known_role":"","cue":"said","method":"explicit","mention":"Ruiz","confidence":0.9}

{"doc":"b","start":1,"end":4,"quote":"Yes","speaker":null,"role":null,"kind":"scare"}
"#;
        let r = read_records(input.as_bytes(), "t.jsonl").unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!((r[0].paragraph, r[0].kind, r[0].method), (2, QuoteKind::Full, Some(Method::Explicit)));
        assert_eq!((r[1].speaker.as_str(), r[1].kind), ("", QuoteKind::Partial));
    }

    #[test]
    fn errors_name_file_and_line() {
        let err = read_records("{\"doc\":\"a\",\"quote\":\"x\"}\n{\"doc\":\"a\"}\n".as_bytes(), "t.jsonl")
            .unwrap_err();
        assert_eq!(err.to_string(), "t.jsonl:2: missing `quote`");
        let err = read_records("not json\n".as_bytes(), "t.jsonl").unwrap_err();
        assert!(err.to_string().starts_with("t.jsonl:1: not JSON"), "{err}");
    }
}
