//! Congress-legislators YAML in the shape of the source files, shared by the import tests.

use super::write::role_field;
use crate::gazetteer::Entry;

pub(crate) const LEGISLATORS: &str = r#"- id:
    bioguide: C000127
    govtrack: 300018
  name:
    first: Maria
    last: Cantwell
    official_full: Maria Cantwell
  bio:
    birthday: '1958-10-13'
    gender: F
  terms:
  - type: rep
    start: '1993-01-05'
    end: '1995-01-03'
    state: WA
    district: 1
    party: Democrat
  - type: sen
    start: '2001-01-03'
    end: '2007-01-03'
    state: WA
    party: Democrat
  - type: sen
    start: '2007-01-04'
    end: '2013-01-03'
    state: WA
    party: Democrat
- id:
    bioguide: J000288
  name:
    first: Henry
    middle: C.
    last: Johnson
    suffix: Jr.
    nickname: Hank
    official_full: Henry C. "Hank" Johnson, Jr.
  bio:
    gender: M
  terms:
  - type: rep
    start: '2023-01-03'
    end: '2027-01-03'
"#;

pub(crate) const EXECUTIVE: &str = "\
- id: {bioguide: W000178}
  name: {first: George, last: Washington}
  bio: {gender: M}
  terms:
  - {type: prez, start: '1789-04-30', end: '1797-03-04', party: no party}
- id: {bioguide: B001166}
  name: {first: George, middle: Herbert Walker, last: Bush}
  bio: {gender: M}
  terms:
  - {type: viceprez, start: '1981-01-20', end: '1985-01-20'}
  - {type: viceprez, start: '1985-01-20', end: '1989-01-20'}
  - {type: prez, start: '1989-01-20', end: '1993-01-20'}
- id: {govtrack: 412375}
  name: {first: George, middle: Walker, last: Bush}
  bio: {gender: M}
  terms:
  - {type: prez, start: '2001-01-20', end: '2009-01-20'}
- id: {bioguide: C000127}
  name: {first: Maria, last: Cantwell}
  bio: {gender: F}
  terms:
  - {type: viceprez, start: '2013-01-20', end: '2017-01-20'}
- id: {govtrack: 412733}
  name: {first: Donald, middle: J., last: Trump}
  bio: {gender: M}
  terms:
  - {type: prez, start: '2017-01-20', end: '2021-01-20'}
  - {type: prez, start: '2025-01-20', end: '2029-01-20'}
- id: {govtrack: 412371}
  name: {first: James, middle: Earl, last: Carter, nickname: Jimmy}
  bio: {gender: M}
  terms:
  - {type: prez, start: '1977-01-20', end: '1981-01-20'}
";

pub(crate) fn role(e: &Entry, i: usize) -> String {
    role_field(&e.roles[i])
}
