//! The bound on pages in flight. A page enters the window when a reader is
//! about to read it and leaves when the writer has written its record, so
//! the pages held in memory (queued, being extracted, or waiting in the
//! reorder buffer for an earlier page) never exceed a fixed count and a
//! byte budget, however many pages the run has. This is the back-pressure
//! that keeps a fast reader from filling memory ahead of the workers.

use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// Counts of pages and bytes in flight, shared by the reader and the writer.
#[derive(Debug)]
pub(crate) struct Window {
    state: Mutex<State>,
    changed: Condvar,
    max_pages: usize,
    max_bytes: usize,
}

#[derive(Debug, Default)]
struct State {
    pages: usize,
    bytes: usize,
    closed: bool,
}

impl Window {
    /// A window of at most `max_pages` pages and, unless a single page is
    /// larger, `max_bytes` bytes.
    pub fn new(max_pages: usize, max_bytes: usize) -> Self {
        Window {
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
            max_pages: max_pages.max(1),
            max_bytes,
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn wait<'a>(&self, guard: MutexGuard<'a, State>) -> MutexGuard<'a, State> {
        self.changed.wait(guard).unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits for room for one more page and takes it; `false` once closed.
    pub fn enter(&self) -> bool {
        let mut state = self.lock();
        while !state.closed && state.pages >= self.max_pages {
            state = self.wait(state);
        }
        if state.closed {
            return false;
        }
        state.pages += 1;
        true
    }

    /// Adds the bytes of a page that has entered, waiting while earlier pages
    /// hold the byte budget (a page alone in the window always fits);
    /// `false` once closed.
    pub fn charge(&self, bytes: usize) -> bool {
        let mut state = self.lock();
        while !state.closed && state.pages > 1 && state.bytes.saturating_add(bytes) > self.max_bytes {
            state = self.wait(state);
        }
        if state.closed {
            return false;
        }
        state.bytes += bytes;
        true
    }

    /// A page and its bytes leave the window.
    pub fn leave(&self, bytes: usize) {
        let mut state = self.lock();
        state.pages = state.pages.saturating_sub(1);
        state.bytes = state.bytes.saturating_sub(bytes);
        drop(state);
        self.changed.notify_all();
    }

    /// Wakes every waiter and refuses new pages: the run is aborting.
    pub fn close(&self) {
        self.lock().closed = true;
        self.changed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::time::Duration;

    #[test]
    fn enter_blocks_until_a_page_leaves() {
        let window = Arc::new(Window::new(2, usize::MAX));
        assert!(window.enter());
        assert!(window.enter());
        let waiter = {
            let window = Arc::clone(&window);
            std::thread::spawn(move || window.enter())
        };
        std::thread::sleep(Duration::from_millis(50));
        assert!(!waiter.is_finished(), "a third page must wait");
        window.leave(0);
        assert!(waiter.join().unwrap());
    }

    #[test]
    fn byte_budget_lets_a_lone_big_page_through() {
        let window = Window::new(10, 100);
        assert!(window.enter());
        assert!(window.charge(1_000), "alone in the window, any size fits");
        window.leave(1_000);
        assert!(window.enter());
        assert!(window.charge(60));
        assert!(window.enter());
        let window = Arc::new(window);
        let waiter = {
            let window = Arc::clone(&window);
            std::thread::spawn(move || window.charge(60))
        };
        std::thread::sleep(Duration::from_millis(50));
        assert!(!waiter.is_finished(), "60 + 60 is over the budget of 100");
        window.leave(60);
        assert!(waiter.join().unwrap());
    }

    #[test]
    fn close_releases_waiters() {
        let window = Arc::new(Window::new(1, usize::MAX));
        assert!(window.enter());
        let waiter = {
            let window = Arc::clone(&window);
            std::thread::spawn(move || window.enter())
        };
        std::thread::sleep(Duration::from_millis(20));
        window.close();
        assert!(!waiter.join().unwrap());
    }
}
