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
    /// The evidence of the node's subtree position: the strongest chrome
    /// signal among the node and its ancestors plus the strongest content
    /// signal among them (so nested menus are not counted twice, and a
    /// content wrapper inside a chrome-named one weighs against it).
    pub evidence: Vec<f32>,
    /// The node is inside a comment section.
    pub in_comments: Vec<bool>,
}

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
        evidence: vec![0.0; n],
        in_comments: vec![false; n],
    };
    // The two halves of the evidence, inherited down the tree.
    let mut chrome = vec![0.0f32; n];
    let mut content = vec![0.0f32; n];
    doc.walk(doc.root(), |edge| {
        let Edge::Open(id) = edge else {
            return Walk::Continue;
        };
        let i = id.index();
        if let Some(p) = doc.parent(id) {
            chrome[i] = chrome[p.index()];
            content[i] = content[p.index()];
            cleaned.in_comments[i] = cleaned.in_comments[p.index()];
        }
        let NodeData::Element(element) = doc.data(id) else {
            cleaned.evidence[i] = chrome[i] + content[i];
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
        // The classes of <html> and <body> describe the page (WordPress puts
        // `has-sidebar` or `single-post` there), not where its parts are.
        if !matches!(element.tag, Tag::Html | Tag::Body) {
            let own = semantics::evidence(element);
            chrome[i] = chrome[i].min(own.chrome);
            content[i] = content[i].max(own.content);
            cleaned.in_comments[i] |= own.comment;
        }
        cleaned.evidence[i] = chrome[i] + content[i];
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
