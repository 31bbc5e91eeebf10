//! One JSON article object into a [`RawDocument`], per the contract's field table.

use model::{Content, Diagnostic, Extra, Origin, RawDocument};
use serde_json::Value;

/// Builds the document for one article object.
///
/// `default_id` is used when the object has no `id` (the file's id for a single-object
/// `.json` file; `None` elsewhere, so the extractor derives a content id). When both `text`
/// and `html` are given, `text` is used and `html` dropped: the caller's own plain text is
/// taken as the cleaner version of the article. A known field of the wrong type is kept in
/// `extra` with a warning; it never makes the article fail. Warnings go to `emit`; the
/// result is the document or the error that skips it.
pub(crate) fn document(
    mut object: Extra,
    origin: Origin,
    default_id: Option<&str>,
    stem: Option<&str>,
    emit: &mut dyn FnMut(Result<RawDocument, Diagnostic>),
) -> Result<RawDocument, Diagnostic> {
    let text = take_content(&mut object, "text");
    let html = take_content(&mut object, "html");
    let content = match (text, html) {
        (Ok(Some(text)), _) => Content::Text(text),
        (_, Ok(Some(html))) => Content::Html(html),
        (Err(problem), _) | (_, Err(problem)) => return Err(Diagnostic::error(origin, problem)),
        (Ok(None), Ok(None)) => {
            let message = "article has neither a non-empty `text` nor an `html` field";
            return Err(Diagnostic::error(origin, message));
        }
    };

    let mut misplaced = Extra::new();
    let mut warn = |message: String| emit(Err(Diagnostic::warning(origin.clone(), message)));
    let mut document = RawDocument::new(origin.clone(), content);
    document.file_stem = stem.map(str::to_string);
    document.id = match object.shift_remove("id") {
        None | Some(Value::Null) => None,
        Some(Value::String(id)) if id.trim().is_empty() => {
            warn("empty `id` ignored".to_string());
            None
        }
        Some(Value::String(id)) => Some(id),
        Some(Value::Number(id)) => Some(id.to_string()),
        Some(other) => {
            warn(format!("`id` must be a string or a number, not {}; kept as an extra field", kind(&other)));
            misplaced.insert("id".to_string(), other);
            None
        }
    };
    if document.id.is_none() {
        document.id = default_id.map(str::to_string);
    }
    let fields: [(&str, &mut Option<String>); 6] = [
        ("url", &mut document.url),
        ("source", &mut document.source),
        ("published", &mut document.published),
        ("title", &mut document.title),
        ("author", &mut document.author),
        ("language", &mut document.language),
    ];
    for (name, slot) in fields {
        match object.shift_remove(name) {
            None | Some(Value::Null) => (),
            Some(Value::String(value)) if value.trim().is_empty() => (),
            Some(Value::String(value)) => *slot = Some(value),
            // A Unix timestamp is a common form of date; the extractor parses it.
            Some(Value::Number(value)) if name == "published" => *slot = Some(value.to_string()),
            Some(other) => {
                warn(format!("`{name}` must be a string, not {}; kept as an extra field", kind(&other)));
                misplaced.insert(name.to_string(), other);
            }
        }
    }
    object.extend(misplaced);
    document.extra = object;
    Ok(document)
}

/// Takes `text` or `html` out of the object: `Ok(None)` when absent, null or blank.
fn take_content(object: &mut Extra, name: &str) -> Result<Option<String>, String> {
    match object.shift_remove(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(value)) if value.trim().is_empty() => Ok(None),
        Some(Value::String(value)) => Ok(Some(value)),
        Some(other) => Err(format!("`{name}` must be a string, not {}", kind(&other))),
    }
}

/// A JSON value's kind, with its article, for messages.
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
