//! What a surgeon reviews: 10 `imaging-on-file`, 11 `pt-documented`, 12
//! `injection-documented`, 13 `medication-trial` and 14 `nerve-study`.

use super::super::Criterion;
use super::super::known::Fact;
use super::super::phrases::{and_list, count, course_name, relief, shot_name, test_name};
use super::super::terms::{Terms, is_advanced_imaging, is_entrapment_region};
use super::Found;
use crate::case::*;

fn study(w: &Workup) -> String {
    format!("{} {}", test_name(w.test), w.date)
}

/// Diagnostic imaging: advanced imaging; a nerve study in elbow and
/// wrist-hand; plain films showing moderate or severe arthrosis, fracture or
/// spondylolisthesis; flexion-extension films.
fn is_diagnostic_imaging(region: Region, w: &Workup) -> bool {
    let films_show = matches!(w.test, Test::Xray | Test::FlexionExtensionXray)
        && matches!(
            w.lesion,
            Some(Lesion::Arthrosis | Lesion::Fracture | Lesion::Spondylolisthesis)
        )
        && matches!(w.severity, Some(Severity::Moderate | Severity::Severe));
    is_advanced_imaging(w.test, region)
        || (is_entrapment_region(region) && w.test.is_nerve_study())
        || films_show
        || w.test == Test::FlexionExtensionXray
}

pub(crate) fn imaging_on_file(t: &Terms, _: &[Criterion]) -> Found {
    let region = t.region();
    let found: Vec<&(EventRef, &Workup)> = t
        .day
        .workup
        .iter()
        .filter(|(_, w)| is_diagnostic_imaging(region, w))
        .collect();
    let points = t.profile().points.imaging_on_file;
    if !found.is_empty() {
        let names: Vec<String> = found.iter().map(|(_, w)| study(w)).collect();
        return Found::met(and_list(&names), found.iter().map(|(r, _)| *r).collect()).worth(points);
    }
    let mut detail = "no diagnostic imaging on file".to_string();
    if !t.day.workup.is_empty() {
        let names: Vec<String> = t.day.workup.iter().map(|(_, w)| study(w)).collect();
        detail.push_str(&format!(" (only {})", and_list(&names)));
    }
    Found::not_met(detail, t.day.workup.iter().map(|(r, _)| *r).collect())
}

pub(crate) fn pt_documented(t: &Terms, _: &[Criterion]) -> Found {
    let Some(c) = t.latest_pt else {
        return Found::not_met("no conservative PT course on file", Vec::new());
    };
    let name = course_name(&c);
    let points = t.profile().points.pt_documented;
    match (c.attended(), c.response()) {
        (Fact::Known(n), Fact::Known(r)) => {
            let sessions = match c.sessions_planned() {
                Some(planned) => format!("attended {n} of {planned} sessions"),
                None => format!("attended {}", count(n as usize, "session", "sessions")),
            };
            Found::met(format!("{name}: {sessions}, response {r}"), vec![c.at]).worth(points)
        }
        (a, r) if a.is_pending() || r.is_pending() => {
            let on = a
                .pending()
                .or(r.pending())
                .map_or(String::new(), |d| format!(" (known on {d})"));
            Found::not_met(format!("{name}: outcome pending{on}"), vec![c.at])
        }
        (a, r) => {
            let missing = match (a.is_known(), r.is_known()) {
                (false, false) => "records neither sessions attended nor response",
                (false, true) => "records no sessions attended",
                _ => "records no response",
            };
            Found::not_met(format!("{name} {missing}"), vec![c.at])
        }
    }
}

pub(crate) fn injection_documented(t: &Terms, _: &[Criterion]) -> Found {
    let done: Vec<_> = t.day.injection.iter().filter(|s| s.done()).collect();
    if done.is_empty() {
        return Found::not_applicable("no injection given");
    }
    let evidence = done.iter().map(|s| s.at).collect();
    let silent: Vec<_> = done
        .iter()
        .filter(|s| !s.relief_percent().is_known() && !s.relief_weeks().is_known())
        .collect();
    if silent.is_empty() {
        let detail = match &done[..] {
            [s] => format!("{}: {}", shot_name(s), relief(s)),
            all => format!("relief known for all {} injections", all.len()),
        };
        return Found::met(detail, evidence).worth(t.profile().points.injection_documented);
    }
    let parts: Vec<String> = silent
        .iter()
        .map(|s| match s.relief_percent().pending().or(s.relief_weeks().pending()) {
            Some(d) => format!("{}: result pending (known on {d})", shot_name(s)),
            None => format!("{}: no relief recorded", shot_name(s)),
        })
        .collect();
    Found::not_met(parts.join("; "), silent.iter().map(|s| s.at).collect())
}

pub(crate) fn medication_trial(t: &Terms, _: &[Criterion]) -> Found {
    let trials = t.medication_trials();
    if !trials.is_empty() {
        let parts: Vec<String> = trials
            .iter()
            .map(|m| {
                format!(
                    "{} from {} ({} days), response {}",
                    m.med.drug(),
                    m.med.start(),
                    m.med.days_taken(),
                    m.response
                )
            })
            .collect();
        let points = t.profile().points.medication_trial;
        return Found::met(parts.join("; "), trials.iter().map(|m| m.med.at).collect()).worth(points);
    }
    if t.day.medication.is_empty() {
        return Found::not_met("no medication on file", Vec::new());
    }
    let days = t.profile().medication_trial_days;
    let parts: Vec<String> = t
        .day
        .medication
        .iter()
        .map(|m| {
            let why = match m.response() {
                Fact::Pending(d) => format!("response pending (known on {d})"),
                Fact::Absent => "no response recorded".to_string(),
                Fact::Known(_) => format!("taken {} days; a trial is {days}", m.days_taken()),
            };
            format!("{} from {}: {why}", m.drug(), m.start())
        })
        .collect();
    Found::not_met(parts.join("; "), t.day.medication.iter().map(|m| m.at).collect())
}

pub(crate) fn nerve_study(t: &Terms, _: &[Criterion]) -> Found {
    let studies: Vec<&(EventRef, &Workup)> = t.nerve_studies().collect();
    if !studies.is_empty() {
        let parts: Vec<String> = studies
            .iter()
            .map(|(_, w)| match w.nerve.as_deref().map(str::trim) {
                Some(n) if !n.is_empty() => format!("{}: {n}", study(w)),
                _ => study(w),
            })
            .collect();
        let points = t.profile().points.nerve_study;
        return Found::met(parts.join("; "), studies.iter().map(|(r, _)| *r).collect()).worth(points);
    }
    let region = t.region();
    let f = &t.features;
    let explained = t.targets.iter().find(|x| x.compressive());
    let indicated = if is_entrapment_region(region) {
        f.any()
    } else if region.is_spinal() {
        f.any() && explained.is_none()
    } else {
        f.sensory()
    };
    let sensory_only = !(is_entrapment_region(region) || region.is_spinal());
    if indicated {
        let detail = format!("no NCS or EMG on file; indicated by {}", f.describe(sensory_only));
        return Found::not_met(detail, f.evidence(sensory_only));
    }
    match explained {
        Some(x) if f.any() && region.is_spinal() => {
            Found::not_applicable(format!("not indicated: {} explains the features", x.describe()))
        }
        _ => Found::not_applicable("not indicated: no neurological features"),
    }
}
