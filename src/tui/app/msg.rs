//! What reaches `update` and what it asks for: the messages (input, and
//! the outcome of every effect), a load's progress, a case as the loader
//! hands it over, and the effects the runtime carries out.

use super::row_from;
use crate::case::{Case, CaseError, Packed};
use crate::library::{Change, Loaded};
use crate::rules::{Brief, Options, Profile, evaluate};
use crate::tui::cases::Row;
use ratatui::crossterm::event::{KeyEvent, MouseEvent};
use std::collections::HashMap;
use std::path::PathBuf;

/// Everything that can happen to the console: input, and the outcome of
/// every effect the runtime carried out. `update` applies each; the runtime
/// never changes the state itself.
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Paste(String),
    Resize(u16, u16),
    /// How a load asked for with [`Effect::Load`] is going.
    Load(LoadEvent),
    /// Files changed on disk (debounced): case files, and whether a
    /// folder changed (the library folder itself too), which reloads all.
    FilesTouched {
        paths: Vec<PathBuf>,
        folder: bool,
    },
    /// Files read again after [`Effect::ReadFiles`] (packed off the event
    /// thread).
    FilesChanged(Vec<Change<Packed>>),
    /// The referral summary was written (the path) or not (why).
    Exported(Result<PathBuf, String>),
    /// `$EDITOR` has returned: the file it had, and how it ended.
    EditorClosed {
        path: PathBuf,
        result: Result<(), String>,
    },
    /// Something to tell the user (a problem with the config).
    Notice(String),
    /// Open step-through on this case (`pathwise --step ID`), once loaded.
    Step(String),
    /// Conference mode: a state from the host (following), what the
    /// host heard from the room (hosting), or the end of following.
    Conference(crate::tui::conference::ConferenceMsg),
}

/// A load's progress, tagged with the generation [`Effect::Load`] gave it;
/// messages of a superseded load are ignored.
#[derive(Debug, Clone)]
pub enum LoadEvent {
    /// The files are found: how many, and the problems met looking.
    Found {
        generation: u64,
        total: usize,
        errors: Vec<CaseError>,
    },
    /// More files read, parsed and scored, in path order.
    Batch {
        generation: u64,
        cases: Vec<Arrived>,
        errors: Vec<CaseError>,
    },
    /// Files read so far.
    Progress { generation: u64, read: usize },
    /// Every file is read: the ids more than one case uses (worked out
    /// off the event thread), whose cases are withheld.
    Done {
        generation: u64,
        duplicates: HashMap<String, Vec<PathBuf>>,
    },
}

/// One case as the loader hands it over: packed, scored and with its list
/// row, all done off the event thread.
#[derive(Debug, Clone)]
pub struct Arrived {
    pub loaded: Loaded<Packed>,
    pub readiness: Brief,
    pub row: Row,
}

impl Arrived {
    /// A loaded case, scored, packed and with its row.
    pub fn new(path: PathBuf, case: &Case, profile: &Profile) -> Arrived {
        let brief = evaluate(case, profile, &Options::default()).brief();
        let packed = Packed::new(case);
        let row = row_from(&packed.head(), brief);
        Arrived {
            loaded: Loaded { path, case: packed },
            readiness: brief,
            row,
        }
    }
}

/// Side effects `update` asks the runtime for. Each one's outcome comes
/// back as a [`Msg`].
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    None,
    Quit,
    /// Ctrl-Z: hand the terminal back and stop until `fg`.
    Suspend,
    Edit(PathBuf),
    SetMouse(bool),
    /// Load the whole library (again) as `generation`, off the event
    /// thread, and (re-)arm the watch on its folder.
    Load {
        generation: u64,
    },
    /// Read these case files again.
    ReadFiles(Vec<PathBuf>),
    /// Write this referral summary under a free name in the current folder.
    Export {
        id: String,
        body: String,
    },
    /// Following a conference: send this answer (a choice's index) to the
    /// stop `stop` of the host's step-through.
    Answer {
        stop: u32,
        choice: usize,
    },
}
