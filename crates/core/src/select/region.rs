//! Step 2 of the selection: the main region, the element where content
//! outweighs chrome the most; how it narrows to the story's own branch when
//! a rail of teasers beside the story lifted it; and the ways it widens: to
//! all the sections of a page built of sections, to the whole series when it
//! is one card of alike cards (a shop grid, an event list, the panels of a
//! tab widget), and to the question and its answers on a Q&A page.

use crate::clean::Cleaned;
use crate::dom::{Document, Edge, NodeId, Tag, Walk};
use crate::segment::{Block, BlockKind};
use crate::semantics;

use super::MIN_MAIN_TALLY;

/// Fewest alike siblings (the region's own branch included) that make a
/// series: three cards in a row are a listing, two may be a pair of columns.
const SERIES_MIN_MEMBERS: usize = 3;

/// Fewest alike siblings that make a series when each of them is content
/// by its own tally: the pages of an article split into two `page` divs,
/// where a pair of layout columns would have one chrome column.
const SERIES_MIN_CONTENT_MEMBERS: usize = 2;

/// Names of tab panels, lower case and without separators (`tab-panel`,
/// `tab_pane`, `tabContent`), besides `role="tabpanel"`: the panels of a
/// product page's tabs (description, specifications, care) are one text
/// shown a part at a time, however unequal their sizes.
const TAB_PANEL_NAMES: &[&str] = &["tabpanel", "tabpane", "tabcontent"];

/// Share of the region branch's prose (its positive votes) a sibling must
/// hold to be content even when a link box inside it (a filmstrip, a
/// related list) sinks its tally: a page of an article has about as much
/// prose as the other page, a chrome column next to an article has little
/// (measured on big9-chaos: 0.2 -0.0001, 0.3 +0.0011, 0.4 and 0.5 equal,
/// 0.75 -0.0014; 0.3 is one page's peak, 0.5 the middle of the plateau).
const SERIES_CONTENT_SHARE: f32 = 0.5;

/// How many levels above the region a series member may be: a card holds
/// its text a few wrappers deep (`li > div.card > div.body > p`).
const SERIES_MAX_DEPTH: usize = 5;

/// Most times a series member may out- or under-weigh the region's branch in
/// words and still be alike: cards of a listing are of one size, while a
/// page's header, body and footer rows are not.
const SERIES_SIZE_RATIO: f32 = 4.0;

/// Evidence at or under which an element is named as chrome (a sidebar, a
/// footer): it is the main region only when nothing else is (see
/// [`main_region`]).
const REGION_MIN_EVIDENCE: f32 = -2.0;

/// Share of a chrome-named region's tally that the best other element must
/// reach to replace it: less is a scrap, and the chrome-named element is
/// the content after all (a misnamed wrapper). Low, because a blog's
/// sidebar of "About" prose often holds several times a short post's words
/// (measured with the in-chrome test of [`main_region`]: 0.5 and 0.35
/// bring little, 0.2 dragnet +0.0062 and wcxb +0.0046, 0.1 dragnet +0.0096;
/// 0.05 costs cleaneval 0.0022 and trafilatura-eval 0.0033).
const CHROME_REGION_SHARE: f32 = 0.1;

/// Bit of [`main_region`]'s per-element state: the element was opened (an
/// element, not removed), so its sums count.
const COUNTED: u8 = 1;
/// Bit of [`main_region`]'s per-element state: the element is (inside) a
/// container named as chrome.
const IN_CHROME: u8 = 2;

/// The main region and the per-element sums it was chosen from.
pub(super) struct Region {
    /// The element with the highest tally.
    pub(super) id: NodeId,
    /// Its tally.
    pub(super) tally: f32,
    /// Per element: words in its subtree.
    pub(super) words: Vec<f32>,
    /// Per element: the sum of its subtree's votes.
    pub(super) tallies: Vec<f32>,
    /// Per element: the sum of its subtree's positive votes (its prose).
    pub(super) prose: Vec<f32>,
}

/// The element with the highest tally of votes in its subtree, with that
/// tally, the words, the tallies and the prose (positive votes) in every
/// element's subtree. Ties go to the deeper
/// element (the tighter region).
pub(super) fn main_region(
    doc: &Document,
    cleaned: &Cleaned,
    blocks: &[Block],
    votes: &[f32],
) -> Option<Region> {
    let mut tally = vec![0.0f32; doc.len()];
    // The sum of the positive votes only: how much prose a subtree holds,
    // whatever chrome hangs in it.
    let mut prose = vec![0.0f32; doc.len()];
    // The tally without the content votes of blocks in chrome-named
    // containers (see `IN_CHROME`): how an element fares on its own text.
    let mut own = vec![0.0f32; doc.len()];
    let mut words = vec![0.0f32; doc.len()];
    // Per element, set when it is opened: [`COUNTED`], and [`IN_CHROME`]
    // when it is (inside) a container named as chrome: named so itself, or
    // a wrapper under one that is not named as content on balance (a
    // `textwidget` or `widget-content` box in a sidebar keeps the
    // sidebar's verdict; a `main` misnested in a `#header` does not), or a
    // part of a comment in it. Nodes not counted (text, removed elements)
    // add nothing when they close.
    let mut state = vec![0u8; doc.len()];
    for (block, &v) in blocks.iter().zip(votes) {
        let i = block.owner.index();
        // Customer reviews are prose but never the content (see
        // [`keep_thread_replies`]): they must not pull the region to them.
        let v = if cleaned.in_reviews[i] { v.min(0.0) } else { v };
        tally[i] += v;
        prose[i] += v.max(0.0);
        words[i] += block.stats.words;
    }
    let mut best: Option<(NodeId, f32)> = None;
    // The element with the best `own` tally that is not named as chrome.
    let mut best_own: Option<(NodeId, f32)> = None;
    doc.walk(doc.body(), |edge| match edge {
        Edge::Open(id) => {
            if doc.element(id).is_none() || cleaned.is_removed(id) {
                return Walk::SkipChildren;
            }
            let i = id.index();
            let in_chrome = is_chrome(cleaned, id)
                || ((cleaned.evidence[i] < 0.0 || cleaned.in_comments[i])
                    && doc.parent(id).is_some_and(|p| state[p.index()] & IN_CHROME != 0));
            state[i] = if in_chrome { COUNTED | IN_CHROME } else { COUNTED };
            // Only the element's own blocks are summed yet (its children
            // add theirs when they close): in chrome, only their chrome
            // votes (`tally - prose`) count.
            own[i] = if in_chrome { tally[i] - prose[i] } else { tally[i] };
            Walk::Continue
        }
        Edge::Close(id) => {
            let st = state[id.index()];
            if st != 0 {
                let (t, o) = (tally[id.index()], own[id.index()]);
                if best.is_none_or(|(_, b)| t > b) {
                    best = Some((id, t));
                }
                if st & IN_CHROME == 0 && best_own.is_none_or(|(_, b)| o > b) {
                    best_own = Some((id, o));
                }
                if let Some(parent) = doc.parent(id) {
                    tally[parent.index()] += t;
                    prose[parent.index()] += prose[id.index()];
                    own[parent.index()] += o;
                    words[parent.index()] += words[id.index()];
                }
            }
            Walk::Continue
        }
    });
    // A region in a container named as chrome (a sidebar whose "About us"
    // prose outweighs a short post) gives way to the best element on its
    // own text, if that one is no mere scrap of it.
    let region = match (best, best_own) {
        (Some(b), Some(e))
            if state[b.0.index()] & IN_CHROME != 0
                && e.1 >= MIN_MAIN_TALLY
                && e.1 >= CHROME_REGION_SHARE * b.1 =>
        {
            Some(e)
        }
        _ => best,
    };
    region.map(|(id, t)| Region {
        id,
        tally: t,
        words,
        tallies: tally,
        prose,
    })
}

/// True for an element in a container named as chrome (see
/// [`REGION_MIN_EVIDENCE`]).
pub(super) fn is_chrome(cleaned: &Cleaned, id: NodeId) -> bool {
    cleaned.evidence[id.index()] <= REGION_MIN_EVIDENCE
}

/// Share of the region's tally that the branch holding the headline must
/// hold for the region to narrow to it: the story then outweighs all that
/// sits beside it (measured: 0.3 to 0.6 give big9-chaos the same +0.0044;
/// 0.5 is the middle of the plateau and the only value that loses nothing
/// anywhere; 0.2 loses readability-tests and trafilatura-eval, 0.75 gains
/// half as much).
const HEADLINE_BRANCH_SHARE: f32 = 0.5;

/// The child of the region that holds the page's one `h1` (headline) and
/// at least [`HEADLINE_BRANCH_SHARE`] of the region's tally, when there is
/// one; else the region. A story keeps its text together with its headline,
/// while a rail of teasers beside it (per card a linked title, a date and a
/// one-line blurb) reads as prose and lifts the region one level up, to the
/// page's whole content area. Regions with no `h1`, or with several in
/// different branches (a listing of headlines), stay as they are.
pub(super) fn narrow_to_headline_branch(
    doc: &Document,
    blocks: &[Block],
    region: NodeId,
    tallies: &[f32],
) -> NodeId {
    let mut branch = None;
    for b in blocks {
        if b.kind != BlockKind::Heading(1) {
            continue;
        }
        // The region's child on the way up from the headline, if the
        // headline is below the region at all.
        let Some(child) = std::iter::once(b.owner)
            .chain(doc.ancestors(b.owner))
            .find(|&a| doc.parent(a) == Some(region))
        else {
            continue;
        };
        if branch.is_some_and(|c| c != child) {
            return region;
        }
        branch = Some(child);
    }
    match branch {
        Some(c) if tallies[c.index()] >= HEADLINE_BRANCH_SHARE * tallies[region.index()] => c,
        _ => region,
    }
}

/// The list holding the region when the region is one item of a series:
/// on listing, shop, event and forum pages every card or post is short and
/// link-rich, so the best-scoring subtree is often one card's blurb while
/// the page's content is the whole list. Walks up at most
/// [`SERIES_MAX_DEPTH`] levels looking for a branch with at least
/// [`SERIES_MIN_MEMBERS`] siblings of the same kind and size (see
/// [`alike`]).
pub(super) fn widen_to_series(
    doc: &Document,
    cleaned: &Cleaned,
    region: NodeId,
    words: &[f32],
    tally: &[f32],
    prose: &[f32],
) -> NodeId {
    let mut member = region;
    for _ in 0..SERIES_MAX_DEPTH {
        let Some(parent) = doc.parent(member) else {
            break;
        };
        if parent == doc.body() || doc.element(parent).is_none() {
            break;
        }
        let w = words[member.index()];
        let tab = is_tab_panel(doc, member);
        let (mut members, mut content_members) = (0, 0);
        for c in doc.children(parent) {
            if !cleaned.is_removed(c)
                && alike_components(doc, c, member)
                && (tab
                    || (words[c.index()] * SERIES_SIZE_RATIO >= w
                        && words[c.index()] <= w * SERIES_SIZE_RATIO))
            {
                members += 1;
                content_members += usize::from(
                    tally[c.index()] > 0.0
                        || (prose[c.index()] > 0.0
                            && prose[c.index()] >= SERIES_CONTENT_SHARE * prose[member.index()]),
                );
            }
        }
        if members >= SERIES_MIN_MEMBERS
            || content_members >= SERIES_MIN_CONTENT_MEMBERS
            || (tab && members >= SERIES_MIN_CONTENT_MEMBERS)
        {
            return parent;
        }
        member = parent;
    }
    region
}

/// How many times the region's tally its parent's content children (not
/// named as chrome, not comments, each counted when its tally is positive)
/// must hold together for the parent to be the region (measured: 2 to 3
/// equal, wcxb +0.0012 and no other corpus moves; 1.5 costs cleaneval
/// 0.0013, 4 gains nothing).
const SECTIONS_MIN_RATIO: f32 = 2.0;

/// The region's parent when the region is one section of a page built of
/// sections: a landing or service page stacks a hero, feature bands and
/// testimonials as siblings, and a long mega-menu and link-column footer
/// sink the tally of every element holding them all, so the best subtree
/// is the one band with the most prose. When the region's siblings with
/// content of their own weigh as much as the region (see
/// [`SECTIONS_MIN_RATIO`]), the page's content is all of them; the parent's
/// menus and footers are then dropped block by block by their scores.
pub(super) fn widen_to_sections(doc: &Document, cleaned: &Cleaned, region: NodeId, tally: &[f32]) -> NodeId {
    let Some(parent) = doc.parent(region).filter(|&p| doc.element(p).is_some()) else {
        return region;
    };
    let sections: f32 = doc
        .children(parent)
        .filter(|&c| {
            doc.element(c).is_some()
                && !cleaned.is_removed(c)
                && !is_chrome(cleaned, c)
                && !cleaned.in_comments[c.index()]
        })
        .map(|c| tally[c.index()].max(0.0))
        .sum();
    if sections >= SECTIONS_MIN_RATIO * tally[region.index()] {
        parent
    } else {
        region
    }
}

/// Name tokens of a Q&A page's answers, and of its question.
const ANSWERS_TOKENS: &[&str] = &["answer", "answers"];
const QUESTION_TOKENS: &[&str] = &["question"];

/// The parent of the answers when the region is (in) a Q&A page's answers
/// and the question, with some prose, is a sibling before them: the answers
/// outweigh a short question, but the question is what they answer.
pub(super) fn widen_to_question(doc: &Document, cleaned: &Cleaned, region: NodeId, prose: &[f32]) -> NodeId {
    let mut answers = region;
    for _ in 0..=SERIES_MAX_DEPTH {
        let Some(parent) = doc.parent(answers) else {
            break;
        };
        if parent == doc.body() {
            break;
        }
        let named_answers = doc
            .element(answers)
            .is_some_and(|e| semantics::has_name_token(e, ANSWERS_TOKENS));
        let question_before = || {
            doc.children(parent).take_while(|&c| c != answers).any(|c| {
                !cleaned.is_removed(c)
                    && prose[c.index()] > 0.0
                    && doc
                        .element(c)
                        .is_some_and(|e| semantics::has_name_token(e, QUESTION_TOKENS))
            })
        };
        if named_answers && question_before() {
            return parent;
        }
        answers = parent;
    }
    region
}

/// True when two elements are of one kind: same tag and same first class
/// name (cards carry per-item classes after the shared one, such as
/// `product post-553 instock`). Without a class, the ids must agree but for
/// their digits: `post-1` and `post-2` are items, while `#alpha`, `#beta`
/// and `#gamma` are the columns of a layout.
pub(super) fn alike(doc: &Document, a: NodeId, b: NodeId) -> bool {
    let (Some(x), Some(y)) = (doc.element(a), doc.element(b)) else {
        return false;
    };
    if x.tag != y.tag || (x.tag == Tag::Other && x.name() != y.name()) {
        return false;
    }
    match (first_class(x), first_class(y)) {
        (None, None) => id_stem(x) == id_stem(y),
        (cx, cy) => cx == cy,
    }
}

/// [`alike`], or of one tag with one's first class among the other's class
/// names: a page builder's components put their own name first and the
/// shared one after (`course-outline component-container`).
fn alike_components(doc: &Document, a: NodeId, b: NodeId) -> bool {
    alike(doc, a, b)
        || match (doc.element(a), doc.element(b)) {
            (Some(x), Some(y)) if x.tag == y.tag && x.tag != Tag::Other => {
                first_class(x).is_some_and(|cx| has_class(y, cx))
                    || first_class(y).is_some_and(|cy| has_class(x, cy))
            }
            _ => false,
        }
}

/// True when `name` is one of the element's class names.
fn has_class(e: &crate::dom::Element, name: &str) -> bool {
    e.attr("class")
        .is_some_and(|c| c.split_ascii_whitespace().any(|n| n == name))
}

/// True for a tab panel (see [`TAB_PANEL_NAMES`]).
fn is_tab_panel(doc: &Document, id: NodeId) -> bool {
    let Some(e) = doc.element(id) else {
        return false;
    };
    e.attr("role")
        .is_some_and(|r| r.trim().eq_ignore_ascii_case("tabpanel"))
        || e.attr("class").is_some_and(|c| {
            c.split_ascii_whitespace().any(|name| {
                let squashed: String = name
                    .chars()
                    .filter(char::is_ascii_alphabetic)
                    .map(|c| c.to_ascii_lowercase())
                    .collect();
                TAB_PANEL_NAMES.iter().any(|t| squashed.contains(t))
            })
        })
}

/// An element's id without its digits.
fn id_stem(e: &crate::dom::Element) -> Option<&str> {
    e.attr("id")
        .map(|id| id.trim_matches(|c: char| c.is_ascii_digit()))
}

/// The first class name of an element.
fn first_class(e: &crate::dom::Element) -> Option<&str> {
    e.attr("class").and_then(|c| c.split_ascii_whitespace().next())
}
