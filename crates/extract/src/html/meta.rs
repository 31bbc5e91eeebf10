//! Page metadata: title, author, date, outlet, canonical URL and language from meta tags,
//! JSON-LD, `<h1>`, `<title>`, `<time>` and byline elements.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use scraper::{Html, Node};
use serde_json::Value;

use crate::byline::parse_author_field;
use crate::date::parse_date;
use crate::publisher::copyright_publisher;
use crate::text::normalize_space;

/// What the page says about itself.
#[derive(Debug, Default)]
pub(super) struct Meta {
    pub(super) title: Option<String>,
    pub(super) author: Option<String>,
    pub(super) published: Option<DateTime<FixedOffset>>,
    pub(super) publisher: Option<String>,
    pub(super) url: Option<String>,
    pub(super) language: Option<String>,
}

/// Meta tag keys (name, property or itemprop) for each field, best first.
const TITLE_KEYS: &[&str] = &["og:title", "twitter:title", "headline", "dc.title"];
const AUTHOR_KEYS: &[&str] = &[
    "author",
    "article:author",
    "byl",
    "sailthru.author",
    "parsely-author",
    "dc.creator",
    "citation_author",
];
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "date",
    "citation_publication_date",
];
const SITE_KEYS: &[&str] = &["og:site_name", "application-name", "publisher", "dc.publisher"];

/// Reads the metadata in one walk over the document.
pub(super) fn read(document: &Html) -> Meta {
    let mut found = Found::default();
    for node in document.tree.root().descendants() {
        match node.value() {
            Node::Element(element) => read_element(element, node, &mut found),
            Node::Text(text) if found.copyright.is_none() && text.len() < 300 => {
                let text = normalize_space(text);
                if text.contains('©') || text.to_lowercase().contains("copyright") {
                    found.copyright = copyright_publisher(&text);
                }
            }
            _ => (),
        }
    }
    let site_name = first(&found.metas, SITE_KEYS);
    let title = first(&found.metas, TITLE_KEYS)
        .or_else(|| found.ld.headline.clone())
        .or_else(|| found.h1.clone())
        .or_else(|| found.title.clone())
        .map(|title| strip_site_suffix(&title, site_name.as_deref()));
    let author = AUTHOR_KEYS
        .iter()
        .filter_map(|key| found.metas.get(*key))
        .chain(found.ld.author.iter())
        .chain(found.bylines.iter())
        .filter(|text| !text.starts_with("http"))
        .find_map(|text| parse_author_field(text));
    let published = DATE_KEYS
        .iter()
        .filter_map(|key| found.metas.get(*key))
        .chain(found.ld.date.iter())
        .chain(found.times.iter())
        .find_map(|text| parse_date(text));
    let url = [found.canonical.clone(), found.metas.get("og:url").cloned(), found.ld.url.clone()]
        .into_iter()
        .flatten()
        .find(|url| url.starts_with("http://") || url.starts_with("https://"));
    let language = found
        .lang
        .clone()
        .or_else(|| found.metas.get("og:locale").cloned())
        .or_else(|| found.metas.get("content-language").cloned())
        .and_then(|lang| primary_language(&lang));
    Meta {
        title: title.filter(|title| !title.is_empty()),
        author,
        published,
        publisher: site_name.or(found.ld.publisher).or(found.copyright),
        url,
        language,
    }
}

/// Raw findings of the walk.
#[derive(Default)]
struct Found {
    /// Meta tags by lower-case key; the first occurrence wins.
    metas: HashMap<String, String>,
    ld: LinkedData,
    title: Option<String>,
    h1: Option<String>,
    canonical: Option<String>,
    lang: Option<String>,
    times: Vec<String>,
    bylines: Vec<String>,
    copyright: Option<String>,
}

/// The fields we use from an article's JSON-LD.
#[derive(Default)]
struct LinkedData {
    headline: Option<String>,
    author: Option<String>,
    date: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
}

fn read_element(
    element: &scraper::node::Element,
    node: ego_tree::NodeRef<'_, Node>,
    found: &mut Found,
) {
    let name = element.name();
    match name {
        "html" => {
            found.lang =
                element.attr("lang").or_else(|| element.attr("xml:lang")).map(str::to_string)
        }
        "meta" => {
            let key = element
                .attr("property")
                .or_else(|| element.attr("name"))
                .or_else(|| element.attr("itemprop"));
            let key = key.or_else(|| element.attr("http-equiv"));
            let value = element.attr("content").or_else(|| element.attr("datetime"));
            if let (Some(key), Some(value)) = (key, value) {
                let value = normalize_space(value);
                if !value.is_empty() {
                    found.metas.entry(key.to_lowercase()).or_insert(value);
                }
            }
        }
        "link" => {
            let rel = element.attr("rel").unwrap_or("");
            if rel.eq_ignore_ascii_case("canonical") && found.canonical.is_none() {
                found.canonical = element.attr("href").map(str::to_string);
            }
        }
        "title" if found.title.is_none() => {
            found.title = Some(node_text(node)).filter(|text| !text.is_empty())
        }
        "h1" if found.h1.is_none() => {
            found.h1 = Some(node_text(node)).filter(|text| !text.is_empty())
        }
        "time" => {
            if let Some(datetime) = element.attr("datetime") {
                found.times.push(datetime.to_string());
            }
        }
        "script" if element.attr("type").is_some_and(|kind| kind.contains("ld+json")) => {
            if let Ok(value) = serde_json::from_str::<Value>(&node_text(node)) {
                read_linked_data(&value, &mut found.ld, 0);
            }
        }
        _ => (),
    }
    if element.attr("itemprop").is_some_and(|prop| prop == "datePublished") {
        if let Some(date) = element.attr("datetime").or_else(|| element.attr("content")) {
            found.times.insert(0, date.to_string());
        }
    }
    let is_byline = element.attr("rel") == Some("author")
        || element.attr("itemprop") == Some("author")
        || element.attr("class").is_some_and(|class| {
            let class = class.to_lowercase();
            class.contains("byline")
                || class.contains("author-name")
                || class.split_whitespace().any(|c| c == "author")
        });
    if is_byline && found.bylines.len() < 8 {
        let text = node_text(node);
        if !text.is_empty() && text.len() < 120 {
            found.bylines.push(text);
        }
    }
}

/// Finds the article object in JSON-LD (maybe in `@graph` or a list) and reads its fields.
fn read_linked_data(value: &Value, ld: &mut LinkedData, depth: usize) {
    if depth > 4 {
        return;
    }
    match value {
        Value::Array(items) => items.iter().for_each(|item| read_linked_data(item, ld, depth + 1)),
        Value::Object(object) => {
            if let Some(graph) = object.get("@graph") {
                read_linked_data(graph, ld, depth + 1);
            }
            if !is_article_type(object.get("@type")) {
                return;
            }
            let string = |key: &str| object.get(key).and_then(Value::as_str).map(normalize_space);
            ld.headline =
                ld.headline.take().or_else(|| string("headline")).or_else(|| string("name"));
            ld.date = ld
                .date
                .take()
                .or_else(|| string("datePublished"))
                .or_else(|| string("dateCreated"));
            ld.author = ld.author.take().or_else(|| object.get("author").and_then(names));
            ld.publisher = ld.publisher.take().or_else(|| object.get("publisher").and_then(names));
            let main_entity = object.get("mainEntityOfPage").and_then(|entity| match entity {
                Value::String(url) => Some(url.clone()),
                Value::Object(page) => page.get("@id").and_then(Value::as_str).map(str::to_string),
                _ => None,
            });
            ld.url = ld.url.take().or_else(|| string("url")).or(main_entity);
        }
        _ => (),
    }
}

fn is_article_type(kind: Option<&Value>) -> bool {
    let matches = |kind: &str| {
        kind.ends_with("Article") || matches!(kind, "BlogPosting" | "Report" | "LiveBlogPosting")
    };
    match kind {
        Some(Value::String(kind)) => matches(kind),
        Some(Value::Array(kinds)) => kinds.iter().filter_map(Value::as_str).any(matches),
        _ => false,
    }
}

/// Names in a JSON-LD person or organisation field: a string, an object or a list.
fn names(value: &Value) -> Option<String> {
    let name = |value: &Value| match value {
        Value::String(name) => Some(normalize_space(name)),
        Value::Object(object) => object.get("name").and_then(Value::as_str).map(normalize_space),
        _ => None,
    };
    let all: Vec<String> = match value {
        Value::Array(items) => items.iter().filter_map(name).collect(),
        other => name(other).into_iter().collect(),
    };
    let all: Vec<String> = all.into_iter().filter(|name| !name.is_empty()).collect();
    match all.len() {
        0 => None,
        _ => Some(all.join(", ")),
    }
}

fn first(metas: &HashMap<String, String>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|key| metas.get(*key)).cloned()
}

/// All text below a node, whitespace collapsed.
fn node_text(node: ego_tree::NodeRef<'_, Node>) -> String {
    let mut text = String::new();
    for descendant in node.descendants() {
        if let Node::Text(part) = descendant.value() {
            text.push_str(part);
            text.push(' ');
        }
        if text.len() > 100_000 {
            break;
        }
    }
    normalize_space(&text)
}

/// "Headline | Site" -> "Headline"; also "Site - Headline" when the site name is known.
fn strip_site_suffix(title: &str, site_name: Option<&str>) -> String {
    const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " • "];
    let title = normalize_space(title);
    for separator in SEPARATORS {
        let Some(idx) = title.rfind(separator) else { continue };
        let (head, tail) = (&title[..idx], &title[idx + separator.len()..]);
        let tail_is_site = site_name.is_some_and(|site| crate::clean::same_text(site, tail));
        let short_tail =
            tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 3;
        if tail_is_site || (short_tail && *separator != " - ") || (short_tail && tail.contains('.'))
        {
            return head.trim().to_string();
        }
        if *separator == " - "
            && short_tail
            && tail.split_whitespace().all(|word| word.starts_with(char::is_uppercase))
        {
            return head.trim().to_string();
        }
        if let Some(site) = site_name {
            if let Some(rest) =
                title.strip_prefix(site).and_then(|rest| rest.strip_prefix(separator))
            {
                return rest.trim().to_string();
            }
        }
    }
    title
}

/// `en-US` -> `en`, `pt_BR` -> `pt`.
fn primary_language(lang: &str) -> Option<String> {
    let primary = lang.trim().split(['-', '_']).next()?.to_lowercase();
    ((2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic()))
        .then_some(primary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_site_from_titles() {
        assert_eq!(
            strip_site_suffix("Bridge closes after cracks found | Daily Planet", None),
            "Bridge closes after cracks found"
        );
        assert_eq!(
            strip_site_suffix("Bridge closes after cracks found - Daily Planet", None),
            "Bridge closes after cracks found"
        );
        assert_eq!(
            strip_site_suffix("Daily Planet - Bridge closes", Some("Daily Planet")),
            "Bridge closes"
        );
        assert_eq!(
            strip_site_suffix("Bridge closes - and reopens a day later", None),
            "Bridge closes - and reopens a day later"
        );
    }
}
