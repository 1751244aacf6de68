//! A case library: the folder (or the built-in samples) and what loaded
//! from it. One bad file never hides the good ones: each failure becomes an
//! error entry beside the cases that did load.

mod builtin;
mod discover;
mod read;
pub mod source;

pub use discover::{case_files, is_case_file};
pub use read::{load_case_file, read_limited};
pub use source::{Origin, Source};

use crate::case::{Case, CaseError, parse_case};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One case that loaded, with the file it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub path: PathBuf,
    pub case: Case,
}

#[derive(Debug, Clone)]
pub struct Library {
    pub source: Source,
    /// Valid cases in path order.
    pub cases: Vec<Loaded>,
    /// Every problem: unreadable or invalid files, folder problems,
    /// duplicate ids. A file may have several.
    pub errors: Vec<CaseError>,
    /// Valid cases held back because another file uses the same id.
    pub withheld: Vec<Loaded>,
}

impl Library {
    /// Loads the library a [`Source`] names.
    pub fn load(source: Source) -> Library {
        match &source.dir {
            Some(dir) => {
                let (cases, errors, withheld) = load_path(dir);
                Library {
                    source,
                    cases,
                    errors,
                    withheld,
                }
            }
            None => {
                let results = builtin::FILES
                    .iter()
                    .map(|(name, text)| {
                        let path = PathBuf::from(name);
                        let result = parse_case(&path, text.as_bytes());
                        (path, result)
                    })
                    .collect();
                let (cases, errors, withheld) = collect(results, Vec::new());
                Library {
                    source,
                    cases,
                    errors,
                    withheld,
                }
            }
        }
    }

    /// A library with nothing in it (before the first load).
    pub fn empty() -> Library {
        Library {
            source: Source::builtin(),
            cases: Vec::new(),
            errors: Vec::new(),
            withheld: Vec::new(),
        }
    }

    /// The built-in sample library.
    pub fn builtin() -> Library {
        Library::load(Source::builtin())
    }

    /// The number of distinct files that failed.
    pub fn failed_files(&self) -> usize {
        let mut paths: Vec<&Path> = self.errors.iter().map(|e| e.path.as_path()).collect();
        paths.sort();
        paths.dedup();
        paths.len()
    }

    pub fn find(&self, id: &str) -> Option<&Loaded> {
        self.cases.iter().find(|l| l.case.id == id)
    }
}

/// Loads every case file under `root` (a folder or one file), on all
/// cores: the cases, the errors, and the cases withheld as duplicates.
pub fn load_path(root: &Path) -> (Vec<Loaded>, Vec<CaseError>, Vec<Loaded>) {
    let found = case_files(root);
    let results = load_files(&found.files);
    collect(found.files.into_iter().zip(results).collect(), found.errors)
}

/// Parses files on every core, keeping their order.
pub fn load_files(files: &[PathBuf]) -> Vec<Result<Case, Vec<CaseError>>> {
    crate::par::map(files, |p| load_case_file(p))
}

type FileResult = (PathBuf, Result<Case, Vec<CaseError>>);

/// Splits results into cases and errors, and withholds every case whose
/// id another file also uses: neither silently wins.
fn collect(results: Vec<FileResult>, errors: Vec<CaseError>) -> (Vec<Loaded>, Vec<CaseError>, Vec<Loaded>) {
    let mut pool = Vec::with_capacity(results.len());
    let mut errors = errors;
    for (path, result) in results {
        match result {
            Ok(case) => pool.push(Loaded { path, case }),
            Err(errs) => errors.extend(errs),
        }
    }
    let (cases, withheld) = split_duplicates(pool, &mut errors);
    (cases, errors, withheld)
}

/// Takes out of `pool` every case whose id is used more than once, with an
/// error for each naming the other files.
fn split_duplicates(mut pool: Vec<Loaded>, errors: &mut Vec<CaseError>) -> (Vec<Loaded>, Vec<Loaded>) {
    pool.sort_by(|a, b| a.path.cmp(&b.path));
    let mut paths_by_id: HashMap<&str, Vec<&Path>> = HashMap::new();
    for l in &pool {
        paths_by_id.entry(l.case.id.as_str()).or_default().push(&l.path);
    }
    let duplicated: HashMap<String, Vec<PathBuf>> = paths_by_id
        .into_iter()
        .filter(|(_, paths)| paths.len() > 1)
        .map(|(id, paths)| (id.to_string(), paths.into_iter().map(Path::to_path_buf).collect()))
        .collect();
    let mut withheld = Vec::new();
    if duplicated.is_empty() {
        return (pool, withheld);
    }
    let mut cases = Vec::with_capacity(pool.len());
    for l in pool {
        match duplicated.get(&l.case.id) {
            None => cases.push(l),
            Some(paths) => {
                let others: Vec<String> = paths
                    .iter()
                    .filter(|p| **p != l.path)
                    .map(|p| p.to_string_lossy().into_owned())
                    .collect();
                errors.push(CaseError::new(
                    &l.path,
                    format!("duplicate id \"{}\": also used by {}", l.case.id, others.join(", ")),
                ));
                withheld.push(l);
            }
        }
    }
    errors.sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
    (cases, withheld)
}

/// A file's new state after a change on disk: `None` when it was removed.
pub type Change = (PathBuf, Option<Result<Case, Vec<CaseError>>>);

impl Library {
    /// Applies reloaded files: each changed path's old case or errors are
    /// replaced by its new state, and duplicate ids are worked out again
    /// (a file that stops clashing comes back). Returns the paths whose
    /// case must be re-scored.
    pub fn apply(&mut self, changes: Vec<Change>) -> Vec<PathBuf> {
        let changed: Vec<PathBuf> = changes.iter().map(|(p, _)| p.clone()).collect();
        let withheld_paths: Vec<PathBuf> = self.withheld.iter().map(|l| l.path.clone()).collect();
        let mut pool: Vec<Loaded> = std::mem::take(&mut self.cases);
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
