//! Target lesions and deciding studies.

use super::super::known::Day;
use super::super::phrases::test_name;
use super::{Features, is_advanced_imaging, is_entrapment_region, is_plain_films};
use crate::case::*;

/// A lesion that could be a surgical target, from a study that can show it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Target<'a> {
    pub at: EventRef,
    pub w: &'a Workup,
    pub lesion: Lesion,
    pub severity: Severity,
}

pub(crate) fn is_compressive(lesion: Lesion) -> bool {
    matches!(
        lesion,
        Lesion::DiscProtrusion
            | Lesion::DiscExtrusion
            | Lesion::DiscSequestration
            | Lesion::StenosisCentral
            | Lesion::StenosisForaminal
            | Lesion::NerveCompression
            | Lesion::NerveEntrapment
            | Lesion::CordCompression
    )
}

impl Target<'_> {
    pub fn compressive(&self) -> bool {
        is_compressive(self.lesion)
    }

    /// Severe, or compressive (moderate, with neurological features).
    pub fn meets_structural(&self) -> bool {
        self.severity == Severity::Severe || self.compressive()
    }

    pub fn acute(&self) -> bool {
        self.w.acute == Some(true)
    }

    /// "MRI 2026-03-12: disc-extrusion (severe) at L4-5".
    pub fn describe(&self) -> String {
        format!(
            "{} {}: {} ({}){}",
            test_name(self.w.test),
            self.w.date,
            self.lesion,
            self.severity,
            at_level(self.w)
        )
    }
}

/// " at L4-5", or nothing.
pub(crate) fn at_level(x: &Workup) -> String {
    match x.level.as_deref().map(str::trim) {
        Some(level) if !level.is_empty() => format!(" at {level}"),
        _ => String::new(),
    }
}

/// Whether the test can show the lesion: advanced imaging any; a nerve
/// study nerve compression and entrapment; plain films arthrosis, fracture
/// and spondylolisthesis.
fn can_show(test: Test, lesion: Lesion, region: Region) -> bool {
    if is_advanced_imaging(test, region) {
        return true;
    }
    if test.is_nerve_study() {
        return matches!(lesion, Lesion::NerveCompression | Lesion::NerveEntrapment);
    }
    is_plain_films(test) && matches!(lesion, Lesion::Arthrosis | Lesion::Fracture | Lesion::Spondylolisthesis)
}

/// Why a workup's lesion is not a target, or the target it is.
pub(crate) fn judge<'a>(
    region: Region,
    features: &Features,
    r: EventRef,
    w: &'a Workup,
) -> Result<Target<'a>, &'static str> {
    let lesion = match w.lesion {
        None | Some(Lesion::Normal) => return Err("no lesion"),
        Some(Lesion::DiscBulge | Lesion::Other) => return Err("not a surgical lesion"),
        Some(l) => l,
    };
    let severity = match w.severity {
        Some(s @ (Severity::Moderate | Severity::Severe)) => s,
        Some(Severity::Mild) => return Err("mild"),
        None => return Err("severity not graded"),
    };
    if w.concordant == Some(false) {
        return Err("discordant with the clinical picture");
    }
    if lesion == Lesion::Arthrosis && region.is_spinal() {
        return Err("spinal arthrosis is not a surgical target");
    }
    if is_compressive(lesion) && !features.any() {
        return Err("compression without neurological features");
    }
    if !can_show(w.test, lesion, region) {
        return Err("a study that cannot show it");
    }
    Ok(Target {
        at: r,
        w,
        lesion,
        severity,
    })
}

pub(crate) fn targets<'a>(day: &Day<'a>, features: &Features) -> Vec<Target<'a>> {
    let region = day.region();
    day.workup
        .iter()
        .filter_map(|&(r, w)| judge(region, features, r, w).ok())
        .collect()
}

/// Advanced imaging in play; in elbow and wrist-hand a nerve study too.
pub(crate) fn deciding(day: &Day) -> Vec<EventRef> {
    let region = day.region();
    day.workup
        .iter()
        .filter(|(_, w)| {
            is_advanced_imaging(w.test, region) || (is_entrapment_region(region) && w.test.is_nerve_study())
        })
        .map(|(r, _)| *r)
        .collect()
}
