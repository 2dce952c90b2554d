//! Writing entries as gazetteer CSV, in the column order and role syntax the loader reads.

use std::io::Write;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::gazetteer::{EntityKind, Entry, Gender, Role};

/// One CSV row, in the column order of the gazetteer header.
#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'a str,
    gender: &'a str,
    surname: &'a str,
    aliases: String,
    roles: String,
}

/// Writes entries as gazetteer CSV (header `id,name,kind,gender,surname,aliases,roles`),
/// quoting fields where needed. `surname` is written only when it differs from the last word
/// of the name, which is what the loader assumes when it is empty.
pub fn write_csv<W: Write>(out: W, entries: &[Entry]) -> Result<()> {
    let io_err = |e: std::io::Error| Error::io(None, e);
    let csv_err = |e: csv::Error| match e.into_kind() {
        csv::ErrorKind::Io(e) => io_err(e),
        other => Error::other(format!("writing CSV: {other:?}")),
    };
    let mut w = csv::Writer::from_writer(out);
    for e in entries {
        let default_surname = e.name.split_whitespace().last().unwrap_or("");
        let surname =
            if e.kind == EntityKind::Person && e.surname != default_surname { &e.surname } else { "" };
        w.serialize(Row {
            id: &e.id,
            name: &e.name,
            kind: match e.kind {
                EntityKind::Person => "person",
                EntityKind::Organization => "organization",
            },
            gender: match e.gender {
                Gender::Male => "male",
                Gender::Female => "female",
                Gender::Unknown => "",
            },
            surname,
            aliases: e.aliases.join(";"),
            roles: e.roles.iter().map(role_field).collect::<Vec<_>>().join(";"),
        })
        .map_err(csv_err)?;
    }
    if entries.is_empty() {
        w.write_record(["id", "name", "kind", "gender", "surname", "aliases", "roles"]).map_err(csv_err)?;
    }
    w.flush().map_err(io_err)
}

/// `title|organisation|country|years`, years as the loader reads them.
pub(crate) fn role_field(r: &Role) -> String {
    let years = match (r.start, r.end) {
        (Some(s), Some(e)) => format!("{s}-{e}"),
        (Some(s), None) => format!("{s}-"),
        (None, Some(e)) => format!("-{e}"),
        (None, None) => String::new(),
    };
    format!("{}|{}|{}|{}", r.title, r.org, r.country, years)
}

#[cfg(test)]
mod tests {
    use super::super::test_data::{EXECUTIVE, LEGISLATORS};
    use super::super::{executive_from_yaml, legislators_from_yaml, merge};
    use super::*;
    use crate::gazetteer::Gazetteer;

    #[test]
    fn written_csv_reads_back_the_same() {
        let l = legislators_from_yaml("l.yaml", LEGISLATORS).unwrap();
        let x = executive_from_yaml("x.yaml", EXECUTIVE).unwrap();
        let mut all = merge(l.into_iter().chain(x));
        all[0].roles[0].org = "Office, with a comma".into();
        let mut buf = Vec::new();
        write_csv(&mut buf, &all).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(text.starts_with("id,name,kind,gender,surname,aliases,roles\n"), "{text}");
        assert!(text.contains("\"Vice President|Office, with a comma|US|1981-1989;"), "{text}");
        let mut g = Gazetteer::empty();
        g.add_entries_csv("congress.csv", &text).unwrap();
        assert_eq!(g.entries(), &all[..]);
    }
}
