//! Parsing the many ways news sites write a date, from RFC 3339 to "Updated 5:02 PM ET, Tue January 5, 2021".
//!
//! The parser is strict about the whole string: every word must be part of the date (a weekday,
//! month, day, year, time, zone or a filler such as "at"), so a sentence that merely mentions a
//! month is not a date. Dates with no zone are taken as UTC.

use std::sync::LazyLock;

use analyze::calendar;
use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Weekday,
};
use regex::Regex;

/// Parses a date as news sites and feeds write it; `None` when the string is not only a date.
///
/// Accepted forms include RFC 3339 (`2021-10-18T16:15:00-07:00`), RFC 2822, ISO dates
/// (`2013-05-03`, `2013-05-03 10:15`), `May 03, 2013`, `3 May 2013`, `May 3, 2013 10:15 AM`,
/// `Tuesday, Jan. 5, 2021`, `05/03/2013` (US order unless the first number exceeds 12), with an
/// optional label such as `Published:` or `Updated` and a zone (`+01:00`, `GMT`, `ET`, `PDT`).
/// A date with no zone is taken as UTC; `ET`, `CT`, `MT` and `PT` follow US daylight saving time.
///
/// ```
/// let date = extract::parse_date("Updated 5:02 PM ET, Tue January 5, 2021").unwrap();
/// assert_eq!(date.to_rfc3339(), "2021-01-05T17:02:00-05:00");
/// assert!(extract::parse_date("He said in May that 3 of them left").is_none());
/// ```
pub fn parse_date(s: &str) -> Option<DateTime<FixedOffset>> {
    // Real dates are short; bounding the length keeps hostile input cheap.
    if s.len() > 120 {
        return None;
    }
    let s = strip_label(s.trim().trim_matches(['[', ']']).trim());
    if s.is_empty() {
        return None;
    }
    if let Some(date) = parse_iso(s) {
        return Some(date);
    }
    if let Ok(date) = DateTime::parse_from_rfc2822(s) {
        return Some(date);
    }
    parse_words(s)
}

/// The date in a URL's path, as news sites file stories: `/2021/03/04/`, `/2021-03-04-slug`,
/// `/20210304/`, `/2021/mar/04/`. Only a whole date (year, month and day) counts; it is taken
/// as midnight UTC.
///
/// ```
/// let date = extract::url_date("https://example.com/news/2021/03/04/bridge-closes").unwrap();
/// assert_eq!(date.to_rfc3339(), "2021-03-04T00:00:00+00:00");
/// let date = extract::url_date("https://example.com/world/2021/mar/04/bridge").unwrap();
/// assert_eq!(date.to_rfc3339(), "2021-03-04T00:00:00+00:00");
/// assert!(extract::url_date("https://example.com/2021/03/bridge").is_none());
/// ```
pub fn url_date(url: &str) -> Option<DateTime<FixedOffset>> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = rest.split(['?', '#']).next()?;
    let (_, path) = path.split_once('/')?;
    // "/2021/news/04/" is no date, but a later part of the path may hold one (each match
    // takes the slash after it, so the next search starts one byte after the last match).
    let mut from = 0;
    let matches = std::iter::from_fn(|| {
        let caps = URL_DATE.captures_at(path, from)?;
        from = caps.get(0)?.start() + 1;
        Some(caps)
    });
    let date = matches.take(20).find_map(|caps| {
        let number = |idx: usize| caps.get(idx)?.as_str().parse::<u32>().ok();
        let year = number(1).filter(|year| (1990..=2100).contains(year))?;
        let (month, day) = [(2, 3), (4, 5), (6, 7)]
            .into_iter()
            .find_map(|(month, day)| Some((number(month)?, number(day)?)))
            .or_else(|| {
                // "/2021/mar/04/", "/2021/march/04/": a month's name.
                let name = caps.get(8)?.as_str().to_ascii_lowercase();
                Some((month_number(&name)?, number(9)?))
            })?;
        NaiveDate::from_ymd_opt(year as i32, month, day)
    })?;
    at_offset(date.and_time(NaiveTime::MIN), FixedOffset::east_opt(0)?)
}

/// `date` with its day and month swapped when that makes it `filed`, the day a page's address
/// gives: "03/10/2023" read in US order as March 10, on a page filed under `/2023/10/03/`, was
/// written day first. Otherwise `date` as it is.
pub(crate) fn day_first_if_filed(
    date: DateTime<FixedOffset>,
    filed: Option<DateTime<FixedOffset>>,
) -> DateTime<FixedOffset> {
    let Some(filed) = filed.map(|filed| filed.date_naive()) else { return date };
    let swapped = NaiveDate::from_ymd_opt(date.year(), date.day(), date.month());
    if date.date_naive() == filed || swapped != Some(filed) {
        return date;
    }
    at_offset(filed.and_time(date.time()), *date.offset()).unwrap_or(date)
}

static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    // Year, month and day as path segments, joined by dashes, or run together, each bounded
    // by a slash, a dash, an underscore, a dot or the end; or year, month name and day as
    // path segments.
    Regex::new(
        r"(?:^|/)([0-9]{4})(?:/([0-9]{1,2})/([0-9]{1,2})|-([0-9]{2})-([0-9]{2})|([0-9]{2})([0-9]{2})|/([A-Za-z]{3,9})/([0-9]{1,2}))(?:[/_.+-]|$)",
    )
    .expect("valid regex")
});

/// The labels sites put before a date, longest first so "Last updated" wins over "updated".
const LABELS: &[&str] = &[
    "for immediate release",
    "originally published",
    "article posted",
    "published time",
    "story created",
    "first published",
    "last modified",
    "last updated",
    "date published",
    "published",
    "updated",
    "modified",
    "posted",
    "created",
    "submitted",
    "dated",
    "date",
];

fn strip_label(s: &str) -> &str {
    let mut rest = s;
    for label in LABELS {
        let Some(head) = rest.get(..label.len()) else { continue };
        if !head.eq_ignore_ascii_case(label) {
            continue;
        }
        let after = &rest[label.len()..];
        // The label must be a whole word: "Dated" must not match "Date" with a trailing "d".
        if after.chars().next().is_some_and(char::is_alphanumeric) {
            continue;
        }
        rest = after.trim_start_matches([':', ' ', '\t', '-', '\u{2013}', '\u{2014}']);
        let lower = rest.get(..3).map(str::to_ascii_lowercase);
        if matches!(lower.as_deref(), Some("on " | "at " | "on:")) {
            rest = rest[3..].trim_start_matches([':', ' ']);
        }
        break;
    }
    rest.trim()
}

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[T ]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:[.,][0-9]+)?)?)?\s*(Z|z|UTC|GMT|[+-][0-9]{2}(?::?[0-9]{2})?)?$",
    )
    .expect("valid regex")
});

/// ISO 8601 forms, with or without time and zone; RFC 3339 is one of them.
fn parse_iso(s: &str) -> Option<DateTime<FixedOffset>> {
    let caps = ISO.captures(s)?;
    let number = |idx: usize| caps.get(idx).and_then(|m| m.as_str().parse::<u32>().ok());
    let date = NaiveDate::from_ymd_opt(number(1)? as i32, number(2)?, number(3)?)?;
    let time = match number(4) {
        Some(hour) => NaiveTime::from_hms_opt(hour, number(5)?, number(6).unwrap_or(0))?,
        None => NaiveTime::MIN,
    };
    let offset = match caps.get(7) {
        Some(zone) => numeric_offset(zone.as_str()).or_else(|| zone_offset(zone.as_str(), date))?,
        None => FixedOffset::east_opt(0)?,
    };
    at_offset(date.and_time(time), offset)
}

/// `+05:30`, `+0530`, `-07`.
fn numeric_offset(zone: &str) -> Option<FixedOffset> {
    let sign = match zone.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = zone[1..].chars().filter(char::is_ascii_digit).collect();
    let (hours, minutes) = match digits.len() {
        2 => (digits.parse::<i32>().ok()?, 0),
        4 => (digits[..2].parse::<i32>().ok()?, digits[2..].parse::<i32>().ok()?),
        _ => return None,
    };
    if hours > 14 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// Zone abbreviations seen on news sites. US zones win for ambiguous ones (CST, IST is India).
fn zone_offset(zone: &str, date: NaiveDate) -> Option<FixedOffset> {
    let upper = zone.to_ascii_uppercase();
    let hours: f32 = match upper.as_str() {
        "Z" | "UTC" | "GMT" | "UT" | "WET" => 0.0,
        "BST" | "CET" | "WEST" | "IST+1" => 1.0,
        "CEST" | "EET" | "SAST" => 2.0,
        "EEST" | "MSK" => 3.0,
        "IST" => 5.5,
        "HKT" | "SGT" | "AWST" => 8.0,
        "JST" | "KST" => 9.0,
        "AEST" => 10.0,
        "AEDT" => 11.0,
        "NZST" => 12.0,
        "NZDT" => 13.0,
        "EST" => -5.0,
        "EDT" => -4.0,
        "CST" => -6.0,
        "CDT" => -5.0,
        "MST" => -7.0,
        "AKST" => -9.0,
        "AKDT" => -8.0,
        "HST" => -10.0,
        "MDT" => -6.0,
        "PST" => -8.0,
        "PDT" => -7.0,
        "ET" => us_zone(-5.0, date),
        "CT" => us_zone(-6.0, date),
        "MT" => us_zone(-7.0, date),
        "PT" => us_zone(-8.0, date),
        _ => return None,
    };
    FixedOffset::east_opt((hours * 3600.0) as i32)
}

/// A US zone's offset on a date: daylight time runs from the second Sunday of March to the
/// first Sunday of November (since 2007).
fn us_zone(standard: f32, date: NaiveDate) -> f32 {
    let year = date.year();
    let start = NaiveDate::from_weekday_of_month_opt(year, 3, Weekday::Sun, 2);
    let end = NaiveDate::from_weekday_of_month_opt(year, 11, Weekday::Sun, 1);
    match (start, end) {
        (Some(start), Some(end)) if date >= start && date < end => standard + 1.0,
        _ => standard,
    }
}

fn at_offset(naive: NaiveDateTime, offset: FixedOffset) -> Option<DateTime<FixedOffset>> {
    offset.from_local_datetime(&naive).single()
}

/// What the word-by-word parser has found so far.
#[derive(Default)]
struct Parts {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    hour: Option<u32>,
    minute: u32,
    second: u32,
    /// `Some(true)` for PM.
    pm: Option<bool>,
    zone: Option<String>,
    /// Numbers that are neither a year nor part of a time: the day, or a numeric date.
    numbers: Vec<u32>,
}

/// Whether a short line reads as a date line even where it cannot be parsed
/// ("PUBLISHED: THURSDAY, MAY 2, 2013, 1: 32 PM" as tokenized text spaces it): every word is
/// a month, a weekday, a label, a meridiem or a zone, and it has a month or a clock time.
pub(crate) fn is_date_like(s: &str) -> bool {
    if s.len() > 100 || !s.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let mut month_or_clock = s.contains(':');
    for word in s.split(|c: char| !c.is_alphabetic()).filter(|word| !word.is_empty()) {
        let lower = word.to_lowercase();
        if month_number(&lower).is_some() {
            month_or_clock = true;
            continue;
        }
        let known = calendar::weekday_number(&lower).is_some()
            || matches!(lower.as_str(), "am" | "pm" | "a" | "p" | "m" | "st" | "nd" | "rd" | "th")
            || matches!(lower.as_str(), "at" | "on" | "last" | "first" | "time" | "hrs")
            || LABELS.iter().any(|label| label.split(' ').any(|part| part == lower))
            || word == "UK"
            || zone_offset(word, NaiveDate::MIN).is_some();
        if !known {
            return false;
        }
    }
    month_or_clock
}

/// Free-form dates: every token must be a date part or a filler word.
fn parse_words(s: &str) -> Option<DateTime<FixedOffset>> {
    build(read_parts(s)?)
}

/// Whether a string is only a time of day, maybe labelled: "Updated 8:52 PM EDT", as sites
/// print the time of an update beside the date of publication.
pub(crate) fn is_time(s: &str) -> bool {
    if s.len() > 120 {
        return false;
    }
    read_parts(strip_label(s.trim())).is_some_and(|parts| {
        parts.hour.is_some()
            && parts.year.is_none()
            && parts.month.is_none()
            && parts.day.is_none()
            && parts.numbers.is_empty()
    })
}

/// The date parts of a free-form date; `None` when a token is not one.
fn read_parts(s: &str) -> Option<Parts> {
    let mut parts = Parts::default();
    let tokens: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',' || c == '|')
        // "December 19, 2025 @08:00PM": an at sign before the time.
        .map(|token| token.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | '@')))
        // "04-ago-2021": a month name between dashes.
        .flat_map(|token| {
            let spelled = token.contains(char::is_alphabetic) && token.contains(char::is_numeric);
            let parts: Vec<&str> = if spelled && token.matches('-').count() == 2 {
                token.split('-').collect()
            } else {
                vec![token]
            };
            parts
        })
        .filter(|token| !token.is_empty())
        .collect();
    if tokens.len() > 12 {
        return None;
    }
    for token in tokens {
        if !read_token(token, &mut parts) {
            return None;
        }
    }
    Some(parts)
}

/// Records one token into `parts`; false when the token cannot be part of a date.
fn read_token(token: &str, parts: &mut Parts) -> bool {
    let lower = token.to_lowercase();
    let bare = lower.trim_end_matches('.');
    if matches!(
        bare,
        "at" | "on"
            | "hrs"
            | "the"
            | "of"
            | "de"
            | "del"
            | "-"
            | "\u{2013}"
            | "\u{2014}"
            | "/"
            | "\u{b7}"
            | "\u{2022}"
    ) {
        return true;
    }
    if let Some(month) = month_number(bare) {
        return parts.month.replace(month).is_none();
    }
    if calendar::weekday_number(bare).is_some() {
        return true;
    }
    match bare {
        "am" | "a.m" => return set_meridiem(parts, false),
        "pm" | "p.m" => return set_meridiem(parts, true),
        _ => (),
    }
    if let Some(offset) = lower.strip_prefix("gmt").or_else(|| lower.strip_prefix("utc")) {
        // "(GMT+05:00)": a zone as an offset from GMT.
        if numeric_offset(offset).is_some() {
            return parts.zone.replace(offset.to_string()).is_none();
        }
    }
    if token.contains(':') {
        return read_time(lower.trim_end_matches('.'), parts);
    }
    if token.starts_with(['+', '-']) && numeric_offset(token).is_some() {
        return parts.zone.replace(token.to_string()).is_none();
    }
    if token.chars().all(|c| c.is_ascii_alphabetic()) && (1..=5).contains(&token.len()) {
        // Zone names are checked once the date is known (ET depends on it).
        let upper = token.to_ascii_uppercase();
        if zone_offset(&upper, NaiveDate::MIN).is_some() {
            return parts.zone.replace(upper).is_none();
        }
        return false;
    }
    if let Some(date) = parse_iso(token) {
        let naive = date.naive_local();
        parts.year = Some(naive.year());
        parts.month = Some(naive.month());
        parts.day = Some(naive.day());
        return true;
    }
    if bare.contains(['/', '.']) {
        return read_numeric_date(bare, parts);
    }
    read_number(bare, parts)
}

fn set_meridiem(parts: &mut Parts, pm: bool) -> bool {
    // "12 PM": the bare number read before was an hour, not the day.
    if parts.hour.is_none() {
        match parts.numbers.pop() {
            Some(hour @ 1..=12) => parts.hour = Some(hour),
            _ => return false,
        }
    }
    parts.pm.replace(pm).is_none()
}

/// `10:15`, `10:15:30`, `5:02pm`, `10:15a.m.`.
fn read_time(lower: &str, parts: &mut Parts) -> bool {
    let (clock, suffix) = match lower.find(|c: char| c.is_ascii_alphabetic()) {
        Some(idx) => lower.split_at(idx),
        None => (lower, ""),
    };
    let numbers: Vec<Option<u32>> = clock.split(':').map(|n| n.parse().ok()).collect();
    let (hour, minute, second) = match numbers.as_slice() {
        [Some(h), Some(m)] => (*h, *m, 0),
        [Some(h), Some(m), Some(s)] => (*h, *m, *s),
        _ => return false,
    };
    if hour > 23 || minute > 59 || second > 60 || parts.hour.is_some() {
        return false;
    }
    parts.hour = Some(hour);
    parts.minute = minute;
    parts.second = second;
    match suffix.trim_end_matches('.') {
        "" => true,
        "am" | "a.m" => set_meridiem(parts, false),
        "pm" | "p.m" => set_meridiem(parts, true),
        _ => false,
    }
}

/// `05/03/2013`, `2013/05/03`, `03.05.2013`.
fn read_numeric_date(bare: &str, parts: &mut Parts) -> bool {
    let numbers: Vec<Option<u32>> = bare.split(['/', '.']).map(|n| n.parse().ok()).collect();
    let [Some(a), Some(b), Some(c)] = numbers.as_slice() else { return false };
    let (year, month, day) = if *a > 999 {
        (*a, *b, *c)
    } else if bare.contains('.') || *a > 12 {
        // Dotted dates and a first number over 12 are day first, as in Europe.
        (*c, *b, *a)
    } else {
        (*c, *a, *b)
    };
    if parts.year.is_some() || parts.month.is_some() || !(1000..=2999).contains(&year) {
        return false;
    }
    parts.year = Some(year as i32);
    parts.month = Some(month);
    parts.day = Some(day);
    true
}

/// A day (`5`, `5th`, `03`), a year (`2013`) or an hour before `PM`.
fn read_number(bare: &str, parts: &mut Parts) -> bool {
    let digits = bare.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &bare[digits.len()..];
    let Ok(number) = digits.parse::<u32>() else { return false };
    match suffix {
        "" => (),
        "st" | "nd" | "rd" | "th" => return number <= 31 && push_day(parts, number),
        "am" | "pm" => {
            if number == 0 || number > 12 || parts.hour.is_some() {
                return false;
            }
            parts.hour = Some(number);
            return set_meridiem(parts, suffix == "pm");
        }
        _ => return false,
    }
    if digits.len() == 4 {
        return (1000..=2999).contains(&number) && parts.year.replace(number as i32).is_none();
    }
    if digits.len() <= 2 {
        return push_day(parts, number);
    }
    false
}

fn push_day(parts: &mut Parts, number: u32) -> bool {
    parts.numbers.push(number);
    parts.numbers.len() <= 2
}

fn build(mut parts: Parts) -> Option<DateTime<FixedOffset>> {
    match (parts.day, parts.numbers.as_slice()) {
        (None, [day]) => parts.day = Some(*day),
        (Some(_), []) => (),
        _ => return None,
    }
    let date = NaiveDate::from_ymd_opt(parts.year?, parts.month?, parts.day?)?;
    let mut hour = parts.hour.unwrap_or(0);
    match parts.pm {
        Some(true) if hour < 12 => hour += 12,
        Some(false) if hour == 12 => hour = 0,
        _ => (),
    }
    let time = NaiveTime::from_hms_opt(hour, parts.minute, parts.second.min(59))?;
    let offset = match parts.zone.as_deref() {
        Some(zone) => numeric_offset(zone).or_else(|| zone_offset(zone, date))?,
        None => FixedOffset::east_opt(0)?,
    };
    at_offset(date.and_time(time), offset)
}

/// The month a name or abbreviation names: English through the shared calendar, then the
/// common Western European languages.
fn month_number(word: &str) -> Option<u32> {
    if word.len() < 3 {
        return None;
    }
    calendar::month_number(word).or_else(|| {
        // Spanish, Portuguese, French, German, Italian and Dutch names and abbreviations.
        FOREIGN_MONTHS
            .iter()
            .position(|names| {
                names.split(' ').any(|name| {
                    name == word || (word.len() == 3 && name.len() > 4 && name.starts_with(word))
                })
            })
            .map(|idx| idx as u32 + 1)
    })
}

/// Month names other than English, one entry per month, names separated by spaces.
const FOREIGN_MONTHS: [&str; 12] = [
    "enero janeiro janvier januar gennaio januari ene jan",
    "febrero fevereiro février fevrier februar febbraio februari feb fev fév",
    "marzo março marco mars märz maerz maart mar",
    "abril avril aprile abr avr",
    "mayo maio mai maggio mei may",
    "junio junho juin juni giugno jun",
    "julio julho juillet juli luglio jul",
    "agosto août aout ago aoû",
    "septiembre setiembre setembro septembre settembre set sep",
    "octubre outubro octobre oktober ottobre oct out okt ott",
    "noviembre novembro novembre nov",
    "diciembre dezembro décembre decembre dezember dicembre december dic dez déc",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expect: Option<&str>) {
        let got = parse_date(input).map(|date| date.to_rfc3339());
        assert_eq!(got.as_deref(), expect, "input: {input:?}");
    }

    #[test]
    fn parses_machine_formats() {
        check("2021-10-18T16:15:00-07:00", Some("2021-10-18T16:15:00-07:00"));
        check("2021-10-18T16:15:00.123Z", Some("2021-10-18T16:15:00+00:00"));
        check("2021-10-18T16:15:00+0200", Some("2021-10-18T16:15:00+02:00"));
        check("2021-10-18T16:15", Some("2021-10-18T16:15:00+00:00"));
        check("2013-05-03", Some("2013-05-03T00:00:00+00:00"));
        check("Tue, 1 Jul 2003 10:52:37 +0200", Some("2003-07-01T10:52:37+02:00"));
        check("Tue, 01 Jul 2003 10:52:37 GMT", Some("2003-07-01T10:52:37+00:00"));
    }

    #[test]
    fn parses_human_formats() {
        check("May 03, 2013", Some("2013-05-03T00:00:00+00:00"));
        check("3 May 2013", Some("2013-05-03T00:00:00+00:00"));
        check("May 3, 2013 10:15 AM", Some("2013-05-03T10:15:00+00:00"));
        check("May 3, 2013 at 10:15 p.m. EDT", Some("2013-05-03T22:15:00-04:00"));
        check("Tuesday, Jan. 5, 2021", Some("2021-01-05T00:00:00+00:00"));
        check("Sept. 14th, 2020", Some("2020-09-14T00:00:00+00:00"));
        check("Published: 2021-10-18", Some("2021-10-18T00:00:00+00:00"));
        check("Updated 5:02 PM ET, Tue January 5, 2021", Some("2021-01-05T17:02:00-05:00"));
        check("Updated 5:02 PM ET, Mon July 5, 2021", Some("2021-07-05T17:02:00-04:00"));
        check("05/03/2013", Some("2013-05-03T00:00:00+00:00"));
        check("03.05.2013", Some("2013-05-03T00:00:00+00:00"));
        check("Posted on 12 PM, March 1, 2020", Some("2020-03-01T12:00:00+00:00"));
        check("Published On: 15 August 2025", Some("2025-08-15T00:00:00+00:00"));
        check("[Submitted on 18 Dec 2025]", Some("2025-12-18T00:00:00+00:00"));
        check("05 Nov 2025.", Some("2025-11-05T00:00:00+00:00"));
        check("4 de agosto de 2021", Some("2021-08-04T00:00:00+00:00"));
        check("04-ago-2021", Some("2021-08-04T00:00:00+00:00"));
        check("12 März 2024", Some("2024-03-12T00:00:00+00:00"));
        check("3 décembre 2019", Some("2019-12-03T00:00:00+00:00"));
        check("on Friday December 19, 2025 @08:00PM", Some("2025-12-19T20:00:00+00:00"));
        check("Monday, February 29, 2016 @ 11:10 PM UTC", Some("2016-02-29T23:10:00+00:00"));
    }

    #[test]
    fn tells_date_lines_it_cannot_read() {
        assert!(is_date_like("PUBLISHED: THURSDAY, MAY 2, 2013, 1: 32 PM"));
        assert!(is_date_like("September 15, 2013 11: 26 pm"));
        assert!(is_date_like("8: 44AM BST 16 Sep 2013"));
        assert!(is_date_like("Originally published 05 / 03 / 2013 at 10: 20 AM EDT"));
        assert!(!is_date_like("Robert Buckley, 32, fell on Saturday"));
        assert!(!is_date_like("May 2013 budget: what changes"));
        assert!(!is_date_like("Updated"));
        assert!(!is_date_like("10 AM to 4 PM"));
        assert!(!is_date_like("MAY 2, 2013: FIRE"));
    }

    #[test]
    fn rejects_text_that_is_not_only_a_date() {
        check("", None);
        check("May", None);
        check("May 2013", None);
        check("He said in May 2013 that", None);
        check("Feb 30, 2021", None);
        check("By Jane Doe", None);
        check("3 4 May 2013", None);
        check("2013-13-45", None);
    }
}
