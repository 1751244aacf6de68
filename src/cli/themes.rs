//! `pathwise themes [--check]`: the themes pathwise knows, where each comes
//! from, and (with `--check`) every problem in them.

use super::{Context, Exit};
use crate::theme::{Depth, Origin, ThemeSet};

pub fn run(ctx: &Context, check: bool) -> Exit {
    let set = ThemeSet::load(ctx.dirs.themes_dir().as_deref());
    let problems = set.check();
    for name in set.names() {
        let origin = match set.origin(name) {
            Some(Origin::User(p)) => crate::text::inline(&p.to_string_lossy()).into_owned(),
            _ => "built in".to_string(),
        };
        let status = match set.resolve(name, Depth::TrueColor) {
            Ok(_) => "",
            Err(_) => "  (has problems: falls back to default)",
        };
        outln!("{name:<16} {origin}{status}");
    }
    if let Some(dir) = ctx.dirs.themes_dir() {
        eprintln!("user themes folder: {}", crate::text::inline(&dir.to_string_lossy()));
    }
    if !check {
        return Exit::Ok;
    }
    for p in &problems {
        eprintln!("{p}");
    }
    if problems.is_empty() {
        eprintln!("every theme is valid");
        Exit::Ok
    } else {
        Exit::Invalid
    }
}
