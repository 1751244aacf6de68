//! Reading theme files: the built-in ones compiled in, user ones from a
//! folder; `inherit` chains with cycle detection; colours by palette name,
//! `#rrggbb`, an ANSI name or a 0–255 index.

use super::{Depth, MODIFIERS, Role, Theme};
use crate::case::line_column;
use crate::text;
use ratatui::style::{Color, Style};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use toml::Spanned;

/// The theme used when nothing else is chosen, and the fallback.
pub const DEFAULT: &str = "default";

const BUILTIN: &[(&str, &str)] = &[
    ("default", include_str!("../../themes/default.toml")),
    ("light", include_str!("../../themes/light.toml")),
    ("high-contrast", include_str!("../../themes/high-contrast.toml")),
    ("colorblind", include_str!("../../themes/colorblind.toml")),
    ("monochrome", include_str!("../../themes/monochrome.toml")),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    User(PathBuf),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeError {
    pub path: String,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ThemeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    #[allow(dead_code)] // documents the theme for readers of the file
    description: Option<String>,
    inherit: Option<Spanned<String>>,
    #[serde(default)]
    palette: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    roles: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
}

struct Source {
    name: String,
    origin: Origin,
    text: String,
}

impl Source {
    fn label(&self) -> String {
        match &self.origin {
            Origin::BuiltIn => format!("themes/{}.toml (built in)", self.name),
            Origin::User(p) => text::inline(&p.to_string_lossy()).into_owned(),
        }
    }

    fn error(&self, span: Option<std::ops::Range<usize>>, message: impl AsRef<str>) -> ThemeError {
        ThemeError {
            path: self.label(),
            line: span.map(|s| line_column(&self.text, s.start).0),
            message: text::inline(message.as_ref()).into_owned(),
        }
    }
}

/// Every theme pathwise knows: built-in ones, then the user's (a user theme
/// with a built-in name replaces it).
pub struct ThemeSet {
    sources: Vec<Source>,
    /// Problems reading the user themes folder itself.
    pub folder_errors: Vec<ThemeError>,
}

impl ThemeSet {
    pub fn builtin() -> ThemeSet {
        ThemeSet {
            sources: BUILTIN
                .iter()
                .map(|(name, text)| Source {
                    name: name.to_string(),
                    origin: Origin::BuiltIn,
                    text: text.to_string(),
                })
                .collect(),
            folder_errors: Vec::new(),
        }
    }

    /// Built-in themes plus every `*.toml` in `user_dir` (if it exists).
    pub fn load(user_dir: Option<&Path>) -> ThemeSet {
        let mut set = ThemeSet::builtin();
        let Some(dir) = user_dir else { return set };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return set;
        };
        let mut paths: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            match crate::library::read_limited(&path).map(String::from_utf8) {
                Ok(Ok(text)) => {
                    set.sources.retain(|s| s.name != name);
                    set.sources.push(Source {
                        name,
                        origin: Origin::User(path),
                        text,
                    });
                }
                Ok(Err(_)) => set.folder_errors.push(ThemeError {
                    path: text::inline(&path.to_string_lossy()).into_owned(),
                    line: None,
                    message: "not UTF-8 text".into(),
                }),
                Err(e) => set.folder_errors.push(ThemeError {
                    path: text::inline(&path.to_string_lossy()).into_owned(),
                    line: None,
                    message: e.message,
                }),
            }
        }
        set
    }

    /// Theme names in cycling order.
    pub fn names(&self) -> Vec<&str> {
        self.sources.iter().map(|s| s.name.as_str()).collect()
    }

    pub fn origin(&self, name: &str) -> Option<&Origin> {
        self.sources.iter().find(|s| s.name == name).map(|s| &s.origin)
    }

    /// The named theme at `depth`; with `NO_COLOR` (depth none) always
    /// monochrome, where bold, reverse and underline carry the meaning.
    pub fn resolve(&self, name: &str, depth: Depth) -> Result<Theme, ThemeError> {
        let name = if depth == Depth::None { "monochrome" } else { name };
        let mut roles = vec![None; Role::ALL.len()];
        self.apply(name, &mut Vec::new(), &mut roles, &mut BTreeMap::new())?;
        if roles[Role::Text as usize].is_none() {
            let src = self.find(name)?;
            return Err(src.error(None, "the theme (or one it inherits) must set the `text` role"));
        }
        Ok(Theme::from_roles(name, &roles, depth))
    }

    /// The named theme, or the default with the reason it could not be used.
    pub fn resolve_or_default(&self, name: &str, depth: Depth) -> (Theme, Option<ThemeError>) {
        match self.resolve(name, depth) {
            Ok(t) => (t, None),
            Err(e) => {
                let fallback = self
                    .resolve(DEFAULT, depth)
                    .or_else(|_| ThemeSet::builtin().resolve(DEFAULT, depth))
                    .unwrap_or_else(|_| Theme::from_roles(DEFAULT, &[], depth));
                (fallback, Some(e))
            }
        }
    }

    /// Checks every theme; the problems found, one per theme at most.
    pub fn check(&self) -> Vec<ThemeError> {
        let mut errors = self.folder_errors.clone();
        for s in &self.sources {
            if let Err(e) = self.resolve(&s.name, Depth::TrueColor) {
                errors.push(e);
            }
        }
        errors
    }

    fn find(&self, name: &str) -> Result<&Source, ThemeError> {
        self.sources.iter().find(|s| s.name == name).ok_or_else(|| ThemeError {
            path: format!("theme \"{}\"", text::inline(name)),
            line: None,
            message: format!("no such theme; known themes: {}", self.names().join(", ")),
        })
    }

    /// Applies `name` (after its ancestors) onto `roles`.
    fn apply(
        &self,
        name: &str,
        chain: &mut Vec<String>,
        roles: &mut [Option<Style>],
        palette: &mut BTreeMap<String, Color>,
    ) -> Result<(), ThemeError> {
        let src = self.find(name)?;
        if chain.iter().any(|n| n == name) {
            chain.push(name.to_string());
            return Err(src.error(None, format!("inheritance cycle: {}", chain.join(" → "))));
        }
        chain.push(name.to_string());
        let file: ThemeFile = toml::from_str(&src.text).map_err(|e| {
            let msg = e
                .message()
                .replace("unknown field", "unknown key")
                .replace(", expected one of", "; allowed:");
            src.error(e.span(), msg)
        })?;
        if let Some(parent) = &file.inherit {
            self.apply(parent.get_ref(), chain, roles, palette).map_err(|mut e| {
                if e.message.starts_with("no such theme") {
                    e = src.error(Some(parent.span()), format!("inherits {}", e.message));
                }
                e
            })?;
        }
        for (key, value) in &file.palette {
            let c = parse_color(value.get_ref(), palette).ok_or_else(|| {
                src.error(
                    Some(value.span()),
                    format!("palette `{}`: \"{}\" is not a colour", key, value.get_ref()),
                )
            })?;
            palette.insert(key.clone(), c);
        }
        for (key, value) in &file.roles {
            let role = Role::from_name(key.get_ref()).ok_or_else(|| {
                let names: Vec<&str> = Role::ALL.iter().map(|r| r.name()).collect();
                src.error(
                    Some(key.span()),
                    format!("unknown role `{}`; roles: {}", key.get_ref(), names.join(", ")),
                )
            })?;
            let style = parse_style(value.get_ref(), palette)
                .map_err(|m| src.error(Some(value.span()), format!("role `{}`: {m}", key.get_ref())))?;
            roles[role as usize] = Some(style);
        }
        Ok(())
    }
}

fn parse_color(s: &str, palette: &BTreeMap<String, Color>) -> Option<Color> {
    if let Some(c) = palette.get(s) {
        return Some(*c);
    }
    if s == "reset" || s == "default" {
        return Some(Color::Reset);
    }
    Color::from_str(s).ok()
}

/// A role is a colour (its foreground) or a table of `fg`, `bg` and
/// modifiers set to true or false.
fn parse_style(v: &toml::Value, palette: &BTreeMap<String, Color>) -> Result<Style, String> {
    let color =
        |s: &str| parse_color(s, palette).ok_or_else(|| format!("\"{s}\" is neither a palette name nor a colour"));
    match v {
        toml::Value::String(s) => Ok(Style::default().fg(color(s)?)),
        toml::Value::Table(t) => {
            let mut style = Style::default();
            for (k, v) in t {
                match (k.as_str(), v) {
                    ("fg", toml::Value::String(s)) => style = style.fg(color(s)?),
                    ("bg", toml::Value::String(s)) => style = style.bg(color(s)?),
                    (name, toml::Value::Boolean(on)) => {
                        let m = MODIFIERS
                            .iter()
                            .find(|(n, _)| *n == name)
                            .map(|(_, m)| *m)
                            .ok_or_else(|| {
                                let names: Vec<&str> = MODIFIERS.iter().map(|(n, _)| *n).collect();
                                format!("unknown key `{name}`; allowed: fg, bg, {}", names.join(", "))
                            })?;
                        style = if *on {
                            style.add_modifier(m)
                        } else {
                            style.remove_modifier(m)
                        };
                    }
                    (name, _) => {
                        return Err(format!(
                            "`{name}` has the wrong type (colours are strings, modifiers true or false)"
                        ));
                    }
                }
            }
            Ok(style)
        }
        _ => Err("expected a colour string or a table like { fg = \"blue\", bold = true }".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    fn set_with(user: &[(&str, &str)]) -> ThemeSet {
        let mut set = ThemeSet::builtin();
        for (name, text) in user {
            set.sources.push(Source {
                name: name.to_string(),
                origin: Origin::User(PathBuf::from(format!("/u/{name}.toml"))),
                text: text.to_string(),
            });
        }
        set
    }

    #[test]
    fn every_shipped_theme_loads_cleanly() {
        let set = ThemeSet::builtin();
        assert!(set.check().is_empty(), "{:?}", set.check());
        for name in ["default", "light", "high-contrast", "colorblind", "monochrome"] {
            let t = set.resolve(name, Depth::TrueColor).expect("loads");
            assert_eq!(t.name, name);
        }
    }

    #[test]
    fn inherit_overrides_some_roles() {
        let set = set_with(&[(
            "mine",
            "inherit = \"default\"\n[palette]\nhot = \"#ff0000\"\n[roles]\nbad = { fg = \"hot\", bold = true }\n",
        )]);
        let mine = set.resolve("mine", Depth::TrueColor).expect("loads");
        let base = set.resolve("default", Depth::TrueColor).expect("loads");
        assert_eq!(mine.style(Role::Bad).fg, Some(Color::Rgb(255, 0, 0)));
        assert!(mine.style(Role::Bad).add_modifier.contains(Modifier::BOLD));
        assert_eq!(mine.style(Role::Text), base.style(Role::Text));
    }

    #[test]
    fn inheritance_cycles_are_errors() {
        let set = set_with(&[("a", "inherit = \"b\"\n"), ("b", "inherit = \"a\"\n")]);
        let e = set.resolve("a", Depth::TrueColor).expect_err("cycle");
        assert!(e.message.contains("inheritance cycle: a → b → a"), "{e}");
    }

    #[test]
    fn a_malformed_theme_falls_back_to_default_with_the_reason() {
        let set = set_with(&[("broken", "[roles]\ntext = \"white\"\nbroder = \"red\"\n")]);
        let (theme, err) = set.resolve_or_default("broken", Depth::TrueColor);
        assert_eq!(theme.name, "default");
        let err = err.expect("reported");
        assert_eq!(err.line, Some(3));
        assert!(
            err.path.contains("broken.toml") && err.message.contains("unknown role `broder`"),
            "{err}"
        );
    }

    #[test]
    fn no_color_means_monochrome_without_colours() {
        let t = ThemeSet::builtin().resolve("default", Depth::None).expect("loads");
        assert_eq!(t.name, "monochrome");
        for role in Role::ALL {
            assert_eq!(t.style(*role).fg, None);
            assert_eq!(t.style(*role).bg, None);
        }
        assert!(t.style(Role::Selection).add_modifier.contains(Modifier::REVERSED));
    }
}
