//! Polling feeds into a store against an in-process HTTP server on loopback: an entry whose
//! page fails for a while is retried on the next poll, a dead link is not, one that keeps
//! failing is given up, and nothing stored is fetched again.

use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use pipeline::{FeedStatus, FetchConfig, Fetcher, MAX_ENTRY_ATTEMPTS};
use store::{EntryStatus, Store};
use testkit::{fixed, respond, Request, Server};

const FEED: &str = r#"<?xml version="1.0"?>
<rss version="2.0"><channel><title>Harbour Gazette</title>
<item><title>Harbour</title><link>/harbour.html</link><guid>h</guid></item>
<item><title>Bridge</title><link>/bridge.html</link><guid>b</guid></item>
</channel></rss>"#;

const PAGE: &str = "<html><head><title>Harbour to reopen</title></head><body><article>\
<h1>Harbour to reopen</h1><p>The city council voted on Tuesday to reopen the old harbour to \
ferries after a three-year closure, the mayor said at a press conference.</p><p>Work on the \
quay walls will start in March and cost about 12 million euros.</p></article></body></html>";

/// Serves the feed (with an ETag, 304 on a match), the harbour page, and the bridge page,
/// which answers 503 until `bridge_up` is set. Also returns, for each request of the feed,
/// whether it was conditional.
fn serve(bridge_up: Arc<AtomicBool>) -> (Server, Arc<Mutex<Vec<bool>>>) {
    let conditional = Arc::new(Mutex::new(Vec::new()));
    let log = conditional.clone();
    let feed = move |request: &Request, stream: &mut TcpStream, _| {
        let matches = request.headers.get("if-none-match").is_some_and(|it| it == "\"v1\"");
        log.lock().unwrap().push(matches);
        let headers = [("Content-Type", "application/rss+xml"), ("ETag", "\"v1\"")];
        match matches {
            true => respond(stream, 304, &headers, b""),
            false => respond(stream, 200, &headers, FEED.as_bytes()),
        }
    };
    let bridge =
        move |_: &Request, stream: &mut TcpStream, _| match bridge_up.load(Ordering::SeqCst) {
            true => respond(stream, 200, HTML, PAGE.as_bytes()),
            false => respond(stream, 503, HTML, b"busy"),
        };
    let server = Server::start(vec![
        ("/feed.xml", Box::new(feed)),
        ("/harbour.html", fixed(200, HTML, PAGE.as_bytes().to_vec())),
        ("/bridge.html", Box::new(bridge)),
    ]);
    (server, conditional)
}

const HTML: &[(&str, &str)] = &[("Content-Type", "text/html")];

/// A fetcher for the loopback server: one retry within a fetch, no waiting between hosts.
fn fetcher() -> Fetcher {
    Fetcher::new(FetchConfig {
        allow_private: true,
        max_retries: 1,
        retry_base_delay: Duration::from_millis(10),
        retry_max_delay: Duration::from_millis(20),
        host_min_delay: Duration::ZERO,
        ..FetchConfig::default()
    })
    .unwrap()
}

#[test]
fn a_transient_entry_failure_is_retried_on_the_next_poll() {
    let bridge_up = Arc::new(AtomicBool::new(false));
    let (server, conditional) = serve(bridge_up.clone());
    let fetcher = fetcher();
    let mut store = store::SqliteStore::open_in_memory().unwrap();
    let feed = server.url("/feed.xml");
    assert!(store.add_feed(&feed).unwrap());
    let config = pipeline::Config::recommended();
    let progress = pipeline::NoProgress;

    let first = pipeline::poll_feeds(&mut store, &fetcher, &config, &progress).unwrap();
    assert_eq!(first.feeds[0].status, FeedStatus::Fetched { entries: 2, new: 2, fetched: 1 });
    assert_eq!(first.inserted, 1);
    assert!(first.load.skipped_any(), "the failed entry is reported");
    let row = &store.feeds().unwrap()[0];
    assert_eq!(row.etag, None, "validators held back after a 503");
    assert!(row.last_error.is_some());
    let statuses: Vec<_> =
        store.feed_entries(&feed).unwrap().into_iter().map(|r| (r.entry_id, r.status)).collect();
    assert_eq!(statuses, [("b".into(), EntryStatus::Retry), ("h".into(), EntryStatus::Stored)]);

    bridge_up.store(true, Ordering::SeqCst);
    let second = pipeline::poll_feeds(&mut store, &fetcher, &config, &progress).unwrap();
    assert_eq!(second.feeds[0].status, FeedStatus::Fetched { entries: 2, new: 1, fetched: 1 });
    assert_eq!(second.inserted, 1);
    assert!(!second.load.skipped_any());
    let row = &store.feeds().unwrap()[0];
    assert_eq!(row.etag.as_deref(), Some("\"v1\""));
    assert_eq!(row.last_error, None);

    let third = pipeline::poll_feeds(&mut store, &fetcher, &config, &progress).unwrap();
    assert_eq!(third.feeds[0].status, FeedStatus::NotModified);
    assert_eq!(server.hits("/harbour.html"), 1, "a stored page is not fetched again");
    assert_eq!(conditional.lock().unwrap().last(), Some(&true));
    assert_eq!(store.article_count().unwrap(), 2);
}

const DEAD_LINKS: &str = r#"<?xml version="1.0"?>
<rss version="2.0"><channel><title>Harbour Gazette</title>
<item><title>Gone</title><link>/gone.html</link><guid>g</guid></item>
<item><title>Busy</title><link>/busy.html</link><guid>b</guid></item>
</channel></rss>"#;

#[test]
fn a_dead_link_is_not_fetched_again_and_a_failing_one_is_given_up() {
    let server = Server::start(vec![
        ("/feed.xml", fixed(200, &[("Content-Type", "application/rss+xml")], DEAD_LINKS.into())),
        ("/gone.html", fixed(404, HTML, b"gone".to_vec())),
        ("/busy.html", fixed(503, HTML, b"busy".to_vec())),
    ]);
    let fetcher = fetcher();
    let mut store = store::SqliteStore::open_in_memory().unwrap();
    let feed = server.url("/feed.xml");
    store.add_feed(&feed).unwrap();
    let config = pipeline::Config::recommended();

    let polls = MAX_ENTRY_ATTEMPTS as usize + 2;
    let mut tried = Vec::new();
    for _ in 0..polls {
        let outcome = pipeline::poll_feeds(&mut store, &fetcher, &config, &pipeline::NoProgress);
        match &outcome.unwrap().feeds[0].status {
            FeedStatus::Fetched { new, fetched: 0, .. } => tried.push(*new),
            other => panic!("unexpected poll status {other:?}"),
        }
    }
    // The 404 is tried on the first poll only; the 503 on each poll until it is given up.
    let mut expected = vec![2];
    expected.resize(MAX_ENTRY_ATTEMPTS as usize, 1);
    expected.resize(polls, 0);
    assert_eq!(tried, expected);
    assert_eq!(server.hits("/gone.html"), 1);
    assert_eq!(server.hits("/busy.html"), 2 * MAX_ENTRY_ATTEMPTS as usize, "one retry per fetch");

    let records = store.feed_entries(&feed).unwrap();
    let busy = &records[0];
    assert_eq!((busy.status, busy.attempts), (EntryStatus::Failed, MAX_ENTRY_ATTEMPTS));
    assert!(busy.last_error.as_deref().is_some_and(|e| e.contains("503")), "{busy:?}");
    let gone = &records[1];
    assert_eq!((gone.status, gone.attempts), (EntryStatus::Failed, 1));
    assert!(gone.last_error.as_deref().is_some_and(|e| e.contains("404")), "{gone:?}");
    assert_eq!(store.article_count().unwrap(), 0);
}
