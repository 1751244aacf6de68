//! The summary as Markdown: a page to read.

use super::DISCLAIMER;
use crate::case::describe::{DateStyle, NOTE_HIDDEN, deidentify, number};
use crate::case::{Case, Date, EventRef, Phase};
use crate::rules::{Readiness, Status};
use crate::text;
use std::fmt::Write as _;

/// How the summary treats identifying detail.
pub(super) struct View<'a> {
    pub(super) case: &'a Case,
    pub(super) present: bool,
}

impl View<'_> {
    fn t(&self, s: &str) -> String {
        let safe = text::inline(s);
        let s = if self.present {
            deidentify(self.case, &safe, false)
        } else {
            safe.into_owned()
        };
        // a pipe would end a Markdown table cell
        s.replace('|', "\\|")
    }

    pub(super) fn date(&self, d: Date) -> String {
        let style = if self.present {
            DateStyle::WeeksFromOnset
        } else {
            DateStyle::Calendar
        };
        self.case.date_label(d, style)
    }

    fn note(&self, n: &Option<String>) -> Option<String> {
        n.as_ref().map(|n| {
            if self.present {
                NOTE_HIDDEN.to_string()
            } else {
                self.t(n)
            }
        })
    }
}

/// The summary as Markdown.
pub fn markdown(case: &Case, r: &Readiness, present: bool) -> String {
    let v = View { case, present };
    let p = &case.presentation;
    let mut o = String::new();
    let _ = writeln!(o, "# Referral summary: {}\n", v.t(&case.title));
    let who = if present {
        format!("{}, age {}", v.t(&case.patient.alias), case.patient.age_label())
    } else {
        let mut w = format!(
            "{}, age {}, {}",
            v.t(&case.patient.alias),
            case.patient.age_label(),
            case.patient.sex
        );
        if let Some(occ) = &case.patient.occupation {
            let _ = write!(w, ", {}", v.t(occ));
        }
        w
    };
    let _ = writeln!(o, "- **Patient:** {who}");
    let _ = writeln!(o, "- **Region:** {}", case.region);
    let _ = writeln!(
        o,
        "- **Onset:** {}; **reviewed as of** {}",
        v.date(p.onset),
        v.date(case.as_of)
    );
    let _ = writeln!(o, "- **Case id:** `{}`\n", case.id);
    let _ = writeln!(o, "> {DISCLAIMER}\n");

    let _ = writeln!(o, "## Presentation\n");
    let _ = writeln!(o, "{}\n", v.t(&p.complaint));
    if !p.pain_quality.is_empty() {
        let q: Vec<&str> = p.pain_quality.iter().map(|q| q.as_str()).collect();
        let neuro = if p.has_neuropathic_features() {
            " (neuropathic features)"
        } else {
            ""
        };
        let _ = writeln!(o, "Pain quality: {}{neuro}.\n", q.join(", "));
    }
    if let Some(s) = &case.summary {
        let _ = writeln!(o, "{}\n", v.t(s));
    }

    let _ = writeln!(o, "## Diagnosis\n");
    let _ = writeln!(o, "- Initial: {}", v.t(&p.initial_diagnosis));
    match (&p.working_diagnosis, p.diagnosis_revised_on) {
        (Some(w), Some(d)) => {
            let _ = writeln!(o, "- Revised ({}): {}", v.date(d), v.t(w));
        }
        (Some(w), None) => {
            let _ = writeln!(o, "- Working: {}", v.t(w));
        }
        _ => {}
    }
    o.push('\n');

    let _ = writeln!(o, "## Conservative course\n");
    if case.pt.is_empty() {
        let _ = writeln!(o, "No physical therapy on file.\n");
    } else {
        let _ = writeln!(
            o,
            "| start | end | phase | attended | home exercise | modalities | response |"
        );
        let _ = writeln!(o, "|---|---|---|---|---|---|---|");
        for c in &case.pt {
            let attended = match (c.sessions_attended, c.sessions_planned) {
                (Some(a), Some(p)) => format!("{a} of {p}"),
                (Some(a), None) => a.to_string(),
                _ => "–".into(),
            };
            let modalities: Vec<&str> = c.modalities.iter().map(|m| m.as_str()).collect();
            let _ = writeln!(
                o,
                "| {} | {} | {} | {attended} | {} | {} | {} |",
                v.date(c.start),
                c.end.map_or("ongoing".to_string(), |e| v.date(e)),
                c.phase,
                c.hep_adherence.map_or("–", |a| a.as_str()),
                modalities.join(", "),
                c.response.map_or("–", |r| r.as_str()),
            );
        }
        o.push('\n');
        for c in case.pt.iter().filter(|c| !c.barriers.is_empty()) {
            let _ = writeln!(o, "Barriers ({}): {}.", v.date(c.start), v.t(&c.barriers.join(", ")));
        }
        if case.pt.iter().any(|c| c.phase == Phase::PostOp) {
            let _ = writeln!(o, "Post-operative courses are rehabilitation, not conservative care.");
        }
        o.push('\n');
    }

    let _ = writeln!(o, "## Imaging and nerve studies\n");
    if case.workup.is_empty() {
        let _ = writeln!(o, "None on file.\n");
    }
    for w in &case.workup {
        let site = w.site.as_deref().map(|s| format!(" {}", v.t(s))).unwrap_or_default();
        let mut graded = Vec::new();
        if let Some(l) = w.lesion {
            graded.push(l.to_string());
        }
        if let Some(s) = w.severity {
            graded.push(s.to_string());
        }
        if let Some(l) = &w.level {
            graded.push(format!("at {}", v.t(l)));
        }
        if w.instability == Some(true) {
            graded.push("instability".into());
        }
        if let Some(n) = &w.nerve {
            graded.push(format!("nerve {}", v.t(n)));
        }
        let graded = if graded.is_empty() {
            String::new()
        } else {
            format!(" [{}]", graded.join(", "))
        };
        let _ = writeln!(
            o,
            "- **{} {}{site}**: {}{graded}",
            v.date(w.date),
            w.test.label(),
            v.t(&w.findings)
        );
    }
    o.push('\n');

    let _ = writeln!(o, "## Medications\n");
    if case.medication.is_empty() {
        let _ = writeln!(o, "None on file.\n");
    }
    for m in &case.medication {
        let end = m.end.map_or("ongoing".to_string(), |e| v.date(e));
        let dose = m.dose.as_deref().map(|d| format!(", {}", v.t(d))).unwrap_or_default();
        let response = m.response.map_or("not recorded".to_string(), |r| r.to_string());
        let side = m
            .side_effects
            .as_deref()
            .map(|s| format!("; side effects: {}", v.t(s)))
            .unwrap_or_default();
        let _ = writeln!(
            o,
            "- {} ({}{dose}), {} to {end}: response {response}{side}",
            v.t(&m.drug),
            m.class,
            v.date(m.start)
        );
    }
    o.push('\n');

    let _ = writeln!(o, "## Injections\n");
    if case.injection.is_empty() {
        let _ = writeln!(o, "None on file.\n");
    }
    for i in &case.injection {
        let level = i.level.as_deref().map(|l| format!(" {}", v.t(l))).unwrap_or_default();
        let guidance = i.guidance.map(|g| format!(", {g} guided")).unwrap_or_default();
        let relief = match (i.relief_percent, i.relief_weeks) {
            (Some(p), Some(w)) => format!("{p}% relief for {} weeks", number(w)),
            (Some(p), None) => format!("{p}% relief"),
            (None, Some(w)) => format!("relief for {} weeks", number(w)),
            (None, None) => "relief not recorded".into(),
        };
        let resumed = match i.resumed_pt {
            Some(true) => "; resumed PT",
            Some(false) => "; did not resume PT",
            None => "",
        };
        let _ = writeln!(o, "- {} {}{level}{guidance}: {relief}{resumed}", v.date(i.date), i.kind);
    }
    o.push('\n');

    let _ = writeln!(o, "## Outcome measures\n");
    if case.assessment.is_empty() {
        let _ = writeln!(o, "None on file.\n");
    } else {
        let _ = writeln!(o, "| date | pain 0-10 | function | strength | numbness | red flags |");
        let _ = writeln!(o, "|---|---|---|---|---|---|");
        for a in &case.assessment {
            let func = a.function.map_or("–".to_string(), |f| {
                format!("{} {}", f.instrument.display_name(), number(f.score))
            });
            let strength: Vec<String> = a.strength.iter().map(|(m, g)| format!("{} {g}/5", v.t(m))).collect();
            let numb = match &a.numbness {
                None => "–".to_string(),
                Some(n) if n.is_empty() => "none".to_string(),
                Some(n) => v.t(&n.join(", ")),
            };
            let flags = match &a.red_flags {
                None => "–".to_string(),
                Some(f) if f.is_empty() => "none".to_string(),
                Some(f) => v.t(&f.join(", ")),
            };
            let _ = writeln!(
                o,
                "| {} | {} | {func} | {} | {numb} | {flags} |",
                v.date(a.date),
                a.pain.map_or("–".to_string(), |p| p.to_string()),
                if strength.is_empty() {
                    "–".to_string()
                } else {
                    strength.join(", ")
                },
            );
        }
        o.push('\n');
        if let Some(trend) = trend(case) {
            let _ = writeln!(o, "Trend: {trend}.\n");
        }
    }

    if !case.consult.is_empty() || !case.surgery.is_empty() {
        let _ = writeln!(o, "## Consults and surgery\n");
        for c in &case.consult {
            let spec = c.specialty.map_or("consult".to_string(), |s| format!("{s} consult"));
            let outcome = c
                .outcome
                .as_deref()
                .map(|s| format!(": {}", v.t(s)))
                .unwrap_or_default();
            let note = v.note(&c.note).map(|n| format!(" ({n})")).unwrap_or_default();
            let _ = writeln!(o, "- {} {spec}{outcome}{note}", v.date(c.date));
        }
        for s in &case.surgery {
            let _ = writeln!(o, "- {} surgery: {}", v.date(s.date), v.t(&s.procedure));
        }
        o.push('\n');
    }

    let _ = writeln!(o, "## Readiness for surgical consult\n");
    let weeks = format!("{:.1}", r.documented_weeks);
    let _ = writeln!(
        o,
        "**Score {} · band {} · next step: {}** ({} documented weeks of conservative care).\n",
        r.score,
        r.band.label(),
        r.next_step.label(),
        weeks
    );
    let _ = writeln!(o, "{}\n", v.t(&r.next_step_reason));
    let _ = writeln!(o, "| criterion | status | points | detail | evidence |");
    let _ = writeln!(o, "|---|---|---|---|---|");
    for c in &r.criteria {
        let evidence: Vec<String> = c.evidence.iter().map(|e| evidence_label(&v, *e)).collect();
        let pts = if c.status == Status::Met || c.points != 0.0 {
            number((c.points * 10.0).round() / 10.0)
        } else {
            "–".into()
        };
        let _ = writeln!(
            o,
            "| {} | {} {} | {pts} | {} | {} |",
            c.id.label(),
            c.status.symbol(true),
            c.status.as_str(),
            v.t(&c.detail),
            evidence.join("; ")
        );
    }
    o.push('\n');
    let _ = writeln!(o, "### Why PT may not be working\n");
    if r.confounders.is_empty() {
        let _ = writeln!(o, "No confounder found.\n");
    }
    for f in &r.confounders {
        let _ = writeln!(o, "- **{}**: {}", f.id.label(), v.t(&f.detail));
    }
    if !r.confounders.is_empty() {
        o.push('\n');
    }
    let _ = writeln!(o, "---\n\n*{DISCLAIMER}*");
    o
}

fn evidence_label(v: &View, e: EventRef) -> String {
    format!("{} {}", v.date(v.case.event_date(e)), e.kind.as_str())
}

/// "pain 7 → 8, ODI 46 → 52", first to latest.
fn trend(case: &Case) -> Option<String> {
    let mut parts = Vec::new();
    let pains: Vec<u8> = case.assessment.iter().filter_map(|a| a.pain).collect();
    if let (Some(first), Some(last)) = (pains.first(), pains.last()) {
        if pains.len() > 1 {
            parts.push(format!("pain {first} → {last}"));
        }
    }
    let first_fn = case.assessment.iter().find_map(|a| a.function)?;
    let scores: Vec<f64> = case
        .assessment
        .iter()
        .filter_map(|a| {
            a.function
                .filter(|f| f.instrument == first_fn.instrument)
                .map(|f| f.score)
        })
        .collect();
    if scores.len() > 1 {
        let dir = if first_fn.instrument.higher_is_better() {
            "higher is better"
        } else {
            "lower is better"
        };
        parts.push(format!(
            "{} {} → {} ({dir})",
            first_fn.instrument.display_name(),
            number(scores[0]),
            number(scores[scores.len() - 1])
        ));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}
