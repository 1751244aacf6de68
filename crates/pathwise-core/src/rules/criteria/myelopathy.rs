//! 4 `myelopathy`: cord compression on advanced imaging with myelopathy
//! signs or an mJOA of 17 or less, in the cervical or thoracic spine.

use super::super::Criterion;
use super::super::phrases::{and_list, test_name};
use super::super::terms::Terms;
use super::super::terms::features::myelopathy_words;
use super::Found;
use crate::case::*;

/// The grade of myelopathy by the latest mJOA in play, as the AO Spine
/// guideline grades it.
pub(crate) fn grade(t: &Terms) -> String {
    let latest = t.day.assessment.iter().rev().find_map(|(_, a)| a.mjoa);
    match latest {
        Some(m @ 15..=17) => {
            format!("mild (mJOA {m}): a supervised trial of structured rehabilitation is the alternative")
        }
        Some(m @ 12..=14) => format!("moderate (mJOA {m})"),
        Some(m @ 0..=11) => format!("severe (mJOA {m})"),
        Some(m) => format!("mJOA {m}"),
        None => "not graded (no mJOA)".to_string(),
    }
}

pub(crate) fn myelopathy(t: &Terms, _: &[Criterion]) -> Found {
    if !matches!(t.region(), Region::Cervical | Region::Thoracic) {
        return Found::not_applicable("applies to the cervical and thoracic spine only");
    }
    let imaging: Vec<&(EventRef, &Workup)> = t.advanced_imaging().collect();
    let cord: Vec<&&(EventRef, &Workup)> = imaging
        .iter()
        .filter(|(_, w)| w.lesion == Some(Lesion::CordCompression) && w.concordant != Some(false))
        .collect();
    let signs = &t.features.myelopathy;
    let Some((sign_ref, sign)) = signs.last() else {
        return Found::not_met("no myelopathy sign and no mJOA of 17 or less", Vec::new());
    };
    if imaging.is_empty() {
        let detail = format!(
            "{}, and no MRI or CT of the spine: imaging would decide",
            myelopathy_words(sign)
        );
        return Found::unknown(detail, vec![*sign_ref]);
    }
    let Some(&&&(cord_ref, w)) = cord.first() else {
        let names: Vec<String> = imaging
            .iter()
            .map(|(_, w)| format!("{} {}", test_name(w.test), w.date))
            .collect();
        let detail = format!(
            "{}, but no cord compression on {}",
            myelopathy_words(sign),
            and_list(&names)
        );
        let mut evidence: Vec<EventRef> = imaging.iter().map(|(r, _)| *r).collect();
        evidence.push(*sign_ref);
        return Found::not_met(detail, evidence);
    };
    let level = super::super::terms::lesions::at_level(w);
    let detail = format!(
        "{} {}: cord-compression{level}, with {}; {}",
        test_name(w.test),
        w.date,
        myelopathy_words(sign),
        grade(t)
    );
    let mut evidence = vec![cord_ref];
    evidence.extend(signs.iter().map(|(r, _)| *r));
    Found::met(detail, evidence)
}
