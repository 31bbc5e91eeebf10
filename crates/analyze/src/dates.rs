//! Dates in news text, resolved against the publication date: "on March 3", "Sept. 11, 2001",
//! "3 March", "Tuesday", "last Tuesday", "yesterday", "two days ago", "last week",
//! "next month", "March 2024".
//!
//! A weekday names the latest such day on or before the publication date ("said on Tuesday"),
//! unless what comes before it in the sentence speaks of the future ("will vote on Tuesday",
//! "is due to open Friday") or it says "next". A month and day without a year take the year
//! that puts them nearest the publication date. Relative dates need the publication date;
//! without it only dates with a year are found. Event names ("Super Tuesday", "Black Friday")
//! are not dates.
//!
//! ```
//! use analyze::calendar::Date;
//! use analyze::dates::find_dates;
//!
//! // Published on Wednesday, 13 March 2024.
//! let published = Date::new(2024, 3, 13);
//! let text = "The council voted on Tuesday and will meet again next Monday.";
//! let dates: Vec<String> = find_dates(text, published).into_iter().map(|d| d.iso).collect();
//! assert_eq!(dates, ["2024-03-12", "2024-03-18"]);
//! ```

use std::sync::LazyLock;

use regex::Regex;

use crate::calendar::{self, Date};

/// How much of the calendar a date mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// One day: "Tuesday", "March 3".
    Day,
    /// An ISO week, Monday to Sunday: "last week".
    Week,
    /// A month: "next month", "March 2024".
    Month,
    /// A year: "last year".
    Year,
}

/// A date found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// The date as written, e.g. "last Tuesday", "March 3, 2024", "yesterday".
    pub text: String,
    /// Byte offset of `text`.
    pub start: usize,
    /// The first day it names (the Monday of a week, the first of a month or year).
    pub date: Date,
    /// How much it names.
    pub precision: Precision,
    /// ISO 8601: "2024-03-12", "2024-W11", "2024-03" or "2024".
    pub iso: String,
}

impl DateMention {
    fn new(text: &str, start: usize, end: usize, date: Date, precision: Precision) -> DateMention {
        let iso = match precision {
            Precision::Day => date.to_string(),
            Precision::Week => {
                let (year, week) = date.iso_week();
                format!("{year:04}-W{week:02}")
            }
            Precision::Month => format!("{:04}-{:02}", date.year, date.month),
            Precision::Year => format!("{:04}", date.year),
        };
        DateMention { text: text[start..end].to_string(), start, date, precision, iso }
    }
}

/// Finds the dates in a text, in text order, resolving relative ones against `published`
/// (the day the text was published, in its own time zone).
pub fn find_dates(text: &str, published: Option<Date>) -> Vec<DateMention> {
    let mut acc: Vec<DateMention> = Vec::new();
    let mut taken = Taken::default();
    // Absolute dates first: a weekday written next to one ("Tuesday, March 3") adds nothing.
    for caps in MONTH_DAY.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let (Some(month), Some(day)) = (caps.name("month"), caps.name("day")) else { continue };
        let Some(month) = calendar::month_number(month.as_str()) else { continue };
        let Ok(day) = day.as_str().parse::<u32>() else { continue };
        let year = caps.name("year").and_then(|y| y.as_str().parse::<i32>().ok());
        if let Some(date) = resolve_month_day(year, month, day, published) {
            acc.push(DateMention::new(text, whole.start(), whole.end(), date, Precision::Day));
            taken.insert(whole.start(), whole.end());
        }
    }
    for caps in DAY_MONTH.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let (Some(month), Some(day)) = (caps.name("month"), caps.name("day")) else { continue };
        if taken.overlaps(whole.start(), whole.end()) {
            continue;
        }
        let Some(month) = calendar::month_number(month.as_str()) else { continue };
        let Ok(day) = day.as_str().parse::<u32>() else { continue };
        let year = caps.name("year").and_then(|y| y.as_str().parse::<i32>().ok());
        if let Some(date) = resolve_month_day(year, month, day, published) {
            acc.push(DateMention::new(text, whole.start(), whole.end(), date, Precision::Day));
            taken.insert(whole.start(), whole.end());
        }
    }
    for caps in MONTH_YEAR.captures_iter(text) {
        let (Some(whole), Some(month), Some(year)) =
            (caps.get(0), caps.name("month"), caps.name("year"))
        else {
            continue;
        };
        if taken.overlaps(whole.start(), whole.end()) {
            continue;
        }
        let month = calendar::month_number(month.as_str());
        let date = month.and_then(|m| Date::new(year.as_str().parse().ok()?, m, 1));
        if let Some(date) = date {
            acc.push(DateMention::new(text, whole.start(), whole.end(), date, Precision::Month));
            taken.insert(whole.start(), whole.end());
        }
    }
    if let Some(published) = published {
        find_relative(text, published, &mut acc, &mut taken);
    }
    acc.sort_by_key(|d| d.start);
    acc
}

/// Weekdays, "yesterday" and the like, "N days ago", "last week" and the like.
fn find_relative(text: &str, published: Date, acc: &mut Vec<DateMention>, taken: &mut Taken) {
    let sentence_starts: Vec<usize> = crate::sentences(text).iter().map(|s| s.start).collect();
    for caps in WEEKDAY.captures_iter(text) {
        let (Some(whole), Some(name)) = (caps.get(0), caps.name("day")) else { continue };
        let modifier = caps.name("rel").map(|m| m.as_str().to_ascii_lowercase());
        if taken.overlaps(whole.start(), whole.end() + 3)
            || (modifier.is_none() && is_event_name(text, whole.start()))
        {
            continue;
        }
        let Some(weekday) = calendar::full_weekday_number(name.as_str()) else { continue };
        let back = i64::from((published.weekday() + 7 - weekday) % 7);
        let ahead = i64::from((weekday + 7 - published.weekday()) % 7);
        let offset = match modifier.as_deref() {
            Some("last") | Some("past") => -(if back == 0 { 7 } else { back }),
            Some("next") | Some("coming") => {
                if ahead == 0 {
                    7
                } else {
                    ahead
                }
            }
            _ if speaks_of_future(text, &sentence_starts, whole.start()) => ahead,
            _ => -back,
        };
        let date = published.add_days(offset);
        // "on Tuesday" is a date; "on" is not part of it.
        let start = match &modifier {
            Some(m) if m == "on" => name.start(),
            _ => whole.start(),
        };
        acc.push(DateMention::new(text, start, name.end(), date, Precision::Day));
        taken.insert(start, name.end());
    }
    for caps in RELATIVE_DAY.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let lower = whole.as_str().to_ascii_lowercase();
        let offset = match lower.as_str() {
            "yesterday" => -1,
            "tomorrow" => 1,
            _ if lower.starts_with("last") => -1,
            _ => 0,
        };
        let date = published.add_days(offset);
        acc.push(DateMention::new(text, whole.start(), whole.end(), date, Precision::Day));
    }
    for caps in AGO.captures_iter(text) {
        let (Some(whole), Some(count), Some(unit)) =
            (caps.get(0), caps.name("count"), caps.name("unit"))
        else {
            continue;
        };
        let Some(count) = count_value(count.as_str()) else { continue };
        let days = if unit.as_str().starts_with("week") { 7 * count } else { count };
        let date = published.add_days(-days);
        acc.push(DateMention::new(text, whole.start(), whole.end(), date, Precision::Day));
    }
    for caps in RELATIVE_PERIOD.captures_iter(text) {
        let (Some(whole), Some(rel), Some(unit)) =
            (caps.get(0), caps.name("rel"), caps.name("unit"))
        else {
            continue;
        };
        let step: i64 = match rel.as_str().to_ascii_lowercase().as_str() {
            "last" | "past" => -1,
            "next" | "coming" => 1,
            _ => 0,
        };
        let (date, precision) = match unit.as_str() {
            "week" => {
                let monday = published.add_days(-i64::from(published.weekday()));
                (monday.add_days(7 * step), Precision::Week)
            }
            "month" => {
                let index = i64::from(published.year) * 12 + i64::from(published.month) - 1 + step;
                let (year, month) = (index.div_euclid(12) as i32, index.rem_euclid(12) as u32 + 1);
                (Date { year, month, day: 1 }, Precision::Month)
            }
            _ => (Date { year: published.year + step as i32, month: 1, day: 1 }, Precision::Year),
        };
        acc.push(DateMention::new(text, whole.start(), whole.end(), date, precision));
    }
}

/// The date a month and day name, in `year` or, without one, in the year that puts it
/// nearest the publication date.
fn resolve_month_day(
    year: Option<i32>,
    month: u32,
    day: u32,
    published: Option<Date>,
) -> Option<Date> {
    if let Some(year) = year {
        return Date::new(year, month, day);
    }
    let published = published?;
    (published.year - 1..=published.year + 1)
        .filter_map(|year| Date::new(year, month, day))
        .min_by_key(|date| (date.days_since_epoch() - published.days_since_epoch()).abs())
}

/// Whether a mention at `start..end` overlaps one already found.
/// The byte ranges of the dates found so far, merged where they overlap, so that whether a
/// match overlaps one is answered by one lookup: a page can hold thousands of dates.
#[derive(Default)]
struct Taken(std::collections::BTreeMap<usize, usize>);

impl Taken {
    /// Whether `start..end` overlaps a range taken.
    fn overlaps(&self, start: usize, end: usize) -> bool {
        self.0.range(..end).next_back().is_some_and(|(_, &taken_end)| start < taken_end)
    }

    fn insert(&mut self, start: usize, end: usize) {
        let (mut start, mut end) = (start, end);
        // The ranges are disjoint and sorted, so those overlapping this one come last below
        // its end.
        while let Some((&from, &to)) = self.0.range(..end).next_back().filter(|(_, &to)| start < to)
        {
            self.0.remove(&from);
            (start, end) = (start.min(from), end.max(to));
        }
        self.0.insert(start, end);
    }
}

/// "Super Tuesday", "Black Friday", "Good Friday": a capitalised word before the weekday
/// that is not a sentence's first word makes it a name.
fn is_event_name(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end();
    let Some(word) = before.rsplit(|c: char| !c.is_alphabetic()).next() else { return false };
    if !word.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    let before_word = before[..before.len() - word.len()].trim_end();
    let sentence_start = before_word.is_empty()
        || before_word.ends_with(['.', '!', '?', '"', '“', '”', '\n', ':', '—', '-']);
    !sentence_start && !matches!(word, "On" | "Last" | "Next" | "This" | "Since" | "By" | "Until")
}

/// How far before a weekday the words that could make it future are looked for: longer than
/// news sentences run.
const FUTURE_LOOKBACK_BYTES: usize = 600;

/// Whether the words before a weekday, in its sentence, speak of the future: a future
/// auxiliary or plan ("will", "would", "is due to", "is scheduled to", "plans to", "starting")
/// not followed by a reporting verb in the past ("will ..., he said on Tuesday").
fn speaks_of_future(text: &str, sentence_starts: &[usize], start: usize) -> bool {
    let sentence = sentence_starts.partition_point(|&s| s <= start);
    let sentence_start = sentence.checked_sub(1).map_or(0, |idx| sentence_starts[idx]);
    // Within the sentence and the bytes just before: a page can hold thousands of weekdays
    // in one run of text without a full stop.
    let from = crate::ceil_char_boundary(
        text,
        sentence_start.max(start.saturating_sub(FUTURE_LOOKBACK_BYTES)),
    );
    let clause = &text[from..start];
    let Some(future) = FUTURE.find_iter(clause).last() else { return false };
    !PAST_REPORT.is_match(&clause[future.end()..])
}

fn count_value(word: &str) -> Option<i64> {
    let lower = word.to_ascii_lowercase();
    let value = match lower.as_str() {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        _ => return lower.parse().ok().filter(|n| *n <= 366),
    };
    Some(value)
}

/// Month names and abbreviations as they are written in dates.
const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)";

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("{e}"))
}

/// "March 3", "Sept. 11, 2001", "March 3rd".
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?-u:\b)(?P<month>{MONTH})\s+(?P<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(?P<year>(?:1[89]|20)\d\d)(?-u:\b))?"
    ))
});

/// "3 March", "3rd of March 2024".
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?-u:\b)(?P<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{MONTH})(?:,?\s+(?P<year>(?:1[89]|20)\d\d)(?-u:\b))?"
    ))
});

/// "March 2024".
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(r"(?-u:\b)(?P<month>{MONTH})\s+(?P<year>(?:1[89]|20)\d\d)(?-u:\b)"))
});

/// A weekday with what may come before it: "on Tuesday", "last Friday", "Sunday's".
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?:(?-u:\b)(?P<rel>[Oo]n|[Ll]ast|[Pp]ast|[Nn]ext|[Cc]oming|[Tt]his)\s+)?(?-u:\b)(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?-u:\b)",
    )
});

static RELATIVE_DAY: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?-u:\b)(?i:yesterday|today|tonight|tomorrow|last\s+night)(?-u:\b)"));

/// "two days ago", "a week ago", "10 days ago".
static AGO: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?-u:\b)(?P<count>(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten)|\d{1,3})\s+(?P<unit>days?|weeks?)\s+ago(?-u:\b)",
    )
});

/// "last week", "this month", "next year".
static RELATIVE_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?-u:\b)(?P<rel>(?i:last|past|this|next|coming))\s+(?P<unit>week|month|year)(?-u:\b)")
});

static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)(?-u:\b)(?:will|won't|would|shall|starting|beginning|is\s+due|are\s+due|due\s+to|scheduled|set\s+to|expected\s+to|plans?\s+to|planning\s+to|is\s+to|are\s+to|going\s+to|upcoming)(?-u:\b)|’ll(?-u:\b)|'ll(?-u:\b)",
    )
});

static PAST_REPORT: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?-u:\b)(?:said|says|told|announced|reported|added|wrote|confirmed|stated)(?-u:\b)")
});

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, ISO) of each date found in `text` published on `published`.
    fn found(text: &str, published: Option<(i32, u32, u32)>) -> Vec<(String, String)> {
        let published = published.and_then(|(y, m, d)| Date::new(y, m, d));
        let dates = find_dates(text, published);
        for date in &dates {
            assert_eq!(&text[date.start..date.start + date.text.len()], date.text);
        }
        dates.into_iter().map(|d| (d.text, d.iso)).collect()
    }

    fn pairs(expect: &[(&str, &str)]) -> Vec<(String, String)> {
        expect.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    // 2024-03-13 is a Wednesday.
    const WEDNESDAY: Option<(i32, u32, u32)> = Some((2024, 3, 13));

    #[test]
    fn weekdays_name_the_latest_such_day_unless_the_future_is_meant() {
        assert_eq!(
            found("The council voted on Tuesday. Shops reopened Wednesday.", WEDNESDAY),
            pairs(&[("Tuesday", "2024-03-12"), ("Wednesday", "2024-03-13")])
        );
        assert_eq!(
            found("The minister said on Thursday that talks failed.", WEDNESDAY),
            pairs(&[("Thursday", "2024-03-07")])
        );
        assert_eq!(
            found("The council will vote on Thursday on the budget.", WEDNESDAY),
            pairs(&[("Thursday", "2024-03-14")])
        );
        assert_eq!(
            found("The bridge is due to reopen Monday, the mayor said.", WEDNESDAY),
            pairs(&[("Monday", "2024-03-18")])
        );
        assert_eq!(
            found(
                "The union said on Monday its members would walk out starting Friday.",
                WEDNESDAY
            ),
            pairs(&[("Monday", "2024-03-11"), ("Friday", "2024-03-15")])
        );
        assert_eq!(
            found(
                "The House will send the article, which cites the Jan. 6 riot, on Monday.",
                WEDNESDAY
            ),
            pairs(&[("Jan. 6", "2024-01-06"), ("Monday", "2024-03-18")])
        );
        // The future is in what was said, the day is when it was said.
        assert_eq!(
            found("Prices will rise, the bank said on Monday.", WEDNESDAY),
            pairs(&[("Monday", "2024-03-11")])
        );
        assert_eq!(
            found("Last Wednesday the vote failed; next Wednesday it returns.", WEDNESDAY),
            pairs(&[("Last Wednesday", "2024-03-06"), ("next Wednesday", "2024-03-20")])
        );
        assert_eq!(
            found("Sunday's mayoral race drew crowds.", WEDNESDAY),
            pairs(&[("Sunday", "2024-03-10")])
        );
    }

    #[test]
    fn relative_days_and_periods() {
        assert_eq!(
            found(
                "Rescuers arrived yesterday and leave tomorrow; the road opens today.",
                WEDNESDAY
            ),
            pairs(&[
                ("yesterday", "2024-03-12"),
                ("tomorrow", "2024-03-14"),
                ("today", "2024-03-13")
            ])
        );
        assert_eq!(
            found("The strike began two days ago and a week ago talks broke down.", WEDNESDAY),
            pairs(&[("two days ago", "2024-03-11"), ("a week ago", "2024-03-06")])
        );
        assert_eq!(
            found("Talks stalled last week; a deal may come next month or this year.", WEDNESDAY),
            pairs(&[("last week", "2024-W10"), ("next month", "2024-04"), ("this year", "2024")])
        );
        // Across a year boundary.
        assert_eq!(
            found("Sales fell last month and last week.", Some((2024, 1, 2))),
            pairs(&[("last month", "2023-12"), ("last week", "2023-W52")])
        );
    }

    #[test]
    fn month_and_day_take_the_nearest_year() {
        assert_eq!(
            found("The fire started on March 3 and ended on Sept. 11, 2001.", WEDNESDAY),
            pairs(&[("March 3", "2024-03-03"), ("Sept. 11, 2001", "2001-09-11")])
        );
        assert_eq!(
            found("Polls close on Dec. 28 and results come 3rd of January.", Some((2024, 1, 5))),
            pairs(&[("Dec. 28", "2023-12-28"), ("3rd of January", "2024-01-03")])
        );
        assert_eq!(
            found("Tuesday, March 12, the plant closed.", WEDNESDAY),
            pairs(&[("March 12", "2024-03-12")])
        );
        assert_eq!(
            found("The law took effect in March 2020.", None),
            pairs(&[("March 2020", "2020-03")])
        );
    }

    #[test]
    fn no_publication_date_no_relative_dates_and_names_are_not_dates() {
        assert_eq!(found("He left on Tuesday, March 3.", None), pairs(&[]));
        assert_eq!(
            found(
                "Voters went to the polls on Super Tuesday and shops hailed Black Friday.",
                WEDNESDAY
            ),
            pairs(&[])
        );
        assert_eq!(found("Tuesdays are quiet. It may rain.", WEDNESDAY), pairs(&[]));
        assert_eq!(
            found("On Friday the court ruled.", WEDNESDAY),
            pairs(&[("Friday", "2024-03-08")])
        );
        assert_eq!(
            found("President Ana Ruiz on Monday signed the bill.", WEDNESDAY),
            pairs(&[("Monday", "2024-03-11")])
        );
    }
}
