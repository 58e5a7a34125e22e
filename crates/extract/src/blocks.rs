//! The block model both input formats are turned into: a flat, page-ordered list of text blocks
//! with the features the article-region scorer and the typed detectors look at.

use crate::article::RemovedKind;

/// What kind of element a block came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockTag {
    /// A heading, with its level (1–6).
    Heading(u8),
    /// A paragraph of running text.
    Paragraph,
    /// An item of a list.
    ListItem,
    /// A line of a plain-text dump.
    Line,
    /// Text directly inside an HTML div, td or other container.
    Container,
}

/// One block of page text with its features.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    /// The block's text, white space collapsed.
    pub text: String,
    /// Where it came from.
    pub tag: BlockTag,
    /// Share of the text's characters that sit inside links (0 for text dumps).
    pub link_density: f32,
    /// A boilerplate kind suggested by the markup around the block (nav, footer, class names).
    pub hint: Option<RemovedKind>,
    /// Whether the block lies inside the best content container of an HTML page (`None` for text).
    pub in_container: Option<bool>,
    /// Number of words.
    pub words: usize,
    /// In a text dump, whether a blank line stands before the block (browsers put blank lines
    /// around paragraphs, not between menu items).
    pub gap_before: bool,
    /// In a text dump, whether a blank line stands after the block.
    pub gap_after: bool,
}

impl Block {
    /// Makes a block, computing its word count.
    pub fn new(text: String, tag: BlockTag) -> Block {
        let words = text.split_whitespace().count();
        Block {
            text,
            tag,
            link_density: 0.0,
            hint: None,
            in_container: None,
            words,
            gap_before: false,
            gap_after: false,
        }
    }

    /// Whether the block reads like running prose rather than a label, link or headline.
    pub fn is_prose(&self) -> bool {
        let ends = ends_sentence(&self.text);
        (self.words >= 8 && ends) || self.words >= 30
    }
}

/// Whether a text ends like a sentence (full stop, question or exclamation mark, closing quote).
pub(crate) fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
    });
    t.ends_with(['.', '!', '?', ':', ';', '…']) && !t.ends_with("...") && !t.ends_with('…')
        || t.ends_with("...") && t.len() > 200
}

/// Collapses runs of white space to one space and trims.
pub(crate) fn collapse_ws(text: &str) -> String {
    // Most lines already are: copy them whole instead of word by word.
    let trimmed = text.trim();
    let mut after_space = false;
    let clean = trimmed.chars().all(|c| {
        let ok = if c == ' ' {
            !after_space
        } else {
            !c.is_whitespace()
        };
        after_space = c == ' ';
        ok
    });
    if clean {
        return trimmed.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::collapse_ws;

    #[test]
    fn collapses_every_kind_of_space() {
        assert_eq!(collapse_ws("Already clean line."), "Already clean line.");
        assert_eq!(
            collapse_ws("  padded  twice\tand\u{a0}nbsp \n"),
            "padded twice and nbsp"
        );
        assert_eq!(collapse_ws(" \t "), "");
    }
}
