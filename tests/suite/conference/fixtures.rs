//! States built the way the console will build them: every sample through
//! the presenter with `Privacy::Deidentified` and the rules' `evaluate`,
//! browsing, a what-if, and a step-through with a stop at each recorded
//! step (as `tui::step` places them). Shared with `benches/conference.rs`.

#![allow(dead_code)] // the benchmark uses only part of it

use pathwise::case::{Case, Date, EventKind, Phase};
use pathwise::conference::{ConferenceState, Reveal, StepView, StopView, WhatIf};
use pathwise::present::{Presenter, Privacy};
use pathwise::rules::known::Day;
use pathwise::rules::{NextStep, Options, Profile, evaluate};
use std::collections::BTreeSet;
use std::path::Path;

/// The answers a room can give, as the console offers them.
pub const CHOICES: [NextStep; 8] = [
    NextStep::PhysicalTherapy,
    NextStep::ReEvaluatePt,
    NextStep::Workup,
    NextStep::Pharmacology,
    NextStep::Injection,
    NextStep::SurgicalConsult,
    NextStep::UrgentReferral,
    NextStep::ContinueConservative,
];

/// The step-through's stops: the first conservative PT visit (or the
/// first recorded step), then each later step's day up to the review day.
pub fn stops(case: &Case) -> Vec<Date> {
    let steps: Vec<Date> = case
        .events()
        .into_iter()
        .filter(|r| r.kind != EventKind::Assessment)
        .map(|r| case.event_date(r))
        .collect();
    let first_pt = case.pt.iter().find(|c| c.phase == Phase::Conservative).map(|c| c.start);
    let Some(first) = first_pt.or_else(|| steps.first().copied()) else {
        return Vec::new();
    };
    let mut out = vec![first];
    for d in steps {
        if d > first && d <= case.as_of && out.last() != Some(&d) {
            out.push(d);
        }
    }
    out
}

/// The index (in the whole case's view) of the next recorded step after
/// `day`.
pub fn next_step_after(case: &Case, day: Date) -> Option<usize> {
    case.events()
        .into_iter()
        .position(|r| r.kind != EventKind::Assessment && case.event_date(r) > day)
}

fn as_of(day: Date) -> Options {
    Options {
        as_of: Some(day),
        ..Options::default()
    }
}

/// The case's state as the console first shows it while hosting.
pub fn browsing(case: &Case, file: &Path) -> ConferenceState {
    let p = Presenter::new(case, Privacy::Deidentified).with_file(file);
    let profile = Profile::builtin();
    let r = evaluate(case, &profile, &Options::default());
    ConferenceState::new(&p.case_view(), &p.verdict_view(&r)).expect("de-identified views")
}

/// The stop `n` (0-based) of the case's step-through, open, and the same
/// stop revealed. `id` names it.
pub fn stop(case: &Case, file: &Path, n: usize, id: u32) -> (ConferenceState, ConferenceState) {
    let p = Presenter::new(case, Privacy::Deidentified).with_file(file);
    let profile = Profile::builtin();
    let all = stops(case);
    let day = all[n];
    let opts = as_of(day);
    let r = evaluate(case, &profile, &opts);
    let seen = p.case_view_on(&Day::new(case, &profile, &opts));
    let verdict = p.verdict_view(&r);
    let open = StopView::new(id, n + 1, all.len(), &p, day, &CHOICES).expect("a stop");
    let reveal = Reveal::new(&verdict, &p.case_view(), next_step_after(case, day)).expect("a reveal");
    let base = ConferenceState::new(&seen, &verdict).expect("de-identified views");
    (
        base.clone().with_step(StepView::Stop(open.clone())),
        base.with_step(StepView::Stop(open.revealed(reveal))),
    )
}

/// Every state a conference over this case could send: browsing with
/// each event selected in turn (detail focused, zoomed), a what-if
/// without the first event, each stop open and revealed, the end.
pub fn walk(case: &Case, file: &Path, first_id: u32) -> Vec<ConferenceState> {
    let mut out = Vec::new();
    let base = browsing(case, file);
    out.push(base.clone());
    for i in 0..base.case().events.len() {
        out.push(base.clone().with_ui(Some(i), "detail", i % 2 == 0).expect("an event"));
    }
    if !base.case().events.is_empty() {
        let p = Presenter::new(case, Privacy::Deidentified).with_file(file);
        let profile = Profile::builtin();
        let before = p.verdict_view(&evaluate(case, &profile, &Options::default()));
        let excluded: BTreeSet<_> = case.events().into_iter().take(1).collect();
        let r = evaluate(
            case,
            &profile,
            &Options {
                excluded,
                ..Options::default()
            },
        );
        let after = p.verdict_view(&r);
        let what_if = WhatIf::new(&before, &after, &[0]).expect("what-if");
        let s = ConferenceState::new(&p.case_view(), &after)
            .and_then(|s| s.with_what_if(what_if))
            .and_then(|s| s.with_ui(Some(0), "timeline", false))
            .expect("what-if state");
        out.push(s);
    }
    for n in 0..stops(case).len() {
        let (open, revealed) = stop(case, file, n, first_id + n as u32);
        out.push(open);
        out.push(revealed);
    }
    out.push(base.with_step(StepView::finished()));
    out
}

/// The largest state among all the samples' walks (what the benchmark
/// broadcasts), and its size in bytes.
pub fn largest_state() -> (ConferenceState, usize) {
    let lib = pathwise::library::Library::builtin();
    lib.cases
        .iter()
        .flat_map(|l| walk(&l.case, &l.path, 1))
        .map(|s| {
            let n = serde_json::to_vec(&s).expect("serialises").len();
            (s, n)
        })
        .max_by_key(|(_, n)| *n)
        .expect("samples")
}
