//! Measures clustering on the shared evaluation data, when `PARALLAX_EVAL` is set.
//!
//! `PARALLAX_EVAL=1 cargo test -p cluster --release eval -- --nocapture` feeds each article
//! of `../shared/data/clustering/{ecbplus-dev,allsides-stories}.jsonl` as the pipeline does
//! (extracted, copies removed by the deduper, in file order) and prints pairwise and BCubed
//! scores; AllSides again with each article's time moved by up to 12 hours either way (its
//! stories give all their articles one time); the NMI on the MStream titles
//! (`mstream-news.jsonl`, pre-stemmed titles fed as they are); the bundled example
//! (`examples/ecbplus`, against its `gold.jsonl`); then the range and mean of the figures over
//! the file order and three shuffled orders (`PARALLAX_EVAL_SEEDS=9` for nine).
//! `eval_scale` times dedupe and clustering on the benchmark's stream and measures the
//! memory an article costs while its story is open (a counting allocator).
//! `PARALLAX_EVAL=sweep` prints the same figures for a grid of configurations, with the mean
//! over the file order and the shuffles. `PARALLAX_EVAL_DUMP=DIR` also writes each set's
//! predictions beside the gold stories (`pred-N.tsv`: id, story, gold story, date; the first
//! run of each set, in file order, when the directory is empty), to look at the errors.

#![allow(clippy::print_stdout)]

use std::path::PathBuf;

use testkit::corpus::trimmed;

use cluster::{metrics, Clusterer, Config, Doc};

/// Counts the bytes allocated and not yet freed, to tell what the clusterer holds per article.
struct Counting;

static LIVE_BYTES: std::sync::atomic::AtomicIsize = std::sync::atomic::AtomicIsize::new(0);

// SAFETY: defers to the system allocator and only counts sizes.
unsafe impl std::alloc::GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(layout.size() as isize, std::sync::atomic::Ordering::Relaxed);
        // SAFETY: the caller's layout is passed on unchanged.
        unsafe { std::alloc::System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        LIVE_BYTES.fetch_sub(layout.size() as isize, std::sync::atomic::Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc` with this layout.
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn live_bytes() -> isize {
    LIVE_BYTES.load(std::sync::atomic::Ordering::Relaxed)
}

struct Row {
    id: String,
    title: Option<String>,
    body: String,
    published: Option<chrono::DateTime<chrono::FixedOffset>>,
    language: Option<String>,
    story: String,
    /// Whether the deduper found it a copy of an earlier row (then it is not clustered).
    copy_of: Option<String>,
}

impl Row {
    /// The row as the clusterer takes it.
    fn doc(&self) -> Doc<'_> {
        Doc {
            id: &self.id,
            title: self.title.as_deref(),
            body: &self.body,
            published: self.published,
            language: self.language.as_deref(),
        }
    }
}

struct Figures {
    ecb_pairwise: metrics::Scores,
    ecb_bcubed: metrics::Scores,
    allsides_pairwise: metrics::Scores,
    allsides_bcubed: metrics::Scores,
    /// AllSides with each article's time moved by up to 12 hours either way.
    allsides_spread_pairwise: metrics::Scores,
    mstream_nmi: f64,
    stories: [usize; 3],
}

#[test]
fn eval() {
    let Some(mode) = std::env::var_os("PARALLAX_EVAL") else {
        return;
    };
    let sets = [read("ecbplus-dev.jsonl"), read("allsides-stories.jsonl"), read_mstream()];
    if mode == "sweep" {
        return sweep(&sets);
    }
    let config = Config::recommended();
    let started = std::time::Instant::now();
    let figures = measure(&sets, &config);
    println!("{:.2} s for all three sets", started.elapsed().as_secs_f64());
    for (name, rows) in ["ecbplus-dev", "allsides", "mstream"].iter().zip(&sets) {
        let started = std::time::Instant::now();
        cluster(rows, &config);
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "{name}: clustered in {seconds:.3} s ({:.0} articles/s)",
            rows.len() as f64 / seconds
        );
    }
    print_figures(&figures);
    let example = read_example();
    let (example_pred, example_stories) = cluster(&example, &config);
    let example_gold: Vec<(String, String)> =
        example.iter().map(|row| (row.id.clone(), row.story.clone())).collect();
    let example_pairwise = metrics::pairwise(&example_pred, &example_gold);
    println!(
        "example (examples/ecbplus): {example_stories} stories; pairwise P {:.3} R {:.3} F1 {:.3}",
        example_pairwise.precision, example_pairwise.recall, example_pairwise.f1
    );
    // Order sensitivity: the same articles in shuffled orders (fixed seeds).
    let seeds = shuffle_seeds();
    let (mut ecb, mut allsides, mut mstream) = (Vec::new(), Vec::new(), Vec::new());
    for seed in 1..=seeds {
        let shuffled: Vec<Vec<Row>> = sets.iter().map(|rows| shuffle(rows, seed)).collect();
        let f = measure(&shuffled, &config);
        println!(
            "shuffled (seed {seed}): ecb pairwise F1 {:.3} allsides {:.3} mstream NMI {:.3}",
            f.ecb_pairwise.f1, f.allsides_pairwise.f1, f.mstream_nmi
        );
        ecb.push(f.ecb_pairwise.f1);
        allsides.push(f.allsides_pairwise.f1);
        mstream.push(f.mstream_nmi);
    }
    let range = |values: &[f64], file_order: f64| {
        let min = values.iter().copied().fold(file_order, f64::min);
        let max = values.iter().copied().fold(file_order, f64::max);
        format!("{min:.3} to {max:.3} (spread {:.3})", max - min)
    };
    println!(
        "file order and {seeds} shuffles: ecb pairwise F1 {}; allsides {}; mstream NMI {}",
        range(&ecb, figures.ecb_pairwise.f1),
        range(&allsides, figures.allsides_pairwise.f1),
        range(&mstream, figures.mstream_nmi)
    );
    let mean = |values: &[f64], file_order: f64| {
        (values.iter().sum::<f64>() + file_order) / (values.len() + 1) as f64
    };
    println!(
        "mean of file order and {seeds} shuffles: ecb pairwise F1 {:.3}; allsides {:.3}; \
         mstream NMI {:.3}",
        mean(&ecb, figures.ecb_pairwise.f1),
        mean(&allsides, figures.allsides_pairwise.f1),
        mean(&mstream, figures.mstream_nmi)
    );
    assert!(figures.ecb_pairwise.f1 >= 0.78, "ECB+ pairwise F1 fell below 0.78");
    assert!(figures.allsides_pairwise.f1 >= 0.78, "AllSides pairwise F1 fell below 0.78");
    assert!(figures.mstream_nmi >= 0.85, "MStream NMI fell below 0.85");
}

/// A clusterer saved and restored part-way through a stream (as the pipeline does between
/// two ingests) decides every later article as the one never saved does: the same stories,
/// merges, splits and closed stories, at every cut. Run on ECB+ (sibling events, splits and
/// merges), with the default window and with one so short that stories close between cuts.
#[test]
fn a_restored_clusterer_decides_as_the_one_never_saved() {
    let rows: Vec<Row> =
        read("ecbplus-dev.jsonl").into_iter().filter(|row| row.copy_of.is_none()).collect();
    let short = Config { window_articles: 60, window_days: 2.0, ..Config::recommended() };
    for config in [Config::recommended(), short] {
        let mut whole = Clusterer::new(config.clone());
        let mut cut = Clusterer::new(config.clone());
        let (mut whole_settled, mut cut_settled) = (Vec::new(), Vec::new());
        for (idx, row) in rows.iter().enumerate() {
            assert_eq!(whole.add(&row.doc()), cut.add(&row.doc()), "article {}", row.id);
            if idx % 97 == 96 {
                whole_settled.push(whole.drain_settled());
                cut_settled.push(cut.drain_settled());
                let bytes = postcard::to_stdvec(&cut).expect("a clusterer serializes");
                cut = postcard::from_bytes(&bytes).expect("and reads back");
            }
        }
        assert_eq!(whole.assignments(), cut.assignments());
        assert_eq!(whole_settled, cut_settled);
        assert!(whole_settled.iter().any(|settled| !settled.merges.is_empty()));
    }
}

/// How many shuffled orders to measure besides the file order: three, or
/// `PARALLAX_EVAL_SEEDS` (the settings of the split by names were chosen on nine).
fn shuffle_seeds() -> u64 {
    std::env::var("PARALLAX_EVAL_SEEDS").ok().and_then(|n| n.parse().ok()).unwrap_or(3)
}

fn print_figures(f: &Figures) {
    let show =
        |s: &metrics::Scores| format!("P {:.3} R {:.3} F1 {:.3}", s.precision, s.recall, s.f1);
    println!(
        "ecbplus-dev: {} stories; pairwise {}; BCubed {}",
        f.stories[0],
        show(&f.ecb_pairwise),
        show(&f.ecb_bcubed)
    );
    println!(
        "allsides: {} stories; pairwise {}; BCubed {}",
        f.stories[1],
        show(&f.allsides_pairwise),
        show(&f.allsides_bcubed)
    );
    println!(
        "allsides with times spread over 12 hours either way: pairwise {}",
        show(&f.allsides_spread_pairwise)
    );
    println!("mstream: {} stories; NMI {:.3}", f.stories[2], f.mstream_nmi);
}

/// Prints the figures for a grid of configurations around the recommended one, to retune it
/// when the scoring changes. Grid given as `PARALLAX_SWEEP="threshold=0.2,0.25 ..."`.
fn sweep(sets: &[Vec<Row>; 3]) {
    let spec = std::env::var("PARALLAX_SWEEP").unwrap_or_else(|_| "threshold=0.2,0.25,0.3".into());
    let mut grid = vec![Config::recommended()];
    for axis in spec.split_whitespace() {
        let Some((name, values)) = axis.split_once('=') else { continue };
        let mut next = Vec::new();
        for config in &grid {
            for value in values.split(',') {
                let value: f64 = value.parse().expect("a number");
                let mut config = config.clone();
                match name {
                    "threshold" => config.threshold = value,
                    "title_weight" => config.title_weight = value,
                    "entity_weight" => config.entity_weight = value,
                    "size_penalty" => config.size_penalty = value,
                    "merge_threshold" => config.merge_threshold = value,
                    "split_threshold" => config.split_threshold = value,
                    "time_scale_days" => config.time_scale_days = value,
                    "time_grace_days" => config.time_grace_days = value,
                    "short_doc_terms" => config.short_doc_terms = value,
                    "short_doc_floor" => config.short_doc_floor = value,
                    "max_df_share" => config.max_df_share = value,
                    "name_split_threshold" => config.name_split_threshold = value,
                    "rejoin_threshold" => config.rejoin_threshold = value,
                    "query_terms" => config.query_terms = value as usize,
                    "max_candidates" => config.max_candidates = value as usize,
                    "linkage" => {
                        config.linkage = match value as u8 {
                            0 => cluster::Linkage::Centroid,
                            _ => cluster::Linkage::CentroidOrSeed,
                        }
                    }
                    other => panic!("unknown sweep axis {other}"),
                }
                next.push(config);
            }
        }
        grid = next;
    }
    // The mean over the file order and three shuffles (`PARALLAX_EVAL_SEEDS` of them when
    // set), as one order's figure varies by a few hundredths with small changes on ECB+.
    let orders: Vec<Vec<Vec<Row>>> = (1..=shuffle_seeds())
        .map(|seed| sets.iter().map(|rows| shuffle(rows, seed)).collect())
        .collect();
    for config in grid {
        let f = measure(sets, &config);
        let mut mean = [f.ecb_pairwise.f1, f.allsides_pairwise.f1, f.mstream_nmi];
        for shuffled in &orders {
            let g = measure(shuffled, &config);
            mean[0] += g.ecb_pairwise.f1;
            mean[1] += g.allsides_pairwise.f1;
            mean[2] += g.mstream_nmi;
        }
        let n = 1.0 + orders.len() as f64;
        println!(
            "{}: ecb {:.3}/{:.3} allsides {:.3}/{:.3} (times spread {:.3}) mstream {:.3}; \
             mean of {} orders: ecb {:.3} allsides {:.3} mstream {:.3}",
            format_config(&config, &spec),
            f.ecb_pairwise.f1,
            f.ecb_bcubed.f1,
            f.allsides_pairwise.f1,
            f.allsides_bcubed.f1,
            f.allsides_spread_pairwise.f1,
            f.mstream_nmi,
            n,
            mean[0] / n,
            mean[1] / n,
            mean[2] / n
        );
    }
}

fn format_config(config: &Config, spec: &str) -> String {
    let all = format!("{config:?}");
    spec.split_whitespace()
        .filter_map(|axis| axis.split_once('=').map(|(name, _)| name))
        .map(|name| {
            let value = all
                .split(&format!("{name}: "))
                .nth(1)
                .and_then(|rest| rest.split([',', ' ']).next())
                .unwrap_or("?");
            format!("{name}={value}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn measure(sets: &[Vec<Row>], config: &Config) -> Figures {
    let (ecb_pred, ecb_stories) = cluster(&sets[0], config);
    let (allsides_pred, allsides_stories) = cluster(&sets[1], config);
    let (mstream_pred, mstream_stories) = cluster(&sets[2], config);
    let (spread_pred, _) = cluster(&spread_times(&sets[1], 12), config);
    let gold = |rows: &[Row]| -> Vec<(String, String)> {
        rows.iter().map(|row| (row.id.clone(), row.story.clone())).collect()
    };
    Figures {
        ecb_pairwise: metrics::pairwise(&ecb_pred, &gold(&sets[0])),
        ecb_bcubed: metrics::bcubed(&ecb_pred, &gold(&sets[0])),
        allsides_pairwise: metrics::pairwise(&allsides_pred, &gold(&sets[1])),
        allsides_bcubed: metrics::bcubed(&allsides_pred, &gold(&sets[1])),
        allsides_spread_pairwise: metrics::pairwise(&spread_pred, &gold(&sets[1])),
        mstream_nmi: metrics::nmi(&mstream_pred, &gold(&sets[2])),
        stories: [ecb_stories, allsides_stories, mstream_stories],
    }
}

/// The rows with each publication time moved by a fixed pseudo-random amount of up to `hours`
/// either way: AllSides gives every article of a story its story's time, and a clusterer
/// must not depend on that (outlets publish on one event hours apart).
fn spread_times(rows: &[Row], hours: i64) -> Vec<Row> {
    rows.iter()
        .enumerate()
        .map(|(idx, row)| {
            let hash = (idx as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 40;
            let minutes = (hash % (2 * 60 * hours as u64 + 1)) as i64 - 60 * hours;
            Row {
                id: row.id.clone(),
                title: row.title.clone(),
                body: row.body.clone(),
                published: row.published.map(|time| time + chrono::Duration::minutes(minutes)),
                language: row.language.clone(),
                story: row.story.clone(),
                copy_of: row.copy_of.clone(),
            }
        })
        .collect()
}

/// Clusters the rows in order; a copy goes to its original's story, as in the pipeline.
fn cluster(rows: &[Row], config: &Config) -> (Vec<(String, String)>, usize) {
    let mut clusterer = Clusterer::new(config.clone());
    for row in rows.iter().filter(|row| row.copy_of.is_none()) {
        clusterer.add(&row.doc());
    }
    let story_of: std::collections::HashMap<String, String> =
        clusterer.assignments().into_iter().collect();
    let pred: Vec<(String, String)> = rows
        .iter()
        .map(|row| {
            let key = row.copy_of.as_ref().unwrap_or(&row.id);
            (row.id.clone(), story_of[key].clone())
        })
        .collect();
    if let Some(dir) = std::env::var_os("PARALLAX_EVAL_DUMP") {
        // Predictions beside gold, one line per row, for looking at the errors; the first run
        // of a set is in file order, and later runs (shuffles) leave it.
        let path = PathBuf::from(dir).join(format!("pred-{}.tsv", rows.len()));
        let lines: Vec<String> = rows
            .iter()
            .zip(&pred)
            .map(|(row, (_, story))| {
                format!("{}\t{}\t{}\t{:?}", row.id, story, row.story, row.published)
            })
            .collect();
        if !path.exists() {
            std::fs::write(path, lines.join("\n")).expect("dump");
        }
    }
    let mut stories: Vec<&String> = story_of.values().collect();
    stories.sort();
    stories.dedup();
    (pred, stories.len())
}

/// A deterministic shuffle (Fisher-Yates over SplitMix64), with copies found again in the
/// new order.
fn shuffle(rows: &[Row], seed: u64) -> Vec<Row> {
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let mut order: Vec<usize> = (0..rows.len()).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, (next() % (i as u64 + 1)) as usize);
    }
    let mut shuffled: Vec<Row> = order
        .into_iter()
        .map(|i| {
            let row = &rows[i];
            Row {
                id: row.id.clone(),
                title: row.title.clone(),
                body: row.body.clone(),
                published: row.published,
                language: row.language.clone(),
                story: row.story.clone(),
                copy_of: None,
            }
        })
        .collect();
    mark_copies(&mut shuffled);
    shuffled
}

fn mark_copies(rows: &mut [Row]) {
    let mut deduper = dedupe::Deduper::new(dedupe::Config::recommended());
    for row in rows {
        let text = match &row.title {
            Some(title) => format!("{title}\n\n{}", row.body),
            None => row.body.clone(),
        };
        row.copy_of = deduper.add(&row.id, &text);
    }
}

fn data_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/clustering").join(name)
}

/// Reads a set of articles and extracts each as the pipeline does.
fn read(name: &str) -> Vec<Row> {
    read_path(&data_path(name), name)
}

/// Reads a JSONL file of articles (with gold stories when it has them), as `read` does.
fn read_path(path: &std::path::Path, name: &str) -> Vec<Row> {
    let text = std::fs::read_to_string(path).expect("evaluation data");
    let mut rows: Vec<Row> = text
        .lines()
        .enumerate()
        .map(|(line_idx, line)| {
            let value: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            let string = |key: &str| value[key].as_str().map(str::to_string);
            let mut raw = model::RawDocument::new(
                model::Origin { location: name.to_string(), line: Some(line_idx + 1), index: None },
                model::Content::Text(string("text").unwrap_or_default()),
            );
            raw.id = string("id");
            raw.url = string("url");
            raw.source = string("source");
            raw.published = string("published");
            raw.title = string("title");
            let (article, _) = extract::extract(&raw);
            Row {
                id: article.id,
                title: article.title,
                body: article.body,
                published: article.published,
                language: article.language,
                story: string("story").unwrap_or_default(),
                copy_of: None,
            }
        })
        .collect();
    mark_copies(&mut rows);
    rows
}

/// The bundled example (`examples/ecbplus`): its files in name order, as `parallax analyze`
/// reads a directory, with the gold stories of its `gold.jsonl`.
fn read_example() -> Vec<Row> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/ecbplus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("articles"))
        .expect("the example")
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    files.sort();
    let mut rows: Vec<Row> = files.iter().flat_map(|path| read_path(path, "example")).collect();
    let gold = std::fs::read_to_string(dir.join("gold.jsonl")).expect("the example's gold");
    let story_of: std::collections::HashMap<String, String> = gold
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            let field = |key: &str| value[key].as_str().unwrap_or_default().to_string();
            (field("id"), field("story"))
        })
        .collect();
    for row in &mut rows {
        row.story = story_of[&row.id].clone();
    }
    mark_copies(&mut rows);
    rows
}

/// MStream titles: already lower-cased and stemmed, fed as a body without a title.
fn read_mstream() -> Vec<Row> {
    let text = std::fs::read_to_string(data_path("mstream-news.jsonl")).expect("evaluation data");
    let mut rows: Vec<Row> = text
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            Row {
                id: value["Id"].as_str().unwrap_or_default().to_string(),
                title: None,
                body: value["textCleaned"].as_str().unwrap_or_default().to_string(),
                published: None,
                language: Some("en".to_string()),
                story: value["clusterNo"].to_string(),
                copy_of: None,
            }
        })
        .collect();
    mark_copies(&mut rows);
    rows
}

/// Random articles over a small vocabulary must neither slow down nor chain into one story;
/// and the cost per article must stay flat as the stream grows.
#[test]
fn eval_scale() {
    if std::env::var_os("PARALLAX_EVAL").is_none() {
        return;
    }
    let vocabulary: Vec<String> = (0..80)
        .map(|i| format!("word{}x", char::from(b'a' + i % 26)))
        .enumerate()
        .map(|(i, w)| format!("{w}{}", "q".repeat(i / 26 + 1)))
        .collect();
    let mut state = 7u64;
    let mut next = move || {
        state =
            state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    };
    let texts: Vec<String> = (0..10_000)
        .map(|_| (0..40).map(|_| vocabulary[next() % 80].as_str()).collect::<Vec<_>>().join(" "))
        .collect();
    let started = std::time::Instant::now();
    let mut clusterer = Clusterer::new(Config::recommended());
    for (idx, text) in texts.iter().enumerate() {
        let id = format!("r{idx}");
        clusterer.add(&Doc {
            id: &id,
            title: None,
            body: text,
            published: None,
            language: Some("en"),
        });
    }
    let mut sizes: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (_, story) in clusterer.assignments() {
        *sizes.entry(story).or_default() += 1;
    }
    let largest = sizes.values().copied().max().unwrap_or(0);
    let seconds = started.elapsed().as_secs_f64();
    println!("random small vocabulary: 10000 articles in {seconds:.2} s, largest story {largest}");
    assert!(largest < 100, "random articles chained into a story of {largest}");

    speed_dedupe_and_cluster();

    let mut rows = read("allsides-stories.jsonl");
    rows.extend(read("ecbplus-dev.jsonl"));
    let before = live_bytes();
    let mut clusterer = Clusterer::new(Config::recommended());
    let mut added = 0usize;
    for round in 0..12 {
        let started = std::time::Instant::now();
        add_round(&mut clusterer, &rows, round);
        added += rows.len();
        if round % 4 == 0 || round == 11 {
            let seconds = started.elapsed().as_secs_f64();
            println!(
                "after {added} articles: {:.0} articles/s in the last round, {} open stories",
                rows.len() as f64 / seconds,
                clusterer.open_stories()
            );
        }
    }
    // Steady state: the window holds the last `window_articles` arrivals' stories; what is
    // settled is handed over after each round, as a stream would.
    let held = live_bytes() - before;
    drop(clusterer);
    // The same stream with a window that closes every story at each sweep (256 arrivals):
    // the difference is what the 20,000 articles of the default window cost while active,
    // and what it holds after 6 and after 12 rounds tells whether memory stays flat.
    let before = live_bytes();
    let mut config = Config::recommended();
    config.window_articles = 0;
    config.window_days = 0.0;
    let mut small = Clusterer::new(config);
    let mut held_small = [0; 2];
    for round in 0..12 {
        add_round(&mut small, &rows, round);
        if round == 5 || round == 11 {
            held_small[usize::from(round == 11)] = live_bytes() - before;
        }
    }
    let active = Config::recommended().window_articles;
    println!(
        "memory after {added} articles: {:.1} MB with the default window ({active} arrivals), \
         {:.1} MB when every story closes within 256 arrivals: {:.0} bytes per active article; \
         with that small window, {:.1} MB after half the articles: {:.0} bytes per article \
         beyond the window",
        held as f64 / 1e6,
        held_small[1] as f64 / 1e6,
        (held - held_small[1]) as f64 / (active - 256) as f64,
        held_small[0] as f64 / 1e6,
        (held_small[1] - held_small[0]) as f64 / (added / 2) as f64,
    );
}

/// Adds `rows` as round `round` of a repeated stream: the same texts under new ids, a month
/// later per round; then hands over what is settled.
fn add_round(clusterer: &mut Clusterer, rows: &[Row], round: i64) {
    for row in rows {
        let id = format!("{}-{round}", row.id);
        let published = row.published.map(|time| time + chrono::Duration::days(30 * round));
        clusterer.add(&Doc { id: &id, published, ..row.doc() });
    }
    clusterer.drain_settled();
}

/// Dedupe and clustering on the stream of the end-to-end benchmark (`bench/src/main.rs`):
/// the real texts of the shared data, then the same texts again with one paragraph dropped
/// under other ids; articles are extracted beforehand, so only the two online steps are
/// timed, at 10,000 and 100,000 articles (the cost per article must stay flat).
fn speed_dedupe_and_cluster() {
    let base = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    let texts = testkit::corpus::read_texts(&base).expect("the shared data");
    let articles: Vec<model::Article> = texts
        .iter()
        .enumerate()
        .map(|(idx, (title, text))| {
            let mut raw = model::RawDocument::new(
                model::Origin { location: "bench".to_string(), line: Some(idx + 1), index: None },
                model::Content::Text(text.clone()),
            );
            raw.title = title.clone();
            extract::extract(&raw).0
        })
        .collect();
    for n in [10_000usize, 100_000] {
        let stream: Vec<(String, Option<String>, String)> = (0..n)
            .map(|i| {
                let round = i / articles.len();
                let article = &articles[i % articles.len()];
                (format!("a{i}"), article.title.clone(), trimmed(&article.body, round))
            })
            .collect();
        let started = std::time::Instant::now();
        let cpu_started = thread_cpu_seconds();
        let bytes_before = live_bytes();
        let mut deduper = dedupe::Deduper::new(dedupe::Config::recommended());
        let mut clusterer = Clusterer::new(Config::recommended());
        let (mut copies, mut text) = (0usize, String::new());
        let mut dedupe_seconds = 0.0;
        for (id, title, body) in &stream {
            let dedupe_started = std::time::Instant::now();
            text.clear();
            if let Some(title) = title {
                text.push_str(title);
                text.push_str("\n\n");
            }
            text.push_str(body);
            let copy = deduper.add(id, &text);
            dedupe_seconds += dedupe_started.elapsed().as_secs_f64();
            if copy.is_some() {
                copies += 1;
                continue;
            }
            clusterer.add(&Doc {
                id,
                title: title.as_deref(),
                body,
                published: None,
                language: Some("en"),
            });
        }
        let seconds = started.elapsed().as_secs_f64();
        let open_stories = clusterer.open_stories();
        drop(clusterer);
        let bytes_deduper = live_bytes() - bytes_before;
        println!(
            "memory: the deduper holds {:.0} bytes per original ({} originals)",
            bytes_deduper as f64 / deduper.len() as f64,
            deduper.len()
        );
        // On a shared machine the wall clock counts other processes' turns: the thread's own
        // CPU time tells what the two steps cost.
        let cpu = match (cpu_started, thread_cpu_seconds()) {
            (Some(start), Some(end)) => {
                format!("; {:.0} articles per CPU second", n as f64 / (end - start))
            }
            _ => String::new(),
        };
        println!(
            "dedupe + cluster, {n} articles ({} texts, {copies} copies): {:.0} articles/s{cpu} \
             (dedupe {dedupe_seconds:.2} s, cluster {:.2} s), {} open stories",
            articles.len(),
            n as f64 / seconds,
            seconds - dedupe_seconds,
            open_stories
        );
    }
}

/// CPU time of the calling thread so far, from Linux's `/proc/thread-self/schedstat`.
fn thread_cpu_seconds() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: f64 = text.split_whitespace().next()?.parse().ok()?;
    Some(nanos / 1e9)
}

mod properties {
    use chrono::{DateTime, FixedOffset};
    use cluster::{Clusterer, Config, Doc};
    use proptest::prelude::*;

    const WORDS: &[&str] = &[
        "quake",
        "Chile",
        "Iquique",
        "tsunami",
        "budget",
        "Dutch",
        "vote",
        "the",
        "a",
        "of",
        "7.1",
        "2025",
        "Lohan",
        "rehab",
        "Betty",
        "Ford",
        "patch",
        "Microsoft",
        "IE",
        "AK-47",
        "",
        "é",
        "—",
        "\n\n",
        "Straße",
        "北京",
        "...",
    ];

    /// One article: its words, whether it has a title, its day (none, or any of 40 years
    /// around 2020, far apart as a stream can be) and its language tag.
    fn doc() -> impl Strategy<Value = (Vec<usize>, bool, Option<i64>, usize)> {
        (
            proptest::collection::vec(0..WORDS.len(), 0..60),
            any::<bool>(),
            proptest::option::of(-7_300i64..7_300),
            0..4usize,
        )
    }

    fn day(offset: i64) -> DateTime<FixedOffset> {
        let base = DateTime::parse_from_rfc3339("2020-01-01T12:00:00+00:00").unwrap();
        base + chrono::Duration::days(offset)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(testkit::cases(200)))]

        /// Any stream of articles, however short, empty, undated or far apart in time, is
        /// clustered without panic; every article gets one story, and a clusterer saved and
        /// restored part-way goes on as the one never saved.
        #[test]
        fn any_stream_clusters_and_restores(
            docs in proptest::collection::vec(doc(), 1..40),
            cut_at in 0usize..40,
        ) {
            let texts: Vec<String> = docs.iter().map(|(words, _, _, _)| {
                words.iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" ")
            }).collect();
            let ids: Vec<String> = (0..docs.len()).map(|i| format!("d{i}")).collect();
            let languages = [None, Some("en"), Some("de"), Some("zz")];
            let config = Config { window_articles: 10, window_days: 2.0, ..Config::recommended() };
            let (mut whole, mut cut) = (Clusterer::new(config.clone()), Clusterer::new(config));
            for (idx, (_, titled, published, language)) in docs.iter().enumerate() {
                let doc = Doc {
                    id: &ids[idx],
                    title: titled.then(|| texts[idx].as_str()),
                    body: &texts[idx],
                    published: published.map(day),
                    language: languages[*language],
                };
                prop_assert_eq!(whole.add(&doc), cut.add(&doc));
                if idx == cut_at {
                    let bytes = postcard::to_stdvec(&cut).unwrap();
                    cut = postcard::from_bytes(&bytes).unwrap();
                }
            }
            let assignments = whole.assignments();
            prop_assert_eq!(&assignments, &cut.assignments());
            let mut assigned: Vec<&String> = assignments.iter().map(|(article, _)| article).collect();
            assigned.sort();
            let mut expected: Vec<&String> = ids.iter().collect();
            expected.sort();
            prop_assert_eq!(assigned, expected);
        }
    }
}
