//! Feature extraction for the entity model: hashed indicator features per token.
//!
//! Static features come from the token and its sentence: the word (exact and lowercased), its
//! shape, prefixes and suffixes, the words and shapes two tokens either side, capitalisation in
//! context (sentence-initial, headline), gazetteer and word-list membership (also multi-token
//! gazetteer names, with the token's BILOU position inside them), the rule tagger's typed spans,
//! document-level cues (the word also occurs lowercase, or capitalised mid-sentence, elsewhere
//! in the document), and the word clusters (learned from unlabeled text, see `clusters`) of the
//! token and of its neighbours. Dynamic features come from [`History`]: the types this word was tagged with
//! earlier in the same document (Ratinov & Roth 2009). Every feature is a 32-bit hash of a
//! template number and its strings; the model folds it into its weight table.

// Fx hashing: these maps are probed for every token, and keys are not attacker-chosen
// in a way that matters for a batch tool.

use std::rc::Rc;

use rustc_hash::FxHashMap as HashMap;

use crate::gazetteer::{self, GAZETTEER};
use crate::lexicon::{
    CALENDAR_SET, ORG_CUE_SET, ORG_HEAD_SET, PLACE_HEAD_SET, SAY_SET, STOP_SET, TITLE_SET,
};

use super::clusters::Clusters;
use super::doc::{Doc, Shape};
use super::perceptron::{Model, NT};
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
    pub const CLUSTER: u8 = 38;
    pub const CTX_CLUSTER: u8 = 39;
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
            let max = doc.name_reach(i, (b - i).min(GAZETTEER.max_len), &mut buf);
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

/// The rule tagger's linked mentions of `doc`, which [`doc_features`] takes as features.
pub(crate) fn rule_mentions(doc: &Doc<'_>) -> Vec<Mention> {
    link::link(doc, rules::RuleTagger.mentions(doc))
}

/// Pushes the `template` features of a word's cluster ids (one per granularity); a word without
/// clusters gets one "unknown" feature when `unknown`.
fn cluster_feats(ids: &mut Vec<u32>, template: u8, classes: Option<&[u16]>, unknown: bool) {
    match classes {
        Some(cls) => {
            for (g, &c) in cls.iter().enumerate() {
                ids.push(feat_n(template, (g as u32) << 16 | u32::from(c)));
            }
        }
        None if unknown => ids.push(feat_n(template, u32::MAX)),
        None => {}
    }
}

/// Pushes the `template` features of gazetteer `flags` with the suffix `tail`.
fn gaz_feats(ids: &mut Vec<u32>, template: u8, flags: u16, tail: &str) {
    for &(bit, name) in &GAZ_KINDS {
        if flags & bit != 0 {
            ids.push(feat2(template, name, tail));
        }
    }
}

/// Context slots: the words two and one before the token, one and two after.
const SLOTS: usize = 4;
/// Feature blocks per distinct word: the word as the token itself, then in each context slot.
const BLOCKS: usize = 1 + SLOTS;
/// The word index of the sentence-start marker (`<s>`); `</s>` is the next one.
const START: u32 = 0;
/// The word index of the sentence-end marker (`</s>`).
const END: u32 = 1;
/// No word: no features.
const NONE: u32 = u32::MAX;

/// What a distinct word (or a sentence boundary marker) lends the features of the tokens around
/// it besides its feature blocks: its short shape and the hash states that the features pairing
/// it with a neighbour continue from.
struct WordInfo {
    /// Its short shape (or the marker).
    short: Box<str>,
    /// `BIGRAM_L` after this word as the previous one.
    bigram_l: H,
    /// `BIGRAM_R` after this word as the token.
    bigram_r: H,
    /// `SHAPE3` after this word's shape as the previous one.
    shape3: H,
    /// `PREV_LOW_SHAPE` after this word as the previous one.
    prev_low_shape: H,
    /// `NEXT_LOW_SHAPE` after this word's shape as the token.
    next_low_shape: H,
    /// Sentence-initial features (`INITIAL`, `LOW_INITIAL`).
    initial: [u32; 2],
    /// The headline feature (`SHOUT`).
    shout: u32,
}

/// Working space for [`word_features`]: the long and short shapes.
type Scratch = (String, String);

/// The features of a word (`None`: the boundary marker `low`): appends the ids of its own
/// feature block and of its context blocks to `ids`, and returns its info and where each block
/// ends in `ids`. A word's features depend only on its text (`low`, `gaz` and `cap` follow from
/// it), which is what lets the tagger reuse them across documents.
fn word_features(
    text: Option<&str>,
    low: &str,
    gaz: u16,
    cap: bool,
    clusters: &Clusters,
    scratch: &mut Scratch,
    ids: &mut Vec<u32>,
) -> (WordInfo, [usize; BLOCKS]) {
    let mut ends = [0; BLOCKS];
    let marker = text.is_none();
    let text = text.unwrap_or("");
    let (long, short): (&str, &str) = if marker {
        ("", low)
    } else {
        shape(text, false, &mut scratch.0);
        shape(text, true, &mut scratch.1);
        (&scratch.0, &scratch.1)
    };
    let classes = if marker { None } else { clusters.get(text) };
    // Word-list membership, looked up once for the word and its context slots.
    let title = TITLE_SET.has(low);
    let org_head = ORG_HEAD_SET.has(low);
    let place_head = PLACE_HEAD_SET.has(low);
    // The word itself.
    if !marker {
        ids.push(feat(t::BIAS, ""));
        ids.push(feat(t::LOW, low));
        if text != low {
            ids.push(feat(t::WORD, text));
        }
        ids.push(feat(t::SHAPE, long));
        ids.push(feat(t::SHORT, short));
        let nchars = text.chars().count();
        let mut ends = text.char_indices().skip(1).map(|(o, _)| o);
        let mut starts_back = text.char_indices().rev().map(|(o, _)| o);
        for k in 1..=4usize.min(nchars) {
            let end = ends.next().unwrap_or(text.len());
            ids.push(feat(t::PREFIX + k as u8 - 1, &text[..end]));
            let start = starts_back.next().unwrap_or(0);
            ids.push(feat(
                t::SUFFIX + k as u8 - 1,
                low.get(start..).unwrap_or(""),
            ));
        }
        ids.push(feat_n(t::LEN, nchars.min(12) as u32));
        gaz_feats(ids, t::GAZ, gaz, "");
        let mut lex = |name: &str, on: bool| {
            if on {
                ids.push(feat(t::LEX, name));
            }
        };
        lex("title", title);
        lex("orghead", org_head);
        lex("placehead", place_head);
        lex("stop", STOP_SET.has(low));
        lex("calendar", CALENDAR_SET.has(low));
        lex("legal", cap && GAZETTEER.is_legal_suffix(low));
        cluster_feats(ids, t::CLUSTER, classes, true);
    }
    ends[0] = ids.len();
    // The word in each context slot.
    for slot in 0..SLOTS {
        ids.push(feat(t::CTX_LOW + slot as u8, low));
        ids.push(feat(t::CTX_SHAPE + slot as u8, short));
        cluster_feats(ids, t::CTX_CLUSTER + slot as u8, classes, false);
        let mut lex = |name: &str, on: bool| {
            if on {
                ids.push(feat(t::LEX, name));
            }
        };
        match slot {
            1 => {
                lex("title-1", title);
                gaz_feats(ids, t::GAZ_CTX, gaz, "p");
            }
            2 => {
                lex("orghead+1", org_head);
                lex("placehead+1", place_head);
                lex("say+1", SAY_SET.has(low));
                lex("orgcue+1", ORG_CUE_SET.has(low));
                gaz_feats(ids, t::GAZ_CTX, gaz, "n");
            }
            _ => {}
        }
        ends[1 + slot] = ids.len();
    }
    let info = WordInfo {
        short: short.into(),
        bigram_l: H::new(t::BIGRAM_L).str(low),
        bigram_r: H::new(t::BIGRAM_R).str(low),
        shape3: H::new(t::SHAPE3).str(short),
        prev_low_shape: H::new(t::PREV_LOW_SHAPE).str(low),
        next_low_shape: H::new(t::NEXT_LOW_SHAPE).str(short),
        initial: [feat(t::INITIAL, short), feat(t::LOW_INITIAL, low)],
        shout: feat(t::SHOUT, short),
    };
    (info, ends)
}

/// The distinct words of `doc` and each token's word: the boundary markers `<s>` and `</s>`
/// first ([`START`], [`END`]), then every distinct token text in order of first occurrence, each
/// made once by `make` (text, or `None` for a marker; the lowercased text; its gazetteer flags;
/// whether it is capitalised) and paired with its lowercased text.
fn distinct_words<'d, W>(
    doc: &'d Doc<'_>,
    mut make: impl FnMut(Option<&'d str>, &'d str, u16, bool) -> W,
) -> (Vec<(&'d str, W)>, Vec<u32>) {
    let n = doc.toks.len();
    let mut words = Vec::with_capacity(n + 2);
    for marker in ["<s>", "</s>"] {
        words.push((marker, make(None, marker, 0, false)));
    }
    // Room for every token to be a new word, so that the map never grows (short sentences,
    // the CoNLL path, are mostly distinct words).
    let mut index: HashMap<&str, u32> = HashMap::with_capacity_and_hasher(n, Default::default());
    let mut word_of = Vec::with_capacity(n);
    for (k, tok) in doc.toks.iter().enumerate() {
        let text = doc.text(k);
        let w = *index.entry(text).or_insert_with(|| {
            let low = doc.low(k);
            words.push((low, make(Some(text), low, tok.gaz, capitalised(tok.shape))));
            (words.len() - 1) as u32
        });
        word_of.push(w);
    }
    (words, word_of)
}

/// The features of each token that depend on its position: its word and the words in its
/// context slots (whose blocks it takes), and its own feature ids.
struct Tokens {
    /// Per token: its word, then the words in its context slots.
    words: Vec<[u32; BLOCKS]>,
    /// Per-token features: token `k`'s are `ids[starts[k]..starts[k + 1]]`.
    ids: Vec<u32>,
    starts: Vec<u32>,
}

impl Tokens {
    fn ids(&self, k: usize) -> &[u32] {
        match (self.starts.get(k), self.starts.get(k + 1)) {
            (Some(&a), Some(&b)) => self.ids.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// Computes the position-dependent features of every token of `doc`, given its rule mentions,
/// its distinct words (lowercased text and info, from [`distinct_words`]) and each token's word.
fn token_features(
    doc: &Doc<'_>,
    rules: &[Mention],
    words: &[(&str, &WordInfo)],
    word_of: &[u32],
) -> Tokens {
    let ranges = doc.sentence_ranges();
    let gaz = gazetteer_spans(doc, &ranges);
    let rules = rule_spans(doc, rules);
    let n = doc.toks.len();
    // Document-wide word statistics for the "elsewhere in the document" features, by
    // lowercased word: seen in lowercase, seen capitalised mid-sentence outside headlines.
    let mut lows: HashMap<&str, u32> =
        HashMap::with_capacity_and_hasher(words.len(), Default::default());
    let low_ids: Vec<u32> = words
        .iter()
        .enumerate()
        .map(|(w, &(low, _))| {
            if w < 2 {
                return 0;
            }
            let next = lows.len() as u32;
            *lows.entry(low).or_insert(next)
        })
        .collect();
    let mut seen_lower = vec![false; lows.len()];
    let mut seen_cap_mid = vec![false; lows.len()];
    for (tok, &w) in doc.toks.iter().zip(word_of) {
        let low_id = low_ids.get(w as usize).copied().unwrap_or(0) as usize;
        match tok.shape {
            Shape::Lower => seen_lower[low_id] = true,
            Shape::Title | Shape::Mixed | Shape::Dotted | Shape::Upper
                if !tok.sent_initial && !tok.shout =>
            {
                seen_cap_mid[low_id] = true;
            }
            _ => {}
        }
    }
    let pos_names = ["B", "I", "L", "U"];
    let mut out = Tokens {
        words: Vec::with_capacity(n),
        ids: Vec::with_capacity(n * 10),
        starts: Vec::with_capacity(n + 1),
    };
    let ids = &mut out.ids;
    for &(a, b) in &ranges {
        let word_at = |k: isize| -> u32 {
            if k < a as isize {
                START
            } else if k >= b as isize {
                END
            } else {
                word_of.get(k as usize).copied().unwrap_or(END)
            }
        };
        for i in a..b.min(n) {
            out.starts.push(ids.len() as u32);
            let ii = i as isize;
            let tok = doc.toks[i];
            let (p2, p1, w, n1, n2) = (
                word_at(ii - 2),
                word_at(ii - 1),
                word_of[i],
                word_at(ii + 1),
                word_at(ii + 2),
            );
            out.words.push([w, p2, p1, n1, n2]);
            let ((low, word), (_, prev), (next_low, next)) =
                (words[w as usize], words[p1 as usize], words[n1 as usize]);
            let short = &*word.short;
            if tok.sent_initial {
                ids.extend_from_slice(&word.initial);
            }
            if tok.shout {
                ids.push(word.shout);
            }
            ids.push(prev.bigram_l.str(low).finish());
            ids.push(word.bigram_r.str(next_low).finish());
            ids.push(prev.shape3.str(short).str(&next.short).finish());
            ids.push(prev.prev_low_shape.str(short).finish());
            ids.push(word.next_low_shape.str(next_low).finish());
            let (gflags, gpos, glen) = gaz[i];
            if glen > 0 {
                gaz_feats(ids, t::GAZ_SPAN, gflags, pos_names[usize::from(gpos)]);
            }
            // The rule tagger's opinion.
            if let Some((ty, pos)) = rules[i] {
                ids.push(feat2(t::RULE, ty, pos_names[usize::from(pos)]));
                ids.push(feat(t::RULE, ty));
            }
            // Elsewhere in the document.
            if capitalised(tok.shape) {
                let low_id = low_ids[w as usize] as usize;
                if seen_lower[low_id] {
                    ids.push(feat(t::DOC, "lower"));
                }
                if seen_cap_mid[low_id] {
                    ids.push(feat(t::DOC, if tok.shout { "shout-cap" } else { "cap" }));
                }
            }
        }
    }
    // Tokens outside every sentence range (none in practice) get no features.
    while out.words.len() < n {
        out.starts.push(ids.len() as u32);
        out.words.push([NONE; BLOCKS]);
    }
    out.starts.push(ids.len() as u32);
    out
}

/// Computes the static features of every token of `doc`, given its rule mentions and the word
/// clusters (the form training uses).
///
/// Within a token the features come in no particular order (scores are sums and training
/// updates each feature's row alike), but the set and the order of them are fixed.
pub(crate) fn doc_features(doc: &Doc<'_>, rules: &[Mention], clusters: &Clusters) -> DocFeatures {
    let mut scratch = Scratch::default();
    // Block `b` of word `w` is `word_ids[word_starts[w * BLOCKS + b]..word_starts[w * BLOCKS + b + 1]]`.
    let mut word_ids = Vec::with_capacity(doc.toks.len() * 20);
    let mut word_starts = vec![0];
    let (words, word_of) = distinct_words(doc, |text, low, gaz, cap| {
        let (info, ends) =
            word_features(text, low, gaz, cap, clusters, &mut scratch, &mut word_ids);
        word_starts.extend(ends);
        info
    });
    let view: Vec<(&str, &WordInfo)> = words.iter().map(|(low, w)| (*low, w)).collect();
    let tokens = token_features(doc, rules, &view, &word_of);
    let block = |w: u32, b: usize| -> &[u32] {
        let i = w as usize * BLOCKS + b;
        match (word_starts.get(i), word_starts.get(i + 1)) {
            (Some(&a), Some(&b)) => word_ids.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    };
    let n = tokens.words.len();
    let mut ids = Vec::with_capacity(n * 48);
    let mut starts = Vec::with_capacity(n + 1);
    for (k, ws) in tokens.words.iter().enumerate() {
        starts.push(ids.len());
        for (b, &w) in ws.iter().enumerate() {
            ids.extend_from_slice(block(w, b));
        }
        ids.extend_from_slice(tokens.ids(k));
    }
    starts.push(ids.len());
    DocFeatures { ids, starts }
}

/// A distinct word scored by a model: its info and the summed weights of each of its blocks.
struct ScoredWord {
    info: WordInfo,
    sums: [[i32; NT]; BLOCKS],
}

impl ScoredWord {
    /// Featurises and scores a word (see [`word_features`]).
    fn new(
        text: Option<&str>,
        low: &str,
        (gaz, cap): (u16, bool),
        clusters: &Clusters,
        model: &Model,
        scratch: &mut (Scratch, Vec<u32>),
    ) -> Self {
        let ids = &mut scratch.1;
        ids.clear();
        let (info, ends) = word_features(text, low, gaz, cap, clusters, &mut scratch.0, ids);
        let mut sums = [[0i32; NT]; BLOCKS];
        let mut start = 0;
        for (sum, end) in sums.iter_mut().zip(ends) {
            model.add_rows(ids.get(start..end).unwrap_or(&[]), sum);
            start = end;
        }
        ScoredWord { info, sums }
    }
}

/// Words this many times over are kept per generation of a [`WordCache`].
const CACHE_WORDS: usize = 16_384;

/// Scored words kept across documents, so that common words are featurised and scored once
/// rather than once per document. Only for one model and cluster table: a word's scores depend
/// on nothing else but its text.
///
/// Two generations bound its size (about 17 MB at most): words go into the new one; when it is
/// full it becomes the old one, and the words of the old one that are used again move back.
/// The generations are stamps on the entries of one map, so that moving a word back is
/// rewriting its stamp rather than taking it out of one map and putting it in another.
#[derive(Default)]
pub(crate) struct WordCache {
    /// Each word's scores and the generation it was last put in.
    words: HashMap<Box<str>, (Rc<ScoredWord>, u32)>,
    /// The new generation.
    new: u32,
    /// How many words the new generation holds.
    fresh: usize,
}

impl WordCache {
    /// The scored word `text`, made by `make` unless it is kept.
    fn get(&mut self, text: &str, make: impl FnOnce() -> ScoredWord) -> Rc<ScoredWord> {
        let new = self.new;
        if let Some((w, generation)) = self.words.get_mut(text) {
            if *generation == new {
                return Rc::clone(w);
            }
            *generation = new;
            let w = Rc::clone(w);
            self.joined(text);
            return w;
        }
        let w = Rc::new(make());
        self.words.insert(text.into(), (Rc::clone(&w), new));
        self.joined(text);
        w
    }

    /// Counts the word `text`, just put in the new generation, into it. When that makes the
    /// generation overflow, it becomes the old one (the old one goes) and `text` starts a new
    /// one.
    fn joined(&mut self, text: &str) {
        self.fresh += 1;
        if self.fresh <= CACHE_WORDS {
            return;
        }
        let old = self.new;
        self.new = old.wrapping_add(1);
        self.fresh = 1;
        let new = self.new;
        if let Some((_, generation)) = self.words.get_mut(text) {
            *generation = new;
        }
        self.words
            .retain(|_, &mut (_, generation)| generation == new || generation == old);
    }
}

/// Each token's summed static emission weights under `model` (see [`Model::add_rows`]), with
/// the words' scores taken from `cache` (which must belong to `model` and `clusters`) when one
/// is given.
pub(crate) fn static_sums(
    doc: &Doc<'_>,
    rules: &[Mention],
    clusters: &Clusters,
    model: &Model,
    mut cache: Option<&mut WordCache>,
) -> Vec<[i32; NT]> {
    // A word has a few dozen feature ids: room for them up front rather than growing into it
    // for the first new word of every document.
    let mut scratch = (Scratch::default(), Vec::with_capacity(128));
    let (words, word_of) = distinct_words(doc, |text, low, gaz, cap| {
        let mut make = || ScoredWord::new(text, low, (gaz, cap), clusters, model, &mut scratch);
        match (text, cache.as_deref_mut()) {
            (Some(text), Some(cache)) => cache.get(text, make),
            _ => Rc::new(make()),
        }
    });
    let view: Vec<(&str, &WordInfo)> = words.iter().map(|(low, w)| (*low, &w.info)).collect();
    let tokens = token_features(doc, rules, &view, &word_of);
    tokens
        .words
        .iter()
        .enumerate()
        .map(|(k, ws)| {
            let mut acc = block_sums(&words, ws);
            model.add_rows(tokens.ids(k), &mut acc);
            acc
        })
        .collect()
}

/// The summed block scores of a token's words (`ws`: its word, then the words in its context
/// slots; a missing word adds nothing). The blocks are looked up first and added after, so that
/// no lookup sits between the additions and the compiler keeps them vectorised.
fn block_sums(words: &[(&str, Rc<ScoredWord>)], ws: &[u32; BLOCKS]) -> [i32; NT] {
    const ZERO: [i32; NT] = [0; NT];
    let blocks: [&[i32; NT]; BLOCKS] = std::array::from_fn(|b| {
        ws.get(b)
            .and_then(|&w| words.get(w as usize))
            .and_then(|(_, word)| word.sums.get(b))
            .unwrap_or(&ZERO)
    });
    let mut acc = [0i32; NT];
    for block in blocks {
        for (a, &x) in acc.iter_mut().zip(block) {
            *a += x;
        }
    }
    acc
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
pub(crate) struct History<'k> {
    seen: HashMap<&'k str, [u16; TYPES + 1]>,
}

impl<'k> History<'k> {
    /// Records that the word `key` was tagged `ty` (0 = outside, else 1 + type index).
    pub(crate) fn record(&mut self, key: &'k str, ty: usize) {
        if let Some(c) = self.seen.entry(key).or_default().get_mut(ty) {
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
        let f = doc_features(&doc, &rule_mentions(&doc), &Clusters::default());
        assert_eq!(f.starts.len(), doc.toks.len() + 1);
        let seoul = f.of(3);
        assert!(seoul.contains(&feat(t::LOW, "seoul")));
        assert!(seoul.contains(&feat(t::SHORT, "Xx")));
        assert!(seoul.contains(&feat(t::CTX_LOW + 1, "visited")));
        assert!(seoul.contains(&feat2(t::GAZ_SPAN, "city", "U")));
        assert!(f.of(1).contains(&feat(t::LEX, "title-1")));
        assert!(f.of(99).is_empty());
        // Same input, same ids.
        assert_eq!(
            doc_features(&doc, &rule_mentions(&doc), &Clusters::default()).ids,
            f.ids
        );
    }

    #[test]
    fn cached_word_scores_are_the_same() {
        let Some(model) = super::super::model::MODEL.as_ref() else {
            return;
        };
        let clusters = &*super::super::clusters::CLUSTERS;
        let doc = Doc::new("Mr. Borrell visited Seoul. Borrell met NATO officials in Seoul.");
        let rules = rule_mentions(&doc);
        let plain = static_sums(&doc, &rules, clusters, model, None);
        let mut cache = WordCache::default();
        // Cold, then warm.
        for _ in 0..2 {
            let cached = static_sums(&doc, &rules, clusters, model, Some(&mut cache));
            assert_eq!(cached, plain);
        }
    }

    #[test]
    fn word_cache_keeps_two_generations() {
        let mut cache = WordCache::default();
        let mut made = 0;
        let mut get = |cache: &mut WordCache, word: &str| {
            cache.get(word, || {
                made += 1;
                let (info, _) = word_features(
                    None,
                    "<s>",
                    0,
                    false,
                    &Clusters::default(),
                    &mut Scratch::default(),
                    &mut Vec::new(),
                );
                ScoredWord {
                    info,
                    sums: [[0; NT]; BLOCKS],
                }
            });
            made
        };
        for i in 0..CACHE_WORDS {
            get(&mut cache, &format!("w{i}"));
        }
        assert_eq!(get(&mut cache, "w0"), CACHE_WORDS);
        // The next generation: the first word of it makes the w-words the old one.
        for i in 0..CACHE_WORDS {
            get(&mut cache, &format!("x{i}"));
        }
        assert_eq!(get(&mut cache, "w5"), 2 * CACHE_WORDS);
        // Moving "w5" back overflowed the x-generation, which became the old one: the other
        // w-words are gone, the x-words are kept, and so is "w5".
        assert_eq!(get(&mut cache, "w6"), 2 * CACHE_WORDS + 1);
        assert_eq!(get(&mut cache, "x3"), 2 * CACHE_WORDS + 1);
        assert_eq!(get(&mut cache, "w5"), 2 * CACHE_WORDS + 1);
        assert!(cache.words.len() <= 2 * CACHE_WORDS);
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
