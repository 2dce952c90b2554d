//! `whosaid gazetteer import`: turns the public-domain congress-legislators YAML files into
//! gazetteer rows, so the US Congress and executive can be refreshed from the source.
//!
//! The source is <https://github.com/unitedstates/congress-legislators> (CC0):
//! `legislators-current.yaml` (every sitting member of Congress) and `executive.yaml` (every
//! president and vice president). Each person becomes one [`Entry`] whose id is the bioguide
//! id; terms become roles (`Senator|U.S. Senate|US|2019-`), consecutive terms in one office
//! joined into one role. State and party stay out of the role: they are not part of how news
//! names a speaker's office.
//!
//! ```
//! use whosaid::gazetteer::import;
//!
//! let yaml = "
//! - id: {bioguide: X000001}
//!   name: {first: Jane, last: Doe, official_full: Jane Q. Doe}
//!   bio: {gender: F}
//!   terms:
//!   - {type: sen, start: '2019-01-03', end: '2025-01-03', state: OH, party: Democrat}
//!   - {type: sen, start: '2025-01-03', end: '2031-01-03', state: OH, party: Democrat}
//! ";
//! let people = import::legislators_from_yaml("legislators.yaml", yaml).unwrap();
//! assert_eq!(people[0].name, "Jane Q. Doe");
//! assert_eq!(people[0].aliases, ["Jane Doe"]);
//! assert_eq!(people[0].known_role(), "Senator, U.S. Senate");
//! assert_eq!(people[0].roles[0].end, None); // still in office
//! ```

use std::path::Path;

use super::Entry;
use crate::error::{Error, Result};

mod merge;
mod names;
#[cfg(test)]
mod test_data;
mod write;
mod yaml;

pub use merge::{merge, without_known, Replaced};
pub use write::write_csv;
pub use yaml::{executive_from_yaml, legislators_from_yaml, EXECUTIVE_ENDED_AFTER};

/// Reads both files and returns their people merged, sorted by id.
pub fn import_files(legislators: &Path, executive: &Path) -> Result<Vec<Entry>> {
    let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| Error::io(Some(p.to_path_buf()), e));
    let l = legislators_from_yaml(&legislators.display().to_string(), &read(legislators)?)?;
    let x = executive_from_yaml(&executive.display().to_string(), &read(executive)?)?;
    Ok(merge(l.into_iter().chain(x)))
}
