//! Facts: groups of aligned sentences, ordered and turned into report facts.

use model::report::{Evidence, Fact};

use crate::corpus::Corpus;
use crate::ArticleRef;

/// Orders aligned groups as the report lists facts: most sources first, then most articles,
/// then by where they appear in the articles. Single-article groups (exclusives) beyond
/// `max_exclusives` per article are dropped, keeping each article's earliest sentences,
/// because news puts what matters first.
///
/// `doc_articles` maps each corpus document to its article.
pub(crate) fn order_groups(
    corpus: &Corpus<'_>,
    groups: Vec<Vec<usize>>,
    doc_articles: &[usize],
    refs: &[ArticleRef<'_>],
    max_exclusives: usize,
) -> Vec<Vec<usize>> {
    let mut exclusives_kept = vec![0usize; corpus.doc_lengths.len()];
    let mut kept: Vec<Vec<usize>> = Vec::with_capacity(groups.len());
    // Groups arrive sorted by their first unit, i.e. by document then position, so the
    // cap keeps the earliest exclusives of each article.
    for group in groups {
        if group.len() == 1 {
            let doc = corpus.units[group[0]].doc;
            if exclusives_kept[doc] >= max_exclusives {
                continue;
            }
            exclusives_kept[doc] += 1;
        }
        kept.push(group);
    }
    let key = |group: &Vec<usize>| {
        let n_sources = count_sources(corpus, group, doc_articles, refs);
        let first = group.iter().map(|&u| (corpus.units[u].position, corpus.units[u].doc)).min();
        (std::cmp::Reverse(n_sources), std::cmp::Reverse(group.len()), first)
    };
    kept.sort_by_cached_key(key);
    kept
}

/// How many distinct outlets a group's units come from.
pub(crate) fn count_sources(
    corpus: &Corpus<'_>,
    group: &[usize],
    doc_articles: &[usize],
    refs: &[ArticleRef<'_>],
) -> usize {
    let mut sources: Vec<&str> =
        group.iter().map(|&u| refs[doc_articles[corpus.units[u].doc]].source).collect();
    sources.sort_unstable();
    sources.dedup();
    sources.len()
}

/// The articles (in input order) whose sentences are in a group.
pub(crate) fn group_articles(
    corpus: &Corpus<'_>,
    group: &[usize],
    doc_articles: &[usize],
) -> Vec<usize> {
    let mut articles: Vec<usize> =
        group.iter().map(|&u| doc_articles[corpus.units[u].doc]).collect();
    articles.sort_unstable();
    articles.dedup();
    articles
}

/// The report fact for a group: its most central sentence, with evidence in article order.
pub(crate) fn to_fact(
    corpus: &Corpus<'_>,
    group: &[usize],
    doc_articles: &[usize],
    refs: &[ArticleRef<'_>],
) -> Fact {
    let representative = corpus.most_central(group);
    let mut members: Vec<usize> = group.to_vec();
    members.sort_by_key(|&u| doc_articles[corpus.units[u].doc]);
    let articles = group_articles(corpus, group, doc_articles);
    Fact {
        text: corpus.units[representative].text.to_string(),
        articles: articles.iter().map(|&a| refs[a].id.to_string()).collect(),
        sources: distinct_sources(&articles, refs),
        evidence: members
            .iter()
            .map(|&u| Evidence {
                article: refs[doc_articles[corpus.units[u].doc]].id.to_string(),
                sentence: corpus.units[u].text.to_string(),
            })
            .collect(),
    }
}

/// The outlets of some articles, distinct, in the order of the articles.
pub(crate) fn distinct_sources(articles: &[usize], refs: &[ArticleRef<'_>]) -> Vec<String> {
    let mut res: Vec<String> = Vec::new();
    for &article in articles {
        if !res.iter().any(|s| s == refs[article].source) {
            res.push(refs[article].source.to_string());
        }
    }
    res
}
