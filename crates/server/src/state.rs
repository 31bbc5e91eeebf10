//! Shared state: the store behind a lock, the search index, and the settings requests need.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use anyhow::Context;

use crate::error::ApiError;
use crate::ServerConfig;

/// What every request handler shares. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    // SQLite connections are not shared between threads; one lock keeps the store simple and
    // reads are short. Ingests hold it while they analyse, so reads wait for them.
    store: Mutex<Box<dyn store::Store>>,
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
    /// Every outlet of a story, sorted.
    pub(crate) outlets: Arc<Vec<String>>,
    pub(crate) rendered: HashMap<(Rendering, String), axum::body::Bytes>,
}

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
    /// Opens (or creates) the store at `config.db` and the index beside it, then brings both
    /// up to date: a store with unanalysed articles is analysed, and the index is rebuilt.
    pub fn open(config: &ServerConfig) -> anyhow::Result<AppState> {
        let store = store::SqliteStore::open(&config.db)
            .with_context(|| format!("cannot open the store {}", config.db.display()))?;
        let index_dir = config.index_dir();
        let index = search::Index::open(&index_dir)
            .with_context(|| format!("cannot open the search index {}", index_dir.display()))?;
        AppState::new(Box::new(store), index, config)
    }

    /// State over a store and index already open (tests use an in-memory index); the
    /// store is analysed if it needs it and the index rebuilt from it.
    pub fn new(
        mut store: Box<dyn store::Store>,
        index: search::Index,
        config: &ServerConfig,
    ) -> anyhow::Result<AppState> {
        if pipeline::store_is_stale(&*store)? {
            pipeline::reanalyze(&mut *store, &config.pipeline, &pipeline::NoProgress)
                .context("cannot analyse the store")?;
        }
        let n_docs = reindex(&*store, &index)?;
        let derived = derive(&*store)?;
        tracing::info!(target: "server", articles = n_docs, "Search index rebuilt.");
        Ok(AppState {
            inner: Arc::new(Inner {
                store: Mutex::new(store),
                index,
                token: config.token.clone(),
                max_body_bytes: config.max_body_bytes,
                pipeline: config.pipeline.clone(),
                derived: RwLock::new(derived),
            }),
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
    /// The store. A lock poisoned by a panicking request is taken anyway: every store write
    /// is one transaction, so a panic leaves no half-written state behind.
    pub(crate) fn store(&self) -> MutexGuard<'_, Box<dyn store::Store>> {
        self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Inner {
    /// Forgets cached pages and re-reads titles; call with the store locked after it changed.
    pub(crate) fn refresh(&self, store: &dyn store::Store) -> anyhow::Result<()> {
        let derived = derive(store)?;
        *self.derived.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = derived;
        Ok(())
    }

    pub(crate) fn cached(&self, kind: Rendering, id: &str) -> Option<axum::body::Bytes> {
        let derived = self.derived.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        derived.rendered.get(&(kind, id.to_string())).cloned()
    }

    pub(crate) fn cache(&self, kind: Rendering, id: String, bytes: axum::body::Bytes) {
        let mut derived = self.derived.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        if derived.rendered.len() < MAX_CACHED {
            derived.rendered.insert((kind, id), bytes);
        }
    }

    pub(crate) fn story_title(&self, id: &str) -> Option<String> {
        let derived = self.derived.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        derived.titles.get(id).cloned()
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
    let titles = listings.iter().map(|it| (it.id.clone(), it.title.clone())).collect();
    let outlets: BTreeSet<&String> = listings.iter().flat_map(|it| &it.sources).collect();
    let outlets = outlets.into_iter().cloned().collect();
    Ok(Derived {
        listings: Arc::new(listings),
        titles,
        outlets: Arc::new(outlets),
        rendered: HashMap::new(),
    })
}

/// Replaces the index content with every stored article and its story.
pub(crate) fn reindex(store: &dyn store::Store, index: &search::Index) -> anyhow::Result<usize> {
    let articles = store.articles().context("cannot read the store's articles")?;
    index.rebuild(&mut articles.iter().map(doc)).context("cannot rebuild the search index")
}

/// Writes the index documents of the stored articles `ids` (their content or story changed).
pub(crate) fn update_index(
    store: &dyn store::Store,
    index: &search::Index,
    ids: &BTreeSet<&str>,
) -> anyhow::Result<usize> {
    let mut articles = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(stored) = store.article(id).context("cannot read a stored article")? {
            articles.push(stored);
        }
    }
    index.update(&mut articles.iter().map(doc)).context("cannot update the search index")
}

fn doc(stored: &store::StoredArticle) -> search::Doc<'_> {
    search::Doc {
        article: &stored.article.id,
        story: stored.story.as_deref(),
        source: &stored.article.source,
        title: stored.article.title.as_deref(),
        body: &stored.article.body,
        published: stored.article.published,
    }
}
