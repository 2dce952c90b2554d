//! The comparison as one self-contained HTML page (inline CSS, no script, no external assets)
//! that a reporter can open in a browser or mail around: each group is a row of cards side by
//! side, the reference quote first, each other quote with the changed words marked.

use std::collections::BTreeSet;
use std::io::{self, Write};

use super::render::{segments, Segment, Summary};
use super::{Group, Member, OpKind};
use crate::record::QuoteKind;

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root { --ink:#1d232b; --muted:#5b6673; --line:#d8dde3; --card:#fff; --bg:#f4f6f8;
        --del:#b3261e; --del-bg:#fde7e5; --ins:#0b6b3a; --ins-bg:#dff4e7; --flag:#8a5a00; --flag-bg:#fff1d6; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
       font: 16px/1.55 Georgia, "Times New Roman", serif; }
header.page { padding: 24px 32px 8px; }
header.page h1 { font: 600 24px/1.2 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 0 6px; }
header.page p { margin: 4px 0; color: var(--muted); font: 14px/1.5 system-ui, sans-serif; }
.legend span { margin-right: 14px; }
main { padding: 8px 32px 40px; }
section.group { background: var(--card); border: 1px solid var(--line); border-radius: 8px;
                margin: 18px 0; padding: 14px 18px 16px; }
section.group h2 { font: 600 17px/1.3 system-ui, sans-serif; margin: 0 0 6px; }
.meta { font: 13px/1.4 system-ui, sans-serif; color: var(--muted); }
.badge { display: inline-block; font: 600 12px/1 system-ui, sans-serif; padding: 4px 8px; border-radius: 10px;
         margin: 2px 6px 2px 0; background: #e8ecf0; color: #33404d; }
.badge.flag { background: var(--flag-bg); color: var(--flag); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 12px; margin-top: 10px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; background: #fcfcfd; }
.card.reference { border-color: #8fa3b8; background: #f7f9fb; }
.card .who { font: 600 13px/1.35 system-ui, sans-serif; }
.card .where { font: 12px/1.35 system-ui, sans-serif; color: var(--muted); margin-bottom: 6px; }
.card .where .outlet { font-weight: 600; color: #33404d; }
.card .where .title { font-style: italic; color: inherit; }
.card blockquote { margin: 0; }
del { color: var(--del); background: var(--del-bg); text-decoration: line-through; padding: 0 2px; border-radius: 2px; }
ins { color: var(--ins); background: var(--ins-bg); text-decoration: none; border-bottom: 1px solid var(--ins);
      padding: 0 2px; border-radius: 2px; }
del + ins { margin-left: 3px; }
.beyond, .passage { color: var(--muted); }
.touched { text-decoration: underline dotted var(--del); text-underline-offset: 3px; }
.elided { color: var(--muted); }
ul.notes { margin: 10px 0 0; padding-left: 20px; font: 14px/1.45 system-ui, sans-serif; color: var(--flag); }
.conflict { color: var(--flag); font-weight: 600; }
"#;

/// Writes the page. `title` heads it.
pub fn write_html<W: Write>(w: W, groups: &[Group], summary: &Summary, title: &str) -> crate::Result<()> {
    page(w, groups, summary, title).map_err(super::render::io_err)
}

fn page<W: Write>(mut w: W, groups: &[Group], summary: &Summary, title: &str) -> io::Result<()> {
    writeln!(w, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")?;
    writeln!(w, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")?;
    writeln!(w, "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>", escape(title))?;
    writeln!(w, "<header class=\"page\">\n<h1>{}</h1>", escape(title))?;
    writeln!(
        w,
        "<p>{} group{} of quotes reported by two documents or more; {} quotes from {} documents compared.</p>",
        groups.len(),
        if groups.len() == 1 { "" } else { "s" },
        summary.quotes,
        summary.documents
    )?;
    writeln!(
        w,
        "<p class=\"legend\">The first card of each group is its longest quote. In the others: \
         <span><del>words</del> in the first card, not here</span>\
         <span><ins>words</ins> here, not in the first card</span>\
         <span class=\"elided\">…</span> only part of the first card is quoted. \
         In the first card, <span class=\"touched\">underlined</span> words are changed or left out elsewhere.</p>\n</header>\n<main>"
    )?;
    for g in groups {
        write_group(&mut w, g)?;
    }
    writeln!(w, "</main>\n</body>\n</html>")?;
    w.flush()
}

fn write_group<W: Write>(w: &mut W, g: &Group) -> io::Result<()> {
    writeln!(w, "<section class=\"group\" id=\"group-{}\">", g.group)?;
    let speaker = if g.speaker.is_empty() { "speaker unknown" } else { &g.speaker };
    writeln!(w, "<h2>Group {} · {}</h2>", g.group, escape(speaker))?;
    write!(
        w,
        "<div class=\"meta\"><span class=\"badge\">{}</span><span class=\"badge\">similarity {:.2}</span>",
        g.relation.as_str(),
        g.similarity
    )?;
    for f in &g.flags {
        write!(w, "<span class=\"badge flag\">{}</span>", f.as_str().replace('_', " "))?;
    }
    writeln!(w, "</div>\n<div class=\"cards\">")?;
    // Reference words that some member changes or leaves out.
    let touched: BTreeSet<(usize, usize)> = g
        .diff
        .iter()
        .flat_map(|d| &d.ops)
        .filter(|o| matches!(o.op, OpKind::Changed | OpKind::Dropped))
        .filter_map(|o| o.ref_span.as_ref().map(|s| (s.start, s.end)))
        .collect();
    let r = &g.members[g.reference];
    write_card(w, g, r, true, &reference_html(&r.quote, &touched))?;
    for d in &g.diff {
        let m = &g.members[d.member];
        let mut quote = segments_html(&segments(&m.quote, &d.ops));
        if d.passage {
            quote.push_str(" <span class=\"passage\">(next to a match, not compared)</span>");
        }
        write_card(w, g, m, false, &quote)?;
    }
    writeln!(w, "</div>")?;
    if !g.notes.is_empty() {
        writeln!(w, "<ul class=\"notes\">")?;
        for n in &g.notes {
            writeln!(w, "<li>{}</li>", escape(n))?;
        }
        writeln!(w, "</ul>")?;
    }
    writeln!(w, "</section>")
}

fn write_card<W: Write>(
    w: &mut W,
    g: &Group,
    m: &Member,
    reference: bool,
    quote_html: &str,
) -> io::Result<()> {
    let class = if reference { "card reference" } else { "card" };
    let conflicted = |flag: super::Flag, field: &str| g.flags.contains(&flag) && !field.is_empty();
    let speaker = if m.speaker.is_empty() { "speaker unknown".to_string() } else { escape(&m.speaker) };
    let speaker = if conflicted(super::Flag::SpeakerConflict, &m.speaker) {
        format!("<span class=\"conflict\">{speaker}</span>")
    } else {
        speaker
    };
    let role = if m.role.is_empty() {
        String::new()
    } else if conflicted(super::Flag::RoleConflict, &m.role) {
        format!(", <span class=\"conflict\">{}</span>", escape(&m.role))
    } else {
        format!(", {}", escape(&m.role))
    };
    writeln!(w, "<div class=\"{class}\">")?;
    writeln!(w, "<div class=\"who\">{speaker}{role}</div>")?;
    writeln!(
        w,
        "<div class=\"where\">{} · characters {}–{}{}{}</div>",
        source_html(m),
        m.start,
        m.end,
        if matches!(m.kind, QuoteKind::Headline | QuoteKind::Continuation) {
            format!(" · {}", m.kind.as_str())
        } else {
            String::new()
        },
        if reference { " · reference" } else { "" }
    )?;
    writeln!(w, "<blockquote>“{quote_html}”</blockquote>\n</div>")
}

/// Where a member comes from, for a reader: outlet, date and title (linked when the URL is
/// known), the document id only when neither outlet nor title is known (else in a tooltip).
fn source_html(m: &Member) -> String {
    let mut parts = Vec::new();
    if !m.outlet.is_empty() {
        parts.push(format!("<span class=\"outlet\">{}</span>", escape(&m.outlet)));
    }
    if !m.date.is_empty() {
        parts.push(format!("<time>{}</time>", escape(&m.date)));
    }
    if !m.title.is_empty() {
        let title = escape(&m.title);
        let url = m.url.starts_with("http://") || m.url.starts_with("https://");
        parts.push(if url {
            format!("<a class=\"title\" href=\"{}\">{title}</a>", escape(&m.url))
        } else {
            format!("<span class=\"title\">{title}</span>")
        });
    }
    if parts.iter().all(|p| p.starts_with("<time>")) {
        parts.insert(0, escape(&m.doc));
        return parts.join(" · ");
    }
    format!("<span title=\"{}\">{}</span>", escape(&m.doc), parts.join(" · "))
}

/// The reference quote with the word spans others change or drop underlined.
fn reference_html(quote: &str, touched: &BTreeSet<(usize, usize)>) -> String {
    let mut out = String::new();
    let mut pos = 0;
    for &(s, e) in touched {
        if s < pos || e > quote.len() {
            continue;
        }
        out.push_str(&escape(&quote[pos..s]));
        out.push_str(&format!("<span class=\"touched\">{}</span>", escape(&quote[s..e])));
        pos = e;
    }
    out.push_str(&escape(&quote[pos..]));
    out
}

fn segments_html(segments: &[Segment<'_>]) -> String {
    let mut s = String::new();
    let n = segments.len();
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            Segment::Plain(t) => s.push_str(&escape(t)),
            Segment::Beyond(t) => s.push_str(&format!("<span class=\"beyond\">{}</span>", escape(t))),
            Segment::Added(t) => s.push_str(&format!("<ins>{}</ins>", escape(t))),
            Segment::Changed(r, t) => {
                s.push_str(&format!("<del>{}</del><ins>{}</ins>", escape(r), escape(t)));
            }
            Segment::Dropped(r) => {
                if !s.is_empty() && !s.ends_with(char::is_whitespace) {
                    s.push(' ');
                }
                s.push_str(&format!("<del>{}</del>", escape(r)));
                if i + 1 < n
                    && matches!(segments[i + 1], Segment::Plain(t) if !t.starts_with(char::is_whitespace))
                {
                    s.push(' ');
                }
            }
            Segment::Elided => s.push_str(if i == 0 {
                "<span class=\"elided\">… </span>"
            } else {
                "<span class=\"elided\"> …</span>"
            }),
        }
    }
    s.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("<b>“A & B”</b>"), "&lt;b&gt;“A &amp; B”&lt;/b&gt;");
    }

    #[test]
    fn changed_words_are_marked() {
        let segs = [Segment::Plain("it "), Segment::Changed("will", "is"), Segment::Plain(" not")];
        assert_eq!(segments_html(&segs), "it <del>will</del><ins>is</ins> not");
    }

    #[test]
    fn reference_underlines_touched_words() {
        let touched: BTreeSet<(usize, usize)> = [(3, 7)].into_iter().collect();
        assert_eq!(
            reference_html("it will <not>", &touched),
            "it <span class=\"touched\">will</span> &lt;not&gt;"
        );
    }
}
