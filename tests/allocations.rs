//! The per-path loop reuses its buffers: once they have grown to the largest path seen, sampling
//! a world, applying the designs and aggregating a path allocate nothing.

use std::alloc::{GlobalAlloc, Layout as AllocLayout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

use sifsim::internals::aggregate::Accumulator;
use sifsim::internals::simulate::{PathBuffers, Unmonitored, simulate};
use sifsim::internals::world::Samplers;
use sifsim::scenario::Scenario;

/// The system allocator, counting the allocations of threads that ask it to.
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: AllocLayout) -> *mut u8 {
        if COUNTING.with(Cell::get) {
            ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        }
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: AllocLayout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: AllocLayout, new_size: usize) -> *mut u8 {
        if COUNTING.with(Cell::get) {
            ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Allocations made on this thread while `f` runs.
fn allocations_in(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    COUNTING.with(|c| c.set(true));
    f();
    COUNTING.with(|c| c.set(false));
    ALLOCATIONS.load(Ordering::Relaxed) - before
}

#[test]
fn the_per_path_loop_allocates_only_while_its_buffers_grow() {
    let mut scenario = Scenario::load("scenarios/bench.toml".as_ref()).unwrap();
    scenario = scenario.with_futures(Some(100), None).unwrap();
    let samplers = Samplers::new(&scenario);
    let mut aggregates = Accumulator::ranged(&simulate(&scenario, &Unmonitored).unwrap());
    let mut buffers = PathBuffers::new(&scenario);
    let mut run_path = |path: u64| buffers.run_path(&scenario, &samplers, path, &mut aggregates);

    let first = allocations_in(|| run_path(0));
    let next = allocations_in(|| (1..2001).for_each(&mut run_path));
    // The first path sizes every buffer. A later one reallocates only when it has more
    // applications (or approved projects) than any before it, which happens a handful of times
    // (the record grows like the log of the paths), never once a path.
    assert!(first > 10, "the first path allocated only {first} times");
    assert!(next <= 20, "2000 more paths allocated {next} times");
}
