//! Neurological features and the grades of each muscle.

use super::super::known::Day;
use super::super::phrases::and_list;
use crate::case::*;

/// Muscle names and numbness areas compare trimmed and case-insensitive.
pub(crate) fn norm(s: &str) -> String {
    s.trim().to_lowercase()
}

/// One muscle's grades in play, in assessment order.
pub(crate) struct Grades {
    /// As first written, trimmed.
    pub name: String,
    key: String,
    /// (assessment, date, grade); the lower grade when written twice in one.
    pub seen: Vec<(EventRef, Date, u8)>,
}

impl Grades {
    pub fn latest(&self) -> (EventRef, Date, u8) {
        self.seen[self.seen.len() - 1]
    }
}

pub(crate) fn muscle_grades(day: &Day) -> Vec<Grades> {
    let mut muscles: Vec<Grades> = Vec::new();
    for (r, a) in &day.assessment {
        for (name, &grade) in &a.strength {
            let key = norm(name);
            let i = match muscles.iter().position(|m| m.key == key) {
                Some(i) => i,
                None => {
                    muscles.push(Grades {
                        name: name.trim().to_string(),
                        key,
                        seen: Vec::new(),
                    });
                    muscles.len() - 1
                }
            };
            let seen = &mut muscles[i].seen;
            match seen.last_mut() {
                Some(last) if last.0 == *r => last.2 = last.2.min(grade),
                _ => seen.push((*r, a.date, grade)),
            }
        }
    }
    muscles
}

/// Neurological features: what makes a compressive lesion a target and a
/// nerve study indicated.
pub(crate) struct Features<'a> {
    /// Burning, tingling, shooting or electric pain.
    pub neuropathic: Vec<PainQuality>,
    /// The latest assessment in play recording numbness, when it names areas.
    pub numbness: Option<(EventRef, Date, Vec<&'a str>)>,
    /// Muscles whose latest grade in play is below 5.
    pub weak: Vec<(String, u8, EventRef)>,
    pub claudication: bool,
    /// Assessments recording a myelopathy sign or mJOA ≤ 17.
    pub myelopathy: Vec<(EventRef, &'a Assessment)>,
}

impl<'a> Features<'a> {
    pub fn new(day: &Day<'a>, muscles: &[Grades]) -> Features<'a> {
        let p = day.presentation();
        let neuropathic = p.pain_quality.iter().copied().filter(|q| q.is_neuropathic()).collect();
        let numbness = day
            .assessment
            .iter()
            .rev()
            .find_map(|(r, a)| a.numbness.as_ref().map(|n| (*r, a.date, n)))
            .filter(|(_, _, n)| !n.is_empty())
            .map(|(r, d, n)| (r, d, n.iter().map(|s| s.trim()).collect()));
        let weak = muscles
            .iter()
            .map(|m| (m, m.latest()))
            .filter(|(_, (_, _, g))| *g < 5)
            .map(|(m, (r, _, g))| (m.name.clone(), g, r))
            .collect();
        let myelopathy = day
            .assessment
            .iter()
            .filter(|(_, a)| !a.myelopathy_signs.is_empty() || a.mjoa.is_some_and(|m| m <= 17))
            .copied()
            .collect();
        Features {
            neuropathic,
            numbness,
            weak,
            claudication: p.neurogenic_claudication == Some(true),
            myelopathy,
        }
    }

    pub fn any(&self) -> bool {
        !self.neuropathic.is_empty()
            || self.numbness.is_some()
            || !self.weak.is_empty()
            || self.claudication
            || !self.myelopathy.is_empty()
    }

    /// Neuropathic pain or numbness: what indicates a nerve study outside
    /// the spine, elbow and wrist-hand.
    pub fn sensory(&self) -> bool {
        !self.neuropathic.is_empty() || self.numbness.is_some()
    }

    pub fn neuropathic_words(&self) -> String {
        let words: Vec<&str> = self.neuropathic.iter().map(|q| q.as_str()).collect();
        format!("{} pain", and_list(&words))
    }

    pub fn numbness_words(&self) -> Option<String> {
        let (_, d, areas) = self.numbness.as_ref()?;
        Some(format!("numbness of {} on {d}", and_list(areas)))
    }

    /// "burning pain, numbness of L5 dermatome on 2026-03-01, weakness
    /// (ankle dorsiflexion 4/5), neurogenic claudication, myelopathy signs".
    pub fn describe(&self, sensory_only: bool) -> String {
        let mut parts = Vec::new();
        if !self.neuropathic.is_empty() {
            parts.push(self.neuropathic_words());
        }
        parts.extend(self.numbness_words());
        if !sensory_only {
            if !self.weak.is_empty() {
                let grades: Vec<String> = self.weak.iter().map(|(m, g, _)| format!("{m} {g}/5")).collect();
                parts.push(format!("weakness ({})", and_list(&grades)));
            }
            if self.claudication {
                parts.push("neurogenic claudication".to_string());
            }
            if let Some((_, a)) = self.myelopathy.last() {
                parts.push(myelopathy_words(a));
            }
        }
        and_list(&parts)
    }

    /// The assessments the features rest on.
    pub fn evidence(&self, sensory_only: bool) -> Vec<EventRef> {
        let mut out: Vec<EventRef> = self.numbness.iter().map(|(r, _, _)| *r).collect();
        if !sensory_only {
            out.extend(self.weak.iter().map(|(_, _, r)| *r));
            out.extend(self.myelopathy.iter().map(|(r, _)| *r));
        }
        out
    }
}

/// "myelopathy signs (hoffmann, clonus) and mJOA 14 on 2026-03-01".
pub(crate) fn myelopathy_words(a: &Assessment) -> String {
    let signs: Vec<&str> = a.myelopathy_signs.iter().map(|s| s.as_str()).collect();
    let mut parts = Vec::new();
    if !signs.is_empty() {
        parts.push(format!("myelopathy signs ({})", signs.join(", ")));
    }
    if let Some(m) = a.mjoa.filter(|&m| m <= 17) {
        parts.push(format!("mJOA {m}"));
    }
    format!("{} on {}", and_list(&parts), a.date)
}
