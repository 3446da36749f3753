//! Stage 6, select: find the main region and the blocks that belong to it.
//!
//! 1. Every block *votes* for the elements above it: its words times how sure
//!    the scorer is (`tanh(logit / 2)`, from -1 for chrome to +1 for
//!    content). An element's tally is the sum of the votes in its subtree.
//! 2. The **main region** is the element with the highest tally: the subtree
//!    where content outweighs chrome the most. Going up one level adds the
//!    siblings' votes, so the region grows exactly while what it takes in is
//!    more content than chrome: an article split by ads stays one region,
//!    while the comments and the "most read" box beside it stay out. A rail
//!    of teasers (title, date, blurb) reads as prose and may lift the region
//!    to the page's content area: when the branch holding the headline has
//!    at least half of that tally, the region is that branch. When the
//!    region is one section of a page of sections whose menus sink every
//!    tally above it (a landing page's bands), the region is all the
//!    sections; when it is one card of a series of alike cards (a shop
//!    grid, an event list), the region is the whole series.
//! 3. Inside the region, blocks are kept unless the scorer is sure they are
//!    chrome, judged without the region's own evidence (the region was
//!    chosen, its `class="post-content social-share"` has had its say).
//!    Headings, list items, cells and captions are kept when they are not
//!    link lists: they are short by nature. A linked heading directly over
//!    kept text is a card's title and is kept too.
//! 4. When the region kept next to nothing and the page holds a long
//!    series of alike linked items (a book's chapter index, a results page,
//!    a shop grid), that listing is the content and is kept.
//! 5. A headline just above the kept blocks is brought in: articles often
//!    keep their `h1` in a header apart from the body. A standfirst in that
//!    header (the lead paragraph) comes with it; the dateline and byline
//!    between them stay out (they are metadata) unless the focus is recall.

mod listing;
mod region;

use crate::clean::Cleaned;
use crate::dom::{Document, NodeId, Tag};
use crate::options::{Focus, Options};
use crate::phrases::Prefixes;
use crate::score::Scores;
use crate::segment::{Block, BlockKind};
use listing::keep_listing;
use region::{
    main_region, narrow_to_headline_branch, widen_to_question, widen_to_sections, widen_to_series, Region,
};

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

/// How many blocks above the region a headline may be: a shop's buy box
/// (price, rating, swatches, stock, basket and delivery links) puts a score
/// of short blocks between a product's name and its description (measured
/// against 12: big9-chaos +0.0007, webmainbench +0.0003, wcxb +0.0002,
/// dragnet and readability-tests -0.0002; 20 loses wcxb its gain, 80 costs
/// readability-tests a little more).
const HEADLINE_MAX_DISTANCE: usize = 30;

/// Fewest words of a list item that is a sentence with links (see
/// [`is_linked_sentence_item`]); measured with
/// [`LINKED_ITEM_MAX_LINK_DENSITY`] against no such exemption:
/// readability-tests +0.0011, wcxb +0.0003, cleaneval -0.0001; 4 words cost
/// dragnet a little, 8 and 12 gain less.
const LINKED_ITEM_MIN_WORDS: f32 = 6.0;

/// Largest share of a list item's words in links for it to be a sentence
/// with links (see [`is_linked_sentence_item`]); 0.7 gains less, 0.9 costs
/// dragnet 0.0002, and 1.0 (any long link) costs big9-chaos 0.0005.
const LINKED_ITEM_MAX_LINK_DENSITY: f32 = 0.8;

/// Fewest words of a heading that says something on its own ("RSM has a
/// variety of data analytics service offerings to meet your needs"), not
/// the label of a link list ("More on this story", "Related articles"):
/// kept even with nothing kept after it (measured against no such
/// exemption: wcxb +0.0011, dragnet +0.0015, big9-chaos +0.0005, cleaneval
/// +0.0006, readability-tests +0.0005, no corpus lower; 7 and 8 gain the
/// mean a little more but wcxb less, 5 and 6 cost trafilatura-eval 0.0017).
const STATEMENT_HEADING_WORDS: f32 = 10.0;

/// How the credit line under a picture starts, lower case: who took or
/// owns the photo, not what the article says. Image-specific labels only
/// ("Quelle:" also credits quotes and figures).
const CREDIT_PREFIXES: &[&str] = &[
    "©",
    "foto:",
    "fotos:",
    "photo:",
    "photos:",
    "bild:",
    "bilder:",
    "beitragsbild:",
    "titelbild:",
    "bildquelle:",
    "image:",
    "credit:",
    "photo credit",
    "crédit photo",
    "crédits photo",
];

/// Most words of a credit line: a label, a name or two and an agency.
const CREDIT_MAX_WORDS: f32 = 15.0;

/// Tally under which the page has no main content: a few words of doubtful
/// text are no article.
const MIN_MAIN_TALLY: f32 = 3.0;

/// Most words a region may keep outside its comments for the comments to
/// be taken as the content (see [`keep_thread_replies`]): a post's title
/// and a short paragraph, not an article (measured: 50, 100 and 200 all
/// leave every corpus but wcxb and cleaneval unchanged).
const THREAD_MAX_OWN_WORDS: f32 = 100.0;

/// Most words of a chrome-free page whose whole text is taken when the
/// selection found nothing (see [`keep_bare_page`]): a short note or a
/// fragment, not a page long enough to have been judged on its own.
const BARE_PAGE_MAX_WORDS: f32 = 50.0;

/// Kept words from which the confidence no longer grows with length.
const CONFIDENT_WORDS: f32 = 150.0;

/// Why a block was kept or dropped (shown by the explain view).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Verdict {
    /// Main content: in the main region and scored as content.
    Kept,
    /// Main content: the headline just above the main region.
    Headline,
    /// Dropped: the page has no main content at all.
    NoMainContent,
    /// Dropped: outside the main region (its position on the page).
    OutsideRegion,
    /// Dropped: in a comment section.
    Comment,
    /// Dropped: in the main region, but scored as chrome.
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
    let region = narrow_to_headline_branch(doc, blocks, region, &tallies);
    let region = widen_to_sections(doc, cleaned, region, &tallies);
    let widened = widen_to_series(doc, cleaned, region, &words, &tallies, &prose);
    let region = widen_to_question(doc, cleaned, widened, &prose);
    if options.comments {
        select_comments(cleaned, blocks, scores, &mut selection.comments);
    }
    if tally >= MIN_MAIN_TALLY {
        select_in_region(doc, cleaned, blocks, scores, options, region, &mut selection);
    }
    keep_listing(doc, cleaned, blocks, scores, &mut selection);
    keep_bare_page(cleaned, blocks, &mut selection);
    if !selection.main.iter().any(|&k| k) {
        return selection;
    }
    drop_slideshows(doc, blocks, &mut selection);
    if let Some(h) = headline(doc, cleaned, blocks, scores, &selection.main) {
        selection.main[h] = true;
        selection.verdicts[h] = Verdict::Headline;
        keep_standfirst(cleaned, blocks, scores, h, &mut selection);
        // The article's header between headline and body: its dateline and
        // byline are the page's metadata (`authors`, `published`), which the
        // corpora's golds leave out of the text; only recall takes them.
        if options.focus == Focus::Recall {
            keep_header_datelines(cleaned, blocks, scores, h, &mut selection);
        }
    }
    selection.confidence = confidence(blocks, &votes, &selection.main);
    selection
}

/// Logit above which a paragraph between the headline and the body is the
/// article's standfirst (its lead, teaser or `p.intro`): well-formed prose
/// that the scorer takes as content without the benefit of the region
/// (measured: 0.0 costs readability-tests 0.0009, whose golds leave
/// standfirsts out; 3.5 brings big9-chaos less; 2.0 is the best of the three).
const STANDFIRST_MIN_LOGIT: f32 = 2.0;

/// Keeps the blocks between the headline `h` and the first kept block
/// after it (the article's header, apart from the body's container) that
/// `keep` accepts, given each block's index and the block.
fn keep_in_header_gap(
    blocks: &[Block],
    h: usize,
    selection: &mut Selection,
    keep: impl Fn(usize, &Block) -> bool,
) {
    let body_start = (h + 1..blocks.len())
        .find(|&i| selection.main[i])
        .unwrap_or(blocks.len());
    for (i, block) in blocks.iter().enumerate().take(body_start).skip(h + 1) {
        if keep(i, block) {
            selection.main[i] = true;
            selection.verdicts[i] = Verdict::Kept;
        }
    }
}

/// Brings in the standfirst between the headline `h` and the first kept
/// block after it: news and magazine templates put the lead paragraph in
/// the article's header with the headline, apart from the body's
/// container, so the region (the body) leaves it out while the headline is
/// brought in. Bylines, datelines, share bars and links in that header
/// stay out: they are no prose, or not content by their score.
fn keep_standfirst(
    cleaned: &Cleaned,
    blocks: &[Block],
    scores: &Scores,
    h: usize,
    selection: &mut Selection,
) {
    keep_in_header_gap(blocks, h, selection, |i, b| {
        b.kind == BlockKind::Paragraph
            && scores.logit[i] > STANDFIRST_MIN_LOGIT
            && b.link_density() <= STRUCTURAL_MAX_LINK_DENSITY
            && !is_dateline(b, scores.boilerplate[i])
            && !cleaned.in_comments[b.owner.index()]
    });
}

/// Brings in the dateline and byline blocks between the headline `h` and
/// the first kept block after it.
fn keep_header_datelines(
    cleaned: &Cleaned,
    blocks: &[Block],
    scores: &Scores,
    h: usize,
    selection: &mut Selection,
) {
    keep_in_header_gap(blocks, h, selection, |i, b| {
        is_dateline(b, scores.boilerplate[i])
            && !cleaned.in_comments[b.owner.index()]
            && cleaned.evidence[b.owner.index()] > DATELINE_MIN_EVIDENCE
    });
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
    selection: &mut Selection,
) {
    selection.verdicts.fill(Verdict::OutsideRegion);
    selection.region = Some(region);
    let mask = region_mask(doc, region);
    let region_evidence = cleaned.evidence[region.index()];
    let region_in_comments = cleaned.in_comments[region.index()];
    let keep = keep_logit(options.focus);
    // Headings of cards dropped in the loop (for being links).
    let mut card_titles = Vec::new();
    // Tables met so far, and whether each has a header row.
    let mut headed_tables: Vec<(NodeId, bool)> = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let owner = block.owner.index();
        if mask[owner] == InRegion::Outside {
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
        selection.main[i] = mask[owner] != InRegion::InNav
            && !is_post_action_line(block)
            && !is_server_diagnostic(block)
            && !is_credit_line(block)
            && (local_logit > keep
                || (structural
                    && (block.link_density() <= STRUCTURAL_MAX_LINK_DENSITY
                        || is_linked_sentence_item(block)
                        || is_headed_data_cell(doc, block, &mut headed_tables))
                    && !scores.boilerplate[i]
                    && local_evidence > STRUCTURAL_MIN_EVIDENCE)
                || (is_dateline(block, scores.boilerplate[i]) && local_evidence > DATELINE_MIN_EVIDENCE));
        selection.verdicts[i] = if selection.main[i] {
            Verdict::Kept
        } else {
            Verdict::LowScore
        };
        if !selection.main[i]
            && matches!(block.kind, BlockKind::Heading(_))
            && local_evidence > STRUCTURAL_MIN_EVIDENCE
            && !scores.boilerplate[i]
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
    // A heading that is a link, directly over kept text, is a card's title
    // (the link goes to the item: a docs index's "Using workflow
    // templates" over its one-line summary): it names what follows, as any
    // heading does. Once only in a series, where it cost big9-chaos and
    // trafilatura-eval more than it brought to wcxb; measured again in
    // every region: wcxb +0.0023, readability-tests +0.0002, cleaneval
    // +0.0002, big9-chaos -0.0003, dragnet -0.0001, cleanportaleval
    // -0.0001. Requiring 8 words under the title keeps the losses and
    // halves the gain.
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

/// True for a list item that is a sentence carrying links, not a link: a
/// reference ("Cillessen L, Johannsen M. <a>Mindfulness-based
/// interventions</a>. 2019"), a book with its author and a note. It has at
/// least [`LINKED_ITEM_MIN_WORDS`] words and at most
/// [`LINKED_ITEM_MAX_LINK_DENSITY`] of them in links, where an entry of a
/// link list is all link.
fn is_linked_sentence_item(block: &Block) -> bool {
    block.kind == BlockKind::ListItem
        && block.stats.words >= LINKED_ITEM_MIN_WORDS
        && block.link_density() <= LINKED_ITEM_MAX_LINK_DENSITY
}

/// True for a `td` cell of a data table with a header row (`th` cells): a
/// table of winners, releases or members names each one by a link to its
/// page, and those links are the table's data, not navigation, so the cell
/// is kept whatever its link density (measured: cleaneval +0.0004,
/// readability-tests +0.0002, wcxb +0.0002, no corpus lower; without the
/// header-row test big9-chaos -0.0006 and cleaneval -0.0007, from tables
/// of links to other articles). `cache` holds the tables met so far.
fn is_headed_data_cell(doc: &Document, block: &Block, cache: &mut Vec<(NodeId, bool)>) -> bool {
    if !matches!(block.kind, BlockKind::TableCell { .. }) || doc.tag(block.owner) != Some(Tag::Td) {
        return false;
    }
    let Some(table) = doc
        .ancestors(block.owner)
        .find(|&a| doc.tag(a) == Some(Tag::Table))
    else {
        return false;
    };
    if let Some(&(_, headed)) = cache.iter().find(|(t, _)| *t == table) {
        return headed;
    }
    let headed = doc.descendants(table).any(|d| doc.tag(d) == Some(Tag::Th));
    cache.push((table, headed));
    headed
}

/// Where a node stands toward the main region (see [`region_mask`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum InRegion {
    Outside,
    Inside,
    /// Inside, under a `<nav>` element below the region's top.
    InNav,
}

/// Marks the nodes of `top`'s subtree, and those under a `<nav>` element
/// inside it, in one walk. A `<nav>` is navigation by the page's own word,
/// whatever its inner names say: the columns of a mega-menu are called
/// `menu-content-col`, and their plain (link-less, script-driven) entries
/// pass for text once the region is the whole body.
fn region_mask(doc: &Document, top: NodeId) -> Vec<InRegion> {
    let mut mask = vec![InRegion::Outside; doc.len()];
    for id in doc.descendants(top) {
        mask[id.index()] = if id != top
            && (doc.tag(id) == Some(Tag::Nav)
                || doc.parent(id).is_some_and(|p| mask[p.index()] == InRegion::InNav))
        {
            InRegion::InNav
        } else {
            InRegion::Inside
        };
    }
    mask
}

/// The page's headline when it sits just above the first kept block and the
/// kept blocks have none.
fn headline(
    doc: &Document,
    cleaned: &Cleaned,
    blocks: &[Block],
    scores: &Scores,
    main: &[bool],
) -> Option<usize> {
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
            // right above the body is the title, or right above the
            // standfirst that opens the body (see [`keep_standfirst`]).
            let mut i = first.checked_sub(1)?;
            if blocks[i].kind == BlockKind::Paragraph && scores.logit[i] > STANDFIRST_MIN_LOGIT {
                i = i.checked_sub(1)?;
            }
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

/// When nothing was kept from a page that has no chrome at all (no block
/// under a nav, header, footer, aside or a chrome-named container, none in
/// comments) and only a few words, the page's text is its content: a note,
/// a fragment, a test page (`echo '<p>Hello</p>' | dechaff`) whose words
/// are too few, or too linked, to outvote nothing. The confidence stays low.
fn keep_bare_page(cleaned: &Cleaned, blocks: &[Block], selection: &mut Selection) {
    if selection.main.iter().any(|&k| k) || blocks.is_empty() {
        return;
    }
    let words: f32 = blocks.iter().map(|b| b.stats.words).sum();
    let bare = words <= BARE_PAGE_MAX_WORDS
        && blocks.iter().all(|b| {
            let owner = b.owner.index();
            cleaned.evidence[owner] >= 0.0 && !cleaned.in_comments[owner]
        });
    if bare {
        selection.main.fill(true);
        selection.verdicts.fill(Verdict::Kept);
    }
}

/// Most dropped lines looked past after a heading (see
/// [`drop_orphan_headings`]): a share prompt and its label.
const ORPHAN_SKIP_MAX_BLOCKS: usize = 3;

/// Fewest words of a heading for dropped lines after it to be looked past:
/// a title ("Langlauf-Festival: Rekord bei den Anmeldungen"), not a
/// section label ("2 Answers") over a sort bar that belongs to it.
const ORPHAN_SKIP_MIN_HEADING_WORDS: f32 = 4.0;

/// Most words of a dropped line looked past after a heading.
const ORPHAN_SKIP_MAX_WORDS: f32 = 5.0;

/// Link density above which a dropped line after a heading is not looked
/// past: any link makes it the first item of a link list ("More on this
/// story" over its links), which the heading belongs to.
const ORPHAN_SKIP_MAX_LINK_DENSITY: f32 = 0.0;

/// Drops kept headings whose next block was dropped: a heading introduces
/// what follows it, so one over a dropped link list ("More on this story",
/// "Weitere Beiträge") is part of that list, and one at the very end of the
/// region introduces nothing. A heading of [`STATEMENT_HEADING_WORDS`]
/// words or more and no link is a statement that stands alone, and stays
/// (one with links, "Browse other questions tagged python", is furniture).
/// A share prompt or tool label between a title and its text ("Der
/// Artikel gefällt dir?", "Mit Freunden teilen") does not orphan it: such
/// dropped lines, short and no links, are looked past after a heading of
/// [`ORPHAN_SKIP_MIN_HEADING_WORDS`] or more.
fn drop_orphan_headings(blocks: &[Block], main: &mut [bool], verdicts: &mut [Verdict]) {
    for i in (0..blocks.len()).rev() {
        if !main[i] || !matches!(blocks[i].kind, BlockKind::Heading(_)) {
            continue;
        }
        if blocks[i].stats.words >= STATEMENT_HEADING_WORDS && blocks[i].link_words == 0.0 {
            continue;
        }
        let skip = if blocks[i].stats.words >= ORPHAN_SKIP_MIN_HEADING_WORDS {
            ORPHAN_SKIP_MAX_BLOCKS
        } else {
            0
        };
        let next = (i + 1..blocks.len()).take(skip + 1).find(|&j| {
            main[j]
                || verdicts[j] != Verdict::LowScore
                || blocks[j].stats.words > ORPHAN_SKIP_MAX_WORDS
                || blocks[j].link_density() > ORPHAN_SKIP_MAX_LINK_DENSITY
        });
        if !next.is_some_and(|j| main[j]) {
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

/// How PHP starts the diagnostics it prints into a page when its display is
/// left on ("Warning: Creating default object from empty value in
/// /www/htdocs/wp-includes/classes.php on line 407").
const DIAGNOSTIC_PREFIXES: &[&str] = &[
    "Warning:",
    "Notice:",
    "Deprecated:",
    "Strict Standards:",
    "Fatal error:",
    "Parse error:",
    "Catchable fatal error:",
];

/// True for a server's error message printed into the page (see
/// [`DIAGNOSTIC_PREFIXES`]): it names a script file and a line, and is
/// never the page's text, however much it reads like a sentence. Only a
/// block that starts like one is searched further.
fn is_server_diagnostic(block: &Block) -> bool {
    DIAGNOSTIC_PREFIXES.iter().any(|p| block.text.starts_with(p))
        && block.text.contains(".php")
        && block.text.contains(" on line ")
}

/// True for a picture's credit line standing as a block of its own (see
/// [`CREDIT_PREFIXES`]): `p.image-annotation`, a "Beitragsbild: …" line
/// under the text. A credit inside a figure's caption is part of that
/// caption and stays.
fn is_credit_line(block: &Block) -> bool {
    if block.kind == BlockKind::Caption || block.stats.words > CREDIT_MAX_WORDS {
        return false;
    }
    static CREDITS: Prefixes = Prefixes::new(CREDIT_PREFIXES);
    CREDITS.start(block.text.trim_start())
}

/// True for a short block that reads like a dateline or byline: a year in
/// it, or a byline's first word, and not a link list or boilerplate
/// (`boilerplate`: the scorer found a boilerplate phrase in it).
fn is_dateline(block: &Block, boilerplate: bool) -> bool {
    if block.stats.words > DATELINE_MAX_WORDS
        || block.link_density() > STRUCTURAL_MAX_LINK_DENSITY
        || boilerplate
        || is_post_action_line(block)
    {
        return false;
    }
    static BYLINES: Prefixes = Prefixes::new(BYLINE_PREFIXES);
    BYLINES.start(&block.text) || has_year(&block.text)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrases::PREFIX_MAX_BYTES;

    #[test]
    fn every_line_prefix_fits_the_head_looked_at() {
        for p in BYLINE_PREFIXES.iter().chain(CREDIT_PREFIXES) {
            assert!(!p.is_empty() && p.len() <= PREFIX_MAX_BYTES, "{p:?}");
            assert_eq!(*p, p.to_lowercase(), "prefixes are lower case");
        }
    }
}
