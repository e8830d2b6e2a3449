//! Pods on nodes through the day: each node's web pods, workers and placeholders, first-fit
//! placement with placeholder preemption, and the engine's exact packing (laid out on the nodes
//! at the start and when the autoscaler removes nodes).

use super::pods::Pods;
use super::State;
use crate::engine::cluster::{arrangement, pack, room_beside, NodeRoom, PodShape};

/// A node: when it is ready and the pods on it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Node {
    pub(super) ready_at: usize,
    pub(super) web: u64,
    pub(super) task: u64,
    pub(super) holders: u64,
}

impl Node {
    /// The pods of one kind on the node.
    pub(super) fn count_mut(&mut self, kind: Kind) -> &mut u64 {
        match kind {
            Kind::Web => &mut self.web,
            Kind::Task => &mut self.task,
            Kind::Holder => &mut self.holders,
        }
    }
}

/// The three kinds of pod on a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// A web pod.
    Web,
    /// A worker pod.
    Task,
    /// A placeholder (overprovisioning) pod.
    Holder,
}

/// The nodes, their room, and the pod shapes.
pub(super) struct Cluster {
    /// In creation order, which is also ready order (every node takes the same time to start).
    pub(super) nodes: Vec<Node>,
    pub(super) room: NodeRoom,
    pub(super) web: PodShape,
    pub(super) task: PodShape,
    /// Counts the changes that may free room (pods leave, nodes become ready or go): a kind
    /// whose last placement left pods waiting skips the nodes until this moves.
    pub(super) freed: u64,
    /// Per kind (web, task, placeholder): `freed` and the ready nodes when it last left pods waiting.
    pub(super) stuck: [Option<(u64, u64)>; 3],
    /// Per kind: every node before this index had no room for the kind when `fit` last looked,
    /// except those in `reopened` (a node's room only grows when its pods leave), so first fit
    /// looks at those and then starts here. It keeps a day of thousands of full nodes from
    /// rescanning them all at every step; the placements are the same.
    pub(super) full: [usize; 3],
    /// Per kind: the nodes before `full` that lost pods since, in index order.
    pub(super) reopened: [Vec<usize>; 3],
    /// The last packings asked for: ((web-sized pods, workers), nodes). The pod counts change
    /// only at scaling decisions, and a packing can cost a few thousand layout pairs.
    pub(super) packed: [Option<Packed>; 4],
}

/// A packing asked for: ((web-sized pods, workers), the nodes that hold them).
pub(super) type Packed = ((u64, u64), Option<u64>);

impl Cluster {
    /// How many more pods of `kind` fit on `node`.
    pub(super) fn room_of(
        room: NodeRoom,
        web: PodShape,
        task: PodShape,
        node: &Node,
        kind: Kind,
    ) -> u64 {
        let shape = match kind {
            Kind::Task => task,
            Kind::Web | Kind::Holder => web,
        };
        room_beside(
            room,
            shape,
            (web, node.web + node.holders),
            (task, node.task),
        )
        .0
    }

    pub(super) fn slot(kind: Kind) -> usize {
        match kind {
            Kind::Web => 0,
            Kind::Task => 1,
            Kind::Holder => 2,
        }
    }

    /// Places up to `n` pods of `kind` first fit on nodes ready by `ready_by`; returns how many.
    pub(super) fn fit(&mut self, kind: Kind, n: u64, ready_by: usize) -> u64 {
        let ready = self.ready(ready_by);
        if n == 0 || self.stuck[Self::slot(kind)] == Some((self.freed, ready)) {
            return 0;
        }
        let slot = Self::slot(kind);
        let ready = ready as usize;
        let (room, web, task) = (self.room, self.web, self.task);
        let mut left = n;
        // First the nodes before the cursor that lost pods, in order; those still with room
        // stay on the list.
        let mut reopened = std::mem::take(&mut self.reopened[slot]);
        for &i in reopened.iter().filter(|&&i| i < ready) {
            if left == 0 {
                break;
            }
            let node = &mut self.nodes[i];
            let k = Self::room_of(room, web, task, node, kind).min(left);
            *node.count_mut(kind) += k;
            left -= k;
        }
        reopened
            .retain(|&i| i >= ready || Self::room_of(room, web, task, &self.nodes[i], kind) > 0);
        self.reopened[slot] = reopened;
        let from = self.full[slot].min(ready);
        for (i, node) in self.nodes[..ready].iter_mut().enumerate().skip(from) {
            if left == 0 {
                break;
            }
            let r = Self::room_of(room, web, task, node, kind);
            if r == 0 && i == self.full[slot] {
                self.full[slot] = i + 1;
            }
            let k = r.min(left);
            *node.count_mut(kind) += k;
            left -= k;
        }
        self.stuck[slot] = (left > 0).then_some((self.freed, ready as u64));
        n - left
    }

    /// Node `i` lost pods: first fit must look at it again for every kind.
    fn opened(&mut self, i: usize) {
        for (full, list) in self.full.iter().zip(self.reopened.iter_mut()) {
            if i < *full {
                if let Err(at) = list.binary_search(&i) {
                    list.insert(at, i);
                }
            }
        }
    }

    /// The nodes from `keep` on are gone: first fit starts no later than the new end, so that
    /// nodes added after it are looked at.
    pub(super) fn truncated(&mut self, keep: usize) {
        for (full, list) in self.full.iter_mut().zip(self.reopened.iter_mut()) {
            *full = (*full).min(keep);
            list.retain(|&i| i < keep);
        }
    }

    /// Places up to `n` real pods by evicting placeholders; returns (placed, evicted). As the
    /// scheduler does, a node's placeholders are evicted only when that makes room.
    pub(super) fn preempt(
        &mut self,
        kind: Kind,
        n: u64,
        ready_by: usize,
        placed_holders: u64,
    ) -> (u64, u64) {
        if n == 0 || placed_holders == 0 {
            return (0, 0);
        }
        let (mut left, mut evicted) = (n, 0);
        let mut lost = Vec::new();
        let ready = self.ready(ready_by) as usize;
        for (i, node) in self.nodes[..ready].iter_mut().enumerate() {
            if left == 0 {
                break;
            }
            if node.holders == 0 {
                continue;
            }
            let bare = Node {
                holders: 0,
                ..*node
            };
            if Self::room_of(self.room, self.web, self.task, &bare, kind) == 0 {
                continue;
            }
            while left > 0 && node.holders > 0 {
                node.holders -= 1;
                evicted += 1;
                if lost.last() != Some(&i) {
                    lost.push(i);
                }
                let k = Self::room_of(self.room, self.web, self.task, node, kind).min(left);
                *node.count_mut(kind) += k;
                left -= k;
            }
        }
        for i in lost {
            self.opened(i);
        }
        if evicted > 0 {
            self.freed += 1;
        }
        (n - left, evicted)
    }

    /// Takes `n` pods of `kind` off the newest nodes that hold them.
    pub(super) fn unfit(&mut self, kind: Kind, n: u64) {
        if n == 0 {
            return;
        }
        self.freed += 1;
        let mut left = n;
        for i in (0..self.nodes.len()).rev() {
            if left == 0 {
                break;
            }
            let c = self.nodes[i].count_mut(kind);
            let k = (*c).min(left);
            *c -= k;
            left -= k;
            if k > 0 {
                self.opened(i);
            }
        }
    }

    /// Lays `web` web pods, `task` workers and `holders` placeholders out on the nodes as the
    /// exact packing arranges them; `false` (and nothing changed) when it cannot.
    pub(super) fn relayout(&mut self, web: u64, task: u64, holders: u64) -> bool {
        let n = self.nodes.len() as u64;
        let Some(layout) = arrangement(self.room, self.web, web + holders, self.task, task, n)
        else {
            return false;
        };
        let (mut w, mut t, mut h) = (web, task, holders);
        for (node, (b, a)) in self.nodes.iter_mut().zip(layout) {
            node.task = t.min(b);
            t -= node.task;
            node.web = w.min(a);
            w -= node.web;
            node.holders = h.min(a - node.web);
            h -= node.holders;
        }
        self.freed += 1;
        self.full = [0; 3];
        self.reopened = Default::default();
        w + t + h == 0
    }

    /// Nodes ready at `step`: a prefix, since nodes are ready in creation order.
    pub(super) fn ready(&self, step: usize) -> u64 {
        self.nodes.partition_point(|n| n.ready_at <= step) as u64
    }

    /// The fewest nodes that hold these pods (the engine's exact packing), `None` when a pod
    /// fits no node.
    pub(super) fn pack(&mut self, web_like: u64, task: u64) -> Option<u64> {
        let key = (web_like, task);
        if let Some((_, n)) = self.packed.iter().flatten().find(|(k, _)| *k == key) {
            return *n;
        }
        let n = pack(self.room, self.web, web_like, self.task, task).ok();
        self.packed.rotate_right(1);
        self.packed[0] = Some((key, n));
        n
    }
}

/// Creates or deletes pods of one series to reach `to`.
pub(super) fn scale_to(pods: &mut Pods, cluster: &mut Cluster, kind: Kind, to: u64, step: usize) {
    let n = pods.total();
    if to > n {
        pods.add_pending(to - n, step);
    } else {
        let placed = pods.remove(n - to);
        cluster.unfit(kind, placed);
    }
}

/// Step (3) or (6): pending pods onto nodes ready by `ready_by`, oldest first, real pods
/// before placeholders (which real pods preempt).
pub(super) fn place(st: &mut State, step: usize, ready_by: usize) {
    // Oldest first across web and workers; web first on a tie.
    let web = (Kind::Web, st.web.oldest_pending());
    let task = (Kind::Task, st.task.oldest_pending());
    let age = |at: Option<usize>| at.unwrap_or(usize::MAX);
    let order = if age(task.1) < age(web.1) {
        [task, web]
    } else {
        [web, task]
    };
    for (kind, at) in order {
        if at.is_none() {
            continue;
        }
        let want = st.pods(kind).pending();
        let (at, holders) = (st.pool_of(kind), st.holders.placed());
        let cluster = &mut st.pools[at].cluster;
        let mut placed = cluster.fit(kind, want, ready_by);
        let (more, evicted) = cluster.preempt(kind, want - placed, ready_by, holders);
        placed += more;
        let ready_at = step + st.pod_steps;
        st.pods(kind).place(placed, ready_at);
        if evicted > 0 {
            st.holders.unplace(evicted, step);
        }
    }
    let want = st.holders.pending();
    let placed = st.pools[0].cluster.fit(Kind::Holder, want, ready_by);
    st.holders.place(placed, step);
}
