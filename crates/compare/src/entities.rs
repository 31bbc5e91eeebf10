//! Entities: mentions merged across aliases and articles.
//!
//! Aliases merged: case and a leading "the" or trailing possessive; a person's titles
//! ("Russian President Vladimir Putin" is "Vladimir Putin"; the titles are
//! `analyze::entities::is_title`'s); a person's name without the middle name or initial of
//! the one fuller name of the story that has the same first and last names ("Andrew Cuomo"
//! is "Andrew M. Cuomo"); a shorter form of a person's name that ends one full name of the
//! story and no other ("Putin"); an acronym defined in the text as "North Atlantic Treaty
//! Organization (NATO)".

use std::collections::{HashMap, HashSet};

use analyze::entities::EntityMention;
use model::report::{Entity, EntityKind};

use crate::ArticleRef;

/// An acronym written after its expansion, as found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Acronym {
    pub(crate) short: String,
    pub(crate) long: String,
}

/// Finds acronyms defined right after an entity mention: "... Organization (NATO)".
pub(crate) fn find_acronyms(text: &str, mentions: &[EntityMention], acc: &mut Vec<Acronym>) {
    for mention in mentions {
        let Some(rest) = text.get(mention.start + mention.name.len()..) else { continue };
        let Some(inner) =
            rest.strip_prefix(" (").and_then(|r| r.split_once(')')).map(|(inner, _)| inner)
        else {
            continue;
        };
        let long = clean_name(&mention.name);
        let is_acronym = (2..=8).contains(&inner.chars().count())
            && inner.chars().all(|c| c.is_uppercase() || c == '&' || c == '.');
        let initial_matches = inner
            .chars()
            .next()
            .map(|c| c.to_lowercase().eq(long.chars().take(1).flat_map(char::to_lowercase)));
        if is_acronym && initial_matches == Some(true) && !acc.iter().any(|a| a.short == inner) {
            acc.push(Acronym { short: inner.to_string(), long });
        }
    }
}

/// Merges entity mentions, each with the index of its article in `refs`, into entities
/// sorted by number of articles, then mentions, then name.
pub(crate) fn merge_entities(
    refs: &[ArticleRef<'_>],
    mentions: &[(usize, EntityMention)],
    acronyms: &[Acronym],
) -> Vec<Entity> {
    // Distinct names (by lower-cased key) with their mentions.
    let mut names: Vec<Name> = Vec::new();
    let mut name_of_key: HashMap<String, usize> = HashMap::new();
    for (idx, (_, mention)) in mentions.iter().enumerate() {
        let mut cleaned = clean_name(&mention.name);
        if mention.kind == EntityKind::Person {
            cleaned = analyze::entities::without_titles(&cleaned).to_string();
        }
        if cleaned.is_empty() {
            continue;
        }
        let key = name_key(&cleaned);
        match name_of_key.get(&key) {
            Some(&at) => names[at].mentions.push(idx),
            None => {
                name_of_key.insert(key.clone(), names.len());
                names.push(Name { key, display: cleaned, mentions: vec![idx], target: None });
            }
        }
    }
    resolve_acronyms(&mut names, acronyms);
    resolve_initialisms(&mut names, mentions);
    resolve_middle_names(&mut names, mentions);
    resolve_short_person_names(&mut names, mentions);
    resolve_short_body_names(&mut names, mentions, &name_of_key);
    resolve_us_states(&mut names, mentions, &name_of_key);

    // Each entity's mentions: its own names' and its aliases', in the order of the names.
    let mut members_of: Vec<Vec<usize>> = vec![Vec::new(); names.len()];
    let mut aliases_of: Vec<Vec<usize>> = vec![Vec::new(); names.len()];
    for (idx, name) in names.iter().enumerate() {
        let root = root(&names, idx);
        members_of[root].extend(&name.mentions);
        if root != idx {
            aliases_of[root].push(idx);
        }
    }
    let mut res: Vec<(usize, Entity)> = Vec::new();
    for (idx, members) in members_of.into_iter().enumerate() {
        if names[idx].target.is_some() {
            continue;
        }
        let mut articles: Vec<usize> = members.iter().map(|&m| mentions[m].0).collect();
        articles.sort_unstable();
        articles.dedup();
        let entity = Entity {
            name: names[idx].display.clone(),
            kind: majority_kind(names[idx].mentions.iter().map(|&m| mentions[m].1.kind)),
            articles: articles.iter().map(|&a| refs[a].id.to_string()).collect(),
            sources: crate::facts::distinct_sources(&articles, refs),
            aliases: aliases_of[idx].iter().map(|&alias| names[alias].display.clone()).collect(),
        };
        res.push((members.len(), entity));
    }
    res.sort_by(|(ma, a), (mb, b)| {
        b.articles.len().cmp(&a.articles.len()).then(mb.cmp(ma)).then(a.name.cmp(&b.name))
    });
    res.into_iter().map(|(_, entity)| entity).collect()
}

struct Name {
    key: String,
    display: String,
    mentions: Vec<usize>,
    /// The name this one is an alias of.
    target: Option<usize>,
}

fn root(names: &[Name], mut idx: usize) -> usize {
    // Targets always point to names that are not aliases themselves, but follow the chain
    // anyway in case a later rule changes that.
    let mut steps = 0;
    while let Some(target) = names[idx].target {
        idx = target;
        steps += 1;
        if steps > names.len() {
            break;
        }
    }
    idx
}

fn resolve_acronyms(names: &mut [Name], acronyms: &[Acronym]) {
    for acronym in acronyms {
        let short = names.iter().position(|n| n.key == name_key(&acronym.short));
        let long = names.iter().position(|n| n.key == name_key(&acronym.long));
        if let (Some(short), Some(long)) = (short, long) {
            if short != long && names[long].target.is_none() {
                names[short].target = Some(long);
            }
        }
    }
}

/// Maps an acronym no text of the story defines ("IMF", "EU", "U.S.") to the one name of a
/// body or place in the story whose capitalised words it spells ("International Monetary
/// Fund", "European Union", "United States"), as outlets seldom spell out a well-known one.
/// Of two such names ("Texas Department of Criminal Justice", "Tax Department of City
/// Jails"), neither.
fn resolve_initialisms(names: &mut [Name], mentions: &[(usize, EntityMention)]) {
    // Initials to the one name that spells them, or `None` when several do.
    let mut spelled_by: HashMap<String, Option<usize>> = HashMap::new();
    for (idx, name) in names.iter().enumerate() {
        let long = name.target.is_none() && name.key.contains(' ') && !name.is_person(mentions);
        if let Some(initials) = initials(&name.display).filter(|_| long) {
            spelled_by.entry(initials).and_modify(|only| *only = None).or_insert(Some(idx));
        }
    }
    for name in names.iter_mut() {
        let short: String = name.display.chars().filter(|&c| c != '.').collect();
        let is_acronym = (2..=6).contains(&short.chars().count())
            && short.chars().all(|c| c.is_ascii_uppercase())
            && !name.display.contains(' ');
        if !is_acronym || name.target.is_some() || name.is_person(mentions) {
            continue;
        }
        if let Some(&Some(long)) = spelled_by.get(&short) {
            name.target = Some(long);
        }
    }
}

/// The first letters of a name's capitalised words: "International Monetary Fund" is "IMF",
/// "Department of Justice" "DJ". None for a name holding an abbreviation, whose letters are
/// not one each: "U.S. Senate" is not "US".
fn initials(name: &str) -> Option<String> {
    let words = || name.split([' ', '-']).filter(|word| !word.is_empty());
    let abbreviated = |word: &str| {
        word.contains('.') || word.chars().filter(|c| c.is_uppercase()).nth(1).is_some()
    };
    if words().any(abbreviated) {
        return None;
    }
    Some(words().filter_map(|word| word.chars().next()).filter(|c| c.is_uppercase()).collect())
}

/// Maps a person's name without a middle name, an initial or a suffix to the one fuller
/// name of the story with the same first and last names ("Mark Heller" to "Mark Jay Heller",
/// "George Bush" to "George W. Bush", "Arcade Joseph Comeaux" to "Arcade Joseph Comeaux
/// Jr."), so that the surname alone then has one name to go to.
fn resolve_middle_names(names: &mut [Name], mentions: &[(usize, EntityMention)]) {
    let is_person = |name: &Name| name.is_person(mentions);
    let words: Vec<usize> = names.iter().map(|name| name.key.split(' ').count()).collect();
    let keys: Vec<String> = names.iter().map(|name| name.key.clone()).collect();
    let tokens: Vec<Vec<&str>> = keys.iter().map(|key| name_tokens(key)).collect();
    let fathers_and_sons = fathers_and_sons(&keys);
    for idx in 0..names.len() {
        if tokens[idx].len() < 2 || names[idx].target.is_some() || !is_person(&names[idx]) {
            continue;
        }
        // A middle part is added only to a first and last name: "George W. Bush" is not
        // "George H. W. Bush".
        let fuller_form = |other: usize| match tokens[idx].len() {
            2 => {
                tokens[other].first() == tokens[idx].first()
                    && tokens[other].last() == tokens[idx].last()
            }
            _ => tokens[other] == tokens[idx],
        };
        let fuller: Vec<usize> = (0..names.len())
            .filter(|&other| {
                words[other] > words[idx]
                    && fuller_form(other)
                    && names[other].target.is_none()
                    && is_person(&names[other])
            })
            .collect();
        // "Mark Felt" beside "W. Mark Felt Sr." and "Mark Felt Jr.": father or son.
        if tokens[idx].last().is_some_and(|last| fathers_and_sons.contains(last)) {
            continue;
        }
        if let [only] = fuller[..] {
            names[idx].target = Some(only);
        }
    }
}

/// The surnames the story names with two different suffixes ("W. Mark Felt Sr." and "Mark
/// Felt Jr."): a shorter name could be either. Gathered once, as a story may name thousands.
fn fathers_and_sons(keys: &[String]) -> HashSet<&str> {
    let mut suffixes: HashMap<&str, Vec<&str>> = HashMap::new();
    for key in keys {
        // "w mark felt sr": the surname is the word before the suffix.
        let Some((name, suffix)) = key.rsplit_once(' ') else { continue };
        if analyze::entities::is_name_suffix(suffix) {
            let last = name.rsplit(' ').next().unwrap_or(name);
            suffixes.entry(last).or_default().push(suffix);
        }
    }
    suffixes
        .into_iter()
        .filter_map(|(last, mut of_last)| {
            of_last.sort_unstable();
            of_last.dedup();
            (of_last.len() > 1).then_some(last)
        })
        .collect()
}

/// Whether a name ends with a suffix ("Jr."): it is a full name already.
fn has_suffix(key: &str) -> bool {
    name_tokens(key).len() < key.split(' ').count()
}

/// A name's words without a suffix ("Jr."): its last word is the surname.
fn name_tokens(key: &str) -> Vec<&str> {
    let mut tokens: Vec<&str> = key.split(' ').collect();
    if tokens.len() > 1 && tokens.last().is_some_and(|last| analyze::entities::is_name_suffix(last))
    {
        tokens.pop();
    }
    tokens
}

/// Maps a person name that is the tail of exactly one longer person name ("Putin", or
/// "Vladimir Putin" inside "Vladimir Vladimirovich Putin") to that name. Ambiguous tails
/// (two Smiths in one story) stay apart.
fn resolve_short_person_names(names: &mut [Name], mentions: &[(usize, EntityMention)]) {
    let is_person = |name: &Name| name.is_person(mentions);
    let could_be_person = |name: &Name| {
        name.mentions
            .iter()
            .all(|&m| matches!(mentions[m].1.kind, EntityKind::Person | EntityKind::Other))
    };
    let keys: Vec<String> = names.iter().map(|name| name.key.clone()).collect();
    let tokens: Vec<Vec<&str>> = keys.iter().map(|key| name_tokens(key)).collect();
    let fathers_and_sons = fathers_and_sons(&keys);
    // People by last name: a name's candidates end with its own last token.
    let mut people_by_last: HashMap<&str, Vec<usize>> = HashMap::new();
    for (idx, name) in names.iter().enumerate() {
        if is_person(name) {
            if let Some(last) = tokens[idx].last() {
                people_by_last.entry(last).or_default().push(idx);
            }
        }
    }
    for idx in 0..names.len() {
        if names[idx].target.is_some() || !could_be_person(&names[idx]) || has_suffix(&keys[idx]) {
            continue;
        }
        let Some(last) = tokens[idx].last() else { continue };
        if fathers_and_sons.contains(last) {
            continue;
        }
        let candidates: Vec<usize> = people_by_last
            .get(last)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&other| {
                other != idx
                    && names[other].target.is_none()
                    && tokens[other].len() > tokens[idx].len()
                    && tokens[other].ends_with(&tokens[idx])
            })
            .collect();
        if let [only] = candidates[..] {
            names[idx].target = Some(only);
        }
    }
}

/// A US state's abbreviation ("Calif.", "CA") is the state the story names in full.
fn resolve_us_states(
    names: &mut [Name],
    mentions: &[(usize, EntityMention)],
    by_key: &HashMap<String, usize>,
) {
    for idx in 0..names.len() {
        let is_place = names[idx].mentions.iter().all(|&m| mentions[m].1.kind == EntityKind::Place);
        if names[idx].target.is_some() || !is_place {
            continue;
        }
        let Some(state) = analyze::entities::us_state(&names[idx].display) else { continue };
        if let Some(&full) = by_key.get(&name_key(state)) {
            if full != idx && names[full].target.is_none() {
                names[idx].target = Some(full);
            }
        }
    }
}

/// A body's name without the word for what kind of body it is, which outlets drop or add:
/// "U.S. Marshals" is "U.S. Marshals Service", "Apple" is "Apple Inc." when the story names
/// only the one longer name so.
fn resolve_short_body_names(
    names: &mut [Name],
    mentions: &[(usize, EntityMention)],
    by_key: &HashMap<String, usize>,
) {
    const KINDS_OF_BODY: &[&str] = &[
        "service",
        "services",
        "inc.",
        "inc",
        "corp.",
        "corp",
        "corporation",
        "co.",
        "company",
        "ltd",
        "ltd.",
        "llc",
        "plc",
        "group",
    ];
    let is_body =
        |name: &Name| name.mentions.iter().any(|&m| mentions[m].1.kind == EntityKind::Organization);
    for idx in 0..names.len() {
        if names[idx].target.is_some() || !is_body(&names[idx]) {
            continue;
        }
        let longer: Vec<usize> = KINDS_OF_BODY
            .iter()
            .filter_map(|kind| by_key.get(&format!("{} {kind}", names[idx].key)).copied())
            .filter(|&other| names[other].target.is_none() && is_body(&names[other]))
            .collect();
        if let [only] = longer[..] {
            names[idx].target = Some(only);
        }
    }
}

impl Name {
    /// Whether any of its mentions was found as a person.
    fn is_person(&self, mentions: &[(usize, EntityMention)]) -> bool {
        self.mentions.iter().any(|&m| mentions[m].1.kind == EntityKind::Person)
    }
}

/// What names one entity, however cased, an acronym with or without its periods ("U.S."
/// and "US" are "us"), and a name with or without its hyphens ("Kim Jong-un" and "Kim Jong
/// Un", "Al-Qaeda" and "Al Qaeda").
fn name_key(name: &str) -> String {
    let dotted_acronym = name.contains('.')
        && !name.contains(' ')
        && name.chars().all(|c| c.is_uppercase() || c == '.');
    match dotted_acronym {
        true => name.chars().filter(|&c| c != '.').collect::<String>().to_lowercase(),
        false => name.replace(['-', '‐'], " ").to_lowercase(),
    }
}

/// Drops a leading "the" and a trailing possessive, and collapses spaces.
fn clean_name(name: &str) -> String {
    let mut tokens: Vec<&str> = name.split_whitespace().collect();
    if tokens.len() > 1 && tokens[0].eq_ignore_ascii_case("the") {
        tokens.remove(0);
    }
    let mut res = tokens.join(" ");
    for suffix in ["'s", "’s"] {
        if let Some(stripped) = res.strip_suffix(suffix) {
            res.truncate(stripped.len());
        }
    }
    res
}

fn majority_kind(kinds: impl Iterator<Item = EntityKind>) -> EntityKind {
    let mut counts = [0usize; 4];
    for kind in kinds {
        counts[kind_index(kind)] += 1;
    }
    let order =
        [EntityKind::Person, EntityKind::Organization, EntityKind::Place, EntityKind::Other];
    // Ties go to the first kind in that order; `Other` wins only alone.
    let mut best = EntityKind::Other;
    let mut best_count = 0;
    for kind in order {
        if counts[kind_index(kind)] > best_count {
            best = kind;
            best_count = counts[kind_index(kind)];
        }
    }
    best
}

fn kind_index(kind: EntityKind) -> usize {
    match kind {
        EntityKind::Person => 0,
        EntityKind::Organization => 1,
        EntityKind::Place => 2,
        EntityKind::Other => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(name: &str, kind: EntityKind) -> EntityMention {
        EntityMention { name: name.to_string(), kind, start: 0 }
    }

    fn render(entities: &[Entity]) -> Vec<String> {
        entities
            .iter()
            .map(|e| format!("{} {:?} {}", e.name, e.kind, e.articles.join(",")))
            .collect()
    }

    const REFS: [ArticleRef<'static>; 3] = [
        ArticleRef { id: "a", source: "Harbor Gazette" },
        ArticleRef { id: "b", source: "Valley Times" },
        ArticleRef { id: "c", source: "Coast Wire" },
    ];

    #[test]
    fn titles_and_surnames_merge_into_the_full_name() {
        let mentions = vec![
            (0, mention("Russian President Vladimir Putin", EntityKind::Person)),
            (1, mention("Vladimir Putin", EntityKind::Person)),
            (2, mention("Putin", EntityKind::Person)),
            (2, mention("Putin's", EntityKind::Other)),
            (1, mention("Kyiv", EntityKind::Place)),
        ];
        let entities = merge_entities(&REFS, &mentions, &[]);
        assert_eq!(render(&entities), ["Vladimir Putin Person a,b,c", "Kyiv Place b"]);
    }

    #[test]
    fn a_name_without_its_middle_initial_is_the_same_person() {
        // "Cuomo" alone has two fuller names to go to until the one without "M." is known
        // to be the other's.
        let mentions = vec![
            (0, mention("Gov. Andrew M. Cuomo", EntityKind::Person)),
            (1, mention("Andrew Cuomo", EntityKind::Person)),
            (2, mention("Cuomo", EntityKind::Person)),
            (2, mention("President-elect Barack Obama", EntityKind::Person)),
            (0, mention("Martin Luther King Jr.", EntityKind::Person)),
        ];
        let entities = merge_entities(&REFS, &mentions, &[]);
        assert_eq!(
            render(&entities),
            [
                "Andrew M. Cuomo Person a,b,c",
                "Barack Obama Person c",
                "Martin Luther King Jr. Person a"
            ]
        );
        // A suffix ends the fuller name; the surname is the word before it.
        let mentions = vec![
            (0, mention("Arcade Joseph Comeaux Jr.", EntityKind::Person)),
            (1, mention("Arcade Joseph Comeaux", EntityKind::Person)),
            (2, mention("Comeaux", EntityKind::Person)),
        ];
        let entities = merge_entities(&REFS, &mentions, &[]);
        assert_eq!(render(&entities), ["Arcade Joseph Comeaux Jr. Person a,b,c"]);
        // A father and a son: the name without a suffix could be either.
        let mentions = vec![
            (0, mention("W. Mark Felt Sr.", EntityKind::Person)),
            (1, mention("Mark Felt Jr.", EntityKind::Person)),
            (2, mention("Mark Felt", EntityKind::Person)),
        ];
        assert_eq!(merge_entities(&REFS, &mentions, &[]).len(), 3);
        // Two fuller names that differ in the middle are two people, or cannot be told.
        let mentions = vec![
            (0, mention("George W. Bush", EntityKind::Person)),
            (1, mention("George H. W. Bush", EntityKind::Person)),
            (2, mention("George Bush", EntityKind::Person)),
        ];
        assert_eq!(merge_entities(&REFS, &mentions, &[]).len(), 3);
    }

    #[test]
    fn an_acronym_merges_with_the_one_name_it_spells_and_shows_as_an_alias() {
        let mentions = vec![
            (0, mention("IMF", EntityKind::Organization)),
            (1, mention("International Monetary Fund", EntityKind::Organization)),
            (2, mention("U.S.", EntityKind::Place)),
            (1, mention("US", EntityKind::Place)),
            (2, mention("U.S. Senate", EntityKind::Organization)),
            (0, mention("TDCJ", EntityKind::Organization)),
            (1, mention("Texas Department of Criminal Justice", EntityKind::Organization)),
            (2, mention("Tax Department of City Jails", EntityKind::Organization)),
        ];
        let entities = merge_entities(&REFS, &mentions, &[]);
        assert_eq!(
            render(&entities),
            [
                "International Monetary Fund Organization a,b",
                "U.S. Place b,c",
                "TDCJ Organization a",
                "Tax Department of City Jails Organization c",
                "Texas Department of Criminal Justice Organization b",
                "U.S. Senate Organization c",
            ]
        );
        assert_eq!(entities[0].aliases, ["IMF"]);
        assert_eq!(entities[0].sources, ["Harbor Gazette", "Valley Times"]);
        // "US" is "U.S." with other periods, not an alias; two names spell "TDCJ"; "U.S.
        // Senate" holds an abbreviation.
        assert!(entities[1..].iter().all(|e| e.aliases.is_empty()));
    }

    #[test]
    fn a_body_named_without_its_kind_is_the_body() {
        let mentions = vec![
            (0, mention("U.S. Marshals", EntityKind::Organization)),
            (1, mention("U.S. Marshals Service", EntityKind::Organization)),
            // Two bodies the short name may be.
            (0, mention("Acme", EntityKind::Organization)),
            (1, mention("Acme Inc.", EntityKind::Organization)),
            (2, mention("Acme Group", EntityKind::Organization)),
        ];
        let entities = merge_entities(&REFS, &mentions, &[]);
        assert_eq!(
            render(&entities),
            [
                "U.S. Marshals Service Organization a,b",
                "Acme Organization a",
                "Acme Group Organization c",
                "Acme Inc. Organization b"
            ]
        );
        assert_eq!(entities[0].aliases, ["U.S. Marshals"]);
    }

    #[test]
    fn a_us_states_abbreviation_is_the_state() {
        let mentions = vec![
            (0, mention("California", EntityKind::Place)),
            (1, mention("Calif.", EntityKind::Place)),
            (2, mention("CA", EntityKind::Place)),
            (2, mention("Fla.", EntityKind::Place)),
        ];
        let entities = merge_entities(&REFS, &mentions, &[]);
        assert_eq!(render(&entities), ["California Place a,b,c", "Fla. Place c"]);
        assert_eq!(entities[0].aliases, ["Calif.", "CA"]);
    }

    #[test]
    fn a_name_with_and_without_its_hyphens_is_one() {
        let mentions = vec![
            (0, mention("Kim Jong Un", EntityKind::Person)),
            (1, mention("Kim Jong-un", EntityKind::Person)),
            (2, mention("Al-Qaeda", EntityKind::Organization)),
            (0, mention("Al Qaeda", EntityKind::Organization)),
        ];
        let entities = merge_entities(&REFS, &mentions, &[]);
        assert_eq!(render(&entities), ["Al-Qaeda Organization a,c", "Kim Jong Un Person a,b"]);
    }

    #[test]
    fn ambiguous_surname_stays_apart() {
        let mentions = vec![
            (0, mention("John Smith", EntityKind::Person)),
            (1, mention("Mary Smith", EntityKind::Person)),
            (2, mention("Smith", EntityKind::Person)),
        ];
        let entities = merge_entities(&REFS, &mentions, &[]);
        assert_eq!(entities.len(), 3);
    }

    #[test]
    fn acronym_defined_in_text_merges_with_its_expansion() {
        let text =
            "Leaders of the North Atlantic Treaty Organization (NATO) met. NATO said little.";
        let long = EntityMention {
            name: "North Atlantic Treaty Organization".to_string(),
            kind: EntityKind::Organization,
            start: text.find("North").unwrap(),
        };
        let short = EntityMention {
            name: "NATO".to_string(),
            kind: EntityKind::Organization,
            start: text.rfind("NATO").unwrap(),
        };
        let mut acronyms = Vec::new();
        find_acronyms(text, &[long.clone(), short.clone()], &mut acronyms);
        assert_eq!(
            acronyms,
            [Acronym {
                short: "NATO".to_string(),
                long: "North Atlantic Treaty Organization".to_string()
            }]
        );
        let mentions = vec![(0, long), (0, short.clone()), (1, short)];
        let entities = merge_entities(&REFS, &mentions, &acronyms);
        assert_eq!(render(&entities), ["North Atlantic Treaty Organization Organization a,b"]);
    }
}
