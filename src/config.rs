//! The user's config file (`config.toml` in the platform config folder, or
//! `PATHWISE_CONFIG`): library, theme, profile, mouse and key overrides.
//! pathwise never writes it; a bad one is a clear error.

use crate::file::{FileError, read_limited, read_toml};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Config files larger than this are refused unread.
const MAX_CONFIG_BYTES: u64 = 64 * 1024;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// Library folder; relative paths are taken from the config folder.
    pub library: Option<PathBuf>,
    pub theme: Option<String>,
    /// Readiness profile file; relative to the config folder.
    pub profile: Option<PathBuf>,
    /// Mouse capture at start (default on).
    pub mouse: Option<bool>,
    /// Key overrides: action name → key, e.g. `theme = "T"`.
    pub keys: BTreeMap<String, String>,
}

/// Platform folders pathwise uses.
#[derive(Debug, Clone, Default)]
pub struct Dirs {
    pub config_file: Option<PathBuf>,
    pub config_dir: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
}

impl Dirs {
    /// `PATHWISE_CONFIG` names the config file directly (tests, shared
    /// setups); otherwise the platform's folders from `directories`.
    pub fn from_env() -> Dirs {
        let project = directories::ProjectDirs::from("", "", "pathwise");
        let config_dir = project.as_ref().map(|p| p.config_dir().to_path_buf());
        let config_file = match std::env::var_os("PATHWISE_CONFIG") {
            Some(p) if !p.is_empty() => Some(PathBuf::from(p)),
            _ => config_dir.as_ref().map(|d| d.join("config.toml")),
        };
        Dirs {
            config_dir: config_file
                .as_ref()
                .and_then(|f| f.parent().map(Path::to_path_buf))
                .or(config_dir),
            config_file,
            data_dir: project.map(|p| p.data_dir().join("cases")),
        }
    }

    /// Where user themes live: beside the config file.
    pub fn themes_dir(&self) -> Option<PathBuf> {
        self.config_dir.as_ref().map(|d| d.join("themes"))
    }
}

impl Config {
    /// Reads the config file; a missing file is an empty config.
    pub fn load(path: &Path) -> Result<Config, FileError> {
        let bytes = match read_limited(path, MAX_CONFIG_BYTES, "config files") {
            Ok(b) => b,
            Err(_) if !path.exists() && path.symlink_metadata().is_err() => return Ok(Config::default()),
            Err(e) => return Err(e),
        };
        Config::parse(path, &bytes).map_err(|errors| {
            // every problem, in one error the caller can print
            let mut first = errors[0].clone();
            for more in &errors[1..] {
                first.message.push_str(&format!("\n{more}"));
            }
            first
        })
    }

    pub fn parse(path: &Path, bytes: &[u8]) -> Result<Config, Vec<FileError>> {
        let base = path.parent().unwrap_or(Path::new("."));
        read_toml(path, bytes, |doc, mut top, _| {
            let config = Config {
                library: top.string(doc, "library").map(|p| base.join(p)),
                theme: top.string(doc, "theme"),
                profile: top.string(doc, "profile").map(|p| base.join(p)),
                mouse: top.bool(doc, "mouse"),
                keys: top
                    .string_map(doc, "keys")
                    .into_iter()
                    .map(|(action, key, _)| (action, key))
                    .collect(),
            };
            top.finish(doc);
            Some(config)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_are_from_the_config_folder() {
        let c = Config::parse(
            Path::new("/home/u/.config/pathwise/config.toml"),
            b"library = \"cases\"\ntheme = \"light\"",
        )
        .expect("valid");
        assert_eq!(c.library, Some(PathBuf::from("/home/u/.config/pathwise/cases")));
        assert_eq!(c.theme.as_deref(), Some("light"));
    }

    #[test]
    fn unknown_keys_name_the_line() {
        let e = &Config::parse(Path::new("c.toml"), b"theme = \"x\"\nlibary = \"y\"\n").expect_err("typo")[0];
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("unknown key `libary`"), "{}", e.message);
        assert!(e.message.contains("library"), "{}", e.message);
    }
}
