//! Key → action, in one table. The same table feeds the `?` help overlay
//! and the status-line hints, so help can never drift from the keys; the
//! config file's `[keys]` replaces the keys of any action by name.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
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
}

/// A key with its modifiers, as written in the keymap and the config.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn from_event(e: &KeyEvent) -> Key {
        // Shift is part of the character for printable keys ('G', '?')
        let mods = match e.code {
            KeyCode::Char(_) | KeyCode::BackTab => e.modifiers - KeyModifiers::SHIFT,
            _ => e.modifiers,
        };
        Key { code: e.code, mods }
    }

    /// Parses "j", "G", "?", "ctrl-c", "tab", "shift-tab", "down", "pgup",
    /// "home", "enter", "esc", "space", "f5".
    pub fn parse(s: &str) -> Option<Key> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            if let Some(r) = lower.strip_prefix("ctrl-") {
                mods |= KeyModifiers::CONTROL;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower.strip_prefix("alt-") {
                mods |= KeyModifiers::ALT;
                rest = &rest[rest.len() - r.len()..];
            } else if lower.starts_with("shift-") && lower.len() > 6 {
                mods |= KeyModifiers::SHIFT;
                rest = &rest[6..];
            } else {
                break;
            }
        }
        let code = match rest.to_ascii_lowercase().as_str() {
            "tab" if mods.contains(KeyModifiers::SHIFT) => {
                mods -= KeyModifiers::SHIFT;
                KeyCode::BackTab
            }
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "space" => KeyCode::Char(' '),
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "backspace" => KeyCode::Backspace,
            f if f.len() > 1 && f.starts_with('f') => KeyCode::F(f[1..].parse().ok()?),
            _ => {
                let mut chars = rest.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                let c = if mods.contains(KeyModifiers::CONTROL) {
                    c.to_ascii_lowercase()
                } else {
                    c
                };
                KeyCode::Char(c)
            }
        };
        Some(Key { code, mods })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// One row of the keymap: an action, its keys, what it does, and the short
/// word the status line shows (none for keys that need no reminder).
#[derive(Debug, Clone)]
pub struct Binding {
    pub action: Action,
    pub name: &'static str,
    pub keys: Vec<Key>,
    pub help: &'static str,
    pub hint: Option<&'static str>,
}

/// (action, config name, default keys, help text, status-line hint)
type Default = (
    Action,
    &'static str,
    &'static [&'static str],
    &'static str,
    Option<&'static str>,
);

const DEFAULTS: &[Default] = &[
    (
        Action::Down,
        "down",
        &["j", "down"],
        "move down in the focused pane",
        None,
    ),
    (Action::Up, "up", &["k", "up"], "move up in the focused pane", None),
    (
        Action::PrevEvent,
        "prev_event",
        &["left", "h"],
        "previous event on the timeline",
        None,
    ),
    (
        Action::NextEvent,
        "next_event",
        &["right", "l"],
        "next event on the timeline",
        Some("event"),
    ),
    (Action::NextPane, "next_pane", &["tab"], "next pane", Some("pane")),
    (Action::PrevPane, "prev_pane", &["shift-tab"], "previous pane", None),
    (Action::FocusList, "focus_cases", &["1"], "jump to the case list", None),
    (
        Action::FocusTimeline,
        "focus_timeline",
        &["2"],
        "jump to the timeline",
        None,
    ),
    (Action::FocusDetail, "focus_detail", &["3"], "jump to the detail", None),
    (
        Action::FocusReadiness,
        "focus_readiness",
        &["4"],
        "jump to the readiness panel",
        None,
    ),
    (
        Action::Search,
        "search",
        &["/"],
        "search cases (fzf syntax; region: band: tag:); Enter keeps the filter",
        Some("search"),
    ),
    (
        Action::Back,
        "back",
        &["esc"],
        "close the overlay or the search, then step back; never quits",
        None,
    ),
    (Action::Top, "top", &["g", "home"], "jump to the first item", None),
    (Action::Bottom, "bottom", &["G", "end"], "jump to the last item", None),
    (Action::PageUp, "page_up", &["pgup"], "one page up", None),
    (Action::PageDown, "page_down", &["pgdn"], "one page down", None),
    (
        Action::Open,
        "open",
        &["enter"],
        "open the selected case, or show a criterion's evidence",
        None,
    ),
    (
        Action::Sort,
        "sort",
        &["o"],
        "sort cases by readiness, title or onset",
        None,
    ),
    (Action::Help, "help", &["?"], "this help", Some("help")),
    (Action::Theme, "theme", &["t"], "next theme", Some("theme")),
    (
        Action::Present,
        "present",
        &["p"],
        "presentation mode: de-identified, high contrast",
        Some("present"),
    ),
    (
        Action::Zoom,
        "zoom",
        &["z"],
        "zoom the focused pane to full screen and back",
        Some("zoom"),
    ),
    (
        Action::Edit,
        "edit",
        &["e"],
        "open the case file in $EDITOR, reload on return",
        None,
    ),
    (
        Action::Step,
        "step",
        &["s"],
        "step-through: guess the next step, then see the rules and what happened",
        Some("step"),
    ),
    (
        Action::WhatIf,
        "what_if",
        &["x"],
        "what-if: leave the selected event out of scoring (never saved)",
        None,
    ),
    (
        Action::RestoreAll,
        "restore_all",
        &["X"],
        "what-if: put every left-out event back",
        None,
    ),
    (
        Action::Export,
        "export",
        &["E"],
        "export a referral summary (Markdown) to the current folder",
        None,
    ),
    (Action::Reload, "reload", &["r"], "reload the library", None),
    (Action::Errors, "errors", &["!"], "files that failed to load", None),
    (
        Action::Mouse,
        "mouse",
        &["m"],
        "mouse capture on / off (off lets the terminal select text)",
        None,
    ),
    (
        Action::Quit,
        "quit",
        &["q", "ctrl-c"],
        "quit (Ctrl-C always, from any mode)",
        Some("quit"),
    ),
];

#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Keymap {
    /// The defaults with the config's overrides applied; unknown action
    /// names or keys are returned as messages, and the default stays.
    pub fn new(overrides: &BTreeMap<String, String>) -> (Keymap, Vec<String>) {
        let mut problems = Vec::new();
        let mut bindings: Vec<Binding> = DEFAULTS
            .iter()
            .map(|(action, name, keys, help, hint)| Binding {
                action: *action,
                name,
                keys: keys.iter().filter_map(|k| Key::parse(k)).collect(),
                help,
                hint: *hint,
            })
            .collect();
        for (name, keys) in overrides {
            let Some(b) = bindings.iter_mut().find(|b| b.name == name) else {
                let names: Vec<&str> = DEFAULTS.iter().map(|d| d.1).collect();
                problems.push(format!("[keys] unknown action `{name}`; actions: {}", names.join(", ")));
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

    pub fn action(&self, e: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(e);
        // Ctrl-C always quits, whatever the config says
        if key.code == KeyCode::Char('c') && key.mods == KeyModifiers::CONTROL {
            return Some(Action::Quit);
        }
        self.bindings.iter().find(|b| b.keys.contains(&key)).map(|b| b.action)
    }

    pub fn keys_of(&self, action: Action) -> String {
        self.bindings
            .iter()
            .find(|b| b.action == action)
            .map(|b| b.keys.iter().map(ToString::to_string).collect::<Vec<_>>().join("/"))
            .unwrap_or_default()
    }

    /// (first key, hint) for the status line, most useful first.
    pub fn hints(&self) -> impl Iterator<Item = (String, &'static str)> + '_ {
        const ORDER: [Action; 9] = [
            Action::Help,
            Action::Search,
            Action::NextPane,
            Action::NextEvent,
            Action::Step,
            Action::Theme,
            Action::Present,
            Action::Zoom,
            Action::Quit,
        ];
        ORDER.iter().filter_map(|a| {
            let b = self.bindings.iter().find(|b| b.action == *a)?;
            Some((b.keys.first()?.to_string(), b.hint?))
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
            Some(Action::Quit)
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
