//! Do two descriptions of a speaker's role agree, and does a description agree with the
//! gazetteer?
//!
//! Only roles that name an office (`data/compare/office-words.txt`: "minister", "secretary",
//! "ambassador" …) are judged; a description ("Chinese expert", "senior fellow") does not
//! contradict anything. A role is reduced to its *title words*: content words, stemmed, without
//! country forms ("U.S.", "Chinese", "China’s") and without articles; a run of words also
//! answers to its initials ("United Nations" to "UN"). Two roles agree when
//! - they open with the same *rank* word, or neither does ("Vice President" is not
//!   "President"; "Under Secretary" is not "Secretary"; `data/compare/rank-words.txt`); leading
//!   modifiers such as "former" or "senior" (`data/roles.csv`) are skipped to find it; and
//! - one's title words are all among the other's: a shorter description is vaguer, not
//!   contradictory ("foreign minister" / "Chinese foreign minister"; "Secretary of State" /
//!   "Secretary of State for Political Affairs").
//!
//! Against the gazetteer, a description agrees when it agrees with any of the person's roles
//! (past ones too: articles are dated), where the gazetteer role's organisation words may
//! complete the title ("Foreign Minister|Ministry of Foreign Affairs").

use std::collections::{HashMap, HashSet};

use super::lexicon::lexicon;
use super::normalize::Normalizer;
use crate::gazetteer::{Gazetteer, Role};
use crate::lexicon::RoleWord;

/// A role reduced for comparison.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RoleWords {
    /// Title words (stems).
    pub words: HashSet<String>,
    /// The rank word the role opens with, if any.
    pub rank: Option<String>,
    /// Initials of runs of two to four title words ("un" for "United Nations"), which a word
    /// of the other role may stand for.
    pub initials: HashSet<String>,
    /// The role names an office.
    pub office: bool,
}

impl RoleWords {
    /// True when nothing is left to compare.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// True when `word` (a stem) is among this role's words or initials.
    fn has(&self, word: &str) -> bool {
        self.words.contains(word) || self.initials.contains(word)
    }
}

/// A gazetteer role reduced for comparison.
#[derive(Debug, Clone)]
struct KnownRole {
    title: RoleWords,
    org: HashSet<String>,
    display: String,
    role: Role,
}

/// Role knowledge: the normaliser (for country forms) and the gazetteer's people.
#[derive(Debug, Clone, Default)]
pub struct RoleBook {
    normalizer: Normalizer,
    by_id: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
    people: Vec<Vec<KnownRole>>,
}

impl RoleBook {
    /// Role knowledge from a gazetteer (or none).
    pub fn new(gazetteer: Option<&Gazetteer>) -> RoleBook {
        let Some(g) = gazetteer else { return RoleBook::default() };
        let mut book = RoleBook { normalizer: Normalizer::with_gazetteer(g), ..RoleBook::default() };
        for entry in g.entries() {
            let roles: Vec<KnownRole> = entry.roles.iter().map(|r| book.known(r)).collect();
            if roles.is_empty() {
                continue;
            }
            let i = book.people.len();
            book.people.push(roles);
            book.by_id.insert(entry.id.clone(), i);
            for name in std::iter::once(&entry.name).chain(&entry.aliases) {
                book.by_name.entry(name.to_lowercase()).or_insert(i);
            }
        }
        book
    }

    fn known(&self, role: &Role) -> KnownRole {
        KnownRole {
            title: self.words(&role.title),
            org: self.words(&role.org).words,
            display: role.display(),
            role: role.clone(),
        }
    }

    /// The title words and rank of a role as written.
    pub fn words(&self, role: &str) -> RoleWords {
        let lex = lexicon();
        let roles = crate::lexicon::lexicon();
        let mut out = RoleWords::default();
        let mut opening = true;
        let mut run: Vec<char> = Vec::new();
        for t in self.normalizer.tokens(role) {
            if !t.content || Normalizer::is_country(&t.form) {
                run.clear();
            } else if let Some(c) = t.form.chars().next() {
                run.push(c);
                for k in 2..=run.len().min(4) {
                    out.initials.insert(run[run.len() - k..].iter().collect());
                }
            }
            out.office |= lex.office_words.contains(&t.form);
            if Normalizer::is_country(&t.form) {
                continue;
            }
            if opening {
                // Rank words may be function words too ("under"): look before filtering.
                if lex.rank_words.contains(&t.form) {
                    out.rank = Some(t.form.clone());
                    opening = false;
                    continue;
                }
                if t.content && roles.role_word(&t.form) != Some(RoleWord::Modifier) {
                    opening = false;
                }
            }
            if t.content {
                out.words.insert(t.stem);
            }
        }
        out
    }

    /// True when two roles as written agree (or are not both offices, so cannot disagree).
    pub fn agree(&self, a: &str, b: &str) -> bool {
        let (a, b) = (self.words(a), self.words(b));
        !(a.office && b.office) || agree(&a, &b, &HashSet::new())
    }

    /// When `role` (as written) contradicts every role the gazetteer gives the speaker, the
    /// gazetteer's role for display. The speaker is looked up by gazetteer id, else by
    /// name or alias; when neither is known, `known_role` (as in a quote record: "title,
    /// organisation") stands in for the gazetteer.
    ///
    /// With the article's `year`, only roles held by then count (a title given years before
    /// the person held it is wrong), and nothing is contradicted when the gazetteer knows no
    /// role held that year (it cannot say what the person was then); the role shown is the
    /// one held that year.
    pub fn contradicts(
        &self,
        speaker_id: &str,
        speaker: &str,
        role: &str,
        known_role: &str,
        year: Option<u16>,
    ) -> Option<String> {
        let written = self.words(role);
        if written.is_empty() || !written.office {
            return None;
        }
        let person = self.by_id.get(speaker_id).or_else(|| self.by_name.get(&speaker.to_lowercase()));
        match person {
            Some(&i) => {
                let roles = &self.people[i];
                let held = |k: &&KnownRole| year.is_none_or(|y| k.role.held_in(y));
                let then: Option<&KnownRole> = match year {
                    Some(_) => roles.iter().filter(held).max_by_key(|k| k.role.start.unwrap_or(0)),
                    None => roles.last(),
                };
                let then = then?;
                let by_then = |k: &&KnownRole| year.is_none_or(|y| k.role.start.is_none_or(|s| s <= y));
                let ok = roles
                    .iter()
                    .filter(by_then)
                    .any(|k| k.title.is_empty() || agree(&written, &k.title, &k.org));
                (!ok).then(|| then.display.clone())
            }
            None if !known_role.trim().is_empty() => {
                let (title, org) = known_role.split_once(", ").unwrap_or((known_role, ""));
                let title_words = self.words(title);
                let org_words = self.words(org).words;
                let ok = title_words.is_empty() || agree(&written, &title_words, &org_words);
                (!ok).then(|| known_role.to_string())
            }
            None => None,
        }
    }
}

/// `a` and `b` agree: same rank, and one's words inside the other's (`b`'s completed by
/// `extra`).
fn agree(a: &RoleWords, b: &RoleWords, extra: &HashSet<String>) -> bool {
    if a.rank != b.rank {
        return false;
    }
    a.words.iter().all(|w| b.has(w) || extra.contains(w)) || b.words.iter().all(|w| a.has(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    impl RoleBook {
        fn contradicts4(&self, id: &str, name: &str, role: &str, known: &str) -> Option<String> {
            self.contradicts(id, name, role, known, None)
        }
    }

    fn book() -> RoleBook {
        let mut g = Gazetteer::empty();
        g.add_countries_csv("c.csv", "code,forms\nUS,US;U.S.;United States\nCN,China;Chinese\n").unwrap();
        g.add_entries_csv(
            "p.csv",
            "id,name,kind,gender,surname,aliases,roles\n\
             p-one,Pat One,person,,,,Governor|State of Ohio|US|2015-2019;President|Executive Office|US|2021-\n\
             p-two,Lee Two,person,,,Li Two,Foreign Minister|Ministry of Foreign Affairs|CN|2013-\n\
             p-three,Sam Three,person,,,,Under Secretary of State for Economic Affairs|Department of State|US|2021-\n\
             p-four,Jo Four,person,,,,Ambassador to the United Nations|Permanent Mission|CN|2019-\n",
        )
        .unwrap();
        RoleBook::new(Some(&g))
    }

    #[test]
    fn dated_roles_decide() {
        let b = book();
        // Governor 2015-2019, President 2021-: in 2017 "President" is a title not held yet.
        assert_eq!(
            b.contradicts("p-one", "", "President", "", Some(2017)),
            Some("Governor, State of Ohio".to_string())
        );
        assert_eq!(b.contradicts("p-one", "", "President", "", Some(2022)), None);
        assert_eq!(b.contradicts("p-one", "", "former governor", "", Some(2022)), None);
        // In 2020 the gazetteer knows no role: nothing to contradict.
        assert_eq!(b.contradicts("p-one", "", "Foreign Minister", "", Some(2020)), None);
        assert!(b.contradicts("p-one", "", "Foreign Minister", "", Some(2016)).is_some());
    }

    #[test]
    fn same_title_with_other_country_forms_agrees() {
        let b = book();
        assert!(b.agree("China’s Foreign Minister", "the Chinese foreign minister"));
        assert!(b.agree("The U.S. Secretary of State", "US secretary of state"));
    }

    #[test]
    fn vaguer_title_agrees() {
        let b = book();
        assert!(b.agree("Secretary of State", "Secretary of State for Economic Affairs"));
        assert!(b.agree("former senator", "senator"));
    }

    #[test]
    fn different_titles_conflict() {
        let b = book();
        assert!(!b.agree(
            "U.S. Secretary of State for Economic Affairs",
            "US under-secretary for economic affairs"
        ));
        assert!(!b.agree("Vice President", "President"));
        assert!(!b.agree("foreign minister", "trade minister"));
    }

    #[test]
    fn rank_word_later_in_a_role_is_not_a_rank() {
        let b = book();
        assert_eq!(b.words("senior diplomat under former President X").rank, None);
        assert_eq!(b.words("former Vice President").rank.as_deref(), Some("vice"));
    }

    #[test]
    fn gazetteer_contradiction() {
        let b = book();
        // A title the person never held.
        assert_eq!(
            b.contradicts4("p-one", "Pat One", "Foreign Minister", ""),
            Some("President, Executive Office".to_string())
        );
        // An earlier role is not a contradiction; neither is a vaguer one.
        assert_eq!(b.contradicts4("p-one", "Pat One", "former Ohio governor", ""), None);
        assert_eq!(b.contradicts4("", "Li Two", "China’s Foreign Minister", ""), None);
        assert_eq!(b.contradicts4("", "Lee Two", "the minister", ""), None);
        // The rank is part of the title.
        assert!(b.contradicts4("p-three", "", "U.S. Secretary of State for Economic Affairs", "").is_some());
        assert_eq!(b.contradicts4("p-three", "", "US under-secretary for economic affairs", ""), None);
    }

    #[test]
    fn initials_stand_for_words() {
        let b = book();
        assert_eq!(b.contradicts4("p-four", "", "China’s UN Ambassador", ""), None);
        assert!(b.agree("UN ambassador", "ambassador to the United Nations"));
    }

    #[test]
    fn descriptions_are_not_judged() {
        let b = book();
        assert_eq!(b.contradicts4("p-one", "", "Chinese expert", ""), None);
        assert!(b.agree("senior fellow", "Rand Corporation analyst"));
        assert!(b.words("Foreign Minister").office);
        assert!(!b.words("senior fellow").office);
    }

    #[test]
    fn known_role_stands_in_for_an_unknown_person() {
        let b = book();
        assert!(b
            .contradicts4("", "Someone Else", "Foreign Minister", "President, People’s Congress")
            .is_some());
        assert_eq!(b.contradicts4("", "Someone Else", "the president", "President, People’s Congress"), None);
        assert_eq!(b.contradicts4("", "Someone Else", "Foreign Minister", ""), None);
    }
}
