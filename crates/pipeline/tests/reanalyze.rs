//! The store's analysis is incremental: a story whose articles did not change keeps its
//! stored report, and only new or changed stories are compared again.

use std::cell::RefCell;
use std::collections::HashMap;

use chrono::DateTime;
use model::Article;
use pipeline::{reanalyze, Config, NoProgress};
use store::{SavedStory, SqliteStore, Store};

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

fn report(store: &SqliteStore, article: &str) -> model::report::Story {
    let story = store.article(article).unwrap().unwrap().story.unwrap();
    store.story(&story).unwrap().unwrap()
}

#[test]
fn only_new_and_changed_stories_are_compared_again() {
    let config = Config::recommended();
    let mut store = SqliteStore::open_in_memory().unwrap();
    store
        .put_articles(&[
            flood("f1", "Harbor Gazette", "Residents were told to stay away from the quay."),
            vote("v1", "Brookfield Echo", "The vote ended a debate of three years."),
            flood("f2", "Lanford Courier", "Shops on Quay Street were damaged."),
        ])
        .unwrap();
    let first = reanalyze(&mut store, &config, &NoProgress).unwrap();
    assert_eq!((first.stories, first.compared), (2, 2));
    assert_eq!(first.moved, ["f1", "v1", "f2"]);
    let flood_report = report(&store, "f1");
    assert_eq!(flood_report.articles, ["f1", "f2"]);

    // Nothing changed: nothing is compared, every report stays.
    let again = reanalyze(&mut store, &config, &NoProgress).unwrap();
    assert_eq!((again.stories, again.compared), (2, 0));
    assert!(again.moved.is_empty());
    assert_eq!(report(&store, "f1"), flood_report);

    // A second outlet on the vote: only the vote's story is compared again.
    store
        .put_articles(&[vote("v2", "Valley Times", "Construction starts in the autumn.")])
        .unwrap();
    let after_vote = reanalyze(&mut store, &config, &NoProgress).unwrap();
    assert_eq!((after_vote.stories, after_vote.compared), (2, 1));
    assert_eq!(after_vote.moved, ["v2"], "only the new article has a story it did not have");
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
    let mut store = SqliteStore::open_in_memory().unwrap();
    store
        .put_articles(&[
            flood("f1", "Harbor Gazette", "Residents were told to stay away from the quay."),
            vote("v1", "Brookfield Echo", "The vote ended a debate of three years."),
        ])
        .unwrap();
    let mut config = Config::recommended();
    reanalyze(&mut store, &config, &NoProgress).unwrap();
    config.compare.summary_words += 10;
    let again = reanalyze(&mut store, &config, &NoProgress).unwrap();
    assert_eq!((again.stories, again.compared), (2, 2));
}

/// A store on a file where, right after an analysis reads the stored fingerprints, another
/// process saves an analysis of its own (the same stories under other fingerprints), as two
/// ingests racing on one store would.
struct RacedStore {
    store: SqliteStore,
    other: RefCell<SqliteStore>,
}

impl RacedStore {
    fn race(&self) -> store::Result<()> {
        let mut other = self.other.borrow_mut();
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
        let saved: Vec<_> =
            stories.iter().map(|story| SavedStory::New { story, inputs: 1 }).collect();
        other.save_analysis(&assignments, &saved)
    }
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
    fn article(&self, id: &str) -> store::Result<Option<store::StoredArticle>> {
        self.store.article(id)
    }
    fn article_count(&self) -> store::Result<usize> {
        self.store.article_count()
    }
    fn unassigned_count(&self) -> store::Result<usize> {
        self.store.unassigned_count()
    }
    fn save_analysis(
        &mut self,
        assignments: &[store::Assignment],
        stories: &[SavedStory<'_>],
    ) -> store::Result<()> {
        self.store.save_analysis(assignments, stories)
    }
    fn stories(&self) -> store::Result<Vec<store::StoryListing>> {
        self.store.stories()
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

#[test]
fn an_analysis_raced_by_another_compares_every_story_and_saves_whole() {
    let config = Config::recommended();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("raced.db");
    let mut store = SqliteStore::open(&path).unwrap();
    store
        .put_articles(&[
            flood("f1", "Harbor Gazette", "Residents were told to stay away from the quay."),
            vote("v1", "Brookfield Echo", "The vote ended a debate of three years."),
        ])
        .unwrap();
    reanalyze(&mut store, &config, &NoProgress).unwrap();
    store.put_articles(&[flood("f2", "Lanford Courier", "Shops were damaged.")]).unwrap();

    // The vote's story would be kept, but the other process has just saved it anew.
    let other = RefCell::new(SqliteStore::open(&path).unwrap());
    let mut raced = RacedStore { store, other };
    let analysis = reanalyze(&mut raced, &config, &NoProgress).unwrap();
    assert_eq!((analysis.stories, analysis.compared), (2, 2), "every story compared again");
    let store = raced.store;
    assert_eq!(store.unassigned_count().unwrap(), 0);
    assert_eq!(report(&store, "f2").articles, ["f1", "f2"]);
    assert_eq!(store.story_inputs().unwrap().len(), 2);
    assert!(store.story_inputs().unwrap().values().all(|&inputs| inputs != 1));
}
