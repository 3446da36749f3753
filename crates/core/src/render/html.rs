//! The kept content as clean, safe HTML.
//!
//! Only the elements of [`Kind`] are written, with no attribute but `href`
//! (links), `src`, `alt` (images) and `title` (both); the tree holds no
//! other, and its URLs were made safe when it was built. Text and attribute
//! values are escaped. Each block starts on its own line, the cells of a
//! table row on the row's line.

use super::tree::{Element, Kind, Node};

/// The tree as an HTML fragment, without a trailing newline.
pub(crate) fn html(root: &Element) -> String {
    let mut out = String::new();
    children(root, false, &mut out);
    let len = out.trim_end().len();
    out.truncate(len);
    out
}

/// Writes `element`'s children; `in_cell` inside a table cell.
fn children(element: &Element, in_cell: bool, out: &mut String) {
    for (i, child) in element.children.iter().enumerate() {
        match child {
            Node::Text(text) => escape(text, false, out),
            Node::Element(e) => write(e, in_cell, i == 0, out),
        }
    }
}

/// Writes one element; `in_cell` inside a table cell, whose row stays on
/// one line; `first` as the first child of its parent (a block then
/// follows its parent's tag on the same line).
fn write(element: &Element, in_cell: bool, first: bool, out: &mut String) {
    let kind = element.kind;
    let name = kind.name();
    let block = !kind.is_inline() && !matches!(kind, Kind::Td | Kind::Th);
    if block && !first && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push('<');
    out.push_str(name);
    match kind {
        Kind::A => attribute("href", element.url.as_deref(), out),
        Kind::Img => {
            attribute("src", element.url.as_deref(), out);
            attribute("alt", Some(element.alt.as_deref().unwrap_or("")), out);
        }
        _ => {}
    }
    if matches!(kind, Kind::A | Kind::Img) {
        attribute("title", element.title.as_deref(), out);
    }
    out.push('>');
    let container = matches!(
        kind,
        Kind::Ul
            | Kind::Ol
            | Kind::Dl
            | Kind::Blockquote
            | Kind::Table
            | Kind::Thead
            | Kind::Tbody
            | Kind::Figure
    );
    match kind {
        // A break ends the source line too, for a reader of the HTML.
        Kind::Br if !in_cell => {
            out.push('\n');
            return;
        }
        Kind::Br | Kind::Img => return,
        Kind::Pre => {
            out.push_str("<code>");
            escape(&element.text(), false, out);
            out.push_str("</code>");
        }
        _ if container => {
            out.push('\n');
            children(element, in_cell, out);
            if !out.ends_with('\n') {
                out.push('\n');
            }
        }
        _ => children(element, in_cell || matches!(kind, Kind::Td | Kind::Th), out),
    }
    out.push_str("</");
    out.push_str(name);
    out.push('>');
    if block {
        out.push('\n');
    }
}

/// Writes ` name="value"` when there is a value.
fn attribute(name: &str, value: Option<&str>, out: &mut String) {
    if let Some(value) = value {
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        escape(value, true, out);
        out.push('"');
    }
}

/// Writes `text` escaped for HTML text or, with `attribute`, for a quoted
/// attribute value.
fn escape(text: &str, attribute: bool, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}
