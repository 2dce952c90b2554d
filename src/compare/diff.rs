//! A diff-based alignment for quotes too long for the cell-by-cell one of [`super::align`]:
//! the words both quotes share, in order, found in memory linear in their length.
//!
//! Patience diff: common leading and trailing runs are matched first; then the words that
//! occur exactly once in each side, in the longest increasing order, anchor the alignment, and
//! the stretches between anchors are aligned the same way; a stretch small enough is aligned
//! exactly (longest common subsequence). A stretch with no word unique to both sides is left
//! unmatched (a change): on long repetitive text this finds fewer kept words than the exact
//! alignment, never more.

use std::collections::HashMap;
use std::ops::Range;

/// Stretches with at most this many cells (words of one side × words of the other) are
/// aligned exactly: 1 M cells, 4 MB.
const EXACT_CELLS: usize = 1 << 20;

/// Matched word pairs `(i, j)` (`a[i] == b[j]`), increasing in both `i` and `j`.
pub fn matches(a: &[u32], b: &[u32]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut stack: Vec<(Range<usize>, Range<usize>)> = vec![(0..a.len(), 0..b.len())];
    while let Some((ra, rb)) = stack.pop() {
        let (mut sa, mut sb) = (ra.start, rb.start);
        while sa < ra.end && sb < rb.end && a[sa] == b[sb] {
            out.push((sa, sb));
            sa += 1;
            sb += 1;
        }
        let (mut ea, mut eb) = (ra.end, rb.end);
        while ea > sa && eb > sb && a[ea - 1] == b[eb - 1] {
            ea -= 1;
            eb -= 1;
            out.push((ea, eb));
        }
        let (la, lb) = (ea - sa, eb - sb);
        if la == 0 || lb == 0 {
            continue;
        }
        if la.saturating_mul(lb) <= EXACT_CELLS {
            out.extend(lcs(&a[sa..ea], &b[sb..eb]).into_iter().map(|(i, j)| (sa + i, sb + j)));
            continue;
        }
        let anchors = unique_anchors(&a[sa..ea], &b[sb..eb]);
        let (mut pa, mut pb) = (sa, sb);
        for (i, j) in anchors {
            let (i, j) = (sa + i, sb + j);
            out.push((i, j));
            stack.push((pa..i, pb..j));
            (pa, pb) = (i + 1, j + 1);
        }
        if (pa, pb) != (sa, sb) {
            stack.push((pa..ea, pb..eb));
        }
    }
    out.sort_unstable();
    out
}

/// Words once in each side, as `(i, j)`, in the longest order increasing on both sides.
fn unique_anchors(a: &[u32], b: &[u32]) -> Vec<(usize, usize)> {
    // (count in a, count in b, position in a, position in b)
    let mut seen: HashMap<u32, (u32, u32, usize, usize)> = HashMap::new();
    for (i, &w) in a.iter().enumerate() {
        let e = seen.entry(w).or_insert((0, 0, i, 0));
        e.0 += 1;
    }
    for (j, &w) in b.iter().enumerate() {
        if let Some(e) = seen.get_mut(&w) {
            e.1 += 1;
            e.3 = j;
        }
    }
    let mut pairs: Vec<(usize, usize)> =
        seen.into_values().filter(|e| e.0 == 1 && e.1 == 1).map(|e| (e.2, e.3)).collect();
    pairs.sort_unstable();
    longest_increasing(&pairs)
}

/// The longest subsequence of `pairs` (sorted by `i`) increasing in `j` (patience sorting).
fn longest_increasing(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut tails: Vec<usize> = Vec::new();
    let mut prev = vec![usize::MAX; pairs.len()];
    for (k, &(_, j)) in pairs.iter().enumerate() {
        let pos = tails.partition_point(|&t| pairs[t].1 < j);
        if pos > 0 {
            prev[k] = tails[pos - 1];
        }
        if pos == tails.len() {
            tails.push(k);
        } else {
            tails[pos] = k;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut k = tails.last().copied().unwrap_or(usize::MAX);
    while k != usize::MAX {
        out.push(pairs[k]);
        k = prev[k];
    }
    out.reverse();
    out
}

/// An exact longest common subsequence of two short stretches.
fn lcs(a: &[u32], b: &[u32]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    let w = m + 1;
    let mut t = vec![0u32; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            t[i * w + j] = if a[i] == b[j] {
                t[(i + 1) * w + j + 1] + 1
            } else {
                t[(i + 1) * w + j].max(t[i * w + j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < m {
        if a[i] == b[j] {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if t[(i + 1) * w + j] >= t[i * w + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<u32> {
        s.bytes().map(u32::from).collect()
    }

    #[test]
    fn small_stretches_are_exact() {
        let m = matches(&words("abcxdef"), &words("abcydef"));
        assert_eq!(m.len(), 6);
        assert_eq!(matches(&words("abc"), &words("xyz")), vec![]);
    }

    #[test]
    fn long_sequences_are_anchored_on_unique_words() {
        // Two sequences of 3,000 distinct words, one with a word changed every 100.
        let a: Vec<u32> = (0..3000).collect();
        let b: Vec<u32> = (0..3000).map(|i| if i % 100 == 50 { 100_000 + i } else { i }).collect();
        let m = matches(&a, &b);
        assert_eq!(m.len(), 2970);
        assert!(m.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1));
        assert!(m.iter().all(|&(i, j)| a[i] == b[j]));
    }

    #[test]
    fn moved_block_keeps_the_longest_order() {
        let a: Vec<u32> = (0..2000).collect();
        let mut b: Vec<u32> = (1000..2000).collect();
        b.extend(0..1000);
        assert_eq!(matches(&a, &b).len(), 1000);
    }
}
