//! Web pages: metadata from meta tags and JSON-LD (`meta`), the article text from the best
//! content container (`body`), then the same cleaning as plain text.

mod body;
mod dom;
mod meta;

use dom::{Dom, Element};

use crate::Found;

/// Extracts an article from an HTML page.
pub(crate) fn extract_html(page: &str) -> Found {
    let document = Dom::parse(page);
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
#[inline]
pub(crate) fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = needle.split_first() else { return true };
    let Some(last_start) = haystack.len().checked_sub(needle.len()) else { return false };
    // Candidates are found by a vectorised search for the first byte in either case.
    let (lower, upper) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    memchr::memchr2_iter(lower, upper, &haystack[..=last_start])
        .any(|start| haystack[start + 1..start + needle.len()].eq_ignore_ascii_case(rest))
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
        let page = Dom::parse("<div class=\"a b\" data-x=\"1\" id=\"x\">text</div>");
        let element = page.first("div").and_then(|node| node.value().as_element()).expect("a div");
        assert_eq!(attr(element, "class"), Some("a b"));
        assert_eq!(attr(element, "id"), Some("x"));
        // Only the attributes extraction reads are kept.
        assert_eq!(attr(element, "data-x"), None);
        assert_eq!(attr(element, "role"), None);
    }
}
