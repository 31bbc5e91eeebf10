//! Sparse vectors: (term, weight) pairs sorted by term.

/// A sum of unit vectors, sorted by term.
pub(crate) type Centroid = Vec<(u32, f64)>;

/// Cosine of two vectors sorted by term.
pub(crate) fn cosine(a: &[(u32, f64)], b: &[(u32, f64)]) -> f64 {
    dot(a, b) / (norm(a) * norm(b)).max(f64::EPSILON)
}

/// Sum of two vectors sorted by term, sorted by term.
pub(crate) fn add_sorted(a: &[(u32, f64)], b: &[(u32, f64)]) -> Vec<(u32, f64)> {
    let mut acc = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => {
                acc.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                acc.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                acc.push((a[i].0, a[i].1 + b[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    acc.extend_from_slice(&a[i..]);
    acc.extend_from_slice(&b[j..]);
    acc
}

/// Dot product of two vectors sorted by term.
pub(crate) fn dot(a: &[(u32, f64)], b: &[(u32, f64)]) -> f64 {
    let (mut i, mut j, mut acc) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                acc += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    acc
}

/// Dot product of a dense vector (by term) and a sparse one.
pub(crate) fn dot_dense(dense: &[f64], sparse: &[(u32, f64)]) -> f64 {
    sparse.iter().map(|&(term, weight)| dense.get(term as usize).map_or(0.0, |d| d * weight)).sum()
}

/// Euclidean length.
pub(crate) fn norm(vector: &[(u32, f64)]) -> f64 {
    vector.iter().map(|(_, weight)| weight * weight).sum::<f64>().sqrt()
}
