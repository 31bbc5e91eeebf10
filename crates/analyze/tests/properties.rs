//! Random text made of the pieces the finders look for (quotation marks, dashes, labels,
//! names, attributions, tokenized numbers and dates): every finder reads it without panic,
//! and what it finds lies within the text, in order.

use analyze::calendar::Date;
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "“",
    "”",
    "\"",
    "‘",
    "’",
    "'",
    " — ",
    " – ",
    " - ",
    "--",
    "\n",
    "\n\n",
    ". ",
    ", ",
    ": ",
    "? ",
    " said",
    " says",
    " told",
    "Smith",
    "Ann Varga",
    " he",
    " she",
    "WALLACE:",
    "Mr.",
    "The",
    " the council",
    "(",
    ")",
    " asking",
    " saying",
    "Obama's",
    " according to",
    " Monday",
    "s’ ",
    "it’s",
    "…",
    "é",
    "word",
    " 5. 9",
    " 30, 000",
    " $1.5 billion",
    " £48m",
    " 3,000 troops",
    " May 2, 2013",
    " 1: 30 p. m.",
    " U. S.",
    " 2012. 08. 08",
    " last Tuesday",
    " 26 - year - old",
    "Port of",
    " Gulf of Aden",
    " Sen.",
    " (D-Mo.)",
];

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(0..PIECES.len(), 0..80)
        .prop_map(|pieces| pieces.iter().map(|&i| PIECES[i]).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(testkit::cases(3_000)))]

    #[test]
    fn quotes_lie_within_the_text_in_order(text in text()) {
        let quotes = analyze::quotes::find_quotes(&text);
        prop_assert!(quotes.windows(2).all(|pair| pair[0].start < pair[1].start));
        prop_assert!(quotes.iter().all(|q| q.start < text.len()));
        let spans = analyze::quotes::quotation_spans(&text);
        prop_assert!(spans.windows(2).all(|pair| pair[0].end <= pair[1].start));
        prop_assert!(spans.iter().all(|span| span.start < span.end && span.end <= text.len()));
    }

    #[test]
    fn the_other_finders_read_any_text(text in text()) {
        for sentence in analyze::sentences(&text) {
            prop_assert!(sentence.start + sentence.text.len() <= text.len());
        }
        for entity in analyze::entities::find_entities(&text) {
            prop_assert!(entity.start < text.len());
        }
        for number in analyze::numbers::find_numbers(&text) {
            prop_assert!(number.start + number.text.len() <= text.len());
        }
        for date in analyze::dates::find_dates(&text, Date::new(2025, 3, 12)) {
            prop_assert!(date.start < text.len());
        }
    }
}
