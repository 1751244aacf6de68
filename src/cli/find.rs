//! Finding the case a command line names: a path to a file, an id, or an
//! alias ("Case 2"), the way people refer to cases; an unknown name is
//! answered with the nearest ids.

use super::{Context, Exit};
use crate::case::Case;
use crate::file::FileError;
use crate::library::{Library, load_case_file};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// The case `arg` names, with its file. A path (anything ending in
/// `.toml`, or an existing file, in any encoding) is read directly;
/// otherwise the library in use is searched by id, then by alias.
pub fn find_case(ctx: &Context, arg: &OsStr) -> Result<(PathBuf, Case), (Exit, Vec<FileError>)> {
    let path = Path::new(arg);
    let text = arg.to_str();
    if path.extension().is_some_and(|e| e == "toml") || path.is_file() || text.is_none() {
        return load_case_file(path)
            .map(|c| (path.to_path_buf(), c))
            .map_err(|e| (Exit::Invalid, e));
    }
    let name = text.unwrap_or_default();
    let library = ctx.library();
    let found = find_in(&library, name).map(|l| (l.path.clone(), l.case.clone()));
    // the command ends after this one case: freeing the whole library
    // (100,000 cases: a tenth of a second) would only cost time
    std::mem::forget(library);
    found
}

fn find_in<'l>(library: &'l Library, name: &str) -> Result<&'l crate::library::Loaded, (Exit, Vec<FileError>)> {
    if let Some(l) = library.find(name) {
        return Ok(l);
    }
    let wanted = name.trim().to_lowercase();
    let by_alias: Vec<_> = library
        .cases
        .iter()
        .filter(|l| l.case.patient.alias.trim().to_lowercase() == wanted)
        .collect();
    match by_alias.as_slice() {
        [one] => return Ok(one),
        [] => {}
        many => {
            let ids: Vec<&str> = many.iter().map(|l| l.case.id.as_str()).collect();
            return Err(usage(format!(
                "the alias \"{}\" is used by {} cases: {}; name one by its id",
                crate::text::inline(name),
                many.len(),
                ids.join(", ")
            )));
        }
    }
    // an id whose file failed to load is invalid data, not a typo
    let failed: Vec<FileError> = library
        .errors
        .iter()
        .filter(|e| e.path.file_stem().is_some_and(|s| s == name))
        .cloned()
        .collect();
    if !failed.is_empty() {
        return Err((Exit::Invalid, failed));
    }
    let near = crate::file::nearest_all(name, library.cases.iter().map(|l| l.case.id.as_str()), 3);
    let hint = match near.as_slice() {
        [] => "`pathwise list` shows the ids".to_string(),
        ids => format!(
            "did you mean {}? (`pathwise list` shows every id)",
            ids.iter().map(|i| format!("\"{i}\"")).collect::<Vec<_>>().join(" or ")
        ),
    };
    Err(usage(format!(
        "no case with id or alias \"{}\" in {}; {hint}",
        crate::text::inline(name),
        library.source
    )))
}

fn usage(message: String) -> (Exit, Vec<FileError>) {
    (Exit::Usage, vec![FileError::new(Path::new("pathwise"), message)])
}
