//! Stage 5, score: how much each block looks like main content.
//!
//! Each block gets a *logit*: positive for content, negative for chrome,
//! summed from independent signals, each with its weight named below:
//!
//! 1. **text density** (Kohlschütter et al., 2010): words per line when the
//!    block is wrapped at 80 characters. Navigation, buttons and bylines are
//!    short lines; prose fills lines;
//! 2. **length**: long blocks are rarely chrome;
//! 3. **link density**: the share of words inside links (menus and link
//!    lists are all links, prose has a few);
//! 4. **sentence shape**: sentence ends and commas;
//! 5. **tag**: paragraphs and code are content-like, list items and cells
//!    are neutral-to-doubtful;
//! 6. **semantics**: the evidence of the block's ancestors (see
//!    [`crate::semantics`]);
//! 7. **boilerplate phrases**: short lines such as "All rights reserved";
//! 8. **neighbours**: a block between content blocks is more likely content.

use crate::clean::Cleaned;
use crate::dom::Document;
use crate::phrases::{Phrases, Prefixes};
use crate::segment::{Block, BlockKind};

/// Line width of the text-density model, in characters (Kohlschütter et al.).
const WRAP_WIDTH: f32 = 80.0;

/// Words per wrapped line at which density says neither content nor chrome:
/// a one-line block of six words.
const DENSITY_PIVOT: f32 = 6.0;

/// Logit per word-per-line of density above or below the pivot.
const DENSITY_WEIGHT: f32 = 0.45;

/// Density above which more density says nothing more (full lines of prose
/// run at 11–14 words).
const DENSITY_CAP: f32 = 13.0;

/// Words from which a block earns the length bonus: few chrome blocks are
/// this long.
const LONG_BLOCK_WORDS: f32 = 40.0;

/// Logit for a long block.
const LONG_BLOCK_BONUS: f32 = 1.5;

/// Logit of a block made entirely of link text.
const LINK_DENSITY_WEIGHT: f32 = 6.0;

/// Logit of a block that contains at least one sentence end.
const SENTENCE_BONUS: f32 = 0.5;

/// Logit per comma (prose has commas, menus do not)…
const COMMA_BONUS: f32 = 0.2;

/// …up to this much.
const COMMA_BONUS_MAX: f32 = 1.0;

/// Logit of a `<p>` or `<pre>` block: authors put their text there.
const PARAGRAPH_TAG_BONUS: f32 = 0.5;

/// Logit of a list item or table cell: lists and tables of links are the
/// usual form of chrome.
const LIST_OR_CELL_TAG_PENALTY: f32 = -0.3;

/// Weight of the ancestors' class/id/tag evidence.
const EVIDENCE_WEIGHT: f32 = 1.0;

/// Logit of a short block containing a boilerplate phrase.
const BOILERPLATE_PHRASE_PENALTY: f32 = -2.5;

/// Blocks up to this many words are checked for boilerplate phrases.
const BOILERPLATE_PHRASE_MAX_WORDS: f32 = 25.0;

/// Share of the neighbours' mean logit added to a block's own.
const NEIGHBOUR_WEIGHT: f32 = 0.25;

/// Phrases that mark a short block as site furniture (lower case).
const BOILERPLATE_PHRASES: &[&str] = &[
    "all rights reserved",
    "©",
    "copyright",
    "cookie",
    "newsletter",
    "subscribe",
    "sign up",
    "log in",
    "follow us",
    "share this",
    "share on",
    "read more",
    "advertisement",
    "sponsored",
    "terms of use",
    "terms of service",
    "privacy policy",
    "posted in",
    "filed under",
    "tags:",
    "related articles",
    "related posts",
    "you may also like",
    "most read",
    "most popular",
    "comments",
    "leave a reply",
    "click here",
    "skip to",
    "short url",
    "views",
    "view as single page",
    "next page",
    // The same furniture in the corpora's other languages (German first:
    // most non-English pages are German).
    "alle rechte vorbehalten",
    "tous droits réservés",
    "todos los derechos reservados",
    "tutti i diritti riservati",
    "lesen sie auch",
    "auch lesen",
    "lies auch",
    "auch interessieren",
    "weitere artikel",
    "weitere beiträge",
    "weitere themen",
    "weitere aktuelle",
    "mehr zum thema",
    "das könnte",
    "lust auf mehr",
    "jetzt teilen",
    "artikel teilen",
    "beitrag teilen",
    "kommentar schreiben",
    "kommentare",
    "veröffentlicht in",
    "abonnieren",
    "lire aussi",
    "sur le même thème",
    "commentaires",
    "partager",
    "leer más",
    "lee también",
    "te puede interesar",
    "comentarios",
    "compartir",
    "leggi anche",
    "commenti",
    "czytaj także",
    "czytaj też",
    "zobacz także",
    "komentarze",
    "leia também",
    // Image credits under pictures: who took the photo, not what the
    // article says.
    "foto:",
    "fotos:",
    "photo:",
    "photos:",
    "bild:",
    "bildquelle",
    "crédits photo",
    "credit:",
    "getty images",
];

/// Logit of a short block that opens with a lead-in to other pages ("Read
/// more:", "Lesen Sie auch", "Das könnte Sie auch interessieren"): such a
/// line introduces a teaser, never the article's own text, however much
/// it reads like a sentence.
const LEAD_IN_PENALTY: f32 = -5.0;

/// How lines that point away from the article start, in the languages of
/// the corpora (lower case).
const LEAD_IN_PREFIXES: &[&str] = &[
    "read more",
    "read also",
    "also read",
    "related:",
    "you may also like",
    "you might also like",
    "never miss",
    "don't miss",
    "lesen sie auch",
    "lesen sie mehr",
    "lesen sie hier",
    "auch lesen",
    "lies auch",
    "mehr zum thema",
    "mehr zu diesem thema",
    "das könnte",
    "das thema könnte",
    "dies könnte",
    "weitere artikel",
    "weitere beiträge",
    "weitere aktuelle",
    "weitere themen",
    "lust auf mehr",
    "lire aussi",
    "à lire aussi",
    "a lire aussi",
    "sur le même thème",
    "lee también",
    "leer más",
    "te puede interesar",
    "leggi anche",
    "czytaj także",
    "czytaj też",
    "zobacz także",
    "zobacz też",
    "leia também",
];

/// Logit of a short block that asks the reader to turn scripts on ("Please
/// turn on JavaScript. Media requires JavaScript to play."): the fallback
/// of a player or widget, shown in place of it. Such notices are whole
/// sentences, so the boilerplate penalty alone leaves them in.
const SCRIPT_NOTICE_PENALTY: f32 = -6.0;

/// Phrases of those notices (lower case).
const SCRIPT_NOTICE_PHRASES: &[&str] = &[
    "turn on javascript",
    "enable javascript",
    "javascript is disabled",
    "javascript is turned off",
    "requires javascript",
    "javascript is required",
    "javascript aktivieren",
    "javascript ist deaktiviert",
    "activer javascript",
    "activez javascript",
];

/// The scorer's verdict on every block, indexed like the blocks.
#[derive(Debug)]
pub(crate) struct Scores {
    /// The block's content logit before its neighbours are considered and
    /// without its ancestors' evidence.
    pub intrinsic: Vec<f32>,
    /// The final logit: intrinsic, plus evidence, plus neighbours.
    pub logit: Vec<f32>,
    /// The block is short and holds a boilerplate phrase (see
    /// [`has_boilerplate_phrase`]): searched once here, read again by the
    /// selection.
    pub boilerplate: Vec<bool>,
}

/// Scores every block; see the module doc.
pub(crate) fn score(_doc: &Document, cleaned: &Cleaned, blocks: &[Block]) -> Scores {
    let boilerplate: Vec<bool> = blocks.iter().map(has_boilerplate_phrase).collect();
    let intrinsic: Vec<f32> = blocks
        .iter()
        .zip(&boilerplate)
        .map(|(b, &phrase)| intrinsic_logit_with(b, phrase))
        .collect();
    let own: Vec<f32> = blocks
        .iter()
        .zip(&intrinsic)
        .map(|(b, l)| l + EVIDENCE_WEIGHT * cleaned.evidence[b.owner.index()])
        .collect();
    let logit = (0..own.len())
        .map(|i| {
            let prev = i.checked_sub(1).map(|j| own[j]);
            let next = own.get(i + 1).copied();
            let neighbours = match (prev, next) {
                (Some(a), Some(b)) => (a + b) / 2.0,
                (Some(a), None) | (None, Some(a)) => a,
                (None, None) => 0.0,
            };
            own[i] + NEIGHBOUR_WEIGHT * neighbours
        })
        .collect();
    Scores {
        intrinsic,
        logit,
        boilerplate,
    }
}

/// True for a short block containing one of [`BOILERPLATE_PHRASES`].
pub(crate) fn has_boilerplate_phrase(block: &Block) -> bool {
    static PHRASES: Phrases = Phrases::new(&[BOILERPLATE_PHRASES]);
    block.stats.words <= BOILERPLATE_PHRASE_MAX_WORDS && PHRASES.found_as_words_in(&block.text)
}

/// Words per line when the block is wrapped at [`WRAP_WIDTH`] characters.
pub(crate) fn text_density(block: &Block) -> f32 {
    let s = &block.stats;
    let width = s.chars as f32 + s.words.max(1.0) - 1.0;
    let lines = (width / WRAP_WIDTH).ceil().max(1.0);
    s.words / lines
}

/// Signals 1–5 and 7 of the module doc: what the block says about itself.
pub(crate) fn intrinsic_logit(block: &Block) -> f32 {
    intrinsic_logit_with(block, has_boilerplate_phrase(block))
}

/// [`intrinsic_logit`], told whether the block has a boilerplate phrase.
fn intrinsic_logit_with(block: &Block, boilerplate: bool) -> f32 {
    let s = &block.stats;
    let density = text_density(block).min(DENSITY_CAP);
    let mut logit = DENSITY_WEIGHT * (density - DENSITY_PIVOT);
    if s.words >= LONG_BLOCK_WORDS {
        logit += LONG_BLOCK_BONUS;
    }
    logit -= LINK_DENSITY_WEIGHT * block.link_density();
    if s.stops > 0 {
        logit += SENTENCE_BONUS;
    }
    logit += (COMMA_BONUS * s.commas as f32).min(COMMA_BONUS_MAX);
    logit += match block.kind {
        BlockKind::Paragraph | BlockKind::Preformatted => PARAGRAPH_TAG_BONUS,
        BlockKind::ListItem | BlockKind::TableCell { .. } => LIST_OR_CELL_TAG_PENALTY,
        BlockKind::Heading(_) | BlockKind::Caption | BlockKind::Text => 0.0,
    };
    if boilerplate {
        logit += BOILERPLATE_PHRASE_PENALTY;
    }
    if is_lead_in(block) {
        logit += LEAD_IN_PENALTY;
    }
    if is_script_notice(block) {
        logit += SCRIPT_NOTICE_PENALTY;
    }
    logit
}

/// True when the block's words alone cost it logit: a boilerplate phrase,
/// a lead-in or a script notice (for the explain view).
pub(crate) fn has_phrase_penalty(block: &Block) -> bool {
    has_boilerplate_phrase(block) || is_lead_in(block) || is_script_notice(block)
}

/// True for a short block containing one of [`SCRIPT_NOTICE_PHRASES`].
fn is_script_notice(block: &Block) -> bool {
    static PHRASES: Phrases = Phrases::new(&[SCRIPT_NOTICE_PHRASES]);
    block.stats.words <= BOILERPLATE_PHRASE_MAX_WORDS && PHRASES.found_in(&block.text)
}

/// True for a short block that starts with one of [`LEAD_IN_PREFIXES`]
/// (after any bullet or quote mark).
pub(crate) fn is_lead_in(block: &Block) -> bool {
    block.stats.words <= BOILERPLATE_PHRASE_MAX_WORDS && {
        static LEAD_INS: Prefixes = Prefixes::new(LEAD_IN_PREFIXES);
        LEAD_INS.start(block.text.trim_start_matches(|c: char| !c.is_alphanumeric()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrases::PREFIX_MAX_BYTES;

    #[test]
    fn every_lead_in_prefix_fits_the_head_looked_at() {
        for p in LEAD_IN_PREFIXES {
            assert!(!p.is_empty() && p.len() <= PREFIX_MAX_BYTES, "{p:?}");
            assert_eq!(*p, p.to_lowercase(), "prefixes are lower case");
        }
    }
}
