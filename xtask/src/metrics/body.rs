//! The article-body metric of scrapinghub/article-extraction-benchmark (`evaluate.py`), as
//! specified in `../shared/data/extract-dev/README.md`.
//!
//! Tokens are maximal runs of word characters — Unicode general category L* or N*, or `_`
//! (Python 3 `re` `\w`) — with no case folding and no normalisation. Shingles are the 4-token
//! windows (one shorter shingle for 1–3 tokens, none for 0), counted as a multiset. Page
//! precision and recall come from the multiset overlap; the set's P is the mean page precision
//! over pages with a non-empty prediction, R the mean page recall over pages with a non-empty
//! truth, and F1 = 2PR/(P+R) of those means.

use std::collections::HashMap;

use unicode_general_category::{get_general_category, GeneralCategory as G};

/// Whether `c` is a Python `\w` character: a letter, a number, or `_`.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        // In ASCII only the letters and digits are L* or N*.
        return c.is_ascii_alphanumeric() || c == '_';
    }
    matches!(
        get_general_category(c),
        G::UppercaseLetter
            | G::LowercaseLetter
            | G::TitlecaseLetter
            | G::ModifierLetter
            | G::OtherLetter
            | G::DecimalNumber
            | G::LetterNumber
            | G::OtherNumber
    )
}

/// The `\w+` tokens of `text`, in order.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// The shingle multiset of a token list: each shingle (a token slice) with its count.
fn shingles<'a, 't>(toks: &'a [&'t str]) -> HashMap<&'a [&'t str], usize> {
    let mut out = HashMap::new();
    if toks.len() >= 4 {
        for w in toks.windows(4) {
            *out.entry(w).or_insert(0) += 1;
        }
    } else if !toks.is_empty() {
        out.insert(toks, 1);
    }
    out
}

/// The shingle overlap of one page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageScore {
    /// Shingles in both (Σ min of counts).
    pub tp: usize,
    /// Predicted shingles in excess of the truth.
    pub fp: usize,
    /// True shingles in excess of the prediction.
    pub fn_: usize,
    /// Whether the whole token sequences are equal.
    pub exact: bool,
}

impl PageScore {
    /// Page precision: 1 for identical multisets, 0 when nothing is right, else tp/(tp+fp).
    pub fn precision(&self) -> f64 {
        if self.fp == 0 && self.fn_ == 0 {
            1.0
        } else if self.tp == 0 && self.fp == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }

    /// Page recall: 1 for identical multisets, 0 when nothing is right, else tp/(tp+fn).
    pub fn recall(&self) -> f64 {
        if self.fp == 0 && self.fn_ == 0 {
            1.0
        } else if self.tp == 0 && self.fn_ == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }

    /// Per-page F1 for diagnostics: 2pr/(p+r), 0 when both are 0.
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }

    /// Number of predicted shingles.
    pub fn predicted(&self) -> usize {
        self.tp + self.fp
    }

    /// Number of true shingles.
    pub fn truth(&self) -> usize {
        self.tp + self.fn_
    }
}

/// 2pr/(p+r), or 0 when both are 0.
pub fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// Scores one predicted body against the true one.
pub fn score_page(truth: &str, predicted: &str) -> PageScore {
    let t_toks = tokens(truth);
    let p_toks = tokens(predicted);
    let t = shingles(&t_toks);
    let p = shingles(&p_toks);
    let mut s = PageScore {
        exact: t_toks == p_toks,
        ..PageScore::default()
    };
    for (sh, &tc) in &t {
        let pc = p.get(sh).copied().unwrap_or(0);
        s.tp += tc.min(pc);
        s.fn_ += tc.saturating_sub(pc);
    }
    for (sh, &pc) in &p {
        s.fp += pc.saturating_sub(t.get(sh).copied().unwrap_or(0));
    }
    s
}

/// Set-level figures over a list of page scores.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Summary {
    /// Pages scored.
    pub pages: usize,
    /// Mean page precision over pages with a non-empty prediction (None if there are none).
    pub precision: Option<f64>,
    /// Mean page recall over pages with a non-empty truth (None if there are none).
    pub recall: Option<f64>,
    /// Share of pages whose token sequence equals the truth's.
    pub accuracy: Option<f64>,
}

impl Summary {
    /// F1 of the two means.
    pub fn f1(&self) -> Option<f64> {
        Some(f1(self.precision?, self.recall?))
    }
}

/// P, R and accuracy over `pages`, as in `evaluate.py`.
pub fn summarise<'a>(pages: impl IntoIterator<Item = &'a PageScore>) -> Summary {
    let (mut n, mut exact) = (0usize, 0usize);
    let (mut sp, mut np, mut sr, mut nr) = (0.0, 0usize, 0.0, 0usize);
    for s in pages {
        n += 1;
        exact += usize::from(s.exact);
        if s.predicted() > 0 {
            sp += s.precision();
            np += 1;
        }
        if s.truth() > 0 {
            sr += s.recall();
            nr += 1;
        }
    }
    Summary {
        pages: n,
        precision: (np > 0).then(|| sp / np as f64),
        recall: (nr > 0).then(|| sr / nr as f64),
        accuracy: (n > 0).then(|| exact as f64 / n as f64),
    }
}

/// Bootstrap standard deviations of (P, R, F1): `rounds` resamples of the pages with
/// replacement, drawn from a fixed-seed generator so runs are reproducible.
pub fn bootstrap(pages: &[PageScore], rounds: usize) -> Option<(f64, f64, f64)> {
    if pages.is_empty() || rounds < 2 {
        return None;
    }
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        // SplitMix64.
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut samples = Vec::with_capacity(rounds);
    let mut pick = Vec::with_capacity(pages.len());
    for _ in 0..rounds {
        pick.clear();
        pick.extend((0..pages.len()).map(|_| &pages[(next() % pages.len() as u64) as usize]));
        let s = summarise(pick.iter().copied());
        samples.push((s.precision?, s.recall?, s.f1()?));
    }
    let sd = |f: fn(&(f64, f64, f64)) -> f64| {
        let mean = samples.iter().map(f).sum::<f64>() / samples.len() as f64;
        let var =
            samples.iter().map(|x| (f(x) - mean).powi(2)).sum::<f64>() / (samples.len() - 1) as f64;
        var.sqrt()
    };
    Some((sd(|x| x.0), sd(|x| x.1), sd(|x| x.2)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 5e-5
    }

    #[test]
    fn tokens_follow_python_word_chars() {
        assert_eq!(
            tokens("it's well-known, x_y!"),
            vec!["it", "s", "well", "known", "x_y"]
        );
        // A combining accent splits the word; combining vowel signs split Devanagari.
        assert_eq!(tokens("cafe\u{0301}s"), vec!["cafe", "s"]);
        assert_eq!(tokens("नमस्ते"), vec!["नमस", "त"]);
        // Circled letters are symbols (So) for Python, unlike char::is_alphanumeric.
        assert_eq!(tokens("Ⓐb ½ ²"), vec!["b", "½", "²"]);
        assert!(tokens("  ...  ").is_empty());
    }

    #[test]
    fn ascii_fast_path_agrees_with_the_category_table() {
        for b in 0u8..128 {
            let c = char::from(b);
            let by_category = c == '_'
                || matches!(
                    get_general_category(c),
                    G::UppercaseLetter | G::LowercaseLetter | G::DecimalNumber
                );
            assert_eq!(is_word_char(c), by_category, "{c:?}");
        }
    }

    #[test]
    fn worked_example_menu_prefix() {
        let s = score_page("The cat sat on the mat.", "Menu. The cat sat on the mat.");
        assert_eq!((s.tp, s.fp, s.fn_), (3, 1, 0));
        assert!(close(s.precision(), 0.75));
        assert!(close(s.recall(), 1.0));
    }

    #[test]
    fn worked_example_hello_world() {
        let s = score_page("Hello world", "Hello, world!");
        assert_eq!((s.precision(), s.recall()), (1.0, 1.0));
        assert!(s.exact);
        let s = score_page("Hello world", "hello world");
        assert_eq!((s.precision(), s.recall()), (0.0, 0.0));
        assert!(!s.exact);
    }

    #[test]
    fn worked_example_three_pages() {
        let pages = [
            score_page("one two three four five", "one two three four five six"),
            score_page("alpha beta gamma delta", ""),
            score_page("x y z w v", "x y z w v"),
        ];
        assert!(close(pages[0].precision(), 2.0 / 3.0));
        assert_eq!(pages[1].predicted(), 0);
        let s = summarise(&pages);
        assert!(close(s.precision.unwrap(), 0.8333));
        assert!(close(s.recall.unwrap(), 0.6667));
        assert!(close(s.f1().unwrap(), 0.7407));
        assert!(close(s.accuracy.unwrap(), 1.0 / 3.0));
    }

    #[test]
    fn repeated_shingles_count_as_a_multiset() {
        let s = score_page("a b c d a b c d", "a b c d");
        assert_eq!((s.tp, s.fp, s.fn_), (1, 0, 4));
        let s = score_page("", "");
        assert_eq!(
            (s.precision(), s.recall(), s.predicted(), s.truth()),
            (1.0, 1.0, 0, 0)
        );
    }

    #[test]
    fn bootstrap_is_deterministic_and_zero_for_identical_pages() {
        let pages = vec![score_page("a b c d e", "a b c d e"); 10];
        assert_eq!(bootstrap(&pages, 50), Some((0.0, 0.0, 0.0)));
        let mixed = [
            score_page("a b c d e", "a b c d"),
            score_page("a b c d e", "x y z w"),
        ];
        assert_eq!(bootstrap(&mixed, 50), bootstrap(&mixed, 50));
    }
}
