//! Name forms of an imported person: words joined, middle names as initials, official names
//! cleaned of quoted nicknames and commas.

/// The non-empty parts, trimmed, joined with spaces.
pub(crate) fn join(parts: &[&str]) -> String {
    parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ")
}

/// "Herbert Walker" → "H. W."; "J." stays "J.".
pub(crate) fn initials(middle: &str) -> String {
    middle
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .map(|c| format!("{c}."))
        .collect::<Vec<_>>()
        .join(" ")
}

/// "Kamala D. Harris" → "Kamala Harris": drops initials between the first and last word.
pub(crate) fn without_middle_initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let is_initial = |w: &str| {
        let mut c = w.chars();
        matches!((c.next(), c.next(), c.next()), (Some(a), Some('.'), None) if a.is_alphabetic())
    };
    words
        .iter()
        .enumerate()
        .filter(|(i, w)| *i == 0 || *i + 1 == words.len() || !is_initial(w))
        .map(|(_, w)| *w)
        .collect::<Vec<_>>()
        .join(" ")
}

/// `Henry C. "Hank" Johnson, Jr.` → `Henry C. Johnson Jr.`: the quoted nickname is an alias
/// of its own, and the comma before a suffix would only get in the way of matching.
pub(crate) fn clean_official_name(full: &str) -> String {
    let mut out = String::new();
    let mut in_quotes = false;
    for c in full.chars() {
        match c {
            '"' | '“' | '”' => in_quotes = !in_quotes,
            ',' => {}
            _ if !in_quotes => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_and_official_names() {
        assert_eq!(initials("Herbert Walker"), "H. W.");
        assert_eq!(initials("J."), "J.");
        assert_eq!(without_middle_initials("Kamala D. Harris"), "Kamala Harris");
        assert_eq!(without_middle_initials("J.D. Vance"), "J.D. Vance");
        assert_eq!(clean_official_name("Henry C. \"Hank\" Johnson, Jr."), "Henry C. Johnson Jr.");
    }
}
