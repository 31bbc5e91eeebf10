//! The HTTP side of Parallax: a JSON API and a server-rendered web UI over the store.
//!
//! [`serve`] runs it (what `parallax serve` calls); [`router`] builds the same routes over an
//! [`AppState`] for tests. Store calls block, so they run on tokio's blocking pool; ingests
//! take one connection to the store and requests another. The full-text index
//! ([`search::Index`]) lives beside the store: caught up with it at startup, and updated with
//! the articles each ingest through `POST /api/articles` stored or moved.
//!
//! Pages are plain HTML rendered here (askama templates, escaped by default) with one small
//! stylesheet and no script: they work without JavaScript and under a strict CSP.

#![warn(missing_docs)]

mod api;
mod error;
mod filters;
mod intake;
mod pages;
mod state;
mod view;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use axum::http::{header, HeaderValue};
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

pub use crate::api::openapi_json;
pub use crate::error::{ApiError, ErrorBody, ErrorDetail};
pub use crate::state::AppState;

/// How to run the server. [`ServerConfig::new`] gives the defaults; set fields to change them.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Where to listen. Default `127.0.0.1:8080`.
    pub addr: SocketAddr,
    /// The store: a SQLite file, or a PostgreSQL database by URL (see `store::open`).
    pub db: PathBuf,
    /// The full-text index directory. `None`: beside a SQLite store, `<db>.index`; a
    /// PostgreSQL store needs one given.
    pub index_dir: Option<PathBuf>,
    /// The bearer token that write endpoints require. `None`: writes are disabled.
    pub token: Option<String>,
    /// The largest request body accepted (413 beyond). Default 16 MiB.
    pub max_body_bytes: usize,
    /// How ingests through the API are analysed.
    pub pipeline: pipeline::Config,
}

impl ServerConfig {
    /// The defaults for a store at `db`.
    pub fn new(db: PathBuf) -> ServerConfig {
        ServerConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            db,
            index_dir: None,
            token: None,
            max_body_bytes: 16 << 20,
            pipeline: pipeline::Config::recommended(),
        }
    }

    /// The index directory in use: the configured one, or `<db>.index` beside a SQLite
    /// store.
    pub fn index_dir(&self) -> anyhow::Result<PathBuf> {
        match &self.index_dir {
            Some(dir) => Ok(dir.clone()),
            None if store::is_postgres(&self.db_location()) => anyhow::bail!(
                "a PostgreSQL store keeps no files: give the search index a directory (--index DIR)"
            ),
            None => {
                let mut name = self.db.clone().into_os_string();
                name.push(".index");
                Ok(PathBuf::from(name))
            }
        }
    }

    /// The store's location, as `store::open` takes it.
    pub(crate) fn db_location(&self) -> String {
        self.db.to_string_lossy().into_owned()
    }
}

/// Opens the store and index, binds `config.addr` and serves until Ctrl-C (or SIGTERM).
///
/// Runs its own multi-threaded tokio runtime; call it from a plain `main`.
pub fn serve(config: ServerConfig) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("parallax-server")
        .build()
        .context("cannot start the async runtime")?;
    let state = AppState::open(&config)?;
    runtime.block_on(serve_state(state, &config))
}

async fn serve_state(state: AppState, config: &ServerConfig) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("cannot listen on {}", config.addr))?;
    state.warm_up().context("cannot start the analysis of the store")?;
    tracing::info!(target: "server", addr = %config.addr, db = %store::display_location(&config.db_location()), writes = config.token.is_some(), "Serving.");
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("the server stopped with an error")
}

/// Every route, API and pages, with the body limit, security headers and panic guard.
pub fn router(state: AppState) -> Router {
    let max_body_bytes = state.max_body_bytes();
    Router::new()
        .merge(api::routes())
        .merge(pages::routes())
        .fallback(pages::not_found)
        .with_state(state)
        .layer(axum::extract::DefaultBodyLimit::max(max_body_bytes))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(api::panic_response))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; \
                 base-uri 'none'; frame-ancestors 'none'",
            ),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(300),
        ))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::warn!(target: "server", error = %err, "Cannot listen for Ctrl-C.");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => (),
        () = terminate => (),
    }
    tracing::info!(target: "server", "Shutting down.");
}
