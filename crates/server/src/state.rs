//! Shared state: the store's two connections (ingests, requests), the search index, what pages
//! derive from the store, and the settings requests need.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, RwLock};
use std::time::Duration;

use anyhow::Context;

use crate::error::ApiError;
use crate::filters::{Page, StoryFilter};
use crate::ServerConfig;

/// What every request handler shares. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    // SQLite connections are not shared between threads. Ingests hold the writer while they
    // analyse, which takes minutes when a new build compares every story again; requests read
    // through a connection of their own, which sees the last committed analysis meanwhile
    // (SQLite's WAL lets readers and a writer go on together).
    writer: Mutex<Box<dyn store::Store>>,
    reader: Mutex<Box<dyn store::Store>>,
    /// Whether the analysis [`AppState::warm_up`] started is running.
    pub(crate) warming_up: AtomicBool,
    /// Posts stored and not yet analysed (see [`Inner::store_posted`]).
    posted: Mutex<Posted>,
    /// Signalled when no post is being stored.
    all_stored: Condvar,
    /// Held by the post that analyses what was stored, while the others wait for it.
    analysing: Mutex<()>,
    pub(crate) index: search::Index,
    pub(crate) token: Option<String>,
    pub(crate) max_body_bytes: usize,
    pub(crate) pipeline: pipeline::Config,
    /// What pages derive from the store, kept until the next ingest changes it.
    pub(crate) derived: RwLock<Derived>,
}

/// What requests read of the store between ingests: the story listings (lists, filters and
/// search results name their stories), the outlets, and rendered stories. A story is costly to
/// render (read from the store, every article re-split into sentences for the page).
#[derive(Default)]
pub(crate) struct Derived {
    pub(crate) listings: Arc<Vec<store::StoryListing>>,
    pub(crate) titles: HashMap<String, String>,
    /// Every outlet of a story, sorted: the keys of `stories_by_outlet`.
    pub(crate) outlets: Arc<Vec<String>>,
    /// How many stories each outlet covered, so that a change updates the outlets without
    /// going through every listing.
    stories_by_outlet: BTreeMap<String, usize>,
    pub(crate) rendered: HashMap<(Rendering, String), axum::body::Bytes>,
    /// Counts the changes to the store since the server started: a rendering is cached only
    /// if no ingest changed the store while it was read ([`Inner::version`]).
    version: u64,
    /// The listings' positions in each order the lists offer (by `Sort`), sorted when first
    /// asked for after a change: a list request then copies its page alone.
    orders: [OnceLock<Vec<u32>>; 2],
}

/// The posts stored since the last analysis of them, counted.
#[derive(Default)]
struct Posted {
    /// Posts stored with something new, from the server's start: a post's ticket.
    stored: u64,
    /// The last ticket an analysis covered.
    analysed: u64,
    /// The articles those posts stored since, to index once analysed.
    ids: Vec<String>,
    /// Posts waiting for the store's writer to store their articles.
    storing: usize,
}

/// How long an analysis waits for posts that are being stored to be stored, so that it covers
/// them too: they would otherwise wait for it and then run one of their own.
const MAX_WAIT_FOR_STORING: Duration = Duration::from_millis(100);

/// What a cached rendering of a story is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Rendering {
    /// The HTML story page.
    Page,
    /// The story as JSON, as `/api/stories/{id}` serves it.
    Json,
}

/// Renderings cached at most; beyond it they are rendered on every request.
const MAX_CACHED: usize = 8192;

impl AppState {
    /// Opens (or creates) the store at `config.db` and the index beside it, and catches the
    /// index up with the store. Analysing the store is [`AppState::warm_up`]'s.
    pub fn open(config: &ServerConfig) -> anyhow::Result<AppState> {
        let location = config.db_location();
        let open = || {
            store::open(&location).with_context(|| {
                format!("cannot open the store {}", store::display_location(&location))
            })
        };
        let index_dir = config.index_dir()?;
        let (writer, reader) = (open()?, open()?);
        let index = search::Index::open(&index_dir)
            .with_context(|| format!("cannot open the search index {}", index_dir.display()))?;
        AppState::new(writer, reader, index, config)
    }

    /// State over a store and index already open: `writer` and `reader` are two connections
    /// to one store, the first for ingests and the second for requests. The index is caught
    /// up with the store ([`sync_index`]); the store is served as last analysed.
    pub fn new(
        store: Box<dyn store::Store>,
        reader: Box<dyn store::Store>,
        index: search::Index,
        config: &ServerConfig,
    ) -> anyhow::Result<AppState> {
        let synced = sync_index(&*store, &index)?;
        let derived = derive(&*store)?;
        tracing::info!(target: "server", removed = synced.removed, written = synced.written, "Search index brought up to date.");
        Ok(AppState {
            inner: Arc::new(Inner {
                writer: Mutex::new(store),
                reader: Mutex::new(reader),
                warming_up: AtomicBool::new(false),
                posted: Mutex::new(Posted::default()),
                all_stored: Condvar::new(),
                analysing: Mutex::new(()),
                index,
                token: config.token.clone(),
                max_body_bytes: config.max_body_bytes,
                pipeline: config.pipeline.clone(),
                derived: RwLock::new(derived),
            }),
        })
    }

    /// Analyses the store on a thread of its own, under the ingests' connection, so that the
    /// server answers meanwhile: after an upgrade or a change of settings that replays and
    /// compares every story (minutes on a large store), which the first post would otherwise
    /// wait for; after an ingest that was interrupted before its analysis, whose articles have
    /// no story until then; and otherwise to read the saved online state back (a second or so
    /// on a large store), which the first post need not then do. Requests go on meanwhile;
    /// posts wait for it. `/api/health` tells while it runs.
    pub fn warm_up(&self) -> std::io::Result<std::thread::JoinHandle<()>> {
        let inner = Arc::clone(&self.inner);
        inner.warming_up.store(true, Ordering::SeqCst);
        std::thread::Builder::new().name("parallax-warm-up".to_string()).spawn(move || {
            let mut store = inner.writer();
            let analysed = pipeline::reanalyze(&mut **store, &inner.pipeline, &pipeline::NoProgress)
                .map_err(anyhow::Error::from)
                .and_then(|analysis| {
                    inner.analysed(&**store, &[], &analysis)?;
                    Ok(analysis)
                });
            match analysed {
                Ok(analysis) => tracing::info!(target: "server", replayed = analysis.replayed, compared = analysis.compared, "Store analysed."),
                Err(err) => tracing::warn!(target: "server", "Cannot analyse the store: {err:#}"),
            }
            inner.warming_up.store(false, Ordering::SeqCst);
        })
    }

    pub(crate) fn max_body_bytes(&self) -> usize {
        self.inner.max_body_bytes
    }

    pub(crate) fn inner(&self) -> &Inner {
        &self.inner
    }

    /// Runs `f` on the blocking pool: store and index calls block.
    pub(crate) async fn blocking<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Inner) -> Result<T, ApiError> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        match tokio::task::spawn_blocking(move || f(&inner)).await {
            Ok(res) => res,
            Err(err) => Err(ApiError::internal(&err)),
        }
    }
}

impl Inner {
    /// The store's connection for ingests. A lock poisoned by a panicking request is taken
    /// anyway: every store write is one transaction, so a panic leaves no half-written state
    /// behind.
    pub(crate) fn writer(&self) -> MutexGuard<'_, Box<dyn store::Store>> {
        self.writer.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn posted(&self) -> MutexGuard<'_, Posted> {
        self.posted.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The store's connection for requests, which never waits for an ingest.
    pub(crate) fn reader(&self) -> MutexGuard<'_, Box<dyn store::Store>> {
        self.reader.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Inner {
    /// Stores the articles of a post, and returns what became of each and, when any was new
    /// or changed, the post's ticket for [`Inner::analyse_stored`].
    pub(crate) fn store_posted(
        &self,
        articles: &[model::Article],
    ) -> Result<(Vec<store::PutOutcome>, Option<u64>), ApiError> {
        self.posted().storing += 1;
        let stored = self.writer().put_articles(articles);
        let mut posted = self.posted();
        posted.storing -= 1;
        if posted.storing == 0 {
            self.all_stored.notify_all();
        }
        let outcomes = stored?;
        let changed = articles
            .iter()
            .zip(&outcomes)
            .filter(|(_, outcome)| **outcome != store::PutOutcome::Unchanged);
        let before = posted.ids.len();
        posted.ids.extend(changed.map(|(article, _)| article.id.clone()));
        if posted.ids.len() == before {
            return Ok((outcomes, None));
        }
        posted.stored += 1;
        Ok((outcomes, Some(posted.stored)))
    }

    /// Analyses the store, unless an analysis that started after the post with `ticket` was
    /// stored has ended: each covers every post stored before it, so posts stored while one
    /// runs wait for the next, which one of them runs for all.
    pub(crate) fn analyse_stored(&self, ticket: u64) -> Result<(), ApiError> {
        let _turn = self.analysing.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let posted = self.posted();
        if posted.analysed >= ticket {
            return Ok(());
        }
        let (posted, _) = self
            .all_stored
            .wait_timeout_while(posted, MAX_WAIT_FOR_STORING, |posted| posted.storing > 0)
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        drop(posted);
        let mut store = self.writer();
        let (covers, ids) = {
            let mut posted = self.posted();
            (posted.stored, std::mem::take(&mut posted.ids))
        };
        let analysed = pipeline::refresh(&mut **store, true, &self.pipeline, &pipeline::NoProgress)
            .map_err(ApiError::from)
            .and_then(|analysis| {
                self.analysed(&**store, &ids, &analysis)
                    .map_err(|err| ApiError::internal(&format!("{err:#}")))
            });
        let mut posted = self.posted();
        match analysed {
            Ok(()) => posted.analysed = covers,
            // The next post's analysis indexes them.
            Err(_) => posted.ids.extend(ids),
        }
        analysed
    }

    /// Brings the search index and what pages derive from the store up to date after
    /// `analysis`, which followed the ingest of the articles `posted` (none for an analysis
    /// alone); call with the store's writer locked. The index changes only for the articles
    /// posted and those now in another story.
    pub(crate) fn analysed(
        &self,
        store: &dyn store::Store,
        posted: &[String],
        analysis: &pipeline::Analysis,
    ) -> anyhow::Result<()> {
        if !posted.is_empty() || !analysis.moved.is_empty() {
            let changed: BTreeSet<&str> =
                posted.iter().chain(&analysis.moved).map(String::as_str).collect();
            update_index(store, &self.index, &changed)?;
        }
        if !analysis.changed_stories.is_empty() {
            self.update(store, &analysis.changed_stories)?;
        }
        Ok(())
    }

    /// Brings what pages derive from the store up to date after an analysis that changed the
    /// stories `changed` (`pipeline::Analysis::changed_stories`), and forgets cached pages;
    /// call with the store locked. Only the changed stories' listings are read again, unless
    /// they are a good share of all (an analysis after an upgrade compares every story).
    pub(crate) fn update(
        &self,
        store: &dyn store::Store,
        changed: &[String],
    ) -> anyhow::Result<()> {
        if changed.len().saturating_mul(4) > self.listings().len() {
            let fresh = derive(store)?;
            let mut derived = self.derived.write().unwrap_or_else(|poisoned| poisoned.into_inner());
            *derived = Derived { version: derived.version + 1, ..fresh };
            return Ok(());
        }
        let ids: Vec<&str> = changed.iter().map(String::as_str).collect();
        let fresh = store.story_listings(&ids).context("cannot list the stories")?;
        let mut derived = self.derived.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        derived.apply(&ids, fresh);
        Ok(())
    }

    pub(crate) fn cached(&self, kind: Rendering, id: &str) -> Option<axum::body::Bytes> {
        let derived = self.derived.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        derived.rendered.get(&(kind, id.to_string())).cloned()
    }

    /// The store's version, to read before reading the store for a rendering to [`cache`].
    ///
    /// [`cache`]: Inner::cache
    pub(crate) fn version(&self) -> u64 {
        self.derived.read().unwrap_or_else(|poisoned| poisoned.into_inner()).version
    }

    /// Caches a rendering read from the store at `version`, unless an ingest changed the store
    /// since: the rendering may then show the store as it was.
    pub(crate) fn cache(
        &self,
        version: u64,
        kind: Rendering,
        id: String,
        bytes: axum::body::Bytes,
    ) {
        let mut derived = self.derived.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        if derived.version == version && derived.rendered.len() < MAX_CACHED {
            derived.rendered.insert((kind, id), bytes);
        }
    }

    pub(crate) fn story_title(&self, id: &str) -> Option<String> {
        let derived = self.derived.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        derived.titles.get(id).cloned()
    }

    /// One page of the story list, as `filter` asks.
    pub(crate) fn story_page(&self, filter: &StoryFilter) -> Result<Page, ApiError> {
        let derived = self.derived.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        let sort = filter.sort.unwrap_or_default();
        let order = derived.orders[sort as usize]
            .get_or_init(|| crate::filters::order(&derived.listings, sort));
        crate::filters::page(&derived.listings, order, filter)
    }

    /// Every story's listing, as of the last ingest.
    pub(crate) fn listings(&self) -> Arc<Vec<store::StoryListing>> {
        let derived = self.derived.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        derived.listings.clone()
    }

    /// Every outlet of a story, sorted, as of the last ingest.
    pub(crate) fn outlets(&self) -> Arc<Vec<String>> {
        let derived = self.derived.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        derived.outlets.clone()
    }
}

fn derive(store: &dyn store::Store) -> anyhow::Result<Derived> {
    let listings = store.stories().context("cannot list the stories")?;
    let mut derived = Derived::default();
    for listing in &listings {
        derived.titles.insert(listing.id.clone(), listing.title.clone());
        derived.count_outlets(listing);
    }
    derived.outlets = Arc::new(derived.stories_by_outlet.keys().cloned().collect());
    derived.listings = Arc::new(listings);
    Ok(derived)
}

impl Derived {
    /// Replaces the listings of the stories `ids` with `fresh` (theirs as stored now: a story
    /// missing from it is no longer stored), each where the store lists it.
    fn apply(&mut self, ids: &[&str], fresh: Vec<store::StoryListing>) {
        let gone: HashSet<&str> = ids.iter().copied().collect();
        let mut listings = std::mem::take(Arc::make_mut(&mut self.listings));
        let mut outlets_changed = false;
        listings.retain(|it| {
            let keep = !gone.contains(it.id.as_str());
            if !keep {
                outlets_changed |= self.uncount_outlets(it);
            }
            keep
        });
        for id in &gone {
            self.titles.remove(*id);
        }
        for listing in fresh {
            outlets_changed |= self.count_outlets(&listing);
            let at = listings.partition_point(|it| it.order_key() < listing.order_key());
            self.titles.insert(listing.id.clone(), listing.title.clone());
            listings.insert(at, listing);
        }
        self.listings = Arc::new(listings);
        if outlets_changed {
            self.outlets = Arc::new(self.stories_by_outlet.keys().cloned().collect());
        }
        self.rendered.clear();
        self.orders = Default::default();
        self.version += 1;
    }

    /// Counts a listing's story for each of its outlets; whether an outlet is new.
    fn count_outlets(&mut self, listing: &store::StoryListing) -> bool {
        let mut new = false;
        for source in &listing.sources {
            let count = self.stories_by_outlet.entry(source.clone()).or_insert_with(|| {
                new = true;
                0
            });
            *count += 1;
        }
        new
    }

    /// Takes back [`Derived::count_outlets`]; whether an outlet is left without a story.
    fn uncount_outlets(&mut self, listing: &store::StoryListing) -> bool {
        let mut gone = false;
        for source in &listing.sources {
            if let Some(count) = self.stories_by_outlet.get_mut(source) {
                *count -= 1;
                if *count == 0 {
                    self.stories_by_outlet.remove(source);
                    gone = true;
                }
            }
        }
        gone
    }
}

/// What [`sync_index`] changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Synced {
    /// Documents deleted: of articles gone, changed or moved to another story.
    pub(crate) removed: usize,
    /// Documents written: of articles not indexed as they are stored.
    pub(crate) written: usize,
}

/// Articles read from the store at once while the index is brought up to date: bounds the
/// memory a first indexing of a large store takes.
const SYNC_CHUNK: usize = 2_000;

/// Brings the index to the store's articles: deletes every document that is not of a stored
/// article as it is stored (content and story), and writes those the index lacks, in one
/// commit. The store is read by keys, and whole only for the articles to write, so a restart
/// over an index already up to date reads no article's text. Whatever wrote the store since
/// (another process, a crash between a save and the index update) is caught up.
pub(crate) fn sync_index(
    store: &dyn store::Store,
    index: &search::Index,
) -> anyhow::Result<Synced> {
    let keys = store.article_keys().context("cannot read the store's articles")?;
    let indexed = index.keys().context("cannot read the search index")?;
    let doc_keys: Vec<u64> = keys
        .iter()
        .map(|key| search::doc_key(&key.id, key.content_hash, key.story.as_deref()))
        .collect();
    let missing: Vec<&str> = keys
        .iter()
        .zip(&doc_keys)
        .filter(|(_, doc_key)| !indexed.contains(doc_key))
        .map(|(key, _)| key.id.as_str())
        .collect();
    let wanted: HashSet<u64> = doc_keys.into_iter().collect();
    let mut batch = index.batch();
    let stale: Vec<u64> = indexed.difference(&wanted).copied().collect();
    for &key in &stale {
        batch.remove(key);
    }
    for ids in missing.chunks(SYNC_CHUNK) {
        let articles = store.articles_by_id(ids).context("cannot read the store's articles")?;
        for stored in &articles {
            batch.put(&doc(stored)).context("cannot write the search index")?;
        }
    }
    let written = batch.commit().context("cannot write the search index")?;
    Ok(Synced { removed: stale.len(), written })
}

/// Writes the index documents of the stored articles `ids` (their content or story changed).
pub(crate) fn update_index(
    store: &dyn store::Store,
    index: &search::Index,
    ids: &BTreeSet<&str>,
) -> anyhow::Result<usize> {
    let ids: Vec<&str> = ids.iter().copied().collect();
    let articles = store.articles_by_id(&ids).context("cannot read the stored articles")?;
    index.update(&mut articles.iter().map(doc)).context("cannot update the search index")
}

fn doc(stored: &store::StoredArticle) -> search::Doc<'_> {
    search::Doc {
        article: &stored.article.id,
        version: stored.content_hash,
        story: stored.story.as_deref(),
        source: &stored.article.source,
        title: stored.article.title.as_deref(),
        body: &stored.article.body,
        published: stored.article.published,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(id: &str, last: Option<&str>, article_count: usize) -> store::StoryListing {
        store::StoryListing {
            id: id.to_string(),
            title: format!("Story {id}"),
            article_count,
            sources: vec![format!("Outlet {id}")],
            first_published: None,
            last_published: last.map(str::to_string),
        }
    }

    #[test]
    fn changed_listings_take_their_place_in_the_stores_order() {
        let day = |d: u32| Some(format!("2024-03-0{d}T10:00:00Z"));
        let all = [
            listing("a", day(5).as_deref(), 2),
            listing("b", day(5).as_deref(), 1),
            listing("c", day(1).as_deref(), 5),
            listing("d", None, 1),
        ];
        let mut derived = Derived::default();
        derived.apply(&[], all.to_vec());
        derived.rendered.insert((Rendering::Page, "a".to_string()), axum::body::Bytes::new());
        // "b" grows and is the newest, "c" is gone, "e" is new, undated, with more than "d".
        let fresh = vec![listing("e", None, 3), listing("b", day(9).as_deref(), 2)];
        derived.apply(&["b", "c", "e"], fresh);
        let ids: Vec<&str> = derived.listings.iter().map(|it| it.id.as_str()).collect();
        assert_eq!(ids, ["b", "a", "e", "d"]);
        assert_eq!(derived.listings[0].article_count, 2);
        let mut titles: Vec<&str> = derived.titles.keys().map(String::as_str).collect();
        titles.sort_unstable();
        assert_eq!(titles, ["a", "b", "d", "e"]);
        assert_eq!(*derived.outlets, ["Outlet a", "Outlet b", "Outlet d", "Outlet e"]);
        assert!(derived.rendered.is_empty(), "pages rendered before are stale");
    }

    /// A server over a store of the integration tests' fixture, in a temporary directory.
    fn fixture_state() -> (tempfile::TempDir, AppState) {
        fixture_state_with(|_| {})
    }

    /// [`fixture_state`] with the server's settings changed by `change` (the store is
    /// analysed with the defaults).
    fn fixture_state_with(change: impl FnOnce(&mut ServerConfig)) -> (tempfile::TempDir, AppState) {
        let dir = tempfile::tempdir().unwrap();
        let mut config = ServerConfig::new(dir.path().join("parallax.db"));
        let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/stories.jsonl");
        let mut store = store::SqliteStore::open(&config.db).unwrap();
        pipeline::ingest(
            &mut store,
            &[fixture.to_string()],
            &config.pipeline,
            &pipeline::NoProgress,
        )
        .unwrap();
        change(&mut config);
        (dir, AppState::open(&config).unwrap())
    }

    /// The story with the most articles, as JSON, and its summary's length in words.
    async fn largest_story(router: &axum::Router, inner: &Inner) -> (String, usize) {
        use tower::ServiceExt;
        let listings = inner.listings();
        let story = listings.iter().max_by_key(|it| it.article_count).unwrap().id.clone();
        let request = axum::http::Request::get(format!("/api/stories/{story}"))
            .body(axum::body::Body::empty())
            .unwrap();
        let response = router.clone().oneshot(request).await.unwrap();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let words = json["summary"]
            .as_array()
            .unwrap()
            .iter()
            .map(|it| it["text"].as_str().unwrap().split_whitespace().count())
            .sum();
        (story, words)
    }

    #[tokio::test]
    async fn the_analysis_a_server_starts_with_applies_new_settings_while_it_answers() {
        let (_dir, state) = fixture_state_with(|config| config.pipeline.compare.summary_words = 12);
        let router = crate::router(state.clone());
        // Served, and cached, as the store was analysed: with the default summary length.
        let (story, before) = largest_story(&router, state.inner()).await;
        state.warm_up().unwrap().join().unwrap();
        assert!(!state.inner().warming_up.load(Ordering::SeqCst));
        let (same, after) = largest_story(&router, state.inner()).await;
        assert_eq!(same, story);
        assert!(after < before && after <= 12 + 12 * 15 / 100, "{before} then {after} words");
    }

    /// A store whose last ingest stored articles but was stopped before its analysis: the
    /// server answers with the store as last analysed, and its start-up analysis gives the new
    /// articles their story, in the lists and in the index.
    #[test]
    fn a_server_answers_at_once_over_an_interrupted_ingest_and_analyses_it() {
        let (dir, state) = fixture_state();
        let config = ServerConfig::new(dir.path().join("parallax.db"));
        drop(state);
        let jsonl = dir.path().join("more.jsonl");
        std::fs::write(&jsonl, r#"{"id": "flood-west", "source": "West Courier", "published": "2024-03-06T10:00:00Z", "title": "Millbrook flood: River Avon recedes", "text": "The River Avon burst its banks in Millbrook on Monday after record rainfall, flooding hundreds of homes.\n\nA heron nested on the flooded cricket pavilion, delighting birdwatchers."}"#).unwrap();
        let mut store = store::SqliteStore::open(&config.db).unwrap();
        let mut stored = |articles: Vec<model::Article>| {
            store::Store::put_articles(&mut store, &articles).map(|_| ())
        };
        let paths = [jsonl.display().to_string()];
        pipeline::load(&paths, &config.pipeline, &pipeline::NoProgress, &mut stored).unwrap();
        drop(store);

        let state = AppState::open(&config).unwrap();
        let inner = state.inner();
        let sources = || -> Vec<String> {
            inner.listings().iter().flat_map(|it| it.sources.clone()).collect()
        };
        assert!(!sources().iter().any(|it| it == "West Courier"), "served as last analysed");
        let heron = || inner.index.search(&search::Query::text("heron")).unwrap().hits;
        assert_eq!(heron()[0].story, None, "indexed before it has a story");
        state.warm_up().unwrap().join().unwrap();
        assert!(sources().iter().any(|it| it == "West Courier"), "{:?}", sources());
        let flood = inner
            .listings()
            .iter()
            .find(|it| it.sources.iter().any(|s| s == "West Courier"))
            .unwrap()
            .id
            .clone();
        assert_eq!(heron()[0].story.as_deref(), Some(flood.as_str()));
        assert_eq!(inner.listings().iter().find(|it| it.id == flood).unwrap().article_count, 4);
    }

    #[tokio::test]
    async fn requests_read_the_store_while_an_ingest_holds_it() {
        use tower::ServiceExt;
        let (_dir, state) = fixture_state();
        let story = state.inner().listings()[0].id.clone();
        let router = crate::router(state.clone());
        // An ingest holds the writer, as a long analysis would for minutes after an upgrade.
        let (locked, release) = (std::sync::mpsc::channel(), std::sync::mpsc::channel::<()>());
        let ingest = {
            let state = state.clone();
            std::thread::spawn(move || {
                let _writer = state.inner().writer();
                locked.0.send(()).unwrap();
                release.1.recv().ok();
            })
        };
        locked.1.recv().unwrap();
        for uri in [
            format!("/stories/{story}"),
            format!("/api/stories/{story}"),
            "/api/health".to_string(),
        ] {
            let request = axum::http::Request::get(&uri).body(axum::body::Body::empty()).unwrap();
            let response = tokio::time::timeout(
                std::time::Duration::from_secs(10),
                router.clone().oneshot(request),
            )
            .await
            .unwrap_or_else(|_| panic!("{uri} waited for the ingest"))
            .unwrap();
            assert_eq!(response.status(), axum::http::StatusCode::OK, "{uri}");
        }
        release.0.send(()).unwrap();
        ingest.join().unwrap();
    }

    #[test]
    fn the_index_is_caught_up_with_the_store_by_keys() {
        let (_dir, state) = fixture_state();
        let inner = state.inner();
        let store = inner.reader();
        let up_to_date = Synced { removed: 0, written: 0 };
        assert_eq!(sync_index(&**store, &inner.index).unwrap(), up_to_date);
        // The index lost a stored article and holds one the store does not.
        let first = &store.article_keys().unwrap()[0];
        let mut batch = inner.index.batch();
        batch.remove(search::doc_key(&first.id, first.content_hash, first.story.as_deref()));
        let gone = search::Doc {
            article: "gone",
            version: 1,
            story: None,
            source: "Elsewhere",
            title: None,
            body: "An article no longer stored.",
            published: None,
        };
        batch.put(&gone).unwrap();
        batch.commit().unwrap();
        assert_eq!(sync_index(&**store, &inner.index).unwrap(), Synced { removed: 1, written: 1 });
        assert_eq!(inner.index.keys().unwrap().len(), store.article_count().unwrap());
        assert_eq!(sync_index(&**store, &inner.index).unwrap(), up_to_date);
    }

    #[test]
    fn a_rendering_read_before_a_change_is_not_cached_after_it() {
        let (_dir, state) = fixture_state();
        let inner = state.inner();
        let story = inner.listings()[0].id.clone();
        let before = inner.version();
        // An ingest changes the story while a request renders it from the store as it was.
        inner.update(&**inner.reader(), std::slice::from_ref(&story)).unwrap();
        let stale = axum::body::Bytes::from_static(b"stale");
        inner.cache(before, Rendering::Page, story.clone(), stale);
        assert_eq!(inner.cached(Rendering::Page, &story), None);
        let fresh = axum::body::Bytes::from_static(b"fresh");
        inner.cache(inner.version(), Rendering::Page, story.clone(), fresh.clone());
        assert_eq!(inner.cached(Rendering::Page, &story), Some(fresh));
    }
}
