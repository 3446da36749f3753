//! Where an inline SVG drawing ends, told from the bytes after its `<svg>`
//! tag, for the drawings simple enough to tell: the ones made only of SVG's
//! drawing elements, properly nested. Cleaning drops every SVG element with
//! its subtree, so the parse can skip the drawing's inside
//! ([`super::skip`]); icons and logos drawn inline are 4% of the corpora's
//! bytes, mostly path data.
//!
//! In foreign content the tree builder closes an element only at its own
//! end tag (or at a self-closing `/>`), so a stack of the names opened
//! finds the end tag that closes the `<svg>`. Anything that could make the
//! tree builder do otherwise ends the scan with no answer, and the drawing
//! is parsed as usual: a tag of no drawing element (HTML's `<p>` or `<div>`
//! would break out of the drawing, `<foreignObject>` holds HTML), any tag
//! inside `<title>` or `<desc>` (their content is HTML), an end tag that
//! closes no open element, bogus comments, a page that ends first, or
//! nesting deeper than [`MAX_OPEN`].

use super::attributes::read_tag;
use super::skip::comment_len;

/// The elements a skipped drawing may hold, in lower case as the tokenizer
/// hands their names on.
const DRAWING_ELEMENTS: &[&[u8]] = &[
    b"a",
    b"animate",
    b"animatemotion",
    b"animatetransform",
    b"circle",
    b"clippath",
    b"defs",
    b"desc",
    b"ellipse",
    b"feblend",
    b"fecolormatrix",
    b"fecomponenttransfer",
    b"fecomposite",
    b"fedisplacementmap",
    b"fedropshadow",
    b"feflood",
    b"fefunca",
    b"fefuncb",
    b"fefuncg",
    b"fefuncr",
    b"fegaussianblur",
    b"feimage",
    b"femerge",
    b"femergenode",
    b"femorphology",
    b"feoffset",
    b"fetile",
    b"feturbulence",
    b"filter",
    b"g",
    b"image",
    b"line",
    b"lineargradient",
    b"marker",
    b"mask",
    b"metadata",
    b"mpath",
    b"path",
    b"pattern",
    b"polygon",
    b"polyline",
    b"radialgradient",
    b"rect",
    b"set",
    b"stop",
    b"style",
    b"svg",
    b"switch",
    b"symbol",
    b"text",
    b"textpath",
    b"title",
    b"tspan",
    b"use",
    b"view",
];

/// Elements whose content the tree builder parses as HTML (integration
/// points); a skipped drawing holds only text in them.
const HTML_INSIDE: &[&[u8]] = &[b"title", b"desc"];

/// Most elements open at once in a drawing the scan follows: far above
/// real icons, and a bound on the scan's stack.
const MAX_OPEN: usize = 64;

/// The position in `text` (what follows an `<svg>` start tag) of the `<` of
/// the end tag that closes the `<svg>`, when the drawing is simple enough to
/// tell (see the module doc); otherwise `Err` with where the scan stopped:
/// no drawing opened before that point can be told either (the caller does
/// not scan them again, which keeps a page of unclosed drawings linear).
pub(super) fn drawing_end(text: &[u8]) -> Result<usize, usize> {
    let mut open: Vec<&[u8]> = Vec::with_capacity(8);
    open.push(b"svg");
    let mut at = 0;
    loop {
        let Some(found) = memchr::memchr(b'<', &text[at..]) else {
            return Err(text.len());
        };
        at += found;
        let rest = &text[at..];
        if rest.starts_with(b"<!--") {
            at += comment_len(rest);
            continue;
        }
        if rest.starts_with(b"<![CDATA[") {
            let Some(close) = memchr::memmem::find(rest, b"]]>") else {
                return Err(text.len());
            };
            at += close + 3;
            continue;
        }
        let end_tag = rest.get(1) == Some(&b'/');
        let name_start = at + 1 + usize::from(end_tag);
        if !text.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            if end_tag || matches!(rest.get(1), Some(b'!' | b'?')) {
                return Err(at);
            }
            // A `<` that is text.
            at += 1;
            continue;
        }
        let tag = read_tag(text, name_start, usize::MAX);
        let name = &text[name_start..tag.name_end];
        let Some(&element) = DRAWING_ELEMENTS.iter().find(|e| name.eq_ignore_ascii_case(e)) else {
            return Err(at);
        };
        // Never empty here: the scan returns when the `<svg>` closes.
        let top = open.last().copied().unwrap_or_default();
        if tag.end > text.len() {
            return Err(text.len());
        }
        if end_tag {
            if element != top {
                return Err(at);
            }
            open.pop();
            if open.is_empty() {
                return Ok(at);
            }
        } else {
            if HTML_INSIDE.contains(&top) || open.len() == MAX_OPEN {
                return Err(at);
            }
            if !tag.self_closing {
                open.push(element);
            }
        }
        at = tag.end;
    }
}

#[cfg(test)]
mod tests {
    use super::drawing_end;

    fn end(text: &str) -> Option<usize> {
        drawing_end(text.as_bytes()).ok()
    }

    #[test]
    fn a_drawing_ends_at_the_end_tag_of_its_svg() {
        assert_eq!(end("<path d='M0 0'/></svg>after"), Some(16));
        assert_eq!(
            end("<g><circle r=1></circle><svg><rect/></svg></g></SVG >"),
            Some(46)
        );
        assert_eq!(
            end("<title>Logo <3</title><!-- </svg> --><![CDATA[</svg>]]></svg>"),
            Some(55)
        );
        assert_eq!(end("<text x=\"1>2\">a < b</text></svg>"), Some(26));
    }

    #[test]
    fn what_the_tree_builder_may_read_otherwise_has_no_end() {
        for text in [
            "<path></svg>",
            "<p>breaks out</p></svg>",
            "<foreignObject><div>html</div></foreignObject></svg>",
            "<title><b>html</b></title></svg>",
            "<g></a></g></svg>",
            "<path d='unterminated",
            "<g>no end",
            "<!x> <? ?></svg>",
            "</ p></svg>",
        ] {
            assert_eq!(end(text), None, "{text}");
        }
        assert_eq!(end(&format!("{}</svg>", "<g>".repeat(64))), None);
        // Where the scan stopped: the tag it could not follow, or the end.
        assert_eq!(drawing_end(b"<g/><p>x</p></svg>"), Err(4));
        assert_eq!(drawing_end(b"<g/> no end"), Err(11));
        assert!(end(&format!("{}{}</svg>", "<g>".repeat(62), "</g>".repeat(62))).is_some());
    }
}
