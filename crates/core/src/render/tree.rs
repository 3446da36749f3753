//! The kept content as a small tree of allow-listed elements, for the
//! Markdown and HTML serialisers.
//!
//! Two passes over the page:
//!
//! 1. **liveness**: the walk of [`crate::segment::segment`] again, counting
//!    the same positions, so that every text node and `<br>` falls in the
//!    span of the block it went into; those of kept blocks are *live*, and
//!    so are their ancestors. Images (removed from the text by cleaning) are
//!    live when they sit in a kept block, in a figure with a kept caption, or
//!    between two kept blocks without weaker evidence than theirs.
//! 2. **build**: a walk of the live nodes that maps each element to the
//!    allow-list ([`Kind`]) or unwraps it. Wrappers (`div`, `section`,
//!    `span`…) vanish, but a block-level one still ends the paragraph before
//!    it, and text loose in a container becomes a paragraph. Whitespace is
//!    collapsed as a browser does, outside `<pre>`. A data table (cells of
//!    text only) becomes a regular grid; a layout table is unwrapped, as the
//!    plain text reads it.
//!
//! Every traversal is a loop, and the tree is at most [`MAX_NESTING`] deep
//! (deeper structure is unwrapped), so the recursive serialisers and the
//! tree's drop are bounded on any page.

use url::Url;

use super::Page;
use crate::clean::{Cleaned, Removal};
use crate::dom::{self, Document, Edge, NodeData, NodeId, Tag, Walk};
use crate::options::Options;

/// Deepest nesting of elements in the tree; deeper elements are unwrapped.
/// Real content nests lists, quotes and emphasis a few levels at most.
const MAX_NESTING: usize = 48;

/// Widest `colspan` honoured: the HTML standard caps it at 1000, but a data
/// table wider than this is an error of the page.
const MAX_COLSPAN: u32 = 64;

/// Longest `rowspan` honoured (rows below a table's end are not created).
const MAX_ROWSPAN: u32 = 1024;

/// URL schemes allowed in links and images; relative URLs are allowed too.
const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto", "ftp", "tel"];

/// Attributes of lazily loaded images that hold the real source.
const LAZY_SOURCES: &[&str] = &["data-src", "data-lazy-src", "data-original", "data-url"];

/// An allowed element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// The top of the tree (not an element of the output).
    Root,
    /// Paragraph.
    P,
    /// Heading of level 1–6.
    H(u8),
    /// Bulleted list.
    Ul,
    /// Numbered list.
    Ol,
    /// List item.
    Li,
    /// Definition list.
    Dl,
    /// Term of a definition list.
    Dt,
    /// Definition.
    Dd,
    /// Block quote.
    Blockquote,
    /// Preformatted text (one text child, verbatim).
    Pre,
    /// Inline code (text children only).
    Code,
    /// Emphasis.
    Em,
    /// Strong importance.
    Strong,
    /// Bold.
    B,
    /// Italic.
    I,
    /// Data table.
    Table,
    /// Table head.
    Thead,
    /// Table body.
    Tbody,
    /// Table row.
    Tr,
    /// Header cell.
    Th,
    /// Data cell.
    Td,
    /// Table caption.
    Caption,
    /// Figure.
    Figure,
    /// Figure caption.
    Figcaption,
    /// Line break.
    Br,
    /// Link (`url` is its `href`).
    A,
    /// Image (`url` is its `src`).
    Img,
    /// Subscript.
    Sub,
    /// Superscript.
    Sup,
}

impl Kind {
    /// The element's HTML name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Root => "",
            Kind::P => "p",
            Kind::H(1) => "h1",
            Kind::H(2) => "h2",
            Kind::H(3) => "h3",
            Kind::H(4) => "h4",
            Kind::H(5) => "h5",
            Kind::H(_) => "h6",
            Kind::Ul => "ul",
            Kind::Ol => "ol",
            Kind::Li => "li",
            Kind::Dl => "dl",
            Kind::Dt => "dt",
            Kind::Dd => "dd",
            Kind::Blockquote => "blockquote",
            Kind::Pre => "pre",
            Kind::Code => "code",
            Kind::Em => "em",
            Kind::Strong => "strong",
            Kind::B => "b",
            Kind::I => "i",
            Kind::Table => "table",
            Kind::Thead => "thead",
            Kind::Tbody => "tbody",
            Kind::Tr => "tr",
            Kind::Th => "th",
            Kind::Td => "td",
            Kind::Caption => "caption",
            Kind::Figure => "figure",
            Kind::Figcaption => "figcaption",
            Kind::Br => "br",
            Kind::A => "a",
            Kind::Img => "img",
            Kind::Sub => "sub",
            Kind::Sup => "sup",
        }
    }

    /// Phrasing content: runs inside a paragraph.
    pub(crate) fn is_inline(self) -> bool {
        matches!(
            self,
            Kind::Code
                | Kind::Em
                | Kind::Strong
                | Kind::B
                | Kind::I
                | Kind::Br
                | Kind::A
                | Kind::Img
                | Kind::Sub
                | Kind::Sup
        )
    }

    /// Holds blocks (and, for `li` and `dd`, text as well).
    fn holds_blocks(self) -> bool {
        matches!(
            self,
            Kind::Root | Kind::Blockquote | Kind::Figure | Kind::Li | Kind::Dd
        )
    }

    /// Holds only other structure: list items, rows, cells.
    fn is_structure(self) -> bool {
        matches!(
            self,
            Kind::Ul | Kind::Ol | Kind::Dl | Kind::Table | Kind::Thead | Kind::Tbody | Kind::Tr
        )
    }

    /// A block whose content is text (with inline elements).
    fn holds_text(self) -> bool {
        matches!(
            self,
            Kind::P
                | Kind::H(_)
                | Kind::Li
                | Kind::Dt
                | Kind::Dd
                | Kind::Th
                | Kind::Td
                | Kind::Caption
                | Kind::Figcaption
        )
    }
}

/// A node of the tree.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// Text, whitespace collapsed (verbatim in `pre`), entities decoded.
    Text(String),
    /// An allowed element.
    Element(Element),
}

/// An allowed element with the attributes it may keep.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Element {
    /// What it is.
    pub kind: Kind,
    /// The `href` of a link, the `src` of an image: absolute when the page's
    /// URL is known, never of an unsafe scheme.
    pub url: Option<String>,
    /// An image's `alt` text.
    pub alt: Option<String>,
    /// A link's or image's `title`.
    pub title: Option<String>,
    /// The language of a code block (`class="language-x"` or `lang-x`).
    pub lang: Option<String>,
    /// The number of a numbered list's first item.
    pub start: u64,
    /// A cell's `colspan` and `rowspan`, until the table is made a grid.
    span: (u32, u32),
    /// The content.
    pub children: Vec<Node>,
}

impl Element {
    /// An empty element of `kind`.
    fn new(kind: Kind) -> Self {
        Element {
            kind,
            url: None,
            alt: None,
            title: None,
            lang: None,
            start: 1,
            span: (1, 1),
            children: Vec::new(),
        }
    }

    /// The child elements, skipping text.
    pub(crate) fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|c| match c {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The text of the element and its descendants.
    pub(crate) fn text(&self) -> String {
        let mut out = String::new();
        let mut stack: Vec<std::slice::Iter<'_, Node>> = vec![self.children.iter()];
        while let Some(top) = stack.last_mut() {
            match top.next() {
                Some(Node::Text(t)) => out.push_str(t),
                Some(Node::Element(e)) => stack.push(e.children.iter()),
                None => {
                    stack.pop();
                }
            }
        }
        out
    }
}

/// Builds the tree of the blocks marked in `keep`.
pub(crate) fn build(page: &Page<'_>, keep: &[bool], options: &Options) -> Element {
    let live = live_nodes(page, keep, options.images);
    let mut builder = Builder {
        doc: page.doc,
        cleaned: page.cleaned,
        live: &live,
        options,
        base: base_url(page.doc, page.url),
        stack: vec![Frame {
            element: Element::new(Kind::Root),
            node: None,
        }],
        opened: Vec::new(),
        space: false,
        line_start: true,
        pending_break: false,
        last_image: None,
    };
    let doc = page.doc;
    doc.walk(doc.body(), |edge| match edge {
        Edge::Open(id) => builder.open(id),
        Edge::Close(id) => {
            builder.close(id);
            Walk::Continue
        }
    });
    while builder.stack.len() > 1 {
        builder.pop();
    }
    builder
        .stack
        .pop()
        .map(|f| f.element)
        .unwrap_or_else(|| Element::new(Kind::Root))
}

/// Marks the live nodes: the text and `<br>` of kept blocks with their
/// ancestors, and the images that belong to the kept content.
fn live_nodes(page: &Page<'_>, keep: &[bool], images: bool) -> Vec<bool> {
    let (doc, cleaned, blocks) = (page.doc, page.cleaned, page.blocks);
    let mut live = vec![false; doc.len()];
    let mut candidates: Vec<(NodeId, u32)> = Vec::new();
    let mut next_block = 0usize;
    // The same positions as `segment`'s walk (see `Block::span`).
    let mut seq = 0u32;
    let mut kept_at = |pos: u32| -> bool {
        while next_block < blocks.len() && blocks[next_block].span.end <= pos {
            next_block += 1;
        }
        next_block < blocks.len() && blocks[next_block].span.start <= pos && keep[next_block]
    };
    let mut lives: Vec<NodeId> = Vec::new();
    doc.walk(doc.body(), |edge| {
        let Edge::Open(id) = edge else {
            return Walk::Continue;
        };
        let pos = seq;
        seq += 1;
        match doc.data(id) {
            NodeData::Text(_) => {
                if kept_at(pos) && !cleaned.is_removed(id) {
                    lives.push(id);
                }
                Walk::Continue
            }
            NodeData::Element(element) => {
                if cleaned.is_removed(id) {
                    if images
                        && matches!(element.tag, Tag::Img | Tag::Picture)
                        && cleaned.removal[id.index()] == Removal::NeverContent
                        && !crate::semantics::is_hidden(element)
                    {
                        candidates.push((id, pos));
                    }
                    return Walk::SkipChildren;
                }
                // A kept `<br>` is live with its ancestors, even alone in
                // an inline element (`<b><br></b>`).
                if element.tag == Tag::Br && kept_at(pos) {
                    lives.push(id);
                }
                Walk::Continue
            }
            _ => Walk::SkipChildren,
        }
    });
    for id in lives {
        mark_up(doc, &mut live, id);
    }
    for (id, pos) in candidates {
        if image_is_kept(page, keep, &live, id, pos) {
            mark_up(doc, &mut live, id);
        }
    }
    live
}

/// Marks `id` and its ancestors live.
fn mark_up(doc: &Document, live: &mut [bool], id: NodeId) {
    let mut node = Some(id);
    while let Some(n) = node {
        if live[n.index()] {
            return;
        }
        live[n.index()] = true;
        node = doc.parent(n);
    }
}

/// How many levels up an image looks for its figure.
const FIGURE_MAX_DISTANCE: usize = 4;

/// True when the image at walk position `pos` belongs to the kept content:
/// inside a kept block, in a figure with kept text, or between two kept
/// blocks and in no weaker container than theirs (a share bar between two
/// paragraphs is weaker).
fn image_is_kept(page: &Page<'_>, keep: &[bool], live: &[bool], id: NodeId, pos: u32) -> bool {
    let (doc, cleaned, blocks) = (page.doc, page.cleaned, page.blocks);
    if image_source(doc, id).is_none() {
        return false;
    }
    // The first block that ends after the image.
    let next = blocks.partition_point(|b| b.span.end <= pos);
    if next < blocks.len() && blocks[next].span.start <= pos {
        return keep[next];
    }
    if let Some(figure) = doc
        .ancestors(id)
        .take(FIGURE_MAX_DISTANCE)
        .find(|&a| doc.tag(a) == Some(Tag::Figure))
    {
        if live[figure.index()] {
            return true;
        }
    }
    if next == 0 || next >= blocks.len() || !keep[next - 1] || !keep[next] {
        return false;
    }
    let evidence = |b: &crate::segment::Block| cleaned.evidence[b.owner.index()];
    cleaned.evidence[id.index()] >= evidence(&blocks[next - 1]).min(evidence(&blocks[next]))
}

/// The source of an image (`img`, or the `img` of a `picture`): `src`, or
/// where lazy loaders keep it; `None` for tracking pixels and images
/// without one.
fn image_source(doc: &Document, id: NodeId) -> Option<(&dom::Element, &str)> {
    let img = if doc.tag(id) == Some(Tag::Picture) {
        doc.descendants(id).find(|&d| doc.tag(d) == Some(Tag::Img))?
    } else {
        id
    };
    let element = doc.element(img)?;
    let tiny = |name| {
        element
            .attr(name)
            .and_then(|v| v.trim().parse::<u32>().ok())
            .is_some_and(|v| v <= 1)
    };
    if tiny("width") || tiny("height") {
        return None;
    }
    let usable = |v: &&str| {
        let v = v.trim();
        !v.is_empty() && !v.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("data:"))
    };
    let src = element
        .attr("src")
        .filter(usable)
        .or_else(|| LAZY_SOURCES.iter().find_map(|a| element.attr(a).filter(usable)))
        .or_else(|| {
            ["srcset", "data-srcset"]
                .iter()
                .filter_map(|a| element.attr(a))
                .find_map(|set| set.split(',').next()?.split_whitespace().next())
                .filter(usable)
        })?;
    Some((element, src.trim()))
}

/// The base for relative URLs: the page's URL, moved by a `<base href>`.
fn base_url(doc: &Document, page: Option<&str>) -> Option<Url> {
    let page = page.and_then(|p| Url::parse(p.trim()).ok());
    let base_href = doc.head().and_then(|head| {
        doc.descendants(head)
            .filter_map(|d| doc.element(d))
            .find(|e| e.tag == Tag::Base && e.attr("href").is_some())
            .and_then(|e| e.attr("href"))
    });
    let web = |url: &Url| matches!(url.scheme(), "http" | "https");
    match (page, base_href) {
        (Some(page), Some(href)) => page.join(href.trim()).ok().filter(web).or(Some(page)),
        (None, Some(href)) => Url::parse(href.trim()).ok(),
        (page, None) => page,
    }
    .filter(web)
}

/// `raw` as a safe URL: resolved against `base` when there is one; `None`
/// when empty or of a scheme not in [`SAFE_SCHEMES`] (`javascript:`,
/// `data:`, `vbscript:`…).
pub(crate) fn safe_url(raw: &str, base: Option<&Url>) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let absolute = match base {
        Some(base) => base.join(raw),
        None => Url::parse(raw),
    };
    match absolute {
        Ok(url) => SAFE_SCHEMES.contains(&url.scheme()).then(|| url.to_string()),
        // Relative, with no base to resolve it: kept as it is, without the
        // tabs and line breaks that browsers ignore.
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            Some(raw.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect())
        }
        Err(_) => None,
    }
}

/// The language of a code block from a `language-x` / `lang-x` class or a
/// `data-lang` attribute of the `pre` or of its `code`.
fn code_language(doc: &Document, pre: NodeId) -> Option<String> {
    let code = doc
        .children(pre)
        .find(|&c| doc.element(c).is_some())
        .filter(|&c| doc.tag(c) == Some(Tag::Code));
    [Some(pre), code].into_iter().flatten().find_map(|id| {
        let element = doc.element(id)?;
        let from_class = element.attr("class").and_then(|classes| {
            classes.split_ascii_whitespace().find_map(|c| {
                c.strip_prefix("language-")
                    .or_else(|| c.strip_prefix("lang-"))
                    .map(str::to_owned)
            })
        });
        from_class
            .or_else(|| element.attr("data-lang").map(|l| l.trim().to_owned()))
            .filter(|l| !l.is_empty() && l.len() <= 40)
            .filter(|l| l.chars().all(|c| c.is_alphanumeric() || "+-#._".contains(c)))
    })
}

/// True for a table whose live cells hold text, in paragraphs and `div`s
/// at most: a data table. A table with other tables, lists, headings,
/// quotes, code or sections in its cells lays a page out.
fn is_data_table(doc: &Document, live: &[bool], table: NodeId) -> bool {
    doc.descendants(table).skip(1).all(|d| {
        !live[d.index()]
            || match doc.tag(d) {
                Some(Tag::Table) => false,
                Some(tag) => !tag.is_block() || is_cell_block(tag),
                None => true,
            }
    })
}

/// Block elements a data table may have: its parts, and the paragraphs and
/// wrappers a cell may hold (read as lines of the cell).
fn is_cell_block(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Caption
            | Tag::Thead
            | Tag::Tbody
            | Tag::Tfoot
            | Tag::Tr
            | Tag::Td
            | Tag::Th
            | Tag::P
            | Tag::Div
            | Tag::Center
            | Tag::Address
            | Tag::Hr
    )
}

/// An element being built, and the DOM node it comes from (`None` when the
/// builder made it up: a paragraph around loose text, an item around a
/// nested list…).
struct Frame {
    element: Element,
    node: Option<NodeId>,
}

/// The state of the build walk.
struct Builder<'a> {
    doc: &'a Document,
    cleaned: &'a Cleaned,
    live: &'a [bool],
    options: &'a Options,
    base: Option<Url>,
    /// The open elements, the root first.
    stack: Vec<Frame>,
    /// For every element open in the walk: the stack depth of the frame it
    /// opened, if any.
    opened: Vec<Option<usize>>,
    /// Whitespace seen since the last visible character.
    space: bool,
    /// Nothing visible on the current line of the current block yet.
    line_start: bool,
    /// A block boundary inside a text block: the next text starts a line.
    pending_break: bool,
    /// The source of the last image, to skip its `<noscript>` duplicate.
    last_image: Option<String>,
}

impl Builder<'_> {
    /// Handles the opening edge of node `id`.
    fn open(&mut self, id: NodeId) -> Walk {
        let doc = self.doc;
        match doc.data(id) {
            NodeData::Text(text) => {
                if self.live[id.index()] {
                    self.text(text);
                }
                Walk::Continue
            }
            NodeData::Element(element) => {
                if element.tag == Tag::Table
                    && !self.options.tables
                    && self.live[id.index()]
                    && !self.in_verbatim()
                    && is_data_table(doc, self.live, id)
                {
                    self.opened.push(None);
                    self.boundary();
                    return Walk::SkipChildren;
                }
                let frame = self.element(id, element);
                self.opened.push(frame);
                if self.live[id.index()] && !matches!(element.tag, Tag::Img | Tag::Picture) {
                    Walk::Continue
                } else {
                    Walk::SkipChildren
                }
            }
            _ => Walk::SkipChildren,
        }
    }

    /// Handles the closing edge of node `id`.
    fn close(&mut self, id: NodeId) {
        let Some(element) = self.doc.element(id) else {
            return;
        };
        match self.opened.pop().flatten() {
            Some(depth) if self.stack.len() > depth && self.stack[depth].node == Some(id) => {
                while self.stack.len() > depth {
                    self.pop();
                }
            }
            _ => {
                if self.live[id.index()] && element.tag.is_block() {
                    self.boundary();
                }
            }
        }
    }

    /// Handles an element's opening; returns the depth of the frame it
    /// pushed, if any.
    fn element(&mut self, id: NodeId, element: &dom::Element) -> Option<usize> {
        let tag = element.tag;
        if !self.live[id.index()] {
            if matches!(tag, Tag::Td | Tag::Th) && self.top().kind == Kind::Tr {
                // A dropped cell of a kept row still holds its place.
                self.push(if tag == Tag::Th { Kind::Th } else { Kind::Td }, Some(id));
                self.pop();
            } else if tag.is_block() && !self.cleaned.is_removed(id) && !self.in_verbatim() {
                // A dropped block still parts the kept text around it, as
                // it parts the blocks.
                self.boundary();
            }
            return None;
        }
        if matches!(tag, Tag::Img | Tag::Picture) {
            self.image(id);
            return None;
        }
        if self.in_verbatim() {
            if tag == Tag::Br {
                self.verbatim("\n");
            }
            return None;
        }
        if self.in_code() {
            if tag == Tag::Br {
                self.space = true;
            }
            return None;
        }
        if tag == Tag::Br {
            self.line_break();
            return None;
        }
        let kind = self.kind_of(id, element)?;
        if self.stack.len() >= MAX_NESTING {
            if tag.is_block() {
                self.boundary();
            }
            return None;
        }
        if kind.is_inline() {
            self.inline_parent();
            self.flush_space_and_break();
        } else {
            self.prepare(kind);
        }
        let depth = self.stack.len();
        self.push(kind, Some(id));
        let frame = &mut self.stack[depth].element;
        match kind {
            Kind::A => {
                frame.url = element.attr("href").and_then(|h| safe_url(h, self.base.as_ref()));
                frame.title = non_empty(element.attr("title"));
            }
            Kind::Ol => {
                frame.start = element
                    .attr("start")
                    .and_then(|s| s.trim().parse::<i64>().ok())
                    .map_or(1, |s| s.clamp(0, 999_999_999) as u64);
            }
            Kind::Pre => frame.lang = code_language(self.doc, id),
            Kind::Td | Kind::Th => {
                let span = |name, max| {
                    element
                        .attr(name)
                        .and_then(|v| v.trim().parse::<u32>().ok())
                        .map_or(1, |v: u32| v.clamp(1, max))
                };
                frame.span = (span("colspan", MAX_COLSPAN), span("rowspan", MAX_ROWSPAN));
            }
            _ => {}
        }
        Some(depth)
    }

    /// The allowed kind of element `id`, or `None` to unwrap it (a block
    /// wrapper still ends the paragraph before it).
    fn kind_of(&mut self, id: NodeId, element: &dom::Element) -> Option<Kind> {
        let in_table = |b: &Self| b.in_data_table();
        if element.tag.is_block()
            && !matches!(
                element.tag,
                Tag::Caption | Tag::Thead | Tag::Tbody | Tag::Tfoot | Tag::Tr | Tag::Td | Tag::Th
            )
            && self.in_data_table()
        {
            // A paragraph or wrapper in a cell: a new line of the cell.
            self.boundary();
            return None;
        }
        let kind = match element.tag {
            Tag::P => Some(Kind::P),
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 => {
                element.tag.heading_level().map(Kind::H)
            }
            Tag::Ul | Tag::Menu => Some(Kind::Ul),
            Tag::Ol => Some(Kind::Ol),
            Tag::Li => Some(Kind::Li),
            Tag::Dl => Some(Kind::Dl),
            Tag::Dt => Some(Kind::Dt),
            Tag::Dd => Some(Kind::Dd),
            Tag::Blockquote => Some(Kind::Blockquote),
            Tag::Pre => Some(Kind::Pre),
            Tag::Code | Tag::Kbd | Tag::Samp | Tag::Tt => Some(Kind::Code),
            Tag::Em => Some(Kind::Em),
            Tag::Strong => Some(Kind::Strong),
            Tag::B => Some(Kind::B),
            Tag::I => Some(Kind::I),
            Tag::Sub => Some(Kind::Sub),
            Tag::Sup => Some(Kind::Sup),
            Tag::Figure => Some(Kind::Figure),
            Tag::Figcaption if self.container() == Kind::Figure => Some(Kind::Figcaption),
            Tag::Figcaption => Some(Kind::P),
            Tag::A => (self.options.links
                && !self.stack.iter().any(|f| f.element.kind == Kind::A)
                && element
                    .attr("href")
                    .and_then(|h| safe_url(h, self.base.as_ref()))
                    .is_some())
            .then_some(Kind::A),
            Tag::Table => is_data_table(self.doc, self.live, id).then_some(Kind::Table),
            Tag::Caption if self.container() == Kind::Table => Some(Kind::Caption),
            Tag::Thead if in_table(self) => Some(Kind::Thead),
            Tag::Tbody | Tag::Tfoot if in_table(self) => Some(Kind::Tbody),
            Tag::Tr if in_table(self) => Some(Kind::Tr),
            Tag::Td if in_table(self) => Some(Kind::Td),
            Tag::Th if in_table(self) => Some(Kind::Th),
            _ => None,
        };
        if kind.is_none() && element.tag.is_block() {
            self.boundary();
        }
        kind
    }

    /// The current innermost element.
    fn top(&self) -> &Element {
        &self.stack[self.stack.len() - 1].element
    }

    /// The kind of the innermost element that is neither inline nor a
    /// paragraph the builder made up.
    fn container(&self) -> Kind {
        self.stack
            .iter()
            .rev()
            .map(|f| (f.element.kind, f.node))
            .find(|&(kind, node)| !(kind.is_inline() || kind == Kind::P && node.is_none()))
            .map_or(Kind::Root, |(kind, _)| kind)
    }

    /// True inside a data table's structure (cells hold no blocks, so the
    /// innermost table part is nearer than any block).
    fn in_data_table(&self) -> bool {
        self.stack
            .iter()
            .rev()
            .map(|f| f.element.kind)
            .find(|k| {
                matches!(
                    k,
                    Kind::Table | Kind::Thead | Kind::Tbody | Kind::Tr | Kind::Td | Kind::Th | Kind::Caption
                ) || k.holds_blocks()
                    || k.is_structure()
            })
            .is_some_and(|k| !k.holds_blocks() && !matches!(k, Kind::Ul | Kind::Ol | Kind::Dl))
    }

    /// True inside a `pre`: text is kept verbatim.
    fn in_verbatim(&self) -> bool {
        self.stack.iter().rev().any(|f| f.element.kind == Kind::Pre)
    }

    /// True inside inline code: elements are unwrapped.
    fn in_code(&self) -> bool {
        self.top().kind == Kind::Code
    }

    /// Opens a new element of `kind` from node `node`.
    fn push(&mut self, kind: Kind, node: Option<NodeId>) {
        if !kind.is_inline() {
            self.new_line();
        }
        self.stack.push(Frame {
            element: Element::new(kind),
            node,
        });
    }

    /// Closes the innermost element: tidies it and adds it to its parent
    /// unless it came out empty.
    fn pop(&mut self) {
        if self.stack.len() <= 1 {
            return;
        }
        let Some(Frame { mut element, .. }) = self.stack.pop() else {
            return;
        };
        if !element.kind.is_inline() {
            self.new_line();
        }
        match element.kind {
            Kind::Pre => {
                let text = element.text();
                let text = text.trim_matches('\n').trim_end();
                element.children = vec![Node::Text(text.to_owned())];
                if text.is_empty() {
                    return;
                }
            }
            Kind::Table => make_grid(&mut element),
            kind if kind.holds_text() || kind.holds_blocks() => trim_end(&mut element.children),
            // A space at the end of an inline element goes after it:
            // `<b>Note: </b>x` is `<b>Note:</b> x`.
            Kind::Em | Kind::Strong | Kind::B | Kind::I | Kind::A | Kind::Sub | Kind::Sup | Kind::Code => {
                if let Some(Node::Text(t)) = element.children.last_mut() {
                    if t.ends_with(' ') {
                        t.truncate(t.trim_end().len());
                        self.space = true;
                        if t.is_empty() {
                            element.children.pop();
                        }
                    }
                }
            }
            _ => {}
        }
        let keep_empty = matches!(element.kind, Kind::Td | Kind::Th | Kind::Br | Kind::Img);
        if element.children.is_empty() && !keep_empty {
            return;
        }
        if let Some(parent) = self.stack.last_mut() {
            parent.element.children.push(Node::Element(element));
        }
    }

    /// A block began or ended: the next text starts a new line.
    fn new_line(&mut self) {
        self.space = false;
        self.line_start = true;
        self.pending_break = false;
    }

    /// Gets the stack ready for a new block of `kind`: closes the text
    /// around it and opens the list or item it needs.
    fn prepare(&mut self, kind: Kind) {
        // Close what cannot hold the new element.
        while self.stack.len() > 1 {
            let top = self.top().kind;
            let fits = match kind {
                Kind::Li => matches!(top, Kind::Ul | Kind::Ol) || top.holds_blocks(),
                Kind::Dt | Kind::Dd => top == Kind::Dl || top.holds_blocks(),
                Kind::Thead | Kind::Tbody | Kind::Caption => top == Kind::Table,
                Kind::Tr => matches!(top, Kind::Table | Kind::Thead | Kind::Tbody),
                Kind::Td | Kind::Th => top == Kind::Tr,
                _ => top.holds_blocks() || matches!(top, Kind::Ul | Kind::Ol | Kind::Dl),
            };
            // An item opened by the builder gives way to the next real one.
            let made_up_item = matches!(top, Kind::Li | Kind::Dd | Kind::Dt | Kind::Tr)
                && self.stack[self.stack.len() - 1].node.is_none()
                && matches!(kind, Kind::Li | Kind::Dt | Kind::Dd | Kind::Tr);
            if fits && !made_up_item {
                break;
            }
            self.pop();
        }
        let top = self.top().kind;
        match kind {
            Kind::Li if !matches!(top, Kind::Ul | Kind::Ol) => self.push(Kind::Ul, None),
            Kind::Dt | Kind::Dd if top != Kind::Dl => self.push(Kind::Dl, None),
            Kind::Td | Kind::Th if top != Kind::Tr => self.push(Kind::Tr, None),
            Kind::Li | Kind::Dt | Kind::Dd | Kind::Td | Kind::Th => {}
            Kind::Tr | Kind::Thead | Kind::Tbody | Kind::Caption => {}
            // A block directly in a list goes into its last item (a nested
            // list written after the `</li>`) or a new one.
            _ if matches!(top, Kind::Ul | Kind::Ol) => self.reopen_or_push(Kind::Li),
            _ if top == Kind::Dl => self.reopen_or_push(Kind::Dd),
            _ => {}
        }
    }

    /// Reopens the innermost element's last child if it is a `kind`, else
    /// opens a new one.
    fn reopen_or_push(&mut self, kind: Kind) {
        let top = &mut self.stack.last_mut().expect("the root is never popped").element;
        if let Some(Node::Element(last)) = top.children.last() {
            if last.kind == kind {
                if let Some(Node::Element(element)) = top.children.pop() {
                    self.stack.push(Frame { element, node: None });
                    self.new_line();
                    return;
                }
            }
        }
        self.push(kind, None);
    }

    /// Makes the innermost element one that holds text: opens a paragraph
    /// for text loose in a container, an item for text loose in a list.
    fn inline_parent(&mut self) {
        loop {
            let top = self.top().kind;
            if top.holds_text() || top.is_inline() || top == Kind::Pre {
                return;
            }
            match top {
                Kind::Ul | Kind::Ol => self.push(Kind::Li, None),
                Kind::Dl => self.push(Kind::Dd, None),
                Kind::Table | Kind::Thead | Kind::Tbody => self.push(Kind::Tr, None),
                Kind::Tr => self.push(Kind::Td, None),
                _ => self.push(Kind::P, None),
            }
        }
    }

    /// A block-level wrapper began or ended: ends the paragraph, or, inside
    /// a block of text (a heading, an item), starts a new line.
    fn boundary(&mut self) {
        for depth in (1..self.stack.len()).rev() {
            let frame = &self.stack[depth];
            let kind = frame.element.kind;
            if kind.is_inline() || (kind == Kind::P && frame.node.is_none()) {
                continue;
            }
            if kind == Kind::Pre {
                return;
            }
            if kind.holds_blocks() || kind.is_structure() {
                while self.stack.len() > depth + 1 {
                    self.pop();
                }
            }
            self.pending_break = true;
            return;
        }
        while self.stack.len() > 1 {
            self.pop();
        }
    }

    /// Text from a live text node.
    fn text(&mut self, text: &str) {
        if self.in_verbatim() {
            self.verbatim(text);
            return;
        }
        for c in text.chars() {
            if c.is_whitespace() {
                self.space = true;
                continue;
            }
            self.inline_parent();
            self.flush_space_and_break();
            self.line_start = false;
            push_text(&mut self.stack.last_mut().expect("root").element, c);
        }
    }

    /// Text inside `pre`, kept as it is.
    fn verbatim(&mut self, text: &str) {
        let pre = self
            .stack
            .iter_mut()
            .rev()
            .find(|f| f.element.kind == Kind::Pre)
            .map(|f| &mut f.element);
        if let Some(pre) = pre {
            match pre.children.last_mut() {
                Some(Node::Text(t)) => t.push_str(text),
                _ => pre.children.push(Node::Text(text.to_owned())),
            }
        }
    }

    /// Writes the pending line break or space before the next visible
    /// content, outside any inline element that has not started yet (so
    /// that `a <em> b</em>` is `a <em>b</em>`, not `a<em> b</em>`).
    fn flush_space_and_break(&mut self) {
        if self.line_start {
            self.space = false;
            self.pending_break = false;
            return;
        }
        if !self.pending_break && !self.space {
            return;
        }
        let mut depth = self.stack.len() - 1;
        while depth > 1
            && self.stack[depth].element.kind.is_inline()
            && self.stack[depth].element.children.is_empty()
        {
            depth -= 1;
        }
        let target = &mut self.stack[depth].element;
        if self.pending_break {
            target.children.push(Node::Element(Element::new(Kind::Br)));
            self.line_start = true;
        } else if !matches!(target.children.last(), Some(Node::Text(t)) if t.ends_with(' ')) {
            push_text(target, ' ');
        }
        self.space = false;
        self.pending_break = false;
    }

    /// A `<br>` in a kept block.
    fn line_break(&mut self) {
        if !self.line_start {
            self.pending_break = true;
        }
        self.space = false;
    }

    /// A live image or picture.
    fn image(&mut self, id: NodeId) {
        if !self.options.images || self.in_verbatim() || self.in_code() {
            return;
        }
        let Some((img, src)) = image_source(self.doc, id) else {
            return;
        };
        let Some(url) = safe_url(src, self.base.as_ref()) else {
            return;
        };
        if self.last_image.as_deref() == Some(url.as_str()) {
            return;
        }
        self.last_image = Some(url.clone());
        if self.stack.len() >= MAX_NESTING {
            return;
        }
        if self.top().kind != Kind::Figure {
            self.inline_parent();
        }
        self.flush_space_and_break();
        let mut element = Element::new(Kind::Img);
        element.url = Some(url);
        element.alt = img.attr("alt").map(collapse_whitespace);
        element.title = non_empty(img.attr("title"));
        if let Some(top) = self.stack.last_mut() {
            top.element.children.push(Node::Element(element));
        }
        self.line_start = false;
    }
}

/// Appends one character of text to `element`.
fn push_text(element: &mut Element, c: char) {
    match element.children.last_mut() {
        Some(Node::Text(t)) => t.push(c),
        _ => element.children.push(Node::Text(c.to_string())),
    }
}

/// An attribute value, whitespace collapsed, unless empty.
fn non_empty(value: Option<&str>) -> Option<String> {
    value.map(collapse_whitespace).filter(|v| !v.is_empty())
}

/// `text` with runs of whitespace as one space, trimmed.
fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Removes trailing line breaks, spaces and empty inline elements.
fn trim_end(children: &mut Vec<Node>) {
    loop {
        match children.last_mut() {
            Some(Node::Text(t)) => {
                let len = t.trim_end().len();
                t.truncate(len);
                if !t.is_empty() {
                    return;
                }
            }
            Some(Node::Element(e)) if e.kind == Kind::Br => {}
            Some(Node::Element(e)) if e.kind.is_inline() && e.kind != Kind::Img => {
                if !e.children.is_empty() {
                    // Cannot borrow into it and pop it in one pass: trim
                    // inside first, and drop it below if it came out empty.
                    trim_end(&mut e.children);
                    if !e.children.is_empty() {
                        return;
                    }
                }
            }
            _ => return,
        }
        children.pop();
    }
}

/// Makes a table a regular grid: every `colspan` and `rowspan` becomes
/// empty cells, so that every row has its cells in their columns.
fn make_grid(table: &mut Element) {
    // Columns still covered by a cell above, with how many rows they last.
    let mut covered: Vec<u32> = Vec::new();
    let mut rows: Vec<&mut Element> = Vec::new();
    for child in table.children.iter_mut() {
        let Node::Element(e) = child else { continue };
        match e.kind {
            Kind::Tr => rows.push(e),
            Kind::Thead | Kind::Tbody => rows.extend(e.children.iter_mut().filter_map(|c| match c {
                Node::Element(r) if r.kind == Kind::Tr => Some(r),
                _ => None,
            })),
            _ => {}
        }
    }
    for row in rows {
        let cells = std::mem::take(&mut row.children);
        let mut column = 0usize;
        let skip_covered = |row: &mut Element, column: &mut usize, covered: &mut Vec<u32>| {
            while *column < covered.len() && covered[*column] > 0 {
                covered[*column] -= 1;
                row.children.push(Node::Element(Element::new(Kind::Td)));
                *column += 1;
            }
        };
        for cell in cells {
            let Node::Element(mut cell) = cell else { continue };
            skip_covered(row, &mut column, &mut covered);
            let (colspan, rowspan) = cell.span;
            cell.span = (1, 1);
            let kind = cell.kind;
            row.children.push(Node::Element(cell));
            for c in column..column + colspan as usize {
                if c >= covered.len() {
                    covered.resize(c + 1, 0);
                }
                covered[c] = rowspan - 1;
                if c > column {
                    row.children.push(Node::Element(Element::new(kind)));
                }
            }
            column += colspan as usize;
        }
        skip_covered(row, &mut column, &mut covered);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_urls_are_refused() {
        let base = Url::parse("https://example.org/a/b.html").ok();
        let base = base.as_ref();
        assert_eq!(safe_url("javascript:alert(1)", base), None);
        assert_eq!(safe_url(" JaVa\tScRiPt:alert(1)", base), None);
        assert_eq!(safe_url("java\nscript:alert(1)", None), None);
        assert_eq!(safe_url("vbscript:x", None), None);
        assert_eq!(safe_url("data:text/html,<script>", base), None);
        assert_eq!(safe_url("", base), None);
        assert_eq!(
            safe_url("c.html", base).as_deref(),
            Some("https://example.org/a/c.html")
        );
        assert_eq!(safe_url("/c", base).as_deref(), Some("https://example.org/c"));
        assert_eq!(
            safe_url("#note", base).as_deref(),
            Some("https://example.org/a/b.html#note")
        );
        assert_eq!(safe_url("c.html", None).as_deref(), Some("c.html"));
        assert_eq!(
            safe_url("mailto:a@example.org", None).as_deref(),
            Some("mailto:a@example.org")
        );
    }
}
