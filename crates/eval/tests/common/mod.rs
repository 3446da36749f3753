//! Helpers shared by the integration tests: where `shared/` is, scratch
//! directories, a small synthetic corpus, and running the command and
//! score.py.

#![allow(dead_code)]

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use flate2::write::GzEncoder;
use flate2::Compression;
use serde_json::{json, Value};

/// `<workspace>/../shared`, or `None` (with a notice) when it is absent.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if dir.join("tools/score.py").is_file() && dir.join("corpora").is_dir() {
        Some(dir.canonicalize().unwrap())
    } else {
        eprintln!(
            "NOTICE: skipped: {} (shared corpora and score.py) is absent",
            dir.display()
        );
        None
    }
}

/// A fresh, empty scratch directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// One page of a synthetic corpus.
pub struct SynthPage<'a> {
    pub id: &'a str,
    pub html: &'a [u8],
    pub gold: Option<&'a str>,
    /// (`with`, `without`) snippet lists.
    pub snippets: Option<(&'a [&'a str], &'a [&'a str])>,
}

/// Writes a corpus in the shared format to `dir`.
pub fn write_corpus(dir: &Path, pages: &[SynthPage<'_>]) {
    fs::create_dir_all(dir.join("html")).unwrap();
    fs::create_dir_all(dir.join("gold")).unwrap();
    let mut index = String::new();
    for page in pages {
        let mut line =
            json!({"id": page.id, "url": format!("https://example.org/{}", page.id), "lang": null});
        if let Some((with, without)) = page.snippets {
            line["with"] = json!(with);
            line["without"] = json!(without);
        }
        index.push_str(&line.to_string());
        index.push('\n');
        let mut gz = GzEncoder::new(Vec::new(), Compression::default());
        gz.write_all(page.html).unwrap();
        fs::write(
            dir.join("html").join(format!("{}.html.gz", page.id)),
            gz.finish().unwrap(),
        )
        .unwrap();
        if let Some(gold) = page.gold {
            fs::write(dir.join("gold").join(format!("{}.txt", page.id)), gold).unwrap();
        }
    }
    fs::write(dir.join("index.jsonl"), index).unwrap();
}

/// Runs `dechaff-eval` with `args`.
pub fn dechaff_eval(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dechaff-eval"))
        .args(args)
        .output()
        .unwrap()
}

/// Runs score.py with `args` and `--json`, parsing its output.
pub fn score_py(shared: &Path, args: &[&str]) -> Value {
    let out = Command::new("python3")
        .arg(shared.join("tools/score.py"))
        .args(args)
        .arg("--json")
        .output()
        .expect("python3 is needed to run the reference scorer score.py");
    assert!(
        out.status.success(),
        "score.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Asserts that two JSON numbers agree to `tol`.
pub fn assert_close(what: &str, ours: &Value, theirs: &Value, tol: f64) {
    let (a, b) = (ours.as_f64().unwrap(), theirs.as_f64().unwrap());
    assert!((a - b).abs() <= tol, "{what}: dechaff-eval {a} vs score.py {b}");
}
