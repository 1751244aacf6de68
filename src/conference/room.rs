//! The room's answers: kept per stop by the host, one per follower (a
//! later answer replaces an earlier one while the question is open; after
//! it closes nothing more is counted). Before the reveal only the count is
//! told; after it the distribution, beside the rules' answer; at the end
//! the agreement with the rules per stop, also as Markdown for the
//! referral export.

use super::state::{
    AnswerCounts, ChoiceCount, ConferenceState, Distribution, RoomSummary, StepView, StopSummary, StopView,
};
use crate::rules::NextStep;
use std::collections::HashMap;
use std::fmt;

/// Why an answer was not counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotCounted {
    NoSuchStop,
    Closed,
    NoSuchChoice { choices: usize },
}

impl fmt::Display for NotCounted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotCounted::NoSuchStop => f.write_str("that stop is not on screen"),
            NotCounted::Closed => f.write_str("the question is closed"),
            NotCounted::NoSuchChoice { choices } => write!(f, "there are {choices} choices"),
        }
    }
}

/// A counted answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    /// It replaced this follower's earlier answer to the stop.
    pub replaced: bool,
    /// How many have answered the stop now.
    pub answered: usize,
}

#[derive(Debug, Clone)]
struct StopRecord {
    id: u32,
    number: usize,
    of: usize,
    label: String,
    choices: Vec<NextStep>,
    open: bool,
    /// Follower → index into `choices`.
    answers: HashMap<u64, usize>,
    /// Set at the reveal.
    rules: Option<NextStep>,
}

impl StopRecord {
    fn new(s: &StopView) -> StopRecord {
        StopRecord {
            id: s.id(),
            number: s.number(),
            of: s.of(),
            label: s.label().to_string(),
            choices: s.steps(),
            open: s.is_open(),
            answers: HashMap::new(),
            rules: None,
        }
    }

    fn distribution(&self, rules: NextStep) -> Distribution {
        let mut counts: Vec<(usize, usize)> = (0..self.choices.len()).map(|i| (i, 0)).collect();
        for &c in self.answers.values() {
            counts[c].1 += 1;
        }
        counts.retain(|&(_, n)| n > 0);
        // most given first; ties in the order offered (the sort is stable)
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        let agreed = self.answers.values().filter(|&&c| self.choices[c] == rules).count();
        Distribution {
            counts: counts
                .into_iter()
                .map(|(i, count)| ChoiceCount {
                    step: self.choices[i],
                    label: self.choices[i].label().to_string(),
                    count,
                })
                .collect(),
            answered: self.answers.len(),
            agreed,
            rules,
        }
    }

    fn counts(&self) -> AnswerCounts {
        match self.rules {
            Some(rules) => AnswerCounts::Revealed(self.distribution(rules)),
            None => AnswerCounts::Hidden {
                answered: self.answers.len(),
            },
        }
    }
}

/// The answers of the current step-through, stop by stop.
#[derive(Debug, Default)]
pub struct Room {
    stops: Vec<StopRecord>,
}

impl Room {
    pub fn new() -> Room {
        Room::default()
    }

    /// Follows the state the host is about to publish, and fills in the
    /// room's part of it: the answer count, the distribution at a reveal,
    /// the summary at the end.
    ///
    /// - a stop not seen before is added; stop 1 of a new id starts a new
    ///   step-through (the summary forgets the previous one);
    /// - a stop shown with other choices than before starts afresh;
    /// - a revealed stop shown open again is asked again, its answers
    ///   cleared;
    /// - at most one stop is open: any other closes, and so does leaving
    ///   the step-through.
    pub fn observe(&mut self, state: &mut ConferenceState) {
        let stop = match state.step_mut() {
            Some(StepView::Stop(stop)) => stop,
            Some(StepView::Finished(summary)) => {
                *summary = self.summary();
                self.stops.iter_mut().for_each(|s| s.open = false);
                return;
            }
            None => {
                self.stops.iter_mut().for_each(|s| s.open = false);
                return;
            }
        };
        let i = match self.stops.iter().position(|s| s.id == stop.id()) {
            Some(i) => {
                let r = &mut self.stops[i];
                if r.choices != stop.steps() {
                    *r = StopRecord::new(stop);
                } else if stop.is_open() && r.rules.is_some() {
                    r.answers.clear();
                    r.rules = None;
                }
                i
            }
            None => {
                if stop.number() == 1 {
                    self.stops.clear();
                }
                self.stops.push(StopRecord::new(stop));
                self.stops.len() - 1
            }
        };
        for (j, s) in self.stops.iter_mut().enumerate() {
            s.open = j == i && stop.is_open();
        }
        let r = &mut self.stops[i];
        if let Some(reveal) = stop.reveal_mut() {
            r.rules = Some(reveal.rules());
            reveal.set_room(r.distribution(reveal.rules()));
        }
        stop.set_answered(r.answers.len());
    }

    /// Counts `follower`'s answer to `stop`: `choice` indexes the stop's
    /// choices.
    pub fn answer(&mut self, follower: u64, stop: u32, choice: usize) -> Result<Counted, NotCounted> {
        let r = self
            .stops
            .iter_mut()
            .find(|s| s.id == stop)
            .ok_or(NotCounted::NoSuchStop)?;
        if !r.open {
            return Err(NotCounted::Closed);
        }
        if choice >= r.choices.len() {
            return Err(NotCounted::NoSuchChoice {
                choices: r.choices.len(),
            });
        }
        let replaced = r.answers.insert(follower, choice).is_some();
        Ok(Counted {
            replaced,
            answered: r.answers.len(),
        })
    }

    /// The count before the reveal, the distribution after.
    pub fn counts(&self, stop: u32) -> Option<AnswerCounts> {
        self.stops.iter().find(|s| s.id == stop).map(StopRecord::counts)
    }

    /// Every revealed stop of the current step-through, in order shown.
    pub fn summary(&self) -> RoomSummary {
        RoomSummary {
            stops: self
                .stops
                .iter()
                .filter_map(|s| {
                    s.rules.map(|rules| StopSummary {
                        number: s.number,
                        of: s.of,
                        label: s.label.clone(),
                        distribution: s.distribution(rules),
                    })
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: u32, number: usize, choices: &[NextStep]) -> StopRecord {
        StopRecord {
            id,
            number,
            of: 3,
            label: format!("wk {number}"),
            choices: choices.to_vec(),
            open: true,
            answers: HashMap::new(),
            rules: None,
        }
    }

    const C: [NextStep; 3] = [NextStep::PhysicalTherapy, NextStep::Workup, NextStep::Injection];

    #[test]
    fn one_answer_per_follower_the_last_replacing_the_first_until_closed() {
        let mut room = Room {
            stops: vec![record(7, 1, &C)],
        };
        assert_eq!(
            room.answer(1, 7, 0),
            Ok(Counted {
                replaced: false,
                answered: 1
            })
        );
        assert_eq!(
            room.answer(1, 7, 2),
            Ok(Counted {
                replaced: true,
                answered: 1
            })
        );
        assert_eq!(room.answer(2, 7, 2).unwrap().answered, 2);
        assert_eq!(room.answer(2, 8, 0), Err(NotCounted::NoSuchStop));
        assert_eq!(room.answer(2, 7, 3), Err(NotCounted::NoSuchChoice { choices: 3 }));
        assert_eq!(room.counts(7), Some(AnswerCounts::Hidden { answered: 2 }));
        room.stops[0].open = false;
        assert_eq!(room.answer(3, 7, 0), Err(NotCounted::Closed));
        assert_eq!(NotCounted::Closed.to_string(), "the question is closed");
    }

    #[test]
    fn the_distribution_is_most_given_first_ties_in_the_order_offered() {
        let mut r = record(1, 1, &C);
        for (f, c) in [(1, 2), (2, 1), (3, 2), (4, 1), (5, 0), (6, 2)] {
            r.answers.insert(f, c);
        }
        let d = r.distribution(NextStep::Workup);
        assert_eq!(
            d.to_string(),
            "3 injection · 2 medical workup · 1 physical therapy — rules: medical workup"
        );
        assert_eq!((d.answered, d.agreed), (6, 2));
        r.answers.clear();
        r.answers.insert(1, 2);
        r.answers.insert(2, 0);
        assert_eq!(
            r.distribution(NextStep::UrgentReferral).to_string(),
            "1 physical therapy · 1 injection — rules: urgent referral"
        );
        r.answers.clear();
        assert_eq!(
            r.distribution(NextStep::Workup).to_string(),
            "no answers — rules: medical workup"
        );
    }

    #[test]
    fn the_summary_renders_as_a_markdown_table() {
        assert_eq!(
            RoomSummary::default().markdown_lines(),
            vec!["## The room's answers", "", "No stop was revealed to the room."]
        );
        let mut a = record(1, 1, &C);
        a.answers.insert(1, 1);
        a.answers.insert(2, 1);
        a.answers.insert(3, 0);
        a.rules = Some(NextStep::Workup);
        let mut b = record(2, 2, &C);
        b.rules = Some(NextStep::Injection);
        let c = record(3, 3, &C);
        let room = Room { stops: vec![a, b, c] };
        let md = room.summary().markdown_lines();
        assert_eq!(
            md,
            vec![
                "## The room's answers",
                "",
                "| stop | day | answers | agreed with the rules | the rules | the room |",
                "|---|---|---:|---:|---|---|",
                "| 1 of 3 | wk 1 | 3 | 2 (67 %) | medical workup | 2 medical workup · 1 physical therapy |",
                "| 2 of 3 | wk 2 | 0 | 0 (–) | injection | no answers |",
                "",
                "Agreement with the rules over 2 stops: 2 of 3 answers (67 %).",
            ],
            "the stop not revealed is left out"
        );
    }
}
