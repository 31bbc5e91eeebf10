//! Dedupe and clustering on a long stream: real texts, rewritten round after round as new
//! events (`parallax_bench::events`), with a wire copy every fifth article and a steady
//! publication clock, through the pipeline's two online steps on two threads
//! (`pipeline::Online`). Prints the cost per article over successive blocks, so that a cost
//! that grows with the stream shows, and the memory of the process; and at each report the
//! size of the online state an analysis saves in the store (`pipeline/src/state.rs`), with
//! the time to serialize it and to read it back (outside the timed blocks).
//!
//! Usage: `cargo run --release -p parallax-bench --bin stream -- [N] [DATA_DIR] [PER_DAY]`
//! (defaults: 1000000, ../shared/data, 5000 articles a day). With `PARALLAX_STREAM_JSONL=FILE`
//! it writes the generated articles to FILE as JSONL instead (articles `FIRST..N`, FIRST from
//! `PARALLAX_STREAM_FIRST`, default 0), for `parallax ingest` to read.
#![allow(clippy::print_stdout)]

use std::path::Path;
use std::time::Instant;

use chrono::{DateTime, Duration, FixedOffset};
use parallax_bench::events::Rewriter;

/// Articles generated, then timed, at a time.
const BLOCK: usize = 10_000;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(1_000_000);
    let data = args.next().unwrap_or_else(|| "../shared/data".to_string());
    let per_day: u64 = args.next().map(|s| s.parse()).transpose()?.unwrap_or(5_000);
    let texts = parallax_bench::read_texts(Path::new(&data))?;
    let rewriter = Rewriter::new(&texts);
    let start: DateTime<FixedOffset> = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")?;
    if let Some(path) = std::env::var_os("PARALLAX_STREAM_JSONL") {
        let first = std::env::var("PARALLAX_STREAM_FIRST").ok().map(|s| s.parse()).transpose()?;
        return write_jsonl(&texts, &rewriter, first.unwrap_or(0)..n, start, per_day, &path);
    }
    println!("{} texts from {data}, {n} articles, {per_day} a day", texts.len());
    println!(
        "| articles | articles/s, two threads (last block) | articles per CPU second | dedupe µs \
         | cluster µs | copies | open stories | settled | RSS MB | saved state MB | save s | \
         restore s |"
    );
    println!(
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    );

    let mut online = pipeline::Online::new(&pipeline::Config::recommended());
    let (mut done, mut copies, mut settled, mut next_report) = (0usize, 0usize, 0usize, BLOCK);
    let mut block = Block::default();
    while done < n {
        let articles = generate(&texts, &rewriter, done, BLOCK.min(n - done), start, per_day);
        let (wall, process, thread) = (Instant::now(), process_cpu_seconds(), thread_cpu_seconds());
        let duplicate_of = online.add(&articles, &pipeline::NoProgress);
        // What is settled is handed over, as a service writing to its store would.
        settled += online.clusterer.drain_settled().assignments.len();
        block.wall += wall.elapsed().as_secs_f64();
        // This thread clusters; the other one, spawned per batch, finds the copies.
        let cluster_cpu = thread_cpu_seconds() - thread;
        block.cluster_cpu += cluster_cpu;
        block.dedupe_cpu += process_cpu_seconds() - process - cluster_cpu;
        block.articles += articles.len();
        copies += duplicate_of.iter().filter(|original| original.is_some()).count();
        done += articles.len();
        if done >= next_report || done == n {
            let micros = |seconds: f64| seconds * 1e6 / block.articles as f64;
            let rss = rss_mb();
            let saving = Instant::now();
            let state = postcard::to_stdvec(&online)?;
            let save = saving.elapsed().as_secs_f64();
            let restoring = Instant::now();
            online = postcard::from_bytes(&state)?;
            let restore = restoring.elapsed().as_secs_f64();
            println!(
                "| {done} | {:.0} | {:.0} | {:.0} | {:.0} | {copies} | {} | {settled} | {rss} | \
                 {:.1} | {save:.2} | {restore:.2} |",
                block.articles as f64 / block.wall,
                block.articles as f64 / (block.dedupe_cpu + block.cluster_cpu),
                micros(block.dedupe_cpu),
                micros(block.cluster_cpu),
                online.clusterer.open_stories(),
                state.len() as f64 / 1e6,
            );
            block = Block::default();
            next_report = done * 10 / 3 / BLOCK * BLOCK;
        }
    }
    Ok(())
}

/// Writes articles `range` of the stream as JSONL, a block at a time.
fn write_jsonl(
    texts: &[parallax_bench::Text],
    rewriter: &Rewriter,
    range: std::ops::Range<usize>,
    start: DateTime<FixedOffset>,
    per_day: u64,
    path: &std::ffi::OsStr,
) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut done = range.start;
    while done < range.end {
        let count = BLOCK.min(range.end - done);
        for article in generate(texts, rewriter, done, count, start, per_day) {
            let line = serde_json::json!({
                "id": article.id,
                "source": format!("Outlet {}", done % 53),
                "title": article.title,
                "published": article.published.map(|time| time.to_rfc3339()),
                "text": article.body,
            });
            writeln!(out, "{line}")?;
            done += 1;
        }
    }
    out.flush()?;
    Ok(())
}

/// Time spent on the articles since the last report.
#[derive(Default)]
struct Block {
    articles: usize,
    wall: f64,
    dedupe_cpu: f64,
    cluster_cpu: f64,
}

/// Articles `first..first + count` of the stream: the texts in order, each round rewritten
/// as new events, and every fifth article a trimmed reprint of the one three before it;
/// `per_day` articles a day from `start`.
fn generate(
    texts: &[parallax_bench::Text],
    rewriter: &Rewriter,
    first: usize,
    count: usize,
    start: DateTime<FixedOffset>,
    per_day: u64,
) -> Vec<model::Article> {
    (first..first + count)
        .map(|i| {
            let (source, trim) = if i % 5 == 4 && i >= 3 { (i - 3, 1 + i / 5) } else { (i, 0) };
            let round = source / texts.len();
            let (title, body) = &texts[source % texts.len()];
            let seconds = (i as u64 * 86_400 / per_day) as i64;
            model::Article {
                id: format!("a{i}"),
                source: "stream".to_string(),
                url: None,
                title: title.as_ref().map(|t| rewriter.rewrite(t, round)),
                author: None,
                published: Some(start + Duration::seconds(seconds)),
                language: Some("en".to_string()),
                body: parallax_bench::trimmed(&rewriter.rewrite(body, round), trim),
                extra: model::Extra::new(),
            }
        })
        .collect()
}

/// CPU time of the calling thread so far, from Linux's `/proc/thread-self/schedstat`: on a
/// shared machine the wall clock counts other processes' turns.
fn thread_cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|text| text.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |nanos| nanos / 1e9)
}

/// CPU time of the whole process so far (all its threads, ended ones included), from
/// `/proc/self/stat` (user and system time, in clock ticks of 1/100 s).
fn process_cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> =
        stat.rsplit_once(')').map_or("", |(_, rest)| rest).split_whitespace().collect();
    let ticks =
        |idx: usize| fields.get(idx).and_then(|field| field.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    (ticks(11) + ticks(12)) / 100.0
}

fn rss_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|line| line.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}
