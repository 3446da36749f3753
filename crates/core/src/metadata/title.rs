//! The page's title: which of the declared titles to take, and how to
//! remove the site name that `<title>` (and often `og:title`) carries.
//!
//! Candidates, in order: the JSON-LD headline, Dublin Core `dc:title`
//! (rare, and deliberate where present), `og:title`, `twitter:title`,
//! Parse.ly's `parsely-title`, the microdata `headline`, then `<title>`,
//! and when none
//! exists, the first `<h1>`. Each loses its site-name affix when the site's
//! name is known (from `og:site_name`, JSON-LD, `application-name`,
//! `twitter:site` or the host name): `"Rain - Daily News"`, `"Rain | Daily
//! News"`, `"Daily News: Rain"`, `"Rain [Daily News]"`. When the site's name
//! is not known, `<title>` alone also loses a short last part after a
//! separator (`"Rain expected all week - DN"`). A candidate whose
//! separated parts include the page's `<h1>` is cut down to it
//! (`"Rain all week » Weather Blogs - Network"` with `<h1>Rain all
//! week</h1>`). The first candidate that agrees with an `<h1>` (same words,
//! case and punctuation aside) is preferred over one that does not, since
//! the visible headline is the title a reader sees.

use url::Url;

use crate::dom::{Document, NodeId, Tag};

use super::json_ld::JsonLd;
use super::meta_tags::MetaTags;
use super::{clean_text, fold, node_text, MAX_SHORT_VALUE_CHARS};

/// Separators between a title and the site name, with their spaces: a
/// hyphen inside a word ("Just-released") is not one.
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " -- ", " :: ", " » ", " « ", " · ", " • ", " / ", " ~ ", " _ ", "_", " ｜ ",
    "｜", ": ",
];

/// Separators that only count next to a CJK character: a bare `_` joins
/// words in code names ("os_path"), but Chinese sites use it as " | ".
const CJK_ONLY: &[&str] = &["_"];

/// Separators that may end a site-name *prefix* only ("Site: Title"); a
/// colon inside a title is common, so it never ends one.
const PREFIX_ONLY: &[&str] = &[": "];

/// Most words in a part that is dropped as a site name when the site's name
/// is not known: names are short ("Ars Technica", "The Daily Telegraph").
const MAX_AFFIX_WORDS: usize = 4;

/// Fewest words left after dropping an unknown site name: a shorter rest
/// means the separator was part of the title ("Apple - Music").
const MIN_TITLE_WORDS: usize = 3;

/// Most `<h1>` elements compared with the candidates.
pub(super) const MAX_H1: usize = 20;

/// Chooses the title of `doc` (see the module doc); `h1s` are the first
/// [`MAX_H1`] `<h1>` elements of the body.
pub(super) fn choose(
    doc: &Document,
    meta: &MetaTags,
    ld: &JsonLd,
    site_name: Option<&str>,
    url: Option<&Url>,
    h1s: &[NodeId],
) -> Option<String> {
    let sites = SiteNames::new(meta, ld, site_name, url);
    let h1s: Vec<String> = (h1s.iter())
        .filter_map(|&id| {
            clean_text(
                &node_text(doc, id, MAX_SHORT_VALUE_CHARS + 1),
                MAX_SHORT_VALUE_CHARS,
            )
        })
        .collect();

    let mut candidates: Vec<String> = [
        ld.headline.as_deref(),
        meta.get("dc:title"),
        meta.get("dcterms:title"),
        meta.get("og:title"),
        meta.get("twitter:title"),
        meta.get("parsely-title"),
        meta.get("itemprop:headline"),
    ]
    .into_iter()
    .flatten()
    .filter_map(|t| clean_text(t, MAX_SHORT_VALUE_CHARS))
    .map(|t| sites.strip(&t))
    .map(|t| h1_run(&t, &h1s).unwrap_or(t))
    .collect();
    if let Some(t) = title_element(doc) {
        let stripped = sites.strip(&t);
        candidates.push(if stripped == t {
            strip_unknown_site(&t, &h1s)
        } else {
            stripped
        });
    }
    candidates.retain(|c| !c.is_empty());
    if candidates.is_empty() {
        return h1s.into_iter().next();
    }
    let agrees = |c: &String| {
        let f = fold(c);
        !f.is_empty() && h1s.iter().any(|h| fold(h) == f)
    };
    let chosen = candidates.iter().find(|c| agrees(c)).unwrap_or(&candidates[0]);
    Some(chosen.clone())
}

/// The text of the document's `<title>` (the first one outside `<svg>`).
fn title_element(doc: &Document) -> Option<String> {
    let scope = doc.head().unwrap_or(doc.root());
    let id = doc
        .descendants(scope)
        .find(|&id| doc.tag(id) == Some(Tag::Title))
        .or_else(|| {
            doc.descendants(doc.root())
                .find(|&id| doc.tag(id) == Some(Tag::Title))
        })?;
    let text: String = doc.children(id).filter_map(|c| doc.text(c)).collect();
    clean_text(&text, MAX_SHORT_VALUE_CHARS)
}

/// The names a site may go by in its titles, folded without spaces
/// (`"arstechnica"`).
struct SiteNames {
    names: Vec<String>,
}

impl SiteNames {
    fn new(meta: &MetaTags, ld: &JsonLd, site_name: Option<&str>, url: Option<&Url>) -> SiteNames {
        let mut names: Vec<String> = [
            site_name,
            meta.get("og:site_name"),
            ld.website_name.as_deref(),
            ld.publisher.as_deref(),
            meta.get("application-name"),
            meta.get("apple-mobile-web-app-title"),
            meta.get("twitter:site").map(|s| s.trim_start_matches('@')),
        ]
        .into_iter()
        .flatten()
        .map(squash)
        .collect();
        if let Some(host) = url.and_then(Url::host_str) {
            let host = host.to_ascii_lowercase();
            let host = host.strip_prefix("www.").unwrap_or(&host);
            names.push(squash(host));
            if let Some(label) = site_label(host) {
                names.push(label);
            }
        }
        // Two letters or fewer would match words of ordinary titles.
        const MIN_NAME_CHARS: usize = 3;
        names.retain(|n| n.chars().count() >= MIN_NAME_CHARS);
        names.sort();
        names.dedup();
        SiteNames { names }
    }

    /// True when `part` names the site: equal to a known name, spaces,
    /// case and punctuation aside, or that name plus a domain ending
    /// (`"Libération.fr"`, `"Example.com"`).
    fn matches(&self, part: &str) -> bool {
        /// Domain endings written after a site's name in titles.
        const NAME_ENDINGS: &[&str] = &["com", "org", "net", "fr", "de", "couk", "io"];
        let p = squash(part.trim().trim_matches(|c| matches!(c, '[' | ']' | '(' | ')')));
        !p.is_empty()
            && self.names.iter().any(|n| {
                p == *n
                    || NAME_ENDINGS
                        .iter()
                        .any(|end| p.strip_suffix(end) == Some(n.as_str()))
            })
    }

    /// `title` without the leading and trailing parts that name the site.
    fn strip(&self, title: &str) -> String {
        if self.names.is_empty() {
            return title.to_string();
        }
        let mut title = title.to_string();
        // "Title [Site]" and "Title (Site)".
        for (open, close) in [(" [", ']'), (" (", ')')] {
            if title.ends_with(close) {
                if let Some(pos) = title.rfind(open) {
                    if self.matches(&title[pos..]) && pos > 0 {
                        title.truncate(pos);
                    }
                }
            }
        }
        // Peel one site-name part at a time from either end: "Section -
        // Site" titles and "Site | Title | Site" both occur.
        loop {
            let parts = split(&title);
            if parts.len() < 2 {
                break;
            }
            let mut peeled = false;
            // Longest matching tail first: a site name may itself hold a
            // separator ("Mozilla Hacks – the Web developer blog").
            for k in 1..parts.len() {
                let (cut, _) = parts[parts.len() - k];
                if self.matches(&title[cut..]) && !PREFIX_ONLY.contains(&parts[parts.len() - k].1) {
                    title = title[..cut - parts[parts.len() - k].1.len()].trim().to_string();
                    peeled = true;
                    break;
                }
            }
            if !peeled {
                for &(start, sep) in &parts[1..] {
                    if self.matches(&title[..start - sep.len()]) {
                        title = title[start..].trim().to_string();
                        peeled = true;
                        break;
                    }
                }
            }
            if !peeled {
                break;
            }
        }
        title
    }
}

/// `s` folded with the spaces removed: "Ars Technica" and "ArsTechnica"
/// are the same name.
fn squash(s: &str) -> String {
    fold(s).replace(' ', "")
}

/// The distinctive label of a host: `bbc` for `www.bbc.co.uk`,
/// `arstechnica` for `arstechnica.com`.
fn site_label(host: &str) -> Option<String> {
    /// Second-level labels under which countries register names.
    const SECOND_LEVEL: &[&str] = &["co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "go"];
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    let mut end = labels.len().checked_sub(1)?;
    if end >= 2 && SECOND_LEVEL.contains(&labels[end - 1]) {
        end -= 1;
    }
    let label = labels.get(end.checked_sub(1)?)?;
    Some(squash(label))
}

/// The parts of `title` between separators, as `(start byte, separator
/// before it)`; the first part has an empty separator.
pub(super) fn split(title: &str) -> Vec<(usize, &'static str)> {
    let mut parts = vec![(0, "")];
    let mut i = 0;
    while i < title.len() {
        let rest = &title[i..];
        let sep = SEPARATORS.iter().find(|s| rest.starts_with(**s)).filter(|s| {
            !CJK_ONLY.contains(s)
                || title[..i].chars().next_back().is_some_and(is_cjk)
                || rest[s.len()..].chars().next().is_some_and(is_cjk)
        });
        match sep {
            Some(sep) if i > 0 => {
                i += sep.len();
                parts.push((i, sep));
            }
            _ => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    parts
}

/// `<title>` when the site's name is unknown: the part that an `<h1>`
/// repeats, else the title without a short last part after a separator
/// when enough words remain.
fn strip_unknown_site(title: &str, h1s: &[String]) -> String {
    let parts = split(title);
    if parts.len() < 2 {
        return title.to_string();
    }
    if let Some(run) = h1_run(title, h1s) {
        return run;
    }
    // "Title [Site]": a short bracketed tag at the end names the site.
    if let Some(pos) = title.rfind(" [").filter(|_| title.ends_with(']')) {
        let (rest, tag) = (title[..pos].trim(), &title[pos..]);
        if words(tag) <= MAX_AFFIX_WORDS && words(rest) >= MIN_TITLE_WORDS {
            return strip_unknown_site(rest, h1s);
        }
    }
    let (last_start, last_sep) = *parts.last().unwrap_or(&(0, ""));
    if PREFIX_ONLY.contains(&last_sep) {
        return title.to_string();
    }
    let last = &title[last_start..];
    let rest = title[..last_start - last_sep.len()].trim();
    if words(last) <= MAX_AFFIX_WORDS && words(rest) >= MIN_TITLE_WORDS {
        rest.to_string()
    } else {
        title.to_string()
    }
}

/// True for Chinese, Japanese and Korean letters (and their punctuation).
fn is_cjk(c: char) -> bool {
    ('\u{3000}'..='\u{9fff}').contains(&c)
        || ('\u{ac00}'..='\u{d7af}').contains(&c)
        || ('\u{ff00}'..='\u{ffef}').contains(&c)
}

/// The run of `title`'s parts that an `<h1>` repeats, when it is the
/// larger share of the title: the headline, with the site's name and
/// sections around it left out. A short run is rather the site's logo
/// heading (blog templates put the blog's name in an `<h1>`).
fn h1_run(title: &str, h1s: &[String]) -> Option<String> {
    let parts = split(title);
    if parts.len() < 2 || h1s.is_empty() {
        return None;
    }
    let folded_h1s: Vec<String> = h1s.iter().map(|h| fold(h)).filter(|h| !h.is_empty()).collect();
    // Titles have a handful of parts; the bound keeps a pathological one
    // cheap.
    const MAX_PARTS: usize = 12;
    let n = parts.len().min(MAX_PARTS);
    let total_words = words(title);
    for i in 0..n {
        for j in (i + 1..=n).rev() {
            let start = parts[i].0;
            let end = parts.get(j).map_or(title.len(), |(s, sep)| s - sep.len());
            let run = title[start..end].trim();
            if 2 * words(run) >= total_words && folded_h1s.contains(&fold(run)) {
                return Some(run.to_string());
            }
        }
    }
    None
}

/// Number of words (runs of letters or digits) in `s`; text without spaces
/// (Chinese, Japanese) counts one word per character.
fn words(s: &str) -> usize {
    let spaced = fold(s).split(' ').filter(|w| !w.is_empty()).count();
    let cjk = s.chars().filter(|&c| is_cjk(c)).count();
    spaced.max(cjk)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom;
    use crate::metadata::extract;

    fn title_of(html: &str, url: Option<&str>) -> Option<String> {
        let doc = dom::parse(html, 100_000).expect("parses");
        extract(&doc, url).title
    }

    #[test]
    fn known_site_suffixes_and_prefixes_are_removed() {
        let site = r#"<meta property="og:site_name" content="Daily News">"#;
        for raw in [
            "Rain all week - Daily News",
            "Rain all week | Daily News",
            "Rain all week – Daily News",
            "Rain all week — daily news",
            "Daily News: Rain all week",
            "Daily News | Rain all week",
            "Rain all week [Daily News]",
            "Daily News | Rain all week | DailyNews",
        ] {
            let html = format!("{site}<title>{raw}</title>");
            assert_eq!(title_of(&html, None).as_deref(), Some("Rain all week"), "{raw}");
        }
    }

    #[test]
    fn site_name_with_separator_inside() {
        let html = r#"<meta property="og:site_name" content="Mozilla Hacks – the Web developer blog">
            <title>This API is so Fetching! – Mozilla Hacks – the Web developer blog</title>"#;
        assert_eq!(title_of(html, None).as_deref(), Some("This API is so Fetching!"));
    }

    #[test]
    fn host_name_is_a_site_name() {
        let html = "<title>Minecraft exploit crashes servers - Ars Technica</title>";
        assert_eq!(
            title_of(html, Some("https://arstechnica.com/x")).as_deref(),
            Some("Minecraft exploit crashes servers")
        );
        let html = "<title>Obama on guns - BBC</title>";
        assert_eq!(
            title_of(html, Some("http://www.bbc.co.uk/news/1")).as_deref(),
            Some("Obama on guns")
        );
    }

    #[test]
    fn og_title_is_cleaned_too_and_preferred() {
        let html = r#"<meta property="og:site_name" content="BBC News">
            <meta property="og:title" content="Obama admits US gun laws are his 'biggest frustration' - BBC News">
            <title>Something else - BBC News</title>"#;
        assert_eq!(
            title_of(html, None).as_deref(),
            Some("Obama admits US gun laws are his 'biggest frustration'")
        );
    }

    #[test]
    fn colon_inside_a_title_is_kept() {
        let html = "<title>This is a long title with a colon: Hello there</title>";
        assert_eq!(
            title_of(html, None).as_deref(),
            Some("This is a long title with a colon: Hello there")
        );
        let html =
            r#"<meta property="og:site_name" content="Hello there"><title>Long title: Hello there</title>"#;
        assert_eq!(
            title_of(html, None).as_deref(),
            Some("Long title: Hello there"),
            "a colon never ends a suffix"
        );
    }

    #[test]
    fn unknown_site_short_suffix_is_dropped() {
        assert_eq!(
            title_of("<title>Rain expected all week - DN</title>", None).as_deref(),
            Some("Rain expected all week")
        );
        assert_eq!(
            title_of("<title>Apple - Music</title>", None).as_deref(),
            Some("Apple - Music"),
            "too short a rest"
        );
        assert_eq!(
            title_of(
                "<title>Rain expected - a long subtitle that is not a site name</title>",
                None
            )
            .as_deref(),
            Some("Rain expected - a long subtitle that is not a site name")
        );
    }

    #[test]
    fn unknown_site_bracket_tag_is_dropped() {
        assert_eq!(
            title_of(
                "<title>Chapter 1 - A Story Title | Fandom | Other Name [Archive of Our Own]</title>",
                None
            )
            .as_deref(),
            Some("Chapter 1 - A Story Title | Fandom")
        );
    }

    #[test]
    fn og_title_is_cut_to_the_h1() {
        let html = r#"<meta property="og:site_name" content="A Blog">
            <meta property="og:title" content="Rain all week » Weather Blogs - Network">
            <body><h1>Rain all week</h1>"#;
        assert_eq!(title_of(html, None).as_deref(), Some("Rain all week"));
    }

    #[test]
    fn logo_h1_is_not_the_headline() {
        let html = "<title>Silicon Exposed: Open Verilog flow for programmable logic</title><body><h1>Silicon Exposed</h1>";
        assert_eq!(
            title_of(html, None).as_deref(),
            Some("Silicon Exposed: Open Verilog flow for programmable logic")
        );
        let html = r#"<meta property="og:title" content="Open Verilog flow"><title>Silicon Exposed: Open Verilog flow</title>
            <body><h1>Silicon Exposed</h1>"#;
        assert_eq!(title_of(html, None).as_deref(), Some("Open Verilog flow"));
    }

    #[test]
    fn h1_agreement() {
        // The <h1> picks the part of <title> that is the headline.
        let html =
            "<title>World | Rain expected all week | The Daily</title><body><h1>Rain expected all week</h1>";
        assert_eq!(title_of(html, None).as_deref(), Some("Rain expected all week"));
        // A candidate matching the <h1> beats the first one.
        let html = r#"<script type="application/ld+json">{"@type":"Article","headline":"Short SEO line"}</script>
            <meta property="og:title" content="The real headline"><body><h1>The  real headline</h1>"#;
        assert_eq!(title_of(html, None).as_deref(), Some("The real headline"));
        // Without agreement, the first candidate.
        let html = r#"<script type="application/ld+json">{"@type":"Article","headline":"LD headline"}</script>
            <meta property="og:title" content="OG headline"><body><h1>Site logo</h1>"#;
        assert_eq!(title_of(html, None).as_deref(), Some("LD headline"));
    }

    #[test]
    fn fallbacks() {
        assert_eq!(
            title_of("<body><h1>Only a heading</h1><h1>Second</h1>", None).as_deref(),
            Some("Only a heading")
        );
        assert_eq!(
            title_of(
                r#"<meta name="DC.title" content="Dublin Core title"><title>T</title>"#,
                None
            )
            .as_deref(),
            Some("Dublin Core title")
        );
        assert_eq!(title_of("<title>  </title>", None), None);
        assert_eq!(
            title_of("<svg><title>icon</title></svg><title>Real</title>", None).as_deref(),
            Some("Real")
        );
    }

    #[test]
    fn split_keeps_hyphenated_words() {
        assert_eq!(split("Just-released exploit - Ars").len(), 2);
        assert_eq!(split("- leading"), [(0, "")]);
        assert_eq!(words("宇航员在太空"), 6);
        assert_eq!(split("read_file in Rust").len(), 1);
        assert_eq!(split("后果很严重 _探索者 _光明网").len(), 3);
    }
}
