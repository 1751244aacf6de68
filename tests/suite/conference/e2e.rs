//! End to end in tmux: `pathwise host` and three `pathwise join`s, each in
//! its own terminal (80x24 with the light theme, 120x40 in ASCII with the
//! colour-blind theme, 200x60 in true colour with the monochrome theme).
//! The host moves through cases, events and a step-through; each
//! follower's screen (read with `capture-pane`) shows the host's case,
//! event and stop, and the time from the host's key to each follower
//! showing it is measured (printed; the bound asserted is loose, for
//! loaded machines). The room answers from the followers' keyboards; the
//! host's screen stays de-identified throughout; when the host quits, the
//! followers say so and exit 0.

use crate::common::Tmux;
use crate::common::console::has_date;
use pathwise::library::Library;
use pathwise::tui::glyphs::to_ascii;
use std::thread::sleep;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_pathwise");

/// The join code on a screen showing the conference overlay.
fn code_on(screen: &str) -> Option<String> {
    let at = screen.find("PATHWISE_JOIN_CODE=")? + "PATHWISE_JOIN_CODE=".len();
    let code: String = screen[at..].chars().take_while(char::is_ascii_hexdigit).collect();
    (code.len() == 32).then_some(code)
}

/// The case alias in the host's timeline title ("Case 17").
fn host_alias(screen: &str) -> String {
    let at = screen.find("Timeline · ").expect("the timeline's title") + "Timeline · ".len();
    screen[at..].split(" · ").next().unwrap_or_default().to_string()
}

/// The start of the detail pane's title on the host: the event's date
/// and title.
fn host_detail(screen: &str) -> String {
    let line = screen.lines().find(|l| l.contains("╭ 3 ")).expect("the detail's title");
    let at = line.find("╭ 3 ").unwrap_or(0) + "╭ 3 ".len();
    let title = line[at..].split(" ─").next().unwrap_or_default();
    title.chars().take(18).collect()
}

/// "Stop 2 of 3", from the host's screen.
fn host_stop(screen: &str) -> String {
    let at = screen.find("Stop ").expect("a stop");
    screen[at..].split(" ·").next().unwrap_or_default().trim().to_string()
}

/// `alias` on screen as a whole alias ("Case 1" is not "Case 17").
fn shows_alias(screen: &str, alias: &str) -> bool {
    screen
        .match_indices(alias)
        .any(|(i, _)| !screen[i + alias.len()..].starts_with(|c: char| c.is_ascii_digit()))
}

struct Seat {
    t: Tmux,
    ascii: bool,
    name: &'static str,
}

impl Seat {
    /// `text` as this follower draws it (ASCII transliterated).
    fn shows(&self, screen: &str, text: &str) -> bool {
        if self.ascii {
            screen.contains(to_ascii(text).as_ref())
        } else {
            screen.contains(text)
        }
    }
}

/// Reads `t`'s screen until `ok` holds, as often as tmux answers.
fn poll(t: &Tmux, what: &str, ok: impl Fn(&str) -> bool) -> String {
    let until = Instant::now() + Duration::from_secs(15);
    loop {
        let s = t.screen();
        if ok(&s) {
            return s;
        }
        assert!(Instant::now() < until, "timed out waiting for {what}:\n{s}");
        sleep(Duration::from_millis(2));
    }
}

/// Sends `keys` to the host and waits for its screen to show `host_ok`;
/// the screen, and when the keys were sent.
fn press(host: &Tmux, keys: &[&str], what: &str, host_ok: impl Fn(&str) -> bool) -> (String, Instant) {
    let t0 = Instant::now();
    host.send(keys);
    (poll(host, what, host_ok), t0)
}

/// Waits for every follower to show what `ok` wants: the time from the
/// host's key (`t0`) to each follower's screen showing it.
fn followed(t0: Instant, seats: &[Seat], what: &str, ok: &dyn Fn(&Seat, &str) -> bool) -> Vec<Duration> {
    let mut done: Vec<Option<Duration>> = vec![None; seats.len()];
    while done.iter().any(Option::is_none) {
        for (i, s) in seats.iter().enumerate() {
            if done[i].is_none() && ok(s, &s.t.screen()) {
                done[i] = Some(t0.elapsed());
            }
        }
        if t0.elapsed() > Duration::from_secs(15) {
            let screens: Vec<String> = seats.iter().map(|s| format!("{}:\n{}", s.name, s.t.screen())).collect();
            panic!("not every follower showed {what}:\n{}", screens.join("\n"));
        }
    }
    done.into_iter().flatten().collect()
}

/// The host's screen holds no calendar date, case id or file name.
fn deidentified(screen: &str, lib: &Library) {
    assert!(!has_date(screen), "a date on the host's screen:\n{screen}");
    for l in &lib.cases {
        assert!(
            !screen.contains(&l.case.id),
            "the id {} on the host's screen:\n{screen}",
            l.case.id
        );
    }
}

#[test]
fn a_host_and_three_followers_follow_cases_events_and_a_step_through_in_tmux() {
    let lib = Library::builtin();
    let Some(host) = Tmux::start("conf-host", 120, 40) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("c.sock");
    host.launch(&format!("host --socket {}", socket.display()));
    host.wait_for("the conference", |s| s.contains("conference · 0 following"));
    // the case list is loaded and a case shown
    host.wait_for("a case", |s| s.contains("Timeline · Case"));
    let s = host.keys(&["c"], "the join command", |s| code_on(s).is_some());
    let code = code_on(&s).unwrap();
    assert!(
        s.contains(&format!("pathwise join --socket {}", socket.display())),
        "{s}"
    );
    host.keys(&["Escape"], "the overlay closed", |s| !s.contains("PATHWISE_JOIN_CODE"));

    let seat = |name: &'static str, w, h, ascii| Tmux::start(name, w, h).map(|t| Seat { t, ascii, name });
    let (Some(f80), Some(f120), Some(f200)) = (
        seat("conf-f80", 80, 24, false),
        seat("conf-f120", 120, 40, true),
        seat("conf-f200", 200, 60, false),
    ) else {
        return;
    };
    // a wrong code is refused, and says so
    f80.t.shell(&format!(
        "clear; PATHWISE_JOIN_CODE={} {BIN} join --socket {}; echo EXIT=$?",
        "0".repeat(32),
        socket.display()
    ));
    let s = f80
        .t
        .wait_for("the refusal", |s| s.lines().any(|l| l.starts_with("EXIT=")));
    assert!(s.contains("wrong join code") && s.contains("EXIT=2"), "{s}");
    let joins = [
        (&f80, "--theme light --name Ana", ""),
        (&f120, "--theme colorblind --ascii --name Ben", ""),
        (&f200, "--theme monochrome --name Cy", "COLORTERM=truecolor "),
    ];
    for (seat, args, env) in joins {
        seat.t.shell(&format!(
            "clear; {env}PATHWISE_JOIN_CODE={code} {BIN} join {} {args}; echo EXIT=$?",
            socket.display()
        ));
    }
    let s = host.wait_for("three following", |s| s.contains("conference · 3 following"));
    let seats = [f80, f120, f200];
    let alias = host_alias(&s);
    followed(Instant::now(), &seats, "the host's case", &|_, s| {
        shows_alias(s, &alias)
    });
    for seat in &seats {
        let s = seat.t.screen();
        assert!(
            !s.contains("Cases "),
            "{}: a follower has no case list:\n{s}",
            seat.name
        );
        assert!(seat.shows(&s, "conference · following"), "{}:\n{s}", seat.name);
    }
    let mut lat = Vec::new();

    // cases
    for _ in 0..3 {
        let before = host_alias(&host.screen());
        let (s, t0) = press(&host, &["j"], "the next case", |s| host_alias(s) != before);
        let alias = host_alias(&s);
        lat.extend(followed(t0, &seats, &format!("the case {alias}"), &|_, s| {
            shows_alias(s, &alias)
        }));
        deidentified(&s, &lib);
    }
    // events: the timeline (its first event), then the next ones
    for keys in [&["2"][..], &["Right"], &["Right"]] {
        let before = host.screen();
        let (s, t0) = press(&host, keys, "the event", |s| {
            s.lines().any(|l| l.contains("╭ 3 wk") && !before.contains(l))
        });
        let detail = host_detail(&s);
        lat.extend(followed(t0, &seats, &format!("the event {detail:?}"), &|seat, s| {
            seat.shows(s, &detail)
        }));
        deidentified(&s, &lib);
    }
    // the step-through: stop 1
    let (s, t0) = press(&host, &["s"], "stop 1", |s| s.contains("Stop 1 of"));
    let stop = host_stop(&s);
    lat.extend(followed(t0, &seats, &stop, &|_, s| s.contains(&stop)));
    deidentified(&s, &lib);
    // the room answers on its keyboards: medical workup, injection, medical workup
    for (seat, key) in seats.iter().zip(["3", "5", "3"]) {
        seat.t.send(&[key]);
        seat.t.wait_for("the answer", |s| seat.shows(s, "your answer: "));
    }
    let s = host.wait_for("three answered", |s| s.contains("3 of 3 answered"));
    assert!(!s.contains("The room:"), "the host sees how many, not what:\n{s}");
    // the host's answer is the reveal
    let (s, t0) = press(&host, &["8"], "the reveal", |s| s.contains("The room:"));
    lat.extend(followed(t0, &seats, "the reveal", &|_, s| s.contains("the rules say")));
    deidentified(&s, &lib);
    let wide = seats[2].t.screen();
    assert!(
        wide.contains("The room: 2 medical workup · 1 injection — rules: "),
        "the distribution on the 200x60 follower:\n{wide}"
    );
    // the next stop, or the end
    let (s, t0) = press(&host, &["Enter"], "the next stop", |s| !s.contains(&stop));
    if s.contains("Stop 2 of") {
        let stop2 = host_stop(&s);
        lat.extend(followed(t0, &seats, &stop2, &|_, s| s.contains(&stop2)));
    }
    deidentified(&s, &lib);

    // the measured latency, from the host's key to each follower's screen
    lat.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = lat[lat.len() / 2];
    eprintln!(
        "host → follower in tmux, {} measurements: min {:.0} ms, median {:.0} ms, max {:.0} ms",
        lat.len(),
        ms(lat[0]),
        ms(median),
        ms(lat[lat.len() - 1])
    );
    assert!(median < Duration::from_millis(1000), "median {median:?}");
    assert!(lat.iter().all(|d| *d < Duration::from_secs(3)), "{lat:?}");

    // the host quits: every follower says so and exits 0
    host.send(&["q"]);
    let s = host.wait_for("the host's shell", |s| s.lines().any(|l| l.starts_with("EXIT=")));
    assert!(s.contains("EXIT=0"), "{s}");
    assert!(s.contains("Conference open. To follow, run on this machine:"), "{s}");
    assert!(!socket.exists(), "the socket is removed");
    for seat in &seats {
        let s = seat
            .t
            .wait_for("the follower's shell", |s| s.lines().any(|l| l.starts_with("EXIT=")));
        assert!(
            s.contains("pathwise join: the host ended the conference"),
            "{}:\n{s}",
            seat.name
        );
        assert!(s.contains("EXIT=0"), "{}:\n{s}", seat.name);
        seat.t.assert_restored("the host ended");
    }
}
