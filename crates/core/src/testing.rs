//! Helpers shared by the crate's unit tests.

use std::io::Read as _;
use std::path::{Path, PathBuf};

/// Every page of the project's `corpus/*.html` and, when they are next to
/// the checkout, of the shared evaluation corpora
/// (`../shared/corpora/*/html/*.html.gz`), read (and gunzipped) one at a
/// time, in path order, with its path.
pub(crate) fn corpus_pages() -> impl Iterator<Item = (PathBuf, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let own = entries(&root.join("corpus")).filter(|p| p.extension().is_some_and(|x| x == "html"));
    let shared = entries(&root.join("../shared/corpora")).flat_map(|corpus| entries(&corpus.join("html")));
    let mut files: Vec<PathBuf> = own.chain(shared).collect();
    files.sort();
    files.into_iter().map(|path| {
        let bytes = std::fs::read(&path).expect("readable corpus page");
        if path.extension().is_some_and(|x| x == "gz") {
            let mut raw = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_end(&mut raw)
                .expect("valid gzip");
            (path, raw)
        } else {
            (path, bytes)
        }
    })
}

/// The entries of `dir`; none when it cannot be read.
fn entries(dir: &Path) -> impl Iterator<Item = PathBuf> {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
}

/// Random texts for tests that compare two implementations: `count` texts
/// of up to `max_chars` chars drawn from `pool`, the same on every run
/// (xorshift from a fixed seed).
pub(crate) fn random_texts(pool: &str, max_chars: usize, count: usize) -> impl Iterator<Item = String> {
    let pool: Vec<char> = pool.chars().collect();
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    (0..count).map(move |_| {
        let len = next(max_chars + 1);
        (0..len).map(|_| pool[next(pool.len())]).collect()
    })
}
