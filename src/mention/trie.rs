//! The patterns as a trie walked from a word start: the mention search only ever runs anchored
//! (from the start of a pattern), so it needs no failure transitions, which are most of the
//! cost of building an Aho-Corasick automaton (0.5 of the 0.7 s it took for 50,000 names).
//!
//! The trie is built in one pass over the patterns in byte order, breadth first, so the
//! children of a node are consecutive nodes and the children of consecutive nodes follow one
//! another: a node's children are the nodes from its `first` to the next node's `first`.

/// A node of the trie (a prefix of some patterns); the root is the empty prefix.
pub(super) type State = u32;

/// No pattern ends at a node.
const NONE: u32 = u32::MAX;

#[derive(Debug, Clone, Copy)]
struct Node {
    /// The node's first child (its children run up to the next node's first child).
    first: u32,
    /// The pattern that is this node's prefix, or [`NONE`].
    pattern: u32,
}

/// The trie of a list of distinct patterns (bytes, matched as they are).
#[derive(Debug)]
pub(super) struct Trie {
    /// One per node, breadth first, then one past the last node: its `first` ends the last
    /// node's children.
    nodes: Vec<Node>,
    /// The byte that leads to each node from its parent (the root's is unused); a node's
    /// children's bytes are in ascending order. Then [`PAD`] zero bytes, so that eight bytes
    /// can be read from any node's.
    bytes: Vec<u8>,
}

/// The bytes after the last node's in [`Trie::bytes`].
const PAD: usize = 8;

impl Trie {
    /// The root: the state before any byte.
    pub(super) const ROOT: State = 0;

    /// The trie of `patterns`, which are distinct; `None` when it would have more nodes than
    /// a `u32` counts.
    pub(super) fn new<P: AsRef<[u8]>>(patterns: &[P]) -> Option<Trie> {
        let pattern = |i: u32| patterns[i as usize].as_ref();
        u32::try_from(patterns.len()).ok()?; // `byte_order`'s indices
        let order = byte_order(patterns);
        let mut nodes = vec![Node { first: 0, pattern: NONE }];
        let mut bytes = vec![0u8];
        // Per node, the patterns that start with its prefix (a range of `order`) and the
        // prefix's length: a breadth-first queue that is the list of nodes itself.
        let mut spans: Vec<(u32, u32, u32)> = vec![(0, order.len() as u32, 0)];
        let mut i = 0;
        while i < spans.len() {
            let (mut lo, hi, depth) = spans[i];
            nodes[i].first = u32::try_from(nodes.len()).ok()?;
            // The patterns are distinct: at most one is the prefix itself, and it sorts first.
            if lo < hi && pattern(order[lo as usize]).len() == depth as usize {
                nodes[i].pattern = order[lo as usize];
                lo += 1;
            }
            while lo < hi {
                let b = pattern(order[lo as usize])[depth as usize];
                let mut end = lo + 1;
                while end < hi && pattern(order[end as usize])[depth as usize] == b {
                    end += 1;
                }
                nodes.push(Node { first: 0, pattern: NONE });
                bytes.push(b);
                spans.push((lo, end, depth + 1));
                lo = end;
            }
            i += 1;
        }
        nodes.push(Node { first: u32::try_from(nodes.len()).ok()?, pattern: NONE });
        bytes.extend([0; PAD]);
        Some(Trie { nodes, bytes })
    }

    /// The state after `b` from `s`, if a pattern goes on that way.
    #[inline]
    pub(super) fn next(&self, s: State, b: u8) -> Option<State> {
        const EACH: u64 = 0x0101_0101_0101_0101;
        let std::ops::Range { start: from, end: to } = self.children(s);
        // The children's bytes eight at a time (a node after a common word has dozens), each
        // `b` turned to a zero byte; the lowest byte flagged is the first zero (a flag above a
        // zero byte may be false, none below), and one past `to` belongs to other nodes.
        let mut at = from;
        while at < to {
            let eight: [u8; 8] = self.bytes[at..at + 8].try_into().expect("padded");
            let x = u64::from_le_bytes(eight) ^ (EACH * u64::from(b));
            let zeros = x.wrapping_sub(EACH) & !x & (EACH * 0x80);
            if zeros != 0 {
                let k = at + zeros.trailing_zeros() as usize / 8;
                return (k < to).then_some(k as State);
            }
            at += 8;
        }
        None
    }

    /// The pattern whose bytes lead from the root to `s`, if one does.
    #[inline]
    pub(super) fn pattern(&self, s: State) -> Option<u32> {
        let p = self.nodes[s as usize].pattern;
        (p != NONE).then_some(p)
    }

    /// The nodes of `s`'s children (and their places in `bytes`, before the padding).
    #[inline]
    fn children(&self, s: State) -> std::ops::Range<usize> {
        self.nodes[s as usize].first as usize..self.nodes[s as usize + 1].first as usize
    }

    /// The bytes that lead on from `s`, in ascending order.
    pub(super) fn next_bytes(&self, s: State) -> &[u8] {
        &self.bytes[self.children(s)]
    }

    /// Whether a pattern goes on past `s`.
    pub(super) fn goes_on(&self, s: State) -> bool {
        !self.children(s).is_empty()
    }

    /// The state after `bytes` from the root, if some pattern starts with them.
    pub(super) fn walk(&self, bytes: &[u8]) -> Option<State> {
        bytes.iter().try_fold(Self::ROOT, |s, &b| self.next(s, b))
    }

    /// Heap memory used, in bytes.
    pub(super) fn memory_usage(&self) -> usize {
        self.nodes.len() * std::mem::size_of::<Node>() + self.bytes.len()
    }
}

/// The indices of `items` in the byte order of their bytes, ties (equal bytes) in index order.
/// Sorted first by their first eight bytes read as one number, in one array: comparing the
/// items themselves reads each from wherever it lies (90,000 patterns of 50,000 names are
/// sorted on every start), and only items that share their first eight bytes are compared so.
pub(super) fn byte_order<P: AsRef<[u8]>>(items: &[P]) -> Vec<u32> {
    let bytes = |i: u32| items[i as usize].as_ref();
    // Zeros after a shorter item's end: it orders before any item it is a prefix of, or ties
    // with one that goes on with zeros (the full comparison settles those).
    let key = |b: &[u8]| {
        let mut eight = [0u8; 8];
        let n = b.len().min(8);
        eight[..n].copy_from_slice(&b[..n]);
        u64::from_be_bytes(eight)
    };
    let mut keyed: Vec<(u64, u32)> = (0..items.len() as u32).map(|i| (key(bytes(i)), i)).collect();
    keyed.sort_unstable();
    let mut order: Vec<u32> = keyed.iter().map(|&(_, i)| i).collect();
    let mut from = 0;
    while from < keyed.len() {
        let to = from + keyed[from..].iter().take_while(|(k, _)| *k == keyed[from].0).count();
        if to - from > 1 {
            order[from..to].sort_by(|&a, &b| bytes(a).cmp(bytes(b)));
        }
        from = to;
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_leads_to_itself_and_only_prefixes_lead_anywhere() {
        let patterns =
            ["said", "barack obama", "obama", "obama-era", "u.s.", "u", "zoë ball", "zoë", "", "a"];
        let trie = Trie::new(&patterns).unwrap();
        for (i, p) in patterns.iter().enumerate() {
            let s = trie.walk(p.as_bytes()).unwrap();
            assert_eq!(trie.pattern(s), Some(i as u32), "{p}");
            // Every proper prefix is a state, a pattern's only when it is one.
            for n in 0..p.len() {
                let s = trie.walk(&p.as_bytes()[..n]).unwrap();
                let own = patterns.iter().position(|q| q.as_bytes() == &p.as_bytes()[..n]);
                assert_eq!(trie.pattern(s), own.map(|x| x as u32), "{p} to {n}");
                assert!(trie.goes_on(s));
            }
        }
        for gone in ["saif", "said ", "barack obamas", "x", "U.S.", "obama-eras"] {
            assert!(trie.walk(gone.as_bytes()).is_none_or(|s| trie.pattern(s).is_none()), "{gone}");
        }
        assert!(trie.walk(b"barack obamas").is_none());
        assert!(!trie.goes_on(trie.walk(b"obama-era").unwrap()));
        assert!(trie.goes_on(trie.walk(b"obama").unwrap()));
    }

    #[test]
    fn a_trie_of_nothing_has_only_its_root() {
        let trie = Trie::new::<&str>(&[]).unwrap();
        assert!(trie.walk(b"").is_some_and(|s| trie.pattern(s).is_none() && !trie.goes_on(s)));
        assert!(trie.walk(b"a").is_none());
    }

    proptest::proptest! {
        /// `byte_order` is the order of a stable sort by the items' bytes, items that share
        /// their first eight bytes, are prefixes of others or hold zero bytes included.
        #[test]
        fn byte_order_is_a_stable_sort_by_bytes(
            items in proptest::collection::vec("(abcdefgh|ab|\\x00)?[\\x00ab]{0,10}", 0..60),
        ) {
            let mut want: Vec<u32> = (0..items.len() as u32).collect();
            want.sort_by(|&a, &b| items[a as usize].as_bytes().cmp(items[b as usize].as_bytes()));
            proptest::prop_assert_eq!(byte_order(&items), want);
        }
    }

    proptest::proptest! {
        /// A node with many children (more than the eight bytes read at a time, a zero byte
        /// among them) leads on by each of their bytes and by no other.
        #[test]
        fn wide_nodes_lead_on_by_their_children_only(
            set in proptest::collection::btree_set("[\\x00a-z0-9 .]{1,3}", 0..80),
            probes in proptest::collection::vec("[\\x00a-z0-9 .é]{1,3}", 0..40),
        ) {
            let patterns: Vec<String> = set.into_iter().collect();
            let trie = Trie::new(&patterns).unwrap();
            for probe in patterns.iter().chain(&probes) {
                let b = probe.as_bytes();
                let is_prefix = patterns.iter().any(|p| p.as_bytes().starts_with(b));
                proptest::prop_assert_eq!(trie.walk(b).is_some(), is_prefix, "{:?}", probe);
            }
        }
    }

    proptest::proptest! {
        /// The trie knows exactly the patterns and their prefixes, whatever the patterns.
        #[test]
        fn the_trie_holds_the_patterns_and_their_prefixes(
            set in proptest::collection::btree_set("[ab .é]{0,6}", 0..30),
            probes in proptest::collection::vec("[ab .é]{0,7}", 0..30),
        ) {
            let patterns: Vec<String> = set.into_iter().collect();
            let trie = Trie::new(&patterns).unwrap();
            for probe in patterns.iter().chain(&probes) {
                let b = probe.as_bytes();
                // The root is the empty prefix, there even with no pattern.
                let is_prefix = b.is_empty() || patterns.iter().any(|p| p.as_bytes().starts_with(b));
                let at = trie.walk(b);
                proptest::prop_assert_eq!(at.is_some(), is_prefix, "{:?}", probe);
                if let Some(s) = at {
                    let own = patterns.iter().position(|p| p.as_bytes() == b).map(|x| x as u32);
                    proptest::prop_assert_eq!(trie.pattern(s), own);
                    let longer = patterns.iter().any(|p| p.len() > b.len() && p.as_bytes().starts_with(b));
                    proptest::prop_assert_eq!(trie.goes_on(s), longer);
                }
            }
        }
    }
}
