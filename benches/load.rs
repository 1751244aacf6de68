//! Loading a 10,000-case library from a warm page cache.
//!
//! Every variant works on the same generated files, so the ratios between
//! them are what the budget asks for:
//!
//! - `read_only/*`: the files' bytes and nothing else;
//! - `parse_only/*`: bytes already in memory parsed into `toml::Table`
//!   (no reading, no validation), the tables kept like a loader keeps its
//!   values; `parse_discard/*` drops each table as soon as it is made, the
//!   floor any TOML loader pays;
//! - `parse_document/*`: bytes in memory through toml's own document
//!   parser, the one pathwise's reader uses (`DeTable::parse_recoverable`:
//!   a tree of spanned values borrowing the text), each dropped at once:
//!   the parse floor under `parse_case`;
//! - `read_parse/*`: reading plus `toml::Table` parsing, the honest
//!   "merely parse the files" figure;
//! - `parse_case/*`: bytes in memory through `parse_case` (toml's document
//!   parser, then the reader's walk of it into a `Case` with every check),
//!   to separate parsing from reading;
//! - `load_score/parallel`: `Library::load` (discover, read, parse,
//!   validate on every core, duplicates) and `evaluate` for every case, as
//!   the console does at start-up;
//! - `load_score/sequential`: the same on one thread, iterating
//!   `load_case_file`;
//! - `load_10k_parts/*`: the pieces of the parallel load (discovering the
//!   files, `load_files`, the whole `Library::load`, scoring on one core as
//!   the console does today and spread over the cores).
//!
//! `parallel` variants split the files into one contiguous chunk per core,
//! as `library::load_files` does. The library is generated once into a
//! temporary folder (`pathwise::generate`, seed 1) and removed afterwards.

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use pathwise::case::Case;
use pathwise::library::{Library, Origin, Source, case_files, load_case_file, load_files, read_limited};
use pathwise::rules::{Options, Profile, Readiness, evaluate};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration;

const CASES: usize = 10_000;

/// Maps `f` over `items` on one thread per core, one contiguous chunk
/// each, keeping the order (as `library::load_files` does).
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = items.len().div_ceil(threads).max(1);
    thread::scope(|s| {
        let f = &f;
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    })
}

#[allow(clippy::ptr_arg)] // mapped over &PathBuf and &Vec items
fn read(p: &PathBuf) -> Vec<u8> {
    read_limited(p).unwrap_or_default()
}

#[allow(clippy::ptr_arg)]
fn parse_table(bytes: &Vec<u8>) -> Option<toml::Table> {
    let text = std::str::from_utf8(bytes).ok()?;
    toml::from_str::<toml::Table>(text).ok()
}

#[allow(clippy::ptr_arg)]
fn read_parse(p: &PathBuf) -> Option<toml::Table> {
    parse_table(&read_limited(p).ok()?)
}

/// toml's document parse alone, as the reader does it: how many top-level
/// keys it found (the tree is dropped at once).
#[allow(clippy::ptr_arg)]
fn parse_document(bytes: &Vec<u8>) -> usize {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return 0;
    };
    let (table, _errors) = toml::de::DeTable::parse_recoverable(text);
    table.get_ref().len()
}

fn parse_case(p: &(PathBuf, Vec<u8>)) -> Option<Case> {
    pathwise::case::parse_case(&p.0, &p.1).ok()
}

/// What the console does at start-up: load the library, score every case.
fn load_and_score(dir: &Path, profile: &Profile) -> (Library, Vec<Readiness>) {
    let library = Library::load(Source::dir(Origin::Flag, dir));
    let opts = Options::default();
    let scores: Vec<_> = library
        .cases
        .iter()
        .map(|l| evaluate(&l.case, profile, &opts))
        .collect();
    assert_eq!(scores.len(), CASES, "every generated case loads");
    (library, scores)
}

fn load_and_score_sequential(files: &[PathBuf], profile: &Profile) -> Vec<(Case, Readiness)> {
    let opts = Options::default();
    let loaded: Vec<_> = files
        .iter()
        .filter_map(|p| load_case_file(p).ok())
        .map(|case| {
            let r = evaluate(&case, profile, &opts);
            (case, r)
        })
        .collect();
    assert_eq!(loaded.len(), CASES, "every generated case loads");
    loaded
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    pathwise::generate::generate(CASES, 1, dir.path()).expect("generate the library");
    let files = case_files(dir.path()).files;
    let bytes: Vec<(PathBuf, Vec<u8>)> = files
        .iter()
        .map(|p| (p.clone(), std::fs::read(p).expect("read")))
        .collect();
    let total: usize = bytes.iter().map(|(_, b)| b.len()).sum();
    let only_bytes: Vec<Vec<u8>> = bytes.iter().map(|(_, b)| b.clone()).collect();
    let profile = Profile::builtin();
    eprintln!(
        "library: {} files, {:.1} MB ({:.0} bytes a file on average), {} threads",
        files.len(),
        total as f64 / 1e6,
        total as f64 / files.len() as f64,
        thread::available_parallelism().map_or(1, |n| n.get())
    );

    let mut g = c.benchmark_group("load_10k");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(10));
    // every variant returns what it made; dropping it is not timed
    g.bench_function("read_only/sequential", |b| {
        b.iter_with_large_drop(|| files.iter().map(read).collect::<Vec<_>>())
    });
    g.bench_function("read_only/parallel", |b| {
        b.iter_with_large_drop(|| par_map(&files, read))
    });
    g.bench_function("parse_only/sequential", |b| {
        b.iter_with_large_drop(|| only_bytes.iter().map(parse_table).collect::<Vec<_>>())
    });
    g.bench_function("parse_only/parallel", |b| {
        b.iter_with_large_drop(|| par_map(&only_bytes, parse_table))
    });
    // parsing alone, each table dropped as soon as it is made: the floor
    g.bench_function("parse_discard/sequential", |b| {
        b.iter(|| {
            only_bytes
                .iter()
                .filter_map(parse_table)
                .map(|t| t.len())
                .sum::<usize>()
        })
    });
    g.bench_function("parse_discard/parallel", |b| {
        b.iter(|| {
            par_map(&only_bytes, |x| parse_table(x).map_or(0, |t| t.len()))
                .iter()
                .sum::<usize>()
        })
    });
    g.bench_function("parse_document/sequential", |b| {
        b.iter(|| only_bytes.iter().map(parse_document).sum::<usize>())
    });
    g.bench_function("parse_document/parallel", |b| {
        b.iter(|| par_map(&only_bytes, parse_document).iter().sum::<usize>())
    });
    g.bench_function("read_parse/sequential", |b| {
        b.iter_with_large_drop(|| files.iter().map(read_parse).collect::<Vec<_>>())
    });
    g.bench_function("read_parse/parallel", |b| {
        b.iter_with_large_drop(|| par_map(&files, read_parse))
    });
    g.bench_function("parse_case/sequential", |b| {
        b.iter_with_large_drop(|| bytes.iter().map(parse_case).collect::<Vec<_>>())
    });
    g.bench_function("parse_case/parallel", |b| {
        b.iter_with_large_drop(|| par_map(&bytes, parse_case))
    });
    g.bench_function("load_score/parallel", |b| {
        b.iter_with_large_drop(|| load_and_score(dir.path(), &profile))
    });
    g.bench_function("load_score/sequential", |b| {
        b.iter_with_large_drop(|| load_and_score_sequential(&files, &profile))
    });
    g.finish();

    // the parts of the parallel load, to see where its time goes
    let mut g = c.benchmark_group("load_10k_parts");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(8));
    g.bench_function("discover", |b| b.iter_with_large_drop(|| case_files(dir.path())));
    g.bench_function("load_files/parallel", |b| b.iter_with_large_drop(|| load_files(&files)));
    g.bench_function("library_load/parallel", |b| {
        b.iter_with_large_drop(|| Library::load(Source::dir(Origin::Flag, dir.path())))
    });
    let library = Library::load(Source::dir(Origin::Flag, dir.path()));
    let opts = Options::default();
    g.bench_function("evaluate/sequential", |b| {
        b.iter_with_large_drop(|| {
            library
                .cases
                .iter()
                .map(|l| evaluate(&l.case, &profile, &opts))
                .collect::<Vec<_>>()
        })
    });
    // what scoring would cost spread over the cores like loading is
    g.bench_function("evaluate/parallel", |b| {
        b.iter_with_large_drop(|| par_map(&library.cases, |l| evaluate(&l.case, &profile, &opts)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
