//! The readers' end of the queue. Every reader (plain file, WARC, JSON
//! lines) hands its pages to a [`Feed`], which numbers them in input order,
//! holds them to the [`Window`] (a reader first reserves a [`Slot`], then
//! reads the page, then sends it), counts skipped records, and tells the
//! reader when to stop (Ctrl-C, or the writer failed).

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use crossbeam_channel::Sender;

use crate::page::Page;
use crate::window::Window;

/// A page numbered in input order, on its way to a worker.
#[derive(Debug)]
pub(crate) struct Job {
    /// Position in the input order, from 0.
    pub seq: u64,
    /// The page.
    pub page: Page,
    /// Bytes charged to the window for it.
    pub weight: usize,
}

/// The shared flags and counters a [`Feed`] reports to.
#[derive(Debug)]
pub(crate) struct Signals<'a> {
    /// Set by the caller (Ctrl-C): stop reading, finish what is in flight.
    pub stop: &'a AtomicBool,
    /// Set by the run when the writer failed: stop everything.
    pub abort: &'a AtomicBool,
    /// Records seen and left out (not pages, or already done).
    pub skipped: &'a AtomicU64,
}

/// Hands pages from the readers to the workers.
#[derive(Debug)]
pub(crate) struct Feed<'a> {
    jobs: Sender<Job>,
    window: &'a Window,
    signals: Signals<'a>,
    skip_existing: Option<&'a Path>,
    /// The output's format, whose extension the files under `skip_existing`
    /// have.
    format: dechaff::Format,
    next_seq: u64,
}

impl<'a> Feed<'a> {
    /// A feed sending to `jobs`; pages whose output exists under
    /// `skip_existing` are skipped.
    pub fn new(
        jobs: Sender<Job>,
        window: &'a Window,
        signals: Signals<'a>,
        skip_existing: Option<&'a Path>,
    ) -> Self {
        Feed {
            jobs,
            window,
            signals,
            skip_existing,
            format: dechaff::Format::Text,
            next_seq: 0,
        }
    }

    /// Looks for the files of `format` under `skip_existing` (default: text).
    pub fn output_format(mut self, format: dechaff::Format) -> Self {
        self.format = format;
        self
    }

    /// True when readers should stop reading.
    pub fn stopping(&self) -> bool {
        self.signals.stop.load(Ordering::Relaxed) || self.signals.abort.load(Ordering::Relaxed)
    }

    /// Counts a record that is not a page (or a page left out).
    pub fn skip(&self) {
        self.signals.skipped.fetch_add(1, Ordering::Relaxed);
    }

    /// True (and counted as skipped) when a previous run already wrote the
    /// page named `name`.
    pub fn already_done(&self, name: &Path) -> bool {
        let done = self
            .skip_existing
            .is_some_and(|root| root.join(crate::naming::in_format(name, self.format)).exists());
        if done {
            self.skip();
        }
        done
    }

    /// Reserves room for one page, waiting for the window; `None` when the
    /// run is stopping.
    pub fn reserve(&mut self) -> Option<Slot<'_, 'a>> {
        if self.stopping() || !self.window.enter() {
            return None;
        }
        Some(Slot {
            feed: self,
            used: false,
        })
    }
}

/// Room for one page in the window; dropping it unused gives the room back.
#[derive(Debug)]
pub(crate) struct Slot<'f, 'a> {
    feed: &'f mut Feed<'a>,
    used: bool,
}

impl Slot<'_, '_> {
    /// As [`Feed::already_done`], for a reader holding a slot.
    pub fn already_done(&self, name: &Path) -> bool {
        self.feed.already_done(name)
    }

    /// Sends the page to the workers; `false` when the run is aborting.
    pub fn send(mut self, page: Page) -> bool {
        let weight = page.weight();
        if !self.feed.window.charge(weight) {
            return false;
        }
        self.used = true;
        let seq = self.feed.next_seq;
        self.feed.next_seq += 1;
        self.feed.jobs.send(Job { seq, page, weight }).is_ok()
    }
}

impl Drop for Slot<'_, '_> {
    fn drop(&mut self) {
        if !self.used {
            self.feed.window.leave(0);
        }
    }
}
