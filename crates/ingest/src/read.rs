//! Reading one planned input: size limits, gzip, whole-file formats and streamed JSONL.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use flate2::read::MultiGzDecoder;
use model::{Content, Diagnostic, Origin, RawDocument};
use serde_json::Value;

use crate::decode::{binary_reason, decode_html, decode_text};
use crate::json::{document, kind};
use crate::{Format, InputFile, Limits, Source};

type Emit<'a> = &'a mut dyn FnMut(Result<RawDocument, Diagnostic>);

pub(crate) fn read_file(file: &InputFile, limits: &Limits, emit: Emit<'_>) {
    match &file.source {
        Source::Stdin => {
            let stdin = io::stdin();
            let mut reader = stdin.lock();
            read_jsonl(&mut reader, &file.location, None, limits, false, emit)
        }
        Source::Path(path) => read_path(file, path, limits, emit),
    }
}

fn read_path(file: &InputFile, path: &Path, limits: &Limits, emit: Emit<'_>) {
    if file.format == Format::Warc {
        return crate::warc::read_warc(file, path, limits, emit);
    }
    let origin = Origin::file(file.location.as_str());
    let handle = match File::open(path) {
        Ok(handle) => handle,
        Err(err) => return emit(Err(Diagnostic::error(origin, format!("cannot read: {err}")))),
    };
    // The cheap check first; the bounded read below still catches a file that grows, and a
    // gzip file whose compressed size says nothing about what it expands to.
    if file.format != Format::Jsonl && !file.gzip {
        if let Ok(meta) = handle.metadata() {
            if meta.is_file() && meta.len() > limits.max_file_bytes {
                let message = format!(
                    "file is {} bytes, over the limit of {} bytes",
                    meta.len(),
                    limits.max_file_bytes
                );
                return emit(Err(Diagnostic::error(origin, message)));
            }
        }
    }
    let reader: Box<dyn Read> = match file.gzip {
        true => Box::new(MultiGzDecoder::new(BufReader::new(handle))),
        false => Box::new(handle),
    };
    if file.format == Format::Jsonl {
        let mut reader = BufReader::with_capacity(64 << 10, reader);
        let stem = file.stem.as_deref();
        return read_jsonl(&mut reader, &file.location, stem, limits, file.gzip, emit);
    }
    let bytes = match read_bounded(reader, limits.max_file_bytes, file.gzip) {
        Ok(bytes) => bytes,
        Err(message) => return emit(Err(Diagnostic::error(origin, message))),
    };
    if bytes.is_empty() {
        return emit(Err(Diagnostic::error(origin, "file is empty")));
    }
    if let Some(reason) = binary_reason(&bytes) {
        return emit(Err(Diagnostic::error(origin, reason)));
    }
    let (text, warning) = match file.format {
        Format::Html => decode_html(&bytes),
        _ => decode_text(&bytes),
    };
    drop(bytes);
    if let Some(warning) = warning {
        emit(Err(Diagnostic::warning(origin.clone(), warning)));
    }
    if text.trim().is_empty() {
        return emit(Err(Diagnostic::error(origin, "file holds only whitespace")));
    }
    let content = match file.format {
        Format::Text => Content::Text(text),
        Format::Html => Content::Html(text),
        Format::Json | Format::Jsonl | Format::Warc => return read_json(&text, file, origin, emit),
    };
    let mut document = RawDocument::new(origin, content);
    document.id = file.id.clone();
    document.file_stem = file.stem.clone();
    emit(Ok(document));
}

/// Reads at most `limit` bytes; more is an error, so a decompression bomb or a growing file
/// never fills memory.
fn read_bounded(reader: Box<dyn Read>, limit: u64, gzip: bool) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let mut bounded = reader.take(limit.saturating_add(1));
    if let Err(err) = bounded.read_to_end(&mut bytes) {
        return Err(read_error_message(&err, gzip));
    }
    if bytes.len() as u64 > limit {
        let unpacked = if gzip { " once decompressed" } else { "" };
        return Err(format!("file is larger than the limit of {limit} bytes{unpacked}"));
    }
    Ok(bytes)
}

fn read_error_message(err: &io::Error, gzip: bool) -> String {
    match gzip {
        true => format!("truncated or corrupt gzip data: {err}"),
        false => format!("cannot read: {err}"),
    }
}

/// A `.json` file: one article object (which takes the file's id when it has none) or an
/// array of them (each identified by its index in diagnostics).
fn read_json(text: &str, file: &InputFile, origin: Origin, emit: Emit<'_>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(err) => return emit(Err(Diagnostic::error(origin, format!("invalid JSON: {err}")))),
    };
    let stem = file.stem.as_deref();
    match value {
        Value::Object(object) => {
            let res = document(object, origin, file.id.as_deref(), stem, emit);
            emit(res);
        }
        Value::Array(items) => {
            if items.is_empty() {
                emit(Err(Diagnostic::warning(origin.clone(), "empty array: no articles")));
            }
            for (item_idx, item) in items.into_iter().enumerate() {
                let mut origin = origin.clone();
                origin.index = Some(item_idx);
                let res = match item {
                    Value::Object(object) => document(object, origin, None, stem, emit),
                    other => {
                        let message = format!("expected an article object, found {}", kind(&other));
                        Err(Diagnostic::error(origin, message))
                    }
                };
                emit(res);
            }
        }
        other => {
            let message =
                format!("expected an article object or an array of them, found {}", kind(&other));
            emit(Err(Diagnostic::error(origin, message)));
        }
    }
}

/// Streams JSONL: one article object per line, blank lines skipped. Each line is bounded by
/// `limits.max_line_bytes`; an over-long line is skipped without being held in memory. A read
/// error (e.g. truncated gzip) ends the stream after the lines before it were emitted.
pub(crate) fn read_jsonl(
    reader: &mut dyn BufRead,
    location: &str,
    stem: Option<&str>,
    limits: &Limits,
    gzip: bool,
    emit: Emit<'_>,
) {
    let origin_at =
        |line: usize| Origin { location: location.to_string(), line: Some(line), index: None };
    match reader.fill_buf() {
        Ok([]) => return emit(Err(Diagnostic::error(Origin::file(location), "input is empty"))),
        Ok(head) => {
            if let Some(reason) = binary_reason(head) {
                return emit(Err(Diagnostic::error(Origin::file(location), reason)));
            }
        }
        Err(err) => {
            return emit(Err(Diagnostic::error(
                Origin::file(location),
                read_error_message(&err, gzip),
            )))
        }
    }
    let mut buf = Vec::new();
    let mut line_no = 0;
    let mut n_articles_or_errors = 0usize;
    loop {
        line_no += 1;
        buf.clear();
        let read = (&mut *reader)
            .take(limits.max_line_bytes.saturating_add(1))
            .read_until(b'\n', &mut buf);
        match read {
            Ok(0) => break,
            Ok(_) => (),
            Err(err) => {
                return emit(Err(Diagnostic::error(
                    origin_at(line_no),
                    read_error_message(&err, gzip),
                )))
            }
        }
        let ends_line = buf.last() == Some(&b'\n');
        if !ends_line && buf.len() as u64 > limits.max_line_bytes {
            if let Err(err) = skip_rest_of_line(reader) {
                return emit(Err(Diagnostic::error(
                    origin_at(line_no),
                    read_error_message(&err, gzip),
                )));
            }
            let message =
                format!("line is longer than the limit of {} bytes", limits.max_line_bytes);
            emit(Err(Diagnostic::error(origin_at(line_no), message)));
            n_articles_or_errors += 1;
            continue;
        }
        let mut line = buf.strip_suffix(b"\n").unwrap_or(&buf);
        line = line.strip_suffix(b"\r").unwrap_or(line);
        if line_no == 1 {
            line = line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line);
        }
        if line.trim_ascii().is_empty() {
            continue;
        }
        n_articles_or_errors += 1;
        read_jsonl_line(line, origin_at(line_no), stem, emit);
    }
    if n_articles_or_errors == 0 {
        emit(Err(Diagnostic::error(Origin::file(location), "input holds only blank lines")));
    }
}

fn read_jsonl_line(line: &[u8], origin: Origin, stem: Option<&str>, emit: Emit<'_>) {
    let text = match std::str::from_utf8(line) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => {
            let message = "invalid UTF-8; bad bytes replaced with U+FFFD";
            emit(Err(Diagnostic::warning(origin.clone(), message)));
            String::from_utf8_lossy(line)
        }
    };
    let res = match serde_json::from_str(&text) {
        Ok(Value::Object(object)) => document(object, origin, None, stem, emit),
        Ok(other) => {
            let message = format!("expected an article object, found {}", kind(&other));
            Err(Diagnostic::error(origin, message))
        }
        Err(err) => {
            // The error's own position is always "line 1" of the one line: give the column.
            let message = err.to_string();
            let position = format!(" at line {} column {}", err.line(), err.column());
            let reason = message.strip_suffix(&position).unwrap_or(&message);
            Err(Diagnostic::error(
                origin,
                format!("invalid JSON at column {}: {reason}", err.column()),
            ))
        }
    };
    emit(res);
}

/// Consumes bytes up to and including the next newline without keeping them.
fn skip_rest_of_line(reader: &mut dyn BufRead) -> io::Result<()> {
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            return Ok(());
        }
        match chunk.iter().position(|&byte| byte == b'\n') {
            Some(at) => {
                reader.consume(at + 1);
                return Ok(());
            }
            None => {
                let len = chunk.len();
                reader.consume(len);
            }
        }
    }
}
