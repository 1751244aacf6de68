//! The `score --json` object of READINESS.md (contract version 2), as
//! borrowed [`Serialize`] structs in the contract's key order, so a caller
//! can stream one case at a time; and a writer that makes JSON safe for a
//! terminal (C0 and C1 controls, DEL and bidi controls as `\uXXXX`).

use super::profile::RULES_VERSION;
use super::{Caution, Confounder, Criterion, Readiness};
use crate::case::{Case, Date, EventRef};
use crate::text::is_unsafe;
use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};
use std::io;

/// One case's verdict, borrowing the case and its [`Readiness`].
#[derive(Serialize)]
pub struct ReadinessJson<'a> {
    pub id: &'a str,
    pub rules_version: i64,
    pub profile: &'a str,
    #[serde(serialize_with = "date")]
    pub as_of: Date,
    #[serde(serialize_with = "date")]
    pub evaluated_on: Date,
    pub score: u8,
    pub band: &'static str,
    pub next_step: &'static str,
    pub next_step_detail: &'a str,
    #[serde(serialize_with = "weeks")]
    pub documented_weeks: f64,
    pub criteria: Vec<CriterionJson<'a>>,
    pub confounders: Vec<NoteJson<'a>>,
    pub cautions: Vec<NoteJson<'a>>,
}

#[derive(Serialize)]
pub struct CriterionJson<'a> {
    pub id: &'static str,
    pub status: &'static str,
    #[serde(serialize_with = "points")]
    pub points: f64,
    pub detail: &'a str,
    pub evidence: Evidence<'a>,
    pub basis: &'static str,
}

/// A confounder or a caution.
#[derive(Serialize)]
pub struct NoteJson<'a> {
    pub id: &'static str,
    pub detail: &'a str,
    pub evidence: Evidence<'a>,
}

/// Evidence as the contract prints it: "2026-01-27 assessment".
pub struct Evidence<'a> {
    case: &'a Case,
    refs: &'a [EventRef],
}

impl Serialize for Evidence<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.refs.len()))?;
        for &r in self.refs {
            seq.serialize_element(&Label(self.case, r))?;
        }
        seq.end()
    }
}

struct Label<'a>(&'a Case, EventRef);

impl Serialize for Label<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format_args!("{} {}", self.0.event_date(self.1), self.1.kind.as_str()))
    }
}

fn date<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(d)
}

/// One decimal, and a JSON integer when whole (40, not 40.0).
fn points<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    let r = (x * 10.0).round() / 10.0;
    if r.fract() == 0.0 && r.abs() < 1e15 {
        s.serialize_i64(r as i64)
    } else {
        s.serialize_f64(r)
    }
}

/// One decimal, always with a decimal point (14.0), as the contract shows 13.9.
fn weeks<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((x * 10.0).round() / 10.0)
}

impl<'a> ReadinessJson<'a> {
    pub fn new(case: &'a Case, r: &'a Readiness) -> ReadinessJson<'a> {
        let criterion = |c: &'a Criterion| CriterionJson {
            id: c.id.as_str(),
            status: c.status.as_str(),
            points: c.points,
            detail: &c.detail,
            evidence: Evidence {
                case,
                refs: &c.evidence,
            },
            basis: c.id.basis(),
        };
        let confounder = |c: &'a Confounder| NoteJson {
            id: c.id.as_str(),
            detail: &c.detail,
            evidence: Evidence {
                case,
                refs: &c.evidence,
            },
        };
        let caution = |c: &'a Caution| NoteJson {
            id: c.id.as_str(),
            detail: &c.detail,
            evidence: Evidence {
                case,
                refs: &c.evidence,
            },
        };
        ReadinessJson {
            id: &case.id,
            rules_version: RULES_VERSION,
            profile: &r.profile,
            as_of: r.as_of,
            evaluated_on: r.period_end,
            score: r.score,
            band: r.band.as_str(),
            next_step: r.next_step.as_str(),
            next_step_detail: &r.next_step_reason,
            documented_weeks: r.documented_weeks,
            criteria: r.criteria.iter().map(criterion).collect(),
            confounders: r.confounders.iter().map(confounder).collect(),
            cautions: r.cautions.iter().map(caution).collect(),
        }
    }
}

/// The contract object as a JSON value, for callers that want one.
pub fn to_json(case: &Case, r: &Readiness) -> serde_json::Value {
    serde_json::to_value(ReadinessJson::new(case, r)).unwrap_or(serde_json::Value::Null)
}

/// A pretty printer like serde_json's (two spaces a level), writing every
/// character a terminal must not see raw as a `\uXXXX` escape (serde_json
/// already escapes C0 controls). It can start at a deeper level, so an
/// element of an array can be written on its own and spliced in
/// ([`write_json_array`]) exactly as the whole array would have it.
struct Safe {
    indent: usize,
    has_value: bool,
}

impl Safe {
    fn at(indent: usize) -> Safe {
        Safe {
            indent,
            has_value: false,
        }
    }

    fn newline<W: ?Sized + io::Write>(&self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        indent(w, self.indent)
    }

    fn open<W: ?Sized + io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.indent += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.indent -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            indent(w, self.indent)?;
        }
        w.write_all(bracket)
    }
}

fn indent<W: ?Sized + io::Write>(w: &mut W, n: usize) -> io::Result<()> {
    const SPACES: &[u8; 32] = b"                                ";
    let mut left = 2 * n;
    while left > 0 {
        let k = left.min(SPACES.len());
        w.write_all(&SPACES[..k])?;
        left -= k;
    }
    Ok(())
}

impl serde_json::ser::Formatter for Safe {
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.newline(w, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.newline(w, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn write_string_fragment<W: ?Sized + io::Write>(&mut self, w: &mut W, fragment: &str) -> io::Result<()> {
        // most text is printable ASCII, which is never unsafe: it is checked
        // a block at a time (no branch per byte) and written as it is
        let bytes = fragment.as_bytes();
        let clean = bytes.chunks(64).take_while(|b| printable_ascii(b)).count() * 64;
        if clean >= bytes.len() {
            return w.write_all(bytes);
        }
        w.write_all(&bytes[..clean])?;
        // every byte before `clean` is ASCII, so it is a character boundary
        let mut rest = &fragment[clean..];
        while let Some((i, c)) = rest.char_indices().find(|&(_, c)| is_unsafe(c)) {
            w.write_all(&rest.as_bytes()[..i])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(w, "\\u{unit:04x}")?;
            }
            rest = &rest[i + c.len_utf8()..];
        }
        w.write_all(rest.as_bytes())
    }
}

/// Every byte a printable ASCII character, space to tilde: none is a control
/// (C0, DEL) and none starts a longer character, so none is unsafe. A fold
/// without an early exit, which the compiler turns into a few wide compares.
fn printable_ascii(bytes: &[u8]) -> bool {
    bytes.iter().fold(true, |ok, &b| ok & (b.wrapping_sub(b' ') < 0x5f))
}

fn serializer<W: io::Write>(w: W) -> serde_json::Serializer<W, Safe> {
    serde_json::Serializer::with_formatter(w, Safe::at(0))
}

/// Writes one value as pretty, terminal-safe JSON (no trailing newline).
pub fn write_json<W: io::Write, T: Serialize + ?Sized>(w: W, value: &T) -> io::Result<()> {
    value.serialize(&mut serializer(w)).map_err(io::Error::from)
}

/// Writes a JSON array one item at a time, e.g. one case's verdict after
/// another through a buffered writer, without holding them all.
pub fn write_json_seq<W, T, I>(w: W, items: I) -> io::Result<()>
where
    W: io::Write,
    T: Serialize,
    I: IntoIterator<Item = T>,
{
    let mut ser = serializer(w);
    let mut seq = (&mut ser).serialize_seq(None).map_err(io::Error::from)?;
    for item in items {
        seq.serialize_element(&item).map_err(io::Error::from)?;
    }
    seq.end().map_err(io::Error::from)
}

/// Cases (or anything) per window of [`write_json_array`]: a few megabytes
/// of JSON held at once, and few enough windows that starting the threads
/// costs nothing.
const WINDOW: usize = 1024;

/// Writes a JSON array of one element per item, the elements made on every
/// core and written in order, a window of items at a time: the same bytes
/// as [`write_json_seq`], without making the writing thread serialise
/// everything alone. `element` makes an item's element with
/// [`array_element`] (it may compute what it serialises, e.g. score a case).
pub fn write_json_array<W, T>(
    mut w: W,
    items: &[T],
    element: impl Fn(&T) -> io::Result<Vec<u8>> + Sync,
) -> io::Result<()>
where
    W: io::Write,
    T: Sync,
{
    if items.is_empty() {
        return w.write_all(b"[]");
    }
    w.write_all(b"[")?;
    let mut first = true;
    for window in items.chunks(WINDOW) {
        for bytes in crate::par::map(window, &element) {
            w.write_all(if first { b"\n  " } else { b",\n  " })?;
            w.write_all(&bytes?)?;
            first = false;
        }
    }
    w.write_all(b"\n]")
}

/// One element of a [`write_json_array`], as the array's pretty printer
/// writes it one level in.
pub fn array_element<T: Serialize + ?Sized>(value: &T) -> io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(1024);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Safe::at(1));
    value.serialize(&mut ser).map_err(io::Error::from)?;
    Ok(out)
}

/// [`write_json`] into a string.
pub fn to_json_string<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::new();
    match write_json(&mut out, value) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => "null".to_string(),
    }
}
