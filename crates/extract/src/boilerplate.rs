//! The line filter for what is not article text: copyright, share prompts, newsletter pitches,
//! photo credits, "Read more" links, wire footers and, at the end only, author bios.
//!
//! Both the plain-text and the HTML path run their paragraphs through [`filter`]. Patterns are
//! anchored and apply to short paragraphs only, so a real sentence that merely mentions
//! Twitter or a photo is kept.

use std::sync::{LazyLock, OnceLock};

use regex::Regex;

/// Paragraphs longer than this are article text whatever they start with.
const MAX_BOILERPLATE_LEN: usize = 400;

/// Removes boilerplate paragraphs anywhere, photo credits inside paragraphs, and the trailing
/// run of bios and footers.
pub(crate) fn filter(paragraphs: Vec<String>) -> Vec<String> {
    let mut kept: Vec<String> = paragraphs
        .into_iter()
        .map(strip_inline_credits)
        .filter(|paragraph| !paragraph.is_empty() && !is_boilerplate(paragraph))
        .collect();
    while kept.last().is_some_and(|paragraph| is_tail_boilerplate(paragraph)) {
        kept.pop();
    }
    kept
}

/// Whether a paragraph is boilerplate wherever it stands.
pub(crate) fn is_boilerplate(paragraph: &str) -> bool {
    paragraph.len() <= MAX_BOILERPLATE_LEN
        && (ANYWHERE.iter().any(|pattern| pattern.is_match(paragraph))
            || ANYWHERE_GUARDED.iter().any(|pattern| pattern.is_match(paragraph)))
}

/// Whether a paragraph is a bio or footer, which is only boilerplate at the end of an article.
fn is_tail_boilerplate(paragraph: &str) -> bool {
    paragraph.len() <= MAX_BOILERPLATE_LEN
        && TAIL_GUARDED.iter().any(|pattern| pattern.is_match(paragraph))
}

/// Removes "(Photo by X/AFP via Getty Images)" and the like from inside a paragraph.
pub(crate) fn strip_inline_credits(paragraph: String) -> String {
    // Every credit is in brackets: most paragraphs have none and skip the pattern.
    if !paragraph.contains(['(', '[']) || !INLINE_CREDIT.is_match(&paragraph) {
        return paragraph;
    }
    INLINE_CREDIT.replace_all(&paragraph, "").trim().to_string()
}

/// The patterns, kept apart: most are anchored and fail at once, which a `RegexSet` (one
/// automaton for all) cannot do; on real pages a set is three times slower.
fn regexes(patterns: &[&str]) -> Vec<Anchored> {
    patterns.iter().map(|pattern| Anchored::new(pattern)).collect()
}

/// A pattern and, when it is anchored at the start of the text, the bytes a match can start
/// with: most paragraphs start with a byte most patterns cannot, and are turned away without
/// running the pattern (each run costs a few hundred instructions, however soon it fails).
struct Anchored {
    regex: Regex,
    /// Whether a match can start with each byte; `None` when it can start anywhere.
    first: Option<[bool; 256]>,
}

impl Anchored {
    fn new(pattern: &str) -> Anchored {
        let regex = Regex::new(pattern).expect("valid regex");
        Anchored { regex, first: first_bytes(pattern) }
    }

    fn is_match(&self, text: &str) -> bool {
        let possible = match (&self.first, text.as_bytes().first()) {
            (Some(first), Some(&byte)) => first[usize::from(byte)],
            _ => true,
        };
        possible && self.regex.is_match(text)
    }
}

/// The bytes a match of a pattern anchored at the start can begin with, from the literal
/// prefixes of its matches; `None` for a pattern that is not anchored, or whose matches
/// may begin with anything (or with an empty prefix).
fn first_bytes(pattern: &str) -> Option<[bool; 256]> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    use regex_syntax::hir::Look;
    let hir = regex_syntax::parse(pattern).ok()?;
    if !hir.properties().look_set_prefix().contains(Look::Start) {
        return None;
    }
    let prefixes = Extractor::new().kind(ExtractKind::Prefix).limit_literal_len(1).extract(&hir);
    let mut first = [false; 256];
    for literal in prefixes.literals()? {
        first[usize::from(*literal.as_bytes().first()?)] = true;
    }
    Some(first)
}

/// A costly pattern behind cheap tests it cannot match without: the bytes a match can start
/// with (for a pattern anchored at the start) and words the text must hold.
///
/// The regex crate runs a pattern anchored only at the end backwards from the end of the
/// text, without its literal prefilter, and its lazy automaton for the bounded repeats in
/// such patterns grows large: on real pages these few patterns cost more than all the
/// others. Others here take milliseconds to compile (Unicode classes in bounded repeats), so
/// each pattern is compiled when a paragraph first passes its tests.
struct Guarded {
    /// Words the text must hold one of (ignoring ASCII case); none for no such test.
    needs: &'static [&'static str],
    pattern: &'static str,
    /// The bytes a match can start with, as for [`Anchored`].
    first: OnceLock<Option<[bool; 256]>>,
    regex: OnceLock<Regex>,
}

impl Guarded {
    const fn new(needs: &'static [&'static str], pattern: &'static str) -> Guarded {
        Guarded { needs, pattern, first: OnceLock::new(), regex: OnceLock::new() }
    }

    fn is_match(&self, text: &str) -> bool {
        let first = self.first.get_or_init(|| first_bytes(self.pattern));
        if let (Some(first), Some(&byte)) = (first, text.as_bytes().first()) {
            if !first[usize::from(byte)] {
                return false;
            }
        }
        if !self.needs.is_empty()
            && !self.needs.iter().any(|word| crate::html::contains_ignore_case(text, word))
        {
            return false;
        }
        self.regex.get_or_init(|| Regex::new(self.pattern).expect("valid regex")).is_match(text)
    }
}

static ANYWHERE_GUARDED: [Guarded; 5] = [
    // Newsletter pitches.
    Guarded::new(
        &["newsletter"],
        r"(?i)\bnewsletter\b.{0,60}\b(?:sign up|subscribe|inbox)\b.{0,80}$",
    ),
    // Photo credits at the end of a caption.
    Guarded::new(
        &["/", "via getty images"],
        r"(?:\bREUTERS/|\bAP Photo/|/AFP\b|/Getty Images\b|\bvia Getty Images\b|/EPA\b|/Shutterstock\b|/Bloomberg\b|/Reuters\b)[^.]{0,120}\)?\.?$",
    ),
    // Corrections and standards notes.
    Guarded::new(
        &["correction", "clarification", "editor"],
        r"(?i)^(?:correction|clarification|editor's note|editor’s note)\s*:.{0,300}\b(?:earlier|previous|incorrectly|misstated|version)\b",
    ),
    // Contact and social prompts.
    Guarded::new(
        &["follow"],
        r"(?i)^follow (?:him|her|them|us|the author|@\w+|[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}) on (?:twitter|x|facebook|instagram|linkedin|threads|bluesky|mastodon|tiktok)\b.{0,80}$",
    ),
    Guarded::new(
        &["follow", "reach", "contact", "email"],
        r"(?i)^(?:you can )?(?:follow|reach|contact|email) [A-Z]?\w*(?: [A-Z]\w*)? (?:at|on|via) .{0,60}(?:@|twitter|\.com)",
    ),
];

/// A name of one to four capitalised words, as bios start.
macro_rules! name {
    () => {
        r"(?:[A-Z][\p{L}.'’-]+)(?: (?:[A-Z][\p{L}.'’-]+|de|van|von|der|da|del|bin|al)){0,4}"
    };
}

/// Bios and footers, boilerplate only at the end of an article.
static TAIL_GUARDED: [Guarded; 6] = [
    Guarded::new(
        &[
            "editor",
            "reporter",
            "correspondent",
            "writer",
            "columnist",
            "journalist",
            "contributor",
            "producer",
            "analyst",
            "critic",
            "fellow",
            "staff",
            "freelancer",
            "photographer",
            "anchor",
            "host",
        ],
        concat!(
            "^",
            name!(),
            r",? (?:is|was|has been|serves as) (?:a |an |the )?[^.]{0,80}\b",
            r"(?:editor|reporter|correspondent|writer|columnist|journalist|contributor|producer|analyst|critic|fellow|staff|freelancer|photographer|anchor|host)s?\b"
        ),
    ),
    Guarded::new(
        &["covers", "reports on", "writes about", "writes on"],
        concat!("^", name!(), r" (?:covers|reports on|writes about|writes on)\b"),
    ),
    Guarded::new(
        &["contributed"],
        concat!("^", name!(), r" contributed (?:reporting|to this report|to this story)\b"),
    ),
    Guarded::new(
        &["contributed"],
        r"(?i)^(?:associated press|ap|reuters|afp|staff) (?:writers?|reporters?|correspondents?) .{0,120} contributed\b",
    ),
    Guarded::new(
        &["contributed"],
        r"(?i)\bcontributed (?:reporting|to this report|to this story)\.?$",
    ),
    // A signature: "— Jane Doe".
    Guarded::new(&[], r"^[—–-] ?[A-Z][\p{L}.'’-]+(?: [A-Z][\p{L}.'’-]+){0,3}$"),
];

static ANYWHERE: LazyLock<Vec<Anchored>> = LazyLock::new(|| {
    regexes(&[
        // Copyright and rights lines.
        r"(?i)^(?:©|\(c\))",
        r"^(?i:copyright)\s*(?:[A-Z0-9©]|\([cC]\)|(?i:by|of)\b|:)",
        r"(?i)\ball rights reserved\b",
        r"(?i)^this material may not be (?:published|reproduced)",
        // Ads and reading prompts.
        r"(?i)^(?:advertisement|advertising|ad|sponsored(?: content)?|promoted|story continues below(?: advertisement)?|scroll to continue(?: with content)?|continue reading(?: below| the main story| the full story)?|article continues (?:below|after advertisement)|skip advertisement)\W*$",
        r"(?i)^continue reading\b",
        r"(?i)^\d{1,3}[ -]min(?:ute)?s?(?: read)?$",
        // Newsletters and subscriptions.
        r"(?i)^(?:sign up|subscribe|register)\b.{0,200}$",
        r"(?i)^(?:get|receive|want) (?:our|the|more)\b.{0,60}\b(?:newsletter|in your inbox|delivered)",
        // Share prompts and share bars flattened to text.
        r"(?i)^(?:share|tweet|email|print|pin|save|copy link|link copied)(?: (?:this|the) (?:article|story|page|post|link))?\W*$",
        r"(?i)^share (?:this|on|via|to)\b.{0,80}$",
        r"(?i)^click (?:here )?to (?:share|email|print|tweet)\b",
        r"(?i)^(?:facebook|twitter|x|linkedin|whatsapp|reddit|messenger|pinterest|telegram|email)(?:\W+(?:facebook|twitter|x|linkedin|whatsapp|reddit|messenger|pinterest|telegram|email|copy link))*\W*$",
        // Links to other stories.
        r"(?i)^(?:read more|more|related|see also|also read|read also|also see|watch|listen|recommended|most read|trending|more from \w+|don't miss|related coverage|related stories|related articles|further reading)\s*:",
        r"^READ MORE\b",
        r"(?i)^(?:related(?: (?:articles|stories|coverage|content|topics|links))?|more on this story|more stories|you may also like|recommended for you|most popular|most read|top stories|trending now)\W*$",
        // Photo credits and captions.
        r"(?i)^(?:photo|photograph|photos|image|images|picture|video|graphic|illustration)(?: credit)?\s*:",
        r"(?i)^\(?(?:photo|image|picture)s? (?:by|courtesy of|credit)\b.{0,200}\)?$",
        r"(?i)^(?:image|photo|picture|media) (?:copyright|caption|source)\b",
        r"^FILE PHOTO\s*:",
        r"(?i)^credits?\s*:",
        // Wire footers, corrections and standards notes.
        r"(?i)^\(?(?:additional )?(?:reporting|writing|editing|compiled|research) by\b",
        r"(?i)^(?:this|the) (?:story|article|report|post) (?:has been|was|is) (?:corrected|updated|amended)\b",
        r"(?i)^our standards\s*:",
        r"(?i)\bthe thomson reuters trust principles\b",
        // Contact and social prompts.
        r"(?i)^(?:contact|email|e-mail|reach|write to) (?:the )?(?:author|reporter|writer|journalist|newsroom)\b",
        // A bare social handle (handles are ASCII).
        r"^@[A-Za-z0-9_]{1,30}$",
    ])
});

static INLINE_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\s*[(\[](?:(?:photo|image|picture|video)s?(?: by|: | credit:?| courtesy(?: of)?)|ap photo/|reuters/|credit:)[^()\[\]]{0,160}[)\]]",
    )
    .expect("valid regex")
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_sentences_that_mention_boilerplate_words() {
        for sentence in [
            "The minister said on Twitter that the talks had failed.",
            "Photographers gathered outside the court on Monday.",
            "Share prices fell 3% after the announcement.",
            "Related charges were dropped last year, prosecutors said.",
            "Copyright lawyers say the ruling will matter.",
            "Subscribers to the service will pay more from June, the company said in a statement to investors on Friday.",
        ] {
            assert!(!is_boilerplate(sentence), "{sentence}");
        }
    }

    #[test]
    fn bios_are_removed_only_at_the_end() {
        let paragraphs = vec![
            "Jane Roe is the chief executive of Acme, a writer by training.".to_string(),
            "The plant will open next year.".to_string(),
            "Jane Roe is the news editor of the Daily Planet.".to_string(),
        ];
        let kept = filter(paragraphs);
        assert_eq!(kept.len(), 2);
        assert!(kept[0].starts_with("Jane Roe is the chief"));
    }

    #[test]
    fn first_byte_test_agrees_with_the_patterns() {
        let anchored = ANYWHERE.iter().filter(|pattern| pattern.first.is_some()).count();
        assert!(anchored * 10 >= ANYWHERE.len() * 8, "{anchored} of {}", ANYWHERE.len());
        for text in [
            "Advertisement",
            "© 2024 Daily Planet",
            "(c) Daily Planet",
            "Copyright 2024",
            "Share this article",
            "READ MORE: Bridge closes",
            "FILE PHOTO: A bridge",
            "@janedoe",
            "5 min read",
            "“Quoted” sign up",
            "The council met on Tuesday.",
            "",
        ] {
            for pattern in ANYWHERE.iter() {
                assert_eq!(pattern.is_match(text), pattern.regex.is_match(text), "{text:?}");
            }
        }
        assert!(is_boilerplate("Advertisement"));
        assert!(is_boilerplate("Sign up for our newsletter"));
    }

    #[test]
    fn strips_inline_photo_credit() {
        let kept =
            filter(vec!["Crowds gathered. (Photo by Ann Lee/AFP via Getty Images)".to_string()]);
        assert_eq!(kept, vec!["Crowds gathered.".to_string()]);
    }
}
