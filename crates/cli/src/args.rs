//! The command line, as clap sees it: a literal image of the flags, validated, nothing built.

use std::io::{self, IsTerminal};

use clap::{Parser, Subcommand, ValueEnum};

const ABOUT: &str = "Parallax groups news articles from many outlets into stories and compares, \
fact by fact, what each outlet reports.";

const AFTER_HELP: &str = "\
Exit codes: 0 ok, 1 error, 2 usage, 3 some inputs were skipped (each is named on stderr).

Examples:
  parallax analyze examples/ecbplus/
  parallax analyze articles/ --format markdown --output report.md
  cat feed.jsonl | parallax analyze - --format json
  parallax ingest articles/ --db news.db && parallax stories --db news.db";

#[derive(Debug, Parser)]
#[command(name = "parallax", version, about = ABOUT, after_help = AFTER_HELP)]
pub(crate) struct Args {
    #[command(subcommand)]
    pub(crate) command: Command,

    /// The embedded store.
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

    /// Words in each story's summary.
    #[arg(long, global = true, value_name = "N")]
    pub(crate) summary_words: Option<usize>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Read articles and print, for each story, which outlets covered it and what each reported.
    #[command(after_help = "\
Inputs: .txt, .html, .htm, .json, .jsonl and .gz of those; directories recursively; - for JSONL \
on stdin. Nothing is stored.

Examples:
  parallax analyze examples/ecbplus/
  parallax analyze a.txt b.html feed.jsonl.gz --format json --output report.json
  parallax analyze - --format markdown < articles.jsonl")]
    Analyze {
        /// Files, directories, or - for JSONL on stdin.
        #[arg(required = true, value_name = "PATH")]
        inputs: Vec<String>,
        #[command(flatten)]
        output: Output,
    },
    /// Store articles in the embedded store and update its stories.
    #[command(after_help = "\
Ingesting the same article again changes nothing; an article with a known id and new content is \
updated. Each batch is committed before the next is read.

Examples:
  parallax ingest articles/
  parallax ingest feed.jsonl --db news.db")]
    Ingest {
        /// Files, directories, or - for JSONL on stdin.
        #[arg(required = true, value_name = "PATH")]
        inputs: Vec<String>,
    },
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
    #[command(subcommand)]
    Eval(Eval),
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
