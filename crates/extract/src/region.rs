//! Choosing the article region: the run of blocks with the most expected article text, never
//! crossing a block that ends an article (disclaimer, related-stories heading, comments,
//! footer, author bio).
//!
//! Each block's value is its expected shingle gain under the region model (see `model`); the
//! region is the maximum-sum run (Kadane) within the barrier-free segment where it is largest.

use std::ops::Range;

use crate::article::PageFormat;
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
    /// A picture's caption or credit: removed, but it sits among the article's paragraphs.
    Caption,
    /// A block after which the article cannot continue.
    Barrier,
}

/// The least value a run above a comments heading needs to be taken for the article rather
/// than the thread below it: a few sentences of prose.
const MIN_STORY_VALUE: f32 = 40.0;

/// The least share of the value of the run below a comments heading that the run above it
/// needs: a comment-count link under a headline sits above a far larger article.
const MIN_STORY_SHARE: f32 = 0.2;

/// Whether the best run above a comments heading, worth `story`, is the article rather than the
/// best run below the heading, worth `thread`.
fn is_story_above_thread(story: f32, thread: f32) -> bool {
    story >= MIN_STORY_VALUE && story >= MIN_STORY_SHARE * thread
}

/// The article's run when `region`, the best run of `scores`, starts below the comments heading
/// at block `heading`: the best run above the heading, if it is the story rather than the thread
/// below (reader comments follow the article, and a long thread can outweigh it; a comment
/// count near the headline links to the thread from above a much larger article, so the run
/// above must be a sizeable share). Otherwise `region` as it is.
pub(crate) fn above_comments(scores: &[f32], region: Range<usize>, heading: usize) -> Range<usize> {
    if region.start <= heading {
        return region;
    }
    let Some(before) = best_run(scores.get(..heading).unwrap_or_default()) else {
        return region;
    };
    let sum = |r: &Range<usize>| {
        scores
            .get(r.clone())
            .unwrap_or_default()
            .iter()
            .sum::<f32>()
    };
    if is_story_above_thread(sum(&before), sum(&region)) {
        before
    } else {
        region
    }
}

/// The value of one block for the region, given the model's probability that it is article text.
pub(crate) fn value(block: &Block, prior: Prior, probability: f32, format: PageFormat) -> f32 {
    let gain = (2.0 * probability - 1.0) * block.words.max(1) as f32;
    match prior {
        Prior::Barrier => f32::NEG_INFINITY,
        // Removed whatever the region: it may sit inside the article but cannot make one.
        // Captions sit between the article's paragraphs, and so do HTML pages' share rows,
        // promos and adverts (mostly typed by their markup) as often as around them: those
        // cost nothing. Chosen by cross-validated body F1 (`cargo xtask train extract`) among
        // soft-block costs of 0, ¼, ½, ¾ and 1 times the expected loss: HTML .9500, .9495,
        // .9494, .9493, .9492; text .9201, .9205, .9207, .9199, .9201, where ½ also cost the
        // fitted model seven headlines on the dev dumps, so text keeps the full cost.
        Prior::Caption => 0.0,
        Prior::Soft if format == PageFormat::Html => 0.0,
        Prior::Soft => gain.min(0.0),
        Prior::Unknown if gain < 0.0 && format == PageFormat::Html => gain * UNKNOWN_LOSS_WEIGHT,
        Prior::Unknown | Prior::Byline => gain,
    }
}

/// How much of its expected loss an HTML block no detector labelled costs the region. The
/// model is fitted block by block; between paragraphs of an article, the short unlabelled
/// blocks it doubts (subheadings, list items, captions, code) are more often the article's than
/// it expects, so a run of them weighs a little less against bridging two stretches of prose.
/// Chosen by cross-validated body F1 (`cargo xtask train extract`); text dumps, whose lines
/// carry no markup to tie a list to the article, gained nothing from it and lost headlines.
const UNKNOWN_LOSS_WEIGHT: f32 = 0.8;

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
        assert_eq!(value(&block, Prior::Soft, 0.99, PageFormat::Text), 0.0);
        assert!(value(&block, Prior::Soft, 0.1, PageFormat::Text) < 0.0);
        // In HTML a doubted share row or promo between paragraphs costs the region nothing.
        assert_eq!(value(&block, Prior::Soft, 0.1, PageFormat::Html), 0.0);
        assert!(value(&block, Prior::Unknown, 0.99, PageFormat::Text) > 0.0);
        // A caption neither makes a region nor splits the paragraphs around it.
        assert_eq!(value(&block, Prior::Caption, 0.99, PageFormat::Text), 0.0);
        assert_eq!(value(&block, Prior::Caption, 0.01, PageFormat::Text), 0.0);
    }

    #[test]
    fn doubted_unlabelled_html_blocks_cost_less_than_bylines() {
        let html = PageFormat::Html;
        let block = Block::new("Step three: rinse".into(), BlockTag::ListItem);
        let unknown = value(&block, Prior::Unknown, 0.25, html);
        let byline = value(&block, Prior::Byline, 0.25, html);
        assert!(unknown < 0.0);
        assert!((unknown - byline * UNKNOWN_LOSS_WEIGHT).abs() < 1e-6);
        assert!(unknown > byline);
        assert_eq!(
            value(&block, Prior::Unknown, 0.75, html),
            value(&block, Prior::Byline, 0.75, html),
            "gains are not reweighted"
        );
        assert_eq!(
            value(&block, Prior::Unknown, 0.25, PageFormat::Text),
            value(&block, Prior::Byline, 0.25, PageFormat::Text),
            "text dumps keep the full loss"
        );
    }

    #[test]
    fn a_story_above_a_thread_needs_a_sizeable_share() {
        assert!(is_story_above_thread(900.0, 2000.0));
        assert!(!is_story_above_thread(30.0, 1200.0), "a comment-count link");
        assert!(!is_story_above_thread(20.0, 50.0), "too little prose");
    }
}
