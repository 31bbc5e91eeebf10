//! Every input kind: text, HTML, JSON object and array, JSONL, gzip of each, standard input.

use model::{Content, Origin};
use serde_json::json;

use crate::{gzip, ingest, write};

#[test]
fn text_and_html_files_give_one_document_each_with_the_file_id() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "0001.txt", b"Storm hits coast\n\nA storm hit the coast on Monday.\n");
    write(dir.path(), "0002.html", b"<html><title>Storm</title><p>A storm hit.</p></html>");
    write(dir.path(), "0003.htm", b"<p>Old extension.</p>");
    let (documents, diagnostics) = ingest(&[dir.path()]);
    assert_eq!(diagnostics, vec![]);
    let summary: Vec<_> = documents
        .iter()
        .map(|it| {
            (
                it.id.as_deref().unwrap(),
                it.file_stem.as_deref().unwrap(),
                matches!(it.content, Content::Html(_)),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![("0001", "0001", false), ("0002", "0002", true), ("0003", "0003", true)]
    );
    assert_eq!(
        documents[0].content.as_str(),
        "Storm hits coast\n\nA storm hit the coast on Monday.\n"
    );
    assert_eq!(documents[0].origin, Origin::file(dir.path().join("0001.txt").to_string_lossy()));
}

#[test]
fn gzipped_files_read_like_plain_ones() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "0001.html.gz", &gzip(b"<p>Compressed page.</p>"));
    write(dir.path(), "0002.txt.gz", &gzip(b"Compressed text."));
    let line = json!({"id": "x", "text": "Compressed line."}).to_string();
    write(dir.path(), "feed.jsonl.gz", &gzip(format!("{line}\n{line}\n").as_bytes()));
    write(dir.path(), "one.json.gz", &gzip(br#"{"text": "Compressed object."}"#));
    let (documents, diagnostics) = ingest(&[dir.path()]);
    assert_eq!(diagnostics, vec![]);
    let texts: Vec<_> =
        documents.iter().map(|it| (it.id.as_deref(), it.content.as_str())).collect();
    assert_eq!(
        texts,
        vec![
            (Some("0001"), "<p>Compressed page.</p>"),
            (Some("0002"), "Compressed text."),
            (Some("x"), "Compressed line."),
            (Some("x"), "Compressed line."),
            (Some("one"), "Compressed object."),
        ]
    );
}

#[test]
fn json_object_fields_map_to_the_document_and_unknown_fields_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let object = json!({
        "id": 17,
        "url": "https://example.org/a",
        "source": "Example News",
        "published": "2024-03-01T10:00:00Z",
        "title": "A title",
        "author": "A. Writer",
        "language": "en",
        "html": "<p>Body</p>",
        "section": "world",
        "tags": ["a", "b"],
    });
    write(dir.path(), "article.json", object.to_string().as_bytes());
    let (documents, diagnostics) = ingest(&[dir.path()]);
    assert_eq!(diagnostics, vec![]);
    let document = &documents[0];
    assert_eq!(document.id.as_deref(), Some("17"));
    assert_eq!(document.url.as_deref(), Some("https://example.org/a"));
    assert_eq!(document.source.as_deref(), Some("Example News"));
    assert_eq!(document.published.as_deref(), Some("2024-03-01T10:00:00Z"));
    assert_eq!(document.title.as_deref(), Some("A title"));
    assert_eq!(document.author.as_deref(), Some("A. Writer"));
    assert_eq!(document.language.as_deref(), Some("en"));
    assert_eq!(document.content, Content::Html("<p>Body</p>".to_string()));
    assert_eq!(document.file_stem.as_deref(), Some("article"));
    let extra: Vec<_> =
        document.extra.iter().map(|(key, value)| format!("{key}={value}")).collect();
    assert_eq!(extra, vec![r#"section="world""#, r#"tags=["a","b"]"#]);
}

#[test]
fn single_json_object_without_id_takes_the_file_id_but_array_items_do_not() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "single.json", br#"{"text": "Alone."}"#);
    write(dir.path(), "many.json", br#"[{"text": "First."}, {"id": "b", "text": "Second."}]"#);
    let (documents, diagnostics) = ingest(&[dir.path()]);
    assert_eq!(diagnostics, vec![]);
    let ids: Vec<_> = documents
        .iter()
        .map(|it| (it.id.as_deref(), it.origin.index, it.content.as_str()))
        .collect();
    assert_eq!(
        ids,
        vec![
            (None, Some(0), "First."),
            (Some("b"), Some(1), "Second."),
            (Some("single"), None, "Alone.")
        ]
    );
}

#[test]
fn text_wins_over_html_when_both_are_given() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "both.json", br#"{"text": "Plain.", "html": "<p>Page</p>"}"#);
    let (documents, _) = ingest(&[dir.path()]);
    assert_eq!(documents[0].content, Content::Text("Plain.".to_string()));
    assert!(documents[0].extra.is_empty());
}

#[test]
fn jsonl_gives_one_document_per_line_with_line_origins_and_no_default_id() {
    let dir = tempfile::tempdir().unwrap();
    let feed = "{\"text\": \"One.\", \"source\": \"Wire\"}\r\n\n   \n{\"id\": \"two\", \"html\": \"<p>Two.</p>\"}";
    write(dir.path(), "feed.jsonl", feed.as_bytes());
    let (documents, diagnostics) = ingest(&[dir.path()]);
    assert_eq!(diagnostics, vec![]);
    let lines: Vec<_> = documents
        .iter()
        .map(|it| (it.origin.line, it.id.as_deref(), it.file_stem.as_deref(), it.content.as_str()))
        .collect();
    assert_eq!(
        lines,
        vec![
            (Some(1), None, Some("feed"), "One."),
            (Some(4), Some("two"), Some("feed"), "<p>Two.</p>")
        ]
    );
    assert_eq!(documents[0].source.as_deref(), Some("Wire"));
}

#[test]
fn stdin_is_read_as_jsonl() {
    let input = b"{\"text\": \"From a pipe.\"}\nnot json\n";
    let mut documents = Vec::new();
    let mut diagnostics = Vec::new();
    ingest::read_stdin(&mut &input[..], &ingest::Limits::default(), &mut |it| match it {
        Ok(document) => documents.push(document),
        Err(diagnostic) => diagnostics.push(diagnostic.to_string()),
    });
    assert_eq!(documents.len(), 1);
    assert_eq!(documents[0].origin.to_string(), "-:1");
    assert_eq!(documents[0].file_stem, None);
    assert_eq!(diagnostics, vec!["error: -:2: invalid JSON at column 2: expected ident"]);
}

#[test]
fn dash_plans_standard_input_once() {
    let (files, diagnostics) = ingest::plan(&["-".to_string(), "-".to_string()]);
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].source, ingest::Source::Stdin);
    assert_eq!(files[0].format, ingest::Format::Jsonl);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].severity, model::Severity::Warning);
}

#[test]
fn html_in_a_declared_legacy_charset_is_decoded_with_it() {
    let dir = tempfile::tempdir().unwrap();
    // "Café" in windows-1252: é is the single byte 0xE9, invalid as UTF-8.
    write(dir.path(), "page.html", b"<meta charset=\"iso-8859-1\"><p>Caf\xe9</p>");
    let (documents, diagnostics) = ingest(&[dir.path()]);
    assert_eq!(diagnostics, vec![]);
    assert_eq!(documents[0].content.as_str(), "<meta charset=\"iso-8859-1\"><p>Café</p>");
}

#[test]
fn utf16_text_with_bom_is_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let bytes: Vec<u8> =
        [0xff, 0xfe].into_iter().chain("Grüße".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    write(dir.path(), "wide.txt", &bytes);
    let (documents, diagnostics) = ingest(&[dir.path()]);
    assert_eq!(diagnostics, vec![]);
    assert_eq!(documents[0].content.as_str(), "Grüße");
}
