//! Named-entity tagging: PERSON, ORG, PLACE, NORP, MISC with in-document canonical names.
//!
//! The pipeline is `Doc` (tokens + features) → a `MentionTagger` proposing typed spans → `link`
//! (document-level consistency, acronyms, person names) → `Entity` values in character offsets.
//! The tagger is `model::ModelTagger`, a trained averaged perceptron (`perceptron`, `features`,
//! `train`) whose features include the opinion of the gazetteer-and-rules tagger
//! (`rules::RuleTagger`) and word clusters learned from unlabeled text (`clusters`, trained by
//! `exchange`); the rule tagger alone is the fallback when no model is embedded.

mod clusters;
pub(crate) mod doc;
pub(crate) mod exchange;
mod features;
mod link;
mod model;
mod perceptron;
mod rules;
#[cfg(test)]
mod tests;
pub(crate) mod train;

use crate::offsets::CharMap;
use crate::{Entity, EntityType};

use doc::Doc;
use model::Conventions;

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
    confirm_headlines(doc, mentions_of(doc, Conventions::News))
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

/// The linked mentions of `doc`, from the model when one is embedded, else from the rules.
fn mentions_of(doc: &Doc<'_>, conventions: Conventions) -> Vec<Mention> {
    let mentions = match model::MODEL.as_ref() {
        Some(m) => model::ModelTagger(m, &clusters::CLUSTERS, conventions).mentions(doc),
        None => rules::RuleTagger.mentions(doc),
    };
    link::link(doc, mentions)
}

/// Drops mentions in all-capitals sentences (headlines, where capitals say nothing) unless a
/// gazetteer knows the name or the document also names it outside such sentences.
fn confirm_headlines(doc: &Doc<'_>, mentions: Vec<Mention>) -> Vec<Mention> {
    let shouted = |m: &Mention| (m.ti..m.tj).all(|k| doc.toks.get(k).is_some_and(|t| t.shout));
    let key = |m: &Mention| doc.lower.get(m.s..m.e).unwrap_or("");
    let confirmed: rustc_hash::FxHashSet<&str> =
        mentions.iter().filter(|m| !shouted(m)).map(key).collect();
    mentions
        .into_iter()
        .filter(|m| !shouted(m) || m.gaz || confirmed.contains(key(m)))
        .collect()
}

/// Tags one pre-tokenized sentence: per token, the entity type and whether it begins an entity.
///
/// This is the CoNLL evaluation path: spans follow the CoNLL-2003 conventions the model learned
/// ("Brazilian Foreign Ministry" is MISC + ORG), where [`tag_entities`] prefers newsdb's (one ORG).
pub fn tag_tokens(tokens: &[&str]) -> Vec<Option<(EntityType, bool)>> {
    let mut buf = String::new();
    let doc = Doc::from_sentences(&[tokens], &mut buf);
    let mut out = vec![None; tokens.len()];
    for m in mentions_of(&doc, Conventions::Conll) {
        let Some(ty) = m.ty else { continue };
        for k in m.ti..m.tj.min(out.len()) {
            if out[k].is_none() {
                out[k] = Some((ty, k == m.ti));
            }
        }
    }
    out
}
