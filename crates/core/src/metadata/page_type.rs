//! What kind of page this is: an article, a forum thread, a product, a
//! shop's range, a list of links, documentation or a landing page.
//!
//! The kinds are those of the WCXB benchmark (Foley, 2026), whose pages
//! show which evidence each kind carries: its declared schema.org types
//! (JSON-LD `@type`) and `og:type`, the shape of its URL (`/t/slug/123` is
//! a Discourse thread, `/products/x` a Shopify product, `/2016/03/14/` a
//! dated post, `docs.` a manual), and its structure (prices and "add to
//! cart" buttons, `<pre>` code blocks, repeated `<article>` teasers, the
//! share of words in links, long paragraphs of prose, calls to action).
//! Each piece of evidence gives a kind a few points; the most points win.

use url::Url;

use crate::dom::{Document, Edge, Tag, Walk};
use crate::phrases::Phrases;

use super::json_ld::JsonLd;
use super::meta_tags::MetaTags;

/// The kind of page, as far as its declarations, URL and structure tell.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum PageType {
    /// A news story, blog post, essay, review or how-to: one text by one
    /// author or team.
    Article,
    /// A forum thread or Q&A page: a question or post and its replies.
    Forum,
    /// One product for sale, with its price and description.
    Product,
    /// A shop's category or range page: many products side by side.
    Collection,
    /// A list of links to other pages: a blog or news front page, a tag or
    /// search page, a directory, a list of events or jobs.
    Listing,
    /// Technical documentation: a manual, reference or tutorial page.
    Documentation,
    /// A business's or product's landing page: what it offers and how to
    /// get it.
    Service,
    /// None of the above, or not enough evidence.
    #[default]
    Other,
}

impl PageType {
    /// The type's name in lower case (`"article"`, `"forum"`…), the
    /// labels of the WCXB benchmark.
    pub fn as_str(self) -> &'static str {
        match self {
            PageType::Article => "article",
            PageType::Forum => "forum",
            PageType::Product => "product",
            PageType::Collection => "collection",
            PageType::Listing => "listing",
            PageType::Documentation => "documentation",
            PageType::Service => "service",
            PageType::Other => "other",
        }
    }
}

impl std::fmt::Display for PageType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the page declares and how it is built: the evidence weighed.
#[derive(Debug, Default)]
pub(super) struct Evidence {
    /// JSON-LD `@type`s at any depth with their counts.
    ld_counts: Vec<(String, usize)>,
    /// JSON-LD `@type`s of the top-level nodes.
    ld_top: Vec<String>,
    /// `og:type`, lower case.
    og_type: String,
    /// The URL's host, lower case, without `www.`.
    host: String,
    /// The URL's path segments, lower case.
    segments: Vec<String>,
    /// The URL's query string, lower case.
    query: String,
    /// Page structure counts.
    shape: Shape,
    /// True when a publication date was found.
    dated: bool,
    /// True when an author was found.
    authored: bool,
}

/// Counts of the page's structure.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Shape {
    /// `<article>` elements.
    articles: usize,
    /// Text nodes holding a price (`$19.99`, `19,99 €`, `£5`).
    prices: usize,
    /// "Add to cart" and its kin, in text or `value`s.
    carts: usize,
    /// `<pre>` elements.
    pre: usize,
    /// Words in `<p>` elements.
    paragraph_words: usize,
    /// `<p>` elements of 40 words or more: prose.
    long_paragraphs: usize,
    /// All words of the body.
    words: usize,
    /// Words inside links.
    link_words: usize,
    /// Calls to action: "Request a demo", "Get a quote"…
    ctas: usize,
    /// `<h2>`–`<h4>` headings that hold a link.
    linked_headings: usize,
}

/// Classifies the page: every kind gets points for each piece of evidence
/// for it, and the kind with the most points wins (ties go to the kind
/// listed first in [`PageType`]). A page with no evidence worth a point is
/// [`PageType::Other`].
pub(super) fn classify(
    doc: &Document,
    meta: &MetaTags,
    ld: &JsonLd,
    url: Option<&Url>,
    dated: bool,
    authored: bool,
) -> PageType {
    let mut evidence = Evidence::gather(meta, ld, url, dated, authored);
    // Walking the body for its structure costs more than all the rest:
    // skip it when the declarations and the URL have settled the verdict.
    if let Some(kind) = settled(&evidence.scores()) {
        return kind;
    }
    evidence.shape = Shape::measure(doc);
    best(&evidence.scores())
}

/// The evidence and scores behind [`classify`], for the corpus report.
#[cfg(test)]
pub(super) fn explain(
    doc: &Document,
    meta: &MetaTags,
    ld: &JsonLd,
    url: Option<&Url>,
    dated: bool,
    authored: bool,
) -> String {
    let mut e = Evidence::gather(meta, ld, url, dated, authored);
    e.shape = Shape::measure(doc);
    format!(
        "{:?} og={:?} dated={} authored={} ld={:?} scores={:?}",
        e.shape,
        e.og_type,
        e.dated,
        e.authored,
        e.ld_top,
        e.scores()
    )
}

/// The kinds in tie-break order, with the index used in score arrays.
const KINDS: [PageType; 7] = [
    PageType::Article,
    PageType::Forum,
    PageType::Product,
    PageType::Collection,
    PageType::Listing,
    PageType::Documentation,
    PageType::Service,
];

/// The kind with the highest score; `Other` when no kind has any.
fn best(scores: &[i32; 7]) -> PageType {
    let mut best = (0, PageType::Other);
    for (kind, &score) in KINDS.iter().zip(scores) {
        if score > best.0 {
            best = (score, *kind);
        }
    }
    best.1
}

/// The most points the page's structure ([`Shape`]) can add to each kind,
/// in the order of [`KINDS`]: prose 2 to articles and to forum threads,
/// prices and buy buttons 2 to a product and 4 to a range, teasers, linked
/// headings and a high share of link words 6 to a list, code blocks 2 to
/// documentation, calls to action and wordy undated pages 3 to a landing
/// page (see [`Evidence::scores`]; a test checks every combination).
const MAX_SHAPE_POINTS: [i32; 7] = [2, 2, 2, 4, 6, 2, 3];

/// The verdict whatever the structure adds, when the scores without it
/// (`base`, an empty [`Shape`]) decide already: their winner stays ahead
/// (or level, for kinds listed after it) of every other kind given all of
/// [`MAX_SHAPE_POINTS`]; structure only adds points, so it keeps them too.
fn settled(base: &[i32; 7]) -> Option<PageType> {
    let kind = best(base);
    let k = KINDS.iter().position(|&x| x == kind)?;
    let lead = base[k];
    let safe = (0..KINDS.len()).filter(|&j| j != k).all(|j| {
        let reach = base[j] + MAX_SHAPE_POINTS[j];
        if j < k {
            reach < lead
        } else {
            reach <= lead
        }
    });
    safe.then_some(kind)
}

impl Evidence {
    /// The declared and URL evidence, with an empty [`Shape`].
    fn gather(meta: &MetaTags, ld: &JsonLd, url: Option<&Url>, dated: bool, authored: bool) -> Evidence {
        let mut ld_counts: Vec<(String, usize)> =
            ld.type_counts.iter().map(|(k, v)| (k.clone(), *v)).collect();
        ld_counts.sort();
        Evidence {
            ld_counts,
            ld_top: ld.top_types.clone(),
            og_type: meta
                .get("og:type")
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase(),
            host: url
                .and_then(Url::host_str)
                .map(|h| h.to_ascii_lowercase().trim_start_matches("www.").to_string())
                .unwrap_or_default(),
            segments: url
                .and_then(|u| u.path_segments())
                .map(|s| s.filter(|s| !s.is_empty()).map(str::to_ascii_lowercase).collect())
                .unwrap_or_default(),
            query: url.and_then(Url::query).unwrap_or_default().to_ascii_lowercase(),
            shape: Shape::default(),
            dated,
            authored,
        }
    }

    /// How many JSON-LD nodes have one of `types`.
    fn ld(&self, types: &[&str]) -> usize {
        self.ld_counts
            .iter()
            .filter(|(t, _)| types.contains(&t.as_str()))
            .map(|(_, n)| n)
            .sum()
    }

    /// True when a top-level JSON-LD node has one of `types`.
    fn ld_top(&self, types: &[&str]) -> bool {
        self.ld_top.iter().any(|t| types.contains(&t.as_str()))
    }

    /// True when a path segment is one of `names`.
    fn segment(&self, names: &[&str]) -> bool {
        self.segments.iter().any(|s| names.contains(&s.as_str()))
    }

    /// True when a path segment is one of `names` and is not the last one
    /// (`/t/slug/123`, `/products/socks`: the segment introduces an item).
    fn followed_segment(&self, names: &[&str]) -> bool {
        let n = self.segments.len();
        self.segments
            .iter()
            .take(n.saturating_sub(1))
            .any(|s| names.contains(&s.as_str()))
    }

    /// True when a path segment is one of `names` and a later segment
    /// starts with a digit (`/t/slug/1234`, `/post/21018364`): the short
    /// names alone are too common (`/post/my-blog-post`).
    fn numbered_segment(&self, names: &[&str]) -> bool {
        self.segments.iter().enumerate().any(|(i, s)| {
            names.contains(&s.as_str())
                && self.segments[i + 1..]
                    .iter()
                    .any(|later| later.starts_with(|c: char| c.is_ascii_digit()))
        })
    }

    /// True when the query string holds one of `keys` (`topic=`).
    fn query_has(&self, keys: &[&str]) -> bool {
        keys.iter().any(|k| self.query.contains(k))
    }

    /// True when the host starts with one of `prefixes` (`docs.`, `forum.`).
    fn host_starts(&self, prefixes: &[&str]) -> bool {
        prefixes.iter().any(|p| self.host.starts_with(p))
    }

    /// Points for each kind, in the order of [`KINDS`].
    fn scores(&self) -> [i32; 7] {
        let [mut article, mut forum, mut product, mut collection, mut listing, mut docs, mut service] =
            [0i32; 7];
        let s = &self.shape;
        let og = self.og_type.as_str();
        let last = self.segments.last().map(String::as_str).unwrap_or("");
        let home = self.segments.is_empty() && !self.host.is_empty();
        let slug_words = last
            .split(['-', '_'])
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count();

        // Declared types: the page's own word, worth the most.
        if self.ld(ARTICLE_LD) > 0 {
            article += 4;
        }
        if self.ld(&["TechArticle", "APIReference"]) > 0 {
            docs += 5;
        }
        if self.ld(&["DiscussionForumPosting", "QAPage"]) > 0 {
            forum += 6;
        }
        let products = self.ld(&["Product"]);
        let product_groups = self.ld(&["ProductGroup"]);
        // Variants of one product come as a ProductGroup of Products; many
        // Products without a group are a range.
        if products >= COLLECTION_MIN_PRODUCTS && product_groups == 0 {
            collection += 4;
        } else if products > 0 && self.ld_top(&["Product", "ProductGroup"]) || product_groups > 0 {
            product += 5;
        }
        if self.ld_top(&["CollectionPage", "SearchResultsPage"]) || self.ld_top(&["ItemList"]) {
            listing += 2;
        }
        if self.ld_top(SERVICE_LD) {
            service += 2;
        }
        match og {
            "article" => article += 2,
            "product" | "og:product" | "product.item" => product += 4,
            "product.group" => collection += 4,
            o if o.ends_with(":item") || o.starts_with("product") => product += 3,
            "website" => service += 1,
            _ => {}
        }

        // The URL's shape.
        if self.followed_segment(THREAD_SEGMENTS)
            || self.numbered_segment(NUMBERED_THREAD_SEGMENTS)
            || self
                .segments
                .iter()
                .any(|s| s.starts_with("viewtopic") || s.starts_with("showthread"))
            || self.query_has(&["topic=", "threadid=", "thread="])
        {
            forum += 7;
        } else if self.followed_segment(FORUM_SEGMENTS)
            || self.host_starts(&["forum.", "forums.", "community.", "discuss.", "boards."])
        {
            forum += 3;
        }
        let product_path = self.followed_segment(PRODUCT_SEGMENTS);
        if product_path {
            product += 3;
        } else if self.segment(COLLECTION_SEGMENTS) {
            collection += 3;
        }
        if self.segment(DOC_SEGMENTS)
            || self.host_starts(&["docs.", "doc.", "developer.", "developers.", "learn.", "man7."])
        {
            docs += 4;
        }
        if self.segment(LISTING_SEGMENTS) {
            listing += 3;
        }
        if self.segment(SERVICE_SEGMENTS) {
            service += 4;
        }
        if self.segment(ARTICLE_SEGMENTS) && slug_words >= MIN_SLUG_WORDS {
            article += 3;
        }
        if has_date_path(&self.segments) {
            article += 3;
        }
        if home {
            service += 2;
            listing += 1;
        } else if slug_words >= LONG_SLUG_WORDS {
            // Long descriptive slugs name one text.
            article += 2;
        }

        // The page's structure. A date, an author and prose are what
        // articles have, and forum threads too: they count for a thread
        // when something else says forum.
        let shared = i32::from(self.dated)
            + i32::from(self.authored)
            + 2 * i32::from(s.long_paragraphs >= PROSE_PARAGRAPHS);
        article += shared;
        if forum > 0 {
            forum += shared;
        }
        if s.pre >= DOC_MIN_PRE && !self.dated {
            docs += 2;
        }
        if s.prices >= COLLECTION_MIN_PRICES {
            collection += 2;
        }
        if s.carts >= COLLECTION_MIN_CARTS {
            collection += 2;
        } else if s.prices > 0 && s.carts > 0 {
            product += 2;
        }
        if s.articles >= LISTING_MIN_ARTICLES {
            listing += 2;
        }
        if s.linked_headings >= LISTING_MIN_LINKED_HEADINGS && s.long_paragraphs < PROSE_PARAGRAPHS {
            listing += 2;
        }
        let link_share = s.link_words as f64 / s.words.max(1) as f64;
        if link_share >= LISTING_LINK_SHARE && s.long_paragraphs < PROSE_PARAGRAPHS {
            listing += 2;
        }
        if s.ctas >= SERVICE_MIN_CTAS && !self.dated {
            service += 2;
        }
        if !self.dated && !self.authored && s.long_paragraphs < PROSE_PARAGRAPHS && s.words >= MIN_PAGE_WORDS
        {
            service += 1;
        }
        [article, forum, product, collection, listing, docs, service]
    }
}

/// schema.org types of article pages (`TechArticle` is documentation's).
const ARTICLE_LD: &[&str] = &[
    "Article",
    "NewsArticle",
    "BlogPosting",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "ReportageNewsArticle",
    "ReviewNewsArticle",
    "BackgroundNewsArticle",
    "ScholarlyArticle",
    "Report",
    "LiveBlogPosting",
];

/// schema.org types of businesses and their offers: a landing page's own.
const SERVICE_LD: &[&str] = &[
    "Service",
    "LocalBusiness",
    "ProfessionalService",
    "SoftwareApplication",
    "WebApplication",
    "Organization",
    "EducationalOrganization",
    "CollegeOrUniversity",
    "HomeAndConstructionBusiness",
    "MovingCompany",
];

/// Path segments that introduce a forum thread (Discourse `/t/slug/1`,
/// XenForo `/threads/slug.1/`, Stack Exchange `/questions/1/slug`, Reddit
/// `/comments/id/slug`, Vanilla `/discussion/1/slug`, Lemmy `/post/1`).
const THREAD_SEGMENTS: &[&str] = &[
    "threads",
    "thread",
    "topic",
    "questions",
    "discussion",
    "discussions",
    "comments",
];

/// Short thread segments that count only before a number (Discourse
/// `/t/slug/123`, Lemmy `/post/123`).
const NUMBERED_THREAD_SEGMENTS: &[&str] = &["t", "post", "posts"];

/// Path segments of a forum's sections (`/forum/`, `/community/`): a
/// thread or a list of threads.
const FORUM_SEGMENTS: &[&str] = &["forum", "forums", "community", "board", "boards"];

/// Path segments of product pages (Shopify `/products/`, Amazon `/dp/`,
/// eBay `/itm/`, many `/p/` and `/product/`).
const PRODUCT_SEGMENTS: &[&str] = &[
    "product", "products", "p", "dp", "itm", "pr", "item", "detail", "app", "sku",
];

/// Path segments of category and range pages.
const COLLECTION_SEGMENTS: &[&str] = &[
    "category",
    "categories",
    "product-category",
    "collections",
    "collection",
    "cat",
    "c",
    "w",
    "l",
    "shop",
    "shopping",
    "cp",
    "zgbs",
    "catalog",
    "parts",
    "department",
    "departments",
];

/// Path segments of documentation.
const DOC_SEGMENTS: &[&str] = &[
    "docs",
    "doc",
    "documentation",
    "reference",
    "api",
    "manual",
    "man-pages",
    "learn",
    "tutorial",
    "tutorials",
    "guide",
    "handbook",
    "book",
    "quickstart",
    "getting-started",
    "glossary",
    "wiki",
];

/// Path segments of lists: tags, topics, searches, jobs, events, archives.
const LISTING_SEGMENTS: &[&str] = &[
    "tag",
    "tags",
    "topics",
    "search",
    "jobs",
    "remote-jobs",
    "events",
    "upcoming",
    "archive",
    "archives",
    "page",
    "exhibitions",
    "directory",
    "library",
    "courses",
    "course-catalog",
];

/// Path segments of service and landing pages.
const SERVICE_SEGMENTS: &[&str] = &[
    "services",
    "service",
    "solutions",
    "solution",
    "features",
    "feature",
    "platform",
    "pricing",
    "programs",
    "certificates",
    "security",
    "insurance",
];

/// Path segments of articles.
const ARTICLE_SEGMENTS: &[&str] = &[
    "blog",
    "blogs",
    "article",
    "articles",
    "story",
    "stories",
    "news",
    "posts",
    "insights",
    "resources",
    "features",
    "post",
    "p",
];

/// Fewest slug words for an `/article/`-style URL to count: `/blog/` alone
/// is the blog's front page.
const MIN_SLUG_WORDS: usize = 2;

/// Slug words from which the last path segment is a headline.
const LONG_SLUG_WORDS: usize = 5;

/// Long paragraphs that make a page prose.
const PROSE_PARAGRAPHS: usize = 5;

/// `<pre>` blocks that suggest documentation (code samples).
const DOC_MIN_PRE: usize = 3;

/// Products declared in JSON-LD that make a range rather than one product.
const COLLECTION_MIN_PRODUCTS: usize = 5;

/// Prices on a page that make a range rather than one product (a product
/// page shows its price, a sale price and a few accessories).
const COLLECTION_MIN_PRICES: usize = 12;

/// "Add to cart" buttons that make a range (one per product shown).
const COLLECTION_MIN_CARTS: usize = 3;

/// Headings that are links (teasers: `<h3><a href=…>Title</a></h3>`) that
/// make a list.
const LISTING_MIN_LINKED_HEADINGS: usize = 6;

/// `<article>` elements that make a list of teasers (or of forum posts).
const LISTING_MIN_ARTICLES: usize = 5;

/// Share of the words in links from which a page is a list of links.
const LISTING_LINK_SHARE: f64 = 0.5;

/// Words a page needs before its lack of dates and prose says anything.
const MIN_PAGE_WORDS: usize = 100;

/// Calls to action that make a landing page.
const SERVICE_MIN_CTAS: usize = 2;

/// True when the path holds `/YYYY/MM/`: a dated post.
fn has_date_path(segments: &[String]) -> bool {
    segments.windows(2).any(|w| {
        w[0].len() == 4
            && w[0].parse::<u32>().is_ok_and(|y| (1991..=2100).contains(&y))
            && w[1].parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
            && w[1].len() <= 2
    })
}

/// Both label lists in one matcher; [`CTA`] and [`CART`] are their bits.
/// Every phrase holds a space (`Shape::measure` relies on it).
static LABEL_PHRASES: Phrases = Phrases::new(&[CTA_PHRASES, CART_PHRASES]);
const CTA: u32 = 1;
const CART: u32 = 2;

/// Words that call a visitor to act on a landing page, lower case.
/// ("Contact us" and "Get started" are left out: every site's footer and
/// every docs page has them.)
const CTA_PHRASES: &[&str] = &[
    "request a demo",
    "book a demo",
    "get a demo",
    "schedule a demo",
    "free quote",
    "get a quote",
    "request a quote",
    "free consultation",
    "schedule a consultation",
    "book a call",
    "try for free",
    "try it free",
    "start free",
    "sign up free",
    "free trial",
    "call now",
    "talk to sales",
    "contact sales",
    "get started free",
    "get started for free",
];

/// Phrases of a shop's buy button, lower case.
const CART_PHRASES: &[&str] = &[
    "add to cart",
    "add to bag",
    "add to basket",
    "buy now",
    "add to trolley",
    "in den warenkorb",
];

impl Shape {
    /// Counts the structure of `doc` in one walk.
    fn measure(doc: &Document) -> Shape {
        let mut shape = Shape::default();
        let mut in_p = 0usize;
        let mut in_a = 0usize;
        let mut p_words = 0usize;
        doc.walk(doc.body(), |edge| {
            match edge {
                Edge::Open(id) => {
                    if let Some(el) = doc.element(id) {
                        match el.tag {
                            Tag::Script | Tag::Style | Tag::Template | Tag::Noscript => {
                                return Walk::SkipChildren
                            }
                            Tag::Article => shape.articles += 1,
                            Tag::Pre => shape.pre += 1,
                            Tag::P => {
                                in_p += 1;
                                if in_p == 1 {
                                    p_words = 0;
                                }
                            }
                            Tag::A => {
                                in_a += 1;
                                if doc
                                    .ancestors(id)
                                    .take(MAX_HEADING_DEPTH)
                                    .any(|a| matches!(doc.tag(a), Some(Tag::H2 | Tag::H3 | Tag::H4)))
                                {
                                    shape.linked_headings += 1;
                                }
                            }
                            Tag::Input | Tag::Button => {
                                if let Some(v) = el.attr("value").filter(|v| v.len() <= MAX_LABEL_BYTES) {
                                    shape.carts += usize::from(LABEL_PHRASES.lists_in(v) & CART != 0);
                                }
                            }
                            _ => {}
                        }
                    }
                    if let Some(text) = doc.text(id) {
                        let words = super::word_count(text);
                        shape.words += words;
                        if in_a > 0 {
                            shape.link_words += words;
                        }
                        if in_p > 0 {
                            p_words += words;
                            shape.paragraph_words += words;
                        }
                        // Buttons and prices are short texts; a long one is
                        // prose. A text of no words (the white space between
                        // tags, most text nodes) is no label.
                        let label = if words > 0 { text.trim() } else { "" };
                        if !label.is_empty() && label.len() <= MAX_LABEL_BYTES {
                            let classes = byte_classes(label);
                            shape.prices += usize::from(is_price(label, classes));
                            // Every phrase has a space: a label without one
                            // needs no search.
                            if label.len() >= MIN_PHRASE_BYTES && classes & SPACE != 0 {
                                let found = LABEL_PHRASES.lists_in(label);
                                shape.carts += usize::from(found & CART != 0);
                                shape.ctas += usize::from(found & CTA != 0);
                            }
                        }
                    }
                }
                Edge::Close(id) => match doc.tag(id) {
                    Some(Tag::P) => {
                        in_p = in_p.saturating_sub(1);
                        if in_p == 0 && p_words >= LONG_PARAGRAPH_WORDS {
                            shape.long_paragraphs += 1;
                        }
                    }
                    Some(Tag::A) => in_a = in_a.saturating_sub(1),
                    _ => {}
                },
            }
            Walk::Continue
        });
        shape
    }
}

/// Ancestors of a link looked at for a heading around it.
const MAX_HEADING_DEPTH: usize = 4;

/// Words from which a paragraph is prose rather than a caption or label.
const LONG_PARAGRAPH_WORDS: usize = 40;

/// Longest text read as a button or price label, in bytes: labels are a
/// few words ("Add to cart", "From £5.99", "Request a demo").
const MAX_LABEL_BYTES: usize = 48;

/// Shortest label that can hold a phrase ("buy now").
const MIN_PHRASE_BYTES: usize = 7;

/// True when `label` (trimmed, of byte classes `classes`, see
/// [`byte_classes`]) is a price: a currency sign or code next to a number
/// (`$19.99`, `19,99 €`, `£5`, `USD 20`), and little else.
///
/// This runs for every short text of the page, so the classes decide most
/// labels (most have no digit); the chars are counted only when the bytes
/// could exceed the bound, the signs beyond `$` looked for only in
/// non-ASCII text and the codes only where a capital is.
fn is_price(label: &str, classes: u8) -> bool {
    // A price label is short: "$1,299.00", "From £5.99".
    const MAX_PRICE_CHARS: usize = 24;
    if classes & DIGIT == 0 || (label.len() > MAX_PRICE_CHARS && label.chars().count() > MAX_PRICE_CHARS) {
        return false;
    }
    let is_sign = |c| matches!(c, '$' | '€' | '£' | '¥' | '₹' | '₩' | '₽');
    classes & DOLLAR != 0
        || (classes & NON_ASCII != 0 && label.chars().any(is_sign))
        || (classes & UPPER != 0
            && (label.as_bytes().windows(CURRENCY_CODE_BYTES))
                .any(|w| w[0].is_ascii_uppercase() && CURRENCY_CODES.contains(&w)))
}

/// Length of an ISO 4217 currency code.
const CURRENCY_CODE_BYTES: usize = 3;

/// Currency codes written next to prices, upper case as pages write them.
const CURRENCY_CODES: &[&[u8]] = &[b"USD", b"EUR", b"GBP", b"CAD", b"AUD", b"CHF", b"JPY", b"INR"];

/// Byte class of an ASCII digit.
const DIGIT: u8 = 1;
/// Byte class of `$`.
const DOLLAR: u8 = 1 << 1;
/// Byte class of the bytes of non-ASCII chars.
const NON_ASCII: u8 = 1 << 2;
/// Byte class of an ASCII capital.
const UPPER: u8 = 1 << 3;
/// Byte class of the ASCII space.
const SPACE: u8 = 1 << 4;

/// The class of every byte value (see [`byte_classes`]).
static BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'0'..=b'9' => DIGIT,
            b'$' => DOLLAR,
            b'A'..=b'Z' => UPPER,
            b' ' => SPACE,
            0x80..=0xFF => NON_ASCII,
            _ => 0,
        };
        b += 1;
    }
    table
};

/// The classes of the bytes of `label` ([`DIGIT`], [`DOLLAR`]…), in one
/// pass: the label tests of [`Shape::measure`] read them instead of
/// searching the label once each.
fn byte_classes(label: &str) -> u8 {
    (label.bytes()).fold(0, |classes, b| classes | BYTE_CLASS[usize::from(b)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom;
    use crate::metadata::extract;

    fn type_of(html: &str, url: Option<&str>) -> PageType {
        let doc = dom::parse(html, 100_000).expect("parses");
        extract(&doc, url).page_type
    }

    /// Every combination of structure counts around their thresholds, on
    /// pages with and without dates, authors and forum evidence: the
    /// structure adds at most [`MAX_SHAPE_POINTS`], so a verdict that
    /// [`settled`] gives is the one the measured page gets.
    #[test]
    fn structure_adds_at_most_max_shape_points() {
        let pages = [
            None,
            Some("https://x.org/forum/a-b"),
            Some("https://x.org/t/a-b/12"),
        ];
        let mut settled_pages = 0;
        for (url, dated, authored) in pages.iter().flat_map(|u| {
            [
                (u, false, false),
                (u, true, false),
                (u, false, true),
                (u, true, true),
            ]
        }) {
            let url = url.map(|u| Url::parse(u).expect("url"));
            let meta = MetaTags::default();
            let mut e = Evidence::gather(&meta, &JsonLd::default(), url.as_ref(), dated, authored);
            let base = e.scores();
            for shape in shapes() {
                e.shape = shape;
                let scores = e.scores();
                for k in 0..KINDS.len() {
                    let added = scores[k] - base[k];
                    assert!((0..=MAX_SHAPE_POINTS[k]).contains(&added), "{k} {shape:?}");
                }
                if let Some(kind) = settled(&base) {
                    settled_pages += 1;
                    assert_eq!(kind, best(&scores), "{shape:?}");
                }
            }
        }
        assert!(settled_pages > 0, "some evidence settles the verdict");
    }

    /// Structure counts at, next to and far from every threshold.
    fn shapes() -> Vec<Shape> {
        let mut out = vec![Shape::default()];
        let mut vary = |values: &[usize], set: fn(&mut Shape, usize)| {
            out = (out.iter())
                .flat_map(|s| {
                    values.iter().map(move |&v| {
                        let mut s = *s;
                        set(&mut s, v);
                        s
                    })
                })
                .collect();
        };
        vary(&[0, 4, 5], |s, v| s.articles = v);
        vary(&[0, 1, 12], |s, v| s.prices = v);
        vary(&[0, 1, 3], |s, v| s.carts = v);
        vary(&[0, 3], |s, v| s.pre = v);
        vary(&[0, 4, 5], |s, v| s.long_paragraphs = v);
        vary(&[0, 99, 100], |s, v| s.words = v);
        vary(&[0, 1], |s, v| s.link_words = v * s.words);
        vary(&[0, 2], |s, v| s.ctas = v);
        vary(&[0, 6], |s, v| s.linked_headings = v);
        out
    }

    #[test]
    fn every_label_phrase_holds_a_space() {
        assert!(CTA_PHRASES.iter().chain(CART_PHRASES).all(|p| p.contains(' ')));
    }

    #[test]
    fn names() {
        assert_eq!(PageType::Documentation.as_str(), "documentation");
        assert_eq!(PageType::default().to_string(), "other");
    }

    #[test]
    fn declared_article() {
        let html = r#"<meta property="og:type" content="article">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"x","datePublished":"2020-01-01"}</script>"#;
        assert_eq!(type_of(html, None), PageType::Article);
    }

    #[test]
    fn forum_by_json_ld_and_by_url() {
        let html = r#"<script type="application/ld+json">{"@type":"QAPage","mainEntity":{"@type":"Question","name":"q"}}</script>"#;
        assert_eq!(type_of(html, None), PageType::Forum);
        assert_eq!(
            type_of(
                "<p>hello</p>",
                Some("https://forum.example.org/t/some-question/1234")
            ),
            PageType::Forum
        );
        assert_eq!(
            type_of("<p>hello</p>", Some("https://example.org/threads/a-thread.991/")),
            PageType::Forum
        );
    }

    #[test]
    fn product_and_collection() {
        let html = r#"<meta property="og:type" content="product"><body><h1>Socks</h1><span>$12.00</span>
            <button>Add to cart</button>"#;
        assert_eq!(
            type_of(html, Some("https://shop.example.org/products/socks")),
            PageType::Product
        );
        let items: String = (0..20)
            .map(|i| format!("<li><a href=/p/{i}>Item {i}</a> <span>${i}.99</span></li>"))
            .collect();
        let html = format!("<body><ul>{items}</ul>");
        assert_eq!(
            type_of(&html, Some("https://shop.example.org/collections/desks")),
            PageType::Collection
        );
    }

    #[test]
    fn documentation() {
        let html = "<body><h1>Quickstart</h1><pre>a</pre><pre>b</pre><pre>c</pre><p>Install it.</p>";
        assert_eq!(
            type_of(html, Some("https://docs.example.org/en/quickstart/")),
            PageType::Documentation
        );
    }

    #[test]
    fn listing() {
        let teasers: String = (0..10)
            .map(|i| format!("<article><h2><a href=/a/{i}>Story {i}</a></h2></article>"))
            .collect();
        let html = format!("<body>{teasers}");
        assert_eq!(
            type_of(&html, Some("https://news.example.org/tag/rust")),
            PageType::Listing
        );
    }

    #[test]
    fn service_landing_page() {
        let html = "<body><h1>Pest control you can trust</h1><a href=/quote>Get a free quote</a>
            <button>Call now</button><h2>Our services</h2>";
        assert_eq!(
            type_of(html, Some("https://pests.example.com/")),
            PageType::Service
        );
    }

    #[test]
    fn dated_url_is_an_article() {
        assert_eq!(
            type_of(
                "<p>text</p>",
                Some("https://example.org/2016/03/14/rain-expected-all-week")
            ),
            PageType::Article
        );
    }

    #[test]
    fn no_evidence_is_other() {
        assert_eq!(type_of("", None), PageType::Other);
    }

    #[test]
    fn prices() {
        let is_price = |label: &str| is_price(label, byte_classes(label));
        assert!(is_price("$19.99"));
        assert!(is_price("19,99 €"));
        assert!(is_price("From £5"));
        assert!(is_price("USD 20"));
        assert!(!is_price("$"));
        assert!(!is_price("2020"));
        assert!(!is_price("We charge $20 for every hour of work we do"));
        assert!(is_price("Ab 5 ₽"));
        assert!(is_price("20 CHF"));
        assert!(!is_price("chf 20"), "codes are upper case");
        assert!(!is_price("20 US"));
        assert!(!is_price("20 — 30"), "non-ASCII without a sign");
        // Longer in bytes than in chars: 24 chars pass, 25 do not.
        assert!(is_price("€€€ 12345678901234567890"));
        assert!(!is_price("€€€€ 12345678901234567890"));
    }
}
