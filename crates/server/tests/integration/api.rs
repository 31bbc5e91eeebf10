//! The JSON API, endpoint by endpoint, including error bodies.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};

use crate::integration::support::{assert_error, story_of, TestServer, TOKEN};

#[tokio::test]
async fn health_counts_articles_stories_and_index() {
    let server = TestServer::new();
    let (status, json) = server.get_json("/api/health").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["status"], "ok");
    assert_eq!(json["articles"], 5);
    assert_eq!(json["stories"], 2);
    assert_eq!(json["indexed"], 5);
    assert_eq!(json["writes_enabled"], true);
    assert_eq!(json["analysing"], false, "no analysis was started");
}

#[tokio::test]
async fn stories_list_filters_and_pages_with_a_cursor() {
    let server = TestServer::new();
    let (status, json) = server.get_json("/api/stories").await;
    assert_eq!(status, StatusCode::OK);
    let stories = json["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 2);
    // Newest first: the vote (April) before the flood (March).
    assert_eq!(stories[0]["sources"].as_array().unwrap().len(), 2);
    assert_eq!(stories[1]["article_count"], 3);
    assert_eq!(stories[1]["first_published"], "2024-03-04T08:00:00+00:00");
    assert_eq!(json["next_cursor"], serde_json::Value::Null);

    let (_, json) = server.get_json("/api/stories?sort=covered").await;
    assert_eq!(json["stories"][0]["article_count"], 3);

    let (_, first) = server.get_json("/api/stories?limit=1").await;
    let cursor = first["next_cursor"].as_str().unwrap();
    let (status, second) = server.get_json(&format!("/api/stories?limit=1&cursor={cursor}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(second["stories"].as_array().unwrap().len(), 1);
    assert_ne!(first["stories"][0]["id"], second["stories"][0]["id"]);
    assert_eq!(second["next_cursor"], serde_json::Value::Null);

    let (_, json) = server.get_json("/api/stories?source=South%20Herald").await;
    assert_eq!(json["stories"].as_array().unwrap().len(), 1);
    assert_eq!(json["stories"][0]["article_count"], 3);
    let (_, json) = server.get_json("/api/stories?from=2024-04-01").await;
    assert_eq!(json["stories"].as_array().unwrap().len(), 1);
    let (_, json) = server.get_json("/api/stories?to=2024-03-04").await;
    assert_eq!(json["stories"].as_array().unwrap().len(), 1);
    assert_eq!(json["stories"][0]["article_count"], 3);
}

#[tokio::test]
async fn stories_list_rejects_bad_parameters() {
    let server = TestServer::new();
    for (uri, code) in [
        ("/api/stories?cursor=nonsense", "invalid_cursor"),
        ("/api/stories?limit=0", "invalid_limit"),
        ("/api/stories?limit=many", "invalid_query"),
        ("/api/stories?sort=random", "invalid_query"),
        ("/api/stories?from=last-week", "invalid_date"),
    ] {
        let (status, json) = server.get_json(uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        assert_error(&json, code);
    }
}

#[tokio::test]
async fn story_is_the_contract_story() {
    let server = TestServer::new();
    let id = story_of(&server, "flood-north").await;
    let (status, json) = server.get_json(&format!("/api/stories/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["id"], id.as_str());
    // Exactly the store's story, field for field.
    let db = server.config.db.clone();
    let expected = tokio::task::spawn_blocking(move || {
        use store::Store;
        let store = store::SqliteStore::open(&db).unwrap();
        serde_json::to_value(store.story(&id).unwrap().unwrap()).unwrap()
    })
    .await
    .unwrap();
    assert_eq!(json, expected);
    // Served from the cache the second time, still as JSON.
    let request = Request::get(format!("/api/stories/{}", json["id"].as_str().unwrap()));
    let (status, body, headers) = server.send(request.body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "application/json");
    assert_eq!(serde_json::from_str::<serde_json::Value>(&body).unwrap(), json);
    let mut articles: Vec<&str> =
        json["articles"].as_array().unwrap().iter().filter_map(|it| it.as_str()).collect();
    articles.sort();
    assert_eq!(articles, ["flood-east", "flood-north", "flood-south"]);
    assert!(!json["facts"].as_array().unwrap().is_empty());
    assert!(!json["summary"].as_array().unwrap().is_empty());

    let (status, json) = server.get_json("/api/stories/no-such-story").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_error(&json, "story_not_found");
}

#[tokio::test]
async fn article_is_reported_with_its_story() {
    let server = TestServer::new();
    let (status, json) = server.get_json("/api/articles/flood-south").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["source"], "South Herald");
    assert_eq!(json["url"], "https://south.example/avon");
    assert_eq!(json["published"], "2024-03-04T11:30:00+00:00");
    assert!(json["body"].as_str().unwrap().contains("<script>"));
    assert_eq!(json["duplicate_of"], serde_json::Value::Null);
    assert!(json["story"].is_string());

    let (status, json) = server.get_json("/api/articles/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_error(&json, "article_not_found");
}

#[tokio::test]
async fn search_groups_hits_by_story_and_filters() {
    let server = TestServer::new();
    let (status, json) = server.get_json("/api/search?q=evacuated").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["total"], 3);
    let groups = json["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0]["story"], story_of(&server, "flood-north").await.as_str());
    assert!(groups[0]["title"].is_string());
    let hit = &groups[0]["hits"][0];
    let highlighted: Vec<&str> = hit["snippet"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|it| it["highlighted"] == true)
        .filter_map(|it| it["text"].as_str())
        .collect();
    assert_eq!(highlighted, ["evacuated"]);

    let (_, json) = server.get_json("/api/search?q=council&source=East%20Gazette").await;
    assert_eq!(json["total"], 2);
    assert_eq!(json["groups"].as_array().unwrap().len(), 2);
    let (_, json) = server.get_json("/api/search?q=council&from=2024-04-01&to=2024-04-10").await;
    assert_eq!(json["total"], 1);
    assert_eq!(json["groups"][0]["hits"][0]["article"], "vote-north");
    let (_, json) = server.get_json("/api/search?q=%22unclosed%20(").await;
    assert_eq!(json["total"], 0);

    let (status, json) = server.get_json("/api/search").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_error(&json, "missing_query");
    let (status, json) = server.get_json("/api/search?q=x&to=tomorrow").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_error(&json, "invalid_date");
    let (status, json) = server.get_json("/api/search?q=x&limit=1000").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_error(&json, "invalid_limit");
}

const NEW_ARTICLES: &str = r#"{"id": "flood-west", "source": "West Courier", "published": "2024-03-06T10:00:00Z", "title": "Millbrook flood: River Avon recedes", "text": "The River Avon burst its banks in Millbrook on Monday after record rainfall, flooding hundreds of homes.\n\nEmergency crews evacuated 340 residents from the old town overnight, the county council said.\n\nA heron nested on the flooded cricket pavilion, delighting birdwatchers."}
not json at all
{"id": "lonely", "source": "West Courier", "text": "A lighthouse keeper on Skerry Rock retired after forty years of service."}
"#;

#[tokio::test]
async fn posting_articles_ingests_indexes_and_returns_stories_touched() {
    let server = TestServer::new();
    let flood = story_of(&server, "flood-north").await;
    // Rendered (and cached) before the ingest; it must not be served stale after it.
    let (_, page) = server.get(&format!("/stories/{flood}")).await;
    assert!(!page.contains("West Courier"));
    let (_, json) = server.get_json(&format!("/api/stories/{flood}")).await;
    assert!(!json["sources"].as_array().unwrap().iter().any(|it| it == "West Courier"));
    let (_, before) = server.get_json("/api/stories?limit=100").await;
    let (status, json) = server.post(Some(TOKEN), NEW_ARTICLES).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(json["articles"], serde_json::json!(["flood-west", "lonely"]));
    assert_eq!(json["inserted"], 2);
    assert_eq!(json["skipped"], 1);
    assert_eq!(json["diagnostics"][0]["severity"], "error");
    assert_eq!(json["diagnostics"][0]["location"], "body:2");
    let (_, page) = server.get(&format!("/stories/{flood}")).await;
    assert!(page.contains("<th scope=\"col\">West Courier</th>"), "{page}");
    let touched: Vec<&str> =
        json["stories"].as_array().unwrap().iter().filter_map(|it| it["id"].as_str()).collect();
    assert_eq!(touched.len(), 2, "{json}");
    assert!(touched.contains(&flood.as_str()), "{json}");
    assert_eq!(story_of(&server, "flood-west").await, flood);
    // The lists know the new story and outlet at once.
    let (_, after) = server.get_json("/api/stories?limit=100").await;
    let count = |it: &serde_json::Value| it["stories"].as_array().unwrap().len();
    assert_eq!(count(&after), count(&before) + 1, "{after}");
    let (_, page) = server.get("/search").await;
    assert!(page.contains(">West Courier</option>"), "{page}");

    // Stored, analysed and searchable at once.
    let (_, json) = server.get_json(&format!("/api/stories/{flood}")).await;
    assert!(json["sources"].as_array().unwrap().iter().any(|it| it == "West Courier"));
    let (_, json) = server.get_json("/api/search?q=heron").await;
    assert_eq!(json["groups"][0]["hits"][0]["article"], "flood-west");
    assert_eq!(json["groups"][0]["story"], flood.as_str());

    // Posting the same again changes nothing; a JSON array works too.
    let array = r#"[{"id": "lonely", "source": "West Courier", "text": "A lighthouse keeper on Skerry Rock retired after forty years of service."}]"#;
    let (status, json) = server.post(Some(TOKEN), array).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!((json["inserted"].as_u64(), json["unchanged"].as_u64()), (Some(0), Some(1)));
    let (_, json) = server.get_json("/api/health").await;
    assert_eq!((json["articles"].as_u64(), json["indexed"].as_u64()), (Some(7), Some(7)));
}

/// What another process stored while the server was down (a new article, an article edited in
/// place) is searchable as stored once the server starts again, and an edited article's old
/// words no longer find it.
#[tokio::test]
async fn a_restart_indexes_what_was_stored_meanwhile() {
    let mut server = TestServer::new();
    let (_, json) = server.get_json("/api/search?q=defences").await;
    assert_eq!(json["groups"][0]["hits"][0]["article"], "flood-east");
    let dir = tempfile::tempdir().unwrap();
    let meanwhile = dir.path().join("meanwhile.jsonl");
    let edited = r#"{"id": "flood-east", "source": "East Gazette", "published": "2024-03-05T09:00:00Z", "title": "Millbrook counts the cost of the River Avon flood", "text": "Residents of Millbrook returned on Tuesday to homes flooded when the River Avon burst its banks after record rainfall.\n\nEmergency crews had evacuated 300 residents from the old town, the county council said.\n\nThe mayor promised to rebuild the embankment with sandstone from the quarry."}"#;
    let lonely = r#"{"id": "lonely", "source": "West Courier", "text": "A lighthouse keeper on Skerry Rock retired after forty years of service."}"#;
    std::fs::write(&meanwhile, format!("{edited}\n{lonely}\n")).unwrap();
    {
        let mut store = store::SqliteStore::open(&server.config.db).unwrap();
        let paths = [meanwhile.display().to_string()];
        let config = &server.config.pipeline;
        let outcome = pipeline::ingest(&mut store, &paths, config, &pipeline::NoProgress).unwrap();
        assert_eq!((outcome.inserted, outcome.updated), (1, 1), "{outcome:?}");
    }
    server.restart();
    let (_, json) = server.get_json("/api/search?q=lighthouse").await;
    assert_eq!(json["groups"][0]["hits"][0]["article"], "lonely", "{json}");
    let (_, json) = server.get_json("/api/search?q=sandstone").await;
    assert_eq!(json["groups"][0]["hits"][0]["article"], "flood-east", "{json}");
    let (_, json) = server.get_json("/api/search?q=defences").await;
    assert_eq!(json["total"], 0, "the edited article's old text is gone: {json}");
    let (_, json) = server.get_json("/api/health").await;
    assert_eq!((json["articles"].as_u64(), json["indexed"].as_u64()), (Some(6), Some(6)));
}

/// Short reports of unrelated events, each a story of its own.
const UNRELATED: [(&str, &str); 10] = [
    ("A beekeeper in Torvik lost forty hives to a late frost", "Frost in the valley killed the bees of forty hives near Torvik, their keeper said."),
    ("Chess prodigy wins the Kelso open at twelve", "A twelve-year-old girl won the Kelso open chess tournament after a draw with the champion."),
    ("Ferry strike strands tourists on Inish Mor", "Hundreds of tourists were stranded on Inish Mor when ferry crews walked out over pay."),
    ("Museum returns bronze mask to Benin", "The city museum handed a bronze mask back to Benin in a ceremony attended by the ambassador."),
    ("Wildfire closes the Sierra Vista highway", "Firefighters closed the Sierra Vista highway as a wildfire spread across dry hills."),
    ("Rare comet visible over the northern sky tonight", "Astronomers say a rare green comet will be visible to the naked eye before dawn."),
    ("Bakery chain recalls rye bread over glass fears", "Loafbury recalled its rye bread after customers found glass splinters in two loaves."),
    ("Marathon record falls in Rotterdam heat", "A Kenyan runner broke the course record of the Rotterdam marathon despite the heat."),
    ("Orchestra cancels tour after violins stolen", "Thieves took six violins from the orchestra's van, and the spring tour was cancelled."),
    ("Town votes to ban cars from the old square", "Residents of Asti voted to close the old square to cars from next summer."),
];

/// After each post, the story lists are the store's, in its order: the server updates the
/// listings of the stories an analysis changed rather than reading them all again.
#[tokio::test]
async fn the_story_lists_follow_each_post_as_the_store_lists_them() {
    let server = TestServer::new();
    let stored = store::SqliteStore::open(&server.config.db).unwrap();
    let as_stored = || -> Vec<(String, usize, Option<String>)> {
        let listings = store::Store::stories(&stored).unwrap();
        listings.into_iter().map(|it| (it.id, it.article_count, it.last_published)).collect()
    };
    let as_served = |json: &serde_json::Value| -> Vec<(String, usize, Option<String>)> {
        json["stories"]
            .as_array()
            .unwrap()
            .iter()
            .map(|it| {
                let published = it["last_published"].as_str().map(str::to_string);
                (
                    it["id"].as_str().unwrap().to_string(),
                    it["article_count"].as_u64().unwrap() as usize,
                    published,
                )
            })
            .collect()
    };
    // Unrelated events, then a report that joins the flood story and makes it the newest.
    let mut posts: Vec<String> = UNRELATED
        .iter()
        .enumerate()
        .map(|(i, (title, text))| {
            serde_json::json!({"id": format!("u{i}"), "source": "Wire", "published": format!("2024-02-0{}T12:00:00Z", i % 9 + 1), "title": title, "text": text}).to_string()
        })
        .collect();
    posts.push(NEW_ARTICLES.lines().next().unwrap().to_string());
    for body in posts {
        let (status, json) = server.post(Some(TOKEN), body).await;
        assert_eq!(status, StatusCode::OK, "{json}");
        let (_, listed) = server.get_json("/api/stories?limit=100").await;
        assert_eq!(as_served(&listed), as_stored());
    }
    // The flood story's listing was updated in place.
    let flood = story_of(&server, "flood-north").await;
    assert_eq!(story_of(&server, "flood-west").await, flood);
    let listing = as_stored().into_iter().find(|it| it.0 == flood).unwrap();
    assert_eq!(listing.2.as_deref(), Some("2024-03-06T10:00:00+00:00"));
    assert!(as_stored().len() > 4 * 2, "the last posts update the listings they change");
    let (_, page) = server.get("/search").await;
    assert!(page.contains(">Wire</option>"), "{page}");
}

/// Posts sent at once are each stored, analysed and indexed, and each answer names its
/// article's story, whichever post's analysis covered it.
#[tokio::test]
async fn posts_sent_at_once_are_each_analysed_and_indexed() {
    let server = TestServer::new();
    let posts = UNRELATED.iter().enumerate().map(|(i, (title, text))| {
        let body = serde_json::json!({"id": format!("c{i}"), "source": format!("Wire {i}"), "title": title, "text": text});
        server.post(Some(TOKEN), body.to_string())
    });
    let answers = futures_util::future::join_all(posts).await;
    for (i, (status, json)) in answers.iter().enumerate() {
        assert_eq!(*status, StatusCode::OK, "{json}");
        let story = story_of(&server, &format!("c{i}")).await;
        assert_eq!(json["stories"][0]["id"], story.as_str(), "{json}");
    }
    let (_, health) = server.get_json("/api/health").await;
    assert_eq!((health["articles"].as_u64(), health["indexed"].as_u64()), (Some(15), Some(15)));
    let (_, found) = server.get_json("/api/search?q=violins").await;
    assert_eq!(found["groups"][0]["hits"][0]["article"], "c8");
}

#[tokio::test]
async fn posting_needs_the_token() {
    let server = TestServer::new();
    let (status, json) = server.post(None, NEW_ARTICLES).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_error(&json, "missing_token");
    let (status, json) = server.post(Some("wrong"), NEW_ARTICLES).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_error(&json, "invalid_token");
    let (_, json) = server.get_json("/api/health").await;
    assert_eq!(json["articles"], 5);

    let read_only = TestServer::with(None, 1 << 20);
    let (status, json) = read_only.post(Some(TOKEN), NEW_ARTICLES).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_error(&json, "writes_disabled");
    let (_, json) = read_only.get_json("/api/health").await;
    assert_eq!(json["writes_enabled"], false);
}

#[tokio::test]
async fn posting_rejects_oversized_and_unreadable_bodies() {
    let server = TestServer::with(Some(TOKEN), 2048);
    let big = format!(r#"{{"id": "big", "text": "{}"}}"#, "word ".repeat(1000));
    let (status, json) = server.post(Some(TOKEN), big.clone()).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_error(&json, "payload_too_large");
    // Without a Content-Length (a stream), the limit holds too.
    let chunks: Vec<Result<String, std::io::Error>> =
        vec![Ok(big[..1500].to_string()), Ok(big[1500..].to_string())];
    let stream = Body::from_stream(futures_stream(chunks));
    let (status, json) = server.post(Some(TOKEN), stream).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_error(&json, "payload_too_large");

    for body in ["", "garbage", "{\"id\": \"x\"}", "[1, 2]", "\u{0}\u{1}"] {
        let (status, json) = server.post(Some(TOKEN), body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body:?}");
        assert_error(&json, "no_articles");
    }
    // A body that breaks off mid-stream.
    let broken: Vec<Result<String, std::io::Error>> = vec![
        Ok("{\"id\": \"half\", \"te".to_string()),
        Err(std::io::Error::other("client went away")),
    ];
    let (status, json) = server.post(Some(TOKEN), Body::from_stream(futures_stream(broken))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_error(&json, "invalid_body");
    let (_, json) = server.get_json("/api/health").await;
    assert_eq!(json["articles"], 5);
}

fn futures_stream(
    items: Vec<Result<String, std::io::Error>>,
) -> impl futures_util::Stream<Item = Result<String, std::io::Error>> + Send + 'static {
    futures_util::stream::iter(items)
}

#[tokio::test]
async fn unknown_api_routes_and_methods_answer_json() {
    let server = TestServer::new();
    let (status, json) = server.get_json("/api/nothing-here").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_error(&json, "route_not_found");
    let request =
        Request::builder().method(Method::DELETE).uri("/api/stories").body(Body::empty()).unwrap();
    let (status, _, headers) = server.send(request).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(headers.get(header::ALLOW).is_some());
}

#[tokio::test]
async fn openapi_document_lists_every_endpoint() {
    let server = TestServer::new();
    let (status, json) = server.get_json("/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(json["openapi"].as_str().unwrap().starts_with("3."));
    let paths = json["paths"].as_object().unwrap();
    for path in [
        "/api/health",
        "/api/stories",
        "/api/stories/{id}",
        "/api/articles",
        "/api/articles/{id}",
        "/api/search",
    ] {
        assert!(paths.contains_key(path), "{path} missing");
    }
    assert!(paths["/api/articles"]["post"]["security"].is_array());
    let schemas = json["components"]["schemas"].as_object().unwrap();
    for schema in ["Story", "Fact", "ErrorBody", "StoryPage", "SearchResponse", "IngestResponse"] {
        assert!(schemas.contains_key(schema), "{schema} missing");
    }
}
