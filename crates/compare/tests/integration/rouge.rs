//! ROUGE-1/2 F1 of `summarize_texts` (given the articles' texts and headlines) on the NeuS
//! validation set, gated by `PARALLAX_NEUS_DIR` (the directory holding `neus-val.jsonl` and
//! `neus-val-ref.jsonl`).
//!
//! ROUGE as `rouge-score` computes it with `use_stemmer=True`: lower-cased alphanumeric
//! tokens, Porter-stemmed when longer than three characters (Snowball English here, which
//! differs from Porter on few words), clipped n-gram overlap, F1 per story, then averaged.
//! With `PARALLAX_NEUS_DUMP` set, each story's reference and summary are printed too. The
//! scores of the stories at even and at odd positions are printed apart, so that a change can
//! be kept only when it helps on both halves.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

/// Tokens as ROUGE sees them.
fn tokens(stemmer: &Stemmer, text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(|t| if t.len() > 3 { stemmer.stem(t).into_owned() } else { t.to_string() })
        .collect()
}

fn ngrams(tokens: &[String], n: usize) -> HashMap<&[String], usize> {
    let mut res = HashMap::new();
    if tokens.len() >= n {
        for window in tokens.windows(n) {
            *res.entry(window).or_insert(0) += 1;
        }
    }
    res
}

/// ROUGE-N F1 of a candidate against one reference.
fn rouge_n(candidate: &[String], reference: &[String], n: usize) -> f64 {
    let (cand, refr) = (ngrams(candidate, n), ngrams(reference, n));
    let overlap: usize =
        cand.iter().map(|(gram, count)| (*count).min(*refr.get(gram).unwrap_or(&0))).sum();
    let (n_cand, n_ref): (usize, usize) = (cand.values().sum(), refr.values().sum());
    if overlap == 0 || n_cand == 0 || n_ref == 0 {
        return 0.0;
    }
    let precision = overlap as f64 / n_cand as f64;
    let recall = overlap as f64 / n_ref as f64;
    2.0 * precision * recall / (precision + recall)
}

#[test]
fn rouge_counts_clipped_overlap() {
    let stemmer = Stemmer::create(Algorithm::English);
    let reference = tokens(&stemmer, "The cat sat on the mat.");
    let candidate = tokens(&stemmer, "the the cat sat");
    // Unigrams: candidate {the:2, cat, sat}, reference {the:2, cat, sat, on, mat}: overlap 4.
    let expected_r1 = 2.0 * (4.0 / 4.0) * (4.0 / 6.0) / (4.0 / 4.0 + 4.0 / 6.0);
    assert!((rouge_n(&candidate, &reference, 1) - expected_r1).abs() < 1e-12);
    // Bigrams: candidate {the the, the cat, cat sat}, overlap {the cat, cat sat} = 2 of 3 and 2 of 5.
    let expected_r2 = 2.0 * (2.0 / 3.0) * (2.0 / 5.0) / (2.0 / 3.0 + 2.0 / 5.0);
    assert!((rouge_n(&candidate, &reference, 2) - expected_r2).abs() < 1e-12);
    assert_eq!(rouge_n(&candidate, &tokens(&stemmer, "dogs bark"), 1), 0.0);
    // Stemming: "running" and "runs" both stem to "run".
    assert_eq!(tokens(&stemmer, "Running, runs!"), ["run", "run"]);
}

#[test]
#[allow(
    clippy::print_stderr,
    reason = "the evaluation's result is a measurement for people to read"
)]
fn neus_summary_rouge() {
    let Ok(dir) = std::env::var("PARALLAX_NEUS_DIR") else { return };
    let budget: usize =
        std::env::var("PARALLAX_SUMMARY_WORDS").ok().and_then(|w| w.parse().ok()).unwrap_or(65);
    let read = |name: &str| -> Vec<serde_json::Value> {
        let text = std::fs::read_to_string(format!("{dir}/{name}")).unwrap();
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    // Each story's texts and headlines.
    let mut stories: Vec<(String, Vec<String>, Vec<String>)> = Vec::new();
    for line in read("neus-val.jsonl") {
        let story = line["story"].as_str().unwrap().to_string();
        let text = line["text"].as_str().unwrap().to_string();
        let title = line["title"].as_str().unwrap_or_default().trim().to_string();
        let at = match stories.iter().position(|(s, _, _)| *s == story) {
            Some(at) => at,
            None => {
                stories.push((story, Vec::new(), Vec::new()));
                stories.len() - 1
            }
        };
        stories[at].1.push(text);
        if !title.is_empty() {
            stories[at].2.push(title);
        }
    }
    let references: HashMap<String, String> = read("neus-val-ref.jsonl")
        .into_iter()
        .map(|r| {
            (r["story"].as_str().unwrap().to_string(), r["summary"].as_str().unwrap().to_string())
        })
        .collect();
    let stemmer = Stemmer::create(Algorithm::English);
    let (mut r1, mut r2, mut lead1, mut lead2, mut n) = (0.0, 0.0, 0.0, 0.0, 0);
    // ROUGE-1, ROUGE-2 and count of the stories at even and at odd positions in the file, so
    // that a change can be checked on two halves of the data.
    let mut halves = [(0.0, 0.0, 0usize); 2];
    let mut words_total = 0;
    for (index, (story, texts, titles)) in stories.iter().enumerate() {
        let Some(reference) = references.get(story) else { continue };
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
        let summary = compare::summarize_texts(&texts, &titles, budget);
        let candidate: String =
            summary.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ");
        words_total += analyze::words(&candidate).count();
        if std::env::var("PARALLAX_NEUS_DUMP").is_ok() {
            eprintln!("== {story}\nREF: {reference}\nSUM: {candidate}\n");
        }
        let (cand, refr) = (tokens(&stemmer, &candidate), tokens(&stemmer, reference));
        let (story_r1, story_r2) = (rouge_n(&cand, &refr, 1), rouge_n(&cand, &refr, 2));
        r1 += story_r1;
        r2 += story_r2;
        let half = &mut halves[index % 2];
        half.0 += story_r1;
        half.1 += story_r2;
        half.2 += 1;
        // Baseline: the first `budget` words of the first article.
        let lead: Vec<&str> = texts[0].split_whitespace().take(budget).collect();
        let lead = tokens(&stemmer, &lead.join(" "));
        lead1 += rouge_n(&lead, &refr, 1);
        lead2 += rouge_n(&lead, &refr, 2);
        n += 1;
    }
    assert!(n > 0, "no stories with references in {dir}");
    let pct = |x: f64| 100.0 * x / n as f64;
    eprintln!(
        "NeuS val, {n} stories, budget {budget} words (mean {:.1}): ROUGE-1 {:.2} ROUGE-2 {:.2}; lead-{budget} of the first article: ROUGE-1 {:.2} ROUGE-2 {:.2}",
        words_total as f64 / n as f64,
        pct(r1),
        pct(r2),
        pct(lead1),
        pct(lead2)
    );
    let half_pct = |x: f64, count: usize| 100.0 * x / count.max(1) as f64;
    eprintln!(
        "halves: even ROUGE-1 {:.2} ROUGE-2 {:.2}; odd ROUGE-1 {:.2} ROUGE-2 {:.2}",
        half_pct(halves[0].0, halves[0].2),
        half_pct(halves[0].1, halves[0].2),
        half_pct(halves[1].0, halves[1].2),
        half_pct(halves[1].1, halves[1].2)
    );
}
