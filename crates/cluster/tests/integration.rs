//! Measures clustering on the shared evaluation data, when `PARALLAX_EVAL` is set.
//!
//! `PARALLAX_EVAL=1 cargo test -p cluster --release eval -- --nocapture` clusters the title
//! and text of each article of `../shared/data/clustering/{ecbplus-dev,allsides-stories}.jsonl`
//! in file order with the recommended configuration and prints pairwise and BCubed scores.

#![allow(clippy::print_stdout)]

use std::path::PathBuf;

use cluster::{metrics, Clusterer, Config, Doc, Linkage};

struct Row {
    id: String,
    title: Option<String>,
    text: String,
    published: Option<chrono::DateTime<chrono::FixedOffset>>,
    story: String,
}

#[test]
fn eval() {
    let Some(mode) = std::env::var_os("PARALLAX_EVAL") else {
        return;
    };
    if mode == "sweep" {
        return sweep();
    }
    for (name, minimum_f1) in [("ecbplus-dev.jsonl", 0.75), ("allsides-stories.jsonl", 0.75)] {
        let rows = read(name);
        let config = Config::recommended();
        let (pairwise, bcubed, n_stories) = score(&rows, &config);
        println!(
            "{name}: {} articles, {n_stories} stories; pairwise P {:.3} R {:.3} F1 {:.3}; \
             BCubed P {:.3} R {:.3} F1 {:.3}",
            rows.len(),
            pairwise.precision,
            pairwise.recall,
            pairwise.f1,
            bcubed.precision,
            bcubed.recall,
            bcubed.f1,
        );
        assert!(pairwise.f1 >= minimum_f1, "{name}: pairwise F1 fell below {minimum_f1}");
    }
}

/// Prints the mean pairwise F1 over both sets for a grid of configurations around the
/// recommended one (`PARALLAX_EVAL=sweep`), to retune it when the scoring changes.
fn sweep() {
    let sets = [read("ecbplus-dev.jsonl"), read("allsides-stories.jsonl")];
    let base = Config::recommended();
    let mut grid = Vec::new();
    for linkage in [Linkage::Centroid, Linkage::NearestMember] {
        for threshold in [0.2, 0.25, 0.3, 0.35] {
            for title_weight in [1.0, 2.0] {
                for (time_grace_days, time_scale_days) in [(1.0, 0.5), (1.0, 1.0), (2.0, 3.0)] {
                    grid.push(Config {
                        linkage,
                        threshold,
                        title_weight,
                        time_grace_days,
                        time_scale_days,
                        ..base.clone()
                    });
                }
            }
        }
    }
    for config in grid {
        let f1: Vec<f64> = sets.iter().map(|rows| score(rows, &config).0.f1).collect();
        println!(
            "{config:?}: ecb {:.3} allsides {:.3} mean {:.3}",
            f1[0],
            f1[1],
            (f1[0] + f1[1]) / 2.0
        );
    }
}

fn score(rows: &[Row], config: &Config) -> (metrics::Scores, metrics::Scores, usize) {
    let mut clusterer = Clusterer::new(config.clone());
    for row in rows {
        clusterer.add(&Doc {
            id: &row.id,
            title: row.title.as_deref(),
            body: &row.text,
            published: row.published,
            language: Some("en"),
        });
    }
    let pred = clusterer.assignments();
    let gold: Vec<(String, String)> =
        rows.iter().map(|row| (row.id.clone(), row.story.clone())).collect();
    let mut stories: Vec<&String> = pred.iter().map(|(_, story)| story).collect();
    stories.sort();
    stories.dedup();
    (metrics::pairwise(&pred, &gold), metrics::bcubed(&pred, &gold), stories.len())
}

fn read(name: &str) -> Vec<Row> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/clustering")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("evaluation data");
    text.lines()
        .map(|line| {
            let row: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            let string = |key: &str| row[key].as_str().map(str::to_string);
            Row {
                id: string("id").unwrap_or_default(),
                title: string("title"),
                text: string("text").unwrap_or_default(),
                published: string("published")
                    .and_then(|time| chrono::DateTime::parse_from_rfc3339(&time).ok()),
                story: string("story").unwrap_or_default(),
            }
        })
        .collect()
}
