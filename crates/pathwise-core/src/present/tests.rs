#![allow(clippy::unwrap_used)] // tests: a failure here is the test failing
//! The presenter on the SCHEMA.md worked example, changed one field at a
//! time: age bands, dates in free text, the occupation where a narrative
//! repeats it, notes quoted in rule details, and what de-identification
//! leaves alone.

use super::redact::{ages, dates_as_weeks, occupation_variants, replace_whole};
use super::*;
use crate::case::{EventKind, parse_case};
use crate::rules::{ConfounderId, Options, Profile, evaluate};
use std::path::Path;

const EXAMPLE: &str = include_str!("../../../../tests/fixtures/schema-example.toml");

fn parse(toml: &str) -> Case {
    match parse_case(Path::new("test.toml"), toml.as_bytes()) {
        Ok(c) => c,
        Err(errors) => panic!("test case does not parse: {errors:?}\n{toml}"),
    }
}

fn example() -> Case {
    parse(EXAMPLE)
}

/// The example with `key = value` lines set in its `[patient]` table.
fn with_patient(lines: &str) -> Case {
    let mut text = EXAMPLE.replace("age = 46\n", "");
    text = text.replace("[patient]\n", &format!("[patient]\n{lines}\n"));
    parse(&text)
}

fn deid(case: &Case) -> Presenter<'_> {
    Presenter::new(case, Privacy::Deidentified)
}

fn every_string(v: &CaseView) -> String {
    serde_json::to_string(v).unwrap()
}

#[test]
fn age_bands_by_decade_and_ninety_and_over() {
    assert_eq!(age_band(0), "under 10");
    assert_eq!(age_band(9), "under 10");
    assert_eq!(age_band(10), "10s");
    assert_eq!(age_band(19), "10s");
    assert_eq!(age_band(52), "50s");
    assert_eq!(age_band(89), "80s");
    assert_eq!(age_band(90), "90+");
    assert_eq!(age_band(103), "90+");
    assert_eq!(age_band(255), "90+");
}

#[test]
fn the_header_shows_the_age_band_while_presenting_and_the_age_otherwise() {
    let case = with_patient("age = 52\noccupation = \"roofer\"");
    let full = CaseView::new(&case, Privacy::Full);
    let shown = CaseView::new(&case, Privacy::Deidentified);
    assert_eq!(full.field("patient").unwrap().value, "Case A, age 52, female, roofer");
    assert_eq!(shown.field("patient").unwrap().value, "Case A, age 50s");
    let old = with_patient("age = 93");
    assert_eq!(
        Presenter::new(&old, Privacy::Full).age(),
        "90+",
        "90 and over always as a band"
    );
    assert_eq!(deid(&old).age(), "90+");
}

#[test]
fn ages_in_narratives_become_the_band() {
    // 90 and over: every standalone mention of the number
    assert_eq!(
        ages("at 92, born 1920, 9.2 mm, 92-year-old, 192 m, aged 92.", 92),
        "at 90+, born 1920, 9.2 mm, 90+-year-old, 192 m, aged 90+."
    );
    // under 90: only where the number reads as the age
    assert_eq!(
        ages("A 52-year-old, 52 years old, aged 52, age: 52, 52yo, 52 y/o", 52),
        "A 50s-year-old, 50s years old, aged 50s, age: 50s, 50syo, 50s y/o"
    );
    assert_eq!(
        ages("52% relief, ODI 52, 52 weeks, 152-year-old, stage 52, 5.2", 52),
        "52% relief, ODI 52, 52 weeks, 152-year-old, stage 52, 5.2"
    );
    let case = parse(&EXAMPLE.replace(
        "tags = [",
        "summary = \"A 46-year-old with leg pain; 46% better.\"\ntags = [",
    ));
    assert_eq!(
        deid(&case).case_view().summary.as_deref(),
        Some("A 40s-year-old with leg pain; 46% better.")
    );
    assert_eq!(
        CaseView::new(&case, Privacy::Full).summary.as_deref(),
        Some("A 46-year-old with leg pain; 46% better.")
    );
}

#[test]
fn dates_in_text_become_weeks_from_onset() {
    let onset = Date::constant(2026, 1, 20);
    assert_eq!(
        dates_as_weeks("MRI 2026-03-12 and 2026-01-20 → 2026-05-04", onset),
        "MRI wk 7 and wk 0 → wk 14"
    );
    assert_eq!(dates_as_weeks("no dates here: 12-03", onset), "no dates here: 12-03");
    assert_eq!(dates_as_weeks("bad 2026-13-45 date", onset), "bad wk ? date");
    assert_eq!(dates_as_weeks("ünïcode 2026-01-27", onset), "ünïcode wk 1");
    assert_eq!(dates_as_weeks("before 2026-01-12", onset), "before wk -2");
    let case = example();
    let p = deid(&case);
    assert_eq!(p.date(Date::constant(2026, 3, 12)), "wk 7");
    assert_eq!(p.text("seen 2026-03-12"), "seen wk 7");
    assert_eq!(
        Presenter::new(&case, Privacy::Full).text("seen 2026-03-12"),
        "seen 2026-03-12"
    );
}

#[test]
fn a_de_identified_view_holds_no_calendar_date_anywhere() {
    let case = parse(&EXAMPLE.replace(
        "findings = \"Large",
        "findings = \"Compared with the study of 2025-11-02: large",
    ));
    let r = evaluate(&case, &Profile::builtin(), &Options::default());
    let p = deid(&case);
    let all = format!(
        "{}{}",
        every_string(&p.case_view()),
        serde_json::to_string(&p.verdict_view(&r)).unwrap()
    );
    assert!(!has_date(&all), "{all}");
    assert!(all.contains("wk 7"), "dates became weeks: {all}");
    let full = format!(
        "{}{}",
        every_string(&CaseView::new(&case, Privacy::Full)),
        serde_json::to_string(&VerdictView::new(&case, &r, Privacy::Full)).unwrap()
    );
    assert!(full.contains("2025-11-02") && full.contains("2026-03-12"));
}

fn has_date(s: &str) -> bool {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(9)).any(|i| {
        b[i..i + 4].iter().all(u8::is_ascii_digit)
            && b[i + 4] == b'-'
            && b[i + 5..i + 7].iter().all(u8::is_ascii_digit)
            && b[i + 7] == b'-'
            && b[i + 8..i + 10].iter().all(u8::is_ascii_digit)
    })
}

#[test]
fn the_occupation_is_hidden_where_a_narrative_repeats_it() {
    assert_eq!(
        occupation_variants("warehouse forklift operator"),
        ["warehouse forklift operator", "forklift operator"],
        "a generic last word alone is not hidden"
    );
    let v = occupation_variants("university student and soccer player");
    for want in [
        "university student and soccer player",
        "university student",
        "soccer player",
    ] {
        assert!(v.iter().any(|x| x == want), "{want} in {v:?}");
    }
    let v = occupation_variants("intensive care nurse (night shifts)");
    for want in ["intensive care nurse", "care nurse", "nurse"] {
        assert!(v.iter().any(|x| x == want), "{want} in {v:?}");
    }
    let v = occupation_variants("retired postal carrier");
    assert!(
        v.iter().any(|x| x == "postal carrier") && v.iter().any(|x| x == "carrier"),
        "{v:?}"
    );

    let case = parse(
        &EXAMPLE
            .replace("sex = \"female\"", "sex = \"female\"\noccupation = \"warehouse forklift operator\"")
            .replace(
                "tags = [",
                "summary = \"A Forklift Operator lifting pallets; a warehouse forklift operator since 2010.\"\ntags = [",
            ),
    );
    let shown = deid(&case).case_view();
    assert_eq!(
        shown.summary.as_deref(),
        Some("A [occupation] lifting pallets; a [occupation] since 2010.")
    );
    assert!(!every_string(&shown).to_lowercase().contains("forklift"));
    assert!(!shown.field("patient").unwrap().value.contains("female"), "no sex");
    let full = CaseView::new(&case, Privacy::Full);
    assert!(full.summary.as_deref().unwrap().contains("Forklift Operator"));
    assert!(
        full.field("patient")
            .unwrap()
            .value
            .contains("warehouse forklift operator")
    );
    // whole words only
    assert_eq!(
        replace_whole("nursery nurse, Nurse.", "nurse", "[o]", true),
        "nursery [o], [o]."
    );
}

#[test]
fn notes_are_hidden_also_where_a_rule_detail_quotes_them() {
    let note = "Night shifts, sleeps 4 hours, lives on vending-machine food";
    let case = parse(&EXAMPLE.replace(
        "[[pt]]",
        &format!("[lifestyle]\nsleep = \"poor\"\nnote = \"  {note} \"\n\n[[pt]]"),
    ));
    let r = evaluate(&case, &Profile::builtin(), &Options::default());
    let lifestyle = r
        .confounders
        .iter()
        .find(|c| c.id == ConfounderId::Lifestyle)
        .expect("a lifestyle confounder quoting the note");
    assert!(lifestyle.detail.contains(note), "{}", lifestyle.detail);
    let p = deid(&case);
    let verdict = p.verdict_view(&r);
    let view = p.case_view();
    let shown = verdict
        .confounders
        .iter()
        .find(|c| c.id == ConfounderId::Lifestyle)
        .unwrap();
    assert_eq!(shown.detail, format!("poor sleep ({NOTE_HIDDEN})"));
    let header = view.field("lifestyle note").unwrap();
    assert_eq!((header.value.as_str(), header.kind), (NOTE_HIDDEN, FieldKind::Note));
    let all = every_string(&view) + &serde_json::to_string(&verdict).unwrap();
    assert!(!all.contains("vending"), "{all}");
    let full = VerdictView::new(&case, &r, Privacy::Full);
    assert!(full.confounders.iter().any(|c| c.detail.contains(note)));
}

#[test]
fn event_notes_become_the_placeholder_and_keep_their_kind() {
    let case = parse(&EXAMPLE.replace(
        "response = \"none\"",
        "response = \"none\"\nnote = \"Therapist: Mrs Jones, seen at home\"",
    ));
    for (privacy, want) in [
        (Privacy::Full, "Therapist: Mrs Jones, seen at home"),
        (Privacy::Deidentified, NOTE_HIDDEN),
    ] {
        let v = CaseView::new(&case, privacy);
        let pt = v.events.iter().find(|e| e.kind == EventKind::Pt).unwrap();
        let note = pt.field("note").unwrap();
        assert_eq!((note.value.as_str(), note.kind), (want, FieldKind::Note));
    }
}

#[test]
fn de_identified_views_carry_no_id_and_otherwise_the_same_words() {
    let case = example();
    let full = CaseView::new(&case, Privacy::Full);
    let shown = CaseView::new(&case, Privacy::Deidentified);
    assert_eq!(full.id.as_deref(), Some("l5-radiculopathy-extrusion"));
    assert_eq!(shown.id, None);
    assert!(!every_string(&shown).contains("l5-radiculopathy-extrusion"));
    // nothing else changes: same title, events, fields and labels
    assert_eq!(full.title, shown.title);
    assert_eq!(full.events.len(), shown.events.len());
    for (a, b) in full.events.iter().zip(&shown.events) {
        assert_eq!(
            (a.kind, a.day, a.end_day, &a.title),
            (b.kind, b.day, b.end_day, &b.title)
        );
        for (fa, fb) in a.fields.iter().zip(&b.fields) {
            assert_eq!(fa.label, fb.label);
            if fa.kind == FieldKind::Text {
                assert_eq!(fa.value, fb.value, "{}", fa.label);
            }
        }
    }
    assert_eq!(shown.review_label, "wk 14");
    assert_eq!(full.review_label, "2026-05-04");
    assert_eq!(
        shown.field("working dx").unwrap().value,
        "Left L5 radiculopathy from L4-5 extrusion (revised wk 7)"
    );
}

#[test]
fn events_follow_case_events_with_offsets_and_evidence_points_at_them() {
    let case = example();
    let r = evaluate(&case, &Profile::builtin(), &Options::default());
    let v = CaseView::new(&case, Privacy::Full);
    let refs = case.events();
    assert_eq!(v.events.len(), refs.len());
    for (e, r) in v.events.iter().zip(&refs) {
        assert_eq!(e.kind, r.kind);
        assert_eq!(e.date_label, case.event_date(*r).to_string());
    }
    let pt = &v.events[0];
    assert_eq!((pt.day, pt.end_day, pt.short.as_str()), (7, Some(49), "11/12"));
    assert_eq!(v.review_day, 104);
    assert_eq!(v.span_days, 104);
    let a = v.events.iter().rfind(|e| e.kind == EventKind::Assessment).unwrap();
    assert_eq!(a.pain, Some(8));
    assert_eq!(
        a.function.as_ref().map(|f| (f.name.as_str(), f.score, f.max)),
        Some(("ODI", 52.0, 100.0))
    );
    let verdict = VerdictView::new(&case, &r, Privacy::Full);
    for (c, cv) in r.criteria.iter().zip(&verdict.criteria) {
        let back: Vec<_> = cv.evidence.iter().map(|&i| refs[i]).collect();
        assert_eq!(back, c.evidence, "{}", c.id);
        assert_eq!(cv.basis, c.id.basis(), "the rules' basis");
    }
    let cautions: Vec<_> = verdict.cautions.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(cautions, ["red-flags-not-screened"]);
}

#[test]
fn views_serialise_with_kebab_case_words_and_read_back() {
    let case = example();
    let r = evaluate(&case, &Profile::builtin(), &Options::default());
    let p = deid(&case);
    let (v, verdict) = (p.case_view(), p.verdict_view(&r));
    let json = serde_json::to_value(&verdict).unwrap();
    assert_eq!(json["band"], "ready");
    assert_eq!(json["next_step"], "surgical-consult");
    assert_eq!(json["privacy"], "deidentified");
    assert_eq!(json["criteria"][0]["id"], "red-flags");
    assert_eq!(json["criteria"][0]["status"], "unknown");
    assert_eq!(json["cautions"][0]["id"], "red-flags-not-screened");
    let case_json = serde_json::to_value(&v).unwrap();
    assert_eq!(case_json["events"][0]["kind"], "pt");
    assert_eq!(case_json["events"][0]["fields"][0]["kind"], "date");
    assert_eq!(case_json["id"], serde_json::Value::Null);
    let back: CaseView = serde_json::from_value(case_json).unwrap();
    assert_eq!(back, v);
    let back: VerdictView = serde_json::from_value(json).unwrap();
    assert_eq!(back, verdict);
    assert!(
        serde_json::from_str::<VerdictView>(
            &serde_json::to_string(&verdict)
                .unwrap()
                .replace("\"ready\"", "\"bogus\"")
        )
        .is_err()
    );
}

#[test]
fn text_is_sanitised_in_both_privacies() {
    let case = example();
    for privacy in [Privacy::Full, Privacy::Deidentified] {
        let p = Presenter::new(&case, privacy);
        assert_eq!(p.text("a\u{1b}]52;c;x\u{7}\nb"), "a^[]52;c;x^G^Jb");
        assert_eq!(p.block("a\u{1b}[2J\r\nb"), "a^[[2J\nb");
    }
}

#[test]
fn outcomes_not_yet_known_on_the_day_show_as_pending_and_never_their_value() {
    use crate::rules::known::Day;
    use crate::rules::{Options, Profile};
    let case = example();
    let profile = Profile::builtin();
    // before the PT course ended (its outcome is known on its end) and
    // before the epidural's result was known (14 days after it)
    let opts = Options {
        as_of: Some(Date::constant(2026, 3, 1)),
        ..Options::default()
    };
    let day = Day::new(&case, &profile, &opts);
    let v = Presenter::new(&case, Privacy::Full).case_view_on(&day);
    let pt = v.events.iter().find(|e| e.kind == EventKind::Pt).expect("a PT course");
    let response = pt.field("response").expect("response");
    assert_eq!(response.kind, FieldKind::Pending);
    assert_eq!(response.value, "pending (known 2026-03-10)");
    let sessions = pt.field("sessions").expect("sessions");
    assert_eq!(sessions.value, "12 planned; attended pending (known 2026-03-10)");
    assert_eq!(pt.field("end").map(|f| f.value.as_str()), Some("ongoing on this day"));
    assert!(
        !serde_json::to_string(pt).unwrap().contains("\"none\""),
        "the response value stays hidden"
    );
    // a day after the injection but before its result: relief pending
    let opts = Options {
        as_of: Some(Date::constant(2026, 4, 10)),
        ..Options::default()
    };
    let day = Day::new(&case, &profile, &opts);
    let v = Presenter::new(&case, Privacy::Deidentified).case_view_on(&day);
    let shot = v
        .events
        .iter()
        .find(|e| e.kind == EventKind::Injection)
        .expect("the epidural");
    let relief = shot.field("relief").expect("relief");
    assert_eq!(
        (relief.kind, relief.value.as_str()),
        (FieldKind::Pending, "pending (known wk 12)")
    );
    // its duration ended (1 week) before the day, so that is known already
    assert!(shot.field("relief lasted").is_some_and(|f| f.kind == FieldKind::Text));
    assert!(!serde_json::to_string(shot).unwrap().contains("30%"));
    // the file as it is: nothing pending
    let v = Presenter::new(&case, Privacy::Full).case_view();
    assert!(
        v.events
            .iter()
            .flat_map(|e| &e.fields)
            .all(|f| f.kind != FieldKind::Pending)
    );
}

#[test]
fn on_the_review_day_an_outcome_not_yet_known_keeps_its_value_and_says_pending() {
    use crate::rules::Profile;
    // the worked example, reviewed a week after its epidural
    let text = EXAMPLE.replace("as_of = 2026-05-04", "as_of = 2026-04-09");
    let case = parse(&text);
    let v = Presenter::new(&case, Privacy::Full).case_view_reviewed(&Profile::builtin());
    let shot = v
        .events
        .iter()
        .find(|e| e.kind == EventKind::Injection)
        .expect("the epidural");
    let relief = shot.field("relief").expect("relief");
    assert_eq!(relief.kind, FieldKind::Pending);
    assert_eq!(relief.value, "30% · pending on the review day (known 2026-04-16)");
    // the file as recorded says nothing of the rules' day
    let file = Presenter::new(&case, Privacy::Full).case_view();
    let shot = file
        .events
        .iter()
        .find(|e| e.kind == EventKind::Injection)
        .expect("the epidural");
    assert_eq!(shot.field("relief").map(|f| f.value.as_str()), Some("30%"));
}
