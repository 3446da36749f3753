//! What the user sees on stderr while a batch runs: a progress bar when
//! stderr is a terminal (pages, pages/s, failures, and an ETA once the
//! number of pages is known), and one line per failed page. It watches the
//! run as a [`dechaff_batch::Observer`]; nothing here touches stdout, which
//! belongs to the records.

use std::cell::Cell;
use std::fmt;
use std::time::Duration;

use dechaff_batch::{Observer, Record, Status};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

use crate::messages;

/// The stderr side of a run.
#[derive(Debug)]
pub struct Progress {
    bar: Option<ProgressBar>,
    quiet: bool,
    single: bool,
    failed: Cell<u64>,
}

impl Progress {
    /// A progress display; `bar` shows the bar (a terminal, a batch, not
    /// quiet); `quiet` also silences per-page messages; `single` says that
    /// one page is read (an empty result then gets a note).
    pub fn new(bar: bool, quiet: bool, single: bool) -> Self {
        let bar = bar.then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(style(false));
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Progress {
            bar,
            quiet,
            single,
            failed: Cell::new(0),
        }
    }

    /// A handle on the bar, for a thread that finds the total.
    pub fn bar(&self) -> Option<ProgressBar> {
        self.bar.clone()
    }

    /// Removes the bar before the summary is printed.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    fn say(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }
}

/// Sets the bar's total once it is known, switching to a bar with an ETA.
pub fn set_total(bar: &ProgressBar, total: u64) {
    bar.set_length(total);
    bar.set_style(style(true));
}

fn style(with_total: bool) -> ProgressStyle {
    let template = if with_total {
        "{bar:30} {human_pos}/{human_len} pages  {rate}  ETA {eta}  {msg}"
    } else {
        "{spinner} {human_pos} pages  {rate}  {elapsed}  {msg}"
    };
    match ProgressStyle::with_template(template) {
        Ok(style) => style.with_key("rate", |state: &ProgressState, out: &mut dyn fmt::Write| {
            let _ = write!(out, "{:.0} pages/s", state.per_sec());
        }),
        Err(_) => ProgressStyle::default_spinner(),
    }
}

impl Observer for Progress {
    fn record(&self, record: &Record) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
        match record.status() {
            Status::Failed => {
                self.failed.set(self.failed.get() + 1);
                if let Some(bar) = &self.bar {
                    bar.set_message(format!("{} failed", self.failed.get()));
                }
                if let Some(line) = messages::failure(record).filter(|_| !self.quiet) {
                    self.say(&line);
                }
            }
            Status::Empty if self.single && !self.quiet => {
                self.say(&format!(
                    "dechaff: {}: no main content found",
                    messages::place(record)
                ));
            }
            _ => {}
        }
    }
}
