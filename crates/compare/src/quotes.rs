//! Quotes: the same quote carried by several articles merged into one.

use std::collections::HashMap;

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
    let sets = word_sets(mentions.iter().map(|(_, mention)| mention.text.as_str()));
    let group_of = same_quote_groups(&sets);
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_index: Vec<Option<usize>> = vec![None; mentions.len()];
    for (idx, &root) in group_of.iter().enumerate() {
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

/// Each text's distinct lower-cased words, as sorted numbers (one number per word across all
/// the texts).
fn word_sets<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<Vec<u32>> {
    let mut numbers: HashMap<String, u32> = HashMap::new();
    texts
        .map(|text| {
            let mut set: Vec<u32> = analyze::words(text)
                .map(|word| {
                    let next = numbers.len() as u32;
                    *numbers.entry(word.to_lowercase()).or_insert(next)
                })
                .collect();
            set.sort_unstable();
            set.dedup();
            set
        })
        .collect()
}

/// Each text's group of texts that are the same quote ([`same_quote`], and texts linked by
/// a chain of such pairs), as a union-find forest whose roots are the groups' first texts.
///
/// Without comparing all pairs: a text with the same words as an earlier one joins it
/// outright, and the rest meet in a set-similarity join with prefix filtering. When the
/// shorter set `x` shares at least `k = ceil(SAME_QUOTE_OVERLAP * |x|)` words with `y`, any
/// `|x| - k + 1` words of `x` include one of `y`'s; so each set looks up only that many of its
/// rarest words, and is compared with the sets at least as long that hold one of them and are
/// not yet in its group. A story with hundreds of articles carries thousands of quotes, and
/// comparing them all was most of its cost; a hostile text repeating one quote ten thousand
/// times made as many million pairs.
fn same_quote_groups(sets: &[Vec<u32>]) -> Vec<usize> {
    let mut group_of: Vec<usize> = (0..sets.len()).collect();
    let union = |group_of: &mut Vec<usize>, a: usize, b: usize| {
        let (ga, gb) = (find(group_of, a), find(group_of, b));
        group_of[ga.max(gb)] = ga.min(gb);
    };
    let mut first_with: HashMap<&[u32], usize> = HashMap::new();
    let mut distinct = vec![false; sets.len()];
    for (idx, set) in sets.iter().enumerate() {
        match first_with.get(set.as_slice()) {
            Some(&first) => union(&mut group_of, first, idx),
            None => {
                first_with.insert(set, idx);
                distinct[idx] = true;
            }
        }
    }
    let n_words = sets.iter().flatten().map(|&word| word as usize + 1).max().unwrap_or(0);
    let mut holders: Vec<Vec<u32>> = vec![Vec::new(); n_words];
    for (idx, set) in sets.iter().enumerate().filter(|(idx, _)| distinct[*idx]) {
        for &word in set {
            holders[word as usize].push(idx as u32);
        }
    }
    let mut last_probe = vec![usize::MAX; sets.len()];
    let mut rarest: Vec<u32> = Vec::new();
    for (a, set) in sets.iter().enumerate() {
        if set.is_empty() || !distinct[a] {
            continue;
        }
        let probes = match set.len() < MIN_FUZZY_WORDS {
            true => 1,
            false => set.len() - min_shared(set.len()) + 1,
        };
        rarest.clone_from(set);
        rarest.sort_by_key(|&word| (holders[word as usize].len(), word));
        for &word in &rarest[..probes] {
            for &b in &holders[word as usize] {
                let b = b as usize;
                let other = &sets[b];
                // Each pair once, from its shorter side (the lower index when equally long).
                if last_probe[b] == a
                    || other.len() < set.len()
                    || (other.len() == set.len() && b <= a)
                {
                    continue;
                }
                last_probe[b] = a;
                if find(&mut group_of, a) != find(&mut group_of, b) && same_quote(set, other) {
                    union(&mut group_of, a, b);
                }
            }
        }
    }
    for idx in 0..sets.len() {
        let root = find(&mut group_of, idx);
        group_of[idx] = root;
    }
    group_of
}

/// The words a set of `len` words must share with a longer one to be the same quote.
fn min_shared(len: usize) -> usize {
    (SAME_QUOTE_OVERLAP * len as f64).ceil() as usize
}

/// Whether two word sets (sorted) are the same quote: the shorter one's words are mostly in
/// the longer one, or, for very short quotes, the words are the same.
fn same_quote(a: &[u32], b: &[u32]) -> bool {
    let (shorter, longer) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if shorter.is_empty() {
        return false;
    }
    if shorter.len() < MIN_FUZZY_WORDS {
        return shorter == longer;
    }
    let shared = shorter.iter().filter(|word| longer.binary_search(word).is_ok()).count();
    shared >= min_shared(shorter.len())
}

fn find(parent: &mut [usize], mut idx: usize) -> usize {
    while parent[idx] != idx {
        parent[idx] = parent[parent[idx]];
        idx = parent[idx];
    }
    idx
}

/// The speaker most of the outlets name, counting a name's shorter forms as its own ("Guest"
/// and "Peter Guest"), in its fullest form: a name before a description, then the name the
/// most outlets give, then the fullest, then the most frequent, then the first. Fullness
/// alone let a body named in one outlet ("Surrey Fire and Rescue Service") win over the
/// officer two others quote.
fn best_speaker<'a>(speakers: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut counted: Vec<(&str, usize)> = Vec::new();
    for speaker in speakers.map(str::trim).filter(|s| !s.is_empty()) {
        match counted.iter_mut().find(|(s, _)| s.eq_ignore_ascii_case(speaker)) {
            Some(entry) => entry.1 += 1,
            None => counted.push((speaker, 1)),
        }
    }
    let key = |speaker: &str, count: usize| {
        let first = analyze::words(speaker).next().unwrap_or_default();
        let named = first.chars().next().is_some_and(char::is_uppercase)
            && !analyze::entities::is_common_word(first);
        let support: usize =
            counted.iter().filter(|(other, _)| holds_name(speaker, other)).map(|(_, c)| c).sum();
        (named, support, analyze::words(speaker).count(), count)
    };
    let best = counted
        .iter()
        .enumerate()
        .max_by_key(|&(idx, &(speaker, count))| (key(speaker, count), std::cmp::Reverse(idx)));
    best.map(|(_, (speaker, _))| speaker.to_string())
}

/// Whether every word of `short` is a word of `name`: "Guest" of "Peter Guest", "Mark Heller"
/// of "Mark Jay Heller", and `name` itself.
fn holds_name(name: &str, short: &str) -> bool {
    analyze::words(short).all(|word| analyze::words(name).any(|w| w.eq_ignore_ascii_case(word)))
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
    fn the_speaker_most_outlets_name_wins_over_a_longer_one() {
        let text = "The building is a total loss";
        let mentions = vec![
            (0, quote(text, Some("Surrey Fire and Rescue Service"))),
            (1, quote(text, Some("Guest"))),
            (2, quote(text, Some("Peter Guest"))),
            (2, quote("The crews worked extremely hard all night", Some("a fire officer"))),
            (1, quote("The crews worked extremely hard all night", Some("Peter Guest"))),
        ];
        let quotes = merge_quotes(&refs(), &mentions);
        assert_eq!(quotes[0].speaker.as_deref(), Some("Peter Guest"));
        assert_eq!(quotes[1].speaker.as_deref(), Some("Peter Guest"));
    }

    #[test]
    fn the_join_finds_exactly_the_groups_that_all_pairs_would() {
        // Quotes drawn from a small vocabulary, so that many overlap partly; word sets of
        // one to twelve words, some repeated.
        let vocabulary = [
            "we", "will", "rebuild", "the", "bridge", "before", "winter", "water", "came", "fast",
            "no", "comment", "dam", "held",
        ];
        let mut state = 0x2545_f491_u64;
        let mut next = |bound: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % bound
        };
        let texts: Vec<String> = (0..300)
            .map(|_| {
                let len = 1 + next(12);
                (0..len)
                    .map(|_| vocabulary[next(vocabulary.len()).min(next(vocabulary.len()))])
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let sets = word_sets(texts.iter().map(String::as_str));
        let joined = same_quote_groups(&sets);
        // The groups all pairs give: every pair of the same quote, chained.
        let mut all_pairs: Vec<usize> = (0..sets.len()).collect();
        let mut matching = 0;
        for a in 0..sets.len() {
            for b in a + 1..sets.len() {
                if same_quote(&sets[a], &sets[b]) {
                    matching += 1;
                    let (ga, gb) = (find(&mut all_pairs, a), find(&mut all_pairs, b));
                    all_pairs[ga.max(gb)] = ga.min(gb);
                }
            }
        }
        let all_pairs: Vec<usize> = (0..sets.len()).map(|idx| find(&mut all_pairs, idx)).collect();
        assert!(matching > 100, "the test needs many matching pairs");
        assert!(joined.iter().collect::<std::collections::HashSet<_>>().len() > 10);
        assert_eq!(joined, all_pairs);
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
