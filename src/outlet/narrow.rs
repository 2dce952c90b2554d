//! A pattern narrowed to the characters of most news lines: Latin letters with their accents
//! and the general punctuation (dashes, curly quotes), compiled where a line holds no other.
//!
//! The outlet and date patterns repeat Unicode classes (`\p{L}{3,9}`, `[\p{L}\d .&'-]{1,30}`),
//! and each copy of `\p{L}` compiles to the UTF-8 automaton of all the world's letters: 64 M of
//! the 167 M instructions of a run over one article, against a few million narrowed. On a line
//! whose characters are all in [`NARROW`], the pattern with every class cut down to those
//! characters matches exactly where the whole one does, with the same groups: it differs only
//! by the ways through a class that read a character outside them, which such a line never
//! offers; literals, assertions, the order of alternatives and the greed of repetitions are
//! unchanged. A line with any other character is read by the whole pattern.

use regex_syntax::hir::{Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Repetition};

/// The narrow alphabet: up to the end of Latin Extended-B, and General Punctuation.
const NARROW: [(char, char); 2] = [('\0', '\u{24F}'), ('\u{2000}', '\u{206F}')];

/// Whether every character of `line` is in the narrow alphabet.
pub(super) fn is_narrow(line: &str) -> bool {
    line.is_ascii() || line.chars().all(|c| NARROW.iter().any(|&(a, b)| (a..=b).contains(&c)))
}

/// `hir` with each Unicode class cut down to the narrow alphabet (byte classes, which match
/// bytes and not characters, are left as they are).
pub(super) fn narrowed(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Class(Class::Unicode(c)) => {
            let mut c = c.clone();
            c.intersect(&ClassUnicode::new(NARROW.iter().map(|&(a, b)| ClassUnicodeRange::new(a, b))));
            Hir::class(Class::Unicode(c))
        }
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(Class::Bytes(_)) | HirKind::Look(_) => {
            hir.clone()
        }
        HirKind::Repetition(r) => {
            Hir::repetition(Repetition { sub: Box::new(narrowed(&r.sub)), ..r.clone() })
        }
        HirKind::Capture(c) => Hir::capture(Capture { sub: Box::new(narrowed(&c.sub)), ..c.clone() }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(narrowed).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(narrowed).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_latin_letters_and_punctuation_are_narrow_and_others_not() {
        for line in ["WASHINGTON (Reuters) –", "Zoë Ball, “São Paulo” — Łódź", "", "© 2022 Ledger"]
        {
            assert!(is_narrow(line), "{line}");
        }
        for line in ["北京 (Xinhua) –", "Москва", "5 €", "Ann ❤"] {
            assert!(!is_narrow(line), "{line}");
        }
    }
}
