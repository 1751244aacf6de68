//! The command line: `pathwise` opens the console; subcommands serve
//! scripts and CI. Exit codes: 0 ok, 1 invalid data, 2 usage.

/// `println!` for command output: a reader that stops early (`| head`)
/// ends the program quietly instead of a panic about a broken pipe.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cli::write_out(&format!("{}\n", format_args!($($arg)*)))
    };
}

mod conference;
mod export;
mod find;
mod list;
mod output;
mod score;
mod show;
mod template;
mod themes;
mod validate;

pub use find::find_case;

pub use crate::context::{Context, Exit, Global};

use crate::case::CaseError;
use clap::{Parser, Subcommand};
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

const ABOUT: &str = "Review musculoskeletal cases along the care pathway after physical therapy.";
const LONG_ABOUT: &str = "Review musculoskeletal cases along the care pathway after physical therapy: \
a timeline of PT, workup, medication and injections, and a transparent score of readiness for \
surgical consult with the next step and why.\n\nWithout a subcommand, opens the console.\n\n\
Decision support for case review and teaching, not a medical device: it does not diagnose or \
decide, and the clinician remains responsible.";

#[derive(Debug, Parser)]
#[command(name = "pathwise", version, about = ABOUT, long_about = LONG_ABOUT)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    /// Open the console in step-through (teaching) mode on this case
    #[arg(long, value_name = "ID")]
    pub step: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the cases of the library
    List {
        /// One JSON array, for scripts
        #[arg(long)]
        json: bool,
    },
    /// Print a readable summary of one case
    Show {
        /// Case id or alias ("Case 2"), or path to a case file
        #[arg(value_name = "ID|FILE")]
        case: OsString,
    },
    /// Score readiness for surgical consult (READINESS.md)
    Score {
        /// Case id or alias ("Case 2"), or path to a case file
        #[arg(value_name = "ID|FILE", required_unless_present = "all", conflicts_with = "all")]
        case: Option<OsString>,
        /// Print the JSON object of the output contract
        #[arg(long)]
        json: bool,
        /// Score every valid case of the library
        #[arg(long)]
        all: bool,
        /// Evaluate on an earlier day, as step-through does (outcomes recorded later are pending)
        #[arg(long, value_name = "DATE", conflicts_with = "all")]
        as_of: Option<crate::case::Date>,
    },
    /// Check case files (and profiles in a profiles/ folder); every error, one per line
    Validate {
        /// Files or folders; default: the library in use
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Write a referral summary a surgeon reads before a consult
    ///
    /// Exit codes: 0 written; 2 when FILE was not written because of what is there (it exists and
    /// --force was not given, or it is a directory, device, named pipe, socket, or a link to nothing
    /// or to one of those); 1 when the case is invalid or writing failed (no such folder, no
    /// permission, disk full).
    Export {
        /// Case id or alias ("Case 2"), or path to a case file
        #[arg(value_name = "ID|FILE")]
        case: OsString,
        /// Markdown (a page to read) or JSON (for other programs)
        #[arg(long, value_enum, default_value = "markdown")]
        format: ExportFormat,
        /// Write to this file (atomically) instead of standard output; whatever is there already is left alone without --force
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE when it is a regular file, or a link to one (then the file it points to); never a directory, device, pipe or socket
        #[arg(long)]
        force: bool,
    },
    /// Write a synthetic library of valid, varied cases (for tests and benchmarks)
    Generate {
        /// How many cases
        #[arg(long, default_value_t = 1000)]
        count: usize,
        /// The same seed writes the same files
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Folder to write into (created if missing)
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    /// Print a commented case skeleton to copy
    Template,
    /// Host a conference: the console, always presenting, followed by the room
    ///
    /// Prints the command participants run (`pathwise join`, with a join code new for every host)
    /// before the console takes the screen; `c` in the console shows it again. Followers see this
    /// console de-identified; in a step-through they answer on their own keyboards.
    Host {
        /// The socket to listen on, in a folder of yours (or one with the sticky bit); default: a
        /// private folder only you can reach
        #[arg(long, value_name = "PATH")]
        socket: Option<PathBuf>,
        /// Let this group's members join: the socket becomes 0660 and the group's (needs --socket)
        #[arg(long, value_name = "NAME")]
        group: Option<String>,
    },
    /// Follow a conference in this terminal: the host's screen, de-identified; no library needed
    ///
    /// The code comes from PATHWISE_JOIN_CODE, as `pathwise host` prints it (other users can read
    /// command lines in `ps`, not environments), or --code. Keys: f follows the host again after
    /// browsing on your own, 1-9 and 0 answer a step-through's question, q leaves.
    Join {
        /// The host's socket, as `pathwise host` printed it; default: the private default socket
        #[arg(value_name = "SOCKET", conflicts_with = "socket_flag")]
        socket: Option<PathBuf>,
        /// The host's socket (the same as SOCKET)
        #[arg(long = "socket", value_name = "PATH")]
        socket_flag: Option<PathBuf>,
        /// The join code (PATHWISE_JOIN_CODE is better: it does not show in `ps`)
        #[arg(long, value_name = "CODE")]
        code: Option<String>,
        /// Your name on the host's status line (default: your login name)
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
    },
    /// List the colour themes and where each comes from
    Themes {
        /// Validate every theme; exit 1 on a problem
        #[arg(long)]
        check: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Markdown,
    Json,
}

/// Writes command output; exits quietly when the reader has gone.
pub fn write_out(s: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("pathwise: cannot write output: {e}");
        std::process::exit(1);
    }
}

/// Prints errors, one per line, on standard error.
pub fn report(errors: &[CaseError]) {
    for e in errors {
        eprintln!("{e}");
    }
}

/// The end of a command over the whole library: its load errors on
/// standard error, exit 1 when there were any. The process ends next, so
/// the library and what was made of it (`made`) are not freed: that would
/// only cost time.
pub fn end_over_library<T>(library: crate::library::Library, made: T) -> Exit {
    report(&library.errors);
    let exit = if library.errors.is_empty() {
        Exit::Ok
    } else {
        Exit::Invalid
    };
    std::mem::forget((library, made));
    exit
}

/// Runs the command line; the console when no subcommand is given.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let ctx = match Context::new(cli.global.clone()) {
        Ok(ctx) => ctx,
        Err(msg) => {
            eprintln!("pathwise: {msg}");
            return Exit::Invalid.into();
        }
    };
    let exit = match cli.command {
        None => crate::tui::run(&ctx, cli.step.as_deref()),
        Some(Command::List { json }) => list::run(&ctx, json),
        Some(Command::Show { case }) => show::run(&ctx, &case),
        Some(Command::Score { case, json, all, as_of }) => score::run(&ctx, case.as_deref(), json, all, as_of),
        Some(Command::Validate { paths }) => validate::run(&ctx, &paths),
        Some(Command::Export {
            case,
            format,
            output,
            force,
        }) => export::run(&ctx, &case, format, output.as_deref(), force),
        Some(Command::Generate { count, seed, dir }) => match crate::generate::generate(count, seed, &dir) {
            Ok(paths) => {
                eprintln!(
                    "wrote {} cases under {}",
                    paths.len(),
                    crate::text::inline(&dir.to_string_lossy())
                );
                Exit::Ok
            }
            Err(e) => {
                eprintln!("pathwise generate: {}", crate::text::inline(&e.to_string()));
                Exit::Invalid
            }
        },
        Some(Command::Template) => template::run(),
        Some(Command::Host { socket, group }) => conference::host(&ctx, socket, group),
        Some(Command::Join {
            socket,
            socket_flag,
            code,
            name,
        }) => conference::join(&ctx, socket.or(socket_flag), code, name),
        Some(Command::Themes { check }) => themes::run(&ctx, check),
    };
    exit.into()
}
