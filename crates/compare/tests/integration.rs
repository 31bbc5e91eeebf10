//! Story comparison end to end, on short news stories written for these tests, plus the
//! env-gated summary evaluation on NeuS and the facts of real coverage (`facts`).

#[path = "integration/rouge.rs"]
mod rouge;

#[path = "integration/gold.rs"]
mod gold;

#[path = "integration/facts.rs"]
mod facts;

#[path = "integration/properties.rs"]
mod properties;

use compare::{compare_story, summarize_texts, Config, StoryArticle};
use model::report::Story;

/// The recommended settings, with the sentence model of `PARALLAX_MODEL` (a directory, see
/// the README) when it is set, so that the gold set and real coverage can be measured with it.
fn config_from_env() -> Config {
    let mut config = Config::recommended();
    if let Some(dir) = std::env::var_os("PARALLAX_MODEL") {
        config.encoder = Some(
            embed::encoder(std::path::Path::new(&dir))
                .unwrap_or_else(|err| panic!("PARALLAX_MODEL: {err}")),
        );
    }
    config
}

fn article(id: &str, source: &str, title: &str, published: &str, body: &str) -> model::Article {
    model::Article {
        id: id.to_string(),
        source: source.to_string(),
        url: None,
        title: Some(title.to_string()),
        author: None,
        published: Some(chrono::DateTime::parse_from_rfc3339(published).unwrap()),
        language: Some("en".to_string()),
        body: body.to_string(),
        extra: Default::default(),
    }
}

const GAZETTE: &str = "\
A storm surge flooded the harbor district of Lanford on Monday night, forcing 300 residents to leave their homes.

The river rose four meters in six hours after days of heavy rain, the regional water authority said.

Mayor Ana Meyer said the town would rebuild the old stone bridge before winter.

The local bakery on Quay Street handed out free bread to families sleeping at the school gym.";

const TIMES: &str = "\
Floodwaters swept through the harbor district of Lanford on Monday night and forced 300 residents from their homes.

According to the regional water authority, the river rose four meters in six hours following days of heavy rain.

Insurance claims could top 20 million euros, an industry group estimated on Tuesday.

Mayor Ana Meyer promised that the old stone bridge would be rebuilt before winter.";

const WIRE: &str = "\
Emergency crews evacuated 300 residents from the flooded harbor district of Lanford on Monday night.

The regional water authority said the river rose four meters in six hours.

Railway service between Lanford and Dorne remains suspended until further notice.

The mayor's office said the water had damaged roughly 40 homes near the port.";

fn flood_articles() -> Vec<model::Article> {
    vec![
        article(
            "gazette-1",
            "Harbor Gazette",
            "Storm surge floods Lanford harbor",
            "2026-03-02T22:10:00+01:00",
            GAZETTE,
        ),
        article(
            "times-7",
            "Valley Times",
            "Lanford evacuates 300 as river rises",
            "2026-03-03T06:00:00+01:00",
            TIMES,
        ),
        article(
            "wire-3",
            "Coast Wire",
            "Lanford flood: 300 evacuated",
            "2026-03-02T23:30:00+01:00",
            WIRE,
        ),
        // A reprint of the wire story by another outlet.
        article(
            "ledger-9",
            "Daily Ledger",
            "Lanford flood: 300 evacuated",
            "2026-03-03T08:00:00+01:00",
            WIRE,
        ),
    ]
}

fn compare(articles: &[model::Article], config: &Config) -> Story {
    let items: Vec<StoryArticle<'_>> = articles
        .iter()
        .map(|a| StoryArticle {
            article: a,
            duplicate_of: (a.id == "ledger-9").then_some("wire-3"),
        })
        .collect();
    compare_story("flood", &items, config)
}

/// The fact whose evidence holds a sentence starting with `prefix`.
fn fact_with<'a>(story: &'a Story, prefix: &str) -> &'a model::report::Fact {
    story
        .facts
        .iter()
        .find(|f| f.evidence.iter().any(|e| e.sentence.starts_with(prefix)))
        .unwrap_or_else(|| panic!("no fact with a sentence starting {prefix:?}"))
}

#[test]
fn shared_fact_is_aligned_across_outlets() {
    let story = compare(&flood_articles(), &Config::recommended());
    let evacuation = fact_with(&story, "Emergency crews evacuated");
    assert_eq!(evacuation.articles, ["gazette-1", "times-7", "wire-3"]);
    assert_eq!(evacuation.sources, ["Harbor Gazette", "Valley Times", "Coast Wire"]);
    assert_eq!(evacuation.evidence.len(), 3);
    assert!(evacuation.evidence[0].sentence.starts_with("A storm surge flooded"));
    assert!(evacuation.evidence[1].sentence.starts_with("Floodwaters swept"));

    let river = fact_with(&story, "The regional water authority said");
    assert_eq!(river.articles, ["gazette-1", "times-7", "wire-3"]);
    let bridge = fact_with(&story, "Mayor Ana Meyer promised");
    assert_eq!(bridge.articles, ["gazette-1", "times-7"]);
    // Most sources first.
    assert_eq!(story.facts[0].sources.len(), 3);
    assert_eq!(story.facts[1].sources.len(), 3);
}

#[test]
fn exclusives_stay_exclusive_and_unrelated_sentences_are_not_aligned() {
    let story = compare(&flood_articles(), &Config::recommended());
    for (prefix, article) in [
        ("The local bakery", "gazette-1"),
        ("Insurance claims", "times-7"),
        ("Railway service", "wire-3"),
        // About the mayor and the damage, but not the same claim as the bridge sentences.
        ("The mayor's office said", "wire-3"),
    ] {
        let fact = fact_with(&story, prefix);
        assert_eq!(fact.articles, [article], "{prefix}");
        assert_eq!(fact.evidence.len(), 1);
        assert_eq!(fact.text, fact.evidence[0].sentence);
    }
    assert_eq!(story.facts.len(), 3 + 4);
}

#[test]
fn a_wire_copy_is_listed_but_not_a_second_source() {
    let story = compare(&flood_articles(), &Config::recommended());
    assert_eq!(story.articles, ["gazette-1", "times-7", "wire-3", "ledger-9"]);
    assert_eq!(story.sources, ["Harbor Gazette", "Valley Times", "Coast Wire", "Daily Ledger"]);
    let railway = fact_with(&story, "Railway service");
    assert_eq!(railway.sources, ["Coast Wire"]);
    for fact in &story.facts {
        assert!(!fact.articles.iter().any(|a| a == "ledger-9"), "{fact:?}");
    }
    assert!(story.summary.iter().all(|s| !s.articles.iter().any(|a| a == "ledger-9")));
}

#[test]
fn summary_cites_its_sources_within_the_word_budget() {
    for budget in [25, 40, 60] {
        let config = Config { summary_words: budget, ..Config::recommended() };
        let story = compare(&flood_articles(), &config);
        assert!(!story.summary.is_empty());
        let words: usize = story.summary.iter().map(|s| analyze::words(&s.text).count()).sum();
        // About the budget: the last whole sentence may run up to 15% past it.
        assert!(words <= budget + budget * 15 / 100, "{words} words for a budget of {budget}");
        for sentence in &story.summary {
            // A summary sentence is one of a fact's evidence sentences, possibly condensed.
            let fact = story
                .facts
                .iter()
                .find(|f| f.evidence.iter().any(|e| is_subsequence(&sentence.text, &e.sentence)))
                .expect("summary sentence is a fact");
            assert_eq!(sentence.articles, fact.articles);
        }
    }
    // The lead fact, which all three outlets report, opens the summary and cites all three.
    let story = compare(&flood_articles(), &Config::recommended());
    assert_eq!(story.summary[0].articles, ["gazette-1", "times-7", "wire-3"]);
}

/// Whether the words of `short` appear in `long` in the same order.
fn is_subsequence(short: &str, long: &str) -> bool {
    let mut long_words = analyze::words(long);
    analyze::words(short).all(|w| long_words.any(|l| l == w))
}

#[test]
fn summary_condenses_attribution_and_cuts_an_overlong_sentence() {
    let body = "The regional council approved a new tram line across the old town on Friday, \
                its spokeswoman Lena Ortiz said in a statement. \
                Work on the line (route 4) is due to start in the spring after a final review.";
    let articles = [article("a", "Harbor Gazette", "Tram", "2026-03-04T10:00:00+01:00", body)];
    let items = [StoryArticle { article: &articles[0], duplicate_of: None }];
    let config = Config { summary_words: 40, ..Config::recommended() };
    let story = compare_story("tram", &items, &config);
    let texts: Vec<&str> = story.summary.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "The regional council approved a new tram line across the old town on Friday.",
            "Work on the line is due to start in the spring after a final review."
        ]
    );
    // A budget no sentence fits: the best sentence alone, cut short within the budget.
    let config = Config { summary_words: 8, ..Config::recommended() };
    let story = compare_story("tram", &items, &config);
    assert_eq!(story.summary.len(), 1);
    assert!(story.summary[0].text.ends_with('…'), "{:?}", story.summary[0].text);
    assert!(analyze::words(&story.summary[0].text).count() <= 8);
    assert_eq!(story.summary[0].articles, ["a"]);
}

#[test]
fn quotes_in_another_language_are_kept_without_english_speakers() {
    let body = "Le président Emmanuel Macron a déclaré mardi : « Nous ne céderons pas devant \
                la menace. » Le gouvernement a annoncé de nouvelles mesures.";
    let mut french = article("fr", "Le Quotidien", "Macron", "2026-03-04T10:00:00+01:00", body);
    french.language = Some("fr".to_string());
    let english = article(
        "en",
        "Harbor Gazette",
        "Macron",
        "2026-03-04T11:00:00+01:00",
        "“We will not give in to threats,” President Emmanuel Macron said on Tuesday.",
    );
    let items = [&french, &english].map(|article| StoryArticle { article, duplicate_of: None });
    let story = compare_story("macron", &items, &Config::recommended());
    let quotes: Vec<(&str, Option<&str>)> =
        story.quotes.iter().map(|q| (q.text.as_str(), q.speaker.as_deref())).collect();
    assert!(quotes.contains(&("Nous ne céderons pas devant la menace.", None)), "{quotes:?}");
    assert!(quotes.contains(&("We will not give in to threats,", Some("Emmanuel Macron"))));
}

#[test]
fn dates_are_numbers_resolved_against_each_publication_date() {
    let mut articles = flood_articles();
    // Published the next morning, the same night is "yesterday".
    articles[1].body = articles[1].body.replace(
        "Floodwaters swept through the harbor district of Lanford on Monday night",
        "Floodwaters swept through the harbor district of Lanford yesterday",
    );
    let story = compare(&articles, &Config::recommended());
    let dates: Vec<(&str, f64, Option<&str>, &[String])> = story
        .numbers
        .iter()
        .filter(|n| n.unit.as_deref() == Some(compare::DATE_UNIT))
        .map(|n| (n.text.as_str(), n.value, n.date.as_deref(), n.articles.as_slice()))
        .collect();
    // 2026-03-02 was a Monday; the insurance estimate came on Tuesday the 3rd.
    let all = ["gazette-1", "times-7", "wire-3"].map(String::from);
    assert_eq!(
        dates,
        [
            ("Monday", 20_260_302.0, Some("2026-03-02"), &all[..]),
            ("Tuesday", 20_260_303.0, Some("2026-03-03"), &["times-7".to_string()][..]),
        ]
    );
    assert!(story
        .numbers
        .iter()
        .filter(|n| n.unit.as_deref() != Some("date"))
        .all(|n| n.date.is_none()));
    // The same day in other words is no conflict.
    assert!(story.conflicts.is_empty(), "{:?}", story.conflicts);
}

#[test]
fn story_fields_are_filled() {
    let story = compare(&flood_articles(), &Config::recommended());
    assert_eq!(story.id, "flood");
    assert!([
        "Storm surge floods Lanford harbor",
        "Lanford evacuates 300 as river rises",
        "Lanford flood: 300 evacuated"
    ]
    .contains(&story.title.as_str()));
    assert_eq!(story.first_published.as_deref(), Some("2026-03-02T22:10:00+01:00"));
    assert_eq!(story.last_published.as_deref(), Some("2026-03-03T08:00:00+01:00"));
}

#[test]
fn comparison_is_deterministic() {
    let articles = flood_articles();
    let first = compare(&articles, &Config::recommended());
    for _ in 0..5 {
        assert_eq!(compare(&articles, &Config::recommended()), first);
    }
}

#[test]
fn exclusives_are_capped_per_article() {
    let mut long_body = String::new();
    for idx in 0..30 {
        long_body.push_str(&format!(
            "Inspectors counted damage on street number {idx} near the northern canal today. "
        ));
    }
    let articles = [article(
        "long",
        "Harbor Gazette",
        "Damage survey",
        "2026-03-04T10:00:00+01:00",
        &long_body,
    )];
    let items = [StoryArticle { article: &articles[0], duplicate_of: None }];
    let config = Config { max_exclusives_per_article: 5, ..Config::recommended() };
    let story = compare_story("survey", &items, &config);
    assert_eq!(story.facts.len(), 5);
    assert!(story.facts[0].text.contains("number 0 "));
}

#[test]
fn text_summary_cites_documents() {
    let summary = summarize_texts(&[GAZETTE, TIMES, WIRE], &[], 40);
    assert!(!summary.is_empty());
    assert_eq!(summary[0].documents, [0, 1, 2]);
    let words: usize = summary.iter().map(|s| analyze::words(&s.text).count()).sum();
    assert!(words <= 40 + 40 * 15 / 100, "{words} words");
    assert!(summarize_texts(&[], &[], 40).is_empty());
}

/// Two articles of one story by different outlets, published on 2026-05-13 (a Wednesday).
fn two_outlets(a: &str, b: &str) -> Story {
    let articles = [
        article("a", "Harbor Gazette", "", "2026-05-13T18:00:00+02:00", a),
        article("b", "Valley Times", "", "2026-05-13T19:00:00+02:00", b),
    ];
    let items: Vec<StoryArticle<'_>> =
        articles.iter().map(|article| StoryArticle { article, duplicate_of: None }).collect();
    compare_story("two", &items, &Config::recommended())
}

/// A conflict as (about, [(claim text, articles)]).
type Rendered = (String, Vec<(String, Vec<String>)>);

fn conflict_claims(story: &Story) -> Vec<Rendered> {
    story
        .conflicts
        .iter()
        .map(|c| {
            let claims = c.claims.iter().map(|cl| (cl.text.clone(), cl.articles.clone())).collect();
            (c.about.clone(), claims)
        })
        .collect()
}

#[test]
fn counts_of_one_act_in_other_words_align_and_conflict() {
    // Too unlike to align on words alone (cosine about 0.37), but both count firefighters
    // hurt.
    let story = two_outlets(
        "Fire swept through the Tarrow paper mill for six hours on Wednesday.\n\n\
         Three firefighters were injured when a wall collapsed inside the old mill.\n\n\
         The mill's owner said production would stop for a month.",
        "A fire at the Tarrow paper mill burned for six hours on Wednesday.\n\n\
         Five firefighters were hurt when the roof of the mill collapsed.\n\n\
         Smoke closed the coast road until the evening.",
    );
    let hurt = fact_with(&story, "Three firefighters");
    assert_eq!(hurt.articles, ["a", "b"]);
    let firefighters: Vec<_> =
        conflict_claims(&story).into_iter().filter(|(about, _)| about == "firefighters").collect();
    assert_eq!(
        firefighters,
        [(
            "firefighters".to_string(),
            vec![
                ("Three firefighters".to_string(), vec!["a".to_string()]),
                ("Five firefighters".to_string(), vec!["b".to_string()]),
            ]
        )]
    );
}

#[test]
fn counts_of_different_acts_do_not_conflict() {
    let story = two_outlets(
        "Fire swept through the Tarrow paper mill for six hours on Wednesday.\n\n\
         Two firefighters were killed when a wall fell inside the burning mill.",
        "A fire at the Tarrow paper mill burned for six hours on Wednesday.\n\n\
         Four firefighters were injured as part of the roof came down on the mill.",
    );
    assert!(story.conflicts.iter().all(|c| c.about != "firefighters"), "{:?}", story.conflicts);
}

#[test]
fn different_agents_of_one_act_conflict() {
    let a = "The new harbor crane of Portmere lifted its first load on Wednesday.\n\n\
             Engineers from Velsen designed the crane over two years.";
    let b = "Portmere's new harbor crane went into service on Wednesday.\n\n\
             The crane was designed by a studio from Dorne, the port authority said.";
    let story = two_outlets(a, b);
    assert_eq!(
        conflict_claims(&story),
        [(
            "who designed".to_string(),
            vec![
                ("Engineers from Velsen".to_string(), vec!["a".to_string()]),
                ("a studio from Dorne".to_string(), vec!["b".to_string()]),
            ]
        )]
    );
    // An article that names both agents may tell of a joint work: no conflict.
    let both = format!("{a}\n\nSteel for the crane was shipped from Dorne in March.");
    assert_eq!(two_outlets(&both, b).conflicts, []);
}

#[test]
fn leads_sharing_a_count_date_one_event() {
    let lead_a = "The Kerrin bridge collapsed on Tuesday, cutting 40 villages off from the coast.";
    let lead_b = "The old Kerrin crossing fell into the river on Monday and left 40 villages without a road.";
    let story = two_outlets(
        &format!("{lead_a}\n\nDivers searched the river for cars until dark."),
        &format!("{lead_b}\n\nThe regional council promised a ferry within a week."),
    );
    assert_eq!(
        conflict_claims(&story),
        [(
            "date".to_string(),
            vec![
                ("Tuesday".to_string(), vec!["a".to_string()]),
                ("Monday".to_string(), vec!["b".to_string()]),
            ]
        )]
    );
    // The same sentences further down an article may tell of different events.
    let story = two_outlets(
        &format!("Divers searched the river for cars until dark.\n\n{lead_a}"),
        &format!("The regional council promised a ferry within a week.\n\n{lead_b}"),
    );
    assert_eq!(story.conflicts, []);
}
