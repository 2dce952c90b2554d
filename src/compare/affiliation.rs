//! Which organisations a person speaks for, read from the roles the articles give them: "the
//! H.S.B. chair" works for the organisation the gazetteer calls the Harbour Safety Board (alias
//! HSB), so a short phrase the articles give the board and the same phrase they give its chair
//! may be one statement (see [`super::judge::admissible`]).
//!
//! A role names an organisation when it holds one of the organisation's names or aliases as
//! whole words (dots left out, so "H.S.B." is "HSB"); an alias of one word must be written
//! as the gazetteer writes it ("WHO", not "who"). Names that are also a country's forms ("U.S.",
//! "China", "Washington") are left out: a "U.S. senator" does not speak for the U.S. government.

use crate::gazetteer::{EntityKind, Gazetteer};

use super::speaker_key;

/// The organisations of a gazetteer, by the words of their names.
#[derive(Debug, Clone, Default)]
pub(crate) struct Affiliations {
    /// A name's words (lower case, dots left out), whether it is one word that must match as
    /// written, the name as written (dots left out), and the index of the organisation's keys.
    names: Vec<(String, bool, String, usize)>,
    /// The speaker keys of each organisation: its gazetteer id and its names.
    keys: Vec<Vec<String>>,
}

/// Words of `s` without dots, joined by one space, each word padded so that a phrase can be
/// found with `contains`: " the fbi director ".
fn words(s: &str, lower: bool) -> String {
    let s = s.replace('.', "");
    let mut out = String::from(" ");
    for w in s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').filter(|w| !w.is_empty()) {
        if lower {
            out.push_str(&w.to_lowercase());
        } else {
            out.push_str(w);
        }
        out.push(' ');
    }
    out
}

impl Affiliations {
    pub(crate) fn new(gazetteer: Option<&Gazetteer>) -> Affiliations {
        let mut a = Affiliations::default();
        let Some(g) = gazetteer else { return a };
        let countries: std::collections::HashSet<String> =
            g.countries().iter().flat_map(|c| &c.forms).map(|f| words(f, true)).collect();
        for e in g.entries().iter().filter(|e| e.kind == EntityKind::Organization) {
            let names: Vec<&String> = std::iter::once(&e.name).chain(&e.aliases).collect();
            let k = a.keys.len();
            a.keys.push(
                std::iter::once(format!("id:{}", e.id))
                    .chain(names.iter().map(|n| speaker_key("", n)))
                    .collect(),
            );
            for n in names {
                let lower = words(n, true);
                if lower.trim().is_empty() || countries.contains(&lower) {
                    continue;
                }
                a.names.push((lower, n.split_whitespace().count() == 1, words(n, false), k));
            }
        }
        a
    }

    /// The speaker keys of the organisations `role` names.
    pub(crate) fn of(&self, role: &str) -> Vec<&str> {
        if role.trim().is_empty() {
            return Vec::new();
        }
        let (lower, written) = (words(role, true), words(role, false));
        let mut found: Vec<usize> = self
            .names
            .iter()
            .filter(
                |(l, single, w, _)| {
                    if *single {
                        written.contains(w.as_str())
                    } else {
                        lower.contains(l.as_str())
                    }
                },
            )
            .map(|n| n.3)
            .collect();
        found.sort_unstable();
        found.dedup();
        found.into_iter().flat_map(|k| self.keys[k].iter().map(String::as_str)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_name_organisations_by_name_or_alias_but_not_by_country() {
        let mut g = Gazetteer::builtin().unwrap();
        g.add_entries_csv(
            "o.csv",
            "id,name,kind,gender,surname,aliases,roles\n\
             harbour-board,Harbour Safety Board,organization,,,HSB,\n",
        )
        .unwrap();
        let a = Affiliations::new(Some(&g));
        let rows: &[(&str, &str, bool)] = &[
            ("the H.S.B. chair", "id:harbour-board", true),
            ("HSB spokeswoman", "id:harbour-board", true),
            ("the chair of the Harbour Safety Board", "id:harbour-board", true),
            // One word that is an alias only when written as the gazetteer writes it.
            ("the hsb-minded chair", "id:harbour-board", false),
            ("a man who knows the port", "id:who", false),
            // A country's form is no organisation's name in a role.
            ("a U.S. senator", "id:us-government", false),
            ("mayor", "id:harbour-board", false),
            ("", "id:harbour-board", false),
        ];
        for &(role, key, names_it) in rows {
            assert_eq!(a.of(role).contains(&key), names_it, "{role}: {:?}", a.of(role));
        }
    }
}
