//! Conference broadcast: a host on a temporary socket with 200 simulated
//! followers (the suite's test client: each on its own thread reads every
//! line, answers pings, and notes the `seq` of the last whole state it
//! received). The state is the largest any sample's walk produces
//! (browsing, every event, what-if, every stop).
//!
//! - `conference/broadcast-200/last`: from `Host::publish` until the last
//!   of the 200 followers has the whole state: serialising once, waking
//!   200 writer threads, 200 socket writes and reads;
//! - `conference/publish-200`: what the console's thread pays, `publish`
//!   alone, with the 200 followers taking states meanwhile;
//! - `conference/publish-0`: `publish` with no follower: checking,
//!   filling in and serialising the state.
//!
//! After criterion, the broadcast is repeated 500 times and its own
//! percentiles printed (criterion's median is of sample means). The budget
//! is 50 ms to the last follower (docs/conference.md).

#[path = "../tests/suite/conference/client.rs"]
mod client;
#[path = "../tests/suite/conference/fixtures.rs"]
mod fixtures;

use client::Crowd;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use pathwise::conference::{Host, HostConfig};
use std::time::{Duration, Instant};

const FOLLOWERS: usize = 200;

fn bench(c: &mut Criterion) {
    let (state, bytes) = fixtures::largest_state();
    let dir = tempfile::tempdir().expect("temp dir");
    let host = Host::start(HostConfig {
        socket: Some(dir.path().join("bench.sock")),
        ..HostConfig::default()
    })
    .expect("host starts");
    let crowd = Crowd::join(host.socket_path(), &host.code(), FOLLOWERS);
    while host.followers() < FOLLOWERS {
        std::thread::sleep(Duration::from_millis(5));
    }
    let seq = host.publish(state.clone()).expect("publishes");
    assert!(crowd.wait_all(seq, Duration::from_secs(10)));
    eprintln!(
        "{} followers, a state of {bytes} bytes ({} KiB a broadcast)",
        crowd.len(),
        bytes * FOLLOWERS / 1024
    );

    let broadcast = |state: &pathwise::conference::ConferenceState| -> Duration {
        let s = state.clone();
        let t = Instant::now();
        let seq = host.publish(s).expect("publishes");
        assert!(crowd.wait_all(seq, Duration::from_secs(10)), "every follower got {seq}");
        t.elapsed()
    };

    let mut g = c.benchmark_group("conference");
    g.sample_size(50).measurement_time(Duration::from_secs(10));
    g.bench_function("broadcast-200/last", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| broadcast(&state)).sum())
    });
    g.bench_function("publish-200", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let s = state.clone();
                let t = Instant::now();
                let seq = host.publish(s).expect("publishes");
                total += t.elapsed();
                // let the followers drain before the next, as a console
                // publishes on keystrokes, not in a loop
                crowd.wait_all(seq, Duration::from_secs(10));
            }
            total
        })
    });
    let alone = Host::start(HostConfig {
        socket: Some(dir.path().join("alone.sock")),
        ..HostConfig::default()
    })
    .expect("host starts");
    g.bench_function("publish-0", |b| {
        b.iter_batched(
            || state.clone(),
            |s| alone.publish(s).expect("publishes"),
            BatchSize::SmallInput,
        )
    });
    g.finish();

    let mut times: Vec<Duration> = (0..500).map(|_| broadcast(&state)).collect();
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    eprintln!(
        "broadcast to the last of {FOLLOWERS}, 500 times: median {:?}, p90 {:?}, p99 {:?}, max {:?}",
        at(0.5),
        at(0.9),
        at(0.99),
        at(1.0)
    );
    drop(crowd);
}

criterion_group!(benches, bench);
criterion_main!(benches);
