//! Issue 7: never crash, never hang, never lose a page.
//!
//! Pathological pages, each built here in the test: every one must give a
//! best-effort result or a clear typed [`dechaff::Error`], in bounded time,
//! without overflowing the stack anywhere in the pipeline (parse, every
//! traversal, render, `explain`, and dropping the results).
//!
//! Each pass over a page (extract, extract with comments, explain) runs in a
//! thread of its own with a 2 MiB stack (the default of spawned threads, what
//! rayon's workers get) and must finish within [`LIMIT`]: that catches hangs
//! and quadratic blow-ups without measuring speed. A stack overflow aborts
//! the whole test binary, which fails it too.
//!
//! The giant pages run at full size in release builds and smaller in debug
//! builds (see [`size`]): `cargo test --profile dev-opt --test robustness`
//! runs the full sizes in about 90 s on two cores. A test marked
//! `#[ignore]` would show a bug not fixed yet (its reason says which; run
//! it with `-- --ignored`); none is left.
//!
//! Regression inputs found by fuzzing (`fuzz/`) go at the end of the file.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use dechaff::{Error, Extractor, Input, Options};

/// How long one pass over a pathological page (extract, or explain) may take.
/// Generous on purpose (debug build of the engine, two shared cores): it is
/// there to catch hangs and quadratic behaviour, not to time anything.
const LIMIT: Duration = Duration::from_secs(60);

/// Stack of the worker threads: the default of `std::thread::spawn`.
const STACK_BYTES: usize = 2 << 20;

/// How deep the nested pages go.
const DEPTH: usize = 100_000;

/// `full` in release builds, `debug` in debug builds. The giant pages take
/// minutes in a debug build, where the engine and the parts of html5ever it
/// instantiates (its tokenizer and tree builder are generic over our sink)
/// run unoptimised: a debug run checks the same code paths on smaller pages,
/// and `cargo test --release --test robustness` checks the full sizes.
fn size(full: usize, debug: usize) -> usize {
    if cfg!(debug_assertions) {
        debug
    } else {
        full
    }
}

/// A sentence that reads like content, for pages that must keep it.
const SENTENCE: &str = "The harbour authority said on Tuesday that the new ferry timetable, agreed after \
                        months of talks with the unions, would start in the spring and cut waiting times.";

/// Runs `f` on a thread of its own and returns its result, failing when it
/// does not finish within [`LIMIT`] and passing on its panic if it panics.
fn bounded<T: Send + 'static>(name: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    let handle = std::thread::Builder::new()
        .name(name.to_owned())
        .stack_size(STACK_BYTES)
        .spawn(move || {
            let _ = tx.send(f());
        })
        .expect("spawn a worker thread");
    match rx.recv_timeout(LIMIT) {
        Ok(value) => {
            handle.join().expect("worker finished");
            value
        }
        Err(RecvTimeoutError::Timeout) => panic!("{name}: no result within {LIMIT:?}: a hang?"),
        Err(RecvTimeoutError::Disconnected) => match handle.join() {
            Err(panic) => std::panic::resume_unwind(panic),
            Ok(()) => unreachable!("{name}: the worker ended without sending"),
        },
    }
}

/// `options` changed by `change` (`Options` is `#[non_exhaustive]`).
fn with(mut options: Options, change: impl FnOnce(&mut Options)) -> Options {
    change(&mut options);
    options
}

/// What one page gave: the extraction's title and text, and how many blocks
/// `explain` reported, or their errors.
#[derive(Debug)]
struct Outcome {
    extracted: Result<(String, String), Error>,
    comments: Result<Option<String>, Error>,
    explained: Result<usize, Error>,
}

impl Outcome {
    /// The extracted text, failing on an error.
    fn text(&self, name: &str) -> &str {
        match &self.extracted {
            Ok((_, text)) => text,
            Err(e) => panic!("{name}: expected a result, got the error {e:?}"),
        }
    }

    /// The error, failing on a result.
    fn error(&self, name: &str) -> &Error {
        match &self.extracted {
            Err(e) => e,
            Ok((_, text)) => panic!("{name}: expected an error, got {} bytes of text", text.len()),
        }
    }
}

/// Extracts `page` with `options` (text, then comments too) and explains it,
/// each in its own bounded thread; checks that the three agree on success
/// and that nothing they return holds a NUL.
fn run_with(name: &str, page: Vec<u8>, options: Options) -> Outcome {
    let page = std::sync::Arc::new(page);
    let extracted = {
        let (page, options) = (page.clone(), options.clone());
        bounded(&format!("{name}: extract"), move || {
            let extractor = Extractor::new(options).expect("valid options");
            extractor.extract(&page).map(|r| (r.title, r.text))
        })
    };
    let comments = {
        let (page, options) = (page.clone(), with(options.clone(), |o| o.comments = true));
        bounded(&format!("{name}: extract with comments"), move || {
            let extractor = Extractor::new(options).expect("valid options");
            extractor.extract(&page).map(|r| r.comments)
        })
    };
    let explained = bounded(&format!("{name}: explain"), move || {
        let extractor = Extractor::new(options).expect("valid options");
        extractor.explain(Input::new(&page)).map(|e| e.blocks.len())
    });
    let outcome = Outcome {
        extracted,
        comments,
        explained,
    };
    match (&outcome.extracted, &outcome.comments, &outcome.explained) {
        (Ok((title, text)), Ok(comments), Ok(_)) => {
            assert!(!title.contains('\0'), "{name}: NUL in the title");
            assert!(!text.contains('\0'), "{name}: NUL in the text");
            assert!(
                !comments.as_deref().unwrap_or("").contains('\0'),
                "{name}: NUL in the comments"
            );
        }
        (Err(a), Err(b), Err(c)) => {
            assert_eq!(a, b, "{name}: extract with and without comments fail differently");
            assert_eq!(a, c, "{name}: extract and explain fail differently");
        }
        _ => panic!("{name}: extract and explain disagree: {outcome:?}"),
    }
    outcome
}

/// [`run_with`] with the default options.
fn run(name: &str, page: Vec<u8>) -> Outcome {
    run_with(name, page, Options::default())
}

/// `open` repeated `n` times, then `middle`, then `close` repeated `n` times.
fn nested(open: &str, middle: &str, close: &str, n: usize) -> Vec<u8> {
    let mut page = String::with_capacity((open.len() + close.len()) * n + middle.len() + 64);
    page.push_str("<!DOCTYPE html><html><head><title>Deep</title></head><body>");
    for _ in 0..n {
        page.push_str(open);
    }
    page.push_str(middle);
    for _ in 0..n {
        page.push_str(close);
    }
    page.push_str("</body></html>");
    page.into_bytes()
}

/// The sentence as a paragraph.
fn paragraph() -> String {
    format!("<p>{SENTENCE}</p>")
}

// ---------------------------------------------------------------------------
// Deep nesting: 100,000 levels of each kind of element.

#[test]
fn deep_divs_keep_their_text() {
    let out = run("divs", nested("<div>", &paragraph(), "</div>", DEPTH));
    assert!(out.text("divs").contains(SENTENCE), "{:?}", out.extracted);
}

#[test]
fn deep_divs_without_end_tags() {
    let out = run("unclosed divs", nested("<div>", &paragraph(), "", DEPTH));
    assert!(out.text("unclosed divs").contains(SENTENCE));
}

#[test]
fn deep_divs_with_text_at_every_level() {
    let open = "<div>The tide came in again, slowly, over the sand. ";
    run("divs with text", nested(open, &paragraph(), "</div>", DEPTH));
}

#[test]
fn deep_tables_with_text_at_every_level() {
    // 100,000 blocks, each 100,000 levels deeper than the last: a per-block
    // walk to the root in any stage would be quadratic. (Table cells, not
    // divs, which html5ever itself cannot nest that deep in bounded time.)
    // 100,000 levels in release builds, 20,000 in debug builds.
    let depth = size(DEPTH, 20_000);
    let open = "<table><tr><td>The tide came in again, slowly, over the sand. ";
    let out = run(
        "tables with text",
        nested(open, &paragraph(), "</td></tr></table>", depth),
    );
    let text = out.text("tables with text");
    assert!(text.contains(SENTENCE));
    assert_eq!(
        text.matches("The tide came in again").count(),
        depth,
        "lost some levels"
    );
}

#[test]
fn deep_spans() {
    let out = run("spans", nested("<span>", SENTENCE, "</span>", DEPTH));
    assert!(out.text("spans").contains(SENTENCE));
}

#[test]
fn deep_tables() {
    let out = run(
        "tables",
        nested("<table><tr><td>", SENTENCE, "</td></tr></table>", DEPTH),
    );
    assert!(out.text("tables").contains(SENTENCE));
}

#[test]
fn deep_list_items() {
    let out = run("lists", nested("<ul><li>", SENTENCE, "</li></ul>", DEPTH));
    assert!(out.text("lists").contains(SENTENCE));
}

#[test]
fn deep_links() {
    // Nested <a> is a parse error that the adoption agency untangles. (The
    // sentence is all link text: dropping it is right.)
    run("links", nested("<a href=\"/x\">", SENTENCE, "</a>", DEPTH));
}

#[test]
fn text_moved_out_of_a_table_again_and_again() {
    // Every "moved" is foster-parented before the table and joins the one
    // text node there, after the cell's text was written: growing that node
    // must not copy its text each time (quadratic on this page).
    let mut page = String::from("<table><tr>");
    for _ in 0..size(200_000, 20_000) {
        page.push_str("<td>cell</td>moved ");
    }
    page.push_str("</table>");
    run("foster", page.into_bytes());
}

/// How deep the block elements go in the test below, in debug builds too:
/// past the parser's depth limit (`Options::max_depth`, 256 by default),
/// where html5ever's tree builder alone would be quadratic.
const PARSER_DEPTH: usize = 1_000;

#[test]
fn block_elements_as_deep_as_the_parser_allows() {
    let out = run("divs", nested("<div>", &paragraph(), "</div>", PARSER_DEPTH));
    assert!(out.text("divs").contains(SENTENCE));
    let out = run("lists", nested("<ul><li>", SENTENCE, "</li></ul>", PARSER_DEPTH));
    assert!(out.text("lists").contains(SENTENCE));
    let out = run(
        "blockquotes",
        nested("<blockquote>", &paragraph(), "", PARSER_DEPTH),
    );
    assert!(out.text("blockquotes").contains(SENTENCE));
    let mut page = String::new();
    for i in 0..PARSER_DEPTH {
        page.push_str(&format!("<b class=c{i}>"));
    }
    page.push_str(&paragraph());
    let out = run("formatting", page.into_bytes());
    assert!(out.text("formatting").contains(SENTENCE));
    let open = "<div class=\"comments\"><div class=\"comment\"><p>I agree with that, mostly.</p>";
    run(
        "comments",
        nested(open, &paragraph(), "</div></div>", PARSER_DEPTH / 2),
    );
    let open = "<div>The tide came in again, slowly, over the sand. ";
    run(
        "divs with text",
        nested(open, &paragraph(), "</div>", PARSER_DEPTH),
    );
}

#[test]
fn deep_formatting_elements() {
    // Formatting elements are reconstructed on every text node while open:
    // distinct attributes defeat the "Noah's Ark" limit of three.
    let mut page = String::from("<body>");
    for i in 0..DEPTH {
        page.push_str(&format!("<b class=c{i}>"));
    }
    page.push_str(&paragraph());
    run("formatting", page.into_bytes());
    let mixed = "<b><i><u><s><em><strong><small><big><code><font><nobr><tt><strike>";
    run("mixed formatting", nested(mixed, &paragraph(), "", DEPTH / 13));
}

#[test]
fn deep_blockquotes_sections_and_articles() {
    for tag in [
        "blockquote",
        "section",
        "article",
        "main",
        "aside",
        "dl",
        "fieldset",
    ] {
        let open = format!("<{tag}>");
        let close = format!("</{tag}>");
        run(tag, nested(&open, &paragraph(), &close, DEPTH));
    }
}

#[test]
fn many_siblings_at_the_depth_limit() {
    // Past the depth limit the parser is linear, but each tag at the limit
    // still costs html5ever a scan of the open elements (about 30 µs at the
    // default 256 levels in release): this bounds that cost.
    let mut page = String::from("<body>");
    page.push_str(&"<div>".repeat(300));
    for _ in 0..size(100_000, 5_000) {
        page.push_str("<div><p>x</p><hr></div>");
    }
    page.push_str(&paragraph());
    let out = run("siblings at the limit", page.into_bytes());
    assert!(out.extracted.is_ok(), "{:?}", out.extracted);
}

#[test]
fn a_lower_depth_limit_flattens_but_keeps_the_text() {
    let options = with(Options::default(), |o| o.max_depth = 8);
    let page = nested("<div><section>", &paragraph(), "</section></div>", 50);
    let out = run_with("depth limit 8", page, options);
    assert!(out.text("depth limit 8").contains(SENTENCE));
}

#[test]
fn deep_foreign_content() {
    run("svg", nested("<svg><g>", "text", "</g></svg>", DEPTH / 2));
    run(
        "math",
        nested("<math><mrow>", "text", "</mrow></math>", DEPTH / 2),
    );
}

#[test]
fn deep_templates() {
    // A template's contents hang from a document fragment of their own.
    run(
        "templates",
        nested("<template>", &paragraph(), "</template>", DEPTH),
    );
}

#[test]
fn deep_comment_sections() {
    // The comments option walks the comment sections.
    let open = "<div class=\"comments\"><div class=\"comment\"><p>I agree with that, mostly.</p>";
    run("comments", nested(open, &paragraph(), "</div></div>", DEPTH / 2));
}

// ---------------------------------------------------------------------------
// Huge pages.

#[test]
fn fifty_megabyte_text_node() {
    // 50 MB in release builds, 5 MB in debug builds.
    let bytes = size(50_000_000, 5_000_000);
    let words = "lorem ipsum dolor sit amet, ";
    let n = bytes / words.len();
    let mut page = String::with_capacity(bytes + 100);
    page.push_str("<html><body><p>");
    for _ in 0..n {
        page.push_str(words);
    }
    page.push_str("</p></body></html>");
    let out = run("50 MB text", page.into_bytes());
    let text = out.text("50 MB text");
    assert!(text.len() > bytes - 100, "lost the text: {} bytes", text.len());
    assert!(text.starts_with("lorem ipsum dolor sit amet,"));
}

#[test]
fn fifty_megabyte_word() {
    // One text node without a single space (base64 of an inlined image as text).
    let mut page = b"<html><body><p>".to_vec();
    page.resize(page.len() + size(50_000_000, 5_000_000), b'A');
    page.extend_from_slice(b"</p></body></html>");
    run("50 MB word", page);
}

#[test]
fn a_million_sibling_paragraphs() {
    // A million in release builds, 50,000 in debug builds.
    let n = size(1_000_000, 50_000);
    let mut page = String::with_capacity(40 * n);
    page.push_str("<html><body><article>");
    for i in 0..n {
        page.push_str(&format!("<p>Paragraph {i} says little.</p>"));
    }
    page.push_str("</article></body></html>");
    let out = run("million paragraphs", page.into_bytes());
    let text = out.text("million paragraphs");
    assert!(
        text.contains(&format!("Paragraph {} says little.", n - 1)),
        "lost the end of the page"
    );
    assert_eq!(
        text.lines().filter(|l| !l.is_empty()).count(),
        n,
        "lost paragraphs"
    );
}

#[test]
fn a_million_sibling_line_breaks() {
    let mut page = String::from("<html><body><p>");
    page.push_str(SENTENCE);
    for _ in 0..size(1_000_000, 100_000) {
        page.push_str("<br>");
    }
    page.push_str(SENTENCE);
    page.push_str("</p></body></html>");
    run("million br", page.into_bytes());
}

#[test]
fn a_million_list_items() {
    let mut page = String::from("<html><body><ul>");
    for i in 0..size(1_000_000, 50_000) {
        page.push_str(&format!("<li><a href=\"/{i}\">item {i}</a>"));
    }
    page.push_str("</ul>");
    page.push_str(&paragraph());
    page.push_str("</body></html>");
    run("million li", page.into_bytes());
}

/// A `<div>` with `n` distinct attributes around the sentence.
fn attributes_page(n: usize) -> Vec<u8> {
    let mut page = String::from("<html><body><div");
    for i in 0..n {
        page.push_str(&format!(" data-a{i}=\"v{i}\""));
    }
    page.push('>');
    page.push_str(&paragraph());
    page.push_str("</div></body></html>");
    page.into_bytes()
}

#[test]
fn an_element_with_100000_attributes() {
    // html5ever's tokenizer checks each attribute against the ones before
    // it for duplicates: 6 s a pass in release before the attribute cap
    // (256 per tag), milliseconds now.
    let out = run("100,000 attributes", attributes_page(100_000));
    assert!(out.text("100,000 attributes").contains(SENTENCE));
}

#[test]
fn an_element_with_a_million_attributes() {
    // 23 MB; a million in release builds, 200,000 in debug builds.
    let out = run("a million attributes", attributes_page(size(1_000_000, 200_000)));
    assert!(out.text("a million attributes").contains(SENTENCE));
}

#[test]
fn repeated_body_tags_with_many_attributes() {
    // Each <body> tag adds its new attributes to the one body element.
    let mut page = String::from("<html><body>");
    for t in 0..size(2_000, 200) {
        page.push_str("<body");
        for i in 0..200 {
            page.push_str(&format!(" b{t}-{i}"));
        }
        page.push('>');
    }
    page.push_str(&paragraph());
    let out = run("body attributes", page.into_bytes());
    assert!(out.text("body attributes").contains(SENTENCE));
}

#[test]
fn an_element_with_100000_duplicate_attributes() {
    // Duplicates are dropped by the tokenizer, each checked against the rest.
    let mut page = String::from("<html><body><p");
    for _ in 0..100_000 {
        page.push_str(" class=\"x\"");
    }
    page.push('>');
    page.push_str(SENTENCE);
    page.push_str("</p></body></html>");
    let out = run("100,000 duplicate attributes", page.into_bytes());
    assert!(out.text("100,000 duplicate attributes").contains(SENTENCE));
}

#[test]
fn a_huge_attribute_value_and_title() {
    let big = "x".repeat(size(10_000_000, 1_000_000));
    let page = format!(
        "<html><head><title>{big}</title><meta name=\"description\" content=\"{big}\">\
         <meta property=\"article:published_time\" content=\"{big}\"></head>\
         <body class=\"{big}\"><article id=\"{big}\">{}</article></body></html>",
        paragraph()
    );
    run("huge attribute", page.into_bytes());
}

#[test]
fn a_hundred_thousand_meta_tags_and_json_ld_blocks() {
    let mut page = String::from("<html><head>");
    for i in 0..20_000 {
        page.push_str(&format!(
            "<meta name=\"author\" content=\"Author {i}\"><meta property=\"og:title\" content=\"T{i}\">\
             <script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"headline\":\"H{i}\",\
             \"author\":{{\"name\":\"A{i}\"}},\"datePublished\":\"2020-01-01\"}}</script>"
        ));
    }
    page.push_str("</head><body>");
    page.push_str(&paragraph());
    page.push_str("</body></html>");
    run("many metadata", page.into_bytes());
}

#[test]
fn deeply_nested_json_ld() {
    let mut page = String::from("<html><head><script type=\"application/ld+json\">");
    page.push_str(&"[".repeat(1_000_000));
    page.push_str(&"{\"a\":".repeat(100_000));
    page.push_str("</script></head><body>");
    page.push_str(&paragraph());
    page.push_str("</body></html>");
    let out = run("deep JSON-LD", page.into_bytes());
    assert!(out.text("deep JSON-LD").contains(SENTENCE));
}

// ---------------------------------------------------------------------------
// Bytes that are not clean text.

#[test]
fn nul_bytes_and_invalid_utf8() {
    let page = b"<html><body><p>The first\0 words\0\0 of a page \xFF\xFE\xC3( with broken \
                 bytes \xE2\x82 and NULs, \xF0\x9F\x92 still readable after all.</p>\0</body></html>"
        .to_vec();
    let out = run("NUL and invalid UTF-8", page);
    let text = out.text("NUL and invalid UTF-8");
    assert!(text.contains("still readable after all."), "{text:?}");
    assert!(!text.contains('\0'));
}

#[test]
fn control_characters_are_taken_out() {
    let page = "<html><head><title>Bell\u{7} &#7;and\u{1b} esc\u{85}ape</title></head><body><article>\
                <p>The harbour\u{7} authority &#1;said\u{9c} on Tuesday\u{c}that the new ferry timetable, \
                agreed after months of talks with the unions, would start in the spring.</p>\
                <pre>\tindented\u{b}line</pre></article></body></html>";
    let out = run("control characters", page.as_bytes().to_vec());
    let Ok((title, text)) = &out.extracted else {
        panic!("{out:?}");
    };
    for s in [title, text] {
        let bad = s.chars().find(|&c| c.is_control() && c != '\n' && c != '\t');
        assert_eq!(bad, None, "{s:?}");
    }
    assert_eq!(title, "Bell and esc ape");
    assert!(
        text.contains("The harbour authority said on Tuesday that"),
        "{text:?}"
    );
    assert!(text.contains("\tindented line"), "{text:?}");
}

#[test]
fn a_page_of_nul_bytes() {
    run("all NUL", vec![0; 1 << 20]);
    run("all NUL, odd length", vec![0; 1001]);
}

#[test]
fn random_bytes() {
    // xorshift: the same bytes on every run.
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut bytes = Vec::with_capacity(1 << 20);
    while bytes.len() < 1 << 20 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        bytes.extend_from_slice(&state.to_le_bytes());
    }
    run("random bytes", bytes.clone());
    // The same bytes with tags sprinkled through them.
    for (i, chunk) in bytes.chunks_mut(97).enumerate() {
        let tag: &[u8] = [
            b"<p>".as_slice(),
            b"<div>",
            b"</p>",
            b"<a href=x>",
            b"</div>",
            b"<td>",
            b"<!--",
        ][i % 7];
        chunk[..tag.len()].copy_from_slice(tag);
    }
    run("random bytes and tags", bytes);
}

/// The UTF-16 test page and the text it must give.
fn utf16_page() -> (String, &'static str) {
    let text = "Grüße aus Zürich: das Café an der Straße öffnet um 8 Uhr, sagt Frau Müller, \
                und ab Montag gibt es dort auch Kuchen — 東京風 und Ελληνικά 𝄞.";
    let page = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Grüße</title></head>\
         <body><nav><a href=\"/\">Start</a></nav><article><p>{text}</p><p>{text}</p></article></body></html>"
    );
    (page, text)
}

#[test]
fn utf16_le_and_be_with_and_without_bom() {
    let (page, text) = utf16_page();
    let le: Vec<u8> = page.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = page.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let cases = [
        ("UTF-16LE with BOM", [&[0xFF, 0xFE][..], &le].concat(), "UTF-16LE"),
        ("UTF-16BE with BOM", [&[0xFE, 0xFF][..], &be].concat(), "UTF-16BE"),
        ("UTF-16LE without BOM", le, "UTF-16LE"),
        ("UTF-16BE without BOM", be, "UTF-16BE"),
    ];
    for (name, bytes, encoding) in cases {
        let result = bounded(name, move || {
            Extractor::new(Options::default())
                .expect("default options")
                .extract(&bytes)
        })
        .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(result.encoding, encoding, "{name}");
        assert_eq!(result.text, format!("{text}\n\n{text}"), "{name}");
        assert!(result.title.contains("Grüße"), "{name}: title {:?}", result.title);
    }
}

#[test]
fn utf16_with_a_charset_hint_that_contradicts_the_bom() {
    // The BOM wins over the caller's hint.
    let (page, text) = utf16_page();
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(page.encode_utf16().flat_map(u16::to_le_bytes));
    let result = bounded("UTF-16 BOM and hint", move || {
        Extractor::new(Options::default())
            .expect("default options")
            .extract_input(Input::new(&bytes).charset("iso-8859-1"))
    })
    .expect("extracts");
    assert!(result.text.contains(text), "{:?}", result.text);
}

// ---------------------------------------------------------------------------
// Files that are not HTML, and pages with nothing in them.

#[test]
fn a_png_renamed_html_is_not_html() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xffa".to_vec();
    png.extend((0..4096u32).map(|i| (i * 31 % 251) as u8));
    let out = run("PNG", png);
    assert!(
        matches!(out.error("PNG"), Error::NotHtml { kind } if kind.contains("PNG")),
        "{out:?}"
    );
}

#[test]
fn a_pdf_renamed_html_is_not_html() {
    let pdf = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n\
                2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
        .to_vec();
    let out = run("PDF", pdf);
    assert!(
        matches!(out.error("PDF"), Error::NotHtml { kind } if kind.contains("PDF")),
        "{out:?}"
    );
}

#[test]
fn other_binary_formats_are_not_html() {
    let cases: [&[u8]; 4] = [
        b"GIF89a\x01\0\x01\0\x80\0\0\xff\xff\xff\0\0\0!\xf9\x04",
        b"\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01",
        b"PK\x03\x04\x14\0\0\0\x08\0",
        b"\x1F\x8B\x08\0\0\0\0\0\0\x03",
    ];
    for bytes in cases {
        let out = run("binary", bytes.to_vec());
        assert!(matches!(out.error("binary"), Error::NotHtml { .. }), "{out:?}");
    }
}

#[test]
fn an_empty_file_has_no_text() {
    let out = run("empty", Vec::new());
    assert_eq!(out.extracted, Ok((String::new(), String::new())));
    assert_eq!(out.explained, Ok(0));
}

#[test]
fn a_lone_angle_bracket() {
    for page in [
        "<", "<<", "</", "<!", "<!-", "<?", "&", "&#", "&#x", "<p", "<p <", "\u{FEFF}",
    ] {
        let out = run(page, page.as_bytes().to_vec());
        assert!(out.extracted.is_ok(), "{page:?}: {out:?}");
    }
}

#[test]
fn whitespace_only_pages() {
    for page in [" ", "\n\n\n", "\t\r\n\u{a0}", "<p> </p>", "<p>&nbsp;</p>"] {
        let out = run(page, page.as_bytes().to_vec());
        assert_eq!(out.text(page), "", "{page:?}");
    }
}

#[test]
fn a_page_that_is_only_a_frameset() {
    let page =
        b"<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01 Frameset//EN\"><html><head><title>Frames</title>\
                 </head><frameset cols=\"20%,80%\"><frame src=\"menu.html\"><frame src=\"main.html\">\
                 <noframes>Your browser does not support frames.</noframes></frameset></html>";
    let out = run("frameset", page.to_vec());
    out.text("frameset");
}

#[test]
fn a_page_that_is_only_a_script() {
    let page = b"<script>document.write('<p>The script writes a paragraph that is long enough to be \
                 content, with commas, full stops. And more words after it.</p>');</script>";
    let out = run("script", page.to_vec());
    assert_eq!(out.text("script"), "");
}

#[test]
fn a_page_that_is_only_a_comment() {
    let page = b"<!-- The page is one comment with a sentence long enough to be content, with commas, \
                 and a full stop. <p>Even markup inside.</p> -->";
    let out = run("comment", page.to_vec());
    assert_eq!(out.text("comment"), "");
}

#[test]
fn unclosed_raw_text_elements() {
    for open in [
        "<script>",
        "<style>",
        "<textarea>",
        "<title>",
        "<xmp>",
        "<plaintext>",
        "<!--",
        "<![CDATA[",
    ] {
        let page = format!("{open}{}", paragraph().repeat(1000));
        run(open, page.into_bytes());
    }
}

// ---------------------------------------------------------------------------
// The limits give their typed errors.

#[test]
fn the_node_limit_is_a_typed_error() {
    let options = with(Options::default(), |o| o.max_nodes = 1000);
    let page = "<p>word</p>".repeat(10_000).into_bytes();
    let out = run_with("node limit", page, options.clone());
    assert_eq!(out.error("node limit"), &Error::TooManyNodes { limit: 1000 });
    // Far under the limit: fine.
    let out = run_with(
        "under the node limit",
        "<p>word</p>".repeat(10).into_bytes(),
        options,
    );
    out.text("under the node limit");
}

#[test]
fn the_default_node_limit_stops_a_flood_of_elements() {
    // 4.2 million elements in 17 MB: over the default limit of 4 million.
    // The default limit is the point: in debug builds this one takes
    // minutes, so it runs in release only.
    if cfg!(debug_assertions) {
        return;
    }
    let page = "<br>".repeat(4_200_000).into_bytes();
    let out = run("default node limit", page);
    assert_eq!(
        out.error("default node limit"),
        &Error::TooManyNodes { limit: 4_000_000 }
    );
}

#[test]
fn the_node_limit_counts_deep_trees_too() {
    // Spans nest in linear time: the depth limit is raised to build them all.
    let options = with(Options::default(), |o| {
        o.max_nodes = 5000;
        o.max_depth = 2 * DEPTH;
    });
    let out = run_with(
        "deep node limit",
        nested("<span>", "x", "</span>", DEPTH),
        options,
    );
    assert_eq!(out.error("deep node limit"), &Error::TooManyNodes { limit: 5000 });
}

#[test]
fn the_size_limit_is_a_typed_error() {
    let options = with(Options::default(), |o| o.max_input_bytes = 1000);
    let at_limit = vec![b'a'; 1000];
    run_with("at the size limit", at_limit, options.clone()).text("at the size limit");
    let over = vec![b'a'; 1001];
    let out = run_with("size limit", over, options);
    assert_eq!(
        out.error("size limit"),
        &Error::InputTooLarge {
            size: 1001,
            limit: 1000
        }
    );
}

#[test]
fn the_default_size_limit_is_64_mib() {
    let page = vec![b' '; (64 << 20) + 1];
    let out = run("default size limit", page);
    assert_eq!(
        out.error("default size limit"),
        &Error::InputTooLarge {
            size: (64 << 20) + 1,
            limit: 64 << 20
        }
    );
}

#[test]
fn zero_limits_are_invalid_options() {
    for options in [
        with(Options::default(), |o| o.max_nodes = 0),
        with(Options::default(), |o| o.max_input_bytes = 0),
        with(Options::default(), |o| o.max_depth = 0),
    ] {
        assert!(matches!(Extractor::new(options), Err(Error::InvalidOptions(_))));
    }
}

#[test]
fn an_unknown_charset_hint_is_a_typed_error() {
    let extractor = Extractor::new(Options::default()).expect("default options");
    let page = paragraph().into_bytes();
    let err = extractor
        .extract_input(Input::new(&page).charset("no-such-charset"))
        .expect_err("unknown label");
    assert_eq!(err, Error::UnknownEncoding("no-such-charset".into()));
    // Labels are matched as WHATWG does: case and surrounding spaces ignored.
    let result = extractor
        .extract_input(Input::new(&page).charset("  UTF-8 "))
        .expect("known label");
    assert!(result.text.contains(SENTENCE));
}

#[test]
fn odd_urls_do_not_fail_a_page() {
    let extractor = Extractor::new(Options::default()).expect("default options");
    let page = format!(
        "<a href=\"../../../x\">x</a><link rel=canonical href=\"::\">{}",
        paragraph()
    );
    for url in [
        "",
        "not a url",
        "http://",
        "http://[::1",
        "file:///",
        "https://ex ample.org/\0",
        "\u{FFFD}",
    ] {
        let result = extractor
            .extract_input(Input::new(page.as_bytes()).url(url))
            .unwrap_or_else(|e| panic!("{url:?}: {e:?}"));
        assert!(result.text.contains(SENTENCE), "{url:?}");
    }
}

// ---------------------------------------------------------------------------
// The formats agree.

#[test]
fn escaped_markup_in_noscript_is_dropped_in_every_format() {
    // A page saved by a browser with scripts on keeps its <noscript>
    // content as escaped text: code, which no format may show.
    // Here the escaped text shares its block with prose, which is kept.
    let page = format!(
        "<html><body><article><p>{SENTENCE}</p><noscript>&lt;img src=\"/pixel.gif\" alt=\"\"&gt; \
         <em>The ferries will run every twenty minutes, the authority said, from the first of May.</em>\
         </noscript><p>{SENTENCE}</p></article></body></html>"
    );
    let mut texts = Vec::new();
    for format in [
        dechaff::Format::Text,
        dechaff::Format::Markdown,
        dechaff::Format::Html,
    ] {
        let options = with(Options::default(), |o| o.format = format);
        let result = Extractor::new(options)
            .expect("valid options")
            .extract(page.as_bytes())
            .expect("extracts");
        assert!(
            !result.text.contains("pixel.gif"),
            "{format:?}: {:?}",
            result.text
        );
        assert!(
            result.text.contains("every twenty minutes"),
            "{format:?}: {:?}",
            result.text
        );
        texts.push(result.text);
    }
    // The same words in every format, markup (tags, Markdown's `*`) aside.
    let words = |s: &str| -> Vec<String> {
        let mut plain = String::new();
        let mut in_tag = false;
        for c in s.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                '*' => {}
                _ if !in_tag => plain.push(c),
                _ => {}
            }
        }
        plain.split_whitespace().map(str::to_owned).collect()
    };
    assert_eq!(words(&texts[0]), words(&texts[1]), "text and Markdown");
    assert_eq!(words(&texts[0]), words(&texts[2]), "text and HTML");
}

// ---------------------------------------------------------------------------
// Regressions found by fuzzing (fuzz/README.md): none so far.
