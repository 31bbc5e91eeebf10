//! A sentence's main act as a key: who did what to whom, by the entities it names. Outlets
//! wrap one act in sentences of very different shapes and details ("Brennick Shipping bought
//! the Port of Halvard from the regional government on Tuesday, ending ten years of public
//! ownership" and "After eight months of talks, Brennick Shipping has bought the Port of
//! Halvard, the company announced"): their words overlap too little for a cosine to align
//! them, while the agent, the verb and its object are the same.
//!
//! Only acts that name both their agent and their object as entities count, in the active
//! voice, with the verb in the past tense; verbs of speech and reaction, which many agents
//! perform at once, do not (`agents::SHARED_ACTS`).

use crate::agents::{is_past, SHARED_ACTS};
use crate::corpus::canonical_term;

/// Who did what to whom: lower-cased entity names and the verb's canonical term with the
/// particle that follows it ("check into" is not "check out").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Claim {
    agent: String,
    act: String,
    object: String,
}

impl Claim {
    /// What every claim of the same act shares: the verb with its particle and the last words
    /// of the agent's and the object's names.
    pub(crate) fn key(&self) -> String {
        let last = |name: &str| name.rsplit(' ').next().unwrap_or_default().to_string();
        format!("{}|{}|{}", self.act, last(&self.agent), last(&self.object))
    }

    /// Whether two claims tell of the same act: the same verb and particle, and the same
    /// agent and object, where a name that ends another ("Lindsay Lohan" and "actress Lindsay
    /// Lohan") is the same.
    pub(crate) fn same_act(&self, other: &Claim) -> bool {
        self.act == other.act && self.same_parties(other)
    }

    /// Whether two claims tell of opposite acts by the same agent on the same object: one
    /// verb with different particles ("checked into" and "checked out of" one clinic), or
    /// verbs of opposite sense ("bought" and "sold" one port). Other different acts may be one
    /// act in other words ("bought" and "completed its purchase of").
    pub(crate) fn opposes(&self, other: &Claim) -> bool {
        if self.act == other.act || !self.same_parties(other) {
            return false;
        }
        let ((a, a_particle), (b, b_particle)) =
            (verb_and_particle(&self.act), verb_and_particle(&other.act));
        // One verb with two particles; not a verb with and without one, which is often the
        // same act with a word between ("checked herself into", "threatened Monday to").
        if a == b {
            return !a_particle.is_empty() && !b_particle.is_empty();
        }
        let opposite = |x: &str, y: &str| {
            // A pair names a verb, or a verb with its particle.
            let matches = |pair: &str, act: &str, verb: &str| pair == act || pair == verb;
            (matches(x, &self.act, a) && matches(y, &other.act, b))
                || (matches(x, &other.act, b) && matches(y, &self.act, a))
        };
        OPPOSITES.iter().any(|(x, y)| opposite(x, y))
    }

    fn same_parties(&self, other: &Claim) -> bool {
        same_name(&self.agent, &other.agent) && same_name(&self.object, &other.object)
    }
}

/// An act's verb and its particle ("" when it has none).
fn verb_and_particle(act: &str) -> (&str, &str) {
    act.split_once(' ').unwrap_or((act, ""))
}

/// Acts of opposite sense that news tells of one agent and one object (past-tense verbs, with
/// a particle where it makes the act; synonyms such as "raised" and "lifted" are one term
/// already).
const OPPOSITE_ACTS: &[(&str, &str)] = &[
    ("checked into", "left"),
    ("bought", "sold"),
    ("acquired", "sold"),
    ("won", "lost"),
    ("approved", "rejected"),
    ("accepted", "rejected"),
    ("arrested", "released"),
    ("hired", "fired"),
    ("appointed", "dismissed"),
    ("joined", "left"),
    ("entered", "left"),
    ("opened", "closed"),
    ("raised", "cut"),
    ("raised", "lowered"),
    ("imposed", "lifted"),
    ("signed", "vetoed"),
    ("confirmed", "denied"),
    ("supported", "opposed"),
    ("backed", "opposed"),
    ("started", "ended"),
    ("gained", "lost"),
];

/// [`OPPOSITE_ACTS`] as claims hold acts: the verb's canonical term and its particle.
static OPPOSITES: std::sync::LazyLock<Vec<(String, String)>> = std::sync::LazyLock::new(|| {
    let act = |words: &str| {
        let (verb, particle) = verb_and_particle(words);
        let verb = canonical_term(verb)?;
        Some(if particle.is_empty() { verb } else { format!("{verb} {particle}") })
    };
    OPPOSITE_ACTS.iter().filter_map(|(a, b)| Some((act(a)?, act(b)?))).collect()
});

/// Words that may stand between a verb and its object's name: a particle, an article, a
/// few words of description ("checked into court-mandated rehab at the Betty Ford Center").
const MAX_WORDS_TO_OBJECT: usize = 8;

/// Particles and prepositions that change what a verb says ("checked into", "checked out").
const PARTICLES: &[&str] = &[
    "into", "out", "of", "to", "from", "on", "off", "up", "down", "in", "for", "with", "at",
    "over", "back", "away",
];

/// Days a report names between its subject and verb ("on Tuesday", "yesterday").
const DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "yesterday",
    "today",
    "tonight",
];

/// Marks that set a clause or an aside off: a verb's subject and object are not across them.
const CLAUSE_MARKS: &[char] = &[',', ';', ':', '(', ')', '—', '–', '"', '“', '”'];

/// The auxiliaries of the perfect, which leave the act the subject's ("has bought").
const PERFECT: &[&str] = &["has", "have", "had"];

/// Forms of "be" before a participle: the passive, whose subject is not the agent.
const PASSIVE: &[&str] = &["is", "are", "was", "were", "be", "been", "being"];

/// Words that open a clause before the main one ("After she left the clinic, Lohan checked
/// into ..."): the main clause starts after the first comma.
const SUBORDINATORS: &[&str] = &[
    "after",
    "before",
    "when",
    "while",
    "as",
    "since",
    "although",
    "though",
    "if",
    "because",
    "despite",
    "following",
    "once",
    "until",
    "unless",
    "whereas",
];

/// Adverbs that may stand between a subject and its verb, besides those in "-ly".
const ADVERBS: &[&str] = &["also", "just", "now", "then", "still", "already", "again", "later"];

/// The act of `sentence`'s main clause, when its agent and object are entities: the clause's
/// first verb in the past tense, after the subject. An act told inside a later clause ("...,
/// which matches the claim that Carrasquillo ordered Lopez to the roof") is not what the
/// sentence reports. `entities` are the sentence's entity mentions: byte offset in `sentence`
/// and lower-cased name.
pub(crate) fn claim(sentence: &str, entities: &[(usize, &str)]) -> Option<Claim> {
    let base = sentence.as_ptr() as usize;
    let mut all = analyze::words(sentence).map(|word| (word.as_ptr() as usize - base, word));
    let first = all.next()?;
    let opens_subordinate =
        SUBORDINATORS.iter().any(|subordinator| first.1.eq_ignore_ascii_case(subordinator));
    let main_start = match opens_subordinate {
        true => sentence.find(',')?,
        false => 0,
    };
    // The words up to the verb and as far after it as its object may be: a long sentence's
    // rest is not read.
    let mut words = vec![first];
    let mut verb_at = None;
    for word in all {
        let (start, text) = word;
        words.push(word);
        match verb_at {
            None if start > main_start && is_past(text) => verb_at = Some(words.len() - 1),
            Some(at) if words.len() > at + MAX_WORDS_TO_OBJECT + 1 => break,
            _ => (),
        }
    }
    let at = verb_at?;
    let verb = words[at].1;
    if SHARED_ACTS.contains(&verb) || at == 0 {
        return None;
    }
    let mut before = at - 1;
    // "finally checked", "has also bought": adverbs and the perfect stay with the act.
    while before > 0 && (words[before].1.ends_with("ly") || ADVERBS.contains(&words[before].1)) {
        before -= 1;
    }
    if PASSIVE.contains(&words[before].1) {
        return None;
    }
    if PERFECT.contains(&words[before].1) && before > 0 {
        before -= 1;
    }
    // "Brennick Shipping on Tuesday bought": the day, as agencies place it, before the verb.
    if before > 1
        && DAYS.contains(&words[before].1)
        && matches!(words[before - 1].1, "on" | "late" | "early")
    {
        before -= 2;
    } else if before > 0 && DAYS.contains(&words[before].1) {
        before -= 1;
    }
    let (last_at, last) = words[before];
    let subject_end = last_at + last.len();
    let (verb_at, _) = words[at];
    let verb_end = verb_at + verb.len();
    // A name set off before the verb is not its subject ("a man from Dexter, Michigan,
    // tipped off the police").
    if sentence[subject_end..verb_at].contains(CLAUSE_MARKS) {
        return None;
    }
    let agent = entity_ending_at(entities, subject_end)?;
    let object = object_after(sentence, verb_end, &words[at + 1..], entities)?;
    // "completed its purchase of the Port of Halvard": the act is the noun's, "bought".
    if let Some(act) = nominal_act(verb, &words[at + 1..]) {
        let verb = canonical_term(act)?;
        return Some(Claim { agent: agent.to_string(), act: verb, object: object.to_string() });
    }
    let particle = words
        .get(at + 1)
        .filter(|&&(start, _)| !sentence[verb_end..start].contains(CLAUSE_MARKS))
        .map(|&(_, word)| word.to_lowercase())
        .filter(|word| PARTICLES.contains(&word.as_str()));
    let verb = canonical_term(verb)?;
    let act = match particle {
        Some(particle) => format!("{verb} {particle}"),
        None => verb,
    };
    Some(Claim { agent: agent.to_string(), act, object: object.to_string() })
}

/// Verbs that complete an act named by a noun ("completed its purchase of"), and so tell the
/// act itself.
const COMPLETING_VERBS: &[&str] =
    &["completed", "finalized", "finalised", "closed", "concluded", "sealed"];

/// Nouns of acts, with the act's verb in the past tense as a sentence in the active voice
/// tells it.
const NOMINAL_ACTS: &[(&str, &str)] = &[
    ("purchase", "bought"),
    ("acquisition", "acquired"),
    ("sale", "sold"),
    ("takeover", "acquired"),
    ("merger", "merged"),
];

/// The act a completing verb and its noun tell: "completed its purchase of" is "bought".
/// `after` are the words after the verb.
fn nominal_act(verb: &str, after: &[(usize, &str)]) -> Option<&'static str> {
    if !COMPLETING_VERBS.contains(&verb) {
        return None;
    }
    let [(_, owner), (_, noun), (_, of), ..] = after else { return None };
    // The owner's word makes the agent the act's: "its sale of" is the seller's, where "the
    // sale of" may be the buyer's closing.
    let owns = matches!(*owner, "its" | "their" | "his" | "her");
    let act = NOMINAL_ACTS.iter().find(|(name, _)| name == noun).map(|&(_, act)| act)?;
    (owns && *of == "of").then_some(act)
}

/// The entity whose mention ends at `end`, the end of the subject's last word.
fn entity_ending_at<'e>(entities: &[(usize, &'e str)], end: usize) -> Option<&'e str> {
    entities.iter().find(|&&(start, name)| start + name.len() == end).map(|&(_, name)| name)
}

/// The first entity named in the words after a verb (which ends at `verb_end`), before a
/// comma or the end of the clause and within [`MAX_WORDS_TO_OBJECT`] words.
fn object_after<'e>(
    sentence: &str,
    verb_end: usize,
    after: &[(usize, &str)],
    entities: &[(usize, &'e str)],
) -> Option<&'e str> {
    let reach =
        after[..after.len().min(MAX_WORDS_TO_OBJECT)].last().map(|&(at, word)| at + word.len())?;
    let clause_end =
        sentence[verb_end..].find(CLAUSE_MARKS).map_or(sentence.len(), |at| verb_end + at);
    let end = reach.min(clause_end);
    entities.iter().find(|&&(start, _)| start >= verb_end && start < end).map(|&(_, name)| name)
}

/// Whether two lower-cased names name the same: equal, or one ends the other on a word
/// boundary ("lindsay lohan" and "actress lindsay lohan").
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.strip_suffix(short).is_some_and(|rest| rest.is_empty() || rest.ends_with(' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The claim of a sentence whose entities are the given names, found where they are
    /// written.
    fn claim_of(sentence: &str, names: &[&str]) -> Option<Claim> {
        let lower = sentence.to_lowercase();
        let entities: Vec<(usize, &str)> =
            names.iter().map(|name| (lower.find(name).expect("name in sentence"), *name)).collect();
        claim(sentence, &entities)
    }

    #[test]
    fn one_act_in_sentences_of_different_shapes() {
        let names = ["brennick shipping", "port of halvard"];
        let after = claim_of(
            "After talks with the unions failed, Brennick Shipping bought the Port of Halvard.",
            &names,
        )
        .expect("a claim");
        let plain = claim_of(
            "Brennick Shipping bought the Port of Halvard from the regional government on Tuesday.",
            &names,
        )
        .expect("a claim");
        let perfect = claim_of(
            "After eight months of talks, Brennick Shipping has bought the Port of Halvard, the company said.",
            &names,
        )
        .expect("a claim");
        assert!(plain.same_act(&perfect));
        assert!(plain.same_act(&after));
        let dated = claim_of(
            "Brennick Shipping on Tuesday bought the Port of Halvard for 410 million euros.",
            &names,
        )
        .expect("a claim");
        assert!(plain.same_act(&dated));
        let described = claim_of(
            "Actress Lindsay Lohan finally checked into court-mandated rehab at the Betty Ford Center late Thursday.",
            &["actress lindsay lohan", "betty ford center"],
        )
        .expect("a claim");
        let short = claim_of(
            "Lindsay Lohan has checked into the Betty Ford Center.",
            &["lindsay lohan", "betty ford center"],
        )
        .expect("a claim");
        assert!(described.same_act(&short));
    }

    #[test]
    fn opposite_acts_oppose_and_other_words_for_one_act_do_not() {
        let lohan = ["lindsay lohan", "betty ford center"];
        let port = ["brennick shipping", "port of halvard"];
        let of = |sentence: &str, names: &[&str]| claim_of(sentence, names).expect("a claim");
        let into = of("Lindsay Lohan checked into the Betty Ford Center.", &lohan);
        let out = of("Lindsay Lohan checked out of the Betty Ford Center.", &lohan);
        let left = of("Lindsay Lohan has left the Betty Ford Center for Malibu.", &lohan);
        assert!(into.opposes(&out) && out.opposes(&into));
        assert!(into.opposes(&left) && left.opposes(&into));
        let bought = of("Brennick Shipping bought the Port of Halvard on Tuesday.", &port);
        let sold = of("Brennick Shipping sold the Port of Halvard on Tuesday.", &port);
        let completed =
            of("Brennick Shipping completed its purchase of the Port of Halvard.", &port);
        assert!(bought.opposes(&sold));
        assert!(!bought.opposes(&completed), "another way of saying it");
        assert!(bought.same_act(&completed), "the purchase completed is the port bought");
        let sale = of("Brennick Shipping closed its sale of the Port of Halvard.", &port);
        assert!(sale.same_act(&sold) && bought.opposes(&sale));
        // Only a completing verb tells the act: a plan is no purchase.
        let planned =
            claim_of("Brennick Shipping planned its purchase of the Port of Halvard.", &port);
        assert!(planned.is_none_or(|planned| !bought.same_act(&planned)));
        assert!(!bought.opposes(&bought));
        // A verb with and without a particle is often one act with a word between.
        let herself = of("Lindsay Lohan checked herself into the Betty Ford Center.", &lohan);
        assert!(!herself.opposes(&into));
        // Other parties: not the same act undone.
        let other = of(
            "Alan Brandt sold the Port of Halvard on Tuesday.",
            &["alan brandt", "port of halvard"],
        );
        assert!(!bought.opposes(&other));
    }

    #[test]
    fn other_acts_are_other_claims() {
        let into = claim_of(
            "Lindsay Lohan checked into the Betty Ford Center.",
            &["lindsay lohan", "betty ford center"],
        );
        let out = claim_of(
            "Lindsay Lohan checked out of the Betty Ford Center after 30 days.",
            &["lindsay lohan", "betty ford center"],
        );
        assert!(!into.expect("a claim").same_act(&out.expect("a claim")));
        // The passive, speech and an object beyond the clause make no claim.
        let none = [
            (
                "The Port of Halvard was bought by Brennick Shipping.",
                ["port of halvard", "brennick shipping"],
            ),
            ("Ilse Marten told Brennick Shipping to wait.", ["ilse marten", "brennick shipping"]),
            (
                "Brennick Shipping bought cranes, a deal Ilse Marten praised.",
                ["brennick shipping", "ilse marten"],
            ),
        ];
        for (sentence, names) in none {
            assert_eq!(claim_of(sentence, &names), None, "{sentence}");
        }
    }

    #[test]
    fn names_that_end_others_are_the_same() {
        assert!(same_name("lindsay lohan", "actress lindsay lohan"));
        assert!(same_name("port of halvard", "port of halvard"));
        assert!(!same_name("lohan", "lindsay lohans"));
        assert!(!same_name("betty ford clinic", "betty ford center"));
    }
}
