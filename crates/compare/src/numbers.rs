//! Numbers: the same value with the same unit, grouped across articles.

use analyze::numbers::NumberMention as Mention;
use model::report::NumberMention;

use crate::corpus::same_value;
use crate::facts::distinct_sources;
use crate::ArticleRef;

/// Groups number mentions, each with the index of its article in `refs`, by value and
/// (case-insensitive) unit. A group keeps the wording of its first mention; numbers reported
/// by most outlets come first, then by first appearance.
pub(crate) fn group_numbers(
    refs: &[ArticleRef<'_>],
    mentions: &[(usize, Mention)],
) -> Vec<NumberMention> {
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for (idx, (_, mention)) in mentions.iter().enumerate() {
        let existing = groups.iter_mut().find(|(first, _)| {
            let other = &mentions[*first].1;
            same_value(other.value, mention.value)
                && same_unit(other.unit.as_deref(), mention.unit.as_deref())
        });
        match existing {
            Some((_, members)) => members.push(idx),
            None => groups.push((idx, vec![idx])),
        }
    }
    let mut res: Vec<(usize, NumberMention)> = groups
        .into_iter()
        .map(|(first, members)| {
            let mut articles: Vec<usize> = members.iter().map(|&m| mentions[m].0).collect();
            articles.sort_unstable();
            articles.dedup();
            let mention = &mentions[first].1;
            let number = NumberMention {
                value: mention.value,
                unit: mention.unit.clone(),
                text: mention.text.clone(),
                articles: articles.iter().map(|&a| refs[a].id.to_string()).collect(),
                sources: distinct_sources(&articles, refs),
                date: iso_date(mention),
            };
            (first, number)
        })
        .collect();
    res.sort_by_key(|(first, number)| (std::cmp::Reverse(number.sources.len()), *first));
    res.into_iter().map(|(_, number)| number).collect()
}

/// Whether two units name the same thing, ignoring case and surrounding space.
pub(crate) fn same_unit(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.trim().eq_ignore_ascii_case(b.trim()),
        (None, None) => true,
        _ => false,
    }
}

/// The day a date mention names, as ISO 8601; `None` for other numbers.
fn iso_date(mention: &Mention) -> Option<String> {
    if mention.unit.as_deref() != Some(crate::DATE_UNIT) {
        return None;
    }
    let day = mention.value as u64;
    Some(format!("{:04}-{:02}-{:02}", day / 10_000, day / 100 % 100, day % 100))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(value: f64, unit: Option<&str>, text: &str) -> Mention {
        Mention { value, unit: unit.map(str::to_string), text: text.to_string(), start: 0 }
    }

    #[test]
    fn same_value_and_unit_group_across_outlets() {
        let refs = [
            ArticleRef { id: "a", source: "Harbor Gazette" },
            ArticleRef { id: "b", source: "Valley Times" },
        ];
        let mentions = vec![
            (0, number(40.0, Some("homes"), "40 homes")),
            (0, number(3.0, Some("people"), "three people")),
            (1, number(3.0, Some("People"), "3 people")),
            (1, number(40.0, Some("km"), "40 km")),
        ];
        let numbers = group_numbers(&refs, &mentions);
        let rendered: Vec<(String, Vec<String>)> =
            numbers.iter().map(|n| (n.text.clone(), n.articles.clone())).collect();
        assert_eq!(
            rendered,
            [
                ("three people".to_string(), vec!["a".to_string(), "b".to_string()]),
                ("40 homes".to_string(), vec!["a".to_string()]),
                ("40 km".to_string(), vec!["b".to_string()]),
            ]
        );
        assert_eq!(numbers[0].sources, ["Harbor Gazette", "Valley Times"]);
    }
}
