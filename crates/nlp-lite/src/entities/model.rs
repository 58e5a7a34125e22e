//! The trained tagger: the embedded model file, loaded once, and its mentions.
//!
//! `model/ner.bin` (written by [`super::train::train_ner`]) is embedded in the binary and
//! decoded on first use. The tagger decodes each sentence with Viterbi, feeding the document
//! history of its own earlier predictions, and turns BILOU spans into mentions: CoNLL MISC names
//! that are demonyms or groups become NORP, person spans lose leading title words, and gazetteer
//! names get their canonical form.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::LazyLock;

use crate::gazetteer::{self, GAZETTEER};
use crate::lexicon::{GEO_SET, ORG_HEAD_SET, PLACE_HEAD_SET, TITLE_SET};
use crate::EntityType;

use super::clusters::{Clusters, CLUSTERS};
use super::doc::Doc;
use super::features::{history_key, rule_mentions, static_sums, History, WordCache};
use super::perceptron::{split_tag, Decoder, Model};
use super::train::{history_slot, sentence_emissions};
use super::{Mention, MentionTagger};

static MODEL_BYTES: &[u8] = include_bytes!("../../model/ner.bin");

/// The embedded model, or `None` when the build carries no valid model file.
pub(crate) static MODEL: LazyLock<Option<Model>> = LazyLock::new(|| Model::decode(MODEL_BYTES));

thread_local! {
    /// The embedded model's scored words, kept across the documents this thread tags.
    static WORDS: RefCell<WordCache> = RefCell::new(WordCache::default());
}

/// Whose span conventions the tagger follows where they differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Conventions {
    /// CoNLL-2003, as the model learned them ("Brazilian" MISC + "Foreign Ministry" ORG).
    Conll,
    /// newsdb's: high-precision rule spans win ("South Korean Foreign Ministry" ORG,
    /// "Russia-Ukraine" → two places).
    News,
}

/// Tags documents with a trained model and the word clusters it was trained with.
pub(crate) struct ModelTagger<'m>(pub &'m Model, pub &'m Clusters, pub Conventions);

/// Model type indices in order (see `train::type_index`).
const TYPES: [EntityType; 4] = [
    EntityType::Person,
    EntityType::Org,
    EntityType::Place,
    EntityType::Misc,
];

impl MentionTagger for ModelTagger<'_> {
    fn mentions(&self, doc: &Doc<'_>) -> Vec<Mention> {
        let rules = rule_mentions(doc);
        // The word cache holds the embedded model's scores: other models (in training) go
        // without.
        let embedded = MODEL.as_ref().is_some_and(|m| std::ptr::eq(m, self.0))
            && std::ptr::eq(self.1, &*CLUSTERS);
        let sums = if embedded {
            WORDS.with_borrow_mut(|cache| static_sums(doc, &rules, self.1, self.0, Some(cache)))
        } else {
            static_sums(doc, &rules, self.1, self.0, None)
        };
        let mut history = History::default();
        let mut decoder = Decoder::new(self.0);
        let ranges = doc.sentence_ranges();
        // Sized for the longest sentence, so that they never grow.
        let longest = ranges.iter().map(|&(a, b)| b - a).max().unwrap_or(0);
        let (mut emit, mut tags) = (Vec::with_capacity(longest), Vec::with_capacity(longest));
        let mut scratch = Vec::new();
        let mut out = Vec::new();
        let mut buf = String::new();
        for (a, b) in ranges {
            let keys = |k: usize| history_key(doc, k);
            sentence_emissions(
                self.0,
                |k, e| {
                    if let Some(acc) = sums.get(k) {
                        self.0.add_scaled(acc, e);
                    }
                },
                keys,
                &history,
                (a, b),
                &mut scratch,
                &mut emit,
            );
            decoder.decode(&emit, &mut tags);
            for (off, &tag) in tags.iter().enumerate() {
                if let Some(key) = history_key(doc, a + off) {
                    history.record(key, history_slot(tag));
                }
            }
            let mut start = None;
            for (off, &tag) in tags.iter().enumerate() {
                let Some((ty, pos)) = split_tag(tag) else {
                    start = None;
                    continue;
                };
                if pos == 0 || pos == 3 {
                    start = Some(a + off);
                }
                if pos >= 2 {
                    if let (Some(s), Some(&ty)) = (start.take(), TYPES.get(ty)) {
                        out.extend(mention(doc, s, a + off + 1, ty, &mut buf));
                    }
                }
            }
        }
        match self.2 {
            Conventions::Conll => out,
            Conventions::News => overrule(doc, out, rules),
        }
    }
}

/// True for the rule tagger's high-precision mentions: multi-word names ending in an
/// organisation or place head noun ("South Korean Foreign Ministry", "Demilitarised Zone") and
/// places in a hyphenated word ("Russia-Ukraine", "Indo-Pacific").
fn trusted(doc: &Doc<'_>, r: &Mention) -> bool {
    let inside_token = doc
        .toks
        .get(r.ti)
        .is_some_and(|t| r.tj == r.ti + 1 && (t.s != r.s || t.e != r.e));
    let last = doc.low(r.tj.saturating_sub(1));
    let headed = r.tj >= r.ti + 2
        && match r.ty {
            Some(EntityType::Org) => ORG_HEAD_SET.has(last),
            Some(EntityType::Place) => PLACE_HEAD_SET.has(last),
            _ => false,
        };
    // "Indo-Pacific", "Asia-Pacific": a hyphenated word with a geographic part.
    let geo = r.tj == r.ti + 1
        && r.ty == Some(EntityType::Place)
        && doc.low(r.ti).split('-').nth(1).is_some()
        && doc.low(r.ti).split('-').any(|p| GEO_SET.has(p));
    r.strong && (inside_token || headed || geo)
}

/// True when a mention holds a comma and does not end in a legal suffix: an enumeration
/// ("the Digital, Green & Health Partnerships"), rarely a name ("Ferris, Baker Watts, Inc.").
fn enumeration(doc: &Doc<'_>, m: &Mention) -> bool {
    (m.ti..m.tj).any(|k| doc.text(k) == ",")
        && !GAZETTEER.is_legal_suffix(doc.low(m.tj.saturating_sub(1)))
}

/// True for the plural of a country name ("the two Koreas"): several places, not one.
fn countries(doc: &Doc<'_>, m: &Mention) -> bool {
    let low = doc.lower.get(m.s..m.e).unwrap_or("");
    !m.gaz
        && low
            .strip_suffix('s')
            .and_then(|one| GAZETTEER.get(one))
            .is_some_and(|e| e.flags & gazetteer::COUNTRY != 0)
}

/// Token ranges of coordinated modifiers sharing a plural head after "the" ("the Digital, Green
/// & Health Partnerships"): descriptions, not names.
fn coordinations(doc: &Doc<'_>) -> Vec<(usize, usize)> {
    let cap = |k: usize| doc.is_cap(k);
    let mut out = Vec::new();
    for i in 0..doc.toks.len() {
        if doc.low(i) != "the" || !cap(i + 1) || doc.text(i + 2) != "," {
            continue;
        }
        let mut k = i + 3;
        while cap(k) && doc.text(k + 1) == "," {
            k += 2;
        }
        if !(cap(k) && matches!(doc.low(k + 1), "&" | "and") && cap(k + 2)) {
            continue;
        }
        let mut e = k + 2;
        while cap(e) {
            e += 1;
        }
        if doc.low(e - 1).ends_with('s') {
            out.push((i + 1, e));
        }
    }
    out
}

/// True for a one-word place no gazetteer knows after "the" ("the Digital, Green … "): single
/// unknown words after an article are rarely places.
fn doubtful_place(doc: &Doc<'_>, m: &Mention) -> bool {
    m.ty == Some(EntityType::Place)
        && !m.gaz
        && m.tj == m.ti + 1
        && m.ti > 0
        && doc.low(m.ti - 1) == "the"
}

/// Replaces model mentions by trusted rule mentions that cover them (or that the model missed),
/// drops enumerations, coordinations and plural countries, and demotes doubtful places to MISC.
fn overrule(doc: &Doc<'_>, model: Vec<Mention>, rules: Vec<Mention>) -> Vec<Mention> {
    let coordinated = coordinations(doc);
    let model: Vec<Mention> = model
        .into_iter()
        .filter(|m| !enumeration(doc, m) && !countries(doc, m))
        .filter(|m| !coordinated.iter().any(|&(a, b)| m.ti < b && a < m.tj))
        .map(|mut m| {
            if doubtful_place(doc, &m) {
                m.ty = Some(EntityType::Misc);
            }
            m
        })
        .collect();
    let trusted: Vec<Mention> = rules.into_iter().filter(|r| trusted(doc, r)).collect();
    if trusted.is_empty() {
        return model;
    }
    let covers = |r: &Mention, m: &Mention| r.ti <= m.ti && m.tj <= r.tj;
    let overlapped = |r: &Mention| model.get(overlapping(&model, r)).unwrap_or(&[]);
    // A rule span that a model span crosses (neither inside the other) loses.
    let trusted: Vec<Mention> = trusted
        .into_iter()
        .filter(|r| !overlapped(r).iter().any(|m| !covers(r, m) && !covers(m, r)))
        .collect();
    // Model mentions that a surviving rule span overlaps give way to it.
    let mut replaced = vec![false; model.len()];
    for r in &trusted {
        for flag in replaced.get_mut(overlapping(&model, r)).unwrap_or(&mut []) {
            *flag = true;
        }
    }
    let mut out: Vec<Mention> = model
        .into_iter()
        .zip(replaced)
        .filter_map(|(m, replaced)| (!replaced).then_some(m))
        .collect();
    out.extend(trusted);
    out.sort_by_key(|m| (m.s, m.e));
    out
}

/// Where in `model` the mentions that overlap `r`'s tokens are. The model's mentions are in text
/// order and do not overlap, so both their starts and their ends ascend and the overlapping ones
/// are consecutive: found by binary search, where a scan of all of them per rule span made long
/// documents quadratic.
fn overlapping(model: &[Mention], r: &Mention) -> Range<usize> {
    let first = model.partition_point(|m| m.tj <= r.ti);
    let n = model
        .get(first..)
        .unwrap_or(&[])
        .iter()
        .take_while(|m| m.ti < r.tj)
        .count();
    first..first + n
}

/// The mention for tokens `ti..tj` tagged `ty`, refined with word lists and gazetteers.
fn mention(
    doc: &Doc<'_>,
    mut ti: usize,
    tj: usize,
    mut ty: EntityType,
    buf: &mut String,
) -> Option<Mention> {
    if ty == EntityType::Person {
        while ti < tj && TITLE_SET.has(doc.low(ti)) {
            ti += 1;
        }
    }
    if ti >= tj {
        return None;
    }
    let entry = doc.lookup(ti, tj, buf);
    let flags = entry.map_or(0, |e| e.flags);
    if ty == EntityType::Misc && flags & gazetteer::DEMONYM != 0 && flags & gazetteer::COUNTRY == 0
    {
        ty = EntityType::Norp;
    }
    let named = match ty {
        EntityType::Place => gazetteer::PLACE,
        EntityType::Org => gazetteer::ORG,
        EntityType::Norp => gazetteer::DEMONYM,
        EntityType::Person | EntityType::Misc => 0,
    };
    let gaz = flags & named != 0;
    Some(Mention {
        s: doc.toks.get(ti)?.s,
        e: doc.toks.get(tj - 1)?.e,
        ti,
        tj,
        ty: Some(ty),
        canonical: entry
            .filter(|_| gaz)
            .and_then(|e| e.canonical.as_deref())
            .map(String::from),
        strong: true,
        gaz,
    })
}
