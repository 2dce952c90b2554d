//! From judged pairs to groups: union-find over units, fragments attached to their best
//! container, then each group's members, relation, word-level diffs and flags.
//!
//! Linking every pair transitively lets one short fragment chain unrelated statements together
//! ("security concerns" sits in many sentences). So, as in MemeTracker's phrase graph, a
//! *fragment* (a short quote, or a quote that covers only part of the other:
//! [`super::matching::fragment_of`]) joins only its best container (highest similarity, then
//! closest overall length); it joins further containers only when they give the same speaker
//! as the fragment does. Two partial quotes of one outlet can thus both sit
//! in the same longer quote of another, and a speaker's fragment may tie two reports of one
//! sentence together, but a fragment of unknown or other speakers bridges nothing.

use std::collections::{BTreeMap, HashMap};

use super::align::{Aligner, Step};
use super::matching::{intersects, Edge, Unit};
use super::{speaker_key, Comparer, DiffOp, Flag, Group, Member, MemberDiff, OpKind, Relation, Units};
use crate::record::QuoteRecord;

/// Union-find with path halving.
#[derive(Debug)]
struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind { parent: (0..n as u32).collect() }
    }

    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let p = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = p;
            x = p;
        }
        x
    }

    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller id becomes the root: deterministic whatever the order of unions.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi as usize] = lo;
        }
    }
}

/// The grouping of units: each unit's root, and which edges were used to link.
#[derive(Debug)]
pub struct Components {
    /// Root unit of each unit.
    pub root: Vec<u32>,
    /// Whether each edge linked two units.
    pub used: Vec<bool>,
}

/// Links units: whole-quote edges first, then each fragment to its best container (and to
/// further containers of its own speaker).
pub fn components(units: &[Unit], edges: &[Edge]) -> Components {
    let mut uf = UnionFind::new(units.len());
    let mut used = vec![false; edges.len()];
    let mut by_fragment: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, e) in edges.iter().enumerate() {
        match e.fragment {
            None => {
                uf.union(e.u, e.v);
                used[i] = true;
            }
            Some(f) => by_fragment.entry(f).or_default().push(i),
        }
    }
    for (fragment, mut list) in by_fragment {
        let other = |e: &Edge| if e.u == fragment { e.v } else { e.u };
        list.sort_by(|&x, &y| {
            let (a, b) = (&edges[x], &edges[y]);
            b.similarity
                .total_cmp(&a.similarity)
                .then(b.dice.total_cmp(&a.dice))
                .then(other(a).cmp(&other(b)))
        });
        let f = &units[fragment as usize];
        for (k, &i) in list.iter().enumerate() {
            let container = other(&edges[i]);
            if k == 0 || intersects(&f.speakers, &units[container as usize].speakers) {
                uf.union(fragment, container);
                used[i] = true;
            }
        }
    }
    let root = (0..units.len() as u32).map(|u| uf.find(u)).collect();
    Components { root, used }
}

/// Builds the reported groups: components with quotes from two documents or more.
pub(crate) fn build(
    comparer: &Comparer,
    records: &[QuoteRecord],
    units: &Units,
    edges: &[Edge],
    components: &Components,
) -> Vec<Group> {
    let mut members_of: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, &u) in units.unit_of.iter().enumerate() {
        if u != u32::MAX {
            members_of.entry(components.root[u as usize]).or_default().push(i);
        }
    }
    let mut links: HashMap<u32, (Relation, f64)> = HashMap::new();
    for (e, &used) in edges.iter().zip(&components.used) {
        if used {
            let link = links.entry(components.root[e.u as usize]).or_insert((Relation::Identical, 1.0));
            link.0 = link.0.max(e.relation);
            link.1 = link.1.min(e.similarity);
        }
    }
    let doc_roles = doc_roles(comparer, records);
    let mut groups: Vec<Group> = members_of
        .into_iter()
        .filter_map(|(root, mut quotes)| {
            let order = |&q: &usize| (&records[q].doc, records[q].start, records[q].end, q);
            quotes.sort_by(|a, b| order(a).cmp(&order(b)));
            let first = &records[quotes[0]].doc;
            if quotes.iter().all(|&q| records[q].doc == *first) {
                return None;
            }
            let (relation, similarity) = links.get(&root).copied().unwrap_or((Relation::Identical, 1.0));
            Some(assemble(comparer, records, units, &doc_roles, &quotes, relation, similarity))
        })
        .collect();
    // Groups in document order of their members (deterministic whatever the hash order).
    groups.sort_by(|a, b| {
        let key = |g: &Group| g.members.iter().map(|m| (m.doc.clone(), m.start, m.end)).collect::<Vec<_>>();
        key(a).cmp(&key(b))
    });
    for (i, g) in groups.iter_mut().enumerate() {
        g.group = i + 1;
    }
    groups
}

/// A role with a content word: "the", "that" alone are not roles.
fn is_role(comparer: &Comparer, role: &str) -> bool {
    comparer.normalizer.tokens(role).iter().any(|t| t.content)
}

/// The first role each document gives each speaker.
fn doc_roles<'a>(comparer: &Comparer, records: &'a [QuoteRecord]) -> HashMap<(&'a str, String), &'a str> {
    let mut out = HashMap::new();
    for r in records {
        if !r.speaker.is_empty() && is_role(comparer, &r.role) {
            out.entry((r.doc.as_str(), speaker_key(&r.speaker_id, &r.speaker))).or_insert(r.role.as_str());
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn assemble(
    comparer: &Comparer,
    records: &[QuoteRecord],
    units: &Units,
    doc_roles: &HashMap<(&str, String), &str>,
    quotes: &[usize],
    relation: Relation,
    similarity: f64,
) -> Group {
    let members: Vec<Member> = quotes
        .iter()
        .map(|&q| {
            let r = &records[q];
            let role = if !is_role(comparer, &r.role) {
                doc_roles
                    .get(&(r.doc.as_str(), speaker_key(&r.speaker_id, &r.speaker)))
                    .copied()
                    .unwrap_or("")
            } else {
                r.role.as_str()
            };
            Member {
                doc: r.doc.clone(),
                outlet: r.outlet.clone(),
                start: r.start,
                end: r.end,
                quote: r.quote.clone(),
                speaker: r.speaker.clone(),
                role: role.to_string(),
                speaker_id: r.speaker_id.clone(),
                known_role: r.known_role.clone(),
                kind: r.kind,
                paragraph: r.paragraph,
                date: r.date.clone(),
                title: r.title.clone(),
                url: r.url.clone(),
            }
        })
        .collect();
    let unit = |q: usize| &units.units[units.unit_of[q] as usize];
    // The reference is the longest quote: every other member is then (mostly) a part or a
    // rewording of it.
    let reference = (0..quotes.len()).fold(0, |best, i| {
        if unit(quotes[i]).stems.len() > unit(quotes[best]).stems.len() {
            i
        } else {
            best
        }
    });
    let mut aligner = Aligner::new();
    let rq = quotes[reference];
    let mut diff = Vec::new();
    for (m, &q) in quotes.iter().enumerate() {
        if m == reference {
            continue;
        }
        let al = aligner.fit(unit(q).side(), unit(rq).side());
        let ops = diff_ops(
            &al.steps,
            (&records[q].quote, units.spans(q), &unit(q).forms),
            (&records[rq].quote, units.spans(rq), &unit(rq).forms),
        );
        diff.push(MemberDiff { member: m, ops });
    }
    let mut flags = Vec::new();
    let mut notes = Vec::new();
    if diff
        .iter()
        .any(|d| d.ops.iter().any(|o| matches!(o.op, OpKind::Changed | OpKind::Dropped | OpKind::Added)))
    {
        flags.push(Flag::Wording);
    }
    speaker_conflicts(&members, &mut flags, &mut notes);
    role_conflicts(comparer, &members, &mut flags, &mut notes);
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

/// Words of a speaker name, for comparing names without a gazetteer id.
fn name_words(name: &str) -> Vec<String> {
    speaker_key("", name).split(' ').filter(|w| !w.is_empty()).map(String::from).collect()
}

/// Two members name the same speaker: the same gazetteer id, or (without ids) the same name or
/// one name the end of the other ("Nuland" / "Victoria Nuland").
fn same_speaker(a: &Member, b: &Member) -> bool {
    if !a.speaker_id.is_empty() && !b.speaker_id.is_empty() {
        return a.speaker_id == b.speaker_id;
    }
    let (x, y) = (name_words(&a.speaker), name_words(&b.speaker));
    let (short, long) = if x.len() <= y.len() { (&x, &y) } else { (&y, &x) };
    !short.is_empty() && long.ends_with(short)
}

fn doc_list(members: &[&Member]) -> String {
    let mut docs: Vec<String> = members.iter().map(|m| m.source()).collect();
    docs.dedup();
    docs.join(", ")
}

fn speaker_conflicts(members: &[Member], flags: &mut Vec<Flag>, notes: &mut Vec<String>) {
    // Distinct speakers in member order, each with the members that give it.
    let mut speakers: Vec<Vec<&Member>> = Vec::new();
    for m in members.iter().filter(|m| !m.speaker.trim().is_empty()) {
        match speakers.iter_mut().find(|s| same_speaker(s[0], m)) {
            Some(s) => s.push(m),
            None => speakers.push(vec![m]),
        }
    }
    if speakers.len() > 1 {
        flags.push(Flag::SpeakerConflict);
        let parts: Vec<String> =
            speakers.iter().map(|s| format!("{} ({})", s[0].speaker, doc_list(s))).collect();
        notes.push(format!("speakers differ: {}", parts.join(" vs ")));
    }
}

fn role_conflicts(comparer: &Comparer, members: &[Member], flags: &mut Vec<Flag>, notes: &mut Vec<String>) {
    let before = notes.len();
    let with_role: Vec<&Member> =
        members.iter().filter(|m| !m.role.trim().is_empty() && !m.speaker.trim().is_empty()).collect();
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for (i, a) in with_role.iter().enumerate() {
        for b in &with_role[i + 1..] {
            if a.doc == b.doc || !same_speaker(a, b) || seen.contains(&(&a.role, &b.role)) {
                continue;
            }
            if !comparer.roles.agree(&a.role, &b.role) {
                seen.push((&a.role, &b.role));
                notes.push(format!(
                    "roles differ for {}: “{}” ({}) vs “{}” ({})",
                    a.speaker,
                    a.role,
                    a.source(),
                    b.role,
                    b.source()
                ));
            }
        }
    }
    let mut checked: Vec<(&str, &str)> = Vec::new();
    for m in &with_role {
        if checked.contains(&(&m.speaker, &m.role)) {
            continue;
        }
        checked.push((&m.speaker, &m.role));
        if let Some(known) = comparer.roles.contradicts(&m.speaker_id, &m.speaker, &m.role, &m.known_role) {
            notes.push(format!(
                "{} is called “{}” in {}, but the gazetteer has “{}”",
                m.speaker,
                m.role,
                m.source(),
                known
            ));
        }
    }
    if notes.len() > before {
        flags.push(Flag::RoleConflict);
    }
}

fn majority_speaker(members: &[Member]) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for m in members.iter().filter(|m| !m.speaker.trim().is_empty()) {
        match counts.iter_mut().find(|(s, _)| *s == m.speaker) {
            Some(c) => c.1 += 1,
            None => counts.push((&m.speaker, 1)),
        }
    }
    let best = counts.iter().map(|c| c.1).max().unwrap_or(0);
    counts.iter().find(|c| c.1 == best).map(|c| c.0.to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::super::{CompareOptions, Comparer};
    use super::*;
    use crate::record::QuoteKind;

    fn record(doc: &str, quote: &str, speaker: &str) -> QuoteRecord {
        QuoteRecord {
            doc: doc.into(),
            outlet: String::new(),
            paragraph: 1,
            start: 0,
            end: quote.chars().count() as u64,
            quote: quote.into(),
            kind: QuoteKind::Partial,
            speaker: speaker.into(),
            speaker_id: String::new(),
            role: String::new(),
            known_role: String::new(),
            cue: "said".into(),
            method: None,
            mention: String::new(),
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
            record("c", "stop closing libraries", "Cy Dent"),
        ];
        let g = groups(&records);
        assert_eq!(g.len(), 1, "{g:?}");
        assert!(g[0].contains(&"c".to_string()) && g[0].len() == 2, "{g:?}");
    }

    #[test]
    fn a_speakers_fragments_tie_the_reports_that_hold_them() {
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
        assert_eq!(groups(&records), vec![vec!["a", "b", "c", "c"]]);
        // Given to someone else, each fragment joins one report only, and nothing ties a and b.
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
