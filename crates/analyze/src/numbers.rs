//! Numbers with units and what they count.
//!
//! A number is digits ("100,000", "2.5"), or a number word ("two", "twelve") when a counted noun
//! follows it. A scale word multiplies it ("1.5 million", "$5m" after a currency), a currency
//! sign or word gives the unit (`USD`, `EUR`, `GBP`), "%" or "percent" gives `%`, and otherwise
//! the unit is the noun it counts, skipping adjectives: "more than 100,000 Russian troops"
//! counts `troops`. A qualifier before it ("more than", "about") is kept in the text. Years,
//! dates and clock times are not counts and are skipped.
//!
//! Some corpora are tokenized and joined again with a space after every mark, numbers included:
//! "a 5. 9 magnitude quake", "$30, 000", "10: 30 p. m.". [`spaced_number_gaps`] tells which of
//! those spaces sit inside a number, so that "5. 9" reads 5.9 and "30, 000" reads 30000 while
//! "born in 1990. 2 years later" and "scores of 3, 4 and 5" stay apart.

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
    let gaps = spaced_number_gaps(text);
    if gaps.is_empty() {
        return find_in(text, text);
    }
    // Mark each gap with a one-byte joiner, so that offsets into `joined` are offsets into
    // `text` and the phrase is reported as written.
    let mut joined = text.as_bytes().to_vec();
    for gap in gaps {
        joined[gap + 1] = JOINER;
    }
    // An ASCII space replaced by an ASCII byte: still the same valid UTF-8.
    let joined = String::from_utf8(joined).unwrap_or_else(|_| text.to_string());
    find_in(&joined, text)
}

/// Stands for the space inside a number written with spaced punctuation ("5. 9").
const JOINER: u8 = 0x1f;

/// Finds the numbers of `text`, with the gaps inside numbers joined, and reports their phrases
/// from `original`, which has the same byte offsets.
fn find_in(text: &str, original: &str) -> Vec<NumberMention> {
    let mut acc = Vec::new();
    for caps in NUMBER.captures_iter(text) {
        let (Some(whole), Some(digits)) = (caps.get(0), caps.name("num")) else { continue };
        let Some(mut value) = parse_number(digits.as_str()) else { continue };
        let currency = caps.name("cur").map(|m| m.as_str());
        // "$5m", "£1.7m", "$30k": a short scale is read only after a currency ("100m" is a
        // distance).
        if caps.name("short").is_some() && currency.is_none() {
            continue;
        }
        let scale =
            caps.name("scale").or(caps.name("short")).map(|m| m.as_str().to_ascii_lowercase());
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
        acc.push(NumberMention { value, unit, text: original[start..end].to_string(), start });
    }
    acc
}

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:(?P<qual>(?i:more\ than|less\ than|fewer\ than|at\ least|up\ to|about|around|nearly|almost|over|under|some|roughly|approximately|only|just))\s+)?
        (?P<cur>\$|US\$|€|£)?\s?
        (?P<num>(?-u:\b)\d{1,3}(?:,\x1f?\d{3})+(?:\.\x1f?\d+)?|\d+(?:\.\x1f?\d+)?|(?-u:\b)(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a\ dozen)(?-u:\b))
        (?:(?:\s|\s?-\s?)?(?P<scale>(?i:thousand|million|billion|trillion|bn)(?-u:\b))
          |(?P<short>(?i:mm|mn|m|k))(?-u:\b))?
        (?P<pct>\s?%|\s(?i:percent|per\ cent)(?-u:\b))?
        ",
    )
    .unwrap_or_else(|e| panic!("{e}"))
});

/// The value of a number written in digits (commas and spaced-token gaps allowed) or as a
/// word up to "hundred" ("seven", "a dozen").
pub fn parse_number(digits: &str) -> Option<f64> {
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
        _ => return lower.replace([',', '\u{1f}'], "").parse().ok(),
    };
    Some(word_value)
}

fn scale_factor(scale: &str) -> f64 {
    match scale {
        "thousand" | "k" => 1e3,
        "million" | "m" | "mn" | "mm" => 1e6,
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

/// Where a tokenized text writes a space inside a number: the byte offsets of the marks
/// followed by that space, in order ("5. 9" and "30, 000" give the offsets of "." and ",").
///
/// A gap joins 1 to 3 digits to the digits after them when nothing around makes it a list, a
/// date or a sentence end:
/// - ", " joins a group of exactly three digits ("30, 000", "1, 250, 000"), unless a month
///   name comes before ("May 3, 300 people"), a hyphen ("5 - foot - 8, 135 pounds") or another
///   listed number ("3, 4, 5") comes before, or a number that is not a group follows;
/// - ". " joins 1 to 3 digits ("6. 1", "0. 07") when a scale or percent follows ("$2. 5
///   million", "£1. 7m", "3. 5 percent") or when the text is tokenized elsewhere: a group joined
///   by ", ", a scaled decimal, a spaced clock time ("10: 30"), a split possessive ("Lohan ’ s")
///   or a spaced abbreviation ("p. m.", "U. S."). "He was born in 1990. 2 years later" keeps its
///   sentence end: 1990 is too long, and plain text gives no other sign of tokenizing.
///
/// The sentence splitter uses the same gaps, so "a 5. 9 magnitude quake" stays one sentence.
pub(crate) fn spaced_number_gaps(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut gaps = Vec::new();
    let mut decimals = Vec::new();
    let mut tokenized = false;
    let mut idx = 1;
    while idx + 2 < bytes.len() {
        let mark = bytes[idx];
        if !(matches!(mark, b'.' | b',')
            && bytes[idx + 1] == b' '
            && bytes[idx - 1].is_ascii_digit()
            && bytes[idx + 2].is_ascii_digit())
        {
            idx += 1;
            continue;
        }
        let left = digits_before(bytes, idx);
        let right_end = digits_after(bytes, idx + 2);
        let right = right_end - idx - 2;
        let next = right_end.max(idx + 1);
        if !(1..=3).contains(&left) || !starts_a_number(text, idx - left, mark) {
            idx = next;
            continue;
        }
        if mark == b',' {
            let mut group = vec![idx];
            let mut end = right_end;
            let mut is_list = right != 3;
            while !is_list && bytes.get(end) == Some(&b',') && bytes.get(end + 1) == Some(&b' ') {
                let group_end = digits_after(bytes, end + 2);
                match group_end - end - 2 {
                    0 => break,
                    3 => {
                        group.push(end);
                        end = group_end;
                    }
                    _ => is_list = true,
                }
            }
            if !is_list {
                gaps.extend(group);
                tokenized = true;
            }
            idx = end.max(next);
            continue;
        }
        let after = &text[right_end..];
        let chained = after.strip_prefix(". ").is_some_and(starts_with_digit);
        if (1..=3).contains(&right) && !chained {
            if SCALE_AFTER.is_match(after) {
                gaps.push(idx);
                tokenized = true;
            } else {
                decimals.push(idx);
            }
        }
        idx = next;
    }
    if !decimals.is_empty() && (tokenized || TOKENIZED.is_match(text)) {
        gaps.extend(decimals);
        gaps.sort_unstable();
    }
    gaps
}

/// A scale or percent right after a number: " million", " - million", "m", "%", " percent".
static SCALE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\s?-?\s?(?i:thousand|million|billion|trillion|bn|mm?|percent|per cent)(?-u:\b)|\s?%)",
    )
    .unwrap_or_else(|e| panic!("{e}"))
});

/// Signs that a text was tokenized and joined with spaces: a spaced clock time ("10: 30"), a
/// split possessive or contraction ("Lohan ’ s", "didn ' t"), a spaced abbreviation ("p. m.",
/// "U. S.").
static TOKENIZED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\d: \d\d(?-u:\b)|\w [’'] (?:s|t|re|ve|ll|d|m)(?-u:\b)|(?-u:\b)[apAP]\. [mM]\.|(?-u:\b)U\. [SKN]\.",
    )
        .unwrap_or_else(|e| panic!("{e}"))
});

/// How many ASCII digits end at `end`.
fn digits_before(bytes: &[u8], end: usize) -> usize {
    bytes[..end].iter().rev().take_while(|b| b.is_ascii_digit()).count()
}

/// Where the ASCII digits starting at `start` end.
fn digits_after(bytes: &[u8], start: usize) -> usize {
    start + bytes[start..].iter().take_while(|b| b.is_ascii_digit()).count()
}

fn starts_with_digit(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_digit())
}

/// Whether the digits at `start` begin a number of their own: not part of a word, a code or a
/// time ("F-16", "v2", "10:30"), not the next item of a list or chain ("3, 4", "2012. 08. 08"),
/// not a day after a month name ("May 3, 300"), and before a ", " not the end of a hyphenated
/// compound ("5 - foot - 8, 135 pounds").
fn starts_a_number(text: &str, start: usize, mark: u8) -> bool {
    let before = &text[..start];
    if before.ends_with(|c: char| c.is_alphanumeric() || matches!(c, '.' | ',' | ':' | '/' | '-')) {
        return false;
    }
    let spaced = before.strip_suffix(' ').unwrap_or(before);
    if let Some(head) = spaced.strip_suffix([',', '.', ':', '/', '-']) {
        if head.ends_with(|c: char| c.is_ascii_digit()) || (mark == b',' && spaced.ends_with('-')) {
            return false;
        }
    }
    let word = spaced.trim_end().trim_end_matches('.');
    let word = &word[word.trim_end_matches(char::is_alphabetic).len()..];
    !is_month_name(word)
}

/// Years ("in 2016"), dates ("Sept. 11", "11 March"), clock times ("10:30", "3 p.m.", and as
/// tokenized text writes them "10: 30", "3 p. m.") and numbers inside names ("F-16",
/// "COVID-19", "AK 47", tokenized "AK - 47") are not counts.
fn is_date_or_time(text: &str, start: usize, end: usize, is_money: bool) -> bool {
    let number = &text[start..end];
    let before = &text[..start];
    let after = &text[end..];
    if before.ends_with(|c: char| c.is_alphabetic() || c == '-' || c == ':' || c == '/' || c == '.')
        || after.starts_with(|c: char| c == ':' || c == '/' || c.is_alphabetic())
    {
        return true;
    }
    // A name spaced by tokenizing or by the writer: "AK - 47", "COVID - 19", "AK 47", "AM 570".
    let capitals = |head: &str, lengths: std::ops::RangeInclusive<usize>| {
        let word = head.rsplit(char::is_whitespace).next().unwrap_or_default();
        lengths.contains(&word.len()) && word.chars().all(|c| c.is_ascii_uppercase())
    };
    // Not "A 36-year-old": a name before a plain space has two or three capitals.
    let spaced_name = before.strip_suffix(" - ").is_some_and(|head| capitals(head, 1..=6))
        || before.strip_suffix(' ').is_some_and(|head| capitals(head, 2..=3));
    if spaced_name {
        return true;
    }
    // Tokenized clock times: the minutes of "10: 30", the hour of "7 p. m.".
    let spaced_clock =
        before.strip_suffix(": ").is_some_and(|head| head.ends_with(|c: char| c.is_ascii_digit()))
            || after.trim_start().get(..5).is_some_and(|word| {
                word.eq_ignore_ascii_case("a. m.") || word.eq_ignore_ascii_case("p. m.")
            });
    if spaced_clock {
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
            "a.m."
                | "p.m."
                | "a.m"
                | "p.m"
                | "am"
                | "pm"
                | "AM"
                | "PM"
                | "GMT"
                | "UTC"
                | "BST"
                | "ET"
                | "EST"
                | "EDT"
                | "PT"
                | "PST"
                | "PDT"
                | "o'clock"
        )
}

/// The noun a number counts: the first noun after it, skipping up to two adjectives.
/// Returns the noun and the byte offset after it. A compound that tokenized text writes with
/// spaced hyphens ("170, 000 - square - foot") is read as written plainly ("square-foot").
fn counted_noun(text: &str, from: usize) -> Option<(String, usize)> {
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
        let mut word_end = word_start + word_len;
        if pos == from && rest.starts_with(" - ") {
            while let Some(next) = text[word_end..].strip_prefix(" - ") {
                let len = next.find(|c: char| !c.is_alphabetic()).unwrap_or(next.len());
                if len == 0 || !next.starts_with(char::is_lowercase) {
                    break;
                }
                word_end += " - ".len() + len;
            }
        }
        let word = text[word_start..word_end].replace(" - ", "-");
        let lower = word.to_ascii_lowercase();
        if is_adjective(&word, &lower) {
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
    fn short_scales_only_after_a_currency() {
        check(
            "The club paid £3.1m and €2bn, then signed a 100m runner.",
            &[(3.1e6, Some("GBP"), "£3.1m"), (2e9, Some("EUR"), "€2bn")],
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
        // Tokenized text spaces a name's hyphen; a count after a spaced hyphen is still one.
        check(
            "Six AK - 47 rifles and two AK 47 rifles were seized and 14 people held after a 12 - day hunt.",
            &[(14.0, Some("people"), "14 people"), (12.0, Some("day"), "12 - day")],
        );
    }

    #[test]
    fn tokenized_decimals_and_thousands_are_one_number() {
        check(
            "A 5. 9 magnitude quake struck at 10: 30 p. m. and the agency put it at 6. 1.",
            &[(5.9, Some("magnitude"), "5. 9 magnitude"), (6.1, None, "6. 1")],
        );
        check(
            "Rewards totaling $30, 000 were offered after 1, 250, 000 people fled 2, 000 homes.",
            &[
                (30_000.0, Some("USD"), "$30, 000"),
                (1_250_000.0, Some("people"), "1, 250, 000 people"),
                (2000.0, Some("homes"), "2, 000 homes"),
            ],
        );
        check(
            "Gems worth £1. 7m and a $2. 6 - million necklace went in a 90 - day spree.",
            &[
                (1.7e6, Some("GBP"), "£1. 7m"),
                (2.6e6, Some("USD"), "$2. 6 - million"),
                (90.0, Some("day"), "90 - day"),
            ],
        );
        check(
            "A 33 - year - old guard saw 170, 000 - square - foot stores burn.",
            &[
                (33.0, Some("year-old"), "33 - year - old"),
                (170_000.0, Some("square-foot"), "170, 000 - square - foot"),
            ],
        );
    }

    #[test]
    fn sentence_ends_and_lists_are_not_joined() {
        check(
            "He was born in 1990. 2 years later he turned 40. 3 friends came. Scores of 3, 4 and \
             5 were given. In 2011, 300 people left; on May 3, 300 people marched.",
            &[
                (2.0, Some("years"), "2 years"),
                (40.0, None, "40"),
                (3.0, Some("friends"), "3 friends"),
                (3.0, None, "3"),
                (4.0, None, "4"),
                (5.0, None, "5"),
                (300.0, Some("people"), "300 people"),
                (300.0, Some("people"), "300 people"),
            ],
        );
        // Tokenized text (the spaced clock time says so) still keeps lists, chains of dates
        // and hyphenated compounds apart.
        check(
            "At 9: 15 the 6 - foot - 8, 135 pounds player scored 3, 4, 500 and 7 on 2012. 08. 08.",
            &[
                (6.0, Some("foot"), "6 - foot"),
                (8.0, None, "8"),
                (135.0, Some("pounds"), "135 pounds"),
                (3.0, None, "3"),
                (4.0, None, "4"),
                (500.0, None, "500"),
                (7.0, None, "7"),
                (8.0, None, "08"),
                (8.0, None, "08"),
            ],
        );
    }

    #[test]
    fn bare_numbers_have_no_unit() {
        check("The vote was 52 to 48.", &[(52.0, None, "52"), (48.0, None, "48")]);
    }
}
