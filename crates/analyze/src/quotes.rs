//! Direct quotes and their speakers.

/// A direct quote found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteMention {
    /// The quoted words, without quotation marks.
    pub text: String,
    /// The speaker as named in the text (full name when the text gives it).
    pub speaker: Option<String>,
    /// Byte offset of the quote's opening mark.
    pub start: usize,
}

/// Finds direct quotes and their speakers.
pub fn find_quotes(text: &str) -> Vec<QuoteMention> {
    let _ = text;
    Vec::new()
}
