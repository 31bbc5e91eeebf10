//! WARC inputs: HTML responses become documents, everything else is counted and skipped, and
//! corrupt or truncated records are reported by record and byte offset.

use model::{Content, Severity};

use crate::{gzip, ingest, ingest_with, render, write};

/// One WARC record with the given type, target URI, content type and block.
fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\n\
         WARC-Date: 2026-11-02T10:00:00Z\r\nWARC-Target-URI: {uri}\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len(),
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// An HTTP response as a WARC `response` record stores it.
fn http(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} X\r\n").into_bytes();
    for (name, value) in headers {
        out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body);
    out
}

fn response(uri: &str, status: u16, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    record("response", uri, "application/http; msgtype=response", &http(status, headers, body))
}

const PAGE_A: &[u8] = b"<html><head><title>Harbour opens</title></head><body><p>The new harbour opened on Monday.</p></body></html>";

/// A small crawl: two pages among records of every other kind.
fn crawl() -> Vec<Vec<u8>> {
    let html = [("Content-Type", "text/html; charset=utf-8")];
    vec![
        record("warcinfo", "", "application/warc-fields", b"software: parallax-tests\r\n"),
        record(
            "request",
            "https://news.example/a",
            "application/http; msgtype=request",
            b"GET /a HTTP/1.1\r\n\r\n",
        ),
        response("https://news.example/a", 200, &html, PAGE_A),
        record(
            "metadata",
            "https://news.example/a",
            "application/warc-fields",
            b"fetchTimeMs: 12\r\n",
        ),
        response(
            "https://news.example/logo.png",
            200,
            &[("Content-Type", "image/png")],
            b"\x89PNG\r\n\x1a\n",
        ),
        response("https://news.example/gone", 404, &html, b"<p>Not found</p>"),
        // Latin-1 bytes, declared only by the HTTP header.
        response(
            "https://news.example/b",
            200,
            &[("Content-Type", "text/html; charset=ISO-8859-1")],
            b"<p>Caf\xe9 reopens</p>",
        ),
    ]
}

const CRAWL_SUMMARY: &str = "warning: crawl.warc: 7 records: 2 pages, 5 skipped (1 metadata, 1 non-200 status, 1 not HTML, 1 request, 1 warcinfo)";

#[test]
fn html_responses_become_documents_and_the_rest_is_counted() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "crawl.warc", &crawl().concat());
    let (documents, diagnostics) = ingest(&[dir.path()]);
    let urls: Vec<_> = documents.iter().map(|it| it.url.as_deref().unwrap()).collect();
    assert_eq!(urls, vec!["https://news.example/a", "https://news.example/b"]);
    assert_eq!(documents[0].content, Content::Html(String::from_utf8(PAGE_A.to_vec()).unwrap()));
    assert_eq!(documents[1].content, Content::Html("<p>Café reopens</p>".to_string()));
    // Records are named by their index in the file.
    assert_eq!(documents[1].origin.to_string(), format!("{}/crawl.warc[6]", dir.path().display()));
    assert_eq!(render(dir.path(), &diagnostics), vec![CRAWL_SUMMARY]);
}

#[test]
fn gzip_per_record_members_and_whole_file_gzip_read_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let members: Vec<u8> = crawl().iter().flat_map(|it| gzip(it)).collect();
    write(dir.path(), "members/crawl.warc.gz", &members);
    write(dir.path(), "whole/crawl.warc.gz", &gzip(&crawl().concat()));
    for sub in ["members", "whole"] {
        let (documents, diagnostics) = ingest(&[&dir.path().join(sub)]);
        assert_eq!(documents.len(), 2, "{sub}");
        assert_eq!(documents[1].content, Content::Html("<p>Café reopens</p>".to_string()));
        let summary = CRAWL_SUMMARY.replace("crawl.warc", "crawl.warc.gz");
        assert_eq!(render(&dir.path().join(sub), &diagnostics), vec![summary]);
    }
}

#[test]
fn a_corrupt_record_is_reported_by_offset_and_reading_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let html = [("Content-Type", "text/html")];
    let first = response("https://news.example/1", 200, &html, b"<p>One</p>");
    let corrupt =
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\n<p>junk</p>\r\n\r\n"
            .to_vec();
    let bad_status =
        record("response", "https://news.example/x", "application/http", b"FTP nonsense\r\n\r\n");
    let last = response("https://news.example/3", 200, &html, b"<p>Three</p>");
    let offset = first.len();
    let next_offset = offset + corrupt.len();
    write(dir.path(), "crawl.warc", &[first, corrupt, bad_status, last].concat());
    let (documents, diagnostics) = ingest(&[dir.path()]);
    let urls: Vec<_> = documents.iter().map(|it| it.url.clone().unwrap()).collect();
    assert_eq!(urls, vec!["https://news.example/1", "https://news.example/3"]);
    assert_eq!(
        render(dir.path(), &diagnostics),
        vec![
            format!("error: crawl.warc[1]: record at byte {offset}: invalid Content-Length; skipped to the next record"),
            format!(
                "error: crawl.warc[2]: record at byte {next_offset}: bad HTTP status line \"FTP nonsense\"; skipped to the next record"
            ),
            "warning: crawl.warc: 4 records: 2 pages, 2 skipped (2 corrupt)".to_string(),
        ]
    );
}

#[test]
fn a_truncated_record_stops_reading_cleanly_after_the_pages_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let html = [("Content-Type", "text/html")];
    let first = response("https://news.example/1", 200, &html, b"<p>One</p>");
    let second = response("https://news.example/2", 200, &html, b"<p>Two, cut short</p>");
    let cut = [first.clone(), second[..second.len() - 10].to_vec()].concat();
    write(dir.path(), "plain/crawl.warc", &cut);
    let (documents, diagnostics) = ingest(&[&dir.path().join("plain")]);
    assert_eq!(documents.len(), 1);
    assert_eq!(
        render(&dir.path().join("plain"), &diagnostics),
        vec![
            format!(
                "error: crawl.warc[1]: record at byte {}: truncated record: the file ends 6 bytes before the record's end; reading stopped",
                first.len()
            ),
            "warning: crawl.warc: 2 records: 1 pages, 1 skipped (1 unreadable)".to_string(),
        ]
    );

    // A gzip member cut in the middle: the error names the member's offset in the file.
    let first_member = gzip(&first);
    let second_member = gzip(&second);
    let cut = [first_member.clone(), second_member[..second_member.len() / 2].to_vec()].concat();
    write(dir.path(), "gz/crawl.warc.gz", &cut);
    let (documents, diagnostics) = ingest(&[&dir.path().join("gz")]);
    assert_eq!(documents.len(), 1);
    assert_eq!(
        errors_containing(&diagnostics, &format!("gzip member at byte {}", first_member.len())),
        1
    );
}

#[test]
fn chunked_and_compressed_payloads_are_decoded_within_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let body = gzip(b"<p>Chunked and gzipped.</p>");
    let mut chunked = format!("{:x}\r\n", body.len()).into_bytes();
    chunked.extend_from_slice(&body);
    chunked.extend_from_slice(b"\r\n0\r\n\r\n");
    let headers = [
        ("Content-Type", "text/html"),
        ("Transfer-Encoding", "chunked"),
        ("Content-Encoding", "gzip"),
    ];
    let page = response("https://news.example/c", 200, &headers, &chunked);
    // A bomb: a megabyte of zeros behind a one-kilobyte body, against a 64 KiB limit.
    let bomb = response(
        "https://news.example/bomb",
        200,
        &[("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
        &gzip(&vec![b' '; 1 << 20]),
    );
    write(dir.path(), "crawl.warc", &[page, bomb].concat());
    let limits = ingest::Limits { max_file_bytes: 64 << 10, ..ingest::Limits::default() };
    let (documents, diagnostics) = ingest_with(&[dir.path()], &limits);
    assert_eq!(documents.len(), 1);
    assert_eq!(documents[0].content.as_str(), "<p>Chunked and gzipped.</p>");
    assert_eq!(
        render(dir.path(), &diagnostics),
        vec!["warning: crawl.warc: 2 records: 1 pages, 1 skipped (1 over the size limit)"]
    );
}

#[test]
fn a_file_that_is_not_a_warc_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "notes.warc", b"<html>this is a page, not an archive</html>");
    write(dir.path(), "empty.warc", b"");
    let (documents, diagnostics) = ingest(&[dir.path()]);
    assert!(documents.is_empty());
    assert_eq!(
        render(dir.path(), &diagnostics),
        vec![
            "error: empty.warc: file holds no WARC records",
            "error: notes.warc: not a WARC file: it does not start with a WARC/1.x version line",
        ]
    );
}

fn errors_containing(diagnostics: &[model::Diagnostic], needle: &str) -> usize {
    diagnostics
        .iter()
        .filter(|it| it.severity == Severity::Error && it.message.contains(needle))
        .count()
}

mod properties {
    use proptest::prelude::*;

    use super::{crawl, ingest, write};
    use crate::gzip;

    /// An edit of a file's bytes: cut it short, overwrite a byte, or insert bytes.
    #[derive(Debug, Clone)]
    enum Edit {
        Truncate(usize),
        Overwrite(usize, u8),
        Insert(usize, Vec<u8>),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            any::<usize>().prop_map(Edit::Truncate),
            (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Edit::Overwrite(at, byte)),
            (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..20))
                .prop_map(|(at, bytes)| Edit::Insert(at, bytes)),
        ]
    }

    fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
        for edit in edits {
            let len = bytes.len().max(1);
            match edit {
                Edit::Truncate(at) => bytes.truncate(at % len),
                Edit::Overwrite(at, byte) => {
                    if let Some(slot) = bytes.get_mut(at % len) {
                        *slot = *byte;
                    }
                }
                Edit::Insert(at, more) => {
                    let at = (at % len).min(bytes.len());
                    bytes.splice(at..at, more.iter().copied());
                }
            }
        }
        bytes
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(testkit::cases(300)))]

        /// A damaged crawl, plain or gzipped by record, is read without panic: what can be
        /// read is, and the rest is reported.
        #[test]
        fn a_damaged_crawl_reads_without_panic(
            edits in proptest::collection::vec(edit(), 1..6),
            gzipped in any::<bool>(),
        ) {
            let plain = crawl().concat();
            let (name, bytes) = match gzipped {
                true => ("crawl.warc.gz", crawl().iter().flat_map(|it| gzip(it)).collect()),
                false => ("crawl.warc", plain.clone()),
            };
            let dir = tempfile::tempdir().unwrap();
            write(dir.path(), name, &apply(bytes, &edits));
            let (documents, diagnostics) = ingest(&[dir.path()]);
            // Never more pages than the crawl holds, and a summary or an error says what
            // became of the rest.
            prop_assert!(documents.len() <= 2);
            prop_assert!(!diagnostics.is_empty());
        }
    }
}
