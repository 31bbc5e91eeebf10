//! The language layer of Parallax: sentences, words, index terms, language detection, and
//! rule-based finders for quotes, numbers and named entities.
//!
//! Everything here is a pure function over `&str`: no IO, no models, no global state beyond
//! compiled regexes. Offsets are byte offsets into the text given. Messy input is never an
//! error; a finder that cannot tell returns less rather than guessing.
//!
//! - [`sentences`] splits news text, surviving abbreviations ("U.S.", "Sen.", "Calif."),
//!   initials, decimals and quotes; line breaks are hard boundaries.
//! - [`Analyzer::terms`] gives lower-cased, stop-word-free Snowball stems for TF-IDF and BM25;
//!   [`detect_language`] picks the language (BCP 47) to build the [`Analyzer`] with.
//! - [`calendar`] knows month and weekday names and does date arithmetic;
//!   [`dates::find_dates`] finds dates ("Tuesday", "yesterday", "on March 3", "last week") and
//!   resolves them against the publication date.
//! - [`quotes::find_quotes`], [`numbers::find_numbers`] and [`entities::find_entities`] extract
//!   what `compare` aligns across outlets.
//!
//! ```
//! let text = "Sen. Jane Doe (D-Ore.) toured Portland on Monday.\n\
//!             “We need more than 1,200 new nurses,” Doe said.";
//!
//! let sentences = analyze::sentences(text);
//! assert_eq!(sentences[0].text, "Sen. Jane Doe (D-Ore.) toured Portland on Monday.");
//!
//! let mut terms = Vec::new();
//! analyze::Analyzer::new(Some("en")).terms(sentences[0].text, &mut terms);
//! assert_eq!(terms, ["sen", "jane", "doe", "ore", "tour", "portland", "monday"]);
//!
//! let quotes = analyze::quotes::find_quotes(text);
//! assert_eq!(quotes[0].text, "We need more than 1,200 new nurses,");
//! assert_eq!(quotes[0].speaker.as_deref(), Some("Jane Doe"));
//!
//! let numbers = analyze::numbers::find_numbers(text);
//! assert_eq!(numbers[0].text, "more than 1,200 new nurses");
//! assert_eq!(numbers[0].unit.as_deref(), Some("nurses"));
//! ```

#![warn(missing_docs)]

pub mod calendar;
pub mod dates;
pub mod entities;
pub mod numbers;
pub mod quotes;
mod sentences;
mod terms;

pub use sentences::{sentences, Sentence};
pub use terms::{detect_language, words, Analyzer};

/// The largest char boundary of `text` at or before `at` (at most its length): where to cut a
/// text at about `at` bytes. `str::floor_char_boundary` does this from Rust 1.91, past our
/// minimum version.
pub fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The smallest char boundary of `text` at or after `at` (at most its length).
pub fn ceil_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    #[test]
    fn char_boundaries_round_down_and_up_within_the_text() {
        let text = "a€b"; // '€' is bytes 1..4
        assert_eq!(super::floor_char_boundary(text, 2), 1);
        assert_eq!(super::ceil_char_boundary(text, 2), 4);
        assert_eq!(super::floor_char_boundary(text, 4), 4);
        assert_eq!(super::floor_char_boundary(text, 99), 5);
        assert_eq!(super::ceil_char_boundary(text, 99), 5);
    }
}
