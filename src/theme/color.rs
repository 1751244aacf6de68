//! Colour depth: true colour only where the terminal says it has it
//! (`COLORTERM`), otherwise the nearest of 256 or 16 colours; none at all
//! with `NO_COLOR`.

use ratatui::style::Color;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    TrueColor,
    Ansi256,
    Ansi16,
    /// `NO_COLOR`: bold, reverse and underline carry the meaning.
    None,
}

impl Depth {
    /// Reads the environment the way terminals advertise themselves.
    pub fn detect(no_color: Option<&str>, colorterm: Option<&str>, term: Option<&str>) -> Depth {
        // a dumb terminal gets no colour, whatever COLORTERM says
        if no_color.is_some_and(|v| !v.is_empty()) || term == Some("dumb") {
            return Depth::None;
        }
        if colorterm.is_some_and(|v| v == "truecolor" || v == "24bit") {
            return Depth::TrueColor;
        }
        match term {
            Some(t) if t.contains("256color") => Depth::Ansi256,
            _ => Depth::Ansi16,
        }
    }

    pub fn from_env() -> Depth {
        let var = |k| std::env::var(k).ok();
        Depth::detect(
            var("NO_COLOR").as_deref(),
            var("COLORTERM").as_deref(),
            var("TERM").as_deref(),
        )
    }

    /// The colour as this depth can show it.
    pub fn map(self, c: Color) -> Color {
        match (self, c) {
            (Depth::None, _) => Color::Reset,
            (Depth::TrueColor, c) => c,
            (Depth::Ansi256, Color::Rgb(r, g, b)) => Color::Indexed(nearest_256(r, g, b)),
            (Depth::Ansi16, Color::Rgb(r, g, b)) => nearest_16(r, g, b),
            (Depth::Ansi16, Color::Indexed(i)) => {
                let (r, g, b) = rgb_of_256(i);
                nearest_16(r, g, b)
            }
            (_, c) => c,
        }
    }
}

const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

fn dist(a: (u8, u8, u8), b: (u8, u8, u8)) -> u32 {
    let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).pow(2) as u32;
    // weights approximate perceived brightness of each channel
    2 * d(a.0, b.0) + 4 * d(a.1, b.1) + 3 * d(a.2, b.2)
}

/// The closest xterm-256 index: the 6x6x6 cube or the grey ramp.
pub fn nearest_256(r: u8, g: u8, b: u8) -> u8 {
    let level = |v: u8| {
        CUBE.iter()
            .enumerate()
            .min_by_key(|(_, c)| (i32::from(**c) - i32::from(v)).abs())
            .map_or(0, |(i, _)| i)
    };
    let (ri, gi, bi) = (level(r), level(g), level(b));
    let cube = (CUBE[ri], CUBE[gi], CUBE[bi]);
    let cube_index = 16 + 36 * ri + 6 * gi + bi;
    let avg = (u32::from(r) + u32::from(g) + u32::from(b)) / 3;
    let grey_i = if avg < 8 { 0 } else { ((avg - 8) / 10).min(23) };
    let grey = (8 + 10 * grey_i) as u8;
    if dist((r, g, b), (grey, grey, grey)) < dist((r, g, b), cube) {
        (232 + grey_i) as u8
    } else {
        cube_index as u8
    }
}

fn rgb_of_256(i: u8) -> (u8, u8, u8) {
    match i {
        0..=15 => ANSI16[i as usize].1,
        16..=231 => {
            let n = i - 16;
            (
                CUBE[(n / 36) as usize],
                CUBE[((n / 6) % 6) as usize],
                CUBE[(n % 6) as usize],
            )
        }
        _ => {
            let v = 8 + 10 * (i - 232);
            (v, v, v)
        }
    }
}

/// The 16 ANSI colours with xterm's default RGB values.
const ANSI16: [(Color, (u8, u8, u8)); 16] = [
    (Color::Black, (0, 0, 0)),
    (Color::Red, (205, 0, 0)),
    (Color::Green, (0, 205, 0)),
    (Color::Yellow, (205, 205, 0)),
    (Color::Blue, (0, 0, 238)),
    (Color::Magenta, (205, 0, 205)),
    (Color::Cyan, (0, 205, 205)),
    (Color::Gray, (229, 229, 229)),
    (Color::DarkGray, (127, 127, 127)),
    (Color::LightRed, (255, 0, 0)),
    (Color::LightGreen, (0, 255, 0)),
    (Color::LightYellow, (255, 255, 0)),
    (Color::LightBlue, (92, 92, 255)),
    (Color::LightMagenta, (255, 0, 255)),
    (Color::LightCyan, (0, 255, 255)),
    (Color::White, (255, 255, 255)),
];

pub fn nearest_16(r: u8, g: u8, b: u8) -> Color {
    ANSI16
        .iter()
        .min_by_key(|(_, rgb)| dist((r, g, b), *rgb))
        .map_or(Color::Reset, |(c, _)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_depth_from_the_environment() {
        assert_eq!(Depth::detect(Some("1"), Some("truecolor"), None), Depth::None);
        assert_eq!(Depth::detect(Some(""), Some("truecolor"), None), Depth::TrueColor);
        assert_eq!(Depth::detect(None, None, Some("xterm-256color")), Depth::Ansi256);
        assert_eq!(Depth::detect(None, None, Some("screen")), Depth::Ansi16);
        assert_eq!(Depth::detect(None, None, Some("xterm-16color")), Depth::Ansi16);
        assert_eq!(Depth::detect(None, Some("truecolor"), Some("dumb")), Depth::None);
    }

    #[test]
    fn true_colour_downgrades_to_the_nearest() {
        // Okabe–Ito orange: cube (215, 175, 0) is nearer than 214's (255, 175, 0)
        assert_eq!(Depth::Ansi256.map(Color::Rgb(230, 159, 0)), Color::Indexed(178));
        assert_eq!(Depth::Ansi16.map(Color::Rgb(230, 159, 0)), Color::Yellow);
        assert_eq!(Depth::Ansi256.map(Color::Rgb(30, 30, 30)), Color::Indexed(234));
        assert_eq!(Depth::Ansi16.map(Color::Rgb(250, 250, 250)), Color::White);
        assert_eq!(Depth::Ansi16.map(Color::Indexed(196)), Color::LightRed);
        assert_eq!(Depth::TrueColor.map(Color::Rgb(1, 2, 3)), Color::Rgb(1, 2, 3));
        assert_eq!(Depth::None.map(Color::Red), Color::Reset);
        assert_eq!(Depth::Ansi16.map(Color::Red), Color::Red);
    }
}
