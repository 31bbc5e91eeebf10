//! The `parallax` binary against an in-process HTTP server on loopback: pages by URL, feeds
//! polled into the store, and the faults users meet (a 404, a feed that is not XML).

use std::path::Path;

use serde_json::Value;
use testkit::{fixed, respond, Handler, Server};

mod support;
use support::{parallax, stderr};

/// An HTML article page with our own text.
fn page(title: &str, body: &str) -> Box<Handler> {
    let paragraphs: String = body.split("\n\n").map(|p| format!("<p>{p}</p>\n")).collect();
    let html = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title} | Harbour Gazette</title>\
         <meta property=\"og:site_name\" content=\"Harbour Gazette\"></head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/sport\">Sport</a></nav>\
         <article><h1>{title}</h1>{paragraphs}</article>\
         <footer>Copyright Harbour Gazette</footer></body></html>"
    );
    Box::new(move |_, stream, _| {
        respond(stream, 200, &[("Content-Type", "text/html; charset=utf-8")], html.as_bytes())
    })
}

/// An RSS feed of `(title, path)` items that answers a matching `If-None-Match` with a 304.
fn rss(items: &'static [(&'static str, &'static str)], etag: Option<&'static str>) -> Box<Handler> {
    Box::new(move |request, stream, _| {
        if etag.is_some() && request.headers.get("if-none-match").map(String::as_str) == etag {
            return respond(stream, 304, &[], b"");
        }
        let mut xml = String::from(
            "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Harbour Gazette</title>\n",
        );
        for (title, path) in items {
            xml.push_str(&format!(
                "<item><title>{title}</title><link>{path}</link><guid>{path}</guid>\
                 <pubDate>Mon, 02 Nov 2026 09:30:00 +0000</pubDate></item>\n"
            ));
        }
        xml.push_str("</channel></rss>\n");
        let mut headers = vec![("Content-Type", "application/rss+xml")];
        if let Some(etag) = etag {
            headers.push(("ETag", etag));
        }
        respond(stream, 200, &headers, xml.as_bytes())
    })
}

const HARBOUR: &str = "The city council voted on Tuesday to reopen the old harbour to ferries \
after a three-year closure, the mayor said at a press conference in the town hall.\n\n\
Work on the quay walls will start in March and cost about 12 million euros, according to the \
council's budget. The first ferry is expected to dock in September.\n\n\
Fishermen who use the harbour welcomed the decision but asked for a separate berth for their \
boats, saying the ferries would otherwise crowd them out.";

const BRIDGE: &str = "The northern bridge will close for repairs for six weeks from Monday, the \
regional transport office announced, after inspectors found cracks in two of its supports.\n\n\
Drivers are asked to use the ring road instead; buses will be diverted through the port \
district, adding about fifteen minutes to the journey.\n\n\
The office said the repairs would cost 4 million euros and that the bridge would reopen \
before the summer holidays.";

const MARKET: &str = "The weekly farmers' market moves from the cathedral square to the \
riverside park next month, the market association said on Friday.\n\n\
Stallholders had complained for years about the lack of space and parking near the cathedral. \
The park offers room for forty more stalls and a car park for two hundred cars.\n\n\
The first market in the park will be held on the first Saturday of December.";

fn server() -> Server {
    Server::start(vec![
        ("/news/harbour.html", page("Council votes to reopen the old harbour", HARBOUR)),
        ("/news/bridge.html", page("Northern bridge to close for repairs", BRIDGE)),
        ("/news/market.html", page("Farmers' market moves to the riverside park", MARKET)),
        (
            "/feed.xml",
            rss(
                &[
                    ("Council votes to reopen the old harbour", "/news/harbour.html"),
                    ("Northern bridge to close for repairs", "/news/bridge.html"),
                    ("A page that is gone", "/news/gone.html"),
                ],
                Some("\"v1\""),
            ),
        ),
        // No validators: only the store tells which entries are new.
        (
            "/plain.xml",
            rss(
                &[
                    ("Council votes to reopen the old harbour", "/news/harbour.html"),
                    ("Farmers' market moves to the riverside park", "/news/market.html"),
                ],
                None,
            ),
        ),
        (
            "/broken.xml",
            fixed(200, &[("Content-Type", "text/plain")], b"Service unavailable".to_vec()),
        ),
    ])
}

/// The URLs of the stored articles, sorted.
fn stored_urls(db: &Path) -> Vec<String> {
    let connection = rusqlite::Connection::open(db).unwrap();
    let mut stmt = connection.prepare("SELECT url FROM articles ORDER BY url").unwrap();
    stmt.query_map([], |row| row.get::<_, Option<String>>(0))
        .unwrap()
        .map(|it| it.unwrap().unwrap_or_default())
        .collect()
}

const FETCH: [&str; 4] = ["--allow-private", "--host-delay", "0s", "--quiet"];

#[test]
fn urls_are_ingested_beside_files_and_failures_are_named() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("local.txt"), format!("Market moves\n\n{MARKET}\n")).unwrap();
    let harbour = server.url("/news/harbour.html");
    let missing = server.url("/news/missing.html");
    let mut args = vec!["ingest", &harbour, "local.txt", &missing, "--db", "news.db"];
    args.extend(&FETCH[..3]);
    let output = parallax(dir.path(), &args);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(3), "exit code 3 when a URL is skipped: {err}");
    assert!(err.contains(&format!("error: {missing}: HTTP status 404")), "{err}");
    assert!(err.contains("2 articles read: 2 new"), "{err}");
    assert_eq!(stored_urls(&dir.path().join("news.db")), ["", harbour.as_str()]);

    // The stored page has the page's title and outlet, and is in a story.
    let stories = parallax(dir.path(), &["stories", "--db", "news.db", "--format", "json"]);
    let stories: Value = serde_json::from_slice(&stories.stdout).unwrap();
    let titles: Vec<&str> =
        stories.as_array().unwrap().iter().map(|it| it["title"].as_str().unwrap()).collect();
    assert!(titles.contains(&"Council votes to reopen the old harbour"), "{titles:?}");

    // Fetching the same page again changes nothing: its id comes from its address.
    let again = parallax(dir.path(), &["ingest", &harbour, "--db", "news.db", "--allow-private"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(stderr(&again).contains("0 new, 0 updated, 1 unchanged"), "{}", stderr(&again));

    // Loopback is refused unless allowed, with the reason.
    let refused = parallax(dir.path(), &["analyze", &harbour, "--format", "json"]);
    assert_eq!(refused.status.code(), Some(3));
    assert!(stderr(&refused).contains(&harbour), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("loopback"), "{}", stderr(&refused));

    // analyze reads URLs too, and stores nothing.
    let mut args = vec!["analyze", &harbour, "--format", "json"];
    args.extend(FETCH);
    let report = parallax(dir.path(), &args);
    assert!(report.status.success(), "{}", stderr(&report));
    let report: Value = serde_json::from_slice(&report.stdout).unwrap();
    assert_eq!(report["articles"][0]["url"], harbour.as_str());
    assert_eq!(report["articles"][0]["source"], "Harbour Gazette");
    assert!(report["articles"][0]["body"].as_str().unwrap().contains("three-year closure"));
}

#[test]
fn feeds_are_followed_and_polled_once_per_new_entry() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let (feed, plain, broken, gone) = (
        server.url("/feed.xml"),
        server.url("/plain.xml"),
        server.url("/broken.xml"),
        server.url("/gone.xml"),
    );
    for url in [&feed, &plain, &broken, &gone] {
        let added = parallax(dir.path(), &["feeds", "add", url, "--db", "news.db"]);
        assert!(added.status.success(), "{}", stderr(&added));
    }
    let again = parallax(dir.path(), &["feeds", "add", &feed, "--db", "news.db"]);
    assert!(stderr(&again).contains("already following"), "{}", stderr(&again));
    let not_url = parallax(dir.path(), &["feeds", "add", "feed.xml", "--db", "news.db"]);
    assert_eq!(not_url.status.code(), Some(2), "{}", stderr(&not_url));

    // First poll: both entries of the first feed, only the unseen one of the second, and
    // the broken feeds named with their reasons; the others go on.
    let mut poll = vec!["feeds", "poll", "--db", "news.db"];
    poll.extend(&FETCH[..3]);
    let first = parallax(dir.path(), &poll);
    let err = stderr(&first);
    assert_eq!(first.status.code(), Some(3), "exit code 3 when a feed failed: {err}");
    assert!(err.contains(&format!("error: {broken}: not a feed")), "{err}");
    assert!(err.contains(&format!("error: {gone}: HTTP status 404")), "{err}");
    assert!(err.contains(&format!("{feed}: 3 entries, 3 new, 2 fetched")), "{err}");
    let gone_page = server.url("/news/gone.html");
    assert!(err.contains(&format!("error: {gone_page}: HTTP status 404")), "{err}");
    assert!(err.contains(&format!("{plain}: 2 entries, 1 new, 1 fetched")), "{err}");
    assert!(err.contains("3 articles read: 3 new"), "{err}");
    let pages = ["/news/bridge.html", "/news/harbour.html", "/news/market.html"];
    assert_eq!(stored_urls(&db), pages.map(|it| server.url(it)));

    // The feed rows remember the validators, the poll and the errors.
    let list = parallax(dir.path(), &["feeds", "list", "--db", "news.db", "--format", "json"]);
    let list: Value = serde_json::from_slice(&list.stdout).unwrap();
    let row = |url: &str| list.as_array().unwrap().iter().find(|it| it["url"] == url).unwrap();
    // A page that is gone for good does not hold back the validators.
    assert_eq!(row(&feed)["etag"], "\"v1\"");
    assert!(row(&feed)["last_polled"].is_string());
    assert_eq!(row(&feed)["last_error"], "1 of 3 new entries could not be fetched");
    assert!(row(&plain)["last_error"].is_null());
    assert!(row(&broken)["last_error"].as_str().unwrap().contains("not a feed"));
    assert!(row(&gone)["last_error"].as_str().unwrap().contains("404"));
    // What became of each entry: the 404 page is given up, not retried.
    assert_eq!(row(&feed)["entries"], serde_json::json!({"stored": 2, "retry": 0, "failed": 1}));
    assert_eq!(row(&plain)["entries"], serde_json::json!({"stored": 2, "retry": 0, "failed": 0}));

    // Second poll, a new process: nothing is fetched again (a 304, or pages already stored).
    let second = parallax(dir.path(), &poll);
    let err = stderr(&second);
    assert!(err.contains(&format!("{feed}: not modified")), "{err}");
    assert!(err.contains(&format!("{plain}: 2 entries, 0 new, 0 fetched")), "{err}");
    assert!(err.contains("0 articles read"), "{err}");
    for path in pages {
        assert_eq!(server.hits(path), 1, "{path} fetched once");
    }
    assert_eq!(stored_urls(&db).len(), 3);

    // Removing: a followed feed goes, an unknown one is an error.
    let removed = parallax(dir.path(), &["feeds", "remove", &broken, "--db", "news.db"]);
    assert!(removed.status.success(), "{}", stderr(&removed));
    let unknown = parallax(dir.path(), &["feeds", "remove", &broken, "--db", "news.db"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(stderr(&unknown).contains("not following"), "{}", stderr(&unknown));
    let list = parallax(dir.path(), &["feeds", "list", "--db", "news.db"]);
    let list = String::from_utf8(list.stdout).unwrap();
    assert!(list.contains(&feed) && !list.contains(&broken), "{list}");
    assert!(list.contains("2 entries stored, 1 given up"), "{list}");
}

#[test]
fn new_commands_have_help_with_examples() {
    let dir = tempfile::tempdir().unwrap();
    for command in [
        &["feeds", "--help"][..],
        &["feeds", "add", "--help"],
        &["feeds", "list", "--help"],
        &["feeds", "remove", "--help"],
        &["feeds", "poll", "--help"],
        &["eval", "extract", "--help"],
    ] {
        let output = parallax(dir.path(), command);
        assert!(output.status.success(), "{command:?}");
        let help = String::from_utf8(output.stdout).unwrap();
        assert!(help.contains("Examples:"), "{command:?} --help has examples");
    }
    let bad = parallax(dir.path(), &["feeds", "poll", "--every", "soon"]);
    assert_eq!(bad.status.code(), Some(2));
}
