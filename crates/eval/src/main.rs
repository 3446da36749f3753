//! `dechaff-eval`: runs the dechaff library over the shared main-content
//! corpora and scores it with the metric of `shared/tools/score.py`, so that a
//! developer sees in one command how extraction fares on each corpus, which
//! pages fare worst, and whether a change made any corpus worse than the
//! committed baseline.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Parser, ValueEnum};
use dechaff::{Extractor, Focus, Options};
use dechaff_eval::baseline::{self, Baseline, Regression, TOLERANCE};
use dechaff_eval::corpus::Corpus;
use dechaff_eval::metric::{GoldScore, SnippetScore};
use dechaff_eval::run::{evaluate, ConfidenceGroup, CorpusResult, Kind, RunOptions};
use serde::Serialize;

/// Scores dechaff on main-content corpora (shared/corpora/<name>/) with the
/// metric of shared/tools/score.py: shingle precision, recall and F1 for gold
/// texts, micro-averaged snippet counts for snippet corpora.
///
/// Exit status: 0 on success, 1 when --check finds a regression, 2 on error.
#[derive(Debug, Parser)]
#[command(name = "dechaff-eval", version)]
struct Args {
    /// Corpus directories in the shared format (index.jsonl, html/, gold/);
    /// plain files among them are skipped.
    #[arg(required = true, value_name = "CORPUS_DIR")]
    corpora: Vec<PathBuf>,

    /// Show the N pages with the lowest page F1 of each corpus (0: none).
    #[arg(long, value_name = "N", default_value_t = 5)]
    worst: usize,

    /// Write each prediction to DIR/<corpus>/<id>.txt (to run score.py on).
    #[arg(long, value_name = "DIR")]
    preds: Option<PathBuf>,

    /// Print the results as JSON instead of a table.
    #[arg(long)]
    json: bool,

    /// The precision/recall trade-off of the extractor.
    #[arg(long, value_enum, default_value_t = FocusArg::Balanced)]
    focus: FocusArg,

    /// Also extract comment threads and append them to the prediction.
    #[arg(long)]
    comments: bool,

    /// Compare each corpus F1 with this JSON file (corpus name -> F1).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,

    /// Exit with status 1 when a corpus F1 is more than 0.005 below its baseline.
    #[arg(long, requires = "baseline")]
    check: bool,

    /// Write each corpus F1 to FILE (other corpora already in FILE are kept).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,

    /// Split each corpus's pages at this confidence and show how many pages
    /// fall on each side and their mean page F1: a confidence worth routing
    /// on gives the sure side a clearly higher F1.
    #[arg(long, value_name = "THRESHOLD", value_parser = parse_threshold)]
    confidence: Option<f32>,

    /// Worker threads [default: one per core].
    #[arg(short = 'j', long, value_name = "N")]
    jobs: Option<usize>,
}

/// `--focus` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum FocusArg {
    Balanced,
    Precision,
    Recall,
}

impl From<FocusArg> for Focus {
    fn from(focus: FocusArg) -> Focus {
        match focus {
            FocusArg::Balanced => Focus::Balanced,
            FocusArg::Precision => Focus::Precision,
            FocusArg::Recall => Focus::Recall,
        }
    }
}

/// Reads a `--confidence` threshold: a number in [0, 1].
fn parse_threshold(arg: &str) -> Result<f32, String> {
    match arg.parse::<f32>() {
        Ok(t) if (0.0..=1.0).contains(&t) => Ok(t),
        _ => Err(format!("{arg:?} is not a number from 0 to 1")),
    }
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(error) => {
            eprintln!("dechaff-eval: error: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Runs the evaluation; `Ok(false)` when `--check` found a regression.
fn run(args: Args) -> Result<bool> {
    if let Some(jobs) = args.jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build_global()
            .context("cannot set up the worker threads")?;
    }
    // Read every corpus and the baseline before the long part starts. Plain
    // files are skipped so that a glob such as `corpora/*` may catch README.md.
    let mut corpora = Vec::new();
    for path in &args.corpora {
        if path.is_file() {
            eprintln!(
                "dechaff-eval: skipping {}: a file, not a corpus directory",
                path.display()
            );
        } else {
            corpora.push(Corpus::open(path)?);
        }
    }
    if corpora.is_empty() {
        bail!("no corpus directory given");
    }
    let mut seen = BTreeMap::new();
    for corpus in &corpora {
        if let Some(other) = seen.insert(corpus.name.clone(), &corpus.dir) {
            bail!(
                "{} and {} have the same name {:?}; predictions and baselines are keyed by name",
                other.display(),
                corpus.dir.display(),
                corpus.name
            );
        }
    }
    let baseline = args.baseline.as_deref().map(baseline::read).transpose()?;

    let mut options = Options::default();
    options.focus = args.focus.into();
    options.comments = args.comments;
    let extractor = Extractor::new(options).context("invalid extractor options")?;
    let run_options = RunOptions {
        append_comments: args.comments,
        preds: args.preds.clone(),
    };

    let mut results = Vec::new();
    for corpus in &corpora {
        let result = evaluate(corpus, &extractor, &run_options)
            .with_context(|| format!("evaluating {}", corpus.dir.display()))?;
        if !args.json {
            eprintln!(
                "{}: {} pages in {:.1} s",
                result.name,
                result.pages.len(),
                result.seconds
            );
        }
        results.push(result);
    }

    let figures: Baseline = results.iter().map(|r| (r.name.clone(), r.main().2)).collect();
    let regressions = baseline
        .as_ref()
        .map(|b| baseline::regressions(b, &figures))
        .unwrap_or_default();
    let mean_f1 = mean(results.iter().map(|r| r.main().2));

    if args.json {
        let report = JsonReport {
            corpora: results
                .iter()
                .map(|r| JsonCorpus::new(r, baseline.as_ref(), args.worst, args.confidence))
                .collect(),
            mean_f1,
            regressions: baseline.as_ref().map(|_| regressions.clone()),
        };
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_report(&results, baseline.as_ref(), mean_f1, args.worst);
        if let Some(threshold) = args.confidence {
            print_confidence(&results, threshold);
        }
    }

    if let Some(path) = &args.write_baseline {
        baseline::write(path, &figures)?;
        eprintln!("wrote the F1 of {} corpora to {}", figures.len(), path.display());
    }
    for r in &regressions {
        eprintln!(
            "REGRESSION {}: F1 {:.3} is {:.3} below the baseline {:.3} (tolerance {TOLERANCE})",
            r.corpus,
            r.f1,
            r.baseline - r.f1,
            r.baseline
        );
    }
    Ok(!args.check || regressions.is_empty())
}

fn mean(xs: impl ExactSizeIterator<Item = f64>) -> f64 {
    let n = xs.len();
    if n == 0 {
        0.0
    } else {
        xs.sum::<f64>() / n as f64
    }
}

fn fmt_opt(x: Option<f64>) -> String {
    x.map_or_else(|| "  -  ".to_owned(), |x| format!("{x:.3}"))
}

fn print_report(results: &[CorpusResult], baseline: Option<&Baseline>, mean_f1: f64, worst: usize) {
    let width = results.iter().map(|r| r.name.len()).max().unwrap_or(6).max(6);
    let base_header = if baseline.is_some() { "   base  delta" } else { "" };
    println!(
        "{:<width$}  {:<8} {:>5} {:>6}  {:>5}  {:>5}  {:>5}{base_header}",
        "corpus", "kind", "pages", "errors", "P", "R", "F1"
    );
    for r in results {
        let (p, rec, f1) = r.main();
        let kind = match r.kind {
            Kind::Gold => "gold",
            Kind::Snippets => "snippets",
            Kind::Empty => "empty",
        };
        let base = match baseline.map(|b| b.get(&r.name)) {
            None => String::new(),
            Some(None) => "      -      -".to_owned(),
            Some(Some(b)) => format!("  {b:.3} {:+.3}", f1 - b),
        };
        println!(
            "{:<width$}  {kind:<8} {:>5} {:>6}  {p:.3}  {rec:.3}  {f1:.3}{base}",
            r.name,
            r.scored_pages(),
            r.errors().count()
        );
        if let (Kind::Gold, Some(s)) = (r.kind, &r.snippets) {
            println!(
                "{:<width$}  {:<8} {:>5} {:>6}  {:.3}  {:.3}  {:.3}",
                "  + snippets", "", s.pages, "", s.precision, s.recall, s.f1
            );
        }
    }
    println!("mean F1 over {} corpora: {mean_f1:.3}", results.len());

    for r in results {
        let pages = r.worst(worst);
        let errors: Vec<_> = r.errors().collect();
        if pages.is_empty() && errors.is_empty() {
            continue;
        }
        println!();
        if r.no_truth > 0 {
            println!(
                "{}: {} page(s) with neither gold nor snippets, not scored",
                r.name, r.no_truth
            );
        }
        if !pages.is_empty() {
            println!("worst pages of {} (html in {}/html/):", r.name, r.dir.display());
            for page in pages {
                println!(
                    "  P {}  R {}  F1 {}  {}",
                    fmt_opt(page.precision()),
                    fmt_opt(page.recall()),
                    fmt_opt(page.f1()),
                    page.id
                );
            }
        }
        if !errors.is_empty() {
            println!(
                "extraction errors in {} ({}, scored as empty):",
                r.name,
                errors.len()
            );
            for page in errors {
                println!("  {}: {}", page.id, page.error.as_deref().unwrap_or_default());
            }
        }
    }
}

/// The `--confidence` table: per corpus, the pages at or above the threshold
/// and those below, with their mean page F1; then the gold-text corpora
/// together (snippet corpora score pages on another scale, so they are left
/// out of the total).
fn print_confidence(results: &[CorpusResult], threshold: f32) {
    let width = results.iter().map(|r| r.name.len()).max().unwrap_or(6).max(6);
    println!();
    println!(
        "{:<width$}  {:>9} {:>7}  {:>9} {:>7}",
        format!("confidence split at {threshold}"),
        "sure",
        "F1",
        "doubtful",
        "F1"
    );
    let row = |name: &str, [sure, doubtful]: [ConfidenceGroup; 2]| {
        println!(
            "{name:<width$}  {:>9} {:>7}  {:>9} {:>7}",
            sure.pages,
            fmt_opt(sure.mean_f1()),
            doubtful.pages,
            fmt_opt(doubtful.mean_f1())
        );
    };
    let mut total = [ConfidenceGroup::default(); 2];
    let mut gold_corpora = 0;
    for r in results {
        let groups = r.by_confidence(threshold);
        row(&r.name, groups);
        if r.kind == Kind::Gold {
            gold_corpora += 1;
            total = [total[0].merge(groups[0]), total[1].merge(groups[1])];
        }
    }
    row(&format!("{gold_corpora} gold-text corpora"), total);
}

/// The `--json` output.
#[derive(Serialize)]
struct JsonReport {
    corpora: Vec<JsonCorpus>,
    mean_f1: f64,
    /// Present when a baseline was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    regressions: Option<Vec<Regression>>,
}

/// One corpus in the `--json` output; `precision`, `recall`, `f1` and
/// `pages` are the main figures, as in score.py's JSON.
#[derive(Serialize)]
struct JsonCorpus {
    corpus: String,
    dir: PathBuf,
    kind: Kind,
    pages: usize,
    precision: f64,
    recall: f64,
    f1: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gold: Option<GoldScore>,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippets: Option<SnippetScore>,
    no_truth: usize,
    errors: Vec<JsonPage>,
    worst: Vec<JsonPage>,
    /// Present with `--confidence`.
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<JsonConfidence>,
    seconds: f64,
}

/// The `--confidence` split of one corpus in the `--json` output.
#[derive(Serialize)]
struct JsonConfidence {
    threshold: f32,
    sure_pages: usize,
    sure_f1: Option<f64>,
    doubtful_pages: usize,
    doubtful_f1: Option<f64>,
}

/// A page in the `--json` output.
#[derive(Serialize)]
struct JsonPage {
    id: String,
    precision: Option<f64>,
    recall: Option<f64>,
    f1: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

impl JsonCorpus {
    fn new(r: &CorpusResult, baseline: Option<&Baseline>, worst: usize, confidence: Option<f32>) -> Self {
        let page = |p: &dechaff_eval::run::PageResult| JsonPage {
            id: p.id.clone(),
            precision: p.precision(),
            recall: p.recall(),
            f1: p.f1(),
            error: p.error.clone(),
        };
        let (precision, recall, f1) = r.main();
        JsonCorpus {
            corpus: r.name.clone(),
            dir: r.dir.clone(),
            kind: r.kind,
            pages: r.scored_pages(),
            precision,
            recall,
            f1,
            baseline: baseline.and_then(|b| b.get(&r.name).copied()),
            gold: r.gold,
            snippets: r.snippets,
            no_truth: r.no_truth,
            errors: r.errors().map(page).collect(),
            worst: r.worst(worst).into_iter().map(page).collect(),
            confidence: confidence.map(|threshold| {
                let [sure, doubtful] = r.by_confidence(threshold);
                JsonConfidence {
                    threshold,
                    sure_pages: sure.pages,
                    sure_f1: sure.mean_f1(),
                    doubtful_pages: doubtful.pages,
                    doubtful_f1: doubtful.mean_f1(),
                }
            }),
            seconds: r.seconds,
        }
    }
}
