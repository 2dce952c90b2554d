//! Test support: a one-paragraph text read as the extractor reads it, for the unit tests.

use std::sync::LazyLock;

use super::{DocContext, Tok};
use crate::gazetteer::Gazetteer;
use crate::lexicon::lexicon;
use crate::mention::Matcher;
use crate::segment;

static BUILT: LazyLock<(Gazetteer, Matcher)> = LazyLock::new(|| {
    let gazetteer = Gazetteer::builtin().expect("built-in gazetteer");
    let matcher = Matcher::new(&gazetteer, lexicon()).expect("built-in matcher");
    (gazetteer, matcher)
});

/// The built-in gazetteer and its matcher, built once for all the tests.
pub(super) fn built() -> &'static (Gazetteer, Matcher) {
    &BUILT
}

/// Runs `f` on the context and tokens of a one-paragraph `text`, its names scanned and its
/// sentence ends found.
pub(super) fn with_paragraph<R>(text: &str, f: impl FnOnce(&mut DocContext<'_>, &[Tok]) -> R) -> R {
    let (gazetteer, matcher) = &*BUILT;
    let para = segment::paragraphs(text)[0];
    let quotes: Vec<_> = segment::quotes(text, para, false).into_iter().filter(|q| !q.nested).collect();
    let mut ctx = DocContext::new(text, matcher, gazetteer, lexicon());
    let toks = ctx.read_paragraph(para, &quotes, 0);
    ctx.prepare_sentences(&toks, None);
    f(&mut ctx, &toks)
}

/// The index of the first token written `word`.
pub(super) fn token_of(text: &str, toks: &[Tok], word: &str) -> usize {
    toks.iter().position(|t| &text[t.s()..t.e()] == word).unwrap_or_else(|| panic!("no `{word}` in {text:?}"))
}
