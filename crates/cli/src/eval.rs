//! `parallax eval`: quality against gold data, with the reference definitions.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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
    let (articles, _) = pipeline::extract_all(&docs);
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

/// What `eval extract` measured, one entry per benchmark.
#[derive(Debug, serde::Serialize)]
pub(crate) struct ExtractionEval {
    pub(crate) benchmarks: Vec<BenchmarkEval>,
    /// Pages that could not be read (scored as empty) and other caveats, for stderr.
    #[serde(skip)]
    pub(crate) diagnostics: Vec<model::Diagnostic>,
}

/// One benchmark's figures.
#[derive(Debug, serde::Serialize)]
pub(crate) struct BenchmarkEval {
    /// `aeb` or `wcxb`.
    pub(crate) benchmark: &'static str,
    /// The directory or archive given.
    pub(crate) path: String,
    /// Pages in the ground truth.
    pub(crate) pages: usize,
    /// Pages that could not be read; the scorer sees an empty prediction for each.
    pub(crate) unreadable: usize,
    /// What the benchmark's own scorer reports.
    pub(crate) scorer: ScorerFigures,
    /// Exact-match metadata accuracy, where the ground truth has the field.
    pub(crate) title: Option<Exact>,
    pub(crate) author: Option<Exact>,
    pub(crate) date: Option<Exact>,
    /// Extraction alone, one thread.
    pub(crate) pages_per_second: f64,
    /// The prediction file written for the scorer (kept with `--work`).
    pub(crate) predictions: String,
}

/// The scorer's figures, as its own script printed or wrote them.
#[derive(Debug, serde::Serialize)]
pub(crate) struct ScorerFigures {
    /// The script that was run.
    pub(crate) script: String,
    pub(crate) f1: f64,
    pub(crate) precision: f64,
    pub(crate) recall: f64,
    /// The scorer's whole standard output.
    pub(crate) output: String,
}

/// Exact-match accuracy of one metadata field.
#[derive(Debug, Default, serde::Serialize)]
pub(crate) struct Exact {
    /// Pages whose ground truth has the field.
    pub(crate) with_truth: usize,
    /// Of those, pages where the extracted value matches.
    pub(crate) hits: usize,
    /// `hits / with_truth`: the figure benchmarks report.
    pub(crate) accuracy: f64,
    /// Over all pages, counting a field absent from both as a match.
    pub(crate) accuracy_all_pages: f64,
    #[serde(skip)]
    pages: usize,
    #[serde(skip)]
    both_absent: usize,
}

impl Exact {
    fn add(&mut self, truth: Option<&str>, found: Option<&str>, same: fn(&str, &str) -> bool) {
        self.pages += 1;
        let truth = truth.map(str::trim).filter(|it| !it.is_empty());
        match (truth, found) {
            (None, None) => self.both_absent += 1,
            (None, Some(_)) => (),
            (Some(truth), found) => {
                self.with_truth += 1;
                self.hits += usize::from(found.is_some_and(|found| same(truth, found)));
            }
        }
        self.accuracy = self.hits as f64 / self.with_truth.max(1) as f64;
        self.accuracy_all_pages = (self.hits + self.both_absent) as f64 / self.pages as f64;
    }
}

/// Whitespace-normalised equality.
fn same_text(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// The same `YYYY-MM-DD` day.
fn same_day(a: &str, b: &str) -> bool {
    a.get(..10).is_some_and(|day| b.get(..10) == Some(day))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Benchmark {
    /// ScrapingHub's article-extraction-benchmark: `ground-truth.json` keyed by page,
    /// predictions `{page: {"articleBody": text}}` in `output/NAME.json`.
    Aeb,
    /// WCXB: `ground-truth/ID.json`, predictions `{ID: text}` given with `--results`.
    Wcxb,
}

impl Benchmark {
    fn detect(dir: &Path) -> Option<Benchmark> {
        let has_pages = dir.join("html").is_dir() && dir.join("evaluate.py").is_file();
        if has_pages && dir.join("ground-truth.json").is_file() {
            Some(Benchmark::Aeb)
        } else if has_pages && dir.join("ground-truth").is_dir() {
            Some(Benchmark::Wcxb)
        } else {
            None
        }
    }

    fn name(self) -> &'static str {
        match self {
            Benchmark::Aeb => "aeb",
            Benchmark::Wcxb => "wcxb",
        }
    }
}

/// The ground truth of one page.
#[derive(Default)]
struct Truth {
    /// The address the page was fetched from, when the benchmark records it: passed to the
    /// extractor as a crawler would (URL dates, the canonical host), not scored.
    url: Option<String>,
    title: Option<String>,
    author: Option<String>,
    date: Option<String>,
}

/// Extracts the pages of each benchmark, runs its scorer on our predictions, and scores the
/// metadata by exact match.
pub(crate) fn extraction(
    benchmarks: &[String],
    work: Option<&str>,
    config: &pipeline::Config,
) -> anyhow::Result<ExtractionEval> {
    let temp;
    let work: PathBuf = match work {
        Some(work) => {
            std::fs::create_dir_all(work).with_context(|| format!("cannot create {work}"))?;
            std::fs::canonicalize(work)?
        }
        None => {
            temp = tempfile::tempdir().context("cannot create a temporary directory")?;
            temp.path().to_path_buf()
        }
    };
    let mut eval = ExtractionEval { benchmarks: Vec::new(), diagnostics: Vec::new() };
    for (idx, path) in benchmarks.iter().enumerate() {
        let dir = benchmark_dir(path, &work.join(format!("{idx}-unpacked")))?;
        let Some(kind) = Benchmark::detect(&dir) else {
            anyhow::bail!(
                "{path}: not a known benchmark layout (want html/ and evaluate.py with \
                 ground-truth.json, as ScrapingHub AEB, or ground-truth/, as WCXB)"
            );
        };
        let run_dir = work.join(format!("{idx}-{}", kind.name()));
        std::fs::create_dir_all(&run_dir)?;
        let result = run_benchmark(kind, path, &dir, &run_dir, config, &mut eval.diagnostics)
            .with_context(|| format!("{path}: evaluation failed"))?;
        eval.benchmarks.push(result);
    }
    Ok(eval)
}

/// The benchmark directory: `path` itself, or where its archive unpacks (the directory
/// holding `html/`, one level down at most).
fn benchmark_dir(path: &str, unpack_to: &Path) -> anyhow::Result<PathBuf> {
    let given = Path::new(path);
    if given.is_dir() {
        return Ok(given.canonicalize()?);
    }
    if !(path.ends_with(".tar.gz") || path.ends_with(".tgz")) || !given.is_file() {
        anyhow::bail!("{path}: not a directory or a .tar.gz archive");
    }
    std::fs::create_dir_all(unpack_to)?;
    let status = std::process::Command::new("tar")
        .arg("-xzf")
        .arg(given)
        .arg("-C")
        .arg(unpack_to)
        .status()
        .context("cannot run tar")?;
    if !status.success() {
        anyhow::bail!("{path}: tar could not unpack it ({status})");
    }
    if unpack_to.join("html").is_dir() {
        return Ok(unpack_to.to_path_buf());
    }
    for entry in std::fs::read_dir(unpack_to)? {
        let entry = entry?.path();
        if entry.join("html").is_dir() {
            return Ok(entry);
        }
    }
    anyhow::bail!("{path}: the archive holds no html/ directory")
}

fn run_benchmark(
    kind: Benchmark,
    path: &str,
    dir: &Path,
    run_dir: &Path,
    config: &pipeline::Config,
    diagnostics: &mut Vec<model::Diagnostic>,
) -> anyhow::Result<BenchmarkEval> {
    let truth = read_truth(kind, dir)?;
    let html = dir.join("html").to_string_lossy().into_owned();
    let (mut docs, read_diagnostics) = pipeline::read_documents(&[html], config);
    diagnostics.extend(read_diagnostics);
    // A user's pages come with the address they were fetched from; so do the benchmark's.
    for doc in &mut docs {
        let url = doc.id.as_ref().and_then(|id| truth.get(id)).and_then(|it| it.url.clone());
        if doc.url.is_none() {
            doc.url = url;
        }
    }
    let mut found: HashMap<String, model::Article> = HashMap::new();
    let mut elapsed = Duration::ZERO;
    for doc in &docs {
        let start = Instant::now();
        let extracted = pipeline::extract_one(doc);
        elapsed += start.elapsed();
        match (extracted, &doc.id) {
            (Ok((article, _)), Some(id)) => {
                found.insert(id.clone(), article);
            }
            (Err(skipped), _) => diagnostics.push(skipped),
            _ => {}
        }
    }
    let unreadable = truth.keys().filter(|id| !found.contains_key(*id)).count();
    let mut title = Exact::default();
    let mut author = Exact::default();
    let mut date = Exact::default();
    let mut predictions = serde_json::Map::new();
    let mut metadata = serde_json::Map::new();
    let mut ids: Vec<&String> = truth.keys().collect();
    ids.sort();
    for id in ids {
        let article = found.get(id);
        let body = article.map(|it| it.body.clone()).unwrap_or_default();
        let prediction = match kind {
            Benchmark::Aeb => serde_json::json!({ "articleBody": body }),
            Benchmark::Wcxb => Value::String(body),
        };
        predictions.insert(id.clone(), prediction);
        let found_title = article.and_then(|it| it.title.as_deref());
        let found_author = article.and_then(|it| it.author.as_deref());
        let found_date =
            article.and_then(|it| it.published).map(|it| it.format("%Y-%m-%d").to_string());
        let page = &truth[id];
        title.add(page.title.as_deref(), found_title, same_text);
        author.add(page.author.as_deref(), found_author, same_text);
        date.add(page.date.as_deref(), found_date.as_deref(), same_day);
        metadata.insert(
            id.clone(),
            serde_json::json!({"title": found_title, "author": found_author, "date": found_date}),
        );
    }
    let (scorer, predictions_path) = match kind {
        Benchmark::Aeb => score_aeb(dir, run_dir, &predictions)?,
        Benchmark::Wcxb => score_wcxb(dir, run_dir, &predictions)?,
    };
    std::fs::write(run_dir.join("metadata.json"), serde_json::to_string_pretty(&metadata)?)?;
    let has_metadata = kind == Benchmark::Wcxb;
    Ok(BenchmarkEval {
        benchmark: kind.name(),
        path: path.to_string(),
        pages: truth.len(),
        unreadable,
        scorer,
        title: has_metadata.then_some(title),
        author: has_metadata.then_some(author),
        date: has_metadata.then_some(date),
        pages_per_second: docs.len() as f64 / elapsed.as_secs_f64().max(1e-9),
        predictions: predictions_path.to_string_lossy().into_owned(),
    })
}

fn read_truth(kind: Benchmark, dir: &Path) -> anyhow::Result<HashMap<String, Truth>> {
    let read_json = |path: &Path| -> anyhow::Result<Value> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))
    };
    let mut truth = HashMap::new();
    match kind {
        Benchmark::Aeb => {
            let Value::Object(pages) = read_json(&dir.join("ground-truth.json"))? else {
                anyhow::bail!("ground-truth.json is not an object");
            };
            for (id, page) in pages {
                let url = page["url"].as_str().map(str::to_string);
                truth.insert(id, Truth { url, ..Truth::default() });
            }
        }
        Benchmark::Wcxb => {
            for entry in std::fs::read_dir(dir.join("ground-truth"))? {
                let path = entry?.path();
                let Some(id) = path
                    .file_name()
                    .and_then(|it| it.to_str())
                    .and_then(|it| it.strip_suffix(".json"))
                    .map(str::to_string)
                else {
                    continue;
                };
                let value = read_json(&path)?;
                let page = &value["ground_truth"];
                let field = |name: &str| page[name].as_str().map(str::to_string);
                truth.insert(
                    id,
                    Truth {
                        url: value["url"].as_str().map(str::to_string),
                        title: field("title"),
                        author: field("author"),
                        date: field("publish_date"),
                    },
                );
            }
        }
    }
    Ok(truth)
}

/// AEB's `evaluate.py` scores every `output/*.json` against `ground-truth.json` in the
/// directory it runs in.
fn score_aeb(
    dir: &Path,
    run_dir: &Path,
    predictions: &serde_json::Map<String, Value>,
) -> anyhow::Result<(ScorerFigures, PathBuf)> {
    std::fs::create_dir_all(run_dir.join("output"))?;
    std::fs::copy(dir.join("ground-truth.json"), run_dir.join("ground-truth.json"))?;
    let predictions_path = run_dir.join("output").join("parallax.json");
    std::fs::write(&predictions_path, serde_json::to_string_pretty(predictions)?)?;
    let script = dir.join("evaluate.py");
    let results = run_dir.join("results.json");
    let output = python(&script, run_dir, &[OsStr::new("--output"), results.as_os_str()])?;
    let value: Value = serde_json::from_str(&std::fs::read_to_string(&results)?)
        .context("evaluate.py wrote no readable results")?;
    let ours = &value["parallax"];
    let figure = |name: &str| {
        ours[name].as_f64().with_context(|| format!("evaluate.py gave no {name} for parallax"))
    };
    let figures = ScorerFigures {
        script: script.to_string_lossy().into_owned(),
        f1: figure("f1")?,
        precision: figure("precision")?,
        recall: figure("recall")?,
        output,
    };
    Ok((figures, predictions_path))
}

/// WCXB's `evaluate.py` reads `SPLIT/ground-truth` beside itself, so it runs from a copy in
/// the working directory with `dev/ground-truth` linked to the benchmark's.
fn score_wcxb(
    dir: &Path,
    run_dir: &Path,
    predictions: &serde_json::Map<String, Value>,
) -> anyhow::Result<(ScorerFigures, PathBuf)> {
    let script = run_dir.join("evaluate.py");
    std::fs::copy(dir.join("evaluate.py"), &script)?;
    let split = run_dir.join("dev");
    std::fs::create_dir_all(&split)?;
    let link = split.join("ground-truth");
    if link.symlink_metadata().is_ok() {
        std::fs::remove_file(&link)?;
    }
    std::os::unix::fs::symlink(dir.join("ground-truth"), &link)?;
    let predictions_path = run_dir.join("predictions.json");
    std::fs::write(&predictions_path, serde_json::to_string_pretty(predictions)?)?;
    let args = [
        OsStr::new("--split"),
        OsStr::new("dev"),
        OsStr::new("--results"),
        predictions_path.as_os_str(),
        OsStr::new("--per-type"),
    ];
    let output = python(&script, run_dir, &args)?;
    let figure = |name: &str| -> anyhow::Result<f64> {
        output
            .lines()
            .find_map(|line| line.trim().strip_prefix(name)?.trim().parse().ok())
            .with_context(|| format!("evaluate.py printed no {name} figure:\n{output}"))
    };
    let figures = ScorerFigures {
        script: dir.join("evaluate.py").to_string_lossy().into_owned(),
        f1: figure("F1:")?,
        precision: figure("Precision:")?,
        recall: figure("Recall:")?,
        output,
    };
    Ok((figures, predictions_path))
}

/// Runs `python3 SCRIPT ARGS` in `cwd`; its standard output, or an error with its stderr.
fn python(script: &Path, cwd: &Path, args: &[&OsStr]) -> anyhow::Result<String> {
    let output = std::process::Command::new("python3")
        .arg(script)
        .args(args)
        .current_dir(cwd)
        .output()
        .context("cannot run python3 (the benchmark scorers need it)")?;
    if !output.status.success() {
        anyhow::bail!(
            "{} failed ({}): {}",
            script.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

pub(crate) fn render_extraction(eval: &ExtractionEval) -> String {
    let mut out = String::new();
    for bench in &eval.benchmarks {
        out.push_str(&format!(
            "{} ({}): {} pages{}\n",
            bench.benchmark,
            bench.path,
            bench.pages,
            match bench.unreadable {
                0 => String::new(),
                n => format!(", {n} unreadable (scored empty)"),
            }
        ));
        out.push_str(&format!(
            "  scorer    F1 {:.4}  P {:.4}  R {:.4}  ({})\n",
            bench.scorer.f1, bench.scorer.precision, bench.scorer.recall, bench.scorer.script
        ));
        for (name, exact) in
            [("title", &bench.title), ("author", &bench.author), ("date", &bench.date)]
        {
            if let Some(exact) = exact {
                out.push_str(&format!(
                    "  {name:<9} exact {:.4} ({} of {} pages with ground truth; {:.4} of all pages)\n",
                    exact.accuracy, exact.hits, exact.with_truth, exact.accuracy_all_pages
                ));
            }
        }
        out.push_str(&format!(
            "  speed     {:.1} pages/s (extraction only, one thread)\n",
            bench.pages_per_second
        ));
        out.push_str(&format!("  predictions: {}\n", bench.predictions));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_match_counts_pages_with_truth_and_both_absent() {
        let mut exact = Exact::default();
        exact.add(Some(" Harbour  opens "), Some("Harbour opens"), same_text);
        exact.add(Some("Jane Roe"), None, same_text);
        exact.add(None, None, same_text);
        exact.add(None, Some("Someone"), same_text);
        assert_eq!((exact.hits, exact.with_truth), (1, 2));
        assert_eq!(exact.accuracy, 0.5);
        assert_eq!(exact.accuracy_all_pages, 0.5);
        assert!(same_day("2026-11-02", "2026-11-02T08:30:00+00:00"));
        assert!(!same_day("2026-11-02", "2026-11-03"));
    }

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
