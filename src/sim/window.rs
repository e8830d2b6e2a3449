//! The sliding-window maximum the HPA's scale-down stabilisation and Container Apps'
//! cool-down both read.

use super::within;

/// The highest value recorded in a sliding window of steps: a queue of (step, value) whose
/// values fall from front to back, so the front is the maximum (each value enters and leaves
/// once, however long the window).
#[derive(Clone, Debug, Default)]
pub(super) struct WindowMax {
    queue: std::collections::VecDeque<(usize, u64)>,
}

impl WindowMax {
    /// Records `value` at `step` and forgets what left the window `(step − window_s, step]`.
    pub(super) fn push(&mut self, step: usize, value: u64, window_s: f64) {
        while self.queue.back().is_some_and(|&(_, v)| v <= value) {
            self.queue.pop_back();
        }
        self.queue.push_back((step, value));
        while self
            .queue
            .front()
            .is_some_and(|&(s, _)| !within(step, s, window_s))
        {
            self.queue.pop_front();
        }
    }

    /// The highest value in the window (the latest value is always in it).
    pub(super) fn max(&self) -> Option<u64> {
        self.queue.front().map(|&(_, v)| v)
    }

    pub(super) fn clear(&mut self) {
        self.queue.clear();
    }
}
