//! Tests of the duplicate finder on articles written for them.

use crate::{Config, Deduper};

const WIRE: &str = r#"Flooding forces evacuation of riverside towns in Carinthia

Several thousand residents of towns along the Drava river in southern Austria were told to leave their homes on Sunday after two days of heavy rain pushed water levels to their highest point in more than thirty years, regional officials said.
The provincial government of Carinthia said about 4,200 people in Villach, Spittal and a dozen smaller villages had been asked to move to higher ground, and that emergency shelters had been opened in schools and sports halls.
"The situation is serious but under control," said regional governor Markus Tanner, who toured flooded streets in Villach by boat on Sunday afternoon. "We expect the river to peak overnight."
Firefighters and soldiers spent the night filling sandbags, and the national railway suspended services between Villach and Lienz after a section of track was washed away near Sachsenburg.
No deaths had been reported by Sunday evening, though police said two hikers were missing in the mountains west of Spittal.
Forecasters expect the rain to ease on Monday, but warned that saturated ground could cause landslides for several days."#;

/// The same event, written independently by a second outlet.
const OWN_WRITTEN: &str = r#"Austria's Drava bursts its banks as Carinthia orders mass evacuation

Rising water on the Drava has driven more than four thousand people from their homes in Carinthia, where relentless rain since Friday has turned streets in Villach into canals.
Governor Markus Tanner, speaking from a rescue boat on Sunday, told reporters the province was "over the worst of the surprise, but not yet over the worst of the water", and said he expected the crest to pass during the night.
Schools and gyms in Villach and Spittal now serve as shelters. Army units joined volunteer firefighters to build sandbag walls along the embankment, while rail traffic towards Lienz was halted when floodwater undermined the line at Sachsenburg.
Police are searching for two walkers who did not return from a hike above Spittal. Meteorologists say the downpour should weaken from Monday, though they caution that waterlogged slopes may give way in the coming days."#;

fn deduper() -> Deduper {
    Deduper::new(Config::recommended())
}

fn check_copy(copy: &str) {
    let mut deduper = deduper();
    assert_eq!(deduper.add("wire", WIRE), None);
    assert_eq!(deduper.add("copy", copy), Some("wire".to_string()), "not found as a copy:\n{copy}");
}

fn body(text: &str) -> &str {
    text.split_once("\n\n").unwrap().1
}

#[test]
fn exact_copy_is_a_duplicate() {
    check_copy(WIRE);
}

#[test]
fn copy_with_other_spacing_and_case_is_a_duplicate() {
    let copy = WIRE.replace(". ", ".  ").replace("Sunday", "SUNDAY");
    check_copy(&copy);
}

#[test]
fn new_headline_is_a_duplicate() {
    let copy = format!("Thousands flee as Drava floods Austrian towns\n\n{}", body(WIRE));
    check_copy(&copy);
}

#[test]
fn trimmed_ending_is_a_duplicate() {
    let trimmed: Vec<&str> = WIRE.lines().take(5).collect();
    check_copy(&trimmed.join("\n"));
}

#[test]
fn appended_boilerplate_is_a_duplicate() {
    let copy = format!(
        "{WIRE}\nCopyright 2026 Alpine Press Agency. All rights reserved. This material may not \
         be published, broadcast, rewritten or redistributed. Sign up for our morning \
         newsletter to get the day's top stories delivered to your inbox, and follow us on \
         social media for live updates."
    );
    check_copy(&copy);
}

#[test]
fn small_edits_are_a_duplicate() {
    let copy = WIRE
        .replace("Several thousand", "Thousands of")
        .replace("regional officials said", "officials said")
        .replace("sports halls", "gymnasiums")
        .replace("Firefighters and soldiers", "Soldiers and firefighters")
        .replace("saturated ground", "soaked soil");
    check_copy(&copy);
}

#[test]
fn copy_points_to_the_first_original_not_to_a_copy() {
    let mut deduper = deduper();
    assert_eq!(deduper.add("wire", WIRE), None);
    let with_tail = format!("{WIRE}\nReporting by the Alpine Press Agency; editing by our desk.");
    assert_eq!(deduper.add("reprint", &with_tail), Some("wire".to_string()));
    assert_eq!(deduper.add("reprint-of-reprint", &with_tail), Some("wire".to_string()));
    assert_eq!(deduper.len(), 1);
}

#[test]
fn own_written_articles_on_one_event_are_not_duplicates() {
    let mut deduper = deduper();
    assert_eq!(deduper.add("wire", WIRE), None);
    assert_eq!(deduper.add("own", OWN_WRITTEN), None);
    assert_eq!(deduper.len(), 2);
}

#[test]
fn short_texts_match_only_exactly() {
    let mut deduper = deduper();
    let short = "Markets close higher\n\nShares in Vienna rose on Friday as banks gained.";
    let edited = "Markets close higher\n\nShares in Vienna rose on Friday as lenders gained.";
    assert_eq!(deduper.add("a", short), None);
    assert_eq!(deduper.add("b", edited), None);
    assert_eq!(deduper.add("c", short), Some("a".to_string()));
}

#[test]
fn empty_texts_do_not_panic() {
    let mut deduper = deduper();
    assert_eq!(deduper.add("a", ""), None);
    assert_eq!(deduper.add("b", "\n\n"), None);
    assert_eq!(deduper.add("c", "Title only"), None);
}

#[test]
fn same_input_gives_same_output() {
    let inputs = [
        ("a", WIRE.to_string()),
        ("b", OWN_WRITTEN.to_string()),
        ("c", format!("New title\n\n{}", body(WIRE))),
        ("d", format!("Another\n\n{}", body(OWN_WRITTEN))),
        ("e", WIRE.replace("Sunday", "Saturday")),
    ];
    let run = || {
        let mut deduper = deduper();
        inputs.iter().map(|(id, text)| deduper.add(id, text)).collect::<Vec<_>>()
    };
    let first = run();
    assert_eq!(
        first,
        vec![None, None, Some("a".to_string()), Some("b".to_string()), Some("a".to_string())]
    );
    assert_eq!(run(), first);
}

/// A long article (here the wire text three times over, every word marked with its round so
/// that the shingles are distinct) keeps only a sample of its shingles; a copy with its last
/// third cut is still found, and an article sharing one paragraph with it is not a copy.
#[test]
fn long_originals_are_matched_on_a_sample_of_shingles() {
    let paragraphs: Vec<String> = (0..3)
        .flat_map(|round| {
            body(WIRE).lines().map(move |line| {
                line.split(' ').map(|word| format!("{word}{round}")).collect::<Vec<_>>().join(" ")
            })
        })
        .collect();
    let long = format!("Carinthia floods, a long report\n\n{}", paragraphs.join("\n"));
    let mut deduper = deduper();
    assert_eq!(deduper.add("long", &long), None);
    let original = deduper.original(0);
    assert!(original.rate_bits > 0, "a long text is sampled");
    assert!(original.shingles.len() >= super::MIN_SAMPLE);

    let cut = format!("New headline\n\n{}", paragraphs[..12].join("\n"));
    assert_eq!(deduper.add("cut", &cut), Some("long".to_string()));
    let quoting = format!("{}\n\n{}\n{}", "Own report", paragraphs[2], body(OWN_WRITTEN));
    assert_eq!(deduper.add("quoting", &quoting), None);
}
