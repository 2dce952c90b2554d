//! Document ids unique within a run.
//!
//! A document keeps its short id (file name without extension, `FILE:LINE`, or its JSONL `id`)
//! unless an earlier document of the run has it. Then it takes its long id, the path relative
//! to the command-line argument it was found under, without extension (`a/2024-01-01`,
//! `a/feed:1`), and if that is taken too (or there is none: an explicit JSONL id), the id with
//! `#2`, `#3`… appended. The input order is fixed, so the ids are the same on every run.
//!
//! Ids seen are kept as 64-bit hashes (about 16 bytes per document), so a stream of millions of
//! documents stays small; two different ids with the same hash would rename the second one
//! needlessly (odds about 1 in 10^8 for a million documents), never lose it.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

/// The ids given out so far.
#[derive(Default)]
pub(crate) struct Ids {
    seen: HashSet<u64>,
}

fn hash(id: &str) -> u64 {
    // `DefaultHasher::new()` has fixed keys: the same hashes on every run.
    let mut h = DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

impl Ids {
    /// The id to give a document whose own id is `id` and whose long id is `long`; `Err` holds
    /// the new id when it had to change.
    pub(crate) fn claim(&mut self, id: &str, long: Option<&str>) -> Result<(), String> {
        if self.seen.insert(hash(id)) {
            return Ok(());
        }
        if let Some(long) = long.filter(|l| *l != id) {
            if self.seen.insert(hash(long)) {
                return Err(long.to_string());
            }
        }
        let base = long.unwrap_or(id);
        let mut n = 2u64;
        loop {
            let candidate = format!("{base}#{n}");
            if self.seen.insert(hash(&candidate)) {
                return Err(candidate);
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clashing_ids_take_the_long_form_then_a_number() {
        let mut ids = Ids::default();
        assert_eq!(ids.claim("2024-01-01", Some("r/2024-01-01")), Ok(()));
        assert_eq!(ids.claim("2024-01-01", Some("a/2024-01-01")), Err("a/2024-01-01".into()));
        assert_eq!(ids.claim("2024-01-01", Some("a/2024-01-01")), Err("a/2024-01-01#2".into()));
        assert_eq!(ids.claim("x", None), Ok(()));
        assert_eq!(ids.claim("x", None), Err("x#2".into()));
        assert_eq!(ids.claim("x", None), Err("x#3".into()));
        // A document really called `x#2` later is renamed in turn.
        assert_eq!(ids.claim("x#2", None), Err("x#2#2".into()));
    }
}
