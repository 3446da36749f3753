//! The entry point: [`Extractor`] runs the pipeline over one page.

use crate::error::{Error, Result};
use crate::explain::{self, Explanation};
use crate::options::Options;
use crate::{clean, decode, dom, render, score, segment, select, title};

/// The engine, configured once and shared across threads.
///
/// ```
/// use std::sync::Arc;
/// let extractor = Arc::new(dechaff::Extractor::new(dechaff::Options::default())?);
/// let page = "<p>Workers share one extractor: it holds only its options, and every call \
///             parses its own page, so threads never wait for each other.</p>";
/// let worker = {
///     let extractor = Arc::clone(&extractor);
///     std::thread::spawn(move || extractor.extract(page.as_bytes()).map(|r| r.text))
/// };
/// assert!(worker.join().unwrap()?.starts_with("Workers share one extractor"));
/// # Ok::<(), dechaff::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Extractor {
    options: Options,
}

/// One page to extract: its bytes plus what is known about it from outside.
///
/// ```
/// let extractor = dechaff::Extractor::new(dechaff::Options::default())?;
/// // "Moscow, 5 March. The weather service promises warm, dry days all week."
/// // in windows-1251 bytes, as a Russian server sends it without a <meta> tag.
/// let text = b"\xcc\xee\xf1\xea\xe2\xe0, 5 \xec\xe0\xf0\xf2\xe0. \xd1\xeb\xf3\xe6\xe1\xe0 \
///     \xef\xee\xe3\xee\xe4\xfb \xee\xe1\xe5\xf9\xe0\xe5\xf2 \xf2\xe5\xef\xeb\xfb\xe5, \
///     \xf1\xf3\xf5\xe8\xe5 \xe4\xed\xe8 \xe2\xf1\xfe \xed\xe5\xe4\xe5\xeb\xfe.";
/// let page = [b"<p>".as_slice(), text, b"</p>"].concat();
/// let input = dechaff::Input::new(&page)
///     .url("https://example.org/news/1")
///     .charset("windows-1251");
/// let result = extractor.extract_input(input)?;
/// assert!(result.text.starts_with("Москва, 5 марта."));
/// assert_eq!(result.encoding, "windows-1251");
/// # Ok::<(), dechaff::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    html: &'a [u8],
    url: Option<&'a str>,
    charset: Option<&'a str>,
}

impl<'a> Input<'a> {
    /// A page given by its bytes, in any encoding.
    pub fn new(html: &'a [u8]) -> Self {
        Input {
            html,
            url: None,
            charset: None,
        }
    }

    /// The URL the page was fetched from (used for metadata and to resolve
    /// relative links). Default: none.
    pub fn url(mut self, url: &'a str) -> Self {
        self.url = Some(url);
        self
    }

    /// An encoding label from outside the page, usually the HTTP
    /// `Content-Type` charset; it overrides what the page declares (but not a
    /// byte-order mark). Default: none, the page's own declaration or a guess.
    pub fn charset(mut self, label: &'a str) -> Self {
        self.charset = Some(label);
        self
    }
}

/// What [`Extractor::extract`] found in a page. Plain owned data.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Extracted {
    /// The page title (the headline where one is found, else `<title>`
    /// without the site name), empty when the page has none.
    pub title: String,
    /// The main content, rendered in [`Options::format`]; empty when the page
    /// has no main content (a page of navigation only, for instance).
    pub text: String,
    /// The comment thread, when [`Options::comments`] is set and the page has
    /// one; `None` otherwise.
    pub comments: Option<String>,
    /// How sure the engine is that `text` is the page's main content, from 0
    /// (a guess) to 1 (a clear article).
    pub confidence: f32,
    /// The encoding the page was decoded with (WHATWG name, e.g. `"UTF-8"`).
    pub encoding: &'static str,
    /// What the page says about itself: title, authors, dates, site name,
    /// language, page type… (see [`crate::Metadata`]).
    pub metadata: crate::Metadata,
    /// The format `text` and `comments` are in (plain text for
    /// [`crate::Format::Json`]), for [`Extracted::output`].
    pub(crate) format: crate::Format,
    /// [`Options::with_metadata`], for [`Extracted::output`].
    pub(crate) with_metadata: bool,
}

impl Extractor {
    /// Builds an extractor, checking `options` once.
    ///
    /// # Errors
    /// [`Error::InvalidOptions`] when a limit is zero.
    pub fn new(options: Options) -> Result<Self> {
        options.validate()?;
        Ok(Extractor { options })
    }

    /// The options this extractor was built with.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Extracts the main content of a page given as bytes.
    ///
    /// # Errors
    /// [`Error::InputTooLarge`], [`Error::TooManyNodes`] past the limits in
    /// [`Options`]; [`Error::NotHtml`] for images, PDFs and other binary files.
    pub fn extract(&self, html: &[u8]) -> Result<Extracted> {
        self.extract_input(Input::new(html))
    }

    /// Extracts the main content of a page with its URL and encoding hint.
    ///
    /// # Errors
    /// As [`Extractor::extract`], plus [`Error::UnknownEncoding`] when the
    /// charset hint names no encoding.
    pub fn extract_input(&self, input: Input<'_>) -> Result<Extracted> {
        let options = &self.options;
        let run = self.run(input)?;
        let page = render::Page {
            doc: &run.doc,
            cleaned: &run.cleaned,
            blocks: &run.blocks,
            url: input.url,
        };
        let text = render::render(&page, &run.selection.main, options);
        let comments = if options.comments {
            Some(render::render(&page, &run.selection.comments, options)).filter(|c| !c.is_empty())
        } else {
            None
        };
        Ok(Extracted {
            title: title::title(&run.doc, &run.blocks, &run.selection),
            text,
            comments,
            confidence: run.selection.confidence,
            encoding: run.encoding.name(),
            metadata: if options.reads_metadata() {
                crate::metadata::extract(&run.doc, input.url)
            } else {
                crate::Metadata::default()
            },
            format: options.format,
            with_metadata: options.with_metadata,
        })
    }

    /// Shows why each block of a page was kept or dropped, with its scores:
    /// the data behind `dechaff explain`.
    ///
    /// # Errors
    /// As [`Extractor::extract_input`].
    pub fn explain(&self, input: Input<'_>) -> Result<Explanation> {
        let run = self.run(input)?;
        Ok(explain::explain(
            &run.doc,
            &run.cleaned,
            &run.blocks,
            &run.scores,
            &run.selection,
            self.options.focus,
            run.encoding.name(),
        ))
    }

    /// Runs the pipeline up to the selection.
    fn run(&self, input: Input<'_>) -> Result<Run> {
        let options = &self.options;
        if input.html.len() > options.max_input_bytes {
            return Err(Error::InputTooLarge {
                size: input.html.len(),
                limit: options.max_input_bytes,
            });
        }
        let decoded = decode::decode(input.html, input.charset)?;
        let doc = dom::parse_limited(&decoded.text, options.max_nodes, options.max_depth)?;
        let cleaned = clean::clean(&doc);
        let blocks = segment::segment(&doc, &cleaned);
        let scores = score::score(&doc, &cleaned, &blocks);
        let selection = select::select(&doc, &cleaned, &blocks, &scores, options);
        Ok(Run {
            encoding: decoded.encoding,
            doc,
            cleaned,
            blocks,
            scores,
            selection,
        })
    }
}

/// Everything the pipeline found in one page.
struct Run {
    encoding: &'static encoding_rs::Encoding,
    doc: dom::Document,
    cleaned: clean::Cleaned,
    blocks: Vec<segment::Block>,
    scores: score::Scores,
    selection: select::Selection,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extractor_is_send_sync_clone() {
        fn assert_traits<T: Send + Sync + Clone + 'static>() {}
        assert_traits::<Extractor>();
        assert_traits::<Extracted>();
        assert_traits::<Error>();
    }

    #[test]
    fn size_limit_is_a_typed_error() {
        let options = Options {
            max_input_bytes: 10,
            ..Options::default()
        };
        let extractor = Extractor::new(options).unwrap();
        assert_eq!(
            extractor.extract(b"<p>more than ten bytes</p>"),
            Err(Error::InputTooLarge { size: 26, limit: 10 })
        );
    }

    #[test]
    fn node_limit_is_a_typed_error() {
        let options = Options {
            max_nodes: 100,
            ..Options::default()
        };
        let extractor = Extractor::new(options).unwrap();
        let page = "<p>x</p>".repeat(1000);
        assert_eq!(
            extractor.extract(page.as_bytes()),
            Err(Error::TooManyNodes { limit: 100 })
        );
    }

    #[test]
    fn zero_limits_are_rejected() {
        let options = Options {
            max_nodes: 0,
            ..Options::default()
        };
        assert!(matches!(Extractor::new(options), Err(Error::InvalidOptions(_))));
    }

    #[test]
    fn chrome_only_page_is_ok_and_empty() {
        let extractor = Extractor::new(Options::default()).unwrap();
        let page =
            b"<nav><a href=/>Home</a> <a href=/a>About</a></nav><footer><a href=/c>Contact</a></footer>";
        let result = extractor.extract(page).unwrap();
        assert_eq!(result.text, "");
    }

    #[test]
    fn metadata_is_read_only_when_wanted() {
        let page = b"<html lang=fr><head><meta property=og:site_name content=Exemple></head>\
            <body><p>Un paragraphe assez long pour etre le contenu principal de la page.</p></body></html>";
        let read = |options: Options| Extractor::new(options).unwrap().extract(page).unwrap().metadata;
        let off = Options {
            metadata: false,
            ..Options::default()
        };
        assert_eq!(read(off.clone()), crate::Metadata::default());
        assert_eq!(read(Options::default()).site_name.as_deref(), Some("Exemple"));
        let json = Options {
            format: crate::Format::Json,
            ..off
        };
        assert_eq!(read(json).language.as_deref(), Some("fr"));
    }
}
