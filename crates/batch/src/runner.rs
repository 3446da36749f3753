//! The pipeline of a batch run:
//!
//! ```text
//! reader thread ──jobs──▶ rayon workers (one Extractor each) ──done──▶ writer (caller's thread)
//!      ▲                                                                  │
//!      └──────────────────── window: pages in flight ◀────────────────────┘
//! ```
//!
//! One reader thread walks the inputs and reads pages in input order. A page
//! enters the [`Window`] before it is read and leaves it when its record has
//! been written, so at most [`Settings::window`] pages (and about
//! [`Settings::window_bytes`] bytes) are in memory at once, whatever the size
//! of the run. Workers run on a rayon pool of [`Settings::jobs`] threads; each
//! extracts with its own clone of the extractor, inside `catch_unwind`, so a
//! panic is one failed page. The writer runs on the caller's thread: in
//! [`Order::Input`] it holds early records in a reorder buffer (bounded by the
//! window) until the record before them is written.
//!
//! Stopping: when the caller's stop flag is set (Ctrl-C) the reader stops
//! and the pages already read are finished and written, so the output ends
//! on a whole record. When the writer fails (a closed pipe) the run aborts:
//! the reader and workers drop what they hold and the error is returned.

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender, TryRecvError};
use dechaff::{Extracted, Extractor, Input};

use crate::error::{Error, PageError};
use crate::feed::{Feed, Job, Signals};
use crate::input::{self, Inputs};
use crate::output::Sink;
use crate::record::{Record, Status};
use crate::window::Window;

/// The order of the output records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Order {
    /// The order of the inputs (the default). Costs a reorder buffer: a slow
    /// page holds back the records after it (at most [`Settings::window`]
    /// pages), and the workers idle if the window fills behind it.
    #[default]
    Input,
    /// The order pages finish in: no waiting behind a slow page.
    Unordered,
}

/// How a batch runs.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Settings {
    /// Worker threads. Default: the number of cores.
    pub jobs: usize,
    /// Output order. Default: [`Order::Input`].
    pub order: Order,
    /// Most pages in flight (read but not yet written). Default: 0, meaning
    /// 16 per job, at least 64.
    pub window: usize,
    /// Most bytes of pages in flight, unless a single page is larger.
    /// Default: 256 MiB.
    pub window_bytes: usize,
    /// Skip pages whose output file already exists under this directory
    /// (resuming a run of [`crate::output::Dir`]). Default: none.
    pub skip_existing: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            jobs: thread::available_parallelism().map_or(1, usize::from),
            order: Order::Input,
            window: 0,
            window_bytes: 256 << 20,
            skip_existing: None,
        }
    }
}

impl Settings {
    fn window_pages(&self) -> usize {
        if self.window > 0 {
            self.window
        } else {
            (16 * self.jobs.max(1)).max(64)
        }
    }
}

/// Sees every record as it is written (on the writer thread): for a progress
/// bar, messages, counters.
pub trait Observer {
    /// Called after `record` was written.
    fn record(&self, record: &Record);
}

impl<F: Fn(&Record)> Observer for F {
    fn record(&self, record: &Record) {
        self(record)
    }
}

/// The counts of a finished run.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Summary {
    /// Records written: `ok + empty + failed`.
    pub pages: u64,
    /// Pages with main text.
    pub ok: u64,
    /// Pages without main content.
    pub empty: u64,
    /// Pages that failed (their records carry the error).
    pub failed: u64,
    /// Records left out: WARC records that are not HTML pages, pages whose
    /// output already existed.
    pub skipped: u64,
    /// Wall-clock time of the run.
    pub elapsed: Duration,
    /// The run was stopped by the caller before reading every input.
    pub interrupted: bool,
}

impl Summary {
    /// Pages per second over the run.
    pub fn pages_per_second(&self) -> f64 {
        let seconds = self.elapsed.as_secs_f64();
        if seconds > 0.0 {
            self.pages as f64 / seconds
        } else {
            0.0
        }
    }

    fn count(&mut self, status: Status) {
        self.pages += 1;
        match status {
            Status::Ok => self.ok += 1,
            Status::Empty => self.empty += 1,
            Status::Failed => self.failed += 1,
        }
    }
}

/// A page's record on its way to the writer.
struct Done {
    seq: u64,
    weight: usize,
    record: Record,
}

/// A configured batch: what to read, with which extractor, how.
#[derive(Debug, Clone)]
pub struct Batch {
    extractor: Extractor,
    inputs: Inputs,
    settings: Settings,
}

impl Batch {
    /// A batch reading `inputs` with `extractor`.
    pub fn new(extractor: Extractor, inputs: Inputs, settings: Settings) -> Self {
        Batch {
            extractor,
            inputs,
            settings,
        }
    }

    /// Runs the batch to the end (or until `stop` is set), writing every
    /// page's record to `sink` and showing it to `observer`.
    ///
    /// # Errors
    /// [`Error::Output`] when the sink fails, [`Error::FileList`] when the list
    /// of files cannot be read (the pages before are written),
    /// [`Error::Threads`] when no thread can be started. A page that fails is
    /// a record, not an error.
    pub fn run(
        &self,
        sink: &mut dyn Sink,
        observer: &dyn Observer,
        stop: &AtomicBool,
    ) -> Result<Summary, Error> {
        let started = Instant::now();
        let jobs = self.settings.jobs.max(1);
        let window_pages = self.settings.window_pages();
        let window = Window::new(window_pages, self.settings.window_bytes);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .thread_name(|i| format!("dechaff-worker-{i}"))
            .build()
            .map_err(Error::Threads)?;
        let (job_tx, job_rx) = crossbeam_channel::bounded::<Job>(window_pages);
        let (done_tx, done_rx) = crossbeam_channel::bounded::<Done>(window_pages);
        let abort = AtomicBool::new(false);
        let skipped = AtomicU64::new(0);
        let mut summary = Summary::default();

        let (written, read) = thread::scope(|scope| {
            let (window, abort, skipped) = (&window, &abort, &skipped);
            let reader = scope.spawn(move || {
                let signals = Signals { stop, abort, skipped };
                let mut feed = Feed::new(job_tx, window, signals, self.settings.skip_existing.as_deref())
                    .output_format(self.extractor.options().format);
                input::read_all(&self.inputs, &mut feed)
            });
            scope.spawn(move || {
                pool.scope(|workers| {
                    for _ in 0..jobs {
                        let (jobs, done) = (job_rx.clone(), done_tx.clone());
                        let extractor = self.extractor.clone();
                        workers.spawn(move |_| work(&extractor, &jobs, &done, abort));
                    }
                });
            });
            let written = write_all(
                &done_rx,
                sink,
                observer,
                self.settings.order,
                window,
                &mut summary,
            );
            if written.is_err() {
                abort.store(true, Ordering::Relaxed);
                window.close();
            }
            drop(done_rx);
            let read = match reader.join() {
                Ok(read) => read,
                Err(panic) => panic::resume_unwind(panic),
            };
            (written, read)
        });
        written?;
        read?;
        summary.skipped = skipped.load(Ordering::Relaxed);
        summary.interrupted = stop.load(Ordering::Relaxed);
        summary.elapsed = started.elapsed();
        Ok(summary)
    }
}

/// A worker: extracts pages until the reader is done.
fn work(extractor: &Extractor, jobs: &Receiver<Job>, done: &Sender<Done>, abort: &AtomicBool) {
    for Job { seq, page, weight } in jobs {
        if abort.load(Ordering::Relaxed) {
            continue;
        }
        let outcome = page.body.and_then(|html| {
            let mut input = Input::new(&html);
            if let Some(url) = &page.origin.url {
                input = input.url(url);
            }
            if let Some(charset) = &page.charset {
                input = input.charset(charset);
            }
            guarded(|| extractor.extract_input(input))
        });
        let record = Record::new(page.origin, outcome);
        if done.send(Done { seq, weight, record }).is_err() {
            abort.store(true, Ordering::Relaxed);
        }
    }
}

/// Runs one extraction, turning a panic into a failed page.
fn guarded(extract: impl FnOnce() -> dechaff::Result<Extracted>) -> Result<Extracted, PageError> {
    match panic::catch_unwind(AssertUnwindSafe(extract)) {
        Ok(result) => result.map_err(PageError::Extract),
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Err(PageError::Panic(message))
        }
    }
}

/// The writer: writes records as they come (or in input order), flushing
/// whenever it has to wait, until every worker is done.
fn write_all(
    done: &Receiver<Done>,
    sink: &mut dyn Sink,
    observer: &dyn Observer,
    order: Order,
    window: &Window,
    summary: &mut Summary,
) -> Result<(), Error> {
    let mut emit = |item: Done, sink: &mut dyn Sink| -> Result<(), Error> {
        sink.write(&item.record).map_err(Error::Output)?;
        summary.count(item.record.status());
        observer.record(&item.record);
        window.leave(item.weight);
        Ok(())
    };
    let mut pending = BTreeMap::new();
    let mut next = 0u64;
    loop {
        let item = match done.try_recv() {
            Ok(item) => item,
            Err(TryRecvError::Disconnected) => break,
            Err(TryRecvError::Empty) => {
                sink.flush().map_err(Error::Output)?;
                match done.recv() {
                    Ok(item) => item,
                    Err(_) => break,
                }
            }
        };
        if order == Order::Unordered {
            emit(item, sink)?;
            continue;
        }
        pending.insert(item.seq, item);
        while let Some(item) = pending.remove(&next) {
            emit(item, sink)?;
            next += 1;
        }
    }
    // Nothing is left unless a page went missing; write it rather than lose it.
    for (_, item) in pending {
        emit(item, sink)?;
    }
    sink.flush().map_err(Error::Output)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_a_failed_page() {
        let outcome = guarded(|| panic!("boom on purpose"));
        match outcome {
            Err(PageError::Panic(message)) => assert_eq!(message, "boom on purpose"),
            other => panic!("expected a caught panic, got {other:?}"),
        }
        let formatted = guarded(|| panic!("code {}", 7));
        assert!(matches!(formatted, Err(PageError::Panic(m)) if m == "code 7"));
    }
}
