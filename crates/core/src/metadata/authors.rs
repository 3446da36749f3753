//! The authors: from JSON-LD, `<meta>` tags and microdata, and failing
//! those from the byline markup of the page (`rel="author"` links,
//! elements whose class or id says "byline" or "author", links to
//! `/author/…` pages).
//!
//! Every value is cleaned the same way: "By", "Written by", "Von", "Par"…
//! removed; in a byline of several words, the text cut where a date or a
//! count begins (a lone user name such as "CC7567" keeps its digits) and
//! trailing month names and "on"/"updated" dropped; several names split on
//! "and", "&", ";" or commas; "View all posts by X" read as X; URLs,
//! e-mail-only values and anything longer than a name refused.

use crate::dom::{Document, Edge, Tag, Walk};

use super::hints::{Attributes, NameHints, BYLINE, FOREIGN_REGION};
use super::json_ld::JsonLd;
use super::meta_tags::MetaTags;
use super::{fold, node_text};

/// Meta keys naming the author, in order of trust.
const AUTHOR_KEYS: &[&str] = &[
    "dc:creator",
    "dcterms:creator",
    "author",
    "article:author",
    "og:article:author",
    "parsely-author",
    "sailthru.author",
    "byl",
    "citation_author",
    "itemprop:author",
    "itemprop:creator",
];

/// Words in a `class`/`id` that mark byline markup.
pub(super) const BYLINE_HINTS: &[&str] = &[
    "byline",
    "author",
    "writtenby",
    "written-by",
    "p-author",
    "contributor",
];

/// Longest byline text considered, in chars: a longer element is an author
/// bio or a whole block of text, not a byline.
const MAX_BYLINE_CHARS: usize = 100;

/// Most words in one name ("Organization for Transformative Works" has 4;
/// more is a sentence).
const MAX_NAME_WORDS: usize = 6;

/// Longest name, in chars.
const MAX_NAME_CHARS: usize = 80;

/// Most authors returned.
const MAX_AUTHORS: usize = 20;

/// Words introducing a name in a byline, lower case, longest first.
const BY_PREFIXES: &[&str] = &[
    "written by",
    "posted by",
    "reported by",
    "story by",
    "words by",
    "text by",
    "published by",
    "authors:",
    "author:",
    "auteur:",
    "autor:",
    "autorin:",
    "by:",
    "by",
    "von",
    "par",
    "por",
    "door",
    "av",
    "från",
];

/// The page's authors (see the module doc for the order of sources).
/// The site's name after an author's ("Greg Botelho, CNN") is dropped.
pub(super) fn authors<'a>(
    doc: &'a Document,
    meta: &MetaTags,
    ld: &JsonLd,
    site_name: Option<&str>,
    hints: &mut NameHints<'a>,
) -> Vec<String> {
    let mut found = names(ld.authors.iter().map(String::as_str));
    for key in AUTHOR_KEYS {
        if found.is_empty() {
            found = names(meta.all(key));
        }
    }
    if found.is_empty() {
        let links: Vec<String> = meta.author_links(doc).collect();
        found = names(links.iter().map(String::as_str));
    }
    if found.is_empty() {
        found = byline_markup(doc, hints)
            .map(|t| names(std::iter::once(t.as_str())))
            .unwrap_or_default();
    }
    let site = site_name.map(fold).unwrap_or_default();
    if !site.is_empty() {
        for name in &mut found {
            if let Some((person, org)) = name.rsplit_once([',', '/', '|']) {
                if fold(org) == site && !person.trim().is_empty() {
                    *name = person.trim().to_string();
                }
            }
        }
    }
    found
}

/// The clean, distinct names in `values`.
fn names<'a>(values: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for value in values {
        for name in clean_names(value) {
            if out.len() < MAX_AUTHORS && !out.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
                out.push(name);
            }
        }
    }
    out
}

/// The names in one author value (see the module doc).
pub(super) fn clean_names(value: &str) -> Vec<String> {
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if value.contains("://") || value.starts_with("www.") || value.starts_with('/') {
        return Vec::new();
    }
    // In a byline of several words, the text from the first digit on is a
    // date, a time or a count ("Lucas Nolan 22 Dec 2016", "Ann Lee 3
    // comments"); a single word with digits is a user name ("CC7567").
    let cut = value
        .find(|c: char| c.is_ascii_digit())
        .filter(|&i| value[..i].trim().contains(' '))
        .unwrap_or(value.len());
    let mut text = trim_date_words(value[..cut].trim());
    // What follows a separator in a byline is a date, a role or a place.
    for sep in [" | ", " • ", " · ", " — ", " – ", " - ", "\u{2022}"] {
        if let Some(pos) = text.find(sep) {
            text = text[..pos].trim();
        }
    }
    let text = strip_by(text);
    let text = after_inner_by(text);
    // "Deutsche Welle (www.dw.com)", "Ann Lee (@annlee)": the parenthesis
    // is a handle, a site or a role.
    let text = match text.rfind(" (") {
        Some(pos) if text.ends_with(')') && pos > 0 => text[..pos].trim(),
        _ => text,
    };
    let mut parts = vec![text.to_string()];
    for sep in [" and ", " & ", ";", " und ", " et ", " y ", " e ", "、", ", "] {
        parts = parts.iter().flat_map(|p| split_names(p, sep)).collect();
    }
    parts
        .into_iter()
        .map(|p| strip_by(trim_name(&p)).to_string())
        .map(|p| trim_name(&p).to_string())
        .filter(|p| is_name(p))
        .collect()
}

/// `text` split on `sep` when every piece looks like a full name (two
/// words or more, or one CJK word); otherwise `text` whole ("Smith, John").
fn split_names(text: &str, sep: &str) -> Vec<String> {
    let pieces: Vec<&str> = text.split(sep).map(str::trim).filter(|p| !p.is_empty()).collect();
    let full_name = |p: &&str| p.split_whitespace().count() >= 2 || !p.is_ascii();
    if pieces.len() > 1 && (sep != ", " || pieces.iter().all(full_name)) {
        pieces.into_iter().map(str::to_string).collect()
    } else {
        vec![text.to_string()]
    }
}

/// `text` without the words of a date cut in two by the digit rule
/// ("Joshua Sokol May" of "Joshua Sokol May 5, 2015"): trailing month and
/// weekday names and the words that introduce a date.
fn trim_date_words(text: &str) -> &str {
    const DATE_WORDS: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "on",
        "at",
        "updated",
        "published",
        "posted",
        "am",
        "pm",
    ];
    let mut text = text.trim();
    while let Some((head, last)) = text.rsplit_once(' ') {
        let word = last.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        if !word.is_empty() && !DATE_WORDS.contains(&word.as_str()) {
            break;
        }
        text = head.trim_end();
    }
    text
}

/// The name after an inner "by" ("View all posts by Ann Lee", "Zeige alle
/// Beiträge von Ann Lee"), when the words before it are not a name
/// themselves (two or more words) and a short name follows.
fn after_inner_by(text: &str) -> &str {
    const INNER_BY: &[&str] = &[" by ", " von ", " par ", " por "];
    // A name is at most this many words; a longer rest is a sentence.
    const MAX_AFTER_WORDS: usize = 4;
    let lower = text.to_ascii_lowercase();
    for by in INNER_BY {
        if let Some(pos) = lower.rfind(by) {
            let (before, after) = (&text[..pos], text.get(pos + by.len()..).unwrap_or(""));
            let after_words = after.split_whitespace().count();
            if before.split_whitespace().count() >= 2 && (1..=MAX_AFTER_WORDS).contains(&after_words) {
                return after.trim();
            }
        }
    }
    text
}

/// `text` without a leading "By" (and its kin, see [`BY_PREFIXES`]).
fn strip_by(text: &str) -> &str {
    let mut text = text.trim();
    loop {
        let lower = text.to_lowercase();
        let Some(prefix) = BY_PREFIXES.iter().find(|p| {
            lower.starts_with(**p)
                && (p.ends_with(':') || lower[p.len()..].starts_with([' ', ':', '\u{a0}']))
                && lower.len() > p.len()
        }) else {
            return text;
        };
        // Lower-casing can change byte lengths; the prefixes are ASCII but
        // the text before them is what matters, and it is the prefix.
        let Some(rest) = text.get(prefix.len()..) else {
            return text;
        };
        text = rest.trim_start_matches([' ', ':', '\u{a0}']).trim();
    }
}

/// `s` without surrounding punctuation and spaces.
fn trim_name(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | ';' | ':' | '|' | '-' | '–' | '—' | '(' | ')' | '.' | '•' | '·' | '/'
            )
    })
}

/// Last words of a job title that a byline puts after the name ("By Ann
/// Lee, Transport Reporter", "Bo Li | Staff Writer"): a piece ending in one
/// is the role, not another author.
const ROLE_WORDS: &[&str] = &[
    "reporter",
    "correspondent",
    "editor",
    "writer",
    "journalist",
    "columnist",
    "contributor",
    "photographer",
    "producer",
    "analyst",
    "critic",
    "intern",
];

/// True when `s` is a job title: its last word is one of [`ROLE_WORDS`].
fn is_role(s: &str) -> bool {
    s.rsplit(' ')
        .next()
        .is_some_and(|last| ROLE_WORDS.iter().any(|r| r.eq_ignore_ascii_case(last)))
}

/// True when `s` can be a person's or organisation's name.
fn is_name(s: &str) -> bool {
    let words = s.split_whitespace().count();
    (1..=MAX_NAME_WORDS).contains(&words)
        && s.chars().count() <= MAX_NAME_CHARS
        && s.chars().any(char::is_alphabetic)
        // A bare e-mail address or handle is no name.
        && (!s.contains('@') || s.contains(' '))
        && !BY_PREFIXES.iter().any(|p| p.trim_end_matches(':').eq_ignore_ascii_case(s))
        && !is_role(s)
}

/// The text of the first byline element of the page: `class`/`id`
/// containing a byline hint, else a link to an `/author/` page; outside
/// navigation, comments, asides and footers, and short.
fn byline_markup<'a>(doc: &'a Document, hints: &mut NameHints<'a>) -> Option<String> {
    let mut hinted: Option<String> = None;
    let mut author_link: Option<String> = None;
    doc.walk(doc.body(), |edge| {
        let Edge::Open(id) = edge else {
            return Walk::Continue;
        };
        if hinted.is_some() {
            return Walk::SkipChildren;
        }
        let Some(el) = doc.element(id) else {
            return Walk::Continue;
        };
        let container = matches!(el.tag, Tag::Html | Tag::Body | Tag::Main);
        if matches!(
            el.tag,
            Tag::Nav | Tag::Aside | Tag::Footer | Tag::Script | Tag::Style | Tag::Template | Tag::Form
        ) {
            return Walk::SkipChildren;
        }
        let bits = if container {
            0
        } else {
            hints.of(id, Attributes::Naming)
        };
        if bits & FOREIGN_REGION != 0 {
            return Walk::SkipChildren;
        }
        if bits & BYLINE != 0 {
            let text = node_text(doc, id, MAX_BYLINE_CHARS + 1);
            if !text.is_empty() && text.chars().count() <= MAX_BYLINE_CHARS && !clean_names(&text).is_empty()
            {
                hinted = Some(text);
                return Walk::SkipChildren;
            }
        }
        if author_link.is_none() && el.tag == Tag::A && el.attr("href").is_some_and(is_author_url) {
            let text = node_text(doc, id, MAX_BYLINE_CHARS + 1);
            if text.chars().count() <= MAX_BYLINE_CHARS && !clean_names(&text).is_empty() {
                author_link = Some(text);
            }
        }
        Walk::Continue
    });
    hinted.or(author_link)
}

/// True for a link to an author's page (`/author/ann-lee`,
/// `/authors/ann`, `/profile/ann`), ASCII case aside. Every path starts
/// with a slash, so only the slashes of `href` are tried (without
/// lower-casing a copy of every link of the page).
fn is_author_url(href: &str) -> bool {
    let h = href.as_bytes();
    memchr::memchr_iter(b'/', h).any(|at| {
        // The byte after the slash, compared first: it rules out nearly
        // every slash of a URL at once.
        let Some(next) = h.get(at + 1).map(u8::to_ascii_lowercase) else {
            return false;
        };
        AUTHOR_PATHS.iter().any(|p| {
            p.as_bytes()[1] == next
                && h.get(at..at + p.len())
                    .is_some_and(|s| s.eq_ignore_ascii_case(p.as_bytes()))
        })
    })
}

/// Path segments of author pages, lower case, with their slashes.
const AUTHOR_PATHS: &[&str] = &[
    "/author/",
    "/authors/",
    "/writers/",
    "/people/",
    "/profile/",
    "/autor/",
    "/auteur/",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom;
    use crate::metadata::extract;

    fn authors_of(html: &str) -> Vec<String> {
        let doc = dom::parse(html, 100_000).expect("parses");
        extract(&doc, None).authors
    }

    #[test]
    fn author_urls_ignore_ascii_case() {
        let lowered = |h: &str| {
            let h = h.to_ascii_lowercase();
            AUTHOR_PATHS.iter().any(|p| h.contains(p))
        };
        for href in [
            "https://x.com/Author/ann-lee",
            "/AUTEUR/x",
            "é/people/x",
            "/authors",
            "/x/profile",
            "author/ann/",
            "//people//",
            "",
        ] {
            assert_eq!(is_author_url(href), lowered(href), "{href}");
        }
        assert!(is_author_url("/writers/ann"));
        assert!(!is_author_url("/writers"));
    }

    #[test]
    fn cleaning() {
        assert_eq!(clean_names("By Dan Goodin"), ["Dan Goodin"]);
        assert_eq!(clean_names("by Lucas Nolan22 Dec 2016651"), ["Lucas Nolan"]);
        assert_eq!(clean_names("BY: JOE WEE"), ["JOE WEE"]);
        assert_eq!(clean_names("Par Sébastien Farcis"), ["Sébastien Farcis"]);
        assert_eq!(
            clean_names("Stella Kim, Jennifer Jett"),
            ["Stella Kim", "Jennifer Jett"]
        );
        assert_eq!(clean_names("Ann Lee and Bo Chan"), ["Ann Lee", "Bo Chan"]);
        assert_eq!(clean_names("Smith, John"), ["Smith, John"]);
        assert_eq!(clean_names("Written by Rob Ewaschuk | March 3"), ["Rob Ewaschuk"]);
        assert_eq!(
            clean_names("https://www.facebook.com/someone"),
            Vec::<String>::new()
        );
        assert_eq!(clean_names("By"), Vec::<String>::new());
        assert_eq!(clean_names("By Joshua Sokol May 5, 2015"), ["Joshua Sokol"]);
        assert_eq!(clean_names("Ann Lee, Updated on Monday, 3 May"), ["Ann Lee"]);
        assert_eq!(clean_names("CC7567"), ["CC7567"], "a user name keeps its digits");
        assert_eq!(clean_names("View all posts by Ann Lee"), ["Ann Lee"]);
        assert_eq!(
            clean_names("Zeige alle Beiträge von Petra Ruland"),
            ["Petra Ruland"]
        );
        assert_eq!(clean_names("Deutsche Welle (www.dw.com)"), ["Deutsche Welle"]);
        assert_eq!(
            clean_names("April Smith"),
            ["April Smith"],
            "a month name alone does not end a name"
        );
        assert_eq!(clean_names("12:30"), Vec::<String>::new());
        assert_eq!(
            clean_names("Byron Smith"),
            ["Byron Smith"],
            "a name starting with By"
        );
        assert!(clean_names("this is a whole sentence about the weather in the city today").is_empty());
        assert_eq!(
            clean_names("By Priya Natarajan, Transport Reporter"),
            ["Priya Natarajan"],
            "a job title after the name is no author"
        );
        assert_eq!(
            clean_names("Bo Li, Staff Writer and Ann Lee"),
            ["Bo Li", "Ann Lee"]
        );
        assert_eq!(clean_names("The Editors"), ["The Editors"]);
    }

    #[test]
    fn json_ld_first() {
        let html = r#"<script type="application/ld+json">{"@type":"Article","author":{"name":"LD Name"}}</script>
            <meta name="author" content="Meta Name">"#;
        assert_eq!(authors_of(html), ["LD Name"]);
    }

    #[test]
    fn site_name_after_a_name_is_dropped() {
        let html =
            r#"<meta property="og:site_name" content="CNN"><meta name="author" content="Greg Botelho, CNN">"#;
        assert_eq!(authors_of(html), ["Greg Botelho"]);
        assert_eq!(
            authors_of(
                r#"<meta name="author" content="BBC News"><meta property="og:site_name" content="BBC News">"#
            ),
            ["BBC News"]
        );
    }

    #[test]
    fn meta_sources() {
        assert_eq!(
            authors_of(r#"<meta name="author" content="Meta Name">"#),
            ["Meta Name"]
        );
        assert_eq!(
            authors_of(
                r#"<meta property="article:author" content="https://facebook.com/x"><meta name="dc.creator" content="DC Name">"#
            ),
            ["DC Name"]
        );
        assert_eq!(
            authors_of(r#"<meta name="byl" content="By Jeffrey Gettleman">"#),
            ["Jeffrey Gettleman"]
        );
    }

    #[test]
    fn microdata_and_rel_author() {
        assert_eq!(
            authors_of(r#"<div itemprop="author" itemscope><span itemprop="name">Md Name</span></div>"#),
            ["Md Name"]
        );
        assert_eq!(
            authors_of(r#"<p>By <a rel="author" href="/u/1">Rel Name</a></p>"#),
            ["Rel Name"]
        );
    }

    #[test]
    fn byline_markup_is_the_last_resort() {
        let html = r#"<body><nav><span class="author">Nav Name</span></nav>
            <div class="comments"><span class="comment-author">Commenter</span></div>
            <article><div class="byline">By Ann Lee | March 3, 2015</div><p>Text</p></article></body>"#;
        assert_eq!(authors_of(html), ["Ann Lee"]);
        let html = r#"<body><article><p class="author-bio">Ann Lee is a reporter who has covered the city
            for twenty years and before that wrote about science for several magazines.</p>
            <a href="/author/ann-lee">Ann Lee</a></article></body>"#;
        assert_eq!(authors_of(html), ["Ann Lee"]);
    }
}
