//! One search keystroke over 10,000 and 100,000 cases: typing, backspace,
//! deleting a word (Ctrl-W) and the fuzzy fallback, each against the
//! 16 ms budget (one frame at 60 Hz).
//!
//! The list and the matcher are the console's own
//! (`pathwise::tui::cases::CaseList`, `pathwise::tui::search::Matcher`);
//! rows are built with `pathwise::tui::app::row_for` from a generated
//! 10,000-case library (seed 1), and the 100,000-row list repeats them ten
//! times. Each measurement is one keystroke from the state the keys before
//! it left, plus the highlights of the rows a 200x60 screen shows:
//!
//! - `type/N/Q`: the last character of Q typed after the others (only the
//!   previous matches are scored);
//! - `backspace/N/Q`: deleting the last character of Q, typed one key at a
//!   time (the shorter query's state was kept);
//! - `backspace_cold/N/Q`: the same after Q arrived at once (pasted: no
//!   state was kept, every row is scored again), the worst case;
//! - `delete_word/N/Q`: Ctrl-W after typing Q, and `delete_word_cold` after
//!   pasting it;
//! - `fuzzy/N/Q`: the last character of a typo typed (no case matches by
//!   word beginnings: the fuzzy fallback runs over every row).
//!
//! After criterion's runs the bench prints a summary: the median of its own
//! runs of every measurement, its ratio to 16 ms, and what the search
//! structures cost per case. The setup also times `fzf --filter` on the same
//! 10,000 titles when fzf is installed, against this matcher on the titles
//! alone, and prints the ratio (see also `benches/fzf_compare.sh`).

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use pathwise::case::Region;
use pathwise::library::{Library, Origin, Source};
use pathwise::rules::{Band, Options, Profile, evaluate};
use pathwise::tui::app::row_for;
use pathwise::tui::cases::{CaseList, Row, Rows};
use pathwise::tui::search::{self, Haystack, Matcher, Query, SearchIndex};
use std::hint::black_box;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The budget for one keystroke: a frame at 60 Hz.
const BUDGET: Duration = Duration::from_millis(16);

/// Rows of the list pane at 200x60 (the screen less borders, search line
/// and status line).
const VISIBLE: usize = 55;

/// A key in the search box.
#[derive(Debug, Clone, Copy)]
enum Key {
    Type(char),
    Backspace,
    DeleteWord,
}

/// One measurement: the query before the key, whether it was typed one
/// key at a time (else pasted), and the key.
struct Case {
    kind: &'static str,
    query: &'static str,
    typed: bool,
    key: Key,
}

const fn case(kind: &'static str, query: &'static str, typed: bool, key: Key) -> Case {
    Case {
        kind,
        query,
        typed,
        key,
    }
}

/// What is measured at each size. The `type` queries of 1, 3 and 8
/// characters each extend the one before.
const CASES: &[Case] = &[
    case("type", "", true, Key::Type('r')),
    case("type", "ra", true, Key::Type('d')),
    case("type", "radicul", true, Key::Type('o')),
    case("type", "", true, Key::Type('s')),
    case("type", "sh", true, Key::Type('o')),
    case("type", "shoulde", true, Key::Type('r')),
    case("type", "rad ", true, Key::Type('s')),
    case("backspace", "r", true, Key::Backspace),
    case("backspace", "rad", true, Key::Backspace),
    case("backspace", "radiculo", true, Key::Backspace),
    case("backspace", "sho", true, Key::Backspace),
    case("backspace", "shoulder", true, Key::Backspace),
    case("backspace_cold", "rad", false, Key::Backspace),
    case("backspace_cold", "radiculo", false, Key::Backspace),
    case("backspace_cold", "shoulder", false, Key::Backspace),
    case("backspace_cold", "rotater", false, Key::Backspace),
    case("delete_word", "radiculo sho", true, Key::DeleteWord),
    case("delete_word", "shoulder", true, Key::DeleteWord),
    case("delete_word_cold", "radiculo sho", false, Key::DeleteWord),
    case("delete_word_cold", "rotator cuf", false, Key::DeleteWord),
    case("fuzzy", "rotat", true, Key::Type('e')),
    case("fuzzy", "rotate", true, Key::Type('r')),
    case("fuzzy", "stenossi", true, Key::Type('s')),
];

impl Case {
    /// The name criterion shows: the query after the key.
    fn name(&self) -> String {
        let mut list = CaseList::default();
        list.query = self.query.to_string();
        press(&mut list, self.key);
        let after = if list.query.is_empty() { "(empty)" } else { &list.query };
        format!("{:?} -> {:?}", self.query, after).replace('"', "")
    }
}

struct Library10k {
    rows: Vec<Row>,
    titles: Vec<String>,
}

fn library() -> Library10k {
    let dir = tempfile::tempdir().expect("temp dir");
    pathwise::generate::generate(10_000, 1, dir.path()).expect("generate the library");
    let library = Library::load(Source::dir(Origin::Flag, dir.path()));
    assert_eq!(library.cases.len(), 10_000);
    let profile = Profile::builtin();
    let opts = Options::default();
    let rows = library
        .cases
        .iter()
        .map(|l| row_for(&l.case, &evaluate(&l.case, &profile, &opts)))
        .collect();
    let titles = library.cases.iter().map(|l| l.case.title.clone()).collect();
    Library10k { rows, titles }
}

fn press(list: &mut CaseList, key: Key) {
    match key {
        Key::Type(c) => list.query.push(c),
        Key::Backspace => {
            list.query.pop();
        }
        Key::DeleteWord => list.delete_word(),
    }
}

/// The list as it stands before the key: the query typed one character at
/// a time, or pasted.
fn before(rows: &Rows, m: &Matcher, c: &Case) -> CaseList {
    let mut list = CaseList::default();
    list.refilter(rows, m, true);
    if c.typed {
        for ch in c.query.chars() {
            list.query.push(ch);
            list.refilter(rows, m, false);
        }
    } else {
        list.query = c.query.to_string();
        list.refilter(rows, m, false);
    }
    list
}

/// The keystroke: the key, the new list, and what drawing the list asks of
/// the matcher (the highlights of the rows on screen).
fn keystroke(mut list: CaseList, key: Key, rows: &Rows, m: &Matcher, titles: &[String]) -> CaseList {
    press(&mut list, key);
    list.refilter(rows, m, false);
    let lit: usize = list
        .visible
        .iter()
        .take(VISIBLE)
        .map(|&i| m.highlights(list.parsed(), &titles[i % titles.len()], list.fuzzy).len())
        .sum();
    black_box(lit);
    list
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// fzf against this matcher on the same titles; printed, not a criterion
/// measurement (fzf runs as its own process).
fn compare_with_fzf(titles: &[String]) {
    const QUERIES: [&str; 6] = ["r", "rad", "radiculo", "s", "sho", "shoulder"];
    let Ok(out) = Command::new("fzf").arg("--version").output() else {
        eprintln!("fzf comparison: fzf is not installed (apt-get install fzf); skipped");
        return;
    };
    let version = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let input = titles.join("\n") + "\n";
    let m = Matcher;
    let index: SearchIndex = titles
        .iter()
        .map(|t| Haystack::new(vec![t.clone()], Region::Other, Band::Ready, Vec::new()))
        .collect();
    eprintln!(
        "fzf comparison on the same {} titles (fzf {version}); medians of 15 runs:",
        titles.len()
    );
    eprintln!("  query      fzf --filter (process)   matches   pathwise matcher (titles)   matches   ratio");
    for q in QUERIES {
        let mut fzf_times = Vec::new();
        let mut fzf_matches = 0;
        for _ in 0..15 {
            let start = Instant::now();
            let Ok(mut child) = Command::new("fzf")
                .args(["--filter", q])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .spawn()
            else {
                return;
            };
            if let Some(mut stdin) = child.stdin.take() {
                let _ = stdin.write_all(input.as_bytes());
            }
            let Ok(out) = child.wait_with_output() else { return };
            fzf_times.push(start.elapsed());
            fzf_matches = out.stdout.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count();
        }
        let query = Query::parse(q);
        let mut ours = Vec::new();
        let mut our_matches = 0;
        for _ in 0..15 {
            let start = Instant::now();
            let mut scored: Vec<(usize, i64)> = (0..index.len())
                .filter_map(|i| m.score(&query, &index, i).map(|s| (i, s)))
                .collect();
            scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            ours.push(start.elapsed());
            our_matches = black_box(scored).len();
        }
        let (f, o) = (median(fzf_times), median(ours));
        eprintln!(
            "  {q:<10} {:>10.2} ms {:>20} {:>14.2} ms {:>19} {:>8.2}",
            ms(f),
            fzf_matches,
            ms(o),
            our_matches,
            o.as_secs_f64() / f.as_secs_f64()
        );
    }
}

/// What the search structures cost per case at one size.
fn memory(size: &str, rows: &Rows, m: &Matcher) {
    let n = rows.len() as f64;
    let index = rows.index().heap_bytes() as f64 / n;
    let all = rows.heap_bytes() as f64 / n;
    let mut deepest = 0.0f64;
    for q in ["radiculo", "shoulder", "rotater", "band:ready", "region:lumbar rad"] {
        let list = before(
            rows,
            m,
            &Case {
                kind: "",
                query: q,
                typed: true,
                key: Key::Backspace,
            },
        );
        deepest = deepest.max(list.heap_bytes() as f64 / n);
    }
    eprintln!(
        "memory at {size}: search index {index:.0} B/case; with the sort keys {all:.0} B/case; \
         the list's state (ranks, order, visible, kept states) at most {deepest:.0} B/case over the bench's queries"
    );
}

/// Whether splitting across cores pays: a full pass over `rows` on one
/// thread against `par_chunks`, for word-prefix scoring and for the fuzzy
/// fallback (on one thread as chunks below the parallel threshold).
fn split(size: &str, rows: &Rows, m: &Matcher) {
    const RUNS: usize = 21;
    let index = rows.index();
    let all: Vec<u32> = (0..rows.len() as u32).collect();
    let ranks = all.clone();
    let time = |f: &dyn Fn() -> usize| {
        median(
            (0..RUNS)
                .map(|_| {
                    let t = Instant::now();
                    black_box(f());
                    t.elapsed()
                })
                .collect(),
        )
    };
    let q = Query::parse("shoulde");
    let one = time(&|| (0..index.len()).filter(|&i| m.score(&q, index, i).is_some()).count());
    let par = time(&|| {
        search::par_chunks(&all, |c| {
            c.iter().filter(|&&i| m.score(&q, index, i as usize).is_some()).count()
        })
        .into_iter()
        .sum()
    });
    let f = Query::parse("rotater");
    let chunk = search::PARALLEL_FROM - 1;
    let fuzzy_one = time(&|| {
        all.chunks(chunk)
            .map(|c| m.fuzzy(&f, index, c, &ranks).best.len())
            .sum()
    });
    let fuzzy_par = time(&|| m.fuzzy(&f, index, &all, &ranks).best.len());
    eprintln!(
        "cores at {size} ({} threads): word-prefix pass over every row {:.2} ms on one, {:.2} ms split; \
         fuzzy fallback {:.2} ms on one, {:.2} ms split",
        search::threads(),
        ms(one),
        ms(par),
        ms(fuzzy_one),
        ms(fuzzy_par)
    );
}

/// The summary: each measurement's median over its own runs.
fn summary(sizes: &[(&str, &Rows)], m: &Matcher, titles: &[String]) {
    const RUNS: usize = 21;
    eprintln!();
    eprintln!(
        "summary: one keystroke, median of {RUNS} runs, against the 16 ms budget ({} cores; load average {})",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        load_average()
    );
    eprintln!(
        "  {:<17} {:<32} {:>11} {:>9} {:>9}",
        "kind", "query", "rows", "median", "budget"
    );
    let mut worst = (Duration::ZERO, String::new());
    for &(size, rows) in sizes {
        for c in CASES {
            let start = before(rows, m, c);
            let times: Vec<Duration> = (0..RUNS)
                .map(|_| {
                    let list = start.clone();
                    let t = Instant::now();
                    let after = keystroke(list, c.key, rows, m, titles);
                    let d = t.elapsed();
                    drop(black_box(after));
                    d
                })
                .collect();
            let d = median(times);
            let list = keystroke(start.clone(), c.key, rows, m, titles);
            let shown = format!("{}{}", list.visible.len(), if list.fuzzy { " fuzzy" } else { "" });
            eprintln!(
                "  {:<17} {:<32} {size:>5} {:>5} {:>6.2} ms {:>8.2}x",
                c.kind,
                c.name(),
                shown,
                ms(d),
                d.as_secs_f64() / BUDGET.as_secs_f64()
            );
            if d > worst.0 {
                worst = (d, format!("{}/{size}/{}", c.kind, c.name()));
            }
        }
        memory(size, rows, m);
        split(size, rows, m);
    }
    eprintln!(
        "slowest: {} at {:.2} ms, {:.2}x the budget (load average now {})",
        worst.1,
        ms(worst.0),
        worst.0.as_secs_f64() / BUDGET.as_secs_f64(),
        load_average()
    );
}

/// The 1, 5 and 15-minute load averages, to tell a quiet run from one
/// that shared the cores.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg").map_or_else(
        |_| "unknown".to_string(),
        |s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "),
    )
}

fn bench(c: &mut Criterion) {
    let lib = library();
    compare_with_fzf(&lib.titles);
    let m = Matcher;
    let rows_10k: Rows = lib.rows.iter().cloned().collect();
    let rows_100k: Rows = (0..10).flat_map(|_| lib.rows.iter().cloned()).collect();
    let sizes: [(&str, &Rows); 2] = [("10k", &rows_10k), ("100k", &rows_100k)];

    let mut g = c.benchmark_group("search");
    g.sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    eprintln!("criterion runs start; load average {}", load_average());
    for (size, rows) in sizes {
        for case in CASES {
            let start = before(rows, &m, case);
            let id = format!("{size}/{}", case.name());
            g.bench_with_input(BenchmarkId::new(case.kind, &id), &start, |b, start| {
                b.iter_batched(
                    || start.clone(),
                    |list| keystroke(list, case.key, rows, &m, &lib.titles),
                    BatchSize::LargeInput,
                )
            });
        }
    }
    g.finish();
    summary(&sizes, &m, &lib.titles);
}

criterion_group!(benches, bench);
criterion_main!(benches);
