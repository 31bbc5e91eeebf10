//! Sentence splitting.

/// One sentence: its text (trimmed) and where it starts in the text given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence<'a> {
    pub text: &'a str,
    /// Byte offset of `text` in the input.
    pub start: usize,
}

/// Splits text into sentences.
pub fn sentences(text: &str) -> Vec<Sentence<'_>> {
    // Placeholder until the real splitter lands: split on line breaks and ". ".
    let mut out = Vec::new();
    let mut start = 0;
    for (idx, ch) in text.char_indices() {
        if ch == '\n' || (ch == ' ' && text[..idx].ends_with('.')) {
            push(text, start, idx, &mut out);
            start = idx + 1;
        }
    }
    push(text, start, text.len(), &mut out);
    out
}

fn push<'a>(text: &'a str, start: usize, end: usize, out: &mut Vec<Sentence<'a>>) {
    let raw = &text[start..end];
    let trimmed = raw.trim();
    if !trimmed.is_empty() {
        let offset = start + (raw.len() - raw.trim_start().len());
        out.push(Sentence { text: trimmed, start: offset });
    }
}
