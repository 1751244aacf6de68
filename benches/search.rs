//! One search keystroke over 10,000 and 100,000 cases (issue 7).
//!
//! The list and the matcher are the console's own
//! (`pathwise::tui::cases::CaseList`, `pathwise::tui::search::Matcher`);
//! rows are built with `pathwise::tui::app::row_for` from a generated
//! 10,000-case library (seed 1), and the 100,000-row list repeats them ten
//! times. Each measurement is one keystroke from the state the previous
//! keystroke left:
//!
//! - `type/N/Q`: the last character of query Q typed after the others
//!   (a narrowing keystroke: only the previous matches are re-scored), plus
//!   the highlights of the rows a 200x60 screen shows;
//! - `refilter/N/Q`: the same keystroke without the highlights;
//! - `backspace/N/Q`: deleting the last character of Q (a widening
//!   keystroke: every row is scored again).
//!
//! The setup also times `fzf --filter` on the same 10,000 titles when fzf
//! is installed, against this matcher on the titles alone, and prints the
//! ratio (see also `benches/fzf_compare.sh`).

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use pathwise::library::{Library, Origin, Source};
use pathwise::rules::{Options, Profile, evaluate};
use pathwise::tui::app::row_for;
use pathwise::tui::cases::{CaseList, Row};
use pathwise::tui::search::{Haystack, Matcher, Query};
use std::hint::black_box;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Queries of 1, 3 and 8 characters, each extending the one before.
const QUERIES: [&str; 6] = ["r", "rad", "radiculo", "s", "sho", "shoulder"];

/// Rows of the list pane at 200x60 (the screen less borders, search line
/// and status line).
const VISIBLE: usize = 55;

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

/// The list as it stands after typing `query` one character at a time.
fn typed(rows: &[Row], m: &Matcher, query: &str) -> CaseList {
    let mut list = CaseList::default();
    list.refilter(rows, m, true);
    for ch in query.chars() {
        list.query.push(ch);
        list.refilter(rows, m, false);
    }
    list
}

/// What drawing the list asks of the matcher: the highlights of the rows
/// on screen.
fn highlight_visible(list: &CaseList, titles: &[String], m: &Matcher) -> usize {
    list.visible
        .iter()
        .take(VISIBLE)
        .map(|&i| m.highlights(list.parsed(), &titles[i % titles.len()]).len())
        .sum()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// fzf against this matcher on the same titles; printed, not a criterion
/// measurement (fzf runs as its own process).
fn compare_with_fzf(titles: &[String]) {
    let Ok(out) = Command::new("fzf").arg("--version").output() else {
        eprintln!("fzf comparison: fzf is not installed (apt-get install fzf); skipped");
        return;
    };
    let version = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let input = titles.join("\n") + "\n";
    let m = Matcher;
    let hays: Vec<Haystack> = titles
        .iter()
        .map(|t| Haystack::new(vec![t.clone()], "", "", Vec::new()))
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
            let mut scored: Vec<(usize, i64)> = hays
                .iter()
                .enumerate()
                .filter_map(|(i, h)| m.score(&query, h).map(|s| (i, s)))
                .collect();
            scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            ours.push(start.elapsed());
            our_matches = black_box(scored).len();
        }
        let (f, o) = (median(fzf_times), median(ours));
        eprintln!(
            "  {q:<10} {:>10.2} ms {:>20} {:>14.2} ms {:>19} {:>8.2}",
            f.as_secs_f64() * 1e3,
            fzf_matches,
            o.as_secs_f64() * 1e3,
            our_matches,
            o.as_secs_f64() / f.as_secs_f64()
        );
    }
}

fn bench(c: &mut Criterion) {
    let lib = library();
    compare_with_fzf(&lib.titles);
    let m = Matcher;
    let rows_100k: Vec<Row> = (0..10).flat_map(|_| lib.rows.iter().cloned()).collect();
    let sizes: [(&str, &[Row]); 2] = [("10k", &lib.rows), ("100k", &rows_100k)];
    for (size, rows) in sizes {
        for q in QUERIES {
            let before = typed(rows, &m, &q[..q.len() - 1]);
            let after = typed(rows, &m, q);
            eprintln!(
                "{size} rows, query {q:?}: {} matches before the keystroke, {} after",
                before.visible.len(),
                after.visible.len()
            );
        }
    }

    let mut g = c.benchmark_group("search");
    g.sample_size(30).measurement_time(Duration::from_secs(4));
    for (size, rows) in sizes {
        for q in QUERIES {
            let before = typed(rows, &m, &q[..q.len() - 1]);
            let last = q.chars().last().unwrap_or(' ');
            let id = format!("{size}/{q}");
            g.bench_with_input(BenchmarkId::new("type", &id), &before, |b, before| {
                b.iter_batched(
                    || before.clone(),
                    |mut list| {
                        list.query.push(last);
                        list.refilter(rows, &m, false);
                        black_box(highlight_visible(&list, &lib.titles, &m));
                        list
                    },
                    BatchSize::LargeInput,
                )
            });
            g.bench_with_input(BenchmarkId::new("refilter", &id), &before, |b, before| {
                b.iter_batched(
                    || before.clone(),
                    |mut list| {
                        list.query.push(last);
                        list.refilter(rows, &m, false);
                        list
                    },
                    BatchSize::LargeInput,
                )
            });
            let after = typed(rows, &m, q);
            g.bench_with_input(BenchmarkId::new("backspace", &id), &after, |b, after| {
                b.iter_batched(
                    || after.clone(),
                    |mut list| {
                        list.query.pop();
                        list.refilter(rows, &m, false);
                        list
                    },
                    BatchSize::LargeInput,
                )
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
