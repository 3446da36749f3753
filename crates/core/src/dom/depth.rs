//! The depth guard: a filter between html5ever's tokenizer and its tree
//! builder that keeps the parser's state small on absurdly deep pages.
//!
//! The tree builder is quadratic in nesting depth: for most start tags it
//! scans its stack of open elements (`close_p_element_in_button_scope`, the
//! list-item and scope checks) or its list of active formatting elements
//! (the "Noah's Ark" clause), so 20,000 nested `<div>`s take seconds and
//! 100,000 take minutes. Browsers cap the depth for the same reason (Blink
//! at 512). The guard does it here: once the builder holds `max_depth`
//! handles (open elements plus active formatting entries), a start tag is
//! not passed on, and neither is its matching end tag. What the dropped
//! element held still arrives: its text lands in the deepest element the
//! builder has open, so the page comes out flattened, not cut.
//!
//! Some start tags always pass: void elements (they open nothing), tags
//! that switch the tokenizer into raw text (dropping `<script>` would turn
//! its code into page text), and `<html>`, `<head>`, `<body>`, `<frameset>`,
//! which never nest.
//!
//! Counting the builder's handles costs a walk over its state, so the guard
//! only counts when an upper bound says the limit may be near: the count
//! grows by at most [`HANDLES_PER_NODE`] for every node the builder creates
//! (a node is pushed on the stack at most once, and adds at most one
//! formatting entry), and never grows without creating one.

use std::cell::{Cell, RefCell};

use html5ever::interface::tree_builder::Tracer;
use html5ever::tokenizer::{TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::tree_builder::TreeBuilder;
use html5ever::{local_name, LocalName};

use super::sink::ArenaSink;
use super::NodeId;

/// Bound on how much the builder's handle count grows per node it creates:
/// one stack entry and one formatting entry.
const HANDLES_PER_NODE: usize = 2;

/// Handles the builder keeps apart from its stack and formatting list (the
/// document, `<head>` and `<form>` pointers), added to the bound.
const OTHER_HANDLES: usize = 3;

/// How far down the stack of dropped start tags an end tag looks for its
/// start tag: far enough for the implied ends of real markup (`<li>` and
/// `<p>` left open), short enough to stay constant time per end tag.
const END_TAG_LOOKBACK: usize = 16;

/// The tree builder behind the guard.
pub(super) type Builder = TreeBuilder<NodeId, ArenaSink>;

/// The token filter (see the module doc).
pub(super) struct DepthGuard {
    /// The tree builder the tokens go to.
    pub(super) builder: Builder,
    max_depth: usize,
    /// The builder's handle count when last counted.
    counted: Cell<usize>,
    /// The arena's node count at that moment.
    nodes_when_counted: Cell<usize>,
    /// Names of the dropped start tags whose end tag has not come yet.
    dropped: RefCell<Vec<LocalName>>,
}

impl DepthGuard {
    /// A guard holding `builder` to at most `max_depth` handles.
    pub(super) fn new(builder: Builder, max_depth: usize) -> Self {
        DepthGuard {
            builder,
            max_depth,
            counted: Cell::new(0),
            nodes_when_counted: Cell::new(0),
            dropped: RefCell::new(Vec::new()),
        }
    }

    /// True when the builder holds `max_depth` handles or more.
    #[inline]
    fn is_full(&self) -> bool {
        let nodes = self.builder.sink.node_count();
        let created = nodes - self.nodes_when_counted.get();
        let bound = self.counted.get() + HANDLES_PER_NODE * created + OTHER_HANDLES;
        if bound < self.max_depth {
            return false;
        }
        let counter = Counter(Cell::new(0));
        self.builder.trace_handles(&counter);
        self.counted.set(counter.0.get());
        self.nodes_when_counted.set(nodes);
        counter.0.get() >= self.max_depth
    }

    /// True when an end tag named `name` closes a dropped start tag; that
    /// entry and those above it (left open in the source) are forgotten.
    fn closes_dropped(&self, name: &LocalName) -> bool {
        let mut dropped = self.dropped.borrow_mut();
        let lookback = dropped.len().saturating_sub(END_TAG_LOOKBACK);
        match dropped[lookback..].iter().rposition(|d| d == name) {
            Some(at) => {
                dropped.truncate(lookback + at);
                true
            }
            None => false,
        }
    }
}

/// Counts the handles the tree builder shows it.
struct Counter(Cell<usize>);

impl Tracer for Counter {
    type Handle = NodeId;

    fn trace_handle(&self, _node: &NodeId) {
        self.0.set(self.0.get() + 1);
    }
}

/// Start tags that always pass the guard (see the module doc).
fn always_passes(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("basefont")
            | local_name!("bgsound")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("frame")
            | local_name!("hr")
            | local_name!("image")
            | local_name!("img")
            | local_name!("input")
            | local_name!("keygen")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("param")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
            | local_name!("script")
            | local_name!("style")
            | local_name!("xmp")
            | local_name!("iframe")
            | local_name!("noembed")
            | local_name!("noframes")
            | local_name!("textarea")
            | local_name!("title")
            | local_name!("plaintext")
            | local_name!("html")
            | local_name!("head")
            | local_name!("body")
            | local_name!("frameset")
    )
}

impl TokenSink for DepthGuard {
    type Handle = NodeId;

    #[inline]
    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<NodeId> {
        if let Token::TagToken(tag) = &token {
            match tag.kind {
                TagKind::StartTag if self.is_full() && !always_passes(&tag.name) => {
                    // A self-closing tag has no end tag to wait for (in
                    // HTML it opens an element all the same, left unclosed).
                    if !tag.self_closing {
                        self.dropped.borrow_mut().push(tag.name.clone());
                    }
                    return TokenSinkResult::Continue;
                }
                TagKind::EndTag if !self.dropped.borrow().is_empty() && self.closes_dropped(&tag.name) => {
                    return TokenSinkResult::Continue;
                }
                _ => {}
            }
        }
        self.builder.process_token(token, line_number)
    }

    fn end(&self) {
        self.builder.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

#[cfg(test)]
mod tests {
    use crate::dom::{parse_whole, Document, Edge, Tag, Walk};

    /// The depth of the deepest node of `doc`.
    fn depth(doc: &Document) -> usize {
        let (mut depth, mut deepest) = (0usize, 0usize);
        doc.walk(doc.root(), |edge| {
            match edge {
                Edge::Open(_) => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                Edge::Close(_) => depth -= 1,
            }
            Walk::Continue
        });
        deepest
    }

    /// All the text of `doc`, in order.
    fn text(doc: &Document) -> String {
        doc.descendants(doc.root())
            .filter_map(|id| doc.text(id))
            .collect()
    }

    fn parse(html: &str, max_depth: usize) -> Document {
        parse_whole(html, usize::MAX, max_depth).expect("no node limit")
    }

    #[test]
    fn deep_nesting_is_flattened_and_keeps_its_text() {
        for (open, close) in [
            ("<div>", "</div>"),
            ("<ul><li>", "</li></ul>"),
            ("<b class=x>", ""),
            ("<p><span>", ""),
        ] {
            let html = format!("{}deep{}<p>after</p>", open.repeat(5_000), close.repeat(5_000));
            let doc = parse(&html, 64);
            assert!(depth(&doc) <= 64 + 2, "{open}: {} levels", depth(&doc));
            assert_eq!(text(&doc), "deepafter", "{open}");
        }
    }

    #[test]
    fn text_at_every_level_stays_in_order() {
        let html: String = (0..1_000).map(|i| format!("<div>{i} ")).collect();
        let doc = parse(&html, 32);
        let expected: String = (0..1_000).map(|i| format!("{i} ")).collect();
        assert_eq!(text(&doc), expected);
    }

    #[test]
    fn end_tags_of_dropped_elements_are_dropped_too() {
        // Were the 100 inner </div>s passed on, they would close the
        // outer div too, and "inside" would land in <body>.
        let html = format!(
            "<div id=outer>{}{}x{}inside{}</div>",
            "<div>".repeat(20),
            "<div>".repeat(100),
            "</div>".repeat(100),
            "</div>".repeat(20)
        );
        let doc = parse(&html, 16);
        let inside = doc
            .descendants(doc.root())
            .find(|&id| doc.text(id).is_some_and(|t| t.contains("inside")))
            .expect("the text is kept");
        let outer = doc
            .ancestors(inside)
            .find(|&a| doc.element(a).and_then(|e| e.attr("id")) == Some("outer"));
        assert!(outer.is_some(), "the text left its container");
    }

    #[test]
    fn raw_text_elements_pass_at_any_depth() {
        let html = format!(
            "{}<script>var a = '<p>not text</p>';</script><p>text</p>",
            "<div>".repeat(100)
        );
        let doc = parse(&html, 16);
        let script = doc
            .descendants(doc.root())
            .find(|&id| doc.tag(id) == Some(Tag::Script));
        let code = script.and_then(|s| doc.first_child(s)).and_then(|c| doc.text(c));
        assert_eq!(code, Some("var a = '<p>not text</p>';"));
        assert!(text(&doc).ends_with("text"));
    }

    #[test]
    fn void_elements_pass_at_any_depth() {
        let html = format!("{}a<br>b<img src=x>", "<div>".repeat(100));
        let doc = parse(&html, 16);
        for tag in [Tag::Br, Tag::Img] {
            assert!(
                doc.descendants(doc.root()).any(|id| doc.tag(id) == Some(tag)),
                "{tag:?}"
            );
        }
    }
}
