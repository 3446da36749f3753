//! Publication and modification dates: where to find them and how to read
//! them.
//!
//! Dates come from JSON-LD, `<meta>` tags, microdata, `<time>` elements,
//! the URL (`/2016/03/14/`) and, last, the words of a byline or dateline. Whatever the form — ISO 8601, `Y/M/D`,
//! `D.M.Y`, compact `YYYYMMDD`, RFC 2822 or English text such as "March 14,
//! 2016 9:30 pm" — a date is checked (a real day of a real month, a real
//! time of day, a plausible year) and written back as ISO 8601: `YYYY-MM-DD`
//! for a date, `YYYY-MM-DDTHH:MM:SS` plus `Z` or `±HH:MM` (when the source
//! gives an offset) for a date-time. Fractions of a second are dropped.

use crate::dom::{Document, Edge, NodeId, Tag, Walk};

use super::hints::{Attributes, NameHints, DATELINE, FOREIGN_REGION, OTHER_DATE, PUBLISHED};
use super::json_ld::JsonLd;
use super::meta_tags::MetaTags;
use super::node_text;

/// Earliest year accepted from metadata: older dates are placeholders or
/// the dates of what a page describes (a book, a battle), not the page's.
const MIN_YEAR: u32 = 1800;

/// Latest year accepted from metadata: later ones are typos or sentinels.
const MAX_YEAR: u32 = 2100;

/// Earliest year accepted from a URL: before the web existed, four digits
/// in a path are an id or a model number, not a date.
const MIN_URL_YEAR: u32 = 1991;

/// The Unix epoch, written by CMSs whose date field was left empty.
const EPOCH_PLACEHOLDER: &str = "1970-01-01";

/// Longest text read as a date: a longer one is a sentence that mentions
/// a date, not a date.
const MAX_DATE_CHARS: usize = 80;

/// Meta keys of the publication date, most specific first.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "og:published_time",
    "published_time",
    "itemprop:datepublished",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "dc:date.issued",
    "dcterms:issued",
    "dcterms:date",
    "dc:date",
    "dcterms:created",
    "dc:date.created",
    "dc:created",
    "citation_publication_date",
    "citation_date",
    "prism.publicationdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "pubdate",
    "article.published",
    "date",
    "itemprop:datecreated",
    "uploaddate",
];

/// Meta keys of the modification date.
const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:article:modified_time",
    "article:modified",
    "og:updated_time",
    "modified_time",
    "itemprop:datemodified",
    "datemodified",
    "dcterms:modified",
    "dc:date.modified",
    "last-modified",
    "http-equiv:last-modified",
    "lastmod",
];

/// Words in a `class`/`id` marking an element as the publication date.
pub(super) const PUBLISHED_CLASS_HINTS: &[&str] = &[
    "publish",
    "posted",
    "pubdate",
    "entry-date",
    "post-date",
    "dateline",
];

/// Ancestors looked at to decide whether a `<time>` sits in a foreign
/// region: page structure is shallower than this.
const MAX_REGION_DEPTH: usize = 40;

/// The publication date: JSON-LD, meta tags and microdata, `<time>`, URL,
/// then a date written in a byline or dateline. `times` are the page's
/// `<time>` elements in document order.
pub(super) fn published<'a>(
    doc: &'a Document,
    meta: &MetaTags,
    ld: &JsonLd,
    url: Option<&str>,
    times: &[NodeId],
    hints: &mut NameHints<'a>,
) -> Option<String> {
    ld.date_published
        .as_deref()
        .and_then(normalize)
        .or_else(|| {
            PUBLISHED_KEYS
                .iter()
                .flat_map(|k| meta.all(k))
                .find_map(normalize)
        })
        .or_else(|| time_element(doc, times, hints))
        .or_else(|| url.and_then(from_url))
        .or_else(|| dateline_text(doc, hints))
}

/// The modification date: JSON-LD, then meta tags and microdata.
pub(super) fn modified(meta: &MetaTags, ld: &JsonLd) -> Option<String> {
    ld.date_modified
        .as_deref()
        .and_then(normalize)
        .or_else(|| MODIFIED_KEYS.iter().flat_map(|k| meta.all(k)).find_map(normalize))
}

/// The date of the page's `<time>` element: one marked `pubdate` or with a
/// publication class, else the first inside `<article>`/`<main>`, else the
/// first in the body; never one in a comment, related-links, navigation or
/// footer region, nor one inside another `<time>`. `times` are the page's
/// `<time>` elements in document order (found by the scan, so a page
/// without one costs no walk).
fn time_element<'a>(doc: &'a Document, times: &[NodeId], hints: &mut NameHints<'a>) -> Option<String> {
    let mut in_article = None;
    let mut first = None;
    for &id in times {
        let Some(el) = doc.element(id).filter(|_| !left_out(doc, id, hints)) else {
            continue;
        };
        let value = el
            .attr("datetime")
            .and_then(normalize)
            .or_else(|| normalize(&node_text(doc, id, MAX_DATE_CHARS + 1)));
        let Some(value) = value else {
            continue;
        };
        let is_marked = el.attr("pubdate").is_some()
            || hints.of(id, Attributes::ClassAndId) & PUBLISHED != 0
            || (doc.parent(id)).is_some_and(|p| hints.of(p, Attributes::ClassAndId) & PUBLISHED != 0);
        if is_marked {
            // The first marked one is the answer: the rest need no look.
            return Some(value);
        }
        let article = doc
            .ancestors(id)
            .take(MAX_REGION_DEPTH)
            .any(|a| matches!(doc.tag(a), Some(Tag::Article | Tag::Main)));
        if article && in_article.is_none() {
            in_article = Some(value.clone());
        }
        if first.is_none() {
            first = Some(value);
        }
    }
    in_article.or(first)
}

/// True when the `<time>` element `id` is left out of [`time_element`]'s
/// choice: it or an ancestor is a region whose dates are not the page's
/// (navigation, asides, footers, code, templates, a foreign-region class or
/// id), or an ancestor is a `<time>` itself.
fn left_out<'a>(doc: &'a Document, id: NodeId, hints: &mut NameHints<'a>) -> bool {
    std::iter::once(id).chain(doc.ancestors(id)).any(|a| {
        let Some(el) = doc.element(a) else {
            return false;
        };
        // `<body class="comments-open">` (WordPress) is no comment region.
        let container = matches!(el.tag, Tag::Html | Tag::Body | Tag::Main);
        matches!(
            el.tag,
            Tag::Nav | Tag::Aside | Tag::Footer | Tag::Script | Tag::Style | Tag::Template
        ) || (a != id && el.tag == Tag::Time)
            || (!container && hints.of(a, Attributes::ClassAndId) & FOREIGN_REGION != 0)
    })
}

/// Words in a `class`/`id` of an article's byline or dateline whose text
/// may hold the publication date as words ("By Ann Lee, 9 May 2024"). Only
/// names of an article's header: a bare "date" or "meta" also names review
/// dates, event dates and product metadata, which would date shops and
/// listings.
pub(super) const DATELINE_CLASS_HINTS: &[&str] = &[
    "byline",
    "dateline",
    "entry-meta",
    "post-meta",
    "article-meta",
    "posted-on",
    "post-date",
    "entry-date",
    "article-date",
    "publish",
];

/// Words in a `class`/`id` of a line that gives another date than the
/// publication's, or of a region whose dates are not the page's.
pub(super) const OTHER_DATE_HINTS: &[&str] = &["update", "modified", "edited", "review", "event"];

/// Longest byline or dateline read for a date, in chars: a longer element
/// is a paragraph that mentions dates, not a dateline.
const MAX_DATELINE_CHARS: usize = 120;

/// Most words a written date takes ("Monday, 9 May 2024 at 9:30 pm CET").
const MAX_DATE_WORDS: usize = 8;

/// The date written in the first byline or dateline of the page (an element
/// with a [`DATELINE_CLASS_HINTS`] class, short, outside the regions
/// [`time_element`] leaves out): the longest run of its words that reads as
/// a date with a four-digit year.
fn dateline_text<'a>(doc: &'a Document, hints: &mut NameHints<'a>) -> Option<String> {
    let mut found = None;
    doc.walk(doc.body(), |edge| {
        let Edge::Open(id) = edge else {
            return Walk::Continue;
        };
        let Some(el) = doc.element(id) else {
            return Walk::Continue;
        };
        if found.is_some()
            || matches!(
                el.tag,
                Tag::Nav | Tag::Aside | Tag::Footer | Tag::Script | Tag::Style | Tag::Template
            )
        {
            return Walk::SkipChildren;
        }
        let container = matches!(el.tag, Tag::Html | Tag::Body | Tag::Main);
        if container {
            return Walk::Continue;
        }
        let bits = hints.of(id, Attributes::ClassAndId);
        if bits & (FOREIGN_REGION | OTHER_DATE) != 0 {
            return Walk::SkipChildren;
        }
        if bits & DATELINE == 0 {
            return Walk::Continue;
        }
        // A dateline inside a link is a teaser's, for another page.
        if doc
            .ancestors(id)
            .take(MAX_REGION_DEPTH)
            .any(|a| doc.tag(a) == Some(Tag::A))
        {
            return Walk::SkipChildren;
        }
        let text = node_text(doc, id, MAX_DATELINE_CHARS + 1);
        if text.chars().count() > MAX_DATELINE_CHARS {
            return Walk::Continue;
        }
        found = date_in_text(&text);
        Walk::SkipChildren
    });
    found
}

/// The longest run of words of `text` that [`normalize`] reads as a date
/// with a four-digit year (so that "3 comments" or "9:30" is no date).
fn date_in_text(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let has_year = |w: &[&str]| {
        w.iter().any(|w| {
            w.trim_matches(|c: char| !c.is_ascii_digit())
                .get(..4)
                .is_some_and(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
        })
    };
    for start in 0..words.len() {
        for len in (1..=MAX_DATE_WORDS.min(words.len() - start)).rev() {
            let window = &words[start..start + len];
            if !has_year(window) {
                continue;
            }
            let joined = window.join(" ");
            let joined = joined.trim_matches(|c: char| matches!(c, ',' | ';' | '|' | '·' | '•' | '(' | ')'));
            if let Some(date) = normalize(joined) {
                return Some(date);
            }
        }
    }
    None
}

/// A date in the URL's path: `/2016/03/14/`, `/2016-03-14-slug`,
/// `/20160314/`. Needs the day: a year and month alone are too often
/// archive pages or ids.
pub(super) fn from_url(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next()?;
    let path = path
        .split_once("://")
        .map_or(path, |(_, rest)| rest.split_once('/').map_or("", |(_, p)| p));
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    for (i, seg) in segments.iter().enumerate() {
        // /YYYY/MM/DD/
        if let (Some(y), Some(m), Some(d)) = (
            number(seg, 4),
            segments.get(i + 1).and_then(|s| number(s, 2)),
            segments.get(i + 2).and_then(|s| leading_number(s, 2)),
        ) {
            if let Some(date) = date_string(y, m, d, MIN_URL_YEAR) {
                return Some(date);
            }
        }
        // /YYYY-MM-DD… and /YYYYMMDD…
        let bytes = seg.as_bytes();
        if bytes.len() >= 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && (bytes.len() == 10 || !bytes[10].is_ascii_digit())
        {
            if let (Some(y), Some(m), Some(d)) = (
                seg.get(..4).and_then(|s| number(s, 4)),
                seg.get(5..7).and_then(|s| number(s, 2)),
                seg.get(8..10).and_then(|s| number(s, 2)),
            ) {
                if let Some(date) = date_string(y, m, d, MIN_URL_YEAR) {
                    return Some(date);
                }
            }
        }
        if bytes.len() == 8 {
            if let (Some(y), Some(m), Some(d)) = (
                seg.get(..4).and_then(|s| number(s, 4)),
                seg.get(4..6).and_then(|s| number(s, 2)),
                seg.get(6..).and_then(|s| number(s, 2)),
            ) {
                if let Some(date) = date_string(y, m, d, MIN_URL_YEAR) {
                    return Some(date);
                }
            }
        }
    }
    None
}

/// `s` as a number when it is exactly `len` ASCII digits.
fn number(s: &str, len: usize) -> Option<u32> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// The first `len` chars of `s` as a number, when they are digits and the
/// rest (if any) starts with a non-digit (`14-slug`, `14.html`).
fn leading_number(s: &str, len: usize) -> Option<u32> {
    let head = s.get(..len)?;
    let rest_ok = s.as_bytes().get(len).is_none_or(|b| !b.is_ascii_digit());
    if rest_ok {
        number(head, len)
    } else {
        None
    }
}

/// `YYYY-MM-DD` when the day exists and the year is at least `min_year`.
fn date_string(y: u32, m: u32, d: u32, min_year: u32) -> Option<String> {
    valid_date(y, m, d, min_year).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// True for a real calendar day in the accepted years.
fn valid_date(y: u32, m: u32, d: u32, min_year: u32) -> bool {
    if !(min_year..=MAX_YEAR).contains(&y) || !(1..=12).contains(&m) || d == 0 {
        return false;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    d <= days
}

/// A parsed time of day with its offset from UTC in minutes, if given.
#[derive(Debug, Clone, Copy, PartialEq)]
struct TimeOfDay {
    hour: u32,
    minute: u32,
    second: u32,
    offset: Option<i32>,
}

/// Reads a date or date-time in any of the supported forms and writes it as
/// ISO 8601; `None` when it is not one or names an impossible date.
pub(super) fn normalize(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.is_empty() || s.len() > MAX_DATE_CHARS * 4 || s.chars().count() > MAX_DATE_CHARS {
        return None;
    }
    let cjk;
    let s = if s.contains(['年', '년']) {
        cjk = cjk_to_numeric(s);
        cjk.as_str()
    } else {
        s
    };
    let (y, m, d, time) = numeric(s).or_else(|| textual(s))?;
    if !valid_date(y, m, d, MIN_YEAR) {
        return None;
    }
    let date = format!("{y:04}-{m:02}-{d:02}");
    if date == EPOCH_PLACEHOLDER {
        return None;
    }
    Some(match time {
        None => date,
        Some(t) => {
            let offset = match t.offset {
                None => String::new(),
                Some(0) => "Z".to_string(),
                Some(o) => format!(
                    "{}{:02}:{:02}",
                    if o < 0 { '-' } else { '+' },
                    o.abs() / 60,
                    o.abs() % 60
                ),
            };
            format!("{date}T{:02}:{:02}:{:02}{offset}", t.hour, t.minute, t.second)
        }
    })
}

/// A Chinese, Japanese or Korean date (`2016年3月14日 09:30`, `2016년 3월
/// 14일`) rewritten as `2016-3-14 09:30`.
fn cjk_to_numeric(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '年' | '년' | '月' | '월' => out.push('-'),
            '日' | '일' | '号' => out.push(' '),
            c if c.is_whitespace() && out.ends_with('-') => {}
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

/// Numeric forms: `YYYY-MM-DD[(T| )time]` (also with `/` or `.`),
/// `YYYYMMDD`, `DD.MM.YYYY`, and `M/D/YYYY` or `D/M/YYYY` when the day is
/// over 12 (else the order is unknowable and the date is refused).
fn numeric(s: &str) -> Option<(u32, u32, u32, Option<TimeOfDay>)> {
    let bytes = s.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 4 {
        let sep = *bytes.get(4)?;
        if !matches!(sep, b'-' | b'/' | b'.') {
            return None;
        }
        let y = s[..4].parse().ok()?;
        let rest = &s[5..];
        let (m, rest) = take_number(rest, 2)?;
        let rest = rest.strip_prefix(sep as char)?;
        let (d, rest) = take_number(rest, 2)?;
        let time = time_part(rest)?;
        return Some((y, m, d, time));
    }
    if digits == 8 && bytes.len() == 8 {
        return Some((
            s[..4].parse().ok()?,
            s[4..6].parse().ok()?,
            s[6..].parse().ok()?,
            None,
        ));
    }
    if digits == 1 || digits == 2 {
        let sep = *bytes.get(digits)?;
        if !matches!(sep, b'.' | b'/' | b'-') {
            return None;
        }
        let (a, rest) = take_number(s, 2)?;
        let rest = rest.strip_prefix(sep as char)?;
        let (b, rest) = take_number(rest, 2)?;
        let rest = rest.strip_prefix(sep as char)?;
        let (y, rest) = take_number(rest, 4)?;
        // The year comes last in full: "14.03.16" is too ambiguous.
        if y < 1000 {
            return None;
        }
        let time = time_part(rest)?;
        let (m, d) = match sep {
            b'.' => (b, a),
            _ if a > 12 => (b, a),
            _ if b > 12 => (a, b),
            _ => return None,
        };
        return Some((y, m, d, time));
    }
    None
}

/// A number of 1 to `max_len` digits at the start of `s`, and the rest.
fn take_number(s: &str, max_len: usize) -> Option<(u32, &str)> {
    let n = s.bytes().take(max_len + 1).take_while(u8::is_ascii_digit).count();
    if n == 0 || n > max_len {
        return None;
    }
    Some((s[..n].parse().ok()?, &s[n..]))
}

/// What follows a numeric date: nothing (`Some(None)`), or `T`/space and a
/// time. `None` when something else follows.
fn time_part(rest: &str) -> Option<Option<TimeOfDay>> {
    let rest = rest.trim();
    if rest.is_empty() {
        return Some(None);
    }
    let rest = rest.strip_prefix(['T', 't']).unwrap_or(rest).trim_start();
    let mut words = rest.split_whitespace();
    let clock = words.next()?;
    let (mut time, tail) = clock_time(clock)?;
    let mut tz = tail.to_string();
    for w in words {
        match w.to_ascii_lowercase().as_str() {
            "am" | "a.m." => time.hour = twelve_hour(time.hour, false)?,
            "pm" | "p.m." => time.hour = twelve_hour(time.hour, true)?,
            _ => tz.push_str(w),
        }
    }
    time.offset = zone(&tz)?;
    Some(Some(time))
}

/// `HH:MM[:SS[.fff]]` at the start of `s`, and what follows it (the zone).
fn clock_time(s: &str) -> Option<(TimeOfDay, &str)> {
    let (hour, rest) = take_number(s, 2)?;
    let rest = rest.strip_prefix(':')?;
    let (minute, mut rest) = take_number(rest, 2)?;
    let mut second = 0;
    if let Some(r) = rest.strip_prefix(':') {
        let (s, r) = take_number(r, 2)?;
        second = s;
        rest = r;
        if let Some(frac) = rest.strip_prefix(['.', ',']) {
            rest = frac.trim_start_matches(|c: char| c.is_ascii_digit());
        }
    }
    // 60 allows a leap second.
    (hour <= 23 && minute <= 59 && second <= 60).then_some((
        TimeOfDay {
            hour,
            minute,
            second,
            offset: None,
        },
        rest,
    ))
}

/// A 12-hour clock hour made 24-hour.
fn twelve_hour(hour: u32, pm: bool) -> Option<u32> {
    if !(1..=12).contains(&hour) {
        return None;
    }
    Some(match (hour, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, false) => h,
        (h, true) => h + 12,
    })
}

/// What follows a clock time: nothing, `am`/`pm` glued on, or a zone.
/// `Some(None)` when there is no usable offset (none given, or a zone
/// name such as `EST`, dropped with the local time kept: names are
/// ambiguous), `None` when the text is not a zone at all.
fn zone(tz: &str) -> Option<Option<i32>> {
    let tz = tz.trim();
    // Zone abbreviations run to five letters (`AEDT`, `CHAST`).
    const MAX_ZONE_NAME: usize = 5;
    if tz.is_empty() {
        Some(None)
    } else if let Some(o) = offset(tz) {
        Some(Some(o))
    } else if tz.len() <= MAX_ZONE_NAME && tz.bytes().all(|b| b.is_ascii_alphabetic()) {
        Some(None)
    } else {
        None
    }
}

/// A zone as minutes east of UTC: `Z`, `UTC`, `GMT`, `±HH`, `±HHMM`,
/// `±HH:MM` (also after `GMT`/`UTC`). Other zone names are refused rather
/// than guessed.
fn offset(tz: &str) -> Option<i32> {
    let upper = tz.trim().to_ascii_uppercase();
    let rest = upper
        .strip_prefix("GMT")
        .or_else(|| upper.strip_prefix("UTC"))
        .unwrap_or(&upper);
    if rest.is_empty() || rest == "Z" {
        return Some(0);
    }
    let (sign, digits) = match rest.as_bytes()[0] {
        b'+' => (1, &rest[1..]),
        b'-' => (-1, &rest[1..]),
        _ => return None,
    };
    let digits: String = digits.chars().filter(|&c| c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        4 => (digits[..2].parse::<i32>().ok()?, digits[2..].parse::<i32>().ok()?),
        _ => return None,
    };
    // Real offsets run from -12:00 to +14:00.
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}

/// English month names and abbreviations, January first.
const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Words tolerated around a textual date ("Published on", "Updated:"),
/// at most this many: more is a sentence, not a date.
const MAX_EXTRA_WORDS: usize = 3;

/// English text: "March 14, 2016", "14 Mar 2016", "Mon, 14 Mar 2016
/// 09:30:00 GMT", "Mar. 14th, 2016 at 9:30 pm EST" (named zones other than
/// GMT/UTC are dropped, the local time kept).
fn textual(s: &str) -> Option<(u32, u32, u32, Option<TimeOfDay>)> {
    let mut month = None;
    let mut day = None;
    let mut year = None;
    let mut time: Option<TimeOfDay> = None;
    let mut extra = 0;
    let lower = s.to_lowercase();
    for word in lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
    {
        let w = word.trim_end_matches('.');
        if let Some(m) = month_of(w) {
            if month.replace(m).is_some() {
                return None;
            }
        } else if let Some(n) = ordinal_day(w) {
            if day.replace(n).is_some() {
                return None;
            }
        } else if let Some(y) = number(w, 4) {
            if year.replace(y).is_some() {
                return None;
            }
        } else if let Some((t, tail)) = clock_time(w) {
            let mut t = t;
            match tail {
                "am" | "a.m" => t.hour = twelve_hour(t.hour, false)?,
                "pm" | "p.m" => t.hour = twelve_hour(t.hour, true)?,
                _ => t.offset = zone(tail)?,
            }
            if time.replace(t).is_some() {
                return None;
            }
        } else if let (Some(t), "am" | "a.m" | "pm" | "p.m") = (time.as_mut(), w) {
            t.hour = twelve_hour(t.hour, w.starts_with('p'))?;
        } else if let (Some(t), true) = (
            time.as_mut(),
            w.starts_with(['+', '-']) || w == "gmt" || w == "utc" || w == "z",
        ) {
            t.offset = Some(offset(w)?);
        } else if WEEKDAYS.iter().any(|d| w.starts_with(d)) || w == "at" || w == "@" || w == "-" || w == "|" {
            // Connecting words and weekday names carry no date.
        } else {
            extra += 1;
            if extra > MAX_EXTRA_WORDS {
                return None;
            }
        }
    }
    Some((year?, month?, day?, time))
}

/// Weekday name prefixes, to skip "Monday," in "Monday, March 14, 2016".
const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// The month (1–12) an English month word names: its full name or an
/// abbreviation of at least three letters ("Sept" included).
fn month_of(w: &str) -> Option<u32> {
    if w.len() < 3 || !w.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    const FULL: [&str; 12] = [
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
    ];
    FULL.iter()
        .zip(MONTHS)
        .position(|(full, abbr)| w.starts_with(abbr) && full.starts_with(w))
        .map(|i| i as u32 + 1)
}

/// A day of the month written `14`, `14th`, `1st`, `2nd`, `3rd`.
fn ordinal_day(w: &str) -> Option<u32> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") || digits.is_empty() || digits.len() > 2 {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom;
    use crate::metadata::extract;

    fn published_of(html: &str, url: Option<&str>) -> Option<String> {
        let doc = dom::parse(html, 100_000).expect("parses");
        extract(&doc, url).published
    }

    #[test]
    fn iso_forms() {
        assert_eq!(
            normalize("2015-07-10T09:53:00-04:00").as_deref(),
            Some("2015-07-10T09:53:00-04:00")
        );
        assert_eq!(
            normalize("2019-01-03T07:00:02.000Z").as_deref(),
            Some("2019-01-03T07:00:02Z")
        );
        assert_eq!(
            normalize("2017-01-18T23:00:00-0800").as_deref(),
            Some("2017-01-18T23:00:00-08:00")
        );
        assert_eq!(normalize(" 2024-06-25 ").as_deref(), Some("2024-06-25"));
        assert_eq!(
            normalize("2015-04-30T07:19:58").as_deref(),
            Some("2015-04-30T07:19:58")
        );
        assert_eq!(
            normalize("2015-04-30 07:19").as_deref(),
            Some("2015-04-30T07:19:00")
        );
        assert_eq!(
            normalize("2015-04-30T07:19:58+00:00").as_deref(),
            Some("2015-04-30T07:19:58Z")
        );
        assert_eq!(normalize("2015/4/3").as_deref(), Some("2015-04-03"));
        assert_eq!(normalize("20150430").as_deref(), Some("2015-04-30"));
        assert_eq!(
            normalize("2015-04-30 07:19:58 +0530").as_deref(),
            Some("2015-04-30T07:19:58+05:30")
        );
    }

    #[test]
    fn cjk_and_named_zones() {
        assert_eq!(normalize("2016年3月14日").as_deref(), Some("2016-03-14"));
        assert_eq!(
            normalize("2016年03月14日 09:30").as_deref(),
            Some("2016-03-14T09:30:00")
        );
        assert_eq!(normalize("2016년 3월 14일").as_deref(), Some("2016-03-14"));
        assert_eq!(
            normalize("2015-04-30 10:00 EST").as_deref(),
            Some("2015-04-30T10:00:00")
        );
        assert_eq!(
            normalize("Apr 30, 2015 10:00am EDT").as_deref(),
            Some("2015-04-30T10:00:00")
        );
        assert_eq!(normalize("2015-04-30T10:00+1é1"), None);
    }

    #[test]
    fn day_month_orders() {
        assert_eq!(normalize("14.03.2016").as_deref(), Some("2016-03-14"));
        assert_eq!(normalize("14/03/2016").as_deref(), Some("2016-03-14"));
        assert_eq!(normalize("03/14/2016").as_deref(), Some("2016-03-14"));
        assert_eq!(normalize("03/04/2016"), None, "ambiguous day and month");
    }

    #[test]
    fn textual_forms() {
        assert_eq!(normalize("March 14, 2016").as_deref(), Some("2016-03-14"));
        assert_eq!(normalize("14 Mar 2016").as_deref(), Some("2016-03-14"));
        assert_eq!(normalize("Sept. 1st, 2016").as_deref(), Some("2016-09-01"));
        assert_eq!(
            normalize("Mon, 14 Mar 2016 09:30:00 GMT").as_deref(),
            Some("2016-03-14T09:30:00Z")
        );
        assert_eq!(
            normalize("Fri, 10 Jul 2015 09:53:00 +0200").as_deref(),
            Some("2015-07-10T09:53:00+02:00")
        );
        assert_eq!(
            normalize("March 11, 2015 3:46 PM").as_deref(),
            Some("2015-03-11T15:46:00")
        );
        assert_eq!(
            normalize("Published on March 14, 2016").as_deref(),
            Some("2016-03-14")
        );
        assert_eq!(
            normalize("Monday, May 2, 2022 at 12:05 am").as_deref(),
            Some("2022-05-02T00:05:00")
        );
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert_eq!(normalize("2015-02-29"), None);
        assert_eq!(normalize("2016-02-29").as_deref(), Some("2016-02-29"));
        assert_eq!(normalize("1900-02-29"), None);
        assert_eq!(normalize("2000-02-29").as_deref(), Some("2000-02-29"));
        assert_eq!(normalize("2015-13-01"), None);
        assert_eq!(normalize("2015-04-31"), None);
        assert_eq!(normalize("2015-04-30T24:00:00"), None);
        assert_eq!(normalize("2015-04-30T10:61"), None);
        assert_eq!(normalize("2015-04-30T10:00+25:00"), None);
        assert_eq!(normalize("0000-00-00"), None);
        assert_eq!(normalize("1970-01-01T00:00:00Z"), None, "epoch placeholder");
        assert_eq!(normalize("3016-01-01"), None);
        assert_eq!(normalize("February 30, 2020"), None);
        assert_eq!(normalize("2015-04-30 and some"), None);
        assert_eq!(
            normalize("the 3 best phones of March 2016 ranked by our editors"),
            None
        );
        assert_eq!(normalize("yesterday"), None);
        assert_eq!(normalize(""), None);
    }

    #[test]
    fn url_patterns() {
        assert_eq!(
            from_url("https://e.org/2016/03/14/slug/").as_deref(),
            Some("2016-03-14")
        );
        assert_eq!(
            from_url("https://e.org/news/2016/03/14-slug.html").as_deref(),
            Some("2016-03-14")
        );
        assert_eq!(
            from_url("https://e.org/a/2016-03-14-slug").as_deref(),
            Some("2016-03-14")
        );
        assert_eq!(
            from_url("https://e.org/a/20160314/slug").as_deref(),
            Some("2016-03-14")
        );
        assert_eq!(from_url("https://e.org/2016/03/slug"), None, "no day");
        assert_eq!(from_url("https://e.org/2016/02/30/x"), None);
        assert_eq!(from_url("https://e.org/1234/05/06/x"), None, "before the web");
        assert_eq!(from_url("https://e.org/p/12345678"), None);
        assert_eq!(
            from_url("https://2016.e.org/x?d=2016/03/14/"),
            None,
            "not in the path"
        );
    }

    #[test]
    fn json_ld_date_wins() {
        let html = r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2020-01-02T10:00:00Z"}</script>
            <meta property="article:published_time" content="2019-01-01">"#;
        assert_eq!(published_of(html, None).as_deref(), Some("2020-01-02T10:00:00Z"));
    }

    #[test]
    fn meta_dates() {
        let og = r#"<meta property="article:published_time" content="2019-05-06T07:08:09+02:00">"#;
        assert_eq!(
            published_of(og, None).as_deref(),
            Some("2019-05-06T07:08:09+02:00")
        );
        let dc = r#"<meta name="DC.date.issued" content="2001-02-03">"#;
        assert_eq!(published_of(dc, None).as_deref(), Some("2001-02-03"));
        let bad_then_good = r#"<meta property="article:published_time" content="soon">
            <meta name="date" content="2002-03-04">"#;
        assert_eq!(published_of(bad_then_good, None).as_deref(), Some("2002-03-04"));
    }

    #[test]
    fn microdata_date() {
        let html = r#"<div itemscope itemtype="https://schema.org/BlogPosting">
            <span itemprop="datePublished">July 4, 2021</span></div>"#;
        assert_eq!(published_of(html, None).as_deref(), Some("2021-07-04"));
    }

    #[test]
    fn time_elements() {
        let html = r#"<body><nav><time datetime="2001-01-01">nav</time></nav>
            <div class="comments"><time datetime="2002-02-02">c</time></div>
            <article><h1>T</h1><time datetime="2003-03-03T10:00">x</time></article></body>"#;
        assert_eq!(published_of(html, None).as_deref(), Some("2003-03-03T10:00:00"));
        let marked = r#"<body><time datetime="2004-04-04">other</time>
            <span class="posted-on"><time>5 May 2005</time></span></body>"#;
        assert_eq!(published_of(marked, None).as_deref(), Some("2005-05-05"));
        let nested = r#"<body><time>soon <time datetime="2006-06-06">y</time></time>
            <p class="comment-x"><time datetime="2008-08-08">c</time></p>
            <time class="related" datetime="2009-09-09">r</time><time datetime="2007-07-07">z</time></body>"#;
        assert_eq!(
            published_of(nested, None).as_deref(),
            Some("2007-07-07"),
            "a <time> in another or in a foreign region is left out"
        );
    }

    #[test]
    fn a_date_written_in_the_byline() {
        let html = r#"<body><aside class="meta">1 May 2001</aside><article><h1>T</h1>
            <p class="byline">By Ada Reyes, 9 May 2024 · 3 comments</p><p>Text of 2019.</p></article></body>"#;
        assert_eq!(published_of(html, None).as_deref(), Some("2024-05-09"));
        let updated = r#"<p class="updated-date byline">Updated 9 May 2024</p>
            <div class="review-list"><p class="byline">Reviewed on 1 May 2020</p></div>
            <p class="product-meta date">Ships 4 May 2024</p>
            <a href="/other"><span class="post-date">2 May 2024</span> Other story</a>
            <p class="post-meta">Posted on March 3, 2021 at 9:30 pm</p>"#;
        assert_eq!(
            published_of(updated, None).as_deref(),
            Some("2021-03-03T21:30:00")
        );
        assert_eq!(
            published_of(r#"<p class="byline">By Ann Lee, 3 comments</p>"#, None),
            None
        );
        let long = format!(
            r#"<div class="meta"><p>{} 9 May 2024</p></div>"#,
            "word ".repeat(40)
        );
        assert_eq!(published_of(&long, None), None, "a paragraph is no dateline");
        assert_eq!(
            published_of(
                r#"<p class="byline">9 May 2024</p>"#,
                Some("https://e.org/2016/03/14/x")
            )
            .as_deref(),
            Some("2016-03-14"),
            "the URL comes first"
        );
    }

    #[test]
    fn url_is_the_last_resort() {
        assert_eq!(
            published_of("<p>x</p>", Some("https://e.org/2016/03/14/x")).as_deref(),
            Some("2016-03-14")
        );
        let html = r#"<meta name="date" content="2016-03-15">"#;
        assert_eq!(
            published_of(html, Some("https://e.org/2016/03/14/x")).as_deref(),
            Some("2016-03-15")
        );
    }

    #[test]
    fn modified_dates() {
        let doc = dom::parse(
            r#"<meta property="og:updated_time" content="2020-02-02T02:02:02Z">
            <meta itemprop="dateModified" content="2021-01-01">"#,
            1000,
        )
        .expect("parses");
        assert_eq!(
            extract(&doc, None).modified.as_deref(),
            Some("2020-02-02T02:02:02Z")
        );
    }
}
