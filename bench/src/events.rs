//! New events from real texts, for streams longer than the data: each round rewrites every
//! text with its own consistent word mapping, so a round's articles on one story still
//! share their words with each other, but not with any other round's.

use std::collections::HashMap;

use crate::Text;

/// The most frequent words are left alone: they are the language, not the event.
const KEPT: usize = 300;
/// Other words are swapped for words of about the same document frequency, so that the
/// rewritten texts keep the real texts' statistics.
const BAND: usize = 64;
/// Words in fewer texts than this (mostly names) become new words in each round, as the
/// names of new events do; the vocabulary grows with the stream.
const RARE_DF: u32 = 3;

enum Class {
    Band { band: usize, position: usize },
    Rare,
}

/// Rewrites texts as the events of a given round.
pub struct Rewriter {
    classes: HashMap<String, Class>,
    bands: Vec<Vec<String>>,
}

impl Rewriter {
    /// Learns the vocabulary and document frequencies of `texts`.
    pub fn new(texts: &[Text]) -> Rewriter {
        Rewriter::keeping(texts, KEPT)
    }

    /// As `new`, leaving the `kept` most frequent words alone.
    fn keeping(texts: &[Text], kept: usize) -> Rewriter {
        let mut df: HashMap<String, u32> = HashMap::new();
        for (title, body) in texts {
            let mut seen: Vec<String> = Vec::new();
            for word in words(title.as_deref().unwrap_or("")).chain(words(body)) {
                seen.push(word.to_lowercase());
            }
            seen.sort_unstable();
            seen.dedup();
            for word in seen {
                *df.entry(word).or_default() += 1;
            }
        }
        let mut ranked: Vec<(String, u32)> = df.into_iter().collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut classes = HashMap::new();
        let mut bands: Vec<Vec<String>> = Vec::new();
        for (rank, (word, df)) in ranked.into_iter().enumerate() {
            if rank < kept {
                continue;
            }
            if df < RARE_DF {
                classes.insert(word, Class::Rare);
                continue;
            }
            let band = (rank - kept) / BAND;
            if bands.len() <= band {
                bands.push(Vec::new());
            }
            classes.insert(word.clone(), Class::Band { band, position: bands[band].len() });
            bands[band].push(word);
        }
        Rewriter { classes, bands }
    }

    /// `text` as an article on round `round`'s version of its event. Round 0 is the text.
    pub fn rewrite(&self, text: &str, round: usize) -> String {
        if round == 0 {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len() + text.len() / 8);
        let mut rest = text;
        while let Some(start) = rest.find(|c: char| c.is_alphanumeric()) {
            out.push_str(&rest[..start]);
            rest = &rest[start..];
            let end = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
            self.push_word(&rest[..end], round, &mut out);
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
    }

    fn push_word(&self, word: &str, round: usize, out: &mut String) {
        if word.chars().all(|c| c.is_ascii_digit()) {
            // Numbers change with the event: the same digit map for the whole round.
            out.extend(word.chars().map(|c| {
                let digit = c as usize - '0' as usize;
                char::from(b'0' + ((digit + 3 * round) % 10) as u8)
            }));
            return;
        }
        let lower = word.to_lowercase();
        let new = match self.classes.get(&lower) {
            None => {
                out.push_str(word);
                return;
            }
            Some(Class::Rare) => format!("{lower}{}", suffix(round)),
            Some(Class::Band { band, position }) => {
                let words = &self.bands[*band];
                let shift = 1 + mix(*band as u64, round as u64) as usize % words.len().max(1);
                words[(position + shift) % words.len()].clone()
            }
        };
        let mut chars = word.chars();
        let upper_first = chars.next().is_some_and(char::is_uppercase);
        let all_upper = upper_first && word.chars().count() > 1 && chars.all(char::is_uppercase);
        if all_upper {
            out.push_str(&new.to_uppercase());
        } else if upper_first {
            let mut new_chars = new.chars();
            if let Some(first) = new_chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(new_chars.as_str());
            }
        } else {
            out.push_str(&new);
        }
    }
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
}

/// A pronounceable tail naming the round: "ka", "kaze", ...
fn suffix(round: usize) -> String {
    const SYLLABLES: [&str; 16] = [
        "ka", "ze", "mo", "ri", "tu", "ven", "lo", "sa", "pi", "dor", "ne", "qu", "bi", "fa", "gu",
        "hel",
    ];
    let mut out = String::new();
    let mut n = round;
    loop {
        out.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
        if n == 0 {
            return out;
        }
    }
}

fn mix(a: u64, b: u64) -> u64 {
    let mut x = a.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ b.wrapping_add(0xD1B5_4A32_D192_ED03);
    x ^= x >> 31;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^ (x >> 29)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Vec<Text> {
        (0..40)
            .map(|i| {
                (None, format!("The council voted on the budget {i} times. Mayor Okafor{} said the plan for district{} was final.", i % 2, i % 5))
            })
            .collect()
    }

    #[test]
    fn a_round_maps_each_word_one_way_and_rounds_differ() {
        let texts = corpus();
        let rewriter = Rewriter::keeping(&texts, 5);
        let a = rewriter.rewrite(&texts[0].1, 1);
        let b = rewriter.rewrite(&texts[10].1, 1);
        let c = rewriter.rewrite(&texts[0].1, 2);
        assert_eq!(rewriter.rewrite(&texts[0].1, 0), texts[0].1);
        assert_ne!(a, texts[0].1);
        assert_ne!(a, c);
        // Texts 0 and 10 differ only in their number, which a round maps digit by digit.
        assert_eq!(a.replace(char::is_numeric, ""), b.replace(char::is_numeric, ""));
        assert!(a.starts_with(char::is_uppercase), "{a}");
        // Names seen in fewer than three texts become new names, capitalised as before.
        let rare = Rewriter::keeping(&[(None, "Mayor Okafor spoke.".into())], 0);
        assert_eq!(rare.rewrite("Okafor spoke", 1), "Okaforze spokeze");
    }
}
