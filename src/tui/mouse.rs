//! Mouse input: a click selects a case, an event or a criterion; the wheel
//! scrolls the pane under the pointer. Hit-testing uses the same layout
//! functions as drawing.

use super::app::{App, Effect};
use super::layout::Pane;
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
        let Some(pane) = panes.at(m.column, m.row) else {
            return Effect::None;
        };
        match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let d: isize = if m.kind == MouseEventKind::ScrollDown { 3 } else { -3 };
                let focus = self.focus;
                self.focus = pane;
                self.move_focused(if pane == Pane::Timeline { d.signum() } else { d });
                self.focus = focus;
            }
            MouseEventKind::Down(MouseButton::Left) => {
                self.focus = pane;
                let Some(area) = panes.get(pane) else {
                    return Effect::None;
                };
                match pane {
                    Pane::List => {
                        // rows start below the border and the search line
                        let first = area.y + 2;
                        if m.row >= first {
                            let pos = self.list.offset + (m.row - first) as usize;
                            if pos < self.list.visible.len() {
                                let before = self.selected_index();
                                self.list.selected = pos;
                                if self.selected_index() != before {
                                    self.case_changed();
                                }
                            }
                        }
                    }
                    Pane::Timeline => {
                        if let Some(view) = &self.view.shown {
                            let n = self.timeline_events().len().min(view.events.len());
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
