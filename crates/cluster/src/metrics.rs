//! Clustering quality against gold labels: pairwise and BCubed precision, recall and F1,
//! and normalized mutual information.
//!
//! The definitions are those of `shared/tools/clusterscore.py`, the reference for our
//! figures. Only ids present in both labelings are scored.

use std::collections::{BTreeMap, HashMap};

/// Precision, recall and their harmonic mean.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    /// Share of predicted links that are right.
    pub precision: f64,
    /// Share of gold links that are found.
    pub recall: f64,
    /// Harmonic mean of precision and recall; 0 when both are 0.
    pub f1: f64,
}

/// Pairwise ("standard") scores: over all pairs of articles, a pair predicted in one
/// cluster is right when the gold puts it in one cluster too.
///
/// `pred` and `gold` map article ids to cluster labels. With no predicted (gold) pair,
/// precision (recall) is 1.
pub fn pairwise(pred: &[(String, String)], gold: &[(String, String)]) -> Scores {
    let (pred, gold, ids) = common(pred, gold);
    let mut joint: HashMap<(&str, &str), u64> = HashMap::new();
    let mut pred_sizes: HashMap<&str, u64> = HashMap::new();
    let mut gold_sizes: HashMap<&str, u64> = HashMap::new();
    for id in &ids {
        *joint.entry((pred[id], gold[id])).or_default() += 1;
        *pred_sizes.entry(pred[id]).or_default() += 1;
        *gold_sizes.entry(gold[id]).or_default() += 1;
    }
    let pairs = |sizes: &mut dyn Iterator<Item = u64>| -> u64 {
        sizes.map(|n| n * n.saturating_sub(1) / 2).sum()
    };
    let true_pairs = pairs(&mut joint.values().copied());
    let pred_pairs = pairs(&mut pred_sizes.values().copied());
    let gold_pairs = pairs(&mut gold_sizes.values().copied());
    let precision = ratio_or_one(true_pairs, pred_pairs);
    let recall = ratio_or_one(true_pairs, gold_pairs);
    Scores { precision, recall, f1: harmonic_mean(precision, recall) }
}

/// BCubed scores: per article, the share of its predicted cluster that shares its gold
/// cluster (precision) and the share of its gold cluster found in its predicted cluster
/// (recall), averaged over articles. With no common article, all are 1.
pub fn bcubed(pred: &[(String, String)], gold: &[(String, String)]) -> Scores {
    let (pred, gold, ids) = common(pred, gold);
    if ids.is_empty() {
        return Scores { precision: 1.0, recall: 1.0, f1: 1.0 };
    }
    let mut joint: HashMap<(&str, &str), f64> = HashMap::new();
    let mut pred_sizes: HashMap<&str, f64> = HashMap::new();
    let mut gold_sizes: HashMap<&str, f64> = HashMap::new();
    for id in &ids {
        *joint.entry((pred[id], gold[id])).or_default() += 1.0;
        *pred_sizes.entry(pred[id]).or_default() += 1.0;
        *gold_sizes.entry(gold[id]).or_default() += 1.0;
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    for id in &ids {
        let shared = joint[&(pred[id], gold[id])];
        precision += shared / pred_sizes[pred[id]];
        recall += shared / gold_sizes[gold[id]];
    }
    precision /= ids.len() as f64;
    recall /= ids.len() as f64;
    Scores { precision, recall, f1: harmonic_mean(precision, recall) }
}

/// Normalized mutual information of the two labelings, over the ids both label: the mutual
/// information divided by the arithmetic mean of the two entropies, as scikit-learn's
/// `normalized_mutual_info_score` computes by default (`average_method="arithmetic"`).
///
/// 1 when the clusterings are the same up to names; 0 when they are independent. When both
/// have one cluster (both entropies 0) it is 1, as in scikit-learn.
pub fn nmi(pred: &[(String, String)], gold: &[(String, String)]) -> f64 {
    let (pred, gold, ids) = common(pred, gold);
    if ids.is_empty() {
        return 1.0;
    }
    let mut joint: HashMap<(&str, &str), f64> = HashMap::new();
    let mut pred_sizes: HashMap<&str, f64> = HashMap::new();
    let mut gold_sizes: HashMap<&str, f64> = HashMap::new();
    for id in &ids {
        *joint.entry((pred[id], gold[id])).or_default() += 1.0;
        *pred_sizes.entry(pred[id]).or_default() += 1.0;
        *gold_sizes.entry(gold[id]).or_default() += 1.0;
    }
    let n = ids.len() as f64;
    let entropy = |sizes: &HashMap<&str, f64>| -> f64 {
        sizes.values().map(|&size| -(size / n) * (size / n).ln()).sum()
    };
    let (pred_entropy, gold_entropy) = (entropy(&pred_sizes), entropy(&gold_sizes));
    if pred_entropy == 0.0 && gold_entropy == 0.0 {
        return 1.0;
    }
    let mutual: f64 = joint
        .iter()
        .map(|(&(p, g), &count)| (count / n) * (count * n / (pred_sizes[p] * gold_sizes[g])).ln())
        .sum();
    let mean = (pred_entropy + gold_entropy) / 2.0;
    (mutual / mean).clamp(0.0, 1.0)
}

type Labels<'a> = BTreeMap<&'a str, &'a str>;

/// Both labelings as maps, and the ids of `gold` that `pred` labels too.
fn common<'a>(
    pred: &'a [(String, String)],
    gold: &'a [(String, String)],
) -> (Labels<'a>, Labels<'a>, Vec<&'a str>) {
    let pred: Labels<'a> = pred.iter().map(|(id, label)| (id.as_str(), label.as_str())).collect();
    let gold: Labels<'a> = gold.iter().map(|(id, label)| (id.as_str(), label.as_str())).collect();
    let ids = gold.keys().copied().filter(|id| pred.contains_key(id)).collect();
    (pred, gold, ids)
}

fn ratio_or_one(numerator: u64, denominator: u64) -> f64 {
    match denominator {
        0 => 1.0,
        _ => numerator as f64 / denominator as f64,
    }
}

fn harmonic_mean(precision: f64, recall: f64) -> f64 {
    match precision + recall {
        sum if sum > 0.0 => 2.0 * precision * recall / sum,
        _ => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(id, label)| (id.to_string(), label.to_string())).collect()
    }

    #[test]
    fn scores_match_the_reference_script() {
        // Values computed with shared/tools/clusterscore.py on the same labels.
        let gold = labels(&[("a", "1"), ("b", "1"), ("c", "1"), ("d", "2"), ("e", "2")]);
        let pred =
            labels(&[("a", "x"), ("b", "x"), ("c", "y"), ("d", "y"), ("e", "y"), ("z", "x")]);
        let scores = pairwise(&pred, &gold);
        assert!((scores.precision - 0.5).abs() < 1e-12);
        assert!((scores.recall - 0.5).abs() < 1e-12);
        assert!((scores.f1 - 0.5).abs() < 1e-12);
        let scores = bcubed(&pred, &gold);
        assert!((scores.precision - 11.0 / 15.0).abs() < 1e-12);
        assert!((scores.recall - 11.0 / 15.0).abs() < 1e-12);
        assert!((scores.f1 - 11.0 / 15.0).abs() < 1e-12);
    }

    #[test]
    fn perfect_and_singleton_clusterings() {
        let gold = labels(&[("a", "1"), ("b", "1"), ("c", "2")]);
        let same = labels(&[("a", "p"), ("b", "p"), ("c", "q")]);
        assert_eq!(pairwise(&same, &gold).f1, 1.0);
        assert_eq!(bcubed(&same, &gold).f1, 1.0);
        let singletons = labels(&[("a", "p"), ("b", "q"), ("c", "r")]);
        let scores = pairwise(&singletons, &gold);
        assert_eq!((scores.precision, scores.recall, scores.f1), (1.0, 0.0, 0.0));
    }

    #[test]
    fn nmi_matches_scikit_learn() {
        // sklearn.metrics.normalized_mutual_info_score([0, 0, 0, 1, 1], [0, 0, 1, 1, 1])
        // = 0.43253806776...
        let gold = labels(&[("a", "1"), ("b", "1"), ("c", "1"), ("d", "2"), ("e", "2")]);
        let pred = labels(&[("a", "x"), ("b", "x"), ("c", "y"), ("d", "y"), ("e", "y")]);
        assert!((nmi(&pred, &gold) - 0.432_538_067_766).abs() < 1e-9);
        let renamed = labels(&[("a", "q"), ("b", "q"), ("c", "q"), ("d", "r"), ("e", "r")]);
        assert!((nmi(&renamed, &gold) - 1.0).abs() < 1e-12);
        let one = labels(&[("a", "q"), ("b", "q"), ("c", "q"), ("d", "q"), ("e", "q")]);
        assert_eq!(nmi(&one, &gold), 0.0);
    }
}
