//! A case library: the folder (or the built-in samples) and what loaded
//! from it. One bad file never hides the good ones: each failure becomes an
//! error entry beside the cases that did load.

mod builtin;
mod discover;
mod read;
pub mod source;
pub mod stream;

pub use discover::{case_files, is_case_file};
pub use read::{load_case_file, read_limited};
pub use source::{Origin, Source};
pub use stream::{FileResult, Plan, Progress};

use crate::case::{Case, CaseError, Packed};
use std::collections::HashMap;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

/// What a library holds of each case: the [`Case`] itself (the command
/// line), or the case [`Packed`] (the console, which keeps a big library
/// in a third of the memory and unpacks the case it shows).
pub trait Entry: Clone {
    fn id(&self) -> &str;
}

impl Entry for Case {
    fn id(&self) -> &str {
        &self.id
    }
}

impl Entry for Packed {
    fn id(&self) -> &str {
        Packed::id(self)
    }
}

/// One case that loaded, with the file it came from.
#[derive(Debug, Clone)]
pub struct Loaded<C = Case> {
    pub path: PathBuf,
    pub case: C,
}

#[derive(Debug, Clone)]
pub struct Library<C = Case> {
    pub source: Source,
    /// Valid cases in path order.
    pub cases: Vec<Loaded<C>>,
    /// Every problem: unreadable or invalid files, folder problems,
    /// duplicate ids. A file may have several.
    pub errors: Vec<CaseError>,
    /// Valid cases held back because another file uses the same id.
    pub withheld: Vec<Loaded<C>>,
}

impl Library {
    /// Loads the library a [`Source`] names, on all cores.
    pub fn load(source: Source) -> Library {
        let plan = Plan::discover(source);
        let mut results = Vec::with_capacity(plan.total());
        let _ = plan.load(
            |r| r,
            |chunk, _| {
                results.extend(chunk);
                ControlFlow::Continue(())
            },
        );
        let mut library = Library::begin(plan.source, plan.errors);
        library.extend(results);
        library.settle();
        library
    }

    /// Adds loaded files, in path order after those already added.
    pub fn extend(&mut self, results: impl IntoIterator<Item = FileResult>) {
        for (path, result) in results {
            match result {
                Ok(case) => self.cases.push(Loaded { path, case }),
                Err(errs) => self.errors.extend(errs),
            }
        }
    }

    /// The built-in sample library.
    pub fn builtin() -> Library {
        Library::load(Source::builtin())
    }

    /// The same library with every case packed.
    pub fn packed(self) -> Library<Packed> {
        let pack = |l: Loaded| Loaded {
            case: Packed::new(&l.case),
            path: l.path,
        };
        Library {
            source: self.source,
            cases: self.cases.into_iter().map(pack).collect(),
            errors: self.errors,
            withheld: self.withheld.into_iter().map(pack).collect(),
        }
    }
}

impl<C: Entry> Library<C> {
    /// A library that loaded files are added to, batch by batch
    /// ([`Library::extend`], then [`Library::settle`]), starting with the
    /// problems found while looking for the files.
    pub fn begin(source: Source, errors: Vec<CaseError>) -> Library<C> {
        Library {
            source,
            cases: Vec::new(),
            errors,
            withheld: Vec::new(),
        }
    }

    /// After the last batch: withholds every case whose id another file
    /// also uses (neither silently wins), with an error for each. Returns
    /// the paths withheld.
    pub fn settle(&mut self) -> Vec<PathBuf> {
        let duplicates = duplicate_ids(self.cases.iter().map(|l| (l.case.id(), l.path.as_path())));
        self.withhold(&duplicates)
    }

    /// [`Library::settle`] with the duplicate ids already worked out (by
    /// [`duplicate_ids`] over every case, as they were loaded): nothing to
    /// do when there are none.
    pub fn withhold(&mut self, duplicates: &HashMap<String, Vec<PathBuf>>) -> Vec<PathBuf> {
        if duplicates.is_empty() {
            return Vec::new();
        }
        let pool = std::mem::take(&mut self.cases);
        let (cases, withheld) = withhold_from(pool, duplicates, &mut self.errors);
        self.cases = cases;
        let paths = withheld.iter().map(|l| l.path.clone()).collect();
        self.withheld.extend(withheld);
        paths
    }

    /// A library with nothing in it (before the first load).
    pub fn empty() -> Library<C> {
        Library {
            source: Source::builtin(),
            cases: Vec::new(),
            errors: Vec::new(),
            withheld: Vec::new(),
        }
    }

    /// The number of distinct files that failed.
    pub fn failed_files(&self) -> usize {
        let mut paths: Vec<&Path> = self.errors.iter().map(|e| e.path.as_path()).collect();
        paths.sort();
        paths.dedup();
        paths.len()
    }

    pub fn find(&self, id: &str) -> Option<&Loaded<C>> {
        self.cases.iter().find(|l| l.case.id() == id)
    }
}

/// Loads every case file under `root` (a folder or one file), on all
/// cores: the cases, the errors, and the cases withheld as duplicates.
pub fn load_path(root: &Path) -> (Vec<Loaded>, Vec<CaseError>, Vec<Loaded>) {
    let l = Library::load(Source::dir(Origin::Flag, root));
    (l.cases, l.errors, l.withheld)
}

/// Reads and parses files on all cores, keeping their order.
pub fn load_files(files: &[PathBuf]) -> Vec<Result<Case, Vec<CaseError>>> {
    let plan = Plan::files(Source::builtin(), files.to_vec());
    let mut results = Vec::with_capacity(files.len());
    let _ = plan.load(
        |(_, r)| r,
        |chunk, _| {
            results.extend(chunk);
            ControlFlow::Continue(())
        },
    );
    results
}

/// The ids used by more than one case, each with the files that use it.
pub fn duplicate_ids<'a>(cases: impl IntoIterator<Item = (&'a str, &'a Path)>) -> HashMap<String, Vec<PathBuf>> {
    let mut paths_by_id: HashMap<&str, Vec<&Path>> = HashMap::new();
    for (id, path) in cases {
        paths_by_id.entry(id).or_default().push(path);
    }
    paths_by_id
        .into_iter()
        .filter(|(_, paths)| paths.len() > 1)
        .map(|(id, mut paths)| {
            paths.sort();
            (id.to_string(), paths.into_iter().map(Path::to_path_buf).collect())
        })
        .collect()
}

/// Takes out of `pool` every case whose id is used more than once, with an
/// error for each naming the other files.
fn split_duplicates<C: Entry>(
    mut pool: Vec<Loaded<C>>,
    errors: &mut Vec<CaseError>,
) -> (Vec<Loaded<C>>, Vec<Loaded<C>>) {
    pool.sort_by(|a, b| a.path.cmp(&b.path));
    let duplicated = duplicate_ids(pool.iter().map(|l| (l.case.id(), l.path.as_path())));
    if duplicated.is_empty() {
        return (pool, Vec::new());
    }
    withhold_from(pool, &duplicated, errors)
}

fn withhold_from<C: Entry>(
    pool: Vec<Loaded<C>>,
    duplicated: &HashMap<String, Vec<PathBuf>>,
    errors: &mut Vec<CaseError>,
) -> (Vec<Loaded<C>>, Vec<Loaded<C>>) {
    let mut withheld = Vec::new();
    let mut cases = Vec::with_capacity(pool.len());
    for l in pool {
        match duplicated.get(l.case.id()) {
            None => cases.push(l),
            Some(paths) => {
                let others: Vec<String> = paths
                    .iter()
                    .filter(|p| **p != l.path)
                    .map(|p| p.to_string_lossy().into_owned())
                    .collect();
                errors.push(CaseError::new(
                    &l.path,
                    format!("duplicate id \"{}\": also used by {}", l.case.id(), others.join(", ")),
                ));
                withheld.push(l);
            }
        }
    }
    errors.sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
    (cases, withheld)
}

/// A file's new state after a change on disk: `None` when it was removed.
pub type Change<C = Case> = (PathBuf, Option<Result<C, Vec<CaseError>>>);

impl<C: Entry> Library<C> {
    /// Applies reloaded files: each changed path's old case or errors are
    /// replaced by its new state, and duplicate ids are worked out again
    /// (a file that stops clashing comes back). Returns the paths whose
    /// case must be re-scored.
    pub fn apply(&mut self, changes: Vec<Change<C>>) -> Vec<PathBuf> {
        let changed: Vec<PathBuf> = changes.iter().map(|(p, _)| p.clone()).collect();
        let withheld_paths: Vec<PathBuf> = self.withheld.iter().map(|l| l.path.clone()).collect();
        let mut pool: Vec<Loaded<C>> = std::mem::take(&mut self.cases);
        pool.append(&mut self.withheld);
        pool.retain(|l| !changed.contains(&l.path));
        let mut errors: Vec<CaseError> = std::mem::take(&mut self.errors)
            .into_iter()
            .filter(|e| !changed.contains(&e.path) && !withheld_paths.contains(&e.path))
            .collect();
        for (path, state) in changes {
            match state {
                Some(Ok(case)) => pool.push(Loaded { path, case }),
                Some(Err(errs)) => errors.extend(errs),
                None => {}
            }
        }
        let (cases, withheld) = split_duplicates(pool, &mut errors);
        errors.sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
        self.cases = cases;
        self.withheld = withheld;
        self.errors = errors;
        let mut rescore = changed;
        rescore.extend(withheld_paths);
        rescore
    }
}
