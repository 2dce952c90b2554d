//! From judged pairs to groups, then each group's members, relation, word-level diffs and flags.
//!
//! Linking pairs transitively lets a chain tie statements that share nothing ("lower taxes"
//! in two unrelated speeches, each linked to a third quote). So groups are *stars*: units are
//! taken longest first, and each unit not yet in a group becomes a group's *reference* and
//! takes in every unit not yet in a group that is related to it directly. Every member of a
//! group thus matches its reference, and its relation (identical, contains, variant,
//! paraphrase) is the relation to the reference. One kind of unit joins through a member
//! instead: a quote contained in a member (a part of a longer report that itself matches the
//! reference as a variant or an overlap) is a part of that member's statement, so it joins the
//! member's group, with the relation `contains` to that member; it never takes in others, so
//! no chain grows from it.

use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::align::{Aligner, Step};
use super::flags::{role_conflicts, speaker_flags};
use super::inner::Records;
use super::matching::{Edge, Unit};
use super::units::Units;
use super::{speaker_key, Comparer, DiffOp, Flag, Group, Member, MemberDiff, OpKind, Relation};

/// The grouping of units: each unit's reference, and which edges were used to link.
#[derive(Debug)]
pub struct Components {
    /// Reference unit of each unit (itself for a reference).
    pub root: Vec<u32>,
    /// Whether each edge linked a member to its reference.
    pub used: Vec<bool>,
    /// The edge that links each unit to its reference (`u32::MAX` for a reference).
    pub link: Vec<u32>,
    /// Units that joined as neighbours of a match (see the `passage` module).
    pub passage: Vec<bool>,
    /// How a unit that joined as a free neighbour relates to its counterpart.
    pub neighbour: HashMap<u32, (Relation, f64)>,
}

/// Groups units into stars around the longest units (see the module).
pub fn components(units: &[Unit], edges: &[Edge]) -> Components {
    let n = units.len();
    let mut start = vec![0u32; n + 1];
    for e in edges {
        start[e.u as usize + 1] += 1;
        start[e.v as usize + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut adj = vec![0u32; 2 * edges.len()];
    for (i, e) in edges.iter().enumerate() {
        for x in [e.u, e.v] {
            adj[fill[x as usize] as usize] = i as u32;
            fill[x as usize] += 1;
        }
    }
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_by_key(|&u| {
        (Reverse(units[u as usize].stems().len()), Reverse(units[u as usize].docs().len()), u)
    });
    let mut root = vec![u32::MAX; n];
    let mut link = vec![u32::MAX; n];
    let mut used = vec![false; edges.len()];
    for u in order {
        if root[u as usize] != u32::MAX {
            continue;
        }
        let near = &adj[start[u as usize] as usize..start[u as usize + 1] as usize];
        // A part of a member is a part of the member's statement: it joins that group.
        if let Some(i) = container(u, near, edges, &root) {
            let e = &edges[i as usize];
            let v = if e.u == u { e.v } else { e.u };
            root[u as usize] = root[v as usize];
            link[u as usize] = i;
            used[i as usize] = true;
            continue;
        }
        root[u as usize] = u;
        let mut near: Vec<u32> = near.to_vec();
        // Closest first, so that the label of each member is its best relation.
        near.sort_by(|&x, &y| {
            edges[y as usize].similarity.total_cmp(&edges[x as usize].similarity).then(x.cmp(&y))
        });
        for i in near {
            let e = &edges[i as usize];
            let v = if e.u == u { e.v } else { e.u };
            if root[v as usize] == u32::MAX {
                root[v as usize] = u;
                link[v as usize] = i;
                used[i as usize] = true;
            }
        }
    }
    Components { root, used, link, passage: vec![false; n], neighbour: HashMap::new() }
}

/// The edge to the best member of an existing group that contains unit `u` as a fragment
/// (the most similar, then the first), if any.
fn container(u: u32, near: &[u32], edges: &[Edge], root: &[u32]) -> Option<u32> {
    near.iter()
        .copied()
        .filter(|&i| {
            let e = &edges[i as usize];
            let v = if e.u == u { e.v } else { e.u };
            e.relation == Relation::Contains && e.fragment == Some(u) && root[v as usize] != u32::MAX
        })
        .max_by(|&x, &y| {
            edges[x as usize].similarity.total_cmp(&edges[y as usize].similarity).then(y.cmp(&x))
        })
}

/// The groups to report, in the order they are numbered: for each component with quotes from
/// two documents or more, its reference unit and its records by document and position; the
/// groups in document order of their members.
fn plans(records: Records<'_>, units: &Units, components: &Components) -> Vec<(u32, Vec<usize>)> {
    let mut by_root: Vec<(u32, u32)> = units
        .unit_of
        .iter()
        .enumerate()
        .filter(|&(_, &u)| u != u32::MAX)
        .map(|(i, &u)| (components.root[u as usize], i as u32))
        .collect();
    by_root.par_sort_unstable();
    let order = |&q: &usize| {
        let r = records.get(q);
        (r.doc, r.start, r.end, q)
    };
    let mut plans = Vec::new();
    for run in by_root.chunk_by(|a, b| a.0 == b.0) {
        let first = records.get(run[0].1 as usize).doc;
        if run.iter().all(|&(_, q)| records.get(q as usize).doc == first) {
            continue;
        }
        let mut quotes: Vec<usize> = run.iter().map(|&(_, q)| q as usize).collect();
        quotes.sort_by(|a, b| order(a).cmp(&order(b)));
        plans.push((run[0].0, quotes));
    }
    // By the places of their members, compared one member at a time (no list of places is
    // built for a comparison).
    let place = |&q: &usize| {
        let r = records.get(q);
        (r.doc, r.start, r.end)
    };
    plans.par_sort_by(|a, b| a.1.iter().map(place).cmp(b.1.iter().map(place)));
    plans
}

/// Groups assembled at once, in parallel: enough to keep the cores busy, few enough that
/// their members and diffs stay small beside the matcher's data.
const BATCH: usize = 256;

/// Builds the reported groups (components with quotes from two documents or more) a batch at
/// a time, numbered from 1 in document order, and hands each to `f` in that order: only one
/// batch of groups' members and diffs is held at once.
pub(crate) fn build_each<E>(
    comparer: &Comparer,
    records: Records<'_>,
    (units, edges, components): (&Units, &[Edge], &Components),
    mut f: impl FnMut(Group) -> Result<(), E>,
) -> Result<(), E> {
    let roles = roles(comparer, records);
    let doc_roles = doc_roles(&roles, records);
    let plans = plans(records, units, components);
    for (b, batch) in plans.chunks(BATCH).enumerate() {
        let groups: Vec<Group> = batch
            .par_iter()
            .enumerate()
            .map(|(k, (root, quotes))| {
                let mut group = assemble(
                    comparer,
                    (records, &roles),
                    units,
                    &doc_roles,
                    quotes,
                    (*root, edges, components),
                );
                group.group = b * BATCH + k + 1;
                group
            })
            .collect();
        for group in groups {
            f(group)?;
        }
    }
    Ok(())
}

/// The records' roles that have a content word ("the", "that" alone are not roles), each
/// distinct text normalised once (in parallel).
fn roles<'a>(comparer: &Comparer, records: Records<'a>) -> HashSet<&'a str> {
    let distinct: Vec<&str> = records.iter().map(|r| r.role).collect::<HashSet<&str>>().into_iter().collect();
    distinct
        .into_par_iter()
        .filter(|role| comparer.normalizer.tokens(role).iter().any(|t| t.content))
        .collect()
}

/// The first role each document gives each speaker.
fn doc_roles<'a>(roles: &HashSet<&str>, records: Records<'a>) -> HashMap<(&'a str, String), &'a str> {
    let mut out = HashMap::new();
    for r in records.iter() {
        if !r.speaker.is_empty() && roles.contains(r.role) {
            out.entry((r.doc, speaker_key(r.speaker_id, r.speaker))).or_insert(r.role);
        }
    }
    out
}

/// The reference unit, the judged pairs and the grouping, for [`assemble`].
type Star<'a> = (u32, &'a [Edge], &'a Components);

fn assemble(
    comparer: &Comparer,
    (records, roles): (Records<'_>, &HashSet<&str>),
    units: &Units,
    doc_roles: &HashMap<(&str, String), &str>,
    quotes: &[usize],
    (root, edges, components): Star<'_>,
) -> Group {
    let members: Vec<Member> = quotes
        .iter()
        .map(|&q| {
            let r = records.get(q);
            let role = if !roles.contains(r.role) {
                doc_roles.get(&(r.doc, speaker_key(r.speaker_id, r.speaker))).copied().unwrap_or("")
            } else {
                r.role
            };
            Member {
                doc: r.doc.to_string(),
                outlet: r.outlet.to_string(),
                start: r.start,
                end: r.end,
                quote: r.quote.to_string(),
                speaker: r.speaker.to_string(),
                role: role.to_string(),
                speaker_id: r.speaker_id.to_string(),
                known_role: r.known_role.to_string(),
                kind: r.kind,
                paragraph: r.paragraph,
                date: r.date.to_string(),
                title: r.title.to_string(),
                url: r.url.to_string(),
            }
        })
        .collect();
    let unit_of = |q: usize| units.unit_of[q];
    let unit = |q: usize| &units.units[unit_of(q) as usize];
    // The reference is the first quote of the reference unit, the longest: every other member
    // is then (mostly) a part or a rewording of it.
    let reference = quotes.iter().position(|&q| unit_of(q) == root).unwrap_or(0);
    let rq = quotes[reference];
    let mut aligner = Aligner::new();
    // One alignment per unit: copies of one text share it.
    let mut steps: HashMap<u32, Vec<Step>> = HashMap::new();
    let (mut relation, mut similarity) = (Relation::Identical, 1.0f64);
    let mut diff = Vec::new();
    for (m, &q) in quotes.iter().enumerate() {
        if m == reference {
            continue;
        }
        let u = unit_of(q);
        let passage = components.passage[u as usize];
        let (rel, sim) = match (components.neighbour.get(&u), components.link[u as usize]) {
            (Some(&found), _) => found,
            (None, u32::MAX) => (Relation::Identical, 1.0),
            (None, e) => (edges[e as usize].relation, edges[e as usize].similarity),
        };
        if passage {
            // Other words of the passage: not compared with the reference.
            diff.push(MemberDiff { member: m, relation: rel, similarity: sim, ops: Vec::new(), passage });
            continue;
        }
        relation = relation.max(rel);
        similarity = similarity.min(sim);
        let st = steps.entry(u).or_insert_with(|| aligner.fit(unit(q).side(), unit(rq).side()).steps);
        let ops = diff_ops(
            st,
            (records.get(q).quote, units.spans(q), unit(q).forms()),
            (records.get(rq).quote, units.spans(rq), unit(rq).forms()),
        );
        diff.push(MemberDiff { member: m, relation: rel, similarity: sim, ops, passage });
    }
    let mut flags = Vec::new();
    let mut notes = Vec::new();
    if diff
        .iter()
        .any(|d| d.ops.iter().any(|o| matches!(o.op, OpKind::Changed | OpKind::Dropped | OpKind::Added)))
    {
        flags.push(Flag::Wording);
    }
    speaker_flags(comparer, records, quotes, &mut flags, &mut notes);
    role_conflicts(comparer, (records, roles), quotes, &mut flags, &mut notes);
    Group {
        group: 0,
        speaker: majority_speaker(&members),
        relation,
        similarity,
        members,
        flags,
        diff,
        reference,
        notes,
    }
}

fn span(spans: &[(u32, u32)], r: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    spans[r.start].0 as usize..spans[r.end - 1].1 as usize
}

/// Diff steps (member = a, reference = b) as ops with the words as written. A kept run whose
/// forms differ somewhere ("hyping" / "hype") shows those words as changed.
fn diff_ops(
    steps: &[Step],
    member: (&str, &[(u32, u32)], &[u32]),
    reference: (&str, &[(u32, u32)], &[u32]),
) -> Vec<DiffOp> {
    let (mq, mt, mf) = member;
    let (rq, rt, rf) = reference;
    let text = |r: &std::ops::Range<usize>| {
        let s = span(mt, r);
        (Some(mq[s.clone()].to_string()), Some(s))
    };
    let refer = |r: &std::ops::Range<usize>| {
        let s = span(rt, r);
        (Some(rq[s.clone()].to_string()), Some(s))
    };
    let op = |op, (text, span): (Option<String>, _), (reference, ref_span): (Option<String>, _)| DiffOp {
        op,
        text,
        reference,
        span,
        ref_span,
    };
    let none = || (None, None);
    let mut ops = Vec::new();
    for step in steps {
        match step {
            Step::Same { a, b } => {
                let mut k = 0;
                while k < a.len() {
                    let exact = mf[a.start + k] == rf[b.start + k];
                    let mut e = k + 1;
                    while e < a.len() && (mf[a.start + e] == rf[b.start + e]) == exact {
                        e += 1;
                    }
                    let (ra, rb) = (a.start + k..a.start + e, b.start + k..b.start + e);
                    ops.push(if exact {
                        op(OpKind::Same, text(&ra), none())
                    } else {
                        op(OpKind::Changed, text(&ra), refer(&rb))
                    });
                    k = e;
                }
            }
            Step::Changed { a, b } => ops.push(op(OpKind::Changed, text(a), refer(b))),
            Step::OnlyA(a) => ops.push(op(OpKind::Added, text(a), none())),
            Step::OnlyB(b) => ops.push(op(OpKind::Dropped, none(), refer(b))),
            Step::EdgeA(a) => ops.push(op(OpKind::Beyond, text(a), none())),
            Step::EdgeB(b) => ops.push(op(OpKind::Outside, none(), refer(b))),
        }
    }
    ops
}

fn majority_speaker(members: &[Member]) -> String {
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for (i, m) in members.iter().enumerate().filter(|(_, m)| !m.speaker.trim().is_empty()) {
        counts.entry(&m.speaker).or_insert((0, i)).0 += 1;
    }
    // Most members, then first in member order.
    counts
        .into_iter()
        .max_by_key(|&(_, (n, i))| (n, Reverse(i)))
        .map(|(s, _)| s.to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::super::{CompareOptions, Comparer};
    use crate::record::{QuoteKind, QuoteRecord};

    fn record(doc: &str, quote: &str, speaker: &str) -> QuoteRecord {
        QuoteRecord {
            doc: doc.into(),
            paragraph: 1,
            end: quote.chars().count() as u64,
            quote: quote.into(),
            kind: QuoteKind::Partial,
            speaker: speaker.into(),
            cue: "said".into(),
            confidence: 1.0,
            ..QuoteRecord::default()
        }
    }

    fn groups(records: &[QuoteRecord]) -> Vec<Vec<String>> {
        Comparer::new(None, CompareOptions::default())
            .compare(records)
            .into_iter()
            .map(|g| g.members.into_iter().map(|m| m.doc).collect())
            .collect()
    }

    #[test]
    fn a_fragment_in_two_unrelated_statements_joins_one() {
        let records = [
            record(
                "a",
                "the city must stop closing libraries on Sundays and start funding them properly",
                "Ana Ruiz",
            ),
            record(
                "b",
                "we will stop closing libraries on Sundays only if the state pays for every one",
                "Bo Chen",
            ),
            record("c", "stop closing libraries", "Bo Chen"),
        ];
        // A short fragment joins only its own speaker's statement.
        let g = groups(&records);
        assert_eq!(g.len(), 1, "{g:?}");
        assert!(g[0].contains(&"c".to_string()) && g[0].len() == 2, "{g:?}");
    }

    #[test]
    fn fragments_do_not_chain_the_reports_that_hold_them() {
        // a and b share too little to be linked directly; c quotes two bits that are in both.
        let a = "if the council wants our votes it has to stop closing libraries and stop cutting bus routes, full stop";
        let b = "my message to the mayor tonight is simple: stop closing libraries, stop cutting bus routes, listen to parents";
        assert!(groups(&[record("a", a, "Ana Ruiz"), record("b", b, "Ana Ruiz")]).is_empty());
        let records = [
            record("a", a, "Ana Ruiz"),
            record("b", b, "Ana Ruiz"),
            record("c", "stop closing libraries", "Ana Ruiz"),
            record("c", "stop cutting bus routes", "Ana Ruiz"),
        ];
        // Each fragment matches both reports, but a and b do not match each other: no chain.
        assert_eq!(groups(&records), vec![vec!["a", "c", "c"]]);
        // Given to someone else, nothing ties a and b either.
        let records = [
            record("a", a, "Ana Ruiz"),
            record("b", b, "Ana Ruiz"),
            record("c", "stop closing libraries", "Cy Dent"),
            record("c", "stop cutting bus routes", "Cy Dent"),
        ];
        let g = groups(&records);
        assert!(g.iter().all(|g| !(g.contains(&"a".to_string()) && g.contains(&"b".to_string()))), "{g:?}");
    }

    #[test]
    fn groups_are_numbered_in_document_order_whatever_the_input_order() {
        let mut records = vec![
            record("b", "prices will not fall before the harvest is in, whatever the ministry says", "X"),
            record("a", "Prices won’t fall before the harvest is in, whatever the ministry says.", "X"),
            record("c", "nobody in this town has ever seen the river this low in August", "Y"),
            record("a", "Nobody in this town has ever seen the river this low in August", "Y"),
        ];
        records[3].start = 100;
        let first = groups(&records);
        records.reverse();
        assert_eq!(groups(&records), first);
        assert_eq!(first, vec![vec!["a", "b"], vec!["a", "c"]]);
    }
}
