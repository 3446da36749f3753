//! The page's declared metadata outside JSON-LD: `<meta>` tags (Open Graph
//! `og:*`, `article:*`, `twitter:*`, Dublin Core `dc.*`/`dcterms.*`,
//! `name=author`, `name=description`…), `<link>` relations (`canonical`,
//! `image_src`), `<base href>`, `<html lang>`, and `itemprop` microdata
//! anywhere in the page. One pass over the document collects them into a
//! list of `(key, value)` pairs in document order; the other modules look
//! values up by key.
//!
//! Keys are lower case. A `<meta>` tag's key is its `property`, `name` or
//! `http-equiv` (the last as `http-equiv:NAME`); Dublin Core's dotted prefix
//! is written with a colon (`DC.creator` is `dc:creator`, `DCTERMS.created`
//! is `dcterms:created`). A microdata property is `itemprop:NAME`.

use crate::dom::{Document, Element, NodeId, Tag};

use super::hints::{Attributes, NameHints, CATEGORY_LIST};
use super::{clean_text, node_text, MAX_SHORT_VALUE_CHARS};

/// Ancestors looked at to decide whether a microdata property belongs to a
/// comment or review: deeper nesting than this is not page structure.
const MAX_SCOPE_DEPTH: usize = 64;

/// The microdata properties read (lower case); others are never looked up.
const MICRODATA_PROPERTIES: &[&str] = &[
    "headline",
    "name",
    "author",
    "creator",
    "datepublished",
    "datecreated",
    "datemodified",
    "image",
    "description",
    "inlanguage",
    "keywords",
    "articlesection",
    "publisher",
];

/// Most microdata values read: each may walk a subtree, and a real page has
/// a few dozen; the bound keeps a page of nested properties linear.
const MAX_MICRODATA_VALUES: usize = 256;

/// Most `rel=author`/`rel=category` links kept (a page lists a handful).
const MAX_REL_LINKS: usize = 32;

/// Longest microdata description kept from text, in chars.
const MAX_MICRODATA_TEXT_CHARS: usize = 2000;

/// Every `<meta>`, `<link>` relation and microdata property of a page.
#[derive(Debug, Default)]
pub(super) struct MetaTags {
    entries: Vec<(String, String)>,
    links: Vec<(String, String)>,
    author_links: Vec<NodeId>,
    category_links: Vec<NodeId>,
    base_href: Option<String>,
    html_lang: Option<String>,
    /// Microdata values read so far (see [`MAX_MICRODATA_VALUES`]).
    microdata_values: usize,
}

impl MetaTags {
    /// Collects the metadata tags of `doc` in a pass of its own (the
    /// extraction reads them in the pass of [`super::scan`]).
    #[cfg(test)]
    pub(super) fn collect<'a>(doc: &'a Document, hints: &mut NameHints<'a>) -> MetaTags {
        let mut tags = MetaTags::default();
        for id in doc.descendants(doc.root()) {
            if let Some(el) = doc.element(id) {
                tags.read(doc, id, el, hints);
            }
        }
        tags
    }

    /// Reads element `el` (at `id`); the elements come in document order.
    pub(super) fn read<'a>(
        &mut self,
        doc: &'a Document,
        id: NodeId,
        el: &Element,
        hints: &mut NameHints<'a>,
    ) {
        match el.tag {
            Tag::Meta => {
                if let Some(content) = el.attr("content").or_else(|| el.attr("value")) {
                    for key in ["property", "name"].into_iter().filter_map(|k| el.attr(k)) {
                        // `property` may hold several space-separated names.
                        for k in key.split_whitespace() {
                            self.push(normalize_key(k), content);
                        }
                    }
                    if let Some(h) = el.attr("http-equiv") {
                        self.push(format!("http-equiv:{}", h.trim().to_ascii_lowercase()), content);
                    }
                }
            }
            Tag::Base if self.base_href.is_none() => {
                self.base_href = el.attr("href").map(str::to_string);
            }
            Tag::Html if self.html_lang.is_none() => {
                self.html_lang = el
                    .attr("lang")
                    .or_else(|| el.attr("xml:lang"))
                    .map(str::to_string);
            }
            _ => {}
        }
        let rel_category = |el: &Element| {
            el.attr("rel")
                .is_some_and(|r| r.split_whitespace().any(|t| t.eq_ignore_ascii_case("category")))
        };
        if el.tag == Tag::A
            && self.category_links.len() < MAX_REL_LINKS
            && !rel_category(el)
            && in_category_list(doc, id, hints)
        {
            self.category_links.push(id);
        }
        if matches!(el.tag, Tag::Link | Tag::A) {
            if let (Some(rel), Some(href)) = (el.attr("rel"), el.attr("href")) {
                for token in rel.split_whitespace() {
                    let token = token.to_ascii_lowercase();
                    if el.tag == Tag::A && token == "author" && self.author_links.len() < MAX_REL_LINKS {
                        self.author_links.push(id);
                    }
                    if el.tag == Tag::A && token == "category" && self.category_links.len() < MAX_REL_LINKS {
                        self.category_links.push(id);
                    }
                    self.links.push((token, href.to_string()));
                }
            }
        }
        if let Some(props) = el.attr("itemprop") {
            let wanted: Vec<String> = props
                .split_whitespace()
                .map(str::to_ascii_lowercase)
                .filter(|p| MICRODATA_PROPERTIES.contains(&p.as_str()))
                .collect();
            if wanted.is_empty() || self.microdata_values >= MAX_MICRODATA_VALUES || in_comment_scope(doc, id)
            {
                return;
            }
            self.microdata_values += 1;
            if let Some(value) = microdata_value(doc, id) {
                for prop in wanted {
                    self.push(format!("itemprop:{prop}"), &value);
                }
            }
        }
    }

    fn push(&mut self, key: String, value: &str) {
        if !value.trim().is_empty() {
            self.entries.push((key, value.to_string()));
        }
    }

    /// The first non-empty value under `key`.
    pub(super) fn get(&self, key: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Every value under `key`, in document order.
    pub(super) fn all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.entries
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The `href` of the first `<link>`/`<a>` with relation `rel`.
    pub(super) fn link(&self, rel: &str) -> Option<&str> {
        self.links.iter().find(|(r, _)| r == rel).map(|(_, h)| h.as_str())
    }

    /// The `<base href>`, if any.
    pub(super) fn base_href(&self) -> Option<&str> {
        self.base_href.as_deref()
    }

    /// The `<html lang>` attribute, if any.
    pub(super) fn html_lang(&self) -> Option<&str> {
        self.html_lang.as_deref()
    }

    /// The texts of the `<a rel="author">` links, in document order.
    pub(super) fn author_links<'a>(&'a self, doc: &'a Document) -> impl Iterator<Item = String> + 'a {
        self.author_links
            .iter()
            .map(move |&id| node_text(doc, id, MAX_SHORT_VALUE_CHARS + 1))
    }

    /// The texts of the `<a rel="category">` links (WordPress's category
    /// links) and of the links in a theme's category list
    /// ([`CATEGORY_LIST_CLASSES`]), in document order.
    pub(super) fn category_links<'a>(&'a self, doc: &'a Document) -> impl Iterator<Item = String> + 'a {
        self.category_links
            .iter()
            .map(move |&id| node_text(doc, id, MAX_SHORT_VALUE_CHARS + 1))
    }
}

/// A `<meta>` name as a key: lower case, Dublin Core's dot after the prefix
/// made a colon (`DC.date.issued` → `dc:date.issued`), `dcterm` spelled
/// `dcterms`.
fn normalize_key(name: &str) -> String {
    let key = name.trim().to_ascii_lowercase();
    for prefix in ["dcterms", "dcterm", "dc"] {
        if let Some(rest) = key.strip_prefix(prefix) {
            if let Some(rest) = rest.strip_prefix('.').or_else(|| rest.strip_prefix(':')) {
                let prefix = if prefix == "dc" { "dc" } else { "dcterms" };
                return format!("{prefix}:{rest}");
            }
        }
    }
    key
}

/// Words in the `class` of a WordPress theme's list of the post's
/// categories ("Posted in <a>Essays</a>"), whose links may lack
/// `rel="category"`.
pub(super) const CATEGORY_LIST_CLASSES: &[&str] = &["cat-links", "post-categories", "entry-categories"];

/// Levels above a link searched for a category list (the link sits in the
/// list's `<span>`, sometimes in an `<li>` of it).
const CATEGORY_LIST_DEPTH: usize = 2;

/// True when the link at `id` is in a list of the post's categories.
fn in_category_list(doc: &Document, id: NodeId, hints: &mut NameHints<'_>) -> bool {
    (doc.ancestors(id).take(CATEGORY_LIST_DEPTH)).any(|a| hints.of(a, Attributes::Class) & CATEGORY_LIST != 0)
}

/// True when the microdata property at `id` belongs to a comment or review
/// item (its author and date are not the page's).
fn in_comment_scope(doc: &Document, id: NodeId) -> bool {
    std::iter::once(id)
        .chain(doc.ancestors(id))
        .take(MAX_SCOPE_DEPTH)
        .any(|a| {
            doc.element(a).is_some_and(|el| {
                el.attr("itemscope").is_some()
                    && el
                        .attr("itemtype")
                        .is_some_and(|t| t.contains("Comment") || t.contains("Review"))
                    && a != id
            })
        })
}

/// The value of the microdata property on element `id`, following the
/// microdata rules: `content`, then the URL or time attribute of the
/// element's kind, then its text. A property that is itself an item
/// (`itemscope`, e.g. an author `Person`) has the value of its `name`.
fn microdata_value(doc: &Document, id: NodeId) -> Option<String> {
    let el = doc.element(id)?;
    if el.attr("itemscope").is_none() {
        return plain_value(doc, id);
    }
    let name = doc.descendants(id).skip(1).take(MAX_ITEM_NODES).find(|&d| {
        doc.element(d)
            .and_then(|e| e.attr("itemprop"))
            .is_some_and(|p| p.split_whitespace().any(|t| t.eq_ignore_ascii_case("name")))
    });
    // Without a name, the item's text stands for it (a Person written as
    // plain text inside its scope).
    match name {
        Some(n) => plain_value(doc, n),
        None => clean_text(
            &node_text(doc, id, MAX_SHORT_VALUE_CHARS + 1),
            MAX_SHORT_VALUE_CHARS,
        ),
    }
}

/// Nodes searched for an item's `name` property: an item is a small
/// subtree, and the bound keeps a page of nested items linear.
const MAX_ITEM_NODES: usize = 1000;

/// The value of property element `id` read as a plain (non-item) value.
fn plain_value(doc: &Document, id: NodeId) -> Option<String> {
    let el = doc.element(id)?;
    if let Some(content) = el.attr("content") {
        return clean_text(content, MAX_MICRODATA_TEXT_CHARS);
    }
    let attr = match el.tag {
        Tag::A | Tag::Link | Tag::Area => el.attr("href"),
        Tag::Img | Tag::Audio | Tag::Video | Tag::Source | Tag::Iframe | Tag::Embed | Tag::Track => {
            el.attr("src")
        }
        Tag::Object => el.attr("data"),
        Tag::Time => el.attr("datetime"),
        Tag::Data | Tag::Meter => el.attr("value"),
        Tag::Meta => return None,
        _ => None,
    };
    match attr {
        Some(a) => clean_text(a, MAX_MICRODATA_TEXT_CHARS),
        None => clean_text(
            &node_text(doc, id, MAX_MICRODATA_TEXT_CHARS + 1),
            MAX_MICRODATA_TEXT_CHARS,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom;

    fn tags(html: &str) -> (dom::Document, MetaTags) {
        let doc = dom::parse(html, 100_000).expect("parses");
        let tags = MetaTags::collect(&doc, &mut crate::metadata::hints::NameHints::new(&doc));
        (doc, tags)
    }

    #[test]
    fn open_graph_twitter_and_names() {
        let (_, t) = tags(
            r#"<html lang="en-GB"><head>
            <meta property="og:title" content="OG title">
            <meta name="twitter:title" content="Tw title">
            <meta property="og:title twitter:card" content="Both">
            <meta name="Author" content="Jane Doe">
            <meta name="description" content="">
            <meta http-equiv="Content-Language" content="fr">
            </head></html>"#,
        );
        assert_eq!(t.get("og:title"), Some("OG title"));
        assert_eq!(t.all("og:title").collect::<Vec<_>>(), ["OG title", "Both"]);
        assert_eq!(t.get("twitter:card"), Some("Both"));
        assert_eq!(t.get("twitter:title"), Some("Tw title"));
        assert_eq!(t.get("author"), Some("Jane Doe"));
        assert_eq!(t.get("description"), None, "empty values are skipped");
        assert_eq!(t.get("http-equiv:content-language"), Some("fr"));
        assert_eq!(t.html_lang(), Some("en-GB"));
    }

    #[test]
    fn dublin_core_keys_are_normalised() {
        let (_, t) = tags(
            r#"<meta name="DC.title" content="DC title"><meta name="DCTERMS.created" content="2001-02-03">
            <meta name="dcterm:creator" content="X"><meta name="DC.date.issued" content="2001-02-04">"#,
        );
        assert_eq!(t.get("dc:title"), Some("DC title"));
        assert_eq!(t.get("dcterms:created"), Some("2001-02-03"));
        assert_eq!(t.get("dcterms:creator"), Some("X"));
        assert_eq!(t.get("dc:date.issued"), Some("2001-02-04"));
    }

    #[test]
    fn links_and_base() {
        let (doc, t) = tags(
            r#"<base href="https://e.org/x/"><link rel="Canonical" href="/c">
            <a rel="author" href="/u/ann"> Ann  Lee </a><a rel="category tag" href="/cat">Science</a>"#,
        );
        assert_eq!(t.link("canonical"), Some("/c"));
        assert_eq!(t.link("author"), Some("/u/ann"));
        assert_eq!(t.base_href(), Some("https://e.org/x/"));
        assert_eq!(t.author_links(&doc).collect::<Vec<_>>(), ["Ann Lee"]);
        assert_eq!(t.category_links(&doc).collect::<Vec<_>>(), ["Science"]);
        let doc = dom::parse(
            r#"<footer><span class="cat-links">Posted in <a href="/essays/">Essays</a></span>
            <span class="tags-links"><a href="/t/maps">maps</a></span></footer>"#,
            1000,
        )
        .unwrap();
        let t = MetaTags::collect(&doc, &mut crate::metadata::hints::NameHints::new(&doc));
        assert_eq!(t.category_links(&doc).collect::<Vec<_>>(), ["Essays"]);
    }

    #[test]
    fn microdata_values_follow_element_kinds() {
        let (_, t) = tags(
            r#"<article itemscope itemtype="https://schema.org/NewsArticle">
            <h1 itemprop="headline"> The  headline </h1>
            <span itemprop="author" itemscope itemtype="https://schema.org/Person">
              By <span itemprop="name">Ann Lee</span></span>
            <time itemprop="datePublished dateCreated" datetime="2020-05-06">May 6</time>
            <meta itemprop="dateModified" content="2020-05-07">
            <img itemprop="image" src="/a.png">
            <div itemprop="comment" itemscope itemtype="https://schema.org/Comment">
              <span itemprop="author">Troll</span></div>
            </article>"#,
        );
        assert_eq!(t.get("itemprop:headline"), Some("The headline"));
        assert_eq!(t.all("itemprop:author").collect::<Vec<_>>(), ["Ann Lee"]);
        assert_eq!(t.get("itemprop:datepublished"), Some("2020-05-06"));
        assert_eq!(t.get("itemprop:datecreated"), Some("2020-05-06"));
        assert_eq!(t.get("itemprop:datemodified"), Some("2020-05-07"));
        assert_eq!(t.get("itemprop:image"), Some("/a.png"));
    }
}
