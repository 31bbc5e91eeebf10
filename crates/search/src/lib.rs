//! Full-text search over articles (titles and bodies) with outlet and date filters, on tantivy.
//!
//! The index is derived state: [`Index::rebuild`] replaces its whole content from the store's
//! articles and their stories, so an index that is lost, stale or written by another version
//! is simply rebuilt. Hits come best first; [`group_by_story`] groups them by story.
//!
//! ```
//! let index = search::Index::in_memory()?;
//! let doc = search::Doc {
//!     article: "a1",
//!     story: Some("s1"),
//!     source: "Example News",
//!     title: Some("Storm hits coast"),
//!     body: "A storm hit the coast on Monday.",
//!     published: None,
//! };
//! index.rebuild(&mut std::iter::once(doc))?;
//! let hits = index.search(&search::Query::text("storm"))?;
//! assert_eq!(hits.hits[0].article, "a1");
//! # Ok::<(), search::Error>(())
//! ```

#![warn(missing_docs)]

use std::ops::Bound;
use std::path::Path;
use std::sync::Mutex;

use chrono::{DateTime, FixedOffset, Utc};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, Schema, Value, FAST, INDEXED, STORED,
    STRING, TEXT,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::{IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// One article to index.
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    /// The article's id.
    pub article: &'a str,
    /// The id of its story, when analysed.
    pub story: Option<&'a str>,
    /// Its outlet.
    pub source: &'a str,
    /// Its headline.
    pub title: Option<&'a str>,
    /// Its text.
    pub body: &'a str,
    /// When it was published.
    pub published: Option<DateTime<FixedOffset>>,
}

/// A search: words (tantivy query syntax, parsed leniently: any string is accepted), an
/// optional outlet, and an optional publication window (`from` inclusive, `to` exclusive).
#[derive(Debug, Clone)]
pub struct Query<'a> {
    /// The words; empty matches every article (useful with filters).
    pub text: &'a str,
    /// Only articles of this outlet (exact name).
    pub source: Option<&'a str>,
    /// Only articles published at or after this instant.
    pub from: Option<DateTime<Utc>>,
    /// Only articles published before this instant.
    pub to: Option<DateTime<Utc>>,
    /// At most this many hits.
    pub limit: usize,
}

impl<'a> Query<'a> {
    /// A query for `text` with no filters and a limit of 50 hits.
    pub fn text(text: &'a str) -> Query<'a> {
        Query { text, source: None, from: None, to: None, limit: 50 }
    }
}

/// The answer to a [`Query`].
#[derive(Debug, Clone, PartialEq)]
pub struct Hits {
    /// How many articles match in all (may exceed `hits.len()`).
    pub total: usize,
    /// The best hits, best first.
    pub hits: Vec<Hit>,
}

/// One matching article.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The article's id.
    pub article: String,
    /// Its story's id, when analysed.
    pub story: Option<String>,
    /// Its outlet.
    pub source: String,
    /// Its headline.
    pub title: Option<String>,
    /// When it was published (UTC, to the second).
    pub published: Option<DateTime<Utc>>,
    /// Relevance; higher is better.
    pub score: f32,
    /// A passage of the body around the matched words, in pieces.
    pub snippet: Vec<Fragment>,
}

/// A piece of a snippet: plain text, or a matched word to highlight. Never HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fragment {
    /// The text.
    pub text: String,
    /// Whether it matched the query.
    pub highlighted: bool,
}

/// Hits of one story, in the order of its best hit.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryHits {
    /// The story's id; `None` for articles not yet analysed.
    pub story: Option<String>,
    /// Its hits, best first.
    pub hits: Vec<Hit>,
}

/// What can go wrong with the index.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The index directory could not be created or cleared.
    #[error("search index {path}: {cause}")]
    Io {
        /// The directory.
        path: String,
        /// What the system said.
        cause: std::io::Error,
    },
    /// The directory holds files but no index: it is left alone.
    #[error("search index {path}: the directory is not empty and holds no index (left untouched)")]
    Foreign {
        /// The directory.
        path: String,
    },
    /// Tantivy failed (disk, lock held by another process, corruption).
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

/// The result of index operations.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A full-text index of articles. Shareable between threads: searches run concurrently, and
/// rebuilds are serialised by an internal lock.
pub struct Index {
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    /// Built once: making one per search costs as much as a small search itself.
    parser: QueryParser,
    fields: Fields,
}

impl Index {
    /// Opens the index in `dir`, creating it (and the directory) when absent. An index whose
    /// schema differs (another version wrote it) is cleared: it is derived state.
    pub fn open(dir: &Path) -> Result<Index> {
        let (schema, fields) = schema();
        let io = |cause| Error::Io { path: dir.display().to_string(), cause };
        std::fs::create_dir_all(dir).map_err(io)?;
        let index = if dir.join("meta.json").exists() {
            let index = tantivy::Index::open_in_dir(dir)?;
            if index.schema() == schema {
                index
            } else {
                tracing::info!(target: "search", dir = %dir.display(), "Index schema changed; rebuilding it.");
                drop(index);
                clear_dir(dir).map_err(io)?;
                tantivy::Index::create_in_dir(dir, schema)?
            }
        } else if is_empty_dir(dir) {
            tantivy::Index::create_in_dir(dir, schema)?
        } else {
            return Err(Error::Foreign { path: dir.display().to_string() });
        };
        Index::with(index, fields)
    }

    /// A fresh index in memory (tests, one-shot use).
    pub fn in_memory() -> Result<Index> {
        let (schema, fields) = schema();
        Index::with(tantivy::Index::create_in_ram(schema), fields)
    }

    fn with(index: tantivy::Index, fields: Fields) -> Result<Index> {
        // One indexing thread: documents are few and small, and searches keep the other core.
        let writer = index.writer_with_num_threads(1, 30_000_000)?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let mut parser = QueryParser::for_index(&index, vec![fields.title, fields.body]);
        parser.set_conjunction_by_default();
        parser.set_field_boost(fields.title, 2.0);
        Ok(Index { reader, writer: Mutex::new(writer), parser, fields })
    }

    /// Replaces the whole content with `docs`, committed at once: searches see the old content
    /// until the new one is complete. Returns how many documents were indexed.
    pub fn rebuild(&self, docs: &mut dyn Iterator<Item = Doc<'_>>) -> Result<usize> {
        // A poisoned lock only means an earlier rebuild panicked; the writer rolls back on
        // the next commit cycle, so it is safe to go on.
        let mut writer = self.writer.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        writer.delete_all_documents()?;
        let mut n_docs = 0;
        for doc in docs {
            writer.add_document(self.document(&doc))?;
            n_docs += 1;
        }
        writer.commit()?;
        self.reader.reload()?;
        Ok(n_docs)
    }

    /// How many articles are indexed.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Whether nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Runs a search. Any query text is accepted: what cannot be parsed as query syntax is
    /// searched as words.
    pub fn search(&self, query: &Query<'_>) -> Result<Hits> {
        let fields = &self.fields;
        let text = query.text.trim();
        let words: Option<Box<dyn tantivy::query::Query>> = match text.is_empty() {
            true => None,
            false => Some(self.parser.parse_query_lenient(text).0),
        };
        let mut clauses: Vec<(Occur, Box<dyn tantivy::query::Query>)> = Vec::new();
        if let Some(words) = &words {
            clauses.push((Occur::Must, words.box_clone()));
        }
        if let Some(source) = query.source {
            let term = Term::from_field_text(fields.source, source);
            clauses.push((Occur::Must, Box::new(TermQuery::new(term, IndexRecordOption::Basic))));
        }
        if query.from.is_some() || query.to.is_some() {
            let bound = |at: Option<DateTime<Utc>>| {
                at.map(|at| {
                    Term::from_field_date(
                        fields.published,
                        tantivy::DateTime::from_timestamp_secs(at.timestamp()),
                    )
                })
            };
            let lower = bound(query.from).map_or(Bound::Unbounded, Bound::Included);
            let upper = bound(query.to).map_or(Bound::Unbounded, Bound::Excluded);
            clauses.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
        }
        let combined: Box<dyn tantivy::query::Query> = match clauses.is_empty() {
            true => Box::new(AllQuery),
            false => Box::new(BooleanQuery::new(clauses)),
        };
        let searcher = self.reader.searcher();
        let limit = query.limit.max(1);
        let (top, total) =
            searcher.search(&*combined, &(TopDocs::with_limit(limit).order_by_score(), Count))?;
        let snippets = match &words {
            Some(words) => {
                let mut generator = SnippetGenerator::create(&searcher, &**words, fields.body)?;
                generator.set_max_num_chars(SNIPPET_CHARS);
                Some((generator, body_words(&**words, fields.body)))
            }
            None => None,
        };
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            hits.push(self.hit(&doc, score, snippets.as_ref()));
        }
        Ok(Hits { total, hits })
    }

    fn document(&self, doc: &Doc<'_>) -> TantivyDocument {
        let fields = &self.fields;
        let mut acc = TantivyDocument::default();
        acc.add_text(fields.article, doc.article);
        if let Some(story) = doc.story {
            acc.add_text(fields.story, story);
        }
        acc.add_text(fields.source, doc.source);
        if let Some(title) = doc.title {
            acc.add_text(fields.title, title);
        }
        acc.add_text(fields.body, doc.body);
        if let Some(published) = doc.published {
            acc.add_date(
                fields.published,
                tantivy::DateTime::from_timestamp_secs(published.timestamp()),
            );
        }
        acc
    }

    fn hit(&self, doc: &TantivyDocument, score: f32, snippets: Option<&Snippets>) -> Hit {
        let fields = &self.fields;
        let text =
            |field: Field| doc.get_first(field).and_then(|it| it.as_str()).map(str::to_string);
        let published = doc
            .get_first(fields.published)
            .and_then(|it| it.as_datetime())
            .and_then(|it| DateTime::from_timestamp(it.into_timestamp_secs(), 0));
        let snippet = match snippets {
            Some((generator, words)) => {
                let body = text(fields.body).unwrap_or_default();
                fragments(&snippet(generator, words, &body))
            }
            None => Vec::new(),
        };
        Hit {
            article: text(fields.article).unwrap_or_default(),
            story: text(fields.story),
            source: text(fields.source).unwrap_or_default(),
            title: text(fields.title),
            published,
            score,
            snippet,
        }
    }
}

/// The snippet generator of a search, and the query's words in the body field.
type Snippets = (SnippetGenerator, Vec<String>);

/// The longest snippet, in characters.
const SNIPPET_CHARS: usize = 240;

/// The query's words as indexed in `field` (lowercased tokens).
fn body_words(query: &dyn tantivy::query::Query, field: Field) -> Vec<String> {
    let mut words = Vec::new();
    query.query_terms(&mut |term, _| {
        if term.field() == field {
            if let Some(word) = term.value().as_str() {
                words.push(word.to_string());
            }
        }
    });
    words
}

/// A snippet of `body` around the query's words. Cutting a snippet tokenizes all the text it
/// is given, which made it most of the cost of a search; so it is cut from a window around the
/// first place a query word appears, and from the whole body only when the window has no match
/// (a word found inside a longer word, or one that differs from the body in non-ASCII case).
fn snippet(
    generator: &SnippetGenerator,
    words: &[String],
    body: &str,
) -> tantivy::snippet::Snippet {
    let window = snippet_window(body, words);
    let snippet = generator.snippet(window);
    if snippet.highlighted().is_empty() && window.len() < body.len() {
        return generator.snippet(body);
    }
    snippet
}

/// The part of `body` from a little before the first query word to two snippets after it.
fn snippet_window<'a>(body: &'a str, words: &[String]) -> &'a str {
    let folded = body.to_ascii_lowercase();
    let Some(first) = words.iter().filter_map(|word| find_word(&folded, word)).min() else {
        return body;
    };
    let mut start = first.saturating_sub(SNIPPET_CHARS / 2);
    let mut end = (first + 2 * SNIPPET_CHARS).min(body.len());
    while !body.is_char_boundary(start) {
        start -= 1;
    }
    while !body.is_char_boundary(end) {
        end += 1;
    }
    &body[start..end]
}

/// Where `word` first stands as a whole word in `text` (not inside a longer word).
fn find_word(text: &str, word: &str) -> Option<usize> {
    let is_word_byte = |byte: u8| byte.is_ascii_alphanumeric() || !byte.is_ascii();
    text.match_indices(word).map(|(at, _)| at).find(|&at| {
        let before = at.checked_sub(1).map(|i| text.as_bytes()[i]);
        let after = text.as_bytes().get(at + word.len()).copied();
        !before.is_some_and(is_word_byte) && !after.is_some_and(is_word_byte)
    })
}

/// Groups hits by story, stories in the order of their best hit, hits best first.
pub fn group_by_story(hits: Vec<Hit>) -> Vec<StoryHits> {
    let mut groups: Vec<StoryHits> = Vec::new();
    for hit in hits {
        match groups.iter_mut().find(|group| group.story == hit.story) {
            Some(group) => group.hits.push(hit),
            None => groups.push(StoryHits { story: hit.story.clone(), hits: vec![hit] }),
        }
    }
    groups
}

struct Fields {
    article: Field,
    story: Field,
    source: Field,
    title: Field,
    body: Field,
    published: Field,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let dates = DateOptions::from(INDEXED)
        .set_stored()
        .set_fast()
        .set_precision(DateTimePrecision::Seconds);
    let fields = Fields {
        article: builder.add_text_field("article", STRING | STORED),
        story: builder.add_text_field("story", STRING | STORED),
        source: builder.add_text_field("source", STRING | STORED | FAST),
        title: builder.add_text_field("title", TEXT | STORED),
        body: builder.add_text_field("body", TEXT | STORED),
        published: builder.add_date_field("published", dates),
    };
    (builder.build(), fields)
}

fn fragments(snippet: &tantivy::snippet::Snippet) -> Vec<Fragment> {
    let text = snippet.fragment();
    let mut acc = Vec::new();
    let mut at = 0;
    for range in snippet.highlighted() {
        // Ranges are byte ranges on char boundaries, sorted and disjoint; guard anyway.
        let (Some(before), Some(word)) = (text.get(at..range.start), text.get(range.clone()))
        else {
            continue;
        };
        if !before.is_empty() {
            acc.push(Fragment { text: before.to_string(), highlighted: false });
        }
        acc.push(Fragment { text: word.to_string(), highlighted: true });
        at = range.end;
    }
    if let Some(rest) = text.get(at..) {
        if !rest.is_empty() {
            acc.push(Fragment { text: rest.to_string(), highlighted: false });
        }
    }
    acc
}

fn is_empty_dir(dir: &Path) -> bool {
    std::fs::read_dir(dir).map(|mut it| it.next().is_none()).unwrap_or(false)
}

fn clear_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::remove_dir_all(dir)?;
    std::fs::create_dir_all(dir)
}

#[cfg(test)]
mod tests;
