//! Bytes to text: UTF-8 decoding with repairs counted, and the sniffing that tells text from
//! binary data (and says what a file that is not UTF-8 probably is).

/// How many leading bytes are looked at to tell text from binary.
pub const SNIFF_LEN: usize = 8 * 1024;

/// Text decoded from bytes, with what had to be repaired.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The text, BOM removed, invalid sequences replaced by U+FFFD.
    pub text: String,
    /// Whether a UTF-8 byte order mark was removed.
    pub bom: bool,
    /// How many invalid UTF-8 sequences were replaced.
    pub invalid: usize,
    /// Byte offset (in the input, BOM included) of the first invalid sequence.
    pub first_invalid: Option<usize>,
}

impl Decoded {
    /// A message for the user when something was replaced, else `None`.
    pub fn problem(&self) -> Option<String> {
        let at = self.first_invalid?;
        let n = self.invalid;
        let seqs = if n == 1 { "sequence" } else { "sequences" };
        Some(format!("invalid UTF-8 ({n} {seqs}, first at byte {at}) replaced with U+FFFD"))
    }
}

/// Decodes bytes as UTF-8 text: drops a BOM, replaces invalid sequences (lossy) and counts them.
pub fn decode(bytes: Vec<u8>) -> Decoded {
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let mut bytes = bytes;
    if bom {
        bytes.drain(..3);
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return Decoded { text, bom, invalid: 0, first_invalid: None },
        Err(e) => e.into_bytes(),
    };
    let (mut invalid, mut first_invalid, mut at) = (0, None, 0);
    let mut text = String::with_capacity(bytes.len() + 16);
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        at += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            text.push(char::REPLACEMENT_CHARACTER);
            invalid += 1;
            first_invalid.get_or_insert(at + if bom { 3 } else { 0 });
            at += chunk.invalid().len();
        }
    }
    Decoded { text, bom, invalid, first_invalid }
}

/// Why the leading bytes of a text file are not text, or `None` when they look like text: a
/// UTF-16 byte order mark, a NUL byte, or more than 30 % of the characters being invalid UTF-8
/// or control characters other than tab, line feed, form feed and carriage return. Text in
/// another encoding (GBK, Latin-1) is named as such, with the command that converts it.
pub fn not_text(head: &[u8]) -> Option<&'static str> {
    if memchr::memchr(0, head).is_some() && !is_utf16(head) {
        return Some("binary file (NUL bytes), skipped");
    }
    not_jsonl_text(head)
}

/// [`not_text`] for JSONL: a NUL byte does not condemn the whole file (it makes one line bad
/// at most), only a UTF-16 mark or a head that is mostly not text does.
pub fn not_jsonl_text(head: &[u8]) -> Option<&'static str> {
    if is_utf16(head) {
        return Some("UTF-16 text is not supported, convert it to UTF-8 (iconv -f UTF-16 -t UTF-8); skipped");
    }
    let (mut chars, mut controls, mut invalid) = (0usize, 0usize, 0usize);
    for chunk in head.utf8_chunks() {
        for c in chunk.valid().chars() {
            chars += 1;
            if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0C') {
                controls += 1;
            }
        }
        // Each invalid byte counts as one odd character.
        chars += chunk.invalid().len();
        invalid += chunk.invalid().len();
    }
    if (controls + invalid) * 10 <= chars * 3 {
        return None;
    }
    if controls * 100 > chars {
        return Some("binary file (mostly not text), skipped");
    }
    Some(if double_byte(head) {
        "not UTF-8: looks like GBK, Big5 or Shift-JIS text; convert it to UTF-8 \
         (iconv -f GBK -t UTF-8, or the file's encoding); skipped"
    } else {
        "not UTF-8: looks like Latin-1 or Windows-1252 text; convert it to UTF-8 \
         (iconv -f WINDOWS-1252 -t UTF-8); skipped"
    })
}

fn is_utf16(head: &[u8]) -> bool {
    head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF")
}

/// Whether most bytes above ASCII come in runs, as in the two-byte encodings of Chinese and
/// Japanese; in Latin-1 text they stand alone between ASCII letters.
fn double_byte(head: &[u8]) -> bool {
    let (mut high, mut paired) = (0usize, 0usize);
    for (i, &b) in head.iter().enumerate() {
        if b >= 0x80 {
            high += 1;
            let next = head.get(i + 1).is_some_and(|&n| n >= 0x80);
            let prev = i > 0 && head[i - 1] >= 0x80;
            if next || prev {
                paired += 1;
            }
        }
    }
    paired * 2 > high
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_strips_bom_and_counts_invalid_bytes() {
        let d = decode(b"\xEF\xBB\xBFab\xFFc\xC3".to_vec());
        assert_eq!(d.text, "ab\u{FFFD}c\u{FFFD}");
        assert!(d.bom);
        assert_eq!((d.invalid, d.first_invalid), (2, Some(5)));
        assert_eq!(d.problem().unwrap(), "invalid UTF-8 (2 sequences, first at byte 5) replaced with U+FFFD");
        let clean = decode("“Yes,” she said.\r\n".as_bytes().to_vec());
        assert_eq!(clean.text, "“Yes,” she said.\r\n");
        assert_eq!(clean.problem(), None);
    }

    #[test]
    fn not_text_tells_binary_from_latin1() {
        assert!(not_text(b"PK\x03\x04\x00\x00").is_some());
        assert!(not_text(b"\xFF\xFEa\x00").unwrap().contains("UTF-16"));
        let random: Vec<u8> = (0..2048u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8 | 1).collect();
        assert!(not_text(&random).unwrap().starts_with("binary file"));
        // A Latin-1 article has a few invalid bytes: it is text, to be repaired with a warning.
        assert_eq!(not_text(b"Le ministre a d\xE9clar\xE9: \xABNous gagnerons.\xBB"), None);
        assert_eq!(not_text(b""), None);
    }

    #[test]
    fn text_in_another_encoding_is_named_with_its_conversion() {
        // "我们会赢" and more, in GBK: every byte above ASCII, in pairs.
        let gbk = b"\xCE\xD2\xC3\xC7\xBB\xE1\xD3\xAE\xA3\xAC\xCB\xFB\xCB\xB5\xA1\xA3".repeat(20);
        assert!(not_text(&gbk).unwrap().contains("looks like GBK"), "{:?}", not_text(&gbk));
        let latin1 = b"\xE0 \xE9 \xE8 \xF4 \xFB \xE7 ".repeat(20);
        assert!(not_text(&latin1).unwrap().contains("looks like Latin-1"), "{:?}", not_text(&latin1));
    }

    #[test]
    fn a_nul_byte_condemns_a_text_file_but_not_jsonl() {
        let head = b"{\"text\": \"a\"}\n{\"text\": \"b\x00\"}\n";
        assert!(not_text(head).unwrap().contains("NUL"));
        assert_eq!(not_jsonl_text(head), None);
        assert!(not_jsonl_text(&[0u8; 100]).is_some(), "all NUL is still binary");
    }
}
