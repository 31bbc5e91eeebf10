//! The `parallax` binary: flags -> `pipeline::Config` -> calls into the pipeline; printing
//! lives here and nowhere else.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod args;
mod bar;
mod eval;
mod feeds;
mod render;

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;
use model::{Diagnostic, Severity};
use pipeline::Progress;

use crate::args::{Args, Command, Eval, FetchArgs, Format, Output};

/// Exit codes, as `--help` documents them.
const EXIT_ERROR: u8 = 1;
const EXIT_SKIPPED: u8 = 3;

fn main() -> ExitCode {
    let args = Args::parse();
    init_logging(&args);
    match run(&args) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                // Piping into `head` is not an error.
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {err:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn init_logging(args: &Args) {
    let default = if args.quiet {
        "error"
    } else if args.verbose {
        "debug"
    } else {
        "warn"
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("PARALLAX_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(io::stderr)
        .with_ansi(io::stderr().is_terminal())
        .with_target(false)
        .init();
}

fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let mut config = pipeline::Config::recommended();
    if let Some(words) = args.summary_words {
        config.compare.summary_words = words;
    }
    if let Some(dir) = &args.model {
        config.compare.encoder =
            Some(embed::encoder(dir).context("cannot load the sentence model")?);
    }
    if let Some(threads) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global()
            .context("cannot set up the thread pool")?;
    }
    let progress = bar::Bar::new(args.quiet);
    match &args.command {
        Command::Analyze { inputs, output, fetch } => {
            analyze(args, inputs, output, fetch, &config, &progress)
        }
        Command::Ingest { inputs, fetch } => ingest(args, inputs, fetch, &config, &progress),
        Command::Feeds(command) => feeds::run(args, command, &config, &progress),
        Command::Stories { output, limit } => stories(args, output, *limit, &config, &progress),
        Command::Story { id, output } => story(args, id, output, &config, &progress),
        Command::Serve { addr, token, index } => {
            let mut server_config = server::ServerConfig::new(args.db.clone().into());
            server_config.addr = *addr;
            server_config.token = token.clone().filter(|token| !token.is_empty());
            server_config.index_dir = index.as_ref().map(Into::into);
            server_config.pipeline = config;
            if !args.quiet {
                eprintln!("serving {} on http://{addr}/", args.db_name());
            }
            server::serve(server_config)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(Eval::Clusters { gold, report, output }) => {
            let eval = eval::clusters(gold, report.as_deref(), &config, &progress)?;
            let text = match output.format() {
                Format::Json => render::json(&eval)?,
                Format::Markdown | Format::Text => eval::render(&eval),
            };
            write_output(output.output.as_deref(), &text)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(Eval::Extract { benchmarks, work, output }) => {
            let eval = eval::extraction(benchmarks, work.as_deref(), &config)?;
            report_diagnostics(args, &eval.diagnostics);
            let text = match output.format() {
                Format::Json => render::json(&eval)?,
                Format::Markdown | Format::Text => eval::render_extraction(&eval),
            };
            write_output(output.output.as_deref(), &text)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// A fetcher when some input is a URL (setting one up costs a TLS context).
fn fetcher_for(inputs: &[String], fetch: &FetchArgs) -> anyhow::Result<Option<pipeline::Fetcher>> {
    if !inputs.iter().any(|it| pipeline::is_url(it)) {
        return Ok(None);
    }
    Ok(Some(fetcher(fetch)?))
}

/// A fetcher with the user's fetch flags over the polite defaults.
pub(crate) fn fetcher(fetch: &FetchArgs) -> anyhow::Result<pipeline::Fetcher> {
    let config = pipeline::FetchConfig {
        allow_private: fetch.allow_private,
        host_min_delay: fetch.host_delay,
        ..pipeline::FetchConfig::default()
    };
    pipeline::Fetcher::new(config).context("cannot set up the HTTP client")
}

fn analyze(
    args: &Args,
    inputs: &[String],
    output: &Output,
    fetch: &FetchArgs,
    config: &pipeline::Config,
    progress: &dyn Progress,
) -> anyhow::Result<ExitCode> {
    let fetcher = fetcher_for(inputs, fetch)?;
    let (articles, load) = pipeline::load_all_from(inputs, fetcher.as_ref(), config, progress);
    report_diagnostics(args, &load.diagnostics);
    let report = pipeline::analyze(&articles, config, progress);
    let text = match output.format() {
        Format::Json => render::json(&report)?,
        Format::Markdown => render::markdown(&report),
        Format::Text => render::text(&report, output.color()),
    };
    write_output(output.output.as_deref(), &text)?;
    Ok(exit_code(&load))
}

fn ingest(
    args: &Args,
    inputs: &[String],
    fetch: &FetchArgs,
    config: &pipeline::Config,
    progress: &dyn Progress,
) -> anyhow::Result<ExitCode> {
    let fetcher = fetcher_for(inputs, fetch)?;
    let mut store = open_store(&args.db)?;
    let outcome = pipeline::ingest_from(&mut *store, inputs, fetcher.as_ref(), config, progress)
        .with_context(|| format!("ingest into {} failed", args.db_name()))?;
    report_diagnostics(args, &outcome.load.diagnostics);
    if !args.quiet {
        eprintln!(
            "{}",
            stored_summary(
                outcome.load.articles,
                [outcome.inserted, outcome.updated, outcome.unchanged],
                &outcome.analysis,
                &args.db_name()
            )
        );
    }
    Ok(exit_code(&outcome.load))
}

/// What an ingest did to the store, in one line: articles read, `[new, updated, unchanged]`,
/// the stories there are now and how many of them were compared again.
pub(crate) fn stored_summary(
    articles: usize,
    changes: [usize; 3],
    analysis: &pipeline::Analysis,
    db: &str,
) -> String {
    let [new, updated, unchanged] = changes;
    let pipeline::Analysis { stories, compared, .. } = analysis;
    format!(
        "{articles} articles read: {new} new, {updated} updated, {unchanged} unchanged; \
         {stories} stories in {db} ({compared} new or changed)"
    )
}

fn stories(
    args: &Args,
    output: &Output,
    limit: Option<usize>,
    config: &pipeline::Config,
    progress: &dyn Progress,
) -> anyhow::Result<ExitCode> {
    let mut store = open_existing_store(&args.db)?;
    refresh_if_stale(&mut *store, config, progress)?;
    let mut listings = store.stories()?;
    if let Some(limit) = limit {
        listings.truncate(limit);
    }
    let text = match output.format() {
        Format::Json => {
            render::json(&listings.iter().map(render::listing_json).collect::<Vec<_>>())?
        }
        Format::Markdown => render::listings_markdown(&listings),
        Format::Text => render::listings_text(&listings, output.color()),
    };
    write_output(output.output.as_deref(), &text)?;
    Ok(ExitCode::SUCCESS)
}

fn story(
    args: &Args,
    id: &str,
    output: &Output,
    config: &pipeline::Config,
    progress: &dyn Progress,
) -> anyhow::Result<ExitCode> {
    let mut store = open_existing_store(&args.db)?;
    refresh_if_stale(&mut *store, config, progress)?;
    let Some(story) = store.story(id)? else {
        anyhow::bail!("no story {id} in {} (see `parallax stories`)", args.db_name());
    };
    let mut articles = Vec::with_capacity(story.articles.len());
    for article_id in &story.articles {
        if let Some(stored) = store.article(article_id)? {
            let assignment = pipeline::Assignment {
                duplicate_of: stored.duplicate_of.clone(),
                story: story.id.clone(),
            };
            articles.push(pipeline::report_article(&stored.article, assignment));
        }
    }
    let report = model::report::Report { articles, stories: vec![story] };
    let text = match output.format() {
        Format::Json => render::json(&report)?,
        Format::Markdown => render::markdown(&report),
        Format::Text => render::text(&report, output.color()),
    };
    write_output(output.output.as_deref(), &text)?;
    Ok(ExitCode::SUCCESS)
}

/// Opens the store `--db` names: a SQLite file, or a PostgreSQL database by URL.
pub(crate) fn open_store(location: &str) -> anyhow::Result<Box<dyn store::Store>> {
    store::open(location)
        .with_context(|| format!("cannot open store {}", store::display_location(location)))
}

/// Whether `--db` names a store that may hold something: a SQLite file that exists, or any
/// database (it exists or the connection says so).
pub(crate) fn store_exists(location: &str) -> bool {
    store::is_postgres(location) || Path::new(location).exists()
}

pub(crate) fn open_existing_store(location: &str) -> anyhow::Result<Box<dyn store::Store>> {
    if !store_exists(location) {
        anyhow::bail!("no store at {location}: run `parallax ingest PATH --db {location}` first");
    }
    open_store(location)
}

/// An interrupted ingest leaves articles without stories; finish its analysis first.
fn refresh_if_stale(
    store: &mut dyn store::Store,
    config: &pipeline::Config,
    progress: &dyn Progress,
) -> anyhow::Result<()> {
    if pipeline::store_is_stale(store)? {
        tracing::info!("Store has articles without stories; analysing them first.");
        pipeline::reanalyze(store, config, progress)?;
    }
    Ok(())
}

pub(crate) fn report_diagnostics(args: &Args, diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        if diagnostic.severity == Severity::Error || !args.quiet {
            eprintln!("{diagnostic}");
        }
    }
    let skipped = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    if skipped > 0 && !args.quiet {
        eprintln!("{skipped} inputs skipped");
    }
}

pub(crate) fn exit_code(load: &pipeline::LoadOutcome) -> ExitCode {
    if load.skipped_any() {
        ExitCode::from(EXIT_SKIPPED)
    } else {
        ExitCode::SUCCESS
    }
}

pub(crate) fn write_output(path: Option<&str>, text: &str) -> anyhow::Result<()> {
    match path {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("cannot write {path}"))?;
        }
        None => {
            let mut stdout = io::stdout().lock();
            stdout.write_all(text.as_bytes())?;
            stdout.flush()?;
        }
    }
    Ok(())
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}
