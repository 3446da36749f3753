//! Page metadata: title, authors, dates, site name, description, canonical
//! URL, language, main image, tags, categories and the kind of page.
//!
//! Each source of evidence has its own module: [`json_ld`] reads schema.org
//! JSON-LD, [`meta_tags`] reads `<meta>`/`<link>` tags and `itemprop`
//! microdata, [`authors`] the byline markup in the body, [`dates`] parses and
//! normalises dates, [`title`] chooses and cleans the title, [`language`]
//! reads or detects the language and [`page_type`] weighs the evidence for
//! the kind of page. [`scan`] walks the document once for the readers that
//! look at every element, and [`hints`] reads class and id names once for
//! the walks that look for bylines and datelines. This module merges them,
//! in the order given on [`extract`]. Nothing here panics on any input:
//! every value is checked, length-bounded and dropped when it does not
//! parse.

mod authors;
mod dates;
mod hints;
mod json_ld;
mod language;
mod meta_tags;
mod page_type;
mod scan;
mod title;

#[cfg(test)]
mod corpus;

use std::collections::HashSet;

use url::Url;

use crate::dom::{Document, Edge, NodeId, Tag, Walk};
use crate::words::is_ascii_space;

pub use page_type::PageType;

use hints::NameHints;
use json_ld::JsonLd;

pub(crate) use json_ld::{is_json_ld_script, is_json_ld_type};

/// What the page says about itself, merged from its JSON-LD, `<meta>` tags,
/// microdata, markup and URL.
///
/// Every field is optional: a page that declares nothing yields
/// `Metadata::default()` (with at most a title from `<title>` or `<h1>`, a
/// detected language and a page type).
///
/// ```
/// let extractor = dechaff::Extractor::new(dechaff::Options::default())?;
/// let page = br#"<html lang="en"><head><title>Rain all week - Daily News</title>
///   <meta property="og:site_name" content="Daily News">
///   <meta property="article:published_time" content="2024-03-14T08:00:00Z">
///   <meta name="author" content="Ann Smith"></head>
///   <body><article><h1>Rain all week</h1><p>Heavy rain is expected.</p></article></body></html>"#;
/// let meta = extractor.extract(page)?.metadata;
/// assert_eq!(meta.title.as_deref(), Some("Rain all week"));
/// assert_eq!(meta.site_name.as_deref(), Some("Daily News"));
/// assert_eq!(meta.authors, ["Ann Smith"]);
/// assert_eq!(meta.published.as_deref(), Some("2024-03-14T08:00:00Z"));
/// assert_eq!(meta.language.as_deref(), Some("en"));
/// assert_eq!(meta.page_type, dechaff::PageType::Article);
/// # Ok::<(), dechaff::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Metadata {
    /// The headline, without the site name that `<title>` and often
    /// `og:title` add (" - Site", " | Site", "Site: ").
    pub title: Option<String>,
    /// The authors' names, in the page's order, without "By" and without
    /// duplicates; empty when the page names none.
    pub authors: Vec<String>,
    /// When the page was first published, in ISO 8601: a date
    /// (`2016-03-14`) or a date-time (`2016-03-14T09:30:00+01:00`, the offset
    /// only when the page gives one).
    pub published: Option<String>,
    /// When the page was last modified, in the same form as `published`.
    pub modified: Option<String>,
    /// The name of the site or publication (`og:site_name`, JSON-LD
    /// `WebSite`/`publisher`).
    pub site_name: Option<String>,
    /// The page's own summary (`og:description`, JSON-LD `description`,
    /// `<meta name=description>`).
    pub description: Option<String>,
    /// The canonical URL (`<link rel=canonical>`, `og:url`), absolute.
    pub canonical_url: Option<String>,
    /// The language as a lower-case ISO 639-1 code where one exists (`"en"`,
    /// `"de"`, `"zh"`), else the ISO 639-3 code: the declared one
    /// (`<html lang>`, `og:locale`, `Content-Language`, JSON-LD
    /// `inLanguage`), else detected from the page's text when the detector
    /// is confident.
    pub language: Option<String>,
    /// The main image's absolute URL (`og:image`, `twitter:image`, JSON-LD
    /// `image`).
    pub image: Option<String>,
    /// Keywords and tags (`article:tag`, `<meta name=keywords>`, JSON-LD
    /// `keywords`), without duplicates.
    pub tags: Vec<String>,
    /// Sections and categories (`article:section`, JSON-LD
    /// `articleSection`, WordPress `rel="category"` links), without
    /// duplicates.
    pub categories: Vec<String>,
    /// What kind of page this is, from its declared types, URL and structure.
    pub page_type: PageType,
}

/// Longest value kept for a short field (title, name, date…), in chars:
/// anything longer is page text caught by mistake, not metadata.
const MAX_SHORT_VALUE_CHARS: usize = 400;

/// Longest description kept, in chars (descriptions are a paragraph at most).
const MAX_DESCRIPTION_CHARS: usize = 2000;

/// Most tags or categories kept: keyword stuffing goes past this.
const MAX_LIST_ITEMS: usize = 50;

/// Extracts the metadata of `doc`, fetched from `url` when known.
///
/// Sources, first one with a usable value wins, field by field:
///
/// - **title**: JSON-LD `headline`/`name` of the main entity, Dublin Core
///   `dc:title`, `og:title`, `twitter:title`, `parsely-title`, microdata
///   `headline`, then `<title>`, then the first `<h1>`; each cleaned of the
///   site name, and a candidate that matches an `<h1>` preferred over one
///   that does not (see [`title`]);
/// - **authors**: JSON-LD `author`, Dublin Core `dc:creator`, `<meta
///   name=author>`, `article:author` (when not a URL), Parse.ly/Sailthru
///   author tags, NYT's `byl`, microdata `author`, `rel=author` links, then
///   byline markup (`class="byline"`, `class="author"`, `/author/` links);
///   a site name after a name ("Ann Lee, CNN") dropped;
/// - **published**: JSON-LD `datePublished`/`dateCreated`,
///   `article:published_time` and the other date meta tags, microdata
///   `datePublished`, `<time pubdate>`/the first `<time>` of the article,
///   then a date in the URL (`/2016/03/14/`), then a date written in a
///   byline or dateline ("By Ann Lee, 9 May 2024"); **modified**: JSON-LD
///   `dateModified`, `article:modified_time`, `og:updated_time`, microdata;
/// - **site name**: `og:site_name`, JSON-LD `WebSite` name, JSON-LD
///   `publisher` name, `application-name`;
/// - **description**: `og:description`, JSON-LD `description`,
///   `<meta name=description>`, `twitter:description`, `dc:description`;
/// - **canonical URL**: `<link rel=canonical>`, `og:url`, JSON-LD `url` of
///   the main entity;
/// - **language**: `<html lang>`, `Content-Language`, `og:locale`, JSON-LD
///   `inLanguage`, `dc:language`, then detection from a text sample;
/// - **image**: `og:image`, `twitter:image`, JSON-LD `image`, microdata
///   `image`, `<link rel=image_src>`;
/// - **tags**: `article:tag`, JSON-LD `keywords`, `keywords` and
///   `news_keywords` meta; **categories**: `article:section`, JSON-LD
///   `articleSection`, `rel="category"` links and the links of a theme's
///   category list (`class="cat-links"`);
/// - **page type**: JSON-LD `@type`, `og:type`, URL shape and structure.
///
/// Relative URLs are resolved against `<base href>` and `url`.
pub(crate) fn extract(doc: &Document, url: Option<&str>) -> Metadata {
    let mut hints = NameHints::new(doc);
    let scan = scan::scan(doc, &mut hints);
    let meta = scan.meta;
    let ld = JsonLd::from_scripts(doc, &scan.ld_scripts);
    let base = base_url(url, meta.base_href());
    let page_url = url.and_then(|u| Url::parse(u.trim()).ok());

    let site_name = first_clean(
        [
            meta.get("og:site_name"),
            ld.website_name.as_deref(),
            ld.publisher.as_deref(),
            meta.get("application-name"),
        ],
        MAX_SHORT_VALUE_CHARS,
    );

    let title = title::choose(
        doc,
        &meta,
        &ld,
        site_name.as_deref(),
        page_url.as_ref(),
        &scan.h1s,
    );
    let authors = authors::authors(doc, &meta, &ld, site_name.as_deref(), &mut hints);
    let published = dates::published(doc, &meta, &ld, url, &scan.times, &mut hints);
    let modified = dates::modified(&meta, &ld);

    let description = first_clean(
        [
            meta.get("og:description"),
            ld.description.as_deref(),
            meta.get("description"),
            meta.get("twitter:description"),
            meta.get("dc:description"),
            meta.get("dcterms:description"),
        ],
        MAX_DESCRIPTION_CHARS,
    );

    let canonical_url = [meta.link("canonical"), meta.get("og:url"), ld.url.as_deref()]
        .into_iter()
        .flatten()
        .find_map(|u| resolve(base.as_ref(), u));

    let image = [
        meta.get("og:image:secure_url"),
        meta.get("og:image"),
        meta.get("og:image:url"),
        meta.get("twitter:image"),
        meta.get("twitter:image:src"),
        ld.image.as_deref(),
        meta.get("itemprop:image"),
        meta.link("image_src"),
    ]
    .into_iter()
    .flatten()
    .find_map(|u| resolve(base.as_ref(), u));

    let mut tags = ListBuilder::default();
    meta.all("article:tag").for_each(|t| tags.push(t));
    meta.all("og:article:tag").for_each(|t| tags.push(t));
    ld.keywords.iter().for_each(|t| tags.push(t));
    for key in ["keywords", "news_keywords"] {
        for value in meta.all(key) {
            value.split([',', ';']).for_each(|t| tags.push(t));
        }
    }

    let mut categories = ListBuilder::default();
    meta.all("article:section").for_each(|c| categories.push(c));
    ld.sections.iter().for_each(|c| categories.push(c));
    meta.category_links(doc).for_each(|c| categories.push(&c));

    let language = language::language(doc, &meta, &ld);
    let page_type = page_type::classify(
        doc,
        &meta,
        &ld,
        page_url.as_ref(),
        published.is_some(),
        !authors.is_empty(),
    );

    Metadata {
        title,
        authors,
        published,
        modified,
        site_name,
        description,
        canonical_url,
        language,
        image,
        tags: tags.items,
        categories: categories.items,
        page_type,
    }
}

/// Whitespace collapsed to single spaces and trimmed; `None` when nothing is
/// left or the value is longer than `max_chars` (a sign it is not metadata).
pub(super) fn clean_text(value: &str, max_chars: usize) -> Option<String> {
    let mut out = String::with_capacity(value.len().min(max_chars * 4));
    for (i, word) in value.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
        if out.len() > max_chars * 4 {
            return None;
        }
    }
    (!out.is_empty() && out.chars().count() <= max_chars).then_some(out)
}

/// The first of `values` that cleans to something.
fn first_clean<'a>(values: impl IntoIterator<Item = Option<&'a str>>, max_chars: usize) -> Option<String> {
    values
        .into_iter()
        .flatten()
        .find_map(|v| clean_text(v, max_chars))
}

/// A list of short strings without case-insensitive duplicates.
#[derive(Default)]
struct ListBuilder {
    items: Vec<String>,
    seen: HashSet<String>,
}

impl ListBuilder {
    /// Adds `value` when it is a non-empty short string not seen yet.
    fn push(&mut self, value: &str) {
        if self.items.len() >= MAX_LIST_ITEMS {
            return;
        }
        // Tags are words or short phrases: a longer value is text, not a tag.
        const MAX_TAG_CHARS: usize = 100;
        if let Some(v) = clean_text(value, MAX_TAG_CHARS) {
            if self.seen.insert(v.to_lowercase()) {
                self.items.push(v);
            }
        }
    }
}

/// The base for relative URLs: `<base href>` resolved against the page URL.
fn base_url(url: Option<&str>, base_href: Option<&str>) -> Option<Url> {
    let page = url.and_then(|u| Url::parse(u.trim()).ok());
    match (page, base_href) {
        (Some(page), Some(href)) => page.join(href.trim()).ok().or(Some(page)),
        (Some(page), None) => Some(page),
        (None, Some(href)) => Url::parse(href.trim()).ok(),
        (None, None) => None,
    }
}

/// `value` as an absolute http(s) URL: resolved against `base` when
/// relative, `https:` added to a protocol-relative URL when there is no base.
/// `None` for other schemes (`data:`, `javascript:`) and for relative URLs
/// without a base.
fn resolve(base: Option<&Url>, value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() || value.len() > MAX_URL_BYTES {
        return None;
    }
    let parsed = match base {
        Some(base) => base.join(value).ok()?,
        None if value.starts_with("//") => Url::parse(&format!("https:{value}")).ok()?,
        None => Url::parse(value).ok()?,
    };
    matches!(parsed.scheme(), "http" | "https").then(|| parsed.to_string())
}

/// Longest URL kept, in bytes (browsers cap URLs around this size).
const MAX_URL_BYTES: usize = 8192;

/// The text under `top`, without `<script>`, `<style>` and `<template>`
/// contents, whitespace collapsed, stopping once `max_chars` are collected.
pub(super) fn node_text(doc: &Document, top: NodeId, max_chars: usize) -> String {
    let mut raw = String::new();
    doc.walk(top, |edge| {
        let Edge::Open(id) = edge else {
            return Walk::Continue;
        };
        if raw.len() > max_chars * 4 {
            return Walk::SkipChildren;
        }
        match doc.tag(id) {
            Some(Tag::Script | Tag::Style | Tag::Template | Tag::Noscript) => return Walk::SkipChildren,
            Some(tag) if tag.is_block() || tag == Tag::Br => raw.push(' '),
            _ => {}
        }
        if let Some(t) = doc.text(id) {
            raw.push_str(t);
        }
        Walk::Continue
    });
    let mut out = String::new();
    for word in raw.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.chars().count() > max_chars {
        out = out.chars().take(max_chars).collect();
    }
    out
}

/// The number of whitespace-separated words of `text`, as
/// `text.split_whitespace().count()`, answered from the bytes when the
/// text's only white space is ASCII (nearly all runs), which is several
/// times faster: a word starts at the first byte unless it is a space, and
/// at every non-space byte that follows a space (the bytes of a non-ASCII
/// char are never spaces).
pub(super) fn word_count(text: &str) -> usize {
    if !text.is_ascii() && has_unicode_space(text.as_bytes()) {
        return text.split_whitespace().count();
    }
    let bytes = text.as_bytes();
    let Some((&first, after)) = bytes.split_first() else {
        return 0;
    };
    let before = &bytes[..after.len()];
    // Pairs are counted in blocks with a `u8` counter each: without a
    // running state and with narrow counters the loop vectorises (about a
    // third of the instructions of a byte-by-byte count).
    let mut starts = usize::from(!is_ascii_space(first));
    for (before, after) in before.chunks(WORD_BLOCK).zip(after.chunks(WORD_BLOCK)) {
        let mut block = 0u8;
        for (&b, &a) in before.iter().zip(after) {
            block += u8::from(is_ascii_space(b) & !is_ascii_space(a));
        }
        starts += usize::from(block);
    }
    starts
}

/// True when `bytes` (UTF-8) hold white space beyond ASCII: U+0085, U+00A0,
/// U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F or U+3000, the
/// other chars of `char::is_whitespace`. Only their lead bytes are looked
/// for (curly quotes and dashes share U+20xx's, so the next bytes decide).
fn has_unicode_space(bytes: &[u8]) -> bool {
    let next = |at: usize, len: usize| bytes.get(at + 1..at + len).unwrap_or_default();
    let space_at = |at: usize| match bytes[at] {
        0xC2 => matches!(next(at, 2), [0x85 | 0xA0]),
        0xE1 => next(at, 3) == [0x9A, 0x80],
        0xE2 => matches!(
            next(at, 3),
            [0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF] | [0x81, 0x9F]
        ),
        0xE3 => next(at, 3) == [0x80, 0x80],
        _ => false,
    };
    // U+1680 (Ogham) is rare: its lead byte gets a search of its own.
    memchr::memchr3_iter(0xC2, 0xE2, 0xE3, bytes).any(space_at)
        || memchr::memchr_iter(0xE1, bytes).any(space_at)
}

/// Pairs of bytes counted per block by [`word_count`]: at most one word
/// starts per pair, so a block's count fits in a `u8`.
const WORD_BLOCK: usize = u8::MAX as usize;

/// Lower-cased text with every run of non-alphanumeric characters turned
/// into one space: the form in which titles, names and segments compare.
pub(super) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom;

    fn meta_of(html: &str, url: Option<&str>) -> Metadata {
        let doc = dom::parse(html, 1_000_000).expect("parses");
        extract(&doc, url)
    }

    #[test]
    fn word_count_agrees_with_split_whitespace() {
        for text in [
            "",
            "   ",
            "one",
            " two  words ",
            "tab\tand\nline\r\nfeed\x0cform\x0bvertical\x08backspace!~",
            "non\u{a0}breaking space café",
            "日本語 テキスト",
        ] {
            assert_eq!(word_count(text), text.split_whitespace().count(), "{text:?}");
        }
        // Every white space char, and lookalikes that share its lead bytes.
        let pool: Vec<char> = (0..=0x3001u32)
            .filter_map(char::from_u32)
            .filter(|c| {
                c.is_whitespace()
                    || matches!(*c as u32, 0x80..=0xBF | 0x1680..=0x16FF | 0x2000..=0x20FF | 0x3000..=0x3001)
            })
            .chain(['a', 'é', '’', '—', '日'])
            .collect();
        for (i, &c) in pool.iter().enumerate() {
            for &d in pool.iter().skip(i % 7).step_by(7) {
                let text: String = ['x', c, 'y', d, d, 'z', c].iter().collect();
                assert_eq!(word_count(&text), text.split_whitespace().count(), "{text:?}");
                let text = format!("{c}{d}");
                assert_eq!(word_count(&text), text.split_whitespace().count(), "{text:?}");
            }
        }
        // Texts longer than a block, words across block boundaries.
        for text in [
            "a ".repeat(300),
            " ab".repeat(200),
            "x".repeat(600),
            "w  ".repeat(255),
        ] {
            assert_eq!(word_count(&text), text.split_whitespace().count(), "{text:?}");
        }
    }

    #[test]
    fn empty_page_gives_defaults() {
        let m = meta_of("", None);
        assert_eq!(m.title, None);
        assert!(m.authors.is_empty());
        assert_eq!(m.page_type, PageType::Other);
    }

    #[test]
    fn description_image_canonical_and_site_name() {
        let m = meta_of(
            r#"<html><head><base href="/news/">
            <meta property="og:site_name" content="  The  Daily ">
            <meta name="description" content="Plain description">
            <meta property="og:description" content="OG description">
            <meta property="og:image" content="img/a.jpg">
            <link rel="canonical" href="story-1?ref=x">
            </head><body><p>x</p></body></html>"#,
            Some("https://example.org/a/b"),
        );
        assert_eq!(m.site_name.as_deref(), Some("The Daily"));
        assert_eq!(m.description.as_deref(), Some("OG description"));
        assert_eq!(m.image.as_deref(), Some("https://example.org/news/img/a.jpg"));
        assert_eq!(
            m.canonical_url.as_deref(),
            Some("https://example.org/news/story-1?ref=x")
        );
    }

    #[test]
    fn relative_urls_without_base_are_dropped_and_data_urls_refused() {
        let m = meta_of(
            r#"<meta property="og:image" content="data:image/png;base64,AAAA">
            <meta name="twitter:image" content="/rel.png">
            <link rel="image_src" href="//cdn.example.org/i.png">
            <link rel="canonical" href="/relative">"#,
            None,
        );
        assert_eq!(m.image.as_deref(), Some("https://cdn.example.org/i.png"));
        assert_eq!(m.canonical_url, None);
    }

    #[test]
    fn tags_and_categories_are_merged_without_duplicates() {
        let m = meta_of(
            r#"<meta property="article:tag" content="Rust">
            <meta property="article:tag" content="parsing">
            <meta name="keywords" content="rust, HTML , ,parsing,web">
            <meta property="article:section" content="Tech">
            <script type="application/ld+json">{"@type":"NewsArticle","keywords":["Web","Extraction"],
              "articleSection":"Tech"}</script>
            <a rel="category tag" href="/c/prog">Programming</a>"#,
            None,
        );
        assert_eq!(m.tags, ["Rust", "parsing", "Web", "Extraction", "HTML"]);
        assert_eq!(m.categories, ["Tech", "Programming"]);
    }

    #[test]
    fn site_name_falls_back_to_json_ld() {
        let m = meta_of(
            r#"<script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"Site A"},
              {"@type":"Article","publisher":{"@type":"Organization","name":"Pub B"}}]}</script>"#,
            None,
        );
        assert_eq!(m.site_name.as_deref(), Some("Site A"));
    }

    #[test]
    fn clean_text_bounds_and_collapses() {
        assert_eq!(clean_text("  a \n b  ", 10).as_deref(), Some("a b"));
        assert_eq!(clean_text("   ", 10), None);
        assert_eq!(clean_text("abcdefghijk", 10), None);
    }

    #[test]
    fn fold_ignores_case_and_punctuation() {
        assert_eq!(fold("  Ars-Technica: News!  "), "ars technica news");
        assert_eq!(fold("Über—Straße"), "über straße");
    }

    #[test]
    fn hostile_input_does_not_panic() {
        let deep = "<div>".repeat(5000);
        let junk = format!(
            r#"<html lang="{}"><meta property="og:title" content="{}">{deep}
            <script type="application/ld+json">{{"@graph":[{}]}}</script>
            <script type="application/ld+json">[[[[{{"@type":</script>
            <time datetime="9999-99-99">x</time><time>February 30, 2020</time>"#,
            "x".repeat(10_000),
            "é".repeat(100_000),
            "{\"@type\":[1,2,{}],\"author\":{\"@id\":\"#a\"},\"@id\":\"#a\"},"
                .repeat(200)
                .trim_end_matches(','),
        );
        let m = meta_of(&junk, Some("not a url"));
        assert_eq!(m.published, None);
        let m = meta_of(
            "<title>\u{0}\u{feff}</title><h1></h1>",
            Some("https://x/2020/02/30/y"),
        );
        assert_eq!(m.published, None);
    }
}
