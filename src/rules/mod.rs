//! Readiness for surgical consult: the rules of READINESS.md version 1.
//!
//! All thresholds and weights come from a [`Profile`]. No terminal code and
//! no I/O live here, except [`Profile::load`] reading a profile file.

mod ids;
mod profile;

#[cfg(test)]
mod tests;

pub use ids::{Band, ConfounderId, CriterionId, NextStep, Status};
pub use profile::{BUILTIN_TOML, MAX_PROFILE_BYTES, Mcid, Points, Profile, ProfileError};
