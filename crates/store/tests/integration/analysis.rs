//! The derived state: save_analysis applies what an analysis changed (assignments, stories),
//! deletes the stories left without articles, and refuses to save over another analysis.

use model::report::{Quote, Story};
use store::{AnalysisUpdate, Assignment, OnlineUpdate, SavedStory, Store, StoryListing};

use crate::article;

/// An analysis saved without an online state.
const NO_STATE: OnlineUpdate<'static> = OnlineUpdate::Replace(None);

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

/// Stories computed by an analysis, each with inputs fingerprint 7.
fn new(stories: &[Story]) -> Vec<SavedStory<'_>> {
    stories.iter().map(|story| SavedStory { story, inputs: 7 }).collect()
}

/// Saves an analysis over the stored one that covers every stored article.
fn save(
    store: &mut dyn Store,
    assignments: &[Assignment],
    stories: &[SavedStory<'_>],
    online: OnlineUpdate<'_>,
) -> store::Result<()> {
    save_through(store, i64::MAX, assignments, stories, online)
}

/// Saves an analysis over the stored one that covers the articles up to `analysed_through`.
fn save_through(
    store: &mut dyn Store,
    analysed_through: i64,
    assignments: &[Assignment],
    stories: &[SavedStory<'_>],
    online: OnlineUpdate<'_>,
) -> store::Result<()> {
    let base = store.analysis_generation()?;
    store.save_analysis(&AnalysisUpdate { base, assignments, analysed_through, stories, online })
}

fn with_articles(mut store: Box<dyn Store>) -> Box<dyn Store> {
    let articles: Vec<_> = ["a", "b", "c", "d"].iter().map(|id| article(id, id)).collect();
    store.put_articles(&articles).unwrap();
    store
}

#[test]
fn analysis_round_trips_assignments_and_stories() {
    for mut store in crate::stores().into_iter().map(with_articles) {
        let stories = vec![
            story("s1", &["a", "b"], Some("2024-03-02T09:00:00+01:00")),
            story("s2", &["c"], Some("2024-03-02T09:30:00+01:00")),
            story("s3", &["d"], None),
            story("s4", &["x", "y", "z"], Some("2024-03-02T09:00:00+01:00")),
            Story {
                sources: vec!["Example News".to_string()],
                ..story("s5", &["p", "q"], Some("2024-03-02T09:00:00+01:00"))
            },
        ];
        let assignments = vec![
            assign("a", None, "s1"),
            assign("b", Some("a"), "s1"),
            assign("c", None, "s2"),
            assign("d", None, "s3"),
        ];
        save(&mut *store, &assignments, &new(&stories), NO_STATE).unwrap();
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
        // Newest first; equal dates: more articles first, then more outlets; undated last.
        let listings = store.stories().unwrap();
        let order: Vec<_> = listings.iter().map(|it| it.id.as_str()).collect();
        assert_eq!(order, vec!["s2", "s4", "s1", "s5", "s3"]);
        // The order a listing tells is the store's.
        let mut sorted = listings.clone();
        sorted.reverse();
        sorted.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
        assert_eq!(sorted, listings);
        let some = store.story_listings(&["s3", "nope", "s2"]).unwrap();
        assert_eq!(some, [listings[0].clone(), listings[4].clone()]);
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
}

#[test]
fn an_analysis_changes_what_it_names_and_deletes_the_stories_it_empties() {
    for mut store in crate::stores().into_iter().map(with_articles) {
        let s1 = [story("s1", &["a", "b"], None)];
        save(
            &mut *store,
            &[assign("a", None, "s1"), assign("b", Some("a"), "s1")],
            &new(&s1),
            NO_STATE,
        )
        .unwrap();
        assert_eq!(store.analysis_generation().unwrap(), 1);
        // "b" moves to a new story; "a" is not named and stays in "s1", which keeps its report.
        save(&mut *store, &[assign("b", None, "s9")], &new(&[story("s9", &["b"], None)]), NO_STATE)
            .unwrap();
        let listing: Vec<_> = store.stories().unwrap().into_iter().map(|it| it.id).collect();
        assert_eq!(listing, vec!["s1", "s9"]);
        assert_eq!(store.story("s1").unwrap(), Some(s1[0].clone()));
        let b = store.article("b").unwrap().unwrap();
        assert_eq!((b.duplicate_of, b.story.as_deref()), (None, Some("s9")));
        // "a" joins "s9": "s1" is left without articles and deleted.
        save(
            &mut *store,
            &[assign("a", None, "s9")],
            &new(&[story("s9", &["a", "b"], None)]),
            NO_STATE,
        )
        .unwrap();
        let listing: Vec<_> = store.stories().unwrap().into_iter().map(|it| it.id).collect();
        assert_eq!(listing, vec!["s9"]);
        assert_eq!(store.story_inputs().unwrap().len(), 1);
        assert_eq!(store.analysis_generation().unwrap(), 3);
    }
}

#[test]
fn the_articles_after_the_last_analysed_lose_their_stories() {
    for mut store in crate::stores().into_iter().map(with_articles) {
        let stories = [story("s1", &["a", "b"], None), story("s2", &["c", "d"], None)];
        let assignments = [
            assign("a", None, "s1"),
            assign("b", None, "s1"),
            assign("c", None, "s2"),
            assign("d", Some("c"), "s2"),
        ];
        save(&mut *store, &assignments, &new(&stories), NO_STATE).unwrap();
        // An analysis that covered "a" and "b" only, as a first round after a replay would.
        let seq_b = store.article("b").unwrap().unwrap().seq;
        save_through(&mut *store, seq_b, &[], &[], NO_STATE).unwrap();
        let derived: Vec<_> = store
            .article_keys()
            .unwrap()
            .into_iter()
            .map(|key| (key.id, key.duplicate_of, key.story))
            .collect();
        let s1 = Some("s1".to_string());
        assert_eq!(
            derived,
            [
                ("a".to_string(), None, s1.clone()),
                ("b".to_string(), None, s1),
                ("c".to_string(), None, None),
                ("d".to_string(), None, None),
            ]
        );
        let listing: Vec<_> = store.stories().unwrap().into_iter().map(|it| it.id).collect();
        assert_eq!(listing, vec!["s1"]);
        assert_eq!(store.unassigned_count().unwrap(), 2);
    }
}

#[test]
fn an_inconsistent_analysis_is_refused_and_changes_nothing() {
    for mut store in crate::stores().into_iter().map(with_articles) {
        save(&mut *store, &[assign("a", None, "s1")], &new(&[story("s1", &["a"], None)]), NO_STATE)
            .unwrap();
        let before = (store.articles().unwrap(), store.stories().unwrap());
        let s2 = [story("s2", &["a"], None)];
        let s2 = new(&s2);
        let err = save(&mut *store, &[assign("b", None, "s3")], &s2, NO_STATE).unwrap_err();
        assert!(matches!(err, store::Error::UnknownStory { .. }), "{err}");
        let err = save(&mut *store, &[assign("ghost", None, "s2")], &s2, NO_STATE).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the analysis assigns article \"ghost\", which is not in the store"
        );
        let err =
            save(&mut *store, &[assign("a", Some("ghost"), "s2")], &s2, NO_STATE).unwrap_err();
        assert!(matches!(err, store::Error::UnknownArticle(ref id) if id == "ghost"), "{err}");
        let twice = [story("s2", &["a"], None), story("s2", &["b"], None)];
        let err = save(&mut *store, &[], &new(&twice), NO_STATE).unwrap_err();
        assert!(matches!(err, store::Error::DuplicateStory(_)), "{err}");
        // An analysis of the store as it was before the last one was saved.
        let stale = AnalysisUpdate {
            base: store.analysis_generation().unwrap() - 1,
            assignments: &[assign("a", None, "s2")],
            analysed_through: i64::MAX,
            stories: &s2,
            online: NO_STATE,
        };
        let err = store.save_analysis(&stale).unwrap_err();
        assert!(matches!(err, store::Error::AnalysedMeanwhile), "{err}");
        assert_eq!((store.articles().unwrap(), store.stories().unwrap()), before);
        assert_eq!(store.analysis_generation().unwrap(), 1);
    }
}

#[test]
fn a_story_not_saved_again_keeps_its_report_and_saved_ones_replace_theirs() {
    for mut store in crate::stores().into_iter().map(with_articles) {
        let first = [story("s1", &["a", "b"], None), story("s2", &["c"], None)];
        let assignments =
            [assign("a", None, "s1"), assign("b", Some("a"), "s1"), assign("c", None, "s2")];
        save(&mut *store, &assignments, &new(&first), NO_STATE).unwrap();
        assert_eq!(store.story_inputs().unwrap().get("s1"), Some(&7));

        // "c" moves to a new story with "d"; "s1" is unchanged and not saved again.
        let s3 = story("s3", &["c", "d"], None);
        let assignments = [assign("c", None, "s3"), assign("d", None, "s3")];
        save(&mut *store, &assignments, &[SavedStory { story: &s3, inputs: 9 }], NO_STATE).unwrap();
        assert_eq!(store.story("s1").unwrap(), Some(first[0].clone()));
        assert_eq!(store.story("s2").unwrap(), None);
        assert_eq!(store.story("s3").unwrap(), Some(s3));
        let inputs = store.story_inputs().unwrap();
        assert_eq!((inputs.len(), inputs.get("s3")), (2, Some(&9)));
        let c = store.article("c").unwrap().unwrap();
        assert_eq!(c.story.as_deref(), Some("s3"));
    }
}

#[test]
fn content_hash_tells_an_update_from_an_unchanged_put() {
    for mut store in crate::stores().into_iter().map(with_articles) {
        let before = store.article("a").unwrap().unwrap().content_hash;
        store.put_articles(&[article("a", "a")]).unwrap();
        assert_eq!(store.article("a").unwrap().unwrap().content_hash, before);
        store.put_articles(&[article("a", "new words")]).unwrap();
        assert_ne!(store.article("a").unwrap().unwrap().content_hash, before);
    }
}

#[test]
fn keys_and_partial_reads_follow_arrival_order() {
    for mut store in crate::stores().into_iter().map(with_articles) {
        save(
            &mut *store,
            &[assign("b", Some("a"), "s1")],
            &new(&[story("s1", &["b"], None)]),
            NO_STATE,
        )
        .unwrap();
        let keys = store.article_keys().unwrap();
        let all = store.articles().unwrap();
        assert_eq!(keys.len(), all.len());
        for (key, stored) in keys.iter().zip(&all) {
            assert_eq!(
                (key.seq, &key.id, key.content_hash, &key.duplicate_of, &key.story),
                (
                    stored.seq,
                    &stored.article.id,
                    stored.content_hash,
                    &stored.duplicate_of,
                    &stored.story
                )
            );
        }
        let after = |seq: i64, limit: usize| -> Vec<String> {
            let stored = store.articles_after(seq, limit).unwrap();
            stored.into_iter().map(|it| it.article.id).collect()
        };
        assert_eq!(after(keys[1].seq, usize::MAX), ["c", "d"]);
        assert_eq!(after(keys[1].seq, 1), ["c"]);
        assert_eq!(after(i64::MIN, 2), ["a", "b"]);
        let by_id: Vec<String> = store
            .articles_by_id(&["d", "ghost", "a"])
            .unwrap()
            .into_iter()
            .map(|it| it.article.id)
            .collect();
        assert_eq!(by_id, ["a", "d"]);
    }
}

#[test]
fn the_online_state_is_replaced_or_kept_with_each_analysis_and_kept_when_one_is_refused() {
    for mut store in crate::stores().into_iter().map(with_articles) {
        assert_eq!(store.online_state().unwrap(), None);
        assert_eq!(store.online_state_head().unwrap(), None);
        let online =
            store::OnlineState { last_seq: 4, fingerprint: u64::MAX, state: vec![0, 255, 7] };
        let head = |replayed| store::OnlineStateHead {
            last_seq: 4,
            fingerprint: u64::MAX,
            bytes: 3,
            replayed,
        };
        let s1 = [story("s1", &["a"], None)];
        let replace = OnlineUpdate::Replace(Some(&online));
        save(&mut *store, &[assign("a", None, "s1")], &new(&s1), replace).unwrap();
        assert_eq!(store.online_state().unwrap().as_ref(), Some(&online));
        assert_eq!(store.online_state_head().unwrap(), Some(head(0)));
        // A refused analysis leaves the state with the analysis it was saved with.
        let other = store::OnlineState { last_seq: 1, fingerprint: 1, state: Vec::new() };
        let err =
            save(&mut *store, &[assign("a", None, "s2")], &[], OnlineUpdate::Replace(Some(&other)));
        assert!(err.is_err());
        assert_eq!(store.online_state().unwrap().as_ref(), Some(&online));
        // An analysis that keeps the state counts what it replayed, and a refused one does not.
        let keep = |replayed| OnlineUpdate::Keep { replayed };
        save(&mut *store, &[], &[], keep(12)).unwrap();
        assert_eq!(store.online_state().unwrap().as_ref(), Some(&online));
        assert_eq!(store.online_state_head().unwrap(), Some(head(12)));
        assert!(save(&mut *store, &[assign("a", None, "s2")], &[], keep(30)).is_err());
        assert_eq!(store.online_state_head().unwrap(), Some(head(12)));
        // A new state starts its own count.
        save(&mut *store, &[], &[], replace).unwrap();
        assert_eq!(store.online_state_head().unwrap(), Some(head(0)));
        // An analysis saved without one clears it: a state must never outlive its analysis.
        save(&mut *store, &[], &[], NO_STATE).unwrap();
        assert_eq!(store.online_state().unwrap(), None);
        assert_eq!(store.online_state_head().unwrap(), None);
    }
}
