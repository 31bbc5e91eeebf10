//! [`PgStore`]: the [`Store`] in a PostgreSQL database, for stores that outgrow one file or
//! that several machines share.
//!
//! The same tables as the SQLite store at its latest version, created at once rather than
//! migrated (the PostgreSQL schema starts at version 1 of its own, in `parallax_meta`). What
//! differs from SQLite: writers of articles take a lock on the table, so that arrival numbers
//! commit in the order they were drawn (an analysis goes on after the last number it saw, and
//! PostgreSQL draws numbers before commit); a save locks the generation's row instead of the
//! whole database; ids are ordered bytewise (`COLLATE "C"`), as SQLite orders them. Batches
//! are written with one statement over arrays; a closed connection is opened again; TLS
//! when the URL asks for it.

use std::cell::{RefCell, RefMut};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use model::report::Story;
use model::Article;
use postgres::config::SslMode;
use postgres::{Client, GenericClient, NoTls, Row, Transaction};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::codec::{
    content_hash, stored_article, story_listing, text_fields, to_json, ArticleRow, ARTICLE_COLUMNS,
    LISTING_COLUMNS,
};
use crate::{
    AnalysisUpdate, ArticleKey, Assignment, EntryStatus, Error, Feed, FeedEntryRecord, OnlineState,
    OnlineStateHead, OnlineUpdate, PutOutcome, Result, SavedStory, Store, StoredArticle,
    StoryListing,
};

/// Marks a database as a Parallax store, as SQLite's `application_id` does.
const APPLICATION: &str = "parallax";

/// How long connecting may take when the URL does not say (`connect_timeout`): an address
/// that drops packets would otherwise hang for the system's TCP timeout.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The PostgreSQL schema version this build writes.
const VERSION: i64 = 1;

const SCHEMA: &str = r#"
CREATE TABLE parallax_meta (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    application TEXT NOT NULL,
    version     BIGINT NOT NULL
);
-- Derived state: the stories of the last analysis (see the SQLite schema for each column).
CREATE TABLE stories (
    id              TEXT COLLATE "C" PRIMARY KEY,
    title           TEXT NOT NULL,
    article_count   BIGINT NOT NULL,
    source_count    BIGINT NOT NULL,
    sources         TEXT NOT NULL,
    first_published TEXT,
    last_published  TEXT,
    last_epoch      BIGINT,
    data            TEXT NOT NULL,
    inputs          BIGINT
);
CREATE INDEX stories_newest ON stories (last_epoch DESC NULLS LAST, article_count DESC, source_count DESC, id);
CREATE INDEX stories_inputs ON stories (id) INCLUDE (inputs) WHERE inputs IS NOT NULL;
-- Ground state, one row per article id; `seq` is the arrival order.
CREATE TABLE articles (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id           TEXT COLLATE "C" NOT NULL UNIQUE,
    hash         BIGINT NOT NULL,
    source       TEXT NOT NULL,
    url          TEXT,
    title        TEXT,
    author       TEXT,
    published    TEXT,
    language     TEXT,
    body         TEXT NOT NULL,
    extra        TEXT NOT NULL,
    duplicate_of TEXT COLLATE "C" REFERENCES articles (id) DEFERRABLE INITIALLY DEFERRED,
    story        TEXT COLLATE "C" REFERENCES stories (id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX articles_story ON articles (story);
CREATE INDEX articles_url ON articles (url);
CREATE INDEX articles_keys ON articles (seq) INCLUDE (id, hash, duplicate_of, story);
CREATE TABLE feeds (
    url           TEXT COLLATE "C" PRIMARY KEY,
    etag          TEXT,
    last_modified TEXT,
    last_polled   TEXT,
    last_error    TEXT
);
CREATE TABLE feed_entries (
    feed_url   TEXT COLLATE "C" NOT NULL REFERENCES feeds (url) ON DELETE CASCADE,
    entry_id   TEXT COLLATE "C" NOT NULL,
    url        TEXT,
    status     TEXT NOT NULL CHECK (status IN ('stored', 'retry', 'failed')),
    attempts   BIGINT NOT NULL,
    last_error TEXT,
    last_tried TEXT NOT NULL,
    PRIMARY KEY (feed_url, entry_id)
);
-- The online steps' state, a cache the pipeline checks; at most one row.
CREATE TABLE online_state (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    last_seq    BIGINT NOT NULL,
    fingerprint BIGINT NOT NULL,
    state       BYTEA NOT NULL
);
CREATE TABLE online_replays (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    replayed BIGINT NOT NULL
);
-- The derived state's generation; its one row is locked by each save.
CREATE TABLE analyses (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    generation BIGINT NOT NULL
);
INSERT INTO analyses (id, generation) VALUES (1, 0);
"#;

/// The store in a PostgreSQL database.
pub struct PgStore {
    // Reads take `&self` in [`Store`]; a client takes `&mut` for every query. `None` only
    // while dropped (see `Drop`).
    client: RefCell<Option<Client>>,
    /// How to connect again when the server closed the connection.
    config: postgres::Config,
    /// The files of the URL's TLS parameters that the client library does not read.
    tls: TlsFiles,
    /// The URL without its password, for errors.
    name: String,
}

impl Drop for PgStore {
    fn drop(&mut self) {
        // A client closes by blocking on a runtime of its own, which panics on a thread that
        // drives a tokio runtime (a server's task, an async test): there, it closes on a
        // thread of its own.
        let Some(client) = self.client.get_mut().take() else { return };
        if tokio::runtime::Handle::try_current().is_ok() {
            let _ = std::thread::spawn(move || drop(client)).join();
        }
    }
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore").finish_non_exhaustive()
    }
}

impl PgStore {
    /// Connects to the database at `url` (`postgres://user:password@host:port/database`, or
    /// `postgresql:///database?host=/run/postgresql` for a Unix socket), creating the store's
    /// tables in an empty database. With `sslmode=require` the connection is TLS, the server
    /// verified against the system's authorities and those of the PEM file `sslrootcert`
    /// names, and the client, when the server asks, by the certificate and key of the PEM
    /// files `sslcert` and `sslkey` name; otherwise it is in the clear.
    ///
    /// A database holding other tables but no Parallax store, or a store written by a newer
    /// Parallax, is refused with a clear error and left untouched.
    pub fn connect(url: &str) -> Result<PgStore> {
        let name = redacted(url);
        let (url, tls) = take_tls_files(url);
        let open_error = |cause| Error::OpenPostgres { url: name.clone(), cause };
        let mut config: postgres::Config = url.parse().map_err(open_error)?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        let mut client = connect(&config, &tls, &name)?;
        let mut tx = client.transaction().map_err(open_error)?;
        // One process creates the tables; another one opening at the same time waits for it.
        tx.execute("SELECT pg_advisory_xact_lock(5208967512)", &[]).map_err(open_error)?;
        let has_meta: bool = tx
            .query_one("SELECT to_regclass('parallax_meta') IS NOT NULL", &[])
            .map_err(open_error)?
            .get(0);
        if has_meta {
            let row = tx
                .query_one("SELECT application, version FROM parallax_meta WHERE id = 1", &[])
                .map_err(open_error)?;
            let (application, version): (String, i64) = (row.get(0), row.get(1));
            if application != APPLICATION {
                return Err(Error::ForeignDatabase { url: name });
            }
            if version > VERSION {
                return Err(Error::TooNew { path: name, found: version, known: VERSION });
            }
        } else {
            let n_tables: i64 = tx
                .query_one(
                    "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()",
                    &[],
                )
                .map_err(open_error)?
                .get(0);
            if n_tables > 0 {
                return Err(Error::ForeignDatabase { url: name });
            }
            tx.batch_execute(SCHEMA).map_err(open_error)?;
            tx.execute(
                "INSERT INTO parallax_meta (id, application, version) VALUES (1, $1, $2)",
                &[&APPLICATION, &VERSION],
            )
            .map_err(open_error)?;
        }
        tx.commit().map_err(open_error)?;
        Ok(PgStore { client: RefCell::new(Some(client)), config, tls, name })
    }

    /// The connection, opened again first when the server has closed it (a restart of the
    /// database, an administrator, an idle timeout). A client learns of a closing only when
    /// it next reads, so each call first checks with an empty query: a round trip, small
    /// beside the calls, which each read or write a batch.
    fn client(&self) -> Result<RefMut<'_, Client>> {
        let mut client = self.client.borrow_mut();
        let open =
            |client: &mut Client| !client.is_closed() && client.is_valid(CONNECT_TIMEOUT).is_ok();
        if !client.as_mut().is_some_and(open) {
            *client = Some(connect(&self.config, &self.tls, &self.name)?);
        }
        Ok(RefMut::map(client, |client| client.as_mut().expect("connected above")))
    }
}

impl Store for PgStore {
    fn put_articles(&mut self, articles: &[Article]) -> Result<Vec<PutOutcome>> {
        for article in articles {
            refuse_nul(article)?;
        }
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        // Arrival numbers are drawn before commit: one writer at a time makes them commit in
        // order, so no analysis goes past a number whose article is not committed yet.
        tx.batch_execute("LOCK TABLE articles IN SHARE ROW EXCLUSIVE MODE")?;
        let ids: Vec<&str> = articles.iter().map(|article| article.id.as_str()).collect();
        let mut stored: HashMap<String, i64> = tx
            .query("SELECT id, hash FROM articles WHERE id = ANY($1)", &[&ids])?
            .iter()
            .map(|row| (row.get(0), row.get(1)))
            .collect();
        // New articles are inserted together, in order; an update (rare) goes on its own,
        // after the insertion of an article it may update in the same batch.
        let mut inserts = ArticleColumns::default();
        let mut outcomes = Vec::with_capacity(articles.len());
        for article in articles {
            let hash = content_hash(article);
            let outcome = match stored.insert(article.id.clone(), hash) {
                Some(before) if before == hash => PutOutcome::Unchanged,
                Some(_) => {
                    inserts.flush(&mut tx)?;
                    update_article(&mut tx, article, hash)?;
                    PutOutcome::Updated
                }
                None => {
                    inserts.push(article, hash)?;
                    PutOutcome::Inserted
                }
            };
            outcomes.push(outcome);
        }
        inserts.flush(&mut tx)?;
        tx.commit()?;
        Ok(outcomes)
    }

    fn articles(&self) -> Result<Vec<StoredArticle>> {
        self.articles_after(i64::MIN, usize::MAX)
    }

    fn article_keys(&self) -> Result<Vec<ArticleKey>> {
        let rows = self
            .client()?
            .query("SELECT seq, id, hash, duplicate_of, story FROM articles ORDER BY seq", &[])?;
        Ok(rows
            .iter()
            .map(|row| ArticleKey {
                seq: row.get(0),
                id: row.get(1),
                content_hash: row.get::<_, i64>(2) as u64,
                duplicate_of: row.get(3),
                story: row.get(4),
            })
            .collect())
    }

    fn articles_after(&self, seq: i64, limit: usize) -> Result<Vec<StoredArticle>> {
        let sql =
            format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE seq > $1 ORDER BY seq LIMIT $2");
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = self.client()?.query(&sql, &[&seq, &limit])?;
        rows.iter().map(|row| stored_article(article_row(row))).collect()
    }

    fn articles_by_id(&self, ids: &[&str]) -> Result<Vec<StoredArticle>> {
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ANY($1) ORDER BY seq");
        let rows = self.client()?.query(&sql, &[&ids])?;
        rows.iter().map(|row| stored_article(article_row(row))).collect()
    }

    fn online_state(&self) -> Result<Option<OnlineState>> {
        let row = self
            .client()?
            .query_opt("SELECT last_seq, fingerprint, state FROM online_state WHERE id = 1", &[])?;
        Ok(row.map(|row| OnlineState {
            last_seq: row.get(0),
            fingerprint: row.get::<_, i64>(1) as u64,
            state: row.get(2),
        }))
    }

    fn online_state_head(&self) -> Result<Option<OnlineStateHead>> {
        let row = self.client()?.query_opt(
            "SELECT last_seq, fingerprint, octet_length(state)::BIGINT, coalesce(replayed, 0)
             FROM online_state LEFT JOIN online_replays USING (id) WHERE id = 1",
            &[],
        )?;
        Ok(row.map(|row| OnlineStateHead {
            last_seq: row.get(0),
            fingerprint: row.get::<_, i64>(1) as u64,
            bytes: row.get::<_, i64>(2) as u64,
            replayed: row.get::<_, i64>(3) as u64,
        }))
    }

    fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = $1");
        let row = self.client()?.query_opt(&sql, &[&id])?;
        row.map(|row| stored_article(article_row(&row))).transpose()
    }

    fn article_count(&self) -> Result<usize> {
        let row = self.client()?.query_one("SELECT count(*) FROM articles", &[])?;
        Ok(row.get::<_, i64>(0) as usize)
    }

    fn unassigned_count(&self) -> Result<usize> {
        let row =
            self.client()?.query_one("SELECT count(*) FROM articles WHERE story IS NULL", &[])?;
        Ok(row.get::<_, i64>(0) as usize)
    }

    fn analysis_generation(&self) -> Result<u64> {
        Ok(generation(&mut *self.client()?, "")?)
    }

    fn save_analysis(&mut self, update: &AnalysisUpdate<'_>) -> Result<()> {
        let mut written = HashSet::with_capacity(update.stories.len());
        for saved in update.stories {
            if !written.insert(saved.story.id.as_str()) {
                return Err(Error::DuplicateStory(saved.story.id.clone()));
            }
        }
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        // The row stays locked, so the generation read stays the latest, until the commit.
        let stored = generation(&mut tx, "FOR UPDATE")?;
        if stored != update.base {
            return Err(Error::AnalysedMeanwhile);
        }
        let mut left = clear_unanalysed(&mut tx, update.analysed_through)?;
        left.extend(save_assignments(&mut tx, update.assignments, &written)?);
        save_stories(&mut tx, update.stories)?;
        let left: Vec<&str> =
            left.iter().map(String::as_str).filter(|story| !written.contains(story)).collect();
        tx.execute(
            "DELETE FROM stories WHERE id = ANY($1) \
             AND NOT EXISTS (SELECT 1 FROM articles WHERE story = stories.id)",
            &[&left],
        )?;
        save_online_state(&mut tx, update.online)?;
        let next = stored.wrapping_add(1) as i64;
        tx.execute("UPDATE analyses SET generation = $1 WHERE id = 1", &[&next])?;
        tx.commit()?;
        Ok(())
    }

    fn story_inputs(&self) -> Result<HashMap<String, u64>> {
        let rows =
            self.client()?.query("SELECT id, inputs FROM stories WHERE inputs IS NOT NULL", &[])?;
        Ok(rows.iter().map(|row| (row.get(0), row.get::<_, i64>(1) as u64)).collect())
    }

    fn stories(&self) -> Result<Vec<StoryListing>> {
        let sql = format!(
            "SELECT {LISTING_COLUMNS} FROM stories \
             ORDER BY last_epoch DESC NULLS LAST, article_count DESC, source_count DESC, id"
        );
        let rows = self.client()?.query(&sql, &[])?;
        rows.iter().map(|row| story_listing(listing_row(row))).collect()
    }

    fn story_listings(&self, ids: &[&str]) -> Result<Vec<StoryListing>> {
        let sql = format!("SELECT {LISTING_COLUMNS} FROM stories WHERE id = ANY($1)");
        let rows = self.client()?.query(&sql, &[&ids])?;
        let mut acc =
            rows.iter().map(|row| story_listing(listing_row(row))).collect::<Result<Vec<_>>>()?;
        acc.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
        Ok(acc)
    }

    fn story(&self, id: &str) -> Result<Option<Story>> {
        let row = self.client()?.query_opt("SELECT data FROM stories WHERE id = $1", &[&id])?;
        let Some(row) = row else { return Ok(None) };
        let story = serde_json::from_str(row.get(0))
            .map_err(|err| Error::Corrupt(format!("story {id:?}: {err}")))?;
        Ok(Some(story))
    }

    fn has_article_url(&self, url: &str) -> Result<bool> {
        let row =
            self.client()?.query_opt("SELECT 1 FROM articles WHERE url = $1 LIMIT 1", &[&url])?;
        Ok(row.is_some())
    }

    fn add_feed(&mut self, url: &str) -> Result<bool> {
        let added = self
            .client()?
            .execute("INSERT INTO feeds (url) VALUES ($1) ON CONFLICT DO NOTHING", &[&url])?;
        Ok(added == 1)
    }

    fn remove_feed(&mut self, url: &str) -> Result<bool> {
        let removed = self.client()?.execute("DELETE FROM feeds WHERE url = $1", &[&url])?;
        Ok(removed == 1)
    }

    fn feeds(&self) -> Result<Vec<Feed>> {
        let rows = self.client()?.query(
            "SELECT url, etag, last_modified, last_polled, last_error FROM feeds ORDER BY url",
            &[],
        )?;
        Ok(rows
            .iter()
            .map(|row| Feed {
                url: row.get(0),
                etag: row.get(1),
                last_modified: row.get(2),
                last_polled: row.get(3),
                last_error: row.get(4),
            })
            .collect())
    }

    fn update_feed(&mut self, feed: &Feed) -> Result<()> {
        let updated = self.client()?.execute(
            "UPDATE feeds SET etag = $2, last_modified = $3, last_polled = $4, last_error = $5 \
             WHERE url = $1",
            &[&feed.url, &feed.etag, &feed.last_modified, &feed.last_polled, &feed.last_error],
        )?;
        if updated == 0 {
            return Err(Error::UnknownFeed(feed.url.clone()));
        }
        Ok(())
    }

    fn feed_entries(&self, feed_url: &str) -> Result<Vec<FeedEntryRecord>> {
        let rows = self.client()?.query(
            "SELECT entry_id, url, status, attempts, last_error, last_tried FROM feed_entries \
             WHERE feed_url = $1 ORDER BY entry_id",
            &[&feed_url],
        )?;
        rows.iter()
            .map(|row| {
                let entry_id: String = row.get(0);
                let status: &str = row.get(2);
                let status = EntryStatus::parse(status).ok_or_else(|| {
                    Error::Corrupt(format!("feed entry {entry_id:?}: unknown status {status:?}"))
                })?;
                let attempts = u32::try_from(row.get::<_, i64>(3)).map_err(|_| {
                    Error::Corrupt(format!("feed entry {entry_id:?}: attempts out of range"))
                })?;
                Ok(FeedEntryRecord {
                    url: row.get(1),
                    status,
                    attempts,
                    last_error: row.get(4),
                    last_tried: row.get(5),
                    entry_id,
                })
            })
            .collect()
    }

    fn feed_entry_counts(&self, feed_url: &str) -> Result<Vec<(EntryStatus, usize)>> {
        let rows = self.client()?.query(
            "SELECT status, count(*) FROM feed_entries WHERE feed_url = $1 \
             GROUP BY status ORDER BY status COLLATE \"C\"",
            &[&feed_url],
        )?;
        rows.iter()
            .map(|row| {
                let status: &str = row.get(0);
                let status = EntryStatus::parse(status).ok_or_else(|| {
                    Error::Corrupt(format!("feed {feed_url:?}: unknown entry status {status:?}"))
                })?;
                Ok((status, row.get::<_, i64>(1) as usize))
            })
            .collect()
    }

    fn record_feed_entries(&mut self, feed_url: &str, entries: &[FeedEntryRecord]) -> Result<()> {
        let mut client = self.client()?;
        let mut tx = client.transaction()?;
        if tx.query_opt("SELECT 1 FROM feeds WHERE url = $1", &[&feed_url])?.is_none() {
            return Err(Error::UnknownFeed(feed_url.to_string()));
        }
        let upsert = tx.prepare(
            "INSERT INTO feed_entries \
             (feed_url, entry_id, url, status, attempts, last_error, last_tried) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (feed_url, entry_id) DO UPDATE SET url = excluded.url, \
             status = excluded.status, attempts = excluded.attempts, \
             last_error = excluded.last_error, last_tried = excluded.last_tried",
        )?;
        for entry in entries {
            tx.execute(
                &upsert,
                &[
                    &feed_url,
                    &entry.entry_id,
                    &entry.url,
                    &entry.status.as_str(),
                    &i64::from(entry.attempts),
                    &entry.last_error,
                    &entry.last_tried,
                ],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// The derived state's generation, read with `lock` (`FOR UPDATE` in a save).
fn generation(client: &mut impl GenericClient, lock: &str) -> Result<u64, postgres::Error> {
    let sql = format!("SELECT generation FROM analyses WHERE id = 1 {lock}");
    Ok(client.query_opt(&sql, &[])?.map_or(0, |row| row.get::<_, i64>(0) as u64))
}

fn update_article(tx: &mut Transaction<'_>, article: &Article, hash: i64) -> Result<()> {
    tx.execute(
        "UPDATE articles SET hash = $2, source = $3, url = $4, title = $5, author = $6, \
         published = $7, language = $8, body = $9, extra = $10 WHERE id = $1",
        &[
            &article.id,
            &hash,
            &article.source,
            &article.url,
            &article.title,
            &article.author,
            &article.published.map(|it| it.to_rfc3339()),
            &article.language,
            &article.body,
            &to_json(&article.extra)?,
        ],
    )?;
    Ok(())
}

/// Articles to insert, a column each, so that one statement inserts them all: a round trip
/// per article would cost more than the insert itself.
#[derive(Default)]
struct ArticleColumns<'a> {
    id: Vec<&'a str>,
    hash: Vec<i64>,
    source: Vec<&'a str>,
    url: Vec<Option<&'a str>>,
    title: Vec<Option<&'a str>>,
    author: Vec<Option<&'a str>>,
    published: Vec<Option<String>>,
    language: Vec<Option<&'a str>>,
    body: Vec<&'a str>,
    extra: Vec<String>,
}

impl<'a> ArticleColumns<'a> {
    fn push(&mut self, article: &'a Article, hash: i64) -> Result<()> {
        self.id.push(&article.id);
        self.hash.push(hash);
        self.source.push(&article.source);
        self.url.push(article.url.as_deref());
        self.title.push(article.title.as_deref());
        self.author.push(article.author.as_deref());
        self.published.push(article.published.map(|it| it.to_rfc3339()));
        self.language.push(article.language.as_deref());
        self.body.push(&article.body);
        self.extra.push(to_json(&article.extra)?);
        Ok(())
    }

    /// Inserts the articles pushed, in the order pushed (their arrival numbers follow it).
    fn flush(&mut self, tx: &mut Transaction<'_>) -> Result<()> {
        if self.id.is_empty() {
            return Ok(());
        }
        tx.execute(
            "INSERT INTO articles (id, hash, source, url, title, author, published, language, \
             body, extra) \
             SELECT id, hash, source, url, title, author, published, language, body, extra \
             FROM unnest($1::text[], $2::int8[], $3::text[], $4::text[], $5::text[], \
             $6::text[], $7::text[], $8::text[], $9::text[], $10::text[]) WITH ORDINALITY \
             AS new (id, hash, source, url, title, author, published, language, body, extra, n) \
             ORDER BY n",
            &[
                &self.id,
                &self.hash,
                &self.source,
                &self.url,
                &self.title,
                &self.author,
                &self.published,
                &self.language,
                &self.body,
                &self.extra,
            ],
        )?;
        *self = ArticleColumns::default();
        Ok(())
    }
}

/// PostgreSQL text cannot hold U+0000, which SQLite stores: such an article is refused by
/// name rather than failing the batch with the server's message.
fn refuse_nul(article: &Article) -> Result<()> {
    // `extra` is stored as JSON text, which escapes U+0000; `published` is a date.
    if text_fields(article, None, "").into_iter().flatten().any(|text| text.contains('\0')) {
        return Err(Error::Unstorable {
            article: article.id.clone(),
            reason: "it holds a NUL character, which PostgreSQL text cannot store".to_string(),
        });
    }
    Ok(())
}

/// Clears the copy and story of every article stored after `seq`, which the analysis did not
/// reach; returns the stories they were in.
fn clear_unanalysed(tx: &mut Transaction<'_>, seq: i64) -> Result<HashSet<String>> {
    let rows = tx.query(
        "SELECT DISTINCT story FROM articles WHERE seq > $1 AND story IS NOT NULL",
        &[&seq],
    )?;
    tx.execute(
        "UPDATE articles SET duplicate_of = NULL, story = NULL \
         WHERE seq > $1 AND (duplicate_of IS NOT NULL OR story IS NOT NULL)",
        &[&seq],
    )?;
    Ok(rows.iter().map(|row| row.get(0)).collect())
}

/// Gives each assigned article its copy and story; returns the stories they were in before.
/// Each article, the article it copies and its story (one of `written`, or stored) must exist.
fn save_assignments(
    tx: &mut Transaction<'_>,
    assignments: &[Assignment],
    written: &HashSet<&str>,
) -> Result<HashSet<String>> {
    let ids: Vec<&str> = assignments.iter().map(|it| it.article.as_str()).collect();
    let before: HashMap<String, Option<String>> = tx
        .query("SELECT id, story FROM articles WHERE id = ANY($1)", &[&ids])?
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect();
    let originals: Vec<&str> =
        assignments.iter().filter_map(|it| it.duplicate_of.as_deref()).collect();
    let originals = existing(tx, "SELECT id FROM articles WHERE id = ANY($1)", &originals)?;
    let stories: Vec<&str> = assignments
        .iter()
        .map(|it| it.story.as_str())
        .filter(|story| !written.contains(story))
        .collect();
    let stories = existing(tx, "SELECT id FROM stories WHERE id = ANY($1)", &stories)?;
    // Checked in order, so the first wrong assignment is the one named, as on SQLite.
    let mut left = HashSet::new();
    for assignment in assignments {
        let Some(story) = before.get(&assignment.article) else {
            return Err(Error::UnknownArticle(assignment.article.clone()));
        };
        if let Some(original) = &assignment.duplicate_of {
            if !originals.contains(original) {
                return Err(Error::UnknownArticle(original.clone()));
            }
        }
        if !written.contains(assignment.story.as_str()) && !stories.contains(&assignment.story) {
            return Err(Error::UnknownStory {
                article: assignment.article.clone(),
                story: assignment.story.clone(),
            });
        }
        left.extend(story.clone().filter(|story| *story != assignment.story));
    }
    let copies: Vec<Option<&str>> =
        assignments.iter().map(|it| it.duplicate_of.as_deref()).collect();
    let stories: Vec<&str> = assignments.iter().map(|it| it.story.as_str()).collect();
    tx.execute(
        "UPDATE articles SET duplicate_of = new.duplicate_of, story = new.story \
         FROM unnest($1::text[], $2::text[], $3::text[]) AS new (id, duplicate_of, story) \
         WHERE articles.id = new.id",
        &[&ids, &copies, &stories],
    )?;
    Ok(left)
}

/// Which of `ids` the query (`... WHERE id = ANY($1)`) finds.
fn existing(tx: &mut Transaction<'_>, sql: &str, ids: &[&str]) -> Result<HashSet<String>> {
    if ids.is_empty() {
        return Ok(HashSet::new());
    }
    Ok(tx.query(sql, &[&ids])?.iter().map(|row| row.get(0)).collect())
}

/// Writes the stories an analysis computed, with their inputs fingerprints.
fn save_stories(tx: &mut Transaction<'_>, stories: &[SavedStory<'_>]) -> Result<()> {
    if stories.is_empty() {
        return Ok(());
    }
    let (mut id, mut title, mut articles, mut sources_count, mut sources) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut first, mut last, mut last_epoch, mut data, mut inputs) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for &SavedStory { story, inputs: fingerprint } in stories {
        id.push(story.id.as_str());
        title.push(story.title.as_str());
        articles.push(story.articles.len() as i64);
        sources_count.push(story.sources.len() as i64);
        sources.push(to_json(&story.sources)?);
        first.push(story.first_published.as_deref());
        last.push(story.last_published.as_deref());
        // Stories are listed by it; `StoryListing::order_key` orders them the same way.
        last_epoch.push(story.last_published.as_deref().and_then(crate::epoch));
        data.push(to_json(story)?);
        inputs.push(fingerprint as i64);
    }
    tx.execute(
        "INSERT INTO stories (id, title, article_count, source_count, sources, \
         first_published, last_published, last_epoch, data, inputs) \
         SELECT * FROM unnest($1::text[], $2::text[], $3::int8[], $4::int8[], $5::text[], \
         $6::text[], $7::text[], $8::int8[], $9::text[], $10::int8[]) \
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, \
         article_count = excluded.article_count, source_count = excluded.source_count, \
         sources = excluded.sources, first_published = excluded.first_published, \
         last_published = excluded.last_published, last_epoch = excluded.last_epoch, \
         data = excluded.data, inputs = excluded.inputs",
        &[
            &id,
            &title,
            &articles,
            &sources_count,
            &sources,
            &first,
            &last,
            &last_epoch,
            &data,
            &inputs,
        ],
    )?;
    Ok(())
}

fn save_online_state(tx: &mut Transaction<'_>, online: OnlineUpdate<'_>) -> Result<()> {
    match online {
        OnlineUpdate::Keep { replayed } => {
            tx.execute(
                "INSERT INTO online_replays (id, replayed) VALUES (1, $1) \
                 ON CONFLICT (id) DO UPDATE SET replayed = excluded.replayed",
                &[&(replayed as i64)],
            )?;
        }
        OnlineUpdate::Replace(state) => {
            tx.execute("DELETE FROM online_state", &[])?;
            tx.execute("DELETE FROM online_replays", &[])?;
            if let Some(online) = state {
                tx.execute(
                    "INSERT INTO online_state (id, last_seq, fingerprint, state) \
                     VALUES (1, $1, $2, $3)",
                    &[&online.last_seq, &(online.fingerprint as i64), &online.state],
                )?;
            }
        }
    }
    Ok(())
}

fn article_row(row: &Row) -> ArticleRow {
    ArticleRow {
        seq: row.get(0),
        article: Article {
            id: row.get(1),
            source: row.get(2),
            url: row.get(3),
            title: row.get(4),
            author: row.get(5),
            published: None,
            language: row.get(7),
            body: row.get(8),
            extra: model::Extra::new(),
        },
        published: row.get(6),
        extra: row.get(9),
        duplicate_of: row.get(10),
        story: row.get(11),
        content_hash: row.get(12),
    }
}

/// A listing and its sources, as stored (JSON).
fn listing_row(row: &Row) -> (StoryListing, String) {
    (
        StoryListing {
            id: row.get(0),
            title: row.get(1),
            article_count: row.get::<_, i64>(2) as usize,
            sources: Vec::new(),
            first_published: row.get(4),
            last_published: row.get(5),
        },
        row.get(3),
    )
}

/// Connects as `config` says: over TLS when its `sslmode` is `require`, the server's
/// certificate verified against the system's authorities and `tls.root_cert`'s, with the
/// client's certificate when `tls` has one; in the clear otherwise (`prefer`, the default, and
/// `disable`), as libpq does without a certificate to trust.
fn connect(config: &postgres::Config, tls: &TlsFiles, name: &str) -> Result<Client> {
    let open_error = |cause| Error::OpenPostgres { url: name.to_string(), cause };
    match config.get_ssl_mode() {
        SslMode::Disable | SslMode::Prefer => config.connect(NoTls).map_err(open_error),
        _ => {
            let tls = tls_connector(tls)
                .map_err(|reason| Error::Tls { url: name.to_string(), reason })?;
            config.connect(tls).map_err(open_error)
        }
    }
}

fn tls_connector(files: &TlsFiles) -> Result<MakeRustlsConnect, String> {
    let mut roots = rustls::RootCertStore::empty();
    roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
    if let Some(path) = &files.root_cert {
        roots.add_parsable_certificates(read_certificates(path)?);
    }
    // Named rather than the process default: more than one provider is built in.
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|err| err.to_string())?
        .with_root_certificates(roots);
    let config = match (&files.cert, &files.key) {
        (None, None) => config.with_no_client_auth(),
        (Some(cert), Some(key)) => {
            let key = PrivateKeyDer::from_pem_file(key)
                .map_err(|err| format!("{}: {err}", key.display()))?;
            config
                .with_client_auth_cert(read_certificates(cert)?, key)
                .map_err(|err| format!("{}: {err}", cert.display()))?
        }
        _ => return Err("sslcert and sslkey are given together, or neither".to_string()),
    };
    Ok(MakeRustlsConnect::new(config))
}

/// The certificates of a PEM file, at least one.
fn read_certificates(path: &Path) -> Result<Vec<CertificateDer<'static>>, String> {
    let read = |err: rustls_pki_types::pem::Error| format!("{}: {err}", path.display());
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(path)
        .map_err(read)?
        .collect::<Result<_, _>>()
        .map_err(read)?;
    match certs.is_empty() {
        true => Err(format!("{}: no certificate in the file", path.display())),
        false => Ok(certs),
    }
}

/// The PEM files of libpq's TLS parameters, which the client library does not read.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct TlsFiles {
    /// The certificate authorities to trust beside the system's (`sslrootcert`).
    root_cert: Option<PathBuf>,
    /// The client's certificate (`sslcert`), for a server that asks for one.
    cert: Option<PathBuf>,
    /// The client certificate's private key (`sslkey`).
    key: Option<PathBuf>,
}

/// `url` as the client library takes it, and the files of its TLS parameters. libpq's
/// `sslrootcert`, `sslcert` and `sslkey` are taken out (the client library does not know
/// them), and `sslmode=verify-ca` or `verify-full` is read as `require`, which verifies the
/// server's certificate and name (`tls_connector`).
fn take_tls_files(url: &str) -> (String, TlsFiles) {
    let mut files = TlsFiles::default();
    let Some((base, query)) = url.split_once('?') else { return (url.to_string(), files) };
    let kept: Vec<&str> = query
        .split('&')
        .filter_map(|param| match param.split_once('=') {
            Some(("sslrootcert", path)) => {
                files.root_cert = Some(PathBuf::from(path));
                None
            }
            Some(("sslcert", path)) => {
                files.cert = Some(PathBuf::from(path));
                None
            }
            Some(("sslkey", path)) => {
                files.key = Some(PathBuf::from(path));
                None
            }
            Some(("sslmode", "verify-ca" | "verify-full")) => Some("sslmode=require"),
            _ => Some(param),
        })
        .collect();
    match kept.is_empty() {
        true => (base.to_string(), files),
        false => (format!("{base}?{}", kept.join("&")), files),
    }
}

/// `url` without its password, to name the store in errors and logs.
pub(crate) fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((credentials, host)) => {
            let user = credentials.split(':').next().unwrap_or("");
            let hidden = if credentials.contains(':') { ":***" } else { "" };
            format!("{scheme}://{user}{hidden}@{host}{path}")
        }
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn libpq_parameters_the_client_does_not_know_are_read_by_us() {
        let root =
            |path: &str| TlsFiles { root_cert: Some(PathBuf::from(path)), ..TlsFiles::default() };
        assert_eq!(
            take_tls_files("postgres://db/news?sslmode=require&sslrootcert=/etc/ca.pem"),
            ("postgres://db/news?sslmode=require".to_string(), root("/etc/ca.pem"))
        );
        assert_eq!(
            take_tls_files("postgres://db/news?sslrootcert=ca.pem"),
            ("postgres://db/news".to_string(), root("ca.pem"))
        );
        assert_eq!(
            take_tls_files("postgres://db/news"),
            ("postgres://db/news".to_string(), TlsFiles::default())
        );
        assert_eq!(
            take_tls_files("postgres://db/news?sslmode=verify-full&connect_timeout=5"),
            (
                "postgres://db/news?sslmode=require&connect_timeout=5".to_string(),
                TlsFiles::default()
            )
        );
        assert_eq!(
            take_tls_files("postgres://db/news?sslcert=/c/me.crt&sslmode=require&sslkey=/c/me.key"),
            (
                "postgres://db/news?sslmode=require".to_string(),
                TlsFiles {
                    root_cert: None,
                    cert: Some(PathBuf::from("/c/me.crt")),
                    key: Some(PathBuf::from("/c/me.key"))
                }
            )
        );
    }

    #[test]
    fn a_client_certificate_needs_its_key() {
        let files = TlsFiles { cert: Some(PathBuf::from("/c/me.crt")), ..TlsFiles::default() };
        let err = tls_connector(&files).err().expect("refused");
        assert!(err.contains("sslkey"), "{err}");
    }

    #[test]
    fn a_url_is_named_without_its_password() {
        assert_eq!(
            redacted("postgres://news:s3cret@db.example:5432/parallax"),
            "postgres://news:***@db.example:5432/parallax"
        );
        assert_eq!(redacted("postgres://news@db/parallax"), "postgres://news@db/parallax");
        assert_eq!(
            redacted("postgresql:///parallax?host=/run/postgresql"),
            "postgresql:///parallax?host=/run/postgresql"
        );
    }
}
