//! Plain-text page dumps ("select all, copy") to blocks: one block per line, with hard-wrapped
//! lines of a paragraph joined back together.

use crate::blocks::{collapse_ws, ends_sentence, Block, BlockTag, TextStats};

/// Splits a text dump into blocks.
pub(crate) fn blocks(text: &str) -> Vec<Block> {
    // News pages' non-blank lines average some 70 bytes: room for most pages' blocks without
    // regrowing, in about one and a half times the page's size.
    let mut out: Vec<Block> = Vec::with_capacity(text.len() / 64 + 16);
    let mut previous_blank = true;
    for raw in lines(text) {
        let line = raw.trim();
        if line.is_empty() {
            if let Some(last) = out.last_mut() {
                last.gap_after = true;
            }
            previous_blank = true;
            continue;
        }
        // Most lines need no collapsing; collapsing the others changes their length only.
        let (words, mut stats, collapsed) = TextStats::of_line(line);
        let line = if collapsed {
            line.to_owned()
        } else {
            let line = collapse_ws(line);
            stats.chars = line.chars().count();
            line
        };
        // A long line that stops mid-sentence followed directly by a lower-case continuation
        // is a hard-wrapped paragraph.
        let join = !previous_blank
            && out
                .last()
                .is_some_and(|b: &Block| b.stats.chars >= 50 && !b.ends_sentence)
            && line
                .chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
            && continues_paragraph(&line, stats.chars);
        if join {
            if let Some(last) = out.last_mut() {
                last.append(&line);
            }
        } else {
            let mut block = Block::counted(line, BlockTag::Line, words, stats);
            block.gap_before = previous_blank;
            out.push(block);
        }
        previous_blank = false;
    }
    out
}

/// The lines of `text` as [`str::lines`] gives them, but for a carriage return before a line
/// feed, which stays on its line (the caller trims it), and an empty text, which is one empty
/// line: one vectorised search for the line feeds of the whole text rather than one per line.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    // A final line feed ends the last line; it opens no empty one.
    let text = text.strip_suffix('\n').unwrap_or(text);
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    let mut start = 0;
    ends.map(move |end| {
        // Line feeds are character boundaries.
        let line = text.get(start..end).unwrap_or_default();
        start = end + 1;
        line
    })
}

/// Whether a line can be the wrapped rest of a paragraph: not a credit ("by Jane Doe" under a
/// headline), not a short label that stops mid-sentence ("6 Comments", "5 min read"), and not
/// a line the boilerplate detector knows ("12 comments on “…”" under a next-post link): joined
/// to the line above, it would go unseen. The last line of a wrapped paragraph ends its
/// sentence, the lines before it are long. `chars` is the line's length in characters.
fn continues_paragraph(line: &str, chars: usize) -> bool {
    let mut words = line.split_whitespace();
    let credit = words.next() == Some("by")
        && words
            .next()
            .is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()));
    !credit
        && (chars >= 25 || ends_sentence(line))
        && crate::boilerplate::detect(line, line.split_whitespace().count()).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_split_as_str_lines_splits_them() {
        for text in [
            "",
            "a",
            "a\n",
            "a\n\n",
            "\n",
            "a\r\nb\r\n",
            "a\n\nb",
            "é\nü\n\n\nx",
        ] {
            let ours: Vec<&str> = lines(text).map(|l| l.trim_end_matches('\r')).collect();
            let std: Vec<&str> = text.lines().collect();
            if text.is_empty() {
                assert_eq!(ours, vec![""]);
            } else {
                assert_eq!(ours, std, "{text:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn lines_agree_with_str_lines(text in "[a\r\né ]{1,12}") {
            // Trimmed, as the caller reads them.
            let ours: Vec<&str> = lines(&text).map(str::trim).collect();
            let std: Vec<&str> = text.lines().map(str::trim).collect();
            proptest::prop_assert_eq!(ours, std, "{:?}", text);
        }
    }

    #[test]
    fn lines_and_wrapping() {
        let b = blocks("Menu\nHome\n\nA long paragraph that was wrapped by the tool that saved\nit, and goes on here.\n\nNext.");
        let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "Menu",
                "Home",
                "A long paragraph that was wrapped by the tool that saved it, and goes on here.",
                "Next."
            ]
        );
    }

    #[test]
    fn boilerplate_lines_are_not_joined_to_the_line_above() {
        let b = blocks(
            "Older post: a quiet weekend of repainting the garden shed →
12 comments on “Repainting the shed, part two”",
        );
        let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "Older post: a quiet weekend of repainting the garden shed →",
                "12 comments on “Repainting the shed, part two”"
            ]
        );
    }

    #[test]
    fn credits_and_labels_under_a_headline_stay_apart() {
        let b = blocks(
            "The headline of the story, long enough to look wrapped here
by Jane Doe
6 Comments

A line that stops mid-sentence and is long enough to join
the next one.",
        );
        let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "The headline of the story, long enough to look wrapped here",
                "by Jane Doe",
                "6 Comments",
                "A line that stops mid-sentence and is long enough to join the next one."
            ]
        );
    }
}
