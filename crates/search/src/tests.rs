//! Tests of indexing, searching, filters, snippets and reopening.

use chrono::{DateTime, Utc};

use crate::{group_by_story, Doc, Index, Query};

fn date(text: &str) -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn utc(text: &str) -> DateTime<Utc> {
    date(text).with_timezone(&Utc)
}

fn docs() -> Vec<Doc<'static>> {
    vec![
        Doc {
            article: "a1",
            version: 1,
            story: Some("s-flood"),
            source: "North Post",
            title: Some("River floods the old town"),
            body: "The river burst its banks on Monday and flooded the old town.",
            published: Some(date("2024-03-04T08:00:00Z")),
        },
        Doc {
            article: "a2",
            version: 1,
            story: Some("s-flood"),
            source: "South Herald",
            title: Some("Old town under water"),
            body: "Residents of the old town were evacuated as the river rose.",
            published: Some(date("2024-03-05T10:00:00+02:00")),
        },
        Doc {
            article: "a3",
            version: 1,
            story: Some("s-vote"),
            source: "North Post",
            title: Some("Council vote on the bridge"),
            body: "The council voted to rebuild the bridge over the river next year.",
            published: Some(date("2024-04-01T12:00:00Z")),
        },
        Doc {
            article: "a4",
            version: 1,
            story: None,
            source: "South Herald",
            title: None,
            body: "An undated note about the bridge.",
            published: None,
        },
    ]
}

fn index() -> Index {
    let index = Index::in_memory().unwrap();
    assert_eq!(index.update(&mut docs().into_iter()).unwrap(), 4);
    index
}

fn ids(index: &Index, query: &Query<'_>) -> Vec<String> {
    let mut acc: Vec<String> =
        index.search(query).unwrap().hits.into_iter().map(|hit| hit.article).collect();
    acc.sort();
    acc
}

#[test]
fn finds_words_in_titles_and_bodies() {
    let index = index();
    assert_eq!(ids(&index, &Query::text("river")), ["a1", "a2", "a3"]);
    assert_eq!(ids(&index, &Query::text("evacuated")), ["a2"]);
    // Words are all required by default.
    assert_eq!(ids(&index, &Query::text("river bridge")), ["a3"]);
    assert_eq!(ids(&index, &Query::text("volcano")), Vec::<String>::new());
}

#[test]
fn title_matches_rank_first() {
    let index = index();
    let hits = index.search(&Query::text("flooded OR floods")).unwrap();
    assert_eq!(hits.hits[0].article, "a1");
    assert_eq!(hits.total, 1);
}

#[test]
fn filters_by_outlet_and_dates() {
    let index = index();
    let query = Query { source: Some("North Post"), ..Query::text("river") };
    assert_eq!(ids(&index, &query), ["a1", "a3"]);
    // "from" is inclusive and "to" exclusive; a2 is 08:00 UTC on the 5th.
    let query = Query {
        from: Some(utc("2024-03-05T08:00:00Z")),
        to: Some(utc("2024-04-01T12:00:00Z")),
        ..Query::text("river")
    };
    assert_eq!(ids(&index, &query), ["a2"]);
    // Filters alone list everything that passes them; undated articles fail a date filter.
    let query = Query { source: Some("South Herald"), ..Query::text("") };
    assert_eq!(ids(&index, &query), ["a2", "a4"]);
    let query = Query { from: Some(utc("2000-01-01T00:00:00Z")), ..Query::text("  ") };
    assert_eq!(ids(&index, &query), ["a1", "a2", "a3"]);
}

#[test]
fn any_query_text_is_accepted() {
    let index = index();
    for text in ["\"unclosed", "title:", "(((", "AND OR", "river)", "published:[x TO"] {
        assert!(index.search(&Query::text(text)).is_ok(), "{text}");
    }
    assert_eq!(ids(&index, &Query::text("river)")), ["a1", "a2", "a3"]);
}

#[test]
fn hits_carry_story_outlet_date_and_snippet() {
    let index = index();
    let hits = index.search(&Query::text("evacuated")).unwrap();
    let hit = &hits.hits[0];
    assert_eq!(hit.story.as_deref(), Some("s-flood"));
    assert_eq!(hit.source, "South Herald");
    assert_eq!(hit.title.as_deref(), Some("Old town under water"));
    assert_eq!(hit.published, Some(utc("2024-03-05T08:00:00Z")));
    let highlighted: Vec<&str> =
        hit.snippet.iter().filter(|it| it.highlighted).map(|it| it.text.as_str()).collect();
    assert_eq!(highlighted, ["evacuated"]);
    let whole: String = hit.snippet.iter().map(|it| it.text.as_str()).collect();
    assert!(whole.contains("old town were evacuated"), "{whole}");
}

#[test]
fn groups_hits_by_story_in_order_of_best_hit() {
    let index = index();
    let hits = index.search(&Query { limit: 10, ..Query::text("river OR bridge") }).unwrap();
    assert_eq!(hits.total, 4);
    let groups = group_by_story(hits.hits.clone());
    let stories: Vec<Option<&str>> = groups.iter().map(|it| it.story.as_deref()).collect();
    let mut sorted = stories.clone();
    sorted.sort();
    assert_eq!(sorted, [None, Some("s-flood"), Some("s-vote")]);
    assert_eq!(groups.iter().map(|it| it.hits.len()).sum::<usize>(), 4);
    // The first group holds the best hit.
    assert_eq!(groups[0].hits[0], hits.hits[0]);
}

#[test]
fn keys_tell_each_document_s_article_version_and_story() {
    let index = index();
    let keys = index.keys().unwrap();
    assert_eq!(keys, docs().iter().map(Doc::key).collect());
    let edited = Doc { version: 2, ..docs()[0] };
    let moved = Doc { story: Some("s-vote"), ..docs()[0] };
    let unassigned = Doc { story: None, ..docs()[0] };
    for other in [edited, moved, unassigned] {
        assert!(!keys.contains(&other.key()), "{other:?}");
    }
}

#[test]
fn a_batch_removes_documents_by_key_and_commits_at_once() {
    let index = index();
    let mut batch = index.batch();
    batch.remove(docs()[0].key());
    batch.put(&Doc { version: 2, body: "A different river.", ..docs()[2] }).unwrap();
    assert_eq!(index.len(), 4, "searches see the content before the batch until it commits");
    assert_eq!(batch.commit().unwrap(), 1);
    assert_eq!(index.len(), 3);
    assert_eq!(ids(&index, &Query::text("river")), ["a2", "a3"]);
    assert!(ids(&index, &Query::text("voted")).is_empty(), "a3 replaced");
}

#[test]
fn a_batch_dropped_uncommitted_is_rolled_back() {
    let index = index();
    {
        let mut batch = index.batch();
        batch.remove(docs()[0].key());
        batch.put(&Doc { article: "b1", body: "Another river.", ..docs()[0] }).unwrap();
    }
    index.update(&mut std::iter::empty()).unwrap();
    assert_eq!(index.len(), 4);
    assert_eq!(ids(&index, &Query::text("river")), ["a1", "a2", "a3"]);
}

#[test]
fn reopens_from_disk_and_refuses_foreign_directories() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.db.index");
    {
        let index = Index::open(&path).unwrap();
        index.update(&mut docs().into_iter()).unwrap();
    }
    let index = Index::open(&path).unwrap();
    assert_eq!(index.len(), 4);
    assert_eq!(ids(&index, &Query::text("evacuated")), ["a2"]);
    drop(index);

    // A directory holding something else is left alone.
    let foreign = dir.path().join("foreign");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("notes.txt"), "mine").unwrap();
    assert!(Index::open(&foreign).is_err());
    assert!(foreign.join("notes.txt").exists());
}

#[test]
fn an_update_replaces_the_articles_given_and_adds_new_ones() {
    let index = index();
    let moved = Doc { story: Some("s-vote"), ..docs()[3] };
    let new = Doc {
        article: "a5",
        version: 1,
        story: Some("s-vote"),
        source: "East Times",
        title: Some("Bridge plan approved"),
        body: "The bridge over the river will be rebuilt, the council decided.",
        published: Some(date("2024-04-02T09:00:00Z")),
    };
    assert_eq!(index.update(&mut [moved, new].into_iter()).unwrap(), 2);
    assert_eq!(index.len(), 5, "a4 replaced, not duplicated; a5 added");
    let hits = index.search(&Query::text("bridge")).unwrap().hits;
    let stories: Vec<(String, Option<String>)> =
        hits.into_iter().map(|hit| (hit.article, hit.story)).collect();
    assert!(stories.contains(&("a4".to_string(), Some("s-vote".to_string()))), "{stories:?}");
    assert!(stories.contains(&("a5".to_string(), Some("s-vote".to_string()))), "{stories:?}");
    assert_eq!(ids(&index, &Query::text("flooded")), ["a1"], "other articles untouched");
}
