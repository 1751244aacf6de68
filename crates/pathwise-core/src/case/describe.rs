//! Events in words: a short title for lists, the few words beside a
//! timeline marker, and every field for detail views. Values stay typed
//! (dates as dates, notes as notes): `crate::present` turns them into
//! display strings, sanitised and, when presenting, de-identified. Nothing
//! here is shown to anyone directly.

use super::model::*;
use jiff::civil::Date;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Date(Date),
    /// Free text a clinician wrote about the patient; hidden when presenting.
    Note(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: &'static str,
    pub value: Value,
}

fn text(name: &'static str, v: impl Into<String>) -> Field {
    Field {
        name,
        value: Value::Text(v.into()),
    }
}

fn push_opt(out: &mut Vec<Field>, name: &'static str, v: Option<impl ToString>) {
    if let Some(v) = v {
        out.push(text(name, v.to_string()));
    }
}

fn push_list<T: ToString>(out: &mut Vec<Field>, name: &'static str, items: &[T]) {
    if !items.is_empty() {
        let words: Vec<String> = items.iter().map(ToString::to_string).collect();
        out.push(text(name, words.join(", ")));
    }
}

fn push_note(out: &mut Vec<Field>, name: &'static str, v: &Option<String>) {
    if let Some(v) = v {
        out.push(Field {
            name,
            value: Value::Note(v.clone()),
        });
    }
}

fn push_date(out: &mut Vec<Field>, name: &'static str, d: Option<Date>) {
    if let Some(d) = d {
        out.push(Field {
            name,
            value: Value::Date(d),
        });
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// Numbers as clinicians write them: no trailing ".0".
pub fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n:.1}")
    }
}

impl Case {
    /// A short title: "PT course", "MRI lumbar spine", "pregabalin",
    /// "ESI L4-5", "assessment", "spine-surgery consult", the procedure.
    pub fn event_title(&self, r: EventRef) -> String {
        match r.kind {
            EventKind::Pt => {
                let c = &self.pt[r.index];
                match c.phase {
                    super::Phase::PostOp => "post-op PT".to_string(),
                    super::Phase::Conservative => "PT course".to_string(),
                }
            }
            EventKind::Workup => {
                let w = &self.workup[r.index];
                match &w.site {
                    Some(site) => format!("{} {site}", w.test.label()),
                    None => w.test.label().to_string(),
                }
            }
            EventKind::Medication => self.medication[r.index].drug.clone(),
            EventKind::Injection => {
                let i = &self.injection[r.index];
                match &i.level {
                    Some(level) => format!("{} {level}", i.kind.label()),
                    None => i.kind.label().to_string(),
                }
            }
            EventKind::Assessment => {
                let a = &self.assessment[r.index];
                let mut parts = Vec::new();
                if let Some(p) = a.pain {
                    parts.push(format!("pain {p}"));
                }
                if let Some(f) = a.function {
                    parts.push(format!("{} {}", f.instrument.display_name(), number(f.score)));
                }
                if parts.is_empty() {
                    "assessment".to_string()
                } else {
                    format!("assessment · {}", parts.join(", "))
                }
            }
            EventKind::Consult => match self.consult[r.index].specialty {
                Some(s) => format!("{s} consult"),
                None => "consult".to_string(),
            },
            EventKind::Surgery => self.surgery[r.index].procedure.clone(),
        }
    }

    /// The few words drawn beside a timeline marker or bar: "8/12" for a PT
    /// course, "MRI", the drug, "ESI 70%", "consult"; nothing for an
    /// assessment (its measures are traces of their own).
    pub fn event_short(&self, r: EventRef) -> String {
        match r.kind {
            EventKind::Pt => {
                let c = &self.pt[r.index];
                let phase = if c.phase == super::Phase::PostOp { "post-op" } else { "" };
                match (c.sessions_attended, c.sessions_planned) {
                    (Some(a), Some(p)) => format!("{phase}{}{a}/{p}", if phase.is_empty() { "" } else { " " }),
                    _ => phase.to_string(),
                }
            }
            EventKind::Workup => self.workup[r.index].test.label().to_string(),
            EventKind::Medication => self.medication[r.index].drug.clone(),
            EventKind::Injection => {
                let i = &self.injection[r.index];
                match i.relief_percent {
                    Some(p) => format!("{} {p}%", i.kind.label()),
                    None => i.kind.label().to_string(),
                }
            }
            EventKind::Consult => "consult".to_string(),
            EventKind::Surgery => "surgery".to_string(),
            EventKind::Assessment => String::new(),
        }
    }

    /// [`Case::event_short`] without the outcome it may quote (sessions
    /// attended, relief), for a day on which that outcome is not known.
    pub fn event_short_without_outcome(&self, r: EventRef) -> String {
        match r.kind {
            EventKind::Pt if self.pt[r.index].phase == super::Phase::PostOp => "post-op".to_string(),
            EventKind::Pt => String::new(),
            EventKind::Injection => self.injection[r.index].kind.label().to_string(),
            _ => self.event_short(r),
        }
    }

    /// Every field the file records for the event, in schema order.
    pub fn event_fields(&self, r: EventRef) -> Vec<Field> {
        let mut f = Vec::new();
        match r.kind {
            EventKind::Pt => self.pt_fields(r.index, &mut f),
            EventKind::Workup => self.workup_fields(r.index, &mut f),
            EventKind::Medication => self.medication_fields(r.index, &mut f),
            EventKind::Injection => self.injection_fields(r.index, &mut f),
            EventKind::Assessment => self.assessment_fields(r.index, &mut f),
            EventKind::Consult => self.consult_fields(r.index, &mut f),
            EventKind::Surgery => self.surgery_fields(r.index, &mut f),
        }
        f
    }

    fn pt_fields(&self, i: usize, f: &mut Vec<Field>) {
        let c = &self.pt[i];
        f.push(Field {
            name: "start",
            value: Value::Date(c.start),
        });
        match c.end {
            Some(end) => f.push(Field {
                name: "end",
                value: Value::Date(end),
            }),
            None => f.push(text("end", "ongoing")),
        }
        f.push(text("phase", c.phase.as_str()));
        push_opt(f, "provider", c.provider.as_ref());
        push_opt(f, "second opinion", c.second_opinion.map(yes_no));
        match (c.sessions_attended, c.sessions_planned) {
            (Some(a), Some(p)) => f.push(text("sessions", format!("{a} of {p} attended"))),
            (Some(a), None) => f.push(text("sessions", format!("{a} attended"))),
            (None, Some(p)) => f.push(text("sessions", format!("{p} planned"))),
            (None, None) => {}
        }
        push_opt(
            f,
            "frequency",
            c.frequency_per_week.map(|n| format!("{} per week", number(n))),
        );
        push_list(f, "modalities", &c.modalities);
        push_opt(f, "home exercise", c.hep_adherence);
        push_list(f, "barriers", &c.barriers);
        push_opt(f, "response", c.response);
        push_date(f, "response on", c.response_on);
        push_note(f, "note", &c.note);
    }

    fn workup_fields(&self, i: usize, f: &mut Vec<Field>) {
        let w = &self.workup[i];
        f.push(Field {
            name: "date",
            value: Value::Date(w.date),
        });
        f.push(text("test", w.test.as_str()));
        push_opt(f, "site", w.site.as_ref());
        f.push(text("findings", w.findings.clone()));
        push_opt(f, "lesion", w.lesion);
        push_opt(f, "level", w.level.as_ref());
        push_opt(f, "severity", w.severity);
        push_opt(f, "instability", w.instability.map(yes_no));
        push_opt(f, "nerve", w.nerve.as_ref());
        push_opt(
            f,
            "concordant",
            w.concordant
                .map(|c| if c { "yes" } else { "no: does not explain the symptoms" }),
        );
        push_opt(f, "acute", w.acute.map(yes_no));
    }

    fn medication_fields(&self, i: usize, f: &mut Vec<Field>) {
        let m = &self.medication[i];
        f.push(Field {
            name: "start",
            value: Value::Date(m.start),
        });
        match m.end {
            Some(end) => f.push(Field {
                name: "end",
                value: Value::Date(end),
            }),
            None => f.push(text("end", "ongoing")),
        }
        f.push(text("drug", m.drug.clone()));
        let class = if m.class_inferred {
            format!("{} (from the formulary)", m.class)
        } else {
            m.class.to_string()
        };
        f.push(text("class", class));
        push_opt(f, "dose", m.dose.as_ref());
        push_opt(f, "target", m.target);
        push_opt(f, "response", m.response);
        push_date(f, "response on", m.response_on);
        push_opt(f, "side effects", m.side_effects.as_ref());
        push_note(f, "note", &m.note);
    }

    fn injection_fields(&self, i: usize, f: &mut Vec<Field>) {
        let i = &self.injection[i];
        f.push(Field {
            name: "date",
            value: Value::Date(i.date),
        });
        f.push(text("kind", i.kind.as_str()));
        if i.status != super::InjectionStatus::Done {
            f.push(text("status", i.status.as_str()));
        }
        push_opt(f, "level", i.level.as_ref());
        push_opt(f, "guidance", i.guidance);
        push_opt(f, "relief", i.relief_percent.map(|p| format!("{p}%")));
        push_opt(
            f,
            "relief lasted",
            i.relief_weeks.map(|w| format!("{} weeks", number(w))),
        );
        push_opt(f, "resumed PT", i.resumed_pt.map(yes_no));
        push_note(f, "note", &i.note);
    }

    fn assessment_fields(&self, i: usize, f: &mut Vec<Field>) {
        let a = &self.assessment[i];
        f.push(Field {
            name: "date",
            value: Value::Date(a.date),
        });
        push_opt(f, "pain", a.pain.map(|p| format!("{p}/10")));
        if let Some(func) = a.function {
            let (_, hi) = func.instrument.range();
            let dir = if func.instrument.higher_is_better() {
                "higher is better"
            } else {
                "lower is better"
            };
            f.push(text(
                "function",
                format!(
                    "{} {}/{} ({dir})",
                    func.instrument.display_name(),
                    number(func.score),
                    number(hi)
                ),
            ));
        }
        if !a.strength.is_empty() {
            let grades: Vec<String> = a.strength.iter().map(|(m, g)| format!("{m} {g}/5")).collect();
            f.push(text("strength", grades.join(", ")));
        }
        match &a.numbness {
            Some(areas) if areas.is_empty() => f.push(text("numbness", "none")),
            Some(areas) => push_list(f, "numbness", areas),
            None => {}
        }
        match &a.red_flags {
            Some(flags) if flags.is_empty() => f.push(text("red flags", "screened, none")),
            Some(flags) => push_list(f, "red flags", flags),
            None => {}
        }
        push_opt(f, "mJOA", a.mjoa.map(|m| format!("{m}/18")));
        push_list(f, "myelopathy", &a.myelopathy_signs);
        push_opt(
            f,
            "stability exam",
            a.instability.map(|u| if u { "unstable" } else { "stable" }),
        );
        push_note(f, "note", &a.note);
    }

    fn consult_fields(&self, i: usize, f: &mut Vec<Field>) {
        let c = &self.consult[i];
        f.push(Field {
            name: "date",
            value: Value::Date(c.date),
        });
        push_opt(f, "specialty", c.specialty);
        push_opt(f, "outcome", c.outcome.as_ref());
        push_note(f, "note", &c.note);
    }

    fn surgery_fields(&self, i: usize, f: &mut Vec<Field>) {
        let s = &self.surgery[i];
        f.push(Field {
            name: "date",
            value: Value::Date(s.date),
        });
        f.push(text("procedure", s.procedure.clone()));
        push_note(f, "note", &s.note);
    }
}
