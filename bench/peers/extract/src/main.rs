//! Runs one peer extractor (dom_smoothie or rs-trafilatura) over a benchmark's pages and
//! writes that benchmark's prediction format, timing extraction only.
//!
//! Usage: `peers-extract TOOL FORMAT PAGES_DIR OUT.json [META_OUT.json]`
//!
//! - TOOL: `dom_smoothie` or `rs_trafilatura`.
//! - FORMAT: `aeb` reads `PAGES_DIR/*.html.gz` and writes `{id: {"articleBody": text}}`
//!   (ScrapingHub article-extraction-benchmark `evaluate.py`); `wcxb` reads
//!   `PAGES_DIR/html/*.html.gz` and writes `{id: text}` (WCXB `evaluate.py --results`).
//! - META_OUT: optional `{id: {"title", "author", "date"}}` (date as `YYYY-MM-DD`).
//!
//! Pages are decompressed and decoded (UTF-8, lossy; every benchmark page is valid UTF-8)
//! before the clock starts; the clock covers only the extractor call and reading its result.
//! Prints one JSON line to stdout: `{"tool", "format", "pages", "failures", "seconds", "pages_per_s"}`.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{json, Map, Value};

struct Extracted {
    text: String,
    title: Option<String>,
    author: Option<String>,
    date: Option<String>,
}

fn main() {
    if let Err(err) = run() {
        eprintln!("peers-extract: {err}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 4 {
        return Err("usage: peers-extract TOOL FORMAT PAGES_DIR OUT.json [META_OUT.json]".into());
    }
    let (tool, format, dir, out) = (&args[0], &args[1], PathBuf::from(&args[2]), &args[3]);
    let extractor: fn(&str) -> Option<Extracted> = match tool.as_str() {
        "dom_smoothie" => with_dom_smoothie,
        "rs_trafilatura" => with_rs_trafilatura,
        other => return Err(format!("unknown tool {other}").into()),
    };
    let pages_dir = match format.as_str() {
        "aeb" => dir.clone(),
        "wcxb" => dir.join("html"),
        other => return Err(format!("unknown format {other}").into()),
    };
    let mut paths: Vec<PathBuf> = fs::read_dir(&pages_dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.to_string_lossy().ends_with(".html.gz"))
        .collect();
    paths.sort();

    let mut texts = Map::new();
    let mut metas = Map::new();
    let mut elapsed = Duration::ZERO;
    let mut failures = 0usize;
    for path in &paths {
        let id = page_id(path);
        let html = read_page(path)?;
        let start = Instant::now();
        let found = extractor(&html);
        elapsed += start.elapsed();
        let found = found.unwrap_or_else(|| {
            failures += 1;
            Extracted { text: String::new(), title: None, author: None, date: None }
        });
        let body = match format.as_str() {
            "aeb" => json!({ "articleBody": found.text }),
            _ => Value::String(found.text),
        };
        texts.insert(id.clone(), body);
        metas.insert(
            id,
            json!({ "title": found.title, "author": found.author, "date": found.date }),
        );
    }
    fs::write(out, serde_json::to_string(&texts)?)?;
    if let Some(meta_out) = args.get(4) {
        fs::write(meta_out, serde_json::to_string(&metas)?)?;
    }
    let seconds = elapsed.as_secs_f64();
    println!(
        "{}",
        json!({
            "tool": tool,
            "format": format,
            "pages": paths.len(),
            "failures": failures,
            "seconds": seconds,
            "pages_per_s": paths.len() as f64 / seconds.max(1e-9),
        })
    );
    Ok(())
}

/// dom_smoothie (a readability.js port), default configuration except `TextMode::Formatted`:
/// the default `Raw` text joins words across block boundaries, which no plain-text scorer wants.
fn with_dom_smoothie(html: &str) -> Option<Extracted> {
    let cfg =
        dom_smoothie::Config { text_mode: dom_smoothie::TextMode::Formatted, ..Default::default() };
    let mut readability = dom_smoothie::Readability::new(html, None, Some(cfg)).ok()?;
    let article = readability.parse().ok()?;
    Some(Extracted {
        text: article.text_content.to_string(),
        title: Some(article.title).filter(|title| !title.trim().is_empty()),
        author: article.byline,
        date: article.published_time.map(|date| date.chars().take(10).collect()),
    })
}

/// rs-trafilatura with its default options.
fn with_rs_trafilatura(html: &str) -> Option<Extracted> {
    let result = rs_trafilatura::extract(html).ok()?;
    Some(Extracted {
        text: result.content_text,
        title: result.metadata.title,
        author: result.metadata.author,
        date: result.metadata.date.map(|date| date.format("%Y-%m-%d").to_string()),
    })
}

fn page_id(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    name.trim_end_matches(".html.gz").to_string()
}

fn read_page(path: &Path) -> std::io::Result<String> {
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(fs::File::open(path)?).read_to_end(&mut bytes)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
