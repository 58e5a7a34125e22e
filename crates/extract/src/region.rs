//! Choosing the article region: the run of blocks with the most prose, never crossing a block
//! that ends an article (disclaimer, related list, comments, footer, author bio).
//!
//! Each block gets a score (prose words count for, labels, links and boilerplate against); the
//! region is the maximum-sum run (Kadane) within the barrier-free segment where it is largest.

use std::ops::Range;

use crate::blocks::{Block, BlockTag};

/// Score weights; kept together so that `xtask train extract` can fit them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Weights {
    /// Penalty for a short non-prose block (label, headline, menu item).
    pub short_penalty: f32,
    /// Penalty per word of a non-prose block beyond the short ones.
    pub non_prose_per_word: f32,
    /// Penalty for a block detected as soft boilerplate (promo, share, advert).
    pub soft_boilerplate: f32,
    /// Exponent on (1 - link density) applied to a block's value.
    pub link_exponent: f32,
    /// Cap on the words a single block contributes.
    pub word_cap: f32,
    /// Link density below which a short HTML block counts as plain text.
    pub plain_link_density: f32,
    /// Value per word of a short plain HTML block.
    pub plain_per_word: f32,
    /// Cap on the value of a short plain HTML block.
    pub plain_cap: f32,
}

/// The weights in use.
pub(crate) const WEIGHTS: Weights = Weights {
    short_penalty: 3.0,
    non_prose_per_word: 0.3,
    soft_boilerplate: 8.0,
    link_exponent: 3.0,
    word_cap: 120.0,
    plain_link_density: 0.25,
    plain_per_word: 0.5,
    plain_cap: 8.0,
};

/// What the detectors already know of a block before the region is chosen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Prior {
    /// Nothing known.
    Unknown,
    /// Boilerplate that may sit inside an article (promo, share, advert, teaser, byline).
    Soft,
    /// A block after which the article cannot continue.
    Barrier,
}

/// The value of one block for the region.
pub(crate) fn score(block: &Block, prior: Prior, w: &Weights) -> f32 {
    match prior {
        Prior::Barrier => f32::NEG_INFINITY,
        Prior::Soft => -w.soft_boilerplate,
        Prior::Unknown => {
            let link = (1.0 - block.link_density)
                .clamp(0.0, 1.0)
                .powf(w.link_exponent);
            let base = if block.is_prose() {
                (block.words as f32).min(w.word_cap) * link
            } else if matches!(block.tag, BlockTag::Heading(_)) {
                -1.0
            } else if block.is_markup()
                && block.words >= 4
                && block.link_density < w.plain_link_density
            {
                // Link-free list items and short lines inside markup are usually content
                // (checklists, steps, tables); menus and related lists are link-dense.
                (w.plain_per_word * block.words as f32).min(w.plain_cap)
            } else {
                -w.short_penalty - w.non_prose_per_word * block.words as f32 * (1.0 - link * 0.5)
            };
            base + block.structure
        }
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

    #[test]
    fn kadane_respects_barriers() {
        let n = f32::NEG_INFINITY;
        assert_eq!(best_run(&[-1.0, 5.0, -2.0, 6.0, n, 20.0]), Some(5..6));
        assert_eq!(best_run(&[-1.0, 5.0, -2.0, 6.0, n, 8.0]), Some(1..4));
        assert_eq!(best_run(&[-1.0, -2.0]), None);
        assert_eq!(best_run(&[]), None);
    }
}
