//! Tokens: a paragraph as words, punctuation and whole quotes, with the mentions that cover them.

use std::cell::Cell;

use super::DocContext;
use crate::lexicon::lexicon;
use crate::mention::{Matcher, Mention};
use crate::segment::{Paragraph, QuoteSpan};
use crate::text::{ascii_word_end, is_ascii_word_byte, is_space, is_word_char};

/// A token of a paragraph: 36 bytes (offsets and indexes are `u32`: a text read at once is at
/// most [`crate::mention::MAX_TEXT`] bytes, so its offsets fit and its quotes and a paragraph's
/// tokens are fewer).
#[derive(Debug, Clone)]
pub struct Tok {
    /// Byte offset of the first character (`Tok::s`).
    start: u32,
    /// Byte offset one past the last character (`Tok::e`).
    end: u32,
    /// What it is.
    pub kind: TokKind,
    /// The mention starting at this token, and the index of the token after it.
    pub mention: Option<(u32, u32)>,
    /// Inside a mention that started at an earlier token.
    pub inside: bool,
    /// The kinds of the payloads of `mention` that hold as written (`mention::kind` bits),
    /// set with the mention (`attach_mentions`; see `Tok::stands_for`).
    pub(crate) kinds: u8,
    /// A word whose first character is upper case (`DocContext::is_capitalized`).
    pub(crate) capitalized: bool,
    /// The word's classes in the lexicon, each looked up on first use (see `context`).
    pub(crate) classes: Cell<u32>,
    /// Whether it is a name word (`DocContext::is_name_word`), once asked: [`NOT_ASKED`],
    /// [`NO_NAME_WORD`] or [`NAME_WORD`].
    pub(crate) name_word: Cell<u8>,
}

/// `Tok::name_word` before the question is asked.
pub(crate) const NOT_ASKED: u8 = 0;
/// `Tok::name_word`: no name word.
pub(crate) const NO_NAME_WORD: u8 = 1;
/// `Tok::name_word`: a name word.
pub(crate) const NAME_WORD: u8 = 2;

impl Tok {
    /// Byte offset of the first character.
    #[inline]
    pub fn s(&self) -> usize {
        self.start as usize
    }

    /// Byte offset one past the last character.
    #[inline]
    pub fn e(&self) -> usize {
        self.end as usize
    }

    /// Whether the mention starting here stands for something of a kind in `kinds` (bits of
    /// `mention::kind`), as written.
    #[inline]
    pub(crate) fn stands_for(&self, kinds: u8) -> bool {
        self.kinds & kinds != 0
    }
}

/// Token kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// A word (letters, digits, inner `.'’-&`), an abbreviation with its period.
    Word,
    /// A possessive ending `’s`.
    Possessive,
    /// One punctuation character.
    Punct(char),
    /// A whole quote (index into the document's quotes).
    Quote(u32),
}

/// Splits a paragraph into tokens; `quotes` are the document's top-level quotes.
pub fn tokenize(text: &str, start: usize, end: usize, quotes: &[QuoteSpan], first_quote: usize) -> Vec<Tok> {
    let mut toks = Vec::new();
    tokenize_onto::<true>(text, start, end, quotes, first_quote, &mut toks);
    toks
}

/// [`tokenize`] onto the end of `toks` (one buffer serves every paragraph). With `ASCII_FAST`
/// (always, but in a test that compares), plain ASCII words and punctuation are read by a
/// shortcut: the tokens are the same without it.
fn tokenize_onto<const ASCII_FAST: bool>(
    text: &str,
    start: usize,
    end: usize,
    quotes: &[QuoteSpan],
    first_quote: usize,
    toks: &mut Vec<Tok>,
) {
    let mut qi = first_quote;
    let mut i = start;
    let bytes = text.as_bytes();
    // Both fit: a text read at once is at most `MAX_TEXT` bytes.
    let tok = |s: usize, e: usize, kind| Tok {
        start: s as u32,
        end: e as u32,
        kind,
        mention: None,
        inside: false,
        kinds: 0,
        capitalized: false,
        classes: Cell::new(0),
        name_word: Cell::new(NOT_ASKED),
    };
    let word = |s: usize, e: usize, capitalized: bool| Tok { capitalized, ..tok(s, e, TokKind::Word) };
    // Where quote `qi` opens (`usize::MAX` past the last): a token that starts before the next
    // quote's mark is told so by one comparison, and `qi` is moved on only when one is reached.
    let open_at = |qi: usize| quotes.get(qi).map_or(usize::MAX, |q| q.open as usize);
    let mut next_open = open_at(qi);
    while i < end {
        // A space: no token, and no quote opens there.
        if bytes[i] == b' ' {
            i += 1;
            continue;
        }
        if i >= next_open {
            // Quotes whose mark was passed inside a token open none.
            while qi < quotes.len() && (quotes[qi].open as usize) < i {
                qi += 1;
            }
            next_open = open_at(qi);
            if next_open == i {
                let close_end = quotes[qi].close_end as usize;
                toks.push(tok(i, close_end, TokKind::Quote(qi as u32)));
                i = close_end.max(i + 1);
                qi += 1;
                next_open = open_at(qi);
                continue;
            }
        }
        let b = bytes[i];
        if ASCII_FAST && b.is_ascii() {
            if !is_ascii_word_byte(b) {
                // White space, else one punctuation token.
                if !is_space(char::from(b)) {
                    toks.push(tok(i, i + 1, TokKind::Punct(b as char)));
                }
                i += 1;
                continue;
            }
            // Most words: ASCII letters and digits, then a space or punctuation that joins no
            // word to them (not `'-.&`, nothing beyond ASCII): the word is the run, with no
            // possessive nor abbreviation period to read. Other words are read below.
            let j = ascii_word_end(bytes, i + 1, end);
            if j == end || bytes[j].is_ascii() && !matches!(bytes[j], b'\'' | b'-' | b'.' | b'&') {
                toks.push(word(i, j, b.is_ascii_uppercase()));
                i = j;
                continue;
            }
        } else if !is_ascii_word_byte(b) {
            // An ASCII letter or digit starts a word; anything else is decoded.
            let (c, len) = char_at(text, i);
            if is_space(c) {
                i += len;
                continue;
            }
            if !is_word_char(c) {
                toks.push(tok(i, i + len, TokKind::Punct(c)));
                i += len;
                continue;
            }
        }
        let mut j = i;
        loop {
            while j < end {
                // Letters and digits: an ASCII run by table, others by character.
                j = ascii_word_end(bytes, j, end);
                if j == end {
                    break;
                }
                let (ch, len) = char_at(text, j);
                if !is_word_char(ch) {
                    break;
                }
                j += len;
            }
            if j >= end {
                break;
            }
            let (ch, len) = char_at(text, j);
            let after = j + len;
            let joins = matches!(ch, '\'' | '’' | '-' | '.' | '&')
                && after < end
                && is_word_char(char_at(text, after).0)
                && !(qi < quotes.len() && quotes[qi].open as usize == j);
            if joins {
                j = after;
            } else {
                break;
            }
        }
        let w = &text[i..j];
        let capitalized = char_at(text, i).0.is_uppercase();
        // A possessive ending is its own token, so "China’s" is a mention of China.
        let ends_in_s = matches!(w.as_bytes()[w.len() - 1], b's' | b'S');
        let poss =
            ["’s", "'s", "’S", "'S"].iter().find(|p| ends_in_s && w.len() > p.len() + 1 && w.ends_with(**p));
        if let Some(p) = poss {
            toks.push(word(i, j - p.len(), capitalized));
            toks.push(tok(j - p.len(), j, TokKind::Possessive));
            i = j;
            continue;
        }
        // An abbreviation keeps its period: "Mr.", "U.S.", "V.".
        if j < end && bytes[j] == b'.' {
            let initial = w.chars().count() == 1 && w.chars().all(char::is_uppercase);
            if initial || w.contains('.') || lexicon().is_abbreviation(w) {
                j += 1;
            }
        }
        toks.push(word(i, j, capitalized));
        i = j;
    }
}

/// The character at byte `i` of `text` (a char boundary before its end) and its length.
#[inline(always)]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let c = crate::text::char_at(text, i).expect("i is a char boundary before the end");
    (c, c.len_utf8())
}

/// Marks which tokens mentions cover, and what each stands for as written in `text` (the kinds
/// of its payloads in `matcher`). `mentions` are sorted; only mentions that start and end on
/// token edges count.
pub fn attach_mentions(toks: &mut [Tok], mentions: &[Mention], matcher: &Matcher, text: &str) {
    let Some(first) = toks.first() else { return };
    let from = mentions.partition_point(|m| (m.start as usize) < first.s());
    // Mention by mention (a paragraph has many fewer than tokens), the token where each starts
    // found by binary search among those after the last mention attached.
    let mut t = 0;
    for (mi, m) in mentions.iter().enumerate().skip(from) {
        let start = m.start as usize;
        t += toks[t..].partition_point(|x| x.s() < start);
        let Some(starts) = toks.get(t) else { break };
        // A mention that starts inside a token, or at a quote, covers none.
        if starts.s() != start || matches!(starts.kind, TokKind::Quote(_)) {
            continue;
        }
        t = cover(toks, t, mentions, mi, matcher, text);
    }
}

/// Attaches mention `mi` to token `t`, where it starts, if it ends where a token ends (no quote
/// between); returns the token after the tokens it covers, or after `t` when it covers none.
fn cover(
    toks: &mut [Tok],
    t: usize,
    mentions: &[Mention],
    mi: usize,
    matcher: &Matcher,
    text: &str,
) -> usize {
    let end = mentions[mi].end as usize;
    let mut u = t;
    while u < toks.len() && toks[u].e() < end && !matches!(toks[u].kind, TokKind::Quote(_)) {
        u += 1;
    }
    if u < toks.len() && toks[u].e() == end {
        toks[t].mention = Some((mi as u32, (u + 1) as u32));
        toks[t].kinds = matcher.payloads(&mentions[mi], text).fold(0, |k, p| k | p.kind());
        for x in &mut toks[t + 1..=u] {
            x.inside = true;
        }
        u + 1
    } else {
        t + 1
    }
}

impl DocContext<'_> {
    /// Reads one paragraph: its tokens, with the mentions that cover them, its names recorded.
    #[cfg(test)]
    pub(crate) fn read_paragraph(
        &mut self,
        para: Paragraph,
        quotes: &[QuoteSpan],
        first_quote: usize,
    ) -> Vec<Tok> {
        let mut toks = Vec::new();
        self.find_mentions(para, quotes, first_quote);
        self.read_paragraph_onto(para, quotes, first_quote, &mut toks);
        toks
    }

    /// Reads one paragraph whose mentions were found already (`find_mentions`, with those of
    /// every paragraph before it) onto the end of `toks`: the first pass keeps the tokens of a
    /// paragraph to attribute where they were made, and drops the others by truncating.
    pub(crate) fn read_paragraph_onto(
        &mut self,
        para: Paragraph,
        quotes: &[QuoteSpan],
        first_quote: usize,
        toks: &mut Vec<Tok>,
    ) {
        let start = toks.len();
        tokenize_onto::<true>(self.text, para.start, para.end, quotes, first_quote, toks);
        let toks = &mut toks[start..];
        attach_mentions(toks, &self.mentions, self.matcher, self.text);
        self.scan_names(toks);
    }

    /// The tokens of one paragraph with the mentions that cover them, into `toks` (cleared
    /// first), names not recorded: for reading a paragraph a second time.
    pub(crate) fn tokens_into(
        &self,
        para: Paragraph,
        quotes: &[QuoteSpan],
        first_quote: usize,
        toks: &mut Vec<Tok>,
    ) {
        toks.clear();
        tokenize_onto::<true>(self.text, para.start, para.end, quotes, first_quote, toks);
        attach_mentions(toks, &self.mentions, self.matcher, self.text);
    }

    /// Finds the mentions of a paragraph outside its quotes (a quote is one token, so a mention
    /// inside it would cover no token). The paragraphs must be searched in text order.
    pub(crate) fn find_mentions(&mut self, para: Paragraph, quotes: &[QuoteSpan], first_quote: usize) {
        let mut from = para.start;
        for q in quotes[first_quote..].iter().take_while(|q| (q.open as usize) < para.end) {
            let stopped = self.matcher.find_between(self.text, from, q.open as usize, &mut self.mentions);
            // After a quote's closing mark a word can start.
            from = stopped.max(q.close_end as usize);
        }
        self.matcher.find_between(self.text, from, para.end, &mut self.mentions);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lexicon;
    use crate::segment;

    /// The tokens of a one-paragraph text as written, a quote as `<quote>`.
    fn words(text: &str) -> Vec<String> {
        let para = segment::paragraphs(text)[0];
        let quotes: Vec<QuoteSpan> =
            segment::quotes(text, para, false).into_iter().filter(|q| !q.nested).collect();
        let toks = tokenize(text, para.start, para.end, &quotes, 0);
        toks.iter()
            .map(|t| match t.kind {
                TokKind::Quote(_) => "<quote>".to_string(),
                _ => text[t.s()..t.e()].to_string(),
            })
            .collect()
    }

    /// `attach_mentions` as it was, token by token (the same `cover` once a mention's token is
    /// found): the reference its property test compares with.
    fn attach_token_by_token(toks: &mut [Tok], mentions: &[Mention], matcher: &Matcher, text: &str) {
        let mut mi = mentions.partition_point(|m| toks.first().is_some_and(|t| (m.start as usize) < t.s()));
        let mut t = 0;
        while t < toks.len() && mi < mentions.len() {
            let m = mentions[mi].range();
            if m.start < toks[t].s() {
                mi += 1;
                continue;
            }
            if m.start > toks[t].s() || matches!(toks[t].kind, TokKind::Quote(_)) {
                t += 1;
                continue;
            }
            t = cover(toks, t, mentions, mi, matcher, text);
            mi += 1;
        }
    }

    proptest::proptest! {
        /// Mentions attached one by one, each found among the tokens by binary search, cover
        /// the tokens the token-by-token walk had them cover: mentions inside quotes, across
        /// quotes, inside words ("pro-Obama"), after the paragraph and before it included.
        #[test]
        fn mentions_attach_as_the_token_walk_attached_them(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "Antony Blinken", "Blinken", "Wang", "Yi", "said", "the", "US", "U.S.", "president",
                "pro-", "Obama", "’s", "“", "”", "\"", "'", " ", " ", ",", ".", "\n", "\n\n", "é",
            ][..]), 0..60)
        ) {
            let text = pieces.concat();
            let (_, matcher) = super::super::testing::built();
            // Every mention of the whole text, those inside quotes and in other paragraphs too.
            let mentions = matcher.find(&text);
            let key = |toks: &[Tok]| toks.iter().map(|t| (t.mention, t.kinds, t.inside)).collect::<Vec<_>>();
            for para in segment::paragraphs(&text) {
                let quotes: Vec<QuoteSpan> =
                    segment::quotes(&text, para, false).into_iter().filter(|q| !q.nested).collect();
                let mut ours = tokenize(&text, para.start, para.end, &quotes, 0);
                let mut theirs = ours.clone();
                attach_mentions(&mut ours, &mentions, matcher, &text);
                attach_token_by_token(&mut theirs, &mentions, matcher, &text);
                proptest::prop_assert_eq!(key(&ours), key(&theirs), "{:?}", text);
            }
        }
    }

    proptest::proptest! {
        /// The mentions found paragraph by paragraph outside the quotes are those the search of
        /// the whole text finds there (the search starts again after each quote).
        #[test]
        fn mentions_outside_quotes_are_those_of_the_whole_text(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "Antony Blinken", "Blinken", "Wang", "Yi", "said", "the", "US", "U.S.", "president",
                "“", "”", "\"", "'", "‘", "’", " ", " ", ",", ".", ":", "\n", "\n\n", "é", "-",
            ][..]), 0..60)
        ) {
            let text = pieces.concat();
            let (gazetteer, matcher) = super::super::testing::built();
            let whole = matcher.find(&text);
            let mut ctx = DocContext::new(&text, matcher, gazetteer, lexicon());
            let mut quotes = Vec::new();
            let mut want = Vec::new();
            for (para, _, found) in segment::QuotedParagraphs::new(&text) {
                let first = quotes.len();
                quotes.extend(found.into_iter().filter(|q| !q.nested));
                let ours = &quotes[first..];
                let in_quote = |m: &Mention| ours.iter().any(|q| q.open <= m.start && m.start < q.close_end);
                want.extend(whole.iter().filter(|m| {
                    (para.start..para.end).contains(&(m.start as usize)) && !in_quote(m)
                }));
                ctx.read_paragraph(para, &quotes, first);
            }
            proptest::prop_assert_eq!(&ctx.mentions, &want, "{:?}", text);
        }
    }

    proptest::proptest! {
        /// The shortcut for plain ASCII words and punctuation reads the tokens the general loop
        /// reads: joined words, possessives, abbreviations, quotes and white space included.
        #[test]
        fn the_ascii_shortcut_reads_the_tokens_of_the_general_loop(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "Mr", "U", "S", "co", "op", "AT", "T", "s", "S", "12", "Wáng", "é", "Ana",
                ".", ",", "-", "&", "'", "’", "’s", "'s", "'S", "“", "”", "\"", "‘", ":", "—",
                " ", " ", "\t", "\r", "\n", "\u{b}", "\u{c}", "\u{a0}", "\u{2009}", "\u{1c}",
            ][..]), 0..40)
        ) {
            let text = pieces.concat();
            // The tokens of `start..end` with and without the shortcut.
            let both = |start: usize, end: usize, quotes: &[QuoteSpan]| {
                let key = |t: &Tok| (t.s(), t.e(), t.kind, t.capitalized);
                let (mut fast, mut general) = (Vec::new(), Vec::new());
                tokenize_onto::<true>(&text, start, end, quotes, 0, &mut fast);
                tokenize_onto::<false>(&text, start, end, quotes, 0, &mut general);
                (fast.iter().map(key).collect::<Vec<_>>(), general.iter().map(key).collect::<Vec<_>>())
            };
            // The whole text as one range (line breaks inside), and each paragraph with its quotes.
            let (fast, general) = both(0, text.len(), &[]);
            proptest::prop_assert_eq!(fast, general, "{:?}", text);
            for para in segment::paragraphs(&text) {
                let quotes: Vec<QuoteSpan> =
                    segment::quotes(&text, para, false).into_iter().filter(|q| !q.nested).collect();
                let (fast, general) = both(para.start, para.end, &quotes);
                proptest::prop_assert_eq!(fast, general, "{:?}", text);
            }
        }
    }

    #[test]
    fn words_know_whether_they_are_capitalized() {
        let text = "Élise met ana, Bob’s team and U.S. officials. élan";
        let para = segment::paragraphs(text)[0];
        let toks = tokenize(text, para.start, para.end, &[], 0);
        let capitalized: Vec<&str> =
            toks.iter().filter(|t| t.capitalized).map(|t| &text[t.s()..t.e()]).collect();
        assert_eq!(capitalized, ["Élise", "Bob", "U.S."]);
    }

    /// A token knows what its mention stands for as written: a name in the wrong case, found by
    /// the case-blind search, stands for nothing; a cue in any case is still a cue.
    #[test]
    fn tokens_carry_the_kinds_of_their_mentions_as_written() {
        use crate::mention::kind;
        let text = "Antony Blinken told reporters in China that antony blinken SAID so.";
        super::super::testing::with_paragraph(text, |_, toks| {
            let of = |at: usize| toks.iter().find(|t| t.s() == at).map(|t| t.kinds);
            let at = |w: &str| text.find(w).unwrap();
            assert!(of(at("Antony")).is_some_and(|k| k & kind::ENTITY != 0));
            assert_eq!(of(at("told")), Some(kind::CUE));
            assert!(of(at("China")).is_some_and(|k| k & kind::COUNTRY != 0));
            assert_eq!(of(at("antony")), Some(0));
            assert_eq!(of(at("SAID")), Some(kind::CUE));
            assert_eq!(of(at("reporters")), Some(0));
            for t in toks.iter().filter(|t| t.mention.is_none()) {
                assert_eq!(t.kinds, 0, "{}", &text[t.s()..t.e()]);
            }
        });
    }

    #[test]
    fn paragraphs_become_words_punctuation_and_whole_quotes() {
        let rows: &[(&str, &[&str])] = &[
            ("Mr. Roe said.", &["Mr.", "Roe", "said", "."]),
            ("Ana’s plan", &["Ana", "’s", "plan"]),
            ("U.S. officials met", &["U.S.", "officials", "met"]),
            ("a well-known co-op", &["a", "well-known", "co-op"]),
            ("Dr. Lee vs. J. Roe", &["Dr.", "Lee", "vs.", "J.", "Roe"]),
            ("It ended. Then", &["It", "ended", ".", "Then"]),
            ("“We won,” Ana said.", &["<quote>", "Ana", "said", "."]),
            ("Roe said “it is over” today.", &["Roe", "said", "<quote>", "today", "."]),
        ];
        for (text, want) in rows {
            assert_eq!(words(text), *want, "{text}");
        }
    }
}
