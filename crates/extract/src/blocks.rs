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
    /// A row of an HTML data table (cells holding no blocks of their own), cells joined by " | ".
    TableRow,
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
    /// Whether the text ends like a sentence (see [`ends_sentence`]), tested once: the
    /// detectors ask [`Block::is_prose`] many times.
    pub ends_sentence: bool,
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
        Block::counted(text, tag, words, stats)
    }

    /// Makes a block whose word count and statistics (as [`TextStats::of`] gives them) the caller
    /// already has.
    pub fn counted(text: String, tag: BlockTag, words: usize, stats: TextStats) -> Block {
        let ends_sentence = ends_sentence(&text);
        Block {
            text,
            tag,
            link_density: 0.0,
            hint: None,
            in_container: None,
            words,
            stats,
            ends_sentence,
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
        self.ends_sentence = ends_sentence(&self.text);
    }

    /// Whether the block reads like running prose rather than a label, link or headline.
    pub fn is_prose(&self) -> bool {
        (self.words >= 8 && self.ends_sentence) || self.words >= 30
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
        let (words, stats, _) = TextStats::scan(text);
        (words, stats)
    }

    /// [`TextStats::of`] a trimmed line, and whether its white space is already collapsed (single
    /// spaces only, as [`collapse_ws`] leaves it): one pass instead of a test and a count.
    /// Collapsing changes only the line's `chars`: its words stay the same.
    pub fn of_line(line: &str) -> (usize, TextStats, bool) {
        TextStats::scan(line)
    }

    /// The word count, the statistics and whether the text holds no white space but single
    /// spaces after a non-space.
    // Inlined: `of` drops the white-space test, which then costs nothing.
    #[inline(always)]
    fn scan(text: &str) -> (usize, TextStats, bool) {
        let mut s = TextStats::default();
        let mut collapsed = true;
        let bytes = text.as_bytes();
        let mut words = 0;
        let mut word_start: Option<usize> = None;
        let mut i = 0;
        while i < bytes.len() {
            // Fast path: up to eight ASCII bytes at once, counted by bit masks; the word
            // boundaries among them are the changes in the mask of white space (no branch per
            // byte). The ASCII bytes before the end of the text or a non-ASCII character are
            // padded with spaces, which `valid` leaves out: a word open at the padding goes on
            // in the next character, or is closed after the loop. (Before, a non-ASCII byte
            // among the eight sent all of them one at a time to the slow path below.)
            if let Some((x, len)) = swar::ascii_prefix(bytes.get(i..).unwrap_or_default()) {
                let valid = swar::HIGH >> (8 * (8 - len));
                let blank = swar::eq(x, b' ');
                let control = swar::in_range(x, b'\t', b'\r');
                let space = blank | control;
                let digit = swar::in_range(x, b'0', b'9') & valid;
                let letter = swar::in_range(x | swar::CASE, b'a', b'z') & valid;
                s.chars += len;
                s.digits += swar::count(digit);
                s.alphanumeric += swar::count(digit | letter);
                s.commas += swar::count(swar::eq(x, b',') & valid);
                // The byte before the eight counts as white space unless a word is open.
                let before = if word_start.is_some() { 0 } else { 0x80 };
                let space_before = space << 8 | before;
                collapsed &= (control | blank & space_before) & valid == 0;
                let mut changes = (space ^ space_before) & valid;
                while changes != 0 {
                    let at = (changes.trailing_zeros() / 8) as usize;
                    changes &= changes - 1;
                    if space >> (8 * at) & 0x80 == 0 {
                        word_start = Some(i + at);
                    } else if let Some(start) = word_start.take() {
                        words += 1;
                        s.add_word(text, start, i + at);
                    }
                }
                i += len;
                continue;
            }
            // One character at a time (`i` is always a character boundary).
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            s.chars += 1;
            s.digits += usize::from(c.is_ascii_digit());
            s.alphanumeric += usize::from(c.is_alphanumeric());
            s.commas += usize::from(c == ',');
            if !c.is_whitespace() {
                word_start.get_or_insert(i);
            } else if let Some(start) = word_start.take() {
                collapsed &= c == ' ';
                words += 1;
                s.add_word(text, start, i);
            } else {
                collapsed = false;
            }
            i += c.len_utf8();
        }
        if let Some(start) = word_start {
            words += 1;
            s.add_word(text, start, bytes.len());
        }
        (words, s, collapsed)
    }

    /// Counts the word at `start..end` of `text`.
    // Inlined: it runs once per word, and a call costs about as much as its work.
    #[inline(always)]
    fn add_word(&mut self, text: &str, start: usize, end: usize) {
        let bytes = text.as_bytes();
        let capitalised = match bytes.get(start) {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => text
                .get(start..)
                .and_then(|w| w.chars().next())
                .is_some_and(char::is_uppercase),
        };
        self.capitalised += usize::from(capitalised);
        let plain = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_alphanumeric);
        // Most words have alphanumeric ASCII ends and need no trimming.
        let stopword = if plain(start) && end.checked_sub(1).is_some_and(plain) {
            STOPWORDS.contains_at(bytes, start, end)
        } else {
            text.get(start..end).is_some_and(is_stopword)
        };
        self.stopwords += usize::from(stopword);
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

/// Tests on eight ASCII bytes at once, packed in a `u64` (SWAR): each test gives a mask with
/// the high bit set in every byte that passes it.
pub(crate) mod swar {
    /// The high bit of every byte.
    pub const HIGH: u64 = 0x8080_8080_8080_8080;
    /// The ASCII case bit of every byte.
    pub const CASE: u64 = 0x2020_2020_2020_2020;
    /// One in every byte.
    const ONES: u64 = 0x0101_0101_0101_0101;
    /// A space in every byte.
    const SPACES: u64 = 0x2020_2020_2020_2020;

    /// The (up to) eight bytes at `at` and how many there are, when all are ASCII; fewer than
    /// eight are padded with spaces.
    pub fn ascii_at(bytes: &[u8], at: usize) -> Option<(u64, usize)> {
        let rest = bytes.get(at..)?;
        let (eight, len) = match rest.get(..8) {
            Some(eight) => (eight.try_into().ok()?, 8),
            None => {
                let mut eight = [b' '; 8];
                eight[..rest.len()].copy_from_slice(rest);
                (eight, rest.len())
            }
        };
        Some((u64::from_le_bytes(eight), len)).filter(|(x, _)| x & HIGH == 0)
    }

    /// The ASCII bytes that open `bytes`, up to eight, and how many there are (`None` when
    /// there are none), packed in a `u64`: the first `len` bytes of `bytes`, then spaces.
    pub fn ascii_prefix(bytes: &[u8]) -> Option<(u64, usize)> {
        let (x, len) = match bytes.first_chunk::<8>() {
            Some(eight) => (u64::from_le_bytes(*eight), 8),
            None if bytes.is_empty() => return None,
            None => {
                let mut eight = [b' '; 8];
                let len = bytes.len().min(8);
                eight[..len].copy_from_slice(&bytes[..len]);
                (u64::from_le_bytes(eight), len)
            }
        };
        let high = x & HIGH;
        if high == 0 {
            return Some((x, len));
        }
        // The bytes from the first non-ASCII one on become spaces.
        let ascii = (high.trailing_zeros() / 8) as usize;
        let keep = (1u64 << (8 * ascii)) - 1;
        (ascii > 0).then_some((x & keep | SPACES & !keep, ascii))
    }

    /// The bytes in `lo..=hi` (both ASCII). Adding to a byte below 0x80 never carries into the
    /// next one.
    pub fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
        let at_least_lo = x + ONES * u64::from(0x80 - lo);
        let above_hi = x + ONES * u64::from(0x7f - hi);
        at_least_lo & !above_hi & HIGH
    }

    /// The bytes equal to `b`.
    pub fn eq(x: u64, b: u8) -> u64 {
        in_range(x, b, b)
    }

    /// How many bytes a mask marks: one multiplication sums the bytes' flags into the top byte
    /// (`count_ones` is a long sequence on CPUs without a population-count instruction).
    pub fn count(mask: u64) -> usize {
        ((mask >> 7).wrapping_mul(ONES) >> 56) as usize
    }
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

/// A set of short lower-case ASCII words (one to seven letters), matched ignoring ASCII case:
/// one integer per word in a small hash table instead of string comparisons.
pub(crate) struct ShortWords<const N: usize> {
    /// The words' keys (see [`ShortWords::key`]) by open addressing; 0 marks an empty slot.
    slots: [u64; SLOTS],
    /// The length of the longest word: a longer word is rejected without a look-up.
    longest: usize,
}

/// The number of slots of a [`ShortWords`] table (more than any set has words).
const SLOTS: usize = 256;

impl<const N: usize> ShortWords<N> {
    /// The set of `words` (built at compile time).
    pub const fn new(words: [&str; N]) -> ShortWords<N> {
        assert!(N < SLOTS);
        let mut slots = [0u64; SLOTS];
        let mut longest = 0;
        let mut i = 0;
        while i < N {
            let word = words[i].as_bytes();
            assert!(!word.is_empty() && word.len() <= 7);
            // Only lower-case letters: `key` lower-cases a letter by setting its case bit, which
            // turns no other byte into a lower-case letter.
            let mut j = 0;
            while j < word.len() {
                assert!(word[j].is_ascii_lowercase());
                j += 1;
            }
            if word.len() > longest {
                longest = word.len();
            }
            let key = Self::key(word);
            let mut at = Self::slot(key);
            while slots[at] != 0 && slots[at] != key {
                at = (at + 1) % SLOTS;
            }
            slots[at] = key;
            i += 1;
        }
        ShortWords { slots, longest }
    }

    /// Whether `word` is in the set, ignoring ASCII case.
    pub fn contains(&self, word: &[u8]) -> bool {
        if word.is_empty() || word.len() > self.longest {
            return false;
        }
        self.holds(Self::key(word))
    }

    /// Whether the word at `start..end` of `bytes` is in the set, ignoring ASCII case (what
    /// [`ShortWords::contains`] says of `&bytes[start..end]`): its key is read with one load
    /// when eight bytes follow `start`.
    pub fn contains_at(&self, bytes: &[u8], start: usize, end: usize) -> bool {
        let len = end.saturating_sub(start);
        if len == 0 || len > self.longest {
            return false;
        }
        let eight = bytes.get(start..).and_then(|rest| rest.first_chunk::<8>());
        let key = match eight {
            Some(eight) => {
                let x = u64::from_le_bytes(*eight) | swar::CASE;
                x & ((1 << (8 * len)) - 1) | (len as u64) << 56
            }
            None => match bytes.get(start..end) {
                Some(word) => Self::key(word),
                None => return false,
            },
        };
        self.holds(key)
    }

    /// Whether the table holds `key`.
    fn holds(&self, key: u64) -> bool {
        let mut at = Self::slot(key);
        loop {
            match self.slots[at] {
                0 => return false,
                k if k == key => return true,
                _ => at = (at + 1) % SLOTS,
            }
        }
    }

    /// The home slot of a key (a multiplicative hash).
    const fn slot(key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 56) as usize
    }

    /// A word of at most seven bytes as one integer: its bytes with the ASCII case bit set, in
    /// little-endian order, and its length in the top byte. Two words get the same key as a
    /// word of lower-case letters exactly when they equal it ignoring ASCII case.
    const fn key(word: &[u8]) -> u64 {
        let mut key = (word.len() as u64) << 56;
        let mut i = 0;
        while i < word.len() {
            key |= ((word[i] | 0x20) as u64) << (8 * i);
            i += 1;
        }
        key
    }
}

/// `word` without the non-alphanumeric characters at either end.
pub(crate) fn trim_to_alphanumeric(word: &str) -> &str {
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
    let bytes = text.as_bytes();
    let mut after_space = false;
    let mut i = 0;
    while i < bytes.len() {
        // Fast path: up to eight ASCII bytes at once, without a branch per byte (the padding
        // after the text's last byte is left out).
        if let Some((x, len)) = swar::ascii_at(bytes, i) {
            let valid = swar::HIGH >> (8 * (8 - len));
            let space = swar::eq(x, b' ') & valid;
            let before = if after_space { 0x80 } else { 0 };
            if swar::in_range(x, b'\t', b'\r') != 0 || space & (space << 8 | before) != 0 {
                return false;
            }
            after_space = space >> (8 * len - 1) & 1 != 0;
            i += len;
            continue;
        }
        // One character at a time (`i` is always a character boundary).
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let space = c == ' ';
        if space && after_space || c.is_whitespace() && !space {
            return false;
        }
        after_space = space;
        i += c.len_utf8();
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
        for text in [
            "A line long enough for two passes",
            "A line long enough for  two passes",
            "A line long enough\tfor two passes",
            "Eight b  ytes",
            "Eight by tes, then ’quotes’ and more words",
            "Eight by tes, then ’quotes’ and more\u{a0}words",
            "Eight by tes, then ’quotes’ and more  words",
        ] {
            let plain = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(super::is_collapsed(text), plain == text, "{text:?}");
            assert_eq!(collapse_ws(text), plain, "{text:?}");
        }
    }

    #[test]
    fn stats_count_like_the_plain_iterators() {
        for text in [
            "The Minister, in Paris, said 42 things (about THE budget).",
            "  «Élan» de l’État — ÉTÉ 2024, \u{a0}and  the\tend ",
            "",
            "a",
            "Sixteen letters_ Sixteen,letters\x0bAND\x0cmore\r\n\n   words 123456789 in  runs",
            "ASCII words then “quoted” ones, ünïcödé ones, and the end of it all",
            "\u{3000}wide\u{2003}spaces\u{85}between ninety-nine words\u{a0}\u{a0}",
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
            let stopwords = text
                .split_whitespace()
                .filter(|w| super::is_stopword(w))
                .count();
            assert_eq!(s.stopwords, stopwords);
        }
        assert_eq!(TextStats::of("The cat, (and) a «dog» ...in").1.stopwords, 4);
    }

    #[test]
    fn a_line_is_counted_as_its_collapsed_form() {
        for line in [
            "Already clean, one space apart.",
            "Two  spaces",
            "A\ttab and\u{a0}nbsp",
            "Eight by tes, then ’quotes’ and more  words",
            "x",
        ] {
            let collapsed = collapse_ws(line);
            let (words, mut stats, clean) = TextStats::of_line(line);
            assert_eq!(clean, collapsed == line, "{line:?}");
            stats.chars = collapsed.chars().count();
            assert_eq!((words, stats), TextStats::of(&collapsed), "{line:?}");
        }
    }

    #[test]
    fn ascii_prefixes_stop_at_the_end_or_a_non_ascii_byte() {
        let prefix = |text: &str| {
            super::swar::ascii_prefix(text.as_bytes())
                .map(|(x, len)| (String::from_utf8_lossy(&x.to_le_bytes()).into_owned(), len))
        };
        assert_eq!(prefix("eight by tes"), Some(("eight by".to_owned(), 8)));
        assert_eq!(prefix("four"), Some(("four    ".to_owned(), 4)));
        assert_eq!(prefix("l’État"), Some(("l       ".to_owned(), 1)));
        assert_eq!(prefix("seven c’est"), Some(("seven c ".to_owned(), 7)));
        assert_eq!(prefix("’quote"), None);
        assert_eq!(prefix(""), None);
    }

    #[test]
    fn short_words_at_an_offset_match_the_slice() {
        let text = b"The cat, AND the dog: about it";
        for start in 0..text.len() {
            for end in start..=text.len() {
                assert_eq!(
                    super::STOPWORDS.contains_at(text, start, end),
                    super::STOPWORDS.contains(&text[start..end]),
                    "{start}..{end}"
                );
            }
        }
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
