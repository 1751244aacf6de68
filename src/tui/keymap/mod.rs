//! Key → action, in one table with a column for the mode, as helix does.
//! The same table feeds the `?` help (one section per mode) and the
//! status-line hints (for the mode and the focused pane), so help can never
//! drift from the keys; the config file's `[keys]` replaces the keys of any
//! action of any mode by name.

mod key;
mod table;

pub use key::Key;

use crate::tui::layout::Pane;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::BTreeMap;

/// Everything a key can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    // everywhere
    ForceQuit,
    Suspend,
    // browsing
    Down,
    Up,
    PrevEvent,
    NextEvent,
    NextPane,
    PrevPane,
    FocusList,
    FocusTimeline,
    FocusDetail,
    FocusReadiness,
    Search,
    Back,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Open,
    Sort,
    Help,
    Theme,
    Present,
    Zoom,
    Edit,
    Reload,
    Errors,
    Mouse,
    Quit,
    Step,
    WhatIf,
    RestoreAll,
    Export,
    /// `:`: go to a case by id or alias.
    Goto,
    /// A conference: the join command (hosting), what the room sees.
    Conference,
    /// Following a conference: follow the host again after browsing.
    Follow,
    // searching
    SearchAccept,
    SearchCancel,
    SearchBackspace,
    SearchDeleteWord,
    SearchClear,
    SearchDown,
    SearchUp,
    // going to a case
    GotoAccept,
    GotoCancel,
    GotoBackspace,
    // step-through: answer with choice n (0-based)
    Answer(u8),
    ChoiceUp,
    ChoiceDown,
    StepGo,
    StepNext,
    StepExit,
    // help and error views
    Close,
}

/// The console's key modes. A key is looked up in the current mode's rows,
/// then in the modes it falls back to ([`KeyMode::fallbacks`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyMode {
    /// Chords that work in every mode (Ctrl-C, Ctrl-Z).
    Everywhere,
    /// Browsing the library: panes, events, criteria.
    Browse,
    /// Typing into the search box: unbound printable keys are typed.
    Search,
    /// Typing a case id or alias after `:`.
    Goto,
    /// A step-through is running.
    Step,
    /// The help or the load errors view is open.
    Overlay,
}

impl KeyMode {
    /// The modes in the order help lists them.
    pub const ALL: [KeyMode; 6] = [
        KeyMode::Browse,
        KeyMode::Search,
        KeyMode::Goto,
        KeyMode::Step,
        KeyMode::Overlay,
        KeyMode::Everywhere,
    ];

    /// Where a key is looked up, first to last.
    pub fn fallbacks(self) -> &'static [KeyMode] {
        match self {
            KeyMode::Everywhere => &[KeyMode::Everywhere],
            KeyMode::Browse => &[KeyMode::Browse, KeyMode::Everywhere],
            // typing must reach the box: no browsing key applies
            KeyMode::Search => &[KeyMode::Search, KeyMode::Everywhere],
            KeyMode::Goto => &[KeyMode::Goto, KeyMode::Everywhere],
            KeyMode::Step => &[KeyMode::Step, KeyMode::Browse, KeyMode::Everywhere],
            KeyMode::Overlay => &[KeyMode::Overlay, KeyMode::Browse, KeyMode::Everywhere],
        }
    }

    /// The heading of the mode's section in help.
    pub fn title(self) -> &'static str {
        match self {
            KeyMode::Everywhere => "Everywhere",
            KeyMode::Browse => "Browsing",
            KeyMode::Search => "Searching (after /)",
            KeyMode::Goto => "Going to a case (after :)",
            KeyMode::Step => "Step-through (after s)",
            KeyMode::Overlay => "Help and error views",
        }
    }
}

/// When the status line shows a binding: its short word, in the panes
/// given (empty: in every pane).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hint {
    pub word: &'static str,
    pub panes: &'static [Pane],
}

/// One row of the keymap, with the keys in force (defaults or `[keys]`).
#[derive(Debug, Clone)]
pub struct Binding {
    pub mode: KeyMode,
    pub action: Action,
    pub name: &'static str,
    pub keys: Vec<Key>,
    pub help: &'static str,
    pub hint: Option<Hint>,
}

#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Keymap {
    /// The table with the config's overrides applied; unknown action
    /// names or keys are returned as messages, and the default stays.
    pub fn new(overrides: &BTreeMap<String, String>) -> (Keymap, Vec<String>) {
        let mut problems = Vec::new();
        let mut bindings: Vec<Binding> = table::ROWS
            .iter()
            .map(|r| Binding {
                mode: r.mode,
                action: r.action,
                name: r.name,
                keys: r.keys.iter().filter_map(|k| Key::parse(k)).collect(),
                help: r.help,
                hint: r.hint,
            })
            .collect();
        for (name, keys) in overrides {
            let Some(b) = bindings.iter_mut().find(|b| b.name == name) else {
                let names: Vec<&str> = table::ROWS.iter().map(|r| r.name).collect();
                let near = crate::file::nearest(name, names.iter().copied())
                    .map(|n| format!(" (did you mean `{n}`?)"))
                    .unwrap_or_default();
                problems.push(format!(
                    "[keys] unknown action `{name}`{near}; actions: {}",
                    names.join(", ")
                ));
                continue;
            };
            let parsed: Option<Vec<Key>> = keys.split_whitespace().map(Key::parse).collect();
            match parsed {
                Some(k) if !k.is_empty() => b.keys = k,
                _ => problems.push(format!(
                    "[keys] {name} = \"{keys}\": not a key (examples: \"T\", \"ctrl-t\", \"f5\")"
                )),
            }
        }
        (Keymap { bindings }, problems)
    }

    /// The actions a key may mean in a mode, in the order to try them:
    /// the mode's own rows first, then those of the modes it falls back
    /// to. Ctrl-C always means [`Action::ForceQuit`].
    pub fn lookup(&self, mode: KeyMode, e: &KeyEvent) -> Vec<Action> {
        let key = Key::from_event(e);
        if key.code == KeyCode::Char('c') && key.mods == KeyModifiers::CONTROL {
            return vec![Action::ForceQuit];
        }
        mode.fallbacks()
            .iter()
            .flat_map(|m| {
                self.bindings
                    .iter()
                    .filter(move |b| b.mode == *m && b.keys.contains(&key))
                    .map(|b| b.action)
            })
            .collect()
    }

    /// The first action a key means in browsing (for tests and callers
    /// that know the mode has no alternatives).
    pub fn action(&self, e: &KeyEvent) -> Option<Action> {
        self.lookup(KeyMode::Browse, e).first().copied()
    }

    pub fn keys_of(&self, action: Action) -> String {
        self.bindings
            .iter()
            .find(|b| b.action == action)
            .map(|b| b.keys.iter().map(ToString::to_string).collect::<Vec<_>>().join("/"))
            .unwrap_or_default()
    }

    /// The bindings of a mode, in table order (one help section).
    pub fn of_mode(&self, mode: KeyMode) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.mode == mode)
    }

    /// (first key, word) for the status line in a mode and a pane, in
    /// table order.
    pub fn hints(&self, mode: KeyMode, pane: Pane) -> impl Iterator<Item = (String, &'static str)> + '_ {
        self.bindings.iter().filter_map(move |b| {
            let hint = b.hint?;
            let here = b.mode == mode && (hint.panes.is_empty() || hint.panes.contains(&pane));
            here.then(|| Some((b.keys.first()?.to_string(), hint.word)))?
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn parses_key_names() {
        assert_eq!(
            Key::parse("ctrl-c"),
            Some(Key {
                code: KeyCode::Char('c'),
                mods: KeyModifiers::CONTROL
            })
        );
        assert_eq!(
            Key::parse("shift-tab"),
            Some(Key {
                code: KeyCode::BackTab,
                mods: KeyModifiers::NONE
            })
        );
        assert_eq!(
            Key::parse("G"),
            Some(Key {
                code: KeyCode::Char('G'),
                mods: KeyModifiers::NONE
            })
        );
        assert_eq!(
            Key::parse("f5"),
            Some(Key {
                code: KeyCode::F(5),
                mods: KeyModifiers::NONE
            })
        );
        assert_eq!(Key::parse("xyz"), None);
    }

    #[test]
    fn default_keys_map_to_actions() {
        let (km, problems) = Keymap::new(&BTreeMap::new());
        assert!(problems.is_empty());
        assert_eq!(
            km.action(&ev(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            km.action(&ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            km.action(&ev(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::PrevPane)
        );
        assert_eq!(
            km.action(&ev(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            Some(Action::Help)
        );
    }

    #[test]
    fn overrides_replace_keys_but_ctrl_c_always_quits() {
        let mut o = BTreeMap::new();
        o.insert("theme".to_string(), "T".to_string());
        o.insert("quit".to_string(), "x".to_string());
        o.insert("nope".to_string(), "n".to_string());
        let (km, problems) = Keymap::new(&o);
        assert_eq!(problems.len(), 1);
        assert_eq!(
            km.action(&ev(KeyCode::Char('T'), KeyModifiers::SHIFT)),
            Some(Action::Theme)
        );
        assert_eq!(km.action(&ev(KeyCode::Char('t'), KeyModifiers::NONE)), None);
        assert_eq!(
            km.action(&ev(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::ForceQuit)
        );
        assert_eq!(km.keys_of(Action::Theme), "T");
    }

    #[test]
    fn every_action_has_a_key_and_help() {
        let (km, _) = Keymap::new(&BTreeMap::new());
        for b in &km.bindings {
            assert!(!b.keys.is_empty(), "{}", b.name);
            assert!(!b.help.is_empty());
        }
    }
}
