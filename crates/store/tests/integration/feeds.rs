//! Followed feeds and finding articles by URL.

use store::{EntryStatus, Error, Feed, FeedEntryRecord};

use crate::article;

#[test]
fn feeds_are_added_once_updated_and_removed() {
    for mut store in crate::stores() {
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
}

#[test]
fn updating_a_feed_that_is_not_followed_is_an_error() {
    for mut store in crate::stores() {
        let feed = Feed { url: "https://nowhere.example/rss".to_string(), ..Feed::default() };
        assert!(matches!(store.update_feed(&feed), Err(Error::UnknownFeed(_))));
    }
}

#[test]
fn articles_are_found_by_url() {
    for mut store in crate::stores() {
        store.put_articles(&[article("a", "Body a.")]).unwrap();
        assert!(store.has_article_url("https://example.org/a").unwrap());
        assert!(!store.has_article_url("https://example.org/b").unwrap());
    }
}

fn record(entry_id: &str, status: EntryStatus, attempts: u32) -> FeedEntryRecord {
    FeedEntryRecord {
        entry_id: entry_id.to_string(),
        url: Some(format!("https://example.org/{entry_id}")),
        status,
        attempts,
        last_error: (status != EntryStatus::Stored).then(|| "HTTP 503".to_string()),
        last_tried: "2026-11-23T08:00:05Z".to_string(),
    }
}

#[test]
fn feed_entries_are_recorded_replaced_and_dropped_with_their_feed() {
    for mut store in crate::stores() {
        let feed = "https://example.org/feed.xml";
        store.add_feed(feed).unwrap();
        store.add_feed("https://example.com/atom").unwrap();
        let first = [record("b", EntryStatus::Retry, 1), record("a", EntryStatus::Stored, 1)];
        store.record_feed_entries(feed, &first).unwrap();
        store
            .record_feed_entries("https://example.com/atom", &[record("a", EntryStatus::Failed, 5)])
            .unwrap();
        assert_eq!(store.feed_entries(feed).unwrap(), [first[1].clone(), first[0].clone()]);

        // The retried entry's new record replaces the old one; the other is kept.
        let retried = record("b", EntryStatus::Stored, 2);
        store.record_feed_entries(feed, std::slice::from_ref(&retried)).unwrap();
        assert_eq!(store.feed_entries(feed).unwrap(), [first[1].clone(), retried]);

        assert!(store.remove_feed(feed).unwrap());
        assert!(store.feed_entries(feed).unwrap().is_empty());
        assert_eq!(store.feed_entries("https://example.com/atom").unwrap().len(), 1);
        assert!(matches!(
            store.record_feed_entries(feed, &first),
            Err(Error::UnknownFeed(url)) if url == feed
        ));
    }
}
