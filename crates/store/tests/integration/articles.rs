//! Articles: insert, idempotent re-put, update in place, arrival order, round trip of fields.

use store::PutOutcome;

use crate::article;

#[test]
fn articles_round_trip_every_field() {
    for mut store in crate::stores() {
        let mut sparse = article("sparse", "Only a body.");
        sparse.url = None;
        sparse.title = None;
        sparse.published = None;
        sparse.language = None;
        sparse.extra.clear();
        let full = article("full", "Full body.\n\nSecond paragraph.");
        store.put_articles(&[full.clone(), sparse.clone()]).unwrap();
        let stored = store.article("full").unwrap().unwrap();
        assert_eq!(stored.article, full);
        assert_eq!(stored.article.published.unwrap().to_rfc3339(), "2024-03-01T10:15:30.123+02:00");
        assert_eq!((stored.duplicate_of, stored.story), (None, None));
        assert_eq!(store.article("sparse").unwrap().unwrap().article, sparse);
        assert_eq!(store.article("missing").unwrap(), None);
    }
}

#[test]
fn putting_the_same_articles_again_changes_nothing() {
    for mut store in crate::stores() {
        let batch = [article("a", "A."), article("b", "B.")];
        assert_eq!(
            store.put_articles(&batch).unwrap(),
            vec![PutOutcome::Inserted, PutOutcome::Inserted]
        );
        let before = store.articles().unwrap();
        assert_eq!(
            store.put_articles(&batch).unwrap(),
            vec![PutOutcome::Unchanged, PutOutcome::Unchanged]
        );
        assert_eq!(store.article_count().unwrap(), 2);
        assert_eq!(store.articles().unwrap(), before);
    }
}

#[test]
fn reordered_extra_keys_are_not_a_change() {
    for mut store in crate::stores() {
        let mut first = article("a", "A.");
        first.extra.insert("z".to_string(), 1.into());
        first.extra.insert("y".to_string(), 2.into());
        let mut second = article("a", "A.");
        second.extra.clear();
        second.extra.insert("y".to_string(), 2.into());
        second.extra.insert("z".to_string(), 1.into());
        second.extra.insert("section".to_string(), serde_json::json!({"rank": 2, "name": "world"}));
        store.put_articles(&[first]).unwrap();
        assert_eq!(store.put_articles(&[second]).unwrap(), vec![PutOutcome::Unchanged]);
    }
}

#[test]
fn a_known_id_with_new_content_is_updated_in_place_keeping_its_sequence_number() {
    for mut store in crate::stores() {
        store.put_articles(&[article("a", "A."), article("b", "B.")]).unwrap();
        let mut changed = article("a", "A, corrected.");
        changed.author = Some("A. Writer".to_string());
        assert_eq!(
            store.put_articles(&[changed.clone(), article("c", "C.")]).unwrap(),
            vec![PutOutcome::Updated, PutOutcome::Inserted]
        );
        let stored: Vec<_> =
            store.articles().unwrap().into_iter().map(|it| (it.seq, it.article)).collect();
        assert_eq!(stored, vec![(1, changed), (2, article("b", "B.")), (3, article("c", "C."))]);
        // Each field counts: a change of the publication offset alone is an update.
        let mut shifted = article("b", "B.");
        shifted.published =
            Some(chrono::DateTime::parse_from_rfc3339("2024-03-01T08:15:30.123Z").unwrap());
        assert_eq!(store.put_articles(&[shifted]).unwrap(), vec![PutOutcome::Updated]);
    }
}

#[test]
fn a_batch_is_one_transaction() {
    for mut store in crate::stores() {
        store.put_articles(&[article("a", "A.")]).unwrap();
        // The same id twice in one batch: the second compares with the first.
        let outcomes = store
            .put_articles(&[article("b", "B."), article("b", "B2."), article("b", "B2.")])
            .unwrap();
        assert_eq!(
            outcomes,
            vec![PutOutcome::Inserted, PutOutcome::Updated, PutOutcome::Unchanged]
        );
        assert_eq!(store.article_count().unwrap(), 2);
    }
}
