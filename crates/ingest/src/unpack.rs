//! HTTP payload plumbing shared by WARC reading and fetching: content types, chunked transfer
//! coding, content codings (gzip, deflate, brotli) and reads bounded by a byte limit.

use std::io::{self, Read};

use flate2::read::{MultiGzDecoder, ZlibDecoder};

/// The media type (lower-cased, without parameters) and the `charset` parameter of a
/// `Content-Type` value.
pub(crate) fn parse_content_type(value: &str) -> (String, Option<String>) {
    let mut parts = value.split(';');
    let media_type = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = parts.find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        (!value.is_empty()).then(|| value.to_string())
    });
    (media_type, charset)
}

/// Whether a media type is a web page.
pub(crate) fn is_html(media_type: &str) -> bool {
    matches!(media_type, "text/html" | "application/xhtml+xml")
}

/// Wraps `reader` in decoders for a `Content-Encoding` value such as `gzip` or `gzip, br`
/// (codings are listed in the order they were applied, so they are undone in reverse).
pub(crate) fn decoder<'a>(
    content_encoding: &str,
    reader: Box<dyn Read + 'a>,
) -> Result<Box<dyn Read + 'a>, String> {
    let mut reader = reader;
    for coding in content_encoding.rsplit(',').map(|it| it.trim().to_ascii_lowercase()) {
        reader = match coding.as_str() {
            "" | "identity" => reader,
            "gzip" | "x-gzip" => Box::new(MultiGzDecoder::new(io::BufReader::new(reader))),
            "deflate" => Box::new(ZlibDecoder::new(reader)),
            "br" => Box::new(brotli_decompressor::Decompressor::new(reader, 16 << 10)),
            other => return Err(format!("unsupported content encoding {other:?}")),
        };
    }
    Ok(reader)
}

/// Why a bounded read failed.
#[derive(Debug)]
pub(crate) enum LimitedError {
    /// More than the limit was available.
    TooLarge,
    /// The reader failed (a truncated or corrupt compressed stream, a timeout, ...).
    Io(io::Error),
}

/// Reads all of `reader` if it holds at most `limit` bytes; stops reading just past the
/// limit otherwise, so an endless or bombed stream never fills memory.
pub(crate) fn read_limited(reader: &mut dyn Read, limit: u64) -> Result<Vec<u8>, LimitedError> {
    let mut bytes = Vec::new();
    match reader.take(limit.saturating_add(1)).read_to_end(&mut bytes) {
        Ok(_) if bytes.len() as u64 > limit => Err(LimitedError::TooLarge),
        Ok(_) => Ok(bytes),
        Err(err) => Err(LimitedError::Io(err)),
    }
}

/// Undoes HTTP/1.1 chunked transfer coding. Trailers are dropped.
pub(crate) fn dechunk(mut bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(bytes.len());
    loop {
        let Some(line_end) = bytes.iter().position(|&byte| byte == b'\n') else {
            return Err("chunked body ends inside a chunk size line".to_string());
        };
        let line = String::from_utf8_lossy(&bytes[..line_end]);
        let size_text = line.split(';').next().unwrap_or("").trim();
        let size = match usize::from_str_radix(size_text, 16) {
            Ok(size) => size,
            Err(_) => return Err(format!("bad chunk size {size_text:?}")),
        };
        bytes = &bytes[line_end + 1..];
        if size == 0 {
            return Ok(out);
        }
        if size > bytes.len() {
            return Err("chunked body is truncated".to_string());
        }
        out.extend_from_slice(&bytes[..size]);
        bytes = &bytes[size..];
        bytes = bytes.strip_prefix(b"\r\n").or_else(|| bytes.strip_prefix(b"\n")).unwrap_or(bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_type_gives_media_type_and_charset() {
        assert_eq!(
            parse_content_type("Text/HTML; Charset=\"ISO-8859-1\""),
            ("text/html".to_string(), Some("ISO-8859-1".to_string()))
        );
        assert_eq!(parse_content_type("application/rss+xml"), ("application/rss+xml".into(), None));
    }

    #[test]
    fn dechunks_and_reports_truncation() {
        assert_eq!(
            dechunk(b"5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n").unwrap(),
            b"hello world"
        );
        assert!(dechunk(b"a\r\nshort").is_err());
        assert!(dechunk(b"zz\r\n").is_err());
    }

    #[test]
    fn read_limited_stops_past_the_limit() {
        let mut endless = io::repeat(b'x');
        assert!(matches!(read_limited(&mut endless, 1000), Err(LimitedError::TooLarge)));
        assert_eq!(read_limited(&mut &b"abc"[..], 3).unwrap(), b"abc");
    }
}
