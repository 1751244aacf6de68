//! What each keymap action does to the state: moving in the focused pane,
//! switching panes, overlays, themes, presentation and zoom.

use super::app::{App, Effect, Overlay};
use super::keymap::Action;
use super::layout::Pane;

impl App {
    pub(super) fn move_list(&mut self, delta: isize) {
        let before = self.selected_index();
        self.list.move_by(delta);
        let height = self.list_height();
        self.list.scroll_into_view(height);
        if self.selected_index() != before {
            self.case_changed();
        }
    }

    pub(super) fn move_event(&mut self, delta: isize) {
        let n = self.timeline_len();
        if n == 0 {
            return;
        }
        self.view.event = Some(match self.view.event {
            None if delta < 0 => n - 1,
            None => 0,
            Some(i) => i.saturating_add_signed(delta).min(n - 1),
        });
        self.view.detail_scroll = 0;
    }

    /// `j`/`k` in the readiness panel: the selection moves through the
    /// criteria and the body follows it; past the last criterion `j`
    /// scrolls on, to the confounders and cautions below.
    pub(super) fn move_criterion(&mut self, delta: isize) {
        let n = self.view.verdict.as_ref().map_or(0, |v| v.criteria.len());
        if n == 0 {
            return;
        }
        let before = self.view.criterion;
        if delta > 0 && before + 1 == n {
            self.scroll_readiness(delta);
            return;
        }
        self.view.criterion = before.saturating_add_signed(delta).min(n - 1);
        if self.view.criterion != before {
            self.view.evidence_walk = None;
        }
        if delta < 0 && self.view.criterion == 0 {
            self.view.readiness_scroll = 0;
        }
        self.follow_criterion();
    }

    /// The readiness body scrolled on its own (PgUp/PgDn, the wheel): the
    /// selected criterion stays selected. `update` keeps it within its end.
    pub(super) fn scroll_readiness(&mut self, delta: isize) {
        self.view.readiness_scroll = self.view.readiness_scroll.saturating_add_signed(delta as i16);
    }

    pub(super) fn page(&self) -> isize {
        self.panes()
            .get(self.focus)
            .map_or(10, |r| r.height.saturating_sub(2).max(1) as isize)
    }

    pub(super) fn move_focused(&mut self, delta: isize) {
        match self.focus {
            Pane::List => self.move_list(delta),
            Pane::Timeline => self.move_event(delta),
            Pane::Detail => {
                self.view.detail_scroll = self.view.detail_scroll.saturating_add_signed(delta as i16);
            }
            Pane::Readiness => self.move_criterion(delta),
        }
    }

    /// PgUp/PgDn and the wheel: a page (or a few lines) of the focused
    /// pane; the readiness body scrolls without moving the selection.
    pub(super) fn scroll_focused(&mut self, delta: isize) {
        match self.focus {
            Pane::Readiness => self.scroll_readiness(delta),
            _ => self.move_focused(delta),
        }
    }

    /// Enter on a criterion: its evidence events one at a time, each
    /// selected on the timeline and shown in the detail; at 80-99 columns
    /// the timeline tab comes forward, and Enter there goes on.
    pub(super) fn walk_evidence(&mut self) {
        let evidence: Vec<_> = self
            .verdict()
            .and_then(|(_, r)| r.criteria.get(self.view.criterion))
            .map(|c| c.evidence.clone())
            .unwrap_or_default();
        if evidence.is_empty() {
            self.flash = Some("this criterion rests on no dated event".into());
            return;
        }
        let k = self.view.evidence_walk.map_or(0, |k| (k + 1) % evidence.len());
        self.view.evidence_walk = Some(k);
        self.view.event = self.view.events.iter().position(|x| *x == evidence[k]);
        self.view.detail_scroll = 0;
        if self.mode() == super::layout::Mode::Tabs {
            self.focus = Pane::Timeline;
        }
    }

    /// "evidence 2 of 3 for conservative care failed", while the walk
    /// shows event `i` (an index into the case's events).
    pub fn evidence_position(&self, i: usize) -> Option<String> {
        let k = self.view.evidence_walk?;
        let (_, r) = self.verdict()?;
        let c = r.criteria.get(self.view.criterion)?;
        (c.evidence.get(k) == self.view.events.get(i)).then(|| {
            let more = if c.evidence.len() > 1 { "; Enter: the next" } else { "" };
            format!("evidence {} of {} for {}{more}", k + 1, c.evidence.len(), c.id.label())
        })
    }

    pub(super) fn focus_on(&mut self, pane: Pane) {
        self.focus = pane;
        if pane == Pane::Timeline && self.view.event.is_none() && self.timeline_len() > 0 {
            self.view.event = Some(0);
        }
    }

    /// `g`/`G`: the first or last item of the focused pane; in the
    /// readiness panel the first or last criterion, and the body's top or
    /// end (`update` clamps the end).
    fn jump(&mut self, end: bool) {
        match self.focus {
            Pane::List => {
                let before = self.selected_index();
                self.list.to_end(end);
                let h = self.list_height();
                self.list.scroll_into_view(h);
                if self.selected_index() != before {
                    self.case_changed();
                }
            }
            Pane::Timeline => {
                let n = self.timeline_len();
                if n > 0 {
                    self.view.event = Some(if end { n - 1 } else { 0 });
                }
            }
            Pane::Detail => self.view.detail_scroll = if end { u16::MAX / 2 } else { 0 },
            Pane::Readiness => {
                let n = self.view.verdict.as_ref().map_or(0, |v| v.criteria.len());
                self.view.criterion = if end { n.saturating_sub(1) } else { 0 };
                self.view.evidence_walk = None;
                self.view.readiness_scroll = if end { u16::MAX / 2 } else { 0 };
            }
        }
    }

    /// What a browsing action does.
    pub(super) fn browse_action(&mut self, a: Action) -> Effect {
        match a {
            Action::Quit | Action::ForceQuit => return Effect::Quit,
            Action::Down => self.move_focused(1),
            Action::Up => self.move_focused(-1),
            Action::NextEvent => self.move_event(1),
            Action::PrevEvent => self.move_event(-1),
            Action::NextPane => self.focus_on(self.focus.next()),
            Action::PrevPane => self.focus_on(self.focus.prev()),
            Action::FocusList => self.focus_on(Pane::List),
            Action::FocusTimeline => self.focus_on(Pane::Timeline),
            Action::FocusDetail => self.focus_on(Pane::Detail),
            Action::FocusReadiness => self.focus_on(Pane::Readiness),
            Action::Search => {
                self.focus = Pane::List;
                self.zoom = false;
                self.list.searching = true;
            }
            Action::Back => self.back(),
            Action::Top | Action::Bottom => self.jump(a == Action::Bottom),
            Action::PageDown => {
                let p = self.page();
                self.scroll_focused(p);
            }
            Action::PageUp => {
                let p = self.page();
                self.scroll_focused(-p);
            }
            Action::Open => match self.focus {
                Pane::List => self.focus_on(Pane::Timeline),
                Pane::Readiness => self.walk_evidence(),
                Pane::Timeline if self.view.evidence_walk.is_some() => self.walk_evidence(),
                _ => {}
            },
            Action::Goto => self.start_goto(),
            Action::Sort => {
                self.list.sort = self.list.sort.next();
                self.list.refilter(&self.rows, &self.matcher, true);
                self.flash = Some(format!("sorted by {}", self.list.sort.label()));
            }
            Action::Help => {
                self.overlay = Some(Overlay::Help);
                self.overlay_scroll = 0;
            }
            Action::Errors => {
                self.overlay = Some(Overlay::Errors);
                self.overlay_scroll = 0;
            }
            Action::Theme => self.next_theme(),
            Action::Present if self.hosting().is_some() => {
                self.flash = Some("a conference always presents: p cannot turn it off while hosting".into());
            }
            Action::Present => self.toggle_present(),
            Action::Conference if self.conference.is_some() => {
                self.overlay = Some(Overlay::Conference);
                self.overlay_scroll = 0;
            }
            Action::Conference => {
                self.flash = Some("no conference: `pathwise host` opens one, `pathwise join` follows one".into());
            }
            Action::Follow => {
                self.flash = Some("not following a conference: `pathwise join` follows one".into());
            }
            Action::Zoom => self.zoom = !self.zoom,
            Action::Edit => {
                return match (self.selected_index(), &self.library.source.dir) {
                    (Some(i), Some(_)) => Effect::Edit(self.library.cases[i].path.clone()),
                    (Some(_), None) => {
                        self.flash =
                            Some("built-in samples are read-only; `pathwise --library DIR` opens your own".into());
                        Effect::None
                    }
                    (None, _) => Effect::None,
                };
            }
            Action::Reload => return self.start_load(false),
            Action::Step => self.start_step(),
            Action::WhatIf => self.toggle_excluded(false),
            Action::RestoreAll => self.toggle_excluded(true),
            Action::Export => {
                return match self.selected_index().zip(self.selected()) {
                    Some((i, (case, r))) => {
                        let p =
                            crate::present::Presenter::new(case, self.privacy()).with_file(&self.library.cases[i].path);
                        let mut body =
                            crate::export::markdown(&p.case_view_reviewed(&self.profile), &p.verdict_view(r));
                        // a conference's step-through on this case: the room's answers
                        if let Some(room) = self.room_markdown(&case.id) {
                            body = format!("{}\n\n{}\n", body.trim_end(), room.join("\n"));
                        }
                        Effect::Export {
                            id: case.id.clone(),
                            body,
                        }
                    }
                    None => Effect::None,
                };
            }
            Action::Mouse => {
                self.mouse = !self.mouse;
                self.flash = Some(
                    if self.mouse {
                        "mouse on"
                    } else {
                        "mouse off: the terminal selects text"
                    }
                    .into(),
                );
                return Effect::SetMouse(self.mouse);
            }
            // the other modes' actions are applied in their own modes
            _ => {}
        }
        Effect::None
    }

    /// What a browsing key does while help or the errors view is open:
    /// scrolling it, switching or closing it, quitting; nothing else.
    pub(super) fn overlay_action(&mut self, a: Action) -> Effect {
        let Some(overlay) = self.overlay else {
            return Effect::None;
        };
        match a {
            Action::Quit => return Effect::Quit,
            Action::Help if overlay == Overlay::Help => self.overlay = None,
            Action::Errors if overlay == Overlay::Errors => self.overlay = None,
            Action::Conference if overlay == Overlay::Conference => self.overlay = None,
            Action::Help => self.overlay = Some(Overlay::Help),
            Action::Errors if !self.is_follower() => self.overlay = Some(Overlay::Errors),
            Action::Conference if self.conference.is_some() => self.overlay = Some(Overlay::Conference),
            Action::Down => self.overlay_scroll = self.overlay_scroll.saturating_add(1),
            Action::Up => self.overlay_scroll = self.overlay_scroll.saturating_sub(1),
            Action::PageDown => self.overlay_scroll = self.overlay_scroll.saturating_add(10),
            Action::PageUp => self.overlay_scroll = self.overlay_scroll.saturating_sub(10),
            Action::Top => self.overlay_scroll = 0,
            Action::Bottom => self.overlay_scroll = u16::MAX / 2,
            _ => {}
        }
        Effect::None
    }

    /// Esc: close the search, leave zoom, step back toward the list.
    pub(super) fn back(&mut self) {
        if self.zoom {
            self.zoom = false;
        } else if !self.list.query.is_empty() && self.focus == Pane::List {
            self.list.query.clear();
            self.refilter();
        } else if self.focus == Pane::Readiness || self.focus == Pane::Detail {
            self.view.evidence_walk = None;
            self.focus = Pane::Timeline;
        } else if self.focus == Pane::Timeline {
            if self.view.evidence_walk.take().is_some() && self.mode() == super::layout::Mode::Tabs {
                // back to the criterion the walk started from
                self.focus = Pane::Readiness;
            } else if self.view.event.is_some() {
                self.view.event = None;
            } else {
                self.focus = Pane::List;
            }
        }
    }

    pub(super) fn set_theme(&mut self, name: &str) {
        let (theme, problem) = self.themes.resolve_or_default(name, self.depth);
        self.theme_name = theme.name.clone();
        self.theme = theme;
        self.flash = Some(match problem {
            Some(e) => format!("theme problem, using default: {e}"),
            None => format!("theme: {}", self.theme_name),
        });
    }

    pub(super) fn next_theme(&mut self) {
        let names = self.themes.names();
        let i = names
            .iter()
            .position(|n| *n == self.theme_name)
            .map_or(0, |i| (i + 1) % names.len());
        let next = names[i].to_string();
        self.theme_chosen = true;
        self.set_theme(&next);
    }

    pub(super) fn toggle_present(&mut self) {
        // the list's words and the selected case's views follow at the end of update
        self.present = !self.present;
        if self.present {
            if !self.theme_chosen {
                self.theme_before_present = Some(self.theme_name.clone());
                self.set_theme("high-contrast");
            }
            self.flash = Some("presenting: de-identified, dates as weeks from onset, notes hidden".into());
        } else {
            if let Some(name) = self.theme_before_present.take() {
                self.set_theme(&name);
            }
            self.flash = Some("presentation mode off".into());
        }
    }
}
