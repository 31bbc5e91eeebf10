//! The parsed page: html5ever's tree builder (the browsers' error recovery for malformed and
//! truncated markup) filling a flat arena of nodes.
//!
//! Nodes live in one `Vec` and link to each other by index, so building the tree costs no
//! allocation per node beyond its text and attributes, and per-node facts found later can be
//! kept in plain vectors indexed by [`NodeId`]. Elements keep only the attributes extraction
//! reads, and the text of scripts and style sheets (except JSON-LD) is never stored.

use std::borrow::Cow;
use std::cell::{Ref, RefCell};

use std::convert::Infallible;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{Doctype, Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::tree_builder::{
    ElementFlags, NodeOrText, QuirksMode, TreeBuilder, TreeBuilderOpts, TreeSink,
};
use html5ever::{local_name, ns, Attribute, LocalName, QualName};
use html5gum::emitters::callback::{Callback, CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, ForwardingEmitter, Span};

/// A node's place in the arena.
pub(crate) type NodeId = u32;

/// No node: the end of a link.
const NONE: NodeId = NodeId::MAX;

/// The attributes extraction reads; the tree keeps no others.
const KEPT_ATTRIBUTES: &[&[u8]] = &[
    b"class",
    b"id",
    b"role",
    b"style",
    b"hidden",
    b"aria-hidden",
    b"itemprop",
    b"href",
    b"rel",
    b"content",
    b"property",
    b"name",
    b"http-equiv",
    b"datetime",
    b"lang",
    b"xml:lang",
    b"type",
    b"alt",
];

/// Elements whose content the tokenizer reads as text, up to their end tag.
const RAW_TEXT_ELEMENTS: &[&str] = &[
    "script",
    "style",
    "title",
    "textarea",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// Attributes the tree builder itself reads (`<input type=hidden>` in tables, `<font>` in
/// SVG, MathML's `<annotation-xml encoding>`), passed to it but not kept.
const BUILDER_ATTRIBUTES: &[&[u8]] = &[b"color", b"face", b"size", b"encoding"];

fn is_kept(name: &[u8]) -> bool {
    KEPT_ATTRIBUTES.contains(&name)
}

/// How deep the tree builder may nest elements: a start tag that would open one deeper is
/// dropped, its text kept in the deepest element (browsers cap the tree at the same depth).
/// html5ever looks through the stack of open elements for most tags, so a hostile page of
/// 100,000 unclosed `<div>`s cost it seconds per page, growing with the square of the depth;
/// news pages nest a few dozen deep.
const MAX_DEPTH: u32 = 512;

/// The most nodes a page's tree holds; the markup after the one that fills it is read but not
/// built. Real pages have tens of thousands of nodes (the largest of the 974 AEB and WCXB
/// pages about 10,000 tags), and a node costs about 170 bytes through extraction, so a
/// hostile page of a million `<p>`s, within the size limit, cannot take gigabytes.
const MAX_NODES: usize = 1_000_000;

/// A parsed HTML document.
pub(crate) struct Dom {
    nodes: Vec<NodeData>,
    /// The depth of the element the tree builder last inserted into (its current node as of
    /// the last insertion, less one per end tag since): what [`MAX_DEPTH`] is checked against.
    insertion_depth: u32,
}

struct NodeData {
    /// Elements between the node and the document, itself included (the document's is 0).
    depth: u32,
    parent: NodeId,
    first_child: NodeId,
    last_child: NodeId,
    prev_sibling: NodeId,
    next_sibling: NodeId,
    value: Node,
}

/// What a node is.
pub(crate) enum Node {
    Document,
    /// A `<template>`'s contents.
    Fragment,
    Element(Element),
    Text(StrTendril),
    /// Comments, doctypes and processing instructions, whose content is never read.
    Other,
}

impl Node {
    pub(crate) fn is_element(&self) -> bool {
        matches!(self, Node::Element(_))
    }

    pub(crate) fn as_element(&self) -> Option<&Element> {
        match self {
            Node::Element(element) => Some(element),
            _ => None,
        }
    }
}

/// An element: its name and the attributes extraction reads.
pub(crate) struct Element {
    name: QualName,
    attrs: Vec<(LocalName, StrTendril)>,
    /// A `<script>` whose text is kept (JSON-LD).
    keeps_text: bool,
}

impl Element {
    /// The element's local name, lower case: `div`, `h1`.
    pub(crate) fn name(&self) -> &str {
        &self.name.local
    }

    /// The kept attributes, as (lower-case name, value).
    pub(crate) fn attrs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.attrs.iter().map(|(name, value)| (&**name, &**value))
    }
}

impl Dom {
    /// Parses a whole page, never failing: malformed markup is repaired as browsers do.
    pub(crate) fn parse(page: &str) -> Dom {
        let sink = Sink(RefCell::new(Dom {
            nodes: Vec::with_capacity(page.len() / 40),
            insertion_depth: 0,
        }));
        sink.0.borrow_mut().push(Node::Document);
        let builder = TreeBuilder::new(sink, TreeBuilderOpts::default());
        let feed = Feed {
            builder: &builder,
            tag: None,
            next_state: None,
            skip_value: false,
            in_code: false,
            dropped: Vec::new(),
        };
        let driver = Driver { inner: CallbackEmitter::new(feed) };
        let mut tokenizer = html5gum::Tokenizer::new_with_emitter(page, driver);
        // The emitter feeds the tree builder and yields no tokens (nor errors, reading a
        // `&str`): one call runs the tokenizer to the end of the page.
        if let Some(never) = tokenizer.next() {
            match never {}
        }
        builder.sink.finish()
    }

    /// The document node.
    pub(crate) fn root(&self) -> NodeRef<'_> {
        NodeRef { dom: self, id: 0 }
    }

    /// The first element named `name`, in document order (for tests).
    #[cfg(test)]
    pub(crate) fn first(&self, name: &str) -> Option<NodeRef<'_>> {
        self.root()
            .descendants()
            .find(|node| node.value().as_element().is_some_and(|element| element.name() == name))
    }

    /// The `<html>` element.
    pub(crate) fn root_element(&self) -> NodeRef<'_> {
        self.root().children().find(|node| node.value().is_element()).unwrap_or(self.root())
    }

    /// How many nodes the arena holds: every [`NodeId`] is below this.
    pub(crate) fn len(&self) -> usize {
        self.nodes.len()
    }

    pub(crate) fn get(&self, id: NodeId) -> NodeRef<'_> {
        NodeRef { dom: self, id }
    }

    fn push(&mut self, value: Node) -> NodeId {
        let id = self.nodes.len() as NodeId;
        self.nodes.push(NodeData {
            depth: 0,
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            prev_sibling: NONE,
            next_sibling: NONE,
            value,
        });
        id
    }

    fn node(&self, id: NodeId) -> &NodeData {
        &self.nodes[id as usize]
    }

    fn node_mut(&mut self, id: NodeId) -> &mut NodeData {
        &mut self.nodes[id as usize]
    }

    /// Unlinks a node from its parent and siblings.
    fn detach(&mut self, id: NodeId) {
        let node = self.node(id);
        let (parent, prev_sibling, next_sibling) =
            (node.parent, node.prev_sibling, node.next_sibling);
        if parent == NONE {
            return;
        }
        if prev_sibling == NONE {
            self.node_mut(parent).first_child = next_sibling;
        } else {
            self.node_mut(prev_sibling).next_sibling = next_sibling;
        }
        if next_sibling == NONE {
            self.node_mut(parent).last_child = prev_sibling;
        } else {
            self.node_mut(next_sibling).prev_sibling = prev_sibling;
        }
        let node = self.node_mut(id);
        node.parent = NONE;
        node.prev_sibling = NONE;
        node.next_sibling = NONE;
    }

    fn append_child(&mut self, parent: NodeId, child: NodeId) {
        self.detach(child);
        let last = self.node(parent).last_child;
        let depth = self.inserted_under(parent, child);
        {
            let node = self.node_mut(child);
            node.depth = depth;
            node.parent = parent;
            node.prev_sibling = last;
        }
        if last == NONE {
            self.node_mut(parent).first_child = child;
        } else {
            self.node_mut(last).next_sibling = child;
        }
        self.node_mut(parent).last_child = child;
    }

    fn insert_before(&mut self, sibling: NodeId, child: NodeId) {
        self.detach(child);
        let parent = self.node(sibling).parent;
        let prev = self.node(sibling).prev_sibling;
        let depth = self.inserted_under(parent, child);
        {
            let node = self.node_mut(child);
            node.depth = depth;
            node.parent = parent;
            node.prev_sibling = prev;
            node.next_sibling = sibling;
        }
        self.node_mut(sibling).prev_sibling = child;
        if prev == NONE {
            self.node_mut(parent).first_child = child;
        } else {
            self.node_mut(prev).next_sibling = child;
        }
    }

    /// The depth `child` takes under `parent`, noted as where the tree builder inserts.
    fn inserted_under(&mut self, parent: NodeId, child: NodeId) -> u32 {
        let depth = self.node(parent).depth + u32::from(self.node(child).value.is_element());
        self.insertion_depth = depth;
        depth
    }

    /// Whether text appended to `parent` is dropped: script and style code is never read.
    fn drops_text(&self, parent: NodeId) -> bool {
        match &self.node(parent).value {
            Node::Element(element) => {
                let name = &element.name.local;
                (*name == local_name!("script") && !element.keeps_text)
                    || *name == local_name!("style")
            }
            _ => false,
        }
    }

    /// Appends text to a node's children, joined to a text node just before.
    fn append_text(&mut self, parent: NodeId, text: StrTendril) {
        if self.drops_text(parent) {
            return;
        }
        let last = self.node(parent).last_child;
        if last != NONE {
            if let Node::Text(existing) = &mut self.node_mut(last).value {
                existing.push_tendril(&text);
                return;
            }
        }
        let id = self.push(Node::Text(text));
        self.append_child(parent, id);
    }
}

/// A node and the tree it is in.
#[derive(Clone, Copy)]
pub(crate) struct NodeRef<'a> {
    dom: &'a Dom,
    id: NodeId,
}

impl<'a> NodeRef<'a> {
    pub(crate) fn id(self) -> NodeId {
        self.id
    }

    pub(crate) fn value(self) -> &'a Node {
        &self.dom.node(self.id).value
    }

    fn link(self, id: NodeId) -> Option<NodeRef<'a>> {
        (id != NONE).then_some(NodeRef { dom: self.dom, id })
    }

    pub(crate) fn parent(self) -> Option<NodeRef<'a>> {
        self.link(self.dom.node(self.id).parent)
    }

    pub(crate) fn first_child(self) -> Option<NodeRef<'a>> {
        self.link(self.dom.node(self.id).first_child)
    }

    pub(crate) fn next_sibling(self) -> Option<NodeRef<'a>> {
        self.link(self.dom.node(self.id).next_sibling)
    }

    /// The node's children, in order.
    pub(crate) fn children(self) -> impl Iterator<Item = NodeRef<'a>> {
        std::iter::successors(self.first_child(), |node| node.next_sibling())
    }

    /// The siblings after the node, in order.
    pub(crate) fn next_siblings(self) -> impl Iterator<Item = NodeRef<'a>> {
        std::iter::successors(self.next_sibling(), |node| node.next_sibling())
    }

    /// The node's parent, grandparent and so on up to the document.
    pub(crate) fn ancestors(self) -> impl Iterator<Item = NodeRef<'a>> {
        std::iter::successors(self.parent(), |node| node.parent())
    }

    /// The node and everything below it, in document order.
    pub(crate) fn descendants(self) -> impl Iterator<Item = NodeRef<'a>> {
        self.traverse().filter_map(|edge| match edge {
            Edge::Open(node) => Some(node),
            Edge::Close(_) => None,
        })
    }

    /// Opens and closes of the node and everything below it, in document order: a walk
    /// without recursion, however deep the tree.
    pub(crate) fn traverse(self) -> Traverse<'a> {
        Traverse { root: self, next: Some(Edge::Open(self)) }
    }
}

/// A step of [`NodeRef::traverse`].
#[derive(Clone, Copy)]
pub(crate) enum Edge<'a> {
    Open(NodeRef<'a>),
    Close(NodeRef<'a>),
}

pub(crate) struct Traverse<'a> {
    root: NodeRef<'a>,
    next: Option<Edge<'a>>,
}

impl<'a> Iterator for Traverse<'a> {
    type Item = Edge<'a>;

    fn next(&mut self) -> Option<Edge<'a>> {
        let edge = self.next?;
        self.next = match edge {
            Edge::Open(node) => match node.first_child() {
                Some(child) => Some(Edge::Open(child)),
                None => Some(Edge::Close(node)),
            },
            Edge::Close(node) if node.id == self.root.id => None,
            Edge::Close(node) => match node.next_sibling() {
                Some(sibling) => Some(Edge::Open(sibling)),
                None => node.parent().map(Edge::Close),
            },
        };
        Some(edge)
    }
}

/// Feeds html5gum's tokens to html5ever's tree builder: html5gum reads the markup several
/// times faster than html5ever's own tokenizer, html5ever repairs the tree as browsers do.
struct Feed<'a> {
    builder: &'a TreeBuilder<NodeId, Sink>,
    /// The start tag being read.
    tag: Option<Tag>,
    /// The tokenizer state the tree builder asked for after the last tag (raw text in
    /// `<script>`, `<style>`, `<title>`...).
    next_state: Option<html5gum::State>,
    /// The attribute being read is one nobody reads (or a repeat): its value is skipped.
    skip_value: bool,
    /// The text being read is the code of a `<script>` or `<style>`, which the tree never
    /// keeps.
    in_code: bool,
    /// Start tags dropped past [`MAX_DEPTH`], by name, whose end tags are dropped too.
    dropped: Vec<(LocalName, u32)>,
}

impl Feed<'_> {
    /// Whether a start tag would open an element past [`MAX_DEPTH`]; if so it is dropped and
    /// its end tag will be. Raw-text elements (`<script>`, `<title>`...) hold no elements, so
    /// they never nest deep and are kept, to keep the tokenizer's state right.
    fn drop_too_deep(&mut self, tag: &Tag) -> bool {
        if RAW_TEXT_ELEMENTS.contains(&&*tag.name)
            || self.builder.sink.0.borrow().insertion_depth < MAX_DEPTH
        {
            return false;
        }
        match self.dropped.iter_mut().find(|(name, _)| *name == tag.name) {
            Some((_, count)) => *count += 1,
            None => self.dropped.push((tag.name.clone(), 1)),
        }
        true
    }

    /// Whether an end tag closes a start tag that was dropped.
    fn drop_end(&mut self, name: &LocalName) -> bool {
        let Some(at) = self.dropped.iter().position(|(dropped, _)| dropped == name) else {
            return false;
        };
        self.dropped[at].1 -= 1;
        if self.dropped[at].1 == 0 {
            self.dropped.swap_remove(at);
        }
        true
    }

    fn send(&mut self, token: Token) {
        let state = match self.builder.process_token(token, 1) {
            TokenSinkResult::Continue | TokenSinkResult::EncodingIndicator(_) => return,
            TokenSinkResult::Script(_) => html5gum::State::Data,
            TokenSinkResult::Plaintext => html5gum::State::PlainText,
            TokenSinkResult::RawData(RawKind::Rcdata) => html5gum::State::RcData,
            TokenSinkResult::RawData(RawKind::Rawtext) => html5gum::State::RawText,
            TokenSinkResult::RawData(RawKind::ScriptData | RawKind::ScriptDataEscaped(_)) => {
                html5gum::State::ScriptData
            }
        };
        self.next_state = Some(state);
    }

    fn send_text(&mut self, text: &[u8]) {
        // NUL characters are tokens of their own to the tree builder.
        for (n, part) in text.split(|byte| *byte == 0).enumerate() {
            if n > 0 {
                self.send(Token::NullCharacterToken);
            }
            if !part.is_empty() {
                self.send(Token::CharacterTokens(tendril(part)));
            }
        }
    }
}

/// Text from the tokenizer, which reads a `&str` and so gives back UTF-8.
fn tendril(bytes: &[u8]) -> StrTendril {
    match std::str::from_utf8(bytes) {
        Ok(text) => StrTendril::from_slice(text),
        Err(_) => StrTendril::from_slice(&String::from_utf8_lossy(bytes)),
    }
}

fn local_name(bytes: &[u8]) -> LocalName {
    match std::str::from_utf8(bytes) {
        Ok(name) => LocalName::from(name),
        Err(_) => LocalName::from(&*String::from_utf8_lossy(bytes)),
    }
}

impl Callback<Infallible, ()> for Feed<'_> {
    fn handle_event(&mut self, event: CallbackEvent<'_>, _span: Span<()>) -> Option<Infallible> {
        // A full tree ends the page: the rest is read but not built.
        if self.builder.sink.0.borrow().nodes.len() >= MAX_NODES {
            return None;
        }
        if !matches!(event, CallbackEvent::String { .. } | CallbackEvent::Error(_)) {
            self.in_code = false;
        }
        match event {
            CallbackEvent::OpenStartTag { name } => {
                self.tag = Some(Tag {
                    kind: TagKind::StartTag,
                    name: local_name(name),
                    self_closing: false,
                    attrs: Vec::new(),
                    had_duplicate_attributes: false,
                });
            }
            CallbackEvent::AttributeName { name } => {
                self.skip_value = true;
                let Some(tag) = &mut self.tag else { return None };
                if !is_kept(name) && !BUILDER_ATTRIBUTES.contains(&name) {
                    return None;
                }
                let name = local_name(name);
                // The first of two same-named attributes wins.
                if !tag.attrs.iter().any(|attr| attr.name.local == name) {
                    self.skip_value = false;
                    tag.attrs.push(Attribute {
                        name: QualName::new(None, ns!(), name),
                        value: StrTendril::new(),
                    });
                }
            }
            CallbackEvent::AttributeValue { value } => {
                if self.skip_value {
                    return None;
                }
                if let Some(attr) = self.tag.as_mut().and_then(|tag| tag.attrs.last_mut()) {
                    attr.value = tendril(value);
                }
            }
            CallbackEvent::CloseStartTag { self_closing } => {
                if let Some(mut tag) = self.tag.take() {
                    tag.self_closing = self_closing;
                    if self.drop_too_deep(&tag) {
                        return None;
                    }
                    let code = tag.name == local_name!("style")
                        || (tag.name == local_name!("script")
                            && !tag.attrs.iter().any(|attr| {
                                attr.name.local == local_name!("type")
                                    && attr.value.contains("ld+json")
                            }));
                    self.send(Token::TagToken(tag));
                    // The tree builder reads the element's content as raw text up to its end
                    // tag, and the tree drops that text: spare converting it.
                    self.in_code = code
                        && matches!(
                            self.next_state,
                            Some(html5gum::State::ScriptData | html5gum::State::RawText)
                        );
                    return None;
                }
            }
            CallbackEvent::EndTag { name } => {
                let name = local_name(name);
                if self.drop_end(&name) {
                    return None;
                }
                {
                    let mut dom = self.builder.sink.0.borrow_mut();
                    dom.insertion_depth = dom.insertion_depth.saturating_sub(1);
                }
                self.send(Token::TagToken(Tag {
                    kind: TagKind::EndTag,
                    name,
                    self_closing: false,
                    attrs: Vec::new(),
                    had_duplicate_attributes: false,
                }));
            }
            CallbackEvent::String { .. } if self.in_code => (),
            CallbackEvent::String { value } => self.send_text(value),
            CallbackEvent::Comment { value } => self.send(Token::CommentToken(tendril(value))),
            CallbackEvent::Doctype { name, public_identifier, system_identifier, force_quirks } => {
                self.send(Token::DoctypeToken(Doctype {
                    name: Some(name).filter(|name| !name.is_empty()).map(tendril),
                    public_id: public_identifier.map(tendril),
                    system_id: system_identifier.map(tendril),
                    force_quirks,
                }));
            }
            CallbackEvent::Error(_) => (),
        }
        None
    }
}

/// The tokenizer's emitter: html5gum's callback emitter, plus the tree builder's say in the
/// tokenizer's state.
struct Driver<'a> {
    inner: CallbackEmitter<Feed<'a>, Infallible, ()>,
}

impl ForwardingEmitter for Driver<'_> {
    type Token = Infallible;

    fn inner(&mut self) -> &mut impl Emitter<Token = Infallible> {
        &mut self.inner
    }

    fn should_emit_errors(&mut self) -> bool {
        // The tree builder repairs what it is given; checking every character costs a third
        // of the tokenizer's time.
        false
    }

    fn emit_eof(&mut self) {
        self.inner.emit_eof();
        let feed = self.inner.callback_mut();
        feed.send(Token::EOFToken);
        feed.builder.end();
    }

    fn emit_current_tag(&mut self) -> Option<html5gum::State> {
        let _ = self.inner.emit_current_tag();
        self.inner.callback_mut().next_state.take()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&mut self) -> bool {
        self.inner.callback_mut().builder.adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// The tree builder's side of the arena.
struct Sink(RefCell<Dom>);

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Dom;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Dom {
        self.0.into_inner()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        0
    }

    fn elem_name<'a>(&'a self, target: &NodeId) -> Ref<'a, QualName> {
        Ref::map(self.0.borrow(), |dom| match &dom.node(*target).value {
            Node::Element(element) => &element.name,
            // The tree builder asks only about elements.
            _ => unreachable!("elem_name of a node that is not an element"),
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> NodeId {
        let template = name.ns == ns!(html) && name.local == local_name!("template");
        let keeps_text = name.local == local_name!("script")
            && attrs.iter().any(|attr| {
                attr.name.local == local_name!("type") && attr.value.contains("ld+json")
            });
        let attrs = attrs
            .into_iter()
            .filter(|attr| is_kept(attr.name.local.as_bytes()))
            .map(|attr| (attr.name.local, attr.value))
            .collect();
        let mut dom = self.0.borrow_mut();
        let id = dom.push(Node::Element(Element { name, attrs, keeps_text }));
        if template {
            let contents = dom.push(Node::Fragment);
            dom.append_child(id, contents);
        }
        id
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.0.borrow_mut().push(Node::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.0.borrow_mut().push(Node::Other)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let mut dom = self.0.borrow_mut();
        match child {
            NodeOrText::AppendNode(id) => dom.append_child(*parent, id),
            NodeOrText::AppendText(text) => dom.append_text(*parent, text),
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self.0.borrow().node(*element).parent != NONE;
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {
        let mut dom = self.0.borrow_mut();
        let id = dom.push(Node::Other);
        dom.append_child(0, id);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        let dom = self.0.borrow();
        let first = dom.node(*target).first_child;
        if first == NONE {
            *target
        } else {
            first
        }
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let mut dom = self.0.borrow_mut();
        if let NodeOrText::AppendNode(id) = new_node {
            dom.detach(id);
        }
        let parent = dom.node(*sibling).parent;
        if parent == NONE {
            return;
        }
        match new_node {
            NodeOrText::AppendNode(id) => dom.insert_before(*sibling, id),
            NodeOrText::AppendText(text) => {
                if dom.drops_text(parent) {
                    return;
                }
                let prev = dom.node(*sibling).prev_sibling;
                if prev != NONE {
                    if let Node::Text(existing) = &mut dom.node_mut(prev).value {
                        existing.push_tendril(&text);
                        return;
                    }
                }
                let id = dom.push(Node::Text(text));
                dom.insert_before(*sibling, id);
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let mut dom = self.0.borrow_mut();
        if let Node::Element(element) = &mut dom.node_mut(*target).value {
            for attr in attrs {
                let name = attr.name.local;
                if is_kept(name.as_bytes()) && !element.attrs.iter().any(|(n, _)| *n == name) {
                    element.attrs.push((name, attr.value));
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.0.borrow_mut().detach(*target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut dom = self.0.borrow_mut();
        while let Some(child) = Some(dom.node(*node).first_child).filter(|id| *id != NONE) {
            dom.append_child(*new_parent, child);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dom: &Dom) -> Vec<String> {
        dom.root()
            .descendants()
            .filter_map(|node| match node.value() {
                Node::Element(element) => Some(element.name().to_string()),
                Node::Text(text) => Some(format!("'{}'", &**text)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn repairs_markup_as_browsers_do() {
        let dom = Dom::parse("<p>one<p>two<b>bold<i>both</b>italic</i><table><tr><td>cell");
        assert_eq!(
            names(&dom),
            [
                "html", "head", "body", "p", "'one'", "p", "'two'", "b", "'bold'", "i", "'both'",
                "i", "'italic'", "table", "tbody", "tr", "td", "'cell'"
            ]
        );
    }

    #[test]
    fn keeps_json_ld_but_not_code() {
        let dom = Dom::parse(
            "<script>var a = 1;</script><style>p { }</style>\
             <script type=\"application/ld+json\">{\"a\": 1}</script><p>text</p>",
        );
        assert_eq!(
            names(&dom),
            ["html", "head", "script", "style", "script", "'{\"a\": 1}'", "body", "p", "'text'"]
        );
    }

    #[test]
    fn caps_nesting_and_keeps_the_text_of_what_it_drops() {
        let deep = 5_000;
        let page = format!(
            "<article><p>first</p>{}<i>deep</i>{}<p>last</p></article><footer>end</footer>",
            "<div>".repeat(deep),
            "</div>".repeat(deep)
        );
        let dom = Dom::parse(&page);
        let depth = dom.root().descendants().map(|node| node.ancestors().count()).max();
        assert!(depth.is_some_and(|depth| depth <= MAX_DEPTH as usize + 1 && depth < deep));
        let deep_text = dom
            .root()
            .descendants()
            .find(|node| matches!(node.value(), Node::Text(text) if &**text == "deep"))
            .expect("the deepest text is kept");
        assert!(deep_text.ancestors().any(|node| label(node) == "article"));
        // The end tags of the dropped `<div>`s close nothing else: the last paragraph stays
        // in the article, and the footer after it.
        let last = dom.root().descendants().find(|node| label(*node) == "last").expect("last");
        assert_eq!(last.ancestors().nth(1).map(label).as_deref(), Some("article"));
        let footer = dom.first("footer").expect("footer");
        assert_eq!(footer.parent().map(label).as_deref(), Some("body"));
    }

    #[test]
    fn a_full_tree_ends_the_page() {
        let page = format!("<p>first{}<p>never", "<p>x".repeat(MAX_NODES));
        let dom = Dom::parse(&page);
        // The implied html, head and body come on top of the cap, and nothing after it.
        assert!(dom.len() <= MAX_NODES + 4, "{} nodes", dom.len());
        let texts: Vec<String> = dom
            .root()
            .descendants()
            .filter_map(|node| match node.value() {
                Node::Text(text) => Some(text.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(texts.first().map(String::as_str), Some("first"));
        assert!(!texts.iter().any(|text| text == "never"));
    }

    #[test]
    fn walks_opens_and_closes_in_order() {
        let dom = Dom::parse("<div><p>a</p><p>b</p></div>");
        let div = dom.first("div").expect("a div");
        let edges: Vec<String> = div
            .traverse()
            .map(|edge| match edge {
                Edge::Open(node) => format!("+{}", label(node)),
                Edge::Close(node) => format!("-{}", label(node)),
            })
            .collect();
        assert_eq!(edges, ["+div", "+p", "+a", "-a", "-p", "+p", "+b", "-b", "-p", "-div"]);
        assert_eq!(div.children().count(), 2);
        // body, html, the document.
        assert_eq!(div.ancestors().count(), 3);
    }

    fn label(node: NodeRef<'_>) -> String {
        match node.value() {
            Node::Element(element) => element.name().to_string(),
            Node::Text(text) => text.to_string(),
            _ => String::new(),
        }
    }

    #[test]
    fn survives_truncated_and_hostile_markup() {
        for page in [
            "",
            "<",
            "<div class=\"unterminated",
            "<script>never closed",
            "<!-- comment never closed",
            "<table><td>cell<p>para</table>text",
            "<svg><script>x</script><p>after",
            "text\0with\0nuls",
            "<p a=1 a=2 class=x class=y>dup</p>",
        ] {
            let dom = Dom::parse(page);
            assert!(dom.len() >= 1);
            assert!(dom.root().descendants().count() <= dom.len());
        }
        let dom = Dom::parse("<p a=1 class=x class=y>dup</p>");
        let p = dom
            .root()
            .descendants()
            .find_map(|node| node.value().as_element().filter(|element| element.name() == "p"));
        assert_eq!(
            p.and_then(|p| p.attrs().find(|(name, _)| *name == "class")).map(|a| a.1),
            Some("x")
        );
    }
}
