//! Mouse input: a click selects a case, an event or a criterion; the wheel
//! scrolls the pane under the pointer. Hit-testing uses the same layout
//! functions as drawing.

use super::app::{App, Effect};
use super::layout::{self, Pane};
use super::timeline;
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

impl App {
    pub(super) fn mouse_event(&mut self, m: MouseEvent) -> Effect {
        if self.overlay.is_some() {
            match m.kind {
                MouseEventKind::ScrollDown => self.overlay_scroll = self.overlay_scroll.saturating_add(3),
                MouseEventKind::ScrollUp => self.overlay_scroll = self.overlay_scroll.saturating_sub(3),
                MouseEventKind::Down(MouseButton::Left) => self.overlay = None,
                _ => {}
            }
            return Effect::None;
        }
        let panes = self.panes();
        let at = ratatui::layout::Position::new(m.column, m.row);
        if let MouseEventKind::Down(MouseButton::Left) = m.kind {
            // the tab bar and the verdict strip (80-99 columns)
            if let Some(tabs) = panes.tabs.filter(|r| r.contains(at)) {
                if let Some((pane, ..)) = layout::tabs_of(tabs, self.tab_panes())
                    .into_iter()
                    .find(|(_, _, r)| r.contains(at))
                {
                    self.focus_on(pane);
                }
                return Effect::None;
            }
            if panes.verdict.is_some_and(|r| r.contains(at)) {
                self.focus_on(Pane::Readiness);
                return Effect::None;
            }
        }
        let Some(pane) = panes.at(m.column, m.row) else {
            return Effect::None;
        };
        match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let d: isize = if m.kind == MouseEventKind::ScrollDown { 3 } else { -3 };
                let focus = self.focus;
                self.focus = pane;
                self.scroll_focused(if pane == Pane::Timeline { d.signum() } else { d });
                self.focus = focus;
            }
            MouseEventKind::Down(MouseButton::Left) => {
                self.focus = pane;
                let Some(area) = panes.get(pane) else {
                    return Effect::None;
                };
                match pane {
                    Pane::List => {
                        if let Some(pos) = super::case_list::case_at(self, area, m.row) {
                            let before = self.selected_index();
                            self.list.selected = pos;
                            if self.selected_index() != before {
                                self.case_changed();
                            }
                        }
                    }
                    Pane::Timeline => {
                        if let Some(view) = &self.view.shown {
                            let n = self.timeline_len();
                            let events = &view.events[..n];
                            let geo = timeline::Geometry::new(view, events, area);
                            if let Some(hit) = geo.hit(events, m.column, m.row) {
                                self.view.event = Some(hit);
                                self.view.detail_scroll = 0;
                            }
                        }
                    }
                    Pane::Readiness => {
                        if let Some(i) = super::readiness::criterion_at(self, area, m.row) {
                            self.view.criterion = i;
                        }
                    }
                    Pane::Detail => {}
                }
            }
            _ => {}
        }
        Effect::None
    }
}
