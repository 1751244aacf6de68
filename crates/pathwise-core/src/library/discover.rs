//! Finding the case files of a library folder: every `*.toml` below it,
//! sub-folders included, in a stable order. Problems with the folder itself
//! (an unreadable folder, a symlink loop) are reported, never fatal.

use crate::case::CaseError;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Folders that hold other pathwise files, not cases.
const NOT_CASE_FOLDERS: &[&str] = &["profiles", "themes", "target"];

#[derive(Debug, Default)]
pub struct Found {
    pub files: Vec<PathBuf>,
    pub errors: Vec<CaseError>,
}

/// Every case file under `root`, sorted by path. A file passed as `root`
/// is returned as is.
pub fn case_files(root: &Path) -> Found {
    let mut found = Found::default();
    let mut visited = HashSet::new();
    match fs::metadata(root) {
        Ok(m) if m.is_file() => found.files.push(root.to_path_buf()),
        Ok(m) if m.is_dir() => walk(root, &mut visited, &mut found),
        Ok(_) => found.errors.push(CaseError::new(
            root,
            "not a regular file (a pipe, socket or device); skipped",
        )),
        Err(e) => found.errors.push(CaseError::new(root, format!("cannot open: {e}"))),
    }
    found.files.sort();
    found
}

fn walk(dir: &Path, visited: &mut HashSet<PathBuf>, found: &mut Found) {
    // canonical paths catch a symlink that leads back to a folder on the way
    match fs::canonicalize(dir) {
        Ok(real) => {
            if !visited.insert(real.clone()) {
                found.errors.push(CaseError::new(
                    dir,
                    format!(
                        "symbolic link loop: this folder is {} again; skipped",
                        real.to_string_lossy()
                    ),
                ));
                return;
            }
        }
        Err(e) => {
            found
                .errors
                .push(CaseError::new(dir, format!("cannot open folder: {e}")));
            return;
        }
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            found
                .errors
                .push(CaseError::new(dir, format!("cannot read folder: {e}")));
            return;
        }
    };
    let mut subdirs = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                found
                    .errors
                    .push(CaseError::new(dir, format!("cannot read folder entry: {e}")));
                continue;
            }
        };
        let path = entry.path();
        let name = entry.file_name();
        let hidden = name.to_string_lossy().starts_with('.');
        // the listing says what a plain file or folder is (no look at each
        // of a hundred thousand files); a symlink is followed, since a
        // library may link in another department's folder
        let kind = match entry.file_type() {
            Ok(t) if t.is_file() || t.is_dir() => Ok(t),
            _ => fs::metadata(&path).map(|m| m.file_type()),
        };
        match kind {
            Ok(m) if m.is_dir() => {
                let skip = NOT_CASE_FOLDERS.iter().any(|n| name == *n);
                if !hidden && !skip {
                    subdirs.push(path);
                }
            }
            Ok(m) if m.is_file() => {
                if !hidden && is_case_file(&path) {
                    found.files.push(path);
                }
            }
            // a FIFO, socket or device named *.toml: opening it could block
            Ok(_) => {
                if !hidden && is_case_file(&path) {
                    found.errors.push(CaseError::new(
                        &path,
                        "not a regular file (a pipe, socket or device); skipped",
                    ));
                }
            }
            Err(e) => {
                if is_case_file(&path) || fs::symlink_metadata(&path).is_ok_and(|m| m.is_symlink()) {
                    found.errors.push(CaseError::new(&path, format!("cannot open: {e}")));
                }
            }
        }
    }
    subdirs.sort();
    for sub in subdirs {
        walk(&sub, visited, found);
    }
}

pub fn is_case_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "toml")
}
