//! Finding the headline of a plain-text dump, which has no markup to say which line it is.
//!
//! Every short, headline-shaped line above the article is a candidate; each is scored by how
//! many of its content words the article's opening repeats, how close it sits to the article,
//! whether a byline follows it, and its shape. UI strings ("5 min read", "Skip to content",
//! photo credits) are ruled out.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::blocks::Block;

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

/// A line that may be the headline: the right length and shape.
pub(crate) fn is_candidate(block: &Block) -> bool {
    let t = block.text.trim_end();
    let cut_off = t.ends_with("...") || t.ends_with('…') || t.ends_with(':');
    let sentence = t.ends_with('.') && block.words > 12;
    (3..=30).contains(&block.words) && !cut_off && !sentence && !NOT_A_TITLE.is_match(t)
}

fn content_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .collect()
}

/// Picks the headline among `candidates` (block indexes above the article, in page order), given
/// the article's opening text and which candidates a byline follows.
pub(crate) fn choose(
    blocks: &[Block],
    candidates: &[usize],
    article_start: usize,
    opening: &str,
    byline_after: impl Fn(usize) -> bool,
) -> Option<usize> {
    let opening: HashSet<String> = content_words(opening).into_iter().collect();
    let mut best: Option<(f32, usize)> = None;
    for &i in candidates {
        let b = &blocks[i];
        let words = content_words(&b.text);
        let overlap = if words.is_empty() {
            0.0
        } else {
            words.iter().filter(|w| opening.contains(*w)).count() as f32 / words.len() as f32
        };
        let distance = article_start.saturating_sub(i) as f32;
        let capitalised = b
            .text
            .split_whitespace()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count() as f32
            / b.words.max(1) as f32;
        let shouting = if b.text.chars().any(char::is_lowercase) {
            0.0
        } else {
            0.5
        };
        let score = 3.0 * overlap
            + 1.5 / (1.0 + distance / 3.0)
            + if byline_after(i) { 1.5 } else { 0.0 }
            + 0.5 * capitalised
            + if b.words >= 5 { 0.5 } else { 0.0 }
            - shouting;
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, i));
        }
    }
    best.map(|(_, i)| i)
}
