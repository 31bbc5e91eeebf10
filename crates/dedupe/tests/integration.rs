//! Measures the duplicate finder on the shared evaluation data, when `PARALLAX_EVAL` is set.
//!
//! `PARALLAX_EVAL=1 cargo test -p dedupe --release eval -- --nocapture` reads the clustering
//! sets in `../shared/data/clustering` and prints every pair it flags, with whether the two
//! articles belong to one gold story: a flag across stories is nearly always wrong.

#![allow(clippy::print_stdout)]

use std::path::PathBuf;

#[test]
fn eval() {
    if std::env::var_os("PARALLAX_EVAL").is_none() {
        return;
    }
    let dir = data_dir();
    for name in ["ecbplus-dev.jsonl", "allsides-stories.jsonl"] {
        let text = std::fs::read_to_string(dir.join(name)).expect("evaluation data");
        let mut deduper = dedupe::Deduper::new(dedupe::Config::recommended());
        let mut stories = std::collections::HashMap::new();
        let (mut flagged, mut across) = (0, 0);
        for line in text.lines() {
            let row: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            let id = row["id"].as_str().unwrap_or_default().to_string();
            let title = row["title"].as_str().unwrap_or_default();
            let body = row["text"].as_str().unwrap_or_default();
            let story = row["story"].as_str().unwrap_or_default().to_string();
            stories.insert(id.clone(), story.clone());
            if let Some(original) = deduper.add(&id, &format!("{title}\n\n{body}")) {
                flagged += 1;
                let same = stories[&original] == story;
                across += usize::from(!same);
                println!("{name}: {id} copies {original} (same story: {same})");
            }
        }
        // A flag across gold stories is wrong unless the gold files one text under two
        // stories, as AllSides does once (a New York Times article on 2021-09-16 and 18).
        println!("{name}: {flagged} flagged, {across} across gold stories");
    }
}

fn data_dir() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.join("../../../shared/data/clustering")
}
