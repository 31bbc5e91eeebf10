//! Support shared by the tests of several crates and by the benchmarks: an HTTP/1.1 server on
//! loopback with one handler per path, so that fetching, feed polling and the CLI are tested
//! hermetically; [`corpus`], the real texts of the shared data; and [`postgres`], a fresh
//! PostgreSQL database per test; [`cases`], how many random inputs a property test tries.
//!
//! Only ever a dev-dependency, or a dependency of the benchmarks.

pub mod corpus;
pub mod postgres;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

/// How many random inputs a property test tries: `default`, or `PROPTEST_CASES` when set
/// (proptest's own variable, which an explicit count in a test would otherwise override), so
/// that a long hunt is one command: `PROPTEST_CASES=100000 cargo test --release -p analyze
/// --test properties`.
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|cases| cases.parse().ok()).unwrap_or(default)
}

/// A request as the server saw it.
#[derive(Debug)]
pub struct Request {
    /// The request target, e.g. `/feed.xml`.
    pub path: String,
    /// Header names in lower case.
    pub headers: HashMap<String, String>,
}

/// Answers one request: gets the request, the stream to write the answer to, and how many
/// times this path was asked for before.
pub type Handler = dyn Fn(&Request, &mut TcpStream, usize) + Send + Sync;

/// A one-handler-per-path HTTP/1.1 server on loopback, a thread per connection. Unknown
/// paths get a 404; every request is counted per path. It runs until the test ends.
pub struct Server {
    port: u16,
    hits: Arc<Mutex<HashMap<String, usize>>>,
    max_in_flight: Arc<AtomicUsize>,
}

impl Server {
    /// Starts serving `routes` on a free port.
    pub fn start(routes: Vec<(&'static str, Box<Handler>)>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("cannot bind to loopback");
        let port = listener.local_addr().expect("a bound socket has an address").port();
        let routes: Arc<HashMap<&'static str, Box<Handler>>> =
            Arc::new(routes.into_iter().collect());
        let hits = Arc::new(Mutex::new(HashMap::new()));
        let in_flight = Arc::new(AtomicUsize::new(0));
        let max_in_flight = Arc::new(AtomicUsize::new(0));
        let server = Server { port, hits: hits.clone(), max_in_flight: max_in_flight.clone() };
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let (routes, hits, in_flight, max_in_flight) =
                    (routes.clone(), hits.clone(), in_flight.clone(), max_in_flight.clone());
                thread::spawn(move || {
                    let Some(request) = read_request(&mut stream) else { return };
                    let n_before = {
                        let mut hits = hits.lock().unwrap_or_else(|it| it.into_inner());
                        let count = hits.entry(request.path.clone()).or_insert(0);
                        *count += 1;
                        *count - 1
                    };
                    let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                    max_in_flight.fetch_max(now, Ordering::SeqCst);
                    match routes.get(request.path.as_str()) {
                        Some(handler) => handler(&request, &mut stream, n_before),
                        None => respond(&mut stream, 404, &[], b"not found"),
                    }
                    in_flight.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        server
    }

    /// The port it listens on, on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The address of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// How many requests asked for `path`.
    pub fn hits(&self, path: &str) -> usize {
        self.hits.lock().unwrap_or_else(|it| it.into_inner()).get(path).copied().unwrap_or(0)
    }

    /// The most requests that were being answered at once.
    pub fn max_in_flight(&self) -> usize {
        self.max_in_flight.load(Ordering::SeqCst)
    }
}

fn read_request(stream: &mut TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let path = line.split_whitespace().nth(1)?.to_string();
    let mut headers = HashMap::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
        }
    }
    Some(Request { path, headers })
}

/// Writes a whole response with a `Content-Length` and `Connection: close`; write errors
/// (the client went away) are ignored.
pub fn respond(stream: &mut TcpStream, status: u16, headers: &[(&str, &str)], body: &[u8]) {
    let mut head =
        format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
}

/// A route that always answers the same.
pub fn fixed(
    status: u16,
    headers: &'static [(&'static str, &'static str)],
    body: Vec<u8>,
) -> Box<Handler> {
    Box::new(move |_, stream, _| respond(stream, status, headers, &body))
}
