//! What both backends store the same way: an article's content hash, JSON columns, and
//! articles and listings parsed back from their columns.

use chrono::DateTime;
use model::Article;
use serde_json::Value;

use crate::{Error, Result, StoredArticle, StoryListing};

/// xxh3 over every field of the article, each tagged and length-prefixed so that no two
/// different articles share an encoding (`None` differs from `Some("")`). `extra` is hashed
/// as JSON with sorted keys, so re-ordered keys are not a change. xxh3 is stable across
/// versions, so stored hashes stay valid. Stored as the same 64 bits in an `i64`.
pub(crate) fn content_hash(article: &Article) -> i64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let published = article.published.map(|it| it.to_rfc3339());
    let extra = canonical_json(&Value::Object(article.extra.clone()));
    for field in text_fields(article, published.as_deref(), &extra) {
        match field {
            None => hasher.update(&[0]),
            Some(text) => {
                hasher.update(&[1]);
                hasher.update(&(text.len() as u64).to_le_bytes());
                hasher.update(text.as_bytes());
            }
        }
    }
    hasher.digest() as i64
}

/// Every field of the article as text, `published` and `extra` given as the caller wrote
/// them, in the order [`content_hash`] hashes them (never to change: stored hashes follow it).
pub(crate) fn text_fields<'a>(
    article: &'a Article,
    published: Option<&'a str>,
    extra: &'a str,
) -> [Option<&'a str>; 9] {
    [
        Some(article.id.as_str()),
        Some(article.source.as_str()),
        article.url.as_deref(),
        article.title.as_deref(),
        article.author.as_deref(),
        published,
        article.language.as_deref(),
        Some(article.body.as_str()),
        Some(extra),
    ]
}

/// JSON text with object keys sorted at every level.
fn canonical_json(value: &Value) -> String {
    fn sorted(value: &Value) -> Value {
        match value {
            Value::Object(object) => {
                let mut entries: Vec<_> = object.iter().collect();
                entries.sort_by(|left, right| left.0.cmp(right.0));
                Value::Object(
                    entries.into_iter().map(|(key, value)| (key.clone(), sorted(value))).collect(),
                )
            }
            Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
            other => other.clone(),
        }
    }
    sorted(value).to_string()
}

/// The columns of an article row, as each backend reads them into an [`ArticleRow`].
pub(crate) const ARTICLE_COLUMNS: &str = "seq, id, source, url, title, author, published, \
     language, body, extra, duplicate_of, story, hash";

/// The columns of a [`StoryListing`], as each backend reads them, with its sources as JSON.
pub(crate) const LISTING_COLUMNS: &str =
    "id, title, article_count, sources, first_published, last_published";

pub(crate) fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_json::to_string(value)
        .map_err(|err| Error::Corrupt(format!("cannot encode as JSON: {err}")))
}

/// The raw columns of one article row, before parsing its JSON and date.
pub(crate) struct ArticleRow {
    pub(crate) seq: i64,
    pub(crate) article: Article,
    pub(crate) published: Option<String>,
    pub(crate) extra: String,
    pub(crate) duplicate_of: Option<String>,
    pub(crate) story: Option<String>,
    pub(crate) content_hash: i64,
}

pub(crate) fn stored_article(row: ArticleRow) -> Result<StoredArticle> {
    let mut article = row.article;
    if let Some(published) = row.published {
        let parsed = DateTime::parse_from_rfc3339(&published).map_err(|err| {
            Error::Corrupt(format!("article {:?} published {published:?}: {err}", article.id))
        })?;
        article.published = Some(parsed);
    }
    article.extra = serde_json::from_str(&row.extra)
        .map_err(|err| Error::Corrupt(format!("article {:?} extra: {err}", article.id)))?;
    Ok(StoredArticle {
        seq: row.seq,
        article,
        duplicate_of: row.duplicate_of,
        story: row.story,
        content_hash: row.content_hash as u64,
    })
}

/// A listing with its sources read from their JSON.
pub(crate) fn story_listing(
    (mut listing, sources): (StoryListing, String),
) -> Result<StoryListing> {
    listing.sources = serde_json::from_str(&sources)
        .map_err(|err| Error::Corrupt(format!("story {:?} sources: {err}", listing.id)))?;
    Ok(listing)
}
