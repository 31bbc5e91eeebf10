//! Who published a text: the name in a copyright line, or the host of its URL.

use std::sync::LazyLock;

use regex::Regex;

/// The publisher named by a copyright line such as "© 2024 The Daily Planet",
/// "Copyright 2023 Acme News Corp. All rights reserved." or "(c) Reuters".
pub(crate) fn copyright_publisher(line: &str) -> Option<String> {
    if line.len() > 300 {
        return None;
    }
    let caps = COPYRIGHT.captures(line.trim())?;
    let mut name = caps.get(1)?.as_str();
    // The name ends where the rights notice or the next sentence starts.
    for stop in [" all rights", " All rights", " ALL RIGHTS", ". ", " | ", " - ", "; ", " — "] {
        if let Some(idx) = name.find(stop) {
            let keep_dot = stop == ". " && ends_with_abbreviation(&name[..idx]);
            name = &name[..idx + usize::from(keep_dot)];
        }
    }
    let name = name.trim().trim_end_matches([',', ';', ':', ' ']);
    let name = match name.strip_suffix('.') {
        Some(bare) if !ends_with_abbreviation(bare) => bare,
        _ => name,
    };
    let words = name.split_whitespace().count();
    if !(1..=8).contains(&words)
        || !name.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
    {
        return None;
    }
    Some(name.to_string())
}

/// The host of an http(s) URL without "www." and port, e.g. `example.com`.
pub(crate) fn url_host(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://").map_or(url.trim(), |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    if host.is_empty()
        || !host.contains('.')
        || !host.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-')
    {
        return None;
    }
    Some(host.to_string())
}

static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:©|\(c\)|copyright)\s*)+(?:\d{4}(?:\s*[-–]\s*\d{2,4})?[,.]?\s*)?(?:by\s+)?(?:©\s*)?(?:\d{4}[,.]?\s+)?(.+)$",
    )
    .expect("valid regex")
});

fn ends_with_abbreviation(name: &str) -> bool {
    let last = name.rsplit(' ').next().unwrap_or("");
    matches!(
        last.to_lowercase().as_str(),
        "corp" | "inc" | "ltd" | "co" | "plc" | "llc" | "s.a" | "n.v" | "ag" | "gmbh"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_copyright_lines() {
        let check = |line: &str| copyright_publisher(line);
        assert_eq!(check("© 2024 The Daily Planet").as_deref(), Some("The Daily Planet"));
        assert_eq!(
            check("Copyright 2023 Acme News Corp. All rights reserved.").as_deref(),
            Some("Acme News Corp.")
        );
        assert_eq!(check("(c) Reuters").as_deref(), Some("Reuters"));
        assert_eq!(
            check("Copyright © 2019-2024 Metro Media Group. All rights reserved.").as_deref(),
            Some("Metro Media Group")
        );
        assert_eq!(check("© Copyright 2021, The Times").as_deref(), Some("The Times"));
        assert_eq!(check("Copyright lawyers say the ruling will matter."), None);
    }

    #[test]
    fn reads_url_hosts() {
        assert_eq!(url_host("https://www.example.com/news/a?b=1").as_deref(), Some("example.com"));
        assert_eq!(
            url_host("http://news.example.co.uk:8080").as_deref(),
            Some("news.example.co.uk")
        );
        assert_eq!(url_host("not a url"), None);
    }
}
