//! Phrase tables: providers, occupations, barriers, modalities, drugs and
//! lifestyle notes.

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

pub(super) const LIFESTYLE_GOOD_NOTES: &[&str] = &[
    "Walks the dog twice a day.",
    "Sleeps about seven hours; cooks at home most days.",
    "Plays five-a-side football weekly when well.",
    "Cycles to work; drinks little alcohol.",
    "Gardens at weekends; no sleep problems.",
];

pub(super) const LIFESTYLE_NOTES: &[&str] = &[
    "Sleeps four to five hours on rotating night shifts.",
    "Skips meals and relies on takeaways; recent weight gain of 8 kg.",
    "Caring for a newborn; broken sleep every night.",
    "Wakes with pain three times a night; drinks six cups of coffee a day.",
    "Lives alone, eats little fresh food since a bereavement.",
];

pub(super) const PSYCHOSOCIAL_LOW_NOTES: &[&str] = &[
    "STarT Back low risk; confident about staying active.",
    "Keen to keep working; understands that hurt does not mean harm.",
    "Low risk on screening; good support at home.",
];

pub(super) const PSYCHOSOCIAL_HIGH_NOTES: &[&str] = &[
    "Believes the spine is crumbling and avoids bending since an early scan; low mood.",
    "Afraid that exercise will cause damage; stopped walking the dog.",
    "Off work for months; worries the pain means something serious has been missed.",
    "Pain catastrophizing scale high; sleeps in the afternoons and has withdrawn from friends.",
];
