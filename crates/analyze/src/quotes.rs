//! Direct quotes and their speakers.
//!
//! Quotes are text between paired double quotation marks (straight or curly) within a
//! paragraph, or between curly single ones as British news quotes (`‘...’`, with apostrophes
//! and plural possessives told apart, and double marks inside a quote within it); a quote left
//! open at the end of a paragraph runs to its end, as in multi-paragraph quotes. Quotes of
//! fewer than three words are scare quotes and are skipped.
//!
//! The speaker comes from the attribution next to the quote, in this order: after it (`," Smith
//! said`, `," said Smith`, `," according to Smith`), before it in the same sentence (`Smith said:
//! "`, `Smith said the plan would "`, and the middle of a split quote `"...," he said, "..."`),
//! then the speaker of the previous quote for a paragraph that is only a quote. Pronouns resolve
//! to the last named speaker or person, surnames to the full name given earlier. An attribution
//! inside a dash aside ("Lohan — whose lawyer said she would comply — told the judge") speaks
//! for the aside only, never for a quote outside it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::LazyLock;

use model::report::EntityKind;
use regex::Regex;

use crate::entities::{find_entities, is_common_word, names_an_office, EntityMention};

/// A direct quote found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteMention {
    /// The quoted words, without quotation marks.
    pub text: String,
    /// The speaker as named in the text (full name when the text gives it).
    pub speaker: Option<String>,
    /// Byte offset of the quote's opening mark.
    pub start: usize,
}

/// Finds direct quotes of three words or more, in text order, with their speakers.
pub fn find_quotes(text: &str) -> Vec<QuoteMention> {
    find_quotes_among(text, &find_entities(text), None)
}

/// [`find_quotes`] for a text whose entities were found already ([`find_entities`] of the
/// same text), in a known language or none. Speakers are read by English attributions
/// ("said", "according to"), so in a text known to be in another language its quotes have
/// none: they would be whatever word stood where English puts its speaker ("Le président
/// ... a déclaré" gave "Le").
pub fn find_quotes_among(
    text: &str,
    entities: &[EntityMention],
    language: Option<&str>,
) -> Vec<QuoteMention> {
    let spans = quote_spans(text);
    if spans.is_empty() {
        return Vec::new();
    }
    if language.is_some_and(|lang| !lang.starts_with("en")) {
        return spans
            .iter()
            .filter_map(|span| {
                let label = transcript_label(&text[span.open..span.close]);
                quote_mention(text, span, label, None)
            })
            .collect();
    }
    let (people, bodies) = entities
        .iter()
        .filter(|e| {
            // Not inside a quote (spans are in text order and do not overlap).
            let span = spans.partition_point(|s| s.open <= e.start).checked_sub(1);
            span.is_none_or(|i| e.start >= spans[i].close)
        })
        .filter(|e| matches!(e.kind, EntityKind::Person | EntityKind::Organization))
        .cloned()
        .partition(|e| e.kind == EntityKind::Person);
    let people = People::new(text, people, bodies);
    let mut acc = Vec::new();
    let mut last_speaker: Option<(usize, String)> = None;
    for (span_idx, span) in spans.iter().enumerate() {
        let previous_end =
            span_idx.checked_sub(1).map(|i| spans[i].close).filter(|&end| end > span.line_start);
        let from = match previous_end {
            // A quote inside a dash aside that closed since is the aside's: this one's
            // attribution is in the sentence around the aside.
            Some(end) if in_closed_aside(text, spans[span_idx - 1].open, end, span) => {
                span.line_start
            }
            Some(end) => end,
            None => span.line_start,
        };
        // Where a pronoun's antecedent must be named before: the quote, or the pronoun itself
        // when it opens the attribution before the quote ("He said Putin has “...”").
        let mut horizon = span.open;
        let label = transcript_label(&text[span.open..span.close]);
        let raw = label
            .map(|(name, _)| RawSpeaker::Name(name))
            .or_else(|| attribution_after(text, span, spans.get(span_idx + 1)))
            .or_else(|| {
                let found = attribution_before(text, span, from)?;
                if let RawSpeaker::Pronoun(gender) = found {
                    horizon = first_pronoun(text, span, from).unwrap_or(span.open);
                    if let Some(name) = previous_sentence_speaker(text, span, from, horizon)
                        .filter(|name| people.may_be(name, gender))
                    {
                        return Some(RawSpeaker::Name(name));
                    }
                }
                Some(found)
            })
            .or_else(|| attribution_later(text, span, spans.get(span_idx + 1)))
            .or_else(|| signature(text, span))
            .or_else(|| {
                let before = sentence_before(text, span, previous_end.unwrap_or(span.line_start));
                outside_dash_asides(before, sentence_subject)
            })
            .or_else(|| introduced_by_previous_paragraph(text, span))
            .or_else(|| attributed_in_previous_sentence(text, span, previous_end))
            .or_else(|| {
                attributed_in_previous_paragraph(text, span, |raw| match raw {
                    // Read from a sentence without a quote, a speaker must be one: a person the
                    // text names, or a spokesperson.
                    RawSpeaker::Name(name) => {
                        people.with_last_word(last_word(name)).next().is_some()
                    }
                    RawSpeaker::Description(description) => is_spokesperson(description),
                    RawSpeaker::Pronoun(_) => false,
                })
            });
        // A "he" or "she" that no one fits is not the previous speaker either.
        let attributed = raw.is_some();
        let mut speaker = match (raw, label) {
            // "WALLACE:" names its speaker as "Wallace" would.
            (Some(RawSpeaker::Name(name)), Some(_)) => {
                let name = title_case(name);
                Some(people.full_name(crate::entities::without_titles(&name), span.open))
            }
            (raw, _) => {
                raw.and_then(|raw| resolve(span.open, horizon, raw, &people, last_speaker.as_ref()))
            }
        };
        if !attributed {
            // A quote without attribution continues the previous speaker: the next quote of the
            // same paragraph, or a paragraph that is only a quote.
            let continues = |end: usize| {
                end >= span.line_start || (span.whole_paragraph && span.open - end < 1500)
            };
            speaker = last_speaker
                .as_ref()
                .filter(|(end, _)| continues(*end))
                .map(|(_, name)| name.clone());
        }
        if let Some(name) = &speaker {
            last_speaker = Some((span.close, name.clone()));
        }
        acc.extend(quote_mention(text, span, label, speaker));
    }
    acc
}

/// The quote of `span`, said by `speaker`, without the transcript label that opens it; `None`
/// for a scare quote of a word or two, or a programme's title.
fn quote_mention(
    text: &str,
    span: &Span,
    label: Option<(&str, usize)>,
    speaker: Option<String>,
) -> Option<QuoteMention> {
    let inner = match label {
        // The transcript's label is not part of what was said.
        Some((_, said_from)) => &text[span.open + said_from..span.close],
        None => text[span.open..span.close].trim_start_matches(is_quote_mark),
    };
    let inner = inner.trim_end_matches(is_quote_mark).trim();
    if crate::words(inner).nth(2).is_none() || is_programme_title(&text[..span.open], inner) {
        return None;
    }
    // A quote broken over lines reads as one passage.
    let text = match inner.contains('\n') {
        true => inner.split_whitespace().collect::<Vec<_>>().join(" "),
        false => inner.to_string(),
    };
    Some(QuoteMention { text, speaker, start: span.open })
}

/// A transcript's speaker label opening a quote (`"WALLACE: Let's start with...`, `"SEN.
/// JOHN SMITH: ...`): the label, and where the words said start, as offsets in `quote`
/// (which starts at its opening mark). Labels are capitals only, as transcripts print them;
/// the few capitalised words that head a paragraph of news ("BREAKING:", "UPDATE:") are not
/// speakers.
fn transcript_label(quote: &str) -> Option<(&str, usize)> {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"^["“]\s*(\p{Lu}[\p{Lu}.'’-]+(?:\s\p{Lu}[\p{Lu}.'’-]*){0,3}):\s+(\S)"#)
            .unwrap_or_else(|e| panic!("{e}"))
    });
    const NOT_SPEAKERS: &[&str] = &[
        "BREAKING",
        "UPDATE",
        "UPDATED",
        "WATCH",
        "EXCLUSIVE",
        "NOTE",
        "EDITOR'S NOTE",
        "EDITOR’S NOTE",
        "LISTEN",
        "VIDEO",
        "PHOTOS",
        "READ",
        "READ MORE",
        "ALERT",
        "CORRECTION",
        "WARNING",
        "SPOILERS",
        "TRANSCRIPT",
        "RELATED",
    ];
    let caps = LABEL.captures(quote)?;
    let label = caps.get(1)?;
    if NOT_SPEAKERS.contains(&label.as_str()) {
        return None;
    }
    Some((label.as_str(), caps.get(2)?.start()))
}

/// "WALLACE" -> "Wallace", "SEN. JOHN SMITH" -> "Sen. John Smith" (a speaker then named
/// "John Smith", without the title).
fn title_case(name: &str) -> String {
    name.split(' ').map(crate::entities::title_case_caps).collect::<Vec<_>>().join(" ")
}

/// Whether the quote at `open..end` sits in a dash aside of `span`'s sentence that closes
/// before `span`: "White told The Post — where Heller said she was “ensconced” in rehab — “I
/// hear she's on her way to LAX.”"
fn in_closed_aside(text: &str, open: usize, end: usize, span: &Span) -> bool {
    let is_dash =
        |part: &str| part.contains(['—', '–']) || part.contains("--") || part.contains(" - ");
    // A quote carried over from an earlier line opens before this one's line.
    let (Some(before), Some(between)) = (text.get(span.line_start..open), text.get(end..span.open))
    else {
        return false;
    };
    is_dash(last_sentence(before)) && is_dash(between)
}

/// Words a title in title case leaves in lower case.
const TITLE_SMALL_WORDS: &[&str] =
    &["a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from"];

/// Whether quoted words are the title of a programme rather than anyone's words: a few words
/// in title case after a network's possessive ("on CBS's “Face the Nation,”", "Fox News's “Fox
/// and Friends.”"). Titles in title case elsewhere are often words someone is reported to
/// have used ("proclaimed a goal of “Peace Through Strength.”"), and stay quotes.
fn is_programme_title(before: &str, quoted: &str) -> bool {
    let owner = before.trim_end().rsplit(char::is_whitespace).next().unwrap_or_default();
    let possessive =
        owner.starts_with(char::is_uppercase) && (owner.ends_with("'s") || owner.ends_with("’s"));
    possessive && is_title_case(quoted)
}

/// A few words in title case ("Face the Nation,", "Contract with America.").
fn is_title_case(quoted: &str) -> bool {
    const MAX_TITLE_WORDS: usize = 7;
    let words: Vec<&str> = quoted
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let capitalised = words.iter().filter(|w| w.starts_with(char::is_uppercase)).count();
    words.len() <= MAX_TITLE_WORDS
        && capitalised >= 2
        && words.iter().all(|w| w.starts_with(char::is_uppercase) || TITLE_SMALL_WORDS.contains(w))
}

/// A quote: from its opening mark to after its closing mark (or the paragraph's end).
#[derive(Debug, Clone, Copy)]
struct Span {
    open: usize,
    close: usize,
    line_start: usize,
    line_end: usize,
    /// The paragraph opens with this quote and has no other text but punctuation.
    whole_paragraph: bool,
}

/// What the text says about who spoke, before resolution.
#[derive(Debug)]
enum RawSpeaker<'a> {
    Name(&'a str),
    Pronoun(Gender),
    Description(&'a str),
}

const VERBS: &str = r"(?:said|says|say|added|adds|told|tells|asked|asks|wrote|writes|explained|explains|noted|notes|continued|continues|argued|argues|stated|declared|insisted|insists|warned|warns|claimed|claims|tweeted|replied|responded|recalled|acknowledged|admitted|announced|remarked|joked|quipped|observed|suggested|concluded|countered|complained|predicted|stressed|emphasized|shouted|yelled|reported|reports|wrote|posted|testified|pointed out|went on|demanded|demands|boasted|bragged|conceded|concedes|vowed|vows|urged|urges|cautioned|charged|pleaded|wondered|mused|scoffed|exclaimed|lamented|retorted|snapped|confirmed|confirms|maintained|contended|contends|alleged|assured|promised|agreed|shot back|fired back|chimed in|sings|sang|chanted|cried|whispered|interjected|mocked|griped|disclosed|revealed)";

/// Up to two words between a speaker and the speech verb: `Smith has often said`, `he later
/// told`, `she repeatedly warned`.
const AUXILIARIES: &str =
    r"(?:(?:also|later|then|has|had|have|would|will|once|often|always|never|\p{Ll}+ly)\s+){0,2}";

/// `," said Smith` / `," said a senior official`.
static VERB_THEN_SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r#"^[\s,.;:!?—–-]*{VERBS}\s+([^,;:!?"“”()]{{2,90}})"#))
        .unwrap_or_else(|e| panic!("{e}"))
});
/// `," Smith said` / `," he added` / `," a spokesman for the campaign said`: see
/// [`speaker_then_verb`].
static SPEAKER_THEN_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r#"^[\s,.;:!?—–-]*([^;:!?"“”]+?)\s+{AUXILIARIES}{VERBS}(?-u:\b)"#))
        .unwrap_or_else(|e| panic!("{e}"))
});

/// The words before the speech verb that opens `after`, as [`SPEAKER_THEN_VERB`] finds them, if
/// they are at most [`MAX_SPEAKER_CHARS`] long.
fn speaker_then_verb(after: &str) -> Option<&str> {
    let speaker = SPEAKER_THEN_VERB.captures(after)?.get(1)?.as_str();
    (speaker.chars().nth(MAX_SPEAKER_CHARS).is_none()).then_some(speaker)
}

/// How far before its speech verb a speaker's words may start, in characters. The patterns
/// leave the bound out and the code applies it: a bounded repetition before a hundred verbs
/// made the lazy DFA build a state for every count at every place it searched, a third of
/// the quote finder's time.
const MAX_SPEAKER_CHARS: usize = 120;
/// `footage of Hillary Clinton asking, "`, `Trump saying during the debate, "`: a name
/// with a speech verb's participle right before the quote.
static NAME_THEN_PARTICIPLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"(\p{{Lu}}[\p{{L}}.'’-]*(?:\s+\p{{Lu}}[\p{{L}}.'’-]*){{0,3}})\s+(?:{}|telling\s+\p{{Ll}}+)(?:\s+[^,;:!?"“”()]{{1,40}})?,?\s*$"#,
        PARTICIPLES[..PARTICIPLES.len() - 1].join("|")
    ))
    .unwrap_or_else(|e| panic!("{e}"))
});
/// The participles of [`NAME_THEN_PARTICIPLE`], "telling" last: the pattern runs only on
/// clauses that hold one, as its lazy DFA, searching backwards from the clause's end through
/// a counted repetition, cost a tenth of a story's comparison where it ran on every clause
/// with "ing".
const PARTICIPLES: &[&str] = &[
    "saying",
    "asking",
    "adding",
    "declaring",
    "insisting",
    "warning",
    "noting",
    "arguing",
    "tweeting",
    "writing",
    "telling",
];
/// `according to Smith`.
static ACCORDING_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i:according to)\s+([^,;:!?"“”()]{2,90})"#).unwrap_or_else(|e| panic!("{e}"))
});
/// `"..." ― Pamela Jones` (a signature after a quote).
static DASH_SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^[\s,.]*[―—–-]+\s*(\p{Lu}[^,;:!?"“”()]{1,60})"#).unwrap_or_else(|e| panic!("{e}"))
});
/// `Smith said`, anywhere before the quote in its sentence: see [`speaker_verb_matches`].
static SPEAKER_VERB_ANYWHERE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r#"([^;:!?"“”]+?)\s+{AUXILIARIES}{VERBS}(?-u:\b)"#))
        .unwrap_or_else(|e| panic!("{e}"))
});

/// The words before each speech verb in `text` ([`SPEAKER_VERB_ANYWHERE`]), as byte ranges:
/// from the end of the last match or the last stop (`;:!?` or a double quotation mark), but
/// at most the last [`MAX_SPEAKER_CHARS`] characters. Most clauses hold no speech verb at
/// all, and a plain search tells so far more cheaply than the capturing one.
fn speaker_verb_matches(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    static ANY_VERB: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"\s{VERBS}(?-u:\b)")).unwrap_or_else(|e| panic!("{e}"))
    });
    let matches = ANY_VERB.is_match(text).then(|| SPEAKER_VERB_ANYWHERE.captures_iter(text));
    matches.into_iter().flatten().filter_map(|caps| {
        let words = caps.get(1)?;
        let from = words.as_str().char_indices().rev().nth(MAX_SPEAKER_CHARS - 1);
        Some(words.start() + from.map_or(0, |(at, _)| at)..words.end())
    })
}

fn is_quote_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '‘' | '’' | '„' | '«' | '»')
}

/// Whether a double quotation mark closes the quotation `opening` opened: `“...”` and
/// `"..."` as English writes, `„...“` as German, `„...”` as Polish, `«...»` as French.
fn closes(opening: char, c: char) -> bool {
    match opening {
        '«' => c == '»',
        '„' => matches!(c, '“' | '”'),
        _ => matches!(c, '”' | '"'),
    }
}

/// Whether `‘` opens a quotation here, as British and Australian news quote: at the start of
/// a word (after a space, a bracket, a dash or the line's start) and before a letter, digit or
/// nested mark.
fn opens_single_quote(before: Option<char>, after: Option<char>) -> bool {
    before.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–' | '-' | '“' | '"'))
        && after.is_some_and(|c| c.is_alphanumeric() || matches!(c, '“' | '"' | '…'))
}

/// Whether `’` closes a quotation opened by `‘` here: not an apostrophe inside a word ("it’s")
/// nor after a plural's "s" before a space ("the residents’ association").
fn closes_single_quote(before: Option<char>, after: Option<char>) -> bool {
    let in_word = after.is_some_and(char::is_alphanumeric);
    let possessive = before == Some('s') && after.is_some_and(char::is_whitespace);
    !in_word && !possessive
}

/// Where a text quotes, from each opening mark to after its closing mark (or its
/// paragraph's end), in text order and without overlap: what [`find_quotes`] reads quotes
/// from, scare quotes included.
pub fn quotation_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    quote_spans(text).into_iter().map(|span| span.open..span.close).collect()
}

/// Pairs quotation marks paragraph by paragraph. A quote left open at the end of a
/// paragraph runs to its end, unless a following line closes it before any mark opens a new
/// one: text written one sentence per line breaks a quote of several sentences over lines.
fn quote_spans(text: &str) -> Vec<Span> {
    let mut lines = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        lines.push((line_start, line));
        line_start += line.len();
    }
    let mut acc = Vec::new();
    // An open quote carried over from an earlier line: its mark and that line's start.
    let mut carried: Option<(usize, usize)> = None;
    for (idx, &(line_start, line)) in lines.iter().enumerate() {
        let line_end = line_start + line.trim_end().len();
        let (mut open, mut opened_line) = match carried.take() {
            Some((open, opened_line)) => (Some(open), opened_line),
            None => (None, line_start),
        };
        let mut line_spans = Vec::new();
        for (at, c) in line.char_indices() {
            let pos = line_start + at;
            let opening = open.and_then(|start| Some((start, text[start..].chars().next()?)));
            match (c, opening) {
                (c, Some((start, opening))) if closes(opening, c) => {
                    line_spans.push((start, pos + c.len_utf8(), opened_line));
                    (open, opened_line) = (None, line_start);
                }
                ('"', None) if closes_unopened(text, line_start, pos, line_end) => {
                    let from = line.len() - line.trim_start_matches(['\'', ' ', '\t']).len();
                    line_spans.push((line_start + from, pos + 1, line_start));
                }
                ('“' | '„' | '«', _) | ('"', None) => {
                    (open, opened_line) = (Some(pos), line_start)
                }
                _ => (),
            }
        }
        // "« Previous" in a page's links opens nothing: only English marks run over lines.
        let english = |start: usize| text[start..].starts_with(['“', '"']);
        if let Some(start) = open.filter(|&start| start < line_end && english(start)) {
            match closed_on_a_later_line(&lines[idx + 1..]) {
                true => carried = Some((start, opened_line)),
                false => line_spans.push((start, line_end, opened_line)),
            }
        }
        single_quote_spans(text, line_start, line_end, &mut line_spans);
        for (open, close, opened_line) in line_spans {
            let whole_paragraph = text[opened_line..open].trim().is_empty()
                && text[close..line_end].chars().all(|c| !c.is_alphanumeric());
            acc.push(Span { open, close, line_start: opened_line, line_end, whole_paragraph });
        }
    }
    // A quote carried over lines is pushed when it closes, after the single quotes of the
    // lines it spans, which are quotes within it: the outer one is kept.
    acc.sort_by_key(|span| span.open);
    let mut kept: Vec<Span> = Vec::with_capacity(acc.len());
    for span in acc {
        if kept.last().is_none_or(|last| span.open >= last.close) {
            kept.push(span);
        }
    }
    kept
}

/// Whether the straight mark at `pos` closes a quote whose opening mark the line lost (`'I
/// can't speak for the first death, but ..., " Gaskin told the Timaru Herald.`): the line's
/// first double mark and its last, after the end of a clause and before an attribution.
/// Taken for an opening mark, it would quote the attribution and whatever follows.
fn closes_unopened(text: &str, line_start: usize, pos: usize, line_end: usize) -> bool {
    let (before, after) = (&text[line_start..pos], &text[pos + 1..line_end]);
    let double = |part: &str| part.contains(['"', '“', '”']);
    // An attribution opens with a name, a pronoun or a description; a quote may open with any
    // word ("not one of them said they would leave").
    let first = crate::words(after).next().unwrap_or_default();
    let attribution_like = first.starts_with(char::is_uppercase)
        || matches!(
            first,
            "he" | "she" | "they" | "we" | "the" | "a" | "an" | "his" | "her" | "their"
        );
    // The patterns last, as this runs for every straight mark that opens no quote.
    before.trim_end().ends_with([',', '.', '!', '?'])
        && crate::words(before).nth(2).is_some()
        && !double(before)
        && !double(after)
        && attribution_like
        && speaker_then_verb(after).is_some()
        // "King said that when he broke the news to O'Brien, "He asked why ...": the words
        // before attribute the quote after.
        && speaker_verb_matches(before).next().is_none()
}

/// Adds a line's quotations in single marks (`‘...’`) to its spans in double marks, which it
/// may hold as quotes within the quote (`‘People keep telling me “never again”, and ...’`):
/// those are dropped. A single quote left open runs to the line's end only when it opens the
/// paragraph, as a quote that runs over paragraphs does.
fn single_quote_spans(
    text: &str,
    line_start: usize,
    line_end: usize,
    spans: &mut Vec<(usize, usize, usize)>,
) {
    let line = &text[line_start..line_end];
    if !line.contains('‘') {
        return;
    }
    // The spans are in text order and do not overlap: a binary search finds the one before.
    let inside_double = |pos: usize| {
        let before = spans.partition_point(|&(open, _, _)| open <= pos);
        before.checked_sub(1).is_some_and(|idx| pos < spans[idx].1)
    };
    let mut singles = Vec::new();
    let mut open: Option<usize> = None;
    let mut before: Option<char> = None;
    let mut chars = line.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let pos = line_start + at;
        let after = chars.peek().map(|&(_, c)| c);
        match (c, open) {
            ('‘', None) if opens_single_quote(before, after) && !inside_double(pos) => {
                open = Some(pos);
            }
            // Not inside a double quote that opened after it: spans do not overlap.
            ('’', Some(start)) if closes_single_quote(before, after) && !inside_double(pos) => {
                singles.push((start, pos + c.len_utf8()));
                open = None;
            }
            _ => (),
        }
        before = Some(c);
    }
    if let Some(start) = open.filter(|&start| text[line_start..start].trim().is_empty()) {
        singles.push((start, line_end));
    }
    if singles.is_empty() {
        return;
    }
    // Double quotes inside a single one are quotes within the quote.
    let inside_single = |open: usize| {
        let before = singles.partition_point(|&(start, _)| start <= open);
        before.checked_sub(1).is_some_and(|idx| open < singles[idx].1)
    };
    spans.retain(|&(open, _, _)| !inside_single(open));
    spans.extend(singles.into_iter().map(|(open, close)| (open, close, line_start)));
    spans.sort_unstable();
}

/// Whether one of the next few lines closes a quote left open: its first quotation mark is a
/// closing one (`”`, or `"` after a word or punctuation), and the line does not open with a
/// mark (which starts a new paragraph of a quote that runs over paragraphs).
fn closed_on_a_later_line(next: &[(usize, &str)]) -> bool {
    const LOOKAHEAD: usize = 3;
    for (_, line) in next.iter().filter(|(_, line)| !line.trim().is_empty()).take(LOOKAHEAD) {
        let line = line.trim();
        let Some((at, mark)) = line.char_indices().find(|&(_, c)| matches!(c, '"' | '“' | '”'))
        else {
            continue;
        };
        if at == 0 {
            return false;
        }
        let before = line[..at].trim_end();
        let attached = !line[..at].ends_with(char::is_whitespace);
        return mark == '”'
            || (mark == '"' && (attached || before.ends_with([',', '.', '?', '!'])));
    }
    false
}

/// The attribution right after a quote, up to the next quote or the paragraph's end.
fn attribution_after<'a>(
    text: &'a str,
    span: &Span,
    next: Option<&Span>,
) -> Option<RawSpeaker<'a>> {
    let end = next.filter(|n| n.line_start == span.line_start).map_or(span.line_end, |n| n.open);
    let after = &text[span.close..end];
    let after = &after[..sentence_end(after)];
    // `"... over." Baker said the plan ...` starts a new sentence; `"... over." he said` does not.
    let quoted = text[span.open..span.close].trim_end_matches(is_quote_mark);
    let next_is_lower = after.trim_start().chars().next().is_some_and(char::is_lowercase);
    if quoted.ends_with('.') && !next_is_lower {
        return None;
    }
    if let Some(name) = DASH_SPEAKER.captures(after).and_then(|caps| caps.get(1)) {
        return capitalised_runs(name.as_str()).first().map(|name| RawSpeaker::Name(name));
    }
    outside_dash_asides(after, attribution_after_in)
}

/// The attribution in the words after a quote, the signature aside.
fn attribution_after_in(after: &str) -> Option<RawSpeaker<'_>> {
    if let Some(document) = document_reading(after) {
        return Some(RawSpeaker::Description(document));
    }
    if let Some(caps) = ACCORDING_TO
        .captures(after)
        .filter(|c| c.get(0).is_some_and(|m| after[..m.start()].trim().len() < 3))
    {
        return caps.get(1).and_then(|m| speaker_after_verb(m.as_str()));
    }
    if let Some(caps) = VERB_THEN_SPEAKER.captures(after) {
        if let Some(found) = caps.get(1).and_then(|m| speaker_after_verb(m.as_str())) {
            return Some(found);
        }
    }
    if let Some(found) = speaker_then_verb(after).and_then(speaker_before_verb) {
        return Some(found);
    }
    None
}

/// A document whose words a quote gives, right after it: `," the letter read`, `," read a
/// statement from the family`. No one is named, and the last speaker does not go on.
fn document_reading(after: &str) -> Option<&str> {
    static READ_THEN_DOCUMENT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"^[\s,.;:!?—–-]*reads?\s+([^,;:!?"“”()]{2,80}?)\s*(?:[.;,]|$)"#)
            .unwrap_or_else(|e| panic!("{e}"))
    });
    static DOCUMENT_THEN_READ: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"^[\s,.;:!?—–-]*([^,;:!?"“”()]{2,80}?)\s+reads?(?-u:\b)"#)
            .unwrap_or_else(|e| panic!("{e}"))
    });
    const DOCUMENTS: &[&str] = &[
        "statement",
        "letter",
        "note",
        "message",
        "post",
        "tweet",
        "release",
        "email",
        "memo",
        "notice",
        "sign",
        "caption",
        "banner",
        "placard",
        "filing",
        "complaint",
        "indictment",
    ];
    // Most attributions hold no "read": a plain search tells so before the regexes run.
    if !after[..crate::floor_char_boundary(after, DOCUMENT_READ_BYTES)].contains("read") {
        return None;
    }
    let is_document = |phrase: &str| {
        let mut words = phrase.split_whitespace();
        words.next().is_some_and(|w| {
            matches!(w, "a" | "an" | "the" | "his" | "her" | "their" | "its" | "A" | "The")
        }) && words.any(|w| DOCUMENTS.contains(&w.trim_end_matches(['.', ','])))
    };
    [&*READ_THEN_DOCUMENT, &*DOCUMENT_THEN_READ]
        .into_iter()
        .filter_map(|re| re.captures(after)?.get(1))
        .map(|m| m.as_str().trim())
        .find(|phrase| is_document(phrase))
        // "a joint statement from Sens. Bill Cassidy and ...": the period of "Sens." ended
        // the phrase, and the document is the words before "from".
        .map(|phrase| match ends_with_abbreviation(phrase) {
            true => phrase.rsplit_once(" from ").map_or(phrase, |(document, _)| document),
            false => phrase,
        })
}

/// How far after a quote [`document_reading`] looks for "read": its regexes' reach.
const DOCUMENT_READ_BYTES: usize = 100;

/// An attribution later in the quote's sentence: `A cashier who "steals ..." is held to account,
/// Warren said.`
fn attribution_later<'a>(
    text: &'a str,
    span: &Span,
    next: Option<&Span>,
) -> Option<RawSpeaker<'a>> {
    let end = next.filter(|n| n.line_start == span.line_start).map_or(span.line_end, |n| n.open);
    let after = &text[span.close..end];
    let quoted = text[span.open..span.close].trim_end_matches(is_quote_mark);
    let next_is_lower = after.trim_start().chars().next().is_some_and(char::is_lowercase);
    if quoted.ends_with(['.', '!', '?']) && !next_is_lower {
        return None;
    }
    let after = &after[..sentence_end(after)];
    outside_dash_asides(after, |after| {
        speaker_verb_matches(after).find_map(|words| speaker_before_verb(&after[words]))
    })
}

/// The attribution before a quote, within its sentence and after the previous quote.
fn attribution_before<'a>(text: &'a str, span: &Span, from: usize) -> Option<RawSpeaker<'a>> {
    outside_dash_asides(sentence_before(text, span, from), attribution_before_in)
}

/// The attribution in the words of the quote's sentence before it.
fn attribution_before_in(before: &str) -> Option<RawSpeaker<'_>> {
    /// The verbs of [`SAID_NAME`], which opens the clause with one.
    const SAID_WORDS: &[&str] = &["Said", "Says", "Added", "Asked", "Wrote"];
    static SAID_NAME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r#"(?:^|[\s,])(?:{})\s+([^,;:!?"“”()]{{2,60}}?)[,:]?\s*$"#,
            SAID_WORDS.join("|")
        ))
        .unwrap_or_else(|e| panic!("{e}"))
    });
    // Each pattern runs only where its words are: most clauses hold none, and a plain
    // search says so far more cheaply than the patterns' lazy DFAs.
    let said_name = SAID_WORDS.iter().any(|w| before.contains(w));
    if let Some(found) = said_name
        .then(|| SAID_NAME.captures(before))
        .flatten()
        .and_then(|c| c.get(1))
        .and_then(|m| speaker_after_verb(m.as_str()))
    {
        return Some(found);
    }
    let participle = PARTICIPLES.iter().any(|verb| before.contains(verb));
    if let Some(name) = participle
        .then(|| NAME_THEN_PARTICIPLE.captures(before))
        .flatten()
        .and_then(|c| c.get(1))
        .and_then(|m| name_at_end(m.as_str()))
        .filter(|name| !name.split_whitespace().any(crate::calendar::is_day_or_month_name))
    {
        return Some(RawSpeaker::Name(name));
    }
    let according = before.contains("ccording to") || before.contains("CCORDING TO");
    if let Some(caps) = according.then(|| ACCORDING_TO.captures_iter(before).last()).flatten() {
        return caps.get(1).and_then(|m| speaker_after_verb(m.as_str()));
    }
    speaker_verb_matches(before).filter_map(|words| speaker_before_verb(&before[words])).last()
}

/// Finds an attribution in `clause` with its dash asides closed within it blanked out: in
/// "Lohan — whose lawyer Mark Heller said she would comply — told the judge", Heller speaks for
/// the aside only, and a quote outside it is Lohan's. A quote inside an aside is unaffected, as
/// the aside is not closed before it.
fn outside_dash_asides<'a>(
    clause: &'a str,
    find: impl Fn(&str) -> Option<RawSpeaker<'_>>,
) -> Option<RawSpeaker<'a>> {
    let Some(blanked) = without_dash_asides(clause) else { return find(clause) };
    // Blanking keeps every byte offset, so what `find` returns is the same place in `clause`;
    // a phrase running into a blanked aside is not a speaker.
    let rebase = |part: &str| -> Option<&'a str> {
        let from = part.as_ptr() as usize - blanked.as_ptr() as usize;
        let original = clause.get(from..from + part.len())?;
        (original == part).then_some(original)
    };
    match find(&blanked)? {
        RawSpeaker::Name(name) => rebase(name).map(RawSpeaker::Name),
        RawSpeaker::Description(description) => rebase(description).map(RawSpeaker::Description),
        RawSpeaker::Pronoun(gender) => Some(RawSpeaker::Pronoun(gender)),
    }
}

/// `clause` with each aside between two dashes (em or en dash, `--`, or a hyphen with a space on
/// each side) replaced by spaces, dashes included, byte for byte; `None` when it has none.
fn without_dash_asides(clause: &str) -> Option<String> {
    let bytes = clause.as_bytes();
    let mut dashes: Vec<(usize, usize)> = Vec::new();
    let mut idx = 0;
    while idx < clause.len() {
        let rest = &clause[idx..];
        let len = if rest.starts_with(['—', '–']) {
            3
        } else if rest.starts_with("--") {
            2
        } else if rest.starts_with('-')
            && idx > 0
            && bytes[idx - 1] == b' '
            && bytes.get(idx + 1) == Some(&b' ')
        {
            1
        } else {
            0
        };
        match len {
            0 => idx += rest.chars().next().map_or(1, char::len_utf8),
            _ => {
                dashes.push((idx, idx + len));
                idx += len;
            }
        }
    }
    if dashes.len() < 2 {
        return None;
    }
    let mut blanked = clause.as_bytes().to_vec();
    for pair in dashes.chunks_exact(2) {
        blanked[pair[0].0..pair[1].1].fill(b' ');
    }
    // Whole characters were replaced by ASCII spaces, so the bytes stay UTF-8.
    String::from_utf8(blanked).ok()
}

/// The offset of the first "he" or "she" in the quote's sentence before it.
fn first_pronoun(text: &str, span: &Span, from: usize) -> Option<usize> {
    let before = sentence_before(text, span, from);
    let start = span.open - before.len();
    before
        .split_whitespace()
        .find(|word| pronoun_gender(word).is_some())
        .map(|word| start + (word.as_ptr() as usize - before.as_ptr() as usize))
}

/// "Trump said praise from Vladimir Putin would not sway him. He said Putin has “...”": a
/// pronoun at `pronoun` that opens the quote's sentence goes on from the speaker of the
/// sentence before, when that one says who spoke ("X said"), however many people it names
/// after its speaker.
fn previous_sentence_speaker<'a>(
    text: &'a str,
    span: &Span,
    from: usize,
    pronoun: usize,
) -> Option<&'a str> {
    let before = sentence_before(text, span, from);
    let sentence_start = span.open - before.len();
    if !text.get(sentence_start..pronoun)?.trim().is_empty() {
        return None;
    }
    let previous = text.get(span.line_start..sentence_start)?.trim_end().strip_suffix('.')?;
    match outside_dash_asides(last_sentence(previous), attribution_before_in)? {
        RawSpeaker::Name(name) => Some(name),
        _ => None,
    }
}

/// The part of the quote's sentence before its opening mark, from `from` on.
fn sentence_before<'a>(text: &'a str, span: &Span, from: usize) -> &'a str {
    last_sentence(&text[from..span.open])
}

/// The text after the last sentence end in `text` (a period, "!" or "?" before a space, not
/// of an abbreviation), or all of it.
fn last_sentence(text: &str) -> &str {
    let start = text
        .char_indices()
        .filter(|&(idx, c)| {
            matches!(c, '.' | '!' | '?')
                && text[idx + 1..].starts_with(' ')
                && !ends_with_abbreviation(&text[..idx])
        })
        .map(|(idx, _)| idx + 1)
        .next_back()
        .unwrap_or(0);
    &text[start..]
}

/// The subject of the quote's sentence when no speech verb names the speaker: `Cruz called
/// Trump a "pathological liar"`, `In January, Gov. Earl Ray Tomblin of West Virginia lauded
/// Mr. Clarke for "new ideas"`. The subject is a name at the start of the clause, followed
/// (after an apposition or a party label) by a lower-case word.
fn sentence_subject(before: &str) -> Option<RawSpeaker<'_>> {
    static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^((?:\p{Lu}[\p{L}’'.-]*\s+(?:(?:de|van|von|bin|al|of|the)\s+)?)*\p{Lu}[\p{L}’'.-]*)(?:\s*\([^()]{1,40}\))?(?:,\s*(?:a|an|the|who|which|one|her|his|their|its|[DRI]-|\p{Lu}[\p{L}.-]*[’']s\s)[^,]{1,110},)?\s+(?:also\s+|has\s+|had\s+|have\s+|is\s+|was\s+|then\s+|later\s+|once\s+)?\p{Ll}",
        )
        .unwrap_or_else(|e| panic!("{e}"))
    });
    // "Opposition councillor Ravi Shah voted ...", "The city engineer Tom Baker voted ...": an
    // office or occupation in lower case before the name.
    static OFFICE_THEN_NAME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:[\p{L}’'.-]+\s+){0,2}(?:councillor|councilor|leader|minister|spokesman|spokeswoman|spokesperson|chair|chairman|chairwoman|director|executive|secretary|senator|judge|mayor|governor|official|lawmaker|commissioner|prosecutor|coach|manager|lawyer|attorney|engineer|officer|chief|head|founder|owner|analyst|economist|professor|researcher|scientist|doctor|candidate|activist)\s+((?:\p{Lu}[\p{L}’'.-]*\s+){0,2}\p{Lu}[\p{L}’'.-]*)(?:,[^,]{1,80},)?\s+\p{Ll}",
        )
        .unwrap_or_else(|e| panic!("{e}"))
    });
    // "Another critic, Laurence H. Tribe, likened ...": a description, then the name.
    static DESCRIPTION_THEN_NAME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:An?|The|Another|One)\s+(?:\p{Ll}[\p{L}-]*\s+){0,3}\p{Ll}[\p{L}-]*,\s+((?:\p{Lu}[\p{L}’'.-]*\s+){0,3}\p{Lu}[\p{L}’'.-]*),\s+\p{Ll}",
        )
        .unwrap_or_else(|e| panic!("{e}"))
    });
    let clause = strip_intro(before.trim_start_matches(|c: char| !c.is_alphanumeric()));
    if let Some(gender) = clause.split_whitespace().next().and_then(pronoun_gender) {
        return Some(RawSpeaker::Pronoun(gender));
    }
    let named = |re: &Regex| re.captures(clause).and_then(|c| c.get(1));
    if let Some(name) = named(&OFFICE_THEN_NAME).or_else(|| named(&DESCRIPTION_THEN_NAME)) {
        return Some(RawSpeaker::Name(name.as_str()));
    }
    let subject = SUBJECT.captures(clause)?.get(1)?.as_str();
    // A possessive subject ("Scott's family") is not the person named.
    if subject.ends_with("’s") || subject.ends_with("'s") || starts_with_number_word(subject) {
        return None;
    }
    capitalised_runs(subject).into_iter().find(|name| !is_common_word(name)).map(RawSpeaker::Name)
}

/// "Twenty-nine people", "Only 52 percent": a count, not a name.
fn starts_with_number_word(subject: &str) -> bool {
    const NUMBERS: &[&str] = &[
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
        "hundred", "thousand", "dozen", "several", "many", "most", "some", "only", "all",
    ];
    let first = subject.split([' ', '-']).next().unwrap_or("").to_lowercase();
    NUMBERS.iter().any(|n| first.starts_with(n))
}

/// Drops an opening adverbial ("In January, ", "During a speech on Monday, ") or conjunction.
fn strip_intro(clause: &str) -> &str {
    const OPENERS: &[&str] = &[
        "In",
        "On",
        "At",
        "During",
        "After",
        "Before",
        "With",
        "Following",
        "Earlier",
        "Later",
        "Last",
        "This",
        "Since",
        "Meanwhile",
        "However",
        "Still",
        "Yet",
        "Instead",
        "Indeed",
        "Separately",
        "Asked",
        "Speaking",
        "Writing",
        "Today",
        "Yesterday",
        "Also",
    ];
    let first = clause.split_whitespace().next().unwrap_or("");
    let first = first.trim_end_matches(',');
    if matches!(first, "But" | "And" | "So") {
        return strip_intro(clause[first.len()..].trim_start_matches([',', ' ']));
    }
    if OPENERS.contains(&first) {
        if let Some(comma) = clause.find(", ").filter(|&c| c < 120) {
            return clause[comma + 2..].trim_start();
        }
    }
    clause
}

/// A signature closing the paragraph: `“...” ― Christina Lastra.` names the speaker of every
/// quote in it.
fn signature<'a>(text: &'a str, span: &Span) -> Option<RawSpeaker<'a>> {
    static SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"[”"’']\s*[―—–]+\s*(\p{Lu}[^,;:!?"“”()]{1,60}?)\.?$"#)
            .unwrap_or_else(|e| panic!("{e}"))
    });
    let paragraph = &text[span.open..span.line_end];
    // Its dash first: the pattern, searching backwards from the paragraph's end, is costly.
    if !paragraph.contains(['―', '—', '–']) {
        return None;
    }
    let name = SIGNATURE.captures(paragraph)?.get(1)?.as_str();
    capitalised_runs(name).first().map(|name| RawSpeaker::Name(name))
}

/// A paragraph that is only a quote, after a paragraph that ends with a colon: `Caddell
/// continued:` or `The New York Times reports:`.
fn introduced_by_previous_paragraph<'a>(text: &'a str, span: &Span) -> Option<RawSpeaker<'a>> {
    if !text[span.line_start..span.open].trim().is_empty() {
        return None;
    }
    let previous = text[..span.line_start].trim_end();
    let intro = previous.strip_suffix(':')?;
    let line = &intro[intro.rfind('\n').map_or(0, |i| i + 1)..];
    let sentence_start = line.rfind(". ").map_or(0, |i| i + 2);
    let sentence = &line[sentence_start..];
    speaker_verb_matches(&format!("{sentence} "))
        .last()
        .and_then(|range| speaker_before_verb(&sentence[range]))
        .or_else(|| sentence_subject(sentence))
}

/// A quote that opens a sentence after a sentence of the same paragraph that reports its
/// speaker's words: `... while Kerry negotiates with Russia, Schiff said. "The other factor
/// ..."`. News quotes the person it has just paraphrased.
fn attributed_in_previous_sentence<'a>(
    text: &'a str,
    span: &Span,
    previous_quote_end: Option<usize>,
) -> Option<RawSpeaker<'a>> {
    // A quote of the same paragraph before it has its own speaker, whom this one continues.
    if previous_quote_end.is_some() {
        return None;
    }
    let before = text[span.line_start..span.open].trim_end();
    if !sentence_before(text, span, span.line_start).trim().is_empty() || before.is_empty() {
        return None;
    }
    let previous = last_sentence(before.strip_suffix('.')?);
    outside_dash_asides(previous, attribution_before_in)
}

/// A paragraph that is only a quote, after a paragraph whose last sentence reports its
/// speaker's words (`... for what is to be a three-month stay, her rep confirms to PEOPLE.` then
/// `"And she showed up in the morning and hated it."`) or reaction ([`reacting_subject`]): the
/// first of those that `is_speaker` accepts.
fn attributed_in_previous_paragraph<'a>(
    text: &'a str,
    span: &Span,
    is_speaker: impl Fn(&RawSpeaker<'_>) -> bool,
) -> Option<RawSpeaker<'a>> {
    if !span.whole_paragraph {
        return None;
    }
    let previous = text[..span.line_start].trim_end();
    let line = &previous[previous.rfind('\n').map_or(0, |i| i + 1)..];
    // A paragraph with a quote of its own has its speaker, whom the next one continues.
    // (Not an apostrophe: "Salazar’s decision" quotes no one.)
    if line.contains(|c| is_quote_mark(c) && c != '’') {
        return None;
    }
    let sentence = last_sentence(line.strip_suffix('.')?);
    let attributed = outside_dash_asides(sentence, attribution_before_in);
    attributed.into_iter().chain(reacting_subject(sentence)).find(is_speaker)
}

/// The person a sentence opens with, when it tells of a reaction the next paragraph quotes:
/// `Darin Schroeder, Vice President for Conservation Advocacy at the American Bird
/// Conservancy, agreed with Salazar's decision.` then `"We are gratified ..."`.
fn reacting_subject(sentence: &str) -> Option<RawSpeaker<'_>> {
    static REACTION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?-u:\b)(?:agreed|disagreed|welcomed|praised|applauded|hailed|criticized|criticised|condemned|slammed|blasted|rejected|dismissed|defended|reacted|objected)(?-u:\b)")
            .unwrap_or_else(|e| panic!("{e}"))
    });
    let sentence = sentence.trim_start();
    REACTION.find(sentence)?;
    let name = capitalised_runs(sentence).into_iter().next()?;
    // The name opens the sentence and stands apart from what follows, as a subject does.
    let rest = sentence.strip_prefix(name)?;
    (name.contains(' ') && rest.starts_with([',', ' '])).then_some(RawSpeaker::Name(name))
}

/// "Her rep", "a spokesman for the campaign", "the family's lawyer".
fn is_spokesperson(description: &str) -> bool {
    static SPOKESPERSON: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:the|a|an|his|her|their|its)\s+(?:[\p{L}’'.-]+\s+){0,2}(?:rep|representative|spokesman|spokeswoman|spokesperson|publicist|lawyer|attorney|agent|source)\b")
            .unwrap_or_else(|e| panic!("{e}"))
    });
    SPOKESPERSON.is_match(description)
}

/// Where the attribution sentence after a quote ends.
fn sentence_end(after: &str) -> usize {
    after
        .char_indices()
        .skip_while(|&(_, c)| !c.is_alphanumeric())
        .find(|&(idx, c)| {
            matches!(c, '.' | '!' | '?')
                && !ends_with_abbreviation(&after[..idx])
                && !after[idx + 1..].starts_with([',', ')'])
                && after[..idx].matches('(').count() <= after[..idx].matches(')').count()
        })
        .map_or(after.len(), |(idx, _)| idx)
}

/// "... Mr", "... Sen", "... Laurence H": a period after these does not end the sentence.
fn ends_with_abbreviation(before: &str) -> bool {
    let word = before.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    let mut chars = word.chars();
    let initial = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    initial
        || matches!(
            word,
            "Mr" | "Mrs"
                | "Ms"
                | "Dr"
                | "Sen"
                | "Sens"
                | "Reps"
                | "Govs"
                | "Drs"
                | "Rep"
                | "Gov"
                | "Gen"
                | "Lt"
                | "Col"
                | "Sgt"
                | "Capt"
                | "Adm"
                | "Rev"
                | "Prof"
                | "St"
                | "Jr"
                | "Sr"
                | "Calif"
                | "Mo"
                | "Ore"
                | "Ill"
                | "Fla"
                | "Mass"
                | "Wash"
                | "Pa"
                | "Va"
                | "Ky"
                | "Md"
                | "Wis"
                | "Tenn"
                | "Ariz"
                | "Colo"
                | "Conn"
                | "Ga"
                | "Mich"
                | "Minn"
                | "Mont"
                | "Nev"
                | "Okla"
                | "Tex"
                | "Vt"
                | "Ala"
                | "Ark"
        )
}

/// The speaker in the words after a speech verb: "Donald Trump, the nominee" -> "Donald Trump".
fn speaker_after_verb(span: &str) -> Option<RawSpeaker<'_>> {
    let span = span.trim();
    let first_word = span.split_whitespace().next()?;
    // "said her father": a possessive and a noun describe someone else than the pronoun's
    // antecedent.
    if is_possessive(first_word) {
        return possessive_description(span).map(RawSpeaker::Description);
    }
    if let Some(gender) = pronoun_gender(first_word) {
        return Some(RawSpeaker::Pronoun(gender));
    }
    if let Some(name) = capitalised_runs(span).into_iter().find(|name| !is_common_word(name)) {
        return Some(RawSpeaker::Name(with_partner_after(span, name)));
    }
    if matches!(first_word, "a" | "an" | "the" | "one" | "another")
        && span.split_whitespace().count() <= 8
    {
        return Some(RawSpeaker::Description(span));
    }
    None
}

/// The speaker in the words before a speech verb: "Republican nominee Donald Trump", "he",
/// "a senior State Department official".
fn speaker_before_verb(span: &str) -> Option<RawSpeaker<'_>> {
    let span = strip_party_label(span.trim_end());
    // "Aaron Kall, the director of debate at the university,": the name is before the apposition.
    // "Its chair, Tom Ellery,": or after a description. "Captain Manohar Nambiar, Chief Public
    // Relations Officer, Defence,": before an office, which names no one.
    if let Some(head) = span.strip_suffix(',') {
        let apposition_start = head.rfind(',')?;
        let before = &head[..apposition_start];
        fn person(part: &str) -> Option<&str> {
            name_at_end(part).filter(|name| !names_an_office(name))
        }
        return person(before)
            .or_else(|| before.rsplit_once(',').and_then(|(earlier, _)| person(earlier)))
            .or_else(|| name_at_end(head[apposition_start + 1..].trim()))
            .map(RawSpeaker::Name);
    }
    let span = span.rsplit(',').next().unwrap_or(span);
    // Words with their byte offsets in `span`; only the last eight can be the speaker.
    let words: Vec<(usize, &str)> = span
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - span.as_ptr() as usize, w))
        .collect();
    let tail = &words[words.len().saturating_sub(8)..];
    let &(_, last) = tail.last()?;
    if let Some(gender) = pronoun_gender(last) {
        return Some(RawSpeaker::Pronoun(gender));
    }
    // "... an architect who said", "... bemoaned the unrest and said": a relative clause or a
    // second verb of the sentence, whose subject is elsewhere.
    if matches!(last, "who" | "that" | "which" | "and" | "but" | "or" | "then" | "when" | "as") {
        return None;
    }
    // A description is a determiner phrase ending in a common noun: "a senior official",
    // "her father".
    if last.chars().next().is_some_and(char::is_lowercase) {
        let at = tail.iter().rposition(|(_, w)| {
            matches!(
                *w,
                "a" | "an" | "the" | "A" | "An" | "The" | "one" | "One" | "another" | "Another"
            ) || is_possessive(w)
                || is_name_possessive(w)
        })?;
        let word = tail[at].1;
        // A name's possessive takes the whole name and its article: "The Bible Church's head
        // minister", "New York's attorney general".
        let mut first = at;
        if is_name_possessive(word) {
            while first > 0
                && (tail[first - 1].1.starts_with(char::is_uppercase) || tail[first - 1].1 == "the")
            {
                first -= 1;
            }
        }
        let description = span[tail[first].0..].trim_end();
        // A possessive phrase must be the whole subject: "her father", not "her view and
        // dismissed those".
        let possessed = span[tail[at].0..].trim_end();
        let possessive = is_possessive(word) || is_name_possessive(word);
        if possessive && possessive_description(possessed) != Some(possessed) {
            return None;
        }
        return Some(RawSpeaker::Description(description));
    }
    let name = name_at_end(span)?;
    // "a spokesman for the Ministry of Defence", "an aide to Sen. John Smith": the name is
    // whom the described speaker works for.
    let name_start = name.as_ptr() as usize - span.as_ptr() as usize;
    let mut lead = span[..name_start].trim_end();
    while let Some((rest, word)) = lead.rsplit_once(' ') {
        if word != "the" && !crate::entities::is_title(word) {
            break;
        }
        lead = rest.trim_end();
    }
    let works_for = lead
        .rsplit(' ')
        .next()
        .is_some_and(|word| matches!(word, "for" | "of" | "at" | "to" | "with"));
    let determiner = tail.iter().rposition(|&(at, w)| {
        at < name_start
            && matches!(w, "a" | "an" | "A" | "An" | "one" | "One" | "another" | "Another")
    });
    match (works_for, determiner) {
        (true, Some(at)) => Some(RawSpeaker::Description(span[tail[at].0..].trim_end())),
        _ => Some(RawSpeaker::Name(name)),
    }
}

/// "Obama's", "Clinton’s": a name's possessive, which opens a description ("Obama's former
/// campaign strategist").
fn is_name_possessive(word: &str) -> bool {
    word.starts_with(char::is_uppercase) && (word.ends_with("'s") || word.ends_with("’s"))
}

fn is_possessive(word: &str) -> bool {
    matches!(word, "his" | "her" | "their" | "its" | "His" | "Her" | "Their" | "Its")
}

/// "her father, a retired judge" -> "her father": a possessive and the lowercase words after
/// it, up to a comma; `None` when no noun follows.
fn possessive_description(span: &str) -> Option<&str> {
    let phrase = span.split(',').next()?.trim_end().trim_end_matches(['.', ';', ':']);
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let nouns = words
        .iter()
        .skip(1)
        .take_while(|w| w.chars().all(char::is_lowercase) && !is_function_word(w))
        .count();
    if nouns == 0 || nouns > 3 {
        return None;
    }
    let last = words[nouns];
    let end = last.as_ptr() as usize - phrase.as_ptr() as usize + last.len();
    Some(&phrase[..end])
}

/// Words that end a noun phrase: "her view and dismissed", "his lawyer who".
fn is_function_word(word: &str) -> bool {
    matches!(
        word,
        "and" | "or" | "but" | "who" | "that" | "which" | "to" | "of" | "in" | "on" | "at" | "for"
    )
}

/// The name a span ends with: "Republican nominee Donald Trump" -> "Donald Trump".
fn name_at_end(span: &str) -> Option<&str> {
    let span = strip_party_label(span.trim_end());
    let span = span.trim_end_matches("’s").trim_end_matches("'s");
    if let Some(acronym) = acronym_at_end(span) {
        return Some(acronym);
    }
    let name = capitalised_runs(span).last().copied()?;
    (span.ends_with(name) && !is_common_word(name)).then(|| with_partner_before(span, name))
}

/// Two speakers of one quote, named together: "said Sens. Bill Cassidy and Susan Collins"
/// gives the run of both, from `name`, a run of `span`, to the end of the name after "and".
fn with_partner_after<'a>(span: &'a str, name: &'a str) -> &'a str {
    let start = name.as_ptr() as usize - span.as_ptr() as usize;
    let rest = &span[start + name.len()..];
    let Some(partner) = rest.strip_prefix(" and ") else { return name };
    match capitalised_runs(partner).first() {
        Some(&run) if partner.starts_with(run) && are_people(name, run) => {
            &span[start..span.len() - partner.len() + run.len()]
        }
        _ => name,
    }
}

/// Whether two capitalised runs joined by "and" may name two people, not one body
/// ("Surrey Fire and Rescue Service") or a common word.
fn are_people(first: &str, second: &str) -> bool {
    use crate::entities::names_a_body;
    !is_common_word(first)
        && !is_common_word(second)
        && !names_a_body(first)
        && !names_a_body(second)
}

/// Two speakers of one quote named together before the verb: "Mark and Condon said" gives
/// "Mark and Condon", where `name`, ending `span`, is "Condon".
fn with_partner_before<'a>(span: &'a str, name: &'a str) -> &'a str {
    let Some(before) = span[..span.len() - name.len()].strip_suffix(" and ") else {
        return name;
    };
    match capitalised_runs(before).last() {
        Some(&run) if before.ends_with(run) && are_people(run, name) => {
            &span[before.len() - run.len()..]
        }
        _ => name,
    }
}

/// A body named by its acronym as a whole subject: "the FBI", "NASA", "the U.N." (`," the FBI
/// said`). Names of people are never all capitals but in transcripts' labels.
fn acronym_at_end(span: &str) -> Option<&str> {
    let words: Vec<&str> = span.split_whitespace().collect();
    let (&last, before) = words.split_last()?;
    let acronym = crate::entities::is_acronym(&last.replace('.', ""))
        && !crate::calendar::is_day_or_month_name(last);
    let whole = match before {
        [] => true,
        [.., the] => matches!(*the, "the" | "The"),
    };
    (acronym && whole).then_some(last)
}

/// Drops a trailing party label: "Sen. Claire McCaskill (D-Mo.)", "Paul Ryan, R-Wis.,".
fn strip_party_label(span: &str) -> &str {
    static PARTY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:,?\s*\([^()]{1,30}\)|,\s*[DRI]-[\p{L}. ]{2,20}),?$")
            .unwrap_or_else(|e| panic!("{e}"))
    });
    match PARTY.find(span) {
        Some(m) => span[..m.start()].trim_end(),
        None => span,
    }
}

/// Capitalised word runs in a short span, without leading titles and articles.
fn capitalised_runs(span: &str) -> Vec<&str> {
    static RUN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\p{Lu}[\p{L}’'.-]*(?:\s+(?:\p{Lu}[\p{L}’'.-]*|de|van|von|bin|al))*")
            .unwrap_or_else(|e| panic!("{e}"))
    });
    RUN.find_iter(span)
        .filter_map(|m| {
            let mut run = m.as_str();
            run = run.strip_suffix("’s").or_else(|| run.strip_suffix("'s")).unwrap_or(run);
            while let Some((first, rest)) = run.split_once(' ') {
                if is_title_word(first)
                    || matches!(first, "The" | "A" | "An")
                    || is_common_word(first)
                {
                    run = rest;
                } else {
                    break;
                }
            }
            // A sentence's full stop is not the name's, but the period of "Jr." is.
            let last = run.rsplit(' ').next().unwrap_or(run);
            let run = match crate::entities::is_name_suffix(last) {
                true => run,
                false => run.trim_end_matches('.'),
            };
            (!is_title_word(run) && run != "I" && run.chars().any(char::is_lowercase))
                .then_some(run)
        })
        .collect()
}

/// A title or office before a name ("Sen.", "Prosecutor"), or a party adjective. Narrower
/// than the entity finder's titles: "King" or "Prince" as the last word of a run is more
/// often a surname.
fn is_title_word(word: &str) -> bool {
    matches!(
        word,
        "President"
            | "Vice"
            | "Prime"
            | "Minister"
            | "Sen."
            | "Sens."
            | "Senator"
            | "Senators"
            | "Reps."
            | "Govs."
            | "Rep."
            | "Gov."
            | "Governor"
            | "Mr."
            | "Mrs."
            | "Ms."
            | "Dr."
            | "Gen."
            | "Secretary"
            | "Mayor"
            | "Judge"
            | "Speaker"
            | "Chairman"
            | "Former"
            | "Democratic"
            | "Republican"
            | "GOP"
            | "Democrat"
            | "Candidate"
            | "Nominee"
            | "Chief"
            | "Attorney"
            | "General"
            | "Leader"
            | "Prosecutor"
            | "Detective"
            | "Sheriff"
            | "Commissioner"
            | "Councilman"
            | "Councilwoman"
    )
}

/// Turns what the text says into a name: pronouns to the last speaker or the nearest person of
/// a matching gender named before `pronoun_horizon`, surnames to full names given earlier.
fn resolve(
    quote_start: usize,
    pronoun_horizon: usize,
    raw: RawSpeaker<'_>,
    people: &People<'_>,
    last_speaker: Option<&(usize, String)>,
) -> Option<String> {
    match raw {
        RawSpeaker::Name(names) => Some(match people.body_from(names) {
            Some(body) => body.to_string(),
            None => resolve_names(names, people, quote_start),
        }),
        RawSpeaker::Description(description) => Some(
            people.holder_of(description, quote_start).unwrap_or_else(|| description.to_string()),
        ),
        RawSpeaker::Pronoun(gender) => {
            let fits = |name: &str| people.may_be(name, gender);
            let last_speaker = last_speaker.filter(|(_, name)| fits(name));
            let nearest_person =
                people.before(pronoun_horizon).take(PRONOUN_LOOKBACK).find(|p| fits(&p.name));
            match (last_speaker, nearest_person) {
                (Some((end, name)), Some(person))
                    if person.start < *end
                        || people.full_name(&person.name, quote_start) == *name =>
                {
                    Some(name.clone())
                }
                (_, Some(person)) => Some(people.full_name(&person.name, quote_start)),
                (Some((_, name)), None) => Some(name.clone()),
                (None, None) => spokesperson_before(people.text, pronoun_horizon, gender),
            }
        }
    }
}

/// A speaker's name in full, as the text gave it before. Of two names joined by "and",
/// each person's ("Mark and Condon said" is Laurence Mark's and Bill Condon's); a body's name
/// holding "and" whole ("the Securities and Exchange Commission said"); of a body's and a
/// person's, the person's ("Health and Human Services Secretary Xavier Becerra").
fn resolve_names(names: &str, people: &People<'_>, quote_start: usize) -> String {
    let full = |name: &str| people.full_name(crate::entities::without_titles(name), quote_start);
    let parts: Vec<&str> = names.split(" and ").collect();
    let is_person = |part: &&str| people.with_last_word(last_word(part)).next().is_some();
    let persons: Vec<&str> = parts.iter().copied().filter(is_person).collect();
    match persons.is_empty() {
        true => full(names),
        false => persons.into_iter().map(full).collect::<Vec<_>>().join(" and "),
    }
}

/// The last spokesperson described, and no person named, shortly before a pronoun that
/// speaks: "..., a France Telecom spokeswoman who asked not to be named said. ... “We have two
/// assumptions,” she said."
fn spokesperson_before(text: &str, before: usize, gender: Gender) -> Option<String> {
    static DESCRIBED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:the|an?|his|her|their|its)\s+(?:[\p{L}’'.-]+\s+){0,3}?(spokesman|spokeswoman|spokesperson|publicist|representative)(?-u:\b)")
            .unwrap_or_else(|e| panic!("{e}"))
    });
    let from = crate::floor_char_boundary(text, before.saturating_sub(PRONOUN_WINDOW_BYTES));
    let found = DESCRIBED.captures_iter(&text[from..before]).last()?;
    let described = match &found[1].to_lowercase()[..] {
        "spokesman" => Gender::Male,
        "spokeswoman" => Gender::Female,
        _ => Gender::Unknown,
    };
    gender.agrees(described).then(|| found[0].to_string())
}

/// How far before a pronoun [`spokesperson_before`] looks: a few sentences.
const PRONOUN_WINDOW_BYTES: usize = 600;

/// The gender a pronoun asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
    Unknown,
}

impl Gender {
    /// A known gender must match; an unknown one fits either.
    fn agrees(self, other: Gender) -> bool {
        self == Gender::Unknown || other == Gender::Unknown || self == other
    }
}

fn pronoun_gender(word: &str) -> Option<Gender> {
    match word {
        "he" | "He" => Some(Gender::Male),
        "she" | "She" => Some(Gender::Female),
        _ => None,
    }
}

/// The longest run of titles between a body's name and its officer's ("Deputy Assistant
/// Secretary").
const MAX_TITLE_BYTES: usize = 60;

/// How many of the people named before a quote a pronoun may point back to: more than an
/// article names, and a bound for a text naming thousands of people of the other gender.
const PRONOUN_LOOKBACK: usize = 200;

/// The people a text names outside its quotes, in text order, indexed by the last word of
/// their names: a long text names thousands, and every quote looks them up.
struct People<'t> {
    text: &'t str,
    mentions: Vec<EntityMention>,
    /// The organizations the text names outside its quotes, in text order.
    bodies: Vec<EntityMention>,
    /// Last word of a name to its mentions, in text order.
    by_last_word: HashMap<String, Vec<usize>>,
    /// Each name's gender as [`People::gender`] found it.
    genders: RefCell<HashMap<String, Gender>>,
}

impl<'t> People<'t> {
    fn new(text: &'t str, mentions: Vec<EntityMention>, bodies: Vec<EntityMention>) -> People<'t> {
        let mut by_last_word: HashMap<String, Vec<usize>> = HashMap::new();
        for (idx, mention) in mentions.iter().enumerate() {
            by_last_word.entry(last_word(&mention.name).to_string()).or_default().push(idx);
        }
        People { text, mentions, by_last_word, bodies, genders: RefCell::default() }
    }

    /// The whole name of the organization whose name holds `name`, a slice of the text: the
    /// speaker "Centers" of "said the Centers for Disease Control and Prevention", or
    /// "Foreign Relations" of "the Council on Foreign Relations said", where a lower-case
    /// word ends a plain run of capitals. When the body's name is a title's, its holder's:
    /// "Health and Human Services Secretary Xavier Becerra".
    fn body_from(&self, name: &str) -> Option<&str> {
        let start = (name.as_ptr() as usize).checked_sub(self.text.as_ptr() as usize)?;
        let idx = self.bodies.partition_point(|b| b.start <= start).checked_sub(1)?;
        let body = &self.bodies[idx];
        let end = body.start + body.name.len();
        if body.name.len() <= name.len() || end < start + name.len() {
            return None;
        }
        let officer = self.mentions.get(self.mentions.partition_point(|p| p.start < end));
        let officer = officer.filter(|p| {
            let between = &self.text[end..p.start];
            between.len() <= MAX_TITLE_BYTES
                && between.split_whitespace().all(crate::entities::is_title)
        });
        Some(officer.map_or(&body.name, |p| &p.name))
    }

    /// Whether a "he" or "she" of `gender` may stand for `name`: a person of no other gender,
    /// never a body ("the Centers for Disease Control and Prevention said").
    fn may_be(&self, name: &str, gender: Gender) -> bool {
        let person = self.with_last_word(last_word(name)).next().is_some();
        gender.agrees(self.gender(name)) && (person || !crate::entities::names_a_body(name))
    }

    /// The mentions whose last word is `word`, in text order.
    fn with_last_word(&self, word: &str) -> impl Iterator<Item = &EntityMention> {
        let found = self.by_last_word.get(word).map_or(&[][..], Vec::as_slice);
        found.iter().map(|&idx| &self.mentions[idx])
    }

    /// The people named before `offset`, nearest first.
    fn before(&self, offset: usize) -> impl Iterator<Item = &EntityMention> {
        self.mentions[..self.mentions.partition_point(|p| p.start < offset)].iter().rev()
    }

    /// A person's gender from a title before a mention ("Mr.", "Mrs.", "Ms.") or a common
    /// first name, looking at every mention of the same surname, then at `name` itself.
    fn gender(&self, name: &str) -> Gender {
        if let Some(&gender) = self.genders.borrow().get(name) {
            return gender;
        }
        let gender = self.find_gender(name);
        self.genders.borrow_mut().insert(name.to_string(), gender);
        gender
    }

    fn find_gender(&self, name: &str) -> Gender {
        for mention in self.with_last_word(last_word(name)) {
            let before = self.text[..mention.start].trim_end();
            if before.ends_with("Mr.") || before.ends_with("Mr") {
                return Gender::Male;
            }
            if ["Mrs.", "Ms.", "Mrs", "Ms", "Miss"].iter().any(|t| before.ends_with(t)) {
                return Gender::Female;
            }
            if let Some(gender) = first_name_gender(&mention.name) {
                return gender;
            }
        }
        first_name_gender(name).unwrap_or(Gender::Unknown)
    }

    /// The person a definite description by title stands for: "the secretary" for
    /// "Interior Secretary Ken Salazar", "the senator" for "Sen. Maria Lopez". Of the people
    /// named before `before` with that title just before a name of theirs, the one named
    /// last: "the president" after "President Joe Biden ... Russian President Vladimir Putin
    /// ... Mr Biden continued" is Biden.
    fn holder_of(&self, description: &str, before: usize) -> Option<String> {
        let words: Vec<&str> = description.split_whitespace().collect();
        if !(2..=4).contains(&words.len()) || !words[0].eq_ignore_ascii_case("the") {
            return None;
        }
        let head = words[words.len() - 1];
        if !head.chars().all(|c| c.is_ascii_lowercase()) {
            return None;
        }
        let titled = |person: &&EntityMention| {
            let lead = &self.text[..person.start];
            lead.split_whitespace()
                .rev()
                .take(3)
                .any(|word| title_noun(word).as_deref() == Some(head))
        };
        let holders: Vec<&str> = self
            .before(before)
            .take(PRONOUN_LOOKBACK)
            .filter(titled)
            .map(|person| last_word(&person.name))
            .collect();
        let holder = self
            .before(before)
            .take(PRONOUN_LOOKBACK)
            .find(|person| holders.contains(&last_word(&person.name)))?;
        Some(self.full_name(&holder.name, before))
    }

    /// "Smith" as "John Smith" when the text named John Smith before `before`; a name with a
    /// space, or one never given in full, as it is.
    fn full_name(&self, name: &str, before: usize) -> String {
        if name.contains(' ') {
            return name.to_string();
        }
        self.with_last_word(name)
            .filter(|p| p.start < before && p.name.len() > name.len() && p.name.contains(' '))
            // "Said Baker" at a sentence start is a verb and a name.
            .filter(|p| {
                !["Said ", "Says ", "Added ", "Asked "].iter().any(|v| p.name.starts_with(v))
            })
            .map(|p| p.name.clone())
            .next()
            .unwrap_or_else(|| name.to_string())
    }
}

/// The common noun of a title written before a name, lower-cased: "Secretary" is
/// "secretary", "Sen." "senator"; `None` for a word that is no title.
fn title_noun(word: &str) -> Option<String> {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
    if !crate::entities::is_title(word) {
        return None;
    }
    let noun = match word.trim_end_matches('.') {
        "Sen" => "senator",
        "Rep" => "representative",
        "Gov" => "governor",
        "Gen" => "general",
        "Dr" => "doctor",
        "Prof" => "professor",
        "Capt" => "captain",
        "Sgt" => "sergeant",
        "Lt" => "lieutenant",
        "Col" => "colonel",
        "Supt" => "superintendent",
        "Insp" => "inspector",
        "Pres" => "president",
        other => return Some(other.to_lowercase()),
    };
    Some(noun.to_string())
}

/// The word after a name's last space ("Smith" of "John Smith"), or the whole name.
fn last_word(name: &str) -> &str {
    name.rsplit(' ').next().unwrap_or(name)
}

/// Whether `word` is a common first name.
pub(crate) fn is_first_name(word: &str) -> bool {
    FEMALE_NAMES.contains(&word) || MALE_NAMES.contains(&word)
}

fn first_name_gender(name: &str) -> Option<Gender> {
    let first = name.split(' ').next().filter(|_| name.contains(' '))?;
    if FEMALE_NAMES.contains(&first) {
        Some(Gender::Female)
    } else if MALE_NAMES.contains(&first) {
        Some(Gender::Male)
    } else {
        None
    }
}

const FEMALE_NAMES: &[&str] = &[
    "Mary",
    "Patricia",
    "Jennifer",
    "Linda",
    "Elizabeth",
    "Barbara",
    "Susan",
    "Jessica",
    "Sarah",
    "Karen",
    "Nancy",
    "Lisa",
    "Betty",
    "Margaret",
    "Sandra",
    "Ashley",
    "Kimberly",
    "Emily",
    "Donna",
    "Michelle",
    "Dorothy",
    "Carol",
    "Amanda",
    "Melissa",
    "Deborah",
    "Stephanie",
    "Rebecca",
    "Sharon",
    "Laura",
    "Cynthia",
    "Kathleen",
    "Amy",
    "Angela",
    "Shirley",
    "Anna",
    "Brenda",
    "Pamela",
    "Emma",
    "Nicole",
    "Helen",
    "Samantha",
    "Katherine",
    "Christine",
    "Debra",
    "Rachel",
    "Carolyn",
    "Janet",
    "Catherine",
    "Maria",
    "Heather",
    "Diane",
    "Ruth",
    "Julie",
    "Olivia",
    "Joyce",
    "Virginia",
    "Victoria",
    "Kelly",
    "Lauren",
    "Christina",
    "Joan",
    "Evelyn",
    "Judith",
    "Megan",
    "Andrea",
    "Cheryl",
    "Hannah",
    "Jacqueline",
    "Martha",
    "Gloria",
    "Teresa",
    "Ann",
    "Sara",
    "Madison",
    "Frances",
    "Kathryn",
    "Janice",
    "Jean",
    "Abigail",
    "Alice",
    "Judy",
    "Sophia",
    "Grace",
    "Denise",
    "Amber",
    "Doris",
    "Marilyn",
    "Danielle",
    "Beverly",
    "Isabella",
    "Theresa",
    "Diana",
    "Natalie",
    "Brittany",
    "Charlotte",
    "Marie",
    "Kayla",
    "Alexis",
    "Lori",
    "Hillary",
    "Claire",
    "Nikki",
    "Kellyanne",
    "Melania",
    "Ivanka",
    "Ivana",
    "Chelsea",
    "Huma",
    "Donna",
    "Debbie",
    "Nancy",
    "Kamala",
    "Elena",
    "Sonia",
    "Ruth",
    "Angela",
    "Theresa",
    "Marine",
    "Jill",
    "Tulsi",
    "Kirsten",
    "Amy",
    "Dianne",
    "Lena",
    "Ana",
    "Anne",
    "Jane",
    "Kate",
    "Susana",
    "Gwen",
    "Doris",
    "Minyon",
    "Jennifer",
    "Loretta",
    "Condoleezza",
    "Madeleine",
    "Samantha",
    "Sheryl",
    "Tammy",
    "Kelly",
    "Megyn",
    "Gretchen",
    "Robin",
    "Katy",
    "Janet",
    "Carly",
    "Sarah",
    "Michele",
    "Mia",
    "Ayanna",
    "Omarosa",
    "Yulia",
    "Svetlana",
    "Olga",
    "Giorgia",
    "Jacinda",
    "Liz",
    "Annalena",
    "Ketanji",
    "Kathy",
    "Kristi",
    "Ilhan",
    "Alexandria",
    "Rashida",
    "Marjorie",
    "Ursula",
    "Mika",
];

const MALE_NAMES: &[&str] = &[
    "James",
    "John",
    "Robert",
    "Michael",
    "William",
    "David",
    "Richard",
    "Joseph",
    "Thomas",
    "Charles",
    "Christopher",
    "Daniel",
    "Matthew",
    "Anthony",
    "Mark",
    "Donald",
    "Steven",
    "Paul",
    "Andrew",
    "Joshua",
    "Kenneth",
    "Kevin",
    "Brian",
    "George",
    "Timothy",
    "Ronald",
    "Edward",
    "Jason",
    "Jeffrey",
    "Ryan",
    "Jacob",
    "Gary",
    "Nicholas",
    "Eric",
    "Jonathan",
    "Stephen",
    "Larry",
    "Justin",
    "Scott",
    "Brandon",
    "Benjamin",
    "Samuel",
    "Gregory",
    "Alexander",
    "Frank",
    "Patrick",
    "Raymond",
    "Jack",
    "Dennis",
    "Jerry",
    "Tyler",
    "Aaron",
    "Jose",
    "Adam",
    "Nathan",
    "Henry",
    "Douglas",
    "Zachary",
    "Peter",
    "Kyle",
    "Walter",
    "Ethan",
    "Jeremy",
    "Harold",
    "Keith",
    "Christian",
    "Roger",
    "Noah",
    "Gerald",
    "Carl",
    "Terry",
    "Sean",
    "Austin",
    "Arthur",
    "Lawrence",
    "Jesse",
    "Dylan",
    "Bryan",
    "Joe",
    "Jordan",
    "Billy",
    "Bruce",
    "Albert",
    "Willie",
    "Gabriel",
    "Logan",
    "Alan",
    "Juan",
    "Wayne",
    "Roy",
    "Ralph",
    "Randy",
    "Eugene",
    "Vincent",
    "Russell",
    "Elijah",
    "Louis",
    "Bobby",
    "Philip",
    "Johnny",
    "Barack",
    "Bill",
    "Mike",
    "Tim",
    "Ted",
    "Marco",
    "Bernie",
    "Mitch",
    "Chris",
    "Jeb",
    "Rudy",
    "Newt",
    "Reince",
    "Tom",
    "Jim",
    "Ben",
    "Rand",
    "Vladimir",
    "Ted",
    "Jeff",
    "Tony",
    "Harry",
    "Chuck",
    "Rick",
    "Rob",
    "Dick",
    "Al",
    "Howard",
    "Martin",
    "Ivan",
    "Sergei",
    "Xi",
    "Kim",
    "Boris",
    "Emmanuel",
    "Francois",
    "Nigel",
    "Tom",
    "Hugh",
    "Marc",
    "Ray",
    "Pat",
    "Ed",
    "Dan",
    "Sam",
    "Max",
    "Ali",
    "Mohammed",
    "Muhammad",
    "Ahmed",
    "Omar",
    "Hassan",
    "Carlos",
    "Luis",
    "Pedro",
    "Jorge",
    "Francisco",
    "Oscar",
    "Steve",
    "Greg",
    "Doug",
    "Matt",
    "Nick",
    "Josh",
    "Rex",
    "Lindsey",
    "Mehmet",
    "Dmitry",
    "Dmitri",
    "Sergey",
    "Volodymyr",
    "Olaf",
    "Recep",
    "Narendra",
    "Yuri",
    "Igor",
    "Alexei",
    "Alexey",
    "Andrei",
    "Andriy",
    "Mikhail",
    "Nikolai",
    "Viktor",
    "Oleksandr",
    "Yevgeny",
    "Jair",
    "Luiz",
    "Javier",
    "Rishi",
    "Keir",
    "Shinzo",
    "Fumio",
    "Hakeem",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expect: &[(&str, Option<&str>)]) {
        let got = find_quotes(text);
        let pairs: Vec<(&str, Option<&str>)> =
            got.iter().map(|q| (q.text.as_str(), q.speaker.as_deref())).collect();
        assert_eq!(pairs, expect);
        for quote in &got {
            assert!(text[quote.start..].starts_with(is_quote_mark));
        }
    }

    #[test]
    fn a_quote_that_lost_its_opening_mark_ends_at_its_closing_one() {
        let text = "Police spokesman Dave Gaskin said the deaths were a reminder.\n'I can't speak for the first death, but in this case it looks like a lack of experience, \" Gaskin told the Timaru Herald.\nA Foreign Office spokeswoman said: \"We are providing consular assistance.\"";
        let quotes = find_quotes(text);
        let got: Vec<(&str, Option<&str>)> =
            quotes.iter().map(|q| (&text[q.start..], q.speaker.as_deref())).collect();
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].0.starts_with("I can't speak for the first death"), "{got:?}");
        assert_eq!(got[0].1, Some("Dave Gaskin"));
        assert!(got[1].0.starts_with("\"We are providing"), "{got:?}");
        // A mark after a clause that opens a quote the line closes is an opening mark, and so
        // is one before words that are no attribution.
        check(
            "Mayor Ana Ruiz said, \"We will win the vote,\" and left the hall.",
            &[("We will win the vote,", Some("Ana Ruiz"))],
        );
        check(
            "Team president Billy King said that in his meetings with players, \"not one of them said they would leave.",
            &[("not one of them said they would leave.", Some("Billy King"))],
        );
        check(
            "Billy King said that when he broke the news to Jim O'Brien, \"He asked why, and I told him.",
            &[("He asked why, and I told him.", Some("Billy King"))],
        );
    }

    #[test]
    fn a_name_before_its_office_and_department_speaks() {
        check(
            "“The skiffs tried to flee the area,” Captain Manohar Nambiar, Chief Public Relations Officer, Defence, said.",
            &[("The skiffs tried to flee the area,", Some("Manohar Nambiar"))],
        );
    }

    #[test]
    fn speaker_after_the_quote() {
        check(
            "“The bridge will open in May,” Mayor Ana Ruiz said on Monday.\n\"We are not worried about costs,\" said Tom Baker, the city engineer.",
            &[("The bridge will open in May,", Some("Ana Ruiz")), ("We are not worried about costs,", Some("Tom Baker"))],
        );
    }

    #[test]
    fn speaker_before_the_quote_and_partial_quotes() {
        check(
            "Ruiz told reporters: “Nothing is decided yet.” Baker said the plan would “cost far more than promised.”",
            &[("Nothing is decided yet.", Some("Ruiz")), ("cost far more than promised.", Some("Baker"))],
        );
        // A description before the name, and a description alone.
        check(
            "Another critic, Laurence H. Tribe, likened the rules to “burning the Constitution.” Another neighbour added: “She went down to Wales.”",
            &[
                ("burning the Constitution.", Some("Laurence H. Tribe")),
                ("She went down to Wales.", Some("Another neighbour")),
            ],
        );
    }

    #[test]
    fn a_speaker_described_by_whom_they_work_for_is_not_that_name() {
        check(
            "“We reject these claims,” a spokesman for the Ministry of Defence said. An aide to Sen. John Smith said: “He is resting at home.” “It was a mistake,” Microsoft chief executive Satya Nadella said.",
            &[
                ("We reject these claims,", Some("a spokesman for the Ministry of Defence")),
                ("He is resting at home.", Some("An aide to Sen. John Smith")),
                ("It was a mistake,", Some("Satya Nadella")),
            ],
        );
    }

    #[test]
    fn a_description_by_title_is_the_person_of_that_title_named_last() {
        check(
            "President Joe Biden met Russian President Vladimir Putin. Mr Biden was asked about it. “Let’s get this straight,” the president said. Sen. Maria Lopez disagreed. “It is a bad deal,” the senator said. “We are watching,” the spokesman said.",
            &[
                ("Let’s get this straight,", Some("Joe Biden")),
                ("It is a bad deal,", Some("Maria Lopez")),
                ("We are watching,", Some("the spokesman")),
            ],
        );
    }

    #[test]
    fn quotes_in_another_language_have_no_english_speakers() {
        let text = "Le président a déclaré : « Nous ne céderons pas aux menaces ». « Tout est prêt pour demain », a dit Marie Dubois.";
        let got = find_quotes_among(text, &find_entities(text), Some("fr"));
        let pairs: Vec<(&str, Option<&str>)> =
            got.iter().map(|q| (q.text.as_str(), q.speaker.as_deref())).collect();
        assert_eq!(
            pairs,
            [("Nous ne céderons pas aux menaces", None), ("Tout est prêt pour demain", None)]
        );
        // The same text of unknown language is read as English would be.
        assert_eq!(find_quotes_among(text, &find_entities(text), None), find_quotes(text));
    }

    #[test]
    fn a_body_speaks_by_its_whole_name_and_is_no_he_or_she() {
        check(
            "“Cases are rising,” said the Centers for Disease Control and Prevention. “We will see,” the Council on Foreign Relations said. “It was fine,” she said.",
            &[
                ("Cases are rising,", Some("Centers for Disease Control and Prevention")),
                ("We will see,", Some("Council on Foreign Relations")),
                ("It was fine,", None),
            ],
        );
        // A body's name before a title is the officer's.
        check(
            "Health and Human Services Secretary Xavier Becerra said it was “absolutely the government’s business” to know.",
            &[("absolutely the government’s business", Some("Xavier Becerra"))],
        );
    }

    #[test]
    fn a_document_read_out_is_no_one_s_words() {
        check(
            "“We are ready,” Lloyd Austin said. “It is a tragedy,” read a statement from the \
             family. “We are heartbroken,” the letter read. “The draft misses the mark,” read a \
             joint statement from Sen. Ann Smith. “We will read it,” Austin said.",
            &[
                ("We are ready,", Some("Lloyd Austin")),
                ("It is a tragedy,", Some("a statement from the family")),
                ("We are heartbroken,", Some("the letter")),
                ("The draft misses the mark,", Some("a joint statement")),
                ("We will read it,", Some("Lloyd Austin")),
            ],
        );
    }

    #[test]
    fn two_speakers_named_together_are_both_given() {
        check(
            "Producers Laurence Mark and Bill Condon praised the cast. “We are thrilled,” Mark and \
             Condon said. “It is a great day,” said Sens. Bill Cassidy and Susan Collins.",
            &[
                ("We are thrilled,", Some("Laurence Mark and Bill Condon")),
                ("It is a great day,", Some("Bill Cassidy and Susan Collins")),
            ],
        );
    }

    #[test]
    fn a_pronoun_with_no_person_before_it_is_the_spokesperson_described() {
        check(
            "The cables were cut, a France Telecom spokeswoman who asked not to be named said. \
             “We have two assumptions,” she said.",
            &[("We have two assumptions,", Some("a France Telecom spokeswoman"))],
        );
        // A spokesman is not "she".
        check(
            "The cables were cut, a company spokesman said. “We have two assumptions,” she said.",
            &[("We have two assumptions,", None)],
        );
    }

    #[test]
    fn french_german_and_polish_quotation_marks_pair() {
        let text = "Il a dit : « Nous ne céderons pas. » Sie sagte: „Wir schaffen das.“ \
                    Powiedział: „To jest koniec.” Home » News » World.\n« Previous post about the vote";
        let quotes: Vec<String> = find_quotes(text).into_iter().map(|q| q.text).collect();
        assert_eq!(quotes, ["Nous ne céderons pas.", "Wir schaffen das.", "To jest koniec."]);
    }

    #[test]
    fn a_name_with_a_participle_speaks_the_quote_after_it() {
        // Another person's words come first: the participle beside the quote says whose it is.
        check(
            "A new ad by the Ortiz campaign, narrated by actor Sam Hill, uses footage of Mayor Tom Baker saying at a debate last week, “That makes me smart,” and ends there.",
            &[("That makes me smart,", Some("Tom Baker"))],
        );
        check(
            "The clip shows Lena Ortiz asking, “Why are we not ahead by fifty points?”",
            &[("Why are we not ahead by fifty points?", Some("Lena Ortiz"))],
        );
        // A day is no one: the statement's issuer speaks, named before it.
        check(
            "The ministry issued a statement on Monday saying that it “respects the decision of the court.”",
            &[("respects the decision of the court.", None)],
        );
    }

    #[test]
    fn a_description_may_open_with_a_name_s_possessive() {
        check(
            "“My reaction, that was outrageous,” Ortiz's former campaign manager said on Monday.\n“We will appeal the ruling,” the Harbor Church's head minister said.\n“We saw the water rise,” New York's attorney general told reporters.",
            &[
                ("My reaction, that was outrageous,", Some("Ortiz's former campaign manager")),
                ("We will appeal the ruling,", Some("the Harbor Church's head minister")),
                ("We saw the water rise,", Some("New York's attorney general")),
            ],
        );
    }

    #[test]
    fn a_subject_with_a_possessive_apposition_speaks() {
        // The first quote's speaker does not carry on: the next sentence names its own subject,
        // after an apposition that opens with a possessive.
        check(
            "Mayor Lena Ortiz said the report should come out \"without any delay.\" Tom Baker, her opponent in the race, bemoaned the delay and said it was a \"very, very big mistake\" by the council.",
            &[
                ("without any delay.", Some("Lena Ortiz")),
                ("very, very big mistake", Some("Tom Baker")),
            ],
        );
        check(
            "Mayor Lena Ortiz said the report should come out \"without any delay.\" Tom Baker, Ortiz's opponent in the race, bemoaned the delay and said it was a \"very, very big mistake\" by the council.",
            &[
                ("without any delay.", Some("Lena Ortiz")),
                ("very, very big mistake", Some("Tom Baker")),
            ],
        );
    }

    #[test]
    fn a_quote_after_a_dash_aside_is_the_sentence_s() {
        // The aside's quote is the lawyer's; the one after the aside, the prosecutor's.
        check(
            "Prosecutor Tom Baker told reporters after the hearing — where her lawyer Ann Varga said she was “safe in the clinic” by then — “I hear she is on her way to the airport.”",
            &[
                ("safe in the clinic", Some("Ann Varga")),
                ("I hear she is on her way to the airport.", Some("Tom Baker")),
            ],
        );
    }

    #[test]
    fn a_pronoun_opening_a_sentence_goes_on_from_the_previous_speaker() {
        // The nearest person before "He" is Varga, but the sentence before says Baker spoke.
        check(
            "Mayor Tom Baker said a warning from Governor Paul Varga would not change the plan. He said Varga has “never once visited the harbor in ten years.”",
            &[("never once visited the harbor in ten years.", Some("Tom Baker"))],
        );
        // A pronoun after the quote's own speaker, as before.
        check(
            "Tom Baker met Governor Paul Varga on Monday. He said the harbor “will be rebuilt by the spring.”",
            &[("will be rebuilt by the spring.", Some("Paul Varga"))],
        );
    }

    #[test]
    fn quotes_within_a_quote_carried_over_lines_are_not_spans_of_their_own() {
        // The double quote runs over two lines; the single quotes inside it are its own
        // quotes within. They overlapped it, and reading the attribution after it panicked.
        let text = "“‘Smith’‘\n‘”";
        assert_eq!(quotation_spans(text), vec![0..text.len()]);
        assert!(find_quotes(text).is_empty());
        let text = "“The gate ‘was open’ all night\nand nobody ‘checked’ it,” the guard said.";
        assert_eq!(quotation_spans(text).len(), 1);
        let quotes = find_quotes(text);
        assert_eq!(quotes.len(), 1);
        assert_eq!(quotes[0].speaker.as_deref(), Some("the guard"));
    }

    #[test]
    fn a_speaker_is_named_without_titles() {
        check(
            "Police Inspector Dave Gaskin went up on Monday.\n“There was a lot of snow and ice,” Mr Gaskin said.\n“We are at a fork in the road,” Greek Prime Minister George Papandreou said.",
            &[
                ("There was a lot of snow and ice,", Some("Dave Gaskin")),
                ("We are at a fork in the road,", Some("George Papandreou")),
            ],
        );
    }

    #[test]
    fn a_transcript_s_labels_name_its_speakers() {
        let text = "Governor Ann Varga spoke to the host on Sunday.\n\nPartial transcript as follows:\n\n\"HOST: Will the bridge reopen this year?\n\n\"VARGA: It will reopen in the spring, and the tolls will stay as they are.\n\n\"BREAKING: The council has voted to close the old ferry route.\"";
        let found = find_quotes(text);
        let said: Vec<(&str, Option<&str>)> =
            found.iter().map(|q| (q.text.as_str(), q.speaker.as_deref())).collect();
        assert_eq!(
            said[..2],
            [
                ("Will the bridge reopen this year?", Some("Host")),
                (
                    "It will reopen in the spring, and the tolls will stay as they are.",
                    Some("Ann Varga")
                ),
            ]
        );
        // A news label is no speaker.
        assert!(found.iter().all(|q| q.speaker.as_deref() != Some("Breaking")), "{found:?}");
    }

    #[test]
    fn split_quotes_share_the_speaker_and_pronouns_resolve() {
        check(
            "Rep. Jim Jordan (R-Ohio), a panel member, said the vote was “a disgrace to this city.”\nCouncil member Lena Ortiz voted no.\n“We will fight this,” she said, “and we will win in court.”",
            &[
                ("a disgrace to this city.", Some("Jim Jordan")),
                ("We will fight this,", Some("Lena Ortiz")),
                ("and we will win in court.", Some("Lena Ortiz")),
            ],
        );
    }

    #[test]
    fn surnames_expand_to_full_names() {
        check(
            "On Monday the engineer Tom Baker inspected the bridge.\n“It is safe for cars and trucks,” Baker said.",
            &[("It is safe for cars and trucks,", Some("Tom Baker"))],
        );
    }

    #[test]
    fn according_to_and_descriptions() {
        check(
            "“The talks have stalled for now,” according to Maria Chen.\n“We expect a deal by Friday,” a senior State Department official said.",
            &[
                ("The talks have stalled for now,", Some("Maria Chen")),
                ("We expect a deal by Friday,", Some("a senior State Department official")),
            ],
        );
        // A possessive description is someone else than the person the pronoun names.
        check(
            "Maria Chen left the clinic on Monday because “she was not happy with the place,” her father said.\n“She will rest at home for now,” said his lawyer, a former judge.\n“It is over,” said her sister.",
            &[
                ("she was not happy with the place,", Some("her father")),
                ("She will rest at home for now,", Some("his lawyer")),
                ("It is over,", Some("her sister")),
            ],
        );
    }

    #[test]
    fn a_pronoun_before_the_quote_points_back_past_the_names_after_it() {
        check(
            "Retired general Michael Flynn praised the candidate.\nHe said Barack Obama had left “the generals reduced to rubble.”",
            &[("the generals reduced to rubble.", Some("Michael Flynn"))],
        );
    }

    #[test]
    fn british_single_quotation_marks() {
        check(
            "‘We cannot ask residents to go through another winter,’ council leader Margaret Hale said.\nThe residents’ association said it’s late. Its chair, Tom Ellery, said the council had ‘dragged its feet for far too long’.\n‘People keep telling me “never again”, and this is how we keep that promise,’ said Hale.",
            &[
                ("We cannot ask residents to go through another winter,", Some("Margaret Hale")),
                ("dragged its feet for far too long", Some("Tom Ellery")),
                (
                    "People keep telling me “never again”, and this is how we keep that promise,",
                    Some("Margaret Hale"),
                ),
            ],
        );
        check(
            "The city engineer Tom Baker voted against the plan, calling it \"a very expensive way to move it.\"",
            &[("a very expensive way to move it.", Some("Tom Baker"))],
        );
        // A mark that nothing closes is no quote unless it opens the paragraph.
        check("Fans of rock ‘n roll and the ‘new wave of bands filled the hall on Friday.", &[]);
    }

    #[test]
    fn a_quote_after_its_speaker_is_paraphrased_is_theirs() {
        check(
            "The city may delay the vote until spring, Mayor Ana Ruiz said. \"We need more time to study the costs.\"\nBaker disagreed.",
            &[("We need more time to study the costs.", Some("Ana Ruiz"))],
        );
        // A sentence that reports no one's words gives a quote no speaker.
        check(
            "The city may delay the vote until spring. \"We need more time to study the costs.\"",
            &[("We need more time to study the costs.", None)],
        );
    }

    #[test]
    fn a_paragraph_of_quote_is_the_speaker_of_the_paragraph_before() {
        // Reported speech ends the paragraph before: its speaker goes on, over the last quote's.
        check(
            "“The pumps are ready,” Mayor Ellen Shaw said.\nThe harbor was damaged, engineer Paul Varga told reporters.\n“The sea wall will need a year of work.”\nShe checked into a clinic, her rep confirms to PEOPLE.\n“And she showed up in the morning and hated it.”",
            &[
                ("The pumps are ready,", Some("Ellen Shaw")),
                ("The sea wall will need a year of work.", Some("Paul Varga")),
                ("And she showed up in the morning and hated it.", Some("her rep")),
            ],
        );
        // Not a word before a speech verb that names no one the text names as a person.
        check(
            "“The pumps are ready,” Mayor Ellen Shaw said.\nThe order takes effect on Tuesday, the city said.\n“Nobody will be left behind.”",
            &[
                ("The pumps are ready,", Some("Ellen Shaw")),
                ("Nobody will be left behind.", Some("Ellen Shaw")),
            ],
        );
        // A reaction the next paragraph quotes, told with an apostrophe (which quotes no one).
        check(
            "“We will fight for the act,” Senator Obama said.\nDarin Schroeder, Vice President for Conservation Advocacy at the environmental group, American Bird Conservancy, agreed with Salazar’s decision.\n“We are gratified the secretaries acted to restore the act.”",
            &[
                ("We will fight for the act,", Some("Obama")),
                ("We are gratified the secretaries acted to restore the act.", Some("Darin Schroeder")),
            ],
        );
    }

    #[test]
    fn words_between_a_speaker_and_the_verb() {
        check(
            "“You are a Charger one year at a time,” coach Tom Baker has often said. “The list is long,” the U.S. Marshals have repeatedly said.",
            &[
                ("You are a Charger one year at a time,", Some("Tom Baker")),
                ("The list is long,", Some("U.S. Marshals")),
            ],
        );
    }

    #[test]
    fn a_name_with_a_suffix_speaks_whole() {
        check(
            "“He has the integrity to lead,” Harold L. Child Jr., legal attache to the embassy in Japan, told Nixon. “It will pass,” Tom Baker Jr. told reporters. “We agree with the plan,” said Ann Lee Sr.",
            &[
                ("He has the integrity to lead,", Some("Harold L. Child Jr.")),
                ("It will pass,", Some("Tom Baker Jr.")),
                ("We agree with the plan,", Some("Ann Lee Sr.")),
            ],
        );
    }

    #[test]
    fn a_plural_title_does_not_end_the_sentence() {
        check(
            "“This is a historic and long-overdue moment,” U.S. Reps. Donald McEachin and Jennifer Wexton, both Democrats from Virginia, said in a statement.",
            &[("This is a historic and long-overdue moment,", Some("Donald McEachin and Jennifer Wexton"))],
        );
    }

    #[test]
    fn a_body_named_by_its_acronym_speaks() {
        check(
            "“We are aware of the problem,” the BOE said in a statement. “The rate fell 4%,” AP reported. “Aid is arriving,” the U.N. said on Monday.",
            &[
                ("We are aware of the problem,", Some("BOE")),
                ("The rate fell 4%,", Some("AP")),
                ("Aid is arriving,", Some("U.N.")),
            ],
        );
    }

    #[test]
    fn multi_paragraph_quotes_continue_the_speaker() {
        check(
            "“We built this town together,” Ruiz said.\n“Nobody will be left behind.\n“Not one family will lose a home.”",
            &[
                ("We built this town together,", Some("Ruiz")),
                ("Nobody will be left behind.", Some("Ruiz")),
                ("Not one family will lose a home.", Some("Ruiz")),
            ],
        );
    }

    #[test]
    fn a_quote_broken_over_lines_is_one_quote() {
        check(
            "Lohan returned to the clinic on Friday.\n\"Lindsay is back at Betty Ford.\nThe challenge now is to keep her there,\" the source told us.\nHer lawyer declined to comment.",
            &[("Lindsay is back at Betty Ford. The challenge now is to keep her there,", Some("the source"))],
        );
        // A paragraph that reopens the quote continues it the usual way.
        check(
            "“We built this town together,” Ruiz said.\n“Nobody will be left behind.\n“Not one family will lose a home,” she added.",
            &[
                ("We built this town together,", Some("Ruiz")),
                ("Nobody will be left behind.", Some("Ruiz")),
                ("Not one family will lose a home,", Some("Ruiz")),
            ],
        );
        // A stray mark that nothing closes stays in its line.
        check(
            "The mayor called it \"a disgrace and a scandal for the city.\nCouncil members said they would vote on Monday.",
            &[("a disgrace and a scandal for the city.", None)],
        );
    }

    #[test]
    fn scare_quotes_are_skipped() {
        check("Critics called the plan a \"disaster\" and the mayor \"too slow\".", &[]);
        // A programme's title is no one's words; a slogan someone proclaims is theirs.
        check(
            "Ryan said on CBS's \"Face the Nation,\" that his goal was \"Peace Through Strength.\"",
            &[("Peace Through Strength.", Some("Ryan"))],
        );
    }
    #[test]
    fn the_sentence_subject_speaks_without_a_speech_verb() {
        check(
            "In January, Gov. Earl Tomblin of West Virginia lauded the plan for \"new and innovative ideas.\"\nTwenty-nine people were hurt in a blast the mayor called \"an intentional act of terror.\"",
            &[("new and innovative ideas.", Some("Earl Tomblin")), ("an intentional act of terror.", None)],
        );
    }

    #[test]
    fn pronouns_agree_in_gender() {
        check(
            "Mayor Ana Ruiz met Tom Baker on Monday.\n“The bridge is safe for everyone,” she said.",
            &[("The bridge is safe for everyone,", Some("Ana Ruiz"))],
        );
    }

    #[test]
    fn party_labels_and_colon_intros() {
        check(
            "“We will hold the vote this week,” Rep. Jim Clyburn (D-S.C.) said Friday.\nClyburn continued:\n“Nobody should doubt our resolve on this.”\nSaid Baker: “I do not share that view at all.”",
            &[
                ("We will hold the vote this week,", Some("Jim Clyburn")),
                ("Nobody should doubt our resolve on this.", Some("Jim Clyburn")),
                ("I do not share that view at all.", Some("Baker")),
            ],
        );
    }

    #[test]
    fn an_attribution_inside_a_dash_aside_speaks_for_the_aside_only() {
        check(
            "Vera Lind — whose lawyer Mark Holm said she would comply — told the judge: \"I will do what the court asks of me.\"\n\"She will comply with every order,\" Holm — who has represented her since 2019 — said outside.\nThe hearing — Holm said \"the rules are clear for everyone\" — ended early.",
            &[
                ("I will do what the court asks of me.", Some("Vera Lind")),
                ("She will comply with every order,", Some("Mark Holm")),
                ("the rules are clear for everyone", Some("Mark Holm")),
            ],
        );
    }

    #[test]
    fn a_signature_names_the_speaker() {
        check(
            "“Nobody asked us what we wanted for this town.” ― Carla Sanchez.",
            &[("Nobody asked us what we wanted for this town.", Some("Carla Sanchez"))],
        );
    }
}
