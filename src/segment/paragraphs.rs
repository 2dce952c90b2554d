//! Paragraphs: the line breaks of a text, blank lines, hard-wrapped blocks, and lines joined
//! by a quote that a single line break interrupts.

use super::quotes::{ends_open, first_mark_closes, opens_with_quote, quotes_into, Doubles};
use super::{Paragraph, QuoteSpan};
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

/// The lines of a text, white space trimmed; `None` for a blank line. A cursor: cloning it
/// looks ahead without storing lines, so a text of millions of short lines costs no memory.
#[derive(Clone)]
struct Lines<'a> {
    text: &'a str,
    /// Where the next line starts.
    start: usize,
    /// A U+2029 ended the last line: a blank line comes next.
    blank_next: bool,
    done: bool,
    /// Where the next LF, CR or 0xE2 byte is, and the next vertical tab, form feed or 0xC2
    /// byte (rare), once searched for: each is searched for again only once passed, so that
    /// reading lines stays linear whichever is rarer.
    common: Option<usize>,
    rare: Option<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        Lines { text, start: 0, blank_next: false, done: false, common: None, rare: None }
    }
}

impl Iterator for Lines<'_> {
    type Item = Option<Paragraph>;

    fn next(&mut self) -> Option<Option<Paragraph>> {
        if self.blank_next {
            self.blank_next = false;
            return Some(None);
        }
        if self.done {
            return None;
        }
        let (text, b, start) = (self.text, self.text.as_bytes(), self.start);
        let mut i = start;
        // The next byte that can start a line break (see `line_break_at`).
        let (len, ends_paragraph) = loop {
            let at = |k: Option<usize>| k.map_or(b.len(), |k| i + k);
            let common = match self.common {
                Some(c) if c >= i => c,
                _ => *self.common.insert(at(memchr::memchr3(b'\n', b'\r', 0xE2, &b[i..]))),
            };
            let rare = match self.rare {
                Some(r) if r >= i => r,
                _ => *self.rare.insert(at(memchr::memchr3(0x0B, 0x0C, 0xC2, &b[i..]))),
            };
            i = common.min(rare);
            if i == b.len() {
                break (0, false);
            }
            if let Some(brk) = line_break_at(b, i) {
                break brk;
            }
            i += 1;
        };
        self.blank_next = ends_paragraph;
        if i == b.len() {
            self.done = true;
        } else {
            self.start = i + len;
        }
        Some(trimmed_line(text, start, i))
    }
}

/// The line `text[start..end]` with its white space trimmed; `None` when blank.
fn trimmed_line(text: &str, start: usize, end: usize) -> Option<Paragraph> {
    let content = &text[start..end];
    let lead = content.len() - content.trim_start_matches(is_space).len();
    let body = content.trim_end_matches(is_space).len();
    (lead < body).then_some(Paragraph { start: start + lead, end: start + body })
}

/// Splits a text into paragraphs: one per line, blank lines skipped. When the text is
/// hard-wrapped (blank lines between blocks of several short lines), one per block instead.
/// A quote left open at the end of a line and closed on one of the next few lines (before any
/// quote opens there) joins those lines into one paragraph: a single line break inside a
/// quote is wrapping, not a new paragraph. Line breaks are those of `line_break_at`.
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    Paragraphs::new(text).collect()
}

/// The paragraphs of [`paragraphs`], one at a time: nothing is stored per line or paragraph.
pub struct Paragraphs<'a> {
    text: &'a str,
    lines: Lines<'a>,
    hard_wrapped: bool,
    /// A paragraph's double marks done with, whose lists the next reading fills.
    spare: Option<Doubles>,
}

impl<'a> Paragraphs<'a> {
    /// The paragraphs of `text`.
    pub fn new(text: &'a str) -> Paragraphs<'a> {
        Paragraphs { text, lines: Lines::new(text), hard_wrapped: looks_hard_wrapped(text), spare: None }
    }

    /// The next paragraph; with `keep`, also its double marks when joining lines read them.
    fn next_read(&mut self, keep: bool) -> Option<(Paragraph, Option<Doubles>)> {
        let mut para = loop {
            if let Some(p) = self.lines.next()? {
                break p;
            }
        };
        if self.hard_wrapped {
            // A block: the lines up to the next blank line.
            while let Some(Some(p)) = self.lines.next() {
                para.end = p.end;
            }
            return Some((para, None));
        }
        let mut joined = 1;
        while joined < MAX_JOINED_LINES {
            let (open, read) = if keep {
                let read = Doubles::of(self.text, para, self.spare.take());
                (read.ends_open(), Some(read))
            } else {
                (ends_open(self.text, para), None)
            };
            let Some((end, lines, taken)) =
                open.then(|| closed_on_a_later_line(self.text, &self.lines, joined)).flatten()
            else {
                return Some((para, read));
            };
            // The marks of the longer paragraph are read again, into the same lists.
            self.spare = read;
            para.end = end;
            self.lines = lines;
            joined += taken;
        }
        Some((para, None))
    }
}

impl Iterator for Paragraphs<'_> {
    type Item = Paragraph;

    fn next(&mut self) -> Option<Paragraph> {
        self.next_read(false).map(|(p, _)| p)
    }
}

/// The paragraphs of a text with their quotes: for each, what [`paragraphs`] and
/// [`super::quotes`] give, whether the next paragraph opens with a quote mark, and the
/// paragraph's double marks read once (joining lines reads them already).
pub(crate) struct QuotedParagraphs<'a> {
    paras: Paragraphs<'a>,
    next: Option<(Paragraph, Option<Doubles>)>,
    /// The quotes of the paragraph last handed out.
    quotes: Vec<QuoteSpan>,
}

impl<'a> QuotedParagraphs<'a> {
    /// The paragraphs of `text` with their quotes.
    pub(crate) fn new(text: &'a str) -> QuotedParagraphs<'a> {
        let mut paras = Paragraphs::new(text);
        let next = paras.next_read(true);
        QuotedParagraphs { paras, next, quotes: Vec::new() }
    }

    /// The next paragraph, whether the paragraph after it opens with a quote mark, and the
    /// paragraph's quotes (`quotes(text, paragraph, next_opens)`), in a list that serves every
    /// paragraph.
    pub(crate) fn next_quoted(&mut self) -> Option<(Paragraph, bool, &[QuoteSpan])> {
        let (para, read) = self.next.take()?;
        self.next = self.paras.next_read(true);
        let text = self.paras.text;
        let next_opens = self.next.as_ref().is_some_and(|(n, _)| opens_with_quote(text, *n));
        let spare = self.paras.spare.take();
        self.paras.spare = quotes_into(text, para, next_opens, read, spare, &mut self.quotes);
        Some((para, next_opens, &self.quotes))
    }
}

/// [`QuotedParagraphs::next_quoted`] with each paragraph's quotes in a list of their own, for the
/// tests that compare it with [`paragraphs`] and [`super::quotes`]; extraction reads the shared list.
#[cfg(test)]
impl Iterator for QuotedParagraphs<'_> {
    /// A paragraph, whether the next one opens with a quote mark, and the paragraph's quotes
    /// (`quotes(text, paragraph, next_opens)`).
    type Item = (Paragraph, bool, Vec<QuoteSpan>);

    fn next(&mut self) -> Option<Self::Item> {
        self.next_quoted().map(|(para, next_opens, quotes)| (para, next_opens, quotes.to_vec()))
    }
}

/// At most this many lines make one paragraph by joining a quote across line breaks (keeps
/// the rescans of a joined paragraph bounded).
const MAX_JOINED_LINES: usize = 6;

/// The line among the next few of `lines` (no blank line between) whose first quote mark closes
/// the quote that a paragraph of `joined` lines leaves open: its end, the lines after it, and
/// how many lines were taken; `None` when there is no such line or a quote opens first.
fn closed_on_a_later_line<'a>(
    text: &str,
    lines: &Lines<'a>,
    joined: usize,
) -> Option<(usize, Lines<'a>, usize)> {
    let mut ahead = lines.clone();
    for taken in 1..=MAX_JOINED_LINES - joined {
        let line = ahead.next()??;
        match first_mark_closes(text, line) {
            Some(true) => return Some((line.end, ahead, taken)),
            Some(_) => return None,
            None => {}
        }
    }
    None
}

/// Hard-wrapped text: most blocks between blank lines have several lines, all short, and most
/// of those lines break mid-sentence (one sentence per line is paragraphs, not wrapping).
fn looks_hard_wrapped(text: &str) -> bool {
    let (mut blocks, mut multi, mut run) = (0usize, 0usize, 0usize);
    let (mut wrapped_lines, mut mid_sentence) = (0usize, 0usize);
    let mut prev: Option<Paragraph> = None;
    for l in Lines::new(text).chain(std::iter::once(None)) {
        match l {
            Some(p) => {
                run += 1;
                // A long line rules hard wrapping out: no need to read on.
                if p.end - p.start > 100 && text[p.start..p.end].chars().count() > 100 {
                    return false;
                }
            }
            None if run > 0 => {
                blocks += 1;
                multi += usize::from(run >= 3);
                run = 0;
            }
            None => {}
        }
        // A line followed by another line.
        if let (Some(p), Some(_)) = (prev, l) {
            wrapped_lines += 1;
            let end = text[p.start..p.end].trim_end_matches(['”', '"', '’', '\'', ')']);
            mid_sentence += usize::from(!end.ends_with(['.', '?', '!', ':']));
        }
        prev = l;
    }
    blocks >= 2 && multi * 2 > blocks && mid_sentence * 2 > wrapped_lines
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

    /// The lines read by skipping to the next byte that can start a break are those of trying
    /// every character, beside curly quotes, NBSP, dashes, "é" and "©" (which share a byte with
    /// the separators or NEL).
    #[test]
    fn lines_break_where_a_break_starts_at_every_character() {
        fn by_characters(t: &str) -> Vec<Option<Paragraph>> {
            let (mut out, mut start) = (Vec::new(), 0);
            for (i, _) in t.char_indices() {
                if i < start {
                    continue;
                }
                if let Some((len, ends_paragraph)) = line_break_at(t.as_bytes(), i) {
                    out.push(trimmed_line(t, start, i));
                    if ends_paragraph {
                        out.push(None);
                    }
                    start = i + len;
                }
            }
            out.push(trimmed_line(t, start, t.len()));
            out
        }
        let pieces = [
            "a", " ", "“", "”", "’", "\n", "\r", "\r\n", "\u{85}", "\u{0b}", "\u{0c}", "\u{2028}",
            "\u{2029}", "\u{a0}", "—", "é", "©",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let t = format!("{a}{b}x{c}{a}");
                    assert_eq!(Lines::new(&t).collect::<Vec<_>>(), by_characters(&t), "{t:?}");
                }
            }
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

    #[test]
    fn quoted_paragraphs_give_what_paragraphs_and_quotes_give() {
        let texts = [
            "“Line one\nline two,” he said.\nNext “one” and “two.”",
            "“First part of it.\n\n“Second part.”\n\nNot a quote.",
            "He said “a\nb\nc\nd\ne\nf\ng.” Then ‘this’ and ''that.''",
            "A line\nwrapped “here\nand” here.\n\nB line\nwrapped\nagain.\n\nC “line\nwrapped\nonce.",
            "“One.\n“Two.”\n\n“ We will,” she said. “Stray. “Real,” she said.",
            // Single marks in paragraph after paragraph: each read into the lists of the last.
            "It’s ‘done’, and ‘over’ — a ‘coup’.\nNone here.\nA ‘b’ c.\nThe ‘first’ of ‘many’, ‘the’ ‘last’.",
            "",
        ];
        for t in texts {
            let paras = paragraphs(t);
            let want: Vec<_> = paras
                .iter()
                .enumerate()
                .map(|(i, &p)| {
                    let next_opens = paras.get(i + 1).is_some_and(|&n| opens_with_quote(t, n));
                    (p, next_opens, super::super::quotes(t, p, next_opens))
                })
                .collect();
            let got: Vec<_> = QuotedParagraphs::new(t).collect();
            assert_eq!(got, want, "{t}");
        }
    }
}
