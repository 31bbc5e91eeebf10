//! Mojibake: UTF-8 text that was once decoded as windows-1252 or Latin-1 and encoded again,
//! so that "Investor’s" reads "Investorâ€™s", or "Investorâ" with two invisible control
//! characters, and "café" reads "cafÃ©". Pages serve such text as valid UTF-8 (a CMS
//! double-encoded it), so no charset rule can catch it; the characters themselves show it.
//!
//! Written here rather than taken from ftfy's Rust port (`plsfix`): that crate fixes far more
//! than encodings (it also straightens curly quotes, which we keep), pulls in the retired
//! `encoding` crate, and is little used. What we need is the one reversible step at its core.

use std::borrow::Cow;

/// The text with every mojibake sequence decoded: a lead character (Â to ô, a UTF-8 lead byte
/// read as windows-1252 or Latin-1) followed by as many characters as that lead byte wants
/// continuation bytes, each of which is such a byte read the same way, together a valid UTF-8
/// sequence. Anything else is left as it is, so text in any language that merely uses
/// accented letters ("São Paulo", "naïve", "¿Qué?") does not change.
pub(crate) fn repair(text: &str) -> Cow<'_, str> {
    // Every lead character is encoded as 0xC3 then a byte of 0x82 to 0xB4.
    let mut candidates = memchr::memchr_iter(0xC3, text.as_bytes()).peekable();
    if candidates.peek().is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut copied = 0;
    for at in candidates {
        if at < copied {
            continue;
        }
        let Some((decoded, len)) = sequence_at(&text[at..]) else { continue };
        if quoted(&text[..at], &text[at + len..]) {
            continue;
        }
        out.push_str(&text[copied..at]);
        out.push(decoded);
        copied = at + len;
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// Quotation marks as a page may write them: the characters, and in markup their character
/// references (repair runs before the page is parsed).
const QUOTES: &[&str] = &[
    "\"", "'", "“", "”", "‘", "’", "«", "»", "`", "&quot;", "&#34;", "&#x22;", "&apos;", "&#39;",
    "&ldquo;", "&rdquo;", "&lsquo;", "&rsquo;", "&#8220;", "&#8221;", "&laquo;", "&raquo;",
];

/// Whether a sequence stands alone between quotation marks: text about mojibake ("I saw
/// "Ã¤" instead of "ä""), which shows it on purpose.
fn quoted(before: &str, after: &str) -> bool {
    QUOTES.iter().any(|quote| before.ends_with(quote))
        && QUOTES.iter().any(|quote| after.starts_with(quote))
}

/// The character a mojibake sequence at the start of `text` stands for, and the sequence's
/// length in bytes.
fn sequence_at(text: &str) -> Option<(char, usize)> {
    let mut chars = text.char_indices();
    let (_, lead) = chars.next()?;
    let lead = u8::try_from(u32::from(lead)).ok()?;
    let wanted = match lead {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        0xF0..=0xF4 => 3,
        _ => return None,
    };
    let mut bytes = [lead, 0, 0, 0];
    for slot in bytes.iter_mut().skip(1).take(wanted) {
        let (_, next) = chars.next()?;
        *slot = continuation_byte(next)?;
    }
    let end = chars.next().map_or(text.len(), |(at, _)| at);
    let decoded = std::str::from_utf8(&bytes[..=wanted]).ok()?.chars().next()?;
    Some((decoded, end))
}

/// The byte 0x80 to 0xBF that windows-1252 or Latin-1 reads as `c`.
fn continuation_byte(c: char) -> Option<u8> {
    if ('\u{80}'..='\u{BF}').contains(&c) {
        return u8::try_from(u32::from(c)).ok();
    }
    // windows-1252's characters for 0x80 to 0x9F (its five unused bytes decode to the C1
    // controls, which the range above covers).
    let byte = match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(byte)
}

#[cfg(test)]
mod tests {
    use super::repair;

    #[test]
    fn decodes_text_read_as_windows_1252_or_latin_1() {
        assert_eq!(repair("A DIY Investorâ€™s Guide"), "A DIY Investor’s Guide");
        assert_eq!(repair("A DIY Investorâ\u{80}\u{99}s Guide"), "A DIY Investor’s Guide");
        assert_eq!(repair("cafÃ© au lait, Ã  la carte"), "café au lait, Ã  la carte");
        assert_eq!(repair("Â£5 â€œquotedâ€\u{9d}"), "£5 “quoted”");
        assert_eq!(repair("emoji ðŸ˜€ here"), "emoji 😀 here");
    }

    #[test]
    fn leaves_accented_text_alone() {
        for text in ["São Paulo", "naïve café", "¿Qué? ¡Sí!", "Ça va, Ðó", "Ã", "plain", ""]
        {
            assert!(matches!(repair(text), std::borrow::Cow::Borrowed(_)), "{text}");
        }
    }
}
