//! Query parameters shared by pages and API: dates, the story list's order, filters and cursor.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::error::ApiError;

/// How the story list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Sort {
    /// Latest publication first (undated last), then the most articles.
    #[default]
    Newest,
    /// Most outlets first, then the most articles, then the latest.
    Covered,
}

/// Filters and paging of the story list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct StoryFilter {
    /// Only stories this outlet covered (exact name).
    pub(crate) source: Option<String>,
    /// Only stories with an article published on or after this date (`YYYY-MM-DD` or RFC 3339).
    pub(crate) from: Option<String>,
    /// Only stories with an article published on or before this date (a bare date includes
    /// the whole day).
    pub(crate) to: Option<String>,
    /// `newest` (default) or `covered`.
    #[param(value_type = Option<String>)]
    pub(crate) sort: Option<Sort>,
    /// The `next_cursor` of the previous page.
    pub(crate) cursor: Option<String>,
    /// Page size, 1 to 100 (default 20).
    pub(crate) limit: Option<usize>,
}

/// One page of listings.
#[derive(Debug)]
pub(crate) struct Page {
    pub(crate) items: Vec<store::StoryListing>,
    pub(crate) next_cursor: Option<String>,
}

/// The positions of `listings` in `sort` order, for [`page`].
pub(crate) fn order(listings: &[store::StoryListing], sort: Sort) -> Vec<u32> {
    let mut order: Vec<u32> = (0..listings.len() as u32).collect();
    order.sort_by_cached_key(|&at| key(&listings[at as usize], sort));
    order
}

/// Filters and pages the listings, taken in `order` (theirs in `filter.sort`, from [`order`]);
/// only the page's listings are copied. A cursor names the last story shown: the page starts
/// right after its place in the order, so stories added meanwhile don't shift pages.
pub(crate) fn page(
    listings: &[store::StoryListing],
    order: &[u32],
    filter: &StoryFilter,
) -> Result<Page, ApiError> {
    let window = Window::parse(filter.from.as_deref(), filter.to.as_deref())?;
    let limit = filter.limit.unwrap_or(20);
    if !(1..=100).contains(&limit) {
        return Err(ApiError::bad_request("invalid_limit", "limit must be between 1 and 100"));
    }
    let sort = filter.sort.unwrap_or_default();
    let at = |i: u32| &listings[i as usize];
    let start = match filter.cursor.as_deref().filter(|it| !it.is_empty()) {
        None => 0,
        Some(cursor) => {
            let after = decode_cursor(cursor).ok_or_else(|| {
                ApiError::bad_request("invalid_cursor", "the cursor is not one this server gave")
            })?;
            let after = after.as_key(sort);
            order.partition_point(|&i| key(at(i), sort) <= after)
        }
    };
    let mut matching = order[start..].iter().map(|&i| at(i)).filter(|it| {
        filter.source.as_deref().is_none_or(|source| it.sources.iter().any(|s| s == source))
            && window.overlaps(it.first_published.as_deref(), it.last_published.as_deref())
    });
    let items: Vec<store::StoryListing> = matching.by_ref().take(limit).cloned().collect();
    let next_cursor = match (items.last(), matching.next()) {
        (Some(last), Some(_)) => Some(encode_cursor(last)),
        _ => None,
    };
    Ok(Page { items, next_cursor })
}

/// A publication window; either end may be open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Window {
    /// Inclusive.
    pub(crate) from: Option<DateTime<Utc>>,
    /// Exclusive.
    pub(crate) to: Option<DateTime<Utc>>,
}

impl Window {
    /// Parses `from` and `to` parameters; a bare date `to` includes its whole day.
    pub(crate) fn parse(from: Option<&str>, to: Option<&str>) -> Result<Window, ApiError> {
        let from = match from.map(str::trim).filter(|it| !it.is_empty()) {
            Some(text) => Some(parse_date(text, false).ok_or_else(|| bad_date("from", text))?),
            None => None,
        };
        let to = match to.map(str::trim).filter(|it| !it.is_empty()) {
            Some(text) => Some(parse_date(text, true).ok_or_else(|| bad_date("to", text))?),
            None => None,
        };
        Ok(Window { from, to })
    }

    fn overlaps(&self, first: Option<&str>, last: Option<&str>) -> bool {
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        let (Some(first), Some(last)) = (first.and_then(rfc3339), last.and_then(rfc3339)) else {
            return false;
        };
        self.from.is_none_or(|from| last >= from) && self.to.is_none_or(|to| first < to)
    }
}

fn bad_date(name: &str, text: &str) -> ApiError {
    ApiError::bad_request(
        "invalid_date",
        format!("{name}={text:?} is not a date; use YYYY-MM-DD or RFC 3339"),
    )
}

fn parse_date(text: &str, end_of_day: bool) -> Option<DateTime<Utc>> {
    if let Some(at) = rfc3339(text) {
        return Some(at);
    }
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    let day = match end_of_day {
        true => day.succ_opt()?,
        false => day,
    };
    Some(day.and_hms_opt(0, 0, 0)?.and_utc())
}

pub(crate) fn rfc3339(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text).ok().map(|it| it.with_timezone(&Utc))
}

/// The sort key: smaller comes first. Dates are compared as instants; undated sorts last.
type Key = (u8, i64, i64, i64, String);

fn key(it: &store::StoryListing, sort: Sort) -> Key {
    Cursor {
        last: it.last_published.as_deref().and_then(rfc3339).map(|it| it.timestamp()),
        articles: it.article_count as i64,
        sources: it.sources.len() as i64,
        id: it.id.clone(),
    }
    .as_key(sort)
}

/// What a cursor remembers of the last story shown: exactly its sort key.
struct Cursor {
    last: Option<i64>,
    articles: i64,
    sources: i64,
    id: String,
}

impl Cursor {
    fn as_key(&self, sort: Sort) -> Key {
        let undated = u8::from(self.last.is_none());
        let latest = -self.last.unwrap_or(0);
        match sort {
            Sort::Newest => (undated, latest, -self.articles, -self.sources, self.id.clone()),
            Sort::Covered => (0, -self.sources, -self.articles, latest, self.id.clone()),
        }
    }
}

/// `last.articles.sources.hex(id)`: opaque to clients, URL-safe.
fn encode_cursor(it: &store::StoryListing) -> String {
    let last = match it.last_published.as_deref().and_then(rfc3339) {
        Some(at) => at.timestamp().to_string(),
        None => "u".to_string(),
    };
    let id: String = it.id.bytes().map(|b| format!("{b:02x}")).collect();
    format!("{last}.{}.{}.{id}", it.article_count, it.sources.len())
}

fn decode_cursor(text: &str) -> Option<Cursor> {
    let mut parts = text.split('.');
    let last = match parts.next()? {
        "u" => None,
        secs => Some(secs.parse().ok()?),
    };
    let articles = parts.next()?.parse().ok()?;
    let sources = parts.next()?.parse().ok()?;
    let hex = parts.next()?;
    if parts.next().is_some() || hex.len() % 2 != 0 {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|at| hex.get(at..at + 2).and_then(|it| u8::from_str_radix(it, 16).ok()))
        .collect();
    let id = String::from_utf8(bytes?).ok()?;
    Some(Cursor { last, articles, sources, id })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(
        id: &str,
        last: Option<&str>,
        articles: usize,
        sources: &[&str],
    ) -> store::StoryListing {
        store::StoryListing {
            id: id.to_string(),
            title: id.to_string(),
            article_count: articles,
            sources: sources.iter().map(|it| it.to_string()).collect(),
            first_published: last.map(str::to_string),
            last_published: last.map(str::to_string),
        }
    }

    fn ids(page: &Page) -> Vec<&str> {
        page.items.iter().map(|it| it.id.as_str()).collect()
    }

    #[test]
    fn pages_follow_the_order_without_gaps_or_repeats() {
        let all = vec![
            listing("c", Some("2024-01-03T00:00:00Z"), 1, &["A"]),
            listing("a", Some("2024-01-02T00:00:00Z"), 5, &["A", "B", "C"]),
            listing("u", None, 9, &["A", "B"]),
            listing("b", Some("2024-01-02T00:00:00+00:00"), 2, &["B"]),
        ];
        let sorted = |filter: &StoryFilter| {
            let order = order(&all, filter.sort.unwrap_or_default());
            page(&all, &order, filter).unwrap()
        };
        let mut filter = StoryFilter { limit: Some(2), ..StoryFilter::default() };
        let first = sorted(&filter);
        assert_eq!(ids(&first), ["c", "a"]);
        filter.cursor = first.next_cursor;
        let second = sorted(&filter);
        assert_eq!(ids(&second), ["b", "u"]);
        assert_eq!(second.next_cursor, None);

        filter = StoryFilter { sort: Some(Sort::Covered), limit: Some(3), ..filter };
        filter.cursor = None;
        assert_eq!(ids(&sorted(&filter)), ["a", "u", "b"]);
        filter.source = Some("B".to_string());
        filter.from = Some("2024-01-02".to_string());
        filter.to = Some("2024-01-02".to_string());
        let filtered = sorted(&StoryFilter { limit: Some(1), ..filter.clone() });
        assert_eq!(ids(&filtered), ["a"]);
        filter.cursor = filtered.next_cursor;
        let last = sorted(&filter);
        assert_eq!((ids(&last), last.next_cursor.as_deref()), (vec!["b"], None));
    }

    #[test]
    fn bad_parameters_are_rejected_with_codes() {
        let bad = |filter: StoryFilter| page(&[], &[], &filter).unwrap_err().code;
        let cursor = Some("zz".to_string());
        assert_eq!(bad(StoryFilter { cursor, ..StoryFilter::default() }), "invalid_cursor");
        assert_eq!(bad(StoryFilter { limit: Some(0), ..StoryFilter::default() }), "invalid_limit");
        let from = Some("yesterday".to_string());
        assert_eq!(bad(StoryFilter { from, ..StoryFilter::default() }), "invalid_date");
    }
}
