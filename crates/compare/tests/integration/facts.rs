//! The facts `compare_story` aligns on real coverage, to see what a change to alignment does
//! there: `PARALLAX_FACTS_JSONL=FILE cargo test --release -p compare --test integration
//! facts_by_story -- --nocapture` reads a JSONL file whose lines carry `story`, `text`, and
//! maybe `title` and `source` (`../shared/data/clustering/ecbplus-dev.jsonl`,
//! `allsides-stories.jsonl`, `../shared/data/summarization/neus-val.jsonl`), compares each
//! story's articles as they are given, and prints every fact that more than one article
//! reports (`FACT story | sentence ||| sentence ...`), one line each and sorted, then the time
//! the comparisons took (the best of three passes, and the first, which pays for a sentence
//! model's encoding when `PARALLAX_MODEL` names one). Run it on two builds and diff the lines.
//! Skipped without `PARALLAX_FACTS_JSONL`.

#![allow(clippy::print_stdout)]

use std::time::{Duration, Instant};

use compare::{compare_story, StoryArticle};

/// Each story's articles, in the file's order of first appearance.
fn stories(path: &str) -> Vec<(String, Vec<model::Article>)> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|err| panic!("{path}: {err}"));
    let mut stories: Vec<(String, Vec<model::Article>)> = Vec::new();
    for (line_no, line) in text.lines().enumerate() {
        let value: serde_json::Value = serde_json::from_str(line)
            .unwrap_or_else(|err| panic!("{path}:{}: {err}", line_no + 1));
        let field = |name: &str| value[name].as_str().map(str::to_string);
        let story = field("story").unwrap_or_else(|| panic!("{path}:{}: no story", line_no + 1));
        let article = model::Article {
            id: field("id").unwrap_or_else(|| format!("line-{}", line_no + 1)),
            source: field("source").unwrap_or_else(|| "unknown".to_string()),
            url: None,
            title: field("title"),
            author: None,
            published: None,
            language: Some("en".to_string()),
            body: field("text").unwrap_or_default(),
            extra: Default::default(),
        };
        match stories.iter_mut().find(|(id, _)| *id == story) {
            Some((_, articles)) => articles.push(article),
            None => stories.push((story, vec![article])),
        }
    }
    stories
}

#[test]
fn facts_by_story() {
    let Ok(path) = std::env::var("PARALLAX_FACTS_JSONL") else {
        return;
    };
    let stories = stories(&path);
    let config = crate::config_from_env();
    let mut lines = Vec::new();
    let mut best = Duration::MAX;
    // The first pass pays for a sentence model's encoding; later ones find it cached.
    let mut first = Duration::ZERO;
    for pass in 0..3 {
        let start = Instant::now();
        for (story, articles) in &stories {
            let refs: Vec<StoryArticle<'_>> = articles
                .iter()
                .map(|article| StoryArticle { article, duplicate_of: None })
                .collect();
            let report = compare_story(story, &refs, &config);
            if pass > 0 {
                continue;
            }
            for fact in report.facts.iter().filter(|fact| fact.articles.len() > 1) {
                let evidence: Vec<&str> =
                    fact.evidence.iter().map(|evidence| evidence.sentence.as_str()).collect();
                lines.push(format!("FACT {story} | {}", evidence.join(" ||| ")));
            }
            for conflict in &report.conflicts {
                let claims: Vec<String> = conflict
                    .claims
                    .iter()
                    .map(|claim| format!("{} ({})", claim.text, claim.articles.len()))
                    .collect();
                lines.push(format!(
                    "CONFLICT {story} | {} | {}",
                    conflict.about,
                    claims.join(" vs ")
                ));
            }
        }
        best = best.min(start.elapsed());
        if pass == 0 {
            first = start.elapsed();
        }
    }
    lines.sort();
    for line in &lines {
        println!("{line}");
    }
    println!(
        "{} stories, {} facts reported by more than one article and conflicts; compared in {:.3} s (best of 3; the first {:.3} s)",
        stories.len(),
        lines.len(),
        best.as_secs_f64(),
        first.as_secs_f64()
    );
}
