//! Feature extraction for the entity model: hashed indicator features per token.
//!
//! Static features come from the token and its sentence: the word (exact and lowercased), its
//! shape, prefixes and suffixes, the words and shapes two tokens either side, capitalisation in
//! context (sentence-initial, headline), gazetteer and word-list membership (also multi-token
//! gazetteer names, with the token's BILOU position inside them), the rule tagger's typed spans,
//! and document-level cues (the word also occurs lowercase, or capitalised mid-sentence, elsewhere
//! in the document). Dynamic features come from [`History`]: the types this word was tagged with
//! earlier in the same document (Ratinov & Roth 2009). Every feature is a 32-bit hash of a
//! template number and its strings; the model folds it into its weight table.

// Fx hashing: these maps are probed for every token, and keys are not attacker-chosen
// in a way that matters for a batch tool.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::gazetteer::{self, GAZETTEER};
use crate::lexicon::{
    CALENDAR_SET, ORG_CUE_SET, ORG_HEAD_SET, PLACE_HEAD_SET, SAY_SET, STOP_SET, TITLE_SET,
};

use super::doc::{Doc, Shape};
use super::{link, rules, Mention, MentionTagger};

/// Number of entity types the model tags (the CoNLL four: PER, ORG, LOC, MISC).
pub(crate) const TYPES: usize = 4;

/// A stable 64-bit string hasher (FxHash-like), so feature ids never change between builds.
#[derive(Clone, Copy)]
struct H(u64);

const K: u64 = 0x517c_c1b7_2722_0a95;

impl H {
    fn new(template: u8) -> H {
        H((u64::from(template) + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }

    fn byte(self, b: u8) -> H {
        H((self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K))
    }

    fn str(self, s: &str) -> H {
        s.bytes().fold(self, H::byte).byte(0xff)
    }

    fn finish(self) -> u32 {
        let x = self.0;
        let x = (x ^ (x >> 31)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        // The high half is the best mixed.
        (x >> 32) as u32
    }
}

/// The hash of a template with one string.
pub(crate) fn feat(template: u8, s: &str) -> u32 {
    H::new(template).str(s).finish()
}

/// The hash of a template with two strings.
fn feat2(template: u8, a: &str, b: &str) -> u32 {
    H::new(template).str(a).str(b).finish()
}

/// The hash of a template with a small number.
fn feat_n(template: u8, n: u32) -> u32 {
    n.to_le_bytes()
        .into_iter()
        .fold(H::new(template), H::byte)
        .finish()
}

/// The word shape: capitals `X`, lowercase `x`, digits `d`, other characters kept; with `short`,
/// runs of one class collapse to one symbol ("Xx", "X.X."), else runs are cut at four and the
/// shape at eight symbols ("Xxxx", "dddd-dd").
pub(crate) fn shape(word: &str, short: bool, out: &mut String) {
    out.clear();
    let mut last = '\0';
    let mut run = 0;
    for c in word.chars() {
        let m = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c == '\u{2019}' || c == '\u{2018}' {
            '\''
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if m == last {
            run += 1;
            if short || run >= 4 {
                continue;
            }
        } else {
            run = 0;
        }
        last = m;
        out.push(m);
        if !short && out.len() >= 8 {
            break;
        }
    }
}

/// Template numbers; each feature kind hashes with its own.
mod t {
    pub const BIAS: u8 = 0;
    pub const LOW: u8 = 1;
    pub const WORD: u8 = 2;
    pub const SHAPE: u8 = 3;
    pub const SHORT: u8 = 4;
    pub const PREFIX: u8 = 5;
    pub const SUFFIX: u8 = 9;
    pub const INITIAL: u8 = 13;
    pub const SHOUT: u8 = 14;
    pub const CTX_LOW: u8 = 15;
    pub const CTX_SHAPE: u8 = 19;
    pub const BIGRAM_L: u8 = 23;
    pub const BIGRAM_R: u8 = 24;
    pub const SHAPE3: u8 = 25;
    pub const PREV_LOW_SHAPE: u8 = 26;
    pub const NEXT_LOW_SHAPE: u8 = 27;
    pub const GAZ: u8 = 28;
    pub const GAZ_CTX: u8 = 29;
    pub const GAZ_SPAN: u8 = 31;
    pub const LEX: u8 = 32;
    pub const RULE: u8 = 33;
    pub const DOC: u8 = 34;
    pub const HIST: u8 = 35;
    pub const LOW_INITIAL: u8 = 36;
    pub const LEN: u8 = 37;
}

/// Gazetteer kinds used as features, with their names.
const GAZ_KINDS: [(u16, &str); 9] = [
    (gazetteer::COUNTRY, "country"),
    (gazetteer::CITY, "city"),
    (gazetteer::REGION, "region"),
    (gazetteer::DEMONYM, "demonym"),
    (gazetteer::ORG, "org"),
    (gazetteer::FIRST, "first"),
    (gazetteer::LAST, "last"),
    (gazetteer::PERSON, "person"),
    (gazetteer::HONORIFIC, "honorific"),
];

/// The static features of every token of a document, flattened.
pub(crate) struct DocFeatures {
    /// All feature ids, token after token.
    pub ids: Vec<u32>,
    /// Token `k`'s features are `ids[starts[k]..starts[k + 1]]`.
    pub starts: Vec<usize>,
}

impl DocFeatures {
    /// The static features of token `k`.
    pub(crate) fn of(&self, k: usize) -> &[u32] {
        match (self.starts.get(k), self.starts.get(k + 1)) {
            (Some(&a), Some(&b)) => self.ids.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// True when the token's shape can start or continue a name.
fn capitalised(shape: Shape) -> bool {
    matches!(
        shape,
        Shape::Title | Shape::Upper | Shape::Dotted | Shape::Mixed
    )
}

/// For each token, the longest gazetteer name covering it: (flags, BILOU position 0..4).
fn gazetteer_spans(doc: &Doc<'_>, ranges: &[(usize, usize)]) -> Vec<(u16, u8, usize)> {
    let n = doc.toks.len();
    let mut out = vec![(0u16, 0u8, 0usize); n];
    let mut buf = String::new();
    for &(a, b) in ranges {
        for i in a..b {
            if !doc.toks.get(i).is_some_and(|t| capitalised(t.shape)) {
                continue;
            }
            let max = (b - i).min(GAZETTEER.max_len);
            let hit = (1..=max)
                .rev()
                .find_map(|l| doc.lookup(i, i + l, &mut buf).map(|e| (l, e.flags)));
            let Some((l, flags)) = hit else { continue };
            if flags == 0 {
                continue;
            }
            for (k, slot) in out.iter_mut().enumerate().skip(i).take(l) {
                if slot.2 >= l {
                    continue;
                }
                let pos = if l == 1 {
                    3
                } else if k == i {
                    0
                } else if k + 1 == i + l {
                    2
                } else {
                    1
                };
                *slot = (flags, pos, l);
            }
        }
    }
    out
}

/// For each token, the rule tagger's (type, BILOU position), when it has one.
fn rule_spans(doc: &Doc<'_>, rules: &[Mention]) -> Vec<Option<(&'static str, u8)>> {
    let mut out = vec![None; doc.toks.len()];
    for m in rules {
        let Some(ty) = m.ty else { continue };
        let name = ty.as_str();
        let len = m.tj.saturating_sub(m.ti);
        for k in m.ti..m.tj.min(out.len()) {
            let pos = if len == 1 {
                3
            } else if k == m.ti {
                0
            } else if k + 1 == m.tj {
                2
            } else {
                1
            };
            out[k] = Some((name, pos));
        }
    }
    out
}

/// Document-wide word statistics for the "elsewhere in the document" features.
struct DocWords<'d> {
    /// Lowercased words seen in lowercase.
    lower: HashSet<&'d str>,
    /// Lowercased words seen capitalised, not sentence-initial, outside headlines.
    cap_mid: HashSet<&'d str>,
}

impl<'d> DocWords<'d> {
    fn new(doc: &'d Doc<'_>) -> Self {
        let mut lower = HashSet::default();
        let mut cap_mid = HashSet::default();
        for (k, t) in doc.toks.iter().enumerate() {
            match t.shape {
                Shape::Lower => {
                    lower.insert(doc.low(k));
                }
                Shape::Title | Shape::Mixed | Shape::Dotted | Shape::Upper
                    if !t.sent_initial && !t.shout =>
                {
                    cap_mid.insert(doc.low(k));
                }
                _ => {}
            }
        }
        DocWords { lower, cap_mid }
    }
}

/// The rule tagger's linked mentions of `doc`, which [`doc_features`] takes as features.
pub(crate) fn rule_mentions(doc: &Doc<'_>) -> Vec<Mention> {
    link::link(doc, rules::RuleTagger.mentions(doc))
}

/// Computes the static features of every token of `doc`, given its rule mentions.
pub(crate) fn doc_features(doc: &Doc<'_>, rules: &[Mention]) -> DocFeatures {
    let ranges = doc.sentence_ranges();
    let gaz = gazetteer_spans(doc, &ranges);
    let rules = rule_spans(doc, rules);
    let words = DocWords::new(doc);
    let n = doc.toks.len();
    let mut ids = Vec::with_capacity(n * 48);
    let mut starts = Vec::with_capacity(n + 1);
    // Shapes, computed once.
    let mut buf = String::new();
    let shapes: Vec<(String, String)> = (0..n)
        .map(|k| {
            let w = doc.text(k);
            shape(w, false, &mut buf);
            let long = buf.clone();
            shape(w, true, &mut buf);
            (long, buf.clone())
        })
        .collect();
    let pos_names = ["B", "I", "L", "U"];
    for &(a, b) in &ranges {
        let low_at = |k: isize| -> &str {
            if k < a as isize {
                "<s>"
            } else if k >= b as isize {
                "</s>"
            } else {
                doc.low(k as usize)
            }
        };
        let short_at = |k: isize| -> &str {
            if k < a as isize {
                "<s>"
            } else if k >= b as isize {
                "</s>"
            } else {
                shapes.get(k as usize).map_or("", |s| s.1.as_str())
            }
        };
        for i in a..b.min(n) {
            starts.push(ids.len());
            let ii = i as isize;
            let tok = doc.toks[i];
            let word = doc.text(i);
            let low = doc.low(i);
            let (long, short) = (&shapes[i].0, &shapes[i].1);
            ids.push(feat(t::BIAS, ""));
            ids.push(feat(t::LOW, low));
            if word != low {
                ids.push(feat(t::WORD, word));
            }
            ids.push(feat(t::SHAPE, long));
            ids.push(feat(t::SHORT, short));
            let nchars = word.chars().count();
            let mut ends = word.char_indices().skip(1).map(|(o, _)| o);
            let mut starts_back = word.char_indices().rev().map(|(o, _)| o);
            for k in 1..=4usize.min(nchars) {
                let end = ends.next().unwrap_or(word.len());
                ids.push(feat(t::PREFIX + k as u8 - 1, &word[..end]));
                let start = starts_back.next().unwrap_or(0);
                ids.push(feat(
                    t::SUFFIX + k as u8 - 1,
                    low.get(start..).unwrap_or(""),
                ));
            }
            ids.push(feat_n(t::LEN, nchars.min(12) as u32));
            if tok.sent_initial {
                ids.push(feat(t::INITIAL, short));
                ids.push(feat(t::LOW_INITIAL, low));
            }
            if tok.shout {
                ids.push(feat(t::SHOUT, short));
            }
            for (slot, off) in [-2isize, -1, 1, 2].into_iter().enumerate() {
                ids.push(feat(t::CTX_LOW + slot as u8, low_at(ii + off)));
                ids.push(feat(t::CTX_SHAPE + slot as u8, short_at(ii + off)));
            }
            ids.push(feat2(t::BIGRAM_L, low_at(ii - 1), low));
            ids.push(feat2(t::BIGRAM_R, low, low_at(ii + 1)));
            ids.push(
                H::new(t::SHAPE3)
                    .str(short_at(ii - 1))
                    .str(short)
                    .str(short_at(ii + 1))
                    .finish(),
            );
            ids.push(feat2(t::PREV_LOW_SHAPE, low_at(ii - 1), short));
            ids.push(feat2(t::NEXT_LOW_SHAPE, short, low_at(ii + 1)));
            // Gazetteers: the token alone, its neighbours, and the longest name covering it.
            for (slot, k) in [(0u8, ii), (1, ii - 1), (2, ii + 1)] {
                let Some(flags) = (k >= a as isize && k < b as isize)
                    .then(|| doc.toks.get(k as usize).map(|t| t.gaz))
                    .flatten()
                else {
                    continue;
                };
                for &(bit, name) in &GAZ_KINDS {
                    if flags & bit != 0 {
                        ids.push(feat2(
                            if slot == 0 { t::GAZ } else { t::GAZ_CTX },
                            name,
                            ["", "p", "n"][usize::from(slot)],
                        ));
                    }
                }
            }
            let (gflags, gpos, glen) = gaz[i];
            if glen > 0 {
                let pos = pos_names[usize::from(gpos)];
                for &(bit, name) in &GAZ_KINDS {
                    if gflags & bit != 0 {
                        ids.push(feat2(t::GAZ_SPAN, name, pos));
                    }
                }
            }
            // Word lists.
            let mut lex = |name: &str, on: bool| {
                if on {
                    ids.push(feat(t::LEX, name));
                }
            };
            lex("title", TITLE_SET.has(low));
            lex("title-1", TITLE_SET.has(low_at(ii - 1)));
            lex("orghead", ORG_HEAD_SET.has(low));
            lex("orghead+1", ORG_HEAD_SET.has(low_at(ii + 1)));
            lex("placehead", PLACE_HEAD_SET.has(low));
            lex("placehead+1", PLACE_HEAD_SET.has(low_at(ii + 1)));
            lex("say+1", SAY_SET.has(low_at(ii + 1)));
            lex("orgcue+1", ORG_CUE_SET.has(low_at(ii + 1)));
            lex("stop", STOP_SET.has(low));
            lex("calendar", CALENDAR_SET.has(low));
            lex(
                "legal",
                capitalised(tok.shape) && GAZETTEER.is_legal_suffix(low),
            );
            // The rule tagger's opinion.
            if let Some((ty, pos)) = rules[i] {
                ids.push(feat2(t::RULE, ty, pos_names[usize::from(pos)]));
                ids.push(feat(t::RULE, ty));
            }
            // Elsewhere in the document.
            if capitalised(tok.shape) {
                if words.lower.contains(low) {
                    ids.push(feat(t::DOC, "lower"));
                }
                if words.cap_mid.contains(low) {
                    ids.push(feat(t::DOC, if tok.shout { "shout-cap" } else { "cap" }));
                }
            }
        }
    }
    // Tokens outside every sentence range (none in practice) get no features.
    while starts.len() < n {
        starts.push(ids.len());
    }
    starts.push(ids.len());
    DocFeatures { ids, starts }
}

/// The key under which token `k` enters the document history: its lowercased text, for
/// capitalised tokens only.
pub(crate) fn history_key<'d>(doc: &'d Doc<'_>, k: usize) -> Option<&'d str> {
    doc.toks
        .get(k)
        .is_some_and(|t| capitalised(t.shape))
        .then(|| doc.low(k))
}

/// The entity types each word was tagged with earlier in the document.
#[derive(Default)]
pub(crate) struct History {
    seen: HashMap<String, [u16; TYPES + 1]>,
}

impl History {
    /// Records that the word `key` was tagged `ty` (0 = outside, else 1 + type index).
    pub(crate) fn record(&mut self, key: &str, ty: usize) {
        let counts = match self.seen.get_mut(key) {
            Some(c) => c,
            None => self.seen.entry(key.to_string()).or_default(),
        };
        if let Some(c) = counts.get_mut(ty) {
            *c = c.saturating_add(1);
        }
    }

    /// Appends the history features of the word `key` to `out`.
    pub(crate) fn features(&self, key: &str, out: &mut Vec<u32>) {
        let Some(counts) = self.seen.get(key) else {
            return;
        };
        let mut best = (0u16, 0usize);
        for (ty, &c) in counts.iter().enumerate() {
            if c > 0 {
                out.push(feat_n(t::HIST, ty as u32));
            }
            if c > best.0 {
                best = (c, ty);
            }
        }
        out.push(feat_n(t::HIST, 100 + best.1 as u32));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(word: &str) -> (String, String) {
        let mut a = String::new();
        let mut b = String::new();
        shape(word, false, &mut a);
        shape(word, true, &mut b);
        (a, b)
    }

    #[test]
    fn word_shapes() {
        assert_eq!(shapes("Washington"), ("Xxxxx".into(), "Xx".into()));
        assert_eq!(shapes("NATO"), ("XXXX".into(), "X".into()));
        assert_eq!(shapes("U.S."), ("X.X.".into(), "X.X.".into()));
        assert_eq!(shapes("1996-08-22"), ("dddd-dd-".into(), "d-d-d".into()));
        assert_eq!(shapes("Tae-yul"), ("Xxx-xxx".into(), "Xx-x".into()));
        assert_eq!(shapes(""), (String::new(), String::new()));
    }

    #[test]
    fn features_are_stable_and_contextual() {
        let mut buf = String::new();
        let doc = Doc::from_sentences(
            &[&["Mr.", "Borrell", "visited", "Seoul", "."][..]],
            &mut buf,
        );
        let f = doc_features(&doc, &rule_mentions(&doc));
        assert_eq!(f.starts.len(), doc.toks.len() + 1);
        let seoul = f.of(3);
        assert!(seoul.contains(&feat(t::LOW, "seoul")));
        assert!(seoul.contains(&feat(t::SHORT, "Xx")));
        assert!(seoul.contains(&feat(t::CTX_LOW + 1, "visited")));
        assert!(seoul.contains(&feat2(t::GAZ_SPAN, "city", "U")));
        assert!(f.of(1).contains(&feat(t::LEX, "title-1")));
        assert!(f.of(99).is_empty());
        // Same input, same ids.
        assert_eq!(doc_features(&doc, &rule_mentions(&doc)).ids, f.ids);
    }

    #[test]
    fn history_features() {
        let mut buf = String::new();
        let doc = Doc::from_sentences(
            &[&["Borrell", "said"][..], &["Borrell", "left"][..]],
            &mut buf,
        );
        let mut h = History::default();
        let mut out = Vec::new();
        let key = history_key(&doc, 2).unwrap_or_default();
        assert_eq!(key, "borrell");
        assert_eq!(history_key(&doc, 1), None);
        h.features(key, &mut out);
        assert!(out.is_empty());
        h.record("borrell", 1);
        h.features(key, &mut out);
        assert!(out.contains(&feat_n(t::HIST, 101)));
    }
}
