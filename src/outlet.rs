//! Outlet detection for documents whose metadata does not name one: a dateline agency
//! ("BEIJING (Reuters) –"), a copyright line ("Copyright © 2022 Dow Jones & Company"), or an
//! author line ending in the outlet's name ("Authors: A, B, SCMP").

use std::sync::LazyLock;

use regex::Regex;

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\p{Lu}][\p{Lu}\p{Lu} /.,'-]{1,60}(?:,\s+\p{L}+\.?\s+\d{1,2})?\s*\(([\p{L}][\p{L}\d .&'-]{1,30})\)\s*[-–—:]")
        .expect("valid regex")
});
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:copyright)?\s*©\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s+)?([\p{Lu}][\p{L}\d .&'-]{1,40}?)(?:,?\s+(?:Inc|LLC|Ltd|Limited|plc)\b\.?|\.|\s+All Rights|\s*$)")
        .expect("valid regex")
});
static AUTHORS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Authors?|By|Reporting by)\s*:?\s+.+,\s*([\p{Lu}][\p{Lu}\p{L}&.]{1,15})\s*$")
        .expect("valid regex")
});

/// The outlet named by the text, if any: the first dateline of the first paragraphs, else the
/// last copyright or author line.
pub fn detect(text: &str) -> Option<String> {
    let paras: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    // Cheap tests first: a dateline has "(", a copyright or author line its keyword.
    for p in paras.iter().take(8).filter(|p| p.contains('(')) {
        if let Some(c) = DATELINE.captures(p) {
            return Some(c[1].trim().to_string());
        }
    }
    for p in paras.iter().rev().take(15) {
        let copyright = p.contains('©');
        let authors = p.starts_with("Author") || p.starts_with("By") || p.starts_with("Reporting");
        if p.len() < 200 && (copyright || authors) {
            if let Some(c) = COPYRIGHT.captures(p) {
                return Some(c[1].trim().to_string());
            }
            if let Some(c) = AUTHORS.captures(p) {
                return Some(c[1].trim().to_string());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::detect;

    #[test]
    fn dateline() {
        let t = "Headline\n\nBEIJING / WASHINGTON, January 27 (Reuters) – The United States said.";
        assert_eq!(detect(t).as_deref(), Some("Reuters"));
    }

    #[test]
    fn copyright_line() {
        assert_eq!(
            detect("Text.\n\nCopyright © 2022 DowJones & Company, Inc. All Rights Reserved. 87990")
                .as_deref(),
            Some("DowJones & Company")
        );
    }

    #[test]
    fn author_line() {
        assert_eq!(detect("Text.\nAuthors: Jacob Fromer, Mark Magnier, SCMP").as_deref(), Some("SCMP"));
    }

    #[test]
    fn nothing_to_find() {
        assert_eq!(detect("Just a story. Nothing else (really)."), None);
    }
}
