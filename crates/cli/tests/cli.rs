//! End-to-end tests of the `parallax` binary, each in a fresh temporary directory.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

mod support;
use support::{parallax, stderr};

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/ecbplus")
}

fn json_report(output: &Output) -> Value {
    assert!(output.status.success(), "failed: {}", stderr(output));
    serde_json::from_slice(&output.stdout).expect("stdout is one JSON report")
}

fn write(dir: &Path, name: &str, contents: &str) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, contents).unwrap();
    path
}

const CALL: &str = "The foreign ministers of both countries spoke by telephone on Monday, \
officials said. The draft response will be sent to the president for approval.";

#[test]
fn analyze_example_corpus_groups_every_article_into_its_event() {
    let dir = tempfile::tempdir().unwrap();
    let articles = examples().join("articles");
    let output = parallax(dir.path(), &["analyze", articles.to_str().unwrap(), "--format", "json"]);
    let report = json_report(&output);
    let reported = report["articles"].as_array().unwrap();
    assert_eq!(reported.len(), 65);

    // Every article has a story, and the stories list them all.
    let stories = report["stories"].as_array().unwrap();
    let listed: usize = stories.iter().map(|s| s["articles"].as_array().unwrap().len()).sum();
    assert_eq!(listed, 65);

    // Pairwise precision against the gold events: articles put together belong together.
    let gold: std::collections::HashMap<String, String> =
        std::fs::read_to_string(examples().join("gold.jsonl"))
            .unwrap()
            .lines()
            .map(|line| {
                let value: Value = serde_json::from_str(line).unwrap();
                (
                    value["id"].as_str().unwrap().to_string(),
                    value["story"].as_str().unwrap().to_string(),
                )
            })
            .collect();
    let (mut together, mut right) = (0, 0);
    for (i, a) in reported.iter().enumerate() {
        for b in &reported[i + 1..] {
            if a["story"] == b["story"] {
                together += 1;
                right +=
                    usize::from(gold[a["id"].as_str().unwrap()] == gold[b["id"].as_str().unwrap()]);
            }
        }
    }
    assert!(together > 0, "some articles must share a story");
    assert!(right as f64 / together as f64 > 0.9, "pairwise precision {right}/{together}");

    // The biggest story has several outlets and a cited summary.
    let top = &stories[0];
    assert!(top["sources"].as_array().unwrap().len() >= 3);
    let summary = top["summary"].as_array().unwrap();
    assert!(!summary.is_empty());
    assert!(summary.iter().all(|s| !s["articles"].as_array().unwrap().is_empty()));
}

#[test]
fn markdown_shows_coverage_table_and_terminal_summary_names_outlets() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "in/a.jsonl",
        &format!(
            "{}\n{}\n",
            serde_json::json!({"id": "a", "source": "Daily Planet", "title": "Ministers speak on border crisis", "text": format!("{CALL} More than 100,000 troops are massed at the border, the ministry said.")}),
            serde_json::json!({"id": "b", "source": "Evening Star", "title": "Foreign ministers hold call on crisis", "text": format!("{CALL} The president quoted the 1997 treaty in a speech on Tuesday.\n\n‘People keep telling me “never again”, and this is how we keep that promise,’ said Margaret Hale, the minister.")}),
        ),
    );
    let output = parallax(dir.path(), &["analyze", "in", "--format", "markdown"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let markdown = String::from_utf8(output.stdout).unwrap();
    assert!(markdown.contains("| Fact | Daily Planet | Evening Star |"), "{markdown}");
    assert!(markdown.contains("*only:*"), "exclusives are marked: {markdown}");
    // A quote in British single marks, shown in double ones with its own quote inside in single.
    assert!(
        markdown.contains(
            "“People keep telling me ‘never again’, and this is how we keep that promise,” — Margaret Hale"
        ),
        "{markdown}"
    );
    // Who and where, by kind, with the outlets that name each.
    assert!(markdown.contains("### Who and where"), "{markdown}");
    assert!(markdown.contains("Margaret Hale · only Evening Star"), "{markdown}");

    let output = parallax(dir.path(), &["analyze", "in"]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("Daily Planet") && text.contains("Evening Star"), "{text}");
}

#[test]
fn bad_inputs_are_named_and_skipped_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in/good.txt", &format!("Ministers hold call\n\n{CALL}\n"));
    write(dir.path(), "in/empty.txt", "");
    write(dir.path(), "in/notes.docx", "not an article");
    write(
        dir.path(),
        "in/lines.jsonl",
        "{\"id\": \"x\", \"text\": \"Some text here.\"}\n{broken\n",
    );
    let output = parallax(dir.path(), &["analyze", "in", "--format", "json"]);
    assert_eq!(output.status.code(), Some(3), "exit code 3 when inputs were skipped");
    let err = stderr(&output);
    assert!(err.contains("empty.txt"), "{err}");
    assert!(err.contains("notes.docx"), "{err}");
    assert!(err.contains("lines.jsonl:2"), "the bad line is named: {err}");
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let ids: Vec<&str> =
        report["articles"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["good", "x"]);
}

#[test]
fn a_sentence_model_that_is_not_the_pinned_one_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in/good.txt", &format!("Ministers hold call\n\n{CALL}\n"));
    write(dir.path(), "model/model.safetensors", "not the weights");
    let output = parallax(dir.path(), &["analyze", "in", "--model", "model"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("cannot load the sentence model"), "{err}");
    assert!(err.contains("model.safetensors") && err.contains("SHA-256"), "{err}");
    let output = parallax(dir.path(), &["analyze", "in", "--model", "nowhere"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("nowhere/model.safetensors"), "{}", stderr(&output));
}

#[test]
fn usage_errors_exit_with_2_and_help_has_examples() {
    let dir = tempfile::tempdir().unwrap();
    let output = parallax(dir.path(), &["analyze"]);
    assert_eq!(output.status.code(), Some(2));
    for command in ["analyze", "ingest", "stories", "story", "serve"] {
        let output = parallax(dir.path(), &[command, "--help"]);
        assert!(output.status.success());
        let help = String::from_utf8(output.stdout).unwrap();
        assert!(help.contains("Examples:"), "{command} --help has examples");
    }
}

#[test]
fn stdin_is_read_as_jsonl() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["analyze", "-", "--format", "json"])
        .current_dir(dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let line = serde_json::json!({"id": "s1", "source": "Wire", "text": CALL});
    child.stdin.take().unwrap().write_all(format!("{line}\n").as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    let report = json_report(&output);
    assert_eq!(report["articles"][0]["id"], "s1");
    assert_eq!(report["articles"][0]["source"], "Wire");
}

#[test]
fn ingest_is_idempotent_and_stories_can_be_listed_and_shown() {
    let dir = tempfile::tempdir().unwrap();
    let articles = examples().join("articles");
    let articles = articles.to_str().unwrap();
    let first = parallax(dir.path(), &["ingest", articles, "--db", "news.db"]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stderr(&first).contains("65 new"), "{}", stderr(&first));
    let second = parallax(dir.path(), &["ingest", articles, "--db", "news.db"]);
    assert!(stderr(&second).contains("0 new, 0 updated, 65 unchanged"), "{}", stderr(&second));

    let listing = parallax(dir.path(), &["stories", "--db", "news.db", "--format", "json"]);
    let listing = json_report(&listing);
    // Stories are listed newest first; the largest is shown.
    let largest = listing
        .as_array()
        .unwrap()
        .iter()
        .max_by_key(|story| story["articles"].as_u64().unwrap())
        .unwrap();
    assert!(largest["articles"].as_u64().unwrap() >= 5);
    let first_story = largest["id"].as_str().unwrap().to_string();

    let story =
        parallax(dir.path(), &["story", &first_story, "--db", "news.db", "--format", "json"]);
    let story = json_report(&story);
    assert_eq!(story["stories"][0]["id"], first_story.as_str());
    assert_eq!(
        story["articles"].as_array().unwrap().len(),
        story["stories"][0]["articles"].as_array().unwrap().len()
    );

    let missing = parallax(dir.path(), &["story", "nope", "--db", "news.db"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("no story nope"));
}

/// A process killed mid-ingest loses nothing it had committed, and the store opens cleanly.
#[test]
fn killed_ingest_keeps_committed_batches_and_the_store_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let total = 10_000;
    let mut corpus = String::new();
    let mut seed: u64 = 7;
    for i in 0..total {
        // Distinct texts over a large vocabulary, so that most articles are their own story
        // and the run is dominated by reading and storing.
        let words: Vec<String> = (0..24)
            .map(|_| {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                format!("w{}", (seed >> 33) % 50_000)
            })
            .collect();
        let line = serde_json::json!({
            "id": format!("k{i}"),
            "source": format!("Outlet {}", i % 17),
            "text": format!("{}. {}.", words[..12].join(" "), words[12..].join(" ")),
        });
        corpus.push_str(&format!("{line}\n"));
    }
    write(dir.path(), "big.jsonl", &corpus);
    let db = dir.path().join("crash.db");

    let mut child = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["ingest", "big.jsonl", "--db", "crash.db", "--quiet"])
        .current_dir(dir.path())
        .spawn()
        .unwrap();
    // Wait until at least one batch is committed, then kill it.
    let committed = loop {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("ingest ended ({status}) before it could be killed: make the corpus bigger");
        }
        if let Some(count) = count_articles(&db) {
            if count > 0 {
                break count;
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    child.kill().unwrap();
    child.wait().unwrap();

    let connection = rusqlite::Connection::open(&db).unwrap();
    let integrity: String =
        connection.query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    let after_kill = count_articles(&db).unwrap();
    assert!(after_kill >= committed, "committed articles survive: {after_kill} < {committed}");
    assert!(after_kill < total, "the kill came mid-ingest");
    drop(connection);

    // The store opens cleanly, and the next run finishes the job.
    let listing =
        parallax(dir.path(), &["stories", "--db", "crash.db", "--format", "json", "--limit", "1"]);
    assert!(listing.status.success(), "{}", stderr(&listing));
    let resumed = parallax(dir.path(), &["ingest", "big.jsonl", "--db", "crash.db", "--quiet"]);
    assert!(resumed.status.success(), "{}", stderr(&resumed));
    assert_eq!(count_articles(&db), Some(total));
}

fn count_articles(db: &Path) -> Option<usize> {
    let connection =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .ok()?;
    connection
        .query_row("SELECT count(*) FROM articles", [], |row| row.get::<_, i64>(0))
        .ok()
        .map(|n| n as usize)
}

/// A PostgreSQL database named by URL is a store like a SQLite file: the same stories, and
/// served with the search index in a directory of its own.
#[test]
fn a_postgres_store_is_ingested_listed_and_served() {
    let Some(url) = testkit::postgres::database() else { return };
    let dir = tempfile::tempdir().unwrap();
    let articles = examples().join("articles");
    let articles = articles.to_str().unwrap();
    let stories = |db: &str| -> Value {
        let output = parallax(dir.path(), &["ingest", articles, "--db", db, "-q"]);
        assert!(output.status.success(), "{}", stderr(&output));
        json_report(&parallax(dir.path(), &["stories", "--db", db, "--format", "json"]))
    };
    let in_postgres = stories(&url);
    assert_eq!(in_postgres, stories("news.db"));
    assert_eq!(in_postgres, stories(&url), "ingesting again changes nothing");

    let output = parallax(dir.path(), &["serve", "--db", &url]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("--index DIR"), "{}", stderr(&output));

    let addr = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let mut server = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["serve", "--db", &url, "--index", "index", "--addr", &addr.to_string(), "-q"])
        .current_dir(dir.path())
        .spawn()
        .unwrap();
    let health = (0..300).find_map(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        http_get(addr, "/api/health")
    });
    let stories = http_get(addr, "/api/stories?limit=100");
    server.kill().unwrap();
    server.wait().unwrap();
    let health: Value = serde_json::from_str(&health.expect("the server answers")).unwrap();
    assert_eq!(health["articles"], 65, "{health}");
    assert_eq!(health["indexed"], 65, "{health}");
    let served: Value = serde_json::from_str(&stories.unwrap()).unwrap();
    assert_eq!(served["stories"].as_array().unwrap().len(), in_postgres.as_array().unwrap().len());
}

/// The body of a plain HTTP/1.1 GET, or `None` when nothing answers.
fn http_get(addr: std::net::SocketAddr, path: &str) -> Option<String> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).ok()?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let (head, body) = response.split_once("\r\n\r\n")?;
    head.starts_with("HTTP/1.1 200").then(|| body.to_string())
}
