//! Step-through with the room: three followers answer different choices;
//! the count before the reveal, the distribution after, the summary at
//! the end, on the host and on the followers' screens.

use super::fixtures::{CHOICES, stop, stops};
use super::{TestHost, quick};
use pathwise::conference::{AnswerCounts, ConferenceState, Event, Follower, StateReceiver, StepView};
use pathwise::library::Library;
use pathwise::rules::NextStep;
use std::time::{Duration, Instant};

fn index(step: NextStep) -> usize {
    CHOICES.iter().position(|&c| c == step).unwrap()
}

/// A state on the follower's screen that satisfies `f`.
fn wait_for(states: &mut StateReceiver, what: &str, f: impl Fn(&ConferenceState) -> bool) -> ConferenceState {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match states.recv_timeout(left) {
            Some(Ok(s)) if f(&s) => return (*s).clone(),
            Some(Ok(_)) => {}
            other => panic!("no state {what}: {other:?}"),
        }
    }
}

fn answered(s: &ConferenceState) -> usize {
    s.stop().map_or(0, |s| s.answered())
}

#[test]
fn three_followers_answer_and_the_room_counts_reveals_and_sums_up() {
    let lib = Library::builtin();
    // a case with two stops whose rules' answers the room can give
    let (l, rules) = lib
        .cases
        .iter()
        .find_map(|l| {
            if stops(&l.case).len() < 2 {
                return None;
            }
            let r: Vec<NextStep> = (0..2)
                .map(|n| stop(&l.case, &l.path, n, 1).1.stop().unwrap().reveal().unwrap().rules())
                .collect();
            r.iter().all(|s| CHOICES.contains(s)).then_some((l, r))
        })
        .expect("a sample with two answerable stops");
    let other = |s: NextStep| CHOICES.iter().copied().find(|&c| c != s).unwrap();
    let h = TestHost::start(quick());
    let names = ["Ana", "Ben", "Cy"];
    let followers: Vec<Follower> = names
        .iter()
        .map(|n| Follower::connect(&h.socket(), &h.code(), n).unwrap())
        .collect();
    let mut screens: Vec<StateReceiver> = followers.iter().map(Follower::states).collect();
    h.wait_followers(3);

    // stop 1: Ana and Ben give the rules' answer (Ana after changing her
    // mind), Cy another
    let (open, revealed) = stop(&l.case, &l.path, 0, 101);
    h.host.publish(open).unwrap();
    for s in &mut screens {
        let st = wait_for(s, "at stop 1", |s| s.stop().is_some_and(|s| s.is_open()));
        let stop = st.stop().unwrap();
        assert_eq!((stop.number(), stop.id(), stop.answered()), (1, 101, 0));
        assert!(stop.label().starts_with("wk "), "{}", stop.label());
        assert_eq!(stop.choices().len(), CHOICES.len());
        assert_eq!(stop.choices()[2].label, "medical workup");
        assert!(stop.reveal().is_none());
    }
    assert_eq!(h.host.answer_counts(101), Some(AnswerCounts::Hidden { answered: 0 }));
    let r1 = rules[0];
    followers[0].answer(101, index(other(r1))).unwrap();
    followers[0].answer(101, index(r1)).unwrap();
    followers[1].answer(101, index(r1)).unwrap();
    followers[2].answer(101, index(other(r1))).unwrap();
    // every screen learns that three answered, not what
    for s in &mut screens {
        wait_for(s, "3 answered", |s| answered(s) == 3);
    }
    assert_eq!(h.host.answer_counts(101), Some(AnswerCounts::Hidden { answered: 3 }));
    // each follower is told what was counted for it
    let deadline = Instant::now() + Duration::from_secs(5);
    while followers[0].counted(101) != Some(index(r1)) {
        assert!(Instant::now() < deadline, "Ana's answer acknowledged");
        std::thread::sleep(Duration::from_millis(5));
    }
    // the host heard four answers, the last of Ana's replacing her first
    let mut replaced = 0;
    for _ in 0..4 {
        if let Event::Answered {
            replaced: true, name, ..
        } = h.event("an answer", |e| matches!(e, Event::Answered { .. }))
        {
            assert_eq!(name, "Ana");
            replaced += 1;
        }
    }
    assert_eq!(replaced, 1);
    // answers to another stop, or past the choices, are not counted
    followers[1].answer(999, 0).unwrap();
    followers[1].answer(101, CHOICES.len()).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(h.host.answer_counts(101).unwrap().answered(), 3);
    assert!(followers[1].not_counted().is_some());

    // the reveal: the distribution, beside the rules' answer
    h.host.publish(revealed).unwrap();
    let Some(AnswerCounts::Revealed(d)) = h.host.answer_counts(101) else {
        panic!("revealed")
    };
    assert_eq!((d.answered, d.agreed, d.rules), (3, 2, r1));
    let expected = format!("2 {} · 1 {} — rules: {}", r1.label(), other(r1).label(), r1.label());
    assert_eq!(d.to_string(), expected);
    for s in &mut screens {
        let st = wait_for(s, "revealed", |s| s.stop().is_some_and(|s| s.reveal().is_some()));
        let stop = st.stop().unwrap();
        assert!(!stop.is_open());
        let reveal = stop.reveal().unwrap();
        assert_eq!(reveal.rules(), r1);
        assert!(!reveal.why().is_empty());
        assert_eq!(reveal.room().unwrap().to_string(), expected);
    }
    // after the reveal nothing more is counted
    followers[2].answer(101, index(r1)).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let Some(AnswerCounts::Revealed(d)) = h.host.answer_counts(101) else {
        panic!("revealed")
    };
    assert_eq!(d.agreed, 2, "Cy's late answer is not counted");

    // stop 2: only Cy agrees; Ben does not answer
    let (open, revealed) = stop(&l.case, &l.path, 1, 102);
    h.host.publish(open).unwrap();
    for s in &mut screens {
        wait_for(s, "at stop 2", |s| {
            s.stop().is_some_and(|s| s.id() == 102 && s.is_open())
        });
    }
    let r2 = rules[1];
    followers[0].answer(102, index(other(r2))).unwrap();
    followers[2].answer(102, index(r2)).unwrap();
    for s in &mut screens {
        wait_for(s, "2 answered", |s| {
            s.stop().is_some_and(|s| s.id() == 102) && answered(s) == 2
        });
    }
    h.host.publish(revealed).unwrap();
    let Some(AnswerCounts::Revealed(d2)) = h.host.answer_counts(102) else {
        panic!("revealed")
    };
    assert_eq!((d2.answered, d2.agreed), (2, 1));

    // the end: agreement per stop, on the screens and for the export
    let end = ConferenceState::new(
        super::fixtures::browsing(&l.case, &l.path).case(),
        super::fixtures::browsing(&l.case, &l.path).verdict(),
    )
    .unwrap()
    .with_step(StepView::finished());
    h.host.publish(end).unwrap();
    let summary = h.host.room_summary();
    assert_eq!(summary.stops.len(), 2);
    assert_eq!(
        summary
            .stops
            .iter()
            .map(|s| (s.number, s.answered(), s.agreed()))
            .collect::<Vec<_>>(),
        vec![(1, 3, 2), (2, 2, 1)]
    );
    assert_eq!(summary.totals(), (5, 3));
    for s in &mut screens {
        let st = wait_for(s, "the summary", |s| matches!(s.step(), Some(StepView::Finished(_))));
        let Some(StepView::Finished(on_screen)) = st.step() else {
            unreachable!()
        };
        assert_eq!(on_screen, &summary);
    }
    let md = summary.markdown_lines();
    assert_eq!(md[0], "## The room's answers");
    let rows: Vec<&String> = md
        .iter()
        .filter(|l| l.starts_with("| 1 of") || l.starts_with("| 2 of"))
        .collect();
    assert_eq!(rows.len(), 2, "{md:#?}");
    assert!(rows[0].contains(" | 3 | 2 (67 %) | "), "{}", rows[0]);
    assert!(rows[1].contains(" | 2 | 1 (50 %) | "), "{}", rows[1]);
    assert!(rows[0].contains(&format!("2 {} · 1 {}", r1.label(), other(r1).label())));
    assert_eq!(
        md.last().unwrap(),
        "Agreement with the rules over 2 stops: 3 of 5 answers (60 %)."
    );
    // answering when no question is open is not counted
    followers[0].answer(102, 0).unwrap();
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(h.host.answer_counts(102).unwrap().answered(), 2);
}

#[test]
fn a_new_step_through_starts_a_new_summary() {
    let lib = Library::builtin();
    let l = lib.cases.iter().find(|l| stops(&l.case).len() >= 2).unwrap();
    let h = TestHost::start(quick());
    let f = Follower::connect(&h.socket(), &h.code(), "Ana").unwrap();
    h.wait_followers(1);
    let (open, revealed) = stop(&l.case, &l.path, 0, 1);
    h.host.publish(open).unwrap();
    f.answer(1, 0).unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    while h.host.answer_counts(1).unwrap().answered() == 0 {
        assert!(Instant::now() < deadline);
        std::thread::sleep(Duration::from_millis(5));
    }
    h.host.publish(revealed).unwrap();
    assert_eq!(h.host.room_summary().stops.len(), 1);
    // stop 1 again, under a new id: the previous run is over
    let (open, _) = stop(&l.case, &l.path, 0, 2);
    h.host.publish(open).unwrap();
    assert!(h.host.room_summary().stops.is_empty());
    assert_eq!(h.host.answer_counts(2), Some(AnswerCounts::Hidden { answered: 0 }));
    assert_eq!(h.host.answer_counts(1), None);
    // leaving the step-through closes the question
    h.host.publish(super::sample_state(0)).unwrap();
    f.answer(2, 0).unwrap();
    std::thread::sleep(Duration::from_millis(150));
    assert_eq!(h.host.answer_counts(2).unwrap().answered(), 0);
}
