//! Numbers: the same value with the same unit, grouped across articles (a telling value given
//! without a unit joins the one unit that gives it).

use std::collections::BTreeMap;

use analyze::numbers::NumberMention as Mention;
use model::report::NumberMention;

use crate::corpus::same_value;
use crate::facts::distinct_sources;
use crate::ArticleRef;

/// A value's place in the total order of floats, as an integer key.
fn order_key(value: f64) -> i64 {
    let bits = value.to_bits() as i64;
    bits ^ (((bits >> 63) as u64) >> 1) as i64
}

/// The groups (by index) whose first value is near `value`: a superset of those
/// [`same_value`] accepts. None for a value that is not finite, which equals nothing.
fn near(by_value: &BTreeMap<i64, Vec<usize>>, value: f64) -> impl Iterator<Item = usize> + '_ {
    let slack = 2e-9 * value.abs().max(1.0);
    let range = value.is_finite().then(|| order_key(value - slack)..=order_key(value + slack));
    range
        .into_iter()
        .flat_map(|range| by_value.range(range))
        .flat_map(|(_, groups)| groups.iter().copied())
}

/// Groups number mentions, each with the index of its article in `refs`, by value and
/// (case-insensitive) unit. A value given without a unit joins the group of the same value
/// with a unit when there is exactly one and the value is telling ([`telling_value`]: "55.3
/// million" is the "55.3 million people" of another sentence). A group keeps the wording of its first mention with a unit; numbers
/// reported by most outlets come first, then by first appearance.
pub(crate) fn group_numbers(
    refs: &[ArticleRef<'_>],
    mentions: &[(usize, Mention)],
) -> Vec<NumberMention> {
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    let has_unit = |m: &Mention| m.unit.as_deref().is_some_and(|u| !u.trim().is_empty());
    // Values with a unit first, so that a bare value finds them wherever it appears.
    let order = (0..mentions.len())
        .filter(|&idx| has_unit(&mentions[idx].1))
        .chain((0..mentions.len()).filter(|&idx| !has_unit(&mentions[idx].1)));
    // The groups by their first value, to find those of a value without scanning them all.
    let mut by_value: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
    for idx in order {
        let mention = &mentions[idx].1;
        let same_value_in = |unit_wanted: bool| {
            let mut found: Vec<usize> = near(&by_value, mention.value)
                .filter(|&g| {
                    let other = &mentions[groups[g].0].1;
                    same_value(other.value, mention.value)
                        && match unit_wanted {
                            true => has_unit(other),
                            false => same_unit(other.unit.as_deref(), mention.unit.as_deref()),
                        }
                })
                .collect();
            found.sort_unstable();
            found
        };
        let mut existing = same_value_in(false);
        if existing.is_empty() && !has_unit(mention) && telling_value(mention.value) {
            existing = same_value_in(true);
            if existing.len() > 1 {
                // Several units give this value: which one is meant is not known.
                existing.clear();
            }
        }
        match existing.first() {
            Some(&g) => groups[g].1.push(idx),
            None => {
                by_value.entry(order_key(mention.value)).or_default().push(groups.len());
                groups.push((idx, vec![idx]));
            }
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
            (members.iter().copied().min().unwrap_or(first), number)
        })
        .collect();
    // By first appearance: a group's earliest member, bare ones included.
    res.sort_by_key(|(first, number)| (std::cmp::Reverse(number.sources.len()), *first));
    res.into_iter().map(|(_, number)| number).collect()
}

/// Whether a value given without a unit can stand for the same value with a unit: a fraction
/// or a whole number from a thousand up ("55.3 million", "15,000"). Small whole numbers recur
/// by chance in one article (ranks, ages, scores, "12 arrested" beside "12 people injured"),
/// so they stand for nothing but themselves.
pub(crate) fn telling_value(value: f64) -> bool {
    value.fract() != 0.0 || value.abs() >= 1000.0
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

    #[test]
    fn a_value_without_a_unit_joins_the_same_value_with_one() {
        let refs = [
            ArticleRef { id: "a", source: "Harbor Gazette" },
            ArticleRef { id: "b", source: "Valley Times" },
        ];
        let mentions = vec![
            (0, number(55.3e6, None, "55.3 million")),
            (0, number(55.3e6, Some("people"), "55.3 million people")),
            (1, number(55.3e6, None, "55.3 million")),
            (1, number(1200.0, Some("km"), "1,200 km")),
            (1, number(1200.0, Some("homes"), "1,200 homes")),
            (0, number(1200.0, None, "1,200")),
            (1, number(12.0, Some("homes"), "12 homes")),
            (0, number(12.0, None, "12")),
        ];
        let numbers = group_numbers(&refs, &mentions);
        let rendered: Vec<(&str, Vec<String>)> =
            numbers.iter().map(|n| (n.text.as_str(), n.articles.clone())).collect();
        // "1,200" alone could be either count, and "12" could be anything.
        assert_eq!(
            rendered,
            [
                ("55.3 million people", vec!["a".to_string(), "b".to_string()]),
                ("1,200 km", vec!["b".to_string()]),
                ("1,200 homes", vec!["b".to_string()]),
                ("1,200", vec!["a".to_string()]),
                ("12 homes", vec!["b".to_string()]),
                ("12", vec!["a".to_string()]),
            ]
        );
    }
}
