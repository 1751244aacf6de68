//! `pathwise export ID|FILE --format markdown|json [-o FILE] [--force]`.

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
    let (view, verdict) = (p.case_view(), p.verdict_view(&r));
    let body = match format {
        ExportFormat::Markdown => export::markdown(&view, &verdict),
        ExportFormat::Json => export::json(&view, &verdict) + "\n",
    };
    match output {
        None => {
            super::write_out(&body);
            Exit::Ok
        }
        Some(path) => match export::write_atomic(path, body.as_bytes(), force) {
            Ok(()) => {
                eprintln!("wrote {}", crate::text::inline(&path.to_string_lossy()));
                Exit::Ok
            }
            Err(e) => {
                eprintln!("pathwise export: {}", crate::text::inline(&e.to_string()));
                Exit::Invalid
            }
        },
    }
}
