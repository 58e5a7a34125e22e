//! Walks the parsed DOM once, iteratively (no recursion, so deep nesting cannot overflow the
//! stack), and cuts the visible text into blocks at block-level element boundaries.
//!
//! Pages rendered by React's streaming server renderer (Next.js and others) send parts of the
//! page late, as `<div hidden id="S:n">` segments that a script moves into the `<template
//! id="B:n">` (or `P:n`) placeholder where they belong. The walk does the same move, so an
//! article streamed that way is read in its place instead of being skipped as hidden.

use std::collections::HashMap;
use std::sync::LazyLock;

use ego_tree::{NodeId, NodeRef};
use regex::Regex;
use scraper::node::Node;
use scraper::Html;

use crate::article::RemovedKind;
use crate::blocks::{collapse_ws, Block, BlockTag};
use crate::error::ExtractError;
use crate::limits::Limits;

/// A block together with the chain of block-level elements that contain it (outermost first).
pub(crate) struct PlacedBlock {
    /// The block.
    pub block: Block,
    /// Ids of the block-level ancestors, outermost first.
    pub ancestors: Vec<NodeId>,
}

const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas",
    "select", "option", "button", "input", "textarea", "head", "math", "video", "audio", "map",
];

fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "blockquote"
            | "pre"
            | "table"
            | "tbody"
            | "thead"
            | "tr"
            | "td"
            | "th"
            | "figure"
            | "figcaption"
            | "dl"
            | "dt"
            | "dd"
            | "address"
            | "hr"
            | "details"
            | "summary"
            | "form"
            | "fieldset"
            | "legend"
            | "caption"
            | "body"
            | "html"
            | "center"
            | "menu"
    )
}

/// Class and id words that mark boilerplate, and the kind they mark.
static NEGATIVE: LazyLock<Vec<(Regex, RemovedKind)>> = LazyLock::new(|| {
    [
        (r"^(comments?|disqus|respond|replies|reply|discussion)$", RemovedKind::Comments),
        (r"^(related|recommended|recommendations|trending|popular|mostread|outbrain|taboola|readmore|alsoread|morestories|read-next|readnext|more-stories|also-read|most-read|related-posts|related-articles|jp-relatedposts)$", RemovedKind::Related),
        (r"^(share|sharing|social|addthis|sharethis|share-buttons|social-share|sharedaddy)$", RemovedKind::Share),
        (r"^(nav|navbar|navigation|menu|breadcrumb|breadcrumbs|topnav|mainnav|skip-link|pagination|pager)$", RemovedKind::Navigation),
        (r"^(footer|copyright|site-footer|colophon)$", RemovedKind::Footer),
        (r"^(promo|newsletter|subscribe|subscription|signup|paywall|app-download|cta)$", RemovedKind::Promo),
        (r"^(ad|ads|advert|advertisement|adslot|ad-slot|dfp|sponsored|banner-ad|adsbygoogle)$", RemovedKind::Advert),
        (r"^(author-bio|authorbio|about-author|author-box|author-info|bio|post-author-bio)$", RemovedKind::AuthorBio),
        (r"^(caption|wp-caption-text|credit|image-credit|photo-credit)$", RemovedKind::Caption),
        (r"^(cookie|cookies|consent|gdpr|cookie-banner|cookie-notice)$", RemovedKind::Other),
    ]
    .into_iter()
    .map(|(re, kind)| (Regex::new(re).expect("static regex"), kind))
    .collect()
});

/// Class and id words that mark the article itself; they cancel an inherited boilerplate hint.
static POSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(article-body|articlebody|article-content|entry-content|post-content|post-body|story-body|story-content|article-text|body-text|content-body|main-content|articlecontent|storycontent)$")
        .expect("static regex")
});

fn class_hint(class_id: &str) -> (Option<RemovedKind>, bool) {
    let mut positive = false;
    for word in class_id.split_whitespace() {
        let w = word.to_ascii_lowercase();
        if POSITIVE.is_match(&w) {
            positive = true;
            continue;
        }
        for (re, kind) in NEGATIVE.iter() {
            if re.is_match(&w) {
                return (Some(*kind), false);
            }
        }
    }
    (None, positive)
}

fn tag_hint(tag: &str) -> Option<RemovedKind> {
    match tag {
        "nav" | "menu" => Some(RemovedKind::Navigation),
        "footer" => Some(RemovedKind::Footer),
        "aside" => Some(RemovedKind::Related),
        "figcaption" => Some(RemovedKind::Caption),
        _ => None,
    }
}

#[derive(Clone)]
struct Ctx {
    hint: Option<RemovedKind>,
    tag: BlockTag,
    in_link: bool,
    /// Inside a data-table row that is one block: its cells are separators, not blocks.
    in_row: bool,
}

/// Separator between the cells of a table row block.
const CELL_SEPARATOR: &str = " | ";

/// Most block-level elements a cell of a data-table row may hold ("<td><p>Best</p></td>").
const MAX_CELL_BLOCKS: usize = 3;

/// Whether a `tr` is a data-table row, read as one block: two or more cells, none holding a
/// table or more than [`MAX_CELL_BLOCKS`] block-level elements (a layout table's cells hold
/// whole columns of a page).
fn is_data_row(row: NodeRef<'_, Node>) -> bool {
    let mut cells = 0;
    for child in row.children() {
        let Some(el) = child.value().as_element() else {
            continue;
        };
        if !matches!(el.name(), "td" | "th") {
            continue;
        }
        cells += 1;
        let mut blocks = 0;
        for d in child.descendants().skip(1) {
            let Some(name) = d.value().as_element().map(|e| e.name()) else {
                continue;
            };
            blocks += usize::from(is_block(name));
            if name == "table" || blocks > MAX_CELL_BLOCKS {
                return false;
            }
        }
    }
    cells >= 2
}

enum Step<'a> {
    Enter(NodeRef<'a, Node>, usize),
    Leave { block: bool, ctx: Ctx },
}

struct Cutter {
    text: String,
    link_chars: usize,
    out: Vec<PlacedBlock>,
    /// In a data-table row, a cell has opened after text: [`CELL_SEPARATOR`] goes in before the
    /// next text, so that empty cells add none.
    cell_pending: bool,
}

impl Cutter {
    fn flush(&mut self, ctx: &Ctx, ancestors: &[NodeId]) {
        let text = collapse_ws(&self.text);
        if !text.is_empty() {
            let mut block = Block::new(text, ctx.tag);
            let total = block.stats.chars.max(1);
            block.link_density = (self.link_chars as f32 / total as f32).min(1.0);
            block.hint = ctx.hint;
            self.out.push(PlacedBlock {
                block,
                ancestors: ancestors.to_vec(),
            });
        }
        self.text.clear();
        self.link_chars = 0;
        self.cell_pending = false;
    }
}

/// Cuts the document's visible text into blocks.
pub(crate) fn blocks(doc: &Html, limits: &Limits) -> Result<Vec<PlacedBlock>, ExtractError> {
    let mut cutter = Cutter {
        text: String::new(),
        link_chars: 0,
        out: Vec::new(),
        cell_pending: false,
    };
    let mut ancestors: Vec<NodeId> = Vec::new();
    let mut ctx = Ctx {
        hint: None,
        tag: BlockTag::Container,
        in_link: false,
        in_row: false,
    };
    let mut segments = streamed_segments(doc);
    let mut stack: Vec<Step> = vec![Step::Enter(doc.tree.root(), 0)];
    let mut elements = 0usize;
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave { block, ctx: saved } => {
                if block {
                    cutter.flush(&ctx, &ancestors);
                    ancestors.pop();
                }
                ctx = saved;
            }
            Step::Enter(node, depth) => match node.value() {
                Node::Text(t) => {
                    let s: &str = t;
                    if ctx.in_link {
                        cutter.link_chars += s
                            .split_whitespace()
                            .map(|w| w.chars().count() + 1)
                            .sum::<usize>();
                    }
                    if cutter.cell_pending && !s.trim().is_empty() {
                        cutter.text.push_str(CELL_SEPARATOR);
                        cutter.cell_pending = false;
                    }
                    cutter.text.push_str(s);
                }
                Node::Element(el) => {
                    elements += 1;
                    if elements > limits.max_elements {
                        return Err(ExtractError::TooManyElements {
                            limit: limits.max_elements,
                        });
                    }
                    if depth > limits.max_depth {
                        return Err(ExtractError::TooDeep {
                            depth,
                            limit: limits.max_depth,
                        });
                    }
                    let tag = el.name();
                    if tag == "template" {
                        // Each segment is moved once, so a page cannot make the walk loop.
                        if let Some(segment) = el
                            .id()
                            .and_then(segment_of_placeholder)
                            .and_then(|id| segments.remove(id))
                        {
                            let children: Vec<NodeRef<Node>> = segment.children().collect();
                            for child in children.into_iter().rev() {
                                stack.push(Step::Enter(child, depth + 1));
                            }
                        }
                        continue;
                    }
                    if SKIP.contains(&tag) || is_hidden(el) {
                        continue;
                    }
                    if tag == "br" {
                        cutter.text.push('\n');
                        continue;
                    }
                    if tag == "img" {
                        continue;
                    }
                    // Inside a data-table row, the blocks in cells are words apart, and a cell
                    // that opens after text is separated from it (see `Cutter::cell_pending`).
                    let in_row = ctx.in_row && is_block(tag);
                    if in_row {
                        cutter.text.push(' ');
                        cutter.cell_pending |=
                            matches!(tag, "td" | "th") && !cutter.text.trim_start().is_empty();
                    }
                    let block = is_block(tag) && !in_row;
                    let saved = ctx.clone();
                    if block {
                        cutter.flush(&ctx, &ancestors);
                        ancestors.push(node.id());
                        ctx.tag = match tag {
                            "h1" => BlockTag::Heading(1),
                            "h2" => BlockTag::Heading(2),
                            "h3" => BlockTag::Heading(3),
                            "h4" => BlockTag::Heading(4),
                            "h5" => BlockTag::Heading(5),
                            "h6" => BlockTag::Heading(6),
                            "p" | "blockquote" | "pre" | "dd" => BlockTag::Paragraph,
                            "li" | "dt" => BlockTag::ListItem,
                            "tr" if is_data_row(node) => BlockTag::TableRow,
                            _ => BlockTag::Container,
                        };
                        ctx.in_row = ctx.tag == BlockTag::TableRow;
                    }
                    if tag == "a" {
                        ctx.in_link = true;
                    }
                    let class_id = format!(
                        "{} {}",
                        el.attr("class").unwrap_or_default(),
                        el.attr("id").unwrap_or_default()
                    );
                    let (hint, positive) = class_hint(&class_id);
                    let container = matches!(tag, "article" | "main");
                    if positive || container {
                        ctx.hint = None;
                    }
                    // An article that is "paywall" or "subscription" is behind one, not a promo
                    // (while an `<article class="comment">` is a comment).
                    let hint = hint.filter(|h| !(container && *h == RemovedKind::Promo));
                    if let Some(h) = tag_hint(tag).or(hint) {
                        ctx.hint = Some(h);
                    }
                    stack.push(Step::Leave { block, ctx: saved });
                    let children: Vec<NodeRef<Node>> = node.children().collect();
                    for child in children.into_iter().rev() {
                        stack.push(Step::Enter(child, depth + 1));
                    }
                }
                Node::Document | Node::Fragment => {
                    let children: Vec<NodeRef<Node>> = node.children().collect();
                    for child in children.into_iter().rev() {
                        stack.push(Step::Enter(child, depth + 1));
                    }
                }
                _ => {}
            },
        }
    }
    cutter.flush(&ctx, &ancestors);
    Ok(cutter.out)
}

/// The hidden segments of a streamed React page, by number ("S:0" → "0" → its `div`).
fn streamed_segments(doc: &Html) -> HashMap<&str, NodeRef<'_, Node>> {
    doc.tree
        .nodes()
        .filter_map(|n| {
            let el = n.value().as_element()?;
            let number = el.id()?.strip_prefix("S:")?;
            (el.name() == "div" && el.attr("hidden").is_some()).then_some((number, n))
        })
        .collect()
}

/// The number of the segment that belongs in a placeholder: "B:3" and "P:3" take "S:3".
fn segment_of_placeholder(id: &str) -> Option<&str> {
    let n = id.strip_prefix("B:").or_else(|| id.strip_prefix("P:"))?;
    (!n.is_empty() && n.bytes().all(|b| b.is_ascii_alphanumeric())).then_some(n)
}

fn is_hidden(el: &scraper::node::Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    el.attr("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<String> {
        let doc = Html::parse_document(html);
        blocks(&doc, &Limits::default())
            .expect("small page")
            .into_iter()
            .map(|p| p.block.text)
            .collect()
    }

    #[test]
    fn streamed_segments_are_read_in_their_placeholder() {
        let page = r#"<html><body><main><h1>Harbour lights return</h1>
            <!--$?--><template id="B:0"></template><!--/$--></main>
            <footer>Footer words</footer>
            <div hidden id="S:0"><p>The first streamed paragraph.</p>
              <template id="P:1"></template></div>
            <div hidden id="S:1"><p>A nested segment.</p></div>
            <div hidden id="X:2"><p>Hidden for real.</p></div></body></html>"#;
        assert_eq!(
            texts(page),
            [
                "Harbour lights return",
                "The first streamed paragraph.",
                "A nested segment.",
                "Footer words"
            ]
        );
    }

    #[test]
    fn an_article_behind_a_paywall_is_no_promo() {
        let page = r#"<html><body><article class="story paywall"><p>Paid words.</p></article>
            <article class="comment"><p>A reader writes.</p></article>
            <div class="paywall"><p>Subscribe for more.</p></div></body></html>"#;
        let doc = Html::parse_document(page);
        let hints: Vec<Option<RemovedKind>> = blocks(&doc, &Limits::default())
            .expect("small page")
            .into_iter()
            .map(|p| p.block.hint)
            .collect();
        assert_eq!(
            hints,
            [None, Some(RemovedKind::Comments), Some(RemovedKind::Promo)]
        );
    }

    #[test]
    fn a_data_table_row_is_one_block_and_a_layout_row_is_not() {
        let page = r#"<html><body><table>
            <tr><th>Harbour</th><th>Boats</th></tr>
            <tr><td>North <a href="/n">quay</a></td><td>12</td><td></td><td>open</td><td></td></tr>
            <tr><td><p>Best</p><p>value</p></td><td><div>Fair</div></td></tr>
            <tr><td><h2>A layout cell</h2><p>with paragraphs</p><p>of</p><p>text.</p></td><td>Side column</td></tr>
            <tr><td>Lone cell</td></tr></table></body></html>"#;
        let doc = Html::parse_document(page);
        let placed = blocks(&doc, &Limits::default()).expect("small page");
        let seen: Vec<(&str, BlockTag)> = placed
            .iter()
            .map(|p| (p.block.text.as_str(), p.block.tag))
            .collect();
        assert_eq!(
            seen,
            [
                ("Harbour | Boats", BlockTag::TableRow),
                ("North quay | 12 | open", BlockTag::TableRow),
                ("Best value | Fair", BlockTag::TableRow),
                ("A layout cell", BlockTag::Heading(2)),
                ("with paragraphs", BlockTag::Paragraph),
                ("of", BlockTag::Paragraph),
                ("text.", BlockTag::Paragraph),
                ("Side column", BlockTag::Container),
                ("Lone cell", BlockTag::Container),
            ]
        );
    }

    #[test]
    fn a_segment_that_holds_its_own_placeholder_is_read_once() {
        let page = r#"<html><body><template id="B:0"></template>
            <div hidden id="S:0"><p>Once only.</p><template id="B:0"></template></div>
            </body></html>"#;
        assert_eq!(texts(page), ["Once only."]);
    }
}
