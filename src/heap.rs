//! The browser bundle's memory allocator: power-of-two size classes, each with a free list, carved
//! from pages the allocator asks the runtime for. It replaces Rust's default wasm allocator
//! (dlmalloc, about 7 KB of code) to keep the bundle within its budget (docs/PERFORMANCE.md).
//!
//! Every operation is constant time: a block is rounded up to a power of two (at least 8 bytes),
//! taken from its class's free list or else from the end of the carved memory, and a freed block
//! goes back onto its class's list. Memory is never returned or coalesced: a class keeps what it
//! once needed. The app's pattern suits this: each edit re-evaluates the plan, freeing and
//! allocating blocks of the same sizes, so the classes settle after the first evaluations; the
//! cost is at most half of a block unused. The app is single-threaded (wasm32 without threads).
//!
//! Native builds keep the system allocator; the tests drive this one over a buffer.

#![allow(unsafe_code)] // an allocator: the one module that needs it (docs/PERFORMANCE.md)

use std::alloc::{GlobalAlloc, Layout};
use std::cell::UnsafeCell;

/// The runtime's page: WebAssembly memory grows in 64 KiB pages.
pub const PAGE: usize = 65_536;
/// Size classes: 8 bytes (2^3) to 2^34 bytes.
const CLASSES: usize = 32;

/// Grows memory by `pages` pages; returns the address of the first new byte, or `None` when the
/// runtime refuses.
pub type Grow = fn(pages: usize) -> Option<usize>;

/// The allocator's state: the free lists, the carved region's end and the memory's end.
struct State {
    free: [usize; CLASSES],
    next: usize,
    end: usize,
}

/// A size-class allocator over memory that `grow` provides.
pub struct SizeClasses {
    state: UnsafeCell<State>,
    grow: Grow,
}

// The allocator is only ever used from one thread: WebAssembly without threads, or one test.
unsafe impl Sync for SizeClasses {}

/// The class of a layout: the power of two that holds it, as an index from 8 bytes.
fn class(layout: Layout) -> usize {
    let size = layout.size().max(layout.align()).max(8);
    size.next_power_of_two().trailing_zeros() as usize - 3
}

impl SizeClasses {
    /// An allocator with nothing carved yet.
    pub const fn new(grow: Grow) -> Self {
        SizeClasses {
            state: UnsafeCell::new(State {
                free: [0; CLASSES],
                next: 0,
                end: 0,
            }),
            grow,
        }
    }
}

unsafe impl GlobalAlloc for SizeClasses {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let c = class(layout);
        if c >= CLASSES {
            return std::ptr::null_mut();
        }
        // SAFETY: one thread, and no reference to the state outlives this call.
        let st = unsafe { &mut *self.state.get() };
        let head = st.free[c];
        if head != 0 {
            // SAFETY: a free block holds the address of the next one in its first word.
            st.free[c] = unsafe { *(head as *const usize) };
            return head as *mut u8;
        }
        let size = 8usize << c;
        // Blocks are aligned to their size (up to a page), so a block freed by one layout
        // serves any other layout of its class.
        let align = size.min(PAGE);
        let mut start = st.next.next_multiple_of(align);
        if st.next == 0 || start + size > st.end {
            let pages = (size + align).div_ceil(PAGE);
            let Some(base) = (self.grow)(pages) else {
                return std::ptr::null_mut();
            };
            if base != st.end || st.next == 0 {
                // Not contiguous with what was carved: start afresh at the new pages.
                start = base.next_multiple_of(align);
            }
            st.end = base + pages * PAGE;
        }
        st.next = start + size;
        start as *mut u8
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: one thread, and no reference to the state outlives this call.
        let st = unsafe { &mut *self.state.get() };
        let c = class(layout);
        // SAFETY: the block is at least 8 bytes, aligned to 8, and no longer in use.
        unsafe { *(ptr as *mut usize) = st.free[c] };
        st.free[c] = ptr as usize;
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller guarantees a valid size for this alignment.
        let to = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        if class(to) == class(layout) {
            return ptr;
        }
        // SAFETY: `to` is a valid non-zero layout, as the caller guarantees.
        let new = unsafe { self.alloc(to) };
        if !new.is_null() {
            // SAFETY: both blocks hold at least the smaller size and do not overlap.
            unsafe {
                std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
        }
        new
    }
}

/// WebAssembly's own memory: the bundle's allocator grows it a page at a time.
#[cfg(target_arch = "wasm32")]
pub fn wasm_grow(pages: usize) -> Option<usize> {
    let before = core::arch::wasm32::memory_grow::<0>(pages);
    (before != usize::MAX).then_some(before * PAGE)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 256 MiB of fake memory, handed out a page at a time.
    static ARENA: std::sync::Mutex<(usize, usize)> = std::sync::Mutex::new((0, 0));

    fn grow(pages: usize) -> Option<usize> {
        let mut a = ARENA.lock().unwrap();
        if a.0 == 0 {
            let layout = Layout::from_size_align(256 << 20, PAGE).unwrap();
            // SAFETY: a valid non-zero layout; leaked for the test's life.
            a.0 = unsafe { std::alloc::alloc(layout) } as usize;
        }
        if (a.1 + pages) * PAGE > 256 << 20 {
            return None;
        }
        let base = a.0 + a.1 * PAGE;
        a.1 += pages;
        Some(base)
    }

    /// Random allocations, reallocations and frees: every live block is aligned, holds its
    /// size, keeps what was written into it, and overlaps no other live block.
    #[test]
    fn blocks_are_aligned_disjoint_and_keep_their_bytes() {
        let heap = SizeClasses::new(grow);
        let mut live: Vec<(usize, Layout, u8)> = Vec::new();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut rand = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for step in 0..20_000 {
            let op = rand(10);
            // Up to 200 live blocks: allocate, free or reallocate at random.
            if live.is_empty() || (op < 5 && live.len() < 200) {
                let size =
                    [1, 7, 8, 24, 100, 4096, 70_000, 600_000][rand(8) as usize] + rand(50) as usize;
                let align = 1usize << rand(5);
                let layout = Layout::from_size_align(size, align).unwrap();
                // SAFETY: non-zero size.
                let p = unsafe { heap.alloc(layout) } as usize;
                assert_ne!(p, 0, "step {step}");
                assert_eq!(p % align, 0);
                let tag = (step % 251) as u8;
                // SAFETY: the block holds `size` bytes.
                unsafe { std::ptr::write_bytes(p as *mut u8, tag, size) };
                live.push((p, layout, tag));
            } else if op < 8 || live.len() >= 200 {
                let (p, layout, tag) = live.swap_remove(rand(live.len() as u64) as usize);
                // SAFETY: the block is live and holds its bytes.
                let bytes = unsafe { std::slice::from_raw_parts(p as *const u8, layout.size()) };
                assert!(bytes.iter().all(|&b| b == tag), "step {step}");
                // SAFETY: allocated by this heap with this layout.
                unsafe { heap.dealloc(p as *mut u8, layout) };
            } else {
                let i = rand(live.len() as u64) as usize;
                let (p, layout, tag) = live[i];
                let new_size = 1 + rand(200_000) as usize;
                // SAFETY: allocated by this heap with this layout; a non-zero size.
                let q = unsafe { heap.realloc(p as *mut u8, layout, new_size) } as usize;
                assert_ne!(q, 0);
                let kept = layout.size().min(new_size);
                // SAFETY: the new block holds at least `kept` bytes copied from the old one.
                let bytes = unsafe { std::slice::from_raw_parts(q as *const u8, kept) };
                assert!(bytes.iter().all(|&b| b == tag), "step {step}");
                let layout = Layout::from_size_align(new_size, layout.align()).unwrap();
                // SAFETY: the block holds `new_size` bytes.
                unsafe { std::ptr::write_bytes(q as *mut u8, tag, new_size) };
                live[i] = (q, layout, tag);
            }
            if step % 1000 == 0 {
                let mut spans: Vec<(usize, usize)> =
                    live.iter().map(|(p, l, _)| (*p, p + l.size())).collect();
                spans.sort_unstable();
                for w in spans.windows(2) {
                    assert!(w[0].1 <= w[1].0, "overlap at step {step}: {w:?}");
                }
            }
        }
        // A freed block is reused by the next allocation of its class.
        let layout = Layout::from_size_align(40, 8).unwrap();
        // SAFETY: non-zero layouts, the block freed once.
        unsafe {
            let a = heap.alloc(layout);
            heap.dealloc(a, layout);
            assert_eq!(heap.alloc(Layout::from_size_align(60, 4).unwrap()), a);
        }
    }
}
