//! Runs the dechaff library over every page of a corpus, in parallel, and
//! scores each prediction: the part of `dechaff-eval` between reading a
//! corpus and printing the report.

use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Instant;

use dechaff::{Extractor, Input};
use rayon::prelude::*;
use serde::Serialize;

use crate::corpus::{Corpus, CorpusError, Page};
use crate::metric::{
    aggregate_gold, aggregate_snippets, score_gold, GoldPage, GoldScore, SnippetCounts, SnippetScore,
};

/// How pages are extracted and where predictions go.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Append the comment thread (when the extractor returns one) to the
    /// prediction, after a blank line.
    pub append_comments: bool,
    /// Write each prediction to `<dir>/<corpus>/<id>.txt`.
    pub preds: Option<PathBuf>,
}

/// The outcome of one page.
#[derive(Debug, Clone)]
pub struct PageResult {
    /// The page id.
    pub id: String,
    /// The extraction error (or panic), when the page could not be extracted;
    /// the prediction is then empty.
    pub error: Option<String>,
    /// The gold-text score, when the page has a gold text.
    pub gold: Option<GoldPage>,
    /// The snippet counts, when the page has snippets.
    pub snippets: Option<SnippetCounts>,
    /// The extractor's confidence in its result (`None` when the page could
    /// not be extracted).
    pub confidence: Option<f32>,
}

impl PageResult {
    /// Page precision by the corpus's main metric (`None`: nothing predicted).
    pub fn precision(&self) -> Option<f64> {
        match (&self.gold, &self.snippets) {
            (Some(g), _) => g.counts.precision(),
            (None, Some(s)) => s.precision(),
            (None, None) => None,
        }
    }

    /// Page recall by the corpus's main metric (`None`: nothing to find).
    pub fn recall(&self) -> Option<f64> {
        match (&self.gold, &self.snippets) {
            (Some(g), _) => g.counts.recall(),
            (None, Some(s)) => s.recall(),
            (None, None) => None,
        }
    }

    /// Page F1 by the corpus's main metric (`None`: the page has no truth).
    pub fn f1(&self) -> Option<f64> {
        match (&self.gold, &self.snippets) {
            (Some(g), _) => Some(g.counts.f1()),
            (None, Some(s)) => Some(s.f1()),
            (None, None) => None,
        }
    }
}

/// The scored pages on one side of a confidence threshold.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ConfidenceGroup {
    /// How many pages.
    pub pages: usize,
    /// The sum of their page F1.
    pub f1_sum: f64,
}

impl ConfidenceGroup {
    /// The mean page F1 of the group (`None` when it is empty).
    pub fn mean_f1(&self) -> Option<f64> {
        (self.pages > 0).then(|| self.f1_sum / self.pages as f64)
    }

    /// Both groups' pages together.
    pub fn merge(self, other: ConfidenceGroup) -> ConfidenceGroup {
        ConfidenceGroup {
            pages: self.pages + other.pages,
            f1_sum: self.f1_sum + other.f1_sum,
        }
    }
}

/// What a corpus is scored by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Gold texts (and, if the index has them too, snippets on the side).
    Gold,
    /// Snippets only.
    Snippets,
    /// Neither: nothing to score.
    Empty,
}

/// The outcome of a corpus.
#[derive(Debug, Clone)]
pub struct CorpusResult {
    /// The corpus name.
    pub name: String,
    /// The corpus directory.
    pub dir: PathBuf,
    /// What the main figures are computed from.
    pub kind: Kind,
    /// Every page, in index order.
    pub pages: Vec<PageResult>,
    /// The gold-text score, when some page has a gold text.
    pub gold: Option<GoldScore>,
    /// The snippet score, when some page has snippets.
    pub snippets: Option<SnippetScore>,
    /// Pages with neither gold nor snippets (extracted but not scored).
    pub no_truth: usize,
    /// Wall-clock time of extraction and scoring.
    pub seconds: f64,
}

impl CorpusResult {
    /// The main figures (precision, recall, F1): the gold metric when the
    /// corpus has gold texts, else the snippet metric.
    pub fn main(&self) -> (f64, f64, f64) {
        match (&self.gold, &self.snippets) {
            (Some(g), _) => (g.precision, g.recall, g.f1),
            (None, Some(s)) => (s.precision, s.recall, s.f1),
            (None, None) => (0.0, 0.0, 0.0),
        }
    }

    /// The number of pages scored by the main metric.
    pub fn scored_pages(&self) -> usize {
        match (&self.gold, &self.snippets) {
            (Some(g), _) => g.pages,
            (None, Some(s)) => s.pages,
            (None, None) => 0,
        }
    }

    /// The pages that could not be extracted.
    pub fn errors(&self) -> impl Iterator<Item = &PageResult> {
        self.pages.iter().filter(|p| p.error.is_some())
    }

    /// The scored pages split at `threshold` of the extractor's confidence:
    /// `[sure, doubtful]`, sure being confidence >= `threshold`. Pages that
    /// could not be extracted count as doubtful.
    pub fn by_confidence(&self, threshold: f32) -> [ConfidenceGroup; 2] {
        let mut groups = [ConfidenceGroup::default(); 2];
        for page in &self.pages {
            let Some(f1) = page.f1() else { continue };
            let sure = page.confidence.is_some_and(|c| c >= threshold);
            let group = &mut groups[usize::from(!sure)];
            group.pages += 1;
            group.f1_sum += f1;
        }
        groups
    }

    /// The `n` scored pages with the lowest page F1 (ties by id).
    pub fn worst(&self, n: usize) -> Vec<&PageResult> {
        let mut scored: Vec<(f64, &PageResult)> =
            self.pages.iter().filter_map(|p| Some((p.f1()?, p))).collect();
        scored.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
        scored.into_iter().take(n).map(|(_, p)| p).collect()
    }
}

/// Extracts and scores every page of `corpus`.
///
/// # Errors
/// When a page's files cannot be read or a prediction cannot be written.
/// Extraction errors and panics are not errors of the run: they are recorded
/// in [`PageResult::error`] and the page is scored as an empty prediction.
pub fn evaluate(
    corpus: &Corpus,
    extractor: &Extractor,
    options: &RunOptions,
) -> Result<CorpusResult, CorpusError> {
    let start = Instant::now();
    let pred_dir = match &options.preds {
        Some(root) => {
            let dir = root.join(&corpus.name);
            fs::create_dir_all(&dir).map_err(|source| CorpusError::Io {
                path: dir.clone(),
                source,
            })?;
            Some(dir)
        }
        None => None,
    };
    let pages = corpus
        .pages
        .par_iter()
        .map(|page| evaluate_page(corpus, page, extractor, options, pred_dir.as_deref()))
        .collect::<Result<Vec<_>, _>>()?;
    let gold_pages: Vec<GoldPage> = pages.iter().filter_map(|p| p.gold).collect();
    let snippet_pages: Vec<SnippetCounts> = pages.iter().filter_map(|p| p.snippets).collect();
    let gold = (!gold_pages.is_empty()).then(|| aggregate_gold(&gold_pages));
    let snippets = (!snippet_pages.is_empty()).then(|| aggregate_snippets(&snippet_pages));
    let kind = match (&gold, &snippets) {
        (Some(_), _) => Kind::Gold,
        (None, Some(_)) => Kind::Snippets,
        (None, None) => Kind::Empty,
    };
    Ok(CorpusResult {
        name: corpus.name.clone(),
        dir: corpus.dir.clone(),
        kind,
        no_truth: corpus.pages.iter().filter(|p| !p.has_truth()).count(),
        pages,
        gold,
        snippets,
        seconds: start.elapsed().as_secs_f64(),
    })
}

fn evaluate_page(
    corpus: &Corpus,
    page: &Page,
    extractor: &Extractor,
    options: &RunOptions,
    pred_dir: Option<&Path>,
) -> Result<PageResult, CorpusError> {
    let html = corpus.html(page)?;
    let (pred, confidence, error) = match extract(extractor, &html, page.url.as_deref(), options) {
        Ok((text, confidence)) => (text, Some(confidence), None),
        Err(message) => (String::new(), None, Some(message)),
    };
    if let Some(dir) = pred_dir {
        let path = dir.join(format!("{}.txt", page.id));
        fs::write(&path, &pred).map_err(|source| CorpusError::Io { path, source })?;
    }
    let gold = corpus.gold(page)?.map(|gold| score_gold(&gold, &pred));
    let snippets = page
        .snippets
        .as_ref()
        .map(|s| SnippetCounts::new(&s.with, &s.without, &pred));
    Ok(PageResult {
        id: page.id.clone(),
        error,
        gold,
        snippets,
        confidence,
    })
}

/// The prediction for one page and the extractor's confidence in it, or the
/// error (or panic) message.
fn extract(
    extractor: &Extractor,
    html: &[u8],
    url: Option<&str>,
    options: &RunOptions,
) -> Result<(String, f32), String> {
    let mut input = Input::new(html);
    if let Some(url) = url {
        input = input.url(url);
    }
    let outcome = catch_unwind(AssertUnwindSafe(|| extractor.extract_input(input)));
    match outcome {
        Ok(Ok(extracted)) => {
            let mut text = extracted.text;
            if options.append_comments {
                if let Some(comments) = extracted.comments.filter(|c| !c.is_empty()) {
                    if !text.is_empty() {
                        text.push_str("\n\n");
                    }
                    text.push_str(&comments);
                }
            }
            Ok((text, extracted.confidence))
        }
        Ok(Err(error)) => Err(error.to_string()),
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown payload".into());
            Err(format!("panic: {message}"))
        }
    }
}
