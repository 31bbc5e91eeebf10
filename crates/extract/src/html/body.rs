//! The article text of a page, readability style: drop chrome (navigation, share bars,
//! comments, ads), score the containers of paragraph text, keep the best one and its worthy
//! siblings, and read their text blocks in document order.
//!
//! Every walk is iterative (the tree can be thousands of levels deep) and linear in the size
//! of the page.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use super::dom::{Dom, Edge, Element, Node, NodeId, NodeRef};

use super::{attr, contains_ignore_case};
use crate::text::normalize_space;

/// Maps and sets keyed by node. Node ids are distinct small integers, so one multiply hashes
/// them well enough; SipHash, the default, took a tenth of the extraction time.
type IdMap<V> = HashMap<NodeId, V, BuildHasherDefault<IdHasher>>;
type IdSet = HashSet<NodeId, BuildHasherDefault<IdHasher>>;

/// A multiplicative hash of the integers in a key (Fibonacci hashing).
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u64(u64::from(byte));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

/// A map keyed by node, as a vector: node ids are indices into the page's arena.
struct Dense<V> {
    values: Vec<Option<V>>,
}

impl<V> Dense<V> {
    fn new(n: usize) -> Self {
        Dense { values: std::iter::repeat_with(|| None).take(n).collect() }
    }

    fn get(&self, id: &NodeId) -> Option<&V> {
        self.values.get(*id as usize).and_then(Option::as_ref)
    }

    fn get_mut(&mut self, id: &NodeId) -> Option<&mut V> {
        self.values.get_mut(*id as usize).and_then(Option::as_mut)
    }

    fn contains_key(&self, id: &NodeId) -> bool {
        self.get(id).is_some()
    }

    fn insert(&mut self, id: NodeId, value: V) {
        if let Some(slot) = self.values.get_mut(id as usize) {
            *slot = Some(value);
        }
    }
}

/// The text blocks of the page's main content, in order.
pub(super) fn paragraphs(document: &Dom) -> Vec<String> {
    let totals = text_totals(document);
    let strict = select(document, &totals, true);
    let n_chars = |paragraphs: &[String]| paragraphs.iter().map(String::len).sum::<usize>();
    // Some sites put chrome-sounding words on the wrappers of the article itself ("has
    // sidebar", "with-ads"): when the strict reading finds next to nothing, read the page
    // again trusting only tags, and keep that if it finds much more.
    if n_chars(&strict) >= SHORT_ARTICLE {
        return strict;
    }
    let lenient = select(document, &totals, false);
    // What the lenient reading adds must read as prose, not as a player's or a form's labels.
    let prose = |paragraphs: &[String]| {
        paragraphs.iter().filter(|paragraph| paragraph.len() >= 80).map(String::len).sum::<usize>()
    };
    if n_chars(&lenient) > n_chars(&strict) * 2 && prose(&lenient) * 2 >= n_chars(&lenient) {
        lenient
    } else {
        strict
    }
}

/// An article body shorter than this (in bytes) makes the extraction look again.
const SHORT_ARTICLE: usize = 500;

/// The main content's text blocks, with or without dropping chrome by class and id words.
fn select(document: &Dom, totals: &Totals, by_class: bool) -> Vec<String> {
    let page = walk(document, totals, by_class);
    let Some(top) = best_candidate(&page) else {
        return Vec::new();
    };
    let candidate_score = page.scores.get(&top).copied().unwrap_or(0.0);
    let top = widen(&page, top);
    let chosen = with_siblings(&page, top, candidate_score);
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
    /// Non-space characters of the links that open the block (a teaser's headline).
    lead_link_chars: usize,
    /// The innermost block element holding the text.
    owner: NodeId,
    /// The owner's pre-order number, for subtree tests without a map lookup.
    owner_pre: u32,
}

/// What the walk learns about the kept part of the page.
struct Page<'a> {
    blocks: Vec<Block>,
    /// Pre-order and post-order numbers of each kept element, for subtree tests.
    order: Dense<(u32, u32)>,
    /// Text and link characters below each kept element.
    chars: Dense<(usize, usize)>,
    /// Readability scores of candidate containers.
    scores: IdMap<f32>,
    dom: &'a Dom,
}

impl<'a> Page<'a> {
    /// A kept element.
    fn node(&self, id: NodeId) -> Option<NodeRef<'a>> {
        self.order.contains_key(&id).then(|| self.dom.get(id))
    }

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
    "gallery",
    "slideshow",
    "carousel",
    "lightbox",
    "overlay",
];

/// Class or id words of chrome that is never the article, even when a page's layout
/// wrappers use chrome-sounding names.
const NEVER_ARTICLE_WORDS: &[&str] = &[
    "comment",
    "comments",
    "related",
    "share",
    "sharing",
    "social",
    "breadcrumb",
    "breadcrumbs",
    "newsletter",
    "outbrain",
    "taboola",
    "recirc",
    "recommended",
    "cookie",
    "cookies",
];

/// Class or id words that mark the article itself.
const CONTENT_WORDS: &[&str] =
    &["article", "body", "content", "entry", "main", "post", "story", "text", "blog"];

/// Total text characters below every element, so chrome-looking wrappers that hold most of
/// the page are not dropped; and what kind of tag each element is.
struct Totals {
    chars: Vec<usize>,
    kinds: Vec<u8>,
}

/// Tag kinds: elements that never hold article text, and elements that start a text block.
const DROPPED: u8 = 1;
const BLOCK: u8 = 2;

fn tag_kind(name: &str) -> u8 {
    match name {
        "script" | "style" | "noscript" | "nav" | "header" | "footer" | "aside" | "form"
        | "iframe" | "svg" | "button" | "select" | "input" | "textarea" | "template" | "object"
        | "embed" | "canvas" | "figcaption" | "menu" | "dialog" | "head" | "title" => DROPPED,
        "address" | "article" | "blockquote" | "dd" | "details" | "div" | "dl" | "dt"
        | "figure" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "hr" | "li" | "main" | "ol"
        | "p" | "pre" | "section" | "table" | "tbody" | "thead" | "tfoot" | "td" | "th" | "tr"
        | "ul" | "br" | "summary" | "caption" | "body" | "center" => BLOCK,
        _ => 0,
    }
}

fn text_totals(document: &Dom) -> Totals {
    let mut totals = Totals { chars: vec![0; document.len()], kinds: vec![0; document.len()] };
    let mut stack: Vec<(NodeId, usize)> = Vec::new();
    for edge in document.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(element) => {
                    totals.kinds[node.id() as usize] = tag_kind(element.name());
                    stack.push((node.id(), 0));
                }
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
                    totals.chars[id as usize] = n_chars;
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
fn walk<'a>(document: &'a Dom, totals: &Totals, by_class: bool) -> Page<'a> {
    let page_chars = totals.chars.get(document.root_element().id() as usize).copied().unwrap_or(0);
    let mut page = Page {
        blocks: Vec::new(),
        order: Dense::new(document.len()),
        chars: Dense::new(document.len()),
        scores: IdMap::default(),
        dom: document,
    };
    let mut skipping: Option<NodeId> = None;
    let mut counter = 0u32;
    // Open kept elements: id, text chars, link chars.
    let mut stack: Vec<(NodeId, usize, usize)> = Vec::new();
    // Open block elements: id and pre-order number.
    let mut owners: Vec<(NodeId, u32)> = Vec::new();
    let mut link_depth = 0usize;
    let mut pending = Pending::default();
    for edge in document.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(element) => {
                        let kind = totals.kinds[node.id() as usize];
                        if is_chrome(
                            element,
                            kind,
                            totals.chars[node.id() as usize],
                            page_chars,
                            by_class,
                        ) {
                            skipping = Some(node.id());
                            continue;
                        }
                        let name = element.name();
                        if kind == BLOCK {
                            pending.flush(owners.last().copied(), &mut page.blocks);
                            if name != "br" && name != "hr" {
                                // The number this element gets just below.
                                owners.push((node.id(), counter + 1));
                            }
                        }
                        if name == "a" {
                            link_depth += 1;
                        }
                        counter += 1;
                        page.order.insert(node.id(), (counter, 0));
                        stack.push((node.id(), 0, 0));
                    }
                    Node::Text(text) => {
                        let n_chars = text.chars().filter(|c| !c.is_whitespace()).count();
                        pending.push(text, n_chars, link_depth > 0);
                        if let Some(top) = stack.last_mut() {
                            top.1 += n_chars;
                            if link_depth > 0 {
                                top.2 += n_chars;
                            }
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
                if totals.kinds[node.id() as usize] == BLOCK && name != "br" && name != "hr" {
                    pending.flush(owners.last().copied(), &mut page.blocks);
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
    pending.flush(owners.last().copied(), &mut page.blocks);
    score(&mut page);
    page
}

/// The text of the block being read.
#[derive(Default)]
struct Pending {
    text: String,
    link_chars: usize,
    /// Non-space characters of the links that open the block, before any plain text.
    lead_link_chars: usize,
    plain_seen: bool,
}

impl Pending {
    fn push(&mut self, text: &str, n_chars: usize, in_link: bool) {
        self.text.push_str(text);
        if in_link {
            self.link_chars += text.chars().count();
            if !self.plain_seen {
                self.lead_link_chars += n_chars;
            }
        } else if n_chars > 0 {
            self.plain_seen = true;
        }
    }

    /// Ends the current text block.
    fn flush(&mut self, owner: Option<(NodeId, u32)>, blocks: &mut Vec<Block>) {
        let pending = std::mem::take(self);
        let Some((owner, owner_pre)) = owner else { return };
        let text = normalize_space(&pending.text);
        if !text.is_empty() {
            blocks.push(Block {
                n_chars: text.chars().count(),
                text,
                link_chars: pending.link_chars,
                lead_link_chars: pending.lead_link_chars,
                owner,
                owner_pre,
            });
        }
    }
}

/// Chrome: a dropped tag, hidden, or a class/id naming navigation, sharing, ads... unless it
/// also names content and holds a good share of the page's text.
fn is_chrome(
    element: &Element,
    kind: u8,
    n_chars: usize,
    page_chars: usize,
    by_class: bool,
) -> bool {
    let name = element.name();
    // Some sites wrap the whole page in a <form> or in a wrapper with an ad-sounding class:
    // an element holding most of the page's text is never chrome by form or class alone.
    let holds_most = n_chars * 2 >= page_chars && page_chars > 0;
    if kind == DROPPED {
        // Page builders use <header> for sections, and broken markup leaves an <aside> or a
        // <form> open around the page; code and widgets are never text.
        let structural = matches!(name, "form" | "header" | "footer" | "aside" | "nav" | "section");
        let big_header = name == "header" && n_chars * 4 >= page_chars;
        return !(structural && (holds_most || big_header));
    }
    // Streaming renderers park the whole page in a hidden wrapper and reveal it by script.
    let hidden = attr(element, "hidden").is_some()
        || attr(element, "aria-hidden") == Some("true")
        || attr(element, "style").is_some_and(|style| {
            // Most inline styles hide nothing: look closer only when one might.
            if !contains_ignore_case(style, "none") && !contains_ignore_case(style, "hidden") {
                return false;
            }
            let style = style.replace(' ', "").to_lowercase();
            style.contains("display:none") || style.contains("visibility:hidden")
        });
    if hidden {
        return !holds_most;
    }
    if matches!(name, "html" | "body" | "article" | "main") {
        return false;
    }
    let flags = class_flags(element);
    // The lenient reading still drops what is never the article (comments, related links,
    // share bars); it only trusts layout words such as "sidebar" or "ad" no more.
    let chrome = if by_class { CHROME } else { NEVER_ARTICLE };
    if flags & chrome == 0 {
        return false;
    }
    let names_content = flags & CONTENT != 0;
    !(holds_most || (names_content && n_chars * 4 >= page_chars))
}

/// Kinds of class words, as bits: in [`CHROME_WORDS`], [`NEVER_ARTICLE_WORDS`],
/// [`CONTENT_WORDS`], and the two halves of an article root's class ("article" + "body").
const CHROME: u8 = 1;
const NEVER_ARTICLE: u8 = 2;
const CONTENT: u8 = 4;
const ROOT_KIND: u8 = 8;
const ROOT_PART: u8 = 16;

const ROOT_KIND_WORDS: &[&str] = &["article", "story", "entry", "post", "blog"];
const ROOT_PART_WORDS: &[&str] = &["body", "content", "text"];

/// A class word, ASCII lower case, zero padded: a cheap key for up to 16 bytes.
type WordKey = (u64, u64);

/// The longest listed word, in bytes.
const MAX_WORD: usize = 16;

fn word_key(word: &[u8]) -> Option<WordKey> {
    if word.len() > MAX_WORD {
        return None;
    }
    let mut lower = [0u8; MAX_WORD];
    for (to, from) in lower.iter_mut().zip(word) {
        *to = from.to_ascii_lowercase();
    }
    let (low, high) = lower.split_at(8);
    Some((u64::from_le_bytes(low.try_into().ok()?), u64::from_le_bytes(high.try_into().ok()?)))
}

/// The kinds of every listed word, by lower-case word.
static WORD_KINDS: LazyLock<HashMap<WordKey, u8, BuildHasherDefault<IdHasher>>> =
    LazyLock::new(|| {
        let mut kinds: HashMap<WordKey, u8, BuildHasherDefault<IdHasher>> = HashMap::default();
        for (words, kind) in [
            (CHROME_WORDS, CHROME),
            (NEVER_ARTICLE_WORDS, NEVER_ARTICLE),
            (CONTENT_WORDS, CONTENT),
            (ROOT_KIND_WORDS, ROOT_KIND),
            (ROOT_PART_WORDS, ROOT_PART),
        ] {
            for word in words {
                if let Some(key) = word_key(word.as_bytes()) {
                    *kinds.entry(key).or_default() |= kind;
                }
            }
        }
        kinds
    });

/// The kinds of one class word, ignoring ASCII case (every listed word is ASCII).
fn word_kinds(word: &str) -> u8 {
    if word.len() < 2 || !word.is_ascii() {
        return 0;
    }
    word_key(word.as_bytes()).and_then(|key| WORD_KINDS.get(&key)).copied().unwrap_or(0)
}

/// The kinds of all words of an element's class, id and role: `article-body share_bar` ->
/// article, body, share, bar; `relatedLinks` -> related, Links.
fn class_flags(element: &Element) -> u8 {
    let mut flags = 0;
    for value in
        [attr(element, "class"), attr(element, "id"), attr(element, "role")].into_iter().flatten()
    {
        if value.is_ascii() {
            ascii_words(value.as_bytes(), |word| flags |= word_kinds_ascii(word));
        } else {
            for word in value.split(|c: char| !c.is_alphanumeric()) {
                split_camel(word, &mut |part| flags |= word_kinds(part));
            }
        }
    }
    flags
}

fn word_kinds_ascii(word: &[u8]) -> u8 {
    if word.len() < 2 {
        return 0;
    }
    word_key(word).and_then(|key| WORD_KINDS.get(&key)).copied().unwrap_or(0)
}

/// [`for_each_class_word`] for ASCII text, byte by byte: words split at what is not a letter
/// or digit, then where a capital follows a part that is not all capitals.
fn ascii_words(text: &[u8], mut f: impl FnMut(&[u8])) {
    let mut start = 0;
    let mut all_upper = true;
    for (at, &byte) in text.iter().enumerate() {
        if !byte.is_ascii_alphanumeric() {
            if start < at {
                f(&text[start..at]);
            }
            start = at + 1;
            all_upper = true;
            continue;
        }
        let upper = byte.is_ascii_uppercase();
        if upper && at > start && !all_upper {
            f(&text[start..at]);
            start = at;
            all_upper = true;
        }
        all_upper &= upper;
    }
    if start < text.len() {
        f(&text[start..]);
    }
}

/// The words of an element's class, id and role, as written: `article-body share_bar` ->
/// article, body, share, bar; `relatedLinks` -> related, Links. Compare them with
/// [`in_set`], which ignores case. (Test reference for [`class_flags`].)
#[cfg(test)]
fn class_words(element: &Element) -> Vec<&str> {
    let mut words = Vec::new();
    for value in
        [attr(element, "class"), attr(element, "id"), attr(element, "role")].into_iter().flatten()
    {
        for word in value.split(|c: char| !c.is_alphanumeric()) {
            split_camel(word, &mut |part| words.push(part));
        }
    }
    words
}

/// "relatedLinks" -> related, Links; "HTMLParser" and "NEWS" stay whole.
fn split_camel<'a>(word: &'a str, f: &mut impl FnMut(&'a str)) {
    let mut start = 0;
    // Whether the current part so far is all capitals.
    let mut all_upper = true;
    for (idx, c) in word.char_indices() {
        if c.is_uppercase() && idx > start && !all_upper {
            f(&word[start..idx]);
            start = idx;
            all_upper = true;
        }
        all_upper &= c.is_uppercase();
    }
    if start < word.len() {
        f(&word[start..]);
    }
}

/// Whether a class word is one of a set of lower-case words.
#[cfg(test)]
fn in_set(word: &str, set: &[&str]) -> bool {
    set.iter().any(|member| member.eq_ignore_ascii_case(word))
}

/// Readability scoring: each paragraph gives points to its parent, grandparent and
/// great-grandparent; a container's score then shrinks with its link density.
fn score(page: &mut Page<'_>) {
    let mut raw: IdMap<f32> = IdMap::default();
    for block in &page.blocks {
        let n_chars = block.n_chars;
        if n_chars < 25 {
            continue;
        }
        let points = 1.0
            + block.text.matches([',', '，']).count() as f32
            + (n_chars as f32 / 100.0).min(3.0);
        let Some(owner) = page.node(block.owner) else { continue };
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

fn initial_score(node: NodeRef<'_>) -> f32 {
    let Node::Element(element) = node.value() else { return 0.0 };
    let tag = match element.name() {
        "article" | "main" => 10.0,
        "div" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    let class = if class_flags(element) & CONTENT != 0 { 25.0 } else { 0.0 };
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

/// Paragraph-like text (long, few links), link-heavy text and other text below a node, in
/// characters.
fn text_kinds(page: &Page<'_>, root: NodeId) -> (usize, usize, usize) {
    let (mut good, mut junk, mut other) = (0, 0, 0);
    let Some(&(root_pre, root_post)) = page.order.get(&root) else { return (0, 0, 0) };
    for block in &page.blocks {
        if !(root_pre <= block.owner_pre && block.owner_pre <= root_post) {
            continue;
        }
        let n_chars = block.n_chars;
        if block.link_chars * 2 >= n_chars {
            junk += n_chars;
        } else if block.is_teaser() {
            other += n_chars;
        } else if n_chars >= 50 && block.link_chars * 4 < n_chars {
            good += n_chars;
        } else {
            other += n_chars;
        }
    }
    (good, junk, other)
}

/// How much more paragraph text than other text a subtree holds; link lists count a quarter,
/// as their lines are dropped anyway.
fn text_value((good, junk, other): (usize, usize, usize)) -> f32 {
    good as f32 - other as f32 - junk as f32 * 0.25
}

impl Block {
    /// A link to another story with its summary: opens with a headline-long link, or is cut
    /// short with an ellipsis.
    fn is_teaser(&self) -> bool {
        self.lead_link_chars >= 20
            || (self.link_chars > 0 && (self.text.ends_with("...") || self.text.ends_with('…')))
    }
}

/// Page builders cut one article into many sibling blocks (rows, columns, widgets, list
/// items), so the best container may hold only a part: of the candidate and its ancestors,
/// take the one whose paragraph text most outweighs the short and link text it would add.
/// A wider container must be clearly better (related stories and comments also bring
/// paragraphs), and much better when the current one declares itself the article.
fn widen(page: &Page<'_>, top: NodeId) -> NodeId {
    const ROOT_GAIN: f32 = 2.0;
    const MAX_LEVELS: usize = 12;
    let Some(node) = page.node(top) else { return top };
    let mut last = text_kinds(page, top);
    let root = |node: NodeRef<'_>| is_article_root(node) && is_unique_class(page, node);
    let mut best = (top, text_value(last), root(node));
    let mut best_kinds = last;
    let mut ancestor = node.parent();
    let mut levels = 0;
    while let Some(parent) = ancestor {
        let is_root =
            parent.value().as_element().is_none_or(|e| matches!(e.name(), "html" | "body"));
        if is_root || !page.order.contains_key(&parent.id()) || levels >= MAX_LEVELS {
            break;
        }
        let kinds = text_kinds(page, parent.id());
        if kinds != last {
            levels += 1;
            last = kinds;
            let needed = if best.2 { ROOT_GAIN } else { 1.25 };
            if text_value(kinds) > best.1 * needed {
                best = (parent.id(), text_value(kinds), root(parent));
                best_kinds = kinds;
            }
        }
        if kinds == best_kinds && root(parent) {
            best = (parent.id(), best.1, true);
        }
        ancestor = parent.parent();
    }
    best.0
}

/// No other kept element of the page has the same class: one of several `article-body`
/// chunks is not the article.
fn is_unique_class(page: &Page<'_>, node: NodeRef<'_>) -> bool {
    let Some(class) = node.value().as_element().and_then(|e| attr(e, "class")) else {
        return true;
    };
    !(0..page.dom.len() as NodeId).filter_map(|id| page.node(id)).any(|other| {
        other.id() != node.id()
            && other.value().as_element().and_then(|e| attr(e, "class")) == Some(class)
    })
}

/// An element that says it holds the article: `<article>`, `<main>`, `itemprop=articleBody`,
/// or a class such as `article-body`, `entry-content`, `post_text`.
fn is_article_root(node: NodeRef<'_>) -> bool {
    let Node::Element(element) = node.value() else { return false };
    if matches!(element.name(), "article" | "main")
        || attr(element, "itemprop").is_some_and(|prop| prop.eq_ignore_ascii_case("articleBody"))
    {
        return true;
    }
    let flags = class_flags(element);
    flags & ROOT_KIND != 0 && flags & ROOT_PART != 0
}

/// The top candidate and those siblings that look like more of the article.
fn with_siblings(page: &Page<'_>, top: NodeId, candidate_score: f32) -> Vec<NodeId> {
    let top_score = page.scores.get(&top).copied().unwrap_or(0.0).max(candidate_score);
    let threshold = (top_score * 0.2).max(10.0);
    let Some(parent) = page.node(top).and_then(|node| node.parent()) else {
        return vec![top];
    };
    let mut chosen = Vec::new();
    let mut seen = IdSet::default();
    for sibling in parent.children() {
        let id = sibling.id();
        if id == top {
            chosen.push(id);
            continue;
        }
        if !page.order.contains_key(&id) || !seen.insert(id) {
            continue;
        }
        let good_score = page.scores.get(&id).is_some_and(|score| *score >= threshold)
            && text_value(text_kinds(page, id)) > 0.0;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn words(class: &str) -> Vec<String> {
        let page = Dom::parse(&format!("<div class=\"{class}\">text</div>"));
        let element = page.first("div").and_then(|node| node.value().as_element()).expect("a div");
        class_words(element).into_iter().map(str::to_string).collect()
    }

    #[test]
    fn ascii_words_split_as_class_words_do() {
        for class in
            ["article-body share_bar", "relatedLinks NEWS HTMLParser", "a1B2 cC dD-Ee", "x"]
        {
            let mut ascii = Vec::new();
            ascii_words(class.as_bytes(), |word| {
                ascii.push(String::from_utf8_lossy(word).into_owned());
            });
            assert_eq!(ascii, words(class), "{class}");
        }
        let page = Dom::parse("<div class=\"relatedLinks Article-Body\">text</div>");
        let element = page.first("div").and_then(|node| node.value().as_element()).expect("a div");
        let flags = class_flags(element);
        assert_eq!(flags & (CHROME | NEVER_ARTICLE | CONTENT | ROOT_KIND | ROOT_PART), 31);
    }

    #[test]
    fn class_words_split_on_punctuation_and_camel_case() {
        assert_eq!(words("article-body share_bar"), ["article", "body", "share", "bar"]);
        assert_eq!(
            words("relatedLinks NEWS HTMLParser"),
            ["related", "Links", "NEWS", "HTMLParser"]
        );
        assert!(in_set("Links", &["links"]));
        assert!(!in_set("link", &["links"]));
    }
}
