//! The HTML path: one html5ever parse, metadata from the head and JSON-LD, blocks from the body,
//! and a content-container score that tells the region scorer which blocks sit in the article.

mod meta;
mod walk;

use std::collections::HashMap;

use ego_tree::NodeId;
use scraper::Html;

use crate::article::{Article, PageFormat};
use crate::assemble::{assemble, BlockTrace, Hints, Trace};
use crate::blocks::{Block, BlockTag};
use crate::error::ExtractError;
use crate::model::RegionModel;
use crate::title::{strip_site, TITLE_SEPARATORS};
use crate::Options;
use walk::PlacedBlock;

/// Extracts an article from an HTML document, with a trace of its blocks when `keep` asks.
pub(crate) fn extract(
    html: &str,
    options: &Options,
    model: &RegionModel,
    keep: Trace,
) -> Result<(Article, Vec<BlockTrace>), ExtractError> {
    let doc = Html::parse_document(html);
    let placed = walk::blocks(&doc, &options.limits)?;
    let page = meta::read(&doc, options.url.as_deref());
    drop(doc);
    let blocks = mark_container(placed);
    let mut hints: Hints = page.hints;
    hints.title = choose_title(
        &blocks,
        page.headline.as_deref(),
        page.og_title.as_deref(),
        page.html_title.as_deref(),
        hints.site.as_deref(),
    );
    hints.lead = page.description.filter(|d| is_standfirst(d, &blocks));
    Ok(assemble(
        blocks,
        PageFormat::Html,
        hints,
        options.anchor,
        model,
        keep,
    ))
}

/// Readability-style container score: each prose block credits its block-level ancestors
/// (nearest fully, then by half and a third); the best container and its strong siblings
/// become the content area. Blocks inside it gain, blocks outside lose by their length.
fn mark_container(placed: Vec<PlacedBlock>) -> Vec<Block> {
    // Scores in first-seen order, so that ties resolve the same way on every run.
    let mut index: HashMap<NodeId, usize> = HashMap::new();
    let mut score: Vec<(NodeId, f32)> = Vec::new();
    let mut parent_of: HashMap<NodeId, Option<NodeId>> = HashMap::new();
    for p in &placed {
        for (i, id) in p.ancestors.iter().enumerate() {
            parent_of
                .entry(*id)
                .or_insert_with(|| i.checked_sub(1).map(|j| p.ancestors[j]));
        }
        let b = &p.block;
        let chars = b.stats.chars;
        if chars < 25
            || b.link_density > 0.5
            || b.hint.is_some()
            || matches!(
                b.tag,
                BlockTag::Heading(_) | BlockTag::ListItem | BlockTag::TableRow
            )
        {
            continue;
        }
        let value = 1.0 + b.stats.commas as f32 + (chars as f32 / 100.0).min(3.0);
        for (level, id) in p.ancestors.iter().rev().skip(1).take(5).enumerate() {
            let slot = *index.entry(*id).or_insert_with(|| {
                score.push((*id, 0.0));
                score.len() - 1
            });
            score[slot].1 += value / (level as f32 + 1.0);
        }
    }
    let best = score
        .iter()
        .fold(None::<(NodeId, f32)>, |best, &(id, s)| match best {
            Some((_, b)) if b >= s => best,
            _ => Some((id, s)),
        });
    let Some((top, top_score)) = best else {
        return placed.into_iter().map(|p| p.block).collect();
    };
    let threshold = (top_score * 0.2).max(10.0);
    let top_parent = parent_of.get(&top).copied().flatten();
    let chosen: Vec<NodeId> = score
        .iter()
        .filter(|(id, s)| {
            *id == top
                || (*s >= threshold
                    && top_parent.is_some()
                    && parent_of.get(id).copied().flatten() == top_parent)
        })
        .map(|(id, _)| *id)
        .collect();
    placed
        .into_iter()
        .map(|p| {
            let mut block = p.block;
            let inside = p.ancestors.iter().any(|a| chosen.contains(a));
            block.in_container = Some(inside);
            block
        })
        .collect()
}

/// The headline: the page's `<h1>` when metadata agrees with it, else JSON-LD, og:title, or the
/// `<title>` without its site-name part.
fn choose_title(
    blocks: &[Block],
    headline: Option<&str>,
    og: Option<&str>,
    html_title: Option<&str>,
    site: Option<&str>,
) -> Option<String> {
    let meta: Vec<&str> = [headline, og, html_title].into_iter().flatten().collect();
    let norm = |s: &str| {
        s.to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Logos and blog names are often an `<h1>` too: not the headline.
    let h1s: Vec<&Block> = blocks
        .iter()
        .filter(|b| b.tag == BlockTag::Heading(1) && !is_site_name(&norm(&b.text), &meta, site))
        .collect();
    for h in &h1s {
        let n = norm(&h.text);
        if n.len() >= 10 && meta.iter().any(|m| norm(m).contains(&n)) {
            // An all-capitals headline is styled so; metadata that says the same keeps the
            // headline's own capitals ("TIPS FOR ONLINE SUCCESS" / "Tips for Online Success").
            let shouting = !h.text.chars().any(char::is_lowercase);
            let cased = shouting
                .then(|| {
                    meta.iter()
                        .map(|m| strip_site(m, site))
                        .find(|m| norm(m) == n)
                })
                .flatten();
            return Some(cased.unwrap_or_else(|| h.text.clone()));
        }
    }
    // The headline shown on the page wins over metadata written for social cards and search.
    let shown = |h: &Block| (3..=30).contains(&h.words);
    let shown_h1 = if h1s.len() == 1 {
        h1s.first().filter(|h| shown(h))
    } else {
        h1s.iter()
            .find(|h| h.in_container == Some(true) && shown(h))
    };
    if let Some(h) = shown_h1 {
        return Some(h.text.clone());
    }
    if let Some(h) = headline.or(og) {
        return Some(strip_site(h, site));
    }
    html_title.map(|t| strip_site(t, site))
}

/// Whether a (normalised) heading names the site rather than the page: it is og:site_name, the
/// last part of a metadata title ("Headline | Site") or the part before its colon ("Site:
/// Headline").
fn is_site_name(heading: &str, meta: &[&str], site: Option<&str>) -> bool {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    if heading.is_empty() || site.is_some_and(|s| norm(&s.to_lowercase()) == heading) {
        return true;
    }
    meta.iter().any(|m| {
        let m = m.to_lowercase();
        // A site name after the headline is the shorter side ("Site | Headline" exists too).
        let last = TITLE_SEPARATORS
            .iter()
            .filter_map(|sep| m.rsplit_once(sep))
            .min_by_key(|(_, right)| right.len())
            .filter(|(left, right)| {
                right.split_whitespace().count() < left.split_whitespace().count()
            })
            .map(|(_, right)| right);
        let before_colon = m.split_once(": ").map(|(left, _)| left);
        last.is_some_and(|p| norm(p) == heading) || before_colon.is_some_and(|p| norm(p) == heading)
    })
}

/// A description is a standfirst only if it is not just the opening of the body.
fn is_standfirst(description: &str, blocks: &[Block]) -> bool {
    let d: String = description
        .chars()
        .take(60)
        .collect::<String>()
        .to_lowercase();
    if d.chars().count() < 40 {
        return false;
    }
    let shown = blocks.iter().any(|b| b.text.to_lowercase().starts_with(&d));
    // A standfirst shown on the page as its own block, distinct from the body paragraphs.
    shown
        && blocks.iter().any(|b| {
            b.text.len() < description.len() + 20
                && b.text.to_lowercase().starts_with(&d)
                && b.tag != BlockTag::Paragraph
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_all_capitals_headline_takes_the_metadata_casing() {
        let blocks = vec![Block::new(
            "HOW THE FERRY GOT ITS NAME BACK".into(),
            BlockTag::Heading(1),
        )];
        let og = Some("How the Ferry Got Its Name Back | Harbour Post");
        assert_eq!(
            choose_title(&blocks, None, og, None, None).as_deref(),
            Some("How the Ferry Got Its Name Back")
        );
        // Metadata that says more than the headline leaves it as it is.
        let og = Some("How the Ferry Got Its Name Back, and Why It Matters");
        assert_eq!(
            choose_title(&blocks, None, og, None, None).as_deref(),
            Some("HOW THE FERRY GOT ITS NAME BACK")
        );
    }

    #[test]
    fn logo_headings_are_not_headlines() {
        let meta = [
            "Growing Tomatoes on a Balcony | Green Corner",
            "Notes: Why Bridges Sing",
        ];
        assert!(is_site_name("green corner", &meta, None));
        assert!(is_site_name("notes", &meta, None));
        assert!(is_site_name("ledger daily", &[], Some("Ledger Daily")));
        assert!(!is_site_name("growing tomatoes on a balcony", &meta, None));
        // "Site | Headline": the longer, later part is the headline.
        assert!(!is_site_name(
            "why the harbour froze this winter",
            &["Port Gazette | Why the Harbour Froze This Winter"],
            None
        ));
        let blocks = vec![
            Block::new("Green Corner".into(), BlockTag::Heading(1)),
            Block::new("Growing Tomatoes on a Balcony".into(), BlockTag::Heading(1)),
        ];
        assert_eq!(
            choose_title(&blocks, None, None, Some(meta[0]), None).as_deref(),
            Some("Growing Tomatoes on a Balcony")
        );
    }
}
