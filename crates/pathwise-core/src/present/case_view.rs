//! The case as a screen needs it: the header fields, the narrative, and
//! every event with its fields, its place on the timeline (days from onset)
//! and the measures the traces draw. Serialisable, so a conference follower
//! with no case file can draw the same screen.

use super::{NOTE_HIDDEN, Presenter, Privacy};
use crate::case::describe::{self, Value};
use crate::case::{EventKind, EventRef, Phase};
use crate::rules::known::{Day, Knowledge, Outcome};
use crate::rules::{NextStep, pathway};
use serde::{Deserialize, Serialize};

/// One labelled value, ready to draw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    pub label: String,
    /// Sanitised and de-identified; may hold newlines (wrap or indent them).
    pub value: String,
    pub kind: FieldKind,
}

/// What a field's value is, for styling: a date ("wk 6" when
/// de-identified), a note ([`NOTE_HIDDEN`] when de-identified), or an
/// outcome recorded in the file but not yet known on the evaluation day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldKind {
    Text,
    Date,
    Note,
    Pending,
}

impl Field {
    fn new(label: impl Into<String>, value: impl Into<String>, kind: FieldKind) -> Field {
        Field {
            label: label.into(),
            value: value.into(),
            kind,
        }
    }
}

/// A function score, with what a trace needs to scale it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FunctionMeasure {
    /// The instrument's word in the file ("odi").
    pub instrument: String,
    /// As clinicians write it ("ODI").
    pub name: String,
    pub score: f64,
    /// The top of the instrument's range (the bottom is 0).
    pub max: f64,
    pub higher_is_better: bool,
}

/// One event, in date order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventView {
    pub kind: EventKind,
    /// Days from onset to the event (its start, for courses).
    pub day: i64,
    /// Days from onset to a course's end; `None` when ongoing or not a course.
    pub end_day: Option<i64>,
    /// The event's date: "2026-03-12", or "wk 7" when de-identified.
    pub date_label: String,
    /// "MRI lumbar spine", "PT course", "pregabalin".
    pub title: String,
    /// The few words beside its timeline marker ("MRI", "8/12", "ESI 70%").
    pub short: String,
    /// A post-operative PT course (drawn differently from conservative care).
    pub post_op: bool,
    /// After the review date: shown greyed, not scored.
    pub after_review: bool,
    /// The pathway step the event enacts (none for assessments).
    pub step: Option<NextStep>,
    /// "step 3 · medical workup".
    pub step_label: Option<String>,
    /// Every field the file records for it, in schema order.
    pub fields: Vec<Field>,
    /// An assessment's pain, 0–10.
    pub pain: Option<u8>,
    /// An assessment's function score.
    pub function: Option<FunctionMeasure>,
}

impl EventView {
    /// The field with this label.
    pub fn field(&self, label: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.label == label)
    }
}

/// A case, ready for any screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseView {
    pub privacy: Privacy,
    /// The case id; `None` when de-identified.
    pub id: Option<String>,
    /// The file the case was read from, when the front end said
    /// (`Presenter::with_file`); `None` when de-identified.
    pub file: Option<String>,
    pub title: String,
    pub alias: String,
    /// The region's word ("lumbar").
    pub region: String,
    /// Patient, region, onset, review date, complaint, diagnosis, working
    /// diagnosis (with its revision), pain quality, claudication, spasm,
    /// lifestyle, psychosocial, risk factors: those the file records; then,
    /// in a full view only, the case id and the file.
    pub header: Vec<Field>,
    pub summary: Option<String>,
    pub teaching_points: Vec<String>,
    pub tags: Vec<String>,
    /// Days from onset to the review date.
    pub review_day: i64,
    /// The review date: "2026-05-04", or "wk 14" when de-identified.
    pub review_label: String,
    /// Days from onset to the last date the timeline must show: the latest
    /// date recorded anywhere, or the review date if later.
    pub span_days: i64,
    /// Every event, in the order of `Case::events()`.
    pub events: Vec<EventView>,
}

impl CaseView {
    /// The header field with this label.
    pub fn field(&self, label: &str) -> Option<&Field> {
        self.header.iter().find(|f| f.label == label)
    }
}

/// How a case is seen, which decides what its outcome fields show.
#[derive(Clone, Copy)]
pub enum Seen<'d> {
    /// The file as recorded, without the rules' view of any day.
    File,
    /// On the review day (`show`, the export, the console): an outcome the
    /// file records but that was not known yet on that day keeps its value
    /// and says it is pending ("60% · pending on the review day, known
    /// 2026-03-23"), as the rules treat it.
    Reviewed(&'d Day<'d>),
    /// On an earlier day (step-through's "now", `--as-of`): what was not
    /// known yet shows as pending without its value, a course still
    /// running shows as ongoing, and what came later is left out.
    On(&'d Day<'d>),
}

impl<'d> Seen<'d> {
    fn day(self) -> Option<&'d Day<'d>> {
        match self {
            Seen::File => None,
            Seen::Reviewed(d) | Seen::On(d) => Some(d),
        }
    }

    /// The earlier day, when the view stands before the review day.
    fn before(self) -> Option<&'d Day<'d>> {
        match self {
            Seen::On(d) => Some(d),
            _ => None,
        }
    }
}

/// Outcomes not yet known on the evaluation day (READINESS.md, "known on"):
/// a course's response recorded in the file, say, while a step-through
/// stands before it was recorded, or an injection's relief reviewed a week
/// after it. Each such field is shown as [`FieldKind::Pending`] with the
/// day it becomes known; seen on an earlier day its value is left out and a
/// course that ends later shows as ongoing.
pub fn mark_pending(p: &Presenter, event: EventRef, mut fields: Vec<Field>, seen: Seen) -> Vec<Field> {
    let Some(day) = seen.day() else { return fields };
    let hide = seen.before().is_some();
    if hide && ends_later(p, event, day) {
        if let Some(f) = fields.iter_mut().find(|f| f.label == "end") {
            *f = Field::new("end", "ongoing on this day".to_string(), FieldKind::Text);
        }
    }
    for &o in Outcome::of_kind(event.kind) {
        let Knowledge::Pending { known_on } = day.outcome(event, o) else {
            continue;
        };
        let label = outcome_label(o);
        let known = p.date(known_on);
        let hidden = format!("pending (known {known})");
        match fields.iter_mut().find(|f| f.label == label) {
            Some(f) if !hide => {
                let value = format!("{} · pending on the review day (known {known})", f.value);
                *f = Field::new(label, value, FieldKind::Pending);
            }
            Some(f) if o == Outcome::PtSessionsAttended => {
                let planned = p.case().pt[event.index].sessions_planned;
                let value = match planned {
                    Some(n) => format!("{n} planned; attended {hidden}"),
                    None => format!("attended {hidden}"),
                };
                *f = Field::new(label, value, FieldKind::Pending);
            }
            Some(f) => *f = Field::new(label, hidden, FieldKind::Pending),
            None => fields.push(Field::new(label, hidden, FieldKind::Pending)),
        }
    }
    fields
}

/// A course still running on the day: its recorded end is not known yet.
fn ends_later(p: &Presenter, event: EventRef, day: &Day) -> bool {
    p.case().event_end(event).is_some_and(|e| e > day.as_of)
}

/// Whether any outcome of the event is still pending on the day.
fn any_pending(event: EventRef, day: Option<&Day>) -> bool {
    day.is_some_and(|d| {
        Outcome::of_kind(event.kind)
            .iter()
            .any(|&o| matches!(d.outcome(event, o), Knowledge::Pending { .. }))
    })
}

/// The detail field that shows an outcome (`describe::event_fields`).
fn outcome_label(o: Outcome) -> &'static str {
    match o {
        Outcome::PtSessionsAttended => "sessions",
        Outcome::PtHepAdherence => "home exercise",
        Outcome::PtBarriers => "barriers",
        Outcome::PtResponse | Outcome::MedicationResponse => "response",
        Outcome::MedicationSideEffects => "side effects",
        Outcome::ReliefPercent => "relief",
        Outcome::ReliefWeeks => "relief lasted",
    }
}

pub(super) fn build(p: &Presenter, seen: Seen) -> CaseView {
    let case = p.case();
    // seen on an earlier day, what came after it is not in the view at all
    // (the events are in date order, so the indices of those kept stay
    // those of the whole case)
    let events = case
        .events()
        .into_iter()
        .filter(|r| seen.before().is_none_or(|d| case.event_date(*r) <= d.as_of))
        .map(|r| event_view(p, r, seen))
        .collect();
    let end = case.latest_recorded_date().max(case.as_of);
    CaseView {
        privacy: p.privacy(),
        id: (!p.privacy().is_deidentified()).then(|| p.text(&case.id)),
        file: p.file().map(str::to_string),
        title: p.text(&case.title),
        alias: p.text(&case.patient.alias),
        region: case.region.as_str().to_string(),
        header: header(p),
        summary: case.summary.as_deref().map(|s| p.block(s)),
        teaching_points: case.teaching_points.iter().map(|t| p.block(t)).collect(),
        tags: case.tags.iter().map(|t| p.text(t)).collect(),
        review_day: p.day(case.as_of),
        review_label: p.date(case.as_of),
        span_days: p.day(end),
        events,
    }
}

fn event_view(p: &Presenter, r: EventRef, seen: Seen) -> EventView {
    let day = seen.before();
    let case = p.case();
    let date = case.event_date(r);
    let fields = case
        .event_fields(r)
        .into_iter()
        .map(|f| match f.value {
            Value::Text(s) => Field::new(f.name, p.block(&s), FieldKind::Text),
            Value::Date(d) => Field::new(f.name, p.date(d), FieldKind::Date),
            Value::Note(s) => Field::new(f.name, p.note(&s), FieldKind::Note),
        })
        .collect();
    let step = pathway::step_of(case, r);
    let (pain, function) = match r.kind {
        EventKind::Assessment => {
            let a = &case.assessment[r.index];
            let function = a.function.map(|f| FunctionMeasure {
                instrument: f.instrument.as_str().to_string(),
                name: f.instrument.display_name().to_string(),
                score: f.score,
                max: f.instrument.range().1,
                higher_is_better: f.instrument.higher_is_better(),
            });
            (a.pain, function)
        }
        _ => (None, None),
    };
    EventView {
        kind: r.kind,
        day: p.day(date),
        end_day: case
            .event_end(r)
            .filter(|_| !day.is_some_and(|d| ends_later(p, r, d)))
            .map(|e| p.day(e)),
        date_label: p.date(date),
        title: p.text(&case.event_title(r)),
        // a marker label that quotes an outcome (sessions, relief) waits
        // until the outcome is known
        short: p.text(&if any_pending(r, day) {
            case.event_short_without_outcome(r)
        } else {
            case.event_short(r)
        }),
        post_op: r.kind == EventKind::Pt && case.pt[r.index].phase == Phase::PostOp,
        after_review: date > case.as_of,
        step,
        step_label: step.map(pathway::step_label),
        fields: mark_pending(p, r, fields, seen),
        pain,
        function,
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

fn header(p: &Presenter) -> Vec<Field> {
    let mut h = Vec::new();
    patient_and_dates(p, &mut h);
    presentation(p, &mut h);
    lifestyle(p, &mut h);
    psychosocial(p, &mut h);
    risk_factors(p, &mut h);
    if !p.privacy().is_deidentified() {
        h.push(text("case id", p.text(&p.case().id)));
        if let Some(f) = p.file() {
            h.push(text("file", f.to_string()));
        }
    }
    debug_assert!(
        !p.privacy().is_deidentified()
            || h.iter()
                .filter(|f| f.kind == FieldKind::Note)
                .all(|f| f.value == NOTE_HIDDEN)
    );
    h
}

fn text(label: &str, value: String) -> Field {
    Field::new(label, value, FieldKind::Text)
}

/// Who (sex and occupation only when not presenting), where, and when.
fn patient_and_dates(p: &Presenter, h: &mut Vec<Field>) {
    let case = p.case();
    let pt = &case.patient;
    let mut who = format!("{}, age {}", p.text(&pt.alias), p.age());
    if !p.privacy().is_deidentified() {
        who.push_str(&format!(", {}", pt.sex));
        if let Some(o) = &pt.occupation {
            who.push_str(&format!(", {}", p.text(o)));
        }
    }
    h.push(text("patient", who));
    h.push(text("region", case.region.as_str().to_string()));
    h.push(Field::new("onset", p.date(case.presentation.onset), FieldKind::Date));
    h.push(Field::new("review date", p.date(case.as_of), FieldKind::Date));
}

fn presentation(p: &Presenter, h: &mut Vec<Field>) {
    let pr = &p.case().presentation;
    h.push(text("complaint", p.block(&pr.complaint)));
    h.push(text("diagnosis", p.block(&pr.initial_diagnosis)));
    if let Some(wd) = &pr.working_diagnosis {
        let when = pr
            .diagnosis_revised_on
            .map(|d| format!(" (revised {})", p.date(d)))
            .unwrap_or_default();
        h.push(text("working dx", format!("{}{when}", p.block(wd))));
    }
    if !pr.pain_quality.is_empty() {
        let q: Vec<&str> = pr.pain_quality.iter().map(|q| q.as_str()).collect();
        let neuro = if pr.has_neuropathic_features() {
            " (neuropathic)"
        } else {
            ""
        };
        h.push(text("pain quality", format!("{}{neuro}", q.join(", "))));
    }
    if let Some(c) = pr.neurogenic_claudication {
        let v = if c {
            "yes: leg symptoms on walking or standing, eased by sitting"
        } else {
            "no"
        };
        h.push(text("claudication", v.to_string()));
    }
    if let Some(s) = pr.localized_spasm {
        let v = if s {
            "localized pain or spasm limits movement"
        } else {
            "no"
        };
        h.push(text("spasm", v.to_string()));
    }
}

fn lifestyle(p: &Presenter, h: &mut Vec<Field>) {
    let Some(l) = &p.case().lifestyle else { return };
    let mut parts = Vec::new();
    if let Some(s) = l.sleep {
        parts.push(format!("sleep {s}"));
    }
    if let Some(n) = l.nutrition {
        parts.push(format!("nutrition {n}"));
    }
    if let Some(s) = l.smoking {
        parts.push(if s { "smoker" } else { "non-smoker" }.to_string());
    }
    if !parts.is_empty() {
        h.push(text("lifestyle", parts.join("; ")));
    }
    if let Some(n) = &l.note {
        h.push(Field::new("lifestyle note", p.note(n), FieldKind::Note));
    }
}

fn psychosocial(p: &Presenter, h: &mut Vec<Field>) {
    let Some(ps) = &p.case().psychosocial else { return };
    let mut parts = Vec::new();
    match (ps.start_back_total, ps.start_back_psychosocial) {
        (Some(t), Some(s)) => parts.push(format!("STarT Back {t}/9 (psychosocial {s}/5)")),
        (Some(t), None) => parts.push(format!("STarT Back {t}/9")),
        (None, Some(s)) => parts.push(format!("STarT Back psychosocial {s}/5")),
        (None, None) => {}
    }
    if let Some(f) = ps.fear_avoidance {
        parts.push(format!("fear-avoidance {}", yes_no(f)));
    }
    if let Some(c) = ps.catastrophizing {
        parts.push(format!("catastrophizing {}", yes_no(c)));
    }
    if !parts.is_empty() {
        h.push(text("psychosocial", parts.join("; ")));
    }
    if let Some(n) = &ps.note {
        h.push(Field::new("psychosocial note", p.note(n), FieldKind::Note));
    }
}

/// What the surgeon weighs before an operation (the cautions' inputs).
fn risk_factors(p: &Presenter, h: &mut Vec<Field>) {
    let pt = &p.case().patient;
    let mut risks = Vec::new();
    if let Some(a) = pt.hba1c {
        risks.push(format!("HbA1c {}%", describe::number(a)));
    }
    if let Some(b) = pt.bmi {
        risks.push(format!("BMI {}", describe::number(b)));
    }
    match pt.anticoagulant {
        Some(true) => risks.push("on anticoagulant or antiplatelet therapy".to_string()),
        Some(false) => risks.push("no anticoagulation".to_string()),
        None => {}
    }
    if !risks.is_empty() {
        h.push(text("risk factors", risks.join("; ")));
    }
}
