//! The Rust scorer must give the numbers of the reference scorer,
//! `shared/tools/score.py`: these tests run both on the same predictions and
//! compare.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::*;
use dechaff_eval::corpus::Corpus;
use dechaff_eval::metric::{aggregate_gold, aggregate_snippets, score_gold, SnippetCounts};
use dechaff_eval::pychars::{is_space_char, is_word_char, WORD_RANGES};
use serde_json::Value;

/// Tolerance of the comparison: the brief asks for 0.001; the scorers sum in
/// the same order, so they agree to float rounding.
const TOL: f64 = 1e-9;

fn python(script: &str) -> String {
    let out = Command::new("python3")
        .args(["-c", script])
        .output()
        .expect("python3 is needed to check agreement with score.py");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn word_and_space_characters_are_pythons() {
    let out = python(
        "import re\n\
         w, s = re.compile(r'\\w'), re.compile(r'\\s')\n\
         cs = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]\n\
         print(' '.join(str(c) for c in cs if w.match(chr(c))))\n\
         print(' '.join(str(c) for c in cs if s.match(chr(c))))\n",
    );
    let mut lines = out.lines();
    let parse = |line: &str| -> Vec<u32> { line.split(' ').map(|n| n.parse().unwrap()).collect() };
    let py_word = parse(lines.next().unwrap());
    let py_space = parse(lines.next().unwrap());
    let ours = |f: fn(char) -> bool| -> Vec<u32> {
        (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| f(c))
            .map(u32::from)
            .collect()
    };
    assert_eq!(
        ours(is_word_char).len(),
        py_word.len(),
        "the \\w table differs from this python3's: regenerate src/pychars.rs"
    );
    assert!(
        ours(is_word_char) == py_word,
        "the \\w table differs from python3's"
    );
    assert_eq!(ours(is_space_char), py_space, "\\s differs from python3's");
    assert!(
        WORD_RANGES.windows(2).all(|w| w[0].1 < w[1].0),
        "ranges sorted and disjoint"
    );
}

/// Checks our `--json` corpus entry against score.py's JSON for the same
/// predictions.
fn assert_agrees(ours: &Value, theirs: &Value) {
    let name = theirs["corpus"].as_str().unwrap();
    assert_eq!(ours["kind"], theirs["kind"], "{name}: kind");
    assert_eq!(ours["pages"], theirs["pages"], "{name}: pages");
    assert_eq!(theirs["missing"], 0, "{name}: a prediction file was not written");
    for key in ["precision", "recall", "f1"] {
        assert_close(&format!("{name} {key}"), &ours[key], &theirs[key], TOL);
    }
    let detail = &ours[theirs["kind"].as_str().unwrap()];
    for key in ["f1_page_mean", "accuracy"] {
        assert_close(&format!("{name} {key}"), &detail[key], &theirs[key], TOL);
    }
    if theirs["kind"] == "gold" {
        assert_close(&format!("{name} exact"), &detail["exact"], &theirs["exact"], TOL);
    }
    if let Some(snippets) = theirs.get("snippets") {
        for key in ["precision", "recall", "f1", "with_found", "without_absent"] {
            assert_close(
                &format!("{name} snippets {key}"),
                &ours["snippets"][key],
                &snippets[key],
                TOL,
            );
        }
    }
    eprintln!(
        "{name}: P {:.3} R {:.3} F1 {:.3} (score.py: {:.3} {:.3} {:.3})",
        ours["precision"].as_f64().unwrap(),
        ours["recall"].as_f64().unwrap(),
        ours["f1"].as_f64().unwrap(),
        theirs["precision"].as_f64().unwrap(),
        theirs["recall"].as_f64().unwrap(),
        theirs["f1"].as_f64().unwrap(),
    );
}

/// Runs dechaff-eval with `--preds` on `corpora`, then score.py on each
/// prediction folder, and compares.
fn run_and_compare(shared: &Path, scratch_name: &str, corpora: &[&Path]) {
    let preds = scratch(scratch_name);
    let mut args = vec!["--json", "--preds", preds.to_str().unwrap()];
    args.extend(corpora.iter().map(|c| c.to_str().unwrap()));
    let out = dechaff_eval(&args);
    assert!(
        out.status.success(),
        "dechaff-eval failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ours: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ours = ours["corpora"].as_array().unwrap();
    assert_eq!(ours.len(), corpora.len());
    for (corpus, ours) in corpora.iter().zip(ours) {
        let name = corpus.file_name().unwrap().to_str().unwrap();
        assert_eq!(ours["corpus"], name);
        let pred_dir = preds.join(name);
        let theirs = score_py(shared, &[corpus.to_str().unwrap(), pred_dir.to_str().unwrap()]);
        assert_agrees(ours, &theirs);
    }
}

#[test]
fn agrees_with_score_py_on_gold_corpora() {
    let Some(shared) = shared_dir() else { return };
    let corpora = shared.join("corpora");
    run_and_compare(
        &shared,
        "agree-gold",
        &[
            &corpora.join("webmainbench-sample"),
            &corpora.join("cleanportaleval"),
        ],
    );
}

#[test]
fn agrees_with_score_py_on_a_snippet_corpus() {
    let Some(shared) = shared_dir() else { return };
    run_and_compare(
        &shared,
        "agree-snippets",
        &[&shared.join("corpora/trafilatura-eval")],
    );
}

#[test]
fn agrees_with_score_py_on_tricky_synthetic_pages() {
    let Some(shared) = shared_dir() else { return };
    let dir = scratch("agree-synthetic").join("synthetic");
    let article = "<html><body><nav><a href=/>Home</a> <a href=/b>Blog</a></nav><article>\
        <h1>Schöne Grüße aus Köln</h1><p>Die नमस्ते Stadt am Rhein hat viele Brücken, \
        Kirchen und Museen; 中文字 und x² kommen auch vor. Der Dom ist das bekannteste \
        Gebäude der Stadt und zieht jedes Jahr Millionen Besucher an.</p>\
        <p>Seit dem Mittelalter ist Köln ein wichtiges Handelszentrum am Fluss.</p>\
        </article><footer>Impressum · Datenschutz</footer></body></html>";
    write_corpus(
        &dir,
        &[
            SynthPage {
                id: "article",
                html: article.as_bytes(),
                gold: Some("Schöne Grüße aus Köln\n\nDie नमस्ते Stadt am Rhein hat viele Brücken"),
                snippets: Some((&["Die  नमस्ते Stadt", "nicht da"], &["Impressum", "Home"])),
            },
            SynthPage {
                id: "empty-gold",
                html: article.as_bytes(),
                gold: Some(""),
                snippets: None,
            },
            SynthPage {
                id: "short-gold",
                html: article.as_bytes(),
                gold: Some("Köln Dom"),
                snippets: None,
            },
            SynthPage {
                id: "png",
                html: b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
                gold: Some("a b c d e"),
                snippets: None,
            },
            SynthPage {
                id: "nav-only",
                html: b"<nav><a href=/>Home</a></nav>",
                gold: Some("\u{1c}separated\u{1f}words\u{a0}here and there"),
                snippets: Some((&[], &["Home"])),
            },
            SynthPage {
                id: "no-truth",
                html: article.as_bytes(),
                gold: None,
                snippets: None,
            },
        ],
    );
    run_and_compare(&shared, "agree-synthetic-preds", &[&dir]);
}

/// Engine-independent: predictions made by cutting and padding the gold texts
/// of real corpora (many languages) are scored by the library and by
/// score.py.
#[test]
fn library_scorer_agrees_on_perturbed_gold_texts() {
    let Some(shared) = shared_dir() else { return };
    for name in ["readability-tests", "webmainbench-sample", "trafilatura-eval"] {
        let corpus = Corpus::open(shared.join("corpora").join(name)).unwrap();
        let preds = scratch(&format!("perturbed-{name}"));
        let (mut gold_pages, mut snippet_pages) = (Vec::new(), Vec::new());
        for (i, page) in corpus.pages.iter().enumerate() {
            let gold = corpus.gold(page).unwrap();
            let source = gold.clone().unwrap_or_else(|| {
                let s = page.snippets.as_ref().unwrap();
                format!("{}\n{}", s.with.join("\n\n"), s.without.join(" "))
            });
            let pred = perturb(&source, i);
            fs::write(preds.join(format!("{}.txt", page.id)), &pred).unwrap();
            if let Some(gold) = gold {
                gold_pages.push(score_gold(&gold, &pred));
            }
            if let Some(s) = &page.snippets {
                snippet_pages.push(SnippetCounts::new(&s.with, &s.without, &pred));
            }
        }
        let theirs = score_py(&shared, &[corpus.dir.to_str().unwrap(), preds.to_str().unwrap()]);
        let ours = if gold_pages.is_empty() {
            serde_json::to_value(aggregate_snippets(&snippet_pages)).unwrap()
        } else {
            serde_json::to_value(aggregate_gold(&gold_pages)).unwrap()
        };
        for key in ["precision", "recall", "f1", "f1_page_mean", "accuracy"] {
            assert_close(&format!("{name} {key}"), &ours[key], &theirs[key], TOL);
        }
        assert!(
            theirs["f1"].as_f64().unwrap() > 0.1,
            "{name}: perturbation too strong"
        );
        assert!(
            theirs["f1"].as_f64().unwrap() < 0.999,
            "{name}: perturbation too weak"
        );
    }
}

/// A prediction derived from `text`: every few lines dropped, boilerplate
/// added, whitespace mangled, sometimes empty — depending on `seed`.
fn perturb(text: &str, seed: usize) -> String {
    if seed % 11 == 5 {
        return String::new();
    }
    let mut out = String::new();
    if seed % 3 == 0 {
        out.push_str("Home | News | Sport\n\nAccept all cookies\n\n");
    }
    for (n, line) in text.lines().enumerate() {
        if (n + seed) % 4 == 1 {
            continue;
        }
        out.push_str(&line.replace(' ', if seed % 2 == 0 { "  " } else { "\n" }));
        out.push('\n');
    }
    if seed % 5 == 2 {
        out.push_str("© 2024 Example Media. All rights reserved. Datenschutz 隐私政策\n");
    }
    out
}
