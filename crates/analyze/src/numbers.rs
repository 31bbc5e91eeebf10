//! Numbers with units and what they count.
//!
//! A number is digits ("100,000", "2.5"), or a number word ("two", "twelve") when a counted noun
//! follows it. A scale word multiplies it ("1.5 million"), a currency sign or word gives the
//! unit (`USD`, `EUR`, `GBP`), "%" or "percent" gives `%`, and otherwise the unit is the noun it
//! counts, skipping adjectives: "more than 100,000 Russian troops" counts `troops`. A qualifier
//! before it ("more than", "about") is kept in the text. Years, dates and clock times are not
//! counts and are skipped.

use std::sync::LazyLock;

use regex::Regex;

use crate::calendar;

/// A number found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberMention {
    /// The value, scaled: "$1.5 billion" is 1.5e9, "40%" is 40.
    pub value: f64,
    /// What it counts or its unit: `troops`, `%`, `USD`, ...
    pub unit: Option<String>,
    /// The phrase as written, e.g. "more than 100,000 Russian troops".
    pub text: String,
    /// Byte offset of `text`.
    pub start: usize,
}

/// Finds numbers with their units, in text order.
pub fn find_numbers(text: &str) -> Vec<NumberMention> {
    let mut acc = Vec::new();
    for caps in NUMBER.captures_iter(text) {
        let (Some(whole), Some(digits)) = (caps.get(0), caps.name("num")) else { continue };
        let Some(mut value) = parse_number(digits.as_str()) else { continue };
        let currency = caps.name("cur").map(|m| m.as_str());
        let scale = caps.name("scale").map(|m| m.as_str().to_ascii_lowercase());
        if let Some(scale) = &scale {
            value *= scale_factor(scale);
        }
        let is_word = digits.as_str().starts_with(|c: char| c.is_alphabetic());
        if is_date_or_time(text, digits.start(), whole.end(), currency.is_some() || scale.is_some())
        {
            continue;
        }
        let mut end = whole.end();
        let unit = if let Some(currency) = currency {
            Some(currency_code(currency).to_string())
        } else if caps.name("pct").is_some() {
            Some("%".to_string())
        } else {
            match counted_noun(text, end) {
                Some((noun, noun_end)) => {
                    end = noun_end;
                    Some(match noun.to_ascii_lowercase().as_str() {
                        "dollars" | "dollar" => "USD".to_string(),
                        "euros" | "euro" => "EUR".to_string(),
                        "pounds" if scale.is_some() => "GBP".to_string(),
                        lower => lower.to_string(),
                    })
                }
                None => None,
            }
        };
        if is_word && unit.is_none() {
            continue;
        }
        let start = caps.name("qual").or(caps.name("cur")).map_or(digits.start(), |m| m.start());
        acc.push(NumberMention { value, unit, text: text[start..end].to_string(), start });
    }
    acc
}

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:(?P<qual>(?i:more\ than|less\ than|fewer\ than|at\ least|up\ to|about|around|nearly|almost|over|under|some|roughly|approximately|only|just))\s+)?
        (?P<cur>\$|US\$|€|£)?\s?
        (?P<num>(?-u:\b)\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?-u:\b)(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a\ dozen)(?-u:\b))
        (?:[\s-](?P<scale>(?i:thousand|million|billion|trillion|bn)(?-u:\b)))?
        (?P<pct>\s?%|\s(?i:percent|per\ cent)(?-u:\b))?
        ",
    )
    .unwrap_or_else(|e| panic!("{e}"))
});

fn parse_number(digits: &str) -> Option<f64> {
    let lower = digits.to_ascii_lowercase();
    let word_value = match lower.as_str() {
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" | "a dozen" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "hundred" => 100.0,
        _ => return lower.replace(',', "").parse().ok(),
    };
    Some(word_value)
}

fn scale_factor(scale: &str) -> f64 {
    match scale {
        "thousand" => 1e3,
        "million" => 1e6,
        "billion" | "bn" => 1e9,
        "trillion" => 1e12,
        _ => 1.0,
    }
}

fn currency_code(sign: &str) -> &'static str {
    match sign {
        "€" => "EUR",
        "£" => "GBP",
        _ => "USD",
    }
}

/// Years ("in 2016"), dates ("Sept. 11", "11 March"), clock times ("10:30", "3 p.m.") and
/// numbers inside names ("F-16", "COVID-19") are not counts.
fn is_date_or_time(text: &str, start: usize, end: usize, is_money: bool) -> bool {
    let number = &text[start..end];
    let before = &text[..start];
    let after = &text[end..];
    if before.ends_with(|c: char| c.is_alphabetic() || c == '-' || c == ':' || c == '/' || c == '.')
        || after.starts_with(|c: char| c == ':' || c == '/' || c.is_alphabetic())
    {
        return true;
    }
    let digits = number.trim();
    let year_like = digits.len() == 4
        && digits.chars().all(|c| c.is_ascii_digit())
        && digits.parse::<u32>().is_ok_and(|year| (1900..=2100).contains(&year));
    if year_like && !is_money {
        return true;
    }
    let previous_word =
        before.trim_end().rsplit(|c: char| !c.is_alphanumeric() && c != '.').next().unwrap_or("");
    let next_word =
        after.trim_start().split(|c: char| !c.is_alphanumeric() && c != '.').next().unwrap_or("");
    is_month_name(previous_word.trim_end_matches('.'))
        || is_month_name(next_word)
        || matches!(
            next_word,
            "a.m." | "p.m." | "a.m" | "p.m" | "am" | "pm" | "GMT" | "ET" | "EST" | "o'clock"
        )
}

/// The noun a number counts: the first noun after it, skipping up to two adjectives.
/// Returns the noun and the byte offset after it.
fn counted_noun(text: &str, from: usize) -> Option<(&str, usize)> {
    let mut pos = from;
    for _ in 0..3 {
        let rest = &text[pos..];
        let gap = rest.len() - rest.trim_start_matches([' ', '-']).len();
        if gap == 0 && pos != from {
            return None;
        }
        let word_start = pos + gap;
        let word_len = text[word_start..]
            .find(|c: char| !(c.is_alphabetic() || c == '-'))
            .unwrap_or(text.len() - word_start);
        if word_len == 0 {
            return None;
        }
        let word = &text[word_start..word_start + word_len];
        let lower = word.to_ascii_lowercase();
        let word_end = word_start + word_len;
        if is_adjective(word, &lower) {
            pos = word_end;
            continue;
        }
        if NOT_NOUNS.contains(&lower.as_str())
            || word.chars().next().is_some_and(char::is_uppercase)
        {
            return None;
        }
        return Some((word, word_end));
    }
    None
}

/// Capitalised adjectives ("Russian"), and common adjectives and participles.
fn is_adjective(word: &str, lower: &str) -> bool {
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    (capitalised
        && (lower.ends_with("an")
            || lower.ends_with("ish")
            || lower.ends_with("ese")
            || lower.ends_with("i")))
        || ADJECTIVES.contains(&lower)
        || lower.ends_with("-year-old")
        || (lower.ends_with("ed")
            && lower.len() > 4
            && !matches!(lower, "hundred" | "seed" | "speed" | "bed"))
}

const ADJECTIVES: &[&str] = &[
    "new",
    "more",
    "other",
    "additional",
    "extra",
    "civilian",
    "military",
    "local",
    "foreign",
    "young",
    "old",
    "small",
    "large",
    "big",
    "major",
    "senior",
    "former",
    "active",
    "armed",
    "total",
    "separate",
    "different",
    "unarmed",
    "innocent",
    "elderly",
    "american",
    "federal",
    "private",
    "public",
    "top",
    "key",
    "full",
    "part-time",
    "full-time",
    "undocumented",
];

/// Words after a number that are not what it counts.
const NOT_NOUNS: &[&str] = &[
    "of", "in", "on", "at", "to", "for", "and", "or", "but", "the", "a", "an", "was", "were", "is",
    "are", "has", "have", "had", "will", "would", "could", "that", "which", "who", "from", "by",
    "with", "as", "than", "per", "after", "before", "since", "into", "said", "says", "out",
    "times", "more", "less", "or", "percent", "when", "where", "while", "this", "these", "those",
    "it", "he", "she", "they", "we", "i", "you", "its", "his", "her", "their", "our", "my",
];

/// A capitalised month name or abbreviation ("March", "Sept."), not the verb "may".
fn is_month_name(word: &str) -> bool {
    word.starts_with(|c: char| c.is_uppercase()) && calendar::month_number(word).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expect: &[(f64, Option<&str>, &str)]) {
        let got = find_numbers(text);
        let triples: Vec<(f64, Option<&str>, &str)> =
            got.iter().map(|n| (n.value, n.unit.as_deref(), n.text.as_str())).collect();
        assert_eq!(triples, expect);
        for number in &got {
            assert_eq!(&text[number.start..number.start + number.text.len()], number.text);
        }
    }

    #[test]
    fn counts_skip_adjectives() {
        check(
            "The army moved more than 100,000 Russian troops and 1,200 armed drones.",
            &[
                (100_000.0, Some("troops"), "more than 100,000 Russian troops"),
                (1200.0, Some("drones"), "1,200 armed drones"),
            ],
        );
    }

    #[test]
    fn money_and_scales() {
        check(
            "The fund grew to $1.5 billion from €300 million and 2 million dollars.",
            &[
                (1.5e9, Some("USD"), "$1.5 billion"),
                (3e8, Some("EUR"), "€300 million"),
                (2e6, Some("USD"), "2 million dollars"),
            ],
        );
    }

    #[test]
    fn percentages() {
        check(
            "Turnout rose 40% after falling about 2.5 percent.",
            &[(40.0, Some("%"), "40%"), (2.5, Some("%"), "about 2.5 percent")],
        );
    }

    #[test]
    fn number_words_only_with_a_counted_noun() {
        check(
            "Two soldiers and one of the pilots died; twelve new schools opened.",
            &[
                (2.0, Some("soldiers"), "Two soldiers"),
                (12.0, Some("schools"), "twelve new schools"),
            ],
        );
    }

    #[test]
    fn years_dates_times_and_names_are_skipped() {
        check(
            "In 2016, on Sept. 11 at 10:30 and 3 p.m. on 5 March, an F-16 flew. It carried 14 people.",
            &[(14.0, Some("people"), "14 people")],
        );
    }

    #[test]
    fn bare_numbers_have_no_unit() {
        check("The vote was 52 to 48.", &[(52.0, None, "52"), (48.0, None, "48")]);
    }
}
