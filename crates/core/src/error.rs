//! The typed errors of the library. Only the `dechaff` binary turns them into
//! messages and exit codes.

/// Everything that can make [`crate::Extractor::new`] or
/// [`crate::Extractor::extract`] fail.
///
/// A page without main content is *not* an error: it comes back as an
/// [`crate::Extracted`] with empty text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The page is larger than [`crate::Options::max_input_bytes`].
    #[error("page is {size} bytes, over the limit of {limit} bytes (raise it with max_input_bytes)")]
    InputTooLarge {
        /// Size of the page in bytes.
        size: usize,
        /// The configured limit.
        limit: usize,
    },
    /// The parsed page has more DOM nodes than [`crate::Options::max_nodes`].
    #[error("page has more than {limit} DOM nodes (raise it with max_nodes)")]
    TooManyNodes {
        /// The configured limit.
        limit: usize,
    },
    /// The bytes are not a text document at all (an image, a PDF, an archive…).
    #[error("input is not HTML: it looks like {kind}")]
    NotHtml {
        /// What the bytes look like, e.g. `"a PNG image"`.
        kind: &'static str,
    },
    /// The encoding hint passed with the page names no known encoding.
    #[error("unknown encoding label {0:?} (use a WHATWG label such as utf-8 or windows-1251)")]
    UnknownEncoding(String),
    /// The options given to [`crate::Extractor::new`] are inconsistent.
    #[error("invalid options: {0}")]
    InvalidOptions(String),
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
