//! The built-in formulary: a medication's class from its generic name, for
//! files that leave `class` out. Matching is case-insensitive on the trimmed
//! name: the whole name first, else the longest entry the name starts with,
//! so "diclofenac gel 1%" is topical and "diclofenac 50 mg" is oral.

use super::words::MedClass;

const ENTRIES: &[(&str, MedClass)] = &[
    // Gabapentinoids and other anticonvulsants used for neuropathic pain.
    ("gabapentin", MedClass::Anticonvulsant),
    ("pregabalin", MedClass::Anticonvulsant),
    ("carbamazepine", MedClass::Anticonvulsant),
    ("oxcarbazepine", MedClass::Anticonvulsant),
    ("topiramate", MedClass::Anticonvulsant),
    // Oral NSAIDs.
    ("ibuprofen", MedClass::Nsaid),
    ("naproxen", MedClass::Nsaid),
    ("diclofenac", MedClass::Nsaid),
    ("meloxicam", MedClass::Nsaid),
    ("celecoxib", MedClass::Nsaid),
    ("etodolac", MedClass::Nsaid),
    ("nabumetone", MedClass::Nsaid),
    ("ketorolac", MedClass::Nsaid),
    ("indomethacin", MedClass::Nsaid),
    ("aspirin", MedClass::Nsaid),
    // Topical NSAIDs: longer than the oral names they start with.
    ("diclofenac gel", MedClass::TopicalNsaid),
    ("diclofenac topical", MedClass::TopicalNsaid),
    ("diclofenac patch", MedClass::TopicalNsaid),
    ("diclofenac sodium gel", MedClass::TopicalNsaid),
    ("ketoprofen gel", MedClass::TopicalNsaid),
    ("ibuprofen gel", MedClass::TopicalNsaid),
    // Muscle relaxants.
    ("cyclobenzaprine", MedClass::MuscleRelaxant),
    ("tizanidine", MedClass::MuscleRelaxant),
    ("methocarbamol", MedClass::MuscleRelaxant),
    ("baclofen", MedClass::MuscleRelaxant),
    ("carisoprodol", MedClass::MuscleRelaxant),
    ("metaxalone", MedClass::MuscleRelaxant),
    ("orphenadrine", MedClass::MuscleRelaxant),
    ("diazepam", MedClass::MuscleRelaxant),
    // SNRIs and TCAs.
    ("duloxetine", MedClass::Snri),
    ("venlafaxine", MedClass::Snri),
    ("milnacipran", MedClass::Snri),
    ("amitriptyline", MedClass::Tca),
    ("nortriptyline", MedClass::Tca),
    ("desipramine", MedClass::Tca),
    ("imipramine", MedClass::Tca),
    // Simple analgesics.
    ("acetaminophen", MedClass::Acetaminophen),
    ("paracetamol", MedClass::Acetaminophen),
    // Opioids.
    ("tramadol", MedClass::Opioid),
    ("tapentadol", MedClass::Opioid),
    ("oxycodone", MedClass::Opioid),
    ("hydrocodone", MedClass::Opioid),
    ("morphine", MedClass::Opioid),
    ("codeine", MedClass::Opioid),
    ("hydromorphone", MedClass::Opioid),
    ("buprenorphine", MedClass::Opioid),
    // Oral corticosteroids.
    ("prednisone", MedClass::OralSteroid),
    ("prednisolone", MedClass::OralSteroid),
    ("methylprednisolone", MedClass::OralSteroid),
    ("dexamethasone", MedClass::OralSteroid),
    // Topical agents without a class of their own.
    ("lidocaine patch", MedClass::Other),
    ("capsaicin cream", MedClass::Other),
];

/// Every drug the formulary knows, for docs and help.
pub fn entries() -> &'static [(&'static str, MedClass)] {
    ENTRIES
}

/// The class the formulary gives a drug name, if it knows it.
pub fn infer_class(drug: &str) -> Option<MedClass> {
    let name = drug.trim().to_lowercase();
    if let Some(&(_, class)) = ENTRIES.iter().find(|(entry, _)| *entry == name) {
        return Some(class);
    }
    ENTRIES
        .iter()
        .filter(|(entry, _)| name.starts_with(entry))
        .max_by_key(|(entry, _)| entry.len())
        .map(|&(_, class)| class)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_name_then_longest_prefix() {
        assert_eq!(infer_class("Pregabalin"), Some(MedClass::Anticonvulsant));
        assert_eq!(infer_class("  gabapentin "), Some(MedClass::Anticonvulsant));
        assert_eq!(infer_class("diclofenac gel 1%"), Some(MedClass::TopicalNsaid));
        assert_eq!(infer_class("diclofenac 50 mg"), Some(MedClass::Nsaid));
        assert_eq!(infer_class("Cyclobenzaprine 5 mg"), Some(MedClass::MuscleRelaxant));
        assert_eq!(infer_class("methylprednisolone dose pack"), Some(MedClass::OralSteroid));
        assert_eq!(infer_class("unobtainium"), None);
    }

    #[test]
    fn the_case_format_doc_lists_every_drug() {
        let doc = include_str!("../../../../docs/case-format.md");
        for (name, class) in ENTRIES {
            let row = doc
                .lines()
                .find(|l| l.starts_with(&format!("| `{class}` |")))
                .expect("a row per class");
            assert!(row.contains(name), "docs/case-format.md lacks {name} under {class}");
        }
    }

    #[test]
    fn covers_the_common_classes() {
        assert!(ENTRIES.len() >= 30);
        for class in [
            MedClass::Anticonvulsant,
            MedClass::Nsaid,
            MedClass::TopicalNsaid,
            MedClass::MuscleRelaxant,
            MedClass::Snri,
            MedClass::Tca,
            MedClass::Acetaminophen,
            MedClass::Opioid,
            MedClass::OralSteroid,
        ] {
            assert!(ENTRIES.iter().any(|(_, c)| *c == class), "{class} missing");
        }
    }
}
