//! The summary as Markdown: a page to read, rendered from the presented
//! views (so `--present` de-identifies it exactly as the console does).

use super::DISCLAIMER;
use crate::case::EventKind;
use crate::case::describe::number;
use crate::present::{CaseView, EventView, VerdictView};
use crate::rules::Status;
use std::fmt::Write as _;

/// Text in running Markdown: a pipe would end a table cell.
fn md(s: &str) -> String {
    s.replace('|', "\\|")
}

/// Text in a table cell: one line.
fn cell(s: &str) -> String {
    md(s).replace('\n', " ")
}

/// A field of an event for a table cell, or "–".
fn value(e: &EventView, label: &str) -> String {
    e.field(label).map_or("–".to_string(), |f| cell(&f.value))
}

/// The event's fields but those named in `skip`, "label: value; …".
fn rest(e: &EventView, skip: &[&str]) -> String {
    let parts: Vec<String> = e
        .fields
        .iter()
        .filter(|f| !skip.contains(&f.label.as_str()))
        .map(|f| format!("{}: {}", f.label, cell(&f.value)))
        .collect();
    parts.join("; ")
}

/// "- **wk 7 MRI lumbar spine**: findings: …; lesion: …".
fn event_item(o: &mut String, e: &EventView, skip: &[&str]) {
    let detail = rest(e, skip);
    let sep = if detail.is_empty() { "" } else { ": " };
    let _ = writeln!(o, "- **{} {}**{sep}{detail}", e.date_label, cell(&e.title));
}

fn of_kind<'a>(v: &'a CaseView, kinds: &'a [EventKind]) -> impl Iterator<Item = &'a EventView> + 'a {
    v.events.iter().filter(move |e| kinds.contains(&e.kind))
}

/// The summary as Markdown: each section of the page in turn.
pub fn markdown(v: &CaseView, r: &VerdictView) -> String {
    let mut o = String::new();
    heading(&mut o, v);
    presentation(&mut o, v);
    diagnosis(&mut o, v);
    conservative_course(&mut o, v);
    studies_medications_injections(&mut o, v);
    outcome_measures(&mut o, v);
    consults_and_surgery(&mut o, v);
    readiness(&mut o, v, r);
    let _ = writeln!(o, "---\n\n*{DISCLAIMER}*");
    o
}

/// A header field of the case, as running Markdown.
fn header(v: &CaseView, label: &str) -> Option<String> {
    v.field(label).map(|f| md(&f.value))
}

/// The title, who the patient is, the dates, the id and file (when not
/// presenting), and the disclaimer.
fn heading(o: &mut String, v: &CaseView) {
    let _ = writeln!(o, "# Referral summary: {}\n", md(&v.title));
    if let Some(p) = header(v, "patient") {
        let _ = writeln!(o, "- **Patient:** {p}");
    }
    let _ = writeln!(o, "- **Region:** {}", v.region);
    let _ = writeln!(
        o,
        "- **Onset:** {}; **reviewed as of** {}",
        header(v, "onset").unwrap_or_default(),
        md(&v.review_label)
    );
    if let Some(id) = &v.id {
        let _ = writeln!(o, "- **Case id:** `{id}`");
    }
    if let Some(f) = &v.file {
        let _ = writeln!(o, "- **File:** {}", md(f));
    }
    let _ = writeln!(o, "\n> {DISCLAIMER}\n");
}

/// The header fields the other sections do not show, in the header's order.
const SHOWN_ELSEWHERE: [&str; 10] = [
    "patient",
    "region",
    "onset",
    "review date",
    "complaint",
    "pain quality",
    "diagnosis",
    "working dx",
    "case id",
    "file",
];

fn presentation(o: &mut String, v: &CaseView) {
    let _ = writeln!(o, "## Presentation\n");
    if let Some(c) = header(v, "complaint") {
        let _ = writeln!(o, "{c}\n");
    }
    if let Some(q) = header(v, "pain quality") {
        let _ = writeln!(o, "Pain quality: {q}.\n");
    }
    let more: Vec<_> = v
        .header
        .iter()
        .filter(|f| !SHOWN_ELSEWHERE.contains(&f.label.as_str()))
        .collect();
    for f in &more {
        let _ = writeln!(o, "- {}: {}", f.label, md(&f.value));
    }
    if !more.is_empty() {
        o.push('\n');
    }
    if let Some(s) = &v.summary {
        let _ = writeln!(o, "{}\n", md(s));
    }
}

fn diagnosis(o: &mut String, v: &CaseView) {
    let _ = writeln!(o, "## Diagnosis\n");
    if let Some(d) = header(v, "diagnosis") {
        let _ = writeln!(o, "- Initial: {d}");
    }
    if let Some(w) = header(v, "working dx") {
        let _ = writeln!(o, "- Working: {w}");
    }
    o.push('\n');
}

/// A table of events: the named columns, then everything else in `more`.
fn event_table(o: &mut String, events: &[&EventView], cols: &[&str], also_skip: &[&str]) {
    let _ = writeln!(o, "| {} | more |", cols.join(" | "));
    let _ = writeln!(o, "|{}---|", "---|".repeat(cols.len()));
    for e in events {
        let cells: Vec<String> = cols.iter().map(|c| value(e, c)).collect();
        let mut skip = cols.to_vec();
        skip.extend_from_slice(also_skip);
        let more = rest(e, &skip);
        let _ = writeln!(
            o,
            "| {} | {} |",
            cells.join(" | "),
            if more.is_empty() { "–".to_string() } else { more }
        );
    }
    o.push('\n');
}

fn conservative_course(o: &mut String, v: &CaseView) {
    let _ = writeln!(o, "## Conservative course\n");
    let pt: Vec<&EventView> = of_kind(v, &[EventKind::Pt]).collect();
    if pt.is_empty() {
        let _ = writeln!(o, "No physical therapy on file.\n");
        return;
    }
    let cols = [
        "start",
        "end",
        "phase",
        "sessions",
        "home exercise",
        "modalities",
        "response",
    ];
    event_table(o, &pt, &cols, &["barriers"]);
    for e in &pt {
        if let Some(b) = e.field("barriers") {
            let _ = writeln!(o, "Barriers ({}): {}.", e.date_label, md(&b.value));
        }
    }
    if pt.iter().any(|e| e.post_op) {
        let _ = writeln!(o, "Post-operative courses are rehabilitation, not conservative care.");
    }
    o.push('\n');
}

fn studies_medications_injections(o: &mut String, v: &CaseView) {
    let sections: [(&str, &[EventKind], &[&str]); 3] = [
        (
            "Imaging and nerve studies",
            &[EventKind::Workup],
            &["date", "test", "site"],
        ),
        ("Medications", &[EventKind::Medication], &["start", "drug"]),
        ("Injections", &[EventKind::Injection], &["date"]),
    ];
    for (heading, kinds, skip) in sections {
        let _ = writeln!(o, "## {heading}\n");
        let mut any = false;
        for e in of_kind(v, kinds) {
            event_item(o, e, skip);
            any = true;
        }
        if !any {
            let _ = writeln!(o, "None on file.");
        }
        o.push('\n');
    }
}

fn outcome_measures(o: &mut String, v: &CaseView) {
    let _ = writeln!(o, "## Outcome measures\n");
    let assessments: Vec<&EventView> = of_kind(v, &[EventKind::Assessment]).collect();
    if assessments.is_empty() {
        let _ = writeln!(o, "None on file.\n");
        return;
    }
    let cols = ["date", "pain", "function", "strength", "numbness", "red flags"];
    event_table(o, &assessments, &cols, &[]);
    if let Some(trend) = trend(&assessments) {
        let _ = writeln!(o, "Trend: {trend}.\n");
    }
}

fn consults_and_surgery(o: &mut String, v: &CaseView) {
    let later = [EventKind::Consult, EventKind::Surgery];
    if of_kind(v, &later).next().is_none() {
        return;
    }
    let _ = writeln!(o, "## Consults and surgery\n");
    for e in of_kind(v, &later) {
        event_item(o, e, &["date"]);
    }
    o.push('\n');
}

/// The verdict: score, band and next step with why; every criterion with
/// its basis and evidence; the confounders; the cautions.
fn readiness(o: &mut String, v: &CaseView, r: &VerdictView) {
    let _ = writeln!(o, "## Readiness for surgical consult\n");
    let _ = writeln!(
        o,
        "**Score {} · band {} · next step: {}** ({:.1} documented weeks of conservative care, as of {}; rules version {}, profile {}).\n",
        r.score,
        r.band.label(),
        r.next_step.label(),
        r.documented_weeks,
        md(&r.as_of),
        r.rules_version,
        md(&r.profile)
    );
    let _ = writeln!(o, "{}\n", md(&r.next_step_reason));
    let _ = writeln!(o, "| criterion | status | points | detail | basis | evidence |");
    let _ = writeln!(o, "|---|---|---|---|---|---|");
    for c in &r.criteria {
        let pts = if c.status == Status::Met || c.points != 0.0 {
            number((c.points * 10.0).round() / 10.0)
        } else {
            "–".into()
        };
        let _ = writeln!(
            o,
            "| {} | {} {} | {pts} | {} | {} | {} |",
            c.label,
            c.status.symbol(true),
            c.status.as_str(),
            cell(&c.detail),
            cell(&c.basis),
            evidence(v, &c.evidence)
        );
    }
    o.push('\n');
    let _ = writeln!(o, "### Why PT may not be working\n");
    if r.confounders.is_empty() {
        let _ = writeln!(o, "No confounder found.\n");
    }
    for f in &r.confounders {
        let _ = writeln!(o, "- **{}**: {}", f.label, md(&f.detail));
    }
    if !r.confounders.is_empty() {
        o.push('\n');
    }
    if !r.cautions.is_empty() {
        let _ = writeln!(o, "### Cautions\n");
        for c in &r.cautions {
            let _ = writeln!(o, "- **{}**: {}", md(&c.label), md(&c.detail));
        }
        o.push('\n');
    }
}

/// Evidence indices as "wk 7 workup; wk 10 injection".
fn evidence(v: &CaseView, refs: &[usize]) -> String {
    let labels: Vec<String> = refs
        .iter()
        .filter_map(|&i| v.events.get(i))
        .map(|e| format!("{} {}", e.date_label, e.kind.as_str()))
        .collect();
    labels.join("; ")
}

/// "pain 7 → 8, ODI 46 → 52 (lower is better)", first to latest.
fn trend(assessments: &[&EventView]) -> Option<String> {
    let mut parts = Vec::new();
    let pains: Vec<u8> = assessments.iter().filter_map(|a| a.pain).collect();
    if let (Some(first), Some(last)) = (pains.first(), pains.last()) {
        if pains.len() > 1 {
            parts.push(format!("pain {first} → {last}"));
        }
    }
    if let Some(first) = assessments.iter().find_map(|a| a.function.as_ref()) {
        let scores: Vec<f64> = assessments
            .iter()
            .filter_map(|a| a.function.as_ref())
            .filter(|f| f.instrument == first.instrument)
            .map(|f| f.score)
            .collect();
        if scores.len() > 1 {
            let dir = if first.higher_is_better {
                "higher is better"
            } else {
                "lower is better"
            };
            parts.push(format!(
                "{} {} → {} ({dir})",
                first.name,
                number(scores[0]),
                number(scores[scores.len() - 1])
            ));
        }
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}
