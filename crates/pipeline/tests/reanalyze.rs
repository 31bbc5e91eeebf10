//! The store's analysis is incremental: a story whose articles did not change keeps its
//! stored report, and only new or changed stories are compared again.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use chrono::DateTime;
use model::Article;
use pipeline::{reanalyze, refresh, Config, NoProgress};
use store::{SavedStory, SqliteStore, Store};

/// A process keeps one online state after an analysis, which the tests here take to be the
/// one their own last analysis kept: they run one at a time.
fn alone() -> std::sync::MutexGuard<'static, ()> {
    static ONE: std::sync::Mutex<()> = std::sync::Mutex::new(());
    ONE.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn article(id: &str, source: &str, published: &str, title: &str, body: &str) -> Article {
    Article {
        id: id.to_string(),
        source: source.to_string(),
        url: None,
        title: Some(title.to_string()),
        author: None,
        published: Some(DateTime::parse_from_rfc3339(published).unwrap()),
        language: Some("en".to_string()),
        body: body.to_string(),
        extra: model::Extra::new(),
    }
}

fn flood(id: &str, source: &str, extra: &str) -> Article {
    article(
        id,
        source,
        "2026-03-02T08:00:00Z",
        "Storm surge floods the old harbor district of Lanford",
        &format!(
            "A storm surge flooded the old harbor district of Lanford on Sunday night after \
             water topped the sea wall near the ferry terminal. Fire crews evacuated 240 \
             residents from the flooded streets, and the harbor master closed the port until \
             the pumps clear the water. Mayor Ellen Shaw said the sea wall repairs planned for \
             next spring would start at once. {extra}"
        ),
    )
}

fn vote(id: &str, source: &str, extra: &str) -> Article {
    article(
        id,
        source,
        "2026-03-05T18:00:00Z",
        "Brookfield council votes to build a new library",
        &format!(
            "The Brookfield town council voted seven to two on Thursday to build a new public \
             library on the site of the old bus depot. The project will cost 12 million dollars \
             and open in 2028, council chair Ravi Patel said. Two councillors voted against the \
             plan, saying the town should repair the schools first. {extra}"
        ),
    )
}

/// Stores the first articles of both stories: the flood and the vote.
fn put_flood_and_vote(store: &mut SqliteStore) {
    store
        .put_articles(&[
            flood("f1", "Harbor Gazette", "Residents were told to stay away from the quay."),
            vote("v1", "Brookfield Echo", "The vote ended a debate of three years."),
        ])
        .unwrap();
}

fn report(store: &SqliteStore, article: &str) -> model::report::Story {
    let story = store.article(article).unwrap().unwrap().story.unwrap();
    store.story(&story).unwrap().unwrap()
}

#[test]
fn only_new_and_changed_stories_are_compared_again() {
    let _alone = alone();
    let config = Config::recommended();
    let mut store = SqliteStore::open_in_memory().unwrap();
    put_flood_and_vote(&mut store);
    store
        .put_articles(&[flood("f2", "Lanford Courier", "Shops on Quay Street were damaged.")])
        .unwrap();
    let first = reanalyze(&mut store, &config, &NoProgress).unwrap();
    assert_eq!((first.stories, first.compared), (2, 2));
    assert_eq!(first.moved, ["f1", "v1", "f2"]);
    let flood_report = report(&store, "f1");
    assert_eq!(flood_report.articles, ["f1", "f2"]);

    // Nothing changed: nothing is compared, every report stays.
    let again = reanalyze(&mut store, &config, &NoProgress).unwrap();
    assert_eq!((again.stories, again.compared), (2, 0));
    assert!(again.moved.is_empty() && again.changed_stories.is_empty());
    assert_eq!(report(&store, "f1"), flood_report);

    // A second outlet on the vote: only the vote's story is compared again.
    store
        .put_articles(&[vote("v2", "Valley Times", "Construction starts in the autumn.")])
        .unwrap();
    let after_vote = reanalyze(&mut store, &config, &NoProgress).unwrap();
    assert_eq!((after_vote.stories, after_vote.compared), (2, 1));
    assert_eq!(after_vote.moved, ["v2"], "only the new article has a story it did not have");
    let vote_story = store.article("v1").unwrap().unwrap().story.unwrap();
    assert_eq!(after_vote.changed_stories, [vote_story]);
    assert_eq!(report(&store, "v1").articles, ["v1", "v2"]);
    assert_eq!(report(&store, "f1"), flood_report);

    // An article updated in place: its story is compared again and shows the new text.
    store
        .put_articles(&[flood("f2", "Lanford Courier", "The ferry to Port Alder was cancelled.")])
        .unwrap();
    let after_update = reanalyze(&mut store, &config, &NoProgress).unwrap();
    assert_eq!((after_update.stories, after_update.compared), (2, 1));
    let updated = report(&store, "f1");
    assert_ne!(updated, flood_report);
    assert_eq!(updated.articles, ["f1", "f2"]);
}

#[test]
fn other_settings_compare_every_story_again() {
    let _alone = alone();
    let mut store = SqliteStore::open_in_memory().unwrap();
    put_flood_and_vote(&mut store);
    let mut config = Config::recommended();
    reanalyze(&mut store, &config, &NoProgress).unwrap();
    config.compare.summary_words += 10;
    let again = reanalyze(&mut store, &config, &NoProgress).unwrap();
    assert_eq!((again.stories, again.compared), (2, 2));
}

#[test]
fn a_refresh_with_nothing_stored_compares_again_under_other_settings() {
    let _alone = alone();
    let mut store = SqliteStore::open_in_memory().unwrap();
    put_flood_and_vote(&mut store);
    let mut config = Config::recommended();
    reanalyze(&mut store, &config, &NoProgress).unwrap();
    // An ingest that stored nothing new, with the same settings: nothing to compare.
    let same = refresh(&mut store, false, &config, &NoProgress).unwrap();
    assert_eq!((same.stories, same.compared), (2, 0));
    // With a shorter summary asked for, every story is compared again, and shows it.
    let before = report(&store, "f1");
    config.compare.summary_words = 12;
    let other = refresh(&mut store, false, &config, &NoProgress).unwrap();
    assert_eq!((other.stories, other.compared), (2, 2));
    let after = report(&store, "f1");
    assert!(after.summary.len() < before.summary.len(), "{:?}", after.summary);
    let again = refresh(&mut store, false, &config, &NoProgress).unwrap();
    assert_eq!(again.compared, 0);
}

/// What the other process of a [`RacedStore`] does.
type Race = fn(&mut SqliteStore) -> store::Result<()>;

/// A store on a file where, the first time an analysis reads the stored fingerprints, another
/// process saves an analysis of its own (`race`), as two ingests racing on one store would.
struct RacedStore {
    store: SqliteStore,
    other: RefCell<SqliteStore>,
    race: Cell<Option<Race>>,
}

impl RacedStore {
    fn new(store: SqliteStore, path: &std::path::Path, race: Race) -> RacedStore {
        let other = RefCell::new(SqliteStore::open(path).unwrap());
        RacedStore { store, other, race: Cell::new(Some(race)) }
    }

    fn race(&self) -> store::Result<()> {
        match self.race.take() {
            Some(race) => race(&mut self.other.borrow_mut()),
            None => Ok(()),
        }
    }
}

/// The analysis the other process saves: the same stories under other fingerprints.
fn resave_stories(other: &mut SqliteStore) -> store::Result<()> {
    let mut stories = Vec::new();
    let mut assignments = Vec::new();
    // The articles it had analysed; the one stored since stays without a story.
    for stored in other.articles()? {
        let Some(story) = stored.story else { continue };
        if !stories.iter().any(|it: &model::report::Story| it.id == story) {
            stories.push(other.story(&story)?.expect("stored story"));
        }
        assignments.push(store::Assignment {
            article: stored.article.id,
            duplicate_of: stored.duplicate_of,
            story,
        });
    }
    let saved: Vec<_> = stories.iter().map(|story| SavedStory { story, inputs: 1 }).collect();
    let base = other.analysis_generation()?;
    other.save_analysis(&store::AnalysisUpdate {
        base,
        assignments: &assignments,
        analysed_through: i64::MAX,
        stories: &saved,
        online: store::OnlineUpdate::Replace(None),
    })
}

/// The analysis the other process saves: every story as stored, and an online state of its
/// own, one that fits no analysis.
fn replace_state(other: &mut SqliteStore) -> store::Result<()> {
    let first = other.article_keys()?[0].seq;
    let state = store::OnlineState { last_seq: first, fingerprint: 1, state: vec![0; 8] };
    save_state_as_stored(other, &state)
}

/// Saves an analysis that changes no article's copy or story and no story, with `state` as the
/// online state.
fn save_state_as_stored(store: &mut SqliteStore, state: &store::OnlineState) -> store::Result<()> {
    let base = store.analysis_generation()?;
    store.save_analysis(&store::AnalysisUpdate {
        base,
        assignments: &[],
        analysed_through: i64::MAX,
        stories: &[],
        online: store::OnlineUpdate::Replace(Some(state)),
    })
}

impl Store for RacedStore {
    fn story_inputs(&self) -> store::Result<HashMap<String, u64>> {
        let inputs = self.store.story_inputs()?;
        self.race()?;
        Ok(inputs)
    }
    fn put_articles(&mut self, articles: &[Article]) -> store::Result<Vec<store::PutOutcome>> {
        self.store.put_articles(articles)
    }
    fn articles(&self) -> store::Result<Vec<store::StoredArticle>> {
        self.store.articles()
    }
    fn article_keys(&self) -> store::Result<Vec<store::ArticleKey>> {
        self.store.article_keys()
    }
    fn articles_after(&self, seq: i64, limit: usize) -> store::Result<Vec<store::StoredArticle>> {
        self.store.articles_after(seq, limit)
    }
    fn articles_by_id(&self, ids: &[&str]) -> store::Result<Vec<store::StoredArticle>> {
        self.store.articles_by_id(ids)
    }
    fn online_state(&self) -> store::Result<Option<store::OnlineState>> {
        self.store.online_state()
    }
    fn online_state_head(&self) -> store::Result<Option<store::OnlineStateHead>> {
        self.store.online_state_head()
    }
    fn article(&self, id: &str) -> store::Result<Option<store::StoredArticle>> {
        self.store.article(id)
    }
    fn article_count(&self) -> store::Result<usize> {
        self.store.article_count()
    }
    fn unassigned_count(&self) -> store::Result<usize> {
        self.store.unassigned_count()
    }
    fn analysis_generation(&self) -> store::Result<u64> {
        self.store.analysis_generation()
    }
    fn save_analysis(&mut self, update: &store::AnalysisUpdate<'_>) -> store::Result<()> {
        self.store.save_analysis(update)
    }
    fn stories(&self) -> store::Result<Vec<store::StoryListing>> {
        self.store.stories()
    }
    fn story_listings(&self, ids: &[&str]) -> store::Result<Vec<store::StoryListing>> {
        self.store.story_listings(ids)
    }
    fn story(&self, id: &str) -> store::Result<Option<model::report::Story>> {
        self.store.story(id)
    }
    fn has_article_url(&self, url: &str) -> store::Result<bool> {
        self.store.has_article_url(url)
    }
    fn add_feed(&mut self, url: &str) -> store::Result<bool> {
        self.store.add_feed(url)
    }
    fn remove_feed(&mut self, url: &str) -> store::Result<bool> {
        self.store.remove_feed(url)
    }
    fn feeds(&self) -> store::Result<Vec<store::Feed>> {
        self.store.feeds()
    }
    fn update_feed(&mut self, feed: &store::Feed) -> store::Result<()> {
        self.store.update_feed(feed)
    }
    fn feed_entries(&self, feed_url: &str) -> store::Result<Vec<store::FeedEntryRecord>> {
        self.store.feed_entries(feed_url)
    }
    fn feed_entry_counts(&self, feed_url: &str) -> store::Result<Vec<(store::EntryStatus, usize)>> {
        self.store.feed_entry_counts(feed_url)
    }
    fn record_feed_entries(
        &mut self,
        feed_url: &str,
        entries: &[store::FeedEntryRecord],
    ) -> store::Result<()> {
        self.store.record_feed_entries(feed_url, entries)
    }
}

/// An analysis is refused when another process saved one after it read the store, and is
/// done again over that one.
#[test]
fn an_analysis_raced_by_another_is_done_again_over_the_others() {
    let _alone = alone();
    let config = Config::recommended();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("raced.db");
    let mut store = SqliteStore::open(&path).unwrap();
    put_flood_and_vote(&mut store);
    reanalyze(&mut store, &config, &NoProgress).unwrap();
    store.put_articles(&[flood("f2", "Lanford Courier", "Shops were damaged.")]).unwrap();

    // The vote's story would be kept, but the other process has just saved it anew, with
    // inputs that no story has: done again, the analysis compares it too.
    let mut raced = RacedStore::new(store, &path, resave_stories);
    let analysis = reanalyze(&mut raced, &config, &NoProgress).unwrap();
    assert_eq!((analysis.stories, analysis.compared), (2, 2), "every story compared again");
    let store = raced.store;
    assert_eq!(store.unassigned_count().unwrap(), 0);
    assert_eq!(report(&store, "f2").articles, ["f1", "f2"]);
    assert_eq!(store.story_inputs().unwrap().len(), 2);
    assert!(store.story_inputs().unwrap().values().all(|&inputs| inputs != 1));
}

/// An analysis that would keep the saved state, when another process has saved a state of
/// its own meanwhile, is done again from that one: keeping the saved state then would leave a
/// state that does not fit the analysis, and the next one would replay the whole store.
#[test]
fn an_analysis_whose_kept_state_was_replaced_is_done_again() {
    let _alone = alone();
    let config = Config::recommended();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("raced.db");
    let lines = ecbplus_lines();
    let lines: Vec<&String> = lines.iter().collect();
    let mut store = SqliteStore::open(&path).unwrap();
    let first = write_batch(dir.path(), "first", &lines[..600]);
    pipeline::ingest(&mut store, &[first], &config, &NoProgress).unwrap();
    let saved = store.online_state_head().unwrap().unwrap();
    let next = write_batch(dir.path(), "next", &lines[600..601]);
    let analysis = pipeline::ingest(&mut store, &[next], &config, &NoProgress).unwrap().analysis;
    assert_eq!(analysis.replayed, 1);
    assert_eq!(store.online_state_head().unwrap().unwrap().last_seq, saved.last_seq, "kept");

    let mut raced = RacedStore::new(store, &path, replace_state);
    raced.put_articles(&[flood("f9", "Lanford Courier", "Shops were damaged.")]).unwrap();
    pipeline::reanalyze(&mut raced, &config, &NoProgress).unwrap();
    let mut store = raced.store;
    // The state saved now fits: a new process replays only what is stored after it.
    pipeline::forget_kept_state();
    let last = write_batch(dir.path(), "last", &lines[601..602]);
    let analysis = pipeline::ingest(&mut store, &[last], &config, &NoProgress).unwrap().analysis;
    assert_eq!(analysis.replayed, 1);
    assert_eq!(store.unassigned_count().unwrap(), 0);
}

/// Every article's story and copy, and every story's report, as stored.
type Derived = (Vec<(String, Option<String>, Option<String>)>, Vec<model::report::Story>);

fn stored_analysis(store: &dyn Store) -> Derived {
    let keys = store
        .article_keys()
        .unwrap()
        .into_iter()
        .map(|key| (key.id, key.duplicate_of, key.story))
        .collect();
    let stories = store
        .stories()
        .unwrap()
        .into_iter()
        .map(|listing| store.story(&listing.id).unwrap().unwrap())
        .collect();
    (keys, stories)
}

/// The ECB+ dev articles of the shared data, one JSON line each, in file order: sibling
/// events whose stories split and merge as articles arrive.
fn ecbplus_lines() -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/clustering/ecbplus-dev.jsonl");
    std::fs::read_to_string(path).expect("the shared data").lines().map(str::to_string).collect()
}

/// Ingesting in several batches gives exactly what one batch gives: each analysis goes on
/// from the state the last one saved, so only the new articles go through the duplicate
/// finder and the clusterer, and the stories still merge and split as the whole stream makes
/// them.
#[test]
fn ingesting_in_batches_gives_what_one_batch_gives() {
    let _alone = alone();
    let config = Config::recommended();
    let dir = tempfile::tempdir().unwrap();
    // Interleaved, so that the batches add to stories begun in earlier ones.
    let lines = ecbplus_lines();
    let mut order: Vec<&String> = Vec::new();
    for offset in 0..5 {
        order.extend(lines.iter().skip(offset).step_by(5));
    }
    let write = |batch: &str, lines: &[&String]| write_batch(dir.path(), batch, lines);
    let all = write("all", &order);
    let mut whole = SqliteStore::open_in_memory().unwrap();
    let outcome = pipeline::ingest(&mut whole, &[all], &config, &NoProgress).unwrap();
    assert_eq!(outcome.analysis.replayed, order.len());

    let mut batched = SqliteStore::open_in_memory().unwrap();
    for (idx, batch) in order.chunks(order.len() / 4 + 1).enumerate() {
        // Every other batch reads the state back from the store, as a new process would; the
        // others go on from the one this process kept when saving it.
        if idx % 2 == 1 {
            pipeline::forget_kept_state();
        }
        let path = write(&format!("batch-{idx}"), batch);
        let outcome = pipeline::ingest(&mut batched, &[path], &config, &NoProgress).unwrap();
        assert_eq!(outcome.analysis.replayed, batch.len(), "batch {idx}: only the new articles");
    }
    let ((batched_keys, batched_stories), (whole_keys, whole_stories)) =
        (stored_analysis(&batched), stored_analysis(&whole));
    let differs = batched_keys.iter().zip(&whole_keys).find(|(a, b)| a != b);
    assert!(differs.is_none(), "batched and whole differ: {differs:?}");
    assert_eq!(batched_keys.len(), whole_keys.len());
    assert!(batched_stories == whole_stories, "the same stories, with other reports");
    assert!(whole_stories.len() > 40, "{} stories", whole_stories.len());
}

/// A PostgreSQL store gives what a SQLite store gives: ECB+ ingested in batches into one,
/// every other batch reading the saved online state back from the database, and at once into
/// the other, the same copies, stories and reports.
#[test]
fn a_postgres_store_gives_what_a_sqlite_store_gives() {
    let Some(url) = testkit::postgres::database() else { return };
    let _alone = alone();
    let config = Config::recommended();
    let dir = tempfile::tempdir().unwrap();
    let lines = ecbplus_lines();
    let lines: Vec<&String> = lines.iter().collect();
    let all = write_batch(dir.path(), "all", &lines);
    let mut sqlite = SqliteStore::open_in_memory().unwrap();
    pipeline::ingest(&mut sqlite, &[all], &config, &NoProgress).unwrap();

    let mut postgres = store::PgStore::connect(&url).unwrap();
    for (idx, batch) in lines.chunks(lines.len() / 3 + 1).enumerate() {
        if idx % 2 == 1 {
            pipeline::forget_kept_state();
        }
        let path = write_batch(dir.path(), &format!("batch-{idx}"), batch);
        let outcome = pipeline::ingest(&mut postgres, &[path], &config, &NoProgress).unwrap();
        assert_eq!(outcome.analysis.replayed, batch.len(), "batch {idx}: only the new articles");
    }
    let (postgres, sqlite) = (stored_analysis(&postgres), stored_analysis(&sqlite));
    assert_eq!(postgres.0, sqlite.0, "copies and stories");
    assert!(postgres.1 == sqlite.1, "the same stories, with other reports");
}

/// Writes `lines` as `name/ecbplus.jsonl` under `dir`: each batch in a directory of its own
/// under one file name, as the file name is the outlet of an article that names none.
fn write_batch(dir: &std::path::Path, name: &str, lines: &[&String]) -> String {
    let path = dir.join(name);
    std::fs::create_dir(&path).unwrap();
    let path = path.join("ecbplus.jsonl");
    let text: String = lines.iter().map(|line| format!("{line}\n")).collect();
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// An analysis keeps the saved state, rather than write it again, while replaying what it has
/// not seen costs less than saving it: the next process replays the articles stored since
/// from the store, with the same result. Once the replays have cost about what saving does,
/// the state is saved again.
#[test]
fn the_saved_state_is_kept_until_replaying_costs_what_saving_does() {
    let _alone = alone();
    let config = Config::recommended();
    let dir = tempfile::tempdir().unwrap();
    let lines = ecbplus_lines();
    let lines: Vec<&String> = lines.iter().collect();
    let (first, rest) = lines.split_at(600);
    let mut store = SqliteStore::open_in_memory().unwrap();
    let ingest = |store: &mut SqliteStore, name: &str, lines: &[&String]| {
        let path = write_batch(dir.path(), name, lines);
        pipeline::ingest(store, &[path], &config, &NoProgress).unwrap().analysis
    };
    ingest(&mut store, "first", first);
    let saved = store.online_state_head().unwrap().expect("the first analysis saves its state");
    assert_eq!(saved.replayed, 0);
    let price = saved.bytes / pipeline::STATE_BYTES_PER_REPLAYED_ARTICLE;
    assert!(price > 8, "a state of {} bytes", saved.bytes);

    // One article at a time, each in a new process: each replays every article stored since
    // the state was saved, and counts those it replays again.
    let mut used = 0;
    let mut replays = 0;
    let saved_again = loop {
        pipeline::forget_kept_state();
        let analysis = ingest(&mut store, &format!("one-{used}"), &rest[used..=used]);
        used += 1;
        assert_eq!(analysis.replayed, used, "every article since the state was saved");
        replays += used as u64 - 1;
        let head = store.online_state_head().unwrap().unwrap();
        if head.last_seq != saved.last_seq {
            assert_eq!(head.replayed, 0);
            break used;
        }
        assert_eq!(head, store::OnlineStateHead { replayed: replays, ..saved });
    };
    // Saved again when the replays have reached the price, or the articles not seen have.
    let expected = (1..).find(|&n: &u64| n * (n - 1) / 2 >= price || n >= price).unwrap();
    assert_eq!(saved_again as u64, expected, "price {price}");

    // A process that goes on from the state it kept replays nothing, and keeps the saved one.
    let saved = store.online_state_head().unwrap().unwrap();
    for _ in 0..3 {
        let analysis = ingest(&mut store, &format!("one-{used}"), &rest[used..=used]);
        used += 1;
        assert_eq!(analysis.replayed, 1);
        assert_eq!(store.online_state_head().unwrap().unwrap(), saved);
    }

    let mut whole = SqliteStore::open_in_memory().unwrap();
    let all: Vec<&String> = first.iter().chain(&rest[..used]).copied().collect();
    let path = write_batch(dir.path(), "all", &all);
    pipeline::ingest(&mut whole, &[path], &config, &NoProgress).unwrap();
    assert!(stored_analysis(&store) == stored_analysis(&whole), "kept and saved states differ");
}

/// Counts the analyses saved (each round of one saves its own).
#[derive(Default)]
struct CountSaves(std::sync::atomic::AtomicUsize);

impl pipeline::Progress for CountSaves {
    fn start(&self, step: pipeline::Step, _total: Option<u64>) {
        if step == pipeline::Step::Storing {
            self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
    }
    fn advance(&self, _n: u64) {}
    fn finish(&self) {}
}

/// A backlog longer than a round is analysed in rounds, each saved as a whole, with the
/// result of one analysis of it all: a first ingest of a large batch, or the replay of a large
/// store, holds a round's articles and reports in memory, not the store's.
#[test]
fn a_long_backlog_is_analysed_in_rounds_with_the_result_of_one() {
    let _alone = alone();
    let dir = tempfile::tempdir().unwrap();
    let lines = ecbplus_lines();
    let lines: Vec<&String> = lines.iter().collect();
    let path = write_batch(dir.path(), "all", &lines);
    let mut config = Config::recommended();
    let mut whole = SqliteStore::open_in_memory().unwrap();
    let outcome =
        pipeline::ingest(&mut whole, std::slice::from_ref(&path), &config, &NoProgress).unwrap();
    assert_eq!(outcome.analysis.replayed, lines.len());

    config.round_size = 100;
    let saves = CountSaves::default();
    let mut rounds = SqliteStore::open_in_memory().unwrap();
    let outcome =
        pipeline::ingest(&mut rounds, std::slice::from_ref(&path), &config, &saves).unwrap();
    assert_eq!(saves.0.into_inner(), lines.len().div_ceil(100));
    assert_eq!(outcome.analysis.replayed, lines.len());
    assert_eq!(outcome.analysis.stories, whole.stories().unwrap().len());
    assert_eq!(rounds.unassigned_count().unwrap(), 0);
    assert!(stored_analysis(&rounds) == stored_analysis(&whole), "rounds and one analysis differ");

    // With other clustering settings the state does not fit: the whole store is replayed, in
    // rounds too, with the result of one analysis with those settings.
    config.cluster.threshold += 0.01;
    config.round_size = 300;
    let saves = CountSaves::default();
    let before = rounds.stories().unwrap();
    let analysis = reanalyze(&mut rounds, &config, &saves).unwrap();
    assert_eq!(saves.0.into_inner(), lines.len().div_ceil(300));
    assert_eq!(analysis.replayed, lines.len());
    // Every story whose listing changed, was deleted or is new is named as changed.
    let after = rounds.stories().unwrap();
    let unchanged = |listing: &store::StoryListing, others: &[store::StoryListing]| {
        others.contains(listing) || analysis.changed_stories.contains(&listing.id)
    };
    assert!(
        before.iter().all(|it| unchanged(it, &after))
            && after.iter().all(|it| unchanged(it, &before))
    );
    assert!(before.iter().any(|it| !after.contains(it)), "the other settings change stories");
    config.round_size = Config::recommended().round_size;
    let mut whole = SqliteStore::open_in_memory().unwrap();
    pipeline::ingest(&mut whole, &[path], &config, &NoProgress).unwrap();
    assert!(stored_analysis(&rounds) == stored_analysis(&whole), "rounds and one analysis differ");
}

/// A wire copy that arrives after its original's story has closed (and been handed over by
/// an earlier analysis) joins that story, as it would in one analysis of everything.
#[test]
fn a_late_copy_joins_its_originals_closed_story() {
    let _alone = alone();
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::recommended();
    // Stories close after 20 more articles (the ECB+ texts are undated).
    config.cluster.window_articles = 20;
    let lines = ecbplus_lines();
    let first = &lines[0];
    assert!(first.contains(r#""id": "1_10ecb""#) && first.contains(r#""source": null"#));
    let copy = first
        .replace(r#""id": "1_10ecb""#, r#""id": "copy-of-1_10ecb""#)
        .replace(r#""source": null"#, r#""source": "Reprint Herald""#);
    // Enough for the clusterer to sweep closed stories out (every 256 articles).
    let earlier: Vec<&String> = lines.iter().take(600).collect();

    let mut batched = SqliteStore::open_in_memory().unwrap();
    let path = write_batch(dir.path(), "earlier", &earlier);
    pipeline::ingest(&mut batched, &[path], &config, &NoProgress).unwrap();
    let path = write_batch(dir.path(), "copy", &[&copy]);
    pipeline::ingest(&mut batched, &[path], &config, &NoProgress).unwrap();
    let stored = batched.article("copy-of-1_10ecb").unwrap().expect("the copy is stored");
    let original = batched.article("1_10ecb").unwrap().expect("the original is stored");
    assert_eq!(stored.duplicate_of.as_deref(), Some("1_10ecb"));
    assert_eq!(stored.story, original.story, "the copy is in its original's story");

    let mut whole = SqliteStore::open_in_memory().unwrap();
    let all: Vec<&String> = earlier.iter().copied().chain([&copy]).collect();
    let path = write_batch(dir.path(), "all", &all);
    pipeline::ingest(&mut whole, &[path], &config, &NoProgress).unwrap();
    assert!(stored_analysis(&batched) == stored_analysis(&whole), "batched and whole differ");
}

/// The saved state is used only when it fits: an article updated in place, other settings or
/// a state that cannot be read make the analysis replay every article, with the same result as
/// a store analysed once.
#[test]
fn a_state_that_does_not_fit_is_replayed_from_the_start() {
    let _alone = alone();
    let config = Config::recommended();
    let mut store = SqliteStore::open_in_memory().unwrap();
    put_flood_and_vote(&mut store);
    assert_eq!(reanalyze(&mut store, &config, &NoProgress).unwrap().replayed, 2);
    store.put_articles(&[flood("f2", "Lanford Courier", "Shops were damaged.")]).unwrap();
    assert_eq!(reanalyze(&mut store, &config, &NoProgress).unwrap().replayed, 1);

    // Updated in place: what the state saw is not what is stored.
    store.put_articles(&[flood("f1", "Harbor Gazette", "The quay is closed.")]).unwrap();
    assert_eq!(reanalyze(&mut store, &config, &NoProgress).unwrap().replayed, 3);
    assert_eq!(reanalyze(&mut store, &config, &NoProgress).unwrap().replayed, 0);

    // Other clustering settings.
    let mut other = config.clone();
    other.cluster.threshold += 0.01;
    assert_eq!(reanalyze(&mut store, &other, &NoProgress).unwrap().replayed, 3);

    // A state whose bytes are damaged, its checksum included, and cut short (the state this
    // process kept stands for a saved state of the size it had, so it does not stand in).
    let mut online = store.online_state().unwrap().expect("a saved state");
    let last = online.state.len() - 1;
    online.state.truncate(last / 2);
    online.state[20] ^= 1;
    save_state_as_stored(&mut store, &online).unwrap();
    assert_eq!(reanalyze(&mut store, &other, &NoProgress).unwrap().replayed, 3);

    let mut once = SqliteStore::open_in_memory().unwrap();
    once.put_articles(&[
        flood("f1", "Harbor Gazette", "The quay is closed."),
        vote("v1", "Brookfield Echo", "The vote ended a debate of three years."),
        flood("f2", "Lanford Courier", "Shops were damaged."),
    ])
    .unwrap();
    reanalyze(&mut once, &other, &NoProgress).unwrap();
    assert_eq!(stored_analysis(&store), stored_analysis(&once));
}
