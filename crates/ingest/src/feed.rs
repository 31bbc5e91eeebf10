//! Feeds (RSS 0.9x/1.0/2.0, Atom, JSON Feed) parsed into entries, and what a poller keeps
//! between polls, as plain data for the store.

use chrono::{DateTime, FixedOffset};
use reqwest::Url;

/// One entry of a feed: an article to fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEntry {
    /// The entry's id (`guid`, Atom `id`, JSON Feed `id`; derived from its link and title when
    /// the feed gives none). Stable across polls: what the store's feed entry records are keyed by.
    pub id: String,
    /// The article's address, made absolute against the feed's URL.
    pub url: Option<String>,
    /// The entry's headline.
    pub title: Option<String>,
    /// When it was published (or, failing that, last updated).
    pub published: Option<DateTime<FixedOffset>>,
    /// The summary or description, as the feed gives it (may hold HTML).
    pub summary: Option<String>,
}

/// Why bytes could not be read as a feed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FeedError {
    /// The bytes are not XML or JSON at all, or are a web page.
    #[error("not a feed: {0}")]
    NotAFeed(String),
    /// XML or JSON that is not a well-formed feed.
    #[error("malformed feed: {0}")]
    Malformed(String),
}

/// Parses an RSS, Atom or JSON feed fetched from `url` (used to resolve relative links).
pub fn parse_feed(bytes: &[u8], url: &str) -> Result<Vec<FeedEntry>, FeedError> {
    let start = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes).trim_ascii_start();
    match start.first() {
        Some(b'<' | b'{') => (),
        Some(_) => {
            let head = String::from_utf8_lossy(&start[..start.len().min(40)]).into_owned();
            return Err(FeedError::NotAFeed(format!(
                "the content is neither XML nor JSON (it starts {head:?})"
            )));
        }
        None => return Err(FeedError::NotAFeed("the content is empty".to_string())),
    }
    if looks_like_html(start) {
        return Err(FeedError::NotAFeed(
            "the content is an HTML page; give the page's feed URL".to_string(),
        ));
    }
    let parser = feed_rs::parser::Builder::new().base_uri(Some(url)).build();
    let feed = parser.parse(bytes).map_err(|err| FeedError::Malformed(err.to_string()))?;
    let base = Url::parse(url).ok();
    let entries = feed
        .entries
        .into_iter()
        .map(|entry| {
            let link = entry
                .links
                .iter()
                .find(|it| it.rel.as_deref().is_none_or(|rel| rel == "alternate"))
                .or(entry.links.first());
            let url = link.map(|it| match &base {
                Some(base) => base.join(&it.href).map_or_else(|_| it.href.clone(), String::from),
                None => it.href.clone(),
            });
            FeedEntry {
                id: entry.id,
                url,
                title: entry
                    .title
                    .map(|it| it.content.trim().to_string())
                    .filter(|it| !it.is_empty()),
                published: entry.published.or(entry.updated).map(|it| it.fixed_offset()),
                summary: entry.summary.map(|it| it.content).filter(|it| !it.trim().is_empty()),
            }
        })
        .collect();
    Ok(entries)
}

fn looks_like_html(start: &[u8]) -> bool {
    let head = start[..start.len().min(512)].to_ascii_lowercase();
    head.starts_with(b"<!doctype html")
        || head.starts_with(b"<html")
        || head.windows(5).any(|it| it == b"<body")
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0"?>
<rss version="2.0"><channel><title>Example News</title>
<item><title>Harbour opens</title><link>/2026/harbour</link><guid>h-1</guid>
<pubDate>Mon, 02 Nov 2026 09:30:00 +0100</pubDate><description>The harbour opened.</description></item>
<item><title>Bridge closes</title><link>https://news.example/bridge</link><guid>b-2</guid></item>
</channel></rss>"#;

    #[test]
    fn rss_entries_have_absolute_links_dates_and_ids() {
        let entries = parse_feed(RSS.as_bytes(), "https://news.example/feed.xml").unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].id, "h-1");
        assert_eq!(entries[0].url.as_deref(), Some("https://news.example/2026/harbour"));
        assert_eq!(entries[0].title.as_deref(), Some("Harbour opens"));
        assert_eq!(entries[0].published.unwrap().to_rfc3339(), "2026-11-02T08:30:00+00:00");
        assert_eq!(entries[0].summary.as_deref(), Some("The harbour opened."));
        assert_eq!(entries[1].published, None);
    }

    #[test]
    fn atom_and_json_feed_are_read() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:t</id><updated>2026-11-02T10:00:00Z</updated>
<entry><title>Atom item</title><id>urn:a:1</id><link href="https://news.example/a1"/><updated>2026-11-02T10:00:00Z</updated></entry>
</feed>"#;
        let entries = parse_feed(atom.as_bytes(), "https://news.example/atom").unwrap();
        assert_eq!(
            (entries[0].id.as_str(), entries[0].url.as_deref()),
            ("urn:a:1", Some("https://news.example/a1"))
        );
        let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"j1","url":"https://news.example/j1","title":"JSON item","date_published":"2026-11-02T10:00:00Z"}]}"#;
        let entries = parse_feed(json.as_bytes(), "https://news.example/feed.json").unwrap();
        assert_eq!(
            (entries[0].id.as_str(), entries[0].title.as_deref()),
            ("j1", Some("JSON item"))
        );
    }

    #[test]
    fn non_feeds_give_clear_errors() {
        let err =
            parse_feed(b"Service temporarily unavailable", "https://x.example/f").unwrap_err();
        assert_eq!(err.to_string(), "not a feed: the content is neither XML nor JSON (it starts \"Service temporarily unavailable\")");
        let err = parse_feed(b"<!DOCTYPE html><html><body>hi</body></html>", "https://x.example/f")
            .unwrap_err();
        assert!(err.to_string().contains("HTML page"), "{err}");
        let err = parse_feed(b"<rss><channel><item><title>cut", "https://x.example/f").unwrap_err();
        assert!(matches!(err, FeedError::Malformed(_)), "{err}");
    }
}
