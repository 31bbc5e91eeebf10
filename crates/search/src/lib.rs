//! Full-text search over articles (titles and bodies) with outlet and date filters, on tantivy.
//!
//! The index is derived state: each document carries a key ([`Doc::key`]) naming the article,
//! the version of its content and its story, so a caller tells from [`Index::keys`] which
//! documents are stale or missing without reading them, and brings the index up to date in
//! one [`Batch`]. An index that is lost or written by another version is simply written again.
//! Hits come best first; [`group_by_story`] groups them by story.
//!
//! ```
//! let index = search::Index::in_memory()?;
//! let doc = search::Doc {
//!     article: "a1",
//!     version: 1,
//!     story: Some("s1"),
//!     source: "Example News",
//!     title: Some("Storm hits coast"),
//!     body: "A storm hit the coast on Monday.",
//!     published: None,
//! };
//! index.update(&mut std::iter::once(doc))?;
//! assert!(index.keys()?.contains(&doc.key()));
//! let hits = index.search(&search::Query::text("storm"))?;
//! assert_eq!(hits.hits[0].article, "a1");
//! # Ok::<(), search::Error>(())
//! ```

#![warn(missing_docs)]

use std::collections::HashSet;
use std::ops::Bound;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, FixedOffset, Utc};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, Schema, Value, FAST, INDEXED, STORED,
    STRING, TEXT,
};
use tantivy::{IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// One article to index.
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    /// The article's id.
    pub article: &'a str,
    /// The version of its content (a store's content hash): a new version is a new document.
    pub version: u64,
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

impl Doc<'_> {
    /// The key of this state of the article's document: its id, content version and story.
    pub fn key(&self) -> u64 {
        doc_key(self.article, self.version, self.story)
    }
}

/// The key of the document of `article` at content `version` in `story` (see [`Doc::key`]).
/// Stable across builds, so a restart finds the documents an earlier build wrote current.
pub fn doc_key(article: &str, version: u64, story: Option<&str>) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for part in [article.as_bytes(), &version.to_le_bytes(), story.unwrap_or("").as_bytes()] {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.update(&[u8::from(story.is_some())]);
    hasher.digest()
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
/// writes ([`Batch`]) are serialised by an internal lock.
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
                tracing::info!(target: "search", dir = %dir.display(), "Index schema changed; clearing it to be written again.");
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

    /// Replaces the documents of the articles in `docs`, by article id, and adds those not
    /// indexed yet, committed at once. Returns how many documents were written. After a small
    /// ingest only the articles it added or moved to another story need this.
    pub fn update(&self, docs: &mut dyn Iterator<Item = Doc<'_>>) -> Result<usize> {
        let mut batch = self.batch();
        for doc in docs {
            batch.put(&doc)?;
        }
        batch.commit()
    }

    /// Starts a batch of writes, committed at once by [`Batch::commit`]: searches see the
    /// content before it until then. Other writes wait for it.
    pub fn batch(&self) -> Batch<'_> {
        // A poisoned lock only means an earlier write panicked; its batch rolled back.
        let writer = self.writer.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        Batch { index: self, writer, written: 0, committed: false }
    }

    /// The key ([`Doc::key`]) of every document indexed, read from a column of the index
    /// rather than from the documents.
    pub fn keys(&self) -> Result<HashSet<u64>> {
        let searcher = self.reader.searcher();
        let mut keys = HashSet::with_capacity(searcher.num_docs() as usize);
        for segment in searcher.segment_readers() {
            let column = segment.fast_fields().u64(KEY)?;
            keys.extend(segment.doc_ids_alive().filter_map(|doc| column.first(doc)));
        }
        Ok(keys)
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
        let body_words = words.as_ref().map_or(Vec::new(), |it| body_words(&**it, fields.body));
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            hits.push(self.hit(&doc, score, &body_words));
        }
        Ok(Hits { total, hits })
    }

    fn document(&self, doc: &Doc<'_>) -> TantivyDocument {
        let fields = &self.fields;
        let mut acc = TantivyDocument::default();
        acc.add_text(fields.article, doc.article);
        acc.add_u64(fields.key, doc.key());
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

    fn hit(&self, doc: &TantivyDocument, score: f32, words: &[String]) -> Hit {
        let fields = &self.fields;
        let text =
            |field: Field| doc.get_first(field).and_then(|it| it.as_str()).map(str::to_string);
        let published = doc
            .get_first(fields.published)
            .and_then(|it| it.as_datetime())
            .and_then(|it| DateTime::from_timestamp(it.into_timestamp_secs(), 0));
        let body = doc.get_first(fields.body).and_then(|it| it.as_str()).unwrap_or_default();
        let snippet = snippet(body, words);
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

/// The longest snippet, in bytes.
const SNIPPET_BYTES: usize = 240;

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

/// The passage of `body` that best matches the query's `words`, in pieces: the body is cut
/// into passages of at most [`SNIPPET_BYTES`] at word boundaries, and the first passage with the
/// most distinct query words (then the most matches) wins. Words are split and lower-cased as
/// the index's tokenizer does. Empty when no word of the body matches (a title-only match).
///
/// Written here rather than taken from tantivy's `SnippetGenerator`, which allocates for every
/// token and dominated a search's cost under load.
fn snippet(body: &str, words: &[String]) -> Vec<Fragment> {
    let mut best: Option<Passage> = None;
    let mut current: Option<Passage> = None;
    for (start, token) in tokens(body) {
        let end = start + token.len();
        let passage = match current.as_mut() {
            Some(passage) if end - passage.start <= SNIPPET_BYTES => passage,
            _ => {
                keep_better(&mut best, current.take());
                current.insert(Passage { start, end, hits: Vec::new() })
            }
        };
        passage.end = end;
        if let Some(word) = words.iter().position(|word| is_same_word(token, word)) {
            passage.hits.push((start, end, word));
        }
    }
    keep_better(&mut best, current);
    best.map_or(Vec::new(), |passage| passage.fragments(body))
}

/// A stretch of a body and the query words in it.
struct Passage {
    start: usize,
    end: usize,
    /// Byte range and index of the query word of each match.
    hits: Vec<(usize, usize, usize)>,
}

impl Passage {
    /// Distinct query words, then matches: higher is better.
    fn rank(&self) -> (usize, usize) {
        let mut distinct: Vec<usize> = self.hits.iter().map(|hit| hit.2).collect();
        distinct.sort_unstable();
        distinct.dedup();
        (distinct.len(), self.hits.len())
    }

    fn fragments(&self, body: &str) -> Vec<Fragment> {
        let piece = |from: usize, to: usize, highlighted: bool| Fragment {
            text: body[from..to].to_string(),
            highlighted,
        };
        let mut acc = Vec::new();
        let mut at = self.start;
        for &(from, to, _) in &self.hits {
            if from > at {
                acc.push(piece(at, from, false));
            }
            acc.push(piece(from, to, true));
            at = to;
        }
        if self.end > at {
            acc.push(piece(at, self.end, false));
        }
        acc
    }
}

/// Keeps `candidate` in `best` when it has matches and ranks higher (the first wins ties).
fn keep_better(best: &mut Option<Passage>, candidate: Option<Passage>) {
    let Some(candidate) = candidate else { return };
    let rank = candidate.rank();
    if rank.0 > 0 && best.as_ref().is_none_or(|best| rank > best.rank()) {
        *best = Some(candidate);
    }
}

/// The words of `text` with their byte offsets: runs of alphanumeric characters, as tantivy's
/// simple tokenizer cuts them.
fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|it| !it.is_empty())
        .map(move |it| (it.as_ptr() as usize - text.as_ptr() as usize, it))
}

/// Whether a token of the text is the indexed (lower-cased) `word`.
fn is_same_word(token: &str, word: &str) -> bool {
    if token.is_ascii() {
        token.eq_ignore_ascii_case(word)
    } else {
        token.to_lowercase() == word
    }
}

/// Writes to an index, committed at once; dropped uncommitted, it is rolled back.
pub struct Batch<'a> {
    index: &'a Index,
    writer: MutexGuard<'a, IndexWriter>,
    written: usize,
    committed: bool,
}

impl Batch<'_> {
    /// Writes `doc`, replacing every earlier document of its article.
    pub fn put(&mut self, doc: &Doc<'_>) -> Result<()> {
        // A delete applies to documents added before it, so the new one stays.
        self.writer.delete_term(Term::from_field_text(self.index.fields.article, doc.article));
        self.writer.add_document(self.index.document(doc))?;
        self.written += 1;
        Ok(())
    }

    /// Deletes the document with this key, if one is indexed.
    pub fn remove(&mut self, key: u64) {
        self.writer.delete_term(Term::from_field_u64(self.index.fields.key, key));
    }

    /// Commits the batch; returns how many documents it wrote.
    pub fn commit(mut self) -> Result<usize> {
        self.writer.commit()?;
        self.committed = true;
        self.index.reader.reload()?;
        Ok(self.written)
    }
}

impl Drop for Batch<'_> {
    fn drop(&mut self) {
        if !self.committed {
            if let Err(err) = self.writer.rollback() {
                tracing::warn!(target: "search", "Cannot roll back an index batch: {err}");
            }
        }
    }
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

/// The name of the field holding each document's key.
const KEY: &str = "key";

struct Fields {
    article: Field,
    key: Field,
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
        key: builder.add_u64_field(KEY, INDEXED | FAST),
        story: builder.add_text_field("story", STRING | STORED),
        source: builder.add_text_field("source", STRING | STORED | FAST),
        title: builder.add_text_field("title", TEXT | STORED),
        body: builder.add_text_field("body", TEXT | STORED),
        published: builder.add_date_field("published", dates),
    };
    (builder.build(), fields)
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
