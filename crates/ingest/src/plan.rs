//! Walking the command-line arguments into classified input files with default ids.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use model::{Diagnostic, Origin};

use crate::{Format, InputFile, Source};

pub(crate) fn plan(args: &[String]) -> (Vec<InputFile>, Vec<Diagnostic>) {
    let mut ctx = Ctx::default();
    for arg in args {
        if arg == "-" {
            ctx.add_stdin();
            continue;
        }
        let path = Path::new(arg);
        match fs::metadata(path) {
            Err(err) => ctx
                .diagnostics
                .push(Diagnostic::error(Origin::file(arg), format!("cannot read: {err}"))),
            Ok(meta) if meta.is_dir() => ctx.walk(path, Path::new("")),
            // Anything else given explicitly is read as a file: that includes pipes such as
            // `<(zcat feed.jsonl.gz)`, which are not regular files.
            Ok(_) => {
                let name = path.file_name().map(|it| it.to_string_lossy().into_owned());
                ctx.add_file(path.to_path_buf(), arg.clone(), name.unwrap_or_else(|| arg.clone()));
            }
        }
    }
    let files = assign_ids(ctx.found);
    (files, ctx.diagnostics)
}

/// Splits a file name into its format, whether it is gzipped, and its stem (the name
/// without the recognised extensions). `None` for an unknown extension.
///
/// Only the recognised extensions are removed, so `report.2024.txt` has the stem
/// `report.2024`.
pub(crate) fn classify(name: &str) -> Option<(Format, bool, &str)> {
    let (rest, gzip) = match strip_suffix_ignore_case(name, ".gz") {
        Some(rest) => (rest, true),
        None => (name, false),
    };
    let (stem, extension) = rest.rsplit_once('.')?;
    let format = match extension.to_ascii_lowercase().as_str() {
        "txt" => Format::Text,
        "html" | "htm" => Format::Html,
        "json" => Format::Json,
        "jsonl" => Format::Jsonl,
        "warc" => Format::Warc,
        _ => return None,
    };
    if stem.is_empty() {
        return None;
    }
    Some((format, gzip, stem))
}

fn strip_suffix_ignore_case<'a>(name: &'a str, suffix: &str) -> Option<&'a str> {
    let split = name.len().checked_sub(suffix.len())?;
    match name.get(split..) {
        Some(tail) if tail.eq_ignore_ascii_case(suffix) => Some(&name[..split]),
        _ => None,
    }
}

/// A classified file whose id is not chosen yet.
struct Found {
    file: InputFile,
    /// The path relative to its argument, `/`-separated, without its extensions.
    relative_stem: String,
}

#[derive(Default)]
struct Ctx {
    found: Vec<Found>,
    diagnostics: Vec<Diagnostic>,
    /// Canonical paths already planned, so a file named twice is read once.
    seen: HashSet<PathBuf>,
    stdin_planned: bool,
}

impl Ctx {
    fn add_stdin(&mut self) {
        if self.stdin_planned {
            self.diagnostics.push(Diagnostic::warning(
                Origin::file("-"),
                "standard input given more than once; it is read once",
            ));
            return;
        }
        self.stdin_planned = true;
        let file = InputFile {
            source: Source::Stdin,
            location: "-".to_string(),
            format: Format::Jsonl,
            gzip: false,
            id: None,
            stem: None,
        };
        self.found.push(Found { file, relative_stem: String::new() });
    }

    /// Walks `root.join(relative)` recursively in sorted order.
    fn walk(&mut self, root: &Path, relative: &Path) {
        let dir = root.join(relative);
        let location = dir.to_string_lossy().into_owned();
        let entries = match fs::read_dir(&dir).and_then(|it| it.collect::<Result<Vec<_>, _>>()) {
            Ok(entries) => entries,
            Err(err) => {
                let message = format!("cannot read directory: {err}");
                self.diagnostics.push(Diagnostic::error(Origin::file(location), message));
                return;
            }
        };
        let mut names: Vec<_> = entries.into_iter().map(|it| it.file_name()).collect();
        names.sort();
        for name in names {
            let name_text = name.to_string_lossy().into_owned();
            if name_text.starts_with('.') {
                continue;
            }
            let relative = relative.join(&name);
            let path = root.join(&relative);
            let location = path.to_string_lossy().into_owned();
            // `symlink_metadata` first: a symlinked directory is not followed, because links
            // can form loops; a symlinked file is read.
            let file_type = match fs::symlink_metadata(&path) {
                Ok(meta) if meta.file_type().is_symlink() => match fs::metadata(&path) {
                    Ok(target) if target.is_dir() => continue,
                    Ok(target) => target.file_type(),
                    Err(err) => {
                        let message = format!("cannot read: {err}");
                        self.diagnostics.push(Diagnostic::error(Origin::file(location), message));
                        continue;
                    }
                },
                Ok(meta) => meta.file_type(),
                Err(err) => {
                    let message = format!("cannot read: {err}");
                    self.diagnostics.push(Diagnostic::error(Origin::file(location), message));
                    continue;
                }
            };
            if file_type.is_dir() {
                self.walk(root, &relative);
            } else if file_type.is_file() {
                let relative_text = relative.to_string_lossy().replace('\\', "/");
                self.add_file(path, location, relative_text);
            } else {
                let message = "not a regular file (a socket, pipe or device met while walking)";
                self.diagnostics.push(Diagnostic::error(Origin::file(location), message));
            }
        }
    }

    /// Plans one file; `relative` is its path relative to the argument it was found under.
    fn add_file(&mut self, path: PathBuf, location: String, relative: String) {
        let name = path
            .file_name()
            .map(|it| it.to_string_lossy().into_owned())
            .unwrap_or_else(|| location.clone());
        let Some((format, gzip, stem)) = classify(&name) else {
            let message = format!(
                "unknown file type {name:?}: expected .txt, .html, .htm, .json, .jsonl or \
                 .warc, optionally gzipped (.gz)"
            );
            self.diagnostics.push(Diagnostic::error(Origin::file(location), message));
            return;
        };
        if let Ok(canonical) = fs::canonicalize(&path) {
            if !self.seen.insert(canonical) {
                let message = "given more than once; it is read once";
                self.diagnostics.push(Diagnostic::warning(Origin::file(location), message));
                return;
            }
        }
        let relative_stem = match relative.rsplit_once('/') {
            Some((parent, _)) => format!("{parent}/{stem}"),
            None => stem.to_string(),
        };
        let file = InputFile {
            source: Source::Path(path),
            location,
            format,
            gzip,
            id: None,
            stem: Some(stem.to_string()),
        };
        self.found.push(Found { file, relative_stem });
    }
}

/// Gives each file its default id: its stem; where stems collide, the path relative to the
/// argument without extensions for every file involved; where even those collide (the same
/// name under two arguments), the location without extensions, then the whole location.
fn assign_ids(found: Vec<Found>) -> Vec<InputFile> {
    let candidates: Vec<Option<[String; 4]>> = found
        .iter()
        .map(|it| {
            let stem = it.file.stem.clone()?;
            let location = it.file.location.replace('\\', "/");
            let location_stem = match location.rsplit_once('/') {
                Some((parent, _)) => format!("{parent}/{stem}"),
                None => stem.clone(),
            };
            Some([stem, it.relative_stem.clone(), location_stem, location])
        })
        .collect();
    let mut levels = vec![0usize; found.len()];
    loop {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for (candidate, level) in candidates.iter().zip(&levels) {
            if let Some(candidate) = candidate {
                *counts.entry(candidate[*level].as_str()).or_default() += 1;
            }
        }
        let mut changed = false;
        let mut next = levels.clone();
        for (item_idx, candidate) in candidates.iter().enumerate() {
            let Some(candidate) = candidate else { continue };
            let level = levels[item_idx];
            if level < 3 && counts[candidate[level].as_str()] > 1 {
                next[item_idx] = level + 1;
                changed = true;
            }
        }
        levels = next;
        if !changed {
            break;
        }
    }
    found
        .into_iter()
        .zip(candidates)
        .zip(levels)
        .map(|((it, candidate), level)| {
            let mut file = it.file;
            file.id = candidate.map(|mut candidate| std::mem::take(&mut candidate[level]));
            file
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_strips_only_known_extensions() {
        assert_eq!(classify("0001.html.gz"), Some((Format::Html, true, "0001")));
        assert_eq!(classify("report.2024.TXT"), Some((Format::Text, false, "report.2024")));
        assert_eq!(classify("feed.jsonl"), Some((Format::Jsonl, false, "feed")));
        assert_eq!(classify("page.htm"), Some((Format::Html, false, "page")));
        assert_eq!(classify("a.json.GZ"), Some((Format::Json, true, "a")));
        assert_eq!(classify("CC-NEWS-1.warc.gz"), Some((Format::Warc, true, "CC-NEWS-1")));
        assert_eq!(classify("crawl.WARC"), Some((Format::Warc, false, "crawl")));
        assert_eq!(classify("notes.gz"), None);
        assert_eq!(classify("image.png"), None);
        assert_eq!(classify("README"), None);
        assert_eq!(classify(".txt"), None);
    }
}
