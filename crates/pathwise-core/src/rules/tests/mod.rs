//! Unit tests of the rules: one file per table of READINESS.md (or group of
//! rows), on cases built from TOML strings. Each test names the row and the
//! status or boundary it checks.

use super::*;
use crate::case::{Case, EventKind, EventRef, parse_case};
use std::path::Path;

mod bands;
mod cautions;
mod confounders;
mod deficit;
mod documentation;
mod example;
mod failure;
mod indications;
mod json;
mod known;
mod myelopathy;
mod next_steps;
mod profile;
mod red_flags;

/// The small complete example of SCHEMA.md, verbatim.
pub(super) const EXAMPLE: &str = include_str!("../../../../../tests/fixtures/schema-example.toml");

pub(super) fn parse(toml: &str) -> Case {
    match parse_case(Path::new("test.toml"), toml.as_bytes()) {
        Ok(c) => c,
        Err(errors) => panic!("test case does not parse: {errors:?}\n{toml}"),
    }
}

pub(super) fn example() -> Case {
    parse(EXAMPLE)
}

pub(super) fn eval(case: &Case) -> Readiness {
    evaluate(case, &Profile::builtin(), &Options::default())
}

pub(super) fn eval_as_of(case: &Case, day: &str) -> Readiness {
    let opts = Options {
        as_of: Some(date(day)),
        ..Options::default()
    };
    evaluate(case, &Profile::builtin(), &opts)
}

pub(super) fn date(s: &str) -> crate::case::Date {
    s.parse().expect("a date")
}

pub(super) fn at(r: &Readiness, id: CriterionId) -> &Criterion {
    match r.criterion(id) {
        Some(c) => c,
        None => panic!("no criterion {id}"),
    }
}

/// The status of one criterion.
pub(super) fn st(r: &Readiness, id: CriterionId) -> Status {
    at(r, id).status
}

pub(super) fn ev(kind: EventKind, index: usize) -> EventRef {
    EventRef::new(kind, index)
}

/// A case with onset 2026-01-01: `region`, `as_of` (empty for the default),
/// extra `[presentation]` lines, then the rest of the file (event tables).
pub(super) fn case(region: &str, as_of: &str, presentation: &str, rest: &str) -> Case {
    let as_of = if as_of.is_empty() {
        String::new()
    } else {
        format!("as_of = {as_of}\n")
    };
    parse(&format!(
        "schema = 1\nid = \"t\"\ntitle = \"test\"\nregion = \"{region}\"\n{as_of}\n\
         [patient]\nalias = \"Case T\"\nage = 40\nsex = \"female\"\n\n\
         [presentation]\nonset = 2026-01-01\ncomplaint = \"pain\"\n\
         initial_diagnosis = \"Lumbar strain\"\n{presentation}\n\n{rest}"
    ))
}

/// A finished conservative PT course that documented well and did not help.
pub(super) const PT: &str = "[[pt]]\nstart = 2026-01-01\nend = 2026-02-12\n\
    sessions_planned = 12\nsessions_attended = 12\nmodalities = [\"exercise\"]\n\
    hep_adherence = \"good\"\nresponse = \"none\"\n";

/// An assessment on `date` recording `body` (e.g. `pain = 7`).
pub(super) fn assessment(date: &str, body: &str) -> String {
    format!("[[assessment]]\ndate = {date}\n{body}\n")
}

pub(super) fn with(case: &Case, profile: &Profile) -> Readiness {
    evaluate(case, profile, &Options::default())
}

/// `[[pt]]` from `start` to `end` (empty: ongoing) with `extra` lines.
pub(super) fn pt(start: &str, end: &str, extra: &str) -> String {
    let end = if end.is_empty() {
        String::new()
    } else {
        format!("end = {end}\n")
    };
    format!("[[pt]]\nstart = {start}\n{end}{extra}\n")
}

/// A `[[workup]]` of `test` on `date` with `extra` lines.
pub(super) fn workup(date: &str, test: &str, extra: &str) -> String {
    format!("[[workup]]\ndate = {date}\ntest = \"{test}\"\nfindings = \"report\"\n{extra}\n")
}

/// An MRI showing `lesion` of `severity`.
pub(super) fn mri(date: &str, lesion: &str, severity: &str) -> String {
    workup(
        date,
        "mri",
        &format!("lesion = \"{lesion}\"\nseverity = \"{severity}\""),
    )
}

/// A `[[medication]]` of `drug` from `start` with `extra` lines.
pub(super) fn med(start: &str, drug: &str, extra: &str) -> String {
    format!("[[medication]]\nstart = {start}\ndrug = \"{drug}\"\n{extra}\n")
}

/// An `[[injection]]` of `kind` on `date` with `extra` lines.
pub(super) fn inj(date: &str, kind: &str, extra: &str) -> String {
    format!("[[injection]]\ndate = {date}\nkind = \"{kind}\"\n{extra}\n")
}

/// A lumbar case whose conservative care failed over 8.4 weeks: the PT
/// course of [`PT`], pain 7 on 2026-01-01 and 2026-03-01; plus `rest`.
pub(super) fn failed(presentation: &str, rest: &str) -> Case {
    let body = format!(
        "{PT}{}{}{rest}",
        assessment("2026-01-01", "pain = 7"),
        assessment("2026-03-01", "pain = 7")
    );
    case("lumbar", "", presentation, &body)
}

/// The statuses of all fourteen criteria, in order.
pub(super) fn statuses(r: &Readiness) -> Vec<Status> {
    r.criteria.iter().map(|c| c.status).collect()
}
