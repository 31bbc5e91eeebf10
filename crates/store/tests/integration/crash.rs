//! Crash safety: a child process writes committed batches and is killed (SIGKILL) mid-run;
//! the store must reopen intact with every batch it reported committed.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use store::{SqliteStore, Store};

use crate::article;

const WRITER_ENV: &str = "STORE_CRASH_WRITER";
const WRITER_TEST: &str = "crash::crash_writer";
const MARKER: &str = "STORE_COMMITTED ";
const BATCH: usize = 25;

/// Not a test on its own: the child process of `killed_writers_leave_every_committed_batch`.
/// With `STORE_CRASH_WRITER=path` it appends batches to that store forever, announcing each
/// commit on stdout, until it is killed (or a minute passes, should its parent be gone).
#[test]
fn crash_writer() {
    let Some(path) = std::env::var_os(WRITER_ENV) else { return };
    let mut store = SqliteStore::open(Path::new(&path)).unwrap();
    // Batches are atomic, so the count of stored articles says how many were committed.
    let mut batch_no = store.article_count().unwrap() / BATCH;
    let started = Instant::now();
    let mut stdout = std::io::stdout();
    while started.elapsed() < Duration::from_secs(60) {
        let body = format!("Body of batch {batch_no}. ").repeat(40);
        let batch: Vec<_> =
            (0..BATCH).map(|item_idx| article(&format!("b{batch_no}-{item_idx}"), &body)).collect();
        store.put_articles(&batch).unwrap();
        writeln!(stdout, "{MARKER}{batch_no}").unwrap();
        stdout.flush().unwrap();
        batch_no += 1;
    }
}

#[test]
fn killed_writers_leave_every_committed_batch() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("parallax.db");
    let mut committed = Vec::new();
    // Several rounds: each writer resumes the store the previous one was killed over.
    for round in 0..6 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", WRITER_TEST, "--nocapture"])
            .env(WRITER_ENV, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // A reader thread collects the announced batches, so the kill below is timed by the
        // clock, not by an announcement, and lands at an arbitrary point of a batch.
        let stdout = child.stdout.take().unwrap();
        let (sender, receiver) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let line = line.unwrap();
                // libtest may print its own text on the same line, before ours.
                if let Some(at) = line.find(MARKER) {
                    let batch_no: usize = line[at + MARKER.len()..].trim().parse().unwrap();
                    if sender.send(batch_no).is_err() {
                        return;
                    }
                }
            }
        });
        let mut seen = 0;
        while seen < 5 {
            match receiver.recv_timeout(Duration::from_secs(60)) {
                Ok(batch_no) => committed.push(batch_no),
                Err(_) => {
                    let output = child.wait_with_output().unwrap();
                    panic!("writer gave no batches: {}", String::from_utf8_lossy(&output.stderr));
                }
            }
            seen += 1;
        }
        std::thread::sleep(Duration::from_micros(1700 + round * 2300));
        child.kill().unwrap();
        child.wait().unwrap();
        reader.join().unwrap();
        // Everything announced before the kill was committed.
        committed.extend(receiver.try_iter());

        let conn = rusqlite::Connection::open(&path).unwrap();
        let integrity: String =
            conn.query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap();
        assert_eq!(integrity, "ok");
        drop(conn);
        let store = SqliteStore::open(&path).unwrap();
        let n_articles = store.article_count().unwrap();
        assert_eq!(n_articles % BATCH, 0, "a batch was stored in part");
        assert!(n_articles >= committed.len() * BATCH);
        for batch_no in &committed {
            for item_idx in [0, BATCH - 1] {
                assert!(
                    store.article(&format!("b{batch_no}-{item_idx}")).unwrap().is_some(),
                    "batch {batch_no} lost"
                );
            }
        }
        // Arrival order is batch order.
        let ids: Vec<_> = store.articles().unwrap().into_iter().map(|it| it.article.id).collect();
        let expected: Vec<_> = (0..n_articles / BATCH)
            .flat_map(|batch_no| (0..BATCH).map(move |item_idx| format!("b{batch_no}-{item_idx}")))
            .collect();
        assert_eq!(ids, expected);
    }
}
