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
/// The merged quote keeps its longest wording and its best speaker ([`best_speaker`]), each
/// mention's speaker counting by how much of the quote it carries. Quotes carried by most
/// outlets come first, then by first appearance.
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
            // The group's head is its longest word set, which every member is compared with.
            let head = &sets[group_of[group[0]]];
            let carried = |m: usize| {
                let share = shared_words(&sets[m], head) as f64 / head.len().max(1) as f64;
                (share * 1000.0).round() as u32
            };
            let speakers =
                group.iter().filter_map(|&m| Some((mentions[m].1.speaker.as_deref()?, carried(m))));
            let quote = Quote {
                text: text.to_string(),
                speaker: best_speaker(speakers),
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

/// Each text's group of texts that are the same quote, as the index of the group's longest
/// text (its head): texts are taken longest first, and each joins the head that holds most of
/// its words, if that is at least `SAME_QUOTE_OVERLAP` of them (a text of fewer than
/// `MIN_FUZZY_WORDS` words joins only its equal), or heads a group of its own. Only heads gather texts: a partial
/// quote of a few words found in two different long quotes ("checks and balances") joins one
/// of them and does not join them together, as a chain of pairs would.
///
/// Without comparing all pairs: a text with the same words as an earlier one joins it
/// outright, and the rest meet the heads in a set-similarity join with prefix filtering. When
/// the shorter set `x` shares at least `k = ceil(SAME_QUOTE_OVERLAP * |x|)` words with `y`, any
/// `|x| - k + 1` words of `x` include one of `y`'s; so each set looks up only that many of its
/// rarest words among the heads, which are at least as long. A story with hundreds of
/// articles carries thousands of quotes, and comparing them all was most of its cost; a
/// hostile text repeating one quote ten thousand times, or ten thousand versions of it, meets
/// one head each time.
fn same_quote_groups(sets: &[Vec<u32>]) -> Vec<usize> {
    let mut head_of: Vec<usize> = (0..sets.len()).collect();
    let mut first_with: HashMap<&[u32], usize> = HashMap::new();
    let mut distinct: Vec<usize> = Vec::new();
    for (idx, set) in sets.iter().enumerate() {
        match first_with.get(set.as_slice()) {
            Some(&first) => head_of[idx] = first,
            None => {
                first_with.insert(set, idx);
                distinct.push(idx);
            }
        }
    }
    let n_words = sets.iter().flatten().map(|&word| word as usize + 1).max().unwrap_or(0);
    let mut frequency = vec![0u32; n_words];
    for &idx in &distinct {
        for &word in &sets[idx] {
            frequency[word as usize] += 1;
        }
    }
    // Longest first, so that every head is at least as long as the texts that meet it.
    distinct.sort_by_key(|&idx| (std::cmp::Reverse(sets[idx].len()), idx));
    let mut heads_with: Vec<Vec<u32>> = vec![Vec::new(); n_words];
    let mut last_probe = vec![usize::MAX; sets.len()];
    let mut rarest: Vec<u32> = Vec::new();
    // Where each text comes in that order: of two heads sharing as many words, the first made.
    let mut rank = vec![0usize; sets.len()];
    for (n, &idx) in distinct.iter().enumerate() {
        rank[idx] = n;
    }
    for &a in &distinct {
        let set = &sets[a];
        if set.is_empty() {
            continue;
        }
        let probes = match set.len() < MIN_FUZZY_WORDS {
            // Equal sets only, and those met above.
            true => 0,
            false => set.len() - min_shared(set.len()) + 1,
        };
        rarest.clone_from(set);
        rarest.sort_by_key(|&word| (frequency[word as usize], word));
        // The head sharing the most words, the first made on ties.
        let mut best: Option<(usize, usize)> = None;
        for &word in &rarest[..probes] {
            for &head in &heads_with[word as usize] {
                let head = head as usize;
                if last_probe[head] == a {
                    continue;
                }
                last_probe[head] = a;
                let shared = shared_words(set, &sets[head]);
                let better = |(other, most): (usize, usize)| {
                    (shared, std::cmp::Reverse(rank[head])) > (most, std::cmp::Reverse(rank[other]))
                };
                if shared >= min_shared(set.len()) && best.is_none_or(better) {
                    best = Some((head, shared));
                }
            }
        }
        match best {
            Some((head, _)) => head_of[a] = head,
            None => {
                for &word in set {
                    heads_with[word as usize].push(a as u32);
                }
            }
        }
    }
    // A text that joined an equal one earlier has that one's head.
    for idx in 0..sets.len() {
        let first = head_of[idx];
        head_of[idx] = head_of[first];
    }
    head_of
}

/// How many words of the sorted set `a` are in the sorted set `b`.
fn shared_words(a: &[u32], b: &[u32]) -> usize {
    a.iter().filter(|word| b.binary_search(word).is_ok()).count()
}

/// The words a set of `len` words must share with a longer one to be the same quote.
fn min_shared(len: usize) -> usize {
    (SAME_QUOTE_OVERLAP * len as f64).ceil() as usize
}

/// The speaker most of the outlets name, counting a name's shorter forms as its own ("Guest"
/// and "Peter Guest"), in its fullest form: a name before a description, then the name the
/// most outlets give, then the fullest, then the most frequent, then the first. Fullness
/// alone let a body named in one outlet ("Surrey Fire and Rescue Service") win over the
/// officer two others quote.
///
/// Each speaker comes with the share of the quote its mention carries, in thousandths, which
/// is what it counts for: a few words of it found in another's quote ("checks and balances")
/// may be someone else's words.
fn best_speaker<'a>(speakers: impl Iterator<Item = (&'a str, u32)>) -> Option<String> {
    let mut counted: Vec<(&str, u32, usize)> = Vec::new();
    for (speaker, weight) in speakers.map(|(s, w)| (s.trim(), w)).filter(|(s, _)| !s.is_empty()) {
        match counted.iter_mut().find(|(s, _, _)| s.eq_ignore_ascii_case(speaker)) {
            Some(entry) => {
                entry.1 += weight;
                entry.2 += 1;
            }
            None => counted.push((speaker, weight, 1)),
        }
    }
    let key = |speaker: &str, count: usize| {
        let first = analyze::words(speaker).next().unwrap_or_default();
        let named = first.chars().next().is_some_and(char::is_uppercase)
            && !analyze::entities::is_common_word(first);
        let support: u32 = counted
            .iter()
            .filter(|(other, _, _)| holds_name(speaker, other))
            .map(|(_, weight, _)| weight)
            .sum();
        (named, support, analyze::words(speaker).count(), count)
    };
    let best = counted
        .iter()
        .enumerate()
        .max_by_key(|&(idx, &(speaker, _, count))| (key(speaker, count), std::cmp::Reverse(idx)));
    best.map(|(_, (speaker, _, _))| speaker.to_string())
}

/// Whether every word of `short` is a word of `name`: "Guest" of "Peter Guest", "Mark Heller"
/// of "Mark Jay Heller", and `name` itself.
fn holds_name(name: &str, short: &str) -> bool {
    analyze::words(short).all(|word| analyze::words(name).any(|w| w.eq_ignore_ascii_case(word)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether two word sets (sorted) are the same quote, as the join reads them: the shorter
    /// one's words are mostly in the longer one, or, for very short quotes, the words are the
    /// same.
    fn same_quote(a: &[u32], b: &[u32]) -> bool {
        let (shorter, longer) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        if shorter.is_empty() {
            return false;
        }
        if shorter.len() < MIN_FUZZY_WORDS {
            return shorter == longer;
        }
        shared_words(shorter, longer) >= min_shared(shorter.len())
    }

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
    fn the_join_finds_exactly_the_groups_that_comparing_every_head_would() {
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
        // The same grouping by comparing each text with every head: longest first, each text
        // joins the head sharing most of its words, else heads a group.
        let mut order: Vec<usize> = (0..sets.len()).collect();
        order.sort_by_key(|&idx| (std::cmp::Reverse(sets[idx].len()), idx));
        let mut by_heads: Vec<usize> = (0..sets.len()).collect();
        let mut heads: Vec<usize> = Vec::new();
        let mut matching = 0;
        for &a in &order {
            let same: Vec<usize> =
                heads.iter().copied().filter(|&h| same_quote(&sets[a], &sets[h])).collect();
            matching += same.len();
            // Equal sets join the first of them, as the join does.
            let equal = same.iter().copied().filter(|&h| sets[h] == sets[a]).min();
            let most = same.iter().copied().max_by_key(|&h| {
                (
                    shared_words(&sets[a], &sets[h]),
                    std::cmp::Reverse(heads.iter().position(|&x| x == h)),
                )
            });
            match equal.or(most) {
                Some(head) => by_heads[a] = head,
                None => heads.push(a),
            }
        }
        assert!(matching > 100, "the test needs many matching pairs");
        assert!(joined.iter().collect::<std::collections::HashSet<_>>().len() > 10);
        assert_eq!(joined, by_heads);
    }

    #[test]
    fn a_partial_quote_found_in_two_quotes_does_not_join_them() {
        let mentions = vec![
            (
                0,
                quote(
                    "Today the administration restored critical checks and balances to protect \
                     our nation's biodiversity",
                    Some("Francesca Grifo"),
                ),
            ),
            (
                1,
                quote(
                    "The consultation process is one of the key checks and balances that ensures \
                     protection for the birds",
                    Some("Darin Schroeder"),
                ),
            ),
            (2, quote("checks and balances", Some("Jamie Rappaport Clark"))),
        ];
        let quotes = merge_quotes(&refs(), &mentions);
        let speakers: Vec<Option<&str>> = quotes.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(quotes.len(), 2, "{speakers:?}");
        assert!(speakers.contains(&Some("Francesca Grifo")), "{speakers:?}");
        assert!(speakers.contains(&Some("Darin Schroeder")), "{speakers:?}");
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
