//! Who did what: outlets that name different agents for the same act ("Negotiators from
//! Lumeria brokered the release" and "The deal was brokered by mediators from Ostland").
//!
//! An act is a verb in the past tense with its agent: the subject before it in the active
//! voice, or the phrase after "by" in the passive. Only agents naming an entity are read, and
//! only acts one agent performs: verbs of speech and reaction ("said", "condemned",
//! "welcomed"), which many agents perform at once, are left out.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use model::report::{Conflict, ConflictClaim, EntityKind};
use regex::Regex;

use crate::corpus::{canonical_term, Corpus};
use crate::ArticleRef;

/// An act as one sentence reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Act {
    /// The verb's canonical term ("broker" for "brokered").
    pub(crate) verb: String,
    /// The verb as written.
    pub(crate) verb_text: String,
    /// The agent phrase as written ("mediators from Ostland").
    pub(crate) agent: String,
    /// The lower-cased entities named in the agent phrase.
    pub(crate) entities: Vec<String>,
    /// Their kinds.
    pub(crate) kinds: Vec<EntityKind>,
}

/// Past forms of common verbs that do not end in "-ed".
const IRREGULAR_PAST: &[&str] = &[
    "beat", "bought", "brought", "built", "caught", "chose", "drew", "drove", "fought", "hit",
    "led", "left", "lost", "paid", "ran", "sent", "shot", "sold", "stole", "struck", "threw",
    "won",
];

/// Acts many agents perform together or in turn: speech, reaction, support, attendance. Two
/// outlets naming different agents for them report two acts, not a disagreement.
pub(crate) const SHARED_ACTS: &[&str] = &[
    "said",
    "told",
    "asked",
    "added",
    "stated",
    "reported",
    "announced",
    "claimed",
    "noted",
    "wrote",
    "confirmed",
    "denied",
    "described",
    "explained",
    "expressed",
    "voiced",
    "called",
    "urged",
    "warned",
    "welcomed",
    "condemned",
    "praised",
    "criticized",
    "criticised",
    "slammed",
    "hailed",
    "blamed",
    "accused",
    "rejected",
    "backed",
    "supported",
    "opposed",
    "demanded",
    "questioned",
    "vowed",
    "pledged",
    "promised",
    "thanked",
    "congratulated",
    "mourned",
    "attended",
    "visited",
    "joined",
    "followed",
    "watched",
    "received",
    "signed",
    "voted",
    "approved",
    "agreed",
    "tweeted",
    "posted",
    "shared",
    "quoted",
    "cited",
    "used",
    "needed",
    "wanted",
    "tried",
    "helped",
    "expected",
    "planned",
    "continued",
    "started",
    "ended",
    "included",
    "involved",
    "offered",
    "raised",
    "showed",
    "appeared",
    "seemed",
    "based",
    "located",
    "named",
    "killed",
    "injured",
    "wounded",
    "hurt",
    "affected",
    "interviewed",
    "contacted",
    "identified",
    "arrested",
    "detained",
    "questioned",
    "charged",
    "treated",
    "evacuated",
    "rescued",
];

/// An auxiliary right before a verb: the verb is a participle, not the act of the subject.
const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would",
    "could", "should", "may", "might", "must", "not", "to",
];

/// The passive voice with its agent: "was brokered by mediators from Ostland".
static PASSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:was|were|been|being|is|are)\s+(?:[a-z]+ly\s+)?(?P<verb>[a-z]+)\s+by\s+(?P<agent>[^,;:.()\x22“”—–]+)",
    )
    .unwrap_or_else(|e| panic!("{e}"))
});

/// Words that end an agent phrase: what follows is an adjunct ("after six weeks of talks").
const AGENT_ENDS: &[&str] = &[
    "after", "before", "during", "on", "in", "at", "amid", "when", "while", "who", "which", "that",
    "as", "with", "last", "this", "earlier", "for", "to", "and", "but",
];

/// An agent phrase holds at most this many words.
const MAX_AGENT_WORDS: usize = 6;

/// Whether a word is a verb in the past tense (or a past participle) by its form.
pub(crate) fn is_past(word: &str) -> bool {
    (word.len() > 4 && word.ends_with("ed") && word.chars().all(|c| c.is_ascii_lowercase()))
        || IRREGULAR_PAST.contains(&word)
}

/// The agent phrase starting `text`: up to an adjunct or `MAX_AGENT_WORDS` words.
fn agent_phrase(text: &str) -> &str {
    let mut end = 0;
    for (n, word) in analyze::words(text).enumerate() {
        if n >= MAX_AGENT_WORDS || AGENT_ENDS.contains(&word) {
            break;
        }
        end = word.as_ptr() as usize - text.as_ptr() as usize + word.len();
    }
    text[..end].trim()
}

/// The acts of a sentence whose agents name an entity. `entities` are the sentence's entity
/// mentions: byte offset in `sentence`, lower-cased name and kind.
pub(crate) fn acts(sentence: &str, entities: &[(usize, String, EntityKind)]) -> Vec<Act> {
    let base = sentence.as_ptr() as usize;
    let named = |start: usize, end: usize| -> (Vec<String>, Vec<EntityKind>) {
        let mut found: Vec<(&String, EntityKind)> = entities
            .iter()
            .filter(|(at, _, _)| (start..end).contains(at))
            .map(|(_, name, kind)| (name, *kind))
            .collect();
        found.sort_unstable_by(|a, b| a.0.cmp(b.0));
        found.dedup_by(|a, b| a.0 == b.0);
        found.into_iter().map(|(name, kind)| (name.clone(), kind)).unzip()
    };
    let mut res = Vec::new();
    let mut push = |verb_text: &str, agent: &str| {
        if SHARED_ACTS.contains(&verb_text) {
            return;
        }
        let start = agent.as_ptr() as usize - base;
        let (entities, kinds) = named(start, start + agent.len());
        if entities.is_empty() {
            return;
        }
        let Some(verb) = canonical_term(verb_text) else { return };
        let (verb_text, agent) = (verb_text.to_string(), agent.to_string());
        res.push(Act { verb, verb_text, agent, entities, kinds });
    };
    for caps in PASSIVE.captures_iter(sentence) {
        let (Some(verb), Some(agent)) = (caps.name("verb"), caps.name("agent")) else { continue };
        if is_past(verb.as_str()) {
            push(verb.as_str(), agent_phrase(agent.as_str()));
        }
    }
    // The active voice: the first verb, after a subject that is a plain noun phrase.
    let words: Vec<&str> = analyze::words(sentence).collect();
    for (n, word) in words.iter().enumerate().take(MAX_AGENT_WORDS + 1) {
        let lower = word.chars().all(|c| !c.is_uppercase());
        if !lower || !is_past(word) {
            if lower && n > 0 && AUXILIARIES.contains(word) {
                break;
            }
            continue;
        }
        if n == 0 {
            break;
        }
        let end = word.as_ptr() as usize - base;
        let subject = sentence[..end].trim_end();
        if subject.contains([',', ';', ':', '"', '“', '”', '—', '–', '(']) {
            break;
        }
        push(word, subject);
        break;
    }
    res
}

/// The who-did-what conflicts of a story: outlets that name different agents for the same
/// act. For each verb, the acts of the story's sentences (at most one per article: an article
/// reporting the verb twice with different agents tells of several acts) are grouped by the
/// entities their agents name; two groups from different outlets disagree when no article of
/// one names an entity of the other anywhere (an article naming both may tell of a joint act).
pub(crate) fn agent_conflicts(
    refs: &[ArticleRef<'_>],
    corpus: &Corpus<'_>,
    doc_articles: &[usize],
    entity_mentions: &[(usize, analyze::entities::EntityMention)],
) -> Vec<Conflict> {
    // Each article's entities by offset: byte offset, lower-cased name, kind.
    let mut entities_of: Vec<Vec<(usize, String, EntityKind)>> = vec![Vec::new(); refs.len()];
    for (article, m) in entity_mentions {
        entities_of[*article].push((m.start, m.name.to_lowercase(), m.kind));
    }
    for list in &mut entities_of {
        list.sort_by_key(|(start, _, _)| *start);
    }
    // Acts by verb: (article, act), in unit order.
    let mut by_verb: BTreeMap<String, Vec<(usize, Act)>> = BTreeMap::new();
    for unit in &corpus.units {
        let article = doc_articles[unit.doc];
        let list = &entities_of[article];
        let from = list.partition_point(|(at, _, _)| *at < unit.start);
        let to = list.partition_point(|(at, _, _)| *at < unit.start + unit.text.len());
        if from == to {
            continue;
        }
        let entities: Vec<(usize, String, EntityKind)> = list[from..to]
            .iter()
            .map(|(at, name, kind)| (at - unit.start, name.clone(), *kind))
            .collect();
        for act in acts(unit.text, &entities) {
            by_verb.entry(act.verb.clone()).or_default().push((article, act));
        }
    }
    let names_of = |article: usize| -> Vec<&str> {
        entities_of[article].iter().map(|(_, name, _)| name.as_str()).collect()
    };
    let mut res = Vec::new();
    for acts in by_verb.values() {
        // One act per article; an article with acts by different agents drops out.
        let mut per_article: Vec<(usize, &Act)> = Vec::new();
        let mut plural: Vec<usize> = Vec::new();
        for (article, act) in acts {
            match per_article.iter().find(|(a, _)| a == article) {
                Some((_, seen)) if seen.entities != act.entities => plural.push(*article),
                Some(_) => {}
                None => per_article.push((*article, act)),
            }
        }
        per_article.retain(|(a, _)| !plural.contains(a));
        // Groups of articles naming the same agent entities.
        let mut groups: Vec<(&Act, Vec<usize>)> = Vec::new();
        for (article, act) in &per_article {
            match groups.iter_mut().find(|(first, _)| first.entities == act.entities) {
                Some((_, articles)) => articles.push(*article),
                None => groups.push((act, vec![*article])),
            }
        }
        if groups.len() < 2 {
            continue;
        }
        let sources = |articles: &[usize]| -> Vec<&str> {
            let mut s: Vec<&str> = articles.iter().map(|&a| refs[a].source).collect();
            s.sort_unstable();
            s.dedup();
            s
        };
        let all_sources = sources(&groups.iter().flat_map(|(_, a)| a.clone()).collect::<Vec<_>>());
        if all_sources.len() < 2 {
            continue;
        }
        // The agents are of one kind (two people, two places: "an Atlanta judge" may well
        // be Judge Bodiford), every article names only its own group's agents, and no
        // agent's entity is part of another's ("Navy" and "Indian Navy").
        let overlapping = |x: &Act, y: &Act| {
            x.entities.iter().any(|e| {
                y.entities.iter().any(|f| e.contains(f.as_str()) || f.contains(e.as_str()))
            })
        };
        let mut exclusive = true;
        for (i, (act, articles)) in groups.iter().enumerate() {
            for (j, (other, _)) in groups.iter().enumerate() {
                if i == j {
                    continue;
                }
                if overlapping(act, other)
                    || !act.kinds.iter().any(|k| other.kinds.contains(k))
                    || articles.iter().any(|&a| {
                        let names = names_of(a);
                        other.entities.iter().any(|e| names.contains(&e.as_str()))
                    })
                {
                    exclusive = false;
                }
            }
        }
        if !exclusive {
            continue;
        }
        let claims = groups
            .iter()
            .map(|(act, articles)| {
                let mut articles = articles.clone();
                articles.sort_unstable();
                ConflictClaim {
                    text: act.agent.clone(),
                    articles: articles.iter().map(|&a| refs[a].id.to_string()).collect(),
                }
            })
            .collect();
        res.push(Conflict { about: format!("who {}", groups[0].0.verb_text), claims });
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entities_of(sentence: &str) -> Vec<(usize, String, EntityKind)> {
        analyze::entities::find_entities(sentence)
            .into_iter()
            .map(|m| (m.start, m.name.to_lowercase(), m.kind))
            .collect()
    }

    fn agents(sentence: &str) -> Vec<(String, String)> {
        acts(sentence, &entities_of(sentence)).into_iter().map(|a| (a.verb, a.agent)).collect()
    }

    #[test]
    fn agents_are_read_in_both_voices() {
        assert_eq!(
            agents("Engineers from Velsen designed the new harbor crane in two years."),
            [("design".to_string(), "Engineers from Velsen".to_string())]
        );
        assert_eq!(
            agents("The harbor crane was designed by engineers from Velsen, the port said."),
            [("design".to_string(), "engineers from Velsen".to_string())]
        );
    }

    #[test]
    fn acts_without_a_named_agent_or_shared_by_many_are_left_out() {
        // No entity in the agent.
        assert_eq!(agents("The workers repaired the old harbor crane in two days."), []);
        // Reactions and speech are acts of many.
        assert_eq!(agents("Officials in Velsen condemned the attack on the harbor."), []);
        assert_eq!(agents("The plan was welcomed by the mayor of Velsen on Monday."), []);
        // A participle after an auxiliary is not the subject's act.
        assert_eq!(agents("Velsen has been hit by floods twice this year."), []);
    }
}
