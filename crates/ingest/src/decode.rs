//! Turning raw bytes into text: BOM and `<meta charset>` sniffing, lossy UTF-8, binary detection.

use encoding_rs::{Encoding, UTF_8};

/// How many leading bytes the binary check and the `<meta charset>` prescan look at. The HTML
/// standard's prescan reads 1024 bytes; pages with long `<head>`s often declare later, so the
/// prescan looks further.
const SNIFF_BYTES: usize = 1024;
const META_PRESCAN_BYTES: usize = 8192;

/// Why `bytes` look like a binary file rather than text, or `None` if they look like text.
///
/// Text encoded as UTF-16 (with a BOM) holds NUL bytes but is text.
pub(crate) fn binary_reason(bytes: &[u8]) -> Option<&'static str> {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        if encoding != UTF_8 {
            return None;
        }
    }
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if sample.contains(&0) {
        return Some("binary file (it holds NUL bytes), not text");
    }
    // Control characters other than tab, newlines, form feed and escape are rare in text.
    let n_control = sample
        .iter()
        .filter(|&&byte| {
            (byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)) || byte == 0x7f
        })
        .count();
    if n_control * 10 > sample.len() {
        return Some("binary file (mostly control bytes), not text");
    }
    None
}

/// Decodes a plain-text or JSON file: a BOM decides the encoding, otherwise UTF-8. Returns the
/// text and, when bytes had to be replaced, a warning.
pub(crate) fn decode_text(bytes: &[u8]) -> (String, Option<String>) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(encoding, &bytes[bom_len..]);
    }
    decode_utf8(bytes)
}

/// Decodes a web page: a BOM decides the encoding; valid UTF-8 is taken as such; otherwise the
/// charset declared by a `<meta>` tag is used, and failing that UTF-8 with replacements.
pub(crate) fn decode_html(bytes: &[u8]) -> (String, Option<String>) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(encoding, &bytes[bom_len..]);
    }
    // Valid UTF-8 with non-ASCII bytes is almost never a legacy encoding by accident, while
    // pages that declare one charset and are served in UTF-8 are common: trust valid UTF-8.
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_string(), None);
    }
    match declared_charset(bytes) {
        // A page cannot really be UTF-16 if its `<meta>` was readable as ASCII; the HTML
        // standard treats such a declaration as UTF-8.
        Some(encoding) if encoding != UTF_8 && !is_utf16(encoding) => decode_with(encoding, bytes),
        _ => decode_utf8(bytes),
    }
}

/// Decodes a page whose transport (an HTTP `Content-Type` header) may name a charset.
///
/// A BOM wins; valid UTF-8 is taken as such (servers often declare a charset the page is not
/// in); then the transport's charset, then the page's `<meta>`. Bytes that are not UTF-8 and
/// name no other charset are decoded as windows-1252 (the web's de facto legacy default) when
/// they hold no valid multi-byte UTF-8 sequence, and as UTF-8 with replacements otherwise.
pub(crate) fn decode_page(
    bytes: &[u8],
    transport_charset: Option<&str>,
) -> (String, Option<String>) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(encoding, &bytes[bom_len..]);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_string(), None);
    }
    let transport =
        transport_charset.and_then(|label| Encoding::for_label(label.trim().as_bytes()));
    match transport {
        // A transport can really carry UTF-16 without a BOM, unlike a `<meta>` tag.
        Some(encoding) if encoding != UTF_8 => return decode_with(encoding, bytes),
        _ => (),
    }
    match declared_charset(bytes) {
        Some(encoding) if encoding != UTF_8 && !is_utf16(encoding) => decode_with(encoding, bytes),
        _ if !has_utf8_multibyte(bytes) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            let warning = "not valid UTF-8 and no other charset declared; decoded as windows-1252";
            (text.into_owned(), Some(warning.to_string()))
        }
        _ => decode_utf8(bytes),
    }
}

/// Whether `bytes` hold at least one valid multi-byte UTF-8 sequence: a sign that the invalid
/// bytes are damage in a UTF-8 page rather than a legacy single-byte encoding.
fn has_utf8_multibyte(bytes: &[u8]) -> bool {
    bytes.utf8_chunks().any(|chunk| !chunk.valid().is_ascii())
}

fn is_utf16(encoding: &'static Encoding) -> bool {
    encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE
}

fn decode_utf8(bytes: &[u8]) -> (String, Option<String>) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), None),
        Err(_) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            (text, Some("invalid UTF-8; bad bytes replaced with U+FFFD".to_string()))
        }
    }
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> (String, Option<String>) {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let warning = had_errors
        .then(|| format!("invalid {} data; bad bytes replaced with U+FFFD", encoding.name()));
    (text.into_owned(), warning)
}

/// The encoding named by the first `<meta charset=..>` or
/// `<meta http-equiv=content-type content="..; charset=..">` near the start of a page.
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_PRESCAN_BYTES)];
    let head = head.to_ascii_lowercase();
    let mut rest = head.as_slice();
    while let Some(start) = find(rest, b"<meta") {
        let tag = &rest[start..];
        let end = tag.iter().position(|&byte| byte == b'>').unwrap_or(tag.len());
        let tag = &tag[..end];
        if let Some(at) = find(tag, b"charset") {
            let value = tag[at + b"charset".len()..].trim_ascii_start();
            if let Some(value) = value.strip_prefix(b"=") {
                let value = value.trim_ascii_start();
                let value =
                    value.strip_prefix(b"\"").or_else(|| value.strip_prefix(b"'")).unwrap_or(value);
                let len = value
                    .iter()
                    .position(|&byte| {
                        matches!(byte, b'"' | b'\'' | b';' | b'/' | b'>')
                            || byte.is_ascii_whitespace()
                    })
                    .unwrap_or(value.len());
                if let Some(encoding) = Encoding::for_label(&value[..len]) {
                    return Some(encoding);
                }
            }
        }
        rest = &rest[start + end..];
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_meta_charset_in_both_forms() {
        let page = b"<html><head><META Charset=\"ISO-8859-1\"></head>";
        assert_eq!(declared_charset(page).map(|it| it.name()), Some("windows-1252"));
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">";
        assert_eq!(declared_charset(page).map(|it| it.name()), Some("KOI8-R"));
        assert_eq!(declared_charset(b"<meta name=viewport content=x><p>charset=utf-8"), None);
    }

    #[test]
    fn utf16_with_bom_is_text_not_binary() {
        let bytes: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("hi".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(binary_reason(&bytes), None);
        assert_eq!(decode_text(&bytes), ("hi".to_string(), None));
        assert!(binary_reason(b"PK\x03\x04\x00\x00").is_some());
    }
}
