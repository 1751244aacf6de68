//! `pathwise validate [PATH…]`: every error, one per line, on standard
//! output; a summary on standard error; exit 1 if anything is invalid.
//! Profiles in a `profiles/` folder are checked as profiles.

use super::{Context, Exit};
use crate::case::CaseError;
use crate::library::{self, Source};
use crate::rules::Profile;
use std::path::{Path, PathBuf};

pub fn run(ctx: &Context, paths: &[PathBuf]) -> Exit {
    let mut errors: Vec<CaseError> = Vec::new();
    let mut valid = 0usize;
    let mut files = 0usize;
    if paths.is_empty() {
        let lib = ctx.library();
        if lib.source == Source::builtin() {
            eprintln!("validating the built-in sample library (give a PATH to check your own files)");
        }
        valid += lib.cases.len();
        files += lib.cases.len() + lib.failed_files();
        errors.extend(lib.errors);
    }
    for path in paths {
        if path.is_file() && in_profiles(path) {
            files += 1;
            match Profile::check(path) {
                Ok(_) => valid += 1,
                Err(e) => errors.extend(e),
            }
            continue;
        }
        let (cases, errs, _) = library::load_path(path);
        let failed = count_files(&errs);
        valid += cases.len();
        files += cases.len() + failed;
        errors.extend(errs);
        for profile in profile_files(path) {
            files += 1;
            match Profile::check(&profile) {
                Ok(_) => valid += 1,
                Err(e) => errors.extend(e),
            }
        }
    }
    for e in &errors {
        outln!("{e}");
    }
    let invalid = count_files(&errors);
    if errors.is_empty() {
        eprintln!("checked {}: all valid", plural(files, "file"));
        Exit::Ok
    } else {
        eprintln!(
            "checked {}: {valid} valid, {invalid} with problems ({})",
            plural(files, "file"),
            plural(errors.len(), "error")
        );
        Exit::Invalid
    }
}

fn in_profiles(p: &Path) -> bool {
    p.parent().and_then(Path::file_name).is_some_and(|n| n == "profiles")
}

fn count_files(errors: &[CaseError]) -> usize {
    let mut paths: Vec<&Path> = errors.iter().map(|e| e.path.as_path()).collect();
    paths.sort();
    paths.dedup();
    paths.len()
}

/// `*.toml` files in folders named `profiles` under `root` (or `root`
/// itself when it is a profile file).
fn profile_files(root: &Path) -> Vec<PathBuf> {
    if root.is_file() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    let mut seen = std::collections::HashSet::new();
    while let Some(dir) = stack.pop() {
        let Ok(real) = std::fs::canonicalize(&dir) else {
            continue;
        };
        if !seen.insert(real) {
            continue;
        }
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if library::is_case_file(&p) && in_profiles(&p) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
