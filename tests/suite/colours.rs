//! Every shipped theme at every colour depth a terminal reports (16, 256,
//! true colour): no text is drawn in the colour of its own background, the
//! selected case's row stands out from its neighbours, and the lanes, the
//! bands and good / bad keep colours of their own.

use crate::common::console::{PLAIN, keys, render, settings};
use pathwise::library::Library;
use pathwise::theme::{Depth, Role, ThemeSet};
use pathwise::tui::app::App;
use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier, Style};

const DEPTHS: [Depth; 3] = [Depth::Ansi16, Depth::Ansi256, Depth::TrueColor];

fn themes() -> Vec<String> {
    ThemeSet::builtin().names().iter().map(ToString::to_string).collect()
}

fn console(theme: &str, depth: Depth, w: u16, h: u16) -> App {
    let mut s = settings(w, h, pathwise_opts(depth));
    s.theme = Some(theme.to_string());
    App::new(Library::builtin(), s)
}

fn pathwise_opts(depth: Depth) -> crate::common::console::Opts {
    crate::common::console::Opts { depth, ..PLAIN }
}

/// The colours a cell shows: its own, swapped by reverse video; the
/// terminal's default background counted as black (the themes without
/// a background are for dark terminals), its default foreground as
/// itself.
fn shown(cell: &Cell) -> (Option<Color>, Color) {
    let fg = (cell.fg != Color::Reset).then_some(cell.fg);
    let bg = if cell.bg == Color::Reset { Color::Black } else { cell.bg };
    if cell.modifier.contains(Modifier::REVERSED) {
        (Some(bg), fg.unwrap_or(Color::Gray))
    } else {
        (fg, bg)
    }
}

fn invisible_cells(buf: &Buffer) -> Vec<(u16, u16, String)> {
    let mut out = Vec::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            if cell.symbol().trim().is_empty() {
                continue;
            }
            let (fg, bg) = shown(cell);
            if fg == Some(bg) {
                out.push((x, y, format!("{:?} on {:?}: {:?}", cell.fg, cell.bg, cell.symbol())));
            }
        }
    }
    out
}

#[test]
fn no_theme_draws_text_in_its_background_colour_at_any_depth() {
    let screens = ["", "2<right><right>", "4jjj", "4<enter>", "?", "s", "x"];
    let mut problems = Vec::new();
    for theme in themes() {
        for depth in DEPTHS {
            for (w, h) in [(80, 24), (120, 40), (200, 60)] {
                for seq in screens {
                    let mut a = console(&theme, depth, w, h);
                    keys(&mut a, seq);
                    let bad = invisible_cells(&render(&a));
                    if let Some((x, y, what)) = bad.first() {
                        problems.push(format!(
                            "{theme} at {depth:?}, {w}x{h} after {seq:?}: {} cells, first ({x},{y}) {what}",
                            bad.len()
                        ));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn row_styles(buf: &Buffer, x0: u16, x1: u16, y: u16) -> Vec<Style> {
    (x0..x1).map(|x| buf[(x, y)].style()).collect()
}

#[test]
fn the_selected_row_differs_from_its_neighbours_in_every_theme_and_depth() {
    for theme in themes() {
        for depth in DEPTHS.into_iter().chain([Depth::None]) {
            for (w, h) in [(80, 24), (200, 60)] {
                let mut a = console(&theme, depth, w, h);
                keys(&mut a, "j");
                let buf = render(&a);
                let list = a.panes().list.expect("the list");
                let per = if w >= 120 { 2 } else { 1 };
                // the second case is selected: its first row, and the rows
                // of the cases above and below it
                let y = list.y + 2 + per;
                let (x0, x1) = (list.x + 12, list.x + 30);
                let selected = row_styles(&buf, x0, x1, y);
                for other in [y - per, y + per] {
                    assert_ne!(
                        selected,
                        row_styles(&buf, x0, x1, other),
                        "{theme} at {depth:?}, {w}x{h}: the selected row looks like row {other}"
                    );
                }
                // the pointer and the badge stay visible in the selected row
                assert_eq!(buf[(list.x + 1, y)].symbol(), "▶");
                let badge_y = y + per - 1;
                let badge = buf[(list.x + list.width - 3, badge_y)].clone();
                assert!(!badge.symbol().trim().is_empty(), "{theme}: the badge is drawn");
                assert!(invisible_cells(&buf).is_empty(), "{theme} at {depth:?}");
            }
        }
    }
}

#[test]
fn lanes_bands_and_statuses_keep_distinct_colours_at_every_depth() {
    let set = ThemeSet::builtin();
    let groups: [(&str, &[Role]); 3] = [
        (
            "lanes",
            &[
                Role::LanePt,
                Role::LaneWorkup,
                Role::LaneMeds,
                Role::LaneInject,
                Role::LaneConsult,
            ],
        ),
        (
            "bands",
            &[
                Role::BandPostOp,
                Role::BandUrgent,
                Role::BandReady,
                Role::BandApproaching,
                Role::BandNotReady,
            ],
        ),
        ("ok, warn, bad", &[Role::Ok, Role::Warn, Role::Bad]),
    ];
    for theme in themes().iter().filter(|t| *t != "monochrome") {
        for depth in DEPTHS {
            let t = set.resolve(theme, depth).expect("a shipped theme resolves");
            for (what, roles) in groups {
                // lanes by their colour; bands and statuses by their whole look
                let looks: Vec<String> = roles
                    .iter()
                    .map(|r| {
                        let s = t.style(*r);
                        if what == "lanes" {
                            format!("{:?}", s.fg)
                        } else {
                            format!("{:?} {:?} {:?}", s.fg, s.bg, s.add_modifier & Modifier::REVERSED)
                        }
                    })
                    .collect();
                for (i, a) in looks.iter().enumerate() {
                    for b in &looks[i + 1..] {
                        assert_ne!(a, b, "{theme} at {depth:?}: two {what} look alike ({looks:?})");
                    }
                }
                if depth == Depth::Ansi16 {
                    for r in Role::ALL {
                        let s = t.style(*r);
                        for c in [s.fg, s.bg].into_iter().flatten() {
                            assert!(
                                !matches!(c, Color::Rgb(..) | Color::Indexed(_)),
                                "{theme}: {} is {c:?} at 16 colours",
                                r.name()
                            );
                        }
                    }
                }
            }
        }
    }
}
