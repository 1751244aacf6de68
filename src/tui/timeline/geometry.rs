//! Where the timeline's parts go inside its borders, as cBioPortal's
//! clinical timeline lays a patient out: the week axis on top; a lane per
//! track, where courses that overlap never share a row (an ongoing course
//! runs to the review date) and, with room, each course has a row of its
//! own; then the pain and function traces, as tall as the pane allows.
//! Labels sit right of their mark, always; the plot keeps a margin at the
//! right so the last ones fit. One function of the view and the area, so
//! drawing, clicks and the layout's height agree.

use crate::case::EventKind;
use crate::present::{CaseView, EventView};
use crate::theme::Role;
use crate::tui::layout::Need;
use crate::tui::textfit;
use ratatui::layout::Rect;

/// Lanes top to bottom: label, the event kinds drawn in it, the role.
pub const LANES: [(&str, &[EventKind], Role); 5] = [
    ("PT", &[EventKind::Pt], Role::LanePt),
    ("Workup", &[EventKind::Workup], Role::LaneWorkup),
    ("Meds", &[EventKind::Medication], Role::LaneMeds),
    ("Inject", &[EventKind::Injection], Role::LaneInject),
    ("Consult", &[EventKind::Consult, EventKind::Surgery], Role::LaneConsult),
];

/// The lane and trace names' column.
pub const LABEL_W: u16 = 10;
/// A label beside its mark is at most this wide (the detail has the rest).
pub const LABEL_MAX: usize = 16;

/// Pain trace heights: at least, comfortably, at most.
const PAIN: (u16, u16, u16) = (1, 3, 10);
const FUNCTION: (u16, u16, u16) = (1, 2, 6);

/// One screen row of a lane: the events drawn on it (indices into the
/// case's events).
#[derive(Debug, Clone)]
pub struct LaneRow {
    pub lane: usize,
    pub y: u16,
    pub events: Vec<usize>,
}

/// The rows a trace covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trace {
    pub y: u16,
    pub height: u16,
}

impl Trace {
    pub fn contains(self, y: u16) -> bool {
        (self.y..self.y + self.height).contains(&y)
    }
}

#[derive(Debug, Clone)]
pub struct Geometry {
    pub inner: Rect,
    pub plot_x: u16,
    pub plot_w: u16,
    /// Days from onset the axis covers.
    pub span_days: i64,
    pub rows: Vec<LaneRow>,
    pub pain: Option<Trace>,
    pub function: Option<Trace>,
    /// The review day, to which an ongoing course runs.
    review_day: i64,
}

/// Each lane's rows: first fit (the fewest rows with no two overlapping
/// courses on one), and one row per course where a lane has courses.
struct Plan {
    fit: Vec<Vec<Vec<usize>>>,
    each: Vec<Vec<Vec<usize>>>,
    function: bool,
}

impl Plan {
    fn rows(lanes: &[Vec<Vec<usize>>]) -> u16 {
        lanes.iter().map(|l| l.len() as u16).sum()
    }
}

fn is_bar(kind: EventKind) -> bool {
    matches!(kind, EventKind::Pt | EventKind::Medication)
}

impl Geometry {
    /// `events` are the ones drawn: the case's events, or (step-through)
    /// those up to now, a prefix of them.
    pub fn new(view: &CaseView, events: &[EventView], area: Rect) -> Geometry {
        let mut g = Geometry::scale(view, events, area);
        let plan = g.plan(events);
        g.pack(plan);
        g
    }

    fn scale(view: &CaseView, events: &[EventView], area: Rect) -> Geometry {
        let inner = crate::tui::layout::inner(area);
        // a week of margin, and room at the right for the last labels
        let span_days = (view.span_days + 7).max(14);
        let widest = events
            .iter()
            .map(|e| textfit::width(&e.short).min(LABEL_MAX))
            .max()
            .unwrap_or(0);
        let room = inner.width.saturating_sub(LABEL_W + 1);
        let margin = (widest as u16 + 1).min(room / 5);
        Geometry {
            inner,
            plot_x: inner.x + LABEL_W,
            plot_w: room.saturating_sub(margin).max(1),
            span_days,
            rows: Vec::new(),
            pain: None,
            function: None,
            review_day: view.review_day,
        }
    }

    /// The columns an event covers, with its label; an ongoing course
    /// runs to the review date.
    pub fn extent(&self, e: &EventView) -> (u16, u16) {
        let start = self.col_of(e.day);
        let end = if is_bar(e.kind) {
            self.col_of(e.end_day.unwrap_or(self.review_day).max(e.day))
        } else {
            start
        };
        let label = textfit::width(&e.short).min(LABEL_MAX) as u16;
        (start, if label == 0 { end } else { end + 1 + label })
    }

    fn plan(&self, events: &[EventView]) -> Plan {
        let mut fit = Vec::new();
        let mut each = Vec::new();
        for (_, kinds, _) in LANES {
            let mine: Vec<usize> = (0..events.len()).filter(|&i| kinds.contains(&events[i].kind)).collect();
            let mut rows: Vec<(u16, Vec<usize>)> = Vec::new();
            for &i in &mine {
                let (start, end) = self.extent(&events[i]);
                match rows.iter().position(|(last_end, _)| *last_end < start) {
                    Some(r) => {
                        rows[r].0 = end;
                        rows[r].1.push(i);
                    }
                    None => rows.push((end, vec![i])),
                }
            }
            let rows: Vec<Vec<usize>> = rows.into_iter().map(|(_, evs)| evs).collect();
            let bars = mine.iter().all(|&i| is_bar(events[i].kind)) && mine.len() > rows.len();
            each.push(if bars {
                mine.iter().map(|&i| vec![i]).collect()
            } else {
                rows.clone()
            });
            fit.push(if rows.is_empty() { vec![Vec::new()] } else { rows });
        }
        for lane in &mut each {
            if lane.is_empty() {
                lane.push(Vec::new());
            }
        }
        let function = events
            .iter()
            .any(|e| e.kind == EventKind::Assessment && e.function.is_some());
        Plan { fit, each, function }
    }

    /// Lays the rows out in the inner height: every course apart first,
    /// then the traces a few rows, then a row per course, then the traces
    /// their full height.
    fn pack(&mut self, plan: Plan) {
        let h = self.inner.height;
        let f = u16::from(plan.function);
        let base = 1 + Plan::rows(&plan.fit) + PAIN.0 + f * FUNCTION.0;
        let (mut pain, mut func) = (PAIN.0, f * FUNCTION.0);
        let mut lanes = plan.fit;
        if h < base {
            // too little room: the rows of the fullest lane share, the last
            // two first (labels that would collide are skipped when drawn)
            let avail = h.saturating_sub(1 + pain + func).max(LANES.len() as u16);
            while Plan::rows(&lanes) > avail {
                let Some(lane) = lanes.iter_mut().filter(|l| l.len() > 1).max_by_key(|l| l.len()) else {
                    break;
                };
                let last = lane.pop().unwrap_or_default();
                if let Some(prev) = lane.last_mut() {
                    prev.extend(last);
                    prev.sort_unstable();
                }
            }
        } else {
            let mut extra = h - base;
            grow(&mut pain, &mut func, f, PAIN.1, FUNCTION.1, &mut extra);
            let more = Plan::rows(&plan.each) - Plan::rows(&lanes);
            if extra >= more {
                extra -= more;
                lanes = plan.each;
            }
            grow(&mut pain, &mut func, f, PAIN.2, FUNCTION.2, &mut extra);
        }
        let mut y = self.inner.y + 1;
        for (lane, rows) in lanes.into_iter().enumerate() {
            for events in rows {
                self.rows.push(LaneRow { lane, y, events });
                y += 1;
            }
        }
        self.pain = Some(Trace { y, height: pain });
        self.function = (f > 0).then_some(Trace {
            y: y + pain,
            height: func,
        });
    }

    /// The column of a day (days from onset).
    pub fn col_of(&self, day: i64) -> u16 {
        let days = day.clamp(0, self.span_days);
        let w = i64::from(self.plot_w.saturating_sub(1));
        self.plot_x + (days * w / self.span_days) as u16
    }

    pub fn cols_per_week(&self) -> f64 {
        f64::from(self.plot_w) * 7.0 / self.span_days as f64
    }

    /// The right edge of the drawing: labels may use the margin.
    pub fn x1(&self) -> u16 {
        self.inner.x + self.inner.width
    }

    /// The event (index into `events`) under a click, nearest in its lane
    /// or, on a trace, among the assessments.
    pub fn hit(&self, events: &[EventView], x: u16, y: u16) -> Option<usize> {
        let on_trace = [self.pain, self.function].into_iter().flatten().any(|t| t.contains(y));
        let on_row: Vec<usize> = if on_trace {
            (0..events.len())
                .filter(|&i| events[i].kind == EventKind::Assessment)
                .collect()
        } else {
            self.rows.iter().find(|r| r.y == y)?.events.clone()
        };
        on_row
            .into_iter()
            .map(|i| {
                let e = &events[i];
                let start = self.col_of(e.day);
                let end = if is_bar(e.kind) {
                    self.col_of(e.end_day.unwrap_or(self.review_day).max(e.day))
                } else {
                    start
                };
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

/// Grows the traces toward `(pain_to, func_to)` rows, a row at a time,
/// pain first, while `extra` rows are left.
fn grow(pain: &mut u16, func: &mut u16, f: u16, pain_to: u16, func_to: u16, extra: &mut u16) {
    while *extra > 0 && (*pain < pain_to || (f > 0 && *func < func_to)) {
        if *pain < pain_to {
            *pain += 1;
            *extra -= 1;
        }
        if *extra > 0 && f > 0 && *func < func_to {
            *func += 1;
            *extra -= 1;
        }
    }
}

/// How tall the timeline of `view` wants to be at `width` columns, its
/// border included: `min` keeps every course apart with one-row traces,
/// `want` gives each course its row and the traces their full height.
pub fn need(view: &CaseView, events: &[EventView], width: u16) -> Need {
    let g = Geometry::scale(view, events, Rect::new(0, 0, width, 200));
    let plan = g.plan(events);
    let f = u16::from(plan.function);
    Need {
        min: 2 + 1 + Plan::rows(&plan.fit) + PAIN.0 + f * FUNCTION.0,
        want: 2 + 1 + Plan::rows(&plan.each) + PAIN.2 + f * FUNCTION.2,
    }
}
