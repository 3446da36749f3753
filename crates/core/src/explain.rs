//! Why each block was kept or dropped: the engine's reasoning as data, for
//! the `dechaff explain` view and for anyone tuning the engine.

use crate::clean::Cleaned;
use crate::dom::{Document, NodeId};
use crate::score::{self, Scores};
use crate::segment::{Block, BlockKind};
use crate::select::{Selection, Verdict};

/// How many ancestors a block's path shows (the nearest ones).
const PATH_DEPTH: usize = 6;

/// The engine's reasoning over one page, block by block.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Explanation {
    /// Every text block of the page, in document order.
    pub blocks: Vec<ExplainedBlock>,
    /// The main region as a path (`"body > div#page > article.post"`), if any.
    pub region: Option<String>,
    /// The confidence of the result, 0 to 1.
    pub confidence: f32,
}

/// One text block with its signals and verdict.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ExplainedBlock {
    /// The block's text.
    pub text: String,
    /// `"paragraph"`, `"heading"`, `"list item"`, `"table cell"`,
    /// `"preformatted"`, `"caption"` or `"text"`.
    pub kind: &'static str,
    /// The block's nearest ancestors as a selector-like path.
    pub path: String,
    /// Whether the block is in the main text.
    pub kept: bool,
    /// Why it was kept or dropped, in words.
    pub reason: &'static str,
    /// The final content logit (positive: content).
    pub score: f32,
    /// The logit from the block's own text alone.
    pub intrinsic: f32,
    /// The class/id/tag evidence of its ancestors.
    pub evidence: f32,
    /// Word-equivalents.
    pub words: f32,
    /// Share of words inside links.
    pub link_density: f32,
    /// Words per 80-character line.
    pub text_density: f32,
}

/// Builds the explanation from the pipeline's intermediate results.
pub(crate) fn explain(
    doc: &Document,
    cleaned: &Cleaned,
    blocks: &[Block],
    scores: &Scores,
    selection: &Selection,
) -> Explanation {
    let blocks = blocks
        .iter()
        .enumerate()
        .map(|(i, b)| ExplainedBlock {
            text: b.text.clone(),
            kind: kind_name(b.kind),
            path: path(doc, b.owner),
            kept: selection.main[i],
            reason: reason(selection.verdicts[i]),
            score: scores.logit[i],
            intrinsic: scores.intrinsic[i],
            evidence: cleaned.evidence[b.owner.index()],
            words: b.stats.words,
            link_density: b.link_density(),
            text_density: score::text_density(b),
        })
        .collect();
    Explanation {
        blocks,
        region: selection.region.map(|r| path(doc, r)),
        confidence: selection.confidence,
    }
}

fn kind_name(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Paragraph => "paragraph",
        BlockKind::Text => "text",
        BlockKind::Heading(_) => "heading",
        BlockKind::ListItem => "list item",
        BlockKind::TableCell { .. } => "table cell",
        BlockKind::Preformatted => "preformatted",
        BlockKind::Caption => "caption",
    }
}

fn reason(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Kept => "kept: in the main region",
        Verdict::Headline => "kept: the headline above the main region",
        Verdict::NoMainContent => "dropped: the page has no main content",
        Verdict::OutsideRegion => "dropped: outside the main region",
        Verdict::Comment => "dropped: in the comments",
        Verdict::LowScore => "dropped: chrome inside the main region (low score)",
    }
}

/// `node`'s nearest ancestors as `tag#id.class` steps.
fn path(doc: &Document, node: NodeId) -> String {
    let mut steps: Vec<String> = std::iter::once(node)
        .chain(doc.ancestors(node))
        .filter_map(|id| doc.element(id))
        .take(PATH_DEPTH)
        .map(|e| {
            let mut step = e.name().to_owned();
            if let Some(id) = e.attr("id") {
                step.push('#');
                step.push_str(id.trim());
            }
            for class in e.attr("class").unwrap_or("").split_ascii_whitespace() {
                step.push('.');
                step.push_str(class);
            }
            step
        })
        .collect();
    steps.reverse();
    steps.join(" > ")
}
