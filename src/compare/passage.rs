//! Passages: the same speaker's neighbouring quotes, printed next to each other by two reports.
//!
//! Outlets cut one passage differently: one prints two sentences as one quote, another as two
//! quotes a line apart, a third keeps only the second. Quotes that match are grouped already;
//! what this step adds is their neighbours. When two reports each give a quote of one group
//! and, right before (or right after) it, another quote of the same speaker, those two
//! neighbours are most likely the next words of the one passage, so:
//! - neighbours that are in one group already (another sentence of the passage, matched across
//!   the reports on its own words) bring their group into this one, when [`MERGE_DOCS`]
//!   reports or more print the two next to each other;
//! - neighbours in no group join this one when they still share words: one related to the
//!   other by the judge's rules without its bars for short quotes and rare words ("I hope to"
//!   inside "I hope to, though"), or at least [`MIN_SHARED`] content words that are half of
//!   the content words of the shorter one.
//!
//! Neighbours are quotes of one document next to each other (no other quote between them;
//! words quoted inside a quote do not count) with the same speaker, in the same or the next
//! paragraph. A member that joins this way is
//! marked `passage` in its group's diff: it is a neighbour of a match, not a match of the
//! reference.

use std::collections::HashMap;

use super::align::Aligner;
use super::group::Components;
use super::inner::Records;
use super::judge::relate;
use super::matching::Unit;
use super::speaker_key;
use super::units::Units;
use super::Relation;

/// Two groups that sit next to each other in at least this many reports are one passage.
/// Two reports are not enough: they may be one article printed twice, and two statements
/// each matched on its own words are clearer as two groups, each with its own differences.
pub const MERGE_DOCS: usize = 3;
/// Content words two neighbours with no relation must share to join (see the module).
pub const MIN_SHARED: usize = 2;
/// Share of the shorter neighbour's content words they must be.
const MIN_SHARED_SHARE: f64 = 0.5;
/// Neighbours of one group on one side compared pairwise at most this many at a time: a group
/// of wire copies with a neighbour in each copy has one free neighbour per copy, all alike.
const MAX_PAIRWISE: usize = 16;

/// One neighbour: its document (interned) and unit.
#[derive(Debug, Clone, Copy)]
struct Next {
    doc: u32,
    unit: u32,
}

/// Joins the neighbours of grouped quotes to their groups, as the module says, changing
/// `components` in place: a unit that joins is rooted at the group's reference unit and marked
/// in `components.passage`; a free neighbour's relation to its counterpart is recorded in
/// `components.neighbour` (a group that joins keeps its relations to its own reference).
pub(crate) fn extend(records: Records<'_>, units: &Units, components: &mut Components, min_similarity: f64) {
    let n = units.units.len();
    // Units per root, and whether a unit is alone (its own root, nothing rooted at it, one
    // document): only such a unit is free to join.
    let mut rooted = vec![0u32; n];
    for &r in &components.root {
        rooted[r as usize] += 1;
    }
    // Groups merged and units joined, as a union-find over the roots; applied at the end.
    let mut parent: Vec<u32> = (0..n as u32).collect();
    let mut joined: HashMap<u32, (Relation, f64)> = HashMap::new();
    let mut merged = vec![false; n];
    let root = &components.root;
    let free = |u: u32, parent: &[u32]| {
        root[u as usize] == u
            && parent[u as usize] == u
            && rooted[u as usize] == 1
            && units.units[u as usize].docs().len() == 1
    };
    let group = |u: u32, parent: &[u32]| find(parent, root[u as usize]);
    let by_anchor = neighbours(records, units, root);
    let mut keys: Vec<(u32, bool)> = by_anchor.keys().copied().collect();
    keys.sort_unstable();
    let mut aligner = Aligner::new();
    for key in keys {
        let list = &by_anchor[&key];
        // Neighbours grouped together elsewhere, in `MERGE_DOCS` documents or more: their group
        // joins.
        let mut by_group: HashMap<u32, Vec<u32>> = HashMap::new();
        for x in list.iter().filter(|x| !free(x.unit, &parent)) {
            by_group.entry(group(x.unit, &parent)).or_default().push(x.doc);
        }
        let mut others: Vec<u32> = by_group
            .into_iter()
            .filter_map(|(h, mut ds)| {
                ds.sort_unstable();
                ds.dedup();
                (ds.len() >= MERGE_DOCS).then_some(h)
            })
            .collect();
        others.sort_unstable();
        // One step only: a group takes in one neighbouring group, and one that has merged takes
        // in no other, so that every member is next to a match (no chain along a passage).
        let g = key.0;
        if parent[g as usize] != g {
            continue;
        }
        if let Some(&h) = others.iter().find(|&&h| !merged[g as usize] && !merged[h as usize]) {
            parent[h as usize] = g;
            merged[g as usize] = true;
            merged[h as usize] = true;
        }
        // Free neighbours (and neighbours already in this group) that share words across
        // documents.
        let loose: Vec<Next> = list
            .iter()
            .filter(|x| free(x.unit, &parent) || group(x.unit, &parent) == g)
            .take(MAX_PAIRWISE)
            .copied()
            .collect();
        for (i, x) in loose.iter().enumerate() {
            for y in &loose[i + 1..] {
                let (fx, fy) = (free(x.unit, &parent), free(y.unit, &parent));
                if x.doc == y.doc || !(fx || fy) {
                    continue;
                }
                let (a, b) = (&units.units[x.unit as usize], &units.units[y.unit as usize]);
                let Some(link) = neighbours_relate(&mut aligner, a, b, min_similarity) else { continue };
                for (u, is_free) in [(x.unit, fx), (y.unit, fy)] {
                    if is_free {
                        parent[u as usize] = g;
                        joined.insert(u, link);
                    }
                }
            }
        }
    }
    for u in 0..n {
        let (old, new) = (components.root[u], find(&parent, components.root[u]));
        if old != new {
            components.root[u] = new;
            components.passage[u] = true;
        }
    }
    components.neighbour = joined;
}

/// The neighbours of each group's quotes, by the group's root and the side the neighbour is on
/// (`true`: after), each with its document; neighbours in the group itself are left out.
fn neighbours(records: Records<'_>, units: &Units, root: &[u32]) -> HashMap<(u32, bool), Vec<Next>> {
    let mut docs: HashMap<&str, u32> = HashMap::new();
    // Records only: words quoted inside a quote are no quote between two others.
    let mut order: Vec<usize> = (0..records.records()).filter(|&q| units.unit_of[q] != u32::MAX).collect();
    order.sort_by_cached_key(|&q| {
        let r = records.get(q);
        (r.doc, r.start, r.end)
    });
    let mut by_anchor: HashMap<(u32, bool), Vec<Next>> = HashMap::new();
    for w in order.windows(2) {
        let (ra, rb) = (records.get(w[0]), records.get(w[1]));
        if ra.doc != rb.doc
            || ra.speaker.trim().is_empty()
            || speaker_key(ra.speaker_id, ra.speaker) != speaker_key(rb.speaker_id, rb.speaker)
            || rb.paragraph > ra.paragraph + 1
        {
            continue;
        }
        let next = docs.len() as u32;
        let doc = *docs.entry(ra.doc).or_insert(next);
        let (ua, ub) = (units.unit_of[w[0]], units.unit_of[w[1]]);
        for (anchor, neighbour, after) in [(ua, ub, true), (ub, ua, false)] {
            let g = root[anchor as usize];
            if root[neighbour as usize] != g {
                by_anchor.entry((g, after)).or_default().push(Next { doc, unit: neighbour });
            }
        }
    }
    by_anchor
}

/// The root a union-find `parent` gives `u`.
fn find(parent: &[u32], mut u: u32) -> u32 {
    while parent[u as usize] != u {
        u = parent[u as usize];
    }
    u
}

/// Whether two neighbours share words enough to join (see the module), and how they relate.
fn neighbours_relate(
    aligner: &mut Aligner,
    a: &Unit,
    b: &Unit,
    min_similarity: f64,
) -> Option<(Relation, f64)> {
    let al = aligner.align(a.side(), b.side());
    let mut lcs = None;
    let mut content = || *lcs.get_or_insert_with(|| aligner.content_lcs(a.side(), b.side()));
    if let Some(found) = relate(&al, &mut content, true, min_similarity) {
        return Some(found);
    }
    let (shared, ca, cb) = content();
    (shared >= MIN_SHARED && shared as f64 >= MIN_SHARED_SHARE * ca.min(cb) as f64)
        .then(|| (Relation::Paraphrase, 2.0 * shared as f64 / (ca + cb) as f64))
}
