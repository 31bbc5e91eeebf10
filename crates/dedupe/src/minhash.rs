//! MinHash signatures by one-permutation hashing, and an LSH band index over them.
//!
//! One-permutation hashing (Li, Owen and Zhang 2012) hashes each shingle once and keeps the
//! minimum per bin, instead of one minimum per hash function: the cost is one hash per
//! shingle, not `num_hashes`. Empty bins (short texts) borrow the value of the next
//! non-empty bin to the right, salted by the distance ("rotation" densification, Shrivastava
//! and Li 2014), so that two texts agree on a bin with probability close to their Jaccard
//! similarity.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// One minimum per bin over a set of shingle hashes.
pub(crate) struct Signature(Vec<u64>);

/// Buckets of items whose signatures agree on a whole band: one map per band, as LSH is
/// usually laid out.
///
/// A bucket is a chain of entries, newest first, in one arena: most buckets hold a single
/// item, and a map entry plus an 8-byte arena entry costs less than half of a map entry with
/// a vector of its own (6.6 kB -> 4.0 kB per remembered original of the benchmark's texts).
/// A map per band rather than one for all keeps each map a band's share of the keys: a saved
/// index is rebuilt band after band, each map small enough to stay in the cache while it is
/// filled (reading back a full window's state took 1.46 s with one map for all, 0.74 s so;
/// `bench/RESULTS.md`).
///
/// It serializes as each band's items and keys rather than as its maps and arena (see
/// [`SavedLsh`]), and is rebuilt from them as the items were inserted.
#[derive(Debug, Deserialize)]
#[serde(from = "SavedLsh")]
pub(crate) struct Lsh {
    band_rows: usize,
    /// Per band: band key (32 bits of the band's hash) to the arena index of the bucket's
    /// newest entry. Two signatures whose bands share 32 bits only make a false candidate,
    /// which the exact check removes; the narrow key halves the maps, the larger part of an
    /// original's cost.
    heads: Vec<HashMap<u32, u32, HashedKeys>>,
    entries: Vec<Entry>,
}

/// One item of a bucket and the arena index of the bucket's next (older) entry.
#[derive(Debug, Clone, Copy)]
struct Entry {
    item: u32,
    next: u32,
}

/// The `next` of a bucket's oldest entry.
const END: u32 = u32::MAX;

/// An [`Lsh`] as saved: per band, every entry as its item and key, by item (a key takes 4
/// bytes, an item's step from the last mostly 1, where the map and arena take about 16 bytes
/// an entry); inserting the items again in order rebuilds the same buckets.
#[derive(Serialize, Deserialize)]
struct SavedLsh {
    band_rows: usize,
    bands: Vec<SavedBand>,
}

/// One band of a [`SavedLsh`].
#[derive(Serialize, Deserialize)]
struct SavedBand {
    /// Per entry, ascending by item: how far its item is past the previous entry's.
    item_steps: Vec<u32>,
    /// Per entry: its band key, 4 bytes little-endian.
    keys: Vec<u8>,
}

impl Serialize for Lsh {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        SavedLsh::from(self).serialize(serializer)
    }
}

impl From<&Lsh> for SavedLsh {
    fn from(lsh: &Lsh) -> SavedLsh {
        let bands = lsh.heads.iter().map(|heads| lsh.save_band(heads)).collect();
        SavedLsh { band_rows: lsh.band_rows, bands }
    }
}

impl From<SavedLsh> for Lsh {
    fn from(saved: SavedLsh) -> Lsh {
        let mut lsh = Lsh::new(saved.band_rows);
        lsh.entries.reserve(saved.bands.iter().map(|band| band.item_steps.len()).sum());
        for (band_idx, band) in saved.bands.iter().enumerate() {
            let mut heads = HashMap::default();
            heads.reserve(band.item_steps.len());
            lsh.heads.push(heads);
            let mut item = 0u32;
            for (step, key) in band.item_steps.iter().zip(band.keys.chunks_exact(4)) {
                item = item.saturating_add(*step);
                let key = u32::from_le_bytes([key[0], key[1], key[2], key[3]]);
                lsh.push(band_idx, key, item);
            }
        }
        lsh
    }
}

/// Hashing for keys that are already well-mixed 64-bit hashes: the key is its own hash, so
/// a lookup costs no SipHash rounds.
pub(crate) type HashedKeys = std::hash::BuildHasherDefault<KeyIsHash>;

/// The hasher of [`HashedKeys`]: passes a `u64` key through, spreads a `u32` one.
#[derive(Debug, Default)]
pub(crate) struct KeyIsHash(u64);

impl std::hash::Hasher for KeyIsHash {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `u64` keys are expected; other input is folded in anyway.
        for &byte in bytes {
            self.0 = mix(self.0 ^ u64::from(byte));
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }

    fn write_u32(&mut self, key: u32) {
        // The map takes its probe tags from the high bits: spread the key over all 64.
        self.0 = u64::from(key).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
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
        Lsh { band_rows: band_rows.max(1), heads: Vec::new(), entries: Vec::new() }
    }

    /// Adds an item; items must be numbered in increasing order as they are inserted.
    pub(crate) fn insert(&mut self, signature: &Signature, item: u32) {
        for (band_idx, key) in self.band_keys(signature).enumerate() {
            self.push(band_idx, key, item);
        }
    }

    /// Puts `item` at the head of the bucket of `key` in band `band_idx`.
    fn push(&mut self, band_idx: usize, key: u32, item: u32) {
        if self.heads.len() <= band_idx {
            self.heads.resize_with(band_idx + 1, HashMap::default);
        }
        let at = self.entries.len() as u32;
        let head = self.heads[band_idx].entry(key).or_insert(END);
        self.entries.push(Entry { item, next: *head });
        *head = at;
    }

    /// Items sharing at least one band with `signature`, ascending (in insertion order when
    /// items are numbered as inserted), from `first_live` on.
    pub(crate) fn candidates(&self, signature: &Signature, first_live: u32) -> Vec<u32> {
        let mut acc = Vec::new();
        for (heads, key) in self.heads.iter().zip(self.band_keys(signature)) {
            let mut at = heads.get(&key).copied().unwrap_or(END);
            while at != END {
                let entry = self.entries[at as usize];
                // Newest first: past the first forgotten item, all are forgotten.
                if entry.item < first_live {
                    break;
                }
                acc.push(entry.item);
                at = entry.next;
            }
        }
        acc.sort_unstable();
        acc.dedup();
        acc
    }

    /// Drops the items numbered below `first_live`, compacting the arena.
    pub(crate) fn forget_before(&mut self, first_live: u32) {
        let mut entries = Vec::with_capacity(self.entries.len());
        let mut chain = Vec::new();
        let old = std::mem::take(&mut self.entries);
        for heads in &mut self.heads {
            heads.retain(|_, head| {
                chain.clear();
                let mut at = *head;
                while at != END && old[at as usize].item >= first_live {
                    chain.push(old[at as usize].item);
                    at = old[at as usize].next;
                }
                let mut next = END;
                for &item in chain.iter().rev() {
                    entries.push(Entry { item, next });
                    next = entries.len() as u32 - 1;
                }
                *head = next;
                next != END
            });
        }
        self.entries = entries;
    }

    /// One band's entries as saved: by item, each with its key.
    fn save_band(&self, heads: &HashMap<u32, u32, HashedKeys>) -> SavedBand {
        let mut pairs: Vec<u64> = Vec::with_capacity(heads.len());
        for (&key, &head) in heads {
            let mut at = head;
            while at != END {
                let entry = self.entries[at as usize];
                pairs.push(u64::from(entry.item) << 32 | u64::from(key));
                at = entry.next;
            }
        }
        pairs.sort_unstable();
        let mut last_item = 0;
        let mut band = SavedBand {
            item_steps: Vec::with_capacity(pairs.len()),
            keys: Vec::with_capacity(4 * pairs.len()),
        };
        for pair in pairs {
            let item = (pair >> 32) as u32;
            band.item_steps.push(item - last_item);
            band.keys.extend_from_slice(&(pair as u32).to_le_bytes());
            last_item = item;
        }
        band
    }

    fn band_keys<'a>(&self, signature: &'a Signature) -> impl Iterator<Item = u32> + 'a {
        signature.0.chunks(self.band_rows).enumerate().map(|(band_idx, band)| {
            let hash = band.iter().fold(mix(band_idx as u64 + 1), |acc, &value| mix(acc ^ value));
            (hash >> 32) as u32
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
    fn forgotten_items_are_no_longer_candidates_and_later_ones_still_are() {
        let set: Vec<u64> = (0..50u64).map(mix).collect();
        let other: Vec<u64> = (900..950u64).map(mix).collect();
        let mut lsh = Lsh::new(2);
        for item in 0..10 {
            let items = if item % 2 == 0 { &set } else { &other };
            lsh.insert(&Signature::new(items, 128), item);
        }
        assert_eq!(lsh.candidates(&Signature::new(&set, 128), 0), vec![0, 2, 4, 6, 8]);
        assert_eq!(lsh.candidates(&Signature::new(&set, 128), 5), vec![6, 8]);
        lsh.forget_before(5);
        assert_eq!(lsh.candidates(&Signature::new(&set, 128), 0), vec![6, 8]);
        assert_eq!(lsh.candidates(&Signature::new(&other, 128), 0), vec![5, 7, 9]);
        lsh.insert(&Signature::new(&set, 128), 10);
        assert_eq!(lsh.candidates(&Signature::new(&set, 128), 0), vec![6, 8, 10]);
        lsh.forget_before(11);
        assert!(lsh.candidates(&Signature::new(&set, 128), 0).is_empty());
        assert!(lsh.heads.iter().all(HashMap::is_empty) && lsh.entries.is_empty());
    }

    #[test]
    fn a_saved_index_is_rebuilt_with_the_same_buckets() {
        let sets: Vec<Vec<u64>> =
            (0..6u64).map(|set| (set * 20..set * 20 + 60).map(mix).collect()).collect();
        let mut lsh = Lsh::new(2);
        for item in 0..30 {
            lsh.insert(&Signature::new(&sets[item as usize % sets.len()], 128), item);
        }
        lsh.forget_before(7);
        lsh.insert(&Signature::new(&sets[0], 128), 30);
        let bytes = postcard::to_stdvec(&lsh).unwrap();
        let restored: Lsh = postcard::from_bytes(&bytes).unwrap();
        for set in &sets {
            let signature = Signature::new(set, 128);
            for first_live in [0, 7, 12, 30, 31] {
                assert_eq!(
                    restored.candidates(&signature, first_live),
                    lsh.candidates(&signature, first_live)
                );
            }
        }
        // Each bucket holds the same items, newest first.
        let chain = |lsh: &Lsh, mut at: u32| {
            let mut items = Vec::new();
            while at != END {
                items.push(lsh.entries[at as usize].item);
                at = lsh.entries[at as usize].next;
            }
            items
        };
        assert_eq!(restored.heads.len(), lsh.heads.len());
        for (band, restored_band) in lsh.heads.iter().zip(&restored.heads) {
            assert_eq!(restored_band.len(), band.len());
            for (key, &head) in band {
                assert_eq!(chain(&restored, restored_band[key]), chain(&lsh, head));
            }
        }
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
