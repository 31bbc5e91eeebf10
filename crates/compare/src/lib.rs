//! Compares the articles of one story fact by fact: which claims several outlets share,
//! which only one reports, who is quoted, which numbers and entities appear, where the
//! outlets disagree, and a multi-source summary citing its sources.
//!
//! Wire copies (articles with `duplicate_of` set to another article of the story) are listed
//! in the story's `articles`, `sources` and `entities`, but they are not independent evidence:
//! they are left out of facts, quotes, numbers, conflicts and the summary, so a copy never
//! makes a claim look shared by two outlets. A copy whose original is not in the story is the
//! only witness of its text and is treated as independent.
//!
//! ```
//! use compare::{compare_story, Config, StoryArticle};
//!
//! let article = model::Article {
//!     id: "a1".to_string(),
//!     source: "Harbor Gazette".to_string(),
//!     url: None,
//!     title: Some("Storm floods the harbor district".to_string()),
//!     author: None,
//!     published: None,
//!     language: Some("en".to_string()),
//!     body: "A storm flooded the harbor district of Lanford on Monday night. \
//!            Crews pumped water from forty homes until the morning."
//!         .to_string(),
//!     extra: Default::default(),
//! };
//! let story = compare_story("s1", &[StoryArticle { article: &article, duplicate_of: None }], &Config::recommended());
//! assert_eq!(story.title, "Storm floods the harbor district");
//! assert_eq!(story.facts.len(), 2);
//! assert!(story.summary.iter().all(|s| s.articles == ["a1"]));
//! ```

#![warn(missing_docs)]

mod agents;
mod claims;
mod conflicts;
mod corpus;
mod entities;
mod facts;
mod numbers;
mod quotes;
mod summary;

pub use summary::{summarize_texts, TextSummarySentence};

use analyze::entities::EntityMention;
use model::report::{Story, SummarySentence};

use crate::corpus::{Corpus, DocInput};

/// One article of a story, with the article it copies if it is a wire copy.
#[derive(Debug, Clone, Copy)]
pub struct StoryArticle<'a> {
    /// The article.
    pub article: &'a model::Article,
    /// The id of the article this one copies, if any.
    pub duplicate_of: Option<&'a str>,
}

/// Turns sentences into vectors whose cosine tells how alike their meanings are: a sentence
/// embedding model (the `embed` crate loads one). With one, a story's comparison also aligns
/// sentences that say the same thing in other words ("the dam burst" and "the dam gave way").
pub trait SentenceEncoder: Send + Sync {
    /// Which model this is, with the hash of its weights. It is part of [`Config`]'s `Debug`
    /// text, by which a store tells that its reports were computed with other settings.
    fn identity(&self) -> &str;
    /// One L2-normalised vector per sentence, in order; an empty vector for a sentence it
    /// could not encode, which is then compared by its words alone.
    fn encode(&self, sentences: &[&str]) -> Vec<Vec<f32>>;
}

/// A shared [`SentenceEncoder`], as [`Config`] holds it: two are equal when they are the
/// same model.
#[derive(Clone)]
pub struct Encoder(pub std::sync::Arc<dyn SentenceEncoder>);

impl std::fmt::Debug for Encoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Encoder").field(&self.0.identity()).finish()
    }
}

impl PartialEq for Encoder {
    fn eq(&self, other: &Encoder) -> bool {
        self.0.identity() == other.0.identity()
    }
}

impl Eq for Encoder {}

/// How a story is compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The summary's length budget in words, "about so many": whole sentences while fewer
    /// words are said, the last of which may run up to 15% past it (rounded down), never
    /// further (if no sentence fits even so, the best one is cut short, ending with "…").
    pub summary_words: usize,
    /// At most this many exclusive facts (reported by one article) per article, its
    /// earliest ones, so that one very long article does not flood the report.
    pub max_exclusives_per_article: usize,
    /// Facts, quotes, numbers, conflicts and the summary are computed over at most this many
    /// independent articles of a story, its earliest; the rest stay listed in `articles`.
    /// Alignment grows with the square of the story's sentences, and this bounds it.
    pub max_compared_articles: usize,
    /// A sentence embedding model, if the user has one: facts are then also aligned by
    /// meaning, not only by shared words (English sentences; see `crate::corpus`). None by
    /// default: no model ships with Parallax.
    pub encoder: Option<Encoder>,
}

impl Config {
    /// The recommended settings: a 100-word summary, up to 25 exclusives per article, and
    /// up to 200 compared articles per story.
    pub fn recommended() -> Config {
        Config {
            summary_words: 100,
            max_exclusives_per_article: 25,
            max_compared_articles: 200,
            encoder: None,
        }
    }
}

impl Default for Config {
    fn default() -> Config {
        Config::recommended()
    }
}

/// An article as the aggregation functions see it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ArticleRef<'a> {
    pub(crate) id: &'a str,
    pub(crate) source: &'a str,
}

/// Compares the articles of one story and fills every field of its report.
///
/// Deterministic: the same articles in the same order give the same story.
pub fn compare_story(story_id: &str, articles: &[StoryArticle<'_>], config: &Config) -> Story {
    let refs = article_refs(articles);
    let independent: Vec<usize> = (0..articles.len())
        .filter(|&idx| is_independent(articles, idx))
        .take(config.max_compared_articles)
        .collect();

    let mut acronyms = Vec::new();
    let found: Vec<Vec<EntityMention>> = articles
        .iter()
        .map(|item| {
            let found = analyze::entities::find_entities(&item.article.body);
            entities::find_acronyms(&item.article.body, &found, &mut acronyms);
            found
        })
        .collect();

    let mut quote_mentions = Vec::new();
    let mut number_mentions = Vec::new();
    let mut docs = Vec::with_capacity(independent.len());
    for &idx in &independent {
        let body = articles[idx].article.body.as_str();
        let language = articles[idx].article.language.as_deref();
        let quotes = analyze::quotes::find_quotes_among(body, &found[idx], language);
        quote_mentions.extend(quotes.into_iter().map(|m| (idx, m)));
        let numbers = analyze::numbers::find_numbers(body);
        docs.push(DocInput::new(body, language, &numbers, &found[idx]));
        let mut mentions = numbers;
        mentions.extend(date_mentions(articles[idx].article));
        mentions.sort_by_key(|m| m.start);
        number_mentions.extend(mentions.into_iter().map(|m| (idx, m)));
    }

    let entity_mentions: Vec<(usize, EntityMention)> = found
        .into_iter()
        .enumerate()
        .flat_map(|(idx, found)| found.into_iter().map(move |m| (idx, m)))
        .collect();

    let encoder = config.encoder.as_ref().map(|encoder| &*encoder.0);
    let corpus = Corpus::build_with(&docs, encoder);
    let groups = facts::order_groups(
        &corpus,
        corpus.align(),
        &independent,
        &refs,
        config.max_exclusives_per_article,
    );
    let doc_sources = source_numbers(&refs, &independent);
    let titles: Vec<(Option<&str>, &str)> = independent
        .iter()
        .filter_map(|&idx| {
            let article = articles[idx].article;
            let title = article.title.as_deref().map(str::trim).filter(|t| !t.is_empty())?;
            Some((article.language.as_deref(), title))
        })
        .collect();
    let summary = summary::pick(&corpus, &groups, &doc_sources, &titles, config.summary_words)
        .into_iter()
        .map(|picked| {
            let fact = facts::to_fact(&corpus, &groups[picked.group], &independent, &refs);
            SummarySentence {
                text: picked.text(corpus.units[picked.unit].text),
                articles: fact.articles,
            }
        })
        .collect();
    let mut conflicts = conflicts::story_conflicts(
        &refs,
        &corpus,
        &groups,
        &independent,
        &number_mentions,
        &entity_mentions,
    );
    conflicts.extend(agents::agent_conflicts(&refs, &corpus, &independent, &entity_mentions));

    let (first_published, last_published) = publication_range(articles);
    Story {
        id: story_id.to_string(),
        title: story_title(articles, &corpus, &groups, &independent),
        articles: refs.iter().map(|r| r.id.to_string()).collect(),
        sources: facts::distinct_sources(&(0..articles.len()).collect::<Vec<_>>(), &refs),
        facts: groups.iter().map(|g| facts::to_fact(&corpus, g, &independent, &refs)).collect(),
        quotes: quotes::merge_quotes(&refs, &quote_mentions),
        numbers: numbers::group_numbers(&refs, &number_mentions),
        entities: entities::merge_entities(&refs, &entity_mentions, &acronyms),
        conflicts,
        summary,
        first_published,
        last_published,
    }
}

fn article_refs<'a>(articles: &[StoryArticle<'a>]) -> Vec<ArticleRef<'a>> {
    articles.iter().map(|a| ArticleRef { id: &a.article.id, source: &a.article.source }).collect()
}

/// A story listed without its comparison: its id, articles, outlets, dates and the first
/// headline, and nothing compared. What a caller reports for a story whose comparison
/// failed, so that the rest of a batch still has its stories.
pub fn listed_story(story_id: &str, articles: &[StoryArticle<'_>]) -> Story {
    let refs = article_refs(articles);
    let title = articles
        .iter()
        .find_map(|a| a.article.title.as_deref().map(str::trim).filter(|t| !t.is_empty()))
        .unwrap_or_default();
    let (first_published, last_published) = publication_range(articles);
    Story {
        id: story_id.to_string(),
        title: title.to_string(),
        articles: refs.iter().map(|r| r.id.to_string()).collect(),
        sources: facts::distinct_sources(&(0..articles.len()).collect::<Vec<_>>(), &refs),
        facts: Vec::new(),
        quotes: Vec::new(),
        numbers: Vec::new(),
        entities: Vec::new(),
        conflicts: Vec::new(),
        summary: Vec::new(),
        first_published,
        last_published,
    }
}

/// The unit of a date among the numbers: its value is the date as YYYYMMDD (ISO 8601 basic
/// format), e.g. 20240312.
pub const DATE_UNIT: &str = "date";

/// The days an article names ("Tuesday", "yesterday", "on March 3"), resolved against its
/// publication date (in its own time zone) and given as numbers in [`DATE_UNIT`]. Weeks, months
/// and years ("last week") are left out: a number holds one day.
fn date_mentions(article: &model::Article) -> Vec<analyze::numbers::NumberMention> {
    use chrono::Datelike;

    let published = article.published.and_then(|at| {
        let day = at.date_naive();
        analyze::calendar::Date::new(day.year(), day.month(), day.day())
    });
    analyze::dates::find_dates(&article.body, published)
        .into_iter()
        .filter(|d| d.precision == analyze::dates::Precision::Day)
        .map(|d| analyze::numbers::NumberMention {
            value: d.date.as_number(),
            unit: Some(DATE_UNIT.to_string()),
            text: d.text,
            start: d.start,
        })
        .collect()
}

/// Whether an article is independent evidence: not a copy of another article of the story.
fn is_independent(articles: &[StoryArticle<'_>], idx: usize) -> bool {
    match articles[idx].duplicate_of {
        None => true,
        Some(original) => {
            original == articles[idx].article.id
                || !articles.iter().any(|a| a.article.id == original)
        }
    }
}

/// Each corpus document's outlet as a number (equal numbers, same outlet).
fn source_numbers(refs: &[ArticleRef<'_>], doc_articles: &[usize]) -> Vec<usize> {
    let mut sources: Vec<&str> = Vec::new();
    doc_articles
        .iter()
        .map(|&a| match sources.iter().position(|s| *s == refs[a].source) {
            Some(n) => n,
            None => {
                sources.push(refs[a].source);
                sources.len() - 1
            }
        })
        .collect()
}

/// The title of the most central article (whose sentences the other articles share most),
/// else of the first article with a title, else the lead fact.
fn story_title(
    articles: &[StoryArticle<'_>],
    corpus: &Corpus<'_>,
    groups: &[Vec<usize>],
    doc_articles: &[usize],
) -> String {
    let title_of = |idx: usize| {
        articles[idx].article.title.as_deref().map(str::trim).filter(|t| !t.is_empty())
    };
    let mut shared = vec![0usize; doc_articles.len()];
    let mut n_units = vec![0usize; doc_articles.len()];
    for group in groups {
        for &u in group {
            shared[corpus.units[u].doc] += group.len() - 1;
        }
    }
    for unit in &corpus.units {
        n_units[unit.doc] += 1;
    }
    let mut best: Option<(usize, f64)> = None;
    for (doc, &article) in doc_articles.iter().enumerate() {
        if title_of(article).is_none() {
            continue;
        }
        // Normalised by length so that a long article is not central just for being long.
        let score = shared[doc] as f64 / (n_units[doc].max(1) as f64).sqrt();
        if best.is_none_or(|(_, s)| score > s + 1e-9) {
            best = Some((article, score));
        }
    }
    if let Some(title) = best.and_then(|(article, _)| title_of(article)) {
        return title.to_string();
    }
    if let Some(title) = (0..articles.len()).find_map(title_of) {
        return title.to_string();
    }
    match groups.first() {
        Some(group) => headline_from(corpus.units[corpus.most_central(group)].text),
        None => String::new(),
    }
}

/// The first words of a sentence, as a makeshift headline.
fn headline_from(sentence: &str) -> String {
    const MAX_WORDS: usize = 14;
    let words: Vec<&str> = sentence.split_whitespace().collect();
    if words.len() <= MAX_WORDS {
        return sentence.to_string();
    }
    format!("{}…", words[..MAX_WORDS].join(" "))
}

fn publication_range(articles: &[StoryArticle<'_>]) -> (Option<String>, Option<String>) {
    let dates = articles.iter().filter_map(|a| a.article.published);
    let first = dates.clone().min();
    let last = dates.max();
    (first.map(|d| d.to_rfc3339()), last.map(|d| d.to_rfc3339()))
}
