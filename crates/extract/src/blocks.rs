//! The block model both input formats are turned into: a flat, page-ordered list of text blocks
//! with the features the article-region scorer and the typed detectors look at.

use crate::article::RemovedKind;

/// What kind of element a block came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockTag {
    /// A heading, with its level (1–6).
    Heading(u8),
    /// A paragraph of running text.
    Paragraph,
    /// An item of a list.
    ListItem,
    /// A line of a plain-text dump.
    Line,
    /// Text directly inside an HTML div, td or other container.
    Container,
}

/// One block of page text with its features.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    /// The block's text, white space collapsed.
    pub text: String,
    /// Where it came from.
    pub tag: BlockTag,
    /// Share of the text's characters that sit inside links (0 for text dumps).
    pub link_density: f32,
    /// A boilerplate kind suggested by the markup around the block (nav, footer, class names).
    pub hint: Option<RemovedKind>,
    /// Whether the block lies inside the best content container of an HTML page (`None` for text).
    pub in_container: Option<bool>,
    /// Number of words.
    pub words: usize,
    /// Character counts of the text, taken once (see [`TextStats`]).
    pub stats: TextStats,
    /// In a text dump, whether a blank line stands before the block (browsers put blank lines
    /// around paragraphs, not between menu items).
    pub gap_before: bool,
    /// In a text dump, whether a blank line stands after the block.
    pub gap_after: bool,
}

impl Block {
    /// Makes a block, computing its word count and text statistics.
    pub fn new(text: String, tag: BlockTag) -> Block {
        let (words, stats) = TextStats::of(&text);
        Block {
            text,
            tag,
            link_density: 0.0,
            hint: None,
            in_container: None,
            words,
            stats,
            gap_before: false,
            gap_after: false,
        }
    }

    /// Appends a space and `more` to the block's text, keeping its counts up to date. The space
    /// separates words, so the counts of the two parts add up (no recount of the whole text).
    pub fn append(&mut self, more: &str) {
        self.text.push(' ');
        self.text.push_str(more);
        let (words, stats) = TextStats::of(more);
        self.words += words;
        self.stats.add(&stats);
        self.stats.chars += 1;
    }

    /// Whether the block reads like running prose rather than a label, link or headline.
    pub fn is_prose(&self) -> bool {
        let ends = ends_sentence(&self.text);
        (self.words >= 8 && ends) || self.words >= 30
    }
}

/// What the region and headline features count in a block's text, in one pass: characters,
/// ASCII digits, alphanumeric characters, commas, and of its white-space separated words the
/// stopwords and those that open with a capital.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct TextStats {
    /// Characters (Unicode scalar values).
    pub chars: usize,
    /// ASCII digits.
    pub digits: usize,
    /// Alphanumeric characters.
    pub alphanumeric: usize,
    /// Commas.
    pub commas: usize,
    /// Words that are stopwords (see [`is_stopword`]).
    pub stopwords: usize,
    /// Words whose first character is upper-case.
    pub capitalised: usize,
}

impl TextStats {
    /// The number of words (as `split_whitespace` counts them) and the statistics of `text`.
    pub fn of(text: &str) -> (usize, TextStats) {
        let mut s = TextStats {
            chars: text.chars().count(),
            ..TextStats::default()
        };
        let bytes = text.as_bytes();
        let mut words = 0;
        let mut word_start: Option<usize> = None;
        // Fast path: one table look-up per byte adds its digit, alphanumeric and comma counts in
        // 16-bit lanes (summed per chunk, so that no lane overflows) and says whether the byte
        // needs a closer look; only a byte that starts a non-ASCII character is decoded.
        for (n, chunk) in bytes.chunks(LANE_LIMIT).enumerate() {
            let base = n * LANE_LIMIT;
            let mut lanes = 0u64;
            for (j, &b) in chunk.iter().enumerate() {
                let class = BYTE_CLASS[usize::from(b)];
                lanes += class & COUNTS;
                if class & SPECIAL == 0 {
                    word_start.get_or_insert(base + j);
                    continue;
                }
                let i = base + j;
                let space = if b.is_ascii() {
                    true
                } else if b >= 0xc0 {
                    let c = text.get(i..).and_then(|rest| rest.chars().next());
                    s.alphanumeric += usize::from(c.is_some_and(char::is_alphanumeric));
                    c.is_some_and(char::is_whitespace)
                } else {
                    // A continuation byte: its character was counted at its lead byte.
                    continue;
                };
                if !space {
                    word_start.get_or_insert(i);
                } else if let Some(start) = word_start.take() {
                    words += 1;
                    s.add_word(&text[start..i]);
                }
            }
            s.digits += (lanes & 0xffff) as usize;
            s.alphanumeric += (lanes >> 16 & 0xffff) as usize;
            s.commas += (lanes >> 32 & 0xffff) as usize;
        }
        if let Some(start) = word_start {
            words += 1;
            s.add_word(&text[start..]);
        }
        (words, s)
    }

    /// Counts one word.
    fn add_word(&mut self, word: &str) {
        let capitalised = match word.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => word.chars().next().is_some_and(char::is_uppercase),
        };
        self.capitalised += usize::from(capitalised);
        self.stopwords += usize::from(is_stopword(word));
    }

    /// Adds the counts of another text to these.
    fn add(&mut self, other: &TextStats) {
        self.chars += other.chars;
        self.digits += other.digits;
        self.alphanumeric += other.alphanumeric;
        self.commas += other.commas;
        self.stopwords += other.stopwords;
        self.capitalised += other.capitalised;
    }
}

/// How many bytes [`TextStats::of`] sums in one set of 16-bit lanes.
const LANE_LIMIT: usize = 0xffff;
/// The count lanes of a [`BYTE_CLASS`] entry: ASCII digit (bits 0–15), ASCII alphanumeric
/// (16–31), comma (32–47).
const COUNTS: u64 = (1 << 48) - 1;
/// The flag of a [`BYTE_CLASS`] entry for ASCII white space and every non-ASCII byte.
const SPECIAL: u64 = 1 << 48;

/// Per byte value: its counts (see [`COUNTS`]) and whether it is [`SPECIAL`].
static BYTE_CLASS: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        let digit = b.is_ascii_digit() as u64;
        let alphanumeric = b.is_ascii_alphanumeric() as u64;
        let comma = (b == b',') as u64;
        let special = if is_ascii_space(b) || !b.is_ascii() {
            SPECIAL
        } else {
            0
        };
        table[i] = digit | alphanumeric << 16 | comma << 32 | special;
        i += 1;
    }
    table
};

/// The ASCII characters `char::is_whitespace` accepts.
const fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// Whether a word, stripped of punctuation, is one of [`STOPWORDS`] (any case).
pub(crate) fn is_stopword(word: &str) -> bool {
    let bytes = word.as_bytes();
    let plain = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
    // Fast path: a word with alphanumeric ASCII ends needs no trimming.
    let w = if plain(bytes.first()) && plain(bytes.last()) {
        bytes
    } else {
        trim_to_alphanumeric(word).as_bytes()
    };
    STOPWORDS.contains(w)
}

/// Common English function words (none is longer than five letters).
static STOPWORDS: ShortWords<63> = ShortWords::new([
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by",
    "from", "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these",
    "those", "as", "he", "she", "they", "we", "you", "i", "his", "her", "their", "our", "your",
    "not", "has", "have", "had", "will", "would", "can", "could", "which", "who", "what", "when",
    "if", "so", "than", "then", "there", "also", "into", "about", "more", "most", "some", "such",
]);

/// A set of short ASCII words (one to seven bytes), matched ignoring ASCII case: a binary search
/// over one integer per word instead of string comparisons.
pub(crate) struct ShortWords<const N: usize> {
    /// The words' keys (see [`ShortWords::key`]), sorted.
    keys: [u64; N],
}

impl<const N: usize> ShortWords<N> {
    /// The set of `words` (built at compile time).
    pub const fn new(words: [&str; N]) -> ShortWords<N> {
        let mut keys = [0u64; N];
        let mut i = 0;
        while i < N {
            assert!(!words[i].is_empty() && words[i].len() <= 7);
            keys[i] = Self::key(words[i].as_bytes());
            i += 1;
        }
        // Insertion sort.
        let mut i = 1;
        while i < N {
            let mut j = i;
            while j > 0 && keys[j - 1] > keys[j] {
                let swap = keys[j];
                keys[j] = keys[j - 1];
                keys[j - 1] = swap;
                j -= 1;
            }
            i += 1;
        }
        ShortWords { keys }
    }

    /// Whether `word` is in the set, ignoring ASCII case.
    pub fn contains(&self, word: &[u8]) -> bool {
        (1..=7).contains(&word.len()) && self.keys.binary_search(&Self::key(word)).is_ok()
    }

    /// A word of at most seven bytes as one integer: its length, then its bytes lower-cased
    /// (ASCII). Words that differ ignoring ASCII case get different keys.
    const fn key(word: &[u8]) -> u64 {
        let mut key = word.len() as u64;
        let mut i = 0;
        while i < word.len() {
            key = key << 8 | word[i].to_ascii_lowercase() as u64;
            i += 1;
        }
        key
    }
}

/// `word` without the non-alphanumeric characters at either end.
fn trim_to_alphanumeric(word: &str) -> &str {
    // Fast path: trim ASCII punctuation byte by byte; a non-ASCII character left at either end
    // goes to the general (char-decoding) trim.
    let bytes = word.as_bytes();
    let punctuation = |b: u8| b.is_ascii() && !b.is_ascii_alphanumeric();
    let mut start = 0;
    let mut end = bytes.len();
    while start < end && punctuation(bytes[start]) {
        start += 1;
    }
    while end > start && punctuation(bytes[end - 1]) {
        end -= 1;
    }
    let rest = &word[start..end];
    if rest.starts_with(|c: char| !c.is_ascii()) || rest.ends_with(|c: char| !c.is_ascii()) {
        rest.trim_matches(|c: char| !c.is_alphanumeric())
    } else {
        rest
    }
}

/// Whether a text ends like a sentence (full stop, question or exclamation mark, closing quote).
pub(crate) fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
    });
    t.ends_with(['.', '!', '?', ':', ';', '…']) && !t.ends_with("...") && !t.ends_with('…')
        || t.ends_with("...") && t.len() > 200
}

/// Collapses runs of white space to one space and trims.
pub(crate) fn collapse_ws(text: &str) -> String {
    // Most lines already are: copy them whole instead of word by word.
    let trimmed = text.trim();
    if is_collapsed(trimmed) {
        return trimmed.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether a text holds no white space but single spaces.
fn is_collapsed(text: &str) -> bool {
    // Fast path: one table look-up per byte; only a non-space special byte is looked at closely,
    // and a character is decoded only at the lead bytes of non-ASCII white space (U+0085, U+00A0,
    // U+1680, U+2000–U+205F, U+3000).
    let bytes = text.as_bytes();
    let mut after_space = false;
    for (i, &b) in bytes.iter().enumerate() {
        if BYTE_CLASS[usize::from(b)] & SPECIAL == 0 {
            after_space = false;
            continue;
        }
        let space = b == b' ';
        let other_space = match b {
            b' ' => false,
            0..=0x7f => true,
            0xc2 | 0xe1 | 0xe2 | 0xe3 => text
                .get(i..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(char::is_whitespace),
            _ => false,
        };
        if other_space || space && after_space {
            return false;
        }
        after_space = space;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::{collapse_ws, Block, BlockTag, TextStats};

    #[test]
    fn collapses_every_kind_of_space() {
        assert_eq!(collapse_ws("Already clean line."), "Already clean line.");
        assert_eq!(
            collapse_ws("  padded  twice\tand\u{a0}nbsp \n"),
            "padded twice and nbsp"
        );
        assert_eq!(collapse_ws(" \t "), "");
        assert_eq!(collapse_ws("a\u{2003}b\u{3000}c’d"), "a b c’d");
        assert_eq!(collapse_ws("a\u{b}b"), "a b");
    }

    #[test]
    fn stats_count_like_the_plain_iterators() {
        for text in [
            "The Minister, in Paris, said 42 things (about THE budget).",
            "  «Élan» de l’État — ÉTÉ 2024, \u{a0}and  the\tend ",
            "",
        ] {
            let (words, s) = TextStats::of(text);
            assert_eq!(words, text.split_whitespace().count());
            assert_eq!(s.chars, text.chars().count());
            assert_eq!(s.digits, text.chars().filter(char::is_ascii_digit).count());
            assert_eq!(
                s.alphanumeric,
                text.chars().filter(|c| c.is_alphanumeric()).count()
            );
            assert_eq!(s.commas, text.matches(',').count());
            let caps = text
                .split_whitespace()
                .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                .count();
            assert_eq!(s.capitalised, caps);
        }
        assert_eq!(TextStats::of("The cat, (and) a «dog» ...in").1.stopwords, 4);
    }

    #[test]
    fn stopwords_in_any_case_and_nothing_else() {
        for w in ["the", "a", "about", "such", "i", "those"] {
            assert!(
                super::is_stopword(w) && super::is_stopword(&w.to_uppercase()),
                "{w}"
            );
            assert!(super::is_stopword(&format!("“{w}”,")), "{w}");
        }
        for w in ["thee", "them", "an-", "", "...", "théir", "abouts"] {
            assert_eq!(super::is_stopword(w), w == "an-", "{w}");
        }
    }

    #[test]
    fn appending_adds_the_counts() {
        let mut joined = Block::new("A long line that ends with".into(), BlockTag::Line);
        joined.append("a wrapped, final part of the sentence.");
        let whole = Block::new(joined.text.clone(), BlockTag::Line);
        assert_eq!((joined.words, joined.stats), (whole.words, whole.stats));
    }
}
