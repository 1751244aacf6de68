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
    /// 100–119: the list becomes a drawer over the left, open while focused.
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
    pub status: Rect,
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

/// Lays out the panes for `area` with `focus` and `zoom`.
pub fn compute(area: Rect, focus: Pane, zoom: bool) -> Panes {
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
            let list_w = (body.width * 22 / 100).clamp(26, 40);
            let ready_w = (body.width * 24 / 100).clamp(30, 44);
            let [list, centre, ready] = Layout::horizontal([
                Constraint::Length(list_w),
                Constraint::Min(40),
                Constraint::Length(ready_w),
            ])
            .areas(body);
            let (timeline, detail) = split_centre(centre);
            p.list = Some(list);
            p.timeline = Some(timeline);
            p.detail = Some(detail);
            p.readiness = Some(ready);
        }
        Mode::Drawer => {
            let ready_w = (body.width * 28 / 100).clamp(30, 34);
            let [centre, ready] = Layout::horizontal([Constraint::Min(40), Constraint::Length(ready_w)]).areas(body);
            let (timeline, detail) = split_centre(centre);
            p.timeline = Some(timeline);
            p.detail = Some(detail);
            p.readiness = Some(ready);
            if focus == Pane::List {
                p.list = Some(Rect {
                    width: 36.min(centre.width),
                    ..centre
                });
            }
        }
        Mode::Tabs => {
            let [tabs, pane] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body);
            p.tabs = Some(tabs);
            if focus == Pane::Timeline {
                // the timeline needs a dozen rows; the selected event's detail fills the rest
                let (timeline, detail) = split_centre(pane);
                p.timeline = Some(timeline);
                p.detail = Some(detail);
            } else {
                set(&mut p, focus, pane);
            }
        }
        Mode::TooSmall => {}
    }
    p
}

fn split_centre(centre: Rect) -> (Rect, Rect) {
    // axis + 5 lanes + up to 3 rows for overlapping courses + 2 traces + borders;
    // the detail below gets every other row
    let timeline_h = centre.height.saturating_sub(10).clamp(10, 14);
    let [t, d] = Layout::vertical([Constraint::Length(timeline_h), Constraint::Min(3)]).areas(centre);
    (t, d)
}

fn set(p: &mut Panes, pane: Pane, r: Rect) {
    match pane {
        Pane::List => p.list = Some(r),
        Pane::Timeline => p.timeline = Some(r),
        Pane::Detail => p.detail = Some(r),
        Pane::Readiness => p.readiness = Some(r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn tabs_and_zoom_show_one_pane() {
        let p = compute(Rect::new(0, 0, 80, 24), Pane::Readiness, false);
        assert!(p.tabs.is_some() && p.readiness.is_some() && p.list.is_none() && p.timeline.is_none());
        let z = compute(Rect::new(0, 0, 200, 60), Pane::Timeline, true);
        assert_eq!(z.timeline.map(|r| r.width), Some(200));
        assert!(z.list.is_none());
    }
}
