//! Small text helpers shared by the pipeline: character classes for quote marks and words,
//! and conversion from byte offsets (used inside) to Unicode code point offsets (used in output).

/// Converts byte offsets of one text to code point offsets. Queries in increasing order are
/// answered in amortised constant time; any order works.
#[derive(Debug)]
pub struct CharOffsets<'a> {
    text: &'a str,
    ascii: bool,
    last_byte: usize,
    last_char: usize,
}

impl<'a> CharOffsets<'a> {
    /// Prepares conversion for `text`.
    pub fn new(text: &'a str) -> CharOffsets<'a> {
        CharOffsets { text, ascii: text.is_ascii(), last_byte: 0, last_char: 0 }
    }

    /// The code point offset of byte offset `byte` (which must be a char boundary).
    pub fn char_offset(&mut self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        if byte < self.last_byte {
            self.last_byte = 0;
            self.last_char = 0;
        }
        self.last_char += self.text[self.last_byte..byte].chars().count();
        self.last_byte = byte;
        self.last_char
    }
}

/// A character that is part of a word.
#[inline]
pub fn is_word_char(c: char) -> bool {
    match c {
        // The punctuation of news text, answered without Unicode tables.
        '’' | '‘' | '“' | '”' | '—' | '–' | '…' | '\u{a0}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// The character before byte offset `i`, if any.
pub fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

/// The eight bytes of `bytes` from `at`, little-endian, zeros past the end: for reading several
/// bytes of a word at once (the caller keeps the ones it needs).
#[inline]
pub(crate) fn eight_at(bytes: &[u8], at: usize) -> u64 {
    let mut x = [0u8; 8];
    match bytes.get(at..at + 8) {
        Some(b) => x.copy_from_slice(b),
        None => {
            let rest = bytes.get(at..).unwrap_or(&[]);
            x[..rest.len()].copy_from_slice(rest);
        }
    }
    u64::from_le_bytes(x)
}

/// The character at byte offset `i`, if any (an ASCII byte is read without decoding).
#[inline]
pub fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => text[i..].chars().next(),
    }
}

/// Horizontal white space, including NBSP and the thin spaces.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{2009}' || c == '\u{202f}'
}

/// The first offset after `i` where a word can start: just past the first character at or after
/// `i` that is not part of a word, or the end of the text.
#[inline]
pub fn next_word_start(text: &str, i: usize) -> usize {
    let bytes = text.as_bytes();
    let mut j = i;
    loop {
        // ASCII letters and digits, by table: the bulk of any word.
        j = ascii_word_end(bytes, j, bytes.len());
        let Some(&b) = bytes.get(j) else {
            return text.len();
        };
        if b.is_ascii() {
            return j + 1;
        }
        // Another character: decoded.
        let Some(c) = text.get(j..).and_then(|rest| rest.chars().next()) else {
            return text.len();
        };
        j += c.len_utf8();
        if !is_word_char(c) {
            return j;
        }
    }
}

/// How many of the eight bytes of `x`, from the lowest, are ASCII letters or digits.
#[inline]
pub(crate) fn ascii_word_bytes(x: u64) -> usize {
    const EACH: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x80 * EACH;
    const LOW7: u64 = 0x7f * EACH;
    const CASE: u64 = 0x20 * EACH;
    // Per byte, the high bit of a sum says its low seven bits reached a bound; no sum carries
    // into the next byte.
    let letter = (x | CASE) & LOW7;
    let seven = x & LOW7;
    let is_letter = (letter + 0x1f * EACH) & !(letter + 0x05 * EACH);
    let is_digit = (seven + 0x50 * EACH) & !(seven + 0x46 * EACH);
    let word = (is_letter | is_digit) & !x & HIGH;
    ((!word & HIGH).trailing_zeros() / 8) as usize
}

/// The end of the run of ASCII letters and digits that starts at byte `at` of `bytes`, at most
/// `end`: eight bytes at a time (one branch per eight bytes, where a byte loop's exit is
/// mispredicted at the end of most words).
#[inline]
pub(crate) fn ascii_word_end(bytes: &[u8], mut at: usize, end: usize) -> usize {
    loop {
        let n = ascii_word_bytes(eight_at(bytes, at));
        at += n;
        if n < 8 || at >= end {
            return at.min(end);
        }
    }
}

/// Whether byte `b` is an ASCII letter or digit, by table: the bulk of any word.
#[inline]
pub(crate) fn is_ascii_word_byte(b: u8) -> bool {
    ASCII_WORD[b as usize]
}

/// The ASCII bytes that are part of a word (letters and digits), by byte.
static ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// True when `text[s..e]` starts and ends on word boundaries.
pub fn on_word_boundaries(text: &str, s: usize, e: usize) -> bool {
    let before_ok = char_before(text, s).is_none_or(|c| !is_word_char(c));
    let after_ok = char_at(text, e).is_none_or(|c| !is_word_char(c));
    before_ok && after_ok
}

/// The lines of `text` between its `\n`s, as written (a `\r` before a `\n` kept), the last one
/// even when empty; the line breaks found by the `memchr` crate's vector search. Trimmed, and
/// without the empty ones, they are what `str::lines` gives.
pub(crate) fn raw_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let breaks = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    breaks.map(move |end| {
        let line = &text[start..end];
        start = end + 1;
        line
    })
}

/// How many lines [`raw_lines`] gives: the `\n`s and one, counted by a vector search (to size
/// a list before reading them).
pub(crate) fn line_count(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1
}

/// The non-blank lines of `text`, trimmed, first line first: what
/// `text.lines().map(str::trim).filter(|l| !l.is_empty())` gives (`trim` takes the `\r` of a
/// `\r\n` too).
pub(crate) fn trimmed_lines(text: &str) -> impl Iterator<Item = &str> {
    raw_lines(text).map(trim).filter(|l| !l.is_empty())
}

/// `s.trim()`, answered at once for the usual line or field that starts and ends with a
/// printable ASCII character (the word lists' 100,000 lines are trimmed at every start).
#[inline]
pub(crate) fn trim(s: &str) -> &str {
    let bytes = s.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_code_points() {
        let t = "“Ab” c ’d";
        let mut c = CharOffsets::new(t);
        let d = t.find('d').unwrap();
        assert_eq!(c.char_offset(d), 8);
        assert_eq!(c.char_offset(t.find('c').unwrap()), 5);
        assert_eq!(c.char_offset(t.len()), 9);
    }

    #[test]
    fn eight_bytes_counted_as_byte_by_byte() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut x = *b"Ab9zZ0aQ";
                x[at] = b;
                let want = x.iter().position(|&b| !is_ascii_word_byte(b)).unwrap_or(8);
                assert_eq!(ascii_word_bytes(u64::from_le_bytes(x)), want, "{x:?}");
            }
        }
    }

    #[test]
    fn word_end_read_eight_bytes_at_a_time_is_the_byte_loops() {
        let text = "Ab9 zZ0aQ1234567xy-w’s Wáng, 12345678 abcdefgh\u{a0}x";
        let bytes = text.as_bytes();
        for at in 0..=bytes.len() {
            for end in at..=bytes.len() {
                let want =
                    at + bytes[at..end].iter().position(|&b| !is_ascii_word_byte(b)).unwrap_or(end - at);
                assert_eq!(ascii_word_end(bytes, at, end), want, "{at}..{end}");
            }
        }
    }

    #[test]
    fn next_word_start_skips_the_rest_of_the_word() {
        let t = "must say, Mr. Wáng’s";
        assert_eq!(next_word_start(t, 0), 5);
        assert_eq!(next_word_start(t, 4), 5);
        assert_eq!(next_word_start(t, t.find(',').unwrap()), t.find(',').unwrap() + 1);
        let w = t.find('W').unwrap();
        assert_eq!(next_word_start(t, w), t.find('’').unwrap() + '’'.len_utf8());
        assert_eq!(next_word_start(t, t.len() - 1), t.len());
    }

    #[test]
    fn word_boundaries() {
        assert!(on_word_boundaries("Mr. Wang said", 4, 8));
        assert!(!on_word_boundaries("Wangari said", 0, 4));
        assert!(on_word_boundaries("China’s", 0, 5));
    }

    proptest::proptest! {
        /// `trim` is `str::trim` whatever the ends: ASCII and other white space, control
        /// characters, letters beyond ASCII.
        #[test]
        fn trim_is_str_trim(s in "[ a~\\t\\r\\n\\x0b\\x0c\\x1f\\x7f\\u{85}\\u{a0}\\u{2003}é]{0,6}") {
            proptest::prop_assert_eq!(trim(&s), s.trim());
        }
    }
}
