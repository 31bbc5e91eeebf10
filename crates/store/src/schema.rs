//! The store's schema and its versioned migrations, tracked by `PRAGMA user_version`.
//!
//! Migration `n` (zero-based) takes a store from version `n` to `n + 1`. Never edit a released
//! migration: append a new one, and commit a store written by the old version as a test fixture.

/// Marks a database as a Parallax store (`PRAGMA application_id`), so a foreign SQLite file is
/// refused instead of being migrated. The bytes spell "PLX1".
pub(crate) const APPLICATION_ID: i64 = 0x504c_5831;

pub(crate) const MIGRATIONS: &[&str] = &[
    // Version 1.
    "
    PRAGMA application_id = 1347180593;

    -- Ground state: one row per article id. `seq` is the arrival order (AUTOINCREMENT, so a
    -- number is never reused); `hash` is xxh3 over all the article's fields, to tell an
    -- unchanged re-ingest from an update. `duplicate_of` and `story` are derived state.
    CREATE TABLE articles (
        seq          INTEGER PRIMARY KEY AUTOINCREMENT,
        id           TEXT NOT NULL UNIQUE,
        hash         INTEGER NOT NULL,
        source       TEXT NOT NULL,
        url          TEXT,
        title        TEXT,
        author       TEXT,
        published    TEXT,            -- RFC 3339, offset as given
        language     TEXT,
        body         TEXT NOT NULL,
        extra        TEXT NOT NULL,   -- JSON object
        duplicate_of TEXT REFERENCES articles(id) DEFERRABLE INITIALLY DEFERRED,
        story        TEXT REFERENCES stories(id) DEFERRABLE INITIALLY DEFERRED
    );
    CREATE INDEX articles_story ON articles(story);

    -- Derived state: the stories of the last analysis. `data` is the report Story as JSON;
    -- the other columns are copies for listing and ordering without parsing it.
    CREATE TABLE stories (
        id              TEXT PRIMARY KEY,
        title           TEXT NOT NULL,
        article_count   INTEGER NOT NULL,
        source_count    INTEGER NOT NULL,
        sources         TEXT NOT NULL,  -- JSON array
        first_published TEXT,
        last_published  TEXT,
        last_epoch      INTEGER,        -- last_published as Unix seconds, for ordering
        data            TEXT NOT NULL
    );
    CREATE INDEX stories_newest ON stories(last_epoch DESC, article_count DESC);
    ",
    // Version 2: followed feeds, and finding articles by URL (to skip pages already fetched).
    "
    CREATE TABLE feeds (
        url           TEXT PRIMARY KEY,
        etag          TEXT,   -- validators of the last successful poll, for conditional GET
        last_modified TEXT,
        last_polled   TEXT,   -- RFC 3339
        last_error    TEXT    -- why the last poll failed, if it did
    );
    CREATE INDEX articles_url ON articles(url);
    ",
    // Version 3: what became of each feed entry, so that a poll neither fetches a stored
    // entry again nor retries a dead link forever.
    "
    CREATE TABLE feed_entries (
        feed_url   TEXT NOT NULL REFERENCES feeds(url) ON DELETE CASCADE,
        entry_id   TEXT NOT NULL,   -- the feed's guid or id, stable across polls
        url        TEXT,            -- the entry's link
        status     TEXT NOT NULL CHECK (status IN ('stored', 'retry', 'failed')),
        attempts   INTEGER NOT NULL,
        last_error TEXT,
        last_tried TEXT NOT NULL,   -- RFC 3339
        PRIMARY KEY (feed_url, entry_id)
    );
    ",
    // Version 4: what each story's report was computed from (a fingerprint of its articles'
    // content, their duplicates and the comparison's settings), so an analysis compares again
    // only the stories whose inputs changed. NULL (stories of older versions): compare again.
    "
    ALTER TABLE stories ADD COLUMN inputs INTEGER;
    ",
    // Version 5: the online steps' state (duplicate finder and clusterer) after the articles
    // up to `last_seq`, saved with the analysis it produced, so the next analysis goes on from
    // it instead of replaying every article. A cache: the pipeline checks it against the
    // articles (`fingerprint`) and its own build, and replays from the start when it does not
    // fit. At most one row.
    "
    CREATE TABLE online_state (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        last_seq    INTEGER NOT NULL,
        fingerprint INTEGER NOT NULL,
        state       BLOB NOT NULL
    );
    ",
    // Version 6: how many articles analyses have run through the online steps again since
    // the state was saved (articles stored after it, which it had not seen), so that it is
    // saved again once replaying has cost about what saving it costs. A table of its own:
    // SQLite rewrites a row whole on any update, state included. At most one row; none is 0.
    // And every article's key and derived state, and every story's inputs fingerprint, in
    // indexes of their own, which an analysis reads instead of the tables, whose rows hold the
    // articles' text and the stories' reports (at 300,000 articles, 2 GB and 1.2 GB).
    "
    CREATE TABLE online_replays (
        id       INTEGER PRIMARY KEY CHECK (id = 1),
        replayed INTEGER NOT NULL
    );
    CREATE INDEX articles_keys ON articles(seq, id, hash, duplicate_of, story);
    CREATE INDEX stories_inputs ON stories(id, inputs);
    ",
    // Version 7: the derived state's generation, counted up by every saved analysis, so that
    // an analysis saves only its changes, and only over the derived state it read (another
    // process's analysis saved meanwhile makes it start again). At most one row; none is 0.
    "
    CREATE TABLE analyses (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        generation INTEGER NOT NULL
    );
    ",
];

/// The schema version this build writes.
pub(crate) const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn application_id_in_migration_matches_the_constant() {
        assert!(MIGRATIONS[0].contains(&format!("application_id = {APPLICATION_ID};")));
    }
}
