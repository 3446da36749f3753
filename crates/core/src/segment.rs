//! Stage 4, segment: cut the page into text blocks.
//!
//! A block is a run of text that a browser shows without a break: a
//! paragraph, a heading, a list item, a table cell. Block-level elements start
//! and end blocks; inline elements (links, emphasis, spans) run on inside
//! them. Each block keeps what the scorer needs: its words, the words inside
//! links, punctuation, and the element that holds it (its *owner*) for the
//! ancestry. This is the unit of Kohlschütter et al.'s text-density model.

use std::borrow::Cow;
use std::ops::Range;

use crate::clean::Cleaned;
use crate::dom::{Document, Edge, NodeData, NodeId, Tag, Walk};
use crate::words::{self, is_ascii_space, TextStats};

/// What kind of text a block is, which decides how it is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    /// A paragraph (`p`, or text in a `blockquote`, `address`…).
    Paragraph,
    /// Loose text in a container (`div`, `section`, `body`…).
    Text,
    /// `h1`…`h6`, with the level.
    Heading(u8),
    /// A list item (`li`, `dt`, `dd`).
    ListItem,
    /// A table cell; `row` is its `tr`.
    TableCell {
        /// The table row holding the cell.
        row: Option<NodeId>,
    },
    /// Preformatted text (`pre`): kept verbatim.
    Preformatted,
    /// A caption of a figure or table.
    Caption,
}

/// One text block of the page.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    /// The text, whitespace collapsed (except in preformatted blocks); `\n`
    /// where the page had a `<br>`.
    pub text: String,
    /// How the block renders.
    pub kind: BlockKind,
    /// The nearest block-level element holding the text.
    pub owner: NodeId,
    /// Word and punctuation counts of `text`.
    pub stats: TextStats,
    /// Word-equivalents of the text inside links.
    pub link_words: f32,
    /// Where the block's nodes sit in the walk of [`segment`]: positions of
    /// its [`Edge::Open`] edges, counted from 0 at the walk's top (`<body>`),
    /// removed subtrees entered but not descended. The structured renderers
    /// (`crate::render`) find the block's markup there.
    pub span: Range<u32>,
}

impl Block {
    /// Share of the block's words that are link text, 0 to 1.
    pub(crate) fn link_density(&self) -> f32 {
        if self.stats.words > 0.0 {
            (self.link_words / self.stats.words).min(1.0)
        } else {
            0.0
        }
    }
}

/// The block being filled during the walk.
#[derive(Default)]
struct Pending {
    text: String,
    link_words: f32,
    space: bool,
    /// Walk position where the block began.
    start: u32,
}

/// Segments the visible text under `<body>` into blocks, in document order.
pub(crate) fn segment(doc: &Document, cleaned: &Cleaned) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut pending = Pending::default();
    let body = doc.body();
    let mut owners: Vec<NodeId> = vec![body];
    let mut link_depth = 0u32;
    let mut pre_depth = 0u32;
    // Walk position of the next `Open` edge (see `Block::span`).
    let mut seq = 0u32;
    doc.walk(body, |edge| match edge {
        Edge::Open(id) => match doc.data(id) {
            NodeData::Text(text) => {
                seq += 1;
                if !cleaned.is_removed(id) {
                    append_text(&mut pending, text, link_depth > 0, pre_depth > 0);
                }
                Walk::Continue
            }
            NodeData::Element(element) => {
                seq += 1;
                if cleaned.is_removed(id) {
                    return Walk::SkipChildren;
                }
                if element.tag.is_block() && id != body {
                    flush(doc, &mut pending, &owners, pre_depth > 0, seq - 1, &mut blocks);
                    owners.push(id);
                }
                match element.tag {
                    Tag::A => link_depth += 1,
                    Tag::Pre => pre_depth += 1,
                    Tag::Br => {
                        pending.text.truncate(pending.text.trim_end_matches(' ').len());
                        pending.text.push('\n');
                        pending.space = false;
                    }
                    _ => {}
                }
                Walk::Continue
            }
            _ => {
                seq += 1;
                Walk::SkipChildren
            }
        },
        Edge::Close(id) => {
            if let Some(element) = doc.element(id) {
                if cleaned.is_removed(id) {
                    return Walk::Continue;
                }
                if element.tag.is_block() && id != body {
                    flush(doc, &mut pending, &owners, pre_depth > 0, seq, &mut blocks);
                    owners.pop();
                }
                match element.tag {
                    Tag::A => link_depth = link_depth.saturating_sub(1),
                    Tag::Pre => pre_depth = pre_depth.saturating_sub(1),
                    _ => {}
                }
            }
            Walk::Continue
        }
    });
    flush(doc, &mut pending, &owners, false, seq, &mut blocks);
    blocks
}

/// Adds a text node's text to the pending block, collapsing whitespace
/// outside `<pre>`.
///
/// Link text is counted once appended: the words are the same (only runs
/// of whitespace are collapsed or dropped, and a run of whitespace ends a
/// word as one space does), and the page's indentation is not read again.
fn append_text(pending: &mut Pending, text: &str, in_link: bool, in_pre: bool) {
    let before = pending.text.len();
    if in_pre {
        pending.text.push_str(text);
    } else {
        append_words(pending, text);
    }
    if in_link {
        pending.link_words += words::count(&pending.text[before..]);
    }
}

/// Adds the words of `text` to the pending block, one space between them:
/// words are split at whitespace as `char::is_whitespace` has it, read
/// from the bytes (see [`space_len`]) rather than char by char.
fn append_words(pending: &mut Pending, text: &str) {
    let bytes = text.as_bytes();
    let mut at = 0;
    loop {
        let gap = at;
        loop {
            while bytes.get(at).is_some_and(|&b| is_ascii_space(b)) {
                at += 1;
            }
            match space_len(text, at) {
                Some(len) => at += len,
                None => break,
            }
        }
        pending.space |= at > gap;
        if at == bytes.len() {
            break;
        }
        // Words one plain space apart are appended as one run: word by
        // word would write the same single space between them.
        let end = run_end(text, at);
        push_word(pending, &text[at..end]);
        at = end;
    }
}

/// Bytes [`run_end`] tests at once: a fixed-size block the compiler turns
/// into vector compares.
const RUN_BLOCK: usize = 16;

/// Where the run of words that starts at `at` (at a char that is no
/// whitespace) ends: at the end of `text`, or at the first whitespace char
/// that is not a plain space followed by a char that is no whitespace.
///
/// Blocks without a byte that [`may_end_run`] are passed over whole: the
/// single spaces between the words of a line no longer stop the scan (a
/// loop that stopped at every space mispredicted its exit once a word).
fn run_end(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    // The end of the text counts as whitespace after a space.
    let may_end_at = |at: usize| may_end_run(bytes[at], bytes.get(at + 1).copied().unwrap_or(b'\n'));
    loop {
        while let Some(window) = bytes.get(at..at + RUN_BLOCK + 1) {
            let (block, next) = (&window[..RUN_BLOCK], &window[1..]);
            if block
                .iter()
                .zip(next)
                .fold(false, |hit, (&b, &n)| hit | may_end_run(b, n))
            {
                break;
            }
            at += RUN_BLOCK;
        }
        // To the first byte that may end the run, then the exact test.
        while at < bytes.len() && !may_end_at(at) {
            at += 1;
        }
        let Some(&b) = bytes.get(at) else {
            return at;
        };
        match space_len(text, at) {
            // A char above ASCII that is no whitespace: the word goes on.
            None => at += 1,
            // A space before a word: the run goes on.
            Some(_) if b == b' ' && at + 1 < bytes.len() && space_len(text, at + 1).is_none() => at += 1,
            Some(_) => return at,
        }
    }
}

/// True when byte `b`, followed by byte `next`, may end a run of words:
/// it may start whitespace other than a plain space, or it is a space and
/// `next` may start whitespace. Written with `&` and `|`, not `&&`, so that
/// block scans vectorise.
fn may_end_run(b: u8, next: u8) -> bool {
    (may_start_space(b) & (b != b' ')) | ((b == b' ') & may_start_space(next))
}

/// The length in bytes of the whitespace char (`char::is_whitespace`)
/// starting at byte `at` of `text`; `None` at the end, inside
/// a char, or at any other char. Whitespace above ASCII starts with one of
/// [`SPACE_LEAD_BYTES`]: the bytes of other chars are told apart without
/// decoding them.
fn space_len(text: &str, at: usize) -> Option<usize> {
    let &b = text.as_bytes().get(at)?;
    if b < 0x80 {
        return is_ascii_space(b).then_some(1);
    }
    if !SPACE_LEAD_BYTES.contains(&b) {
        return None;
    }
    let c = text[at..].chars().next()?;
    c.is_whitespace().then(|| c.len_utf8())
}

/// The first bytes, in UTF-8, of the whitespace chars above ASCII: U+0085
/// and U+00A0 (`C2`), U+1680 (`E1`), U+2000 to U+205F (`E2`) and U+3000
/// (`E3`).
const SPACE_LEAD_BYTES: [u8; 4] = [0xC2, 0xE1, 0xE2, 0xE3];

/// True for a byte that may start a whitespace char: the ASCII ones and
/// [`SPACE_LEAD_BYTES`]. Written with `&` and `|` so that block scans
/// vectorise.
fn may_start_space(b: u8) -> bool {
    is_ascii_space(b) | (b == 0xC2) | (0xE1..=0xE3).contains(&b)
}

/// Adds one word to the pending block, after a space when whitespace came
/// before it (but not at the start of a line).
fn push_word(pending: &mut Pending, word: &str) {
    if pending.space && !pending.text.is_empty() && !pending.text.ends_with('\n') {
        pending.text.push(' ');
    }
    pending.space = false;
    pending.text.push_str(word);
}

/// Closes the pending block at walk position `at`: trims it and, if it has
/// any word, stores it. The next block begins at `at`.
///
/// The pending text's buffer is kept for the next block and each block
/// gets a copy of its text at its final size: grown from empty for every
/// block, its buffer would be reallocated several times over.
fn flush(
    doc: &Document,
    pending: &mut Pending,
    owners: &[NodeId],
    in_pre: bool,
    at: u32,
    blocks: &mut Vec<Block>,
) {
    let start = std::mem::replace(&mut pending.start, at);
    let link_words = std::mem::take(&mut pending.link_words);
    pending.space = false;
    let text: Cow<'_, str> = if in_pre {
        Cow::Borrowed(pending.text.trim_matches('\n').trim_end())
    } else if !pending.text.contains('\n') {
        // `append_text` writes single spaces between words only, so a
        // one-line text is already trimmed.
        Cow::Borrowed(&pending.text)
    } else {
        Cow::Owned(
            (pending.text.lines())
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n"),
        )
    };
    let stats = words::stats(&text);
    if stats.words != 0.0 {
        let owner = owners.last().copied().unwrap_or(doc.root());
        blocks.push(Block {
            kind: kind_of(doc, owner, in_pre),
            text: text.into_owned(),
            owner,
            stats,
            link_words: link_words.min(stats.words),
            span: start..at,
        });
    }
    pending.text.clear();
}

/// The kind of a block held by `owner`.
fn kind_of(doc: &Document, owner: NodeId, in_pre: bool) -> BlockKind {
    if in_pre {
        return BlockKind::Preformatted;
    }
    match doc.tag(owner) {
        Some(Tag::Li | Tag::Dt | Tag::Dd) => BlockKind::ListItem,
        Some(Tag::Td | Tag::Th) => BlockKind::TableCell {
            row: doc.ancestors(owner).find(|&a| doc.tag(a) == Some(Tag::Tr)),
        },
        Some(Tag::Figcaption | Tag::Caption) => BlockKind::Caption,
        Some(Tag::P | Tag::Blockquote | Tag::Address) => BlockKind::Paragraph,
        Some(tag) => match tag.heading_level() {
            Some(level) => BlockKind::Heading(level),
            None => BlockKind::Text,
        },
        None => BlockKind::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::random_texts;

    /// The rule [`append_words`] reads from the bytes, char by char.
    fn append_words_by_chars(pending: &mut Pending, text: &str) {
        let mut rest = text;
        loop {
            let word_start = rest.trim_start();
            pending.space |= word_start.len() < rest.len();
            if word_start.is_empty() {
                break;
            }
            let end = word_start.find(char::is_whitespace).unwrap_or(word_start.len());
            push_word(pending, &word_start[..end]);
            rest = &word_start[end..];
        }
    }

    #[test]
    fn long_runs_are_appended_as_by_the_char_rule() {
        // Runs longer than the block scan's blocks, with every kind of
        // whitespace and the chars that share its lead bytes, at random
        // offsets from a block's end.
        let pool = "abcdefghijklmnopqrstuvwxyzABCDEFGH0123456789         \t\n\r\u{b}\u{c}\u{a0}\u{85}\u{2003}\u{3000}\u{1680}’—«é日";
        for text in random_texts(pool, 4 * RUN_BLOCK, 5_000) {
            for start in ["", "line\n", "word"] {
                let (mut bytes, mut chars) = (Pending::default(), Pending::default());
                bytes.text.push_str(start);
                chars.text.push_str(start);
                append_words(&mut bytes, &text);
                append_words_by_chars(&mut chars, &text);
                assert_eq!(
                    (&bytes.text, bytes.space),
                    (&chars.text, chars.space),
                    "{start:?} + {text:?}"
                );
            }
        }
    }

    #[test]
    fn may_start_space_is_the_ascii_spaces_and_the_lead_bytes() {
        for b in 0..=u8::MAX {
            let expected = is_ascii_space(b) || SPACE_LEAD_BYTES.contains(&b);
            assert_eq!(may_start_space(b), expected, "{b:#x}");
        }
    }

    #[test]
    fn words_are_appended_as_by_the_char_rule() {
        let runs = [
            "",
            "   ",
            "one",
            "  two words  ",
            "\ttab\x0bvt\x0cff\rcr\nlf ",
            "end of line",
            "x",
            "a b  c\td e\n f g ",
            " two  spaces then one space",
            "\u{a0}no-break\u{a0}spaces \u{a0}",
            "naïve café, déjà vu",
            "em\u{2003}space and\u{3000}ideographic",
            "Привет мир",
            "x\u{85}y\u{2028}z\u{205f}",
            "zero\u{200b}width joins",
            "日本語 のテキスト",
            "\u{1680}ogham",
        ];
        // Every pair of runs, from an empty block and after a line break.
        for first in runs {
            for second in runs {
                for start in ["", "line\n", "word"] {
                    let (mut bytes, mut chars) = (Pending::default(), Pending::default());
                    bytes.text.push_str(start);
                    chars.text.push_str(start);
                    for run in [first, second] {
                        append_words(&mut bytes, run);
                        append_words_by_chars(&mut chars, run);
                    }
                    assert_eq!(
                        (&bytes.text, bytes.space),
                        (&chars.text, chars.space),
                        "{start:?} + {first:?} + {second:?}"
                    );
                }
            }
        }
    }
}
