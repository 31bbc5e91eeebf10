//! Quotes: the same quote carried by several articles merged into one.

use analyze::quotes::QuoteMention;
use model::report::Quote;

use crate::facts::distinct_sources;
use crate::ArticleRef;

/// Two quotes are the same when this share of the shorter one's words is in the longer one
/// (outlets trim quotes and fix their punctuation, rarely their words).
const SAME_QUOTE_OVERLAP: f64 = 0.8;
/// Quotes shorter than this many words merge only when their words are identical: "No" and
/// "No comment" are not the same quote.
const MIN_FUZZY_WORDS: usize = 3;

/// Merges quote mentions, each with the index of its article in `refs`, into report quotes.
///
/// The merged quote keeps its longest wording and its best speaker: a named one, the fullest
/// name, then the most frequent. Quotes carried by most outlets come first, then by first
/// appearance.
pub(crate) fn merge_quotes(
    refs: &[ArticleRef<'_>],
    mentions: &[(usize, QuoteMention)],
) -> Vec<Quote> {
    let words: Vec<Vec<String>> = mentions.iter().map(|(_, m)| word_set(&m.text)).collect();
    let mut group_of: Vec<usize> = (0..mentions.len()).collect();
    for a in 0..mentions.len() {
        for b in a + 1..mentions.len() {
            if same_quote(&words[a], &words[b]) {
                let (ga, gb) = (find(&mut group_of, a), find(&mut group_of, b));
                group_of[ga.max(gb)] = ga.min(gb);
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_index: Vec<Option<usize>> = vec![None; mentions.len()];
    for idx in 0..mentions.len() {
        let root = find(&mut group_of, idx);
        match group_index[root] {
            Some(g) => groups[g].push(idx),
            None => {
                group_index[root] = Some(groups.len());
                groups.push(vec![idx]);
            }
        }
    }
    let mut res: Vec<(usize, Quote)> = groups
        .iter()
        .map(|group| {
            let text = group.iter().map(|&m| mentions[m].1.text.trim()).fold("", |best, t| {
                if t.len() > best.len() {
                    t
                } else {
                    best
                }
            });
            let mut articles: Vec<usize> = group.iter().map(|&m| mentions[m].0).collect();
            articles.sort_unstable();
            articles.dedup();
            let quote = Quote {
                text: text.to_string(),
                speaker: best_speaker(
                    group.iter().filter_map(|&m| mentions[m].1.speaker.as_deref()),
                ),
                articles: articles.iter().map(|&a| refs[a].id.to_string()).collect(),
                sources: distinct_sources(&articles, refs),
            };
            (group[0], quote)
        })
        .collect();
    res.sort_by_key(|(first, quote)| (std::cmp::Reverse(quote.sources.len()), *first));
    res.into_iter().map(|(_, quote)| quote).collect()
}

fn word_set(text: &str) -> Vec<String> {
    let mut words: Vec<String> = analyze::words(text).map(str::to_lowercase).collect();
    words.sort_unstable();
    words.dedup();
    words
}

fn same_quote(a: &[String], b: &[String]) -> bool {
    let (shorter, longer) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if shorter.is_empty() {
        return false;
    }
    if shorter.len() < MIN_FUZZY_WORDS {
        return shorter == longer;
    }
    let shared = shorter.iter().filter(|w| longer.binary_search(w).is_ok()).count();
    shared as f64 >= SAME_QUOTE_OVERLAP * shorter.len() as f64
}

fn find(parent: &mut [usize], mut idx: usize) -> usize {
    while parent[idx] != idx {
        parent[idx] = parent[parent[idx]];
        idx = parent[idx];
    }
    idx
}

/// The fullest name among the speakers given, then the most frequent, then the first.
fn best_speaker<'a>(speakers: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut counted: Vec<(&str, usize)> = Vec::new();
    for speaker in speakers.map(str::trim).filter(|s| !s.is_empty()) {
        match counted.iter_mut().find(|(s, _)| s.eq_ignore_ascii_case(speaker)) {
            Some(entry) => entry.1 += 1,
            None => counted.push((speaker, 1)),
        }
    }
    let mut best: Option<(&str, usize, usize)> = None;
    for (speaker, count) in counted {
        let n_words = analyze::words(speaker).count();
        if best.is_none_or(|(_, w, c)| (n_words, count) > (w, c)) {
            best = Some((speaker, n_words, count));
        }
    }
    best.map(|(speaker, _, _)| speaker.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs() -> Vec<ArticleRef<'static>> {
        vec![
            ArticleRef { id: "a", source: "Harbor Gazette" },
            ArticleRef { id: "b", source: "Valley Times" },
            ArticleRef { id: "c", source: "Coast Wire" },
        ]
    }

    fn quote(text: &str, speaker: Option<&str>) -> QuoteMention {
        QuoteMention { text: text.to_string(), speaker: speaker.map(str::to_string), start: 0 }
    }

    #[test]
    fn same_quote_in_two_outlets_merges_with_the_full_speaker_name() {
        let mentions = vec![
            (0, quote("We will rebuild the bridge before winter", Some("Meyer"))),
            (1, quote("We will rebuild the bridge before winter,", Some("Mayor Ana Meyer"))),
            (1, quote("The water came faster than anyone expected", None)),
            (2, quote("we will rebuild the bridge before the winter", None)),
        ];
        let quotes = merge_quotes(&refs(), &mentions);
        assert_eq!(quotes.len(), 2);
        assert_eq!(quotes[0].articles, ["a", "b", "c"]);
        assert_eq!(quotes[0].sources, ["Harbor Gazette", "Valley Times", "Coast Wire"]);
        assert_eq!(quotes[0].speaker.as_deref(), Some("Mayor Ana Meyer"));
        assert_eq!(quotes[1].articles, ["b"]);
        assert_eq!(quotes[1].speaker, None);
    }

    #[test]
    fn different_quotes_stay_apart() {
        let mentions = vec![
            (0, quote("The dam held for three hours", Some("Ana Meyer"))),
            (1, quote("The levee broke at midnight near the old mill", Some("Ana Meyer"))),
            (2, quote("No", None)),
            (0, quote("No comment", None)),
        ];
        let quotes = merge_quotes(&refs(), &mentions);
        assert_eq!(quotes.len(), 4);
    }
}
