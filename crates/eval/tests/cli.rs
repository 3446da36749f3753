//! The command's contract beyond the metric: clear errors for wrong input,
//! the baseline check's exit status, and the files it writes.

mod common;

use std::fs;

use common::*;
use serde_json::Value;

/// A corpus whose gold text appears nowhere in the page, so that any
/// extractor scores F1 = 0 on it.
fn zero_corpus(name: &str) -> std::path::PathBuf {
    let dir = scratch(name).join("zero");
    write_corpus(
        &dir,
        &[SynthPage {
            id: "p1",
            html: b"<html><body><article><p>The quick brown fox jumps over the lazy dog \
                    again and again, all day long, in the sun.</p></article></body></html>",
            gold: Some("Completely unrelated gold text that the page never contains."),
            snippets: None,
        }],
    );
    dir
}

#[test]
fn a_directory_not_in_the_shared_format_is_a_clear_error() {
    let dir = scratch("not-a-corpus");
    let out = dechaff_eval(&[dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not a corpus in the shared format"), "{stderr}");
    assert!(stderr.contains("no index.jsonl"), "{stderr}");

    fs::write(dir.join("index.jsonl"), "{\"id\": \"a\"}\n").unwrap();
    fs::create_dir(dir.join("html")).unwrap();
    let out = dechaff_eval(&[dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no html/a.html.gz"));

    fs::write(dir.join("index.jsonl"), "{\"id\": \"a\"\n").unwrap();
    let out = dechaff_eval(&[dir.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("index.jsonl:1: not JSON"));
}

#[test]
fn check_fails_below_the_baseline_and_passes_at_it() {
    let dir = zero_corpus("baseline-check");
    let corpus = dir.to_str().unwrap();
    let base = dir.parent().unwrap().join("baseline.json");
    let base_arg = base.to_str().unwrap();

    fs::write(&base, r#"{"zero": 0.5, "elsewhere": 0.9}"#).unwrap();
    let out = dechaff_eval(&["--baseline", base_arg, "--check", corpus]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("REGRESSION zero"));
    // Without --check the comparison is shown but does not fail.
    let out = dechaff_eval(&["--baseline", base_arg, corpus]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("0.500 -0.500"));

    // Within the tolerance of 0.005 is not a regression.
    fs::write(&base, r#"{"zero": 0.004}"#).unwrap();
    let out = dechaff_eval(&["--baseline", base_arg, "--check", corpus]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn write_baseline_then_check_passes() {
    let dir = zero_corpus("baseline-write");
    let corpus = dir.to_str().unwrap();
    let base = dir.parent().unwrap().join("new-baseline.json");
    let base_arg = base.to_str().unwrap();
    let out = dechaff_eval(&["--write-baseline", base_arg, corpus]);
    assert!(out.status.success());
    let written: Value = serde_json::from_str(&fs::read_to_string(&base).unwrap()).unwrap();
    assert_eq!(written, serde_json::json!({"zero": 0.0}));
    let out = dechaff_eval(&["--baseline", base_arg, "--check", "--json", corpus]);
    assert!(out.status.success());
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["regressions"], serde_json::json!([]));
    assert_eq!(report["corpora"][0]["baseline"], 0.0);
}

#[test]
fn check_needs_a_baseline() {
    let dir = zero_corpus("check-alone");
    let out = dechaff_eval(&["--check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn report_lists_corpus_rows_worst_pages_and_predictions() {
    let dir = zero_corpus("report");
    let preds = dir.parent().unwrap().join("preds");
    let out = dechaff_eval(&[
        "--preds",
        preds.to_str().unwrap(),
        "--worst",
        "1",
        dir.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("corpus"), "{stdout}");
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("zero ") && l.contains("gold")),
        "{stdout}"
    );
    assert!(stdout.contains("mean F1 over 1 corpora: 0.000"), "{stdout}");
    assert!(stdout.contains("worst pages of zero"), "{stdout}");
    assert!(
        stdout
            .lines()
            .any(|l| l.ends_with(" p1") && l.contains("F1 0.000")),
        "{stdout}"
    );
    assert!(preds.join("zero/p1.txt").is_file());
}

#[test]
fn confidence_splits_the_pages_and_reports_each_side() {
    let dir = scratch("confidence").join("split");
    let para = "The council voted on Tuesday to rebuild the old harbour wall before \
                the winter storms, after engineers found cracks along most of its length.";
    let article = format!(
        "<html><body><nav><a href=/>Home</a> <a href=/news>News</a></nav><article>\
         <h1>Harbour wall to be rebuilt</h1><p>{para}</p><p>{para} Work starts in May.</p>\
         <p>{para} The cost is shared.</p><p>{para} Residents welcomed it.</p></article>\
         <footer><a href=/about>About us</a></footer></body></html>"
    );
    let gold = format!(
        "Harbour wall to be rebuilt\n\n{para}\n\n{para} Work starts in May.\n\n\
         {para} The cost is shared.\n\n{para} Residents welcomed it."
    );
    write_corpus(
        &dir,
        &[
            SynthPage {
                id: "article",
                html: article.as_bytes(),
                gold: Some(&gold),
                snippets: None,
            },
            SynthPage {
                id: "shell",
                html: b"<html><body><nav><a href=/>Home</a> <a href=/shop>Shop</a></nav>\
                        <div id=app></div></body></html>",
                gold: Some("A product description that the page loads by script."),
                snippets: None,
            },
        ],
    );
    let out = dechaff_eval(&["--json", "--confidence", "0.5", dir.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let split = &report["corpora"][0]["confidence"];
    assert_eq!(split["threshold"], 0.5);
    assert_eq!(split["sure_pages"], 1, "{split}");
    assert!(split["sure_f1"].as_f64().unwrap() > 0.9, "{split}");
    assert_eq!(split["doubtful_pages"], 1, "{split}");
    assert_eq!(split["doubtful_f1"], 0.0, "{split}");

    let out = dechaff_eval(&["--confidence", "0.5", dir.to_str().unwrap()]);
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("confidence split at 0.5"), "{table}");
    assert!(table.contains("1 gold-text corpora"), "{table}");

    let out = dechaff_eval(&["--confidence", "1.5", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a number from 0 to 1"));
}
