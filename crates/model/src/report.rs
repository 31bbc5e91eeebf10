//! The report: what `parallax analyze --format json` prints, field for field as in
//! `../shared/CONTRACT.md`. Add fields freely; never rename or drop one.

use serde::{Deserialize, Serialize};

use crate::Extra;

/// The whole report: every article and every story.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub articles: Vec<ReportArticle>,
    pub stories: Vec<Story>,
}

/// One article as reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportArticle {
    pub id: String,
    pub source: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    /// RFC 3339.
    pub published: Option<String>,
    pub language: Option<String>,
    pub body: String,
    /// The id of the article this one copies (wire copy, reprint).
    pub duplicate_of: Option<String>,
    /// The id of its story.
    pub story: String,
    /// Unknown input fields, echoed back.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: Extra,
}

/// One real-world event and how the outlets covered it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: String,
    pub title: String,
    /// Every article of the story, duplicates included.
    pub articles: Vec<String>,
    /// Distinct outlets.
    pub sources: Vec<String>,
    pub facts: Vec<Fact>,
    pub quotes: Vec<Quote>,
    pub numbers: Vec<NumberMention>,
    pub entities: Vec<Entity>,
    pub conflicts: Vec<Conflict>,
    pub summary: Vec<SummarySentence>,
    /// Earliest publication date of its articles, RFC 3339 (an extension of the contract).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_published: Option<String>,
    /// Latest publication date of its articles, RFC 3339 (an extension of the contract).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_published: Option<String>,
}

/// One claim, aligned across the articles that report it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// The claim, as one representative sentence.
    pub text: String,
    /// Every article that reports it.
    pub articles: Vec<String>,
    pub sources: Vec<String>,
    /// The sentence in each article.
    pub evidence: Vec<Evidence>,
}

/// The sentence of one article that supports a fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub article: String,
    pub sentence: String,
}

/// A direct quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub text: String,
    /// As named in the text; `None` if unknown.
    pub speaker: Option<String>,
    pub articles: Vec<String>,
    /// Distinct outlets carrying it (an extension of the contract).
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A number as reported, with its unit and what it counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumberMention {
    pub value: f64,
    /// E.g. `troops`, `%`, `USD`; `None` when nothing is counted.
    pub unit: Option<String>,
    /// The phrase as written, e.g. "more than 100,000 Russian troops".
    pub text: String,
    pub articles: Vec<String>,
    /// Distinct outlets reporting it (an extension of the contract).
    #[serde(default)]
    pub sources: Vec<String>,
    /// For a date (`unit` is `date`, `value` is YYYYMMDD), the day as ISO 8601, resolved
    /// against the publication date: "Tuesday" in an article of 2024-03-14 is "2024-03-12"
    /// (an extension of the contract).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

impl NumberMention {
    /// The phrase as written, with the day it names when it is a date: "Tuesday (2024-03-12)".
    ///
    /// ```
    /// let mut number = model::report::NumberMention {
    ///     value: 20240312.0,
    ///     unit: Some("date".into()),
    ///     text: "Tuesday".into(),
    ///     articles: vec![],
    ///     sources: vec![],
    ///     date: Some("2024-03-12".into()),
    /// };
    /// assert_eq!(number.label(), "Tuesday (2024-03-12)");
    /// number.date = None;
    /// assert_eq!(number.label(), "Tuesday");
    /// ```
    pub fn label(&self) -> String {
        match &self.date {
            Some(date) if !self.text.contains(date.as_str()) => format!("{} ({date})", self.text),
            _ => self.text.clone(),
        }
    }
}

/// A named entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub name: String,
    pub kind: EntityKind,
    pub articles: Vec<String>,
    /// The distinct outlets of `articles` (an extension of the contract, as for quotes and
    /// numbers).
    #[serde(default)]
    pub sources: Vec<String>,
    /// The other names merged into this one, in the order the story first gives them: an
    /// acronym ("CDC"), a surname alone ("Putin"), a name without its middle initial (an
    /// extension of the contract; left out when there are none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Other,
}

impl EntityKind {
    /// Every kind, in the order a story lists its names.
    pub const ALL: [EntityKind; 4] =
        [EntityKind::Person, EntityKind::Organization, EntityKind::Place, EntityKind::Other];

    /// The heading of a list of names of this kind: "People", "Places".
    pub fn heading(self) -> &'static str {
        match self {
            EntityKind::Person => "People",
            EntityKind::Organization => "Organizations",
            EntityKind::Place => "Places",
            EntityKind::Other => "Other names",
        }
    }
}

/// Sources disagree about one thing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// What they disagree about, e.g. "troops".
    pub about: String,
    pub claims: Vec<ConflictClaim>,
}

/// One side of a conflict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConflictClaim {
    pub text: String,
    pub articles: Vec<String>,
}

/// One sentence of the multi-source summary, with the articles that support it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummarySentence {
    pub text: String,
    pub articles: Vec<String>,
}
