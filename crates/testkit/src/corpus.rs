//! The real texts of `../shared/data`, for benchmarks and for tests that measure at scale.

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

/// A headline, if the data has one, and a text.
pub type Text = (Option<String>, String);

/// Every real text of the clustering, summarization and quote data, in a fixed order (4,096
/// texts). A file that cannot be read or parsed is an error naming it.
pub fn read_texts(data: &Path) -> io::Result<Vec<Text>> {
    let mut texts = Vec::new();
    for file in [
        "clustering/allsides-stories.jsonl",
        "clustering/ecbplus-dev.jsonl",
        "summarization/neus-val.jsonl",
    ] {
        let path = data.join(file);
        let reader = BufReader::new(File::open(&path).map_err(|err| named(&path, err))?);
        for line in reader.lines() {
            let value: serde_json::Value = serde_json::from_str(&line?)
                .map_err(|err| named(&path, io::Error::new(io::ErrorKind::InvalidData, err)))?;
            if let Some(text) = value["text"].as_str() {
                texts.push((value["title"].as_str().map(str::to_string), text.to_string()));
            }
        }
    }
    for split in ["train", "dev"] {
        let dir = data.join("quotes/polnear").join(split).join("text");
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .map_err(|err| named(&dir, err))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .collect();
        paths.sort();
        for path in paths {
            texts.push((None, std::fs::read_to_string(&path).map_err(|err| named(&path, err))?));
        }
    }
    if texts.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("no texts under {}", data.display()),
        ));
    }
    Ok(texts)
}

fn named(path: &Path, err: io::Error) -> io::Error {
    io::Error::new(err.kind(), format!("{}: {err}", path.display()))
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
