//! The HTML pages: content, links to cited sentences, escaping, errors, headers.

use axum::http::{header, StatusCode};

use crate::integration::support::{story_of, TestServer};

#[tokio::test]
async fn story_list_shows_stories_with_outlets_counts_and_spans() {
    let server = TestServer::new();
    let (status, html) = server.get("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<main id=\"main\""));
    assert!(html.contains("3 articles"), "{html}");
    assert!(html.contains("2024-03-04 – 2024-03-05"));
    assert!(html.contains("<li>South Herald</li>"));
    let flood = story_of(&server, "flood-north").await;
    assert!(html.contains(&format!("href=\"/stories/{flood}\"")));
    // The filter form knows every outlet; filtering by one leaves only its stories.
    assert!(!html.contains("<option value=\"West Courier\""));
    let (_, html) = server.get("/?source=South+Herald").await;
    assert!(html.contains("<option value=\"South Herald\" selected>"));
    assert!(!html.contains("ferry"), "{html}");
    let (_, html) = server.get("/?limit=1").await;
    assert!(html.contains("rel=\"next\""));
    let (status, html) = server.get("/?from=someday").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("400 Bad Request"));
}

#[tokio::test]
async fn story_page_has_summary_citations_matrix_quotes_and_timeline() {
    let server = TestServer::new();
    let flood = story_of(&server, "flood-north").await;
    let (status, html) = server.get(&format!("/stories/{flood}")).await;
    assert_eq!(status, StatusCode::OK);
    for section in ["Summary", "Coverage", "Quotes", "Numbers", "Who and where", "Timeline"] {
        assert!(html.contains(&format!(">{section}</h2>")), "{section}");
    }
    // Citations point at a sentence anchor of a story article.
    assert!(html.contains("class=\"cite\" href=\"/articles/flood-"), "{html}");
    // The matrix has one column per outlet and marks the exclusives.
    for outlet in ["North Post", "South Herald", "East Gazette"] {
        assert!(html.contains(&format!("<th scope=\"col\">{outlet}</th>")), "{outlet}");
    }
    assert!(html.contains("<tr class=\"exclusive\">"), "{html}");
    assert!(html.contains("Dana Reyes"));
    // Names by kind, with the outlets that give them.
    assert!(html.contains("<h3>Places</h3>"), "{html}");
    assert!(html.contains("Millbrook <span class=\"by\">— North Post, South Herald"), "{html}");
    // The timeline is oldest first.
    let north = html.find("href=\"/articles/flood-north\"").unwrap();
    let east = html.find("href=\"/articles/flood-east\"").unwrap();
    assert!(north < east);

    let (status, html) = server.get("/stories/missing").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("no story has the id"));
}

#[tokio::test]
async fn citation_links_land_on_the_cited_sentence() {
    let server = TestServer::new();
    let flood = story_of(&server, "flood-north").await;
    let (_, html) = server.get(&format!("/stories/{flood}")).await;
    let link = html
        .split("href=\"")
        .skip(1)
        .filter_map(|it| it.split('"').next())
        .find(|it| it.starts_with("/articles/") && it.contains("#s"))
        .unwrap()
        .to_string();
    let (path, anchor) = link.split_once('#').unwrap();
    let (status, article) = server.get(path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(article.contains(&format!("id=\"{anchor}\"")), "{anchor} not in {path}");
}

#[tokio::test]
async fn article_page_marks_shared_and_exclusive_sentences() {
    let server = TestServer::new();
    let (status, html) = server.get("/articles/flood-south").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("id=\"s0\""));
    assert!(html.contains("class=\"shared\""), "{html}");
    assert!(html.contains("class=\"exclusive\""), "{html}");
    assert!(html.contains("Also reported by"));
    let (status, _) = server.get("/articles/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn article_text_is_escaped_everywhere() {
    let server = TestServer::new();
    let flood = story_of(&server, "flood-north").await;
    for uri in [
        "/articles/flood-south".to_string(),
        format!("/stories/{flood}"),
        "/search?q=inert".to_string(),
    ] {
        let (status, html) = server.get(&uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(!html.contains("<script"), "{uri}: {html}");
        assert!(!html.contains("<img"), "{uri}");
        assert!(!html.to_lowercase().contains("<img src=x onerror"), "{uri}");
    }
    let (_, html) = server.get("/articles/flood-south").await;
    assert!(html.contains("&#60;script&#62;"), "{html}");
    assert!(html.contains("&#60;img src=x onerror=alert(1)&#62;"), "{html}");
    // Query text echoed back is escaped too.
    let (_, html) = server.get("/search?q=%3Cscript%3Ealert(1)%3C/script%3E").await;
    assert!(!html.contains("<script>alert"), "{html}");
}

#[tokio::test]
async fn search_page_groups_results_by_story() {
    let server = TestServer::new();
    let (status, html) = server.get("/search").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("role=\"search\""));
    assert!(!html.contains("found"));
    let (_, html) = server.get("/search?q=council").await;
    assert!(html.contains("5 articles found, in 2 stories"), "{html}");
    assert!(html.contains("<mark>council</mark>"));
    let (_, html) = server.get("/search?q=council&source=North+Post&to=2024-03-31").await;
    assert!(html.contains("1 article found, in 1 story"), "{html}");
}

#[tokio::test]
async fn pages_send_security_headers_and_the_stylesheet() {
    let server = TestServer::new();
    let request = axum::http::Request::get("/").body(axum::body::Body::empty()).unwrap();
    let (_, _, headers) = server.send(request).await;
    let csp = headers.get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap();
    assert!(csp.contains("default-src 'none'"));
    assert_eq!(headers.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(), "nosniff");
    let request =
        axum::http::Request::get("/static/style.css").body(axum::body::Body::empty()).unwrap();
    let (status, css, headers) = server.send(request).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers.get(header::CONTENT_TYPE).unwrap().to_str().unwrap().starts_with("text/css"));
    assert!(css.contains("@media (max-width"));
    let (status, html) = server.get("/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("404 Not Found"));
}
