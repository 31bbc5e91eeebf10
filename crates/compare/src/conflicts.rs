//! Conflicts: sources that report different values for the same counted thing.

use model::report::{Conflict, ConflictClaim};

use crate::corpus::same_value;
use crate::numbers::same_unit;
use crate::ArticleRef;

/// A number with a unit, as one article reports it.
pub(crate) struct NumberClaim {
    pub(crate) article: usize,
    pub(crate) value: f64,
    pub(crate) unit: String,
    /// The number phrase as written.
    pub(crate) text: String,
}

/// Finds conflicts among number claims. Two claims conflict when they come from different
/// outlets, count the same unit with different values, `related` says their contexts are
/// about the same thing, and no single article reports both values (an article giving both
/// is counting two different things, e.g. troops at two borders). Connected conflicting
/// claims form one conflict, whose claims are grouped by value.
pub(crate) fn find_conflicts(
    refs: &[ArticleRef<'_>],
    claims: &[NumberClaim],
    related: &dyn Fn(usize, usize) -> bool,
) -> Vec<Conflict> {
    let reports = |article: usize, value: f64, unit: &str| {
        claims.iter().any(|c| {
            c.article == article
                && same_value(c.value, value)
                && same_unit(Some(&c.unit), Some(unit))
        })
    };
    let mut component: Vec<usize> = (0..claims.len()).collect();
    let mut in_conflict = vec![false; claims.len()];
    for a in 0..claims.len() {
        for b in a + 1..claims.len() {
            let (ca, cb) = (&claims[a], &claims[b]);
            let disagree = refs[ca.article].source != refs[cb.article].source
                && same_unit(Some(&ca.unit), Some(&cb.unit))
                && !same_value(ca.value, cb.value)
                && !reports(ca.article, cb.value, &cb.unit)
                && !reports(cb.article, ca.value, &ca.unit);
            if disagree && related(a, b) {
                let (ra, rb) = (component[a], component[b]);
                let (keep, gone) = (ra.min(rb), ra.max(rb));
                component.iter_mut().filter(|c| **c == gone).for_each(|c| *c = keep);
                in_conflict[a] = true;
                in_conflict[b] = true;
            }
        }
    }
    let mut res = Vec::new();
    for root in 0..claims.len() {
        let members: Vec<usize> =
            (0..claims.len()).filter(|&m| in_conflict[m] && component[m] == root).collect();
        if members.is_empty() {
            continue;
        }
        let mut by_value: Vec<(usize, Vec<usize>)> = Vec::new();
        for &m in &members {
            match by_value
                .iter_mut()
                .find(|(first, _)| same_value(claims[*first].value, claims[m].value))
            {
                Some((_, articles)) => articles.push(claims[m].article),
                None => by_value.push((m, vec![claims[m].article])),
            }
        }
        let claims_out = by_value
            .into_iter()
            .map(|(first, mut articles)| {
                articles.sort_unstable();
                articles.dedup();
                ConflictClaim {
                    text: claims[first].text.clone(),
                    articles: articles.iter().map(|&a| refs[a].id.to_string()).collect(),
                }
            })
            .collect();
        res.push(Conflict { about: claims[members[0]].unit.clone(), claims: claims_out });
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    const REFS: [ArticleRef<'static>; 3] = [
        ArticleRef { id: "a", source: "Harbor Gazette" },
        ArticleRef { id: "b", source: "Valley Times" },
        ArticleRef { id: "c", source: "Harbor Gazette" },
    ];

    fn claim(article: usize, value: f64, unit: &str, text: &str) -> NumberClaim {
        NumberClaim { article, value, unit: unit.to_string(), text: text.to_string() }
    }

    #[test]
    fn different_counts_of_the_same_thing_conflict() {
        let claims = vec![
            claim(0, 12.0, "people", "12 people"),
            claim(1, 15.0, "People", "at least 15 people"),
            claim(0, 40.0, "homes", "40 homes"),
            claim(1, 45.0, "homes", "45 homes"),
        ];
        // Only the casualty sentences are about the same thing.
        let related = |a: usize, b: usize| (a, b) == (0, 1);
        let conflicts = find_conflicts(&REFS, &claims, &related);
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].about, "people");
        let claims: Vec<(&str, Vec<String>)> =
            conflicts[0].claims.iter().map(|c| (c.text.as_str(), c.articles.clone())).collect();
        assert_eq!(
            claims,
            [("12 people", vec!["a".to_string()]), ("at least 15 people", vec!["b".to_string()])]
        );
    }

    #[test]
    fn same_outlet_or_both_values_in_one_article_is_no_conflict() {
        let claims = vec![
            claim(0, 12.0, "people", "12 people"),
            claim(2, 15.0, "people", "15 people"),
            claim(1, 40.0, "troops", "40 troops"),
            claim(0, 30.0, "troops", "30 troops"),
            claim(0, 40.0, "troops", "40 troops"),
        ];
        let conflicts = find_conflicts(&REFS, &claims, &|_, _| true);
        assert_eq!(conflicts, []);
    }
}
