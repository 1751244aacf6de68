//! `pathwise export ID|FILE --format markdown|json [-o FILE] [--force]`.
//! Exit codes: 0 written, 2 when the file was not written because of what
//! is at FILE (it exists without `--force`; it is a directory, device,
//! named pipe or socket, or a link to none or to one), 1 when writing
//! failed (no such folder, no permission, disk full) or the case is invalid.

use super::{Context, Exit, ExportFormat, find_case, report};
use crate::export;
use crate::present::{Presenter, Privacy};
use crate::rules::{Options, evaluate};
use std::path::Path;

pub fn run(ctx: &Context, arg: &std::ffi::OsStr, format: ExportFormat, output: Option<&Path>, force: bool) -> Exit {
    let (path, case) = match find_case(ctx, arg) {
        Ok(found) => found,
        Err((exit, errors)) => {
            report(&errors);
            return exit;
        }
    };
    let r = evaluate(&case, &ctx.profile, &Options::default());
    let p = Presenter::new(&case, Privacy::presenting(ctx.global.present)).with_file(&path);
    let (view, verdict) = (p.case_view_reviewed(&ctx.profile), p.verdict_view(&r));
    let body = match format {
        ExportFormat::Markdown => export::markdown(&view, &verdict),
        ExportFormat::Json => export::json(&view, &verdict) + "\n",
    };
    match output {
        None => {
            super::write_out(&body);
            Exit::Ok
        }
        Some(path) => match export::write_new(path, body.as_bytes(), force) {
            Ok(()) => {
                eprintln!("wrote {}", crate::text::inline(&path.to_string_lossy()));
                Exit::Ok
            }
            // a refusal (the file exists, or is not a regular file) is a usage
            // error: another name or --force; a failed write is not
            Err(e) => {
                eprintln!("pathwise export: {}", crate::text::inline(&e.to_string()));
                if e.refused() { Exit::Usage } else { Exit::Invalid }
            }
        },
    }
}
