//! One insta snapshot per article in `tests/corpus/`: every quote whosaid extracts from it, with
//! speaker, role, cue and method. A changed rule shows up here as a reviewed diff
//! (`cargo insta review`); CI never updates snapshots.

use whosaid::{Document, Extractor};

#[test]
fn corpus_snapshots() {
    let extractor = Extractor::builtin().expect("the built-in gazetteer loads");
    insta::with_settings!({
        snapshot_path => "../snapshots",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::glob!("corpus/*.txt", |path| {
            let text = std::fs::read_to_string(path).expect("corpus files are UTF-8");
            let id = path.file_stem().expect("a file name").to_string_lossy();
            let records = extractor.extract(&Document::new(id, text));
            insta::assert_yaml_snapshot!(records, { "[].confidence" => insta::rounded_redaction(2) });
        });
    });
}
