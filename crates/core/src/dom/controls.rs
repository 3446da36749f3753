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
fn may_start_control(b: u8) -> bool {
    (b < 0x20 && b != b'\t' && b != b'\n') | (b == 0x7f) | (b == 0xc2)
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
    (start..bytes.len()).find(|&i| {
        let b = bytes[i];
        may_start_control(b) && (b != 0xc2 || bytes.get(i + 1).is_some_and(|&n| n < 0xa0))
    })
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
