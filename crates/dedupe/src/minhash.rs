//! MinHash signatures and an LSH band index over them.

use std::collections::HashMap;

use xxhash_rust::xxh3::xxh3_64_with_seed;

/// The minimum of each of `n` hash functions over a set of shingle hashes.
pub(crate) struct Signature(Vec<u64>);

/// Buckets of items whose signatures agree on a whole band.
#[derive(Debug)]
pub(crate) struct Lsh {
    band_rows: usize,
    buckets: HashMap<u64, Vec<u32>>,
}

impl Signature {
    /// Signature of a non-empty set of shingle hashes.
    pub(crate) fn new(shingles: &[u64], num_hashes: usize) -> Signature {
        let seeds = (0..num_hashes as u64).map(seed);
        let mut mins = vec![u64::MAX; num_hashes];
        for &shingle in shingles {
            for (min, seed) in mins.iter_mut().zip(seeds.clone()) {
                // The shingles are already xxh3 hashes; re-mixing them with a per-function
                // seed gives independent functions at a fraction of a full hash's cost.
                let value = mix(shingle ^ seed);
                if value < *min {
                    *min = value;
                }
            }
        }
        Signature(mins)
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
    /// items are numbered as inserted).
    pub(crate) fn candidates(&self, signature: &Signature) -> Vec<u32> {
        let mut acc = Vec::new();
        for key in self.band_keys(signature) {
            if let Some(items) = self.buckets.get(&key) {
                acc.extend_from_slice(items);
            }
        }
        acc.sort_unstable();
        acc.dedup();
        acc
    }

    fn band_keys<'a>(&self, signature: &'a Signature) -> impl Iterator<Item = u64> + 'a {
        signature.0.chunks(self.band_rows).enumerate().map(|(band_idx, band)| {
            let mut bytes = Vec::with_capacity(band.len() * 8);
            for value in band {
                bytes.extend_from_slice(&value.to_le_bytes());
            }
            xxh3_64_with_seed(&bytes, band_idx as u64)
        })
    }
}

fn seed(function_idx: u64) -> u64 {
    mix(function_idx.wrapping_add(1).wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// The SplitMix64 finalizer: a bijective, well-mixing map of 64-bit values.
fn mix(mut x: u64) -> u64 {
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
        assert_eq!(lsh.candidates(&Signature::new(&near, 128)), vec![0]);
        assert!(lsh.candidates(&Signature::new(&other, 128)).is_empty());
    }
}
