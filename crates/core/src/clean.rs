//! Stage 3, clean: rule out what can never be content and weigh the rest.
//!
//! Two kinds of judgement, kept apart on purpose:
//! - **removal**, for what is never main content whatever the page: scripts,
//!   styles, embedded media and widgets (social posts' placeholders too),
//!   form controls, poll and rating forms, elements hidden from the reader,
//!   and markup saved as text. Their subtrees (or the text node) are skipped
//!   by the later stages;
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
    /// An element that never holds main content (script, form control, a
    /// poll or rating form: see [`POLL_MAX_CHARS`]), or a text node of
    /// escaped markup (see [`is_escaped_markup`]).
    NeverContent,
    /// An element hidden from the reader.
    Hidden,
}

/// Per-node results of cleaning, indexed by [`NodeId::index`].
#[derive(Debug)]
pub(crate) struct Cleaned {
    /// Whether and why each node's subtree is removed.
    pub removal: Vec<Removal>,
    /// The evidence of the node's position: its own element's evidence
    /// plus [`EVIDENCE_DECAY`] times its parent's. The nearest named
    /// container speaks loudest, nested menus do not add up without bound
    /// (the sum stays within twice one signal), and a content wrapper inside
    /// a chrome-named one (or the reverse) weighs against it.
    pub evidence: Vec<f32>,
    /// The node is inside a comment section.
    pub in_comments: Vec<bool>,
    /// The node is inside customer reviews (a kind of comment section).
    pub in_reviews: Vec<bool>,
}

/// Share of a named container's evidence that its parent's evidence adds.
const EVIDENCE_DECAY: f32 = 0.5;

/// Elements whose subtree is never main content. `<noscript>` is not one:
/// the page is parsed as a browser without scripts sees it, and some sites
/// (forums, single-page apps) serve their text to crawlers only there.
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

/// How many times the page's visible text a hidden element must hold to be
/// taken as shown: shops and apps hide the whole page in a wrapper until
/// their scripts have run (`display: none` on a `defer-block`), and a page
/// never hides most of its own text for good.
const HIDDEN_WRAPPER_RATIO: usize = 2;

/// Cleans `doc`: see the module doc. A hidden element that holds most of
/// the page's text is shown (see [`HIDDEN_WRAPPER_RATIO`]): the cleaning
/// walk measures the visible and hidden text as it goes, and a page with
/// such a wrapper is cleaned again, showing it.
pub(crate) fn clean(doc: &Document) -> Cleaned {
    let (first, wrapper) = clean_showing(doc, None);
    match wrapper {
        Some(wrapper) => clean_showing(doc, Some(wrapper)).0,
        None => first,
    }
}

/// The characters of text under `top`, outside scripts, styles and the
/// other elements that are never content, counted until they pass `limit`:
/// the walk then stops descending, so a poll's check of its page-sized
/// ancestor costs little (`usize::MAX` counts them all).
fn text_chars(doc: &Document, top: NodeId, limit: usize) -> usize {
    let mut chars = 0;
    doc.walk(top, |edge| {
        let Edge::Open(id) = edge else {
            return Walk::Continue;
        };
        if chars > limit {
            return Walk::SkipChildren;
        }
        match doc.data(id) {
            NodeData::Text(t) => chars += t.trim().len(),
            NodeData::Element(e) if never_content(e.tag) => return Walk::SkipChildren,
            _ => {}
        }
        Walk::Continue
    });
    chars
}

/// Most characters of text in a `<form>` with radio buttons for it to be a
/// poll or a rating widget ("QuickVote: Can looting be defended? Yes / No",
/// "Recommend it: Not at all … Very highly"): a question and its choices
/// are a line or two, while a page-wide ASP.NET form with a radio button in
/// its search box holds the whole page.
const POLL_MAX_CHARS: usize = 400;

/// True for an `<input type="radio">`.
fn is_radio(element: &crate::dom::Element) -> bool {
    element.tag == Tag::Input
        && element
            .attr("type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("radio"))
}

/// Cleans `doc`, taking `shown` (a hidden wrapper) as visible; with the
/// hidden element under `<body>` holding [`HIDDEN_WRAPPER_RATIO`] times the
/// body's visible text, if there is one (the first of the largest).
fn clean_showing(doc: &Document, shown: Option<NodeId>) -> (Cleaned, Option<NodeId>) {
    let n = doc.len();
    let mut cleaned = Cleaned {
        removal: vec![Removal::Kept; n],
        evidence: vec![0.0; n],
        in_comments: vec![false; n],
        in_reviews: vec![false; n],
    };
    let mut in_thread = vec![false; n];
    in_thread[doc.root().index()] = page_declares_thread(doc);
    let mut in_forum = vec![false; n];
    let mut names = semantics::NameCache::default();
    // Forms holding radio buttons: polls and ratings if they are short.
    let mut choice_forms: Vec<NodeId> = Vec::new();
    let body = doc.body();
    let mut in_body = false;
    // The trimmed text of the body's visible text nodes, and its largest
    // hidden element with the text under it.
    let mut visible = 0;
    let mut hidden: Option<(NodeId, usize)> = None;
    doc.walk(doc.root(), |edge| {
        let id = match edge {
            Edge::Open(id) => id,
            Edge::Close(id) => {
                in_body &= id != body;
                return Walk::Continue;
            }
        };
        in_body |= id == body;
        let i = id.index();
        let mut parent_evidence = 0.0;
        if let Some(p) = doc.parent(id) {
            parent_evidence = cleaned.evidence[p.index()];
            cleaned.in_comments[i] = cleaned.in_comments[p.index()];
            cleaned.in_reviews[i] = cleaned.in_reviews[p.index()];
            in_thread[i] = in_thread[p.index()];
            in_forum[i] = in_forum[p.index()];
        }
        cleaned.evidence[i] = parent_evidence;
        let element = match doc.data(id) {
            NodeData::Element(element) => element,
            NodeData::Text(text) => {
                if is_escaped_markup(doc, id, text) {
                    cleaned.removal[i] = Removal::NeverContent;
                } else if in_body {
                    visible += trimmed_len(text);
                }
                return Walk::Continue;
            }
            _ => return Walk::Continue,
        };
        if semantics::is_social_embed(element) {
            cleaned.removal[i] = Removal::NeverContent;
            return Walk::SkipChildren;
        }
        if never_content(element.tag) {
            if is_radio(element) {
                if let Some(form) = doc.ancestors(id).find(|&a| doc.tag(a) == Some(Tag::Form)) {
                    if !choice_forms.contains(&form) {
                        choice_forms.push(form);
                    }
                }
            }
            cleaned.removal[i] = Removal::NeverContent;
            return Walk::SkipChildren;
        }
        if (semantics::is_hidden(element) && shown != Some(id))
            || semantics::is_decoration(element, &mut names)
        {
            cleaned.removal[i] = Removal::Hidden;
            if in_body {
                let chars = text_chars(doc, id, usize::MAX);
                if hidden.is_none_or(|(_, c)| chars > c) {
                    hidden = Some((id, chars));
                }
            }
            return Walk::SkipChildren;
        }
        // The classes of <html> and <body> describe the page (WordPress puts
        // `has-sidebar` or `single-post` there), not where its parts are.
        if !matches!(element.tag, Tag::Html | Tag::Body) {
            in_thread[i] |= semantics::starts_thread(element);
            let own = semantics::evidence(element, in_thread[i], in_forum[i], &mut names);
            // An element that says nothing passes its parent's evidence on
            // undiminished: only named containers fade the signal.
            if own.chrome != 0.0 || own.content != 0.0 {
                cleaned.evidence[i] = own.chrome + own.content + EVIDENCE_DECAY * parent_evidence;
            }
            cleaned.in_comments[i] |= own.comment;
            cleaned.in_reviews[i] |= own.reviews;
            in_forum[i] |= own.thread;
        }
        Walk::Continue
    });
    // A poll or rating form asks the reader a question; its choices are
    // controls, not text (see [`POLL_MAX_CHARS`]). The box around it (its
    // "QuickVote" title, the average rating) goes too, as far up as the
    // text stays that short.
    for form in choice_forms {
        if text_chars(doc, form, POLL_MAX_CHARS) > POLL_MAX_CHARS {
            continue;
        }
        let mut poll = form;
        while let Some(p) = doc.parent(poll) {
            if p == body || doc.element(p).is_none() || text_chars(doc, p, POLL_MAX_CHARS) > POLL_MAX_CHARS {
                break;
            }
            poll = p;
        }
        cleaned.removal[poll.index()] = Removal::NeverContent;
    }
    let wrapper = hidden
        .filter(|&(_, chars)| chars > HIDDEN_WRAPPER_RATIO * visible)
        .map(|(id, _)| id);
    (cleaned, wrapper)
}

/// True when the page's JSON-LD declares it a discussion thread (see
/// [`semantics::json_ld_declares_thread`]). Forum engines mark each reply up
/// as a `Comment`, outside any thread element, and say what the page is
/// only in the JSON-LD, wherever in the page it is.
///
/// Asks the scripts the parser noted, not every node of the page.
pub(crate) fn page_declares_thread(doc: &Document) -> bool {
    doc.scripts().iter().any(|&id| {
        doc.element(id).is_some_and(crate::metadata::is_json_ld_script)
            && doc
                .children(id)
                .any(|c| doc.text(c).is_some_and(semantics::json_ld_declares_thread))
            && doc.in_tree(id)
    })
}

/// The length of `text.trim()`, with the ASCII whitespace around it (the
/// page's indentation, most of what there is to trim) taken off byte by
/// byte first: ASCII whitespace is whitespace, so what `trim` takes off
/// after it is what it would have taken off whole.
fn trimmed_len(text: &str) -> usize {
    text.trim_ascii().trim().len()
}

/// True for markup saved as text inside `<noscript>`: a page serialised by a
/// browser with scripts on keeps its `<noscript>` content as escaped text
/// (`&lt;img …&gt;`), which is code, not prose.
fn is_escaped_markup(doc: &Document, id: NodeId, text: &str) -> bool {
    // The parent first: it rules out almost every text node without
    // reading (and trimming) the text.
    doc.parent(id).and_then(|p| doc.tag(p)) == Some(Tag::Noscript) && {
        let t = text.trim();
        t.starts_with('<') && t.ends_with('>')
    }
}

impl Cleaned {
    /// True when `id`'s subtree (or text) is out of the text.
    pub(crate) fn is_removed(&self, id: NodeId) -> bool {
        self.removal[id.index()] != Removal::Kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trimmed_len_is_the_length_of_trim() {
        let texts = [
            "",
            "   ",
            "\n\t  word  \r\n",
            "\u{0b} vertical tab around \u{0b}",
            "\u{a0}\n no-break spaces \u{a0} \n",
            " \u{2003}em space\u{3000} ",
            "\u{a0}",
            "naïve café",
            "  x\u{200b}  ",
        ];
        for t in texts {
            assert_eq!(trimmed_len(t), t.trim().len(), "{t:?}");
        }
    }
}
