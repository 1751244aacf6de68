//! Readiness for surgical consult: the rules of READINESS.md version 1.
