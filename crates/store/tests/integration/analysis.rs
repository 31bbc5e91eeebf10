//! The derived state: assignments and stories replaced wholesale by save_analysis.

use model::report::{Quote, Story};
use store::{Assignment, SqliteStore, Store, StoryListing};

use crate::article;

fn story(id: &str, articles: &[&str], last: Option<&str>) -> Story {
    Story {
        id: id.to_string(),
        title: format!("Story {id}"),
        articles: articles.iter().map(|it| it.to_string()).collect(),
        sources: vec!["Example News".to_string(), "Other Times".to_string()],
        quotes: vec![Quote {
            text: "We are ready.".to_string(),
            speaker: Some("The mayor".to_string()),
            articles: vec![articles[0].to_string()],
            sources: vec!["Example News".to_string()],
        }],
        first_published: Some("2024-03-01T08:00:00Z".to_string()),
        last_published: last.map(str::to_string),
        ..Story::default()
    }
}

fn assign(article: &str, duplicate_of: Option<&str>, story: &str) -> Assignment {
    Assignment {
        article: article.to_string(),
        duplicate_of: duplicate_of.map(str::to_string),
        story: story.to_string(),
    }
}

fn stored_with_articles() -> SqliteStore {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let articles: Vec<_> = ["a", "b", "c", "d"].iter().map(|id| article(id, id)).collect();
    store.put_articles(&articles).unwrap();
    store
}

#[test]
fn analysis_round_trips_assignments_and_stories() {
    let mut store = stored_with_articles();
    let stories = vec![
        story("s1", &["a", "b"], Some("2024-03-02T09:00:00+01:00")),
        story("s2", &["c"], Some("2024-03-02T09:30:00+01:00")),
        story("s3", &["d"], None),
        story("s4", &["x", "y", "z"], Some("2024-03-02T09:00:00+01:00")),
    ];
    let assignments = vec![
        assign("a", None, "s1"),
        assign("b", Some("a"), "s1"),
        assign("c", None, "s2"),
        assign("d", None, "s3"),
    ];
    store.save_analysis(&assignments, &stories).unwrap();
    let derived: Vec<_> = store
        .articles()
        .unwrap()
        .into_iter()
        .map(|it| (it.article.id, it.duplicate_of, it.story))
        .collect();
    assert_eq!(
        derived,
        vec![
            ("a".to_string(), None, Some("s1".to_string())),
            ("b".to_string(), Some("a".to_string()), Some("s1".to_string())),
            ("c".to_string(), None, Some("s2".to_string())),
            ("d".to_string(), None, Some("s3".to_string())),
        ]
    );
    assert_eq!(store.story("s1").unwrap(), Some(stories[0].clone()));
    assert_eq!(store.story("nope").unwrap(), None);
    // Newest first; equal dates: more articles first; undated last.
    let order: Vec<_> = store.stories().unwrap().into_iter().map(|it| it.id).collect();
    assert_eq!(order, vec!["s2", "s4", "s1", "s3"]);
    let listing = &store.stories().unwrap()[0];
    assert_eq!(
        listing,
        &StoryListing {
            id: "s2".to_string(),
            title: "Story s2".to_string(),
            article_count: 1,
            sources: vec!["Example News".to_string(), "Other Times".to_string()],
            first_published: Some("2024-03-01T08:00:00Z".to_string()),
            last_published: Some("2024-03-02T09:30:00+01:00".to_string()),
        }
    );
}

#[test]
fn a_new_analysis_replaces_the_old_one_entirely() {
    let mut store = stored_with_articles();
    store
        .save_analysis(
            &[assign("a", None, "s1"), assign("b", Some("a"), "s1")],
            &[story("s1", &["a", "b"], None)],
        )
        .unwrap();
    store.save_analysis(&[assign("b", None, "s9")], &[story("s9", &["b"], None)]).unwrap();
    let listing: Vec<_> = store.stories().unwrap().into_iter().map(|it| it.id).collect();
    assert_eq!(listing, vec!["s9"]);
    let a = store.article("a").unwrap().unwrap();
    assert_eq!((a.duplicate_of, a.story), (None, None));
    let b = store.article("b").unwrap().unwrap();
    assert_eq!((b.duplicate_of, b.story.as_deref()), (None, Some("s9")));
}

#[test]
fn an_inconsistent_analysis_is_refused_and_changes_nothing() {
    let mut store = stored_with_articles();
    store.save_analysis(&[assign("a", None, "s1")], &[story("s1", &["a"], None)]).unwrap();
    let before = (store.articles().unwrap(), store.stories().unwrap());
    let s2 = [story("s2", &["a"], None)];
    let err = store.save_analysis(&[assign("a", None, "s1")], &s2).unwrap_err();
    assert!(matches!(err, store::Error::UnknownStory { .. }), "{err}");
    let err = store.save_analysis(&[assign("ghost", None, "s2")], &s2).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the analysis assigns article \"ghost\", which is not in the store"
    );
    let err = store.save_analysis(&[assign("a", Some("ghost"), "s2")], &s2).unwrap_err();
    assert!(matches!(err, store::Error::UnknownArticle(ref id) if id == "ghost"), "{err}");
    let err = store
        .save_analysis(&[], &[story("s2", &["a"], None), story("s2", &["b"], None)])
        .unwrap_err();
    assert!(matches!(err, store::Error::DuplicateStory(_)), "{err}");
    assert_eq!((store.articles().unwrap(), store.stories().unwrap()), before);
}
