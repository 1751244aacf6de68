//! The timeline pane: one lane per track on a shared week axis from onset,
//! bars for courses, markers for dated events, the review date marked,
//! later events greyed, and the pain and function traces under the lanes.
//! Weeks scale to the columns available; a label is drawn only where it
//! fits, so labels never run into each other. Everything is drawn from
//! the presented case (days from onset, presented labels), never from the
//! case file, so a follower's screen with no file draws the same.

use super::app::App;
use super::glyphs::Glyphs;
use super::textfit;
use crate::case::EventKind;
use crate::present::{CaseView, EventView};
use crate::theme::{Role, Theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

/// Lanes top to bottom: label, the event kinds drawn in it, the role.
const LANES: [(&str, &[EventKind], Role); 5] = [
    ("PT", &[EventKind::Pt], Role::LanePt),
    ("Workup", &[EventKind::Workup], Role::LaneWorkup),
    ("Meds", &[EventKind::Medication], Role::LaneMeds),
    ("Inject", &[EventKind::Injection], Role::LaneInject),
    ("Consult", &[EventKind::Consult, EventKind::Surgery], Role::LaneConsult),
];

const LABEL_W: u16 = 10;

/// One screen row of a lane: the events drawn on it (indices into the
/// case's events).
#[derive(Debug, Clone)]
pub struct LaneRow {
    pub lane: usize,
    pub y: u16,
    pub events: Vec<usize>,
}

/// Where things go inside the timeline's borders. Overlapping courses (two
/// medications at once) get rows of their own while the pane has room.
#[derive(Debug, Clone)]
pub struct Geometry {
    pub inner: Rect,
    pub plot_x: u16,
    pub plot_w: u16,
    /// Days from onset the axis covers.
    span_days: i64,
    pub rows: Vec<LaneRow>,
    pain_y: u16,
}

impl Geometry {
    /// `events` are the ones drawn: the case's events, or (step-through)
    /// those up to now, a prefix of them.
    pub fn new(view: &CaseView, events: &[EventView], area: Rect) -> Geometry {
        let mut g = Geometry::scale(view, area);
        g.pack(events);
        g
    }

    fn scale(view: &CaseView, area: Rect) -> Geometry {
        let inner = Rect {
            x: area.x + 1,
            y: area.y + 1,
            width: area.width.saturating_sub(2),
            height: area.height.saturating_sub(2),
        };
        // a week of margin so the last marker's label has room
        let span_days = (view.span_days + 7).max(14);
        Geometry {
            inner,
            plot_x: inner.x + LABEL_W,
            plot_w: inner.width.saturating_sub(LABEL_W + 1).max(1),
            span_days,
            rows: Vec::new(),
            pain_y: 0,
        }
    }

    /// The columns an event covers, with room for its label.
    fn extent(&self, e: &EventView) -> (u16, u16) {
        let start = self.col_of(e.day);
        let end = e.end_day.map_or(start, |d| self.col_of(d.max(e.day)));
        let label = textfit::width(&e.short).min(18) as u16;
        (start, end + 1 + label)
    }

    /// Gives each lane one row, then spare rows to lanes whose events
    /// overlap, first-fit.
    fn pack(&mut self, events: &[EventView]) {
        let fixed = 1 + LANES.len() as u16 + 2;
        let mut spare = self.inner.height.saturating_sub(fixed);
        let mut lanes: Vec<Vec<Vec<usize>>> = Vec::new();
        for (_, kinds, _) in LANES {
            let mut rows: Vec<(u16, Vec<usize>)> = Vec::new();
            for (r, e) in events.iter().enumerate().filter(|(_, e)| kinds.contains(&e.kind)) {
                let (start, end) = self.extent(e);
                let free = rows.iter().position(|(last_end, _)| *last_end < start);
                match free {
                    Some(i) => {
                        rows[i].0 = end;
                        rows[i].1.push(r);
                    }
                    None if rows.is_empty() || spare > 0 => {
                        if !rows.is_empty() {
                            spare -= 1;
                        }
                        rows.push((end, vec![r]));
                    }
                    None => {
                        // no room left: share the last row; labels that
                        // would collide are skipped when drawn
                        if let Some(row) = rows.last_mut() {
                            row.0 = row.0.max(end);
                            row.1.push(r);
                        }
                    }
                }
            }
            if rows.is_empty() {
                rows.push((0, Vec::new()));
            }
            lanes.push(rows.into_iter().map(|(_, evs)| evs).collect());
        }
        let mut y = self.inner.y + 1;
        for (lane, rows) in lanes.into_iter().enumerate() {
            for events in rows {
                self.rows.push(LaneRow { lane, y, events });
                y += 1;
            }
        }
        self.pain_y = y;
    }

    /// The column of a day (days from onset).
    pub fn col_of(&self, day: i64) -> u16 {
        let days = day.clamp(0, self.span_days);
        let w = i64::from(self.plot_w.saturating_sub(1));
        self.plot_x + (days * w / self.span_days) as u16
    }

    fn day_at(&self, col: u16) -> i64 {
        let offset = i64::from(col.saturating_sub(self.plot_x));
        let w = i64::from(self.plot_w.saturating_sub(1).max(1));
        offset * self.span_days / w
    }

    fn axis_row(&self) -> u16 {
        self.inner.y
    }

    fn pain_row(&self) -> u16 {
        self.pain_y
    }

    fn function_row(&self) -> u16 {
        self.pain_row() + 1
    }

    fn cols_per_week(&self) -> f64 {
        f64::from(self.plot_w) * 7.0 / self.span_days as f64
    }

    /// The event (index into `events`) under a click, nearest in its lane.
    pub fn hit(&self, events: &[EventView], x: u16, y: u16) -> Option<usize> {
        let on_row: Vec<usize> = if y == self.pain_row() || y == self.function_row() {
            (0..events.len())
                .filter(|&i| events[i].kind == EventKind::Assessment)
                .collect()
        } else {
            self.rows.iter().find(|r| r.y == y)?.events.clone()
        };
        events
            .iter()
            .enumerate()
            .filter(|(i, _)| on_row.contains(i))
            .map(|(i, e)| {
                let start = self.col_of(e.day);
                let end = e.end_day.map_or(start, |d| self.col_of(d));
                let dist = if (start..=end).contains(&x) {
                    0
                } else {
                    start.abs_diff(x).min(end.abs_diff(x))
                };
                (i, dist)
            })
            .filter(|(_, d)| *d <= 3)
            .min_by_key(|(_, d)| *d)
            .map(|(i, _)| i)
    }
}

/// Cells already written on a row, so labels do not overwrite markers.
struct Row<'a> {
    buf: &'a mut Buffer,
    y: u16,
    x0: u16,
    x1: u16,
    taken: Vec<bool>,
}

impl<'a> Row<'a> {
    fn new(buf: &'a mut Buffer, y: u16, x0: u16, x1: u16) -> Row<'a> {
        Row {
            buf,
            y,
            x0,
            x1,
            taken: vec![false; usize::from(x1.saturating_sub(x0))],
        }
    }

    fn put(&mut self, x: u16, s: &str, style: Style) {
        if x < self.x0 || x >= self.x1 {
            return;
        }
        self.buf.set_string(x, self.y, s, style);
        self.taken[usize::from(x - self.x0)] = true;
    }

    /// Writes `label` at `x` only if every cell it needs is free.
    fn label(&mut self, x: u16, label: &str, style: Style) -> bool {
        let w = textfit::width(label) as u16;
        if w == 0 || x < self.x0 || x + w > self.x1 {
            return false;
        }
        let from = usize::from(x - self.x0);
        if self.taken[from..from + usize::from(w)].iter().any(|t| *t) {
            return false;
        }
        self.buf.set_string(x, self.y, label, style);
        self.taken[from..from + usize::from(w)]
            .iter_mut()
            .for_each(|t| *t = true);
        true
    }
}

/// Whether the event at index `i` of the case's events is evidence of the
/// focused criterion.
fn is_evidence(app: &App, i: usize) -> bool {
    app.view.events.get(i).is_some_and(|r| app.evidence().contains(r))
}

fn event_style(app: &App, i: usize, e: &EventView, lane: Role, selected: Option<usize>) -> Style {
    let theme: &Theme = &app.theme;
    let mut style = if e.after_review {
        theme.style(Role::Muted)
    } else {
        theme.style(lane)
    };
    if is_evidence(app, i) {
        style = style.patch(theme.style(Role::Evidence));
    }
    if selected == Some(i) {
        style = style
            .patch(theme.style(Role::Selection))
            .add_modifier(Modifier::REVERSED);
    }
    style
}

/// Draws the lanes, axis and traces inside `area` (borders are the caller's).
pub fn draw(app: &App, view: &CaseView, area: Rect, buf: &mut Buffer) {
    let events = &view.events[..app.timeline_events().len().min(view.events.len())];
    let g = Geometry::new(view, events, area);
    // step-through draws nothing past its "now"
    let step_now = step_now(app);
    let now = step_now.unwrap_or(view.review_day);
    let glyphs = app.glyphs;
    let theme = &app.theme;
    let x1 = g.inner.x + g.inner.width;
    if g.inner.height == 0 || g.inner.width <= LABEL_W + 2 {
        return;
    }
    draw_axis(app, view, &g, buf);
    let selected = app.view.event;
    let bottom = g.inner.y + g.inner.height;
    let mut labelled = [false; LANES.len()];
    for lane_row in &g.rows {
        let y = lane_row.y;
        if y >= bottom {
            return;
        }
        let (label, _, role) = LANES[lane_row.lane];
        if !labelled[lane_row.lane] {
            buf.set_string(g.inner.x, y, label, theme.style(role).add_modifier(Modifier::BOLD));
            labelled[lane_row.lane] = true;
        }
        let mut row = Row::new(buf, y, g.plot_x, x1);
        // bars first, then markers, then labels where they fit
        for &i in &lane_row.events {
            let e = &events[i];
            let style = event_style(app, i, e, role, selected);
            if let Some(bar) = bar_glyph(e, glyphs) {
                let start = g.col_of(e.day);
                let until = e.end_day.unwrap_or(view.review_day);
                let until = if step_now.is_some() { until.min(now) } else { until };
                let end = g.col_of(until.max(e.day));
                for x in start..=end {
                    row.put(x, bar, style);
                }
            } else {
                let excluded = app.view.events.get(i).is_some_and(|r| app.view.excluded.contains(r));
                let glyph = if excluded {
                    glyphs.excluded()
                } else {
                    marker_glyph(e.kind, glyphs)
                };
                row.put(g.col_of(e.day), glyph, style);
            }
        }
        for &i in &lane_row.events {
            let e = &events[i];
            let style = event_style(app, i, e, role, selected).remove_modifier(Modifier::REVERSED);
            let style = if selected == Some(i) {
                style.add_modifier(Modifier::BOLD)
            } else {
                style
            };
            // a course still running at the step-through's "now" has no counts yet
            let running = step_now.is_some() && e.end_day.is_none_or(|d| d > now);
            let label = if running && e.kind == EventKind::Pt {
                String::new()
            } else {
                app.ascii(&e.short).into_owned()
            };
            let start = g.col_of(e.day);
            // in step-through a course ends, for now, at "now"
            let clamp = |d: i64| if step_now.is_some() { d.min(now) } else { d };
            let end = e.end_day.map(|d| g.col_of(clamp(d).max(e.day)));
            let at = end.map_or(start + 1, |e| e + 1);
            // an open course runs to the review date
            let bar_end = bar_glyph(e, glyphs).map(|_| end.unwrap_or_else(|| g.col_of(view.review_day.max(e.day))));
            let room = usize::from(x1.saturating_sub(at));
            let placed = room >= 3 && row.label(at, &textfit::fit(&label, room.min(18), glyphs.ellipsis()), style);
            // a course running to the edge carries its label inside the bar
            if let (false, Some(end)) = (placed, bar_end) {
                let inside = usize::from(end.saturating_sub(start)).saturating_sub(1);
                if inside >= 4 {
                    let fitted = textfit::fit(&format!(" {label} "), inside.min(20), glyphs.ellipsis());
                    row.buf
                        .set_string(start + 1, y, fitted, style.add_modifier(Modifier::REVERSED));
                }
            }
        }
    }
    draw_traces(app, view, &g, buf);
}

/// The step-through's "now" in days from onset: the day the verdict on
/// screen was evaluated as of.
fn step_now(app: &App) -> Option<i64> {
    app.view.step.as_ref()?;
    app.view.verdict.as_ref().map(|v| v.as_of_day)
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

fn draw_axis(app: &App, view: &CaseView, g: &Geometry, buf: &mut Buffer) {
    let theme = &app.theme;
    let y = g.axis_row();
    let x1 = g.inner.x + g.inner.width;
    buf.set_string(g.inner.x, y, "week", theme.style(Role::Muted));
    let per_week = g.cols_per_week();
    let step = [1i64, 2, 4, 8, 12, 26, 52, 104, 260]
        .into_iter()
        .find(|s| per_week * *s as f64 >= 5.0)
        .unwrap_or(520);
    let mut row = Row::new(buf, y, g.plot_x, x1);
    // the review date, or the step-through's "now"
    let step_now = step_now(app);
    let marked = step_now.unwrap_or(view.review_day);
    let as_of_col = g.col_of(marked);
    row.put(as_of_col, app.glyphs.as_of(), theme.style(Role::AsOf));
    let total_weeks = g.span_days / 7;
    let mut week = 0;
    while week <= total_weeks {
        let label = if week == 0 { "0".to_string() } else { week.to_string() };
        row.label(g.col_of(week * 7), &label, theme.style(Role::Muted));
        week += step;
    }
    // the review date (or "now"), as presented, where there is room after the marker
    let as_of_label = match (step_now, &app.view.verdict) {
        (Some(_), Some(v)) => format!("now {}", v.as_of),
        _ if view.privacy.is_deidentified() => view.review_label.clone(),
        _ => format!("as of {}", view.review_label),
    };
    row.label(as_of_col + 1, &as_of_label, theme.style(Role::AsOf));
}

fn draw_traces(app: &App, view: &CaseView, g: &Geometry, buf: &mut Buffer) {
    let theme = &app.theme;
    let glyphs = app.glyphs;
    let bottom = g.inner.y + g.inner.height;
    let x1 = g.inner.x + g.inner.width;
    let selected = app.view.event;
    // the assessments, with their index among the case's events
    let assessments: Vec<(usize, &EventView)> = view
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EventKind::Assessment)
        .collect();
    // step-through shows no measure past its "now"
    let step_now = step_now(app);
    let shown = |day: i64| step_now.is_none_or(|now| day <= now);
    let traced = Traced {
        g,
        x1,
        review_day: view.review_day,
        theme,
        glyphs,
        selected,
        app,
    };
    // pain: the latest rating at or before each column's date
    if g.pain_row() < bottom {
        buf.set_string(
            g.inner.x,
            g.pain_row(),
            "Pain 0-10",
            theme.style(Role::Pain).add_modifier(Modifier::BOLD),
        );
        let points: Vec<(i64, f64, usize)> = assessments
            .iter()
            .filter(|(_, e)| shown(e.day))
            .filter_map(|&(i, e)| Some((e.day, f64::from(e.pain?) / 10.0, i)))
            .collect();
        traced.trace(buf, g.pain_row(), &points, theme.style(Role::Pain));
    }
    if g.function_row() < bottom {
        let Some(first) = assessments.iter().find_map(|(_, e)| e.function.as_ref()) else {
            return;
        };
        let arrow = match (first.higher_is_better, glyphs.ascii) {
            (true, false) => "↑",
            (false, false) => "↓",
            (true, true) => "^",
            (false, true) => "v",
        };
        let label = format!("{}{arrow}", first.name);
        buf.set_string(
            g.inner.x,
            g.function_row(),
            textfit::fit(&label, usize::from(LABEL_W - 1), glyphs.ellipsis()),
            theme.style(Role::Function).add_modifier(Modifier::BOLD),
        );
        let points: Vec<(i64, f64, usize)> = assessments
            .iter()
            .filter(|(_, e)| shown(e.day))
            .filter_map(|&(i, e)| {
                let f = e.function.as_ref().filter(|f| f.instrument == first.instrument)?;
                Some((e.day, f.score / f.max, i))
            })
            .collect();
        traced.trace(buf, g.function_row(), &points, theme.style(Role::Function));
    }
}

/// What a trace row needs besides its points.
struct Traced<'a> {
    g: &'a Geometry,
    x1: u16,
    review_day: i64,
    theme: &'a Theme,
    glyphs: Glyphs,
    selected: Option<usize>,
    app: &'a App,
}

impl Traced<'_> {
    /// A step trace: each column shows the latest value at or before its
    /// day, from the first measure to the last; the column of each measure
    /// is highlighted when that assessment is selected or is evidence.
    /// Points are (day, value 0–1, index among the case's events).
    fn trace(&self, buf: &mut Buffer, y: u16, points: &[(i64, f64, usize)], style: Style) {
        let (g, theme, glyphs) = (self.g, self.theme, self.glyphs);
        let Some(&(first, ..)) = points.first() else { return };
        let last = points.last().map_or(first, |p| p.0);
        let (c0, c1) = (g.col_of(first), g.col_of(last));
        for x in c0..=c1.min(self.x1.saturating_sub(1)) {
            let d = g.day_at(x);
            let value = points
                .iter()
                .take_while(|p| p.0 <= d)
                .last()
                .map_or(points[0].1, |p| p.1);
            let level = (value * 7.0).round().clamp(0.0, 7.0) as usize;
            let s = if d > self.review_day {
                theme.style(Role::Muted)
            } else {
                style
            };
            buf.set_string(x, y, glyphs.spark(level), s);
        }
        for &(d, value, i) in points {
            let x = g.col_of(d);
            let level = (value * 7.0).round().clamp(0.0, 7.0) as usize;
            if self.selected == Some(i) {
                buf.set_string(
                    x,
                    y,
                    glyphs.spark(level),
                    style
                        .patch(theme.style(Role::Selection))
                        .add_modifier(Modifier::REVERSED),
                );
            } else if is_evidence(self.app, i) {
                buf.set_string(x, y, glyphs.spark(level), style.patch(theme.style(Role::Evidence)));
            }
        }
    }
}
