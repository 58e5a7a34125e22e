//! Tense of the clause around a date expression, to resolve "Sunday" or "in March" to the past
//! or future occurrence.

/// The tense a relative expression should be read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    /// Past-tense cue nearest ("said", "was", "-ed").
    Past,
    /// Future cue nearest ("will", "plans to", "next").
    Future,
    /// No cue.
    None,
}

const FUTURE: &[&str] = &[
    "will",
    "shall",
    "'ll",
    "going",
    "plans",
    "plan",
    "planned",
    "scheduled",
    "expected",
    "upcoming",
    "due",
    "intends",
    "aims",
    "set",
    "forthcoming",
    "later",
];
const PAST: &[&str] = &[
    "was", "were", "had", "did", "said", "told", "met", "held", "took", "gave", "made", "went",
    "came", "wrote", "ago", "earlier", "saw", "began", "won", "lost", "left", "spoke", "sent",
    "became", "fell", "rose", "paid", "found", "led", "got", "knew", "thought", "brought", "hit",
    "cut", "put", "quit", "kept", "ran", "sold", "bought", "struck", "shot", "died", "been",
];

fn cue(word: &str) -> Tense {
    let w = word.to_ascii_lowercase();
    if FUTURE.contains(&w.as_str()) {
        Tense::Future
    } else if PAST.contains(&w.as_str()) || (w.len() > 4 && w.ends_with("ed") && w != "need") {
        Tense::Past
    } else {
        Tense::None
    }
}

/// The tense cue nearest to the expression at `s..e` within its sentence `sentence` (byte spans).
pub(crate) fn tense_at(text: &str, sentence: (usize, usize), s: usize, e: usize) -> Tense {
    let before = text.get(sentence.0..s).unwrap_or("");
    let after = text.get(e..sentence.1).unwrap_or("");
    let words = |t: &str| -> Vec<Tense> {
        t.split(|c: char| !(c.is_alphanumeric() || c == '\''))
            .filter(|w| !w.is_empty())
            .map(cue)
            .collect()
    };
    let left: Vec<Tense> = words(before).into_iter().rev().collect();
    let right = words(after);
    for d in 0..left.len().max(right.len()) {
        if let Some(&t) = left.get(d).filter(|t| **t != Tense::None) {
            return t;
        }
        if let Some(&t) = right.get(d).filter(|t| **t != Tense::None) {
            return t;
        }
    }
    Tense::None
}
