//! Tokenizer with offsets.
//!
//! Splits text into words, numbers and punctuation while keeping what news text needs whole:
//! dotted abbreviations (`U.S.`, `p.m.`), titles (`Mr.`), hyphenated names (`Tae-yul`), numbers
//! with separators (`1,000.5`, `15:05`), and splitting clitics off (`Korea's` → `Korea` + `'s`,
//! also with the typographic apostrophe ’). Works on bytes internally; the public API reports
//! character offsets.

use crate::lexicon::ABBREV_SET;
use crate::offsets::CharMap;

/// A token: character offsets into the tokenized text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Token {
    /// First character of the token.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
}

/// Splits `text` into tokens (character offsets).
pub fn tokenize(text: &str) -> Vec<Token> {
    let map = CharMap::new(text);
    byte_tokens(text)
        .into_iter()
        .map(|(s, e)| Token {
            start: map.char_of(s),
            end: map.char_of(e),
        })
        .collect()
}

/// True for the two apostrophes news text uses.
fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// The length in bytes of a clitic (`'s`, `'ll`, `n't` is not split) starting at `rest`, when
/// `rest` starts with an apostrophe followed by a clitic that ends the word.
fn clitic_len(rest: &str) -> Option<usize> {
    let mut chars = rest.chars();
    let apo = chars.next().filter(|&c| is_apostrophe(c))?;
    let after = chars.as_str();
    for cl in ["s", "ll", "ve", "re", "d", "m"] {
        if after.len() >= cl.len()
            && after.is_char_boundary(cl.len())
            && after[..cl.len()].eq_ignore_ascii_case(cl)
        {
            let next = after[cl.len()..].chars().next();
            if !matches!(next, Some(c) if c.is_alphanumeric()) {
                return Some(apo.len_utf8() + cl.len());
            }
        }
    }
    None
}

/// Byte spans of the tokens of `text`.
pub(crate) fn byte_tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if is_apostrophe(c) {
            if let Some(n) = clitic_len(&text[i..]) {
                out.push((i, i + n));
                i += n;
                continue;
            }
        }
        if c.is_alphanumeric() {
            let end = word_end(text, i);
            out.push((i, end));
            i = end;
            continue;
        }
        // Punctuation: runs of the same mark ("...", "--") form one token.
        let mut end = i + c.len_utf8();
        if let Ok(mark @ (b'.' | b'-' | b'!' | b'?')) = u8::try_from(c) {
            while text.as_bytes().get(end) == Some(&mark) {
                end += 1;
            }
        }
        out.push((i, end));
        i = end;
    }
    out
}

/// The character starting at byte `i` of `text` (`None` at the end or inside a character).
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        // Most news text is ASCII: no decoding.
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => text.get(i..)?.chars().next(),
    }
}

/// True for the characters that [`word_end`] may keep inside a word, between letters or digits.
fn joiner(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}' | '\u{2011}' | '.' | ',' | ':' | '\'' | '\u{2019}' | '&'
    )
}

/// The end of the word starting at byte `start` (an alphanumeric character).
fn word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    // Start of the current dot-separated segment, to recognise `U.S.` style abbreviations.
    let mut seg_start = start;
    let mut all_single = true;
    let mut has_dot = false;
    loop {
        // Runs of ASCII letters and digits, the bulk of a word, without decoding.
        while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
            i += 1;
        }
        let Some(c) = char_at(text, i) else { break };
        if c.is_alphanumeric() {
            i += c.len_utf8();
            continue;
        }
        // Only these characters can continue a word (see the `match` below); the context it
        // reads is not worth working out after the others, such as the space ending most words.
        if !joiner(c) {
            break;
        }
        let next = char_at(text, i + c.len_utf8());
        let prev_digit = i > start && bytes.get(i - 1).is_some_and(u8::is_ascii_digit);
        let next_alnum = next.is_some_and(char::is_alphanumeric);
        let next_digit = next.is_some_and(|n| n.is_ascii_digit());
        match c {
            '-' | '\u{2010}' | '\u{2011}' if next_alnum => {}
            '.' if next_alnum => {
                if text[seg_start..i].chars().count() != 1 {
                    all_single = false;
                }
                has_dot = true;
                seg_start = i + 1;
            }
            ',' if prev_digit && next_digit => {
                // Thousands separator: exactly three digits follow.
                let digits = text[i + 1..].bytes().take_while(u8::is_ascii_digit).count();
                if digits != 3 {
                    break;
                }
            }
            ':' if prev_digit && next_digit => {}
            '\'' | '\u{2019}' if next_alnum => {
                if clitic_len(&text[i..]).is_some() {
                    break;
                }
                // "n't" stays with its verb; O'Brien stays whole.
            }
            '&' if next_alnum && i > start && (i - start) <= 2 => {
                // AT&T, S&P.
                let upper = text[start..i].chars().all(|c| c.is_uppercase());
                if !upper {
                    break;
                }
            }
            _ => break,
        }
        i += c.len_utf8();
    }
    // A trailing period belongs to dotted abbreviations and known abbreviations.
    if bytes.get(i) == Some(&b'.') && bytes.get(i + 1) != Some(&b'.') {
        let word = &text[start..i];
        let last_single = text[seg_start..i].chars().count() == 1;
        let letters = word.chars().next().is_some_and(char::is_alphabetic);
        let initial = word.chars().count() == 1 && letters && word.chars().all(char::is_uppercase);
        let dotted = has_dot && all_single && last_single && letters;
        let known = word.len() <= 8 && ABBREV_SET.has(&word.to_ascii_lowercase());
        if initial || dotted || known {
            i += 1;
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::byte_tokens;

    fn check(input: &str, expected: &[&str]) {
        let got: Vec<&str> = byte_tokens(input)
            .iter()
            .map(|&(s, e)| &input[s..e])
            .collect();
        assert_eq!(got, expected, "tokenizing {input:?}");
    }

    #[test]
    fn tokens() {
        check(
            "the U.S. and North Korea's troops",
            &["the", "U.S.", "and", "North", "Korea", "'s", "troops"],
        );
        check(
            "North Korea’s backing",
            &["North", "Korea", "’s", "backing"],
        );
        check("Cho Tae-yul said.", &["Cho", "Tae-yul", "said", "."]);
        check(
            "Mr. Borrell, 3.5% of 1,000",
            &["Mr.", "Borrell", ",", "3.5", "%", "of", "1,000"],
        );
        check("at 15:05 IST", &["at", "15:05", "IST"]);
        check("3:30 p.m. EST", &["3:30", "p.m.", "EST"]);
        check("Nov. 3, 2024-11-03", &["Nov.", "3", ",", "2024-11-03"]);
        check("don't O'Brien we'll", &["don't", "O'Brien", "we", "'ll"]);
        check("end... \"Quote\"", &["end", "...", "\"", "Quote", "\""]);
        check("J. R. R. Tolkien", &["J.", "R.", "R.", "Tolkien"]);
        check("ministers’ meeting", &["ministers", "’", "meeting"]);
        check("AT&T and S&P", &["AT&T", "and", "S&P"]);
        check("", &[]);
    }
}
