//! The scorer: the metric of `shared/tools/score.py`, re-implemented so that
//! `dechaff-eval` can score in-process and give the same numbers as the
//! reference (checked by `tests/python_agreement.rs`).
//!
//! Gold-text corpora use the ScrapingHub article-extraction-benchmark metric:
//! Python `\w+` tokens (case kept, punctuation dropped), 4-token shingles as a
//! multiset, per-page true/false positive/negative counts normalised to sum 1,
//! then precision = mean page precision over pages whose prediction has
//! shingles, recall = mean page recall over pages whose gold has shingles, and
//! F1 = 2PR/(P+R) — not the mean of page F1s.
//!
//! Snippet corpora (`with`/`without` lists) use trafilatura's count: each
//! snippet is looked up in the whitespace-normalised prediction, and the
//! counts are summed over all pages (micro average).
//!
//! Sums and means are taken in page order, as Python does, so the floats come
//! out the same.

use std::collections::HashMap;

use serde::Serialize;

use crate::pychars::{is_space_char, is_word_char};

/// Length of a shingle, in tokens.
pub const NGRAM: usize = 4;
/// Page F1 from which a page counts as extracted correctly ("accuracy").
pub const ACC_THRESHOLD: f64 = 0.9;

/// The tokens of `text`: the maximal runs of Python `\w` characters
/// (letters, numbers, underscore), in order and with their case.
pub fn tokenize(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                tokens.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        tokens.push(&text[s..]);
    }
    tokens
}

/// A multiset of shingles: each run of [`NGRAM`] consecutive tokens with its
/// number of occurrences.
pub type Shingles<'t> = HashMap<&'t [&'t str], u32>;

/// The shingles of a token list. A list of 1 to 3 tokens gives a single
/// shorter shingle (the whole list); an empty list gives none.
pub fn shingles<'t>(tokens: &'t [&'t str]) -> Shingles<'t> {
    let mut out = Shingles::new();
    if tokens.is_empty() {
        return out;
    }
    if tokens.len() < NGRAM {
        out.insert(tokens, 1);
        return out;
    }
    for window in tokens.windows(NGRAM) {
        *out.entry(window).or_insert(0) += 1;
    }
    out
}

/// The counts of one gold-text page, normalised to sum 1 (all zero when both
/// gold and prediction are empty).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct PageCounts {
    /// Shingles both in the gold and the prediction.
    pub tp: f64,
    /// Shingles in the prediction beyond those in the gold.
    pub fp: f64,
    /// Shingles in the gold missing from the prediction.
    #[serde(rename = "fn")]
    pub fn_: f64,
}

impl PageCounts {
    /// Compares the shingles of a gold text and a prediction.
    pub fn new(gold: &Shingles<'_>, pred: &Shingles<'_>) -> Self {
        let (mut tp, mut fp, mut fn_) = (0u64, 0u64, 0u64);
        for (key, &g) in gold {
            let p = pred.get(key).copied().unwrap_or(0);
            tp += u64::from(g.min(p));
            fn_ += u64::from(g.saturating_sub(p));
        }
        for (key, &p) in pred {
            let g = gold.get(key).copied().unwrap_or(0);
            fp += u64::from(p.saturating_sub(g));
        }
        let sum = tp + fp + fn_;
        if sum == 0 {
            return PageCounts::default();
        }
        let s = sum as f64;
        PageCounts {
            tp: tp as f64 / s,
            fp: fp as f64 / s,
            fn_: fn_ as f64 / s,
        }
    }

    /// Page precision, or `None` when the prediction has no shingle (the page
    /// then does not enter the corpus precision).
    pub fn precision(&self) -> Option<f64> {
        // score.py's special cases (1.0 when fp = fn = 0) give the same value.
        (self.tp + self.fp > 0.0).then(|| self.tp / (self.tp + self.fp))
    }

    /// Page recall, or `None` when the gold has no shingle (the page then
    /// does not enter the corpus recall).
    pub fn recall(&self) -> Option<f64> {
        (self.tp + self.fn_ > 0.0).then(|| self.tp / (self.tp + self.fn_))
    }

    /// Page F1 = 2tp/(2tp+fp+fn); 1.0 when gold and prediction are both empty.
    pub fn f1(&self) -> f64 {
        if self.tp == 0.0 && self.fp == 0.0 && self.fn_ == 0.0 {
            return 1.0;
        }
        let d = 2.0 * self.tp + self.fp + self.fn_;
        if d > 0.0 {
            2.0 * self.tp / d
        } else {
            0.0
        }
    }
}

/// The score of one gold-text page.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GoldPage {
    /// The normalised shingle counts.
    pub counts: PageCounts,
    /// Whether the token sequences of gold and prediction are identical.
    pub exact: bool,
}

/// Scores a prediction against a gold text.
pub fn score_gold(gold: &str, pred: &str) -> GoldPage {
    let gold_tokens = tokenize(gold);
    let pred_tokens = tokenize(pred);
    let counts = PageCounts::new(&shingles(&gold_tokens), &shingles(&pred_tokens));
    GoldPage {
        counts,
        exact: gold_tokens == pred_tokens,
    }
}

fn mean(xs: impl IntoIterator<Item = f64>) -> f64 {
    let (mut sum, mut n) = (0.0, 0usize);
    for x in xs {
        sum += x;
        n += 1;
    }
    if n == 0 {
        0.0
    } else {
        sum / n as f64
    }
}

fn harmonic(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// The gold-text score of a corpus (score.py's `aggregate_gold`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GoldScore {
    /// Mean page precision over pages whose prediction has shingles.
    pub precision: f64,
    /// Mean page recall over pages whose gold has shingles.
    pub recall: f64,
    /// Harmonic mean of `precision` and `recall`.
    pub f1: f64,
    /// Mean of the page F1s (a different figure from `f1`).
    pub f1_page_mean: f64,
    /// Share of pages with page F1 >= [`ACC_THRESHOLD`].
    pub accuracy: f64,
    /// Share of pages whose token sequence equals the gold's.
    pub exact: f64,
    /// Number of pages scored.
    pub pages: usize,
}

/// Aggregates page scores, in page order, into the corpus score.
pub fn aggregate_gold(pages: &[GoldPage]) -> GoldScore {
    let precision = mean(pages.iter().filter_map(|p| p.counts.precision()));
    let recall = mean(pages.iter().filter_map(|p| p.counts.recall()));
    let f1s = || pages.iter().map(|p| p.counts.f1());
    GoldScore {
        precision,
        recall,
        f1: harmonic(precision, recall),
        f1_page_mean: mean(f1s()),
        accuracy: mean(f1s().map(|f| if f >= ACC_THRESHOLD { 1.0 } else { 0.0 })),
        exact: mean(pages.iter().map(|p| if p.exact { 1.0 } else { 0.0 })),
        pages: pages.len(),
    }
}

/// Collapses runs of (Python) whitespace to one space and trims the ends, as
/// score.py's `norm_ws`.
pub fn normalize_ws(text: &str) -> String {
    text.split(is_space_char)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The snippet counts of one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct SnippetCounts {
    /// `with` snippets found in the prediction.
    pub tp: usize,
    /// `without` snippets found in the prediction.
    pub fp: usize,
    /// `with` snippets missing from the prediction.
    #[serde(rename = "fn")]
    pub fn_: usize,
    /// `without` snippets absent from the prediction.
    pub tn: usize,
}

impl SnippetCounts {
    /// Looks the snippets up in the whitespace-normalised prediction.
    pub fn new(with: &[String], without: &[String], pred: &str) -> Self {
        let pred = normalize_ws(pred);
        let found = |s: &String| pred.contains(normalize_ws(s).as_str());
        let tp = with.iter().filter(|s| found(s)).count();
        let fp = without.iter().filter(|s| found(s)).count();
        SnippetCounts {
            tp,
            fp,
            fn_: with.len() - tp,
            tn: without.len() - fp,
        }
    }

    /// Page precision tp/(tp+fp), `None` when nothing was found.
    pub fn precision(&self) -> Option<f64> {
        let d = self.tp + self.fp;
        (d > 0).then(|| self.tp as f64 / d as f64)
    }

    /// Page recall tp/(tp+fn), `None` when the page has no `with` snippet.
    pub fn recall(&self) -> Option<f64> {
        let d = self.tp + self.fn_;
        (d > 0).then(|| self.tp as f64 / d as f64)
    }

    /// Page F1 = 2tp/(2tp+fp+fn); 1.0 when there was nothing to find and
    /// nothing wrong was found.
    pub fn f1(&self) -> f64 {
        let d = 2 * self.tp + self.fp + self.fn_;
        if d > 0 {
            (2 * self.tp) as f64 / d as f64
        } else {
            1.0
        }
    }
}

/// The snippet score of a corpus (score.py's `aggregate_snippets`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SnippetScore {
    /// tp/(tp+fp) over the summed counts.
    pub precision: f64,
    /// tp/(tp+fn) over the summed counts.
    pub recall: f64,
    /// 2tp/(2tp+fp+fn) over the summed counts.
    pub f1: f64,
    /// (tp+tn) over all snippets.
    pub snippet_accuracy: f64,
    /// Mean share of `with` snippets found, over pages that have some.
    pub with_found: f64,
    /// Mean share of `without` snippets absent, over pages that have some.
    pub without_absent: f64,
    /// Mean of the page F1s.
    pub f1_page_mean: f64,
    /// Share of pages with page F1 >= [`ACC_THRESHOLD`].
    pub accuracy: f64,
    /// Summed counts.
    #[serde(flatten)]
    pub counts: SnippetCounts,
    /// Number of pages scored.
    pub pages: usize,
}

/// Aggregates snippet counts (micro average) into the corpus score.
pub fn aggregate_snippets(pages: &[SnippetCounts]) -> SnippetScore {
    let mut sum = SnippetCounts::default();
    for p in pages {
        sum.tp += p.tp;
        sum.fp += p.fp;
        sum.fn_ += p.fn_;
        sum.tn += p.tn;
    }
    let ratio = |n: usize, d: usize| if d > 0 { n as f64 / d as f64 } else { 0.0 };
    let f1s = || pages.iter().map(SnippetCounts::f1);
    SnippetScore {
        precision: ratio(sum.tp, sum.tp + sum.fp),
        recall: ratio(sum.tp, sum.tp + sum.fn_),
        f1: ratio(2 * sum.tp, 2 * sum.tp + sum.fp + sum.fn_),
        snippet_accuracy: ratio(sum.tp + sum.tn, sum.tp + sum.fp + sum.fn_ + sum.tn),
        with_found: mean(pages.iter().filter_map(SnippetCounts::recall)),
        without_absent: mean(
            pages
                .iter()
                .filter(|p| p.tn + p.fp > 0)
                .map(|p| ratio(p.tn, p.tn + p.fp)),
        ),
        f1_page_mean: mean(f1s()),
        accuracy: mean(f1s().map(|f| if f >= ACC_THRESHOLD { 1.0 } else { 0.0 })),
        counts: sum,
        pages: pages.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    fn strings(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn tokens_are_python_word_runs() {
        assert_eq!(
            tokenize("Hello, wörld! foo_bar 42 it's"),
            ["Hello", "wörld", "foo_bar", "42", "it", "s"]
        );
        assert_eq!(tokenize(""), Vec::<&str>::new());
        assert_eq!(tokenize(" -- "), Vec::<&str>::new());
    }

    #[test]
    fn tokens_split_at_combining_marks_like_python() {
        // Python's \w takes letters and numbers but no marks (Mn, Mc):
        // re.findall(r'\w+', 'नमस्ते e\u0301té') == ['नमस', 'त', 'e', 'té'].
        assert_eq!(tokenize("नमस्ते e\u{301}té"), ["नमस", "त", "e", "té"]);
    }

    #[test]
    fn tokens_keep_cjk_runs_and_other_numbers() {
        assert_eq!(tokenize("中文字。x² ١٢ Ⅻ ½"), ["中文字", "x²", "١٢", "Ⅻ", "½"]);
        // U+001C is whitespace to Python, not a word character.
        assert_eq!(tokenize("a\u{1c}b"), ["a", "b"]);
    }

    #[test]
    fn shingles_are_a_multiset_of_four_grams() {
        let t = ["a", "b", "c", "d", "a", "b", "c", "d"];
        let sh = shingles(&t);
        assert_eq!(sh.len(), 4); // abcd bcda cdab dabc
        assert_eq!(sh[&t[0..4]], 2);
        assert_eq!(sh.values().sum::<u32>(), 5);
    }

    #[test]
    fn short_texts_give_one_shorter_shingle_and_empty_none() {
        let t = ["a", "b"];
        let sh = shingles(&t);
        assert_eq!(sh.len(), 1);
        assert_eq!(sh[&t[..]], 1);
        assert!(shingles(&[]).is_empty());
        let t4 = ["a", "b", "c", "d"];
        assert_eq!(shingles(&t4).len(), 1);
    }

    #[test]
    fn page_counts_are_normalised() {
        // gold shingles {abcd, bcde}, pred {abcd}: tp 1, fp 0, fn 1.
        let page = score_gold("a b c d e", "a, b. c d");
        assert!(close(page.counts.tp, 0.5) && close(page.counts.fp, 0.0));
        assert!(close(page.counts.fn_, 0.5));
        assert_eq!(page.counts.precision(), Some(1.0));
        assert_eq!(page.counts.recall(), Some(0.5));
        assert!(close(page.counts.f1(), 2.0 / 3.0));
        assert!(!page.exact);
        assert!(score_gold("A b", "A, b!").exact);
    }

    #[test]
    fn tokens_are_case_sensitive() {
        let page = score_gold("Hello world", "hello world");
        assert_eq!(page.counts.precision(), Some(0.0));
        assert!(close(page.counts.f1(), 0.0));
    }

    #[test]
    fn empty_gold_and_empty_prediction() {
        let page = score_gold("", "  ...  ");
        assert_eq!(page.counts, PageCounts::default());
        assert_eq!(page.counts.precision(), None);
        assert_eq!(page.counts.recall(), None);
        assert_eq!(page.counts.f1(), 1.0);
        assert!(page.exact);
        // Such a page enters neither mean: it does not change the corpus figures.
        let other = score_gold("a b c d e", "a b c d");
        let alone = aggregate_gold(&[other]);
        let with_empty = aggregate_gold(&[other, page]);
        assert_eq!(
            (alone.precision, alone.recall),
            (with_empty.precision, with_empty.recall)
        );
        assert!(close(with_empty.f1_page_mean, (2.0 / 3.0 + 1.0) / 2.0));
    }

    #[test]
    fn empty_prediction_costs_recall_only() {
        let page = score_gold("one two three four five", "");
        assert_eq!(page.counts.precision(), None);
        assert_eq!(page.counts.recall(), Some(0.0));
        assert_eq!(page.counts.f1(), 0.0);
        let good = score_gold("a b c d", "a b c d");
        let s = aggregate_gold(&[good, page]);
        assert_eq!(s.precision, 1.0); // only the page with a prediction
        assert_eq!(s.recall, 0.5);
        assert!(close(s.f1, 2.0 / 3.0));
    }

    #[test]
    fn empty_gold_costs_precision_only() {
        let page = score_gold("", "cookie banner");
        assert_eq!(page.counts.precision(), Some(0.0));
        assert_eq!(page.counts.recall(), None);
        let s = aggregate_gold(&[page]);
        assert_eq!((s.precision, s.recall, s.f1), (0.0, 0.0, 0.0));
        assert_eq!(aggregate_gold(&[]).f1, 0.0);
    }

    #[test]
    fn corpus_f1_is_harmonic_mean_of_mean_precision_and_recall() {
        // Page 1: gold 5 tokens (2 shingles), pred = first 4 tokens (1 shingle):
        //   tp 1 fp 0 fn 1 -> P 1, R 1/2.
        // Page 2: gold 4 tokens (1 shingle), pred = gold + 2 tokens
        //   (3 shingles: abcd bcde cdef): tp 1 fp 2 fn 0 -> P 1/3, R 1.
        let p1 = score_gold("a b c d e", "a b c d");
        let p2 = score_gold("a b c d", "a b c d e f");
        assert!(close(p2.counts.precision().unwrap(), 1.0 / 3.0));
        let s = aggregate_gold(&[p1, p2]);
        let (p, r) = ((1.0 + 1.0 / 3.0) / 2.0, (0.5 + 1.0) / 2.0);
        assert!(close(s.precision, p) && close(s.recall, r));
        assert!(close(s.f1, 2.0 * p * r / (p + r)));
        // Not the mean of page F1s: (2/3 + 1/2) / 2.
        assert!(close(s.f1_page_mean, (2.0 / 3.0 + 0.5) / 2.0));
        assert!((s.f1 - s.f1_page_mean).abs() > 0.05);
        assert_eq!(s.accuracy, 0.0);
        assert_eq!(s.pages, 2);
    }

    #[test]
    fn accuracy_counts_pages_with_f1_of_at_least_point_nine() {
        let exact = score_gold("a b c d e f", "a b c d e f");
        let bad = score_gold("a b c d e f", "x");
        let s = aggregate_gold(&[exact, bad]);
        assert_eq!(s.accuracy, 0.5);
        assert_eq!(s.exact, 0.5);
    }

    #[test]
    fn whitespace_is_normalised_like_python() {
        assert_eq!(normalize_ws("  a \n\t b\u{a0}\u{1f}c  "), "a b c");
        assert_eq!(normalize_ws(" \n "), "");
    }

    #[test]
    fn snippet_counts_per_page() {
        let pred = "The  headline\n\nFirst paragraph of the story.\nShare this";
        let c = SnippetCounts::new(
            &strings(&["The headline", "First  paragraph", "Missing text"]),
            &strings(&["Share\nthis", "Cookie policy"]),
            pred,
        );
        assert_eq!(
            c,
            SnippetCounts {
                tp: 2,
                fp: 1,
                fn_: 1,
                tn: 1
            }
        );
        assert_eq!(c.precision(), Some(2.0 / 3.0));
        assert_eq!(c.recall(), Some(2.0 / 3.0));
        assert!(close(c.f1(), 4.0 / 6.0));
        // Matching is case-sensitive substring search.
        let c = SnippetCounts::new(&strings(&["the headline"]), &[], pred);
        assert_eq!(c.tp, 0);
    }

    #[test]
    fn snippet_page_with_nothing_to_find_has_f1_one() {
        let c = SnippetCounts::new(&[], &strings(&["menu"]), "body text");
        assert_eq!(
            c,
            SnippetCounts {
                tp: 0,
                fp: 0,
                fn_: 0,
                tn: 1
            }
        );
        assert_eq!(c.f1(), 1.0);
        assert_eq!((c.precision(), c.recall()), (None, None));
    }

    #[test]
    fn snippet_scores_are_micro_averaged() {
        // Page a: tp 1 fn 3; page b: tp 1 fp 1 tn 1.
        let a = SnippetCounts {
            tp: 1,
            fp: 0,
            fn_: 3,
            tn: 0,
        };
        let b = SnippetCounts {
            tp: 1,
            fp: 1,
            fn_: 0,
            tn: 1,
        };
        let s = aggregate_snippets(&[a, b]);
        assert!(close(s.precision, 2.0 / 3.0)); // not mean(1, 1/2)
        assert!(close(s.recall, 2.0 / 5.0)); // not mean(1/4, 1)
        assert!(close(s.f1, 4.0 / 8.0));
        assert!(close(s.snippet_accuracy, 3.0 / 7.0));
        assert!(close(s.with_found, (0.25 + 1.0) / 2.0));
        assert!(close(s.without_absent, 0.5)); // page a has no without-snippet
        assert!(close(s.f1_page_mean, (2.0 / 5.0 + 2.0 / 3.0) / 2.0));
        assert_eq!(s.accuracy, 0.0);
        assert_eq!(
            s.counts,
            SnippetCounts {
                tp: 2,
                fp: 1,
                fn_: 3,
                tn: 1
            }
        );
    }

    #[test]
    fn empty_snippet_corpus_scores_zero() {
        let s = aggregate_snippets(&[]);
        assert_eq!((s.precision, s.recall, s.f1, s.pages), (0.0, 0.0, 0.0, 0));
    }
}
