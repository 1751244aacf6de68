//! What a shared screen (presenting, a conference) must not show of one
//! case, found in any text: a calendar date, the case id, the file name,
//! the occupation, any note. The same checks find all of them in a full
//! view, so the tests that use them can fail.

use super::console::has_date;
use pathwise::case::Case;
use pathwise::present::notes;
use std::path::Path;

/// What a shared screen must not show of one case.
pub struct Secrets {
    pub id: String,
    /// The file's name without `.toml`: "mrs-jones-07".
    pub file: String,
    pub occupation: Option<String>,
    /// Every note long enough to be recognised.
    pub notes: Vec<String>,
}

impl Secrets {
    pub fn of(case: &Case, path: &Path) -> Secrets {
        Secrets {
            id: case.id.clone(),
            file: path
                .file_stem()
                .expect("a case file has a name")
                .to_string_lossy()
                .into_owned(),
            occupation: case.patient.occupation.clone(),
            notes: notes(case)
                .map(str::trim)
                .filter(|n| n.len() >= 12)
                .map(str::to_string)
                .collect(),
        }
    }

    /// What of the case `out` shows.
    pub fn shown_in(&self, out: &str) -> Vec<String> {
        let lower = out.to_lowercase();
        let mut seen = Vec::new();
        if has_date(out) {
            seen.push("a calendar date".to_string());
        }
        if out.contains(&self.id) {
            seen.push(format!("the case id {}", self.id));
        }
        if lower.contains(&self.file) {
            seen.push(format!("the file name {}", self.file));
        }
        if let Some(o) = self.occupation.as_deref().filter(|o| lower.contains(&o.to_lowercase())) {
            seen.push(format!("the occupation {o}"));
        }
        for n in self.notes.iter().filter(|n| out.contains(n.as_str())) {
            seen.push(format!("the note {n:?}"));
        }
        seen
    }

    /// How many things a full view must show: dates, id, file name, the
    /// occupation when recorded, every note.
    pub fn count(&self) -> usize {
        3 + usize::from(self.occupation.is_some()) + self.notes.len()
    }
}
