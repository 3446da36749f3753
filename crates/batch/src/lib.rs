//! # dechaff-batch: clean a crawl, not just a page
//!
//! The `dechaff` library extracts the main content of one page; this crate
//! runs it over many, as the `dechaff` command does: HTML files (gzip or
//! not), directories, lists of files, WARC archives as Common Crawl writes
//! them, and JSON lines (one page per line, for Spark, Hadoop Streaming or
//! Ray). Every page gives exactly one [`Record`]; a page that cannot be read
//! or extracted is a record with its error, and the run goes on.
//!
//! ```
//! use std::sync::atomic::AtomicBool;
//! use dechaff_batch::{output::JsonLines, Batch, Inputs, Settings};
//!
//! let dir = tempfile::tempdir()?;
//! std::fs::write(dir.path().join("a.html"), "<title>A</title><article><p>The first page has a \
//!     paragraph long enough to be the main content of the page, with a comma, too.</p></article>")?;
//! std::fs::write(dir.path().join("b.html"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")?;
//!
//! let extractor = dechaff::Extractor::new(dechaff::Options::default())?;
//! let batch = Batch::new(extractor, Inputs::paths([dir.path()]), Settings::default());
//! let mut sink = JsonLines::new(Vec::new());
//! let summary = batch.run(&mut sink, &|_: &dechaff_batch::Record| {}, &AtomicBool::new(false))?;
//!
//! assert_eq!((summary.pages, summary.ok, summary.failed), (2, 1, 1));
//! let out = String::from_utf8(sink.into_inner())?;
//! let lines: Vec<serde_json::Value> = out.lines().map(serde_json::from_str).collect::<Result<_, _>>()?;
//! assert!(lines[0]["text"].as_str().unwrap().contains("The first page"));
//! assert!(lines[1]["error"].is_string());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Tour
//!
//! * [`Inputs`] (module `input`): what to read. Paths are walked one at a
//!   time (`input/walk`), gzip is seen through by its magic bytes
//!   (`input/gzip`), WARC archives (`input/warc`, `input/http`) and JSON
//!   lines (`input/jsonl`) are split into pages.
//! * [`Batch::run`] (module `runner`): a reader thread, a rayon pool of
//!   workers, the writer on the caller's thread, and a window (`window`)
//!   bounding the pages in flight, so memory does not grow with the run.
//! * [`output`]: where records go: JSON lines, text, or one file per page.
//! * [`Record`] and [`Origin`]: one page's result and where it came from;
//!   [`PageError`] says why a page failed, [`Error`] why a run stopped.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod error;
mod feed;
mod input;
mod naming;
pub mod output;
mod page;
mod record;
mod runner;
mod window;

pub use error::{Error, PageError};
pub use input::{InputFormat, Inputs, JsonlFields, DEFAULT_EXTENSIONS};
pub use page::Origin;
pub use record::{Record, Status};
pub use runner::{Batch, Observer, Order, Settings, Summary};
