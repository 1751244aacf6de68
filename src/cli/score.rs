//! `pathwise score ID|FILE [--json] [--as-of DATE]`, `score --all`: the
//! readiness verdict of READINESS.md, as the JSON contract (streamed case
//! by case through one buffered writer) or a readable table.

use super::output::Out;
use super::{Context, Exit, end_over_library, find_case, report};
use crate::case::{Case, Date};
use crate::rules::{Options, Readiness, ReadinessJson, Status, array_element, evaluate, write_json, write_json_array};
use crate::text;
use std::fmt::Write as _;

pub fn run(ctx: &Context, arg: Option<&std::ffi::OsStr>, as_json: bool, all: bool, as_of: Option<Date>) -> Exit {
    if all {
        return run_all(ctx, as_json);
    }
    let Some(arg) = arg else {
        eprintln!("pathwise score: give a case id or file, or --all");
        return Exit::Usage;
    };
    let (_, case) = match find_case(ctx, arg) {
        Ok(found) => found,
        Err((exit, errors)) => {
            report(&errors);
            return exit;
        }
    };
    if let Some(day) = as_of.filter(|d| *d > case.as_of) {
        eprintln!(
            "pathwise score: --as-of {day} is after the case's review date ({}); give an earlier day",
            case.as_of
        );
        return Exit::Usage;
    }
    let opts = Options {
        as_of,
        ..Options::default()
    };
    let r = evaluate(&case, &ctx.profile, &opts);
    let mut out = Out::new();
    if as_json {
        let written = write_json(out.writer(), &ReadinessJson::new(&case, &r));
        out.check(written);
        out.line("");
    } else {
        out.line(table(&case, &r, !ctx.global.ascii).trim_end());
    }
    out.finish();
    Exit::Ok
}

/// Every valid case, scored on every core, written as it is serialised.
fn run_all(ctx: &Context, as_json: bool) -> Exit {
    let library = ctx.library();
    let opts = Options::default();
    let mut out = Out::new();
    let mut scores = Vec::new();
    if as_json {
        // each case scored and serialised on a worker, written in order
        let written = write_json_array(out.writer(), &library.cases, |l| {
            let r = evaluate(&l.case, &ctx.profile, &opts);
            array_element(&ReadinessJson::new(&l.case, &r))
        });
        out.check(written);
        out.line("");
    } else {
        scores = crate::par::map(&library.cases, |l| evaluate(&l.case, &ctx.profile, &opts));
        out.line(&format!("{:>5}  {:<11}  {:<26}  ID", "SCORE", "BAND", "NEXT STEP"));
        for (l, r) in library.cases.iter().zip(&scores) {
            out.line(&format!(
                "{:>5}  {:<11}  {:<26}  {}",
                r.score,
                r.band.as_str(),
                r.next_step.as_str(),
                l.case.id
            ));
        }
    }
    out.finish();
    end_over_library(library, scores)
}

/// The readable verdict: each criterion with its status symbol, points and
/// detail, the confounders, and the next step with its reason.
pub fn table(case: &Case, r: &Readiness, unicode: bool) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{} · {} · as of {} · rules version 2, profile {}",
        case.id,
        text::inline(&case.patient.alias),
        case.as_of,
        text::inline(&r.profile)
    );
    if r.period_end != case.as_of {
        let why = if r.period_end < r.as_of {
            "the day before surgery"
        } else {
            "an earlier day, given with --as-of; outcomes recorded later are pending"
        };
        let _ = writeln!(o, "evaluated on {}: {why}", r.period_end);
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
    let _ = writeln!(o, "\nCautions (not scored)");
    if r.cautions.is_empty() {
        let _ = writeln!(o, "  none");
    }
    for c in &r.cautions {
        let _ = writeln!(o, "  ! {:<22} {}", c.id.as_str(), text::inline(&c.detail));
    }
    let _ = writeln!(
        o,
        "\nNext step: {} ({})",
        r.next_step.label(),
        text::inline(&r.next_step_reason)
    );
    o
}
