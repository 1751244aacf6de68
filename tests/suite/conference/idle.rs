//! An idle host costs no CPU: a host in its own process, with three
//! followers connected and a state published, is left alone for 5 s; its
//! threads' CPU time (utime + stime in /proc/PID/task/TID/stat, clock
//! ticks of 10 ms) must not grow. Heartbeats go on meanwhile (every 2 s
//! per follower), and the followers are still there at the end.

use super::child::ChildHost;
use pathwise::conference::Follower;
use std::time::Duration;

#[test]
fn an_idle_host_uses_no_cpu_ticks_in_5_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("idle.sock");
    let mut host = ChildHost::spawn(&[("PW_SOCKET", socket.to_str().unwrap())]);
    host.publish(0);
    let followers: Vec<Follower> = (0..3)
        .map(|i| Follower::connect(&socket, &host.code, &format!("f{i}")).unwrap())
        .collect();
    for f in &followers {
        let mut s = f.states();
        assert!(s.recv_timeout(Duration::from_secs(5)).unwrap().is_ok());
    }
    assert_eq!(host.followers(), 3);
    // let the joins settle
    std::thread::sleep(Duration::from_millis(500));
    let (ticks_before, ns_before, threads) = host.host_cpu();
    assert_eq!(
        threads,
        1 + 2 * 3,
        "the listener and a reader and a writer per follower"
    );
    std::thread::sleep(Duration::from_secs(5));
    let (ticks_after, ns_after, _) = host.host_cpu();
    if let (Some(a), Some(b)) = (ns_before, ns_after) {
        eprintln!("host threads on a CPU over 5 s idle: {} µs", (b - a) / 1000);
        assert!(b - a < 10_000_000, "{} µs", (b - a) / 1000);
    }
    assert_eq!(ticks_after - ticks_before, 0, "CPU ticks used while idle");
    assert_eq!(host.followers(), 3, "heartbeats kept every follower");
    assert!(followers.iter().all(|f| f.ended().is_none()));
    drop(followers);
    host.stop();
}
