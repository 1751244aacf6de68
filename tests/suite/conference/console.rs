//! Conference mode in the console, in-process: a hosting `App` with its
//! `Publisher` on a real `Host` (a temporary socket), and followers that
//! are real `Follower` clients, some of them feeding a follower `App`
//! (`App::follower`) whose screen is rendered and read back. The room's
//! answers in a step-through (the count before the reveal, the
//! distribution after, the summary at the end, the export), a follower's
//! local browsing, the host presenting while hosting, and a follower's
//! screen at every size, theme, 16 colours and ASCII.

use super::client::Raw;
use crate::common::console::{Opts, PLAIN, each_key, render, settings};
use pathwise::conference::{ConferenceState, Follower, Host, HostConfig, StateReceiver};
use pathwise::library::Library;
use pathwise::rules::{NextStep, Profile};
use pathwise::theme::Depth;
use pathwise::tui::app::{App, Effect, Msg};
use pathwise::tui::conference::{ConferenceMsg, Publisher};
use pathwise::tui::step::{CHOICES, Step};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use std::time::{Duration, Instant};

/// Whitespace collapsed: wrapped text reads as it was written.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn rows(buf: &Buffer, r: Rect) -> Vec<String> {
    (r.y..r.bottom())
        .map(|y| (r.x..r.right()).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

/// The screen as readable text: each pane's inside with its rows joined
/// (a sentence wrapped inside a pane reads whole), then every row.
fn readable(a: &App) -> String {
    let buf = render(a);
    let panes = a.panes();
    let mut out = Vec::new();
    for r in [panes.list, panes.timeline, panes.detail, panes.readiness, panes.verdict]
        .into_iter()
        .flatten()
    {
        let inner = pathwise::tui::layout::inner(r);
        out.push(collapse(&rows(&buf, inner).join(" ")));
    }
    out.extend(rows(&buf, buf.area).iter().map(|r| collapse(r)));
    out.join("\n")
}

/// A hosting console: the samples, and its publisher on a real host.
struct Hosted {
    app: App,
    publisher: Publisher,
    _dir: tempfile::TempDir,
}

impl Hosted {
    fn start(w: u16, h: u16) -> Hosted {
        let dir = tempfile::tempdir().unwrap();
        let host = Host::start(HostConfig {
            socket: Some(dir.path().join("c.sock")),
            ..HostConfig::default()
        })
        .unwrap();
        let mut app = App::new(Library::builtin(), settings(w, h, PLAIN));
        app.host(host.join_command().to_string());
        let mut publisher = Publisher::new(host);
        publisher.after_update(&mut app);
        Hosted {
            app,
            publisher,
            _dir: dir,
        }
    }

    fn host(&self) -> &Host {
        self.publisher.host()
    }

    /// A message into `update`, then the publisher, as the runtime does.
    fn update(&mut self, msg: Msg) -> Effect {
        let e = self.app.update(msg);
        self.publisher.after_update(&mut self.app);
        e
    }

    fn keys(&mut self, seq: &str) {
        each_key(seq, |k| {
            self.update(Msg::Key(k));
        });
    }

    /// The host's events into the console until `ok` holds.
    fn until(&mut self, what: &str, ok: impl Fn(&App) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            self.publisher.pump(&mut self.app);
            if ok(&self.app) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the host never showed {what}:\n{}",
                readable(&self.app)
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn screen(&self) -> String {
        readable(&self.app)
    }
}

/// A follower: a real client, and (for those whose screen is read) a
/// follower console fed with its states.
struct Seat {
    follower: Follower,
    states: StateReceiver,
    app: App,
}

impl Seat {
    fn join(h: &Hosted, name: &str, w: u16, hgt: u16, o: Opts) -> Seat {
        let follower = Follower::connect(h.host().socket_path(), &h.host().code(), name).unwrap();
        let states = follower.states();
        Seat {
            follower,
            states,
            app: App::follower(settings(w, hgt, o)),
        }
    }

    /// States into the follower console until `ok` holds.
    fn until(&mut self, what: &str, ok: impl Fn(&App) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while !ok(&self.app) {
            assert!(
                Instant::now() < deadline,
                "the follower never showed {what}:\n{}",
                readable(&self.app)
            );
            if let Some(Ok(s)) = self.states.recv_timeout(Duration::from_millis(20)) {
                self.app.update(Msg::Conference(ConferenceMsg::State(s)));
            }
        }
    }

    /// Keys into the follower console; its answers go to the host, as the
    /// runtime sends them. The effects, for the test to look at.
    fn keys(&mut self, seq: &str) -> Vec<Effect> {
        let mut effects = Vec::new();
        each_key(seq, |k| effects.push(self.app.update(Msg::Key(k))));
        for e in &effects {
            if let Effect::Answer { stop, choice } = e {
                self.follower.answer(*stop, *choice).unwrap();
            }
        }
        effects
    }

    /// The newest state this follower was sent.
    fn latest(&self) -> ConferenceState {
        (*self.states.latest().expect("a state")).clone()
    }

    fn screen(&self) -> String {
        readable(&self.app)
    }
}

/// A sample with two or three step-through stops, its id.
fn short_step_case() -> String {
    let lib = Library::builtin();
    let profile = Profile::builtin();
    lib.cases
        .iter()
        .find(|l| Step::start(&l.case, &profile).is_some_and(|s| (2..=3).contains(&s.stops.len())))
        .map(|l| l.case.id.clone())
        .expect("a sample with two or three stops")
}

/// "2 medical workup · 1 injection — rules: urgent referral".
fn distribution(counts: &[(usize, NextStep)], rules: NextStep) -> String {
    let room: Vec<String> = counts.iter().map(|(n, s)| format!("{n} {}", s.label())).collect();
    let room = if room.is_empty() {
        "no answers".to_string()
    } else {
        room.join(" · ")
    };
    format!("{room} — rules: {}", rules.label())
}

fn agreed(answers: &[NextStep], rules: NextStep) -> String {
    let n = answers.len();
    let k = answers.iter().filter(|a| **a == rules).count();
    match (k * 100 + n / 2).checked_div(n) {
        Some(p) => format!("{k} of {n} agreed ({p} %)"),
        None => "no answers".to_string(),
    }
}

/// The rules' answer at the host's stop (known to the test, not shown).
fn rules_now(h: &Hosted) -> NextStep {
    h.app.view.step.as_ref().expect("a step-through").readiness.next_step
}

#[test]
fn three_followers_answer_a_step_through_counts_then_distribution_then_summary_on_both_screens() {
    let mut h = Hosted::start(200, 60);
    let mut ana = Seat::join(&h, "Ana", 200, 60, PLAIN);
    let ben = Seat::join(&h, "Ben", 80, 24, PLAIN);
    let cy = Seat::join(&h, "Cy", 80, 24, PLAIN);
    h.until("three following", |a| a.hosting().is_some_and(|c| c.followers == 3));
    assert!(h.screen().contains("conference · 3 following"), "{}", h.screen());

    let id = short_step_case();
    h.update(Msg::Step(id.clone()));
    let stops = h.app.view.step.as_ref().unwrap().stops.len();
    ana.until("stop 1", |a| {
        a.remote().and_then(|s| s.stop()).is_some_and(|s| s.number() == 1)
    });
    let stop1 = ana.latest().stop().unwrap().clone();
    assert_eq!((stop1.of(), stop1.choices().len()), (stops, CHOICES.len()));
    assert!(ana.screen().contains(&format!("Stop 1 of {stops}")), "{}", ana.screen());

    // stop 1: Ana workup (her key 3), Ben injection, Cy physical therapy,
    // then she changes her mind to workup
    let r1 = rules_now(&h);
    let effects = ana.keys("3");
    assert_eq!(
        effects,
        vec![Effect::Answer {
            stop: stop1.id(),
            choice: 2
        }]
    );
    ben.follower.answer(stop1.id(), 4).unwrap();
    cy.follower.answer(stop1.id(), 0).unwrap();
    cy.follower.answer(stop1.id(), 2).unwrap();
    h.until("three answered", |a| {
        a.hosting().and_then(|c| c.answered()) == Some((3, 3))
    });
    let host = h.screen();
    assert!(host.contains("3 of 3 answered"), "{host}");
    assert!(!host.contains("The room:"), "the host sees how many, not what:\n{host}");
    ana.until("the count", |a| {
        a.remote().and_then(|s| s.stop()).is_some_and(|s| s.answered() == 3)
    });
    let seen = ana.screen();
    assert!(
        seen.contains("your answer: medical workup (you can change it until the reveal)"),
        "{seen}"
    );
    assert!(seen.contains("3 answered so far"), "{seen}");
    assert!(!seen.contains("The room:") && !seen.contains("rules:"), "{seen}");

    // the host's own answer is the reveal
    h.keys("8");
    let d1 = distribution(&[(2, NextStep::Workup), (1, NextStep::Injection)], r1);
    let host = h.screen();
    assert!(host.contains(&format!("The room: {d1}")), "{d1} on the host:\n{host}");
    ana.until("the reveal", |a| {
        a.remote().and_then(|s| s.stop()).is_some_and(|s| s.reveal().is_some())
    });
    let seen = ana.screen();
    assert!(seen.contains(&format!("The room: {d1}")), "{d1} on a follower:\n{seen}");
    assert!(seen.contains(&format!("the rules say {}", r1.label())), "{seen}");
    // after the reveal nothing more is counted
    ben.follower.answer(stop1.id(), 0).unwrap();

    // stop 2: Ana and Ben physical therapy, Cy says nothing
    h.keys("<enter>");
    ana.until("stop 2", |a| {
        a.remote().and_then(|s| s.stop()).is_some_and(|s| s.number() == 2)
    });
    assert!(
        ana.screen().contains("1-9 or 0 answers"),
        "a new stop forgets the last answer:\n{}",
        ana.screen()
    );
    let stop2 = ana.latest().stop().unwrap().clone();
    let r2 = rules_now(&h);
    ana.keys("1");
    ben.follower.answer(stop2.id(), 0).unwrap();
    h.until("two answered", |a| {
        a.hosting().and_then(|c| c.answered()) == Some((2, 3))
    });
    assert!(h.screen().contains("2 of 3 answered"), "{}", h.screen());
    h.keys("1");
    let d2 = distribution(&[(2, NextStep::PhysicalTherapy)], r2);
    assert!(h.screen().contains(&format!("The room: {d2}")), "{}", h.screen());

    // any further stop: nobody answers
    let stop1_answers = [NextStep::Workup, NextStep::Workup, NextStep::Injection];
    let mut expected = vec![
        (stop1.label().to_string(), d1.clone(), agreed(&stop1_answers, r1)),
        (
            stop2.label().to_string(),
            d2,
            agreed(&[NextStep::PhysicalTherapy; 2], r2),
        ),
    ];
    for n in 3..=stops {
        h.keys("<enter>");
        ana.until("the next stop", |a| {
            a.remote().and_then(|s| s.stop()).is_some_and(|s| s.number() == n)
        });
        let label = ana.latest().stop().unwrap().label().to_string();
        let r = rules_now(&h);
        h.keys("1");
        expected.push((label, distribution(&[], r), "no answers".to_string()));
    }
    h.keys("<enter>");
    assert!(h.app.view.step.as_ref().unwrap().finished);
    ana.until("the end", |a| {
        matches!(a.remote_step(), Some(pathwise::conference::StepView::Finished(_)))
    });

    // the summary, per stop, on both screens
    let host = h.screen();
    let seen = ana.screen();
    for (i, (label, d, agree)) in expected.iter().enumerate() {
        let line = format!("stop {} of {stops} · {label}: {d} · {agree}", i + 1);
        assert!(host.contains(&line), "{line} on the host:\n{host}");
        assert!(seen.contains(&line), "{line} on a follower:\n{seen}");
    }
    let all_answers = 5;
    let all_agreed =
        stop1_answers.iter().filter(|a| **a == r1).count() + 2 * usize::from(r2 == NextStep::PhysicalTherapy);
    let total = format!(
        "Agreement with the rules over {stops} stops: {all_agreed} of {all_answers} answers ({} %)",
        (all_agreed * 100 + all_answers / 2) / all_answers
    );
    assert!(host.contains(&total), "{total} on the host:\n{host}");
    assert!(seen.contains(&total), "{total} on a follower:\n{seen}");
    let mine = usize::from(r1 == NextStep::Workup) + usize::from(r2 == NextStep::PhysicalTherapy);
    assert!(
        seen.contains(&format!(
            "You answered 2 of {stops} stops and matched the rules {mine} times"
        )),
        "{seen}"
    );

    // E: the referral summary with the room's answers
    let e = h.update(Msg::Key(KeyEvent::new(KeyCode::Char('E'), KeyModifiers::NONE)));
    let Effect::Export { body, .. } = e else {
        panic!("E exports: {e:?}")
    };
    assert!(body.contains("## The room's answers"), "{body}");
    assert!(
        body.contains(&format!(
            "| 1 of {stops} | {} | 3 | {} |",
            expected[0].0,
            expected[0].2.replace(" of 3 agreed", "")
        )),
        "{body}"
    );
    assert!(
        body.contains(&format!("{} stops: {all_agreed} of {all_answers} answers", stops)),
        "{body}"
    );
    // another case's export has no room section
    h.keys("<esc>1j");
    let e = h.update(Msg::Key(KeyEvent::new(KeyCode::Char('E'), KeyModifiers::NONE)));
    let Effect::Export { body, id: other } = e else {
        panic!("E exports")
    };
    assert_ne!(other, id);
    assert!(!body.contains("The room's answers"), "{body}");
}

#[test]
fn a_followers_scroll_zoom_and_help_change_only_its_screen_and_f_follows_again() {
    let mut h = Hosted::start(120, 40);
    let mut f = Seat::join(&h, "Ana", 120, 40, PLAIN);
    h.until("a follower", |a| a.hosting().is_some_and(|c| c.followers == 1));
    // 2 focuses the timeline on its first event, → the next
    h.keys("2<right>");
    let host_event = h.app.view.event;
    assert_eq!(host_event, Some(1));
    f.until("the host's event", |a| a.view.event == Some(1));
    assert!(f.app.is_following());
    assert!(f.screen().contains("conference · following"), "{}", f.screen());
    let published = h.publisher.published();

    // help is only this screen, and does not stop following
    assert_eq!(f.keys("?"), vec![Effect::None]);
    assert!(f.screen().contains("Conference (following)"), "{}", f.screen());
    assert!(f.app.is_following());
    f.keys("<esc>");
    // zoom, scroll, another event, another pane: browsing locally
    for seq in ["z", "<pgdn>", "<right>", "<tab>"] {
        let effects = f.keys(seq);
        assert!(effects.iter().all(|e| *e == Effect::None), "{seq}: {effects:?}");
    }
    assert!(!f.app.is_following());
    let s = f.screen();
    assert!(s.contains("browsing locally · f follows"), "{s}");
    // nothing reached the host: its screen and what it publishes are unchanged
    h.until("no change", |_| true);
    assert_eq!((h.app.view.event, h.app.zoom), (Some(1), false));
    assert_eq!(h.publisher.published(), published);
    // the host moves on; the browsing follower keeps its own event...
    let own = f.app.view.event;
    h.keys("<right>");
    f.until("the host's newer state", |a| {
        a.remote().and_then(|s| s.selected_event()) == Some(2)
    });
    assert_eq!(f.app.view.event, own);
    h.keys("<right>");
    f.until("the host's newer state", |a| {
        a.remote().and_then(|s| s.selected_event()) == Some(3)
    });
    assert_eq!(f.app.view.event, own);
    assert!(f.app.zoom);
    // ...until f: the host's event, pane and zoom again
    f.keys("f");
    assert!(f.app.is_following());
    assert_eq!((f.app.view.event, f.app.zoom), (Some(3), false));
    assert_eq!(f.app.focus, h.app.focus);
    assert!(f.screen().contains("conference · following"), "{}", f.screen());
    // keys that are the host's are refused, with a word
    for k in ["s", "x", "/", ":", "E", "p"] {
        assert_eq!(f.keys(k), vec![Effect::None], "{k}");
        assert!(f.app.view.step.is_none() && !f.app.list.searching && f.app.goto.is_none());
    }
    // a new case follows again
    f.keys("z");
    assert!(!f.app.is_following());
    h.keys("1j");
    f.until("the next case", |a| a.is_following());
    assert_eq!(
        f.app.view.shown.as_ref().map(|v| v.alias.clone()),
        h.app.view.shown.as_ref().map(|v| v.alias.clone())
    );
    // q leaves
    assert_eq!(f.keys("q"), vec![Effect::Quit]);
}

#[test]
fn the_host_presents_while_hosting_and_no_screen_or_state_holds_a_date_id_or_file_name() {
    let lib = Library::builtin();
    let mut h = Hosted::start(200, 60);
    let mut f = Seat::join(&h, "Ana", 120, 40, PLAIN);
    // every line a follower is sent, read as it comes
    let (mut raw, first) = Raw::join(h.host().socket_path(), &h.host().code(), "watcher").unwrap();
    assert!(first.contains("welcome"), "{first}");
    let sent = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let reader = {
        let sent = sent.clone();
        std::thread::spawn(move || {
            let _ = raw.until(|l| {
                sent.lock().unwrap().push(l.to_string());
                false
            });
        })
    };
    h.until("two following", |a| a.hosting().is_some_and(|c| c.followers == 2));
    assert!(h.app.present, "hosting presents");
    h.keys("p");
    assert!(h.app.present, "p cannot turn it off while hosting");
    assert!(
        h.app.flash.as_deref().is_some_and(|m| m.contains("always presents")),
        "{:?}",
        h.app.flash
    );
    let check = |what: &str, text: &str| {
        assert!(!crate::common::console::has_date(text), "a date in {what}:\n{text}");
        for l in &lib.cases {
            assert!(!text.contains(&l.case.id), "the id {} in {what}:\n{text}", l.case.id);
            let stem = l.path.file_stem().unwrap().to_string_lossy().into_owned();
            assert!(!text.contains(&stem), "the file name {stem} in {what}:\n{text}");
        }
    };
    let mut states = 0;
    let mut walk = |h: &mut Hosted, seq: &str| {
        each_key(seq, |k| {
            h.update(Msg::Key(k));
            check("the host's screen", &crate::common::console::screen(&h.app));
            if let Some(state) = h.app.conference_state() {
                let json = serde_json::to_string(&state.expect("a state")).unwrap();
                check("a state", &json);
                states += 1;
            }
        });
    };
    // every case, its first events, a what-if, a step-through to the end
    for _ in 0..lib.cases.len() {
        walk(&mut h, "2<right><right>x<esc><esc>1j");
    }
    let id = short_step_case();
    h.update(Msg::Step(id));
    walk(&mut h, "3<enter>3<enter>3<enter>3<enter>");
    // a message about a file never goes into a state
    h.update(Msg::Exported(Ok("/home/dr-smith/mrs-jones.md".into())));
    if let Some(Ok(s)) = h.app.conference_state() {
        let json = serde_json::to_string(&s).unwrap();
        assert!(!json.contains("mrs-jones") && !json.contains("wrote"), "{json}");
    }
    assert!(states > 3 * lib.cases.len(), "{states} states checked");
    // and what a follower received, drawn
    f.until("the end of the step-through", |a| {
        matches!(a.remote_step(), Some(pathwise::conference::StepView::Finished(_)))
    });
    check("a follower's screen", &crate::common::console::screen(&f.app));
    // help says so
    h.keys("?");
    let help = h.screen();
    assert!(help.contains("stays on while hosting (p cannot turn it off)"), "{help}");
    // a follower leaving is news on the host's status line
    f.follower.leave();
    h.until("Ana left", |a| {
        a.flash.as_deref().is_some_and(|m| m.starts_with("Ana left"))
    });
    assert!(h.screen().contains("conference · 1 following"), "{}", h.screen());
    // the host ends: every state the watcher was sent, checked
    drop(h);
    reader.join().unwrap();
    let sent = sent.lock().unwrap();
    let states: Vec<&String> = sent.iter().filter(|l| l.starts_with("{\"type\":\"state\"")).collect();
    assert!(states.len() > lib.cases.len(), "{} states sent", states.len());
    for s in states {
        check("a state sent", s);
    }
}

#[test]
fn a_follower_draws_the_hosts_stop_at_every_size_theme_depth_and_in_ascii() {
    let mut h = Hosted::start(120, 40);
    let seat = Seat::join(&h, "Ana", 80, 24, PLAIN);
    h.until("a follower", |a| a.hosting().is_some_and(|c| c.followers == 1));
    h.update(Msg::Step(short_step_case()));
    let mut seat = seat;
    seat.until("stop 1", |a| a.remote_at_stop());
    let state = std::sync::Arc::new(seat.latest());
    let alias = state.case().alias.clone();
    let themes = pathwise::theme::ThemeSet::builtin();
    for (w, hgt) in [(80, 24), (100, 30), (120, 40), (200, 60)] {
        for theme in themes.names() {
            for (depth, ascii) in [(Depth::TrueColor, false), (Depth::Ansi16, false), (Depth::None, true)] {
                let mut s = settings(
                    w,
                    hgt,
                    Opts {
                        depth,
                        ascii,
                        present: true,
                    },
                );
                s.theme = Some(theme.to_string());
                let mut a = App::follower(s);
                a.update(Msg::Conference(ConferenceMsg::State(state.clone())));
                let text = readable(&a);
                let what = format!("{w}x{hgt} {theme} {depth:?} ascii={ascii}");
                assert!(text.contains(&alias), "{what}: the case\n{text}");
                assert!(text.contains("Stop 1 of"), "{what}: the stop\n{text}");
                assert!(text.contains("what should come next?"), "{what}: the question\n{text}");
                assert!(!text.contains("Cases"), "{what}: a follower has no case list\n{text}");
                if ascii {
                    let buf = render(&a);
                    assert!(buf.content.iter().all(|c| c.symbol().is_ascii()), "{what}");
                }
            }
        }
    }
}
