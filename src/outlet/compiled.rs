//! An outlet or date pattern compiled forward only: a lazy DFA tells whether a line matches,
//! and the backtracker (the PikeVM for long lines) reads the groups of the few lines that do,
//! from the same NFA. The `regex` crate's `Regex` compiles each pattern a second time, in
//! reverse, for its lazy DFA to find where matches start: more than half of the compiling,
//! which was a fifth of a 5 MB run (the bounded repetitions of Unicode classes,
//! `[\p{L}\d .&'-]{1,40}`, make large NFAs). The engines find the matches and groups
//! `Regex` finds (`outlet`'s tests compare them on every pattern).

use regex_automata::hybrid::dfa::{self as lazy_dfa, DFA};
use regex_automata::nfa::thompson::backtrack::{self, BoundedBacktracker};
use regex_automata::nfa::thompson::pikevm::{self, PikeVM};
use regex_automata::nfa::thompson::NFA;
use regex_automata::util::captures::Captures;
use regex_automata::util::pool::Pool;
use regex_automata::Input;
use regex_syntax::hir::Hir;

/// A pattern compiled forward: the lazy DFA and the engines that read groups, all from one NFA,
/// with a pool of their caches (one taken by each search, on whichever thread).
pub(super) struct Compiled {
    dfa: DFA,
    backtrack: BoundedBacktracker,
    pikevm: PikeVM,
    caches: Pool<Caches, CachesFn>,
}

type CachesFn = Box<dyn Fn() -> Caches + Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>;

/// What the engines write as they search.
struct Caches {
    dfa: lazy_dfa::Cache,
    backtrack: backtrack::Cache,
    pikevm: pikevm::Cache,
}

impl Compiled {
    /// A pattern, parsed (`regex_syntax`'s default parser, as `NFA::new` parses), compiled.
    pub(super) fn new(hir: &Hir) -> Result<Compiled, String> {
        let nfa = NFA::compiler().build_from_hir(hir).map_err(|e| e.to_string())?;
        // A Unicode word boundary (none of today's patterns has one) makes the lazy DFA give up
        // on a line beyond ASCII, where the PikeVM answers, instead of failing to build.
        let config = DFA::config().unicode_word_boundary(true);
        let dfa = DFA::builder().configure(config).build_from_nfa(nfa.clone()).map_err(|e| e.to_string())?;
        let backtrack = BoundedBacktracker::new_from_nfa(nfa.clone()).map_err(|e| e.to_string())?;
        let pikevm = PikeVM::new_from_nfa(nfa).map_err(|e| e.to_string())?;
        let (d, b, p) = (dfa.clone(), backtrack.clone(), pikevm.clone());
        let create: CachesFn = Box::new(move || Caches {
            dfa: d.create_cache(),
            backtrack: b.create_cache(),
            pikevm: p.create_cache(),
        });
        Ok(Compiled { dfa, backtrack, pikevm, caches: Pool::new(create) })
    }

    /// Whether the pattern matches somewhere in `line`.
    pub(super) fn is_match(&self, line: &str) -> bool {
        self.matches(&mut self.caches.get(), line)
    }

    /// The groups of the first match (leftmost, the pattern's own preferences) in `line`: the
    /// lazy DFA first, the groups read only where it matched.
    pub(super) fn captures<'h>(&self, line: &'h str) -> Option<Groups<'h>> {
        let mut caches = self.caches.get();
        if !self.matches(&mut caches, line) {
            return None;
        }
        let mut caps = self.pikevm.create_captures();
        let read = line.len() <= self.backtrack.max_haystack_len()
            && self.backtrack.try_captures(&mut caches.backtrack, line, &mut caps).is_ok();
        if !read {
            self.pikevm.captures(&mut caches.pikevm, line, &mut caps);
        }
        caps.is_match().then_some(Groups { line, caps })
    }

    /// The lazy DFA's answer to `is_match`, the PikeVM's where it gives up.
    fn matches(&self, caches: &mut Caches, line: &str) -> bool {
        let input = Input::new(line).earliest(true);
        match self.dfa.try_search_fwd(&mut caches.dfa, &input) {
            Ok(found) => found.is_some(),
            // The lazy DFA gave up (it never does on these patterns): the PikeVM answers.
            Err(_) => self.pikevm.is_match(&mut caches.pikevm, input),
        }
    }
}

/// The groups of a match in a line.
pub(super) struct Groups<'h> {
    line: &'h str,
    caps: Captures,
}

impl<'h> Groups<'h> {
    /// The text of the group named `name`, if it took part in the match.
    pub(super) fn name(&self, name: &str) -> Option<&'h str> {
        self.caps.get_group_by_name(name).map(|span| &self.line[span.range()])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Matches and groups are those of `regex`'s `Regex`, on lines the backtracker reads and on
    /// lines too long for it (the PikeVM's), with a Unicode word boundary (the lazy DFA gives
    /// up beyond ASCII) and without.
    #[test]
    fn matches_and_groups_are_those_of_regex() {
        let long = format!("{}Zoë Ball said (Ledger) -", "é ".repeat(4000));
        let lines = ["Zoë Ball said (Ledger) -", "ZOË said", "plain words", "Ann Roe said", long.as_str()];
        for pattern in [r"\b(?P<w>\p{Lu}\p{L}+)\b said", r"(?P<o>[\p{L} ]{1,40}?)\s*\((?P<x>\p{L}+)\)\s*-"] {
            let ours = Compiled::new(&regex_syntax::Parser::new().parse(pattern).unwrap()).unwrap();
            let theirs = regex::Regex::new(pattern).unwrap();
            assert!(long.len() > ours.backtrack.max_haystack_len(), "the long line is the PikeVM's");
            for line in lines {
                assert_eq!(ours.is_match(line), theirs.is_match(line), "{pattern} on {line:.40}");
                let (a, b) = (ours.captures(line), theirs.captures(line));
                assert_eq!(a.is_some(), b.is_some(), "{pattern} on {line:.40}");
                if let (Some(a), Some(b)) = (a, b) {
                    for name in theirs.capture_names().flatten() {
                        assert_eq!(a.name(name), b.name(name).map(|m| m.as_str()), "{name}: {pattern}");
                    }
                }
            }
        }
    }
}
