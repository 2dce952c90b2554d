//! Token-level alignment of two quotes: which words were kept, changed, dropped or added, and
//! which lie outside the stretch the two quotes share.
//!
//! The alignment is local (Smith–Waterman) over stem ids: a kept word scores +2, a changed word
//! −1, a dropped or added word −1, and the running score never falls below zero. So the
//! alignment finds the best shared stretch, bridges a few edits inside it (a kept word pays for
//! two edits), and leaves the words before and after it as *edges*, at no cost: a partial quote
//! inside a longer one, or two quotes that overlap, align as cleanly as two full copies. When
//! both quotes have words just before (or after) the shared stretch, the one word on each side
//! next to it is taken as a changed word ("reasonable" / "legitimate security concerns"): a
//! substitution at the boundary of a quote is common; more words than that means the quotes
//! simply start at different places.

use std::ops::Range;

/// Score of a kept word.
const KEEP: i32 = 2;
/// Score of a changed word (one on each side).
const CHANGE: i32 = -1;
/// Score of a word on one side only.
const GAP: i32 = -1;
/// Score of a kept word when fitting a member into the reference for display: higher, so that
/// a shared word is shown as kept even across a few dropped words ("global [-security and
/// economic-] risks" rather than "[-economic-]{+global+} risks").
const FIT_KEEP: i32 = 3;

/// One step of an alignment of `a` with `b`. Ranges index tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The same words (by stem) in both.
    Same {
        /// Tokens of `a`.
        a: Range<usize>,
        /// Tokens of `b`, as many.
        b: Range<usize>,
    },
    /// Words of `a` replaced by words of `b`.
    Changed {
        /// Tokens of `a`.
        a: Range<usize>,
        /// Tokens of `b`.
        b: Range<usize>,
    },
    /// Words of `a` missing from `b`, inside the shared stretch.
    OnlyA(Range<usize>),
    /// Words of `b` missing from `a`, inside the shared stretch.
    OnlyB(Range<usize>),
    /// Words of `a` before or after the stretch `b` covers.
    EdgeA(Range<usize>),
    /// Words of `b` before or after the stretch `a` covers.
    EdgeB(Range<usize>),
}

/// The alignment of two token sequences with its counts.
#[derive(Debug, Clone, Default)]
pub struct Alignment {
    /// Steps in text order.
    pub steps: Vec<Step>,
    /// Tokens in `a`.
    pub len_a: usize,
    /// Tokens in `b`.
    pub len_b: usize,
    /// Kept words (equal stems).
    pub kept: usize,
    /// Kept words whose forms are equal too.
    pub exact: usize,
    /// Kept content words.
    pub kept_content: usize,
    /// Tokens of `a` in changed steps.
    pub changed_a: usize,
    /// Tokens of `b` in changed steps.
    pub changed_b: usize,
    /// Tokens in `OnlyA` steps.
    pub only_a: usize,
    /// Tokens in `OnlyB` steps.
    pub only_b: usize,
    /// Tokens in `EdgeA` steps.
    pub edge_a: usize,
    /// Tokens in `EdgeB` steps.
    pub edge_b: usize,
}

impl Alignment {
    /// Dice over the whole quotes: 2 × kept / (len a + len b).
    pub fn dice(&self) -> f64 {
        ratio(2 * self.kept, self.len_a + self.len_b)
    }

    /// Dice over the stretch both quotes cover (edges left out).
    pub fn local_dice(&self) -> f64 {
        ratio(2 * self.kept, self.len_a - self.edge_a + self.len_b - self.edge_b)
    }

    /// The share of the shorter quote's words kept in the other.
    pub fn coverage(&self) -> f64 {
        ratio(self.kept, self.len_a.min(self.len_b))
    }

    /// Kept words over the longer side of the shared stretch: how tightly the shorter quote
    /// sits in the longer (1 when it is one unbroken run of it).
    pub fn density(&self) -> f64 {
        ratio(self.kept, (self.len_a - self.edge_a).max(self.len_b - self.edge_b))
    }

    /// Every word kept in the same form and nothing else on either side.
    pub fn is_identical(&self) -> bool {
        self.len_a == self.len_b && self.exact == self.len_a
    }

    /// Edits inside the shared stretch (changed, dropped or added words).
    pub fn has_edits(&self) -> bool {
        self.changed_a + self.changed_b + self.only_a + self.only_b > 0 || self.exact < self.kept
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Aligns token sequences; holds its buffers so that one aligner per thread allocates once.
#[derive(Debug, Default)]
pub struct Aligner {
    score: Vec<i32>,
    dir: Vec<u8>,
    row: Vec<u32>,
}

/// A cell of the alignment matrix: (tokens of `a`, tokens of `b`).
type Cell = (usize, usize);

/// A trace-back path: cells (i, j) with the direction taken into each, in text order.
type Path = Vec<(usize, usize, u8)>;

const DIAG: u8 = 0;
const UP: u8 = 1;
const LEFT: u8 = 2;

impl Aligner {
    /// A new aligner.
    pub fn new() -> Aligner {
        Aligner::default()
    }

    /// Aligns `a` with `b`, compared by stem id; `form_*` and `content_*` (same lengths) tell
    /// exact matches and content words.
    pub fn align(&mut self, a: Side<'_>, b: Side<'_>) -> Alignment {
        let (n, m) = (a.stems.len(), b.stems.len());
        if too_big(n, m) {
            let (path, first, last) = diff_path(a, b);
            return build(a, b, &path, first.unwrap_or((0, 0)), last.unwrap_or((0, 0)));
        }
        let w = m + 1;
        self.score.clear();
        self.score.resize((n + 1) * w, 0);
        self.dir.clear();
        self.dir.resize((n + 1) * w, DIAG);
        let (mut best, mut bi, mut bj) = (0, 0, 0);
        for i in 1..=n {
            let ai = a.stems[i - 1];
            for j in 1..=m {
                let d = self.score[(i - 1) * w + j - 1] + if ai == b.stems[j - 1] { KEEP } else { CHANGE };
                let u = self.score[(i - 1) * w + j] + GAP;
                let l = self.score[i * w + j - 1] + GAP;
                let (s, dir) = if d >= u && d >= l {
                    (d, DIAG)
                } else if u >= l {
                    (u, UP)
                } else {
                    (l, LEFT)
                };
                let s = s.max(0);
                self.score[i * w + j] = s;
                self.dir[i * w + j] = dir;
                if s > best {
                    (best, bi, bj) = (s, i, j);
                }
            }
        }
        // Trace back from the best cell to where the score was zero: the shared stretch.
        let (path, (i, j)) = self.trace(w, (bi, bj), |i, j, score| i > 0 && j > 0 && score > 0);
        build(a, b, &path, (i, j), (bi, bj))
    }

    /// Follows the directions back from `(i, j)` while `go_on(i, j, score)` holds; returns the
    /// path in text order and the cell where it stopped. In column 0 the only way is up.
    fn trace(
        &self,
        w: usize,
        (mut i, mut j): (usize, usize),
        go_on: impl Fn(usize, usize, i32) -> bool,
    ) -> (Path, (usize, usize)) {
        let mut path = Vec::new();
        while go_on(i, j, self.score[i * w + j]) {
            let dir = if j == 0 { UP } else { self.dir[i * w + j] };
            path.push((i, j, dir));
            match dir {
                DIAG => {
                    i -= 1;
                    j -= 1;
                }
                UP => i -= 1,
                _ => j -= 1,
            }
        }
        path.reverse();
        (path, (i, j))
    }

    /// Fits all of `a` into `b`: every word of `a` is kept, changed or added, while `b`'s
    /// words before and after the stretch `a` covers are free edges. Used to show a member
    /// against the (longest) reference quote, so that no word of the member goes unshown.
    pub fn fit(&mut self, a: Side<'_>, b: Side<'_>) -> Alignment {
        let (n, m) = (a.stems.len(), b.stems.len());
        if too_big(n, m) {
            let (path, first, last) = diff_path(a, b);
            return build_fit(a, b, &path, first.map_or(0, |f| f.1), last.map_or(0, |l| l.1));
        }
        let w = m + 1;
        self.score.clear();
        self.score.resize((n + 1) * w, 0);
        self.dir.clear();
        self.dir.resize((n + 1) * w, DIAG);
        for i in 1..=n {
            self.score[i * w] = i as i32 * GAP;
            self.dir[i * w] = UP;
        }
        for i in 1..=n {
            let ai = a.stems[i - 1];
            for j in 1..=m {
                let d =
                    self.score[(i - 1) * w + j - 1] + if ai == b.stems[j - 1] { FIT_KEEP } else { CHANGE };
                let u = self.score[(i - 1) * w + j] + GAP;
                let l = self.score[i * w + j - 1] + GAP;
                let (s, dir) = if d >= u && d >= l {
                    (d, DIAG)
                } else if u >= l {
                    (u, UP)
                } else {
                    (l, LEFT)
                };
                self.score[i * w + j] = s;
                self.dir[i * w + j] = dir;
            }
        }
        // End anywhere on the last row (b's trailing words are free).
        // On a tie the later end wins: a changed last word rather than an added one.
        let bj = (0..=m)
            .fold(0, |best, j| if self.score[n * w + j] >= self.score[n * w + best] { j } else { best });
        let (path, (_, j)) = self.trace(w, (n, bj), |i, _, _| i > 0);
        build_fit(a, b, &path, j, bj)
    }

    /// Length of the longest common subsequence of content words (by stem): word order kept,
    /// everything else ignored. Used to judge paraphrases.
    pub fn content_lcs(&mut self, a: Side<'_>, b: Side<'_>) -> (usize, usize, usize) {
        let ca: Vec<u32> = content_stems(a);
        let cb: Vec<u32> = content_stems(b);
        if too_big(ca.len(), cb.len()) {
            return (super::diff::matches(&ca, &cb).len(), ca.len(), cb.len());
        }
        self.row.clear();
        self.row.resize(cb.len() + 1, 0);
        for x in &ca {
            let mut diag = 0;
            for (j, y) in cb.iter().enumerate() {
                let up = self.row[j + 1];
                self.row[j + 1] = if x == y { diag + 1 } else { up.max(self.row[j]) };
                diag = up;
            }
        }
        (self.row[cb.len()] as usize, ca.len(), cb.len())
    }
}

/// Alignments of more cells than this (words of one side × words of the other) use the
/// diff-based alignment of [`super::diff`], in linear memory: 4 M cells, 20 MB here.
const MAX_CELLS: usize = 1 << 22;

fn too_big(n: usize, m: usize) -> bool {
    (n + 1).saturating_mul(m + 1) > MAX_CELLS
}

/// The diff-based matches of two sides as a trace-back path (cells of kept words), with the
/// cell before the first and the cell of the last.
fn diff_path(a: Side<'_>, b: Side<'_>) -> (Path, Option<Cell>, Option<Cell>) {
    let pairs = super::diff::matches(a.stems, b.stems);
    let path: Path = pairs.iter().map(|&(i, j)| (i + 1, j + 1, DIAG)).collect();
    let first = pairs.first().copied();
    let last = pairs.last().map(|&(i, j)| (i + 1, j + 1));
    (path, first, last)
}

fn content_stems(s: Side<'_>) -> Vec<u32> {
    s.stems.iter().zip(s.content).filter(|(_, &c)| c).map(|(&t, _)| t).collect()
}

/// One quote as the aligner sees it: parallel slices of stem ids, form ids and content flags.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    /// Stem ids.
    pub stems: &'a [u32],
    /// Form ids.
    pub forms: &'a [u32],
    /// Content word or not.
    pub content: &'a [bool],
}

/// Turns the traced path into steps and counts. `start` is the cell before the first step of
/// the path (tokens before it are edges), `end` the last cell.
fn build(
    a: Side<'_>,
    b: Side<'_>,
    path: &[(usize, usize, u8)],
    start: (usize, usize),
    end: (usize, usize),
) -> Alignment {
    let (n, m) = (a.stems.len(), b.stems.len());
    let mut al = Alignment { len_a: n, len_b: m, ..Alignment::default() };
    if path.is_empty() {
        push_edges(&mut al, 0..n, 0..m);
        return al;
    }
    let (mut s0, mut e0) = start;
    let (mut s1, mut e1) = end;
    // One changed word at each boundary when both quotes go on there.
    let lead = s0 > 0 && e0 > 0;
    let trail = s1 < n && e1 < m;
    if lead {
        s0 -= 1;
        e0 -= 1;
    }
    if trail {
        s1 += 1;
        e1 += 1;
    }
    push_edges(&mut al, 0..s0, 0..e0);
    if lead {
        push_step(&mut al, Step::Changed { a: s0..s0 + 1, b: e0..e0 + 1 });
    }
    // Walk the path: kept words are diagonal steps with equal stems; everything between two
    // kept words is one changed step (both sides) or a dropped/added step (one side).
    let (mut pa, mut pb) = (start.0, start.1);
    for &(i, j, dir) in path {
        if dir == DIAG && a.stems[i - 1] == b.stems[j - 1] {
            push_gap(&mut al, pa..i - 1, pb..j - 1);
            push_step(&mut al, Step::Same { a: i - 1..i, b: j - 1..j });
            al.kept += 1;
            al.exact += usize::from(a.forms[i - 1] == b.forms[j - 1]);
            al.kept_content += usize::from(a.content[i - 1]);
            (pa, pb) = (i, j);
        }
    }
    push_gap(&mut al, pa..end.0, pb..end.1);
    if trail {
        push_step(&mut al, Step::Changed { a: end.0..s1, b: end.1..e1 });
    }
    push_edges(&mut al, s1..n, e1..m);
    al
}

/// Steps of a fitting alignment: `b`'s words before `b_start` and from `b_end` are edges,
/// everything of `a` is inside.
fn build_fit(
    a: Side<'_>,
    b: Side<'_>,
    path: &[(usize, usize, u8)],
    b_start: usize,
    b_end: usize,
) -> Alignment {
    let (n, m) = (a.stems.len(), b.stems.len());
    let mut al = Alignment { len_a: n, len_b: m, ..Alignment::default() };
    push_edges(&mut al, 0..0, 0..b_start);
    let (mut pa, mut pb) = (0, b_start);
    for &(i, j, dir) in path {
        if dir == DIAG && a.stems[i - 1] == b.stems[j - 1] {
            push_gap(&mut al, pa..i - 1, pb..j - 1);
            push_step(&mut al, Step::Same { a: i - 1..i, b: j - 1..j });
            al.kept += 1;
            al.exact += usize::from(a.forms[i - 1] == b.forms[j - 1]);
            al.kept_content += usize::from(a.content[i - 1]);
            (pa, pb) = (i, j);
        }
    }
    push_gap(&mut al, pa..n, pb..b_end);
    push_edges(&mut al, 0..0, b_end..m);
    al
}

fn push_edges(al: &mut Alignment, a: Range<usize>, b: Range<usize>) {
    if !a.is_empty() {
        push_step(al, Step::EdgeA(a));
    }
    if !b.is_empty() {
        push_step(al, Step::EdgeB(b));
    }
}

fn push_gap(al: &mut Alignment, a: Range<usize>, b: Range<usize>) {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => {}
        (false, false) => push_step(al, Step::Changed { a, b }),
        (false, true) => push_step(al, Step::OnlyA(a)),
        (true, false) => push_step(al, Step::OnlyB(b)),
    }
}

/// Appends a step, merging a kept word into the kept run before it, and counts it.
fn push_step(al: &mut Alignment, step: Step) {
    match &step {
        Step::Changed { a, b } => {
            al.changed_a += a.len();
            al.changed_b += b.len();
        }
        Step::OnlyA(r) => al.only_a += r.len(),
        Step::OnlyB(r) => al.only_b += r.len(),
        Step::EdgeA(r) => al.edge_a += r.len(),
        Step::EdgeB(r) => al.edge_b += r.len(),
        Step::Same { .. } => {}
    }
    if let (Some(Step::Same { a: pa, b: pb }), Step::Same { a, b }) = (al.steps.last_mut(), &step) {
        if pa.end == a.start && pb.end == b.start {
            pa.end = a.end;
            pb.end = b.end;
            return;
        }
    }
    al.steps.push(step);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Aligns two texts of space-separated words (words equal when equal; a trailing `~` marks
    /// an inflected form: same stem, other form).
    fn align(a: &str, b: &str) -> Alignment {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut side = |t: &str| {
            let mut stems = Vec::new();
            let mut forms = Vec::new();
            for w in t.split_whitespace() {
                let n = ids.len() as u32;
                let f = *ids.entry(w.to_string()).or_insert(n);
                let n = ids.len() as u32;
                let s = *ids.entry(w.trim_end_matches('~').to_string()).or_insert(n);
                stems.push(s);
                forms.push(f);
            }
            (stems, forms)
        };
        let (sa, fa) = side(a);
        let (sb, fb) = side(b);
        let ca = vec![true; sa.len()];
        let cb = vec![true; sb.len()];
        Aligner::new().align(
            Side { stems: &sa, forms: &fa, content: &ca },
            Side { stems: &sb, forms: &fb, content: &cb },
        )
    }

    #[test]
    fn identical() {
        let al = align("a b c d", "a b c d");
        assert!(al.is_identical());
        assert_eq!(al.steps, vec![Step::Same { a: 0..4, b: 0..4 }]);
        assert_eq!(al.dice(), 1.0);
    }

    #[test]
    fn substitution_inside() {
        let al = align("impact on the energy sphere", "impact in the energy sphere");
        assert_eq!(
            al.steps,
            vec![
                Step::Same { a: 0..1, b: 0..1 },
                Step::Changed { a: 1..2, b: 1..2 },
                Step::Same { a: 2..5, b: 2..5 }
            ]
        );
        assert_eq!(al.kept, 4);
        assert!(al.has_edits());
    }

    #[test]
    fn dropped_word_inside() {
        let al = align("stop playing fire on the issue", "stop playing with fire on the issue");
        assert_eq!(al.steps[1], Step::OnlyB(2..3));
        assert_eq!((al.kept, al.only_b, al.edge_a, al.edge_b), (6, 1, 0, 0));
        assert_eq!(al.coverage(), 1.0);
    }

    #[test]
    fn contained_quote_leaves_edges() {
        let al =
            align("x y strengthening or even expanding blocs z", "strengthening or even expanding blocs");
        assert_eq!(al.steps, vec![Step::EdgeA(0..2), Step::Same { a: 2..7, b: 0..5 }, Step::EdgeA(7..8)]);
        assert_eq!(al.coverage(), 1.0);
        assert_eq!(al.density(), 1.0);
        assert!(!al.has_edits());
    }

    #[test]
    fn boundary_word_is_a_change() {
        let al = align("reasonable security concerns", "russia legitimate security concerns should be");
        assert_eq!(
            al.steps,
            vec![
                Step::EdgeB(0..1),
                Step::Changed { a: 0..1, b: 1..2 },
                Step::Same { a: 1..3, b: 2..4 },
                Step::EdgeB(4..6)
            ]
        );
        assert_eq!((al.kept, al.changed_a, al.edge_a), (2, 1, 0));
    }

    #[test]
    fn contiguous_occurrence_wins_over_scattered() {
        let al = align("security concerns", "security and other concerns about security concerns");
        assert_eq!(al.steps[1], Step::Same { a: 0..2, b: 5..7 });
    }

    #[test]
    fn inflected_words_are_kept_but_not_exact() {
        let al = align("hype the crisis", "hype~ the crisis");
        assert_eq!(al.kept, 3);
        assert_eq!(al.exact, 2);
        assert!(!al.is_identical());
        assert!(al.has_edits());
    }

    fn fit(a: &str, b: &str) -> Alignment {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut side = |t: &str| -> Vec<u32> {
            t.split_whitespace()
                .map(|w| {
                    let n = ids.len() as u32;
                    *ids.entry(w.to_string()).or_insert(n)
                })
                .collect()
        };
        let (sa, sb) = (side(a), side(b));
        let (ca, cb) = (vec![true; sa.len()], vec![true; sb.len()]);
        Aligner::new()
            .fit(Side { stems: &sa, forms: &sa, content: &ca }, Side { stems: &sb, forms: &sb, content: &cb })
    }

    #[test]
    fn fit_accounts_for_every_word_of_the_member() {
        let al = fit(
            "refrain from doing things that stir tempers",
            "calls on all to refrain from stoking tempers or worse",
        );
        assert_eq!(
            al.steps,
            vec![
                Step::EdgeB(0..4),
                Step::Same { a: 0..2, b: 4..6 },
                Step::Changed { a: 2..6, b: 6..7 },
                Step::Same { a: 6..7, b: 7..8 },
                Step::EdgeB(8..10)
            ]
        );
        assert_eq!(al.edge_a, 0);
    }

    #[test]
    fn fit_of_a_boundary_change() {
        let al = fit("reasonable security concerns", "russia legitimate security concerns should be");
        assert_eq!(al.steps[1], Step::Changed { a: 0..1, b: 1..2 });
    }

    #[test]
    fn nothing_shared() {
        let al = align("a b", "c d e");
        assert_eq!(al.kept, 0);
        assert_eq!(al.steps, vec![Step::EdgeA(0..2), Step::EdgeB(0..3)]);
    }
}
