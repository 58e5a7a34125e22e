//! Headlines that a style sheet printed in capitals ("GYM WORKOUTS FOR BEGINNERS"), written
//! back the way the page's own text writes them.
//!
//! A plain-text dump keeps what the browser showed, so a headline set in capitals by CSS comes
//! out shouted although the page's markup (and every other copy of the story) has it in title
//! case. Each word takes the form the article body gives it (acronyms stay in capitals,
//! "iPhone" keeps its shape); any other word is title-cased, with short function words in
//! lower case after the first word of the headline or of a part after a colon or a question.

use rustc_hash::FxHashMap;

use crate::blocks::trim_to_alphanumeric;

/// Function words that title case leaves in lower case inside a headline.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of",
    "off", "on", "per", "to", "up", "via", "vs", "vs.", "from", "with", "into",
];

/// Whether a headline is shouted: three or more words, and at least nine letters in ten
/// capitals.
pub(crate) fn is_shouted(title: &str) -> bool {
    let (mut letters, mut upper) = (0usize, 0usize);
    for c in title.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        upper += usize::from(c.is_uppercase());
    }
    title.split_whitespace().nth(2).is_some() && letters >= 8 && upper * 10 >= letters * 9
}

/// How the body writes one word: in capitals, in some other shape with capitals inside
/// ("iPhone", "McNally"), or otherwise.
#[derive(Default)]
struct Forms {
    capitals: usize,
    inner: Option<String>,
    other: usize,
}

/// The shouted `title` written as `body` writes its words, else in title case.
pub(crate) fn unshout_title(title: &str, body: &str) -> String {
    let key = |w: &str| w.to_lowercase();
    let mut forms: FxHashMap<String, Forms> = title
        .split_whitespace()
        .flat_map(|w| w.split('-'))
        .map(trim_to_alphanumeric)
        .filter(|c| c.chars().any(char::is_alphabetic))
        .map(|c| (key(c), Forms::default()))
        .collect();
    // Shouted subheadings say nothing of how the page writes a word.
    let written = body.lines().filter(|line| !is_shouted(line));
    let words = written
        .flat_map(|line| line.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’'));
    for word in words {
        let word = trim_to_alphanumeric(word);
        let Some(f) = forms.get_mut(&key(word)) else {
            continue;
        };
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let uppers = word.chars().filter(|c| c.is_uppercase()).count();
        if letters >= 2 && uppers == letters {
            f.capitals += 1;
        } else if word.chars().skip(1).any(char::is_uppercase) {
            f.inner.get_or_insert_with(|| word.to_owned());
        } else {
            f.other += 1;
        }
    }
    let mut out = String::with_capacity(title.len());
    let mut opens = true;
    for (k, word) in title.split_whitespace().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        let parts: Vec<String> = word
            .split('-')
            .enumerate()
            .map(|(p, part)| recase(part, opens || p > 0, &forms))
            .collect();
        out.push_str(&parts.join("-"));
        opens = word.ends_with([':', '?', '!', '.']) || matches!(word, "–" | "—" | "|");
    }
    out
}

/// One word (or hyphen part) of a shouted title in the case the body writes it, else title
/// case; `opens`: whether it opens the title or a part of it.
fn recase(word: &str, opens: bool, forms: &FxHashMap<String, Forms>) -> String {
    let bare = trim_to_alphanumeric(word);
    let Some(at) = word.find(bare).filter(|_| !bare.is_empty()) else {
        return word.to_owned();
    };
    let (before, after) = (&word[..at], &word[at + bare.len()..]);
    let lower = bare.to_lowercase();
    // "J.D.", "U.S.": an initialism keeps its capitals.
    if bare.contains('.') {
        return word.to_owned();
    }
    let written = match forms.get(&lower) {
        Some(f) if f.capitals > f.other && f.capitals > 0 => bare.to_owned(),
        Some(Forms {
            inner: Some(shape), ..
        }) => shape.clone(),
        _ if !opens && SMALL_WORDS.contains(&lower.as_str()) => lower,
        _ => {
            let mut chars = lower.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
    };
    format!("{before}{written}{after}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shouted_titles() {
        assert!(is_shouted("GYM WORKOUTS FOR BEGINNERS"));
        assert!(!is_shouted("Gym Workouts for Beginners"));
        assert!(!is_shouted("GAME CHANGER"));
        assert!(!is_shouted("US News MBA Rankings: Full Programs"));
    }

    #[test]
    fn title_case_with_small_words() {
        assert_eq!(
            unshout_title("GYM WORKOUTS FOR BEGINNERS", "Start slow."),
            "Gym Workouts for Beginners"
        );
        assert_eq!(
            unshout_title("HOW MUCH DOES A REMODEL COST? A GUIDE TO BUDGETS", ""),
            "How Much Does a Remodel Cost? A Guide to Budgets"
        );
        assert_eq!(
            unshout_title("WHAT’S CHANGING IN LOW-LIGHT CODES", ""),
            "What’s Changing in Low-Light Codes"
        );
        assert_eq!(
            unshout_title("THE J.D. POWER STUDY", ""),
            "The J.D. Power Study"
        );
    }

    #[test]
    fn words_the_body_writes_its_own_way() {
        let body = "The MBA rankings from US News list the iPhone makers. An MBA is costly; \
                    rankings change.\n\nTHE RANKINGS THIS YEAR\n\nRankings fell.";
        assert_eq!(
            unshout_title("US NEWS MBA RANKINGS: IPHONE MAKERS", body),
            "US News MBA Rankings: iPhone Makers"
        );
    }
}
