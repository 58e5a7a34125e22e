//! Finding the headline of a plain-text dump, which has no markup to say which line it is.
//!
//! Every short, headline-shaped line above the article is a candidate; each is described by how
//! many of its content words the article repeats, how close it sits to the article, whether a
//! byline follows it, and its shape, and scored by a linear model fitted by `cargo xtask train
//! extract` (a softmax over each page's candidates). UI strings ("5 min read", "Skip to
//! content", photo credits) are ruled out beforehand.
//!
//! Whatever its source, a chosen title then loses a site-name or section part
//! ([`strip_site`]), for HTML pages too.

use std::sync::LazyLock;

use regex::Regex;

use crate::blocks::{swar, Block};

/// Separators between a headline and a site name or section, in `<title>`, og:title and
/// printed headlines.
pub(crate) const TITLE_SEPARATORS: [&str; 8] =
    [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " • "];

/// Drops a site-name or section part from a title: "Headline | Site" → "Headline". Pages show
/// such parts in `<title>` and social-card titles, and many print them in the headline itself
/// ("Headline | Opinion", "Headline - Part 1"), which is not part of it.
pub(crate) fn strip_site(title: &str, site: Option<&str>) -> String {
    let seps = TITLE_SEPARATORS;
    for sep in seps {
        if let Some((left, right)) = title.rsplit_once(sep) {
            let right_n = right.trim().to_lowercase();
            let is_site = site.is_some_and(|s| {
                let s = s.to_lowercase();
                right_n.contains(&s) || s.contains(&right_n)
            }) || right.split_whitespace().count() <= 4
                && left.split_whitespace().count() >= 3;
            if is_site {
                return left.trim().to_owned();
            }
        }
    }
    title.trim().to_owned()
}

/// Lines that are never headlines.
static NOT_A_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        (?-u:\b)\d+\s+min(ute)?s?\s+read(?-u:\b) | ^skip\s+to(?-u:\b) | (?-u:\b)credit\s*: | ^photo\s*: | ^image\s*: | getty\s+images
        | ^(table\s+of\s+contents|in\s+this\s+article|share|menu|search|home|advertisement|fact\s+checked(?-u:\b)|reviewed\s+by(?-u:\b)|written\s+by(?-u:\b)|posted\s+on(?-u:\b)|cite\s+this)
        | ^you\s+are\s+here | © | (?-u:\b)sign\s+(up|in)(?-u:\b) | (?-u:\b)subscribe(?-u:\b) | ^read\s+more(?-u:\b) | ^book\s+a(?-u:\b) | ^get\s+started(?-u:\b) | ^(\d+|[ivx]+)[.)]\s",
    )
    .expect("static regex")
});

/// A numbered item heading inside an article: "Tip #2 - …", "Step 3: …", "Trend 5: …".
static ENUMERATED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z]+\s+#?\d+\s*[:.)\-–—]").expect("static regex"));

/// A line that may be the headline: the right length and shape.
pub(crate) fn is_candidate(block: &Block) -> bool {
    let t = block.text.trim_end();
    let cut_off = t.ends_with("...") || t.ends_with('…') || t.ends_with(':');
    let sentence = t.ends_with('.') && block.words > 12;
    (3..=30).contains(&block.words) && !cut_off && !sentence && !NOT_A_TITLE.is_match(t)
}

/// Title-candidate feature names, in vector order; `model/region.txt` lists the title model's
/// weights (format `title`) by these names.
pub const TITLE_FEATURE_NAMES: &[&str] = &[
    "bias",
    "opening_overlap",
    "body_overlap",
    "proximity",
    "log_distance",
    "inside_region",
    "log_region_words_above",
    "byline_after",
    "byline_before",
    "capitalised_share",
    "five_words",
    "log_words",
    "shouting",
    "question",
    "colon",
    "full_stop",
    "leading_digit",
    "enumerated",
    "path",
    "gap_before",
    "gap_after",
    "short_lines_above",
    "prose_after",
    "repeated",
    "first_candidate",
    "last_candidate",
    "position",
];

/// Number of title-candidate features.
pub const TITLE_FEATURES: usize = TITLE_FEATURE_NAMES.len();

/// One title candidate's feature vector.
pub type TitleFeatures = [f32; TITLE_FEATURES];

/// The lowercased words of four or more letters of a text: what word overlap is counted on.
pub(crate) fn content_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for_each_long_word(text, |w| words.push(w.to_lowercase()));
    words
}

/// Calls `f` with each run of alphanumeric characters in `text` that is four or more characters
/// long (what `text.split(|c: char| !c.is_alphanumeric())` gives, filtered by length).
fn for_each_long_word(text: &str, mut f: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut emit = |start: usize, extra: usize, end: usize| {
        if end - start - extra >= 4 {
            f(&text[start..end]);
        }
    };
    // The open word: where it starts and how many more bytes than characters it has so far.
    let mut word: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < bytes.len() {
        // Fast path: up to eight ASCII bytes at once; the word boundaries among them are the
        // changes in the mask of alphanumeric bytes (the padding past the text's end is none).
        if let Some((x, len)) = swar::ascii_at(bytes, i) {
            let valid = swar::HIGH >> (8 * (8 - len));
            let alphanumeric = (swar::in_range(x, b'0', b'9')
                | swar::in_range(x | swar::CASE, b'a', b'z'))
                & valid;
            let before = if word.is_some() { 0x80 } else { 0 };
            let mut changes = (alphanumeric ^ (alphanumeric << 8 | before)) & swar::HIGH;
            while changes != 0 {
                let at = (changes.trailing_zeros() / 8) as usize;
                changes &= changes - 1;
                if alphanumeric >> (8 * at) & 0x80 != 0 {
                    word = Some((i + at, 0));
                } else if let Some((start, extra)) = word.take() {
                    emit(start, extra, i + at);
                }
            }
            i += len;
            continue;
        }
        // One character at a time (`i` is always a character boundary).
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        if c.is_alphanumeric() {
            let (_, extra) = word.get_or_insert((i, 0));
            *extra += c.len_utf8() - 1;
        } else if let Some((start, extra)) = word.take() {
            emit(start, extra, i);
        }
        i += c.len_utf8();
    }
    if let Some((start, extra)) = word {
        emit(start, extra, bytes.len());
    }
}

/// The distinct content words of the candidates, with which of them a stretch of article text
/// uses. Only candidate words are looked up: no set of the article's words is built.
struct Vocabulary<'a> {
    /// The words, in the order they first occur among the candidates.
    words: Vec<&'a str>,
    /// A bit per [`sketch`] value of the words: most article words miss it and are not looked up.
    sketches: [u64; SKETCH_BITS / 64],
    /// Per bucket (a [`sketch`] value modulo their number, a power of two), the last word (by
    /// index) added to it, or [`NONE`]; `previous` chains the others.
    heads: Vec<u32>,
    /// Per word, the word added to its bucket before it, or [`NONE`].
    previous: Vec<u32>,
}

/// The number of distinct [`sketch`] values.
const SKETCH_BITS: usize = 4096;

/// The end of a bucket's chain of words.
const NONE: u32 = u32::MAX;

/// A 12-bit hash of a content word (four or more bytes) from its length and three of its bytes,
/// lower-cased (ASCII): a word and its lower-case form have the same sketch.
fn sketch(word: &[u8]) -> usize {
    let byte = |i: usize| u32::from(word.get(i).map_or(0, u8::to_ascii_lowercase));
    let last = word.len().saturating_sub(1);
    let key = (word.len() as u32) ^ byte(0) << 8 ^ byte(1) << 16 ^ byte(last) << 24;
    (key.wrapping_mul(0x9e37_79b1) >> 20) as usize
}

impl<'a> Vocabulary<'a> {
    /// The vocabulary of the candidates' content words (lower-cased, as [`content_words`] gives
    /// them), and each candidate's words as vocabulary indexes.
    fn new(lists: &'a [Vec<String>]) -> (Vocabulary<'a>, Vec<Vec<usize>>) {
        let total: usize = lists.iter().map(Vec::len).sum();
        // At least twice as many buckets as words, while that is fewer than the sketch values.
        let buckets = (2 * total).next_power_of_two().min(SKETCH_BITS);
        let mut vocabulary = Vocabulary {
            words: Vec::with_capacity(total),
            sketches: [0; SKETCH_BITS / 64],
            heads: vec![NONE; buckets],
            previous: Vec::with_capacity(total),
        };
        let indexes = lists
            .iter()
            .map(|list| list.iter().map(|w| vocabulary.add(w)).collect())
            .collect();
        (vocabulary, indexes)
    }

    /// The index of `word` (lower-cased), added unless the vocabulary holds it already.
    fn add(&mut self, word: &'a str) -> usize {
        let h = sketch(word.as_bytes());
        if let Some(k) = self.index_of(word.as_bytes(), h) {
            return k;
        }
        let k = self.words.len();
        let bucket = h & (self.heads.len() - 1);
        self.words.push(word);
        self.previous.push(self.heads[bucket]);
        // Fewer words than `NONE`: each takes four bytes of the page or more.
        self.heads[bucket] = u32::try_from(k).unwrap_or(NONE);
        self.sketches[h / 64] |= 1 << (h % 64);
        k
    }

    /// Whether a word with this sketch may be in the vocabulary.
    fn may_hold(&self, sketch: usize) -> bool {
        self.sketches[sketch / 64] & 1 << (sketch % 64) != 0
    }

    /// [`Vocabulary::index_of`] `word`, behind the sketch bit test that most words fail.
    fn find(&self, word: &[u8]) -> Option<usize> {
        let h = sketch(word);
        self.may_hold(h).then(|| self.index_of(word, h)).flatten()
    }

    /// The index of the vocabulary word that is `word` (whose sketch is `sketch`) ignoring ASCII
    /// case. The vocabulary's words are lower-cased (they have no ASCII capital): for a word
    /// without one either, or an ASCII word, that is the word its lower-case form equals.
    fn index_of(&self, word: &[u8], sketch: usize) -> Option<usize> {
        let bucket = sketch & (self.heads.len() - 1);
        let mut k = self.heads.get(bucket).copied().unwrap_or(NONE);
        while let Some(w) = self.words.get(k as usize) {
            if w.as_bytes().eq_ignore_ascii_case(word) {
                return Some(k as usize);
            }
            k = self.previous.get(k as usize).copied().unwrap_or(NONE);
        }
        None
    }

    /// Which vocabulary words (by index) occur in the blocks of `first` and which in those of
    /// `second` (both clamped to the page), comparing their content words lower-cased as
    /// [`content_words`] gives them. A block in both ranges is read once.
    fn used_in(
        &self,
        blocks: &[Block],
        first: std::ops::Range<usize>,
        second: std::ops::Range<usize>,
    ) -> [Vec<bool>; 2] {
        let mut used = [vec![false; self.words.len()], vec![false; self.words.len()]];
        let lo = first.start.min(second.start);
        let hi = first.end.max(second.end).min(blocks.len());
        for (i, block) in blocks.iter().enumerate().take(hi).skip(lo) {
            let inside = [first.contains(&i), second.contains(&i)];
            if inside == [false, false] {
                continue;
            }
            for_each_long_word(&block.text, |w| {
                // An ASCII word is sketched and compared as it is (both ignore ASCII case): most
                // words are not looked up, and none is lower-cased.
                let found = if w.is_ascii() {
                    self.find(w.as_bytes())
                } else {
                    self.find(w.to_lowercase().as_bytes())
                };
                if let Some(k) = found {
                    for (used, inside) in used.iter_mut().zip(inside) {
                        if inside {
                            used[k] = true;
                        }
                    }
                }
            });
        }
        used
    }

    /// The share of the words (by their vocabulary indexes) that `used` marks.
    fn share(indexes: &[usize], used: &[bool]) -> f32 {
        if indexes.is_empty() {
            return 0.0;
        }
        let hits = indexes.iter().filter(|&&k| used[k]).count();
        hits as f32 / indexes.len() as f32
    }
}

/// What the title features of a page's candidates are computed from.
pub(crate) struct Evidence<'a> {
    /// The page's blocks.
    pub blocks: &'a [Block],
    /// Candidate block indexes, in page order.
    pub candidates: &'a [usize],
    /// The first prose block of the article region.
    pub start: usize,
    /// The blocks of the article's opening (its first blocks).
    pub opening: std::ops::Range<usize>,
    /// The blocks of article text used for word overlap.
    pub body: std::ops::Range<usize>,
    /// Whether a byline directly follows block `i` (within three blocks).
    pub byline_after: &'a dyn Fn(usize) -> bool,
    /// Whether a byline directly precedes block `i` (within two blocks).
    pub byline_before: &'a dyn Fn(usize) -> bool,
}

/// The features of every candidate, in candidate order.
pub(crate) fn features(e: &Evidence<'_>) -> Vec<TitleFeatures> {
    let own: Vec<Vec<String>> = e
        .candidates
        .iter()
        .map(|&i| content_words(&e.blocks[i].text))
        .collect();
    let (vocabulary, own_indexes) = Vocabulary::new(&own);
    let [opening, body] = vocabulary.used_in(e.blocks, e.opening.clone(), e.body.clone());
    let n = e.blocks.len().max(1) as f32;
    let flag = |v: bool| f32::from(u8::from(v));
    e.candidates
        .iter()
        .zip(&own_indexes)
        .enumerate()
        .map(|(rank, (&i, words))| {
            let b = &e.blocks[i];
            let t = b.text.trim_end();
            // A line printed more than once (a site name, a section label) on the page.
            let repeated = e
                .blocks
                .iter()
                .filter(|o| o.text == b.text)
                .nth(1)
                .is_some();
            let distance = e.start.abs_diff(i) as f32;
            let capitalised = b.stats.capitalised as f32 / b.words.max(1) as f32;
            let short_above = e.blocks[..i]
                .iter()
                .rev()
                .take_while(|p| p.words < 4)
                .take(20)
                .count();
            let prose_after = e.blocks.get(i + 1).is_some_and(Block::is_prose);
            [
                1.0,
                Vocabulary::share(words, &opening),
                Vocabulary::share(words, &body),
                1.0 / (1.0 + distance / 3.0),
                (1.0 + distance).ln(),
                flag(i >= e.start),
                (1.0 + e.blocks[e.start.min(i)..i]
                    .iter()
                    .map(|b| b.words)
                    .sum::<usize>() as f32)
                    .ln(),
                flag((e.byline_after)(i)),
                flag((e.byline_before)(i)),
                capitalised,
                flag(b.words >= 5),
                (1.0 + b.words as f32).ln(),
                flag(!b.text.chars().any(char::is_lowercase)),
                flag(t.ends_with('?')),
                flag(t.contains(':')),
                flag(t.ends_with('.')),
                flag(t.starts_with(|c: char| c.is_ascii_digit())),
                flag(ENUMERATED.is_match(t)),
                flag(t.matches('/').count() >= 2 || t.matches(" > ").count() >= 2),
                flag(b.gap_before),
                flag(b.gap_after),
                (1.0 + short_above as f32).ln(),
                flag(prose_after),
                flag(repeated),
                flag(rank == 0),
                flag(rank + 1 == e.candidates.len()),
                i as f32 / n,
            ]
        })
        .collect()
}

/// Picks the headline among the candidates: of those `allowed`, the one the title model scores
/// highest (the earlier one on a tie).
pub(crate) fn choose(
    candidates: &[usize],
    features: &[TitleFeatures],
    weights: &[f32],
    mut allowed: impl FnMut(usize) -> bool,
) -> Option<usize> {
    let mut ranked: Vec<(f32, usize)> = candidates
        .iter()
        .zip(features)
        .map(|(&i, x)| (weights.iter().zip(x).map(|(w, v)| w * v).sum(), i))
        .collect();
    // Best first; among equal scores the earlier candidate, as a strict maximum picks it.
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked.into_iter().map(|(_, i)| i).find(|&i| allowed(i))
}

#[cfg(test)]
mod tests {
    use super::strip_site;

    #[test]
    fn site_suffix() {
        assert_eq!(
            strip_site(
                "Big news today in town | Example Post",
                Some("Example Post")
            ),
            "Big news today in town"
        );
        assert_eq!(
            strip_site("Big news today in town - The Daily", None),
            "Big news today in town"
        );
        assert_eq!(strip_site("Pros - and cons", None), "Pros - and cons");
        // A headline printed with its section or part: the tag is not the headline.
        assert_eq!(
            strip_site("How the old ferry got its name back | Opinion", None),
            "How the old ferry got its name back"
        );
        assert_eq!(
            strip_site("Building a rain gauge from scrap - Part 2", None),
            "Building a rain gauge from scrap"
        );
        // A long second half is the headline's own.
        assert_eq!(
            strip_site(
                "Ten years of night trains - and what comes after them",
                None
            ),
            "Ten years of night trains - and what comes after them"
        );
    }

    #[test]
    fn headline_of_a_dump_not_a_promo_or_step_heading() {
        let page = "Home\nNews\nSport\nWeather\nSign in\n\n\
            Try our new app for faster news on the go\n\n\
            Harbour Cranes Return After Winter Refit\n\
            By Tomas Vell\n\
            March 3, 2025\n\n\
            The three cranes that load the harbour's container ships were back at work on \
            Monday after a refit that kept them idle for most of the winter, the port said.\n\n\
            Step 2: Check the cables\n\n\
            Engineers replaced the hoisting cables and the control cabins, and tested each \
            crane with a full load before handing it back to the dock crews on Sunday night.\n\n\
            The port expects the backlog of ships waiting outside the breakwater to clear by \
            the end of the week, a spokeswoman said, as long as the weather holds.\n";
        let (_, article) =
            crate::extract(page.as_bytes(), &crate::Options::default()).expect("extracts");
        assert_eq!(
            article.title.as_deref(),
            Some("Harbour Cranes Return After Winter Refit")
        );
        assert!(super::ENUMERATED.is_match("Step 2: Check the cables"));
        assert!(!super::ENUMERATED.is_match("Harbour Cranes Return After Winter Refit"));
    }

    #[test]
    fn content_words_split_like_the_plain_iterators() {
        for text in [
            "Élan-vital: the ÉTAT’s 2024 plans, naïve café_owners & co. (abcd)efgh",
            "Harbour cranes return after winter refit, the port said on Monday",
            "abc",
            "abcd",
            "Sixteen-letters!Twelveletter naïveté ÉÉÉÉ ééé, 1234 123 x",
            "Words spanning chunks: abcdefghijklmnopqrstuvwxyz0123456789 façadeword",
        ] {
            let plain: Vec<String> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 4)
                .map(str::to_lowercase)
                .collect();
            assert_eq!(super::content_words(text), plain, "{text:?}");
        }
    }
}
