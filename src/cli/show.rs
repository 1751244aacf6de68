//! `pathwise show ID|FILE`: a readable text summary of one case: patient,
//! presentation, each track in date order, and the readiness verdict. It
//! prints the presenter's fields (de-identified with `--present`) and
//! nothing of the case file directly.

use super::{Context, Exit, find_case, report};
use crate::case::EventKind;
use crate::present::{CaseView, Presenter, Privacy, VerdictView};
use crate::rules::{Options, evaluate};
use std::fmt::Write as _;

pub fn run(ctx: &Context, arg: &std::ffi::OsStr) -> Exit {
    match find_case(ctx, arg) {
        Ok((path, case)) => {
            let r = evaluate(&case, &ctx.profile, &Options::default());
            let p = Presenter::new(&case, Privacy::presenting(ctx.global.present)).with_file(&path);
            super::write_out(&render(&p.case_view_reviewed(&ctx.profile), &p.verdict_view(&r)));
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

/// The header fields printed on the first lines rather than under
/// "Presentation".
const TOP: [&str; 5] = ["patient", "region", "review date", "case id", "file"];

/// `label` padded to `w` columns (at least one space after it), then the
/// value, its further lines indented to the value's column.
fn labelled(o: &mut String, indent: &str, label: &str, w: usize, value: &str) {
    let key = format!("{label:<w$}");
    let key = if key.len() > label.len() {
        key
    } else {
        format!("{label} ")
    };
    let pad = " ".repeat(indent.len() + key.len());
    let _ = writeln!(o, "{indent}{key}{}", value.replace('\n', &format!("\n{pad}")));
}

/// The whole summary as text, from the presented views.
pub fn render(v: &CaseView, r: &VerdictView) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{} · {}", v.alias, v.title);
    let id = v.id.as_deref().map(|id| format!("id {id} · ")).unwrap_or_default();
    let _ = writeln!(o, "{id}region {} · as of {}", v.region, v.review_label);
    if let Some(p) = v.field("patient") {
        labelled(&mut o, "", "Patient", 14, &p.value);
    }
    if let Some(f) = &v.file {
        labelled(&mut o, "", "File", 14, f);
    }
    if !v.tags.is_empty() {
        labelled(&mut o, "", "Tags", 14, &v.tags.join(", "));
    }
    let _ = writeln!(o, "\nPresentation");
    for f in v.header.iter().filter(|f| !TOP.contains(&f.label.as_str())) {
        labelled(&mut o, "  ", &f.label, 15, &f.value);
    }
    if let Some(s) = &v.summary {
        let _ = writeln!(o, "\nSummary\n  {}", s.replace('\n', "\n  "));
    }
    for (kind, heading) in TRACKS {
        let events: Vec<_> = v.events.iter().filter(|e| e.kind == kind).collect();
        if events.is_empty() {
            continue;
        }
        let _ = writeln!(o, "\n{heading}");
        for e in events {
            let later = if e.after_review {
                "  (after the review date: not scored)"
            } else {
                ""
            };
            let _ = writeln!(o, "  {}  {}{later}", e.date_label, e.title);
            for f in &e.fields {
                labelled(&mut o, "      ", &f.label, 14, &f.value);
            }
        }
    }
    if !v.teaching_points.is_empty() {
        let _ = writeln!(o, "\nTeaching points");
        for tp in &v.teaching_points {
            let _ = writeln!(o, "  - {}", tp.replace('\n', "\n    "));
        }
    }
    let _ = writeln!(
        o,
        "\nReadiness     {} {} · next step: {} ({})",
        r.score,
        r.band.label(),
        r.next_step.label(),
        r.next_step_reason
    );
    for c in &r.cautions {
        labelled(&mut o, "", "Caution", 14, &format!("{}: {}", c.label, c.detail));
    }
    let how = match &v.id {
        Some(id) => format!("`pathwise score {id}` shows each rule"),
        None => "`pathwise score` with the case id shows each rule".to_string(),
    };
    let _ = writeln!(o, "              {how}");
    o
}
