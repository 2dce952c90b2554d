//! Quotes inside quotes. A speaker who quotes someone else ("He told me, ‘we will win this
//! state by ten points,’ and I believed him") reports that person's words, which other outlets
//! may print on their own. Each such inner quote of [`MIN_WORDS`] words or more is matched as a
//! quote of its own, at its place in the document, with no speaker (the record's speaker is the
//! one quoting) and the rest of the record's fields; the record itself is matched on its own
//! words only, so that a critic quoting a slogan is not a report of the slogan.

use super::store::{QuoteRef, Quotes};
use crate::record::QuoteKind;

/// Inner quotes with fewer words than this are not matched on their own (a scare-quoted word
/// or a title).
pub const MIN_WORDS: usize = 4;

/// The quotes being compared and the inner quotes found in them, numbered one after the other:
/// record `i` of the records is quote `i`, inner quote `j` is quote `records.len() + j`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Records<'a> {
    quotes: &'a Quotes,
    inner: &'a Quotes,
}

impl<'a> Records<'a> {
    pub(crate) fn new(quotes: &'a Quotes, inner: &'a Quotes) -> Records<'a> {
        Records { quotes, inner }
    }

    pub(crate) fn len(&self) -> usize {
        self.quotes.len() + self.inner.len()
    }

    /// The number of records, inner quotes left out: quotes `0..records()` are the records.
    pub(crate) fn records(&self) -> usize {
        self.quotes.len()
    }

    pub(crate) fn get(&self, i: usize) -> QuoteRef<'a> {
        match i.checked_sub(self.quotes.len()) {
            None => self.quotes.get(i),
            Some(j) => self.inner.get(j),
        }
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = QuoteRef<'a>> + 'a {
        let this = *self;
        (0..this.len()).map(move |i| this.get(i))
    }
}

/// The inner quotes of `quotes`, and for each the index of the quote it is in.
pub(crate) fn inner_quotes(quotes: &Quotes) -> (Quotes, Vec<u32>) {
    let mut inner = Quotes::new();
    let mut outer = Vec::new();
    for (i, r) in quotes.iter().enumerate() {
        for range in spans(r.quote) {
            let text = &r.quote[range.clone()];
            let start = r.start + r.quote[..range.start].chars().count() as u64;
            inner.push(QuoteRef {
                start,
                end: start + text.chars().count() as u64,
                quote: text,
                kind: QuoteKind::Partial,
                speaker: "",
                speaker_id: "",
                role: "",
                known_role: "",
                cue: "",
                method: None,
                mention: "",
                confidence: 0.0,
                ..r
            });
            outer.push(i as u32);
        }
    }
    inner.shrink_to_fit();
    (inner, outer)
}

/// Leaves out the tokens of `text` that are inside its inner quotes (tokens are in text order,
/// with their byte ranges).
pub(crate) fn mask<T>(text: &str, tokens: &mut Vec<T>, range: impl Fn(&T) -> (usize, usize)) {
    let inner = spans(text);
    if !inner.is_empty() {
        tokens.retain(|t| {
            let (start, end) = range(t);
            !inner.iter().any(|r| start >= r.start && end <= r.end)
        });
    }
}

/// Whether `c` may stand before an opening mark (a word does not: "it's").
fn opens_after(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || "([{—–-:;,".contains(c))
}

/// Whether `c` may stand after a closing mark (a letter does not: "can’t").
fn closes_before(c: Option<char>) -> bool {
    c.is_none_or(|c| !c.is_alphanumeric())
}

/// The byte ranges of the inner quotes of one text, each of [`MIN_WORDS`] words or more, with
/// two words or more of the text outside it. Double marks pair with the next closing
/// double mark; single marks only where they stand at a word's edges, since the same marks are
/// apostrophes inside words.
pub(crate) fn spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    if !text.contains(['“', '"', '‘', '\'']) {
        return out;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let words = |s: &str| s.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
    let total = words(text);
    // A kind of mark with no closing mark after one place has none after any later place: it
    // is not looked for again, so that the text is read a bounded number of times.
    let mut unclosed = [false; 3];
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k].1;
        let (kind, close): (usize, &[char]) = match c {
            '“' => (0, &['”']),
            '"' => (1, &['"']),
            '‘' | '\'' if opens_after(k.checked_sub(1).and_then(at)) => (2, &['’', '\'']),
            _ => {
                k += 1;
                continue;
            }
        };
        if unclosed[kind] {
            k += 1;
            continue;
        }
        let single = kind == 2;
        let end = (k + 1..chars.len()).find(|&e| {
            close.contains(&chars[e].1)
                && (!single || (closes_before(at(e + 1)) && at(e - 1).is_some_and(|p| !p.is_whitespace())))
        });
        let Some(e) = end else {
            unclosed[kind] = true;
            k += 1;
            continue;
        };
        let (from, to) = (chars[k].0 + c.len_utf8(), chars[e].0);
        let n = words(&text[from..to]);
        if n >= MIN_WORDS && total - n >= 2 {
            out.push(from..to);
        }
        k = e + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inner_quotes_are_found_by_their_marks() {
        let rows: &[(&str, &[&str])] = &[
            (
                "He told me, ‘we will win this state by ten points,’ and I believed him.",
                &["we will win this state by ten points,"],
            ),
            (
                "She said “the budget is balanced for the first time” on Monday, and that was news.",
                &["the budget is balanced for the first time"],
            ),
            (
                "It's what he said: \"we can't wait any longer\" and we agreed with him then.",
                &["we can't wait any longer"],
            ),
            // Apostrophes inside words are not marks; a short inner quote is not matched alone.
            ("We can’t say ‘no’ to the voters’ wishes, can we, not this year.", &[]),
            ("They called it ‘a disgrace’ and left the room in a hurry that day.", &[]),
            // A quote that is all one inner quote is the quote itself.
            ("‘We will not raise the fares this year.’", &[]),
        ];
        for (text, want) in rows {
            let got: Vec<&str> = spans(text).into_iter().map(|r| &text[r]).collect();
            assert_eq!(&got, want, "{text}");
        }
    }

    #[test]
    fn inner_quotes_keep_their_place_in_the_document() {
        let text = "He told me, ‘we will win this state by ten points,’ and I believed him.";
        let r = crate::record::QuoteRecord {
            doc: "d".into(),
            start: 100,
            end: 100 + text.chars().count() as u64,
            quote: text.into(),
            speaker: "Ana Ruiz".into(),
            ..Default::default()
        };
        let (inner, outer) = inner_quotes(&Quotes::from(&[r][..]));
        let q = inner.get(0);
        assert_eq!((q.start, q.end, q.speaker, q.doc, outer[0]), (113, 150, "", "d", 0));
        assert_eq!(q.quote, "we will win this state by ten points,");
    }
}
