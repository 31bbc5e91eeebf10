//! The store's analysis is incremental: a story whose articles did not change keeps its
//! stored report, and only new or changed stories are compared again.

use chrono::DateTime;
use model::Article;
use pipeline::{reanalyze, Config, NoProgress};
use store::{SqliteStore, Store};

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
