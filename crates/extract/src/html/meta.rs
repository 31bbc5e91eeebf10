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
            Node::Text(text) if text.len() < 300 => {
                let in_code = node
                    .parent()
                    .and_then(|parent| parent.value().as_element())
                    .is_some_and(|element| {
                        matches!(element.name(), "script" | "style" | "title" | "noscript")
                    });
                if in_code {
                    continue;
                }
                let text = normalize_space(text);
                if found.copyright.is_none()
                    && (text.contains('©') || text.to_lowercase().contains("copyright"))
                {
                    found.copyright = copyright_publisher(&text);
                }
                if found.text_dates.len() < 3
                    && (6..60).contains(&text.len())
                    && text.contains(|c: char| c.is_ascii_digit())
                    && parse_date(&text).is_some()
                {
                    found.text_dates.push(text);
                }
            }
            _ => (),
        }
    }
    let site_name = first(&found.metas, SITE_KEYS);
    let title = pick_title(&found, site_name.as_deref());
    let ld_author = found.ld.author.as_ref().and_then(|author| names(author, &found.ld.names));
    // Metadata names are kept as the page writes them (case, credentials); only byline
    // elements, which mix names with dates and labels, go through the byline parser.
    let written_by = (found.metas.get("twitter:label1").map(String::as_str) == Some("Written by"))
        .then(|| found.metas.get("twitter:data1"))
        .flatten();
    let author = found
        .metas
        .get("author")
        .into_iter()
        .chain(ld_author.as_ref())
        .chain(AUTHOR_KEYS.iter().skip(1).filter_map(|key| found.metas.get(*key)))
        .chain(written_by)
        .find_map(|text| clean_author(text))
        .or_else(|| found.bylines.iter().find_map(|text| parse_author_field(text)));
    let published = found
        .ld
        .date
        .iter()
        .chain(DATE_KEYS.iter().filter_map(|key| found.metas.get(*key)))
        .chain(found.ld.any_date.iter())
        .chain(found.times.iter())
        .chain(found.text_dates.iter())
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
    /// The first few `<h1>`s.
    h1s: Vec<String>,
    /// Short text nodes that read as a date, in page order (visible "Published May 3" lines).
    text_dates: Vec<String>,
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
    /// The article's `author` value; persons given by `@id` are resolved through `names`.
    author: Option<Value>,
    date: Option<String>,
    /// `datePublished` of any object (a `WebPage`, say) when no article object has one.
    any_date: Option<String>,
    /// Names of the objects of the page's JSON-LD by `@id`.
    names: HashMap<String, String>,
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
        "h1" if found.h1s.len() < 5 => {
            let text = node_text(node);
            if !text.is_empty() {
                found.h1s.push(text);
            }
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
            if let (Some(id), Some(name)) = (
                object.get("@id").and_then(Value::as_str),
                object.get("name").and_then(Value::as_str),
            ) {
                ld.names.entry(id.to_string()).or_insert_with(|| normalize_space(name));
            }
            if ld.any_date.is_none() {
                ld.any_date =
                    object.get("datePublished").and_then(Value::as_str).map(normalize_space);
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
            ld.author = ld.author.take().or_else(|| object.get("author").cloned());
            ld.publisher = ld
                .publisher
                .take()
                .or_else(|| object.get("publisher").and_then(|it| names(it, &HashMap::new())));
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

/// Names in a JSON-LD person or organisation field: a string, an object (maybe only an
/// `@id` naming an object elsewhere in the page's JSON-LD) or a list.
fn names(value: &Value, by_id: &HashMap<String, String>) -> Option<String> {
    let name = |value: &Value| match value {
        Value::String(name) => Some(normalize_space(name)),
        Value::Object(object) => {
            object.get("name").and_then(Value::as_str).map(normalize_space).or_else(|| {
                object.get("@id").and_then(Value::as_str).and_then(|id| by_id.get(id)).cloned()
            })
        }
        _ => None,
    };
    let all: Vec<String> = match value {
        Value::Array(items) => items.iter().filter_map(name).collect(),
        other => name(other).into_iter().collect(),
    };
    let all: Vec<String> = all.into_iter().filter(|name| !name.is_empty()).collect();
    // The same form as bylines in text: "A and B", "A, B and C".
    match all.split_last() {
        None => None,
        Some((last, [])) => Some(last.clone()),
        Some((last, rest)) => Some(format!("{} and {last}", rest.join(", "))),
    }
}

/// The title: the first `<h1>` that agrees with the page's other titles (so a logo in an
/// `<h1>` is passed over), else the meta title, JSON-LD headline or `<title>`.
fn pick_title(found: &Found, site_name: Option<&str>) -> Option<String> {
    let others: Vec<String> =
        [first(&found.metas, TITLE_KEYS), found.ld.headline.clone(), found.title.clone()]
            .into_iter()
            .flatten()
            .map(|title| strip_site_suffix(&title, site_name))
            .collect();
    let agreeing = found.h1s.iter().find(|h1| {
        h1.len() <= 300
            && !site_name.is_some_and(|site| crate::clean::same_text(site, h1))
            && others.iter().any(|other| agrees(h1, other))
    });
    match agreeing {
        Some(h1) => Some(h1.clone()),
        None if others.is_empty() => found.h1s.first().cloned(),
        None => others.into_iter().next(),
    }
}

/// Two titles agree when at least half the words of the first are in the second.
fn agrees(title: &str, other: &str) -> bool {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (title, other) = (words(title), words(other));
    let shared = title.iter().filter(|word| other.contains(word)).count();
    !title.is_empty() && shared * 2 >= title.len()
}

/// An author as metadata gives it, tidied: no "By", no URL, not a sentence.
fn clean_author(text: &str) -> Option<String> {
    static BY: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)^(?:written\s+by|posted\s+by|by)\s*:?\s+").expect("valid regex")
    });
    let text = normalize_space(text);
    let text = BY.replace(&text, "").trim().to_string();
    let usable = !text.is_empty()
        && text.len() <= 150
        && !text.starts_with("http")
        && !text.contains("://")
        && text.chars().any(char::is_alphabetic);
    usable.then_some(text)
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

    #[test]
    fn title_agreement_passes_over_logos() {
        assert!(agrees("Top health trends to watch", "Health trends to watch in 2026"));
        assert!(!agrees("The Daily Planet", "Bridge closes after cracks found"));
    }

    #[test]
    fn metadata_authors_keep_their_form() {
        assert_eq!(clean_author("By  Jane DOE, MD").as_deref(), Some("Jane DOE, MD"));
        assert_eq!(clean_author("https://example.com/author/jane"), None);
        assert_eq!(clean_author("  "), None);
    }
}
