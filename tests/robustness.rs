//! Robustness: bad and hostile inputs through the library and the binary, worst-case time on
//! adversarial texts, and the inputs fuzzing found (kept in `tests/regressions/`).
//!
//! `tests/cli.rs` already covers the everyday bad inputs (empty file, blank file, invalid UTF-8,
//! BOM, CRLF, binary and UTF-16 files, bad JSONL lines, missing paths, a malformed gazetteer,
//! a closed pipe, `--csv-safe`); this file adds the large, nested, adversarial and unreadable
//! ones and the cases those tests leave out.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use serde_json::Value;
use whosaid::input::{Event, Inputs};
use whosaid::{Document, Extractor, Gazetteer, Options, QuoteRecord};

/// A plain attributed quote, found by any reasonable extractor.
const QUOTE: &str = "“We will win,” said Antony Blinken.";

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::builtin().unwrap());
static EXTRACTOR_ALL: LazyLock<Extractor> =
    LazyLock::new(|| Extractor::new(Gazetteer::builtin().unwrap(), Options { all: true }).unwrap());

mod common;
use common::{run, write};

fn docs_of(records: &[Value]) -> Vec<&str> {
    let mut docs: Vec<&str> = records.iter().map(|r| r["doc"].as_str().unwrap()).collect();
    docs.dedup();
    docs
}

/// Checks the output contract on library records: offsets are code points inside the text and
/// pick out the quote.
fn assert_offsets(text: &str, records: &[QuoteRecord]) {
    let chars: Vec<char> = text.chars().collect();
    for r in records {
        let (s, e) = (r.start as usize, r.end as usize);
        assert!(s <= e && e <= chars.len(), "offsets {s}..{e} outside {} chars", chars.len());
        assert_eq!(chars[s..e].iter().collect::<String>(), r.quote, "offsets {s}..{e}");
    }
}

fn extract(text: &str) -> Vec<QuoteRecord> {
    let records = EXTRACTOR_ALL.extract(&Document::new("t", text));
    assert_offsets(text, &records);
    records
}

// --- Large and hostile texts. ---

/// An article of `size` bytes on one line (a scraper that lost its line breaks): read as one
/// paragraph, its quotes found at the right offsets.
fn single_line(size: usize) {
    let dir = tempfile::tempdir().unwrap();
    let filler = "The talks went on for hours without a break in the capital city. ";
    let mut text = String::with_capacity(size + 100);
    text.push_str(QUOTE);
    text.push(' ');
    while text.len() < size {
        text.push_str(filler);
    }
    text.push_str(QUOTE);
    write(dir.path(), "long.txt", &text);
    let started = Instant::now();
    let r = run(dir.path(), &["extract", "--format", "jsonl", "long.txt"]);
    let took = started.elapsed();
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    let records = r.records();
    assert_eq!(records.len(), 2, "{}", r.stdout);
    let last = &records[1];
    let chars = text.chars().count() as u64;
    assert_eq!(last["end"].as_u64().unwrap(), chars - QUOTE.chars().count() as u64 + 13);
    assert!(records.iter().all(|r| r["paragraph"] == 1));
    eprintln!("{} MB on one line: {took:?}", size >> 20);
}

/// A 2 MB line in the default suite (about 3 s in a debug build).
#[test]
fn a_long_single_line_is_processed() {
    single_line(2 << 20);
}

/// The full 50 MB line: `cargo test --release --test robustness -- --ignored a_50_mb` (about
/// 70 s in a debug build, a few seconds in release).
#[test]
#[ignore = "slow in a debug build: run with --release"]
fn a_50_mb_single_line_is_processed() {
    single_line(50 << 20);
}

/// 100,000 opening marks that never close: no quote, no crash, no quadratic time.
#[test]
fn a_hundred_thousand_unmatched_quote_marks() {
    for mark in ["“", "\"", "‘", "'", "«", "„", "''"] {
        let text = format!("{}\n", format!("{mark}Hello ").repeat(100_000));
        let records = extract(&text);
        assert!(records.len() <= 1, "{mark}: {} records from unmatched marks", records.len());
    }
    // Closing marks only, and marks alone with spaces around them.
    for text in ["” ".repeat(100_000), "“".repeat(100_000), " \" ".repeat(100_000)] {
        assert!(extract(&text).is_empty());
    }
}

/// The binary, on the same: it reads, says nothing and exits 0.
#[test]
fn unmatched_marks_through_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "marks.txt", format!("{}\n\n{QUOTE}\n", "“Hello ".repeat(100_000)));
    let r = run(dir.path(), &["extract", "--format", "jsonl", "marks.txt"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    let records = r.records();
    assert_eq!(records.last().unwrap()["quote"], "We will win,", "the good quote after them is kept");
}

/// Quotes nested ten thousand deep, in every style: one level of nesting is read, the rest
/// is text; offsets stay right.
#[test]
fn deeply_nested_quotes() {
    let depth = 10_000;
    for (open, close) in [("“", "”"), ("\"", "\""), ("‘", "’"), ("«", "»"), ("“‘", "’”"), ("“\"", "\"”")]
    {
        let text = format!(
            "Wang Yi said {}deep{}, he said.\n\n{QUOTE}",
            format!("{open}a ").repeat(depth),
            format!(" b{close}").repeat(depth)
        );
        let records = extract(&text);
        assert!(
            records.iter().any(|r| r.quote == "We will win," && r.speaker == "Antony Blinken"),
            "{open}…{close}: the next paragraph is still read"
        );
    }
}

/// Nesting as deep as articles really do it: a quote inside a quote inside a quote, American
/// style (“ ‘ “ ” ’ ”). The third-level “ used to be taken for a new opener that made the
/// first one stray: only “no” was found and the whole quote was lost.
#[test]
fn three_levels_of_quotes_are_one_quote() {
    let text = "“He told me ‘they said “no” twice’ yesterday,” said Antony Blinken.";
    let records = EXTRACTOR.extract(&Document::new("t", text));
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0].quote, "He told me ‘they said “no” twice’ yesterday,");
    assert_eq!(records[0].speaker, "Antony Blinken");
}

/// Control characters, lone combining marks, zero-width and bidi characters, U+FFFD and
/// emoji: none ends a paragraph or breaks offsets.
#[test]
fn odd_characters_keep_offsets_right() {
    let odd = [
        "\u{0}",
        "\u{7}",
        "\u{1b}[31m",
        "\u{200b}",
        "\u{200d}",
        "\u{202e}",
        "\u{feff}",
        "\u{fffd}",
        "\u{301}",
        "👩‍👩‍👧",
        "\u{2028}",
        "\u{2029}",
        "\u{85}",
        "\u{b}",
        "\u{c}",
        "\r",
    ];
    for c in odd {
        let text = format!("{c}“We{c} will win,{c}” said{c} Antony Blinken.{c} “Yes{c},” he said.{c}");
        extract(&text);
        let text = format!("“We will win,” said Antony Blinken.{c}\n{c}“Soon.”");
        extract(&text);
    }
}

/// Quote marks at every position of a short text, one at a time and in pairs: the cases at
/// the edges of paragraphs and texts.
#[test]
fn quote_marks_at_every_position() {
    let base = "Wang said, it is a ’90s thing\r\n\nand he’s done.\n";
    let marks = ["“", "”", "\"", "‘", "’", "'", "''", "«", "»", "„"];
    let cuts: Vec<usize> = (0..=base.len()).filter(|&i| base.is_char_boundary(i)).collect();
    for m in marks {
        for &i in &cuts {
            let text = format!("{}{m}{}", &base[..i], &base[i..]);
            extract(&text);
            for &j in cuts.iter().filter(|&&j| j >= i) {
                let text = format!("{}{m}{}{m}{}", &base[..i], &base[i..j], &base[j..]);
                extract(&text);
            }
        }
    }
}

// --- Input reading. ---

/// Invalid UTF-8 on a JSONL line cannot come from a JSON encoder but does from a broken one:
/// the line is read, repaired and named with its number.
#[test]
fn invalid_utf8_in_a_jsonl_line_is_a_warning_with_the_line_number() {
    let dir = tempfile::tempdir().unwrap();
    let good = serde_json::json!({"id": "a", "text": QUOTE}).to_string();
    let bad = [b"{\"id\": \"b\", \"text\": \"Caf\xE9 \xFF. ".as_slice(), QUOTE.as_bytes(), b"\"}"].concat();
    let bytes = [good.as_bytes(), b"\n", &bad, b"\n"].concat();
    write(dir.path(), "feed.jsonl", &bytes);
    let r = run(dir.path(), &["extract", "--format", "jsonl", "feed.jsonl"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "whosaid: warning: feed.jsonl:2: invalid UTF-8 (2 sequences, first at byte 24) replaced with U+FFFD\n"
    );
    let records = r.records();
    assert_eq!(docs_of(&records), ["a", "b"]);
    let text = "Caf\u{fffd} \u{fffd}. ".to_string() + QUOTE;
    let start = records[1]["start"].as_u64().unwrap() as usize;
    assert_eq!(start, text.chars().position(|c| c == '“').unwrap() + 1, "offsets follow the decoded text");
}

/// A BOM, CRLF line ends and blank lines in a JSONL file; lines that are JSON but not
/// documents; a lone surrogate escape; a `text` that is not a string.
#[test]
fn jsonl_odd_lines() {
    let dir = tempfile::tempdir().unwrap();
    let line = |id: &str| serde_json::json!({"id": id, "text": QUOTE}).to_string();
    let lines = [
        format!("\u{feff}{}", line("first")),
        String::new(),
        "   ".into(),
        "[\"id\", \"text\"]".into(),
        "{\"text\": \"\\ud800 lone\"}".into(),
        "{\"text\": 42}".into(),
        "{\"text\": null}".into(),
        "\"just a string\"".into(),
        line("last"),
    ];
    write(dir.path(), "feed.jsonl", lines.join("\r\n"));
    let r = run(dir.path(), &["extract", "--format", "jsonl", "feed.jsonl"]);
    assert_eq!(r.code, 1);
    let errors: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(errors.len(), 5, "{}", r.stderr);
    for (e, n) in errors.iter().zip([4, 5, 6, 7, 8]) {
        assert!(e.starts_with(&format!("whosaid: feed.jsonl:{n}: ")), "{e}");
    }
    assert_eq!(docs_of(&r.records()), ["first", "last"]);
}

/// An empty JSONL file and one of blank lines are not errors.
#[test]
fn empty_jsonl_files() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "empty.jsonl", "");
    write(dir.path(), "blank.jsonl", "\n\r\n  \n");
    write(dir.path(), "bom.txt", "\u{feff}");
    let r = run(dir.path(), &["extract", "--format", "jsonl", "empty.jsonl", "blank.jsonl", "bom.txt"]);
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (0, "", ""));
}

/// A binary text file inside a folder is skipped with its name; a JSONL file whose line starts
/// with binary bytes loses that line only. The rest of the folder is read.
#[test]
fn binary_file_in_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in/a.txt", QUOTE);
    write(dir.path(), "in/b.txt", [0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]);
    write(dir.path(), "in/c.jsonl", b"\x00\x01\x02{\"text\": \"x\"}\n");
    write(dir.path(), "in/d.txt", QUOTE);
    let r = run(dir.path(), &["extract", "--format", "jsonl", "in"]);
    assert_eq!(r.code, 1);
    let path = |n: &str| Path::new("in").join(n).display().to_string();
    assert_eq!(
        r.stderr,
        format!(
            "whosaid: {}: binary file (NUL bytes), skipped\nwhosaid: {}:1: not valid JSON: expected value (column 1)\n",
            path("b.txt"),
            path("c.jsonl")
        )
    );
    assert_eq!(docs_of(&r.records()), ["a", "d"]);
}

/// A path that cannot be opened at all (a symbolic link loop), a folder that cannot be listed
/// (where the system refuses it: not as root) and a file that cannot be read: each is named,
/// the others are processed, the status is 1.
#[test]
fn unreadable_files_and_folders_are_named_and_the_rest_processed() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", QUOTE);
    write(dir.path(), "z.txt", QUOTE);
    std::os::unix::fs::symlink("loop.txt", dir.path().join("loop.txt")).unwrap();
    std::os::unix::fs::symlink("loopdir", dir.path().join("loopdir")).unwrap();
    let r = run(dir.path(), &["extract", "--format", "jsonl", "loop.txt", "a.txt", "loopdir", "z.txt"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "whosaid: loop.txt: Too many levels of symbolic links\nwhosaid: loopdir: Too many levels of symbolic links\n"
    );
    assert_eq!(docs_of(&r.records()), ["a", "z"]);

    // Permissions: only meaningful when they are enforced (not for root).
    use std::os::unix::fs::PermissionsExt;
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    write(&locked, "x.txt", QUOTE);
    let secret = write(dir.path(), "secret.txt", QUOTE);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    let enforced = std::fs::read_dir(&locked).is_err();
    let r = run(dir.path(), &["extract", "--format", "jsonl", "locked", "a.txt", "secret.txt"]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    if enforced {
        assert_eq!(r.code, 1);
        assert_eq!(r.stderr, "whosaid: locked: Permission denied\nwhosaid: secret.txt: Permission denied\n");
        assert_eq!(docs_of(&r.records()), ["a"]);
    } else {
        assert_eq!((r.code, docs_of(&r.records())), (0, vec!["x", "a", "secret"]));
    }
}

/// Gazetteer files broken in the ways people break them: each error names file, line and
/// column, exits 2 and writes nothing.
#[test]
fn malformed_gazetteers_name_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", QUOTE);
    let header = "id,name,kind,gender,surname,aliases,roles\n";
    let cases = [
        (
            "kind.csv",
            format!("{header}x,X Y,persn,,,,\n"),
            "kind.csv:2:7: kind must be `person` or `organization`, not `persn`",
        ),
        (
            "years.csv",
            format!("{header}x,X Y,person,,,,Minister|Gov|US|20x1-\n"),
            "years.csv:2:17: role `Minister|Gov|US|20x1-`: `20x1` is not a year",
        ),
        (
            "gender.csv",
            format!("{header}\nx,X Y,person,maybe,,,\n"),
            "gender.csv:3:14: gender must be `male`, `female` or empty, not `maybe`",
        ),
        (
            "header.csv",
            "name,kind\nX,person\n".to_string(),
            "header.csv:1:1: missing column `id` in the header",
        ),
        (
            "empty-id.csv",
            format!("{header}a,A B,person,,,,\n ,X Y,person,,,,\n"),
            "empty-id.csv:3:1: empty id",
        ),
        ("quote.csv", format!("{header}x,\"X Y,person,,,,\ny,Y Z,person,,,,\n"), ""),
        ("binary.csv", "id,name,kind\n\u{0}\u{1},\u{fffd},person\n".to_string(), ""),
        ("empty.csv", String::new(), "empty.csv:1:1: missing column `id` in the header"),
    ];
    for (name, body, want) in cases {
        write(dir.path(), name, &body);
        let r = run(dir.path(), &["extract", "--gazetteer", name, "-o", "out.csv", "a.txt"]);
        if want.is_empty() {
            // Must load or fail cleanly; never panic (checked by `run`).
            assert!(r.code == 0 || r.code == 2, "{name}: {}", r.stderr);
            if r.code == 2 {
                assert!(r.stderr.starts_with(&format!("whosaid: error: {name}:")), "{name}: {}", r.stderr);
            }
            let _ = std::fs::remove_file(dir.path().join("out.csv"));
            continue;
        }
        assert_eq!((r.code, r.stdout.as_str()), (2, ""), "{name}");
        assert_eq!(r.stderr, format!("whosaid: error: {want}\n"), "{name}");
        assert!(!dir.path().join("out.csv").exists(), "{name}: no output file on a gazetteer error");
    }
    // Invalid UTF-8 in a gazetteer file.
    write(dir.path(), "latin.csv", b"id,name,kind\nx,Jos\xE9 Y,person\n");
    let r = run(dir.path(), &["extract", "--gazetteer", "latin.csv", "a.txt"]);
    assert_eq!((r.code, r.stdout.as_str()), (2, ""));
    assert!(r.stderr.starts_with("whosaid: error: latin.csv"), "{}", r.stderr);
}

// --- Output safety. ---

/// Every cell, not only the quote, is guarded when `--csv-safe` is on: a speaker, role or
/// document id can begin with a formula character too. Numbers are left alone.
#[test]
fn csv_safe_guards_every_text_cell() {
    let dir = tempfile::tempdir().unwrap();
    let doc = serde_json::json!({
        "id": "=cmd|' /C calc'!A0",
        "outlet": "+Outlet",
        "text": "“-1 is less than zero,” said Antony Blinken, @the state department.\n\n“\tTab first,” he said."
    });
    write(dir.path(), "feed.jsonl", doc.to_string() + "\n");
    let r = run(dir.path(), &["extract", "--csv-safe", "feed.jsonl"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    let mut rdr = csv::Reader::from_reader(r.stdout.as_bytes());
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert!(!rows.is_empty());
    for row in &rows {
        for cell in row {
            assert!(!whosaid::output::looks_like_formula(cell), "unguarded cell {cell:?} in {row:?}");
        }
    }
    assert_eq!(&rows[0][0], "'=cmd|' /C calc'!A0");
    assert_eq!(&rows[0][1], "'+Outlet");
    assert_eq!(&rows[0][5], "'-1 is less than zero,");
    // The same run without the option keeps the cells as they are.
    let raw = run(dir.path(), &["extract", "feed.jsonl"]);
    let mut rdr = csv::Reader::from_reader(raw.stdout.as_bytes());
    let first = rdr.records().next().unwrap().unwrap();
    assert_eq!(&first[0], "=cmd|' /C calc'!A0");
}

/// A closed pipe in every format, and a closed pipe on a run that also skipped inputs: ends
/// quietly, with the status earned so far.
#[test]
fn closed_pipe_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let line = serde_json::json!({"text": QUOTE}).to_string() + "\n";
    write(dir.path(), "many.jsonl", line.repeat(3000));
    for format in ["csv", "jsonl", "table"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_whosaid"))
            .args(["extract", "--format", format, "missing.txt", "many.jsonl"])
            .current_dir(dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 16];
        std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(
            (out.status.code(), stderr.as_str()),
            (Some(1), "whosaid: missing.txt: No such file or directory\n"),
            "{format}"
        );
    }
}

/// `-o` into a folder that does not exist: an error before anything is read, status 2.
#[test]
fn output_file_that_cannot_be_created() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", QUOTE);
    let r = run(dir.path(), &["extract", "-o", "no/such/dir/out.csv", "a.txt"]);
    assert_eq!((r.code, r.stdout.as_str()), (2, ""));
    assert!(r.stderr.starts_with("whosaid: error: cannot create no/such/dir/out.csv"), "{}", r.stderr);
}

/// A full disk: the write error is said once (it used to be repeated, cause after cause) and
/// the status is 2.
#[test]
#[cfg(target_os = "linux")]
fn a_full_disk_is_an_error_said_once() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", QUOTE);
    let r = run(dir.path(), &["extract", "-o", "/dev/full", "a.txt"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr, "whosaid: error: cannot write the output: No space left on device (os error 28)\n");
}

// --- Lose nothing (issue 10): one test per promise of the README's "What is kept" section. ---

/// Records per document id, in output order.
fn doc_ids(r: &common::Run) -> Vec<String> {
    docs_of(&r.records()).into_iter().map(String::from).collect()
}

/// #1: two files with one name in different folders, two JSONL files with one name and no ids,
/// and an explicit JSONL id used twice: every document keeps its records under its own id.
#[test]
fn document_ids_are_unique_within_a_run() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in/r/2024-01-01.txt", QUOTE);
    write(dir.path(), "in/a/2024-01-01.txt", QUOTE);
    let line = format!("{{\"text\": \"{}\"}}\n", QUOTE.replace('"', "\\\""));
    write(dir.path(), "in/r/feed.jsonl", &line);
    write(dir.path(), "in/a/feed.jsonl", &line);
    let with_id = format!("{{\"id\": \"x\", \"text\": \"{}\"}}\n", QUOTE.replace('"', "\\\""));
    write(dir.path(), "dup.jsonl", with_id.repeat(2));
    let r = run(dir.path(), &["extract", "--format", "jsonl", "in", "dup.jsonl"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(doc_ids(&r), ["2024-01-01", "feed:1", "r/2024-01-01", "r/feed:1", "x", "x#2"]);
    let warnings: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(warnings.len(), 3, "{}", r.stderr);
    assert!(
        warnings[2].ends_with("dup.jsonl:2: document id `x` is already used in this run; this one is `x#2`")
    );
}

/// #2: `-o` naming an input, or a readable file inside an input folder, is refused before
/// anything is written; an output that is not an input replaces the old file only at the end.
#[test]
fn output_that_would_destroy_or_reread_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", QUOTE);
    write(dir.path(), "corpus/b.txt", QUOTE);
    for args in [
        &["extract", "-o", "a.txt", "a.txt"][..],
        &["extract", "-o", "./corpus/../a.txt", "corpus", "a.txt"],
        &["extract", "-o", "corpus/zz.jsonl", "corpus"],
        &["extract", "-o", "corpus/sub/zz.TXT", "corpus"],
    ] {
        let r = run(dir.path(), args);
        assert_eq!((r.code, r.stdout.as_str()), (2, ""), "{args:?}");
        assert!(
            r.stderr.contains("refusing to overwrite") || r.stderr.contains("read as an input"),
            "{}",
            r.stderr
        );
    }
    assert_eq!(std::fs::read_to_string(dir.path().join("a.txt")).unwrap(), QUOTE);
    assert!(!dir.path().join("corpus/zz.jsonl").exists());
    // Not read back (another extension, a hidden name): allowed.
    for out in ["corpus/quotes.csv", "corpus/.quotes.jsonl"] {
        let r = run(dir.path(), &["extract", "-o", out, "corpus"]);
        assert_eq!(r.code, 0, "{out}: {}", r.stderr);
    }
}

/// #2: a run that fails while writing (here: a file size limit) leaves the old output as it
/// was and no temporary file behind.
#[test]
#[cfg(target_os = "linux")]
fn a_failed_run_leaves_the_old_output_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "big.txt", format!("{QUOTE}\n\n").repeat(200));
    write(dir.path(), "out.csv", "old\n");
    // `ulimit -f 1`: writes past 1 KiB fail (EFBIG, the signal being ignored).
    let script = format!(
        "trap '' XFSZ; ulimit -f 1; exec {} extract -o out.csv big.txt",
        env!("CARGO_BIN_EXE_whosaid")
    );
    let out = Command::new("sh").args(["-c", &script]).current_dir(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_to_string(dir.path().join("out.csv")).unwrap(), "old\n");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

/// #3: a NUL byte (raw or escaped) in a JSONL file or on standard input costs its line at most.
#[test]
fn a_nul_byte_in_jsonl_costs_one_line_at_most() {
    let dir = tempfile::tempdir().unwrap();
    let good = format!("{{\"text\": \"{}\"}}\n", QUOTE.replace('"', "\\\""));
    let feed =
        format!("{good}{{\"text\": \"raw \u{0} nul\"}}\n{{\"text\": \"escaped \\u0000 nul\"}}\n{good}");
    write(dir.path(), "feed.jsonl", &feed);
    let r = run(dir.path(), &["extract", "--format", "jsonl", "feed.jsonl"]);
    assert_eq!(r.code, 1);
    assert_eq!(doc_ids(&r), ["feed:1", "feed:4"]);
    assert!(
        r.stderr.starts_with("whosaid: feed.jsonl:2: not valid JSON: a raw control character"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stderr.lines().count(), 1);
    let r = common::run_with_stdin(dir.path(), &["extract", "--format", "jsonl", "-"], feed.as_bytes());
    assert_eq!((r.code, doc_ids(&r)), (1, vec!["stdin:1".to_string(), "stdin:4".into()]));
}

/// #5: numbers and booleans in `outlet`, `date` (and the other metadata) are taken as their
/// text; a list there is left out with a warning; only `text` missing or not a string skips.
#[test]
fn jsonl_metadata_that_is_not_a_string_keeps_the_article() {
    let dir = tempfile::tempdir().unwrap();
    let q = QUOTE.replace('"', "\\\"");
    let feed = format!(
        "{{\"text\": \"{q}\", \"outlet\": 7, \"date\": 20240101}}\n{{\"text\": \"{q}\", \"outlet\": true, \
         \"title\": [1]}}\n{{\"text\": 12, \"outlet\": \"X\"}}\n"
    );
    write(dir.path(), "f.jsonl", feed);
    let r = run(dir.path(), &["extract", "--format", "jsonl", "f.jsonl"]);
    assert_eq!(r.code, 1);
    let records = r.records();
    let outlets: Vec<&str> = records.iter().map(|v| v["outlet"].as_str().unwrap()).collect();
    assert_eq!(outlets, ["7", "true"]);
    assert_eq!(
        r.stderr,
        "whosaid: warning: f.jsonl:2: `title` is a list, not text: left empty\n\
         whosaid: f.jsonl:3: not a document: `text` must be a string, not a number\n"
    );
}

/// #6: inside a folder, links to folders and files are followed, and what is not read is
/// named (a dangling link, a FIFO named `.txt`, a folder reached twice through links), exit 1.
#[test]
#[cfg(unix)]
fn links_and_special_files_in_folders_are_followed_or_named() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in/a.txt", QUOTE);
    write(dir.path(), "elsewhere/b.txt", QUOTE);
    symlink("../elsewhere", dir.path().join("in/linked")).unwrap();
    symlink(".", dir.path().join("in/loop")).unwrap();
    symlink("nowhere.txt", dir.path().join("in/dead.txt")).unwrap();
    let fifo = dir.path().join("in/pipe.txt");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let r = run(dir.path(), &["extract", "--format", "jsonl", "in"]);
    assert_eq!(r.code, 1);
    assert_eq!(doc_ids(&r), ["a", "b"]);
    let p = |n: &str| Path::new("in").join(n).display().to_string();
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{}", r.stderr);
    assert!(
        lines[0].starts_with(&format!("whosaid: {}: dangling symbolic link", p("dead.txt"))),
        "{}",
        r.stderr
    );
    assert!(lines[1].starts_with(&format!("whosaid: {}: folder already read", p("loop"))), "{}", r.stderr);
    assert!(lines[2].starts_with(&format!("whosaid: {}: not a regular file", p("pipe.txt"))), "{}", r.stderr);
}

/// #7: a document over `--max-doc-bytes` (a text file, or a JSONL line) is skipped and named,
/// exit 1, without being read into memory; the others are processed.
#[test]
fn documents_over_the_size_limit_are_skipped_and_named() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "big.txt", format!("{QUOTE} ").repeat(100));
    write(dir.path(), "small.txt", QUOTE);
    let q = QUOTE.replace('"', "\\\"");
    write(dir.path(), "f.jsonl", format!("{{\"text\": \"{}\"}}\n{{\"text\": \"{q}\"}}\n", "x".repeat(5000)));
    let r = run(
        dir.path(),
        &["extract", "--format", "jsonl", "--max-doc-bytes", "1K", "big.txt", "small.txt", "f.jsonl"],
    );
    assert_eq!(r.code, 1);
    assert_eq!(doc_ids(&r), ["small", "f:2"]);
    assert_eq!(
        r.stderr,
        "whosaid: big.txt: 4000 bytes, more than --max-doc-bytes (1024), skipped\n\
         whosaid: f.jsonl:1: line of 5013 bytes, more than --max-doc-bytes (1024); skipped\n"
    );
    let r = run(dir.path(), &["extract", "--max-doc-bytes", "lots", "small.txt"]);
    assert_eq!(r.code, 2);
}

/// #8: devices that never end are judged by their first bytes, not read whole.
#[test]
#[cfg(target_os = "linux")]
fn endless_devices_are_refused_from_their_first_bytes() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", QUOTE);
    let r = run(dir.path(), &["extract", "--format", "jsonl", "/dev/zero", "/dev/urandom", "a.txt"]);
    assert_eq!((r.code, doc_ids(&r)), (1, vec!["a".to_string()]));
    assert!(r.stderr.starts_with("whosaid: /dev/zero: binary file"), "{}", r.stderr);
    assert!(r.stderr.contains("whosaid: /dev/urandom: binary file"), "{}", r.stderr);
    // Endless text is cut at the size limit.
    let script = format!(
        "yes 'Endless text.' | {} extract --max-doc-bytes 1M /dev/stdin",
        env!("CARGO_BIN_EXE_whosaid")
    );
    let out = Command::new("sh").args(["-c", &script]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("more than --max-doc-bytes (1048576) bytes, skipped")
    );
}

/// #9: loading a gazetteer is linear in its rows (it counted lines from the start of the file
/// for every row: 100,000 rows took minutes). 8 times the rows may take at most 16 times as long.
#[test]
fn gazetteer_loading_is_linear() {
    let csv = |rows: usize| {
        let mut text = String::from("id,name,kind,gender,surname,aliases,roles\n");
        for i in 0..rows {
            text.push_str(&format!(
                "p{i},Given{i} Family{i},person,,,Alias{i} Family{i},Minister|Ministry|US|2001-\n"
            ));
        }
        text
    };
    let (small, large) = (csv(5_000), csv(40_000));
    let load = |text: &str| {
        let started = common::CpuTimer::start();
        let mut g = Gazetteer::empty();
        g.add_entries_csv("g.csv", text).unwrap();
        std::hint::black_box(g);
        started.elapsed()
    };
    let (ts, tl) = common::best_of(small.as_str(), large.as_str(), load);
    let ratio = tl.as_secs_f64() / ts.as_secs_f64().max(1e-6);
    assert!(ratio < 16.0 || tl < Duration::from_millis(20), "5k rows {ts:?}, 40k rows {tl:?}");
}

/// #12: a `--gazetteer` row with a built-in id replaces the built-in entry; `extract` and
/// `gazetteer check` give one verdict on a file (an id twice in one file is refused by both);
/// an id may start with `#` when quoted; an alias that is a pronoun is refused where it is.
#[test]
fn gazetteer_overrides_and_one_verdict_for_extract_and_check() {
    let dir = tempfile::tempdir().unwrap();
    let header = "id,name,kind,gender,surname,aliases,roles\n";
    write(dir.path(), "a.txt", QUOTE);
    write(
        dir.path(),
        "over.csv",
        format!("{header}antony-blinken,Antony Blinken,person,male,,,Envoy|Test Office||2030-\n"),
    );
    let r = run(dir.path(), &["extract", "--format", "jsonl", "--gazetteer", "over.csv", "a.txt"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.records()[0]["known_role"], "Envoy, Test Office");

    write(dir.path(), "dup.csv", format!("{header}x1,Ann Bell,person,,,,\nx1,Ann Bell,person,,,,\n"));
    let want = "dup.csv:3:1: id `x1` is used twice in this file (first on line 2)";
    let r = run(dir.path(), &["extract", "--gazetteer", "dup.csv", "a.txt"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.trim_end()),
        (2, "", format!("whosaid: error: {want}").as_str())
    );
    let r = run(dir.path(), &["gazetteer", "check", "dup.csv"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.trim_end()),
        (2, "", format!("whosaid: error: {want}").as_str())
    );

    write(dir.path(), "hash.csv", format!("{header}# a comment\n\"#1\",Ann Bell,person,,,,\n"));
    let r = run(dir.path(), &["gazetteer", "check", "hash.csv"]);
    assert_eq!((r.code, r.stdout.trim_end()), (0, "hash.csv: 1 people, 0 organisations, 0 roles"));

    write(dir.path(), "he.csv", format!("{header}x1,Ann Bell,person,,,Ann;he,\n"));
    for args in [&["extract", "--gazetteer", "he.csv", "a.txt"][..], &["gazetteer", "check", "he.csv"]] {
        let r = run(dir.path(), args);
        assert_eq!(r.code, 2);
        assert!(r.stderr.starts_with("whosaid: error: he.csv:2:26: `he` is a pronoun"), "{}", r.stderr);
    }
}

/// #14: JSONL output escapes U+2028 and U+2029 (one record, one line, for every reader); input
/// that is not UTF-8 or not valid JSON text says what it is.
#[test]
fn line_separators_are_escaped_and_encoding_errors_say_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "“We will\u{2028}win,” said Antony Blinken.");
    let r = run(dir.path(), &["extract", "--format", "jsonl", "a.txt"]);
    assert!(r.stdout.contains(r#""quote":"We will\u2028win,""#), "{}", r.stdout);
    assert!(!r.stdout.contains('\u{2028}'));

    write(
        dir.path(),
        "gbk.txt",
        b"\xCE\xD2\xC3\xC7\xBB\xE1\xD3\xAE\xA3\xAC\xCB\xFB\xCB\xB5\xA1\xA3".repeat(10),
    );
    write(dir.path(), "s.jsonl", "{\"text\": \"a \\ud800 b\"}\n");
    let r = run(dir.path(), &["extract", "gbk.txt", "s.jsonl"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("gbk.txt: not UTF-8: looks like GBK"), "{}", r.stderr);
    assert!(
        r.stderr.contains("s.jsonl:1: not valid JSON: a \\uD800-\\uDFFF escape without its pair"),
        "{}",
        r.stderr
    );
}

/// #16: when not one input exists the run is a usage error (exit 2, nothing written, not even a
/// CSV header); an absent method is written `""`, like an absent speaker.
#[test]
fn no_existing_input_is_exit_2_and_absent_fields_are_empty_strings() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(dir.path(), &["extract", "-o", "out.csv", "nosuch/", "other.txt"]);
    assert_eq!((r.code, r.stdout.as_str()), (2, ""));
    assert_eq!(
        r.stderr,
        "whosaid: error: no input to read (nosuch/: No such file or directory; other.txt: No such file or directory)\n"
    );
    assert!(!dir.path().join("out.csv").exists());
    write(dir.path(), "a.txt", "The word “freedom” was everywhere.");
    let r = run(dir.path(), &["extract", "--all", "--format", "jsonl", "a.txt"]);
    let record = &r.records()[0];
    assert_eq!((&record["speaker"], &record["method"]), (&Value::from(""), &Value::from("")));
}

/// #10: the work per quote is bounded. Quotes packed into one paragraph ("he said “ab” " over and
/// over: every cue of the sentence window was tried, and every phrase before each) cost 108
/// times as much per byte as the news-like "sentences" shape in a release build, and a long run
/// of capitalised words after "said" 20 times (each name was read to the end of the run); now
/// 9 and 1 (20 and 2 in a debug build). Dense quotes may cost at most 50 times (quotes are 30
/// times denser than in news); the name bound is checked directly.
#[test]
fn dense_quotes_and_long_capitalised_runs_cost_a_bounded_work_per_quote() {
    LazyLock::force(&EXTRACTOR_ALL);
    let caps: String = (0..200).map(|i| format!("W{}x{} ", (b'a' + (i % 26) as u8) as char, i)).collect();
    let cap_unit = format!("“Yes,” said {caps}");
    let size = 20_000;
    let news = adversarial(ADVERSARIAL[0].1, size);
    for (name, unit) in [("dense quotes", "he said “ab” "), ("capitalised run", cap_unit.as_str())] {
        let shape = adversarial(unit, size);
        let (tn, ts) = common::best_of(news.as_str(), shape.as_str(), time_extract);
        let ratio = (ts.as_secs_f64() / shape.len() as f64) / (tn.as_secs_f64() / news.len() as f64);
        eprintln!("{name}: {ts:?} against news {tn:?}: {ratio:.1} times the cost per byte");
        assert!(ratio < 50.0, "{name}: {ratio:.1} times the cost per byte of news");
    }
    // A name read from a long run of capitals stops at twelve words.
    let text = format!("“Yes,” said Jane {caps}.");
    let records = extract(&text);
    assert!(records[0].speaker.split_whitespace().count() <= 12, "{}", records[0].speaker);
}

// --- Regression inputs: tests/regressions/TARGET/*, through the fuzz target's entry point. ---

fn regression_inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(!files.is_empty(), "no inputs in {}", dir.display());
    files.into_iter().map(|p| (p.display().to_string(), std::fs::read(&p).unwrap())).collect()
}

/// As `fuzz/fuzz_targets/extract.rs`.
#[test]
fn regression_inputs_extract() {
    for (name, bytes) in regression_inputs("extract") {
        let text = String::from_utf8_lossy(&bytes);
        let records = EXTRACTOR_ALL.extract(&Document::new(name.as_str(), text.as_ref()));
        assert_offsets(&text, &records);
        assert!(records.iter().all(|r| (0.0..=1.0).contains(&r.confidence)), "{name}");
    }
}

/// As `fuzz/fuzz_targets/decode.rs`.
#[test]
fn regression_inputs_decode() {
    use whosaid::input::{decode, not_text, SNIFF_LEN};
    for (name, bytes) in regression_inputs("decode") {
        if not_text(&bytes[..bytes.len().min(SNIFF_LEN)]).is_none() {
            let decoded = decode(bytes.clone());
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            assert_eq!(decoded.text, String::from_utf8_lossy(body), "{name}");
            assert_offsets(&decoded.text, &EXTRACTOR.extract(&Document::new("t", decoded.text.as_str())));
        }
        for event in Inputs::from_reader("r.jsonl", std::io::Cursor::new(bytes)) {
            if let Event::Document(doc) = event {
                assert_offsets(&doc.text, &EXTRACTOR.extract(&doc));
            }
        }
    }
}

/// As `fuzz/fuzz_targets/gazetteer.rs`, and every error names file, line and column.
#[test]
fn regression_inputs_gazetteer() {
    for (name, bytes) in regression_inputs("gazetteer") {
        let text = String::from_utf8_lossy(&bytes);
        let mut g = Gazetteer::empty();
        for e in [g.add_entries_csv("g.csv", &text).err(), g.add_countries_csv("g.csv", &text).err()]
            .into_iter()
            .flatten()
        {
            let message = e.to_string();
            let mut parts = message.splitn(4, ':');
            let (file, line, col) = (parts.next(), parts.next(), parts.next());
            assert_eq!(file, Some("g.csv"), "{name}: {message}");
            assert!(line.is_some_and(|l| l.parse::<u64>().is_ok_and(|l| l >= 1)), "{name}: {message}");
            assert!(col.is_some_and(|c| c.parse::<u64>().is_ok_and(|c| c >= 1)), "{name}: {message}");
        }
        let article = g
            .entries()
            .iter()
            .map(|e| format!("“We will act,” said {}. {} told reporters: “Soon.”\n", e.name, e.surname))
            .collect::<String>();
        let ex = Extractor::new(g, Options { all: true }).unwrap();
        assert_offsets(&article, &ex.extract(&Document::new("t", article.as_str())));
    }
    // The line and column of the error after blank and comment lines, and of bad UTF-8.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions/gazetteer");
    let mut g = Gazetteer::empty();
    let e = g.load_path(&dir.join("error-after-blank-and-comment-lines.csv")).unwrap_err().to_string();
    assert!(e.ends_with("error-after-blank-and-comment-lines.csv:4:14: gender must be `male`, `female` or empty, not `maybe`"), "{e}");
    let e = g.load_path(&dir.join("latin1.csv")).unwrap_err().to_string();
    assert!(e.ends_with("latin1.csv:2:6: invalid UTF-8 (the file must be UTF-8 text)"), "{e}");
}

// --- Worst-case time. ---

/// Adversarial texts, one paragraph each: quote marks of every kind, names, cue verbs,
/// pronouns and surnames everywhere, and no paragraph break.
const ADVERSARIAL: &[(&str, &str)] = &[
    (
        "sentences",
        "“We will win,” said Antony Blinken, the US secretary of state. He told Wang Yi: “No.” \
         Wang said “it’s ‘fine’” and Lavrov said, “Yes,” adding ‘maybe’. ",
    ),
    (
        "one sentence",
        "“we will win,” said Antony Blinken, “and he told Wang Yi” that Wang said “it’s ‘fine’” \
         and Lavrov said, “yes,” adding ‘maybe’, ",
    ),
    ("marks", "“ ” \" ‘ ’ ' '' « » „ “said ’s Blinken' \"he\" "),
    ("names", "Antony Blinken Wang Yi Sergei Lavrov Mr. Wang Blinken he she they said told according to "),
    ("pronouns", "“Yes,” he said. “No,” she said. “Maybe,” they said. “Why,” Wang said. "),
    ("roles", "“Yes,” the US secretary of state said. “No,” China’s foreign minister told Blinken. "),
    (
        "unknown names",
        "“Yes,” said Jane Roe. “No,” said Roe. “Maybe,” Ms. Roe said. Mr. Doe Smith said “so”. ",
    ),
];

fn adversarial(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len() + 1)
}

/// One timing of one extraction.
fn time_extract(text: &str) -> Duration {
    let doc = Document::new("t", text);
    let started = common::CpuTimer::start();
    std::hint::black_box(EXTRACTOR_ALL.extract(&doc));
    started.elapsed()
}

/// Timings of each shape at `small` bytes and 8 times that: the ratio of the two, 1 when the
/// larger run is too fast to measure.
fn timings(shapes: &[&str], small: usize) -> Vec<(String, f64)> {
    LazyLock::force(&EXTRACTOR_ALL);
    let mut out = Vec::new();
    for (name, unit) in ADVERSARIAL.iter().filter(|(n, _)| shapes.contains(n)) {
        let (small, large) = (adversarial(unit, small), adversarial(unit, 8 * small));
        let (ts, tl) = common::best_of(small.as_str(), large.as_str(), time_extract);
        let ratio = tl.as_secs_f64() / ts.as_secs_f64().max(1e-6);
        eprintln!(
            "{name}: {} KB {ts:?}, {} KB {tl:?}, ratio {ratio:.1}",
            small.len() >> 10,
            large.len() >> 10
        );
        out.push((name.to_string(), if tl < Duration::from_millis(20) { 1.0 } else { ratio }));
    }
    out
}

/// Time grows linearly with the input on adversarial texts: 8 times the text may take at most
/// 16 times as long (quadratic would be 64). The one kind of timing assertion of the suite,
/// because it checks complexity, not speed; the bound is generous for a loaded machine.
#[test]
fn extraction_time_is_linear_on_adversarial_texts() {
    let shapes: Vec<&str> = ADVERSARIAL.iter().map(|(n, _)| *n).filter(|n| *n != "roles").collect();
    for (name, ratio) in timings(&shapes, 50_000) {
        assert!(ratio < 16.0, "{name}: 8 times the text takes {ratio:.1} times as long");
    }
}

/// The same on role phrases ("the US secretary of state said"): `resolve_role` once scanned
/// up to 2,000 name units back per role phrase (48 KB 0.35 s, 390 KB 14.5 s, ratio 41 in a debug
/// build); it now looks holders up in an index built once per (title, country).
#[test]
fn extraction_time_is_linear_on_role_phrases() {
    for (name, ratio) in timings(&["roles"], 50_000) {
        assert!(ratio < 16.0, "{name}: 8 times the text takes {ratio:.1} times as long");
    }
}

/// The stages before attribution, on the same adversarial texts at 50 KB and 400 KB:
/// paragraphs, quote segmentation (single quotes inside double quotes were quadratic),
/// the mention automaton, tokens and their mentions.
#[test]
fn segmentation_and_mentions_are_linear_on_adversarial_texts() {
    use whosaid::attribute::{attach_mentions, tokenize};
    use whosaid::segment::{opens_with_quote, paragraphs, quotes};
    let matcher = EXTRACTOR_ALL.matcher();
    let run = |text: &str| -> Duration {
        let started = common::CpuTimer::start();
        let paras = paragraphs(text);
        let mut spans = Vec::new();
        let mut firsts = Vec::new();
        for (i, p) in paras.iter().enumerate() {
            let next = paras.get(i + 1).is_some_and(|n| opens_with_quote(text, *n));
            firsts.push(spans.len());
            spans.extend(quotes(text, *p, next).into_iter().filter(|q| !q.nested));
        }
        let mentions = matcher.find(text);
        for (i, p) in paras.iter().enumerate() {
            let mut toks = tokenize(text, p.start, p.end, &spans, firsts[i]);
            attach_mentions(&mut toks, &mentions, matcher, text);
            std::hint::black_box(toks);
        }
        started.elapsed()
    };
    let mut report = Vec::new();
    for (name, unit) in ADVERSARIAL {
        let (small, large) = (adversarial(unit, 50_000), adversarial(unit, 400_000));
        let (ts, tl) = common::best_of(small.as_str(), large.as_str(), run);
        let ratio = tl.as_secs_f64() / ts.as_secs_f64().max(1e-6);
        report.push(format!("{name}: 50 KB {ts:?}, 400 KB {tl:?}, ratio {ratio:.1}"));
        assert!(
            ratio < 16.0 || tl < Duration::from_millis(20),
            "{name} is not linear:\n{}",
            report.join("\n")
        );
    }
    eprintln!("{}", report.join("\n"));
}

/// Timings of every shape (or only `WHOSAID_SHAPE`) at a size from `WHOSAID_PROBE` (bytes) and 8
/// times that, for finding what is slow.
#[test]
#[ignore = "a probe, run by hand"]
fn probe_adversarial_timings() {
    let small = std::env::var("WHOSAID_PROBE").ok().and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let only = std::env::var("WHOSAID_SHAPE").unwrap_or_default();
    let all: Vec<&str> =
        ADVERSARIAL.iter().map(|(n, _)| *n).filter(|n| only.is_empty() || *n == only).collect();
    timings(&all, small);
}
