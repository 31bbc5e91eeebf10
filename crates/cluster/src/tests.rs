//! Tests of online clustering on short articles written for them.

use chrono::DateTime;

use crate::{Clusterer, Config, Doc};

const QUAKE_1: (&str, &str, &str) = (
    "quake-1",
    "Strong earthquake shakes northern Chile",
    "A magnitude 7.1 earthquake struck off the coast of northern Chile near Iquique on \
     Tuesday, shaking buildings and cutting power to thousands of homes. Chile's emergency \
     office ordered a tsunami evacuation of the coast around Iquique as a precaution.",
);
const QUAKE_2: (&str, &str, &str) = (
    "quake-2",
    "Iquique residents flee to high ground after Chile quake",
    "Residents of Iquique spent the night on hills above the city after the earthquake, \
     which Chile's seismological center measured at magnitude 7.1. The tsunami evacuation \
     was lifted in the morning; power returned to most homes in northern Chile.",
);
const QUAKE_3: (&str, &str, &str) = (
    "quake-3",
    "Chile lifts tsunami alert after 7.1 earthquake",
    "Authorities in Chile lifted a tsunami alert for the northern coast after a magnitude \
     7.1 earthquake near Iquique. The emergency office said damage in Iquique was limited \
     to cracked walls and fallen power lines.",
);
const BUDGET: (&str, &str, &str) = (
    "budget-1",
    "Dutch parliament approves budget with tax cut for families",
    "The Dutch lower house voted to approve the government's budget for next year, which \
     lowers income tax for families with children and raises spending on housing. \
     Opposition parties said the plan borrowed too much.",
);
const BUDGET_2: (&str, &str, &str) = (
    "budget-2",
    "Opposition attacks Dutch budget borrowing",
    "Opposition parties in the Dutch parliament said the budget approved by the lower house \
     borrows too much to pay for the tax cut for families and the new housing spending.",
);

fn doc<'a>(article: &'a (&str, &str, &str), published: Option<&str>) -> Doc<'a> {
    Doc {
        id: article.0,
        title: Some(article.1),
        body: article.2,
        published: published.map(|time| DateTime::parse_from_rfc3339(time).unwrap()),
        language: Some("en"),
    }
}

/// Clusters the articles in order and renders the stories as lines of article ids.
fn stories(docs: &[Doc<'_>]) -> Vec<Vec<String>> {
    let mut clusterer = Clusterer::new(Config::recommended());
    for doc in docs {
        clusterer.add(doc);
    }
    let mut by_story: Vec<(String, Vec<String>)> = Vec::new();
    for (article, story) in clusterer.assignments() {
        match by_story.iter_mut().find(|(id, _)| *id == story) {
            Some((_, articles)) => articles.push(article),
            None => by_story.push((story, vec![article])),
        }
    }
    by_story.into_iter().map(|(_, articles)| articles).collect()
}

#[test]
fn different_events_make_different_stories() {
    let docs = [doc(&QUAKE_1, None), doc(&BUDGET, None)];
    assert_eq!(stories(&docs), vec![vec!["quake-1"], vec!["budget-1"]]);
}

#[test]
fn one_event_in_different_words_makes_one_story() {
    let docs = [doc(&QUAKE_1, None), doc(&BUDGET, None), doc(&QUAKE_2, None), doc(&QUAKE_3, None)];
    assert_eq!(stories(&docs), vec![vec!["quake-1", "quake-2", "quake-3"], vec!["budget-1"]]);
}

#[test]
fn articles_weeks_apart_do_not_join() {
    let docs = [
        doc(&QUAKE_1, Some("2026-03-03T10:00:00Z")),
        doc(&QUAKE_2, Some("2026-03-04T08:00:00Z")),
        doc(&QUAKE_3, Some("2026-05-20T08:00:00Z")),
    ];
    assert_eq!(stories(&docs), vec![vec!["quake-1", "quake-2"], vec!["quake-3"]]);
}

#[test]
fn articles_two_days_after_a_story_start_a_new_one() {
    let docs = [
        doc(&QUAKE_1, Some("2026-03-03T10:00:00Z")),
        doc(&QUAKE_2, Some("2026-03-03T16:00:00Z")),
        doc(&QUAKE_3, Some("2026-03-05T18:00:00Z")),
    ];
    assert_eq!(stories(&docs), vec![vec!["quake-1", "quake-2"], vec!["quake-3"]]);
}

#[test]
fn a_date_without_a_time_of_day_stands_for_the_whole_day() {
    // A date found in a text (midnight) may be any moment of its day: an article late that
    // day, or the next morning, is as close to it as to an article with a time.
    let docs = [
        doc(&QUAKE_1, Some("2026-03-03T00:00:00Z")),
        doc(&QUAKE_2, Some("2026-03-03T23:30:00Z")),
        doc(&QUAKE_3, Some("2026-03-04T10:00:00Z")),
    ];
    assert_eq!(stories(&docs), vec![vec!["quake-1", "quake-2", "quake-3"]]);

    let day = DateTime::parse_from_rfc3339("2026-03-03T00:00:00+02:00").unwrap();
    let moment = DateTime::parse_from_rfc3339("2026-03-03T09:15:00+02:00").unwrap();
    assert_eq!(crate::published_interval(day), (day.timestamp(), day.timestamp() + 86_399));
    assert_eq!(crate::published_interval(moment), (moment.timestamp(), moment.timestamp()));
}

#[test]
fn a_young_story_finds_its_own_words_after_fifty_articles() {
    // Thirty articles on other things, then twenty-four on one event in three wordings: by
    // the fiftieth article even the words of one wording are in 14% of all articles seen,
    // yet in too few to be skipped as common, so the later reports still find the story's
    // articles instead of each starting a story of its own.
    let fillers: Vec<(String, String)> = (0..30)
        .map(|i: usize| {
            let word = |j: usize| {
                let n = i * 8 + j;
                format!(
                    "qz{}{}",
                    char::from(b'a' + (n / 26) as u8),
                    char::from(b'a' + (n % 26) as u8)
                )
            };
            (format!("filler-{i}"), (0..8).map(word).collect::<Vec<_>>().join(" "))
        })
        .collect();
    let texts = [QUAKE_1, QUAKE_2, QUAKE_3];
    let ids: Vec<String> = (0..24).map(|i| format!("quake-{i}")).collect();
    let mut docs: Vec<Doc<'_>> = fillers
        .iter()
        .map(|(id, body)| Doc { id, title: None, body, published: None, language: Some("en") })
        .collect();
    docs.extend(ids.iter().enumerate().map(|(i, id)| {
        let (_, title, body) = texts[i % 3];
        Doc { id, title: Some(title), body, published: None, language: Some("en") }
    }));
    // The reports after the fiftieth article join stories of the earlier ones.
    assert_eq!(stories(&docs).len(), stories(&docs[..50]).len());
}

#[test]
fn undated_articles_are_not_penalized() {
    let docs = [doc(&QUAKE_1, Some("2026-03-03T10:00:00Z")), doc(&QUAKE_2, None)];
    assert_eq!(stories(&docs), vec![vec!["quake-1", "quake-2"]]);
}

#[test]
fn story_id_comes_from_the_first_article() {
    let mut clusterer = Clusterer::new(Config::recommended());
    let first = clusterer.add(&doc(&QUAKE_1, None));
    assert_eq!(first, format!("s{}", &model::content_id("quake-1")[..12]));
    assert_eq!(clusterer.add(&doc(&QUAKE_2, None)), first);
}

#[test]
fn merge_keeps_the_older_story_id() {
    let bridge_body = format!("{} {} {} {}", QUAKE_1.2, QUAKE_2.2, BUDGET.2, BUDGET_2.2);
    let bridge = ("bridge", "Chile earthquake and Dutch budget", bridge_body.as_str());
    let mut clusterer = Clusterer::new(Config::recommended());
    let quake = clusterer.add(&doc(&QUAKE_1, None));
    let budget = clusterer.add(&doc(&BUDGET, None));
    assert_ne!(quake, budget);
    assert_eq!(clusterer.add(&doc(&bridge, None)), quake);
    let expected: Vec<(String, String)> = ["quake-1", "budget-1", "bridge"]
        .iter()
        .map(|id| (id.to_string(), quake.clone()))
        .collect();
    assert_eq!(clusterer.assignments(), expected);
}

#[test]
fn same_input_gives_same_output() {
    let docs = [
        doc(&QUAKE_1, Some("2026-03-03T10:00:00Z")),
        doc(&BUDGET, Some("2026-03-03T11:00:00Z")),
        doc(&QUAKE_2, None),
        doc(&BUDGET_2, Some("2026-03-04T09:00:00Z")),
        doc(&QUAKE_3, Some("2026-03-04T12:00:00Z")),
    ];
    let run = || {
        let mut clusterer = Clusterer::new(Config::recommended());
        let added: Vec<String> = docs.iter().map(|doc| clusterer.add(doc)).collect();
        (added, clusterer.assignments())
    };
    let first = run();
    for _ in 0..3 {
        assert_eq!(run(), first);
    }
}

#[test]
fn empty_articles_do_not_panic() {
    let (empty_1, empty_2) = (("empty-1", "", ""), ("empty-2", "", ""));
    let docs = [doc(&empty_1, None), doc(&empty_2, None), doc(&QUAKE_1, None)];
    assert_eq!(stories(&docs).len(), 3);
}

#[test]
fn cached_words_give_the_analyzers_terms() {
    // Each distinct word is stemmed once and then read from the cache: the terms and their
    // counts must be those of `analyze::Analyzer::terms`, whatever the case, hyphens,
    // apostrophes and stop words, the second time as the first.
    let text = "The state-run Agency’s agencies said THE agency's pro-Russian forces, \
                forces and Forces, were running; running runs.";
    let doc = Doc {
        id: "a",
        title: Some("Agency runs"),
        body: text,
        published: None,
        language: Some("en"),
    };
    let mut clusterer = Clusterer::new(Config { entity_weight: 0.0, ..Config::recommended() });
    let first = clusterer.term_weights(&doc);
    let second = clusterer.term_weights(&doc);
    assert_eq!(first, second);

    let analyzer = analyze::Analyzer::new(Some("en"));
    let mut expected = Vec::new();
    analyzer.terms(text, &mut expected);
    analyzer.terms("Agency runs", &mut expected);
    let mut counts: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for term in expected {
        *counts.entry(term).or_default() += 1;
    }
    let mut got: Vec<(String, f64)> = first
        .0
        .iter()
        .map(|&(term, weight)| {
            let name = clusterer.terms.ids.iter().find(|(_, &id)| id == term).unwrap().0;
            (name.to_string(), weight)
        })
        .collect();
    got.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        got.iter().map(|(name, _)| name.clone()).collect::<Vec<_>>(),
        counts.keys().cloned().collect::<Vec<_>>()
    );
    let title_weight = Config::recommended().title_weight;
    for (name, weight) in got {
        let in_title = name == "agenc" || name == "run";
        let expected =
            1.0 + (counts[&name] as f64).ln() + if in_title { title_weight } else { 0.0 };
        assert!((weight - expected).abs() < 1e-9, "{name}: {weight} vs {expected}");
    }
}

#[test]
fn lead_cuts_at_a_sentence_end_and_a_char_boundary() {
    let text = "Première phrase ici. Deuxième phrase, bien plus longue que la première.";
    assert_eq!(crate::lead(text, 1_000), text);
    assert_eq!(crate::lead(text, 30), "Première phrase ici.");
    // No sentence end in the second half: cut at the nearest char boundary below the limit.
    let accents = "ééééééééééé";
    assert_eq!(crate::lead(accents, 5), "éé");
}

#[test]
fn a_story_of_two_events_is_split_and_the_first_keeps_its_id() {
    // Two floods in one region, reported in shared words, differ in the towns, rivers and
    // people named. The second flood's first report joins the first flood's story; once
    // both have several articles, the story is split and each flood is a story of its own.
    let shared = "flood water rain river banks burst homes evacuated emergency rescue \
                  crews boats residents shelters damage";
    let first = "Ardenne Vallon mayor Lucien Marchetti Sorel bridge collapsed";
    let second = "Brisk Oderholm governor Petra Lindqvist Kessel dam overflowed";
    let body = |own: &str, n: usize| {
        let own: Vec<&str> = own.split(' ').collect();
        let extra = own[n % own.len()];
        format!("{shared} {own} {own} {extra}", own = own.join(" "))
    };
    let texts: Vec<(String, String)> = (0..12)
        .map(|i| {
            let event = if i % 2 == 0 { first } else { second };
            (format!("{}-{i}", if i % 2 == 0 { "a" } else { "b" }), body(event, i))
        })
        .collect();
    let mut clusterer = Clusterer::new(Config::recommended());
    let first_story = clusterer.add(&Doc {
        id: &texts[0].0,
        title: None,
        body: &texts[0].1,
        published: None,
        language: Some("en"),
    });
    for (id, text) in &texts[1..] {
        clusterer.add(&Doc { id, title: None, body: text, published: None, language: Some("en") });
    }
    let assignments = clusterer.assignments();
    let story_of = |prefix: &str| -> Vec<String> {
        let mut stories: Vec<String> = assignments
            .iter()
            .filter(|(id, _)| id.starts_with(prefix))
            .map(|(_, story)| story.clone())
            .collect();
        stories.dedup();
        stories
    };
    assert_eq!(story_of("a-"), vec![first_story.clone()]);
    let b = story_of("b-");
    assert_eq!(b.len(), 1);
    assert_ne!(b[0], first_story);
    assert!(clusterer.splits().iter().any(|(from, new)| *from == first_story && *new == b[0]));
}

/// A made-up word for number `n`, in letters (the analyzer drops digits from words).
fn made_up_word(mut n: usize) -> String {
    let mut word = String::from("zq");
    loop {
        word.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
        if n == 0 {
            return word;
        }
    }
}

#[test]
fn an_endless_stream_hands_over_closed_stories_and_frees_their_terms() {
    // Every story closes within one sweep (256 arrivals); every article has words of its own,
    // so the vocabulary grows as fast as it can.
    let config = Config { window_articles: 0, window_days: 0.0, ..Config::recommended() };
    let mut clusterer = Clusterer::new(config);
    let (n_articles, words_per_article) = (3_000, 40);
    let mut returned = std::collections::HashMap::new();
    for i in 0..n_articles {
        let id = format!("a{i}");
        let body: Vec<String> =
            (0..words_per_article).map(|j| made_up_word(i * words_per_article + j)).collect();
        let body = body.join(" ");
        let story = clusterer.add(&Doc {
            id: &id,
            title: None,
            body: &body,
            published: None,
            language: Some("en"),
        });
        returned.insert(id, story);
    }
    let settled = clusterer.drain_settled();
    assert!(settled.assignments.len() > n_articles - 300, "{} settled", settled.assignments.len());
    for (article, story) in &settled.assignments {
        assert_eq!(&returned[article], story, "{article} settled in another story");
    }
    // What is still held is only the open stories' articles, and nothing is handed over twice.
    let held = clusterer.assignments();
    assert_eq!(held.len() + settled.assignments.len(), n_articles);
    assert!(clusterer.drain_settled().assignments.is_empty());
    // Story slots and term ids are reused rather than grown with the stream.
    assert!(clusterer.stories.len() < 600, "{} story slots", clusterer.stories.len());
    let ids_allocated = clusterer.terms.document_frequency.len();
    assert!(ids_allocated < n_articles * words_per_article, "{ids_allocated} term ids");

    // After terms were freed and their ids reused, two articles on one event still meet.
    let first = clusterer.add(&doc(&QUAKE_1, None));
    assert_eq!(clusterer.add(&doc(&QUAKE_2, None)), first);
}

#[test]
fn capitalised_words_inside_sentences_are_names() {
    let text = "Police said Vincent Jackson was held. He left: Officers saw him.\nMonday came.";
    let names: Vec<&str> = analyze::words(text)
        .filter(|word| crate::groups::is_name(text, word, text.len()))
        .collect();
    assert_eq!(names, ["Vincent", "Jackson"]);
    // Only the first `end` bytes count.
    assert!(!crate::groups::is_name(text, &text[12..19], 10));
}

/// Two arrests of players of one team, told in the same words: the people and the places
/// differ. Returns the articles, alternating between the two events.
fn two_arrests() -> Vec<(String, String)> {
    let events = [
        ("Vincent Jackson", "receiver", "Mission Valley", "Interstate Eight"),
        ("Jamal Williams", "tackle", "Kearny Mesa", "Route Fifteen"),
    ];
    let details = [
        "the officers said he failed a field sobriety test",
        "the team said it was aware of the arrest",
        "a spokesman for the highway patrol confirmed the booking",
        "he was released on bail later that morning",
        "the coach declined to comment on his playing status",
    ];
    (0..10)
        .map(|i| {
            let (name, role, place, road) = events[i % 2];
            let surname = name.split(' ').nth(1).unwrap_or(name);
            let text = format!(
                "The Chargers {role} {name} was arrested early on suspicion of drunk driving \
                 near {place}, the highway patrol said. Officers stopped {surname} on {road} \
                 after midnight for speeding, and {}. The arrest is the second of a Chargers \
                 player this season; both players face a misdemeanor charge of driving under \
                 the influence.",
                details[i / 2]
            );
            (format!("{}-{i}", if i % 2 == 0 { "jackson" } else { "williams" }), text)
        })
        .collect()
}

#[test]
fn a_story_of_two_events_told_in_the_same_words_is_split_by_the_names() {
    let run = |config: Config| {
        let mut clusterer = Clusterer::new(config);
        for (id, text) in &two_arrests() {
            clusterer.add(&Doc {
                id,
                title: None,
                body: text,
                published: None,
                language: Some("en"),
            });
        }
        // The events of each story, in order of the stories' first articles.
        let mut by_story: Vec<(String, Vec<String>)> = Vec::new();
        for (article, story) in clusterer.assignments() {
            let event = article.split('-').next().unwrap_or_default().to_string();
            match by_story.iter_mut().find(|(id, _)| *id == story) {
                Some((_, events)) => events.push(event),
                None => by_story.push((story, vec![event])),
            }
        }
        by_story
            .into_iter()
            .map(|(_, mut events)| {
                events.sort();
                events.dedup();
                events
            })
            .collect::<Vec<_>>()
    };
    // The words alone keep one story of both arrests.
    let words_only = run(Config { name_split_threshold: 0.0, ..Config::recommended() });
    assert_eq!(words_only, vec![vec!["jackson", "williams"]]);
    // The names part them.
    assert_eq!(run(Config::recommended()), vec![vec!["jackson"], vec!["williams"]]);
}

#[test]
fn german_nouns_are_not_names() {
    let body = "Die Polizei hat den Fahrer am Montag in Berlin festgenommen.";
    let mut clusterer = Clusterer::new(Config::recommended());
    for (language, expected) in [("de", 0), ("de-AT", 0), ("en", 4)] {
        let doc = Doc { id: "a", title: None, body, published: None, language: Some(language) };
        assert_eq!(clusterer.term_weights(&doc).1.len(), expected, "{language}");
    }
}

#[test]
fn a_group_rich_in_names_of_its_own_is_split_from_articles_naming_none() {
    // Term 1 is a name every article gives; terms 100.. are names only the first four give.
    let member =
        |names: Vec<u32>| crate::Member { arrival: 0, published: None, vector: Vec::new(), names };
    let members = |own: u32| -> Vec<crate::Member> {
        let rich: Vec<u32> = std::iter::once(1).chain(100..100 + own).collect();
        (0..8).map(|i| member(if i < 4 { rich.clone() } else { vec![1, 200 + i] })).collect()
    };
    let part = crate::groups::name_partition(&members(crate::MIN_OWN_NAMES_ONE_SIDED));
    assert_eq!(part, Some(vec![true, true, true, true, false, false, false, false]));
    // Fewer names of its own prove too little: long reports of one event name more people
    // than its briefs do.
    assert_eq!(crate::groups::name_partition(&members(crate::MIN_OWN_NAMES_ONE_SIDED - 1)), None);
}

#[test]
fn names_split_only_groups_published_apart() {
    let member = |day: Option<i64>| crate::Member {
        arrival: 0,
        published: day.map(|day| (day * 86_400, day * 86_400 + 86_399)),
        vector: Vec::new(),
        names: Vec::new(),
    };
    let in_a = [true, true, false, false];
    let apart = |days: [Option<i64>; 4]| {
        let members: Vec<crate::Member> = days.into_iter().map(member).collect();
        crate::groups::apart_in_time(&members, &in_a, Config::recommended().time_grace_days)
    };
    // One event reported over two days, naming a lawyer in some articles and a clinic in
    // others, stays one story; sibling events days apart may be split; undated cannot tell.
    assert!(!apart([Some(10), Some(11), Some(10), Some(11)]));
    assert!(apart([Some(10), Some(10), Some(13), Some(14)]));
    assert!(apart([None, None, Some(13), Some(14)]));
}

#[test]
fn an_untitled_articles_first_sentence_weighs_as_its_headline() {
    // A date line or a byline is too short to be the first sentence.
    let body = "March 3, 2024\nBy Ann Lee\nA volcano erupted near Naples on Sunday. Officials \
                said an ash cloud drifted east.\nMore to follow.";
    let first = crate::first_sentence(body);
    assert_eq!(&body[first], "A volcano erupted near Naples on Sunday.");
    assert_eq!(crate::first_sentence("Too short.\nNo."), 0..0);

    let weight_of = |title: Option<&str>| {
        let mut clusterer = Clusterer::new(Config::recommended());
        let doc = Doc { id: "a", title, body, published: None, language: Some("en") };
        let (weights, _) = clusterer.term_weights(&doc);
        let weight = |word: &str| {
            let term = clusterer.terms.ids[word];
            weights.iter().find(|&&(t, _)| t == term).map(|&(_, w)| w).unwrap()
        };
        (weight("volcano"), weight("ash"))
    };
    // Without a headline, the words of the first sentence count as a headline's would.
    let (volcano, ash) = weight_of(None);
    assert_eq!(volcano, ash + Config::recommended().title_weight);
    // With one, the headline alone does.
    let (volcano, ash) = weight_of(Some("Eruption in Campania"));
    assert_eq!(volcano, ash);
}
