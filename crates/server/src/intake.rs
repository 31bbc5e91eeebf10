//! `POST /api/articles`: a JSON or JSONL body in the contract's article form, read with the
//! same reader as files (`ingest`), extracted, stored, analysed and indexed.

use std::collections::BTreeSet;

use model::{Diagnostic, RawDocument, Severity};

use crate::error::ApiError;
use crate::state::Inner;

/// What an ingest through the API did.
pub(crate) struct Intake {
    pub(crate) articles: Vec<String>,
    pub(crate) inserted: usize,
    pub(crate) updated: usize,
    pub(crate) unchanged: usize,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The stories holding the posted articles after the analysis.
    pub(crate) stories: Vec<store::StoryListing>,
}

/// Reads the body: one JSON object, a JSON array of them, or JSONL (one object per line).
/// Lines or elements that cannot be read become diagnostics; the rest go on.
pub(crate) fn read_body(
    body: &[u8],
    limits: &ingest::Limits,
) -> (Vec<RawDocument>, Vec<Diagnostic>) {
    let mut documents = Vec::new();
    let mut diagnostics = Vec::new();
    let mut emit = |res: Result<RawDocument, Diagnostic>| match res {
        Ok(document) => documents.push(document),
        Err(diagnostic) => diagnostics.push(diagnostic),
    };
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(serde_json::Value::Array(items)) => {
            // Each element goes through the JSONL reader as one line, so both forms are read
            // by the same code; diagnostics then name the element's index.
            let mut jsonl = Vec::new();
            for item in &items {
                // Serializing a parsed `Value` cannot fail.
                serde_json::to_writer(&mut jsonl, item).unwrap_or_default();
                jsonl.push(b'\n');
            }
            ingest::read_stdin(&mut jsonl.as_slice(), limits, &mut |res| {
                emit(res.map_err(|mut diagnostic| {
                    diagnostic.origin.index = diagnostic.origin.line.take().map(|line| line - 1);
                    diagnostic
                }))
            });
        }
        Ok(_) | Err(_) => ingest::read_stdin(&mut &body[..], limits, &mut emit),
    }
    for diagnostic in &mut diagnostics {
        diagnostic.origin.location = "body".to_string();
    }
    (documents, diagnostics)
}

/// Extracts, stores and analyses `documents`, and indexes them. Runs on the blocking pool.
///
/// Posts are stored one at a time and analysed together: an analysis covers every article
/// stored before it starts, so posts that arrive while one runs are stored as soon as it ends
/// and then analysed by a single analysis, whichever of them runs it ([`Inner::analyse_stored`]).
pub(crate) fn ingest(
    inner: &Inner,
    documents: Vec<RawDocument>,
    mut diagnostics: Vec<Diagnostic>,
) -> Result<Intake, ApiError> {
    if documents.is_empty() {
        let reasons: Vec<String> = diagnostics.iter().take(3).map(|it| it.to_string()).collect();
        let message = match reasons.is_empty() {
            true => "the body holds no article".to_string(),
            false => format!("no article could be read: {}", reasons.join("; ")),
        };
        return Err(ApiError::bad_request("no_articles", message));
    }
    let mut articles = Vec::with_capacity(documents.len());
    let mut ids: Vec<String> = Vec::with_capacity(documents.len());
    let mut seen = BTreeSet::new();
    for document in &documents {
        let (article, found) = match pipeline::extract_one(document) {
            Ok(extracted) => extracted,
            Err(skipped) => {
                diagnostics.push(skipped);
                continue;
            }
        };
        diagnostics.extend(found);
        if !seen.insert(article.id.clone()) {
            diagnostics.push(Diagnostic::error(
                document.origin.clone(),
                format!(
                    "an earlier article in the body has the id {:?}; this one was skipped",
                    article.id
                ),
            ));
            continue;
        }
        ids.push(article.id.clone());
        articles.push(article);
    }
    let (outcomes, ticket) = inner.store_posted(&articles)?;
    let count = |wanted: store::PutOutcome| outcomes.iter().filter(|it| **it == wanted).count();
    let (inserted, updated, unchanged) = (
        count(store::PutOutcome::Inserted),
        count(store::PutOutcome::Updated),
        count(store::PutOutcome::Unchanged),
    );
    if let Some(ticket) = ticket {
        inner.analyse_stored(ticket)?;
    }
    let reader = inner.reader();
    let mut touched = BTreeSet::new();
    for id in &ids {
        if let Some(story) = reader.article(id)?.and_then(|it| it.story) {
            touched.insert(story);
        }
    }
    let touched: Vec<&str> = touched.iter().map(String::as_str).collect();
    let stories = reader.story_listings(&touched)?;
    drop(reader);
    for diagnostic in &diagnostics {
        match diagnostic.severity {
            Severity::Error => {
                tracing::warn!(target: "server", %diagnostic, "Posted input skipped.")
            }
            Severity::Warning => {
                tracing::debug!(target: "server", %diagnostic, "Posted input read with a caveat.")
            }
        }
    }
    Ok(Intake { articles: ids, inserted, updated, unchanged, diagnostics, stories })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(body: &str) -> (Vec<RawDocument>, Vec<Diagnostic>) {
        read_body(body.as_bytes(), &ingest::Limits::default())
    }

    #[test]
    fn reads_objects_arrays_and_lines() {
        let (docs, diags) = read(r#"{"id": "a", "text": "One."}"#);
        assert_eq!((docs.len(), diags.len()), (1, 0));
        let (docs, diags) =
            read(r#"[{"id": "a", "text": "One."}, {"id": "b"}, {"id": "c", "html": "<p>x</p>"}]"#);
        assert_eq!(
            docs.iter().map(|it| it.id.as_deref()).collect::<Vec<_>>(),
            [Some("a"), Some("c")]
        );
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].origin.to_string(), "body[1]");
        let (docs, diags) = read("{\"id\": \"a\", \"text\": \"One.\"}\nnot json\n\n{\"id\": \"b\", \"text\": \"Two.\"}\n");
        assert_eq!(docs.len(), 2);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].origin.to_string(), "body:2");
    }
}
