//! The web UI: server-rendered HTML pages (askama templates, escaped by default) that work
//! without JavaScript, and the stylesheet they share.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::api::{self, SearchParams, SearchResponse};
use crate::error::ApiError;
use crate::filters::{Sort, StoryFilter};
use crate::state::{AppState, Rendering};
use crate::view::{self, ArticleView, StoryView};

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(story_list))
        .route("/stories/{id}", get(story_page))
        .route("/articles/{id}", get(article_page))
        .route("/search", get(search_page))
        .route("/static/style.css", get(stylesheet))
}

const STYLESHEET: &str = include_str!("../assets/style.css");

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLESHEET,
    )
        .into_response()
}

/// An error shown as a page.
struct PageError(ApiError);

impl From<ApiError> for PageError {
    fn from(err: ApiError) -> PageError {
        PageError(err)
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    status: u16,
    reason: &'a str,
    message: &'a str,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let page = ErrorPage {
            status: self.0.status.as_u16(),
            reason: self.0.status.canonical_reason().unwrap_or("Error"),
            message: &self.0.message,
        };
        (self.0.status, render(&page)).into_response()
    }
}

fn render(page: &dyn askama::DynTemplate) -> Response {
    match page.dyn_render() {
        Ok(html) => Html(html).into_response(),
        Err(err) => ApiError::internal(&err).into_response(),
    }
}

/// The fallback: a JSON error under `/api/`, a page elsewhere.
pub(crate) async fn not_found(uri: Uri) -> Response {
    if uri.path().starts_with("/api/") {
        return ApiError::not_found("route_not_found", format!("no endpoint at {}", uri.path()))
            .into_response();
    }
    PageError(ApiError::not_found("page_not_found", "There is no page at this address."))
        .into_response()
}

#[derive(Template)]
#[template(path = "stories.html")]
struct StoryListPage {
    stories: Vec<ListedStory>,
    outlets: Vec<String>,
    source: String,
    from: String,
    to: String,
    covered: bool,
    next: Option<String>,
}

struct ListedStory {
    href: String,
    title: String,
    sources: Vec<String>,
    article_count: usize,
    span: Option<String>,
}

async fn story_list(
    State(state): State<AppState>,
    filter: Result<Query<StoryFilter>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, PageError> {
    let Query(filter) =
        filter.map_err(|err| ApiError::bad_request("invalid_query", err.body_text()))?;
    let filter = StoryFilter { source: filter.source.filter(|it| !it.is_empty()), ..filter };
    let page = state.inner().story_page(&filter)?;
    let outlets = state.inner().outlets();
    let stories = page
        .items
        .into_iter()
        .map(|it| ListedStory {
            href: view::story_href(&it.id),
            span: view::span(it.first_published.as_deref(), it.last_published.as_deref()),
            title: it.title,
            sources: it.sources,
            article_count: it.article_count,
        })
        .collect();
    let covered = filter.sort == Some(Sort::Covered);
    let text = |it: &Option<String>| it.clone().unwrap_or_default();
    let next = page.next_cursor.map(|cursor| {
        let mut acc = format!("/?cursor={}", view::encode_segment(&cursor));
        for (name, value) in
            [("source", &filter.source), ("from", &filter.from), ("to", &filter.to)]
        {
            if let Some(value) = value.as_deref().filter(|it| !it.is_empty()) {
                acc.push_str(&format!("&{name}={}", view::encode_segment(value)));
            }
        }
        if covered {
            acc.push_str("&sort=covered");
        }
        acc
    });
    let page = StoryListPage {
        stories,
        outlets: outlets.to_vec(),
        source: text(&filter.source),
        from: text(&filter.from),
        to: text(&filter.to),
        covered,
        next,
    };
    Ok(render(&page))
}

#[derive(Template)]
#[template(path = "story.html")]
struct StoryPage {
    story: StoryView,
}

async fn story_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    if let Some(html) = state.inner().cached(Rendering::Page, &id) {
        return Ok(Html(html).into_response());
    }
    let html = state
        .blocking(move |inner| {
            let version = inner.version();
            let store = inner.reader();
            let Some(story) = store.story(&id)? else {
                return Err(api::story_not_found(&id));
            };
            let mut articles = Vec::with_capacity(story.articles.len());
            for article in &story.articles {
                articles.extend(store.article(article)?);
            }
            drop(store);
            let page = StoryPage { story: view::story_view(&story, &articles) };
            let html: axum::body::Bytes =
                page.render().map_err(|err| ApiError::internal(&err))?.into();
            inner.cache(version, Rendering::Page, id, html.clone());
            Ok(html)
        })
        .await?;
    Ok(Html(html).into_response())
}

#[derive(Template)]
#[template(path = "article.html")]
struct ArticlePage {
    article: ArticleView,
}

async fn article_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let article = state
        .blocking(move |inner| {
            let store = inner.reader();
            let Some(stored) = store.article(&id)? else {
                return Err(api::article_not_found(&id));
            };
            let story = match &stored.story {
                Some(story) => store.story(story)?,
                None => None,
            };
            let original = match &stored.duplicate_of {
                Some(original) => store.article(original)?,
                None => None,
            };
            drop(store);
            Ok(view::article_view(&stored, story.as_ref(), original.as_ref()))
        })
        .await?;
    Ok(render(&ArticlePage { article }))
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    q: String,
    source: String,
    from: String,
    to: String,
    outlets: Vec<String>,
    results: Option<SearchResponse>,
}

impl SearchPage {
    fn story_href(&self, id: &str) -> String {
        view::story_href(id)
    }

    fn article_href(&self, id: &str) -> String {
        view::article_href(id)
    }
}

async fn search_page(
    State(state): State<AppState>,
    params: Result<Query<SearchParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, PageError> {
    let Query(params) =
        params.map_err(|err| ApiError::bad_request("invalid_query", err.body_text()))?;
    let text = |it: &Option<String>| it.clone().unwrap_or_default();
    let outlets = state.inner().outlets().to_vec();
    let asked = [&params.q, &params.source, &params.from, &params.to]
        .iter()
        .any(|it| it.as_deref().is_some_and(|it| !it.trim().is_empty()));
    let mut page = SearchPage {
        q: text(&params.q),
        source: text(&params.source),
        from: text(&params.from),
        to: text(&params.to),
        outlets,
        results: None,
    };
    if asked {
        page.results = Some(api::run_search(&state, params).await?);
    }
    Ok(render(&page))
}
