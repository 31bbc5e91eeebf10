//! End-to-end benchmark: builds a corpus of N articles from the real texts in
//! `../shared/data`, then reads, extracts, analyzes and ingests it, and prints articles per
//! second for each phase and the peak memory of the process.
//!
//! Usage: `cargo run --release -p parallax-bench -- [N] [DATA_DIR]`
//! (defaults: 10000, ../shared/data). Results go to `bench/RESULTS.md` by hand.
#![allow(clippy::print_stdout)]

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, db, more] = args.as_slice() {
        if flag == LATER_INGEST {
            return later_ingest(db, more.clone());
        }
    }
    let mut args = args.into_iter();
    let n: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(10_000);
    let data = args.next().unwrap_or_else(|| "../shared/data".to_string());
    let dir = tempfile::tempdir()?;
    let corpus = dir.path().join("corpus.jsonl");
    let written = build_corpus(Path::new(&data), 0..n, &corpus)?;
    println!("corpus: {written} articles from {data} ({} MB)", file_mb(&corpus)?);

    let config = pipeline::Config::recommended();
    let inputs = vec![corpus.to_string_lossy().into_owned()];
    let progress = pipeline::NoProgress;

    let start = Instant::now();
    let (articles, load) = pipeline::load_all(&inputs, &config, &progress);
    let load_secs = start.elapsed().as_secs_f64();
    anyhow::ensure!(
        !load.skipped_any(),
        "the corpus has bad lines: {:?}",
        load.diagnostics.first()
    );

    let start = Instant::now();
    let assignments = pipeline::assign(&articles, &config, &progress);
    let assign_secs = start.elapsed().as_secs_f64();

    let start = Instant::now();
    let stories = pipeline::compare_stories(&articles, &assignments, &config, &progress);
    let compare_secs = start.elapsed().as_secs_f64();

    let duplicates = assignments.iter().filter(|a| a.duplicate_of.is_some()).count();
    let total = load_secs + assign_secs + compare_secs;
    let rate = |secs: f64| articles.len() as f64 / secs;
    println!("articles: {}, duplicates: {duplicates}, stories: {}", articles.len(), stories.len());
    println!("read + extract:      {load_secs:8.2} s {:10.0} articles/s", rate(load_secs));
    println!("dedupe + cluster:    {assign_secs:8.2} s {:10.0} articles/s", rate(assign_secs));
    println!("compare + summarize: {compare_secs:8.2} s {:10.0} articles/s", rate(compare_secs));
    println!("analyze, end to end: {total:8.2} s {:10.0} articles/s", rate(total));
    drop((articles, assignments, stories));

    let start = Instant::now();
    let mut store = store::SqliteStore::open(&dir.path().join("bench.db"))?;
    let outcome = pipeline::ingest(&mut store, &inputs, &config, &progress)?;
    let ingest_secs = start.elapsed().as_secs_f64();
    println!(
        "ingest into SQLite:  {ingest_secs:8.2} s {:10.0} articles/s ({} stored, {} stories)",
        outcome.load.articles as f64 / ingest_secs,
        outcome.inserted,
        outcome.analysis.stories
    );
    let saved_state = store::Store::online_state(&store)?.map_or(0, |state| state.state.len());
    println!("online state saved:  {:8.1} MB", saved_state as f64 / 1e6);

    // A later ingest of a few new articles (a feed poll's worth) into the full store, by a
    // process of its own as a later `parallax ingest` would be, so that its time and peak
    // memory are its own: only those articles go through the online steps (from the state
    // the first ingest saved), and only the stories they touch are compared again.
    drop(store);
    let more = dir.path().join("more.jsonl");
    build_corpus(Path::new(&data), n..n + MORE_ARTICLES, &more)?;
    println!("peak memory (VmHWM): {} MB", peak_rss_mb().unwrap_or(0));
    let status = std::process::Command::new(std::env::current_exe()?)
        .arg(LATER_INGEST)
        .arg(dir.path().join("bench.db"))
        .arg(&more)
        .status()?;
    anyhow::ensure!(status.success(), "the later ingest failed");
    Ok(())
}

/// The argument that makes the benchmark run only the later ingest (of the file given into
/// the store given) and report it.
const LATER_INGEST: &str = "--later-ingest";

fn later_ingest(db: &str, more: String) -> anyhow::Result<()> {
    let config = pipeline::Config::recommended();
    let start = Instant::now();
    let mut store = store::SqliteStore::open(Path::new(db))?;
    let outcome = pipeline::ingest(&mut store, &[more], &config, &pipeline::NoProgress)?;
    let secs = start.elapsed().as_secs_f64();
    println!(
        "ingest {} more:     {secs:8.2} s ({} stories, {} compared again, {} articles through \
         dedupe and clustering), its own process: peak memory {} MB",
        outcome.inserted,
        outcome.analysis.stories,
        outcome.analysis.compared,
        outcome.analysis.replayed,
        peak_rss_mb().unwrap_or(0)
    );
    Ok(())
}

/// Articles in the second, small ingest.
const MORE_ARTICLES: usize = 50;

/// Writes the articles numbered `range` as JSONL: the real texts of the clustering,
/// summarization and quote data, then the same texts again as variants (other id and outlet,
/// a paragraph dropped), as a stream with wire copies would look.
fn build_corpus(data: &Path, range: std::ops::Range<usize>, out: &Path) -> anyhow::Result<usize> {
    let originals = parallax_bench::read_texts(data)?;
    let mut writer = BufWriter::new(File::create(out)?);
    let n = range.len();
    for i in range {
        let round = i / originals.len();
        let (title, text) = &originals[i % originals.len()];
        let text = parallax_bench::trimmed(text, round);
        let line = serde_json::json!({
            "id": format!("a{i}"),
            "source": format!("Outlet {}", (i * 7 + round) % 53),
            "title": title,
            "text": text,
        });
        writeln!(writer, "{line}")?;
    }
    writer.flush()?;
    Ok(n)
}

fn file_mb(path: &Path) -> anyhow::Result<u64> {
    Ok(std::fs::metadata(path)?.len() / 1_000_000)
}

fn peak_rss_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}
