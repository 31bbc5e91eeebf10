//! Reading inputs (files, directories, JSON, JSONL, gzip, standard input) into
//! [`model::RawDocument`]s, as `../shared/CONTRACT.md` "Input: articles" specifies.
//!
//! Ingest never fails on input: every file or line that cannot be read becomes a
//! [`model::Diagnostic`] naming it and the reason, and the rest of the batch goes on.
//!
//! ```no_run
//! let args = vec!["articles/".to_string()];
//! let (files, mut diagnostics) = ingest::plan(&args);
//! let mut documents = Vec::new();
//! for file in &files {
//!     ingest::read_file(file, &ingest::Limits::default(), &mut |it| match it {
//!         Ok(document) => documents.push(document),
//!         Err(diagnostic) => diagnostics.push(diagnostic),
//!     });
//! }
//! ```

#![warn(missing_docs)]

pub mod feed;
pub mod web;

mod decode;
mod json;
mod plan;
mod read;
mod unpack;
mod warc;

use std::io::BufRead;
use std::path::PathBuf;

use model::{Diagnostic, RawDocument};

/// Size limits that keep one hostile or broken input from exhausting memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest `.txt`, `.html`/`.htm` or `.json` file accepted, counted after gzip
    /// decompression (so a decompression bomb is refused), and the largest page payload of a
    /// WARC record (a larger one is skipped). Default: 64 MiB.
    pub max_file_bytes: u64,
    /// The largest JSONL line accepted. JSONL files themselves may be arbitrarily large:
    /// they are streamed line by line. Default: 64 MiB.
    pub max_line_bytes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_file_bytes: 64 << 20, max_line_bytes: 64 << 20 }
    }
}

/// How the content of an input is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// `*.txt`: one plain-text article.
    Text,
    /// `*.html`, `*.htm`: one web page.
    Html,
    /// `*.json`: one article object or an array of them.
    Json,
    /// `*.jsonl`: one article object per line.
    Jsonl,
    /// `*.warc`: web archive records, one document per HTML response.
    Warc,
}

/// Where an input's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Source {
    /// A file on disk.
    Path(PathBuf),
    /// Standard input (`-` on the command line), read as JSONL.
    Stdin,
}

/// One input found by [`plan`], ready for [`read_file`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// Where to read it.
    pub source: Source,
    /// The path as the user gave it, joined with the walked sub-path (or `-`): what
    /// diagnostics print.
    pub location: String,
    /// How to parse it.
    pub format: Format,
    /// Whether it is gzip-compressed (`*.gz`).
    pub gzip: bool,
    /// The id of an article read from this file that gives no id of its own: the file
    /// name without its extensions, or, where two inputs would share that, the path
    /// relative to the argument without extensions. `None` for standard input.
    pub id: Option<String>,
    /// The file name without its extensions (the outlet of last resort); `None` for
    /// standard input.
    pub stem: Option<String>,
}

/// Walks the command-line arguments and classifies every file found.
///
/// Files are taken as given; directories are walked recursively in byte order of their
/// entry names, so runs are deterministic. Hidden files and directories (a name starting
/// with `.`) met while walking are skipped silently, as are symlinked directories (which
/// could form loops). `-` means JSONL on standard input. A missing path, an unreadable
/// directory or a file with an unknown extension gives an error diagnostic and is skipped.
pub fn plan(args: &[String]) -> (Vec<InputFile>, Vec<Diagnostic>) {
    plan::plan(args)
}

/// Reads one planned input and emits one document per article, or a diagnostic per file or
/// line that could not be read (or was read with a caveat).
///
/// A `.txt` or `.html` file gives one document; a `.json` file one per object; a `.jsonl`
/// file one per non-blank line; a `.warc` file one per HTML response record, then a warning
/// that counts the records read and skipped. A [`Source::Stdin`] input reads the process's standard input.
pub fn read_file(
    file: &InputFile,
    limits: &Limits,
    emit: &mut dyn FnMut(Result<RawDocument, Diagnostic>),
) {
    read::read_file(file, limits, emit)
}

/// Reads JSONL articles from `reader` (standard input, for `-`), one per non-blank line.
/// Diagnostics name the location `-` and the line number.
pub fn read_stdin(
    reader: &mut dyn BufRead,
    limits: &Limits,
    emit: &mut dyn FnMut(Result<RawDocument, Diagnostic>),
) {
    read::read_jsonl(reader, "-", None, limits, false, emit)
}
