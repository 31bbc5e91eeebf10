//! The compare gold set (`test_data/compare`): stories written for Parallax, annotated with the
//! facts each pair of outlets shares (as pairs of evidence sentences), the quotes with their
//! speakers, and the conflicts. Scores fact alignment, quotes and conflicts, prints the figures
//! and fails below the floors.

use std::collections::BTreeSet;
use std::path::PathBuf;

use compare::{compare_story, Config, StoryArticle};
use serde_json::Value;

/// Floors: a regression fails. Fact alignment is held to the targets of issue 5 (F1 0.85,
/// precision 0.90): three stories (dam-burst, hostage-release, tram-budget) were added as
/// unseen stories, written and annotated before anything was run on them, and brought F1
/// from 0.901 on the first 16 stories to 0.864 on all 19. A twentieth (port-sale: four outlets
/// tell one sale in sentences of different shapes) was written and annotated before the
/// claim keys of `claims.rs` were: without them F1 0.826 (recall 0.731), with them 0.851
/// (precision 0.952); since a quotation and a sentence that share only its attribution are no
/// longer aligned, P 0.976, R 0.769, F1 0.860. A twenty-first (flood-barrier: British quotation
/// marks, ‘...’ with “...” inside) was written and annotated before single marks were read:
/// quotes F1 0.928 without them, 1.000 with them. The others are just below the figures
/// reached.
/// With the sentence model of `PARALLAX_MODEL` (all-MiniLM-L6-v2, see the README) the same
/// floors hold: P 0.978, R 0.865, F1 0.918.
const MIN_FACT_F1: f64 = 0.85;
const MIN_FACT_PRECISION: f64 = 0.90;
const MIN_CONFLICT_RECALL: f64 = 0.85;
const MIN_CONFLICT_PRECISION: f64 = 0.9;
const MIN_QUOTE_F1: f64 = 0.97;
const MIN_SPEAKER_ACCURACY: f64 = 0.92;

/// An evidence sentence: article id and normalised sentence text.
type Sentence = (String, String);
/// An unordered pair of sentences of two different articles.
type Pair = (Sentence, Sentence);

fn gold_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../test_data/compare")
}

fn normalise(sentence: &str) -> String {
    sentence
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

fn pairs_of(sentences: &[Sentence]) -> BTreeSet<Pair> {
    let mut acc = BTreeSet::new();
    for (i, a) in sentences.iter().enumerate() {
        for b in &sentences[i + 1..] {
            if a.0 != b.0 {
                acc.insert(if a < b { (a.clone(), b.clone()) } else { (b.clone(), a.clone()) });
            }
        }
    }
    acc
}

fn gold_sentences(list: &Value) -> Vec<Sentence> {
    list.as_array()
        .into_iter()
        .flatten()
        .filter_map(|pair| {
            Some((pair.get(0)?.as_str()?.to_string(), normalise(pair.get(1)?.as_str()?)))
        })
        .collect()
}

#[derive(Default, Debug)]
struct Counts {
    fact_tp: usize,
    fact_pred: usize,
    fact_gold: usize,
    quote_tp: usize,
    quote_pred: usize,
    quote_gold: usize,
    speaker_ok: usize,
    conflict_found: usize,
    conflict_gold: usize,
    conflict_pred: usize,
    conflict_correct: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn score_story(gold: &Value, config: &Config, counts: &mut Counts) {
    let published = gold["published"].as_str().unwrap_or_default();
    let articles: Vec<model::Article> = gold["articles"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|a| model::Article {
            id: a["id"].as_str().unwrap_or_default().to_string(),
            source: a["source"].as_str().unwrap_or_default().to_string(),
            url: None,
            title: None,
            author: None,
            published: chrono::DateTime::parse_from_rfc3339(published).ok(),
            language: Some("en".to_string()),
            body: a["text"].as_str().unwrap_or_default().to_string(),
            extra: Default::default(),
        })
        .collect();
    let inputs: Vec<StoryArticle<'_>> =
        articles.iter().map(|article| StoryArticle { article, duplicate_of: None }).collect();
    let story = compare_story("gold", &inputs, config);

    let gold_pairs: BTreeSet<Pair> = gold["facts"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|f| pairs_of(&gold_sentences(&f["sentences"])))
        .collect();
    let pred_pairs: BTreeSet<Pair> = story
        .facts
        .iter()
        .flat_map(|fact| {
            let sentences: Vec<Sentence> =
                fact.evidence.iter().map(|e| (e.article.clone(), normalise(&e.sentence))).collect();
            pairs_of(&sentences)
        })
        .collect();
    if std::env::var_os("PARALLAX_GOLD_VERBOSE").is_some() {
        #[allow(clippy::print_stderr)]
        for pair in gold_pairs.difference(&pred_pairs) {
            eprintln!("{} missed pair: {pair:?}", gold["id"]);
        }
        #[allow(clippy::print_stderr)]
        for pair in pred_pairs.difference(&gold_pairs) {
            eprintln!("{} wrong pair: {pair:?}", gold["id"]);
        }
    }
    counts.fact_tp += pred_pairs.intersection(&gold_pairs).count();
    counts.fact_pred += pred_pairs.len();
    counts.fact_gold += gold_pairs.len();

    // Quotes: same article and >= 80% of the shorter one's words in the longer one.
    let gold_quotes = gold["quotes"].as_array().cloned().unwrap_or_default();
    counts.quote_gold += gold_quotes.len();
    let mut used = vec![false; gold_quotes.len()];
    for quote in &story.quotes {
        for article in &quote.articles {
            counts.quote_pred += 1;
            let predicted = words(&quote.text);
            let found = gold_quotes.iter().enumerate().find(|(i, g)| {
                let gold_words = words(g["text"].as_str().unwrap_or_default());
                let overlap = predicted.intersection(&gold_words).count();
                !used[*i]
                    && g["article"].as_str() == Some(article.as_str())
                    && overlap as f64 >= 0.8 * predicted.len().min(gold_words.len()) as f64
            });
            if let Some((i, g)) = found {
                used[i] = true;
                counts.quote_tp += 1;
                let speaker = words(quote.speaker.as_deref().unwrap_or_default());
                let gold_speaker = words(g["speaker"].as_str().unwrap_or_default());
                counts.speaker_ok += usize::from(!speaker.is_disjoint(&gold_speaker));
            }
        }
    }

    // A reported conflict is correct when every article a claim cites has a sentence in one
    // gold conflict, and the claim's words are in one of them (a claim several articles
    // make carries one article's wording: "£48m" stands for "£48 million" too).
    let gold_conflicts = gold["conflicts"].as_array().cloned().unwrap_or_default();
    for conflict in &story.conflicts {
        counts.conflict_pred += 1;
        let correct = gold_conflicts.iter().any(|g| {
            let sentences = gold_sentences(&g["sentences"]);
            conflict.claims.iter().all(|claim| {
                let cited = |(a, _): &&(String, String)| claim.articles.contains(a);
                let cited: Vec<&(String, String)> = sentences.iter().filter(cited).collect();
                claim.articles.iter().all(|article| cited.iter().any(|(a, _)| a == article))
                    && cited.iter().any(|(_, s)| s.contains(&normalise(&claim.text)))
            })
        });
        counts.conflict_correct += usize::from(correct);
        if std::env::var_os("PARALLAX_GOLD_VERBOSE").is_some() {
            #[allow(clippy::print_stderr)]
            {
                eprintln!(
                    "{} conflict {}: {:?}",
                    gold["id"],
                    if correct { "ok" } else { "FALSE" },
                    conflict
                );
            }
        }
    }
    // Conflicts: found when one reported conflict cites both gold sides' articles.
    for conflict in gold["conflicts"].as_array().into_iter().flatten() {
        counts.conflict_gold += 1;
        let sides: BTreeSet<String> =
            gold_sentences(&conflict["sentences"]).into_iter().map(|(a, _)| a).collect();
        counts.conflict_found += usize::from(story.conflicts.iter().any(|c| {
            let cited: BTreeSet<String> =
                c.claims.iter().flat_map(|claim| claim.articles.iter().cloned()).collect();
            sides.is_subset(&cited)
        }));
    }
}

#[test]
fn gold_set_alignment_quotes_and_conflicts() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(gold_dir())
        .expect("test_data/compare exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 15, "the gold set has at least 15 stories");
    let mut counts = Counts::default();
    let config = crate::config_from_env();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable gold file");
        let gold: Value = serde_json::from_str(&text).expect("valid gold JSON");
        score_story(&gold, &config, &mut counts);
    }
    let (p, r) = (ratio(counts.fact_tp, counts.fact_pred), ratio(counts.fact_tp, counts.fact_gold));
    let (qp, qr) =
        (ratio(counts.quote_tp, counts.quote_pred), ratio(counts.quote_tp, counts.quote_gold));
    let fact_f1 = f1(p, r);
    let quote_f1 = f1(qp, qr);
    let speaker = ratio(counts.speaker_ok, counts.quote_tp);
    let conflicts = ratio(counts.conflict_found, counts.conflict_gold);
    let conflict_precision = ratio(counts.conflict_correct, counts.conflict_pred);
    #[allow(clippy::print_stderr)]
    {
        eprintln!(
            "gold ({} stories): facts P {p:.3} R {r:.3} F1 {fact_f1:.3} ({} gold pairs, {} predicted) | quotes P {qp:.3} R {qr:.3} F1 {quote_f1:.3}, speaker accuracy {speaker:.3} | conflicts R {conflicts:.3} ({} gold) P {conflict_precision:.3} ({} reported)",
            files.len(),
            counts.fact_gold,
            counts.fact_pred,
            counts.conflict_gold,
            counts.conflict_pred
        );
    }
    assert!(fact_f1 >= MIN_FACT_F1, "fact alignment F1 {fact_f1:.3} < {MIN_FACT_F1}");
    assert!(p >= MIN_FACT_PRECISION, "fact alignment precision {p:.3} < {MIN_FACT_PRECISION}");
    assert!(quote_f1 >= MIN_QUOTE_F1, "quote F1 {quote_f1:.3} < {MIN_QUOTE_F1}");
    assert!(
        conflicts >= MIN_CONFLICT_RECALL,
        "conflict recall {conflicts:.3} < {MIN_CONFLICT_RECALL}"
    );
    assert!(
        conflict_precision >= MIN_CONFLICT_PRECISION,
        "conflict precision {conflict_precision:.3} < {MIN_CONFLICT_PRECISION}"
    );
    assert!(
        speaker >= MIN_SPEAKER_ACCURACY,
        "speaker accuracy {speaker:.3} < {MIN_SPEAKER_ACCURACY}"
    );
}
