//! The file as serde sees it: every table with `deny_unknown_fields`, and
//! spans kept on the values that validation checks afterwards, so a range
//! error can point at the line and column like a syntax error does.

use super::words::*;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;
use toml::value::Datetime;

pub type S<T> = Spanned<T>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCase {
    pub schema: Option<S<i64>>,
    pub id: S<String>,
    pub title: String,
    pub region: Region,
    #[serde(default)]
    pub tags: Vec<S<String>>,
    pub summary: Option<String>,
    #[serde(default)]
    pub teaching_points: Vec<String>,
    pub as_of: Option<S<Datetime>>,
    pub patient: RawPatient,
    pub presentation: RawPresentation,
    pub lifestyle: Option<RawLifestyle>,
    pub psychosocial: Option<RawPsychosocial>,
    #[serde(default)]
    pub pt: Vec<RawPt>,
    #[serde(default)]
    pub workup: Vec<RawWorkup>,
    #[serde(default)]
    pub medication: Vec<RawMedication>,
    #[serde(default)]
    pub injection: Vec<RawInjection>,
    #[serde(default)]
    pub assessment: Vec<RawAssessment>,
    #[serde(default)]
    pub consult: Vec<RawConsult>,
    #[serde(default)]
    pub surgery: Vec<RawSurgery>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPatient {
    pub alias: String,
    pub age: S<i64>,
    pub sex: Sex,
    pub occupation: Option<String>,
    pub hba1c: Option<S<f64>>,
    pub bmi: Option<S<f64>>,
    pub anticoagulant: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPresentation {
    pub onset: S<Datetime>,
    pub complaint: String,
    pub initial_diagnosis: String,
    pub working_diagnosis: Option<String>,
    pub diagnosis_revised_on: Option<S<Datetime>>,
    #[serde(default)]
    pub pain_quality: Vec<PainQuality>,
    pub localized_spasm: Option<bool>,
    pub neurogenic_claudication: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLifestyle {
    pub sleep: Option<Rating>,
    pub nutrition: Option<Rating>,
    pub smoking: Option<bool>,
    pub note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPsychosocial {
    pub start_back_total: Option<S<i64>>,
    pub start_back_psychosocial: Option<S<i64>>,
    pub fear_avoidance: Option<bool>,
    pub catastrophizing: Option<bool>,
    pub note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPt {
    pub start: S<Datetime>,
    pub end: Option<S<Datetime>>,
    pub phase: Option<Phase>,
    pub provider: Option<String>,
    pub second_opinion: Option<bool>,
    pub sessions_planned: Option<S<i64>>,
    pub sessions_attended: Option<S<i64>>,
    pub frequency_per_week: Option<S<f64>>,
    #[serde(default)]
    pub modalities: Vec<Modality>,
    pub hep_adherence: Option<Adherence>,
    #[serde(default)]
    pub barriers: Vec<String>,
    pub response: Option<PtResponse>,
    pub response_on: Option<S<Datetime>>,
    pub note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWorkup {
    pub date: S<Datetime>,
    pub test: Test,
    pub site: Option<String>,
    pub findings: String,
    pub lesion: Option<Lesion>,
    pub level: Option<String>,
    pub severity: Option<S<Severity>>,
    pub instability: Option<bool>,
    pub nerve: Option<String>,
    pub concordant: Option<bool>,
    pub acute: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMedication {
    pub start: S<Datetime>,
    pub end: Option<S<Datetime>>,
    pub drug: S<String>,
    pub class: Option<MedClass>,
    pub dose: Option<String>,
    pub target: Option<Target>,
    pub response: Option<MedResponse>,
    pub response_on: Option<S<Datetime>>,
    pub side_effects: Option<String>,
    pub note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawInjection {
    pub date: S<Datetime>,
    pub kind: InjectionKind,
    pub status: Option<InjectionStatus>,
    pub level: Option<String>,
    pub guidance: Option<Guidance>,
    pub relief_percent: Option<S<i64>>,
    pub relief_weeks: Option<S<f64>>,
    pub resumed_pt: Option<bool>,
    pub note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFunction {
    pub instrument: Instrument,
    pub score: S<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAssessment {
    pub date: S<Datetime>,
    pub pain: Option<S<i64>>,
    pub function: Option<RawFunction>,
    #[serde(default)]
    pub strength: BTreeMap<String, S<i64>>,
    pub numbness: Option<Vec<S<String>>>,
    pub red_flags: Option<Vec<S<String>>>,
    pub mjoa: Option<S<i64>>,
    #[serde(default)]
    pub myelopathy_signs: Vec<MyelopathySign>,
    pub instability: Option<bool>,
    pub note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConsult {
    pub date: S<Datetime>,
    pub specialty: Option<Specialty>,
    pub outcome: Option<String>,
    pub note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSurgery {
    pub date: S<Datetime>,
    pub procedure: String,
    pub note: Option<String>,
}
