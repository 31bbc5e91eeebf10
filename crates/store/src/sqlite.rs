//! [`SqliteStore`]: the [`Store`] in one SQLite file.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Duration;

use model::report::Story;
use model::Article;
use rusqlite::{
    params, Connection, ErrorCode, OptionalExtension, Row, Transaction, TransactionBehavior,
};

use crate::codec::{
    content_hash, stored_article, story_listing, to_json, ArticleRow, ARTICLE_COLUMNS,
    LISTING_COLUMNS,
};
use crate::schema::{APPLICATION_ID, LATEST_VERSION, MIGRATIONS};
use crate::{
    AnalysisUpdate, ArticleKey, Assignment, EntryStatus, Error, Feed, FeedEntryRecord, OnlineState,
    OnlineStateHead, OnlineUpdate, PutOutcome, Result, SavedStory, Store, StoredArticle,
    StoryListing,
};

/// How long a writer waits for another connection's lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The store in one SQLite file (bundled SQLite, WAL journal).
#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
}

impl SqliteStore {
    /// Opens the store at `path`, creating it if missing and migrating it to the current
    /// schema.
    ///
    /// A file that is not a SQLite database, a SQLite database of another program, or a
    /// store written by a newer Parallax is refused with a clear error and left untouched.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        let name = path.display().to_string();
        let conn =
            Connection::open(path).map_err(|cause| Error::Open { path: name.clone(), cause })?;
        SqliteStore::init(conn, &name)
    }

    /// A fresh store in memory, for tests.
    pub fn open_in_memory() -> Result<SqliteStore> {
        let conn = Connection::open_in_memory()
            .map_err(|cause| Error::Open { path: ":memory:".to_string(), cause })?;
        SqliteStore::init(conn, ":memory:")
    }

    fn init(conn: Connection, name: &str) -> Result<SqliteStore> {
        let open_error = |cause| Error::Open { path: name.to_string(), cause };
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_error)?;
        // Only reads until the file is known to be ours: reading the header is what detects a
        // file that is not a database, and nothing may be written to such a file.
        let version: i64 = match conn.pragma_query_value(None, "user_version", |row| row.get(0)) {
            Ok(version) => version,
            Err(err) if sqlite_code(&err) == Some(ErrorCode::NotADatabase) => {
                return Err(Error::NotADatabase { path: name.to_string() })
            }
            Err(cause) => return Err(open_error(cause)),
        };
        let application_id: i64 = conn
            .pragma_query_value(None, "application_id", |row| row.get(0))
            .map_err(open_error)?;
        if application_id != 0 && application_id != APPLICATION_ID {
            return Err(Error::NotParallax { path: name.to_string() });
        }
        if version > LATEST_VERSION {
            return Err(Error::TooNew {
                path: name.to_string(),
                found: version,
                known: LATEST_VERSION,
            });
        }
        if version == 0 {
            let n_tables: i64 = conn
                .query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get(0))
                .map_err(open_error)?;
            if n_tables > 0 {
                return Err(Error::NotParallax { path: name.to_string() });
            }
        }
        // WAL lets readers run while one writer commits, and a commit is a single append to the
        // log. With synchronous=NORMAL the log is fsynced at checkpoints rather than at every
        // commit: a killed process loses nothing that was committed (the log's pages are in the
        // OS cache and SQLite replays them on the next open), and even a power loss can only
        // drop the last transactions, never corrupt the database. FULL would add an fsync per
        // commit for durability against power loss alone.
        conn.pragma_update(None, "journal_mode", "WAL").map_err(open_error)?;
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(open_error)?;
        conn.pragma_update(None, "foreign_keys", true).map_err(open_error)?;
        let mut store = SqliteStore { conn };
        store.migrate(version).map_err(|err| match err {
            Error::Sqlite(cause) => open_error(cause),
            other => other,
        })?;
        Ok(store)
    }

    /// Applies every migration after `version`, each in its own transaction together with
    /// the version bump, so a crash leaves the store at a whole version.
    fn migrate(&mut self, version: i64) -> Result<()> {
        for (from, migration) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let tx = self.conn.transaction()?;
            tx.execute_batch(migration)?;
            tx.pragma_update(None, "user_version", from as i64 + 1)?;
            tx.commit()?;
        }
        Ok(())
    }
}

impl Store for SqliteStore {
    fn put_articles(&mut self, articles: &[Article]) -> Result<Vec<PutOutcome>> {
        let tx = self.conn.transaction()?;
        let mut outcomes = Vec::with_capacity(articles.len());
        for article in articles {
            outcomes.push(put_article(&tx, article)?);
        }
        tx.commit()?;
        Ok(outcomes)
    }

    fn articles(&self) -> Result<Vec<StoredArticle>> {
        self.articles_after(i64::MIN, usize::MAX)
    }

    fn article_keys(&self) -> Result<Vec<ArticleKey>> {
        let mut stmt = self.conn.prepare_cached(KEYS_SQL)?;
        let rows = stmt.query_map([], |row| {
            Ok(ArticleKey {
                seq: row.get(0)?,
                id: row.get(1)?,
                content_hash: row.get::<_, i64>(2)? as u64,
                duplicate_of: row.get(3)?,
                story: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn articles_after(&self, seq: i64, limit: usize) -> Result<Vec<StoredArticle>> {
        let sql =
            format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE seq > ?1 ORDER BY seq LIMIT ?2");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map([seq, limit], read_article_row)?;
        let mut acc = Vec::new();
        for row in rows {
            acc.push(stored_article(row?)?);
        }
        Ok(acc)
    }

    fn articles_by_id(&self, ids: &[&str]) -> Result<Vec<StoredArticle>> {
        let mut acc = Vec::with_capacity(ids.len());
        for id in ids {
            acc.extend(self.article(id)?);
        }
        acc.sort_unstable_by_key(|stored| stored.seq);
        Ok(acc)
    }

    fn online_state(&self) -> Result<Option<OnlineState>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT last_seq, fingerprint, state FROM online_state WHERE id = 1")?;
        let state = stmt
            .query_row([], |row| {
                Ok(OnlineState {
                    last_seq: row.get(0)?,
                    fingerprint: row.get::<_, i64>(1)? as u64,
                    state: row.get(2)?,
                })
            })
            .optional()?;
        Ok(state)
    }

    fn online_state_head(&self) -> Result<Option<OnlineStateHead>> {
        // length() of a blob reads its size from the record, not its pages.
        let mut stmt = self.conn.prepare_cached(
            "SELECT last_seq, fingerprint, length(state), coalesce(replayed, 0)
             FROM online_state LEFT JOIN online_replays USING (id) WHERE id = 1",
        )?;
        let head = stmt
            .query_row([], |row| {
                Ok(OnlineStateHead {
                    last_seq: row.get(0)?,
                    fingerprint: row.get::<_, i64>(1)? as u64,
                    bytes: row.get::<_, i64>(2)? as u64,
                    replayed: row.get::<_, i64>(3)? as u64,
                })
            })
            .optional()?;
        Ok(head)
    }

    fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        match stmt.query_row([id], read_article_row).optional()? {
            Some(row) => Ok(Some(stored_article(row)?)),
            None => Ok(None),
        }
    }

    fn article_count(&self) -> Result<usize> {
        let n_articles: i64 =
            self.conn.query_row("SELECT count(*) FROM articles", [], |row| row.get(0))?;
        Ok(n_articles as usize)
    }

    fn unassigned_count(&self) -> Result<usize> {
        let n_articles: i64 = self.conn.query_row(
            "SELECT count(*) FROM articles WHERE story IS NULL",
            [],
            |row| row.get(0),
        )?;
        Ok(n_articles as usize)
    }

    fn analysis_generation(&self) -> Result<u64> {
        Ok(generation(&self.conn)?)
    }

    fn save_analysis(&mut self, update: &AnalysisUpdate<'_>) -> Result<()> {
        let mut written = HashSet::with_capacity(update.stories.len());
        for saved in update.stories {
            if !written.insert(saved.story.id.as_str()) {
                return Err(Error::DuplicateStory(saved.story.id.clone()));
            }
        }
        // Immediate: the generation read below stays the latest until the commit.
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let stored = generation(&tx)?;
        if stored != update.base {
            return Err(Error::AnalysedMeanwhile);
        }
        let mut left = clear_unanalysed(&tx, update.analysed_through)?;
        left.extend(save_assignments(&tx, update.assignments, &written)?);
        save_stories(&tx, update.stories)?;
        delete_emptied_stories(&tx, &left, &written)?;
        save_online_state(&tx, update.online)?;
        tx.execute(
            "INSERT OR REPLACE INTO analyses (id, generation) VALUES (1, ?1)",
            [stored.wrapping_add(1) as i64],
        )?;
        tx.commit()?;
        Ok(())
    }

    fn story_inputs(&self) -> Result<HashMap<String, u64>> {
        let mut stmt = self.conn.prepare_cached(INPUTS_SQL)?;
        let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get::<_, i64>(1)? as u64)))?;
        Ok(rows.collect::<rusqlite::Result<HashMap<String, u64>>>()?)
    }

    fn stories(&self) -> Result<Vec<StoryListing>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {LISTING_COLUMNS} FROM stories \
             ORDER BY last_epoch IS NULL, last_epoch DESC, article_count DESC, source_count DESC, id"
        ))?;
        let rows = stmt.query_map([], read_listing_row)?;
        rows.map(|row| story_listing(row?)).collect()
    }

    fn story_listings(&self, ids: &[&str]) -> Result<Vec<StoryListing>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {LISTING_COLUMNS} FROM stories WHERE id = ?1"))?;
        let mut acc = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(row) = stmt.query_row([id], read_listing_row).optional()? {
                acc.push(story_listing(row)?);
            }
        }
        acc.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
        Ok(acc)
    }

    fn story(&self, id: &str) -> Result<Option<Story>> {
        let mut stmt = self.conn.prepare_cached("SELECT data FROM stories WHERE id = ?1")?;
        let Some(data) = stmt.query_row([id], |row| row.get::<_, String>(0)).optional()? else {
            return Ok(None);
        };
        let story = serde_json::from_str(&data)
            .map_err(|err| Error::Corrupt(format!("story {id:?}: {err}")))?;
        Ok(Some(story))
    }

    fn has_article_url(&self, url: &str) -> Result<bool> {
        let mut stmt = self.conn.prepare_cached("SELECT 1 FROM articles WHERE url = ?1 LIMIT 1")?;
        Ok(stmt.exists(params![url])?)
    }

    fn add_feed(&mut self, url: &str) -> Result<bool> {
        let added =
            self.conn.execute("INSERT OR IGNORE INTO feeds (url) VALUES (?1)", params![url])?;
        Ok(added == 1)
    }

    fn remove_feed(&mut self, url: &str) -> Result<bool> {
        let removed = self.conn.execute("DELETE FROM feeds WHERE url = ?1", params![url])?;
        Ok(removed == 1)
    }

    fn feeds(&self) -> Result<Vec<Feed>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT url, etag, last_modified, last_polled, last_error FROM feeds ORDER BY url",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok(Feed {
                url: row.get(0)?,
                etag: row.get(1)?,
                last_modified: row.get(2)?,
                last_polled: row.get(3)?,
                last_error: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<Feed>>>()?)
    }

    fn update_feed(&mut self, feed: &Feed) -> Result<()> {
        let updated = self.conn.execute(
            "UPDATE feeds SET etag = ?2, last_modified = ?3, last_polled = ?4, last_error = ?5 \
             WHERE url = ?1",
            params![feed.url, feed.etag, feed.last_modified, feed.last_polled, feed.last_error],
        )?;
        if updated == 0 {
            return Err(Error::UnknownFeed(feed.url.clone()));
        }
        Ok(())
    }

    fn feed_entry_counts(&self, feed_url: &str) -> Result<Vec<(EntryStatus, usize)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT status, count(*) FROM feed_entries WHERE feed_url = ?1 \
             GROUP BY status ORDER BY status",
        )?;
        let rows = stmt
            .query_map([feed_url], |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?)))?;
        let mut counts = Vec::new();
        for row in rows {
            let (status, count) = row?;
            let status = EntryStatus::parse(&status).ok_or_else(|| {
                Error::Corrupt(format!("feed {feed_url:?}: unknown entry status {status:?}"))
            })?;
            counts.push((status, count as usize));
        }
        Ok(counts)
    }

    fn feed_entries(&self, feed_url: &str) -> Result<Vec<FeedEntryRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT entry_id, url, status, attempts, last_error, last_tried FROM feed_entries \
             WHERE feed_url = ?1 ORDER BY entry_id",
        )?;
        let rows = stmt.query_map([feed_url], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get(1)?,
                row.get::<_, String>(2)?,
                row.get(3)?,
                row.get(4)?,
                row.get(5)?,
            ))
        })?;
        let mut records = Vec::new();
        for row in rows {
            let (entry_id, url, status, attempts, last_error, last_tried) = row?;
            let status = EntryStatus::parse(&status).ok_or_else(|| {
                Error::Corrupt(format!("feed entry {entry_id:?}: unknown status {status:?}"))
            })?;
            records.push(FeedEntryRecord {
                entry_id,
                url,
                status,
                attempts,
                last_error,
                last_tried,
            });
        }
        Ok(records)
    }

    fn record_feed_entries(&mut self, feed_url: &str, entries: &[FeedEntryRecord]) -> Result<()> {
        let tx = self.conn.transaction()?;
        let followed =
            tx.prepare_cached("SELECT 1 FROM feeds WHERE url = ?1")?.exists(params![feed_url])?;
        if !followed {
            return Err(Error::UnknownFeed(feed_url.to_string()));
        }
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR REPLACE INTO feed_entries \
                 (feed_url, entry_id, url, status, attempts, last_error, last_tried) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for entry in entries {
                stmt.execute(params![
                    feed_url,
                    entry.entry_id,
                    entry.url,
                    entry.status.as_str(),
                    entry.attempts,
                    entry.last_error,
                    entry.last_tried
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}

/// Writes the stories an analysis computed, with their inputs fingerprints.
fn save_stories(tx: &Transaction<'_>, stories: &[SavedStory<'_>]) -> Result<()> {
    let mut upsert = tx.prepare_cached(
        "INSERT INTO stories (id, title, article_count, source_count, sources, \
         first_published, last_published, last_epoch, data, inputs) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) \
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, \
         article_count = excluded.article_count, source_count = excluded.source_count, \
         sources = excluded.sources, first_published = excluded.first_published, \
         last_published = excluded.last_published, last_epoch = excluded.last_epoch, \
         data = excluded.data, inputs = excluded.inputs",
    )?;
    for &SavedStory { story, inputs } in stories {
        // Stories are listed by it; `StoryListing::order_key` orders them the same way.
        let last_epoch = story.last_published.as_deref().and_then(crate::epoch);
        upsert.execute(params![
            story.id,
            story.title,
            story.articles.len() as i64,
            story.sources.len() as i64,
            to_json(&story.sources)?,
            story.first_published,
            story.last_published,
            last_epoch,
            to_json(story)?,
            inputs as i64,
        ])?;
    }
    Ok(())
}

/// Clears the copy and story of every article stored after `seq`, which the analysis did not
/// reach; returns the stories they were in.
fn clear_unanalysed(tx: &Transaction<'_>, seq: i64) -> Result<HashSet<String>> {
    let left: HashSet<String> = tx
        .prepare_cached(STORIES_AFTER_SQL)?
        .query_map([seq], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tx.prepare_cached(CLEAR_AFTER_SQL)?.execute([seq])?;
    Ok(left)
}

/// Gives each assigned article its copy and story; returns the stories they were in before.
/// Each article, the article it copies and its story (one of `written`, or stored) must exist.
fn save_assignments(
    tx: &Transaction<'_>,
    assignments: &[Assignment],
    written: &HashSet<&str>,
) -> Result<HashSet<String>> {
    let mut before = tx.prepare_cached("SELECT story FROM articles WHERE id = ?1")?;
    let mut update =
        tx.prepare_cached("UPDATE articles SET duplicate_of = ?1, story = ?2 WHERE id = ?3")?;
    let mut article_exists = tx.prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?;
    let mut story_exists = tx.prepare_cached("SELECT 1 FROM stories WHERE id = ?1")?;
    let mut left = HashSet::new();
    for assignment in assignments {
        let Some(story) = before
            .query_row([&assignment.article], |row| row.get::<_, Option<String>>(0))
            .optional()?
        else {
            return Err(Error::UnknownArticle(assignment.article.clone()));
        };
        if let Some(original) = &assignment.duplicate_of {
            if !article_exists.exists([original])? {
                return Err(Error::UnknownArticle(original.clone()));
            }
        }
        if !written.contains(assignment.story.as_str())
            && !story_exists.exists([&assignment.story])?
        {
            return Err(Error::UnknownStory {
                article: assignment.article.clone(),
                story: assignment.story.clone(),
            });
        }
        update.execute(params![assignment.duplicate_of, assignment.story, assignment.article])?;
        left.extend(story.filter(|story| *story != assignment.story));
    }
    Ok(left)
}

/// Deletes the stories among `left` that no article is in any more.
fn delete_emptied_stories(
    tx: &Transaction<'_>,
    left: &HashSet<String>,
    written: &HashSet<&str>,
) -> Result<()> {
    let mut delete = tx.prepare_cached(DELETE_EMPTY_SQL)?;
    for story in left.iter().filter(|story| !written.contains(story.as_str())) {
        delete.execute([story])?;
    }
    Ok(())
}

/// The derived state's generation (0 before the first saved analysis).
fn generation(conn: &Connection) -> rusqlite::Result<u64> {
    let generation: Option<i64> = conn
        .query_row("SELECT generation FROM analyses WHERE id = 1", [], |row| row.get(0))
        .optional()?;
    Ok(generation.unwrap_or(0) as u64)
}

/// Every article's key and derived state, in arrival order, from the index `articles_keys`
/// alone, not the table, whose rows hold the articles' text.
const KEYS_SQL: &str = "SELECT seq, id, hash, duplicate_of, story FROM articles ORDER BY seq";

/// Every story's inputs fingerprint, for the stories saved with one, from the index
/// `stories_inputs` alone: the table's rows hold the stories' reports.
const INPUTS_SQL: &str = "SELECT id, inputs FROM stories WHERE inputs IS NOT NULL";

/// The stories of the articles after an arrival number, from `articles_keys` too: the articles
/// an analysis did not reach are the last ones.
const STORIES_AFTER_SQL: &str = "SELECT DISTINCT story FROM articles INDEXED BY articles_keys \
     WHERE seq > ?1 AND story IS NOT NULL";

/// Clears the derived state of the articles after an arrival number.
const CLEAR_AFTER_SQL: &str = "UPDATE articles SET duplicate_of = NULL, story = NULL \
     WHERE seq > ?1 AND (duplicate_of IS NOT NULL OR story IS NOT NULL)";

/// Deletes a story that no article is in, found through the index `articles_story`.
const DELETE_EMPTY_SQL: &str =
    "DELETE FROM stories WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM articles WHERE story = ?1)";

fn save_online_state(tx: &Transaction<'_>, online: OnlineUpdate<'_>) -> Result<()> {
    match online {
        // The count has a table of its own: updating the state's row would rewrite the state.
        OnlineUpdate::Keep { replayed } => {
            tx.execute(
                "INSERT OR REPLACE INTO online_replays (id, replayed) VALUES (1, ?1)",
                [replayed as i64],
            )?;
        }
        OnlineUpdate::Replace(state) => {
            tx.execute("DELETE FROM online_state", [])?;
            tx.execute("DELETE FROM online_replays", [])?;
            if let Some(online) = state {
                tx.execute(
                    "INSERT INTO online_state (id, last_seq, fingerprint, state)
                     VALUES (1, ?1, ?2, ?3)",
                    params![online.last_seq, online.fingerprint as i64, online.state],
                )?;
            }
        }
    }
    Ok(())
}

fn put_article(tx: &Transaction<'_>, article: &Article) -> Result<PutOutcome> {
    let hash = content_hash(article);
    let mut find = tx.prepare_cached("SELECT hash FROM articles WHERE id = ?1")?;
    let stored: Option<i64> = find.query_row([&article.id], |row| row.get(0)).optional()?;
    let published = article.published.map(|it| it.to_rfc3339());
    let extra = to_json(&article.extra)?;
    match stored {
        Some(stored) if stored == hash => Ok(PutOutcome::Unchanged),
        // Not an upsert: with AUTOINCREMENT an upsert that updates still uses up a sequence
        // number, and arrival numbers must stay dense for the articles that did arrive.
        Some(_) => {
            let mut update = tx.prepare_cached(
                "UPDATE articles SET hash = ?2, source = ?3, url = ?4, title = ?5, author = ?6, \
                 published = ?7, language = ?8, body = ?9, extra = ?10 WHERE id = ?1",
            )?;
            update.execute(params![
                article.id,
                hash,
                article.source,
                article.url,
                article.title,
                article.author,
                published,
                article.language,
                article.body,
                extra
            ])?;
            Ok(PutOutcome::Updated)
        }
        None => {
            let mut insert = tx.prepare_cached(
                "INSERT INTO articles (id, hash, source, url, title, author, published, language, body, extra) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            insert.execute(params![
                article.id,
                hash,
                article.source,
                article.url,
                article.title,
                article.author,
                published,
                article.language,
                article.body,
                extra
            ])?;
            Ok(PutOutcome::Inserted)
        }
    }
}

fn sqlite_code(err: &rusqlite::Error) -> Option<ErrorCode> {
    match err {
        rusqlite::Error::SqliteFailure(failure, _) => Some(failure.code),
        _ => None,
    }
}

fn read_article_row(row: &Row<'_>) -> rusqlite::Result<ArticleRow> {
    Ok(ArticleRow {
        seq: row.get(0)?,
        article: Article {
            id: row.get(1)?,
            source: row.get(2)?,
            url: row.get(3)?,
            title: row.get(4)?,
            author: row.get(5)?,
            published: None,
            language: row.get(7)?,
            body: row.get(8)?,
            extra: model::Extra::new(),
        },
        published: row.get(6)?,
        extra: row.get(9)?,
        duplicate_of: row.get(10)?,
        story: row.get(11)?,
        content_hash: row.get(12)?,
    })
}

/// A listing and its sources, as stored (JSON).
fn read_listing_row(row: &Row<'_>) -> rusqlite::Result<(StoryListing, String)> {
    let count: i64 = row.get(2)?;
    Ok((
        StoryListing {
            id: row.get(0)?,
            title: row.get(1)?,
            article_count: count as usize,
            sources: Vec::new(),
            first_published: row.get(4)?,
            last_published: row.get(5)?,
        },
        row.get(3)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analyses_read_and_write_through_indexes_not_texts_and_reports() {
        let store = SqliteStore::open_in_memory().unwrap();
        let plan = |sql: &str| -> Vec<String> {
            let mut stmt = store.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            // Raw: a plan needs no parameters bound.
            let mut rows = stmt.raw_query();
            let mut plan = Vec::new();
            while let Some(row) = rows.next().unwrap() {
                plan.push(row.get(3).unwrap());
            }
            plan
        };
        assert_eq!(plan(KEYS_SQL), ["SCAN articles USING COVERING INDEX articles_keys"]);
        assert_eq!(plan(INPUTS_SQL), ["SCAN stories USING COVERING INDEX stories_inputs"]);
        // What a save costs grows with what it changes, not with the store.
        let search = "SEARCH articles USING COVERING INDEX articles_keys (seq>?)";
        assert_eq!(plan(STORIES_AFTER_SQL), [search, "USE TEMP B-TREE FOR DISTINCT"]);
        assert_eq!(plan(CLEAR_AFTER_SQL), [search]);
        let plan = plan(DELETE_EMPTY_SQL).join("; ");
        assert!(plan.contains("INDEX articles_story (story=?)"), "{plan}");
    }
}
