//! From a file's bytes to a validated [`Case`], or every error found in it.

use super::error::CaseError;
use super::formulary;
use super::model::*;
use super::raw::*;
use super::words::{InjectionStatus, MedClass, Phase};
use jiff::civil::Date;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use toml::value::Datetime;

/// Case files larger than this are refused unread.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// The format version this build reads.
pub const SCHEMA_VERSION: i64 = 1;

/// Parses and validates one case file's bytes. `path` only names the file in
/// errors. On failure, returns every validation error found (a syntax or
/// type error stops parsing, so it comes alone).
pub fn parse_case(path: &Path, bytes: &[u8]) -> Result<Case, Vec<CaseError>> {
    let source = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            // the prefix is valid UTF-8 by construction
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            let mut err = CaseError::at(
                path,
                prefix,
                prefix.len(),
                "the file is not valid UTF-8 text; save it as UTF-8",
            );
            err.path = path.to_path_buf();
            return Err(vec![err]);
        }
    };
    let raw: RawCase = match toml::from_str(source) {
        Ok(raw) => raw,
        Err(e) => {
            return Err(vec![
                schema_error(path, source).unwrap_or_else(|| toml_error(path, source, &e)),
            ]);
        }
    };
    let mut v = Validator {
        path,
        source,
        errors: Vec::new(),
    };
    let case = v.case(raw);
    match case {
        Some(case) if v.errors.is_empty() => Ok(case),
        _ => Err(v.errors),
    }
}

/// A file written for another schema fails on its keys first; say what is
/// really wrong instead.
fn schema_error(path: &Path, source: &str) -> Option<CaseError> {
    let doc: toml::Table = toml::from_str(source).ok()?;
    match doc.get("schema") {
        None => Some(missing_schema(path)),
        Some(toml::Value::Integer(SCHEMA_VERSION)) => None,
        Some(other) => Some(CaseError::new(
            path,
            format!("schema = {other} is not supported; this version of pathwise reads schema = {SCHEMA_VERSION}"),
        )),
    }
}

fn missing_schema(path: &Path) -> CaseError {
    CaseError::new(
        path,
        format!("missing `schema = {SCHEMA_VERSION}` at the top of the file"),
    )
}

fn toml_error(path: &Path, source: &str, e: &toml::de::Error) -> CaseError {
    let message = e
        .message()
        .trim()
        .replace("unknown field", "unknown key")
        .replace("missing field", "missing required key")
        .replace("unknown variant", "unknown word")
        .replace(", expected one of", "; allowed:")
        .replace(", expected", "; expected")
        .replace("expected i64", "expected a whole number")
        .replace("expected f64", "expected a number")
        .replace("expected a sequence", "expected an array like [\"a\", \"b\"]")
        .replace("expected a borrowed string", "expected a string")
        .replace("invalid type:", "wrong type:");
    match e.span() {
        Some(span) => {
            // "unknown key `k` in [[pt]]; allowed: …": after the quoted key,
            // which may itself hold a semicolon
            let message = match (table_at(source, span.start), message.strip_prefix("unknown key `")) {
                (Some(table), Some(rest)) => match rest.find("`;") {
                    Some(end) => format!("unknown key `{} in {table}{}", &rest[..=end], &rest[end + 1..]),
                    None => message,
                },
                _ => message,
            };
            CaseError::at(path, source, span.start, message)
        }
        None => CaseError::new(path, message),
    }
}

/// The table header (`[patient]`, `[[pt]]`) a byte offset falls under, so
/// an unknown key says where it was found.
fn table_at(source: &str, offset: usize) -> Option<&str> {
    let before = source.get(..offset)?;
    before
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .map(|l| l.split('#').next().unwrap_or(l).trim())
}

/// An optional value whose check may have failed: `None` inside `Some`
/// means the value was present and invalid (the error is already recorded).
fn checked<T>(v: Option<Option<T>>) -> Option<Option<T>> {
    match v {
        None => Some(None),
        Some(inner) => inner.map(Some),
    }
}

struct Validator<'a> {
    path: &'a Path,
    source: &'a str,
    errors: Vec<CaseError>,
}

impl Validator<'_> {
    fn error(&mut self, span: Range<usize>, message: impl AsRef<str>) {
        self.errors
            .push(CaseError::at(self.path, self.source, span.start, message));
    }

    fn date(&mut self, d: &S<Datetime>, key: &str) -> Option<Date> {
        let value = d.get_ref();
        let date = match (value.date, value.time, value.offset) {
            (Some(date), None, None) => date,
            _ => {
                self.error(
                    d.span(),
                    format!("`{key}` must be a date like 2026-03-14 (no time of day), found {value}"),
                );
                return None;
            }
        };
        match Date::new(date.year as i16, date.month as i8, date.day as i8) {
            Ok(d) => Some(d),
            Err(_) => {
                self.error(d.span(), format!("`{key}` = {value} is not a calendar date"));
                None
            }
        }
    }

    fn opt_date(&mut self, d: &Option<S<Datetime>>, key: &str) -> Option<Option<Date>> {
        match d {
            None => Some(None),
            Some(d) => self.date(d, key).map(Some),
        }
    }

    fn int_in(&mut self, v: &S<i64>, key: &str, lo: i64, hi: i64) -> Option<i64> {
        let n = *v.get_ref();
        if (lo..=hi).contains(&n) {
            Some(n)
        } else {
            self.error(
                v.span(),
                format!("`{key}` = {n} is out of range; allowed: {lo} to {hi}"),
            );
            None
        }
    }

    fn non_negative(&mut self, v: &S<f64>, key: &str) -> Option<f64> {
        let n = *v.get_ref();
        if n.is_finite() && n >= 0.0 {
            Some(n)
        } else {
            self.error(v.span(), format!("`{key}` = {n} must be a number of 0 or more"));
            None
        }
    }

    fn case(&mut self, raw: RawCase) -> Option<Case> {
        match &raw.schema {
            None => {
                self.errors.push(missing_schema(self.path));
                return None;
            }
            Some(s) if *s.get_ref() != SCHEMA_VERSION => {
                self.error(
                    s.span(),
                    format!(
                        "schema = {} is not supported; this version of pathwise reads schema = {SCHEMA_VERSION}",
                        s.get_ref()
                    ),
                );
                return None;
            }
            Some(_) => {}
        }
        let id = raw.id.get_ref();
        if id.is_empty()
            || !id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            self.error(
                raw.id.span(),
                format!("id \"{id}\" may hold only lower-case letters, digits and hyphens (a-z, 0-9, -)"),
            );
        }
        let as_of = self.opt_date(&raw.as_of, "as_of");
        let patient = self.patient(raw.patient);
        let presentation = self.presentation(raw.presentation);
        let tags = self.words(raw.tags, "tags");
        let psychosocial = raw.psychosocial.and_then(|p| self.psychosocial(p));
        let lifestyle = raw.lifestyle.map(|l| Lifestyle {
            sleep: l.sleep,
            nutrition: l.nutrition,
            smoking: l.smoking,
            note: l.note,
        });
        let mut pt: Vec<_> = raw.pt.into_iter().filter_map(|p| self.pt(p)).collect();
        let mut workup: Vec<_> = raw.workup.into_iter().filter_map(|w| self.workup(w)).collect();
        let mut medication: Vec<_> = raw.medication.into_iter().filter_map(|m| self.medication(m)).collect();
        let mut injection: Vec<_> = raw.injection.into_iter().filter_map(|i| self.injection(i)).collect();
        let mut assessment: Vec<_> = raw.assessment.into_iter().filter_map(|a| self.assessment(a)).collect();
        let mut consult: Vec<_> = raw
            .consult
            .into_iter()
            .filter_map(|c| {
                Some(Consult {
                    date: self.date(&c.date, "date")?,
                    specialty: c.specialty,
                    outcome: c.outcome,
                    note: c.note,
                })
            })
            .collect();
        let mut surgery: Vec<_> = raw
            .surgery
            .into_iter()
            .filter_map(|s| {
                Some(Surgery {
                    date: self.date(&s.date, "date")?,
                    procedure: s.procedure,
                    note: s.note,
                })
            })
            .collect();
        if !self.errors.is_empty() {
            return None;
        }
        // stable sorts: same-day entries keep their order in the file
        pt.sort_by_key(|e| e.start);
        workup.sort_by_key(|e| e.date);
        medication.sort_by_key(|e| e.start);
        injection.sort_by_key(|e| e.date);
        assessment.sort_by_key(|e| e.date);
        consult.sort_by_key(|e| e.date);
        surgery.sort_by_key(|e| e.date);
        let mut case = Case {
            id: raw.id.into_inner(),
            title: raw.title,
            region: raw.region,
            tags: tags?,
            summary: raw.summary,
            teaching_points: raw.teaching_points,
            as_of: presentation.as_ref()?.onset,
            as_of_explicit: false,
            patient: patient?,
            presentation: presentation?,
            lifestyle,
            psychosocial,
            pt,
            workup,
            medication,
            injection,
            assessment,
            consult,
            surgery,
        };
        match as_of? {
            Some(d) => {
                case.as_of = d;
                case.as_of_explicit = true;
            }
            None => case.as_of = case.latest_recorded_date(),
        }
        Some(case)
    }

    fn patient(&mut self, p: RawPatient) -> Option<Patient> {
        let age = self.int_in(&p.age, "age", 0, 120);
        let hba1c = p.hba1c.as_ref().map(|v| self.number_in(v, "hba1c", 3.0, 20.0));
        let bmi = p.bmi.as_ref().map(|v| self.number_in(v, "bmi", 10.0, 90.0));
        Some(Patient {
            alias: p.alias,
            age: age? as u8,
            sex: p.sex,
            occupation: p.occupation,
            hba1c: checked(hba1c)?,
            bmi: checked(bmi)?,
            anticoagulant: p.anticoagulant,
        })
    }

    fn presentation(&mut self, p: RawPresentation) -> Option<Presentation> {
        let onset = self.date(&p.onset, "onset");
        let revised = self.opt_date(&p.diagnosis_revised_on, "diagnosis_revised_on");
        Some(Presentation {
            onset: onset?,
            complaint: p.complaint,
            initial_diagnosis: p.initial_diagnosis,
            working_diagnosis: p.working_diagnosis,
            diagnosis_revised_on: revised?,
            pain_quality: p.pain_quality,
            localized_spasm: p.localized_spasm,
            neurogenic_claudication: p.neurogenic_claudication,
        })
    }

    fn course_dates(&mut self, start: &S<Datetime>, end: &Option<S<Datetime>>) -> Option<(Date, Option<Date>)> {
        let s = self.date(start, "start");
        let e = self.opt_date(end, "end");
        let (s, e) = (s?, e?);
        if let (Some(e_date), Some(e_span)) = (e, end) {
            if e_date < s {
                self.error(e_span.span(), format!("`end` = {e_date} is before `start` = {s}"));
                return None;
            }
        }
        Some((s, e))
    }

    fn psychosocial(&mut self, p: RawPsychosocial) -> Option<Psychosocial> {
        let total = p
            .start_back_total
            .as_ref()
            .map(|v| self.int_in(v, "start_back_total", 0, 9));
        let sub = p
            .start_back_psychosocial
            .as_ref()
            .map(|v| self.int_in(v, "start_back_psychosocial", 0, 5));
        let (total, sub) = (checked(total)?, checked(sub)?);
        if let (Some(t), Some(s), Some(span)) = (total, sub, &p.start_back_psychosocial) {
            if s > t {
                self.error(
                    span.span(),
                    format!("`start_back_psychosocial` = {s} exceeds `start_back_total` = {t}"),
                );
                return None;
            }
        }
        Some(Psychosocial {
            start_back_total: total.map(|n| n as u8),
            start_back_psychosocial: sub.map(|n| n as u8),
            fear_avoidance: p.fear_avoidance,
            catastrophizing: p.catastrophizing,
            note: p.note,
        })
    }

    /// A recorded date within a course: on or after its start, not after its end.
    fn response_on(&mut self, d: &Option<S<Datetime>>, start: Date, end: Option<Date>) -> Option<Option<Date>> {
        let on = self.opt_date(d, "response_on")?;
        if let (Some(on), Some(span)) = (on, d) {
            if on < start || end.is_some_and(|e| on > e) {
                let course = match end {
                    Some(e) => format!("{start} to {e}"),
                    None => format!("from {start}"),
                };
                self.error(
                    span.span(),
                    format!("`response_on` = {on} is outside its course ({course})"),
                );
                return None;
            }
        }
        Some(on)
    }

    /// Free words (tags, red flags, numbness areas): none may be blank.
    fn words(&mut self, items: Vec<S<String>>, key: &str) -> Option<Vec<String>> {
        let mut ok = true;
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            if item.get_ref().trim().is_empty() {
                self.error(
                    item.span(),
                    format!("`{key}` holds a blank entry; remove it or write a word"),
                );
                ok = false;
            } else {
                out.push(item.into_inner());
            }
        }
        ok.then_some(out)
    }

    fn number_in(&mut self, v: &S<f64>, key: &str, lo: f64, hi: f64) -> Option<f64> {
        let n = *v.get_ref();
        if n.is_finite() && (lo..=hi).contains(&n) {
            Some(n)
        } else {
            self.error(
                v.span(),
                format!("`{key}` = {n} is out of range; allowed: {lo} to {hi}"),
            );
            None
        }
    }

    fn pt(&mut self, p: RawPt) -> Option<PtCourse> {
        let dates = self.course_dates(&p.start, &p.end);
        let planned = p
            .sessions_planned
            .as_ref()
            .map(|v| self.int_in(v, "sessions_planned", 0, 10_000));
        let attended = p
            .sessions_attended
            .as_ref()
            .map(|v| self.int_in(v, "sessions_attended", 0, 10_000));
        let frequency = p
            .frequency_per_week
            .as_ref()
            .map(|v| self.non_negative(v, "frequency_per_week"));
        let (planned, attended, frequency) = (
            planned.map(|o| o.map(|n| n as u32)),
            attended.map(|o| o.map(|n| n as u32)),
            frequency,
        );
        if let (Some(Some(pl)), Some(Some(at)), Some(span)) = (planned, attended, &p.sessions_attended) {
            if at > pl {
                self.error(
                    span.span(),
                    format!("`sessions_attended` = {at} exceeds `sessions_planned` = {pl}"),
                );
                return None;
            }
        }
        let (start, end) = dates?;
        let response_on = self.response_on(&p.response_on, start, end)?;
        Some(PtCourse {
            start,
            end,
            phase: p.phase.unwrap_or(Phase::Conservative),
            provider: p.provider,
            second_opinion: p.second_opinion,
            sessions_planned: checked(planned)?,
            sessions_attended: checked(attended)?,
            frequency_per_week: checked(frequency)?,
            modalities: p.modalities,
            hep_adherence: p.hep_adherence,
            barriers: p.barriers,
            response: p.response,
            response_on,
            note: p.note,
        })
    }

    fn workup(&mut self, w: RawWorkup) -> Option<Workup> {
        let date = self.date(&w.date, "date")?;
        if let (Some(sev), None) = (&w.severity, w.lesion) {
            self.error(
                sev.span(),
                "`severity` grades `lesion`, and this workup has no `lesion`; add one or remove `severity`",
            );
            return None;
        }
        Some(Workup {
            date,
            test: w.test,
            site: w.site,
            findings: w.findings,
            lesion: w.lesion,
            level: w.level,
            severity: w.severity.map(S::into_inner),
            instability: w.instability,
            nerve: w.nerve,
            concordant: w.concordant,
            acute: w.acute,
        })
    }

    fn medication(&mut self, m: RawMedication) -> Option<Medication> {
        let dates = self.course_dates(&m.start, &m.end);
        let (class, inferred) = match m.class {
            Some(c) => (c, false),
            None => match formulary::infer_class(m.drug.get_ref()) {
                Some(c) => (c, true),
                None => {
                    let allowed: Vec<_> = MedClass::ALL.iter().map(|c| c.as_str()).collect();
                    self.error(
                        m.drug.span(),
                        format!(
                            "the formulary does not know the drug \"{}\"; add `class` (one of: {})",
                            m.drug.get_ref(),
                            allowed.join(", ")
                        ),
                    );
                    return None;
                }
            },
        };
        let (start, end) = dates?;
        let response_on = self.response_on(&m.response_on, start, end)?;
        Some(Medication {
            start,
            end,
            drug: m.drug.into_inner(),
            class,
            class_inferred: inferred,
            dose: m.dose,
            target: m.target,
            response: m.response,
            response_on,
            side_effects: m.side_effects,
            note: m.note,
        })
    }

    fn injection(&mut self, i: RawInjection) -> Option<Injection> {
        let date = self.date(&i.date, "date");
        let relief = i
            .relief_percent
            .as_ref()
            .map(|v| self.int_in(v, "relief_percent", 0, 100));
        let weeks = i.relief_weeks.as_ref().map(|v| self.non_negative(v, "relief_weeks"));
        let status = i.status.unwrap_or(InjectionStatus::Done);
        if status != InjectionStatus::Done {
            let recorded = i.relief_percent.as_ref().map(|v| ("relief_percent", v.span()));
            let recorded = recorded.or(i.relief_weeks.as_ref().map(|v| ("relief_weeks", v.span())));
            if let Some((key, span)) = recorded {
                self.error(
                    span,
                    format!("`{key}` is recorded for an injection with `status = \"{status}\"`; only a done injection has relief"),
                );
                return None;
            }
        }
        Some(Injection {
            date: date?,
            kind: i.kind,
            status,
            level: i.level,
            guidance: i.guidance,
            relief_percent: checked(relief)?.map(|n| n as u8),
            relief_weeks: checked(weeks)?,
            resumed_pt: i.resumed_pt,
            note: i.note,
        })
    }

    fn assessment(&mut self, a: RawAssessment) -> Option<Assessment> {
        let date = self.date(&a.date, "date");
        let pain = a.pain.as_ref().map(|v| self.int_in(v, "pain", 0, 10));
        let function = a.function.as_ref().map(|f| {
            let (lo, hi) = f.instrument.range();
            let score = *f.score.get_ref();
            if score.is_finite() && (lo..=hi).contains(&score) {
                Some(FunctionScore {
                    instrument: f.instrument,
                    score,
                })
            } else {
                self.error(
                    f.score.span(),
                    format!("{} score {score} is out of range; allowed: {lo} to {hi}", f.instrument),
                );
                None
            }
        });
        let mut strength = BTreeMap::new();
        let mut strength_ok = true;
        for (muscle, grade) in &a.strength {
            match self.int_in(grade, &format!("strength.\"{muscle}\""), 0, 5) {
                Some(g) => {
                    strength.insert(muscle.clone(), g as u8);
                }
                None => strength_ok = false,
            }
        }
        let mjoa = a.mjoa.as_ref().map(|v| self.int_in(v, "mjoa", 0, 18));
        let numbness = a.numbness.map(|n| self.words(n, "numbness"));
        let red_flags = a.red_flags.map(|f| self.words(f, "red_flags"));
        let pain = checked(pain)?;
        let function = checked(function)?;
        let mjoa = checked(mjoa)?;
        if !strength_ok {
            return None;
        }
        Some(Assessment {
            date: date?,
            pain: pain.map(|n| n as u8),
            function,
            strength,
            numbness: checked(numbness)?,
            red_flags: checked(red_flags)?,
            mjoa: mjoa.map(|n| n as u8),
            myelopathy_signs: a.myelopathy_signs,
            instability: a.instability,
            note: a.note,
        })
    }
}
