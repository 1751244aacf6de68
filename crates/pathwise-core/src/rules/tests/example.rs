//! The worked example of SCHEMA.md, as READINESS.md scores it.

use super::*;

#[test]
fn worked_example_scores_95_ready_for_surgical_consult() {
    let case = example();
    let r = eval(&case);
    for c in &r.criteria {
        eprintln!("{} {} {} {}", c.id, c.status, c.points, c.detail);
    }
    eprintln!("{:?} {}", r.cautions, r.next_step_reason);
    assert_eq!(r.score, 95);
    assert_eq!(r.band, Band::Ready);
    assert_eq!(r.next_step, NextStep::SurgicalConsult);
}
