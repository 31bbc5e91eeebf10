//! Hostile pages: real pages mutated as an attacker or a broken server would (truncated,
//! cut, bytes garbled, tens of thousands of unclosed tags, megabytes of one word or of
//! distinct made-up words, runs of one sentence, one quote, tokenized numbers or open
//! quotation marks, or of prose that quotes and names thousands of people), each read as
//! HTML or as plain text and analysed beside an unmutated page, end to end (extraction,
//! duplicates, stories, comparison). Reports panics and the slowest cases, and writes every
//! case that panics or takes longer than [`SLOW`] at under [`SLOW_BYTES_PER_SECOND`] to
//! `OUT_DIR`, so that it can be replayed with `parallax analyze`.
//!
//! Usage: `cargo run --release -p parallax-bench --bin hostile -- PAGES_DIR [ROUNDS] [SEED]
//! [OUT_DIR]` (defaults: 1 round, seed 1, `hostile-cases`). `PAGES_DIR` holds `.html` or
//! `.html.gz` pages, such as the WCXB pages `parallax eval extract --work DIR` unpacks.
#![allow(clippy::print_stdout)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use model::{Content, RawDocument};

/// A case slower than this is written out, ...
const SLOW: Duration = Duration::from_secs(2);
/// ... when it also ran slower than this many bytes a second: a linear cost takes its time
/// on a 10 MB page too.
const SLOW_BYTES_PER_SECOND: f64 = 2_000_000.0;

/// Markup and text that parsers and finders have to survive, inserted once or many times.
const SNIPPETS: &[&str] = &[
    "<div>",
    "</div>",
    "<h1>",
    "<p>",
    "<b>",
    "<a href=\"x\">",
    "<table><tr><td>",
    "<svg><math>",
    "<template>",
    "<!--",
    "<![CDATA[",
    "<time datetime=\"9999-99-99T99:99\">",
    "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":[1,{}],\
     \"datePublished\":{\"x\":1},\"author\":[[[[]]]]}</script>",
    "<meta charset=\"x-bogus\">",
    "By ",
    "Updated: 31/31/2031 25:61 ",
    "&#xFFFFFF;&#0;&amp;amp;",
    "\u{feff}\u{0}",
    "\"",
    "“",
    " said ",
    "Mr. U.S. ",
    "$1,000,000,000,000,000,000,000 ",
    "100,000,000 troops ",
    "1, 000, 5. 9 ",
    "word. ",
    "The council voted to approve the new harbour budget on Monday, officials said. ",
    "\"We will rebuild,\" the mayor said. ",
];

/// SplitMix64: a deterministic stream of cases for a seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// A char boundary of `text` at random.
    fn boundary(&mut self, text: &str) -> usize {
        let mut at = self.below(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }
}

/// One to four mutations of a page.
fn mutate(page: &str, rng: &mut Rng) -> String {
    let mut text = page.to_string();
    for _ in 0..1 + rng.below(4) {
        let at = rng.boundary(&text);
        match rng.below(7) {
            0 => text.truncate(at),
            1 => {
                let mut end = (at + rng.below(5_000)).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text.replace_range(at..end, "");
            }
            2 => {
                let piece: String = text[at..].chars().take(rng.below(200)).collect();
                let times = 1 + rng.below(2_000);
                let to = rng.boundary(&text);
                text.insert_str(to, &piece.repeat(times));
            }
            3 => {
                let snippet = SNIPPETS[rng.below(SNIPPETS.len())];
                let times = if rng.below(3) == 0 { 1 + rng.below(100_000) } else { 1 };
                text.insert_str(at, &snippet.repeat(times));
            }
            4 if rng.below(2) == 0 => text.insert_str(at, &"a".repeat(rng.below(1_000_000))),
            4 => {
                // Distinct made-up words: every one a new term to index.
                let words: Vec<String> =
                    (0..rng.below(200_000)).map(|_| format!("w{:x}", rng.next())).collect();
                text.insert_str(at, &words.join(" "));
            }
            5 => {
                let prose = prose(&text, rng);
                text.insert_str(at, &prose);
            }
            _ => {
                let mut chars: Vec<char> = text.chars().collect();
                for _ in 0..1 + rng.below(50) {
                    if chars.is_empty() {
                        break;
                    }
                    let idx = rng.below(chars.len());
                    chars[idx] = char::from_u32((rng.next() % 0x3000) as u32).unwrap_or('x');
                }
                text = chars.into_iter().collect();
            }
        }
    }
    text
}

/// Up to 100,000 sentences made of the page's own words, each quoting a different person
/// and naming others: text that is all names, quotes and numbers.
fn prose(page: &str, rng: &mut Rng) -> String {
    let words: Vec<&str> = page.split_whitespace().filter(|w| w.len() < 20).collect();
    if words.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    for n in 0..rng.below(100_000) {
        let said: Vec<&str> = (0..8).map(|_| words[rng.below(words.len())]).collect();
        out.push_str(&format!(
            "\"{},\" said Ann Smith{n}, {} people. She met Mr. Lee{} in Dover. ",
            said.join(" "),
            rng.below(1_000),
            rng.below(50)
        ));
    }
    out
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .ok_or_else(|| anyhow::anyhow!("usage: hostile PAGES_DIR [ROUNDS] [SEED] [OUT_DIR]"))?;
    let rounds: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(1);
    let seed: u64 = args.next().map(|s| s.parse()).transpose()?.unwrap_or(1);
    let out = PathBuf::from(args.next().unwrap_or_else(|| "hostile-cases".to_string()));
    let config = pipeline::Config::recommended();
    let (docs, _) = pipeline::read_documents(std::slice::from_ref(&dir), &config);
    let pages: Vec<String> = docs.iter().map(|doc| doc.content.as_str().to_string()).collect();
    anyhow::ensure!(!pages.is_empty(), "no pages in {dir}");
    std::fs::create_dir_all(&out)?;
    // Quiet the panics' own messages: each is reported below with its case.
    std::panic::set_hook(Box::new(|_| {}));

    let mut rng = Rng(seed);
    let (mut cases, mut panics) = (0usize, 0usize);
    let mut slowest: Vec<(Duration, String)> = Vec::new();
    let start = Instant::now();
    for round in 0..rounds {
        for (idx, page) in pages.iter().enumerate() {
            let mutated = mutate(page, &mut rng);
            let as_text = rng.below(3) == 0;
            let name = format!("r{round}-p{idx}-s{seed}.{}", if as_text { "txt" } else { "html" });
            let content = if as_text {
                Content::Text(mutated.clone())
            } else {
                Content::Html(mutated.clone())
            };
            let neighbour = Content::Html(pages[(idx + 1) % pages.len()].clone());
            let case = Instant::now();
            // The configuration holds no state a panic could leave half-changed (the sentence
            // encoder it may hold, which the trait object hides from the compiler, is unset).
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let articles: Vec<model::Article> = [content, neighbour]
                    .into_iter()
                    .map(|content| {
                        // Not `pipeline::extract_one`, which skips a page that panics: the
                        // fuzzer is here to find those panics.
                        extract::extract(&RawDocument::new(model::Origin::file(&name), content)).0
                    })
                    .collect();
                pipeline::analyze(&articles, &config, &pipeline::NoProgress)
            }));
            let elapsed = case.elapsed();
            cases += 1;
            if outcome.is_err() {
                panics += 1;
                println!("panic: {name} ({} bytes)", mutated.len());
            }
            let slow = elapsed > SLOW
                && (mutated.len() as f64) < SLOW_BYTES_PER_SECOND * elapsed.as_secs_f64();
            if outcome.is_err() || slow {
                std::fs::write(out.join(&name), &mutated)?;
            }
            slowest.push((elapsed, format!("{name} ({} bytes)", mutated.len())));
            slowest.sort_by_key(|&(elapsed, _)| std::cmp::Reverse(elapsed));
            slowest.truncate(5);
        }
    }
    println!("{cases} cases in {:.1} s, {panics} panics; slowest:", start.elapsed().as_secs_f64());
    for (elapsed, name) in slowest {
        println!("  {:.2} s  {name}", elapsed.as_secs_f64());
    }
    Ok(())
}
