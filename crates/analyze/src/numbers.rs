//! Numbers with units and what they count.

/// A number found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberMention {
    pub value: f64,
    /// What it counts or its unit: `troops`, `%`, `USD`, ...
    pub unit: Option<String>,
    /// The phrase as written, e.g. "more than 100,000 Russian troops".
    pub text: String,
    /// Byte offset of `text`.
    pub start: usize,
}

/// Finds numbers with their units.
pub fn find_numbers(text: &str) -> Vec<NumberMention> {
    let _ = text;
    Vec::new()
}
