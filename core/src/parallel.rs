//! Work split over scoped threads, results kept in input order.

/// Split `items` into up to `threads` contiguous runs, map each run on a thread of its own and
/// return the runs' results in order. A panic in a run is resumed in the caller.
pub(crate) fn map_runs<T: Send, R: Send>(
    items: Vec<T>,
    threads: usize,
    map: impl Fn(Vec<T>) -> R + Sync,
) -> Vec<R> {
    let per_thread = items.len().div_ceil(threads.max(1)).max(1);
    let mut runs: Vec<Vec<T>> = Vec::new();
    let mut items = items.into_iter().peekable();
    while items.peek().is_some() {
        runs.push(items.by_ref().take(per_thread).collect());
    }
    let map = &map;
    std::thread::scope(|scope| {
        let handles: Vec<_> = runs
            .into_iter()
            .map(|run| scope.spawn(move || map(run)))
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::map_runs;

    #[test]
    fn runs_keep_their_order() {
        let items: Vec<u32> = (0..10).collect();
        let runs = map_runs(items, 3, |run| run);
        assert_eq!(runs.len(), 3);
        assert_eq!(runs.concat(), (0..10).collect::<Vec<_>>());
        assert_eq!(map_runs(vec![1, 2], 4, |run| run.len()), vec![1, 1]);
    }
}
