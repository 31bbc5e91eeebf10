//! Realistic reprints of an article, made deterministically from a seed, to measure the
//! duplicate finder: what outlets do to a wire story before they run it.

use crate::minhash::mix;

/// What was done to the original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// The same title and text.
    Exact,
    /// A headline of the outlet's own.
    NewHeadline,
    /// The last sentences cut (about a third at most).
    Trimmed,
    /// The outlet's boilerplate before and after the text.
    Boilerplate,
    /// A few words swapped for synonyms and one sentence dropped.
    Edited,
    /// A new headline, boilerplate, edits and a trimmed ending together.
    All,
}

/// A reprint: what was changed and the new text (title, blank line, body).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reprint {
    /// What was done.
    pub change: Change,
    /// Title, a blank line and the body, as the deduper takes texts.
    pub text: String,
}

const CHANGES: [Change; 6] = [
    Change::Exact,
    Change::NewHeadline,
    Change::Trimmed,
    Change::Boilerplate,
    Change::Edited,
    Change::All,
];

const HEADLINES: [&str; 4] = [
    "What we know so far",
    "Here is the latest",
    "Officials respond as the story develops",
    "The day's top story, explained",
];

const LEADS: [&str; 3] = [
    "(Reporting by our wire service partners.)",
    "This story was originally published by a partner news agency and is republished here \
     with permission.",
    "Sign up for our morning newsletter to get the day's news in your inbox.",
];

const TAILS: [&str; 3] = [
    "Copyright 2026 The Associated Wire. All rights reserved. This material may not be \
     published, broadcast, rewritten or redistributed.",
    "Follow us on social media for more updates. Share this story with your friends.",
    "Editing by the news desk; additional reporting by staff writers.",
];

/// Word swaps an editor makes.
const SWAPS: [(&str, &str); 8] = [
    ("said", "stated"),
    ("says", "states"),
    ("told", "informed"),
    ("people", "individuals"),
    ("about", "around"),
    ("but", "however"),
    ("before", "prior to"),
    ("after", "following"),
];

/// A reprint of `title` and `body`; `seed` picks the change and its details.
pub fn reprint(title: &str, body: &str, seed: u64) -> Reprint {
    let change = CHANGES[(mix(seed) % CHANGES.len() as u64) as usize];
    Reprint { change, text: apply(change, title, body, seed) }
}

/// `title` and `body` with `change` applied; `seed` picks the details.
pub fn apply(change: Change, title: &str, body: &str, seed: u64) -> String {
    let pick = |salt: u64, n: usize| (mix(seed ^ mix(salt)) % n.max(1) as u64) as usize;
    let mut sentences: Vec<String> =
        analyze::sentences(body).iter().map(|s| s.text.trim().to_string()).collect();
    sentences.retain(|s| !s.is_empty());
    let mut title = title.to_string();
    let (mut lead, mut tail) = (None, None);
    let new_headline = matches!(change, Change::NewHeadline | Change::All);
    let trimmed = matches!(change, Change::Trimmed | Change::All);
    let boilerplate = matches!(change, Change::Boilerplate | Change::All);
    let edited = matches!(change, Change::Edited | Change::All);
    if new_headline {
        title = HEADLINES[pick(1, HEADLINES.len())].to_string();
    }
    if edited && sentences.len() > 3 {
        sentences.remove(1 + pick(2, sentences.len() - 2));
    }
    if edited {
        for (idx, sentence) in sentences.iter_mut().enumerate() {
            // About one sentence in five gets one word swapped.
            if pick(100 + idx as u64, 5) == 0 {
                *sentence = swap_one_word(sentence);
            }
        }
    }
    if trimmed && sentences.len() > 3 {
        let cut = 1 + pick(3, sentences.len() / 3);
        sentences.truncate(sentences.len() - cut);
    }
    if boilerplate {
        lead = Some(LEADS[pick(4, LEADS.len())]);
        tail = Some(TAILS[pick(5, TAILS.len())]);
    }
    let mut text = title;
    text.push_str("\n\n");
    if let Some(lead) = lead {
        text.push_str(lead);
        text.push('\n');
    }
    text.push_str(&sentences.join(" "));
    if let Some(tail) = tail {
        text.push('\n');
        text.push_str(tail);
    }
    text
}

/// The sentence with its first swappable word replaced.
fn swap_one_word(sentence: &str) -> String {
    for (from, to) in SWAPS {
        let padded = format!(" {from} ");
        if let Some(at) = sentence.find(&padded) {
            return format!("{} {to} {}", &sentence[..at], &sentence[at + padded.len()..]);
        }
    }
    sentence.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, Deduper};

    const TITLE: &str = "Ferry strike halts island crossings for a second day";
    const BODY: &str = "Ferry crews on the routes to the northern islands stayed off work on \
        Thursday for a second day, leaving about 3,000 people without a crossing, the operator \
        said. The union said the strike was about pay and rosters after the company cut two \
        night sailings. Island shops told reporters they were running short of fresh food \
        before the weekend. The transport minister said she would meet both sides on Friday \
        but ruled out taking the routes back into public hands. Tourism officials said hotel \
        bookings for the holiday weekend had fallen by a quarter. The operator said it hoped \
        to run a reduced timetable on Saturday if talks went well. A hospital on the largest \
        island said two patients due for treatment on the mainland had been flown over by \
        helicopter instead. Fishermen offered to carry post and medicine in their boats, but \
        the coastguard warned that the forecast for the weekend was poor. The union's regional \
        secretary said crews had worked short-handed all summer and that the night sailings \
        were the only way many islanders could reach early shifts. The company said the two \
        sailings had carried fewer than forty passengers a night and cost more than they \
        earned. Both sides said they wanted an agreement before the school term starts.";

    #[test]
    fn every_change_is_found_as_a_copy() {
        for change in CHANGES {
            for seed in 0..8 {
                let mut deduper = Deduper::new(Config::recommended());
                deduper.add("original", &format!("{TITLE}\n\n{BODY}"));
                let text = apply(change, TITLE, BODY, seed);
                assert_eq!(
                    deduper.add("reprint", &text),
                    Some("original".to_string()),
                    "{change:?} with seed {seed} not found:\n{text}"
                );
            }
        }
    }

    #[test]
    fn reprints_are_deterministic_and_vary_with_the_seed() {
        assert_eq!(reprint(TITLE, BODY, 7), reprint(TITLE, BODY, 7));
        let changes: std::collections::HashSet<String> =
            (0..40).map(|seed| format!("{:?}", reprint(TITLE, BODY, seed).change)).collect();
        assert_eq!(changes.len(), CHANGES.len());
        let edited = apply(Change::All, TITLE, BODY, 3);
        assert!(!edited.starts_with(TITLE) && edited.len() < BODY.len() + 400);
    }
}
