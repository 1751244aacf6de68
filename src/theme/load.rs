//! Reading theme files: the built-in ones compiled in, user ones from a
//! folder; `inherit` chains with cycle detection; colours by palette name,
//! `#rrggbb`, an ANSI name or a 0–255 index.

use super::{Depth, MODIFIERS, Role, Theme};
use crate::file::{FileError, read_limited, read_toml, utf8};
use crate::text;
use ratatui::style::{Color, Modifier, Style};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Theme files larger than this are refused unread.
const MAX_THEME_BYTES: u64 = 256 * 1024;

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

/// A theme that cannot be used: the one located error of every file.
pub type ThemeError = FileError;

/// What a theme file holds, read through the one file reader.
struct ThemeFile {
    inherit: Option<(String, std::ops::Range<usize>)>,
    palette: Vec<(String, String, std::ops::Range<usize>)>,
    /// The palette at 16 colours: a palette name → one of the 16 ANSI
    /// colours, chosen so the roles stay distinct and legible where the
    /// nearest colour would merge them.
    ansi16: Vec<(String, String, std::ops::Range<usize>)>,
    roles: Vec<(Role, RoleValue, std::ops::Range<usize>)>,
}

/// A role is a colour (its foreground) or a table of `fg`, `bg` and
/// modifiers set to true or false.
enum RoleValue {
    Color(String),
    Style {
        fg: Option<String>,
        bg: Option<String>,
        modifiers: Vec<(&'static str, bool)>,
    },
}

/// Reads a theme's keys: every mistake in the file, located.
fn read_theme(path: &Path, text: &str) -> Result<ThemeFile, Vec<FileError>> {
    read_toml(path, text.as_bytes(), |doc, mut top, _| {
        let _description = top.string(doc, "description");
        let inherit = top.string(doc, "inherit").zip(top.span("inherit"));
        let palette = top.string_map(doc, "palette");
        let ansi16 = top.string_map(doc, "ansi16");
        let mut roles = Vec::new();
        if let Some(mut t) = top.table(doc, "roles") {
            for role in Role::ALL {
                let key = role.name();
                let Some(span) = t.span(key) else { continue };
                let value = if t.is_table(key) {
                    let Some(mut st) = t.table(doc, key) else { continue };
                    let fg = st.string(doc, "fg");
                    let bg = st.string(doc, "bg");
                    let modifiers = MODIFIERS
                        .iter()
                        .filter_map(|(name, _)| st.bool(doc, name).map(|on| (*name, on)))
                        .collect();
                    st.finish(doc);
                    RoleValue::Style { fg, bg, modifiers }
                } else {
                    match t.string(doc, key) {
                        Some(c) => RoleValue::Color(c),
                        None => continue,
                    }
                };
                roles.push((*role, value, span));
            }
            t.finish(doc);
        }
        top.finish(doc);
        Some(ThemeFile {
            inherit,
            palette,
            ansi16,
            roles,
        })
    })
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
        let path = PathBuf::from(self.label());
        match span {
            Some(span) => FileError::at(&path, &self.text, span.start, message),
            None => FileError::new(&path, message),
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
            let read = read_limited(&path, MAX_THEME_BYTES, "theme files")
                .map_err(|e| vec![e])
                .and_then(|bytes| utf8(&path, &bytes).map(str::to_string));
            match read {
                Ok(text) => {
                    set.sources.retain(|s| s.name != name);
                    set.sources.push(Source {
                        name,
                        origin: Origin::User(path),
                        text,
                    });
                }
                Err(errors) => set.folder_errors.extend(errors),
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
        self.apply(name, depth, &mut Vec::new(), &mut roles, &mut BTreeMap::new())?;
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

    /// Checks every theme: every problem in each file.
    pub fn check(&self) -> Vec<ThemeError> {
        let mut errors = self.folder_errors.clone();
        for s in &self.sources {
            // every mistake in the file itself, then what resolving finds
            // (a missing parent, a cycle, a colour that is not one)
            match read_theme(&PathBuf::from(s.label()), &s.text) {
                Err(all) => errors.extend(all),
                Ok(_) => {
                    // the `[ansi16]` table is read at 16 colours only
                    for depth in [Depth::TrueColor, Depth::Ansi16] {
                        if let Err(e) = self.resolve(&s.name, depth) {
                            errors.push(e);
                            break;
                        }
                    }
                }
            }
        }
        errors
    }

    fn find(&self, name: &str) -> Result<&Source, ThemeError> {
        self.sources.iter().find(|s| s.name == name).ok_or_else(|| {
            FileError::new(
                Path::new(&format!("theme \"{}\"", text::inline(name))),
                format!("no such theme; known themes: {}", self.names().join(", ")),
            )
        })
    }

    /// Applies `name` (after its ancestors) onto `roles`, its palette as
    /// `depth` shows it.
    fn apply(
        &self,
        name: &str,
        depth: Depth,
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
        let label = PathBuf::from(src.label());
        let file = read_theme(&label, &src.text).map_err(first_error)?;
        if let Some((parent, span)) = &file.inherit {
            self.apply(parent, depth, chain, roles, palette).map_err(|mut e| {
                if e.message.starts_with("no such theme") {
                    e = src.error(Some(span.clone()), format!("inherits {}", e.message));
                }
                e
            })?;
        }
        for (key, value, span) in &file.palette {
            let c = parse_color(value, palette).ok_or_else(|| {
                src.error(
                    Some(span.clone()),
                    format!("palette `{key}`: \"{value}\" is not a colour"),
                )
            })?;
            palette.insert(key.clone(), c);
        }
        for (key, value, span) in &file.ansi16 {
            let c = parse_color(value, &BTreeMap::new()).filter(|c| is_ansi16(*c)).ok_or_else(|| {
                src.error(
                    Some(span.clone()),
                    format!("ansi16 `{key}`: \"{value}\" is not one of the 16 ANSI colours (red, lightblue, darkgray, …)"),
                )
            })?;
            if !palette.contains_key(key) {
                return Err(src.error(
                    Some(span.clone()),
                    format!("ansi16 `{key}`: no palette colour of that name"),
                ));
            }
            if depth == Depth::Ansi16 {
                palette.insert(key.clone(), c);
            }
        }
        for (role, value, span) in &file.roles {
            let style = to_style(value, palette)
                .map_err(|m| src.error(Some(span.clone()), format!("role `{}`: {m}", role.name())))?;
            roles[*role as usize] = Some(style);
        }
        Ok(())
    }
}

/// One of the 16 ANSI colours (or the terminal's default).
fn is_ansi16(c: Color) -> bool {
    !matches!(c, Color::Rgb(..) | Color::Indexed(_))
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

fn to_style(v: &RoleValue, palette: &BTreeMap<String, Color>) -> Result<Style, String> {
    let color =
        |s: &str| parse_color(s, palette).ok_or_else(|| format!("\"{s}\" is neither a palette name nor a colour"));
    match v {
        RoleValue::Color(s) => Ok(Style::default().fg(color(s)?)),
        RoleValue::Style { fg, bg, modifiers } => {
            let mut style = Style::default();
            if let Some(fg) = fg {
                style = style.fg(color(fg)?);
            }
            if let Some(bg) = bg {
                style = style.bg(color(bg)?);
            }
            for (name, on) in modifiers {
                let m = MODIFIERS
                    .iter()
                    .find(|(n, _)| n == name)
                    .map_or(Modifier::empty(), |(_, m)| *m);
                style = if *on {
                    style.add_modifier(m)
                } else {
                    style.remove_modifier(m)
                };
            }
            Ok(style)
        }
    }
}

/// A theme problem is reported one at a time: the first, in file order.
fn first_error(errors: Vec<FileError>) -> FileError {
    errors
        .into_iter()
        .next()
        .unwrap_or_else(|| FileError::new(Path::new("theme"), "unreadable"))
}

#[cfg(test)]
mod tests {
    use super::*;

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
            err.path.to_string_lossy().contains("broken.toml") && err.message.contains("unknown key `broder`"),
            "{err}"
        );
    }

    #[test]
    fn the_ansi16_table_replaces_the_palette_at_16_colours_only() {
        let set = set_with(&[(
            "mine",
            "[palette]\nfg = \"#d0d0d0\"\nsel = \"#3b4252\"\n[ansi16]\nsel = \"blue\"\n[roles]\ntext = \"fg\"\nselection = { bg = \"sel\" }\n",
        )]);
        let at = |d| set.resolve("mine", d).expect("loads").style(Role::Selection).bg;
        assert_eq!(at(Depth::Ansi16), Some(Color::Blue));
        assert_eq!(at(Depth::TrueColor), Some(Color::Rgb(0x3b, 0x42, 0x52)));
        let bad = set_with(&[(
            "bad",
            "[palette]\nx = \"#000000\"\n[ansi16]\nx = \"#123456\"\ny = \"red\"\n[roles]\ntext = \"x\"\n",
        )]);
        let e = bad.resolve("bad", Depth::Ansi16).expect_err("not an ANSI colour");
        assert!(e.message.contains("not one of the 16 ANSI colours"), "{e}");
        assert!(!bad.check().is_empty());
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
