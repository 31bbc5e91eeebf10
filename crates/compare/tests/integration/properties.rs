//! Random stories made of the pieces news text is read for (names, titles, amounts, counts,
//! days, quotation marks, dashes, tokenized numbers): a comparison never panics, and what it
//! reports points into the story.

use compare::{compare_story, summarize_texts, Config, StoryArticle};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "Lena Ortiz",
    "Mayor Tom Baker",
    "the council",
    "Wexmoor",
    "Brennick Shipping",
    "U. S.",
    " said",
    " told reporters",
    " bought",
    " approved",
    " voted 31-9",
    " 88 votes to 61",
    " £48m",
    " $1.2 trillion",
    " 12 million euros",
    " 3,000 troops",
    " 5, 000 soldiers",
    " two miners",
    " 5. 9",
    " 40 percent",
    " on Monday",
    " on Tuesday",
    " May 2, 2013",
    " 1: 30 p. m.",
    "“",
    "”",
    "\"",
    "‘",
    "’",
    " — ",
    " - ",
    "(",
    ")",
    ", ",
    ". ",
    "? ",
    ": ",
    "\n",
    "\n\n",
    " according to officials",
    " he",
    " she",
    "WALLACE:",
    "…",
    "é",
    " 26 - year - old",
];

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(0..PIECES.len(), 0..60)
        .prop_map(|pieces| pieces.iter().map(|&i| PIECES[i]).collect())
}

fn article(id: usize, body: String, title: Option<String>) -> model::Article {
    model::Article {
        id: format!("a{id}"),
        source: format!("Outlet {}", id % 3),
        url: None,
        title,
        author: None,
        published: chrono::DateTime::parse_from_rfc3339("2025-03-12T09:00:00Z").ok(),
        language: Some("en".to_string()),
        body,
        extra: Default::default(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(testkit::cases(1_000)))]

    #[test]
    fn any_story_compares_without_panic(
        bodies in proptest::collection::vec((text(), proptest::option::of(text())), 1..4),
    ) {
        let articles: Vec<model::Article> = bodies
            .into_iter()
            .enumerate()
            .map(|(id, (body, title))| article(id, body, title))
            .collect();
        let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
        let refs: Vec<StoryArticle<'_>> =
            articles.iter().map(|article| StoryArticle { article, duplicate_of: None }).collect();
        let story = compare_story("s", &refs, &Config::recommended());
        let known = |id: &String| ids.contains(&id.as_str());
        prop_assert!(story.facts.iter().all(|f| !f.articles.is_empty() && f.articles.iter().all(known)));
        prop_assert!(story.summary.iter().all(|s| !s.articles.is_empty() && s.articles.iter().all(known)));
        prop_assert!(story.quotes.iter().all(|q| q.articles.iter().all(known)));
        prop_assert!(story.conflicts.iter().all(|c| c.claims.len() >= 2
            && c.claims.iter().all(|claim| claim.articles.iter().all(known))));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(testkit::cases(1_000)))]

    /// A summary of any texts stays within its budget and the tolerance the last whole
    /// sentence may take (15%), and cites only texts it was given.
    #[test]
    fn a_summary_keeps_its_budget(
        texts in proptest::collection::vec(text(), 1..4),
        budget in 5usize..120,
    ) {
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let summary = summarize_texts(&texts, &[], budget);
        let words: usize = summary.iter().map(|s| analyze::words(&s.text).count()).sum();
        prop_assert!(words <= budget + budget * 15 / 100, "{words} words for {budget}: {summary:?}");
        prop_assert!(summary.iter().all(|s| !s.documents.is_empty()
            && s.documents.iter().all(|&d| d < texts.len())));
    }
}
