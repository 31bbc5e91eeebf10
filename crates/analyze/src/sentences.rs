//! Sentence splitting for news text.
//!
//! Written by hand rather than with `sentencex`: on our test cases sentencex split "Dr. Who"
//! after the title and "3 p.m. Friday" after the time, ignored line breaks, and needs Rust 1.91
//! (our MSRV is 1.85).
//!
//! A period, `?`, `!` or ellipsis ends a sentence when whitespace and a word that does not start
//! in lower case follow it, and the word before it is not an abbreviation, an initial or a title.
//! Closing quotes and brackets after the mark stay with the sentence. Line breaks always end a
//! sentence: extracted articles put paragraphs on their own lines.

/// One sentence: its text (trimmed) and where it starts in the text given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence<'a> {
    /// The sentence, without surrounding whitespace.
    pub text: &'a str,
    /// Byte offset of `text` in the input.
    pub start: usize,
}

/// Splits text into sentences. Empty lines give no sentences.
pub fn sentences(text: &str) -> Vec<Sentence<'_>> {
    let mut acc = Vec::new();
    let mut line_start = 0;
    let gaps = crate::numbers::spaced_number_gaps(text);
    for line in text.split_inclusive('\n') {
        split_line(text, line_start, line_start + line.len(), &gaps, &mut acc);
        line_start += line.len();
    }
    acc
}

/// Words that always precede a name or a number, so a period after them never ends a sentence.
const NEVER_FINAL: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "maj", "capt", "cpt",
    "sgt", "adm", "cmdr", "rev", "hon", "pres", "supt", "insp", "det", "st", "mt", "ft", "messrs",
    "vs", "v", "e.g", "i.e", "cf", "approx",
];

/// Words that precede a number ("No. 5", "Jan. 20"): a period after them does not end a
/// sentence when a number follows. Month abbreviations count too.
const BEFORE_NUMBER: &[&str] = &["no", "nos", "vol", "fig", "art", "ch", "pp"];

/// Abbreviations that may also end a sentence ("He moved to the U.S. The move ..."): they end one
/// only when the next word is a typical sentence opener.
const MAYBE_FINAL: &[&str] = &[
    "inc", "corp", "co", "ltd", "llc", "plc", "bros", "jr", "sr", "etc", "al", "dept", "univ",
    "ave", "blvd", "rd", "a.m", "p.m", "u.s", "u.k", "u.n", "d.c", "ala", "ariz", "ark", "calif",
    "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "kans", "ky", "la", "md", "mass",
    "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex", "va",
    "vt", "wash", "wis", "wyo", "n.h", "n.j", "n.m", "n.y", "n.c", "n.d", "s.c", "s.d", "w.va",
];

/// Capitalised words that usually open a sentence rather than continue a name.
const SENTENCE_OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "In",
    "On",
    "At",
    "As",
    "After",
    "Before",
    "When",
    "While",
    "If",
    "However",
    "Meanwhile",
    "Still",
    "Also",
    "For",
    "With",
    "What",
    "Who",
    "Why",
    "How",
    "Some",
    "Many",
    "Most",
    "No",
    "Not",
    "Now",
    "Then",
    "Officials",
    "Police",
];

/// Splits `text[start..end]`; `gaps` are the marks inside numbers ("5. 9") from
/// [`crate::numbers::spaced_number_gaps`].
fn split_line<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    gaps: &[usize],
    acc: &mut Vec<Sentence<'a>>,
) {
    let bytes = text.as_bytes();
    let mut sentence_start = start;
    let mut idx = start;
    while idx < end {
        let ch = text[idx..end].chars().next().unwrap_or(' ');
        if !matches!(ch, '.' | '!' | '?' | '…') {
            idx += ch.len_utf8();
            continue;
        }
        // Take the whole run of marks and the closing quotes or brackets after it.
        let mark_start = idx;
        let mut after = idx;
        while after < end && matches!(bytes[after], b'.' | b'!' | b'?')
            || text[after..end].starts_with('…')
        {
            after += text[after..end].chars().next().map_or(1, char::len_utf8);
        }
        while let Some(c) = text[after..end].chars().next().filter(|c| is_closer(*c)) {
            after += c.len_utf8();
        }
        let in_number = after == mark_start + 1 && gaps.binary_search(&mark_start).is_ok();
        if !in_number && is_boundary(text, sentence_start, mark_start, after, end) {
            push(text, sentence_start, after, acc);
            sentence_start = after;
        }
        idx = after.max(idx + 1);
    }
    push(text, sentence_start, end, acc);
}

/// Whether the marks at `mark_start..after` end the sentence that began at `sentence_start`.
fn is_boundary(
    text: &str,
    sentence_start: usize,
    mark_start: usize,
    after: usize,
    end: usize,
) -> bool {
    let rest = &text[after..end];
    let next_word = rest.trim_start();
    if next_word.len() == rest.len() && !next_word.is_empty() {
        // No whitespace after the mark: "2.3%", "www.example.com", "?!".
        return false;
    }
    let Some(first) = next_word.trim_start_matches(is_opener).chars().next() else {
        return true;
    };
    // A spaced ellipsis (". . .") goes on.
    if first.is_lowercase() || matches!(first, ',' | ';' | ':' | '-' | '–' | '—' | '.' | '…')
    {
        return false;
    }
    let marks = &text[mark_start..after];
    if !marks.starts_with('.') || marks.starts_with("..") {
        return true;
    }
    let before = &text[sentence_start..mark_start];
    let token =
        before.rsplit(|c: char| c.is_whitespace() || c == '(' || is_opener(c)).next().unwrap_or("");
    let token = token.rsplit('-').next().unwrap_or(token);
    if token.is_empty() {
        return true;
    }
    let lower = token.to_lowercase();
    // "F. B. I. and": a spaced abbreviation ends a sentence only at its last letter.
    let spaced_abbreviation = is_spaced_abbreviation(&before[..before.len() - token.len()], token)
        && next_word.chars().nth(1).is_none_or(|c| c != '.');
    if is_initial(token) && !spaced_abbreviation || NEVER_FINAL.contains(&lower.as_str()) {
        return false;
    }
    if (BEFORE_NUMBER.contains(&lower.as_str())
        || crate::calendar::abbreviated_month_number(&lower).is_some())
        && first.is_ascii_digit()
    {
        return false;
    }
    if MAYBE_FINAL.contains(&lower.as_str()) || is_dotted_abbreviation(token) || spaced_abbreviation
    {
        let word: String = next_word
            .trim_start_matches(is_opener)
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect();
        return next_word.starts_with(is_opener) || SENTENCE_OPENERS.contains(&word.as_str());
    }
    true
}

/// "W" in "George W. Bush".
fn is_initial(token: &str) -> bool {
    let mut chars = token.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// "J.K", "U.S", "a.m": letters joined by periods.
fn is_dotted_abbreviation(token: &str) -> bool {
    token.contains('.')
        && token
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
}

/// The last letter of a dotted abbreviation written with spaces, as tokenized text writes
/// "U. S." and "p. m.": a single letter after another single letter and ". ".
fn is_spaced_abbreviation(head: &str, token: &str) -> bool {
    let Some(rest) = head.strip_suffix(". ") else { return false };
    let mut chars = token.chars();
    let mut before = rest.chars().rev();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic())
        && before.next().is_some_and(char::is_alphabetic)
        && before.next().is_none_or(|c| !c.is_alphanumeric())
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | '»' | ')' | ']')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '“' | '‘' | '\'' | '«' | '(' | '[')
}

fn push<'a>(text: &'a str, start: usize, end: usize, acc: &mut Vec<Sentence<'a>>) {
    let raw = &text[start..end];
    let trimmed = raw.trim();
    if !trimmed.is_empty() {
        let offset = start + (raw.len() - raw.trim_start().len());
        acc.push(Sentence { text: trimmed, start: offset });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expect: &[&str]) {
        let got = sentences(text);
        let texts: Vec<&str> = got.iter().map(|s| s.text).collect();
        assert_eq!(texts, expect);
        for sentence in got {
            assert_eq!(&text[sentence.start..sentence.start + sentence.text.len()], sentence.text);
        }
    }

    #[test]
    fn titles_and_initials_do_not_end_sentences() {
        check(
            "Gen. Mark Milley met Dr. Who and Mrs. Jones. George W. Bush praised J.K. Rowling. Sen. Ron Wyden agreed.",
            &["Gen. Mark Milley met Dr. Who and Mrs. Jones.", "George W. Bush praised J.K. Rowling.", "Sen. Ron Wyden agreed."],
        );
    }

    #[test]
    fn state_abbreviations_and_party_labels() {
        check(
            "Sen. Ron Wyden, D-Ore., said so. Rep. Dan Crenshaw, R-Texas, disagreed. He lives in Portland, Ore. The city is wet.",
            &["Sen. Ron Wyden, D-Ore., said so.", "Rep. Dan Crenshaw, R-Texas, disagreed.", "He lives in Portland, Ore.", "The city is wet."],
        );
        check(
            "Rep. Jane Doe (D-Calif.) voted no. Then she left.",
            &["Rep. Jane Doe (D-Calif.) voted no.", "Then she left."],
        );
    }

    #[test]
    fn country_abbreviations_end_a_sentence_only_before_an_opener() {
        check(
            "U.S. troops and U.K. diplomats arrived. Aid went to the U.S. The move was hard.",
            &[
                "U.S. troops and U.K. diplomats arrived.",
                "Aid went to the U.S.",
                "The move was hard.",
            ],
        );
    }

    #[test]
    fn dates_times_and_companies() {
        check(
            "It began on Sept. 11 at 10 a.m. on Monday. Acme Inc. rose and Beta Corp. fell at 3 p.m. Friday. No. 5 won.",
            &["It began on Sept. 11 at 10 a.m. on Monday.", "Acme Inc. rose and Beta Corp. fell at 3 p.m. Friday.", "No. 5 won."],
        );
        check(
            "Shares of Acme Corp. rose. It was a good day.",
            &["Shares of Acme Corp. rose.", "It was a good day."],
        );
    }

    #[test]
    fn latin_and_comparisons() {
        check(
            "Some states, e.g. Ohio, vs. others, i.e. Texas, voted. The rest did not.",
            &["Some states, e.g. Ohio, vs. others, i.e. Texas, voted.", "The rest did not."],
        );
    }

    #[test]
    fn decimals_and_money() {
        check(
            "Prices rose 2.3% to $1.5 billion. That was 0.5 points more.",
            &["Prices rose 2.3% to $1.5 billion.", "That was 0.5 points more."],
        );
    }

    #[test]
    fn tokenized_numbers_and_abbreviations() {
        check(
            "A 5. 9 magnitude quake hit at 10: 30 p. m. Monday. It was felt in the U. S. The \
             damage was put at $2. 5 million. The F. B. I. A. team came.",
            &[
                "A 5. 9 magnitude quake hit at 10: 30 p. m. Monday.",
                "It was felt in the U. S.",
                "The damage was put at $2. 5 million.",
                "The F. B. I. A. team came.",
            ],
        );
        check(
            "He was born in 1990. 2 years later he moved. He turned 40. 3 friends came.",
            &[
                "He was born in 1990.",
                "2 years later he moved.",
                "He turned 40.",
                "3 friends came.",
            ],
        );
    }

    #[test]
    fn ellipses() {
        check(
            "He paused... then went on. Then he left… It was over.",
            &["He paused... then went on.", "Then he left…", "It was over."],
        );
        check(
            "“The enemy sent its most sophisticated . . . aircraft,” he said. Then he left.",
            &["“The enemy sent its most sophisticated . . . aircraft,” he said.", "Then he left."],
        );
    }

    #[test]
    fn closing_quotes_and_attribution_stay_in_the_sentence() {
        check(
            "\"We will fight. We will win,\" he said. The crowd cheered.",
            &["\"We will fight.", "We will win,\" he said.", "The crowd cheered."],
        );
        check(
            "“Is it over?” she asked. “No.” Then he left.",
            &["“Is it over?” she asked.", "“No.”", "Then he left."],
        );
        check("He said: “It is over.” Then he left.", &["He said: “It is over.”", "Then he left."]);
    }

    #[test]
    fn line_breaks_are_hard_boundaries() {
        check(
            "A headline without a period\n\nFirst paragraph. Second sentence\nLast one.\n",
            &["A headline without a period", "First paragraph.", "Second sentence", "Last one."],
        );
        check("", &[]);
        check(" \n \n", &[]);
    }
}
