//! Writing a draft as case-file TOML (format version 1, revision 2), one
//! function per table.

use super::*;

/// A TOML basic string with every character that needs it escaped.
pub(super) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub(super) fn number(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        format!("{n:.1}")
    }
}

pub(super) fn list<T: AsRef<str>>(items: &[T]) -> String {
    let inner: Vec<String> = items.iter().map(|s| quote(s.as_ref())).collect();
    format!("[{}]", inner.join(", "))
}

pub(super) fn kv(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "{key} = {value}");
}

fn opt(out: &mut String, key: &str, value: Option<impl ToString>) {
    if let Some(v) = value {
        kv(out, key, &v.to_string());
    }
}

fn opt_str(out: &mut String, key: &str, value: Option<&str>) {
    if let Some(v) = value {
        kv(out, key, &quote(v));
    }
}

pub(super) fn render(d: &Draft) -> String {
    let mut o = String::with_capacity(6000);
    header(&mut o, d);
    patient(&mut o, &d.patient);
    presentation(&mut o, d);
    lifestyle(&mut o, d);
    for p in &d.pt {
        pt(&mut o, p);
    }
    let mut workups: Vec<&Workup> = d.workup.iter().filter(|w| !w.future).collect();
    workups.sort_by_key(|w| w.date);
    for w in workups {
        workup(&mut o, w);
    }
    let mut meds: Vec<&Medication> = d.medication.iter().collect();
    meds.sort_by_key(|m| m.start);
    for m in meds {
        medication(&mut o, m);
    }
    for i in &d.injection {
        injection(&mut o, i);
    }
    let mut consults: Vec<&Consult> = d.consult.iter().filter(|c| !c.future).collect();
    consults.sort_by_key(|c| c.date);
    for c in consults {
        consult(&mut o, c);
    }
    for s in d.surgery.iter().filter(|s| !s.future) {
        surgery(&mut o, s);
    }
    for a in &d.assessment {
        assessment(&mut o, d.instrument, a);
    }
    future(&mut o, d);
    o
}

fn header(o: &mut String, d: &Draft) {
    kv(o, "schema", "1");
    kv(o, "id", &quote(&d.id));
    kv(o, "title", &quote(&d.title));
    kv(o, "region", &quote(d.region));
    kv(o, "tags", &list(&d.tags));
    kv(o, "summary", &quote(&d.summary));
    o.push_str("teaching_points = [\n");
    for t in &d.teaching {
        let _ = writeln!(o, "  {},", quote(t));
    }
    o.push_str("]\n");
    kv(o, "as_of", &d.as_of.to_string());
}

fn patient(o: &mut String, p: &Patient) {
    o.push_str("\n[patient]\n");
    kv(o, "alias", &quote(&p.alias));
    kv(o, "age", &p.age.to_string());
    kv(o, "sex", &quote(p.sex));
    opt_str(o, "occupation", p.occupation.as_deref());
    opt(o, "hba1c", p.hba1c.map(number));
    opt(o, "bmi", p.bmi.map(number));
    opt(o, "anticoagulant", p.anticoagulant);
}

fn presentation(o: &mut String, d: &Draft) {
    o.push_str("\n[presentation]\n");
    kv(o, "onset", &d.onset.to_string());
    kv(o, "complaint", &quote(&d.complaint));
    kv(o, "initial_diagnosis", &quote(&d.initial));
    if let Some((w, on)) = &d.working {
        kv(o, "working_diagnosis", &quote(w));
        kv(o, "diagnosis_revised_on", &on.to_string());
    }
    if !d.pain_quality.is_empty() {
        kv(o, "pain_quality", &list(&d.pain_quality));
    }
    opt(o, "localized_spasm", d.localized_spasm);
    opt(o, "neurogenic_claudication", d.claudication);
}

fn lifestyle(o: &mut String, d: &Draft) {
    if let Some(l) = &d.lifestyle {
        o.push_str("\n[lifestyle]\n");
        kv(o, "sleep", &quote(l.sleep));
        kv(o, "nutrition", &quote(l.nutrition));
        kv(o, "smoking", &l.smoking.to_string());
        opt_str(o, "note", l.note);
    }
    if let Some(p) = &d.psychosocial {
        o.push_str("\n[psychosocial]\n");
        opt(o, "start_back_total", p.total);
        opt(o, "start_back_psychosocial", p.subscale);
        kv(o, "fear_avoidance", &p.fear_avoidance.to_string());
        kv(o, "catastrophizing", &p.catastrophizing.to_string());
        opt_str(o, "note", p.note);
    }
}

fn pt(o: &mut String, p: &PtCourse) {
    o.push_str("\n[[pt]]\n");
    kv(o, "start", &p.start.to_string());
    opt(o, "end", p.end);
    if p.post_op {
        kv(o, "phase", &quote("post-op"));
    }
    kv(o, "provider", &quote(p.provider));
    opt(o, "second_opinion", p.second_opinion);
    kv(o, "sessions_planned", &p.planned.to_string());
    kv(o, "sessions_attended", &p.attended.to_string());
    kv(o, "frequency_per_week", &number(p.frequency));
    kv(o, "modalities", &list(&p.modalities));
    opt_str(o, "hep_adherence", p.adherence);
    if !p.barriers.is_empty() {
        kv(o, "barriers", &list(&p.barriers));
    }
    kv(o, "response", &quote(p.response));
    opt(o, "response_on", p.response_on);
    opt_str(o, "note", p.note.as_deref());
}

fn workup(o: &mut String, w: &Workup) {
    o.push_str("\n[[workup]]\n");
    kv(o, "date", &w.date.to_string());
    kv(o, "test", &quote(w.test));
    kv(o, "site", &quote(&w.site));
    kv(o, "findings", &quote(&w.findings));
    opt_str(o, "lesion", w.lesion);
    opt_str(o, "level", w.level.as_deref());
    opt_str(o, "severity", w.severity.filter(|_| w.lesion.is_some()));
    opt(o, "instability", w.instability);
    opt_str(o, "nerve", w.nerve.as_deref());
    opt(o, "concordant", w.concordant);
    opt(o, "acute", w.acute);
}

fn medication(o: &mut String, m: &Medication) {
    o.push_str("\n[[medication]]\n");
    kv(o, "start", &m.start.to_string());
    opt(o, "end", m.end);
    kv(o, "drug", &quote(m.drug));
    opt_str(o, "class", m.class);
    kv(o, "dose", &quote(m.dose));
    kv(o, "target", &quote(m.target));
    kv(o, "response", &quote(m.response));
    opt(o, "response_on", m.response_on);
    opt_str(o, "side_effects", m.side_effects);
    opt_str(o, "note", m.note);
}

fn injection(o: &mut String, i: &Injection) {
    o.push_str("\n[[injection]]\n");
    kv(o, "date", &i.date.to_string());
    kv(o, "kind", &quote(i.kind));
    opt_str(o, "status", i.status);
    kv(o, "level", &quote(&i.level));
    kv(o, "guidance", &quote(i.guidance));
    opt(o, "relief_percent", i.relief_percent);
    opt(o, "relief_weeks", i.relief_weeks.map(number));
    opt(o, "resumed_pt", i.resumed_pt);
    opt_str(o, "note", i.note.as_deref());
}

fn consult(o: &mut String, c: &Consult) {
    o.push_str("\n[[consult]]\n");
    kv(o, "date", &c.date.to_string());
    kv(o, "specialty", &quote(c.specialty));
    kv(o, "outcome", &quote(&c.outcome));
}

fn surgery(o: &mut String, s: &Surgery) {
    o.push_str("\n[[surgery]]\n");
    kv(o, "date", &s.date.to_string());
    kv(o, "procedure", &quote(&s.procedure));
    opt_str(o, "note", s.note.as_deref());
}

fn assessment(o: &mut String, instrument: &str, a: &Assessment) {
    o.push_str("\n[[assessment]]\n");
    kv(o, "date", &a.date.to_string());
    kv(o, "pain", &a.pain.to_string());
    if let Some(f) = a.function {
        let _ = writeln!(o, "function = {{ instrument = {}, score = {f} }}", quote(instrument));
    }
    if !a.strength.is_empty() {
        let parts: Vec<String> = a.strength.iter().map(|(m, g)| format!("{} = {g}", quote(m))).collect();
        let _ = writeln!(o, "strength = {{ {} }}", parts.join(", "));
    }
    if let Some(n) = &a.numbness {
        kv(o, "numbness", &list(n));
    }
    opt(o, "mjoa", a.mjoa);
    if !a.myelopathy_signs.is_empty() {
        kv(o, "myelopathy_signs", &list(&a.myelopathy_signs));
    }
    opt(o, "instability", a.instability);
    if let Some(r) = &a.red_flags {
        kv(o, "red_flags", &list(r));
    }
    opt_str(o, "note", a.note.as_deref());
}

/// Events dated after `as_of`, at the end of the file.
fn future(o: &mut String, d: &Draft) {
    let any =
        d.workup.iter().any(|w| w.future) || d.consult.iter().any(|c| c.future) || d.surgery.iter().any(|s| s.future);
    if !any {
        return;
    }
    o.push_str("\n# Dated after as_of: shown greyed, ignored by scoring.\n");
    for w in d.workup.iter().filter(|w| w.future) {
        workup(o, w);
    }
    for c in d.consult.iter().filter(|c| c.future) {
        consult(o, c);
    }
    for s in d.surgery.iter().filter(|s| s.future) {
        surgery(o, s);
    }
}
