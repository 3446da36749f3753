//! Step 4 of the selection: a listing as the content. On index, archive,
//! results and shop pages the content is a long series of alike linked
//! items, which the scorer drops one by one as navigation; when the main
//! region kept next to nothing, that listing is kept instead.

use crate::clean::Cleaned;
use crate::dom::{Document, Edge, NodeId, Tag, Walk};
use crate::score::Scores;
use crate::segment::Block;

use super::region::{alike, is_chrome};
use super::{drop_orphan_headings, Selection, Verdict, STRUCTURAL_MIN_EVIDENCE};

/// Fewest alike items (each holding a link with text) that make a listing:
/// a chapter index, a results page, a grid of products (measured: 3 loses
/// cleaneval 0.001, 6 loses cleaneval 0.002 on five-row tables).
const LISTING_MIN_ITEMS: usize = 4;

/// Fewest words in a listing's items for it to be the page's content.
const LISTING_MIN_WORDS: f32 = 20.0;

/// How many times the words kept by the region the listing's items must
/// hold to be added.
const LISTING_DOMINANCE: f32 = 3.0;

/// Most words the main region may have kept for a listing to be added: a
/// title and a blurb, not an article with a list of links beside it
/// (measured: without this cap, articles of 100 to 500 words took in the
/// archive or shop grid beside them, dragnet -0.002, trafilatura-eval
/// -0.005, wcxb -0.003; 30 loses cleaneval 0.001 and wcxb 0.003 on listings
/// under a 30-to-45-word intro, 80 loses wcxb 0.0015 on a shop category
/// whose gold is its 60-word intro alone).
const LISTING_MAX_KEPT_WORDS: f32 = 50.0;

/// Adds the page's listing when the main region kept little: on index,
/// archive, results and shop pages the content is a long series of alike
/// items, each mostly a link, which the scorer takes for navigation one by
/// one, so the region is a blurb beside the list (a book's index page: its
/// title and summary, then a thousand chapter links) or nothing at all.
/// The listing (see [`listing`]) is kept but for navigation, asides and
/// footers inside it, comments and boilerplate lines. When the page has a
/// region, names count too (a "more from the show" strip of teasers under a
/// short video description is not the page's content); when it has none,
/// the listing is all the page has, and a `teaser` class names its items.
pub(super) fn keep_listing(
    doc: &Document,
    cleaned: &Cleaned,
    blocks: &[Block],
    scores: &Scores,
    selection: &mut Selection,
) {
    let kept: f32 = blocks
        .iter()
        .zip(&selection.main)
        .filter(|(_, &k)| k)
        .map(|(b, _)| b.stats.words)
        .sum();
    if kept > LISTING_MAX_KEPT_WORDS {
        return;
    }
    let Some((list, words)) = listing(doc, cleaned, blocks) else {
        return;
    };
    if words < LISTING_MIN_WORDS || words < LISTING_DOMINANCE * kept {
        return;
    }
    let judge_names = selection.region.is_some();
    if !judge_names {
        selection.verdicts.fill(Verdict::OutsideRegion);
        selection.region = Some(list);
    }
    let mut inside = vec![false; doc.len()];
    for id in doc.descendants(list) {
        let chrome_tag =
            id != list && matches!(doc.tag(id), Some(Tag::Nav | Tag::Aside | Tag::Footer | Tag::Menu));
        inside[id.index()] = !chrome_tag && (id == list || doc.parent(id).is_some_and(|p| inside[p.index()]));
    }
    let list_evidence = cleaned.evidence[list.index()];
    for (i, block) in blocks.iter().enumerate() {
        let owner = block.owner.index();
        if !inside[owner] || selection.main[i] || cleaned.in_comments[owner] || scores.boilerplate[i] {
            continue;
        }
        if !judge_names || cleaned.evidence[owner] - list_evidence > STRUCTURAL_MIN_EVIDENCE {
            selection.main[i] = true;
            selection.verdicts[i] = Verdict::Kept;
        }
    }
    drop_orphan_headings(blocks, &mut selection.main, &mut selection.verdicts);
}

/// The page's listing and the words of its items: the element, outside
/// navigation, headers, footers, asides, comments and chrome-named
/// containers, whose groups of at least [`LISTING_MIN_ITEMS`] alike
/// children (see [`alike`]), each holding a link with text, hold the most
/// words.
fn listing(doc: &Document, cleaned: &Cleaned, blocks: &[Block]) -> Option<(NodeId, f32)> {
    let mut words = vec![0.0f32; doc.len()];
    let mut links = vec![0.0f32; doc.len()];
    for b in blocks {
        words[b.owner.index()] += b.stats.words;
        links[b.owner.index()] += b.link_words;
    }
    // Elements in navigation or chrome, where no listing is content.
    let mut out = vec![false; doc.len()];
    let mut best: Option<(NodeId, f32)> = None;
    let body = doc.body();
    doc.walk(body, |edge| match edge {
        Edge::Open(id) => {
            let Some(e) = doc.element(id) else {
                return Walk::SkipChildren;
            };
            if cleaned.is_removed(id) {
                return Walk::SkipChildren;
            }
            out[id.index()] = doc.parent(id).is_some_and(|p| out[p.index()])
                || matches!(
                    e.tag,
                    Tag::Nav | Tag::Header | Tag::Footer | Tag::Aside | Tag::Menu
                )
                || is_chrome(cleaned, id)
                || cleaned.in_comments[id.index()];
            Walk::Continue
        }
        Edge::Close(id) => {
            if let Some(parent) = doc.parent(id) {
                words[parent.index()] += words[id.index()];
                links[parent.index()] += links[id.index()];
            }
            // The items' words are at most the subtree's, and need links:
            // an element that cannot beat the best is not looked into.
            let i = id.index();
            if !out[i] && id != body && links[i] > 0.0 && best.is_none_or(|(_, b)| words[i] > b) {
                let w = items_words(doc, cleaned, id, &words, &links, &out);
                if w > 0.0 && best.is_none_or(|(_, b)| w > b) {
                    best = Some((id, w));
                }
            }
            Walk::Continue
        }
    });
    best
}

/// The words of `id`'s children that are items of a listing: members of a
/// group of at least [`LISTING_MIN_ITEMS`] alike children, each with a link
/// and some text, none of them chrome.
fn items_words(
    doc: &Document,
    cleaned: &Cleaned,
    id: NodeId,
    words: &[f32],
    links: &[f32],
    out: &[bool],
) -> f32 {
    // The groups: a representative, the members and their words.
    let mut groups: Vec<(NodeId, usize, f32)> = Vec::new();
    for c in doc.children(id) {
        let i = c.index();
        if cleaned.is_removed(c) || out[i] || words[i] <= 0.0 || links[i] <= 0.0 {
            continue;
        }
        match groups.iter_mut().find(|g| alike(doc, g.0, c)) {
            Some(g) => {
                g.1 += 1;
                g.2 += words[i];
            }
            None => groups.push((c, 1, words[i])),
        }
    }
    groups
        .iter()
        .filter(|g| g.1 >= LISTING_MIN_ITEMS)
        .map(|g| g.2)
        .sum()
}
