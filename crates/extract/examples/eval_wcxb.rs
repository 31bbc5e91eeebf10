//! Runs extraction over a WCXB split (`DIR/html/NNNN.html.gz`, `DIR/ground-truth/NNNN.json`),
//! writes `{id: text}` predictions for WCXB's `evaluate.py --results`, a second file with the
//! metadata found, and prints title, author and date exact-match accuracy and pages/s.
//!
//! Usage: `cargo run -p extract --release --example eval_wcxb -- DIR OUT.json [META_OUT.json]
//! [--no-url]`
//!
//! Exact match: whitespace-normalised string equality for title and author, the same
//! `YYYY-MM-DD` day for dates. Figures are given over pages whose ground truth has the field,
//! and over all pages counting "both absent" as a match.
#![allow(clippy::print_stdout)]

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use model::{Content, Origin, RawDocument};
use serde_json::Value;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(out)) = (args.next(), args.next()) else {
        return Err("usage: eval_wcxb DIR OUT.json [META_OUT.json] [--no-url]".into());
    };
    let rest: Vec<String> = args.collect();
    let with_url = !rest.iter().any(|arg| arg == "--no-url");
    let meta_out = rest.into_iter().find(|arg| !arg.starts_with("--"));
    let dir = PathBuf::from(dir);
    let mut ids: Vec<String> = fs::read_dir(dir.join("ground-truth"))?
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".json").map(str::to_string)
        })
        .collect();
    ids.sort();
    let mut texts = serde_json::Map::new();
    let mut metas = serde_json::Map::new();
    let mut scores = [Score::default(), Score::default(), Score::default()];
    let mut elapsed = Duration::ZERO;
    for id in &ids {
        let truth: Value = serde_json::from_str(&fs::read_to_string(
            dir.join("ground-truth").join(format!("{id}.json")),
        )?)?;
        let page = read_page(&dir.join("html").join(format!("{id}.html.gz")))?;
        let mut doc = RawDocument::new(Origin::file(format!("{id}.html")), Content::Html(page));
        // The address the page was fetched from, as a crawler knows it (`--no-url` to leave it
        // out and rely on what the page says about itself).
        if with_url {
            doc.url = truth["url"].as_str().map(str::to_string);
        }
        let start = Instant::now();
        let (article, _) = extract::extract(&doc);
        elapsed += start.elapsed();
        let truth = &truth["ground_truth"];
        let date = article.published.map(|date| date.format("%Y-%m-%d").to_string());
        scores[0].add(truth["title"].as_str(), article.title.as_deref(), same_text);
        scores[1].add(truth["author"].as_str(), article.author.as_deref(), same_text);
        scores[2].add(truth["publish_date"].as_str(), date.as_deref(), same_day);
        texts.insert(id.clone(), Value::String(article.body));
        metas.insert(
            id.clone(),
            serde_json::json!({"title": article.title, "author": article.author, "date": date}),
        );
    }
    fs::write(out, serde_json::to_string_pretty(&texts)?)?;
    if let Some(meta_out) = meta_out {
        fs::write(meta_out, serde_json::to_string_pretty(&metas)?)?;
    }
    println!("pages: {}, {:.1} pages/s (extraction only, one thread)", ids.len(), {
        ids.len() as f64 / elapsed.as_secs_f64().max(1e-9)
    });
    for (name, score) in ["title", "author", "date"].iter().zip(&scores) {
        println!(
            "{name:<7} exact: {:.3} of {} pages with ground truth; {:.3} of all {} pages",
            score.hits as f64 / score.with_truth.max(1) as f64,
            score.with_truth,
            (score.hits + score.both_absent) as f64 / score.pages.max(1) as f64,
            score.pages,
        );
    }
    Ok(())
}

#[derive(Default)]
struct Score {
    pages: usize,
    with_truth: usize,
    hits: usize,
    both_absent: usize,
}

impl Score {
    fn add(&mut self, truth: Option<&str>, found: Option<&str>, same: fn(&str, &str) -> bool) {
        self.pages += 1;
        let truth = truth.map(str::trim).filter(|it| !it.is_empty());
        match (truth, found) {
            (None, None) => self.both_absent += 1,
            (None, Some(_)) => (),
            (Some(truth), found) => {
                self.with_truth += 1;
                if found.is_some_and(|found| same(truth, found)) {
                    self.hits += 1;
                }
            }
        }
    }
}

fn same_text(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

fn same_day(a: &str, b: &str) -> bool {
    a.get(..10).is_some_and(|day| b.get(..10) == Some(day))
}

/// Reads a gzipped page as UTF-8 (lossy), as ingest does for pages without a declared charset.
fn read_page(path: &Path) -> std::io::Result<String> {
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(fs::File::open(path)?).read_to_end(&mut bytes)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
