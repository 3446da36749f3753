//! What can go wrong, at two levels. A [`PageError`] belongs to one page: it
//! becomes that page's record and the batch goes on. An [`Error`] stops the
//! whole run (the output cannot be written, the list of files cannot be read).
//! Both are typed so that the `dechaff` binary, and only it, words them for
//! people.

use std::io;
use std::path::PathBuf;

/// Why one page produced no text. The run counts it as failed and goes on.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PageError {
    /// The file or stream could not be read: missing file, no permission, a
    /// truncated or corrupt gzip stream.
    #[error("cannot read: {0}")]
    Read(io::Error),
    /// The page is larger than [`crate::Inputs::max_bytes`]; it was not read
    /// past the limit.
    #[error("page is larger than the limit of {limit} bytes")]
    TooLarge {
        /// The configured limit in bytes.
        limit: usize,
    },
    /// A WARC archive was given where one HTML page was expected.
    #[error("this is a WARC archive, not an HTML page")]
    LooksLikeWarc,
    /// The container around the page is malformed: a truncated WARC record,
    /// an HTTP message without a status line, a line that is not JSON.
    #[error("{0}")]
    Malformed(String),
    /// The extractor refused the page (too many nodes, not HTML, …).
    #[error(transparent)]
    Extract(#[from] dechaff::Error),
    /// The extractor panicked on this page: a bug in dechaff, caught so that
    /// the batch goes on.
    #[error("the extractor crashed on this page: {0}")]
    Panic(String),
}

/// A failure that stops the run. Pages already written stay intact (whole
/// lines, whole files). The message includes the cause.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Writing the output failed (disk full, closed pipe, …).
    #[error("cannot write the output: {0}")]
    Output(io::Error),
    /// The list given to `files_from` could not be read.
    #[error("cannot read the list of files {}: {cause}", path.display())]
    FileList {
        /// The list's path (`-` for standard input).
        path: PathBuf,
        /// What went wrong.
        cause: io::Error,
    },
    /// The worker threads could not be started.
    #[error("cannot start the worker threads: {0}")]
    Threads(rayon::ThreadPoolBuildError),
}

impl Error {
    /// True when the output is a pipe whose reader has gone away (`dechaff … |
    /// head`): not a failure, the command should exit quietly.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}
