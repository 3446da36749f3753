//! What a caller can choose, validated once by [`crate::Extractor::new`].

use crate::error::{Error, Result};

/// Which side of the precision/recall trade-off the engine leans to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Focus {
    /// The best F1: the default.
    #[default]
    Balanced,
    /// Keep only blocks the engine is sure about (less chrome, may lose some body).
    Precision,
    /// Keep doubtful blocks too (more body, may keep some chrome).
    Recall,
}

/// The shape of [`crate::Extracted::text`].
///
/// ```
/// let mut options = dechaff::Options::default();
/// options.format = dechaff::Format::Markdown;
/// options.links = true;
/// let extractor = dechaff::Extractor::new(options)?;
/// let page = b"<nav><a href=/>Home</a> <a href=/world>World</a></nav><article>
///   <h1>Rain expected all week</h1><p>Forecasters said on Monday that <em>heavy</em> rain
///   would fall across the region for the rest of the week, with
///   <a href=/floods>flooding</a> possible in low-lying areas.</p></article>";
/// let input = dechaff::Input::new(page).url("https://example.org/news/rain");
/// let result = extractor.extract_input(input)?;
/// assert_eq!(
///     result.text,
///     "# Rain expected all week\n\nForecasters said on Monday that *heavy* rain would fall \
///      across the region for the rest of the week, with \
///      [flooding](https://example.org/floods) possible in low-lying areas."
/// );
/// # Ok::<(), dechaff::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Format {
    /// Plain text: one block per paragraph, a blank line between blocks,
    /// list items and table rows on their own lines.
    #[default]
    Text,
    /// Markdown (CommonMark with GitHub's tables): `#` headings, `*em*` and
    /// `**strong**`, `-` and `1.` lists indented by depth, `> ` quotes, fenced
    /// code blocks with their language, tables with a header row; links and
    /// images only with [`Options::links`] and [`Options::images`].
    Markdown,
    /// Clean, safe HTML: only `p`, `h1`–`h6`, lists, `blockquote`, `pre`,
    /// `code`, emphasis, tables, `figure`, `br`, `a`, `img`, `sub` and `sup`,
    /// with no attribute but `href`, `src`, `alt` and `title`; URLs resolved
    /// against [`crate::Input::url`], `javascript:` and other unsafe URLs
    /// removed. Links and images only with [`Options::links`] and
    /// [`Options::images`].
    Html,
    /// One JSON object holding the page's metadata, main text, comments and
    /// confidence: [`crate::Extracted::output`] (or `serde_json` on
    /// [`crate::Extracted`]). Its fields are listed in
    /// [`crate::Extracted::JSON_FIELDS`] and described in the README; the
    /// text and comments in it are plain text, as in [`Format::Text`].
    Json,
}

impl Format {
    /// The file extension of this format, without the dot: `txt`, `md`,
    /// `html` or `json`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
        }
    }
}

/// Settings of an [`crate::Extractor`]. Start from [`Options::default`] and
/// change the fields you need.
///
/// ```
/// let mut options = dechaff::Options::default();
/// options.comments = true;
/// options.max_input_bytes = 8 << 20;
/// let extractor = dechaff::Extractor::new(options)?;
/// # Ok::<(), dechaff::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Options {
    /// Precision/recall trade-off. Default: [`Focus::Balanced`].
    pub focus: Focus,
    /// Output format of the main text. Default: [`Format::Text`].
    pub format: Format,
    /// Keep the links of the main content (`[text](url)` in Markdown, `<a
    /// href>` in HTML) rather than only their text. Default: `false`. Plain
    /// text has no links.
    pub links: bool,
    /// Keep the images of the main content (`![alt](src)` in Markdown,
    /// `<img>` in HTML). Default: `false`. Plain text has no images.
    pub images: bool,
    /// Keep the data tables of the main content in Markdown and HTML.
    /// Default: `true`. (Plain text always has their rows; layout tables are
    /// read as ordinary blocks in every format.)
    pub tables: bool,
    /// Also return the page's comment thread, apart from the main text, in
    /// [`crate::Extracted::comments`]. Default: `false`.
    pub comments: bool,
    /// Start [`crate::Extracted::output`] with a front-matter block of the
    /// page's metadata (a YAML `---` block, in [`Format::Text`] and
    /// [`Format::Markdown`]; [`Format::Json`] always holds the metadata and
    /// [`Format::Html`] never does). [`crate::Extracted::text`] itself stays
    /// the main text alone. Default: `false`.
    pub with_metadata: bool,
    /// Read the page's metadata into [`crate::Extracted::metadata`].
    /// Default: `true`. Reading it costs about a sixth of the extraction
    /// time (it walks the whole page several times), so a caller that needs
    /// only the text can turn it off and get [`crate::Metadata::default`]
    /// instead. [`Format::Json`] and [`Options::with_metadata`] read it
    /// whatever this says.
    pub metadata: bool,
    /// Largest page accepted, in bytes; a larger page is
    /// [`Error::InputTooLarge`]. Default: 64 MiB.
    pub max_input_bytes: usize,
    /// Largest DOM accepted, in nodes; a larger one is [`Error::TooManyNodes`].
    /// Default: 4,000,000 (far above any real page: the largest of the
    /// evaluation corpora has a few tens of thousands).
    pub max_nodes: usize,
    /// Deepest nesting the parser builds, in open elements: start tags
    /// deeper than this are dropped and their text flattened into the
    /// deepest element (browsers do the same; Blink stops at 512). Not an
    /// error: the page keeps its text. Default: 256 (five times the deepest
    /// page of the evaluation corpora). html5ever's tree builder scans its
    /// open elements on most start tags, so this bounds the parse time of
    /// absurdly deep pages.
    pub max_depth: usize,
}

impl Options {
    /// True when an extraction must read the page's metadata.
    pub(crate) fn reads_metadata(&self) -> bool {
        self.metadata || self.with_metadata || self.format == Format::Json
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            focus: Focus::Balanced,
            format: Format::Text,
            links: false,
            images: false,
            tables: true,
            comments: false,
            with_metadata: false,
            metadata: true,
            max_input_bytes: 64 << 20,
            max_nodes: 4_000_000,
            max_depth: crate::dom::DEFAULT_MAX_DEPTH,
        }
    }
}

impl Options {
    /// Checks the options for consistency; called by [`crate::Extractor::new`].
    pub(crate) fn validate(&self) -> Result<()> {
        if self.max_input_bytes == 0 {
            return Err(Error::InvalidOptions("max_input_bytes must be above 0".into()));
        }
        if self.max_nodes == 0 {
            return Err(Error::InvalidOptions("max_nodes must be above 0".into()));
        }
        if self.max_depth == 0 {
            return Err(Error::InvalidOptions("max_depth must be above 0".into()));
        }
        Ok(())
    }
}
