//! Article extraction: plain text or a web page in, a clean [`model::Article`] out.
//!
//! [`extract`] finds the title, byline, date, outlet, language and body text; fields the caller
//! gave in the [`model::RawDocument`] win over what is found. Extraction never fails: problems
//! with the input come back as [`model::Diagnostic`]s.
//!
//! ```
//! use model::{Content, Origin, RawDocument};
//!
//! let text = "Council closes old bridge\n\nBy Jane Doe\n\nMay 3, 2013\n\n\
//!             LONDON (Reuters) - The council closed the bridge on Tuesday.\n\n\
//!             © 2013 The Daily Planet";
//! let doc = RawDocument::new(Origin::file("bridge.txt"), Content::Text(text.to_string()));
//! let (article, diagnostics) = extract::extract(&doc);
//! assert_eq!(article.title.as_deref(), Some("Council closes old bridge"));
//! assert_eq!(article.author.as_deref(), Some("Jane Doe"));
//! assert_eq!(article.source, "The Daily Planet");
//! assert_eq!(article.body, "The council closed the bridge on Tuesday.");
//! assert!(diagnostics.is_empty());
//! ```
#![warn(missing_docs)]

mod boilerplate;
mod byline;
mod clean;
mod date;
mod html;
mod mojibake;
mod publisher;
mod text;

use chrono::{DateTime, FixedOffset};
use model::{Article, Content, Diagnostic, RawDocument};

pub use crate::date::{parse_date, url_date};

/// Extracts an article from a raw document; never panics, whatever the input.
///
/// Caller-given fields (`id`, `url`, `source`, `published`, `title`, `author`, `language`)
/// override what extraction finds, but for a `title` that is only a date line: that is no
/// headline, so the headline is looked for in the text, and a date line that can be read is
/// the date when the text shows none. `source` falls back to the publisher named in the text
/// or page, then the URL's host, then a news agency named in the byline or dateline, then the
/// file name, then `unknown`. `published` falls back to the date the page says it was first
/// published on ("This article was originally published on ..."), then the date shown with
/// the headline (a numeric one read day first when the URL's path says so), then page
/// metadata, then a date in the URL's path (`/2021/03/04/`, `/2021/mar/04/`), then the first
/// date shown anywhere on the page. Content that was double-encoded (UTF-8 read as
/// windows-1252 and encoded again: "Investorâ€™s") is read as it was written. The id, when
/// not given, hashes the raw content, so two outlets that run the same wire copy in different
/// pages keep different ids.
pub fn extract(doc: &RawDocument) -> (Article, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let found = match &doc.content {
        Content::Text(text) => text::extract_text(&mojibake::repair(text)),
        Content::Html(page) => html::extract_html(&mojibake::repair(page)),
    };
    let body = found.paragraphs.join("\n\n");
    if body.is_empty() {
        diagnostics.push(Diagnostic::warning(doc.origin.clone(), "no article text found"));
    }
    if looks_binary(doc.content.as_str()) {
        diagnostics.push(Diagnostic::warning(
            doc.origin.clone(),
            "content looks like binary data, not text",
        ));
    }
    // A date line filed as the title ("Friday, November 11, 2011") is the date, not a headline.
    let given_title = given(doc.title.as_deref());
    let title_date = given_title.and_then(clean::date_line);
    let given_title =
        given_title.filter(|title| title_date.is_none() && !crate::date::is_date_like(title));
    let url = given(doc.url.as_deref()).map(str::to_string).or(found.url);
    let filed = url.as_deref().and_then(url_date);
    // "03/10/2023" on a story filed under /2023/oct/03/: the page writes the day first.
    let extracted =
        found.published.or(title_date).map(|date| crate::date::day_first_if_filed(date, filed));
    let published = match given(doc.published.as_deref()) {
        Some(date) => match parse_date(date) {
            Some(parsed) => Some(parsed),
            None => {
                let message = format!(
                    "cannot read published date {date:?}; using the date in the text, if any"
                );
                diagnostics.push(Diagnostic::warning(doc.origin.clone(), message));
                extracted
            }
        },
        None => extracted,
    };
    // A story filed under /2021/03/04/ was published that day; failing that, the first date
    // shown anywhere on the page.
    let published = published.or(filed).or(found.shown_date);
    let source = given(doc.source.as_deref())
        .map(str::to_string)
        .or(found.publisher)
        .or_else(|| url.as_deref().and_then(publisher::url_host))
        .or(found.agency)
        .or_else(|| given(doc.file_stem.as_deref()).map(str::to_string))
        .unwrap_or_else(|| "unknown".to_string());
    let language = given(doc.language.as_deref())
        .map(str::to_string)
        .or(found.language)
        .or_else(|| analyze::detect_language(language_sample(&body)));
    let article = Article {
        id: given(doc.id.as_deref())
            .map_or_else(|| model::content_id(doc.content.as_str()), str::to_string),
        source,
        url,
        title: given_title.map(str::to_string).or(found.title),
        author: given(doc.author.as_deref()).map(str::to_string).or(found.author),
        published,
        language,
        body,
        extra: doc.extra.clone(),
    };
    (article, diagnostics)
}

/// What extraction found in the content, before caller fields are applied.
#[derive(Debug, Default)]
struct Found {
    title: Option<String>,
    author: Option<String>,
    published: Option<DateTime<FixedOffset>>,
    /// A date shown somewhere on the page, away from the headline: the date of last resort.
    shown_date: Option<DateTime<FixedOffset>>,
    /// The outlet named by the content itself (copyright line, page metadata).
    publisher: Option<String>,
    /// A news agency named in a byline or dateline: the outlet of last resort.
    agency: Option<String>,
    /// The page's canonical URL.
    url: Option<String>,
    language: Option<String>,
    paragraphs: Vec<String>,
}

/// A caller field that says something: blank strings count as absent.
fn given(field: Option<&str>) -> Option<&str> {
    field.map(str::trim).filter(|value| !value.is_empty())
}

/// The first few thousand bytes are plenty to tell a language and keep huge inputs cheap.
fn language_sample(body: &str) -> &str {
    const SAMPLE: usize = 4000;
    if body.len() <= SAMPLE {
        return body;
    }
    &body[..analyze::floor_char_boundary(body, SAMPLE)]
}

/// More than one in ten characters are control or replacement characters.
fn looks_binary(content: &str) -> bool {
    let sample = language_sample(content);
    let n_chars = sample.chars().count();
    let n_junk = sample
        .chars()
        .filter(|c| *c == '\u{fffd}' || (c.is_control() && !c.is_whitespace()))
        .count();
    n_chars > 0 && n_junk * 10 > n_chars
}
