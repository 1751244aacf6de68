//! The selected case's presented views, built in `update` (never while
//! drawing): the list rows' alias and title for the rows in view, and the
//! case's `CaseView` and `VerdictView` from the presenter, rebuilt only
//! when what they are built from changed.

use super::app::{App, ListLabel, Presented, VerdictSource};
use crate::present::Presenter;
use crate::rules::Options;
use crate::rules::known::Day;

impl App {
    /// The list's words, presented, for the rows the list shows (and a
    /// screenful more): filled in `update` as the list scrolls or filters,
    /// all dropped when the library or the privacy changes. De-identifying
    /// every title of a 100,000-case library at each `p` would cost most of
    /// a second; the rows on screen cost well under a millisecond.
    pub(super) fn label_rows(&mut self) {
        let privacy = self.privacy();
        let n = self.library.cases.len();
        if self.labels.len() != n || self.labels_for != Some((self.revision, privacy)) {
            self.labels = vec![None; n];
            self.labels_for = Some((self.revision, privacy));
        }
        let rows = self.list_height().max(60);
        let from = self.list.offset.saturating_sub(rows);
        let window: Vec<usize> = self.list.visible.iter().skip(from).take(3 * rows).copied().collect();
        for i in window {
            if self.labels[i].is_none() {
                let l = &self.library.cases[i];
                let head = l.case.head();
                let label = if privacy.is_deidentified() {
                    // de-identifying looks for the case's own words in the text
                    let case = l.case.unpack();
                    let p = Presenter::new(&case, privacy).with_file(&l.path);
                    ListLabel {
                        alias: p.text(head.alias),
                        title: p.text(head.title),
                    }
                } else {
                    ListLabel {
                        alias: crate::text::inline(head.alias).into_owned(),
                        title: crate::text::inline(head.title).into_owned(),
                    }
                };
                self.labels[i] = Some(Box::new(label));
            }
        }
    }

    /// Rebuilds the selected case's presented views when what they are
    /// built from changed: the library, the selection, the privacy, or the
    /// verdict on screen (step-through stop, what-if exclusions). Called
    /// at the end of every update, so no path that changes an input can
    /// leave a view stale; drawing never builds one.
    pub fn present_views(&mut self) {
        self.choose();
        self.label_rows();
        // a follower's views are the host's: set from its states
        if self.is_follower() {
            return;
        }
        let source = match (&self.view.step, &self.view.what_if) {
            (Some(step), _) => VerdictSource::Step(step.index, step.stops.clone(), step.answers.len()),
            (None, Some(_)) => VerdictSource::WhatIf(self.view.excluded.clone()),
            (None, None) => VerdictSource::Recorded,
        };
        let inputs = self.selected_index().map(|case| Presented {
            revision: self.revision,
            case,
            privacy: self.privacy(),
            verdict: source,
        });
        if inputs == self.view.presented && (inputs.is_some() || self.view.shown.is_none()) {
            return;
        }
        let built = self.verdict().zip(self.selected_index()).map(|((case, r), i)| {
            let p = Presenter::new(case, self.privacy()).with_file(&self.library.cases[i].path);
            // in step-through, the file as it was known at "now"
            let on = self.view.step.as_ref().map(|s| Options {
                as_of: Some(s.now()),
                ..Options::default()
            });
            let day = on.as_ref().map(|o| Day::new(case, &self.profile, o));
            let stops = self
                .view
                .step
                .as_ref()
                .map(|s| s.stops.iter().map(|d| p.date(*d)).collect())
                .unwrap_or_default();
            let shown = match &day {
                Some(day) => p.case_view_on(day),
                None => p.case_view_reviewed(&self.profile),
            };
            let happened = self
                .view
                .step
                .as_ref()
                .map(|s| {
                    s.answers
                        .iter()
                        .map(|a| a.happened.map(|h| super::step::happened_label(&p, h)))
                        .collect()
                })
                .unwrap_or_default();
            (shown, p.verdict_view(r), stops, happened)
        });
        match built {
            Some((shown, verdict, stops, happened)) => {
                self.view.shown = Some(shown);
                self.view.verdict = Some(verdict);
                self.view.stop_labels = stops;
                self.view.happened_labels = happened;
            }
            None => {
                self.view.shown = None;
                self.view.verdict = None;
                self.view.stop_labels = Vec::new();
                self.view.happened_labels = Vec::new();
            }
        }
        self.view.presented = inputs;
    }
}
