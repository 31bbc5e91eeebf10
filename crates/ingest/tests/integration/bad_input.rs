//! Bad input: each case gives a diagnostic naming the file (and line) and the batch goes on.

use std::fs;

use model::Severity;

use crate::{errors, gzip, ingest, ingest_with, render, write};

/// One good file next to the bad ones proves the batch went on.
const GOOD: &[u8] = b"A good article.";

#[test]
fn empty_whitespace_and_binary_files_are_skipped_with_errors() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "empty.txt", b"");
    write(dir.path(), "blank.html", b"  \n\t\n");
    write(dir.path(), "empty.jsonl", b"");
    write(dir.path(), "blank-lines.jsonl", b"\n\n  \n");
    write(dir.path(), "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    write(dir.path(), "controls.json", &[0x01u8, 0x02, 0x03, 0x04, b'{', b'}']);
    write(dir.path(), "good.txt", GOOD);
    let (documents, diagnostics) = ingest(&[dir.path()]);
    assert_eq!(documents.len(), 1);
    assert_eq!(
        render(dir.path(), &diagnostics),
        vec![
            "error: blank-lines.jsonl: input holds only blank lines",
            "error: blank.html: file holds only whitespace",
            "error: controls.json: binary file (mostly control bytes), not text",
            "error: empty.jsonl: input is empty",
            "error: empty.txt: file is empty",
            "error: image.txt: binary file (it holds NUL bytes), not text",
        ]
    );
}

#[test]
fn invalid_utf8_is_replaced_with_a_warning_and_the_document_kept() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "latin.txt", b"Caf\xe9 opens");
    write(dir.path(), "page.html", b"<p>No charset declared: \xff</p>");
    write(dir.path(), "feed.jsonl", b"{\"text\": \"Caf\xe9\"}\n");
    let (documents, diagnostics) = ingest(&[dir.path()]);
    let texts: Vec<_> = documents.iter().map(|it| it.content.as_str()).collect();
    assert_eq!(
        texts,
        vec!["Caf\u{fffd}", "Caf\u{fffd} opens", "<p>No charset declared: \u{fffd}</p>"]
    );
    assert_eq!(
        render(dir.path(), &diagnostics),
        vec![
            "warning: feed.jsonl:1: invalid UTF-8; bad bytes replaced with U+FFFD",
            "warning: latin.txt: invalid UTF-8; bad bytes replaced with U+FFFD",
            "warning: page.html: invalid UTF-8; bad bytes replaced with U+FFFD",
        ]
    );
}

#[test]
fn malformed_jsonl_lines_are_reported_by_line_and_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let feed = r#"{"text": "one"}
{"text": "two"
[1, 2]
{"title": "no body"}
{"text": 42}
{"text": "six", "title": ["not", "a", "string"], "id": {"nested": true}}
"#;
    write(dir.path(), "feed.jsonl", feed.as_bytes());
    let (documents, diagnostics) = ingest(&[dir.path()]);
    let lines: Vec<_> = documents.iter().map(|it| it.origin.line.unwrap()).collect();
    assert_eq!(lines, vec![1, 6]);
    // A known field of the wrong type does not fail the line: it is kept as an extra.
    let extra: Vec<_> = documents[1].extra.keys().map(String::as_str).collect();
    assert_eq!(extra, vec!["id", "title"]);
    assert_eq!(
        render(dir.path(), &diagnostics),
        vec![
            "error: feed.jsonl:2: invalid JSON at column 14: EOF while parsing an object",
            "error: feed.jsonl:3: expected an article object, found an array",
            "error: feed.jsonl:4: article has neither a `text` nor an `html` field",
            "error: feed.jsonl:5: `text` must be a string, not a number",
            "warning: feed.jsonl:6: `id` must be a string or a number, not an object; kept as an extra field",
            "warning: feed.jsonl:6: `title` must be a string, not an array; kept as an extra field",
        ]
    );
}

#[test]
fn bad_json_files_and_array_items_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "broken.json", b"{\"text\": ");
    write(dir.path(), "scalar.json", b"\"just a string\"");
    write(dir.path(), "items.json", br#"[{"text": "ok"}, 3, {"html": ""}]"#);
    write(dir.path(), "none.json", br#"{"title": "no body"}"#);
    let (documents, diagnostics) = ingest(&[dir.path()]);
    assert_eq!(documents.len(), 1);
    assert_eq!(
        render(dir.path(), &diagnostics),
        vec![
            "error: broken.json: invalid JSON: EOF while parsing a value at line 1 column 9",
            "error: items.json[1]: expected an article object, found a number",
            "error: items.json[2]: `html` is empty and there is no title",
            "error: none.json: article has neither a `text` nor an `html` field",
            "error: scalar.json: expected an article object or an array of them, found a string",
        ]
    );
}

#[test]
fn unknown_extensions_and_missing_paths_are_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "notes.md", b"# notes");
    write(dir.path(), "archive.gz", &gzip(b"x"));
    write(dir.path(), "good.txt", GOOD);
    let missing = dir.path().join("missing.txt");
    let (documents, diagnostics) = ingest(&[dir.path(), &missing]);
    assert_eq!(documents.len(), 1);
    assert_eq!(
        render(dir.path(), &diagnostics),
        vec![
            "error: archive.gz: unknown file type \"archive.gz\": expected .txt, .html, .htm, .json, .jsonl or .warc, optionally gzipped (.gz)",
            "error: notes.md: unknown file type \"notes.md\": expected .txt, .html, .htm, .json, .jsonl or .warc, optionally gzipped (.gz)",
            "error: missing.txt: cannot read: No such file or directory (os error 2)",
        ]
    );
}

#[test]
fn an_unreadable_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "gone.txt", GOOD);
    write(dir.path(), "locked.txt", GOOD);
    let (files, _) = ingest::plan(&[dir.path().to_string_lossy().into_owned()]);
    // Deleted between planning and reading.
    fs::remove_file(dir.path().join("gone.txt")).unwrap();
    let locked = dir.path().join("locked.txt");
    fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    // Root reads files whatever their mode; the permission case is only checkable otherwise.
    let locked_is_unreadable = fs::File::open(&locked).is_err();
    let mut diagnostics = Vec::new();
    for file in &files {
        ingest::read_file(file, &ingest::Limits::default(), &mut |it| {
            if let Err(diagnostic) = it {
                diagnostics.push(diagnostic)
            }
        });
    }
    let mut expected = vec!["error: gone.txt: cannot read: No such file or directory (os error 2)"];
    if locked_is_unreadable {
        expected.push("error: locked.txt: cannot read: Permission denied (os error 13)");
    }
    assert_eq!(render(dir.path(), &diagnostics), expected);
}

#[test]
fn an_unreadable_directory_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.txt", GOOD);
    // A file named as a directory's child cannot be listed: the walk reports it.
    let (files, diagnostics) =
        ingest::plan(&[dir.path().join("good.txt/inner").to_string_lossy().into_owned()]);
    assert!(files.is_empty());
    assert_eq!(
        render(dir.path(), &diagnostics),
        vec!["error: good.txt/inner: cannot read: Not a directory (os error 20)"]
    );
}

#[test]
fn files_over_the_limit_are_refused_plain_or_compressed() {
    let dir = tempfile::tempdir().unwrap();
    let limits = ingest::Limits { max_file_bytes: 1000, max_line_bytes: 1000 };
    write(dir.path(), "big.txt", &vec![b'a'; 1001]);
    // A small gzip file that expands past the limit: refused while decompressing.
    let bomb = gzip(&vec![b'a'; 1_000_000]);
    assert!(bomb.len() < 2000);
    write(dir.path(), "bomb.html.gz", &bomb);
    write(dir.path(), "fits.txt", &vec![b'a'; 1000]);
    let (documents, diagnostics) = ingest_with(&[dir.path()], &limits);
    assert_eq!(documents.len(), 1);
    assert_eq!(
        render(dir.path(), &diagnostics),
        vec![
            "error: big.txt: file is 1001 bytes, over the limit of 1000 bytes",
            "error: bomb.html.gz: file is larger than the limit of 1000 bytes once decompressed",
        ]
    );
}

#[test]
fn an_overlong_jsonl_line_is_skipped_and_the_next_lines_read() {
    let dir = tempfile::tempdir().unwrap();
    let limits = ingest::Limits { max_file_bytes: 100, max_line_bytes: 100 };
    let long = format!("{{\"text\": \"{}\"}}", "a".repeat(5000));
    let feed = format!("{{\"text\": \"one\"}}\n{long}\n{{\"text\": \"three\"}}\n");
    // The file itself is far over max_file_bytes: JSONL files are streamed, only lines count.
    write(dir.path(), "feed.jsonl.gz", &gzip(feed.as_bytes()));
    let (documents, diagnostics) = ingest_with(&[dir.path()], &limits);
    let texts: Vec<_> =
        documents.iter().map(|it| (it.origin.line.unwrap(), it.content.as_str())).collect();
    assert_eq!(texts, vec![(1, "one"), (3, "three")]);
    assert_eq!(
        render(dir.path(), &diagnostics),
        vec!["error: feed.jsonl.gz:2: line is longer than the limit of 100 bytes"]
    );
}

#[test]
fn truncated_gzip_keeps_the_jsonl_lines_before_the_damage() {
    let dir = tempfile::tempdir().unwrap();
    let lines: String = (0..2000)
        .map(|n| {
            format!(
                "{{\"id\": \"a{n}\", \"text\": \"Article number {n} with some text {}.\"}}\n",
                n * 7919 % 1000
            )
        })
        .collect();
    let compressed = gzip(lines.as_bytes());
    let cut = &compressed[..compressed.len() / 2];
    write(dir.path(), "feed.jsonl.gz", cut);
    write(dir.path(), "page.html.gz", &gzip(b"<p>page</p>")[..15]);
    write(dir.path(), "fake.txt.gz", b"not gzip at all");
    let (documents, diagnostics) = ingest(&[dir.path()]);
    // The lines before the cut are all there, in order, and complete.
    assert!(documents.len() > 100 && documents.len() < 2000, "{}", documents.len());
    for (line_idx, document) in documents.iter().enumerate() {
        assert_eq!(document.id.as_deref(), Some(format!("a{line_idx}").as_str()));
    }
    assert_eq!(errors(&diagnostics), 3, "{diagnostics:?}");
    let rendered = render(dir.path(), &diagnostics);
    assert!(
        rendered[0].starts_with("error: fake.txt.gz: truncated or corrupt gzip data: "),
        "{rendered:?}"
    );
    let expected_line =
        format!("error: feed.jsonl.gz:{}: truncated or corrupt gzip data: ", documents.len() + 1);
    assert!(rendered[1].starts_with(&expected_line), "{rendered:?}");
    assert!(
        rendered[2].starts_with("error: page.html.gz: truncated or corrupt gzip data: "),
        "{rendered:?}"
    );
    assert!(diagnostics.iter().all(|it| it.severity == Severity::Error));
}

#[test]
fn a_blank_body_is_kept_with_a_warning_only_when_there_is_a_title() {
    let dir = tempfile::tempdir().unwrap();
    let feed = r#"{"id": "t", "title": "Only a headline", "text": ""}
{"id": "u", "text": "   "}
"#;
    write(dir.path(), "feed.jsonl", feed.as_bytes());
    let (documents, diagnostics) = ingest(&[dir.path()]);
    let kept: Vec<_> = documents
        .iter()
        .map(|it| (it.id.as_deref(), it.title.as_deref(), it.content.as_str()))
        .collect();
    assert_eq!(kept, vec![(Some("t"), Some("Only a headline"), "")]);
    assert_eq!(
        render(dir.path(), &diagnostics),
        vec![
            "warning: feed.jsonl:1: `text` is empty: only the title is known",
            "error: feed.jsonl:2: `text` is empty and there is no title",
        ]
    );
}
