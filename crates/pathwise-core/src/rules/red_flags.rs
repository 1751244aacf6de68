//! Red flags: the recognised words by category, and the latest screen
//! (READINESS.md, "Red flags").

use super::known::Day;
use crate::case::{Assessment, EventRef};

/// The category of a red-flag word, in the order of READINESS.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    CaudaEquina,
    LimbThreat,
    Cord,
    Infection,
    Malignancy,
    Fracture,
    Mechanical,
    Other,
}

/// Each category with the words it recognises (trimmed, case-insensitive).
pub const WORDS: [(Category, &[&str]); 7] = [
    (
        Category::CaudaEquina,
        &[
            "saddle-anesthesia",
            "bladder-dysfunction",
            "bowel-dysfunction",
            "bilateral-sciatica",
            "sexual-dysfunction",
        ],
    ),
    (
        Category::LimbThreat,
        &["neurovascular-compromise", "compartment-syndrome", "septic-joint"],
    ),
    (
        Category::Cord,
        &["bilateral-weakness", "gait-disturbance", "hand-clumsiness"],
    ),
    (
        Category::Infection,
        &["fever", "iv-drug-use", "immunosuppression", "recent-infection"],
    ),
    (Category::Malignancy, &["cancer-history", "weight-loss", "night-pain"]),
    (
        Category::Fracture,
        &["major-trauma", "osteoporosis", "long-term-steroids"],
    ),
    (Category::Mechanical, &["locked-joint"]),
];

impl Category {
    pub const ALL: [Category; 8] = [
        Category::CaudaEquina,
        Category::LimbThreat,
        Category::Cord,
        Category::Infection,
        Category::Malignancy,
        Category::Fracture,
        Category::Mechanical,
        Category::Other,
    ];

    /// The category of a word as written in a case file.
    pub fn of(word: &str) -> Category {
        let w = word.trim().to_lowercase();
        WORDS
            .iter()
            .find(|(_, words)| words.contains(&w.as_str()))
            .map_or(Category::Other, |(c, _)| *c)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Category::CaudaEquina => "cauda-equina",
            Category::LimbThreat => "limb-threat",
            Category::Cord => "cord",
            Category::Infection => "infection",
            Category::Malignancy => "malignancy",
            Category::Fracture => "fracture",
            Category::Mechanical => "mechanical",
            Category::Other => "other",
        }
    }

    /// Cauda equina and a threatened limb need same-day emergency care; the
    /// others an urgent referral.
    pub fn is_emergency(self) -> bool {
        matches!(self, Category::CaudaEquina | Category::LimbThreat)
    }

    /// Infection, malignancy and fracture need urgent imaging and a medical
    /// referral rather than a surgeon first.
    pub fn is_medical(self) -> bool {
        matches!(self, Category::Infection | Category::Malignancy | Category::Fracture)
    }
}

/// The latest assessment in play that records a screen (`red_flags`, even
/// empty): a flag a later screen no longer lists has resolved.
pub(crate) fn latest_screen<'a>(day: &Day<'a>) -> Option<(EventRef, &'a Assessment)> {
    day.assessment
        .iter()
        .rev()
        .find(|(_, a)| a.red_flags.is_some())
        .copied()
}

/// The flags of a screen with their categories, emergency ones first.
pub(crate) fn flags(a: &Assessment) -> Vec<(&str, Category)> {
    let mut out: Vec<(&str, Category)> = a
        .red_flags
        .iter()
        .flatten()
        .map(|w| (w.trim(), Category::of(w)))
        .collect();
    out.sort_by_key(|&(_, c)| c);
    out
}
