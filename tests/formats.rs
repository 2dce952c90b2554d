//! Formats in and out: web pages read as their plain-text version, metadata carried to the
//! records, the output format following the -o extension, workbooks, completions and the man
//! page.

mod common;

use std::path::Path;

use common::{run, run_with_stdin};
use serde_json::Value;
use whosaid::input::{Event, Inputs};
use whosaid::{Extractor, QuoteRecord};

/// The records of one input file, through the library.
fn records_of(path: &Path) -> Vec<QuoteRecord> {
    let extractor = Extractor::builtin().unwrap();
    let mut out = Vec::new();
    for event in Inputs::new([path]) {
        match event {
            Event::Document(doc) => out.extend(extractor.extract(&doc)),
            other => panic!("{}: {other:?}", path.display()),
        }
    }
    out
}

fn web(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/web").join(name)
}

#[test]
fn a_saved_news_page_gives_the_records_of_its_plain_text_version() {
    let page = records_of(&web("flood-barrier.html"));
    let text = records_of(&web("flood-barrier.txt"));
    assert!(page.len() >= 5, "{page:#?}");
    // Everything but the metadata the page has and the text file lacks.
    let strip = |r: &QuoteRecord| QuoteRecord {
        outlet: String::new(),
        date: String::new(),
        url: String::new(),
        title: String::new(),
        ..r.clone()
    };
    assert_eq!(page.iter().map(strip).collect::<Vec<_>>(), text.iter().map(strip).collect::<Vec<_>>());
    // Nothing from the scripts, the comments or the share buttons.
    assert!(page.iter().all(|r| !r.quote.contains("Share") && !r.quote.contains("About time")), "{page:#?}");
    let r = &page[0];
    assert_eq!(r.outlet, "The Estuary Courier");
    assert_eq!(r.date, "2022-02-15");
    assert_eq!(r.title, "Harbourton approves £40m flood barrier after stormy debate");
    assert_eq!(r.url, "https://estuary-courier.example/news/2022/02/harbourton-flood-barrier");
}

#[test]
fn the_page_text_is_the_text_file() {
    let Some(Event::Document(doc)) = Inputs::new([web("flood-barrier.html")]).next() else {
        panic!("no document")
    };
    let text = std::fs::read_to_string(web("flood-barrier.txt")).unwrap();
    assert_eq!(doc.text, text, "page text:\n{}", doc.text);
}

const ARTICLE: &str = "Port deal signed\n\nThe mayor signed the deal.\n\n“This is a good day for the port,” said Ana Ruiz, the mayor.\n";

#[test]
fn metadata_and_kept_fields_follow_each_record() {
    let dir = tempfile::tempdir().unwrap();
    let line = serde_json::json!({
        "id": "a1", "text": ARTICLE, "outlet": "Harbour Times", "date": "2022-02-03",
        "url": "https://example.org/a1", "title": "Port deal signed", "section": "Local", "words": 120
    });
    common::write(dir.path(), "in.jsonl", format!("{line}\n"));
    let run = run(
        dir.path(),
        &["extract", "in.jsonl", "-f", "jsonl", "--keep", "section,words", "--keep", "missing"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The kept fields come last, in the order asked for.
    let line = run.stdout.lines().next().unwrap();
    let mut fields: Vec<&str> = whosaid::output::QUOTE_FIELDS.to_vec();
    fields.extend(["section", "words", "missing"]);
    let at: Vec<usize> = fields.iter().map(|f| line.find(&format!("\"{f}\":")).unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{line}");
    let records = run.records();
    let r = records[0].as_object().unwrap();
    assert_eq!((r["date"].as_str(), r["url"].as_str()), (Some("2022-02-03"), Some("https://example.org/a1")));
    assert_eq!(
        (r["section"].as_str(), r["words"].as_str(), r["missing"].as_str()),
        (Some("Local"), Some("120"), Some(""))
    );
    let csv = run_with_stdin(dir.path(), &["extract", "in.jsonl", "--keep", "section"], b"");
    let header = csv.stdout.lines().next().unwrap();
    assert!(header.ends_with(",confidence,date,url,title,section"), "{header}");
    let clash = run_with_stdin(dir.path(), &["extract", "in.jsonl", "--keep", "speaker"], b"");
    assert_eq!(clash.code, 2, "{}", clash.stderr);
}

#[test]
fn the_output_extension_picks_the_format_and_an_unknown_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    common::write(dir.path(), "a.txt", ARTICLE);
    for (args, code) in [
        (&["extract", "a.txt", "-o", "out.xls"][..], 2),
        (&["extract", "a.txt", "-o", "out.csv", "-f", "jsonl"][..], 2),
        (&["compare", "a.txt", "a.txt", "-o", "out.pdf"][..], 2),
    ] {
        let run = run(dir.path(), args);
        assert_eq!(run.code, code, "{args:?}: {}", run.stderr);
        assert!(!dir.path().join(args[args.len() - 1]).exists() || args.contains(&"-f"), "{args:?}");
    }
    assert!(!dir.path().join("out.xls").exists());
    assert!(!dir.path().join("out.csv").exists());

    assert_eq!(run(dir.path(), &["extract", "a.txt", "-o", "out.jsonl"]).code, 0);
    let jsonl = std::fs::read_to_string(dir.path().join("out.jsonl")).unwrap();
    assert!(jsonl.starts_with('{'), "{jsonl}");
    assert_eq!(run(dir.path(), &["extract", "a.txt", "-o", "out.txt"]).code, 0);
    let table = std::fs::read_to_string(dir.path().join("out.txt")).unwrap();
    assert!(table.contains("Ana Ruiz") && !table.contains("\"doc\""), "{table}");

    // CSV files start with a byte order mark for Excel; standard output does not.
    assert_eq!(run(dir.path(), &["extract", "a.txt", "-o", "out.csv"]).code, 0);
    let csv = std::fs::read(dir.path().join("out.csv")).unwrap();
    assert!(csv.starts_with("\u{FEFF}doc,outlet,".as_bytes()));
    assert_eq!(run(dir.path(), &["extract", "a.txt", "-o", "plain.csv", "--no-bom"]).code, 0);
    assert!(std::fs::read(dir.path().join("plain.csv")).unwrap().starts_with(b"doc,"));
    assert!(run(dir.path(), &["extract", "a.txt"]).stdout.starts_with("doc,"));
    assert!(run(dir.path(), &["extract", "a.txt", "--bom"]).stdout.starts_with('\u{FEFF}'));

    // Workbooks, for both commands: a zip archive (xlsx) and no error.
    for args in
        [&["extract", "a.txt", "-o", "q.xlsx"][..], &["compare", "a.txt", "a.txt", "-o", "g.xlsx"][..]]
    {
        let run = run(dir.path(), args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        let bytes = std::fs::read(dir.path().join(args[args.len() - 1])).unwrap();
        assert!(bytes.starts_with(b"PK\x03\x04"), "{args:?}");
    }
    assert_eq!(run(dir.path(), &["compare", "a.txt", "a.txt", "-o", "g.html"]).code, 0);
    let html = std::fs::read_to_string(dir.path().join("g.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") || html.starts_with("<!doctype html>"), "{}", &html[..100]);
}

#[test]
fn standard_input_as_one_text_article() {
    let dir = tempfile::tempdir().unwrap();
    common::write(dir.path(), "stdin.txt", ARTICLE);
    let file = run(dir.path(), &["extract", "stdin.txt", "-f", "jsonl"]);
    let piped = run_with_stdin(dir.path(), &["extract", "--text", "-f", "jsonl"], ARTICLE.as_bytes());
    let dash =
        run_with_stdin(dir.path(), &["extract", "-", "--input", "text", "-f", "jsonl"], ARTICLE.as_bytes());
    assert_eq!(piped.code, 0, "{}", piped.stderr);
    assert!(!file.records().is_empty());
    assert_eq!(piped.records(), file.records());
    assert_eq!(dash.records(), file.records());
}

#[test]
fn a_folder_with_nothing_to_read_says_so() {
    let dir = tempfile::tempdir().unwrap();
    common::write(dir.path(), "in/notes.md", "# notes");
    common::write(dir.path(), "in/scan.pdf", "%PDF-1.4");
    let run = run(dir.path(), &["extract", "in"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("2 files not read") && run.stderr.contains("notes.md"), "{}", run.stderr);
    assert!(run.stderr.contains("no article was read"), "{}", run.stderr);
}

#[test]
fn compare_cards_name_the_outlet_date_and_title_not_the_id() {
    let dir = tempfile::tempdir().unwrap();
    let line = |id: &str, outlet: &str| {
        serde_json::json!({"id": id, "text": ARTICLE, "outlet": outlet, "date": "2022-02-03", "title": "Port deal signed"})
            .to_string()
    };
    common::write(
        dir.path(),
        "in.jsonl",
        format!("{}\n{}\n", line("003_33c943f72d12", "Harbour Times"), line("b7", "Quay Post")),
    );
    let run = run(dir.path(), &["compare", "in.jsonl", "-f", "html", "-j", "1", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = &run.stdout;
    assert!(html.contains("<span class=\"outlet\">Harbour Times</span>"), "{html}");
    assert!(html.contains("<time>2022-02-03</time>") && html.contains("Port deal signed"), "{html}");
    // The id is only a tooltip.
    assert!(html.contains("title=\"003_33c943f72d12\"") && !html.contains(">003_33c943f72d12"), "{html}");
    let groups = run_with_stdin(dir.path(), &["compare", "in.jsonl", "-f", "jsonl"], b"");
    let g: Value = serde_json::from_str(groups.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(g["members"][0]["date"], "2022-02-03");
    assert_eq!(g["members"][0]["title"], "Port deal signed");
}

#[test]
fn completions_and_man_page() {
    let dir = tempfile::tempdir().unwrap();
    let bash = run(dir.path(), &["completions", "bash"]);
    assert_eq!(bash.code, 0);
    assert!(bash.stdout.contains("whosaid") && bash.stdout.contains("complete"), "{}", bash.stdout);
    let man = run(dir.path(), &["man"]);
    assert_eq!(man.code, 0);
    assert!(man.stdout.contains(".TH whosaid"), "{}", &man.stdout[..200.min(man.stdout.len())]);
}

#[test]
fn known_role_is_the_role_held_on_the_article_date() {
    let extractor = Extractor::builtin().unwrap();
    let text = "Envoy visits Kyiv\n\nThe visit was announced on Friday.\n\n\
                “We are here to listen,” said Derek Chollet, who led the delegation.\n";
    let role = |date: Option<&str>, text: &str| {
        let doc = whosaid::Document { date: date.map(String::from), ..whosaid::Document::new("d", text) };
        let records = extractor.extract(&doc);
        let r = records.iter().find(|r| r.speaker == "Derek Chollet").expect("a Chollet quote");
        (r.date.clone(), r.known_role.clone())
    };
    assert_eq!(
        role(Some("2022-02-10"), text),
        ("2022-02-10".into(), "Counselor, U.S. Department of State".into())
    );
    assert_eq!(
        role(Some("2024-05-01"), text).1,
        "Chief of Staff to the Secretary of Defense, U.S. Department of Defense"
    );
    // A dateline with a year dates the article when the input does not.
    let dated = text.replace("The visit", "KYIV, Feb. 10, 2022 (Wire) – The visit");
    assert_eq!(role(None, &dated), ("2022-02-10".into(), "Counselor, U.S. Department of State".into()));
}
