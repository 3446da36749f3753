//! The attribute cap: a pre-pass over the page that keeps at most
//! [`MAX_ATTRIBUTES`] attributes per tag.
//!
//! html5ever's tokenizer checks every attribute of a tag against the ones
//! before it for duplicates, so a tag with n attributes costs n²/2
//! comparisons: 100,000 attributes take seconds, a million hours. No tag
//! of a real page has more than a few dozen; the pre-pass finds the tags
//! above the cap and removes their extra attributes (the first ones stay,
//! as html5ever keeps the first of duplicates) before the tokenizer sees
//! them. A page without such a tag is passed on untouched, not copied.
//!
//! The scan follows the HTML tokenizer's tag and attribute states, and skips
//! what the tokenizer does not read as tags: comments, doctypes and bogus
//! comments, CDATA sections in SVG and MathML, and the raw text of
//! `<script>`, `<style>`, `<textarea>`, `<title>` and the like (in HTML, not
//! in SVG or MathML, where they are ordinary elements). It does not follow
//! every rule of the tree builder (a `<script>` holding `<!--<script>` is
//! ended at its first `</script>`), so a page written to mislead it could
//! hide a tag from it; any page a site serves is read the same way as by
//! the tokenizer.

use std::borrow::Cow;

use super::skip::comment_len;

/// Most attributes kept on one tag: far above real pages (the most on one
/// element in the evaluation corpora is 71), low enough that html5ever's quadratic
/// duplicate check stays cheap (a 64 MiB page of capped tags costs it about
/// 16 million comparisons per unit of the cap).
pub(crate) const MAX_ATTRIBUTES: usize = 256;

/// Where a capped tag loses its extra attributes.
struct Cut {
    /// First byte of the first attribute over the cap.
    from: usize,
    /// The tag's closing `>` (or the end of the page).
    to: usize,
    /// The tag ended with `/>`: the `/` is put back.
    self_closing: bool,
}

/// `html` with at most `max` attributes per tag; borrowed when no tag has more.
pub(super) fn cap(html: &str, max: usize) -> Cow<'_, str> {
    let cuts = scan(html.as_bytes(), max);
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for cut in cuts {
        out.push_str(&html[at..cut.from]);
        if cut.self_closing {
            out.push('/');
        }
        at = cut.to;
    }
    out.push_str(&html[at..]);
    Cow::Owned(out)
}

/// A byte that may end an attribute name or unquoted value.
fn is_delimiter(b: u8) -> bool {
    is_space(b) || matches!(b, b'/' | b'>' | b'=')
}

/// HTML's whitespace (carriage returns become line feeds first).
pub(super) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// The length of the whitespace at the start of `text`.
pub(super) fn blank_len(text: &[u8]) -> usize {
    text.iter().take_while(|&&b| is_space(b)).count()
}

/// Position of the first `needle` in `bytes` from `from`, or the end.
#[inline]
fn find(bytes: &[u8], from: usize, needle: u8) -> usize {
    bytes
        .get(from..)
        .and_then(|rest| memchr::memchr(needle, rest))
        .map_or(bytes.len(), |p| from + p)
}

/// Position just after the first `pattern` in `bytes` from `from`, or the end.
fn after(bytes: &[u8], from: usize, pattern: &[u8]) -> usize {
    let mut at = from;
    loop {
        at = find(bytes, at, pattern[0]);
        if at >= bytes.len() {
            return at;
        }
        if bytes[at..].starts_with(pattern) {
            return at + pattern.len();
        }
        at += 1;
    }
}

/// Elements whose content the tokenizer reads as raw text (in HTML).
const RAW_TEXT: [&[u8]; 8] = [
    b"script",
    b"style",
    b"textarea",
    b"title",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
];

/// The cuts for the tags of `bytes` with more than `max` attributes.
fn scan(bytes: &[u8], max: usize) -> Vec<Cut> {
    let mut cuts = Vec::new();
    // How many <svg> and <math> are open: their raw-text-named children are
    // ordinary elements there.
    let mut foreign = 0usize;
    let mut at = 0;
    loop {
        at = find(bytes, at, b'<') + 1;
        let Some(&next) = bytes.get(at) else {
            return cuts;
        };
        if next.is_ascii_alphabetic()
            || (next == b'/' && bytes.get(at + 1).is_some_and(u8::is_ascii_alphabetic))
        {
            let end_tag = next == b'/';
            let name_start = at + usize::from(end_tag);
            let tag = read_tag(bytes, name_start, max);
            if let Some(cut) = tag.cut {
                cuts.push(cut);
            }
            at = tag.end;
            let name = &bytes[name_start..tag.name_end];
            if name.eq_ignore_ascii_case(b"svg") || name.eq_ignore_ascii_case(b"math") {
                if end_tag {
                    foreign = foreign.saturating_sub(1);
                } else if !tag.self_closing {
                    foreign += 1;
                }
            } else if !end_tag && foreign == 0 {
                if name.eq_ignore_ascii_case(b"plaintext") {
                    return cuts;
                }
                if RAW_TEXT.iter().any(|raw| name.eq_ignore_ascii_case(raw)) {
                    at = raw_text_end(bytes, at, name);
                }
            }
        } else if bytes[at..].starts_with(b"!--") {
            // `at` is just after the comment's `<`.
            at = at - 1 + comment_len(&bytes[at - 1..]);
        } else if foreign > 0 && bytes[at..].starts_with(b"![CDATA[") {
            at = after(bytes, at, b"]]>");
        } else if matches!(next, b'!' | b'?' | b'/') {
            // Doctype, bogus comment, `</>`: up to the next `>`.
            at = find(bytes, at, b'>');
        }
    }
}

/// True when `tag`, what follows a `</`, is the end tag of the raw text or
/// code of element `name`: the name in any case, then whitespace (a carriage
/// return too: the tokenizer reads it as a line feed), `/` or `>`.
pub(super) fn closes_raw_text(tag: &[u8], name: &[u8]) -> bool {
    tag.len() > name.len()
        && tag[..name.len()].eq_ignore_ascii_case(name)
        && (is_space(tag[name.len()]) || matches!(tag[name.len()], b'/' | b'>'))
}

/// Where the raw text of element `name` that starts at `from` ends: at its
/// end tag (see [`closes_raw_text`]).
fn raw_text_end(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut at = from;
    loop {
        at = find(bytes, at, b'<');
        if at >= bytes.len() {
            return at;
        }
        if bytes[at + 1..]
            .strip_prefix(b"/")
            .is_some_and(|tag| closes_raw_text(tag, name))
        {
            return at;
        }
        at += 1;
    }
}

/// What [`read_tag`] found.
pub(super) struct TagScan {
    /// End of the tag name.
    pub(super) name_end: usize,
    /// Just after the tag's `>`, or one past the end of the page when the
    /// page ends inside the tag.
    pub(super) end: usize,
    /// The tag ended with `/>`.
    pub(super) self_closing: bool,
    /// The attributes to remove, if there are more than the cap.
    cut: Option<Cut>,
}

/// Reads the tag whose name starts at `from` (after `<` or `</`), counting
/// its attributes as the HTML tokenizer splits them: an attribute starts at
/// the first byte after the name that is not whitespace, `/` or `>` (an `=`
/// or a quote included), and after a quoted value; its name runs to
/// whitespace, `/`, `>` or `=`; after `=` comes a value, quoted (to the same
/// quote) or not (to whitespace or `>`).
pub(super) fn read_tag(bytes: &[u8], from: usize, max: usize) -> TagScan {
    let skip = |mut at: usize, while_: fn(u8) -> bool| {
        while at < bytes.len() && while_(bytes[at]) {
            at += 1;
        }
        at
    };
    let mut at = skip(from, |b| !is_delimiter(b) || b == b'=');
    let name_end = at;
    let mut count = 0usize;
    let mut cut_from = None;
    // The last byte before an attribute or the end was a `/`.
    let mut slash = false;
    loop {
        // Before an attribute name.
        while let Some(&b) = bytes.get(at) {
            if is_space(b) {
                slash = false;
            } else if b == b'/' {
                slash = true;
            } else {
                break;
            }
            at += 1;
        }
        match bytes.get(at) {
            None => return finish(name_end, bytes.len(), false, cut_from),
            Some(b'>') => return finish(name_end, at, slash, cut_from),
            Some(_) => {}
        }
        count += 1;
        if count == max.saturating_add(1) {
            cut_from = Some(at);
        }
        slash = false;
        // The name (its first byte may be `=`), then maybe a value.
        at = skip(skip(at + 1, |b| !is_delimiter(b)), is_space);
        if bytes.get(at) != Some(&b'=') {
            continue;
        }
        at = skip(at + 1, is_space);
        // (A `>` here ends the tag, which the loop finds.)
        match bytes.get(at) {
            Some(&quote @ (b'"' | b'\'')) => at = find(bytes, at + 1, quote) + 1,
            _ => at = skip(at, |b| !is_space(b) && b != b'>'),
        }
    }
}

/// The [`TagScan`] of a tag whose `>` is at `gt`.
fn finish(name_end: usize, gt: usize, self_closing: bool, cut_from: Option<usize>) -> TagScan {
    TagScan {
        name_end,
        end: gt + 1,
        self_closing,
        cut: cut_from.map(|from| Cut {
            from,
            to: gt,
            self_closing,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(n: usize) -> String {
        (0..n).map(|i| format!(" a{i}=\"v {i}>\"")).collect()
    }

    #[test]
    fn pages_under_the_cap_are_borrowed() {
        for html in [
            "",
            "<",
            "<p a b=c d='e>'>x",
            "<!-- <p a b c> -->",
            &format!("<div{}>", attrs(3)),
        ] {
            assert!(matches!(cap(html, 3), Cow::Borrowed(_)), "{html}");
        }
    }

    #[test]
    fn extra_attributes_are_cut() {
        let html = format!("<p>before<div{}>text</div><br{}/>after", attrs(5), attrs(4));
        let expected = format!("<p>before<div{} >text</div><br{} />after", attrs(3), attrs(3));
        assert_eq!(cap(&html, 3), expected);
        // Unquoted, valueless and `=`-named attributes count too, as do end tags'.
        assert_eq!(cap("<p a b=1 =c d/ e>", 3), "<p a b=1 =c >");
        assert_eq!(cap("</p a b c d>", 2), "</p a b >");
        // A tag cut off by the end of the page.
        assert_eq!(cap("<p a b c d", 2), "<p a b ");
    }

    #[test]
    fn comments_raw_text_and_cdata_are_not_tags() {
        for html in [
            "<!-- <p a b c d e> -->",
            "<script>if (a <b c d e f) {}</script >",
            "<STYLE>a <b c d e f></STYLE>",
            "<title><p a b c d e></title>",
            "<svg><![CDATA[<p a b c d e>]]></svg>",
            "<!DOCTYPE html a b c d e>",
            "<plaintext><p a b c d e>",
        ] {
            assert!(matches!(cap(html, 3), Cow::Borrowed(_)), "{html}");
        }
        // In SVG, <title> is an ordinary element: its content is markup.
        assert!(matches!(
            cap("<svg><title><p a b c d e></title></svg>", 3),
            Cow::Owned(_)
        ));
        // `<!-->` is a whole (empty) comment.
        assert!(matches!(cap("<!--><p a b c d e>", 3), Cow::Owned(_)));
    }

    /// The attributes of the first tag of `html`, as html5ever's tokenizer
    /// reads them.
    fn tokenized_attributes(html: &str) -> Vec<String> {
        use html5ever::tokenizer::{BufferQueue, Token, TokenSink, TokenSinkResult, Tokenizer};
        use std::cell::RefCell;
        #[derive(Default)]
        struct First(RefCell<Option<Vec<String>>>);
        impl TokenSink for First {
            type Handle = ();
            fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
                if let Token::TagToken(tag) = token {
                    let mut first = self.0.borrow_mut();
                    if first.is_none() {
                        *first = Some(tag.attrs.iter().map(|a| a.name.local.to_string()).collect());
                    }
                }
                TokenSinkResult::Continue
            }
        }
        let tokenizer = Tokenizer::new(First::default(), Default::default());
        let input = BufferQueue::default();
        input.push_back(html.into());
        let _ = tokenizer.feed(&input);
        tokenizer.end();
        tokenizer.sink.0.take().unwrap_or_default()
    }

    #[test]
    fn attributes_split_as_the_tokenizer_splits_them() {
        for tag in [
            "<p a=\"1\"b=2 c>",
            "<p a/b>",
            "<p a/ b / >",
            "<p a=x/y=z b>",
            "<p ==x =y z>",
            "<p a = 'q>' b\t=\n\"\" c/>",
            "<p\"q\" 'r' s='>",
            "</p a b=>c d>",
            "<p a=>b c>",
        ] {
            let names = tokenized_attributes(tag);
            for max in 0..=names.len() + 1 {
                let capped = cap(tag, max);
                let kept = tokenized_attributes(&capped);
                assert_eq!(
                    kept,
                    names[..names.len().min(max)],
                    "{tag} capped at {max}: {capped}"
                );
            }
        }
    }
}
