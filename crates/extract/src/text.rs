//! Plain text as people save it from news sites: lines and blank lines into paragraphs.

use crate::publisher::copyright_publisher;
use crate::Found;

/// Extracts headline, byline, date, publisher and body from plain text.
pub(crate) fn extract_text(text: &str) -> Found {
    let paragraphs = paragraphs(text);
    let publisher = paragraphs.iter().find_map(|paragraph| copyright_publisher(paragraph));
    let cleaned = crate::clean::clean(paragraphs, true, None);
    Found {
        title: cleaned.title,
        author: cleaned.author,
        published: cleaned.published,
        shown_date: None,
        publisher,
        agency: cleaned.agency,
        paragraphs: cleaned.paragraphs,
        ..Found::default()
    }
}

/// Hard-wrapped lines are at most this long.
const MAX_WRAPPED_LINE: usize = 100;

/// Splits text into paragraphs: blocks between blank lines, and within a block one paragraph
/// per line unless the block looks hard-wrapped.
pub(crate) fn paragraphs(text: &str) -> Vec<String> {
    let mut res = Vec::new();
    let mut block: Vec<String> = Vec::new();
    for line in text.split(['\n', '\r', '\u{2028}', '\u{2029}']) {
        let line = normalize_space(line);
        if line.is_empty() {
            flush_block(&mut block, &mut res);
        } else {
            block.push(line);
        }
    }
    flush_block(&mut block, &mut res);
    res
}

/// Collapses runs of whitespace and drops control characters.
pub(crate) fn normalize_space(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let bytes = line.as_bytes();
    // The start of the word being read, if any.
    let mut word: Option<usize> = None;
    let mut at = 0;
    while at < bytes.len() {
        // ASCII, most of any page, is told apart without decoding characters.
        let (separates, len) = match bytes[at] {
            byte if byte.is_ascii() => (byte <= b' ' || byte == 0x7f, 1),
            _ => {
                let c = line[at..].chars().next().unwrap_or(' ');
                (is_separator(c), c.len_utf8())
            }
        };
        match (separates, word) {
            (true, Some(start)) => {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&line[start..at]);
                word = None;
            }
            (false, None) => word = Some(at),
            _ => (),
        }
        at += len;
    }
    if let Some(start) = word {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&line[start..]);
    }
    out
}

/// What [`normalize_space`] treats as space: whitespace, control characters, byte-order marks
/// and zero-width spaces.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || c.is_control() || c == '\u{feff}' || c == '\u{200b}'
}

fn flush_block(block: &mut Vec<String>, res: &mut Vec<String>) {
    if is_hard_wrapped(block) {
        res.push(block.join(" "));
        block.clear();
    } else {
        res.append(block);
    }
}

/// A block is hard-wrapped when its lines are short and even, and most breaks fall inside a
/// sentence (the next line goes on in lower case), unlike a headline over a byline.
fn is_hard_wrapped(block: &[String]) -> bool {
    let Some((_, init)) = block.split_last() else { return false };
    if init.is_empty() {
        return false;
    }
    let longest = block.iter().map(|line| line.chars().count()).max().unwrap_or(0);
    if longest > MAX_WRAPPED_LINE {
        return false;
    }
    let even = init.iter().all(|line| {
        let n_chars = line.chars().count();
        n_chars >= 40 && n_chars * 10 >= longest * 6
    });
    let mut n_soft = 0;
    let mut n_hard = 0;
    for pair in block.windows(2) {
        let ends_sentence = pair[0].ends_with(['.', '!', '?', '"', '”', ':']);
        let next_upper = pair[1].starts_with(|c: char| c.is_uppercase());
        match ends_sentence || next_upper {
            true => n_hard += 1,
            false => n_soft += 1,
        }
    }
    even && n_soft > n_hard
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_space_as_a_split_on_separators_would() {
        let simple = |line: &str| -> String {
            line.split(is_separator).filter(|word| !word.is_empty()).collect::<Vec<_>>().join(" ")
        };
        for line in [
            "",
            "   ",
            "one",
            "  two  words ",
            "tab\tnew\nline\r\n",
            "nbsp\u{a0}and\u{200b}zero\u{feff}width",
            "ctrl\u{1}\u{7f}\u{85}chars",
            "naïve café — ok",
            "\u{3000}ideographic\u{3000}space",
        ] {
            assert_eq!(normalize_space(line), simple(line), "{line:?}");
        }
    }

    #[test]
    fn joins_hard_wrapped_blocks_only() {
        let wrapped = "The council voted on Tuesday to close the old bridge to\ncars after engineers found cracks in two of its main\nsupports, officials said.\n\nNext paragraph.";
        assert_eq!(paragraphs(wrapped).len(), 2);
        let head = "Council closes the old bridge after cracks are found\nBy Jane Doe\nMay 3, 2013";
        assert_eq!(paragraphs(head).len(), 3);
    }
}
