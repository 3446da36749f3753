//! How a page is named under an output directory. The rule is meant to be
//! predictable from the input alone, so that `--skip-existing` can tell
//! before reading a page whether a previous run already wrote it:
//!
//! * a file: its path as given, made relative (a leading `/` dropped, `.`
//!   dropped, `..` turned into `__`), `.gz` removed, `.txt` added:
//!   `crawl/a/b.html.gz` → `crawl/a/b.html.txt`;
//! * a record of a container (WARC archive, JSON-lines file): a folder named
//!   after the container (`.gz` removed), holding one file per record named by
//!   its position (`crawl/x.warc/000042.txt`) or, for JSON lines with an id
//!   field, by the id (`stdin/doc-17.txt`); standard input is `stdin`.
//!
//! These are the names of text output; in another format the file has that
//! format's extension instead of `.txt` ([`in_format`]: `crawl/a/b.html.md`,
//! `crawl/x.warc/000042.json`).

use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

/// The longest file name made from an id, in bytes.
const MAX_ID_NAME: usize = 200;

/// `name` (one of the `.txt` names made here) with the extension of `format`.
pub(crate) fn in_format(name: &Path, format: dechaff::Format) -> PathBuf {
    name.with_extension(format.extension())
}

/// Name of the output for a page read from `path` (a file of one page).
pub(crate) fn for_file(path: &Path) -> PathBuf {
    let mut name = container(path).into_os_string();
    name.push(".txt");
    PathBuf::from(name)
}

/// Folder for the records of the container at `path`.
pub(crate) fn container(path: &Path) -> PathBuf {
    let mut relative = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => relative.push(part),
            Component::ParentDir => relative.push("__"),
            Component::Prefix(_) | Component::RootDir | Component::CurDir => {}
        }
    }
    if let Some(stem) = relative.file_name().and_then(|n| n.to_str()).and_then(|n| {
        n.strip_suffix(".gz")
            .or_else(|| n.strip_suffix(".GZ"))
            .filter(|s| !s.is_empty())
    }) {
        relative.set_file_name(OsString::from(stem));
    }
    if relative.as_os_str().is_empty() {
        relative.push("input");
    }
    relative
}

/// Folder for the records read from standard input.
pub(crate) fn stdin() -> PathBuf {
    PathBuf::from("stdin")
}

/// Name of the `ordinal`-th record (from 1) of a container.
pub(crate) fn record(base: &Path, ordinal: u64) -> PathBuf {
    base.join(format!("{ordinal:06}.txt"))
}

/// Name of a JSON line's output from its id: characters outside
/// `[A-Za-z0-9._-]` become `_`; `None` when the id is not a string or number.
pub(crate) fn for_id(base: &Path, id: &serde_json::Value) -> Option<PathBuf> {
    let text = match id {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => n.to_string(),
        _ => return None,
    };
    let mut safe: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    safe.truncate(MAX_ID_NAME);
    if safe.is_empty() || safe.chars().all(|c| c == '.') {
        return None;
    }
    safe.push_str(".txt");
    Some(base.join(safe))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_mirror_the_input_path() {
        assert_eq!(
            for_file(Path::new("crawl/a/b.html.gz")),
            Path::new("crawl/a/b.html.txt")
        );
        assert_eq!(for_file(Path::new("/abs/./x.htm")), Path::new("abs/x.htm.txt"));
        assert_eq!(for_file(Path::new("../up/y.html")), Path::new("__/up/y.html.txt"));
        assert_eq!(for_file(Path::new("noext")), Path::new("noext.txt"));
    }

    #[test]
    fn other_formats_swap_the_extension() {
        let name = for_file(Path::new("crawl/a.html.gz"));
        assert_eq!(in_format(&name, dechaff::Format::Text), name);
        assert_eq!(
            in_format(&name, dechaff::Format::Markdown),
            Path::new("crawl/a.html.md")
        );
        assert_eq!(
            in_format(&record(&container(Path::new("x.warc")), 7), dechaff::Format::Json),
            Path::new("x.warc/000007.json")
        );
        assert_eq!(
            in_format(&for_file(Path::new("noext")), dechaff::Format::Html),
            Path::new("noext.html")
        );
    }

    #[test]
    fn records_go_in_a_folder_named_after_the_container() {
        let base = container(Path::new("crawl/CC-1.warc.gz"));
        assert_eq!(record(&base, 42), Path::new("crawl/CC-1.warc/000042.txt"));
        assert_eq!(record(&stdin(), 1), Path::new("stdin/000001.txt"));
    }

    #[test]
    fn ids_are_made_safe() {
        let base = Path::new("stdin");
        assert_eq!(
            for_id(base, &serde_json::json!("a/../b c")),
            Some(PathBuf::from("stdin/a_.._b_c.txt"))
        );
        assert_eq!(
            for_id(base, &serde_json::json!(17)),
            Some(PathBuf::from("stdin/17.txt"))
        );
        assert_eq!(for_id(base, &serde_json::json!("..")), None);
        assert_eq!(for_id(base, &serde_json::json!(null)), None);
    }
}
