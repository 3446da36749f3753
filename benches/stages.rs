//! Where an extraction's time goes, stage by stage, over whole corpora: each
//! page is run through the pipeline once untimed (`dechaff::stages`), then
//! every stage is timed once more from the kept outputs of the stages before
//! it. Prints each stage's mean milliseconds per page and its share of their
//! sum, beside html5ever's tokenizer alone on the same pages.
//!
//! Unlike `benches/extract.rs` (criterion, ~40 pages, many samples) this
//! covers every page of the corpora once, so a stage that is slow only on
//! some kinds of page shows. Corpus folders as for `benches/throughput.rs`
//! (arguments, else `DECHAFF_CORPORA`, else `../shared/corpora/*`); run it
//! pinned to one core:
//!
//! ```text
//! taskset -c 1 cargo bench --bench stages -- /work/shared/corpora/*/
//! ```

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use dechaff::stages::Stages;
use html5ever::tendril::StrTendril;

mod common;
use common::{corpus_dirs, pages_of, read_page, tokenize};

/// The allocator of the `dechaff` binary, as in the throughput bench.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The stages timed, in pipeline order.
const STAGES: [&str; 9] = [
    "tokenize (html5ever alone)",
    "decode",
    "parse",
    "clean",
    "segment",
    "score",
    "select",
    "render",
    "metadata",
];

fn main() {
    let dirs = corpus_dirs(Path::new(env!("CARGO_MANIFEST_DIR")));
    let mut totals = [Duration::ZERO; STAGES.len()];
    let mut pages = 0usize;
    for dir in &dirs {
        for path in pages_of(dir) {
            let html = read_page(&path);
            let Ok(stages) = Stages::prepare(&html) else {
                continue;
            };
            let text = StrTendril::from_slice(&String::from_utf8_lossy(&html));
            let mut time = |i: usize, run: &mut dyn FnMut()| {
                let t0 = Instant::now();
                run();
                totals[i] += t0.elapsed();
            };
            time(0, &mut || {
                black_box(tokenize(&text));
            });
            time(1, &mut || drop(black_box(stages.decode())));
            time(2, &mut || drop(black_box(stages.parse())));
            time(3, &mut || drop(black_box(stages.clean())));
            time(4, &mut || drop(black_box(stages.segment())));
            time(5, &mut || drop(black_box(stages.score())));
            time(6, &mut || drop(black_box(stages.select())));
            time(7, &mut || drop(black_box(stages.render())));
            time(8, &mut || drop(black_box(stages.metadata())));
            pages += 1;
        }
    }
    let ms = |d: Duration| d.as_secs_f64() * 1e3 / pages as f64;
    let pipeline: Duration = totals[1..].iter().sum();
    println!("pages: {pages}");
    for (name, total) in STAGES.iter().zip(totals) {
        let share = if name.starts_with("tokenize") {
            String::new()
        } else {
            format!("{:5.1}%", 100.0 * total.as_secs_f64() / pipeline.as_secs_f64())
        };
        println!("{name:28} {:7.3} ms/page {share}", ms(total));
    }
    println!("{:28} {:7.3} ms/page", "sum of the stages", ms(pipeline));
}
