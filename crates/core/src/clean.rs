//! Stage 3, clean: rule out what can never be content and weigh the rest.
//!
//! Two kinds of judgement, kept apart on purpose:
//! - **removal**, for what is never main content whatever the page: scripts,
//!   styles, embedded media and widgets, form controls, and elements hidden
//!   from the reader. Their subtrees are skipped by the later stages;
//! - **evidence**, for what is *usually* chrome or content: `nav`, `aside`,
//!   `footer`, class/id names like `share` or `related`, `article`, `main`…
//!   (see [`crate::semantics`]). Evidence is a number added up from the root
//!   down and weighed by the scorer with everything else, never a delete, so
//!   a mislabelled wrapper cannot take its article with it.

use crate::dom::{Document, Edge, NodeData, NodeId, Tag, Walk};
use crate::semantics;

/// Why a node's subtree is out of the page's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Removal {
    /// Not removed.
    Kept,
    /// An element that never holds main content (script, form control…).
    NeverContent,
    /// An element hidden from the reader.
    Hidden,
}

/// Per-node results of cleaning, indexed by [`NodeId::index`].
#[derive(Debug)]
pub(crate) struct Cleaned {
    /// Whether and why each node's subtree is removed.
    pub removal: Vec<Removal>,
    /// The element's own evidence (0 for non-elements).
    pub own_evidence: Vec<f32>,
    /// Sum of the evidence of the node and all its ancestors.
    pub evidence: Vec<f32>,
    /// The node is inside a comment section.
    pub in_comments: Vec<bool>,
}

/// Lowest and highest evidence a node can accumulate from its ancestors:
/// deeply nested chrome containers should not make any later signal
/// meaningless.
const EVIDENCE_RANGE: (f32, f32) = (-10.0, 5.0);

/// Elements whose subtree is never main content.
fn never_content(tag: Tag) -> bool {
    use Tag::*;
    matches!(
        tag,
        Head | Title
            | Meta
            | Link
            | Base
            | Script
            | Style
            | Noscript
            | Template
            | Svg
            | Math
            | Iframe
            | Frame
            | Object
            | Embed
            | Canvas
            | Video
            | Audio
            | Source
            | Track
            | Map
            | Param
            | Img
            | Picture
            | Input
            | Button
            | Select
            | Option
            | Optgroup
            | Textarea
            | Datalist
            | Output
            | Progress
            | Meter
            | Dialog
            | Rt
            | Rp
    )
}

/// Cleans `doc`: see the module doc.
pub(crate) fn clean(doc: &Document) -> Cleaned {
    let n = doc.len();
    let mut cleaned = Cleaned {
        removal: vec![Removal::Kept; n],
        own_evidence: vec![0.0; n],
        evidence: vec![0.0; n],
        in_comments: vec![false; n],
    };
    doc.walk(doc.root(), |edge| {
        let Edge::Open(id) = edge else {
            return Walk::Continue;
        };
        let i = id.index();
        let (parent_evidence, parent_comments) = match doc.parent(id) {
            Some(p) => (cleaned.evidence[p.index()], cleaned.in_comments[p.index()]),
            None => (0.0, false),
        };
        cleaned.evidence[i] = parent_evidence;
        cleaned.in_comments[i] = parent_comments;
        let NodeData::Element(element) = doc.data(id) else {
            return Walk::Continue;
        };
        if never_content(element.tag) {
            cleaned.removal[i] = Removal::NeverContent;
            return Walk::SkipChildren;
        }
        if semantics::is_hidden(element) {
            cleaned.removal[i] = Removal::Hidden;
            return Walk::SkipChildren;
        }
        let own = semantics::evidence(element);
        cleaned.own_evidence[i] = own.score;
        cleaned.evidence[i] =
            (parent_evidence + own.score).clamp(EVIDENCE_RANGE.0, EVIDENCE_RANGE.1);
        cleaned.in_comments[i] |= own.comment;
        Walk::Continue
    });
    cleaned
}

impl Cleaned {
    /// True when `id`'s subtree is out of the text.
    pub(crate) fn is_removed(&self, id: NodeId) -> bool {
        self.removal[id.index()] != Removal::Kept
    }
}
