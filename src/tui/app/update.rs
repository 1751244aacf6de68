//! `update`: a message in, the state changed, any side effect returned as
//! an [`Effect`]; and what a key means in the mode the console is in.

use super::{App, Effect, Msg};
use crate::tui::keymap::{Action, KeyMode};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

impl App {
    /// Applies one message, then brings the presented views up to date.
    pub fn update(&mut self, msg: Msg) -> Effect {
        let effect = self.apply(msg);
        self.present_views();
        self.settle_scrolls();
        self.settle_conference();
        effect
    }

    fn apply(&mut self, msg: Msg) -> Effect {
        // conference messages, and a follower's keys and clicks
        let msg = match self.conference_apply(msg) {
            Ok(effect) => return effect,
            Err(msg) => msg,
        };
        match msg {
            Msg::Resize(w, h) => {
                self.size = Rect::new(0, 0, w, h);
                let height = self.list_height();
                self.list.scroll_into_view(height);
                Effect::None
            }
            Msg::Load(event) => self.load_event(event),
            Msg::FilesTouched { paths, folder } => self.files_touched(paths, folder),
            Msg::FilesChanged(changes) => {
                // a file saved unchanged (or looked at again after a load) is no news
                let edited = self.edited.take().filter(|p| changes.iter().any(|(c, _)| c == p));
                let changes = self.actual_changes(changes);
                if changes.is_empty() {
                    if let Some(p) = edited {
                        let name = p
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        self.flash = Some(format!("no change to {}", crate::text::inline(&name)));
                    }
                    return Effect::None;
                }
                let before = self.library.failed_files();
                let (keep_id, previous) = self.take_scores();
                let rescore = self.library.apply(changes);
                self.install(keep_id, previous, &rescore);
                let after = self.library.failed_files();
                self.flash = Some(match after {
                    0 => "reloaded from disk".to_string(),
                    n if n > before => format!("a file failed to load ({n} in all; ! shows them)"),
                    n => format!(
                        "reloaded; {n} file{} failing (! shows them)",
                        if n == 1 { "" } else { "s" }
                    ),
                });
                Effect::None
            }
            Msg::Exported(result) => {
                // the file is named after the case id: not on a shared screen
                self.flash = Some(match result {
                    Ok(_) if self.present => {
                        "wrote the referral summary (file name hidden while presenting)".to_string()
                    }
                    Ok(path) => format!("wrote {}", crate::text::inline(&path.to_string_lossy())),
                    Err(_) if self.present => "export failed (details hidden while presenting)".to_string(),
                    Err(e) => format!("export failed: {}", crate::text::inline(&e)),
                });
                Effect::None
            }
            Msg::EditorClosed { path, result } => {
                self.edited = Some(path.clone());
                let effect = self.files_touched(vec![path], false);
                if let Err(e) = result {
                    self.flash = Some(crate::text::inline(&e).into_owned());
                }
                effect
            }
            Msg::Notice(text) => {
                self.flash = Some(crate::text::inline(&text).into_owned());
                Effect::None
            }
            Msg::Step(id) => {
                if self.loading.is_some() {
                    self.pending_step = Some(id);
                } else {
                    self.step_now(&id);
                }
                Effect::None
            }
            Msg::Paste(text) => {
                if let Some(g) = self.goto.as_mut() {
                    g.extend(text.chars().filter(|c| !c.is_control()));
                } else if self.list.searching {
                    self.list.query.extend(text.chars().filter(|c| !c.is_control()));
                    self.refilter();
                }
                Effect::None
            }
            Msg::Mouse(m) => self.mouse_event(m),
            // taken by `conference_apply`
            Msg::Conference(_) => Effect::None,
            Msg::Key(k) => {
                self.flash = None;
                self.key(&k)
            }
        }
    }

    /// The key mode the console is in: what a key means now.
    pub fn key_mode(&self) -> KeyMode {
        if self.overlay.is_some() {
            KeyMode::Overlay
        } else if self.goto.is_some() {
            KeyMode::Goto
        } else if self.list.searching {
            KeyMode::Search
        } else if self.view.step.is_some() || self.remote_at_stop() {
            KeyMode::Step
        } else {
            KeyMode::Browse
        }
    }

    /// A key: the actions it may mean in this mode, tried in the keymap's
    /// order until one applies; in the search box an unbound printable
    /// key is typed.
    fn key(&mut self, k: &KeyEvent) -> Effect {
        let mode = self.key_mode();
        for a in self.keymap.lookup(mode, k) {
            if let Some(effect) = self.act(mode, a) {
                return effect;
            }
        }
        let plain = !k.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match (mode, k.code, plain) {
            (KeyMode::Search, KeyCode::Char(c), true) => {
                self.list.query.push(c);
                self.refilter();
            }
            (KeyMode::Goto, KeyCode::Char(c), true) => self.goto.get_or_insert_default().push(c),
            _ => {}
        }
        Effect::None
    }

    /// One action in a mode; `None` when it does not apply there now (a
    /// step key before its moment), so the next meaning of the key is tried.
    fn act(&mut self, mode: KeyMode, a: Action) -> Option<Effect> {
        match a {
            Action::ForceQuit => Some(Effect::Quit),
            Action::Suspend => Some(Effect::Suspend),
            Action::SearchAccept
            | Action::SearchCancel
            | Action::SearchBackspace
            | Action::SearchDeleteWord
            | Action::SearchClear
            | Action::SearchDown
            | Action::SearchUp => {
                self.search_action(a);
                Some(Effect::None)
            }
            Action::GotoAccept | Action::GotoCancel | Action::GotoBackspace => {
                self.goto_action(a);
                Some(Effect::None)
            }
            Action::Answer(_)
            | Action::ChoiceUp
            | Action::ChoiceDown
            | Action::StepGo
            | Action::StepNext
            | Action::StepExit => self.step_action(a).then_some(Effect::None),
            Action::Close => {
                self.overlay = None;
                Some(Effect::None)
            }
            _ if mode == KeyMode::Overlay => Some(self.overlay_action(a)),
            _ => Some(self.browse_action(a)),
        }
    }

    /// What the search box does with its keys.
    fn search_action(&mut self, a: Action) {
        match a {
            Action::SearchClear => {
                self.list.query.clear();
                self.refilter();
            }
            Action::SearchDeleteWord => {
                self.list.delete_word();
                self.refilter();
            }
            Action::SearchBackspace => {
                self.list.query.pop();
                self.refilter();
            }
            Action::SearchAccept => self.list.searching = false,
            Action::SearchCancel => {
                // the case the user was looking at stays selected
                self.list.searching = false;
                let keep = self.selected_index();
                self.list.query.clear();
                self.list.refilter(&self.rows, &self.matcher, false);
                if let Some(i) = keep {
                    self.list.select_row(i);
                }
                let height = self.list_height();
                self.list.scroll_into_view(height);
                if self.selected_index() != keep {
                    self.case_changed();
                }
            }
            Action::SearchDown => self.move_list(1),
            Action::SearchUp => self.move_list(-1),
            _ => {}
        }
    }

    pub(in crate::tui) fn refilter(&mut self) {
        let before = self.selected_index();
        self.list.refilter(&self.rows, &self.matcher, false);
        let height = self.list_height();
        self.list.scroll_into_view(height);
        if self.selected_index() != before {
            self.case_changed();
        }
    }
}
