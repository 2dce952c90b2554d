//! Integration tests of `whosaid compare` on the five seed articles (`tests/corpus`) and their
//! gold annotation (`tests/gold`, from `shared/gold`): the groups the issue asks for, the output
//! contract, the report snapshot, the HTML page, exit statuses.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;
use whosaid::compare::render::{write_report, ReportOptions, Summary};
use whosaid::compare::{html, records, CompareOptions, Comparer, Flag, Group, Relation};
use whosaid::input::{Event, Inputs};
use whosaid::{Document, Extractor, Gazetteer, QuoteKind, QuoteRecord};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus() -> Vec<Document> {
    Inputs::new([root().join("tests/corpus")])
        .filter_map(|e| match e {
            Event::Document(d) => Some(d),
            _ => None,
        })
        .collect()
}

fn comparer() -> Comparer {
    Comparer::new(Some(&Gazetteer::builtin().unwrap()), CompareOptions::default())
}

/// Quotes extracted from the seed articles, and their groups.
fn seed_groups() -> (Vec<QuoteRecord>, Vec<Group>, usize) {
    let docs = corpus();
    let extractor = Extractor::builtin().unwrap();
    let quotes: Vec<QuoteRecord> = docs.iter().flat_map(|d| extractor.extract(d)).collect();
    let groups = comparer().compare(&quotes);
    (quotes, groups, docs.len())
}

/// The gold quotes as records (speaker `null` read as empty).
fn gold_records() -> Vec<QuoteRecord> {
    let f = std::fs::File::open(root().join("tests/gold/seeds.quotes.jsonl")).unwrap();
    records::read_records(std::io::BufReader::new(f), "seeds.quotes.jsonl").unwrap()
}

fn gold_rows() -> Vec<Value> {
    jsonl(&std::fs::read_to_string(root().join("tests/gold/seeds.quotes.jsonl")).unwrap())
}

fn gold_groups() -> Vec<Vec<String>> {
    jsonl(&std::fs::read_to_string(root().join("tests/gold/seeds.groups.jsonl")).unwrap())
        .iter()
        .map(|g| g["members"].as_array().unwrap().iter().map(|m| m.as_str().unwrap().to_string()).collect())
        .collect()
}

fn jsonl(text: &str) -> Vec<Value> {
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// The gold id a predicted quote stands for: same document, spans overlapping by half their
/// union or more (as `shared/tools/score.py` matches them).
fn gold_id(gold: &[Value], doc: &str, start: u64, end: u64) -> Option<String> {
    gold.iter()
        .filter(|g| g["doc"] == doc)
        .map(|g| {
            let (s, e) = (g["start"].as_u64().unwrap(), g["end"].as_u64().unwrap());
            let inter = end.min(e).saturating_sub(start.max(s));
            let union = end.max(e) - start.min(s);
            (inter as f64 / union as f64, g["id"].as_str().unwrap().to_string())
        })
        .filter(|(o, _)| *o >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, id)| id)
}

/// Cross-document pairs of gold ids in groups of ids.
fn pairs(groups: &[Vec<String>]) -> HashSet<(String, String)> {
    let doc = |id: &str| id.split('#').next().unwrap_or("").to_string();
    let mut out = HashSet::new();
    for g in groups {
        for a in g {
            for b in g {
                if a < b && doc(a) != doc(b) {
                    out.insert((a.clone(), b.clone()));
                }
            }
        }
    }
    out
}

/// Pair precision, recall and F1 of predicted groups against the gold groups.
fn score(groups: &[Group]) -> (f64, f64, f64) {
    let gold = gold_rows();
    let predicted: Vec<Vec<String>> = groups
        .iter()
        .map(|g| g.members.iter().filter_map(|m| gold_id(&gold, &m.doc, m.start, m.end)).collect())
        .collect();
    let (p, g) = (pairs(&predicted), pairs(&gold_groups()));
    let tp = p.intersection(&g).count() as f64;
    let (precision, recall) = (tp / p.len() as f64, tp / g.len() as f64);
    (precision, recall, 2.0 * precision * recall / (precision + recall))
}

/// The group holding a member whose quote contains `words`.
fn group_with<'a>(groups: &'a [Group], words: &str) -> &'a Group {
    groups
        .iter()
        .find(|g| g.members.iter().any(|m| m.quote.contains(words)))
        .unwrap_or_else(|| panic!("no group holds “{words}”"))
}

#[test]
fn seed_groups_score_against_gold() {
    // The bar: group F1 ≥ 0.85 with every seed group found.
    let (_, groups, _) = seed_groups();
    let (precision, recall, f1) = score(&groups);
    assert!(f1 >= 0.85, "group F1 {f1:.3} (precision {precision:.3}, recall {recall:.3})");
    // Groups are stars without chains (issue 12): the one seed pair that is tied only through
    // a third quote (a short phrase of a government inside a longer quote of its minister
    // that another report's commentator quotes) is no longer found.
    assert!(recall >= 0.9, "gold pairs missed: recall {recall:.3}");
}

#[test]
fn every_gold_group_is_found_from_gold_quotes() {
    // Independent of the extractor: compare the gold quotes themselves.
    let groups = comparer().compare(&gold_records());
    let gold = gold_rows();
    let group_of: HashMap<String, usize> = groups
        .iter()
        .enumerate()
        .flat_map(|(i, g)| g.members.iter().map(move |m| (m, i)))
        .filter_map(|(m, i)| gold_id(&gold, &m.doc, m.start, m.end).map(|id| (id, i)))
        .collect();
    // All but the one chained seed pair (see `seed_groups_score_against_gold`).
    let mut missed = Vec::new();
    for g in gold_groups() {
        let found: HashSet<Option<&usize>> = g.iter().map(|id| group_of.get(id)).collect();
        if found.len() != 1 || found.contains(&None) {
            missed.push(g);
        }
    }
    assert!(missed.len() <= 1, "gold groups split or missed: {missed:?}");
}

#[test]
fn near_identical_wording_differs_only_where_it_does() {
    let groups = comparer().compare(&gold_records());
    let g = group_with(&groups, "significant impact in the energy sphere");
    assert_eq!(g.relation, Relation::Variant);
    assert!(g.similarity > 0.9, "{}", g.similarity);
    // "There will" / "There’ll" is the same wording; "on" / "in" is not.
    let changes: Vec<(Option<&str>, Option<&str>)> = g.diff[0]
        .ops
        .iter()
        .filter(|o| o.op != whosaid::compare::OpKind::Same)
        .map(|o| (o.reference.as_deref(), o.text.as_deref()))
        .collect();
    assert_eq!(changes.len(), 1, "{changes:?}");
    let (reference, text) = changes[0];
    let mut words = [reference.unwrap(), text.unwrap()];
    words.sort_unstable();
    assert_eq!(words, ["in", "on"]);
    assert!(g.flags.contains(&Flag::Wording));
}

#[test]
fn substituted_words_make_a_variant() {
    let groups = comparer().compare(&gold_records());
    let g = group_with(&groups, "it is not going to be good for China either");
    assert!(g.members.iter().any(|m| m.quote.contains("it will not be good for China either")));
    assert_eq!(g.relation, Relation::Variant);
    let g = group_with(&groups, "stop playing fire on the Taiwan issue");
    assert!(g.members.iter().any(|m| m.quote.contains("stop playing with fire on the Taiwan issue")));
}

#[test]
fn contained_quote_and_attribution_conflicts() {
    let groups = comparer().compare(&gold_records());
    let g = group_with(&groups, "strengthening or even expanding military blocs");
    assert_eq!(g.relation, Relation::Contains);
    assert_eq!(g.similarity, 1.0);
    assert!(!g.flags.contains(&Flag::Wording), "a part quoted word for word is no wording change");

    // A government and its minister in one group: unclear, not a conflict.
    let g = group_with(&groups, "refrain from doing things");
    assert!(g.flags.contains(&Flag::SpeakerUnclear), "{:?}", g.notes);
    assert!(!g.flags.contains(&Flag::SpeakerConflict), "{:?}", g.notes);
    // Same speaker, different titles.
    let g = group_with(&groups, "it is not going to be good for China either");
    assert!(g.flags.contains(&Flag::RoleConflict), "{:?}", g.notes);
}

fn record(doc: &str, quote: &str, speaker: &str, speaker_id: &str, role: &str) -> QuoteRecord {
    QuoteRecord {
        doc: doc.into(),
        paragraph: 1,
        end: quote.chars().count() as u64,
        quote: quote.into(),
        kind: QuoteKind::Full,
        speaker: speaker.into(),
        speaker_id: speaker_id.into(),
        role: role.into(),
        cue: "said".into(),
        confidence: 1.0,
        ..QuoteRecord::default()
    }
}

#[test]
fn a_title_the_gazetteer_contradicts_is_a_role_conflict() {
    // The built-in gazetteer knows Xi Jinping as President, never as Foreign Minister.
    let quote = "The two countries will remain the most important strategic partners for years to come";
    let records = vec![
        record("a", quote, "Xi Jinping", "xi-jinping", "Foreign Minister"),
        record("b", quote, "Xi Jinping", "xi-jinping", ""),
    ];
    let groups = comparer().compare(&records);
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].relation, Relation::Identical);
    assert!(groups[0].flags.contains(&Flag::RoleConflict));
    assert!(groups[0].notes.iter().any(|n| n.contains("Foreign Minister") && n.contains("President")));
    // The right title is no conflict.
    let records = vec![
        record("a", quote, "Xi Jinping", "xi-jinping", "Chinese President"),
        record("b", quote, "Xi Jinping", "xi-jinping", ""),
    ];
    assert!(comparer().compare(&records)[0].flags.is_empty());
}

#[test]
fn quotes_of_one_document_alone_are_not_a_group() {
    let q = "We will never accept these terms, whatever the price";
    let records = vec![
        record("a", q, "X", "", ""),
        record("a", q, "X", "", ""),
        record("b", "Unrelated words here", "X", "", ""),
    ];
    assert!(comparer().compare(&records).is_empty());
}

#[test]
fn report_snapshot() {
    let (quotes, groups, documents) = seed_groups();
    let mut out = Vec::new();
    let summary = Summary { documents, quotes: quotes.len() };
    write_report(&mut out, &groups, &summary, &ReportOptions::default()).unwrap();
    let report = String::from_utf8(out).unwrap();
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("compare_seeds_report", report);
    });
}

#[test]
fn html_page_is_self_contained() {
    let (quotes, groups, documents) = seed_groups();
    let mut out = Vec::new();
    html::write_html(&mut out, &groups, &Summary { documents, quotes: quotes.len() }, "Seeds").unwrap();
    let page = String::from_utf8(out).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<style>"));
    for forbidden in ["<script", "<link", "src=", "http://", "https://", "@import", "url("] {
        assert!(!page.contains(forbidden), "the page must not load anything: found {forbidden}");
    }
    assert_eq!(page.matches("<section class=\"group\"").count(), groups.len());
    assert!(page.contains("<del>on</del><ins>in</ins>"), "changed words are marked");
    // Every quote of every group is on the page, escaped.
    for g in &groups {
        for m in &g.members {
            let first_word = m.quote.split_whitespace().next().unwrap();
            assert!(page.contains(&html::escape(first_word)));
        }
    }
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
}

fn run(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    use std::io::Write;
    let mut child = bin()
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let feeder = std::thread::spawn(move || input.write_all(&data));
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap(), stderr)
}

fn text_of(doc: &str) -> Vec<char> {
    std::fs::read_to_string(root().join("tests/corpus").join(format!("{doc}.txt"))).unwrap().chars().collect()
}

#[test]
fn jsonl_groups_follow_the_contract() {
    let (code, out, _) = run(&["compare", "--format", "jsonl", "tests/corpus"], b"");
    assert_eq!(code, 0);
    let groups = jsonl(&out);
    assert!(!groups.is_empty());
    for (i, g) in groups.iter().enumerate() {
        assert_eq!(g["group"], i + 1);
        let relation = g["relation"].as_str().unwrap();
        assert!(["identical", "variant", "contains", "paraphrase"].contains(&relation));
        let s = g["similarity"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&s));
        assert!(g["speaker"].is_string() && g["flags"].is_array() && g["diff"].is_array());
        let members = g["members"].as_array().unwrap();
        let docs: HashSet<&str> = members.iter().map(|m| m["doc"].as_str().unwrap()).collect();
        assert!(docs.len() >= 2, "group {i} has one document");
        for m in members {
            for field in ["doc", "outlet", "quote", "speaker", "role"] {
                assert!(m[field].is_string(), "{field}");
            }
            // Offsets are code points into the document as read.
            let text = text_of(m["doc"].as_str().unwrap());
            let (s, e) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
            assert_eq!(text[s..e].iter().collect::<String>(), m["quote"].as_str().unwrap());
        }
    }
}

#[test]
fn records_from_extract_give_the_same_groups() {
    let (code, extracted, _) = run(&["extract", "--format", "jsonl", "tests/corpus"], b"");
    assert_eq!(code, 0);
    let (_, direct, _) = run(&["compare", "--format", "jsonl", "tests/corpus"], b"");
    let (code, piped, _) = run(&["compare", "--format", "jsonl", "--records", "-"], extracted.as_bytes());
    assert_eq!(code, 0);
    assert_eq!(piped, direct);
}

#[test]
fn csv_has_one_row_per_member() {
    let (_, out, _) = run(&["compare", "--format", "csv", "tests/corpus"], b"");
    let (_, groups, _) = run(&["compare", "--format", "jsonl", "tests/corpus"], b"");
    let members: usize = jsonl(&groups).iter().map(|g| g["members"].as_array().unwrap().len()).sum();
    let mut rdr = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(rdr.headers().unwrap().iter().next(), Some("group"));
    assert_eq!(rdr.records().count(), members);
}

#[test]
fn exit_status_one_when_an_input_is_missing_and_the_rest_still_compared() {
    let (code, out, err) = run(&["compare", "--format", "jsonl", "no-such-folder", "tests/corpus"], b"");
    assert_eq!(code, 1);
    assert!(err.contains("no-such-folder"), "{err}");
    assert!(!out.is_empty());
}

#[test]
fn exit_status_two_on_usage_or_gazetteer_errors_with_nothing_written() {
    let (code, out, _) = run(&["compare", "--min-similarity", "1.5", "tests/corpus"], b"");
    assert_eq!((code, out.as_str()), (2, ""));
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "id,name,kind\nx,X Y,robot\n").unwrap();
    let output = dir.path().join("out.html");
    let (code, out, err) = run(
        &[
            "compare",
            "--gazetteer",
            bad.to_str().unwrap(),
            "--format",
            "html",
            "-o",
            output.to_str().unwrap(),
            "tests/corpus",
        ],
        b"",
    );
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("bad.csv:2"), "{err}");
    assert!(!Path::new(&output).exists(), "nothing written on a gazetteer error");
}
