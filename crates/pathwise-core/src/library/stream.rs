//! Loading a library a batch at a time, for a front end that shows cases as
//! they arrive: find the files first (quick: no file is opened), then read
//! and parse them on every core, handing the results over in path order,
//! a chunk at a time, with how many files have been read of how many.
//! Nothing here knows who receives the batches or on which thread.

use super::{Source, builtin, case_files, load_case_file};
use crate::case::{Case, CaseError, parse_case};
use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;

/// Files per chunk: small enough that the first cases arrive within a few
/// milliseconds, large enough that handing chunks over costs nothing.
const CHUNK: usize = 64;

/// One file's outcome.
pub type FileResult = (PathBuf, Result<Case, Vec<CaseError>>);

/// How far a load has come: files read (and parsed) of all found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub read: usize,
    pub total: usize,
}

enum Item {
    File(PathBuf),
    Builtin(&'static str, &'static str),
}

impl Item {
    fn load(&self) -> FileResult {
        match self {
            Item::File(p) => (p.clone(), load_case_file(p)),
            Item::Builtin(name, text) => {
                let path = PathBuf::from(name);
                let result = parse_case(&path, text.as_bytes());
                (path, result)
            }
        }
    }
}

/// The files a library will load, found but not yet read.
pub struct Plan {
    pub source: Source,
    items: Vec<Item>,
    /// Problems found while looking (an unreadable folder, a symlink loop,
    /// a pipe posing as a case file).
    pub errors: Vec<CaseError>,
}

impl Plan {
    /// Finds the case files of `source`, in path order.
    pub fn discover(source: Source) -> Plan {
        match &source.dir {
            Some(dir) => {
                let found = case_files(dir);
                Plan {
                    items: found.files.into_iter().map(Item::File).collect(),
                    errors: found.errors,
                    source,
                }
            }
            None => Plan {
                items: builtin::FILES
                    .iter()
                    .map(|&(name, text)| Item::Builtin(name, text))
                    .collect(),
                errors: Vec::new(),
                source,
            },
        }
    }

    /// These files, in this order (for re-reading a known list).
    pub fn files(source: Source, files: Vec<PathBuf>) -> Plan {
        Plan {
            items: files.into_iter().map(Item::File).collect(),
            errors: Vec::new(),
            source,
        }
    }

    /// How many files there are to read.
    pub fn total(&self) -> usize {
        self.items.len()
    }

    /// The files on disk it reads, in order (none for the built-in samples).
    pub fn paths(&self) -> impl Iterator<Item = &std::path::Path> {
        self.items.iter().filter_map(|i| match i {
            Item::File(p) => Some(p.as_path()),
            Item::Builtin(..) => None,
        })
    }

    /// Reads and parses every file on all cores and hands `each` the
    /// results in path order, a chunk at a time, with the progress so far.
    /// `map` runs on the worker threads for every file (to score a case,
    /// say), so the caller's thread only passes results on. When `each`
    /// returns `Break`, the workers stop after the file they are reading
    /// and `load` returns `Break`.
    pub fn load<T, M, F>(&self, map: M, mut each: F) -> ControlFlow<()>
    where
        T: Send,
        M: Fn(FileResult) -> T + Sync,
        F: FnMut(Vec<T>, Progress) -> ControlFlow<()>,
    {
        let total = self.items.len();
        if total == 0 {
            return each(Vec::new(), Progress { read: 0, total });
        }
        let chunks = total.div_ceil(CHUNK);
        let workers = thread::available_parallelism().map_or(1, |n| n.get()).min(chunks);
        let next = AtomicUsize::new(0);
        let stop = AtomicBool::new(false);
        let (tx, rx) = mpsc::channel::<(usize, Vec<T>)>();
        thread::scope(|s| {
            for _ in 0..workers {
                let tx = tx.clone();
                let (next, stop, map, items) = (&next, &stop, &map, &self.items);
                s.spawn(move || {
                    loop {
                        let n = next.fetch_add(1, Ordering::Relaxed);
                        if n >= chunks || stop.load(Ordering::Relaxed) {
                            return;
                        }
                        let part = &items[n * CHUNK..((n + 1) * CHUNK).min(items.len())];
                        let mut out = Vec::with_capacity(part.len());
                        for item in part {
                            if stop.load(Ordering::Relaxed) {
                                return;
                            }
                            out.push(map(item.load()));
                        }
                        if tx.send((n, out)).is_err() {
                            return;
                        }
                    }
                });
            }
            drop(tx);
            // chunks finish out of order; hand them on in order
            let mut waiting: BTreeMap<usize, Vec<T>> = BTreeMap::new();
            let mut expected = 0;
            let mut read = 0;
            for (n, out) in rx.iter() {
                waiting.insert(n, out);
                while let Some(out) = waiting.remove(&expected) {
                    expected += 1;
                    read += out.len();
                    if each(out, Progress { read, total }).is_break() {
                        stop.store(true, Ordering::Relaxed);
                        return ControlFlow::Break(());
                    }
                }
            }
            ControlFlow::Continue(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Origin;

    #[test]
    fn chunks_arrive_in_path_order_with_progress() {
        let plan = Plan::discover(Source::builtin());
        let total = plan.total();
        assert!(total > 0);
        let mut seen = Vec::new();
        let mut last = Progress::default();
        let flow = plan.load(
            |(p, r)| (p, r.is_ok()),
            |chunk, progress| {
                assert!(progress.read > last.read || total == 0);
                last = progress;
                seen.extend(chunk.into_iter().map(|(p, _)| p));
                ControlFlow::Continue(())
            },
        );
        assert!(flow.is_continue());
        assert_eq!(last, Progress { read: total, total });
        let mut sorted = seen.clone();
        sorted.sort();
        assert_eq!(seen, sorted);
        assert_eq!(seen.len(), total);
    }

    #[test]
    fn break_stops_the_load() {
        let dir = tempfile::tempdir().expect("temp dir");
        for i in 0..(CHUNK * 6) {
            std::fs::write(dir.path().join(format!("c{i:04}.toml")), "schema = 1\n").expect("write");
        }
        let plan = Plan::discover(Source::dir(Origin::Flag, dir.path()));
        let mut batches = 0;
        let flow = plan.load(
            |r| r,
            |_, _| {
                batches += 1;
                ControlFlow::Break(())
            },
        );
        assert!(flow.is_break());
        assert_eq!(batches, 1);
    }
}
