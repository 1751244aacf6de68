//! 1 `red-flags`: the latest screen in play lists a red flag.

use super::super::Criterion;
use super::super::phrases::{and_list, num};
use super::super::red_flags::{flags, latest_screen};
use super::super::terms::Terms;
use super::Found;

pub(crate) fn red_flags(t: &Terms, _: &[Criterion]) -> Found {
    let window = t.profile().red_flag_window_weeks;
    let Some((r, a)) = latest_screen(&t.day) else {
        return Found::unknown("no red-flag screen on file", Vec::new());
    };
    let found = flags(a);
    if !found.is_empty() {
        let words: Vec<String> = found.iter().map(|(w, c)| format!("{w} ({})", c.as_str())).collect();
        return Found::met(format!("{} on {}", and_list(&words), a.date), vec![r]);
    }
    if t.day.within(a.date, window) {
        return Found::not_met(format!("none on the screen of {}", a.date), vec![r]);
    }
    let detail = format!(
        "the latest screen ({}, none found) is more than {} weeks old",
        a.date,
        num(window)
    );
    Found::unknown(detail, vec![r])
}
