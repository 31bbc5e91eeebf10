//! `parallax eval`: quality against gold data, with the reference definitions.

use std::time::Instant;

use anyhow::Context;
use model::{Content, Origin, RawDocument};
use serde_json::Value;

/// One gold article: its id, gold label, and the document to analyse.
struct GoldArticle {
    id: String,
    label: String,
    doc: RawDocument,
}

/// The figures `eval clusters` prints.
#[derive(Debug, serde::Serialize)]
pub(crate) struct ClusterEval {
    pub(crate) articles: usize,
    pub(crate) gold_stories: usize,
    pub(crate) predicted_stories: usize,
    pub(crate) pairwise: Prf,
    pub(crate) bcubed: Prf,
    /// Normalised mutual information (arithmetic-mean normalisation, as scikit-learn's default).
    pub(crate) nmi: f64,
    /// Articles per second through dedupe and clustering (not reading or extraction).
    pub(crate) articles_per_second: f64,
}

#[derive(Debug, serde::Serialize)]
pub(crate) struct Prf {
    pub(crate) precision: f64,
    pub(crate) recall: f64,
    pub(crate) f1: f64,
}

impl From<cluster::metrics::Scores> for Prf {
    fn from(scores: cluster::metrics::Scores) -> Prf {
        Prf { precision: scores.precision, recall: scores.recall, f1: scores.f1 }
    }
}

/// Clusters the articles of a gold file (or scores a report made from it) against its labels.
///
/// The gold file is JSONL with an id (`id` or `Id`), a label (`story` or `clusterNo`) and
/// the article (`text` or `textCleaned`, optionally `title`, `published`, `source`, `url`),
/// as in `../shared/data/clustering`.
pub(crate) fn clusters(
    gold_path: &str,
    report_path: Option<&str>,
    config: &pipeline::Config,
    progress: &dyn pipeline::Progress,
) -> anyhow::Result<ClusterEval> {
    let gold = read_gold(gold_path)?;
    let labels: Vec<(String, String)> =
        gold.iter().map(|g| (g.id.clone(), g.label.clone())).collect();
    let (predicted, seconds) = match report_path {
        Some(path) => (read_report(path)?, 0.0),
        None => cluster_gold(gold, config, progress),
    };
    let articles = labels.len();
    let distinct = |pairs: &[(String, String)]| {
        pairs
            .iter()
            .map(|(_, label)| label.as_str())
            .collect::<std::collections::HashSet<_>>()
            .len()
    };
    Ok(ClusterEval {
        articles,
        gold_stories: distinct(&labels),
        predicted_stories: distinct(&predicted),
        pairwise: cluster::metrics::pairwise(&predicted, &labels).into(),
        bcubed: cluster::metrics::bcubed(&predicted, &labels).into(),
        nmi: cluster::metrics::nmi(&predicted, &labels),
        articles_per_second: if seconds > 0.0 { articles as f64 / seconds } else { 0.0 },
    })
}

fn cluster_gold(
    gold: Vec<GoldArticle>,
    config: &pipeline::Config,
    progress: &dyn pipeline::Progress,
) -> (Vec<(String, String)>, f64) {
    let docs: Vec<RawDocument> = gold.into_iter().map(|g| g.doc).collect();
    let articles: Vec<model::Article> =
        pipeline::extract_all(&docs).into_iter().map(|(article, _)| article).collect();
    let start = Instant::now();
    let assignments = pipeline::assign(&articles, config, progress);
    let seconds = start.elapsed().as_secs_f64();
    let predicted =
        articles.iter().zip(assignments).map(|(a, s)| (a.id.clone(), s.story)).collect();
    (predicted, seconds)
}

fn read_gold(path: &str) -> anyhow::Result<Vec<GoldArticle>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {path}"))?;
    let mut gold = Vec::new();
    for (idx, line) in text.lines().enumerate().filter(|(_, line)| !line.trim().is_empty()) {
        let value: Value =
            serde_json::from_str(line).with_context(|| format!("{path}:{}: not JSON", idx + 1))?;
        let field = |names: &[&str]| names.iter().find_map(|name| scalar(&value[*name]));
        let (Some(id), Some(label)) = (field(&["id", "Id"]), field(&["story", "clusterNo"])) else {
            anyhow::bail!("{path}:{}: a gold line needs an id and a story (or clusterNo)", idx + 1);
        };
        let text = field(&["text", "textCleaned"]).unwrap_or_default();
        let mut origin = Origin::file(path);
        origin.line = Some(idx + 1);
        let mut doc = RawDocument::new(origin, Content::Text(text));
        doc.id = Some(id.clone());
        doc.title = field(&["title"]);
        doc.published = field(&["published"]);
        doc.source = field(&["source"]);
        doc.url = field(&["url"]);
        gold.push(GoldArticle { id, label, doc });
    }
    Ok(gold)
}

fn read_report(path: &str) -> anyhow::Result<Vec<(String, String)>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {path}"))?;
    let report: model::report::Report =
        serde_json::from_str(&text).with_context(|| format!("{path} is not a Parallax report"))?;
    Ok(report.articles.into_iter().map(|a| (a.id, a.story)).collect())
}

/// A string or number field as a string.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

pub(crate) fn render(eval: &ClusterEval) -> String {
    let line = |name: &str, prf: &Prf| {
        format!("{name:<9} P {:.4}  R {:.4}  F1 {:.4}\n", prf.precision, prf.recall, prf.f1)
    };
    let mut out = format!(
        "{} articles, {} gold stories, {} predicted\n",
        eval.articles, eval.gold_stories, eval.predicted_stories
    );
    out.push_str(&line("pairwise", &eval.pairwise));
    out.push_str(&line("BCubed", &eval.bcubed));
    out.push_str(&format!("NMI       {:.4}\n", eval.nmi));
    if eval.articles_per_second > 0.0 {
        out.push_str(&format!(
            "speed     {:.0} articles/s (dedupe + clustering)\n",
            eval.articles_per_second
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_lines_of_both_shapes_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gold.jsonl");
        std::fs::write(
            &path,
            "{\"id\": \"a\", \"story\": \"s1\", \"text\": \"One.\"}\n{\"Id\": 7, \"clusterNo\": 3, \"textCleaned\": \"two words\"}\n",
        )
        .unwrap();
        let gold = read_gold(path.to_str().unwrap()).unwrap();
        let ids: Vec<(&str, &str)> =
            gold.iter().map(|g| (g.id.as_str(), g.label.as_str())).collect();
        assert_eq!(ids, [("a", "s1"), ("7", "3")]);
        assert_eq!(gold[1].doc.content, Content::Text("two words".to_string()));
    }

    #[test]
    fn a_gold_line_without_label_is_an_error_naming_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gold.jsonl");
        std::fs::write(
            &path,
            "{\"id\": \"a\", \"story\": \"s\", \"text\": \"x\"}\n{\"id\": \"b\"}\n",
        )
        .unwrap();
        let err = read_gold(path.to_str().unwrap()).err().unwrap().to_string();
        assert!(err.contains("gold.jsonl:2"), "{err}");
    }
}
