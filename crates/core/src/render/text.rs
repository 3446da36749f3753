//! The kept blocks as plain text.
//!
//! One block per paragraph with a blank line between blocks; the items of a
//! list and the rows of a table each on their own line, without blank lines
//! between them; the cells of a row joined by `" | "`; `<br>` as a line
//! break; preformatted text as it was.

use crate::segment::{Block, BlockKind};

/// Separator between the cells of a table row.
const CELL_SEPARATOR: &str = " | ";

/// Renders the blocks marked in `keep` as plain text.
pub(crate) fn text(blocks: &[Block], keep: &[bool]) -> String {
    let mut out = String::new();
    let mut prev: Option<&Block> = None;
    for (block, _) in blocks.iter().zip(keep).filter(|(_, &k)| k) {
        if let Some(p) = prev {
            out.push_str(separator(p, block));
        }
        out.push_str(&block.text);
        prev = Some(block);
    }
    out
}

/// What goes between two consecutive kept blocks.
fn separator(prev: &Block, next: &Block) -> &'static str {
    match (prev.kind, next.kind) {
        (BlockKind::TableCell { row: Some(a) }, BlockKind::TableCell { row: Some(b) }) if a == b => {
            CELL_SEPARATOR
        }
        (BlockKind::TableCell { .. }, BlockKind::TableCell { .. }) => "\n",
        (BlockKind::ListItem, BlockKind::ListItem) => "\n",
        _ => "\n\n",
    }
}
