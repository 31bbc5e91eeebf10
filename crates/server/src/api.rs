//! The JSON API (`/api/...`), its DTOs, and the OpenAPI document generated from them.
//!
//! DTOs mirror the contract's types field for field (`model::report` stays free of HTTP and
//! schema concerns); a test checks that a story serializes exactly as `model` does.

use std::any::Any;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::error::{ApiError, ErrorBody};
use crate::filters::{StoryFilter, Window};
use crate::state::{AppState, Rendering};

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/health", get(health))
        .route("/api/stories", get(list_stories))
        .route("/api/stories/{id}", get(get_story))
        .route("/api/articles", axum::routing::post(post_articles))
        .route("/api/articles/{id}", get(get_article))
        .route("/api/search", get(search))
        .route("/openapi.json", get(openapi))
}

/// The OpenAPI 3 document of the API, as served at `/openapi.json`.
pub fn openapi_json() -> String {
    ApiDoc::openapi().to_pretty_json().unwrap_or_default()
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Parallax API", description = "Stories, articles and search over a Parallax store."),
    paths(health, list_stories, get_story, get_article, search, post_articles),
    components(schemas(ErrorBody, StorySummary, StoryPage, Story, Article, SearchResponse, IngestResponse)),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// Turns a panic in a handler into a logged 500 with the usual error body.
pub(crate) fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let what = match (panic.downcast_ref::<String>(), panic.downcast_ref::<&str>()) {
        (Some(text), _) => text.clone(),
        (None, Some(text)) => text.to_string(),
        (None, None) => "a panic".to_string(),
    };
    ApiError::internal(&format!("handler panicked: {what}")).into_response()
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], openapi_json()).into_response()
}

/// Liveness and counts.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Health {
    /// Always `ok` when the server answers.
    status: &'static str,
    articles: usize,
    stories: usize,
    /// Articles in the search index.
    indexed: u64,
    /// Whether `POST /api/articles` is enabled (a token is set).
    writes_enabled: bool,
    /// Whether the analysis the server starts with is running (posts wait for it).
    analysing: bool,
}

#[utoipa::path(get, path = "/api/health", responses((status = 200, body = Health)))]
async fn health(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    let health = state
        .blocking(|inner| {
            let store = inner.reader();
            Ok(Health {
                status: "ok",
                articles: store.article_count()?,
                stories: inner.listings().len(),
                indexed: inner.index.len(),
                writes_enabled: inner.token.is_some(),
                analysing: inner.warming_up.load(std::sync::atomic::Ordering::SeqCst),
            })
        })
        .await?;
    Ok(Json(health))
}

/// A story as listed.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct StorySummary {
    id: String,
    title: String,
    article_count: usize,
    sources: Vec<String>,
    first_published: Option<String>,
    last_published: Option<String>,
}

impl From<store::StoryListing> for StorySummary {
    fn from(it: store::StoryListing) -> StorySummary {
        StorySummary {
            id: it.id,
            title: it.title,
            article_count: it.article_count,
            sources: it.sources,
            first_published: it.first_published,
            last_published: it.last_published,
        }
    }
}

/// One page of stories.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct StoryPage {
    stories: Vec<StorySummary>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    next_cursor: Option<String>,
}

#[utoipa::path(
    get, path = "/api/stories", params(StoryFilter),
    responses((status = 200, body = StoryPage), (status = 400, body = ErrorBody))
)]
async fn list_stories(
    State(state): State<AppState>,
    filter: Result<Query<StoryFilter>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<StoryPage>, ApiError> {
    let Query(filter) =
        filter.map_err(|err| ApiError::bad_request("invalid_query", err.body_text()))?;
    let page = state.inner().story_page(&filter)?;
    let stories = page.items.into_iter().map(StorySummary::from).collect();
    Ok(Json(StoryPage { stories, next_cursor: page.next_cursor }))
}

#[utoipa::path(
    get, path = "/api/stories/{id}", params(("id" = String, Path, description = "The story's id")),
    responses((status = 200, body = Story), (status = 404, body = ErrorBody))
)]
async fn get_story(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let json = match state.inner().cached(Rendering::Json, &id) {
        Some(json) => json,
        None => {
            state
                .blocking(move |inner| {
                    let version = inner.version();
                    let story = inner.reader().story(&id)?.ok_or_else(|| story_not_found(&id))?;
                    let json: Bytes = serde_json::to_vec(&Story::from(story))
                        .map_err(|err| ApiError::internal(&err))?
                        .into();
                    inner.cache(version, Rendering::Json, id, json.clone());
                    Ok(json)
                })
                .await?
        }
    };
    Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response())
}

pub(crate) fn story_not_found(id: &str) -> ApiError {
    ApiError::not_found("story_not_found", format!("no story has the id {id:?}"))
}

pub(crate) fn article_not_found(id: &str) -> ApiError {
    ApiError::not_found("article_not_found", format!("no article has the id {id:?}"))
}

#[utoipa::path(
    get, path = "/api/articles/{id}", params(("id" = String, Path, description = "The article's id")),
    responses((status = 200, body = Article), (status = 404, body = ErrorBody))
)]
async fn get_article(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Article>, ApiError> {
    let stored = state.blocking(move |inner| Ok(inner.reader().article(&id)?.ok_or(id))).await?;
    match stored {
        Ok(stored) => Ok(Json(Article::from(stored))),
        Err(id) => Err(article_not_found(&id)),
    }
}

/// Search parameters.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct SearchParams {
    /// Words to find in titles and bodies (tantivy syntax: `"a phrase"`, `OR`, `-word`); all
    /// words are required by default. May be empty when a filter is given.
    pub(crate) q: Option<String>,
    /// Only articles of this outlet (exact name).
    pub(crate) source: Option<String>,
    /// Only articles published on or after this date (`YYYY-MM-DD` or RFC 3339).
    pub(crate) from: Option<String>,
    /// Only articles published on or before this date (a bare date includes its day).
    pub(crate) to: Option<String>,
    /// At most this many articles, 1 to 100 (default 50).
    pub(crate) limit: Option<usize>,
}

/// Search results, grouped by story.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SearchResponse {
    /// How many articles match in all.
    pub(crate) total: usize,
    /// Stories in the order of their best hit.
    pub(crate) groups: Vec<SearchGroup>,
}

/// The hits of one story.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SearchGroup {
    /// `null` for articles not yet analysed.
    pub(crate) story: Option<String>,
    pub(crate) title: Option<String>,
    pub(crate) hits: Vec<SearchHit>,
}

/// One matching article.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SearchHit {
    pub(crate) article: String,
    pub(crate) source: String,
    pub(crate) title: Option<String>,
    /// RFC 3339, UTC.
    pub(crate) published: Option<String>,
    pub(crate) score: f32,
    /// The passage around the matched words, in pieces; plain text, never HTML.
    pub(crate) snippet: Vec<SnippetPart>,
}

/// A piece of a snippet.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SnippetPart {
    pub(crate) text: String,
    pub(crate) highlighted: bool,
}

#[utoipa::path(
    get, path = "/api/search", params(SearchParams),
    responses((status = 200, body = SearchResponse), (status = 400, body = ErrorBody))
)]
async fn search(
    State(state): State<AppState>,
    params: Result<Query<SearchParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<SearchResponse>, ApiError> {
    let Query(params) =
        params.map_err(|err| ApiError::bad_request("invalid_query", err.body_text()))?;
    let nothing = [&params.q, &params.source, &params.from, &params.to]
        .iter()
        .all(|it| it.as_deref().is_none_or(|it| it.trim().is_empty()));
    if nothing {
        return Err(ApiError::bad_request("missing_query", "give q, or a source or date filter"));
    }
    Ok(Json(run_search(&state, params).await?))
}

/// Runs a search and names each group's story; shared with the search page.
pub(crate) async fn run_search(
    state: &AppState,
    params: SearchParams,
) -> Result<SearchResponse, ApiError> {
    let window = Window::parse(params.from.as_deref(), params.to.as_deref())?;
    let limit = params.limit.unwrap_or(50);
    if !(1..=100).contains(&limit) {
        return Err(ApiError::bad_request("invalid_limit", "limit must be between 1 and 100"));
    }
    state
        .blocking(move |inner| {
            let query = search::Query {
                text: params.q.as_deref().unwrap_or(""),
                source: params.source.as_deref().filter(|it| !it.is_empty()),
                from: window.from,
                to: window.to,
                limit,
            };
            let hits = inner.index.search(&query)?;
            let groups = search::group_by_story(hits.hits);
            let acc = groups
                .into_iter()
                .map(|group| SearchGroup {
                    title: group.story.as_deref().and_then(|id| inner.story_title(id)),
                    story: group.story,
                    hits: group.hits.into_iter().map(SearchHit::from).collect(),
                })
                .collect();
            Ok(SearchResponse { total: hits.total, groups: acc })
        })
        .await
}

impl From<search::Hit> for SearchHit {
    fn from(hit: search::Hit) -> SearchHit {
        SearchHit {
            article: hit.article,
            source: hit.source,
            title: hit.title,
            published: hit.published.map(|it| it.to_rfc3339()),
            score: hit.score,
            snippet: hit
                .snippet
                .into_iter()
                .map(|it| SnippetPart { text: it.text, highlighted: it.highlighted })
                .collect(),
        }
    }
}

/// What an ingest did.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct IngestResponse {
    /// The ids of the articles read from the body, in order.
    articles: Vec<String>,
    inserted: usize,
    updated: usize,
    unchanged: usize,
    /// Lines or elements of the body that could not be read.
    skipped: usize,
    diagnostics: Vec<DiagnosticDto>,
    /// The stories that hold the posted articles.
    stories: Vec<StorySummary>,
}

/// A problem with one line or element of the body.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct DiagnosticDto {
    /// `error` (skipped) or `warning` (read with a caveat).
    severity: &'static str,
    /// `body:LINE` for JSONL, `body[INDEX]` for a JSON array.
    location: String,
    message: String,
}

/// Proof that the request carries the write token; checked before the body is read.
pub(crate) struct WriteAccess;

impl FromRequestParts<AppState> for WriteAccess {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Some(token) = state.inner().token.as_deref() else {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "writes_disabled",
                "writes are disabled: start the server with --token or PARALLAX_TOKEN",
            ));
        };
        let given = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|it| it.to_str().ok())
            .and_then(|it| it.strip_prefix("Bearer "))
            .map(str::trim);
        match given {
            Some(given) if constant_time_eq(given.as_bytes(), token.as_bytes()) => Ok(WriteAccess),
            Some(_) => Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "invalid_token",
                "the bearer token is wrong",
            )),
            None => Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "missing_token",
                "this endpoint needs an Authorization: Bearer header",
            )),
        }
    }
}

/// Compares without stopping at the first difference, so timing tells nothing of the token.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let mut diff = u8::from(a.len() != b.len());
    for (x, y) in a.iter().zip(b.iter().cycle()) {
        diff |= x ^ y;
    }
    diff == 0 && !b.is_empty()
}

#[utoipa::path(
    post, path = "/api/articles",
    request_body(content = String, description = "One article object, a JSON array of them, or JSONL (one per line), in the contract's article form", content_type = "application/json"),
    security(("bearer" = [])),
    responses(
        (status = 200, body = IngestResponse),
        (status = 400, body = ErrorBody, description = "no article could be read"),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody, description = "writes are disabled"),
        (status = 413, body = ErrorBody)
    )
)]
async fn post_articles(
    _access: WriteAccess,
    State(state): State<AppState>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<IngestResponse>, ApiError> {
    let body = match body {
        Ok(body) => body,
        Err(err) if err.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                format!("the body is larger than {} bytes", state.max_body_bytes()),
            ))
        }
        Err(err) => return Err(ApiError::bad_request("invalid_body", err.body_text())),
    };
    let intake = state
        .blocking(move |inner| {
            let (documents, diagnostics) = crate::intake::read_body(&body, &inner.pipeline.limits);
            crate::intake::ingest(inner, documents, diagnostics)
        })
        .await?;
    let skipped =
        intake.diagnostics.iter().filter(|it| it.severity == model::Severity::Error).count();
    let diagnostics = intake
        .diagnostics
        .iter()
        .map(|it| DiagnosticDto {
            severity: match it.severity {
                model::Severity::Error => "error",
                model::Severity::Warning => "warning",
            },
            location: it.origin.to_string(),
            message: it.message.clone(),
        })
        .collect();
    Ok(Json(IngestResponse {
        articles: intake.articles,
        inserted: intake.inserted,
        updated: intake.updated,
        unchanged: intake.unchanged,
        skipped,
        diagnostics,
        stories: intake.stories.into_iter().map(StorySummary::from).collect(),
    }))
}

/// An article as the contract reports it.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Article {
    id: String,
    source: String,
    url: Option<String>,
    title: Option<String>,
    author: Option<String>,
    /// RFC 3339.
    published: Option<String>,
    language: Option<String>,
    body: String,
    duplicate_of: Option<String>,
    /// `null` only while an ingest's analysis is pending.
    story: Option<String>,
    /// Unknown input fields, echoed back.
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    #[schema(value_type = Object)]
    extra: serde_json::Map<String, serde_json::Value>,
}

impl From<store::StoredArticle> for Article {
    fn from(stored: store::StoredArticle) -> Article {
        let article = stored.article;
        Article {
            id: article.id,
            source: article.source,
            url: article.url,
            title: article.title,
            author: article.author,
            published: article.published.map(|it| it.to_rfc3339()),
            language: article.language,
            body: article.body,
            duplicate_of: stored.duplicate_of,
            story: stored.story,
            extra: article.extra,
        }
    }
}

/// A story as the contract reports it (`model::report::Story`).
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Story {
    id: String,
    title: String,
    articles: Vec<String>,
    sources: Vec<String>,
    facts: Vec<Fact>,
    quotes: Vec<Quote>,
    numbers: Vec<NumberMention>,
    entities: Vec<Entity>,
    conflicts: Vec<Conflict>,
    summary: Vec<SummarySentence>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_published: Option<String>,
}

/// One claim, aligned across the articles that report it.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Fact {
    text: String,
    articles: Vec<String>,
    /// One outlet only: the fact is exclusive to it.
    sources: Vec<String>,
    evidence: Vec<Evidence>,
}

/// The sentence of one article that supports a fact.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Evidence {
    article: String,
    sentence: String,
}

/// A direct quote.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Quote {
    text: String,
    speaker: Option<String>,
    articles: Vec<String>,
    sources: Vec<String>,
}

/// A number as reported.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct NumberMention {
    value: f64,
    unit: Option<String>,
    text: String,
    articles: Vec<String>,
    sources: Vec<String>,
    /// For a date (`unit` is `date`), the day as ISO 8601.
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
}

/// A named entity; `kind` is `person`, `organization`, `place` or `other`.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Entity {
    name: String,
    kind: String,
    articles: Vec<String>,
    /// The distinct outlets of `articles`.
    sources: Vec<String>,
    /// Other names merged into this one: an acronym, a surname alone. Left out when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<String>,
}

/// Sources disagree about one thing.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Conflict {
    about: String,
    claims: Vec<ConflictClaim>,
}

/// One side of a conflict.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ConflictClaim {
    text: String,
    articles: Vec<String>,
}

/// One summary sentence with the articles that support it.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SummarySentence {
    text: String,
    articles: Vec<String>,
}

impl From<model::report::Story> for Story {
    fn from(it: model::report::Story) -> Story {
        use model::report::EntityKind;
        Story {
            id: it.id,
            title: it.title,
            articles: it.articles,
            sources: it.sources,
            facts: it
                .facts
                .into_iter()
                .map(|fact| Fact {
                    text: fact.text,
                    articles: fact.articles,
                    sources: fact.sources,
                    evidence: fact
                        .evidence
                        .into_iter()
                        .map(|it| Evidence { article: it.article, sentence: it.sentence })
                        .collect(),
                })
                .collect(),
            quotes: it
                .quotes
                .into_iter()
                .map(|it| Quote {
                    text: it.text,
                    speaker: it.speaker,
                    articles: it.articles,
                    sources: it.sources,
                })
                .collect(),
            numbers: it
                .numbers
                .into_iter()
                .map(|it| NumberMention {
                    value: it.value,
                    unit: it.unit,
                    text: it.text,
                    articles: it.articles,
                    sources: it.sources,
                    date: it.date,
                })
                .collect(),
            entities: it
                .entities
                .into_iter()
                .map(|it| Entity {
                    name: it.name,
                    kind: match it.kind {
                        EntityKind::Person => "person",
                        EntityKind::Organization => "organization",
                        EntityKind::Place => "place",
                        EntityKind::Other => "other",
                    }
                    .to_string(),
                    articles: it.articles,
                    sources: it.sources,
                    aliases: it.aliases,
                })
                .collect(),
            conflicts: it
                .conflicts
                .into_iter()
                .map(|it| Conflict {
                    about: it.about,
                    claims: it
                        .claims
                        .into_iter()
                        .map(|it| ConflictClaim { text: it.text, articles: it.articles })
                        .collect(),
                })
                .collect(),
            summary: it
                .summary
                .into_iter()
                .map(|it| SummarySentence { text: it.text, articles: it.articles })
                .collect(),
            first_published: it.first_published,
            last_published: it.last_published,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn story_dto_serializes_exactly_as_the_contract() {
        use model::report as m;
        let story = m::Story {
            id: "s1".into(),
            title: "T".into(),
            articles: vec!["a".into(), "b".into()],
            sources: vec!["A".into(), "B".into()],
            facts: vec![m::Fact {
                text: "f".into(),
                articles: vec!["a".into()],
                sources: vec!["A".into()],
                evidence: vec![m::Evidence { article: "a".into(), sentence: "f".into() }],
            }],
            quotes: vec![m::Quote {
                text: "q".into(),
                speaker: None,
                articles: vec![],
                sources: vec![],
            }],
            numbers: vec![m::NumberMention {
                value: 2.5,
                unit: Some("%".into()),
                text: "2.5%".into(),
                articles: vec![],
                sources: vec![],
                date: None,
            }],
            entities: vec![m::Entity {
                name: "X".into(),
                kind: m::EntityKind::Organization,
                articles: vec!["a".into()],
                sources: vec!["A".into()],
                aliases: vec!["Y".into()],
            }],
            conflicts: vec![m::Conflict {
                about: "n".into(),
                claims: vec![m::ConflictClaim { text: "c".into(), articles: vec!["b".into()] }],
            }],
            summary: vec![m::SummarySentence { text: "s".into(), articles: vec!["a".into()] }],
            first_published: Some("2024-01-01T00:00:00+00:00".into()),
            last_published: None,
        };
        let expected = serde_json::to_value(&story).unwrap();
        assert_eq!(serde_json::to_value(Story::from(story)).unwrap(), expected);
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(constant_time_eq(b"secret", b"secret"));
        assert!(!constant_time_eq(b"secre", b"secret"));
        assert!(!constant_time_eq(b"secretx", b"secret"));
        assert!(!constant_time_eq(b"", b""));
    }
}
