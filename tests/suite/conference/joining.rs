//! Joining, refusals, leaving, and followers that vanish.

use super::client::Raw;
use super::{TestHost, quick, sample_state};
use pathwise::conference::{Cause, Ended, Event, Follower, JoinError, Limits, Refusal};
use std::time::Duration;

#[test]
fn a_follower_joins_gets_the_newest_state_and_leaves() {
    let h = TestHost::start(Limits::default());
    assert!(
        h.host
            .join_command()
            .starts_with(&format!("PATHWISE_JOIN_CODE={} pathwise join --socket ", h.code())),
        "{}",
        h.host.join_command()
    );
    assert!(h.host.join_command().ends_with(&h.socket().display().to_string()));
    let first = sample_state(0);
    let seq = h.host.publish(first.clone()).unwrap();
    assert_eq!(seq, 1);
    let f = Follower::connect(&h.socket(), &h.code(), "Ana").unwrap();
    let mut states = f.states();
    // a follower joining late gets the newest state at once
    let got = states.recv_timeout(Duration::from_secs(5)).unwrap().unwrap();
    assert_eq!(*got, first);
    let e = h.event("joined", |e| matches!(e, Event::Joined { .. }));
    assert_eq!(e.status_line(), "Ana joined (1 following)");
    assert_eq!(h.host.followers(), 1);
    let second = sample_state(1);
    assert_eq!(h.host.publish(second.clone()).unwrap(), 2);
    let got = states.recv_timeout(Duration::from_secs(5)).unwrap().unwrap();
    assert_eq!(*got, second);
    assert_eq!(states.seq(), 2);
    f.leave();
    let e = h.event("left", |e| matches!(e, Event::Left { .. }));
    assert_eq!(e.status_line(), "Ana left (0 following)");
    h.wait_followers(0);
}

#[test]
fn a_wrong_code_is_refused_and_reported() {
    let h = TestHost::start(Limits::default());
    let wrong = if h.code().starts_with('0') { "1" } else { "0" }.to_string() + &h.code()[1..];
    match Follower::connect(&h.socket(), &wrong, "Mallory") {
        Err(JoinError::Refused { why, message }) => {
            assert_eq!(why, Refusal::WrongCode);
            assert!(message.contains("wrong join code"), "{message}");
        }
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("joined with a wrong code"),
    }
    for bad in ["", "not hex at all", &h.code()[..30]] {
        assert!(matches!(
            Follower::connect(&h.socket(), bad, "x"),
            Err(JoinError::Refused {
                why: Refusal::WrongCode,
                ..
            })
        ));
    }
    let e = h.event("refused", |e| matches!(e, Event::Refused { .. }));
    assert_eq!(e.status_line(), "refused Mallory: wrong join code");
    assert_eq!(h.host.followers(), 0);
    // the right code still works, also typed in capitals
    let _f = Follower::connect(&h.socket(), &h.code().to_uppercase(), "Ana").unwrap();
    h.wait_followers(1);
}

#[test]
fn another_protocol_version_is_refused_with_a_clear_message() {
    let h = TestHost::start(Limits::default());
    let mut r = Raw::connect(&h.socket()).unwrap();
    let hello = format!(
        "{{\"type\":\"hello\",\"protocol\":2,\"code\":\"{}\",\"name\":\"Ben\",\"colour\":\"blue\"}}\n",
        h.code()
    );
    r.send(hello.as_bytes()).unwrap();
    let answer: serde_json::Value = serde_json::from_str(&r.line().unwrap().unwrap()).unwrap();
    assert_eq!(answer["type"], "refused");
    assert_eq!(answer["reason"], "version");
    let m = answer["message"].as_str().unwrap();
    assert!(
        m.contains("protocol 1") && m.contains("protocol 2") && m.contains("same pathwise"),
        "{m}"
    );
    assert_eq!(r.line().unwrap(), None, "and closed");
    let e = h.event("refused", |e| matches!(e, Event::Refused { .. }));
    assert_eq!(e.status_line(), "refused a connection: another protocol version");
    // a hello with no version at all
    let (_, first) = Raw::join(&h.socket(), &h.code(), "x").unwrap();
    assert!(first.starts_with("{\"type\":\"welcome\",\"protocol\":1,"), "{first}");
    let mut r = Raw::connect(&h.socket()).unwrap();
    r.send(b"{\"type\":\"hello\",\"code\":\"00\",\"name\":\"x\"}\n")
        .unwrap();
    assert!(r.line().unwrap().unwrap().contains("\"reason\":\"version\""));
}

#[test]
fn garbage_instead_of_a_hello_is_refused() {
    let h = TestHost::start(quick());
    for garbage in [
        &b"\x00\xff\xfe garbage \x1b[2J\n"[..],
        b"GET / HTTP/1.1\r\n",
        b"{\"type\":\"answer\",\"stop\":1,\"choice\":0}\n",
        b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n",
    ] {
        let mut r = Raw::connect(&h.socket()).unwrap();
        r.send(garbage).unwrap();
        let l = r.line().unwrap().unwrap();
        assert!(l.contains("\"reason\":\"not-hello\""), "{l}");
    }
    // and one that says nothing
    let mut r = Raw::connect(&h.socket()).unwrap();
    let l = r.line().unwrap().unwrap();
    assert!(l.contains("\"reason\":\"no-hello\""), "{l}");
    let e = h.event("no hello", |e| {
        matches!(
            e,
            Event::Refused {
                why: Refusal::NoHello,
                ..
            }
        )
    });
    assert_eq!(e.status_line(), "refused a connection: no hello in time");
    assert_eq!(h.host.followers(), 0);
}

#[test]
fn the_257th_follower_is_refused_politely() {
    let h = TestHost::start(Limits::default());
    let mut followers: Vec<Follower> = (0..256)
        .map(|i| Follower::connect(&h.socket(), &h.code(), &format!("f{i}")).unwrap())
        .collect();
    h.wait_followers(256);
    match Follower::connect(&h.socket(), &h.code(), "one too many") {
        Err(JoinError::Refused { why, message }) => {
            assert_eq!(why, Refusal::Full);
            assert!(message.contains("full (256 followers)"), "{message}");
        }
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("a 257th joined"),
    }
    h.event("full", |e| {
        e.status_line() == "refused one too many: the conference is full"
    });
    // one leaves: there is room again
    drop(followers.pop());
    h.wait_followers(255);
    let _again = Follower::connect(&h.socket(), &h.code(), "now there is room").unwrap();
    h.wait_followers(256);
}

#[test]
fn a_follower_that_vanishes_is_dropped_within_seconds() {
    let h = TestHost::start(quick());
    // a killed process: the connection closes with no goodbye
    let (r, _) = Raw::join(&h.socket(), &h.code(), "killed").unwrap();
    h.wait_followers(1);
    drop(r);
    let e = h.event("vanished", |e| matches!(e, Event::Disconnected { .. }));
    assert_eq!(e.status_line(), "killed disconnected: connection closed (0 following)");
    // a stopped process (or a link that hangs): connected, silent
    let (_silent, first) = Raw::join(&h.socket(), &h.code(), "stopped").unwrap();
    assert!(first.contains("\"heartbeat_ms\":200"), "{first}");
    h.wait_followers(1);
    let t = std::time::Instant::now();
    let e = h.event("silent", |e| matches!(e, Event::Disconnected { .. }));
    assert!(
        matches!(
            &e,
            Event::Disconnected {
                cause: Cause::Silent { .. },
                ..
            }
        ),
        "{e:?}"
    );
    assert!(t.elapsed() < Duration::from_secs(4), "{:?}", t.elapsed());
    h.wait_followers(0);
    // a follower that answers the heartbeats stays, however quiet
    let f = Follower::connect(&h.socket(), &h.code(), "quiet").unwrap();
    std::thread::sleep(Duration::from_millis(4500));
    assert_eq!(h.host.followers(), 1);
    assert_eq!(f.ended(), None);
}

#[test]
fn the_host_ending_says_goodbye_and_removes_the_socket() {
    let mut h = TestHost::start(Limits::default());
    h.host.publish(sample_state(2)).unwrap();
    let f = Follower::connect(&h.socket(), &h.code(), "Ana").unwrap();
    let mut states = f.states();
    assert!(states.recv_timeout(Duration::from_secs(5)).unwrap().is_ok());
    let socket = h.socket();
    assert!(socket.exists());
    h.host.stop();
    assert!(!socket.exists(), "the socket is removed");
    let ended = states.recv_timeout(Duration::from_secs(5)).unwrap().unwrap_err();
    assert_eq!(ended, Ended::Bye("the host ended the conference".into()));
    assert!(matches!(
        Follower::connect(&socket, &h.code(), "late"),
        Err(JoinError::Unreachable { .. })
    ));
}

#[test]
fn a_live_socket_is_not_taken_over_and_a_stale_one_is() {
    let h = TestHost::start(Limits::default());
    let second = pathwise::conference::Host::start(pathwise::conference::HostConfig {
        socket: Some(h.socket()),
        ..Default::default()
    });
    let e = second.err().expect("refused");
    assert!(e.to_string().contains("already running"), "{e}");
    // a socket left by a host that died
    let dir = tempfile::tempdir().unwrap();
    let stale = dir.path().join("stale.sock");
    drop(std::os::unix::net::UnixListener::bind(&stale).unwrap());
    assert!(stale.exists());
    let h2 = pathwise::conference::Host::start(pathwise::conference::HostConfig {
        socket: Some(stale.clone()),
        ..Default::default()
    })
    .unwrap();
    let _f = Follower::connect(&stale, &h2.code(), "x").unwrap();
    // a file that is not a socket is never replaced
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "keep me").unwrap();
    let e = pathwise::conference::Host::start(pathwise::conference::HostConfig {
        socket: Some(file.clone()),
        ..Default::default()
    })
    .err()
    .expect("refused");
    assert!(e.to_string().contains("not a socket"), "{e}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");
}

#[test]
fn names_are_sanitised_and_shortened_for_the_status_line() {
    let h = TestHost::start(Limits::default());
    let (_r, first) = Raw::join(
        &h.socket(),
        &h.code(),
        "\\u001b]52;c;evil\\u0007 a very long name that goes on and on",
    )
    .unwrap();
    assert!(first.contains("welcome"), "{first}");
    let e = h.event("joined", |e| matches!(e, Event::Joined { .. }));
    let line = e.status_line();
    assert!(!line.chars().any(|c| c.is_control()), "{line:?}");
    let Event::Joined { name, .. } = e else { unreachable!() };
    assert!(name.chars().count() <= 32, "{name}");
    let (_r2, _) = Raw::join(&h.socket(), &h.code(), "  ").unwrap();
    let e = h.event("joined", |e| matches!(e, Event::Joined { .. }));
    assert!(e.status_line().starts_with("follower "), "{}", e.status_line());
}

#[test]
fn a_slow_follower_gets_the_newest_state_never_a_backlog() {
    let h = TestHost::start(Limits::default());
    let (mut slow, _) = Raw::join(&h.socket(), &h.code(), "slow").unwrap();
    h.wait_followers(1);
    let states: Vec<_> = (0..36).map(sample_state).collect();
    // 1,000 states while the follower reads nothing: what is not yet
    // sent is replaced, so the host holds one state for it, not 1,000
    let t = std::time::Instant::now();
    for k in 0..1000 {
        h.host.publish(states[k % states.len()].clone()).unwrap();
    }
    eprintln!("1,000 publishes to a follower not reading: {:?}", t.elapsed());
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
    let mut seqs = Vec::new();
    while seqs.last() != Some(&1000) {
        let l = slow
            .until(|l| super::client::state_seq(l.as_bytes()).is_some())
            .unwrap()
            .unwrap();
        seqs.push(super::client::state_seq(l.as_bytes()).unwrap());
        std::thread::sleep(Duration::from_millis(2));
    }
    // what the socket's own buffer held, and the newest
    eprintln!("the slow follower received {} of 1,000 states", seqs.len());
    assert!(seqs.len() < 100, "{seqs:?}");
    assert!(seqs.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(h.host.followers(), 1, "slow is not dropped");
}
