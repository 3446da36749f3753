//! Helpers shared by the crate's unit tests.

use std::io::Read as _;
use std::path::{Path, PathBuf};

/// Every page of the shared evaluation corpora next to the checkout
/// (`../shared/corpora/*/html/*.html.gz`), gunzipped, with its path; empty
/// when the corpora are not there.
pub(crate) fn shared_corpus_pages() -> Vec<(PathBuf, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora");
    let mut files: Vec<PathBuf> = std::fs::read_dir(root)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|corpus| std::fs::read_dir(corpus.path().join("html")).ok())
        .flat_map(|pages| pages.flatten().map(|e| e.path()))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).expect("readable corpus page");
            let mut raw = Vec::new();
            if path.extension().is_some_and(|x| x == "gz") {
                flate2::read::GzDecoder::new(&bytes[..])
                    .read_to_end(&mut raw)
                    .expect("valid gzip");
            } else {
                raw = bytes;
            }
            (path, raw)
        })
        .collect()
}
