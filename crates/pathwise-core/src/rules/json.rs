//! The `score --json` object of READINESS.md, field for field. Keys are
//! inserted in the contract's order (kept when serde_json preserves order).

use super::Readiness;
use crate::case::{Case, EventRef};
use serde_json::{Map, Value, json};

/// One decimal, and a JSON integer when whole (40, not 40.0).
fn one_decimal(x: f64) -> Value {
    let r = (x * 10.0).round() / 10.0;
    if r.fract() == 0.0 && r.abs() < 1e15 {
        json!(r as i64)
    } else {
        json!(r)
    }
}

fn evidence(case: &Case, refs: &[EventRef]) -> Value {
    Value::Array(refs.iter().map(|&r| Value::String(case.event_label(r))).collect())
}

pub fn to_json(case: &Case, r: &Readiness) -> Value {
    let criteria: Vec<Value> = r
        .criteria
        .iter()
        .map(|c| {
            let mut m = Map::new();
            m.insert("id".into(), json!(c.id.as_str()));
            m.insert("status".into(), json!(c.status.as_str()));
            m.insert("points".into(), one_decimal(c.points));
            m.insert("detail".into(), json!(c.detail));
            m.insert("evidence".into(), evidence(case, &c.evidence));
            Value::Object(m)
        })
        .collect();
    let confounders: Vec<Value> = r
        .confounders
        .iter()
        .map(|c| {
            let mut m = Map::new();
            m.insert("id".into(), json!(c.id.as_str()));
            m.insert("detail".into(), json!(c.detail));
            m.insert("evidence".into(), evidence(case, &c.evidence));
            Value::Object(m)
        })
        .collect();
    let mut m = Map::new();
    m.insert("id".into(), json!(case.id));
    m.insert("as_of".into(), json!(r.as_of.to_string()));
    m.insert("score".into(), json!(r.score));
    m.insert("band".into(), json!(r.band.as_str()));
    m.insert("next_step".into(), json!(r.next_step.as_str()));
    m.insert(
        "documented_weeks".into(),
        r.documented_weeks.map_or(Value::Null, one_decimal_float),
    );
    m.insert("criteria".into(), Value::Array(criteria));
    m.insert("confounders".into(), Value::Array(confounders));
    Value::Object(m)
}

/// Weeks keep a decimal point in JSON (14.0, not 14), as the contract shows 13.9.
fn one_decimal_float(x: f64) -> Value {
    json!((x * 10.0).round() / 10.0)
}
