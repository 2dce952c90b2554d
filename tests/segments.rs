//! Paragraphs and quote marks: what counts as a paragraph break and as a quote, end to end
//! through the extractor (and the command line where the promise is the CLI's). Regression
//! tests for issue 10 items 11, 14 and 15, and for quote shapes that real news text has. All
//! texts are invented.

mod common;

use std::sync::LazyLock;

use whosaid::{Document, Extractor, Gazetteer, Options};

/// Extracts with `--all`, so that quotes with no speaker show too.
static ALL: LazyLock<Extractor> =
    LazyLock::new(|| Extractor::new(Gazetteer::builtin().unwrap(), Options { all: true }).unwrap());

/// (paragraph, quote, speaker) of each record, after checking that the record's code point
/// offsets select its quote in `text`.
fn records(text: &str) -> Vec<(u32, String, String)> {
    let chars: Vec<char> = text.chars().collect();
    ALL.extract(&Document::new("t", text))
        .into_iter()
        .map(|r| {
            let at: String = chars[r.start as usize..r.end as usize].iter().collect();
            assert_eq!(at, r.quote, "offsets {}..{} in {text:?}", r.start, r.end);
            (r.paragraph, r.quote, r.speaker)
        })
        .collect()
}

fn rec(p: u32, q: &str, s: &str) -> (u32, String, String) {
    (p, q.to_string(), s.to_string())
}

/// Issue 10 #11: every line break of Unicode and old systems separates paragraphs, not only
/// LF; offsets stay on the text as read.
#[test]
fn issue10_11_paragraphs_split_on_every_line_break() {
    for brk in
        ["\n", "\r\n", "\r", "\u{85}", "\u{0b}", "\u{0c}", "\u{2028}", "\u{2029}", "\r\r", "\u{2029}\u{2029}"]
    {
        let text = format!(
            "“We will win,” said Marta Lindqvist.{brk}Her rival spoke next.{brk}“We will not,” said Tomas Berg."
        );
        assert_eq!(
            records(&text),
            vec![rec(1, "We will win,", "Marta Lindqvist"), rec(3, "We will not,", "Tomas Berg")],
            "break {brk:?}"
        );
    }
}

/// Issue 10 #11 at the command line: a file with CR-only line ends (old Mac exports) gives one
/// record per paragraph, with offsets into the file as read.
#[test]
fn issue10_11_cr_only_file_at_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Headline here\r\r“First,” said Marta Lindqvist.\r“Second,” said Tomas Berg.\r";
    common::write(dir.path(), "a.txt", text);
    let run = common::run(dir.path(), &["extract", "--format", "jsonl", "a.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let got: Vec<(u64, u64, u64, String)> = run
        .records()
        .iter()
        .map(|r| {
            let n = |k: &str| r[k].as_u64().unwrap();
            (n("paragraph"), n("start"), n("end"), r["speaker"].as_str().unwrap().to_string())
        })
        .collect();
    let at = |q: &str| text[..text.find(q).unwrap()].chars().count() as u64;
    assert_eq!(
        got,
        vec![
            (2, at("First"), at("First") + 6, "Marta Lindqvist".to_string()),
            (3, at("Second"), at("Second") + 7, "Tomas Berg".to_string()),
        ]
    );
}

/// Issue 10 #14: guillemets with spaces inside, German ‚…‘ and „…“, CJK corner brackets.
#[test]
fn issue10_14_guillemets_low_marks_and_corner_brackets() {
    let rows: &[(&str, &str)] = &[
        ("« Nous gagnerons », a dit Marta Lindqvist.", "Nous gagnerons"),
        ("«\u{a0}Nous gagnerons\u{a0}», a dit Marta Lindqvist.", "Nous gagnerons"),
        ("«\u{202f}Nous gagnerons\u{202f}», a dit Marta Lindqvist.", "Nous gagnerons"),
        ("Er nannte es ‚Unsinn‘ und ging.", "Unsinn"),
        ("„Wir gewinnen“, sagte Marta Lindqvist.", "Wir gewinnen“,"),
        ("林先生说「我们会赢」。", "我们会赢"),
        ("林先生说『我们会赢』。", "我们会赢"),
    ];
    for (text, quote) in rows {
        let got: Vec<String> = records(text).into_iter().map(|(_, q, _)| q).collect();
        let want = quote.trim_end_matches(['“', ',']);
        assert_eq!(got, vec![want.to_string()], "text {text:?}");
    }
    // A quote in white corner brackets inside corner brackets is nested, not a second record.
    let got = records("她说「他告诉我『不要走』然后离开了」。");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].1, "他告诉我『不要走』然后离开了");
}

/// Issue 10 #15: a space or tab right after the opening mark.
#[test]
fn issue10_15_space_after_the_opening_mark() {
    for open in ["“ ", "“\t", "\" ", "“  "] {
        let text = format!("{open}We will fight on,” said Marta Lindqvist.");
        assert_eq!(records(&text), vec![rec(1, "We will fight on,", "Marta Lindqvist")], "{open:?}");
    }
    // A spaced mark never opens a second quote inside an open one: it closes it.
    assert_eq!(
        records("Marta Lindqvist said: “It will not be difficult. ” Then she left."),
        vec![rec(1, "It will not be difficult.", "Marta Lindqvist")]
    );
}

/// Issue 10 #15: a quote broken by a single line break (a short hard-wrapped document, or one
/// stray line break inside a paragraph) is one quote of one paragraph.
#[test]
fn issue10_15_quote_across_a_single_line_break() {
    assert_eq!(
        records("“Line one\nline two,” said Marta Lindqvist."),
        vec![rec(1, "Line one\nline two,", "Marta Lindqvist")]
    );
    assert_eq!(
        records("Tomas Berg spoke first.\n“We have asked for help,” Marta Lindqvist said, “and waited\nfor a long time.”\nThe council met."),
        vec![
            rec(2, "We have asked for help,", "Marta Lindqvist"),
            rec(2, "and waited\nfor a long time.", "Marta Lindqvist"),
        ]
    );
    // A line whose first mark opens a quote stays a paragraph of its own (the multi-paragraph
    // convention), and so does a line after a closed quote.
    assert_eq!(
        records("“First part of it.\n“Second part,” said Marta Lindqvist.\n“Done,” she said.")
            .into_iter()
            .map(|(p, q, _)| (p, q))
            .collect::<Vec<_>>(),
        vec![(1, "First part of it.".to_string()), (2, "Second part,".to_string()), (3, "Done,".to_string())]
    );
}

/// Issue 10 #15: a title whose sentence period or comma sits inside the closing mark is still a
/// title, not speech of the person before it.
#[test]
fn issue10_15_title_ending_in_a_period_is_a_title() {
    for text in [
        "Marta Lindqvist said on “Morning Coffee Hour.”",
        "Marta Lindqvist told “Morning Coffee Hour,” a radio show, about it.",
    ] {
        let got = records(text);
        assert!(got.iter().all(|(_, _, s)| s.is_empty()), "{text}: {got:?}");
    }
    // Speech in capitals is not a title when a word before the last carries punctuation.
    assert_eq!(records("Marta Lindqvist said: “Yes, Sir.”"), vec![rec(1, "Yes, Sir.", "Marta Lindqvist")]);
}

/// Quote shapes of pasted and converted news: invisible bidi marks before the opening mark,
/// a closing-shaped mark that opens its paragraph, an ellipsis right after the opening mark,
/// and a curly quote inside a curly quote.
#[test]
fn quote_shapes_of_pasted_text() {
    let rows: &[(&str, &str)] = &[
        ("\u{202a}”We are ready,” said Marta Lindqvist.", "We are ready,"),
        ("\u{200f}“We are ready,” said Marta Lindqvist.", "We are ready,"),
        ("” … we are ready,” said Marta Lindqvist.", "… we are ready,"),
        ("Marta Lindqvist said: \". . . we are ready.\"", ". . . we are ready."),
        (
            "“It is what she calls “a new start” for us,” said Marta Lindqvist.",
            "It is what she calls “a new start” for us,",
        ),
    ];
    for (text, quote) in rows {
        assert_eq!(records(text), vec![rec(1, quote, "Marta Lindqvist")], "text {text:?}");
    }
    // Curly marks that do not close twice after a second opener: the first opener was stray.
    assert_eq!(
        records("“A stray start. “We are ready,” said Marta Lindqvist.")
            .into_iter()
            .map(|(_, q, s)| (q, s))
            .collect::<Vec<_>>(),
        vec![("We are ready,".to_string(), "Marta Lindqvist".to_string())]
    );
}
