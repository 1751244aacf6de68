//! 2 `progressive-deficit` and 3 `severe-weakness`.

use super::super::Criterion;
use super::super::phrases::{and_list, num};
use super::super::terms::{Grades, Terms, at_least};
use super::Found;
use crate::case::*;
use std::collections::BTreeSet;

/// A muscle whose latest grade is below the earliest and no higher than
/// any earlier grade.
pub(crate) struct Drop<'t> {
    pub muscle: &'t Grades,
    /// The two latest both below the earliest, the latest 2 or more below
    /// it, or the latest 3 or less.
    pub confirmed: bool,
}

impl Drop<'_> {
    /// "ankle dorsiflexion 5 → 5 → 4 (2026-01-05 → 2026-03-01)".
    pub fn describe(&self) -> String {
        let m = self.muscle;
        let grades: Vec<String> = m.seen.iter().map(|g| g.2.to_string()).collect();
        let (first, last) = (m.seen[0].1, m.latest().1);
        format!("{} {} ({first} → {last})", m.name, grades.join(" → "))
    }

    pub fn evidence(&self) -> Vec<EventRef> {
        self.muscle.seen.iter().map(|g| g.0).collect()
    }
}

pub(crate) fn drops<'t>(t: &'t Terms) -> Vec<Drop<'t>> {
    let mut out = Vec::new();
    for m in t.muscles.iter().filter(|m| m.seen.len() >= 2) {
        let grades: Vec<u8> = m.seen.iter().map(|g| g.2).collect();
        let (first, last) = (grades[0], grades[grades.len() - 1]);
        let earlier = &grades[..grades.len() - 1];
        if last >= first || earlier.iter().any(|&g| last > g) {
            continue;
        }
        let before_last = grades[grades.len() - 2];
        let confirmed = (before_last < first && last < first) || first - last >= 2 || last <= 3;
        out.push(Drop { muscle: m, confirmed });
    }
    out
}

/// The latest assessment recording numbness names an area no earlier one named.
fn new_numbness(t: &Terms) -> Option<(String, Vec<EventRef>)> {
    let recorded: Vec<(EventRef, Date, &Vec<String>)> = t
        .day
        .assessment
        .iter()
        .filter_map(|(r, a)| a.numbness.as_ref().map(|n| (*r, a.date, n)))
        .collect();
    let [earlier @ .., (r, d, latest)] = &recorded[..] else {
        return None;
    };
    if earlier.is_empty() {
        return None;
    }
    let named: BTreeSet<String> = earlier
        .iter()
        .flat_map(|(_, _, n)| n.iter().map(|s| s.trim().to_lowercase()))
        .collect();
    let new: Vec<&str> = latest
        .iter()
        .filter(|s| !named.contains(&s.trim().to_lowercase()))
        .map(|s| s.trim())
        .collect();
    if new.is_empty() {
        return None;
    }
    let detail = format!(
        "new numbness: {} on {d}, named in no earlier assessment",
        and_list(&new)
    );
    let mut evidence: Vec<EventRef> = earlier.iter().map(|(r, _, _)| *r).collect();
    evidence.push(*r);
    Some((detail, evidence))
}

/// (earliest, latest) mJOA in play, when recorded twice or more.
fn mjoa_span(t: &Terms) -> Option<((EventRef, u8), (EventRef, u8))> {
    let scores: Vec<(EventRef, u8)> = t
        .day
        .assessment
        .iter()
        .filter_map(|(r, a)| a.mjoa.map(|m| (*r, m)))
        .collect();
    match scores[..] {
        [first, .., last] => Some((first, last)),
        _ => None,
    }
}

pub(crate) fn progressive_deficit(t: &Terms, _: &[Criterion]) -> Found {
    let drops = drops(t);
    let mut met = Vec::new();
    let mut evidence = Vec::new();
    for d in drops.iter().filter(|d| d.confirmed) {
        met.push(format!("confirmed weakness: {}", d.describe()));
        evidence.extend(d.evidence());
    }
    if let Some((detail, ev)) = new_numbness(t) {
        met.push(detail);
        evidence.extend(ev);
    }
    let mjoa = mjoa_span(t);
    if let Some(((r0, m0), (r1, m1))) = mjoa {
        if at_least(f64::from(m0) - f64::from(m1), t.profile().mjoa_mcid) {
            met.push(format!("mJOA {m0} → {m1}"));
            evidence.extend([r0, r1]);
        }
    }
    if !met.is_empty() {
        return Found::met(met.join("; "), evidence);
    }
    if !drops.is_empty() {
        let parts: Vec<String> = drops.iter().map(|d| d.describe()).collect();
        let detail = format!(
            "unconfirmed drop: {}; re-examine strength within 2 weeks",
            parts.join(", ")
        );
        return Found::unknown(detail, drops.iter().flat_map(|d| d.evidence()).collect());
    }
    let graded_twice = t.muscles.iter().any(|m| m.seen.len() >= 2);
    let numbness = t.day.assessment.iter().filter(|(_, a)| a.numbness.is_some()).count();
    if !graded_twice && numbness < 2 && mjoa.is_none() {
        let detail = "no muscle graded twice, numbness recorded in fewer than two assessments and mJOA in fewer than two: a change cannot be seen";
        return Found::unknown(detail, Vec::new());
    }
    let mut parts = Vec::new();
    if graded_twice {
        parts.push("no muscle weaker than before".to_string());
    }
    if numbness >= 2 {
        parts.push(format!("no new numbness across {numbness} assessments"));
    }
    if let Some(((_, m0), (_, m1))) = mjoa {
        parts.push(format!("mJOA {m0} → {m1}"));
    }
    Found::not_met(parts.join("; "), Vec::new())
}

pub(crate) fn severe_weakness(t: &Terms, _: &[Criterion]) -> Found {
    if !t.region().is_spinal() {
        return Found::not_applicable("applies to spinal regions only");
    }
    if t.muscles.is_empty() {
        return Found::unknown("no strength graded", Vec::new());
    }
    let limit = t.profile().severe_weakness_grade;
    let severe: Vec<&Grades> = t
        .muscles
        .iter()
        .filter(|m| f64::from(m.latest().2) <= limit + super::super::terms::EPSILON)
        .collect();
    let words = |ms: &[&Grades]| -> String {
        let v: Vec<String> = ms
            .iter()
            .map(|m| format!("{} {}/5 on {}", m.name, m.latest().2, m.latest().1))
            .collect();
        and_list(&v)
    };
    if !severe.is_empty() {
        let evidence = severe.iter().map(|m| m.latest().0).collect();
        return Found::met(words(&severe), evidence);
    }
    let all: Vec<&Grades> = t.muscles.iter().collect();
    let detail = format!("no muscle at {}/5 or weaker (latest: {})", num(limit), words(&all));
    Found::not_met(detail, all.iter().map(|m| m.latest().0).collect())
}
