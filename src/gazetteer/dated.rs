//! Dated roles: which of a person's roles they held on a given date.

use super::{Entry, Role};

impl Role {
    /// Whether this role was held in `year`. Years are inclusive; an open end means current;
    /// an unknown start (with a known end) counts as held up to the end.
    pub fn held_in(&self, year: u16) -> bool {
        match (self.start, self.end) {
            (None, None) => false,
            (Some(s), None) => s <= year,
            (None, Some(e)) => year <= e,
            (Some(s), Some(e)) => s <= year && year <= e,
        }
    }

    /// Whether the role has any year attached.
    pub fn is_dated(&self) -> bool {
        self.start.is_some() || self.end.is_some()
    }
}

impl Entry {
    /// The role held on `date` ("2016-03-01", "2016-03", "2016", or an ISO date-time), or `None`
    /// when the date has no year or no role was held then. Of several roles held that year the
    /// one that started latest wins (a promotion in that year). An entry whose roles carry no
    /// years at all gives its latest undated role, since nothing says when it did not hold it.
    pub fn role_on(&self, date: &str) -> Option<&Role> {
        let year = year_of(date)?;
        let dated = self.roles.iter().filter(|r| r.held_in(year)).max_by_key(|r| r.start.unwrap_or(0));
        match dated {
            Some(r) => Some(r),
            None if self.roles.iter().all(|r| !r.is_dated()) => self.roles.last(),
            None => None,
        }
    }

    /// `known_role` as of `date`: the role held then (empty when none was), or the latest role
    /// when `date` is empty or has no year.
    pub fn known_role_on(&self, date: &str) -> String {
        if year_of(date).is_none() {
            return self.known_role();
        }
        self.role_on(date).map(Role::display).unwrap_or_default()
    }
}

/// The year of a date written as `YYYY`, `YYYY-MM-DD`, `YYYY-MM-DDThh:mm…` or `YYYY/MM/DD`:
/// the first run of exactly four digits.
pub fn year_of(date: &str) -> Option<u16> {
    let b = date.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let j = i + b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            if j - i == 4 {
                return date[i..j].parse().ok();
            }
            i = j;
        } else {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;

    fn entry(roles: &str) -> Entry {
        let mut g = Gazetteer::empty();
        let csv = format!("id,name,kind,gender,surname,aliases,roles\nx,Ana Pérez,person,female,,,{roles}\n");
        g.add_entries_csv("t.csv", &csv).unwrap();
        g.entries()[0].clone()
    }

    #[test]
    fn role_on_picks_the_role_held_that_year() {
        let e = entry("Senator|Senate|US|2009-2016;Governor|State of X|US|2017-");
        let rows: &[(&str, Option<&str>)] = &[
            ("2015-06-01", Some("Senator")),
            ("2016-12-31", Some("Senator")),
            ("2017-01-02", Some("Governor")),
            ("2030", Some("Governor")),
            ("2008-05-05", None),
            ("2016-03-01T10:00:00Z", Some("Senator")),
            ("2016/03/01", Some("Senator")),
            ("", None),
            ("soon", None),
        ];
        for (date, want) in rows {
            assert_eq!(e.role_on(date).map(|r| r.title.as_str()), *want, "{date}");
        }
    }

    #[test]
    fn in_a_year_of_change_the_later_role_wins() {
        let e = entry("Deputy Minister|Ministry|CN|2013-2018;Minister|Ministry|CN|2018-");
        assert_eq!(e.role_on("2018-06-01").unwrap().title, "Minister");
    }

    #[test]
    fn open_start_and_undated_roles() {
        let e = entry("Adviser|Party|US|-2014");
        assert_eq!(e.role_on("2010").unwrap().title, "Adviser");
        assert!(e.role_on("2015").is_none());
        let undated = entry("Spokesperson|Agency||");
        assert_eq!(undated.role_on("1999").unwrap().title, "Spokesperson");
        let none = entry("");
        assert!(none.role_on("2016").is_none());
    }

    #[test]
    fn known_role_on_falls_back_to_the_latest_without_a_date() {
        let e = entry("Senator|Senate|US|2009-2016;Governor|State of X|US|2017-");
        assert_eq!(e.known_role_on(""), "Governor, State of X");
        assert_eq!(e.known_role_on("2012-01-01"), "Senator, Senate");
        assert_eq!(e.known_role_on("2001-01-01"), "");
    }

    #[test]
    fn year_of_takes_the_first_four_digit_run() {
        assert_eq!(year_of("2016-03-01"), Some(2016));
        assert_eq!(year_of("03/01/2016"), Some(2016));
        assert_eq!(year_of("20160301"), None);
        assert_eq!(year_of(""), None);
    }
}
