//! The pipeline's stages one at a time, for the per-stage benchmarks
//! (`benches/extract.rs`). Compiled only with the `stages` feature: this is
//! a measuring tool, not part of the library's API, and may change with the
//! engine.
//!
//! [`Stages::prepare`] runs the whole pipeline once over a page and keeps
//! every stage's output; each other method then runs one stage again from
//! the kept outputs of the stages before it, the way
//! [`Extractor`](crate::Extractor) chains them.

use crate::error::Result;
use crate::options::Options;
use crate::{clean, decode, dom, metadata, render, score, segment, select, title};

/// Decodes `html` and parses it into the arena DOM, as the extraction
/// does before its own stages: the floor of the whole pipeline, beside
/// html5ever's (the throughput bench's `parse` stage).
///
/// # Errors
/// As [`Extractor::extract`](crate::Extractor::extract), for decoding and
/// parsing.
pub fn decode_and_parse(html: &[u8]) -> Result<impl Sized> {
    let options = Options::default();
    let decoded = decode::decode(html, None)?;
    dom::parse_limited(&decoded.text, options.max_nodes, options.max_depth)
}

/// One page with every stage's output, ready to time any stage alone.
pub struct Stages {
    html: Vec<u8>,
    text: String,
    doc: dom::Document,
    cleaned: clean::Cleaned,
    blocks: Vec<segment::Block>,
    scores: score::Scores,
    selection: select::Selection,
    options: Options,
}

impl Stages {
    /// Runs the whole pipeline over `html` with default options.
    ///
    /// # Errors
    /// As [`Extractor::extract`](crate::Extractor::extract).
    pub fn prepare(html: &[u8]) -> Result<Stages> {
        let options = Options::default();
        let text = decode::decode(html, None)?.text.into_owned();
        let doc = dom::parse_limited(&text, options.max_nodes, options.max_depth)?;
        let cleaned = clean::clean(&doc);
        let blocks = segment::segment(&doc, &cleaned);
        let scores = score::score(&doc, &cleaned, &blocks);
        let selection = select::select(&doc, &cleaned, &blocks, &scores, &options);
        Ok(Stages {
            html: html.to_vec(),
            text,
            doc,
            cleaned,
            blocks,
            scores,
            selection,
            options,
        })
    }

    /// Charset detection and decoding to UTF-8.
    pub fn decode(&self) -> impl Sized {
        // The decoded page borrows the HTML; the bench keeps only its
        // encoding (black_box keeps the decoding itself from being skipped).
        decode::decode(&self.html, None).map(|d| std::hint::black_box(d).encoding)
    }

    /// Parsing the decoded text into the arena DOM.
    pub fn parse(&self) -> impl Sized {
        dom::parse_limited(&self.text, self.options.max_nodes, self.options.max_depth)
    }

    /// Judging elements and removing the invisible and the chrome.
    pub fn clean(&self) -> impl Sized {
        clean::clean(&self.doc)
    }

    /// Cutting the cleaned page into text blocks with their statistics.
    pub fn segment(&self) -> impl Sized {
        segment::segment(&self.doc, &self.cleaned)
    }

    /// Scoring every block.
    pub fn score(&self) -> impl Sized {
        score::score(&self.doc, &self.cleaned, &self.blocks)
    }

    /// Choosing the main region and the blocks kept.
    pub fn select(&self) -> impl Sized {
        select::select(
            &self.doc,
            &self.cleaned,
            &self.blocks,
            &self.scores,
            &self.options,
        )
    }

    /// Writing the kept blocks as text, and choosing the title.
    pub fn render(&self) -> impl Sized {
        let page = render::Page {
            doc: &self.doc,
            cleaned: &self.cleaned,
            blocks: &self.blocks,
            url: None,
        };
        let text = render::render(&page, &self.selection.main, &self.options);
        (text, title::title(&self.doc, &self.blocks, &self.selection))
    }

    /// Reading the page's metadata.
    pub fn metadata(&self) -> impl Sized {
        metadata::extract(&self.doc, None)
    }
}
