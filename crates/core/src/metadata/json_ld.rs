//! schema.org JSON-LD: the `<script type="application/ld+json">` blocks that
//! news sites, blogs, shops and forums add for search engines.
//!
//! Every block is parsed with serde_json (after removing the HTML comment
//! and CDATA wrappers, trailing semicolons and raw control characters that
//! real pages leave in them); a block may hold one object, an array, an
//! `@graph` or several values in a row. The *main entity* is the node whose
//! `@type` says most about the page (an article type, then a product,
//! question or forum post, then a web page), taken from the top level, an
//! `@graph` or a `mainEntity`; its fields are read, falling back to the
//! `WebPage` node for those the main entity lacks. References by `@id`
//! (`"author": {"@id": "#/person/1"}`, the Yoast style) are followed.

use std::collections::HashMap;

use serde_json::Value;

use crate::dom::{Document, Element, NodeId, Tag};

use super::{clean_text, MAX_DESCRIPTION_CHARS, MAX_SHORT_VALUE_CHARS};

/// Largest JSON-LD block parsed, in bytes: bigger ones are data dumps (a
/// whole catalogue), not page metadata.
const MAX_SCRIPT_BYTES: usize = 4 << 20;

/// Most JSON-LD nodes looked at per page.
const MAX_NODES: usize = 20_000;

/// Most authors kept from one page (longer lists are contributor dumps).
const MAX_AUTHORS: usize = 20;

/// schema.org types of articles and posts: the main entity of an article
/// page (Readability's list plus the forum, Q&A and review kinds).
pub(super) const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "BlogPosting",
    "AnalysisNewsArticle",
    "AskPublicNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "ReportageNewsArticle",
    "ReviewNewsArticle",
    "SatiricalArticle",
    "ScholarlyArticle",
    "MedicalScholarlyArticle",
    "AdvertiserContentArticle",
    "Report",
    "TechArticle",
    "APIReference",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "DiscussionForumPosting",
    "Review",
];

/// schema.org types of other things a page can be about: second to an
/// article (a product page may embed a review, never the other way round).
pub(super) const ENTITY_TYPES: &[&str] = &[
    "Question",
    "Product",
    "ProductGroup",
    "Recipe",
    "HowTo",
    "Guide",
    "Book",
    "Event",
    "Course",
    "JobPosting",
    "Dataset",
    "SoftwareSourceCode",
    "SoftwareApplication",
    "Legislation",
];

/// schema.org media types: embedded players, the main entity only when
/// nothing better is declared.
pub(super) const MEDIA_TYPES: &[&str] = &["VideoObject", "AudioObject", "PodcastEpisode", "Clip"];

/// schema.org types of whole pages: the main entity when no article-like
/// node is present.
pub(super) const PAGE_TYPES: &[&str] = &[
    "WebPage",
    "ItemPage",
    "AboutPage",
    "CollectionPage",
    "FAQPage",
    "QAPage",
    "ProfilePage",
    "SearchResultsPage",
    "MedicalWebPage",
    "ContactPage",
    "CheckoutPage",
    "RealEstateListing",
];

/// What the page's JSON-LD says about it.
#[derive(Debug, Default)]
pub(super) struct JsonLd {
    /// `headline` (else `name`) of the main entity.
    pub(super) headline: Option<String>,
    /// The main entity's authors' names.
    pub(super) authors: Vec<String>,
    /// `datePublished`/`dateCreated`/`uploadDate`, as written.
    pub(super) date_published: Option<String>,
    /// `dateModified`, as written.
    pub(super) date_modified: Option<String>,
    /// The main entity's publisher's name.
    pub(super) publisher: Option<String>,
    /// The `WebSite` node's name.
    pub(super) website_name: Option<String>,
    /// The main entity's description.
    pub(super) description: Option<String>,
    /// The main entity's image URL, as written.
    pub(super) image: Option<String>,
    /// `keywords`, split.
    pub(super) keywords: Vec<String>,
    /// `articleSection`.
    pub(super) sections: Vec<String>,
    /// `inLanguage`.
    pub(super) in_language: Option<String>,
    /// The main entity's `url`.
    pub(super) url: Option<String>,
    /// The `@type`s of the top-level nodes (top level, `@graph`,
    /// `mainEntity`), in document order.
    pub(super) top_types: Vec<String>,
    /// How often each `@type` occurs at any depth.
    pub(super) type_counts: HashMap<String, usize>,
}

impl JsonLd {
    /// Parses every JSON-LD block of `doc`, found in a pass of its own (the
    /// extraction finds them in the pass of [`super::scan`]).
    #[cfg(test)]
    pub(super) fn collect(doc: &Document) -> JsonLd {
        let scripts: Vec<NodeId> = (doc.descendants(doc.root()))
            .filter(|&id| doc.element(id).is_some_and(is_json_ld_script))
            .collect();
        JsonLd::from_scripts(doc, &scripts)
    }

    /// Parses the JSON-LD blocks `scripts`, in document order.
    pub(super) fn from_scripts(doc: &Document, scripts: &[NodeId]) -> JsonLd {
        let mut roots = Vec::new();
        for &id in scripts {
            let text: String = doc.children(id).filter_map(|c| doc.text(c)).collect();
            roots.extend(parse_block(&text));
        }
        JsonLd::from_values(&roots)
    }

    /// Reads the metadata out of parsed JSON-LD values.
    fn from_values(roots: &[Value]) -> JsonLd {
        let mut ld = JsonLd::default();
        let all = all_objects(roots);
        let ids: HashMap<&str, &Value> = all
            .iter()
            .filter_map(|v| {
                let obj = v.as_object()?;
                let id = obj.get("@id")?.as_str()?;
                (obj.len() > 1).then_some((id, *v))
            })
            .collect();
        for v in &all {
            for t in types(v) {
                *ld.type_counts.entry(t).or_default() += 1;
            }
        }

        let tops = top_nodes(roots);
        ld.top_types = tops.iter().flat_map(|v| types(v)).collect();
        let rank = |v: &Value| {
            let t = types(v);
            let has = |list: &[&str]| t.iter().any(|t| list.contains(&t.as_str()));
            [ARTICLE_TYPES, ENTITY_TYPES, MEDIA_TYPES, PAGE_TYPES]
                .iter()
                .position(|list| has(list))
                .map_or(0, |i| 4 - i)
        };
        // The first node of the best rank; the page node backs it up.
        let main = tops
            .iter()
            .copied()
            .filter(|v| rank(v) > 0)
            .fold(None::<&Value>, |best, v| match best {
                Some(b) if rank(b) >= rank(v) => Some(b),
                _ => Some(v),
            });
        let page = tops
            .iter()
            .copied()
            .find(|v| rank(v) == 1)
            .filter(|p| main.is_some_and(|m| !std::ptr::eq(m, *p)));
        let website = all
            .iter()
            .copied()
            .find(|v| types(v).iter().any(|t| t == "WebSite"));
        let sources: Vec<&Value> = main.into_iter().chain(page).collect();
        let field = |name: &str| sources.iter().find_map(|s| s.get(name).filter(|v| !v.is_null()));
        let resolve = |v: &'_ Value| -> Value { resolve_ref(v, &ids) };

        ld.headline = main
            .and_then(|m| string_of(m.get("headline")).or_else(|| string_of(m.get("name"))))
            .and_then(|s| clean_text(&s, MAX_SHORT_VALUE_CHARS));
        if let Some(author) = field("author").or_else(|| field("creator")) {
            for a in one_or_many(author) {
                if ld.authors.len() < MAX_AUTHORS {
                    if let Some(name) = person_name(&resolve(a)) {
                        ld.authors.push(name);
                    }
                }
            }
        }
        ld.date_published = ["datePublished", "dateCreated", "uploadDate"]
            .iter()
            .find_map(|k| string_of(field(k)));
        ld.date_modified = string_of(field("dateModified"));
        ld.publisher = field("publisher")
            .or_else(|| website.and_then(|w| w.get("publisher")))
            .and_then(|p| one_or_many(p).into_iter().next())
            .and_then(|p| string_of(resolve(p).get("name")))
            .and_then(|s| clean_text(&s, MAX_SHORT_VALUE_CHARS));
        ld.website_name = website
            .and_then(|w| string_of(w.get("name")).or_else(|| string_of(w.get("alternateName"))))
            .and_then(|s| clean_text(&s, MAX_SHORT_VALUE_CHARS));
        ld.description = string_of(field("description")).and_then(|s| clean_text(&s, MAX_DESCRIPTION_CHARS));
        ld.image = ["image", "primaryImageOfPage", "thumbnailUrl"]
            .iter()
            .find_map(|k| field(k).and_then(|v| image_url(&resolve(v))));
        if let Some(k) = field("keywords") {
            for v in one_or_many(k) {
                if let Some(s) = string_of(Some(v)) {
                    ld.keywords.extend(
                        s.split(',')
                            .map(|s| s.trim().to_string())
                            .filter(|s| !s.is_empty()),
                    );
                }
            }
        }
        if let Some(k) = field("articleSection") {
            ld.sections = one_or_many(k)
                .into_iter()
                .filter_map(|v| string_of(Some(v)))
                .collect();
        }
        ld.in_language =
            string_of(field("inLanguage")).or_else(|| website.and_then(|w| string_of(w.get("inLanguage"))));
        ld.url = string_of(field("url"));
        ld
    }
}

/// True for a `<script>` holding JSON-LD.
pub(crate) fn is_json_ld_script(el: &Element) -> bool {
    el.tag == Tag::Script && el.attr("type").is_some_and(is_json_ld_type)
}

/// True for a `type` attribute naming JSON-LD (`application/ld+json`, any
/// case, parameters allowed).
pub(crate) fn is_json_ld_type(t: &str) -> bool {
    t.split(';')
        .next()
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/ld+json"))
}

/// The JSON values of one `<script>` block; nothing when it does not parse.
fn parse_block(text: &str) -> Vec<Value> {
    if text.len() > MAX_SCRIPT_BYTES {
        return Vec::new();
    }
    let mut t = text.trim();
    for (open, close) in [("<!--", "-->"), ("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>")] {
        t = t.strip_prefix(open).unwrap_or(t).trim();
        t = t.strip_suffix(close).unwrap_or(t).trim();
    }
    let t = t.trim_end_matches(';');
    let values = read_values(t);
    if !values.is_empty() {
        return values;
    }
    // JSON forbids raw line breaks and tabs in strings; pages have them.
    // Outside strings they are whitespace, so spaces are safe everywhere.
    read_values(&t.replace(['\n', '\r', '\t'], " "))
}

/// The JSON values written one after another in `t`, up to the first error.
fn read_values(t: &str) -> Vec<Value> {
    serde_json::Deserializer::from_str(t)
        .into_iter::<Value>()
        .map_while(Result::ok)
        .collect()
}

/// Every object in `roots`, in document order (pre-order), bounded.
fn all_objects(roots: &[Value]) -> Vec<&Value> {
    let mut out = Vec::new();
    let mut stack: Vec<&Value> = roots.iter().rev().collect();
    while let Some(v) = stack.pop() {
        if out.len() >= MAX_NODES {
            break;
        }
        match v {
            Value::Object(map) => {
                out.push(v);
                stack.extend(map.values().rev());
            }
            Value::Array(items) => stack.extend(items.iter().rev()),
            _ => {}
        }
    }
    out
}

/// The nodes that can be the page's main entity: top-level objects, the
/// items of top-level arrays and `@graph`s, and their `mainEntity`.
fn top_nodes(roots: &[Value]) -> Vec<&Value> {
    let mut tops = Vec::new();
    for root in roots {
        for v in one_or_many(root) {
            if let Some(graph) = v.get("@graph") {
                tops.extend(one_or_many(graph).into_iter().filter(|g| g.is_object()));
            }
            if v.is_object() {
                tops.push(v);
            }
        }
    }
    let entities: Vec<&Value> = tops
        .iter()
        .filter_map(|v| v.get("mainEntity"))
        .flat_map(one_or_many)
        .filter(|v| v.is_object())
        .collect();
    tops.extend(entities);
    tops
}

/// A value as a list: the items of an array, else the value itself.
fn one_or_many(v: &Value) -> Vec<&Value> {
    match v {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    }
}

/// The `@type`s of a node, without a `schema:` or URL prefix.
fn types(v: &Value) -> Vec<String> {
    let Some(t) = v.get("@type") else {
        return Vec::new();
    };
    one_or_many(t)
        .into_iter()
        .filter_map(Value::as_str)
        .map(|s| s.rsplit(['/', ':', '#']).next().unwrap_or(s).trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The node `v` stands for: the full node for a bare `{"@id": …}`
/// reference, else `v` itself.
fn resolve_ref(v: &Value, ids: &HashMap<&str, &Value>) -> Value {
    if let Some(obj) = v.as_object() {
        if let Some(id) = obj.get("@id").and_then(Value::as_str) {
            if obj.len() == 1 || !obj.contains_key("name") {
                if let Some(full) = ids.get(id) {
                    return (*full).clone();
                }
            }
        }
    }
    v.clone()
}

/// A string value (the first of an array), HTML entities decoded and tags
/// removed (CMSs write escaped HTML into JSON-LD).
fn string_of(v: Option<&Value>) -> Option<String> {
    let s = match v? {
        Value::String(s) => s.as_str(),
        Value::Array(items) => items.iter().find_map(Value::as_str)?,
        _ => return None,
    };
    let s = decode_entities(s);
    let s = if s.contains('<') { strip_tags(&s) } else { s };
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// A person's or organisation's name: a plain string, `name`, or
/// `givenName` + `familyName`.
fn person_name(v: &Value) -> Option<String> {
    let name = match v {
        Value::String(_) => string_of(Some(v)),
        Value::Object(_) => string_of(v.get("name")).or_else(|| {
            let given = string_of(v.get("givenName"));
            let family = string_of(v.get("familyName"));
            match (given, family) {
                (Some(g), Some(f)) => Some(format!("{g} {f}")),
                (g, f) => g.or(f),
            }
        }),
        _ => None,
    }?;
    clean_text(&name, MAX_SHORT_VALUE_CHARS)
}

/// An image's URL: a string, `url`/`contentUrl` of an `ImageObject`, or the
/// first of a list.
fn image_url(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Array(items) => items.iter().find_map(image_url),
        Value::Object(_) => ["url", "contentUrl", "@id"]
            .iter()
            .find_map(|k| v.get(*k).and_then(Value::as_str))
            .filter(|s| s.contains('/') || s.contains('.'))
            .map(|s| s.trim().to_string()),
        _ => None,
    }
}

/// `s` with the common HTML character references decoded (twice over for
/// the doubly escaped `&amp;#8217;` that some CMSs emit).
pub(super) fn decode_entities(s: &str) -> String {
    let once = decode_entities_once(s);
    if once.contains('&') && once != s {
        decode_entities_once(&once)
    } else {
        once
    }
}

fn decode_entities_once(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        rest = &rest[pos..];
        // The longest reference handled ("&#x1F600;", "&hellip;") is 9 chars.
        const MAX_REFERENCE_CHARS: usize = 12;
        let end = rest
            .char_indices()
            .take(MAX_REFERENCE_CHARS)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i);
        let decoded = end.and_then(|end| entity(&rest[1..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference body (`amp`, `#8217`, `#x2019`) stands for.
fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        _ => return None,
    })
}

/// `s` without `<…>` tags.
fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom;

    fn ld(html: &str) -> JsonLd {
        let doc = dom::parse(html, 100_000).expect("parses");
        JsonLd::collect(&doc)
    }

    #[test]
    fn news_article_fields() {
        let j = ld(r#"<script type="application/ld+json">{
            "@context": "https://schema.org", "@type": "NewsArticle",
            "headline": "Rain &amp; wind all week", "datePublished": "2024-03-14T08:00:00Z",
            "dateModified": "2024-03-15", "author": [{"@type": "Person", "name": "Ann Lee"}, "Bo Chan"],
            "publisher": {"@type": "Organization", "name": "Daily News"},
            "image": {"@type": "ImageObject", "url": "https://e.org/i.jpg"},
            "keywords": "weather, rain", "articleSection": ["UK"], "inLanguage": "en-GB",
            "description": "<p>Heavy rain</p>"}</script>"#);
        assert_eq!(j.headline.as_deref(), Some("Rain & wind all week"));
        assert_eq!(j.authors, ["Ann Lee", "Bo Chan"]);
        assert_eq!(j.date_published.as_deref(), Some("2024-03-14T08:00:00Z"));
        assert_eq!(j.date_modified.as_deref(), Some("2024-03-15"));
        assert_eq!(j.publisher.as_deref(), Some("Daily News"));
        assert_eq!(j.image.as_deref(), Some("https://e.org/i.jpg"));
        assert_eq!(j.keywords, ["weather", "rain"]);
        assert_eq!(j.sections, ["UK"]);
        assert_eq!(j.in_language.as_deref(), Some("en-GB"));
        assert_eq!(j.description.as_deref(), Some("Heavy rain"));
        assert_eq!(j.top_types, ["NewsArticle"]);
    }

    #[test]
    fn graph_with_id_references_yoast_style() {
        let j = ld(
            r##"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","@id":"https://e.org/#website","name":"Example Blog",
             "publisher":{"@id":"https://e.org/#org"}},
            {"@type":"Organization","@id":"https://e.org/#org","name":"Example Inc."},
            {"@type":"WebPage","@id":"https://e.org/p/#webpage","url":"https://e.org/p/",
             "name":"A post - Example Blog","datePublished":"2021-01-02T03:04:05+00:00",
             "primaryImageOfPage":{"@id":"https://e.org/p/#img"}},
            {"@type":"ImageObject","@id":"https://e.org/p/#img","url":"https://e.org/img.png"},
            {"@type":"Article","@id":"https://e.org/p/#article","headline":"A post",
             "author":{"@id":"https://e.org/#/schema/person/1"},"isPartOf":{"@id":"https://e.org/p/#webpage"}},
            {"@type":"Person","@id":"https://e.org/#/schema/person/1","name":"Carol"}]}</script>"##,
        );
        assert_eq!(j.headline.as_deref(), Some("A post"));
        assert_eq!(j.authors, ["Carol"]);
        assert_eq!(
            j.date_published.as_deref(),
            Some("2021-01-02T03:04:05+00:00"),
            "from the WebPage node"
        );
        assert_eq!(j.website_name.as_deref(), Some("Example Blog"));
        assert_eq!(
            j.publisher.as_deref(),
            Some("Example Inc."),
            "the website's publisher"
        );
        assert_eq!(j.image.as_deref(), Some("https://e.org/img.png"));
        assert_eq!(j.url.as_deref(), Some("https://e.org/p/"));
    }

    #[test]
    fn arrays_comments_and_sloppy_json() {
        let j = ld("<script type=\"application/ld+json\"><!--\n[{\"@type\":\"BreadcrumbList\"},\n\
            {\"@type\":[\"BlogPosting\"],\"headline\":\"Line\nbreak\",\"author\":{\"givenName\":\"Di\",\"familyName\":\"Ng\"}}];\n--></script>");
        assert_eq!(j.headline.as_deref(), Some("Line break"));
        assert_eq!(j.authors, ["Di Ng"]);
        assert_eq!(j.top_types, ["BreadcrumbList", "BlogPosting"]);
    }

    #[test]
    fn article_beats_page_and_main_entity_is_seen() {
        let j = ld(
            r#"<script type="application/ld+json">{"@type":"QAPage","name":"Q page",
              "mainEntity":{"@type":"Question","name":"How do I X?","author":{"name":"Eve"}}}</script>"#,
        );
        assert_eq!(j.headline.as_deref(), Some("How do I X?"));
        assert_eq!(j.authors, ["Eve"]);
        assert_eq!(j.type_counts.get("Question"), Some(&1));
    }

    #[test]
    fn broken_and_foreign_blocks_are_ignored() {
        let j = ld(
            r#"<script type="application/ld+json">{"@type": "Article", "headline": </script>
            <script type="text/javascript">{"@type":"Article","headline":"JS"}</script>
            <script type="Application/LD+JSON; charset=utf-8">{"@type":"schema:Article","headline":"Ok"}</script>"#,
        );
        assert_eq!(j.headline.as_deref(), Some("Ok"));
    }

    #[test]
    fn article_beats_embedded_video() {
        let j = ld(
            r#"<script type="application/ld+json">{"@type":"VideoObject","name":"Clip","datePublished":"2024-12-07"}</script>
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Story","datePublished":"2024-12-06"}</script>"#,
        );
        assert_eq!(j.headline.as_deref(), Some("Story"));
        assert_eq!(j.date_published.as_deref(), Some("2024-12-06"));
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("It&amp;#8217;s &lt;b&gt; &#x2014; &bogus; &"),
            "It’s <b> — &bogus; &"
        );
    }
}
