//! nlp-lite: tokens, sentences, named entities and date expressions for news text.
//!
//! Pure functions with no I/O: text (and an optional anchor date) in, character-offset spans out.
//! Gazetteers and models are embedded in the binary and loaded once.
//!
//! - [`tokenize`], [`sentences`]: tokens and abbreviation-aware sentences.
//! - [`tag_entities`], [`tag_tokens`]: PERSON/ORG/PLACE/NORP/MISC with canonical names.
//! - [`tag_dates`]: TIMEX3 dates, times, durations and sets, resolved against an anchor date.
//! - [`analyse`]: all of the above in one pass over the text.
//! - [`zones`]: the news time-zone abbreviation table.
//! - [`train_ner`], [`read_conll`]: training the entity model from CoNLL-format data.
//! - [`train_clusters`]: learning the word clusters the entity model uses from unlabeled text.

mod conll;
mod dates;
mod entities;
mod gazetteer;
mod lexicon;
mod offsets;
mod sentences;
mod tokens;
mod types;
pub mod zones;

pub use conll::{read_conll, strip_person_titles};
pub use dates::tag_dates;
pub use entities::exchange::{train_clusters, ClusterConfig};
pub use entities::train::{train_ner, TrainConfig, TrainDoc, TrainSentence};
pub use entities::{tag_entities, tag_tokens};
pub use sentences::sentences;
pub use tokens::{tokenize, Token};
pub use types::{Annotations, Entity, EntityType, Sentence, Timex, TimexType};

/// Whether `word` is a given name in the embedded first-name list ("Cassidy", "ERIC"), in any
/// case: a check stricter than the entity tagger for a name seen without any context.
pub fn is_given_name(word: &str) -> bool {
    gazetteer::GAZETTEER
        .get(&gazetteer::key(word))
        .is_some_and(|e| e.flags & gazetteer::FIRST != 0)
}

/// Sentences, entities and date expressions of `text`; relative dates resolve against `anchor`.
pub fn analyse(text: &str, anchor: Option<jiff::civil::Date>) -> Annotations {
    // Tokenize and split once; all three layers share the result.
    let doc = entities::doc::Doc::new(text);
    let map = offsets::CharMap::new(text);
    let sentences = doc
        .sentences
        .iter()
        .map(|&(s, e)| Sentence {
            start: map.char_of(s),
            end: map.char_of(e),
        })
        .collect();
    let entities = entities::entities_of(&doc, &map);
    let timexes = dates::timexes_of(text, anchor, doc.sentences.clone().into(), &map);
    Annotations {
        sentences,
        entities,
        timexes,
    }
}
