//! The hand-written regression corpus: every `corpus/NAME.html` must extract
//! to exactly `corpus/NAME.txt` (written and checked by a person; see
//! `corpus/README.md` for what each page tests and the output conventions),
//! except the pages listed in `corpus/KNOWN_FAILURES`, which must still
//! differ: fixing one means taking it off the list.

mod common;

use std::path::Path;

use common::{corpus_pages, first_difference};

/// The names listed in `corpus/KNOWN_FAILURES`.
fn known_failures() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/KNOWN_FAILURES");
    std::fs::read_to_string(path)
        .expect("corpus/KNOWN_FAILURES exists")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn corpus_pages_extract_to_their_expected_text() {
    let extractor = dechaff::Extractor::new(dechaff::Options::default()).expect("default options are valid");
    let pages = corpus_pages();
    assert!(
        pages.len() >= 30,
        "the corpus should hold at least 30 pages, found {}",
        pages.len()
    );
    let known = known_failures();
    let mut failures = Vec::new();
    let mut fixed = Vec::new();
    for page in &pages {
        let html = std::fs::read(page).expect("readable page");
        let expected = std::fs::read_to_string(page.with_extension("txt")).expect("every page has a .txt");
        let got = match extractor.extract(&html) {
            Ok(result) => result.text,
            Err(e) => format!("<error: {e}>"),
        };
        let name = page
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let matches = got.trim_end() == expected.trim_end();
        let listed = known.contains(&name);
        if !matches && !listed {
            failures.push(format!(
                "{name}: {}",
                first_difference(expected.trim_end(), got.trim_end())
            ));
        } else if matches && listed {
            fixed.push(name);
        }
    }
    assert!(
        fixed.is_empty(),
        "these pages now extract as expected: take them off corpus/KNOWN_FAILURES: {fixed:?}"
    );
    assert!(
        failures.is_empty(),
        "{} of {} corpus pages differ from their expected text:\n{}",
        failures.len(),
        pages.len(),
        failures.join("\n")
    );
}

/// The header's byline and dateline are metadata, left out of the text by
/// default (corpus/README.md) and brought back by `Focus::Recall`.
#[test]
fn recall_keeps_the_header_byline_that_balanced_leaves_out() {
    let html = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/news-article.html"))
        .expect("readable page");
    let text = |focus| {
        let mut options = dechaff::Options::default();
        options.focus = focus;
        dechaff::Extractor::new(options)
            .expect("valid options")
            .extract(&html)
            .expect("extracts")
            .text
    };
    let byline = "By Priya Natarajan, Transport Reporter";
    assert!(!text(dechaff::Focus::Balanced).contains(byline));
    assert!(!text(dechaff::Focus::Precision).contains(byline));
    let recall = text(dechaff::Focus::Recall);
    assert!(recall.contains(byline), "{recall}");
    assert!(recall.contains("7 March 2024"), "{recall}");
}
