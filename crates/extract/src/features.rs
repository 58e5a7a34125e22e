//! The features the region model scores each block on. Both input formats share them; markup
//! features are simply zero for text dumps (which have their own model).

use crate::article::RemovedKind;
use crate::blocks::{ends_sentence, Block, BlockTag};
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
];

/// Number of features.
pub const FEATURES: usize = FEATURE_NAMES.len();

/// One block's feature vector.
pub type Features = [f32; FEATURES];

const STOPWORDS: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by",
    "from", "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these",
    "those", "as", "he", "she", "they", "we", "you", "i", "his", "her", "their", "our", "your",
    "not", "has", "have", "had", "will", "would", "can", "could", "which", "who", "what", "when",
    "if", "so", "than", "then", "there", "also", "into", "about", "more", "most", "some", "such",
];

/// Whether a word, stripped of punctuation, is one of [`STOPWORDS`] (any case). Compares in
/// place: this runs for every word of every page.
fn is_stopword(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    w.len() <= 5 && STOPWORDS.iter().any(|s| s.eq_ignore_ascii_case(w))
}

/// Computes the features of every block, given what the detectors already decided.
pub(crate) fn compute(blocks: &[Block], priors: &[Prior]) -> Vec<Features> {
    let n = blocks.len().max(1) as f32;
    let prose: Vec<bool> = blocks.iter().map(Block::is_prose).collect();
    let words_at = |i: usize| blocks.get(i).map_or(0, |b| b.words);
    let at = |i: isize| -> f32 {
        usize::try_from(i)
            .ok()
            .and_then(|i| prose.get(i))
            .map_or(0.0, |p| f32::from(u8::from(*p)))
    };
    blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let words: Vec<&str> = b.text.split_whitespace().collect();
            let wn = words.len().max(1) as f32;
            let chars = b.text.chars().count() as f32;
            let stop = words.iter().filter(|w| is_stopword(w)).count() as f32;
            let caps = words
                .iter()
                .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                .count() as f32;
            let digits = b.text.chars().filter(char::is_ascii_digit).count() as f32;
            let letters = b.text.chars().filter(|c| c.is_alphanumeric()).count() as f32;
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
                (1.0 + words.len() as f32).ln(),
                (1.0 + chars).ln(),
                flag(b.is_prose()),
                flag(ends_sentence(&b.text)),
                flag(words.len() < 4),
                b.link_density,
                flag(matches!(b.tag, BlockTag::Heading(_))),
                flag(b.tag == BlockTag::ListItem),
                flag(b.tag == BlockTag::Paragraph),
                flag(b.tag == BlockTag::Container),
                flag(b.hint.is_some()),
                flag(list_like),
                flag(b.in_container == Some(true)),
                flag(b.in_container == Some(false)),
                flag(priors[i as usize] == Prior::Soft),
                flag(priors[i as usize] == Prior::Byline),
                i as f32 / n,
                stop / wn,
                caps / wn,
                digits / chars.max(1.0),
                letters / wn / 10.0,
                b.text.matches(',').count() as f32 / wn,
                at(i - 1),
                at(i + 1),
                at(i - 2),
                at(i + 2),
                {
                    let j = i as usize;
                    let around: usize = (j.saturating_sub(3)..j).map(words_at).sum::<usize>()
                        + (j + 1..j + 4).map(words_at).sum::<usize>();
                    (1.0 + around as f32).ln()
                },
                flag(b.is_prose() && b.in_container == Some(true)),
                flag(words.len() < 8) * b.link_density,
                flag(b.gap_before),
                flag(b.gap_after),
                flag(b.gap_before && b.gap_after),
            ]
        })
        .collect()
}
