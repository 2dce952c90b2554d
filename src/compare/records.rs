//! Reading quote records back from JSONL (the output of `whosaid extract --format jsonl`), so
//! that an existing extraction can be compared without extracting again. Reading is lenient:
//! only `doc` and `quote` are required; a missing or null field takes its empty value, and an
//! unknown `kind` reads as `partial`.

use std::borrow::Cow;
use std::io::BufRead;

use serde::de::{Deserialize, Deserializer, IgnoredAny, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::store::{QuoteRef, Quotes};
use crate::error::{Error, Result};
use crate::record::{Method, QuoteKind, QuoteRecord};

/// A field's value as far as a record needs it: a string (borrowed from the line when it has
/// no escapes), a number, or anything else.
#[derive(Debug, Default)]
enum Scalar<'a> {
    Str(Cow<'a, str>),
    UInt(u64),
    Int(i64),
    Float(f64),
    #[default]
    Other,
}

impl<'de> Deserialize<'de> for Scalar<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar<'de>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> std::result::Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> std::result::Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Owned(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> std::result::Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Owned(v)))
    }
    fn visit_u64<E>(self, v: u64) -> std::result::Result<Scalar<'de>, E> {
        Ok(Scalar::UInt(v))
    }
    fn visit_i64<E>(self, v: i64) -> std::result::Result<Scalar<'de>, E> {
        Ok(Scalar::Int(v))
    }
    fn visit_f64<E>(self, v: f64) -> std::result::Result<Scalar<'de>, E> {
        Ok(Scalar::Float(v))
    }
    fn visit_bool<E>(self, _: bool) -> std::result::Result<Scalar<'de>, E> {
        Ok(Scalar::Other)
    }
    fn visit_unit<E>(self) -> std::result::Result<Scalar<'de>, E> {
        Ok(Scalar::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> std::result::Result<Scalar<'de>, A::Error> {
        while a.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> std::result::Result<Scalar<'de>, A::Error> {
        while a.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other)
    }
}

impl Scalar<'_> {
    /// As text: a string, or a number as JSON writes it; else empty.
    fn text(&self) -> Cow<'_, str> {
        match self {
            Scalar::Str(s) => Cow::Borrowed(s),
            Scalar::UInt(n) => Cow::Owned(n.to_string()),
            Scalar::Int(n) => Cow::Owned(n.to_string()),
            Scalar::Float(x) => {
                serde_json::Number::from_f64(*x).map_or(Cow::Borrowed(""), |n| n.to_string().into())
            }
            Scalar::Other => Cow::Borrowed(""),
        }
    }

    fn u64(&self) -> Option<u64> {
        match *self {
            Scalar::UInt(n) => Some(n),
            _ => None,
        }
    }

    fn f64(&self) -> Option<f64> {
        match *self {
            Scalar::UInt(n) => Some(n as f64),
            Scalar::Int(n) => Some(n as f64),
            Scalar::Float(x) => Some(x),
            _ => None,
        }
    }

    /// A string naming a variant of `T`.
    fn variant<T: for<'x> Deserialize<'x>>(&self) -> Option<T> {
        match self {
            Scalar::Str(s) => {
                let d: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
                    s.as_ref().into_deserializer();
                T::deserialize(d).ok()
            }
            _ => None,
        }
    }
}

/// The fields of one record object, by name (a name given twice: the last counts; unknown
/// names are skipped).
#[derive(Debug, Default)]
struct Fields<'a> {
    doc: Scalar<'a>,
    outlet: Scalar<'a>,
    paragraph: Scalar<'a>,
    start: Scalar<'a>,
    end: Scalar<'a>,
    quote: Scalar<'a>,
    kind: Scalar<'a>,
    speaker: Scalar<'a>,
    speaker_id: Scalar<'a>,
    role: Scalar<'a>,
    known_role: Scalar<'a>,
    cue: Scalar<'a>,
    method: Scalar<'a>,
    mention: Scalar<'a>,
    confidence: Scalar<'a>,
    date: Scalar<'a>,
    url: Scalar<'a>,
    title: Scalar<'a>,
}

/// A key, borrowed when it has no escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        match Scalar::deserialize(d)? {
            Scalar::Str(s) => Ok(Key(s)),
            _ => Ok(Key(Cow::Borrowed(""))),
        }
    }
}

/// A line's value: a record object's fields, or `None` when it is not an object.
struct Line<'a>(Option<Fields<'a>>);

impl<'de> Deserialize<'de> for Line<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct LineVisitor;
        impl<'de> Visitor<'de> for LineVisitor {
            type Value = Line<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> std::result::Result<Line<'de>, A::Error> {
                let mut f = Fields::default();
                while let Some(Key(k)) = a.next_key::<Key<'de>>()? {
                    let slot = match k.as_ref() {
                        "doc" => &mut f.doc,
                        "outlet" => &mut f.outlet,
                        "paragraph" => &mut f.paragraph,
                        "start" => &mut f.start,
                        "end" => &mut f.end,
                        "quote" => &mut f.quote,
                        "kind" => &mut f.kind,
                        "speaker" => &mut f.speaker,
                        "speaker_id" => &mut f.speaker_id,
                        "role" => &mut f.role,
                        "known_role" => &mut f.known_role,
                        "cue" => &mut f.cue,
                        "method" => &mut f.method,
                        "mention" => &mut f.mention,
                        "confidence" => &mut f.confidence,
                        "date" => &mut f.date,
                        "url" => &mut f.url,
                        "title" => &mut f.title,
                        _ => {
                            a.next_value::<IgnoredAny>()?;
                            continue;
                        }
                    };
                    *slot = a.next_value()?;
                }
                Ok(Line(Some(f)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, a: A) -> std::result::Result<Line<'de>, A::Error> {
                ScalarVisitor.visit_seq(a).map(|_| Line(None))
            }
            fn visit_borrowed_str<E>(self, _: &'de str) -> std::result::Result<Line<'de>, E> {
                Ok(Line(None))
            }
            fn visit_str<E>(self, _: &str) -> std::result::Result<Line<'de>, E> {
                Ok(Line(None))
            }
            fn visit_u64<E>(self, _: u64) -> std::result::Result<Line<'de>, E> {
                Ok(Line(None))
            }
            fn visit_i64<E>(self, _: i64) -> std::result::Result<Line<'de>, E> {
                Ok(Line(None))
            }
            fn visit_f64<E>(self, _: f64) -> std::result::Result<Line<'de>, E> {
                Ok(Line(None))
            }
            fn visit_bool<E>(self, _: bool) -> std::result::Result<Line<'de>, E> {
                Ok(Line(None))
            }
            fn visit_unit<E>(self) -> std::result::Result<Line<'de>, E> {
                Ok(Line(None))
            }
        }
        d.deserialize_any(LineVisitor)
    }
}

/// Calls `f` with the record a line's value makes; `file` and `line` name it in errors.
fn with_record<T>(value: Line<'_>, file: &str, line: u64, f: impl FnOnce(QuoteRef<'_>) -> T) -> Result<T> {
    let Some(v) = value.0 else {
        return Err(Error::input(file, line, "expected a JSON object"));
    };
    let doc = v.doc.text();
    if doc.is_empty() {
        return Err(Error::input(file, line, "missing `doc`"));
    }
    let Scalar::Str(quote) = &v.quote else {
        return Err(Error::input(file, line, "missing `quote`"));
    };
    let start = v.start.u64().unwrap_or(0);
    let end = v.end.u64().unwrap_or_else(|| start + quote.chars().count() as u64);
    let (outlet, speaker, speaker_id, role) =
        (v.outlet.text(), v.speaker.text(), v.speaker_id.text(), v.role.text());
    let (known_role, cue, mention) = (v.known_role.text(), v.cue.text(), v.mention.text());
    let (date, url, title) = (v.date.text(), v.url.text(), v.title.text());
    Ok(f(QuoteRef {
        doc: &doc,
        outlet: &outlet,
        paragraph: v.paragraph.u64().unwrap_or(0) as u32,
        start,
        end,
        quote,
        kind: v.kind.variant::<QuoteKind>().unwrap_or(QuoteKind::Partial),
        speaker: &speaker,
        speaker_id: &speaker_id,
        role: &role,
        known_role: &known_role,
        cue: &cue,
        method: v.method.variant::<Method>(),
        mention: &mention,
        confidence: v.confidence.f64().unwrap_or(0.0) as f32,
        date: &date,
        url: &url,
        title: &title,
    }))
}

/// One record from a JSON object; `file` and `line` name it in errors.
pub fn record_from_json(v: &Value, file: &str, line: u64) -> Result<QuoteRecord> {
    let value = Line::deserialize(v).map_err(|e| Error::input(file, line, e.to_string()))?;
    with_record(value, file, line, |r| r.to_record())
}

/// Reads the records of a JSONL stream into `quotes`, each bad line (not UTF-8, not JSON, not
/// a record) passed to `bad_line` and skipped, as `whosaid extract` skips a bad input line;
/// blank lines are skipped quietly. Only a read error ends the stream early. A line that looks
/// like the header of a CSV file says that records are read from JSONL.
pub fn read_quotes_skipping<R: BufRead>(
    mut reader: R,
    file: &str,
    quotes: &mut Quotes,
    bad_line: &mut dyn FnMut(Error),
) -> Result<()> {
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
            Ok(line) => match record_line(line, file, line_no, |r| quotes.push(r)) {
                Ok(_) => {}
                Err(e) => bad_line(e),
            },
            Err(e) => {
                bad_line(Error::input(file, line_no, format!("not UTF-8 (byte {})", e.valid_up_to() + 1)))
            }
        }
    }
    Ok(())
}

/// Calls `f` with the record of one line: `None` when blank.
fn record_line<T>(
    line: &str,
    file: &str,
    line_no: u64,
    f: impl FnOnce(QuoteRef<'_>) -> T,
) -> Result<Option<T>> {
    let line = line.trim_start_matches('\u{feff}');
    if line.trim().is_empty() {
        return Ok(None);
    }
    let value: Line<'_> = serde_json::from_str(line).map_err(|e| {
        let hint = if line.starts_with("doc,") || file.to_ascii_lowercase().ends_with(".csv") {
            "; records are read from JSONL: write them with `whosaid extract --format jsonl`"
        } else {
            ""
        };
        Error::input(file, line_no, format!("not JSON: {e}{hint}"))
    })?;
    with_record(value, file, line_no, f).map(Some)
}

/// All records of a JSONL stream; blank lines are skipped. `file` names the stream in errors.
pub fn read_records<R: BufRead>(reader: R, file: &str) -> Result<Vec<QuoteRecord>> {
    let mut out = Vec::new();
    for (n, line) in reader.lines().enumerate() {
        let line_no = n as u64 + 1;
        let line = line.map_err(|e| Error::input(file, line_no, e.to_string()))?;
        out.extend(record_line(&line, file, line_no, |r| r.to_record())?);
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
