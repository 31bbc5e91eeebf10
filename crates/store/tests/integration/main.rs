//! Integration tests of the stores: articles, analysis and feeds on both backends (SQLite, and
//! PostgreSQL when one is at hand, see `testkit::postgres`); schema, refusals and crash safety
//! of each.

mod analysis;
mod articles;
mod compat;
mod crash;
mod feeds;
mod open;
mod postgres;

use chrono::DateTime;
use model::Article;

/// An article whose fields are all derived from `id` and `body`.
fn article(id: &str, body: &str) -> Article {
    let mut extra = model::Extra::new();
    extra.insert("section".to_string(), serde_json::json!({"name": "world", "rank": 2}));
    Article {
        id: id.to_string(),
        source: "Example News".to_string(),
        url: Some(format!("https://example.org/{id}")),
        title: Some(format!("Title of {id}")),
        author: None,
        published: Some(DateTime::parse_from_rfc3339("2024-03-01T10:15:30.123+02:00").unwrap()),
        language: Some("en".to_string()),
        body: body.to_string(),
        extra,
    }
}

/// A fresh store of each backend at hand: SQLite in memory, and a new PostgreSQL database.
fn stores() -> Vec<Box<dyn store::Store>> {
    let mut stores: Vec<Box<dyn store::Store>> =
        vec![Box::new(store::SqliteStore::open_in_memory().unwrap())];
    if let Some(url) = testkit::postgres::database() {
        stores.push(Box::new(store::PgStore::connect(&url).unwrap()));
    }
    stores
}
