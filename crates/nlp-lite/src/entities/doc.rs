//! The analysed document: tokens with the per-token features every tagger needs.
//!
//! Built once per text (or from pre-tokenized sentences, for CoNLL data): byte-offset tokens,
//! their shape, sentence position and single-token gazetteer flags. The rule tagger reads these,
//! and `features` computes the model's feature vectors from the same `Doc`.

use crate::gazetteer::{self, GAZETTEER};
use crate::lexicon::CALENDAR_SET;
use crate::sentences::byte_sentences;
use crate::tokens::byte_tokens;

/// The orthographic shape of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// "word"
    Lower,
    /// "Word", "Tae-yul", "J."
    Title,
    /// "NATO", "EU"
    Upper,
    /// Dotted abbreviation with capitals: "U.S.", "U.K."
    Dotted,
    /// Starts with a digit.
    Number,
    /// Punctuation or symbols.
    Punct,
    /// Anything else ("iPhone", "eBay").
    Mixed,
}

/// One token and its features.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    /// Byte offsets.
    pub s: usize,
    /// One past the last byte.
    pub e: usize,
    /// Orthographic shape.
    pub shape: Shape,
    /// First word of its sentence (after any opening quote or bracket).
    pub sent_initial: bool,
    /// Index of its sentence.
    pub sent: u32,
    /// Gazetteer flags of the token on its own.
    pub gaz: u16,
    /// In an all-capitals sentence (a headline), where capitals say nothing.
    pub shout: bool,
}

/// A tokenized document with features.
pub(crate) struct Doc<'a> {
    /// The text.
    pub text: &'a str,
    /// The text with ASCII letters lowercased (same byte offsets).
    pub lower: String,
    /// Tokens in order.
    pub toks: Vec<Tok>,
    /// Sentence byte spans.
    pub sentences: Vec<(usize, usize)>,
}

fn shape_of(t: &str) -> Shape {
    if t.is_ascii() {
        return ascii_shape(t.as_bytes());
    }
    let mut chars = t.chars();
    let Some(first) = chars.next() else {
        return Shape::Punct;
    };
    if first.is_numeric() {
        return Shape::Number;
    }
    if !first.is_alphabetic() {
        return Shape::Punct;
    }
    if first.is_lowercase() {
        return if t.chars().any(char::is_uppercase) {
            Shape::Mixed
        } else {
            Shape::Lower
        };
    }
    let letters = t.chars().filter(|c| c.is_alphabetic());
    let upper = letters.clone().filter(|c| c.is_uppercase()).count();
    let total = letters.count();
    if t.contains('.') && t.len() > 2 && upper >= 2 {
        return Shape::Dotted;
    }
    if total >= 2 && upper == total {
        return Shape::Upper;
    }
    Shape::Title
}

/// [`shape_of`] for ASCII text (most tokens), byte by byte: the same decisions, without
/// decoding characters or consulting Unicode tables.
fn ascii_shape(t: &[u8]) -> Shape {
    let Some(&first) = t.first() else {
        return Shape::Punct;
    };
    if first.is_ascii_digit() {
        return Shape::Number;
    }
    if !first.is_ascii_alphabetic() {
        return Shape::Punct;
    }
    if first.is_ascii_lowercase() {
        return if t.iter().any(u8::is_ascii_uppercase) {
            Shape::Mixed
        } else {
            Shape::Lower
        };
    }
    let upper = t.iter().filter(|b| b.is_ascii_uppercase()).count();
    let total = t.iter().filter(|b| b.is_ascii_alphabetic()).count();
    if t.contains(&b'.') && t.len() > 2 && upper >= 2 {
        return Shape::Dotted;
    }
    if total >= 2 && upper == total {
        return Shape::Upper;
    }
    Shape::Title
}

/// Marks the tokens of sentences written mostly in capitals.
fn mark_shouting(toks: &mut [Tok]) {
    let mut start = 0;
    while start < toks.len() {
        let sent = toks[start].sent;
        let end = start + toks[start..].iter().take_while(|t| t.sent == sent).count();
        let words = toks[start..end]
            .iter()
            .filter(|t| !matches!(t.shape, Shape::Punct | Shape::Number));
        let (n, upper) = words.fold((0, 0), |(n, u), t| {
            (n + 1, u + usize::from(t.shape == Shape::Upper))
        });
        if n >= 3 && upper * 10 >= n * 6 {
            for t in &mut toks[start..end] {
                t.shout = true;
            }
        }
        start = end.max(start + 1);
    }
}

impl<'a> Doc<'a> {
    /// Tokenizes and featurises `text`.
    pub(crate) fn new(text: &'a str) -> Self {
        let spans = byte_tokens(text);
        let sents = byte_sentences(text, &spans);
        Self::build(text, &spans, sents)
    }

    /// Featurises `text` tokenized as `spans` (byte offsets) and split into `sents`.
    fn build(text: &'a str, spans: &[(usize, usize)], sents: Vec<(usize, usize)>) -> Self {
        let lower = text.to_ascii_lowercase();
        let mut toks = Vec::with_capacity(spans.len());
        let mut si = 0usize;
        let mut seen_word = false;
        for &(s, e) in spans {
            while sents.get(si).is_some_and(|&(_, se)| se <= s) {
                si += 1;
                seen_word = false;
            }
            let t = text.get(s..e).unwrap_or("");
            let shape = shape_of(t);
            let word = !matches!(shape, Shape::Punct);
            let sent_initial = word && !seen_word;
            if word {
                seen_word = true;
            }
            let gaz = match shape {
                Shape::Title | Shape::Upper | Shape::Dotted | Shape::Mixed => lower
                    .get(s..e)
                    .and_then(|k| GAZETTEER.get(k))
                    .map_or(0, |entry| entry.flags),
                _ => 0,
            };
            toks.push(Tok {
                s,
                e,
                shape,
                sent_initial,
                sent: u32::try_from(si).unwrap_or(u32::MAX),
                gaz,
                shout: false,
            });
        }
        mark_shouting(&mut toks);
        Doc {
            text,
            lower,
            toks,
            sentences: sents,
        }
    }

    /// A document of pre-tokenized sentences, joined by spaces into `buf`; token `k` of the
    /// result is word `k` of the sentences in order, whatever characters it holds.
    pub(crate) fn from_sentences<S: AsRef<str>>(sentences: &[&[S]], buf: &'a mut String) -> Self {
        buf.clear();
        let mut spans = Vec::with_capacity(sentences.iter().map(|s| s.len()).sum());
        let mut sents = Vec::with_capacity(sentences.len());
        for words in sentences {
            let first = spans.len();
            for w in words.iter() {
                if !buf.is_empty() {
                    buf.push(' ');
                }
                let s = buf.len();
                buf.push_str(w.as_ref());
                spans.push((s, buf.len()));
            }
            if spans.len() > first {
                let s = spans.get(first).map_or(0, |x| x.0);
                sents.push((s, buf.len()));
            }
        }
        Self::build(buf.as_str(), &spans, sents)
    }

    /// Token index ranges of the sentences, in order.
    pub(crate) fn sentence_ranges(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            let sent = self.toks[i].sent;
            let j = i + self.toks[i..].iter().take_while(|t| t.sent == sent).count();
            out.push((i, j.max(i + 1)));
            i = j.max(i + 1);
        }
        out
    }

    /// The text of token `i` ("" past the end).
    pub(crate) fn text(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.s..t.e))
            .unwrap_or("")
    }

    /// The ASCII-lowercased text of token `i`.
    pub(crate) fn low(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .and_then(|t| self.lower.get(t.s..t.e))
            .unwrap_or("")
    }

    /// True when token `i` can be part of a name: capitalised, an acronym or an initial.
    pub(crate) fn is_cap(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else {
            return false;
        };
        match t.shape {
            Shape::Upper | Shape::Dotted | Shape::Mixed => true,
            Shape::Title => {
                // Single letters are names only as initials ("J.").
                self.text(i).chars().count() >= 2
            }
            _ => false,
        }
    }

    /// True when token `i` is a month or weekday name.
    pub(crate) fn is_calendar(&self, i: usize) -> bool {
        CALENDAR_SET.has(self.low(i))
    }

    /// The most tokens, at most `max`, that a gazetteer name starting at token `i` can span
    /// (no window of `i` longer than that is a name), using `buf` as scratch space.
    pub(crate) fn name_reach(&self, i: usize, max: usize, buf: &mut String) -> usize {
        if max == 0 {
            return 0;
        }
        buf.clear();
        buf.push_str(self.low(i));
        let mut l = 1;
        while l < max && GAZETTEER.is_prefix(buf) {
            buf.push(' ');
            buf.push_str(self.low(i + l));
            l += 1;
        }
        l
    }

    /// The gazetteer entry for tokens `i..j` joined, using `buf` as scratch space.
    pub(crate) fn lookup(
        &self,
        i: usize,
        j: usize,
        buf: &mut String,
    ) -> Option<&'static gazetteer::Entry> {
        buf.clear();
        for k in i..j {
            if k > i {
                buf.push(' ');
            }
            buf.push_str(self.low(k));
        }
        GAZETTEER.get(buf)
    }
}
