//! Dedupe and clustering on a long stream: real texts, rewritten round after round as new
//! events (`parallax_bench::events`), with a wire copy every fifth article and a steady
//! publication clock. Prints the cost per article over successive blocks, so that a cost
//! that grows with the stream shows.
//!
//! Usage: `cargo run --release -p parallax-bench --bin stream -- [N] [DATA_DIR] [PER_DAY]`
//! (defaults: 1000000, ../shared/data, 5000 articles a day).
#![allow(clippy::print_stdout)]

use std::path::Path;
use std::time::{Duration as StdDuration, Instant};

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
    println!("{} texts from {data}, {n} articles, {per_day} a day", texts.len());
    println!(
        "| articles | articles per CPU second (last block) | dedupe µs | cluster µs | copies \
         | open stories | RSS MB |"
    );
    println!("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");

    let mut deduper = dedupe::Deduper::new(dedupe::Config::recommended());
    let mut clusterer = cluster::Clusterer::new(cluster::Config::recommended());
    let (mut done, mut copies, mut next_report) = (0usize, 0usize, BLOCK);
    let (mut block_cpu, mut block_articles) = (0.0, 0usize);
    // Wall time of each step, per block: the split of the CPU time between them.
    let (mut dedupe_time, mut cluster_time) = (StdDuration::ZERO, StdDuration::ZERO);
    let mut text = String::new();
    while done < n {
        let block = generate(&texts, &rewriter, done, BLOCK.min(n - done));
        let cpu_started = thread_cpu_seconds();
        for (offset, (title, body)) in block.iter().enumerate() {
            let i = done + offset;
            let id = format!("a{i}");
            text.clear();
            if let Some(title) = title {
                text.push_str(title);
                text.push_str("\n\n");
            }
            text.push_str(body);
            let started = Instant::now();
            let copy = deduper.add(&id, &text);
            dedupe_time += started.elapsed();
            if copy.is_some() {
                copies += 1;
                continue;
            }
            let started = Instant::now();
            let seconds = (i as u64 * 86_400 / per_day) as i64;
            clusterer.add(&cluster::Doc {
                id: &id,
                title: title.as_deref(),
                body,
                published: Some(start + Duration::seconds(seconds)),
                language: Some("en"),
            });
            cluster_time += started.elapsed();
        }
        block_cpu += thread_cpu_seconds() - cpu_started;
        block_articles += block.len();
        done += block.len();
        if done >= next_report || done == n {
            let micros = |time: StdDuration| time.as_secs_f64() * 1e6 / block_articles as f64;
            println!(
                "| {done} | {:.0} | {:.0} | {:.0} | {copies} | {} | {} |",
                block_articles as f64 / block_cpu,
                micros(dedupe_time),
                micros(cluster_time),
                clusterer.open_stories(),
                rss_mb()
            );
            (block_cpu, block_articles) = (0.0, 0);
            (dedupe_time, cluster_time) = (StdDuration::ZERO, StdDuration::ZERO);
            next_report = done * 10 / 3 / BLOCK * BLOCK;
        }
    }
    Ok(())
}

/// Articles `first..first + count` of the stream: the texts in order, each round rewritten
/// as new events, and every fifth article a trimmed reprint of the one three before it.
fn generate(
    texts: &[parallax_bench::Text],
    rewriter: &Rewriter,
    first: usize,
    count: usize,
) -> Vec<parallax_bench::Text> {
    (first..first + count)
        .map(|i| {
            let (source, trim) = if i % 5 == 4 && i >= 3 { (i - 3, 1 + i / 5) } else { (i, 0) };
            let round = source / texts.len();
            let (title, body) = &texts[source % texts.len()];
            let title = title.as_ref().map(|t| rewriter.rewrite(t, round));
            let body = parallax_bench::trimmed(&rewriter.rewrite(body, round), trim);
            (title, body)
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

fn rss_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|line| line.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}
