//! Training the entity model: an averaged structured perceptron over labelled documents.
//!
//! Each epoch visits the training units in a seeded shuffled order; each sentence is decoded
//! with Viterbi under the current weights (with the document history of the unit's earlier
//! predictions, as at tagging time) and, when the best sequence differs from the gold one, the
//! gold features gain and the predicted ones lose (Collins 2002). A share of the documents is
//! split into one-sentence units so the model also works without document context (the
//! `tag_tokens` path). Deterministic: one thread, a fixed seed, no hash-order dependence.

use std::ops::Range;

use crate::EntityType;

use super::clusters::Clusters;
use super::doc::Doc;
use super::features::{doc_features, history_key, rule_mentions, DocFeatures, History};
use super::perceptron::{make_tag, split_tag, viterbi, Model, Scorer, Training, NT};

/// One labelled sentence: its words and its entity spans (word index ranges with a type).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrainSentence {
    /// The words, in order.
    pub words: Vec<String>,
    /// Entity spans over `words`, in order, not overlapping.
    pub spans: Vec<(Range<usize>, EntityType)>,
}

/// One labelled document: sentences in order (document-level features look across them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrainDoc {
    /// The sentences, in order.
    pub sentences: Vec<TrainSentence>,
}

/// Settings for [`train_ner`].
#[derive(Debug, Clone, PartialEq)]
pub struct TrainConfig {
    /// Passes over the training data.
    pub epochs: usize,
    /// The weight table has `2^hash_bits` feature rows (8..=24).
    pub hash_bits: u8,
    /// Seed of the shuffling and of the choice of documents split into sentences.
    pub seed: u64,
    /// Share (0..=1) of multi-sentence documents trained as whole documents; the rest are
    /// trained sentence by sentence, without document context.
    pub doc_share: f64,
    /// Averaged weights smaller than this in absolute value are dropped from the model file.
    pub prune: f32,
    /// Independent training runs (seeds `seed`, `seed + 1`, …) whose averaged weights are
    /// averaged again into the model: a small ensemble at no cost when tagging.
    pub runs: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 8,
            hash_bits: 20,
            seed: 0x6e65_7773,
            doc_share: 0.25,
            prune: 0.0,
            runs: 5,
        }
    }
}

/// The model's type index for a type (NORP trains as MISC, as in CoNLL).
pub(crate) fn type_index(ty: EntityType) -> usize {
    match ty {
        EntityType::Person => 0,
        EntityType::Org => 1,
        EntityType::Place => 2,
        EntityType::Norp | EntityType::Misc => 3,
    }
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One training unit, featurised once.
struct Unit {
    feats: DocFeatures,
    gold: Vec<usize>,
    ranges: Vec<(usize, usize)>,
    keys: Vec<Option<Box<str>>>,
}

/// BILOU tags of a sentence's spans (invalid or overlapping spans are skipped).
fn gold_tags(s: &TrainSentence) -> Vec<usize> {
    let mut tags = vec![0; s.words.len()];
    for (r, ty) in &s.spans {
        if r.start >= r.end || r.end > tags.len() || tags[r.clone()].iter().any(|&t| t != 0) {
            continue;
        }
        let ty = type_index(*ty);
        if r.end - r.start == 1 {
            tags[r.start] = make_tag(ty, 3);
            continue;
        }
        for k in r.clone() {
            let pos = if k == r.start {
                0
            } else if k + 1 == r.end {
                2
            } else {
                1
            };
            tags[k] = make_tag(ty, pos);
        }
    }
    tags
}

fn unit(sentences: &[&TrainSentence], clusters: &Clusters) -> Unit {
    let words: Vec<&[String]> = sentences.iter().map(|s| s.words.as_slice()).collect();
    let mut buf = String::new();
    let doc = Doc::from_sentences(&words, &mut buf);
    let feats = doc_features(&doc, &rule_mentions(&doc), clusters);
    let gold = sentences.iter().flat_map(|s| gold_tags(s)).collect();
    let keys = (0..doc.toks.len())
        .map(|k| history_key(&doc, k).map(Box::from))
        .collect();
    Unit {
        feats,
        gold,
        ranges: doc.sentence_ranges(),
        keys,
    }
}

/// The history slot of a tag: 0 outside, else 1 + type.
pub(crate) fn history_slot(tag: usize) -> usize {
    split_tag(tag).map_or(0, |(ty, _)| ty + 1)
}

/// Emission scores of tokens `a..b` (the static scores `statics` adds, plus the history
/// features of each token's key), into `emit`; `scratch` is working space.
pub(crate) fn sentence_emissions<'k>(
    scorer: &impl Scorer,
    statics: impl Fn(usize, &mut [f32; NT]),
    keys: impl Fn(usize) -> Option<&'k str>,
    history: &History<'_>,
    (a, b): (usize, usize),
    scratch: &mut Vec<u32>,
    emit: &mut Vec<[f32; NT]>,
) {
    emit.clear();
    for k in a..b {
        let mut e = [0.0; NT];
        statics(k, &mut e);
        scratch.clear();
        if let Some(key) = keys(k) {
            history.features(key, scratch);
        }
        // Without history features the scorer would add zeros, which leaves `e` as it is
        // (no score is -0.0: every one starts at +0.0 and only nonzero sums make it negative).
        if !scratch.is_empty() {
            scorer.emissions(scratch, &mut e);
        }
        emit.push(e);
    }
}

/// Trains the entity model on `docs` with the word clusters `clusters` (a table from
/// [`crate::train_clusters`]: the model must be embedded with the same table; bytes that are not
/// a table mean no clusters) and returns the model file (the bytes the crate embeds as
/// `model/ner.bin`). Deterministic for a given input and `config`.
pub fn train_ner(docs: &[TrainDoc], clusters: &[u8], config: &TrainConfig) -> Vec<u8> {
    let bits = config.hash_bits.clamp(8, 24);
    let runs = config.runs.max(1);
    let clusters = Clusters::decode(clusters).unwrap_or_default();
    let mut sum = (Vec::new(), Vec::new());
    for run in 0..runs {
        let seed = config.seed.wrapping_add(run as u64);
        let w = train_run(docs, &clusters, config, seed, bits);
        w.add_average(runs, &mut sum);
    }
    Model::encode(bits, &sum.0, &sum.1, config.prune)
}

/// One training run with `seed`: the trained (not yet averaged) weights.
fn train_run(
    docs: &[TrainDoc],
    clusters: &Clusters,
    config: &TrainConfig,
    seed: u64,
    bits: u8,
) -> Training {
    let mut rng = Rng(seed | 1);
    let mut units = Vec::new();
    for d in docs {
        let sents: Vec<&TrainSentence> =
            d.sentences.iter().filter(|s| !s.words.is_empty()).collect();
        if sents.is_empty() {
            continue;
        }
        let draw = (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
        let whole = draw < config.doc_share;
        if whole || sents.len() == 1 {
            units.push(unit(&sents, clusters));
        } else {
            units.extend(sents.iter().map(|s| unit(&[*s], clusters)));
        }
    }
    let mut w = Training::new(bits);
    let mut order: Vec<usize> = (0..units.len()).collect();
    let (mut scratch, mut emit, mut pred, mut hist_ids) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..config.epochs {
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        for &ui in &order {
            let u = &units[ui];
            let mut history = History::default();
            for &(a, b) in &u.ranges {
                let keys = |k: usize| u.keys.get(k).and_then(|k| k.as_deref());
                sentence_emissions(
                    &w,
                    |k, e| w.emissions(u.feats.of(k), e),
                    keys,
                    &history,
                    (a, b),
                    &mut scratch,
                    &mut emit,
                );
                viterbi(&w, &emit, &mut pred);
                let gold = u.gold.get(a..b).unwrap_or(&[]);
                if gold.len() == pred.len() && gold != pred.as_slice() {
                    for (off, (&g, &p)) in gold.iter().zip(&pred).enumerate() {
                        if g == p {
                            continue;
                        }
                        let k = a + off;
                        hist_ids.clear();
                        if let Some(key) = u.keys.get(k).and_then(|k| k.as_deref()) {
                            history.features(key, &mut hist_ids);
                        }
                        for ids in [u.feats.of(k), hist_ids.as_slice()] {
                            w.update(ids, g, 1.0);
                            w.update(ids, p, -1.0);
                        }
                    }
                    let edge = NT;
                    let path = |tags: &[usize], i: usize| -> (usize, usize) {
                        let p = if i == 0 { edge } else { tags[i - 1] };
                        let q = tags.get(i).copied().unwrap_or(edge);
                        (p, q)
                    };
                    for i in 0..=gold.len() {
                        let (gp, gq) = path(gold, i);
                        let (pp, pq) = path(&pred, i);
                        if (gp, gq) != (pp, pq) {
                            w.update_transition(gp, gq, 1.0);
                            w.update_transition(pp, pq, -1.0);
                        }
                    }
                }
                for (off, &p) in pred.iter().enumerate() {
                    if let Some(key) = u.keys.get(a + off).and_then(|k| k.as_deref()) {
                        history.record(key, history_slot(p));
                    }
                }
                w.clock += 1.0;
            }
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::model::{Conventions, ModelTagger};
    use crate::entities::MentionTagger;

    fn sentence(text: &str, spans: &[(usize, usize, EntityType)]) -> TrainSentence {
        TrainSentence {
            words: text.split(' ').map(String::from).collect(),
            spans: spans.iter().map(|&(a, b, ty)| (a..b, ty)).collect(),
        }
    }

    fn corpus() -> Vec<TrainDoc> {
        use EntityType::{Misc, Org, Person, Place};
        let sents = [
            sentence(
                "Zarko Vlemin visited Quorth .",
                &[(0, 2, Person), (3, 4, Place)],
            ),
            sentence(
                "Blentrax Corp hired Zarko Vlemin .",
                &[(0, 2, Org), (3, 5, Person)],
            ),
            sentence("The Quorth Cup starts today .", &[(1, 3, Misc)]),
            sentence(
                "Vlemin left Quorth for Blentrax Corp .",
                &[(0, 1, Person), (2, 3, Place), (4, 6, Org)],
            ),
            sentence("nothing happened here .", &[]),
            sentence("The talks ended .", &[]),
            sentence("The Quorth Cup ended .", &[(1, 3, Misc)]),
        ];
        sents
            .into_iter()
            .map(|s| TrainDoc { sentences: vec![s] })
            .collect()
    }

    #[test]
    fn gold_tags_are_bilou() {
        let s = sentence(
            "a B C d E",
            &[(1, 3, EntityType::Org), (4, 5, EntityType::Person)],
        );
        assert_eq!(
            gold_tags(&s),
            vec![0, make_tag(1, 0), make_tag(1, 2), 0, make_tag(0, 3)]
        );
    }

    #[test]
    fn tiny_training_run_learns_its_data() {
        let docs = corpus();
        let config = TrainConfig {
            epochs: 12,
            hash_bits: 14,
            ..TrainConfig::default()
        };
        let bytes = train_ner(&docs, &[], &config);
        assert_eq!(
            bytes,
            train_ner(&docs, &[], &config),
            "training is deterministic"
        );
        let model = Model::decode(&bytes).expect("the trained model decodes");
        for d in &docs {
            let s = &d.sentences[0];
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            let mut buf = String::new();
            let doc = Doc::from_sentences(&[&words[..]], &mut buf);
            let got: Vec<(usize, usize, usize)> =
                ModelTagger(&model, &Clusters::default(), Conventions::Conll)
                    .mentions(&doc)
                    .iter()
                    .filter_map(|m| Some((m.ti, m.tj, type_index(m.ty?))))
                    .collect();
            let want: Vec<(usize, usize, usize)> = s
                .spans
                .iter()
                .map(|(r, ty)| (r.start, r.end, type_index(*ty)))
                .collect();
            assert_eq!(got, want, "{words:?}");
        }
    }
}
