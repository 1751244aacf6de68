//! Unit tests of the rules.

use super::*;
use std::path::Path;

mod profile;
