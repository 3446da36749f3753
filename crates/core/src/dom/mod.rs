//! The page's DOM: the only module that knows about html5ever.
//!
//! html5ever parses into our own compact tree, an index arena: every node is
//! an entry of one `Vec`, nodes refer to each other by [`NodeId`] (a `u32`),
//! and element names are mapped once to a small [`Tag`] enum. The later stages
//! keep their per-node results in plain vectors indexed by `NodeId` instead of
//! writing them into the tree. All traversals are loops over the sibling and
//! parent links, never recursion, so a page nested 100,000 levels deep cannot
//! overflow the stack, and dropping the tree is dropping one `Vec`.
//!
//! The text of scripts and styles, which no stage reads (but JSON-LD),
//! comments and the inside of SVG drawings are not even given to the tree
//! builder: a token filter takes them off the tokenizer's input where the
//! tokenizer is about to read them ([`skip`]). The same filter reads the
//! plain tags and text between them itself, as the tokenizer would, a
//! whole tag at a time ([`plain`]).
//!
//! Why not `markup5ever_rcdom`: it allocates an `Rc` per node, keeps children
//! in `RefCell<Vec>`s and drops recursively; building it costs about as much
//! as a whole extraction should (see `docs/performance.md`). It remains the
//! reference: the `reference` test module builds both trees from the same
//! pages and checks they are the same, with code, comments and drawings
//! skipped and without.

mod attributes;
mod controls;
mod depth;
mod drawing;
mod plain;
mod sink;
mod skip;
mod tag;

#[cfg(test)]
mod reference;

use std::num::NonZeroU32;

use html5ever::interface::ElemName;
use html5ever::tendril::StrTendril;
use html5ever::{Attribute, LocalName, Namespace};

pub(crate) use tag::Tag;

use crate::error::{Error, Result};

/// Index of a node in its [`Document`], stored plus one: never zero, so an
/// `Option<NodeId>` takes four bytes, and a node's five links twenty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct NodeId(NonZeroU32);

impl NodeId {
    /// The document node, first in the arena.
    pub(crate) const ROOT: NodeId = NodeId(NonZeroU32::MIN);

    /// The node at position `index` of the document's node vector.
    pub(crate) fn from_index(index: usize) -> NodeId {
        let id = u32::try_from(index).ok().and_then(|i| i.checked_add(1));
        NodeId(id.and_then(NonZeroU32::new).unwrap_or(NonZeroU32::MAX))
    }

    /// The position of this node in the document's node vector; side tables
    /// indexed by node use it.
    pub(crate) fn index(self) -> usize {
        (self.0.get() - 1) as usize
    }
}

/// One node of the tree with its links.
#[derive(Debug)]
pub(crate) struct Node {
    parent: Option<NodeId>,
    first_child: Option<NodeId>,
    last_child: Option<NodeId>,
    prev_sibling: Option<NodeId>,
    next_sibling: Option<NodeId>,
    data: NodeData,
}

/// What a node holds.
#[derive(Debug)]
pub(crate) enum NodeData {
    /// The document root (also the root of a `<template>`'s contents).
    Document,
    /// `<!DOCTYPE …>`.
    Doctype,
    /// A comment.
    Comment,
    /// A processing instruction (only in foreign content).
    ProcessingInstruction,
    /// A run of text, entities already decoded.
    Text(StrTendril),
    /// An element.
    Element(Element),
}

/// An element's name and attributes.
#[derive(Debug)]
pub(crate) struct Element {
    /// The element's kind.
    pub(crate) tag: Tag,
    name: Name,
    attrs: Vec<Attribute>,
}

/// An element's namespace and local name: its `QualName` without the
/// prefix, which the HTML tree builder never sets on elements (16 bytes
/// instead of 24 in every element of the arena).
#[derive(Debug)]
pub(crate) struct Name {
    ns: Namespace,
    local: LocalName,
}

impl ElemName for Name {
    #[inline(always)]
    fn ns(&self) -> &Namespace {
        &self.ns
    }

    #[inline(always)]
    fn local_name(&self) -> &LocalName {
        &self.local
    }
}

impl Element {
    /// The local name, lower case (`"div"`, `"my-widget"`).
    pub(crate) fn name(&self) -> &str {
        &self.name.local
    }

    /// The value of attribute `name` (lower case), if present.
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| &*a.name.local == name)
            .map(|a| &*a.value)
    }

    /// All attributes as `(name, value)` pairs, in source order.
    pub(crate) fn attrs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.attrs.iter().map(|a| (&*a.name.local, &*a.value))
    }
}

/// One step of a depth-first walk (see [`Document::walk`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Edge {
    /// Entering a node, before its children.
    Open(NodeId),
    /// Leaving a node, after its children.
    Close(NodeId),
}

/// What a walk does after an [`Edge::Open`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Walk {
    /// Visit the node's children.
    Continue,
    /// Skip the node's children (its `Close` edge still comes).
    SkipChildren,
}

/// A parsed page.
#[derive(Debug)]
pub(crate) struct Document {
    nodes: Vec<Node>,
    /// The `<script>` elements the parser made, in order (noted while
    /// building the tree, so a question about scripts needs no walk; some
    /// may since have left the tree).
    scripts: Vec<NodeId>,
}

/// How much text is handed to html5ever at a time; between chunks the parse
/// checks the node limit, so an oversized page stops early.
const PARSE_CHUNK_BYTES: usize = 64 * 1024;

/// The default of [`crate::Options::max_depth`]: the most elements the
/// parser keeps open at once. Blink's parser stops nesting at 512; real pages
/// stay far below (the deepest page of the evaluation corpora
/// nests 50 levels), and every
/// start tag at the limit costs the tree builder a scan of that many
/// elements, so a lower cap keeps absurd pages fast.
pub(crate) const DEFAULT_MAX_DEPTH: usize = 256;

/// Parses `html` into a [`Document`], refusing trees of more than
/// `max_nodes`, with the default depth limit.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn parse(html: &str, max_nodes: usize) -> Result<Document> {
    parse_limited(html, max_nodes, DEFAULT_MAX_DEPTH)
}

/// Parses `html` into a [`Document`], refusing trees of more than
/// `max_nodes`. Tags nested deeper than `max_depth` are dropped and their
/// content flattened into the deepest open element (see [`depth`]); tags with
/// more than [`attributes::MAX_ATTRIBUTES`] attributes lose the extra ones.
/// Control characters are taken out of text and attribute values
/// ([`controls`]). Scripts and styles are left empty, but for JSON-LD,
/// comments between markup are left out and SVG drawings left empty where
/// their end can be told ([`skip`]).
pub(crate) fn parse_limited(html: &str, max_nodes: usize, max_depth: usize) -> Result<Document> {
    parse_in_chunks(html, max_nodes, max_depth, PARSE_CHUNK_BYTES, skip::Unread::Skip)
}

/// [`parse_limited`] keeping the text of scripts and styles: the tree as
/// html5ever builds it, for tests against the reference DOM.
#[cfg(test)]
pub(crate) fn parse_whole(html: &str, max_nodes: usize, max_depth: usize) -> Result<Document> {
    parse_in_chunks(html, max_nodes, max_depth, PARSE_CHUNK_BYTES, skip::Unread::Keep)
}

/// The parse behind [`parse_limited`] (and the tests' `parse_whole`),
/// handing html5ever `chunk` bytes at a time (tests feed it a few bytes at a
/// time).
fn parse_in_chunks(
    html: &str,
    max_nodes: usize,
    max_depth: usize,
    chunk: usize,
    unread: skip::Unread,
) -> Result<Document> {
    let html = attributes::cap(html, attributes::MAX_ATTRIBUTES);
    sink::parse(&html, max_nodes, max_depth, chunk, unread).ok_or(Error::TooManyNodes { limit: max_nodes })
}

/// html5ever's options: the page is parsed as by a browser with scripting
/// off, so `<noscript>` content is markup, not raw text. A crawler sees a
/// page without running its scripts, and some sites put their text there.
fn parse_options() -> html5ever::ParseOpts {
    html5ever::ParseOpts {
        tree_builder: html5ever::tree_builder::TreeBuilderOpts {
            scripting_enabled: false,
            ..Default::default()
        },
        ..Default::default()
    }
}

impl Document {
    /// The document node.
    pub(crate) fn root(&self) -> NodeId {
        NodeId::ROOT
    }

    /// Number of nodes (the size of side tables indexed by [`NodeId`]).
    pub(crate) fn len(&self) -> usize {
        self.nodes.len()
    }

    /// What node `id` holds.
    pub(crate) fn data(&self, id: NodeId) -> &NodeData {
        &self.nodes[id.index()].data
    }

    /// The element at `id`, if it is one.
    pub(crate) fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.nodes[id.index()].data {
            NodeData::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The tag of element `id`, `None` for other nodes.
    pub(crate) fn tag(&self, id: NodeId) -> Option<Tag> {
        self.element(id).map(|e| e.tag)
    }

    /// The text of text node `id`, if it is one.
    pub(crate) fn text(&self, id: NodeId) -> Option<&str> {
        match &self.nodes[id.index()].data {
            NodeData::Text(t) => Some(t),
            _ => None,
        }
    }

    /// The parent of `id`.
    pub(crate) fn parent(&self, id: NodeId) -> Option<NodeId> {
        self.nodes[id.index()].parent
    }

    /// The first child of `id`.
    pub(crate) fn first_child(&self, id: NodeId) -> Option<NodeId> {
        self.nodes[id.index()].first_child
    }

    /// The next sibling of `id`.
    pub(crate) fn next_sibling(&self, id: NodeId) -> Option<NodeId> {
        self.nodes[id.index()].next_sibling
    }

    /// The children of `id`, in order.
    pub(crate) fn children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.first_child(id), move |&c| self.next_sibling(c))
    }

    /// `id`'s ancestors, nearest first (not including `id`).
    pub(crate) fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.parent(id), move |&p| self.parent(p))
    }

    /// Walks the subtree under `top` depth-first, calling `visit` with every
    /// opening and closing edge (`top`'s own included). Iterative: no depth
    /// limit.
    pub(crate) fn walk(&self, top: NodeId, mut visit: impl FnMut(Edge) -> Walk) {
        let mut node = top;
        loop {
            let descend = visit(Edge::Open(node)) == Walk::Continue;
            if let (true, Some(child)) = (descend, self.first_child(node)) {
                node = child;
                continue;
            }
            // Close this node, then climb until a node has a next sibling.
            loop {
                visit(Edge::Close(node));
                if node == top {
                    return;
                }
                if let Some(next) = self.next_sibling(node) {
                    node = next;
                    break;
                }
                match self.parent(node) {
                    Some(parent) => node = parent,
                    None => return,
                }
            }
        }
    }

    /// The nodes of the subtree under `top` in document order, `top` first.
    pub(crate) fn descendants(&self, top: NodeId) -> Descendants<'_> {
        Descendants {
            doc: self,
            top,
            next: Some(top),
        }
    }

    /// The `<script>` elements the parser made, in document order, each
    /// once; not all of them need be in the tree (see [`Self::in_tree`]).
    pub(crate) fn scripts(&self) -> &[NodeId] {
        &self.scripts
    }

    /// True when `id` hangs under the document node (not under a
    /// `<template>`'s contents, nor detached by the parser).
    pub(crate) fn in_tree(&self, id: NodeId) -> bool {
        id == self.root() || self.ancestors(id).last() == Some(self.root())
    }

    /// The `<body>` element, or the root when the page has none (a frameset).
    pub(crate) fn body(&self) -> NodeId {
        let html = self
            .children(self.root())
            .find(|&c| self.tag(c) == Some(Tag::Html));
        html.and_then(|h| self.children(h).find(|&c| self.tag(c) == Some(Tag::Body)))
            .unwrap_or(self.root())
    }

    /// The `<head>` element, if any.
    pub(crate) fn head(&self) -> Option<NodeId> {
        let html = self
            .children(self.root())
            .find(|&c| self.tag(c) == Some(Tag::Html))?;
        self.children(html).find(|&c| self.tag(c) == Some(Tag::Head))
    }
}

/// Iterator of [`Document::descendants`].
pub(crate) struct Descendants<'a> {
    doc: &'a Document,
    top: NodeId,
    next: Option<NodeId>,
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;

    fn next(&mut self) -> Option<NodeId> {
        let current = self.next?;
        self.next = self.doc.first_child(current).or_else(|| {
            let mut node = current;
            loop {
                if node == self.top {
                    return None;
                }
                if let Some(next) = self.doc.next_sibling(node) {
                    return Some(next);
                }
                node = self.doc.parent(node)?;
            }
        });
        Some(current)
    }
}

#[cfg(test)]
mod size_tests {
    /// The arena's node stays small: the tree builder touches every node
    /// it links, and a page holds thousands.
    #[test]
    fn node_size() {
        assert_eq!(std::mem::size_of::<Option<super::NodeId>>(), 4);
        assert!(
            std::mem::size_of::<super::Node>() <= 72,
            "{}",
            std::mem::size_of::<super::Node>()
        );
    }
}
