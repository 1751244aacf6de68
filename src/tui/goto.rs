//! `:` goes to a case the way people name one: its id, its alias ("Case
//! 2"), or the start of an id when only one case has it. An unknown name
//! is answered with the nearest ids (aliases while presenting, which
//! never shows an id).

use super::app::App;
use super::keymap::Action;
use crate::case::Packed;
use crate::library::Library;

/// What a typed name finds in a library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// The case's index in the library.
    Case(usize),
    /// Several cases share the alias or the start of the id.
    Many(Vec<usize>),
    /// None: the nearest names, for "did you mean".
    None(Vec<String>),
}

/// Finds `name` in `library`: an id, an alias, or a unique id prefix,
/// compared trimmed and case-insensitive. `present` offers aliases, not
/// ids, as the nearest names.
pub fn find(library: &Library<Packed>, name: &str, present: bool) -> Found {
    let wanted = name.trim().to_lowercase();
    let cases = &library.cases;
    let by = |f: &dyn Fn(&crate::case::Head) -> bool| -> Vec<usize> {
        cases
            .iter()
            .enumerate()
            .filter(|(_, l)| f(&l.case.head()))
            .map(|(i, _)| i)
            .collect()
    };
    if wanted.is_empty() {
        return Found::None(Vec::new());
    }
    for hits in [
        by(&|h| h.id.to_lowercase() == wanted),
        by(&|h| h.alias.trim().to_lowercase() == wanted),
        by(&|h| h.id.to_lowercase().starts_with(&wanted)),
    ] {
        match hits.as_slice() {
            [one] => return Found::Case(*one),
            [] => {}
            _ => return Found::Many(hits),
        }
    }
    let names: Vec<&str> = if present {
        cases.iter().map(|l| l.case.head().alias).collect()
    } else {
        cases.iter().map(|l| l.case.id()).collect()
    };
    Found::None(
        crate::file::nearest_all(name, names, 3)
            .into_iter()
            .map(|s| crate::text::inline(s).into_owned())
            .collect(),
    )
}

impl App {
    pub(super) fn start_goto(&mut self) {
        self.goto = Some(String::new());
    }

    pub(super) fn goto_action(&mut self, a: Action) {
        match a {
            Action::GotoCancel => self.goto = None,
            Action::GotoBackspace => {
                if let Some(g) = self.goto.as_mut() {
                    g.pop();
                }
            }
            Action::GotoAccept => {
                let name = self.goto.take().unwrap_or_default();
                self.go_to(&name);
            }
            _ => {}
        }
    }

    /// Selects the case `name` names, clearing a filter that hides it.
    pub fn go_to(&mut self, name: &str) {
        let shown = crate::text::inline(name.trim()).into_owned();
        match find(&self.library, name, self.present) {
            Found::Case(i) => {
                if !self.list.select_row(i) {
                    self.list.query.clear();
                    self.list.searching = false;
                    self.list.refilter(&self.rows, &self.matcher, false);
                    self.list.select_row(i);
                }
                let height = self.list_height();
                self.list.scroll_into_view(height);
                self.case_changed();
                let head = self.library.cases[i].case.head();
                let alias = crate::text::inline(head.alias).into_owned();
                self.flash = Some(if self.present {
                    alias
                } else {
                    format!("{alias} {} {}", self.glyphs.dot(), crate::text::inline(head.id))
                });
            }
            Found::Many(hits) => {
                let names: Vec<String> = hits
                    .iter()
                    .take(4)
                    .map(|&i| {
                        let c = self.library.cases[i].case.head();
                        crate::text::inline(if self.present { c.alias } else { c.id }).into_owned()
                    })
                    .collect();
                self.flash = Some(format!(
                    "\"{shown}\" names {} cases: {}; type more of the id",
                    hits.len(),
                    names.join(", ")
                ));
            }
            Found::None(near) if near.is_empty() => self.flash = Some(format!("no case \"{shown}\"")),
            Found::None(near) => {
                let near: Vec<String> = near.iter().map(|n| format!("\"{n}\"")).collect();
                self.flash = Some(format!("no case \"{shown}\"; did you mean {}?", near.join(" or ")));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_by_id_alias_and_prefix_and_suggests_the_nearest() {
        let whole = Library::builtin();
        let first = &whole.cases[0].case;
        let lib = whole.clone().packed();
        assert_eq!(find(&lib, &first.id.to_uppercase(), false), Found::Case(0));
        assert_eq!(
            find(&lib, &format!("  {} ", first.patient.alias), false),
            Found::Case(0)
        );
        let typo = format!("{}x", first.id);
        match find(&lib, &typo, false) {
            Found::None(near) => assert!(near.contains(&first.id), "{near:?}"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(find(&lib, "lumbar", false), Found::Many(_)));
    }
}
