//! Skipping code: the text of `<script>` and `<style>` elements is never
//! read (cleaning drops both), yet it is a third of the bytes of a typical
//! page, and the tokenizer hands it to the tree builder a line at a time.
//! So when the tree builder has just switched the tokenizer into script data
//! or raw text for one of them, the input up to the element's end tag is
//! taken off the tokenizer's queue unread, and the element stays empty.
//!
//! Only the tokenizer knows where a script starts (not inside a comment, an
//! attribute value or a `<textarea>`), so the skip happens at that moment,
//! from inside the token stream, never in a pass over the page. Where the
//! text ends is then simple: at the first `</script` or `</style` (any
//! case) followed by whitespace, `/` or `>`, as the tokenizer would find it.
//! The one exception is a script holding `<!--`, where the tokenizer's
//! escape states may carry a script past its first end tag: such a script
//! is left to the tokenizer, as is any script whose code is data the engine
//! reads (JSON-LD). Skipping gives the tree that parsing gives, but for the
//! text of the skipped elements: the reference test (`super::reference`)
//! checks it against rcdom on pages built to trip it up and on every corpus
//! page, also fed in chunks of a few bytes, and the extraction's output is
//! the same on every page of the evaluation corpora.

use std::cell::Cell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::{local_name, Attribute};

use super::depth::DepthGuard;
use super::NodeId;

/// Whether a parse keeps the text of scripts and styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Code {
    /// Keep it: the whole tree, as html5ever builds it (the reference test).
    #[cfg_attr(not(test), allow(dead_code))]
    Keep,
    /// Skip it where the module doc says it is safe.
    Skip,
}

/// A token filter in front of the depth guard that skips code (see the
/// module doc). It reads the tokenizer's input queue, so it lives as long
/// as the queue.
pub(super) struct CodeSkipper<'a> {
    /// The filter the tokens go on to.
    pub(super) guard: DepthGuard,
    /// The tokenizer's input, `None` when code is kept.
    input: Option<&'a BufferQueue>,
    /// Where in the page the chunk being read ends.
    chunk_end: Cell<usize>,
    /// Where in the page the next chunk must start after a skip that ran
    /// past the current one.
    resume_at: Cell<Option<usize>>,
}

impl<'a> CodeSkipper<'a> {
    /// A filter over `guard` for a parse reading `input`, chunks of the page
    /// the sink holds (see [`super::sink::ArenaSink::page`]).
    pub(super) fn new(guard: DepthGuard, code: Code, input: &'a BufferQueue) -> Self {
        CodeSkipper {
            guard,
            input: (code == Code::Skip).then_some(input),
            chunk_end: Cell::new(0),
            resume_at: Cell::new(None),
        }
    }

    /// Where the next chunk starts, if a skip ran past the chunk that was
    /// read; taken once.
    pub(super) fn take_resume_at(&self) -> Option<usize> {
        self.resume_at.take()
    }

    /// Takes the code of the element just opened off the input, up to its
    /// end tag `</name`; leaves the input as it is where that is not safe.
    fn skip(&self, input: &BufferQueue, name: &[u8], escapes: bool) {
        let front = input.pop_front();
        let front_len = front.as_ref().map_or(0, |f| f.len());
        // Where the unread input starts in the page, when it is the rest of
        // the page: the front buffer is the unread tail of the chunk being
        // read (a slice of the page, or a copy when at most 8 bytes long)
        // and nothing follows it in the queue. A skip may then run past the
        // chunk: the parse resumes from the page (which pages too long for
        // a tendril do not have).
        let in_page = self.guard.builder.sink.page().and_then(|page| {
            let at = self.chunk_end.get().checked_sub(front_len)?;
            let tail = page.as_bytes().get(at..self.chunk_end.get())?;
            let is_tail = front
                .as_ref()
                .is_none_or(|f| f.as_ptr() == tail.as_ptr() || f.as_bytes()[..] == *tail);
            (is_tail && input.is_empty()).then_some((page, at))
        });
        match (in_page, front) {
            (Some((page, at)), front) => match code_end(&page.as_bytes()[at..], name, escapes) {
                Some(end) if end <= front_len => {
                    if let Some(front) = front {
                        input.push_front(subtendril(&front, end));
                    }
                }
                Some(end) => self.resume_at.set(Some(at + end)),
                None => {
                    if let Some(front) = front {
                        input.push_front(front);
                    }
                }
            },
            (None, Some(front)) => match code_end(front.as_bytes(), name, escapes) {
                Some(end) if end < front.len() => input.push_front(subtendril(&front, end)),
                // The end is not in this buffer: too far to look for it.
                _ => input.push_front(front),
            },
            (None, None) => {}
        }
    }

    /// Notes where in the page the chunk about to be read ends.
    pub(super) fn set_chunk_end(&self, end: usize) {
        self.chunk_end.set(end);
    }
}

/// `text` from byte `from` on (a char boundary: the `<` of an end tag).
fn subtendril(text: &StrTendril, from: usize) -> StrTendril {
    // Chunks are far below 4 GiB, tendrils' limit.
    #[allow(clippy::cast_possible_truncation)]
    text.subtendril(from as u32, (text.len() - from) as u32)
}

/// The length of the code at the start of `text`: the position of the first
/// end tag `</name` (any case) followed by whitespace, `/` or `>`, or the
/// length of `text` when there is none. `None` when `escapes` is set and
/// `<!--` comes first: the script's end is then the tokenizer's to find.
pub(super) fn code_end(text: &[u8], name: &[u8], escapes: bool) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = memchr::memchr(b'<', &text[from..]) {
        let at = from + found;
        let after = &text[at + 1..];
        if let Some(tag) = after.strip_prefix(b"/") {
            let is_end = tag.len() > name.len()
                && tag[..name.len()].eq_ignore_ascii_case(name)
                && matches!(tag[name.len()], b'\t' | b'\n' | b'\x0C' | b' ' | b'/' | b'>');
            if is_end {
                return Some(at);
            }
        } else if escapes && after.starts_with(b"!--") {
            return None;
        }
        from = at + 1;
    }
    Some(text.len())
}

/// True for a start tag whose code the engine reads: a JSON-LD script.
fn is_data(attrs: &[Attribute]) -> bool {
    attrs
        .iter()
        .any(|a| a.name.local == local_name!("type") && crate::metadata::is_json_ld_type(&a.value))
}

impl TokenSink for CodeSkipper<'_> {
    type Handle = NodeId;

    #[inline]
    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<NodeId> {
        let Some(input) = self.input else {
            return self.guard.process_token(token, line_number);
        };
        // What to skip, decided before the token is handed on.
        let skip = match &token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => match tag.name {
                local_name!("script") if !is_data(&tag.attrs) => Some((&b"script"[..], RawKind::ScriptData)),
                local_name!("style") => Some((&b"style"[..], RawKind::Rawtext)),
                _ => None,
            },
            _ => None,
        };
        let result = self.guard.process_token(token, line_number);
        if let (Some((name, kind)), TokenSinkResult::RawData(switched)) = (skip, &result) {
            // Only where the tree builder switched the tokenizer to the
            // state the element's name implies (it does not in foreign
            // content, where `<style>` is an element like any other).
            if *switched == kind {
                self.skip(input, name, kind == RawKind::ScriptData);
            }
        }
        result
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
    use super::code_end;

    #[test]
    fn code_ends_at_its_end_tag_in_any_case() {
        assert_eq!(code_end(b"a < b</script>", b"script", true), Some(5));
        assert_eq!(code_end(b"x</SCRIPT\n>", b"script", true), Some(1));
        assert_eq!(code_end(b"x</Style/>", b"style", false), Some(1));
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
}
