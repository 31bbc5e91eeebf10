//! Bylines ("By Jane Doe and John Roe, Reuters", "Author: Jane Doe", "Jane Doe | AP") and the
//! names in them.
//!
//! A byline is accepted only when every part of it is a name, a news agency, a staff role or a
//! date, so "By the end of the year, prices rose." is not one.

use std::sync::LazyLock;

use analyze::calendar;
use chrono::{DateTime, FixedOffset};
use regex::Regex;

use crate::date::parse_date;

/// What a byline line says.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Byline {
    /// The people, in order, as written (all-caps names in title case).
    pub(crate) names: Vec<String>,
    /// A news agency named in it, e.g. `Reuters`.
    pub(crate) agency: Option<String>,
    /// A date on the same line.
    pub(crate) date: Option<DateTime<FixedOffset>>,
}

impl Byline {
    /// The names as one author string: "A", "A and B", "A, B and C".
    pub(crate) fn author(&self) -> Option<String> {
        join_names(&self.names)
    }
}

/// Parses a line that is only a byline.
pub(crate) fn parse_byline(line: &str) -> Option<Byline> {
    if line.len() > 200 {
        return None;
    }
    let line = line.trim().trim_end_matches(['.', ' ']);
    match PREFIX.captures(line) {
        Some(caps) => parse_names(caps.get(1)?.as_str(), true),
        None => parse_bare(line),
    }
}

/// Parses the text of an author element or field: a byline, or just names.
pub(crate) fn parse_author_field(text: &str) -> Option<String> {
    let text = text.trim();
    // "Author Jane Doe", "Written by: Jane Doe", as author elements read with their label.
    let text = strip_field_label(text);
    let byline = match parse_byline(text) {
        Some(byline) => byline,
        None => parse_names(text, true)?,
    };
    let author = byline.author()?;
    // Keep the page's own list punctuation: "A, B, and C".
    let oxford = text.replace(", and ", " and ");
    Some(if oxford == author && text != author { text.to_string() } else { author })
}

/// An author field without its label and quotes: "Text by: Jane Doe" -> "Jane Doe".
pub(crate) fn strip_field_label(text: &str) -> &str {
    let text = text.trim();
    let text = FIELD_LABEL.find(text).map_or(text, |label| text[label.end()..].trim());
    text.trim_matches(|c: char| {
        matches!(c, '"' | '“' | '”' | '|' | '-' | '–' | '—') || c.is_whitespace()
    })
}

/// The agency of a known news agency name, in its usual spelling.
pub(crate) fn agency_name(text: &str) -> Option<&'static str> {
    let lower = text.trim().trim_end_matches('.').to_lowercase();
    let lower = lower.strip_prefix("the ").unwrap_or(&lower);
    AGENCIES.iter().find(|(key, _)| *key == lower).map(|(_, name)| *name)
}

static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:by|written by|words by|story by|posted by|reported by|authors?\s*:|byline\s*:)\s*:?\s+(.+)$")
        .expect("valid regex")
});

static FIELD_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:written|words|story|posted|article|reported|text|recipe|published|photos?)\s+)?by\s*:?(?:\s+|\s*\|\s*)|^authors?\s*:?(?:\s+|\s*\|\s*)",
    )
        .expect("valid regex")
});

static SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+[|•·—–-]\s+|\s*\|\s*").expect("valid regex"));

static AND: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\s+(?:and|&)\s+").expect("valid regex"));

/// Agencies and wire services, by lower-case spelling, with the name we report.
const AGENCIES: &[(&str, &str)] = &[
    ("reuters", "Reuters"),
    ("thomson reuters", "Reuters"),
    ("ap", "AP"),
    ("associated press", "Associated Press"),
    ("afp", "AFP"),
    ("agence france-presse", "AFP"),
    ("agence france presse", "AFP"),
    ("bloomberg", "Bloomberg"),
    ("bloomberg news", "Bloomberg"),
    ("upi", "UPI"),
    ("united press international", "UPI"),
    ("dpa", "dpa"),
    ("pa", "PA Media"),
    ("pa media", "PA Media"),
    ("press association", "PA Media"),
    ("xinhua", "Xinhua"),
    ("kyodo", "Kyodo"),
    ("kyodo news", "Kyodo"),
    ("efe", "EFE"),
    ("ansa", "ANSA"),
    ("yonhap", "Yonhap"),
    ("tass", "TASS"),
    ("anadolu", "Anadolu"),
    ("anadolu agency", "Anadolu"),
    ("aap", "AAP"),
    ("canadian press", "The Canadian Press"),
    ("cnn", "CNN"),
    ("bbc", "BBC"),
    ("bbc news", "BBC"),
    ("npr", "NPR"),
];

/// Words that make a byline part a job title rather than a name.
const ROLES: &[&str] = &[
    "editor",
    "reporter",
    "correspondent",
    "writer",
    "columnist",
    "staff",
    "contributor",
    "producer",
    "journalist",
    "analyst",
    "bureau",
    "chief",
    "desk",
    "team",
    "intern",
    "photographer",
    "special",
];

/// Words that look like names but start sentences. Weekday and month names (but "May", also a
/// given name) are refused through `calendar::is_day_or_month_name`.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "then",
    "now",
    "today",
    "yesterday",
    "tomorrow",
    "far",
    "contrast",
    "comparison",
    "law",
    "default",
];

/// "NAME, Reuters" and "NAME | AP": a name and then only agencies and dates.
fn parse_bare(line: &str) -> Option<Byline> {
    let mut parts = SEPARATOR.split(line).flat_map(|part| part.split(','));
    let names = parse_names(parts.next()?, false)?;
    let mut byline = Byline { names: names.names, ..Byline::default() };
    for part in parts {
        let part = part.trim();
        match agency_name(part) {
            Some(agency) => byline.agency = Some(agency.to_string()),
            None if parse_date(part).is_some() => byline.date = parse_date(part),
            None => return None,
        }
    }
    byline.agency.as_ref()?;
    Some(byline)
}

/// The text after "By": names joined by commas and "and", then agencies, roles and a date.
fn parse_names(text: &str, allow_roles: bool) -> Option<Byline> {
    let mut byline = Byline::default();
    let mut segments = SEPARATOR.split(text);
    let names_part = segments.next()?;
    for segment in segments {
        read_extra(segment.trim(), &mut byline)?;
    }
    let names_part = split_date(names_part, &mut byline);
    for (idx, item) in names_part.split([',', ';']).enumerate() {
        let item = item.trim();
        // "A, B, and C": the last item of a list with a serial comma.
        let item = item.strip_prefix("and ").or_else(|| item.strip_prefix("& ")).unwrap_or(item);
        if item.is_empty() {
            continue;
        }
        // After "By" and a name, what follows a comma may describe the writer: "By Jane Doe,
        // extension educator".
        if allow_roles
            && idx > 0
            && !byline.names.is_empty()
            && !item.starts_with(char::is_uppercase)
        {
            continue;
        }
        if let Some(agency) = agency_name(item) {
            byline.agency = Some(agency.to_string());
            continue;
        }
        if allow_roles && is_role(item) {
            continue;
        }
        for name in AND.split(item) {
            // "Jane Doe, MD": letters after a name belong to it.
            if let Some(last) = byline.names.last_mut().filter(|_| is_credential(name)) {
                last.push_str(", ");
                last.push_str(name.trim());
                continue;
            }
            let name = strip_place(name.trim());
            let name = strip_trailing_label(name);
            match agency_name(name) {
                Some(agency) => byline.agency = Some(agency.to_string()),
                None => byline.names.push(normalize_name(name)?),
            }
        }
    }
    if byline.names.is_empty() && byline.agency.is_none() {
        return None;
    }
    Some(byline)
}

/// A part after a separator: an agency, a date, a role, or a short note like "4 min read".
fn read_extra(segment: &str, byline: &mut Byline) -> Option<()> {
    if let Some(agency) = agency_name(segment) {
        byline.agency = Some(agency.to_string());
        return Some(());
    }
    if let Some(date) = parse_date(segment) {
        byline.date.get_or_insert(date);
        return Some(());
    }
    if is_role(segment) || segment.split_whitespace().count() <= 4 {
        return Some(());
    }
    None
}

/// Splits "Jane Doe, May 3, 2013" or "Jane Doe on May 3, 2013" into the names and the date.
fn split_date<'a>(text: &'a str, byline: &mut Byline) -> &'a str {
    let cuts = text
        .match_indices(',')
        .map(|(idx, _)| (idx, 1))
        .chain(text.match_indices(" on ").map(|(idx, _)| (idx, 4)));
    let mut best: Option<(usize, DateTime<FixedOffset>)> = None;
    for (idx, len) in cuts {
        if let Some(date) = parse_date(&text[idx + len..]) {
            if best.is_none_or(|(best_idx, _)| idx < best_idx) {
                best = Some((idx, date));
            }
        }
    }
    match best {
        Some((idx, date)) => {
            byline.date = Some(date);
            &text[..idx]
        }
        None => text,
    }
}

/// Post-nominal letters: degrees and professional titles ("MD", "Ph.D.", "DVM, DACVB").
fn is_credential(text: &str) -> bool {
    const CREDENTIALS: &[&str] = &[
        "md", "do", "phd", "dphil", "rn", "bsn", "msn", "np", "pa-c", "dvm", "vmd", "dds", "dmd",
        "pharmd", "rd", "rdn", "ld", "ldn", "cdces", "ms", "ma", "msc", "mba", "mph", "mpa", "cpa",
        "cfa", "cfp", "jd", "esq", "lcsw", "lpc", "lmft", "psyd", "cscs", "dpt", "od", "facp",
        "facs", "faan", "faap", "dacvb", "mw", "edd", "llm",
    ];
    !text.is_empty()
        && text.split_whitespace().all(|word| {
            let key: String = word.chars().filter(|c| c.is_alphanumeric() || *c == '-').collect();
            CREDENTIALS.contains(&key.to_lowercase().as_str())
        })
}

fn is_role(text: &str) -> bool {
    text.split_whitespace().any(|word| {
        let lower = word.to_lowercase();
        ROLES.iter().any(|role| lower.trim_end_matches('s') == *role)
    })
}

/// "Jane Doe Published" (a byline read with the date label after it) -> "Jane Doe".
fn strip_trailing_label(name: &str) -> &str {
    const LABELS: &[&str] = &["published", "updated", "posted", "sponsored", "on"];
    match name.rsplit_once(' ') {
        Some((head, last)) if LABELS.contains(&last.to_lowercase().as_str()) => head.trim(),
        _ => name,
    }
}

/// "Jane Doe in Kyiv" -> "Jane Doe".
fn strip_place(name: &str) -> &str {
    match name.find(" in ") {
        Some(idx) => &name[..idx],
        None => name,
    }
}

/// A person's name in display form, or `None` when the text is not name-shaped.
fn normalize_name(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 || text.len() > 60 {
        return None;
    }
    if NOT_NAMES.contains(&words[0].to_lowercase().as_str())
        || calendar::is_day_or_month_name(words[0])
    {
        return None;
    }
    // A name in capitals is shouted ("JANE DOE"); capitals in a mixed name are initials or
    // an acronym ("PJ Hamel", "Sarah Knowles MW") and stay.
    let shouted = words.iter().all(|word| !word.chars().any(char::is_lowercase));
    let mut out = Vec::with_capacity(words.len());
    for word in words {
        if !word.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’')) {
            return None;
        }
        let first = word.chars().next()?;
        let particle = matches!(
            word,
            "de" | "da"
                | "van"
                | "von"
                | "der"
                | "den"
                | "del"
                | "la"
                | "le"
                | "du"
                | "bin"
                | "al"
                | "dos"
                | "di"
                | "y"
                | "ten"
                | "ter"
        );
        if !first.is_uppercase() && !particle {
            return None;
        }
        out.push(if shouted { analyze::entities::title_case_caps(word) } else { word.to_string() });
    }
    Some(out.join(" "))
}

fn join_names(names: &[String]) -> Option<String> {
    match names {
        [] => None,
        [one] => Some(one.clone()),
        [init @ .., last] => Some(format!("{} and {last}", init.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn author(line: &str) -> Option<String> {
        parse_byline(line).and_then(|byline| byline.author())
    }

    #[test]
    fn credentials_stay_with_their_name() {
        assert_eq!(parse_author_field("Jane Doe, DVM").as_deref(), Some("Jane Doe, DVM"));
        assert_eq!(parse_author_field("By Jane Doe, Ph.D.").as_deref(), Some("Jane Doe, Ph.D."));
        assert_eq!(
            parse_author_field("Jane Doe, MD and Rex Roe").as_deref(),
            Some("Jane Doe, MD and Rex Roe")
        );
        // A second name is still a second author.
        assert_eq!(author("By Jane Doe, Rex Roe").as_deref(), Some("Jane Doe and Rex Roe"));
    }

    #[test]
    fn reads_byline_forms() {
        assert_eq!(author("By Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(
            author("BY JANE DOE AND JOHN O'ROE").as_deref(),
            Some("Jane Doe and John O'Roe")
        );
        assert_eq!(author("By Jane Doe, Reuters").as_deref(), Some("Jane Doe"));
        assert_eq!(author("Author: Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(
            author("Written by Jane Doe & Max Roe").as_deref(),
            Some("Jane Doe and Max Roe")
        );
        assert_eq!(author("Jane Doe, Reuters").as_deref(), Some("Jane Doe"));
        assert_eq!(author("Jane Doe | AP").as_deref(), Some("Jane Doe"));
        assert_eq!(
            author("By Ann Lee, Bo Kim and Cy Hall").as_deref(),
            Some("Ann Lee, Bo Kim and Cy Hall")
        );
        assert_eq!(author("By Jane Doe, Political Editor").as_deref(), Some("Jane Doe"));
        assert_eq!(author("By Ludwig van Beek in Kyiv").as_deref(), Some("Ludwig van Beek"));
        let byline = parse_byline("By Jane Doe | May 3, 2013").unwrap();
        assert_eq!(
            byline.date.map(|date| date.to_rfc3339()).as_deref(),
            Some("2013-05-03T00:00:00+00:00")
        );
        let byline = parse_byline("By The Associated Press").unwrap();
        assert_eq!(byline.agency.as_deref(), Some("Associated Press"));
        assert!(byline.names.is_empty());
    }

    #[test]
    fn rejects_sentences() {
        assert_eq!(parse_byline("By the end of the year, prices rose."), None);
        assert_eq!(parse_byline("By Monday, officials had left"), None);
        assert_eq!(parse_byline("Jane Doe, the minister"), None);
        assert_eq!(parse_byline("Paris, France"), None);
    }
}
