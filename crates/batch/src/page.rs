//! The unit of work. A reader turns each page it finds (a file, a WARC
//! record, a JSON line) into a [`Page`]: where it came from ([`Origin`]) and
//! its bytes, or the reason they could not be had. Pages go through the queue
//! to the workers; the origin comes back out in the page's
//! [`crate::Record`].

use std::path::PathBuf;

use crate::error::PageError;

/// Where a page came from; copied into its output record.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Origin {
    /// The file the page was read from as given (or found in a directory),
    /// `-` for standard input; for a JSON line, `FILE:LINE` (`-:LINE` on
    /// standard input).
    pub source: String,
    /// The `WARC-Record-ID` of a page read from a WARC archive.
    pub record_id: Option<String>,
    /// The page's URL: the `WARC-Target-URI`, the JSON line's URL field, or
    /// the URL given for a single page.
    pub url: Option<String>,
    /// The JSON line's id field, passed through unchanged: (field name,
    /// value). The value is `null` when the line lacks the field.
    pub id: Option<(String, serde_json::Value)>,
    /// The page's file name under an output directory (relative, ends in
    /// `.txt`), see [`crate::output::Dir`].
    pub name: PathBuf,
}

/// One page on its way to a worker.
#[derive(Debug)]
pub(crate) struct Page {
    /// Where it came from.
    pub origin: Origin,
    /// Encoding label from outside the page (HTTP header, `--charset`).
    pub charset: Option<String>,
    /// The page's bytes, or why they could not be read.
    pub body: Result<Vec<u8>, PageError>,
}

impl Page {
    /// A page that failed before extraction.
    pub fn failed(origin: Origin, error: PageError) -> Self {
        Page {
            origin,
            charset: None,
            body: Err(error),
        }
    }

    /// Bytes held in memory by this page (for the queue's byte budget).
    pub fn weight(&self) -> usize {
        self.body.as_ref().map_or(0, Vec::len)
    }
}
