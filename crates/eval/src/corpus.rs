//! Reads a corpus in the shared format of `shared/corpora/README.md`
//! (`index.jsonl`, `html/<id>.html.gz`, optional `gold/<id>.txt`), checking
//! the layout up front so that a wrong directory fails with a clear message
//! rather than with a score of zero.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use flate2::read::MultiGzDecoder;
use serde_json::Value;

/// Why a corpus could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// The directory does not have the shared layout.
    #[error(
        "{dir}: not a corpus in the shared format ({why}); expected index.jsonl, \
         html/<id>.html.gz and optionally gold/<id>.txt, see shared/corpora/README.md"
    )]
    NotACorpus {
        /// The directory given.
        dir: PathBuf,
        /// What is missing or wrong.
        why: String,
    },
    /// A line of `index.jsonl` is not a valid page entry.
    #[error("{path}:{line}: {why}")]
    BadIndex {
        /// The index file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the line.
        why: String,
    },
    /// A file of the corpus could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// The snippets of a page of a snippet-annotated corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippets {
    /// Strings that must appear in the extracted text.
    pub with: Vec<String>,
    /// Strings that must not appear in it.
    pub without: Vec<String>,
}

/// One page of the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Unique id, `[A-Za-z0-9_.-]+`.
    pub id: String,
    /// The URL the page was fetched from, when known.
    pub url: Option<String>,
    /// ISO 639-1 language code, when known.
    pub lang: Option<String>,
    /// The snippets, when the index line has a `with` or `without` key.
    pub snippets: Option<Snippets>,
    /// Whether `gold/<id>.txt` exists.
    pub has_gold: bool,
}

impl Page {
    /// Whether the page can be scored (it has a gold text or snippets);
    /// score.py skips the others.
    pub fn has_truth(&self) -> bool {
        self.has_gold || self.snippets.is_some()
    }
}

/// A corpus directory and its index.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// The corpus name: the directory's base name, as score.py labels it.
    pub name: String,
    /// The directory.
    pub dir: PathBuf,
    /// The pages, in index order.
    pub pages: Vec<Page>,
}

impl Corpus {
    /// Reads and checks the index of the corpus in `dir`.
    ///
    /// # Errors
    /// [`CorpusError::NotACorpus`] when the layout is wrong (no index, no
    /// html/ folder, a page without its HTML file, duplicate ids),
    /// [`CorpusError::BadIndex`] for a malformed index line.
    pub fn open(dir: impl AsRef<Path>) -> Result<Corpus, CorpusError> {
        let dir = dir.as_ref().to_path_buf();
        let not_corpus = |why: String| CorpusError::NotACorpus {
            dir: dir.clone(),
            why,
        };
        if !dir.is_dir() {
            return Err(not_corpus("not a directory".into()));
        }
        let index = dir.join("index.jsonl");
        if !index.is_file() {
            return Err(not_corpus("no index.jsonl".into()));
        }
        if !dir.join("html").is_dir() {
            return Err(not_corpus("no html/ folder".into()));
        }
        let text = fs::read_to_string(&index).map_err(|source| CorpusError::Io {
            path: index.clone(),
            source,
        })?;
        let mut pages: Vec<Page> = Vec::new();
        let mut ids = std::collections::HashSet::new();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let bad = |why: String| CorpusError::BadIndex {
                path: index.clone(),
                line: n + 1,
                why,
            };
            let mut page = parse_line(line).map_err(bad)?;
            if !ids.insert(page.id.clone()) {
                return Err(not_corpus(format!(
                    "id {:?} appears twice in index.jsonl",
                    page.id
                )));
            }
            let html = dir.join("html").join(format!("{}.html.gz", page.id));
            if !html.is_file() {
                return Err(not_corpus(format!("no html/{}.html.gz", page.id)));
            }
            page.has_gold = dir.join("gold").join(format!("{}.txt", page.id)).is_file();
            pages.push(page);
        }
        if pages.is_empty() {
            return Err(not_corpus("index.jsonl lists no page".into()));
        }
        Ok(Corpus {
            name: corpus_name(&dir),
            dir,
            pages,
        })
    }

    /// The page's HTML bytes, decompressed.
    ///
    /// # Errors
    /// [`CorpusError::Io`] when the file cannot be read or is not gzip.
    pub fn html(&self, page: &Page) -> Result<Vec<u8>, CorpusError> {
        let path = self.dir.join("html").join(format!("{}.html.gz", page.id));
        let io = |source| CorpusError::Io {
            path: path.clone(),
            source,
        };
        let file = fs::File::open(&path).map_err(io)?;
        let mut bytes = Vec::new();
        MultiGzDecoder::new(file).read_to_end(&mut bytes).map_err(io)?;
        Ok(bytes)
    }

    /// The page's gold text (invalid UTF-8 replaced, as score.py reads it),
    /// `None` when the page has none.
    ///
    /// # Errors
    /// [`CorpusError::Io`] when the file exists but cannot be read.
    pub fn gold(&self, page: &Page) -> Result<Option<String>, CorpusError> {
        if !page.has_gold {
            return Ok(None);
        }
        let path = self.dir.join("gold").join(format!("{}.txt", page.id));
        let bytes = fs::read(&path).map_err(|source| CorpusError::Io { path, source })?;
        Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
    }
}

/// The base name of a corpus directory (`a/b/` and `a/b/.` give `b`).
fn corpus_name(dir: &Path) -> String {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned());
    name.or_else(|| {
        let full = dir.canonicalize().ok()?;
        Some(full.file_name()?.to_string_lossy().into_owned())
    })
    .unwrap_or_else(|| dir.display().to_string())
}

fn parse_line(line: &str) -> Result<Page, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
    let Value::Object(obj) = value else {
        return Err("not a JSON object".into());
    };
    let id = match obj.get("id") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err("no \"id\" string".into()),
    };
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c)) {
        return Err(format!("id {id:?} does not match [A-Za-z0-9_.-]+"));
    }
    let opt_string = |key: &str| match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(format!("\"{key}\" is neither a string nor null")),
    };
    let string_list = |key: &str| match obj.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| v.as_str().map(str::to_owned))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| format!("\"{key}\" has a non-string item")),
        Some(_) => Err(format!("\"{key}\" is not a list of strings")),
    };
    let snippets = if obj.contains_key("with") || obj.contains_key("without") {
        Some(Snippets {
            with: string_list("with")?,
            without: string_list("without")?,
        })
    } else {
        None
    };
    Ok(Page {
        id,
        url: opt_string("url")?,
        lang: opt_string("lang")?,
        snippets,
        has_gold: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_index_lines() {
        let p = parse_line(r#"{"id": "a-1", "url": "http://x/", "lang": null}"#).unwrap();
        assert_eq!(
            (p.id.as_str(), p.url.as_deref(), p.lang),
            ("a-1", Some("http://x/"), None)
        );
        assert_eq!(p.snippets, None);
        let p = parse_line(r#"{"id": 7, "url": null, "lang": "de", "with": ["x"]}"#).unwrap();
        assert_eq!(p.id, "7");
        assert_eq!(
            p.snippets,
            Some(Snippets {
                with: vec!["x".into()],
                without: vec![]
            })
        );
        // A key with null still makes the page a snippet page, as in score.py.
        let p = parse_line(r#"{"id": "b", "without": null}"#).unwrap();
        assert_eq!(p.snippets, Some(Snippets::default()));
    }

    #[test]
    fn rejects_bad_lines() {
        assert!(parse_line("[1]").is_err());
        assert!(parse_line(r#"{"url": "x"}"#).is_err());
        assert!(parse_line(r#"{"id": "../etc"}"#).is_err());
        assert!(parse_line(r#"{"id": "a", "with": "x"}"#).is_err());
        assert!(parse_line("{").is_err());
    }

    #[test]
    fn corpus_name_is_the_base_name() {
        assert_eq!(corpus_name(Path::new("/x/corpora/wcxb/")), "wcxb");
        assert_eq!(corpus_name(Path::new("/x/corpora/wcxb/.")), "wcxb");
    }
}
