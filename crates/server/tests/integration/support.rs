//! A server over a temporary store filled from our fixtures, and request helpers.

use std::path::PathBuf;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use tower::ServiceExt;

pub(crate) const TOKEN: &str = "test-token-123";

/// A router over a fresh store holding `tests/data/stories.jsonl`, with the write token set.
pub(crate) struct TestServer {
    pub(crate) router: Router,
    pub(crate) config: server::ServerConfig,
    _dir: tempfile::TempDir,
}

pub(crate) fn fixture() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/stories.jsonl").display().to_string()
}

impl TestServer {
    pub(crate) fn new() -> TestServer {
        TestServer::with(Some(TOKEN), 1 << 20)
    }

    pub(crate) fn with(token: Option<&str>, max_body_bytes: usize) -> TestServer {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("parallax.db");
        let config = {
            let mut config = server::ServerConfig::new(db.clone());
            config.token = token.map(str::to_string);
            config.max_body_bytes = max_body_bytes;
            config
        };
        {
            let mut store = store::SqliteStore::open(&db).unwrap();
            let outcome =
                pipeline::ingest(&mut store, &[fixture()], &config.pipeline, &pipeline::NoProgress)
                    .unwrap();
            assert_eq!(outcome.inserted, 5, "{:?}", outcome.load.diagnostics);
        }
        let state = server::AppState::open(&config).unwrap();
        TestServer { router: server::router(state), config, _dir: dir }
    }

    /// Stops the server and starts it again over the same store and index, as a restart does.
    pub(crate) fn restart(&mut self) {
        // Dropping the router drops the state, and with it the index's write lock.
        self.router = Router::new();
        self.router = server::router(server::AppState::open(&self.config).unwrap());
    }

    pub(crate) async fn send(
        &self,
        request: Request<Body>,
    ) -> (StatusCode, String, header::HeaderMap) {
        let res = self.router.clone().oneshot(request).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
        (status, String::from_utf8(bytes.to_vec()).unwrap(), headers)
    }

    pub(crate) async fn get(&self, uri: &str) -> (StatusCode, String) {
        let (status, body, _) = self.send(Request::get(uri).body(Body::empty()).unwrap()).await;
        (status, body)
    }

    pub(crate) async fn get_json(&self, uri: &str) -> (StatusCode, serde_json::Value) {
        let (status, body) = self.get(uri).await;
        let json = serde_json::from_str(&body).unwrap_or_else(|err| panic!("{uri}: {err}: {body}"));
        (status, json)
    }

    pub(crate) async fn post(
        &self,
        token: Option<&str>,
        body: impl Into<Body>,
    ) -> (StatusCode, serde_json::Value) {
        let mut request = Request::builder().method(Method::POST).uri("/api/articles");
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let (status, body, _) = self.send(request.body(body.into()).unwrap()).await;
        let json = serde_json::from_str(&body).unwrap_or_else(|err| panic!("{err}: {body}"));
        (status, json)
    }
}

/// Asserts an error body: `{"error": {"code": CODE, "message": non-empty}}`.
pub(crate) fn assert_error(json: &serde_json::Value, code: &str) {
    assert_eq!(json["error"]["code"], code, "{json}");
    assert!(json["error"]["message"].as_str().is_some_and(|it| !it.is_empty()), "{json}");
    assert_eq!(json.as_object().map(|it| it.len()), Some(1), "{json}");
}

/// The id of the story holding `article`.
pub(crate) async fn story_of(server: &TestServer, article: &str) -> String {
    let (_, json) = server.get_json(&format!("/api/articles/{article}")).await;
    json["story"].as_str().unwrap().to_string()
}

/// Serves the router on a random loopback port for the rest of the test's runtime.
pub(crate) async fn spawn_live(server: &TestServer) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = server.router.clone();
    tokio::spawn(async move { axum::serve(listener, router).await });
    addr
}

/// A plain HTTP/1.1 exchange over a fresh connection; returns the status line and the body.
pub(crate) async fn raw_get(addr: std::net::SocketAddr, path: &str) -> (String, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    let response = String::from_utf8_lossy(&response).to_string();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    (head.lines().next().unwrap_or("").to_string(), body.to_string())
}
