//! Words, index terms (lower-cased, stop words removed, Snowball-stemmed) and language
//! detection.

use std::cell::RefCell;
use std::collections::HashSet;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;

/// Words of a text, as written: letters and digits, with inner apostrophes and hyphens
/// ("Clinton’s", "state-run"). Punctuation and symbols separate words.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || is_apostrophe(c) || c == '-'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
}

/// Words longer than this, in bytes, are not stemmed. German compounds run to about 40
/// letters; nothing this long is a word.
const MAX_STEMMED_BYTES: usize = 64;

/// Turns text into index terms for one language: lower-cased, stop words removed, stemmed.
///
/// Building one costs a stop-word table, so make one per language and reuse it.
pub struct Analyzer {
    algorithm: Algorithm,
    stemmer: Stemmer,
    stop_words: HashSet<&'static str>,
}

thread_local! {
    /// Stems already found on this thread, by algorithm: a story's sentences repeat their
    /// words, and Snowball's English stemmer took a tenth of a story's comparison (callgrind
    /// over the ECB+ report) where a lookup takes a fraction of it.
    static STEMS: RefCell<Vec<(Algorithm, FxHashMap<String, String>)>> =
        const { RefCell::new(Vec::new()) };
}

/// The stems a thread keeps per algorithm before it forgets them all: a news stream's common
/// words come back at once, and memory stays bounded on an endless one (pairs of short
/// strings, a few megabytes at most; reckoned, not measured).
const MAX_CACHED_STEMS: usize = 30_000;

impl Analyzer {
    /// An analyzer for a BCP 47 language code (`en`, `de-AT`, ...); English rules when the
    /// language is unknown or has no Snowball stemmer.
    pub fn new(language: Option<&str>) -> Analyzer {
        let (code, algorithm) = language
            .map(primary_subtag)
            .and_then(|code| stem_algorithm(&code).map(|algorithm| (code, algorithm)))
            .unwrap_or_else(|| ("en".to_string(), Algorithm::English));
        let mut stop_words: HashSet<&'static str> =
            stop_words::lookup(stop_word_code(&code)).unwrap_or_default().iter().copied().collect();
        if code == "en" {
            stop_words.extend(ENGLISH_NEWS_STOP_WORDS);
        }
        Analyzer { algorithm, stemmer: Stemmer::create(algorithm), stop_words }
    }

    /// Index terms of `text`, appended to `acc`.
    ///
    /// Hyphenated words give one term per part, so "pro-Russian" matches "Russian".
    /// One-character words are dropped: they are initials, digits or stop words. A word
    /// longer than any word of a language (a hash, a run of letters with no spaces) is kept
    /// as it is: Snowball's stemmers take time growing with the square of a word's length.
    pub fn terms(&self, text: &str, acc: &mut Vec<String>) {
        let mut lower = String::with_capacity(32);
        for word in words(text) {
            for part in word.split('-').filter(|part| !part.is_empty()) {
                lower.clear();
                push_lowercase(part, &mut lower);
                let mut chars = lower.chars();
                if chars.next().is_none() || chars.next().is_none() {
                    continue;
                }
                if self.is_stop_word(&lower) {
                    continue;
                }
                if lower.len() > MAX_STEMMED_BYTES {
                    acc.push(lower.clone());
                } else {
                    acc.push(self.stem(&lower));
                }
            }
        }
    }

    /// The stem of a lower-cased word, from this thread's cache when it has it.
    fn stem(&self, lower: &str) -> String {
        STEMS.with_borrow_mut(|caches| {
            let at = match caches.iter().position(|(algorithm, _)| *algorithm == self.algorithm) {
                Some(at) => at,
                None => {
                    caches.push((self.algorithm, FxHashMap::default()));
                    caches.len() - 1
                }
            };
            let cache = &mut caches[at].1;
            if let Some(stem) = cache.get(lower) {
                return stem.clone();
            }
            if cache.len() >= MAX_CACHED_STEMS {
                cache.clear();
            }
            let stem = self.stemmer.stem(lower).into_owned();
            cache.insert(lower.to_string(), stem.clone());
            stem
        })
    }

    /// Whether a lower-cased word is a stop word.
    pub fn is_stop_word(&self, lower: &str) -> bool {
        self.stop_words.contains(lower)
    }
}

/// The language of a text as a BCP 47 code (`en`, `de`, ...), when it can be told.
///
/// `None` for texts under five words and when whatlang is not confident: a wrong
/// language would pick the wrong stemmer, which is worse than the English fallback.
pub fn detect_language(text: &str) -> Option<String> {
    // Fewer than five words: too little to tell.
    words(text).nth(4)?;
    if plainly_english(text) {
        return Some("en".to_string());
    }
    let info = whatlang::detect(text)?;
    if !info.is_reliable() {
        return None;
    }
    bcp47(info.lang().code()).map(str::to_string)
}

/// Whether a text is English by its commonest words: at least 30 of its first 100 words, and
/// 15% of them among English function words that other languages written in Latin letters do
/// not use ("the", "of", "which"; not "a", "is" or "for"). Most news is English, and this
/// answers in microseconds where whatlang's trigram statistics take a tenth of a millisecond,
/// as much as the rest of a plain-text extraction. On the English texts of `../shared/data`
/// the median share is 22% (5th percentile 15%); German, French or Spanish text has none.
fn plainly_english(text: &str) -> bool {
    const SAMPLE_WORDS: usize = 100;
    const MIN_WORDS: usize = 30;
    const MIN_SHARE: f64 = 0.15;
    let (mut n_words, mut n_english) = (0, 0);
    for word in words(text).take(SAMPLE_WORDS) {
        n_words += 1;
        n_english += usize::from(is_english_function_word(word));
    }
    n_words >= MIN_WORDS && n_english as f64 >= MIN_SHARE * n_words as f64
}

fn is_english_function_word(word: &str) -> bool {
    const WORDS: [&str; 24] = [
        "the", "of", "and", "to", "that", "for", "with", "he", "she", "it", "his", "her", "said",
        "by", "from", "were", "has", "have", "this", "which", "they", "their", "will", "would",
    ];
    word.len() <= 6 && WORDS.iter().any(|english| english.eq_ignore_ascii_case(word))
}

/// News words too common to tell stories apart, on top of the NLTK English list.
const ENGLISH_NEWS_STOP_WORDS: [&str; 12] = [
    "said",
    "says",
    "say",
    "also",
    "would",
    "could",
    "mr",
    "mrs",
    "ms",
    "told",
    "according",
    "one",
];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Lower-cases `word` into `acc`, with typographic apostrophes made plain so that the
/// stemmers (which know only `'`) strip possessives.
fn push_lowercase(word: &str, acc: &mut String) {
    for c in word.chars() {
        match c {
            '’' => acc.push('\''),
            c if c.is_ascii() => acc.push(c.to_ascii_lowercase()),
            c => acc.extend(c.to_lowercase()),
        }
    }
}

/// "de-AT" -> "de", "EN" -> "en".
fn primary_subtag(language: &str) -> String {
    language.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase()
}

fn stem_algorithm(code: &str) -> Option<Algorithm> {
    let algorithm = match code {
        "ar" => Algorithm::Arabic,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hu" => Algorithm::Hungarian,
        "it" => Algorithm::Italian,
        "no" | "nb" | "nn" => Algorithm::Norwegian,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        _ => return None,
    };
    Some(algorithm)
}

/// The stop-words crate files Norwegian under `no` only.
fn stop_word_code(code: &str) -> &str {
    match code {
        "nb" | "nn" => "no",
        code => code,
    }
}

/// whatlang's ISO 639-3 codes as BCP 47 tags (the two-letter code where there is one).
fn bcp47(iso639_3: &str) -> Option<&'static str> {
    let code = match iso639_3 {
        "afr" => "af",
        "aka" => "ak",
        "amh" => "am",
        "ara" => "ar",
        "aze" => "az",
        "bel" => "be",
        "ben" => "bn",
        "bul" => "bg",
        "cat" => "ca",
        "ces" => "cs",
        "cmn" => "zh",
        "cym" => "cy",
        "dan" => "da",
        "deu" => "de",
        "ell" => "el",
        "eng" => "en",
        "epo" => "eo",
        "est" => "et",
        "fin" => "fi",
        "fra" => "fr",
        "guj" => "gu",
        "heb" => "he",
        "hin" => "hi",
        "hrv" => "hr",
        "hun" => "hu",
        "hye" => "hy",
        "ind" => "id",
        "ita" => "it",
        "jav" => "jv",
        "jpn" => "ja",
        "kan" => "kn",
        "kat" => "ka",
        "khm" => "km",
        "kor" => "ko",
        "lat" => "la",
        "lav" => "lv",
        "lit" => "lt",
        "mal" => "ml",
        "mar" => "mr",
        "mkd" => "mk",
        "mya" => "my",
        "nep" => "ne",
        "nld" => "nl",
        "nob" => "nb",
        "ori" => "or",
        "pan" => "pa",
        "pes" => "fa",
        "pol" => "pl",
        "por" => "pt",
        "ron" => "ro",
        "rus" => "ru",
        "sin" => "si",
        "slk" => "sk",
        "slv" => "sl",
        "sna" => "sn",
        "spa" => "es",
        "srp" => "sr",
        "swe" => "sv",
        "tam" => "ta",
        "tel" => "te",
        "tgl" => "tl",
        "tha" => "th",
        "tuk" => "tk",
        "tur" => "tr",
        "ukr" => "uk",
        "urd" => "ur",
        "uzb" => "uz",
        "vie" => "vi",
        "yid" => "yi",
        "zul" => "zu",
        _ => return None,
    };
    Some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(language: Option<&str>, text: &str) -> Vec<String> {
        let mut acc = Vec::new();
        Analyzer::new(language).terms(text, &mut acc);
        acc
    }

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        let got: Vec<&str> =
            words("The mayor’s state-run agency (\"NRA\") isn't 2.5% done.").collect();
        assert_eq!(
            got,
            ["The", "mayor’s", "state-run", "agency", "NRA", "isn't", "2", "5", "done"]
        );
    }

    #[test]
    fn a_run_of_letters_longer_than_any_word_is_kept_unstemmed() {
        let run = "Tuesday".repeat(20_000);
        let got = terms(Some("en"), &format!("Budgets {run} voting"));
        assert_eq!(got, ["budget", run.to_lowercase().as_str(), "vote"]);
        // German's long compounds are still words.
        let compound = "Donaudampfschifffahrtsgesellschaftskapitäne";
        assert_eq!(terms(Some("de"), compound), ["donaudampfschifffahrtsgesellschaftskapitan"]);
    }

    #[test]
    fn english_terms_are_stemmed_without_stop_words() {
        assert_eq!(
            terms(
                Some("en"),
                "The Senators were voting on the Governor’s budgets, officials said."
            ),
            ["senat", "vote", "governor", "budget", "offici"]
        );
    }

    #[test]
    fn hyphenated_words_give_one_term_per_part() {
        assert_eq!(terms(None, "pro-Russian rebels"), ["pro", "russian", "rebel"]);
    }

    #[test]
    fn german_uses_german_stems_and_stop_words() {
        assert_eq!(terms(Some("de-AT"), "Die Regierungen und die Wahlen"), ["regier", "wahl"]);
    }

    #[test]
    fn each_language_keeps_its_own_stems_on_one_thread() {
        // The thread's stem cache is kept per stemmer: German's stem of a word is not
        // English's, whichever comes first.
        let (english, german) = (Analyzer::new(Some("en")), Analyzer::new(Some("de")));
        let fresh = |algorithm| Stemmer::create(algorithm).stem("regierungen").into_owned();
        for _ in 0..2 {
            let mut acc = Vec::new();
            english.terms("regierungen", &mut acc);
            german.terms("regierungen", &mut acc);
            assert_eq!(acc, [fresh(Algorithm::English), fresh(Algorithm::German)]);
        }
        assert_ne!(fresh(Algorithm::English), fresh(Algorithm::German));
    }

    #[test]
    fn unknown_language_falls_back_to_english() {
        assert_eq!(terms(Some("xx"), "the running dogs"), ["run", "dog"]);
        assert!(Analyzer::new(Some("xx")).is_stop_word("the"));
        assert!(!Analyzer::new(Some("en")).is_stop_word("budget"));
    }

    #[test]
    fn detects_languages_as_two_letter_codes() {
        let english =
            "The city council voted on Tuesday to approve a new budget for schools and roads.";
        let german = "Der Stadtrat hat am Dienstag einen neuen Haushalt für Schulen und Straßen beschlossen.";
        let french =
            "Le conseil municipal a voté mardi un nouveau budget pour les écoles et les routes.";
        let spanish =
            "El ayuntamiento aprobó el martes un nuevo presupuesto para escuelas y carreteras.";
        assert_eq!(detect_language(english).as_deref(), Some("en"));
        assert_eq!(detect_language(german).as_deref(), Some("de"));
        assert_eq!(detect_language(french).as_deref(), Some("fr"));
        assert_eq!(detect_language(spanish).as_deref(), Some("es"));
    }

    #[test]
    fn longer_texts_are_told_apart_too() {
        // Long enough for the English shortcut to look: it must take the English text only.
        let english = "The council said on Tuesday that it would vote on the new budget for the \
            schools of the city, which has been delayed for months by a dispute with the unions \
            over pay. The mayor said she had asked the members of the council to agree to the \
            plan before the end of the year, and that the city would have to borrow money if \
            they did not.";
        let german = "Der Stadtrat hat am Dienstag mitgeteilt, dass er über den neuen Haushalt \
            für die Schulen der Stadt abstimmen wird, der sich wegen eines Streits mit den \
            Gewerkschaften über die Bezahlung seit Monaten verzögert hat. Die Bürgermeisterin \
            sagte, sie habe die Mitglieder des Rates gebeten, dem Plan vor dem Ende des Jahres \
            zuzustimmen, und dass die Stadt sonst Geld leihen müsse.";
        let danish = "Byrådet sagde tirsdag, at det vil stemme om det nye budget for byens \
            skoler, som er blevet forsinket i flere måneder af en strid med fagforeningerne om \
            løn. Borgmesteren sagde, at hun har bedt medlemmerne af rådet om at godkende planen \
            før årets udgang, og at byen ellers må låne penge for at betale for skolerne her.";
        assert!(plainly_english(english));
        assert!(!plainly_english(german) && !plainly_english(danish));
        assert_eq!(detect_language(english).as_deref(), Some("en"));
        assert_eq!(detect_language(german).as_deref(), Some("de"));
        assert_eq!(detect_language(danish).as_deref(), Some("da"));
    }

    #[test]
    fn short_text_has_no_language() {
        assert_eq!(detect_language("Breaking news"), None);
        assert_eq!(detect_language(""), None);
    }
}
