//! The domain vocabulary of Parallax: raw inputs, articles, diagnostics and the report.
//!
//! No IO and no async here. The report types (`report` module) are the outside contract of
//! `../shared/CONTRACT.md` and are the only types that derive `Serialize`.

pub mod report;

use std::fmt;

use chrono::{DateTime, FixedOffset};

/// Unknown input fields, kept verbatim and echoed back in the report.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// Where an input came from: a file (with a line for JSONL), a URL or standard input.
///
/// Its `Display` is what a diagnostic prints, e.g. `articles/feed.jsonl:12`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin {
    /// A path as the user gave it (joined with the walked sub-path), a URL, or `-`.
    pub location: String,
    /// One-based line number inside a JSONL file or stream.
    pub line: Option<usize>,
    /// Zero-based index inside a JSON array file.
    pub index: Option<usize>,
}

impl Origin {
    /// An origin that is a whole file or URL.
    pub fn file(location: impl Into<String>) -> Origin {
        Origin { location: location.into(), line: None, index: None }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.location)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(index) = self.index {
            write!(f, "[{index}]")?;
        }
        Ok(())
    }
}

/// The payload of an input: plain text as people save it, or a web page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Plain text; the extractor finds title, byline, dateline and boilerplate.
    Text(String),
    /// A web page.
    Html(String),
}

impl Content {
    /// The raw characters, whatever the kind.
    pub fn as_str(&self) -> &str {
        match self {
            Content::Text(text) => text,
            Content::Html(html) => html,
        }
    }
}

/// One input document before extraction: what a file, JSON object or page said about itself.
///
/// Fields given by the caller (`title`, `source`, ...) override what extraction finds.
#[derive(Debug, Clone, PartialEq)]
pub struct RawDocument {
    /// Where it came from, for diagnostics.
    pub origin: Origin,
    /// The id the caller gave, or the one derived from the file name. `None`: derive from content.
    pub id: Option<String>,
    /// The file name without extensions, used as the outlet of last resort.
    pub file_stem: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    /// The date as the caller wrote it; parsed by the extractor.
    pub published: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    pub language: Option<String>,
    pub content: Content,
    pub extra: Extra,
}

impl RawDocument {
    /// A document with only its content and origin known.
    pub fn new(origin: Origin, content: Content) -> RawDocument {
        RawDocument {
            origin,
            id: None,
            file_stem: None,
            url: None,
            source: None,
            published: None,
            title: None,
            author: None,
            language: None,
            content,
            extra: Extra::new(),
        }
    }
}

/// An extracted article: the unit every later stage works on.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub id: String,
    /// The outlet, never empty.
    pub source: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    pub published: Option<DateTime<FixedOffset>>,
    /// BCP 47 code, e.g. `en`.
    pub language: Option<String>,
    /// The article text with boilerplate removed; paragraphs separated by blank lines.
    pub body: String,
    pub extra: Extra,
}

/// A stable, content-derived id: 16 hex digits of xxh3 over the text.
///
/// xxh3 is specified and stable across versions, so ids survive upgrades.
pub fn content_id(text: &str) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(text.as_bytes()))
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The input was used, with a caveat (e.g. invalid UTF-8 replaced).
    Warning,
    /// The input (file or line) was skipped.
    Error,
}

/// A problem with one input, reported to the user while the batch goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub origin: Origin,
    pub message: String,
}

impl Diagnostic {
    /// The input was skipped.
    pub fn error(origin: Origin, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Error, origin, message: message.into() }
    }

    /// The input was used with a caveat.
    pub fn warning(origin: Origin, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, origin, message: message.into() }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{level}: {}: {}", self.origin, self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_display_names_file_line_and_index() {
        let mut origin = Origin::file("a/b.jsonl");
        assert_eq!(origin.to_string(), "a/b.jsonl");
        origin.line = Some(12);
        assert_eq!(origin.to_string(), "a/b.jsonl:12");
        let mut origin = Origin::file("x.json");
        origin.index = Some(3);
        assert_eq!(origin.to_string(), "x.json[3]");
    }

    #[test]
    fn content_id_is_stable() {
        // Stored ids depend on this value never changing.
        assert_eq!(content_id("hello"), "9555e8555c62dcfd");
    }
}
