//! What the benches share: finding and reading corpus pages, and html5ever's
//! floors (the tokenizer alone, and the options dechaff parses with). Each
//! bench includes this module with `mod common;` and uses a part of it.

#![allow(dead_code)]

use std::cell::Cell;
use std::fs;
use std::hint::black_box;
use std::io::Read;
use std::path::{Path, PathBuf};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, Token, TokenSink, TokenSinkResult, Tokenizer};
use html5ever::{ParseOpts, TokenizerResult};

/// The corpus folders to read: the command-line arguments (flags such as
/// cargo's `--bench` left out), else the colon-separated `DECHAFF_CORPORA`,
/// else every folder of `<workspace>/../shared/corpora` holding `html/`.
pub fn corpus_dirs(workspace: &Path) -> Vec<PathBuf> {
    let args: Vec<PathBuf> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .collect();
    if !args.is_empty() {
        return args;
    }
    if let Ok(list) = std::env::var("DECHAFF_CORPORA") {
        return list
            .split(':')
            .filter(|s| !s.is_empty())
            .map(PathBuf::from)
            .collect();
    }
    let shared = workspace.join("../shared/corpora");
    sorted_entries(&shared, |p| p.join("html").is_dir())
}

/// The pages of one corpus folder, sorted: `html/*.html[.gz]`, else `*.html`.
pub fn pages_of(dir: &Path) -> Vec<PathBuf> {
    let html = dir.join("html");
    let folder = if html.is_dir() { html } else { dir.to_path_buf() };
    sorted_entries(&folder, |p| {
        let name = p.to_string_lossy();
        name.ends_with(".html") || name.ends_with(".html.gz")
    })
}

/// The entries of `dir` that pass `keep`, sorted by path.
pub fn sorted_entries(dir: &Path, keep: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}; give corpus folders as arguments", dir.display()))
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|p| keep(p))
        .collect();
    entries.sort();
    entries
}

/// A page's bytes, gunzipped when its name ends in `.gz`.
pub fn read_page(path: &Path) -> Vec<u8> {
    let raw = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(raw.as_slice())
            .read_to_end(&mut out)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        out
    } else {
        raw
    }
}

/// A token sink that only counts tokens, so the tokenizer's work is not
/// optimised away (html5ever's `examples/noop-tokenize.rs`).
struct CountingSink(Cell<usize>);

impl TokenSink for CountingSink {
    type Handle = ();

    fn process_token(&self, token: Token, _line_number: u64) -> TokenSinkResult<()> {
        black_box(token);
        self.0.set(self.0.get() + 1);
        TokenSinkResult::Continue
    }
}

/// html5ever's tokenizer alone over one page, the floor of every parse;
/// returns the number of tokens.
pub fn tokenize(text: &StrTendril) -> usize {
    let input = BufferQueue::default();
    input.push_back(text.clone());
    let tokenizer = Tokenizer::new(CountingSink(Cell::new(0)), Default::default());
    while tokenizer.feed(&input) != TokenizerResult::Done {}
    tokenizer.end();
    tokenizer.sink.0.get()
}

/// html5ever's options as dechaff sets them: scripting off.
pub fn parse_options() -> ParseOpts {
    let mut opts = ParseOpts::default();
    opts.tree_builder.scripting_enabled = false;
    opts
}
