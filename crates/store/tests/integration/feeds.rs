//! Followed feeds and finding articles by URL.

use store::{Error, Feed, SqliteStore, Store};

use crate::article;

#[test]
fn feeds_are_added_once_updated_and_removed() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    assert!(store.add_feed("https://example.org/feed.xml").unwrap());
    assert!(!store.add_feed("https://example.org/feed.xml").unwrap(), "already followed");
    assert!(store.add_feed("https://example.com/atom").unwrap());

    let polled = Feed {
        url: "https://example.org/feed.xml".to_string(),
        etag: Some("\"v7\"".to_string()),
        last_modified: Some("Mon, 23 Nov 2026 08:00:00 GMT".to_string()),
        last_polled: Some("2026-11-23T08:00:05Z".to_string()),
        last_error: None,
    };
    store.update_feed(&polled).unwrap();
    let feeds = store.feeds().unwrap();
    assert_eq!(feeds.len(), 2);
    assert_eq!(feeds[0].url, "https://example.com/atom");
    assert_eq!(feeds[1], polled);

    assert!(store.remove_feed("https://example.com/atom").unwrap());
    assert!(!store.remove_feed("https://example.com/atom").unwrap());
    assert_eq!(store.feeds().unwrap().len(), 1);
}

#[test]
fn updating_a_feed_that_is_not_followed_is_an_error() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let feed = Feed { url: "https://nowhere.example/rss".to_string(), ..Feed::default() };
    assert!(matches!(store.update_feed(&feed), Err(Error::UnknownFeed(_))));
}

#[test]
fn articles_are_found_by_url() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    store.put_articles(&[article("a", "Body a.")]).unwrap();
    assert!(store.has_article_url("https://example.org/a").unwrap());
    assert!(!store.has_article_url("https://example.org/b").unwrap());
}
