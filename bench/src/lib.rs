//! The benchmarks' streams, built from the real texts of `../shared/data`
//! (`testkit::corpus`).

pub mod events;

pub use testkit::corpus::{read_texts, trimmed, Text};
