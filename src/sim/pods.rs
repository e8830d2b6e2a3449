//! Pods (or Container Apps replicas) as cohorts: pods created in the same step and placed in
//! the same step are alike, so a cohort holds their count and when they became ready.

/// Pods created together that share one state.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Cohort {
    /// How many pods.
    n: u64,
    /// The step they were created at (placement takes the oldest first).
    created: usize,
    /// The step they are ready at; `None` while they wait for a node.
    ready_at: Option<usize>,
}

/// One series of pods in creation order, with running totals.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pods {
    cohorts: Vec<Cohort>,
    total: u64,
    pending: u64,
}

impl Pods {
    /// `n` pods, all ready.
    pub fn ready_from_start(n: u64) -> Pods {
        let mut p = Pods::default();
        p.push(n, 0, Some(0));
        p
    }

    fn push(&mut self, n: u64, created: usize, ready_at: Option<usize>) {
        if n == 0 {
            return;
        }
        self.total += n;
        if ready_at.is_none() {
            self.pending += n;
        }
        match self.cohorts.last_mut() {
            Some(last) if last.ready_at == ready_at && last.created == created => last.n += n,
            _ => self.cohorts.push(Cohort {
                n,
                created,
                ready_at,
            }),
        }
    }

    /// Every pod, pending or not.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Pods waiting for a node.
    pub fn pending(&self) -> u64 {
        self.pending
    }

    /// Pods on a node (ready or starting).
    pub fn placed(&self) -> u64 {
        self.total - self.pending
    }

    /// Pods ready at `step`.
    pub fn ready(&self, step: usize) -> u64 {
        self.cohorts
            .iter()
            .filter(|c| c.ready_at.is_some_and(|r| r <= step))
            .map(|c| c.n)
            .sum()
    }

    /// Creates `n` pods waiting for a node.
    pub fn add_pending(&mut self, n: u64, step: usize) {
        self.push(n, step, None);
    }

    /// Creates `n` pods that need no node (Container Apps replicas), ready at `ready_at`.
    pub fn add_placed(&mut self, n: u64, step: usize, ready_at: usize) {
        self.push(n, step, Some(ready_at));
    }

    /// Deletes `n` pods: pending ones first, then the newest. Returns how many of them had
    /// been placed on a node.
    pub fn remove(&mut self, n: u64) -> u64 {
        let mut left = n.min(self.total);
        // Pending first, newest first.
        for c in self
            .cohorts
            .iter_mut()
            .rev()
            .filter(|c| c.ready_at.is_none())
        {
            let k = c.n.min(left);
            c.n -= k;
            left -= k;
            self.pending -= k;
            self.total -= k;
        }
        let mut placed = 0;
        for c in self.cohorts.iter_mut().rev() {
            let k = c.n.min(left);
            c.n -= k;
            left -= k;
            placed += k;
            self.total -= k;
        }
        self.cohorts.retain(|c| c.n > 0);
        placed
    }

    /// The step of the oldest pending pod.
    pub fn oldest_pending(&self) -> Option<usize> {
        self.cohorts
            .iter()
            .find(|c| c.ready_at.is_none())
            .map(|c| c.created)
    }

    /// Places up to `n` of the oldest pending pods, ready at `ready_at`.
    pub fn place(&mut self, mut n: u64, ready_at: usize) {
        if n == 0 {
            return;
        }
        let mut out = Vec::with_capacity(self.cohorts.len() + 1);
        for c in self.cohorts.drain(..) {
            if c.ready_at.is_none() && n > 0 {
                let k = c.n.min(n);
                n -= k;
                out.push(Cohort {
                    n: k,
                    created: c.created,
                    ready_at: Some(ready_at),
                });
                if c.n > k {
                    out.push(Cohort { n: c.n - k, ..c });
                }
                self.pending -= k;
            } else {
                out.push(c);
            }
        }
        self.cohorts = out;
    }

    /// Turns `n` placed pods (the newest) back into pending ones: evicted, or left without a node.
    pub fn unplace(&mut self, n: u64, step: usize) {
        let mut left = n;
        for c in self
            .cohorts
            .iter_mut()
            .rev()
            .filter(|c| c.ready_at.is_some())
        {
            let k = c.n.min(left);
            c.n -= k;
            left -= k;
        }
        let moved = n - left;
        self.cohorts.retain(|c| c.n > 0);
        self.total -= moved;
        self.push(moved, step, None);
    }

    /// Forgets when long-ready pods became ready, so that cohorts merge and stay few.
    pub fn settle(&mut self, step: usize) {
        let fresh = |c: &Cohort| {
            c.ready_at
                .is_some_and(|r| r <= step && (r, c.created) != (0, 0))
        };
        if !self.cohorts.iter().any(fresh) {
            return;
        }
        for c in &mut self.cohorts {
            if c.ready_at.is_some_and(|r| r <= step) {
                c.ready_at = Some(0);
                c.created = 0;
            }
        }
        let mut out: Vec<Cohort> = Vec::with_capacity(self.cohorts.len());
        for c in self.cohorts.drain(..) {
            match out.last_mut() {
                Some(last) if last.ready_at == c.ready_at && last.created == c.created => {
                    last.n += c.n
                }
                _ => out.push(c),
            }
        }
        self.cohorts = out;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pending_pods_go_first_then_the_newest() {
        let mut p = Pods::ready_from_start(3);
        p.add_pending(4, 5);
        p.place(1, 7);
        assert_eq!(
            (p.total(), p.pending(), p.ready(6), p.ready(7)),
            (7, 3, 3, 4)
        );
        assert_eq!(p.remove(4), 1);
        assert_eq!((p.total(), p.pending(), p.ready(7)), (3, 0, 3));
        p.unplace(2, 9);
        assert_eq!((p.total(), p.pending(), p.ready(9)), (3, 2, 1));
        assert_eq!(p.oldest_pending(), Some(9));
    }
}
