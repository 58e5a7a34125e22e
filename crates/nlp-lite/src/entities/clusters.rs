//! Word clusters learned from unlabeled text: a table from words to class ids at several
//! granularities, used as features by the entity model (Turian et al. 2010; Ratinov & Roth
//! 2009).
//!
//! `model/clusters.bin` (written by [`super::exchange::train_clusters`]) is embedded in the
//! binary and decoded on first use. Words are looked up by [`Clusters::get`] under the key the
//! table was built with: digits folded to `0` and, when the table is lowercased, ASCII letters
//! lowercased. Words the table does not know have no cluster. The file holds a 64-bit hash of
//! each key, not the word: like the tagger's weights, it carries no text of the data it was
//! learned from.

use std::borrow::Cow;
use std::sync::LazyLock;

use rustc_hash::FxHashMap as HashMap;

use super::perceptron::{get_varint, put_varint};

static CLUSTER_BYTES: &[u8] = include_bytes!("../../model/clusters.bin");

/// The embedded cluster table (empty when the build carries no valid table).
pub(crate) static CLUSTERS: LazyLock<Clusters> =
    LazyLock::new(|| Clusters::decode(CLUSTER_BYTES).unwrap_or_default());

/// File magic and version.
const MAGIC: &[u8; 8] = b"NLCLU\x00\x00\x02";

/// Most granularities a table may hold.
pub(crate) const MAX_GRAINS: usize = 8;

/// Word → class ids, one per granularity.
#[derive(Default)]
pub(crate) struct Clusters {
    /// Keys are lowercased (else case-sensitive).
    lowercase: bool,
    /// Number of granularities.
    grains: usize,
    /// Hash of a word key (see [`key_hash`]) → index of its first class id in `ids`.
    index: HashMap<u64, u32>,
    /// Class ids, `grains` per word.
    ids: Vec<u16>,
}

/// The table key of `word`: digits folded to `0` and, with `lowercase`, ASCII letters
/// lowercased.
pub(crate) fn key(word: &str, lowercase: bool) -> Cow<'_, str> {
    let fold = |b: u8| b.is_ascii_digit() || (lowercase && b.is_ascii_uppercase());
    if !word.bytes().any(fold) {
        return Cow::Borrowed(word);
    }
    let folded = word
        .chars()
        .map(|c| {
            if c.is_ascii_digit() {
                '0'
            } else if lowercase {
                c.to_ascii_lowercase()
            } else {
                c
            }
        })
        .collect();
    Cow::Owned(folded)
}

/// A stable 64-bit hash of a word key (FNV-1a): the same in every build, so tables stay valid.
pub(crate) fn key_hash(key: &str) -> u64 {
    key.bytes().fold(FNV_OFFSET, fnv_step)
}

/// The FNV-1a offset basis.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// One FNV-1a step.
fn fnv_step(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
}

/// `key_hash(&key(word, lowercase))` without building the key: the folding only maps ASCII
/// bytes to ASCII bytes, so it can be applied byte by byte as the hash reads them.
fn folded_key_hash(word: &str, lowercase: bool) -> u64 {
    word.bytes().fold(FNV_OFFSET, |h, b| {
        let b = if b.is_ascii_digit() {
            b'0'
        } else if lowercase {
            b.to_ascii_lowercase()
        } else {
            b
        };
        fnv_step(h, b)
    })
}

impl Clusters {
    /// The class ids of `word` (one per granularity, coarsest first), when the table knows it.
    pub(crate) fn get(&self, word: &str) -> Option<&[u16]> {
        let &i = self.index.get(&folded_key_hash(word, self.lowercase))?;
        let i = i as usize;
        self.ids.get(i..i + self.grains)
    }

    /// Encodes a table: `words` (keys) in order, each with `ids[k * grains..(k + 1) * grains]`;
    /// the words themselves are stored as hashes.
    pub(crate) fn encode(
        lowercase: bool,
        grains: &[u16],
        words: &[String],
        ids: &[u16],
    ) -> Vec<u8> {
        let mut out = Vec::with_capacity(words.len() * 14 + 64);
        out.extend_from_slice(MAGIC);
        out.push(u8::from(lowercase));
        out.push(grains.len() as u8);
        for &g in grains {
            out.extend_from_slice(&g.to_le_bytes());
        }
        put_varint(&mut out, words.len() as u64);
        for (w, cls) in words.iter().zip(ids.chunks(grains.len().max(1))) {
            out.extend_from_slice(&key_hash(w).to_le_bytes());
            for &c in cls {
                put_varint(&mut out, u64::from(c));
            }
        }
        out
    }

    /// Decodes a table written by [`Clusters::encode`]; `None` when the bytes are not one.
    pub(crate) fn decode(data: &[u8]) -> Option<Clusters> {
        if data.get(..MAGIC.len())? != MAGIC {
            return None;
        }
        let mut pos = MAGIC.len();
        let lowercase = *data.get(pos)? != 0;
        let grains = usize::from(*data.get(pos + 1)?);
        pos += 2 + 2 * grains;
        if !(1..=MAX_GRAINS).contains(&grains) || pos > data.len() {
            return None;
        }
        let n = usize::try_from(get_varint(data, &mut pos)?).ok()?;
        let mut index = HashMap::default();
        index.reserve(n.min(1 << 20));
        let mut ids = Vec::with_capacity(n.min(1 << 20) * grains);
        for _ in 0..n {
            let hash = u64::from_le_bytes(data.get(pos..pos + 8)?.try_into().ok()?);
            pos += 8;
            index.insert(hash, u32::try_from(ids.len()).ok()?);
            for _ in 0..grains {
                ids.push(u16::try_from(get_varint(data, &mut pos)?).ok()?);
            }
        }
        Some(Clusters {
            lowercase,
            grains,
            index,
            ids,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_digits_and_case() {
        assert_eq!(key("Seoul", false), "Seoul");
        assert_eq!(key("Seoul", true), "seoul");
        assert_eq!(key("1996", false), "0000");
        assert_eq!(key("B52s", true), "b00s");
        for w in ["Seoul", "B52s", "Tae-yul", "Zürich", "1,000", ""] {
            for lowercase in [false, true] {
                assert_eq!(
                    folded_key_hash(w, lowercase),
                    key_hash(&key(w, lowercase)),
                    "{w}"
                );
            }
        }
    }

    #[test]
    fn table_round_trip() {
        let words = vec!["Seoul".to_string(), "0000".to_string()];
        let bytes = Clusters::encode(false, &[4, 300], &words, &[1, 200, 3, 299]);
        let t = Clusters::decode(&bytes).expect("decodes");
        assert_eq!(t.get("Seoul"), Some(&[1u16, 200][..]));
        assert_eq!(t.get("1996"), Some(&[3u16, 299][..]));
        assert_eq!(t.get("seoul"), None);
        for cut in 0..bytes.len() {
            let _ = Clusters::decode(&bytes[..cut]);
        }
        assert!(Clusters::decode(b"garbage").is_none());
    }
}
