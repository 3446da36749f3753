//! Criterion benches: how dechaff's full extraction compares with html5ever's
//! own floor on the same pages.
//!
//! Three benches run over one fixed set of real pages, each iteration
//! processing every page of the set once (so criterion's `Throughput::Bytes`
//! is the whole set's size and pages/s = pages in the set / time per
//! iteration):
//!
//! - `tokenize`: html5ever's tokenizer into a no-op `TokenSink` (as in
//!   html5ever's `examples/noop-tokenize.rs`), the cheapest pass over the
//!   markup html5ever can make;
//! - `rcdom`: html5ever's tree builder into a `markup5ever_rcdom::RcDom`, the
//!   DOM most html5ever users start from;
//! - `dechaff`: the public API,
//!   `Extractor::new(Options::default())?.extract(&bytes)` (decoding, parse
//!   into dechaff's arena, cleaning, scoring, selection, rendering).
//!
//! The first two are given text already decoded to UTF-8 (lossily, outside
//! the timing); `dechaff` is given the raw bytes and decodes them itself, so
//! its time includes charset detection and decoding.
//!
//! The pages: 5 per corpus, evenly spaced in file-name order, from
//! `<workspace>/../shared/corpora/*/html/*.html.gz` (gunzipped once, before
//! any timing); if that folder is absent, every `corpus/*.html` of this repo.
//!
//! A second group, `<n>_pages_stage`, times each stage of the engine alone
//! over the same pages (through the `stages` feature of the library):
//! `decode`, `parse` (into the arena DOM, dropped inside the timing), `clean`,
//! `segment`, `score`, `select`, `render` (text and title) and `metadata`.
//! Each runs from the kept outputs of the stages before it, so their times
//! add up to about the whole extraction.
//!
//! Criterion measures wall-clock time. On a machine shared with other work,
//! set `DECHAFF_BENCH_CLOCK=cpu` to measure the bench thread's on-CPU time
//! instead (Linux, from `/proc/thread-self/schedstat`): time spent waiting
//! for a core is then left out, and the reported "time" and "thrpt" are per
//! CPU-second.
//!
//! Run (short, for a shared machine):
//!
//! ```text
//! DECHAFF_BENCH_CLOCK=cpu cargo bench --bench extract -- \
//!     --warm-up-time 1 --measurement-time 5 --sample-size 20
//! ```

use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dechaff::stages::Stages;
use html5ever::parse_document;
use html5ever::tendril::{StrTendril, TendrilSink};
use markup5ever_rcdom::RcDom;

mod common;
use common::{parse_options, read_page, sorted_entries, tokenize};

/// Pages taken from each shared corpus.
const PAGES_PER_CORPUS: usize = 5;

/// One benchmark page: its raw bytes and the same page decoded to UTF-8.
struct Page {
    bytes: Vec<u8>,
    text: StrTendril,
}

/// Loads the fixed page set (see the module docs).
fn load_pages() -> Vec<Page> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = workspace.join("../shared/corpora");
    let paths = if shared.is_dir() {
        shared_sample(&shared)
    } else {
        local_corpus(workspace)
    };
    assert!(!paths.is_empty(), "no benchmark pages found");
    paths
        .iter()
        .map(|path| {
            let bytes = read_page(path);
            let text = StrTendril::from_slice(&String::from_utf8_lossy(&bytes));
            Page { bytes, text }
        })
        .collect()
}

/// `PAGES_PER_CORPUS` pages of every corpus, evenly spaced in name order.
fn shared_sample(shared: &Path) -> Vec<PathBuf> {
    let mut corpora = sorted_entries(shared, |p| p.join("html").is_dir());
    corpora.sort();
    let mut picked = Vec::new();
    for corpus in corpora {
        let pages = sorted_entries(&corpus.join("html"), |p| {
            p.to_string_lossy().ends_with(".html.gz")
        });
        let take = PAGES_PER_CORPUS.min(pages.len());
        picked.extend((0..take).map(|i| pages[i * pages.len() / take].clone()));
    }
    picked
}

/// Every `corpus/*.html` of this repository.
fn local_corpus(workspace: &Path) -> Vec<PathBuf> {
    sorted_entries(&workspace.join("corpus"), |p| {
        p.extension().is_some_and(|e| e == "html")
    })
}

/// Criterion's clock: wall-clock time, or the thread's on-CPU time when
/// `DECHAFF_BENCH_CLOCK=cpu`.
struct Clock {
    cpu: bool,
    wall: WallTime,
}

impl Clock {
    fn from_env() -> Clock {
        let cpu = std::env::var("DECHAFF_BENCH_CLOCK").is_ok_and(|c| c == "cpu");
        assert!(
            !cpu || thread_cpu_ns().is_some(),
            "DECHAFF_BENCH_CLOCK=cpu needs /proc/thread-self/schedstat"
        );
        Clock { cpu, wall: WallTime }
    }
}

impl Measurement for Clock {
    type Intermediate = (Instant, u64);
    type Value = Duration;

    fn start(&self) -> (Instant, u64) {
        (
            Instant::now(),
            if self.cpu { thread_cpu_ns().unwrap_or(0) } else { 0 },
        )
    }
    fn end(&self, (wall, cpu): (Instant, u64)) -> Duration {
        if self.cpu {
            Duration::from_nanos(thread_cpu_ns().unwrap_or(0).saturating_sub(cpu))
        } else {
            wall.elapsed()
        }
    }
    fn add(&self, v1: &Duration, v2: &Duration) -> Duration {
        *v1 + *v2
    }
    fn zero(&self) -> Duration {
        Duration::ZERO
    }
    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        self.wall.formatter()
    }
}

/// This thread's on-CPU time in nanoseconds, from `/proc/thread-self/schedstat`.
fn thread_cpu_ns() -> Option<u64> {
    fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn benches(c: &mut Criterion<Clock>) {
    let pages = load_pages();
    let bytes: usize = pages.iter().map(|p| p.bytes.len()).sum();
    let extractor = dechaff::Extractor::new(dechaff::Options::default()).expect("default options");
    eprintln!("benchmark set: {} pages, {bytes} bytes", pages.len());

    let mut group = c.benchmark_group(format!("{}_pages", pages.len()));
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("tokenize", |b| {
        b.iter(|| pages.iter().map(|p| tokenize(black_box(&p.text))).sum::<usize>())
    });
    group.bench_function("rcdom", |b| {
        b.iter(|| {
            for page in &pages {
                let dom = parse_document(RcDom::default(), parse_options()).one(black_box(page.text.clone()));
                black_box(dom);
            }
        })
    });
    group.bench_function("dechaff", |b| {
        b.iter(|| {
            for page in &pages {
                // Errors (limits, binary input) are part of the workload too.
                let _ = black_box(extractor.extract(black_box(&page.bytes)));
            }
        })
    });
    group.finish();

    // Each stage of the pipeline alone, from the kept output of the stages
    // before it (dechaff::stages). Throughput is still the pages' HTML bytes,
    // so the stages' figures compare with each other and with the above.
    let stages: Vec<Stages> = pages
        .iter()
        .filter_map(|p| Stages::prepare(&p.bytes).ok())
        .collect();
    let mut group = c.benchmark_group(format!("{}_pages_stage", pages.len()));
    group.throughput(Throughput::Bytes(bytes as u64));
    type Stage = fn(&Stages) -> Box<dyn std::any::Any>;
    let each: [(&str, Stage); 8] = [
        ("decode", |s| Box::new(s.decode())),
        ("parse", |s| Box::new(s.parse())),
        ("clean", |s| Box::new(s.clean())),
        ("segment", |s| Box::new(s.segment())),
        ("score", |s| Box::new(s.score())),
        ("select", |s| Box::new(s.select())),
        ("render", |s| Box::new(s.render())),
        ("metadata", |s| Box::new(s.metadata())),
    ];
    for (name, stage) in each {
        group.bench_function(name, |b| {
            b.iter(|| {
                for page in &stages {
                    black_box(stage(black_box(page)));
                }
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = extract;
    config = Criterion::default().with_measurement(Clock::from_env());
    targets = benches
}
criterion_main!(extract);
