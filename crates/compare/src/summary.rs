//! The multi-source extractive summary: sentences scored by how central they are across
//! outlets, how many outlets support them and how early they come, picked greedily with
//! redundancy removal (maximal marginal relevance) within a word budget.

use crate::corpus::{Corpus, DocInput};

/// One sentence of a summary of plain texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextSummarySentence {
    /// The sentence, as written in one of the texts.
    pub text: String,
    /// Indices of the texts that report it (at least one).
    pub documents: Vec<usize>,
}

/// Summarizes several texts about one event in at most `max_words` words (counted as
/// `analyze::words` counts them).
///
/// Sentences are ordered for reading (by position in their texts) and each cites every text
/// whose sentences report the same thing. If no sentence fits the budget at all, the best
/// sentence is returned alone, so that a story always has a summary. The function is pure
/// and deterministic; it is what [`crate::compare_story`] uses, exported for evaluation.
pub fn summarize_texts(texts: &[&str], max_words: usize) -> Vec<TextSummarySentence> {
    let docs: Vec<DocInput<'_>> = texts
        .iter()
        .map(|text| DocInput {
            text,
            language: None,
            numbers: analyze::numbers::find_numbers(text)
                .into_iter()
                .map(|n| (n.start, n.value))
                .collect(),
            entities: analyze::entities::find_entities(text)
                .into_iter()
                .map(|e| (e.start, e.name.to_lowercase()))
                .collect(),
        })
        .collect();
    let corpus = Corpus::build(&docs);
    let groups = corpus.align();
    let doc_sources: Vec<usize> = (0..texts.len()).collect();
    pick(&corpus, &groups, &doc_sources, max_words)
        .into_iter()
        .map(|group_idx| {
            let group = &groups[group_idx];
            let mut documents: Vec<usize> = group.iter().map(|&u| corpus.units[u].doc).collect();
            documents.sort_unstable();
            documents.dedup();
            TextSummarySentence {
                text: corpus.units[corpus.most_central(group)].text.to_string(),
                documents,
            }
        })
        .collect()
}

/// Weight of cross-document centrality in a sentence's score.
const W_CENTRALITY: f32 = 0.6;
/// Weight of the share of sources that report the sentence's fact.
const W_SUPPORT: f32 = 0.2;
/// Weight of an early position (lead sentences summarize news best).
const W_POSITION: f32 = 0.2;
/// MMR trade-off between relevance and novelty.
const LAMBDA: f32 = 0.7;
/// A candidate this similar to a picked sentence says nothing new.
const MAX_REDUNDANCY: f32 = 0.5;

/// Picks groups (indices into `groups`) for a summary of at most `max_words` words, in
/// reading order. `doc_sources` gives each document's outlet as a number, so that copies
/// and same-outlet articles do not count as extra support.
pub(crate) fn pick(
    corpus: &Corpus<'_>,
    groups: &[Vec<usize>],
    doc_sources: &[usize],
    max_words: usize,
) -> Vec<usize> {
    if groups.is_empty() {
        return Vec::new();
    }
    let representatives: Vec<usize> =
        groups.iter().map(|group| corpus.most_central(group)).collect();
    let centrality = centrality(corpus, doc_sources);
    let n_sources = {
        let mut all = doc_sources.to_vec();
        all.sort_unstable();
        all.dedup();
        all.len()
    };
    let scores: Vec<f32> = groups
        .iter()
        .zip(&representatives)
        .map(|(group, &rep)| {
            let mut sources: Vec<usize> =
                group.iter().map(|&u| doc_sources[corpus.units[u].doc]).collect();
            sources.sort_unstable();
            sources.dedup();
            let support = if n_sources > 1 {
                (sources.len() - 1) as f32 / (n_sources - 1) as f32
            } else {
                0.0
            };
            let position = group.iter().map(|&u| corpus.units[u].position).min().unwrap_or(0);
            let position_score = 1.0 / (1.0 + position as f32).sqrt();
            W_CENTRALITY * centrality[rep] + W_SUPPORT * support + W_POSITION * position_score
        })
        .collect();

    let mut picked: Vec<usize> = Vec::new();
    let mut words = 0;
    let mut open: Vec<usize> = (0..groups.len()).collect();
    loop {
        let mut best: Option<(usize, f32)> = None;
        for &g in &open {
            let redundancy = picked
                .iter()
                .map(|&p| corpus.cosine(representatives[g], representatives[p]))
                .fold(0.0f32, f32::max);
            if redundancy > MAX_REDUNDANCY {
                continue;
            }
            let fits = words + corpus.units[representatives[g]].n_words <= max_words;
            if !fits && !picked.is_empty() {
                continue;
            }
            let value = LAMBDA * scores[g] - (1.0 - LAMBDA) * redundancy;
            // Ties go to the earlier group, which keeps the result deterministic.
            if best.is_none_or(|(_, v)| value > v + 1e-6) {
                best = Some((g, value));
            }
        }
        let Some((g, _)) = best else { break };
        // Nothing fits: the first pick stands alone, unless something within budget exists.
        let n_words = corpus.units[representatives[g]].n_words;
        if picked.is_empty() && n_words > max_words {
            let fitting = open
                .iter()
                .copied()
                .filter(|&o| corpus.units[representatives[o]].n_words <= max_words);
            let best_fitting =
                fitting.max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)));
            match best_fitting {
                Some(f) => {
                    picked.push(f);
                    words += corpus.units[representatives[f]].n_words;
                    open.retain(|&o| o != f);
                    continue;
                }
                None => {
                    picked.push(g);
                    break;
                }
            }
        }
        picked.push(g);
        words += n_words;
        open.retain(|&o| o != g);
    }
    picked.sort_by_key(|&g| {
        let first =
            groups[g].iter().map(|&u| (corpus.units[u].position, corpus.units[u].doc)).min();
        first
    });
    picked
}

/// For each unit, the mean over the other outlets' documents of its best cosine with a
/// sentence of that document: how much of it the rest of the coverage also says.
fn centrality(corpus: &Corpus<'_>, doc_sources: &[usize]) -> Vec<f32> {
    let n_docs = corpus.doc_lengths.len();
    // best[unit * n_docs + doc]; stories hold tens of documents, so this stays small.
    let mut best = vec![0.0f32; corpus.units.len() * n_docs];
    for (a, b, cosine) in corpus.similar_pairs(0.05) {
        let (da, db) = (corpus.units[a].doc, corpus.units[b].doc);
        if doc_sources[da] == doc_sources[db] {
            continue;
        }
        best[a * n_docs + db] = best[a * n_docs + db].max(cosine);
        best[b * n_docs + da] = best[b * n_docs + da].max(cosine);
    }
    corpus
        .units
        .iter()
        .enumerate()
        .map(|(idx, unit)| {
            let others: Vec<usize> =
                (0..n_docs).filter(|&d| doc_sources[d] != doc_sources[unit.doc]).collect();
            if others.is_empty() {
                return 0.0;
            }
            others.iter().map(|&d| best[idx * n_docs + d]).sum::<f32>() / others.len() as f32
        })
        .collect()
}
