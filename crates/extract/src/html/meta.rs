//! Page metadata: title, author, date, outlet, canonical URL and language from meta tags,
//! JSON-LD, `<h1>`, `<title>`, `<time>` and byline elements.

use std::collections::HashMap;

use super::dom::{Dom, Edge, Node, NodeRef};
use chrono::{DateTime, FixedOffset};
use serde_json::Value;

use super::{attr, contains_ignore_case};
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
    /// The first date shown anywhere on the page.
    pub(super) shown_date: Option<DateTime<FixedOffset>>,
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
/// Meta tags repeated once per author.
const PEOPLE_KEYS: &[&str] =
    &["citation_author", "citation_authors", "dc.creator", "dc.contributor", "article:author"];
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
pub(super) fn read(document: &Dom) -> Meta {
    let mut found = Found::default();
    for node in document.root().descendants() {
        match node.value() {
            Node::Element(element) => read_element(element, node, &mut found),
            Node::Text(text) => {
                let in_code = node
                    .parent()
                    .and_then(|parent| parent.value().as_element())
                    .is_some_and(|element| {
                        matches!(element.name(), "script" | "style" | "title" | "noscript")
                    });
                if in_code || text.trim().is_empty() {
                    continue;
                }
                found.n_texts += 1;
                if found.h1_at.is_some() && text.len() >= PROSE {
                    found.seen_prose(text);
                }
                if text.len() >= 300 {
                    continue;
                }
                // Most text nodes are none of what is looked for below: tell so from the raw
                // text before copying it with its spaces collapsed.
                let raw = text.trim();
                let has_digit = raw.bytes().any(|b| b.is_ascii_digit());
                // "This article was originally published on ..." ("Published", "PUBLISHED":
                // a substring search without the first letter is much faster than one
                // ignoring case).
                let tells_original = found.original.is_none()
                    && has_digit
                    && raw.len() >= 30
                    && PUBLISHED.iter().any(|word| word.find(raw.as_bytes()).is_some());
                let wanted = (found.copyright.is_none()
                    && (raw.contains('©') || contains_ignore_case(raw, "copyright")))
                    || (found.text_dates.len() < 12 && has_digit)
                    || tells_original
                    || (found.bylines.len() < 20 && may_open_byline(raw))
                    || (20 < raw.len() && raw.len() <= 64 && is_update_label(raw));
                if !wanted {
                    // "Updated <span>:</span> <time>": punctuation between the label and the
                    // date keeps the label.
                    let punctuation = raw.chars().all(|c| c.is_ascii_punctuation());
                    if !punctuation {
                        found.after_update_label = raw.len() <= 20 && is_update_label(raw);
                    }
                    continue;
                }
                let text = normalize_space(text);
                if tells_original {
                    found.original = original_date(&text);
                }
                if found.copyright.is_none()
                    && (text.contains('©') || contains_ignore_case(&text, "copyright"))
                {
                    found.copyright = copyright_publisher(&text);
                }
                if found.text_dates.len() < 12
                    && (6..80).contains(&text.len())
                    && text.contains(|c: char| c.is_ascii_digit())
                {
                    if let Some((date, updated)) = visible_date(&text) {
                        // "Updated <time>Jul 24, 2018</time>": the label is the text before.
                        let updated = updated || found.after_update_label;
                        found.text_dates.push((found.n_texts, date, updated));
                    }
                }
                found.after_update_label =
                    text.len() <= 20 && raw.len() <= 64 && is_update_label(&text);
                if found.bylines.len() < 20
                    && text.len() < 100
                    && may_open_byline(&text)
                    && BYLINE_LABEL.is_match(&text)
                {
                    if let Some(line) = label_byline(node, &text) {
                        found.bylines.push(line);
                    }
                }
            }
            _ => (),
        }
    }
    let site_name = first(&found.metas, SITE_KEYS);
    let title = pick_title(&found, site_name.as_deref());
    let url = [found.canonical.clone(), found.metas.get("og:url").cloned(), found.ld.url.clone()]
        .into_iter()
        .flatten()
        .find(|url| url.starts_with("http://") || url.starts_with("https://"));
    let outlets: Vec<String> = [site_name.clone(), found.ld.publisher.clone()]
        .into_iter()
        .flatten()
        .chain(url.as_deref().and_then(crate::publisher::url_host))
        .collect();
    let author = pick_author(&found, &outlets);
    let metadata = pick_date(&found);
    let published = match head_date(&found, metadata) {
        Some(shown) => Some(precise(shown, metadata, &found.times)),
        None => metadata,
    };
    // A page that says when it first appeared is taken at its word.
    let published = found.original.or(published);
    let language = found
        .lang
        .clone()
        .or_else(|| found.metas.get("og:locale").cloned())
        .or_else(|| found.metas.get("content-language").cloned())
        .and_then(|lang| primary_language(&lang));
    Meta {
        title: title.filter(|title| !title.is_empty()).map(|title| plain_quotes(&title)),
        author: author.map(|author| plain_quotes(&author)),
        published,
        shown_date: found.text_dates.first().map(|(_, date, _)| *date),
        publisher: site_name.or(found.ld.publisher).or(found.copyright),
        url,
        language,
    }
}

/// The author: a person named by metadata, else by a byline on the page, else an outlet or
/// team that metadata names as author.
fn pick_author(found: &Found, outlets: &[String]) -> Option<String> {
    let ld_author = found.ld.author.as_ref().and_then(|author| names(author, &found.ld.names));
    // Metadata names are kept as the page writes them (case, credentials); only byline
    // elements, which mix names with dates and labels, go through the byline parser.
    let written_by = (found.metas.get("twitter:label1").map(String::as_str) == Some("Written by"))
        .then(|| found.metas.get("twitter:data1"))
        .flatten();
    let meta_author = found.metas.get("author");
    // A JSON-LD list that names more people than the author tag (which often has the first).
    let listed = PEOPLE_KEYS
        .iter()
        .filter_map(|key| found.people.get(*key))
        .find(|people| people.len() >= 2)
        .map(|people| people.join(", "));
    let fuller = |names: &&String| {
        meta_author.is_none_or(|meta| names.len() > meta.len() && names.starts_with(meta.as_str()))
    };
    let ld_first = ld_author.as_ref().filter(fuller);
    let listed_first = listed.as_ref().filter(fuller);
    let mut from_meta = ld_first
        .into_iter()
        .chain(listed_first)
        .chain(meta_author)
        .chain(ld_author.as_ref())
        .chain(AUTHOR_KEYS.iter().skip(1).filter_map(|key| found.metas.get(*key)))
        .chain(written_by)
        .filter_map(|text| clean_author(text));
    let is_outlet = |name: &str| {
        found.ld.author_is_org
            && ld_author.as_deref().is_some_and(|ld| crate::clean::same_text(ld, name))
            || outlets.iter().any(|outlet| names_outlet(name, outlet))
    };
    let mut outlet_named = None;
    let mut person = None;
    for name in from_meta.by_ref() {
        if !is_outlet(&name) {
            person = Some(name);
            break;
        }
        outlet_named.get_or_insert(name);
    }
    let byline = found
        .bylines
        .iter()
        .filter_map(|text| {
            // Parts of an author element are joined with " | ", so "Jane Doe | Tech Reporter"
            // splits into a name and a role.
            let joined = text.replace(" | ", " ");
            let parsed = parse_author_field(text).or_else(|| parse_author_field(&joined));
            // A lone word from the page is more often a label ("Guide", "Updated") than a name,
            // unless a "By" says it is one.
            let labelled = crate::byline::strip_field_label(&joined).len() < joined.trim().len();
            let parsed =
                parsed.filter(|name| labelled || name.contains(' ')).map(|name| undouble(&name));
            parsed.or_else(|| {
                // An author element may hold a team or pen name the name parser refuses.
                let text = crate::byline::strip_field_label(&joined);
                let n_words = text.split_whitespace().count();
                let plain = (2..=4).contains(&n_words)
                    && text.starts_with(char::is_alphabetic)
                    && text.split_whitespace().last().is_some_and(|word| {
                        word.starts_with(char::is_uppercase)
                            || matches!(word, "team" | "staff" | "editors" | "desk")
                    })
                    && !matches!(text.to_lowercase().as_str(), "sign in" | "log in" | "sign up")
                    && !text.contains(|c: char| c.is_ascii_digit() || "!?:;|".contains(c));
                plain.then(|| text.to_string())
            })
        })
        .find(|name| !is_outlet(name) && !is_placeholder_name(name));
    // A one-word metadata author is often a login ("jdoe"); a byline on the page names the
    // person.
    if person.as_deref().is_some_and(|name| !name.contains(' ')) && byline.is_some() {
        return byline;
    }
    let linked = found.author_links.iter().find(|name| !is_outlet(name)).cloned();
    // The author's photo, named in its alt text, in an author box.
    let pictured = found
        .author_images
        .iter()
        .filter_map(|alt| parse_author_field(alt))
        .find(|name| name.contains(' ') && !is_outlet(name) && !is_placeholder_name(name));
    person.or(byline).or(linked).or(pictured).or(outlet_named)
}

/// The name in a link to an author's page, when the address spells it: "/authors/jane-doe"
/// and "Jane Doe". The spelling check keeps out "More by this author" and topic links.
fn author_link(href: &str, node: NodeRef<'_>) -> Option<String> {
    const AUTHOR_DIRS: &[&str] = &[
        "author",
        "authors",
        "writer",
        "writers",
        "contributor",
        "contributors",
        "people",
        "staff",
    ];
    let path = href.split(['?', '#']).next()?.trim_end_matches('/');
    let mut segments = path.rsplit('/');
    let slug = segments.next()?;
    if !segments.next().is_some_and(|dir| AUTHOR_DIRS.iter().any(|d| dir.eq_ignore_ascii_case(d))) {
        return None;
    }
    let text = node_text(node);
    let n_words = text.split_whitespace().count();
    if !(2..=4).contains(&n_words)
        || !text.split_whitespace().all(|word| word.starts_with(char::is_uppercase))
    {
        return None;
    }
    let key = |text: &str| -> String {
        text.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
    };
    let (name_key, slug_key) = (key(&text), key(slug));
    (name_key.len() >= 5 && slug_key.starts_with(&name_key) && !in_aside(node)).then_some(text)
}

/// Whether an element sits in an author box: an element up to three levels above it whose
/// class or id names the author or byline.
fn in_author_box(node: NodeRef<'_>) -> bool {
    node.ancestors().take(3).filter_map(|ancestor| ancestor.value().as_element()).any(|element| {
        [attr(element, "class"), attr(element, "id")].into_iter().flatten().any(|value| {
            contains_ignore_case(value, "author") || contains_ignore_case(value, "byline")
        })
    })
}

/// "Jane Jane" -> "Jane": an author element that holds its name twice (a screen-reader copy).
fn undouble(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let half = words.len() / 2;
    if words.len() % 2 == 0 && half > 0 && words[..half] == words[half..] {
        words[..half].join(" ")
    } else {
        name.to_string()
    }
}

/// Whether an author name is the outlet: its site name or the main part of its host.
fn names_outlet(name: &str, outlet: &str) -> bool {
    let key = |text: &str| -> String {
        text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
    };
    let name = key(name);
    if name.is_empty() {
        return false;
    }
    if outlet.contains('.') && !outlet.contains(' ') {
        // A host: "news.homeadvisor.com" names "HomeAdvisor".
        return outlet.split('.').any(|label| label.len() >= 3 && key(label) == name);
    }
    key(outlet) == name
}

/// The publication date from metadata, `<time>` elements included. A page's
/// last-modified date is not its publication date, so it is never used in its place.
fn pick_date(found: &Found) -> Option<DateTime<FixedOffset>> {
    // Less common keys: "published", "w-published-date", "publication-date".
    let other_keys = found.metas.iter().filter(|(key, _)| {
        (key.contains("publish") || key.contains("publication"))
            && !key.contains("modif")
            && !key.contains("update")
            && !DATE_KEYS.contains(&key.as_str())
    });
    let mut other_keys: Vec<(&String, &String)> = other_keys.collect();
    other_keys.sort();
    found
        .ld
        .date
        .iter()
        .chain(DATE_KEYS.iter().filter_map(|key| found.metas.get(*key)))
        .chain(other_keys.into_iter().map(|(_, value)| value))
        .chain(found.ld.any_date.iter())
        .chain(found.times.iter())
        .find_map(|text| parse_date(text))
}

/// A date shown as a day ("April 11, 2023") with the time and zone of a machine-readable
/// date of the same day, when the page has one. A timestamp that falls on the shown day in
/// some time zone ("2021-12-10T02:17Z" for "December 9, 2021" shown in New York) is the same
/// moment.
fn precise(
    shown: DateTime<FixedOffset>,
    metadata: Option<DateTime<FixedOffset>>,
    times: &[String],
) -> DateTime<FixedOffset> {
    let same_day = |date: &DateTime<FixedOffset>| date.date_naive() == shown.date_naive();
    let in_some_zone = |date: &DateTime<FixedOffset>| {
        // Zones run from UTC-12 to UTC+14.
        let day_start = shown.date_naive().and_time(chrono::NaiveTime::MIN).and_utc();
        let instant = date.to_utc();
        instant + chrono::Duration::hours(14) >= day_start
            && instant - chrono::Duration::hours(12) < day_start + chrono::Duration::days(1)
    };
    metadata
        .filter(same_day)
        .or_else(|| times.iter().filter_map(|time| parse_date(time)).find(same_day))
        .or_else(|| metadata.filter(in_some_zone))
        .unwrap_or(shown)
}

/// Text nodes at least this long (in bytes) read as prose.
const PROSE: usize = 120;

/// How far around the headline (in text nodes) a shown date belongs to the article head.
const HEAD_BEFORE: usize = 5;
const HEAD_AFTER: usize = 40;

/// The date shown with the headline: the first date in the text nodes just before the first
/// `<h1>` or after it, up to the article's first prose; not when it is labelled as an update.
/// What readers are shown beats metadata, which CMSs often fill with the date a page was
/// created or imported. When the head shows several dates ("May 21, 2025 April 24, 2025",
/// modified and published, or a list's date before the headline), the one metadata gives as
/// the publication day wins.
fn head_date(
    found: &Found,
    metadata: Option<DateTime<FixedOffset>>,
) -> Option<DateTime<FixedOffset>> {
    let h1 = found.h1_at?;
    let end = found.prose_at.unwrap_or(usize::MAX).min(h1 + HEAD_AFTER);
    // Dates just before the headline are the article's ("May 4, 2025" over it), unless there
    // are several: the end of a list of events or other stories.
    let before = found
        .text_dates
        .iter()
        .filter(|(at, _, updated)| *at + HEAD_BEFORE > h1 && *at <= h1 && !updated);
    let start = if before.count() > 1 { h1 + 1 } else { h1.saturating_sub(HEAD_BEFORE - 1) };
    // "Updated May 4" tells when the page last changed, not when it was published.
    let mut shown = found
        .text_dates
        .iter()
        .filter(|(at, _, updated)| *at >= start && *at <= end && !updated)
        .map(|(_, date, _)| *date);
    let first = shown.next()?;
    let published_day = metadata.map(|date| date.date_naive());
    if published_day.is_none_or(|day| day == first.date_naive()) {
        return Some(first);
    }
    Some(shown.find(|date| Some(date.date_naive()) == published_day).unwrap_or(first))
}

/// A date as pages show it, maybe with a label and other notes: "Updated Dec 18, 2025 ·
/// 12 min read" gives Dec 18.
fn visible_date(text: &str) -> Option<(DateTime<FixedOffset>, bool)> {
    // Every date we read has a four-digit year: most short texts with digits ("Page 2",
    // "$4.99") are turned away before the parser looks at them.
    if !text.as_bytes().windows(4).any(|window| window.iter().all(u8::is_ascii_digit)) {
        return None;
    }
    if let Some(date) = parse_date(text) {
        return Some((date, is_update_label(text)));
    }
    // "Essay - Published: 2025.12.17", "February 4 2026 - 12 min read": a spaced hyphen
    // parts notes as a dash does (unspaced, it is part of "2025-12-17").
    text.split(['|', '•', '·', '—', '–'])
        .flat_map(|part| part.split(" - "))
        .map(str::trim)
        .filter(|part| part.len() >= 6)
        .find_map(|part| parse_date(part).map(|date| (date, is_update_label(part))))
}

/// "Published" and "PUBLISHED" without their first letter, whose case varies.
static PUBLISHED: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 2]> =
    std::sync::LazyLock::new(|| {
        [memchr::memmem::Finder::new(b"ublished"), memchr::memmem::Finder::new(b"UBLISHED")]
    });

/// The date a text says the page first appeared: "This article was originally published on
/// 26 Sep 2019 at 4:12pm but has been updated since", "First published: 3 May 2021". Only
/// about the page itself: "the novel was first published on ..." in the article's text is
/// not.
fn original_date(text: &str) -> Option<DateTime<FixedOffset>> {
    let lower = text.to_ascii_lowercase();
    let (start, at) = ["originally published", "first published"]
        .iter()
        .find_map(|phrase| lower.find(phrase).map(|at| (at, at + phrase.len())))?;
    let this_page = ["this article", "this story", "this post", "this piece", "this page"]
        .iter()
        .any(|page| lower[..start].contains(page));
    if start > 0 && !this_page {
        return None;
    }
    let words: Vec<&str> = text[at..].split_whitespace().take(8).collect();
    // The longest run of words after the phrase that reads as a date.
    (2..=words.len()).rev().find_map(|n| {
        let date = words[..n].join(" ");
        parse_date(date.trim_start_matches(':').trim_end_matches([',', '.', ';']))
    })
}

/// Whether a text says that what follows is when the page changed: "Updated", "Last
/// modified:", "Reviewed on".
fn is_update_label(text: &str) -> bool {
    ["updat", "modif", "revis", "reviewed"].iter().any(|label| contains_ignore_case(text, label))
}

static BYLINE_LABEL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)^(?:by|written by|words by|story by|posted by|article by|reported by|authors?)(?:\s*:)?(?:\s|$)",
    )
    .expect("valid regex")
});

/// Whether a text starts with a letter that a byline label starts with: a cheap test that
/// spares most text nodes the label pattern.
fn may_open_byline(text: &str) -> bool {
    text.as_bytes().first().is_some_and(|first| {
        matches!(first.to_ascii_lowercase(), b'a' | b'b' | b'p' | b'r' | b's' | b'w')
    })
}

/// A byline from a text that opens with a label: "By Jane Doe", or a bare "Written by" whose
/// name is in the next element ("<p>Written by</p><p>Jane Doe</p>").
fn label_byline(node: NodeRef<'_>, text: &str) -> Option<String> {
    if in_aside(node) {
        return None;
    }
    let mut line = text.to_string();
    let mut holder = node.parent();
    // Climb while the text is only the label, to the element that also holds the name.
    for step in 0..3 {
        let Some(element) = holder else { break };
        let whole = node_text(element);
        if whole.len() > 120 {
            // A label heading a long block: the name is in the element after the label.
            let next = element_children_after(node);
            if let Some(name) = next.filter(|name| name.len() < 60) {
                line = format!("{line} {name}");
            }
            break;
        }
        line = whole;
        if BYLINE_LABEL.replace(&line, "").trim().chars().any(char::is_alphabetic) {
            break;
        }
        // A label alone in its element ("<h3>Author</h3><p>Jane Doe</p>"): the name is the
        // next element's text, when that is short; the parent may also hold share buttons.
        if step == 0 {
            if let Some(name) = element_children_after(node).filter(|name| name.len() < 60) {
                line = format!("{line} {name}");
                break;
            }
        }
        holder = element.parent();
    }
    let rest = BYLINE_LABEL.replace(&line, "");
    let rest = rest.trim().trim_start_matches(':').trim();
    (!rest.is_empty() && rest.len() < 100).then(|| format!("By {rest}"))
}

/// Whether at least two paragraphs of text (`<p>` of prose length) come before a heading in
/// its own container: the heading is inside the article's text. Text before it elsewhere (a
/// menu's blurbs, a cookie notice) does not count.
fn after_paragraphs(heading: NodeRef<'_>) -> bool {
    let Some(parent) = heading.parent() else { return false };
    let paragraphs = parent
        .children()
        .take_while(|child| child.id() != heading.id())
        .filter(|child| child.value().as_element().is_some_and(|element| element.name() == "p"))
        .filter(|paragraph| node_text(*paragraph).len() >= PROSE)
        .take(2)
        .count();
    paragraphs >= 2
}

/// The text of the element that follows the label's element: "<h2>Article by</h2><div>Name</div>".
fn element_children_after(node: NodeRef<'_>) -> Option<String> {
    let label = node.parent()?;
    let next = label.next_siblings().find(|sibling| sibling.value().is_element())?;
    Some(node_text(next)).filter(|text| !text.is_empty())
}

/// Whether a node is in comments, related stories or the page footer, whose names are not
/// the article's author.
fn in_aside(node: NodeRef<'_>) -> bool {
    // Not "footer": articles keep their author box in their own <footer>.
    const ASIDE_WORDS: &[&str] =
        &["comment", "comments", "related", "recirc", "recommended", "morefrom"];
    for element in node.ancestors().filter_map(|ancestor| ancestor.value().as_element()) {
        // Inside the article, what is above it (even a broken <aside> around the page) is
        // no concern.
        if matches!(element.name(), "article" | "main" | "html" | "body") {
            return false;
        }
        let aside = matches!(element.name(), "aside" | "nav")
            || [attr(element, "class"), attr(element, "id")].into_iter().flatten().any(|attr| {
                attr.split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|word| ASIDE_WORDS.iter().any(|aside| word.eq_ignore_ascii_case(aside)))
            });
        if aside {
            return true;
        }
    }
    false
}

/// An element whose class, id, `rel` or `itemprop` says it holds the author's name (not the
/// author's photo or bio).
fn is_byline_element(element: &super::dom::Element) -> bool {
    // One pass over the attributes: this runs on every element of the page.
    let (mut class, mut id) = (None, None);
    for (key, value) in element.attrs() {
        match key {
            "rel" | "itemprop" if value == "author" => return true,
            "class" => class = Some(value),
            "id" => id = Some(value),
            _ => (),
        }
    }
    let attrs = [class, id];
    let has = |words: &[&str]| {
        attrs.iter().flatten().any(|attr| words.iter().any(|word| contains_ignore_case(attr, word)))
    };
    has(&["byline", "author", "writer"])
        && !has(&[
            "bio", "avatar", "image", "img", "photo", "picture", "desc", "about", "social",
            "follow",
        ])
}

/// Raw findings of the walk.
/// An `<h1>` of the page.
struct Heading {
    text: String,
    /// Whether it comes after paragraphs of text in its own container: it heads a section of
    /// the article, not the article.
    in_text: bool,
}

#[derive(Default)]
struct Found {
    /// Meta tags by lower-case key; the first occurrence wins.
    metas: HashMap<String, String>,
    ld: LinkedData,
    title: Option<String>,
    /// The first few `<h1>`s.
    h1s: Vec<Heading>,
    /// Short text nodes that read as a date, in page order (visible "Published May 3" lines):
    /// their place among the page's text nodes, the date, and whether it is labelled as an
    /// update.
    text_dates: Vec<(usize, DateTime<FixedOffset>, bool)>,
    /// Visible text nodes seen so far.
    n_texts: usize,
    /// The last text node was an update label alone ("Updated").
    after_update_label: bool,
    /// How many text nodes came before the first `<h1>` with text.
    h1_at: Option<usize>,
    /// Prose-length text nodes after that `<h1>`.
    n_prose: usize,
    /// The last of them, to tell a copy.
    last_prose: Option<String>,
    /// The date a text says the page was first published on ("originally published on").
    original: Option<DateTime<FixedOffset>>,
    /// Where the article text has begun (see [`Found::seen_prose`]).
    prose_at: Option<usize>,
    canonical: Option<String>,
    lang: Option<String>,
    times: Vec<String>,
    /// Byline texts: author elements (their text nodes joined with " | ") and labelled lines.
    bylines: Vec<String>,
    copyright: Option<String>,
    /// Names in links to the page of an author whose address spells the name
    /// (`<a href="/authors/jane-doe">Jane Doe</a>`).
    author_links: Vec<String>,
    /// Alt texts of images in author boxes (the author's photo, named).
    author_images: Vec<String>,
    /// All values of the meta tags that name one author each (papers list every author).
    people: HashMap<String, Vec<String>>,
}

impl Found {
    /// Notes a prose-length text node after the headline: one may be the standfirst, two
    /// (or one long one) mean the article text has begun.
    fn seen_prose(&mut self, text: &str) {
        if self.prose_at.is_some() {
            return;
        }
        // A standfirst printed twice, once for wide and once for narrow screens, is one.
        if self.last_prose.as_deref() == Some(text.trim()) {
            return;
        }
        self.last_prose = Some(text.trim().to_string());
        self.n_prose += if text.len() >= 300 { 2 } else { 1 };
        if self.n_prose >= 2 {
            self.prose_at = Some(self.n_texts);
        }
    }
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
    /// The article's author is an organisation, not a person.
    author_is_org: bool,
}

fn read_element(element: &super::dom::Element, node: NodeRef<'_>, found: &mut Found) {
    let name = element.name();
    match name {
        "html" => {
            found.lang =
                attr(element, "lang").or_else(|| attr(element, "xml:lang")).map(str::to_string)
        }
        "meta" => {
            let key = attr(element, "property")
                .or_else(|| attr(element, "name"))
                .or_else(|| attr(element, "itemprop"));
            let key = key.or_else(|| attr(element, "http-equiv"));
            let value = attr(element, "content").or_else(|| attr(element, "datetime"));
            if let (Some(key), Some(value)) = (key, value) {
                let value = normalize_space(value);
                let key = key.to_lowercase();
                if !value.is_empty() {
                    if PEOPLE_KEYS.contains(&key.as_str()) {
                        let list = found.people.entry(key.clone()).or_default();
                        if list.len() < 30 && !list.contains(&value) {
                            list.push(value.clone());
                        }
                    }
                    found.metas.entry(key).or_insert(value);
                }
            }
        }
        "a" if found.author_links.len() < 5 => {
            if let Some(name) = attr(element, "href").and_then(|href| author_link(href, node)) {
                found.author_links.push(name);
            }
        }
        "img" if found.author_images.len() < 5 => {
            let alt = attr(element, "alt").map(normalize_space).unwrap_or_default();
            if (5..60).contains(&alt.len()) && in_author_box(node) && !in_aside(node) {
                found.author_images.push(alt);
            }
        }
        "link" => {
            let rel = attr(element, "rel").unwrap_or("");
            if rel.eq_ignore_ascii_case("canonical") && found.canonical.is_none() {
                found.canonical = attr(element, "href").map(str::to_string);
            }
        }
        "title" if found.title.is_none() => {
            found.title = Some(node_text(node)).filter(|text| !text.is_empty())
        }
        "h1" if found.h1s.len() < 5 => {
            let text = heading_text(node);
            if !text.is_empty() {
                found.h1_at.get_or_insert(found.n_texts);
                found.h1s.push(Heading { in_text: after_paragraphs(node), text });
            }
        }
        "time" => {
            if let Some(datetime) = attr(element, "datetime") {
                found.times.push(datetime.to_string());
            }
        }
        "script" if attr(element, "type").is_some_and(|kind| kind.contains("ld+json")) => {
            if let Ok(value) = serde_json::from_str::<Value>(&node_text(node)) {
                read_linked_data(&value, &mut found.ld, 0);
            }
        }
        _ => (),
    }
    if attr(element, "itemprop").is_some_and(|prop| prop == "datePublished") {
        if let Some(date) = attr(element, "datetime").or_else(|| attr(element, "content")) {
            found.times.insert(0, date.to_string());
        }
    }

    if found.bylines.len() < 20 && is_byline_element(element) && !in_aside(node) {
        let text = node_parts(node);
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
            if ld.author.is_none() {
                ld.author = object.get("author").cloned();
                ld.author_is_org = ld.author.as_ref().is_some_and(is_organization);
            }
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

/// A JSON-LD object (or list of them) of type `Organization` or one of its kinds.
fn is_organization(value: &Value) -> bool {
    let org = |item: &Value| {
        item.get("@type").and_then(Value::as_str).is_some_and(|kind| {
            kind.ends_with("Organization")
                || matches!(kind, "Corporation" | "NewsMediaOrganization")
        })
    };
    match value {
        Value::Array(items) => !items.is_empty() && items.iter().all(org),
        other => org(other),
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
    // "davidbau.com Vibe Coding" in `<title>` under an `<h1>` "davidbau.com": the site's
    // address is its name, and the rest the headline.
    let host_h1 = found.h1s.iter().map(|h1| h1.text.as_str()).find(|h1| is_host_name(h1));
    let page_title = found.title.as_deref().map(|title| match host_h1 {
        Some(host) => without_host(title, host).unwrap_or(title).to_string(),
        None => title.to_string(),
    });
    let others: Vec<String> =
        [first(&found.metas, TITLE_KEYS), found.ld.headline.clone(), page_title]
            .into_iter()
            .flatten()
            .map(|title| strip_site_suffix(&decode_entities(&title), site_name))
            .collect();
    // "Blog Name: Headline" in `<title>` when the meta title is "Headline": the rest is the
    // site's name, which blogs also set in an `<h1>`.
    let title_site = found
        .title
        .as_deref()
        .and_then(|title| others.iter().find_map(|other| site_part(title, other)));
    let is_site = |h1: &str| {
        is_host_name(h1)
            || [site_name, title_site.as_deref()]
                .into_iter()
                .flatten()
                .any(|site| crate::clean::same_text(site, h1))
    };
    // The `<h1>` most like the other titles; a logo or section name in an earlier `<h1>` is
    // passed over, and so is a word or two of a long title (a tag or a name in it).
    let mut best: Option<(&String, f32)> = None;
    for h1 in found.h1s.iter().map(|h1| &h1.text) {
        if h1.len() > 300 || is_site(h1) {
            continue;
        }
        let likeness = others
            .iter()
            .filter(|other| agrees(h1, other))
            .map(|other| likeness(h1, other))
            .fold(0.0, f32::max);
        if likeness >= MIN_LIKENESS && best.is_none_or(|(_, best)| likeness > best) {
            best = Some((h1, likeness));
        }
    }
    // An `<h1>` that reads as a headline names the article even when the metadata titles it
    // for search engines in other words; not one that follows the article's paragraphs, which
    // is a section heading ("But what they love is ...") of a page whose headline is in another
    // element.
    let headline_h1 = found
        .h1s
        .iter()
        .find(|h1| {
            (6..=20).contains(&h1.text.split_whitespace().count())
                && !is_site(&h1.text)
                && !h1.in_text
                // "A message from our founder:" introduces a box, not the article.
                && !h1.text.trim_end().ends_with(':')
        })
        .map(|h1| &h1.text);
    let title = match best {
        // "Dec 18 2025 Headline", "Blog: Headline": the `<h1>` holds the headline of the
        // metadata and page furniture (a date, a section label, a comment count).
        Some((h1, _)) => {
            others.iter().find(|other| with_furniture(h1, other)).unwrap_or(h1).clone()
        }
        None if others.is_empty() => found.h1s.first()?.text.clone(),
        None => headline_h1.or(others.first())?.clone(),
    };
    // Headings are often set in capitals (or lower case, left to the style sheet); metadata
    // keeps the headline's own case. A heading in capitals gives way to a metadata title in
    // words it agrees with.
    let shouted = |text: &str| !text.chars().any(char::is_lowercase);
    let cased = |text: &str| !shouted(text) && !text.starts_with(char::is_lowercase);
    let recased = if shouted(&title) || title.starts_with(char::is_lowercase) {
        others
            .iter()
            .flat_map(|other| [other.as_str(), other.split(" | ").next().unwrap_or(other)])
            .find(|other| cased(other) && crate::clean::same_text(other, &title))
            .or_else(|| {
                let agreeing = others.iter().find(|other| cased(other) && agrees(&title, other));
                agreeing.filter(|_| shouted(&title)).map(String::as_str)
            })
    } else {
        None
    };
    let title = recased.map(str::to_string).unwrap_or(title);
    // "Beginner? Guide": a heading that lost a character to the page's encoding, which the
    // metadata title keeps ("Beginner's Guide").
    let title = others.iter().find(|other| restores_lost(&title, other)).cloned().unwrap_or(title);
    // "Headline | Section | Site": a pipe does not belong to a headline, unless the page's own
    // headline field keeps it before a subtitle (longer than a section or site name).
    let declared = [found.ld.headline.as_deref(), found.metas.get("headline").map(String::as_str)]
        .into_iter()
        .flatten()
        .any(|headline| crate::clean::same_text(headline, &title));
    match title.split_once(" | ") {
        Some((head, tail))
            if head.split_whitespace().count() >= 2
                && !(declared && tail.split_whitespace().count() > 4) =>
        {
            Some(head.trim().to_string())
        }
        _ => Some(title),
    }
}

/// How like the other titles an `<h1>` must be to count as the headline: "Discord" is a word of
/// "How we pwned X, Vercel, Cursor, Discord and hundreds of companies", not its headline.
const MIN_LIKENESS: f32 = 0.25;

/// The site's name in a `<title>` that is a headline with the site's name before or after it,
/// separated by a colon, a pipe or a dash: "Lessons Learned: The lean startup" with the headline
/// "The lean startup" gives "Lessons Learned".
fn site_part(title: &str, headline: &str) -> Option<String> {
    let title = normalize_space(title);
    let headline = normalize_space(headline);
    if headline.is_empty() || title.len() <= headline.len() {
        return None;
    }
    let rest =
        title.strip_prefix(headline.as_str()).or_else(|| title.strip_suffix(headline.as_str()))?;
    let separators: &[char] = &[':', '|', '-', '\u{2013}', '\u{2014}', '\u{b7}', '\u{2022}', ' '];
    // The separator must be there: "Lessons Learned The lean startup" is one phrase.
    let joined = rest.starts_with([':', ' ']) || rest.ends_with([':', ' ']);
    let site = rest.trim_matches(separators);
    let marked = rest.contains([':', '|', '-', '\u{2013}', '\u{2014}', '\u{b7}', '\u{2022}']);
    // A site's name is short, shorter than the headline.
    let short =
        !site.is_empty() && site.split_whitespace().count() <= 4 && site.len() < headline.len();
    (joined && marked && short).then(|| site.to_string())
}

/// Whether a heading is a headline with page furniture around it: a date ("Dec 18 2025"), a
/// section label ("Blog:"), numbers or a source's host ("(example.com) 87").
fn with_furniture(heading: &str, headline: &str) -> bool {
    let (heading, headline) = (normalize_space(heading), normalize_space(headline));
    if headline.split_whitespace().count() < 3 || heading.len() <= headline.len() {
        return false;
    }
    let Some(at) = heading.to_lowercase().find(&headline.to_lowercase()) else { return false };
    // Lower-casing may change a text's length (rarely); then the heading is left as it is.
    let (Some(before), Some(after)) = (heading.get(..at), heading.get(at + headline.len()..))
    else {
        return false;
    };
    // The headline must be whole words of the heading.
    let bounded = before.chars().last().is_none_or(|c| !c.is_alphanumeric())
        && after.chars().next().is_none_or(|c| !c.is_alphanumeric());
    let (before, after) = (before.trim(), after.trim());
    // A date, or numbers and hosts: "(example.com) 87"; punctuation alone ("?") is the
    // headline's own.
    let furniture = |part: &str| {
        part.is_empty()
            || parse_date(part.trim_matches(['|', '\u{b7}', '\u{2022}', '-', ' '])).is_some()
            || (part.contains(|c: char| c.is_alphanumeric())
                && part.split_whitespace().all(|word| {
                    let word = word.trim_matches(['(', ')', '[', ']', ',']);
                    word.chars().all(|c| c.is_ascii_digit() || c.is_ascii_punctuation())
                        || (word.contains('.') && !word.ends_with('.'))
                }))
    };
    // "Blog:" or "News |": one word naming the section.
    let label = |part: &str| part.split_whitespace().count() == 1 && part.ends_with([':', '|']);
    // Before the headline, only a date or a label: "2025 Price Guide" is a headline.
    let before_ok = before.is_empty()
        || label(before)
        || parse_date(before.trim_matches(['|', '\u{b7}', '\u{2022}', '-', ' '])).is_some();
    bounded && before_ok && furniture(after)
}

/// Whether `other` is `title` with the characters its `?` or U+FFFD marks stand for restored:
/// the rest of the text is the same, and at least one mark stands for letters.
fn restores_lost(title: &str, other: &str) -> bool {
    const LOST: [char; 2] = ['?', '\u{fffd}'];
    if !title.contains(LOST) || other.contains('\u{fffd}') {
        return false;
    }
    let mut pieces = title.split(LOST);
    let Some(mut rest) = pieces.next().and_then(|first| other.strip_prefix(first)) else {
        return false;
    };
    let mut letters = false;
    for piece in pieces {
        // What stands in for the mark: one to three characters, then the next piece.
        let mut ends = rest.char_indices().map(|(at, _)| at).skip(1).chain([rest.len()]).take(3);
        let found = ends.find(|&at| {
            let tail = &rest[at..];
            if piece.is_empty() {
                tail.is_empty()
            } else {
                tail.starts_with(piece)
            }
        });
        let Some(at) = found else { return false };
        letters |= rest[..at].contains(char::is_alphanumeric);
        rest = &rest[at + piece.len()..];
    }
    rest.is_empty() && letters
}

/// Shared words over the words of the longer title.
fn likeness(a: &str, b: &str) -> f32 {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let shared = a.iter().filter(|word| b.contains(word)).count();
    shared as f32 / a.len().max(b.len()).max(1) as f32
}

/// Typographic single quotes and apostrophes as ASCII, the form people type and search.
fn plain_quotes(text: &str) -> String {
    text.replace(['\u{2018}', '\u{2019}'], "'")
}

/// Entities left in metadata that was escaped twice: "Python, SQL &#x26; AI".
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    [
        ("&#x26;", "&"),
        ("&#38;", "&"),
        ("&amp;", "&"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&#x27;", "'"),
        ("&apos;", "'"),
        ("&lt;", "<"),
        ("&gt;", ">"),
    ]
    .iter()
    .fold(text.to_string(), |text, (entity, plain)| text.replace(entity, plain))
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
    // A name quoted by a template that escaped it twice: "\"Jane Doe\"".
    let quotes: &[char] = &['"', '\u{201c}', '\u{201d}'];
    let text = match text.strip_prefix(quotes).and_then(|rest| rest.strip_suffix(quotes)) {
        Some(inner) if !inner.contains(quotes) => inner.trim().to_string(),
        _ => text,
    };
    let usable = !text.is_empty()
        && text.len() <= 150
        && !text.starts_with("http")
        && !text.contains("://")
        && text.chars().any(char::is_alphabetic)
        && !is_placeholder_name(&text);
    usable.then_some(text)
}

/// Not a name: an e-mail address, a template key ("page.head.author"), or a label ("By",
/// "Admin").
fn is_placeholder_name(text: &str) -> bool {
    const LABELS: &[&str] = &[
        "by",
        "written by",
        "name",
        "author",
        "authors",
        "admin",
        "administrator",
        "editor",
        "guest",
        "unknown",
        "null",
        "about the author",
        "sign in",
        "log in",
        "undefined",
    ];
    text.contains('@')
        || (!text.contains(' ') && text.matches('.').count() >= 3)
        || LABELS.contains(&text.to_lowercase().as_str())
}

fn first(metas: &HashMap<String, String>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|key| metas.get(*key)).cloned()
}

/// The text nodes below a node, each whitespace-collapsed, joined with " | ".
fn node_parts(node: NodeRef<'_>) -> String {
    let mut parts: Vec<String> = Vec::new();
    for descendant in node.descendants() {
        if let Node::Text(part) = descendant.value() {
            let part = normalize_space(part);
            if !part.is_empty() && part != "|" {
                parts.push(part);
            }
        }
        if parts.len() > 40 {
            break;
        }
    }
    parts.join(" | ")
}

/// A heading's text as a browser shows it: text in inline elements runs on ("Planning
/// <span>C</span>ycle" is "Planning Cycle"), a line break or a block element parts words.
fn heading_text(node: NodeRef<'_>) -> String {
    const INLINE: &[&str] = &[
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i",
        "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time",
        "u", "var",
    ];
    let mut text = String::new();
    for edge in node.traverse() {
        let (Edge::Open(part) | Edge::Close(part)) = edge;
        match part.value() {
            Node::Text(words) if matches!(edge, Edge::Open(_)) => text.push_str(words),
            Node::Element(element) if !INLINE.contains(&element.name()) => text.push(' '),
            _ => (),
        }
        if text.len() > 100_000 {
            break;
        }
    }
    normalize_space(&text)
}

/// All text below a node, whitespace collapsed.
fn node_text(node: NodeRef<'_>) -> String {
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

/// Whether a heading is a web address alone ("davidbau.com", "news.example.org"): a site's
/// name, not a headline.
fn is_host_name(text: &str) -> bool {
    let labels: Vec<&str> = text.trim().trim_end_matches('/').split('.').collect();
    let top = labels.last().copied().unwrap_or_default();
    labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && top.len() >= 2
        && top.chars().all(|c| c.is_ascii_alphabetic())
}

/// `title` without the site's address `host` before or after it, when a headline is left.
fn without_host<'a>(title: &'a str, host: &str) -> Option<&'a str> {
    let title = title.trim();
    let rest = title.strip_prefix(host).or_else(|| title.strip_suffix(host))?;
    let rest = rest.trim_matches(|c: char| c.is_whitespace() || "|-–—:·•".contains(c));
    (rest.split_whitespace().count() >= 2).then_some(rest)
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
        let host_tail = !tail.contains(' ') && tail.contains('.') && !head.is_empty();
        if tail_is_site
            || host_tail
            || (short_tail && *separator != " - ")
            || (short_tail && tail.contains('.'))
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
    fn heading_text_runs_inline_text_on() {
        let page = Dom::parse("<h1>Ferry <span>T</span>imetables<br>for spring</h1>");
        let h1 = page.first("h1").expect("an h1");
        assert_eq!(heading_text(h1), "Ferry Timetables for spring");
    }

    #[test]
    fn site_names_and_furniture_around_headlines() {
        let headline = "Ferry timetable changes in spring";
        assert_eq!(
            site_part("Harbour Notes: Ferry timetable changes in spring", headline).as_deref(),
            Some("Harbour Notes")
        );
        assert_eq!(
            site_part("Ferry timetable changes in spring | Harbour Notes", headline).as_deref(),
            Some("Harbour Notes")
        );
        // No separator, or a "site" as long as the headline: not a site's name.
        assert_eq!(site_part("Harbour Notes Ferry timetable changes in spring", headline), None);
        assert_eq!(
            site_part("Ferry timetable changes in spring - and what it means for you", headline),
            None
        );
        assert!(with_furniture("March 4, 2026 Ferry timetable changes in spring", headline));
        assert!(!with_furniture("New ferry timetable changes in spring", headline));
        assert!(!with_furniture("Ferry timetable changes in springtime", headline));
    }

    #[test]
    fn a_web_address_is_a_site_name_not_a_headline() {
        assert!(is_host_name("harbournotes.example"));
        assert!(is_host_name("news.harbour-notes.org/"));
        assert!(!is_host_name("Amazon.com reports record sales"));
        assert!(!is_host_name("v2.0"));
        assert!(!is_host_name("Ferries"));
        let host = "harbournotes.example";
        assert_eq!(
            without_host("harbournotes.example Ferry timetables", host),
            Some("Ferry timetables")
        );
        assert_eq!(
            without_host("Ferry timetables | harbournotes.example", host),
            Some("Ferry timetables")
        );
        assert_eq!(without_host("harbournotes.example", host), None);
        assert_eq!(without_host("Ferry timetables", host), None);
    }

    #[test]
    fn characters_lost_to_encoding_are_restored_from_metadata() {
        let lost = "A Beginner? Guide to Ferries";
        assert!(restores_lost(lost, "A Beginner's Guide to Ferries"));
        assert!(restores_lost("Caf\u{fffd} opens at the pier", "Caf\u{e9} opens at the pier"));
        // A question mark of the headline's own, or other words: not a lost character.
        assert!(!restores_lost("Ferries: worth it?", "Ferries: worth it"));
        assert!(!restores_lost("Ferries? Worth it", "Ferries: Worth it"));
        assert!(!restores_lost(lost, "A Beginner's Handbook for Ferries"));
    }

    #[test]
    fn metadata_authors_keep_their_form() {
        assert_eq!(clean_author("By  Jane DOE, MD").as_deref(), Some("Jane DOE, MD"));
        assert_eq!(clean_author("https://example.com/author/jane"), None);
        assert_eq!(clean_author("  "), None);
    }
}
