//! The loader: reading files off the event thread. A full load finds the
//! files, then reads, parses and scores them on every core (the domain's
//! [`Plan`]) and sends what it found, batches of cases in path order and
//! its progress as messages; the event thread only appends what arrives.
//! Re-reading changed files and writing an export happen on threads of
//! their own too, so neither a big library nor a file that blocks keeps
//! the console from its keys and signals.

use super::app::{Arrived, LoadEvent, Msg};
use super::incoming::Incoming;
use crate::case::Packed;
use crate::library::{Change, Plan, Source, duplicate_ids, load_case_file};
use crate::rules::Profile;
use std::collections::HashSet;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::Sender;
use std::thread;
use std::time::{Duration, Instant, SystemTime};

/// Progress is sent at most this often: enough for a smooth bar, few
/// enough frames over a slow link.
const PROGRESS_EVERY: Duration = Duration::from_millis(50);
/// Cases are sent in batches that double (each as large as all sent
/// before), so re-sorting the list as they arrive costs about twice one
/// sort of the whole library; but never held back longer than this.
const BATCH_WAIT: Duration = Duration::from_secs(2);
const FIRST_BATCH: usize = 64;

pub struct Loader {
    profile: Profile,
    tx: Sender<Incoming>,
    /// The generation of the newest load; older ones stop.
    current: Arc<AtomicU64>,
}

fn send(tx: &Sender<Incoming>, msg: Msg) -> ControlFlow<()> {
    match tx.send(Incoming::App(msg)) {
        Ok(()) => ControlFlow::Continue(()),
        Err(_) => ControlFlow::Break(()),
    }
}

/// Debug builds only: a pause before each file, so the end-to-end tests
/// can see a slow load (quitting, signals and progress while loading);
/// compiled out of release builds.
#[cfg(debug_assertions)]
fn test_delay() -> Option<Duration> {
    let ms: u64 = std::env::var("PATHWISE_TEST_LOAD_DELAY_MS").ok()?.parse().ok()?;
    Some(Duration::from_millis(ms))
}

#[cfg(not(debug_assertions))]
fn test_delay() -> Option<Duration> {
    None
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".into())
}

impl Loader {
    pub fn new(profile: Profile, tx: Sender<Incoming>) -> Loader {
        Loader {
            profile,
            tx,
            current: Arc::new(AtomicU64::new(0)),
        }
    }

    fn spawn(&self, name: &str, work: impl FnOnce() + Send + 'static) {
        let tx = self.tx.clone();
        let started = thread::Builder::new().name(format!("pathwise-{name}")).spawn(move || {
            if let Err(p) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)) {
                let _ = tx.send(Incoming::LoaderFailed(panic_message(p.as_ref())));
            }
        });
        if let Err(e) = started {
            let _ = self
                .tx
                .send(Incoming::LoaderFailed(format!("cannot start a thread: {e}")));
        }
    }

    /// Loads the whole library as `generation`; a running load of an older
    /// generation stops at its next batch.
    pub fn load(&self, source: Source, generation: u64) {
        self.current.store(generation, Ordering::SeqCst);
        let (profile, tx, current) = (self.profile.clone(), self.tx.clone(), self.current.clone());
        self.spawn("loader", move || {
            let _ = load(&source, generation, &profile, &tx, &current);
        });
    }

    /// Whether `generation` is the newest load asked for.
    pub fn is_current(&self, generation: u64) -> bool {
        self.current.load(Ordering::SeqCst) == generation
    }

    /// After a full load, to run once the tree is watched again: reports
    /// the files added, removed or changed since the load `started` (found
    /// by looking at the folder again) as changed, so nothing saved while
    /// the library was being read is missed. Files looked at again that did
    /// not change are no news to `update`.
    pub fn catch_up(&self, source: Source, started: SystemTime, files: Vec<PathBuf>) -> impl FnOnce() + Send + 'static {
        let tx = self.tx.clone();
        move || {
            // file times may be coarser than the clock: a second's margin
            let since = started.checked_sub(Duration::from_secs(1)).unwrap_or(started);
            let now = Plan::discover(source);
            let before: HashSet<PathBuf> = files.into_iter().collect();
            let mut changed: Vec<PathBuf> = Vec::new();
            let mut seen = HashSet::with_capacity(before.len());
            for p in now.paths() {
                seen.insert(p);
                let modified = std::fs::metadata(p)
                    .and_then(|m| m.modified())
                    .is_ok_and(|t| t >= since);
                if modified || !before.contains(p) {
                    changed.push(p.to_path_buf());
                }
            }
            changed.extend(before.iter().filter(|p| !seen.contains(p.as_path())).cloned());
            if !changed.is_empty() {
                let _ = tx.send(Incoming::Files {
                    paths: changed,
                    folder: false,
                });
            }
        }
    }

    /// Reads changed files again; a file that is gone is removed.
    pub fn read(&self, paths: Vec<PathBuf>) {
        let tx = self.tx.clone();
        self.spawn("reader", move || {
            let changes: Vec<Change<Packed>> = paths
                .into_iter()
                .map(|p| {
                    let state = std::fs::symlink_metadata(&p)
                        .is_ok()
                        .then(|| load_case_file(&p).map(|c| Packed::new(&c)));
                    (p, state)
                })
                .collect();
            let _ = send(&tx, Msg::FilesChanged(changes));
        });
    }

    /// Writes a referral summary under the first free name in the current
    /// folder.
    pub fn export(&self, id: String, body: String) {
        let tx = self.tx.clone();
        self.spawn("export", move || {
            let result =
                crate::export::write_free_name(Path::new("."), &id, "md", body.as_bytes()).map_err(|e| e.to_string());
            let _ = send(&tx, Msg::Exported(result));
        });
    }
}

fn load(
    source: &Source,
    generation: u64,
    profile: &Profile,
    tx: &Sender<Incoming>,
    current: &AtomicU64,
) -> ControlFlow<()> {
    let started = SystemTime::now();
    let stale = || current.load(Ordering::SeqCst) != generation;
    let event = |e: LoadEvent| send(tx, Msg::Load(e));
    let plan = Plan::discover(source.clone());
    if stale() {
        return ControlFlow::Break(());
    }
    let total = plan.total();
    event(LoadEvent::Found {
        generation,
        total,
        errors: plan.errors.clone(),
    })?;
    let delay = test_delay();
    let score = |(path, result): crate::library::FileResult| {
        if let Some(d) = delay {
            thread::sleep(d);
        }
        result.map(|case| Arrived::new(path, &case, profile))
    };
    let mut cases: Vec<Arrived> = Vec::new();
    let mut errors = Vec::new();
    // every case's id, to find the ids used twice at the end
    let mut ids: Vec<(String, PathBuf)> = Vec::with_capacity(total);
    let mut sent = 0usize;
    let mut last_batch = Instant::now();
    let mut last_progress: Option<Instant> = None;
    plan.load(score, |chunk, progress| {
        if stale() {
            return ControlFlow::Break(());
        }
        for item in chunk {
            match item {
                Ok(a) => {
                    ids.push((a.loaded.case.id().to_string(), a.loaded.path.clone()));
                    cases.push(a);
                }
                Err(e) => errors.extend(e),
            }
        }
        let pending = cases.len() + errors.len();
        let due = pending >= sent.max(FIRST_BATCH) || (sent == 0 && pending > 0) || last_batch.elapsed() >= BATCH_WAIT;
        if pending > 0 && due {
            sent += cases.len();
            last_batch = Instant::now();
            event(LoadEvent::Batch {
                generation,
                cases: std::mem::take(&mut cases),
                errors: std::mem::take(&mut errors),
            })?;
        }
        if last_progress.is_none_or(|t| t.elapsed() >= PROGRESS_EVERY) {
            last_progress = Some(Instant::now());
            event(LoadEvent::Progress {
                generation,
                read: progress.read,
            })?;
        }
        ControlFlow::Continue(())
    })?;
    if stale() {
        return ControlFlow::Break(());
    }
    if !cases.is_empty() || !errors.is_empty() {
        event(LoadEvent::Batch {
            generation,
            cases,
            errors,
        })?;
    }
    event(LoadEvent::Progress {
        generation,
        read: total,
    })?;
    let duplicates = duplicate_ids(ids.iter().map(|(id, p)| (id.as_str(), p.as_path())));
    event(LoadEvent::Done { generation, duplicates })?;
    let loaded = Incoming::Loaded {
        generation,
        started,
        files: plan.paths().map(PathBuf::from).collect(),
    };
    match tx.send(loaded) {
        Ok(()) => ControlFlow::Continue(()),
        Err(_) => ControlFlow::Break(()),
    }
}
