//! # dechaff: the main content of a web page, without the chaff
//!
//! Give dechaff a page's HTML and it returns the main content (the article,
//! post or document body) without the navigation, headers and footers, share
//! buttons, related links, ads, cookie banners and comment threads around it.
//!
//! ```
//! let extractor = dechaff::Extractor::new(dechaff::Options::default())?;
//! let page = b"<html><head><title>Rain - Daily News</title></head><body>
//!   <nav><a href=/>Home</a> <a href=/world>World</a> <a href=/sport>Sport</a></nav>
//!   <article><h1>Rain expected all week</h1>
//!   <p>Forecasters said on Monday that heavy rain would fall across the region for
//!   the rest of the week, with flooding possible in low-lying areas.</p>
//!   <p>Residents were advised to avoid travel where they could and to keep up to
//!   date with the warnings issued every morning.</p></article>
//!   <footer>&copy; Daily News. All rights reserved.</footer></body></html>";
//! let result = extractor.extract(page)?;
//! assert!(result.text.starts_with("Rain expected all week"));
//! assert!(!result.text.contains("Sport"));
//! assert!(!result.text.contains("rights reserved"));
//! # Ok::<(), dechaff::Error>(())
//! ```
//!
//! ## How it works
//!
//! One [`Extractor`] is built once from [`Options`] and shared (it is `Send +
//! Sync + Clone`); every call runs the same pipeline, each stage a module:
//!
//! 1. **decode** the bytes to UTF-8 (BOM, caller's hint, `<meta>`, detector);
//! 2. **parse** them with html5ever into a compact DOM (`dom`);
//! 3. **clean**: rule out what can never be content (scripts, styles, hidden
//!    and form elements) and weigh each element's tag and class/id as
//!    evidence for or against being content;
//! 4. **segment** the page into text blocks (paragraphs, headings, list items,
//!    table cells) with their word counts, link words and ancestry;
//! 5. **score** every block by text density, link density, semantics,
//!    sentence shape, position and its neighbours;
//! 6. **select** the main region (the subtree where content outweighs chrome
//!    the most) and the blocks within it that belong to it;
//! 7. **render** the kept blocks as plain text, Markdown or clean HTML
//!    ([`Format`]), or the whole page with its [`Metadata`] as JSON
//!    ([`Extracted::output`]).

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod clean;
mod decode;
mod dom;
mod error;
mod explain;
mod extractor;
mod metadata;
mod options;
mod output;
mod phrases;
mod render;
mod score;
mod segment;
mod select;
mod semantics;
mod slideshow;
#[cfg(feature = "stages")]
#[doc(hidden)]
pub mod stages;
#[cfg(test)]
mod testing;
mod title;
mod words;

pub use error::{Error, Result};
pub use explain::{ExplainedBlock, Explanation, Signal, SignalKind, Verdict};
pub use extractor::{Extracted, Extractor, Input};
pub use metadata::{Metadata, PageType};
pub use options::{Focus, Format, Options};
pub use output::{HTML_COMMENTS_SEPARATOR, MARKDOWN_COMMENTS_SEPARATOR, TEXT_COMMENTS_SEPARATOR};
