//! `whosaid compare` on invented texts of the shapes that made false groups on real news
//! (issue 12): short common phrases, chains, titles, one speaker on two occasions, generic
//! frames, nested quotes; the flags and why they are raised; linear time in a group's size and
//! a quote's length; and the `compare --records` and terminal promises of issue 10.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

mod common;

use whosaid::compare::{CompareOptions, Comparer, Flag, Group};
use whosaid::{Gazetteer, Method, QuoteKind, QuoteRecord};

/// A record of `quote` in `doc`, given to `speaker` explicitly.
fn rec(doc: &str, quote: &str, speaker: &str) -> QuoteRecord {
    QuoteRecord {
        doc: doc.into(),
        paragraph: 1,
        end: quote.chars().count() as u64,
        quote: quote.into(),
        kind: QuoteKind::Full,
        speaker: speaker.into(),
        cue: "said".into(),
        method: Some(Method::Explicit),
        mention: speaker.into(),
        confidence: 1.0,
        ..QuoteRecord::default()
    }
}

fn with(mut r: QuoteRecord, f: impl FnOnce(&mut QuoteRecord)) -> QuoteRecord {
    f(&mut r);
    r
}

fn compare(records: &[QuoteRecord]) -> Vec<Group> {
    Comparer::new(None, CompareOptions::default()).compare(records)
}

/// The documents of each group.
fn docs(records: &[QuoteRecord]) -> Vec<Vec<String>> {
    compare(records).into_iter().map(|g| g.members.into_iter().map(|m| m.doc).collect()).collect()
}

/// A long sentence about a harbour, for rows that need one.
const HARBOUR: &str = "The harbour authority has ignored every warning about the sea wall for ten years";

/// Two quotes of Ana Ruiz in articles eight months apart.
fn months_apart(a: &str, b: &str) -> Vec<QuoteRecord> {
    vec![rec("a_2024-01-10", a, "Ana Ruiz"), rec("b_2024-09-10", b, "Ana Ruiz")]
}

#[test]
fn false_merge_shapes_make_no_group() {
    let rows: &[(&str, Vec<QuoteRecord>)] = &[
        (
            "a short common phrase from two people",
            vec![
                rec("a_2024-03-01", "a disgrace", "Mayor Ana Ruiz"),
                rec("b_2024-03-02", "a disgrace.", "Coach Bo Chen"),
            ],
        ),
        (
            "a one-word answer from one person in two articles",
            vec![rec("a_2024-03-01", "No.", "Ana Ruiz"), rec("b_2024-03-02", "no", "Ana Ruiz")],
        ),
        (
            "a show name",
            vec![
                rec("a_2024-03-01", "Sunday Roundtable.", "Ana Ruiz"),
                rec("b_2024-03-02", "Sunday Roundtable", "Ana Ruiz"),
            ],
        ),
        (
            "a classification label",
            vec![
                rec("a_2024-03-01", "top secret", "Ana Ruiz"),
                rec("b_2024-03-02", "top secret.", "Bo Chen"),
            ],
        ),
        (
            "a stock line at two rallies months apart",
            vec![
                rec("a_2024-01-10", "We are going to build the new bridge,", "Ana Ruiz"),
                rec("b_2024-06-20", "We are going to build the new bridge.", "Ana Ruiz"),
            ],
        ),
        (
            "a generic frame about two people",
            vec![
                rec(
                    "a_2024-03-01",
                    "I am a big fan of Maria Lopez and all her work for the harbour",
                    "Cy Dent",
                ),
                rec("b_2024-03-02", "I am a big fan of Tom Berg and all his work for the harbour", "Di Eng"),
            ],
        ),
        (
            "a short phrase of two people of one surname, each named in full",
            vec![
                with(rec("a_2024-03-01", "utterly spineless", "Ana Ruiz"), |r| {
                    r.speaker_id = "ana-ruiz".into()
                }),
                with(rec("b_2024-03-02", "utterly spineless.", "Ben Ruiz"), |r| {
                    r.speaker_id = "ben-ruiz".into()
                }),
            ],
        ),
        (
            "a long stock line reworded at a rally months later",
            months_apart(
                HARBOUR,
                "The port authority has ignored all the warnings about the old sea wall for a decade now",
            ),
        ),
        (
            "a critic quoting a slogan",
            vec![
                rec("a_2024-03-01", "Fares down, trams on!", "Ana Ruiz"),
                rec(
                    "b_2024-03-02",
                    "They shout “fares down, trams on” and then vote against every tram budget",
                    "Bo Chen",
                ),
            ],
        ),
    ];
    for (shape, records) in rows {
        assert_eq!(docs(records), Vec::<Vec<String>>::new(), "{shape}");
    }
}

#[test]
fn true_reports_of_those_shapes_still_group() {
    let rows: &[(&str, Vec<QuoteRecord>)] = &[
        (
            "a stock line reported twice in one week",
            vec![
                rec("a_2024-01-10", "We are going to build the new bridge,", "Ana Ruiz"),
                rec("b_2024-01-12", "We are going to build the new bridge.", "Ana Ruiz"),
            ],
        ),
        (
            "a short distinctive phrase of one speaker",
            vec![
                rec("a_2024-03-01", "utterly spineless", "Ana Ruiz"),
                rec("b_2024-03-02", "utterly spineless.", "Ana Ruiz"),
            ],
        ),
        (
            "a long passage printed again months later",
            months_apart(HARBOUR, "The harbour authority has ignored every warning about the sea wall for ten years."),
        ),
        (
            "a long passage printed again months later with two words transcribed differently",
            months_apart(
                "I am not a born harbour master, in case you have not noticed, like my father or my brother,",
                "I am not a born harbour master, in case you have not noticed, unlike my father and my brother.",
            ),
        ),
        (
            "a short phrase whose speaker one article names by a surname shared with the other's",
            vec![
                with(rec("a_2024-03-01", "utterly spineless", "Ana Ruiz"), |r| r.speaker_id = "ana-ruiz".into()),
                with(rec("b_2024-03-02", "utterly spineless.", "Ben Ruiz"), |r| {
                    r.speaker_id = "ben-ruiz".into();
                    r.method = Some(Method::Surname);
                    r.mention = "Ruiz".into();
                }),
            ],
        ),
        (
            "a whole sentence of twelve words or more with few content words, months later",
            vec![
                rec(
                    "a_2024-01-10",
                    "I have a real doubt as to whether or not they want to do it,",
                    "Ana Ruiz",
                ),
                rec(
                    "b_2024-06-20",
                    "I have a real doubt as to whether or not they want to do it.",
                    "Ana Ruiz",
                ),
            ],
        ),
        (
            "a sentence of eight words or more, one report without a speaker",
            vec![
                unnamed("a_2024-03-01", "So far I cannot believe how calm it has been in here."),
                rec("b_2024-03-02", "I cannot believe how calm it has been in here,", "Ana Ruiz"),
            ],
        ),
    ];
    for (shape, records) in rows {
        assert_eq!(docs(records).len(), 1, "{shape}");
    }
}

#[test]
fn words_quoted_inside_another_quote_join_their_statement_at_their_own_place() {
    let inner = "we will open the new harbour tunnel before the end of next summer";
    let critic = format!("She promised ‘{inner}’ and nothing has happened since then.");
    let records = [
        rec("a_2024-03-01", "We will open the new harbour tunnel before the end of next summer,", "Ana Ruiz"),
        rec("b_2024-03-05", &critic, "Bo Chen"),
    ];
    let groups = compare(&records);
    assert_eq!(groups.len(), 1);
    let b = &groups[0].members[1];
    // The member is the inner quote, where it stands in the critic's quote, with no speaker.
    assert_eq!((b.doc.as_str(), b.quote.as_str(), b.speaker.as_str()), ("b_2024-03-05", inner, ""));
    assert_eq!((b.start, b.end), (14, 14 + inner.chars().count() as u64));
}

/// A record of a whole sentence that the extractor gave no speaker.
fn unnamed(doc: &str, quote: &str) -> QuoteRecord {
    with(rec(doc, quote, ""), |r| {
        r.cue = String::new();
        r.method = None;
        r.mention = String::new();
        r.confidence = 0.0;
    })
}

#[test]
fn a_part_of_a_member_joins_the_members_group() {
    // a and b quote overlapping stretches of one statement; c quotes the end of b only, which
    // a does not hold. c is a part of b, so it is a part of the statement.
    let w = "The harbour board met in secret for the third time this spring and again last week in the old customs house";
    let x = "and nobody on the council was told what the board decided about the ferry fares.";
    let y = "It would be a failure of duty not to publish the minutes";
    let records = [
        rec("a", &format!("{w} {x}"), "Ana Ruiz"),
        rec("b", &format!("{x} {y}"), "Ana Ruiz"),
        rec("c", y, "Ana Ruiz"),
    ];
    assert_eq!(docs(&records), vec![vec!["a".to_string(), "b".to_string(), "c".to_string()]]);
}

#[test]
fn groups_handed_out_one_at_a_time_are_those_of_compare() {
    let q = HARBOUR;
    let records = [
        rec("c", q, "Ana Ruiz"),
        rec("a", "utterly spineless", "Bo Chen"),
        rec("b", q, "Ana Ruiz"),
        rec("d", "utterly spineless.", "Bo Chen"),
    ];
    let comparer = Comparer::new(None, CompareOptions::default());
    let mut each = Vec::new();
    let stopped = comparer.compare_each(&records, |g| {
        each.push(g);
        if each.len() == 1 {
            Ok(())
        } else {
            Err("stop")
        }
    });
    assert_eq!(stopped, Err("stop"));
    assert_eq!(each, comparer.compare(&records));
    assert_eq!(each.iter().map(|g| g.group).collect::<Vec<_>>(), vec![1, 2]);
}

#[test]
fn no_chains_a_member_matches_the_reference() {
    // Two speeches share one phrase; a third quote is that phrase. The phrase joins the
    // longer speech only, and nothing ties the two speeches together.
    let a = "the port will hire two hundred dockers before summer, and we will lower the harbour taxes for every small boat owner in the bay";
    let c = "nobody should lower the harbour taxes while the sea wall is still broken and the ferries run late every single morning";
    let records =
        [rec("a", a, "Ana Ruiz"), rec("b", "lower the harbour taxes", "Ana Ruiz"), rec("c", c, "Ana Ruiz")];
    let groups = docs(&records);
    assert_eq!(groups, vec![vec!["a".to_string(), "b".to_string()]]);
}

fn flags_of(records: &[QuoteRecord]) -> (Vec<Flag>, Vec<String>) {
    let g = compare(records);
    assert_eq!(g.len(), 1, "{g:?}");
    (g[0].flags.clone(), g[0].notes.clone())
}

#[test]
fn speaker_conflict_only_between_confident_different_names() {
    let q = HARBOUR;
    let pronoun = |r: QuoteRecord| with(r, |r| r.method = Some(Method::Pronoun));
    let rows: Vec<(&str, Vec<QuoteRecord>, Option<Flag>)> = vec![
        (
            "both explicit, two people",
            vec![rec("a", q, "Ana Ruiz"), rec("b", q, "Bo Chen")],
            Some(Flag::SpeakerConflict),
        ),
        (
            "one inferred from a pronoun",
            vec![rec("a", q, "Ana Ruiz"), pronoun(rec("b", q, "Bo Chen"))],
            Some(Flag::SpeakerUnclear),
        ),
        ("a middle initial", vec![rec("a", q, "Ana M. Ruiz"), rec("b", q, "Ana Ruiz")], None),
        ("a surname alone", vec![rec("a", q, "Ruiz"), rec("b", q, "Ana Ruiz")], None),
        ("a name with and without accents", vec![rec("a", q, "Inés Muñoz"), rec("b", q, "Ines Munoz")], None),
        ("a description and a name", vec![rec("a", q, "the harbour master"), rec("b", q, "Ana Ruiz")], None),
        (
            "a relay: X quoted Y as saying",
            vec![rec("a", q, "Ana Ruiz"), with(rec("b", q, "Bo Chen"), |r| r.cue = "as saying".into())],
            Some(Flag::SpeakerUnclear),
        ),
        (
            "an organisation and a person",
            vec![
                rec("a", q, "Ana Ruiz"),
                with(rec("b", q, "Harbour Authority"), |r| r.method = Some(Method::Organization)),
            ],
            Some(Flag::SpeakerUnclear),
        ),
    ];
    for (shape, records, want) in rows {
        let (flags, notes) = flags_of(&records);
        let got = flags.iter().copied().find(|f| matches!(f, Flag::SpeakerConflict | Flag::SpeakerUnclear));
        assert_eq!(got, want, "{shape}: {notes:?}");
        if let Some(f) = want {
            assert!(
                notes.iter().any(|n| n.starts_with(f.as_str())),
                "{shape}: every flag says why: {notes:?}"
            );
        }
    }
}

#[test]
fn role_conflict_uses_the_role_held_on_the_articles_date() {
    let mut g = Gazetteer::empty();
    g.add_entries_csv(
        "p.csv",
        "id,name,kind,gender,surname,aliases,roles\n\
         ana-ruiz,Ana Ruiz,person,female,,,Governor|State of X|XX|2015-2019;President|Republic of X|XX|2021-\n",
    )
    .unwrap();
    let q = HARBOUR;
    let r = |doc: &str, role: &str| {
        with(rec(doc, q, "Ana Ruiz"), |r| {
            r.speaker_id = "ana-ruiz".into();
            r.role = role.into();
        })
    };
    let comparer = Comparer::new(Some(&g), CompareOptions::default());
    // In 2017 she was governor: "President" is a title she did not hold yet.
    let early = comparer.compare(&[r("a_2017-05-01", "President"), r("b_2017-05-02", "")]);
    assert!(early[0].flags.contains(&Flag::RoleConflict), "{:?}", early[0].notes);
    assert!(
        early[0].notes.iter().any(|n| n.starts_with("role_conflict") && n.contains("Governor")),
        "{:?}",
        early[0].notes
    );
    // In 2022 she is.
    let late = comparer.compare(&[r("a_2022-05-01", "President"), r("b_2022-05-02", "")]);
    assert!(!late[0].flags.contains(&Flag::RoleConflict), "{:?}", late[0].notes);
    // A role taken from someone else in the article (the record's own role is empty) is not hers.
    let other = comparer.compare(&[r("a_2017-05-01", ""), r("b_2017-05-02", "")]);
    assert!(!other[0].flags.contains(&Flag::RoleConflict), "{:?}", other[0].notes);
}

/// Time grows linearly with a group's size (copies of one attributed quote with roles, as wire
/// copy makes) and with a quote's length (two long quotes of one passage): 8 times the input
/// may take at most 16 times as long (quadratic would be 64). It checks complexity, not speed.
#[test]
fn comparison_time_is_linear_in_group_size_and_quote_length() {
    let comparer = Comparer::new(None, CompareOptions::default());
    let copies = |n: usize| {
        let roles = ["mayor", "the city's mayor", "deputy mayor"];
        let records: Vec<QuoteRecord> = (0..n)
            .map(|i| {
                with(
                    rec(
                        &format!("d{i}"),
                        "We will not raise the bus fares this year, whatever the council says.",
                        "Ana Ruiz",
                    ),
                    |r| r.role = roles[i % 3].into(),
                )
            })
            .collect();
        let t = common::CpuTimer::start();
        let g = comparer.compare(&records);
        assert_eq!(g.len(), 1);
        t.elapsed()
    };
    let long = |words: usize| {
        let text: Vec<String> = (0..words).map(|i| format!("w{}", i * 7919 % 100_003)).collect();
        let changed: Vec<String> = text
            .iter()
            .enumerate()
            .map(|(i, w)| if i % 50 == 25 { format!("{w}x") } else { w.clone() })
            .collect();
        let records = [rec("a", &text.join(" "), "Ana Ruiz"), rec("b", &changed.join(" "), "Ana Ruiz")];
        let t = common::CpuTimer::start();
        let g = comparer.compare(&records);
        assert_eq!(g.len(), 1);
        t.elapsed()
    };
    // One worker, so that the measuring thread's CPU time is all the work (see `CpuTimer`).
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("a thread pool");
    let timings = pool.install(|| {
        [
            ("group size", common::best_of(&1_000, &8_000, |&n| copies(n))),
            ("quote length", common::best_of(&4_000, &32_000, |&n| long(n))),
        ]
    });
    for (name, (ts, tl)) in timings {
        let ratio = tl.as_secs_f64() / ts.as_secs_f64().max(1e-6);
        eprintln!("{name}: {ts:?} then {tl:?}, ratio {ratio:.1}");
        assert!(
            tl < Duration::from_millis(20) || ratio < 16.0,
            "{name}: 8 times the input takes {ratio:.1} times as long"
        );
    }
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = bin()
        .args(args)
        .current_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code().unwrap(), String::from_utf8_lossy(&out.stdout).into_owned(), stderr)
}

fn jsonl(records: &[QuoteRecord]) -> Vec<u8> {
    records
        .iter()
        .flat_map(|r| serde_json::to_string(r).unwrap().into_bytes().into_iter().chain([b'\n']))
        .collect()
}

#[test]
fn records_file_with_bad_lines_skips_and_names_them() {
    let q = HARBOUR;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quotes.jsonl");
    let mut data = jsonl(&[rec("a", q, "Ana Ruiz")]);
    data.extend_from_slice(b"{\"doc\": \"x\", \"quote\": \xff\xfe}\n");
    data.extend(jsonl(&[rec("b", q, "Ana Ruiz")]));
    data.extend_from_slice(b"{\"doc\": \"c\", \"quo");
    std::fs::write(&path, data).unwrap();
    let (code, out, err) = run(&["compare", "--format", "jsonl", "--records", path.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("quotes.jsonl:2") && err.contains("quotes.jsonl:4"), "{err}");
    assert_eq!(out.lines().count(), 1, "the good lines are still compared: {out}");
}

#[test]
fn records_given_as_csv_get_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quotes.csv");
    std::fs::write(&path, "doc,outlet,paragraph,start,end,quote\na,,1,0,3,abc\n").unwrap();
    let (code, _, err) = run(&["compare", "--records", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("JSONL"), "{err}");
}

#[test]
fn terminal_report_carries_no_escape_sequences_from_the_text() {
    let q = "The harbour authority \u{1b}]0;owned\u{7}has ignored every \u{1b}[2Jwarning about the sea wall for ten years";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quotes.jsonl");
    std::fs::write(&path, jsonl(&[rec("a", q, "Ana \u{1b}[31mRuiz"), rec("b", q, "Ana \u{1b}[31mRuiz")]))
        .unwrap();
    let (code, out, _) = run(&["compare", "--color", "never", "--records", path.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.contains("Group 1"), "{out}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
}

#[test]
fn a_whole_sentence_without_a_speaker_is_compared() {
    let q = HARBOUR;
    let fragment = with(unnamed("c", "sea wall"), |r| r.kind = QuoteKind::Partial);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quotes.jsonl");
    std::fs::write(&path, jsonl(&[rec("a", q, "Ana Ruiz"), unnamed("b", q), fragment])).unwrap();
    let members = |args: &[&str]| {
        let (code, out, err) = run(args);
        assert_eq!(code, 0, "{err}");
        out.lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["members"].as_array().unwrap().len()
            })
            .collect::<Vec<_>>()
    };
    let file = path.to_str().unwrap();
    assert_eq!(members(&["compare", "--format", "jsonl", "--records", file]), vec![2]);
    // With --all the fragment is compared too (and, without a speaker, joins nothing).
    assert_eq!(members(&["compare", "--format", "jsonl", "--all", "--records", file]), vec![2]);
}

#[test]
fn min_similarity_says_what_it_applies_to() {
    let (_, out, _) = run(&["compare", "--help"]);
    assert!(out.contains("applies to variants only"), "{out}");
}

/// `quote` of `speaker` in `doc` at `start`, in paragraph `paragraph`.
fn at(doc: &str, quote: &str, speaker: &str, start: u64, paragraph: u32) -> QuoteRecord {
    with(rec(doc, quote, speaker), |r| {
        r.start = start;
        r.end = start + quote.chars().count() as u64;
        r.paragraph = paragraph;
    })
}

/// A group member: document, start, whether it joined as a passage neighbour.
type Seat = (String, u64, bool);

/// Each group's members as [`Seat`]s.
fn passages(records: &[QuoteRecord]) -> Vec<Vec<Seat>> {
    compare(records)
        .into_iter()
        .map(|g| {
            let near: Vec<usize> = g.diff.iter().filter(|d| d.passage).map(|d| d.member).collect();
            g.members.iter().enumerate().map(|(i, m)| (m.doc.clone(), m.start, near.contains(&i))).collect()
        })
        .collect()
}

#[test]
fn the_same_speakers_next_words_join_a_match_that_two_reports_print_together() {
    let long = "The bridge will reopen in May once the last of the safety inspections are finished,";
    type Want = Vec<Vec<(&'static str, u64, bool)>>;
    let rows: &[(&str, Vec<QuoteRecord>, Want)] = &[
        (
            // Too short to match on its own (no rare word), but next to a match in both reports.
            "a short line after a matched sentence",
            vec![
                at("a", long, "Ana Ruiz", 100, 3),
                at("a", "We will not let you down.", "Ana Ruiz", 200, 3),
                at("b", long, "Ana Ruiz", 50, 2),
                at("b", "We will not let you down.", "Ana Ruiz", 150, 2),
            ],
            vec![vec![("a", 100, false), ("a", 200, true), ("b", 50, false), ("b", 150, true)]],
        ),
        (
            // One report prints two sentences as one quote, the other as two quotes: the second
            // quote of each report shares a few words only, but both sit next to the match.
            "one quote in one report, two in the other",
            vec![
                at(
                    "a",
                    "Well, to be candid, I am just not ready to back the plan at this point,",
                    "Bo Chen",
                    10,
                    1,
                ),
                at("a", "I am not there yet. And I hope to be, in time.", "Bo Chen", 90, 1),
                at(
                    "b",
                    "I am just not ready to back the plan at this point. I am not there yet,",
                    "Bo Chen",
                    10,
                    4,
                ),
                at("b", "I hope to be.", "Bo Chen", 95, 4),
            ],
            vec![vec![("a", 10, false), ("a", 90, true), ("b", 10, false), ("b", 95, true)]],
        ),
        (
            // Words quoted inside the first quote are not a quote between the two.
            "a quote that quotes someone, then a short line",
            vec![
                at(
                    "a",
                    "Asked ‘will the old bridge ever open again’, my answer is simple: in May,",
                    "Ana Ruiz",
                    100,
                    3,
                ),
                at("a", "We will not let you down.", "Ana Ruiz", 200, 3),
                at(
                    "b",
                    "Asked ‘will the old bridge ever open again’, my answer is simple: in May,",
                    "Ana Ruiz",
                    50,
                    2,
                ),
                at("b", "We will not let you down.", "Ana Ruiz", 150, 2),
            ],
            vec![vec![("a", 100, false), ("a", 200, true), ("b", 50, false), ("b", 150, true)]],
        ),
        (
            "neighbours that share no words stay out",
            vec![
                at("a", long, "Ana Ruiz", 100, 3),
                at("a", "Thank you all for coming.", "Ana Ruiz", 200, 3),
                at("b", long, "Ana Ruiz", 50, 2),
                at("b", "The ferry costs too much.", "Ana Ruiz", 150, 2),
            ],
            vec![vec![("a", 100, false), ("b", 50, false)]],
        ),
        (
            "a neighbour of another speaker stays out",
            vec![
                at("a", long, "Ana Ruiz", 100, 3),
                at("a", "We will not let you down.", "Cy Dent", 200, 3),
                at("b", long, "Ana Ruiz", 50, 2),
                at("b", "We will not let you down.", "Cy Dent", 150, 2),
            ],
            vec![vec![("a", 100, false), ("b", 50, false)]],
        ),
        (
            "a neighbour paragraphs away stays out",
            vec![
                at("a", long, "Ana Ruiz", 100, 3),
                at("a", "We will not let you down.", "Ana Ruiz", 900, 7),
                at("b", long, "Ana Ruiz", 50, 2),
                at("b", "We will not let you down.", "Ana Ruiz", 150, 2),
            ],
            vec![vec![("a", 100, false), ("b", 50, false)]],
        ),
    ];
    for (what, records, want) in rows {
        let want: Vec<Vec<Seat>> =
            want.iter().map(|g| g.iter().map(|&(d, s, p)| (d.to_string(), s, p)).collect()).collect();
        assert_eq!(passages(records), want, "{what}");
    }
}

#[test]
fn two_matched_statements_merge_only_when_three_reports_print_them_together() {
    let first = "The new library on the harbour front will open its doors to readers in the spring,";
    let second = "and the old reading room on Mill Street will become a museum of the town's printing trade.";
    let report = |doc: &str| [at(doc, first, "Ana Ruiz", 10, 2), at(doc, second, "Ana Ruiz", 120, 2)];
    // In two reports (perhaps one article printed twice), each statement is its own group.
    let two: Vec<QuoteRecord> = ["a", "b"].iter().flat_map(|d| report(d)).collect();
    assert_eq!(docs(&two), vec![vec!["a", "b"], vec!["a", "b"]]);
    // In three, they are one passage: one group, the second statement's members marked.
    let three: Vec<QuoteRecord> = ["a", "b", "c"].iter().flat_map(|d| report(d)).collect();
    let got = passages(&three);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].iter().filter(|m| m.2).count(), 3, "{got:?}");
}

#[test]
fn a_short_phrase_joins_an_organisation_and_the_person_it_speaks_through() {
    let mut g = Gazetteer::empty();
    g.add_entries_csv(
        "o.csv",
        "id,name,kind,gender,surname,aliases,roles\n\
         harbour-board,Harbour Safety Board,organization,,,HSB,\n",
    )
    .unwrap();
    let comparer = Comparer::new(Some(&g), CompareOptions::default());
    let board = with(rec("a_2024-03-01", "wholly negligent", "Harbour Safety Board"), |r| {
        r.speaker_id = "harbour-board".into();
        r.method = Some(Method::Organization);
    });
    let chair =
        |role: &str| with(rec("b_2024-03-03", "wholly negligent.", "Cy Dent"), |r| r.role = role.into());
    let rows: &[(&str, Vec<QuoteRecord>, usize)] = &[
        ("the board's acronym in the role", vec![board.clone(), chair("the H.S.B. chair")], 1),
        ("the board's name in the role", vec![board.clone(), chair("chair of the harbour safety board")], 1),
        // The role is given in another article: the same person still speaks for the board.
        (
            "the role given elsewhere",
            vec![
                board.clone(),
                chair(""),
                with(rec("c_2024-03-09", "The sea wall will hold this winter.", "Cy Dent"), |r| {
                    r.role = "HSB chair".into()
                }),
            ],
            1,
        ),
        ("someone with no tie to the board", vec![board.clone(), chair("a retired teacher")], 0),
        (
            "an acronym written as a word is not the board's",
            vec![board.clone(), chair("the hsb-minded chair")],
            0,
        ),
    ];
    for (what, records, want) in rows {
        assert_eq!(comparer.compare(records).len(), *want, "{what}");
    }
}
