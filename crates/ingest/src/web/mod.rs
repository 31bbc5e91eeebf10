//! Fetching web pages and feeds politely and defensively.
//!
//! One [`Fetcher`] is shared by all threads: it keeps, per host, a minimum delay between
//! requests and a concurrency limit, and a cached robots.txt. Every response is bounded (size,
//! decompressed size, idle and total time, redirects), and private, loopback and link-local
//! addresses are refused unless [`FetchConfig::allow_private`] is set.

mod address;
mod robots;

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::io::{self, Read};
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::rc::Rc;
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

use model::{Content, Diagnostic, Origin, RawDocument};
use reqwest::blocking::{Client, Response};
use reqwest::header::{self, HeaderMap};
use reqwest::Url;

use crate::decode::{binary_reason, decode_page};
use crate::feed::{parse_feed, FeedEntry, FeedError};
use crate::unpack::{decoder, is_html, parse_content_type, read_limited, LimitedError};
use crate::web::robots::Robots;

/// The product token robots.txt rules are matched against.
pub const USER_AGENT_TOKEN: &str = "ParallaxBot";

/// How a [`Fetcher`] behaves. The defaults suit crawling news sites; tests shrink them.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// The `User-Agent` header; it should start with [`USER_AGENT_TOKEN`].
    pub user_agent: String,
    /// Whether private, loopback and link-local addresses may be fetched. Default: false.
    pub allow_private: bool,
    /// Whether robots.txt is obeyed. Default: true.
    pub obey_robots: bool,
    /// Time to establish a connection. Default: 10 s.
    pub connect_timeout: Duration,
    /// Longest wait for the response headers or for the next bytes of the body. Default: 20 s.
    pub idle_timeout: Duration,
    /// Longest time for one fetch, redirects, retries and politeness waits included. Default: 60 s.
    pub total_timeout: Duration,
    /// Redirects followed before giving up. Default: 5.
    pub max_redirects: usize,
    /// The largest response accepted, compressed or decompressed. Default: 16 MiB.
    pub max_body_bytes: u64,
    /// Retries after a 429, a 5xx or a connection failure. Default: 3.
    pub max_retries: u32,
    /// The first retry delay; it doubles on each retry. Default: 1 s.
    pub retry_base_delay: Duration,
    /// The longest retry delay, also the cap on a server's `Retry-After`. Default: 30 s.
    pub retry_max_delay: Duration,
    /// The least time between the starts of two requests to one host. Default: 1 s (raised
    /// by a robots.txt `Crawl-delay`, up to 30 s).
    pub host_min_delay: Duration,
    /// The most requests in flight to one host. Default: 2.
    pub host_max_concurrency: usize,
}

impl Default for FetchConfig {
    fn default() -> FetchConfig {
        FetchConfig {
            user_agent: format!(
                "{USER_AGENT_TOKEN}/{} (news story engine)",
                env!("CARGO_PKG_VERSION")
            ),
            allow_private: false,
            obey_robots: true,
            connect_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(20),
            total_timeout: Duration::from_secs(60),
            max_redirects: 5,
            max_body_bytes: 16 << 20,
            max_retries: 3,
            retry_base_delay: Duration::from_secs(1),
            retry_max_delay: Duration::from_secs(30),
            host_min_delay: Duration::from_secs(1),
            host_max_concurrency: 2,
        }
    }
}

/// The validators of a response, for a conditional GET next time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    /// The `ETag` header, sent back as `If-None-Match`.
    pub etag: Option<String>,
    /// The `Last-Modified` header, sent back as `If-Modified-Since`.
    pub last_modified: Option<String>,
}

/// A fetched web page: the document and any caveats (e.g. bytes replaced while decoding).
#[derive(Debug, Clone)]
pub struct Page {
    /// `Content::Html`; `url` is the address after redirects, the origin the address asked for.
    pub document: RawDocument,
    /// Warnings about the page, e.g. bytes that were not valid in its charset.
    pub diagnostics: Vec<Diagnostic>,
}

/// The answer to a feed poll.
#[derive(Debug, Clone, PartialEq)]
pub enum FeedFetch {
    /// The server answered 304: nothing new since the validators were given.
    NotModified,
    /// The feed, with the validators to send next time.
    Fetched {
        /// The address after redirects.
        url: String,
        /// The entries in feed order.
        entries: Vec<FeedEntry>,
        /// Send these with the next poll.
        validators: Validators,
    },
}

/// Why a fetch failed. Each names the URL; its message says the rest.
// The fields are what the messages print; documenting each again would only repeat them.
#[allow(missing_docs)]
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FetchError {
    #[error("{url}: not a valid http(s) URL: {reason}")]
    InvalidUrl { url: String, reason: String },
    #[error("{url}: {host} is {addr}, a {kind} address; private addresses are fetched only when allowed")]
    PrivateAddress { url: String, host: String, addr: IpAddr, kind: &'static str },
    #[error("{url}: cannot resolve {host}: {reason}")]
    Resolve { url: String, host: String, reason: String },
    #[error("{url}: disallowed for {USER_AGENT_TOKEN} by the site's robots.txt")]
    Robots { url: String },
    #[error("{url}: cannot connect: {reason}")]
    Connect { url: String, reason: String },
    #[error("{url}: timed out: {what}")]
    Timeout { url: String, what: &'static str },
    #[error("{url}: HTTP status {status}")]
    Status { url: String, status: u16 },
    #[error("{url}: more than {limit} redirects")]
    TooManyRedirects { url: String, limit: usize },
    #[error("{url}: redirect loop")]
    RedirectLoop { url: String },
    #[error("{url}: bad redirect: {reason}")]
    BadRedirect { url: String, reason: String },
    #[error("{url}: response is larger than the limit of {limit} bytes{}", declared.map(|it| format!(" (it declares {it})")).unwrap_or_default())]
    TooLarge { url: String, limit: u64, declared: Option<u64> },
    #[error("{url}: response expands beyond the limit of {limit} bytes once decompressed")]
    DecompressedTooLarge { url: String, limit: u64 },
    #[error("{url}: corrupt or truncated {encoding} data: {reason}")]
    Decompress { url: String, encoding: String, reason: String },
    #[error("{url}: cannot read the response: {reason}")]
    Read { url: String, reason: String },
    #[error("{url}: not a web page (Content-Type {content_type})")]
    NotHtml { url: String, content_type: String },
    #[error("{url}: {source}")]
    Feed { url: String, source: FeedError },
}

/// A polite, bounded HTTP client for pages, feeds and robots.txt. Share one across threads.
pub struct Fetcher {
    config: FetchConfig,
    client: Client,
    /// Addresses checked by [`Fetcher::check_address`], which the client connects to.
    resolved: Arc<Mutex<HashMap<String, Vec<SocketAddr>>>>,
    hosts: Hosts,
    robots: Mutex<HashMap<String, Arc<OnceLock<Robots>>>>,
}

impl Fetcher {
    /// A fetcher with this configuration.
    ///
    /// Fails only if the TLS backend cannot be set up.
    pub fn new(config: FetchConfig) -> Result<Fetcher, FetchError> {
        let resolved = Arc::new(Mutex::new(HashMap::new()));
        let resolver =
            CheckedResolver { resolved: resolved.clone(), allow_private: config.allow_private };
        let client = Client::builder()
            .user_agent(config.user_agent.clone())
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(config.connect_timeout)
            .timeout(config.idle_timeout)
            // Proxies would bypass the address checks.
            .no_proxy()
            .dns_resolver(Arc::new(resolver))
            .build()
            .map_err(|err| FetchError::Connect { url: String::new(), reason: error_chain(&err) })?;
        Ok(Fetcher {
            config,
            client,
            resolved,
            hosts: Hosts::default(),
            robots: Mutex::new(HashMap::new()),
        })
    }

    /// Fetches one web page.
    pub fn fetch_page(&self, url: &str) -> Result<Page, FetchError> {
        let fetched =
            self.get(url, "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5", None, true)?;
        let Fetched::Body { url: final_url, content_type, body, .. } = fetched else {
            return Err(FetchError::Status { url: url.to_string(), status: 304 });
        };
        let (media_type, charset) = parse_content_type(content_type.as_deref().unwrap_or(""));
        let content_type_text = content_type.clone().unwrap_or_default();
        if (!media_type.is_empty() && !is_html(&media_type) && media_type != "text/plain")
            || binary_reason(&body).is_some()
        {
            return Err(FetchError::NotHtml { url: final_url, content_type: content_type_text });
        }
        let origin = Origin::file(url);
        let (text, warning) = decode_page(&body, charset.as_deref());
        let diagnostics =
            warning.map(|it| Diagnostic::warning(origin.clone(), it)).into_iter().collect();
        let mut document = RawDocument::new(origin, Content::Html(text));
        document.url = Some(final_url);
        Ok(Page { document, diagnostics })
    }

    /// Fetches a feed, conditionally when `validators` are given.
    pub fn fetch_feed(
        &self,
        url: &str,
        validators: Option<&Validators>,
    ) -> Result<FeedFetch, FetchError> {
        let accept = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5";
        match self.get(url, accept, validators, true)? {
            Fetched::NotModified => Ok(FeedFetch::NotModified),
            Fetched::Body { url: final_url, body, validators, .. } => {
                let entries = parse_feed(&body, &final_url)
                    .map_err(|source| FetchError::Feed { url: final_url.clone(), source })?;
                Ok(FeedFetch::Fetched { url: final_url, entries, validators })
            }
        }
    }

    /// Fetches the page of a feed entry; the feed's date is kept as the published date, since
    /// feeds date entries reliably.
    pub fn fetch_entry(&self, entry: &FeedEntry) -> Result<Page, FetchError> {
        let Some(url) = entry.url.as_deref() else {
            return Err(FetchError::InvalidUrl {
                url: entry.id.clone(),
                reason: "the entry has no link".to_string(),
            });
        };
        let mut page = self.fetch_page(url)?;
        page.document.published = entry.published.map(|it| it.to_rfc3339());
        Ok(page)
    }

    /// GET with redirects, retries, politeness, robots.txt and address checks.
    fn get(
        &self,
        url: &str,
        accept: &str,
        validators: Option<&Validators>,
        check_robots: bool,
    ) -> Result<Fetched, FetchError> {
        let deadline = Instant::now() + self.config.total_timeout;
        let mut current = parse_url(url)?;
        let mut seen = HashSet::from([current.to_string()]);
        let mut n_redirects = 0;
        loop {
            if check_robots
                && self.config.obey_robots
                && !self.robots_for(&current).allows(&path_and_query(&current))
            {
                return Err(FetchError::Robots { url: current.to_string() });
            }
            let (response, _permit) = self.send(&current, accept, validators, deadline)?;
            let status = response.status().as_u16();
            if matches!(status, 301 | 302 | 303 | 307 | 308) {
                let location =
                    response.headers().get(header::LOCATION).and_then(|it| it.to_str().ok());
                let Some(location) = location else {
                    return Err(FetchError::BadRedirect {
                        url: current.to_string(),
                        reason: "no Location header".to_string(),
                    });
                };
                let next = current.join(location).map_err(|err| FetchError::BadRedirect {
                    url: current.to_string(),
                    reason: format!("bad Location {location:?}: {err}"),
                })?;
                if !matches!(next.scheme(), "http" | "https") {
                    return Err(FetchError::BadRedirect {
                        url: current.to_string(),
                        reason: format!("to {next}"),
                    });
                }
                if !seen.insert(next.to_string()) {
                    return Err(FetchError::RedirectLoop { url: url.to_string() });
                }
                if n_redirects >= self.config.max_redirects {
                    return Err(FetchError::TooManyRedirects {
                        url: url.to_string(),
                        limit: self.config.max_redirects,
                    });
                }
                current = next;
                n_redirects += 1;
                continue;
            }
            if status == 304 && validators.is_some() {
                return Ok(Fetched::NotModified);
            }
            if !(200..300).contains(&status) {
                return Err(FetchError::Status { url: current.to_string(), status });
            }
            let headers = response.headers().clone();
            let body = self.read_body(response, current.as_str(), &headers, deadline)?;
            let text = |name: header::HeaderName| {
                headers.get(name).and_then(|it| it.to_str().ok()).map(str::to_string)
            };
            return Ok(Fetched::Body {
                url: current.to_string(),
                content_type: text(header::CONTENT_TYPE),
                validators: Validators {
                    etag: text(header::ETAG),
                    last_modified: text(header::LAST_MODIFIED),
                },
                body,
            });
        }
    }

    /// Sends one request, retrying 429, 5xx and connection failures with exponential backoff.
    /// The permit keeps the host's concurrency slot while the body is read.
    fn send(
        &self,
        url: &Url,
        accept: &str,
        validators: Option<&Validators>,
        deadline: Instant,
    ) -> Result<(Response, Permit<'_>), FetchError> {
        self.check_address(url)?;
        let host = host_key(url);
        let delay = self.host_delay(url);
        let mut attempt = 0;
        loop {
            let permit = self
                .hosts
                .acquire(&host, delay, self.config.host_max_concurrency.max(1), deadline)
                .ok_or_else(|| FetchError::Timeout {
                    url: url.to_string(),
                    what: "waiting for a turn at the host",
                })?;
            let remaining = deadline.saturating_duration_since(Instant::now());
            if remaining.is_zero() {
                return Err(FetchError::Timeout { url: url.to_string(), what: "total time limit" });
            }
            let mut request = self
                .client
                .get(url.clone())
                .header(header::ACCEPT, accept)
                .header(header::ACCEPT_ENCODING, "gzip, deflate, br");
            // No per-request timeout: reqwest would apply it to the whole exchange. The
            // client's timeout bounds each wait (headers, every body read): an idle timeout.
            // The total limit is checked between reads, so it may be overrun by one idle wait.
            if let Some(validators) = validators {
                if let Some(etag) = &validators.etag {
                    request = request.header(header::IF_NONE_MATCH, etag);
                }
                if let Some(last_modified) = &validators.last_modified {
                    request = request.header(header::IF_MODIFIED_SINCE, last_modified);
                }
            }
            let res = request.send();
            let retry_after = match &res {
                Ok(response)
                    if matches!(response.status().as_u16(), 429 | 500 | 502 | 503 | 504) =>
                {
                    Some(retry_after(response.headers()))
                }
                Err(err) if err.is_connect() => Some(None),
                _ => None,
            };
            match (retry_after, attempt < self.config.max_retries) {
                (Some(server_delay), true) => {
                    drop(res);
                    drop(permit);
                    let backoff = self.config.retry_base_delay.saturating_mul(1 << attempt.min(16));
                    let wait = server_delay.unwrap_or(backoff).min(self.config.retry_max_delay);
                    if Instant::now() + wait >= deadline {
                        return Err(FetchError::Timeout {
                            url: url.to_string(),
                            what: "total time limit (while retrying)",
                        });
                    }
                    std::thread::sleep(wait);
                    attempt += 1;
                }
                _ => {
                    return match res {
                        Ok(response) => Ok((response, permit)),
                        Err(err) => Err(request_error(url, &err)),
                    }
                }
            }
        }
    }

    /// Reads a body within the size limit (compressed and decompressed) and the deadline.
    fn read_body(
        &self,
        response: Response,
        url: &str,
        headers: &HeaderMap,
        deadline: Instant,
    ) -> Result<Vec<u8>, FetchError> {
        let limit = self.config.max_body_bytes;
        if let Some(declared) = response.content_length() {
            if declared > limit {
                return Err(FetchError::TooLarge {
                    url: url.to_string(),
                    limit,
                    declared: Some(declared),
                });
            }
        }
        let encoding = headers
            .get(header::CONTENT_ENCODING)
            .and_then(|it| it.to_str().ok())
            .unwrap_or("")
            .to_string();
        let failure = Rc::new(RefCell::new(None));
        let raw = RawReader { response, deadline, limit, n_read: 0, failure: failure.clone() };
        let mut reader = decoder(&encoding, Box::new(raw))
            .map_err(|reason| FetchError::Read { url: url.to_string(), reason })?;
        let res = read_limited(&mut reader, limit);
        // A failure of the network side explains a decoder error that follows from it.
        let raw_failure = failure.borrow_mut().take();
        match (res, raw_failure) {
            (_, Some(RawFailure::TooLarge)) => {
                Err(FetchError::TooLarge { url: url.to_string(), limit, declared: None })
            }
            (_, Some(RawFailure::Deadline)) => {
                Err(FetchError::Timeout { url: url.to_string(), what: "total time limit" })
            }
            (_, Some(RawFailure::Idle)) => Err(FetchError::Timeout {
                url: url.to_string(),
                what: "no data within the idle timeout",
            }),
            (_, Some(RawFailure::Io(reason))) => {
                Err(FetchError::Read { url: url.to_string(), reason })
            }
            (Ok(body), None) => Ok(body),
            (Err(LimitedError::TooLarge), None) => {
                Err(FetchError::DecompressedTooLarge { url: url.to_string(), limit })
            }
            (Err(LimitedError::Io(err)), None) if !encoding.is_empty() => {
                Err(FetchError::Decompress {
                    url: url.to_string(),
                    encoding,
                    reason: err.to_string(),
                })
            }
            (Err(LimitedError::Io(err)), None) => {
                Err(FetchError::Read { url: url.to_string(), reason: err.to_string() })
            }
        }
    }

    /// Resolves the URL's host and checks every address; the client then connects to exactly
    /// these addresses.
    fn check_address(&self, url: &Url) -> Result<(), FetchError> {
        let host = url.host_str().unwrap_or("").trim_matches(['[', ']']).to_string();
        let port = url.port_or_known_default().unwrap_or(80);
        let addrs: Vec<SocketAddr> = match host.parse::<IpAddr>() {
            Ok(ip) => vec![SocketAddr::new(ip, port)],
            Err(_) => match (host.as_str(), port).to_socket_addrs() {
                Ok(addrs) => addrs.collect(),
                Err(err) => {
                    return Err(FetchError::Resolve {
                        url: url.to_string(),
                        host,
                        reason: err.to_string(),
                    })
                }
            },
        };
        if addrs.is_empty() {
            return Err(FetchError::Resolve {
                url: url.to_string(),
                host,
                reason: "no addresses".to_string(),
            });
        }
        if !self.config.allow_private {
            for addr in &addrs {
                if let Some(kind) = address::non_public_reason(addr.ip()) {
                    return Err(FetchError::PrivateAddress {
                        url: url.to_string(),
                        host,
                        addr: addr.ip(),
                        kind,
                    });
                }
            }
        }
        self.resolved.lock().unwrap_or_else(|it| it.into_inner()).insert(host, addrs);
        Ok(())
    }

    /// The host's robots.txt rules, fetched once per host and port.
    fn robots_for(&self, url: &Url) -> Robots {
        let key = format!("{}://{}", url.scheme(), host_key(url));
        let cell = self
            .robots
            .lock()
            .unwrap_or_else(|it| it.into_inner())
            .entry(key.clone())
            .or_default()
            .clone();
        cell.get_or_init(|| {
            let robots_url = format!("{key}/robots.txt");
            match self.get(&robots_url, "text/plain", None, false) {
                Ok(Fetched::Body { body, .. }) => {
                    Robots::parse(&String::from_utf8_lossy(&body), USER_AGENT_TOKEN)
                }
                Err(FetchError::Status { status, .. }) if status >= 500 => Robots::disallow_all(),
                // No robots.txt (4xx), or one we cannot read: the page fetch itself reports
                // network trouble, so we do not also block the host for the fetcher's life.
                _ => Robots::allow_all(),
            }
        })
        .clone()
    }

    /// The least time between requests to the URL's host: ours, or the robots.txt
    /// `Crawl-delay` (capped at 30 s) once robots.txt is known.
    fn host_delay(&self, url: &Url) -> Duration {
        let key = format!("{}://{}", url.scheme(), host_key(url));
        let crawl_delay = self
            .robots
            .lock()
            .unwrap_or_else(|it| it.into_inner())
            .get(&key)
            .and_then(|it| it.get())
            .and_then(|it| it.crawl_delay);
        let crawl_delay = crawl_delay.unwrap_or_default().min(Duration::from_secs(30));
        self.config.host_min_delay.max(crawl_delay)
    }
}

/// What a GET gave.
enum Fetched {
    NotModified,
    Body { url: String, content_type: Option<String>, validators: Validators, body: Vec<u8> },
}

fn parse_url(url: &str) -> Result<Url, FetchError> {
    let parsed = Url::parse(url)
        .map_err(|err| FetchError::InvalidUrl { url: url.to_string(), reason: err.to_string() })?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(FetchError::InvalidUrl {
            url: url.to_string(),
            reason: "only http and https URLs with a host are fetched".to_string(),
        });
    }
    Ok(parsed)
}

fn host_key(url: &Url) -> String {
    format!("{}:{}", url.host_str().unwrap_or(""), url.port_or_known_default().unwrap_or(0))
}

fn path_and_query(url: &Url) -> String {
    match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_string(),
    }
}

/// The delay a `Retry-After: <seconds>` header asks for.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(header::RETRY_AFTER)?.to_str().ok()?;
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

fn request_error(url: &Url, err: &reqwest::Error) -> FetchError {
    let url = url.to_string();
    if err.is_timeout() {
        return FetchError::Timeout { url, what: "no response within the idle timeout" };
    }
    if err.is_connect() {
        return FetchError::Connect { url, reason: error_chain(err) };
    }
    FetchError::Read { url, reason: error_chain(err) }
}

/// An error and its causes, joined: reqwest's top-level messages alone say little.
fn error_chain(err: &dyn std::error::Error) -> String {
    let mut message = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

/// Why the network side of a body read stopped.
enum RawFailure {
    TooLarge,
    Deadline,
    Idle,
    Io(String),
}

/// The response body as it comes off the wire: counted against the limit and the deadline,
/// with its failures recorded so they are not mistaken for corrupt compressed data.
struct RawReader {
    response: Response,
    deadline: Instant,
    limit: u64,
    n_read: u64,
    failure: Rc<RefCell<Option<RawFailure>>>,
}

impl RawReader {
    fn fail(&self, failure: RawFailure) -> io::Error {
        *self.failure.borrow_mut() = Some(failure);
        io::Error::other("response body read stopped")
    }
}

impl Read for RawReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if Instant::now() >= self.deadline {
            return Err(self.fail(RawFailure::Deadline));
        }
        let n_read = match self.response.read(buf) {
            Ok(n_read) => n_read,
            Err(err) => {
                let timed_out = err.kind() == io::ErrorKind::TimedOut
                    || err
                        .get_ref()
                        .and_then(|it| it.downcast_ref::<reqwest::Error>())
                        .is_some_and(|it| it.is_timeout());
                let failure = match timed_out {
                    true => RawFailure::Idle,
                    false => RawFailure::Io(error_chain(&err)),
                };
                return Err(self.fail(failure));
            }
        };
        self.n_read += n_read as u64;
        if self.n_read > self.limit {
            return Err(self.fail(RawFailure::TooLarge));
        }
        Ok(n_read)
    }
}

/// A resolver that serves the addresses [`Fetcher::check_address`] checked, so the client
/// connects to nothing else; a name not checked first is resolved and checked here.
struct CheckedResolver {
    resolved: Arc<Mutex<HashMap<String, Vec<SocketAddr>>>>,
    allow_private: bool,
}

impl reqwest::dns::Resolve for CheckedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let name = name.as_str().to_string();
        let known = self.resolved.lock().unwrap_or_else(|it| it.into_inner()).get(&name).cloned();
        let allow_private = self.allow_private;
        Box::pin(async move {
            let addrs: Vec<SocketAddr> = match known {
                Some(addrs) => addrs,
                None => (name.as_str(), 0).to_socket_addrs()?.collect(),
            };
            if !allow_private {
                if let Some(addr) =
                    addrs.iter().find(|it| address::non_public_reason(it.ip()).is_some())
                {
                    return Err(
                        format!("{name} resolves to a non-public address {}", addr.ip()).into()
                    );
                }
            }
            let addrs: reqwest::dns::Addrs = Box::new(addrs.into_iter());
            Ok(addrs)
        })
    }
}

/// Per-host politeness: a minimum delay between request starts and a concurrency limit.
#[derive(Default)]
struct Hosts {
    state: Mutex<HashMap<String, HostState>>,
    changed: Condvar,
}

struct HostState {
    in_flight: usize,
    next_start: Instant,
}

/// A request slot at a host, given back on drop.
struct Permit<'a> {
    hosts: &'a Hosts,
    host: String,
}

impl Hosts {
    /// Waits for a slot at `host` and for `delay` since the last request started; `None` if
    /// that would pass the deadline.
    fn acquire(
        &self,
        host: &str,
        delay: Duration,
        max_in_flight: usize,
        deadline: Instant,
    ) -> Option<Permit<'_>> {
        let mut state = self.state.lock().unwrap_or_else(|it| it.into_inner());
        loop {
            let now = Instant::now();
            let entry = state
                .entry(host.to_string())
                .or_insert(HostState { in_flight: 0, next_start: now });
            if entry.in_flight < max_in_flight && entry.next_start <= now {
                entry.in_flight += 1;
                entry.next_start = now + delay;
                return Some(Permit { hosts: self, host: host.to_string() });
            }
            if now >= deadline {
                return None;
            }
            let wake = match entry.in_flight < max_in_flight {
                true => entry.next_start.min(deadline),
                false => deadline,
            };
            state =
                self.changed.wait_timeout(state, wake - now).unwrap_or_else(|it| it.into_inner()).0;
        }
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut state = self.hosts.state.lock().unwrap_or_else(|it| it.into_inner());
        if let Some(entry) = state.get_mut(&self.host) {
            entry.in_flight = entry.in_flight.saturating_sub(1);
        }
        self.hosts.changed.notify_all();
    }
}
