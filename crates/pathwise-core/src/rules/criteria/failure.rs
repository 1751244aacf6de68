//! 5 `conservative-failure`: documented failure of an adequate trial of
//! conservative care, checked in the order of READINESS.md.

use super::super::Criterion;
use super::super::phrases::{and_list, num, shot_name, weeks};
use super::super::terms::{Terms, at_least};
use super::Found;
use crate::case::EventRef;

/// Why failure cannot be judged yet, in order.
fn cannot_judge(t: &Terms) -> Option<&'static str> {
    let (start, _) = match t.start {
        None => return Some("no conservative treatment in play: no PT course, medication or therapeutic injection"),
        Some(s) => s,
    };
    if t.changes.is_empty() {
        return Some("no two assessments record pain or the same function instrument");
    }
    if !t.day.assessment.iter().any(|(_, a)| a.date >= start) {
        return Some("no assessment on or after the start of conservative care");
    }
    None
}

/// Each reason it is not (yet) failure, with the events it rests on.
fn not_failure(t: &Terms) -> (Vec<String>, Vec<EventRef>) {
    let p = t.profile();
    let mut why = Vec::new();
    let mut evidence = Vec::new();
    let improved: Vec<String> = t
        .improvements()
        .map(|c| {
            evidence.extend([c.from_ref, c.to_ref]);
            c.describe()
        })
        .collect();
    if !improved.is_empty() {
        why.push(format!("clinically important improvement: {}", improved.join(", ")));
    }
    if !at_least(t.weeks, p.min_weeks) {
        why.push(format!(
            "only {} documented weeks; {} required",
            weeks(t.weeks),
            num(p.min_weeks)
        ));
    }
    if let (Some(r), Some(c)) = (t.pt_helping(), t.latest_pt) {
        why.push(format!("the latest PT course responded {r}"));
        evidence.push(c.at);
    }
    for s in t.relief_in_effect() {
        why.push(format!("relief in effect from {}", shot_name(s)));
        evidence.push(s.at);
    }
    for s in t.result_pending() {
        why.push(format!("the result of {} is pending", shot_name(s)));
        evidence.push(s.at);
    }
    if !t.inadequate.is_empty() {
        let reasons: Vec<&str> = t.inadequate.iter().map(|i| i.why.as_str()).collect();
        why.push(format!("the trial was not adequate ({})", and_list(&reasons)));
        evidence.extend(t.inadequate.iter().filter_map(|i| i.at));
    }
    (why, evidence)
}

pub(crate) fn conservative_failure(t: &Terms, _: &[Criterion]) -> Found {
    if let Some(why) = cannot_judge(t) {
        return Found::unknown(why, Vec::new());
    }
    let span: Vec<EventRef> = t.changes.iter().flat_map(|c| [c.from_ref, c.to_ref]).collect();
    let (why, mut evidence) = not_failure(t);
    if !why.is_empty() {
        evidence.extend(span);
        return Found::not_met(why.join("; "), evidence);
    }
    let p = t.profile();
    let share = (t.weeks / p.full_weeks).min(1.0);
    let detail = format!("no clinically important change over {} weeks", weeks(t.weeks));
    Found::met(detail, span).worth(p.points.conservative_failure * share)
}
