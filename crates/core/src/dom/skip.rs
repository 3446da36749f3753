//! Skipping what the engine never reads: the text of `<script>` and
//! `<style>` elements, comments, and the inside of SVG drawings; and
//! reading the plain markup around them without the tokenizer. Both take
//! input off the tokenizer's queue from inside the token stream, at a
//! moment when the tokenizer and tree builder themselves say where it
//! starts; never in a pass over the page.
//! Skipping gives the tree that parsing gives, but for what was skipped:
//! the reference test (`super::reference`) checks it against rcdom on pages
//! built to trip it up and on every corpus page, also fed in chunks of a
//! few bytes, and the extraction's output is the same on every page of the
//! evaluation corpora.
//!
//! **Code.** The text of scripts and styles is a third of the bytes of a
//! typical page, cleaning drops it, and the tokenizer hands it to the tree
//! builder a line at a time. So when the tree builder has just switched the
//! tokenizer into script data or raw text for one of them, the input up to
//! the element's end tag is skipped, and the element stays empty. Only the
//! tokenizer knows where a script starts (not inside a comment, an
//! attribute value or a `<textarea>`); where its text ends is then simple:
//! at the first `</script` or `</style` (any case) followed by whitespace,
//! `/` or `>`, as the tokenizer would find it. The one exception is a
//! script holding `<!--`, where the tokenizer's escape states may carry a
//! script past its first end tag: such a script is left to the tokenizer,
//! as is any script whose code is data the engine reads (JSON-LD).
//!
//! **Comments.** The tokenizer reads a comment a character at a time, and
//! the arena keeps it as an empty node no stage looks at. Right after a
//! tag, comment or doctype token the tokenizer is in its data state with
//! the rest of the page ahead, so comments found there, each after nothing
//! but whitespace, are skipped, keeping the whitespace. A comment is only
//! skipped when whitespace and then markup (a tag, another comment) or the
//! end of the page follow it: skipping it then only joins whitespace to
//! whitespace, which the tree builder treats alike wherever it stands (in a
//! table, text with letters would move out of the table and whitespace
//! would not). Not right after `<pre>` or `<listing>`, whose tree builder
//! drops a line break only when it is the very next token.
//!
//! **Whitespace between tags.** Not skipped, but taken off the input at the
//! same moment: the whitespace before markup (with the skipped comments in
//! it) goes to the tree builder as one text token, where the tokenizer would
//! hand over every line break as a token of its own and every indentation
//! as another. The tree builder treats whitespace a character at a time, so
//! one token or many make the same tree.
//!
//! **Plain markup.** Not skipped but read here: after a tag that leaves the
//! tokenizer in its data state, the filter reads the plain tags and text
//! that follow from the bytes ([`super::plain`]) and hands their tokens on
//! itself, each as if the tokenizer had made it, until something comes
//! that is not plain; the tokenizer reads on from there. (Not after a
//! comment or doctype, whose tokens must leave the tokenizer nothing to
//! act on, as a `<meta charset>` read after them would.) Code is read whole:
//! a plain `<script>` or `<style>` start tag only where its code will be
//! skipped and a plain end tag follows ([`reads_whole`]), and after skipped
//! code its end tag, so the tokenizer never enters raw text for them.
//!
//! **Drawings.** Cleaning drops every SVG element with its subtree. When
//! the tree builder has just opened an `<svg>` element and reads what
//! follows as SVG, the input up to the end tag that closes it is skipped,
//! where [`super::drawing`] can tell that end from the bytes.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::{local_name, Attribute};

use super::attributes::{blank_len, closes_raw_text, is_space};
use super::depth::DepthGuard;
use super::drawing::drawing_end;
use super::plain::{self, Names, Plain};
use super::NodeId;

/// Whether a parse keeps what the engine never reads: code, comments and
/// the inside of drawings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unread {
    /// Keep it: the whole tree, as html5ever builds it (the reference test).
    #[cfg_attr(not(test), allow(dead_code))]
    Keep,
    /// Skip it where the module doc says it is safe.
    Skip,
}

/// What may be skipped after a token.
#[derive(Clone, Copy)]
enum Next {
    Nothing,
    /// Comments, the tokenizer being in its data state.
    Comments,
    /// The code of the element named, when the tree builder switches the
    /// tokenizer to this kind of raw text (else comments).
    Code(&'static [u8], RawKind),
    /// The inside of an SVG drawing, when the tree builder opened it (else
    /// comments).
    Drawing,
}

/// A token filter in front of the depth guard that skips code, comments and
/// drawings and reads plain markup itself (see the module doc). It reads
/// the tokenizer's input queue, so it lives as long as the queue.
pub(super) struct Skipper<'a> {
    /// The filter the tokens go on to.
    pub(super) guard: DepthGuard,
    /// The tokenizer's input, `None` when everything is kept.
    input: Option<&'a BufferQueue>,
    /// Where in the page the chunk being read ends.
    chunk_end: Cell<usize>,
    /// Where in the page the next chunk must start after a skip that ran
    /// past the current one.
    resume_at: Cell<Option<usize>>,
    /// Where in the page the last scan for a drawing's end stopped without
    /// one: drawings opened before it are not scanned again.
    no_drawing_before: Cell<usize>,
    /// The names of the plain tags and attributes read so far.
    names: RefCell<Names>,
}

impl<'a> Skipper<'a> {
    /// A filter over `guard` for a parse reading `input`, chunks of the page
    /// the sink holds (see [`super::sink::ArenaSink::page`]).
    pub(super) fn new(guard: DepthGuard, unread: Unread, input: &'a BufferQueue) -> Self {
        Skipper {
            guard,
            input: (unread == Unread::Skip).then_some(input),
            chunk_end: Cell::new(0),
            resume_at: Cell::new(None),
            no_drawing_before: Cell::new(0),
            names: RefCell::new(Names::new()),
        }
    }

    /// Where the next chunk starts, if a skip ran past the chunk that was
    /// read; taken once.
    pub(super) fn take_resume_at(&self) -> Option<usize> {
        self.resume_at.take()
    }

    /// Where the unread input starts in the page, when it is the rest of
    /// the page: the front buffer `front` (just taken off `input`) is the
    /// unread tail of the chunk being read (a slice of the page, or a copy
    /// when at most 8 bytes long) and nothing follows it in the queue. A
    /// skip may then run past the chunk: the parse resumes from the page
    /// (which pages too long for a tendril do not have).
    fn unread_in_page(
        &self,
        input: &BufferQueue,
        front: Option<&StrTendril>,
    ) -> Option<(&StrTendril, usize)> {
        let page = self.guard.builder.sink.page()?;
        let at = self.chunk_end.get().checked_sub(front.map_or(0, |f| f.len()))?;
        let tail = page.as_bytes().get(at..self.chunk_end.get())?;
        let is_tail = front.is_none_or(|f| f.as_ptr() == tail.as_ptr() || f.as_bytes()[..] == *tail);
        (is_tail && input.is_empty()).then_some((page, at))
    }

    /// Takes the code of the element just opened off the input, up to its
    /// end tag `</name`; leaves the input as it is where that is not safe.
    fn skip_code(&self, input: &BufferQueue, name: &[u8], escapes: bool) {
        self.skip_to(input, |text, _| code_end(text, name, escapes));
    }

    /// Takes the inside of the drawing just opened off the input (see
    /// [`super::drawing`]), unless a scan that found no end has already
    /// passed where it starts; true when it did. Only with the rest of the
    /// page at hand.
    fn skip_drawing(&self, input: &BufferQueue) -> bool {
        self.skip_to(input, |text, in_page| {
            let (_, at) = in_page.filter(|&(_, at)| at >= self.no_drawing_before.get())?;
            drawing_end(text)
                .map_err(|stopped| self.no_drawing_before.set(at + stopped))
                .ok()
        })
    }

    /// Takes the input off up to `end(unread, in_page)`, the end of what is
    /// skipped in the unread input, or `None` where it cannot be told (or
    /// nothing is skipped); true when it did. `in_page` is the page and where
    /// the unread input starts in it, when it is the rest of the page (see
    /// [`Self::unread_in_page`]); otherwise only the front buffer is looked
    /// at.
    fn skip_to(
        &self,
        input: &BufferQueue,
        end: impl FnOnce(&[u8], Option<(&StrTendril, usize)>) -> Option<usize>,
    ) -> bool {
        let front = input.pop_front();
        let front_len = front.as_ref().map_or(0, |f| f.len());
        let in_page = self.unread_in_page(input, front.as_ref());
        let (found, at) = match in_page {
            Some((page, at)) => (end(&page.as_bytes()[at..], in_page), Some(at)),
            None => (front.as_ref().and_then(|f| end(f.as_bytes(), None)), None),
        };
        match (found, at, front) {
            (Some(end), _, Some(front)) if end < front_len => input.push_front(subtendril(&front, end)),
            // Past the chunk being read: the parse resumes from the page.
            (Some(end), Some(at), _) => self.resume_at.set(Some(at + end)),
            (_, _, front) => {
                if let Some(front) = front {
                    input.push_front(front);
                }
                return false;
            }
        }
        true
    }

    /// Right after a token that leaves the tokenizer in its data state: takes
    /// the comments at the front of the input off it where the module doc
    /// says it is safe, and hands the whitespace before markup to the tree
    /// builder as one text token (the tokenizer hands it over a line at a
    /// time, each line break a token of its own). Only with the rest of the
    /// page at hand.
    fn after_markup(&self, input: &BufferQueue, line_number: u64) {
        match input.peek_front_chunk_mut() {
            Some(front)
                if front.as_bytes().first().is_some_and(|&b| is_space(b))
                    || front.as_bytes().starts_with(COMMENT_OPEN) => {}
            _ => return,
        }
        // The whitespace taken.
        let mut blank: Option<StrTendril> = None;
        self.skip_to(input, |_, in_page| {
            let (page, at) = in_page?;
            let bytes = page.as_bytes();
            // Where the input goes on.
            let mut resume = at;
            loop {
                let start = resume + blank_len(&bytes[resume..]);
                let rest = &bytes[start..];
                let comment_end = rest.starts_with(COMMENT_OPEN).then(|| start + comment_len(rest));
                let skip_comment = comment_end.is_some_and(|end| {
                    let after = &bytes[end + blank_len(&bytes[end..])..];
                    after.is_empty() || starts_markup(after)
                });
                if start > resume && (skip_comment || rest.is_empty() || starts_markup(rest)) {
                    push_blank(&mut blank, page, resume..start);
                    resume = start;
                }
                match comment_end {
                    Some(end) if skip_comment => resume = end,
                    _ => break,
                }
            }
            (resume > at).then_some(resume - at)
        });
        if let Some(blank) = blank {
            // Text is always `Continue` to the tree builder.
            let _ = self
                .guard
                .process_token(Token::CharacterTokens(blank), line_number);
        }
    }

    /// Notes where in the page the chunk about to be read ends.
    pub(super) fn set_chunk_end(&self, end: usize) {
        self.chunk_end.set(end);
    }
}

/// True unless `markup` is a start tag of code that cannot be read whole
/// here, code and end tag included, from what `follows` it in the buffer.
/// The tokenizer must read the start tag of such code itself: after it, the
/// tree builder switches the tokenizer to raw text, where it needs to know
/// which start tag it read last to find the end tag. So code is read only
/// where its text will be skipped (see [`code_end`]; not JSON-LD, which is
/// kept) and the plain end tag `</name>` follows it in the buffer.
fn reads_whole(markup: &Plain, follows: &[u8]) -> bool {
    let Plain::Tag(tag) = markup else {
        return true;
    };
    if tag.kind == TagKind::EndTag {
        return true;
    }
    let Some((name, kind)) = skipped_code(tag) else {
        // Kept code (JSON-LD) is the tokenizer's to read.
        return tag.name != local_name!("script");
    };
    // Where `code_end` finds an end tag, `</name` is there: only what ends
    // it is left to look at (it finds none at the end of `follows`).
    code_end(follows, name, kind == RawKind::ScriptData)
        .is_some_and(|end| follows.get(end + 2 + name.len()) == Some(&b'>'))
}

/// The name and raw text kind of the code whose text is skipped after the
/// start tag `tag`: every script but JSON-LD, and every style. Which code
/// is skipped is decided here only.
fn skipped_code(tag: &Tag) -> Option<(&'static [u8], RawKind)> {
    match tag.name {
        local_name!("script") if !is_data(&tag.attrs) => Some((b"script", RawKind::ScriptData)),
        local_name!("style") => Some((b"style", RawKind::Rawtext)),
        _ => None,
    }
}

/// True when the tokenizer goes on in its data state after a tag with this
/// result: `Continue`, or `Script` (the end of a script, which html5ever
/// pauses at for a browser to run it; nothing runs here, so reading on
/// past it loses nothing).
fn reads_on(result: &TokenSinkResult<NodeId>) -> bool {
    matches!(result, TokenSinkResult::Continue | TokenSinkResult::Script(_))
}

/// `text` from byte `from` on (a char boundary: the `<` of an end tag).
fn subtendril(text: &StrTendril, from: usize) -> StrTendril {
    // Chunks are far below 4 GiB, tendrils' limit.
    #[allow(clippy::cast_possible_truncation)]
    text.subtendril(from as u32, (text.len() - from) as u32)
}

/// The length of the code at the start of `text`: the position of its
/// first end tag (see [`closes_raw_text`]), or the length of `text` when
/// there is none. `None` when `escapes` is set and
/// `<!--` comes first: the script's end is then the tokenizer's to find.
pub(super) fn code_end(text: &[u8], name: &[u8], escapes: bool) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = memchr::memchr(b'<', &text[from..]) {
        let at = from + found;
        let after = &text[at + 1..];
        if let Some(tag) = after.strip_prefix(b"/") {
            if closes_raw_text(tag, name) {
                return Some(at);
            }
        } else if escapes && after.starts_with(b"!--") {
            return None;
        }
        from = at + 1;
    }
    Some(text.len())
}

/// What opens a comment in the data state.
const COMMENT_OPEN: &[u8] = b"<!--";

/// True when `text` starts with what the tokenizer reads as markup, not
/// text: `<` and then a letter (a tag), `!` (a comment, doctype or CDATA
/// section), `?` (a bogus comment) or `/` and anything (an end tag, a bogus
/// comment, or nothing; `</` at the very end is text).
fn starts_markup(text: &[u8]) -> bool {
    match text {
        [b'<', b'/', _, ..] => true,
        [b'<', b, ..] => b.is_ascii_alphabetic() || matches!(b, b'!' | b'?'),
        _ => false,
    }
}

/// Adds the whitespace `page[range]` to `blank`, as the tokenizer would
/// hand it on: a slice of the page where it can be, else a copy.
fn push_blank(blank: &mut Option<StrTendril>, page: &StrTendril, range: std::ops::Range<usize>) {
    let text = &page[range.clone()];
    match blank {
        None if !text.contains('\r') => {
            // In bounds, and whitespace is ASCII: char boundaries.
            #[allow(clippy::cast_possible_truncation)]
            let slice = page.subtendril(range.start as u32, range.len() as u32);
            *blank = Some(slice);
        }
        _ => blank
            .get_or_insert_with(StrTendril::new)
            .push_slice(&normalized_blank(text)),
    }
}

/// Whitespace as the tokenizer hands it on: a carriage return, alone or
/// before a line feed, becomes a line feed. (Joined whitespace must not
/// let a `\r` before a skipped comment swallow a `\n` after it.)
fn normalized_blank(text: &str) -> Cow<'_, str> {
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The length of the comment at the start of `text` (which starts with
/// [`COMMENT_OPEN`]) as the tokenizer reads it: up to the first `-->` or
/// `--!>` after the opener, or `<!-->` and `<!--->` alone; to the end of
/// `text` when there is no end.
pub(super) fn comment_len(text: &[u8]) -> usize {
    let body = COMMENT_OPEN.len();
    if text[body..].starts_with(b">") {
        return body + 1;
    }
    if text[body..].starts_with(b"->") {
        return body + 2;
    }
    let mut from = body;
    while let Some(found) = memchr::memchr(b'-', &text[from..]) {
        let at = from + found;
        if text.get(at + 1) == Some(&b'-') {
            match text.get(at + 2) {
                Some(b'>') => return at + 3,
                Some(b'!') if text.get(at + 3) == Some(&b'>') => return at + 4,
                _ => {}
            }
        }
        from = at + 1;
    }
    text.len()
}

/// True for a start tag whose code the engine reads: a JSON-LD script.
fn is_data(attrs: &[Attribute]) -> bool {
    attrs
        .iter()
        .any(|a| a.name.local == local_name!("type") && crate::metadata::is_json_ld_type(&a.value))
}

impl Skipper<'_> {
    /// Hands `token` on to the tree builder and skips what may be skipped
    /// after it; with whether the tokenizer is then back in its data state
    /// with the rest of the page ahead.
    fn hand_on(
        &self,
        input: &BufferQueue,
        token: Token,
        line_number: u64,
    ) -> (TokenSinkResult<NodeId>, bool) {
        // What to skip after the token, decided before it is handed on.
        let next = match &token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => match (skipped_code(tag), &tag.name) {
                (Some((name, kind)), _) => Next::Code(name, kind),
                // The tree builder drops a line break right after these
                // only when it is the very next token.
                (None, &local_name!("pre") | &local_name!("listing")) => Next::Nothing,
                (None, &local_name!("svg")) if !tag.self_closing => Next::Drawing,
                _ => Next::Comments,
            },
            Token::TagToken(_) | Token::CommentToken(_) | Token::DoctypeToken(_) => Next::Comments,
            _ => Next::Nothing,
        };
        let result = self.guard.process_token(token, line_number);
        let in_data = match (next, &result) {
            // Only where the tree builder switched the tokenizer to the
            // state the element's name implies (it does not in foreign
            // content, where `<style>` is an element like any other).
            (Next::Code(name, kind), TokenSinkResult::RawData(switched)) if *switched == kind => {
                self.skip_code(input, name, kind == RawKind::ScriptData);
                // The end tag, read here when plain, ends the raw text
                // before the tokenizer enters it: it stays in its data
                // state, as after the end tag.
                if let Some(end) = self.read_end_tag(input, name) {
                    return self.hand_on(input, Token::TagToken(end), line_number);
                }
                false
            }
            // The tree builder made the `<svg>` element (it ignores the tag
            // in some places) and reads its content as SVG.
            (Next::Drawing, TokenSinkResult::Continue)
                if self.guard.builder.sink.made_drawing()
                    && self
                        .guard
                        .adjusted_current_node_present_but_not_in_html_namespace()
                    && self.skip_drawing(input) =>
            {
                // The tokenizer reads on from the drawing's end tag, in its
                // data state.
                true
            }
            // The tokenizer is back in its data state.
            (Next::Comments | Next::Code(..) | Next::Drawing, result) if reads_on(result) => {
                self.after_markup(input, line_number);
                true
            }
            _ => false,
        };
        (result, in_data)
    }

    /// Takes the end tag `</name>` off the front of the input when it is
    /// there and plain (see [`super::plain`]).
    fn read_end_tag(&self, input: &BufferQueue, name: &[u8]) -> Option<Tag> {
        let is_end = |plain: &Plain, _: &[u8]| matches!(plain, Plain::Tag(tag) if tag.kind == TagKind::EndTag && tag.name.as_bytes() == name);
        match self.take_plain(input, is_end)? {
            Plain::Tag(tag) => Some(tag),
            Plain::Text(..) => None,
        }
    }

    /// Reads the plain markup at the front of the input (see
    /// [`super::plain`]) and takes it off when `accept(markup, what
    /// follows it in the buffer)` says so.
    fn take_plain(&self, input: &BufferQueue, accept: impl FnOnce(&Plain, &[u8]) -> bool) -> Option<Plain> {
        let (plain, read_all) = {
            let mut front = input.peek_front_chunk_mut()?;
            let (plain, len) = plain::read(&front, &mut self.names.borrow_mut())?;
            if !accept(&plain, &front.as_bytes()[len..]) {
                return None;
            }
            let read_all = len == front.len();
            if !read_all {
                // Within the buffer, at a char boundary.
                #[allow(clippy::cast_possible_truncation)]
                front.pop_front(len as u32);
            }
            (plain, read_all)
        };
        if read_all {
            // The queue holds no empty buffer.
            input.pop_front();
        }
        Some(plain)
    }

    /// In the data state: reads the plain tags and text at the front of the
    /// input itself (see [`super::plain`]) and hands them on, until what
    /// comes is not plain or a tag leaves the data state; with the last
    /// tag's result, for the tokenizer.
    fn read_plain(&self, input: &BufferQueue, line_number: u64) -> TokenSinkResult<NodeId> {
        loop {
            let Some(plain) = self.take_plain(input, reads_whole) else {
                return TokenSinkResult::Continue;
            };
            match plain {
                Plain::Tag(tag) => {
                    let (result, in_data) = self.hand_on(input, Token::TagToken(tag), line_number);
                    if !(in_data && reads_on(&result)) {
                        return result;
                    }
                }
                Plain::Text(text, at_markup) => {
                    // Text is always `Continue` to the tree builder.
                    let _ = self
                        .guard
                        .process_token(Token::CharacterTokens(text), line_number);
                    if !at_markup {
                        return TokenSinkResult::Continue;
                    }
                }
            }
        }
    }
}

impl TokenSink for Skipper<'_> {
    type Handle = NodeId;

    #[inline]
    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<NodeId> {
        let Some(input) = self.input else {
            return self.guard.process_token(token, line_number);
        };
        // The tokenizer takes another result than `Continue` after a tag
        // only: after a comment or doctype, it reads on itself.
        let is_tag = matches!(token, Token::TagToken(_));
        match self.hand_on(input, token, line_number) {
            (result, true) if is_tag && reads_on(&result) => self.read_plain(input, line_number),
            (result, _) => result,
        }
    }

    fn end(&self) {
        self.guard.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.guard
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

#[cfg(test)]
mod tests {
    use super::{code_end, comment_len, normalized_blank, starts_markup};

    #[test]
    fn code_ends_at_its_end_tag_in_any_case() {
        assert_eq!(code_end(b"a < b</script>", b"script", true), Some(5));
        assert_eq!(code_end(b"x</SCRIPT\n>", b"script", true), Some(1));
        assert_eq!(code_end(b"x</Style/>", b"style", false), Some(1));
        // The tokenizer reads a carriage return as a line feed.
        assert_eq!(code_end(b"x</script\r>", b"script", true), Some(1));
    }

    #[test]
    fn a_name_that_runs_on_is_no_end_tag() {
        let code = b"'</scripts>' + '</script' </script>";
        assert_eq!(code_end(code, b"script", true), Some(26));
        assert_eq!(code_end(b"</script", b"script", true), Some(8));
    }

    #[test]
    fn unterminated_code_runs_to_the_end() {
        assert_eq!(code_end(b"no end <p>", b"style", false), Some(10));
    }

    #[test]
    fn a_comment_opener_leaves_a_script_to_the_tokenizer() {
        assert_eq!(
            code_end(b"<!-- <script></script> --></script>", b"script", true),
            None
        );
        // A style has no escape states; after the end it does not matter.
        assert_eq!(code_end(b"<!-- p{} --></style>", b"style", false), Some(12));
        assert_eq!(code_end(b"x</script><!--", b"script", true), Some(1));
    }

    #[test]
    fn a_comment_ends_where_the_tokenizer_ends_it() {
        let len = |text: &str| comment_len(text.as_bytes());
        assert_eq!(len("<!-- a -->b"), 10);
        assert_eq!(len("<!-->b"), 5);
        assert_eq!(len("<!--->b"), 6);
        assert_eq!(len("<!---->b"), 7);
        assert_eq!(len("<!-- a --!>b"), 11);
        assert_eq!(len("<!-- a --!-->b"), 13);
        assert_eq!(len("<!-- a ---->b"), 12);
        assert_eq!(len("<!-- a -- b -->c"), 15);
        assert_eq!(len("<!-- <!-- a -->b"), 15);
        assert_eq!(len("<!-- runs to the end"), 20);
    }

    #[test]
    fn markup_is_what_makes_no_text() {
        for markup in ["<p>", "</p>", "<!-- c -->", "<!DOCTYPE", "<?php", "</>"] {
            assert!(starts_markup(markup.as_bytes()), "{markup}");
        }
        for text in ["<3", "< p", "<", "x<p>", "<=>", "</"] {
            assert!(!starts_markup(text.as_bytes()), "{text}");
        }
    }

    #[test]
    fn carriage_returns_become_line_feeds() {
        assert_eq!(normalized_blank("\r\n \r\r\n\t\r"), "\n \n\n\t\n");
        assert_eq!(normalized_blank(" \n\t"), " \n\t");
    }
}
