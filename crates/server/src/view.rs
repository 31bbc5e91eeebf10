//! Page models: a story or an article turned into what the templates show, with every link
//! to a cited sentence resolved to its anchor (`/articles/{id}#s{n}`, `n` the sentence's
//! index in the article as `analyze::sentences` splits it).

use std::collections::{BTreeSet, HashMap};

use model::report::{EntityKind, Story};

/// An article as pages list it.
#[derive(Debug, Clone)]
pub(crate) struct ArticleMeta {
    pub(crate) id: String,
    pub(crate) href: String,
    pub(crate) source: String,
    pub(crate) title: String,
    pub(crate) url: Option<String>,
    pub(crate) author: Option<String>,
    /// RFC 3339, for `<time datetime>`.
    pub(crate) published: Option<String>,
    /// For people: `2024-03-04 08:00`.
    pub(crate) published_label: Option<String>,
    pub(crate) duplicate_of: Option<String>,
}

impl ArticleMeta {
    pub(crate) fn new(stored: &store::StoredArticle) -> ArticleMeta {
        let article = &stored.article;
        ArticleMeta {
            id: article.id.clone(),
            href: article_href(&article.id),
            source: article.source.clone(),
            title: article.title.clone().unwrap_or_else(|| first_words(&article.body)),
            url: article.url.clone(),
            author: article.author.clone(),
            published: article.published.map(|it| it.to_rfc3339()),
            published_label: article.published.map(|it| it.format("%Y-%m-%d %H:%M").to_string()),
            duplicate_of: stored.duplicate_of.clone(),
        }
    }
}

/// The story page.
pub(crate) struct StoryView {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) span: Option<String>,
    pub(crate) sources: Vec<String>,
    pub(crate) summary: Vec<SummaryLine>,
    pub(crate) facts: Vec<FactRow>,
    pub(crate) quotes: Vec<Attributed>,
    pub(crate) numbers: Vec<Attributed>,
    pub(crate) conflicts: Vec<ConflictView>,
    /// People, organizations, places and other names, a group per kind that has any.
    pub(crate) entities: Vec<EntityGroup>,
    /// The story's articles, oldest first (undated last).
    pub(crate) timeline: Vec<ArticleMeta>,
}

pub(crate) struct SummaryLine {
    pub(crate) text: String,
    pub(crate) cites: Vec<Cite>,
}

/// A link to the sentence that supports a claim.
pub(crate) struct Cite {
    pub(crate) href: String,
    pub(crate) source: String,
}

/// One row of the coverage matrix.
pub(crate) struct FactRow {
    pub(crate) text: String,
    /// The only outlet reporting it, when only one does.
    pub(crate) exclusive: Option<String>,
    /// One cell per column of `StoryView::sources`.
    pub(crate) cells: Vec<Cell>,
}

pub(crate) struct Cell {
    pub(crate) source: String,
    /// Whether the outlet reports it.
    pub(crate) covered: bool,
    /// The sentence where it does, when found.
    pub(crate) href: Option<String>,
}

/// A quote or number with the outlets carrying it.
pub(crate) struct Attributed {
    pub(crate) text: String,
    pub(crate) by: Option<String>,
    pub(crate) sources: Vec<String>,
    pub(crate) exclusive: bool,
}

/// The entities of one kind, those the most articles name first; `by` of each holds the
/// other names merged into it ("CDC").
pub(crate) struct EntityGroup {
    pub(crate) label: &'static str,
    pub(crate) entities: Vec<Attributed>,
}

/// Entities of one kind shown on a story's page.
const ENTITIES_PER_KIND: usize = 20;

pub(crate) struct ConflictView {
    pub(crate) about: String,
    pub(crate) claims: Vec<Attributed>,
}

/// The article page.
pub(crate) struct ArticleView {
    pub(crate) meta: ArticleMeta,
    pub(crate) story: Option<(String, String)>,
    pub(crate) original: Option<ArticleMeta>,
    pub(crate) paragraphs: Vec<Vec<SentenceView>>,
    pub(crate) n_shared: usize,
    pub(crate) n_exclusive: usize,
}

pub(crate) struct SentenceView {
    pub(crate) anchor: String,
    pub(crate) text: String,
    pub(crate) mark: Mark,
    /// The other outlets reporting it.
    pub(crate) also: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    None,
    Shared,
    Exclusive,
}

impl Mark {
    pub(crate) fn class(&self) -> &'static str {
        match self {
            Mark::None => "",
            Mark::Shared => "shared",
            Mark::Exclusive => "exclusive",
        }
    }
}

/// Builds the story page from the story and its stored articles (any order).
pub(crate) fn story_view(story: &Story, articles: &[store::StoredArticle]) -> StoryView {
    let by_id: HashMap<&str, &store::StoredArticle> =
        articles.iter().map(|it| (it.article.id.as_str(), it)).collect();
    let sentences: HashMap<&str, Vec<&str>> =
        articles.iter().map(|it| (it.article.id.as_str(), split(&it.article.body))).collect();
    let cite = |article: &str, sentence: &str| -> Option<Cite> {
        let stored = by_id.get(article)?;
        let idx = sentences.get(article).and_then(|all| locate(all, sentence));
        Some(Cite { href: sentence_href(article, idx), source: stored.article.source.clone() })
    };
    let summary = story
        .summary
        .iter()
        .map(|line| SummaryLine {
            text: line.text.clone(),
            cites: line.articles.iter().filter_map(|id| cite(id, &line.text)).collect(),
        })
        .collect();
    let facts = story
        .facts
        .iter()
        .map(|fact| {
            let cells = story
                .sources
                .iter()
                .map(|source| {
                    let href = fact
                        .evidence
                        .iter()
                        .filter_map(|evidence| cite(&evidence.article, &evidence.sentence))
                        .find(|cite| &cite.source == source)
                        .map(|cite| cite.href);
                    let covered = fact.sources.contains(source) || href.is_some();
                    Cell { source: source.clone(), covered, href }
                })
                .collect();
            FactRow { text: fact.text.clone(), exclusive: exclusive(&fact.sources), cells }
        })
        .collect();
    let quotes = story
        .quotes
        .iter()
        .map(|quote| {
            attributed(&quote.text, quote.speaker.clone(), &quote.sources, &quote.articles, &by_id)
        })
        .collect();
    let numbers = story
        .numbers
        .iter()
        .map(|number| attributed(&number.label(), None, &number.sources, &number.articles, &by_id))
        .collect();
    let conflicts = story
        .conflicts
        .iter()
        .map(|conflict| ConflictView {
            about: conflict.about.clone(),
            claims: conflict
                .claims
                .iter()
                .map(|claim| attributed(&claim.text, None, &[], &claim.articles, &by_id))
                .collect(),
        })
        .collect();
    let entities = EntityKind::ALL
        .into_iter()
        .map(|kind| EntityGroup {
            label: kind.heading(),
            entities: story
                .entities
                .iter()
                .filter(|entity| entity.kind == kind)
                .take(ENTITIES_PER_KIND)
                .map(|entity| {
                    let aliases = (!entity.aliases.is_empty()).then(|| entity.aliases.join(", "));
                    attributed(&entity.name, aliases, &entity.sources, &entity.articles, &by_id)
                })
                .collect(),
        })
        .filter(|group| !group.entities.is_empty())
        .collect();
    let mut timeline: Vec<ArticleMeta> = story
        .articles
        .iter()
        .filter_map(|id| by_id.get(id.as_str()).map(|it| ArticleMeta::new(it)))
        .collect();
    timeline.sort_by(|a, b| {
        let at = |it: &ArticleMeta| it.published.as_deref().and_then(crate::filters::rfc3339);
        (at(a).is_none(), at(a), &a.id).cmp(&(at(b).is_none(), at(b), &b.id))
    });
    StoryView {
        id: story.id.clone(),
        title: story.title.clone(),
        span: span(story.first_published.as_deref(), story.last_published.as_deref()),
        sources: story.sources.clone(),
        summary,
        facts,
        quotes,
        numbers,
        conflicts,
        entities,
        timeline,
    }
}

/// Builds the article page; `story` is its story, when analysed.
pub(crate) fn article_view(
    stored: &store::StoredArticle,
    story: Option<&Story>,
    original: Option<&store::StoredArticle>,
) -> ArticleView {
    let body = &stored.article.body;
    let id = stored.article.id.as_str();
    let all = analyze::sentences(body);
    let texts: Vec<&str> = all.iter().map(|it| it.text).collect();
    let mut marks: Vec<(Mark, BTreeSet<String>)> = vec![(Mark::None, BTreeSet::new()); all.len()];
    for fact in story.map(|it| it.facts.as_slice()).unwrap_or_default() {
        for evidence in fact.evidence.iter().filter(|it| it.article == id) {
            let Some(idx) = locate(&texts, &evidence.sentence) else { continue };
            let mark = match fact.sources.len() > 1 {
                true => Mark::Shared,
                false => Mark::Exclusive,
            };
            // Shared wins over exclusive when one sentence supports both kinds of fact.
            if marks[idx].0 != Mark::Shared {
                marks[idx].0 = mark;
            }
            let others = fact.sources.iter().filter(|it| **it != stored.article.source);
            marks[idx].1.extend(others.cloned());
        }
    }
    let mut paragraphs: Vec<Vec<SentenceView>> = Vec::new();
    let mut end_of_last = 0;
    for (idx, (sentence, (mark, also))) in all.iter().zip(marks).enumerate() {
        let gap = body.get(end_of_last..sentence.start).unwrap_or("");
        if paragraphs.is_empty() || gap.contains('\n') {
            paragraphs.push(Vec::new());
        }
        end_of_last = sentence.start + sentence.text.len();
        let view = SentenceView {
            anchor: format!("s{idx}"),
            text: sentence.text.to_string(),
            mark,
            also: also.into_iter().collect(),
        };
        if let Some(paragraph) = paragraphs.last_mut() {
            paragraph.push(view);
        }
    }
    let count = |wanted: Mark| paragraphs.iter().flatten().filter(|it| it.mark == wanted).count();
    ArticleView {
        meta: ArticleMeta::new(stored),
        story: story.map(|it| (it.id.clone(), it.title.clone())),
        original: original.map(ArticleMeta::new),
        n_shared: count(Mark::Shared),
        n_exclusive: count(Mark::Exclusive),
        paragraphs,
    }
}

/// `/articles/{id}`, the id percent-encoded as one path segment.
pub(crate) fn article_href(id: &str) -> String {
    format!("/articles/{}", encode_segment(id))
}

/// `/stories/{id}`.
pub(crate) fn story_href(id: &str) -> String {
    format!("/stories/{}", encode_segment(id))
}

fn sentence_href(article: &str, idx: Option<usize>) -> String {
    match idx {
        Some(idx) => format!("{}#s{idx}", article_href(article)),
        None => article_href(article),
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
pub(crate) fn encode_segment(text: &str) -> String {
    let mut acc = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                acc.push(byte as char)
            }
            _ => acc.push_str(&format!("%{byte:02X}")),
        }
    }
    acc
}

/// "2024-03-04" or "2024-03-04 – 2024-03-06".
pub(crate) fn span(first: Option<&str>, last: Option<&str>) -> Option<String> {
    let day = |it: &str| it.get(..10).unwrap_or(it).to_string();
    match (first.map(day), last.map(day)) {
        (Some(first), Some(last)) if first == last => Some(first),
        (Some(first), Some(last)) => Some(format!("{first} – {last}")),
        (Some(one), None) | (None, Some(one)) => Some(one),
        (None, None) => None,
    }
}

fn split(body: &str) -> Vec<&str> {
    analyze::sentences(body).into_iter().map(|it| it.text).collect()
}

/// The index of `wanted` among `sentences`: the same text, else one containing the other,
/// else the sentence sharing the most words with it (at least half of them).
pub(crate) fn locate(sentences: &[&str], wanted: &str) -> Option<usize> {
    let wanted = wanted.trim();
    if let Some(idx) = sentences.iter().position(|it| *it == wanted) {
        return Some(idx);
    }
    if let Some(idx) = sentences
        .iter()
        .position(|it| it.contains(wanted) || (it.len() > 20 && wanted.contains(it)))
    {
        return Some(idx);
    }
    let words = |text: &str| -> BTreeSet<String> {
        analyze::words(text).map(|it| it.to_lowercase()).collect()
    };
    let target = words(wanted);
    if target.is_empty() {
        return None;
    }
    let (best, overlap) = sentences
        .iter()
        .enumerate()
        .map(|(idx, it)| {
            let candidate = words(it);
            let shared = candidate.intersection(&target).count();
            (idx, shared as f64 / target.len().max(candidate.len()) as f64)
        })
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))?;
    (overlap >= 0.5).then_some(best)
}

fn attributed(
    text: &str,
    by: Option<String>,
    sources: &[String],
    articles: &[String],
    by_id: &HashMap<&str, &store::StoredArticle>,
) -> Attributed {
    let mut sources: Vec<String> = sources.to_vec();
    if sources.is_empty() {
        let found: BTreeSet<&str> = articles
            .iter()
            .filter_map(|id| by_id.get(id.as_str()).map(|it| it.article.source.as_str()))
            .collect();
        sources = found.into_iter().map(str::to_string).collect();
    }
    Attributed { text: text.to_string(), by, exclusive: sources.len() == 1, sources }
}

fn exclusive(sources: &[String]) -> Option<String> {
    match sources {
        [only] => Some(only.clone()),
        _ => None,
    }
}

fn first_words(body: &str) -> String {
    let mut acc: String = body.split_whitespace().take(12).collect::<Vec<_>>().join(" ");
    if acc.is_empty() {
        acc.push_str("(untitled)");
    } else {
        acc.push('…');
    }
    acc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_sentences_exactly_then_by_words() {
        let all = ["The river rose.", "Ten people were rescued by boat on Monday.", "Rain fell."];
        assert_eq!(locate(&all, "Rain fell."), Some(2));
        assert_eq!(locate(&all, "  The river rose. "), Some(0));
        assert_eq!(locate(&all, "Ten people were rescued by boat on Monday night."), Some(1));
        assert_eq!(locate(&all, "Completely unrelated words here."), None);
    }

    #[test]
    fn encodes_ids_as_one_segment() {
        assert_eq!(encode_segment("a/b c\"<x>"), "a%2Fb%20c%22%3Cx%3E");
        assert_eq!(article_href("ok-1.2_3~"), "/articles/ok-1.2_3~");
    }

    #[test]
    fn spans_show_one_day_or_a_range() {
        let day = Some("2024-03-04T08:00:00Z");
        assert_eq!(span(day, day).as_deref(), Some("2024-03-04"));
        assert_eq!(
            span(day, Some("2024-03-06T01:00:00Z")).as_deref(),
            Some("2024-03-04 – 2024-03-06")
        );
        assert_eq!(span(None, None), None);
    }
}
