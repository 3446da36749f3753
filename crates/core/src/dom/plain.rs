//! Plain markup read from the bytes: the start and end tags and the text
//! that html5ever's tokenizer would read the same way without ever leaving
//! its simplest states.
//!
//! The tokenizer reads a tag a character at a time, each through its state
//! machine, and copies every character of a tag or attribute name into a
//! buffer of its own: reading the corpora's tags here instead cut a quarter
//! of a whole extraction's instructions (`docs/performance.md`).
//! Most tags are plain: an ASCII name, then attributes with ASCII names and
//! values quoted or not, holding no NUL, no character reference but the
//! plain ones ([`char_ref`]; none at all in an unquoted value), and nothing
//! the tokenizer calls a parse error. Such a tag, and a run of text up to
//! the next `<`, is read here in one pass over its bytes into the very
//! token the tokenizer would make, names lowered, references and carriage
//! returns replaced and later duplicates of an attribute dropped as it
//! does; values and text without replacements are slices of the page, not
//! copies. Anything else is left to the tokenizer: [`read`] says `None` and
//! reads nothing, or reads text only up to it.
//!
//! [`super::skip`] uses it where the tokenizer is in its data state with
//! the rest of the page ahead. Start tags after which the tree builder may
//! switch the tokenizer to another state (`<title>`, `<textarea>` and the
//! like, see [`switches_tokenizer`]) are left to the tokenizer, which must
//! know the name of the last start tag to find where their text ends; but
//! for `<script>` and `<style>`, which the caller reads whole.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{Tag, TagKind};
use html5ever::{local_name, ns, Attribute, LocalName, QualName};

use super::attributes::{blank_len, is_space};

/// Plain markup at the front of the input, and the bytes it takes.
#[derive(Debug)]
pub(super) enum Plain {
    /// A start or end tag, as the tokenizer would emit it.
    Tag(Tag),
    /// Text up to the next `<`, or to what the tokenizer must read (a
    /// reference that is not plain, a carriage return at the end, a NUL),
    /// or to the end of the buffer; the flag tells whether a `<` follows it
    /// (more plain markup may).
    Text(StrTendril, bool),
}

/// Reads the plain tag or text at the front of `input`; with the number of
/// its bytes. `None` where the tokenizer must read it.
pub(super) fn read(input: &StrTendril, names: &mut Names) -> Option<(Plain, usize)> {
    let bytes = input.as_bytes();
    match bytes.first()? {
        b'<' => read_tag(input, names),
        _ => {
            let stop = memchr::memchr(b'<', bytes).unwrap_or(bytes.len());
            let stop = memchr::memchr(0, &bytes[..stop]).unwrap_or(stop);
            let (text, len) = unescaped(input, 0, stop);
            (len > 0).then(|| (Plain::Text(text, bytes.get(len) == Some(&b'<')), len))
        }
    }
}

/// `input[from..end]` as the tokenizer hands it on: its character
/// references and carriage returns replaced, as far as that is plain (see
/// [`replacement`]); with where that ends. A slice of the input when
/// nothing is replaced.
fn unescaped(input: &StrTendril, from: usize, end: usize) -> (StrTendril, usize) {
    let bytes = &input.as_bytes()[..end];
    let Some(first) = memchr::memchr2(b'&', b'\r', &bytes[from..]) else {
        return (slice(input, from, end - from), end);
    };
    let mut out = StrTendril::new();
    // The text before `at` is in `out`, but for `input[copied..at]`.
    let (mut copied, mut at) = (from, from + first);
    while let Some((chars, len)) = replacement(&bytes[at..]) {
        out.push_slice(&input[copied..at]);
        for c in chars.into_iter().flatten() {
            out.push_char(c);
        }
        copied = at + len;
        at = memchr::memchr2(b'&', b'\r', &bytes[copied..]).map_or(end, |p| copied + p);
    }
    if copied == from {
        return (slice(input, from, at - from), at);
    }
    out.push_slice(&input[copied..at]);
    (out, at)
}

/// What the tokenizer reads in place of the `&` or carriage return at the
/// start of `text`, when that is plain; with the bytes it replaces. A
/// carriage return is a line feed, and takes the line feed after it along;
/// one at the end of `text` is left to the tokenizer, which waits to see
/// what follows it.
fn replacement(text: &[u8]) -> Option<([Option<char>; 2], usize)> {
    match text.first()? {
        b'\r' => Some(([Some('\n'), None], 1 + usize::from(*text.get(1)? == b'\n'))),
        _ => char_ref(text),
    }
}

/// What the character reference at the start of `text` (an `&`) stands
/// for as the tokenizer reads it, when that is plain; with its length. An
/// `&` before anything but a letter, a digit or `#` stands for itself;
/// `&name;`, for the character(s) HTML names so (the tokenizer reads the
/// longest name that is one, and no name holds a `;` but at its end);
/// `&#digits;` and `&#xhex;`, for the character of that number, where the
/// tokenizer need not repair it. Names without their `;`, numbers without
/// theirs and numbers the tokenizer repairs (NUL, C1 controls, surrogates,
/// noncharacters...) are left to it, as is an `&` at the end of `text`,
/// where the tokenizer waits for more input.
fn char_ref(text: &[u8]) -> Option<([Option<char>; 2], usize)> {
    let after = *text.get(1)?;
    if after == b'#' {
        let (digits, radix) = match text.get(2) {
            Some(b'x' | b'X') => (3, 16),
            _ => (2, 10),
        };
        let len = text[digits..]
            .iter()
            .take_while(|b| char::from(**b).is_digit(radix))
            .count();
        if len == 0 || text.get(digits + len) != Some(&b';') {
            return None;
        }
        // A number past `u32` is left to the tokenizer.
        let number = std::str::from_utf8(&text[digits..digits + len]).ok()?;
        let code = u32::from_str_radix(number, radix).ok()?;
        let plain = matches!(code, 0x09 | 0x0a | 0x0c | 0x20..=0x7e | 0xa0..=0xd7ff | 0xe000..=0xfdcf | 0xfdf0..=0x10_ffff)
            && code & 0xfffe != 0xfffe;
        return plain.then(|| ([char::from_u32(code), None], digits + len + 1));
    }
    if !after.is_ascii_alphanumeric() {
        return Some(([Some('&'), None], 1));
    }
    let len = text[1..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
    if text.get(1 + len) != Some(&b';') {
        return None;
    }
    let name = std::str::from_utf8(&text[1..len + 2]).ok()?;
    // The second character is 0 when there is one.
    let (first, second) = *html5ever::data::NAMED_ENTITIES.get(name)?;
    let chars = [
        char::from_u32(first),
        char::from_u32(second).filter(|_| second != 0),
    ];
    // A first character of 0 marks a prefix of longer names only.
    (first != 0).then_some((chars, len + 2))
}

/// True for a byte of a plain tag or attribute name: printable ASCII but
/// for what ends a name or is a parse error in one (`"`, `'`, `/`, `<`,
/// `=`, `>`).
fn is_name_byte(b: u8) -> bool {
    matches!(b, 0x21..=0x7e) && !matches!(b, b'"' | b'\'' | b'/' | b'<' | b'=' | b'>')
}

/// The length of the name at `bytes[from..]`.
fn name_len(bytes: &[u8], from: usize) -> usize {
    bytes[from..].iter().take_while(|&&b| is_name_byte(b)).count()
}

/// [`Names`] remembers 2 to this power names: a page uses a few dozen tag
/// and attribute names over and over (four times as many slots read the
/// corpora no faster).
const NAME_SLOT_BITS: u32 = 7;

/// The atoms of the names read last, by a hash of their bytes: html5ever
/// makes an atom by hashing the name to look it up in its static set (and,
/// for names not in it, in a global one behind a lock), which costs more
/// than reading the whole tag; a name seen before is found here instead.
/// Names are kept as written, capitals and all, with the atom of the name
/// lowered: a name found needs no lowering.
pub(super) struct Names {
    slots: Vec<Option<Seen>>,
}

/// A name in [`Names`].
struct Seen {
    /// The name's first eight bytes and its length (see [`head_key`]).
    key: u64,
    /// The rest of the name, after its first eight bytes.
    tail: Box<[u8]>,
    /// The atom of the name, lowered.
    atom: LocalName,
}

impl Names {
    /// Remembers nothing yet.
    pub(super) fn new() -> Self {
        Names {
            slots: (0..1 << NAME_SLOT_BITS).map(|_| None).collect(),
        }
    }

    /// The atom of `name` (printable ASCII, not empty) as the tokenizer
    /// makes it: ASCII capitals lowered.
    fn atom(&mut self, name: &str) -> LocalName {
        let bytes = name.as_bytes();
        let key = head_key(bytes);
        let tail = bytes.get(8..).unwrap_or_default();
        // The top bits of the product mix all of the key's.
        let slot =
            &mut self.slots[(key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - NAME_SLOT_BITS)) as usize];
        match slot {
            // Names of up to eight bytes, most of them, are told by the key
            // and the tail's length alone. Comparing their empty tails too
            // cost a quarter of the parse's time on this machine, all in
            // libc's AVX-512 `memcmp` (likely its masked loads at an empty
            // slice's dangling address); callgrind, which runs another
            // `memcmp`, missed it.
            Some(seen)
                if seen.key == key
                    && seen.tail.len() == tail.len()
                    && (tail.is_empty() || *seen.tail == *tail) =>
            {
                seen.atom.clone()
            }
            _ => {
                let atom = if bytes.iter().any(u8::is_ascii_uppercase) {
                    LocalName::from(name.to_ascii_lowercase())
                } else {
                    LocalName::from(name)
                };
                let tail = tail.into();
                slot.insert(Seen { key, tail, atom }).atom.clone()
            }
        }
    }
}

/// A name's first eight bytes and its length in one word. Two names of up
/// to eight bytes with the same key are the same: name bytes are at least
/// 0x21, so neither the zero padding of a short name nor a length of at
/// most 8 mixed into the last byte can pass for one. Longer names can share
/// a key with each other and with short ones (`data-url`, `data-uri-path`):
/// their length and the bytes after the eighth tell them apart.
fn head_key(name: &[u8]) -> u64 {
    let mut head = [0u8; 8];
    let len = name.len().min(8);
    head[..len].copy_from_slice(&name[..len]);
    u64::from_le_bytes(head) ^ (name.len() as u64).rotate_right(8)
}

/// `input[from..from + len]`, a slice sharing the input's buffer (or a copy
/// of at most 8 bytes). Both ends are char boundaries: ASCII delimiters.
fn slice(input: &StrTendril, from: usize, len: usize) -> StrTendril {
    // Within a tendril, whose lengths are 32-bit.
    #[allow(clippy::cast_possible_truncation)]
    input.subtendril(from as u32, len as u32)
}

/// True for the start tags after which the tree builder may switch the
/// tokenizer out of its data state (to RCDATA, raw text or plain text) and
/// that are left to the tokenizer, which must know the last start tag's
/// name to find where their text ends. `<script>` and `<style>` are read:
/// the caller must read their text and end tag too, or leave them to the
/// tokenizer (see [`super::skip`]).
fn switches_tokenizer(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("title")
            | local_name!("textarea")
            | local_name!("xmp")
            | local_name!("iframe")
            | local_name!("noembed")
            | local_name!("noframes")
            | local_name!("noscript")
            | local_name!("plaintext")
    )
}

/// Reads the plain tag at the front of `input` (which starts with `<`).
fn read_tag(input: &StrTendril, names: &mut Names) -> Option<(Plain, usize)> {
    let bytes = input.as_bytes();
    let (kind, mut at) = match bytes.get(1)? {
        b'/' => (TagKind::EndTag, 2),
        _ => (TagKind::StartTag, 1),
    };
    if !bytes.get(at)?.is_ascii_alphabetic() {
        return None;
    }
    let len = name_len(bytes, at);
    let tag_name = names.atom(&input[at..at + len]);
    if kind == TagKind::StartTag && switches_tokenizer(&tag_name) {
        return None;
    }
    at += len;
    let mut tag = Tag {
        kind,
        name: tag_name,
        self_closing: false,
        attrs: Vec::new(),
        had_duplicate_attributes: false,
    };
    // Whether whitespace came last: an attribute may start only then.
    let mut after_space = false;
    loop {
        match *bytes.get(at)? {
            b'>' => return Some((Plain::Tag(tag), at + 1)),
            b'/' if bytes.get(at + 1) == Some(&b'>') => {
                tag.self_closing = true;
                return Some((Plain::Tag(tag), at + 2));
            }
            b if is_space(b) => {
                at += blank_len(&bytes[at..]);
                after_space = true;
            }
            b if after_space && is_name_byte(b) => {
                let (attribute, end) = read_attribute(input, at, names)?;
                at = end;
                after_space = false;
                if tag.attrs.iter().any(|a| a.name.local == attribute.name.local) {
                    tag.had_duplicate_attributes = true;
                } else {
                    tag.attrs.push(attribute);
                }
            }
            _ => return None,
        }
    }
}

/// Reads the plain attribute at `input[at..]` (its name's first byte); with
/// where the tag goes on: right after its value, or after its name when it
/// has none.
fn read_attribute(input: &StrTendril, mut at: usize, names: &mut Names) -> Option<(Attribute, usize)> {
    let bytes = input.as_bytes();
    let len = name_len(bytes, at);
    let attribute_name = QualName::new(None, ns!(), names.atom(&input[at..at + len]));
    at += len;
    let after_name = at + blank_len(&bytes[at..]);
    if bytes.get(after_name) != Some(&b'=') {
        // A name alone: what follows must end it (`"`, `'` and `<` would
        // join it).
        let next = *bytes.get(at)?;
        if !(is_space(next) || next == b'>' || next == b'/') {
            return None;
        }
        let value = StrTendril::new();
        return Some((
            Attribute {
                name: attribute_name,
                value,
            },
            at,
        ));
    }
    at = after_name + 1;
    at += blank_len(&bytes[at..]);
    let (value, end) = match *bytes.get(at)? {
        quote @ (b'"' | b'\'') => {
            let len = memchr::memchr(quote, &bytes[at + 1..])?;
            if memchr::memchr(0, &bytes[at + 1..at + 1 + len]).is_some() {
                return None;
            }
            let (value, end) = unescaped(input, at + 1, at + 1 + len);
            if end < at + 1 + len {
                return None;
            }
            (value, at + len + 2)
        }
        // A missing value is a parse error.
        b'>' => return None,
        _ => {
            let len = bytes[at..]
                .iter()
                .take_while(|&&b| !is_space(b) && b != b'>')
                .count();
            let value = &bytes[at..at + len];
            if at + len == bytes.len()
                || value
                    .iter()
                    .any(|&b| matches!(b, b'&' | 0 | b'"' | b'\'' | b'<' | b'=' | b'`'))
            {
                return None;
            }
            (slice(input, at, len), at + len)
        }
    };
    Some((
        Attribute {
            name: attribute_name,
            value,
        },
        end,
    ))
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::{BufferQueue, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};

    use super::{read, Names, Plain};

    /// Collects the tokenizer's tokens but parse errors.
    #[derive(Default)]
    struct Tokens(RefCell<Vec<Token>>);

    impl TokenSink for Tokens {
        type Handle = ();

        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            if !matches!(token, Token::ParseError(_)) {
                self.0.borrow_mut().push(token);
            }
            TokenSinkResult::Continue
        }
    }

    /// The tokens html5ever's tokenizer makes of `html`, in its data state.
    fn tokenize(html: &str) -> Vec<Token> {
        let tokenizer = Tokenizer::new(Tokens::default(), TokenizerOpts::default());
        let input = BufferQueue::default();
        input.push_back(StrTendril::from_slice(html));
        let _ = tokenizer.feed(&input);
        tokenizer.end();
        tokenizer.sink.0.take()
    }

    /// Reads the front of `html` with the names seen before in `names`, and
    /// checks that the tokenizer makes the same of those bytes; true when
    /// it was read.
    fn read_as_tokenizer(html: &str, names: &mut Names) -> bool {
        let Some((plain, len)) = read(&StrTendril::from_slice(html), names) else {
            return false;
        };
        let mut tokens = tokenize(&html[..len]);
        match plain {
            Plain::Tag(tag) => {
                tokens.retain(|t| !matches!(t, Token::EOFToken));
                assert_eq!(tokens, vec![Token::TagToken(tag)], "{html:?}");
            }
            Plain::Text(text, at_markup) => {
                let mut joined = String::new();
                for token in tokens {
                    match token {
                        Token::CharacterTokens(t) => joined.push_str(&t),
                        Token::EOFToken => {}
                        other => panic!("{html:?}: {other:?} in text"),
                    }
                }
                assert_eq!(joined, &*text, "{html:?}");
                assert_eq!(at_markup, html[len..].starts_with('<'), "{html:?}");
                // The tokenizer would not have gone on with the text.
                assert!(
                    matches!(html.as_bytes().get(len), None | Some(b'<' | b'&' | b'\r' | 0)),
                    "{html:?}"
                );
            }
        }
        true
    }

    #[test]
    fn plain_tags_are_read_as_the_tokenizer_reads_them() {
        let mut names = Names::new();
        for html in [
            "<p>",
            "<DIV Class=\"A b\" ID='x'>rest",
            "</div>",
            "</Div  >",
            "</p class=x>",
            "<br/>",
            "<img src=/a/b.png alt=\"\" />",
            "<a href=/x/>link",
            "<input disabled checked>",
            "<input disabled  checked = 'yes' >",
            "<input disabled />",
            "<p a=1 A=2 b=3 a=4>",
            "<meta charset=utf-8>",
            "<div data-x=\"{'a':1}\">",
            "<p title=\"a\nb\">",
            "<p title=\"é – ü\">",
            "<svg viewBox='0 0 1 1'>",
            "<x-custom-el @click.prevent=go :class=\"{a: b}\" v-on:x=y>",
            "<p\tclass=a\u{c}id=b\n>",
            "<td width=50%>",
            "<h1>",
            // Carriage returns, read as line feeds.
            "<p title=\"a\r\nb\rc\">",
            "<p\r\nclass=a\r>",
            "<a b=c\rd=e\r\n/>",
            // Read, for the caller to read their code whole.
            "<script src=a.js async>",
            "<STYLE>",
        ] {
            assert!(read_as_tokenizer(html, &mut names), "not read: {html:?}");
        }
    }

    #[test]
    fn markup_that_is_not_plain_is_left_to_the_tokenizer() {
        let mut names = Names::new();
        for html in [
            // Start tags after which the tokenizer changes state.
            "<title>",
            "<textarea>",
            "<xmp>",
            "<iframe>",
            "<noembed>",
            "<noframes>",
            "<noscript>",
            "<plaintext>",
            // Character references in unquoted values, NULs.
            "<a href=?a=1&amp;b=2>",
            "<p title=\"a\0\">",
            "&amp text",
            // Parse errors.
            "<p class=\"a\"id=b>",
            "<p class=>",
            "<p =x>",
            "<p \"x\">",
            "<div/ >",
            "<p a=b\"c>",
            "<p a=`b`>",
            "<p é=1>",
            "<pé>",
            "<3",
            "< p>",
            "</>",
            "</ p>",
            "<!-- c -->",
            "<!DOCTYPE html>",
            "<?xml?>",
            // Runs past the input.
            "<p",
            "<p class=\"x",
            "<p class=x",
            "<p class",
            "",
        ] {
            assert!(!read_as_tokenizer(html, &mut names), "read: {html:?}");
        }
    }

    #[test]
    fn text_runs_to_what_the_tokenizer_stops_at() {
        let mut names = Names::new();
        for html in [
            "a b<p>",
            "text &amp; more",
            "line\r\nnext\rlast\n\r\n<p>",
            "\r\ntext",
            "a\r<p>",
            "nul\0x",
            "to the end",
            "é<",
        ] {
            assert!(read_as_tokenizer(html, &mut names), "not read: {html:?}");
        }
    }

    #[test]
    fn random_markup_is_read_as_the_tokenizer_reads_it() {
        let pool = "<<<>>>//==\"\"''  \t\n\r\u{c}\0&`!?-aAbBxX1é";
        let (mut read, mut names) = (0, Names::new());
        for html in crate::testing::random_texts(pool, 16, 50_000) {
            read += usize::from(read_as_tokenizer(&html, &mut names));
            read_as_tokenizer(&format!("<{html}"), &mut names);
            read_as_tokenizer(&format!("<p{html}"), &mut names);
            read_as_tokenizer(&format!("<p a{html}"), &mut names);
        }
        // The pool makes plain markup often enough to test both ways.
        assert!(read > 1_000, "{read}");
    }

    #[test]
    fn character_references_are_read_as_the_tokenizer_reads_them() {
        let mut names = Names::new();
        for html in [
            "a &amp; b<p>",
            "&lt;p&gt; &quot;q&quot; &nbsp;&copy;&NotNestedGreaterGreater;&acE;",
            "&#65;&#x42;&#X43;&#0000068;&#x1F600;&#9;&#10;",
            "AT& T & <p>",
            "x&#; &#x; &; &=",
            "<a href=\"?a=1&amp;b=2&#38;c\" title='&lt;&gt;'>",
        ] {
            assert!(read_as_tokenizer(html, &mut names), "not read: {html:?}");
        }
        // Text stops before what the tokenizer must read, tags are left.
        for html in [
            "&amp",
            "&notit;",
            "&ampx;",
            "&#65",
            "&#128;",
            "&#0;",
            "&#xD800;",
            "&#x110000;",
            "&#99999999999;",
            "&#xFFFE;",
            "&#13;",
            "&",
            "<a href=\"?a=1&b=2\">",
            "<a title=\"&\">",
            "<a href=?a&amp;b>",
        ] {
            let read = read(&StrTendril::from_slice(html), &mut names);
            assert!(
                matches!(read, None | Some((Plain::Text(..), 0))),
                "read: {html:?}"
            );
            read_as_tokenizer(html, &mut names);
        }
        for html in ["x&amp", "x&notit;", "x&#128;"] {
            let Some((Plain::Text(text, _), 1)) = read(&StrTendril::from_slice(html), &mut names) else {
                panic!("{html:?}");
            };
            assert_eq!(&*text, "x");
        }
    }

    #[test]
    fn random_references_are_read_as_the_tokenizer_reads_them() {
        let pieces = [
            "&", "amp", ";", "#", "x", "X", "4", "1", "0", "f", "lt", "not", "in", "a", " ", "<", "\"", "=",
            "<p t=\"", "\r", "\n",
        ];
        let pool: String = ('a'..='z').take(pieces.len()).collect();
        let (mut read, mut names) = (0, Names::new());
        for text in crate::testing::random_texts(&pool, 12, 50_000) {
            let html: String = text.bytes().map(|b| pieces[usize::from(b - b'a')]).collect();
            read += usize::from(read_as_tokenizer(&html, &mut names));
            read_as_tokenizer(&format!("<p t=\"{html}\">"), &mut names);
        }
        assert!(read > 1_000, "{read}");
    }

    #[test]
    fn every_prefix_of_a_named_reference_is_in_the_table() {
        // What `char_ref` relies on: the tokenizer reads a name as long as
        // it is a key of the table, so it reaches every `name;` there.
        for name in html5ever::data::NAMED_ENTITIES
            .keys()
            .filter(|n| n.ends_with(';'))
        {
            for end in 1..name.len() {
                assert!(
                    html5ever::data::NAMED_ENTITIES.contains_key(&name[..end]),
                    "{name}"
                );
            }
        }
    }

    #[test]
    fn a_name_seen_before_is_the_same_atom() {
        let mut names = Names::new();
        // More names than slots, so that they push each other out.
        let many: Vec<String> = (0..1000).map(|i| format!("n{i}")).collect();
        for round in 0..2 {
            for name in many.iter().map(String::as_str).chain([
                "div",
                "DIV",
                "Data-X",
                "data-x",
                "a",
                "data-testid",
                "data-testie",
                "abcdefgh",
                "abcdefghi",
                // The same key: 'i' ^ 13 == 'l' ^ 8.
                "data-uri-path",
                "data-url",
            ]) {
                let atom = names.atom(name);
                assert_eq!(&*atom, name.to_ascii_lowercase(), "round {round}");
            }
        }
    }
}
