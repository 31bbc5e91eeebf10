//! Polling feeds into a store against an in-process HTTP server on loopback: an entry whose
//! page fails for a while is retried on the next poll, and nothing stored is fetched again.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use pipeline::{FeedStatus, FetchConfig, Fetcher};
use store::Store;

const FEED: &str = r#"<?xml version="1.0"?>
<rss version="2.0"><channel><title>Harbour Gazette</title>
<item><title>Harbour</title><link>/harbour.html</link><guid>h</guid></item>
<item><title>Bridge</title><link>/bridge.html</link><guid>b</guid></item>
</channel></rss>"#;

const PAGE: &str = "<html><head><title>Harbour to reopen</title></head><body><article>\
<h1>Harbour to reopen</h1><p>The city council voted on Tuesday to reopen the old harbour to \
ferries after a three-year closure, the mayor said at a press conference.</p><p>Work on the \
quay walls will start in March and cost about 12 million euros.</p></article></body></html>";

/// The requests a server saw: each path and whether it carried `If-None-Match`.
type Seen = Arc<Mutex<Vec<(String, bool)>>>;

/// Serves the feed (with an ETag, 304 on a match), the harbour page, and the bridge page,
/// which answers 503 until `bridge_up` is set. Returns the port and the requests seen.
fn serve(bridge_up: Arc<AtomicBool>) -> (u16, Seen) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen: Seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let Some((path, conditional)) = read_request(&stream) else { continue };
            log.lock().unwrap().push((path.clone(), conditional));
            let (status, body) = match path.as_str() {
                "/feed.xml" if conditional => (304, ""),
                "/feed.xml" => (200, FEED),
                "/harbour.html" => (200, PAGE),
                "/bridge.html" if bridge_up.load(Ordering::SeqCst) => (200, PAGE),
                "/bridge.html" => (503, "busy"),
                _ => (404, "not found"),
            };
            let content_type =
                if path.ends_with(".xml") { "application/rss+xml" } else { "text/html" };
            let head = format!(
                "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nContent-Type: {content_type}\r\n\
                 ETag: \"v1\"\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body.as_bytes());
        }
    });
    (port, seen)
}

/// The path and whether it carried `If-None-Match`.
fn read_request(stream: &TcpStream) -> Option<(String, bool)> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let path = line.split_whitespace().nth(1)?.to_string();
    let mut headers = HashMap::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
        }
    }
    Some((path, headers.contains_key("if-none-match")))
}

#[test]
fn a_transient_entry_failure_is_retried_on_the_next_poll() {
    let bridge_up = Arc::new(AtomicBool::new(false));
    let (port, seen) = serve(bridge_up.clone());
    let fetcher = Fetcher::new(FetchConfig {
        allow_private: true,
        max_retries: 1,
        retry_base_delay: Duration::from_millis(10),
        retry_max_delay: Duration::from_millis(20),
        host_min_delay: Duration::ZERO,
        ..FetchConfig::default()
    })
    .unwrap();
    let mut store = store::SqliteStore::open_in_memory().unwrap();
    let feed = format!("http://127.0.0.1:{port}/feed.xml");
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
    let seen = seen.lock().unwrap();
    let harbour = seen.iter().filter(|(path, _)| path == "/harbour.html").count();
    assert_eq!(harbour, 1, "a stored page is not fetched again");
    assert_eq!(seen.last(), Some(&("/feed.xml".to_string(), true)));
    assert_eq!(store.article_count().unwrap(), 2);
}
