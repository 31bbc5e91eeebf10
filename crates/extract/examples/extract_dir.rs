//! Extracts every `*.html` page in a directory and writes `{stem: {"articleBody": ...}}` JSON,
//! the prediction format of the article-extraction-benchmark's `evaluate.py`.
//!
//! Prints the extraction speed (pages/s, one thread) to stderr.
//!
//! Usage: `cargo run -p extract --example extract_dir -- PAGES_DIR OUT.json`

#![allow(clippy::print_stderr)]

use std::fs;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use model::{Content, Origin, RawDocument};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(out)) = (args.next(), args.next()) else {
        return Err("usage: extract_dir PAGES_DIR OUT.json".into());
    };
    let mut paths: Vec<PathBuf> =
        fs::read_dir(&dir)?.map(|entry| entry.map(|e| e.path())).collect::<Result<_, _>>()?;
    paths.sort();
    let mut output = serde_json::Map::new();
    let mut elapsed = Duration::ZERO;
    let mut n_pages = 0usize;
    for path in paths.iter().filter(|path| path.extension().is_some_and(|ext| ext == "html")) {
        let bytes = fs::read(path)?;
        let page = decode(&bytes);
        let doc = RawDocument::new(Origin::file(path.display().to_string()), Content::Html(page));
        let start = Instant::now();
        let (article, _) = extract::extract(&doc);
        elapsed += start.elapsed();
        n_pages += 1;
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        output.insert(stem, serde_json::json!({ "articleBody": article.body }));
    }
    fs::write(out, serde_json::to_string_pretty(&output)?)?;
    let rate = n_pages as f64 / elapsed.as_secs_f64().max(1e-9);
    eprintln!("{n_pages} pages, {rate:.1} pages/s (extraction only, one thread)");
    Ok(())
}

/// UTF-8 when valid, else the charset a `<meta>` names, else Windows-1252 (what browsers assume).
fn decode(bytes: &[u8]) -> String {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_string();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_lowercase();
    let label = head.split("charset=").nth(1).map(|rest| {
        rest.trim_start_matches(['"', '\''])
            .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
            .next()
            .unwrap_or("")
    });
    let encoding = label
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
        .unwrap_or(encoding_rs::WINDOWS_1252);
    encoding.decode(bytes).0.into_owned()
}
