//! The differential test of the arena DOM against `markup5ever_rcdom`, the
//! reference DOM: both are built from the same pages and must hold the same
//! tree (elements with their namespaces and attributes, and text). Comments,
//! doctypes and `<template>` contents are left out of the comparison: the
//! engine never reads them. Where the arena skips what the engine never
//! reads (`super::skip`), sibling texts with only comments between them are
//! compared joined (the whitespace either side of a skipped comment is one
//! text in the arena), and `<svg>` elements are compared without their
//! content (skipped drawings are empty): what must match is everything
//! around them. The arena takes control characters out of text
//! (but scripts' and styles') and attribute values (`super::controls`), so
//! the reference's are taken out the same way before comparing; the pages stay under the depth and
//! attribute limits, where the arena must not differ at all.

use std::fmt::Write as _;

use html5ever::parse_document;
use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData as RcData, RcDom};

use super::controls::clean_str;
use super::{Document, Edge, NodeData, Walk};

/// One line of an outline: an element, a text or a comment, at a depth.
enum Line {
    Element(String),
    Text(String),
    Comment,
}

/// `lines` as text, one line per element or text, indented by depth.
/// Comments are left out; with `join_texts`, so are the comments between two
/// sibling texts, which become one.
fn outline(lines: Vec<(usize, Line)>, join_texts: bool) -> String {
    let mut kept: Vec<(usize, Line)> = Vec::new();
    for (depth, line) in lines {
        match line {
            Line::Comment => {}
            Line::Text(text) if join_texts => match kept.last_mut() {
                Some((d, Line::Text(before))) if *d == depth => before.push_str(&text),
                _ => kept.push((depth, Line::Text(text))),
            },
            line => kept.push((depth, line)),
        }
    }
    let mut out = String::new();
    for (depth, line) in kept {
        let _ = match line {
            Line::Element(e) => writeln!(out, "{:depth$}{e}", ""),
            Line::Text(t) => writeln!(out, "{:depth$}{t:?}", ""),
            Line::Comment => Ok(()),
        };
    }
    out
}

/// True for an `<svg>` element (SVG's root, not HTML's).
fn is_drawing(ns: &html5ever::Namespace, local: &html5ever::LocalName) -> bool {
    *ns == html5ever::ns!(svg) && &**local == "svg"
}

/// The tree of `doc` as outline lines; with `empty_drawings`, no content of
/// `<svg>` elements.
fn arena_lines(doc: &Document, empty_drawings: bool) -> Vec<(usize, Line)> {
    let mut lines = Vec::new();
    let mut depth = 0usize;
    doc.walk(doc.root(), |edge| match edge {
        Edge::Open(id) => {
            let mut walk = Walk::Continue;
            match doc.data(id) {
                NodeData::Element(e) => {
                    let attrs: Vec<String> = e
                        .attrs
                        .iter()
                        .map(|a| format!("{}:{}={:?}", &*a.name.ns, &*a.name.local, &*a.value))
                        .collect();
                    let element = format!("<{}:{} {}>", &*e.name.ns, &*e.name.local, attrs.join(" "));
                    lines.push((depth, Line::Element(element)));
                    if empty_drawings && is_drawing(&e.name.ns, &e.name.local) {
                        walk = Walk::SkipChildren;
                    }
                }
                NodeData::Text(t) => lines.push((depth, Line::Text(t.to_string()))),
                NodeData::Comment => lines.push((depth, Line::Comment)),
                _ => {}
            }
            depth += 1;
            walk
        }
        Edge::Close(_) => {
            depth -= 1;
            Walk::Continue
        }
    });
    lines
}

/// What of an rcdom tree an outline shows.
#[derive(Clone, Copy, PartialEq)]
enum Unread {
    /// All of it, as a parse keeping code and comments gives it.
    Kept,
    /// None of the text of scripts and styles but JSON-LD and scripts
    /// holding `<!--`, as a parse skipping code and comments gives it
    /// (`super::skip`).
    Skipped,
}

/// The outline of an rcdom tree (explicit stack: no recursion).
fn rcdom_outline(root: &Handle, unread: Unread) -> String {
    let mut lines = Vec::new();
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
                let element = format!("<{}:{} {}>", &*name.ns, &*name.local, attrs.join(" "));
                lines.push((depth, Line::Element(element)));
            }
            RcData::Text { contents } => {
                let contents = contents.borrow();
                let text = if in_code {
                    (&**contents).into()
                } else {
                    clean_str(&contents)
                };
                lines.push((depth, Line::Text(text.into_owned())));
            }
            RcData::Comment { .. } => lines.push((depth, Line::Comment)),
            _ => {}
        }
        let is_code = matches!(&node.data, RcData::Element { name, .. }
            if name.ns == html5ever::ns!(html) && matches!(&*name.local, "script" | "style"));
        let is_data = matches!(&node.data, RcData::Element { attrs, .. }
            if attrs.borrow().iter().any(|a| &*a.name.local == "type" && crate::metadata::is_json_ld_type(&a.value)));
        // A script holding `<!--` is the tokenizer's to read.
        let escapes =
            matches!(&node.data, RcData::Element { name, .. } if &*name.local == "script")
                && node.children.borrow().iter().any(
                    |c| matches!(&c.data, RcData::Text { contents } if contents.borrow().contains("<!--")),
                );
        let skipped = unread == Unread::Skipped && is_code && !is_data && !escapes;
        let drawing = unread == Unread::Skipped
            && matches!(&node.data, RcData::Element { name, .. } if is_drawing(&name.ns, &name.local));
        for child in node.children.borrow().iter().rev().filter(|_| !drawing) {
            if !(skipped && matches!(child.data, RcData::Text { .. })) {
                stack.push((child.clone(), depth + 1, is_code));
            }
        }
    }
    outline(lines, unread == Unread::Skipped)
}

/// Asserts that both DOMs build the same tree from `html`, the arena both
/// keeping code and comments and skipping them; with `small_chunks`, also when the arena is
/// fed the page a few bytes at a time.
fn assert_same_tree(html: &str, what: &str, small_chunks: bool) {
    let rc = parse_document(RcDom::default(), super::parse_options()).one(html);
    let whole = super::parse_whole(html, usize::MAX, super::DEFAULT_MAX_DEPTH).expect("no node limit");
    assert_same_outline(
        &outline(arena_lines(&whole, false), false),
        &rcdom_outline(&rc.document, Unread::Kept),
        what,
    );
    let skipped = super::parse(html, usize::MAX).expect("no node limit");
    let skipped_rc = rcdom_outline(&rc.document, Unread::Skipped);
    assert_same_outline(
        &outline(arena_lines(&skipped, true), true),
        &skipped_rc,
        &format!("{what} (unread skipped)"),
    );
    // Small chunks: skips that run past a chunk, or end at its edge. Not on
    // pages holding U+FEFF: html5ever drops one at the start of every feed.
    let chunks: &[usize] = if small_chunks && !html.contains('\u{feff}') {
        &[1, 7, 64]
    } else {
        &[]
    };
    for &chunk in chunks {
        let doc = super::parse_in_chunks(
            html,
            usize::MAX,
            super::DEFAULT_MAX_DEPTH,
            chunk,
            super::skip::Unread::Skip,
        )
        .expect("no node limit");
        assert_same_outline(
            &outline(arena_lines(&doc, true), true),
            &skipped_rc,
            &format!("{what} (unread skipped, chunks of {chunk})"),
        );
    }
}

/// Panics with the first differing line unless outlines `a` (arena) and `r`
/// (rcdom) are the same.
fn assert_same_outline(a: &str, r: &str, what: &str) {
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
        // Code, skipped or not (`super::code`): where a script really
        // starts and ends, as the tokenizer sees it.
        "<script>if (a < b) x = '</p>';</script><p>after</p>",
        "<SCRIPT type=text/javascript>a</Script ><STYLE>p{}</sTyLe/>b",
        "<script>x = '</scripts>'; y = '</script'</script\t>tab-ended",
        "<script>x</script\r><p>after a carriage return</p><style>y</style\r\n>z",
        "<script><!-- <script> x </script> y --></script>escaped",
        "<script><!-- not double escaped --> z</script>after",
        "<!-- <script> in a comment --><p>text</p><script>code",
        "<div title=\"<script>not a tag\">attribute</div><script>code</script>",
        "<textarea><script>text</script></textarea><title><style>t</style></title>",
        "<svg><style>svg text</style><script>svg code</script></svg><style>html</style>",
        "<script type=\"application/ld+json\">{\"@type\": \"Article\"}</script>data kept",
        "<script type='Application/LD+JSON; charset=utf-8'>{}</script><script type=module>m</script>",
        "<table><script>in table</script><tr><td><style>x</style>cell</table>",
        "<p>a<script>\r\n1\r\n</script>\r\nb<script></script>c<style></style>",
        "<noscript><p>no script</p></noscript><iframe><p>frame</p></iframe><xmp><b></xmp>",
        "<script>unterminated <p>",
        "<style>unterminated <!-- <p>",
        "<script>ends at the end</script",
        "<head><script>h</script></head><body><script>b</script><frameset>",
        // Comments (`super::skip`): skipped only between whitespace and
        // markup; the whitespace stays where the tree builder puts it.
        "<!-- first --><html>\n<!-- a -->\n<head> <!-- b --> <title>t</title>\n</head>",
        "<table><tr><td>a</td></tr>\n<!-- c -->\n<tr><td>b</td></tr>\n<!-- end --></table>",
        "<table>x\n<!-- after text -->\n<tr><td>b</td></tr></table>",
        "<table>\n<!-- before text -->y<tr><td>b</td></tr></table>",
        "<table>\n<!-- before a less-than --> <3 <tr><td>b</td></tr></table>",
        "<p>a</p>\r\n<!-- c -->\r\n<p>b</p>\r<!-- d -->\n<p>e</p>\r\n<!-- f -->\r",
        "<div><!----> <!---> <!--> <!-- x --!> <!-- --!-- --> <!-- <!-- --> <!-- -- ---></div>",
        "<p>a</p><!--a--><!--b-->\n\t<!--c--><!--d-->x<!--e--><p>b</p>",
        "<pre><!-- c -->\n<b>kept line</b></pre><listing><!-- c -->\n<i>kept</i></listing>",
        "<pre>\n<!-- c -->\n<b>x</b></pre><pre><!-- c -->\nkept line</pre>",
        "<svg><g></g>\n<!-- in svg -->\n<![CDATA[cdata]]><path/></svg>",
        "<textarea><!-- t --></textarea><title> <!-- t --> </title><p>after</p>",
        "<!DOCTYPE html>\n<!-- after doctype -->\n<p>x</p>\n<!-- unterminated",
        "<p>x</p>\n<!-- ends at the end -->",
        "<table><tr><td>x</td></tr>\n<!-- before text at the end -->\n</",
        "<p>x</p> <!-- before a bogus comment --> <?php ?><p>y</p> <!-- --> </ p>",
        // Whitespace before markup, handed over as one token.
        "\n<html>\n<head>\n  <title>t</title>\r\n</head>\n<body>\n\t<p>a</p>\n\n</body>\n</html>\n\n",
        "<table>\n\t<tr>\n\t\t<td>a</td>\r\n\t</tr> \n x<tr><td>b</td></tr>\n</table>\n",
        "<select>\n<option>a\n</option>\n</select><frameset>\n<frame>\n</frameset>\n<p>",
        "<math>\n<mi>x</mi>\n</math><ul>\n<li>one\n<li>two\n</ul>\r\r\n<p>end",
        // Drawings (`super::drawing`): skipped only where the `</svg>` the
        // scan finds is the one that closes the drawing.
        "<p><svg viewBox='0 0 1 1'><path d='M0 0'/><g><circle r=1></circle></g></svg>after</p>",
        "<svg><path><p>breaks out</p></path></svg><svg><g></svg>unclosed g</g>",
        "<a href=x><svg><a><path/></a></svg>in link</a><b><svg></b></svg>bold?",
        "<svg><title><b>open</title></svg>after<svg><title>T <b>html</b></title><desc>d</desc></svg><svg><foreignObject><div>f</div></foreignObject></svg>",
        "<table><tr><svg><rect/></svg><td>cell</td></tr></table><svg><svg><g/></svg></svg>",
        "<svg><style>a > b { }</style><text x=\"1>2\">a < b</text><![CDATA[</svg>]]></svg>end",
        "<svg><font color=red>breaks out</font></svg><svg><g/><!-- </svg> --></svg><svg><path",
        "<select><svg><path/></svg></select><math><svg><g/></svg></math><svg/><p>after</p>",
        "<svg><g/><svg><path/></svg><p>break</p><svg><g/></svg>end<svg><svg><g></svg>",
        // Plain tags and text read by the token filter (`super::plain`),
        // mixed with what only the tokenizer reads.
        "<DIV CLASS=a Class=b id=x><P>one<Br/>two</P ></DIV><p a=1></p b=2><image src=i.png>",
        "<head><meta charset=utf-8><meta http-equiv=Content-Type content='text/html; charset=latin1'><link rel=x></head><p>x",
        "<p>a &amp; b <b>c</b> d &lt; e<i>f</i>\r\ng<u>h</u></p><div/>not closed</div>",
        "<table><tr><td>a</td>b<td>c</td>d &amp; e<td>f</td></tr></table><table>x<b>y</b>z</table>",
        "<a href=1>a<b>b<a href=2>c</a>d</b>e</a><p><b><i><u>x</p>y</u></i></b>",
        "<p>one</br>two</p></p><select><option>a<option>b<p>c</select><pre>\n<b>p</b></pre>",
        "<div><textarea>\n<b>t</b></textarea><title>a<b>b</b></title><p>after</p></div><plaintext><p>rest</p>",
        "<math><mi>x</mi><mtext><b>y</b></mtext></math><svg><g><path d=M0/></g></svg><p>z</p>",
        "<ul><li>a<li>b</ul><dl><dt>t<dd>d</dl><h1>h<h2>i</h1>j</h2><form><form><input></form>",
        "<table><caption>c<tr><th>h<td>d<colgroup><col span=2><tbody><tr><td>e</table>",
        // Code read whole after a plain tag, or left to the tokenizer.
        "<p>a</p><script><!-- <script> x </script> y --></script>escaped<script>z</script>",
        "<p>x</p><script>a</script\r><p>b</p><style>c</style\t><p>d</p><SCRIPT>e</SCRIPT><i>f</i>",
        "<div><script type=application/ld+json>{}</script><style>p{}</style ><script>if (a<b) {}</script></div>",
        "<p><svg><script>x<b>y</b></script><style>s</style></svg><select><style>t</style><script>u</script></select>",
        "<table><tr><script>x</script><td>c</td><style>y</style></tr></table><p><script></script></p>",
        "<p>a<script>unterminated</scrip",
        "<p>a</p><script>x</script x=\"&notit;\">after<b>b</b><style>y</style/><i>c</i>",
        // Character references read here or left to the tokenizer.
        "<p>a &amp; b &lt;c&gt; &#65;&#x1F600; AT&T &notit; &#128; &amp</p><p>&nbsp;<b>&copy;</b>&",
        "<a href=\"?a=1&amp;b=2\" title='&quot;&#39;'>x</a><a href=\"?a=1&b=2\" id=?c&amp;d>y</a>",
        "<table><tr><td>a</td>&amp;<td>b</td>&#32;&#10;<td>c</td></tr></table><pre>&#10;x</pre>",
        // Carriage returns in plain text and tags.
        "<p\r\nclass=a>one\r\ntwo\rthree</p>\r\n<a href=\"x\r\ny\" title='a\r'>b</a>\r<pre>\r\nfirst</pre>\r",
    ] {
        assert_same_tree(html, html, true);
    }
}

#[test]
fn same_tree_on_random_tag_soup() {
    // Pieces of markup that the plain reader, the skips and the tokenizer
    // each take, and tree builder modes they meet in (tables, foreign
    // content, raw text, formatting elements), joined at random.
    let pieces = [
        "<p>",
        "</p>",
        "<div class=a>",
        "</div>",
        "<DIV ID=B>",
        "<b>",
        "</b>",
        "<a href=\"x&amp;y\">",
        "</a>",
        "<table>",
        "<tr>",
        "<td>",
        "</td>",
        "</table>",
        "<svg>",
        "<path d=M0/>",
        "</svg>",
        "<math>",
        "<script>",
        "</script>",
        "<style>",
        "</style>",
        "<title>",
        "</title>",
        "<textarea>",
        "<select>",
        "<option>",
        "<pre>",
        "<br/>",
        "<img src=i alt=''>",
        "<!-- c -->",
        "<!--",
        "-->",
        "text",
        " ",
        "\n",
        "\r\n",
        "&amp;",
        "&",
        "&#65;",
        "&notit;",
        "<",
        ">",
        "\"",
        "=",
        "<template>",
        "</template>",
        "<li>",
        "<ul>",
        "<!DOCTYPE html>",
        "<p a=1 a=2>",
        "<script type=application/ld+json>",
        "<x-y:z>",
    ];
    let pool: String = (0..pieces.len())
        .map(|i| char::from_u32(0x100 + i as u32).unwrap_or('?'))
        .collect();
    for (n, text) in crate::testing::random_texts(&pool, 40, 10_000).enumerate() {
        let html: String = text.chars().map(|c| pieces[c as usize - 0x100]).collect();
        assert_same_tree(&html, &format!("random page {n}: {html:?}"), n % 10 == 0);
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
        assert_same_tree(&html, open, false);
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
        // Small chunks on the repository's own pages only: on every page
        // of the shared corpora they would take minutes in a debug build.
        let own = !path.to_string_lossy().contains("shared/corpora");
        assert_same_tree(&decoded.text, &path.display().to_string(), own);
    }
    assert!(pages > 0, "no corpus pages found");
}
