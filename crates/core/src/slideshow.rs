//! Slideshows inside an article: a photo gallery whose every slide carries a
//! counter ("3 of 23") and a caption. Their captions describe the photos, not
//! the story, and the corpora's golds leave the whole gallery out; a single
//! `<figure>` with its caption stays part of the article.

use crate::dom::{Document, NodeId};
use crate::segment::Block;

/// Counters an element must hold to be a slideshow: fewer is a figure or two
/// with a "1 of 2" aside.
const SLIDESHOW_MIN_SLIDES: usize = 3;

/// Marks the blocks inside a slideshow: the smallest element that holds at
/// least [`SLIDESHOW_MIN_SLIDES`] slide counters and all of the counters
/// under it.
pub(crate) fn slideshow_blocks(doc: &Document, blocks: &[Block]) -> Vec<bool> {
    let mut inside = vec![false; blocks.len()];
    let counters: Vec<NodeId> = blocks
        .iter()
        .filter(|b| is_slide_counter(&b.text))
        .map(|b| b.owner)
        .collect();
    if counters.len() < SLIDESHOW_MIN_SLIDES {
        return inside;
    }
    // Counters under each ancestor; a slideshow is an ancestor holding
    // enough of them whose children hold fewer each (its slides).
    let mut held = std::collections::HashMap::<NodeId, usize>::new();
    for &c in &counters {
        for a in doc.ancestors(c) {
            *held.entry(a).or_default() += 1;
        }
    }
    let mut shows = vec![false; doc.len()];
    for (&id, &n) in &held {
        let slides_below = doc
            .children(id)
            .any(|c| held.get(&c).copied().unwrap_or(0) >= SLIDESHOW_MIN_SLIDES);
        if n >= SLIDESHOW_MIN_SLIDES && !slides_below {
            shows[id.index()] = true;
        }
    }
    for (i, b) in blocks.iter().enumerate() {
        inside[i] = shows[b.owner.index()] || doc.ancestors(b.owner).any(|a| shows[a.index()]);
    }
    inside
}

/// True for a block that ends with a slide counter: "3 of 23", "Hide
/// Caption 3 of 23", "Hide Caption3 of 23" (inline labels run together; a
/// slash form would take dates).
fn is_slide_counter(text: &str) -> bool {
    let mut last = text.split_whitespace().rev();
    let (Some(total), Some("of"), Some(at)) = (last.next(), last.next(), last.next()) else {
        return false;
    };
    let number = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|c| c.is_ascii_digit());
    let at = &at[at.trim_end_matches(|c: char| c.is_ascii_digit()).len()..];
    number(at) && number(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slide_counters() {
        assert!(is_slide_counter(" 1 of 23"));
        assert!(!is_slide_counter("4/12"));
        assert!(!is_slide_counter("one of 23"));
        assert!(!is_slide_counter("2024/25 season"));
        assert!(!is_slide_counter("1 of 2 people"));
        assert!(is_slide_counter("Hide Caption 2 of 4"));
        assert!(is_slide_counter("Hide Caption2 of 4"));
        assert!(!is_slide_counter("of 4"));
    }
}
