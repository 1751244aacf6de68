//! Writing a draft as case-file TOML.

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

pub(super) fn render(d: &Draft) -> String {
    let mut o = String::with_capacity(6000);
    kv(&mut o, "schema", "1");
    kv(&mut o, "id", &quote(&d.id));
    kv(&mut o, "title", &quote(&d.title));
    kv(&mut o, "region", &quote(d.region));
    kv(&mut o, "tags", &list(&d.tags));
    kv(&mut o, "summary", &quote(&d.summary));
    o.push_str("teaching_points = [\n");
    for t in &d.teaching {
        let _ = writeln!(o, "  {},", quote(t));
    }
    o.push_str("]\n");
    kv(&mut o, "as_of", &d.as_of.to_string());

    o.push_str("\n[patient]\n");
    kv(&mut o, "alias", &quote(&d.alias));
    kv(&mut o, "age", &d.age.to_string());
    kv(&mut o, "sex", &quote(d.sex));
    if let Some(job) = &d.occupation {
        kv(&mut o, "occupation", &quote(job));
    }

    o.push_str("\n[presentation]\n");
    kv(&mut o, "onset", &d.onset.to_string());
    kv(&mut o, "complaint", &quote(&d.complaint));
    kv(&mut o, "initial_diagnosis", &quote(&d.initial));
    if let Some((w, on)) = &d.working {
        kv(&mut o, "working_diagnosis", &quote(w));
        kv(&mut o, "diagnosis_revised_on", &on.to_string());
    }
    if !d.pain_quality.is_empty() {
        kv(&mut o, "pain_quality", &list(&d.pain_quality));
    }
    if let Some(b) = d.localized_spasm {
        kv(&mut o, "localized_spasm", &b.to_string());
    }

    if let Some((sleep, nutrition, smoking, note)) = &d.lifestyle {
        o.push_str("\n[lifestyle]\n");
        kv(&mut o, "sleep", &quote(sleep));
        kv(&mut o, "nutrition", &quote(nutrition));
        kv(&mut o, "smoking", &smoking.to_string());
        if let Some(n) = note {
            kv(&mut o, "note", &quote(n));
        }
    }

    for p in &d.pt {
        o.push_str("\n[[pt]]\n");
        kv(&mut o, "start", &p.start.to_string());
        if let Some(e) = p.end {
            kv(&mut o, "end", &e.to_string());
        }
        if p.post_op {
            kv(&mut o, "phase", &quote("post-op"));
        }
        kv(&mut o, "provider", &quote(p.provider));
        if let Some(b) = p.second_opinion {
            kv(&mut o, "second_opinion", &b.to_string());
        }
        kv(&mut o, "sessions_planned", &p.planned.to_string());
        kv(&mut o, "sessions_attended", &p.attended.to_string());
        kv(&mut o, "frequency_per_week", &number(p.frequency));
        kv(&mut o, "modalities", &list(&p.modalities));
        if let Some(a) = p.adherence {
            kv(&mut o, "hep_adherence", &quote(a));
        }
        if !p.barriers.is_empty() {
            kv(&mut o, "barriers", &list(&p.barriers));
        }
        kv(&mut o, "response", &quote(p.response));
        if let Some(n) = &p.note {
            kv(&mut o, "note", &quote(n));
        }
    }

    let workup = |o: &mut String, w: &Workup| {
        o.push_str("\n[[workup]]\n");
        kv(o, "date", &w.date.to_string());
        kv(o, "test", &quote(w.test));
        kv(o, "site", &quote(&w.site));
        kv(o, "findings", &quote(&w.findings));
        if let Some(l) = w.lesion {
            kv(o, "lesion", &quote(l));
        }
        if let Some(l) = &w.level {
            kv(o, "level", &quote(l));
        }
        if let (Some(s), Some(_)) = (w.severity, w.lesion) {
            kv(o, "severity", &quote(s));
        }
        if let Some(b) = w.instability {
            kv(o, "instability", &b.to_string());
        }
        if let Some(n) = &w.nerve {
            kv(o, "nerve", &quote(n));
        }
    };
    let mut workups: Vec<&Workup> = d.workup.iter().filter(|w| !w.future).collect();
    workups.sort_by_key(|w| w.date);
    for w in workups {
        workup(&mut o, w);
    }

    let mut meds: Vec<&Medication> = d.medication.iter().collect();
    meds.sort_by_key(|m| m.start);
    for m in meds {
        o.push_str("\n[[medication]]\n");
        kv(&mut o, "start", &m.start.to_string());
        if let Some(e) = m.end {
            kv(&mut o, "end", &e.to_string());
        }
        kv(&mut o, "drug", &quote(m.drug));
        if let Some(c) = m.class {
            kv(&mut o, "class", &quote(c));
        }
        kv(&mut o, "dose", &quote(m.dose));
        kv(&mut o, "target", &quote(m.target));
        kv(&mut o, "response", &quote(m.response));
        if let Some(s) = m.side_effects {
            kv(&mut o, "side_effects", &quote(s));
        }
        if let Some(n) = m.note {
            kv(&mut o, "note", &quote(n));
        }
    }

    for i in &d.injection {
        o.push_str("\n[[injection]]\n");
        kv(&mut o, "date", &i.date.to_string());
        kv(&mut o, "kind", &quote(i.kind));
        kv(&mut o, "level", &quote(&i.level));
        kv(&mut o, "guidance", &quote(i.guidance));
        if let Some(p) = i.relief_percent {
            kv(&mut o, "relief_percent", &p.to_string());
        }
        if let Some(w) = i.relief_weeks {
            kv(&mut o, "relief_weeks", &number(w));
        }
        if let Some(b) = i.resumed_pt {
            kv(&mut o, "resumed_pt", &b.to_string());
        }
        if let Some(n) = &i.note {
            kv(&mut o, "note", &quote(n));
        }
    }

    let consult = |o: &mut String, c: &Consult| {
        o.push_str("\n[[consult]]\n");
        kv(o, "date", &c.date.to_string());
        kv(o, "specialty", &quote(c.specialty));
        kv(o, "outcome", &quote(&c.outcome));
    };
    let surgery = |o: &mut String, s: &Surgery| {
        o.push_str("\n[[surgery]]\n");
        kv(o, "date", &s.date.to_string());
        kv(o, "procedure", &quote(&s.procedure));
        if let Some(n) = &s.note {
            kv(o, "note", &quote(n));
        }
    };
    let mut consults: Vec<&Consult> = d.consult.iter().filter(|c| !c.future).collect();
    consults.sort_by_key(|c| c.date);
    for c in consults {
        consult(&mut o, c);
    }
    for s in d.surgery.iter().filter(|s| !s.future) {
        surgery(&mut o, s);
    }

    for a in &d.assessment {
        o.push_str("\n[[assessment]]\n");
        kv(&mut o, "date", &a.date.to_string());
        kv(&mut o, "pain", &a.pain.to_string());
        if let Some(f) = a.function {
            let _ = writeln!(o, "function = {{ instrument = {}, score = {f} }}", quote(d.instrument));
        }
        if !a.strength.is_empty() {
            let parts: Vec<String> = a.strength.iter().map(|(m, g)| format!("{} = {g}", quote(m))).collect();
            let _ = writeln!(o, "strength = {{ {} }}", parts.join(", "));
        }
        if let Some(n) = &a.numbness {
            kv(&mut o, "numbness", &list(n));
        }
        if !a.red_flags.is_empty() {
            kv(&mut o, "red_flags", &list(&a.red_flags));
        }
        if let Some(n) = &a.note {
            kv(&mut o, "note", &quote(n));
        }
    }

    let future =
        d.workup.iter().any(|w| w.future) || d.consult.iter().any(|c| c.future) || d.surgery.iter().any(|s| s.future);
    if future {
        o.push_str("\n# Dated after as_of: shown greyed, ignored by scoring.\n");
        for w in d.workup.iter().filter(|w| w.future) {
            workup(&mut o, w);
        }
        for c in d.consult.iter().filter(|c| c.future) {
            consult(&mut o, c);
        }
        for s in d.surgery.iter().filter(|s| s.future) {
            surgery(&mut o, s);
        }
    }
    o
}

// ---------------------------------------------------------------------------
