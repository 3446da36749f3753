//! Why each block was kept or dropped: the engine's reasoning as data, for
//! the `dechaff explain` view ([`Explanation::to_html`]) and for anyone
//! tuning the engine.
//!
//! Each block's score is split into [`Signal`]s that add up to it. The split
//! is measured, not restated: every signal of the block's own text is the
//! change in [`score::intrinsic_logit`] when that one input is taken away
//! (links, the text a boilerplate phrase is found in, the tag, sentence
//! marks), so the explanation follows the scorer as it changes.

use std::collections::HashMap;

use crate::clean::Cleaned;
use crate::dom::{self, Document, NodeId, Tag};
use crate::options::Focus;
use crate::score::{self, Scores};
use crate::segment::{Block, BlockKind};
use crate::select::Selection;
use crate::semantics;

mod view;

/// How many ancestors a block's path shows (the nearest ones).
const PATH_DEPTH: usize = 6;

/// Longest boilerplate phrase, in words, looked for when naming the phrase
/// that marked a block ("view as single page").
const PHRASE_MAX_WORDS: usize = 4;

/// The engine's reasoning over one page, block by block.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Explanation {
    /// Every text block of the page, in document order.
    pub blocks: Vec<ExplainedBlock>,
    /// The main region as a path (`"body > div#page > article.post"`), if any.
    pub region: Option<String>,
    /// The confidence of the result, 0 to 1.
    pub confidence: f32,
    /// The page title, as [`crate::Extracted::title`].
    pub title: String,
    /// The focus the page was extracted with.
    pub focus: Focus,
    /// The encoding the page was decoded with (WHATWG name).
    pub encoding: &'static str,
}

/// One text block with its signals and verdict.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ExplainedBlock {
    /// The block's text.
    pub text: String,
    /// `"paragraph"`, `"heading"`, `"list item"`, `"table cell"`,
    /// `"preformatted"`, `"caption"` or `"text"`.
    pub kind: &'static str,
    /// The block's nearest ancestors as a selector-like path.
    pub path: String,
    /// How many elements lie between `<body>` and the block's element: the
    /// block's nesting in the page's layout.
    pub depth: usize,
    /// Whether the block is in the main text.
    pub kept: bool,
    /// Why it was kept or dropped, as a value.
    pub verdict: Verdict,
    /// Why it was kept or dropped, in words.
    pub reason: &'static str,
    /// The final content logit (positive: content).
    pub score: f32,
    /// The logit from the block's own text alone.
    pub intrinsic: f32,
    /// The class/id/tag evidence of its ancestors.
    pub evidence: f32,
    /// Word-equivalents.
    pub words: f32,
    /// Share of words inside links.
    pub link_density: f32,
    /// Words per 80-character line.
    pub text_density: f32,
    /// The parts `score` is made of; they add up to it.
    pub signals: Vec<Signal>,
}

pub use crate::select::Verdict;

/// One part of a block's score.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Signal {
    /// Which signal.
    pub kind: SignalKind,
    /// What it adds to the block's logit (positive: towards content).
    pub logit: f32,
    /// What the signal saw, in words: `"3.2 words per line, 7 words"`,
    /// `"\"share\" in class \"social-share\" of div.social-share"`.
    pub detail: String,
}

/// The signals of [`Signal`], in the order of the scorer's module doc.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SignalKind {
    /// Text density and length: words per line, words (with any signal of the
    /// block's own text that the others do not name).
    TextDensity,
    /// Sentence ends and commas.
    Prose,
    /// The share of words inside links.
    LinkDensity,
    /// The block's own tag (`<p>` and `<pre>` up, list items and cells down).
    Tag,
    /// A boilerplate phrase ("All rights reserved", "Share this") in a short block.
    BoilerplatePhrase,
    /// The tag, class, id, role or microdata of the block's ancestors.
    ClassId,
    /// The scores of the blocks before and after it.
    Neighbours,
}

impl SignalKind {
    /// The signal's name in the explain view.
    pub fn label(self) -> &'static str {
        match self {
            SignalKind::TextDensity => "text density",
            SignalKind::Prose => "sentences",
            SignalKind::LinkDensity => "link density",
            SignalKind::Tag => "tag",
            SignalKind::BoilerplatePhrase => "boilerplate phrase",
            SignalKind::ClassId => "class/id",
            SignalKind::Neighbours => "neighbours",
        }
    }
}

impl Verdict {
    /// True for the verdicts that keep the block.
    pub fn is_kept(self) -> bool {
        matches!(self, Verdict::Kept | Verdict::Headline)
    }
}

/// Builds the explanation from the pipeline's intermediate results.
pub(crate) fn explain(
    doc: &Document,
    cleaned: &Cleaned,
    blocks: &[Block],
    scores: &Scores,
    selection: &Selection,
    focus: Focus,
    encoding: &'static str,
) -> Explanation {
    let mut judge = Judge::new(doc);
    let explained = blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let verdict = selection.verdicts[i];
            let evidence = cleaned.evidence[b.owner.index()];
            ExplainedBlock {
                text: b.text.clone(),
                kind: kind_name(b.kind),
                path: path(doc, b.owner),
                depth: judge.depth[b.owner.index()],
                kept: selection.main[i],
                verdict,
                reason: reason(verdict),
                score: scores.logit[i],
                intrinsic: scores.intrinsic[i],
                evidence,
                words: b.stats.words,
                link_density: b.link_density(),
                text_density: score::text_density(b),
                signals: signals(b, scores.intrinsic[i], evidence, scores.logit[i], &mut judge),
            }
        })
        .collect();
    Explanation {
        blocks: explained,
        region: selection.region.map(|r| path(doc, r)),
        confidence: selection.confidence,
        title: crate::title::title(doc, blocks, selection),
        focus,
        encoding,
    }
}

fn kind_name(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Paragraph => "paragraph",
        BlockKind::Text => "text",
        BlockKind::Heading(_) => "heading",
        BlockKind::ListItem => "list item",
        BlockKind::TableCell { .. } => "table cell",
        BlockKind::Preformatted => "preformatted",
        BlockKind::Caption => "caption",
    }
}

fn reason(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Kept => "kept: in the main region",
        Verdict::Headline => "kept: the headline above the main region",
        Verdict::NoMainContent => "dropped: the page has no main content",
        Verdict::OutsideRegion => "dropped: outside the main region",
        Verdict::Comment => "dropped: in the comments",
        Verdict::LowScore => "dropped: chrome inside the main region (low score)",
    }
}

/// `node`'s nearest ancestors as `tag#id.class` steps.
fn path(doc: &Document, node: NodeId) -> String {
    let mut steps: Vec<String> = std::iter::once(node)
        .chain(doc.ancestors(node))
        .filter_map(|id| doc.element(id).map(step))
        .take(PATH_DEPTH)
        .collect();
    steps.reverse();
    steps.join(" > ")
}

/// One element as `tag#id.class.class`.
fn step(element: &dom::Element) -> String {
    let mut step = element.name().to_owned();
    if let Some(id) = element.attr("id") {
        step.push('#');
        step.push_str(id.trim());
    }
    for class in element.attr("class").unwrap_or("").split_ascii_whitespace() {
        step.push('.');
        step.push_str(class);
    }
    step
}

/// The block's score as its parts (see the module doc). The text density
/// signal is what remains of the intrinsic logit when the others are taken
/// out, and the neighbours what remains of the final one.
fn signals(block: &Block, intrinsic: f32, evidence: f32, logit: f32, judge: &mut Judge<'_>) -> Vec<Signal> {
    let without = |change: &dyn Fn(&mut Block)| {
        let mut other = block.clone();
        change(&mut other);
        intrinsic - score::intrinsic_logit(&other)
    };
    // Each input that is already absent adds nothing: no need to ask.
    let links = if block.link_words > 0.0 {
        without(&|b| b.link_words = 0.0)
    } else {
        0.0
    };
    let phrase = if score::has_phrase_penalty(block) {
        without(&|b| b.text.clear())
    } else {
        0.0
    };
    let tag = without(&|b| b.kind = BlockKind::Text);
    let prose = if block.stats.stops + block.stats.commas > 0 {
        without(&|b| {
            b.stats.stops = 0;
            b.stats.commas = 0;
        })
    } else {
        0.0
    };
    let density = intrinsic - links - phrase - tag - prose;
    let s = &block.stats;
    let mut signals = vec![
        Signal {
            kind: SignalKind::TextDensity,
            logit: density,
            detail: format!(
                "{:.1} words per line, {}",
                score::text_density(block),
                count(round(s.words), "word")
            ),
        },
        Signal {
            kind: SignalKind::Prose,
            logit: prose,
            detail: format!(
                "{}, {}",
                count(s.stops as f32, "sentence end"),
                count(s.commas as f32, "comma")
            ),
        },
        Signal {
            kind: SignalKind::LinkDensity,
            logit: links,
            detail: format!("{:.0}% of the words are links", 100.0 * block.link_density()),
        },
        Signal {
            kind: SignalKind::Tag,
            logit: tag,
            detail: kind_name(block.kind).to_owned(),
        },
    ];
    if phrase != 0.0 {
        signals.push(Signal {
            kind: SignalKind::BoilerplatePhrase,
            logit: phrase,
            detail: boilerplate_phrase(block).map_or_else(String::new, |p| format!("{p:?}")),
        });
    }
    signals.push(Signal {
        kind: SignalKind::ClassId,
        logit: evidence,
        detail: judge.source(block.owner, evidence).unwrap_or_default(),
    });
    signals.push(Signal {
        kind: SignalKind::Neighbours,
        logit: logit - intrinsic - evidence,
        detail: "the blocks before and after it".to_owned(),
    });
    signals
}

/// `1 word`, `7 words`, `2.5 words`.
fn count(n: f32, noun: &str) -> String {
    if n == 1.0 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Rounds a word count for display (CJK counts in fractions).
fn round(words: f32) -> f32 {
    (words * 10.0).round() / 10.0
}

/// The words of `block` that hold its boilerplate phrase: the shortest run of
/// words that the scorer flags by itself.
fn boilerplate_phrase(block: &Block) -> Option<String> {
    let words: Vec<&str> = block.text.split_whitespace().collect();
    (1..=PHRASE_MAX_WORDS.min(words.len())).find_map(|n| {
        words.windows(n).map(|w| w.join(" ")).find(|candidate| {
            let mut probe = block.clone();
            probe.text = candidate.clone();
            score::has_phrase_penalty(&probe)
        })
    })
}

/// What each element inherits from its ancestors, measured in one walk of
/// the page (deep pages stay linear): its nesting depth, and which element
/// above it (or itself) is the nearest to give chrome and content evidence.
/// Also finds which attribute and name of that element gave the evidence, by
/// asking [`semantics::evidence`] about each part alone.
struct Judge<'a> {
    doc: &'a Document,
    /// Per node: elements between `<body>` and it, itself included.
    depth: Vec<usize>,
    /// Per node: inside a declared discussion thread.
    in_thread: Vec<bool>,
    /// Per node: inside an element named as a forum.
    in_forum: Vec<bool>,
    /// Per node: the nearest element, itself included, with chrome evidence
    /// of its own, and that evidence.
    chrome: Vec<Option<(NodeId, f32)>>,
    /// Per node: the same for content evidence.
    content: Vec<Option<(NodeId, f32)>>,
    /// What an element's evidence comes from (see [`attribute_source`]),
    /// by what decides it: tag, attributes, thread and sign. Pages repeat
    /// the same element (every card, every menu item) thousands of times.
    sources: HashMap<String, Option<String>>,
}

impl<'a> Judge<'a> {
    fn new(doc: &'a Document) -> Self {
        let n = doc.len();
        let mut judge = Judge {
            doc,
            depth: vec![0; n],
            in_thread: vec![false; n],
            in_forum: vec![false; n],
            chrome: vec![None; n],
            content: vec![None; n],
            sources: HashMap::new(),
        };
        judge.in_thread[doc.root().index()] = crate::clean::page_declares_thread(doc);
        let mut names = semantics::NameCache::default();
        let body = doc.body();
        doc.walk(doc.root(), |edge| {
            let dom::Edge::Open(id) = edge else {
                return dom::Walk::Continue;
            };
            let i = id.index();
            if let Some(p) = doc.parent(id) {
                let p = p.index();
                judge.depth[i] = judge.depth[p];
                judge.in_thread[i] = judge.in_thread[p];
                judge.in_forum[i] = judge.in_forum[p];
                judge.chrome[i] = judge.chrome[p];
                judge.content[i] = judge.content[p];
            }
            let Some(element) = doc.element(id) else {
                return dom::Walk::Continue;
            };
            if id == body {
                judge.depth[i] = 0;
            } else {
                judge.depth[i] += 1;
            }
            // As in `clean`: the classes of <html> and <body> describe the
            // page, they are no evidence.
            if !matches!(element.tag, Tag::Html | Tag::Body) {
                judge.in_thread[i] |= semantics::starts_thread(element);
                let own = semantics::evidence(element, judge.in_thread[i], judge.in_forum[i], &mut names);
                judge.in_forum[i] |= own.thread;
                if own.chrome != 0.0 {
                    judge.chrome[i] = Some((id, own.chrome));
                }
                if own.content != 0.0 {
                    judge.content[i] = Some((id, own.content));
                }
            }
            dom::Walk::Continue
        });
        judge
    }

    /// Where the evidence of a block held by `owner` comes from: the nearest
    /// element (the owner or an ancestor) whose own evidence has the sign of
    /// the block's, and what in it says so.
    fn source(&mut self, owner: NodeId, evidence: f32) -> Option<String> {
        let nearest = if evidence < 0.0 {
            self.chrome[owner.index()]
        } else if evidence > 0.0 {
            self.content[owner.index()]
        } else {
            None
        };
        let (id, signal) = nearest?;
        let element = self.doc.element(id)?;
        let in_thread = self.in_thread[id.index()];
        let mut key = format!("{} {in_thread} {signal}", element.name());
        for (name, value) in element.attrs() {
            if JUDGED_ATTRIBUTES.contains(&name) {
                key.push_str(&format!(" {name}={value:?}"));
            }
        }
        let source = self
            .sources
            .entry(key)
            .or_insert_with(|| attribute_source(element, in_thread, signal))
            .clone();
        let step = step(element);
        Some(match source {
            // A bare `<nav>` needs no "of nav".
            Some(what) if step == element.name() && what.starts_with("the <") => what,
            Some(what) => format!("{what} of {step}"),
            None => step,
        })
    }
}

/// The attributes that [`semantics::evidence`] reads.
const JUDGED_ATTRIBUTES: &[&str] = &["class", "id", "role", "itemprop", "itemtype"];

/// Which attribute of `element` (and which name in it) gives it `signal`:
/// each attribute, and each name of a `class` or `id`, is judged alone on a
/// bare `<div>`. `None` when no attribute does: the tag itself is the source.
fn attribute_source(element: &dom::Element, in_thread: bool, signal: f32) -> Option<String> {
    let mut candidates: Vec<(&str, &str)> = Vec::new();
    for (name, value) in element.attrs() {
        match name {
            "class" | "id" => candidates.extend(value.split_ascii_whitespace().map(|v| (name, v))),
            _ if JUDGED_ATTRIBUTES.contains(&name) => candidates.push((name, value)),
            _ => {}
        }
    }
    let judged = judge_alone(&candidates, in_thread, signal);
    let Some(&(name, value)) = candidates
        .iter()
        .zip(&judged)
        .find(|(_, &hit)| hit)
        .map(|(c, _)| c)
    else {
        return Some(format!("the <{}> tag", element.name())).filter(|_| tag_alone(element, signal));
    };
    if !matches!(name, "class" | "id") {
        return Some(format!("{name} {value:?}"));
    }
    // The word of the name that decides: `share` in `social-share-wrapper`.
    let words: Vec<&str> = value
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let parts: Vec<(&str, &str)> = words.iter().map(|&w| ("class", w)).collect();
    let word = parts
        .iter()
        .zip(judge_alone(&parts, in_thread, signal))
        .find(|(_, hit)| *hit)
        .map(|(p, _)| p.1);
    Some(match word {
        Some(word) if word != value => format!("{word:?} in {name} {value:?}"),
        _ => format!("{name} {value:?}"),
    })
}

/// For each `(attribute, value)`, whether a bare `<div>` with only it is
/// judged `signal`.
fn judge_alone(candidates: &[(&str, &str)], in_thread: bool, signal: f32) -> Vec<bool> {
    let probe: String = candidates
        .iter()
        .map(|(name, value)| format!(r#"<div {name}="{}"></div>"#, escape_attribute(value)))
        .collect();
    let Ok(doc) = dom::parse(&probe, candidates.len() * 4 + 16) else {
        return vec![false; candidates.len()];
    };
    let mut names = semantics::NameCache::default();
    let divs: Vec<NodeId> = doc.children(doc.body()).collect();
    candidates
        .iter()
        .enumerate()
        .map(|(i, _)| {
            divs.get(i).and_then(|&d| doc.element(d)).is_some_and(|e| {
                let own = semantics::evidence(e, in_thread, false, &mut names);
                (if signal < 0.0 { own.chrome } else { own.content }) == signal
            })
        })
        .collect()
}

/// Whether `element`'s tag by itself is judged `signal`.
fn tag_alone(element: &dom::Element, signal: f32) -> bool {
    let name = element.name();
    if !name.chars().all(|c| c.is_ascii_alphanumeric()) {
        return false;
    }
    let Ok(doc) = dom::parse(&format!("<{name}></{name}>"), 16) else {
        return false;
    };
    let mut names = semantics::NameCache::default();
    doc.descendants(doc.body())
        .filter_map(|id| doc.element(id))
        .find(|e| e.name() == name)
        .is_some_and(|e| {
            let own = semantics::evidence(e, false, false, &mut names);
            (if signal < 0.0 { own.chrome } else { own.content }) == signal
        })
}

fn escape_attribute(value: &str) -> String {
    value.replace('&', "&amp;").replace('"', "&quot;")
}
