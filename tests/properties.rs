//! Properties of the engine over generated pages (issue 7), with proptest.
//!
//! Pages are random trees of paragraphs, divs, links, lists, headings,
//! tables, inline elements and scripts, filled with words from several
//! scripts, written with and without character references and with every
//! kind of whitespace between them. The generator also computes the text a
//! browser shows (references decoded, script and style content left out),
//! which is what the output is compared with:
//!
//! * extraction is deterministic: the same bytes give the same result, from
//!   the same extractor or another one;
//! * every line of the output (table cells apart) is, whitespace collapsed, a
//!   run of the page's visible text: nothing is invented, reordered inside a
//!   line, or taken from scripts, styles or attributes;
//! * the output is a `String` without control characters other than `\n`;
//! * `explain` keeps exactly the blocks that `extract` prints, in order.
//!
//! Case counts are modest (64 to 128) so that the suite stays fast in debug
//! builds; `PROPTEST_CASES=5000 cargo test --test properties` runs more.

use dechaff::{Extracted, Extractor, Input, Options};
use proptest::prelude::*;

/// Words of the pages: Latin with diacritics, Cyrillic, Greek, CJK, Arabic,
/// digits and punctuation that needs escaping in HTML.
#[rustfmt::skip]
const WORDS: &[&str] = &[
    "the", "ferry", "harbour", "timetable", "would", "start", "in", "spring", "and", "cut", "waiting", "times",
    "café", "naïve", "Zürich", "Straße", "Ærø", "Москва", "погода", "Ελλάδα", "東京", "天气预报", "データ",
    "서울", "مرحبا", "2024", "3.5", "don't", "e-mail", "AT&T", "x<y", "a>b", "\"quoted\"", "it's", "(see", "below)",
    "—", "…", ",", ".", "!", "?", "#1", "50%", "€10", "𝄞", "🙂",
];

/// Words that only scripts and styles hold: they must never be output.
const HIDDEN_WORDS: &[&str] = &["zzscriptword", "zzstyleword", "zzattrword"];

/// Named references the generator uses, with the character they stand for.
const NAMED: &[(&str, char)] = &[
    ("&amp;", '&'),
    ("&lt;", '<'),
    ("&gt;", '>'),
    ("&quot;", '"'),
    ("&apos;", '\''),
    ("&eacute;", 'é'),
    ("&uuml;", 'ü'),
    ("&szlig;", 'ß'),
    ("&mdash;", '—'),
    ("&hellip;", '…'),
    ("&euro;", '€'),
];

/// How a word is written in the source.
#[derive(Debug, Clone, Copy)]
enum Spelling {
    /// As is, with only `&`, `<` and `>` escaped.
    Plain,
    /// Every character a decimal reference.
    Decimal,
    /// Every character a hexadecimal reference.
    Hex,
    /// Named references where there is one.
    Named,
}

/// What separates two words.
const SEPARATORS: &[(&str, &str)] = &[
    (" ", " "),
    ("\n", "\n"),
    ("\t", "\t"),
    ("   ", "   "),
    ("\r\n", "\n"),
    ("&nbsp;", "\u{a0}"),
    ("&#32;", " "),
    (" \u{2003} ", " \u{2003} "),
    ("", ""),
];

/// A run of text: (source, visible text).
#[derive(Debug, Clone)]
struct Text {
    source: String,
    visible: String,
}

/// A node of a generated page.
#[derive(Debug, Clone)]
enum Node {
    Text(Text),
    Br,
    /// An element: its tag and attributes, and its children.
    Element(&'static str, &'static str, Vec<Node>),
    /// A table: rows of cells.
    Table(Vec<Vec<Vec<Node>>>),
    /// A `<pre>`: its text is kept as it is.
    Pre(Text),
    /// Content that is never shown: `<script>` or `<style>`.
    Hidden(&'static str, String),
}

/// Container elements, with attributes that carry no hiding.
const ELEMENTS: &[(&str, &str)] = &[
    ("p", ""),
    ("p", " class=\"lead\""),
    ("div", ""),
    ("div", " class=\"article-body\""),
    ("div", " id=\"sidebar\" class=\"zzattrword\""),
    ("a", " href=\"/story/zzattrword\""),
    ("a", " href=\"https://example.org/\" title=\"zzattrword\""),
    ("span", ""),
    ("em", ""),
    ("strong", ""),
    ("b", ""),
    ("ul", ""),
    ("ol", ""),
    ("li", ""),
    ("h1", ""),
    ("h2", ""),
    ("h3", ""),
    ("blockquote", ""),
    ("section", ""),
    ("article", ""),
    ("nav", ""),
    ("footer", " class=\"footer\""),
    ("aside", ""),
    ("figure", ""),
    ("figcaption", ""),
    ("main", ""),
    ("header", ""),
];

/// Writes `word` as `spelling`.
fn spell(word: &str, spelling: Spelling) -> String {
    word.chars()
        .map(|c| match spelling {
            Spelling::Decimal => format!("&#{};", c as u32),
            Spelling::Hex => format!("&#x{:X};", c as u32),
            Spelling::Named => NAMED
                .iter()
                .find(|(_, n)| *n == c)
                .map_or_else(|| escape_char(c), |(name, _)| (*name).to_owned()),
            Spelling::Plain => escape_char(c),
        })
        .collect()
}

/// `c` with `&`, `<` and `>` escaped.
fn escape_char(c: char) -> String {
    match c {
        '&' => "&amp;".into(),
        '<' => "&lt;".into(),
        '>' => "&gt;".into(),
        c => c.to_string(),
    }
}

fn spelling() -> impl Strategy<Value = Spelling> {
    prop_oneof![
        6 => Just(Spelling::Plain),
        1 => Just(Spelling::Decimal),
        1 => Just(Spelling::Hex),
        2 => Just(Spelling::Named),
    ]
}

/// A run of 1 to 25 words with separators, from `words`.
fn text_from(words: &'static [&'static str]) -> impl Strategy<Value = Text> {
    let word = (
        prop::sample::select(words),
        spelling(),
        prop::sample::select(SEPARATORS),
    );
    (
        prop::collection::vec(word, 1..25),
        prop::sample::select(SEPARATORS),
    )
        .prop_map(|(words, lead)| {
            let mut text = Text {
                source: lead.0.to_owned(),
                visible: lead.1.to_owned(),
            };
            for (word, spelling, (sep_source, sep_visible)) in words {
                text.source.push_str(&spell(word, spelling));
                text.visible.push_str(word);
                text.source.push_str(sep_source);
                text.visible.push_str(sep_visible);
            }
            text
        })
}

/// A tree of content, `depth` levels at most.
fn node(words: &'static [&'static str]) -> impl Strategy<Value = Node> {
    let leaf = prop_oneof![
        8 => text_from(words).prop_map(Node::Text),
        1 => Just(Node::Br),
        1 => text_from(words).prop_map(Node::Pre),
        1 => (prop::sample::select(&["script", "style"][..]), prop::sample::select(HIDDEN_WORDS))
            .prop_map(|(tag, word)| Node::Hidden(tag, format!("var {word} = \"<p>{word}</p>\";"))),
    ];
    leaf.prop_recursive(6, 80, 6, move |inner| {
        prop_oneof![
            6 => (prop::sample::select(ELEMENTS), prop::collection::vec(inner.clone(), 0..6))
                .prop_map(|((tag, attrs), children)| Node::Element(tag, attrs, children)),
            1 => prop::collection::vec(prop::collection::vec(prop::collection::vec(inner, 0..3), 1..4), 1..4)
                .prop_map(Node::Table),
        ]
    })
}

/// A generated page: its HTML and the text a browser shows.
#[derive(Debug, Clone)]
struct Page {
    html: String,
    /// The visible text of `<body>`, in document order.
    visible: String,
    /// The text of `<title>`.
    title: String,
}

/// Writes `node` into `page`.
fn write(node: &Node, page: &mut Page) {
    match node {
        Node::Text(t) => {
            page.html.push_str(&t.source);
            page.visible.push_str(&t.visible);
        }
        Node::Br => page.html.push_str("<br>"),
        Node::Element(tag, attrs, children) => {
            page.html.push_str(&format!("<{tag}{attrs}>"));
            for child in children {
                write(child, page);
            }
            page.html.push_str(&format!("</{tag}>"));
        }
        Node::Table(rows) => {
            page.html.push_str("<table>");
            for row in rows {
                page.html.push_str("<tr>");
                for cell in row {
                    page.html.push_str("<td>");
                    for child in cell {
                        write(child, page);
                    }
                    page.html.push_str("</td>");
                }
                page.html.push_str("</tr>");
            }
            page.html.push_str("</table>");
        }
        Node::Pre(t) => {
            // A newline right after <pre> is dropped by the parser: start
            // with a visible character's worth of nothing instead.
            page.html.push_str("<pre>");
            let source = t.source.strip_prefix(['\n', '\r']).unwrap_or(&t.source);
            let visible = t.visible.strip_prefix('\n').unwrap_or(&t.visible);
            page.html.push_str(source);
            page.visible.push_str(visible);
            page.html.push_str("</pre>");
        }
        Node::Hidden(tag, content) => page.html.push_str(&format!("<{tag}>{content}</{tag}>")),
    }
}

/// A page of random content with a title.
fn page_from(words: &'static [&'static str]) -> impl Strategy<Value = Page> {
    (text_from(words), prop::collection::vec(node(words), 1..8)).prop_map(|(title, body)| {
        let mut page = Page {
            html: format!(
                "<!DOCTYPE html><html><head><title>{}</title></head><body>",
                title.source
            ),
            visible: String::new(),
            title: title.visible,
        };
        for node in &body {
            write(node, &mut page);
        }
        page.html.push_str("</body></html>");
        page
    })
}

fn page() -> impl Strategy<Value = Page> {
    page_from(WORDS)
}

/// Runs of whitespace (as the engine sees it: `char::is_whitespace`) as one
/// space, trimmed.
fn normalise(s: &str) -> String {
    s.split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn extractor() -> Extractor {
    Extractor::new(Options::default()).expect("default options")
}

/// The first control character of `s` other than those in `allowed`, if any.
fn control_char(s: &str, allowed: &[char]) -> Option<char> {
    s.chars().find(|&c| c.is_control() && !allowed.contains(&c))
}

/// Cases per property, and no regression files written next to the tests
/// (a failure prints its minimal input; paste it into a test).
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Checks that `text` is `kept` joined by the renderer's separators.
fn assert_is_kept_blocks(text: &str, kept: &[&str]) {
    let mut rest = text;
    for (i, block) in kept.iter().enumerate() {
        if i > 0 {
            rest = ["\n\n", " | ", "\n"]
                .iter()
                .find_map(|sep| rest.strip_prefix(sep).filter(|r| r.starts_with(block)))
                .unwrap_or_else(|| panic!("block {i} {block:?} does not follow in {rest:?}"));
        }
        rest = rest
            .strip_prefix(block)
            .unwrap_or_else(|| panic!("block {i} {block:?} is not next in {rest:?}"));
    }
    assert!(rest.is_empty(), "text after the last kept block: {rest:?}");
}

proptest! {
    #![proptest_config(config(128))]

    /// The same bytes give the same result, twice from one extractor and
    /// once from another.
    #[test]
    fn extraction_is_deterministic(page in page()) {
        let bytes = page.html.as_bytes();
        let a = extractor();
        let first = a.extract(bytes);
        prop_assert_eq!(&first, &a.extract(bytes));
        prop_assert_eq!(&first, &extractor().extract(bytes));
        prop_assert_eq!(a.explain(Input::new(bytes)), a.explain(Input::new(bytes)));
    }

    /// Every output line (each table cell of it) is a run of the page's
    /// visible text, whitespace collapsed; nothing from scripts, styles or
    /// attributes gets out.
    #[test]
    fn output_lines_are_runs_of_the_visible_text(page in page()) {
        let result = extractor().extract(page.html.as_bytes()).expect("a generated page extracts");
        let visible = normalise(&page.visible);
        for line in result.text.lines() {
            for cell in line.split(" | ") {
                let cell = normalise(cell);
                prop_assert!(
                    visible.contains(&cell),
                    "output {:?} is not in the visible text {:?}\npage: {}",
                    cell, visible, page.html
                );
            }
        }
        for word in HIDDEN_WORDS {
            prop_assert!(!result.text.contains(word), "hidden word {} in {:?}", word, result.text);
            prop_assert!(!result.title.contains(word), "hidden word {} in the title {:?}", word, result.title);
        }
        // The title's words come from the page's title or headings.
        let all: String = [page.title.as_str(), page.visible.as_str()].concat();
        let all: String = all.chars().filter(|c| !c.is_whitespace()).collect();
        for word in result.title.split_whitespace() {
            prop_assert!(all.contains(word), "title word {:?} is not in the page", word);
        }
    }

    /// Every output word is one of the page's words (or a run of them where
    /// the page wrote words without a space between).
    #[test]
    fn output_words_come_from_the_page(page in page()) {
        let result = extractor().extract(page.html.as_bytes()).expect("a generated page extracts");
        let glued: String = page.visible.chars().filter(|c| !c.is_whitespace()).collect();
        for word in result.text.split_whitespace().filter(|&w| w != "|") {
            prop_assert!(glued.contains(word), "word {:?} is not in the page", word);
        }
    }

    /// The output holds no control character but `\n`, and `\t` (kept in
    /// `<pre>` text, which is rendered as it was: see
    /// `control_characters_do_not_reach_the_output` for the strict property).
    #[test]
    fn output_has_no_control_characters_but_newlines_and_tabs(page in page()) {
        let mut options = Options::default();
        options.comments = true;
        let result = Extractor::new(options).expect("options").extract(page.html.as_bytes())
            .expect("a generated page extracts");
        let comments = result.comments.unwrap_or_default();
        for (what, s) in [("text", &result.text), ("title", &result.title), ("comments", &comments)] {
            let bad = control_char(s, &['\n', '\t']);
            prop_assert!(bad.is_none(), "control character {:?} in the {}: {:?}", bad, what, s);
        }
    }

    /// `explain` keeps exactly the blocks that `extract` prints, in order,
    /// with the same confidence.
    #[test]
    fn explain_agrees_with_extract(page in page()) {
        let ex = extractor();
        let bytes = page.html.as_bytes();
        let result = ex.extract(bytes).expect("a generated page extracts");
        let explanation = ex.explain(Input::new(bytes)).expect("a generated page explains");
        let kept: Vec<&str> = explanation.blocks.iter().filter(|b| b.kept).map(|b| b.text.as_str()).collect();
        assert_is_kept_blocks(&result.text, &kept);
        prop_assert_eq!(result.confidence, explanation.confidence);
        prop_assert_eq!(result.text.is_empty(), kept.is_empty());
    }
}

/// Words with control characters, raw or as references (`&#1;` stays U+0001
/// by the HTML standard; `&#x85;` is … by the windows-1252 table).
#[rustfmt::skip]
const CONTROL_WORDS: &[&str] = &[
    "bell\u{7}", "\u{1}start", "mid\u{1b}dle", "del\u{7f}", "c1\u{9c}", "nel\u{85}", "vt\u{b}", "ff\u{c}",
    "the", "ferry", "harbour", "would", "start", "in", "spring",
];

proptest! {
    #![proptest_config(config(64))]

    /// Arbitrary bytes: a result or a typed error, the same twice, and clean text.
    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let ex = extractor();
        let first = ex.extract(&bytes);
        prop_assert_eq!(&first, &ex.extract(&bytes));
        let explained = ex.explain(Input::new(&bytes));
        prop_assert_eq!(first.is_ok(), explained.is_ok());
        if let Ok(Extracted { text, title, .. }) = &first {
            prop_assert!(!text.contains('\0') && !title.contains('\0'));
        }
    }

    /// Arbitrary markup-ish text: tags and references among random characters.
    #[test]
    fn arbitrary_markup(parts in prop::collection::vec(prop_oneof![
        Just("<p>".to_owned()), Just("</p>".to_owned()), Just("<div>".to_owned()), Just("<a href=x>".to_owned()),
        Just("</a>".to_owned()), Just("<li>".to_owned()), Just("<td>".to_owned()), Just("<table>".to_owned()),
        Just("<br>".to_owned()), Just("<script>".to_owned()), Just("</script>".to_owned()), Just("<!--".to_owned()),
        Just("-->".to_owned()), Just("&amp;".to_owned()), Just("&#0;".to_owned()), Just("&#x110000;".to_owned()),
        Just("<pre>".to_owned()), Just("<h1>".to_owned()), Just("<title>".to_owned()), Just("<svg>".to_owned()),
        ".{0,12}",
    ], 0..64)) {
        let html = parts.concat();
        let ex = extractor();
        let first = ex.extract(html.as_bytes()).expect("text extracts");
        prop_assert_eq!(&first, &ex.extract(html.as_bytes()).expect("text extracts"));
        let explanation = ex.explain(Input::new(html.as_bytes())).expect("text explains");
        let kept: Vec<&str> = explanation.blocks.iter().filter(|b| b.kept).map(|b| b.text.as_str()).collect();
        assert_is_kept_blocks(&first.text, &kept);
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// Control characters in the page's text (raw or as references) do not
    /// reach the output, but `\n` and `\t` (kept in `<pre>`, where a tab
    /// is indentation).
    #[test]
    fn control_characters_do_not_reach_the_output(page in page_from(CONTROL_WORDS)) {
        let result = extractor().extract(page.html.as_bytes()).expect("a generated page extracts");
        for (what, s) in [("text", &result.text), ("title", &result.title)] {
            let bad = control_char(s, &['\n', '\t']);
            prop_assert!(bad.is_none(), "control character {:?} in the {}: {:?}", bad, what, s);
        }
    }
}
