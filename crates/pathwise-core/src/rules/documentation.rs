//! The documentation criteria: imaging, PT, injections, medication and the
//! nerve study, what a surgeon reviews before a consult.

use super::criteria::{criterion, workup_list};
use super::period::{In, Window, injection_relief};
use super::phrases::{and_list, count, test_name};
use super::{Criterion, CriterionId, Status};
use crate::case::*;

/// The region lets a nerve study stand for imaging (entrapment neuropathies).
fn nerve_study_counts_as_imaging(region: Region) -> bool {
    matches!(region, Region::WristHand | Region::Elbow)
}

/// What would count as advanced imaging in this region, for "no … on file".
pub(crate) fn imaging_wanted(region: Region) -> &'static str {
    if nerve_study_counts_as_imaging(region) {
        "MRI, CT, CT myelogram, ultrasound or nerve study"
    } else if region.is_extremity() {
        "MRI, CT, CT myelogram or ultrasound"
    } else {
        "MRI, CT or CT myelogram"
    }
}

pub(crate) fn imaging_on_file(w: &Window) -> Criterion {
    let id = CriterionId::ImagingOnFile;
    let region = w.region();
    let found: In<Workup> = w
        .workup
        .iter()
        .copied()
        .filter(|(_, x)| {
            x.test.is_advanced_imaging(region) || (nerve_study_counts_as_imaging(region) && x.test.is_nerve_study())
        })
        .collect();
    if !found.is_empty() {
        let evidence = found.iter().map(|(r, _)| *r).collect();
        let points = w.profile.points.imaging_on_file;
        return criterion(w, id, Status::Met, points, workup_list(&found), evidence);
    }
    let mut detail = format!("no {} on file", imaging_wanted(region));
    if !w.workup.is_empty() {
        detail.push_str(&format!(" (only {})", workup_list(&w.workup)));
    }
    let evidence = w.workup.iter().map(|(r, _)| *r).collect();
    criterion(w, id, Status::NotMet, 0.0, detail, evidence)
}

/// "PT from 2026-01-27 to 2026-03-10", "PT from 2026-04-01 (ongoing)".
pub(crate) fn course_name(w: &Window, c: &PtCourse) -> String {
    match c.end {
        Some(end) if end <= w.period_end => format!("PT from {} to {end}", c.start),
        _ => format!("PT from {} (ongoing)", c.start),
    }
}

/// "attended 11 of 12 sessions", "attended 11 sessions".
pub(crate) fn attendance(c: &PtCourse) -> Option<String> {
    let attended = c.sessions_attended?;
    Some(match c.sessions_planned {
        Some(planned) => format!("attended {attended} of {planned} sessions"),
        None => format!("attended {}", count(attended as usize, "session", "sessions")),
    })
}

pub(crate) fn pt_documented(w: &Window) -> Criterion {
    let id = CriterionId::PtDocumented;
    let Some((_, latest)) = w.pt.last() else {
        let detail = "no conservative PT course on file".to_string();
        return criterion(w, id, Status::NotMet, 0.0, detail, Vec::new());
    };
    let documented: In<PtCourse> =
        w.pt.iter()
            .copied()
            .filter(|(_, c)| c.sessions_attended.is_some() && c.response.is_some())
            .collect();
    if let Some((_, c)) = documented.last() {
        let response = c.response.map_or("", |r| r.as_str());
        let sessions = attendance(c).unwrap_or_default();
        let detail = format!("{}: {sessions}, response {response}", course_name(w, c));
        let evidence = documented.iter().map(|(r, _)| *r).collect();
        let points = w.profile.points.pt_documented;
        return criterion(w, id, Status::Met, points, detail, evidence);
    }
    let latest: &PtCourse = w.latest_pt.map_or(*latest, |(_, c)| c);
    let missing = match (latest.sessions_attended, latest.response) {
        (None, None) => "records neither sessions attended nor response",
        (None, Some(_)) => "records no sessions attended",
        _ => "records no response",
    };
    let mut detail = format!("{} {missing}", course_name(w, latest));
    if w.pt.len() > 1 {
        detail.push_str(", and no earlier course records both");
    }
    let evidence = w.pt.iter().map(|(r, _)| *r).collect();
    criterion(w, id, Status::NotMet, 0.0, detail, evidence)
}

pub(crate) fn injection_documented(w: &Window) -> Criterion {
    let id = CriterionId::InjectionDocumented;
    if w.injection.is_empty() {
        let detail = "no injection on file".to_string();
        return criterion(w, id, Status::NotApplicable, 0.0, detail, Vec::new());
    }
    let silent: In<Injection> = w
        .injection
        .iter()
        .copied()
        .filter(|(_, i)| i.relief_percent.is_none() && i.relief_weeks.is_none())
        .collect();
    if !silent.is_empty() {
        let names: Vec<String> = silent.iter().map(|(_, i)| format!("{} {}", i.kind, i.date)).collect();
        let detail = format!("no relief recorded for {}", and_list(&names));
        let evidence = silent.iter().map(|(r, _)| *r).collect();
        return criterion(w, id, Status::NotMet, 0.0, detail, evidence);
    }
    let detail = match &w.injection[..] {
        [(_, i)] => injection_relief(i),
        all => format!("relief recorded for all {} injections", all.len()),
    };
    let evidence = w.injection.iter().map(|(r, _)| *r).collect();
    let points = w.profile.points.injection_documented;
    criterion(w, id, Status::Met, points, detail, evidence)
}

pub(crate) fn medication_trial(w: &Window) -> Criterion {
    let id = CriterionId::MedicationTrial;
    if w.medication.is_empty() {
        let detail = "no medication trial on file".to_string();
        return criterion(w, id, Status::NotMet, 0.0, detail, Vec::new());
    }
    let parts: Vec<String> = w
        .medication
        .iter()
        .map(|(_, m)| {
            let mut s = format!("{} from {}", m.drug.trim(), m.start);
            if let Some(r) = m.response {
                s.push_str(&format!(", response {r}"));
            }
            s
        })
        .collect();
    let evidence = w.medication.iter().map(|(r, _)| *r).collect();
    let points = w.profile.points.medication_trial;
    criterion(w, id, Status::Met, points, parts.join("; "), evidence)
}

/// Why a nerve study is indicated, with the assessments that show it.
pub(crate) fn nerve_study_indications(w: &Window) -> (Vec<String>, Vec<EventRef>) {
    let mut why = Vec::new();
    let mut evidence = Vec::new();
    let features: Vec<&str> = w.neuropathic_features().iter().map(|q| q.as_str()).collect();
    if !features.is_empty() {
        why.push(format!("{} pain", and_list(&features)));
    }
    let numb = w
        .assessment
        .iter()
        .rev()
        .find(|(_, a)| a.numbness.as_ref().is_some_and(|n| !n.is_empty()));
    if let Some((r, a)) = numb {
        let areas: Vec<&str> = a.numbness.iter().flatten().map(|s| s.trim()).collect();
        why.push(format!("numbness of {} on {}", and_list(&areas), a.date));
        evidence.push(*r);
    }
    let region = w.region();
    if region.is_spinal() || nerve_study_counts_as_imaging(region) {
        let weak = w
            .assessment
            .iter()
            .rev()
            .find(|(_, a)| a.strength.values().any(|&g| g < 5));
        if let Some((r, a)) = weak {
            let grades: Vec<String> = a
                .strength
                .iter()
                .filter(|&(_, &g)| g < 5)
                .map(|(m, g)| format!("{} {g}/5", m.trim()))
                .collect();
            why.push(format!("weakness ({}) on {}", and_list(&grades), a.date));
            evidence.push(*r);
        }
    }
    (why, evidence)
}

pub(crate) fn nerve_study(w: &Window) -> Criterion {
    let id = CriterionId::NerveStudy;
    let studies = w.nerve_studies();
    if !studies.is_empty() {
        let parts: Vec<String> = studies
            .iter()
            .map(|(_, x)| {
                let name = format!("{} {}", test_name(x.test), x.date);
                match x.nerve.as_deref().map(str::trim) {
                    Some(n) if !n.is_empty() => format!("{name}: {n}"),
                    _ => name,
                }
            })
            .collect();
        let evidence = studies.iter().map(|(r, _)| *r).collect();
        let points = w.profile.points.nerve_study;
        return criterion(w, id, Status::Met, points, parts.join("; "), evidence);
    }
    let (why, evidence) = nerve_study_indications(w);
    if why.is_empty() {
        let region = w.region();
        let detail = if region.is_spinal() || nerve_study_counts_as_imaging(region) {
            "not indicated: no neuropathic features, numbness or weakness"
        } else {
            "not indicated: no neuropathic features or numbness"
        };
        return criterion(w, id, Status::NotApplicable, 0.0, detail.to_string(), Vec::new());
    }
    let detail = format!("no NCS or EMG on file; indicated by {}", why.join(", "));
    criterion(w, id, Status::NotMet, 0.0, detail, evidence)
}
