//! Throughput over whole corpora: pages/s and MB/s of the dechaff library (and,
//! for comparison, of html5ever alone on the same pages).
//!
//! Not a criterion bench: one pass over every page of the given corpus
//! folders, timed the way the peers harness (`/work/shared/tools/peers`) times
//! other extractors, so the figures can be set side by side.
//!
//! Corpus folders are the command-line arguments, else the colon-separated
//! `DECHAFF_CORPORA`, else every folder of `<workspace>/../shared/corpora`. A
//! folder holds `html/*.html[.gz]` (the shared corpora) or `*.html` (this
//! repo's `corpus/`). `DECHAFF_THREADS` sets the number of worker threads
//! (default 1; `0` means all cores). `DECHAFF_STAGE` picks what is timed:
//!
//! - `dechaff` (default): `Extractor::new(Options::default())?.extract(&bytes)`,
//!   raw bytes in, so charset detection and decoding are timed (the peers
//!   harness decodes outside its timing);
//! - `dechaff-text`: the same with `Options::metadata` off: the main text
//!   and title only, what the command does for txt/markdown/html output;
//! - `parse`: dechaff's decoding and parsing into its own DOM
//!   (`dechaff::stages::decode_and_parse`), the part of the extraction
//!   before its own stages;
//! - `rcdom`: html5ever building a `markup5ever_rcdom` tree;
//! - `tokenize`: html5ever's tokenizer into a no-op sink.
//!
//! The html5ever stages get the page decoded to UTF-8 (lossily) outside the
//! timing. Each worker takes the next page, reads and gunzips it (not timed),
//! then times one call. Printed, one `key: value` per line:
//!
//! - `cpu pages/s`, `cpu MB/s`: pages (bytes) per second of CPU time spent in
//!   the calls (the thread's on-CPU time from `/proc/thread-self/schedstat`):
//!   the figure least disturbed by other work on a shared machine (it also
//!   counts the few microseconds of reading that file, which matters only
//!   for pages far smaller than the corpora's);
//! - `extract pages/s`, `extract MB/s`: pages (bytes) over the summed
//!   wall-clock time of the calls, times the number of workers. With one
//!   worker on an idle core this is what the peers harness reports;
//! - `wall pages/s`, `wall MB/s`: pages (bytes) over the wall-clock time of the
//!   whole pass, reading and gunzipping included: what a batch job sees;
//! - the median and 95th-percentile wall-clock time per page, the errors, and
//!   the process's peak RSS (`VmHWM`). Pages are streamed, never all held in
//!   memory, so the RSS is the working set plus the largest page.
//!
//! With `DECHAFF_PAGE_TIMES=FILE` it also writes each page's path, bytes and
//! call time in seconds (tab-separated, in page order) to `FILE`, to find the
//! pages a stage spends its time on.
//!
//! The bench runs with the `dechaff` binary's allocator (mimalloc), so its
//! figures are the command's; a library user with the system allocator gets
//! about 3% less (median of 5 interleaved runs, 2026-11-28).
//!
//! MB are 10^6 bytes of uncompressed HTML. `benches/throughput.sh` builds
//! this bench and runs it with one thread and all threads under
//! `/usr/bin/time -v`; it is the intended way to run it:
//!
//! ```text
//! benches/throughput.sh                          # all shared corpora
//! benches/throughput.sh corpus                   # this repo's pages
//! DECHAFF_STAGE=rcdom cargo bench --bench throughput -- /work/shared/corpora/dragnet
//! ```

/// The allocator of the `dechaff` binary, so the figures are the command's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use html5ever::parse_document;
use html5ever::tendril::{StrTendril, TendrilSink};
use markup5ever_rcdom::RcDom;

mod common;
use common::{corpus_dirs, pages_of, parse_options, read_page, tokenize};

/// What is timed on each page (`DECHAFF_STAGE`).
#[derive(Clone, Copy, Debug)]
enum Stage {
    Tokenize,
    Rcdom,
    Parse,
    Dechaff,
}

/// What the workers measured.
#[derive(Default)]
struct Tally {
    bytes: u64,
    errors: usize,
    /// Each call's page (its index in the page list), bytes and wall-clock
    /// time.
    pages: Vec<(usize, usize, Duration)>,
    /// On-CPU time of all calls, in nanoseconds.
    cpu_ns: u64,
}

fn main() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dirs = corpus_dirs(workspace);
    let pages: Vec<PathBuf> = dirs.iter().flat_map(|d| pages_of(d)).collect();
    assert!(!pages.is_empty(), "no pages in {dirs:?}");
    let threads = match std::env::var("DECHAFF_THREADS").ok().and_then(|t| t.parse().ok()) {
        Some(0) => std::thread::available_parallelism().map_or(1, |n| n.get()),
        Some(n) => n,
        None => 1,
    };
    let stage = match std::env::var("DECHAFF_STAGE").as_deref() {
        Ok("tokenize") => Stage::Tokenize,
        Ok("rcdom") => Stage::Rcdom,
        Ok("parse") => Stage::Parse,
        Ok("dechaff") | Err(_) => Stage::Dechaff,
        Ok("dechaff-text") => Stage::Dechaff,
        Ok(other) => {
            panic!("DECHAFF_STAGE={other}: expected tokenize, rcdom, parse, dechaff or dechaff-text")
        }
    };
    let mut options = dechaff::Options::default();
    // dechaff-text: the text alone, as the command prints it (no metadata).
    options.metadata = std::env::var("DECHAFF_STAGE").as_deref() != Ok("dechaff-text");
    let extractor = dechaff::Extractor::new(options).expect("valid options");
    // One untimed warm-up call, as the peers harness does.
    let _ = black_box(extractor.extract(&read_page(&pages[0])));

    let next = AtomicUsize::new(0);
    let total = Mutex::new(Tally::default());
    let start = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut tally = Tally::default();
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = pages.get(index) else { break };
                    let bytes = read_page(path);
                    // html5ever takes text: decode outside the timing.
                    let text = match stage {
                        Stage::Dechaff | Stage::Parse => StrTendril::new(),
                        _ => StrTendril::from_slice(&String::from_utf8_lossy(&bytes)),
                    };
                    let cpu0 = thread_cpu_ns();
                    let t0 = Instant::now();
                    let ok = match stage {
                        Stage::Tokenize => black_box(tokenize(black_box(&text))) > 0,
                        Stage::Rcdom => {
                            // The tree is dropped inside the timing, as dechaff's is.
                            black_box(parse_document(RcDom::default(), parse_options()).one(text));
                            true
                        }
                        Stage::Parse => {
                            black_box(dechaff::stages::decode_and_parse(black_box(&bytes))).is_ok()
                        }
                        Stage::Dechaff => black_box(extractor.extract(black_box(&bytes))).is_ok(),
                    };
                    let took = t0.elapsed();
                    tally.pages.push((index, bytes.len(), took));
                    tally.cpu_ns += thread_cpu_ns().saturating_sub(cpu0);
                    tally.bytes += bytes.len() as u64;
                    tally.errors += usize::from(!ok);
                }
                let mut total = total.lock().expect("no worker panicked");
                total.bytes += tally.bytes;
                total.errors += tally.errors;
                total.cpu_ns += tally.cpu_ns;
                total.pages.extend(tally.pages);
            });
        }
    });
    let wall = start.elapsed().as_secs_f64();
    let mut tally = total.into_inner().expect("no worker panicked");
    let mut times: Vec<Duration> = tally.pages.iter().map(|&(.., took)| took).collect();
    times.sort();

    let n = times.len() as f64;
    let mb = tally.bytes as f64 / 1e6;
    // Per-worker busy time: the summed call time spread over the workers.
    let busy = times.iter().map(Duration::as_secs_f64).sum::<f64>() / threads as f64;
    let cpu = tally.cpu_ns as f64 / 1e9;
    let percentile = |p: f64| times[((n - 1.0) * p).round() as usize].as_secs_f64() * 1e3;
    let names: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
    println!("corpora: {}", names.join(" "));
    println!("stage: {stage:?}");
    println!("threads: {threads}");
    println!("pages: {}", times.len());
    println!("MB: {mb:.2}");
    println!("errors: {}", tally.errors);
    if cpu > 0.0 {
        println!("cpu pages/s: {:.1}", n / cpu);
        println!("cpu MB/s: {:.2}", mb / cpu);
    }
    println!("extract pages/s: {:.1}", n / busy);
    println!("extract MB/s: {:.2}", mb / busy);
    println!("wall pages/s: {:.1}", n / wall);
    println!("wall MB/s: {:.2}", mb / wall);
    println!("median ms/page: {:.2}", percentile(0.5));
    println!("p95 ms/page: {:.2}", percentile(0.95));
    if let Some(kb) = peak_rss_kb() {
        println!("peak RSS MB (VmHWM): {:.1}", kb as f64 / 1024.0);
    }
    if let Ok(file) = std::env::var("DECHAFF_PAGE_TIMES") {
        tally.pages.sort_unstable_by_key(|&(index, ..)| index);
        let lines: String = tally
            .pages
            .iter()
            .map(|&(index, bytes, took)| {
                format!("{}\t{bytes}\t{:.9}\n", pages[index].display(), took.as_secs_f64())
            })
            .collect();
        fs::write(&file, lines).unwrap_or_else(|e| panic!("DECHAFF_PAGE_TIMES={file}: {e}"));
    }
}

/// The process's peak resident set size in KiB, from `/proc/self/status`.
fn peak_rss_kb() -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// This thread's on-CPU time in nanoseconds (`/proc/thread-self/schedstat`);
/// 0 where the file is missing, which turns the CPU-time figures off.
fn thread_cpu_ns() -> u64 {
    fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}
