//! Month and weekday names, and plain calendar dates (proleptic Gregorian, no time of day, no
//! zone) with the arithmetic that resolving "Tuesday" or "yesterday" needs.
//!
//! Names are English and matched without regard to case; callers that must tell the month
//! "May" from the verb check capitalisation themselves. A trailing period is allowed on
//! abbreviations ("Sept.", "Tue.").
//!
//! ```
//! use analyze::calendar::{self, Date};
//!
//! assert_eq!(calendar::month_number("March"), Some(3));
//! assert_eq!(calendar::month_number("Sept."), Some(9));
//! assert!(calendar::is_weekday("Tuesday"));
//! let date = Date::new(2024, 3, 12).unwrap();
//! assert_eq!(date.weekday(), 1); // Monday is 0
//! assert_eq!(date.add_days(-13).to_string(), "2024-02-28");
//! ```

use std::fmt;

/// Full month names, January first.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Full weekday names, Monday first (as ISO 8601 counts).
pub const WEEKDAYS: [&str; 7] =
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// The month (1 to 12) a full month name names: "March", "march", "MARCH".
pub fn full_month_number(word: &str) -> Option<u32> {
    MONTHS.iter().position(|m| m.eq_ignore_ascii_case(word)).map(|idx| idx as u32 + 1)
}

/// The month (1 to 12) an abbreviation names: "Jan", "Sept.", "dec". "May" is a full name,
/// not an abbreviation.
pub fn abbreviated_month_number(word: &str) -> Option<u32> {
    let bare = word.strip_suffix('.').unwrap_or(word);
    if bare.eq_ignore_ascii_case("sept") {
        return Some(9);
    }
    if bare.len() != 3 || bare.eq_ignore_ascii_case("may") {
        return None;
    }
    MONTHS.iter().position(|m| m[..3].eq_ignore_ascii_case(bare)).map(|idx| idx as u32 + 1)
}

/// The month (1 to 12) a full name or an abbreviation names.
pub fn month_number(word: &str) -> Option<u32> {
    full_month_number(word).or_else(|| abbreviated_month_number(word))
}

/// Whether a word is a full month name or an abbreviation of one.
pub fn is_month(word: &str) -> bool {
    month_number(word).is_some()
}

/// The weekday (0 for Monday to 6 for Sunday) a full weekday name names.
pub fn full_weekday_number(word: &str) -> Option<u32> {
    WEEKDAYS.iter().position(|d| d.eq_ignore_ascii_case(word)).map(|idx| idx as u32)
}

/// The weekday (0 for Monday to 6 for Sunday) an abbreviation names: "Tue", "Tues.",
/// "Thurs", "Weds".
pub fn abbreviated_weekday_number(word: &str) -> Option<u32> {
    let bare = word.strip_suffix('.').unwrap_or(word).to_ascii_lowercase();
    match bare.as_str() {
        "tues" => return Some(1),
        "weds" => return Some(2),
        "thur" | "thurs" => return Some(3),
        _ => {}
    }
    if bare.len() != 3 {
        return None;
    }
    WEEKDAYS.iter().position(|d| d.starts_with(&bare)).map(|idx| idx as u32)
}

/// The weekday (0 for Monday to 6 for Sunday) a full name or an abbreviation names.
pub fn weekday_number(word: &str) -> Option<u32> {
    full_weekday_number(word).or_else(|| abbreviated_weekday_number(word))
}

/// Whether a word is a full weekday name ("Tuesday", any case).
pub fn is_weekday(word: &str) -> bool {
    full_weekday_number(word).is_some()
}

/// Whether a word is a full weekday or month name (any case), which opens a date rather than
/// naming anyone; "May", also a given name ("Theresa May"), is let through.
pub fn is_day_or_month_name(word: &str) -> bool {
    is_weekday(word) || (full_month_number(word).is_some() && !word.eq_ignore_ascii_case("may"))
}

/// Whether `year` is a leap year of the Gregorian calendar.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// How many days a month has (0 for a month outside 1 to 12).
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// A calendar date. Ordered by time; displays as ISO 8601 ("2024-03-12").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u32,
    /// The day of the month, from 1.
    pub day: u32,
}

impl Date {
    /// The date, if it exists.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        (day >= 1 && day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year =
            (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Date {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (year_of_era + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The date `days` days later (earlier when negative).
    pub fn add_days(self, days: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + days)
    }

    /// The weekday, 0 for Monday to 6 for Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday.
        (self.days_since_epoch() + 3).rem_euclid(7) as u32
    }

    /// The ISO 8601 week (year and week number, 1 to 53) the date falls in.
    pub fn iso_week(self) -> (i32, u32) {
        // The week belongs to the year of its Thursday.
        let thursday = self.add_days(3 - i64::from(self.weekday()));
        let first = Date { year: thursday.year, month: 1, day: 1 };
        let week = (thursday.days_since_epoch() - first.days_since_epoch()) / 7 + 1;
        (thursday.year, week as u32)
    }

    /// The date as the number YYYYMMDD (ISO 8601 basic format), e.g. 20240312.
    pub fn as_number(self) -> f64 {
        f64::from(self.year) * 10_000.0 + f64::from(self.month) * 100.0 + f64::from(self.day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_names_and_abbreviations() {
        assert_eq!(month_number("January"), Some(1));
        assert_eq!(month_number("march"), Some(3));
        assert_eq!(month_number("May"), Some(5));
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("Sep"), Some(9));
        assert_eq!(month_number("Dec."), Some(12));
        assert_eq!(abbreviated_month_number("May"), None);
        assert_eq!(month_number("Ma"), None);
        assert_eq!(month_number("Marc"), None);
        assert!(!is_month("Monday"));
    }

    #[test]
    fn weekday_names_and_abbreviations() {
        assert_eq!(weekday_number("Monday"), Some(0));
        assert_eq!(weekday_number("sunday"), Some(6));
        assert_eq!(weekday_number("Tues."), Some(1));
        assert_eq!(weekday_number("Thurs"), Some(3));
        assert_eq!(weekday_number("Wed"), Some(2));
        assert!(is_weekday("Friday"));
        assert!(!is_weekday("Fri"));
        assert!(!is_weekday("Fridays"));
    }

    #[test]
    fn dates_round_trip_through_day_numbers() {
        assert_eq!(Date::new(1970, 1, 1).map(Date::days_since_epoch), Some(0));
        assert_eq!(Date::new(2000, 3, 1).map(Date::days_since_epoch), Some(11_017));
        for days in [-800_000, -1, 0, 59, 60, 11_016, 19_782, 2_932_896] {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
        assert_eq!(Date::new(2024, 2, 30), None);
        assert!(Date::new(2024, 2, 29).is_some());
        assert_eq!(Date::new(2023, 2, 29), None);
        assert_eq!(Date::new(2024, 13, 1), None);
    }

    #[test]
    fn weekdays_weeks_and_arithmetic() {
        let date = Date::new(2024, 3, 12).unwrap();
        assert_eq!(date.weekday(), 1);
        assert_eq!(date.to_string(), "2024-03-12");
        assert_eq!(date.add_days(-12).to_string(), "2024-02-29");
        assert_eq!(date.add_days(300).to_string(), "2025-01-06");
        assert_eq!(date.iso_week(), (2024, 11));
        // 2021-01-03 is a Sunday in the last week of 2020.
        assert_eq!(Date::new(2021, 1, 3).unwrap().iso_week(), (2020, 53));
        assert_eq!(Date::new(2024, 12, 30).unwrap().iso_week(), (2025, 1));
        assert_eq!(date.as_number(), 20_240_312.0);
    }
}
