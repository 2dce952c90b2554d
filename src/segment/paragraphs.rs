//! Paragraphs: the line breaks of a text, blank lines, hard-wrapped blocks, and lines joined
//! by a quote that a single line break interrupts.

use super::quotes::{ends_open, first_mark_closes};
use super::Paragraph;
use crate::text::is_space;

/// The line break at byte `i`, if any: its length in bytes and whether it also ends a
/// paragraph. Line breaks are LF, CR LF, CR alone, NEL, vertical tab, form feed and U+2028;
/// U+2029 (the paragraph separator) counts as a line break followed by a blank line.
fn line_break_at(b: &[u8], i: usize) -> Option<(usize, bool)> {
    match b[i] {
        b'\n' | 0x0B | 0x0C => Some((1, false)),
        b'\r' => Some((if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 }, false)),
        0xC2 if b.get(i + 1) == Some(&0x85) => Some((2, false)),
        0xE2 if b.get(i + 1) == Some(&0x80) => match b.get(i + 2) {
            Some(0xA8) => Some((3, false)),
            Some(0xA9) => Some((3, true)),
            _ => None,
        },
        _ => None,
    }
}

/// The lines of a text, white space trimmed; `None` for a blank line.
fn lines(text: &str) -> Vec<Option<Paragraph>> {
    let b = text.as_bytes();
    let mut lines = Vec::new();
    let (mut start, mut i) = (0, 0);
    loop {
        let brk = if i == b.len() { Some((0, false)) } else { line_break_at(b, i) };
        let Some((len, ends_paragraph)) = brk else {
            i += 1;
            continue;
        };
        let content = &text[start..i];
        let lead = content.len() - content.trim_start_matches(is_space).len();
        let body = content.trim_end_matches(is_space).len();
        lines.push((lead < body).then_some(Paragraph { start: start + lead, end: start + body }));
        if ends_paragraph {
            lines.push(None);
        }
        if i == b.len() {
            return lines;
        }
        i += len;
        start = i;
    }
}

/// Splits a text into paragraphs: one per line, blank lines skipped. When the text is
/// hard-wrapped (blank lines between blocks of several short lines), one per block instead.
/// A quote left open at the end of a line and closed on one of the next few lines (before any
/// quote opens there) joins those lines into one paragraph: a single line break inside a
/// quote is wrapping, not a new paragraph. Line breaks are those of [`line_break_at`].
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    let lines = lines(text);
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
    let mut out = Vec::with_capacity(lines.len());
    let mut k = 0;
    while k < lines.len() {
        let Some(mut para) = lines[k] else {
            k += 1;
            continue;
        };
        let first = k;
        while let Some(j) = closed_on_a_later_line(text, &lines, k, para, k - first + 1) {
            para.end = lines[j].expect("a closing line").end;
            k = j;
        }
        out.push(para);
        k += 1;
    }
    out
}

/// At most this many lines make one paragraph by joining a quote across line breaks (keeps
/// the rescans of a joined paragraph bounded).
const MAX_JOINED_LINES: usize = 6;

/// The line after `k` (within a few, no blank line between) whose first quote mark closes the
/// quote that `para` (`joined` lines ending on line `k`) leaves open; `None` when there is no
/// such line or a quote opens first.
fn closed_on_a_later_line(
    text: &str,
    lines: &[Option<Paragraph>],
    k: usize,
    para: Paragraph,
    joined: usize,
) -> Option<usize> {
    if joined >= MAX_JOINED_LINES || !ends_open(text, para) {
        return None;
    }
    for (j, line) in lines.iter().enumerate().skip(k + 1).take(MAX_JOINED_LINES - joined) {
        let line = (*line)?;
        match first_mark_closes(text, line) {
            Some(true) => return Some(j),
            Some(_) => return None,
            None => {}
        }
    }
    None
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

#[cfg(test)]
mod tests {
    use super::*;
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

    fn para_texts(t: &str) -> Vec<&str> {
        paragraphs(t).iter().map(|p| &t[p.start..p.end]).collect()
    }

    #[test]
    fn every_line_break_splits_paragraphs() {
        for brk in ["\n", "\r\n", "\r", "\u{85}", "\u{0b}", "\u{0c}", "\u{2028}", "\u{2029}"] {
            let t = format!("One.{brk}Two.{brk}{brk}Three.{brk}");
            assert_eq!(para_texts(&t), vec!["One.", "Two.", "Three."], "{brk:?}");
        }
    }

    #[test]
    fn paragraph_separator_ends_a_hard_wrapped_block() {
        let t = "A line\nwrapped here\nand here.\u{2029}B line\nwrapped\nagain.";
        assert_eq!(para_texts(t), vec!["A line\nwrapped here\nand here.", "B line\nwrapped\nagain."]);
    }

    #[test]
    fn a_quote_closed_on_the_next_line_joins_the_lines() {
        assert_eq!(
            para_texts("“Line one\nline two,” he said.\nNext."),
            vec!["“Line one\nline two,” he said.", "Next."]
        );
        // Lines without marks in between join too, up to a bound.
        assert_eq!(para_texts("He said “a\nb\nc.”"), vec!["He said “a\nb\nc.”"]);
        let far = format!("He said “a{}\nz.”", "\nb".repeat(MAX_JOINED_LINES));
        assert_eq!(para_texts(&far).len(), MAX_JOINED_LINES + 2);
        // Not when the next line opens a quote, or the quote is closed.
        assert_eq!(para_texts("“One.\n“Two.”").len(), 2);
        assert_eq!(para_texts("“One,” he said.\nTwo.” x").len(), 2);
    }
}
