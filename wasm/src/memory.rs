//! Growing the WebAssembly memory in large steps.
//!
//! The allocator (`dlmalloc`) grows the linear memory by what one allocation lacks, often a
//! single 64 KiB page. Each `memory.grow` replaces the memory's `ArrayBuffer`, and V8 counts
//! the whole new buffer as freshly allocated external memory: once the memory is a few
//! hundred megabytes, nearly every grow starts a full garbage collection of the JavaScript
//! heap. Parsing 100,000 files grew the memory thousands of times and spent most of its time
//! in those collections (docs/performance.md, WebAssembly). Before the calls that allocate
//! most, a block as large as what they will need is allocated and freed at once: the memory
//! grows once, and the freed block stays at the top of the allocator's heap for the
//! allocations that follow (dlmalloc never returns memory to the host).

use std::sync::atomic::{AtomicUsize, Ordering};

use kataster_core::SourceFile;

/// What parsing and checking keep and build per byte of input, at most (the native CLI
/// peaks at 9-12x the input, all rules; the text itself is already in memory).
const BYTES_PER_INPUT_BYTE: usize = 12;

/// A single reservation never exceeds this (the 32-bit memory has at most 4 GiB).
const MAX_STEP: usize = 1 << 30;

/// The memory's size after the last reservation.
static RESERVED: AtomicUsize = AtomicUsize::new(0);

/// Make room for parsing these files: what they will need at most (parsing happens inside
/// one call, so [`keep_doubling`] cannot step in).
pub(crate) fn reserve_for_input(sources: &[SourceFile]) {
    let input: usize = sources.iter().map(|source| source.text.len()).sum();
    reserve(input.saturating_mul(BYTES_PER_INPUT_BYTE));
}

/// Grow geometrically: when the allocator grew the memory by itself since the last
/// reservation (it grows by what one allocation lacks), reserve as much again, so that the
/// memory doubles and the next many allocations need no grow.
pub(crate) fn keep_doubling() {
    if memory_bytes() > RESERVED.load(Ordering::Relaxed) {
        reserve(memory_bytes());
    }
}

/// The size of the linear memory in bytes (all the allocator ever took from the host).
fn memory_bytes() -> usize {
    #[cfg(target_family = "wasm")]
    {
        core::arch::wasm32::memory_size(0).saturating_mul(65_536)
    }
    #[cfg(not(target_family = "wasm"))]
    {
        0
    }
}

/// Allocate `bytes` and free them: the allocator takes them from its free memory if it has
/// that much, or grows the memory once. A failed reservation changes nothing.
fn reserve(bytes: usize) {
    if !cfg!(target_family = "wasm") {
        return;
    }
    let mut block: Vec<u8> = Vec::new();
    if block.try_reserve_exact(bytes.min(MAX_STEP)).is_ok() {
        // Keep the allocation: an allocation nothing reads may be removed by the optimiser.
        std::hint::black_box(&mut block);
    }
    drop(block);
    RESERVED.store(memory_bytes(), Ordering::Relaxed);
}
