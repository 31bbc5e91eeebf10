//! Orchestration: inputs -> articles -> duplicates -> stories -> comparisons.
//!
//! This is the only crate that owns concurrency (rayon) and drives the store; the stages it
//! calls are pure. The CLI and, later, the server call into it.
//!
//! Two entry points matter:
//! - [`load`] reads and extracts inputs in batches, handing each batch to a sink;
//! - [`analyze`] turns articles in arrival order into the report.
//!
//! [`ingest`] combines them with a [`store::Store`]: every batch is committed before the next
//! is read, so a killed process loses nothing it had committed, and the derived state
//! (duplicates, stories, comparisons) is recomputed from the stored articles afterwards.

mod progress;
mod state;
mod web;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

use model::report::{Report, ReportArticle, Story};
use model::{Article, Diagnostic, RawDocument, Severity};
use rayon::prelude::*;

pub use progress::{NoProgress, Progress, Step};
pub use web::{is_url, poll_feeds, FeedPoll, FeedStatus, PollOutcome, MAX_ENTRY_ATTEMPTS};

/// The web client for URL inputs and feeds (re-exported so callers need not name `ingest`).
pub use ingest::web::{FetchConfig, Fetcher};

/// Everything the pipeline needs to know; built by the CLI from flags.
#[derive(Debug, Clone)]
pub struct Config {
    pub limits: ingest::Limits,
    pub dedupe: dedupe::Config,
    pub cluster: cluster::Config,
    pub compare: compare::Config,
    /// Articles extracted (and, on ingest, committed) per batch.
    pub batch_size: usize,
    /// Most articles an analysis of the store runs through the online steps before it
    /// compares and saves: a longer backlog (a first ingest of a large batch, or the replay
    /// of a whole store after an upgrade) is analysed in rounds of this many, each saved as a
    /// whole, so that memory is bounded by it rather than by the store.
    pub round_size: usize,
}

impl Config {
    /// The settings measured in `bench/RESULTS.md`.
    pub fn recommended() -> Config {
        Config {
            limits: ingest::Limits::default(),
            dedupe: dedupe::Config::recommended(),
            cluster: cluster::Config::recommended(),
            compare: compare::Config::recommended(),
            batch_size: 512,
            round_size: 50_000,
        }
    }
}

/// Errors that stop the pipeline (bad inputs never do: they become diagnostics).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error(transparent)]
    Store(#[from] store::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What reading the inputs gave: the diagnostics, and how many inputs were skipped.
#[derive(Debug, Default)]
pub struct LoadOutcome {
    pub diagnostics: Vec<Diagnostic>,
    /// Articles extracted and handed to the sink.
    pub articles: usize,
}

impl LoadOutcome {
    /// Whether any input (file, line, object) was skipped.
    pub fn skipped_any(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }
}

/// Reads `args` (files, directories, `-` for JSONL on stdin), extracts every article, and
/// hands them to `sink` in batches of `config.batch_size`, in input order.
///
/// Extraction of a batch runs on all threads; reading stays sequential so order is stable.
/// A sink error stops the load and is returned.
pub fn load<E>(
    args: &[String],
    config: &Config,
    progress: &dyn Progress,
    sink: &mut dyn FnMut(Vec<Article>) -> Result<(), E>,
) -> Result<LoadOutcome, E> {
    load_from(args, None, config, progress, sink)
}

/// [`load`], with web addresses among `args` fetched by `fetcher` when one is given (without
/// one, a URL is taken for a path and reported missing).
///
/// Files are read first, in argument order, then the URLs in argument order (several hosts
/// are fetched at once; the order of the articles is still the order of the arguments). A
/// URL that cannot be fetched becomes an error diagnostic naming it, and the rest goes on.
pub fn load_from<E>(
    args: &[String],
    fetcher: Option<&Fetcher>,
    config: &Config,
    progress: &dyn Progress,
    sink: &mut dyn FnMut(Vec<Article>) -> Result<(), E>,
) -> Result<LoadOutcome, E> {
    let (urls, paths): (Vec<String>, Vec<String>) = match fetcher {
        Some(_) => args.iter().cloned().partition(|arg| is_url(arg)),
        None => (Vec::new(), args.to_vec()),
    };
    let (files, diagnostics) = match paths.is_empty() {
        true => (Vec::new(), Vec::new()),
        false => ingest::plan(&paths),
    };
    let mut outcome = LoadOutcome { diagnostics, articles: 0 };
    let batch_size = config.batch_size.max(1);
    let mut batch: Vec<RawDocument> = Vec::with_capacity(batch_size);
    let reading = !files.is_empty() || urls.is_empty();
    if reading {
        progress.start(Step::Reading, Some(files.len() as u64));
    }
    // A sink error stops the load; documents read after it are dropped.
    let mut failed: Option<E> = None;
    for file in &files {
        let mut emit = |res: Result<RawDocument, Diagnostic>| {
            if failed.is_some() {
                return;
            }
            match res {
                Ok(doc) => batch.push(doc),
                Err(diagnostic) => outcome.diagnostics.push(diagnostic),
            }
            // Flushing from inside the reader keeps a huge JSONL file from piling up.
            if batch.len() >= batch_size {
                if let Err(err) = flush(&mut batch, &mut outcome, sink) {
                    failed = Some(err);
                }
            }
        };
        ingest::read_file(file, &config.limits, &mut emit);
        if let Some(err) = failed {
            return Err(err);
        }
        progress.advance(1);
    }
    if reading {
        progress.finish();
    }
    if let (Some(fetcher), false) = (fetcher, urls.is_empty()) {
        progress.start(Step::Fetching, Some(urls.len() as u64));
        for chunk in urls.chunks(batch_size) {
            for res in web::fetch_pages(fetcher, chunk, progress) {
                match res {
                    Ok((doc, diagnostics)) => {
                        outcome.diagnostics.extend(diagnostics);
                        batch.push(doc);
                    }
                    Err(diagnostic) => outcome.diagnostics.push(diagnostic),
                }
                if batch.len() >= batch_size {
                    flush(&mut batch, &mut outcome, sink)?;
                }
            }
        }
        progress.finish();
    }
    flush(&mut batch, &mut outcome, sink)?;
    Ok(outcome)
}

/// Reads inputs into documents without extracting them, in input order (to time extraction
/// alone, as `eval extract` does).
pub fn read_documents(args: &[String], config: &Config) -> (Vec<RawDocument>, Vec<Diagnostic>) {
    let (files, mut diagnostics) = ingest::plan(args);
    let mut docs = Vec::new();
    for file in &files {
        ingest::read_file(file, &config.limits, &mut |res| match res {
            Ok(doc) => docs.push(doc),
            Err(diagnostic) => diagnostics.push(diagnostic),
        });
    }
    (docs, diagnostics)
}

/// Extracts one document on the calling thread; `Err` when it was skipped (see [`extract_or_skip`]).
pub fn extract_one(doc: &RawDocument) -> Result<(Article, Vec<Diagnostic>), Diagnostic> {
    extract_or_skip(doc, || extract::extract(doc))
}

/// Extracts documents on all threads: the articles in the documents' order, and the
/// diagnostics of all, those of skipped documents included.
pub fn extract_all(docs: &[RawDocument]) -> (Vec<Article>, Vec<Diagnostic>) {
    let extracted: Vec<_> = docs.par_iter().map(extract_one).collect();
    let mut articles = Vec::with_capacity(extracted.len());
    let mut diagnostics = Vec::new();
    for res in extracted {
        match res {
            Ok((article, found)) => {
                articles.push(article);
                diagnostics.extend(found);
            }
            Err(skipped) => diagnostics.push(skipped),
        }
    }
    (articles, diagnostics)
}

/// A document's extraction, or, should it panic (a bug that a hostile page reached), an error
/// naming the document, which is skipped: one page does not take down a batch or a server's
/// intake.
fn extract_or_skip(
    doc: &RawDocument,
    extract: impl FnOnce() -> (Article, Vec<Diagnostic>),
) -> Result<(Article, Vec<Diagnostic>), Diagnostic> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(extract)).map_err(|_| {
        Diagnostic::error(
            doc.origin.clone(),
            "extraction failed on this page (a bug in Parallax, please report it); it was skipped",
        )
    })
}

fn flush<E>(
    batch: &mut Vec<RawDocument>,
    outcome: &mut LoadOutcome,
    sink: &mut dyn FnMut(Vec<Article>) -> Result<(), E>,
) -> Result<(), E> {
    if batch.is_empty() {
        return Ok(());
    }
    let (articles, diagnostics) = extract_all(batch);
    batch.clear();
    outcome.diagnostics.extend(diagnostics);
    outcome.articles += articles.len();
    sink(articles)
}

/// Reads and extracts all inputs into memory, dropping repeated ids (first one wins).
pub fn load_all(
    args: &[String],
    config: &Config,
    progress: &dyn Progress,
) -> (Vec<Article>, LoadOutcome) {
    load_all_from(args, None, config, progress)
}

/// [`load_all`], with web addresses fetched by `fetcher` when one is given (see [`load_from`]).
pub fn load_all_from(
    args: &[String],
    fetcher: Option<&Fetcher>,
    config: &Config,
    progress: &dyn Progress,
) -> (Vec<Article>, LoadOutcome) {
    let mut articles: Vec<Article> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut repeated: Vec<String> = Vec::new();
    let res: Result<LoadOutcome, std::convert::Infallible> =
        load_from(args, fetcher, config, progress, &mut |batch| {
            for article in batch {
                if seen.insert(article.id.clone()) {
                    articles.push(article);
                } else {
                    repeated.push(article.id);
                }
            }
            Ok(())
        });
    let mut outcome = match res {
        Ok(outcome) => outcome,
        Err(never) => match never {},
    };
    for id in repeated {
        outcome.diagnostics.push(Diagnostic::error(
            model::Origin::file(format!("article {id}")),
            "an earlier input has the same id; this one was skipped",
        ));
    }
    (articles, outcome)
}

/// The derived state of a set of articles: who copies whom, and which story each is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    pub duplicate_of: Option<String>,
    pub story: String,
}

/// Finds duplicates and stories for articles in arrival order (online: each article is
/// placed as it arrives, as it would be on a stream).
pub fn assign(articles: &[Article], config: &Config, progress: &dyn Progress) -> Vec<Assignment> {
    assign_after(&mut Online::new(config), &[], articles, progress)
}

/// [`assign`] for the articles `seen` earlier by `online` (with their assignments as stored)
/// and the `fresh` ones that follow them: the fresh articles go through `online`, and the
/// earlier ones keep their duplicates and take their stories from `online` while those are
/// open (a merge or a split may have moved them), else keep the stored ones.
fn assign_after(
    online: &mut Online,
    seen: &[store::ArticleKey],
    fresh: &[Article],
    progress: &dyn Progress,
) -> Vec<Assignment> {
    progress.start(Step::Clustering, Some(fresh.len() as u64));
    let duplicate_of = online.add(fresh, progress);
    progress.finish();
    let story_of: HashMap<String, String> = online.clusterer.assignments().into_iter().collect();
    // A copy lives in its original's story; the original is never itself a copy. An original
    // the clusterer handed over with its closed story in an earlier analysis has it stored.
    let handed_over: HashSet<&str> = duplicate_of
        .iter()
        .flatten()
        .map(String::as_str)
        .filter(|original| !story_of.contains_key(*original))
        .collect();
    // Most analyses have none: then the earlier articles are not looked through.
    let stored_story: HashMap<&str, &str> = match handed_over.is_empty() {
        true => HashMap::new(),
        false => seen
            .iter()
            .filter(|key| handed_over.contains(key.id.as_str()))
            .filter_map(|key| Some((key.id.as_str(), key.story.as_deref()?)))
            .collect(),
    };
    // `key` is the original's id, `stored` its story as stored.
    let story =
        |key: &str, stored: Option<&str>| match story_of.get(key).map(String::as_str).or(stored) {
            Some(story) => story.to_string(),
            None => {
                never_happens(&format!("article {key} has no story"));
                format!("s{}", &model::content_id(key)[..12])
            }
        };
    let seen = seen.iter().map(|key| Assignment {
        // A copy's stored story is its original's.
        story: story(key.duplicate_of.as_deref().unwrap_or(&key.id), key.story.as_deref()),
        duplicate_of: key.duplicate_of.clone(),
    });
    let fresh = fresh.iter().zip(duplicate_of.iter()).map(|(article, duplicate_of)| {
        let stored = duplicate_of.as_deref().and_then(|original| stored_story.get(original));
        Assignment {
            story: story(duplicate_of.as_deref().unwrap_or(&article.id), stored.copied()),
            duplicate_of: duplicate_of.clone(),
        }
    });
    seen.chain(fresh).collect()
}

/// The two online steps, duplicates then stories, with their state kept between batches.
///
/// The state serializes, so that an analysis of the store can go on from the last one
/// (see `state.rs`).
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Online {
    pub deduper: dedupe::Deduper,
    pub clusterer: cluster::Clusterer,
}

/// Articles the duplicate finder may run ahead of the clusterer.
const ONLINE_QUEUE: usize = 1_024;

impl Online {
    pub fn new(config: &Config) -> Online {
        Online {
            deduper: dedupe::Deduper::new(config.dedupe.clone()),
            clusterer: cluster::Clusterer::new(config.cluster.clone()),
        }
    }

    /// Adds articles in order and returns, for each, the earlier article it copies; the
    /// originals join stories in `self.clusterer`.
    ///
    /// The duplicate finder runs on a thread of its own, ahead of the clusterer, which
    /// takes the originals in order: the two steps share the work of a stream on two cores
    /// and decide exactly as one thread would.
    pub fn add(&mut self, articles: &[Article], progress: &dyn Progress) -> Vec<Option<String>> {
        let Online { deduper, clusterer } = self;
        std::thread::scope(|scope| {
            let (sender, receiver) = std::sync::mpsc::sync_channel::<(usize, bool)>(ONLINE_QUEUE);
            let dedupe = scope.spawn(move || {
                let mut text = String::new();
                let mut duplicate_of = Vec::with_capacity(articles.len());
                for (idx, article) in articles.iter().enumerate() {
                    text.clear();
                    if let Some(title) = &article.title {
                        text.push_str(title);
                        text.push_str("\n\n");
                    }
                    text.push_str(&article.body);
                    let original = deduper.add(&article.id, &text);
                    // The receiver only stops early when the clusterer panicked.
                    let _ = sender.send((idx, original.is_none()));
                    duplicate_of.push(original);
                }
                duplicate_of
            });
            for (idx, is_original) in receiver {
                if is_original {
                    let article = &articles[idx];
                    clusterer.add(&cluster::Doc {
                        id: &article.id,
                        title: article.title.as_deref(),
                        body: &article.body,
                        published: article.published,
                        language: article.language.as_deref(),
                    });
                }
                progress.advance(1);
            }
            dedupe.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    }
}

/// Compares every story; stories come most covered first, then newest, then by id.
pub fn compare_stories(
    articles: &[Article],
    assignments: &[Assignment],
    config: &Config,
    progress: &dyn Progress,
) -> Vec<Story> {
    let members = story_members(assignments);
    let mut stories =
        compare_members(|idx| &articles[idx], assignments, &members, config, progress);
    stories.sort_by(|a, b| {
        (b.sources.len(), b.articles.len(), &b.last_published, &a.id).cmp(&(
            a.sources.len(),
            a.articles.len(),
            &a.last_published,
            &b.id,
        ))
    });
    stories
}

/// Each story's id and its articles' indices, in arrival order; stories in order of their
/// first article.
fn story_members(assignments: &[Assignment]) -> Vec<(String, Vec<usize>)> {
    let mut members: Vec<(String, Vec<usize>)> = Vec::new();
    let mut index_of: HashMap<&str, usize> = HashMap::new();
    for (article_idx, assignment) in assignments.iter().enumerate() {
        let story_idx = *index_of.entry(&assignment.story).or_insert_with(|| {
            members.push((assignment.story.clone(), Vec::new()));
            members.len() - 1
        });
        members[story_idx].1.push(article_idx);
    }
    members
}

/// The reports of the stories given by their members, in parallel, in the order given;
/// `article` gives the article at an index of `assignments`.
fn compare_members<'a>(
    article: impl Fn(usize) -> &'a Article + Sync,
    assignments: &[Assignment],
    members: &[(String, Vec<usize>)],
    config: &Config,
    progress: &dyn Progress,
) -> Vec<Story> {
    progress.start(Step::Comparing, Some(members.len() as u64));
    let stories = members
        .par_iter()
        .map(|(story_id, idxs)| {
            let story_articles: Vec<compare::StoryArticle<'_>> = idxs
                .iter()
                .map(|&idx| compare::StoryArticle {
                    article: article(idx),
                    duplicate_of: assignments[idx].duplicate_of.as_deref(),
                })
                .collect();
            let story = compare_or_list(story_id, &story_articles, || {
                compare::compare_story(story_id, &story_articles, &config.compare)
            });
            progress.advance(1);
            story
        })
        .collect();
    progress.finish();
    stories
}

/// A story's comparison, or, should comparing its articles panic (a bug that hostile text
/// reached), the story listed without it, with the failure logged: one story's text does not
/// take down a batch or a server's analysis.
fn compare_or_list(
    story_id: &str,
    articles: &[compare::StoryArticle<'_>],
    compare: impl FnOnce() -> Story,
) -> Story {
    let compared = std::panic::catch_unwind(std::panic::AssertUnwindSafe(compare));
    compared.unwrap_or_else(|_| {
        let ids: Vec<&str> = articles.iter().map(|a| a.article.id.as_str()).collect();
        tracing::error!(
            target: "pipeline",
            story = story_id,
            articles = ?ids,
            "Comparing the story failed; it is listed without its comparison."
        );
        compare::listed_story(story_id, articles)
    })
}

/// Turns articles in arrival order into the whole report.
pub fn analyze(articles: &[Article], config: &Config, progress: &dyn Progress) -> Report {
    let assignments = assign(articles, config, progress);
    let stories = compare_stories(articles, &assignments, config, progress);
    let articles = articles
        .iter()
        .zip(assignments)
        .map(|(article, assignment)| report_article(article, assignment))
        .collect();
    Report { articles, stories }
}

/// One article as the report shows it.
pub fn report_article(article: &Article, assignment: Assignment) -> ReportArticle {
    ReportArticle {
        id: article.id.clone(),
        source: article.source.clone(),
        url: article.url.clone(),
        title: article.title.clone(),
        author: article.author.clone(),
        published: article.published.map(|date| date.to_rfc3339()),
        language: article.language.clone(),
        body: article.body.clone(),
        duplicate_of: assignment.duplicate_of,
        story: assignment.story,
        extra: article.extra.clone(),
    }
}

/// What `ingest` did.
#[derive(Debug, Default)]
pub struct IngestOutcome {
    pub load: LoadOutcome,
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// The analysis after the ingest (of the whole store when anything changed).
    pub analysis: Analysis,
}

/// What an analysis of the store found and did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// Stories in the store.
    pub stories: usize,
    /// Stories compared by this analysis: new ones and those whose articles changed. The
    /// others kept their stored report.
    pub compared: usize,
    /// Articles whose story is not the one stored before (new articles included), so that
    /// what is derived per article, such as a search index, can be updated for them alone.
    pub moved: Vec<String>,
    /// Articles that went through the duplicate finder and the clusterer: those stored after
    /// the state the analysis went on from (the one this process kept, else the saved one),
    /// or every stored article when none fits.
    pub replayed: usize,
    /// Stories whose stored listing may have changed: those compared, and those an article
    /// left (the store deletes a story left without articles), so that what is derived per
    /// story, such as a server's listings, can be updated for them alone. Sorted.
    pub changed_stories: Vec<String>,
}

/// Reads inputs into the store, one committed transaction per batch, then recomputes the
/// derived state (duplicates, stories, comparisons) over everything stored.
pub fn ingest(
    store: &mut dyn store::Store,
    args: &[String],
    config: &Config,
    progress: &dyn Progress,
) -> Result<IngestOutcome> {
    ingest_from(store, args, None, config, progress)
}

/// [`ingest`], with web addresses fetched by `fetcher` when one is given (see [`load_from`]).
pub fn ingest_from(
    store: &mut dyn store::Store,
    args: &[String],
    fetcher: Option<&Fetcher>,
    config: &Config,
    progress: &dyn Progress,
) -> Result<IngestOutcome> {
    let mut outcome = IngestOutcome::default();
    let (mut inserted, mut updated, mut unchanged) = (0, 0, 0);
    let load = load_from(args, fetcher, config, progress, &mut |batch| {
        for put in store.put_articles(&batch)? {
            match put {
                store::PutOutcome::Inserted => inserted += 1,
                store::PutOutcome::Updated => updated += 1,
                store::PutOutcome::Unchanged => unchanged += 1,
            }
        }
        Ok::<(), Error>(())
    })?;
    outcome.load = load;
    (outcome.inserted, outcome.updated, outcome.unchanged) = (inserted, updated, unchanged);
    outcome.analysis = refresh(store, inserted + updated > 0, config, progress)?;
    Ok(outcome)
}

/// Analyses the store again when its articles `changed`, an earlier analysis was interrupted,
/// or its stories were compared with other settings or by another build (`parallax ingest
/// --summary-words 100` over a store that already holds every article given); otherwise only
/// counts its stories. What every ingest path calls after storing.
pub fn refresh(
    store: &mut dyn store::Store,
    changed: bool,
    config: &Config,
    progress: &dyn Progress,
) -> Result<Analysis> {
    if changed || store_is_stale(store)? || comparisons_out_of_date(store, config)? {
        reanalyze(store, config, progress)
    } else {
        Ok(Analysis { stories: store.stories()?.len(), ..Analysis::default() })
    }
}

/// Whether some stored story's report was computed from other inputs than its stored articles
/// and this build's comparison settings give. Reads the articles' keys, not their text, and
/// not the online state (which a full analysis reads).
fn comparisons_out_of_date(store: &dyn store::Store, config: &Config) -> Result<bool> {
    let Some(settings) = settings_identity(config) else {
        return Ok(false);
    };
    let keys = store.article_keys()?;
    let assignments: Vec<Assignment> = keys
        .iter()
        .map(|key| Assignment {
            duplicate_of: key.duplicate_of.clone(),
            story: key.story.clone().unwrap_or_default(),
        })
        .collect();
    let stored = store.story_inputs()?;
    Ok(story_members(&assignments).iter().any(|(story_id, idxs)| {
        stored.get(story_id) != Some(&story_inputs(settings, story_id, idxs, &keys, &assignments))
    }))
}

/// Frees the online state this process keeps in memory after saving it to a store (so that
/// the next analysis of that store need not read it back): the next analysis reads the state
/// from the store instead. For a process that wants the memory back, and for tests.
pub fn forget_kept_state() {
    state::forget_kept();
}

/// Whether some stored article has no story yet (an ingest was interrupted before its
/// analysis was saved).
pub fn store_is_stale(store: &dyn store::Store) -> Result<bool> {
    Ok(store.unassigned_count()? > 0)
}

/// Recomputes duplicates and stories over every stored article, in arrival order, compares
/// the stories whose inputs changed (see [`story_inputs`]), and saves what changed in one
/// transaction. A story whose articles, duplicates and settings are as when it was last
/// compared keeps its stored report, so a small ingest into a large store compares little.
///
/// When another process saved an analysis in the meantime, this one is refused (it would
/// save its changes over a derived state it did not read) and done again, up to
/// [`ANALYSIS_ATTEMPTS`] times.
pub fn reanalyze(
    store: &mut dyn store::Store,
    config: &Config,
    progress: &dyn Progress,
) -> Result<Analysis> {
    let mut total = Analysis::default();
    let mut named = HashSet::new();
    let mut attempts = 1;
    loop {
        let round = match analyze_store(store, config, progress) {
            Err(Error::Store(store::Error::AnalysedMeanwhile)) if attempts < ANALYSIS_ATTEMPTS => {
                attempts += 1;
                tracing::warn!(target: "pipeline", "Store analysed meanwhile; analysing again.");
                continue;
            }
            other => other,
        }?;
        total.stories = round.analysis.stories;
        total.compared += round.analysis.compared;
        // An article moved in two rounds is named once.
        total.moved.extend(round.analysis.moved.into_iter().filter(|id| named.insert(id.clone())));
        total.replayed += round.analysis.replayed;
        total.changed_stories.extend(round.analysis.changed_stories);
        if !round.more {
            total.changed_stories.sort_unstable();
            total.changed_stories.dedup();
            return Ok(total);
        }
        tracing::info!(target: "pipeline", analysed = round.analysed, "Analysed a round of articles; more follow.");
    }
}

/// How many times [`reanalyze`] analyses a round when other processes' analyses keep being
/// saved first: each of those analysed the articles this one would, so giving up after a few
/// leaves little undone.
const ANALYSIS_ATTEMPTS: usize = 4;

/// What one round of [`analyze_store`] did.
struct Round {
    analysis: Analysis,
    /// Stored articles the round's analysis covers, from the first.
    analysed: usize,
    /// Whether stored articles follow them, for the next round.
    more: bool,
}

/// One round of [`reanalyze`].
///
/// The online steps go on from the state the last analysis saved when it fits the stored
/// articles (see `state.rs`), so only the articles stored since go through them; otherwise
/// every article does, in arrival order. Either way the result is the same. At most
/// `config.round_size` articles go through them: the analysis saved covers the articles up to
/// the last of those, and those after it are left without a story for the next round. Articles
/// are read whole only when they go through the online steps or their story is compared, and
/// only what changed is written.
fn analyze_store(
    store: &mut dyn store::Store,
    config: &Config,
    progress: &dyn Progress,
) -> Result<Round> {
    // Read before anything else: the save is refused if another analysis was saved after it.
    let base = store.analysis_generation()?;
    // Each step logs at debug level (`--verbose`), so the log's times give what each costs.
    let mut keys = store.article_keys()?;
    tracing::debug!(target: "pipeline", articles = keys.len(), "Article keys read.");
    let Start { mut online, seen, saved } = resume(&*store, &keys, config)?;
    tracing::debug!(target: "pipeline", seen, "Articles the online state has seen.");
    let stored = keys.len();
    let round_size = config.round_size.max(1);
    // The stories of the articles this round will not reach, which lose them.
    let mut left: BTreeSet<String> = keys
        .iter()
        .skip(seen.saturating_add(round_size))
        .filter_map(|key| key.story.clone())
        .collect();
    let fresh = read_fresh(&*store, &mut keys, seen, round_size)?;
    let more = keys.len() < stored;
    let assignments = assign_after(&mut online, &keys[..seen], &fresh, progress);
    online.clusterer.drain_settled();
    tracing::debug!(target: "pipeline", articles = fresh.len(), "Duplicates and stories found.");
    let mut moved = Vec::new();
    for (key, assignment) in keys.iter().zip(&assignments) {
        if key.story.as_deref() != Some(assignment.story.as_str()) {
            moved.push(key.id.clone());
            left.extend(key.story.clone());
        }
    }
    let members = story_members(&assignments);
    let stored_inputs = store.story_inputs()?;
    let settings = settings_identity(config);
    let inputs: Vec<Option<u64>> = members
        .iter()
        .map(|(story_id, idxs)| {
            let settings = settings?;
            Some(story_inputs(settings, story_id, idxs, &keys, &assignments))
        })
        .collect();
    // A story stored with the inputs it has now keeps its report.
    let changed: Vec<usize> = (0..members.len())
        .filter(|&idx| {
            inputs[idx].is_none() || stored_inputs.get(&members[idx].0) != inputs[idx].as_ref()
        })
        .collect();
    let to_compare: Vec<(String, Vec<usize>)> =
        changed.iter().map(|&idx| members[idx].clone()).collect();
    let earlier = read_earlier(&*store, &keys, seen, &to_compare)?;
    let article = |idx: usize| match idx.checked_sub(seen) {
        Some(fresh_idx) => &fresh[fresh_idx],
        None => &earlier[&idx],
    };
    let compared = compare_members(article, &assignments, &to_compare, config, progress);
    let replayed = fresh.len();
    // The articles go before the state is serialized: on a replay of a large store they and
    // the state's bytes would be the peak of memory together.
    drop((fresh, earlier));
    tracing::debug!(target: "pipeline", stories = compared.len(), "Stories compared.");
    // Articles that had a story already went through the online steps again.
    let replays = keys[seen..].iter().filter(|key| key.story.is_some()).count() as u64;
    let now = state::Seen::all(&keys);
    let keep_saved = saved.filter(|saved| !save_now(saved, keys.len(), replays));
    let new_state = match keep_saved {
        Some(_) => None,
        None => state::encode(&online).map(|bytes| store::OnlineState {
            last_seq: now.last_seq,
            fingerprint: now.fingerprint,
            state: bytes,
        }),
    };
    let update = match keep_saved {
        Some(saved) => store::OnlineUpdate::Keep { replayed: saved.replayed + replays },
        None => store::OnlineUpdate::Replace(new_state.as_ref()),
    };
    let state_bytes = new_state.as_ref().map_or(0, |new_state| new_state.state.len());
    tracing::debug!(
        target: "pipeline",
        kept = keep_saved.is_some(),
        bytes = state_bytes,
        replays,
        "Online state serialized, or the saved one kept."
    );
    // A story saved without a fingerprint (the build could not be identified) is saved with 0,
    // which no analysis computes in practice.
    let saved_stories: Vec<store::SavedStory<'_>> = changed
        .iter()
        .zip(&compared)
        .map(|(&idx, story)| store::SavedStory { story, inputs: inputs[idx].unwrap_or_default() })
        .collect();
    let changed_rows: Vec<store::Assignment> = keys
        .iter()
        .zip(&assignments)
        .filter(|(key, assignment)| {
            key.duplicate_of != assignment.duplicate_of
                || key.story.as_deref() != Some(assignment.story.as_str())
        })
        .map(|(key, assignment)| store::Assignment {
            article: key.id.clone(),
            duplicate_of: assignment.duplicate_of.clone(),
            story: assignment.story.clone(),
        })
        .collect();
    let update = store::AnalysisUpdate {
        base,
        assignments: &changed_rows,
        analysed_through: keys.last().map_or(i64::MIN, |key| key.seq),
        stories: &saved_stories,
        online: update,
    };
    progress.start(Step::Storing, None);
    store.save_analysis(&update)?;
    progress.finish();
    tracing::debug!(target: "pipeline", "Analysis saved.");
    match (keep_saved, new_state) {
        (Some(saved), _) => state::keep(saved.seen, now, online),
        (None, Some(new_state)) => {
            state::keep(state::Seen { bytes: new_state.state.len() as u64, ..now }, now, online);
        }
        (None, None) => state::forget_kept(),
    }
    let changed_stories = left.into_iter().chain(compared.iter().map(|story| story.id.clone()));
    let analysis = Analysis {
        stories: members.len(),
        compared: compared.len(),
        moved,
        replayed,
        changed_stories: changed_stories.collect(),
    };
    Ok(Round { analysis, analysed: keys.len(), more })
}

/// Where an analysis of the store starts.
struct Start {
    /// The online steps' state, which has seen the first `seen` stored articles.
    online: Online,
    seen: usize,
    /// The saved state, when it fits the stored articles (this analysis may keep it).
    saved: Option<SavedState>,
}

/// The saved online state, as an analysis that may keep it needs to know it.
#[derive(Debug, Clone, Copy)]
struct SavedState {
    seen: state::Seen,
    /// How many stored articles it has seen.
    count: usize,
    /// Articles analyses have replayed since it was saved.
    replayed: u64,
}

/// The online state to go on from, when one fits the stored articles `keys` (see
/// `state.rs`): the one this process kept after its last analysis when it goes on from the
/// saved one, else the saved one, read. Otherwise a new state, which replays every article.
fn resume(store: &dyn store::Store, keys: &[store::ArticleKey], config: &Config) -> Result<Start> {
    let from_scratch = || Start { online: Online::new(config), seen: 0, saved: None };
    let Some(head) = store.online_state_head()? else { return Ok(from_scratch()) };
    let seen = state::Seen::saved(&head);
    let Some(count) = seen.count_in(keys) else { return Ok(from_scratch()) };
    let saved = Some(SavedState { seen, count, replayed: head.replayed });
    if let Some((kept_seen, online)) = state::take_kept(seen, config) {
        if let Some(kept_count) = kept_seen.count_in(keys) {
            return Ok(Start { online, seen: kept_count, saved });
        }
    }
    // Read after its head: another process may have saved a new state in between.
    let online = store
        .online_state()?
        .filter(|bytes| (bytes.last_seq, bytes.fingerprint) == (head.last_seq, head.fingerprint))
        .and_then(|bytes| state::decode(&bytes.state, config));
    Ok(match online {
        Some(online) => Start { online, seen: count, saved },
        None => from_scratch(),
    })
}

/// Bytes of online state that cost about as much to save (serialize and write in the
/// store's transaction) as one article costs to replay (read back, and run through the
/// duplicate finder and the clusterer). Measured in `bench/RESULTS.md`.
pub const STATE_BYTES_PER_REPLAYED_ARTICLE: u64 = 16 << 10;

/// Whether an analysis of `total` stored articles, which replayed `replays` articles the
/// saved state had not seen, saves its state rather than keep the saved one.
///
/// Saving a full window's state takes seconds, while keeping the saved one costs the next
/// process the replay of every article stored since. So the state is saved again once the
/// replays since it was saved have cost about what saving costs (so that at most about twice
/// the least possible is spent on the two), or once the articles it has not seen would take
/// that long to replay (a server that keeps its state in memory replays nothing, and this
/// bounds what its restart costs).
fn save_now(saved: &SavedState, total: usize, replays: u64) -> bool {
    let price = saved.seen.bytes / STATE_BYTES_PER_REPLAYED_ARTICLE;
    let unseen = (total - saved.count) as u64;
    saved.replayed + replays >= price || unseen >= price
}

/// The first `limit` articles after the first `seen` of `keys`, read whole; `keys` is made to
/// end with theirs (it holds them already, unless more were stored meanwhile).
fn read_fresh(
    store: &dyn store::Store,
    keys: &mut Vec<store::ArticleKey>,
    seen: usize,
    limit: usize,
) -> Result<Vec<Article>> {
    keys.truncate(seen);
    let after = keys.last().map_or(i64::MIN, |key| key.seq);
    let mut fresh = Vec::new();
    for stored in store.articles_after(after, limit)? {
        let (key, article) = stored.into_key_and_article();
        keys.push(key);
        fresh.push(article);
    }
    Ok(fresh)
}

/// The articles among the first `seen` of `keys` that a story to compare holds, by index.
fn read_earlier(
    store: &dyn store::Store,
    keys: &[store::ArticleKey],
    seen: usize,
    to_compare: &[(String, Vec<usize>)],
) -> Result<HashMap<usize, Article>> {
    let wanted: Vec<usize> = to_compare
        .iter()
        .flat_map(|(_, idxs)| idxs.iter().copied().filter(|&idx| idx < seen))
        .collect();
    let index_of: HashMap<&str, usize> =
        wanted.iter().map(|&idx| (keys[idx].id.as_str(), idx)).collect();
    let ids: Vec<&str> = index_of.keys().copied().collect();
    let mut earlier = HashMap::with_capacity(ids.len());
    for stored in store.articles_by_id(&ids)? {
        earlier.insert(index_of[stored.article.id.as_str()], stored.article);
    }
    // Articles are never deleted, so each is found; one that is not was removed by hand.
    if let Some(&missing) = ids.iter().find(|id| !earlier.contains_key(&index_of[**id])) {
        return Err(Error::Store(store::Error::UnknownArticle(missing.to_string())));
    }
    Ok(earlier)
}

/// A fingerprint of what every story's report is computed with: the comparison's settings
/// and this build of the code. `None` when the build cannot be identified: then every story
/// is compared again.
///
/// The build is identified by its executable file, so any new build compares every story
/// once, rather than trusting a version number that a change might forget to bump.
fn settings_identity(config: &Config) -> Option<u64> {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(&build_identity()?.to_le_bytes());
    hasher.update(format!("{:?}", config.compare).as_bytes());
    Some(hasher.digest())
}

/// A fingerprint of everything a story's report is computed from: `settings`
/// ([`settings_identity`]), its id, and its articles in order with their content and
/// duplicates.
fn story_inputs(
    settings: u64,
    story_id: &str,
    idxs: &[usize],
    keys: &[store::ArticleKey],
    assignments: &[Assignment],
) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(&settings.to_le_bytes());
    for part in std::iter::once(story_id).chain(idxs.iter().flat_map(|&idx| {
        [keys[idx].id.as_str(), assignments[idx].duplicate_of.as_deref().unwrap_or("")]
    })) {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    for &idx in idxs {
        hasher.update(&keys[idx].content_hash.to_le_bytes());
    }
    hasher.digest()
}

/// The running executable's size and modification time, read once per process: a new build
/// or install changes them (reading the whole executable would cost its size in memory or
/// time, for no better answer).
fn build_identity() -> Option<u64> {
    static IDENTITY: OnceLock<Option<u64>> = OnceLock::new();
    *IDENTITY.get_or_init(|| {
        let meta = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
        let modified = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        hasher.update(&meta.len().to_le_bytes());
        hasher.update(&modified.as_nanos().to_le_bytes());
        Some(hasher.digest())
    })
}

/// A broken invariant in a long-running path: loud in debug builds, logged in release.
fn never_happens(what: &str) {
    debug_assert!(false, "{what}");
    tracing::error!(target: "pipeline", what, "Broken invariant.");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, source: &str, title: Option<&str>) -> Article {
        Article {
            id: id.to_string(),
            source: source.to_string(),
            url: None,
            title: title.map(str::to_string),
            author: None,
            published: None,
            language: Some("en".to_string()),
            body: "The council voted on Tuesday to rebuild the old bridge.".to_string(),
            extra: Default::default(),
        }
    }

    #[test]
    fn a_story_whose_comparison_panics_is_listed_without_it() {
        let (a, b) = (
            article("a", "Harbor Gazette", None),
            article("b", "Valley Times", Some("Bridge vote")),
        );
        let articles = [
            compare::StoryArticle { article: &a, duplicate_of: None },
            compare::StoryArticle { article: &b, duplicate_of: None },
        ];
        let story = compare_or_list("s1", &articles, || panic!("a bug hostile text reached"));
        assert_eq!((story.id.as_str(), story.title.as_str()), ("s1", "Bridge vote"));
        assert_eq!(story.articles, ["a", "b"]);
        assert_eq!(story.sources, ["Harbor Gazette", "Valley Times"]);
        assert!(story.facts.is_empty() && story.summary.is_empty());
        // Without a panic, the comparison is the story.
        let compared = compare::compare_story("s1", &articles, &compare::Config::recommended());
        let story = compare_or_list("s1", &articles, || compared.clone());
        assert_eq!(story, compared);
    }

    const BRIDGE_VOTE: &str =
        "The council voted on Tuesday to rebuild the old bridge over the river, \
        which has been closed to traffic since the spring floods damaged two of its piers.";

    #[test]
    fn a_page_whose_extraction_panics_is_skipped_with_an_error_naming_it() {
        let doc = RawDocument::new(
            model::Origin::file("crawl/page.html"),
            model::Content::Html(format!(
                "<html><body><article><p>{BRIDGE_VOTE}</p></article></body></html>"
            )),
        );
        let skipped = extract_or_skip(&doc, || panic!("a bug a hostile page reached"));
        let error = skipped.expect_err("a panic skips the page");
        assert_eq!(error.severity, model::Severity::Error);
        assert!(error.to_string().contains("crawl/page.html"), "{error}");
        // Without a panic, the extraction is the article.
        let (article, _) = extract_one(&doc).expect("the page extracts");
        assert_eq!(article.body, BRIDGE_VOTE);
    }
}
