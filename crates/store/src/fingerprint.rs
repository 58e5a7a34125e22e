//! Derived article facts the schema stores for grouping and counting: the normalised body hash
//! that puts exact duplicates in one cluster, and the paragraph count.
//!
//! The hash is FNV-1a 128 written out here rather than a library hasher, because the value is
//! persisted and must never change between Rust or crate versions.

/// FNV-1a 128-bit offset basis.
const FNV_OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
/// FNV-1a 128-bit prime.
const FNV_PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;

/// Hex hash of the body after normalisation (case-folded, only letters and digits, words
/// separated by one space), or `None` when nothing is left to compare.
pub(crate) fn body_hash(body: &str) -> Option<String> {
    let mut hash = FNV_OFFSET;
    let mut empty = true;
    let mut pending_space = false;
    let mut buf = [0u8; 4];
    for c in body.chars() {
        if !c.is_alphanumeric() {
            pending_space = !empty;
            continue;
        }
        if pending_space {
            hash = fnv_step(hash, b" ");
            pending_space = false;
        }
        for lower in c.to_lowercase() {
            hash = fnv_step(hash, lower.encode_utf8(&mut buf).as_bytes());
        }
        empty = false;
    }
    (!empty).then(|| format!("{hash:032x}"))
}

/// Feeds bytes into an FNV-1a state.
fn fnv_step(mut hash: u128, bytes: &[u8]) -> u128 {
    for &b in bytes {
        hash ^= u128::from(b);
        hash = hash.wrapping_mul(FNV_PRIME);
    }
    hash
}

/// Number of non-empty paragraphs (blocks separated by a blank line).
pub(crate) fn paragraphs(body: &str) -> usize {
    body.split("\n\n").filter(|p| !p.trim().is_empty()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_ignores_case_spacing_and_punctuation() {
        let a = body_hash("Seoul, Nov 3 — The talks ended.\n\nMore follows.");
        let b = body_hash("SEOUL Nov 3 The talks ended\nMore   follows!");
        assert_eq!(a, b);
        assert_ne!(a, body_hash("Seoul Nov 4 The talks ended More follows"));
        assert_eq!(body_hash(" ... "), None);
    }

    #[test]
    fn counts_paragraphs() {
        assert_eq!(paragraphs("One.\n\nTwo.\n\n\n\nThree."), 3);
        assert_eq!(paragraphs(""), 0);
    }
}
