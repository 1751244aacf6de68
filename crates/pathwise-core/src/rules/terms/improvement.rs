//! Clinically important improvement (the MCID and the 30 % rule), the
//! conservative start and documented weeks.

use super::super::known::{Day, add_days};
use super::super::phrases::num;
use super::{at_least, is_therapeutic_kind};
use crate::case::*;

/// Pain or one function instrument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Measure {
    Pain,
    Function(Instrument),
}

/// A measure from the earliest to the latest assessment in play recording it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Change {
    pub measure: Measure,
    pub from: f64,
    pub to: f64,
    pub from_ref: EventRef,
    pub to_ref: EventRef,
    /// A clinically important improvement, by the MCID or the 30 % rule.
    pub important: bool,
}

impl Change {
    /// "pain 7 → 8", "ODI 46 → 52".
    pub fn describe(&self) -> String {
        let name = match self.measure {
            Measure::Pain => "pain",
            Measure::Function(i) => i.display_name(),
        };
        format!("{name} {} → {}", num(self.from), num(self.to))
    }
}

fn change(day: &Day, measure: Measure, values: &[(EventRef, f64)]) -> Option<Change> {
    let (&(from_ref, from), &(to_ref, to)) = match values {
        [first, .., last] => (first, last),
        _ => return None,
    };
    let p = day.profile;
    // (gain, MCID, room the baseline had to improve)
    let (gain, mcid, room) = match measure {
        Measure::Pain => (from - to, p.pain_mcid, from),
        Measure::Function(i) if i.higher_is_better() => (to - from, p.mcid.of(i), i.range().1 - from),
        Measure::Function(i) => (from - to, p.mcid.of(i), from - i.range().0),
    };
    let relative = room > 0.0 && at_least(gain / room, p.relative_mcid);
    Some(Change {
        measure,
        from,
        to,
        from_ref,
        to_ref,
        important: at_least(gain, mcid) || relative,
    })
}

/// Pain first, then each instrument recorded in two assessments or more.
pub(crate) fn changes(day: &Day) -> Vec<Change> {
    let mut out = Vec::new();
    let pain: Vec<(EventRef, f64)> = day
        .assessment
        .iter()
        .filter_map(|(r, a)| a.pain.map(|p| (*r, f64::from(p))))
        .collect();
    out.extend(change(day, Measure::Pain, &pain));
    for &instrument in Instrument::ALL {
        let scores: Vec<(EventRef, f64)> = day
            .assessment
            .iter()
            .filter_map(|(r, a)| match a.function {
                Some(f) if f.instrument == instrument => Some((*r, f.score)),
                _ => None,
            })
            .collect();
        out.extend(change(day, Measure::Function(instrument), &scores));
    }
    out
}

/// The later of the earliest conservative treatment in play and period end
/// − 7 × `lookback_weeks` days, with the event it is (none: the look-back).
pub(crate) fn conservative_start(day: &Day) -> Option<(Date, Option<EventRef>)> {
    let pt = day.conservative().map(|c| (c.start(), c.at));
    let med = day.medication.iter().map(|m| (m.start(), m.at));
    let inj = day
        .injection
        .iter()
        .filter(|s| s.done() && is_therapeutic_kind(s.kind()))
        .map(|s| (s.date(), s.at));
    let (first, r) = pt.chain(med).chain(inj).min_by_key(|&(d, r)| (d, r.kind, r.index))?;
    let back = (7.0 * day.profile.lookback_weeks).round().min(1e7) as i64;
    let lookback = add_days(day.period_end, -back);
    Some(if lookback > first {
        (lookback, None)
    } else {
        (first, Some(r))
    })
}

/// max(0, (latest assessment in play − conservative start) / 7); 0 with no
/// conservative treatment or no assessment.
pub(crate) fn documented_weeks(day: &Day, start: Option<Date>) -> f64 {
    match (start, day.assessment.last()) {
        (Some(s), Some((_, a))) => (days_between(s, a.date) as f64 / 7.0).max(0.0),
        _ => 0.0,
    }
}
