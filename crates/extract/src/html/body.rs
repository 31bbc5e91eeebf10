//! The article text of a page, readability style: drop chrome (navigation, share bars,
//! comments, ads), score the containers of paragraph text, keep the best one and its worthy
//! siblings, and read their text blocks in document order.
//!
//! Every walk is iterative (the tree can be thousands of levels deep) and linear in the size
//! of the page.

use std::collections::{HashMap, HashSet};

use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::node::Element;
use scraper::{Html, Node};

use crate::text::normalize_space;

/// The text blocks of the page's main content, in order.
pub(super) fn paragraphs(document: &Html) -> Vec<String> {
    let totals = text_totals(document);
    let page = walk(document, &totals);
    let Some(top) = best_candidate(&page) else {
        return Vec::new();
    };
    let top = widen(&page, top);
    let chosen = with_siblings(&page, top);
    let mut page = page;
    let blocks = std::mem::take(&mut page.blocks);
    blocks
        .into_iter()
        .filter(|block| chosen.iter().any(|root| page.contains(*root, block.owner)))
        .filter(|block| block.link_chars * 2 <= block.n_chars)
        .map(|block| block.text)
        .collect()
}

/// A run of text between block boundaries.
struct Block {
    text: String,
    /// Characters of `text`, counted once.
    n_chars: usize,
    link_chars: usize,
    /// The innermost block element holding the text.
    owner: NodeId,
}

/// What the walk learns about the kept part of the page.
struct Page<'a> {
    blocks: Vec<Block>,
    /// Pre-order and post-order numbers of each kept element, for subtree tests.
    order: HashMap<NodeId, (u32, u32)>,
    /// Text and link characters below each kept element.
    chars: HashMap<NodeId, (usize, usize)>,
    /// Readability scores of candidate containers.
    scores: HashMap<NodeId, f32>,
    nodes: HashMap<NodeId, NodeRef<'a, Node>>,
}

impl Page<'_> {
    fn contains(&self, root: NodeId, node: NodeId) -> bool {
        match (self.order.get(&root), self.order.get(&node)) {
            (Some(root), Some(node)) => root.0 <= node.0 && node.1 <= root.1,
            _ => false,
        }
    }

    fn link_density(&self, node: NodeId) -> f32 {
        match self.chars.get(&node) {
            Some((text, link)) if *text > 0 => *link as f32 / *text as f32,
            _ => 0.0,
        }
    }
}

/// Elements that never hold article text.
const DROPPED_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "input",
    "textarea",
    "template",
    "object",
    "embed",
    "canvas",
    "figcaption",
    "menu",
    "dialog",
    "head",
    "title",
];

/// Elements that start a new text block.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "td",
    "th",
    "tr",
    "ul",
    "br",
    "summary",
    "caption",
    "body",
    "center",
];

/// Class or id words that mark page chrome.
const CHROME_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "menu",
    "share",
    "sharing",
    "social",
    "related",
    "comment",
    "comments",
    "footer",
    "sidebar",
    "promo",
    "newsletter",
    "ad",
    "ads",
    "advert",
    "advertisement",
    "banner",
    "breadcrumb",
    "breadcrumbs",
    "subscribe",
    "signup",
    "popup",
    "modal",
    "cookie",
    "cookies",
    "masthead",
    "outbrain",
    "taboola",
    "recirc",
    "recommended",
    "tags",
    "toolbar",
    "byline",
    "dateline",
    "disclaimer",
    "sponsored",
    "trending",
];

/// Class or id words that mark the article itself.
const CONTENT_WORDS: &[&str] =
    &["article", "body", "content", "entry", "main", "post", "story", "text", "blog"];

/// Total text characters below every element, so chrome-looking wrappers that hold most of
/// the page are not dropped.
fn text_totals(document: &Html) -> HashMap<NodeId, usize> {
    let mut totals = HashMap::new();
    let mut stack: Vec<(NodeId, usize)> = Vec::new();
    for edge in document.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(_) => stack.push((node.id(), 0)),
                Node::Text(text) => {
                    // Script and style text is not page text.
                    let in_code = node
                        .parent()
                        .and_then(|parent| parent.value().as_element().map(|e| e.name()));
                    let in_code = in_code.is_some_and(|name| {
                        matches!(name, "script" | "style" | "noscript" | "template")
                    });
                    if let (Some(top), false) = (stack.last_mut(), in_code) {
                        top.1 += text.trim().len();
                    }
                }
                _ => (),
            },
            Edge::Close(node) if node.value().is_element() => {
                if let Some((id, n_chars)) = stack.pop() {
                    totals.insert(id, n_chars);
                    if let Some(parent) = stack.last_mut() {
                        parent.1 += n_chars;
                    }
                }
            }
            Edge::Close(_) => (),
        }
    }
    totals
}

/// Walks the page once: skips chrome, cuts text into blocks, counts characters and scores
/// the ancestors of each paragraph.
fn walk<'a>(document: &'a Html, totals: &HashMap<NodeId, usize>) -> Page<'a> {
    let page_chars = totals.get(&document.root_element().id()).copied().unwrap_or(0);
    let mut page = Page {
        blocks: Vec::new(),
        order: HashMap::new(),
        chars: HashMap::new(),
        scores: HashMap::new(),
        nodes: HashMap::new(),
    };
    let mut skipping: Option<NodeId> = None;
    let mut counter = 0u32;
    // Open kept elements: id, text chars, link chars.
    let mut stack: Vec<(NodeId, usize, usize)> = Vec::new();
    let mut owners: Vec<NodeId> = Vec::new();
    let mut link_depth = 0usize;
    let mut buffer = String::new();
    let mut buffer_links = 0usize;
    for edge in document.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(element) => {
                        if is_chrome(
                            element,
                            totals.get(&node.id()).copied().unwrap_or(0),
                            page_chars,
                        ) {
                            skipping = Some(node.id());
                            continue;
                        }
                        let name = element.name();
                        if BLOCK_TAGS.contains(&name) {
                            flush(
                                &mut buffer,
                                &mut buffer_links,
                                owners.last().copied(),
                                &mut page.blocks,
                            );
                            if name != "br" && name != "hr" {
                                owners.push(node.id());
                            }
                        }
                        if name == "a" {
                            link_depth += 1;
                        }
                        counter += 1;
                        page.order.insert(node.id(), (counter, 0));
                        page.nodes.insert(node.id(), node);
                        stack.push((node.id(), 0, 0));
                    }
                    Node::Text(text) => {
                        let n_chars = text.chars().filter(|c| !c.is_whitespace()).count();
                        buffer.push_str(text);
                        if let Some(top) = stack.last_mut() {
                            top.1 += n_chars;
                            if link_depth > 0 {
                                top.2 += n_chars;
                            }
                        }
                        if link_depth > 0 {
                            buffer_links += text.chars().count();
                        }
                    }
                    _ => (),
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                    continue;
                }
                if skipping.is_some() {
                    continue;
                }
                let Node::Element(element) = node.value() else { continue };
                let name = element.name();
                if name == "a" {
                    link_depth = link_depth.saturating_sub(1);
                }
                if BLOCK_TAGS.contains(&name) && name != "br" && name != "hr" {
                    flush(&mut buffer, &mut buffer_links, owners.last().copied(), &mut page.blocks);
                    owners.pop();
                }
                counter += 1;
                if let Some(order) = page.order.get_mut(&node.id()) {
                    order.1 = counter;
                }
                if let Some((id, text, links)) = stack.pop() {
                    page.chars.insert(id, (text, links));
                    if let Some(parent) = stack.last_mut() {
                        parent.1 += text;
                        parent.2 += links;
                    }
                }
            }
        }
    }
    flush(&mut buffer, &mut buffer_links, owners.last().copied(), &mut page.blocks);
    score(&mut page);
    page
}

/// Ends the current text block.
fn flush(buffer: &mut String, links: &mut usize, owner: Option<NodeId>, blocks: &mut Vec<Block>) {
    let text = normalize_space(buffer);
    buffer.clear();
    let link_chars = std::mem::take(links);
    let Some(owner) = owner else { return };
    if !text.is_empty() {
        blocks.push(Block { n_chars: text.chars().count(), text, link_chars, owner });
    }
}

/// Chrome: a dropped tag, hidden, or a class/id naming navigation, sharing, ads... unless it
/// also names content and holds a good share of the page's text.
fn is_chrome(element: &Element, n_chars: usize, page_chars: usize) -> bool {
    let name = element.name();
    // Some sites wrap the whole page in a <form> or in a wrapper with an ad-sounding class:
    // an element holding most of the page's text is never chrome by form or class alone.
    let holds_most = n_chars * 2 >= page_chars && page_chars > 0;
    if DROPPED_TAGS.contains(&name) {
        // Page builders use <header> for sections, and broken markup leaves an <aside> or a
        // <form> open around the page; code and widgets are never text.
        let structural = matches!(name, "form" | "header" | "footer" | "aside" | "nav" | "section");
        let big_header = name == "header" && n_chars * 4 >= page_chars;
        return !(structural && (holds_most || big_header));
    }
    // Streaming renderers park the whole page in a hidden wrapper and reveal it by script.
    let hidden = element.attr("hidden").is_some()
        || element.attr("aria-hidden") == Some("true")
        || element.attr("style").is_some_and(|style| {
            let style = style.replace(' ', "").to_lowercase();
            style.contains("display:none") || style.contains("visibility:hidden")
        });
    if hidden {
        return !holds_most;
    }
    if matches!(name, "html" | "body" | "article" | "main") {
        return false;
    }
    let words = class_words(element);
    if !words.iter().any(|word| CHROME_WORDS.contains(&word.as_str())) {
        return false;
    }
    let names_content = words.iter().any(|word| CONTENT_WORDS.contains(&word.as_str()));
    !(holds_most || (names_content && n_chars * 4 >= page_chars))
}

/// The words of an element's class and id: `article-body share_bar` -> article, body, share, bar.
fn class_words(element: &Element) -> Vec<String> {
    let mut words = Vec::new();
    for attr in
        [element.attr("class"), element.attr("id"), element.attr("role")].into_iter().flatten()
    {
        for word in attr.split(|c: char| !c.is_alphanumeric()) {
            split_camel(word, &mut words);
        }
    }
    words
}

/// "relatedLinks" -> related, links.
fn split_camel(word: &str, acc: &mut Vec<String>) {
    let mut current = String::new();
    for c in word.chars() {
        if c.is_uppercase() && !current.is_empty() && !current.chars().all(char::is_uppercase) {
            acc.push(std::mem::take(&mut current));
        }
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        acc.push(current);
    }
}

/// Readability scoring: each paragraph gives points to its parent, grandparent and
/// great-grandparent; a container's score then shrinks with its link density.
fn score(page: &mut Page<'_>) {
    let mut raw: HashMap<NodeId, f32> = HashMap::new();
    for block in &page.blocks {
        let n_chars = block.n_chars;
        if n_chars < 25 {
            continue;
        }
        let points = 1.0
            + block.text.matches([',', '，']).count() as f32
            + (n_chars as f32 / 100.0).min(3.0);
        let Some(owner) = page.nodes.get(&block.owner) else { continue };
        let mut ancestor = owner.parent();
        for level in 0..3 {
            let Some(node) = ancestor else { break };
            if !node.value().is_element() {
                break;
            }
            let entry = raw.entry(node.id()).or_insert_with(|| initial_score(node));
            *entry += points / (level as f32 + 1.0);
            ancestor = node.parent();
        }
    }
    page.scores =
        raw.into_iter().map(|(id, score)| (id, score * (1.0 - page.link_density(id)))).collect();
}

fn initial_score(node: NodeRef<'_, Node>) -> f32 {
    let Node::Element(element) = node.value() else { return 0.0 };
    let tag = match element.name() {
        "article" | "main" => 10.0,
        "div" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    let words = class_words(element);
    let class =
        if words.iter().any(|word| CONTENT_WORDS.contains(&word.as_str())) { 25.0 } else { 0.0 };
    tag + class
}

/// The best-scoring container; ties go to the first in the page.
fn best_candidate(page: &Page<'_>) -> Option<NodeId> {
    let mut best: Option<(NodeId, f32)> = None;
    for (id, score) in &page.scores {
        let better = match best {
            None => true,
            Some((best_id, best_score)) => {
                *score > best_score
                    || (*score == best_score && page.order.get(id) < page.order.get(&best_id))
            }
        };
        if better {
            best = Some((*id, *score));
        }
    }
    best.map(|(id, _)| id)
}

/// Paragraph-like text (long, few links) and link-heavy text below a node, in characters.
fn text_kinds(page: &Page<'_>, root: NodeId) -> (usize, usize) {
    let (mut good, mut junk) = (0, 0);
    for block in &page.blocks {
        if !page.contains(root, block.owner) {
            continue;
        }
        let n_chars = block.n_chars;
        if n_chars >= 50 && block.link_chars * 4 < n_chars {
            good += n_chars;
        } else if block.link_chars * 2 >= n_chars {
            junk += n_chars;
        }
    }
    (good, junk)
}

/// Page builders cut one article into many sibling blocks (rows, columns, widgets), so the
/// best container may hold only a part: climb while an ancestor adds real paragraph text and
/// little link text. Wrappers that add nothing are passed through.
fn widen(page: &Page<'_>, top: NodeId) -> NodeId {
    const MAX_LEVELS: usize = 8;
    let Some(node) = page.nodes.get(&top) else { return top };
    let (mut good, mut junk) = text_kinds(page, top);
    let mut best = top;
    let mut ancestor = node.parent();
    for _ in 0..MAX_LEVELS {
        let Some(parent) = ancestor else { break };
        let is_root =
            parent.value().as_element().is_none_or(|e| matches!(e.name(), "html" | "body"));
        if is_root || !page.order.contains_key(&parent.id()) {
            break;
        }
        let (parent_good, parent_junk) = text_kinds(page, parent.id());
        let gain_good = parent_good - good;
        let gain_junk = parent_junk - junk;
        if gain_good == 0 && gain_junk == 0 {
            ancestor = parent.parent();
            continue;
        }
        if gain_good * 10 < good || gain_good < 100 || gain_good < gain_junk * 2 {
            break;
        }
        best = parent.id();
        (good, junk) = (parent_good, parent_junk);
        ancestor = parent.parent();
    }
    best
}

/// The top candidate and those siblings that look like more of the article.
fn with_siblings(page: &Page<'_>, top: NodeId) -> Vec<NodeId> {
    let top_score = page.scores.get(&top).copied().unwrap_or(0.0);
    let threshold = (top_score * 0.2).max(10.0);
    let Some(parent) = page.nodes.get(&top).and_then(|node| node.parent()) else {
        return vec![top];
    };
    let mut chosen = Vec::new();
    let mut seen = HashSet::new();
    for sibling in parent.children() {
        let id = sibling.id();
        if id == top {
            chosen.push(id);
            continue;
        }
        if !page.order.contains_key(&id) || !seen.insert(id) {
            continue;
        }
        let good_score = page.scores.get(&id).is_some_and(|score| *score >= threshold);
        let good_paragraph = match sibling.value() {
            Node::Element(element) if element.name() == "p" => {
                let n_chars = page.chars.get(&id).map_or(0, |chars| chars.0);
                n_chars >= 80 && page.link_density(id) < 0.25
            }
            _ => false,
        };
        if good_score || good_paragraph {
            chosen.push(id);
        }
    }
    chosen
}
