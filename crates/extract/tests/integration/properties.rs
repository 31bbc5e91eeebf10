//! Random pages made of the pieces extraction reads (metadata, JSON-LD, bylines, dates,
//! headlines, entities, double-encoded text, broken tags): it never panics, as a text or as
//! HTML, and the article it returns keeps its invariants.

use model::{Content, Origin, RawDocument};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "<html lang=\"en\">",
    "<head>",
    "</head>",
    "<body>",
    "<title>",
    "</title>",
    "<meta property=\"og:site_name\" content=\"",
    "<meta property=\"article:published_time\" content=\"",
    "<meta name=\"author\" content=\"",
    "\">",
    "<link rel=\"canonical\" href=\"https://example.com/2021/03/04/a",
    "<script type=\"application/ld+json\">",
    "{\"@type\":\"NewsArticle\",\"headline\":\"",
    "\",\"datePublished\":\"",
    "\",\"author\":{\"@type\":\"Person\",\"name\":\"",
    "\"}}",
    "</script>",
    "<h1>",
    "</h1>",
    "<p>",
    "</p>",
    "<div class=\"byline\">",
    "<span class=\"updated\">",
    "</span>",
    "</div>",
    "<time datetime=\"",
    "2025-03-12T09:00:00Z",
    "March 12, 2025",
    "Updated ",
    "By ",
    "Jane Doe",
    "Harbor Gazette",
    "<a href=\"/authors/jane-doe\">",
    "</a>",
    "<!--",
    "-->",
    "<",
    ">",
    "&amp;",
    "&quot;",
    "&#8217;",
    "â€™",
    "Ã©",
    "é",
    "“",
    "”",
    "<br>",
    "\n",
    "The council voted ",
    "on Tuesday to rebuild the bridge. ",
    "© 2025 ",
    "<nav>",
    "</nav>",
    "<footer>",
    "</footer>",
    "<table><tr><td>",
    "</td></tr></table>",
    "<noscript>",
    "WASHINGTON — ",
    "Share this ",
];

fn page() -> impl Strategy<Value = String> {
    proptest::collection::vec(0..PIECES.len(), 0..120)
        .prop_map(|pieces| pieces.iter().map(|&i| PIECES[i]).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(testkit::cases(500)))]

    #[test]
    fn any_page_extracts_without_panic(page in page()) {
        for content in [Content::Html(page.clone()), Content::Text(page.clone())] {
            let raw = RawDocument::new(Origin::file("random"), content);
            let (article, _) = extract::extract(&raw);
            prop_assert!(!article.source.is_empty());
            prop_assert_eq!(article.id.len(), 16);
        }
    }

    #[test]
    fn any_date_string_parses_without_panic(page in page()) {
        let _ = extract::parse_date(&page);
        let _ = extract::url_date(&page);
    }
}
