//! The benchmarks' corpora: the real texts of `../shared/data`, and streams built from them.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use anyhow::Context;

pub mod events;

/// A headline, if the data has one, and a text.
pub type Text = (Option<String>, String);

/// Every real text of the clustering, summarization and quote data, in a fixed order
/// (4,096 texts).
pub fn read_texts(data: &Path) -> anyhow::Result<Vec<Text>> {
    let mut texts = Vec::new();
    for file in [
        "clustering/allsides-stories.jsonl",
        "clustering/ecbplus-dev.jsonl",
        "summarization/neus-val.jsonl",
    ] {
        let path = data.join(file);
        let reader = BufReader::new(
            File::open(&path).with_context(|| format!("cannot open {}", path.display()))?,
        );
        for line in reader.lines() {
            let value: serde_json::Value = serde_json::from_str(&line?)?;
            if let Some(text) = value["text"].as_str() {
                texts.push((value["title"].as_str().map(str::to_string), text.to_string()));
            }
        }
    }
    for split in ["train", "dev"] {
        let dir = data.join("quotes/polnear").join(split).join("text");
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .with_context(|| format!("cannot read {}", dir.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .collect();
        paths.sort();
        for path in paths {
            texts.push((None, std::fs::read_to_string(&path)?));
        }
    }
    anyhow::ensure!(!texts.is_empty(), "no texts found under {}", data.display());
    Ok(texts)
}

/// Round 0 is the text itself; later rounds drop one paragraph, as reprints trim.
pub fn trimmed(text: &str, round: usize) -> String {
    if round == 0 {
        return text.to_string();
    }
    let paragraphs: Vec<&str> = text.split('\n').filter(|p| !p.trim().is_empty()).collect();
    if paragraphs.len() < 3 {
        return text.to_string();
    }
    let drop = round % paragraphs.len();
    paragraphs
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != drop)
        .map(|(_, p)| *p)
        .collect::<Vec<_>>()
        .join("\n\n")
}
