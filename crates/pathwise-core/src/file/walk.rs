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

/// How a file names a table: nothing at the top, `[patient]`, `[[pt]] #2`.
/// Kept as its parts and written out only for a message: a file without
/// mistakes costs no formatting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Header {
    Top,
    Section(&'static str),
    Element(&'static str, usize),
}

impl std::fmt::Display for Header {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Header::Top => Ok(()),
            Header::Section(key) => write!(f, "[{key}]"),
            Header::Element(key, n) => write!(f, "[[{key}]] #{n}"),
        }
    }
}

/// A table being read. `header` names it as the file does (`[patient]`,
/// `[[pt]] #2`; nothing at the top), `dotted` the keys inside it that
/// lead to an inline table (`function`, written `function.`).
pub struct Table<'t, 's> {
    map: &'t DeTable<'s>,
    /// The map's entries, looked up by [`same`]: a table holds a dozen
    /// keys or so, and this is quicker than the map's ordered search.
    entries: Vec<(&'t str, Value<'t, 's>)>,
    header: Header,
    dotted: Vec<&'static str>,
    /// Where the table begins: a missing key is reported here.
    at: Range<usize>,
    asked: Vec<&'static str>,
    /// Keys read only to explain they are no longer allowed: not unknown,
    /// and not listed among the allowed ones.
    retired: Vec<&'static str>,
    /// How many of the table's keys were asked for or retired: when all
    /// were, [`Table::finish`] has nothing to look for.
    known: usize,
}

/// The same key: the same literal (most often), or the same text. Keys of
/// the same length are told apart by their first and last bytes before
/// their text is compared.
fn same(a: &str, b: &str) -> bool {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    x.len() == y.len() && (x.as_ptr() == y.as_ptr() || (x.first() == y.first() && x.last() == y.last() && x == y))
}

impl<'t, 's> Table<'t, 's> {
    fn new(map: &'t DeTable<'s>, header: Header, dotted: Vec<&'static str>, at: Range<usize>) -> Table<'t, 's> {
        Table {
            map,
            entries: map.iter().map(|(k, v)| (k.get_ref().as_ref(), v)).collect(),
            header,
            dotted,
            at,
            // a table of a case file is asked for at most a few dozen keys
            asked: Vec::with_capacity(16),
            retired: Vec::new(),
            known: 0,
        }
    }

    /// The document's top level.
    pub fn root(map: &'t DeTable<'s>) -> Table<'t, 's> {
        Table::new(map, Header::Top, Vec::new(), 0..0)
    }

    /// The dotted keys as the file writes them before a key: `function.`.
    fn dots(&self) -> String {
        self.dotted.iter().map(|k| format!("{k}.")).collect()
    }

    /// How the file names a key of this table: ``[[pt]] #2 `end` ``.
    pub fn name(&self, key: &str) -> String {
        if self.header == Header::Top {
            format!("`{}{key}`", self.dots())
        } else {
            format!("{} `{}{key}`", self.header, self.dots())
        }
    }

    fn describe(&self) -> String {
        let dotted = self.dotted.join(".");
        match (self.header == Header::Top, dotted.is_empty()) {
            (true, true) => "at the top of the file".to_string(),
            (true, false) => format!("in `{dotted}`"),
            (false, false) => format!("in {} `{dotted}`", self.header),
            (false, true) => format!("in {}", self.header),
        }
    }

    fn is_known(&self, key: &str) -> bool {
        self.asked.iter().chain(&self.retired).any(|k| same(k, key))
    }

    fn lookup(&self, key: &str) -> Option<Value<'t, 's>> {
        self.entries.iter().find(|(k, _)| same(k, key)).map(|(_, v)| *v)
    }

    pub(super) fn get(&mut self, key: &'static str) -> Option<Value<'t, 's>> {
        let v = self.lookup(key);
        if !self.asked.iter().any(|k| same(k, key)) {
            if v.is_some() && !self.retired.iter().any(|k| same(k, key)) {
                self.known += 1;
            }
            self.asked.push(key);
        }
        v
    }

    /// Where the file writes a key that is no longer allowed (a renamed
    /// one), so the caller can say what it is called now; it is not then
    /// reported as unknown, nor listed as allowed.
    pub fn retired(&mut self, key: &'static str) -> Option<Range<usize>> {
        let v = self.lookup(key);
        if !self.is_known(key) {
            if v.is_some() {
                self.known += 1;
            }
            self.retired.push(key);
        }
        v.map(Spanned::span)
    }

    /// Whether the file writes the key (it counts as allowed).
    pub fn has(&mut self, key: &'static str) -> bool {
        self.get(key).is_some()
    }

    /// The span of a key's value, when the file writes it.
    pub fn span(&mut self, key: &'static str) -> Option<Range<usize>> {
        self.get(key).map(Spanned::span)
    }

    pub(super) fn wrong_type(&self, doc: &mut Doc, key: &str, v: Value, expected: impl std::fmt::Display) {
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
                self.dots(),
                self.describe()
            ),
        );
    }

    pub(super) fn array(
        &mut self,
        doc: &mut Doc,
        key: &'static str,
        expected: impl std::fmt::Display,
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
        let (header, dotted) = if inline || self.header != Header::Top {
            let mut dotted = self.dotted.clone();
            dotted.push(key);
            (self.header, dotted)
        } else {
            (Header::Section(key), Vec::new())
        };
        let at = self.key_span(key).unwrap_or_else(|| v.span());
        Some(Table::new(map, header, dotted, at))
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
        let Some(items) = self.array(doc, key, format_args!("tables written as [[{key}]]")) else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            match item.get_ref() {
                DeValue::Table(map) => out.push(Table::new(map, Header::Element(key, i + 1), Vec::new(), item.span())),
                _ => self.wrong_type(doc, key, item, format_args!("a table written as [[{key}]]")),
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
        if self.known == self.map.len() {
            // every key the file writes was asked for: none is unknown
            return;
        }
        for (k, _) in self.map.iter() {
            let name = k.get_ref().as_ref();
            if self.is_known(name) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// The messages `read` leaves for this text.
    fn errors(text: &str, read: impl for<'t, 's> FnOnce(&mut Doc<'s>, Table<'t, 's>)) -> Vec<String> {
        let path = Path::new("t.toml");
        let mut doc = Doc::new(path, text);
        let (map, whole) = doc.parse();
        assert!(whole, "{text}");
        read(&mut doc, Table::root(&map));
        doc.into_errors().into_iter().map(|e| e.message).collect()
    }

    #[test]
    fn a_key_nobody_asked_for_is_reported_however_often_the_others_were_asked() {
        let text = "a = 1\nb = 2\nold = 3\nstray = 4\n";
        let found = errors(text, |doc, mut t| {
            // asked twice, retired, asked after retiring, and absent keys
            t.has("a");
            t.has("a");
            t.retired("old");
            t.has("old");
            t.retired("old");
            t.has("b");
            t.has("missing");
            t.retired("gone");
            t.finish(doc);
        });
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("unknown key `stray` at the top of the file"),
            "{found:?}"
        );
        assert!(found[0].contains("allowed: `a`, `old`, `b`, `missing`"), "{found:?}");
    }

    #[test]
    fn nested_tables_are_named_as_the_file_writes_them() {
        let text = "a = 1\n[t]\nx = { y = 1, z = 2 }\n";
        let found = errors(text, |doc, mut top| {
            top.has("a");
            if let Some(mut t) = top.table(doc, "t") {
                if let Some(mut x) = t.table(doc, "x") {
                    x.int(doc, "y", 0, 0);
                    x.finish(doc);
                }
                t.finish(doc);
            }
            top.finish(doc);
        });
        assert_eq!(
            found,
            [
                "[t] `x.y` = 1 is out of range; allowed: 0 to 0",
                "unknown key `z` in [t] `x`; allowed: `y`; did you mean `y`?"
            ]
        );
    }
}
