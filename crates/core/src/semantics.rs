//! What an element's tag, class, id, role and microdata say about it.
//!
//! Every knob of this judgement is in this file, on one screen (the way
//! Readability.js keeps its regular expressions together). Names are split
//! into tokens (`"post-content social-share-wrapper"` → `post`, `content`,
//! `social`, `share`, `wrapper`) and judged per class name, so that one
//! element can carry both a content name and a chrome name and come out
//! neutral instead of being thrown away with its article.

use std::collections::HashMap;

use crate::dom::{Element, Tag};
use crate::phrases::Phrases;

/// Evidence that an element holds comments rather than the main content. Much
/// stronger than other chrome: comments are well-written prose, so their text
/// alone does not give them away.
pub(crate) const COMMENT_EVIDENCE: f32 = -5.0;

/// Evidence of an overlay or a call to action (cookie and consent dialogs,
/// newsletter and sign-up boxes, pop-ups): like comments, these are often
/// long, well-formed prose, and never the page's content.
pub(crate) const OVERLAY_EVIDENCE: f32 = -5.0;

/// Evidence of a box of other articles (related, most popular, read next).
pub(crate) const RECIRCULATION_EVIDENCE: f32 = -5.0;

/// Evidence of an author box (see [`AUTHOR_BOX_TOKENS`]): its bio is a
/// paragraph of well-formed prose, so like a teaser it needs more than
/// chrome's evidence to stay out when it sits inside the article.
const AUTHOR_BOX_EVIDENCE: f32 = -5.0;

/// Evidence of page chrome (navigation, share bars, related links, ads…).
pub(crate) const CHROME_EVIDENCE: f32 = -2.5;

/// Evidence of a paywall name: it marks both the subscription prompt and
/// the article it locks (`has-paywall`, `paywall-container` around the
/// text), so it only leans to chrome, like a site header.
const PAYWALL_EVIDENCE: f32 = -1.5;

/// The word of paywall names, found anywhere inside a token (see
/// [`PAYWALL_EVIDENCE`]).
const PAYWALL_WORD: &str = "paywall";

/// Evidence of a content container (`article`, `post-body`, `entry-content`…).
pub(crate) const CONTENT_EVIDENCE: f32 = 1.0;

/// Evidence of schema.org's `articleBody` / `text`: a page that says where
/// its article is, almost always right.
pub(crate) const MICRODATA_BODY_EVIDENCE: f32 = 3.0;

/// Evidence of `<main>` and `<article>`.
const MAIN_TAG_EVIDENCE: f32 = 1.5;

/// Evidence of a site-level `<header>`: mostly logos and menus, but an
/// article's own header holds its headline, so this is weaker than chrome.
const HEADER_TAG_EVIDENCE: f32 = -1.5;

/// Words of comment-section names, found anywhere inside a token.
const COMMENT_WORDS: &[&str] = &[
    "comment",
    "disqus",
    "replies",
    "respond",
    "discussion",
    "reactions",
    "talkback",
    // The same in the corpora's other languages (French `commentaire`
    // already holds `comment`).
    "kommentar",
    "comentario",
];

/// Whole-token names of comment sections: customer reviews under a product
/// (`product-reviews`, `customerReviews`, `js-reviews`) are comments on it,
/// never its description. Plural and whole: a critic's own `review-body` is
/// an article, and `previews` is no review.
const COMMENT_TOKENS: &[&str] = &["reviews"];

/// First tokens of taxonomy labels (`category-reviews`, `tag-reviews`,
/// `product_cat-reviews`): blog and shop engines put them on the item
/// itself, so a comment token after them names a topic, not a section.
const TAXONOMY_TOKENS: &[&str] = &["category", "cat", "tag"];

/// Words of overlay names (see [`OVERLAY_EVIDENCE`]), found anywhere inside
/// a token.
const OVERLAY_WORDS: &[&str] = &[
    "cookie",
    "consent",
    "gdpr",
    "newsletter",
    "subscri",
    "signup",
    "optin",
    "onetrust",
    "didomi",
];

/// Whole-token overlay names.
const OVERLAY_TOKENS: &[&str] = &["cmp", "cc", "qc"];

/// The overlay token that is also a component namespace: Adobe Experience
/// Manager's core components are all named `cmp-*` (`cmp-text`,
/// `cmp-title`, `cmp-container`), article text included. As the first token
/// of a name it is that prefix, and the rest of the name is judged; after
/// another token (`qc-cmp2-container`, `didomi-cmp`) it is a consent
/// platform.
const NAMESPACE_OVERLAY_TOKEN: &str = "cmp";

/// Words of recirculation names: boxes of other articles ("related", "most
/// popular", "read next"). Their teasers are prose, so like comments they
/// need strong evidence (see [`RECIRCULATION_EVIDENCE`]).
const RECIRCULATION_WORDS: &[&str] = &[
    "related",
    "recommend",
    "popular",
    "trending",
    "mostread",
    "similar",
    "recirc",
    "readnext",
    "upnext",
    "outbrain",
    "taboola",
    "morestories",
    "teaser",
];

/// Words of chrome names, found anywhere inside a token, so `nav` also
/// matches `navbar`, `mainnav` and `navigation`.
const CHROME_WORDS: &[&str] = &[
    "nav",
    "menu",
    "breadcrumb",
    "pagination",
    "pager",
    "footer",
    "masthead",
    "sidebar",
    "promo",
    "sponsor",
    "advert",
    "banner",
    "social",
    "share",
    "sharing",
    "follow",
    "login",
    "signin",
    "toolbar",
    "skip",
    "disclaimer",
    "copyright",
    "rss",
    "print",
    "modal",
    "popup",
    "overlay",
    "tagcloud",
    "tags",
    "topics",
    "keywords",
    "shoutbox",
    "jump",
    "utility",
    "profile",
    "signature",
    "vote",
    "authorbio",
    "authorbox",
    "authorinfo",
];

/// A token that holds the chrome word `share` but means something else
/// (`shared-header`, `evolve-shared-history`: shared between pages or
/// topics); `sharedaddy`, a share bar, is a different token.
const SHARED_TOKEN: &str = "shared";

/// Name tokens of chrome that must match a whole token (as prefixes they would
/// catch ordinary words: `ad` in `adapt`, `tag` in `tagline`). `extras`, like
/// `extra`, is the furniture around a post: a forum's user card names its
/// post count, reaction score and location `message-userExtras`.
const CHROME_TOKENS: &[&str] = &[
    "ad", "ads", "adv", "adsense", "adslot", "adunit", "dfp", "aside", "meta", "more", "extra", "search",
    "cta", "bio", "hidden", "tools", "links", "extras",
];

/// The token of tag lists (`post-tag`, `entry-tag`), chrome only as the
/// last token of a name: followed by more, it is a taxonomy label that blog
/// and shop engines put on the item itself (`tag-politics`,
/// `product_tag-outdoor`), which says what the post is about, not where it
/// sits.
const TAG_TOKEN: &str = "tag";

/// The word that names a sidebar's boxes when a name starts with it
/// (`widget`, `widget_text`, `widget-area`, `widgettitle`): blog engines
/// hang their sidebars and footers of "About", archive and blogroll boxes
/// on it. Later in a name it is a page builder's component
/// (`elementor-widget-text-editor`), and followed by a content word a
/// site's own content block (`widget-content`): both hold articles too
/// (measured: as a chrome word anywhere, wcxb lost 0.0026).
const WIDGET_WORD: &str = "widget";

/// WordPress's name of a text widget's body (inside `widget_text`): the
/// "About me" prose of a sidebar, which its `text` would pass for content.
const WIDGET_BODY_TOKEN: &str = "textwidget";

/// The content token that, after [`WIDGET_WORD`], names the widget's kind
/// (WordPress's `widget_text`, an "About" box), not a content container as
/// `widget-content` does.
const WIDGET_KIND_TOKEN: &str = "text";

/// The token after which [`HIDDEN_TOKEN`] hides only a label: Drupal puts
/// `field-label-hidden` on nearly every field, the article's body and its
/// intro included, to say the field's title is not shown.
const LABEL_TOKEN: &str = "label";

/// The chrome token of hidden boxes (see [`LABEL_TOKEN`]).
const HIDDEN_TOKEN: &str = "hidden";

/// The word of author names (`author-info`, `entry-author`). Alone it names
/// a byline, which is part of the article; see [`AUTHOR_BOX_TOKENS`].
const AUTHOR_WORD: &str = "author";

/// Tokens that, next to [`AUTHOR_WORD`] in one name, make it an author box
/// (`author-bio`, `author-info`, `about-author`, `author-card`): who wrote
/// the article, with a bio as long as a paragraph, not the article.
const AUTHOR_BOX_TOKENS: &[&str] = &["bio", "box", "info", "about", "description", "details", "card"];

/// Name tokens of content containers (prefixes).
const CONTENT_PREFIXES: &[&str] = &[
    "article", "content", "entry", "post", "story", "blog", "prose", "hentry", "markdown", "main", "body",
    "text", "richtext", "question", "answer",
];

/// ARIA roles of chrome.
const CHROME_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "menu",
    "menubar",
    "dialog",
    "alertdialog",
];

/// What one element says about itself.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Evidence {
    /// The strongest chrome signal of the element (0 or negative).
    pub chrome: f32,
    /// The strongest content signal of the element (0 or positive).
    pub content: f32,
    /// The element holds a comment thread or a comment.
    pub comment: bool,
    /// The element holds customer reviews (see [`COMMENT_TOKENS`]): comments
    /// that are never a thread's replies.
    pub reviews: bool,
    /// The element's name says it holds a forum thread (see
    /// [`THREAD_TOKENS`]).
    pub thread: bool,
}

/// schema.org types of a discussion thread: inside one, `Comment` items are
/// the replies, which are the content of a forum page.
const THREAD_TYPES: &[&str] = &["DiscussionForumPosting", "QAPage", "Question"];

/// schema.org types by which a page's JSON-LD declares the whole page a
/// discussion thread (a forum topic, a Q&A page): its `Comment` items are
/// the replies, the page's content, wherever they sit. Not `Question`,
/// which FAQ pages list by the dozen.
const PAGE_THREAD_TYPES: &[&str] = &["\"DiscussionForumPosting\"", "\"QAPage\""];

/// True for the text of a JSON-LD block that declares the page a thread
/// (see [`PAGE_THREAD_TYPES`]).
pub(crate) fn json_ld_declares_thread(json: &str) -> bool {
    PAGE_THREAD_TYPES.iter().any(|t| json.contains(t))
}

/// Whole-token names of forum containers (`bbpress-forums`, `forum_op`,
/// `commentthread_ForumTopic`): inside one, posts named as comments or
/// replies are the thread's posts, the page's content.
const THREAD_TOKENS: &[&str] = &["forum", "forums"];

/// True for an element that declares (by microdata) a discussion thread.
pub(crate) fn starts_thread(element: &Element) -> bool {
    element
        .attr("itemtype")
        .is_some_and(|t| THREAD_TYPES.iter().any(|k| t.contains(k)))
}

/// The judgements of `class` and `id` values already met in a page. Pages
/// repeat the same class value on hundreds of elements (every menu item,
/// every card), and judging names is the costliest part of cleaning.
/// (foldhash: SipHash, the standard map's default, cost more than the
/// judging it saved on short names.)
#[derive(Default)]
pub(crate) struct NameCache<'a> {
    judged: HashMap<&'a str, Evidence, foldhash::fast::RandomState>,
    /// The judgement of each single name met in those values: values are
    /// often unique (`post post-1234 featured`), their names much less so.
    names: HashMap<&'a str, NameVerdict, foldhash::fast::RandomState>,
    /// Whether each `class` value of a link, span or superscript met so far
    /// names a decoration (see [`is_decoration`]): every heading's anchor
    /// and every reference link repeat the same value.
    decorations: HashMap<&'a str, bool, foldhash::fast::RandomState>,
}

/// What one class or id name says (see [`name_verdict`]).
#[derive(Clone, Copy)]
struct NameVerdict {
    score: f32,
    /// A comment section.
    comment: bool,
    /// Customer reviews: a comment name made by [`COMMENT_TOKENS`]
    /// (`product-reviews`), not by a comment word (`comment-list`).
    reviews: bool,
    /// A forum: a name with one of [`THREAD_TOKENS`].
    thread: bool,
}

/// Judges one element by its tag, class, id, role and microdata. `in_thread`
/// says the element is inside a declared discussion thread, `in_forum` inside
/// an element named as a forum (see [`THREAD_TOKENS`]).
pub(crate) fn evidence<'a>(
    element: &'a Element,
    in_thread: bool,
    in_forum: bool,
    cache: &mut NameCache<'a>,
) -> Evidence {
    let mut ev = Evidence::default();
    ev.add(tag_evidence(element.tag));
    for (name, value) in element.attrs() {
        match name {
            "class" | "id" => {
                let names = match cache.judged.get(value) {
                    Some(&names) => names,
                    None => {
                        let names = names_evidence(value, &mut cache.names);
                        cache.judged.insert(value, names);
                        names
                    }
                };
                // In a forum thread, a comment name marks a post: neither
                // chrome nor a comment.
                if (in_forum || ev.thread || names.thread) && names.comment && !names.reviews {
                    ev.add(names.content);
                } else {
                    ev.add(names.chrome);
                    ev.add(names.content);
                    ev.comment |= names.comment;
                    ev.reviews |= names.reviews;
                }
                ev.thread |= names.thread;
            }
            "role" => {
                let role = value.trim().to_ascii_lowercase();
                if CHROME_ROLES.contains(&role.as_str()) {
                    ev.add(CHROME_EVIDENCE);
                } else if role == "main" || role == "article" {
                    ev.add(MAIN_TAG_EVIDENCE);
                }
            }
            "itemprop" if value.contains("articleBody") || value == "text" => {
                ev.add(MICRODATA_BODY_EVIDENCE);
            }
            "itemtype" | "itemprop"
                if !(in_thread || in_forum || ev.thread)
                    && (value.contains("Comment") || value.contains("comment")) =>
            {
                ev.add(COMMENT_EVIDENCE);
                ev.comment = true;
            }
            _ => {}
        }
    }
    ev
}

/// The evidence of a `class` or `id` value: each of its names judged
/// (once per page, in `judged`).
fn names_evidence<'a>(
    value: &'a str,
    judged: &mut HashMap<&'a str, NameVerdict, foldhash::fast::RandomState>,
) -> Evidence {
    let mut ev = Evidence::default();
    for class_name in value.split_ascii_whitespace() {
        let name = *judged
            .entry(class_name)
            .or_insert_with(|| name_verdict(class_name));
        ev.add(name.score);
        ev.comment |= name.comment;
        ev.reviews |= name.reviews;
        ev.thread |= name.thread;
    }
    ev
}

/// True when a token of the element's `class` or `id` (see
/// [`for_each_token`]) is one of `tokens`.
pub(crate) fn has_name_token(element: &Element, tokens: &[&str]) -> bool {
    let mut found = false;
    let mut lower = String::new();
    for value in [element.attr("class"), element.attr("id")].into_iter().flatten() {
        for_each_token(value, &mut lower, |t| found |= tokens.contains(&t));
    }
    found
}

impl Evidence {
    /// Takes in one signal: the strongest of each sign is kept, so an element
    /// named `menu menu-main menu-primary` is chrome once, not three times.
    fn add(&mut self, signal: f32) {
        self.chrome = self.chrome.min(signal);
        self.content = self.content.max(signal);
    }
}

/// Evidence of an element's tag alone.
fn tag_evidence(tag: Tag) -> f32 {
    match tag {
        Tag::Main | Tag::Article => MAIN_TAG_EVIDENCE,
        Tag::Nav | Tag::Aside | Tag::Footer | Tag::Menu => CHROME_EVIDENCE,
        Tag::Header => HEADER_TAG_EVIDENCE,
        _ => 0.0,
    }
}

/// What one class name or id says, read in one pass over its tokens.
/// A name with both content and chrome tokens counts as chrome
/// (`comment-body` is a comment's body, `article-related` a related box):
/// the chrome word is the more specific one.
fn name_verdict(name: &str) -> NameVerdict {
    let mut comment = false;
    // Any token is a comment word, or one of [`COMMENT_TOKENS`]; any token
    // is one of [`THREAD_TOKENS`].
    let (mut comment_word, mut reviews_token, mut thread) = (false, false, false);
    let mut overlay = false;
    let mut chrome = false;
    let mut content = false;
    let mut header = false;
    let mut paywall = false;
    let mut recirculation = false;
    // The name has the author word / an author-box token.
    let (mut author, mut author_box) = (false, false);
    // The last token was `tag`; see [`TAG_TOKEN`].
    let mut tag_last = false;
    let mut first = true;
    // The name starts with the widget word; see [`WIDGET_WORD`].
    let mut widget = false;
    // A content token other than [`WIDGET_KIND_TOKEN`].
    let mut container = false;
    // The name is a taxonomy label; see [`TAXONOMY_TOKENS`].
    let mut taxonomy = false;
    let mut lower = String::with_capacity(name.len());
    // The previous token; see [`LABEL_TOKEN`].
    let mut prev_label = false;
    for_each_token(name, &mut lower, |t| {
        tag_last = t == TAG_TOKEN;
        let after_label = std::mem::replace(&mut prev_label, t == LABEL_TOKEN);
        let namespace = first && t == NAMESPACE_OVERLAY_TOKEN;
        let widget_token = first && (t.starts_with(WIDGET_WORD) || t == WIDGET_BODY_TOKEN);
        widget |= widget_token;
        taxonomy |= first && TAXONOMY_TOKENS.contains(&t);
        first = false;
        let found = NAME_WORDS.lists_in(t);
        comment_word |= found & COMMENT_KIND != 0;
        reviews_token |= COMMENT_TOKENS.contains(&t);
        thread |= THREAD_TOKENS.contains(&t);
        if namespace || widget_token || (after_label && t == HIDDEN_TOKEN) {
            return;
        }
        author |= t.contains(AUTHOR_WORD);
        author_box |= AUTHOR_BOX_TOKENS.contains(&t)
            || t.strip_prefix(AUTHOR_WORD)
                .is_some_and(|rest| AUTHOR_BOX_TOKENS.contains(&rest));
        if t.contains(PAYWALL_WORD) {
            paywall = true;
        } else if found & COMMENT_KIND != 0 || (COMMENT_TOKENS.contains(&t) && !taxonomy) {
            comment = true;
        } else if found & OVERLAY_KIND != 0 || OVERLAY_TOKENS.contains(&t) {
            overlay = true;
        } else if found & RECIRCULATION_KIND != 0 {
            recirculation = true;
        } else if t == "header" {
            header = true;
        } else if (found & CHROME_KIND != 0 && t != SHARED_TOKEN) || CHROME_TOKENS.contains(&t) {
            chrome = true;
        } else if has_content_prefix(t) {
            content = true;
            container |= t != WIDGET_KIND_TOKEN;
        }
    });
    let bio_box = author && author_box;
    chrome |= tag_last || (widget && !container) || bio_box;
    // A header is the site's (`site-header`, `header`) unless the name says
    // whose it is (`entry-header`, `article-header`, `question-header`).
    chrome |= header && !content;
    let score = if comment {
        COMMENT_EVIDENCE
    } else if overlay {
        OVERLAY_EVIDENCE
    } else if recirculation {
        RECIRCULATION_EVIDENCE
    } else if bio_box {
        AUTHOR_BOX_EVIDENCE
    } else if chrome {
        CHROME_EVIDENCE
    } else if paywall {
        PAYWALL_EVIDENCE
    } else if content {
        CONTENT_EVIDENCE
    } else {
        0.0
    };
    NameVerdict {
        score,
        comment,
        reviews: comment && reviews_token && !comment_word,
        thread,
    }
}

/// True when `token` starts with one of [`CONTENT_PREFIXES`]; the first
/// byte is compared before the rest (most tokens match no prefix's first
/// letter, and this runs for every token of every name judged).
fn has_content_prefix(token: &str) -> bool {
    let Some(&first) = token.as_bytes().first() else {
        return false;
    };
    CONTENT_PREFIXES
        .iter()
        .any(|w| w.as_bytes()[0] == first && token.starts_with(w))
}

/// The word lists searched inside tokens; bit `i` of
/// [`Phrases::lists_in`] stands for list `i`.
static NAME_WORDS: Phrases = Phrases::new(&[COMMENT_WORDS, OVERLAY_WORDS, RECIRCULATION_WORDS, CHROME_WORDS]);
const COMMENT_KIND: u32 = 1;
const OVERLAY_KIND: u32 = 2;
const RECIRCULATION_KIND: u32 = 4;
const CHROME_KIND: u32 = 8;

/// Calls `f` with each token of a class name or id: lower case, split at
/// `-`, `_`, `.`, `:`, digits and camelCase humps (`"mainNav-2"` → `main`,
/// `nav`). Letters with a digit on both sides are skipped: they are a piece
/// of a hash or an id (`elementor-element-9cc569a`, `css-1ad4f2`), and as
/// tokens they would match short names such as `cc` or `ad` at random.
/// `lower` is scratch space, reused across calls.
fn for_each_token(name: &str, lower: &mut String, mut f: impl FnMut(&str)) {
    lower.clear();
    let mut start = 0;
    let mut prev_lower = false;
    // The current token began right after a digit.
    let mut after_digit = false;
    for c in name.chars() {
        if c.is_ascii_alphabetic() {
            if c.is_ascii_uppercase() && prev_lower && lower.len() > start {
                f(&lower[start..]);
                start = lower.len();
                after_digit = false;
            }
            prev_lower = c.is_ascii_lowercase();
            lower.push(c.to_ascii_lowercase());
        } else {
            prev_lower = false;
            let digit = c.is_ascii_digit();
            if lower.len() > start {
                if !(after_digit && digit) {
                    f(&lower[start..]);
                }
                start = lower.len();
            }
            after_digit = digit;
        }
    }
    if lower.len() > start {
        f(&lower[start..]);
    }
}

/// Class names that hide an element from sighted readers (screen-reader
/// text, utility classes of CSS frameworks). Whole names only: responsive
/// classes such as `hidden-xs` hide on some screens and show on others.
const HIDDEN_CLASSES: &[&str] = &[
    "hidden",
    "hide",
    "d-none",
    "sr-only",
    "visually-hidden",
    "visuallyhidden",
    "screen-reader-text",
    "element-invisible",
    "offscreen",
    "is-hidden",
    "u-hidden",
];

/// Class names of decorations inside text: permalink anchors next to
/// headings (Sphinx's `¶`, anchor.js) and MediaWiki's `[edit]` links.
const DECORATION_WORDS: &[&str] = &[
    "headerlink",
    "editsection",
    "anchorjs",
    "permalink",
    "anchor-link",
];

/// True for an element that decorates text without being part of it. Only
/// inline elements: a container named `permalink` is a whole post. Each
/// `class` value is searched once per page (`cache`).
pub(crate) fn is_decoration<'a>(element: &'a Element, cache: &mut NameCache<'a>) -> bool {
    matches!(element.tag, Tag::A | Tag::Span | Tag::Sup)
        && element.attr("class").is_some_and(|c| {
            static DECORATIONS: Phrases = Phrases::new(&[DECORATION_WORDS]);
            *cache
                .decorations
                .entry(c)
                .or_insert_with(|| DECORATIONS.found_in(c))
        })
}

/// Class names of the placeholders that social platforms' embed codes put
/// in a page (`<blockquote class="twitter-tweet">`): the platform's script
/// swaps each for an iframe of the post, so, like an iframe, it is a widget
/// of another site, not the page's text. Whole names only.
const SOCIAL_EMBED_CLASSES: &[&str] = &[
    "twitter-tweet",
    "twitter-video",
    "instagram-media",
    "tiktok-embed",
];

/// True for the placeholder of an embedded social post (see
/// [`SOCIAL_EMBED_CLASSES`]).
pub(crate) fn is_social_embed(element: &Element) -> bool {
    element.tag == Tag::Blockquote
        && element.attr("class").is_some_and(|c| {
            c.split_ascii_whitespace()
                .any(|n| SOCIAL_EMBED_CLASSES.iter().any(|e| n.eq_ignore_ascii_case(e)))
        })
}

/// True when the element is not shown to readers: the `hidden` attribute,
/// `aria-hidden="true"`, an inline `display:none` / `visibility:hidden`, or a
/// hiding utility class.
pub(crate) fn is_hidden(element: &Element) -> bool {
    element.attrs().any(|(name, value)| match name {
        "hidden" => true,
        "aria-hidden" => value.trim().eq_ignore_ascii_case("true"),
        "style" => style_hides(value),
        "class" => value.split_ascii_whitespace().any(is_hiding_class),
        _ => false,
    })
}

/// True for an inline style with `display: none` or `visibility: hidden`
/// (any case, any spacing around the colon).
fn style_hides(style: &str) -> bool {
    let has = |property: &str, keyword: &str| {
        let lower = style.as_bytes();
        let mut from = 0;
        while let Some(at) = find_ascii_ci(&lower[from..], property.as_bytes()) {
            let after = &style[from + at + property.len()..];
            let after = after.trim_start();
            if let Some(value) = after.strip_prefix(':') {
                let value = value.trim_start().as_bytes();
                if value.len() >= keyword.len()
                    && value[..keyword.len()].eq_ignore_ascii_case(keyword.as_bytes())
                {
                    return true;
                }
            }
            from += at + property.len();
        }
        false
    };
    has("display", "none") || has("visibility", "hidden")
}

/// Position of `needle` (lower-case ASCII, not empty) in `haystack`,
/// ignoring ASCII case. Only where its first letter stands (in either
/// case) is the rest compared.
fn find_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle[0];
    let mut from = 0;
    while let Some(found) = memchr::memchr2(first, first.to_ascii_uppercase(), &haystack[from..]) {
        let at = from + found;
        if haystack[at..].len() >= needle.len()
            && haystack[at..at + needle.len()].eq_ignore_ascii_case(needle)
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// True for one of [`HIDDEN_CLASSES`], in any case.
fn is_hiding_class(class: &str) -> bool {
    HIDDEN_CLASSES
        .iter()
        .any(|h| h.len() == class.len() && class.eq_ignore_ascii_case(h))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name's (score, is a comment section).
    fn name_evidence(name: &str) -> (f32, bool) {
        let verdict = name_verdict(name);
        (verdict.score, verdict.comment)
    }

    #[test]
    fn tokens_split_on_separators_and_case() {
        let mut t = Vec::new();
        for_each_token("mainNav-2 x", &mut String::new(), |token| {
            t.push(token.to_string())
        });
        assert_eq!(t, ["main", "nav", "x"]);
    }

    #[test]
    fn letters_inside_hashes_are_no_tokens() {
        let mut t = Vec::new();
        for_each_token(
            "elementor-element-9cc569a h2-ad300",
            &mut String::new(),
            |token| t.push(token.to_string()),
        );
        assert_eq!(t, ["elementor", "element", "a", "h", "ad"]);
        assert_eq!(name_evidence("elementor-element-9cc569a").0, 0.0);
    }

    #[test]
    fn mixed_names_weigh_both_ways() {
        let (content, _) = name_evidence("post-content");
        let (chrome, _) = name_evidence("social-share-wrapper");
        assert_eq!((content, chrome), (CONTENT_EVIDENCE, CHROME_EVIDENCE));
    }

    #[test]
    fn comment_bodies_are_comments() {
        assert_eq!(name_evidence("comment-body"), (COMMENT_EVIDENCE, true));
        assert_eq!(name_evidence("disqus_thread"), (COMMENT_EVIDENCE, true));
        assert_eq!(name_evidence("leserkommentare"), (COMMENT_EVIDENCE, true));
    }

    #[test]
    fn author_boxes_are_chrome() {
        for name in [
            "author-info",
            "about-the-author",
            "authorbio",
            "AuthorBox",
            "author_description",
        ] {
            assert_eq!(name_evidence(name).0, AUTHOR_BOX_EVIDENCE, "{name}");
        }
        // A byline is part of the article.
        assert_eq!(name_evidence("entry-author").0, CONTENT_EVIDENCE);
        assert_eq!(name_evidence("piece__author").0, 0.0);
    }

    #[test]
    fn customer_reviews_are_comments_but_not_review_topics() {
        assert_eq!(name_evidence("product-reviews"), (COMMENT_EVIDENCE, true));
        assert_eq!(name_evidence("customerReviews"), (COMMENT_EVIDENCE, true));
        assert_eq!(name_evidence("review-body").0, CONTENT_EVIDENCE);
        assert_eq!(name_evidence("previews").0, 0.0);
        assert_eq!(name_evidence("category-reviews").0, 0.0);
    }

    #[test]
    fn sidebar_widgets_are_chrome_but_builder_widgets_are_not() {
        for name in [
            "widget",
            "widget_text",
            "widget-area",
            "widgettitle",
            "textwidget",
        ] {
            assert_eq!(name_evidence(name).0, CHROME_EVIDENCE, "{name}");
        }
        assert_eq!(name_evidence("widget-content").0, CONTENT_EVIDENCE);
        assert_eq!(name_evidence("elementor-widget-container").0, 0.0);
        assert_eq!(name_evidence("celwidget").0, 0.0);
    }

    #[test]
    fn a_hidden_label_is_no_hidden_box() {
        assert_eq!(name_evidence("field-label-hidden").0, 0.0);
        assert_eq!(name_evidence("hidden").0, CHROME_EVIDENCE);
    }

    #[test]
    fn ad_is_a_whole_token() {
        assert_eq!(name_evidence("ad-slot").0, CHROME_EVIDENCE);
        assert_eq!(name_evidence("adaptive-layout").0, 0.0);
        assert_eq!(name_evidence("headline").0, 0.0);
    }

    #[test]
    fn cmp_is_a_namespace_first_and_a_consent_platform_after() {
        assert_eq!(name_evidence("cmp-text").0, CONTENT_EVIDENCE);
        assert_eq!(name_evidence("cmp-title").0, 0.0);
        assert_eq!(name_evidence("cmp-navigation").0, CHROME_EVIDENCE);
        assert_eq!(name_evidence("qc-cmp2-container").0, OVERLAY_EVIDENCE);
        assert_eq!(name_evidence("didomi-cmp").0, OVERLAY_EVIDENCE);
        assert_eq!(name_evidence("site-cmp").0, OVERLAY_EVIDENCE);
    }

    #[test]
    fn paywall_names_only_lean_to_chrome() {
        assert_eq!(name_evidence("paywall-container").0, PAYWALL_EVIDENCE);
        assert_eq!(name_evidence("has-paywall").0, PAYWALL_EVIDENCE);
        assert_eq!(name_evidence("paywall-subscribe").0, OVERLAY_EVIDENCE);
    }

    #[test]
    fn tag_is_chrome_only_at_the_end_of_a_name() {
        assert_eq!(name_evidence("post-tag").0, CHROME_EVIDENCE);
        assert_eq!(name_evidence("tag").0, CHROME_EVIDENCE);
        assert_eq!(name_evidence("tag-politics").0, 0.0);
        assert_eq!(name_evidence("product_tag-outdoor").0, 0.0);
        assert_eq!(name_evidence("tags-links").0, CHROME_EVIDENCE);
    }

    #[test]
    fn inline_styles_that_hide() {
        for style in [
            "display:none",
            "color: red; DISPLAY : None;",
            "visibility:  hidden",
            "x;display:none",
        ] {
            assert!(style_hides(style), "{style}");
        }
        for style in [
            "display:block",
            "display-mode:none",
            "visibility:visible",
            "",
            "none",
        ] {
            assert!(!style_hides(style), "{style}");
        }
    }
}
