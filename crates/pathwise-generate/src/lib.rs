//! Synthetic case libraries for tests, benchmarks and demonstrations:
//! `pathwise generate --count N --seed S DIR`.
//!
//! Every file is a valid case of format v1 (revision 2 keys included),
//! written as TOML text here (the case types are only used to read). A
//! library is deterministic for its seed: the same seed writes the same
//! bytes on every machine, because all choices come from a small built-in
//! generator (splitmix64) and no hash map or clock is consulted.
//!
//! Cases are built from *archetypes* (`archetypes`), each a pathway
//! situation of READINESS.md version 2 designed to get one band and one
//! next step (red flags by urgency, a confirmed deficit, myelopathy, ready
//! with a structural lesion, low adherence, positive diagnostic blocks, an
//! injection result still pending, …), set in a region and a condition with
//! its own words, imaging, injections and surgery (`regions`). A draft is
//! assembled one track of the pathway at a time (`assemble`) and written
//! as TOML (`render`). The archetypes are dealt in blocks of [`BLOCK`]
//! cases that each hold every archetype, so any library of a block or more
//! shows every band and every next step. Files are spread over sub-folders
//! of at most [`FOLDER_SIZE`] files (`DIR/000/`, `DIR/001/`, …) and named
//! by their id.

use jiff::ToSpan;
use jiff::civil::Date;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

mod archetypes;
mod assemble;
mod draft;
mod phrases;
mod regions;
mod render;
mod rng;
mod scenario;
mod teaching;
mod text;

use archetypes::*;
use assemble::*;
use draft::*;
use phrases::*;
use regions::*;
use render::*;
use rng::Rng;
use scenario::*;
use teaching::*;
use text::*;

/// Files per sub-folder.
pub const FOLDER_SIZE: usize = 1000;

/// Every archetype occurs at least once in each block of this many cases.
pub const BLOCK: usize = 40;

/// One generated case: its id, the file's text, and what the rules are
/// designed to say of it.
#[derive(Debug, Clone)]
pub struct Generated {
    pub id: String,
    pub text: String,
    /// The archetype, e.g. "ready-structural-lesion".
    pub archetype: &'static str,
    /// The band the readiness rules (version 2) should give (`Band::as_str`).
    pub band: &'static str,
    /// The next step they should give (`NextStep::as_str`).
    pub next_step: &'static str,
}

/// Every archetype with the band and next step it is designed to get.
pub fn archetypes() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    DESIGN.iter().map(|&(_, name, band, step, _)| (name, band, step))
}

/// Writes `count` case files under `dir` for `seed` and returns their paths
/// in index order.
pub fn generate(count: usize, seed: u64, dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut paths = Vec::with_capacity(count);
    let mut folder = None;
    for index in 0..count {
        let sub = dir.join(folder_name(index));
        if folder.as_ref() != Some(&sub) {
            fs::create_dir_all(&sub)?;
            folder = Some(sub.clone());
        }
        let g = case(seed, index);
        let path = sub.join(format!("{}.toml", g.id));
        fs::write(&path, g.text.as_bytes())?;
        paths.push(path);
    }
    Ok(paths)
}

/// The sub-folder a case index goes in: `000` for the first thousand.
pub fn folder_name(index: usize) -> String {
    format!("{:03}", index / FOLDER_SIZE)
}

/// The case at `index` of the library for `seed`, without touching disk.
pub fn case(seed: u64, index: usize) -> Generated {
    let arch = archetype_at(seed, index);
    let mut rng = Rng::stream(seed, index as u64);
    let mut draft = assemble(&mut rng, index, arch);
    let text = fit(&mut draft, index);
    Generated {
        id: draft.id.clone(),
        text,
        archetype: arch.name(),
        band: arch.band(),
        next_step: arch.next_step(),
    }
}

/// Keeps every file within 2–8 KB: pads short ones with what a fuller
/// record would hold (the first visit in primary care, examination notes,
/// then teaching text) and trims notes from long ones. Neither changes
/// the verdict.
fn fit(draft: &mut Draft, index: usize) -> String {
    let mut text = render(draft);
    let mut pad = 0;
    while text.len() < MIN_BYTES && pad < EXTRA_TEACHING.len() {
        if let Some(gp) = draft.first_visit.take() {
            draft.consult.insert(0, gp);
        } else if let Some(note) = draft.unused_note() {
            if let Some(a) = draft.assessment.iter_mut().find(|a| a.note.is_none()) {
                a.note = Some(note);
            }
        } else {
            draft
                .teaching
                .push(EXTRA_TEACHING[(index + pad) % EXTRA_TEACHING.len()].to_string());
            pad += 1;
        }
        text = render(draft);
    }
    while text.len() > MAX_BYTES {
        if let Some(a) = draft.assessment.iter_mut().rev().find(|a| a.note.is_some()) {
            a.note = None;
        } else if let Some(p) = draft.pt.iter_mut().find(|p| p.note.is_some()) {
            p.note = None;
        } else if draft.teaching.len() > 1 {
            draft.teaching.pop();
        } else {
            break;
        }
        text = render(draft);
    }
    text
}

const MIN_BYTES: usize = 2300;
const MAX_BYTES: usize = 7900;

#[cfg(test)]
mod tests;
