//! The timeline pane: one lane per track on a shared week axis from onset,
//! bars for courses, markers for dated events, the review date marked,
//! later events greyed, and the pain and function traces under the lanes.
//! Weeks scale to the columns available; a label is drawn only where it
//! fits, so labels never run into each other.

use super::app::App;
use super::glyphs::Glyphs;
use super::textfit;
use crate::case::describe::DateStyle;
use crate::case::{Case, Date, EventKind, EventRef, days_between};
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

/// One screen row of a lane: the events drawn on it.
#[derive(Debug, Clone)]
pub struct LaneRow {
    pub lane: usize,
    pub y: u16,
    pub events: Vec<EventRef>,
}

/// Where things go inside the timeline's borders. Overlapping courses (two
/// medications at once) get rows of their own while the pane has room.
#[derive(Debug, Clone)]
pub struct Geometry {
    pub inner: Rect,
    pub plot_x: u16,
    pub plot_w: u16,
    onset: Date,
    span_days: i64,
    pub rows: Vec<LaneRow>,
    pain_y: u16,
}

impl Geometry {
    pub fn new(case: &Case, events: &[EventRef], area: Rect) -> Geometry {
        let mut g = Geometry::scale(case, area);
        g.pack(case, events);
        g
    }

    fn scale(case: &Case, area: Rect) -> Geometry {
        let inner = Rect {
            x: area.x + 1,
            y: area.y + 1,
            width: area.width.saturating_sub(2),
            height: area.height.saturating_sub(2),
        };
        let end = case.latest_recorded_date().max(case.as_of);
        // a week of margin so the last marker's label has room
        let span_days = (days_between(case.presentation.onset, end) + 7).max(14);
        Geometry {
            inner,
            plot_x: inner.x + LABEL_W,
            plot_w: inner.width.saturating_sub(LABEL_W + 1).max(1),
            onset: case.presentation.onset,
            span_days,
            rows: Vec::new(),
            pain_y: 0,
        }
    }

    /// The columns an event covers, with room for its label.
    fn extent(&self, case: &Case, r: EventRef) -> (u16, u16) {
        let start = self.col_of(case.event_date(r));
        let end = case
            .event_end(r)
            .map_or(start, |e| self.col_of(e.max(case.event_date(r))));
        let label = textfit::width(&short_label(case, r)).min(18) as u16;
        (start, end + 1 + label)
    }

    /// Gives each lane one row, then spare rows to lanes whose events
    /// overlap, first-fit.
    fn pack(&mut self, case: &Case, events: &[EventRef]) {
        let fixed = 1 + LANES.len() as u16 + 2;
        let mut spare = self.inner.height.saturating_sub(fixed);
        let mut lanes: Vec<Vec<Vec<EventRef>>> = Vec::new();
        for (_, kinds, _) in LANES {
            let mut rows: Vec<(u16, Vec<EventRef>)> = Vec::new();
            for &r in events.iter().filter(|r| kinds.contains(&r.kind)) {
                let (start, end) = self.extent(case, r);
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

    pub fn col_of(&self, d: Date) -> u16 {
        let days = days_between(self.onset, d).clamp(0, self.span_days);
        let w = i64::from(self.plot_w.saturating_sub(1));
        self.plot_x + (days * w / self.span_days) as u16
    }

    fn date_at(&self, col: u16) -> Date {
        let offset = i64::from(col.saturating_sub(self.plot_x));
        let w = i64::from(self.plot_w.saturating_sub(1).max(1));
        let days = offset * self.span_days / w;
        self.onset
            .checked_add(jiff::Span::new().days(days))
            .unwrap_or(self.onset)
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
    pub fn hit(&self, case: &Case, events: &[EventRef], x: u16, y: u16) -> Option<usize> {
        let on_row: Vec<EventRef> = if y == self.pain_row() || y == self.function_row() {
            events
                .iter()
                .copied()
                .filter(|r| r.kind == EventKind::Assessment)
                .collect()
        } else {
            self.rows.iter().find(|r| r.y == y)?.events.clone()
        };
        events
            .iter()
            .enumerate()
            .filter(|(_, r)| on_row.contains(r))
            .map(|(i, r)| {
                let start = self.col_of(case.event_date(*r));
                let end = case.event_end(*r).map_or(start, |e| self.col_of(e));
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

fn event_style(app: &App, case: &Case, r: EventRef, lane: Role, selected: Option<EventRef>) -> Style {
    let theme: &Theme = &app.theme;
    let mut style = if case.event_date(r) > case.as_of {
        theme.style(Role::Muted)
    } else {
        theme.style(lane)
    };
    if app.evidence().contains(&r) {
        style = style.patch(theme.style(Role::Evidence));
    }
    if selected == Some(r) {
        style = style
            .patch(theme.style(Role::Selection))
            .add_modifier(Modifier::REVERSED);
    }
    style
}

/// Draws the lanes, axis and traces inside `area` (borders are the caller's).
pub fn draw(app: &App, case: &Case, area: Rect, buf: &mut Buffer) {
    let g = Geometry::new(case, app.timeline_events(), area);
    // step-through draws nothing past its "now"
    let now = app.view.step.as_ref().map_or(case.as_of, |s| s.now());
    let glyphs = app.glyphs;
    let theme = &app.theme;
    let x1 = g.inner.x + g.inner.width;
    if g.inner.height == 0 || g.inner.width <= LABEL_W + 2 {
        return;
    }
    draw_axis(app, case, &g, buf);
    let selected = app.selected_event();
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
        for &r in &lane_row.events {
            let style = event_style(app, case, r, role, selected);
            if let Some(bar) = bar_glyph(case, r, glyphs) {
                let start = g.col_of(case.event_date(r));
                let until = case.event_end(r).unwrap_or(case.as_of);
                let until = if app.view.step.is_some() { until.min(now) } else { until };
                let end = g.col_of(until.max(case.event_date(r)));
                for x in start..=end {
                    row.put(x, bar, style);
                }
            } else {
                let glyph = if app.view.excluded.contains(&r) {
                    glyphs.excluded()
                } else {
                    marker_glyph(r.kind, glyphs)
                };
                row.put(g.col_of(case.event_date(r)), glyph, style);
            }
        }
        for &r in &lane_row.events {
            let style = event_style(app, case, r, role, selected).remove_modifier(Modifier::REVERSED);
            let style = if selected == Some(r) {
                style.add_modifier(Modifier::BOLD)
            } else {
                style
            };
            // a course still running at the step-through's "now" has no counts yet
            let running = app.view.step.is_some() && case.event_end(r).is_none_or(|e| e > now);
            let label = if running && r.kind == EventKind::Pt {
                String::new()
            } else {
                app.inline(case, &short_label(case, r))
            };
            let start = g.col_of(case.event_date(r));
            // in step-through a course ends, for now, at "now"
            let clamp = |e: Date| if app.view.step.is_some() { e.min(now) } else { e };
            let end = case.event_end(r).map(|e| g.col_of(clamp(e).max(case.event_date(r))));
            let at = end.map_or(start + 1, |e| e + 1);
            // an open course runs to the review date
            let bar_end =
                bar_glyph(case, r, glyphs).map(|_| end.unwrap_or_else(|| g.col_of(case.as_of.max(case.event_date(r)))));
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
    draw_traces(app, case, &g, buf);
}

fn bar_glyph(case: &Case, r: EventRef, glyphs: Glyphs) -> Option<&'static str> {
    match r.kind {
        EventKind::Pt => Some(if case.pt[r.index].phase == crate::case::Phase::PostOp {
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

/// The few words drawn beside a marker or bar.
fn short_label(case: &Case, r: EventRef) -> String {
    match r.kind {
        EventKind::Pt => {
            let c = &case.pt[r.index];
            let phase = if c.phase == crate::case::Phase::PostOp {
                "post-op"
            } else {
                ""
            };
            match (c.sessions_attended, c.sessions_planned) {
                (Some(a), Some(p)) => format!("{phase}{}{a}/{p}", if phase.is_empty() { "" } else { " " }),
                _ => phase.to_string(),
            }
        }
        EventKind::Workup => case.workup[r.index].test.label().to_string(),
        EventKind::Medication => case.medication[r.index].drug.clone(),
        EventKind::Injection => {
            let i = &case.injection[r.index];
            match i.relief_percent {
                Some(p) => format!("{} {p}%", i.kind.label()),
                None => i.kind.label().to_string(),
            }
        }
        EventKind::Consult => "consult".to_string(),
        EventKind::Surgery => "surgery".to_string(),
        EventKind::Assessment => String::new(),
    }
}

fn draw_axis(app: &App, case: &Case, g: &Geometry, buf: &mut Buffer) {
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
    let step_now = app.view.step.as_ref().map(|s| s.now());
    let marked = step_now.unwrap_or(case.as_of);
    let as_of_col = g.col_of(marked);
    row.put(as_of_col, app.glyphs.as_of(), theme.style(Role::AsOf));
    let total_weeks = g.span_days / 7;
    let mut week = 0;
    while week <= total_weeks {
        let d = case
            .presentation
            .onset
            .checked_add(jiff::Span::new().days(week * 7))
            .unwrap_or(case.as_of);
        let label = if week == 0 { "0".to_string() } else { week.to_string() };
        row.label(g.col_of(d), &label, theme.style(Role::Muted));
        week += step;
    }
    // the review date, named where there is room after the marker
    let style = if app.present {
        DateStyle::WeeksFromOnset
    } else {
        DateStyle::Calendar
    };
    let as_of_label = match (step_now, app.present) {
        (Some(now), _) => format!("now {}", case.date_label(now, style)),
        (None, true) => case.date_label(case.as_of, style),
        (None, false) => format!("as of {}", case.as_of),
    };
    row.label(as_of_col + 1, &as_of_label, theme.style(Role::AsOf));
}

fn draw_traces(app: &App, case: &Case, g: &Geometry, buf: &mut Buffer) {
    let theme = &app.theme;
    let glyphs = app.glyphs;
    let bottom = g.inner.y + g.inner.height;
    let x1 = g.inner.x + g.inner.width;
    let selected = app.selected_event();
    let evidence = app.evidence();
    let assessments = &case.assessment;
    // step-through shows no measure past its "now"
    let shown = |d: Date| app.view.step.as_ref().is_none_or(|s| d <= s.now());
    // pain: the latest rating at or before each column's date
    if g.pain_row() < bottom {
        buf.set_string(
            g.inner.x,
            g.pain_row(),
            "Pain 0-10",
            theme.style(Role::Pain).add_modifier(Modifier::BOLD),
        );
        let points: Vec<(Date, f64, usize)> = assessments
            .iter()
            .enumerate()
            .filter(|(_, a)| shown(a.date))
            .filter_map(|(i, a)| Some((a.date, f64::from(a.pain?) / 10.0, i)))
            .collect();
        trace(
            buf,
            g,
            g.pain_row(),
            x1,
            &points,
            case,
            theme.style(Role::Pain),
            theme,
            glyphs,
            selected,
            evidence,
        );
    }
    if g.function_row() < bottom {
        let Some(first) = assessments.iter().find_map(|a| a.function) else {
            return;
        };
        let inst = first.instrument;
        let (_, hi) = inst.range();
        let arrow = if inst.higher_is_better() { "↑" } else { "↓" };
        let arrow = if glyphs.ascii {
            if inst.higher_is_better() { "^" } else { "v" }
        } else {
            arrow
        };
        let label = format!("{}{arrow}", inst.display_name());
        buf.set_string(
            g.inner.x,
            g.function_row(),
            textfit::fit(&label, usize::from(LABEL_W - 1), glyphs.ellipsis()),
            theme.style(Role::Function).add_modifier(Modifier::BOLD),
        );
        let points: Vec<(Date, f64, usize)> = assessments
            .iter()
            .enumerate()
            .filter(|(_, a)| shown(a.date))
            .filter_map(|(i, a)| {
                let f = a.function.filter(|f| f.instrument == inst)?;
                Some((a.date, f.score / hi, i))
            })
            .collect();
        trace(
            buf,
            g,
            g.function_row(),
            x1,
            &points,
            case,
            theme.style(Role::Function),
            theme,
            glyphs,
            selected,
            evidence,
        );
    }
}

/// A step trace: each column shows the latest value at or before its date,
/// from the first measure to the last; the column of each measure is
/// highlighted when that assessment is selected or is evidence.
#[allow(clippy::too_many_arguments)]
fn trace(
    buf: &mut Buffer,
    g: &Geometry,
    y: u16,
    x1: u16,
    points: &[(Date, f64, usize)],
    case: &Case,
    style: Style,
    theme: &Theme,
    glyphs: Glyphs,
    selected: Option<EventRef>,
    evidence: &[EventRef],
) {
    let Some(&(first, ..)) = points.first() else { return };
    let last = points.last().map_or(first, |p| p.0);
    let (c0, c1) = (g.col_of(first), g.col_of(last));
    for x in c0..=c1.min(x1.saturating_sub(1)) {
        let d = g.date_at(x);
        let value = points
            .iter()
            .take_while(|p| p.0 <= d)
            .last()
            .map_or(points[0].1, |p| p.1);
        let level = (value * 7.0).round().clamp(0.0, 7.0) as usize;
        let s = if d > case.as_of {
            theme.style(Role::Muted)
        } else {
            style
        };
        buf.set_string(x, y, glyphs.spark(level), s);
    }
    for &(d, value, i) in points {
        let r = EventRef::new(EventKind::Assessment, i);
        let x = g.col_of(d);
        let level = (value * 7.0).round().clamp(0.0, 7.0) as usize;
        if selected == Some(r) {
            buf.set_string(
                x,
                y,
                glyphs.spark(level),
                style
                    .patch(theme.style(Role::Selection))
                    .add_modifier(Modifier::REVERSED),
            );
        } else if evidence.contains(&r) {
            buf.set_string(x, y, glyphs.spark(level), style.patch(theme.style(Role::Evidence)));
        }
    }
}
