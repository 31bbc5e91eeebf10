//! The command line, as clap sees it: a literal image of the flags, validated, nothing built.

use std::io::{self, IsTerminal};
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};

const ABOUT: &str = "Parallax groups news articles from many outlets into stories and compares, \
fact by fact, what each outlet reports.";

const AFTER_HELP: &str = "\
Exit codes: 0 ok, 1 error, 2 usage, 3 some inputs were skipped (each is named on stderr).

Examples:
  parallax analyze examples/ecbplus/
  parallax analyze articles/ --format markdown --output report.md
  cat feed.jsonl | parallax analyze - --format json
  parallax ingest articles/ --db news.db && parallax stories --db news.db
  parallax ingest https://news.example/2026/11/harbour-opens --db news.db
  parallax feeds add https://news.example/rss.xml && parallax feeds poll --every 15m";

#[derive(Debug, Parser)]
#[command(name = "parallax", version, about = ABOUT, after_help = AFTER_HELP)]
pub(crate) struct Args {
    #[command(subcommand)]
    pub(crate) command: Command,

    /// The store: a SQLite file (created if missing), or a PostgreSQL database by URL
    /// (postgres://USER@HOST/DATABASE; give a password through PARALLAX_DB rather than the
    /// command line).
    #[arg(long, global = true, env = "PARALLAX_DB", default_value = "parallax.db")]
    pub(crate) db: String,

    /// Print only errors: no progress bar, no warnings.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub(crate) quiet: bool,

    /// Print debug logs on stderr (PARALLAX_LOG=target=level for finer control).
    #[arg(long, short, global = true)]
    pub(crate) verbose: bool,

    /// Worker threads (default: one per core). Results do not depend on it.
    #[arg(long, global = true, env = "PARALLAX_THREADS")]
    pub(crate) threads: Option<usize>,

    /// Words in each story's summary, about: the last whole sentence may run up to 15% past.
    #[arg(long, global = true, value_name = "N")]
    pub(crate) summary_words: Option<usize>,

    /// A sentence embedding model (the directory of all-MiniLM-L6-v2's config.json,
    /// tokenizer.json and model.safetensors; see the README): facts are then also aligned
    /// when outlets say the same thing in other words. Much slower: tens of articles a second.
    #[arg(long, global = true, env = "PARALLAX_MODEL", value_name = "DIR")]
    pub(crate) model: Option<std::path::PathBuf>,
}

impl Args {
    /// The store as messages name it: a database URL without its password.
    pub(crate) fn db_name(&self) -> String {
        store::display_location(&self.db)
    }
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Read articles and print, for each story, which outlets covered it and what each reported.
    #[command(after_help = "\
Inputs: .txt, .html, .htm, .json, .jsonl, .warc and .gz of those; directories recursively; - for \
JSONL on stdin; http:// and https:// URLs of web pages (fetched after the files, politely: \
robots.txt, a delay per host, size and time limits). Nothing is stored.

Examples:
  parallax analyze examples/ecbplus/
  parallax analyze a.txt b.html feed.jsonl.gz --format json --output report.json
  parallax analyze - --format markdown < articles.jsonl
  parallax analyze https://news.example/a https://other.example/b --format markdown")]
    Analyze {
        /// Files, directories, URLs, or - for JSONL on stdin.
        #[arg(required = true, value_name = "PATH|URL")]
        inputs: Vec<String>,
        #[command(flatten)]
        output: Output,
        #[command(flatten)]
        fetch: FetchArgs,
    },
    /// Store articles in the embedded store and update its stories.
    #[command(after_help = "\
Ingesting the same article again changes nothing; an article with a known id and new content is \
updated. Each batch is committed before the next is read. A page fetched by URL takes its id from \
its address, so fetching it again updates it. A URL that cannot be fetched is named on stderr \
with the reason, and the rest goes on (exit code 3). Stories compared with other settings \
(--summary-words, --model) or by another version are compared again, even when no article is new.

Examples:
  parallax ingest articles/
  parallax ingest feed.jsonl --db news.db
  parallax ingest crawl.warc.gz https://news.example/2026/11/harbour-opens
  parallax ingest http://localhost:8000/page.html --allow-private")]
    Ingest {
        /// Files, directories, URLs, or - for JSONL on stdin.
        #[arg(required = true, value_name = "PATH|URL")]
        inputs: Vec<String>,
        #[command(flatten)]
        fetch: FetchArgs,
    },
    /// Follow RSS, Atom and JSON feeds: add, list, remove, and poll them into the store.
    #[command(
        subcommand,
        after_help = "\
Examples:
  parallax feeds add https://news.example/rss.xml
  parallax feeds poll
  parallax feeds poll --every 15m
  parallax feeds list
  parallax feeds remove https://news.example/rss.xml"
    )]
    Feeds(Feeds),
    /// List the stored stories, most covered first.
    #[command(after_help = "\
Examples:
  parallax stories
  parallax stories --db news.db --limit 10 --format json")]
    Stories {
        #[command(flatten)]
        output: Output,
        /// Show at most N stories.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
    },
    /// Print one stored story with its articles.
    #[command(after_help = "\
Examples:
  parallax story s1a2b3c4d5e6f
  parallax story s1a2b3c4d5e6f --format markdown --output story.md")]
    Story {
        /// The story id, as `parallax stories` shows it.
        id: String,
        #[command(flatten)]
        output: Output,
    },
    /// Serve the web UI and the JSON API on the store.
    #[command(after_help = "\
Pages: / (stories), /stories/ID, /search. API: /api/stories, /api/stories/ID, /api/articles/ID, \
/api/search, POST /api/articles (needs the token), /api/health, /openapi.json.

Examples:
  parallax serve
  parallax serve --db news.db --addr 0.0.0.0:8080 --token \"$(cat token.txt)\"")]
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Bearer token for the write endpoints; without one they are disabled.
        #[arg(long, env = "PARALLAX_TOKEN", hide_env_values = true)]
        token: Option<String>,
        /// Full-text index directory (default: beside the store, DB.index).
        #[arg(long, value_name = "DIR")]
        index: Option<String>,
    },
    /// Measure quality against gold data.
    #[command(
        subcommand,
        after_help = "\
Examples:
  parallax eval clusters ../shared/data/clustering/ecbplus-dev.jsonl
  parallax eval extract ../shared/data/extraction/aeb"
    )]
    Eval(Eval),
}

#[derive(Debug, Subcommand)]
pub(crate) enum Feeds {
    /// Follow a feed (RSS, Atom or JSON Feed); `feeds poll` fetches it.
    #[command(after_help = "\
Examples:
  parallax feeds add https://news.example/rss.xml
  parallax feeds add https://news.example/atom.xml --db news.db")]
    Add {
        /// The feed's address (http or https).
        #[arg(value_parser = parse_web_url)]
        url: String,
    },
    /// List the followed feeds: when each was last polled, its last error, and how many of its
    /// entries are stored, waiting for a retry, or given up.
    #[command(after_help = "\
Examples:
  parallax feeds list
  parallax feeds list --format json")]
    List {
        #[command(flatten)]
        output: Output,
    },
    /// Stop following a feed (its stored articles stay).
    #[command(after_help = "\
Examples:
  parallax feeds remove https://news.example/rss.xml")]
    Remove {
        /// The feed's address, as `feeds list` shows it.
        url: String,
    },
    /// Poll every followed feed once and store the articles not stored yet.
    #[command(after_help = "\
Each feed is fetched with a conditional GET (the ETag and Last-Modified of its last poll), and \
the pages of its entries not tried before are fetched, extracted and stored; the stories are then \
updated. A feed or page that fails is named on stderr with the reason and recorded (see `feeds \
list`); the other feeds go on, and the exit code is 3. A page that failed in a way that may pass \
(a timeout, a 5xx) is tried again on the next polls, up to five times; one that failed for good \
(a 404, not HTML) is not.

Examples:
  parallax feeds poll
  parallax feeds poll --db news.db --every 30m
  parallax feeds poll --allow-private --host-delay 0s")]
    Poll {
        /// Keep polling, waiting DURATION (e.g. 90s, 15m, 1h) between the starts of two polls.
        #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
        every: Option<Duration>,
        #[command(flatten)]
        fetch: FetchArgs,
    },
}

/// How pages and feeds are fetched.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct FetchArgs {
    /// Allow fetching loopback, private and link-local addresses (refused by default).
    #[arg(long)]
    pub(crate) allow_private: bool,
    /// Least time between two requests to one host (a robots.txt Crawl-delay can raise it).
    #[arg(long, value_name = "DURATION", default_value = "1s", value_parser = parse_duration)]
    pub(crate) host_delay: Duration,
}

/// A duration as a number and a unit (`ms`, `s`, `m`, `h`); a bare number is seconds.
pub(crate) fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let value: f64 =
        number.parse().map_err(|_| format!("{text:?} is not a duration (try 30s, 15m or 1h)"))?;
    let seconds = match unit.trim() {
        "ms" => value / 1000.0,
        "" | "s" => value,
        "m" | "min" => value * 60.0,
        "h" => value * 3600.0,
        other => return Err(format!("unknown unit {other:?} in {text:?} (use ms, s, m or h)")),
    };
    Duration::try_from_secs_f64(seconds).map_err(|err| format!("{text:?}: {err}"))
}

/// An http or https URL with a host.
fn parse_web_url(text: &str) -> Result<String, String> {
    let rest = pipeline::is_url(text).then(|| text.split_once("://").map(|it| it.1)).flatten();
    match rest {
        Some(rest) if !rest.is_empty() && !rest.starts_with('/') => Ok(text.to_string()),
        _ => Err(format!("{text:?} is not an http:// or https:// URL")),
    }
}

#[derive(Debug, Subcommand)]
pub(crate) enum Eval {
    /// Cluster the articles of a gold file and score the stories against its labels:
    /// pairwise and BCubed precision, recall and F1 (definitions of
    /// ../shared/tools/score_clusters.py).
    #[command(after_help = "\
The gold file is JSONL: an id (id or Id), a gold story (story or clusterNo) and the article (text \
or textCleaned; title, published, source and url when present), as in ../shared/data/clustering.

Examples:
  parallax eval clusters ../shared/data/clustering/ecbplus-dev.jsonl
  parallax eval clusters gold.jsonl --report report.json --format json")]
    Clusters {
        /// The gold JSONL file.
        gold: String,
        /// Score this report instead of clustering the gold file's articles.
        #[arg(long, value_name = "REPORT.json")]
        report: Option<String>,
        #[command(flatten)]
        output: Output,
    },
    /// Extract the pages of extraction benchmarks, write each benchmark's own prediction
    /// format, run its own scorer (python3 evaluate.py), and score title, author and date by
    /// exact match where the benchmark has them.
    #[command(after_help = "\
Benchmarks are recognised by their layout: the ScrapingHub article-extraction-benchmark \
(ground-truth.json, html/*.html.gz, evaluate.py: 4-gram F1) and WCXB (ground-truth/*.json, \
html/*.html.gz, evaluate.py: word F1); a .tar.gz of either is unpacked first. Pages are read \
as `parallax ingest` reads them. Exact match: whitespace-normalised equal text for title and \
author, the same day for the date, over the pages whose ground truth has the field. Speed is \
extraction only, on one thread.

Examples:
  parallax eval extract ../shared/data/extraction/aeb
  parallax eval extract ../shared/data/extraction/aeb ../shared/data/extraction/wcxb-dev-articles.tar.gz
  parallax eval extract wcxb-dev-articles/ --work /tmp/wcxb-run --format json")]
    Extract {
        /// Benchmark directories or .tar.gz archives.
        #[arg(required = true, value_name = "DIR|TAR.gz")]
        benchmarks: Vec<String>,
        /// Keep the predictions and the scorers' working files in DIR (default: a temporary
        /// directory, removed afterwards).
        #[arg(long, value_name = "DIR")]
        work: Option<String>,
        #[command(flatten)]
        output: Output,
    },
}

#[derive(Debug, clap::Args)]
pub(crate) struct Output {
    /// Output format; a readable summary by default.
    #[arg(long, value_enum)]
    pub(crate) format: Option<Format>,
    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub(crate) output: Option<String>,
}

impl Output {
    pub(crate) fn format(&self) -> Format {
        self.format.unwrap_or(Format::Text)
    }

    /// Colors only for a terminal, and never into a file.
    pub(crate) fn color(&self) -> bool {
        self.output.is_none()
            && io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// The report of ../shared/CONTRACT.md.
    Json,
    /// The report for people, with a coverage table per story.
    Markdown,
    /// A readable summary.
    Text,
}
