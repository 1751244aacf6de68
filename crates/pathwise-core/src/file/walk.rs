//! Reading a TOML document by hand, key by key, so that every mistake in a
//! file is reported in one run: a wrong type, an unknown key, a word that
//! is not allowed, a missing key and a value out of range each become an
//! error at its line and column, naming the key's path (``[[pt]] #2
//! `sesions_planned` ``), what is allowed there and the nearest allowed
//! word. Nothing stops at the first problem.
//!
//! A [`Table`] hands out typed values and remembers which keys it was
//! asked for; [`Table::finish`] then reports every other key as unknown,
//! so the list of allowed keys is always the list the reader really reads.

use super::Doc;
use super::nearest::nearest;
use jiff::civil::Date;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// An enumerated word of a file format: its spelling and every allowed one.
pub trait Word: Sized + Copy + 'static {
    fn from_word(word: &str) -> Option<Self>;
    fn words() -> &'static [&'static str];
}

/// The earliest and latest dates a file may hold: anything outside is a
/// typo (0001-01-01), and would make a timeline centuries wide.
pub const FIRST_DATE: Date = Date::constant(1900, 1, 1);
pub const LAST_DATE: Date = Date::constant(2100, 12, 31);

pub(super) type Value<'t, 's> = &'t Spanned<DeValue<'s>>;

/// A table being read. `header` names it as the file does (`[patient]`,
/// `[[pt]] #2`; empty at the top), `dotted` the keys inside it that lead
/// to an inline table (`function.`).
pub struct Table<'t, 's> {
    pub(super) map: &'t DeTable<'s>,
    pub(super) header: String,
    pub(super) dotted: String,
    /// Where the table begins: a missing key is reported here.
    at: Range<usize>,
    asked: Vec<&'static str>,
    /// Keys read only to explain they are no longer allowed: not unknown,
    /// and not listed among the allowed ones.
    retired: Vec<&'static str>,
}

impl<'t, 's> Table<'t, 's> {
    /// The document's top level.
    pub fn root(map: &'t DeTable<'s>) -> Table<'t, 's> {
        Table {
            map,
            header: String::new(),
            dotted: String::new(),
            at: 0..0,
            asked: Vec::new(),
            retired: Vec::new(),
        }
    }

    /// How the file names a key of this table: ``[[pt]] #2 `end` ``.
    pub fn name(&self, key: &str) -> String {
        if self.header.is_empty() {
            format!("`{}{key}`", self.dotted)
        } else {
            format!("{} `{}{key}`", self.header, self.dotted)
        }
    }

    fn describe(&self) -> String {
        match (self.header.is_empty(), self.dotted.is_empty()) {
            (true, true) => "at the top of the file".to_string(),
            (true, false) => format!("in `{}`", self.dotted.trim_end_matches('.')),
            (false, false) => format!("in {} `{}`", self.header, self.dotted.trim_end_matches('.')),
            (false, true) => format!("in {}", self.header),
        }
    }

    pub(super) fn get(&mut self, key: &'static str) -> Option<Value<'t, 's>> {
        if !self.asked.contains(&key) {
            self.asked.push(key);
        }
        self.map.get(key)
    }

    /// Where the file writes a key that is no longer allowed (a renamed
    /// one), so the caller can say what it is called now; it is not then
    /// reported as unknown, nor listed as allowed.
    pub fn retired(&mut self, key: &'static str) -> Option<Range<usize>> {
        self.retired.push(key);
        self.map.get(key).map(Spanned::span)
    }

    /// Whether the file writes the key (it counts as allowed).
    pub fn has(&mut self, key: &'static str) -> bool {
        self.get(key).is_some()
    }

    /// The span of a key's value, when the file writes it.
    pub fn span(&mut self, key: &'static str) -> Option<Range<usize>> {
        self.get(key).map(Spanned::span)
    }

    pub(super) fn wrong_type(&self, doc: &mut Doc, key: &str, v: Value, expected: &str) {
        let found = found(doc.source, v);
        doc.error_at(
            v.span(),
            format!("{}: expected {expected}, found {found}", self.name(key)),
        );
    }

    /// A missing key that must be there (not claimed after a syntax error:
    /// the key may be in the part the parser could not read).
    pub fn missing(&self, doc: &mut Doc, key: &str, example: &str) {
        if !doc.whole {
            return;
        }
        doc.error_at(
            self.at.clone(),
            format!(
                "missing required key `{}{key}` {}; for example {example}",
                self.dotted,
                self.describe()
            ),
        );
    }

    pub(super) fn array(
        &mut self,
        doc: &mut Doc,
        key: &'static str,
        expected: &str,
    ) -> Option<&'t [Spanned<DeValue<'s>>]> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Array(a) => Some(a.as_ref()),
            _ => {
                self.wrong_type(doc, key, v, expected);
                None
            }
        }
    }

    /// A sub-table (`[patient]`, or an inline table like `function = {…}`).
    pub fn table(&mut self, doc: &mut Doc, key: &'static str) -> Option<Table<'t, 's>> {
        let v = self.get(key)?;
        let DeValue::Table(map) = v.get_ref() else {
            self.wrong_type(doc, key, v, "a table");
            return None;
        };
        let inline = doc
            .source
            .get(v.span())
            .is_some_and(|s| s.trim_start().starts_with('{'));
        let (header, dotted) = if inline || !self.header.is_empty() {
            (self.header.clone(), format!("{}{key}.", self.dotted))
        } else {
            (format!("[{key}]"), String::new())
        };
        Some(Table {
            map,
            header,
            dotted,
            at: self.key_span(key).unwrap_or_else(|| v.span()),
            asked: Vec::new(),
            retired: Vec::new(),
        })
    }

    /// A sub-table the file must have.
    pub fn req_table(&mut self, doc: &mut Doc, key: &'static str, example: &str) -> Option<Table<'t, 's>> {
        if !self.has(key) {
            self.missing(doc, key, example);
            return None;
        }
        self.table(doc, key)
    }

    /// An array of tables (`[[pt]]`), each named by its place in the file.
    pub fn tables(&mut self, doc: &mut Doc, key: &'static str) -> Vec<Table<'t, 's>> {
        let Some(items) = self.array(doc, key, &format!("tables written as [[{key}]]")) else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            match item.get_ref() {
                DeValue::Table(map) => out.push(Table {
                    map,
                    header: format!("[[{key}]] #{}", i + 1),
                    dotted: String::new(),
                    at: item.span(),
                    asked: Vec::new(),
                    retired: Vec::new(),
                }),
                _ => self.wrong_type(doc, key, item, &format!("a table written as [[{key}]]")),
            }
        }
        out
    }

    /// A table whose keys are free (muscle → grade): each value a whole
    /// number within `lo..=hi`, in the file's key order.
    pub fn int_map(&mut self, doc: &mut Doc, key: &'static str, lo: i64, hi: i64) -> Vec<(String, i64)> {
        let Some(t) = self.table(doc, key) else {
            return Vec::new();
        };
        let mut entries: Vec<(&Spanned<std::borrow::Cow<str>>, Value)> = t.map.iter().collect();
        entries.sort_by_key(|(k, _)| k.span().start);
        let mut out = Vec::with_capacity(entries.len());
        for (k, v) in entries {
            let name = k.get_ref().as_ref();
            if name.trim().is_empty() {
                doc.error_at(k.span(), format!("{} has a blank name", t.name("")));
                continue;
            }
            let n = match v.get_ref() {
                DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
                _ => {
                    t.wrong_type(doc, name, v, "a whole number");
                    continue;
                }
            };
            match n {
                Some(n) if (lo..=hi).contains(&n) => out.push((name.to_string(), n)),
                _ => doc.error_at(
                    v.span(),
                    format!(
                        "{} = {} is out of range; allowed: {lo} to {hi}",
                        t.name(&format!("\"{name}\"")),
                        found(doc.source, v)
                    ),
                ),
            }
        }
        // every key is data here, so the table is not finished: no key is unknown
        out
    }

    /// A table whose keys are free names (a palette, key bindings): each
    /// value a string, in the file's key order, with the value's span.
    pub fn string_map(&mut self, doc: &mut Doc, key: &'static str) -> Vec<(String, String, Range<usize>)> {
        let Some(t) = self.table(doc, key) else {
            return Vec::new();
        };
        let mut entries: Vec<(&Spanned<std::borrow::Cow<str>>, Value)> = t.map.iter().collect();
        entries.sort_by_key(|(k, _)| k.span().start);
        let mut out = Vec::with_capacity(entries.len());
        for (k, v) in entries {
            let name = k.get_ref().as_ref();
            match v.get_ref() {
                DeValue::String(s) => out.push((name.to_string(), s.to_string(), v.span())),
                _ => t.wrong_type(doc, name, v, "a string in quotes"),
            }
        }
        out
    }

    /// Whether the key holds a table (inline or not).
    pub fn is_table(&mut self, key: &'static str) -> bool {
        self.get(key).is_some_and(|v| matches!(v.get_ref(), DeValue::Table(_)))
    }

    /// Reports a problem with a key's value at its place.
    pub fn error(&mut self, doc: &mut Doc, key: &'static str, message: impl AsRef<str>) {
        let span = self.span(key).unwrap_or_else(|| self.at.clone());
        doc.error_at(span, format!("{}: {}", self.name(key), message.as_ref()));
    }

    fn key_span(&self, key: &str) -> Option<Range<usize>> {
        self.map.get_key_value(key).map(|(k, _)| k.span())
    }

    /// Reports every key of the table nobody asked for, with the keys that
    /// are allowed there and the nearest one.
    pub fn finish(self, doc: &mut Doc) {
        for (k, _) in self.map.iter() {
            let name = k.get_ref().as_ref();
            if self.asked.contains(&name) || self.retired.contains(&name) {
                continue;
            }
            let mut message = format!(
                "unknown key {} {}; allowed: {}",
                self.name_unknown(name),
                self.describe(),
                ticked(self.asked.iter().copied())
            );
            if let Some(near) = nearest(name, self.asked.iter().copied()) {
                message.push_str(&format!("; did you mean `{near}`?"));
            }
            doc.error_at(k.span(), message);
        }
    }

    fn name_unknown(&self, key: &str) -> String {
        format!("`{}`", crate::text::inline(key))
    }
}

/// What the file wrote, for a message: the value's own text (sanitised,
/// cut when long) and its kind.
pub(super) fn found(source: &str, v: Value) -> String {
    let kind = match v.get_ref() {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    };
    let text = source.get(v.span()).unwrap_or("").trim();
    let text: String = if text.chars().count() > 40 {
        text.chars().take(37).chain("…".chars()).collect()
    } else {
        text.to_string()
    };
    match v.get_ref() {
        DeValue::Array(_) | DeValue::Table(_) => kind.to_string(),
        DeValue::Integer(_) | DeValue::Float(_) => crate::text::inline(&text).into_owned(),
        _ => format!("{kind} {}", crate::text::inline(&text)),
    }
}

/// `a`, `b`, `c`: keys and words as a file writes them.
pub(super) fn ticked<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.map(|w| format!("`{w}`")).collect::<Vec<_>>().join(", ")
}

/// A bound as a person writes it: "120", "0.5".
pub(super) fn plain(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}
