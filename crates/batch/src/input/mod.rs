//! Where pages come from. [`Inputs`] says what to read (paths, a list of
//! paths, standard input) and how (HTML, WARC, JSON lines, or guessed per
//! file); the submodules each read one kind of container and hand pages to the
//! [`Feed`]. Whatever goes wrong with one input (a missing file, a truncated
//! archive) becomes a failed page of that input, never a stop.

mod gzip;
mod http;
mod jsonl;
mod walk;
mod warc;

use std::io;
use std::path::{Path, PathBuf};

use crate::error::{Error, PageError};
use crate::feed::Feed;
use crate::naming;
use crate::page::{Origin, Page};

pub use walk::DEFAULT_EXTENSIONS;

/// How to read each input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum InputFormat {
    /// Guess per file: `*.warc`, `*.warc.gz` and files starting with `WARC/`
    /// are WARC archives, `*.jsonl`, `*.ndjson` (and `.gz`) are JSON lines,
    /// the rest are HTML pages. Standard input is HTML unless it starts with
    /// `WARC/`. The default.
    #[default]
    Auto,
    /// Every input is one HTML page (gzip allowed).
    Html,
    /// Every input is a WARC archive (plain, or gzip with one member per
    /// record as Common Crawl writes them).
    Warc,
    /// Every input is JSON lines, one page per line (see [`JsonlFields`]).
    Jsonl,
}

/// The fields of a JSON line that matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonlFields {
    /// Field holding the page's HTML (a string). Default: `html`.
    pub html: String,
    /// Field holding the page's URL, if any. Default: `url`.
    pub url: Option<String>,
    /// Field passed through unchanged to the output record (a document id).
    /// Default: none.
    pub id: Option<String>,
}

impl Default for JsonlFields {
    fn default() -> Self {
        JsonlFields {
            html: "html".into(),
            url: Some("url".into()),
            id: None,
        }
    }
}

/// What a batch reads. Start from [`Inputs::default`] (standard input) and
/// set the fields you need.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Inputs {
    /// Files and directories to read, in order; `-` is standard input.
    /// Directories are walked recursively in file-name order. Default: none.
    /// With no paths and no [`Inputs::files_from`], standard input is read.
    pub paths: Vec<PathBuf>,
    /// A file listing one path per line (`-`: standard input), read after
    /// [`Inputs::paths`]. Default: none.
    pub files_from: Option<PathBuf>,
    /// How to read the inputs. Default: [`InputFormat::Auto`].
    pub format: InputFormat,
    /// File extensions taken when walking a directory, without the dot and in
    /// lower case; `x.EXT.gz` counts as `EXT`. Files named explicitly are
    /// always read. Default: [`DEFAULT_EXTENSIONS`].
    pub extensions: Vec<String>,
    /// Fields of JSON-lines input. Default: [`JsonlFields::default`].
    pub jsonl: JsonlFields,
    /// Largest page read, in bytes (after decompression); a larger page is a
    /// failed page and is not read past the limit. Default: 64 MiB, the
    /// extractor's own default.
    pub max_bytes: usize,
    /// URL of the page(s) read as plain HTML (not WARC, not JSON lines).
    /// Default: none.
    pub url: Option<String>,
    /// Encoding label for the page(s) read as plain HTML, as if sent in an
    /// HTTP header. Default: none (the page's own declaration, or a guess).
    pub charset: Option<String>,
}

impl Default for Inputs {
    fn default() -> Self {
        Inputs {
            paths: Vec::new(),
            files_from: None,
            format: InputFormat::Auto,
            extensions: DEFAULT_EXTENSIONS.iter().map(|e| e.to_string()).collect(),
            jsonl: JsonlFields::default(),
            max_bytes: dechaff::Options::default().max_input_bytes,
            url: None,
            charset: None,
        }
    }
}

impl Inputs {
    /// Inputs reading `paths` with the other settings at their defaults.
    pub fn paths<P: Into<PathBuf>>(paths: impl IntoIterator<Item = P>) -> Self {
        Inputs {
            paths: paths.into_iter().map(Into::into).collect(),
            ..Inputs::default()
        }
    }

    /// The number of pages, when it can be known cheaply in advance: every
    /// input is an HTML file found by walking the paths (no standard input,
    /// no WARC or JSON lines). Walks the directories again, without reading
    /// files; meant for a progress bar's total.
    pub fn count_pages(&self) -> Option<u64> {
        if matches!(self.format, InputFormat::Warc | InputFormat::Jsonl)
            || self.files_from.as_deref() == Some(Path::new("-"))
        {
            return None;
        }
        let mut count = 0u64;
        let mut countable = true;
        let walked = walk::each(self, |entry| {
            match entry {
                walk::Entry::File(path) if self.kind_by_name(&path) == InputFormat::Html => count += 1,
                walk::Entry::Failed(..) => count += 1,
                _ => countable = false,
            }
            countable
        });
        (walked.is_ok() && countable).then_some(count)
    }

    /// The format of a file judged by its name alone.
    fn kind_by_name(&self, path: &Path) -> InputFormat {
        match self.format {
            InputFormat::Auto => {
                let name = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or("")
                    .to_ascii_lowercase();
                let name = name.strip_suffix(".gz").unwrap_or(&name);
                if name.ends_with(".warc") {
                    InputFormat::Warc
                } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
                    InputFormat::Jsonl
                } else {
                    InputFormat::Html
                }
            }
            format => format,
        }
    }
}

/// Reads every input and feeds its pages; stops early when the feed says so.
///
/// # Errors
/// Only when the list of files cannot be read: every other failure is a page.
pub(crate) fn read_all(inputs: &Inputs, feed: &mut Feed<'_>) -> Result<(), Error> {
    walk::each(inputs, |entry| match entry {
        walk::Entry::Stdin => read_stdin(inputs, feed),
        walk::Entry::File(path) => read_file(inputs, &path, feed),
        walk::Entry::Failed(path, error) => {
            let origin = file_origin(inputs, &path);
            send_failed(feed, origin, PageError::Read(error))
        }
    })
}

/// Sends a page that failed before extraction; `false` when stopping.
pub(crate) fn send_failed(feed: &mut Feed<'_>, origin: Origin, error: PageError) -> bool {
    match feed.reserve() {
        Some(slot) => slot.send(Page::failed(origin, error)),
        None => false,
    }
}

fn file_origin(inputs: &Inputs, path: &Path) -> Origin {
    Origin {
        source: path.display().to_string(),
        url: inputs.url.clone(),
        name: naming::for_file(path),
        ..Origin::default()
    }
}

fn read_stdin(inputs: &Inputs, feed: &mut Feed<'_>) -> bool {
    let origin = Origin {
        source: "-".into(),
        url: inputs.url.clone(),
        name: naming::for_file(Path::new("stdin")),
        ..Origin::default()
    };
    let opened = gzip::open_reader(io::stdin().lock());
    read_opened(inputs, inputs.format, opened, origin, &naming::stdin(), "-", feed)
}

fn read_file(inputs: &Inputs, path: &Path, feed: &mut Feed<'_>) -> bool {
    let kind = inputs.kind_by_name(path);
    let origin = file_origin(inputs, path);
    if kind == InputFormat::Html && feed.already_done(&origin.name) {
        return true;
    }
    let opened = gzip::open(path);
    let source = origin.source.clone();
    read_opened(
        inputs,
        kind,
        opened,
        origin,
        &naming::container(path),
        &source,
        feed,
    )
}

/// Reads one opened input of format `kind` (`Auto`: look at its first bytes).
fn read_opened(
    inputs: &Inputs,
    kind: InputFormat,
    opened: io::Result<gzip::Opened>,
    origin: Origin,
    base: &Path,
    source: &str,
    feed: &mut Feed<'_>,
) -> bool {
    let mut opened = match opened {
        Ok(opened) => opened,
        Err(error) => return send_failed(feed, origin, PageError::Read(error)),
    };
    let looks_like_warc = opened.head.starts_with(b"WARC/");
    let kind = match kind {
        InputFormat::Auto if looks_like_warc => InputFormat::Warc,
        InputFormat::Auto => InputFormat::Html,
        kind => kind,
    };
    match kind {
        InputFormat::Warc => warc::read(&mut opened, source, base, inputs, feed),
        InputFormat::Jsonl => jsonl::read(&mut opened, source, base, inputs, feed),
        _ => {
            if feed.stopping() {
                return false;
            }
            if looks_like_warc {
                return send_failed(feed, origin, PageError::LooksLikeWarc);
            }
            let Some(slot) = feed.reserve() else { return false };
            let body = opened.read_page(inputs.max_bytes);
            slot.send(Page {
                origin,
                charset: inputs.charset.clone(),
                body,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_is_guessed_from_the_name() {
        let inputs = Inputs::default();
        assert_eq!(
            inputs.kind_by_name(Path::new("a/CC-MAIN-1.warc.gz")),
            InputFormat::Warc
        );
        assert_eq!(inputs.kind_by_name(Path::new("a/x.WARC")), InputFormat::Warc);
        assert_eq!(inputs.kind_by_name(Path::new("a/x.jsonl.gz")), InputFormat::Jsonl);
        assert_eq!(inputs.kind_by_name(Path::new("a/x.html.gz")), InputFormat::Html);
        let forced = Inputs {
            format: InputFormat::Html,
            ..Inputs::default()
        };
        assert_eq!(forced.kind_by_name(Path::new("x.warc")), InputFormat::Html);
    }

    #[test]
    fn count_pages_knows_files_but_not_archives() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.html", "b.htm.gz", "c.txt", "sub/d.html"] {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "<p>x</p>").unwrap();
        }
        assert_eq!(Inputs::paths([dir.path()]).count_pages(), Some(3));
        std::fs::write(dir.path().join("e.warc.gz"), "").unwrap();
        assert_eq!(Inputs::paths([dir.path()]).count_pages(), None);
        assert_eq!(Inputs::default().count_pages(), None, "standard input");
    }
}
