//! Control characters, taken out where text enters the DOM.
//!
//! A page's text and attribute values can hold C0 and C1 control characters
//! (U+0000–U+001F, U+007F–U+009F), raw or as references (`&#7;`): a browser
//! shows none of them, and in extracted text they are noise that breaks
//! terminals and downstream tokenisers. The sink passes every text run and
//! attribute value through [`clean`] once, so no later stage sees them. Tab
//! and line feed stay: they are ordinary whitespace (and matter in `<pre>`).
//! The controls that Rust counts as whitespace (vertical tab, form feed,
//! carriage return, next line) become a space, so that words they separated
//! stay apart; the others are dropped.
//!
//! Most pages hold no control character at all: [`page_has_controls`] finds
//! that out in one fast pass over the page, and the sink then skips the
//! per-run checks.

use std::borrow::Cow;

use html5ever::tendril::StrTendril;

/// True for a character [`clean`] takes out or turns into a space.
fn is_stripped(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n'
}

/// Bytes [`first_stripped`] tests at once: a fixed-size block the compiler
/// turns into vector compares.
const BLOCK: usize = 32;

/// True for a byte that may start a stripped character: a C0 control but
/// tab and line feed, DEL, or `0xC2`, the first byte of every C1 control
/// (and of U+00A0–U+00BF, which the exact test tells apart).
/// Written with `&` and `|`, not `&&`, so that block scans vectorise.
fn may_start_control(b: u8) -> bool {
    ((b < 0x20) & (b != b'\t') & (b != b'\n')) | (b == 0x7f) | (b == 0xc2)
}

/// True when `bytes[i]` starts a stripped character: a byte that
/// [`may_start_control`], and for `0xC2` a C1 control after it.
fn starts_control(bytes: &[u8], i: usize) -> bool {
    let b = bytes[i];
    may_start_control(b) && (b != 0xc2 || bytes.get(i + 1).is_some_and(|&n| n < 0xa0))
}

/// Byte offset of the first stripped character of `s`, if any. Scans bytes
/// a block at a time: the common case, no control at all, costs one fast
/// pass without decoding.
#[inline]
fn first_stripped(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut start = 0;
    for block in bytes.chunks_exact(BLOCK) {
        if block.iter().fold(false, |hit, &b| hit | may_start_control(b)) {
            break;
        }
        start += BLOCK;
    }
    // Most text runs are short: test the rest without branching first.
    if !bytes[start..]
        .iter()
        .fold(false, |hit, &b| hit | may_start_control(b))
    {
        return None;
    }
    (start..bytes.len()).find(|&i| starts_control(bytes, i))
}

/// True when the page may put a control character into the DOM: raw (but
/// for the carriage return, which the tokenizer turns into a line feed), or
/// as a numeric character reference to a C0 or C1 control. False is exact:
/// a page it clears holds none (no named reference names a control but tab
/// and line feed), so the sink need not check its text runs one by one.
pub(super) fn page_has_controls(html: &str) -> bool {
    let bytes = html.as_bytes();
    // A carriage return is no control here: the tokenizer turns it into a
    // line feed. Blocks are tested with a byte fold the compiler turns into
    // vector compares (a page in a few hundred thousand instructions).
    let candidate = |b: u8| u8::from(may_start_control(b) & (b != b'\r'));
    let exact = |i: usize| bytes[i] != b'\r' && starts_control(bytes, i);
    let mut raw = false;
    let blocks = bytes.chunks_exact(BLOCK);
    let tail = blocks.remainder().len();
    for (n, block) in blocks.enumerate() {
        if block.iter().fold(0u8, |hit, &b| hit | candidate(b)) != 0
            && (n * BLOCK..(n + 1) * BLOCK).any(exact)
        {
            raw = true;
            break;
        }
    }
    raw |= (bytes.len() - tail..bytes.len()).any(exact);
    raw || memchr::memmem::find_iter(bytes, b"&#").any(|at| reference_is_control(&bytes[at + 2..]))
}

/// True when the numeric reference whose text follows `&#` (`7;`, `x1b;`)
/// names a control character that [`clean`] would take out. Conservative:
/// html5ever maps most of U+0080–U+009F to Windows-1252 characters, all of
/// that range counts here.
fn reference_is_control(after_hash: &[u8]) -> bool {
    let (radix, digits) = match after_hash.first() {
        Some(b'x' | b'X') => (16, &after_hash[1..]),
        _ => (10, after_hash),
    };
    let mut value: u32 = 0;
    for &b in digits.iter().take_while(|b| b.is_ascii_hexdigit()) {
        let Some(d) = (b as char).to_digit(radix) else {
            break;
        };
        value = value.saturating_mul(radix).saturating_add(d);
    }
    matches!(value, 0x01..=0x08 | 0x0b..=0x1f | 0x7f..=0x9f)
}

/// `s` without control characters (see the module doc); borrowed when it has none.
pub(super) fn clean_str(s: &str) -> Cow<'_, str> {
    let Some(start) = first_stripped(s) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..start]);
    for c in s[start..].chars() {
        if !is_stripped(c) {
            out.push(c);
        } else if c.is_whitespace() {
            out.push(' ');
        }
    }
    Cow::Owned(out)
}

/// [`clean_str`] for a tendril, reusing it when it has no control character.
#[inline]
pub(super) fn clean(text: StrTendril) -> StrTendril {
    if first_stripped(&text).is_none() {
        return text;
    }
    StrTendril::from(clean_str(&text).into_owned())
}

/// [`clean`] in place.
#[inline]
pub(super) fn clean_in_place(text: &mut StrTendril) {
    if first_stripped(text).is_some() {
        *text = StrTendril::from(clean_str(text).into_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_check_finds_raw_and_referenced_controls() {
        for page in [
            "<p>bell\u{7}</p>",
            "<p>form\u{c}feed</p>",
            "<p>c1\u{85}</p>",
            "<p>del\u{7f}</p>",
            "<p>&#7;</p>",
            "<p>&#x1B;</p>",
            "<p>&#0013;</p>",
            "<p title='&#x9c;'>c1 reference</p>",
        ] {
            assert!(page_has_controls(page), "{page:?}");
        }
        for page in [
            "",
            "<p>crlf\r\nlines\ttab</p>",
            "<p>no\u{a0}break, café, 日本</p>",
            "<p>&#39;quote&#39; &#x27; &#169; &#10; &#9; &amp; &#</p>",
        ] {
            assert!(!page_has_controls(page), "{page:?}");
        }
    }

    #[test]
    fn pages_without_controls_parse_as_before() {
        // The sink skips its per-run check when the page check clears the
        // page: the text must be what the full check gives.
        let page = "<p title='a&#39;b'>x &amp; y\r\nz\u{a0}w</p>";
        assert!(!page_has_controls(page));
        let doc = crate::dom::parse(page, 1000).expect("parses");
        let text: String = (0..doc.len())
            .filter_map(|i| doc.text(crate::dom::NodeId::from_index(i)).map(str::to_string))
            .collect();
        assert_eq!(text, "x & y\nz\u{a0}w");
        assert_eq!(clean_str(&text), text);
    }

    #[test]
    fn controls_are_dropped_or_become_spaces() {
        assert_eq!(
            clean_str("bell\u{7} mid\u{1b}dle \u{1}start del\u{7f}"),
            "bell middle start del"
        );
        assert_eq!(clean_str("c1\u{9c}x nel\u{85}next"), "c1x nel next");
        assert_eq!(clean_str("vt\u{b}ff\u{c}cr\rend"), "vt ff cr end");
        assert_eq!(clean_str("nul\0"), "nul");
    }

    #[test]
    fn tabs_newlines_and_other_text_stay_borrowed() {
        for s in ["", "tab\tand\nnewline", "Grüße — ¡olé! «» \u{a0}\u{a0} 東京 𝄞"] {
            assert!(matches!(clean_str(s), Cow::Borrowed(_)), "{s:?}");
        }
        // U+00A0 (0xC2 0xA0) is the first code point after the C1 range.
        assert!(matches!(clean_str("\u{a0}"), Cow::Borrowed(_)));
        assert_eq!(clean_str("\u{9f}\u{a0}"), "\u{a0}");
    }
}
