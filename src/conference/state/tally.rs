//! What the room answered, as it is sent and exported: the count before a
//! reveal, the distribution beside the rules' answer after it, and the
//! summary of agreement per stop (also as Markdown for the referral
//! export). The host's `Room` (`conference/room.rs`) keeps the answers and
//! makes these.

use super::StateError;
use crate::rules::NextStep;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How many gave one choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceCount {
    pub step: NextStep,
    pub label: String,
    pub count: usize,
}

/// How the room answered one stop, shown after the reveal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Distribution {
    /// The choices given at least once, most given first (then in the
    /// order offered).
    pub counts: Vec<ChoiceCount>,
    pub answered: usize,
    /// Answers that were the rules' answer.
    pub agreed: usize,
    pub rules: NextStep,
}

impl Distribution {
    pub(crate) fn check(&self) -> Result<(), StateError> {
        if self.counts.iter().all(|c| c.label == c.step.label()) {
            Ok(())
        } else {
            Err(StateError::BadStop(
                "room counts hold a label that is not a step".into(),
            ))
        }
    }
}

/// "5 medical workup · 2 injection · 1 physical therapy — rules: medical
/// workup".
impl fmt::Display for Distribution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.counts.is_empty() {
            f.write_str("no answers")?;
        }
        for (i, c) in self.counts.iter().enumerate() {
            if i > 0 {
                f.write_str(" · ")?;
            }
            write!(f, "{} {}", c.count, c.label)?;
        }
        write!(f, " — rules: {}", self.rules.label())
    }
}

/// What `Host::answer_counts` tells about a stop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerCounts {
    /// Not revealed: how many have answered, not what.
    Hidden {
        answered: usize,
    },
    Revealed(Distribution),
}

impl AnswerCounts {
    pub fn answered(&self) -> usize {
        match self {
            AnswerCounts::Hidden { answered } => *answered,
            AnswerCounts::Revealed(d) => d.answered,
        }
    }
}

/// One revealed stop in the end summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StopSummary {
    pub number: usize,
    pub of: usize,
    /// "wk 6".
    pub label: String,
    pub distribution: Distribution,
}

impl StopSummary {
    pub fn answered(&self) -> usize {
        self.distribution.answered
    }

    pub fn agreed(&self) -> usize {
        self.distribution.agreed
    }
}

/// The room's agreement with the rules, stop by stop, for the stops
/// revealed in the current step-through.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoomSummary {
    pub stops: Vec<StopSummary>,
}

fn percent(part: usize, whole: usize) -> String {
    match (part * 100 + whole / 2).checked_div(whole) {
        Some(p) => format!("{p} %"),
        None => "–".to_string(),
    }
}

impl RoomSummary {
    pub(crate) fn check(&self) -> Result<(), StateError> {
        for s in &self.stops {
            if !s.label.starts_with("wk ") || super::has_calendar_date(&s.label) {
                return Err(StateError::BadStop("summary label must be a week".into()));
            }
            s.distribution.check()?;
        }
        Ok(())
    }

    /// All answers, and those that agreed with the rules.
    pub fn totals(&self) -> (usize, usize) {
        let answered = self.stops.iter().map(StopSummary::answered).sum();
        let agreed = self.stops.iter().map(StopSummary::agreed).sum();
        (answered, agreed)
    }

    /// The summary as Markdown lines, for the referral export: a heading,
    /// a table with a row per stop, and the total.
    pub fn markdown_lines(&self) -> Vec<String> {
        let mut out = vec!["## The room's answers".to_string(), String::new()];
        if self.stops.is_empty() {
            out.push("No stop was revealed to the room.".to_string());
            return out;
        }
        out.push("| stop | day | answers | agreed with the rules | the rules | the room |".to_string());
        out.push("|---|---|---:|---:|---|---|".to_string());
        for s in &self.stops {
            let d = &s.distribution;
            let room: Vec<String> = d.counts.iter().map(|c| format!("{} {}", c.count, c.label)).collect();
            let room = if room.is_empty() {
                "no answers".to_string()
            } else {
                room.join(" · ")
            };
            out.push(format!(
                "| {} of {} | {} | {} | {} ({}) | {} | {} |",
                s.number,
                s.of,
                s.label.replace('|', "\\|"),
                d.answered,
                d.agreed,
                percent(d.agreed, d.answered),
                d.rules.label(),
                room
            ));
        }
        let (answered, agreed) = self.totals();
        out.push(String::new());
        out.push(format!(
            "Agreement with the rules over {} stops: {agreed} of {answered} answers ({}).",
            self.stops.len(),
            percent(agreed, answered)
        ));
        out
    }
}
