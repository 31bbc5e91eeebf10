//! robots.txt (RFC 9309): the rules of the group for our user agent, or of `*`.

use std::time::Duration;

/// The rules that apply to us on one host.
#[derive(Debug, Clone, Default)]
pub(crate) struct Robots {
    rules: Vec<Rule>,
    /// A `Crawl-delay` the host asks for (not in the RFC, but widely used).
    pub(crate) crawl_delay: Option<Duration>,
}

#[derive(Debug, Clone)]
struct Rule {
    allow: bool,
    pattern: String,
}

impl Robots {
    /// No rules: everything is allowed (no robots.txt, or a 4xx answer).
    pub(crate) fn allow_all() -> Robots {
        Robots::default()
    }

    /// Everything is disallowed (robots.txt unreachable with a 5xx, as RFC 9309 §2.3.1.4 says).
    pub(crate) fn disallow_all() -> Robots {
        Robots { rules: vec![Rule { allow: false, pattern: "/".to_string() }], crawl_delay: None }
    }

    /// Parses robots.txt for the product token `agent` (e.g. `ParallaxBot`).
    pub(crate) fn parse(text: &str, agent: &str) -> Robots {
        let agent = agent.to_ascii_lowercase();
        let mut ours = Robots::default();
        let mut any = Robots::default();
        let mut found_ours = false;
        // The agents of the group being read, and whether its rules have begun (a user-agent
        // line after rules starts a new group).
        let mut group_agents: Vec<String> = Vec::new();
        let mut in_rules = false;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else { continue };
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim();
            if key == "user-agent" {
                if in_rules {
                    group_agents.clear();
                    in_rules = false;
                }
                let token = value.split('/').next().unwrap_or("").trim().to_ascii_lowercase();
                group_agents.push(token);
                continue;
            }
            let targets_ours = group_agents.contains(&agent);
            let targets_any = group_agents.iter().any(|it| it == "*");
            match key.as_str() {
                "allow" | "disallow" | "crawl-delay" => in_rules = true,
                _ => continue,
            }
            found_ours |= targets_ours;
            for (targeted, robots) in [(targets_ours, &mut ours), (targets_any, &mut any)] {
                if !targeted {
                    continue;
                }
                match key.as_str() {
                    "crawl-delay" => {
                        robots.crawl_delay = value
                            .parse::<f64>()
                            .ok()
                            .filter(|it| it.is_finite() && *it >= 0.0)
                            .map(|it| Duration::from_secs_f64(it.min(3600.0)));
                    }
                    // An empty `Disallow:` allows everything: it adds no rule.
                    _ if value.is_empty() => (),
                    _ => robots
                        .rules
                        .push(Rule { allow: key == "allow", pattern: value.to_string() }),
                }
            }
        }
        match found_ours {
            true => ours,
            false => any,
        }
    }

    /// Whether `path` (path and query of a URL) may be fetched: the longest matching rule
    /// decides, and an allow wins a tie.
    pub(crate) fn allows(&self, path: &str) -> bool {
        let mut best: Option<(usize, bool)> = None;
        for rule in &self.rules {
            if !matches(rule.pattern.as_bytes(), path.as_bytes()) {
                continue;
            }
            let len = rule.pattern.len();
            best = match best {
                Some((best_len, best_allow))
                    if best_len > len || (best_len == len && best_allow) =>
                {
                    Some((best_len, best_allow))
                }
                _ => Some((len, rule.allow)),
            };
        }
        best.is_none_or(|(_, allow)| allow)
    }
}

/// Whether `pattern` (with `*` for any run of characters and a final `$` for the end) matches
/// a prefix of `path`. Dynamic programming, so a hostile pattern of many `*` stays linear in
/// the path per pattern byte.
fn matches(pattern: &[u8], path: &[u8]) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix(b"$") {
        Some(pattern) => (pattern, true),
        None => (pattern, false),
    };
    // `reachable[at]`: the pattern read so far can match `path[..at]`.
    let mut reachable = vec![false; path.len() + 1];
    reachable[0] = true;
    for &byte in pattern {
        if byte == b'*' {
            let mut seen = false;
            for it in reachable.iter_mut() {
                seen |= *it;
                *it = seen;
            }
        } else {
            for at in (0..path.len()).rev() {
                reachable[at + 1] = reachable[at] && path[at] == byte;
            }
            reachable[0] = false;
        }
    }
    match anchored {
        true => reachable[path.len()],
        false => reachable.iter().any(|&it| it),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROBOTS: &str = "
User-agent: *
Disallow: /

User-agent: GoogleBot
User-agent: ParallaxBot/1.0
Disallow: /private
Allow: /private/press
Disallow: /*.pdf$
Crawl-delay: 2
";

    #[test]
    fn our_group_wins_over_the_star_group_with_longest_match() {
        let robots = Robots::parse(ROBOTS, "ParallaxBot");
        assert!(robots.allows("/news/today"));
        assert!(!robots.allows("/private/notes"));
        assert!(robots.allows("/private/press/release"));
        assert!(!robots.allows("/files/report.pdf"));
        assert!(robots.allows("/files/report.pdf?x=1"));
        assert_eq!(robots.crawl_delay, Some(Duration::from_secs(2)));
        let other = Robots::parse(ROBOTS, "OtherBot");
        assert!(!other.allows("/news/today"));
    }

    #[test]
    fn empty_disallow_allows_everything() {
        let robots = Robots::parse("User-agent: *\nDisallow:\n", "ParallaxBot");
        assert!(robots.allows("/anything"));
        assert!(!Robots::disallow_all().allows("/"));
    }
}
