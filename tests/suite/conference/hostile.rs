//! Hostile followers against a real host in its own process: a wrong
//! code, garbage, a 100 MB line, 10,000 messages a second, a JSON bomb,
//! and a follower that stops reading, all at once, while the host
//! publishes 20 states a second to two well-behaved followers. The host
//! keeps publishing without waiting (each `publish` timed in the host
//! process), its peak resident memory (VmHWM) stays within budget, the
//! well-behaved followers end on the newest state, and each hostile one
//! is dropped and reported with its cause.

use super::child::ChildHost;
use super::client::Raw;
use pathwise::conference::{Follower, JoinError, Refusal};
use std::io::Write;
use std::thread;
use std::time::{Duration, Instant};

/// The growth of the host process's peak resident memory (VmHWM) over
/// the hostile phase that the test allows. Reading and dropping each
/// hostile follower needs a 64 KiB line buffer and a few pages of two
/// thread stacks (measured: about 1 MiB in all); a host that read the
/// 100 MB line into memory, or kept the 10,000 messages a second, would
/// be far over it. (That a follower who stops reading costs one slot, not
/// a backlog, is `joining::a_slow_follower_gets_the_newest_state_never_a_backlog`.)
const MEMORY_BUDGET_KIB: u64 = 8 * 1024;

fn joined(socket: &std::path::Path, code: &str, name: &str) -> Raw {
    let (r, first) = Raw::join(socket, code, name).unwrap();
    assert!(first.starts_with("{\"type\":\"welcome\""), "{name}: {first}");
    r
}

#[test]
fn hostile_followers_cannot_hurt_the_host_or_the_room() {
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("h.sock");
    let mut host = ChildHost::spawn(&[("PW_SOCKET", socket.to_str().unwrap()), ("PW_WRITE_TIMEOUT_MS", "1500")]);
    let code = host.code.clone();
    host.publish(0);
    let good: Vec<Follower> = ["good 1", "good 2"]
        .iter()
        .map(|n| Follower::connect(&socket, &code, n).unwrap())
        .collect();
    while host.followers() < 2 {
        thread::sleep(Duration::from_millis(10));
    }
    let (peak_before, _) = host.memory();

    let mut attackers = Vec::new();
    // a wrong code, many times
    let (s, c) = (socket.clone(), code.clone());
    attackers.push(thread::spawn(move || {
        let wrong = format!("{}{}", if c.starts_with('f') { "e" } else { "f" }, &c[1..]);
        for _ in 0..20 {
            match Follower::connect(&s, &wrong, "guesser") {
                Err(JoinError::Refused {
                    why: Refusal::WrongCode,
                    ..
                }) => {}
                other => panic!("a wrong code: {:?}", other.err()),
            }
        }
        "wrong code refused 20 times".to_string()
    }));
    // garbage bytes after joining
    let (s, c) = (socket.clone(), code.clone());
    attackers.push(thread::spawn(move || {
        let mut r = joined(&s, &c, "garbage");
        let mut noise = Vec::new();
        for i in 0..4096u32 {
            noise.push((i.wrapping_mul(2_654_435_761) >> 24) as u8);
        }
        noise.push(b'\n');
        let _ = r.send(&noise);
        let bye = r.until(|l| l.contains("\"type\":\"bye\"")).unwrap();
        format!("garbage: {bye:?}")
    }));
    // a 100 MB line
    let (s, c) = (socket.clone(), code.clone());
    attackers.push(thread::spawn(move || {
        let mut r = joined(&s, &c, "huge");
        let chunk = vec![b'a'; 64 * 1024];
        let mut sent = 0usize;
        while sent < 100 * 1024 * 1024 {
            if r.stream.write_all(&chunk).is_err() {
                break;
            }
            sent += chunk.len();
        }
        assert!(sent < 16 * 1024 * 1024, "the host took {sent} bytes of one line");
        format!("100 MB line cut off after {} KiB", sent / 1024)
    }));
    // 10,000 messages a second
    let (s, c) = (socket.clone(), code.clone());
    attackers.push(thread::spawn(move || {
        let mut r = joined(&s, &c, "flood");
        let batch = b"{\"type\":\"pong\"}\n".repeat(100);
        let start = Instant::now();
        let mut sent = 0;
        while start.elapsed() < Duration::from_secs(3) {
            if r.stream.write_all(&batch).is_err() {
                break;
            }
            sent += 100;
            thread::sleep(Duration::from_millis(10));
        }
        let bye = r.until(|l| l.contains("\"type\":\"bye\"")).ok().flatten();
        format!("flood: {sent} sent, {bye:?}")
    }));
    // a JSON bomb: nesting far deeper than any parser should follow
    let (s, c) = (socket.clone(), code.clone());
    attackers.push(thread::spawn(move || {
        let mut r = joined(&s, &c, "bomb");
        let mut bomb = "[".repeat(60_000).into_bytes();
        bomb.push(b'\n');
        let _ = r.send(&bomb);
        let bye = r.until(|l| l.contains("\"type\":\"bye\"")).unwrap();
        format!("bomb: {bye:?}")
    }));
    // a follower that stops reading (but keeps answering, so it is not
    // silent: only its full socket gives it away)
    let (s, c) = (socket.clone(), code.clone());
    attackers.push(thread::spawn(move || {
        let mut r = joined(&s, &c, "not reading");
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(8) {
            if r.send(b"{\"type\":\"pong\"}\n").is_err() {
                return format!("not reading: dropped after {:?}", start.elapsed());
            }
            thread::sleep(Duration::from_millis(300));
        }
        panic!("a follower that stopped reading was never dropped");
    }));

    // meanwhile the host publishes, 20 states a second, for 6 s
    let mut screens: Vec<_> = good.iter().map(Follower::states).collect();
    let mut slowest = Duration::ZERO;
    let mut last = 0;
    let start = Instant::now();
    let mut k = 1;
    while start.elapsed() < Duration::from_secs(6) {
        let (seq, took) = host.publish(k);
        slowest = slowest.max(took);
        last = seq;
        k += 1;
        thread::sleep(Duration::from_millis(50));
    }
    for a in attackers {
        eprintln!("{}", a.join().unwrap());
    }
    // the well-behaved followers were never held up and end on the newest
    for (i, s) in screens.iter_mut().enumerate() {
        let deadline = Instant::now() + Duration::from_secs(5);
        while s.seq() < last {
            assert!(Instant::now() < deadline, "good {} is at {} of {last}", i + 1, s.seq());
            thread::sleep(Duration::from_millis(10));
        }
        assert!(good[i].ended().is_none());
    }
    assert_eq!(host.followers(), 2, "only the good followers are left");
    eprintln!("{k} publishes, the slowest took {slowest:?}");
    assert!(slowest < Duration::from_millis(100), "publish waited: {slowest:?}");
    let (peak_after, now) = host.memory();
    eprintln!("host memory: peak {peak_before} KiB before the attack, {peak_after} KiB after ({now} KiB now)");
    assert!(
        peak_after - peak_before < MEMORY_BUDGET_KIB,
        "peak resident memory grew by {} KiB",
        peak_after - peak_before
    );
    let events = host.events();
    let has = |what: &str| events.iter().any(|e| e.contains(what));
    for (who, why) in [
        ("garbage", "sent something that is not a conference message"),
        ("bomb", "sent something that is not a conference message"),
        ("huge", "sent a message over 64 KiB"),
        ("flood", "sent more than 50 messages a second"),
        ("not reading", "stopped reading"),
    ] {
        assert!(has(&format!("{who} disconnected: {why}")), "{who}: {events:#?}");
    }
    assert!(has("refused guesser: wrong join code"), "{events:#?}");
    assert_eq!(host.stop(), "stopped");
}
