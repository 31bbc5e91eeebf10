//! `parallax feeds`: following feeds and polling them into the store.

use std::fmt::Write as _;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use pipeline::{FeedStatus, Progress};

use crate::args::{Args, Feeds, FetchArgs, Format};
use crate::render;

pub(crate) fn run(
    args: &Args,
    command: &Feeds,
    config: &pipeline::Config,
    progress: &dyn Progress,
) -> anyhow::Result<ExitCode> {
    match command {
        Feeds::Add { url } => {
            let mut store = crate::open_store(&args.db)?;
            let added = store.add_feed(url).with_context(|| format!("cannot add {url}"))?;
            if !args.quiet {
                match added {
                    true => eprintln!("following {url}; `parallax feeds poll` fetches it"),
                    false => eprintln!("already following {url}"),
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Feeds::Remove { url } => {
            let mut store = crate::open_existing_store(&args.db)?;
            if !store.remove_feed(url)? {
                anyhow::bail!(
                    "not following {url} in {} (see `parallax feeds list`)",
                    args.db_name()
                );
            }
            if !args.quiet {
                eprintln!("no longer following {url}; its articles stay in {}", args.db_name());
            }
            Ok(ExitCode::SUCCESS)
        }
        Feeds::List { output } => {
            let feeds = match crate::store_exists(&args.db) {
                true => {
                    let store = crate::open_store(&args.db)?;
                    let mut listed = Vec::new();
                    for feed in store.feeds()? {
                        let entries = EntryCounts::of(&store.feed_entry_counts(&feed.url)?);
                        listed.push((feed, entries));
                    }
                    listed
                }
                false => Vec::new(),
            };
            let text = match output.format() {
                Format::Json => render::json(&feeds.iter().map(feed_json).collect::<Vec<_>>())?,
                Format::Markdown => feeds_markdown(&feeds),
                Format::Text => feeds_text(&feeds),
            };
            crate::write_output(output.output.as_deref(), &text)?;
            Ok(ExitCode::SUCCESS)
        }
        Feeds::Poll { every, fetch } => match every {
            None => poll_once(args, fetch, config, progress),
            Some(every) => loop {
                let start = Instant::now();
                poll_once(args, fetch, config, progress)?;
                let wait = every.saturating_sub(start.elapsed());
                if !args.quiet {
                    eprintln!("next poll in {} s (Ctrl-C stops)", wait.as_secs());
                }
                std::thread::sleep(wait);
            },
        },
    }
}

fn poll_once(
    args: &Args,
    fetch: &FetchArgs,
    config: &pipeline::Config,
    progress: &dyn Progress,
) -> anyhow::Result<ExitCode> {
    let mut store = crate::open_store(&args.db)?;
    // A fresh fetcher per poll, so robots.txt is read again on each.
    let fetcher = crate::fetcher(fetch)?;
    let outcome = pipeline::poll_feeds(&mut *store, &fetcher, config, progress)
        .with_context(|| format!("polling the feeds of {} failed", args.db_name()))?;
    crate::report_diagnostics(args, &outcome.load.diagnostics);
    if !args.quiet {
        if outcome.feeds.is_empty() {
            eprintln!(
                "no feeds followed in {}: add one with `parallax feeds add URL`",
                args.db_name()
            );
        }
        for feed in &outcome.feeds {
            let status = match &feed.status {
                FeedStatus::NotModified => "not modified".to_string(),
                FeedStatus::Fetched { entries, new, fetched } => {
                    format!("{entries} entries, {new} new, {fetched} fetched")
                }
                FeedStatus::Failed(_) => "failed".to_string(),
            };
            eprintln!("{}: {status}", feed.url);
        }
        let stored = crate::stored_summary(
            outcome.load.articles,
            [outcome.inserted, outcome.updated, outcome.unchanged],
            &outcome.analysis,
            &args.db_name(),
        );
        eprintln!("{} feeds polled, {stored}", outcome.feeds.len());
    }
    Ok(crate::exit_code(&outcome.load))
}

/// How many of a feed's entries are stored, waiting for a retry, and given up.
#[derive(Debug, Default, Clone, Copy)]
struct EntryCounts {
    stored: usize,
    retry: usize,
    failed: usize,
}

impl EntryCounts {
    fn of(by_status: &[(store::EntryStatus, usize)]) -> EntryCounts {
        let mut counts = EntryCounts::default();
        for &(status, n) in by_status {
            *match status {
                store::EntryStatus::Stored => &mut counts.stored,
                store::EntryStatus::Retry => &mut counts.retry,
                store::EntryStatus::Failed => &mut counts.failed,
            } += n;
        }
        counts
    }

    /// "12 entries stored, 1 to retry, 2 given up", leaving out what is zero.
    fn describe(self) -> String {
        let mut parts = vec![format!("{} entries stored", self.stored)];
        if self.retry > 0 {
            parts.push(format!("{} to retry", self.retry));
        }
        if self.failed > 0 {
            parts.push(format!("{} given up", self.failed));
        }
        parts.join(", ")
    }
}

type Listed = (store::Feed, EntryCounts);

fn feed_json((feed, entries): &Listed) -> serde_json::Value {
    serde_json::json!({
        "url": feed.url,
        "etag": feed.etag,
        "last_modified": feed.last_modified,
        "last_polled": feed.last_polled,
        "last_error": feed.last_error,
        "entries": {"stored": entries.stored, "retry": entries.retry, "failed": entries.failed},
    })
}

fn feeds_text(feeds: &[Listed]) -> String {
    let mut out = String::new();
    for (feed, entries) in feeds {
        let polled = match &feed.last_polled {
            Some(when) => format!("polled {when}"),
            None => "never polled".to_string(),
        };
        let status = match &feed.last_error {
            Some(error) => format!("error: {error}"),
            None if feed.last_polled.is_some() => "ok".to_string(),
            None => String::new(),
        };
        let _ = writeln!(out, "{}\n    {polled}  {status}", feed.url);
        if feed.last_polled.is_some() {
            let _ = writeln!(out, "    {}", entries.describe());
        }
    }
    if feeds.is_empty() {
        out.push_str("no feeds followed: add one with `parallax feeds add URL`\n");
    }
    out
}

fn feeds_markdown(feeds: &[Listed]) -> String {
    let mut out = String::from(
        "| Feed | Last polled | Last error | Entries stored | To retry | Given up |\n\
         |---|---|---|---:|---:|---:|\n",
    );
    for (feed, entries) in feeds {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            render::md_cell(&feed.url),
            feed.last_polled.as_deref().unwrap_or("never"),
            render::md_cell(feed.last_error.as_deref().unwrap_or("")),
            entries.stored,
            entries.retry,
            entries.failed,
        );
    }
    out
}
