//! Checks on the built-in gazetteer data files: they load, are sorted, and name every entry,
//! name and country only once, so a lookup never has two answers.

use std::collections::{BTreeMap, BTreeSet};

use whosaid::gazetteer::{EntityKind, Gazetteer};

/// The entry files compiled into the binary, in load order.
const ENTRY_FILES: &[(&str, &str)] = &[
    ("gazetteer/people.csv", include_str!("../gazetteer/people.csv")),
    ("gazetteer/organizations.csv", include_str!("../gazetteer/organizations.csv")),
    ("gazetteer/congress.csv", include_str!("../gazetteer/congress.csv")),
];
const COUNTRIES: &str = include_str!("../gazetteer/countries.csv");

fn load(file: &str, text: &str) -> Gazetteer {
    let mut g = Gazetteer::empty();
    g.add_entries_csv(file, text).unwrap_or_else(|e| panic!("{e}"));
    g
}

fn countries() -> Gazetteer {
    let mut g = Gazetteer::empty();
    g.add_countries_csv("gazetteer/countries.csv", COUNTRIES).unwrap_or_else(|e| panic!("{e}"));
    g
}

/// Sorted ids make a duplicate sit next to its twin and keep diffs of the data readable.
#[test]
fn entry_files_are_sorted_by_id_without_duplicates() {
    for (file, text) in ENTRY_FILES {
        let g = load(file, text);
        for pair in g.entries().windows(2) {
            assert!(
                pair[0].id < pair[1].id,
                "{file}: `{}` must come after `{}` (sorted, unique ids)",
                pair[0].id,
                pair[1].id
            );
        }
    }
}

#[test]
fn ids_are_unique_across_all_files() {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for (file, text) in ENTRY_FILES {
        for e in load(file, text).entries() {
            if let Some(first) = seen.insert(e.id.clone(), file) {
                panic!("id `{}` is in both {first} and {file}", e.id);
            }
        }
    }
}

/// A name or alias that belongs to two entries would make a mention ambiguous; the usual
/// cause is a person imported from Congress who also has a hand-written row.
#[test]
fn no_name_or_alias_belongs_to_two_entries() {
    let mut owner: BTreeMap<String, String> = BTreeMap::new();
    let mut clashes = Vec::new();
    for (file, text) in ENTRY_FILES {
        for e in load(file, text).entries() {
            let names: BTreeSet<&str> =
                std::iter::once(e.name.as_str()).chain(e.aliases.iter().map(String::as_str)).collect();
            for name in names {
                if let Some(other) = owner.insert(name.to_string(), e.id.clone()) {
                    clashes.push(format!("`{name}`: {other} and {} ({file})", e.id));
                }
            }
        }
    }
    assert!(clashes.is_empty(), "names shared by two entries:\n{}", clashes.join("\n"));
}

#[test]
fn countries_are_sorted_by_code_and_forms_are_unique() {
    let g = countries();
    for pair in g.countries().windows(2) {
        assert!(pair[0].code < pair[1].code, "countries.csv: `{}` after `{}`", pair[1].code, pair[0].code);
    }
    let mut owner: BTreeMap<&str, &str> = BTreeMap::new();
    for c in g.countries() {
        assert!(!c.forms.is_empty(), "country `{}` has no forms", c.code);
        for f in &c.forms {
            if let Some(other) = owner.insert(f, &c.code) {
                panic!("form `{f}` names both {other} and {}", c.code);
            }
        }
    }
}

#[test]
fn every_role_country_is_a_known_country() {
    let codes: BTreeSet<String> = countries().countries().iter().map(|c| c.code.clone()).collect();
    for (file, text) in ENTRY_FILES {
        for e in load(file, text).entries() {
            for r in &e.roles {
                assert!(
                    r.country.is_empty() || codes.contains(&r.country),
                    "{file}: `{}` has a role in unknown country `{}`",
                    e.id,
                    r.country
                );
            }
        }
    }
}

#[test]
fn roles_are_well_formed() {
    for (file, text) in ENTRY_FILES {
        for e in load(file, text).entries() {
            for r in &e.roles {
                assert!(!r.title.is_empty() || !r.org.is_empty(), "{file}: `{}` has an empty role", e.id);
                if let (Some(s), Some(end)) = (r.start, r.end) {
                    assert!(s <= end, "{file}: `{}` role `{}` ends before it starts", e.id, r.title);
                }
            }
            if e.kind == EntityKind::Organization {
                assert!(e.roles.is_empty(), "{file}: organisation `{}` has roles", e.id);
            }
        }
    }
}

#[test]
fn people_have_a_gender_and_a_surname_in_their_name() {
    for (file, text) in ENTRY_FILES {
        for e in load(file, text).entries() {
            if e.kind != EntityKind::Person {
                continue;
            }
            assert_ne!(e.gender, whosaid::gazetteer::Gender::Unknown, "{file}: `{}` has no gender", e.id);
            assert!(
                e.name.contains(&e.surname),
                "{file}: surname `{}` of `{}` is not in its name",
                e.surname,
                e.name
            );
        }
    }
}

#[test]
fn builtin_gazetteer_loads_everything() {
    let g = Gazetteer::builtin().unwrap();
    let total: usize = ENTRY_FILES.iter().map(|(f, t)| load(f, t).entries().len()).sum();
    assert_eq!(g.entries().len(), total);
}
