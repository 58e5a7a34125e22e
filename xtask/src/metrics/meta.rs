//! Title, author and date comparison: exact match after the normalisation of
//! `../shared/data/README.md` — Unicode NFKC, typographic quotes and dashes mapped to ASCII
//! (’‘ → ', “” → ", – — → -), white space collapsed and trimmed. Authors compare as sets.

use std::collections::BTreeSet;

use unicode_normalization::UnicodeNormalization;

/// `s` normalised for exact comparison.
pub fn normalise(s: &str) -> String {
    let mapped: String = s
        .nfkc()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether two strings are equal after normalisation.
pub fn same(a: &str, b: &str) -> bool {
    normalise(a) == normalise(b)
}

/// Whether two author lists name the same set of people after normalisation.
pub fn same_set<A: AsRef<str>, B: AsRef<str>>(a: &[A], b: &[B]) -> bool {
    let set = |xs: &mut dyn Iterator<Item = &str>| -> BTreeSet<String> {
        xs.map(normalise).filter(|s| !s.is_empty()).collect()
    };
    set(&mut a.iter().map(AsRef::as_ref)) == set(&mut b.iter().map(AsRef::as_ref))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_quotes_dashes_space_and_compatibility_forms() {
        assert_eq!(
            normalise("  EU\u{2019}s  \u{201C}deal\u{201D} \u{2013} now\n"),
            "EU's \"deal\" - now"
        );
        assert_eq!(normalise("\u{FB01}nance\u{00A0}week"), "finance week");
        assert!(same("A\u{2014}B", "A-B"));
        assert!(!same("Hello", "hello"));
    }

    #[test]
    fn authors_compare_as_sets() {
        assert!(same_set(&["Ann Lee", "Bo Kim"], &["Bo  Kim", "Ann Lee"]));
        assert!(!same_set(&["Ann Lee"], &["Ann Lee", "Bo Kim"]));
        assert!(same_set::<&str, &str>(&[], &[]));
    }
}
