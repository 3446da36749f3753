//! Stage 6, select: find the main region and the blocks that belong to it.
//!
//! 1. Every block *votes* for the elements above it: its words times how sure
//!    the scorer is (`tanh(logit / 2)`, from -1 for chrome to +1 for
//!    content). An element's tally is the sum of the votes in its subtree.
//! 2. The **main region** is the element with the highest tally: the subtree
//!    where content outweighs chrome the most. Going up one level adds the
//!    siblings' votes, so the region grows exactly while what it takes in is
//!    more content than chrome: an article split by ads stays one region,
//!    while the comments and the "most read" box beside it stay out. When
//!    that element is one card of a series of alike cards (a shop grid, an
//!    event list), the region is the whole series.
//! 3. Inside the region, blocks are kept unless the scorer is sure they are
//!    chrome, judged without the region's own evidence (the region was
//!    chosen, its `class="post-content social-share"` has had its say).
//!    Headings, list items, cells and captions are kept when they are not
//!    link lists: they are short by nature.
//! 4. When the region kept next to nothing and the page holds a long
//!    series of alike linked items (a book's chapter index, a results page,
//!    a shop grid), that listing is the content and is kept.
//! 5. A headline just above the kept blocks is brought in: articles often
//!    keep their `h1` in a header apart from the body. The dateline and
//!    byline between them stay out (they are metadata) unless the focus is
//!    recall.

use crate::clean::Cleaned;
use crate::dom::{Document, Edge, NodeId, Tag, Walk};
use crate::options::{Focus, Options};
use crate::score::{self, Scores};
use crate::segment::{Block, BlockKind};
use crate::semantics;

/// Logit above which a block inside the main region is kept, per focus.
/// Below zero: inside the region, doubtful blocks are given the benefit of
/// the doubt.
const fn keep_logit(focus: Focus) -> f32 {
    match focus {
        Focus::Balanced => -1.5,
        Focus::Precision => 0.0,
        Focus::Recall => -3.0,
    }
}

/// Link density above which a heading, list item or cell in the region is
/// taken as navigation.
const STRUCTURAL_MAX_LINK_DENSITY: f32 = 0.5;

/// Evidence (below the region) under which even a structural block is taken
/// as chrome: it sits in a nav, share bar, related box…
const STRUCTURAL_MIN_EVIDENCE: f32 = -2.0;

/// Most words of a dateline or byline.
const DATELINE_MAX_WORDS: f32 = 15.0;

/// Evidence (below the region) under which even a dateline is chrome: it
/// sits in a comment or an overlay, not merely in an `entry-meta` box.
const DATELINE_MIN_EVIDENCE: f32 = -4.0;

/// How bylines start, in the languages of the corpora (lower case).
const BYLINE_PREFIXES: &[&str] = &[
    "by ",
    "posted ",
    "published",
    "written by",
    "updated",
    "von ",
    "par ",
    "por ",
    "di ",
    "door ",
    "av ",
    "przez ",
    "автор",
    "מאת",
    "بقلم",
    "作者",
    "来源",
    "发布",
    "文/",
];

/// How the timestamp of a post's user card starts on Q&A sites ("asked Feb
/// 22, 2022 at 14:03", "answered …", "edited …"), lower case: the card
/// says who did what when, the post's text is elsewhere.
const POST_ACTION_PREFIXES: &[&str] = &["asked ", "answered ", "edited ", "modified "];

/// How many blocks above the region a headline may be.
const HEADLINE_MAX_DISTANCE: usize = 12;

/// Tally under which the page has no main content: a few words of doubtful
/// text are no article.
const MIN_MAIN_TALLY: f32 = 3.0;

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

/// Most words a region may keep outside its comments for the comments to
/// be taken as the content (see [`keep_thread_replies`]): a post's title
/// and a short paragraph, not an article (measured: 50, 100 and 200 all
/// leave every corpus but wcxb and cleaneval unchanged).
const THREAD_MAX_OWN_WORDS: f32 = 100.0;

/// Evidence at or under which an element is named as chrome (a sidebar, a
/// footer): it is the main region only when nothing else is (see
/// [`main_region`]).
const REGION_MIN_EVIDENCE: f32 = -2.0;

/// Share of a chrome-named region's tally that the best other element must
/// reach to replace it: less is a scrap, and the chrome-named element is
/// the content after all (a misnamed wrapper).
const CHROME_REGION_SHARE: f32 = 0.5;

/// Kept words from which the confidence no longer grows with length.
const CONFIDENT_WORDS: f32 = 150.0;

/// Why a block was kept or dropped, for the explain view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Main content.
    Kept,
    /// Kept as the headline above the main region.
    Headline,
    /// The page has no main region.
    NoMainContent,
    /// Outside the main region.
    OutsideRegion,
    /// In a comment section.
    Comment,
    /// In the region, but the scorer is sure it is chrome.
    LowScore,
}

/// The selection: which blocks are main content, which are comments.
#[derive(Debug)]
pub(crate) struct Selection {
    /// Per block: part of the main text.
    pub main: Vec<bool>,
    /// Per block: why it was kept or dropped.
    pub verdicts: Vec<Verdict>,
    /// Per block: part of the comments (only filled when asked for).
    pub comments: Vec<bool>,
    /// The main region, if the page has one.
    pub region: Option<NodeId>,
    /// How sure the engine is, 0 to 1.
    pub confidence: f32,
}

/// A block's vote: its words, signed and weighted by the scorer's certainty.
fn vote(block: &Block, logit: f32) -> f32 {
    block.stats.words * (logit / 2.0).tanh()
}

/// Selects the main content; see the module doc.
pub(crate) fn select(
    doc: &Document,
    cleaned: &Cleaned,
    blocks: &[Block],
    scores: &Scores,
    options: &Options,
) -> Selection {
    let mut selection = Selection {
        main: vec![false; blocks.len()],
        verdicts: vec![Verdict::NoMainContent; blocks.len()],
        comments: vec![false; blocks.len()],
        region: None,
        confidence: 0.0,
    };
    let votes: Vec<f32> = blocks
        .iter()
        .zip(&scores.logit)
        .map(|(b, &l)| vote(b, l))
        .collect();
    let Some(Region {
        id: region,
        tally,
        words,
        tallies,
        prose,
    }) = main_region(doc, cleaned, blocks, &votes)
    else {
        return selection;
    };
    let widened = widen_to_series(doc, cleaned, region, &words, &tallies, &prose);
    let series = widened != region;
    let region = widen_to_question(doc, cleaned, widened, &prose);
    if options.comments {
        select_comments(cleaned, blocks, scores, &mut selection.comments);
    }
    if tally >= MIN_MAIN_TALLY {
        select_in_region(
            doc,
            cleaned,
            blocks,
            scores,
            options,
            region,
            series,
            &mut selection,
        );
    }
    keep_listing(doc, cleaned, blocks, &mut selection);
    if !selection.main.iter().any(|&k| k) {
        return selection;
    }
    drop_slideshows(doc, blocks, &mut selection);
    if let Some(h) = headline(doc, cleaned, blocks, &selection.main) {
        selection.main[h] = true;
        selection.verdicts[h] = Verdict::Headline;
        // The article's header between headline and body: its dateline and
        // byline are the page's metadata (`authors`, `published`), which the
        // corpora's golds leave out of the text; only recall takes them.
        if options.focus == Focus::Recall {
            keep_header_datelines(cleaned, blocks, h, &mut selection);
        }
    }
    selection.confidence = confidence(blocks, &votes, &selection.main);
    selection
}

/// Brings in the dateline and byline blocks between the headline `h` and
/// the first kept block after it.
fn keep_header_datelines(cleaned: &Cleaned, blocks: &[Block], h: usize, selection: &mut Selection) {
    let body_start = (h + 1..blocks.len())
        .find(|&i| selection.main[i])
        .unwrap_or(blocks.len());
    for (i, b) in blocks.iter().enumerate().take(body_start).skip(h + 1) {
        if is_dateline(b)
            && !cleaned.in_comments[b.owner.index()]
            && cleaned.evidence[b.owner.index()] > DATELINE_MIN_EVIDENCE
        {
            selection.main[i] = true;
            selection.verdicts[i] = Verdict::Kept;
        }
    }
}

/// Kept words outside a slideshow from which the page is a story with a
/// gallery in it, and the gallery's captions go; with fewer, the gallery is
/// what the page is about (a "behind the scenes photos" post) and stays.
const SLIDESHOW_MIN_STORY_WORDS: f32 = 200.0;

/// Drops the kept blocks of a slideshow inside a story (see
/// [`crate::slideshow`] and [`SLIDESHOW_MIN_STORY_WORDS`]).
fn drop_slideshows(doc: &Document, blocks: &[Block], selection: &mut Selection) {
    let inside = crate::slideshow::slideshow_blocks(doc, blocks);
    let story: f32 = (blocks.iter().zip(&inside).zip(&selection.main))
        .filter(|&((_, &slide), &kept)| kept && !slide)
        .map(|((b, _), _)| b.stats.words)
        .sum();
    if story < SLIDESHOW_MIN_STORY_WORDS {
        return;
    }
    for (i, slide) in inside.into_iter().enumerate() {
        if slide && selection.main[i] {
            selection.main[i] = false;
            selection.verdicts[i] = Verdict::LowScore;
        }
    }
}

/// Step 3 of the module doc: the blocks of the main region that are kept.
#[allow(clippy::too_many_arguments)]
fn select_in_region(
    doc: &Document,
    cleaned: &Cleaned,
    blocks: &[Block],
    scores: &Scores,
    options: &Options,
    region: NodeId,
    series: bool,
    selection: &mut Selection,
) {
    selection.verdicts.fill(Verdict::OutsideRegion);
    selection.region = Some(region);
    let inside = subtree_mask(doc, region);
    let in_nav = nav_mask(doc, region);
    let region_evidence = cleaned.evidence[region.index()];
    let region_in_comments = cleaned.in_comments[region.index()];
    let keep = keep_logit(options.focus);
    // Headings of the series' cards dropped in the loop (for being links).
    let mut card_titles = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let owner = block.owner.index();
        if !inside[owner] {
            selection.verdicts[i] = Verdict::OutsideRegion;
            continue;
        }
        if cleaned.in_comments[owner] && !region_in_comments {
            selection.verdicts[i] = Verdict::Comment;
            continue;
        }
        let local_evidence = cleaned.evidence[owner] - region_evidence;
        let local_logit = scores.logit[i] - region_evidence;
        let structural = matches!(
            block.kind,
            BlockKind::Heading(_)
                | BlockKind::ListItem
                | BlockKind::TableCell { .. }
                | BlockKind::Caption
                | BlockKind::Preformatted
        );
        // A structural block with a boilerplate phrase ("Posted in: News",
        // "Kommentare: 4", a "Related articles" heading) is a meta line, not
        // short text by nature: it must earn its place by its score.
        selection.main[i] = !in_nav[owner]
            && !is_post_action_line(block)
            && (local_logit > keep
                || (structural
                    && block.link_density() <= STRUCTURAL_MAX_LINK_DENSITY
                    && !score::has_boilerplate_phrase(block)
                    && local_evidence > STRUCTURAL_MIN_EVIDENCE)
                || (is_dateline(block) && local_evidence > DATELINE_MIN_EVIDENCE));
        selection.verdicts[i] = if selection.main[i] {
            Verdict::Kept
        } else {
            Verdict::LowScore
        };
        if series
            && !selection.main[i]
            && matches!(block.kind, BlockKind::Heading(_))
            && local_evidence > STRUCTURAL_MIN_EVIDENCE
            && !score::has_boilerplate_phrase(block)
        {
            card_titles.push(i);
        }
    }
    keep_thread_replies(
        cleaned,
        blocks,
        scores,
        &mut selection.main,
        &mut selection.verdicts,
    );
    drop_orphan_headings(blocks, &mut selection.main, &mut selection.verdicts);
    // In a series, a heading that is a link, directly over kept text, is a
    // card's title (the link goes to the item): it names what follows, as
    // any heading does. Not in an article: there such headings are the
    // teasers of related stories (measured: they cost big9-chaos and
    // trafilatura-eval more than they bring to wcxb).
    for &i in card_titles.iter().rev() {
        let over_text = selection.main.get(i + 1).copied().unwrap_or(false)
            && !matches!(blocks[i + 1].kind, BlockKind::Heading(_))
            && blocks[i + 1].link_density() <= STRUCTURAL_MAX_LINK_DENSITY;
        if over_text {
            selection.main[i] = true;
            selection.verdicts[i] = Verdict::Kept;
        }
    }
}

/// The main region and the per-element sums it was chosen from.
struct Region {
    /// The element with the highest tally.
    id: NodeId,
    /// Its tally.
    tally: f32,
    /// Per element: words in its subtree.
    words: Vec<f32>,
    /// Per element: the sum of its subtree's votes.
    tallies: Vec<f32>,
    /// Per element: the sum of its subtree's positive votes (its prose).
    prose: Vec<f32>,
}

/// The element with the highest tally of votes in its subtree, with that
/// tally, the words, the tallies and the prose (positive votes) in every
/// element's subtree. Ties go to the deeper
/// element (the tighter region).
fn main_region(doc: &Document, cleaned: &Cleaned, blocks: &[Block], votes: &[f32]) -> Option<Region> {
    let mut tally = vec![0.0f32; doc.len()];
    // The sum of the positive votes only: how much prose a subtree holds,
    // whatever chrome hangs in it.
    let mut prose = vec![0.0f32; doc.len()];
    // The tally without the content votes of blocks in chrome-named
    // containers: how an element fares on its own text.
    let mut own = vec![0.0f32; doc.len()];
    let mut words = vec![0.0f32; doc.len()];
    for (block, &v) in blocks.iter().zip(votes) {
        let i = block.owner.index();
        // Customer reviews are prose but never the content (see
        // [`keep_thread_replies`]): they must not pull the region to them.
        let v = if cleaned.in_reviews[i] { v.min(0.0) } else { v };
        tally[i] += v;
        prose[i] += v.max(0.0);
        own[i] += if is_chrome(cleaned, block.owner) {
            v.min(0.0)
        } else {
            v
        };
        words[i] += block.stats.words;
    }
    let mut best: Option<(NodeId, f32)> = None;
    // The element with the best `own` tally that is not named as chrome.
    let mut best_own: Option<(NodeId, f32)> = None;
    doc.walk(doc.body(), |edge| match edge {
        Edge::Open(id) => {
            if doc.element(id).is_none() || cleaned.is_removed(id) {
                Walk::SkipChildren
            } else {
                Walk::Continue
            }
        }
        Edge::Close(id) => {
            if doc.element(id).is_some() && !cleaned.is_removed(id) {
                let (t, o) = (tally[id.index()], own[id.index()]);
                if best.is_none_or(|(_, b)| t > b) {
                    best = Some((id, t));
                }
                if !is_chrome(cleaned, id) && best_own.is_none_or(|(_, b)| o > b) {
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
    // A region named as chrome (a sidebar whose "About us" prose outweighs
    // a short post) gives way to the best element on its own text, if that
    // one is no mere scrap of it.
    let region = match (best, best_own) {
        (Some(b), Some(e))
            if is_chrome(cleaned, b.0) && e.1 >= MIN_MAIN_TALLY && e.1 >= CHROME_REGION_SHARE * b.1 =>
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
fn is_chrome(cleaned: &Cleaned, id: NodeId) -> bool {
    cleaned.evidence[id.index()] <= REGION_MIN_EVIDENCE
}

/// The list holding the region when the region is one item of a series:
/// on listing, shop, event and forum pages every card or post is short and
/// link-rich, so the best-scoring subtree is often one card's blurb while
/// the page's content is the whole list. Walks up at most
/// [`SERIES_MAX_DEPTH`] levels looking for a branch with at least
/// [`SERIES_MIN_MEMBERS`] siblings of the same kind and size (see
/// [`alike`]).
fn widen_to_series(
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

/// Name tokens of a Q&A page's answers, and of its question.
const ANSWERS_TOKENS: &[&str] = &["answer", "answers"];
const QUESTION_TOKENS: &[&str] = &["question"];

/// The parent of the answers when the region is (in) a Q&A page's answers
/// and the question, with some prose, is a sibling before them: the answers
/// outweigh a short question, but the question is what they answer.
fn widen_to_question(doc: &Document, cleaned: &Cleaned, region: NodeId, prose: &[f32]) -> NodeId {
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
fn keep_listing(doc: &Document, cleaned: &Cleaned, blocks: &[Block], selection: &mut Selection) {
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
        if !inside[owner]
            || selection.main[i]
            || cleaned.in_comments[owner]
            || score::has_boilerplate_phrase(block)
        {
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
    doc.walk(doc.body(), |edge| match edge {
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
            if !out[id.index()] && id != doc.body() {
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

/// True when two elements are of one kind: same tag and same first class
/// name (cards carry per-item classes after the shared one, such as
/// `product post-553 instock`). Without a class, the ids must agree but for
/// their digits: `post-1` and `post-2` are items, while `#alpha`, `#beta`
/// and `#gamma` are the columns of a layout.
fn alike(doc: &Document, a: NodeId, b: NodeId) -> bool {
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

/// Marks the nodes of `top`'s subtree.
fn subtree_mask(doc: &Document, top: NodeId) -> Vec<bool> {
    let mut mask = vec![false; doc.len()];
    for id in doc.descendants(top) {
        mask[id.index()] = true;
    }
    mask
}

/// Marks the nodes under a `<nav>` element inside `top`'s subtree. A `<nav>`
/// is navigation by the page's own word, whatever its inner names say: the
/// columns of a mega-menu are called `menu-content-col`, and their plain
/// (link-less, script-driven) entries pass for text once the region is the
/// whole body.
fn nav_mask(doc: &Document, top: NodeId) -> Vec<bool> {
    let mut mask = vec![false; doc.len()];
    for id in doc.descendants(top) {
        if id == top {
            continue;
        }
        mask[id.index()] = doc.tag(id) == Some(Tag::Nav) || doc.parent(id).is_some_and(|p| mask[p.index()]);
    }
    mask
}

/// The page's headline when it sits just above the first kept block and the
/// kept blocks have none.
fn headline(doc: &Document, cleaned: &Cleaned, blocks: &[Block], main: &[bool]) -> Option<usize> {
    let first = main.iter().position(|&k| k)?;
    if main
        .iter()
        .zip(blocks)
        .any(|(&k, b)| k && b.kind == BlockKind::Heading(1))
    {
        return None;
    }
    let start = first.saturating_sub(HEADLINE_MAX_DISTANCE);
    let in_place = |b: &Block| {
        cleaned.evidence[b.owner.index()] > STRUCTURAL_MIN_EVIDENCE && !cleaned.in_comments[b.owner.index()]
    };
    (start..first)
        .rev()
        .find(|&i| {
            let b = &blocks[i];
            // A headline may be a link (to its own permalink), but not one in
            // the site's header (a logo in an <h1>).
            b.kind == BlockKind::Heading(1) && in_place(b) && doc.tag(b.owner) == Some(Tag::H1)
        })
        .or_else(|| {
            // Blog engines and Q&A sites title a post with an h2 or h3 (the
            // h1 is the site's name): with no h1 to bring in, a heading
            // right above the body is the title.
            let i = first.checked_sub(1)?;
            let b = &blocks[i];
            (matches!(b.kind, BlockKind::Heading(2 | 3)) && in_place(b)).then_some(i)
        })
}

/// Keeps the comments of a region that has almost nothing else: a page of
/// a forum thread past the first (or a thread whose opening post is marked
/// up as one more comment) is all replies, and the replies are its content.
/// An article with comments keeps its article: its own text is longer than
/// [`THREAD_MAX_OWN_WORDS`]. Replies are kept when they read like text, as
/// for `--comments` (see [`select_comments`]). Customer reviews are never
/// replies: a product's short description is its content however many
/// reviews follow it.
fn keep_thread_replies(
    cleaned: &Cleaned,
    blocks: &[Block],
    scores: &Scores,
    main: &mut [bool],
    verdicts: &mut [Verdict],
) {
    let replies_at: Vec<bool> = (0..blocks.len())
        .map(|i| {
            verdicts[i] == Verdict::Comment
                && scores.intrinsic[i] > 0.0
                && !cleaned.in_reviews[blocks[i].owner.index()]
        })
        .collect();
    let is_reply = |i: usize| replies_at[i];
    let mut own = 0.0;
    let mut replies = 0.0;
    for (i, b) in blocks.iter().enumerate() {
        if main[i] {
            own += b.stats.words;
        } else if is_reply(i) {
            replies += b.stats.words;
        }
    }
    if own > THREAD_MAX_OWN_WORDS || replies <= own {
        return;
    }
    for i in 0..blocks.len() {
        if is_reply(i) {
            main[i] = true;
            verdicts[i] = Verdict::Kept;
        }
    }
}

/// Drops kept headings whose next block was dropped: a heading introduces
/// what follows it, so one over a dropped link list ("More on this story",
/// "Weitere Beiträge") is part of that list, and one at the very end of the
/// region introduces nothing.
fn drop_orphan_headings(blocks: &[Block], main: &mut [bool], verdicts: &mut [Verdict]) {
    for i in (0..blocks.len()).rev() {
        if main[i]
            && matches!(blocks[i].kind, BlockKind::Heading(_))
            && !main.get(i + 1).copied().unwrap_or(false)
        {
            main[i] = false;
            verdicts[i] = Verdict::LowScore;
        }
    }
}

/// True for the timestamp line of a Q&A user card (see
/// [`POST_ACTION_PREFIXES`]): short, with a year, starting with an action.
fn is_post_action_line(block: &Block) -> bool {
    block.stats.words <= DATELINE_MAX_WORDS
        && has_year(&block.text)
        && POST_ACTION_PREFIXES.iter().any(|p| {
            block
                .text
                .get(..p.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(p))
        })
}

/// True for a short block that reads like a dateline or byline: a year in
/// it, or a byline's first word, and not a link list or boilerplate.
fn is_dateline(block: &Block) -> bool {
    if block.stats.words > DATELINE_MAX_WORDS
        || block.link_density() > STRUCTURAL_MAX_LINK_DENSITY
        || score::has_boilerplate_phrase(block)
        || is_post_action_line(block)
    {
        return false;
    }
    let lower = block.text.to_lowercase();
    BYLINE_PREFIXES.iter().any(|p| lower.starts_with(p)) || has_year(&block.text)
}

/// True when `text` holds a year from 1900 to 2099 as a number of its own.
fn has_year(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.windows(4).enumerate().any(|(i, w)| {
        w.iter().all(u8::is_ascii_digit)
            && (w.starts_with(b"19") || w.starts_with(b"20"))
            && !bytes.get(i.wrapping_sub(1)).is_some_and(u8::is_ascii_digit)
            && !bytes.get(i + 4).is_some_and(u8::is_ascii_digit)
    })
}

/// Marks the blocks of comment sections that read like text.
fn select_comments(cleaned: &Cleaned, blocks: &[Block], scores: &Scores, comments: &mut [bool]) {
    for (i, block) in blocks.iter().enumerate() {
        comments[i] = cleaned.in_comments[block.owner.index()] && scores.intrinsic[i] > 0.0;
    }
}

/// How sure the selection is: the share of all content-like votes that it
/// kept, scaled down for short results.
fn confidence(blocks: &[Block], votes: &[f32], main: &[bool]) -> f32 {
    let positive: f32 = votes.iter().map(|v| v.max(0.0)).sum();
    if positive <= 0.0 {
        return 0.0;
    }
    let kept: f32 = votes
        .iter()
        .zip(main)
        .filter(|(_, &k)| k)
        .map(|(v, _)| v.max(0.0))
        .sum();
    let words: f32 = blocks
        .iter()
        .zip(main)
        .filter(|(_, &k)| k)
        .map(|(b, _)| b.stats.words)
        .sum();
    ((kept / positive) * (words / CONFIDENT_WORDS).min(1.0).sqrt()).clamp(0.0, 1.0)
}
