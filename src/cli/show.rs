//! `pathwise show ID|FILE`: a readable text summary of one case: patient,
//! presentation, each track in date order, and the readiness verdict.

use super::{Context, Exit, find_case, report};
use crate::case::describe::{DateStyle, Value};
use crate::case::{Case, EventKind, EventRef};
use crate::rules::{Options, evaluate};
use crate::text;
use std::fmt::Write as _;

pub fn run(ctx: &Context, arg: &std::ffi::OsStr) -> Exit {
    match find_case(ctx, arg) {
        Ok((_, case)) => {
            let style = if ctx.global.present {
                DateStyle::WeeksFromOnset
            } else {
                DateStyle::Calendar
            };
            super::write_out(&render(&case, ctx, style));
            Exit::Ok
        }
        Err((exit, errors)) => {
            report(&errors);
            exit
        }
    }
}

const TRACKS: [(EventKind, &str); 7] = [
    (EventKind::Pt, "Physical therapy"),
    (EventKind::Workup, "Workup"),
    (EventKind::Medication, "Medication"),
    (EventKind::Injection, "Injections"),
    (EventKind::Assessment, "Assessments"),
    (EventKind::Consult, "Consults"),
    (EventKind::Surgery, "Surgery"),
];

/// The whole summary as text; every string from the file is sanitised.
pub fn render(case: &Case, ctx: &Context, style: DateStyle) -> String {
    let present = style == DateStyle::WeeksFromOnset;
    // every string from the file: sanitised, and de-identified when presenting
    let t = |s: &str| {
        let safe = text::inline(s);
        if present {
            crate::case::describe::deidentify(case, &safe, false)
        } else {
            safe.into_owned()
        }
    };
    let date = |d| case.date_label(d, style);
    let mut o = String::new();
    let p = &case.patient;
    let pr = &case.presentation;
    let _ = writeln!(o, "{} · {}", t(&p.alias), t(&case.title));
    let _ = writeln!(
        o,
        "id {} · region {} · as of {}",
        case.id,
        case.region,
        date(case.as_of)
    );
    if present {
        let _ = writeln!(o, "Patient       {}, age {}", t(&p.alias), p.age_label());
    } else {
        let mut who = format!("{}, age {}, {}", t(&p.alias), p.age_label(), p.sex);
        if let Some(occ) = &p.occupation {
            let _ = write!(who, ", {}", t(occ));
        }
        let _ = writeln!(o, "Patient       {who}");
    }
    if !case.tags.is_empty() {
        let _ = writeln!(o, "Tags          {}", t(&case.tags.join(", ")));
    }
    let _ = writeln!(o, "\nPresentation");
    let _ = writeln!(o, "  onset       {}", date(pr.onset));
    let _ = writeln!(o, "  complaint   {}", t(&pr.complaint));
    let _ = writeln!(o, "  diagnosis   {} (initial)", t(&pr.initial_diagnosis));
    if let Some(w) = &pr.working_diagnosis {
        let when = pr
            .diagnosis_revised_on
            .map(|d| format!(", revised {}", date(d)))
            .unwrap_or_default();
        let _ = writeln!(o, "              {} (working{when})", t(w));
    }
    if !pr.pain_quality.is_empty() {
        let q: Vec<&str> = pr.pain_quality.iter().map(|q| q.as_str()).collect();
        let neuro = if pr.has_neuropathic_features() {
            " (neuropathic features)"
        } else {
            ""
        };
        let _ = writeln!(o, "  pain        {}{neuro}", q.join(", "));
    }
    if pr.localized_spasm == Some(true) {
        let _ = writeln!(o, "  spasm       localized pain or spasm limits movement");
    }
    if let Some(l) = &case.lifestyle {
        let mut parts = Vec::new();
        if let Some(s) = l.sleep {
            parts.push(format!("sleep {s}"));
        }
        if let Some(n) = l.nutrition {
            parts.push(format!("nutrition {n}"));
        }
        if let Some(s) = l.smoking {
            parts.push(if s { "smoker".into() } else { "non-smoker".into() });
        }
        if !parts.is_empty() {
            let _ = writeln!(o, "  lifestyle   {}", parts.join(", "));
        }
        if l.note.is_some() {
            let note = if present {
                "(note hidden while presenting)".to_string()
            } else {
                l.note.as_deref().map(t).unwrap_or_default()
            };
            let _ = writeln!(o, "              {note}");
        }
    }
    if let Some(s) = &case.summary {
        let safe = text::block(s);
        let shown = if present {
            crate::case::describe::deidentify(case, &safe, true)
        } else {
            safe.into_owned()
        };
        let _ = writeln!(o, "\nSummary\n  {}", shown.replace('\n', "\n  "));
    }
    for (kind, heading) in TRACKS {
        let refs: Vec<EventRef> = case.events().into_iter().filter(|r| r.kind == kind).collect();
        if refs.is_empty() {
            continue;
        }
        let _ = writeln!(o, "\n{heading}");
        for r in refs {
            let d = case.event_date(r);
            let later = if d > case.as_of {
                "  (after the review date: not scored)"
            } else {
                ""
            };
            let _ = writeln!(o, "  {}  {}{later}", date(d), t(&case.event_title(r)));
            for f in case.event_fields(r) {
                let value = match f.value {
                    Value::Text(s) => t(&s),
                    Value::Date(d) => date(d),
                    Value::Note(_) if present => "(hidden while presenting)".into(),
                    Value::Note(s) => t(&s),
                };
                let _ = writeln!(o, "      {:<14}{value}", f.name);
            }
        }
    }
    if !case.teaching_points.is_empty() {
        let _ = writeln!(o, "\nTeaching points");
        for tp in &case.teaching_points {
            let _ = writeln!(o, "  - {}", t(tp));
        }
    }
    let r = evaluate(case, &ctx.profile, &Options::default());
    let _ = writeln!(
        o,
        "\nReadiness     {} {} · next step: {} ({})",
        r.score,
        r.band.label(),
        r.next_step.label(),
        t(&r.next_step_reason)
    );
    let _ = writeln!(o, "              `pathwise score {}` shows each rule", case.id);
    o
}
