//! The spans nlp-lite produces. Offsets are character offsets (Unicode scalar values, 0-based,
//! end-exclusive) into the text that was analysed.

use serde::{Deserialize, Serialize};

/// A sentence of the analysed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// First character of the sentence.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
}

/// The entity types newsdb tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    /// People.
    Person,
    /// Organisations: companies, agencies, institutions, teams.
    Org,
    /// Places: countries, cities, regions, landmarks.
    Place,
    /// Nationalities, religious and political groups ("South Korean").
    Norp,
    /// Other names: events, works, products, laws.
    Misc,
}

impl EntityType {
    /// The uppercase name stored in the database and printed in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Place => "PLACE",
            EntityType::Norp => "NORP",
            EntityType::Misc => "MISC",
        }
    }

    /// The CoNLL-2003 label for this type (PLACE→LOC, NORP→MISC).
    pub fn conll(self) -> &'static str {
        match self {
            EntityType::Person => "PER",
            EntityType::Org => "ORG",
            EntityType::Place => "LOC",
            EntityType::Norp | EntityType::Misc => "MISC",
        }
    }

    /// Parses a type name (case-insensitive; CoNLL's PER and LOC accepted).
    pub fn parse(name: &str) -> Option<EntityType> {
        match name.to_ascii_uppercase().as_str() {
            "PERSON" | "PER" => Some(EntityType::Person),
            "ORG" => Some(EntityType::Org),
            "PLACE" | "LOC" | "GPE" => Some(EntityType::Place),
            "NORP" => Some(EntityType::Norp),
            "MISC" => Some(EntityType::Misc),
            _ => None,
        }
    }
}

/// A named-entity mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// The mention as it appears in the text.
    pub text: String,
    /// First character of the mention.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// The entity's type.
    #[serde(rename = "type")]
    pub ty: EntityType,
    /// The in-document canonical name ("Borrell" → "Josep Borrell", "EU" → "European Union").
    pub canonical: String,
}

/// TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period ("Nov 3", "last week").
    Date,
    /// A time of day ("15:05 IST").
    Time,
    /// A length of time ("five years").
    Duration,
    /// A recurrence ("every Monday").
    Set,
}

impl TimexType {
    /// The uppercase TIMEX3 name.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// A date or time expression normalised to a TIMEX3 value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timex {
    /// The expression as it appears in the text.
    pub text: String,
    /// First character of the expression.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// The TIMEX3 type.
    #[serde(rename = "type")]
    pub ty: TimexType,
    /// The TIMEX3 value (`2024-11-03`, `2024-W43`, `P5Y`, `XXXX-WXX`, `PRESENT_REF`, …).
    pub value: String,
    /// Whether a relative expression was resolved against an anchor date (absolute ones are true).
    pub anchored: bool,
    /// The TIMEX3 `mod` attribute (`START`, `MORE_THAN`, …), when there is one.
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none", default)]
    pub modifier: Option<String>,
}

impl Timex {
    /// The calendar day the value names, when it names exactly one (`2024-11-03`, `2024-11-03T15:05`).
    pub fn day(&self) -> Option<jiff::civil::Date> {
        let v = self.value.get(..10)?;
        if self.value.len() > 10 && !self.value[10..].starts_with('T') {
            return None;
        }
        v.parse().ok()
    }
}

/// Everything nlp-lite finds in one text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotations {
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// Entity mentions in text order.
    pub entities: Vec<Entity>,
    /// Date/time expressions in text order.
    pub timexes: Vec<Timex>,
}
