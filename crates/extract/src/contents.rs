//! Tables of contents: a "Table of Contents", "In this article" or "Jump to:" heading over
//! links to the article's own section headings. Guides and listicles put one between the
//! headline and the first paragraph, and a text dump keeps every entry as a line of its own.
//! The entries are found by the repeat, not by their position: each names a heading further
//! down the page, which is what tells a table of contents from a list in the article.

use std::hash::Hasher;
use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::{FxHashMap, FxHasher};

use crate::blocks::Block;
use crate::boilerplate::OpeningWords;

/// The heading of a table of contents, with the "hide"/"show" toggle some carry.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W*(table\s+of\s+contents?|contents|in\s+this\s+(article|post|guide|story|page|review)|on\s+this\s+page|jump\s+to(\s+section)?|skip\s+to\s+section|quick\s+links|article\s+contents|what'?s\s+inside|what’s\s+inside)\W*((hide|show|toggle)\W*)?$",
    )
    .expect("static regex")
});

/// The words [`HEADING`] opens with after its non-word characters (`\W*`): "Contents" may run
/// into its toggle ("ContentsHide").
static HEADING_OPENERS: LazyLock<OpeningWords> = LazyLock::new(|| {
    OpeningWords::new(
        |b| b.is_ascii() && !b.is_ascii_alphanumeric() && b != b'_',
        &[
            "table", "in", "on", "jump", "skip", "quick", "article", "what", "whats",
        ],
        &["contents"],
    )
});

/// Most words of a table-of-contents heading.
const HEADING_WORDS: usize = 6;

/// Most words of one entry.
const ENTRY_WORDS: usize = 15;

/// The blocks that make up the page's tables of contents, in order: each heading, and the
/// entries under it that name a block further down.
pub(crate) fn blocks(blocks: &[Block]) -> Vec<usize> {
    let mut found = Vec::new();
    // Where each short block's text occurs last, built once a heading is seen.
    let mut last: Option<FxHashMap<u64, usize>> = None;
    for (i, block) in blocks.iter().enumerate() {
        if block.words > HEADING_WORDS
            || !HEADING_OPENERS.admit(&block.text)
            || !HEADING.is_match(&block.text)
        {
            continue;
        }
        found.push(i);
        // Without a short block under it, the heading has no entries: no need for the map.
        if blocks.get(i + 1).is_none_or(|b| b.words > ENTRY_WORDS) {
            continue;
        }
        let last = last.get_or_insert_with(|| last_positions(blocks));
        let entries = blocks[i + 1..].iter().enumerate().take_while(|(k, b)| {
            let at = i + 1 + k;
            b.words <= ENTRY_WORDS
                && key(&b.text)
                    .and_then(|k| last.get(&k))
                    .is_some_and(|&l| l > at)
        });
        found.extend(entries.map(|(k, _)| i + 1 + k));
    }
    found
}

/// The index of the last block with each key, over blocks short enough to be entries.
fn last_positions(blocks: &[Block]) -> FxHashMap<u64, usize> {
    blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.words <= ENTRY_WORDS)
        .filter_map(|(i, b)| Some((key(&b.text)?, i)))
        .collect()
}

/// A heading's text as entries repeat it: its lower-cased words without the section numbers in
/// front ("2.1 1. Interval Training" and "1. Interval training" are the same key), hashed
/// rather than copied, as every short block of the page gets one; `None` without words.
fn key(text: &str) -> Option<u64> {
    let unnumbered = text.trim_start_matches(|c: char| {
        c.is_ascii_digit() || c == '.' || c == ')' || c.is_whitespace() || c == '•' || c == '-'
    });
    // One pass over the characters, the words being the runs of alphanumeric ones: the hasher is
    // given what splitting into words and lower-casing each would give it (a space between two
    // words, each lower-cased character), without a second decoding of each word. An ASCII
    // character is its own lower-case character's single byte.
    let mut hasher = FxHasher::default();
    let (mut any, mut in_word) = (false, false);
    for c in unnumbered.chars() {
        if !c.is_alphanumeric() {
            in_word = false;
            continue;
        }
        if !in_word && any {
            hasher.write_u32(u32::from(' '));
        }
        (any, in_word) = (true, true);
        if c.is_ascii() {
            hasher.write_u32(u32::from(c.to_ascii_lowercase()));
        } else {
            for lower in c.to_lowercase() {
                hasher.write_u32(u32::from(lower));
            }
        }
    }
    any.then(|| hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::BlockTag;

    fn page(lines: &[&str]) -> Vec<Block> {
        lines
            .iter()
            .map(|l| Block::new((*l).to_owned(), BlockTag::Paragraph))
            .collect()
    }

    #[test]
    fn entries_that_name_later_headings_are_the_table() {
        let lines = page(&[
            "How to Plant a Winter Garden",
            "Table of Contents hide",
            "1 Choosing the Beds",
            "2 What to Sow in November",
            "2.1 1. Garlic",
            "Winter gardens reward the patient gardener with early greens and a tidy plot.",
            "Choosing the beds",
            "Pick the sunniest corner of the plot and clear it of weeds before the frost.",
            "What to sow in November",
            "1. Garlic",
            "Plant the cloves a hand apart and cover them with straw.",
        ]);
        assert_eq!(blocks(&lines), vec![1, 2, 3, 4]);
    }

    #[test]
    fn a_list_under_the_heading_that_names_nothing_below_is_the_article() {
        let lines = page(&[
            "In this article",
            "Why the harbour closed",
            "What the council decided",
            "The harbour closed for a week after the storm damaged the pier.",
        ]);
        // The heading goes; the lines under it are not entries, as nothing below repeats them.
        assert_eq!(blocks(&lines), vec![0]);
        assert_eq!(
            key("2.1 1. High-Intensity Training (HIIT)"),
            key("1. high intensity training: HIIT")
        );
        assert_ne!(
            key("High-Intensity Training"),
            key("Low-Intensity Training")
        );
        assert_eq!(key("2.1"), None);
    }

    #[test]
    fn keys_hash_the_lower_cased_words() {
        // What `key` hashes, spelled out: the words, each character lower-cased on its own
        // (a final sigma stays σ), one space apart.
        let spelled = |text: &str| {
            let mut hasher = FxHasher::default();
            let words: Vec<String> = text
                .trim_start_matches(|c: char| {
                    c.is_ascii_digit()
                        || c == '.'
                        || c == ')'
                        || c.is_whitespace()
                        || c == '•'
                        || c == '-'
                })
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| w.chars().flat_map(char::to_lowercase).collect())
                .collect();
            for c in words.join(" ").chars() {
                hasher.write_u32(u32::from(c));
            }
            (!words.is_empty()).then(|| hasher.finish())
        };
        for text in [
            "Interval Training",
            "High-Intensity  Training (HIIT)",
            "ÉTÉ à Paris — İstanbul, ΣΊΣΥΦΟΣ",
            "x",
            "",
            "…",
            "a\u{301}b c",
        ] {
            assert_eq!(key(text), spelled(text), "{text:?}");
        }
        let mut runner = proptest::test_runner::TestRunner::default();
        let texts =
            proptest::string::string_regex("[a-zA-Z0-9 .,:()•ÉéİıΣσßẞǅ\u{301}\u{3000}-]{0,24}")
                .expect("test pattern");
        let same = runner.run(&texts, |text| {
            proptest::prop_assert_eq!(key(&text), spelled(&text), "{:?}", text);
            Ok(())
        });
        assert!(same.is_ok(), "{same:?}");
    }

    #[test]
    fn every_heading_passes_the_word_gate() {
        // One heading per alternative of the regex, and look-alikes: a toggle run into
        // "Contents", a curly apostrophe, a letter that folds to an ASCII one ("ſ" to "s").
        let headings = [
            "Table of Contents",
            "» Contents",
            "In this guide",
            "On this page",
            "Jump to section:",
            "Skip to section",
            "Quick links",
            "Article contents",
            "What's inside",
            "Whats inside",
            "What’s inside",
            "ContentsHide",
            "Jump to ſection",
            "Table of Contents [show]",
        ];
        crate::testing::check_gate(
            &HEADING,
            |t| HEADING_OPENERS.admit(t),
            &headings,
            &["Tables of data", "Contentious issues", "Inside the harbour"],
        );
    }

    proptest::proptest! {
        #[test]
        fn the_word_gate_never_rejects_a_heading(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "table", "Table", "of", "contents", "CONTENTS", "content", "in", "In", "this",
                    "article", "on", "page", "jump", "to", "section", "skip", "quick", "links",
                    "what", "What", "'", "’", "s", "inside", "hide", "show", " ", " ", "", ":",
                    "»", "[", "]", "ſ", "é", "1", "_",
                ]),
                1..8,
            )
        ) {
            let text = pieces.concat();
            proptest::prop_assert!(HEADING_OPENERS.admit(&text) || !HEADING.is_match(&text), "{:?}", text);
        }
    }
}
