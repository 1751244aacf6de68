//! `pathwise list [--json]`: the cases of the library, one a line, or one
//! JSON array streamed case by case.

use super::output::Out;
use super::{Context, Exit, end_over_library};
use crate::case::Case;
use crate::library::Loaded;
use crate::rules::{Options, Readiness, array_element, evaluate, write_json_array};
use crate::text;
use serde::Serialize;

/// One case in `list --json`.
#[derive(Serialize)]
struct Item<'a> {
    id: &'a str,
    title: &'a str,
    region: &'static str,
    alias: &'a str,
    tags: &'a [String],
    as_of: String,
    score: u8,
    band: &'static str,
    next_step: &'static str,
    path: std::borrow::Cow<'a, str>,
}

fn item<'a>(l: &'a Loaded, r: &Readiness) -> Item<'a> {
    let c: &Case = &l.case;
    Item {
        id: &c.id,
        title: &c.title,
        region: c.region.as_str(),
        alias: &c.patient.alias,
        tags: &c.tags,
        as_of: c.as_of.to_string(),
        score: r.score,
        band: r.band.as_str(),
        next_step: r.next_step.as_str(),
        path: l.path.to_string_lossy(),
    }
}

pub fn run(ctx: &Context, as_json: bool) -> Exit {
    let library = ctx.library();
    let opts = Options::default();
    let mut out = Out::new();
    let mut scores = Vec::new();
    if as_json {
        // each case scored and serialised on a worker, written in order
        let written = write_json_array(out.writer(), &library.cases, |l| {
            let r = evaluate(&l.case, &ctx.profile, &opts);
            array_element(&item(l, &r))
        });
        out.check(written);
        out.line("");
    } else {
        scores = crate::par::map(&library.cases, |l| evaluate(&l.case, &ctx.profile, &opts));
        let id_width = library.cases.iter().map(|l| l.case.id.len()).max().unwrap_or(2).max(2);
        out.line(&format!(
            "{:<id_width$}  {:<10}  {:>5}  {:<11}  {:<10}  TITLE",
            "ID", "REGION", "SCORE", "BAND", "ALIAS"
        ));
        for (l, r) in library.cases.iter().zip(&scores) {
            let c = &l.case;
            out.line(&format!(
                "{:<id_width$}  {:<10}  {:>5}  {:<11}  {:<10}  {}",
                c.id,
                c.region.as_str(),
                r.score,
                r.band.as_str(),
                text::inline(&c.patient.alias),
                text::inline(&c.title),
            ));
        }
    }
    out.finish();
    eprintln!(
        "{} cases from {}{}",
        library.cases.len(),
        library.source,
        match library.failed_files() {
            0 => String::new(),
            n => format!("; {n} files failed to load (listed below; `pathwise validate` checks them)"),
        }
    );
    end_over_library(library, scores)
}
