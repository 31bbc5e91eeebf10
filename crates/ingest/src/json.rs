//! One JSON article object into a [`RawDocument`], per the contract's field table.

use model::{Content, Diagnostic, Extra, Origin, RawDocument};
use serde_json::Value;

/// Builds the document for one article object.
///
/// `default_id` is used when the object has no `id` (the file's id for a single-object
/// `.json` file; `None` elsewhere, so the extractor derives a content id). When both `text`
/// and `html` are given, `text` is used and `html` dropped: the caller's own plain text is
/// taken as the cleaner version of the article. A blank `text` or `html` with a `title` gives
/// a document with empty content and a warning; without a title it is an error. A known field of the wrong type is kept in
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
    let has_title =
        matches!(object.get("title"), Some(Value::String(title)) if !title.trim().is_empty());
    let mut blank_warning = None;
    let content = match (text, html) {
        (Ok(Body::Given(text)), _) => Content::Text(text),
        (_, Ok(Body::Given(html))) => Content::Html(html),
        (Err(problem), _) | (_, Err(problem)) => return Err(Diagnostic::error(origin, problem)),
        // Present but blank: the contract's "one of text and html must be present" holds, and
        // a title alone still places the article in its story, so keep it.
        (Ok(Body::Blank(name)), _) | (_, Ok(Body::Blank(name))) if has_title => {
            blank_warning = Some(format!("`{name}` is empty: only the title is known"));
            match name {
                "html" => Content::Html(String::new()),
                _ => Content::Text(String::new()),
            }
        }
        (Ok(Body::Blank(name)), _) | (_, Ok(Body::Blank(name))) => {
            let message = format!("`{name}` is empty and there is no title");
            return Err(Diagnostic::error(origin, message));
        }
        (Ok(Body::Absent), Ok(Body::Absent)) => {
            let message = "article has neither a `text` nor an `html` field";
            return Err(Diagnostic::error(origin, message));
        }
    };

    let mut misplaced = Extra::new();
    let mut warn = |message: String| emit(Err(Diagnostic::warning(origin.clone(), message)));
    if let Some(message) = blank_warning {
        warn(message);
    }
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
            warn(format!(
                "`id` must be a string or a number, not {}; kept as an extra field",
                kind(&other)
            ));
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
                warn(format!(
                    "`{name}` must be a string, not {}; kept as an extra field",
                    kind(&other)
                ));
                misplaced.insert(name.to_string(), other);
            }
        }
    }
    object.extend(misplaced);
    document.extra = object;
    Ok(document)
}

/// The `text` or `html` field of an article object.
enum Body {
    Absent,
    /// Present but empty or whitespace; holds the field's name.
    Blank(&'static str),
    Given(String),
}

/// Takes `text` or `html` out of the object; an error names a value of the wrong type.
fn take_content(object: &mut Extra, name: &'static str) -> Result<Body, String> {
    match object.shift_remove(name) {
        None | Some(Value::Null) => Ok(Body::Absent),
        Some(Value::String(value)) if value.trim().is_empty() => Ok(Body::Blank(name)),
        Some(Value::String(value)) => Ok(Body::Given(value)),
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
