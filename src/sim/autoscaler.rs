//! The cluster autoscaler of docs/SIMULATION.md, one per node pool: nodes for pending pods in
//! whole zone rounds, and unneeded nodes removed after `ca_unneeded_s`, never within
//! `ca_delay_after_add_s` of an addition.

use super::log::{Event, What};
use super::packing::{Cluster, Kind, Node};
use super::{State, NODE_CAP, STEP_S};
use crate::engine::cluster::{node_room, shapes};
use crate::plan::{Plan, ZonePools};

/// One node pool through the day: its nodes and its cluster autoscaler's state.
pub(super) struct Pool {
    pub(super) cluster: Cluster,
    /// The autoscaler's bounds.
    pub(super) min: u64,
    pub(super) max: u64,
    /// Nodes come in whole rounds, one in each zone pool (issue 16).
    pub(super) round: u64,
    pub(super) unneeded_since: Option<usize>,
    pub(super) last_add: Option<usize>,
}

impl Pool {
    /// A pool for `plan`'s user VM and bounds, and the pods' shapes.
    pub(super) fn new(plan: &Plan, c: &crate::engine::cluster::Cluster) -> Pool {
        let min = c.autoscaler_min.min(NODE_CAP);
        let max = c.autoscaler_max.unwrap_or(c.max_count).clamp(min, NODE_CAP);
        let (web, task) = shapes(plan);
        Pool {
            cluster: Cluster {
                nodes: Vec::new(),
                room: node_room(plan),
                web,
                task,
                freed: 0,
                stuck: [None; 3],
                full: [0; 3],
                reopened: Default::default(),
                packed: [None; 4],
            },
            min,
            max,
            // The autoscaler balances the zone pools: nodes come in whole rounds.
            round: match plan.zone_pools {
                ZonePools::PerZone if plan.zones > 1 => u64::from(plan.zones),
                _ => 1,
            },
            unneeded_since: None,
            last_add: None,
        }
    }

    /// `n` nodes rounded up to whole rounds, within the maximum.
    pub(super) fn even(&self, n: u64) -> u64 {
        n.div_ceil(self.round)
            .saturating_mul(self.round)
            .min(self.max)
    }
}

/// User nodes requested over the pools.
pub(super) fn node_count(st: &State) -> u64 {
    st.pools.iter().map(|p| p.cluster.nodes.len() as u64).sum()
}

/// Step (4), the cluster autoscaler on pool `i`: nodes for its pending pods (none while the
/// booting ones will hold them), and the unneeded ones removed after `ca_unneeded_s` (not
/// within `ca_delay_after_add_s` of an addition). Returns the nodes the pool's pods need.
pub(super) fn autoscale(
    st: &mut State,
    i: usize,
    k: usize,
    before: usize,
    node_steps: usize,
    plan: &Plan,
    events: &mut Vec<Event>,
) -> Option<u64> {
    let (pw, pt) = st.pods_of(i, |p| p.pending());
    let holders = if i == 0 { st.holders.pending() } else { 0 };
    let waiting = pw - holders + pt;
    let (w, t) = st.pods_of(i, |p| p.total());
    let pool = &mut st.pools[i];
    let requested = pool.cluster.nodes.len() as u64;
    let booting = requested - pool.cluster.ready(before);
    if pw + pt > 0 && k > 0 {
        if let Some(packed) = pool.cluster.pack(pw, pt) {
            let add = pool.even(requested + packed.saturating_sub(booting)) - requested;
            if add > 0 {
                events.push(Event {
                    step: k,
                    what: What::NodesUp {
                        pool: if i == 0 { "" } else { "workers " },
                        from: requested,
                        to: requested + add,
                        waiting,
                        holders,
                    },
                });
                pool.cluster.nodes.extend(std::iter::repeat_n(
                    Node {
                        ready_at: k + node_steps,
                        web: 0,
                        task: 0,
                        holders: 0,
                    },
                    add as usize,
                ));
                pool.last_add = Some(k);
            }
        }
    }
    let needed = pool.cluster.pack(w, t);
    let requested = pool.cluster.nodes.len() as u64;
    let floor_n = needed.map_or(requested, |n| pool.even(n.max(pool.min)).min(requested));
    if floor_n >= requested {
        pool.unneeded_since = None;
        return needed;
    }
    let since = *pool.unneeded_since.get_or_insert(k);
    let unneeded_s = (k - since) as f64 * STEP_S;
    let after_add_s = pool
        .last_add
        .map_or(f64::INFINITY, |a| (k - a) as f64 * STEP_S);
    if unneeded_s >= f64::from(plan.ca_unneeded_s)
        && after_add_s >= f64::from(plan.ca_delay_after_add_s)
    {
        events.push(Event {
            step: k,
            what: What::NodesDown {
                pool: if i == 0 { "" } else { "workers " },
                from: requested,
                to: floor_n,
                unneeded_s,
            },
        });
        remove_nodes(st, i, floor_n as usize, k);
        st.pools[i].unneeded_since = None;
    }
    needed
}

/// The cluster autoscaler removes the newest nodes down to `keep`; their pods move to the
/// remaining nodes first fit and stay ready (a pod that no longer fits waits again).
pub(super) fn remove_nodes(st: &mut State, i: usize, keep: usize, step: usize) {
    let (w, t) = st.pods_of(i, |p| p.placed());
    let h = if i == 0 { st.holders.placed() } else { 0 };
    let cluster = &mut st.pools[i].cluster;
    let mut removed = cluster.nodes.split_off(keep);
    cluster.truncated(keep);
    cluster.freed += 1;
    // Every placed pod, laid out again on the remaining nodes as the packing would (the
    // autoscaler removed them because the packing says they hold every pod).
    if cluster.nodes.iter().all(|n| n.ready_at <= step) && cluster.relayout(w - h, t, h) {
        return;
    }
    for kind in [Kind::Web, Kind::Task, Kind::Holder] {
        let n: u64 = removed.iter_mut().map(|node| *node.count_mut(kind)).sum();
        let left = n - st.pools[i].cluster.fit(kind, n, usize::MAX);
        if left > 0 {
            st.pods(kind).unplace(left, step);
        }
    }
}
