//! `pathwise score ID|FILE [--json] [--all]`: the readiness verdict of
//! READINESS.md, as the JSON contract or a readable table.

use super::{Context, Exit, find_case, json_string, report};
use crate::case::Case;
use crate::rules::{Options, Readiness, Status, evaluate, to_json};
use crate::text;
use std::fmt::Write as _;

pub fn run(ctx: &Context, arg: Option<&std::ffi::OsStr>, as_json: bool, all: bool) -> Exit {
    let opts = Options::default();
    if all {
        let library = ctx.library();
        let scored: Vec<(&Case, Readiness)> = library
            .cases
            .iter()
            .map(|l| (&l.case, evaluate(&l.case, &ctx.profile, &opts)))
            .collect();
        if as_json {
            let items = scored.iter().map(|(c, r)| to_json(c, r)).collect();
            outln!("{}", json_string(&serde_json::Value::Array(items)));
        } else {
            outln!("{:>5}  {:<11}  {:<26}  ID", "SCORE", "BAND", "NEXT STEP");
            for (c, r) in &scored {
                outln!(
                    "{:>5}  {:<11}  {:<26}  {}",
                    r.score,
                    r.band.as_str(),
                    r.next_step.as_str(),
                    c.id
                );
            }
        }
        report(&library.errors);
        return if library.errors.is_empty() {
            Exit::Ok
        } else {
            Exit::Invalid
        };
    }
    let Some(arg) = arg else {
        eprintln!("pathwise score: give a case id or file, or --all");
        return Exit::Usage;
    };
    match find_case(ctx, arg) {
        Ok((_, case)) => {
            let r = evaluate(&case, &ctx.profile, &opts);
            if as_json {
                outln!("{}", json_string(&to_json(&case, &r)));
            } else {
                super::write_out(&table(&case, &r, !ctx.global.ascii));
            }
            Exit::Ok
        }
        Err((exit, errors)) => {
            report(&errors);
            exit
        }
    }
}

/// The readable verdict: each criterion with its status symbol, points and
/// detail, the confounders, and the next step with its reason.
pub fn table(case: &Case, r: &Readiness, unicode: bool) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{} · {} · as of {}",
        case.id,
        text::inline(&case.patient.alias),
        r.as_of
    );
    if r.period_end != r.as_of {
        let _ = writeln!(o, "evaluated at {} (the day before surgery)", r.period_end);
    }
    let weeks = format!("{:.1}", r.documented_weeks);
    let _ = writeln!(o, "Score {}  {}  · documented weeks {weeks}\n", r.score, r.band.label());
    let _ = writeln!(o, "Criteria");
    for c in &r.criteria {
        let pts = if c.status == Status::Met || c.points != 0.0 {
            crate::case::describe::number((c.points * 10.0).round() / 10.0)
        } else {
            String::new()
        };
        let _ = writeln!(
            o,
            "  {} {:<15} {:>4}  {:<21} {}",
            c.status.symbol(unicode),
            c.status.as_str(),
            pts,
            c.id.as_str(),
            text::inline(&c.detail)
        );
    }
    let _ = writeln!(o, "\nWhy PT may not be working");
    if r.confounders.is_empty() {
        let _ = writeln!(o, "  none found");
    }
    for f in &r.confounders {
        let _ = writeln!(
            o,
            "  {} {:<22} {}",
            if unicode { "–" } else { "-" },
            f.id.as_str(),
            text::inline(&f.detail)
        );
    }
    let _ = writeln!(
        o,
        "\nNext step: {} ({})",
        r.next_step.label(),
        text::inline(&r.next_step_reason)
    );
    o
}
