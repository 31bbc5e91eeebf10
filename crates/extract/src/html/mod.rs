//! Web pages: metadata from meta tags and JSON-LD (`meta`), the article text from the best
//! content container (`body`), then the same cleaning as plain text.

mod body;
mod meta;

use scraper::node::Element;
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
        shown_date: meta.shown_date,
        publisher: meta.publisher,
        agency: cleaned.agency,
        url: meta.url,
        language: meta.language,
        paragraphs: cleaned.paragraphs,
    }
}

/// An attribute's value by its (lower-case) name.
///
/// `Element::attr` interns the name on every call; walking the few attributes an element
/// has is several times cheaper, and the walks ask for attributes on every element.
pub(crate) fn attr<'a>(element: &'a Element, name: &str) -> Option<&'a str> {
    element.attrs().find(|(key, _)| *key == name).map(|(_, value)| value)
}

/// ASCII case-insensitive substring test, without allocating.
pub(crate) fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = needle.split_first() else { return true };
    let Some(last_start) = haystack.len().checked_sub(needle.len()) else { return false };
    let first = first.to_ascii_lowercase();
    (0..=last_start).any(|start| {
        haystack[start].to_ascii_lowercase() == first
            && haystack[start + 1..start + needle.len()].eq_ignore_ascii_case(rest)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_words_whatever_their_case() {
        assert!(contains_ignore_case("Copyright 2024", "copyright"));
        assert!(contains_ignore_case("post-AUTHOR-box", "author"));
        assert!(!contains_ignore_case("auth", "author"));
        assert!(!contains_ignore_case("", "a"));
        assert!(contains_ignore_case("naïve Author", "author"));
    }

    #[test]
    fn reads_attributes_by_name() {
        let page = Html::parse_fragment("<div class=\"a b\" data-x=\"1\">text</div>");
        let element = page
            .tree
            .root()
            .descendants()
            .find_map(|node| node.value().as_element().filter(|e| e.name() == "div").cloned())
            .expect("a div");
        assert_eq!(attr(&element, "class"), Some("a b"));
        assert_eq!(attr(&element, "data-x"), Some("1"));
        assert_eq!(attr(&element, "id"), None);
    }
}
