//! Pain and function as values over time: a mark per assessment, a
//! column whose height is the value (eighth blocks, eight steps a row),
//! and the number beside or above it where it fits. So 6 → 7 is two
//! different marks, and a trace can never be taken for a course's bar.
//! The selected assessment's number is in reverse video; assessments a
//! focused criterion rests on are in the evidence style.

use super::{Geometry, LABEL_W, Trace, is_evidence};
use crate::case::EventKind;
use crate::present::EventView;
use crate::theme::Role;
use crate::tui::app::App;
use crate::tui::textfit;
use ratatui::buffer::Buffer;
use ratatui::style::{Modifier, Style};

/// One assessment's value: its day, the value as a share of the scale
/// (0–1), the number to print, its index among the case's events.
struct Point {
    day: i64,
    share: f64,
    number: String,
    event: usize,
    after_review: bool,
}

pub fn draw(app: &App, events: &[EventView], g: &Geometry, buf: &mut Buffer) {
    let bottom = g.inner.y + g.inner.height;
    let assessments = || {
        events
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == EventKind::Assessment)
    };
    if let Some(t) = g.pain.filter(|t| t.y < bottom) {
        let t = clip(t, bottom);
        let style = app.theme.style(Role::Pain);
        buf.set_string(g.inner.x, t.y, "Pain 0-10", style.add_modifier(Modifier::BOLD));
        let points: Vec<Point> = assessments()
            .filter_map(|(i, e)| {
                Some(Point {
                    day: e.day,
                    share: f64::from(e.pain?) / 10.0,
                    number: e.pain?.to_string(),
                    event: i,
                    after_review: e.after_review,
                })
            })
            .collect();
        marks(app, g, t, &points, style, buf);
    }
    let Some(t) = g.function.filter(|t| t.y < bottom) else {
        return;
    };
    let t = clip(t, bottom);
    // the instrument of the first function score; others are in the detail
    let Some(first) = assessments().find_map(|(_, e)| e.function.as_ref()) else {
        return;
    };
    let style = app.theme.style(Role::Function);
    let (up, down) = if app.glyphs.ascii {
        ("high=good", "low=good")
    } else {
        ("↑ better", "↓ better")
    };
    let direction = if first.higher_is_better { up } else { down };
    let fit = |s: &str| textfit::fit(s, usize::from(LABEL_W - 1), app.glyphs.ellipsis());
    let name = format!("{} 0-{}", first.name, crate::case::describe::number(first.max));
    if t.height >= 2 {
        buf.set_string(g.inner.x, t.y, fit(&name), style.add_modifier(Modifier::BOLD));
        buf.set_string(g.inner.x, t.y + 1, fit(direction), app.theme.style(Role::Muted));
    } else {
        let arrow = match (first.higher_is_better, app.glyphs.ascii) {
            (true, false) => "↑ok",
            (false, false) => "↓ok",
            (true, true) => "hi=ok",
            (false, true) => "lo=ok",
        };
        let short = format!("{} {arrow}", first.name);
        buf.set_string(g.inner.x, t.y, fit(&short), style.add_modifier(Modifier::BOLD));
    }
    let points: Vec<Point> = assessments()
        .filter_map(|(i, e)| {
            let f = e.function.as_ref().filter(|f| f.instrument == first.instrument)?;
            Some(Point {
                day: e.day,
                share: f.score / f.max,
                number: crate::case::describe::number(f.score),
                event: i,
                after_review: e.after_review,
            })
        })
        .collect();
    marks(app, g, t, &points, style, buf);
}

fn clip(t: Trace, bottom: u16) -> Trace {
    Trace {
        height: t.height.min(bottom - t.y),
        ..t
    }
}

/// The cells of a trace, so numbers never overwrite a mark.
struct Cells {
    x0: u16,
    y0: u16,
    w: usize,
    taken: Vec<bool>,
}

impl Cells {
    fn free(&self, x: u16, y: u16, n: usize) -> bool {
        let Some(col) = x.checked_sub(self.x0).map(usize::from) else {
            return false;
        };
        let row = usize::from(y - self.y0);
        col + n <= self.w && (col..col + n).all(|c| !self.taken[row * self.w + c])
    }

    fn take(&mut self, x: u16, y: u16, n: usize) {
        let col = usize::from(x - self.x0);
        let row = usize::from(y - self.y0);
        for c in col..(col + n).min(self.w) {
            self.taken[row * self.w + c] = true;
        }
    }
}

/// Draws each point as a column of eighth blocks from the trace's bottom
/// row, then its number right of the column's top, or above it.
fn marks(app: &App, g: &Geometry, t: Trace, points: &[Point], style: Style, buf: &mut Buffer) {
    let th = &app.theme;
    let x1 = g.x1();
    let w = usize::from(x1.saturating_sub(g.plot_x));
    let mut cells = Cells {
        x0: g.plot_x,
        y0: t.y,
        w,
        taken: vec![false; w * usize::from(t.height)],
    };
    let eighths = |share: f64| ((share * f64::from(t.height) * 8.0).round() as u16).clamp(1, t.height * 8);
    let style_of = |p: &Point| {
        let mut s = if p.after_review { th.style(Role::Muted) } else { style };
        if is_evidence(app, p.event) {
            s = s.patch(th.style(Role::Evidence));
        }
        if app.view.event == Some(p.event) {
            s = s.add_modifier(Modifier::BOLD);
        }
        s
    };
    let bottom = t.y + t.height - 1;
    let mut tops = Vec::new();
    for p in points {
        let x = g.col_of(p.day);
        if x >= x1 {
            continue;
        }
        let (full, part) = (eighths(p.share) / 8, eighths(p.share) % 8);
        let s = style_of(p);
        let mut y = bottom;
        for _ in 0..full {
            buf.set_string(x, y, app.glyphs.spark(7), s);
            cells.take(x, y, 1);
            y = y.saturating_sub(1);
        }
        let top = if part > 0 {
            buf.set_string(x, y, app.glyphs.spark(usize::from(part - 1)), s);
            cells.take(x, y, 1);
            y
        } else {
            y + 1
        };
        tops.push((x, top.min(bottom), p));
    }
    for (x, top, p) in tops {
        let n = textfit::width(&p.number);
        // the selected assessment's number in reverse video (its column of
        // full blocks would vanish in reverse video)
        let mut s = style_of(p);
        if app.view.event == Some(p.event) {
            s = s.add_modifier(Modifier::REVERSED);
        }
        // beside the top of the column, with a free cell after it; else above it
        let beside = cells.free(x + 1, top, n + 1) || (x + 1 + n as u16 == x1 && cells.free(x + 1, top, n));
        if beside {
            buf.set_string(x + 1, top, &p.number, s);
            cells.take(x + 1, top, n);
        } else if top > t.y && cells.free(x, top - 1, n) {
            buf.set_string(x, top - 1, &p.number, s);
            cells.take(x, top - 1, n);
        }
    }
}
