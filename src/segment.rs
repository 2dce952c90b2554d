//! Segmentation: paragraphs, and the quoted spans inside them.
//!
//! Quote marks in real news are messy: curly and straight marks, single marks that are
//! sometimes quotes and mostly apostrophes, marks pointing the wrong way, marks that are never
//! closed. The rules here look at each mark's surroundings (space or text on each side) more
//! than at its direction, never let a quote run past its paragraph except under the news
//! convention for multi-paragraph quotes (an unclosed quote whose next paragraph opens with a
//! quote mark again), and take time linear in the text.

use crate::text::{char_at, char_before, is_space};

/// A paragraph: a byte range of the document, without its line break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character (trailing white space excluded).
    pub end: usize,
}

/// A quoted span inside one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteSpan {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset of the first quoted character (white space trimmed).
    pub start: usize,
    /// Byte offset one past the last quoted character (white space trimmed).
    pub end: usize,
    /// Byte offset one past the closing mark, or the paragraph end when unclosed.
    pub close_end: usize,
    /// Quoted with single marks.
    pub single: bool,
    /// Inside another quote.
    pub nested: bool,
    /// Closed by a mark in the same paragraph.
    pub closed: bool,
    /// Left open at the paragraph end because the next paragraph opens a quote again.
    pub continues: bool,
}

/// Splits a text into paragraphs: one per line, blank lines skipped. When the text is
/// hard-wrapped (blank lines between blocks of several short lines), one per block instead.
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    let mut lines = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed_end = content.trim_end_matches(is_space);
        let lead = content.len() - content.trim_start_matches(is_space).len();
        if trimmed_end.trim_start_matches(is_space).is_empty() {
            lines.push(None);
        } else {
            lines.push(Some(Paragraph { start: pos + lead, end: pos + trimmed_end.len() }));
        }
        pos += line.len();
    }
    if looks_hard_wrapped(text, &lines) {
        let mut out: Vec<Paragraph> = Vec::new();
        let mut in_block = false;
        for l in &lines {
            match (l, in_block) {
                (Some(p), true) => out.last_mut().expect("a block is open").end = p.end,
                (Some(p), false) => {
                    out.push(*p);
                    in_block = true;
                }
                (None, _) => in_block = false,
            }
        }
        return out;
    }
    lines.into_iter().flatten().collect()
}

/// Hard-wrapped text: most blocks between blank lines have several lines, all short, and most
/// of those lines break mid-sentence (one sentence per line is paragraphs, not wrapping).
fn looks_hard_wrapped(text: &str, lines: &[Option<Paragraph>]) -> bool {
    let (mut blocks, mut multi, mut run, mut long) = (0usize, 0usize, 0usize, false);
    let (mut wrapped_lines, mut mid_sentence) = (0usize, 0usize);
    for l in lines.iter().chain(std::iter::once(&None)) {
        match l {
            Some(p) => {
                run += 1;
                long |= text[p.start..p.end].chars().count() > 100;
            }
            None if run > 0 => {
                blocks += 1;
                multi += usize::from(run >= 3);
                run = 0;
            }
            None => {}
        }
    }
    for (k, l) in lines.iter().enumerate() {
        let (Some(p), Some(Some(_))) = (l, lines.get(k + 1)) else { continue };
        wrapped_lines += 1;
        let end = text[p.start..p.end].trim_end_matches(['”', '"', '’', '\'', ')']);
        mid_sentence += usize::from(!end.ends_with(['.', '?', '!', ':']));
    }
    !long && blocks >= 2 && multi * 2 > blocks && mid_sentence * 2 > wrapped_lines
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Hint {
    Open,
    Close,
    Either,
}

fn double_mark(c: char) -> Option<Hint> {
    match c {
        '“' | '„' | '«' | '‟' => Some(Hint::Open),
        '”' | '»' => Some(Hint::Close),
        '"' => Some(Hint::Either),
        _ => None,
    }
}

/// Characters after which a quote mark still opens (no space needed).
fn opens_after(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':' | '“' | '‘' | '"' | '\'' | '«') || is_space(c)
}

fn closing_punct(c: char) -> bool {
    matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '}')
}

struct Mark {
    pos: usize,
    len: usize,
    hint: Hint,
    straight: bool,
    can_open: bool,
    can_close: bool,
}

/// A `''` mark: like a straight double mark two bytes long.
fn twin_mark(text: &str, para: Paragraph, pos: usize) -> Mark {
    let prev = if pos > para.start { char_before(text, pos) } else { None };
    let next = if pos + 2 < para.end { char_at(text, pos + 2) } else { None };
    let at_end = text[pos + 2..para.end].trim_matches(is_space).is_empty();
    let can_open = next.is_some_and(|n| !is_space(n) && !closing_punct(n));
    let can_close = prev.is_some_and(|p| !is_space(p)) || at_end;
    Mark { pos, len: 2, hint: Hint::Either, straight: true, can_open, can_close }
}

fn mark_at(text: &str, para: Paragraph, pos: usize, c: char, hint: Hint) -> Mark {
    let len = c.len_utf8();
    let prev = if pos > para.start { char_before(text, pos) } else { None };
    let next = if pos + len < para.end { char_at(text, pos + len) } else { None };
    let at_end = text[pos + len..para.end].trim_matches(is_space).is_empty();
    let can_open = next.is_some_and(|n| !is_space(n) && !closing_punct(n)) && prev.is_none_or(opens_after)
        || (next.is_some_and(|n| !is_space(n) && !closing_punct(n)) && hint != Hint::Close);
    let can_close = prev.is_some_and(|p| !is_space(p)) || at_end;
    Mark { pos, len, hint, straight: c == '"', can_open, can_close }
}

/// Finds the quoted spans of one paragraph. `next_opens` says whether the next paragraph
/// begins with an opening quote mark (the multi-paragraph convention).
pub fn quotes(text: &str, para: Paragraph, next_opens: bool) -> Vec<QuoteSpan> {
    let mut out = Vec::new();
    let body = &text[para.start..para.end];
    // Double marks, with one level of nesting when the inner marks differ in style.
    let mut outer: Option<Mark> = None;
    let mut inner: Option<Mark> = None;
    let mut skip_to = 0;
    // A curly single quote opened inside the outer quote and not yet closed: a double mark
    // that opens there is the third level (“a ‘b “c” d’ e”), not a stray new quote.
    let mut single_open = false;
    for (i, c) in body.char_indices() {
        if i < skip_to {
            continue;
        }
        match c {
            '‘' if outer.is_some() => single_open = true,
            '’' if !body[i + c.len_utf8()..].starts_with(char::is_alphanumeric) => single_open = false,
            _ => {}
        }
        // Two apostrophes stand for a straight double mark in some archives (''like this'').
        let twin = c == '\'' && body[i + 1..].starts_with('\'');
        let Some(hint) = (if twin { Some(Hint::Either) } else { double_mark(c) }) else { continue };
        let mut m = mark_at(text, para, para.start + i, if twin { '"' } else { c }, hint);
        if twin {
            m = twin_mark(text, para, para.start + i);
            skip_to = i + 2;
        }
        if let Some(o) = &inner {
            if m.can_close && m.straight == o.straight {
                out.push(span(text, o, m.pos, m.pos + m.len, false, true, true));
                inner = None;
                continue;
            }
        }
        match outer.take() {
            None => {
                if m.can_open && !(m.can_close && m.hint == Hint::Close) {
                    outer = Some(m);
                    single_open = false;
                }
            }
            Some(o) => {
                let nests = (m.straight != o.straight || single_open && m.hint == Hint::Open)
                    && m.can_open
                    && !m.can_close
                    && inner.is_none();
                if nests {
                    inner = Some(m);
                    outer = Some(o);
                } else if m.can_close || !m.can_open {
                    out.push(span(text, &o, m.pos, m.pos + m.len, false, false, true));
                    inner = None;
                    single_open = false;
                } else {
                    // A second opener while open: the first one was stray.
                    inner = None;
                    outer = Some(m);
                    single_open = false;
                }
            }
        }
    }
    if let Some(o) = outer {
        let first = text[para.start..o.pos].trim_matches(is_space).is_empty();
        if next_opens || first {
            let mut q = span(text, &o, para.end, para.end, false, false, false);
            q.continues = next_opens;
            out.push(q);
        }
    }
    out.retain(|q| text[q.start..q.end].chars().any(char::is_alphanumeric));
    let doubles: Vec<QuoteSpan> = out.iter().filter(|q| !q.nested).copied().collect();
    single_quotes(text, para, &doubles, &mut out);
    out.retain(|q| text[q.start..q.end].chars().any(char::is_alphanumeric));
    out.sort_by_key(|q| (q.open, q.nested));
    out
}

fn span(
    text: &str,
    o: &Mark,
    end: usize,
    close_end: usize,
    single: bool,
    nested: bool,
    closed: bool,
) -> QuoteSpan {
    let start = o.pos + o.len;
    let inner = &text[start..end.max(start)];
    let s = start + (inner.len() - inner.trim_start_matches(is_space).len());
    let e = start + inner.trim_end_matches(is_space).len();
    QuoteSpan { open: o.pos, start: s.min(e), end: e, close_end, single, nested, closed, continues: false }
}

/// Single-quoted spans: `‘…’` and `'…'` used as quotes, not apostrophes. Pairs never cross a
/// double-quote boundary; inside a double quote they are nested.
fn single_quotes(text: &str, para: Paragraph, doubles: &[QuoteSpan], out: &mut Vec<QuoteSpan>) {
    // `doubles` are in text order and do not overlap: a binary search finds the one around `pos`.
    let region_of = |pos: usize| {
        let k = doubles.partition_point(|q| q.open < pos);
        (k > 0 && pos < doubles[k - 1].close_end).then(|| k - 1)
    };
    let mut open: Option<(Mark, Option<usize>)> = None;
    for (i, c) in text[para.start..para.end].char_indices() {
        if !matches!(c, '‘' | '’' | '\'' | '‹' | '›') {
            continue;
        }
        let pos = para.start + i;
        if c == '\''
            && (text[pos + 1..para.end].starts_with('\'') || pos > para.start && text[..pos].ends_with('\''))
        {
            continue;
        }
        let prev = if pos > para.start { char_before(text, pos) } else { None };
        let next = if pos + c.len_utf8() < para.end { char_at(text, pos + c.len_utf8()) } else { None };
        let region = region_of(pos);
        let letter_before = prev.is_some_and(char::is_alphanumeric);
        let letter_after = next.is_some_and(char::is_alphanumeric);
        let opener_context = prev.is_none_or(|p| opens_after(p) || double_mark(p).is_some());
        let can_open = matches!(c, '‘' | '\'' | '‹')
            && opener_context
            && next.is_some_and(|n| n.is_alphabetic() || n == '$' || double_mark(n).is_some());
        let can_close = matches!(c, '’' | '\'' | '›')
            && prev.is_some_and(|p| !is_space(p))
            && !(letter_before && letter_after)
            && next.is_none_or(|n| !n.is_alphanumeric());
        if let Some((o, r)) = &open {
            if can_close
                && *r == region
                && !(letter_before && prev == Some('s') && next == Some(' ') && c == '\'')
            {
                let m =
                    Mark { pos, len: c.len_utf8(), hint: Hint::Close, straight: false, can_open, can_close };
                let nested = r.is_some();
                out.push(span(text, o, m.pos, m.pos + m.len, true, nested, true));
                open = None;
                continue;
            }
            if *r != region {
                open = None;
            }
        }
        if can_open && open.is_none() {
            let m =
                Mark { pos, len: c.len_utf8(), hint: Hint::Open, straight: c == '\'', can_open, can_close };
            open = Some((m, region));
        }
    }
}

/// True when a paragraph begins with an opening double quote mark.
pub fn opens_with_quote(text: &str, para: Paragraph) -> bool {
    let body = &text[para.start..para.end];
    body.starts_with("''")
        || body.chars().next().is_some_and(|c| matches!(double_mark(c), Some(Hint::Open | Hint::Either)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<String> {
        let paras = paragraphs(text);
        let mut v = Vec::new();
        for (i, p) in paras.iter().enumerate() {
            let next = paras.get(i + 1).is_some_and(|n| opens_with_quote(text, *n));
            for q in quotes(text, *p, next) {
                let mark = if q.nested { "n:" } else { "" };
                v.push(format!("{mark}{}", &text[q.start..q.end]));
            }
        }
        v
    }

    #[test]
    fn curly_and_straight_double_quotes() {
        assert_eq!(quoted("“We will win,” he said. \"Soon.\""), vec!["We will win,", "Soon."]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert_eq!(
            quoted("Russia’s stance, don’t worry, the ’90s and the states’ rights."),
            Vec::<String>::new()
        );
        assert_eq!(quoted("It's Obama's 'big day' now."), vec!["big day"]);
    }

    #[test]
    fn single_quotes_in_headlines() {
        assert_eq!(
            quoted("Address Russia’s ‘legitimate concerns’, China tells U.S."),
            vec!["legitimate concerns"]
        );
    }

    #[test]
    fn nested_single_quotes_are_marked() {
        assert_eq!(
            quoted("He said “stop playing the ‘Taiwan card’ now”."),
            vec!["stop playing the ‘Taiwan card’ now", "n:Taiwan card"]
        );
    }

    #[test]
    fn partial_quotes_inside_a_sentence() {
        assert_eq!(
            quoted("Putin called it “akin to a declaration of war” and more."),
            vec!["akin to a declaration of war"]
        );
    }

    #[test]
    fn a_stray_mark_at_paragraph_end_does_not_open() {
        let t = "“It’s doing something,” Small said. It’s minimal. “\n\nNext paragraph “here” too.";
        assert_eq!(quoted(t), vec!["It’s doing something,", "here"]);
    }

    #[test]
    fn a_floating_mark_closes_an_open_quote() {
        let t = "Small said, “If they think so. It won’t be difficult. ” The German foundation.";
        assert_eq!(quoted(t), vec!["If they think so. It won’t be difficult."]);
    }

    #[test]
    fn wrong_direction_closing_mark_after_text() {
        assert_eq!(
            quoted("“Wang chose to defend Russia instead. “"),
            vec!["Wang chose to defend Russia instead."]
        );
    }

    #[test]
    fn multi_paragraph_convention() {
        let t = "“First part of it.\n\n“Second part.”\n\nNot a quote.";
        assert_eq!(quoted(t), vec!["First part of it.", "Second part."]);
    }

    #[test]
    fn unclosed_quote_mid_paragraph_does_not_swallow_the_rest() {
        let t = "He said “this never closes and\n\nThe next paragraph “is fine” here.";
        assert_eq!(quoted(t), vec!["is fine"]);
    }

    #[test]
    fn straight_outer_curly_inner_nesting() {
        let t = "\"Read the question: “Do you agree?” Forty-three, yes.\"";
        assert_eq!(
            quoted(t),
            vec!["Read the question: “Do you agree?” Forty-three, yes.", "n:Do you agree?"]
        );
    }

    #[test]
    fn twin_apostrophes_are_a_double_mark() {
        assert_eq!(
            quoted("''Out of the millions,'' said Mr. Harrison. ''That's a lot.''"),
            vec!["Out of the millions,", "That's a lot."]
        );
    }

    #[test]
    fn split_quote_gives_two_spans() {
        assert_eq!(
            quoted("“Pressure will unite us,” he said, “and make us stronger.”"),
            vec!["Pressure will unite us,", "and make us stronger."]
        );
    }

    #[test]
    fn paragraphs_are_lines() {
        let t = "One.\nTwo.\r\n\n  Three.  \n";
        let p: Vec<&str> = paragraphs(t).iter().map(|p| &t[p.start..p.end]).collect();
        assert_eq!(p, vec!["One.", "Two.", "Three."]);
    }

    #[test]
    fn hard_wrapped_blocks_are_joined() {
        let t = "A line\nwrapped here\nand here.\n\nB line\nwrapped\nagain.\n";
        let p: Vec<&str> = paragraphs(t).iter().map(|p| &t[p.start..p.end]).collect();
        assert_eq!(p, vec!["A line\nwrapped here\nand here.", "B line\nwrapped\nagain."]);
    }

    #[test]
    fn one_sentence_per_line_is_not_hard_wrapping() {
        // Regression (found by the prefix property test): blocks of short one-sentence lines
        // were joined, so an unclosed quote line swallowed the quote on the next line.
        let t = "“We,” said Al Jones.\n\n“We.\n“We,” said Al Jones.\n“We,” said Al Jones.\n\nA.\nB.\nC.\n";
        assert_eq!(paragraphs(t).len(), 7);
    }

    #[test]
    fn many_unmatched_marks_are_linear_and_safe() {
        let t = "“ ".repeat(100_000);
        assert!(quoted(&t).len() <= 1);
    }
}
