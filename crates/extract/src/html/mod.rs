//! Web pages: metadata from meta tags and JSON-LD (`meta`), the article text from the best
//! content container (`body`), then the same cleaning as plain text.

mod body;
mod meta;

use scraper::Html;

use crate::Found;

/// Extracts an article from an HTML page.
pub(crate) fn extract_html(page: &str) -> Found {
    let document = Html::parse_document(page);
    let meta = meta::read(&document);
    let paragraphs = body::paragraphs(&document);
    let cleaned = crate::clean::clean(paragraphs, false, meta.title.as_deref());
    Found {
        title: meta.title,
        author: meta.author.or(cleaned.author),
        published: meta.published.or(cleaned.published),
        publisher: meta.publisher,
        agency: cleaned.agency,
        url: meta.url,
        language: meta.language,
        paragraphs: cleaned.paragraphs,
    }
}
