//! Scroll offsets kept within their ends after every update: each pane's
//! length depends on its lines at this frame's size, so this sits above
//! the panes (readiness, detail, the overlays) and asks each of them.

use super::app::{App, Overlay};
use super::layout::{Pane, inner};
use super::scroll::max_offset;
use super::{detail, overlay, readiness};

impl App {
    /// Keeps every scroll offset within its end, for the sizes and lines
    /// of this frame: readiness body, detail, help and the errors view.
    /// Called at the end of every update, after the views are presented.
    pub(super) fn settle_scrolls(&mut self) {
        let panes = self.panes();
        if let (Some(area), Some(v)) = (panes.readiness, self.view.verdict.as_ref()) {
            let layout = readiness::Layout::new(self, v, inner(area));
            self.view.readiness_scroll = self.view.readiness_scroll.min(layout.max_scroll());
        }
        if let (Some(area), Some(shown)) = (panes.detail, self.view.shown.as_ref()) {
            let inner = inner(area);
            let n = detail::lines(self, shown, self.view.event, inner.width).len();
            self.view.detail_scroll = self.view.detail_scroll.min(max_offset(n, inner.height));
        }
        let overlay_max = match self.overlay {
            Some(Overlay::Help) => {
                let inner = overlay::help_inner(self.size);
                max_offset(overlay::help_lines(self, inner.width).len(), inner.height)
            }
            Some(Overlay::Errors) => {
                let inner = overlay::errors_inner(self.size);
                max_offset(overlay::error_lines(self, inner.width).len(), inner.height)
            }
            Some(Overlay::Conference) => {
                let inner = overlay::conference_inner(self, self.size);
                max_offset(overlay::conference_lines(self, inner.width).len(), inner.height)
            }
            None => 0,
        };
        self.overlay_scroll = self.overlay_scroll.min(overlay_max);
    }

    /// The readiness body's scroll that brings the selected criterion into
    /// view, moving as little as it can.
    pub(super) fn follow_criterion(&mut self) {
        let Some(area) = self.panes().get(Pane::Readiness) else {
            return;
        };
        let Some(v) = self.view.verdict.as_ref() else { return };
        let layout = readiness::Layout::new(self, v, inner(area));
        self.view.readiness_scroll = layout.follow(self.view.criterion, self.view.readiness_scroll);
    }
}
