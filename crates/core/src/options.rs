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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Format {
    /// Plain text: one block per paragraph, a blank line between blocks,
    /// list items and table rows on their own lines.
    #[default]
    Text,
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
    /// Also return the page's comment thread, apart from the main text, in
    /// [`crate::Extracted::comments`]. Default: `false`.
    pub comments: bool,
    /// Largest page accepted, in bytes; a larger page is
    /// [`Error::InputTooLarge`]. Default: 64 MiB.
    pub max_input_bytes: usize,
    /// Largest DOM accepted, in nodes; a larger one is [`Error::TooManyNodes`].
    /// Default: 4,000,000 (far above any real page: the largest of the
    /// evaluation corpora has a few tens of thousands).
    pub max_nodes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            focus: Focus::Balanced,
            format: Format::Text,
            comments: false,
            max_input_bytes: 64 << 20,
            max_nodes: 4_000_000,
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
        Ok(())
    }
}
