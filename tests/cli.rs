//! Integration tests of the `whosaid` binary: bad inputs, exit statuses and messages, output
//! formats, streaming from standard input and a closed output pipe.

use std::io::{BufRead, BufReader, Read, Write};

use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;

/// A plain attributed quote, found by any reasonable extractor.
const QUOTE: &str = "“We will win,” said Antony Blinken.";

const HEADER: &str =
    "doc,outlet,paragraph,start,end,quote,kind,speaker,speaker_id,role,known_role,cue,method,mention,confidence,date,url,title";

mod common;
use common::{bin, run, run_with_stdin, write};

/// Checks that every record's offsets pick its quote out of `text` (code points).
fn assert_offsets(text: &str, records: &[Value]) {
    let chars: Vec<char> = text.chars().collect();
    assert!(!records.is_empty(), "no record");
    for r in records {
        let (start, end) = (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap() as usize);
        let span: String = chars[start..end].iter().collect();
        assert_eq!(span, r["quote"].as_str().unwrap(), "offsets {start}..{end} in {text:?}");
    }
}

fn docs_of(records: &[Value]) -> Vec<&str> {
    let mut docs: Vec<&str> = records.iter().map(|r| r["doc"].as_str().unwrap()).collect();
    docs.dedup();
    docs
}

// --- Empty and odd texts: processed, nothing to say, exit 0. ---

#[test]
fn empty_file_gives_a_header_and_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "empty.txt", "");
    let r = run(dir.path(), &["extract", "empty.txt"]);
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (0, format!("{HEADER}\n").as_str(), ""));
}

#[test]
fn whitespace_only_file_gives_no_records_and_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "blank.txt", " \n\r\n\t\u{a0}\n\n");
    let r = run(dir.path(), &["extract", "--format", "jsonl", "blank.txt"]);
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (0, "", ""));
}

#[test]
fn invalid_utf8_is_replaced_with_a_warning_and_offsets_follow_the_decoded_text() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = [b"Caf\xE9 society \xFF\xFE notes.\n\n".as_slice(), QUOTE.as_bytes()].concat();
    write(dir.path(), "latin.txt", &bytes);
    let r = run(dir.path(), &["extract", "--format", "jsonl", "latin.txt"]);
    assert_eq!(r.code, 0, "a repaired file counts as processed: {}", r.stderr);
    assert_eq!(
        r.stderr,
        "whosaid: warning: latin.txt: invalid UTF-8 (3 sequences, first at byte 3) replaced with U+FFFD\n"
    );
    assert_offsets(&String::from_utf8_lossy(&bytes), &r.records());
    // --quiet drops warnings.
    let quiet = run(dir.path(), &["extract", "--quiet", "--format", "jsonl", "latin.txt"]);
    assert_eq!((quiet.code, quiet.stderr.as_str(), quiet.stdout), (0, "", r.stdout));
}

#[test]
fn utf8_bom_is_skipped_and_offsets_count_from_after_it() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bom.txt", format!("\u{feff}{QUOTE}"));
    let r = run(dir.path(), &["extract", "--format", "jsonl", "bom.txt"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    let records = r.records();
    assert_offsets(QUOTE, &records);
    assert_eq!(records[0]["start"], 1, "the quote starts right after the opening mark");
    assert_eq!(records[0]["doc"], "bom");
}

#[test]
fn crlf_is_kept_and_counted_in_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("WASHINGTON (Reuters) - Talks went on.\r\n\r\n{QUOTE}\r\n");
    write(dir.path(), "crlf.txt", &text);
    let r = run(dir.path(), &["extract", "--format", "jsonl", "crlf.txt"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    let records = r.records();
    assert_offsets(&text, &records);
    assert_eq!(records[0]["paragraph"], 2);
}

// --- Inputs that cannot be processed: named on stderr, the others processed, exit 1. ---

#[test]
fn binary_file_is_skipped_with_exit_1_and_the_others_are_processed() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", QUOTE);
    write(dir.path(), "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    write(dir.path(), "utf16.txt", b"\xFF\xFEW\x00e\x00");
    let r = run(dir.path(), &["extract", "--format", "jsonl", "image.txt", "utf16.txt", "a.txt"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "whosaid: image.txt: binary file (NUL bytes), skipped\n\
         whosaid: utf16.txt: UTF-16 text is not supported, convert it to UTF-8 (iconv -f UTF-16 -t UTF-8); skipped\n"
    );
    assert_eq!(docs_of(&r.records()), ["a"]);
}

#[test]
fn bad_jsonl_lines_are_named_by_line_and_the_rest_is_processed() {
    let dir = tempfile::tempdir().unwrap();
    let good = |id: &str| serde_json::json!({"id": id, "text": QUOTE, "outlet": "Reuters"}).to_string();
    let lines = [
        good("first"),
        "{\"id\": \"broken\", \"text\": ".into(),
        "{\"id\": \"no-text\"}".into(),
        good("last"),
    ];
    write(dir.path(), "feed.jsonl", lines.join("\n") + "\n");
    let r = run(dir.path(), &["extract", "--format", "jsonl", "feed.jsonl"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "whosaid: feed.jsonl:2: not valid JSON: EOF while parsing a value (column 25)\n\
         whosaid: feed.jsonl:3: not a document: missing field `text`\n"
    );
    let records = r.records();
    assert_eq!(docs_of(&records), ["first", "last"]);
    assert_eq!(records[0]["outlet"], "Reuters", "input metadata is used");
}

#[test]
fn many_bad_lines_in_one_file_are_summed_up() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "gold.jsonl", "{\"doc\": \"x\", \"start\": 1}\n".repeat(40));
    let r = run(dir.path(), &["extract", "gold.jsonl"]);
    assert_eq!(r.code, 1);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 6, "{}", r.stderr);
    assert_eq!(lines[4], "whosaid: gold.jsonl:5: not a document: missing field `text`");
    assert_eq!(lines[5], "whosaid: gold.jsonl: 35 more bad lines not shown (40 in all)");
}

#[test]
fn missing_and_unreadable_paths_are_named_and_the_others_processed() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", QUOTE);
    write(dir.path(), "b.txt", QUOTE);
    // A path through a regular file cannot be read even by root (chmod 000 can).
    let r =
        run(dir.path(), &["extract", "--format", "jsonl", "missing.txt", "a.txt", "b.txt/c.txt", "b.txt"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "whosaid: missing.txt: No such file or directory\nwhosaid: b.txt/c.txt: Not a directory\n"
    );
    assert_eq!(docs_of(&r.records()), ["a", "b"]);
}

// --- Errors that stop the run: exit 2, nothing written. ---

#[test]
fn malformed_gazetteer_names_file_line_and_column_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", QUOTE);
    write(dir.path(), "people.csv", "id,name,kind\nned-price,Ned Price,person\nx,Y,person,extra\n");
    let r = run(dir.path(), &["extract", "--gazetteer", "people.csv", "-o", "out.csv", "a.txt"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert_eq!(r.stderr, "whosaid: error: people.csv:3:1: expected 3 fields, found 4\n");
    assert!(!dir.path().join("out.csv").exists(), "no output file on a gazetteer error");

    let missing = run(dir.path(), &["extract", "--gazetteer", "nope.csv", "a.txt"]);
    assert_eq!((missing.code, missing.stdout.as_str()), (2, ""));
    assert!(missing.stderr.starts_with("whosaid: error: nope.csv: "), "{}", missing.stderr);
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    for args in
        [&["extract"][..], &["extract", "--format", "xml", "a.txt"], &["extract", "--threads", "0", "a.txt"]]
    {
        let r = run(dir.path(), args);
        assert_eq!((r.code, r.stdout.as_str()), (2, ""), "{args:?}");
        assert!(r.stderr.contains("error:"), "{args:?}: {}", r.stderr);
    }
}

// --- Streaming, pipes, order. ---

/// `whosaid extract x | head -1`: the reader closes the pipe early; we stop quietly, status 0.
#[test]
fn closed_output_pipe_ends_quietly_with_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    let line = serde_json::json!({"text": QUOTE}).to_string() + "\n";
    write(dir.path(), "many.jsonl", line.repeat(3000));
    // The output is much larger than a pipe buffer, so the writes really do hit a closed pipe.
    let full = run(dir.path(), &["extract", "many.jsonl"]);
    assert!(full.stdout.len() > 256 * 1024, "only {} bytes of output", full.stdout.len());

    let mut child = bin()
        .args(["extract", "many.jsonl"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert_eq!(first.trim_end(), HEADER);
    drop(stdout);
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let status = child.wait().unwrap();
    assert_eq!((status.code(), stderr.as_str()), (Some(0), ""));
}

/// A streaming mapper must answer each line before its input ends.
#[test]
fn stdin_jsonl_is_streamed_line_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = bin()
        .args(["extract", "-", "--format", "jsonl"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    let mut stdin = child.stdin.take().unwrap();
    let mut next_record = |id: &str| -> Value {
        let line = serde_json::json!({"id": id, "text": QUOTE}).to_string();
        writeln!(stdin, "{line}").unwrap();
        stdin.flush().unwrap();
        let got = rx.recv_timeout(Duration::from_secs(60)).expect("a record before the input ends");
        serde_json::from_str(&got).unwrap()
    };
    assert_eq!(next_record("one")["doc"], "one");
    assert_eq!(next_record("two")["doc"], "two");
    drop(stdin); // end of input: the process finishes
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert_eq!((child.wait().unwrap().code(), stderr.as_str()), (Some(0), ""));
}

#[test]
fn stdin_default_ids_and_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let input = format!("{}\nnot json\n", serde_json::json!({"text": QUOTE}));
    let r = run_with_stdin(dir.path(), &["extract", "--format", "jsonl", "-"], input.as_bytes());
    assert_eq!(r.code, 1);
    assert_eq!(r.stderr, "whosaid: <stdin>:2: not valid JSON: expected ident (column 2)\n");
    assert_eq!(docs_of(&r.records()), ["stdin:1"]);
}

/// Batches are extracted in parallel but written in input order, whatever the thread count.
#[test]
fn output_order_is_input_order_across_batches_and_threads() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = String::new();
    for i in 0..700 {
        // Uneven documents, so threads finish out of order.
        let filler = "The talks went on for hours. ".repeat(i % 37);
        let text = format!("{filler}\n\n“We will win number {i},” said Antony Blinken.");
        lines += &(serde_json::json!({"id": format!("d{i:03}"), "text": text}).to_string() + "\n");
    }
    write(dir.path(), "feed.jsonl", &lines);
    write(dir.path(), "folder/b.txt", QUOTE);
    write(dir.path(), "folder/a.txt", QUOTE);
    write(dir.path(), "folder/sub/c.txt", QUOTE);
    write(dir.path(), "folder/notes.md", QUOTE);
    let args = ["extract", "--format", "jsonl", "feed.jsonl", "folder"];
    let one = run(dir.path(), &[&args[..], &["--threads", "1"]].concat());
    let two = run(dir.path(), &[&args[..], &["--threads", "2"]].concat());
    assert_eq!((one.code, two.code), (0, 0));
    assert_eq!(one.stdout, two.stdout);
    let records = two.records();
    let docs = docs_of(&records);
    let mut want: Vec<String> = (0..700).map(|i| format!("d{i:03}")).collect();
    want.extend(["a", "b", "c"].map(String::from));
    assert_eq!(docs, want);
}

// --- Formats. ---

#[test]
fn table_format_aligns_columns() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "short.txt", QUOTE);
    write(dir.path(), "a-much-longer-name.txt", format!("Intro.\n\n{QUOTE}"));
    let r = run(dir.path(), &["extract", "--format", "table", "short.txt", "a-much-longer-name.txt"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", r.stdout);
    // The doc column is as wide as its longest id, the paragraph right-aligned.
    assert!(lines[0].starts_with(&format!("{:<18}  para  speaker  ", "doc")), "{}", r.stdout);
    assert!(lines[1].starts_with(&format!("{:<18}  {:>4}  Antony Blinken  ", "short", 1)), "{}", r.stdout);
    assert!(lines[2].starts_with("a-much-longer-name     2  Antony Blinken  "), "{}", r.stdout);
    let quote_col = lines[0].find("quote").unwrap();
    assert!(lines[1..].iter().all(|l| l[quote_col..].starts_with("We will win,")), "{}", r.stdout);
}

#[test]
fn csv_safe_is_on_for_csv_files_and_can_be_turned_on_or_off() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "“=1+1 is the answer,” said Antony Blinken.");
    let quote_cell = |csv: &str| -> String {
        let mut rdr = csv::Reader::from_reader(csv.as_bytes());
        let row = rdr.records().next().expect("a record").unwrap();
        row[5].to_string()
    };
    let stdout = run(dir.path(), &["extract", "a.txt"]);
    assert_eq!(quote_cell(&stdout.stdout), "=1+1 is the answer,", "standard output is exact by default");
    let forced = run(dir.path(), &["extract", "--csv-safe", "a.txt"]);
    assert_eq!(quote_cell(&forced.stdout), "'=1+1 is the answer,");

    let to_file = run(dir.path(), &["extract", "-o", "out.csv", "a.txt"]);
    assert_eq!((to_file.code, to_file.stdout.as_str()), (0, ""));
    let written = std::fs::read_to_string(dir.path().join("out.csv")).unwrap();
    assert_eq!(quote_cell(&written), "'=1+1 is the answer,", "a .csv file is guarded by default");
    run(dir.path(), &["extract", "--no-csv-safe", "-o", "out.csv", "a.txt"]);
    let written = std::fs::read_to_string(dir.path().join("out.csv")).unwrap();
    assert_eq!(quote_cell(&written), "=1+1 is the answer,");
}

#[test]
fn output_file_extension_picks_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", QUOTE);
    let r = run(dir.path(), &["extract", "-o", "out.jsonl", "a.txt"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
    let written = std::fs::read_to_string(dir.path().join("out.jsonl")).unwrap();
    let record: Value = serde_json::from_str(written.lines().next().expect("a record")).unwrap();
    assert_eq!(record["speaker"], "Antony Blinken");
    assert_eq!(record["quote"], "We will win,");
}
