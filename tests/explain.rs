//! The explain view (issue 3): `Explanation::to_html` and `dechaff explain`.
//! The view is parsed back with html5ever, so the tests check what a browser
//! would show (which blocks, marked how, saying what), not strings that
//! happen to be in the file.

mod common;

use std::path::Path;

use common::{run, text};

use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};

fn corpus(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(name)).expect("corpus page")
}

fn explain(page: &[u8]) -> dechaff::Explanation {
    let extractor = dechaff::Extractor::new(dechaff::Options::default()).unwrap();
    extractor
        .explain(dechaff::Input::new(page))
        .expect("the page explains")
}

fn parse(html: &str) -> RcDom {
    html5ever::parse_document(RcDom::default(), Default::default()).one(html)
}

fn attr(node: &Handle, name: &str) -> Option<String> {
    match &node.data {
        NodeData::Element { attrs, .. } => attrs
            .borrow()
            .iter()
            .find(|a| &*a.name.local == name)
            .map(|a| a.value.to_string()),
        _ => None,
    }
}

fn tag(node: &Handle) -> Option<String> {
    match &node.data {
        NodeData::Element { name, .. } => Some(name.local.to_string()),
        _ => None,
    }
}

fn classes(node: &Handle) -> Vec<String> {
    attr(node, "class")
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

/// Every node under `node`, in document order.
fn all(node: &Handle) -> Vec<Handle> {
    let mut out = vec![node.clone()];
    for child in node.children.borrow().iter() {
        out.extend(all(child));
    }
    out
}

fn text_of(node: &Handle) -> String {
    all(node)
        .iter()
        .filter_map(|n| match &n.data {
            NodeData::Text { contents } => Some(contents.borrow().to_string()),
            _ => None,
        })
        .collect()
}

/// One block of the view as a reader sees it.
#[derive(Debug)]
struct ViewBlock {
    classes: Vec<String>,
    /// The indentation, in em.
    indent: f32,
    text: String,
    why: String,
    meta: String,
}

impl ViewBlock {
    fn is_marked_kept(&self) -> bool {
        self.classes.iter().any(|c| c == "v-kept" || c == "v-headline") && self.meta.contains("kept")
    }

    fn is_marked_dropped(&self) -> bool {
        !self.classes.iter().any(|c| c == "v-kept" || c == "v-headline")
            && self.meta.contains("dropped")
            && self.why.starts_with("dropped")
    }
}

/// The blocks of a view, in order.
fn view_blocks(html: &str) -> Vec<ViewBlock> {
    let dom = parse(html);
    all(&dom.document)
        .iter()
        .filter(|n| tag(n).as_deref() == Some("div") && classes(n).iter().any(|c| c == "b"))
        .map(|b| {
            let part = |class: &str| {
                all(b)
                    .iter()
                    .find(|n| classes(n).iter().any(|c| c == class))
                    .map(text_of)
                    .unwrap_or_default()
            };
            let style = attr(b, "style").unwrap_or_default();
            let indent = style
                .strip_prefix("margin-left:")
                .and_then(|s| s.strip_suffix("em"))
                .and_then(|s| s.parse().ok())
                .expect("every block has its indentation");
            ViewBlock {
                classes: classes(b),
                indent,
                text: part("t"),
                why: part("why"),
                meta: part("m"),
            }
        })
        .collect()
}

fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_view_of_a_corpus_page_marks_its_content_kept_and_its_menu_dropped_with_the_reason() {
    let page = corpus("news-article.html");
    let explanation = explain(&page);
    let view = view_blocks(&explanation.to_html());
    assert_eq!(
        view.len(),
        explanation.blocks.len(),
        "one view block per text block"
    );
    for (v, b) in view.iter().zip(&explanation.blocks) {
        assert_eq!(normalize(&v.text), normalize(&b.text), "document order");
        assert_eq!(v.is_marked_kept(), b.kept, "{:?}", b.text);
        assert!(
            v.meta.contains(&format!("score {:+.2}", b.score)),
            "{:?}: {}",
            b.text,
            v.meta
        );
    }
    // The hand-checked expected text: each of its lines is a block marked
    // kept, in order.
    let expected = String::from_utf8(corpus("news-article.txt")).unwrap();
    let kept: Vec<String> = view
        .iter()
        .filter(|v| v.is_marked_kept())
        .map(|v| normalize(&v.text))
        .collect();
    let lines: Vec<String> = expected
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(normalize)
        .collect();
    assert_eq!(kept, lines);
    // The site menu: dropped, outside the region, a link list in a nav.
    let menu = view
        .iter()
        .find(|v| v.text.starts_with("News Local Sport"))
        .expect("the menu is a block");
    assert!(menu.is_marked_dropped(), "{menu:?}");
    assert!(menu.classes.iter().any(|c| c == "v-outside-region"), "{menu:?}");
    assert!(menu.why.contains("outside the main region"), "{}", menu.why);
    assert!(
        menu.why
            .contains("link density -6.00 (100% of the words are links)"),
        "{}",
        menu.why
    );
    assert!(
        menu.why.contains("class/id") && menu.why.contains("\"nav\" in class \"primary-nav\""),
        "the class/id evidence names the word that matched: {}",
        menu.why
    );
    // The copyright line: the boilerplate phrase is named.
    let footer = view.iter().find(|v| v.text.starts_with("©")).expect("the footer");
    assert!(footer.is_marked_dropped());
    assert!(
        footer.why.contains("boilerplate phrase -2.50 (\"©\")"),
        "{}",
        footer.why
    );
}

#[test]
fn the_summary_gives_title_confidence_words_focus_and_a_legend() {
    let page = corpus("news-article.html");
    let explanation = explain(&page);
    let dom = parse(&explanation.to_html());
    let nodes = all(&dom.document);
    let header = nodes
        .iter()
        .find(|n| tag(n).as_deref() == Some("header"))
        .expect("a header");
    let summary = normalize(&text_of(header));
    let kept: f32 = explanation
        .blocks
        .iter()
        .filter(|b| b.kept)
        .map(|b| b.words)
        .sum();
    let dropped: f32 = explanation
        .blocks
        .iter()
        .filter(|b| !b.kept)
        .map(|b| b.words)
        .sum();
    for want in [
        format!("Title{}", explanation.title),
        format!("Confidence{:.2}", explanation.confidence),
        format!("Words{kept:.0} kept, {dropped:.0} dropped"),
        "Focusbalanced".to_owned(),
        format!("Main region{}", explanation.region.clone().unwrap()),
    ] {
        assert!(summary.contains(&want), "{want:?} in {summary:?}");
    }
    assert_eq!(
        explanation.title,
        "Harwick council votes to bring back night buses"
    );
    // The legend: one entry per verdict, coloured like the blocks.
    let legend: Vec<Vec<String>> = nodes
        .iter()
        .filter(|n| tag(n).as_deref() == Some("li") && classes(n).iter().any(|c| c.starts_with("v-")))
        .map(classes)
        .collect();
    assert_eq!(legend.len(), 6, "{legend:?}");
    let style = nodes
        .iter()
        .find(|n| tag(n).as_deref() == Some("style"))
        .map(text_of)
        .unwrap();
    for entry in &legend {
        assert!(
            style.contains(&format!(".{}{{", entry[0])),
            "{} has a colour",
            entry[0]
        );
    }
}

#[test]
fn signals_add_up_to_the_score_on_every_corpus_page() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let explanation = explain(&std::fs::read(&path).unwrap());
        for b in &explanation.blocks {
            let sum: f32 = b.signals.iter().map(|s| s.logit).sum();
            assert!(
                (sum - b.score).abs() < 1e-3,
                "{}: {:?}: signals {sum} vs score {}",
                path.display(),
                b.text,
                b.score
            );
            assert_eq!(b.kept, b.verdict.is_kept());
            checked += 1;
        }
    }
    assert!(checked > 500, "{checked} blocks");
}

#[test]
fn page_text_is_escaped_and_the_view_runs_and_fetches_nothing() {
    let page =
        b"<html><head><title>&lt;/title&gt;&lt;script&gt;alert('t')&lt;/script&gt;</title></head><body>\
        <div class='x\" onmouseover=\"alert(1)'><p>The reporter wrote &lt;script&gt;alert(1)&lt;/script&gt; \
        into the paragraph to see whether the explain view would run it, and it must not: the page is \
        untrusted, so every piece of its text is escaped, quotes and ampersands &amp; all.</p></div>\
        <p><img src=https://tracker.example/pixel.gif> <a href=https://example.org/>a link</a></p>\
        <style>body{background:url(https://tracker.example/bg.png)}</style></body></html>";
    let explanation = explain(page);
    let html = explanation.to_html();
    assert!(!html.to_lowercase().contains("<script"), "no script element");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("onmouseover=\""), "attribute text stays text");
    let dom = parse(&html);
    let nodes = all(&dom.document);
    for node in &nodes {
        let name = tag(node).unwrap_or_default();
        assert!(
            !["script", "img", "link", "iframe", "object", "embed", "a"].contains(&name.as_str()),
            "no {name} element"
        );
        if let NodeData::Element { attrs, .. } = &node.data {
            for a in attrs.borrow().iter() {
                assert!(
                    !a.name.local.starts_with("on"),
                    "no event handler: {:?}",
                    a.name.local
                );
                assert!(
                    !["src", "href"].contains(&&*a.name.local),
                    "no fetch: {:?}",
                    a.name.local
                );
            }
        }
    }
    let style: String = nodes
        .iter()
        .filter(|n| tag(n).as_deref() == Some("style"))
        .map(text_of)
        .collect();
    assert!(!style.contains("url("), "the CSS fetches nothing");
    let csp = nodes
        .iter()
        .find(|n| attr(n, "http-equiv").is_some_and(|v| v.eq_ignore_ascii_case("content-security-policy")))
        .and_then(|n| attr(n, "content"))
        .expect("a Content-Security-Policy");
    assert!(csp.contains("default-src 'none'"), "{csp}");
    // What a reader sees is the page's text, markup included.
    let blocks = view_blocks(&html);
    assert!(blocks
        .iter()
        .any(|b| b.text.contains("wrote <script>alert(1)</script> into")));
    let title = nodes
        .iter()
        .find(|n| tag(n).as_deref() == Some("title"))
        .map(text_of)
        .unwrap();
    assert!(title.contains("</title><script>alert('t')</script>"), "{title}");
}

#[test]
fn blocks_are_indented_by_their_nesting() {
    let page = b"<body><div><p>The outer paragraph sits one level down in the layout of this page, \
        and it says so at some length.</p><div><div><section><p>The inner paragraph sits four levels \
        down in the layout of this page, and it says so at some length too.</p></section></div></div>\
        </div></body>";
    let view = view_blocks(&explain(page).to_html());
    assert_eq!(view.len(), 2);
    assert_eq!(view[0].indent, 0.0, "the shallowest block is not indented");
    assert!(view[1].indent > view[0].indent, "{view:?}");
}

#[test]
fn kinds_and_class_evidence_of_content_are_shown() {
    let page =
        b"<body><nav class=menu><ul><li><a href=/>Home</a></li><li><a href=/a>About</a></li></ul></nav>\
        <article><h2>A heading</h2><p>A paragraph of the article, long enough and with commas, full stops \
        and all the shape of prose that the scorer looks for in a body of text.</p>\
        <ul><li>A list item of the article.</li></ul></article></body>";
    let explanation = explain(page);
    let kinds: Vec<&str> = explanation.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        ["list item", "list item", "heading", "paragraph", "list item"]
    );
    let view = view_blocks(&explanation.to_html());
    assert!(view[2].classes.iter().any(|c| c == "k-heading"));
    assert!(view[4].classes.iter().any(|c| c == "k-list-item"));
    assert!(view[0].is_marked_dropped() && view[3].is_marked_kept());
    assert!(
        view[0].why.contains("class \"menu\" of nav.menu"),
        "the nav's class: {}",
        view[0].why
    );
    let home = &explanation.blocks[0];
    let class_id = home
        .signals
        .iter()
        .find(|s| s.kind == dechaff::SignalKind::ClassId)
        .unwrap();
    assert!(class_id.logit < 0.0);
}

#[test]
fn dechaff_explain_writes_the_view_and_plain_dechaff_still_extracts() {
    let dir = tempfile::tempdir().unwrap();
    let page = corpus("news-article.html");
    std::fs::write(dir.path().join("page.html"), &page).unwrap();
    let expected_view = explain(&page).to_html();

    let out = run(dir.path(), &["explain", "page.html"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), expected_view);
    assert!(out.stderr.is_empty());

    let out = run(dir.path(), &["explain", "-"], &page);
    assert_eq!(text(&out.stdout), expected_view, "standard input with -");
    let out = run(dir.path(), &["explain"], &page);
    assert_eq!(text(&out.stdout), expected_view, "standard input by default");

    let out = run(dir.path(), &["explain", "page.html", "-o", "view.html"], b"");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("view.html")).unwrap(),
        expected_view
    );

    let out = run(dir.path(), &["explain", "--focus", "precision", "page.html"], b"");
    assert!(normalize(&text(&out.stdout)).contains("<dt>Focus</dt><dd>precision</dd>"));

    // Without the subcommand: the text, as before.
    let expected_text = String::from_utf8(corpus("news-article.txt")).unwrap();
    let out = run(dir.path(), &["page.html"], b"");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout).trim_end(), expected_text.trim_end());
    let out = run(dir.path(), &["page.html", "page.html"], b"");
    assert_eq!(text(&out.stdout).lines().count(), 2, "several pages: JSON lines");
    // A page in a file named `explain` is reached by its path.
    std::fs::write(dir.path().join("explain"), &page).unwrap();
    let out = run(dir.path(), &["./explain"], b"");
    assert_eq!(text(&out.stdout).trim_end(), expected_text.trim_end());
}

#[test]
fn dechaff_explain_errors_say_what_went_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["explain", "missing.html"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        text(&out.stderr).trim_end(),
        "dechaff explain: missing.html: no such file: check the path"
    );

    let out = run(dir.path(), &["explain", "--charset", "klingon", "-"], b"<p>x</p>");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("WHATWG"));

    let out = run(dir.path(), &["explain", "--format", "json", "-"], b"<p>x</p>");
    assert_eq!(
        out.status.code(),
        Some(2),
        "extraction flags are not explain flags"
    );

    let out = run(
        dir.path(),
        &["explain", "-"],
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01",
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).starts_with("dechaff explain: standard input: not an HTML page"));

    let out = run(
        dir.path(),
        &["explain", "-", "-o", "no/such/dir/view.html"],
        b"<p>x</p>",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot write the output"));

    let out = run(dir.path(), &["explain", "--help"], b"");
    assert_eq!(out.status.code(), Some(0));
    let help = text(&out.stdout);
    assert!(help.contains("dechaff explain page.html > view.html"), "{help}");
    assert!(help.contains("Exit codes"));
}
