//! The summary as JSON, for other programs: the presented views,
//! serialised as they are (so `--present` de-identifies it exactly as the
//! console does, and every string is already sanitised for a terminal).
//!
//! The shape: the `CaseView` fields at the top level, then the verdict
//! under `readiness` and the disclaimer.
//!
//! ```text
//! {
//!   "privacy": "full" | "deidentified",
//!   "id": "lumbar-…" | null,            // null when de-identified
//!   "title", "alias", "region",
//!   "header": [{ "label", "value", "kind": "text"|"date"|"note"|"pending" }],
//!   "summary": … | null, "teaching_points": […], "tags": […],
//!   "review_day", "review_label", "span_days",   // days from onset
//!   "events": [{ "kind": "pt"|"workup"|…, "day", "end_day", "date_label",
//!                "title", "short", "post_op", "after_review",
//!                "step": "workup"|… | null, "step_label",
//!                "fields": [{ "label", "value", "kind" }],
//!                "pain", "function": { "instrument", "name", "score", "max",
//!                                      "higher_is_better" } | null }],
//!   "readiness": { "privacy", "rules_version", "profile", "score", "band", "next_step",
//!                  "next_step_reason", "documented_weeks", "as_of",
//!                  "as_of_day", "scored_before_surgery",
//!                  "criteria": [{ "id", "label", "status", "points",
//!                                 "detail", "basis", "evidence": [event index] }],
//!                  "confounders": [{ "id", "label", "detail", "evidence" }],
//!                  "cautions": [{ "id", "label", "detail", "evidence" }] },
//!   "disclaimer": "…"
//! }
//! ```
//!
//! Ids and enumerated values are the kebab-case words of `score --json`;
//! `evidence` holds indices into `events`. `pathwise score --json` remains
//! the contract of READINESS.md, with calendar dates and raw strings.

use super::DISCLAIMER;
use crate::present::{CaseView, VerdictView};
use crate::rules::to_json_string;
use serde::Serialize;

/// The summary's shape: the case view's fields, then its verdict and the
/// disclaimer. Borrowed, so it is written straight from the views.
#[derive(Serialize)]
struct Summary<'a> {
    #[serde(flatten)]
    case: &'a CaseView,
    readiness: &'a VerdictView,
    disclaimer: &'static str,
}

/// The summary as terminal-safe, pretty JSON, serialised in one pass
/// without an intermediate value tree.
pub fn json(v: &CaseView, r: &VerdictView) -> String {
    to_json_string(&Summary {
        case: v,
        readiness: r,
        disclaimer: DISCLAIMER,
    })
}
