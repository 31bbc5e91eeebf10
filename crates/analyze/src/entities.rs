//! Named entities: people, organizations, places.

use model::report::EntityKind;

/// An entity found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityMention {
    /// The name as written.
    pub name: String,
    pub kind: EntityKind,
    /// Byte offset of `name`.
    pub start: usize,
}

/// Finds named entities.
pub fn find_entities(text: &str) -> Vec<EntityMention> {
    let _ = text;
    Vec::new()
}
