//! What `clause_subject` has read: the subject phrases it walks from a sentence start, and which
//! of them name no one, so that a paragraph's cues do not read and interpret the same phrases
//! again (a paragraph of many quotes and cues walks them up to five times per quote).

use std::collections::VecDeque;

use super::phrase::Np;
use super::{DocContext, Tok};

/// The phrases read at tokens `base..` of one paragraph, valid while `key` holds.
#[derive(Debug, Default)]
pub(super) struct PhraseMemo {
    key: MemoKey,
    base: usize,
    steps: VecDeque<Option<PhraseStep>>,
    /// How many units, and antecedents, were checked to be in text order, and whether they are
    /// (`None`: not checked yet).
    units_sorted: Option<(usize, bool)>,
    antecedents_sorted: Option<(usize, bool)>,
}

/// What `interpret` reads besides the phrase: the paragraph, the units and antecedents that
/// exist, and which of them come before the position a phrase is read for. Two positions with
/// no unit or antecedent between them read every phrase alike; when units or antecedents are
/// not in text order, the position itself is part of the key.
#[derive(Debug, Default, PartialEq, Eq, Clone, Copy)]
struct MemoKey {
    paragraph: usize,
    units: usize,
    antecedents: usize,
    units_before: usize,
    antecedents_before: usize,
    pos: Option<usize>,
}

#[derive(Debug, Clone, Copy)]
struct PhraseStep {
    /// `np_right(i, hi)` gave `np`, its walk stopping at `reach`.
    hi: usize,
    reach: usize,
    np: Option<Np>,
    /// `interpret` found no speaker in `np`.
    no_one: bool,
}

impl PhraseMemo {
    /// The phrase at `i` before `hi` if read before: a walk that stopped short of both bounds
    /// read the same tokens under either.
    fn get(&mut self, i: usize, hi: usize) -> Option<&mut PhraseStep> {
        let s = self.steps.get_mut(i.checked_sub(self.base)?)?.as_mut()?;
        (s.hi == hi || s.reach + 1 < hi && s.reach + 1 < s.hi).then_some(s)
    }

    fn put(&mut self, i: usize, step: PhraseStep) {
        let Some(x) = i.checked_sub(self.base) else { return };
        if self.steps.len() <= x {
            self.steps.resize(x + 1, None);
        }
        self.steps[x] = Some(step);
    }
}

impl<'a> DocContext<'a> {
    /// Starts a walk from token `ss` of the paragraph `toks` for a quote at byte `pos`: what was
    /// read under another key, or before `ss`, is forgotten.
    pub(super) fn start_phrase_memo(&mut self, toks: &[Tok], ss: usize, pos: usize) {
        let m = &mut self.phrase_memo;
        let units = match m.units_sorted {
            Some((n, sorted)) if n == self.units.len() => sorted,
            _ => self.units.is_sorted_by_key(|u| u.at),
        };
        m.units_sorted = Some((self.units.len(), units));
        // Antecedents only grow: the new ones are checked, after the last one checked.
        let (checked, sorted) = m.antecedents_sorted.unwrap_or((0, true));
        let from = checked.saturating_sub(1).min(self.antecedents.len());
        let antecedents = sorted && self.antecedents[from..].is_sorted_by_key(|u| u.at);
        m.antecedents_sorted = Some((self.antecedents.len(), antecedents));
        let ordered = units && antecedents;
        let key = MemoKey {
            paragraph: toks.first().map_or(0, |t| t.s()),
            units: self.units.len(),
            antecedents: self.antecedents.len(),
            units_before: self.units.partition_point(|u| u.at < pos),
            antecedents_before: self.antecedents.partition_point(|u| u.at < pos),
            pos: (!ordered).then_some(pos),
        };
        if m.key != key || ss < m.base {
            m.key = key;
            m.steps.clear();
            m.base = ss;
        } else {
            m.steps.drain(..(ss - m.base).min(m.steps.len()));
            m.base = ss;
        }
    }

    /// `np_right` through the memo: the phrase, and whether it is known to name no one.
    pub(super) fn np_right_memo(&mut self, toks: &[Tok], k: usize, hi: usize) -> (Option<Np>, bool) {
        if let Some(s) = self.phrase_memo.get(k, hi) {
            return (s.np, s.no_one);
        }
        let (np, reach) = self.np_right_reach(toks, k, hi);
        self.phrase_memo.put(k, PhraseStep { hi, reach, np, no_one: false });
        (np, false)
    }

    /// Records that the phrase at `i` before `hi` names no one.
    pub(super) fn phrase_names_no_one(&mut self, i: usize, hi: usize) {
        if let Some(s) = self.phrase_memo.get(i, hi) {
            s.no_one = true;
        }
    }
}
