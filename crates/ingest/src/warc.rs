//! Streaming WARC reading (`*.warc`, `*.warc.gz`): every HTTP `response` record holding an
//! HTML page becomes a document; other records are counted and skipped.
//!
//! Records are read one at a time, so a WARC file of any size is read in bounded memory. Gzip
//! is either one member per record (Common Crawl's layout, whose member offsets the CDX
//! indexes name) or the whole file; both read the same. A corrupt record is reported with its
//! byte offset and reading resumes at the next `WARC/1.x` line; a corrupt gzip stream or a
//! truncated record ends the file cleanly after the records before it.
//!
//! Our own parser rather than the `warc` crate: it bounds header and payload sizes, knows
//! record offsets, and resynchronises after a corrupt record.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::rc::Rc;

use model::{Content, Diagnostic, Origin, RawDocument};

use crate::decode::{binary_reason, decode_page};
use crate::unpack::{dechunk, decoder, is_html, parse_content_type, read_limited, LimitedError};
use crate::{InputFile, Limits};

type Emit<'a> = &'a mut dyn FnMut(Result<RawDocument, Diagnostic>);

/// The longest WARC or HTTP header line accepted, and the most header lines per block.
const MAX_LINE_BYTES: u64 = 64 << 10;
const MAX_HEADER_LINES: usize = 1000;

pub(crate) fn read_warc(file: &InputFile, path: &Path, limits: &Limits, emit: Emit<'_>) {
    let handle = match File::open(path) {
        Ok(handle) => handle,
        Err(err) => {
            let origin = Origin::file(file.location.as_str());
            return emit(Err(Diagnostic::error(origin, format!("cannot read: {err}"))));
        }
    };
    let member_start = Rc::new(Cell::new(0));
    let input: Box<dyn BufRead> = match file.gzip {
        true => Box::new(BufReader::with_capacity(
            64 << 10,
            GzMembers::new(BufReader::with_capacity(64 << 10, handle), member_start.clone()),
        )),
        false => Box::new(BufReader::with_capacity(64 << 10, handle)),
    };
    let gzip_members = file.gzip.then_some(member_start);
    let mut ctx = Ctx {
        input,
        offset: 0,
        gzip_members,
        line_start: (0, None),
        file,
        limits,
        n_records: 0,
        n_pages: 0,
        skipped: BTreeMap::new(),
    };
    ctx.read_all(emit);
}

/// The value of a header field, by case-insensitive name (WARC and HTTP alike).
fn header_field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
}

/// A WARC record's header block.
struct Header {
    fields: Vec<(String, String)>,
}

impl Header {
    fn get(&self, name: &str) -> Option<&str> {
        header_field(&self.fields, name)
    }
}

/// How reading one record ended.
enum Outcome {
    /// A page was emitted.
    Page,
    /// The record was skipped for this reason.
    Skipped(String),
}

/// Why reading stopped or a record was refused.
enum Failure {
    /// The record is malformed; reading can resume at the next record.
    Corrupt(String),
    /// The stream cannot be read further (a truncated record, corrupt gzip data).
    Fatal(String),
}

/// Reads a line (without its line ending) or `None` at the end of the input.
enum Line {
    Text(Vec<u8>),
    TooLong,
}

struct Ctx<'a> {
    input: Box<dyn BufRead + 'a>,
    /// Bytes consumed from the (decompressed) WARC stream.
    offset: u64,
    /// Where the gzip member being read starts in the compressed file.
    gzip_members: Option<Rc<Cell<u64>>>,
    /// The offset (and gzip member) of the last line read.
    line_start: (u64, Option<u64>),
    file: &'a InputFile,
    limits: &'a Limits,
    n_records: usize,
    n_pages: usize,
    skipped: BTreeMap<String, usize>,
}

impl Ctx<'_> {
    fn read_all(&mut self, emit: Emit<'_>) {
        let mut pending_version_line = None;
        loop {
            let version_line = match pending_version_line.take() {
                Some(line) => line,
                None => match self.next_nonblank_line() {
                    Ok(None) => break,
                    Ok(Some(Line::Text(line))) => line,
                    Ok(Some(Line::TooLong)) => Vec::new(),
                    Err(err) => {
                        self.report(emit, self.offset, self.member(), &self.read_error(&err));
                        break;
                    }
                },
            };
            // Where the version line started: the record's offset.
            let (start, member) = self.line_start;
            let record_idx = self.n_records;
            self.n_records += 1;
            let res = match version_line.starts_with(b"WARC/") {
                true => self.read_record(record_idx, emit),
                false if record_idx == 0 => {
                    let origin = Origin::file(self.file.location.as_str());
                    emit(Err(Diagnostic::error(
                        origin,
                        "not a WARC file: it does not start with a WARC/1.x version line",
                    )));
                    return;
                }
                false => Err(Failure::Corrupt("expected a WARC/1.x version line".to_string())),
            };
            match res {
                Ok(Outcome::Page) => self.n_pages += 1,
                Ok(Outcome::Skipped(reason)) => *self.skipped.entry(reason).or_default() += 1,
                Err(Failure::Corrupt(message)) => {
                    *self.skipped.entry("corrupt".to_string()).or_default() += 1;
                    self.report_record(
                        emit,
                        record_idx,
                        start,
                        member,
                        &format!("{message}; skipped to the next record"),
                    );
                    match self.resync() {
                        Ok(Some(line)) => pending_version_line = Some(line),
                        Ok(None) => break,
                        Err(err) => {
                            self.report(emit, self.offset, self.member(), &self.read_error(&err));
                            break;
                        }
                    }
                }
                Err(Failure::Fatal(message)) => {
                    *self.skipped.entry("unreadable".to_string()).or_default() += 1;
                    self.report_record(
                        emit,
                        record_idx,
                        start,
                        member,
                        &format!("{message}; reading stopped"),
                    );
                    break;
                }
            }
        }
        self.summarise(emit);
    }

    /// Reads the header block and payload of one record whose version line was just read.
    fn read_record(&mut self, record_idx: usize, emit: Emit<'_>) -> Result<Outcome, Failure> {
        let header = self.read_header()?;
        let length = match header.get("Content-Length").map(|it| it.trim().parse::<u64>()) {
            Some(Ok(length)) => length,
            Some(Err(_)) => return Err(Failure::Corrupt("invalid Content-Length".to_string())),
            None => return Err(Failure::Corrupt("no Content-Length header".to_string())),
        };
        let gzip = self.gzip_members.is_some();
        let input: &mut dyn BufRead = &mut self.input;
        let mut block = input.take(length);
        let res = read_block(&header, &mut block, record_idx, self.file, self.limits, emit);
        // Whatever the record was, the rest of its block is skipped without being kept.
        let drained = io::copy(&mut block, &mut io::sink());
        let remaining = block.limit();
        self.offset += length - remaining;
        if let Err(err) = drained {
            return Err(Failure::Fatal(format!("cannot read: {}", io_message(&err, gzip))));
        }
        if remaining > 0 {
            return Err(Failure::Fatal(format!(
                "truncated record: the file ends {remaining} bytes before the record's end"
            )));
        }
        res
    }

    fn read_header(&mut self) -> Result<Header, Failure> {
        let mut fields: Vec<(String, String)> = Vec::new();
        for _ in 0..MAX_HEADER_LINES {
            let line = match self.read_line() {
                Ok(Some(Line::Text(line))) => line,
                Ok(Some(Line::TooLong)) => {
                    return Err(Failure::Corrupt("header line too long".to_string()))
                }
                Ok(None) => {
                    return Err(Failure::Fatal(
                        "truncated record: the file ends inside a header".to_string(),
                    ))
                }
                Err(err) => return Err(Failure::Fatal(self.read_error(&err))),
            };
            if line.is_empty() {
                return Ok(Header { fields });
            }
            let line = String::from_utf8_lossy(&line);
            match line.split_once(':') {
                Some((name, value)) => {
                    fields.push((name.trim().to_string(), value.trim().to_string()))
                }
                // A folded continuation line belongs to the previous field.
                None if line.starts_with([' ', '\t']) && !fields.is_empty() => {
                    let last = fields.len() - 1;
                    fields[last].1.push(' ');
                    fields[last].1.push_str(line.trim());
                }
                None => {
                    return Err(Failure::Corrupt(format!(
                        "malformed header line {:?}",
                        truncate(&line, 60)
                    )))
                }
            }
        }
        Err(Failure::Corrupt("too many header lines".to_string()))
    }

    /// Skips lines up to the next one that starts a record, which it returns.
    fn resync(&mut self) -> io::Result<Option<Vec<u8>>> {
        loop {
            match self.read_line()? {
                None => return Ok(None),
                Some(Line::Text(line)) if line.starts_with(b"WARC/1.") => return Ok(Some(line)),
                Some(_) => (),
            }
        }
    }

    fn next_nonblank_line(&mut self) -> io::Result<Option<Line>> {
        loop {
            match self.read_line()? {
                Some(Line::Text(line)) if line.is_empty() => (),
                other => return Ok(other),
            }
        }
    }

    /// Reads one line, bounded: an over-long line is consumed without being kept.
    fn read_line(&mut self) -> io::Result<Option<Line>> {
        // Fill the buffer first, so that a new gzip member has been entered and its offset is
        // known before the line's position is taken.
        self.input.fill_buf()?;
        self.line_start = (self.offset, self.member());
        let mut line = Vec::new();
        let n_read = (&mut self.input).take(MAX_LINE_BYTES).read_until(b'\n', &mut line)?;
        self.offset += n_read as u64;
        if n_read == 0 {
            return Ok(None);
        }
        if line.last() != Some(&b'\n') && n_read as u64 == MAX_LINE_BYTES {
            loop {
                let chunk = self.input.fill_buf()?;
                if chunk.is_empty() {
                    break;
                }
                let (len, done) = match chunk.iter().position(|&byte| byte == b'\n') {
                    Some(at) => (at + 1, true),
                    None => (chunk.len(), false),
                };
                self.input.consume(len);
                self.offset += len as u64;
                if done {
                    break;
                }
            }
            return Ok(Some(Line::TooLong));
        }
        let text = line.strip_suffix(b"\n").unwrap_or(&line);
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        Ok(Some(Line::Text(text.to_vec())))
    }

    fn member(&self) -> Option<u64> {
        self.gzip_members.as_ref().map(|it| it.get())
    }

    fn report_record(
        &self,
        emit: Emit<'_>,
        record_idx: usize,
        start: u64,
        member: Option<u64>,
        message: &str,
    ) {
        let origin =
            Origin { location: self.file.location.clone(), line: None, index: Some(record_idx) };
        emit(Err(Diagnostic::error(
            origin,
            format!("record at {}: {message}", position(start, member)),
        )));
    }

    /// What a failed read means, worded for the user (a truncated gzip member, say).
    fn read_error(&self, err: &std::io::Error) -> String {
        format!("cannot read: {}", io_message(err, self.gzip_members.is_some()))
    }

    fn report(&self, emit: Emit<'_>, at: u64, member: Option<u64>, message: &str) {
        let origin = Origin::file(self.file.location.as_str());
        emit(Err(Diagnostic::error(origin, format!("at {}: {message}", position(at, member)))));
    }

    fn summarise(&self, emit: Emit<'_>) {
        let origin = Origin::file(self.file.location.as_str());
        if self.n_records == 0 {
            return emit(Err(Diagnostic::error(origin, "file holds no WARC records")));
        }
        let n_skipped: usize = self.skipped.values().sum();
        let mut message =
            format!("{} records: {} pages, {} skipped", self.n_records, self.n_pages, n_skipped);
        if n_skipped > 0 {
            let reasons: Vec<String> =
                self.skipped.iter().map(|(reason, n)| format!("{n} {reason}")).collect();
            message.push_str(&format!(" ({})", reasons.join(", ")));
        }
        emit(Err(Diagnostic::warning(origin, message)));
    }
}

/// Reads one record's block: a page, or the reason it is skipped.
fn read_block(
    header: &Header,
    block: &mut io::Take<&mut dyn BufRead>,
    record_idx: usize,
    file: &InputFile,
    limits: &Limits,
    emit: Emit<'_>,
) -> Result<Outcome, Failure> {
    let record_type = header.get("WARC-Type").unwrap_or("").to_ascii_lowercase();
    if record_type != "response" {
        let reason = match record_type.as_str() {
            "" => "untyped".to_string(),
            other => truncate(other, 20).to_string(),
        };
        return Ok(Outcome::Skipped(reason));
    }
    if let Some(content_type) = header.get("Content-Type") {
        if !content_type.to_ascii_lowercase().starts_with("application/http") {
            return Ok(Outcome::Skipped("not HTTP".to_string()));
        }
    }
    let http = read_http_header(block)?;
    if http.status != 200 {
        return Ok(Outcome::Skipped("non-200 status".to_string()));
    }
    let (media_type, charset) = parse_content_type(http.get("Content-Type").unwrap_or(""));
    if !is_html(&media_type) {
        return Ok(Outcome::Skipped("not HTML".to_string()));
    }
    let payload = match read_limited(block, limits.max_file_bytes) {
        Ok(payload) => payload,
        Err(LimitedError::TooLarge) => {
            return Ok(Outcome::Skipped("over the size limit".to_string()))
        }
        Err(LimitedError::Io(err)) => return Err(Failure::Fatal(format!("cannot read: {err}"))),
    };
    if block.limit() > 0 {
        // The caller reports the truncation; a cut page is not emitted.
        return Err(Failure::Fatal("truncated record".to_string()));
    }
    let payload = match http.get("Transfer-Encoding") {
        Some(coding) if coding.to_ascii_lowercase().contains("chunked") => {
            match dechunk(&payload) {
                Ok(payload) => payload,
                Err(message) => return Err(Failure::Corrupt(message)),
            }
        }
        _ => payload,
    };
    let payload = match http.get("Content-Encoding") {
        Some(coding) => {
            let mut reader = match decoder(coding, Box::new(payload.as_slice())) {
                Ok(reader) => reader,
                Err(message) => return Ok(Outcome::Skipped(message)),
            };
            match read_limited(&mut reader, limits.max_file_bytes) {
                Ok(payload) => payload,
                Err(LimitedError::TooLarge) => {
                    return Ok(Outcome::Skipped("over the size limit".to_string()))
                }
                Err(LimitedError::Io(err)) => {
                    return Err(Failure::Corrupt(format!("corrupt {coding} payload: {err}")))
                }
            }
        }
        None => payload,
    };
    if payload.trim_ascii().is_empty() {
        return Ok(Outcome::Skipped("empty".to_string()));
    }
    if binary_reason(&payload).is_some() {
        return Ok(Outcome::Skipped("binary".to_string()));
    }
    let origin = Origin { location: file.location.clone(), line: None, index: Some(record_idx) };
    let (text, warning) = decode_page(&payload, charset.as_deref());
    if let Some(warning) = warning {
        emit(Err(Diagnostic::warning(origin.clone(), warning)));
    }
    let mut document = RawDocument::new(origin, Content::Html(text));
    document.url = header.get("WARC-Target-URI").map(|it| it.trim_matches(['<', '>']).to_string());
    document.file_stem = file.stem.clone();
    emit(Ok(document));
    Ok(Outcome::Page)
}

/// The status and header fields of an HTTP response.
struct HttpHeader {
    status: u16,
    fields: Vec<(String, String)>,
}

impl HttpHeader {
    fn get(&self, name: &str) -> Option<&str> {
        header_field(&self.fields, name)
    }
}

fn read_http_header(block: &mut dyn BufRead) -> Result<HttpHeader, Failure> {
    let mut status = None;
    let mut fields = Vec::new();
    for _ in 0..MAX_HEADER_LINES {
        let mut line = Vec::new();
        let n_read = block.take(MAX_LINE_BYTES).read_until(b'\n', &mut line);
        match n_read {
            Ok(0) => return Err(Failure::Corrupt("HTTP header ends early".to_string())),
            Ok(_) => (),
            Err(err) => return Err(Failure::Fatal(format!("cannot read: {err}"))),
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if status.is_none() {
            let mut parts = line.split_whitespace();
            let code = match (parts.next(), parts.next()) {
                (Some(version), Some(code)) if version.starts_with("HTTP/") => {
                    code.parse::<u16>().ok()
                }
                _ => None,
            };
            match code {
                Some(code) => status = Some(code),
                None => {
                    return Err(Failure::Corrupt(format!(
                        "bad HTTP status line {:?}",
                        truncate(line, 60)
                    )))
                }
            }
            continue;
        }
        if line.is_empty() {
            return Ok(HttpHeader { status: status.unwrap_or(0), fields });
        }
        if let Some((name, value)) = line.split_once(':') {
            fields.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    Err(Failure::Corrupt("HTTP header too long".to_string()))
}

fn position(offset: u64, member: Option<u64>) -> String {
    match member {
        Some(member) => {
            format!("byte {offset} of the decompressed stream (gzip member at byte {member})")
        }
        None => format!("byte {offset}"),
    }
}

fn io_message(err: &io::Error, gzip: bool) -> String {
    match gzip {
        true => format!("truncated or corrupt gzip data: {err}"),
        false => err.to_string(),
    }
}

fn truncate(text: &str, max_chars: usize) -> &str {
    match text.char_indices().nth(max_chars) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

/// A gzip reader that decodes member after member (like `MultiGzDecoder`) and publishes where
/// the member being decoded starts in the compressed file: the offset CDX indexes give.
struct GzMembers<R: BufRead> {
    decoder: Option<flate2::bufread::GzDecoder<Counted<R>>>,
    member_start: Rc<Cell<u64>>,
}

impl<R: BufRead> GzMembers<R> {
    fn new(inner: R, member_start: Rc<Cell<u64>>) -> GzMembers<R> {
        let counted = Counted { inner, consumed: 0 };
        GzMembers { decoder: Some(flate2::bufread::GzDecoder::new(counted)), member_start }
    }
}

impl<R: BufRead> Read for GzMembers<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let Some(decoder) = &mut self.decoder else { return Ok(0) };
            let n_read = decoder.read(buf)?;
            if n_read > 0 || buf.is_empty() {
                return Ok(n_read);
            }
            // This member is done; another may follow.
            let Some(decoder) = self.decoder.take() else { return Ok(0) };
            let mut inner = decoder.into_inner();
            if inner.fill_buf()?.is_empty() {
                return Ok(0);
            }
            self.member_start.set(inner.consumed);
            self.decoder = Some(flate2::bufread::GzDecoder::new(inner));
        }
    }
}

/// A buffered reader that counts the bytes consumed from it.
struct Counted<R> {
    inner: R,
    consumed: u64,
}

impl<R: BufRead> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n_read = self.inner.read(buf)?;
        self.consumed += n_read as u64;
        Ok(n_read)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.consumed += amount as u64;
        self.inner.consume(amount);
    }
}
