//! Caller-given fields win over what extraction finds, and the source falls back in order.

use model::{Content, Origin, RawDocument};

const STORY: &str = "Council votes to close the old bridge

By Jane Doe

May 03, 2013

The city council voted on Tuesday to close the old bridge to cars, citing cracks.

Engineers will inspect the supports next month.

© 2013 The Daily Planet
";

fn doc(content: Content) -> RawDocument {
    RawDocument::new(Origin::file("story.txt"), content)
}

#[test]
fn caller_fields_override_extraction() {
    let mut raw = doc(Content::Text(STORY.to_string()));
    raw.id = Some("given-id".into());
    raw.url = Some("https://example.org/a".into());
    raw.source = Some("Metro Wire".into());
    raw.published = Some("2021-10-18T16:15:00-07:00".into());
    raw.title = Some("Caller title".into());
    raw.author = Some("Caller Author".into());
    raw.language = Some("de".into());
    let (article, diagnostics) = extract::extract(&raw);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(article.id, "given-id");
    assert_eq!(article.url.as_deref(), Some("https://example.org/a"));
    assert_eq!(article.source, "Metro Wire");
    assert_eq!(
        article.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2021-10-18T16:15:00-07:00")
    );
    assert_eq!(article.title.as_deref(), Some("Caller title"));
    assert_eq!(article.author.as_deref(), Some("Caller Author"));
    assert_eq!(article.language.as_deref(), Some("de"));
    // The headline and byline still leave the body.
    assert!(article.body.starts_with("The city council voted"), "{}", article.body);
}

#[test]
fn unreadable_caller_date_warns_and_falls_back_to_the_text() {
    let mut raw = doc(Content::Text(STORY.to_string()));
    raw.published = Some("sometime last spring".into());
    let (article, diagnostics) = extract::extract(&raw);
    assert_eq!(diagnostics.len(), 1);
    assert!(diagnostics[0].message.contains("sometime last spring"));
    assert_eq!(
        article.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2013-05-03T00:00:00+00:00")
    );
}

#[test]
fn id_is_derived_from_content_when_not_given() {
    let raw = doc(Content::Text(STORY.to_string()));
    let (article, _) = extract::extract(&raw);
    assert_eq!(article.id, model::content_id(STORY));
    assert_eq!(article.source, "The Daily Planet");
}

#[test]
fn source_falls_back_to_host_then_file_stem_then_unknown() {
    let text = "Council votes to close the old bridge\n\nThe council voted on Tuesday to close the bridge.";
    let mut raw = doc(Content::Text(text.to_string()));
    raw.url = Some("https://www.example.com/news/bridge".into());
    raw.file_stem = Some("bridge-story".into());
    assert_eq!(extract::extract(&raw).0.source, "example.com");
    raw.url = None;
    assert_eq!(extract::extract(&raw).0.source, "bridge-story");
    raw.file_stem = None;
    assert_eq!(extract::extract(&raw).0.source, "unknown");
}

#[test]
fn html_metadata_fills_url_language_and_source() {
    let page = r#"<!doctype html><html lang="en-GB"><head>
<title>Bridge closes | The Daily Planet</title>
<link rel="canonical" href="https://dailyplanet.example/bridge">
<meta property="og:site_name" content="The Daily Planet">
</head><body><article><h1>Bridge closes</h1>
<p>The city council voted on Tuesday to close the old bridge to cars, citing cracks in two supports.</p>
</article></body></html>"#;
    let (article, _) = extract::extract(&doc(Content::Html(page.to_string())));
    assert_eq!(article.url.as_deref(), Some("https://dailyplanet.example/bridge"));
    assert_eq!(article.language.as_deref(), Some("en"));
    assert_eq!(article.source, "The Daily Planet");
    assert_eq!(article.title.as_deref(), Some("Bridge closes"));
    assert!(article.body.starts_with("The city council voted"), "{}", article.body);
}

/// The title and publication date extracted from `text` given the caller title `title`.
fn titled(text: &str, title: &str) -> (Option<String>, Option<String>) {
    let mut raw = doc(Content::Text(text.to_string()));
    raw.title = Some(title.into());
    let (article, _) = extract::extract(&raw);
    assert!(article.body.starts_with("The city council voted"), "{}", article.body);
    (article.title, article.published.map(|d| d.to_rfc3339()))
}

#[test]
fn a_title_that_is_only_a_date_is_the_date() {
    // Exports and scrapers sometimes file the date line in the title field.
    let text = "Council votes to close the old bridge\n\nThe city council voted on Tuesday.";
    let headline = Some("Council votes to close the old bridge".to_string());
    let date = |day: &str| Some(format!("2013-05-{day}T00:00:00+00:00"));
    assert_eq!(titled(text, "Thursday, May 2, 2013"), (headline.clone(), date("02")));
    // A date in the text wins over the one in the title field.
    assert_eq!(titled(STORY, "May 2, 2013"), (headline.clone(), date("03")));
    // A date line in a form not read is no headline either.
    assert_eq!(titled(text, "May 2, 2013, 1: 12 PM"), (headline, None));
}
