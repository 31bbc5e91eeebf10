//! Hostile input: extraction returns, without panicking, in reasonable time.

use std::time::{Duration, Instant};

use model::{Content, Origin, RawDocument};

/// Extracts and checks the invariants every article keeps, within a time budget.
fn check(content: Content, budget: Duration) -> model::Article {
    let raw = RawDocument::new(Origin::file("hostile"), content);
    let started = Instant::now();
    let (article, _) = extract::extract(&raw);
    let took = started.elapsed();
    assert!(took < budget, "took {took:?}");
    assert!(!article.source.is_empty());
    assert_eq!(article.id.len(), 16);
    article
}

fn both(text: &str, budget: Duration) {
    check(Content::Text(text.to_string()), budget);
    check(Content::Html(text.to_string()), budget);
}

#[test]
fn empty_and_blank_input() {
    for text in ["", " ", "\n\n\t  \r\n", "\u{feff}", "<", "<html>", "<!--", "©", "By", "(c)"] {
        let raw = RawDocument::new(Origin::file("blank"), Content::Text(text.to_string()));
        let (article, diagnostics) = extract::extract(&raw);
        assert_eq!(article.source, "unknown");
        if text.trim().is_empty() {
            assert_eq!(article.body, "");
            assert!(diagnostics.iter().any(|d| d.message.contains("no article text")));
        }
        both(text, Duration::from_secs(2));
    }
}

#[test]
fn five_megabyte_single_line() {
    let line = "The council met again and voted, then adjourned; ".repeat(5 * 1024 * 1024 / 50);
    let article = check(Content::Text(line.clone()), Duration::from_secs(20));
    assert!(article.body.len() > 4_000_000);
    let page = format!("<html><body><p>{line}</p></body></html>");
    let article = check(Content::Html(page), Duration::from_secs(20));
    assert!(article.body.len() > 4_000_000);
}

#[test]
fn deeply_nested_html() {
    let depth = 10_000;
    let mut page = "<div>".repeat(depth);
    page.push_str(
        "<p>The council voted on Tuesday to close the old bridge to cars, officials said.</p>",
    );
    page.push_str(&"</div>".repeat(depth));
    let article = check(Content::Html(page), Duration::from_secs(20));
    assert!(article.body.contains("close the old bridge"), "{}", article.body);
    for tag in ["b", "span", "a", "table", "li", "p"] {
        let page = format!("<{tag}>").repeat(depth) + "text";
        check(Content::Html(page), Duration::from_secs(20));
    }
}

#[test]
fn binary_junk() {
    // A deterministic byte soup (xorshift), decoded lossily as ingest would.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let bytes: Vec<u8> = (0..200_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    both(&text, Duration::from_secs(10));
    let raw = RawDocument::new(Origin::file("junk"), Content::Text(text));
    let (_, diagnostics) = extract::extract(&raw);
    assert!(diagnostics.iter().any(|d| d.message.contains("binary")));
}

#[test]
fn odd_dates_and_bylines_do_not_panic() {
    for text in [
        "By ",
        "By ,,, and",
        "Published: ",
        "Updated :: PM",
        "May 99, 99999",
        "٣ مايو ٢٠١٣",
        "By Ĳsbrand Ünal | |",
        "— —",
        "( ) —",
    ] {
        both(text, Duration::from_secs(2));
        let _ = extract::parse_date(text);
    }
}
