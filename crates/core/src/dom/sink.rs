//! html5ever's tree builder writing into our index arena.

use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};
use std::sync::LazyLock;

use html5ever::interface::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::interface::ElemName;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, Tokenizer};
use html5ever::tree_builder::TreeBuilder;
use html5ever::{Attribute, LocalName, Namespace, QualName, TokenizerResult};

use super::depth::DepthGuard;
use super::skip::{Skipper, Unread};
use super::{controls, Document, Element, Name, Node, NodeData, NodeId, Tag};

/// Parses `html`, feeding it in chunks of `chunk` bytes, with the parser's
/// depth held to `max_depth` (see [`super::depth`]) and code and comments
/// kept or skipped (see [`super::skip`]); `None` when the tree grows past
/// `max_nodes`.
pub(super) fn parse(
    html: &str,
    max_nodes: usize,
    max_depth: usize,
    chunk: usize,
    unread: Unread,
) -> Option<Document> {
    let options = super::parse_options();
    // The page in one buffer that the chunks and most text runs are slices
    // of (see `ArenaSink::joined_in_page`); pages too long for a tendril's
    // 32-bit offsets are copied chunk by chunk instead.
    let page = (u32::try_from(html.len()).is_ok()).then(|| StrTendril::from_slice(html));
    let sink = ArenaSink::new(html.len(), controls::page_has_controls(html), page.clone());
    let builder = TreeBuilder::new(sink, options.tree_builder);
    let input = BufferQueue::default();
    let filter = Skipper::new(DepthGuard::new(builder, max_depth), unread, &input);
    let tokenizer = Tokenizer::new(filter, options.tokenizer);
    let arena = |t: &Tokenizer<Skipper>| t.sink.guard.builder.sink.node_count();
    let mut at = 0;
    while at < html.len() {
        let mut end = html.len().min(at + chunk);
        while !html.is_char_boundary(end) {
            end += 1;
        }
        input.push_back(match &page {
            // Both ends are char boundaries.
            #[allow(clippy::cast_possible_truncation)]
            Some(page) => page.subtendril(at as u32, (end - at) as u32),
            None => StrTendril::from_slice(&html[at..end]),
        });
        tokenizer.sink.set_chunk_end(end);
        // As html5ever's own driver: feed until the tokenizer has used all
        // the input (it pauses after each `</script>`).
        while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
        // A skipped script may have ended past this chunk.
        at = tokenizer
            .sink
            .take_resume_at()
            .map_or(end, |resume| resume.max(end));
        if arena(&tokenizer) > max_nodes {
            return None;
        }
    }
    tokenizer.end();
    let doc = tokenizer.sink.guard.builder.sink.finish();
    (doc.nodes.len() <= max_nodes).then_some(doc)
}

/// The tree sink: the arena under construction.
pub(super) struct ArenaSink {
    nodes: RefCell<Vec<Node>>,
    /// The `<script>` elements made so far (see [`Document::scripts`]).
    scripts: RefCell<Vec<NodeId>>,
    quirks_mode: Cell<QuirksMode>,
    /// The page may hold control characters: text runs and attribute
    /// values are checked for them (see [`controls::page_has_controls`]).
    has_controls: bool,
    /// The page, when the parser's input is slices of it.
    page: Option<StrTendril>,
    /// Address and length of the page's bytes (0 and 0 without a page).
    page_base: usize,
    page_len: usize,
}

/// The name handed back for a node that is no element (the tree builder
/// only asks for the names of elements it created).
static NO_NAME: LazyLock<Name> = LazyLock::new(|| Name {
    ns: html5ever::ns!(html),
    local: html5ever::local_name!(""),
});

/// An element's name lent to the tree builder (see [`ArenaSink::elem_name`]).
#[derive(Debug)]
pub(super) struct NameRef<'a>(Ref<'a, Name>);

impl ElemName for NameRef<'_> {
    #[inline(always)]
    fn ns(&self) -> &Namespace {
        &self.0.ns
    }

    #[inline(always)]
    fn local_name(&self) -> &LocalName {
        &self.0.local
    }
}

/// Bytes of HTML per node to size the arena for, low enough that it need not
/// grow (and be copied) on 95% of the corpora's pages: a quarter of them have
/// under 35 bytes per node, one in twenty under 23. Capacity never written to
/// costs no memory.
const BYTES_PER_NODE_ESTIMATE: usize = 20;

impl ArenaSink {
    fn new(html_len: usize, has_controls: bool, page: Option<StrTendril>) -> Self {
        let mut nodes = Vec::with_capacity(html_len / BYTES_PER_NODE_ESTIMATE + 16);
        nodes.push(Node::new(NodeData::Document));
        ArenaSink {
            nodes: RefCell::new(nodes),
            scripts: RefCell::new(Vec::new()),
            quirks_mode: Cell::new(QuirksMode::NoQuirks),
            has_controls,
            page_base: page.as_ref().map_or(0, |p| p.as_ptr() as usize),
            page_len: page.as_ref().map_or(0, |p| p.len()),
            page,
        }
    }

    /// The page the parser's input is cut from, when it fits a tendril.
    pub(super) fn page(&self) -> Option<&StrTendril> {
        self.page.as_ref()
    }

    /// True when the node made last is an `<svg>` element: SVG's root, not
    /// HTML's or MathML's element of that name.
    pub(super) fn made_drawing(&self) -> bool {
        let nodes = self.nodes.borrow();
        matches!(nodes.last().map(|n| &n.data), Some(NodeData::Element(e))
            if e.name.ns == html5ever::ns!(svg) && e.name.local == html5ever::local_name!("svg"))
    }

    /// How many nodes the arena holds.
    pub(super) fn node_count(&self) -> usize {
        self.nodes.borrow().len()
    }

    fn new_node(&self, data: NodeData) -> NodeId {
        let mut nodes = self.nodes.borrow_mut();
        let id = NodeId::from_index(nodes.len());
        nodes.push(Node::new(data));
        id
    }

    /// `text` without control characters (see [`controls`]); as it is when
    /// the page has none.
    #[inline]
    fn clean_text(&self, text: StrTendril) -> StrTendril {
        if self.has_controls {
            controls::clean(text)
        } else {
            text
        }
    }

    /// An attribute value without control characters, in place.
    #[inline]
    fn clean_value(&self, value: &mut StrTendril) {
        if self.has_controls {
            controls::clean_in_place(value);
        }
    }

    /// Appends text to `existing` if it is a text node; true when it did.
    fn merge_text(&self, nodes: &mut [Node], existing: Option<NodeId>, text: &StrTendril) -> bool {
        if let Some(id) = existing {
            if let NodeData::Text(t) = &mut nodes[id.index()].data {
                match self.joined_in_page(t, text) {
                    Some(joined) => *t = joined,
                    None => t.push_tendril(text),
                }
                return true;
            }
        }
        false
    }

    /// `a` followed by `b` as one slice of the page, when the page holds
    /// them side by side and appending would copy. The tokenizer hands text
    /// over in runs that end at every line break, character reference and
    /// tag; the runs are slices of the page, and a line break or a `&` it
    /// hands over on its own (as a short string of its own) still stands
    /// where it was. Appending to a slice of the page copies the whole text
    /// so far into a buffer of its own (a script of 10 kB once per line);
    /// joining shares the page's buffer. `None` leaves it to
    /// `push_tendril`, which extends a slice in place when `b` is the next
    /// slice of the page and appends to a text that is no slice.
    fn joined_in_page(&self, a: &StrTendril, b: &StrTendril) -> Option<StrTendril> {
        /// Longest text compared byte by byte with the page.
        const SHORT: usize = 8;
        let page = self.page.as_ref()?;
        // Where `s` lies in the page, if it is a slice of it (a text that is
        // not shares no memory with the page's buffer).
        let offset = |s: &str| {
            let at = (s.as_ptr() as usize).wrapping_sub(self.page_base);
            (at <= self.page_len && s.len() <= self.page_len - at).then_some(at)
        };
        let page_bytes = str::as_bytes(page);
        let start = match offset(a) {
            Some(at) => {
                let middle = at + a.len();
                if b.len() > SHORT
                    || offset(b) == Some(middle)
                    || page_bytes.get(middle..middle + b.len())? != str::as_bytes(b)
                {
                    return None;
                }
                at
            }
            None if a.len() <= SHORT => {
                let b_at = offset(b)?;
                let at = b_at.checked_sub(a.len())?;
                if page_bytes[at..b_at] != *str::as_bytes(a) {
                    return None;
                }
                at
            }
            None => return None,
        };
        let end = start + a.len() + b.len();
        // In bounds, and made of two whole strings: char boundaries.
        #[allow(clippy::cast_possible_truncation)]
        Some(page.subtendril(start as u32, (end - start) as u32))
    }
}

impl Node {
    fn new(data: NodeData) -> Self {
        Node {
            parent: None,
            first_child: None,
            last_child: None,
            prev_sibling: None,
            next_sibling: None,
            data,
        }
    }
}

/// Unlinks `id` from its parent and siblings.
fn detach(nodes: &mut [Node], id: NodeId) {
    let node = &mut nodes[id.index()];
    let (parent, prev, next) = (
        node.parent.take(),
        node.prev_sibling.take(),
        node.next_sibling.take(),
    );
    match next {
        Some(n) => nodes[n.index()].prev_sibling = prev,
        None => {
            if let Some(p) = parent {
                nodes[p.index()].last_child = prev;
            }
        }
    }
    match prev {
        Some(p) => nodes[p.index()].next_sibling = next,
        None => {
            if let Some(p) = parent {
                nodes[p.index()].first_child = next;
            }
        }
    }
}

/// Makes `child` the last child of `parent`.
fn append_child(nodes: &mut [Node], parent: NodeId, child: NodeId) {
    detach(nodes, child);
    let last = nodes[parent.index()].last_child;
    {
        let c = &mut nodes[child.index()];
        c.parent = Some(parent);
        c.prev_sibling = last;
    }
    match last {
        Some(l) => nodes[l.index()].next_sibling = Some(child),
        None => nodes[parent.index()].first_child = Some(child),
    }
    nodes[parent.index()].last_child = Some(child);
}

/// Inserts `new` just before `sibling`.
fn insert_before(nodes: &mut [Node], sibling: NodeId, new: NodeId) {
    detach(nodes, new);
    let (parent, prev) = {
        let s = &nodes[sibling.index()];
        (s.parent, s.prev_sibling)
    };
    {
        let n = &mut nodes[new.index()];
        n.parent = parent;
        n.prev_sibling = prev;
        n.next_sibling = Some(sibling);
    }
    nodes[sibling.index()].prev_sibling = Some(new);
    match prev {
        Some(p) => nodes[p.index()].next_sibling = Some(new),
        None => {
            if let Some(p) = parent {
                nodes[p.index()].first_child = Some(new);
            }
        }
    }
}

impl TreeSink for ArenaSink {
    type Handle = NodeId;
    type Output = Document;
    type ElemName<'a> = NameRef<'a>;

    fn finish(self) -> Document {
        Document {
            nodes: self.nodes.into_inner(),
            scripts: self.scripts.into_inner(),
        }
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        NodeId::ROOT
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> NameRef<'a> {
        // Lent from the arena: the tree builder reads a name and lets go of
        // it before it changes the tree (cloning the two atoms instead cost
        // 4% of a whole extraction: it asks for the names of the open
        // elements on every scope check).
        NameRef(Ref::map(self.nodes.borrow(), |nodes| {
            match &nodes[target.index()].data {
                NodeData::Element(e) => &e.name,
                _ => &NO_NAME,
            }
        }))
    }

    fn create_element(&self, name: QualName, mut attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        let tag = Tag::of(&name);
        let name = Name {
            ns: name.ns,
            local: name.local,
        };
        for attr in &mut attrs {
            self.clean_value(&mut attr.value);
        }
        let id = self.new_node(NodeData::Element(Element { tag, name, attrs }));
        if tag == Tag::Script {
            self.scripts.borrow_mut().push(id);
        }
        if flags.template {
            // The contents of a <template> live under a detached document
            // node right after the element (see get_template_contents).
            self.new_node(NodeData::Document);
        }
        id
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.new_node(NodeData::Comment)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.new_node(NodeData::ProcessingInstruction)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let mut nodes = self.nodes.borrow_mut();
        match child {
            NodeOrText::AppendText(text) => {
                // Code is never text: scripts and styles, often half the
                // page, are left as they are.
                let code = matches!(&nodes[parent.index()].data,
                    NodeData::Element(e) if matches!(e.tag, Tag::Script | Tag::Style));
                let text = if code { text } else { self.clean_text(text) };
                let last = nodes[parent.index()].last_child;
                if !self.merge_text(&mut nodes, last, &text) {
                    drop(nodes);
                    let id = self.new_node(NodeData::Text(text));
                    append_child(&mut self.nodes.borrow_mut(), *parent, id);
                }
            }
            NodeOrText::AppendNode(node) => append_child(&mut nodes, *parent, node),
        }
    }

    fn append_before_sibling(&self, sibling: &NodeId, child: NodeOrText<NodeId>) {
        let mut nodes = self.nodes.borrow_mut();
        match child {
            NodeOrText::AppendText(text) => {
                let text = self.clean_text(text);
                let prev = nodes[sibling.index()].prev_sibling;
                if !self.merge_text(&mut nodes, prev, &text) {
                    drop(nodes);
                    let id = self.new_node(NodeData::Text(text));
                    insert_before(&mut self.nodes.borrow_mut(), *sibling, id);
                }
            }
            NodeOrText::AppendNode(node) => insert_before(&mut nodes, *sibling, node),
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self.nodes.borrow()[element.index()].parent.is_some();
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _name: StrTendril, _public_id: StrTendril, _system_id: StrTendril) {
        let id = self.new_node(NodeData::Doctype);
        append_child(&mut self.nodes.borrow_mut(), NodeId::ROOT, id);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        NodeId::from_index(target.index() + 1)
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.quirks_mode.set(mode);
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        if let NodeData::Element(e) = &mut nodes[target.index()].data {
            for mut attr in attrs {
                // Every repeated `<body>` or `<html>` tag adds its new
                // attributes here: the cap keeps this check bounded too.
                if e.attrs.len() >= super::attributes::MAX_ATTRIBUTES {
                    break;
                }
                if !e.attrs.iter().any(|a| a.name == attr.name) {
                    self.clean_value(&mut attr.value);
                    e.attrs.push(attr);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut nodes = self.nodes.borrow_mut();
        while let Some(child) = nodes[node.index()].first_child {
            append_child(&mut nodes, *new_parent, child);
        }
    }
}
