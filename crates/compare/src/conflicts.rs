//! Conflicts: outlets that report different values for the same quantity: a count of the
//! same thing ("3,000 troops" and "5,000 soldiers"), a vote tally ("88 votes to 61" and
//! "84 to 61"), a percentage, an amount of money, a date. (Different agents for the same act
//! are in `agents`.)
//!
//! Two counts of the same thing are about the same quantity when their sentences are similar,
//! or somewhat similar and naming a common entity or giving the counts the same predicate
//! ("two soldiers were wounded", "four soldiers were hurt"). Two dates are compared only in
//! closely matching sentences, or in two articles' first sentences that date one event. Two
//! amounts of money in two articles' first sentences, each the only one in its currency
//! there, are the story's price told twice when they are within half of each other.

use std::collections::HashMap;
use std::sync::LazyLock;

use analyze::calendar::Date;
use model::report::{Conflict, ConflictClaim};
use regex::Regex;

use crate::corpus::{canonical_term, same_value, Corpus};
use crate::ArticleRef;

/// A value with what it measures, as one article reports it.
pub(crate) struct NumberClaim {
    pub(crate) article: usize,
    pub(crate) value: f64,
    /// What it measures, canonical: a stem with news synonyms mapped ("troop" for "troops" and
    /// "soldiers"), or `%`, a currency, `date`, `vote tally`.
    pub(crate) unit: String,
    /// What it measures as written, lower-cased: the conflict's `about`.
    pub(crate) label: String,
    /// It counts people ("miners", "workers") and is the only count of people in its sentence,
    /// so that a closely matching sentence counting people under another name counts the same
    /// people.
    pub(crate) lone_people_count: bool,
    /// The phrase as written.
    pub(crate) text: String,
    /// What the counted thing does or undergoes: the content terms around the phrase in its
    /// clause ([`count_context`]); empty for tallies.
    pub(crate) context: Vec<String>,
}

/// How closely the sentences of two claims report the same thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Relation {
    /// About different things.
    Unrelated,
    /// Similar, or somewhat similar and naming a common entity or a common predicate.
    Related,
    /// Very similar, or aligned as one fact and nearly as similar.
    Close,
}

/// Sentence contexts of two numbers are related when the sentences are similar, or somewhat
/// similar and name a common entity (or give two counts of things the same predicate); close
/// when this similar, or aligned as one fact and nearly so.
const RELATED_COSINE: f32 = 0.5;
const RELATED_COSINE_WITH_ENTITY: f32 = 0.3;
const CLOSE_COSINE: f32 = 0.5;
/// Sentences aligned as one fact are close from this similarity (alignment groups long
/// stories loosely, so alignment alone is not enough).
const ALIGNED_CLOSE_COSINE: f32 = 0.45;
/// Two articles' first sentences that each name one day and share a count's value report
/// the same event from this similarity, however differently worded ("The bridge collapsed on
/// Tuesday, cutting 40 villages off", "The old crossing fell into the river on Monday and
/// left 40 villages without a road"), so their days are compared.
const LEAD_DATE_COSINE: f32 = 0.15;
/// Two tallies are related at a lower bar: a story rarely reports two votes.
const TALLY_COSINE: f32 = 0.2;

/// The conflicts of a story: claims are the numbers with a unit (dates included), and vote
/// tallies read from the sentences; each claim's context is its sentence.
pub(crate) fn story_conflicts(
    refs: &[ArticleRef<'_>],
    corpus: &Corpus<'_>,
    groups: &[Vec<usize>],
    doc_articles: &[usize],
    number_mentions: &[(usize, analyze::numbers::NumberMention)],
    entity_mentions: &[(usize, analyze::entities::EntityMention)],
) -> Vec<Conflict> {
    // Units by article and start, to find the one holding an offset by binary search (a
    // hostile text can have thousands of numbers and sentences).
    let mut spans: Vec<(usize, usize, usize, usize)> = corpus
        .units
        .iter()
        .enumerate()
        .map(|(idx, u)| (doc_articles[u.doc], u.start, u.start + u.text.len(), idx))
        .collect();
    spans.sort_unstable();
    let unit_of = |article: usize, at: usize| {
        let after = spans.partition_point(|&(a, start, _, _)| (a, start) <= (article, at));
        let &(a, start, end, idx) = spans.get(after.checked_sub(1)?)?;
        (a == article && (start..end).contains(&at)).then_some(idx)
    };
    // Each claim with the corpus unit (sentence) holding it; numbers outside any
    // content-bearing sentence have no context to compare and are left out.
    let mut claims = Vec::new();
    let mut claim_units = Vec::new();
    let mut bare_values = Vec::new();
    let mut claims_of: HashMap<usize, usize> = HashMap::new();
    for (article, mention) in number_mentions {
        let seen = claims_of.entry(*article).or_default();
        *seen += 1;
        if *seen > MAX_CLAIMS_PER_ARTICLE {
            continue;
        }
        let Some(label) = mention.unit.as_deref().map(str::trim).filter(|u| !u.is_empty()) else {
            if crate::numbers::telling_value(mention.value) {
                bare_values.push((*article, mention.value));
            }
            continue;
        };
        let Some(unit) = unit_of(*article, mention.start) else { continue };
        let label = label.to_lowercase();
        let canonical = canonical_unit(&label);
        let context = {
            let u = &corpus.units[unit];
            let at = mention.start - u.start;
            count_context(u.text, at, at + mention.text.len(), &canonical)
        };
        claims.push(NumberClaim {
            article: *article,
            value: mention.value,
            unit: canonical,
            label,
            lone_people_count: false,
            text: mention.text.clone(),
            context,
        });
        claim_units.push(unit);
    }
    for (idx, unit) in corpus.units.iter().enumerate() {
        for (value, text) in vote_tallies(unit.text) {
            claims.push(NumberClaim {
                article: doc_articles[unit.doc],
                value,
                unit: TALLY.to_string(),
                label: TALLY.to_string(),
                lone_people_count: false,
                text,
                context: Vec::new(),
            });
            claim_units.push(idx);
        }
    }
    let counts_people = |c: &NumberClaim| PEOPLE.contains(&c.label.as_str());
    let mut people_counts: HashMap<usize, usize> = HashMap::new();
    for (claim, &unit) in claims.iter().zip(&claim_units) {
        if counts_people(claim) {
            *people_counts.entry(unit).or_default() += 1;
        }
    }
    for (claim, unit) in claims.iter_mut().zip(&claim_units) {
        claim.lone_people_count = counts_people(claim) && people_counts[unit] == 1;
    }

    let mut group_of = vec![usize::MAX; corpus.units.len()];
    for (g, group) in groups.iter().enumerate() {
        for &u in group {
            group_of[u] = g;
        }
    }
    // Each unit's entities, lower-cased, found once (relations ask for them pair by pair).
    let mut unit_entities: Vec<Vec<String>> = vec![Vec::new(); corpus.units.len()];
    for (article, mention) in entity_mentions {
        if let Some(unit) = unit_of(*article, mention.start) {
            unit_entities[unit].push(mention.name.to_lowercase());
        }
    }
    let entities_in = |unit: usize| &unit_entities[unit];
    // What each article's first sentence gives: how many days, the values of its other
    // claims, and how many amounts of money in each currency.
    let mut leads: HashMap<usize, LeadClaims> = HashMap::new();
    for (claim, &u) in claims.iter().zip(&claim_units) {
        if corpus.units[u].position != 0 || claim.unit == TALLY {
            continue;
        }
        let lead = leads.entry(u).or_default();
        if claim.label == crate::DATE_UNIT {
            lead.dates += 1;
        } else {
            lead.values.push(claim.value);
        }
        if is_money(claim) {
            *lead.amounts.entry(claim.unit.clone()).or_default() += 1;
        }
    }
    // Two articles' first sentences, each naming one day and sharing the value of a count,
    // open with the same event: they date it.
    let leads_dating_one_event = |ua: usize, ub: usize| {
        let (Some(a), Some(b)) = (leads.get(&ua), leads.get(&ub)) else {
            return false;
        };
        a.dates == 1
            && b.dates == 1
            && a.values.iter().any(|x| b.values.iter().any(|y| same_value(*x, *y)))
    };
    // Two articles' first sentences that each give one amount in a currency give the
    // story's amount: what the deal, the project or the fine is worth.
    let leads_pricing_one_thing = |ua: usize, ub: usize, currency: &str| {
        let one_amount =
            |u: usize| leads.get(&u).is_some_and(|lead| lead.amounts.get(currency) == Some(&1));
        one_amount(ua) && one_amount(ub)
    };
    let relation = |a: usize, b: usize| {
        let (ua, ub) = (claim_units[a], claim_units[b]);
        let cosine = corpus.cosine(ua, ub);
        if (group_of[ua] == group_of[ub] && cosine >= ALIGNED_CLOSE_COSINE)
            || cosine >= CLOSE_COSINE
        {
            return Relation::Close;
        }
        let dates = claims[a].label == crate::DATE_UNIT && claims[b].label == crate::DATE_UNIT;
        if dates && cosine >= LEAD_DATE_COSINE && leads_dating_one_event(ua, ub) {
            return Relation::Close;
        }
        let amounts = is_money(&claims[a]) && claims[a].unit == claims[b].unit;
        if amounts
            && one_price(claims[a].value, claims[b].value)
            && leads_pricing_one_thing(ua, ub, &claims[a].unit)
        {
            return Relation::Close;
        }
        let tallies = claims[a].unit == TALLY && claims[b].unit == TALLY;
        if cosine >= RELATED_COSINE || (tallies && cosine >= TALLY_COSINE) {
            return Relation::Related;
        }
        if cosine < RELATED_COSINE_WITH_ENTITY {
            return Relation::Unrelated;
        }
        if same_predicate(&claims[a], &claims[b]) {
            return Relation::Related;
        }
        let (ea, eb) = (entities_in(ua), entities_in(ub));
        if ea.iter().any(|e| eb.contains(e)) {
            Relation::Related
        } else {
            Relation::Unrelated
        }
    };
    find_conflicts(refs, &claims, &bare_values, &relation)
}

/// What an article's first sentence gives.
#[derive(Default)]
struct LeadClaims {
    /// Days named.
    dates: usize,
    /// The values of its claims other than days.
    values: Vec<f64>,
    /// Amounts of money by currency.
    amounts: HashMap<String, usize>,
}

/// An amount of money: its unit is a currency.
fn is_money(claim: &NumberClaim) -> bool {
    is_currency(&claim.unit)
}

/// Whether a lower-cased number unit is a currency (`analyze::numbers` gives them as codes).
fn is_currency(unit: &str) -> bool {
    matches!(unit, "usd" | "gbp" | "eur")
}

/// Whether the unit of a quantity key (see [`quantity_keys`]) makes it a count of people or
/// things, rather than an amount of money or a percentage.
pub(crate) fn is_count_unit(unit: &str) -> bool {
    unit != "%" && !is_currency(unit)
}

/// Two amounts that may be one price told differently: outlets that disagree on what a deal
/// or a project costs round, estimate or err within half of it ("£48m" and "£52m", "$1
/// trillion" and "$1.2 trillion"), while the other amounts a story's leads give are mostly
/// further apart (the bill and the deficit it adds, this year's spending and last year's).
fn one_price(a: f64, b: f64) -> bool {
    within_ratio(a, b, ONE_PRICE_RATIO)
}

/// See [`one_price`]. On AllSides, the leads' amounts within this ratio were one price
/// told differently in three stories of four; those further apart, in none of four.
const ONE_PRICE_RATIO: f64 = 1.5;

/// A unit as claims compare it: a word's stem with news synonyms mapped ("troop" for
/// "troops" and "soldiers") and those of counted things ([`COUNTED_SYNONYMS`]); other units
/// (`%`, currencies) as they are.
fn canonical_unit(label: &str) -> String {
    if !label.chars().all(char::is_alphabetic) {
        return label.to_string();
    }
    let term = canonical_term(label).unwrap_or_else(|| label.to_string());
    COUNTED.get(&term).cloned().unwrap_or(term)
}

/// Nouns that count the same things after a number, where as words of their own they do not:
/// "flooding 200 homes" and "into 200 houses" are one count, while the House of "the White
/// House" is no home (the news synonyms map every word, names included).
const COUNTED_SYNONYMS: &[&[&str]] = &[&["homes", "houses", "dwellings"]];

/// [`COUNTED_SYNONYMS`] by canonical term, each to its group's first.
static COUNTED: std::sync::LazyLock<std::collections::HashMap<String, String>> =
    std::sync::LazyLock::new(|| crate::corpus::synonym_map(COUNTED_SYNONYMS, canonical_term));

/// The counts of people or things in a text with their predicates, each as its byte offset
/// and a key naming what is counted and what it does or undergoes ("troop injur" for "two
/// soldiers were wounded" and "four soldiers were hurt"): two sentences holding the same key
/// report the same count, whatever its value.
pub(crate) fn count_keys(
    text: &str,
    numbers: &[analyze::numbers::NumberMention],
) -> Vec<(usize, String)> {
    let mut res = Vec::new();
    for number in numbers {
        let Some(label) = number.unit.as_deref().map(|u| u.trim().to_lowercase()) else {
            continue;
        };
        if !is_count_of_things(&label) {
            continue;
        }
        let unit = canonical_unit(&label);
        let end = number.start + number.text.len();
        for predicate in count_context(text, number.start, end, &unit) {
            res.push((number.start, format!("{unit} {predicate}")));
        }
    }
    res
}

/// The quantities of a text precise enough to tell one fact by themselves, each as its byte
/// offset and a key of unit and value: an amount of money, a percentage, or a count of ten
/// or more people or things ("410 million euros", "61 percent", "200 homes"). Two outlets
/// that give one such quantity in one sentence each mostly report one fact in their own
/// words ("the sale price was 410 million euros", "Brennick paid 410 million euros for the
/// port"); small counts ("two officials") and bare numbers are in too many facts.
pub(crate) fn quantity_keys(
    text: &str,
    numbers: &[analyze::numbers::NumberMention],
) -> Vec<(usize, String)> {
    numbers
        .iter()
        .filter_map(|number| {
            let label = number.unit.as_deref()?.trim().to_lowercase();
            let telling = (is_currency(&label) && !names_a_thing(text, number))
                || label == "%"
                || (is_count_of_things(&label)
                    && number.value >= MIN_TELLING_COUNT
                    && !locates(text, number, &label));
            telling.then(|| (number.start, format!("{} {}", canonical_unit(&label), number.value)))
        })
        .collect()
}

/// See [`quantity_keys`].
const MIN_TELLING_COUNT: f64 = 10.0;

/// Whether an amount of money is part of a thing's name rather than what the sentence
/// reports: "the $3.5 trillion spending plan" names the bill a story is about, and outlets
/// name it in sentences about everything that happens to it; "asked for $6.4 billion" is the
/// fact. The amount names a thing when a noun follows it.
fn names_a_thing(text: &str, number: &analyze::numbers::NumberMention) -> bool {
    let word = word_after(text, number);
    word.starts_with(char::is_lowercase) && !NOT_A_NOUN.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// The word right after a number's phrase ("plan" of "$3.5 trillion plan", "northwest" of "25
/// miles northwest"), empty if a mark comes first.
fn word_after<'t>(text: &'t str, number: &analyze::numbers::NumberMention) -> &'t str {
    let after = text[number.start + number.text.len()..].trim_start_matches([' ', '+']);
    after.split(|c: char| !c.is_alphabetic()).next().unwrap_or_default()
}

/// The vote tallies of a sentence as quantity keys (see [`quantity_keys`]): a tally tells
/// its vote ("voted 7-2", "by a vote of seven to two").
pub(crate) fn tally_keys(sentence: &str) -> impl Iterator<Item = String> {
    vote_tallies(sentence).into_iter().map(|(value, _)| format!("{TALLY} {value}"))
}

/// Whether a distance says where something is rather than what happened: "about 25 miles
/// northwest of where he escaped" and "about 25 miles east of Houston" are two places.
fn locates(text: &str, number: &analyze::numbers::NumberMention, label: &str) -> bool {
    const DISTANCES: &[&str] = &["miles", "kilometres", "kilometers", "km", "metres", "meters"];
    const WHERE: &[&str] = &[
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "from",
        "away",
        "outside",
        "off",
        "offshore",
        "inland",
    ];
    DISTANCES.contains(&label) && WHERE.contains(&word_after(text, number))
}

/// Words after an amount that do not make it a thing's name (see [`names_a_thing`]).
const NOT_A_NOUN: &[&str] = &[
    "a",
    "an",
    "the",
    "in",
    "of",
    "to",
    "for",
    "from",
    "on",
    "by",
    "and",
    "or",
    "but",
    "that",
    "which",
    "was",
    "is",
    "were",
    "are",
    "will",
    "would",
    "over",
    "per",
    "each",
    "more",
    "less",
    "than",
    "as",
    "with",
    "into",
    "at",
    "last",
    "this",
    "next",
    "up",
    "down",
    "so",
    "annually",
    "already",
    "apiece",
    "total",
    "altogether",
];

/// Whether two counts are said to do or undergo the same thing: their contexts share a term
/// ("two soldiers were wounded", "four soldiers were hurt").
/// Only counts of people or things (plural nouns, not spans of time) are read this way:
/// "12 weeks ago" and "six weeks ago" tell of two different moments.
fn same_predicate(a: &NumberClaim, b: &NumberClaim) -> bool {
    is_count_of_things(&a.label)
        && is_count_of_things(&b.label)
        && a.context.iter().any(|t| b.context.contains(t))
}

/// Units that are spans of time.
const DURATIONS: &[&str] = &[
    "seconds",
    "minutes",
    "hours",
    "days",
    "weeks",
    "months",
    "years",
    "seasons",
    "decades",
    "centuries",
    "nights",
    // Decades by name ("the nineteen fifties").
    "twenties",
    "thirties",
    "forties",
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
];

/// Whether a count's unit names people or things counted: a plural noun ("soldiers",
/// "homes") or a word for people ("crew"), not a span of time nor a word the number
/// finder took for a unit by mistake ("two undersea cables" gives "undersea").
fn is_count_of_things(label: &str) -> bool {
    PEOPLE.contains(&label)
        || (label.len() > 3
            && label.ends_with('s')
            && !label.ends_with("ss")
            && label.chars().all(char::is_alphabetic)
            && !DURATIONS.contains(&label))
}

/// Words that may stand between a count and its verb: "two miners *are still* missing",
/// "5,000 soldiers *had been* deployed".
const AUXILIARIES: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "will",
    "would",
    "still",
    "also",
    "reportedly",
    "all",
    "now",
    "later",
];

/// The predicate of the count written at `start..end` of `sentence`, as canonical terms (as
/// alignment counts them): the word right before it ("*killing* at least 12 people", "has
/// *sent* 3,000 troops") and the first word after it past auxiliaries ("two soldiers were
/// *wounded*"), when they are content words. It tells two counts of the same thing apart
/// ("two soldiers were killed", "four soldiers were wounded").
pub(crate) fn count_context(sentence: &str, start: usize, end: usize, unit: &str) -> Vec<String> {
    let (Some(before), Some(after)) = (sentence.get(..start), sentence.get(end..)) else {
        return Vec::new();
    };
    let term = |word: &str| {
        if word.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        canonical_term(word).filter(|t| t != unit)
    };
    let mut res = Vec::new();
    // Right before, in the same clause.
    if !before.trim_end().ends_with(|c: char| c.is_ascii_punctuation() || "“”—–".contains(c))
    {
        // The last word, read from the end: a text can be long, with many counts in it.
        let tail =
            analyze::floor_char_boundary(before, before.len().saturating_sub(PREDICATE_BYTES));
        if let Some(t) = analyze::words(&before[tail..]).last().and_then(term) {
            res.push(t);
        }
    }
    // Right after, past auxiliaries, in the same clause.
    let near = analyze::ceil_char_boundary(after, PREDICATE_BYTES);
    let clause =
        after[..near].split(|c: char| c.is_ascii_punctuation() || "“”—–".contains(c)).next();
    for word in analyze::words(clause.unwrap_or_default()) {
        if AUXILIARIES.iter().any(|a| word.eq_ignore_ascii_case(a)) {
            continue;
        }
        res.extend(term(word));
        break;
    }
    res.sort_unstable();
    res.dedup();
    res
}

/// The numbers of one article read as claims, the first so many: more than any news article
/// gives, and a bound on the pairs compared when a text is a table of thousands of figures.
const MAX_CLAIMS_PER_ARTICLE: usize = 1_000;

/// How far before and after a count its predicate is looked for: past the auxiliaries and
/// longer than any word.
const PREDICATE_BYTES: usize = 128;

/// Qualifiers that make a number approximate ("nearly $500 billion").
const APPROXIMATE: &[&str] =
    &["about", "around", "nearly", "almost", "roughly", "approximately", "some", "close to"];

/// Qualifiers that make a number a lower bound ("more than 1.6 million").
const AT_LEAST: &[&str] = &["more than", "over", "at least", "upwards of"];
/// Qualifiers that make a number an upper bound ("up to 120").
const AT_MOST: &[&str] = &["up to", "under", "fewer than", "less than", "at most"];

/// Whether one of two values is given as approximate, or as a bound the other keeps, and the
/// other is within a tenth of it: "nearly $500 billion" and "$484 billion" agree, and so do
/// "more than 1.6 million" and "1,626,042".
fn roughly_the_same(a: &NumberClaim, b: &NumberClaim) -> bool {
    let qualified = |c: &NumberClaim, qualifiers: &[&str]| {
        let lower = c.text.to_lowercase();
        qualifiers.iter().any(|q| lower.starts_with(&format!("{q} ")))
    };
    let within_bound = |bound: &NumberClaim, other: &NumberClaim| {
        (qualified(bound, AT_LEAST) && other.value >= bound.value)
            || (qualified(bound, AT_MOST) && other.value <= bound.value)
    };
    let close = (a.value - b.value).abs() <= 0.1 * a.value.abs().max(b.value.abs());
    close
        && (qualified(a, APPROXIMATE)
            || qualified(b, APPROXIMATE)
            || within_bound(a, b)
            || within_bound(b, a))
}

/// How far apart two reports of one quantity can be: outlets that disagree on a count give
/// values of one magnitude (a first toll and a later one, two estimates of a crowd).
const MAX_CONFLICT_RATIO: f64 = 20.0;

/// Whether two values are near enough in size to be two reports of one quantity: "23 points"
/// against "2,117 points" are a game's and a career's, "seven people" killed against a
/// town's "120,000 people" are different counts.
fn same_magnitude(a: f64, b: f64) -> bool {
    within_ratio(a, b, MAX_CONFLICT_RATIO)
}

/// Whether the larger of two values is at most `ratio` times the smaller.
fn within_ratio(a: f64, b: f64, ratio: f64) -> bool {
    let (small, large) = (a.abs().min(b.abs()), a.abs().max(b.abs()));
    large <= ratio * small
}

/// Whether two dates fall on the same weekday and one is written as a weekday: "Monday" in
/// two articles is the same Monday, though the tense around one made it the next one.
fn same_weekday_named(a: &NumberClaim, b: &NumberClaim) -> bool {
    let day = |c: &NumberClaim| {
        let n = c.value as i64;
        let date = Date::new((n / 10_000) as i32, (n / 100 % 100) as u32, (n % 100) as u32)?;
        Some(date.weekday())
    };
    let names_weekday =
        |c: &NumberClaim| analyze::words(&c.text).any(analyze::calendar::is_weekday);
    a.label == crate::DATE_UNIT
        && b.label == crate::DATE_UNIT
        && (names_weekday(a) || names_weekday(b))
        && day(a).is_some()
        && day(a) == day(b)
}

/// The unit of a vote tally.
const TALLY: &str = "vote tally";

/// Nouns that count people; two lone counts of people in closely matching sentences count
/// the same people ("two miners are still missing", "three workers remain unaccounted for").
const PEOPLE: &[&str] = &[
    "people",
    "persons",
    "residents",
    "miners",
    "workers",
    "employees",
    "staff",
    "soldiers",
    "troops",
    "passengers",
    "victims",
    "civilians",
    "children",
    "adults",
    "students",
    "pupils",
    "teachers",
    "patients",
    "protesters",
    "demonstrators",
    "migrants",
    "refugees",
    "officers",
    "firefighters",
    "rescuers",
    "crew",
    "villagers",
    "tourists",
    "inmates",
    "prisoners",
    "hostages",
    "survivors",
    "men",
    "women",
    "climbers",
    "hikers",
    "fishermen",
    "sailors",
];

/// A tally: two whole numbers joined by "to" or a dash ("88 votes to 61", "52-48", "seven
/// to two").
static TALLY_PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    const COUNT: &str =
        r"\d{1,4}|(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)";
    Regex::new(&format!(
        r"(?-u:\b)(?P<a>{COUNT})(?:\s+votes?)?\s*(?:(?-u:\b)to(?-u:\b)|-|–)\s*(?P<b>{COUNT})(?-u:\b)(?:\s+votes?(?-u:\b))?",
    ))
    .unwrap_or_else(|e| panic!("{e}"))
});

/// Words that make a sentence's tallies votes.
static VOTE_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:votes?|voted|voting|ballots?|tally|margin|decision|ruling|verdict)(?-u:\b)")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// The vote tallies of a sentence that speaks of a vote, each as one value (the larger
/// count, then the smaller, as digits: 88 to 61 is 88_00061) and its text.
fn vote_tallies(sentence: &str) -> Vec<(f64, String)> {
    if !VOTE_CONTEXT.is_match(sentence) {
        return Vec::new();
    }
    TALLY_PATTERN
        .captures_iter(sentence)
        .filter_map(|caps| {
            let whole = caps.get(0)?;
            // Not part of a longer number, a date or a range of amounts.
            let before = sentence[..whole.start()].chars().next_back();
            let mut after = sentence[whole.end()..].chars();
            let (next, next_but_one) = (after.next(), after.next());
            let decimal =
                matches!(next, Some('.' | ',')) && next_but_one.is_some_and(|c| c.is_ascii_digit());
            if before
                .is_some_and(|c| c.is_alphanumeric() || matches!(c, '$' | '€' | '£' | '.' | ','))
                || next.is_some_and(|c| c.is_alphanumeric() || matches!(c, '%' | '-'))
                || decimal
            {
                return None;
            }
            let count = |name: &str| analyze::numbers::parse_number(caps.name(name)?.as_str());
            let (a, b) = (count("a")? as u32, count("b")? as u32);
            if (1900..=2100).contains(&a) && (1900..=2100).contains(&b) {
                // A span of years ("2020-2021").
                return None;
            }
            let (high, low) = (a.max(b), a.min(b));
            Some((f64::from(high) * 100_000.0 + f64::from(low), whole.as_str().to_string()))
        })
        .collect()
}

/// Which articles report each claim's value: in its unit, without a unit, and among counts of
/// people. Looked
/// up for every pair of claims, so it is built once (scanning all claims for each pair was
/// cubic: stories with hundreds of articles took seconds).
struct Reporters<'a> {
    claims: &'a [NumberClaim],
    /// Each claim's value as a key: equal values have equal keys.
    keys: Vec<u64>,
    by_unit: HashMap<(&'a str, u64), Vec<usize>>,
    /// The articles giving each value without a unit.
    bare: HashMap<u64, Vec<usize>>,
    people: HashMap<u64, Vec<usize>>,
}

impl<'a> Reporters<'a> {
    fn new(claims: &'a [NumberClaim], bare_values: &[(usize, f64)]) -> Reporters<'a> {
        // Rounded to 12 significant digits, so one value parsed along two paths agrees.
        let key_of = |value: f64| format!("{value:.11e}").parse().unwrap_or(value).to_bits();
        let keys: Vec<u64> = claims.iter().map(|c| key_of(c.value)).collect();
        let mut bare: HashMap<u64, Vec<usize>> = HashMap::new();
        for &(article, value) in bare_values {
            bare.entry(key_of(value)).or_default().push(article);
        }
        let mut by_unit: HashMap<(&str, u64), Vec<usize>> = HashMap::new();
        let mut people: HashMap<u64, Vec<usize>> = HashMap::new();
        for (claim, &key) in claims.iter().zip(&keys) {
            by_unit.entry((claim.unit.as_str(), key)).or_default().push(claim.article);
            if PEOPLE.contains(&claim.label.as_str()) {
                people.entry(key).or_default().push(claim.article);
            }
        }
        Reporters { claims, keys, by_unit, bare, people }
    }

    /// The articles reporting claim `idx`'s value in its unit or without a unit, or, for
    /// `people`, as any count of people.
    fn of(&self, idx: usize, people: bool) -> Vec<usize> {
        let key = self.keys[idx];
        let unit = self.claims[idx].unit.as_str();
        let mut acc = self.by_unit.get(&(unit, key)).cloned().unwrap_or_default();
        acc.extend(self.bare.get(&key).into_iter().flatten());
        if people {
            acc.extend(self.people.get(&key).into_iter().flatten());
        }
        acc
    }
}

/// Finds conflicts among claims. Two claims conflict when they come from different outlets,
/// measure the same thing with different values, their contexts are related, and no article
/// of the story reports both values (an article giving both is counting two different things,
/// e.g. troops at two borders, or doses for one country and for two). The same thing is the
/// same canonical unit, or two lone counts of people in closely matching sentences; dates too
/// must be in closely matching sentences. An article reports a value also when it gives it
/// without a unit (`bare_values`, each with its article, telling values only, see
/// `numbers::telling_value`): "55.3 million" elsewhere in an article
/// is the "55.3 million people" of another sentence or outlet, not a third value. Values agree when one is approximate, or a bound
/// ("more than") the other keeps, and within a tenth of the other, and two dates on the same weekday agree when one is written as a
/// weekday. Connected conflicting claims form one conflict, whose claims are grouped by value,
/// unless one outlet gives two of its values.
pub(crate) fn find_conflicts(
    refs: &[ArticleRef<'_>],
    claims: &[NumberClaim],
    bare_values: &[(usize, f64)],
    relation: &dyn Fn(usize, usize) -> Relation,
) -> Vec<Conflict> {
    let reporters = Reporters::new(claims, bare_values);
    let mut component: Vec<usize> = (0..claims.len()).collect();
    let mut in_conflict = vec![false; claims.len()];
    let (same_unit, lone_people) = candidate_groups(claims);
    let same_unit_pairs = same_unit.iter().flat_map(|group| {
        group
            .iter()
            .enumerate()
            .flat_map(move |(i, &a)| group[i + 1..].iter().map(move |&b| (a, b)))
    });
    let people_pairs = lone_people
        .iter()
        .enumerate()
        .flat_map(|(i, &a)| lone_people[i + 1..].iter().map(move |&b| (a, b)))
        .filter(|&(a, b)| claims[a].unit != claims[b].unit);
    for (a, b) in same_unit_pairs.chain(people_pairs) {
        let (ca, cb) = (&claims[a], &claims[b]);
        if refs[ca.article].source == refs[cb.article].source || same_value(ca.value, cb.value) {
            continue;
        }
        let people = ca.unit != cb.unit && ca.lone_people_count && cb.lone_people_count;
        let needed = if ca.label == crate::DATE_UNIT && cb.label == crate::DATE_UNIT {
            // Most sentences carry a date, and related sentences often tell of events
            // on different days.
            Relation::Close
        } else if ca.unit == cb.unit {
            Relation::Related
        } else if people {
            Relation::Close
        } else {
            continue;
        };
        // An article giving both values counts two different things (troops at two
        // borders, doses for two countries and their total).
        let (a_by, b_by) = (reporters.of(a, people), reporters.of(b, people));
        let both_somewhere = a_by.iter().any(|article| b_by.contains(article));
        let disagree = !both_somewhere
            && !roughly_the_same(ca, cb)
            && !same_weekday_named(ca, cb)
            && same_magnitude(ca.value, cb.value);
        if disagree && relation(a, b) >= needed {
            let (ra, rb) = (component[a], component[b]);
            let (keep, gone) = (ra.min(rb), ra.max(rb));
            component.iter_mut().filter(|c| **c == gone).for_each(|c| *c = keep);
            in_conflict[a] = true;
            in_conflict[b] = true;
        }
    }
    // Each component's members in order, components by their first member.
    let mut components: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for m in (0..claims.len()).filter(|&m| in_conflict[m]) {
        components.entry(component[m]).or_default().push(m);
    }
    let mut res = Vec::new();
    for members in components.into_values() {
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
        // Pairs conflict one by one, and a chain of them can put one outlet on two sides ("6
        // percent" and "4 percent" from one outlet, each against another's figure): an outlet
        // giving two of the values counts different things, so the chain is no one quantity.
        let outlet_on_two_sides = by_value.iter().enumerate().any(|(idx, (_, articles))| {
            by_value[idx + 1..].iter().any(|(_, others)| {
                articles.iter().any(|&a| others.iter().any(|&o| refs[a].source == refs[o].source))
            })
        });
        if outlet_on_two_sides {
            continue;
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
        res.push(Conflict { about: claims[members[0]].label.clone(), claims: claims_out });
    }
    res
}

/// The claims that can disagree, as groups whose pairs are compared: claims of one unit,
/// and the lone counts of people (compared when in different words: "12 people", "15
/// residents"). Drawn from those groups rather than from all pairs, as a long text can give
/// thousands of claims.
fn candidate_groups(claims: &[NumberClaim]) -> (Vec<Vec<usize>>, Vec<usize>) {
    let mut by_unit: HashMap<&str, Vec<usize>> = HashMap::new();
    for (idx, claim) in claims.iter().enumerate() {
        by_unit.entry(claim.unit.as_str()).or_default().push(idx);
    }
    let lone_people = (0..claims.len()).filter(|&idx| claims[idx].lone_people_count).collect();
    (by_unit.into_values().collect(), lone_people)
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
        let label = unit.to_lowercase();
        NumberClaim {
            article,
            value,
            unit: canonical_term(&label).unwrap_or_else(|| label.clone()),
            lone_people_count: PEOPLE.contains(&label.as_str()),
            label,
            text: text.to_string(),
            context: Vec::new(),
        }
    }

    fn rendered(conflict: &Conflict) -> Vec<(&str, Vec<String>)> {
        conflict.claims.iter().map(|c| (c.text.as_str(), c.articles.clone())).collect()
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
        let related = |a: usize, b: usize| {
            if (a, b) == (0, 1) {
                Relation::Related
            } else {
                Relation::Unrelated
            }
        };
        let conflicts = find_conflicts(&REFS, &claims, &[], &related);
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].about, "people");
        assert_eq!(
            rendered(&conflicts[0]),
            [("12 people", vec!["a".to_string()]), ("at least 15 people", vec!["b".to_string()])]
        );
    }

    #[test]
    fn synonyms_count_the_same_thing() {
        let claims = vec![
            claim(0, 3000.0, "troops", "3,000 troops"),
            claim(1, 5000.0, "soldiers", "5,000 soldiers"),
        ];
        let conflicts = find_conflicts(&REFS, &claims, &[], &|_, _| Relation::Related);
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].about, "troops");
    }

    #[test]
    fn people_under_another_name_conflict_only_in_close_sentences() {
        let claims =
            vec![claim(0, 2.0, "miners", "Two miners"), claim(1, 3.0, "workers", "Three workers")];
        assert_eq!(find_conflicts(&REFS, &claims, &[], &|_, _| Relation::Related), []);
        let conflicts = find_conflicts(&REFS, &claims, &[], &|_, _| Relation::Close);
        assert_eq!(
            rendered(&conflicts[0]),
            [("Two miners", vec!["a".to_string()]), ("Three workers", vec!["b".to_string()])]
        );
        // Not homes, however close.
        let claims =
            vec![claim(0, 2.0, "miners", "Two miners"), claim(1, 3.0, "homes", "three homes")];
        assert_eq!(find_conflicts(&REFS, &claims, &[], &|_, _| Relation::Close), []);
    }

    #[test]
    fn dates_conflict_only_in_close_sentences() {
        let claims = vec![
            claim(0, 20_240_414.0, crate::DATE_UNIT, "Sunday"),
            claim(1, 20_240_413.0, crate::DATE_UNIT, "Saturday"),
        ];
        assert_eq!(find_conflicts(&REFS, &claims, &[], &|_, _| Relation::Related), []);
        let conflicts = find_conflicts(&REFS, &claims, &[], &|_, _| Relation::Close);
        assert_eq!(conflicts[0].about, "date");
        assert_eq!(conflicts[0].claims.len(), 2);
    }

    #[test]
    fn approximate_values_and_the_same_weekday_agree() {
        let claims = vec![
            claim(0, 5e11, "USD", "nearly $500 billion"),
            claim(1, 4.84e11, "USD", "$484 billion"),
        ];
        assert_eq!(find_conflicts(&REFS, &claims, &[], &|_, _| Relation::Close), []);
        let claims = vec![
            claim(0, 4e11, "USD", "about $400 billion"),
            claim(1, 4.84e11, "USD", "$484 billion"),
        ];
        assert_eq!(find_conflicts(&REFS, &claims, &[], &|_, _| Relation::Close).len(), 1);
        // A bound the other value keeps; two lower bounds a fifth apart still conflict.
        let claims = vec![
            claim(0, 1.6e6, "signatures", "more than 1.6 million signatures"),
            claim(1, 1_626_042.0, "signatures", "1,626,042 signatures"),
        ];
        assert_eq!(find_conflicts(&REFS, &claims, &[], &|_, _| Relation::Close), []);
        let claims = vec![
            claim(0, 1.7e6, "signatures", "more than 1.7 million signatures"),
            claim(1, 1_626_042.0, "signatures", "1,626,042 signatures"),
        ];
        assert_eq!(find_conflicts(&REFS, &claims, &[], &|_, _| Relation::Close).len(), 1);
        let claims = vec![
            claim(0, 12.0, "people", "at least 12 people"),
            claim(1, 15.0, "people", "at least 15 people"),
        ];
        assert_eq!(find_conflicts(&REFS, &claims, &[], &|_, _| Relation::Close).len(), 1);
        // Two Mondays a week apart: the tense around one of them was misread.
        let claims = vec![
            claim(0, 20_240_311.0, crate::DATE_UNIT, "Monday"),
            claim(1, 20_240_318.0, crate::DATE_UNIT, "Monday"),
        ];
        assert_eq!(find_conflicts(&REFS, &claims, &[], &|_, _| Relation::Close), []);
    }

    #[test]
    fn values_one_article_gives_together_are_different_things() {
        // Doses for one country and for two: a third article gives both.
        let refs = [REFS[0], REFS[1], ArticleRef { id: "d", source: "Coast Wire" }];
        let claims = vec![
            claim(0, 2.5e6, "doses", "2.5 million doses"),
            claim(1, 4e6, "doses", "4 million doses"),
            claim(2, 4e6, "doses", "roughly 4 million doses"),
            claim(2, 2.5e6, "doses", "2.5 million doses"),
        ];
        assert_eq!(find_conflicts(&refs, &claims, &[], &|_, _| Relation::Close), []);
    }

    #[test]
    fn values_of_different_magnitudes_are_different_things() {
        let claims = [
            claim(0, 23.0, "points", "23 points"),
            claim(1, 2117.0, "points", "2,117 points"),
            claim(0, 12.0, "people", "12 people"),
            claim(1, 18.0, "people", "18 people"),
        ];
        let conflicts = find_conflicts(&REFS, &claims, &[], &|_, _| Relation::Close);
        assert_eq!(conflicts.len(), 1, "{conflicts:?}");
        assert_eq!(conflicts[0].about, "people");
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
        let conflicts = find_conflicts(&REFS, &claims, &[], &|_, _| Relation::Related);
        assert_eq!(conflicts, []);
    }

    #[test]
    fn a_value_given_without_a_unit_is_the_same_value_with_one() {
        // Harbor Gazette: "The final drew 55.3 million people." Valley Times: "The final drew
        // 52 million people, the network said; the ratings firm counted 55.3 million." The
        // Times gives both values, so they are two counts, not two outlets disagreeing.
        let claims = vec![
            claim(0, 55.3e6, "people", "55.3 million people"),
            claim(1, 52e6, "people", "52 million people"),
        ];
        assert_eq!(find_conflicts(&REFS, &claims, &[], &|_, _| Relation::Related).len(), 1);
        assert_eq!(find_conflicts(&REFS, &claims, &[(1, 55.3e6)], &|_, _| Relation::Related), []);
        // A bare value the other outlet gives too is no reason to doubt either.
        let same = vec![claim(0, 55.3e6, "people", "55.3 million people")];
        assert_eq!(find_conflicts(&REFS, &same, &[(1, 55.3e6)], &|_, _| Relation::Close), []);
    }

    /// An English article with no title, date or URL.
    fn article(id: &str, source: &str, body: &str) -> model::Article {
        model::Article {
            id: id.to_string(),
            source: source.to_string(),
            url: None,
            title: None,
            author: None,
            published: None,
            language: Some("en".to_string()),
            body: body.to_string(),
            extra: Default::default(),
        }
    }

    /// Two articles compared as one story.
    fn compare_two(a: &model::Article, b: &model::Article) -> model::report::Story {
        let articles = [
            crate::StoryArticle { article: a, duplicate_of: None },
            crate::StoryArticle { article: b, duplicate_of: None },
        ];
        crate::compare_story("s", &articles, &crate::Config::recommended())
    }

    #[test]
    fn a_story_whose_outlet_gives_both_values_has_no_conflict() {
        let a = article(
            "a",
            "Harbor Gazette",
            "The season finale drew 55.3 million people on Sunday, the network said.\n\nAdvertisers paid record prices for the breaks.",
        );
        let b = article(
            "b",
            "Valley Times",
            "The season finale drew 52 million people on Sunday, the network said.\n\nA ratings firm put the audience at 55.3 million, a record for the channel.",
        );
        let story = compare_two(&a, &b);
        assert_eq!(story.conflicts, []);
        let number = story.numbers.iter().find(|n| n.value == 55.3e6).unwrap();
        assert_eq!((number.text.as_str(), number.articles.len()), ("55.3 million people", 2));
        // Without the second figure, the Times disagrees with the Gazette.
        let b = article("b", "Valley Times", b.body.split("\n\n").next().unwrap());
        assert_eq!(compare_two(&a, &b).conflicts.len(), 1);
    }

    #[test]
    fn two_leads_pricing_one_thing_differently_conflict() {
        // The leads share few words ("barrier" against "defences"), but each gives one amount,
        // and within half of each other: one price, told two ways.
        let a = article(
            "a",
            "Harbor Gazette",
            "Wexmoor council has approved a £48m flood barrier on the River Tamble.\n\nWork \
             starts next spring.",
        );
        let b = article(
            "b",
            "Valley Times",
            "The town's new flood defences will cost £52m, according to budget papers.\n\nThe \
             council approved the scheme on Tuesday.",
        );
        let story = compare_two(&a, &b);
        let texts: Vec<&str> =
            story.conflicts.iter().flat_map(|c| &c.claims).map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["£48m", "£52m"], "{:?}", story.conflicts);
        // An amount further off is another one: what the barrier adds to the council's debt.
        let b = article(
            "b",
            "Valley Times",
            "The flood barrier will add £19m to the council's debt, according to budget \
             papers.\n\nThe council approved the scheme on Tuesday.",
        );
        assert_eq!(compare_two(&a, &b).conflicts, []);
        // So is a second amount in the same lead: which one the other lead gives is not known.
        let b = article(
            "b",
            "Valley Times",
            "The town's new flood defences will cost £52m, of which £30m comes from the \
             government.\n\nThe council approved the scheme on Tuesday.",
        );
        assert_eq!(compare_two(&a, &b).conflicts, []);
    }

    #[test]
    fn a_table_of_thousands_of_figures_is_read_up_to_a_bound() {
        // Results pages run to thousands of figures; the conflict in the lead is still found,
        // and the rows past the bound are not paired with every other row.
        let rows: String = (0..3_000)
            .map(|row| format!("Precinct {row} reported {} votes, officials said. ", 1_000 + row))
            .collect();
        let body = |injured: u32| {
            format!(
                "A bus crash on the coast road injured {injured} people on Monday, police \
                 said.\n\n{rows}"
            )
        };
        let a = article("a", "Harbor Gazette", &body(12));
        let b = article("b", "Valley Times", &body(18));
        let story = compare_two(&a, &b);
        let people: Vec<&Conflict> =
            story.conflicts.iter().filter(|c| c.about == "people").collect();
        assert_eq!(people.len(), 1, "{:?}", story.conflicts);
        let texts: Vec<&str> = people[0].claims.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["12 people", "18 people"]);
    }

    #[test]
    fn no_conflict_puts_an_outlet_on_two_sides() {
        // The Gazette's 6% and 4% each differ from the Times's 8.5%: the Gazette is measuring
        // two things, and which one the Times measured is not known.
        let claims = vec![
            claim(0, 6.0, "%", "6 percent"),
            claim(1, 8.5, "%", "8.5%"),
            claim(2, 4.0, "%", "4 percent"),
        ];
        assert_eq!(find_conflicts(&REFS, &claims, &[], &|_, _| Relation::Related), []);
        assert_eq!(find_conflicts(&REFS, &claims[..2], &[], &|_, _| Relation::Related).len(), 1);
    }

    #[test]
    fn a_count_s_predicate_is_the_verb_next_to_it() {
        let context = |sentence: &str, phrase: &str, unit: &str| {
            let start = sentence.find(phrase).unwrap();
            count_context(sentence, start, start + phrase.len(), &canonical_term(unit).unwrap())
        };
        // Past auxiliaries, with synonyms mapped: wounded and hurt are one predicate.
        let wounded =
            context("Two soldiers were wounded in the attack.", "Two soldiers", "soldiers");
        assert_eq!(wounded, context("Four soldiers had been hurt.", "Four soldiers", "soldiers"));
        assert_ne!(wounded, context("Two soldiers were killed.", "Two soldiers", "soldiers"));
        // The act before the count, in its clause.
        assert_eq!(
            context("A quake hit, killing at least 12 people.", "at least 12 people", "people"),
            context("At least 15 people died.", "At least 15 people", "people")
        );
        // Nothing across a clause boundary, and no preposition or number.
        assert_eq!(
            context("After the storm, 40 homes in the valley flooded.", "40 homes", "homes"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn count_keys_name_counts_of_things_and_their_predicates() {
        let text = "Two miners are still missing. Rescuers worked for 12 hours.";
        let keys: Vec<String> = count_keys(text, &analyze::numbers::find_numbers(text))
            .into_iter()
            .map(|(_, key)| key)
            .collect();
        // Spans of time are not counts of things.
        assert_eq!(keys, [format!("miner {}", canonical_term("missing").unwrap())]);
    }

    #[test]
    fn vote_tallies_are_read_from_vote_sentences() {
        let texts =
            |s: &str| -> Vec<String> { vote_tallies(s).into_iter().map(|(_, t)| t).collect() };
        assert_eq!(texts("The bill passed by 88 votes to 61."), ["88 votes to 61"]);
        assert_eq!(texts("The vote was 84 to 61."), ["84 to 61"]);
        assert_eq!(texts("The Senate voted 52-48 on Monday."), ["52-48"]);
        assert_eq!(
            vote_tallies("The Senate voted 52-48.")[0].0,
            vote_tallies("It was 48 to 52 in the vote.")[0].0
        );
        // Not without a vote, nor ranges of amounts, percentages or dates.
        assert!(texts("Prices rose from 40 to 45 over the year.").is_empty());
        assert!(texts("The vote moved rates from 5 to 5.25%.").is_empty());
        assert!(texts("Voting runs from $10 to $20 a ticket in 2020-2021.").is_empty());
    }
}
