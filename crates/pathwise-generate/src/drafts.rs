//! The draft of a case before it is written, and the phrase tables it draws on.

use super::*;

pub(super) struct PtCourse {
    pub(super) start: Date,
    pub(super) end: Option<Date>,
    pub(super) post_op: bool,
    pub(super) provider: &'static str,
    pub(super) second_opinion: Option<bool>,
    pub(super) planned: u32,
    pub(super) attended: u32,
    pub(super) frequency: f64,
    pub(super) modalities: Vec<&'static str>,
    pub(super) adherence: Option<&'static str>,
    pub(super) barriers: Vec<&'static str>,
    pub(super) response: &'static str,
    pub(super) note: Option<String>,
}

pub(super) struct Workup {
    pub(super) date: Date,
    pub(super) test: &'static str,
    pub(super) site: String,
    pub(super) findings: String,
    pub(super) lesion: Option<&'static str>,
    pub(super) level: Option<String>,
    pub(super) severity: Option<&'static str>,
    pub(super) instability: Option<bool>,
    pub(super) nerve: Option<String>,
    pub(super) future: bool,
}

pub(super) struct Medication {
    pub(super) start: Date,
    pub(super) end: Option<Date>,
    pub(super) drug: &'static str,
    pub(super) class: Option<&'static str>,
    pub(super) dose: &'static str,
    pub(super) target: &'static str,
    pub(super) response: &'static str,
    pub(super) side_effects: Option<&'static str>,
    pub(super) note: Option<&'static str>,
}

pub(super) struct Injection {
    pub(super) date: Date,
    pub(super) kind: &'static str,
    pub(super) level: String,
    pub(super) guidance: &'static str,
    pub(super) relief_percent: Option<i64>,
    pub(super) relief_weeks: Option<f64>,
    pub(super) resumed_pt: Option<bool>,
    pub(super) note: Option<String>,
}

pub(super) struct Assessment {
    pub(super) date: Date,
    pub(super) pain: i64,
    pub(super) function: Option<i64>,
    pub(super) strength: Vec<(String, i64)>,
    pub(super) numbness: Option<Vec<String>>,
    pub(super) red_flags: Vec<&'static str>,
    pub(super) note: Option<String>,
}

pub(super) struct Consult {
    pub(super) date: Date,
    pub(super) specialty: &'static str,
    pub(super) outcome: String,
    pub(super) future: bool,
}

pub(super) struct Surgery {
    pub(super) date: Date,
    pub(super) procedure: String,
    pub(super) note: Option<String>,
    pub(super) future: bool,
}

pub(super) struct Draft {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) region: &'static str,
    pub(super) tags: Vec<String>,
    pub(super) summary: String,
    pub(super) teaching: Vec<String>,
    pub(super) as_of: Date,
    pub(super) alias: String,
    pub(super) age: i64,
    pub(super) sex: &'static str,
    pub(super) occupation: Option<String>,
    pub(super) onset: Date,
    pub(super) complaint: String,
    pub(super) initial: String,
    pub(super) working: Option<(String, Date)>,
    pub(super) pain_quality: Vec<&'static str>,
    pub(super) localized_spasm: Option<bool>,
    pub(super) lifestyle: Option<(&'static str, &'static str, bool, Option<&'static str>)>,
    pub(super) instrument: &'static str,
    pub(super) pt: Vec<PtCourse>,
    pub(super) workup: Vec<Workup>,
    pub(super) medication: Vec<Medication>,
    pub(super) injection: Vec<Injection>,
    pub(super) consult: Vec<Consult>,
    pub(super) surgery: Vec<Surgery>,
    pub(super) assessment: Vec<Assessment>,
    pub(super) expect_band: &'static str,
    /// Material for padding a short file: a first primary-care visit and
    /// examination notes.
    pub(super) first_visit: Option<Consult>,
    pub(super) spare_notes: Vec<String>,
}

impl Draft {
    /// A spare examination note no assessment uses yet, when one is left
    /// and an assessment has room for it.
    pub(super) fn unused_note(&mut self) -> Option<String> {
        if self.assessment.iter().all(|a| a.note.is_some()) {
            return None;
        }
        while let Some(n) = self.spare_notes.pop() {
            if !self.assessment.iter().any(|a| a.note.as_deref() == Some(n.as_str())) {
                return Some(n);
            }
        }
        None
    }
}

pub(super) fn day(d: Date, days: i64) -> Date {
    d.checked_add(days.days()).unwrap_or(d)
}

pub(super) fn span_days(a: Date, b: Date) -> i64 {
    i64::from((b - a).get_days())
}

/// Replaces `{side}`, `{Side}` and `{level}` in a template.
pub(super) fn fill(t: &str, side: &str, level: &str) -> String {
    let cap = capitalize(side);
    t.replace("{Side}", &cap)
        .replace("{side}", side)
        .replace("{level}", level)
}

pub(super) fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub(super) fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        // keep acronyms (ACL, TFCC, L5) as written
        Some(f) if !c.clone().next().is_some_and(|n| n.is_uppercase() || n.is_ascii_digit()) => {
            f.to_lowercase().chain(c).collect()
        }
        _ => s.to_string(),
    }
}

pub(super) fn pick_condition(rng: &mut Rng, arch: Arch) -> (&'static RegionInfo, &'static Cond) {
    let eligible: Vec<(&RegionInfo, Vec<&Cond>)> = REGIONS
        .iter()
        .map(|r| (r, r.conds.iter().filter(|c| arch.fits(c)).collect::<Vec<_>>()))
        .filter(|(_, cs)| !cs.is_empty())
        .collect();
    let total: u32 = eligible.iter().map(|(r, _)| r.weight).sum();
    let mut roll = rng.below(total as usize) as u32;
    for (r, cs) in &eligible {
        if roll < r.weight {
            return (r, rng.pick(cs));
        }
        roll -= r.weight;
    }
    // unreachable: the weights add up to `total`
    (eligible[0].0, eligible[0].1[0])
}

pub(super) const PROVIDERS: &[&str] = &[
    "outpatient PT clinic",
    "hospital physiotherapy department",
    "community physiotherapy service",
    "private practice physiotherapist",
    "sports medicine clinic",
    "musculoskeletal rehabilitation centre",
];

pub(super) const OCCUPATIONS: &[&str] = &[
    "nurse",
    "electrician",
    "primary school teacher",
    "warehouse operative",
    "software developer",
    "bus driver",
    "chef",
    "accountant",
    "carpenter",
    "hairdresser",
    "postal worker",
    "farmer",
    "cleaner",
    "plumber",
    "care assistant",
    "solicitor",
    "retail assistant",
    "firefighter",
    "dental hygienist",
    "painter and decorator",
    "violinist",
    "delivery driver",
    "graphic designer",
    "café owner",
    "physiotherapy assistant",
    "police officer",
    "scaffolder",
    "call-centre adviser",
];

pub(super) const BARRIERS: &[&str] = &[
    "time",
    "distance",
    "boredom",
    "cost",
    "transport",
    "pain",
    "childcare",
    "shift work",
];

pub(super) const PASSIVE: &[&str] = &[
    "manual",
    "heat",
    "ice",
    "tens",
    "ultrasound",
    "traction",
    "dry-needling",
    "taping",
];

/// (drug, class, dose, target)
pub(super) const NSAIDS: &[(&str, &str, &str, &str)] = &[
    ("naproxen", "nsaid", "500 mg twice daily", "inflammatory"),
    ("ibuprofen", "nsaid", "400 mg three times daily", "inflammatory"),
    ("meloxicam", "nsaid", "15 mg daily", "inflammatory"),
    ("celecoxib", "nsaid", "200 mg daily", "inflammatory"),
    ("diclofenac 50 mg", "nsaid", "50 mg three times daily", "inflammatory"),
    ("etodolac", "nsaid", "400 mg twice daily", "inflammatory"),
    ("acetaminophen", "acetaminophen", "1 g four times daily", "general"),
];

pub(super) const TOPICALS: &[(&str, &str, &str, &str)] = &[
    (
        "diclofenac gel 1%",
        "topical-nsaid",
        "4 g four times daily",
        "localized",
    ),
    ("ketoprofen gel", "topical-nsaid", "apply twice daily", "localized"),
    ("lidocaine patch", "other", "one patch for 12 hours a day", "localized"),
];

pub(super) const RELAXANTS: &[(&str, &str, &str, &str)] = &[
    ("cyclobenzaprine", "muscle-relaxant", "5 mg at night", "spasm"),
    ("tizanidine", "muscle-relaxant", "2 mg at night", "spasm"),
    ("methocarbamol", "muscle-relaxant", "750 mg three times daily", "spasm"),
];

pub(super) const NEURO_AGENTS: &[(&str, &str, &str, &str)] = &[
    (
        "gabapentin",
        "anticonvulsant",
        "300 mg three times daily",
        "neuropathic",
    ),
    ("pregabalin", "anticonvulsant", "75 mg twice daily", "neuropathic"),
    ("duloxetine", "snri", "60 mg daily", "neuropathic"),
    ("amitriptyline", "tca", "10 mg at night", "neuropathic"),
    ("nortriptyline", "tca", "25 mg at night", "neuropathic"),
];

pub(super) const SIDE_EFFECTS: &[&str] = &[
    "drowsiness",
    "dizziness",
    "dyspepsia",
    "constipation",
    "dry mouth",
    "weight gain",
    "morning grogginess",
];
