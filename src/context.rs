//! The program's context: the global options, the platform folders, the
//! config file, the readiness profile and which library to open. The
//! command line and the console both start from it; neither borrows the
//! other's setup.

use crate::config::{Config, Dirs};
use crate::library::{Library, Source};
use crate::rules::Profile;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// How the program ends: 0 ok, 1 invalid data, 2 usage, 128 + n for a
/// signal (the shell's convention).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Ok,
    Invalid,
    Usage,
    /// Ended by a signal (SIGTERM, SIGHUP, SIGINT, SIGQUIT): the shell's 128 + number.
    Signal(i32),
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(match e {
            Exit::Ok => 0,
            Exit::Invalid => 1,
            Exit::Usage => 2,
            Exit::Signal(sig) => u8::try_from(128 + sig).unwrap_or(255),
        })
    }
}

/// The options every command takes (`--library`, `--profile`, …).
#[derive(Debug, Args, Clone, Default)]
pub struct Global {
    /// Case library folder (overrides PATHWISE_LIBRARY and the config file)
    #[arg(long, global = true, value_name = "DIR")]
    pub library: Option<PathBuf>,
    /// Readiness profile: a file, or a shipped one by name (default, twelve-week)
    #[arg(long, global = true, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// Colour theme by name
    #[arg(long, global = true, value_name = "NAME")]
    pub theme: Option<String>,
    /// De-identified presentation: alias only, week offsets instead of dates, notes hidden
    #[arg(long, global = true)]
    pub present: bool,
    /// ASCII only: no box drawing or symbols
    #[arg(long, global = true)]
    pub ascii: bool,
}

/// What every command needs: where things are, the config and the profile.
pub struct Context {
    pub global: Global,
    pub dirs: Dirs,
    pub config: Config,
    pub profile: Profile,
}

impl Context {
    pub fn new(global: Global) -> Result<Context, String> {
        let dirs = Dirs::from_env();
        let config = match &dirs.config_file {
            Some(path) => Config::load(path).map_err(|e| e.to_string())?,
            None => Config::default(),
        };
        let profile = match global.profile.as_ref().or(config.profile.as_ref()) {
            Some(path) => Profile::resolve(path).map_err(|e| e.to_string())?,
            None => Profile::builtin(),
        };
        Ok(Context {
            global,
            dirs,
            config,
            profile,
        })
    }

    pub fn source(&self) -> Source {
        let env = std::env::var_os("PATHWISE_LIBRARY").map(PathBuf::from);
        Source::resolve(
            self.global.library.as_deref(),
            env.as_deref(),
            self.config.library.as_deref(),
            self.dirs.data_dir.as_deref(),
        )
    }

    pub fn library(&self) -> Library {
        Library::load(self.source())
    }
}
