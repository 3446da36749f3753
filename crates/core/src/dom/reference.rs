//! The differential test of the arena DOM against `markup5ever_rcdom`, the
//! reference DOM: both are built from the same pages and must hold the same
//! tree (elements with their namespaces and attributes, and text). Comments,
//! doctypes and `<template>` contents are left out of the comparison: the
//! engine never reads them. The arena takes control characters out of text
//! (but scripts' and styles') and attribute values (`super::controls`), so
//! the reference's are taken out the same way before comparing; the pages stay under the depth and
//! attribute limits, where the arena must not differ at all.

use std::fmt::Write as _;

use html5ever::parse_document;
use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData as RcData, RcDom};

use super::controls::clean_str;
use super::{Document, Edge, NodeData, Walk};

/// The tree of `doc` as one line per element or text, indented by depth.
fn arena_outline(doc: &Document) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    doc.walk(doc.root(), |edge| match edge {
        Edge::Open(id) => {
            match doc.data(id) {
                NodeData::Element(e) => {
                    let attrs: Vec<String> = e
                        .attrs
                        .iter()
                        .map(|a| format!("{}:{}={:?}", &*a.name.ns, &*a.name.local, &*a.value))
                        .collect();
                    let _ = writeln!(
                        out,
                        "{:depth$}<{}:{} {}>",
                        "",
                        &*e.name.ns,
                        &*e.name.local,
                        attrs.join(" ")
                    );
                }
                NodeData::Text(t) => {
                    let _ = writeln!(out, "{:depth$}{:?}", "", &**t);
                }
                _ => {}
            }
            depth += 1;
            Walk::Continue
        }
        Edge::Close(_) => {
            depth -= 1;
            Walk::Continue
        }
    });
    out
}

/// The same outline for an rcdom tree (explicit stack: no recursion).
fn rcdom_outline(root: &Handle) -> String {
    let mut out = String::new();
    // The arena leaves the text of scripts and styles uncleaned.
    let mut stack: Vec<(Handle, usize, bool)> = vec![(root.clone(), 0, false)];
    while let Some((node, depth, in_code)) = stack.pop() {
        match &node.data {
            RcData::Element { name, attrs, .. } => {
                let attrs: Vec<String> = attrs
                    .borrow()
                    .iter()
                    .map(|a| format!("{}:{}={:?}", &*a.name.ns, &*a.name.local, clean_str(&a.value)))
                    .collect();
                let _ = writeln!(
                    out,
                    "{:depth$}<{}:{} {}>",
                    "",
                    &*name.ns,
                    &*name.local,
                    attrs.join(" ")
                );
            }
            RcData::Text { contents } => {
                let contents = contents.borrow();
                let text = if in_code {
                    (&**contents).into()
                } else {
                    clean_str(&contents)
                };
                let _ = writeln!(out, "{:depth$}{:?}", "", text);
            }
            _ => {}
        }
        let code = matches!(&node.data, RcData::Element { name, .. }
            if name.ns == html5ever::ns!(html) && matches!(&*name.local, "script" | "style"));
        for child in node.children.borrow().iter().rev() {
            stack.push((child.clone(), depth + 1, code));
        }
    }
    out
}

/// Asserts that both DOMs build the same tree from `html`.
fn assert_same_tree(html: &str, what: &str) {
    let arena = super::parse(html, usize::MAX).expect("no node limit");
    let rc = parse_document(RcDom::default(), super::parse_options()).one(html);
    let (a, r) = (arena_outline(&arena), rcdom_outline(&rc.document));
    if a != r {
        let line = a.lines().zip(r.lines()).position(|(x, y)| x != y).unwrap_or(0);
        panic!(
            "{what}: arena and rcdom trees differ at line {line}:\n arena: {:?}\n rcdom: {:?}",
            a.lines().nth(line),
            r.lines().nth(line)
        );
    }
}

#[test]
fn same_tree_on_tricky_markup() {
    for html in [
        "",
        "<",
        "<p>unclosed <b>bold <i>both</b> italic</i> after",
        "<table><tr><td>a<p>b</table>text after<div>x</div>",
        "<table>foster<tr><td>cell</td></tr>parented</table>",
        "<svg><circle r=1/><foreignObject><p>html in svg</p></foreignObject></svg>",
        "<template><p>hidden</p></template><p>shown</p>",
        "<frameset><frame src=a></frameset>",
        "<html><body><p>x</p></body></html><p>after html",
        "<ul><li>one<li>two<ul><li>nested</ul></ul>",
        "<a href=1>one<div>block in link</div></a>",
        "<p>a<!-- comment -->b</p>",
        "<body a=1><body b=2>merged attributes",
        "<p title=\"a\u{7}b\">bell\u{7} &#7; &#x1b;esc\u{85}nel\u{c}ff</p>",
        "<pre>\ttab\u{b}vt\r\ncr</pre>",
        // Text moved out of the table grows an earlier text node after
        // later text was written (the arena's `OwnedText`).
        "<table><tr><td>B</td>A<td>B</td>A &amp; A<td>B</td>A</table>after",
        "<p>one\ntwo &amp; three\n<b>four</b>\nfive</p>",
    ] {
        assert_same_tree(html, html);
    }
}

#[test]
fn same_tree_up_to_the_depth_limit() {
    // Just under the limit, which also counts the document, <html>, <head>,
    // <body> and the (at most three equal) entries of the formatting list.
    let depth = super::DEFAULT_MAX_DEPTH - 10;
    for (open, close) in [
        ("<div>", "</div>"),
        ("<ul><li>", ""),
        ("<b>", ""),
        ("<span>", "</span>"),
    ] {
        let n = if open == "<ul><li>" { depth / 2 } else { depth };
        let html = format!("{}text{}", open.repeat(n), close.repeat(n));
        assert_same_tree(&html, open);
    }
}

#[test]
fn same_tree_on_every_corpus_page() {
    let mut pages = 0;
    for (path, bytes) in crate::testing::corpus_pages() {
        pages += 1;
        let Ok(decoded) = crate::decode::decode(&bytes, None) else {
            continue;
        };
        assert_same_tree(&decoded.text, &path.display().to_string());
    }
    assert!(pages > 0, "no corpus pages found");
}
