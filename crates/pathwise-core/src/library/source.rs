//! Which library to open: `--library` > `PATHWISE_LIBRARY` > `library` in
//! the config file > the user's data folder when it holds cases > the
//! built-in samples. Resolution is a pure function of its inputs so it can
//! be tested without touching the user's real folders.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Flag,
    Env,
    Config,
    DataDir,
    BuiltIn,
}

impl Origin {
    pub fn describe(self) -> &'static str {
        match self {
            Origin::Flag => "from --library",
            Origin::Env => "from PATHWISE_LIBRARY",
            Origin::Config => "from the config file",
            Origin::DataDir => "the user data folder",
            Origin::BuiltIn => "built-in samples",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub origin: Origin,
    /// The folder (or single file); `None` for the built-in samples.
    pub dir: Option<PathBuf>,
}

impl Source {
    pub fn builtin() -> Source {
        Source {
            origin: Origin::BuiltIn,
            dir: None,
        }
    }

    pub fn dir(origin: Origin, dir: impl Into<PathBuf>) -> Source {
        Source {
            origin,
            dir: Some(dir.into()),
        }
    }

    /// Resolves the library from the places a user can name it, in order.
    pub fn resolve(flag: Option<&Path>, env: Option<&Path>, config: Option<&Path>, data_dir: Option<&Path>) -> Source {
        if let Some(p) = flag {
            return Source::dir(Origin::Flag, p);
        }
        if let Some(p) = env.filter(|p| !p.as_os_str().is_empty()) {
            return Source::dir(Origin::Env, p);
        }
        if let Some(p) = config {
            return Source::dir(Origin::Config, p);
        }
        if let Some(p) = data_dir.filter(|p| holds_cases(p)) {
            return Source::dir(Origin::DataDir, p);
        }
        Source::builtin()
    }

    /// The folder cases are watched in, for live reload.
    pub fn watch_path(&self) -> Option<&Path> {
        self.dir.as_deref()
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.dir {
            Some(dir) => write!(
                f,
                "{} ({})",
                crate::text::inline(&dir.to_string_lossy()),
                self.origin.describe()
            ),
            None => f.write_str(self.origin.describe()),
        }
    }
}

/// A quick look, not a full walk: any case file in the folder or one level
/// below it.
fn holds_cases(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|e| {
        let p = e.path();
        super::is_case_file(&p)
            || (p.is_dir()
                && std::fs::read_dir(&p)
                    .is_ok_and(|mut sub| sub.any(|e| e.is_ok_and(|e| super::is_case_file(&e.path())))))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_is_flag_env_config_datadir_builtin() {
        let empty = tempfile::tempdir().expect("temp dir");
        let full = tempfile::tempdir().expect("temp dir");
        std::fs::write(full.path().join("a.toml"), "").expect("write");
        let (f, e, c) = (Path::new("/f"), Path::new("/e"), Path::new("/c"));
        let r = |flag, env, config, data| Source::resolve(flag, env, config, data).origin;
        assert_eq!(r(Some(f), Some(e), Some(c), Some(full.path())), Origin::Flag);
        assert_eq!(r(None, Some(e), Some(c), Some(full.path())), Origin::Env);
        assert_eq!(r(None, Some(Path::new("")), Some(c), None), Origin::Config);
        assert_eq!(r(None, None, None, Some(full.path())), Origin::DataDir);
        assert_eq!(r(None, None, None, Some(empty.path())), Origin::BuiltIn);
        assert_eq!(r(None, None, None, None), Origin::BuiltIn);
    }
}
