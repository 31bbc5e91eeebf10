//! Turning a list of paragraphs into an article: the head (headline, byline, date line), the
//! dateline of the first paragraph, and the boilerplate filter. Shared by text and HTML.

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset};
use regex::Regex;

use crate::boilerplate;
use crate::byline::{agency_name, parse_byline};
use crate::date::parse_date;

/// What the head of an article said, and the body that follows.
#[derive(Debug, Default)]
pub(crate) struct Cleaned {
    pub(crate) title: Option<String>,
    pub(crate) author: Option<String>,
    pub(crate) published: Option<DateTime<FixedOffset>>,
    /// A news agency from the byline or dateline, e.g. `Reuters`.
    pub(crate) agency: Option<String>,
    pub(crate) paragraphs: Vec<String>,
}

/// How far into the article bylines and date lines are looked for.
const HEAD_UNITS: usize = 8;
/// After this many body paragraphs the head is over.
const HEAD_BODY_PARAGRAPHS: usize = 2;

/// Cleans paragraphs; with `find_headline` the first short line becomes the title.
///
/// `known_title` (from page metadata) is removed where it repeats at the top of the body.
pub(crate) fn clean(
    paragraphs: Vec<String>,
    find_headline: bool,
    known_title: Option<&str>,
) -> Cleaned {
    let mut res = Cleaned::default();
    let mut body = Vec::with_capacity(paragraphs.len());
    // Credits go first, so a paragraph that ends in one is not taken for a caption.
    let mut units = paragraphs
        .into_iter()
        .map(boilerplate::strip_inline_credits)
        .filter(|paragraph| !paragraph.is_empty());
    let mut n_seen = 0;
    for unit in units.by_ref() {
        n_seen += 1;
        read_head_unit(unit, find_headline, known_title, &mut res, &mut body);
        if n_seen >= HEAD_UNITS || body.len() >= HEAD_BODY_PARAGRAPHS {
            break;
        }
    }
    body.extend(units);
    // A title found in the text was taken from the lines above, so a lone line cannot be one.
    if find_headline && body.is_empty() {
        if let Some(title) = res.title.take() {
            body.push(title);
        }
    }
    let mut body = boilerplate::filter(body);
    let title = res.title.as_deref().or(known_title);
    if let Some(first) = body.first_mut() {
        if let Some(title) = title {
            strip_repeated_title(first, title);
        }
    }
    body.retain(|paragraph| !paragraph.is_empty());
    for paragraph in body.iter_mut().take(3) {
        if let Some(agency) = strip_dateline(paragraph) {
            res.agency = res.agency.or(agency);
            break;
        }
    }
    res.paragraphs = body;
    res
}

/// Files one of the first paragraphs as head (headline, byline, date) or body.
fn read_head_unit(
    unit: String,
    find_headline: bool,
    known_title: Option<&str>,
    res: &mut Cleaned,
    body: &mut Vec<String>,
) {
    if boilerplate::is_boilerplate(&unit) {
        return;
    }
    if let Some(byline) = parse_byline(&unit) {
        if res.author.is_none() {
            res.author = byline.author();
        }
        res.agency = res.agency.take().or(byline.agency);
        if res.published.is_none() {
            res.published = byline.date;
        }
        return;
    }
    if let Some(date) = date_line(&unit) {
        res.published.get_or_insert(date);
        return;
    }
    // A date line in a form not read is still no headline and no body text.
    if crate::date::is_date_like(&unit) {
        return;
    }
    if known_title.is_some_and(|title| same_text(title, &unit)) {
        return;
    }
    if find_headline && res.title.is_none() && body.is_empty() && looks_like_headline(&unit) {
        res.title = Some(unit);
        return;
    }
    body.push(unit);
}

/// A line that is only dates, e.g. "Published May 3, 2013 | Updated May 4, 2013" or
/// "16 September 2013 Last updated at 12:42 GMT": the first date. A part that is only a
/// time ("| Updated 8:52 PM EDT") may stand beside it.
pub(crate) fn date_line(line: &str) -> Option<DateTime<FixedOffset>> {
    if line.len() > 150 {
        return None;
    }
    let mut first = None;
    for part in line.split(['|', '•', '·']).flat_map(split_before_update) {
        let part = part.trim().trim_end_matches(',').trim_end();
        if part.is_empty() {
            continue;
        }
        match parse_date(part) {
            Some(date) => {
                first.get_or_insert(date);
            }
            None if crate::date::is_time(part) => (),
            None => return None,
        }
    }
    first
}

static UPDATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[\s,]((?:last\s+)?(?:updated|edited|modified))\b").expect("valid regex")
});

/// "May 3, 2013 Last updated: May 4, 2013" in two: sites run the two dates together.
fn split_before_update(part: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for caps in UPDATE_LABEL.captures_iter(part) {
        let Some(label) = caps.get(1) else { continue };
        let before = part[start..label.start()].trim_end();
        // "Last updated" itself, or a label that opens the line.
        if before.trim().is_empty() || before.to_ascii_lowercase().ends_with("last") {
            continue;
        }
        pieces.push(&part[start..label.start()]);
        start = label.start();
    }
    pieces.push(&part[start..]);
    pieces
}

/// A short line without a final period that is not a lead-in, nor a long exclamation
/// ("Lindsay Lohan has checked out of ..., but she's not in the clear yet!").
fn looks_like_headline(line: &str) -> bool {
    let n_words = line.split_whitespace().count();
    line.chars().count() < 200
        && n_words >= 2
        && !line.ends_with(['.', ':', ',', ';'])
        && !(line.ends_with('!') && n_words > MAX_EXCLAIMED_HEADLINE_WORDS)
        && line.starts_with(|c: char| !c.is_lowercase())
}

/// Headlines that end in "!" are short ("Fired in Philly!!"); a longer line is a sentence.
const MAX_EXCLAIMED_HEADLINE_WORDS: usize = 12;

/// Whether two texts are the same but for case, spacing and punctuation.
pub(crate) fn same_text(a: &str, b: &str) -> bool {
    let key = |text: &str| -> String {
        text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
    };
    let a = key(a);
    !a.is_empty() && a == key(b)
}

/// Removes the headline where the body repeats it as its first sentence.
fn strip_repeated_title(paragraph: &mut String, title: &str) {
    let Some(rest) = paragraph.strip_prefix(title.trim()) else { return };
    let rest = rest.trim_start_matches(['.', ':', ' ']);
    *paragraph = rest.to_string();
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    // A place in capitals ("NEW YORK", "KYIV, Ukraine"), or one in parentheses, then an
    // optional date and agency, then a dash. Lengths are checked after matching: bounded
    // repeats of Unicode classes cost tens of milliseconds to compile.
    Regex::new(
        r"^(?:\((?:[A-Z][\p{Lu}.'’ -]+)\)|[\p{Lu}][\p{Lu}.'’ -]+(?:, (?:[A-Z][\p{L}.'’-]+)(?: [A-Z][\p{L}.'’-]+){0,2})?)(?:,? (?:[A-Z][a-z]{2,8}\.? \d{1,2}))?(?: \(([\p{L}. -]+)\))?:? ?[—–-]{1,2} +",
    )
    .expect("valid regex")
});

/// The longest dateline, in bytes: a place of up to 40 characters, a region, a date and an
/// agency.
const MAX_DATELINE: usize = 140;

/// Strips "LONDON (Reuters) - " and the like; returns the agency in it (if any) when stripped.
fn strip_dateline(paragraph: &mut String) -> Option<Option<String>> {
    let caps = DATELINE.captures(paragraph)?;
    let whole = caps.get(0)?;
    let place = whole.as_str();
    let capitals = place
        .trim_start_matches('(')
        .chars()
        .take_while(|c| c.is_uppercase() || ".'’ -".contains(*c))
        .count();
    if place.len() > MAX_DATELINE
        || capitals > 44
        || caps.get(1).is_some_and(|agency| agency.as_str().chars().count() > 40)
    {
        return None;
    }
    // The place must have at least two capital letters in a row: "WASHINGTON", "(KYIV)", not "A".
    if !place.chars().zip(place.chars().skip(1)).any(|(a, b)| a.is_uppercase() && b.is_uppercase())
    {
        return None;
    }
    let rest = &paragraph[whole.end()..];
    if !rest.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'".contains(c))
    {
        return None;
    }
    let agency = caps.get(1).and_then(|m| agency_name(m.as_str())).map(str::to_string);
    *paragraph = rest.to_string();
    Some(agency)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dateline(text: &str) -> (String, Option<String>) {
        let mut paragraph = text.to_string();
        let agency = strip_dateline(&mut paragraph).flatten();
        (paragraph, agency)
    }

    #[test]
    fn strips_datelines() {
        assert_eq!(dateline("(WASHINGTON) — Lawmakers met.").0, "Lawmakers met.");
        assert_eq!(
            dateline("LONDON (Reuters) - Shares fell."),
            ("Shares fell.".into(), Some("Reuters".into()))
        );
        assert_eq!(dateline("WASHINGTON (AP) — Lawmakers met.").1.as_deref(), Some("AP"));
        assert_eq!(dateline("NEW YORK, Jan 5 (Reuters) - Oil rose.").0, "Oil rose.");
        assert_eq!(dateline("KYIV, Ukraine — Sirens sounded.").0, "Sirens sounded.");
        assert_eq!(
            dateline("ST. LOUIS — Voters went.").0,
            "ST. LOUIS — Voters went.".replace("ST. LOUIS — ", "")
        );
    }

    fn date_of(line: &str) -> Option<String> {
        date_line(line).map(|date| date.to_rfc3339())
    }

    #[test]
    fn reads_date_lines_with_update_notes() {
        let cases = [
            ("16 September 2013 Last updated at 12:42 GMT", "2013-09-16T00:00:00+00:00"),
            ("Published May 16, 2013 | Updated 8:52 PM EDT", "2013-05-16T00:00:00+00:00"),
            (
                "Posted: Nov 27, 2005 8:20 AM ET Last Updated: Nov 27, 2005 8:10 PM ET",
                "2005-11-27T08:20:00-05:00",
            ),
            (
                "on April 30, 2008 at 4:31 AM, updated April 30, 2008 at 8:33 AM",
                "2008-04-30T04:31:00+00:00",
            ),
            ("Last Updated: Monday, 28 November 2005, 02:24 GMT", "2005-11-28T02:24:00+00:00"),
            ("2 October 2013, 15:39 (GMT+05:00)", "2013-10-02T15:39:00+05:00"),
            ("on Tuesday, 16 December 2008 13:45.", "2008-12-16T13:45:00+00:00"),
            ("Story Created: Aug 7, 2012 at 9:56 AM AKDT", "2012-08-07T09:56:00-08:00"),
        ];
        for (line, expected) in cases {
            assert_eq!(date_of(line).as_deref(), Some(expected), "{line}");
        }
    }

    #[test]
    fn a_long_exclamation_is_no_headline() {
        assert!(looks_like_headline("Fired in Philly!!"));
        assert!(looks_like_headline("Council votes to close the old bridge"));
        assert!(!looks_like_headline(
            "The mayor has closed the old bridge for a month of repairs, but the ferry is not \
             running yet!"
        ));
    }

    #[test]
    fn a_time_alone_or_prose_is_no_date_line() {
        assert_eq!(date_of("Updated 9:06 AM"), None);
        assert_eq!(date_of("Shops reopened, updated May 4, 2013"), None);
        assert_eq!(date_of("The council met on May 3, 2013 and updated its rules"), None);
    }

    #[test]
    fn keeps_sentences_with_dashes() {
        assert_eq!(
            dateline("A new law — passed Monday — took effect.").0,
            "A new law — passed Monday — took effect."
        );
        assert_eq!(dateline("NATO - the alliance - met.").0, "NATO - the alliance - met.");
        assert_eq!(dateline("I — for one — disagree.").0, "I — for one — disagree.");
        // A run of capitals longer than any place name is a shouted sentence, not a dateline.
        let shouted = "THE COUNCIL HAS VOTED TO CLOSE THE OLD BRIDGE AT ONCE — Lawmakers met.";
        assert_eq!(dateline(shouted).0, shouted);
    }
}
