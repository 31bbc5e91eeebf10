//! On-disk compatibility: a store written by every released schema version opens, keeps its
//! data and is migrated to the current version.

use std::path::{Path, PathBuf};

use store::{SqliteStore, Store};

/// A store file made from a dump, in a directory removed when the first value is dropped.
fn restore(dump: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.db");
    rusqlite::Connection::open(&path).unwrap().execute_batch(dump).unwrap();
    (dir, path)
}

/// The schema version this build migrates stores to.
const LATEST: i64 = 7;

/// The schema version a store file is at.
fn schema_version(path: &Path) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_query_value(None, "user_version", |row| row.get(0)).unwrap()
}

/// Saves an analysis that changes no article's copy or story and no story, doing `online`
/// with the online state.
fn save_as_stored(store: &mut SqliteStore, online: store::OnlineUpdate<'_>) {
    let base = store.analysis_generation().unwrap();
    let update = store::AnalysisUpdate {
        base,
        assignments: &[],
        analysed_through: i64::MAX,
        stories: &[],
        online,
    };
    store.save_analysis(&update).unwrap();
}

/// `tests/data/v1.sql` is the dump of a store written by `parallax ingest` at schema version 1,
/// from two articles we wrote (Harbor Gazette and Lanford Courier on a harbor flood). It is kept
/// as text, not as a `.db` file, so that it is reviewable and never caught by `.gitignore`.
#[test]
fn a_version_1_store_opens_and_is_migrated() {
    let (_dir, path) = restore(include_str!("../data/v1.sql"));

    let mut store = SqliteStore::open(&path).unwrap();
    let ids: Vec<String> = store.articles().unwrap().into_iter().map(|a| a.article.id).collect();
    assert_eq!(ids, ["v1-a", "v1-b"]);
    let stories = store.stories().unwrap();
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0].sources, ["Harbor Gazette", "Lanford Courier"]);
    assert!(store.story(&stories[0].id).unwrap().is_some());
    // The version 2 tables work on the migrated store.
    assert!(store.add_feed("https://example.org/feed.xml").unwrap());
    drop(store);
    assert_eq!(schema_version(&path), LATEST);
}

/// `tests/data/v2.sql` is the dump of `v1.sql` migrated to schema version 2 by `parallax`, then
/// following a feed we wrote (served on loopback) and polling it once: one more article and a
/// feed row with its validators.
#[test]
fn a_version_2_store_opens_and_is_migrated() {
    let (_dir, path) = restore(include_str!("../data/v2.sql"));

    let mut store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.article_count().unwrap(), 3);
    let feed = "http://127.0.0.1:8765/feed.xml";
    assert!(store.has_article_url("http://127.0.0.1:8765/pumps.html").unwrap());
    let feeds = store.feeds().unwrap();
    assert_eq!(feeds.len(), 1);
    assert_eq!(feeds[0].url, feed);
    assert_eq!(feeds[0].last_modified.as_deref(), Some("Mon, 23 Nov 2026 14:42:58 GMT"));
    assert_eq!(store.stories().unwrap().len(), 1);
    // The version 3 table works on the migrated store, and starts empty.
    assert!(store.feed_entries(feed).unwrap().is_empty());
    let record = store::FeedEntryRecord {
        entry_id: "hg-2026-03-03-pumps".to_string(),
        url: Some("http://127.0.0.1:8765/pumps.html".to_string()),
        status: store::EntryStatus::Stored,
        attempts: 1,
        last_error: None,
        last_tried: "2026-11-23T15:00:00Z".to_string(),
    };
    store.record_feed_entries(feed, std::slice::from_ref(&record)).unwrap();
    assert_eq!(store.feed_entries(feed).unwrap(), [record]);
    drop(store);
    assert_eq!(schema_version(&path), LATEST);
}

/// `tests/data/v3.sql` is the dump of `v2.sql` migrated to schema version 3 by `parallax feeds
/// poll` of the same feed with a second entry whose page is missing: one entry stored, one
/// given up. Its story was saved before stories kept their inputs fingerprint.
#[test]
fn a_version_3_store_opens_and_is_migrated() {
    let (_dir, path) = restore(include_str!("../data/v3.sql"));

    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.article_count().unwrap(), 3);
    let feed = "http://127.0.0.1:8765/feed.xml";
    let statuses: Vec<_> =
        store.feed_entries(feed).unwrap().into_iter().map(|entry| entry.status).collect();
    assert_eq!(statuses, [store::EntryStatus::Stored, store::EntryStatus::Failed]);
    let counts = store.feed_entry_counts(feed).unwrap();
    assert_eq!(counts, [(store::EntryStatus::Failed, 1), (store::EntryStatus::Stored, 1)]);
    assert!(store.feed_entry_counts("https://example.org/none.xml").unwrap().is_empty());
    // The story is still there, without a fingerprint: the next analysis compares it again.
    let stories = store.stories().unwrap();
    assert_eq!(stories.len(), 1);
    assert!(store.story(&stories[0].id).unwrap().is_some());
    assert!(store.story_inputs().unwrap().is_empty());
    drop(store);
    assert_eq!(schema_version(&path), LATEST);
}

/// `tests/data/v4.sql` is the dump of `v3.sql` migrated to schema version 4 by `parallax
/// ingest` of a third article we wrote: its one story saved with its inputs fingerprint, and
/// no online state (version 5 keeps it).
#[test]
fn a_version_4_store_opens_and_is_migrated() {
    let (_dir, path) = restore(include_str!("../data/v4.sql"));

    let mut store = SqliteStore::open(&path).unwrap();
    let keys = store.article_keys().unwrap();
    let ids: Vec<&str> = keys.iter().map(|key| key.id.as_str()).collect();
    assert_eq!(ids, ["v1-a", "v1-b", "e49f77f1c4c2ce32", "wall"]);
    assert!(keys.iter().all(|key| key.story.as_deref() == Some("sd62f3287c36e")));
    assert_eq!(store.story_inputs().unwrap().len(), 1);
    // The version 5 table starts empty and takes the state an analysis saves.
    assert_eq!(store.online_state().unwrap(), None);
    let online = store::OnlineState { last_seq: 4, fingerprint: 9, state: vec![1, 2, 3] };
    save_as_stored(&mut store, store::OnlineUpdate::Replace(Some(&online)));
    assert_eq!(store.online_state().unwrap(), Some(online));
    drop(store);
    assert_eq!(schema_version(&path), LATEST);
}

/// `tests/data/v5.sql` is the dump of `v4.sql` migrated to schema version 5 by `parallax
/// ingest` of a fourth article we wrote, so that its analysis saved the online state (version
/// 6 keeps it, and counts replays beside it).
#[test]
fn a_version_5_store_opens_and_is_migrated() {
    let (_dir, path) = restore(include_str!("../data/v5.sql"));

    let mut store = SqliteStore::open(&path).unwrap();
    let keys = store.article_keys().unwrap();
    assert_eq!(keys.len(), 5);
    let saved = store.online_state().unwrap().expect("the version 5 state");
    assert_eq!(saved.last_seq, keys[4].seq);
    assert!(saved.state.starts_with(b"PLXONL01"), "{:?}", &saved.state[..8]);
    let head = store.online_state_head().unwrap().expect("its head");
    assert_eq!((head.last_seq, head.fingerprint), (saved.last_seq, saved.fingerprint));
    assert_eq!((head.bytes, head.replayed), (saved.state.len() as u64, 0));
    // An analysis that keeps the state counts its replays in the version 6 table.
    let keep = store::OnlineUpdate::Keep { replayed: 3 };
    save_as_stored(&mut store, keep);
    assert_eq!(
        store.online_state_head().unwrap(),
        Some(store::OnlineStateHead { replayed: 3, ..head })
    );
    assert_eq!(store.online_state().unwrap(), Some(saved));
    drop(store);
    assert_eq!(schema_version(&path), LATEST);
}

/// `tests/data/v6.sql` is the dump of `v5.sql` migrated to schema version 6 by `parallax
/// ingest` of three more articles we wrote, one at a time (the last a copy of the one before).
#[test]
fn a_version_6_store_opens_and_is_migrated() {
    let (_dir, path) = restore(include_str!("../data/v6.sql"));

    let mut store = SqliteStore::open(&path).unwrap();
    let keys = store.article_keys().unwrap();
    let ids: Vec<&str> = keys.iter().map(|key| key.id.as_str()).collect();
    assert_eq!(ids[5..], ["quay", "grants", "grants2"]);
    assert_eq!(keys[7].duplicate_of.as_deref(), Some("grants"));
    assert_eq!(keys[7].story, keys[6].story);
    assert!(keys.iter().all(|key| key.story.is_some()));
    // Version 7 counts saved analyses from here.
    assert_eq!(store.analysis_generation().unwrap(), 0);
    save_as_stored(&mut store, store::OnlineUpdate::Keep { replayed: 1 });
    assert_eq!(store.analysis_generation().unwrap(), 1);
    assert_eq!(store.article_keys().unwrap(), keys);
    assert_eq!(store.stories().unwrap().len(), 3);
    drop(store);
    assert_eq!(schema_version(&path), LATEST);
}
