//! The embedded store: articles (ground state) and the analysis derived from them (duplicates,
//! story assignments, story reports), behind the object-safe [`Store`] trait.
//!
//! [`SqliteStore`] keeps everything in one SQLite file (bundled SQLite, WAL journal), the
//! default; [`PgStore`] keeps the same in a PostgreSQL database, for a store that outgrows a
//! file or that several machines share; [`open`] picks one by the location given. Articles are keyed by id: putting the same
//! article again changes nothing, putting different content under a known id updates it in
//! place, and every article keeps the sequence number of its first arrival so a store can be
//! replayed in arrival order. The derived state is updated by [`Store::save_analysis`] with
//! what each analysis changed (the articles that moved, the stories compared again), so a
//! small ingest into a large store writes little; a generation counted up by every saved
//! analysis keeps two processes from saving over each other's.
//!
//! ```
//! use store::Store;
//!
//! let mut store = store::SqliteStore::open_in_memory()?;
//! let article = model::Article {
//!     id: "a1".to_string(),
//!     source: "Example News".to_string(),
//!     url: None,
//!     title: Some("A storm".to_string()),
//!     author: None,
//!     published: None,
//!     language: Some("en".to_string()),
//!     body: "A storm hit the coast.".to_string(),
//!     extra: model::Extra::new(),
//! };
//! let outcomes = store.put_articles(&[article.clone(), article])?;
//! assert_eq!(outcomes, [store::PutOutcome::Inserted, store::PutOutcome::Unchanged]);
//! assert_eq!(store.article_count()?, 1);
//! # Ok::<(), store::Error>(())
//! ```

#![warn(missing_docs)]

use std::cmp::Reverse;

mod codec;
mod pg;
mod schema;
mod sqlite;

pub use crate::pg::PgStore;
pub use crate::sqlite::SqliteStore;

/// A persistent home for articles and their analysis. Object-safe, so callers hold a
/// `Box<dyn Store>` whatever the backend.
pub trait Store: Send {
    /// Stores articles, keyed by id, in one transaction: all are stored or none.
    ///
    /// Returns one outcome per article, in order. An article already stored with the same
    /// content is [`PutOutcome::Unchanged`] (no new row, same sequence number); an id already
    /// stored with different content is [`PutOutcome::Updated`] in place, keeping its
    /// sequence number and (until the next [`Store::save_analysis`]) its derived state.
    fn put_articles(&mut self, articles: &[model::Article]) -> Result<Vec<PutOutcome>>;

    /// Every article, in arrival order.
    fn articles(&self) -> Result<Vec<StoredArticle>>;

    /// Every article's key and derived state, without its content, in arrival order: what an
    /// analysis needs of the articles it does not read again.
    fn article_keys(&self) -> Result<Vec<ArticleKey>>;

    /// The first `limit` articles that arrived after sequence number `seq`, in arrival order.
    fn articles_after(&self, seq: i64, limit: usize) -> Result<Vec<StoredArticle>>;

    /// The articles with these ids (unknown ids are left out), in arrival order.
    fn articles_by_id(&self, ids: &[&str]) -> Result<Vec<StoredArticle>>;

    /// The online steps' state saved by an analysis, if one is saved.
    fn online_state(&self) -> Result<Option<OnlineState>>;

    /// What the saved online state has seen, its size and how much analyses have replayed
    /// since it was saved, without reading its bytes.
    fn online_state_head(&self) -> Result<Option<OnlineStateHead>>;

    /// One article by id.
    fn article(&self, id: &str) -> Result<Option<StoredArticle>>;

    /// How many articles are stored.
    fn article_count(&self) -> Result<usize>;

    /// How many stored articles have no story (stored after the last saved analysis).
    fn unassigned_count(&self) -> Result<usize>;

    /// The derived state's generation: counted up by every saved analysis (0 before the
    /// first). An analysis reads it before anything else, and saves over it
    /// ([`AnalysisUpdate::base`]).
    fn analysis_generation(&self) -> Result<u64>;

    /// Saves what an analysis changed in the derived state, in one transaction: the articles
    /// it assigns get their `duplicate_of` and `story`, the articles stored after the last it
    /// analysed get neither, its stories are written, every story left without an article is
    /// deleted, and the online state is replaced or kept as `update.online` says. What it
    /// costs grows with the changes, not with the store.
    ///
    /// Fails, changing nothing, with [`Error::AnalysedMeanwhile`] when another analysis was
    /// saved since `update.base`, and when an assignment names an article that is not stored or
    /// a story that is neither stored nor among the stories saved with it, or when two of
    /// those stories share an id.
    fn save_analysis(&mut self, update: &AnalysisUpdate<'_>) -> Result<()>;

    /// The inputs fingerprint of every stored story that was saved with one (see
    /// [`SavedStory`]), by story id.
    fn story_inputs(&self) -> Result<std::collections::HashMap<String, u64>>;

    /// Every story, newest first (by last publication date, undated last), then the most
    /// articles, then the most outlets, then by id ([`StoryListing::order_key`]).
    fn stories(&self) -> Result<Vec<StoryListing>>;

    /// The listings of the stories with these ids (unknown ids are left out), in the order of
    /// [`Store::stories`] ([`StoryListing::order_key`]).
    fn story_listings(&self, ids: &[&str]) -> Result<Vec<StoryListing>>;

    /// One story's full report by id.
    fn story(&self, id: &str) -> Result<Option<model::report::Story>>;

    /// Whether an article with this URL is stored (fetched pages are not fetched again).
    fn has_article_url(&self, url: &str) -> Result<bool>;

    /// Follows a feed; `false` when it was already followed.
    fn add_feed(&mut self, url: &str) -> Result<bool>;

    /// Stops following a feed; `false` when it was not followed.
    fn remove_feed(&mut self, url: &str) -> Result<bool>;

    /// Every followed feed, by URL.
    fn feeds(&self) -> Result<Vec<Feed>>;

    /// Records what a poll of a followed feed learned; unknown feeds are an error.
    fn update_feed(&mut self, feed: &Feed) -> Result<()>;

    /// What became of the entries of a followed feed, by entry id.
    fn feed_entries(&self, feed_url: &str) -> Result<Vec<FeedEntryRecord>>;

    /// How many entries of a followed feed stand at each status (statuses without entries
    /// left out), counted by the store rather than read one by one.
    fn feed_entry_counts(&self, feed_url: &str) -> Result<Vec<(EntryStatus, usize)>>;

    /// Records what became of entries of a followed feed, in one transaction, replacing
    /// earlier records of the same entries; unknown feeds are an error.
    fn record_feed_entries(&mut self, feed_url: &str, entries: &[FeedEntryRecord]) -> Result<()>;
}

/// A followed feed and what its last poll learned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Feed {
    /// The feed's URL, its key.
    pub url: String,
    /// The `ETag` of the last successful poll, sent back as `If-None-Match`.
    pub etag: Option<String>,
    /// The `Last-Modified` of the last successful poll, sent back as `If-Modified-Since`.
    pub last_modified: Option<String>,
    /// When it was last polled, RFC 3339.
    pub last_polled: Option<String>,
    /// Why the last poll failed, if it did.
    pub last_error: Option<String>,
}

/// What became of one entry of a followed feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEntryRecord {
    /// The entry's id in the feed (its guid or id), stable across polls.
    pub entry_id: String,
    /// The entry's link.
    pub url: Option<String>,
    /// Whether its page is stored, will be tried again, or was given up.
    pub status: EntryStatus,
    /// Fetches tried so far.
    pub attempts: u32,
    /// Why the last fetch failed, if it did.
    pub last_error: Option<String>,
    /// When it was last tried, RFC 3339.
    pub last_tried: String,
}

/// Where a feed entry stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryStatus {
    /// Its page is stored.
    Stored,
    /// Its page failed in a way that may pass (a timeout, a 5xx): the next poll tries again.
    Retry,
    /// Its page failed for good (gone, not HTML, refused), or too many times: not tried again.
    Failed,
}

impl EntryStatus {
    /// The name stored in the `status` column.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryStatus::Stored => "stored",
            EntryStatus::Retry => "retry",
            EntryStatus::Failed => "failed",
        }
    }

    fn parse(name: &str) -> Option<EntryStatus> {
        [EntryStatus::Stored, EntryStatus::Retry, EntryStatus::Failed]
            .into_iter()
            .find(|status| status.as_str() == name)
    }
}

/// What [`Store::put_articles`] did with one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PutOutcome {
    /// A new id: stored with the next sequence number.
    Inserted,
    /// The same id with the same content: nothing changed.
    Unchanged,
    /// The same id with different content: updated in place.
    Updated,
}

/// An article as stored, with its arrival sequence number and derived state.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredArticle {
    /// Arrival order: increases with every newly inserted article, never reused.
    pub seq: i64,
    /// The article.
    pub article: model::Article,
    /// The id of the article this one copies, as last analysed.
    pub duplicate_of: Option<String>,
    /// The id of its story, as last analysed.
    pub story: Option<String>,
    /// xxh3 over all the article's fields: what tells an update from an unchanged put, and
    /// what a story's inputs fingerprint is built from.
    pub content_hash: u64,
}

/// An article's key and derived state, as [`Store::article_keys`] lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleKey {
    /// Arrival order (see [`StoredArticle::seq`]).
    pub seq: i64,
    /// The article's id.
    pub id: String,
    /// xxh3 over all the article's fields (see [`StoredArticle::content_hash`]).
    pub content_hash: u64,
    /// The id of the article this one copies, as last analysed.
    pub duplicate_of: Option<String>,
    /// The id of its story, as last analysed.
    pub story: Option<String>,
}

/// The online steps' state (duplicate finder and clusterer) after the articles up to
/// `last_seq`, saved with the analysis it produced.
///
/// The store keeps it as given; what it means and whether it still fits the articles is the
/// pipeline's to tell (`fingerprint`, and a header in `state`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnlineState {
    /// Sequence number of the last article the state has seen.
    pub last_seq: i64,
    /// A fingerprint of the articles it has seen, as the pipeline computes it.
    pub fingerprint: u64,
    /// The state, serialized.
    pub state: Vec<u8>,
}

/// The saved online state without its bytes (see [`Store::online_state_head`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OnlineStateHead {
    /// Sequence number of the last article the state has seen.
    pub last_seq: i64,
    /// A fingerprint of the articles it has seen, as the pipeline computes it.
    pub fingerprint: u64,
    /// The size of the serialized state.
    pub bytes: u64,
    /// Articles that analyses ran through the online steps again since the state was saved,
    /// as the last [`OnlineUpdate::Keep`] gave it (0 after a replace).
    pub replayed: u64,
}

/// What an analysis does with the saved online state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnlineUpdate<'a> {
    /// Replaces it with this one, or removes it when `None`.
    Replace(Option<&'a OnlineState>),
    /// Keeps it as it is, which costs nothing however large it is: the articles stored after
    /// it are replayed from the store.
    Keep {
        /// How many articles analyses have replayed since it was saved
        /// ([`OnlineStateHead::replayed`]).
        replayed: u64,
    },
}

impl StoredArticle {
    /// The article's key and derived state, and the article.
    pub fn into_key_and_article(self) -> (ArticleKey, model::Article) {
        let key = ArticleKey {
            seq: self.seq,
            id: self.article.id.clone(),
            content_hash: self.content_hash,
            duplicate_of: self.duplicate_of,
            story: self.story,
        };
        (key, self.article)
    }
}

/// What one analysis changed, as [`Store::save_analysis`] saves it.
#[derive(Debug, Clone, Copy)]
pub struct AnalysisUpdate<'a> {
    /// The generation of the derived state the analysis read
    /// ([`Store::analysis_generation`], read before anything else).
    pub base: u64,
    /// The articles whose copy or story changed.
    pub assignments: &'a [Assignment],
    /// The sequence number of the last article the analysis covers: those stored after it
    /// (after it read the store, or left to a later round) have no story until one does.
    pub analysed_through: i64,
    /// The stories whose reports it computed, new or changed.
    pub stories: &'a [SavedStory<'a>],
    /// What it does with the saved online state.
    pub online: OnlineUpdate<'a>,
}

/// A story whose report an analysis computed, as [`Store::save_analysis`] saves it.
///
/// `inputs` fingerprints everything the report was computed from (its articles' content,
/// their duplicates, the comparison's settings and version). The pipeline computes it; the
/// store only keeps it, so that the next analysis can tell which stories it need not compare
/// again.
#[derive(Debug, Clone, Copy)]
pub struct SavedStory<'a> {
    /// The report.
    pub story: &'a model::report::Story,
    /// Its inputs fingerprint.
    pub inputs: u64,
}

/// The analysis result for one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// The article's id.
    pub article: String,
    /// The id of the article it copies, if any.
    pub duplicate_of: Option<String>,
    /// The id of its story.
    pub story: String,
}

/// A story as listed, without its facts, quotes and the rest of its report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryListing {
    /// The story's id.
    pub id: String,
    /// Its headline.
    pub title: String,
    /// How many articles it holds, duplicates included.
    pub article_count: usize,
    /// Its distinct outlets.
    pub sources: Vec<String>,
    /// Earliest publication date of its articles, RFC 3339.
    pub first_published: Option<String>,
    /// Latest publication date of its articles, RFC 3339.
    pub last_published: Option<String>,
}

impl StoryListing {
    /// Where the story comes in [`Store::stories`]: newest first (by the last publication
    /// date, to the second; undated or unreadable last), then the most articles, then the
    /// most outlets, then by id.
    pub fn order_key(&self) -> ListingOrder<'_> {
        let epoch = self.last_published.as_deref().and_then(epoch);
        (
            epoch.is_none(),
            Reverse(epoch.unwrap_or_default()),
            Reverse(self.article_count),
            Reverse(self.sources.len()),
            &self.id,
        )
    }
}

/// A story's place in [`Store::stories`] ([`StoryListing::order_key`]).
pub type ListingOrder<'a> = (bool, Reverse<i64>, Reverse<usize>, Reverse<usize>, &'a str);

/// Seconds since the Unix epoch of an RFC 3339 date, the order stories are listed in.
pub(crate) fn epoch(date: &str) -> Option<i64> {
    chrono::DateTime::parse_from_rfc3339(date).ok().map(|it| it.timestamp())
}

/// What can go wrong with a store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be opened or initialised.
    #[error("cannot open store {path}: {cause}")]
    Open {
        /// The store's path.
        path: String,
        /// What SQLite said.
        cause: rusqlite::Error,
    },
    /// The file exists but is not a SQLite database; it was not modified.
    #[error("cannot open store {path}: the file is not a SQLite database (left untouched)")]
    NotADatabase {
        /// The store's path.
        path: String,
    },
    /// The file is a SQLite database of some other program; it was not modified.
    #[error(
        "cannot open store {path}: a SQLite database, but not a Parallax store (left untouched)"
    )]
    NotParallax {
        /// The store's path.
        path: String,
    },
    /// The store was written by a newer Parallax; it was not modified.
    #[error(
        "cannot open store {path}: its schema version is {found}, newer than the {known} this \
         parallax knows; upgrade parallax (the store was left untouched)"
    )]
    TooNew {
        /// The store's path.
        path: String,
        /// The schema version in the file.
        found: i64,
        /// The newest schema version this build knows.
        known: i64,
    },
    /// An assignment names an article that is not stored.
    #[error("the analysis assigns article {0:?}, which is not in the store")]
    UnknownArticle(String),
    /// An assignment names a story that is neither stored nor among the stories saved with it.
    #[error("the analysis assigns article {article:?} to story {story:?}, which is neither stored nor among its stories")]
    UnknownStory {
        /// The article's id.
        article: String,
        /// The missing story's id.
        story: String,
    },
    /// A feed that is not followed.
    #[error("the feed {0} is not followed (see `parallax feeds add`)")]
    UnknownFeed(String),
    /// Two stories saved together share an id.
    #[error("the analysis holds two stories with the id {0:?}")]
    DuplicateStory(String),
    /// Another analysis was saved since the one being saved read the store: its changes are
    /// against a derived state that is no longer stored.
    #[error("another analysis of the store was saved meanwhile")]
    AnalysedMeanwhile,
    /// A stored value could not be read back.
    #[error("corrupt record in the store: {0}")]
    Corrupt(String),
    /// Any other SQLite failure.
    #[error("store: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The PostgreSQL database could not be reached or initialised.
    #[error("cannot open store {url}: {}", with_causes(cause))]
    OpenPostgres {
        /// The database's URL, without its password.
        url: String,
        /// What PostgreSQL or the connection said.
        cause: postgres::Error,
    },
    /// The PostgreSQL database holds tables, but no Parallax store; it was not modified.
    #[error("cannot open store {url}: the database holds tables of something else, not a Parallax store (left untouched)")]
    ForeignDatabase {
        /// The database's URL, without its password.
        url: String,
    },
    /// A TLS connection to PostgreSQL could not be set up (an unreadable `sslrootcert`).
    #[error("cannot open store {url}: TLS: {reason}")]
    Tls {
        /// The database's URL, without its password.
        url: String,
        /// Why.
        reason: String,
    },
    /// An article this backend cannot store as it is; nothing of its batch was stored.
    #[error("cannot store article {article:?}: {reason}")]
    Unstorable {
        /// The article's id.
        article: String,
        /// Why.
        reason: String,
    },
    /// Any other PostgreSQL failure.
    #[error("store: {0}")]
    Postgres(#[from] postgres::Error),
}

/// An error and the errors that caused it, as one line: the client library's errors say
/// what failed (a TLS handshake) and leave why (an unknown issuer) to their cause.
fn with_causes(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut cause = err.source();
    while let Some(err) = cause {
        text.push_str(&format!(": {err}"));
        cause = err.source();
    }
    text
}

/// The result of store operations.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Opens the store at `location`: a PostgreSQL database when it is a `postgres://` or
/// `postgresql://` URL ([`PgStore::connect`]), else the SQLite file at that path
/// ([`SqliteStore::open`]).
pub fn open(location: &str) -> Result<Box<dyn Store>> {
    Ok(match is_postgres(location) {
        true => Box::new(PgStore::connect(location)?),
        false => Box::new(SqliteStore::open(std::path::Path::new(location))?),
    })
}

/// Whether `location` names a PostgreSQL database rather than a file.
pub fn is_postgres(location: &str) -> bool {
    ["postgres://", "postgresql://"].iter().any(|scheme| location.starts_with(scheme))
}

/// `location` as errors and logs may show it: a database URL without its password.
pub fn display_location(location: &str) -> String {
    pg::redacted(location)
}
