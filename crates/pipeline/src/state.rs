//! The online steps' saved state: what lets an analysis of the store go on from the last one
//! instead of running every stored article through the duplicate finder and the clusterer
//! again.
//!
//! The state is a cache, never the truth: it is used only when it was saved by this very
//! build, with the same settings, after exactly the first of the stored articles (same ids,
//! same content, same order); the articles stored after those go through it again. Anything
//! else, and the analysis replays the store from the start, as it would without a state. It
//! is a checkpoint, written again only when that pays (`save_now` in `lib.rs`), and this
//! process keeps the state it left off with in memory ([`keep`]).

use std::sync::{Mutex, PoisonError};

use store::ArticleKey;

use crate::{build_identity, Config, Online};

/// Marks saved bytes as an online state, with the version of their layout.
const MAGIC: &[u8; 8] = b"PLXONL01";

/// A state larger than this is not saved: SQLite refuses values over 1 GB, and one that large
/// would cost more to write and read back than replaying saves. The duplicate finder's full
/// default window is about a third of it.
const MAX_STATE_BYTES: usize = 768 << 20;

/// Bytes before the state: the magic, this build's identity and a checksum of the state.
const HEADER_BYTES: usize = MAGIC.len() + 16;

/// The bytes to save for `online`: a header (magic, this build's identity, a checksum), then
/// the state. `None` when the build cannot be identified or the state is too large to save.
pub(crate) fn encode(online: &Online) -> Option<Vec<u8>> {
    let mut bytes = MAGIC.to_vec();
    bytes.extend_from_slice(&build_identity()?.to_le_bytes());
    bytes.extend_from_slice(&[0; 8]);
    let mut bytes = match postcard::to_extend(online, bytes) {
        Ok(bytes) => bytes,
        Err(err) => {
            tracing::warn!(target: "pipeline", %err, "Cannot save the online state.");
            return None;
        }
    };
    if bytes.len() > MAX_STATE_BYTES {
        tracing::info!(target: "pipeline", bytes = bytes.len(), "Online state too large to save.");
        return None;
    }
    let checksum = xxhash_rust::xxh3::xxh3_64(&bytes[HEADER_BYTES..]);
    bytes[HEADER_BYTES - 8..HEADER_BYTES].copy_from_slice(&checksum.to_le_bytes());
    Some(bytes)
}

/// What a state has seen: exactly the stored articles up to `last_seq`, whose order, ids
/// and content `fingerprint` sums up. `bytes` is the size of the saved state, for a state
/// that stands for one saved in a store (the head of its row), else 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Seen {
    pub(crate) last_seq: i64,
    pub(crate) fingerprint: u64,
    pub(crate) bytes: u64,
}

impl Seen {
    /// What a state that has seen all of `keys` has seen.
    pub(crate) fn all(keys: &[ArticleKey]) -> Seen {
        Seen {
            last_seq: keys.last().map_or(0, |key| key.seq),
            fingerprint: fingerprint(keys),
            bytes: 0,
        }
    }

    /// What the saved state of `head` has seen.
    pub(crate) fn saved(head: &store::OnlineStateHead) -> Seen {
        Seen { last_seq: head.last_seq, fingerprint: head.fingerprint, bytes: head.bytes }
    }

    /// How many of `keys` the state has seen, when it has seen exactly the first of them and
    /// each of those has a story.
    pub(crate) fn count_in(&self, keys: &[ArticleKey]) -> Option<usize> {
        let seen = keys.partition_point(|key| key.seq <= self.last_seq);
        let fits = seen > 0
            && keys[seen - 1].seq == self.last_seq
            && keys[..seen].iter().all(|key| key.story.is_some())
            && fingerprint(&keys[..seen]) == self.fingerprint;
        fits.then_some(seen)
    }
}

/// The state this process left off with after its last analysis, which went on from the saved
/// state `base` (or saved it).
struct Kept {
    base: Seen,
    seen: Seen,
    online: Online,
}

/// See [`keep`].
static KEPT: Mutex<Option<Kept>> = Mutex::new(None);

/// Keeps `online`, which has seen `seen`, for the next analysis to go on from instead of
/// reading the saved state `base` and replaying what it has not seen: a server analyses the
/// store after every post, and reading back a full window's state takes over a second. It
/// stands for `base` and the articles since, so it is used only while `base` is the saved
/// state, whichever store holds it.
pub(crate) fn keep(base: Seen, seen: Seen, online: Online) {
    *KEPT.lock().unwrap_or_else(PoisonError::into_inner) = Some(Kept { base, seen, online });
}

/// The state [`keep`] kept, with what it has seen, when it goes on from the saved state
/// `base` with the settings of `config`. It is taken (an analysis that fails leaves none);
/// one that does not fit stays, for the store it fits.
pub(crate) fn take_kept(base: Seen, config: &Config) -> Option<(Seen, Online)> {
    let mut kept = KEPT.lock().unwrap_or_else(PoisonError::into_inner);
    let fits =
        kept.as_ref().is_some_and(|kept| kept.base == base && same_settings(&kept.online, config));
    if !fits {
        return None;
    }
    kept.take().map(|kept| (kept.seen, kept.online))
}

/// Drops the state [`keep`] kept, so the next analysis reads the saved bytes.
pub(crate) fn forget_kept() {
    KEPT.lock().unwrap_or_else(PoisonError::into_inner).take();
}

/// The state saved in `bytes`, when this build saved it with the settings of `config` and
/// its bytes are whole (a damaged state could decode into one that breaks the code's
/// invariants, so its checksum is checked first).
pub(crate) fn decode(bytes: &[u8], config: &Config) -> Option<Online> {
    let (build, checksum, state) = split(bytes)?;
    if build != build_identity()? {
        return None;
    }
    read(checksum, state).filter(|online| same_settings(online, config))
}

fn same_settings(online: &Online, config: &Config) -> bool {
    *online.deduper.config() == config.dedupe && *online.clusterer.config() == config.cluster
}

/// The header's build identity and checksum, and the state's bytes.
fn split(bytes: &[u8]) -> Option<(u64, u64, &[u8])> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (build, rest) = rest.split_first_chunk::<8>()?;
    let (checksum, state) = rest.split_first_chunk::<8>()?;
    Some((u64::from_le_bytes(*build), u64::from_le_bytes(*checksum), state))
}

/// Reads a state's bytes back, when they match their checksum.
fn read(checksum: u64, state: &[u8]) -> Option<Online> {
    if checksum != xxhash_rust::xxh3::xxh3_64(state) {
        tracing::warn!(target: "pipeline", "Damaged online state; replaying the store.");
        return None;
    }
    match postcard::from_bytes(state) {
        Ok(online) => Some(online),
        Err(err) => {
            tracing::warn!(target: "pipeline", %err, "Unreadable online state; replaying the store.");
            None
        }
    }
}

/// A fingerprint of the articles a state has seen: their order, ids and content.
fn fingerprint(keys: &[ArticleKey]) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for key in keys {
        hasher.update(&key.seq.to_le_bytes());
        hasher.update(&(key.id.len() as u64).to_le_bytes());
        hasher.update(key.id.as_bytes());
        hasher.update(&key.content_hash.to_le_bytes());
    }
    hasher.digest()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn online_with_articles(config: &Config) -> Online {
        let mut online = Online::new(config);
        let article = |id: &str, body: &str| model::Article {
            id: id.to_string(),
            source: "Test".to_string(),
            url: None,
            title: Some("Harbor floods after storm surge".to_string()),
            author: None,
            published: None,
            language: Some("en".to_string()),
            body: body.to_string(),
            extra: model::Extra::new(),
        };
        let text = "The old harbor district flooded on Sunday night after a storm surge pushed \
                    water over the sea wall, the emergency office said. About 300 residents \
                    spent the night in the sports hall on Quay Street.";
        online.add(&[article("a", text), article("b", text)], &crate::NoProgress);
        online
    }

    #[test]
    fn a_saved_state_reads_back_only_whole_and_with_the_same_settings() {
        let config = Config::recommended();
        let bytes = encode(&online_with_articles(&config)).expect("this build is identified");
        let online = read(split(&bytes).unwrap().1, &bytes[HEADER_BYTES..]).expect("reads back");
        assert_eq!(online.deduper.len(), 1, "the copy is not remembered as an original");
        assert_eq!(online.clusterer.assignments().len(), 1);

        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        let (_, checksum, state) = split(&flipped).unwrap();
        assert!(read(checksum, state).is_none(), "a flipped bit");
        assert!(read(checksum, &state[..state.len() / 2]).is_none(), "cut short");
        assert!(decode(&bytes[..HEADER_BYTES - 1], &config).is_none(), "a header cut short");
        assert!(decode(b"not a state", &config).is_none());
        let mut other = config.clone();
        other.dedupe.min_words += 1;
        assert!(decode(&bytes, &other).is_none(), "other settings");
    }
}
