//! The language layer: sentences, words, terms (stems without stop words), language
//! detection, and the rule-based finders for quotes, numbers and entities.
//!
//! Pure functions over `&str`; no IO. Offsets are byte offsets into the text given.

pub mod entities;
pub mod numbers;
pub mod quotes;
mod sentences;
mod terms;

pub use sentences::{sentences, Sentence};
pub use terms::{detect_language, words, Analyzer};
