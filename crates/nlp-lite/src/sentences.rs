//! Sentence splitter.
//!
//! Ends a sentence at `.`, `!`, `?` (plus any closing quotes or brackets) when the next token
//! looks like a sentence start, and always at a paragraph break (a blank line). Abbreviations are
//! tokens with their period attached, so `Mr.`, initials and `Nov. 3` never end a sentence;
//! `U.S.` or `Inc.` end one only when a typical sentence opener follows.

use crate::lexicon::{STOP_SET, TITLE_ABBREV_SET};
use crate::offsets::CharMap;
use crate::tokens::byte_tokens;
use crate::Sentence;

/// Splits `text` into sentences (character offsets).
pub fn sentences(text: &str) -> Vec<Sentence> {
    let map = CharMap::new(text);
    byte_sentences(text, &byte_tokens(text))
        .into_iter()
        .map(|(s, e)| Sentence {
            start: map.char_of(s),
            end: map.char_of(e),
        })
        .collect()
}

/// True when the gap between two tokens holds a blank line.
fn paragraph_break(gap: &str) -> bool {
    // Most gaps are one space or nothing: too short to hold two newlines or a U+2029.
    if gap.len() < 2 {
        return false;
    }
    let mut newlines = 0;
    for c in gap.chars() {
        if c == '\n' || c == '\u{2029}' {
            newlines += 1;
            if newlines >= 2 || c == '\u{2029}' {
                return true;
            }
        }
    }
    false
}

fn is_closer(tok: &str) -> bool {
    matches!(tok, "\"" | "'" | "”" | "’" | ")" | "]" | "»")
}

fn is_opener(tok: &str) -> bool {
    matches!(tok, "\"" | "'" | "“" | "‘" | "(" | "[" | "«")
}

/// True when `tok` can start a sentence.
fn starts_sentence(tok: &str) -> bool {
    tok.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric() || is_opener(tok))
}

/// Byte spans of the sentences of `text`, given its byte tokens.
pub(crate) fn byte_sentences(text: &str, tokens: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut first: Option<usize> = None;
    let tok = |i: usize| tokens.get(i).map_or("", |&(s, e)| &text[s..e]);
    let mut i = 0;
    while i < tokens.len() {
        let (s, _) = tokens[i];
        let start = *first.get_or_insert(s);
        let t = tok(i);
        let mut end_here = false;
        let mut last = i;
        if matches!(t.chars().next(), Some('.' | '!' | '?' | '…')) {
            while i + 1 < tokens.len() && is_closer(tok(last + 1)) && !gap_break(text, tokens, last)
            {
                last += 1;
                i = last;
            }
            let next = tok(last + 1);
            // "!" and "?" always end a sentence; "." only before a likely sentence start.
            end_here = t != "." || next.is_empty() || starts_sentence(next);
        } else if t.len() > 1 && t.ends_with('.') {
            let lower = t[..t.len() - 1].to_ascii_lowercase();
            let next = tok(i + 1);
            let single = t.chars().count() == 2;
            if !TITLE_ABBREV_SET.has(&lower) && !single {
                end_here = next.is_empty()
                    || (next.chars().next().is_some_and(char::is_uppercase)
                        && STOP_SET.has(&next.to_ascii_lowercase()));
            }
        }
        if end_here || gap_break(text, tokens, last) || last + 1 >= tokens.len() {
            let end = tokens[last].1;
            out.push((start, end));
            first = None;
        }
        i = last + 1;
    }
    out
}

/// True when a paragraph break follows token `i`.
fn gap_break(text: &str, tokens: &[(usize, usize)], i: usize) -> bool {
    match (tokens.get(i), tokens.get(i + 1)) {
        (Some(&(_, e)), Some(&(s, _))) => paragraph_break(text.get(e..s).unwrap_or("")),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::sentences;

    fn check(input: &str, expected: &[&str]) {
        let chars: Vec<char> = input.chars().collect();
        let got: Vec<String> = sentences(input)
            .iter()
            .map(|s| chars[s.start..s.end].iter().collect())
            .collect();
        assert_eq!(got, expected, "splitting {input:?}");
    }

    #[test]
    fn splits() {
        check("One. Two!  Three?", &["One.", "Two!", "Three?"]);
        check(
            "Mr. Borrell met Dr. J. Smith on Nov. 3. He left.",
            &["Mr. Borrell met Dr. J. Smith on Nov. 3.", "He left."],
        );
        check(
            "U.S. President Trump spoke. The U.S. The end.",
            &["U.S. President Trump spoke.", "The U.S.", "The end."],
        );
        check(
            "He works for the U.S. Army now.",
            &["He works for the U.S. Army now."],
        );
        check(
            "Headline without stop\n\nBody text",
            &["Headline without stop", "Body text"],
        );
        check(
            "He said \"go.\" Then left.",
            &["He said \"go.\"", "Then left."],
        );
        check("It’s 3.5 percent. Ok", &["It’s 3.5 percent.", "Ok"]);
        check("e.g. this one", &["e.g. this one"]);
        check("", &[]);
        check("   ", &[]);
    }
}
