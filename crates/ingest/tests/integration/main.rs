//! Integration tests of ingest: fixtures written to temporary directories, planned and read.

mod bad_input;
mod formats;
mod ids;
mod warc;
mod web;

use std::fs;
use std::io::Write;
use std::path::Path;

use flate2::write::GzEncoder;
use model::{Diagnostic, RawDocument, Severity};

/// Writes `bytes` to `dir/name`, creating parent directories.
fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// Everything ingest makes of these arguments with these limits: documents and diagnostics.
fn ingest_with(args: &[&Path], limits: &ingest::Limits) -> (Vec<RawDocument>, Vec<Diagnostic>) {
    let args: Vec<String> = args.iter().map(|it| it.to_string_lossy().into_owned()).collect();
    let (files, mut diagnostics) = ingest::plan(&args);
    let mut documents = Vec::new();
    for file in &files {
        ingest::read_file(file, limits, &mut |it| match it {
            Ok(document) => documents.push(document),
            Err(diagnostic) => diagnostics.push(diagnostic),
        });
    }
    (documents, diagnostics)
}

fn ingest(args: &[&Path]) -> (Vec<RawDocument>, Vec<Diagnostic>) {
    ingest_with(args, &ingest::Limits::default())
}

/// The diagnostics rendered as `severity: origin-relative-to-dir: message` lines.
fn render(dir: &Path, diagnostics: &[Diagnostic]) -> Vec<String> {
    let prefix = format!("{}/", dir.display());
    diagnostics.iter().map(|it| it.to_string().replace(&prefix, "")).collect()
}

fn errors(diagnostics: &[Diagnostic]) -> usize {
    diagnostics.iter().filter(|it| it.severity == Severity::Error).count()
}
