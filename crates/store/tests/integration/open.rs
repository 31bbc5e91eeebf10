//! Opening: migrations from empty, reopening, and refusing files that are not ours.

use std::fs;

use store::{SqliteStore, Store};

use crate::article;

fn pragma(path: &std::path::Path, name: &str) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_query_value(None, name, |row| row.get(0)).unwrap()
}

#[test]
fn a_new_store_is_created_migrated_and_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("parallax.db");
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.article_count().unwrap(), 0);
    drop(store);
    assert_eq!(pragma(&path, "user_version"), 7);
    assert_eq!(pragma(&path, "application_id"), 0x504c_5831);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn.pragma_query_value(None, "journal_mode", |row| row.get(0)).unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn reopening_keeps_the_data_and_does_not_migrate_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("parallax.db");
    let mut store = SqliteStore::open(&path).unwrap();
    store.put_articles(&[article("a", "Body a."), article("b", "Body b.")]).unwrap();
    drop(store);
    let store = SqliteStore::open(&path).unwrap();
    let ids: Vec<_> =
        store.articles().unwrap().into_iter().map(|it| (it.seq, it.article.id)).collect();
    assert_eq!(ids, vec![(1, "a".to_string()), (2, "b".to_string())]);
    assert_eq!(pragma(&path, "user_version"), 7);
}

#[test]
fn a_file_that_is_not_a_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    let content = b"These are my notes, not a database. ".repeat(200);
    fs::write(&path, &content).unwrap();
    let err = SqliteStore::open(&path).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "cannot open store {}: the file is not a SQLite database (left untouched)",
            path.display()
        )
    );
    assert_eq!(fs::read(&path).unwrap(), content);
    let mut names: Vec<_> =
        fs::read_dir(dir.path()).unwrap().map(|it| it.unwrap().file_name()).collect();
    names.sort();
    assert_eq!(names, vec!["notes.db"], "no -wal or -shm file was created");
}

#[test]
fn a_store_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("parallax.db");
    let mut store = SqliteStore::open(&path).unwrap();
    store.put_articles(&[article("a", "Body.")]).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 9).unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    drop(conn);
    let before = fs::read(&path).unwrap();
    let err = SqliteStore::open(&path).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "cannot open store {}: its schema version is 9, newer than the 7 this parallax knows; \
             upgrade parallax (the store was left untouched)",
            path.display()
        )
    );
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(pragma(&path, "user_version"), 9);
}

#[test]
fn another_programs_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE accounts (name TEXT);").unwrap();
    drop(conn);
    let before = fs::read(&path).unwrap();
    let err = SqliteStore::open(&path).unwrap_err();
    assert!(matches!(err, store::Error::NotParallax { .. }), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn an_unopenable_path_names_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing-dir").join("parallax.db");
    let err = SqliteStore::open(&path).unwrap_err();
    let message = err.to_string();
    assert!(message.starts_with(&format!("cannot open store {}: ", path.display())), "{message}");
}

#[test]
fn the_store_is_usable_as_a_boxed_trait_object_across_threads() {
    let store: Box<dyn Store> = Box::new(SqliteStore::open_in_memory().unwrap());
    let count = std::thread::spawn(move || store.article_count().unwrap()).join().unwrap();
    assert_eq!(count, 0);
}
