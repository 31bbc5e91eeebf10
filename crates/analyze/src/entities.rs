//! Named entities by rules: people, organizations and places.
//!
//! Capitalised word runs are the candidates. A run is a person after a title ("President
//! Vladimir Putin" gives "Vladimir Putin") or when it is two or three plain name-like words
//! (after "the", such words name a thing: "the Gaza Strip", "the Tar Heels"); an
//! organization by a keyword ("Ministry", "Inc", "University", "Partners"), a known name, an
//! acronym or a place's name before a plural (a team: "Houston Texans"); a place by a small
//! gazetteer, by its first or last word ("Mount", "San", "Valley", "Base") or by "in X" /
//! "from X"; a thing (`other`) by its last word ("Award", "Festival", "Treaty") or as a known
//! body's product ("Microsoft Exchange"). A one-word run counts only when it is
//! known, or is the surname of a person named earlier. Precision matters more than recall here:
//! an unknown run is dropped rather than guessed.

use std::collections::{HashMap, HashSet};
use std::sync::{LazyLock, OnceLock};

use model::report::EntityKind;
use rustc_hash::FxHashSet;

use crate::calendar;
use crate::sentences::sentences;

/// An entity found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityMention {
    /// The name as written, without a title ("Vladimir Putin", not "President Vladimir Putin").
    pub name: String,
    /// Person, organization or place.
    pub kind: EntityKind,
    /// Byte offset of `name`.
    pub start: usize,
}

/// A fixed list of words, looked up as a hash set built on first use: the lists are checked
/// for every capitalised word of every article, and a scan of the places alone compared
/// each run with over 300 names.
struct WordList {
    words: &'static [&'static str],
    set: OnceLock<FxHashSet<&'static str>>,
}

impl WordList {
    const fn new(words: &'static [&'static str]) -> WordList {
        WordList { words, set: OnceLock::new() }
    }

    fn contains(&self, word: &str) -> bool {
        self.set.get_or_init(|| self.words.iter().copied().collect()).contains(word)
    }
}

/// Finds named entities, in text order.
pub fn find_entities(text: &str) -> Vec<EntityMention> {
    let mut runs = Vec::new();
    for sentence in sentences(text) {
        name_runs(sentence.text, sentence.start, &mut runs);
    }
    let mut acc: Vec<EntityMention> = Vec::new();
    let mut earlier = Earlier::default();
    for run in &runs {
        if let Some(kind) = classify(text, run, &earlier) {
            let name = &text[run.start..run.end];
            earlier.add(name, kind);
            acc.push(EntityMention { name: name.to_string(), kind, start: run.start });
        }
    }
    acc
}

/// What the names found so far tell of the next: the kind each name was last given, and the
/// surnames of the people named in full, looked up at once (a long text names thousands).
#[derive(Default)]
struct Earlier {
    kinds: HashMap<String, EntityKind>,
    /// The words after the last space of people's names ("Smith" of "John Smith").
    surnames: HashSet<String>,
    /// The text's words written in lower case, gathered the first time a word in capitals
    /// needs them.
    lower_case_words: std::cell::OnceCell<HashSet<String>>,
}

impl Earlier {
    fn add(&mut self, name: &str, kind: EntityKind) {
        self.kinds.insert(name.to_string(), kind);
        if kind == EntityKind::Person {
            // "Comeaux" of "Arcade Joseph Comeaux Jr."
            let mut words = name.split(' ').rev().skip_while(|word| is_name_suffix(word));
            if let (Some(last), Some(_)) = (words.next(), words.next()) {
                self.surnames.insert(last.to_string());
            }
        }
    }

    fn kind(&self, name: &str) -> Option<EntityKind> {
        self.kinds.get(name).copied()
    }

    /// Whether a person was named before with `name` as the last word, after a space.
    fn is_surname(&self, name: &str) -> bool {
        self.surnames.contains(name)
    }

    /// Whether `text` writes a word in capitals ("BOMB") elsewhere in lower case ("bomb"):
    /// then it is a word shouted, not an acronym or a name.
    fn shouted(&self, text: &str, word: &str) -> bool {
        let is_capitals = word.len() >= 4 && word.bytes().all(|b| b.is_ascii_uppercase());
        is_capitals
            && self
                .lower_case_words
                .get_or_init(|| {
                    // Whole words between spaces: not the "usgs" of "earthquake.usgs.gov".
                    text.split_whitespace()
                        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                        .filter(|w| {
                            w.starts_with(|c: char| c.is_lowercase())
                                && w.chars().all(char::is_alphabetic)
                        })
                        .map(str::to_string)
                        .collect()
                })
                .contains(&word.to_ascii_lowercase())
    }
}

/// A run of capitalised words, after titles and sentence openers are stripped.
#[derive(Debug, Clone)]
pub(crate) struct NameRun {
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Number of words.
    pub(crate) n_words: usize,
    /// A title such as "President" or "Sen." stood before it.
    pub(crate) titled: bool,
    /// The run opened its sentence (before stripping).
    pub(crate) sentence_start: bool,
    /// "the" stood just before it, or before its title: "the Gaza Strip", "the Executive
    /// Chamber". People's names seldom follow "the".
    pub(crate) after_the: bool,
    /// Its sentence is a headline in title case, whose capitals mark no names.
    pub(crate) in_headline: bool,
}

/// Capitalised word runs of one sentence that starts at byte `offset` of the text.
pub(crate) fn name_runs(sentence: &str, offset: usize, acc: &mut Vec<NameRun>) {
    let tokens = tokens(sentence);
    let first_run = acc.len();
    let mut idx = 0;
    while idx < tokens.len() {
        if !tokens[idx].capitalised {
            idx += 1;
            continue;
        }
        let first = idx;
        let mut last = idx;
        // An "of", "for", "on" or "to" after a body's keyword joined what the body is for.
        let mut complement = false;
        while last + 1 < tokens.len() && !tokens[last].break_after {
            let next = &tokens[last + 1];
            if next.capitalised {
                last += 1;
                continue;
            }
            // "Department of Justice", "Secretary of State", "Charles de Gaulle", "Council on
            // Foreign Relations", "Committee to Protect Journalists".
            let joins = matches!(next.word, "of" | "for") && is_keyword_or_title(tokens[last].word)
                || matches!(next.word, "on" | "to") && joins_on_or_to(tokens[last].word, next.word)
                || matches!(next.word, "de" | "van" | "von" | "bin" | "al" | "da" | "del" | "le");
            let joined = tokens.get(last + 2).filter(|t| {
                t.capitalised && !(next.word == "on" && calendar::is_day_or_month_name(t.word))
            });
            if joins && !next.break_after && joined.is_some() {
                complement |= matches!(next.word, "of" | "for" | "on" | "to");
                last += 2;
                continue;
            }
            // "Secretary of the Interior", "Department of the Treasury".
            let of_the = next.word == "of"
                && !next.break_after
                && is_keyword_or_title(tokens[last].word)
                && tokens.get(last + 2).is_some_and(|t| t.word == "the" && !t.break_after)
                && tokens.get(last + 3).is_some_and(|t| t.capitalised);
            if of_the {
                last += 3;
                continue;
            }
            // "Ways and Means Committee", "Health and Human Services": "and" inside a body's
            // name, which a keyword after it shows.
            let body = &tokens[first..=last];
            if next.word == "and" && !next.break_after {
                if and_joins_a_body(body, &tokens[last + 2..]) {
                    last += 2;
                    continue;
                }
                // "Centers for Disease Control and Prevention", "Office of Management and
                // Budget": "and" inside what the body is for.
                if complement {
                    if let Some(tail) = and_tail_of_complement(body, &tokens[last + 2..]) {
                        last += 1 + tail;
                        continue;
                    }
                }
            }
            break;
        }
        let after_the = first > 0 && tokens[first - 1].word == "the";
        push_run(offset, &tokens[first..=last], first == 0, after_the, acc);
        idx = last + 1;
    }
    if acc.len() > first_run && is_headline(&tokens) {
        acc[first_run..].iter_mut().for_each(|run| run.in_headline = true);
    }
}

/// Whether "and" joins the run before it to the rest of a public body's name after it, one
/// or two capitalised words that end with its keyword: "Ways and Means Committee", "Food and
/// Drug Administration", "Department of Health and Human Services". Not when the run before
/// it is a name of its own ("House and Senate", "Apple Inc and Alphabet Inc"), holds a title
/// ("Senate Majority Leader Mitch McConnell and Bank of America") or a day ("on Tuesday and
/// House Armed Services Committee on Wednesday"), or already holds an "and".
fn and_joins_a_body(before: &[Token<'_>], after: &[Token<'_>]) -> bool {
    let Some(last) = before.last() else {
        return false;
    };
    let joins = before.len() <= 4
        && !before.iter().any(|t| {
            TITLES.contains(t.word) || calendar::is_day_or_month_name(t.word) || t.word == "and"
        })
        && !ORG_KEYWORDS.contains(last.word)
        && !KNOWN_ORGS.contains(last.word)
        && !is_place_name(last.word)
        && !is_acronym(last.word);
    if !joins {
        return false;
    }
    for token in after.iter().take(2) {
        if !token.capitalised {
            return false;
        }
        if PUBLIC_BODY_KEYWORDS.contains(&token.word) {
            return true;
        }
        if token.break_after {
            return false;
        }
    }
    false
}

/// Whether "on" or "to" after `word` goes on with the name of what a body is for: "Council on
/// Foreign Relations", "Commission on Presidential Debates", "Committee to Protect
/// Journalists". After other words it starts a phrase: "Senate on Tuesday", "Congress to
/// Vote".
fn joins_on_or_to(word: &str, joiner: &str) -> bool {
    match joiner {
        "on" => {
            matches!(word, "Council" | "Committee" | "Subcommittee" | "Commission" | "Conference")
        }
        _ => matches!(word, "Committee" | "Campaign" | "Coalition"),
    }
}

/// The number of words after an "and" that end what a body is for, when its name has
/// already joined it with "of", "for", "on" or "to": one or two capitalised words that close
/// the name ("Centers for Disease Control and Prevention", "Department of Housing and Urban
/// Development"). Not a name of its own: a known body, a place, an acronym, a title, a day
/// or a first name ("Department of Justice and Google", "Ministry of Defence and NATO",
/// "Secretary of State and John Kerry").
fn and_tail_of_complement(body: &[Token<'_>], after: &[Token<'_>]) -> Option<usize> {
    let names_body = body.iter().any(|t| is_org_keyword(t.word));
    if !names_body || body.len() > 5 || body.iter().any(|t| t.word == "and") {
        return None;
    }
    let n_words = after.iter().take(2).take_while(|t| t.capitalised).count();
    let closes = |n: usize| after[n - 1].break_after || after.get(n).is_none_or(|t| !t.capitalised);
    let n_words = (1..=n_words).find(|&n| closes(n))?;
    let own_name = |t: &Token<'_>| {
        KNOWN_ORGS.contains(t.word)
            || is_place_name(t.word)
            || is_acronym(t.word)
            || is_title(t.word)
            || calendar::is_day_or_month_name(t.word)
            || crate::quotes::is_first_name(t.word)
    };
    (!after[..n_words].iter().any(own_name)).then_some(n_words)
}

/// The keywords of bodies whose names hold an "and" (a company's, a paper's or a
/// university's seldom do, and "Fox News" or "LaSalle University" after an "and" is a name of
/// its own).
const PUBLIC_BODY_KEYWORDS: &[&str] = &[
    "Administration",
    "Committee",
    "Commission",
    "Service",
    "Services",
    "Department",
    "Authority",
    "Agency",
    "Board",
    "Bureau",
    "Council",
    "Office",
];

/// Whether a capitalised word is a known first word of a sentence rather than of a name.
pub fn is_common_word(word: &str) -> bool {
    if COMMON_CAPITALISED.contains(word) {
        return true;
    }
    with_lowercase(word, |lower| is_stop_word(lower) || is_adverb(word, lower))
}

/// Calls `f` with `word` lower-cased: on the stack for a short ASCII word, as most are (this
/// runs for the first word of every sentence).
fn with_lowercase<T>(word: &str, f: impl FnOnce(&str) -> T) -> T {
    let mut buf = [0u8; 24];
    match buf.get_mut(..word.len()) {
        Some(lower) if word.is_ascii() => {
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            // Lower-cased ASCII is still ASCII.
            f(std::str::from_utf8(lower).unwrap_or(word))
        }
        _ => f(&word.to_lowercase()),
    }
}

/// An English stop word, lower-cased.
fn is_stop_word(lower: &str) -> bool {
    // Built once: this runs for every capitalised word of every article.
    static ENGLISH_STOP_WORDS: LazyLock<FxHashSet<&'static str>> =
        LazyLock::new(|| stop_words::lookup("en").unwrap_or_default().iter().copied().collect());
    ENGLISH_STOP_WORDS.contains(lower)
}

/// Stop words that are also first names: "Will Smith", "Don Lemon", "Jack Ma".
fn is_stop_word_and_name(lower: &str) -> bool {
    matches!(lower, "will" | "don" | "ma")
}

/// Whether a sentence is a headline in title case, where capitals mark no names: "Keep the
/// Returns, Trump; Just Give Us a Few Figures", "Stealth Over Health". Every word of five
/// letters or more is capitalised, and so is a function word after the first ("Us", "Few",
/// "Over"), which prose never capitalises (but as a first name, or an initial of one letter).
fn is_headline(tokens: &[Token<'_>]) -> bool {
    let words = || tokens.iter().filter(|t| t.word.starts_with(char::is_alphabetic));
    // Prose has a long word in lower case, and is told at once.
    if words().any(|t| !t.capitalised && t.word.chars().count() >= 5)
        || words().filter(|t| t.capitalised).count() < 3
    {
        return false;
    }
    words().skip(1).filter(|t| t.capitalised && t.word.chars().count() > 1).any(|t| {
        with_lowercase(t.word, |lower| !is_stop_word_and_name(lower) && is_stop_word(lower))
    })
}

/// "Naturally", "Ironically", "Clearly", "Happily": an adverb opening a sentence, by its
/// ending; names end so rarely ("Beverly", "Sally", "Emily" and "Gurbanguly" do not).
fn is_adverb(word: &str, lower: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ally", "ously", "ently", "antly", "ively", "fully", "lessly", "edly", "ingly", "ately",
        "arly", "ostly",
    ];
    lower.len() >= 6
        && word.chars().skip(1).all(|c| c.is_lowercase())
        && (ENDINGS.iter().any(|ending| lower.ends_with(ending))
            || lower.len() >= 7 && lower.ends_with("ily"))
}

struct Token<'a> {
    word: &'a str,
    start: usize,
    capitalised: bool,
    /// Punctuation after the word ends a name: a comma, a possessive, a quote.
    break_after: bool,
}

fn tokens(sentence: &str) -> Vec<Token<'_>> {
    let mut acc: Vec<Token<'_>> = Vec::new();
    let mut pos = 0;
    // A dash or a bracket without spaces parts words too: "The Washington Post–shows",
    // "(CNN)The Supreme Court".
    let parts = |c: char| c.is_whitespace() || matches!(c, '–' | '—' | ')');
    for raw in sentence.split_inclusive(parts) {
        let raw_start = pos;
        pos += raw.len();
        let trimmed = raw.trim_end();
        let lead = trimmed.len() - trimmed.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
        let mut word = &trimmed[lead..];
        let mut break_after = false;
        if let Some(stem) = word.strip_suffix("’s").or_else(|| word.strip_suffix("'s")) {
            word = stem;
            break_after = true;
        }
        let core = word.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.');
        break_after |= core.len() != word.len();
        // Keep the period of "Sen.", "W." and "U.S."; a period after other words ends a name.
        let core = match core.strip_suffix('.') {
            Some(_) if is_abbreviation(core) => core,
            Some(stem) => {
                break_after = true;
                // "News,..." is "News".
                stem.trim_end_matches(|c: char| !c.is_alphanumeric())
            }
            None => core,
        };
        if lead > 0 || core.is_empty() {
            if let Some(previous) = acc.last_mut() {
                previous.break_after = true;
            }
        }
        if core.is_empty() {
            continue;
        }
        let capitalised =
            core.chars().next().is_some_and(char::is_uppercase) && !is_hyphenated_adjective(core);
        acc.push(Token { word: core, start: raw_start + lead, capitalised, break_after });
    }
    acc
}

/// Titles written before two names or more: "Producers Laurence Mark and Bill Condon",
/// "Sens. Bill Cassidy and Susan Collins". Not every title's plural: "Kings County", "Queens",
/// "Chiefs" and "Republicans" name places and bodies.
const PLURAL_TITLES: &[&str] = &[
    "Senators",
    "Sens.",
    "Representatives",
    "Reps.",
    "Justices",
    "Judges",
    "Presidents",
    "Governors",
    "Govs.",
    "Ministers",
    "Mayors",
    "Commissioners",
    "Directors",
    "Executives",
    "CEOs",
    "Producers",
    "Officers",
    "Detectives",
    "Prosecutors",
    "Lawyers",
    "Attorneys",
    "Actors",
    "Candidates",
    "Ambassadors",
    "Professors",
    "Drs.",
];

/// "Iran-backed", "Republican-led", "Soviet-era", "Pulitzer Prize-winning": a capitalised word
/// made an adjective, not a name. "Kim Jong-un" and "Tsai Ing-wen" are names.
fn is_hyphenated_adjective(word: &str) -> bool {
    let Some((_, end)) = word.rsplit_once('-') else {
        return false;
    };
    end.chars().next().is_some_and(char::is_lowercase)
        && (end.ends_with("ed") || end.ends_with("ing") || ADJECTIVE_ENDS.contains(&end))
}

/// What a noun is hyphenated with to make an adjective ("Soviet-era", "U.S.-made",
/// "Sixteen-year-old") or a description ("Super-agent"), beside participles.
const ADJECTIVE_ENDS: &[&str] = &[
    "era",
    "style",
    "run",
    "made",
    "born",
    "area",
    "end",
    "like",
    "type",
    "heavy",
    "old",
    "wide",
    "free",
    "friendly",
    "class",
    "level",
    "scale",
    "term",
    "bound",
    "proof",
    "centric",
    "long",
    // Descriptions: "Super-agent Scott Boras", "Co-founder Jane Lee".
    "agent",
    "founder",
    "president",
    "star",
    "winner",
    "owner",
];

/// "Sen.", "Gov.", "W.", "U.S.", "Jr.": a period that belongs to the word.
fn is_abbreviation(word: &str) -> bool {
    let stem = word.trim_end_matches('.');
    stem.chars().count() == 1
        || stem.contains('.')
        || TITLES.contains(word)
        || matches!(stem, "Jr" | "Sr" | "Inc" | "Corp" | "Co" | "Ltd" | "St" | "Mt")
        || STATES_BY_AP.contains_key(word)
}

fn push_run(
    offset: usize,
    tokens: &[Token<'_>],
    sentence_start: bool,
    mut after_the: bool,
    acc: &mut Vec<NameRun>,
) {
    // The sentence's first word, after any space or quotation mark before it.
    let opener = tokens.first().filter(|_| sentence_start).map(|t| t.start);
    let mut tokens = tokens;
    let mut titled = false;
    while let Some((first, rest)) = tokens.split_first() {
        if let Some(title) = title_after_body(tokens) {
            // "Republican National Committee Chair Ronna McDaniel": a party names the body
            // whose office follows, and is part of its name.
            push_tokens(offset, &tokens[..title], false, sentence_start, after_the, acc);
            titled = true;
            after_the = false;
            tokens = &tokens[title + 1..];
        } else if (TITLES.contains(first.word) || PLURAL_TITLES.contains(&first.word))
            // "Justice Department": a body's name, not a title.
            && !rest.first().is_some_and(|next| ORG_KEYWORDS.contains(next.word))
        {
            // "Former Minneapolis police officer Derek Chauvin": "Former" names no one
            // without a title of its own after it.
            titled |= first.word != "Former";
            tokens = rest;
        } else if titled && first.word == "of" && rest.len() > 1 {
            // "Secretary of State John Kerry": the office is part of the title. "CEO of the
            // Summit Agricultural Group" names a body, and no one after it.
            let body = without_the(rest);
            match body.iter().rposition(|t| is_org_keyword(t.word)) {
                Some(keyword) => {
                    // "Chief of Police Scot Smithee": a person may follow the body.
                    let (body, name) = body.split_at(keyword + 1);
                    push_tokens(offset, body, false, sentence_start, false, acc);
                    tokens = without_office_words(name);
                }
                None => tokens = without_office(body),
            }
            // "Director of Player Personnel": one word after an office is a person only if
            // named in full before ("Secretary of State Kerry").
            titled = tokens.len() > 1;
            after_the = false;
        } else if (Some(first.start) == opener && is_common_word(first.word))
            || is_skip_word(first.word)
        {
            after_the |= first.word == "The";
            tokens = rest;
        } else if let Some(title) = title_after_modifiers(tokens) {
            // "Democratic Sen. Claire McCaskill", "Bank of America Chief Executive Brian
            // Moynihan": what the words before the title name is a run of its own, and the
            // person's name comes after it.
            let mut qualifiers = &tokens[..title];
            while let Some((last, rest)) = qualifiers.split_last() {
                match OFFICE_QUALIFIERS.contains(&last.word) {
                    true => qualifiers = rest,
                    false => break,
                }
            }
            // "Acting White House Chief of Staff".
            while let Some((first, rest)) = qualifiers.split_first() {
                match OFFICE_QUALIFIERS.contains(&first.word) {
                    true => qualifiers = rest,
                    false => break,
                }
            }
            push_run(offset, qualifiers, sentence_start, after_the, acc);
            after_the = false;
            tokens = &tokens[title..];
        } else {
            break;
        }
    }
    while let Some((last, rest)) = tokens.split_last() {
        if is_skip_word(last.word) || matches!(last.word, "of" | "for") {
            tokens = rest;
        } else {
            break;
        }
    }
    push_tokens(offset, tokens, titled, sentence_start, after_the, acc);
}

fn push_tokens(
    offset: usize,
    tokens: &[Token<'_>],
    titled: bool,
    sentence_start: bool,
    after_the: bool,
    acc: &mut Vec<NameRun>,
) {
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return;
    };
    acc.push(NameRun {
        start: offset + first.start,
        end: offset + last.start + last.word.len(),
        n_words: tokens.len(),
        titled,
        sentence_start,
        after_the,
        in_headline: false,
    });
}

/// Where the title stands in "Republican National Committee Chair Ronna McDaniel": after a
/// party (a title of its own in "Republican Mitt Romney"), an organization's name and a
/// title, with a name after it.
fn title_after_body(tokens: &[Token<'_>]) -> Option<usize> {
    if !tokens.first().is_some_and(|t| matches!(t.word, "Republican" | "Democrat" | "GOP")) {
        return None;
    }
    let title = title_after_modifiers(tokens).filter(|&title| title >= 2)?;
    let body = &tokens[1..title];
    let named = !TITLES.contains(body[0].word)
        && body.iter().any(|t| ORG_KEYWORDS.contains(t.word))
        && !body.iter().any(|t| OFFICE_QUALIFIERS.contains(&t.word));
    named.then_some(title)
}

/// The words after an office's "of" (and "the") without the office: "State" of "State John
/// Kerry", "Interior" and "Homeland Security" likewise. The office is one word, or more of the
/// words government departments are named with.
fn without_office<'t, 'a>(tokens: &'t [Token<'a>]) -> &'t [Token<'a>] {
    without_office_words(tokens.get(1..).unwrap_or_default())
}

fn without_office_words<'t, 'a>(tokens: &'t [Token<'a>]) -> &'t [Token<'a>] {
    let start = tokens.iter().position(|t| !OFFICE_WORDS.contains(t.word));
    &tokens[start.unwrap_or(tokens.len())..]
}

fn without_the<'t, 'a>(tokens: &'t [Token<'a>]) -> &'t [Token<'a>] {
    match tokens.split_first() {
        Some((the, rest)) if the.word == "the" => rest,
        _ => tokens,
    }
}

/// Whether a name holds an organization's keyword: "Surrey Fire and Rescue Service".
pub(crate) fn names_a_body(name: &str) -> bool {
    name.split_whitespace().any(|word| is_org_keyword(word.trim_end_matches('.')))
}

/// An organization's keyword, or its plural ("Federation of State Medical Boards").
fn is_org_keyword(word: &str) -> bool {
    ORG_KEYWORDS.contains(word) || word.strip_suffix('s').is_some_and(|w| ORG_KEYWORDS.contains(w))
}

/// Words that name an office's domain after its first word: "Secretary of Homeland
/// Security", "Minister of Foreign Affairs", "President of the United States".
static OFFICE_WORDS: WordList = WordList::new(&[
    "Security",
    "Affairs",
    "Services",
    "Development",
    "Defense",
    "Defence",
    "Intelligence",
    "Operations",
    "Staff",
    "Chiefs",
    "States",
    "Nations",
    "Kingdom",
    "Force",
    "Safety",
    "Works",
    "Resources",
    "Protection",
    "Relations",
    "Commonwealth",
    "Ways",
]);

/// Words between what an office belongs to and its title ("Senate Majority Leader", "White
/// House Press Secretary"): part of neither the body's name nor the person's.
const OFFICE_QUALIFIERS: &[&str] = &[
    "Majority",
    "Minority",
    "Press",
    "Deputy",
    "Assistant",
    "Acting",
    "Senior",
    "Interim",
    "Head",
    // "House Democratic Vice Caucus Chairman".
    "Vice",
];

/// Where a title stands after up to seven words that qualify it ("Democratic Sen.", "Senate
/// Majority Leader", "Joint Chiefs of Staff Chairman"), when a name of its own follows,
/// perhaps after the title's office ("White House Chief of Staff Mick Mulvaney").
fn title_after_modifiers(tokens: &[Token<'_>]) -> Option<usize> {
    (1..tokens.len().min(8)).find(|&title| {
        if !TITLES.contains(tokens[title].word) {
            return false;
        }
        let mut name = &tokens[title + 1..];
        if name.first().is_some_and(|t| t.word == "of") {
            // "Doris Duke Professor of Conservation Ecology" names no one after the office.
            name = without_office(without_the(&name[1..]));
            if name.len() < 2 {
                return false;
            }
        }
        !name.is_empty()
            && name.iter().all(|t| TITLES.contains(t.word) || is_name_word(t.word))
            && name.iter().any(|t| !TITLES.contains(t.word))
    })
}

/// A place the gazetteer knows, or a country's abbreviation.
fn is_place_name(name: &str) -> bool {
    PLACES.contains(name)
        || matches!(name, "U.S." | "U.K." | "US" | "USA" | "UK" | "UAE" | "D.C.")
        || STATES_BY_AP.contains_key(name)
}

/// A state as AP abbreviates it ("Calif.", "W.Va."), not a state AP writes in full ("Idaho").
fn is_ap_state_abbreviation(name: &str) -> bool {
    name.ends_with('.') && STATES_BY_AP.contains_key(name)
}

/// Whether a state's abbreviation, after `before`, follows a town as AP writes it
/// ("Rancho Mirage, Calif.") or "in": where something is. A party label names the state a
/// lawmaker represents ("Sen. Ron Wyden (D–Ore.)", "(D., Ariz.)", "(Ky.)"), and "at Mass." a
/// church service.
fn after_a_town(before: &str) -> bool {
    let before = before.trim_end();
    let in_brackets = before.rfind('(').is_some_and(|open| !before[open..].contains(')'));
    if in_brackets {
        return false;
    }
    match before.strip_suffix(',') {
        Some(town) => town.rsplit(' ').next().is_some_and(|w| w.starts_with(char::is_uppercase)),
        None => before.ends_with(" in") || before == "In",
    }
}

/// Whether `text[start..end]` is the state of a lawmaker's party label, after a person's name:
/// "Mitt Romney (Utah)", "(R-Texas)", "(D., Maine)"; not a town's state ("Portland (Oregon)").
fn in_party_label(text: &str, start: usize, end: usize, earlier: &Earlier) -> bool {
    let before = text[..start].trim_end();
    let before = before
        .strip_suffix(['-', '–', ','])
        .map_or(before, |b| b.trim_end_matches('.').trim_end_matches(['R', 'D', 'I']));
    let Some(name) = before.strip_suffix('(') else { return false };
    let previous = name.trim_end().rsplit(' ').next().unwrap_or_default();
    text[end..].starts_with(')') && earlier.is_surname(previous)
}

/// The name of the US state that an abbreviation stands for, as news writes it after a town
/// ("Rancho Mirage, Calif.", AP style) or as a postal code ("Fountain Valley, CA").
pub fn us_state(abbreviation: &str) -> Option<&'static str> {
    STATES_BY_AP.get(abbreviation).or_else(|| STATES_BY_POSTAL.get(abbreviation)).copied()
}

/// [`US_STATES`]' names by AP abbreviation, looked up for every name found (postal codes that
/// are English words, "IN", "OR", are places only where the gazetteer says so).
static STATES_BY_AP: LazyLock<HashMap<&str, &str>> =
    LazyLock::new(|| US_STATES.iter().map(|&(name, ap, _)| (ap, name)).collect());

/// [`US_STATES`]' names.
static STATES_BY_NAME: LazyLock<HashSet<&str>> =
    LazyLock::new(|| US_STATES.iter().map(|&(name, _, _)| name).collect());

/// [`US_STATES`]' names by postal code.
static STATES_BY_POSTAL: LazyLock<HashMap<&str, &str>> =
    LazyLock::new(|| US_STATES.iter().map(|&(name, _, postal)| (postal, name)).collect());

/// US states: name, AP abbreviation (the name itself where AP writes it in full) and postal
/// code.
const US_STATES: &[(&str, &str, &str)] = &[
    ("Alabama", "Ala.", "AL"),
    ("Alaska", "Alaska", "AK"),
    ("Arizona", "Ariz.", "AZ"),
    ("Arkansas", "Ark.", "AR"),
    ("California", "Calif.", "CA"),
    ("Colorado", "Colo.", "CO"),
    ("Connecticut", "Conn.", "CT"),
    ("Delaware", "Del.", "DE"),
    ("Florida", "Fla.", "FL"),
    ("Georgia", "Ga.", "GA"),
    ("Hawaii", "Hawaii", "HI"),
    ("Idaho", "Idaho", "ID"),
    ("Illinois", "Ill.", "IL"),
    ("Indiana", "Ind.", "IN"),
    ("Iowa", "Iowa", "IA"),
    ("Kansas", "Kan.", "KS"),
    ("Kentucky", "Ky.", "KY"),
    ("Louisiana", "La.", "LA"),
    ("Maine", "Maine", "ME"),
    ("Maryland", "Md.", "MD"),
    ("Massachusetts", "Mass.", "MA"),
    ("Michigan", "Mich.", "MI"),
    ("Minnesota", "Minn.", "MN"),
    ("Mississippi", "Miss.", "MS"),
    ("Missouri", "Mo.", "MO"),
    ("Montana", "Mont.", "MT"),
    ("Nebraska", "Neb.", "NE"),
    ("Nevada", "Nev.", "NV"),
    ("New Hampshire", "N.H.", "NH"),
    ("New Jersey", "N.J.", "NJ"),
    ("New Mexico", "N.M.", "NM"),
    ("New York", "N.Y.", "NY"),
    ("North Carolina", "N.C.", "NC"),
    ("North Dakota", "N.D.", "ND"),
    ("Ohio", "Ohio", "OH"),
    ("Oklahoma", "Okla.", "OK"),
    ("Oregon", "Ore.", "OR"),
    ("Pennsylvania", "Pa.", "PA"),
    ("Rhode Island", "R.I.", "RI"),
    ("South Carolina", "S.C.", "SC"),
    ("South Dakota", "S.D.", "SD"),
    ("Tennessee", "Tenn.", "TN"),
    ("Texas", "Texas", "TX"),
    ("Utah", "Utah", "UT"),
    ("Vermont", "Vt.", "VT"),
    ("Virginia", "Va.", "VA"),
    ("Washington", "Wash.", "WA"),
    ("West Virginia", "W.Va.", "WV"),
    ("Wisconsin", "Wis.", "WI"),
    ("Wyoming", "Wyo.", "WY"),
];

fn classify(text: &str, run: &NameRun, earlier: &Earlier) -> Option<EntityKind> {
    let name = &text[run.start..run.end];
    let words: Vec<&str> = name.split_whitespace().collect();
    // "BIGGEST PROTEST", a heading; "A FIRE - BOMB attack": words in capitals.
    if words.iter().any(|word| earlier.shouted(text, word)) {
        return None;
    }
    if is_ap_state_abbreviation(name) && !after_a_town(&text[..run.start])
        || STATES_BY_NAME.contains(name) && in_party_label(text, run.start, run.end, earlier)
    {
        return None;
    }
    if is_place_name(name) {
        return Some(EntityKind::Place);
    }
    // "Academy Award Nomination", "Nobel Peace Prize": an honour, whatever names it; "Hurricane
    // Milton": a storm.
    let storm = matches!(words[0], "Hurricane" | "Typhoon" | "Cyclone" | "Storm");
    if run.n_words > 1 && (THING_ENDS.contains(words[words.len() - 1]) || storm) {
        return Some(EntityKind::Other);
    }
    let name_like = words.iter().all(|w| is_name_word(w));
    // "Silicon Valley", "Andrews Air Force Base": the last word says what it is.
    if name_like && run.n_words > 1 && PLACE_ENDS.contains(words[words.len() - 1]) {
        return Some(EntityKind::Place);
    }
    // "Doctors Without Borders", "Médecins Sans Frontières": a family of bodies' names.
    let without_borders = name.ends_with(" Without Borders") || name.ends_with(" Sans Frontières");
    if KNOWN_ORGS.contains(name)
        || run.n_words > 1 && words.iter().any(|w| ORG_KEYWORDS.contains(w.trim_end_matches('.')))
        || name.starts_with("Ministry of")
        || without_borders
        || run.n_words > 1 && matches!(words[0], "Team" | "Daily")
        || is_team(&words)
    {
        return Some(EntityKind::Organization);
    }
    // "Microsoft Exchange", "Google Maps": a known body's product, not a person.
    if run.n_words > 1 && KNOWN_ORGS.contains(words[0]) {
        return Some(EntityKind::Other);
    }
    if run.n_words > 2 && is_place_keyword(words[0]) && words[1] == "of" {
        return Some(EntityKind::Place);
    }
    if run.n_words == 1 && is_acronym(name) {
        return (!NOT_ENTITY_ACRONYMS.contains(name)).then_some(EntityKind::Organization);
    }
    if let Some(kind) = earlier.kind(name) {
        return Some(kind);
    }
    // "Chief Public Relations Officer", "Public Relations" before "Officer Manohar Nambiar":
    // an office or its domain, after a title or before one, names no one.
    let last = words[words.len() - 1];
    if run.n_words > 1 && (OFFICE_ENDS.contains(last) || OFFICE_WORDS.contains(last)) {
        return None;
    }
    if run.titled && name_like && run.n_words <= 4 {
        // "the Executive Chamber", "the Queen City", "The Princess Bride": one word after
        // "the" and a title names a thing ("the Rev. Al Sharpton" names a man).
        return (run.n_words > 1 || !run.after_the).then_some(EntityKind::Person);
    }
    let before = text[..run.start].trim_end();
    let after_in =
        before.ends_with(" in") || before.ends_with(" from") || before == "In" || before == "From";
    if run.n_words == 1 {
        if earlier.is_surname(name) {
            return Some(EntityKind::Person);
        }
        // "in French newspaper Le Parisien": a people's adjective, no place.
        let place = after_in && !run.sentence_start && name_like && !is_common_word(name);
        return (place && !NOT_NAME_WORDS.contains(name)).then_some(EntityKind::Place);
    }
    if after_in && run.n_words <= 3 && name_like {
        return Some(EntityKind::Place);
    }
    // "Mount Cook", "Lake Tahoe", "Aoraki Mount Cook"; "Santa Monica", "Los Angeles" (and
    // not "Los Angeles Rams" or "San Diego Union-Tribune", a team's or a paper's).
    let place_word = |w: &&str| matches!(*w, "Mount" | "Mt." | "Mt" | "Lake" | "Fort");
    let spanish_place = run.n_words == 2
        && matches!(words[0], "San" | "Santa" | "Los" | "Las" | "St.")
        && words[1] != "Claus";
    if name_like && (words.iter().any(place_word) || spanish_place) {
        return Some(EntityKind::Place);
    }
    // "Arcade Joseph Comeaux Jr.": a suffix adds a word to a name of three.
    let name_words = run.n_words - usize::from(words.last().is_some_and(|w| is_name_suffix(w)));
    // "U.S. Surgeon General", "Vice President", "Alaska Gov.": an office, not a name. (A
    // name may end with a title's word: "Billy King", "Aaron Judge".)
    let office = words.len() > 1 && words[words.len() - 2..].iter().all(|w| is_title(w))
        || last.ends_with('.') && TITLES.contains(last)
        || OFFICE_ENDS.contains(last);
    // "Bill" names a law after a word ("Infrastructure Bill") and a man before one.
    let not_name =
        |(idx, word): (usize, &&str)| NOT_NAME_WORDS.contains(word) && (idx, *word) != (0, "Bill");
    // "Doctors Without Borders": a function word inside is no part of a person's name.
    let function_word = words[1..]
        .iter()
        .any(|w| w.len() > 1 && !with_lowercase(w, is_stop_word_and_name) && is_common_word(w));
    if !name_like
        || office
        || name_words > 3
        || function_word
        || words.iter().enumerate().any(not_name)
    {
        return None;
    }
    // "the Gaza Strip", "the Tar Heels", "the Washington Examiner": a name after "the" is
    // a thing's, of a kind these rules cannot tell. In a headline, capitals name nothing.
    // "Le Parisien", "La Repubblica", "El Chapo": another language's article starts a
    // paper's name or a nickname ("Marine Le Pen" starts with her first name).
    let foreign_article = matches!(words[0], "Le" | "La" | "Les" | "El" | "Il" | "Der" | "Die");
    match (run.after_the || foreign_article, run.in_headline) {
        (_, true) => None,
        (true, false) => Some(EntityKind::Other),
        (false, false) => Some(EntityKind::Person),
    }
}

/// A person's name without the titles and offices written before it: "Greek Prime Minister
/// George Papandreou" is "George Papandreou", "Mr Gaskin" is "Gaskin". A title is never the
/// name's last word, nor the word before a suffix ("Martin Luther King Jr." keeps "King").
pub fn without_titles(name: &str) -> &str {
    let words: Vec<&str> = name.split(' ').collect();
    let suffixed = words.last().is_some_and(|last| is_name_suffix(last));
    let titles_end = (words.len() - usize::from(suffixed)).saturating_sub(1);
    match words[..titles_end].iter().rposition(|word| is_title(word)) {
        // The words after it, as a slice of `name`.
        Some(last) => {
            let start = words[last + 1].as_ptr() as usize - name.as_ptr() as usize;
            &name[start..]
        }
        None => name,
    }
}

/// A word written in capitals as a name: "JANE" is "Jane", "O'BRIEN" is "O'Brien",
/// "SMITH-JONES" is "Smith-Jones"; a word with a lower-case letter, or of one letter, is kept.
pub fn title_case_caps(word: &str) -> String {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || word.chars().any(char::is_lowercase) {
        return word.to_string();
    }
    let mut out = String::with_capacity(word.len());
    let mut start = true;
    for c in word.chars() {
        match start {
            true => out.extend(c.to_uppercase()),
            false => out.extend(c.to_lowercase()),
        }
        start = matches!(c, '-' | '\'' | '’' | '.');
    }
    out
}

/// "Jr.", "Sr.", "III": a word that ends a person's name after the surname.
pub fn is_name_suffix(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    ["Jr", "Sr", "II", "III", "IV"].iter().any(|suffix| word.eq_ignore_ascii_case(suffix))
}

/// The first word of a place named "X of Y": "Port of Rotterdam", "Gulf of Aden", "Strait of
/// Hormuz", "Isle of Man".
fn is_place_keyword(word: &str) -> bool {
    matches!(word, "Port" | "Gulf" | "Strait" | "Straits" | "Bay" | "Sea" | "Isle")
}

fn is_keyword_or_title(word: &str) -> bool {
    ORG_KEYWORDS.contains(word)
        || TITLES.contains(word)
        || matches!(word, "Bank" | "University" | "United States")
        || is_place_keyword(word)
}

pub(crate) fn is_acronym(word: &str) -> bool {
    let n_chars = word.chars().count();
    (2..=6).contains(&n_chars) && word.chars().all(|c| c.is_ascii_uppercase())
}

/// "Putin", "O’Brien", "Smith-Jones", "W.": a word a personal name can be made of.
fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else { return false };
    first.is_uppercase()
        && !is_acronym(word)
        && !calendar::is_day_or_month_name(word)
        && chars.all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-' | '.'))
}

static TITLES: WordList = WordList::new(&[
    "President",
    "Vice",
    "Prime",
    "Minister",
    "Chancellor",
    "Secretary",
    "Senator",
    "Sen.",
    "Representative",
    "Rep.",
    "Governor",
    "Gov.",
    "Mayor",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Gen.",
    "General",
    "Lt.",
    "Col.",
    "Adm.",
    "Sgt.",
    "Capt.",
    "Rev.",
    "Prof.",
    "Judge",
    "Justice",
    "Chairman",
    "Chairwoman",
    "Speaker",
    "Leader",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Pope",
    "Ambassador",
    "Attorney",
    "Candidate",
    "Nominee",
    "Former",
    "Sir",
    "Lord",
    "Dame",
    "CEO",
    "Chief",
    "Executive",
    "Director",
    "Spokesman",
    "Spokeswoman",
    "Commissioner",
    "Sheriff",
    "Prosecutor",
    "Detective",
    "Councilman",
    "Councilwoman",
    "Congressman",
    "Congresswoman",
    "Assemblyman",
    "Assemblywoman",
    "Alderman",
    "Councillor",
    "Comptroller",
    "Democrat",
    "Republican",
    "GOP",
    "Pres.",
    "Gov",
    "Sen",
    "Rep",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Insp",
    "Insp.",
    "Supt",
    "Supt.",
    // Occupations news writes before a name, capitalised there ("Actress Lindsay Lohan",
    // "General Manager Billy King", "Deputy Jerry Ortiz"): not part of the name.
    "Actress",
    "Actor",
    "Singer",
    "Rapper",
    "Comedian",
    "Producer",
    "Manager",
    "Coach",
    "Lawyer",
    "Deputy",
    "Officer",
    "Constable",
    "Trooper",
    "Sergeant",
    "Captain",
    "Inspector",
    "Rival",
    "Pitcher",
    "Quarterback",
    "Defender",
    "Premier",
    "Chair",
    "Spokesperson",
    "Colonel",
    "Lieutenant",
    "Professor",
    "Emeritus",
    "Surgeon",
    "Vicar",
    "Counsel",
    "Correspondent",
    "Whip",
    "QB",
    // Nationals, as British news writes them before a name ("Briton Robert Buckley").
    "Commodore",
    "Linebacker",
    "Undersheriff",
    "Envoy",
    "Briton",
    "Englishman",
    "Englishwoman",
    "Scotsman",
    "Welshman",
    "Irishman",
    "Frenchman",
    "Dutchman",
]);

/// Whether a name ends with a title that ends an office's name and never a person's.
pub(crate) fn names_an_office(name: &str) -> bool {
    name.rsplit(' ').next().is_some_and(|last| OFFICE_ENDS.contains(last))
}

/// Titles that end an office's name and never a person's: "Public Relations Officer",
/// "Foreign Minister" ("Aaron Judge" and "Billy King" end with other titles).
static OFFICE_ENDS: WordList = WordList::new(&[
    "Officer",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Director",
    "Secretary",
    "Minister",
    "Commissioner",
    "Chairman",
    "Chairwoman",
    "Correspondent",
    "Manager",
    "Superintendent",
    "President",
    "Chancellor",
    "Ambassador",
    "Prosecutor",
    "Detective",
    "Envoy",
]);

/// Whether a word is a title or an office written before a person's name ("Sen.", "President",
/// "President-elect", "Coach"), as written in a name (capitalised).
pub fn is_title(word: &str) -> bool {
    TITLES.contains(word)
        || PLURAL_TITLES.contains(&word)
        || word.strip_suffix("-elect").is_some_and(|w| TITLES.contains(w))
}

static ORG_KEYWORDS: WordList = WordList::new(&[
    "Inc",
    "Corp",
    "Corporation",
    "Company",
    "Co",
    "Ltd",
    "LLC",
    "PLC",
    "Group",
    "Holdings",
    "Ministry",
    "Department",
    "Agency",
    "Party",
    "Council",
    "University",
    "College",
    "School",
    "Bank",
    "Committee",
    "Commission",
    "Court",
    "Congress",
    "Senate",
    "Parliament",
    "Assembly",
    "Association",
    "Institute",
    "Foundation",
    "Union",
    "Organization",
    "Organisation",
    "Federation",
    "Authority",
    "Office",
    "Service",
    "Services",
    "Police",
    "Army",
    "Navy",
    "Forces",
    "Times",
    "Post",
    "Journal",
    "News",
    "Network",
    "Press",
    "Airlines",
    "Airways",
    "Motors",
    "Fund",
    "Board",
    "Administration",
    "Bureau",
    "Church",
    "Hospital",
    "Club",
    "Center",
    "Centre",
    // "Centers for Disease Control", "National Institutes of Health".
    "Centers",
    "Institutes",
    "Guard",
    "Reserve",
    "Campaign",
    "Caucus",
    "Coalition",
    "Alliance",
    "Tribune",
    "Herald",
    "Gazette",
    "Telegraph",
    "Guardian",
    "Magazine",
    "Review",
    "Institution",
    "Marshals",
    "Marines",
    "Patrol",
    "Sheriffs",
    // "Louisiana House", "Joint Chiefs", "Human Rights Watch".
    "House",
    "Chiefs",
    "Watch",
    "Guild",
    "Society",
    "League",
    "Academy",
    "Museum",
    "Library",
    // "deputy commissioner of Natural Resources".
    "Resources",
    // "Georgia Republicans", "Senate Democrats".
    "Republicans",
    "Democrats",
    "Unit",
    "Lab",
    "Laboratory",
    "Telecom",
    "Weekly",
    // "Quds Force", "Air Force", "Virginia Tech".
    "Force",
    "Tech",
    // "Westpac Rescue Helicopter", "Morningside Recovery".
    "Rescue",
    "Recovery",
    // Firms and outlets: "Centerview Partners", "Dominion Voting Systems", "Drudge Report".
    "Partners",
    "Systems",
    "Advisers",
    "Advisors",
    "Plc",
    "Capital",
    "Ventures",
    "Technologies",
    "Solutions",
    "Industries",
    "Enterprises",
    "Pharmaceuticals",
    "Studios",
    "Report",
]);

/// "Indianapolis Colts", "Boston Celtics": a place's name, then a plural. Not a first name
/// that is a place's too ("Charlotte Jones"), nor a surname that ends in "s" ("NY AG Letitia
/// James", "Paris Kyriakides", "Athens Acropolis").
fn is_team(words: &[&str]) -> bool {
    let last = words[words.len() - 1];
    words.len() > 1
        && PLACES.contains(words[0])
        && !crate::quotes::is_first_name(words[0])
        && !crate::quotes::is_first_name(last)
        && last.ends_with('s')
        && !["ss", "is", "ides"].iter().any(|end| last.ends_with(end))
}

/// The last words of the names of things no person is named after: honours ("Academy Award",
/// "Nobel Peace Prize", "Silver Slugger"), events ("Gilroy Garlic Festival", "World Cup")
/// and documents ("Refugee Convention", "White Paper"). Not "Law" or "Legend", which end
/// people's names too.
static THING_ENDS: WordList = WordList::new(&[
    "Award",
    "Awards",
    "Prize",
    "Medal",
    "Nomination",
    "Trophy",
    "Slugger",
    "Festival",
    "Parade",
    "Summit",
    "Games",
    "Cup",
    "Championship",
    "Championships",
    "Tournament",
    "Series",
    "Bowl",
    "Convention",
    "Treaty",
    "Accord",
    "Agreement",
    "Protocol",
    "Doctrine",
    "Declaration",
    "Amendment",
    "Amendments",
    "Paper",
    "Year",
    "Picture",
    "Warming",
]);

/// The last words of places' names: "Silicon Valley", "Sterling Heights", "Pacific Ocean".
static PLACE_ENDS: WordList = WordList::new(&[
    "Valley",
    "Heights",
    "Springs",
    "Falls",
    "Canyon",
    "Creek",
    "Coast",
    "Ocean",
    "Sea",
    "Glacier",
    "Peninsula",
    "Strait",
    "Desert",
    "Delta",
    "Bay",
    "Beach",
    "Harbor",
    "Harbour",
    "Ave",
    // "Andrews Air Force Base": the last word says what it is, whatever is inside.
    "Base",
]);

static KNOWN_ORGS: WordList = WordList::new(&[
    "Reuters",
    "Associated Press",
    "AP",
    "Bloomberg",
    "AFP",
    "BBC",
    "CNN",
    "Fox",
    "NBC",
    "CBS",
    "ABC",
    "NPR",
    "Politico",
    "Breitbart",
    "Google",
    "Microsoft",
    "Facebook",
    "Twitter",
    "Amazon",
    "Apple",
    "Pentagon",
    "Kremlin",
    "White House",
    "Downing Street",
    "Capitol Hill",
    "Democrats",
    "Republicans",
    "Congress",
    "Senate",
    "Parliament",
    "Hamas",
    "Hezbollah",
    "Taliban",
    "Islamic State",
    "Al Qaeda",
    "Al Jazeera",
    "Nato",
    "NATO",
    "European Union",
    "United Nations",
    "Wall Street",
    "Interpol",
    "Gazprom",
    "Dow Jones",
    "Boeing",
    "Airbus",
]);

/// Capitalised words that are not names at the start of a sentence (beyond English stop words).
static COMMON_CAPITALISED: WordList = WordList::new(&[
    "But",
    "And",
    "However",
    "Meanwhile",
    "Still",
    "Also",
    "Yet",
    "So",
    "Now",
    "Then",
    "After",
    "Before",
    "When",
    "While",
    "Although",
    "Though",
    "Despite",
    "Since",
    "Once",
    "Unlike",
    "Amid",
    "Following",
    "According",
    "Asked",
    "Speaking",
    "Many",
    "Some",
    "Most",
    "Several",
    "Officials",
    "Police",
    "Critics",
    "Supporters",
    "Sources",
    "Earlier",
    "Later",
    "Last",
    "Next",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Even",
    "Just",
    "Only",
    "Already",
    "Instead",
    "Thus",
    "Here",
    "There",
    "Nearly",
    "About",
    "Among",
    "Under",
    "Over",
    "Read",
    "Watch",
    "Click",
    "Photo",
    "Update",
    "Breaking",
    "Exclusive",
    "Opinion",
    "Analysis",
    // Prepositions, numbers and pronouns the stop-word list lacks: "Throughout Egypt, ...",
    // "Considering Lionsgate absorbed Summit", "Two Pennsylvania judges ruled".
    "Throughout",
    "Considering",
    "Given",
    "Without",
    "Within",
    "Across",
    "Toward",
    "Towards",
    "Behind",
    "Beyond",
    "Besides",
    "Unless",
    "Whether",
    "Including",
    "Regarding",
    "Except",
    "Every",
    "Another",
    "Either",
    "Neither",
    "Everyone",
    "Everything",
    "Nobody",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Dozens",
    "Hundreds",
    "Thousands",
]);

/// Words dropped from the edges of a run: articles, days and months.
fn is_skip_word(word: &str) -> bool {
    matches!(word, "The" | "A" | "An" | "I")
        || calendar::is_weekday(word)
        || calendar::full_month_number(word).is_some()
        || (word.ends_with('.') && calendar::abbreviated_month_number(word).is_some())
}

/// Words that make a two- or three-word run something other than a personal name.
static NOT_NAME_WORDS: WordList = WordList::new(&[
    // "Billion Dollars": amounts.
    "Million",
    "Millions",
    "Billion",
    "Billions",
    "Trillion",
    "Dollars",
    "Democratic",
    "Republican",
    "National",
    "Federal",
    "American",
    "United",
    "New",
    "North",
    "South",
    "East",
    "West",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Secret",
    "Supreme",
    "Central",
    "Great",
    "Grand",
    "Middle",
    "Day",
    "Election",
    "Street",
    "Avenue",
    "Road",
    "River",
    "Lake",
    "Mountain",
    "Island",
    "Islands",
    "Bay",
    "Park",
    "Square",
    "Bridge",
    "War",
    "World",
    "Cup",
    "Act",
    "Law",
    "Bill",
    "Amendment",
    "Treaty",
    "Plan",
    "Program",
    "Project",
    "Initiative",
    "Summit",
    "Conference",
    "Games",
    "Olympics",
    "Championship",
    "Award",
    "Prize",
    "State",
    "States",
    "City",
    "County",
    "Republic",
    "Kingdom",
    "Empire",
    "Province",
    "Region",
    "Airport",
    "Station",
    "Hall",
    "Tower",
    "Building",
    "Stadium",
    "Trump",
    // "Coordinated Universal Time".
    "Time",
    // Headlines in title case: "All Bets Are Off", "Trump Was Right".
    "Is",
    "Are",
    "Was",
    "Were",
    "Has",
    "Have",
    "Had",
    "Does",
    "Did",
    "Russian",
    "British",
    "French",
    "German",
    "Chinese",
    "Ukrainian",
    "European",
    "African",
    "Asian",
    "Israeli",
    "Palestinian",
    "Iranian",
    "Syrian",
    "Iraqi",
    "Mexican",
    "Canadian",
    "Indian",
    "Japanese",
    "Korean",
    "Muslim",
    "Christian",
    "Jewish",
    "Catholic",
    "Islamic",
    "Arab",
    "Internet",
    "Web",
    "Email",
    "Media",
    "Twitter",
    "Facebook",
    "God",
    "Christmas",
    "Easter",
    "Trauma",
    "Level",
    "Ground",
    "Zero",
    "Fake",
    "Crooked",
    "Wanted",
    "Obamacare",
    "Brexit",
]);

static NOT_ENTITY_ACRONYMS: WordList = WordList::new(&[
    "TV", "CEO", "CFO", "GDP", "AM", "PM", "OK", "ID", "COVID", "DNA", "HIV", "AIDS", "II", "III",
    "IV", "VP", "PR", "USD", "EUR", "GBP", "PS", "RE", "UPDATE", "BREAKING", "LGBT", "LGBTQ",
    "GOP", "MP", "MPS", "IT", "AI", "UTC", "GMT", "EST", "PST", "ET", "A", "I",
    // Things, not bodies.
    "SUV", "ATV", "CCTV", "EV", "IPO", "ETF", "FAQ", "PDF", "URL", "GPS", "DIY", "RSVP", "MVP",
    "ICU", "ER", "PPE", "PCR", "CPR", "DUI", "DWI", "IQ", "RIP", "AK", "MD", "PHD",
]);

/// Countries, US states, regions and major cities.
static PLACES: WordList = WordList::new(&[
    // US states' postal codes ("Fountain Valley, CA"), but those that are English words in
    // capitals too ("IN", "OR", "ME", "OK", "HI", "ID") or mostly other things ("AK-47",
    // "Jane Doe, MD").
    "AL",
    "AZ",
    "AR",
    "CA",
    "CO",
    "CT",
    "DE",
    "FL",
    "GA",
    "IA",
    "KS",
    "KY",
    "LA",
    "MA",
    "MI",
    "MN",
    "MO",
    "MT",
    "NC",
    "ND",
    "NE",
    "NH",
    "NJ",
    "NM",
    "NV",
    "NY",
    "OH",
    "PA",
    "RI",
    "SC",
    "SD",
    "TN",
    "TX",
    "UT",
    "VA",
    "VT",
    "WA",
    "WI",
    "WV",
    "WY",
    "DC",
    // Countries.
    "Afghanistan",
    "Albania",
    "Algeria",
    "Argentina",
    "Armenia",
    "Australia",
    "Austria",
    "Azerbaijan",
    "Bahrain",
    "Bangladesh",
    "Belarus",
    "Belgium",
    "Bolivia",
    "Bosnia",
    "Brazil",
    "Bulgaria",
    "Cambodia",
    "Cameroon",
    "Canada",
    "Chad",
    "Chile",
    "China",
    "Colombia",
    "Congo",
    "Costa Rica",
    "Croatia",
    "Cuba",
    "Cyprus",
    "Czech Republic",
    "Denmark",
    "Ecuador",
    "Egypt",
    "El Salvador",
    "Eritrea",
    "Estonia",
    "Ethiopia",
    "Finland",
    "France",
    "Gaza",
    "Georgia",
    "Germany",
    "Ghana",
    "Greece",
    "Guatemala",
    "Haiti",
    "Honduras",
    "Hungary",
    "Iceland",
    "India",
    "Indonesia",
    "Iran",
    "Iraq",
    "Ireland",
    "Israel",
    "Italy",
    "Jamaica",
    "Japan",
    "Jordan",
    "Kazakhstan",
    "Kenya",
    "Kosovo",
    "Kuwait",
    "Latvia",
    "Lebanon",
    "Libya",
    "Lithuania",
    "Luxembourg",
    "Malaysia",
    "Mali",
    "Malta",
    "Mexico",
    "Moldova",
    "Mongolia",
    "Montenegro",
    "Morocco",
    "Mozambique",
    "Myanmar",
    "Nepal",
    "Netherlands",
    "New Zealand",
    "Nicaragua",
    "Niger",
    "Nigeria",
    "North Korea",
    "Norway",
    "Oman",
    "Pakistan",
    "Palestine",
    "Panama",
    "Paraguay",
    "Peru",
    "Philippines",
    "Poland",
    "Portugal",
    "Qatar",
    "Romania",
    "Russia",
    "Rwanda",
    "Saudi Arabia",
    "Senegal",
    "Serbia",
    "Singapore",
    "Slovakia",
    "Slovenia",
    "Somalia",
    "South Africa",
    "South Korea",
    "South Sudan",
    "Spain",
    "Sri Lanka",
    "Sudan",
    "Sweden",
    "Switzerland",
    "Syria",
    "Taiwan",
    "Tanzania",
    "Thailand",
    "Tunisia",
    "Turkey",
    "Uganda",
    "Ukraine",
    "United Arab Emirates",
    "United Kingdom",
    "United States",
    "America",
    "Britain",
    "Great Britain",
    "England",
    "Scotland",
    "Wales",
    "Uruguay",
    "Uzbekistan",
    "Venezuela",
    "Vietnam",
    "Yemen",
    "Zambia",
    "Zimbabwe",
    "West Bank",
    "Crimea",
    "Donbas",
    "Kurdistan",
    // Regions.
    "Europe",
    "Asia",
    "Africa",
    "Middle East",
    "Latin America",
    "South America",
    "North America",
    "Central America",
    "Caribbean",
    "Balkans",
    "Scandinavia",
    "Arctic",
    "Antarctica",
    "Pacific",
    "Atlantic",
    "Mediterranean",
    "Gulf",
    "Persian Gulf",
    "Black Sea",
    "Baltic",
    "Sahel",
    // US states.
    "Alabama",
    "Alaska",
    "Arizona",
    "Arkansas",
    "California",
    "Colorado",
    "Connecticut",
    "Delaware",
    "Florida",
    "Hawaii",
    "Idaho",
    "Illinois",
    "Indiana",
    "Iowa",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maine",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Montana",
    "Nebraska",
    "Nevada",
    "New Hampshire",
    "New Jersey",
    "New Mexico",
    "New York",
    "North Carolina",
    "North Dakota",
    "Ohio",
    "Oklahoma",
    "Oregon",
    "Pennsylvania",
    "Rhode Island",
    "South Carolina",
    "South Dakota",
    "Tennessee",
    "Texas",
    "Utah",
    "Vermont",
    "Virginia",
    "West Virginia",
    "Wisconsin",
    "Wyoming",
    "Puerto Rico",
    // Cities.
    "Washington",
    "New York City",
    "Los Angeles",
    "Chicago",
    "Houston",
    "Philadelphia",
    "Phoenix",
    "San Francisco",
    "Seattle",
    "Boston",
    "Miami",
    "Atlanta",
    "Dallas",
    "Denver",
    "Detroit",
    "Las Vegas",
    "Baltimore",
    "Cleveland",
    "Pittsburgh",
    "Orlando",
    "New Orleans",
    "London",
    "Paris",
    "Berlin",
    "Madrid",
    "Rome",
    "Moscow",
    "Kyiv",
    "Kiev",
    "Beijing",
    "Shanghai",
    "Hong Kong",
    "Tokyo",
    "Seoul",
    "Pyongyang",
    "Delhi",
    "New Delhi",
    "Mumbai",
    "Karachi",
    "Islamabad",
    "Kabul",
    "Tehran",
    "Baghdad",
    "Damascus",
    "Beirut",
    "Jerusalem",
    "Tel Aviv",
    "Cairo",
    "Istanbul",
    "Ankara",
    "Riyadh",
    "Dubai",
    "Doha",
    "Brussels",
    "Amsterdam",
    "Vienna",
    "Warsaw",
    "Prague",
    "Budapest",
    "Athens",
    "Lisbon",
    "Dublin",
    "Stockholm",
    "Oslo",
    "Copenhagen",
    "Helsinki",
    "Geneva",
    "Zurich",
    "Frankfurt",
    "Munich",
    "Hamburg",
    "Milan",
    "Barcelona",
    "Toronto",
    "Montreal",
    "Vancouver",
    "Ottawa",
    "Mexico City",
    "Havana",
    "Caracas",
    "Bogota",
    "Lima",
    "Santiago",
    "Buenos Aires",
    "Sao Paulo",
    "Rio de Janeiro",
    "Brasilia",
    "Lagos",
    "Nairobi",
    "Johannesburg",
    "Cape Town",
    "Sydney",
    "Melbourne",
    "Canberra",
    "Singapore",
    "Bangkok",
    "Jakarta",
    "Manila",
    "Hanoi",
    "Taipei",
    "Minsk",
    "Tbilisi",
    "Kharkiv",
    "Odesa",
    "Mariupol",
    "Aleppo",
    "Mosul",
    "Gaza City",
    "Tripoli",
]);

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expect: &[(&str, EntityKind)]) {
        let got = find_entities(text);
        let pairs: Vec<(&str, EntityKind)> =
            got.iter().map(|e| (e.name.as_str(), e.kind)).collect();
        assert_eq!(pairs, expect);
        for entity in &got {
            assert_eq!(&text[entity.start..entity.start + entity.name.len()], entity.name);
        }
    }

    #[test]
    fn bodies_named_for_what_they_do_are_whole() {
        check(
            "The Centers for Disease Control and Prevention, the Office of Management and Budget and the National Institutes of Health wrote to the Committee to Protect Journalists.",
            &[
                ("Centers for Disease Control and Prevention", EntityKind::Organization),
                ("Office of Management and Budget", EntityKind::Organization),
                ("National Institutes of Health", EntityKind::Organization),
                ("Committee to Protect Journalists", EntityKind::Organization),
            ],
        );
        // An "and" before a name of its own, and an "on" before a day, end the body's name.
        check(
            "The Department of Justice and Google settled, and the Senate on Tuesday and the Ministry of Defence and Kate Smith agreed.",
            &[
                ("Department of Justice", EntityKind::Organization),
                ("Google", EntityKind::Organization),
                ("Senate", EntityKind::Organization),
                ("Ministry of Defence", EntityKind::Organization),
                ("Kate Smith", EntityKind::Person),
            ],
        );
    }

    #[test]
    fn titles_mark_people_and_are_dropped() {
        check(
            "President Vladimir Putin met Sen. Ron Wyden and Secretary of State John Kerry on Monday.",
            &[("Vladimir Putin", EntityKind::Person), ("Ron Wyden", EntityKind::Person), ("John Kerry", EntityKind::Person)],
        );
    }

    #[test]
    fn a_name_may_end_with_a_suffix_and_sentence_openers_are_not_names() {
        check(
            "Arcade Joseph Comeaux Jr., 49, is serving a life sentence. Since Comeaux fled, the U.S. Marshals put him on their Most Wanted list with the California Highway Patrol.",
            &[
                ("Arcade Joseph Comeaux Jr.", EntityKind::Person),
                ("Comeaux", EntityKind::Person),
                ("U.S. Marshals", EntityKind::Organization),
                ("California Highway Patrol", EntityKind::Organization),
            ],
        );
    }

    #[test]
    fn occupations_before_a_name_are_titles() {
        check(
            "Actress Tara Reid thanked Comedian Ellen DeGeneres. Deputy Jerry Ortiz met General Manager Billy King and Saints Head Coach Sean Payton. Briton Robert Buckley fell.",
            &[
                ("Tara Reid", EntityKind::Person),
                ("Ellen DeGeneres", EntityKind::Person),
                ("Jerry Ortiz", EntityKind::Person),
                ("Billy King", EntityKind::Person),
                ("Sean Payton", EntityKind::Person),
                ("Robert Buckley", EntityKind::Person),
            ],
        );
    }

    #[test]
    fn words_before_a_title_are_not_the_name() {
        check(
            "Democratic Sen. Claire McCaskill questioned Senate Majority Leader Mitch McConnell and Bank of America Chief Executive Brian Moynihan.",
            &[
                ("Claire McCaskill", EntityKind::Person),
                ("Senate", EntityKind::Organization),
                ("Mitch McConnell", EntityKind::Person),
                ("Bank of America", EntityKind::Organization),
                ("Brian Moynihan", EntityKind::Person),
            ],
        );
        // A party before the body the office belongs to is part of the body's name.
        check(
            "Republican National Committee Chair Ronna McDaniel and Republican Mitt Romney spoke.",
            &[
                ("Republican National Committee", EntityKind::Organization),
                ("Ronna McDaniel", EntityKind::Person),
                ("Mitt Romney", EntityKind::Person),
            ],
        );
        // A title that ends the run names no one after it.
        check(
            "The Department of Justice opened an inquiry.",
            &[("Department of Justice", EntityKind::Organization)],
        );
    }

    #[test]
    fn an_office_of_a_department_is_part_of_the_title() {
        check(
            "Secretary of the Interior Dirk Kempthorne, Secretary of Homeland Security Kirstjen Nielsen and Secretary of State Hillary Rodham Clinton met the President of the United States Barack Obama at the Department of the Interior. The CEO of the Summit Agricultural Group, the Chief of Police Scot Smithee, Acting White House Chief of Staff Mick Mulvaney, the Director of Player Personnel, the House Ways and Means Committee, Joint Chiefs of Staff Chairman Mark Milley, the Louisiana House and the U.S. Surgeon General spoke of the Iran-backed Hezbollah and Kim Jong-un as President of the United States.",
            &[
                ("Dirk Kempthorne", EntityKind::Person),
                ("Kirstjen Nielsen", EntityKind::Person),
                ("Hillary Rodham Clinton", EntityKind::Person),
                ("Barack Obama", EntityKind::Person),
                ("Department of the Interior", EntityKind::Organization),
                ("Summit Agricultural Group", EntityKind::Organization),
                ("Scot Smithee", EntityKind::Person),
                ("White House", EntityKind::Organization),
                ("Mick Mulvaney", EntityKind::Person),
                ("House Ways and Means Committee", EntityKind::Organization),
                ("Joint Chiefs of Staff", EntityKind::Organization),
                ("Mark Milley", EntityKind::Person),
                ("Louisiana House", EntityKind::Organization),
                ("Hezbollah", EntityKind::Organization),
                ("Kim Jong-un", EntityKind::Person),
            ],
        );
    }

    #[test]
    fn and_joins_a_public_body_name() {
        check(
            "The U.S. Food and Drug Administration and the Department of Health and Human Services Secretary Xavier Becerra told the House and Senate, as Apple Inc and Fox News did on Tuesday and House Armed Services Committee members later.",
            &[
                ("U.S. Food and Drug Administration", EntityKind::Organization),
                ("Department of Health and Human Services", EntityKind::Organization),
                ("Xavier Becerra", EntityKind::Person),
                ("Senate", EntityKind::Organization),
                ("Apple Inc", EntityKind::Organization),
                ("Fox News", EntityKind::Organization),
                ("House Armed Services Committee", EntityKind::Organization),
            ],
        );
    }

    #[test]
    fn surnames_follow_full_names() {
        check(
            "Officials said Maria Lopez would run. Later, Lopez declined.",
            &[("Maria Lopez", EntityKind::Person), ("Lopez", EntityKind::Person)],
        );
    }

    #[test]
    fn places_named_x_of_y() {
        check(
            "The warship sailed from the Port of Halvard into the Gulf of Aden.",
            &[("Port of Halvard", EntityKind::Place), ("Gulf of Aden", EntityKind::Place)],
        );
    }

    #[test]
    fn organizations_by_keyword_name_and_acronym() {
        check(
            "The Department of Justice asked Acme Corp. and the FBI, Reuters reported. The Green Party agreed with the Screen Actors Guild and the Library of Congress.",
            &[
                ("Department of Justice", EntityKind::Organization),
                ("Acme Corp.", EntityKind::Organization),
                ("FBI", EntityKind::Organization),
                ("Reuters", EntityKind::Organization),
                ("Green Party", EntityKind::Organization),
                ("Screen Actors Guild", EntityKind::Organization),
                ("Library of Congress", EntityKind::Organization),
            ],
        );
    }

    #[test]
    fn us_states_abbreviated_are_places() {
        check(
            "Lohan checked into a clinic in Rancho Mirage, Calif., on Thursday, and flew on to Fountain Valley, CA.",
            &[
                ("Rancho Mirage", EntityKind::Place),
                ("Calif.", EntityKind::Place),
                ("Fountain Valley", EntityKind::Place),
                ("CA", EntityKind::Place),
            ],
        );
        assert_eq!(us_state("Calif."), Some("California"));
        assert_eq!(us_state("CA"), Some("California"));
        assert_eq!(us_state("Calif"), None);
    }

    #[test]
    fn a_party_label_names_no_place() {
        // The state a lawmaker represents, in a party label, is not where the story happens.
        check(
            "Sen. Lindsey Graham (R-S.C.) and Sen. Ron Wyden (D–Ore.) met in Columbia, S.C., on Friday. Rep. Nancy Mace, R-S.C., spoke, as did Sens. Kyrsten Sinema (D., Ariz.) and Mitch McConnell (Ky.).",
            &[
                ("Lindsey Graham", EntityKind::Person),
                ("Ron Wyden", EntityKind::Person),
                ("Columbia", EntityKind::Place),
                ("S.C.", EntityKind::Place),
                ("Nancy Mace", EntityKind::Person),
                ("Kyrsten Sinema", EntityKind::Person),
                ("Mitch McConnell", EntityKind::Person),
            ],
        );
        check(
            "Sens. Mitt Romney (Utah), John Cornyn (R-Texas) and Susan Collins (R., Maine) met in Portland (Oregon).",
            &[
                ("Mitt Romney", EntityKind::Person),
                ("John Cornyn", EntityKind::Person),
                ("Susan Collins", EntityKind::Person),
                ("Portland", EntityKind::Place),
                ("Oregon", EntityKind::Place),
            ],
        );
        // "Mass." is the state after a town, the service after "at".
        check(
            "Cases rose in Barnstable County, Mass., in July. He spoke after Communion at Mass.",
            &[("Barnstable County", EntityKind::Place), ("Mass.", EntityKind::Place)],
        );
    }

    #[test]
    fn a_peoples_adjective_after_in_is_no_place() {
        check(
            "He said so in an interview in French newspaper Le Parisien. She grew up in Smallville.",
            &[("Le Parisien", EntityKind::Other), ("Smallville", EntityKind::Place)],
        );
    }

    #[test]
    fn an_office_or_its_domain_around_a_title_names_no_one() {
        check(
            "Captain Manohar Nambiar, Chief Public Relations Officer, said the navy acted. Public Relations Officer Manohar Nambiar said more.",
            &[("Manohar Nambiar", EntityKind::Person), ("Manohar Nambiar", EntityKind::Person)],
        );
    }

    #[test]
    fn words_in_capitals_the_text_also_writes_in_lower_case_name_nothing() {
        check(
            "A FIRE - BOMB attack hit a bank in Athens. NATO said the bomb started a fire.\nBIGGEST PROTEST\nThe protest was the biggest in years, the OECD said.",
            &[
                ("Athens", EntityKind::Place),
                ("NATO", EntityKind::Organization),
                ("OECD", EntityKind::Organization),
            ],
        );
    }

    #[test]
    fn places_by_gazetteer_and_context() {
        check(
            "Troops left Ukraine for the U.S. and New York. They came from Smallville, where it rained.",
            &[("Ukraine", EntityKind::Place), ("U.S.", EntityKind::Place), ("New York", EntityKind::Place), ("Smallville", EntityKind::Place)],
        );
    }

    #[test]
    fn adverbs_descriptions_and_plural_titles_are_not_names() {
        check(
            "Naturally Scott Boras called. Typically Acme Corp. won. Beverly Smith agreed, and Sally Yates left with Super-agent Tom Reyes and Producers Laurence Mark and Ann Condon. Bill Clinton signed the Infrastructure Bill at Kings County Hospital, and the Justice Department agreed.",
            &[
                ("Scott Boras", EntityKind::Person),
                ("Acme Corp.", EntityKind::Organization),
                ("Beverly Smith", EntityKind::Person),
                ("Sally Yates", EntityKind::Person),
                ("Tom Reyes", EntityKind::Person),
                ("Laurence Mark", EntityKind::Person),
                ("Ann Condon", EntityKind::Person),
                ("Bill Clinton", EntityKind::Person),
                ("Kings County Hospital", EntityKind::Organization),
                ("Justice Department", EntityKind::Organization),
            ],
        );
    }

    #[test]
    fn names_after_the_are_things_and_former_is_no_title() {
        check(
            "The Colts will face the Houston Texans at the Super Bowl, and the Rev. Al Sharpton came. Former Minneapolis police officer Derek Chauvin was sentenced. In The Princess Bride, the Queen City met the Chief Clerk, and Ed Fogels of Natural Resources spoke.",
            &[
                ("Houston Texans", EntityKind::Organization),
                ("Super Bowl", EntityKind::Other),
                ("Al Sharpton", EntityKind::Person),
                ("Derek Chauvin", EntityKind::Person),
                ("Ed Fogels", EntityKind::Person),
                ("Natural Resources", EntityKind::Organization),
            ],
        );
    }

    #[test]
    fn places_by_their_last_word_and_parties_members_as_bodies() {
        check(
            "Georgia Republicans met in a hall near Silicon Valley, and Mount Cook rose over the Tasman Glacier. Throughout Egypt, it was down. “Two Pennsylvania judges ruled,” he said. All Bets Are Off.",
            &[
                ("Georgia Republicans", EntityKind::Organization),
                ("Silicon Valley", EntityKind::Place),
                ("Mount Cook", EntityKind::Place),
                ("Tasman Glacier", EntityKind::Place),
                ("Egypt", EntityKind::Place),
                ("Pennsylvania", EntityKind::Place),
            ],
        );
        check(
            "House Democratic Vice Caucus Chairman Pete Aguilar won an Academy Award Nomination, Al Jazeera said, and Virginia Tech thanked the Quds Force.",
            &[
                ("House Democratic", EntityKind::Organization),
                ("Pete Aguilar", EntityKind::Person),
                ("Academy Award Nomination", EntityKind::Other),
                ("Al Jazeera", EntityKind::Organization),
                ("Virginia Tech", EntityKind::Organization),
                ("Quds Force", EntityKind::Organization),
            ],
        );
        check(
            "Doctors Without Borders flew to Tampa Bay before Hurricane Milton, and Neil Young met Will Smith.",
            &[
                ("Doctors Without Borders", EntityKind::Organization),
                ("Tampa Bay", EntityKind::Place),
                ("Hurricane Milton", EntityKind::Other),
                ("Neil Young", EntityKind::Person),
                ("Will Smith", EntityKind::Person),
            ],
        );
        check(
            "In Santa Monica, the Public Relations Officer told Le Parisien that Morningside Recovery near Aoraki Mount Cook spent Billion Dollars. One Australian left the Los Angeles Rams.",
            &[
                ("Santa Monica", EntityKind::Place),
                ("Le Parisien", EntityKind::Other),
                ("Morningside Recovery", EntityKind::Organization),
                ("Aoraki Mount Cook", EntityKind::Place),
                ("Los Angeles Rams", EntityKind::Other),
            ],
        );
        check(
            "Centerview Partners and Team Biden met in St. Louis over Microsoft Exchange, said Bloomberg News,...",
            &[
                ("Centerview Partners", EntityKind::Organization),
                ("Team Biden", EntityKind::Organization),
                ("St. Louis", EntityKind::Place),
                ("Microsoft Exchange", EntityKind::Other),
                ("Bloomberg News", EntityKind::Organization),
            ],
        );
        check(
            "The Dallas Cowboys played in the Super Bowl, The Washington Post–shows said, and Paris Hilton watched.",
            &[
                ("Dallas Cowboys", EntityKind::Organization),
                ("Super Bowl", EntityKind::Other),
                ("Washington Post", EntityKind::Organization),
                ("Paris Hilton", EntityKind::Person),
            ],
        );
        check(
            "(CNN)The Supreme Court ruled in Washington, D.C.",
            &[
                ("CNN", EntityKind::Organization),
                ("Supreme Court", EntityKind::Organization),
                ("Washington", EntityKind::Place),
                ("D.C.", EntityKind::Place),
            ],
        );
        check(
            "She drove an SUV to a store in Fountain Valley, CA, and bought an AK-47.",
            &[("Fountain Valley", EntityKind::Place), ("CA", EntityKind::Place)],
        );
        check(
            "Officials at Andrews Air Force Base met the Council on Foreign Relations.",
            &[
                ("Andrews Air Force Base", EntityKind::Place),
                ("Council on Foreign Relations", EntityKind::Organization),
            ],
        );
        check(
            "Congressman John Ratcliffe drove from Fort Lee to Tilden Ave near Long Beach, and Alaska Gov. aides met him.",
            &[
                ("John Ratcliffe", EntityKind::Person),
                ("Fort Lee", EntityKind::Place),
                ("Tilden Ave", EntityKind::Place),
                ("Long Beach", EntityKind::Place),
            ],
        );
    }

    #[test]
    fn a_headline_in_title_case_names_no_one_by_capitals_alone() {
        check("Keep the Returns, Trump; Just Give Us a Few Figures. Stealth Over Health: Hillary Clinton Speaks Out.", &[]);
        // Prose of names and short words is no headline.
        check(
            "Vladimir Putin met Xi Jinping in Beijing. They saw Will Smith and Don Lemon.",
            &[
                ("Vladimir Putin", EntityKind::Person),
                ("Xi Jinping", EntityKind::Person),
                ("Beijing", EntityKind::Place),
                ("Will Smith", EntityKind::Person),
                ("Don Lemon", EntityKind::Person),
            ],
        );
    }

    #[test]
    fn sentence_openers_days_and_unknown_single_words_are_not_entities() {
        check("However, on Tuesday the Committee met. Nobody knew. Yesterday Smith left.", &[]);
    }
}
