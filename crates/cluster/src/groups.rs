//! Two groups among a young story's articles: by their words (two-means) or by the names
//! each group has to itself. `Clusterer::split` decides what to do with them.

use crate::vector::{add_sorted, dot, norm, Centroid};
use crate::{
    union_span, FastMap, Member, MAX_SPLIT_SIZE, MIN_NAME_GROUP, MIN_OWN_NAMES,
    MIN_OWN_NAMES_ONE_SIDED, MIN_SPLIT_SIZE,
};

/// Whether `word`, a slice of `text`, is written as a name: capitalised, starting within the
/// first `end` bytes, and neither the first word of a sentence or line nor after a colon.
/// Capitalised words give people, places, teams and products ("Chiefs", "Aoraki") that the
/// entity finder, which prefers precision, leaves out: as the names of a split they scored
/// ECB+ 0.834 against 0.813 with the entities found (ten orders).
pub(crate) fn is_name(text: &str, word: &str, end: usize) -> bool {
    let at = word.as_ptr() as usize - text.as_ptr() as usize;
    if at >= end || !word.starts_with(char::is_uppercase) {
        return false;
    }
    let before = text[..at].trim_end_matches([' ', '"', '\'', '(', '\u{201c}', '\u{2018}']);
    !(before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':', ';']))
}

/// Two groups of a young story's articles that name different people and places. A group
/// is the articles that give one name; a pair of disjoint groups of at least
/// `MIN_NAME_GROUP` articles each, together three quarters of the articles or more,
/// qualifies when each group has at least `MIN_OWN_NAMES` names of its own (in 60% of its
/// articles or more and in none outside it); of those, the pair whose weaker group has the
/// most names of its own wins. Failing such a pair, one group with
/// `MIN_OWN_NAMES_ONE_SIDED` names of its own against all the rest (`one_sided_group`).
/// The articles in neither group go with the group whose centroid is nearer. Returns
/// whether each article is in the first group.
///
/// Sibling events (two drink-driving arrests of Chargers players, a month apart) share
/// most words but not the people: "Vincent Jackson" is in every article of one and in none
/// of the other, "Jamal Williams" the other way round. One event's articles share their
/// main names, and a name only some of them give (a lawyer, a witness) seldom has a
/// counterpart that only the others give.
pub(crate) fn name_partition(members: &[Member]) -> Option<Vec<bool>> {
    let n = members.len();
    // The articles of a group are bits of a `u32`.
    if !(MIN_SPLIT_SIZE..=MAX_SPLIT_SIZE.min(32)).contains(&n) {
        return None;
    }
    // Which members name each term, as a bit mask.
    let mut masks: FastMap<u32, u32> = FastMap::default();
    for (i, member) in members.iter().enumerate() {
        for &term in &member.names {
            *masks.entry(term).or_default() |= 1 << i;
        }
    }
    // Distinct masks of names in 2 to n - 2 articles, with the number of names of each.
    let mut by_mask: FastMap<u32, u32> = FastMap::default();
    for &mask in masks.values() {
        let count = mask.count_ones() as usize;
        if count >= 2 && count + 2 <= n {
            *by_mask.entry(mask).or_default() += 1;
        }
    }
    let mut groups: Vec<(u32, u32)> = by_mask.into_iter().collect();
    groups.sort_unstable();
    // Names of a group's own: in none of the articles outside it, in 60% of it or more.
    let own_names = |group: u32| -> u32 {
        let size = group.count_ones();
        groups
            .iter()
            .filter(|&&(mask, _)| {
                mask & !group == 0 && names_most_of(mask.count_ones() as usize, size as usize)
            })
            .map(|&(_, names)| names)
            .sum()
    };
    let mut best: Option<(u32, u32, u32)> = None;
    for (i, &(a, _)) in groups.iter().enumerate() {
        for &(b, _) in &groups[i + 1..] {
            if a & b != 0
                || 4 * (a | b).count_ones() < 3 * n as u32
                || a.count_ones().min(b.count_ones()) < MIN_NAME_GROUP
            {
                continue;
            }
            let score = own_names(a).min(own_names(b));
            if score >= MIN_OWN_NAMES && best.is_none_or(|(top, _, _)| score > top) {
                best = Some((score, a, b));
            }
        }
    }
    if best.is_none() {
        best = one_sided_group(&groups, n, own_names);
    }
    let (_, a, b) = best?;
    let in_group = |mask: u32, i: usize| mask & (1 << i) != 0;
    let mut in_a: Vec<bool> = (0..n).map(|i| in_group(a, i)).collect();
    let (mut center_a, mut center_b) = (Vec::new(), Vec::new());
    for (i, member) in members.iter().enumerate() {
        if in_group(a, i) {
            center_a = add_sorted(&center_a, &member.vector);
        } else if in_group(b, i) {
            center_b = add_sorted(&center_b, &member.vector);
        }
    }
    let (norm_a, norm_b) = (norm(&center_a), norm(&center_b));
    for (i, member) in members.iter().enumerate() {
        if !in_group(a | b, i) {
            in_a[i] =
                dot(&member.vector, &center_a) * norm_b >= dot(&member.vector, &center_b) * norm_a;
        }
    }
    Some(in_a)
}

/// A group with many names of its own against all the other articles, which name none of
/// them: sibling events where one side's articles are rich in names (long, dated reports
/// naming the climbers, the rescuers and the peaks) and the other's name few (short briefs
/// of another climber's fall). Returns the score, the group and the rest.
fn one_sided_group(
    groups: &[(u32, u32)],
    n: usize,
    own_names: impl Fn(u32) -> u32,
) -> Option<(u32, u32, u32)> {
    let all = if n == 32 { u32::MAX } else { (1 << n) - 1 };
    let mut best: Option<(u32, u32, u32)> = None;
    for &(a, _) in groups {
        let rest = all & !a;
        if a.count_ones() < MIN_NAME_GROUP || rest.count_ones() <= MIN_NAME_GROUP {
            continue;
        }
        let score = own_names(a);
        if score >= MIN_OWN_NAMES_ONE_SIDED && best.is_none_or(|(top, _, _)| score > top) {
            best = Some((score, a, rest));
        }
    }
    best
}

/// Two groups of a story's articles by two-means over their vectors, seeded with the article
/// farthest from the whole and the article farthest from it; `None` when all fall in one.
/// Returns whether each article is in the first group, and the sums of the two groups.
pub(crate) fn two_means(members: &[Member]) -> Option<(Vec<bool>, [Centroid; 2])> {
    let mut whole = Vec::new();
    for member in members {
        whole = add_sorted(&whole, &member.vector);
    }
    // Members are unit vectors: a cosine with one is a dot product over the other's norm.
    let farthest = |from: &[(u32, f64)]| {
        let scores: Vec<f64> = members.iter().map(|member| dot(&member.vector, from)).collect();
        (0..members.len()).min_by(|&i, &j| scores[i].total_cmp(&scores[j])).unwrap_or(0)
    };
    let a = farthest(&whole);
    let b = farthest(&members[a].vector);
    if a == b {
        return None;
    }
    let (mut center_a, mut center_b) = (members[a].vector.clone(), members[b].vector.clone());
    let mut in_a = vec![false; members.len()];
    for round in 0..5 {
        let (norm_a, norm_b) = (norm(&center_a), norm(&center_b));
        let mut changed = false;
        for (member, side) in members.iter().zip(in_a.iter_mut()) {
            let new_side =
                dot(&member.vector, &center_a) * norm_b >= dot(&member.vector, &center_b) * norm_a;
            changed |= new_side != *side;
            *side = new_side;
        }
        if in_a.iter().all(|&side| side) || in_a.iter().all(|&side| !side) {
            return None;
        }
        // The same groups as last round: the sums are those already at hand.
        if round > 0 && !changed {
            break;
        }
        [center_a, center_b] = sums(members, &in_a);
    }
    Some((in_a, [center_a, center_b]))
}

/// The sums of the members' vectors in the first group and in the second.
pub(crate) fn sums(members: &[Member], in_a: &[bool]) -> [Centroid; 2] {
    let (mut center_a, mut center_b) = (Vec::new(), Vec::new());
    for (member, &side) in members.iter().zip(in_a) {
        let center = if side { &mut center_a } else { &mut center_b };
        *center = add_sorted(center, &member.vector);
    }
    [center_a, center_b]
}

/// Whether two groups of articles were published apart: more than `grace_days` between the
/// dates of one group and those of the other, or undated, which cannot tell. Articles of
/// one event published over the same days can name different people (a lawyer in some, a
/// clinic in others); sibling events are days or years apart.
pub(crate) fn apart_in_time(members: &[Member], in_a: &[bool], grace_days: f64) -> bool {
    let span = |side: bool| {
        let group = members.iter().zip(in_a).filter(|&(_, &s)| s == side);
        group.fold(None, |span, (member, _)| union_span(span, member.published))
    };
    let (Some((a_first, a_last)), Some((b_first, b_last))) = (span(true), span(false)) else {
        return true;
    };
    let gap = (b_first - a_last).max(a_first - b_last);
    gap as f64 > grace_days * 86_400.0
}

/// Whether a name given by `count` of a group's `size` articles is one of the group's own
/// names: in 60% of them or more.
pub(crate) fn names_most_of(count: usize, size: usize) -> bool {
    5 * count >= 3 * size
}
