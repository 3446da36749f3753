//! The `dechaff` command: the main content of web pages, without the chaff.
//!
//! `dechaff page.html` (or `dechaff < page.html`, `curl -s URL | dechaff`)
//! prints the page's main text. Several pages (several files, directories,
//! WARC archives, `--files-from`, `--input jsonl`) print one JSON line per
//! page, or one file per page with `--output-dir`. `dechaff --help` explains
//! every flag.
//!
//! The work is done by two libraries: `dechaff` (crates/core) extracts one
//! page, `dechaff-batch` (crates/batch) reads inputs and runs pages through a
//! pool of workers. This binary parses the flags ([`flags`]), words errors for
//! people ([`messages`]), shows progress ([`progress`]) and maps the outcome
//! to an exit code.
//!
//! # Exit codes
//!
//! * 0: done; every page was extracted (pages without main content included).
//! * 1: some pages failed; each one's error is on stderr and in its record.
//! * 2: usage error, or an I/O error that stopped the run (the output cannot
//!   be written, the `--files-from` list cannot be read).
//! * 130: interrupted by Ctrl-C; the pages already read were finished and
//!   the output is intact (a second Ctrl-C quits at once).
//!
//! A closed output pipe (`dechaff big.html | head -1`) is not an error: the
//! command stops quietly with 0.
//!
//! `dechaff explain page.html > view.html` ([`explain`]) writes an HTML page
//! showing why each text block was kept or dropped.

/// mimalloc for the whole process (see its entry in Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod explain;
mod flags;
mod messages;
mod progress;

use std::fs::{self, File};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use clap::Parser;
use dechaff_batch::output::{Dir, JsonLines, Sink, Text};
use dechaff_batch::Batch;

use crate::flags::{Config, Destination, Flags, Output};
use crate::progress::Progress;

/// Output buffer size: records are written in pieces.
const OUTPUT_BUFFER: usize = 256 << 10;

fn main() -> ExitCode {
    if explain::requested() {
        return explain::main();
    }
    let config = match Flags::parse().into_config() {
        Ok(config) => config,
        Err(usage) => usage.exit(),
    };
    match run(config) {
        Ok(code) => code,
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("dechaff: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Runs the command; `Err` is a usage or I/O error (exit code 2).
fn run(config: Config) -> anyhow::Result<ExitCode> {
    let extractor = dechaff::Extractor::new(config.options).map_err(|e| anyhow::anyhow!(e))?;
    let stop = Arc::new(AtomicBool::new(false));
    if !config.single {
        let flag = Arc::clone(&stop);
        // Without a handler Ctrl-C kills the process as usual: acceptable.
        let _ = ctrlc::set_handler(move || {
            if flag.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
            eprintln!("dechaff: interrupted: finishing the pages already read (Ctrl-C again to quit now)");
        });
    }

    let show_bar = !config.single && !config.quiet && io::stderr().is_terminal();
    let progress = Progress::new(show_bar, config.quiet, config.single);
    if let Some(bar) = progress.bar() {
        let inputs = config.inputs.clone();
        std::thread::spawn(move || {
            if let Some(total) = inputs.count_pages() {
                progress::set_total(&bar, total);
            }
        });
    }

    let mut sink: Box<dyn Sink> = match &config.output {
        Output::Text(destination) => Box::new(Text::new(open(destination)?)),
        Output::Lines(destination) => {
            Box::new(JsonLines::new(open(destination)?).describe_errors(messages::describe))
        }
        Output::Dir(root) => {
            fs::create_dir_all(root).map_err(|e| {
                anyhow::anyhow!(
                    "cannot create the output directory {}: {e}; check the path and its permissions",
                    root.display()
                )
            })?;
            Box::new(Dir::new(root))
        }
    };

    let batch = Batch::new(extractor, config.inputs, config.settings);
    let summary = batch.run(sink.as_mut(), &progress, &stop);
    progress.finish();
    let summary = match summary {
        Ok(summary) => summary,
        Err(error) if error.is_broken_pipe() => return Ok(ExitCode::SUCCESS),
        Err(error) => anyhow::bail!(messages::run_error(&error)),
    };
    if !config.single && !config.quiet {
        eprintln!("{}", messages::summary(&summary));
    }
    Ok(if summary.interrupted {
        ExitCode::from(130)
    } else if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Standard output or a new file, buffered.
fn open(destination: &Destination) -> anyhow::Result<Box<dyn Write>> {
    Ok(match destination {
        Destination::Stdout => Box::new(BufWriter::with_capacity(OUTPUT_BUFFER, io::stdout().lock())),
        Destination::File(path) => {
            let file = File::create(path).map_err(|e| {
                anyhow::anyhow!(
                    "cannot create the output file {}: {e}; check that its folder exists and is writable",
                    path.display()
                )
            })?;
            Box::new(BufWriter::with_capacity(OUTPUT_BUFFER, file))
        }
    })
}

/// A reader of our output went away: not an error.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
