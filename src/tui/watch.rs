//! Watching the library for live reload. The folder's tree is watched for
//! changed case files; its parent is watched for the folder itself, so
//! that when the folder is moved or deleted and comes back (a checkout, a
//! sync, a restore), the watch on its tree is set up again on the folder
//! that is now there: a watch follows the folder it was set on, wherever
//! it went. `r` sets it up again too.
//!
//! While the whole library is being read, its tree is not watched: the
//! watch reports every file opened, and at 100,000 files that costs a
//! quarter more than the reading. When the load is done the tree is
//! watched again, on a thread of its own (setting up a watch on a tree
//! looks at every file in it), and then what changed while the files were
//! read is caught up on.

use super::incoming::Incoming;
use crate::library;
use notify::event::ModifyKind;
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::thread;

pub struct Watch {
    root: PathBuf,
    tx: Sender<Incoming>,
    tree: Option<RecommendedWatcher>,
    parent: Option<RecommendedWatcher>,
    /// Counts arms and disarms: a tree watch set up for an older one is
    /// dropped when it arrives.
    round: u64,
}

/// An event that names the library folder itself: it came, went or moved.
fn about_root(ev: &notify::Event, root: &Path) -> bool {
    matches!(
        ev.kind,
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(_))
    ) && ev.paths.iter().any(|p| p == root)
}

/// A watch on the tree at `root`, reporting changed case files (and the
/// folder itself, should the parent's watch miss it).
fn watch_tree(root: &Path, tx: Sender<Incoming>) -> Option<RecommendedWatcher> {
    let at = root.to_path_buf();
    let mut w = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(ev) = res else { return };
        if matches!(ev.kind, EventKind::Access(_)) {
            return;
        }
        if about_root(&ev, &at) {
            let _ = tx.send(Incoming::Root);
            return;
        }
        let folder = ev.paths.iter().any(|p| p.is_dir());
        let paths: Vec<PathBuf> = ev.paths.into_iter().filter(|p| library::is_case_file(p)).collect();
        if folder || !paths.is_empty() {
            let _ = tx.send(Incoming::Files { paths, folder });
        }
    })
    .ok()?;
    w.watch(root, RecursiveMode::Recursive).ok()?;
    Some(w)
}

fn watch_parent(root: &Path, tx: Sender<Incoming>) -> Option<RecommendedWatcher> {
    let parent = root.parent()?;
    let at = root.to_path_buf();
    let mut w = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(ev) = res {
            if about_root(&ev, &at) {
                let _ = tx.send(Incoming::Root);
            }
        }
    })
    .ok()?;
    w.watch(parent, RecursiveMode::NonRecursive).ok()?;
    Some(w)
}

impl Watch {
    /// A watch on the library at `root` (none for the built-in samples),
    /// not yet armed.
    pub fn new(root: Option<&Path>, tx: Sender<Incoming>) -> Option<Watch> {
        let root = std::path::absolute(root?).ok()?;
        Some(Watch {
            root,
            tx,
            tree: None,
            parent: None,
            round: 0,
        })
    }

    fn ensure_parent(&mut self) {
        if self.parent.is_none() {
            self.parent = watch_parent(&self.root, self.tx.clone());
        }
    }

    /// (Re-)arms the watch on the folder now at the library's path (on a
    /// thread: it arrives as [`Incoming::Watching`], for
    /// [`Watch::install`]), and on its parent if that is not watched yet; a
    /// missing folder is not watched, its parent's watch tells when it is
    /// back. `then` runs on that thread once the tree is watched.
    pub fn arm(&mut self, then: impl FnOnce() + Send + 'static) {
        // the old watch goes first: it may follow a folder moved elsewhere
        self.tree = None;
        self.round += 1;
        self.ensure_parent();
        let (root, tx, round) = (self.root.clone(), self.tx.clone(), self.round);
        let started = thread::Builder::new().name("pathwise-watch".into()).spawn(move || {
            let watcher = watch_tree(&root, tx.clone());
            if tx.send(Incoming::Watching { round, watcher }).is_ok() {
                then();
            }
        });
        if started.is_err() {
            self.tree = watch_tree(&self.root, self.tx.clone());
        }
    }

    /// Keeps a tree watch set up by [`Watch::arm`], unless it was
    /// superseded meanwhile.
    pub fn install(&mut self, round: u64, watcher: Option<RecommendedWatcher>) {
        if round == self.round {
            self.tree = watcher;
        }
    }

    /// Stops watching the tree (a full load is about to read every file);
    /// the parent stays watched for the folder itself.
    pub fn disarm_tree(&mut self) {
        self.tree = None;
        self.round += 1;
        self.ensure_parent();
    }
}
