//! Work split over the machine's cores, order kept: loading a library and
//! scoring it are the two jobs that scale with its size.

use std::thread;

/// `f` over every item, one contiguous chunk per core, results in order.
/// Small inputs (or one core) stay on the calling thread.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().div_ceil(MIN_CHUNK).max(1));
    if threads <= 1 {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for h in handles {
            match h.join() {
                Ok(part) => out.extend(part),
                // a panic in the work is a bug; keep it loud
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

/// Below this many items a thread costs more than it saves.
const MIN_CHUNK: usize = 16;

#[cfg(test)]
mod tests {
    #[test]
    fn order_is_kept_at_every_size() {
        for n in [0, 1, 15, 16, 17, 1000] {
            let items: Vec<usize> = (0..n).collect();
            let doubled = super::map(&items, |x| x * 2);
            assert_eq!(doubled, items.iter().map(|x| x * 2).collect::<Vec<_>>());
        }
    }
}
