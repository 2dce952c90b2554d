//! Merging imported people: one entry per id, namesakes told apart, and people the
//! hand-written gazetteer files already describe left out.

use std::collections::{BTreeMap, BTreeSet};

use crate::gazetteer::{EntityKind, Entry, Gender};

/// Merges entries that share an id (a member of Congress who is also in `executive.yaml`):
/// roles are combined in date order, aliases joined; the first entry's name is kept. The
/// result is sorted by id, as the data files are.
pub fn merge(entries: impl IntoIterator<Item = Entry>) -> Vec<Entry> {
    let mut by_id: BTreeMap<String, Entry> = BTreeMap::new();
    for e in entries {
        match by_id.get_mut(&e.id) {
            None => {
                by_id.insert(e.id.clone(), e);
            }
            Some(have) => {
                for a in std::iter::once(e.name).chain(e.aliases) {
                    if a != have.name && !have.aliases.contains(&a) {
                        have.aliases.push(a);
                    }
                }
                if have.gender == Gender::Unknown {
                    have.gender = e.gender;
                }
                have.roles.extend(e.roles);
                // Stable: roles with the same start keep their order; open-ended ones last.
                have.roles.sort_by_key(|r| (r.start, r.end.is_none(), r.end));
            }
        }
    }
    disambiguate_names(by_id.into_values().collect())
}

/// Two people with the same name ("George Bush", father and son) get their middle initials
/// in the name, and the shared form is dropped from their aliases.
fn disambiguate_names(mut entries: Vec<Entry>) -> Vec<Entry> {
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for e in &entries {
        let forms: BTreeSet<&String> = std::iter::once(&e.name).chain(&e.aliases).collect();
        for f in forms {
            *count.entry(f.clone()).or_default() += 1;
        }
    }
    for e in &mut entries {
        if count.get(&e.name).copied().unwrap_or(0) > 1 {
            // The alias with initials ("George H. W. Bush") is the most specific form.
            if let Some(i) = e
                .aliases
                .iter()
                .position(|a| count.get(a) == Some(&1) && a.split_whitespace().any(|w| w.ends_with('.')))
            {
                let unique = e.aliases.remove(i);
                e.name = unique;
            }
        }
        e.aliases.retain(|a| count.get(a) == Some(&1));
    }
    entries
}

/// An imported entry left out because a hand-written entry already describes that person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    /// The imported entry's id (a bioguide id).
    pub imported: String,
    /// The id of the hand-written entry kept instead.
    pub kept: String,
    /// The name they share.
    pub name: String,
}

/// Removes imported people that `known` entries (the hand-curated files) already describe,
/// so no person is in the gazetteer twice. An imported person is the same as a known one when
/// they have the same id, or share a name or alias *and* an organisation in their roles
/// (`U.S. Senate`, `White House`): a shared name alone can be a namesake.
pub fn without_known(imported: Vec<Entry>, known: &[Entry]) -> (Vec<Entry>, Vec<Replaced>) {
    let mut by_name: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
    let mut by_id: BTreeMap<&str, &Entry> = BTreeMap::new();
    for k in known.iter().filter(|k| k.kind == EntityKind::Person) {
        by_id.insert(&k.id, k);
        for n in std::iter::once(&k.name).chain(&k.aliases) {
            by_name.entry(n.as_str()).or_default().push(k);
        }
    }
    let mut kept = Vec::new();
    let mut replaced = Vec::new();
    for e in imported {
        let same_id = by_id.get(e.id.as_str()).map(|k| (k.id.clone(), e.name.clone()));
        let same_person = same_id.or_else(|| {
            std::iter::once(&e.name).chain(&e.aliases).find_map(|n| {
                by_name.get(n.as_str())?.iter().find(|k| shares_org(k, &e)).map(|k| (k.id.clone(), n.clone()))
            })
        });
        match same_person {
            Some((k, name)) => replaced.push(Replaced { imported: e.id, kept: k, name }),
            None => kept.push(e),
        }
    }
    (kept, replaced)
}

fn shares_org(a: &Entry, b: &Entry) -> bool {
    a.roles.iter().any(|r| !r.org.is_empty() && b.roles.iter().any(|s| s.org == r.org))
}

#[cfg(test)]
mod tests {
    use super::super::test_data::{EXECUTIVE, LEGISLATORS};
    use super::super::write::role_field;
    use super::super::{executive_from_yaml, legislators_from_yaml};
    use super::*;
    use crate::gazetteer::Gazetteer;

    #[test]
    fn merge_joins_people_in_both_files_and_tells_namesakes_apart() {
        let l = legislators_from_yaml("l.yaml", LEGISLATORS).unwrap();
        let x = executive_from_yaml("x.yaml", EXECUTIVE).unwrap();
        let all = merge(l.into_iter().chain(x));
        let ids: Vec<&str> = all.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            ["B001166", "C000127", "J000288", "govtrack-412371", "govtrack-412375", "govtrack-412733"]
        );
        let c = &all[1];
        let roles: Vec<String> = c.roles.iter().map(role_field).collect();
        assert_eq!(
            roles,
            [
                "Representative|U.S. House of Representatives|US|1993-1995",
                "Senator|U.S. Senate|US|2001-",
                "Vice President|White House|US|2013-2017",
            ]
        );
        // Father and son are both "George Bush" in the file: each gets his initials.
        assert_eq!(all[0].name, "George H. W. Bush");
        assert_eq!(all[4].name, "George W. Bush");
        assert_eq!(all[0].aliases, ["George H.W. Bush"]);
        assert!(all.iter().all(|e| !e.aliases.contains(&"George Bush".to_string())));
    }

    #[test]
    fn known_people_replace_imported_ones_but_namesakes_stay() {
        let x = executive_from_yaml("x.yaml", EXECUTIVE).unwrap();
        let mut known = Gazetteer::empty();
        let csv = "id,name,kind,gender,surname,aliases,roles\n\
            donald-trump,Donald Trump,person,male,,Donald J. Trump,President|White House|US|2017-2021\n\
            maria-cantwell,Maria Cantwell,person,female,,,Chef|Cantwell's Kitchen||\n";
        known.add_entries_csv("people.csv", csv).unwrap();
        let (kept, replaced) = without_known(x, known.entries());
        assert_eq!(
            replaced,
            [Replaced {
                imported: "govtrack-412733".into(),
                kept: "donald-trump".into(),
                name: "Donald Trump".into()
            }]
        );
        // The chef shares a name but no organisation with the vice president: a namesake.
        assert!(kept.iter().any(|e| e.id == "C000127"));
    }
}
