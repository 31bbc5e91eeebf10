//! Fetching against an in-process HTTP server on loopback: pages, feeds and faults. Every
//! fault must end in a clear error or a recovered result, quickly.

use std::io::Write;
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use ingest::feed::FeedError;
use ingest::web::{FeedFetch, FetchConfig, FetchError, Fetcher, Validators};

use testkit::{fixed, respond, Handler, Server};

use crate::gzip;

fn html(body: &'static str) -> Box<Handler> {
    fixed(200, &[("Content-Type", "text/html; charset=utf-8")], body.as_bytes().to_vec())
}

/// Small limits so every fault ends in well under a second.
fn config() -> FetchConfig {
    FetchConfig {
        allow_private: true,
        connect_timeout: Duration::from_secs(1),
        idle_timeout: Duration::from_millis(300),
        total_timeout: Duration::from_secs(1),
        max_body_bytes: 1 << 20,
        retry_base_delay: Duration::from_millis(10),
        retry_max_delay: Duration::from_millis(50),
        host_min_delay: Duration::ZERO,
        ..FetchConfig::default()
    }
}

fn fetcher() -> Fetcher {
    Fetcher::new(config()).unwrap()
}

/// A brotli stream holding `data` in one uncompressed meta-block (RFC 7932 §9.2), so tests
/// need no brotli encoder.
fn brotli_stored(data: &[u8]) -> Vec<u8> {
    assert!(!data.is_empty() && data.len() <= 1 << 16);
    let mut bits: Vec<bool> = Vec::new();
    let mut push =
        |value: usize, n_bits: usize| (0..n_bits).for_each(|bit| bits.push(value >> bit & 1 == 1));
    push(0, 1); // WBITS = 16
    push(0, 1); // ISLAST = 0
    push(0, 2); // MNIBBLES = 4
    push(data.len() - 1, 16); // MLEN - 1
    push(1, 1); // ISUNCOMPRESSED
    let mut out: Vec<u8> = bits
        .chunks(8)
        .map(|chunk| chunk.iter().rev().fold(0, |acc, &bit| acc << 1 | u8::from(bit)))
        .collect();
    out.extend_from_slice(data);
    out.push(0b11); // ISLAST, ISLASTEMPTY
    out
}

#[test]
fn pages_are_fetched_and_decoded_by_header_meta_or_recovery() {
    let server = Server::start(vec![
        ("/utf8", html("<p>Caf\u{e9} opens</p>")),
        (
            "/latin",
            fixed(
                200,
                &[("Content-Type", "text/html; charset=ISO-8859-1")],
                b"<p>Caf\xe9 opens</p>".to_vec(),
            ),
        ),
        // Declared Latin-1, really UTF-8: valid UTF-8 wins.
        (
            "/wrong",
            fixed(
                200,
                &[("Content-Type", "text/html; charset=iso-8859-1")],
                "<p>Caf\u{e9} opens</p>".as_bytes().to_vec(),
            ),
        ),
        // Declared UTF-8, really Latin-1: read as windows-1252 with a warning.
        (
            "/liar",
            fixed(
                200,
                &[("Content-Type", "text/html; charset=utf-8")],
                b"<p>Caf\xe9 opens</p>".to_vec(),
            ),
        ),
        (
            "/meta",
            fixed(
                200,
                &[("Content-Type", "text/html")],
                b"<meta charset=koi8-r><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>".to_vec(),
            ),
        ),
        ("/malformed", html("<html><body><p>Unclosed <b>tags <div></p></span>")),
        ("/logo.png", fixed(200, &[("Content-Type", "image/png")], b"\x89PNG\r\n\x1a\n".to_vec())),
    ]);
    let fetcher = fetcher();
    for path in ["/utf8", "/latin", "/wrong", "/liar"] {
        let page = fetcher.fetch_page(&server.url(path)).unwrap();
        assert_eq!(page.document.content.as_str(), "<p>Café opens</p>", "{path}");
        assert_eq!(page.document.url.as_deref(), Some(server.url(path).as_str()));
        assert_eq!(page.diagnostics.len(), usize::from(path == "/liar"), "{path}");
    }
    let page = fetcher.fetch_page(&server.url("/meta")).unwrap();
    assert_eq!(page.document.content.as_str(), "<meta charset=koi8-r><p>Привет</p>");
    let page = fetcher.fetch_page(&server.url("/malformed")).unwrap();
    assert!(page.document.content.as_str().contains("Unclosed"));
    let err = fetcher.fetch_page(&server.url("/logo.png")).unwrap_err();
    assert!(matches!(err, FetchError::NotHtml { .. }), "{err}");
}

#[test]
fn compressed_bodies_are_decoded_and_bombs_and_truncation_refused() {
    let page = b"<p>Compressed page</p>";
    let gzipped = gzip(page);
    let truncated = gzipped[..gzipped.len() / 2].to_vec();
    // 64 MiB of zeros in about 64 KiB, against a 1 MiB limit.
    let bomb = gzip(&vec![0u8; 64 << 20]);
    assert!(bomb.len() < 200 << 10);
    let server = Server::start(vec![
        (
            "/gzip",
            fixed(200, &[("Content-Type", "text/html"), ("Content-Encoding", "gzip")], gzipped),
        ),
        (
            "/br",
            fixed(
                200,
                &[("Content-Type", "text/html"), ("Content-Encoding", "br")],
                brotli_stored(page),
            ),
        ),
        (
            "/truncated",
            fixed(200, &[("Content-Type", "text/html"), ("Content-Encoding", "gzip")], truncated),
        ),
        ("/bomb", fixed(200, &[("Content-Type", "text/html"), ("Content-Encoding", "gzip")], bomb)),
    ]);
    let fetcher = fetcher();
    for path in ["/gzip", "/br"] {
        let page_got = fetcher.fetch_page(&server.url(path)).unwrap();
        assert_eq!(page_got.document.content.as_str(), "<p>Compressed page</p>", "{path}");
    }
    let err = fetcher.fetch_page(&server.url("/truncated")).unwrap_err();
    assert!(matches!(err, FetchError::Decompress { .. }), "{err}");
    let err = fetcher.fetch_page(&server.url("/bomb")).unwrap_err();
    assert!(matches!(err, FetchError::DecompressedTooLarge { limit: 1048576, .. }), "{err}");
}

/// Writes a response head and then `chunk` every `pause` until the client goes away.
fn endless(head: &'static str, chunk: &'static [u8], pause: Duration) -> Box<Handler> {
    Box::new(move |_, stream, _| {
        if stream.write_all(head.as_bytes()).is_err() {
            return;
        }
        while stream.write_all(chunk).is_ok() {
            thread::sleep(pause);
        }
    })
}

#[test]
fn huge_endless_trickling_and_stalled_responses_are_cut() {
    let server = Server::start(vec![
        (
            "/gigabyte",
            endless(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000000000\r\n\r\n",
                &[b'x'; 8192],
                Duration::ZERO,
            ),
        ),
        (
            "/unbounded",
            endless(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n",
                &[b'x'; 8192],
                Duration::ZERO,
            ),
        ),
        (
            "/trickle",
            endless(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n",
                b"x",
                Duration::from_millis(20),
            ),
        ),
        (
            "/stall",
            Box::new(|_, stream, _| {
                let _ = stream.write_all(
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100\r\n\r\n<p>",
                );
                thread::sleep(Duration::from_secs(3));
            }),
        ),
        (
            "/cut",
            Box::new(|_, stream, _| {
                let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100\r\n\r\n<p>Cut sh");
            }),
        ),
    ]);
    let fetcher = fetcher();
    let started = Instant::now();
    let err = fetcher.fetch_page(&server.url("/gigabyte")).unwrap_err();
    assert!(matches!(err, FetchError::TooLarge { declared: Some(1_000_000_000), .. }), "{err}");
    let err = fetcher.fetch_page(&server.url("/unbounded")).unwrap_err();
    assert!(matches!(err, FetchError::TooLarge { declared: None, .. }), "{err}");
    let err = fetcher.fetch_page(&server.url("/trickle")).unwrap_err();
    assert_eq!(err.to_string(), format!("{}: timed out: total time limit", server.url("/trickle")));
    let err = fetcher.fetch_page(&server.url("/stall")).unwrap_err();
    assert!(
        matches!(err, FetchError::Timeout { what: "no data within the idle timeout", .. }),
        "{err}"
    );
    let err = fetcher.fetch_page(&server.url("/cut")).unwrap_err();
    assert!(matches!(err, FetchError::Read { .. }), "{err}");
    // The total limit is 1 s and the idle limit 0.3 s: nothing waited for much longer.
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
}

fn redirect(to: &'static str) -> Box<Handler> {
    Box::new(move |_, stream, _| respond(stream, 302, &[("Location", to)], b""))
}

#[test]
fn redirects_are_followed_within_bounds_and_loops_detected() {
    let server = Server::start(vec![
        ("/old", redirect("/new")),
        ("/new", html("<p>Moved here</p>")),
        ("/a", redirect("/b")),
        ("/b", redirect("/a")),
        ("/r1", redirect("/r2")),
        ("/r2", redirect("/r3")),
        ("/r3", redirect("/r4")),
        ("/r4", redirect("/r5")),
        ("/r5", redirect("/r6")),
        ("/r6", redirect("/r7")),
        ("/r7", redirect("/new")),
        ("/nowhere", redirect("ftp://files.example/x")),
    ]);
    let fetcher = fetcher();
    let page = fetcher.fetch_page(&server.url("/old")).unwrap();
    assert_eq!(page.document.url, Some(server.url("/new")));
    assert_eq!(page.document.origin.location, server.url("/old"));
    let err = fetcher.fetch_page(&server.url("/a")).unwrap_err();
    assert!(matches!(err, FetchError::RedirectLoop { .. }), "{err}");
    let err = fetcher.fetch_page(&server.url("/r1")).unwrap_err();
    assert!(matches!(err, FetchError::TooManyRedirects { limit: 5, .. }), "{err}");
    let err = fetcher.fetch_page(&server.url("/nowhere")).unwrap_err();
    assert!(matches!(err, FetchError::BadRedirect { .. }), "{err}");
}

#[test]
fn robots_txt_is_fetched_once_per_host_and_obeyed() {
    let server = Server::start(vec![
        (
            "/robots.txt",
            fixed(
                200,
                &[("Content-Type", "text/plain")],
                b"User-agent: *\nDisallow: /\n\nUser-agent: ParallaxBot\nDisallow: /private\n"
                    .to_vec(),
            ),
        ),
        ("/news", html("<p>Public</p>")),
        ("/private/memo", html("<p>Secret</p>")),
        ("/to-private", redirect("/private/memo")),
    ]);
    let fetcher = fetcher();
    assert!(fetcher.fetch_page(&server.url("/news")).is_ok());
    let err = fetcher.fetch_page(&server.url("/private/memo")).unwrap_err();
    assert!(matches!(err, FetchError::Robots { .. }), "{err}");
    // A redirect into a disallowed path is refused too.
    let err = fetcher.fetch_page(&server.url("/to-private")).unwrap_err();
    assert!(matches!(err, FetchError::Robots { .. }), "{err}");
    assert_eq!(server.hits("/robots.txt"), 1);
    assert_eq!(server.hits("/private/memo"), 0);
}

#[test]
fn overload_is_retried_with_backoff_and_persistent_failure_reported() {
    let server = Server::start(vec![
        (
            "/busy",
            Box::new(|_, stream, n_before| match n_before {
                0 => respond(stream, 429, &[("Retry-After", "0")], b"slow down"),
                _ => respond(stream, 200, &[("Content-Type", "text/html")], b"<p>Now</p>"),
            }),
        ),
        ("/down", fixed(503, &[], b"down".to_vec())),
    ]);
    let fetcher = fetcher();
    let page = fetcher.fetch_page(&server.url("/busy")).unwrap();
    assert_eq!(page.document.content.as_str(), "<p>Now</p>");
    assert_eq!(server.hits("/busy"), 2);
    let err = fetcher.fetch_page(&server.url("/down")).unwrap_err();
    assert!(matches!(err, FetchError::Status { status: 503, .. }), "{err}");
    assert_eq!(server.hits("/down"), 4, "one try and three retries");
}

#[test]
fn private_addresses_are_refused_unless_allowed() {
    let server = Server::start(vec![("/page", html("<p>Internal</p>"))]);
    let strict = Fetcher::new(FetchConfig { allow_private: false, ..config() }).unwrap();
    let err = strict.fetch_page(&server.url("/page")).unwrap_err();
    assert!(matches!(err, FetchError::PrivateAddress { kind: "loopback", .. }), "{err}");
    let by_name = format!("http://localhost:{}/page", server.port());
    let err = strict.fetch_page(&by_name).unwrap_err();
    assert!(matches!(err, FetchError::PrivateAddress { .. }), "{err}");
    let err = strict.fetch_page("http://169.254.169.254/latest/meta-data/").unwrap_err();
    assert!(matches!(err, FetchError::PrivateAddress { kind: "link-local", .. }), "{err}");
    assert_eq!(server.hits("/page"), 0);
    let err = strict.fetch_page("file:///etc/passwd").unwrap_err();
    assert!(matches!(err, FetchError::InvalidUrl { .. }), "{err}");
}

const RSS: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>One</title><link>/one</link><guid>1</guid><pubDate>Mon, 02 Nov 2026 09:30:00 GMT</pubDate></item>
</channel></rss>"#;

#[test]
fn feeds_are_fetched_conditionally_and_non_feeds_refused() {
    let server = Server::start(vec![
        (
            "/feed.xml",
            Box::new(|request, stream, _| {
                match request.headers.get("if-none-match").map(String::as_str) {
                    Some("\"v1\"") => respond(stream, 304, &[], b""),
                    _ => respond(
                        stream,
                        200,
                        &[
                            ("Content-Type", "application/rss+xml"),
                            ("ETag", "\"v1\""),
                            ("Last-Modified", "Mon, 02 Nov 2026 10:00:00 GMT"),
                        ],
                        RSS.as_bytes(),
                    ),
                }
            }),
        ),
        ("/one", html("<p>Entry one</p>")),
        (
            "/oops",
            fixed(200, &[("Content-Type", "text/plain")], b"Internal error, try later".to_vec()),
        ),
    ]);
    let fetcher = fetcher();
    let FeedFetch::Fetched { entries, validators, .. } =
        fetcher.fetch_feed(&server.url("/feed.xml"), None).unwrap()
    else {
        panic!("expected a feed");
    };
    assert_eq!(
        validators,
        Validators {
            etag: Some("\"v1\"".into()),
            last_modified: Some("Mon, 02 Nov 2026 10:00:00 GMT".into())
        }
    );
    assert_eq!(entries[0].url, Some(server.url("/one")));
    let page = fetcher.fetch_entry(&entries[0]).unwrap();
    assert_eq!(page.document.published.as_deref(), Some("2026-11-02T09:30:00+00:00"));
    assert_eq!(
        fetcher.fetch_feed(&server.url("/feed.xml"), Some(&validators)).unwrap(),
        FeedFetch::NotModified
    );
    let err = fetcher.fetch_feed(&server.url("/oops"), None).unwrap_err();
    assert!(matches!(err, FetchError::Feed { source: FeedError::NotAFeed(_), .. }), "{err}");
}

#[test]
fn one_host_gets_limited_concurrency_and_spaced_requests() {
    let slow = || -> Box<Handler> {
        Box::new(|_, stream, _| {
            thread::sleep(Duration::from_millis(50));
            respond(stream, 200, &[("Content-Type", "text/html")], b"<p>ok</p>");
        })
    };
    let server = Server::start(vec![("/1", slow()), ("/2", slow()), ("/3", slow())]);
    let polite = Arc::new(
        Fetcher::new(FetchConfig {
            host_max_concurrency: 1,
            host_min_delay: Duration::from_millis(100),
            ..config()
        })
        .unwrap(),
    );
    let started = Instant::now();
    let handles: Vec<_> = ["/1", "/2", "/3"]
        .into_iter()
        .map(|path| {
            let (polite, url) = (polite.clone(), server.url(path));
            thread::spawn(move || polite.fetch_page(&url).map(|_| ()))
        })
        .collect();
    for handle in handles {
        handle.join().unwrap().unwrap();
    }
    assert_eq!(server.max_in_flight(), 1);
    // robots.txt and three pages, each start at least 100 ms after the previous one.
    assert!(started.elapsed() >= Duration::from_millis(300), "{:?}", started.elapsed());
}
