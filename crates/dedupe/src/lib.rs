//! Finds wire copies and reprints: articles whose text copies an earlier article.
//!
//! Online and incremental: each article is compared with the articles seen before it, once,
//! as it arrives. Exact copies are found by a hash of the normalized text; near copies by
//! MinHash signatures over word shingles, with LSH banding to retrieve candidates (never all
//! pairs) and an exact containment check on the candidates.
//!
//! ```
//! let mut deduper = dedupe::Deduper::new(dedupe::Config::recommended());
//! let text = "Storm closes port\n\nA storm closed the port of Avonmouth on Tuesday, \
//!     stranding forty ships and their crews for the night while harbour officials \
//!     waited for the wind to drop before letting pilots board the vessels again.";
//! assert_eq!(deduper.add("a", text), None);
//! assert_eq!(deduper.add("b", text), Some("a".to_string()));
//! ```

#![warn(missing_docs)]

mod minhash;
pub mod reprint;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use crate::minhash::{Lsh, Signature};

/// Tuning of the duplicate finder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Config {
    /// Words per shingle. Five-word runs are rarely shared by independently written
    /// articles, even on the same event, while a copy shares nearly all of them.
    pub shingle_words: usize,
    /// MinHash functions per signature.
    pub num_hashes: usize,
    /// Signature values per LSH band; `num_hashes / band_rows` bands.
    pub band_rows: usize,
    /// Texts with fewer words are matched only when they are exact copies.
    pub min_words: usize,
    /// Shared shingles over the shingles of the shorter text at or above which two texts are
    /// copies.
    pub min_containment: f64,
    /// Shared shingles needed at least, whatever the containment, so that a few shared
    /// sentences (a long quote) never make two articles copies.
    pub min_shared_shingles: usize,
    /// A body with at least this many words that equals an earlier body is a copy even
    /// under a different headline.
    pub min_exact_body_words: usize,
    /// Originals are forgotten once this many originals arrived after them, so that memory
    /// stays bounded on an endless stream; a reprint usually follows within hours.
    pub window_originals: usize,
}

/// Finds, for each article as it arrives, the earlier article it copies.
///
/// Its state serializes (serde), so that a service can save it and go on later where it
/// stopped, deciding exactly as the deduper saved would have.
#[derive(Debug, Serialize, Deserialize)]
pub struct Deduper {
    config: Config,
    /// Exact-text hashes (whole text and body) to the number of the original.
    exact: HashMap<u64, u32, minhash::HashedKeys>,
    lsh: Lsh,
    /// The originals in the window, in arrival order; the first is number `first_live`.
    originals: std::collections::VecDeque<Original>,
    /// Number of the oldest original still remembered.
    first_live: u32,
    /// Originals numbered so far.
    n_originals: u32,
}

impl Config {
    /// The configuration we recommend for news.
    ///
    /// * 5-word shingles and 128 one-permutation bins, as in most near-duplicate work on
    ///   web text.
    /// * 64 bands of 2 rows: a pair is a candidate with probability 0.5 at Jaccard 0.1 and
    ///   0.93 at Jaccard 0.2, so a short reprint of a long article (low Jaccard, high
    ///   containment) is still retrieved; the exact check removes false candidates.
    /// * 25 words at least for near matching: shorter texts share too little to tell a copy.
    /// * Containment 0.6: a reprint with a few words changed every sentence keeps well above
    ///   it, and an own-written article on the same event stays far below (under 0.1).
    /// * 8 shared shingles at least.
    /// * 10 words for an exact body match under a new headline.
    /// * A window of 200,000 originals: days of a large news stream. An original costs
    ///   about 2.5 kB while remembered (a sample of at least 128 of its 32-bit shingle
    ///   fingerprints and 64 LSH bucket entries; measured by the cluster crate's
    ///   `eval_scale` on the benchmark's texts), so a full window holds about 0.5 GB; lower
    ///   it where memory is tight.
    pub fn recommended() -> Config {
        Config {
            shingle_words: 5,
            num_hashes: 128,
            band_rows: 2,
            min_words: 25,
            min_containment: 0.6,
            min_shared_shingles: 8,
            min_exact_body_words: 10,
            window_originals: 200_000,
        }
    }
}

impl Default for Config {
    fn default() -> Config {
        Config::recommended()
    }
}

impl Deduper {
    /// A deduper that has seen nothing yet.
    pub fn new(config: Config) -> Deduper {
        let lsh = Lsh::new(config.band_rows);
        Deduper {
            config,
            exact: HashMap::default(),
            lsh,
            originals: std::collections::VecDeque::new(),
            first_live: 0,
            n_originals: 0,
        }
    }

    /// Adds an article, `text` being its title, a blank line and its body.
    ///
    /// Returns the id of the earlier article it copies (always an original, never a copy of
    /// a copy), or `None` when it is an original; originals are remembered for later calls.
    pub fn add(&mut self, id: &str, text: &str) -> Option<String> {
        let normalized = Normalized::new(text);
        let full_hash = hash_words(&normalized.words);
        let body_hash = normalized.body_hash(self.config.min_exact_body_words);

        // A text without words (an empty page) copies nothing.
        let exact = match normalized.words.is_empty() {
            true => None,
            false => self
                .exact
                .get(&full_hash)
                .or_else(|| body_hash.and_then(|hash| self.exact.get(&hash)))
                .copied()
                .filter(|&original| original >= self.first_live),
        };
        // Shingles are taken once: for the near-copy search and, for an original, the index.
        let shingles = match exact.is_none() && normalized.words.len() >= self.config.min_words {
            true => shingles(&normalized, self.config.shingle_words),
            false => Vec::new(),
        };
        let signature =
            (!shingles.is_empty()).then(|| Signature::new(&shingles, self.config.num_hashes));
        let found = match (exact, &signature) {
            (Some(original_idx), _) => Some(original_idx),
            (None, Some(signature)) => self.near_copy_of(&fingerprints(&shingles), signature),
            (None, None) => None,
        };
        if let Some(original_idx) = found {
            // Later exact copies of this copy point to the same original.
            self.exact.entry(full_hash).or_insert(original_idx);
            return Some(self.original(original_idx).id.clone());
        }

        let original_idx = self.n_originals;
        self.n_originals += 1;
        // An entry of a forgotten original is replaced by the new one.
        for hash in std::iter::once(full_hash).chain(body_hash) {
            let entry = self.exact.entry(hash).or_insert(original_idx);
            if *entry < self.first_live {
                *entry = original_idx;
            }
        }
        if let Some(signature) = &signature {
            self.lsh.insert(signature, original_idx);
        }
        let shingles = fingerprints(&shingles);
        let rate_bits = rate_bits(shingles.len());
        let mut shingles = sample(&shingles, rate_bits);
        shingles.shrink_to_fit();
        self.originals.push_back(Original { id: id.to_string(), shingles, rate_bits });
        self.forget_old();
        None
    }

    /// The original numbered `original_idx`, which must be in the window.
    fn original(&self, original_idx: u32) -> &Original {
        &self.originals[(original_idx - self.first_live) as usize]
    }

    /// Forgets the originals that fell out of the window; the indexes are swept once the
    /// window has moved by a quarter, so the cost per article stays flat.
    fn forget_old(&mut self) {
        let window = self.config.window_originals.max(1);
        while self.originals.len() > window {
            self.originals.pop_front();
            self.first_live += 1;
        }
        let sweep_every = (window / 4).max(1) as u32;
        if self.first_live > 0
            && self.first_live % sweep_every == 0
            && self.originals.len() == window
        {
            let first_live = self.first_live;
            self.lsh.forget_before(first_live);
            self.exact.retain(|_, original| *original >= first_live);
        }
    }

    /// The configuration it was made with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Number of originals remembered.
    pub fn len(&self) -> usize {
        self.originals.len()
    }

    /// Whether no original has been remembered yet.
    pub fn is_empty(&self) -> bool {
        self.originals.is_empty()
    }

    /// The best-matching earlier original for a text that is not an exact copy.
    fn near_copy_of(&self, shingles: &[u32], signature: &Signature) -> Option<u32> {
        let mut best: Option<(f64, u32)> = None;
        // The text's fingerprints at each sampling rate, made when a candidate needs it.
        let mut sampled: [Option<Vec<u32>>; MAX_RATE_BITS as usize + 1] = Default::default();
        for original_idx in self.lsh.candidates(signature, self.first_live) {
            let original = self.original(original_idx);
            // Both sides sampled alike: the original's rate applied to the text.
            let ours = sampled[original.rate_bits as usize]
                .get_or_insert_with(|| sample(shingles, original.rate_bits));
            let shared = count_shared(ours, &original.shingles);
            let shorter = ours.len().min(original.shingles.len()).max(1);
            let containment = shared as f64 / shorter as f64;
            if (shared << original.rate_bits) < self.config.min_shared_shingles
                || containment < self.config.min_containment
            {
                continue;
            }
            // Candidates come in arrival order, so on a tie the first-seen original wins.
            if best.is_none_or(|(best_containment, _)| containment > best_containment) {
                best = Some((containment, original_idx));
            }
        }
        best.map(|(_, original_idx)| original_idx)
    }
}

/// An article that copies no earlier one.
#[derive(Debug, Serialize, Deserialize)]
struct Original {
    id: String,
    /// Sorted, distinct shingle fingerprints, those whose low `rate_bits` bits are zero;
    /// empty for texts too short to near-match.
    shingles: Vec<u32>,
    rate_bits: u32,
}

/// A long text keeps one in 2, 4 or 8 of its shingle fingerprints (those with zero low bits,
/// so that two texts sample the same shingles), never fewer than `MIN_SAMPLE`: containment
/// over the sample estimates containment over all shingles, and an original costs less than
/// half as much.
const MIN_SAMPLE: usize = 128;
const MAX_RATE_BITS: u32 = 3;

/// The sampling rate (as a shift) for a text with `n` distinct shingles.
fn rate_bits(n: usize) -> u32 {
    let mut bits = 0;
    while bits < MAX_RATE_BITS && n >> (bits + 1) >= MIN_SAMPLE {
        bits += 1;
    }
    bits
}

/// The fingerprints whose low `rate_bits` bits are zero, in order.
fn sample(fingerprints: &[u32], rate_bits: u32) -> Vec<u32> {
    let mask = (1u32 << rate_bits) - 1;
    fingerprints.iter().copied().filter(|fp| fp & mask == 0).collect()
}

/// A text as hashes of its lower-cased words, with the title's words counted apart.
///
/// Words are hashed once, as they are read, into a reused buffer: no string per word.
struct Normalized {
    words: Vec<u64>,
    /// Number of leading words that belong to the title.
    title_words: usize,
}

impl Normalized {
    fn new(text: &str) -> Normalized {
        let (title, body) = match text.split_once("\n\n") {
            Some((title, body)) => (title, body),
            None => ("", text),
        };
        let mut words = Vec::new();
        let mut buffer = String::new();
        push_words(title, &mut buffer, &mut words);
        let title_words = words.len();
        push_words(body, &mut buffer, &mut words);
        Normalized { words, title_words }
    }

    fn body(&self) -> &[u64] {
        &self.words[self.title_words..]
    }

    fn body_hash(&self, min_words: usize) -> Option<u64> {
        let body = self.body();
        // A different seed keeps body hashes apart from whole-text hashes.
        (body.len() >= min_words.max(1) && self.title_words > 0)
            .then(|| hash_words(body) ^ 0x9e37_79b9_7f4a_7c15)
    }
}

/// Appends the hash of each lower-cased word of `text`.
fn push_words(text: &str, buffer: &mut String, acc: &mut Vec<u64>) {
    for word in analyze::words(text) {
        buffer.clear();
        for c in word.chars() {
            // Typographic apostrophes differ between outlets' copies of one text.
            match c {
                '’' | '‘' => buffer.push('\''),
                c if c.is_ascii() => buffer.push(c.to_ascii_lowercase()),
                c => buffer.extend(c.to_lowercase()),
            }
        }
        acc.push(xxh3_64(buffer.as_bytes()));
    }
}

/// Hash of a sequence of word hashes.
fn hash_words(words: &[u64]) -> u64 {
    words.iter().fold(words.len() as u64, |acc, &word| minhash::mix(acc.rotate_left(23) ^ word))
}

/// The shingle hashes cut to 32 bits, sorted and distinct, as kept for the containment check.
///
/// Half the memory of the shingles at 64 bits (7.8 kB -> 6.6 kB per remembered original of
/// the benchmark's texts, with the LSH entries). Two different shingles of two texts collide with probability
/// 2^-32, so an article pair of 1,000 shingles each gains a false shared shingle with
/// probability about 2^-12: no change to a containment of 0.6 with 8 shingles at least.
fn fingerprints(shingles: &[u64]) -> Vec<u32> {
    let mut acc: Vec<u32> = shingles.iter().map(|&hash| (hash >> 32) as u32).collect();
    acc.sort_unstable();
    acc.dedup();
    acc
}

/// Sorted, distinct hashes of the word shingles of title and body, each taken apart so that
/// a new headline changes only the title's shingles. A shingle's hash combines its words'
/// hashes in order.
fn shingles(normalized: &Normalized, size: usize) -> Vec<u64> {
    let size = size.max(1);
    let mut acc = Vec::with_capacity(normalized.words.len());
    let (title, body) = normalized.words.split_at(normalized.title_words);
    for part in [title, body] {
        if part.is_empty() {
            continue;
        }
        let windows = part.windows(size.min(part.len()));
        acc.extend(windows.map(|window| {
            window.iter().fold(size as u64, |acc, &hash| minhash::mix(acc.rotate_left(17) ^ hash))
        }));
    }
    acc.sort_unstable();
    acc.dedup();
    acc
}

/// Size of the intersection of two sorted, distinct lists.
fn count_shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

#[cfg(test)]
mod tests;
