//! The timeline pane: one lane per track on a shared week axis from onset,
//! bars for courses (concurrent ones on rows of their own), markers for
//! dated events, each label right of its mark, the review date marked,
//! later events greyed; under the lanes, pain and function as values over
//! time (`traces.rs`). `geometry.rs` places it all. Everything is drawn
//! from the presented case (days from onset, presented labels), never
//! from the case file, so a follower's screen with no file draws the same.

pub(super) mod geometry;
mod traces;

pub use geometry::{Geometry, LABEL_MAX, LABEL_W, LANES, LaneRow, Trace};

use super::app::App;
use super::glyphs::Glyphs;
use super::textfit;
use crate::case::EventKind;
use crate::present::{CaseView, EventView};
use crate::theme::{Role, Theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

/// Cells already written on a row, so labels do not overwrite markers.
pub(super) struct Row<'a> {
    pub buf: &'a mut Buffer,
    y: u16,
    x0: u16,
    x1: u16,
    taken: Vec<bool>,
}

impl<'a> Row<'a> {
    pub fn new(buf: &'a mut Buffer, y: u16, x0: u16, x1: u16) -> Row<'a> {
        Row {
            buf,
            y,
            x0,
            x1,
            taken: vec![false; usize::from(x1.saturating_sub(x0))],
        }
    }

    pub fn put(&mut self, x: u16, s: &str, style: Style) {
        if x < self.x0 || x >= self.x1 {
            return;
        }
        self.buf.set_string(x, self.y, s, style);
        self.taken[usize::from(x - self.x0)] = true;
    }

    /// The free cells from `x` on, up to the next taken one.
    pub fn free_from(&self, x: u16) -> usize {
        if x < self.x0 || x >= self.x1 {
            return 0;
        }
        self.taken[usize::from(x - self.x0)..]
            .iter()
            .take_while(|t| !**t)
            .count()
    }

    /// Writes `label` at `x` only if every cell it needs is free.
    pub fn label(&mut self, x: u16, label: &str, style: Style) -> bool {
        let w = textfit::width(label);
        if w == 0 || self.free_from(x) < w {
            return false;
        }
        self.buf.set_string(x, self.y, label, style);
        let from = usize::from(x - self.x0);
        self.taken[from..from + w].iter_mut().for_each(|t| *t = true);
        true
    }
}

/// Whether the event at index `i` of the case's events is evidence of the
/// focused criterion.
pub(super) fn is_evidence(app: &App, i: usize) -> bool {
    if app.is_follower() {
        // the verdict view names its evidence by index; the host's
        // criterion is not in its state, so only a follower browsing on its
        // own highlights the evidence of the criterion it chose
        let shown = !app.is_following()
            && (app.focus == crate::tui::layout::Pane::Readiness || app.view.evidence_walk.is_some());
        return shown
            && app
                .view
                .verdict
                .as_ref()
                .and_then(|v| v.criteria.get(app.view.criterion))
                .is_some_and(|c| c.evidence.contains(&i));
    }
    app.view.events.get(i).is_some_and(|r| app.evidence().contains(r))
}

fn event_style(app: &App, i: usize, e: &EventView, lane: Role) -> Style {
    let theme: &Theme = &app.theme;
    let mut style = if e.after_review {
        theme.style(Role::Muted)
    } else {
        theme.style(lane)
    };
    if is_evidence(app, i) {
        style = style.patch(theme.style(Role::Evidence));
    }
    if app.view.event == Some(i) {
        style = style.add_modifier(Modifier::BOLD);
    }
    // what-if: an event left out of scoring is struck through
    if app.is_left_out(i) {
        style = style.add_modifier(Modifier::CROSSED_OUT | Modifier::DIM);
    }
    style
}

/// The selected event stands out in reverse video of its own colour,
/// legible in every theme and depth: its marker and its label. (A bar of
/// full blocks in reverse video would show as a gap, so bars keep theirs.)
fn selected(style: Style) -> Style {
    style.add_modifier(Modifier::REVERSED | Modifier::BOLD)
}

/// The step-through's "now" in days from onset: the day the verdict on
/// screen was evaluated as of.
pub(super) fn step_now(app: &App) -> Option<i64> {
    app.step_at()?;
    app.view.verdict.as_ref().map(|v| v.as_of_day)
}

/// Draws the lanes, axis and traces inside `area` (borders are the caller's).
pub fn draw(app: &App, view: &CaseView, area: Rect, buf: &mut Buffer) {
    let events = app.timeline_shown();
    let g = Geometry::new(view, events, area);
    if g.inner.height == 0 || g.inner.width <= LABEL_W + 2 {
        return;
    }
    draw_axis(app, view, &g, buf);
    let bottom = g.inner.y + g.inner.height;
    let mut labelled = [false; LANES.len()];
    for lane_row in g.rows.iter().filter(|r| r.y < bottom) {
        let (label, _, role) = LANES[lane_row.lane];
        if !labelled[lane_row.lane] {
            let style = app.theme.style(role).add_modifier(Modifier::BOLD);
            buf.set_string(g.inner.x, lane_row.y, label, style);
            labelled[lane_row.lane] = true;
        }
        draw_row(app, view, events, &g, lane_row, buf);
    }
    traces::draw(app, events, &g, buf);
}

/// One lane row: bars and markers first, then each label right of its
/// mark where it fits (cut to the room before the next mark).
fn draw_row(app: &App, view: &CaseView, events: &[EventView], g: &Geometry, lane_row: &LaneRow, buf: &mut Buffer) {
    let glyphs = app.glyphs;
    let (_, _, role) = LANES[lane_row.lane];
    let now = step_now(app);
    // in step-through a course ends, for now, at "now"
    let until = |e: &EventView| {
        let end = e.end_day.unwrap_or(view.review_day);
        now.map_or(end, |n| end.min(n)).max(e.day)
    };
    let mut row = Row::new(buf, lane_row.y, g.plot_x, g.x1());
    let mut ends = Vec::new();
    for &i in &lane_row.events {
        let e = &events[i];
        let style = event_style(app, i, e, role);
        let start = g.col_of(e.day);
        let end = match bar_glyph(e, glyphs) {
            Some(bar) => {
                let end = g.col_of(until(e));
                for x in start..=end {
                    row.put(x, bar, style);
                }
                end
            }
            None => {
                let glyph = if app.is_left_out(i) {
                    glyphs.excluded()
                } else {
                    marker_glyph(e.kind, glyphs)
                };
                let style = if app.view.event == Some(i) {
                    selected(style)
                } else {
                    style
                };
                row.put(start, glyph, style);
                start
            }
        };
        ends.push((i, end));
    }
    for (i, end) in ends {
        let e = &events[i];
        let mut style = event_style(app, i, e, role);
        if app.view.event == Some(i) {
            style = selected(style);
        }
        let label = app.ascii(&e.short).into_owned();
        // up to the cell before the next mark, or to the edge
        let free = row.free_from(end + 1);
        let room = if end + 1 + (free as u16) < g.x1() {
            free.saturating_sub(1)
        } else {
            free
        }
        .min(LABEL_MAX);
        if room >= 3 || room >= textfit::width(&label) {
            row.label(end + 1, &textfit::fit(&label, room, glyphs.ellipsis()), style);
        }
    }
}

fn bar_glyph(e: &EventView, glyphs: Glyphs) -> Option<&'static str> {
    match e.kind {
        EventKind::Pt => Some(if e.post_op {
            glyphs.bar_postop()
        } else {
            glyphs.bar_pt()
        }),
        EventKind::Medication => Some(glyphs.bar_med()),
        _ => None,
    }
}

fn marker_glyph(kind: EventKind, glyphs: Glyphs) -> &'static str {
    match kind {
        EventKind::Workup => glyphs.marker_workup(),
        EventKind::Injection => glyphs.marker_injection(),
        EventKind::Surgery => glyphs.marker_surgery(),
        _ => glyphs.marker_consult(),
    }
}

/// Weeks between axis labels: a round number of weeks wide enough for the
/// widest label and a space, however long the case (a century of weeks
/// has five-digit labels).
fn week_step(cols_per_week: f64, total_weeks: i64) -> i64 {
    let widest = total_weeks.max(0).to_string().len() as f64 + 1.0;
    let needed = widest.max(5.0);
    let mut candidates = vec![1i64, 2, 4, 8, 12, 26, 52, 104, 260, 520];
    let mut n = 1040;
    while n <= total_weeks.max(1) * 2 {
        candidates.push(n);
        n *= 2;
    }
    candidates.push(n);
    candidates
        .into_iter()
        .find(|s| cols_per_week * *s as f64 >= needed)
        .unwrap_or(n)
}

fn draw_axis(app: &App, view: &CaseView, g: &Geometry, buf: &mut Buffer) {
    let theme = &app.theme;
    let y = g.inner.y;
    buf.set_string(g.inner.x, y, "week", theme.style(Role::Muted));
    let total_weeks = g.span_days / 7;
    let step = week_step(g.cols_per_week(), total_weeks);
    let mut row = Row::new(buf, y, g.plot_x, g.x1());
    // the review date, or the step-through's "now"
    let now = step_now(app);
    let as_of_col = g.col_of(now.unwrap_or(view.review_day));
    row.put(as_of_col, app.glyphs.as_of(), theme.style(Role::AsOf));
    let mut week = 0;
    // a label after the previous one's end and a space, never against it
    let mut free_at = 0u16;
    while week <= total_weeks {
        let x = g.col_of(week * 7);
        let label = week.to_string();
        if x >= free_at && row.label(x, &label, theme.style(Role::Muted)) {
            free_at = x + textfit::width(&label) as u16 + 1;
        }
        week += step;
    }
    // the review date (or "now"), as presented, where there is room after the marker
    let as_of_label = match (now, &app.view.verdict) {
        (Some(_), Some(v)) => format!("now {}", v.as_of),
        _ if view.privacy.is_deidentified() => view.review_label.clone(),
        _ => format!("as of {}", view.review_label),
    };
    row.label(as_of_col + 1, &as_of_label, theme.style(Role::AsOf));
}

#[cfg(test)]
mod tests {
    use super::week_step;

    #[test]
    fn axis_steps_leave_room_for_the_widest_label() {
        // 20 weeks over 60 columns: every 2 weeks is 6 columns
        assert_eq!(week_step(3.0, 20), 2);
        // two centuries over 60 columns: labels of 5 digits need 6 columns
        let weeks = 10_500;
        let per_week = 60.0 / weeks as f64;
        let step = week_step(per_week, weeks);
        assert!(per_week * step as f64 >= 6.0, "{step}");
    }
}
