//! Golden files: `tests/data/{text,html}/<case>.{txt,html}` are extracted and rendered, and the
//! rendering must equal `<case>.expected`. Run with `UPDATE_EXPECT=1` to rewrite expectations;
//! a missing expectation is written and the test fails so that it gets reviewed.

use std::fs;
use std::path::{Path, PathBuf};

use model::{Article, Content, Origin, RawDocument};

#[test]
fn text_fixtures() {
    check_dir("text", "txt", Content::Text);
}

#[test]
fn html_fixtures() {
    check_dir("html", "html", Content::Html);
}

/// Extracts every fixture in a directory and compares it with its expectation.
fn check_dir(kind: &str, ext: &str, content: fn(String) -> Content) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(kind);
    let mut inputs: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == ext))
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "no fixtures in {}", dir.display());
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    for input in &inputs {
        let stem = input.file_stem().and_then(|s| s.to_str()).expect("utf-8 file name").to_string();
        let raw = fs::read_to_string(input).expect("fixture is UTF-8");
        let mut doc = RawDocument::new(Origin::file(input.display().to_string()), content(raw));
        doc.file_stem = Some(stem);
        let (article, diagnostics) = extract::extract(&doc);
        let mut actual = render(&article);
        for diagnostic in diagnostics {
            actual.push_str(&format!("diagnostic: {}\n", diagnostic.message));
        }
        let expected_path = input.with_extension("expected");
        let expected = fs::read_to_string(&expected_path).ok();
        if expected.as_deref() == Some(actual.as_str()) {
            continue;
        }
        if update || expected.is_none() {
            fs::write(&expected_path, &actual).expect("write expectation");
        }
        if update {
            continue;
        }
        match expected {
            Some(expected) => failures.push(format!(
                "{}: extraction differs\n--- expected\n{expected}\n+++ actual\n{actual}",
                input.display()
            )),
            None => failures
                .push(format!("{}: wrote a new expectation; review it", expected_path.display())),
        }
    }
    assert!(failures.is_empty(), "{}\n(run with UPDATE_EXPECT=1 to accept)", failures.join("\n\n"));
}

/// The article as stable text: fields in a fixed order, then the body.
fn render(article: &Article) -> String {
    let field = |value: Option<&str>| value.unwrap_or("-").to_string();
    let mut out = String::new();
    out.push_str(&format!("title: {}\n", field(article.title.as_deref())));
    out.push_str(&format!("author: {}\n", field(article.author.as_deref())));
    out.push_str(&format!(
        "published: {}\n",
        field(article.published.map(|d| d.to_rfc3339()).as_deref())
    ));
    out.push_str(&format!("source: {}\n", article.source));
    out.push_str(&format!("url: {}\n", field(article.url.as_deref())));
    out.push_str("---\n");
    out.push_str(&article.body);
    out.push('\n');
    out
}
