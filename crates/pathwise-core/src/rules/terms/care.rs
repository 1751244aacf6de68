//! The latest PT course and an adequate trial, medication trials, and what
//! an injection's known relief means.

use super::super::known::{Course, Day, Fact, Med, Shot};
use super::super::phrases::{comma_list, course_name};
use super::super::profile::Profile;
use super::at_least;
use crate::case::*;

/// The conservative course in play with the latest start; ties: the later
/// end, a course without `end` counting as latest; then the later in the file.
pub(crate) fn latest_pt<'a>(day: &Day<'a>) -> Option<Course<'a>> {
    day.conservative()
        .copied()
        .max_by_key(|c| (c.start(), c.end().is_none(), c.end(), c.at.index))
}

/// Attended / planned, when both are known and a plan was made.
pub(crate) fn attendance(c: &Course) -> Option<(u32, u32, f64)> {
    let attended = c.attended().known()?;
    let planned = c.sessions_planned().filter(|&p| p > 0)?;
    Some((attended, planned, f64::from(attended) / f64::from(planned)))
}

/// An ended course whose known attendance is below the profile's share.
pub(crate) fn low_attendance(p: &Profile, c: &Course) -> Option<String> {
    let (attended, planned, share) = attendance(c).filter(|_| c.ended())?;
    (!at_least(share, p.low_adherence_attendance)).then(|| format!("attended {attended} of {planned} sessions"))
}

/// Known home-exercise adherence `none` or `low`.
pub(crate) fn low_adherence(c: &Course) -> Option<String> {
    match c.adherence().known()? {
        a @ (Adherence::None | Adherence::Low) => Some(format!("home exercise adherence {a}")),
        _ => None,
    }
}

/// Modalities listed, none of them active.
pub(crate) fn passive_only(c: &Course) -> Option<String> {
    let m = c.modalities();
    if m.is_empty() || m.iter().any(|m| m.is_active()) {
        return None;
    }
    let words: Vec<&str> = m.iter().map(|m| m.as_str()).collect();
    Some(format!("passive modalities only ({})", comma_list(&words)))
}

/// One reason the trial of conservative care was not adequate.
#[derive(Debug, Clone)]
pub(crate) struct Inadequate {
    pub why: String,
    pub at: Option<EventRef>,
}

/// Why the trial was not adequate; empty when it was. A value absent or
/// pending does not make a trial inadequate.
pub(crate) fn inadequate(day: &Day, latest: Option<&Course>) -> Vec<Inadequate> {
    let Some(c) = latest else {
        let why = "no conservative PT course".to_string();
        return vec![Inadequate { why, at: None }];
    };
    let name = course_name(c);
    [passive_only(c), low_adherence(c), low_attendance(day.profile, c)]
        .into_iter()
        .flatten()
        .map(|why| Inadequate {
            why: format!("{name}: {why}"),
            at: Some(c.at),
        })
        .collect()
}

/// A medication in play with a known response, taken long enough.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MedTrial<'a> {
    pub med: Med<'a>,
    pub response: MedResponse,
}

impl MedTrial<'_> {
    /// Response `none`, `partial` or `worse`.
    pub fn failed(&self) -> bool {
        !matches!(self.response, MedResponse::Good)
    }

    /// "pregabalin (response partial)".
    pub fn describe(&self) -> String {
        format!("{} (response {})", self.med.drug(), self.response)
    }
}

pub(crate) fn medication_trials<'a>(day: &Day<'a>) -> Vec<MedTrial<'a>> {
    day.medication
        .iter()
        .filter(|m| m.days_taken() >= day.profile.medication_trial_days)
        .filter_map(|m| m.response().known().map(|response| MedTrial { med: *m, response }))
        .collect()
}

/// Known peak relief below the threshold, or known duration below it.
pub(crate) fn failed(p: &Profile, s: &Shot) -> bool {
    let by_percent = s
        .relief_percent()
        .known()
        .is_some_and(|r| !at_least(f64::from(r), p.injection_relief_percent));
    let by_weeks = s
        .relief_weeks()
        .known()
        .is_some_and(|w| !at_least(w, p.injection_relief_weeks));
    by_percent || by_weeks
}

/// Known relief at least the threshold that has not ended by period end.
pub(crate) fn relief_in_effect(p: &Profile, s: &Shot) -> bool {
    let good = s
        .relief_percent()
        .known()
        .is_some_and(|r| at_least(f64::from(r), p.injection_relief_percent));
    good && match s.relief_weeks() {
        Fact::Pending(_) => true,
        Fact::Absent => s.within_weeks(p.relief_assumed_weeks),
        Fact::Known(_) => false,
    }
}

/// Records relief, and none of it is known yet.
pub(crate) fn result_pending(s: &Shot) -> bool {
    let (p, w) = (s.relief_percent(), s.relief_weeks());
    (p.is_pending() || w.is_pending()) && !p.is_known() && !w.is_known()
}

/// Known relief of at least the threshold whose known duration has elapsed.
pub(crate) fn relapsed(p: &Profile, s: &Shot) -> bool {
    s.relief_percent()
        .known()
        .is_some_and(|r| at_least(f64::from(r), p.injection_relief_percent))
        && s.relief_weeks().is_known()
}
