//! Measures over time: assessment dates, pain ratings and function scores
//! that show no clinically important change unless the case improves.

use super::*;

/// `n` increasing dates from `a` to `b` (inclusive), roughly evenly spaced.
pub(super) fn spread(rng: &mut Rng, a: Date, b: Date, n: usize) -> Vec<Date> {
    let total = span_days(a, b).max(0);
    if n <= 1 {
        return vec![b];
    }
    let mut out = Vec::with_capacity(n);
    let mut prev = -1i64;
    for k in 0..n {
        let ideal = total * k as i64 / (n as i64 - 1);
        let gap = total / (n as i64 - 1);
        let jitter = if k == 0 || k + 1 == n || gap < 6 {
            0
        } else {
            rng.range(-2, 2)
        };
        let mut d = (ideal + jitter).clamp(0, total);
        if d <= prev {
            d = prev + 1;
        }
        prev = d;
        out.push(day(a, d.min(total.max(d))));
    }
    out
}

pub(super) fn pain_series(rng: &mut Rng, p: Pain, n: usize) -> Vec<i64> {
    let (first, last) = match p {
        Pain::Flat => {
            let a = rng.range(4, 8);
            (a, (a + rng.range(-1, 2)).clamp(0, 10))
        }
        Pain::Capped => {
            let a = rng.range(4, 7);
            (a, (a + rng.range(-1, 1)).clamp(a - 1, 6))
        }
        Pain::Intractable => (rng.range(7, 8), rng.range(7, 9)),
        Pain::Improving => {
            let a = rng.range(5, 8);
            (a, (a - rng.range(3, 5)).max(0))
        }
        Pain::Worse => {
            let a = rng.range(5, 8);
            (a, (a + rng.range(0, 2)).min(10))
        }
    };
    let mut out = Vec::with_capacity(n);
    for k in 0..n {
        let v = if k == 0 {
            first
        } else if k + 1 == n {
            last
        } else {
            let base = first + (last - first) * k as i64 / (n as i64 - 1);
            base + rng.range(-1, 1)
        };
        let v = if p == Pain::Intractable {
            v.clamp(7, 10)
        } else {
            v.clamp(0, 10)
        };
        out.push(v);
    }
    out
}

/// Scores of the function instrument: no clinically important change unless
/// the case is improving.
pub(super) fn function_series(rng: &mut Rng, inst: Instrument, p: Pain, n: usize) -> Vec<i64> {
    let mcid_up = inst.mcid.ceil() as i64;
    let half = (inst.mcid / 2.0).floor() as i64;
    let b0 = rng.range(inst.start.0, inst.start.1);
    let b_last = match p {
        Pain::Improving => (b0 - mcid_up - rng.range(0, mcid_up)).max(0),
        Pain::Worse => (b0 + rng.range(0, 2 * mcid_up)).min(inst.hi),
        _ => (b0 + rng.range(-half, mcid_up)).clamp(0, inst.hi),
    };
    let to_score = |b: i64| {
        let b = b.clamp(0, inst.hi);
        if inst.higher_better { inst.hi - b } else { b }
    };
    let noise = (inst.mcid / 3.0).floor() as i64;
    (0..n)
        .map(|k| {
            if k == 0 {
                to_score(b0)
            } else if k + 1 == n {
                to_score(b_last)
            } else {
                to_score(b0 + (b_last - b0) * k as i64 / (n as i64 - 1) + rng.range(-noise, noise))
            }
        })
        .collect()
}
