//! On-disk compatibility: a store written by every released schema version opens, keeps its
//! data and is migrated to the current version.

use store::{SqliteStore, Store};

/// `tests/data/v1.sql` is the dump of a store written by `parallax ingest` at schema version 1,
/// from two articles we wrote (Harbor Gazette and Lanford Courier on a harbor flood). It is kept
/// as text, not as a `.db` file, so that it is reviewable and never caught by `.gitignore`.
#[test]
fn a_version_1_store_opens_and_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    let dump = include_str!("../data/v1.sql");
    rusqlite::Connection::open(&path).unwrap().execute_batch(dump).unwrap();

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

    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0)).unwrap();
    assert_eq!(version, 2);
}
