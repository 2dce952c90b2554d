//! English verb forms for cue verbs: a base verb of `data/cues.csv` ("say", "point out") gives
//! its past ("said", "pointed out"), its third person ("says", "points out") and its -ing
//! form ("saying", "pointing out"), so the data lists each verb once.

/// The third person singular: "says", "pushes", "echoes", "denies".
pub(crate) fn third_person(verb: &str) -> String {
    if ["s", "sh", "ch", "x", "z", "o"].iter().any(|e| verb.ends_with(e)) {
        format!("{verb}es")
    } else if let Some(stem) = consonant_y(verb) {
        format!("{stem}ies")
    } else {
        format!("{verb}s")
    }
}

/// The regular past: "asked", "noted", "denied", and "admitted" when the final consonant
/// doubles (`double`).
pub(crate) fn past(verb: &str, double: bool) -> String {
    if double {
        format!("{verb}{}ed", last_char(verb))
    } else if verb.ends_with('e') {
        format!("{verb}d")
    } else if let Some(stem) = consonant_y(verb) {
        format!("{stem}ied")
    } else {
        format!("{verb}ed")
    }
}

/// The -ing form: "saying", "noting", "lying", "admitting", "agreeing".
pub(crate) fn present_participle(verb: &str, double: bool) -> String {
    if double {
        format!("{verb}{}ing", last_char(verb))
    } else if let Some(stem) = verb.strip_suffix("ie") {
        format!("{stem}ying")
    } else if let Some(stem) =
        verb.strip_suffix('e').filter(|_| !["ee", "ye", "oe"].iter().any(|e| verb.ends_with(e)))
    {
        format!("{stem}ing")
    } else {
        format!("{verb}ing")
    }
}

/// "deny" → "den": a final y after a consonant, which becomes "ie".
fn consonant_y(verb: &str) -> Option<&str> {
    let stem = verb.strip_suffix('y')?;
    stem.chars().last().filter(|c| !"aeiou".contains(*c)).map(|_| stem)
}

fn last_char(verb: &str) -> char {
    verb.chars().last().unwrap_or_default()
}

/// The forms of a verb phrase whose first word is the verb ("point out" → "points out"), by
/// a function of that word.
pub(crate) fn phrase_form(phrase: &str, form: impl Fn(&str) -> String) -> String {
    match phrase.split_once(' ') {
        Some((verb, rest)) => format!("{} {rest}", form(verb)),
        None => form(phrase),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_regular_verbs() {
        // (base, doubles, past, third person, -ing)
        let rows = [
            ("ask", false, "asked", "asks", "asking"),
            ("note", false, "noted", "notes", "noting"),
            ("deny", false, "denied", "denies", "denying"),
            ("echo", false, "echoed", "echoes", "echoing"),
            ("push", false, "pushed", "pushes", "pushing"),
            ("agree", false, "agreed", "agrees", "agreeing"),
            ("admit", true, "admitted", "admits", "admitting"),
            ("lie", false, "lied", "lies", "lying"),
        ];
        for (verb, double, p, s, ing) in rows {
            assert_eq!(past(verb, double), p, "{verb}");
            assert_eq!(third_person(verb), s, "{verb}");
            assert_eq!(present_participle(verb, double), ing, "{verb}");
        }
    }

    #[test]
    fn the_verb_of_a_phrase_is_inflected() {
        assert_eq!(phrase_form("point out", third_person), "points out");
        assert_eq!(phrase_form("put it", |v| present_participle(v, true)), "putting it");
        assert_eq!(phrase_form("chime in", |v| past(v, false)), "chimed in");
    }
}
