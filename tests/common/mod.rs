//! Helpers shared by the integration tests: for those that run the
//! `dechaff` binary (`cli.rs`, `batch.rs`, `explain.rs`) the binary, a sample
//! article, running it with stdin and reading its output; for those that
//! read the hand-written corpus (`corpus.rs`, `formats.rs`) its pages and a
//! line-by-line comparison.

// Each test binary uses its own subset of these.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The `dechaff` binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_dechaff");

/// An article page with chrome around it; its text holds `marker`.
pub fn article(marker: &str) -> String {
    format!(
        "<html><head><title>{marker} - Daily News</title></head><body>\
         <nav><a href=/>Home</a> <a href=/world>World</a> <a href=/sport>Sport</a></nav>\
         <article><h1>Story {marker}</h1>\
         <p>Forecasters said on Monday that the story {marker} would run across the region for the \
         rest of the week, with more reports expected from low-lying areas.</p>\
         <p>Residents were advised to follow the story {marker} where they could and to keep up to \
         date with the bulletins issued every morning.</p></article>\
         <footer>&copy; Daily News. All rights reserved.</footer></body></html>"
    )
}

/// `data` gzip-compressed.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

/// Runs dechaff in `dir` with `args`, feeding `stdin` (written from another
/// thread, so a large input cannot dead-lock against a full stdout pipe).
pub fn run(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
}

/// `bytes` as UTF-8 text (panics if they are not).
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// Every line of `bytes` parsed as JSON.
pub fn json_lines(bytes: &[u8]) -> Vec<serde_json::Value> {
    text(bytes)
        .lines()
        .map(|line| serde_json::from_str(line).expect(line))
        .collect()
}

/// Cyrillic text in windows-1251 (А..я map to 0xC0..0xFF; ASCII stays).
pub fn cp1251(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            'А'..='я' => (0xC0 + (c as u32 - 'А' as u32)) as u8,
            c if c.is_ascii() => c as u8,
            c => panic!("no windows-1251 byte for {c}"),
        })
        .collect()
}

/// The `corpus/NAME.html` pages, sorted.
pub fn corpus_pages() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus/ exists")
        .map(|e| e.expect("readable corpus entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    pages.sort();
    pages
}

/// A short report of where `got` first departs from `want`, line by line.
pub fn first_difference(want: &str, got: &str) -> String {
    let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    let line = w
        .iter()
        .zip(&g)
        .position(|(a, b)| a != b)
        .unwrap_or(w.len().min(g.len()));
    format!(
        "line {}: expected {:?}\n{:>10}got      {:?}",
        line + 1,
        w.get(line).copied().unwrap_or("<end>"),
        "",
        g.get(line).copied().unwrap_or("<end>")
    )
}
