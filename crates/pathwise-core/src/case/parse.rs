//! From a file's bytes to a validated [`Case`], or every error found in it:
//! each table of SCHEMA.md read key by key through the one file reader, so
//! a wrong type, an unknown key, a bad word, a missing key, a value out of
//! range and a cross-field mistake are all reported in the same run.

use super::formulary;
use super::model::*;
use super::words::*;
use crate::file::{Doc, FileError, Table, read_toml};
use jiff::civil::Date;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

/// Case files larger than this are refused unread.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// The format version this build reads.
pub const SCHEMA_VERSION: i64 = 1;

/// Counts of sessions and the like: more than this is a typo.
const MAX_COUNT: i64 = 1000;
/// Weeks a relief or a course can plausibly last (ten years).
const MAX_WEEKS: f64 = 520.0;

/// Parses and validates one case file's bytes. `path` only names the file in
/// errors. On failure, returns every error found, in the order of the file.
pub fn parse_case(path: &Path, bytes: &[u8]) -> Result<Case, Vec<FileError>> {
    read_toml(path, bytes, |doc, mut top, whole| {
        if !schema_ok(doc, &mut top, whole) {
            return None;
        }
        let case = case(doc, &mut top, whole);
        top.finish(doc);
        case
    })
}

/// `schema = 1`, checked first: a file for another schema would fail on
/// every key, so say what is really wrong and stop.
fn schema_ok(doc: &mut Doc, top: &mut Table, whole: bool) -> bool {
    if !top.has("schema") {
        if !whole {
            // the syntax errors say what is wrong; the line may be among them
            return false;
        }
        doc.errors.push(FileError::new(
            doc.path,
            format!("missing `schema = {SCHEMA_VERSION}` at the top of the file"),
        ));
        return false;
    }
    match top.int(doc, "schema", i64::MIN, i64::MAX) {
        Some(SCHEMA_VERSION) => true,
        Some(other) => {
            let span = top.span("schema").unwrap_or(0..0);
            doc.error_at(
                span,
                format!("schema = {other} is not supported; this version of pathwise reads schema = {SCHEMA_VERSION}"),
            );
            false
        }
        None => false,
    }
}

/// A value that failed validation has already been reported; the case is
/// then thrown away, so a placeholder only keeps the reading going.
const NO_DATE: Date = Date::constant(2000, 1, 1);

fn case(doc: &mut Doc, top: &mut Table, whole: bool) -> Option<Case> {
    let id = top.req_string(doc, "id", "id = \"l5-radiculopathy\"");
    if let (Some(id), Some(span)) = (&id, top.span("id")) {
        check_id(doc, id, span);
    }
    let title = top.req_string(doc, "title", "title = \"L5 radiculopathy, 14 weeks failed care\"");
    let region = top.req_word::<Region>(doc, "region");
    let tags = top.strings(doc, "tags").unwrap_or_default();
    let summary = top.string(doc, "summary");
    let teaching_points = top.strings(doc, "teaching_points").unwrap_or_default();
    let as_of = top.date(doc, "as_of");
    let patient = top
        .req_table(doc, "patient", "[patient] with alias, age and sex")
        .and_then(|t| patient(doc, t));
    let presentation = top
        .req_table(
            doc,
            "presentation",
            "[presentation] with onset, complaint and initial_diagnosis",
        )
        .and_then(|t| presentation(doc, t));
    let lifestyle = top.table(doc, "lifestyle").map(|t| lifestyle(doc, t));
    let psychosocial = top.table(doc, "psychosocial").map(|t| psychosocial(doc, t));
    let pt = top.tables(doc, "pt").into_iter().map(|t| pt(doc, t)).collect();
    let workup = top.tables(doc, "workup").into_iter().map(|t| workup(doc, t)).collect();
    let medication = top
        .tables(doc, "medication")
        .into_iter()
        .map(|t| medication(doc, t))
        .collect();
    let injection = top
        .tables(doc, "injection")
        .into_iter()
        .map(|t| injection(doc, t))
        .collect();
    let assessment = top
        .tables(doc, "assessment")
        .into_iter()
        .map(|t| assessment(doc, t))
        .collect();
    let consult = top
        .tables(doc, "consult")
        .into_iter()
        .map(|t| consult(doc, t))
        .collect();
    let surgery = top
        .tables(doc, "surgery")
        .into_iter()
        .map(|t| surgery(doc, t))
        .collect();
    let mut c = Case {
        id: id.unwrap_or_default(),
        title: title.unwrap_or_default(),
        region: region.unwrap_or(Region::Other),
        tags,
        summary,
        teaching_points,
        as_of: NO_DATE,
        as_of_explicit: as_of.is_some(),
        patient: patient?,
        presentation: presentation?,
        lifestyle,
        psychosocial: psychosocial.flatten(),
        pt,
        workup,
        medication,
        injection,
        assessment,
        consult,
        surgery,
    };
    if !whole || !doc.errors.is_empty() {
        return None;
    }
    sort_events(&mut c);
    c.as_of = as_of.unwrap_or_else(|| c.latest_recorded_date());
    Some(c)
}

/// Events in date order; stable, so same-day entries keep their order in
/// the file (the rules read "later" from it).
fn sort_events(c: &mut Case) {
    c.pt.sort_by_key(|e| e.start);
    c.workup.sort_by_key(|e| e.date);
    c.medication.sort_by_key(|e| e.start);
    c.injection.sort_by_key(|e| e.date);
    c.assessment.sort_by_key(|e| e.date);
    c.consult.sort_by_key(|e| e.date);
    c.surgery.sort_by_key(|e| e.date);
}

fn check_id(doc: &mut Doc, id: &str, span: Range<usize>) {
    let ok = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !ok {
        doc.error_at(
            span,
            format!(
                "id \"{}\" may hold only lower-case letters, digits and hyphens (a-z, 0-9, -)",
                crate::text::inline(id)
            ),
        );
    }
}

fn patient(doc: &mut Doc, mut t: Table) -> Option<Patient> {
    let alias = t.req_string(doc, "alias", "alias = \"Case 7\"");
    let age = match t.has("age") {
        true => t.int(doc, "age", 0, 120),
        false => {
            t.missing(doc, "age", "age = 46");
            None
        }
    };
    let sex = t.req_word::<Sex>(doc, "sex");
    let p = Patient {
        alias: alias.unwrap_or_default(),
        age: age.map_or(0, |a| a as u8),
        sex: sex.unwrap_or(Sex::Unknown),
        occupation: t.string(doc, "occupation"),
        hba1c: t.number(doc, "hba1c", 3.0, 20.0),
        bmi: t.number(doc, "bmi", 10.0, 90.0),
        anticoagulant: t.bool(doc, "anticoagulant"),
    };
    t.finish(doc);
    Some(p)
}

fn presentation(doc: &mut Doc, mut t: Table) -> Option<Presentation> {
    let onset = t.req_date(doc, "onset");
    let p = Presentation {
        onset: onset.unwrap_or(NO_DATE),
        complaint: t
            .req_string(
                doc,
                "complaint",
                "complaint = \"Low back pain radiating to the left foot\"",
            )
            .unwrap_or_default(),
        initial_diagnosis: t
            .req_string(doc, "initial_diagnosis", "initial_diagnosis = \"Lumbar strain\"")
            .unwrap_or_default(),
        working_diagnosis: t.string(doc, "working_diagnosis"),
        diagnosis_revised_on: t.date(doc, "diagnosis_revised_on"),
        pain_quality: t.words(doc, "pain_quality"),
        localized_spasm: t.bool(doc, "localized_spasm"),
        neurogenic_claudication: t.bool(doc, "neurogenic_claudication"),
    };
    t.finish(doc);
    onset.map(|_| p)
}

fn lifestyle(doc: &mut Doc, mut t: Table) -> Lifestyle {
    let l = Lifestyle {
        sleep: t.word(doc, "sleep"),
        nutrition: t.word(doc, "nutrition"),
        smoking: t.bool(doc, "smoking"),
        note: t.string(doc, "note"),
    };
    t.finish(doc);
    l
}

fn psychosocial(doc: &mut Doc, mut t: Table) -> Option<Psychosocial> {
    let total = t.int(doc, "start_back_total", 0, 9);
    let sub = t.int(doc, "start_back_psychosocial", 0, 5);
    if let (Some(total), Some(sub), Some(span)) = (total, sub, t.span("start_back_psychosocial")) {
        if sub > total {
            doc.error_at(
                span,
                format!(
                    "{} = {sub} exceeds {} = {total}; the subscale is part of the total",
                    t.name("start_back_psychosocial"),
                    t.name("start_back_total")
                ),
            );
        }
    }
    let p = Psychosocial {
        start_back_total: total.map(|n| n as u8),
        start_back_psychosocial: sub.map(|n| n as u8),
        fear_avoidance: t.bool(doc, "fear_avoidance"),
        catastrophizing: t.bool(doc, "catastrophizing"),
        note: t.string(doc, "note"),
    };
    t.finish(doc);
    Some(p)
}

/// A course's start and end: the end may not come before the start.
fn course_dates(doc: &mut Doc, t: &mut Table) -> (Date, Option<Date>) {
    let start = t.req_date(doc, "start");
    let end = t.date(doc, "end");
    if let (Some(s), Some(e), Some(span)) = (start, end, t.span("end")) {
        if e < s {
            doc.error_at(span, format!("{} = {e} is before `start` = {s}", t.name("end")));
        }
    }
    (start.unwrap_or(NO_DATE), end)
}

/// When a course's outcome was recorded: on or after its start, not after
/// its end.
fn response_on(doc: &mut Doc, t: &mut Table, start: Date, end: Option<Date>) -> Option<Date> {
    let on = t.date(doc, "response_on")?;
    if on < start || end.is_some_and(|e| on > e) {
        let course = match end {
            Some(e) => format!("{start} to {e}"),
            None => format!("from {start}"),
        };
        let span = t.span("response_on").unwrap_or(0..0);
        doc.error_at(
            span,
            format!("{} = {on} is outside its course ({course})", t.name("response_on")),
        );
    }
    Some(on)
}

fn count(doc: &mut Doc, t: &mut Table, key: &'static str) -> Option<u32> {
    t.int(doc, key, 0, MAX_COUNT).map(|n| n as u32)
}

fn pt(doc: &mut Doc, mut t: Table) -> PtCourse {
    let (start, end) = course_dates(doc, &mut t);
    let phase = t.word(doc, "phase").unwrap_or(Phase::Conservative);
    let provider = t.string(doc, "provider");
    let second_opinion = t.bool(doc, "second_opinion");
    let planned = count(doc, &mut t, "sessions_planned");
    let attended = count(doc, &mut t, "sessions_attended");
    if let (Some(p), Some(a), Some(span)) = (planned, attended, t.span("sessions_attended")) {
        if a > p {
            doc.error_at(
                span,
                format!("{} = {a} exceeds `sessions_planned` = {p}", t.name("sessions_attended")),
            );
        }
    }
    let c = PtCourse {
        start,
        end,
        phase,
        provider,
        second_opinion,
        sessions_planned: planned,
        sessions_attended: attended,
        frequency_per_week: t.number(doc, "frequency_per_week", 0.0, 21.0),
        modalities: t.words(doc, "modalities"),
        hep_adherence: t.word(doc, "hep_adherence"),
        barriers: t.strings(doc, "barriers").unwrap_or_default(),
        response: t.word(doc, "response"),
        response_on: response_on(doc, &mut t, start, end),
        note: t.string(doc, "note"),
    };
    t.finish(doc);
    c
}

fn workup(doc: &mut Doc, mut t: Table) -> Workup {
    let date = t.req_date(doc, "date").unwrap_or(NO_DATE);
    let test = t.req_word(doc, "test").unwrap_or(Test::Other);
    let site = t.string(doc, "site");
    let findings = t
        .req_string(doc, "findings", "findings = \"Large left L4-5 extrusion\"")
        .unwrap_or_default();
    let lesion = t.word::<Lesion>(doc, "lesion");
    let level = t.string(doc, "level");
    let severity = t.word::<Severity>(doc, "severity");
    if let (Some(_), None, false, Some(span)) = (severity, lesion, t.has("lesion"), t.span("severity")) {
        doc.error_at(
            span,
            format!(
                "{} grades `lesion`, and this workup has no `lesion`; add one or remove `severity`",
                t.name("severity")
            ),
        );
    }
    let w = Workup {
        date,
        test,
        site,
        findings,
        lesion,
        level,
        severity,
        instability: t.bool(doc, "instability"),
        nerve: t.string(doc, "nerve"),
        concordant: t.bool(doc, "concordant"),
        acute: t.bool(doc, "acute"),
    };
    t.finish(doc);
    w
}

fn medication(doc: &mut Doc, mut t: Table) -> Medication {
    let (start, end) = course_dates(doc, &mut t);
    let drug = t.req_string(doc, "drug", "drug = \"pregabalin\"");
    let class = t.word::<MedClass>(doc, "class");
    let (class, inferred) = match (class, t.has("class"), &drug) {
        (Some(c), _, _) => (c, false),
        (None, false, Some(d)) => match formulary::infer_class(d) {
            Some(c) => (c, true),
            None => {
                let span = t.span("drug").unwrap_or(0..0);
                doc.error_at(
                    span,
                    format!(
                        "{}: the formulary does not know the drug \"{}\"; add `class` (one of: {})",
                        t.name("drug"),
                        crate::text::inline(d),
                        MedClass::WORDS.join(", ")
                    ),
                );
                (MedClass::Other, false)
            }
        },
        _ => (MedClass::Other, false),
    };
    let m = Medication {
        start,
        end,
        drug: drug.unwrap_or_default(),
        class,
        class_inferred: inferred,
        dose: t.string(doc, "dose"),
        target: t.word(doc, "target"),
        response: t.word(doc, "response"),
        response_on: response_on(doc, &mut t, start, end),
        side_effects: t.string(doc, "side_effects"),
        note: t.string(doc, "note"),
    };
    t.finish(doc);
    m
}

fn injection(doc: &mut Doc, mut t: Table) -> Injection {
    let date = t.req_date(doc, "date").unwrap_or(NO_DATE);
    let kind = t.req_word(doc, "kind").unwrap_or(InjectionKind::Other);
    let status = t.word(doc, "status").unwrap_or(InjectionStatus::Done);
    let level = t.string(doc, "level");
    let guidance = t.word(doc, "guidance");
    let relief_percent = t.int(doc, "relief_percent", 0, 100).map(|n| n as u8);
    let relief_weeks = t.number(doc, "relief_weeks", 0.0, MAX_WEEKS);
    if status != InjectionStatus::Done {
        for key in ["relief_percent", "relief_weeks"] {
            if let Some(span) = t.span(key) {
                doc.error_at(
                    span,
                    format!(
                        "{} is recorded for an injection with `status = \"{status}\"`; only a done injection has relief",
                        t.name(key)
                    ),
                );
            }
        }
    }
    let i = Injection {
        date,
        kind,
        status,
        level,
        guidance,
        relief_percent,
        relief_weeks,
        resumed_pt: t.bool(doc, "resumed_pt"),
        note: t.string(doc, "note"),
    };
    t.finish(doc);
    i
}

fn function_score(doc: &mut Doc, mut f: Table) -> Option<FunctionScore> {
    let instrument = f.req_word::<Instrument>(doc, "instrument");
    let score = match (instrument, f.has("score")) {
        (_, false) => {
            f.missing(doc, "score", "score = 48");
            None
        }
        (Some(i), true) => {
            let (lo, hi) = i.range();
            let score = f.number(doc, "score", f64::MIN, f64::MAX);
            match score {
                Some(s) if !(lo..=hi).contains(&s) => {
                    let span = f.span("score").unwrap_or(0..0);
                    doc.error_at(
                        span,
                        format!(
                            "{} = {} is out of range for {i} ({}); allowed: {} to {}",
                            f.name("score"),
                            super::describe::number(s),
                            i.display_name(),
                            lo,
                            hi
                        ),
                    );
                    None
                }
                s => s,
            }
        }
        (None, true) => f.number(doc, "score", f64::MIN, f64::MAX),
    };
    f.finish(doc);
    Some(FunctionScore {
        instrument: instrument?,
        score: score?,
    })
}

fn assessment(doc: &mut Doc, mut t: Table) -> Assessment {
    let date = t.req_date(doc, "date").unwrap_or(NO_DATE);
    let pain = t.int(doc, "pain", 0, 10).map(|n| n as u8);
    let function = t.table(doc, "function").and_then(|f| function_score(doc, f));
    let strength: BTreeMap<String, u8> = t
        .int_map(doc, "strength", 0, 5)
        .into_iter()
        .map(|(muscle, grade)| (muscle, grade as u8))
        .collect();
    let a = Assessment {
        date,
        pain,
        function,
        strength,
        numbness: t.strings(doc, "numbness"),
        red_flags: t.strings(doc, "red_flags"),
        mjoa: t.int(doc, "mjoa", 0, 18).map(|n| n as u8),
        myelopathy_signs: t.words(doc, "myelopathy_signs"),
        instability: t.bool(doc, "instability"),
        note: t.string(doc, "note"),
    };
    t.finish(doc);
    a
}

fn consult(doc: &mut Doc, mut t: Table) -> Consult {
    let c = Consult {
        date: t.req_date(doc, "date").unwrap_or(NO_DATE),
        specialty: t.word(doc, "specialty"),
        outcome: t.string(doc, "outcome"),
        note: t.string(doc, "note"),
    };
    t.finish(doc);
    c
}

fn surgery(doc: &mut Doc, mut t: Table) -> Surgery {
    let s = Surgery {
        date: t.req_date(doc, "date").unwrap_or(NO_DATE),
        procedure: t
            .req_string(doc, "procedure", "procedure = \"L4-5 microdiscectomy\"")
            .unwrap_or_default(),
        note: t.string(doc, "note"),
    };
    t.finish(doc);
    s
}
