//! The readiness panel. On top, a verdict block that never scrolls away
//! (`verdict.rs`): score, band (word and symbol, never colour alone), the
//! next step with its reason, and the count of cautions; in step-through,
//! before the student answers, only the stop and its score. Below a rule,
//! the body scrolls on its own (`body.rs`): documented weeks, each
//! criterion with its status and detail (the points column labelled), the
//! confounders and the cautions. [`Layout`] places both for a pane, so
//! drawing, mouse hit-testing and `update`'s scroll keeping agree.

mod body;
mod verdict;

pub use verdict::{what_if_units, wrap_units};

use super::app::App;
use super::glyphs::Glyphs;
use super::scroll;
use crate::present::VerdictView;
use crate::rules::{Band, CriterionId, Status};
use crate::theme::Role;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

pub fn band_symbol(band: Band, glyphs: Glyphs) -> &'static str {
    match (band, glyphs.ascii) {
        (Band::PostOp, false) => "◆",
        (Band::Emergency | Band::Urgent, false) => "▲",
        (Band::Ready, false) => "●",
        (Band::Approaching, false) => "◐",
        (Band::NotReady, false) => "○",
        (Band::PostOp, true) => "+",
        (Band::Emergency | Band::Urgent, true) => "!",
        (Band::Ready, true) => "#",
        (Band::Approaching, true) => "~",
        (Band::NotReady, true) => ".",
    }
}

pub fn band_role(band: Band) -> Role {
    match band {
        Band::PostOp => Role::BandPostOp,
        Band::Emergency | Band::Urgent => Role::BandUrgent,
        Band::Ready => Role::BandReady,
        Band::Approaching => Role::BandApproaching,
        Band::NotReady => Role::BandNotReady,
    }
}

/// The colour of a criterion's status. For the alarms (red flags,
/// progressive deficit, severe weakness) "met" is the bad news and "not
/// met" the good news, so they are coloured the other way round: "no red
/// flags" is never drawn in the alarm colour.
pub fn status_role(id: CriterionId, s: Status) -> Role {
    let alarm = id.forces_urgent();
    match s {
        Status::Met if alarm => Role::Bad,
        Status::NotMet if alarm => Role::Ok,
        Status::Met => Role::Ok,
        Status::NotMet => Role::Bad,
        Status::Unknown => Role::Warn,
        Status::NotApplicable => Role::Muted,
    }
}

/// One line of the body, with the criterion it belongs to.
pub type Tagged = (Line<'static>, Option<usize>);

/// The panel laid out inside its borders.
pub struct Layout {
    /// The verdict block, drawn from the top, never scrolled.
    pub block: Vec<Line<'static>>,
    /// The rule between block and body (it carries the "↑ N above" mark).
    pub rule_y: u16,
    pub body: Vec<Tagged>,
    pub body_area: Rect,
}

impl Layout {
    /// `inner` is the pane inside its border.
    pub fn new(app: &App, v: &VerdictView, inner: Rect) -> Layout {
        let w = inner.width.max(8);
        // the reason gets up to an eighth of the pane, at least two lines;
        // cut, it is repeated whole at the end of the body
        let mut cap = usize::from(inner.height / 8).max(2);
        let (mut block, mut cut) = verdict::lines(app, v, w, cap);
        // the body keeps at least four rows where the pane has them
        while block.len() + 5 > usize::from(inner.height) && cap > 1 {
            cap -= 1;
            (block, cut) = verdict::lines(app, v, w, cap);
        }
        let block_h = (block.len() as u16).min(inner.height);
        let rule_y = inner.y + block_h;
        let body_y = (rule_y + 1).min(inner.y + inner.height);
        let body_area = Rect {
            y: body_y,
            height: (inner.y + inner.height).saturating_sub(body_y),
            ..inner
        };
        Layout {
            block,
            rule_y,
            body: body::lines(app, v, w, cut),
            body_area,
        }
    }

    pub fn max_scroll(&self) -> u16 {
        scroll::max_offset(self.body.len(), self.body_area.height)
    }

    /// The body's rows of a criterion.
    fn rows_of(&self, criterion: usize) -> Option<(usize, usize)> {
        let first = self.body.iter().position(|(_, c)| *c == Some(criterion))?;
        let last = self.body.iter().rposition(|(_, c)| *c == Some(criterion))?;
        Some((first, last))
    }

    /// The scroll nearest `scroll` that shows the criterion's rows (its
    /// first row, when they are more than the body's height).
    pub fn follow(&self, criterion: usize, scroll: u16) -> u16 {
        let Some((first, last)) = self.rows_of(criterion) else {
            return scroll;
        };
        let h = usize::from(self.body_area.height.max(1));
        let mut s = usize::from(scroll);
        if last >= s + h {
            s = last + 1 - h;
        }
        if first < s {
            s = first;
        }
        (s as u16).min(self.max_scroll())
    }

    /// The criterion drawn at screen row `y`.
    pub fn criterion_at(&self, y: u16, scroll: u16) -> Option<usize> {
        let row = y.checked_sub(self.body_area.y)?;
        if row >= self.body_area.height {
            return None;
        }
        let scroll = scroll.min(self.max_scroll());
        self.body.get(usize::from(row + scroll)).and_then(|(_, c)| *c)
    }
}

/// Draws the panel inside `area` (its border already drawn).
pub fn draw(app: &App, v: &VerdictView, area: Rect, buf: &mut Buffer) {
    let inner = super::layout::inner(area);
    let layout = Layout::new(app, v, inner);
    let block_area = Rect {
        height: layout.rule_y - inner.y,
        ..inner
    };
    Paragraph::new(layout.block.clone()).render(block_area, buf);
    if layout.rule_y < inner.y + inner.height {
        let rule = app.glyphs.rule().repeat(usize::from(inner.width));
        buf.set_string(inner.x, layout.rule_y, rule, app.theme.style(Role::Border));
    }
    let body: Vec<Line<'static>> = layout.body.iter().map(|(l, _)| l.clone()).collect();
    let counts = scroll::draw(body, app.view.readiness_scroll, layout.body_area, buf);
    scroll::marks(
        app,
        counts,
        area.x + area.width.saturating_sub(1),
        layout.rule_y,
        area.y + area.height.saturating_sub(1),
        buf,
    );
}

/// Every line of the panel, block then body, each with its criterion:
/// what the panel can show at `width` columns, for tests that read it all.
pub fn lines(app: &App, v: &VerdictView, width: u16) -> Vec<Tagged> {
    let (block, cut) = verdict::lines(app, v, width.max(8), usize::MAX);
    let mut out: Vec<Tagged> = block.into_iter().map(|l| (l, None)).collect();
    out.extend(body::lines(app, v, width.max(8), cut));
    out
}

/// The criterion drawn at screen row `y` of the panel `area`.
pub fn criterion_at(app: &App, area: Rect, y: u16) -> Option<usize> {
    let v = app.view.verdict.as_ref()?;
    Layout::new(app, v, super::layout::inner(area)).criterion_at(y, app.view.readiness_scroll)
}
