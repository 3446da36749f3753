//! Stage 7, render: the kept blocks in the caller's [`Format`].
//!
//! - **text** (`text.rs`): the blocks' own text, one block per paragraph;
//! - **markdown** (`markdown.rs`) and **html** (`html.rs`): the markup of the
//!   kept blocks. `tree.rs` finds it in the DOM (each block knows its span of
//!   the segment walk) and rebuilds it as a small tree of allow-listed
//!   elements (paragraphs, headings, lists, quotes, code, tables, figures,
//!   emphasis, links, images), which the two serialisers write out.
//!
//! Only the kept blocks appear, in document order, whatever the format.
//! `json.rs` writes a whole [`crate::Extracted`] as the JSON object of the
//! README's schema, and `front_matter.rs` its metadata as the block that
//! `Options::with_metadata` puts before the text.

pub(crate) mod front_matter;
mod html;
pub(crate) mod json;
mod markdown;
mod text;
mod tree;

use crate::clean::Cleaned;
use crate::dom::Document;
use crate::options::{Format, Options};
use crate::segment::Block;

/// What the renderers need of one page.
pub(crate) struct Page<'a> {
    /// The parsed page.
    pub doc: &'a Document,
    /// What cleaning removed.
    pub cleaned: &'a Cleaned,
    /// The page's text blocks.
    pub blocks: &'a [Block],
    /// The URL the page came from, to resolve relative links.
    pub url: Option<&'a str>,
}

/// Renders the blocks marked in `keep` in `options.format`.
pub(crate) fn render(page: &Page<'_>, keep: &[bool], options: &Options) -> String {
    match options.format {
        Format::Text | Format::Json => text::text(page.blocks, keep),
        Format::Markdown => markdown::markdown(&tree::build(page, keep, options)),
        Format::Html => html::html(&tree::build(page, keep, options)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::{Edge, NodeData, Walk};
    use crate::{clean, dom, segment};

    /// Renders every block of `html` (no selection) in `format`.
    fn render_all(html: &str, format: Format, links: bool, images: bool, url: Option<&str>) -> String {
        let doc = dom::parse(html, 1 << 22).expect("parses");
        let cleaned = clean::clean(&doc);
        let blocks = segment::segment(&doc, &cleaned);
        let keep = vec![true; blocks.len()];
        let options = Options {
            format,
            links,
            images,
            ..Options::default()
        };
        let page = Page {
            doc: &doc,
            cleaned: &cleaned,
            blocks: &blocks,
            url,
        };
        render(&page, &keep, &options)
    }

    fn md(html: &str) -> String {
        render_all(html, Format::Markdown, false, false, None)
    }

    fn html(html: &str) -> String {
        render_all(html, Format::Html, false, false, None)
    }

    #[test]
    fn headings_paragraphs_and_emphasis() {
        let page = "<h1>Title</h1><p>One <em> soft </em>word, <strong>two</strong><b>three</b> \
                    and <i>four</i>.</p><h3>Sub <span>head</span></h3><div>Loose text</div>";
        assert_eq!(
            md(page),
            "# Title\n\nOne *soft* word, **two**<strong>three</strong> and *four*.\n\n### Sub head\n\nLoose text"
        );
        assert_eq!(
            html(page),
            "<h1>Title</h1>\n<p>One <em>soft</em> word, <strong>two</strong><b>three</b> and \
             <i>four</i>.</p>\n<h3>Sub head</h3>\n<p>Loose text</p>"
        );
    }

    #[test]
    fn emphasis_that_markdown_would_not_read_becomes_html() {
        assert_eq!(md("<p><b>Note:</b> text</p>"), "**Note:** text");
        assert_eq!(md("<p><b>Note:</b>Text</p>"), "<strong>Note:</strong>Text");
        assert_eq!(
            md("<p>Smith<i>, A Book</i>, 1992</p>"),
            "Smith<em>, A Book</em>, 1992"
        );
        assert_eq!(md("<p><b>Q</b><i>. Why?</i></p>"), "**Q**<em>. Why?</em>");
        assert_eq!(md("<p>s<b>**</b>t</p>"), "s<strong>\\*\\*</strong>t");
        assert_eq!(md("<p><b>a<b>b</b></b> <i>c<em>d</em></i></p>"), "**ab** *cd*");
        assert_eq!(
            md("<p>in<b>tra</b>word and <em>a</em>.</p>"),
            "in**tra**word and *a*."
        );
        assert_eq!(
            md("<p><b>Note:&nbsp;<em>&nbsp;</em></b>Text</p>"),
            "**Note:** Text"
        );
    }

    #[test]
    fn nested_lists_are_indented_by_depth() {
        let page = "<ol start=3><li>First<ul><li>a</li><li>b<ol><li>deep</li></ol></li></ul></li>\
                    <li><p>Second</p></li></ol><ul><li>x</li></ul>";
        assert_eq!(
            md(page),
            "3. First\n   - a\n   - b\n     1. deep\n4. Second\n\n- x"
        );
        assert_eq!(
            html(page),
            "<ol>\n<li>First\n<ul>\n<li>a</li>\n<li>b\n<ol>\n<li>deep</li>\n</ol>\n</li>\n</ul>\n</li>\n\
             <li><p>Second</p>\n</li>\n</ol>\n<ul>\n<li>x</li>\n</ul>"
        );
    }

    #[test]
    fn a_list_after_its_item_joins_that_item() {
        assert_eq!(
            md("<ul><li>a</li><ul><li>b</li></ul><li>c</li></ul>"),
            "- a\n  - b\n- c"
        );
    }

    #[test]
    fn code_blocks_keep_text_and_language() {
        let page = "<pre class=\"lang-rust\">fn main() {\n    x &lt; 1;\n\n}</pre>\
                    <pre><code class=\"hljs language-c++\">a</code></pre><pre>```\nb</pre>\
                    <p>Use <code>a`b</code> or <kbd>Ctrl</kbd>.</p>";
        assert_eq!(
            md(page),
            "```rust\nfn main() {\n    x < 1;\n\n}\n```\n\n```c++\na\n```\n\n````\n```\nb\n````\n\n\
             Use ``a`b`` or `Ctrl`."
        );
        assert!(html(page).starts_with("<pre><code>fn main() {\n    x &lt; 1;\n\n}</code></pre>\n"));
    }

    #[test]
    fn quotes_hold_blocks() {
        let page = "<blockquote><p>One</p><p>Two</p><ul><li>item</li></ul></blockquote>";
        assert_eq!(md(page), "> One\n>\n> Two\n>\n> - item");
    }

    #[test]
    fn tables_are_grids_with_a_header() {
        let page = "<table><caption>Cap</caption><tr><th>A</th><th colspan=2>B</th></tr>\
                    <tr><td rowspan=2>1</td><td>x|y</td><td>two<br>lines</td></tr>\
                    <tr><td><p>p1</p><p>p2</p></td></tr></table>\
                    <table><tr><td>no</td><td>header</td></tr><tr><td>row</td></tr></table>";
        assert_eq!(
            md(page),
            "Cap\n\n| A | B |  |\n| --- | --- | --- |\n| 1 | x\\|y | two<br>lines |\n|  | p1<br>p2 |  |\n\n\
             | no | header |\n| --- | --- |\n| row |  |"
        );
        assert_eq!(
            html(page),
            "<table>\n<caption>Cap</caption>\n<tbody>\n<tr><th>A</th><th>B</th><th></th></tr>\n\
             <tr><td>1</td><td>x|y</td><td>two<br>lines</td></tr>\n<tr><td></td><td>p1<br>p2</td></tr>\n\
             </tbody>\n</table>\n<table>\n<tbody>\n<tr><td>no</td><td>header</td></tr>\n\
             <tr><td>row</td></tr>\n</tbody>\n</table>"
        );
    }

    #[test]
    fn layout_tables_are_read_as_blocks() {
        let page =
            "<table><tr><td><h2>Story</h2><p>Body text.</p></td><td><ul><li>menu</li></ul></td></tr></table>";
        assert_eq!(md(page), "## Story\n\nBody text.\n\n- menu");
    }

    #[test]
    fn tables_can_be_left_out() {
        let doc = "<p>Before.</p><table><tr><th>Head</th></tr><tr><td>Cell</td></tr></table><p>After.</p>";
        let doc = dom::parse(doc, 1000).unwrap();
        let cleaned = clean::clean(&doc);
        let blocks = segment::segment(&doc, &cleaned);
        let keep = vec![true; blocks.len()];
        let page = Page {
            doc: &doc,
            cleaned: &cleaned,
            blocks: &blocks,
            url: None,
        };
        for format in [Format::Markdown, Format::Html] {
            let options = Options {
                format,
                tables: false,
                ..Options::default()
            };
            let out = render(&page, &keep, &options);
            assert!(out.contains("Before.") && out.contains("After."), "{out}");
            assert!(!out.contains("Head") && !out.contains("Cell"), "{out}");
        }
    }

    #[test]
    fn definition_lists() {
        let page =
            "<dl><dt>Term</dt><dd>Meaning</dd><dd>Other</dd><dt>Next</dt><dt>Alias</dt><dd>More</dd></dl>";
        assert_eq!(md(page), "Term\n: Meaning\n: Other\n\nNext\nAlias\n: More");
        assert_eq!(md("<dl><dd>No term</dd><dd>Again</dd></dl>"), "No term\n\nAgain");
        assert_eq!(
            html(page),
            "<dl>\n<dt>Term</dt>\n<dd>Meaning</dd>\n<dd>Other</dd>\n<dt>Next</dt>\n<dt>Alias</dt>\n<dd>More</dd>\n</dl>"
        );
    }

    #[test]
    fn line_breaks_and_wrappers() {
        assert_eq!(md("<p><br>one<br><br>  two <br></p>"), "one  \ntwo");
        assert_eq!(html("<p><br>one<br><br>  two <br></p>"), "<p>one<br>\ntwo</p>");
        assert_eq!(md("<li><div>one</div><div>two</div></li>"), "- one  \n  two");
        assert_eq!(md("<h2>one<div>two</div></h2>"), "## one two");
        assert_eq!(md("<div>a<div>b</div>c</div>"), "a\n\nb\n\nc");
    }

    #[test]
    fn markdown_metacharacters_are_escaped() {
        assert_eq!(
            md("<p>1. Not a list * [x] _y_ <b>#tag</b></p><p># not heading</p>"),
            "1\\. Not a list \\* \\[x\\] \\_y\\_ **#tag**\n\n\\# not heading"
        );
    }

    #[test]
    fn links_and_images_only_when_asked() {
        let page = "<p>See <a href=\"/doc?a=1&amp;b=2\" title=\"The doc\" onclick=\"x()\">the doc</a> and \
                    <a href=\"javascript:alert(1)\">this</a>.<img src=\"pic.png\" alt=\"A [pic]\" \
                    onerror=\"x()\"><img src=\"data:image/gif;base64,AAAA\"><img src=t.gif width=1 height=1>\
                    <img data-src=\"lazy.jpg\" src=\"data:image/gif;base64,R0l\"></p>";
        let base = Some("https://example.org/a/page.html");
        assert_eq!(
            render_all(page, Format::Markdown, false, false, base),
            "See the doc and this."
        );
        assert_eq!(
            render_all(
                "<p>Wow!<a href=/x>link</a></p>",
                Format::Markdown,
                true,
                false,
                None
            ),
            "Wow\\![link](/x)"
        );
        assert_eq!(
            render_all(
                "<p>C:\\!<a href=/x>link</a></p>",
                Format::Markdown,
                true,
                false,
                None
            ),
            "C:\\\\\\![link](/x)"
        );
        assert_eq!(
            render_all(page, Format::Markdown, true, true, base),
            "See [the doc](https://example.org/doc?a=1&b=2) and this.\
             ![A \\[pic\\]](https://example.org/a/pic.png)![](https://example.org/a/lazy.jpg)"
        );
        assert_eq!(
            render_all(page, Format::Html, true, true, base),
            "<p>See <a href=\"https://example.org/doc?a=1&amp;b=2\" title=\"The doc\">the doc</a> and this.\
             <img src=\"https://example.org/a/pic.png\" alt=\"A [pic]\">\
             <img src=\"https://example.org/a/lazy.jpg\" alt=\"\"></p>"
        );
        assert_eq!(
            render_all(page, Format::Html, true, true, None),
            "<p>See <a href=\"/doc?a=1&amp;b=2\" title=\"The doc\">the doc</a> and this.\
             <img src=\"pic.png\" alt=\"A [pic]\"><img src=\"lazy.jpg\" alt=\"\"></p>"
        );
    }

    #[test]
    fn base_element_moves_the_base() {
        let page = "<html><head><base href=\"https://cdn.example.net/x/\"></head>\
                    <body><p><a href=\"y.html\">link</a></p></body></html>";
        assert_eq!(
            render_all(page, Format::Markdown, true, false, Some("https://example.org/")),
            "[link](https://cdn.example.net/x/y.html)"
        );
    }

    #[test]
    fn figures_keep_image_and_caption() {
        let page = "<figure><picture><source srcset=\"a.webp\"><img src=\"a.jpg\" alt=\"Alt\"></picture>\
                    <figcaption>The caption. <span>Photo: Me</span></figcaption></figure>";
        assert_eq!(
            render_all(page, Format::Markdown, false, true, None),
            "![Alt](a.jpg)\n\nThe caption. Photo: Me"
        );
        assert_eq!(
            render_all(page, Format::Html, false, true, None),
            "<figure>\n<img src=\"a.jpg\" alt=\"Alt\">\n<figcaption>The caption. Photo: Me</figcaption>\n</figure>"
        );
        assert_eq!(md(page), "The caption. Photo: Me");
    }

    #[test]
    fn html_escapes_text_and_attributes() {
        let page = "<p>a &lt;b&gt; &amp; \"c\" <a href='/q?x=\"1\"' title='&lt;t&gt;'>d</a></p>";
        assert_eq!(
            render_all(page, Format::Html, true, false, None),
            "<p>a &lt;b&gt; &amp; \"c\" <a href=\"/q?x=&quot;1&quot;\" title=\"&lt;t&gt;\">d</a></p>"
        );
    }

    #[test]
    fn only_kept_blocks_appear() {
        let doc = dom::parse(
            "<h1>Kept</h1><p>Dropped <em>words</em>.</p><ul><li>kept item</li><li>gone</li></ul>",
            1000,
        )
        .unwrap();
        let cleaned = clean::clean(&doc);
        let blocks = segment::segment(&doc, &cleaned);
        let keep: Vec<bool> = blocks
            .iter()
            .map(|b| !b.text.contains("ropped") && b.text != "gone")
            .collect();
        let page = Page {
            doc: &doc,
            cleaned: &cleaned,
            blocks: &blocks,
            url: None,
        };
        let options = |format| Options {
            format,
            ..Options::default()
        };
        assert_eq!(
            render(&page, &keep, &options(Format::Markdown)),
            "# Kept\n\n- kept item"
        );
        assert_eq!(
            render(&page, &keep, &options(Format::Html)),
            "<h1>Kept</h1>\n<ul>\n<li>kept item</li>\n</ul>"
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let depth = 2_000;
        let page = format!(
            "{}<p>deep</p>{}{}<p>lists</p>",
            "<blockquote>".repeat(depth),
            "</blockquote>".repeat(depth),
            "<ul><li>".repeat(depth)
        );
        for format in [Format::Markdown, Format::Html] {
            let out = render_all(&page, format, true, true, None);
            assert!(out.contains("deep") && out.contains("lists"));
        }
    }

    /// The text of each block, gathered from its span of the walk, is the
    /// block's own text: the structured renderers see exactly the blocks.
    #[test]
    fn spans_hold_their_blocks_text_on_every_corpus_page() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).expect("corpus/ exists") {
            let path = entry.expect("entry").path();
            if path.extension().is_none_or(|x| x != "html") {
                continue;
            }
            let bytes = std::fs::read(&path).expect("readable");
            let decoded = crate::decode::decode(&bytes, None).expect("decodes");
            let doc = dom::parse(&decoded.text, 1 << 22).expect("parses");
            let cleaned = clean::clean(&doc);
            let blocks = segment::segment(&doc, &cleaned);
            let mut texts = vec![String::new(); blocks.len()];
            let mut seq = 0u32;
            doc.walk(doc.body(), |edge| {
                let Edge::Open(id) = edge else {
                    return Walk::Continue;
                };
                let pos = seq;
                seq += 1;
                match doc.data(id) {
                    NodeData::Text(t) => {
                        if let Some(i) = blocks.iter().position(|b| b.span.contains(&pos)) {
                            texts[i].push_str(t);
                        }
                        Walk::Continue
                    }
                    NodeData::Element(_) if !cleaned.is_removed(id) => Walk::Continue,
                    _ => Walk::SkipChildren,
                }
            });
            let words = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            for (block, text) in blocks.iter().zip(&texts) {
                assert_eq!(words(&block.text), words(text), "{}", path.display());
            }
            checked += 1;
        }
        assert!(checked >= 30);
    }
}
