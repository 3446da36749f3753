//! The one pass over the whole document: every element is handed to the
//! `<meta>`, `<link>` and microdata reader ([`MetaTags`]), and the JSON-LD
//! `<script>`s, the body's `<h1>`s and the `<time>`s are noted for
//! [`JsonLd`], the title and the date. (Each had a walk of its own; walking
//! the tree costs about as much as reading the few elements these readers
//! want.)
//!
//! [`JsonLd`]: super::json_ld::JsonLd

use crate::dom::{Document, NodeId, Tag};

use super::hints::NameHints;
use super::json_ld::is_json_ld_script;
use super::meta_tags::MetaTags;
use super::title::MAX_H1;

/// What the pass found.
pub(super) struct Scan {
    /// The page's `<meta>`/`<link>` tags and microdata.
    pub(super) meta: MetaTags,
    /// The JSON-LD `<script>` elements, in document order.
    pub(super) ld_scripts: Vec<NodeId>,
    /// The first [`MAX_H1`] `<h1>` elements of the body, in document order.
    pub(super) h1s: Vec<NodeId>,
    /// The `<time>` elements, in document order.
    pub(super) times: Vec<NodeId>,
}

/// Reads every element of `doc` in document order (see the module doc).
pub(super) fn scan<'a>(doc: &'a Document, hints: &mut NameHints<'a>) -> Scan {
    let mut scan = Scan {
        meta: MetaTags::default(),
        ld_scripts: Vec::new(),
        h1s: Vec::new(),
        times: Vec::new(),
    };
    let body = doc.body();
    let in_body = |id: NodeId| body == doc.root() || doc.ancestors(id).any(|a| a == body);
    for id in doc.descendants(doc.root()) {
        let Some(el) = doc.element(id) else { continue };
        scan.meta.read(doc, id, el, hints);
        if is_json_ld_script(el) {
            scan.ld_scripts.push(id);
        } else if el.tag == Tag::H1 && scan.h1s.len() < MAX_H1 && in_body(id) {
            scan.h1s.push(id);
        } else if el.tag == Tag::Time {
            scan.times.push(id);
        }
    }
    scan
}
