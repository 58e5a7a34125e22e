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

/// The heading of a table of contents, with the "hide"/"show" toggle some carry.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W*(table\s+of\s+contents?|contents|in\s+this\s+(article|post|guide|story|page|review)|on\s+this\s+page|jump\s+to(\s+section)?|skip\s+to\s+section|quick\s+links|article\s+contents|what'?s\s+inside|what’s\s+inside)\W*((hide|show|toggle)\W*)?$",
    )
    .expect("static regex")
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
        if block.words > HEADING_WORDS || !HEADING.is_match(&block.text) {
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
    let mut hasher = FxHasher::default();
    let mut any = false;
    for word in unnumbered
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if any {
            hasher.write_u32(u32::from(' '));
        }
        any = true;
        for c in word.chars().flat_map(char::to_lowercase) {
            hasher.write_u32(u32::from(c));
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
}
