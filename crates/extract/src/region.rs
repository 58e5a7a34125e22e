//! Choosing the article region: the run of blocks with the most expected article text, never
//! crossing a block that ends an article (disclaimer, related-stories heading, comments,
//! footer, author bio).
//!
//! Each block's value is its expected shingle gain under the region model (see `model`); the
//! region is the maximum-sum run (Kadane) within the barrier-free segment where it is largest.

use std::ops::Range;

use crate::blocks::Block;

/// What the detectors already know of a block before the region is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Prior {
    /// Nothing known.
    Unknown,
    /// Boilerplate that may sit inside an article (promo, share, advert, teaser).
    Soft,
    /// A byline or date line.
    Byline,
    /// A block after which the article cannot continue.
    Barrier,
}

/// The value of one block for the region, given the model's probability that it is article text.
pub(crate) fn value(block: &Block, prior: Prior, probability: f32) -> f32 {
    match prior {
        Prior::Barrier => f32::NEG_INFINITY,
        // Removed whatever the region: it may sit inside the article but cannot make one.
        Prior::Soft => ((2.0 * probability - 1.0) * block.words.max(1) as f32).min(0.0),
        _ => (2.0 * probability - 1.0) * block.words.max(1) as f32,
    }
}

/// The maximum-sum run of scores that does not cross a barrier (−∞). `None` if every score ≤ 0.
pub(crate) fn best_run(scores: &[f32]) -> Option<Range<usize>> {
    let mut best: Option<(f32, Range<usize>)> = None;
    let mut sum = 0.0f32;
    let mut start = 0usize;
    for (i, &s) in scores.iter().enumerate() {
        if s == f32::NEG_INFINITY {
            sum = 0.0;
            start = i + 1;
            continue;
        }
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += s;
        if sum > 0.0 && best.as_ref().is_none_or(|(b, _)| sum > *b) {
            best = Some((sum, start..i + 1));
        }
    }
    best.map(|(_, r)| r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::BlockTag;

    #[test]
    fn kadane_respects_barriers() {
        let n = f32::NEG_INFINITY;
        assert_eq!(best_run(&[-1.0, 5.0, -2.0, 6.0, n, 20.0]), Some(5..6));
        assert_eq!(best_run(&[-1.0, 5.0, -2.0, 6.0, n, 8.0]), Some(1..4));
        assert_eq!(best_run(&[-1.0, -2.0]), None);
        assert_eq!(best_run(&[]), None);
    }

    #[test]
    fn removed_blocks_cannot_make_a_region() {
        let block = Block::new(
            "A long comment that reads like prose.".into(),
            BlockTag::Paragraph,
        );
        assert_eq!(value(&block, Prior::Soft, 0.99), 0.0);
        assert!(value(&block, Prior::Soft, 0.1) < 0.0);
        assert!(value(&block, Prior::Unknown, 0.99) > 0.0);
    }
}
