//! What a follower receives of every sample: each sample's states (as
//! `fixtures::walk` builds them: browsing, every event selected, a
//! what-if, every step-through stop open and revealed, the end), built
//! with the presenter's `Privacy::Deidentified` under a file name that
//! names a patient, are published by a real host and read off the socket
//! by a follower. The bytes received must hold no calendar date
//! (YYYY-MM-DD), note, occupation, case id or file name, neither as they
//! are nor once the JSON is decoded. The same checks find all of these in
//! the full views, so they can fail, and a state refuses full views.

use super::client::{Raw, state_seq};
use super::{TestHost, fixtures};
use crate::common::secrets::Secrets;
use pathwise::conference::{ConferenceState, Limits, StateError};
use pathwise::library::Library;
use pathwise::present::{Presenter, Privacy};
use pathwise::rules::{Options, Profile, evaluate};
use serde_json::Value;
use std::path::PathBuf;

fn strings(v: &Value, out: &mut String) {
    match v {
        Value::String(s) => {
            out.push_str(s);
            out.push('\n');
        }
        Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
        Value::Object(m) => m.iter().for_each(|(k, v)| {
            out.push_str(k);
            out.push('\n');
            strings(v, out);
        }),
        _ => {}
    }
}

#[test]
fn no_follower_ever_receives_a_date_note_occupation_id_or_file_name() {
    let lib = Library::builtin();
    let h = TestHost::start(Limits::default());
    let (mut follower, first) = Raw::join(&h.socket(), &h.code(), "watcher").unwrap();
    assert!(first.contains("welcome"));
    let mut problems = Vec::new();
    let (mut states, mut bytes, mut notes_checked, mut stops) = (0, 0, 0, 0);
    for (n, l) in lib.cases.iter().enumerate() {
        let file = PathBuf::from(format!("/home/dr-smith/cases/mrs-jones-{n:02}.toml"));
        let secrets = Secrets::of(&l.case, &file);
        notes_checked += secrets.notes.len();
        let mut received = String::new();
        for s in fixtures::walk(&l.case, &file, 1000 * n as u32) {
            stops += usize::from(s.stop().is_some());
            let seq = h.host.publish(s).unwrap();
            // every line the follower is sent, up to this state
            let line = follower
                .until(|line| state_seq(line.as_bytes()) == Some(seq))
                .unwrap()
                .unwrap();
            received.push_str(&line);
            received.push('\n');
            states += 1;
        }
        bytes += received.len();
        let mut decoded = String::new();
        for line in received.lines() {
            strings(&serde_json::from_str(line).unwrap(), &mut decoded);
        }
        for (what, text) in [("bytes", &received), ("decoded", &decoded)] {
            let seen = secrets.shown_in(text);
            if !seen.is_empty() {
                problems.push(format!("{} ({what}): {}", l.case.id, seen.join(", ")));
            }
        }
        // the same check on the full views finds everything
        let p = Presenter::new(&l.case, Privacy::Full).with_file(&file);
        let r = evaluate(&l.case, &Profile::builtin(), &Options::default());
        let (cv, vv) = (p.case_view(), p.verdict_view(&r));
        let mut full = serde_json::to_string(&cv).unwrap();
        full.push_str(&serde_json::to_string(&vv).unwrap());
        let mut header = String::new();
        strings(&serde_json::to_value(&cv).unwrap(), &mut header);
        full.push_str(&header);
        let seen = secrets.shown_in(&full);
        if seen.len() != secrets.count() {
            problems.push(format!(
                "{}: the full views show only {} of {} (the check could not fail): {}",
                l.case.id,
                seen.len(),
                secrets.count(),
                seen.join(", ")
            ));
        }
        assert_eq!(
            ConferenceState::new(&cv, &vv).err(),
            Some(StateError::NotDeidentified("case view"))
        );
    }
    eprintln!(
        "{} samples, {states} states ({stops} at stops), {bytes} bytes received, {notes_checked} notes checked",
        lib.cases.len()
    );
    assert!(notes_checked > 20, "the samples have notes to hide");
    assert!(stops > lib.cases.len(), "the step-throughs were walked");
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn a_state_can_only_be_built_from_de_identified_views() {
    let lib = Library::builtin();
    let l = &lib.cases[0];
    let profile = Profile::builtin();
    let r = evaluate(&l.case, &profile, &Options::default());
    let full = Presenter::new(&l.case, Privacy::Full);
    let deid = Presenter::new(&l.case, Privacy::Deidentified);
    let (fc, fv) = (full.case_view(), full.verdict_view(&r));
    let (dc, dv) = (deid.case_view(), deid.verdict_view(&r));
    assert_eq!(
        ConferenceState::new(&dc, &fv).err(),
        Some(StateError::NotDeidentified("verdict view"))
    );
    assert_eq!(
        ConferenceState::new(&fc, &dv).err(),
        Some(StateError::NotDeidentified("case view"))
    );
    let s = ConferenceState::new(&dc, &dv).unwrap();
    // a pane word cannot carry text
    assert!(matches!(
        s.clone().with_ui(None, "2026-03-12", false),
        Err(StateError::NotAWord(_))
    ));
    assert!(matches!(
        s.clone().with_ui(None, "note: lives alone", false),
        Err(StateError::NotAWord(_))
    ));
    assert!(matches!(
        s.clone().with_ui(Some(dc.events.len()), "detail", false),
        Err(StateError::NoSuchEvent { .. })
    ));
    // a stop needs a de-identified presenter: its label is "wk N"
    let day = l.case.as_of;
    assert!(matches!(
        pathwise::conference::StopView::new(1, 1, 1, &full, day, &fixtures::CHOICES),
        Err(StateError::NotDeidentified("presenter"))
    ));
    let stop = pathwise::conference::StopView::new(1, 1, 1, &deid, day, &fixtures::CHOICES).unwrap();
    assert!(stop.label().starts_with("wk "));
    assert!(pathwise::conference::Reveal::new(&fv, &dc, None).is_err());
    assert!(pathwise::conference::Reveal::new(&dv, &fc, None).is_err());
    assert!(pathwise::conference::WhatIf::new(&dv, &fv, &[]).is_err());
    // a state that claims to be de-identified but holds an id (built
    // from JSON, as nothing else could) is refused by publish
    let mut json = serde_json::to_value(&s).unwrap();
    json["case"]["id"] = Value::String(l.case.id.clone());
    let forged: ConferenceState = serde_json::from_value(json).unwrap();
    let h = TestHost::start(Limits::default());
    assert_eq!(
        h.host.publish(forged).err(),
        Some(StateError::Identifying("the case id"))
    );
    let mut json = serde_json::to_value(&s).unwrap();
    json["verdict"]["privacy"] = Value::String("full".into());
    let forged: ConferenceState = serde_json::from_value(json).unwrap();
    assert!(h.host.publish(forged).is_err());
}

/// While a step-through stop asks, the state carries no answer: the
/// verdict goes without its band, next step and reason, and the title
/// (written in hindsight) is the initial diagnosis; once revealed, they
/// are there. Over every stop of every sample.
#[test]
fn an_open_stop_sends_no_answer() {
    let lib = Library::builtin();
    let mut stops = 0;
    for l in &lib.cases {
        for n in 0..fixtures::stops(&l.case).len() {
            let (open, revealed) = fixtures::stop(&l.case, &l.path, n, n as u32 + 1);
            let sent: Value = serde_json::to_value(&open).expect("json");
            let verdict = &sent["verdict"];
            for key in ["band", "next_step", "next_step_reason"] {
                assert!(
                    verdict.get(key).is_none(),
                    "{} stop {n}: {key} sent while asking",
                    l.case.id
                );
            }
            assert_ne!(sent["case"]["title"], Value::String(revealed.case().title.clone()));
            let back: ConferenceState = serde_json::from_value(sent).expect("a follower reads it back");
            assert_eq!(back.verdict().score, open.verdict().score);
            let after: Value = serde_json::to_value(&revealed).expect("json");
            assert_eq!(after["verdict"]["band"], revealed.verdict().band.as_str());
            stops += 1;
        }
    }
    assert!(stops > 50, "{stops} stops");
}
