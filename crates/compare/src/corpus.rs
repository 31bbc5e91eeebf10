//! The sentences of a set of documents as TF-IDF vectors, their similarities, and their
//! alignment into groups of sentences that report the same thing.
//!
//! IDF is computed over the sentences of the story itself, so words every outlet repeats
//! (the names of the main actors) weigh little and the words that tell one claim from another
//! weigh much.

use std::collections::HashMap;

use model::report::EntityKind;

use crate::claims::{claim, same_name, Claim};

/// One document as the corpus needs it.
pub(crate) struct DocInput<'a> {
    pub(crate) text: &'a str,
    pub(crate) language: Option<&'a str>,
    /// Numbers found in `text`: byte offset and value, by offset.
    numbers: Vec<(usize, f64)>,
    /// Entities found in `text`: byte offset and lower-cased name, by offset.
    entities: Vec<(usize, String)>,
    /// The people among them.
    people: Vec<(usize, String)>,
    /// Counts of people or things with their predicates: byte offset and key
    /// (`conflicts::count_keys`), by offset.
    counts: Vec<(usize, String)>,
    /// Quantities that tell a fact by themselves: byte offset and key
    /// (`conflicts::quantity_keys`), by offset.
    quantities: Vec<(usize, String)>,
}

impl<'a> DocInput<'a> {
    /// A document with the numbers and entities found in it.
    pub(crate) fn new(
        text: &'a str,
        language: Option<&'a str>,
        numbers: &[analyze::numbers::NumberMention],
        found: &[analyze::entities::EntityMention],
    ) -> DocInput<'a> {
        let lower = |m: &analyze::entities::EntityMention| (m.start, m.name.to_lowercase());
        let mut entities: Vec<(usize, String)> = found.iter().map(lower).collect();
        let is_person = |m: &&analyze::entities::EntityMention| m.kind == EntityKind::Person;
        let mut people: Vec<(usize, String)> = found.iter().filter(is_person).map(lower).collect();
        let mut counts = crate::conflicts::count_keys(text, numbers);
        let mut quantities = crate::conflicts::quantity_keys(text, numbers);
        let mut numbers: Vec<(usize, f64)> = numbers.iter().map(|n| (n.start, n.value)).collect();
        // Sorted by offset, so that each sentence finds its own by binary search.
        numbers.sort_by_key(|(at, _)| *at);
        entities.sort_by_key(|(at, _)| *at);
        people.sort_by_key(|(at, _)| *at);
        counts.sort_by_key(|(at, _)| *at);
        quantities.sort_by_key(|(at, _)| *at);
        DocInput { text, language, numbers, entities, people, counts, quantities }
    }
}

/// One content-bearing sentence of one document.
pub(crate) struct Unit<'a> {
    /// Index of its document.
    pub(crate) doc: usize,
    /// Index among all the sentences of its document, short ones included.
    pub(crate) position: usize,
    pub(crate) text: &'a str,
    /// Byte offset of `text` in its document.
    pub(crate) start: usize,
    /// The share of its letters and digits that stand inside quotation marks, counting a
    /// quote opened in an earlier sentence of the document.
    pub(crate) quoted: f32,
    /// Its distinct terms (ids), sorted.
    pub(crate) term_set: Vec<u32>,
    /// For a quotation ([`QUOTATION_SHARE`]), the terms of its attribution
    /// (`Quoted::attribution`), sorted: "..., Skynord chief executive Erik Dahl said" says who
    /// spoke and not what about. Empty for other sentences.
    attribution: Vec<u32>,
    /// L2-normalised TF-IDF weights, sorted by term id.
    vector: Vec<(u32, f32)>,
    numbers: Vec<f64>,
    entities: Vec<String>,
    /// The people it names (lower-cased).
    people: Vec<String>,
    counts: Vec<String>,
    /// The quantities that tell a fact by themselves (`conflicts::quantity_keys`) and that
    /// no other sentence of its document gives.
    quantities: Vec<String>,
    /// Who did what to whom, when the sentence names both by entities.
    claim: Option<Claim>,
}

/// The content-bearing sentences of all documents, in document then sentence order.
pub(crate) struct Corpus<'a> {
    pub(crate) units: Vec<Unit<'a>>,
    /// How many sentences (short ones included) each document has.
    pub(crate) doc_lengths: Vec<usize>,
    /// Term ids by term (as stemmed and mapped to synonyms), and each id's IDF over the units.
    term_ids: HashMap<String, u32>,
    idf: Vec<f32>,
    /// Each unit's sentence embedding (L2-normalised), when a model was given; empty for a
    /// unit without one.
    embeddings: Vec<Vec<f32>>,
}

/// Words news reports use for the same thing, each group mapped to its first word's stem, so
/// that "arrested" and "detained", or "troops" and "soldiers", count as one term.
const SYNONYM_GROUPS: &[&[&str]] = &[
    &["arrested", "detained"],
    &["killed", "died", "dead", "deaths"],
    &["injured", "hurt", "wounded", "injuries"],
    &["begin", "start", "starts", "began", "started"],
    &["construction", "building", "built", "build"],
    &["missing", "unaccounted"],
    &["regulators", "authorities"],
    &["deal", "merger", "merge"],
    &["approved", "approval", "agreed", "passed"],
    &["paid", "payments", "pay"],
    &["troops", "soldiers", "forces"],
    &["border", "frontier"],
    &["deployed", "sent", "send", "dispatched"],
    &["raised", "lifted", "hiked", "increased"],
    &["stolen", "stole", "taken", "theft"],
    &["evacuated", "ashore", "rescued"],
    &["fire", "blaze", "flames"],
    &["strike", "walkout"],
    &["wages", "salary", "salaries"],
    &["stadium", "ground", "arena"],
    &["plans", "plan", "proposal"],
    &["unveiled", "presented"],
    &["president", "leader"],
    &["said", "announced", "stated"],
    &["quake", "earthquake", "tremor"],
    &["cabinet", "government"],
    &["won", "defeated", "beat"],
    &["lawmakers", "parliament", "legislators"],
    &["warned", "cautioned"],
];

static NEWS_SYNONYMS: std::sync::LazyLock<HashMap<String, String>> =
    std::sync::LazyLock::new(|| {
        synonym_map(SYNONYM_GROUPS, |word| {
            let mut acc = Vec::new();
            ENGLISH.terms(word, &mut acc);
            acc.pop()
        })
    });

/// Each word's term in `groups` mapped to the term of its group's first word, as `term` gives
/// terms.
pub(crate) fn synonym_map(
    groups: &[&[&str]],
    term: impl Fn(&str) -> Option<String>,
) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for group in groups {
        let Some(canonical) = group.first().and_then(|word| term(word)) else { continue };
        for word in group.iter().skip(1) {
            if let Some(term) = term(word).filter(|t| *t != canonical) {
                map.insert(term, canonical.clone());
            }
        }
    }
    map
}

static ENGLISH: std::sync::LazyLock<analyze::Analyzer> =
    std::sync::LazyLock::new(|| analyze::Analyzer::new(Some("en")));

/// A word as English alignment sees it: its stem, with news synonyms mapped to one term
/// ("soldiers" and "troops" give the same). `None` for a stop word.
pub(crate) fn canonical_term(word: &str) -> Option<String> {
    let mut acc = Vec::new();
    ENGLISH.terms(word, &mut acc);
    let term = acc.pop()?;
    Some(NEWS_SYNONYMS.get(term.as_str()).cloned().unwrap_or(term))
}

/// The sentences of one document that are compared, the first so many: more than the longest
/// article has, and a bound on the pairs of sentences a story compares when a text is
/// thousands of sentences of one kind (a table, a log, a hostile page).
const MAX_UNITS_PER_DOC: usize = 1_000;

/// The items of `items` (sorted by offset, as finders give them) whose offset is in `range`.
fn in_range<'t, T>(items: &'t [(usize, T)], range: &std::ops::Range<usize>) -> &'t [(usize, T)] {
    let from = items.partition_point(|(at, _)| *at < range.start);
    let to = from + items[from..].partition_point(|(at, _)| *at < range.end);
    &items[from..to]
}

/// The act a sentence tells of (`claims::claim`), given its entities by offset in the document.
fn sentence_claim(sentence: &str, start: usize, entities: &[(usize, String)]) -> Option<Claim> {
    // An agent and an object: most sentences name fewer, and are passed over at once.
    if entities.len() < 2 {
        return None;
    }
    let offsets: Vec<(usize, &str)> =
        entities.iter().map(|(at, name)| (at - start, name.as_str())).collect();
    claim(sentence, &offsets)
}

/// The sentences of one document that an encoder reads, its first so many of prose: more
/// than a news article has, and a bound on what a long or hostile text costs, as encoding
/// takes milliseconds a sentence and every pair of encoded sentences is scored.
const MAX_EMBEDDED_PER_DOC: usize = 150;

/// Each unit's embedding by `encoder`, for English prose only (the models we load read
/// English) and the first [`MAX_EMBEDDED_PER_DOC`] of each document; the others' are empty.
fn embed_units(
    units: &[Unit<'_>],
    docs: &[DocInput<'_>],
    encoder: &dyn crate::SentenceEncoder,
) -> Vec<Vec<f32>> {
    let mut per_doc = vec![0usize; docs.len()];
    let embedded: Vec<bool> = units
        .iter()
        .map(|unit| {
            let read = docs[unit.doc].language.is_none_or(|l| l.starts_with("en"))
                && is_prose(unit.text)
                && per_doc[unit.doc] < MAX_EMBEDDED_PER_DOC;
            per_doc[unit.doc] += usize::from(read);
            read
        })
        .collect();
    let sentences: Vec<&str> =
        units.iter().zip(&embedded).filter(|(_, &e)| e).map(|(u, _)| u.text).collect();
    let mut vectors = encoder.encode(&sentences).into_iter();
    embedded
        .iter()
        .map(|&e| if e { vectors.next().unwrap_or_default() } else { Vec::new() })
        .collect()
}

/// Words in lower case a sentence needs to be read as prose by an encoder.
const MIN_PROSE_WORDS: usize = 3;

/// Whether a sentence reads as prose rather than a date line, a byline or a headline in title
/// case ("THURSDAY, APRIL 11, 2013, 12: 32 PM", "Microsoft Releases Critical IE Patch"): an
/// encoder finds any two date lines alike, whatever their dates.
fn is_prose(sentence: &str) -> bool {
    let lower = analyze::words(sentence).filter(|w| w.starts_with(|c: char| c.is_lowercase()));
    lower.take(MIN_PROSE_WORDS).count() == MIN_PROSE_WORDS
}

/// Sentences shorter than this many words carry no claim of their own ("He declined.").
const MIN_WORDS: usize = 6;
/// ... unless they give a precise quantity (`conflicts::quantity_keys`) in this many words.
const MIN_WORDS_WITH_QUANTITY: usize = 4;
/// ... nor do sentences with fewer content terms than this.
const MIN_TERMS: usize = 3;

/// Two sentences of different documents are aligned when their cosine reaches this, ...
const ALIGN_COSINE: f32 = 0.4;
/// ... or when it reaches this lower bar and they also share a number or two entities.
const ALIGN_COSINE_WITH_ANCHOR: f32 = 0.3;
/// A sentence with at least this share of its letters inside quotation marks, or that opens
/// inside one, is a quotation, whose other words are mostly its attribution.
const QUOTATION_SHARE: f32 = 0.5;
/// Two groups merge only if their members are this similar on average, which stops chains
/// of pairwise links from gluing unrelated sentences together.
const GROUP_MEAN_COSINE: f32 = 0.3;
/// Two sentences of different documents whose embeddings (all-MiniLM-L6-v2) have this cosine
/// say the same thing, whatever words they use. On the gold set, pairs of one fact have 0.45
/// to 0.95 and other pairs of one story mostly below 0.7; sampled pairs above 0.75 on NeuS and
/// ECB+ were nearly all one fact told twice, and the 0.7 to 0.75 band about half (see
/// `bench/RESULTS.md`).
const PARAPHRASE_COSINE: f32 = 0.8;
/// ... and groups merge when their members' embeddings are this similar on average,
const PARAPHRASE_GROUP_COSINE: f32 = 0.7;
/// ... and none less than this (nor do groups that share words but not meaning).
const PARAPHRASE_MIN_COSINE: f32 = 0.55;

/// Keeps in each of a document's units only the quantities no other of its units gives: a
/// quantity a text repeats is what its story is about ("the $1.9 trillion bill"), not one
/// fact.
fn keep_quantities_of_one_sentence(units: &mut [Unit<'_>]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for unit in units.iter_mut() {
        unit.quantities.sort_unstable();
        unit.quantities.dedup();
        for key in &unit.quantities {
            *seen.entry(key.clone()).or_default() += 1;
        }
    }
    for unit in units {
        unit.quantities.retain(|key| seen[key] == 1);
    }
}

impl<'a> Corpus<'a> {
    /// Splits the documents into sentences and weighs their terms.
    pub(crate) fn build(docs: &[DocInput<'a>]) -> Corpus<'a> {
        Corpus::build_with(docs, None)
    }

    /// [`Corpus::build`], and with an encoder, each English sentence's embedding too.
    pub(crate) fn build_with(
        docs: &[DocInput<'a>],
        encoder: Option<&dyn crate::SentenceEncoder>,
    ) -> Corpus<'a> {
        let mut analyzers: Vec<(Option<&str>, analyze::Analyzer)> = Vec::new();
        let mut term_ids: HashMap<String, u32> = HashMap::new();
        let mut units = Vec::new();
        let mut counts: Vec<Vec<(u32, u32)>> = Vec::new();
        let mut doc_lengths = Vec::with_capacity(docs.len());
        let mut terms = Vec::new();
        for (doc_idx, doc) in docs.iter().enumerate() {
            let analyzer_idx = match analyzers.iter().position(|(lang, _)| *lang == doc.language) {
                Some(idx) => idx,
                None => {
                    analyzers.push((doc.language, analyze::Analyzer::new(doc.language)));
                    analyzers.len() - 1
                }
            };
            let analyzer = &analyzers[analyzer_idx].1;
            let sentences = analyze::sentences(doc.text);
            doc_lengths.push(sentences.len());
            let first_unit = units.len();
            let quotations = analyze::quotes::quotation_spans(doc.text);
            for (position, sentence) in sentences.iter().enumerate() {
                if units.len() - first_unit == MAX_UNITS_PER_DOC {
                    break;
                }
                let quoted = Quoted::of(sentence.text, sentence.start, &quotations);
                let n_words = analyze::words(sentence.text).count();
                terms.clear();
                analyzer.terms(sentence.text, &mut terms);
                let range = sentence.start..sentence.start + sentence.text.len();
                // A short sentence that gives a precise quantity still tells a fact
                // ("Turnout reached 61 percent.").
                let quantities = in_range(&doc.quantities, &range);
                let min_words = match quantities.is_empty() {
                    true => MIN_WORDS,
                    false => MIN_WORDS_WITH_QUANTITY,
                };
                if n_words < min_words || terms.len() < MIN_TERMS {
                    continue;
                }
                let english = doc.language.is_none_or(|lang| lang.starts_with("en"));
                let mut term_id = |mut term: String| {
                    if english {
                        if let Some(canonical) = NEWS_SYNONYMS.get(term.as_str()) {
                            term.clone_from(canonical);
                        }
                    }
                    let next_id = term_ids.len() as u32;
                    *term_ids.entry(term).or_insert(next_id)
                };
                let mut ids: Vec<u32> = terms.drain(..).map(&mut term_id).collect();
                ids.sort_unstable();
                let mut attribution = Vec::new();
                if quoted.share >= QUOTATION_SHARE || quoted.opens_inside {
                    analyzer.terms(&quoted.attribution(sentence.text), &mut terms);
                    attribution = terms.drain(..).map(&mut term_id).collect();
                    attribution.sort_unstable();
                    attribution.dedup();
                }
                let mut tf: Vec<(u32, u32)> = Vec::new();
                for id in ids {
                    match tf.last_mut() {
                        Some((last, n)) if *last == id => *n += 1,
                        _ => tf.push((id, 1)),
                    }
                }
                let term_set: Vec<u32> = tf.iter().map(|(id, _)| *id).collect();
                let numbers = in_range(&doc.numbers, &range).iter().map(|(_, v)| *v);
                let entities = in_range(&doc.entities, &range);
                let claim = sentence_claim(sentence.text, sentence.start, entities);
                let entities = entities.iter().map(|(_, e)| e.clone());
                let count_keys = in_range(&doc.counts, &range).iter().map(|(_, k)| k.clone());
                units.push(Unit {
                    doc: doc_idx,
                    position,
                    text: sentence.text,
                    start: sentence.start,
                    quoted: quoted.share,
                    term_set,
                    attribution,
                    vector: Vec::new(),
                    numbers: numbers.collect(),
                    entities: entities.collect(),
                    people: in_range(&doc.people, &range).iter().map(|(_, p)| p.clone()).collect(),
                    counts: count_keys.collect(),
                    quantities: quantities
                        .iter()
                        .map(|(_, k)| k.clone())
                        .chain(crate::conflicts::tally_keys(sentence.text))
                        .collect(),
                    claim,
                });
                counts.push(tf);
            }
            keep_quantities_of_one_sentence(&mut units[first_unit..]);
        }
        let mut df = vec![0u32; term_ids.len()];
        for tf in &counts {
            for (id, _) in tf {
                df[*id as usize] += 1;
            }
        }
        let n_units = units.len() as f32;
        let idf: Vec<f32> = df.iter().map(|&n| (1.0 + n_units / n.max(1) as f32).ln()).collect();
        for (unit, tf) in units.iter_mut().zip(counts) {
            let mut vector: Vec<(u32, f32)> = tf
                .into_iter()
                .map(|(id, n)| (id, (1.0 + (n as f32).ln()) * idf[id as usize]))
                .collect();
            let norm = vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                vector.iter_mut().for_each(|(_, w)| *w /= norm);
            }
            unit.vector = vector;
        }
        let embeddings = match encoder {
            Some(encoder) => embed_units(&units, docs, encoder),
            None => Vec::new(),
        };
        Corpus { units, doc_lengths, term_ids, idf, embeddings }
    }

    /// The cosine of two units' embeddings; `None` unless both have one.
    fn embedding_cosine(&self, a: usize, b: usize) -> Option<f32> {
        let (va, vb) = (self.embeddings.get(a)?, self.embeddings.get(b)?);
        if va.is_empty() || vb.is_empty() {
            return None;
        }
        Some(va.iter().zip(vb).map(|(x, y)| x * y).sum())
    }

    /// The pairs `(a, b)`, `a < b`, of units of different documents whose embeddings say the
    /// same thing ([`PARAPHRASE_COSINE`]). Every pair is scored: embeddings have no terms to
    /// index, and the encoded sentences are bounded ([`MAX_EMBEDDED_PER_DOC`] and the compared
    /// articles), whose encoding costs far more than this.
    fn paraphrase_pairs(&self) -> Vec<(usize, usize)> {
        let mut pairs = Vec::new();
        if self.embeddings.is_empty() {
            return pairs;
        }
        for a in 0..self.units.len() {
            for b in a + 1..self.units.len() {
                if self.units[a].doc != self.units[b].doc && self.paraphrase(a, b) {
                    pairs.push((a, b));
                }
            }
        }
        pairs
    }

    /// Whether two units say the same thing by their embeddings.
    fn paraphrase(&self, a: usize, b: usize) -> bool {
        self.embedding_cosine(a, b).is_some_and(|cosine| cosine >= PARAPHRASE_COSINE)
    }

    /// Whether two units tell of opposite acts by the same agent on the same object
    /// ([`Claim::opposes`]): they share most of their words, and embeddings see little
    /// difference between "checked into" and "checked out of" one clinic (a cosine of 0.97),
    /// but they are not one fact.
    fn opposed_acts(&self, a: usize, b: usize) -> bool {
        match (&self.units[a].claim, &self.units[b].claim) {
            (Some(x), Some(y)) => x.opposes(y),
            _ => false,
        }
    }

    /// For each unit, the cosine of its TF-IDF vector with that of `queries` (texts with their
    /// language, such as the articles' headlines) pooled into one text, weighed with the
    /// story's IDF. Query terms no sentence uses are left out: they cannot tell sentences apart.
    pub(crate) fn query_scores(&self, queries: &[(Option<&str>, &str)]) -> Vec<f32> {
        let mut tf: HashMap<u32, u32> = HashMap::new();
        let mut terms = Vec::new();
        for &(language, text) in queries {
            let english = language.is_none_or(|lang| lang.starts_with("en"));
            if english {
                ENGLISH.terms(text, &mut terms);
            } else {
                analyze::Analyzer::new(language).terms(text, &mut terms);
            }
            for term in terms.drain(..) {
                let term = match NEWS_SYNONYMS.get(term.as_str()) {
                    Some(canonical) if english => canonical.as_str(),
                    _ => term.as_str(),
                };
                if let Some(&id) = self.term_ids.get(term) {
                    *tf.entry(id).or_insert(0) += 1;
                }
            }
        }
        // Sorted, so that sums do not depend on the hash map's order.
        let mut query: Vec<(u32, f32)> = tf
            .into_iter()
            .map(|(id, n)| (id, (1.0 + (n as f32).ln()) * self.idf[id as usize]))
            .collect();
        query.sort_unstable_by_key(|(id, _)| *id);
        let norm = query.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm == 0.0 {
            return vec![0.0; self.units.len()];
        }
        self.units
            .iter()
            .map(|unit| query.iter().map(|(id, w)| w * unit.weight(*id)).sum::<f32>() / norm)
            .collect()
    }

    /// Cosine similarity of two units' TF-IDF vectors.
    pub(crate) fn cosine(&self, a: usize, b: usize) -> f32 {
        let (va, vb) = (&self.units[a].vector, &self.units[b].vector);
        let (mut i, mut j, mut dot) = (0, 0, 0.0);
        while i < va.len() && j < vb.len() {
            match va[i].0.cmp(&vb[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += va[i].1 * vb[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        dot
    }

    /// All pairs `(a, b, cosine)` with `a < b` from different documents whose cosine is at
    /// least `min_cosine`, in index order.
    pub(crate) fn similar_pairs(&self, min_cosine: f32) -> Vec<(usize, usize, f32)> {
        // An inverted index keeps this near-linear: only pairs sharing a term are scored. Each
        // posting carries its unit's weight for the term, as big stories score many pairs.
        let mut postings: HashMap<u32, Vec<(usize, f32)>> = HashMap::new();
        for (idx, unit) in self.units.iter().enumerate() {
            for &(id, weight) in &unit.vector {
                postings.entry(id).or_default().push((idx, weight));
            }
        }
        let mut res = Vec::new();
        let mut dots = vec![0.0f32; self.units.len()];
        let mut touched = Vec::new();
        for (a, unit) in self.units.iter().enumerate() {
            for (id, weight) in &unit.vector {
                let holders = &postings[id];
                // Postings are in unit order, and units in document order: only the units of
                // later documents make new pairs.
                let after = holders.partition_point(|&(b, _)| self.units[b].doc <= unit.doc);
                for &(b, weight_b) in &holders[after..] {
                    if dots[b] == 0.0 {
                        touched.push(b);
                    }
                    dots[b] += weight * weight_b;
                }
            }
            touched.sort_unstable();
            for &b in &touched {
                if dots[b] >= min_cosine {
                    res.push((a, b, dots[b]));
                }
                dots[b] = 0.0;
            }
            touched.clear();
        }
        res
    }

    /// Groups units of different documents that report the same thing: each group holds at
    /// most one unit per document. Every unit is in exactly one group; groups are sorted by
    /// their first unit.
    pub(crate) fn align(&self) -> Vec<Vec<usize>> {
        let mut pairs = self.similar_pairs(ALIGN_COSINE_WITH_ANCHOR);
        // Sentences that tell of one act in different words share too few for the cosine. A
        // pair both find is linked twice; the second link finds it in one group already.
        pairs.extend(self.same_act_pairs().into_iter().map(|(a, b)| (a, b, self.cosine(a, b))));
        // Or one precise quantity in other words.
        pairs
            .extend(self.same_quantity_pairs().into_iter().map(|(a, b)| (a, b, self.cosine(a, b))));
        // And those whose embeddings say they mean the same, when a model gave them.
        pairs.extend(self.paraphrase_pairs().into_iter().map(|(a, b)| (a, b, self.cosine(a, b))));
        let mut links: Vec<(usize, usize, f32)> = pairs
            .into_iter()
            .filter_map(|(a, b, cosine)| self.link_score(a, b, cosine).map(|score| (a, b, score)))
            .collect();
        // Strongest links first; ties by index so the result does not depend on float noise
        // in the order pairs were found.
        links.sort_by(|x, y| y.2.total_cmp(&x.2).then(x.0.cmp(&y.0)).then(x.1.cmp(&y.1)));
        let mut group_of: Vec<usize> = (0..self.units.len()).collect();
        let mut groups: Vec<Vec<usize>> = (0..self.units.len()).map(|idx| vec![idx]).collect();
        for (a, b, _) in links {
            let (ga, gb) = (group_of[a], group_of[b]);
            if ga == gb || !self.can_merge(&groups[ga], &groups[gb]) {
                continue;
            }
            let (keep, gone) = (ga.min(gb), ga.max(gb));
            let moved = std::mem::take(&mut groups[gone]);
            for &idx in &moved {
                group_of[idx] = keep;
            }
            groups[keep].extend(moved);
            groups[keep].sort_unstable();
        }
        groups.retain(|group| !group.is_empty());
        groups
    }

    /// The alignment score of two units, if they are similar enough to be aligned.
    fn link_score(&self, a: usize, b: usize, cosine: f32) -> Option<f32> {
        if self.opposed_acts(a, b) {
            return None;
        }
        let (ua, ub) = (&self.units[a], &self.units[b]);
        // A quotation and a sentence about its speaker share the speaker's name and title:
        // those words tell who spoke, not what was said, and alone do not make one fact.
        if self.only_attribution_shared(a, b) {
            return None;
        }
        let shared_number =
            ua.numbers.iter().any(|x| ub.numbers.iter().any(|y| same_value(*x, *y)));
        let shared_entities = ua.entities.iter().filter(|e| ub.entities.contains(e)).count();
        // The same count of the same thing doing the same, though the values differ (which
        // is a conflict to report, not a reason to keep the sentences apart).
        let shared_count = ua.counts.iter().any(|k| ub.counts.contains(k));
        let anchored = shared_number || shared_count || shared_entities >= 2;
        let bonus = if shared_number { 0.1 } else { 0.0 } + 0.05 * shared_entities.min(2) as f32;
        if cosine >= ALIGN_COSINE || (anchored && cosine >= ALIGN_COSINE_WITH_ANCHOR) {
            return Some(cosine + bonus);
        }
        if self.same_act(a, b) || self.same_quantity(a, b) {
            return Some(ALIGN_COSINE + bonus);
        }
        // Closer paraphrases link first, so that of two sentences of one document that
        // resemble a third, the one that says what it says wins its place in the group.
        let paraphrase = self.embedding_cosine(a, b).filter(|&c| c >= PARAPHRASE_COSINE);
        paraphrase.map(|cosine| ALIGN_COSINE + bonus + cosine - PARAPHRASE_COSINE)
    }

    /// Whether all the words two units share are the attribution of one of them, a
    /// quotation. (One side's: a quotation whose marks were misread, its quoted words taken
    /// for its attribution, still aligns with a copy of itself.)
    fn only_attribution_shared(&self, a: usize, b: usize) -> bool {
        let (ua, ub) = (&self.units[a], &self.units[b]);
        let covers = |attribution: &[u32]| {
            !attribution.is_empty()
                && ua
                    .term_set
                    .iter()
                    .filter(|id| ub.term_set.binary_search(id).is_ok())
                    .all(|id| attribution.binary_search(id).is_ok())
        };
        covers(&ua.attribution) || covers(&ub.attribution)
    }

    /// Whether two units tell of the same act (see [`crate::claims`]).
    fn same_act(&self, a: usize, b: usize) -> bool {
        match (&self.units[a].claim, &self.units[b].claim) {
            (Some(x), Some(y)) => x.same_act(y),
            _ => false,
        }
    }

    /// Whether two units give one precise quantity (see [`Unit::quantities`]), and not each
    /// another of its kind: "unemployment would drop from 5.8% to 5.7%" and "the rate stood
    /// at 5.9%, up from 5.8%" tell of two different months.
    fn same_quantity(&self, a: usize, b: usize) -> bool {
        let (ua, ub) = (&self.units[a], &self.units[b]);
        // "Austin Daye finished with 20 points" and "Hansbrough scored 20 points": one count,
        // told of different people.
        let people_apart = !ua.people.is_empty()
            && !ub.people.is_empty()
            && !ua.people.iter().any(|p| ub.people.iter().any(|q| same_name(p, q)));
        fn unit_of(key: &str) -> &str {
            key.rsplit_once(' ').map_or("", |(unit, _)| unit)
        }
        let another = |x: &Unit<'_>, y: &Unit<'_>, unit: &str| {
            x.quantities.iter().any(|k| unit_of(k) == unit && !y.quantities.contains(k))
        };
        ua.quantities.iter().filter(|key| ub.quantities.contains(key)).any(|key| {
            let unit = unit_of(key);
            let of_other_people = crate::conflicts::is_count_unit(unit) && people_apart;
            let each_gives_another = another(ua, ub, unit) && another(ub, ua, unit);
            !of_other_people && !each_gives_another
        })
    }

    /// Whether every unit of both groups gives one precise quantity.
    fn one_quantity(&self, a: &[usize], b: &[usize]) -> bool {
        self.units[a[0]]
            .quantities
            .iter()
            .any(|key| a.iter().chain(b).all(|&x| self.units[x].quantities.contains(key)))
    }

    /// The pairs `(a, b)`, `a < b`, of units of different documents that give one precise
    /// quantity. A unit gives a quantity only when its document gives it once, so a story
    /// makes at most one pair per quantity and pair of documents.
    fn same_quantity_pairs(&self) -> Vec<(usize, usize)> {
        let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
        for (idx, unit) in self.units.iter().enumerate() {
            for key in &unit.quantities {
                by_key.entry(key).or_default().push(idx);
            }
        }
        let mut pairs = Vec::new();
        for holders in by_key.values() {
            for (n, &a) in holders.iter().enumerate() {
                pairs.extend(holders[n + 1..].iter().map(|&b| (a, b)));
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }

    /// Whether both groups hold a unit with a claim and all their claims tell of one act.
    fn one_act(&self, a: &[usize], b: &[usize]) -> bool {
        let claimed =
            |group: &[usize]| group.iter().find(|&&x| self.units[x].claim.is_some()).copied();
        let (Some(first), Some(_)) = (claimed(a), claimed(b)) else { return false };
        a.iter()
            .chain(b)
            .filter(|&&x| self.units[x].claim.is_some())
            .all(|&x| self.same_act(first, x))
    }

    /// The pairs `(a, b)`, `a < b`, of units of different documents that tell of the same act.
    /// Each document's first sentence of an act stands for it, so a story makes at most as
    /// many pairs per act as it has pairs of documents, however its texts repeat themselves.
    fn same_act_pairs(&self) -> Vec<(usize, usize)> {
        let mut by_act: HashMap<String, Vec<usize>> = HashMap::new();
        for (idx, unit) in self.units.iter().enumerate() {
            let Some(claim) = &unit.claim else { continue };
            let firsts = by_act.entry(claim.key()).or_default();
            if !firsts.iter().any(|&other| self.units[other].doc == unit.doc) {
                firsts.push(idx);
            }
        }
        let mut pairs = Vec::new();
        for firsts in by_act.values() {
            for (n, &a) in firsts.iter().enumerate() {
                for &b in &firsts[n + 1..] {
                    if self.same_act(a, b) {
                        pairs.push((a, b));
                    }
                }
            }
        }
        // In index order, whatever the map's.
        pairs.sort_unstable();
        pairs
    }

    fn can_merge(&self, a: &[usize], b: &[usize]) -> bool {
        let docs_overlap =
            a.iter().any(|&x| b.iter().any(|&y| self.units[x].doc == self.units[y].doc));
        if docs_overlap || a.iter().any(|&x| b.iter().any(|&y| self.opposed_acts(x, y))) {
            return false;
        }
        // Groups that each hold a sentence telling of one act, and no other act, or that all
        // give one precise quantity, belong together however few words they share.
        if self.one_act(a, b) || self.one_quantity(a, b) {
            return true;
        }
        let pairs = (a.len() * b.len()) as f32;
        let mut sum = 0.0;
        for &x in a {
            for &y in b {
                sum += self.cosine(x, y);
            }
        }
        let by_words = sum / pairs >= GROUP_MEAN_COSINE;
        // With embeddings for every pair: the two say the same on average in other words, and
        // no two of their sentences are far apart, which a chain of close paraphrases would
        // otherwise allow (on NeuS it joined an Iranian warning about drones with a
        // secretary of state's arrival in Saudi Arabia, through a third sentence).
        let embeddings: Option<Vec<f32>> = a
            .iter()
            .flat_map(|&x| b.iter().map(move |&y| (x, y)))
            .map(|(x, y)| self.embedding_cosine(x, y))
            .collect();
        match embeddings {
            Some(cosines) => {
                let mean = cosines.iter().sum::<f32>() / pairs;
                let min = cosines.iter().copied().fold(f32::INFINITY, f32::min);
                (by_words || mean >= PARAPHRASE_GROUP_COSINE) && min >= PARAPHRASE_MIN_COSINE
            }
            None => by_words,
        }
    }

    /// For each unit, the cosine of its vector with the centroid of the documents' term
    /// weights, where a term weighs by how many documents use it: how much of what the
    /// coverage as a whole is about the sentence holds.
    pub(crate) fn centroid_scores(&self) -> Vec<f32> {
        let mut docs_of: HashMap<u32, Vec<usize>> = HashMap::new();
        for unit in &self.units {
            for (id, _) in &unit.vector {
                let docs = docs_of.entry(*id).or_default();
                if docs.last() != Some(&unit.doc) {
                    docs.push(unit.doc);
                }
            }
        }
        let n_docs = self.doc_lengths.len().max(1) as f32;
        let weight = |id: u32| {
            let n = docs_of.get(&id).map_or(0, Vec::len) as f32;
            if n >= 2.0 || n_docs < 2.0 {
                n / n_docs
            } else {
                0.0
            }
        };
        self.units
            .iter()
            .map(|unit| {
                let n = unit.vector.len().max(1) as f32;
                unit.vector.iter().map(|(id, _)| weight(*id)).sum::<f32>() / n.sqrt()
            })
            .collect()
    }

    /// The member of a group most similar to the others (the earliest on ties).
    pub(crate) fn most_central(&self, group: &[usize]) -> usize {
        let mut best = (group[0], f32::MIN);
        for &x in group {
            let score: f32 = group.iter().filter(|&&y| y != x).map(|&y| self.cosine(x, y)).sum();
            if score > best.1 + 1e-6 {
                best = (x, score);
            }
        }
        best.0
    }
}

impl Unit<'_> {
    fn weight(&self, id: u32) -> f32 {
        match self.vector.binary_search_by_key(&id, |(t, _)| *t) {
            Ok(idx) => self.vector[idx].1,
            Err(_) => 0.0,
        }
    }
}

/// A clause that goes on after an attribution and says more than who spoke: "..., said
/// the 36-year-old Klitschko, who improved his record to 58-3", "..., the source said, and
/// Stefanski expected more".
static CLAUSE_AFTER_ATTRIBUTION: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| {
        regex::Regex::new(r",\s+(?:who|whose|which|and|but|adding|as|after|while|because)\s")
            .unwrap_or_else(|e| panic!("{e}"))
    });

/// How much of a sentence is a quotation, by the document's quotation spans (`analyze`'s).
struct Quoted {
    /// The share of its letters and digits inside quotation marks.
    share: f32,
    /// Whether its first letter or digit is inside quotation marks.
    opens_inside: bool,
    /// The sentence's own byte ranges inside quotation marks.
    inside: Vec<std::ops::Range<usize>>,
}

impl Quoted {
    /// The sentence at `start` of its document, whose quotations are `spans` (in text order).
    fn of(sentence: &str, start: usize, spans: &[std::ops::Range<usize>]) -> Quoted {
        let end = start + sentence.len();
        let first = spans.partition_point(|span| span.end <= start);
        let inside: Vec<std::ops::Range<usize>> = spans[first..]
            .iter()
            .take_while(|span| span.start < end)
            .map(|span| span.start.max(start) - start..span.end.min(end) - start)
            .collect();
        // The ranges are in order: one cursor walks them with the characters.
        let mut next = 0;
        let (mut quoted, mut all, mut opens_inside) = (0usize, 0usize, false);
        for (at, _) in sentence.char_indices().filter(|(_, c)| c.is_alphanumeric()) {
            while inside.get(next).is_some_and(|range| range.end <= at) {
                next += 1;
            }
            let within = inside.get(next).is_some_and(|range| range.start <= at);
            opens_inside |= all == 0 && within;
            all += 1;
            quoted += usize::from(within);
        }
        let share = if all == 0 { 0.0 } else { quoted as f32 / all as f32 };
        Quoted { share, opens_inside, inside }
    }

    /// A quotation's attribution: its text outside quotation marks, up to a clause that says
    /// more than who spoke ([`CLAUSE_AFTER_ATTRIBUTION`]).
    fn attribution(&self, sentence: &str) -> String {
        let mut outside = String::new();
        let mut from = 0;
        for range in &self.inside {
            outside.push_str(&sentence[from..range.start]);
            outside.push(' ');
            from = range.end;
        }
        outside.push_str(&sentence[from..]);
        if let Some(clause) = CLAUSE_AFTER_ATTRIBUTION.find(&outside) {
            outside.truncate(clause.start());
        }
        outside
    }
}

/// Whether two reported values are the same number (allowing float noise only).
pub(crate) fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> DocInput<'_> {
        DocInput {
            text,
            language: None,
            numbers: Vec::new(),
            entities: Vec::new(),
            people: Vec::new(),
            counts: Vec::new(),
            quantities: Vec::new(),
        }
    }

    fn render(corpus: &Corpus<'_>, groups: &[Vec<usize>]) -> Vec<Vec<(usize, usize)>> {
        groups
            .iter()
            .map(|g| g.iter().map(|&u| (corpus.units[u].doc, corpus.units[u].position)).collect())
            .collect()
    }

    #[test]
    fn paraphrases_align_and_unrelated_sentences_do_not() {
        let docs = [
            doc("The ferry Morning Star ran aground near Pell Island early on Sunday. \
                 All 112 passengers were taken ashore by lifeboats within two hours."),
            doc("Lifeboats brought all 112 passengers ashore within two hours on Sunday. \
                 The Morning Star ferry had run aground near Pell Island early that day. \
                 The island's only pharmacy stayed open late for the rescued travellers."),
        ];
        let corpus = Corpus::build(&docs);
        let groups = corpus.align();
        assert_eq!(
            render(&corpus, &groups),
            [vec![(0, 0), (1, 1)], vec![(0, 1), (1, 0)], vec![(1, 2)]]
        );
    }

    /// A document with the entities `analyze` finds in it.
    fn doc_with_entities(text: &str) -> DocInput<'_> {
        DocInput::new(text, None, &[], &analyze::entities::find_entities(text))
    }

    #[test]
    fn one_act_told_in_different_words_is_one_fact() {
        let docs = [
            doc_with_entities(
                "Brennick Shipping bought the Port of Halvard from the regional government on \
                 Tuesday, ending ten years of public ownership of the harbour.",
            ),
            doc_with_entities(
                "After eight months of talks that the unions fiercely opposed, Brennick Shipping \
                 has bought the Port of Halvard, the company announced late on Tuesday.",
            ),
            // The same agent and object, another act.
            doc_with_entities(
                "Brennick Shipping sold the Port of Halvard to a pension fund after a long \
                 dispute with the dock workers.",
            ),
        ];
        let corpus = Corpus::build(&docs);
        assert!(corpus.cosine(0, 1) < ALIGN_COSINE_WITH_ANCHOR, "aligned by words alone");
        let groups = corpus.align();
        assert_eq!(render(&corpus, &groups), [vec![(0, 0), (1, 0)], vec![(2, 0)]]);
    }

    /// A document with the numbers and entities `analyze` finds in it.
    fn doc_with_numbers(text: &str) -> DocInput<'_> {
        let entities = analyze::entities::find_entities(text);
        DocInput::new(text, None, &analyze::numbers::find_numbers(text), &entities)
    }

    #[test]
    fn one_precise_quantity_told_in_other_words_is_one_fact() {
        let docs = [
            doc_with_numbers(
                "The sale price was 410 million euros, according to two officials who took part \
                 in the talks.",
            ),
            doc_with_numbers(
                "Brennick paid 410 million euros for the port, analysts at Varden Bank estimated.",
            ),
        ];
        let corpus = Corpus::build(&docs);
        assert!(corpus.cosine(0, 1) < ALIGN_COSINE_WITH_ANCHOR, "aligned by words alone");
        assert_eq!(render(&corpus, &corpus.align()), [vec![(0, 0), (1, 0)]]);

        // A vote's tally, in digits and in words.
        let docs = [
            doc_with_numbers(
                "The Lanford city council voted 7-2 on Monday to rebuild the old stone bridge.",
            ),
            doc_with_numbers(
                "Lanford councillors approved the reconstruction of the historic stone bridge \
                 across the Aller by a vote of seven to two.",
            ),
        ];
        let corpus = Corpus::build(&docs);
        assert!(corpus.cosine(0, 1) < ALIGN_COSINE_WITH_ANCHOR, "aligned by words alone");
        assert_eq!(render(&corpus, &corpus.align()), [vec![(0, 0), (1, 0)]]);

        // Homes and houses counted: one count. The White House is no home.
        let docs = [
            doc_with_numbers("The Ostra dam burst on Sunday, flooding 200 homes in the valley."),
            doc_with_numbers(
                "The Ostra dam gave way on Saturday, sending floodwater into 200 houses downstream.",
            ),
        ];
        let corpus = Corpus::build(&docs);
        assert!(corpus.cosine(0, 1) < ALIGN_COSINE_WITH_ANCHOR, "aligned by words alone");
        assert_eq!(render(&corpus, &corpus.align()), [vec![(0, 0), (1, 0)]]);
        assert_ne!(canonical_term("House"), canonical_term("homes"));
    }

    #[test]
    fn a_quantity_that_is_not_what_both_sentences_report_aligns_nothing() {
        let apart = |a: &'static str, b: &'static str| {
            let docs = [doc_with_numbers(a), doc_with_numbers(b)];
            let corpus = Corpus::build(&docs);
            corpus.align().len() == 2
        };
        // An amount that names the bill the story is about.
        assert!(apart(
            "Centrist Democrats are eager to pass the $3.5 trillion spending plan before the \
             autumn recess.",
            "House members return to Capitol Hill to begin advancing the $3.5 trillion spending \
             plan on Monday.",
        ));
        // One count, of two players.
        assert!(apart(
            "Austin Daye finished with 20 points and eight rebounds for Gonzaga.",
            "Tyler Hansbrough scored 20 points to break the school's career scoring record.",
        ));
        // A rate each gives for another month.
        assert!(apart(
            "Economists expected unemployment to drop from 5.8% to 5.7% over the summer months.",
            "The unemployment rate stood at 5.9% in June, up from 5.8% in May, officials said.",
        ));
        // A quantity a text repeats is its subject, not one fact.
        let docs = [
            doc_with_numbers(
                "The council approved 40 new homes on the old airfield site on Monday evening. \
                 Builders will start on the 40 new homes in the spring, the developer said.",
            ),
            doc_with_numbers(
                "Residents protested outside the town hall against the 40 new homes last week.",
            ),
        ];
        let corpus = Corpus::build(&docs);
        assert_eq!(corpus.align().len(), 3);
    }

    /// An encoder that knows the meaning of a few sentences: each maps to the unit vector of
    /// its meaning's axis (near-identical meanings get nearly the same axis), the rest to none.
    struct Meanings(&'static [(&'static str, [f32; 3])]);

    impl crate::SentenceEncoder for Meanings {
        fn identity(&self) -> &str {
            "meanings"
        }

        fn encode(&self, sentences: &[&str]) -> Vec<Vec<f32>> {
            let meaning = |s: &str| self.0.iter().find(|(text, _)| s.starts_with(text));
            sentences
                .iter()
                .map(|s| match meaning(s) {
                    Some((_, v)) => {
                        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
                        v.iter().map(|x| x / norm).collect()
                    }
                    None => Vec::new(),
                })
                .collect()
        }
    }

    #[test]
    fn sentences_an_encoder_reads_alike_align_unless_their_acts_oppose() {
        let docs = [
            doc_with_entities("The Ostra dam burst on Sunday, flooding the valley below it."),
            doc_with_entities(
                "Water poured through the broken wall of the reservoir after it gave way.",
            ),
            doc_with_entities("Lindsay Lohan checked into the Betty Ford Center late on Thursday."),
            doc_with_entities("Lindsay Lohan checked out of the Betty Ford Center after a month."),
        ];
        // An encoder that reads the first two alike, and the last two alike (as real models
        // do: 0.97 for these two).
        let meanings = Meanings(&[
            ("The Ostra dam", [1.0, 0.1, 0.0]),
            ("Water poured", [1.0, 0.0, 0.1]),
            ("Lindsay Lohan checked into", [0.0, 1.0, 0.05]),
            ("Lindsay Lohan checked out", [0.0, 1.0, 0.0]),
        ]);
        // By words, the dam's two sentences share too little, and the clinic's two are kept
        // apart by their acts however much they share.
        let by_words = Corpus::build(&docs);
        assert!(by_words.cosine(2, 3) >= ALIGN_COSINE);
        assert_eq!(by_words.align().len(), 4);
        let corpus = Corpus::build_with(&docs, Some(&meanings));
        let groups = corpus.align();
        assert_eq!(render(&corpus, &groups), [vec![(0, 0), (1, 0)], vec![(2, 0)], vec![(3, 0)]]);
    }

    #[test]
    fn a_group_holds_one_sentence_per_document() {
        // The second document says the same thing twice; only one of its sentences can join.
        let docs = [
            doc("Heavy snow closed the mountain pass road to all traffic on Friday."),
            doc("Heavy snow closed the mountain pass road to all traffic on Friday. \
                 Heavy snow closed the mountain pass road to all traffic on Friday morning."),
        ];
        let corpus = Corpus::build(&docs);
        let groups = corpus.align();
        assert_eq!(groups.len(), 2);
        for group in &groups {
            let mut docs: Vec<usize> = group.iter().map(|&u| corpus.units[u].doc).collect();
            docs.dedup();
            assert_eq!(docs.len(), group.len());
        }
    }

    #[test]
    fn a_quotation_and_a_sentence_about_its_speaker_are_not_one_fact() {
        let docs = [
            doc_with_entities(
                "“Together we will be stronger in a difficult market,” SkyNord chief executive \
                 Erik Dahl said on Monday.",
            ),
            doc_with_entities(
                "SkyNord chief executive Erik Dahl will lead the merged airline from Monday.",
            ),
            doc_with_entities(
                "\"Together we will be stronger in a difficult market, \" SkyNord chief executive \
                 Erik Dahl told reporters.",
            ),
        ];
        let corpus = Corpus::build(&docs);
        // They share the speaker's name and title, enough for the cosine alone.
        assert!(corpus.cosine(0, 1) >= ALIGN_COSINE);
        let groups = corpus.align();
        // The quote is one fact wherever it is carried; the other sentence is not that fact.
        assert_eq!(render(&corpus, &groups), [vec![(0, 0), (2, 0)], vec![(1, 0)]]);
    }

    #[test]
    fn a_sentence_about_a_speaker_that_says_more_than_who_spoke_still_aligns() {
        // The quotation's attribution runs on into a clause of its own, which reports the fact.
        let docs = [
            doc_with_entities(
                "The champion Wladimir Klitschko improved his record to 58-3 on Saturday.",
            ),
            doc_with_entities(
                "\"I'm satisfied,\" said the champion Wladimir Klitschko, who improved his record \
                 to 58-3 on Saturday.",
            ),
        ];
        let corpus = Corpus::build(&docs);
        assert_eq!(corpus.align().len(), 1);
    }

    /// How much of each sentence of `text` is a quotation, and its attribution.
    fn quotations(text: &str) -> Vec<(f32, bool, String)> {
        let spans = analyze::quotes::quotation_spans(text);
        analyze::sentences(text)
            .iter()
            .map(|sentence| {
                let quoted = Quoted::of(sentence.text, sentence.start, &spans);
                let attribution = quoted.attribution(sentence.text).trim().to_string();
                (quoted.share, quoted.opens_inside, attribution)
            })
            .collect()
    }

    #[test]
    fn sentences_read_as_quotations_with_their_attribution() {
        // A quotation that runs on to the next paragraph, opened again there, leaves the
        // paragraph after it outside.
        let read = quotations(
            "\"Our country has reached the edge.\n\"What is at stake is peace.\"\nThe prime minister said the attack was a crime.",
        );
        assert!(read[0].1 && read[1].1, "{read:?}");
        assert_eq!((read[2].0, read[2].1), (0.0, false));
        // British news quotes in single marks, with double ones inside, and apostrophes.
        let read = quotations(
            "‘People keep telling me “never again”, and that’s the promise,’ said Margaret Hale, who leads the council.\nThe residents’ association welcomed the decision.",
        );
        assert!(read[0].1 && read[0].0 > 0.5, "{read:?}");
        assert_eq!(read[0].2, "said Margaret Hale");
        assert_eq!(read[1].0, 0.0);
    }

    #[test]
    fn short_sentences_carry_no_fact() {
        let corpus = Corpus::build(&[doc(
            "He declined to comment. The council will vote on the new budget next week.",
        )]);
        let texts: Vec<&str> = corpus.units.iter().map(|u| u.text).collect();
        assert_eq!(texts, ["The council will vote on the new budget next week."]);
        assert_eq!(corpus.doc_lengths, [2]);
        // Unless they give a precise quantity, which two outlets then share.
        let docs = [
            doc_with_numbers("Turnout was 61 percent, the highest in twenty years."),
            doc_with_numbers("He declined to comment. Turnout reached 61 percent."),
        ];
        let corpus = Corpus::build(&docs);
        assert_eq!(render(&corpus, &corpus.align()), [vec![(0, 0), (1, 1)]]);
    }
}
