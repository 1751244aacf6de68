//! `pathwise list [--json]`: the cases of the library, one a line.

use super::{Context, Exit, json_string, report};
use crate::rules::{Options, evaluate};
use crate::text;
use serde_json::json;

pub fn run(ctx: &Context, as_json: bool) -> Exit {
    let library = ctx.library();
    let opts = Options::default();
    if as_json {
        let items: Vec<_> = library
            .cases
            .iter()
            .map(|l| {
                let c = &l.case;
                let r = evaluate(c, &ctx.profile, &opts);
                json!({
                    "id": c.id,
                    "title": c.title,
                    "region": c.region.as_str(),
                    "alias": c.patient.alias,
                    "tags": c.tags,
                    "as_of": c.as_of.to_string(),
                    "score": r.score,
                    "band": r.band.as_str(),
                    "next_step": r.next_step.as_str(),
                    "path": l.path.to_string_lossy(),
                })
            })
            .collect();
        outln!("{}", json_string(&serde_json::Value::Array(items)));
    } else {
        let id_width = library.cases.iter().map(|l| l.case.id.len()).max().unwrap_or(2).max(2);
        outln!(
            "{:<id_width$}  {:<10}  {:>5}  {:<11}  {:<10}  TITLE",
            "ID",
            "REGION",
            "SCORE",
            "BAND",
            "ALIAS"
        );
        for l in &library.cases {
            let c = &l.case;
            let r = evaluate(c, &ctx.profile, &opts);
            outln!(
                "{:<id_width$}  {:<10}  {:>5}  {:<11}  {:<10}  {}",
                c.id,
                c.region.as_str(),
                r.score,
                r.band.as_str(),
                text::inline(&c.patient.alias),
                text::inline(&c.title),
            );
        }
    }
    eprintln!(
        "{} cases from {}{}",
        library.cases.len(),
        library.source,
        match library.failed_files() {
            0 => String::new(),
            n => format!("; {n} files failed to load (listed below; `pathwise validate` checks them)"),
        }
    );
    report(&library.errors);
    if library.errors.is_empty() {
        Exit::Ok
    } else {
        Exit::Invalid
    }
}
