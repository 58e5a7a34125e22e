//! Named-entity tagging: PERSON, ORG, PLACE, NORP, MISC with in-document canonical names.
//!
//! The pipeline is `Doc` (tokens + features) → a `MentionTagger` proposing typed spans → `link`
//! (document-level consistency, acronyms, person names) → `Entity` values in character offsets.
//! Today's tagger is `rules::RuleTagger`; a trained sequence model implements the same trait and
//! slots in without touching linking or the public API.

pub(crate) mod doc;
mod link;
mod rules;
#[cfg(test)]
mod tests;

use crate::offsets::CharMap;
use crate::{Entity, EntityType};

use doc::Doc;

/// A proposed mention, in byte offsets of the document.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    /// First byte.
    pub s: usize,
    /// One past the last byte.
    pub e: usize,
    /// First token.
    pub ti: usize,
    /// One past the last token.
    pub tj: usize,
    /// The type, or `None` when only document context can decide.
    pub ty: Option<EntityType>,
    /// Canonical name, when the tagger knows it (gazetteer names).
    pub canonical: Option<String>,
    /// False when the evidence is weak (e.g. a sentence-initial word): kept only if confirmed.
    pub strong: bool,
    /// True when the mention is a gazetteer name.
    pub gaz: bool,
}

/// Proposes typed mention spans for a document.
pub(crate) trait MentionTagger {
    /// The mentions found in `doc`, in text order, not overlapping.
    fn mentions(&self, doc: &Doc<'_>) -> Vec<Mention>;
}

/// Finds named entities in `text` (character offsets), with in-document canonical names.
pub fn tag_entities(text: &str) -> Vec<Entity> {
    let doc = Doc::new(text);
    entities_of(&doc, &CharMap::new(text))
}

/// The entities of an already analysed document.
pub(crate) fn entities_of(doc: &Doc<'_>, map: &CharMap<'_>) -> Vec<Entity> {
    let text = doc.text;
    let mentions = link::link(doc, rules::RuleTagger.mentions(doc));
    mentions
        .into_iter()
        .filter_map(|m| {
            let ty = m.ty?;
            let surface = text.get(m.s..m.e)?;
            Some(Entity {
                text: surface.to_string(),
                start: map.char_of(m.s),
                end: map.char_of(m.e),
                ty,
                canonical: m.canonical.unwrap_or_else(|| surface.to_string()),
            })
        })
        .collect()
}

/// Tags one pre-tokenized sentence: per token, the entity type and whether it begins an entity.
pub fn tag_tokens(tokens: &[&str]) -> Vec<Option<(EntityType, bool)>> {
    let mut text = String::new();
    let mut spans = Vec::with_capacity(tokens.len());
    for t in tokens {
        if !text.is_empty() {
            text.push(' ');
        }
        let s = text.chars().count();
        text.push_str(t);
        spans.push((s, s + t.chars().count()));
    }
    let entities = tag_entities(&text);
    let mut out = Vec::with_capacity(tokens.len());
    let mut k = 0;
    let mut prev = None;
    for &(s, e) in &spans {
        while entities.get(k).is_some_and(|en| en.end <= s) {
            k += 1;
        }
        let hit = entities
            .get(k)
            .filter(|en| en.start < e)
            .map(|en| (k, en.ty));
        out.push(hit.map(|(idx, ty)| (ty, prev != Some(idx))));
        prev = hit.map(|(idx, _)| idx);
    }
    out
}
