//! The loader and encoder on a tiny BERT built here with random weights (no model ships with
//! Parallax), and on the real all-MiniLM-L6-v2 when `PARALLAX_MODEL` names its directory.

use std::path::Path;

use candle_core::{DType, Device};
use candle_nn::{VarBuilder, VarMap};
use candle_transformers::models::bert::{BertModel, Config};
use compare::SentenceEncoder;
use embed::{Embedder, Error};

const CONFIG: &str = r#"{
  "vocab_size": 32, "hidden_size": 16, "num_hidden_layers": 2, "num_attention_heads": 2,
  "intermediate_size": 32, "hidden_act": "gelu", "hidden_dropout_prob": 0.0,
  "max_position_embeddings": 64, "type_vocab_size": 2, "initializer_range": 0.02,
  "layer_norm_eps": 1e-12, "pad_token_id": 0, "model_type": "bert"
}"#;

/// A BERT WordPiece tokenizer over a few words, as `tokenizer.json` describes real ones.
const TOKENIZER: &str = r###"{
  "version": "1.0", "truncation": null, "padding": null,
  "added_tokens": [
    {"id": 0, "content": "[PAD]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
    {"id": 1, "content": "[UNK]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
    {"id": 2, "content": "[CLS]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
    {"id": 3, "content": "[SEP]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}
  ],
  "normalizer": {"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true, "strip_accents": null, "lowercase": true},
  "pre_tokenizer": {"type": "BertPreTokenizer"},
  "post_processor": {
    "type": "TemplateProcessing",
    "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
    "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "[SEP]", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}}, {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
    "special_tokens": {
      "[CLS]": {"id": "[CLS]", "ids": [2], "tokens": ["[CLS]"]},
      "[SEP]": {"id": "[SEP]", "ids": [3], "tokens": ["[SEP]"]}
    }
  },
  "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": true},
  "model": {
    "type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##", "max_input_chars_per_word": 100,
    "vocab": {"[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3, "the": 4, "dam": 5, "burst": 6, "gave": 7,
              "way": 8, "on": 9, "sunday": 10, "a": 11, "cat": 12, "slept": 13, ".": 14, ",": 15,
              "council": 16, "voted": 17, "to": 18, "rebuild": 19, "bridge": 20, "##s": 21}
  }
}"###;

/// Writes a tiny BERT with random weights into `dir`.
fn write_tiny_model(dir: &Path) {
    std::fs::write(dir.join("config.json"), CONFIG).unwrap();
    std::fs::write(dir.join("tokenizer.json"), TOKENIZER).unwrap();
    let config: Config = serde_json::from_str(CONFIG).unwrap();
    let vars = VarMap::new();
    BertModel::load(VarBuilder::from_varmap(&vars, DType::F32, &Device::Cpu), &config).unwrap();
    vars.save(dir.join("model.safetensors")).unwrap();
}

fn tiny() -> (tempfile::TempDir, Embedder) {
    let dir = tempfile::tempdir().unwrap();
    write_tiny_model(dir.path());
    let sha = embed::weights_sha256(dir.path()).unwrap();
    let embedder = Embedder::load_checked(dir.path(), &sha).unwrap();
    (dir, embedder)
}

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[test]
fn sentences_become_unit_vectors_whatever_their_batch() {
    let (_dir, embedder) = tiny();
    let long = "the council voted to rebuild the bridge on sunday, the dam gave way.";
    let alone = embedder.embed(&["The dam burst."]).unwrap();
    let together = embedder.embed(&[long, "The dam burst.", "A cat slept."]).unwrap();
    assert_eq!(together.len(), 3);
    for vector in &together {
        assert_eq!(vector.len(), 16);
        assert!((cosine(vector, vector) - 1.0).abs() < 1e-4);
    }
    // Padding to the long sentence's length in one batch leaves a short one's vector as it
    // is alone: pooling reads only its own tokens.
    assert!(alone[0].iter().zip(&together[1]).all(|(x, y)| (x - y).abs() < 1e-4));
    // Words the vocabulary lacks still give a vector.
    assert_eq!(embedder.embed(&["Zebras yawn."]).unwrap()[0].len(), 16);
    assert!(embedder.embed(&[]).unwrap().is_empty());
}

#[test]
fn the_encoder_names_its_weights_and_encodes_in_order() {
    let (_dir, embedder) = tiny();
    assert!(embedder.identity().contains("sha256:"), "{}", embedder.identity());
    let vectors = embedder.encode(&["A cat slept.", "The dam burst.", "A cat slept."]);
    assert_eq!(vectors[0], vectors[2]);
    assert_ne!(vectors[0], vectors[1]);
}

#[test]
fn weights_of_another_hash_are_refused_and_missing_files_named() {
    let dir = tempfile::tempdir().unwrap();
    write_tiny_model(dir.path());
    match Embedder::load(dir.path()) {
        Err(Error::Hash { path, expected, .. }) => {
            assert!(path.ends_with("model.safetensors"));
            assert_eq!(expected, embed::MINILM_L6_V2_SHA256);
        }
        other => panic!("expected a hash error, got {:?}", other.err()),
    }
    std::fs::remove_file(dir.path().join("tokenizer.json")).unwrap();
    let sha = embed::weights_sha256(dir.path()).unwrap();
    let err = Embedder::load_checked(dir.path(), &sha).err().expect("no tokenizer");
    assert!(err.to_string().contains("tokenizer.json"), "{err}");
    let err = Embedder::load(&dir.path().join("nowhere")).err().expect("no directory");
    assert!(err.to_string().contains("model.safetensors"), "{err}");
}

/// With `PARALLAX_MODEL` set to all-MiniLM-L6-v2's directory: the published vector of the
/// sentence-transformers example, a paraphrase nearer than an unrelated sentence, and what the
/// model does not see: which way an act goes (why `compare` vetoes opposite acts itself).
#[test]
fn the_real_model_gives_the_published_vector() {
    let Some(dir) = std::env::var_os("PARALLAX_MODEL") else { return };
    let embedder = Embedder::load(Path::new(&dir)).unwrap();
    let vectors = embedder
        .embed(&[
            "This is an example sentence",
            "The Ostra dam burst on Sunday.",
            "The Ostra dam gave way on Sunday.",
            "The council voted to rebuild the bridge.",
        ])
        .unwrap();
    let published = [0.067_656_8, 0.063_495_9, 0.048_713_1, 0.079_305_0, 0.037_448_0];
    for (x, y) in vectors[0].iter().zip(published) {
        assert!((x - y).abs() < 1e-4, "{x} against {y}");
    }
    assert!(cosine(&vectors[1], &vectors[2]) > 0.8);
    assert!(cosine(&vectors[1], &vectors[3]) < 0.5);
    let opposite = [
        (
            "Lindsay Lohan checked into the Betty Ford Center on Thursday.",
            "Lindsay Lohan checked out of the Betty Ford Center on Thursday.",
        ),
        (
            "Brennick Shipping bought the Port of Halvard on Tuesday.",
            "Brennick Shipping sold the Port of Halvard on Tuesday.",
        ),
        (
            "Police arrested two men after the robbery.",
            "Police released two men after the robbery.",
        ),
    ];
    for (a, b) in opposite {
        let pair = embedder.embed(&[a, b]).unwrap();
        let cosine = cosine(&pair[0], &pair[1]);
        assert!(cosine > 0.85, "{cosine}: {a} / {b}");
    }
}
