//! Assembling one case draft from its archetype: the condition, the
//! scenario and the timeline, then one track of the pathway at a time
//! (patient, PT, workup, medication, injections, assessments, consults and
//! surgery), then the words.

mod assessment;
mod care;
mod injection;
mod medication;
mod patient;
mod pt;
mod series;
mod workup;

use super::*;

/// Everything a track reads: the archetype, region, condition, scenario,
/// side and timeline of the case.
pub(super) struct Ctx {
    pub(super) arch: Arch,
    pub(super) r: &'static RegionInfo,
    pub(super) c: &'static Cond,
    pub(super) s: Scenario,
    pub(super) side: &'static str,
    pub(super) t: Timeline,
}

impl Ctx {
    /// A template of the condition filled with its side and level.
    pub(super) fn f(&self, template: &str) -> String {
        fill(template, self.side, self.c.level)
    }

    /// The same template on the other side.
    pub(super) fn mirrored(&self, template: &str) -> String {
        let other = if self.side == "left" { "right" } else { "left" };
        fill(template, other, self.c.level)
    }

    /// The examination site of the region or condition.
    pub(super) fn site(&self) -> String {
        self.f(self.c.site.unwrap_or(self.r.site))
    }
}

/// The dates of a case: care starts at `c0` and the last assessment before
/// any surgery is at `last`.
pub(super) struct Timeline {
    pub(super) onset: Date,
    pub(super) delay: i64,
    pub(super) c0: Date,
    pub(super) span: i64,
    pub(super) last: Date,
    pub(super) meds_first: bool,
    pub(super) pt_start: Date,
    pub(super) xray_date: Date,
    pub(super) img_date: Date,
}

impl Timeline {
    fn new(rng: &mut Rng, s: &Scenario) -> Timeline {
        let onset = day(Date::constant(2022, 1, 3), rng.range(0, 1500));
        let delay = if s.acute { rng.range(1, 6) } else { rng.range(3, 28) };
        let c0 = day(onset, delay);
        let span = if s.long { rng.range(50, 140) } else { rng.range(12, 38) };
        let meds_first = s.meds != Meds::None && (s.pt == PtMode::None || rng.chance(45));
        let pt_start = if meds_first {
            day(c0, rng.range(3, 10.min(span / 3)))
        } else {
            c0
        };
        let xray_date = day(c0, rng.range(0, 7.min(span / 4)));
        let pct = if s.long { rng.range(30, 65) } else { rng.range(35, 80) };
        Timeline {
            onset,
            delay,
            c0,
            span,
            last: day(c0, span),
            meds_first,
            pt_start,
            xray_date,
            img_date: day(c0, span * pct / 100),
        }
    }

    /// `pct` percent of the way from `c0` to `last`.
    pub(super) fn at(&self, pct: i64) -> Date {
        day(self.c0, self.span * pct / 100)
    }
}

pub(super) fn pick_condition(rng: &mut Rng, arch: Arch) -> (&'static RegionInfo, &'static Cond) {
    let eligible: Vec<(&RegionInfo, Vec<&Cond>)> = REGIONS
        .iter()
        .map(|r| (r, r.conds.iter().filter(|c| arch.fits(r, c)).collect::<Vec<_>>()))
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

/// The draft of case `index` of archetype `arch`.
pub(super) fn assemble(rng: &mut Rng, index: usize, arch: Arch) -> Draft {
    let (r, c) = pick_condition(rng, arch);
    let s = arch.scenario(rng, r, c);
    let side = if rng.chance(50) { "left" } else { "right" };
    let t = Timeline::new(rng, &s);
    let cx = Ctx { arch, r, c, s, side, t };
    let mut d = patient::draft(rng, &cx, index);
    pt::add(rng, &cx, &mut d);
    workup::add(rng, &cx, &mut d);
    medication::add(rng, &cx, &mut d);
    injection::add(rng, &cx, &mut d);
    let series = assessment::add(rng, &cx, &mut d);
    care::add(rng, &cx, &mut d);
    if cx.s.surgery {
        care::surgery(rng, &cx, &series, &mut d);
    }
    care::padding(rng, &cx, &series, &mut d);
    words(rng, &cx, &series, &mut d);
    d
}

/// Title, tags, summary and teaching points, once the events are drawn.
fn words(rng: &mut Rng, cx: &Ctx, series: &assessment::Series, d: &mut Draft) {
    let weeks = cx.t.span / 7;
    let cond_title = cx.f(cx.c.title);
    let muscle = series.muscles.first().map(String::as_str);
    d.title = title_for(rng, cx.arch, &cond_title, weeks, &cx.f(cx.c.surgery), muscle);
    let mut tags: Vec<String> = cx.c.tags.iter().map(|t| t.to_string()).collect();
    tags.push(cx.arch.tag().to_string());
    tags.push("generated".to_string());
    d.tags = tags;
    d.summary = summary_for(rng, cx, d);
    let mut teaching: Vec<String> = rng
        .some(teaching_for(cx.arch), 2)
        .into_iter()
        .map(|t| t.to_string())
        .collect();
    if rng.chance(35) {
        teaching.push(rng.pick(GENERAL_TEACHING).to_string());
    }
    d.teaching = teaching;
}
