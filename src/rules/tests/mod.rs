//! Unit tests of the rules, on cases built from TOML strings.

use super::*;
use crate::case::{Case, EventKind, EventRef, parse_case};
use std::path::Path;

mod bands;
mod confounders;
mod documentation;
mod example;
mod failure;
mod indications;
mod next_steps;
mod profile;
mod urgent;

/// The small complete example of SCHEMA.md, verbatim.
pub(super) const EXAMPLE: &str = r#"schema = 1
id = "l5-radiculopathy-extrusion"
title = "L5 radiculopathy, large L4-5 extrusion, 14 weeks failed care"
region = "lumbar"
tags = ["radiculopathy", "disc"]
as_of = 2026-05-04

[patient]
alias = "Case A"
age = 46
sex = "female"

[presentation]
onset = 2026-01-20
complaint = "Low back pain radiating to the left foot"
initial_diagnosis = "Lumbar strain"
working_diagnosis = "Left L5 radiculopathy from L4-5 extrusion"
diagnosis_revised_on = 2026-03-12
pain_quality = ["burning", "shooting"]

[[pt]]
start = 2026-01-27
end = 2026-03-10
sessions_planned = 12
sessions_attended = 11
modalities = ["exercise", "manual", "education"]
hep_adherence = "good"
response = "none"

[[workup]]
date = 2026-03-12
test = "mri"
site = "lumbar spine"
findings = "Large left paracentral L4-5 extrusion compressing the L5 root"
lesion = "disc-extrusion"
level = "L4-5"
severity = "severe"

[[medication]]
start = 2026-03-14
drug = "pregabalin"
target = "neuropathic"
response = "partial"

[[injection]]
date = 2026-04-02
kind = "epidural-steroid"
level = "L4-5 left transforaminal"
guidance = "fluoroscopy"
relief_percent = 30
relief_weeks = 1

[[assessment]]
date = 2026-01-27
pain = 7
function = { instrument = "odi", score = 46 }

[[assessment]]
date = 2026-05-04
pain = 8
function = { instrument = "odi", score = 52 }
strength = { "ankle dorsiflexion" = 5 }
"#;

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

pub(super) fn at(r: &Readiness, id: CriterionId) -> &Criterion {
    match r.criterion(id) {
        Some(c) => c,
        None => panic!("no criterion {id}"),
    }
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
