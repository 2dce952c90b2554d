//! Writing groups: JSONL (one group per line), CSV (one row per member, with the group id) and a
//! terminal report with word-level differences in `git diff --word-diff` style: `[-words-]` are
//! in the reference quote and not in this one, `{+words+}` in this one only.

use std::io::{self, Write};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::output::{CsvSink, Sink};

use super::{DiffOp, Group, Member, OpKind};
use crate::record::QuoteKind;

/// What was compared, for the headers of the report and the page.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Documents read.
    pub documents: usize,
    /// Quotes compared.
    pub quotes: usize,
}

/// An I/O error as the library's error (a closed pipe stays recognisable).
pub(crate) fn io_err(e: io::Error) -> Error {
    Error::io(None, e)
}

/// Writes one JSON object per group per line.
pub fn write_jsonl<W: Write>(w: W, groups: &[Group]) -> Result<()> {
    let mut out = JsonlWriter(w);
    for g in groups {
        out.write(g)?;
    }
    out.finish()
}

/// Writes groups as JSON lines one at a time, as [`write_jsonl`] does for a slice (for groups
/// handed out by [`super::Comparer::compare_each`]).
#[derive(Debug)]
pub struct JsonlWriter<W: Write>(pub W);

impl<W: Write> JsonlWriter<W> {
    /// Writes one group as a line.
    pub fn write(&mut self, group: &Group) -> Result<()> {
        serde_json::to_writer(&mut self.0, group).map_err(|e| io_err(e.into()))?;
        self.0.write_all(b"\n").map_err(io_err)
    }

    /// Flushes the output.
    pub fn finish(mut self) -> Result<()> {
        self.0.flush().map_err(io_err)
    }
}

/// The CSV header of [`write_csv`].
pub const CSV_FIELDS: &[&str] = &[
    "group",
    "relation",
    "similarity",
    "flags",
    "reference",
    "doc",
    "outlet",
    "start",
    "end",
    "quote",
    "speaker",
    "role",
    "speaker_id",
    "known_role",
    "kind",
    "date",
    "title",
    "url",
];

#[derive(Serialize)]
struct CsvRow<'a> {
    group: usize,
    relation: &'static str,
    similarity: f64,
    flags: String,
    reference: bool,
    doc: &'a str,
    outlet: &'a str,
    start: u64,
    end: u64,
    quote: &'a str,
    speaker: &'a str,
    role: &'a str,
    speaker_id: &'a str,
    known_role: &'a str,
    kind: &'static str,
    date: &'a str,
    title: &'a str,
    url: &'a str,
}

/// Writes an Excel workbook with two sheets: `quotes`, the records compared (the columns of
/// `whosaid extract`), and `groups`, one row per member (the columns of [`write_csv`]).
#[cfg(feature = "xlsx")]
pub fn write_xlsx<W: Write>(w: W, quotes: &super::store::Quotes, groups: &[Group]) -> Result<()> {
    use crate::output::xlsx::{write_workbook, Sheet};
    let mut sheet = Sheet::new("quotes", crate::output::QUOTE_FIELDS)?;
    for q in quotes.iter() {
        sheet.push(&q.to_record(), &[])?;
    }
    let mut rows = Sheet::new("groups", CSV_FIELDS)?;
    for_each_row(groups, |row| rows.push(row, &[]))?;
    write_workbook(w, vec![sheet, rows])
}

/// Writes one CSV row per member, with its group's id, relation, similarity and flags (`flags`
/// `;`-separated). `csv_safe` guards cells against spreadsheet formulas, as in
/// [`crate::output::CsvSink`].
pub fn write_csv<W: Write>(w: W, groups: &[Group], csv_safe: bool) -> Result<()> {
    let mut out = CsvSink::new(w, CSV_FIELDS, csv_safe);
    for_each_row(groups, |row| out.write(row))?;
    out.finish()
}

/// Calls `f` with the CSV row of each member of each group, in order.
fn for_each_row(groups: &[Group], mut f: impl FnMut(&CsvRow) -> Result<()>) -> Result<()> {
    for g in groups {
        let flags: Vec<&str> = g.flags.iter().map(|f| f.as_str()).collect();
        for (i, m) in g.members.iter().enumerate() {
            f(&CsvRow {
                group: g.group,
                relation: g.relation.as_str(),
                similarity: (g.similarity * 1000.0).round() / 1000.0,
                flags: flags.join(";"),
                reference: i == g.reference,
                doc: &m.doc,
                outlet: &m.outlet,
                start: m.start,
                end: m.end,
                quote: &m.quote,
                speaker: &m.speaker,
                role: &m.role,
                speaker_id: &m.speaker_id,
                known_role: &m.known_role,
                kind: m.kind.as_str(),
                date: &m.date,
                title: &m.title,
                url: &m.url,
            })?;
        }
    }
    Ok(())
}

/// A piece of a member's quote as shown against the reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment<'a> {
    /// Text as written, the same as in the reference (or punctuation between words).
    Plain(&'a str),
    /// The member's words outside the stretch the reference covers.
    Beyond(&'a str),
    /// Reference words this member lacks.
    Dropped(&'a str),
    /// The member's words the reference lacks.
    Added(&'a str),
    /// Reference words (first) that this member has as other words (second).
    Changed(&'a str, &'a str),
    /// The member covers only part of the reference: reference words are left out here.
    Elided,
}

/// The member's quote cut into segments by its diff ops, so that the text as written (with its
/// punctuation) is kept and the differences are marked.
pub fn segments<'a>(quote: &'a str, ops: &'a [DiffOp]) -> Vec<Segment<'a>> {
    let mut out = Vec::new();
    let mut pos = 0;
    let gap = |out: &mut Vec<Segment<'a>>, pos: usize, to: usize| {
        if to > pos {
            out.push(Segment::Plain(&quote[pos..to]));
        }
    };
    for (i, op) in ops.iter().enumerate() {
        let span = op.span.clone().unwrap_or(pos..pos);
        let (start, end) = (span.start.max(pos), span.end.max(pos));
        let reference = op.reference.as_deref().unwrap_or("");
        match op.op {
            OpKind::Same => {
                gap(&mut out, pos, end);
                pos = end;
            }
            OpKind::Beyond => {
                gap(&mut out, pos, start);
                if end > start {
                    out.push(Segment::Beyond(&quote[start..end]));
                }
                pos = end;
            }
            OpKind::Changed => {
                gap(&mut out, pos, start);
                out.push(Segment::Changed(reference, &quote[start..end]));
                pos = end;
            }
            OpKind::Added => {
                gap(&mut out, pos, start);
                if end > start {
                    out.push(Segment::Added(&quote[start..end]));
                }
                pos = end;
            }
            OpKind::Dropped => out.push(Segment::Dropped(reference)),
            OpKind::Outside => {
                // Trailing: the member's closing punctuation comes before the elision.
                if pos > 0 && ops[i + 1..].iter().all(|o| o.span.is_none()) {
                    gap(&mut out, pos, quote.len());
                    pos = quote.len();
                }
                out.push(Segment::Elided);
            }
        }
    }
    if pos < quote.len() {
        out.push(Segment::Plain(&quote[pos..]));
    }
    out
}

/// Report settings.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// Colour the differences with ANSI escapes (the `[-…-]`/`{+…+}` marks stay).
    pub color: bool,
    /// Wrap quotes at this many columns.
    pub width: usize,
}

impl Default for ReportOptions {
    fn default() -> ReportOptions {
        ReportOptions { color: false, width: 100 }
    }
}

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const DIM: &str = "\x1b[2m";
const BOLD: &str = "\x1b[1m";
const YELLOW: &str = "\x1b[33m";
const RESET: &str = "\x1b[0m";

/// Text from the documents made safe for a terminal: control characters (ESC, OSC and CSI
/// openers, C1 controls, line breaks) and bidirectional overrides become spaces, so an article
/// cannot move the cursor, retitle the window or hide text.
pub(crate) fn printable(s: &str) -> String {
    let bidi = |c: char| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    s.chars().map(|c| if c.is_control() || bidi(c) { ' ' } else { c }).collect()
}

fn paint(color: bool, code: &str, text: &str) -> String {
    if color {
        format!("{code}{text}{RESET}")
    } else {
        text.to_string()
    }
}

/// A member's quote with the differences marked, as one line of terminal text.
fn marked(segments: &[Segment<'_>], color: bool) -> String {
    let mut s = String::new();
    let space_before = |s: &mut String| {
        if !s.is_empty() && !s.ends_with(char::is_whitespace) {
            s.push(' ');
        }
    };
    let n = segments.len();
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            Segment::Plain(t) => s.push_str(&printable(t)),
            Segment::Beyond(t) => s.push_str(&paint(color, DIM, &printable(t))),
            Segment::Added(t) => s.push_str(&paint(color, GREEN, &format!("{{+{}+}}", printable(t)))),
            Segment::Changed(r, t) => {
                s.push_str(&paint(color, RED, &format!("[-{}-]", printable(r))));
                s.push_str(&paint(color, GREEN, &format!("{{+{}+}}", printable(t))));
            }
            Segment::Dropped(r) => {
                space_before(&mut s);
                s.push_str(&paint(color, RED, &format!("[-{}-]", printable(r))));
                if i + 1 == n || s.is_empty() {
                    continue;
                }
                if matches!(segments[i + 1], Segment::Plain(t) if !t.starts_with(char::is_whitespace)) {
                    s.push(' ');
                }
            }
            Segment::Elided => {
                if i == 0 {
                    s.push_str("… ");
                } else {
                    space_before(&mut s);
                    s.push('…');
                }
            }
        }
    }
    s
}

/// Columns a string takes on a terminal, ANSI escapes left out.
fn visible_width(s: &str) -> usize {
    let mut n = 0;
    let mut esc = false;
    for c in s.chars() {
        match (esc, c) {
            (false, '\x1b') => esc = true,
            (true, 'm') => esc = false,
            (true, _) => {}
            (false, _) => n += 1,
        }
    }
    n
}

/// Wraps `text` at `width` columns on spaces, each line after `indent`.
fn wrap(text: &str, width: usize, indent: &str) -> String {
    hang(indent, text, width, indent)
}

/// Wraps `text` at `width` columns on spaces: the first line after `first`, the others after
/// `indent`.
fn hang(first: &str, text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    let mut prefix = first;
    for word in text.split(' ') {
        let room = width.saturating_sub(visible_width(prefix)).max(20);
        if !line.is_empty() && visible_width(&line) + 1 + visible_width(word) > room {
            out.push_str(prefix);
            out.push_str(&line);
            out.push('\n');
            line.clear();
            prefix = indent;
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(prefix);
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn member_header(m: &Member) -> String {
    let mut h = m.doc.clone();
    if !m.outlet.is_empty() {
        h.push_str(&format!(" ({})", m.outlet));
    }
    h.push_str(&format!(" [{}–{}]", m.start, m.end));
    if matches!(m.kind, QuoteKind::Headline | QuoteKind::Continuation) {
        h.push_str(&format!(" {}", m.kind.as_str()));
    }
    let who = match (m.speaker.is_empty(), m.role.is_empty()) {
        (true, _) => "speaker unknown".to_string(),
        (false, true) => m.speaker.clone(),
        (false, false) => format!("{}, {}", m.speaker, m.role),
    };
    printable(&format!("{h} · {who}"))
}

/// Writes the terminal report: a header, a legend, then each group with its members (the
/// reference first, marked `*`), their differences, and the notes behind the flags.
pub fn write_report<W: Write>(w: W, groups: &[Group], summary: &Summary, opts: &ReportOptions) -> Result<()> {
    report(w, groups, summary, opts).map_err(io_err)
}

fn report<W: Write>(mut w: W, groups: &[Group], summary: &Summary, opts: &ReportOptions) -> io::Result<()> {
    let c = opts.color;
    let title = format!(
        "whosaid compare: {} group{} of quotes reported by two documents or more ({} quotes from {} \
         documents compared)",
        groups.len(),
        if groups.len() == 1 { "" } else { "s" },
        summary.quotes,
        summary.documents
    );
    w.write_all(wrap(&title, opts.width, "").as_bytes())?;
    let legend = "Each group shows its longest quote first (*), then the others against it: [-words-] only \
                  in the first, {+words+} only in this one, … where it quotes only part.";
    w.write_all(wrap(legend, opts.width, "").as_bytes())?;
    writeln!(w)?;
    for g in groups {
        let flags: Vec<&str> = g.flags.iter().map(|f| f.as_str()).collect();
        let title = format!(
            "Group {} · {} · {} · similarity {:.2}",
            g.group,
            if g.speaker.is_empty() { "speaker unknown".to_string() } else { printable(&g.speaker) },
            g.relation.as_str(),
            g.similarity
        );
        writeln!(w, "{}", paint(c, BOLD, &title))?;
        if !flags.is_empty() {
            writeln!(w, "  flags: {}", paint(c, YELLOW, &flags.join(", ")))?;
        }
        let r = &g.members[g.reference];
        w.write_all(hang("  * ", &member_header(r), opts.width, "      ").as_bytes())?;
        w.write_all(wrap(&format!("“{}”", printable(r.quote.trim())), opts.width, "      ").as_bytes())?;
        for d in &g.diff {
            let m = &g.members[d.member];
            let mut header = member_header(m);
            if d.passage {
                header.push_str(" · next to a match, not compared");
            }
            w.write_all(hang("    ", &header, opts.width, "      ").as_bytes())?;
            let text = marked(&segments(&m.quote, &d.ops), c);
            w.write_all(wrap(&format!("“{}”", text.trim()), opts.width, "      ").as_bytes())?;
        }
        for n in &g.notes {
            w.write_all(hang("  ! ", &printable(n), opts.width, "    ").as_bytes())?;
        }
        writeln!(w)?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(op: OpKind, span: Option<std::ops::Range<usize>>, reference: Option<&str>) -> DiffOp {
        DiffOp { op, text: None, reference: reference.map(String::from), span, ref_span: None }
    }

    #[test]
    fn segments_keep_punctuation_and_mark_changes() {
        let q = "it is not going to be good, either";
        let ops = vec![
            op(OpKind::Same, Some(0..2), None),
            op(OpKind::Changed, Some(3..5), Some("will")),
            op(OpKind::Same, Some(6..9), None),
            op(OpKind::Added, Some(10..18), None),
            op(OpKind::Same, Some(19..34), None),
        ];
        let segs = segments(q, &ops);
        assert_eq!(marked(&segs, false), "it [-will-]{+is+} not {+going to+} be good, either");
    }

    #[test]
    fn dropped_words_and_elision() {
        let q = "stop playing fire on the issue";
        let ops = vec![
            op(OpKind::Outside, None, Some("the task is to")),
            op(OpKind::Same, Some(0..12), None),
            op(OpKind::Dropped, None, Some("with")),
            op(OpKind::Same, Some(13..30), None),
            op(OpKind::Outside, None, Some("and so on")),
        ];
        assert_eq!(marked(&segments(q, &ops), false), "… stop playing [-with-] fire on the issue …");
    }

    #[test]
    fn hanging_lines() {
        let h = hang(
            "  * ",
            "doc-1 [1–9] · Ana Ruiz, deputy mayor for transport and the environment",
            40,
            "      ",
        );
        assert_eq!(h, "  * doc-1 [1–9] · Ana Ruiz, deputy mayor\n      for transport and the environment\n");
    }

    #[test]
    fn wrap_respects_width_and_indent() {
        let w = wrap("aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk", 24, "  ");
        for line in w.lines() {
            assert!(line.len() <= 24, "{line}");
            assert!(line.starts_with("  "));
        }
        assert_eq!(w.split_whitespace().count(), 11);
        assert_eq!(visible_width("\x1b[31mab\x1b[0m"), 2);
    }
}
