//! Step-through that does not give the answer away: at every stop of
//! every sample, at every layout, before the student answers, nothing on
//! screen says what the rules recommend there, nor the case's band; after
//! the answer, they show; the stop and the score are separate lines.

use crate::common::console::{app, keys, render};
use pathwise::library::Library;
use pathwise::rules::Band;
use pathwise::tui::app::App;
use pathwise::tui::step::CHOICES;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const SIZES: [(u16, u16); 4] = [(80, 24), (100, 30), (120, 40), (200, 60)];

/// Whitespace collapsed: wrapped text reads as it was written.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn rows(buf: &Buffer, r: Rect) -> Vec<String> {
    (r.y..r.bottom())
        .map(|y| (r.x..r.right()).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

/// The screen as readable text: each pane's inside (its rows joined, so
/// a sentence wrapped inside a pane reads whole), then every screen row
/// on its own (the tab bar, the status line, the borders' titles).
fn readable(a: &App, buf: &Buffer) -> String {
    let panes = a.panes();
    let mut out = Vec::new();
    for r in [panes.list, panes.timeline, panes.detail, panes.readiness, panes.verdict]
        .into_iter()
        .flatten()
    {
        let inner = pathwise::tui::layout::inner(r);
        out.push(collapse(&rows(buf, inner).join(" ")));
    }
    out.extend(rows(buf, buf.area).iter().map(|r| collapse(r)));
    out.join("\n")
}

/// The screen without the choice menu's entries, which name every next
/// step without stating an answer.
fn without_menu_and_names(s: &str) -> String {
    let mut s = s.to_string();
    for (i, c) in CHOICES.iter().enumerate() {
        s = s.replace(&format!("{} {}", (i + 1) % 10, c.label()), "");
    }
    s
}

/// Whether `phrase` occurs in `text` as whole words ("injection", not
/// "injections").
fn has_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn band_words(b: Band) -> [&'static str; 2] {
    [b.label(), b.short()]
}

/// Asserts that `screen` states neither the answer at this stop nor the
/// case's band.
fn assert_no_answer(what: &str, screen: &str, a: &App, recorded: Band) {
    let (_, stop) = a.verdict().expect("a verdict");
    let reason = collapse(&a.view.verdict.as_ref().expect("presented").next_step_reason);
    let text = without_menu_and_names(screen);
    for leak in ["Next:", "next step", "The rules say", "rules recommend"] {
        assert!(!text.contains(leak), "{what}: \"{leak}\" on screen:\n{screen}");
    }
    assert!(
        !text.contains(&reason),
        "{what}: the rules' reason on screen: {reason}\n{screen}"
    );
    // a next step named in a phrase ("surgical consult", "medical workup")
    // is the answer wherever it stands; a one-word one ("injection") is
    // also a word of findings ("no failed therapeutic injection"), so for
    // those the statements above (Next:, next step, the reason) are the test
    let label = stop.next_step.label();
    assert!(
        !label.contains(' ') || !has_phrase(&text, label),
        "{what}: the rules' next step ({}) on screen:\n{screen}",
        stop.next_step.label()
    );
    for band in [recorded, stop.band] {
        for word in band_words(band) {
            assert!(!has_phrase(&text, word), "{what}: the band {word} on screen:\n{screen}");
        }
    }
}

#[test]
fn no_stop_shows_the_answer_before_the_student_gives_one() {
    let ids: Vec<String> = Library::builtin().cases.iter().map(|l| l.case.id.clone()).collect();
    let mut stops = 0;
    for (w, h) in SIZES {
        for id in &ids {
            let mut a = app(w, h);
            if !a.open_step(id) {
                continue;
            }
            let recorded = a.selected().expect("the case").1.band;
            loop {
                let step = a.view.step.as_ref().expect("running");
                if step.finished {
                    break;
                }
                let what = format!("{id} at {w}x{h}, stop {}", step.index + 1);
                let screen = readable(&a, &render(&a));
                assert_no_answer(&what, &screen, &a, recorded);
                // the stop and the score, each on a line of its own
                let stop_line = format!("Stop {} of {}", step.index + 1, step.stops.len());
                let score = format!("Score {}", a.verdict().expect("verdict").1.score);
                let raw = pathwise_rows(&a);
                if a.panes().readiness.is_some() {
                    assert!(
                        raw.iter().any(|l| l.contains(&stop_line)),
                        "{what}:\n{}",
                        raw.join("\n")
                    );
                    assert!(raw.iter().any(|l| l.contains(&score)), "{what}:\n{}", raw.join("\n"));
                    assert!(
                        !raw.iter().any(|l| l.contains(&stop_line) && l.contains("Score")),
                        "{what}: the stop and the score share a line"
                    );
                }
                // the answer, what the rules say and why, and what happened next
                keys(&mut a, "<enter>");
                let (_, r) = a.verdict().expect("verdict");
                let (next, band) = (r.next_step.label().to_string(), r.band.label().to_string());
                let after = readable(&a, &render(&a));
                assert!(after.contains(&format!("The rules say: {next}")), "{what}:\n{after}");
                assert!(after.contains("What happened next:"), "{what}:\n{after}");
                if a.panes().readiness.is_some() {
                    assert!(after.contains(&format!("Next: {next}")), "{what}:\n{after}");
                    assert!(
                        after.contains(&band),
                        "{what}: the band {band} after the answer:\n{after}"
                    );
                }
                keys(&mut a, "<enter>");
                stops += 1;
            }
            // the summary: now the case's band as recorded shows
            let end = readable(&a, &render(&a));
            assert!(end.contains("Step-through done"), "{id}:\n{end}");
            assert!(
                end.contains(recorded.label()),
                "{id}: the recorded band after the end:\n{end}"
            );
        }
    }
    assert!(stops > 4 * ids.len(), "{stops} stops");
}

/// Each screen row as text.
fn pathwise_rows(a: &App) -> Vec<String> {
    let buf = render(a);
    rows(&buf, buf.area)
}

#[test]
fn the_choices_cover_every_next_step_a_stop_can_call_for() {
    use pathwise::rules::NextStep;
    for step in [
        NextStep::EmergencyReferral,
        NextStep::UrgentReferral,
        NextStep::SurgicalConsult,
        NextStep::Workup,
        NextStep::PhysicalTherapy,
        NextStep::ContinueConservative,
        NextStep::ReEvaluatePt,
        NextStep::Pharmacology,
        NextStep::PainMedicine,
        NextStep::Injection,
    ] {
        assert!(CHOICES.contains(&step), "{step} is not a choice");
    }
    // every stop of every sample asks for one of them
    for l in &Library::builtin().cases {
        let mut a = app(120, 40);
        if !a.open_step(&l.case.id) {
            continue;
        }
        while !a.view.step.as_ref().expect("running").finished {
            let rules = a.verdict().expect("verdict").1.next_step;
            assert!(CHOICES.contains(&rules), "{}: {rules} is no choice", l.case.id);
            keys(&mut a, "0<enter>");
        }
    }
    // the keys: 1-9, then 0 for the tenth
    let mut a = app(120, 40);
    keys(&mut a, "s0");
    let answered = a
        .view
        .step
        .as_ref()
        .and_then(|s| s.answered.clone())
        .expect("0 answers");
    assert_eq!(answered.given, NextStep::EmergencyReferral);
}

/// An outcome the file records but that was not known yet at a stop
/// (READINESS.md, "known on") shows as pending in the event's detail, and
/// its value nowhere: at every stop of three samples, every event on the
/// timeline with such an outcome is selected and its detail read.
#[test]
fn no_pending_outcome_shows_its_value_at_any_stop() {
    use pathwise::case::EventKind;
    use pathwise::rules::known::{Day, Knowledge, Outcome};
    use pathwise::rules::{Options, Profile};
    let profile = Profile::builtin();
    let lib = Library::builtin();
    let mut checked = 0;
    for id in [
        "lumbar-s1-epidural-result-pending",
        "lumbar-s1-sequestered-fragment",
        "hip-fai-labral-tear-injection-relief",
    ] {
        let case = lib.find(id).expect("sample").case.clone();
        let mut a = app(200, 60);
        assert!(a.open_step(id), "{id} opens in step-through");
        loop {
            let step = a.view.step.as_ref().expect("running");
            if step.finished {
                break;
            }
            let now = step.now();
            let opts = Options {
                as_of: Some(now),
                ..Options::default()
            };
            let day = Day::new(&case, &profile, &opts);
            let shown: Vec<_> = a.timeline_events().to_vec();
            for (i, r) in shown.iter().enumerate() {
                for &o in Outcome::of_kind(r.kind) {
                    let Knowledge::Pending { .. } = day.outcome(*r, o) else {
                        continue;
                    };
                    a.view.event = Some(i);
                    a.update(pathwise::tui::app::Msg::Resize(200, 60));
                    let screen = crate::common::console::text(&render(&a));
                    let value = match (r.kind, o) {
                        (EventKind::Injection, Outcome::ReliefPercent) => {
                            case.injection[r.index].relief_percent.map(|p| format!("{p}%"))
                        }
                        (EventKind::Pt, Outcome::PtResponse) => {
                            case.pt[r.index].response.map(|v| format!("response       {v}"))
                        }
                        (EventKind::Medication, Outcome::MedicationResponse) => {
                            case.medication[r.index].response.map(|v| format!("response       {v}"))
                        }
                        _ => None,
                    };
                    if let Some(v) = value {
                        assert!(!screen.contains(&v), "{id} at {now}: {o:?} shows {v:?}:\n{screen}");
                    }
                    assert!(
                        screen.contains("pending (known"),
                        "{id} at {now}: {o:?} not pending:\n{screen}"
                    );
                    checked += 1;
                }
            }
            a.view.event = None;
            keys(&mut a, "3<enter>");
        }
    }
    assert!(checked > 0, "the samples have pending outcomes at some stop");
}
