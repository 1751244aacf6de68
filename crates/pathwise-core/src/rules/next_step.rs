//! The next step of READINESS.md, first row that applies, as a table: when
//! it applies and the one-line detail it gives.

use super::band::Verdict;
use super::criteria::myelopathy_grade;
use super::phrases::{and_list, shot_name, weeks};
use super::red_flags::Category;
use super::terms::{is_limb, is_therapeutic_kind};
use super::{Band, ConfounderId, CriterionId, NextStep, Status};
use crate::case::{InjectionKind, InjectionStatus, Region};

type Applies = fn(&Verdict) -> bool;
type Detail = fn(&Verdict) -> String;

/// The table of READINESS.md, row by row.
const TABLE: [(NextStep, Applies, Detail); 13] = [
    (NextStep::PostOpRehab, |v| v.band == Band::PostOp, post_op),
    (NextStep::EmergencyReferral, |v| v.band == Band::Emergency, emergency),
    (NextStep::UrgentReferral, |v| v.band == Band::Urgent, urgent),
    (NextStep::SurgicalConsult, |v| v.band == Band::Ready, consult),
    (
        NextStep::Workup,
        |v| v.status(CriterionId::Myelopathy) == Status::Unknown,
        spine_mri,
    ),
    (NextStep::PhysicalTherapy, |v| v.t.latest_pt.is_none(), physical_therapy),
    (NextStep::ContinueConservative, working_applies, working),
    (NextStep::ReEvaluatePt, re_evaluate_applies, re_evaluate),
    (NextStep::Workup, workup_applies, workup),
    (NextStep::Pharmacology, pharmacology_applies, pharmacology),
    (NextStep::PainMedicine, pain_medicine_applies, pain_medicine),
    (NextStep::Injection, injection_applies, injection),
    (NextStep::ContinueConservative, |_| true, otherwise),
];

pub(crate) fn next_step(v: &Verdict) -> (NextStep, String) {
    let (step, _, detail) = TABLE
        .iter()
        .find(|(_, applies, _)| applies(v))
        .unwrap_or(&TABLE[TABLE.len() - 1]);
    (*step, detail(v))
}

fn post_op(v: &Verdict) -> String {
    match v.t.day.surgery().zip(v.t.day.surgery) {
        Some((s, r)) => format!(
            "surgery on {} ({}): a new structured PT regimen; readiness as of {}, the day before",
            v.t.day.date(r),
            s.procedure.trim(),
            v.t.day.period_end
        ),
        None => "surgery on file: a new structured PT regimen".to_string(),
    }
}

fn flags_detail(v: &Verdict) -> String {
    v.criterion(CriterionId::RedFlags)
        .map_or(String::new(), |c| c.detail.clone())
}

fn category_words(c: Category) -> &'static str {
    match c {
        Category::CaudaEquina => "suspected cauda equina syndrome",
        Category::LimbThreat => "a threatened limb",
        Category::Cord => "suspected cord compression",
        Category::Infection => "suspected infection",
        Category::Malignancy => "suspected malignancy",
        Category::Fracture => "suspected fracture",
        Category::Mechanical => "a mechanical block",
        Category::Other => "a red flag",
    }
}

fn emergency(v: &Verdict) -> String {
    let cats: Vec<&str> = v
        .flag_categories()
        .into_iter()
        .filter(|c| c.is_emergency())
        .map(category_words)
        .collect();
    format!(
        "{} ({}): same-day emergency assessment",
        and_list(&cats),
        flags_detail(v)
    )
}

fn urgent(v: &Verdict) -> String {
    let cats = v.flag_categories();
    let mut why: Vec<String> = cats.iter().map(|&c| category_words(c).to_string()).collect();
    let mut referral = Vec::new();
    if cats.iter().any(|c| c.is_medical()) {
        referral.push("urgent imaging and medical referral");
    }
    let surgical_flags = cats.iter().any(|c| !c.is_medical());
    for id in [CriterionId::ProgressiveDeficit, CriterionId::SevereWeakness] {
        if let Some(c) = v.criterion(id).filter(|c| c.status == Status::Met) {
            why.push(format!("{} ({})", id.label(), c.detail));
        }
    }
    let deficit = v.met(CriterionId::ProgressiveDeficit) || v.met(CriterionId::SevereWeakness);
    if surgical_flags || deficit {
        referral.push("urgent surgical referral");
    }
    if !cats.is_empty() {
        why[0] = format!("{} ({})", why[0], flags_detail(v));
    }
    format!("{}: {}", and_list(&why), and_list(&referral))
}

fn consult(v: &Verdict) -> String {
    let met: Vec<&str> = v.indications_met().into_iter().map(|id| id.label()).collect();
    let mut parts = Vec::new();
    if v.met(CriterionId::ConservativeFailure) {
        parts.push(format!("conservative care failed over {} weeks", weeks(v.t.weeks)));
    }
    parts.push(and_list(&met));
    if v.met(CriterionId::Myelopathy) {
        parts.push(format!("myelopathy {}", myelopathy_grade(v.t)));
    }
    format!("{}; imaging on file: refer for a surgical consult", parts.join("; "))
}

fn spine_mri(v: &Verdict) -> String {
    let signs = v
        .criterion(CriterionId::Myelopathy)
        .map_or(String::new(), |c| c.detail.clone());
    format!("possible myelopathy ({signs}): MRI of the spine before any further therapy")
}

fn physical_therapy(_: &Verdict) -> String {
    "no conservative PT course on file: start physical therapy, the first line of care".to_string()
}

fn working_applies(v: &Verdict) -> bool {
    v.t.improved() || v.t.pt_helping().is_some() || v.t.relief_in_effect().next().is_some()
}

fn working(v: &Verdict) -> String {
    let mut what: Vec<String> =
        v.t.improvements()
            .map(|c| format!("clinically important improvement ({})", c.describe()))
            .collect();
    if let Some(r) = v.t.pt_helping() {
        what.push(format!("the latest PT course responded {r}"));
    }
    what.extend(
        v.t.relief_in_effect()
            .map(|s| format!("relief in effect from {}", shot_name(s))),
    );
    format!("{}: continue conservative care", and_list(&what))
}

const PT_CONFOUNDERS: [ConfounderId; 4] = [
    ConfounderId::LowAdherence,
    ConfounderId::PlanMismatch,
    ConfounderId::Lifestyle,
    ConfounderId::Psychosocial,
];

fn re_evaluate_applies(v: &Verdict) -> bool {
    PT_CONFOUNDERS.iter().any(|&id| v.has(id)) || !v.t.inadequate.is_empty()
}

fn re_evaluate(v: &Verdict) -> String {
    let mut why: Vec<String> = v
        .confounders
        .iter()
        .filter(|c| PT_CONFOUNDERS.contains(&c.id))
        .map(|c| format!("{} ({})", c.id.label(), c.detail))
        .collect();
    if !v.t.inadequate.is_empty() && why.is_empty() {
        let reasons: Vec<&str> = v.t.inadequate.iter().map(|i| i.why.as_str()).collect();
        why.push(format!("the trial was not adequate ({})", and_list(&reasons)));
    }
    let second = v.t.day.courses.iter().find(|c| c.second_opinion() == Some(true));
    let tail = match second {
        Some(c) => format!("; a second opinion is on file (PT from {})", c.start()),
        None => " and seek a second opinion".to_string(),
    };
    format!("{}: re-evaluate the PT plan{tail}", why.join("; "))
}

fn workup_applies(v: &Verdict) -> bool {
    v.status(CriterionId::ImagingOnFile) == Status::NotMet || v.status(CriterionId::NerveStudy) == Status::NotMet
}

/// The imaging to ask for in the region.
fn imaging_to_order(region: Region) -> String {
    let place = match region {
        Region::Cervical | Region::Thoracic | Region::Lumbar => format!("{region} spine"),
        Region::Other => "the region".to_string(),
        r => r.as_str().replace('-', " and "),
    };
    if is_limb(region) {
        format!("MRI or ultrasound of the {place}")
    } else if region == Region::Other {
        "MRI of the region".to_string()
    } else {
        format!("MRI of the {place}")
    }
}

fn workup(v: &Verdict) -> String {
    let mut tests = Vec::new();
    if v.status(CriterionId::ImagingOnFile) == Status::NotMet {
        tests.push(format!(
            "no diagnostic imaging on file: {}",
            imaging_to_order(v.t.region())
        ));
    }
    if let Some(c) = v
        .criterion(CriterionId::NerveStudy)
        .filter(|c| c.status == Status::NotMet)
    {
        let why = c.detail.trim_start_matches("no NCS or EMG on file; ");
        tests.push(format!("{why}: NCS/EMG to locate and grade nerve compression"));
    }
    tests.join("; ")
}

fn pharmacology_applies(v: &Verdict) -> bool {
    v.has(ConfounderId::NeuropathicUntreated) || v.t.day.medication.is_empty()
}

fn pharmacology(v: &Verdict) -> String {
    if v.has(ConfounderId::NeuropathicUntreated) {
        let pain = v.t.features.neuropathic_words();
        return format!(
            "{pain} untreated: an anticonvulsant (gabapentin, pregabalin), an SNRI or a TCA, to open a therapeutic window for PT"
        );
    }
    if v.t.day.presentation().localized_spasm == Some(true) {
        return "no medication on file: a topical anti-inflammatory or a muscle relaxant for the localized pain and spasm, to open a therapeutic window for PT".to_string();
    }
    "no medication on file: an anti-inflammatory trial (topical where the pain is localized), to open a therapeutic window for PT".to_string()
}

fn has_rfa(v: &Verdict) -> bool {
    v.t.day
        .injection
        .iter()
        .any(|s| s.kind() == InjectionKind::RadiofrequencyAblation)
}

fn pain_medicine_applies(v: &Verdict) -> bool {
    let blocks = v.t.positive_blocks().next().is_some() && !has_rfa(v);
    let no_target =
        v.met(CriterionId::ConservativeFailure) && v.t.failed_injections().next().is_some() && v.t.targets.is_empty();
    blocks || no_target
}

fn pain_medicine(v: &Verdict) -> String {
    let blocks: Vec<String> = v.t.positive_blocks().map(|s| shot_name(s)).collect();
    if !blocks.is_empty() && !has_rfa(v) {
        return format!(
            "positive diagnostic blocks ({}): radiofrequency ablation",
            and_list(&blocks)
        );
    }
    let failed: Vec<String> = v.t.failed_injections().map(|s| shot_name(s)).collect();
    format!(
        "conservative care and {} failed with no surgical target: interventional and multidisciplinary pain management; not a surgical candidate on these findings",
        and_list(&failed)
    )
}

fn injection_applies(v: &Verdict) -> bool {
    let t = v.t;
    let therapeutic = t
        .day
        .injection
        .iter()
        .any(|s| s.done() && is_therapeutic_kind(s.kind()));
    let refused = t.day.injection.iter().any(|s| s.status() != InjectionStatus::Done);
    !therapeutic && !refused
}

fn injection(v: &Verdict) -> String {
    let radicular = v.t.features.any();
    let kind = match v.t.region() {
        Region::Cervical | Region::Thoracic | Region::Lumbar if radicular => {
            "an image-guided epidural steroid injection"
        }
        Region::Cervical | Region::Thoracic | Region::Lumbar => "an image-guided facet steroid injection",
        Region::Elbow | Region::WristHand => {
            "a soft-tissue corticosteroid injection (carpal or cubital tunnel, tendon sheath)"
        }
        Region::AnkleFoot => "a soft-tissue corticosteroid or PRP injection (tendon, fascia)",
        Region::Shoulder | Region::Hip | Region::Knee => "an image-guided joint or bursa corticosteroid injection",
        Region::Other => "an image-guided corticosteroid injection",
    };
    format!("no therapeutic injection on file: {kind}, for relief that lets PT resume")
}

fn otherwise(v: &Verdict) -> String {
    if v.met(CriterionId::ConservativeFailure) {
        return "conservative care failed but no surgical indication is met: continue conservative care and reassess"
            .to_string();
    }
    let why = v
        .criterion(CriterionId::ConservativeFailure)
        .map_or(String::new(), |c| c.detail.clone());
    format!("failure of conservative care not documented ({why}): continue conservative care and keep documenting")
}
