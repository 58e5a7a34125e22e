//! The features the region model scores each block on. Both input formats share them; markup
//! features are simply zero for text dumps (which have their own model).

use std::sync::LazyLock;

use crate::article::{PageFormat, RemovedKind};
use crate::blocks::{Block, BlockTag};
use crate::region::Prior;

/// Feature names, in vector order; the model file lists weights by these names.
pub const FEATURE_NAMES: &[&str] = &[
    "bias",
    "log_words",
    "log_chars",
    "is_prose",
    "ends_sentence",
    "short",
    "link_density",
    "heading",
    "list_item",
    "paragraph",
    "container",
    "hint_any",
    "hint_list_like",
    "in_container",
    "outside_container",
    "soft_boilerplate",
    "byline",
    "position",
    "stopword_share",
    "capitalised_share",
    "digit_share",
    "mean_word_length",
    "comma_rate",
    "prev_prose",
    "next_prose",
    "prev2_prose",
    "next2_prose",
    "neighbourhood_words",
    "prose_in_container",
    "short_link_density",
    "gap_before",
    "gap_after",
    "gaps_both",
    "table_row",
    "between_prose",
];

/// Words of a paragraph that counts for the `between_prose` feature.
const LONG_PROSE_WORDS: usize = 25;

/// How many blocks above and below a block the `between_prose` feature looks.
const NEAR_BLOCKS: usize = 8;

/// Number of features.
pub const FEATURES: usize = FEATURE_NAMES.len();

/// One block's feature vector.
pub type Features = [f32; FEATURES];

/// Counts below this have their [`log_count`] in a table.
const LOG_TABLE: usize = 1024;

/// `ln(1 + n)` for the counts below [`LOG_TABLE`], worked out once.
static LOGS: LazyLock<[f32; LOG_TABLE]> =
    LazyLock::new(|| std::array::from_fn(|n| (1.0 + n as f32).ln()));

/// `ln(1 + n)` as `f32`, the value of `(1.0 + n as f32).ln()`: three of the features of every
/// block are such logarithms, and most of their counts are small.
pub(crate) fn log_count(n: usize) -> f32 {
    LOGS.get(n)
        .copied()
        .unwrap_or_else(|| (1.0 + n as f32).ln())
}

/// Computes the features of every block of a page of `format`, given what the detectors
/// already decided.
pub(crate) fn compute(blocks: &[Block], priors: &[Prior], format: PageFormat) -> Vec<Features> {
    let n = blocks.len().max(1) as f32;
    let prose: Vec<bool> = blocks.iter().map(Block::is_prose).collect();
    let words_at = |i: usize| blocks.get(i).map_or(0, |b| b.words);
    let at = |i: isize| -> f32 {
        usize::try_from(i)
            .ok()
            .and_then(|i| prose.get(i))
            .map_or(0.0, |p| f32::from(u8::from(*p)))
    };
    // Running counts of long prose blocks, for "is there a paragraph within a few blocks above
    // and below": an HTML list or table between two paragraphs is more often the article's own
    // than one with prose on one side only. Zero for text dumps, whose model fitted with it lost
    // cross-validated F1 (.9201 → .9181) while HTML gained (.9483 → .9492).
    let html = format == PageFormat::Html;
    let mut long_prose: Vec<u32> = Vec::new();
    if html {
        long_prose.reserve(blocks.len() + 1);
        long_prose.push(0);
        for (b, p) in blocks.iter().zip(&prose) {
            let last = long_prose.last().copied().unwrap_or(0);
            long_prose.push(last + u32::from(*p && b.words >= LONG_PROSE_WORDS));
        }
    }
    let any_long_prose = |from: usize, to: usize| {
        let at = |k: usize| long_prose.get(k.min(blocks.len())).copied().unwrap_or(0);
        at(to) > at(from)
    };
    blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let between_prose = html
                && any_long_prose(i.saturating_sub(NEAR_BLOCKS), i)
                && any_long_prose(i + 1, i + 1 + NEAR_BLOCKS);
            let st = &b.stats;
            let wn = b.words.max(1) as f32;
            let chars = st.chars as f32;
            let stop = st.stopwords as f32;
            let caps = st.capitalised as f32;
            let digits = st.digits as f32;
            let letters = st.alphanumeric as f32;
            let is_prose = prose[i];
            let ends = b.ends_sentence;
            let flag = |v: bool| f32::from(u8::from(v));
            let list_like = matches!(
                b.hint,
                Some(
                    RemovedKind::Navigation
                        | RemovedKind::Related
                        | RemovedKind::Footer
                        | RemovedKind::Comments
                        | RemovedKind::Share
                        | RemovedKind::Promo
                        | RemovedKind::Advert
                )
            );
            let i = i as isize;
            [
                1.0,
                log_count(b.words),
                log_count(st.chars),
                flag(is_prose),
                flag(ends),
                flag(b.words < 4),
                b.link_density,
                flag(matches!(b.tag, BlockTag::Heading(_))),
                flag(b.tag == BlockTag::ListItem),
                flag(b.tag == BlockTag::Paragraph),
                flag(b.tag == BlockTag::Container),
                flag(b.hint.is_some()),
                flag(list_like),
                flag(b.in_container == Some(true)),
                flag(b.in_container == Some(false)),
                flag(matches!(priors[i as usize], Prior::Soft | Prior::Caption)),
                flag(priors[i as usize] == Prior::Byline),
                i as f32 / n,
                stop / wn,
                caps / wn,
                digits / chars.max(1.0),
                letters / wn / 10.0,
                st.commas as f32 / wn,
                at(i - 1),
                at(i + 1),
                at(i - 2),
                at(i + 2),
                {
                    let j = i as usize;
                    let around: usize = (j.saturating_sub(3)..j).map(words_at).sum::<usize>()
                        + (j + 1..j + 4).map(words_at).sum::<usize>();
                    log_count(around)
                },
                flag(is_prose && b.in_container == Some(true)),
                flag(b.words < 8) * b.link_density,
                flag(b.gap_before),
                flag(b.gap_after),
                flag(b.gap_before && b.gap_after),
                flag(b.tag == BlockTag::TableRow),
                flag(between_prose),
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::log_count;

    #[test]
    fn log_count_is_the_logarithm_it_stands_for() {
        for n in (0..3 * super::LOG_TABLE).chain([1 << 20, usize::from(u16::MAX)]) {
            assert_eq!(
                log_count(n).to_bits(),
                (1.0 + n as f32).ln().to_bits(),
                "{n}"
            );
        }
    }
}
