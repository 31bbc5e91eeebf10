//! Web inputs: pages given by URL and followed feeds, fetched with one shared
//! [`ingest::web::Fetcher`] and then extracted and stored like files.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use ingest::feed::FeedEntry;
use ingest::web::{FeedFetch, FetchError, Fetcher, Page, Validators};
use model::{Diagnostic, Origin, RawDocument};
use store::{EntryStatus, FeedEntryRecord};

use crate::{extract_all, refresh, Analysis, Config, LoadOutcome, Progress, Result, Step};

/// Pages fetched at once; the fetcher still keeps its per-host delay and concurrency limit,
/// so this only lets different hosts proceed side by side.
const FETCH_WORKERS: usize = 8;

/// A feed entry whose page keeps failing in ways that may pass is tried this many times, on
/// successive polls, then given up.
pub const MAX_ENTRY_ATTEMPTS: u32 = 5;

/// Whether a command-line argument is a web address (`http://` or `https://`) rather than a
/// path.
pub fn is_url(arg: &str) -> bool {
    let lower = arg.get(..8).unwrap_or(arg).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Fetches `urls` (several hosts at once, results in input order): each page's document and
/// its warnings, or why it could not be fetched.
pub(crate) fn fetch_pages(
    fetcher: &Fetcher,
    urls: &[String],
    progress: &dyn Progress,
) -> Vec<Result<(RawDocument, Vec<Diagnostic>), Diagnostic>> {
    fetch_all(urls, progress, |url| fetcher.fetch_page(url))
        .into_iter()
        .zip(urls)
        .map(|(res, url)| res.map(page_document).map_err(|err| fetch_diagnostic(url, &err)))
        .collect()
}

/// The document of a fetched page, with an id, and the page's warnings.
fn page_document(page: Page) -> (RawDocument, Vec<Diagnostic>) {
    let Page { mut document, diagnostics } = page;
    // A page keeps its id when it changes: the id comes from its address (after redirects),
    // so fetching it again updates the stored article instead of adding another.
    let address = document.url.clone().unwrap_or_else(|| document.origin.location.clone());
    document.id = Some(model::content_id(&address));
    (document, diagnostics)
}

/// A fetch failure as a diagnostic on the URL asked for; the message names the URL where
/// the failure happened when that is another one (a redirect target).
pub(crate) fn fetch_diagnostic(url: &str, err: &FetchError) -> Diagnostic {
    let message = err.to_string();
    let message = match message.strip_prefix(url).and_then(|rest| rest.strip_prefix(": ")) {
        Some(rest) => rest.to_string(),
        None => message,
    };
    Diagnostic::error(Origin::file(url), message)
}

/// Runs `fetch` over `items` on up to [`FETCH_WORKERS`] threads, keeping input order.
fn fetch_all<T: Sync, R: Send>(
    items: &[T],
    progress: &dyn Progress,
    fetch: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..items.len().min(FETCH_WORKERS) {
            scope.spawn(|| loop {
                let idx = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(idx) else { break };
                let result = fetch(item);
                progress.advance(1);
                results.lock().unwrap_or_else(|it| it.into_inner())[idx] = Some(result);
            });
        }
    });
    results.into_inner().unwrap_or_else(|it| it.into_inner()).into_iter().flatten().collect()
}

/// How one followed feed's poll went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedPoll {
    /// The followed URL.
    pub url: String,
    /// What happened.
    pub status: FeedStatus,
}

/// What one feed's poll did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedStatus {
    /// The server answered 304 Not Modified.
    NotModified,
    /// The feed was read.
    Fetched {
        /// Entries the feed lists.
        entries: usize,
        /// Entries whose page was tried this poll: new ones and retries of failures that may
        /// pass.
        new: usize,
        /// Of those, the pages fetched and extracted.
        fetched: usize,
    },
    /// The feed could not be fetched or read; the reason.
    Failed(String),
}

/// What [`poll_feeds`] did.
#[derive(Debug, Default)]
pub struct PollOutcome {
    /// One per followed feed, by URL.
    pub feeds: Vec<FeedPoll>,
    /// Diagnostics for feeds and entry pages, and the articles extracted.
    pub load: LoadOutcome,
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// The analysis after the poll (of the whole store when anything changed).
    pub analysis: Analysis,
}

/// Polls every followed feed once, in URL order: a conditional GET with the stored
/// validators, then the pages of entries never tried (and whose URL is not stored yet) or due
/// a retry, extracted and stored in batches. Each feed row records when it was polled, why it
/// failed (if it did), and the validators for next time; each entry tried is recorded with
/// what became of it (`store::FeedEntryRecord`).
///
/// A feed that fails does not stop the others; it becomes an error diagnostic. An entry page
/// that fails for good (gone, not HTML, refused) is not tried again. One that fails in a way
/// that may pass (a timeout, a 5xx) is tried on the next polls, up to
/// [`MAX_ENTRY_ATTEMPTS`] times; the feed's old validators are kept meanwhile so that the next
/// poll does read the feed.
pub fn poll_feeds(
    store: &mut dyn store::Store,
    fetcher: &Fetcher,
    config: &Config,
    progress: &dyn Progress,
) -> Result<PollOutcome> {
    let mut outcome = PollOutcome::default();
    for feed in store.feeds()? {
        let validators = (feed.etag.is_some() || feed.last_modified.is_some()).then(|| {
            Validators { etag: feed.etag.clone(), last_modified: feed.last_modified.clone() }
        });
        let answer = fetcher.fetch_feed(&feed.url, validators.as_ref());
        let mut row = store::Feed {
            last_polled: Some(
                chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            ),
            last_error: None,
            ..feed.clone()
        };
        let status = match answer {
            Err(err) => {
                let diagnostic = fetch_diagnostic(&feed.url, &err);
                row.last_error = Some(diagnostic.message.clone());
                outcome.load.diagnostics.push(diagnostic);
                FeedStatus::Failed(err.to_string())
            }
            Ok(FeedFetch::NotModified) => FeedStatus::NotModified,
            Ok(FeedFetch::Fetched { entries, validators: fresh, .. }) => {
                let n_entries = entries.len();
                let now = row.last_polled.clone().unwrap_or_default();
                let fresh_entries = pending(store, &feed.url, entries, &now)?;
                let tried = ingest_entries(
                    store,
                    fetcher,
                    &row,
                    &fresh_entries,
                    config,
                    progress,
                    &mut outcome,
                )?;
                let count = |status| tried.iter().filter(|r| r.status == status).count();
                let (fetched, transient) = (count(EntryStatus::Stored), count(EntryStatus::Retry));
                let failed = tried.len() - fetched;
                if failed > 0 {
                    row.last_error = Some(format!(
                        "{failed} of {} new entries could not be fetched",
                        fresh_entries.len()
                    ));
                }
                // After a failure that may pass (a timeout, a 5xx), the old validators stay so
                // the next poll reads the feed in full and retries the entry.
                if transient == 0 {
                    row.etag = fresh.etag;
                    row.last_modified = fresh.last_modified;
                }
                FeedStatus::Fetched { entries: n_entries, new: fresh_entries.len(), fetched }
            }
        };
        store.update_feed(&row)?;
        outcome.feeds.push(FeedPoll { url: feed.url, status });
    }
    outcome.analysis = refresh(store, outcome.inserted + outcome.updated > 0, config, progress)?;
    Ok(outcome)
}

/// The entries to fetch now, in feed order, each id and link once, with the attempts made so
/// far: entries with a link never tried, and those due a retry. An entry not tried before
/// whose page is stored already (ingested by URL, or polled before entries were recorded) is
/// recorded as stored without a fetch.
fn pending(
    store: &mut dyn store::Store,
    feed_url: &str,
    entries: Vec<FeedEntry>,
    now: &str,
) -> Result<Vec<(FeedEntry, u32)>> {
    let known: HashMap<String, FeedEntryRecord> = store
        .feed_entries(feed_url)?
        .into_iter()
        .map(|record| (record.entry_id.clone(), record))
        .collect();
    let (mut ids, mut links) = (HashSet::new(), HashSet::new());
    let (mut fresh, mut stored) = (Vec::new(), Vec::new());
    for entry in entries {
        let Some(url) = entry.url.clone() else { continue };
        if !ids.insert(entry.id.clone()) || !links.insert(url.clone()) {
            continue;
        }
        match known.get(&entry.id) {
            Some(record) if record.status == EntryStatus::Retry => {
                let attempts = record.attempts;
                fresh.push((entry, attempts));
            }
            Some(_) => {}
            None if store.has_article_url(&url)? => stored.push(FeedEntryRecord {
                entry_id: entry.id,
                url: Some(url),
                status: EntryStatus::Stored,
                attempts: 0,
                last_error: None,
                last_tried: now.to_string(),
            }),
            None => fresh.push((entry, 0)),
        }
    }
    store.record_feed_entries(feed_url, &stored)?;
    Ok(fresh)
}

/// What became of an entry tried for the `attempts`-th time.
fn entry_record(
    entry: &FeedEntry,
    attempts: u32,
    failure: Option<&FetchError>,
    now: &str,
) -> FeedEntryRecord {
    let status = match failure {
        None => EntryStatus::Stored,
        Some(err) if is_transient(err) && attempts < MAX_ENTRY_ATTEMPTS => EntryStatus::Retry,
        Some(_) => EntryStatus::Failed,
    };
    FeedEntryRecord {
        entry_id: entry.id.clone(),
        url: entry.url.clone(),
        status,
        attempts,
        last_error: failure.map(ToString::to_string),
        last_tried: now.to_string(),
    }
}

/// Whether a failed fetch may succeed if tried again later.
fn is_transient(err: &FetchError) -> bool {
    match err {
        FetchError::Status { status, .. } => matches!(status, 408 | 429) || *status >= 500,
        FetchError::InvalidUrl { .. }
        | FetchError::PrivateAddress { .. }
        | FetchError::Robots { .. }
        | FetchError::TooManyRedirects { .. }
        | FetchError::RedirectLoop { .. }
        | FetchError::BadRedirect { .. }
        | FetchError::TooLarge { .. }
        | FetchError::DecompressedTooLarge { .. }
        | FetchError::NotHtml { .. } => false,
        _ => true,
    }
}

/// Fetches, extracts and stores the pages of `feed`'s `entries` (with the attempts made
/// before), a batch at a time, and records what became of each as of the feed's poll time;
/// returns the records.
fn ingest_entries(
    store: &mut dyn store::Store,
    fetcher: &Fetcher,
    feed: &store::Feed,
    entries: &[(FeedEntry, u32)],
    config: &Config,
    progress: &dyn Progress,
    outcome: &mut PollOutcome,
) -> Result<Vec<FeedEntryRecord>> {
    let now = feed.last_polled.as_deref().unwrap_or_default();
    let mut tried = Vec::with_capacity(entries.len());
    for chunk in entries.chunks(config.batch_size.max(1)) {
        progress.start(Step::Fetching, Some(chunk.len() as u64));
        let pages = fetch_all(chunk, progress, |(entry, _)| fetcher.fetch_entry(entry));
        progress.finish();
        let mut docs = Vec::with_capacity(chunk.len());
        let mut records = Vec::with_capacity(chunk.len());
        for ((entry, attempts), res) in chunk.iter().zip(pages) {
            let failure = res.as_ref().err();
            records.push(entry_record(entry, attempts + 1, failure, now));
            match res {
                Ok(page) => {
                    let (mut doc, diagnostics) = page_document(page);
                    // The feed's link is the address to remember: it is what the next poll
                    // lists, whatever it redirects to.
                    if let Some(link) = &entry.url {
                        doc.url = Some(link.clone());
                        doc.id = Some(model::content_id(link));
                    }
                    outcome.load.diagnostics.extend(diagnostics);
                    docs.push(doc);
                }
                Err(err) => {
                    let url = entry.url.as_deref().unwrap_or(&entry.id);
                    outcome.load.diagnostics.push(fetch_diagnostic(url, &err));
                }
            }
        }
        let (articles, diagnostics) = extract_all(&docs);
        outcome.load.diagnostics.extend(diagnostics);
        outcome.load.articles += articles.len();
        for put in store.put_articles(&articles)? {
            match put {
                store::PutOutcome::Inserted => outcome.inserted += 1,
                store::PutOutcome::Updated => outcome.updated += 1,
                store::PutOutcome::Unchanged => outcome.unchanged += 1,
            }
        }
        // After the pages: a crash in between leaves pages stored without a record, which the
        // next poll finds by URL.
        store.record_feed_entries(&feed.url, &records)?;
        tried.extend(records);
    }
    Ok(tried)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths() {
        assert!(is_url("https://news.example/a"));
        assert!(is_url("HTTP://news.example/a"));
        assert!(!is_url("articles/"));
        assert!(!is_url("http.txt"));
        assert!(!is_url("-"));
        assert!(!is_url("ftp://news.example/a"));
    }

    #[test]
    fn fetch_errors_name_the_url_once() {
        let err = FetchError::Status { url: "http://a.example/x".to_string(), status: 404 };
        let diagnostic = fetch_diagnostic("http://a.example/x", &err);
        assert_eq!(diagnostic.to_string(), "error: http://a.example/x: HTTP status 404");
        // A redirect target that failed is named too.
        let diagnostic = fetch_diagnostic("http://a.example/old", &err);
        assert_eq!(
            diagnostic.to_string(),
            "error: http://a.example/old: http://a.example/x: HTTP status 404"
        );
    }

    #[test]
    fn fetch_all_keeps_input_order() {
        let items: Vec<u64> = (0..40).collect();
        let out = fetch_all(&items, &crate::NoProgress, |&n| {
            std::thread::sleep(std::time::Duration::from_millis(40 - n));
            n * 2
        });
        assert_eq!(out, items.iter().map(|n| n * 2).collect::<Vec<_>>());
    }
}
