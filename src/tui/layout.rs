//! Where each pane goes at a given terminal size. A pure function of the
//! size and a few view settings, so drawing and mouse hit-testing agree.

use ratatui::layout::{Constraint, Layout, Rect};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    List,
    Timeline,
    Detail,
    Readiness,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::List, Pane::Timeline, Pane::Detail, Pane::Readiness];

    pub fn title(self) -> &'static str {
        match self {
            Pane::List => "Cases",
            Pane::Timeline => "Timeline",
            Pane::Detail => "Detail",
            Pane::Readiness => "Readiness",
        }
    }

    pub fn next(self) -> Pane {
        Pane::ALL[(self as usize + 1) % 4]
    }

    pub fn prev(self) -> Pane {
        Pane::ALL[(self as usize + 3) % 4]
    }
}

/// How the screen is arranged, from the terminal's width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// ≥ 120 columns: list, timeline over detail, readiness.
    Wide,
    /// 100–119: the list becomes a drawer over the centre, open while focused.
    Drawer,
    /// 80–99: one pane at a time, with tabs.
    Tabs,
    /// Below 80x24: a message instead of a broken layout.
    TooSmall,
}

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

impl Mode {
    pub fn for_size(area: Rect) -> Mode {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            Mode::TooSmall
        } else if area.width >= 120 {
            Mode::Wide
        } else if area.width >= 100 {
            Mode::Drawer
        } else {
            Mode::Tabs
        }
    }
}

/// The rectangles of one frame; a pane not shown has none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Panes {
    pub list: Option<Rect>,
    pub timeline: Option<Rect>,
    pub detail: Option<Rect>,
    pub readiness: Option<Rect>,
    pub tabs: Option<Rect>,
    /// Tabs, Cases tab: the selected case's band and next step, under the list.
    pub verdict: Option<Rect>,
    pub status: Rect,
}

/// How tall the timeline wants to be at a width: `min` shows every
/// course on a row of its own with one-row traces; `want` gives each
/// course its own row and the traces their height.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Need {
    pub min: u16,
    pub want: u16,
}

impl Need {
    /// No case: the axis, the five lanes and the two traces.
    pub const EMPTY: Need = Need { min: 10, want: 10 };
}

impl Panes {
    pub fn get(&self, p: Pane) -> Option<Rect> {
        match p {
            Pane::List => self.list,
            Pane::Timeline => self.timeline,
            Pane::Detail => self.detail,
            Pane::Readiness => self.readiness,
        }
    }

    pub fn at(&self, x: u16, y: u16) -> Option<Pane> {
        // the drawer lies over the timeline, so it is tested first
        Pane::ALL.iter().copied().find(|p| {
            self.get(*p)
                .is_some_and(|r| r.contains(ratatui::layout::Position { x, y }))
        })
    }
}

/// Lays out the panes for `area` with `focus` and `zoom`; `need` says how
/// tall the timeline wants to be at a width (border included).
pub fn compute(area: Rect, focus: Pane, zoom: bool, need: &dyn Fn(u16) -> Need) -> Panes {
    let [body, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let mut p = Panes {
        status,
        ..Panes::default()
    };
    let mode = Mode::for_size(area);
    if mode == Mode::TooSmall {
        return p;
    }
    if zoom {
        set(&mut p, focus, body);
        return p;
    }
    match mode {
        Mode::Wide => {
            let (list_w, ready_w) = wide_widths(body.width);
            let [list, centre, ready] = Layout::horizontal([
                Constraint::Length(list_w),
                Constraint::Min(40),
                Constraint::Length(ready_w),
            ])
            .areas(body);
            let (timeline, detail) = split_centre(centre, need);
            p.list = Some(list);
            p.timeline = Some(timeline);
            p.detail = Some(detail);
            p.readiness = Some(ready);
        }
        Mode::Drawer => {
            let ready_w = (body.width * 28 / 100).clamp(30, 34);
            let [centre, ready] = Layout::horizontal([Constraint::Min(40), Constraint::Length(ready_w)]).areas(body);
            let (timeline, detail) = split_centre(centre, need);
            p.timeline = Some(timeline);
            p.detail = Some(detail);
            p.readiness = Some(ready);
            // the drawer covers the centre while the list has focus: no
            // sliver of a cut timeline beside it; the verdict stays in view
            if focus == Pane::List {
                p.list = Some(centre);
            }
        }
        Mode::Tabs => {
            let [tabs, pane] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body);
            p.tabs = Some(tabs);
            if focus == Pane::Timeline {
                // the timeline takes the rows it needs; the selected event's detail the rest
                let (timeline, detail) = split_centre(pane, need);
                p.timeline = Some(timeline);
                p.detail = Some(detail);
            } else if focus == Pane::List && pane.height >= 14 {
                // the selected case's band and next step, without a keypress
                let [list, verdict] =
                    Layout::vertical([Constraint::Min(8), Constraint::Length(VERDICT_STRIP)]).areas(pane);
                p.list = Some(list);
                p.verdict = Some(verdict);
            } else {
                set(&mut p, focus, pane);
            }
        }
        Mode::TooSmall => {}
    }
    p
}

/// As [`compute`], for a conference follower, which has no case list:
/// from 100 columns the centre and the readiness panel share the width;
/// below, the tabs without the Cases tab ([`tabs_of`] with
/// [`FOLLOWER_TABS`]). The host's case list focused shows the timeline.
pub fn compute_without_list(area: Rect, focus: Pane, zoom: bool, need: &dyn Fn(u16) -> Need) -> Panes {
    let focus = if focus == Pane::List { Pane::Timeline } else { focus };
    let mode = Mode::for_size(area);
    if zoom || !matches!(mode, Mode::Wide | Mode::Drawer) {
        let mut p = compute(area, focus, zoom, need);
        p.list = None;
        p.verdict = None;
        return p;
    }
    let [body, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let ready_w = if mode == Mode::Wide {
        wide_widths(body.width).1
    } else {
        (body.width * 28 / 100).clamp(30, 34)
    };
    let [centre, ready] = Layout::horizontal([Constraint::Min(40), Constraint::Length(ready_w)]).areas(body);
    let (timeline, detail) = split_centre(centre, need);
    Panes {
        timeline: Some(timeline),
        detail: Some(detail),
        readiness: Some(ready),
        status,
        ..Panes::default()
    }
}

/// A follower's tabs: no case list.
pub const FOLLOWER_TABS: [Pane; 3] = [Pane::Timeline, Pane::Detail, Pane::Readiness];

/// The verdict strip's height: its border and three lines.
pub const VERDICT_STRIP: u16 = 5;

/// The list and the readiness panel grow with the terminal, the list
/// faster (titles are long): 34 and 32 columns at 120, 70 and 44 at 200.
fn wide_widths(width: u16) -> (u16, u16) {
    let extra = width.saturating_sub(120);
    let list = (34 + extra * 36 / 80).min(72);
    let ready = (32 + extra * 12 / 80).min(46);
    (list, ready)
}

/// The timeline gets the rows its case needs, up to three fifths of the
/// centre (more when the courses alone need it); the detail the rest,
/// at least five rows.
fn split_centre(centre: Rect, need: &dyn Fn(u16) -> Need) -> (Rect, Rect) {
    let n = need(centre.width);
    let room = centre.height.saturating_sub(5);
    let share = (centre.height * 3 / 5).max(n.min);
    let timeline_h = n
        .want
        .min(share)
        .min(room)
        .max(n.min.min(room))
        .max(3.min(centre.height));
    let [t, d] = Layout::vertical([Constraint::Length(timeline_h), Constraint::Min(3)]).areas(centre);
    (t, d)
}

/// The tab bar's labels and where each lies: drawing and clicks agree.
pub fn tabs(area: Rect) -> Vec<(Pane, String, Rect)> {
    tabs_of(area, &Pane::ALL)
}

/// As [`tabs`], of these panes only (each keeps its number: its key).
pub fn tabs_of(area: Rect, panes: &[Pane]) -> Vec<(Pane, String, Rect)> {
    let mut x = area.x;
    panes
        .iter()
        .map(|pane| {
            let i = Pane::ALL.iter().position(|p| p == pane).unwrap_or(0);
            let label = format!(" {} {} ", i + 1, pane.title());
            let w = label.len() as u16;
            let r = Rect { x, width: w, ..area }.intersection(area);
            x += w + 1;
            (*pane, label, r)
        })
        .collect()
}

fn set(p: &mut Panes, pane: Pane, r: Rect) {
    match pane {
        Pane::List => p.list = Some(r),
        Pane::Timeline => p.timeline = Some(r),
        Pane::Detail => p.detail = Some(r),
        Pane::Readiness => p.readiness = Some(r),
    }
}

/// Inside a pane's border.
pub fn inner(area: Rect) -> Rect {
    Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compute(area: Rect, focus: Pane, zoom: bool) -> Panes {
        super::compute(area, focus, zoom, &|_| Need::EMPTY)
    }

    #[test]
    fn modes_follow_the_width() {
        assert_eq!(Mode::for_size(Rect::new(0, 0, 200, 60)), Mode::Wide);
        assert_eq!(Mode::for_size(Rect::new(0, 0, 120, 40)), Mode::Wide);
        assert_eq!(Mode::for_size(Rect::new(0, 0, 110, 40)), Mode::Drawer);
        assert_eq!(Mode::for_size(Rect::new(0, 0, 80, 24)), Mode::Tabs);
        assert_eq!(Mode::for_size(Rect::new(0, 0, 79, 24)), Mode::TooSmall);
        assert_eq!(Mode::for_size(Rect::new(0, 0, 120, 23)), Mode::TooSmall);
    }

    #[test]
    fn wide_shows_every_pane_side_by_side() {
        let p = compute(Rect::new(0, 0, 200, 60), Pane::List, false);
        let (l, t, d, r) = (
            p.list.unwrap(),
            p.timeline.unwrap(),
            p.detail.unwrap(),
            p.readiness.unwrap(),
        );
        assert!(l.right() <= t.x && t.right() <= r.x);
        assert_eq!(t.x, d.x);
        assert!(t.bottom() <= d.y);
        assert_eq!(p.status.y, 59);
        assert_eq!(p.at(l.x + 1, l.y + 1), Some(Pane::List));
    }

    #[test]
    fn drawer_opens_only_while_the_list_is_focused() {
        let area = Rect::new(0, 0, 110, 40);
        assert!(compute(area, Pane::Timeline, false).list.is_none());
        assert!(compute(area, Pane::List, false).list.is_some());
    }

    #[test]
    fn the_list_grows_with_the_terminal() {
        let at = |w| compute(Rect::new(0, 0, w, 40), Pane::List, false).list.map(|r| r.width);
        assert_eq!(at(120), Some(34));
        assert_eq!(at(200), Some(70));
        assert!(at(160) > at(120) && at(200) > at(160));
    }

    #[test]
    fn the_cases_tab_keeps_a_verdict_strip() {
        let p = compute(Rect::new(0, 0, 80, 24), Pane::List, false);
        let (list, verdict) = (p.list.unwrap(), p.verdict.unwrap());
        assert!(list.bottom() <= verdict.y && verdict.bottom() <= p.status.y);
        assert!(
            compute(Rect::new(0, 0, 80, 24), Pane::Readiness, false)
                .verdict
                .is_none()
        );
    }

    #[test]
    fn the_timeline_takes_what_its_case_needs() {
        let area = Rect::new(0, 0, 200, 60);
        let tall = super::compute(area, Pane::List, false, &|_| Need { min: 14, want: 30 });
        assert_eq!(tall.timeline.unwrap().height, 30);
        let huge = super::compute(area, Pane::List, false, &|_| Need { min: 14, want: 90 });
        assert_eq!(huge.timeline.unwrap().height, 35, "three fifths of the centre");
        assert!(huge.detail.unwrap().height >= 5);
        let small = super::compute(Rect::new(0, 0, 80, 24), Pane::Timeline, false, &|_| Need {
            min: 16,
            want: 20,
        });
        assert_eq!(small.timeline.unwrap().height, 16, "every course on its own row first");
    }

    #[test]
    fn a_follower_has_no_case_list_at_any_width_and_its_tabs_keep_their_numbers() {
        for (w, h) in [(80, 24), (100, 30), (110, 40), (120, 40), (200, 60)] {
            for focus in Pane::ALL {
                for zoom in [false, true] {
                    let p = compute_without_list(Rect::new(0, 0, w, h), focus, zoom, &|_| Need::EMPTY);
                    assert!(p.list.is_none() && p.verdict.is_none(), "{w}x{h} {focus:?} {zoom}");
                    // the host's case list focused: the case's timeline
                    if focus == Pane::List {
                        assert!(p.timeline.is_some(), "{w}x{h} {zoom}");
                    }
                }
            }
        }
        let wide = compute_without_list(Rect::new(0, 0, 200, 60), Pane::Timeline, false, &|_| Need::EMPTY);
        assert_eq!(wide.timeline.map(|r| r.x), Some(0), "the centre takes the list's room");
        let labels: Vec<String> = tabs_of(Rect::new(0, 0, 80, 1), &FOLLOWER_TABS)
            .into_iter()
            .map(|(_, l, _)| l)
            .collect();
        assert_eq!(labels, [" 2 Timeline ", " 3 Detail ", " 4 Readiness "]);
    }

    #[test]
    fn tabs_and_zoom_show_one_pane() {
        let p = compute(Rect::new(0, 0, 80, 24), Pane::Readiness, false);
        assert!(p.tabs.is_some() && p.readiness.is_some() && p.list.is_none() && p.timeline.is_none());
        let z = compute(Rect::new(0, 0, 200, 60), Pane::Timeline, true);
        assert_eq!(z.timeline.map(|r| r.width), Some(200));
        assert!(z.list.is_none());
    }
}
