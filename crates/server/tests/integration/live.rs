//! A real socket: clients that disconnect mid-request or send garbage don't hurt the server.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::integration::support::{raw_get, spawn_live, TestServer, TOKEN};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn survives_clients_that_disconnect_mid_request() {
    let server = TestServer::new();
    let addr = spawn_live(&server).await;
    for _ in 0..5 {
        // A POST whose body never arrives in full.
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let head = format!(
            "POST /api/articles HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKEN}\r\nContent-Length: 100000\r\n\r\n{{\"id\": \"cut\", \"text\": \"Half"
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        drop(stream);
        // A GET abandoned before its answer is read, and one cut inside its headers.
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        stream.write_all(b"GET /api/stories HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
        drop(stream);
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        stream.write_all(b"GET /sto").await.unwrap();
        drop(stream);
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let (status, body) = raw_get(addr, "/api/health").await;
    assert_eq!(status, "HTTP/1.1 200 OK", "{body}");
    assert!(body.contains("\"articles\":5"), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_malformed_requests_and_goes_on() {
    let server = TestServer::new();
    let addr = spawn_live(&server).await;
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(b"\x00\x01garbage that is not HTTP\r\n\r\n").await.unwrap();
    let mut answer = Vec::new();
    // The server answers 400 or closes; either way it must not hang or die.
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer)).await;
    assert!(read.is_ok(), "the server kept a garbage connection open");
    let text = String::from_utf8_lossy(&answer);
    assert!(text.is_empty() || text.starts_with("HTTP/1.1 400"), "{text}");

    // A JSON body that is not valid UTF-8 JSON.
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let body = b"{\"id\": \"\xff\xfe\", \"text\": ";
    let head = format!(
        "POST /api/articles HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKEN}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    let text = String::from_utf8_lossy(&answer);
    assert!(text.starts_with("HTTP/1.1 400"), "{text}");
    assert!(text.contains("\"code\":\"no_articles\""), "{text}");

    let (status, _) = raw_get(addr, "/api/health").await;
    assert_eq!(status, "HTTP/1.1 200 OK");
}
