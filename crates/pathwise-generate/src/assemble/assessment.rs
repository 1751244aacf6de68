//! Assessments: the serial measures that document failure (pain, function),
//! the neurological examination (strength, numbness, myelopathy signs and
//! mJOA), red-flag screens and limb stability examinations.

use super::series::{function_series, pain_series, spread};
use super::*;

/// What the post-operative course and the padding need from the series.
pub(super) struct Series {
    pub(super) muscles: Vec<String>,
    pub(super) record_strength: bool,
    pub(super) base_grade: i64,
    pub(super) numbness: bool,
    pub(super) last_pain: i64,
    pub(super) last_function: i64,
    /// Assessments to add after surgery.
    pub(super) post_n: usize,
    /// Examination notes not used yet.
    pub(super) spare_notes: Vec<String>,
}

/// One row per assessment of each examined measure.
struct Plan {
    n: usize,
    /// The assessment from which a progressive deficit shows.
    drop_at: usize,
    grades: Vec<Vec<(String, i64)>>,
    numbness: Vec<Option<Vec<String>>>,
    screens: Vec<Option<Vec<&'static str>>>,
    flag_note: Option<&'static str>,
    myelopathy: Vec<(Option<i64>, Vec<&'static str>)>,
    instability: Vec<Option<bool>>,
}

pub(super) fn add(rng: &mut Rng, cx: &Ctx, d: &mut Draft) -> Series {
    let last = cx.t.last;
    let a0 = d.pt.first().map_or(cx.t.c0, |p| p.start);
    let max_n = (span_days(a0, last) / 5 + 1).clamp(3, 12);
    let total_n = rng.range(3, max_n) as usize;
    let n = if cx.s.surgery { total_n.clamp(3, 6) } else { total_n };
    let dates = spread(rng, a0, last, n);
    let muscles: Vec<String> = cx.c.muscles.iter().map(|m| cx.f(m)).collect();
    let base_grade: i64 = if cx.s.weak && !muscles.is_empty() && cx.s.deficit == Deficit::None {
        4
    } else {
        5
    };
    let record_strength = !muscles.is_empty() && (cx.s.weak || cx.s.deficit != Deficit::None || rng.chance(50));
    let pains = pain_series(rng, cx.s.pain, n);
    let functions = function_series(rng, cx.r.instrument, cx.s.pain, n);
    let plan = Plan::new(rng, cx, n, &muscles, base_grade, record_strength);
    let exam: Vec<&str> = cx.c.exam.iter().chain(cx.r.exam).copied().collect();
    let mut note_pool: Vec<&str> = rng.shuffled(&exam);
    for (k, &date) in dates.iter().enumerate() {
        let note = plan.note(rng, cx, k, &muscles).or_else(|| {
            if rng.chance(45) {
                note_pool.pop().map(|e| cx.f(e))
            } else {
                None
            }
        });
        let record_function = k == 0 || k + 1 == n || rng.chance(80);
        d.assessment.push(Assessment {
            date,
            pain: pains[k],
            function: record_function.then_some(functions[k]),
            strength: plan.grades[k].clone(),
            numbness: plan.numbness[k].clone(),
            red_flags: plan.screens[k].clone(),
            mjoa: plan.myelopathy[k].0,
            myelopathy_signs: plan.myelopathy[k].1.clone(),
            instability: plan.instability[k],
            note,
        });
    }
    Series {
        muscles,
        record_strength,
        base_grade,
        numbness: plan.numbness.iter().any(Option::is_some),
        last_pain: pains[n - 1],
        last_function: functions[n - 1],
        post_n: total_n.saturating_sub(n).clamp(1, 5),
        spare_notes: note_pool.iter().map(|e| cx.f(e)).collect(),
    }
}

impl Plan {
    fn new(rng: &mut Rng, cx: &Ctx, n: usize, muscles: &[String], base: i64, record: bool) -> Plan {
        // a confirmed drop shows in the two latest assessments at least
        let drop_at = rng.range(1, n as i64 - 2).max(1) as usize;
        let mut plan = Plan {
            n,
            drop_at,
            grades: Vec::new(),
            numbness: Vec::new(),
            screens: Vec::new(),
            flag_note: None,
            myelopathy: Vec::new(),
            instability: Vec::new(),
        };
        plan.grades = plan.strength(rng, cx, muscles, base, record);
        plan.numbness = plan.numbness(rng, cx);
        plan.screens(rng, cx);
        plan.myelopathy = plan.myelopathy(rng, cx);
        plan.instability = plan.stability(rng, cx);
        plan
    }

    /// The grade of the first muscle at assessment `k`, by the deficit.
    fn first_grade(&self, rng: &mut Rng, cx: &Ctx, k: usize, base: i64, drop: i64) -> i64 {
        let latest = k + 1 == self.n;
        match cx.s.deficit {
            Deficit::Progressive if !cx.c.myelopathy && k >= self.drop_at => base - drop,
            Deficit::Dense if latest || drop == 2 => rng.range(1, 2),
            Deficit::Recovered if k > 0 && !latest => 4,
            Deficit::Unconfirmed if latest => 4,
            _ => base,
        }
    }

    fn strength(
        &self,
        rng: &mut Rng,
        cx: &Ctx,
        muscles: &[String],
        base: i64,
        record: bool,
    ) -> Vec<Vec<(String, i64)>> {
        let drop = rng.range(1, 2).min(base);
        let every = cx.s.deficit != Deficit::None;
        (0..self.n)
            .map(|k| {
                let shown = record && (k == 0 || k + 1 == self.n || every || rng.chance(50));
                if !shown {
                    return Vec::new();
                }
                let first = self.first_grade(rng, cx, k, base, drop);
                muscles
                    .iter()
                    .enumerate()
                    .map(|(i, m)| (m.clone(), if i == 0 { first } else { base }))
                    .collect()
            })
            .collect()
    }

    /// The same areas at every recording; a progressive deficit may add one.
    fn numbness(&self, rng: &mut Rng, cx: &Ctx) -> Vec<Option<Vec<String>>> {
        let c = cx.c;
        let areas: Option<Vec<String>> = if c.neuro && !c.numbness.is_empty() {
            Some(vec![cx.f(c.numbness[0])])
        } else if rng.chance(30) {
            Some(Vec::new())
        } else {
            None
        };
        let spread = cx.s.deficit == Deficit::Progressive && c.numbness.len() >= 2 && rng.chance(35);
        (0..self.n)
            .map(|k| {
                let grown = spread && k >= self.drop_at;
                let shown = k == 0 || k + 1 == self.n || grown || rng.chance(60);
                let mut v = areas.clone().filter(|_| shown)?;
                if grown {
                    v.push(cx.f(c.numbness[1]));
                }
                Some(v)
            })
            .collect()
    }

    /// Red-flag screens: `[]` when asked and none found; the flags of the
    /// scenario at the latest review.
    fn screens(&mut self, rng: &mut Rng, cx: &Ctx) {
        let flags = match cx.s.flags {
            Flags::Emergency => Some(rng.pick(cx.r.emergency_flags)),
            Flags::Urgent => Some(rng.pick(cx.r.red_flags)),
            Flags::None => None,
        };
        self.flag_note = flags.map(|(_, note)| note);
        let n = self.n;
        self.screens = (0..n)
            .map(|k| match flags {
                Some((words, _)) if k + 1 == n => Some(words.to_vec()),
                _ => {
                    let asked = (k == 0 && rng.chance(75)) || (k + 1 == n && rng.chance(85)) || rng.chance(15);
                    asked.then(Vec::new)
                }
            })
            .collect();
    }

    /// mJOA and myelopathy signs, charted in a myelopathy condition. The
    /// signs found stay found: each charting shows those seen so far.
    fn myelopathy(&self, rng: &mut Rng, cx: &Ctx) -> Vec<(Option<i64>, Vec<&'static str>)> {
        let n = self.n;
        let mut rows = vec![(None, Vec::new()); n];
        if !cx.s.myelopathy {
            return rows;
        }
        let found = rng.shuffled(&MYELOPATHY_SIGNS);
        let count = rng.range(2, 4) as usize;
        let signs = |shown: usize| -> Vec<&'static str> {
            let mut v = found[..shown.clamp(1, count)].to_vec();
            v.sort_by_key(|s| MYELOPATHY_SIGNS.iter().position(|x| x == s));
            v
        };
        match cx.arch {
            Arch::SuspectedMyelopathy => {
                rows[n - 2].1 = signs(count - 1);
                rows[n - 1] = (Some(rng.range(16, 17)), signs(count));
            }
            Arch::Progressive => {
                // an mJOA decline of at least 2 points: progressive
                let m0 = rng.range(14, 16);
                let fall = rng.range(2, 3);
                for (k, row) in rows.iter_mut().enumerate() {
                    let m = m0 - fall * k as i64 / (n as i64 - 1);
                    *row = (Some(m), signs(1 + k * count / (n - 1)));
                }
            }
            _ => {
                // stable or one point lower: myelopathy, not progression
                let m0 = rng.range(12, 16);
                rows[n - 2] = (Some(m0), signs(count - 1));
                rows[n - 1] = (Some(m0 - rng.range(0, 1)), signs(count));
            }
        }
        rows
    }

    /// Limb stability examinations: unstable where the scenario says so,
    /// sometimes stable in a ligament condition.
    fn stability(&self, rng: &mut Rng, cx: &Ctx) -> Vec<Option<bool>> {
        let n = self.n;
        let limb = cx.r.is_limb();
        let examined = limb && !cx.s.exam_unstable && !cx.s.acute && cx.c.unstable.is_some();
        let stable = examined && rng.chance(30);
        (0..n)
            .map(|k| {
                if limb && cx.s.exam_unstable && k + 2 >= n {
                    Some(true)
                } else {
                    (stable && k + 1 == n).then_some(false)
                }
            })
            .collect()
    }

    /// The note the plan itself calls for at assessment `k`, if any.
    fn note(&self, rng: &mut Rng, cx: &Ctx, k: usize, muscles: &[String]) -> Option<String> {
        let latest = k + 1 == self.n;
        let muscle = muscles.first().map(|m| capitalize(m));
        match (cx.s.deficit, muscle) {
            _ if latest && self.flag_note.is_some() => self.flag_note.map(str::to_string),
            (Deficit::Progressive, Some(m)) if k == self.drop_at && !cx.c.myelopathy => Some(format!(
                "{m} weaker than at the last visit; {}",
                rng.pick(&[
                    "patient noticed it over the past fortnight.",
                    "tripping and dropping things more often.",
                    "reflex now absent.",
                ])
            )),
            (Deficit::Dense, Some(m)) if latest => Some(format!("{m} barely moves against gravity.")),
            (Deficit::Recovered, Some(m)) if latest => Some(format!("{m} 5/5 again, examined by the same clinician.")),
            (Deficit::Unconfirmed, Some(m)) if latest => Some(format!(
                "{m} 4/5 today, 5/5 at every earlier visit; re-examine within two weeks."
            )),
            _ if self.instability[k] == Some(true) && latest => {
                Some("Stability examination: the joint subluxes with apprehension.".to_string())
            }
            _ => None,
        }
    }
}

const MYELOPATHY_SIGNS: [&str; 7] = [
    "hoffmann",
    "hyperreflexia",
    "clonus",
    "babinski",
    "gait-ataxia",
    "hand-clumsiness",
    "lhermitte",
];
