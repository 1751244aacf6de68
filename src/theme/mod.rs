//! Themes: TOML files that name a palette and map semantic roles to it.
//! Built-in themes live in `themes/` and are compiled in; user themes live
//! in the `themes` folder beside the config file and may `inherit` any
//! theme. A role a theme leaves out falls back to its parent role, so a
//! theme can be a handful of lines.

pub mod color;
mod load;

pub use color::Depth;
pub use load::{DEFAULT, Origin, ThemeError, ThemeSet};

use ratatui::style::{Color, Modifier, Style};

macro_rules! roles {
    ($($variant:ident = $name:literal => $parent:expr, $doc:literal;)+) => {
        /// A semantic use of colour in the interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Role { $($variant),+ }

        impl Role {
            pub const ALL: &'static [Role] = &[$(Role::$variant),+];

            pub fn name(self) -> &'static str {
                match self { $(Role::$variant => $name),+ }
            }

            /// The role it falls back to when a theme leaves it out.
            pub fn parent(self) -> Option<Role> {
                match self { $(Role::$variant => $parent),+ }
            }

            /// What the role colours, for `docs/themes.md` and `themes`.
            pub fn doc(self) -> &'static str {
                match self { $(Role::$variant => $doc),+ }
            }

            pub fn from_name(name: &str) -> Option<Role> {
                match name { $($name => Some(Role::$variant),)+ _ => None }
            }
        }
    };
}

roles! {
    Text = "text" => None, "ordinary text, and the background of every pane";
    Muted = "muted" => Some(Role::Text), "secondary text: hints, axis labels, events after the review date";
    Border = "border" => Some(Role::Muted), "pane borders";
    BorderFocused = "border_focused" => Some(Role::Title), "the border of the focused pane";
    Title = "title" => Some(Role::Text), "pane titles and headings";
    Selection = "selection" => Some(Role::Text), "the selected row or event";
    SearchMatch = "search_match" => Some(Role::Title), "matched characters in the case list";
    Evidence = "evidence" => Some(Role::Selection), "events a focused criterion rests on";
    LanePt = "lane_pt" => Some(Role::Text), "the PT lane";
    LaneWorkup = "lane_workup" => Some(Role::Text), "the workup lane";
    LaneMeds = "lane_meds" => Some(Role::Text), "the medication lane";
    LaneInject = "lane_inject" => Some(Role::Text), "the injection lane";
    LaneConsult = "lane_consult" => Some(Role::Text), "the consult and surgery lane";
    Pain = "pain" => Some(Role::Text), "the pain trace";
    Function = "function" => Some(Role::Muted), "the function score trace";
    AsOf = "as_of" => Some(Role::Warn), "the review-date marker on the timeline";
    BandPostOp = "band_post_op" => Some(Role::Text), "band post-op";
    BandUrgent = "band_urgent" => Some(Role::Bad), "band urgent";
    BandReady = "band_ready" => Some(Role::Ok), "band ready";
    BandApproaching = "band_approaching" => Some(Role::Warn), "band approaching";
    BandNotReady = "band_not_ready" => Some(Role::Muted), "band not ready";
    Ok = "ok" => Some(Role::Text), "a met criterion";
    Warn = "warn" => Some(Role::Text), "a confounder, an unknown criterion";
    Bad = "bad" => Some(Role::Text), "a criterion not met, errors";
}

/// A resolved theme: one style per role, already mapped to the terminal's
/// colour depth.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: String,
    styles: Vec<Style>,
}

impl Theme {
    pub fn style(&self, role: Role) -> Style {
        self.styles[role as usize]
    }

    /// Builds from partial role styles, filling gaps from parent roles, and
    /// maps colours to the depth.
    fn from_roles(name: &str, roles: &[Option<Style>], depth: Depth) -> Theme {
        let styles = Role::ALL
            .iter()
            .map(|&role| {
                let mut r = Some(role);
                while let Some(cur) = r {
                    if let Some(s) = roles[cur as usize] {
                        return map_style(s, depth);
                    }
                    r = cur.parent();
                }
                Style::default()
            })
            .collect();
        Theme {
            name: name.to_string(),
            styles,
        }
    }
}

fn map_style(s: Style, depth: Depth) -> Style {
    let map = |c: Option<Color>| c.map(|c| depth.map(c));
    let mut out = Style {
        fg: map(s.fg),
        bg: map(s.bg),
        ..s
    };
    if depth == Depth::None {
        out.fg = None;
        out.bg = None;
    }
    out
}

/// Modifiers a theme may set on a role.
pub const MODIFIERS: &[(&str, Modifier)] = &[
    ("bold", Modifier::BOLD),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
    ("underline", Modifier::UNDERLINED),
    ("reversed", Modifier::REVERSED),
    ("crossed_out", Modifier::CROSSED_OUT),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_is_documented_for_theme_writers() {
        let doc = include_str!("../../docs/themes.md");
        for role in Role::ALL {
            assert!(
                doc.contains(&format!("| `{}` | {} |", role.name(), role.doc())),
                "docs/themes.md lacks {}",
                role.name()
            );
        }
    }
}
