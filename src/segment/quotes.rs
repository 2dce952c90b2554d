//! Quoted spans of one paragraph: which marks open and close, nesting, single quotes versus
//! apostrophes.

use super::{Paragraph, QuoteSpan};
use crate::mention::MAX_TEXT;
use crate::text::{char_at, char_before, is_space};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Hint {
    Open,
    Close,
    Either,
}

/// The family of a double mark: marks of one family pair with each other, and a quote in one
/// family nests inside a quote in another.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Style {
    /// “ ” „ ‟ « »
    Curly,
    /// " and ''
    Straight,
    /// 「 」
    Corner,
    /// 『 』
    WhiteCorner,
}

fn double_mark(c: char) -> Option<Hint> {
    match c {
        '“' | '„' | '«' | '‟' | '「' | '『' => Some(Hint::Open),
        '”' | '»' | '」' | '』' => Some(Hint::Close),
        '"' => Some(Hint::Either),
        _ => None,
    }
}

fn style(c: char) -> Style {
    match c {
        '"' => Style::Straight,
        '「' | '」' => Style::Corner,
        '『' | '』' => Style::WhiteCorner,
        _ => Style::Curly,
    }
}

/// Characters after which a quote mark still opens (no space needed).
fn opens_after(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':' | '“' | '‘' | '"' | '\'' | '«') || is_space(c)
}

fn closing_punct(c: char) -> bool {
    matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '}')
}

/// Invisible formatting characters (bidi controls, zero-width marks, BOM) that pasted text
/// carries before quote marks: they count as nothing beside a mark.
fn is_format(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// The visible character before byte `pos` of the paragraph, if any.
fn visible_before(text: &str, para: Paragraph, pos: usize) -> Option<char> {
    text[para.start..pos].chars().rev().find(|&c| !is_format(c))
}

/// True when words (or an ellipsis) follow a mark within a few spaces: “ We will…”,
/// « Nous … », ” … he said.
fn words_after_space(after: &str) -> bool {
    after
        .chars()
        .take(4)
        .find(|&c| !matches!(c, ' ' | '\t' | '\u{a0}' | '\u{2009}' | '\u{202f}'))
        .is_some_and(|c| c.is_alphanumeric() || c == '…')
}

struct Mark {
    pos: usize,
    len: usize,
    hint: Hint,
    style: Style,
    can_open: bool,
    can_close: bool,
    /// Opens only with space after it ("“ We will…"): never while a quote is open.
    spaced: bool,
}

/// A `''` mark: like a straight double mark two bytes long.
fn twin_mark(text: &str, para: Paragraph, pos: usize) -> Mark {
    let prev = visible_before(text, para, pos);
    let next = if pos + 2 < para.end { char_at(text, pos + 2) } else { None };
    let at_end = text[pos + 2..para.end].trim_matches(is_space).is_empty();
    let can_open = next.is_some_and(|n| !is_space(n) && !closing_punct(n));
    let can_close = prev.is_some_and(|p| !is_space(p)) || at_end;
    Mark { pos, len: 2, hint: Hint::Either, style: Style::Straight, can_open, can_close, spaced: false }
}

fn mark_at(text: &str, para: Paragraph, pos: usize, c: char, hint: Hint) -> Mark {
    let len = c.len_utf8();
    let prev = visible_before(text, para, pos);
    let next = if pos + len < para.end { char_at(text, pos + len) } else { None };
    let at_end = text[pos + len..para.end].trim_matches(is_space).is_empty();
    let after = &text[pos + len..para.end];
    let ellipsis = after.starts_with("...") || after.starts_with(". . .");
    let text_next = next.is_some_and(|n| !is_space(n) && !closing_punct(n));
    let opener_context = prev.is_none_or(opens_after);
    let mut can_open = (text_next || ellipsis) && opener_context || text_next && hint != Hint::Close;
    // A space between the mark and the words: an opener after a space or at the paragraph
    // start, a closing-shaped mark only at the paragraph start.
    let spaced = !can_open
        && next.is_some_and(is_space)
        && opener_context
        && (hint != Hint::Close || prev.is_none())
        && words_after_space(after);
    can_open |= spaced;
    let mut can_close = prev.is_some_and(|p| !is_space(p)) || at_end;
    // Corner brackets point one way only (CJK text has no spaces to tell).
    match c {
        '「' | '『' => can_close = false,
        '」' | '』' => can_open = false,
        _ => {}
    }
    Mark { pos, len, hint, style: style(c), can_open, can_close, spaced }
}

/// The characters of `body` that can be quote marks or apostrophes (all start with one of
/// these bytes), with their offsets: the scans below skip every other byte unread.
fn mark_candidates(body: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let b = body.as_bytes();
    let mut i = 0;
    // The next `"`, `'` or 0xE2 byte, and the next 0xC2 or 0xE3 byte (rare in most text): each
    // searched for again only once passed, so that the scan stays linear whichever is rarer.
    let (mut common, mut rare): (Option<usize>, Option<usize>) = (None, None);
    std::iter::from_fn(move || {
        let at = |b: &[u8], k: Option<usize>| k.map_or(b.len(), |k| i + k);
        let next_common = match common {
            Some(c) if c >= i => c,
            _ => *common.insert(at(b, memchr::memchr3(b'"', b'\'', 0xE2, &b[i..]))),
        };
        let next_rare = match rare {
            Some(r) if r >= i => r,
            _ => *rare.insert(at(b, memchr::memchr2(0xC2, 0xE3, &b[i..]))),
        };
        i = next_common.min(next_rare);
        let c = body[i..].chars().next()?;
        let at = i;
        i += c.len_utf8();
        Some((at, c))
    })
}

/// The first double quote mark of a paragraph, if any.
fn first_mark(text: &str, para: Paragraph) -> Option<Mark> {
    let body = &text[para.start..para.end];
    let (i, c) = mark_candidates(body)
        .find(|&(i, c)| double_mark(c).is_some() || c == '\'' && body[i + 1..].starts_with('\''))?;
    let pos = para.start + i;
    Some(match double_mark(c) {
        Some(hint) => mark_at(text, para, pos, c, hint),
        None => twin_mark(text, para, pos),
    })
}

/// Whether the first double mark of a paragraph only closes (`Some(true)`), can open
/// (`Some(false)`), or there is none.
pub(super) fn first_mark_closes(text: &str, para: Paragraph) -> Option<bool> {
    first_mark(text, para).map(|m| m.can_close && !m.can_open)
}

/// True when a paragraph leaves a double quote open at its end.
pub(super) fn ends_open(text: &str, para: Paragraph) -> bool {
    scan_doubles(text, para, None).is_some()
}

/// What reading a paragraph's double marks finds: its double-quoted spans, the quote it
/// leaves open, and the single marks passed on the way, kept so that [`quotes_into`] need not
/// read the paragraph again.
pub(super) struct Doubles {
    para: Paragraph,
    spans: Vec<QuoteSpan>,
    open: Option<Mark>,
    /// The characters that can be single quote marks, with their offsets in the paragraph.
    singles: Vec<(usize, char)>,
}

impl Doubles {
    /// The double marks of `para` read, into the lists of `spare` when given (a paragraph's
    /// read before, done with: fresh lists for every paragraph were a sixth of extraction's
    /// allocations).
    pub(super) fn of(text: &str, para: Paragraph, spare: Option<Doubles>) -> Doubles {
        let mut read = match spare {
            Some(mut spent) => {
                spent.spans.clear();
                spent.singles.clear();
                Doubles { para, open: None, ..spent }
            }
            None => Doubles { para, spans: Vec::new(), open: None, singles: Vec::new() },
        };
        read.open = scan_doubles(text, para, Some(&mut read));
        read
    }

    /// [`ends_open`] of the paragraph.
    pub(super) fn ends_open(&self) -> bool {
        self.open.is_some()
    }
}

/// Finds the quoted spans of one paragraph. `next_opens` says whether the next paragraph
/// begins with an opening quote mark (the multi-paragraph convention).
pub fn quotes(text: &str, para: Paragraph, next_opens: bool) -> Vec<QuoteSpan> {
    let mut out = Vec::new();
    quotes_into(text, para, next_opens, None, None, &mut out);
    out
}

/// [`quotes`] into `out` (emptied first), from `read`, the paragraph's double marks when already
/// read, else read into the lists of `spare`. Returns the marks read, spent, for their lists to
/// serve another paragraph.
pub(super) fn quotes_into(
    text: &str,
    para: Paragraph,
    next_opens: bool,
    read: Option<Doubles>,
    spare: Option<Doubles>,
    out: &mut Vec<QuoteSpan>,
) -> Option<Doubles> {
    out.clear();
    if para.end > MAX_TEXT {
        return read.or(spare); // past what `u32` offsets reach (see `MAX_TEXT`)
    }
    let mut read = match read {
        Some(read) if read.para == para => read,
        other => Doubles::of(text, para, other.or(spare)),
    };
    out.append(&mut read.spans);
    if let Some(o) = &read.open {
        let first = text[para.start..o.pos].chars().all(|c| is_space(c) || is_format(c));
        if next_opens || first {
            let mut q = span(text, o, para.end, para.end, false, false, false);
            q.continues = next_opens;
            out.push(q);
        }
    }
    out.retain(|q| text[q.range()].chars().any(char::is_alphanumeric));
    // The double-quoted spans, in the list they came in (emptied above).
    let doubles = &mut read.spans;
    doubles.extend(out.iter().filter(|q| !q.nested));
    single_quotes(text, para, doubles, &read.singles, out);
    out.retain(|q| text[q.range()].chars().any(char::is_alphanumeric));
    out.sort_by_key(|q| (q.open, q.nested));
    Some(read)
}

/// Curly marks after byte `from` of a paragraph: (openers, closers).
fn curly_marks_after(body: &str, from: usize) -> (usize, usize) {
    body[from..].chars().fold((0, 0), |(o, c), ch| match ch {
        '“' => (o + 1, c),
        '”' => (o, c + 1),
        _ => (o, c),
    })
}

/// The double-quoted spans of one paragraph, pushed to `read` when given with the single marks
/// passed (one level of nesting when the inner marks differ in style, or are curly marks that
/// the rest of the paragraph closes twice); returns the quote left open at the paragraph end,
/// if any.
fn scan_doubles(text: &str, para: Paragraph, read: Option<&mut Doubles>) -> Option<Mark> {
    let (mut out, mut singles) = read.map(|d| (&mut d.spans, &mut d.singles)).unzip();
    let body = &text[para.start..para.end];
    let mut outer: Option<Mark> = None;
    let mut inner: Option<Mark> = None;
    let mut skip_to = 0;
    // A curly single quote opened inside the outer quote and not yet closed: a double mark
    // that opens there is the third level (“a ‘b “c” d’ e”), not a stray new quote.
    let mut single_open = false;
    // Curly openers and closers still ahead, counted once when first needed.
    let mut ahead: Option<(usize, usize)> = None;
    let mut push = |q: QuoteSpan| {
        if let Some(v) = out.as_deref_mut() {
            v.push(q);
        }
    };
    for (i, c) in mark_candidates(body) {
        if let Some(v) = singles.as_deref_mut().filter(|_| is_single(c)) {
            v.push((i, c));
        }
        if let Some((o, cl)) = ahead.as_mut() {
            match c {
                '“' => *o = o.saturating_sub(1),
                '”' => *cl = cl.saturating_sub(1),
                _ => {}
            }
        }
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
        let mut m = if twin {
            skip_to = i + 2;
            twin_mark(text, para, para.start + i)
        } else {
            mark_at(text, para, para.start + i, c, hint)
        };
        if outer.is_some() && m.spaced {
            m.can_open = false;
        }
        if let Some(o) = &inner {
            if m.can_close && m.style == o.style {
                push(span(text, o, m.pos, m.pos + m.len, false, true, true));
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
                // “a “b” c”: a curly opener inside a curly quote nests when the marks ahead
                // close twice more than they open.
                let curly_nest = c == '“' && o.style == Style::Curly && o.hint == Hint::Open && {
                    let (opens, closes) =
                        *ahead.get_or_insert_with(|| curly_marks_after(body, i + c.len_utf8()));
                    closes >= opens + 2
                };
                let nests = (m.style != o.style || single_open && m.hint == Hint::Open || curly_nest)
                    && m.can_open
                    && !m.can_close
                    && inner.is_none();
                if nests {
                    inner = Some(m);
                    outer = Some(o);
                } else if m.can_close || !m.can_open {
                    push(span(text, &o, m.pos, m.pos + m.len, false, false, true));
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
    outer
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
    // Every offset fits: `quotes` reads no paragraph that ends past `MAX_TEXT`.
    let (open, start, end, close_end) = (o.pos as u32, s.min(e) as u32, e as u32, close_end as u32);
    QuoteSpan { open, start, end, close_end, single, nested, closed, continues: false }
}

/// The characters that can be single quote marks (or apostrophes).
fn is_single(c: char) -> bool {
    matches!(c, '‘' | '’' | '\'' | '‹' | '›' | '‚')
}

/// Single-quoted spans: `‘…’` and `'…'` used as quotes, not apostrophes, from the paragraph's
/// `singles` (see [`Doubles`]). Pairs never cross a double-quote boundary; inside a double
/// quote they are nested.
fn single_quotes(
    text: &str,
    para: Paragraph,
    doubles: &[QuoteSpan],
    singles: &[(usize, char)],
    out: &mut Vec<QuoteSpan>,
) {
    // `doubles` are in text order and do not overlap: a binary search finds the one around `pos`.
    let region_of = |pos: usize| {
        let k = doubles.partition_point(|q| (q.open as usize) < pos);
        (k > 0 && pos < doubles[k - 1].close_end as usize).then(|| k - 1)
    };
    let mut open: Option<(Mark, Option<usize>)> = None;
    for &(i, c) in singles {
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
        // ‚…‘ (German): the low mark opens and a turned comma closes it.
        let low_open = open.as_ref().is_some_and(|(o, _)| text[o.pos..].starts_with('‚'));
        let can_open = matches!(c, '‘' | '\'' | '‹' | '‚')
            && opener_context
            && next.is_some_and(|n| n.is_alphabetic() || n == '$' || double_mark(n).is_some());
        let can_close = (matches!(c, '’' | '\'' | '›') || c == '‘' && low_open)
            && prev.is_some_and(|p| !is_space(p))
            && !(letter_before && letter_after)
            && next.is_none_or(|n| !n.is_alphanumeric());
        if let Some((o, r)) = &open {
            if can_close
                && *r == region
                && !(letter_before && prev == Some('s') && next == Some(' ') && c == '\'')
            {
                out.push(span(text, o, pos, pos + c.len_utf8(), true, r.is_some(), true));
                open = None;
                continue;
            }
            if *r != region {
                open = None;
            }
        }
        if can_open && open.is_none() {
            let style = if c == '\'' { Style::Straight } else { Style::Curly };
            let m =
                Mark { pos, len: c.len_utf8(), hint: Hint::Open, style, can_open, can_close, spaced: false };
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
    use crate::segment::paragraphs;
    fn quoted(text: &str) -> Vec<String> {
        let paras = paragraphs(text);
        let mut v = Vec::new();
        for (i, p) in paras.iter().enumerate() {
            let next = paras.get(i + 1).is_some_and(|n| opens_with_quote(text, *n));
            for q in quotes(text, *p, next) {
                let mark = if q.nested { "n:" } else { "" };
                v.push(format!("{mark}{}", &text[q.range()]));
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
    fn a_space_after_the_opening_mark() {
        assert_eq!(quoted("“ We will fight on,” he said."), vec!["We will fight on,"]);
        assert_eq!(quoted("« Nous gagnerons », dit-il."), vec!["Nous gagnerons"]);
        assert_eq!(quoted("” … so we said,” he said."), vec!["… so we said,"]);
        // Not a closing-shaped mark after text, nor a mark with nothing after it.
        assert_eq!(quoted("“Yes,” he said. ” And then"), vec!["Yes,"]);
        assert_eq!(quoted("He said it. “ "), Vec::<String>::new());
    }

    #[test]
    fn format_characters_before_a_mark_are_invisible() {
        assert_eq!(quoted("\u{202a}”Sorry,” he said."), vec!["Sorry,"]);
    }

    #[test]
    fn curly_quote_inside_curly_quote_nests_when_closed_twice() {
        assert_eq!(
            quoted("“It is what he calls “hell” on earth,” she said."),
            vec!["It is what he calls “hell” on earth,", "n:hell"]
        );
        assert_eq!(quoted("“Stray. “Real,” she said."), vec!["Real,"]);
        assert_eq!(quoted("“Stray. “A,” she said, “b.”"), vec!["A,", "b."]);
    }

    #[test]
    fn low_single_and_corner_marks() {
        assert_eq!(quoted("Er nannte es ‚Unsinn‘ heute."), vec!["Unsinn"]);
        assert_eq!(quoted("他说「我们『不要』赢」。"), vec!["我们『不要』赢", "n:不要"]);
    }

    #[test]
    fn many_unmatched_marks_are_linear_and_safe() {
        let t = "“ ".repeat(100_000);
        assert!(quoted(&t).len() <= 1);
    }
}
