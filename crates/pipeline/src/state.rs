//! The online steps' saved state: what lets an analysis of the store go on from the last one
//! instead of running every stored article through the duplicate finder and the clusterer
//! again.
//!
//! The state is a cache, never the truth: it is used only when it was saved by this very
//! build, with the same settings, after exactly the articles stored before the new ones (same
//! ids, same content, same order). Anything else, and the analysis replays the store from the
//! start, as it would without a state.

use store::ArticleKey;

use crate::{build_identity, Config, Online};

/// Marks saved bytes as an online state, with the version of their layout.
const MAGIC: &[u8; 8] = b"PLXONL01";

/// A state larger than this is not saved: SQLite refuses values over 1 GB, and writing it
/// with every analysis would cost more than it saves. The duplicate finder's full default
/// window is about half of it.
const MAX_STATE_BYTES: usize = 768 << 20;

/// The bytes to save for `online`: a header (magic, this build's identity), then the state.
/// `None` when the build cannot be identified or the state is too large to save.
pub(crate) fn encode(online: &Online) -> Option<Vec<u8>> {
    let mut bytes = MAGIC.to_vec();
    bytes.extend_from_slice(&build_identity()?.to_le_bytes());
    let bytes = match postcard::to_extend(online, bytes) {
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
    Some(bytes)
}

/// The state saved in `bytes`, when this build saved it with the settings of `config`.
pub(crate) fn decode(bytes: &[u8], config: &Config) -> Option<Online> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (build, rest) = rest.split_first_chunk::<8>()?;
    if u64::from_le_bytes(*build) != build_identity()? {
        return None;
    }
    let online: Online = match postcard::from_bytes(rest) {
        Ok(online) => online,
        Err(err) => {
            tracing::warn!(target: "pipeline", %err, "Unreadable online state; replaying the store.");
            return None;
        }
    };
    let same_settings =
        *online.deduper.config() == config.dedupe && *online.clusterer.config() == config.cluster;
    same_settings.then_some(online)
}

/// A fingerprint of the articles a state has seen: their order, ids and content.
pub(crate) fn fingerprint(keys: &[ArticleKey]) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for key in keys {
        hasher.update(&key.seq.to_le_bytes());
        hasher.update(&(key.id.len() as u64).to_le_bytes());
        hasher.update(key.id.as_bytes());
        hasher.update(&key.content_hash.to_le_bytes());
    }
    hasher.digest()
}
