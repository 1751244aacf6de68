//! A table's values, typed: strings, booleans, numbers in a range, dates
//! in the calendar's bounds, enumerated words (with the nearest allowed
//! one), and lists of them. Each asks for its key, so the key counts as
//! allowed, and reports what is wrong with it where it is written.

use super::Doc;
use super::nearest::nearest;
use super::walk::{FIRST_DATE, LAST_DATE, Table, Value, Word, found, plain, ticked};
use jiff::civil::Date;
use toml::de::DeValue;

impl<'t, 's> Table<'t, 's> {
    pub fn str(&mut self, doc: &mut Doc, key: &'static str) -> Option<&'t str> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::String(s) => Some(s.as_ref()),
            _ => {
                self.wrong_type(doc, key, v, "a string in quotes");
                None
            }
        }
    }

    pub fn string(&mut self, doc: &mut Doc, key: &'static str) -> Option<String> {
        self.str(doc, key).map(str::to_string)
    }

    /// A string the table must have.
    pub fn req_string(&mut self, doc: &mut Doc, key: &'static str, example: &str) -> Option<String> {
        if !self.has(key) {
            self.missing(doc, key, example);
            return None;
        }
        self.string(doc, key)
    }

    pub fn bool(&mut self, doc: &mut Doc, key: &'static str) -> Option<bool> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(doc, key, v, "true or false");
                None
            }
        }
    }

    /// A whole number within `lo..=hi`.
    pub fn int(&mut self, doc: &mut Doc, key: &'static str, lo: i64, hi: i64) -> Option<i64> {
        let v = self.get(key)?;
        let n = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
            DeValue::Float(_) => {
                self.wrong_type(doc, key, v, "a whole number");
                return None;
            }
            _ => {
                self.wrong_type(doc, key, v, "a whole number");
                return None;
            }
        };
        match n {
            Some(n) if (lo..=hi).contains(&n) => Some(n),
            _ => {
                let shown = found(doc.source, v);
                doc.error_at(
                    v.span(),
                    format!("{} = {shown} is out of range; allowed: {lo} to {hi}", self.name(key)),
                );
                None
            }
        }
    }

    /// A number (whole or decimal) within `lo..=hi`.
    pub fn number(&mut self, doc: &mut Doc, key: &'static str, lo: f64, hi: f64) -> Option<f64> {
        let v = self.get(key)?;
        let n = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok().map(|n| n as f64),
            DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
            _ => {
                self.wrong_type(doc, key, v, "a number");
                return None;
            }
        };
        match n {
            Some(n) if n.is_finite() && (lo..=hi).contains(&n) => Some(n),
            _ => {
                let shown = found(doc.source, v);
                doc.error_at(
                    v.span(),
                    format!(
                        "{} = {shown} is out of range; allowed: {} to {}",
                        self.name(key),
                        plain(lo),
                        plain(hi)
                    ),
                );
                None
            }
        }
    }

    /// A calendar date written as a TOML local date (no time of day),
    /// between [`FIRST_DATE`] and [`LAST_DATE`].
    pub fn date(&mut self, doc: &mut Doc, key: &'static str) -> Option<Date> {
        let v = self.get(key)?;
        let DeValue::Datetime(dt) = v.get_ref() else {
            let hint = match v.get_ref() {
                DeValue::String(_) => "a date without quotes, like 2026-03-14",
                _ => "a date like 2026-03-14",
            };
            self.wrong_type(doc, key, v, hint);
            return None;
        };
        let date = match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => d,
            _ => {
                doc.error_at(
                    v.span(),
                    format!(
                        "{} must be a date like 2026-03-14 (no time of day), found {dt}",
                        self.name(key)
                    ),
                );
                return None;
            }
        };
        let parsed = i8::try_from(date.month)
            .ok()
            .zip(i8::try_from(date.day).ok())
            .and_then(|(m, d)| Date::new(date.year as i16, m, d).ok());
        match parsed {
            Some(d) if (FIRST_DATE..=LAST_DATE).contains(&d) => Some(d),
            Some(d) => {
                doc.error_at(
                    v.span(),
                    format!(
                        "{} = {d} is outside the dates a case can hold ({FIRST_DATE} to {LAST_DATE}); is it a typo?",
                        self.name(key)
                    ),
                );
                None
            }
            None => {
                doc.error_at(v.span(), format!("{} = {dt} is not a calendar date", self.name(key)));
                None
            }
        }
    }

    pub fn req_date(&mut self, doc: &mut Doc, key: &'static str) -> Option<Date> {
        if !self.has(key) {
            self.missing(doc, key, &format!("{key} = 2026-03-14"));
            return None;
        }
        self.date(doc, key)
    }

    /// One enumerated word.
    pub fn word<W: Word>(&mut self, doc: &mut Doc, key: &'static str) -> Option<W> {
        let v = self.get(key)?;
        self.word_value(doc, key, v)
    }

    pub fn req_word<W: Word>(&mut self, doc: &mut Doc, key: &'static str) -> Option<W> {
        if !self.has(key) {
            let example = format!("{key} = \"{}\"", W::words().first().copied().unwrap_or(""));
            self.missing(doc, key, &example);
            return None;
        }
        self.word(doc, key)
    }

    fn word_value<W: Word>(&self, doc: &mut Doc, key: &str, v: Value) -> Option<W> {
        let DeValue::String(s) = v.get_ref() else {
            self.wrong_type(doc, key, v, "a word in quotes");
            return None;
        };
        if let Some(w) = W::from_word(s) {
            return Some(w);
        }
        let mut message = format!(
            "{}: unknown word `{}`; allowed: {}",
            self.name(key),
            crate::text::inline(s),
            ticked(W::words().iter().copied())
        );
        if let Some(near) = nearest(s, W::words().iter().copied()) {
            message.push_str(&format!("; did you mean `{near}`?"));
        }
        doc.error_at(v.span(), message);
        None
    }

    /// An array of enumerated words; an absent key is an empty list.
    pub fn words<W: Word>(&mut self, doc: &mut Doc, key: &'static str) -> Vec<W> {
        let Some(items) = self.array(doc, key, "an array of words like [\"a\", \"b\"]") else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| self.word_value(doc, key, item))
            .collect()
    }

    /// An array of free words or areas: `None` when the key is absent, so
    /// a file can say "none" (`[]`) apart from "not recorded". A blank
    /// entry is an error.
    pub fn strings(&mut self, doc: &mut Doc, key: &'static str) -> Option<Vec<String>> {
        let items = self.array(doc, key, "an array of strings like [\"a\", \"b\"]")?;
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match item.get_ref() {
                DeValue::String(s) if s.trim().is_empty() => doc.error_at(
                    item.span(),
                    format!("{} holds a blank entry; remove it or write a word", self.name(key)),
                ),
                DeValue::String(s) => out.push(s.to_string()),
                _ => self.wrong_type(doc, key, item, "a string in quotes"),
            }
        }
        Some(out)
    }
}
