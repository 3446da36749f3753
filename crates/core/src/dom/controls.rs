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

/// Byte offset of the first stripped character of `s`, if any. Scans bytes:
/// the only UTF-8 sequences of C1 controls start with `0xC2`, and the common
/// case, no control at all, costs one pass without decoding.
fn first_stripped(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if (b < 0x20 && b != b'\t' && b != b'\n') || b == 0x7f {
            return Some(i);
        }
        if b == 0xc2 && bytes.get(i + 1).is_some_and(|&n| n < 0xa0) {
            return Some(i);
        }
        i += 1;
    }
    None
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
pub(super) fn clean(text: StrTendril) -> StrTendril {
    match clean_str(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(cleaned) => StrTendril::from(cleaned),
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
