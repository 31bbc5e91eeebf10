//! MinHash signatures by one-permutation hashing, and an LSH band index over them.
//!
//! One-permutation hashing (Li, Owen and Zhang 2012) hashes each shingle once and keeps the
//! minimum per bin, instead of one minimum per hash function: the cost is one hash per
//! shingle, not `num_hashes`. Empty bins (short texts) borrow the value of the next
//! non-empty bin to the right, salted by the distance ("rotation" densification, Shrivastava
//! and Li 2014), so that two texts agree on a bin with probability close to their Jaccard
//! similarity.

use std::collections::HashMap;

/// One minimum per bin over a set of shingle hashes.
pub(crate) struct Signature(Vec<u64>);

/// Buckets of items whose signatures agree on a whole band.
#[derive(Debug)]
pub(crate) struct Lsh {
    band_rows: usize,
    buckets: HashMap<u64, Vec<u32>>,
}

impl Signature {
    /// Signature of a non-empty set of shingle hashes, with `num_bins` bins.
    pub(crate) fn new(shingles: &[u64], num_bins: usize) -> Signature {
        let num_bins = num_bins.max(1);
        let mut mins = vec![u64::MAX; num_bins];
        for &shingle in shingles {
            let value = mix(shingle);
            // The high bits pick the bin (multiply-shift), the rest orders within it.
            let bin = ((u128::from(value) * num_bins as u128) >> 64) as usize;
            let rank = value.rotate_left(32);
            if rank < mins[bin] {
                mins[bin] = rank;
            }
        }
        densify(&mut mins);
        Signature(mins)
    }
}

/// Fills each empty bin with the value of a non-empty bin picked by a hash of the empty
/// bin's number and the attempt, so that two texts agree on a filled bin with the same
/// probability as on a bin of their own.
fn densify(mins: &mut [u64]) {
    let n = mins.len() as u64;
    if mins.iter().all(|&min| min == u64::MAX) {
        return;
    }
    let filled: Vec<u64> = mins.to_vec();
    for (bin, min) in mins.iter_mut().enumerate() {
        let mut attempt = 0u64;
        while *min == u64::MAX {
            let probe = mix((bin as u64) << 32 | attempt) % n;
            *min = filled[probe as usize];
            attempt += 1;
        }
    }
}

impl Lsh {
    pub(crate) fn new(band_rows: usize) -> Lsh {
        Lsh { band_rows: band_rows.max(1), buckets: HashMap::new() }
    }

    pub(crate) fn insert(&mut self, signature: &Signature, item: u32) {
        for key in self.band_keys(signature) {
            self.buckets.entry(key).or_default().push(item);
        }
    }

    /// Items sharing at least one band with `signature`, ascending (in insertion order when
    /// items are numbered as inserted), from `first_live` on.
    pub(crate) fn candidates(&self, signature: &Signature, first_live: u32) -> Vec<u32> {
        let mut acc = Vec::new();
        for key in self.band_keys(signature) {
            if let Some(items) = self.buckets.get(&key) {
                acc.extend(items.iter().copied().filter(|&item| item >= first_live));
            }
        }
        acc.sort_unstable();
        acc.dedup();
        acc
    }

    /// Drops the items numbered below `first_live`.
    pub(crate) fn forget_before(&mut self, first_live: u32) {
        self.buckets.retain(|_, items| {
            items.retain(|&item| item >= first_live);
            !items.is_empty()
        });
    }

    fn band_keys<'a>(&self, signature: &'a Signature) -> impl Iterator<Item = u64> + 'a {
        signature.0.chunks(self.band_rows).enumerate().map(|(band_idx, band)| {
            band.iter().fold(mix(band_idx as u64 + 1), |acc, &value| mix(acc ^ value))
        })
    }
}

/// The SplitMix64 finalizer: a bijective, well-mixing map of 64-bit values.
pub(crate) fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_sets_share_a_band_and_different_ones_do_not() {
        let base: Vec<u64> = (0..200u64).map(mix).collect();
        let mut near = base.clone();
        near.truncate(180);
        near.extend((1000..1020u64).map(mix));
        let other: Vec<u64> = (5000..5200u64).map(mix).collect();

        let mut lsh = Lsh::new(2);
        lsh.insert(&Signature::new(&base, 128), 0);
        assert_eq!(lsh.candidates(&Signature::new(&near, 128), 0), vec![0]);
        assert!(lsh.candidates(&Signature::new(&other, 128), 0).is_empty());
    }

    #[test]
    fn agreement_tracks_jaccard_similarity_on_small_sets() {
        // 30 shingles in 128 bins leaves most bins empty: densification must still make
        // agreement follow the Jaccard similarity (here 20 / 40 = 0.5).
        let a: Vec<u64> = (0..30u64).collect();
        let b: Vec<u64> = (10..40u64).collect();
        let (sa, sb) = (Signature::new(&a, 128), Signature::new(&b, 128));
        let agree = sa.0.iter().zip(&sb.0).filter(|(x, y)| x == y).count();
        assert!((40..=90).contains(&agree), "{agree} of 128 bins agree");
        assert_eq!(Signature::new(&a, 128).0, sa.0);
    }
}
