//! Renderings of the report: JSON (the contract), Markdown and a terminal summary.
//!
//! Markdown and text show coverage at a glance: facts as rows, outlets as columns, and each
//! outlet's exclusives.

use std::collections::HashMap;
use std::fmt::Write;

use model::report::{Entity, EntityKind, Report, Story};
use store::StoryListing;

/// Facts shown per story in the terminal; Markdown shows them all.
const TEXT_SHARED_FACTS: usize = 5;
const TEXT_EXCLUSIVES_PER_SOURCE: usize = 2;

pub(crate) fn json<T: serde::Serialize + ?Sized>(value: &T) -> anyhow::Result<String> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    Ok(text)
}

pub(crate) fn listing_json(listing: &StoryListing) -> serde_json::Value {
    serde_json::json!({
        "id": listing.id,
        "title": listing.title,
        "articles": listing.article_count,
        "sources": listing.sources,
        "first_published": listing.first_published,
        "last_published": listing.last_published,
    })
}

/// Citation numbers: the position of each article in its story, from 1.
struct Citations<'a> {
    number: HashMap<&'a str, usize>,
}

impl<'a> Citations<'a> {
    fn new(story: &'a Story) -> Citations<'a> {
        let number =
            story.articles.iter().enumerate().map(|(i, id)| (id.as_str(), i + 1)).collect();
        Citations { number }
    }

    fn cite(&self, ids: &[String]) -> String {
        let mut numbers: Vec<usize> =
            ids.iter().filter_map(|id| self.number.get(id.as_str()).copied()).collect();
        numbers.sort_unstable();
        numbers.dedup();
        numbers.iter().map(|n| format!("[{n}]")).collect()
    }
}

pub(crate) fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let sources: std::collections::BTreeSet<&str> =
        report.articles.iter().map(|a| a.source.as_str()).collect();
    let _ = writeln!(out, "# Parallax report\n");
    let _ = writeln!(
        out,
        "{} articles from {} outlets in {} stories.\n",
        report.articles.len(),
        sources.len(),
        report.stories.len()
    );
    let by_id: HashMap<&str, &model::report::ReportArticle> =
        report.articles.iter().map(|a| (a.id.as_str(), a)).collect();
    for (idx, story) in report.stories.iter().enumerate() {
        story_markdown(&mut out, idx + 1, story, &by_id);
    }
    out
}

fn story_markdown(
    out: &mut String,
    number: usize,
    story: &Story,
    by_id: &HashMap<&str, &model::report::ReportArticle>,
) {
    let cites = Citations::new(story);
    let _ = writeln!(out, "## {number}. {}\n", md_inline(&story.title));
    let _ = writeln!(
        out,
        "Story `{}` · {} articles · {} outlets: {}{}\n",
        story.id,
        story.articles.len(),
        story.sources.len(),
        story.sources.join(", "),
        span(story).map(|s| format!(" · {s}")).unwrap_or_default()
    );
    if !story.summary.is_empty() {
        let _ = writeln!(out, "### Summary\n");
        for sentence in &story.summary {
            let _ =
                write!(out, "{} {} ", md_inline(&sentence.text), cites.cite(&sentence.articles));
        }
        let _ = writeln!(out, "\n");
    }
    if !story.facts.is_empty() && story.sources.len() > 1 {
        let _ = writeln!(out, "### Coverage\n");
        let _ = write!(out, "| Fact |");
        for source in &story.sources {
            let _ = write!(out, " {} |", md_cell(source));
        }
        let _ = write!(out, "\n|---|");
        for _ in &story.sources {
            let _ = write!(out, ":-:|");
        }
        out.push('\n');
        for fact in &story.facts {
            let exclusive = fact.sources.len() == 1;
            let text = md_cell(&fact.text);
            let _ = write!(out, "| {}{} |", if exclusive { "*only:* " } else { "" }, text);
            for source in &story.sources {
                let mark = if fact.sources.contains(source) { "●" } else { "" };
                let _ = write!(out, " {mark} |");
            }
            out.push('\n');
        }
        out.push('\n');
    } else if !story.facts.is_empty() {
        let _ = writeln!(out, "### Facts\n");
        for fact in &story.facts {
            let _ = writeln!(out, "- {} {}", md_inline(&fact.text), cites.cite(&fact.articles));
        }
        out.push('\n');
    }
    if !story.quotes.is_empty() {
        let _ = writeln!(out, "### Quotes\n");
        for quote in &story.quotes {
            let speaker = quote.speaker.as_deref().unwrap_or("unknown speaker");
            let _ = writeln!(
                out,
                "- “{}” — {} {}",
                md_inline(&nested_quotes_single(&quote.text)),
                md_inline(speaker),
                cites.cite(&quote.articles)
            );
        }
        out.push('\n');
    }
    if !story.numbers.is_empty() {
        let _ = writeln!(out, "### Numbers\n");
        for number in &story.numbers {
            let _ =
                writeln!(out, "- {} {}", md_inline(&number.label()), cites.cite(&number.articles));
        }
        out.push('\n');
    }
    if !story.conflicts.is_empty() {
        let _ = writeln!(out, "### Where outlets disagree\n");
        for conflict in &story.conflicts {
            let claims: Vec<String> = conflict
                .claims
                .iter()
                .map(|c| format!("“{}” {}", md_inline(&c.text), cites.cite(&c.articles)))
                .collect();
            let _ = writeln!(out, "- **{}**: {}", md_inline(&conflict.about), claims.join(" vs "));
        }
        out.push('\n');
    }
    if !story.entities.is_empty() {
        let _ = writeln!(out, "### Who and where\n");
        for kind in EntityKind::ALL {
            let named: Vec<String> = story
                .entities
                .iter()
                .filter(|e| e.kind == kind)
                .take(MARKDOWN_ENTITIES_PER_KIND)
                .map(|e| entity_markdown(e, story.sources.len()))
                .collect();
            if !named.is_empty() {
                let _ = writeln!(out, "- **{}:** {}", kind.heading(), named.join("; "));
            }
        }
        out.push('\n');
    }
    let _ = writeln!(out, "### Articles\n");
    for (idx, id) in story.articles.iter().enumerate() {
        let Some(article) = by_id.get(id.as_str()) else { continue };
        let title = article.title.as_deref().unwrap_or("(untitled)");
        let date = article.published.as_deref().map(|d| format!(", {}", &d[..d.len().min(10)]));
        let copy = article
            .duplicate_of
            .as_deref()
            .map(|original| format!(" — copy of `{original}`"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{}. **{}**: {} (`{}`{}){}",
            idx + 1,
            md_inline(&article.source),
            md_inline(title),
            id,
            date.unwrap_or_default(),
            copy
        );
    }
    out.push('\n');
}

/// Entities of one kind listed per story, those the most articles name.
const MARKDOWN_ENTITIES_PER_KIND: usize = 10;

/// "Mark Jay Heller (also Heller) · 9 of 20 outlets", "Terry White · only nypost.com".
fn entity_markdown(entity: &Entity, story_sources: usize) -> String {
    let mut out = md_inline(&entity.name);
    if !entity.aliases.is_empty() {
        let _ = write!(out, " (also {})", md_inline(&entity.aliases.join(", ")));
    }
    // A report stored by a build before entities had sources has none.
    if story_sources < 2 || entity.sources.is_empty() {
        return out;
    }
    let _ = match entity.sources.as_slice() {
        [only] => write!(out, " · only {}", md_inline(only)),
        sources if sources.len() == story_sources => write!(out, " · every outlet"),
        sources => write!(out, " · {} of {story_sources} outlets", sources.len()),
    };
    out
}

pub(crate) fn text(report: &Report, color: bool) -> String {
    let style = Style { color };
    let mut out = String::new();
    let sources: std::collections::BTreeSet<&str> =
        report.articles.iter().map(|a| a.source.as_str()).collect();
    let _ = writeln!(
        out,
        "{} articles from {} outlets in {} stories\n",
        report.articles.len(),
        sources.len(),
        report.stories.len()
    );
    for (idx, story) in report.stories.iter().enumerate() {
        let cites = Citations::new(story);
        let _ = writeln!(out, "{}", style.bold(&format!("{}. {}", idx + 1, story.title)));
        let _ = writeln!(
            out,
            "   {} articles, {} outlets: {}{}",
            story.articles.len(),
            story.sources.len(),
            story.sources.join(", "),
            span(story).map(|s| format!(" ({s})")).unwrap_or_default()
        );
        if !story.summary.is_empty() {
            let summary: Vec<String> = story
                .summary
                .iter()
                .map(|s| format!("{} {}", s.text, cites.cite(&s.articles)))
                .collect();
            let _ = writeln!(out, "   {}", summary.join(" "));
        }
        if story.sources.len() > 1 {
            let shared: Vec<_> = story.facts.iter().filter(|f| f.sources.len() > 1).collect();
            if !shared.is_empty() {
                let _ = writeln!(out, "   {}", style.dim("Reported by several outlets:"));
                for fact in shared.iter().take(TEXT_SHARED_FACTS) {
                    let _ = writeln!(out, "   - {} ({})", fact.text, fact.sources.join(", "));
                }
            }
            for source in &story.sources {
                let exclusives: Vec<_> = story
                    .facts
                    .iter()
                    .filter(|f| f.sources.len() == 1 && &f.sources[0] == source)
                    .take(TEXT_EXCLUSIVES_PER_SOURCE)
                    .collect();
                if !exclusives.is_empty() {
                    let _ = writeln!(out, "   {}", style.dim(&format!("Only {source}:")));
                    for fact in exclusives {
                        let _ = writeln!(out, "   - {}", fact.text);
                    }
                }
            }
        }
        for conflict in &story.conflicts {
            let claims: Vec<String> = conflict
                .claims
                .iter()
                .map(|c| format!("{} {}", c.text, cites.cite(&c.articles)))
                .collect();
            let _ = writeln!(
                out,
                "   {} {}: {}",
                style.bold("Disagree"),
                conflict.about,
                claims.join(" vs ")
            );
        }
        let _ = writeln!(out, "   {}", style.dim(&format!("parallax story {}", story.id)));
        out.push('\n');
    }
    out
}

pub(crate) fn listings_markdown(listings: &[StoryListing]) -> String {
    let mut out = String::from(
        "| Story | Title | Articles | Outlets | Last published |\n|---|---|--:|---|---|\n",
    );
    for listing in listings {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} |",
            listing.id,
            md_cell(&listing.title),
            listing.article_count,
            md_cell(&listing.sources.join(", ")),
            listing.last_published.as_deref().unwrap_or("")
        );
    }
    out
}

pub(crate) fn listings_text(listings: &[StoryListing], color: bool) -> String {
    let style = Style { color };
    let mut out = String::new();
    for listing in listings {
        let _ = writeln!(
            out,
            "{}  {}\n    {} articles · {}{}",
            style.dim(&listing.id),
            style.bold(&listing.title),
            listing.article_count,
            listing.sources.join(", "),
            listing
                .last_published
                .as_deref()
                .map(|d| format!(" · {}", &d[..d.len().min(10)]))
                .unwrap_or_default()
        );
    }
    if listings.is_empty() {
        out.push_str("no stories yet: run `parallax ingest PATH` first\n");
    }
    out
}

/// The story's time span, by date.
fn span(story: &Story) -> Option<String> {
    let first =
        &story.first_published.as_deref()?[..10.min(story.first_published.as_deref()?.len())];
    let last = story.last_published.as_deref().map(|d| &d[..d.len().min(10)]).unwrap_or(first);
    Some(if first == last { first.to_string() } else { format!("{first} to {last}") })
}

/// Text on one Markdown line: no line breaks, no raw HTML.
fn md_inline(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").replace('<', "&lt;").replace('>', "&gt;")
}

/// Text in a Markdown table cell: also no pipes.
pub(crate) fn md_cell(text: &str) -> String {
    md_inline(text).replace('|', "\\|")
}

struct Style {
    color: bool,
}

impl Style {
    fn bold(&self, text: &str) -> String {
        if self.color {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn dim(&self, text: &str) -> String {
        if self.color {
            format!("\x1b[2m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// A quote's own quotation marks as single ones, so that it reads right inside the double
/// marks it is shown in: British news quotes ‘... “never again” ...’, which the report
/// holds as `... “never again” ...`.
fn nested_quotes_single(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '“' => '‘',
            '”' => '’',
            c => c,
        })
        .collect()
}
