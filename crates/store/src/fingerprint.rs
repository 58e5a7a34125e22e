//! Derived article facts the schema stores for grouping and counting: the normalised body hash
//! that marks exact copies, the near-duplicate [`Fingerprint`] (SimHash + MinHash over word
//! 3-shingles) that clusters syndicated versions, and the paragraph count.
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
    scan::<true, false>(body).body_hash()
}

/// [`body_hash`] of `body`, and its [`Fingerprint::of`] unless one is given: the writer's
/// derived facts in one pass over the words when it has to compute both.
pub(crate) fn hash_and_print(
    body: &str,
    print: Option<Fingerprint>,
) -> (Option<String>, Option<Fingerprint>) {
    if print.is_some() {
        return (body_hash(body), print);
    }
    let words = scan::<true, true>(body);
    (words.body_hash(), words.fingerprint())
}

/// One pass over the words of a body: maximal runs of alphanumeric characters, lower-cased.
/// ASCII, nearly all of most bodies, goes byte by byte through a table; anything else as a char.
/// `HASH` computes the body hash, `LIST` the hash of each word. Never inlined, so that its
/// state stays in registers rather than competing with a large caller's.
#[inline(never)]
fn scan<const HASH: bool, const LIST: bool>(body: &str) -> Words {
    let mut words = Words::new(if LIST { body.len() / 6 } else { 0 });
    let bytes = body.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let folded = ASCII_FOLD[usize::from(b)];
        if folded != 0 {
            words.byte::<HASH, LIST>(folded);
            i += 1;
        } else if b.is_ascii() {
            words.end::<LIST>();
            i += 1;
        } else {
            let c = body
                .get(i..)
                .and_then(|rest| rest.chars().next())
                .unwrap_or(char::REPLACEMENT_CHARACTER);
            i += c.len_utf8();
            if !c.is_alphanumeric() {
                words.end::<LIST>();
                continue;
            }
            let mut buf = [0u8; 4];
            for lower in c.to_lowercase() {
                for &b in lower.encode_utf8(&mut buf).as_bytes() {
                    words.byte::<HASH, LIST>(b);
                }
            }
        }
    }
    words.end::<LIST>();
    words
}

/// Each byte in lower case when it is an ASCII letter or digit, else 0 (every non-ASCII byte too).
const ASCII_FOLD: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() {
            table[b] = byte.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// The state of [`scan`]: the body hash (FNV-1a 128 of the words joined by single spaces) and
/// the FNV-1a 64 hash of each word.
struct Words {
    /// The body hash so far.
    hash: u128,
    /// Whether any byte was hashed.
    empty: bool,
    /// Whether the last byte seen belongs to a word.
    in_word: bool,
    /// The hash of the current word so far.
    word: u64,
    /// The hashes of the complete words.
    hashes: Vec<u64>,
}

impl Words {
    /// The state before the first byte, with room for `capacity` word hashes.
    fn new(capacity: usize) -> Words {
        Words {
            hash: FNV_OFFSET,
            empty: true,
            in_word: false,
            word: FNV64_OFFSET,
            hashes: Vec::with_capacity(capacity),
        }
    }

    /// Adds one byte of a word; the first byte of a word after another is preceded by a space.
    #[inline(always)]
    fn byte<const HASH: bool, const LIST: bool>(&mut self, b: u8) {
        if !self.in_word {
            if HASH && !self.empty {
                self.hash = fnv_byte(self.hash, b' ');
            }
            self.in_word = true;
            self.empty = false;
        }
        if HASH {
            self.hash = fnv_byte(self.hash, b);
        }
        if LIST {
            self.word = fnv64_byte(self.word, b);
        }
    }

    /// Ends the current word, if there is one.
    #[inline(always)]
    fn end<const LIST: bool>(&mut self) {
        if self.in_word {
            if LIST {
                self.hashes.push(self.word);
                self.word = FNV64_OFFSET;
            }
            self.in_word = false;
        }
    }

    /// The hex body hash, or `None` when there were no words.
    fn body_hash(&self) -> Option<String> {
        (!self.empty).then(|| format!("{:032x}", self.hash))
    }

    /// The fingerprint of the words' 3-shingles, or `None` when there were no words.
    fn fingerprint(&self) -> Option<Fingerprint> {
        let words = &self.hashes;
        if words.is_empty() {
            return None;
        }
        let mut sketch = Sketch::new();
        if words.len() < SHINGLE {
            sketch.add(words.iter().fold(0, |acc, &w| acc.rotate_left(21) ^ w));
        } else {
            for w in words.windows(SHINGLE) {
                sketch.add(w[0] ^ w[1].rotate_left(21) ^ w[2].rotate_left(42));
            }
        }
        Some(sketch.finish())
    }
}

/// Feeds one byte into an FNV-1a 128 state.
fn fnv_byte(hash: u128, b: u8) -> u128 {
    let hash = hash ^ u128::from(b);
    // `hash * FNV_PRIME` (mod 2^128), as the prime is 2^88 + 0x13b: a shift and a 64-bit by
    // 128-bit product instead of a full 128-bit multiplication.
    (hash << 88).wrapping_add(hash.wrapping_mul(FNV_PRIME & 0xffff))
}

/// Number of non-empty paragraphs (blocks separated by a blank line).
pub(crate) fn paragraphs(body: &str) -> usize {
    let mut count = 0;
    let mut rest = body;
    loop {
        let (paragraph, next) = match blank_line(rest) {
            Some(at) => (rest.get(..at), rest.get(at + 2..)),
            None => (Some(rest), None),
        };
        count += usize::from(paragraph.is_some_and(|p| !p.trim().is_empty()));
        match next {
            Some(next) => rest = next,
            None => return count,
        }
    }
}

/// The byte offset of the first `"\n\n"` in `text`: found by jumping from newline to newline
/// (`str::find` of a char is a word-at-a-time scan), where a string search looks at every byte.
fn blank_line(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    loop {
        let at = from + text.get(from..)?.find('\n')?;
        if bytes.get(at + 1) == Some(&b'\n') {
            return Some(at);
        }
        from = at + 1;
    }
}

/// Number of MinHash values in a [`Fingerprint`].
pub const MINHASHES: usize = 24;
/// MinHash values per LSH band (so `MINHASHES / MINHASH_ROWS` bands).
const MINHASH_ROWS: usize = 2;
/// SimHash bands of 16 bits each.
const SIMHASH_BANDS: usize = 4;
/// Band keys per fingerprint ([`Fingerprint::band_keys`]).
pub(crate) const BANDS: usize = SIMHASH_BANDS + MINHASHES / MINHASH_ROWS;
/// Words per shingle.
const SHINGLE: usize = 3;
/// Two bodies are near-duplicates from this estimated shingle Jaccard similarity up.
pub const MIN_SIMILARITY: f64 = 0.5;
/// Two bodies are near-duplicates up to this SimHash Hamming distance, whatever the MinHash says.
pub const MAX_HAMMING: u32 = 6;

/// The near-duplicate fingerprint of a body: a 64-bit SimHash and a MinHash sketch, both over
/// word 3-shingles of the normalised body (case-folded letters and digits). Cheap to compute
/// (one pass over the words), so workers or the writer can call [`Fingerprint::of`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    /// 64-bit SimHash of the shingles.
    pub simhash: u64,
    /// MinHash sketch: the smallest hash of the shingles under each of [`MINHASHES`] seeds.
    pub minhash: [u32; MINHASHES],
}

impl Fingerprint {
    /// The fingerprint of `body`, or `None` when it has no words.
    pub fn of(body: &str) -> Option<Fingerprint> {
        scan::<false, true>(body).fingerprint()
    }

    /// The LSH bucket keys: one per 16-bit SimHash band and one per band of MinHash rows. Two
    /// near-duplicates share at least one key with high probability; unrelated bodies rarely do.
    pub fn band_keys(&self) -> Vec<i64> {
        let mut keys = Vec::with_capacity(BANDS);
        for band in 0..SIMHASH_BANDS {
            let value = self.simhash >> (16 * band) & 0xffff;
            keys.push(key(band as u64, value));
        }
        for (band, rows) in self.minhash.chunks(MINHASH_ROWS).enumerate() {
            let value = rows.iter().fold(0u64, |acc, &r| mix(acc ^ u64::from(r)));
            keys.push(key((SIMHASH_BANDS + band) as u64, value));
        }
        keys
    }

    /// Estimated Jaccard similarity of the two bodies' shingle sets (share of equal MinHashes).
    pub fn similarity(&self, other: &Fingerprint) -> f64 {
        let same = self
            .minhash
            .iter()
            .zip(&other.minhash)
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / MINHASHES as f64
    }

    /// Hamming distance between the two SimHashes.
    pub fn hamming(&self, other: &Fingerprint) -> u32 {
        (self.simhash ^ other.simhash).count_ones()
    }

    /// Whether the two bodies are near-duplicates: close SimHashes or a high estimated Jaccard.
    pub fn is_near_duplicate(&self, other: &Fingerprint) -> bool {
        self.hamming(other) <= MAX_HAMMING || self.similarity(other) >= MIN_SIMILARITY
    }

    /// The MinHash sketch as little-endian bytes, for a BLOB column.
    pub fn minhash_bytes(&self) -> Vec<u8> {
        self.minhash.iter().flat_map(|m| m.to_le_bytes()).collect()
    }

    /// Rebuilds a fingerprint from its stored SimHash and MinHash bytes.
    pub fn from_parts(simhash: i64, minhash: &[u8]) -> Option<Fingerprint> {
        if minhash.len() != MINHASHES * 4 {
            return None;
        }
        let mut out = [0u32; MINHASHES];
        for (m, chunk) in out.iter_mut().zip(minhash.chunks_exact(4)) {
            *m = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        }
        Some(Fingerprint {
            simhash: simhash as u64,
            minhash: out,
        })
    }
}

/// Groups fingerprints into near-duplicate clusters in memory, in O(n) expected time (band
/// buckets, then a check of each candidate pair): the same rule the writer applies row by row.
/// Returns, per input, the index of its cluster's first member, or `None` when it has no copy.
pub fn cluster(fingerprints: &[Option<Fingerprint>]) -> Vec<Option<usize>> {
    let mut parent: Vec<usize> = (0..fingerprints.len()).collect();
    let mut buckets: std::collections::HashMap<i64, Vec<usize>> = std::collections::HashMap::new();
    let mut linked = vec![false; fingerprints.len()];
    let mut candidates: Vec<usize> = Vec::new();
    for (i, fp) in fingerprints.iter().enumerate() {
        let Some(fp) = fp else { continue };
        candidates.clear();
        let keys = fp.band_keys();
        for k in &keys {
            if let Some(members) = buckets.get(k) {
                candidates.extend(members);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        for &j in &candidates {
            let Some(other) = &fingerprints[j] else {
                continue;
            };
            if fp.is_near_duplicate(other) {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                parent[a.max(b)] = a.min(b);
                linked[i] = true;
                linked[j] = true;
            }
        }
        for k in keys {
            buckets.entry(k).or_default().push(i);
        }
    }
    (0..fingerprints.len())
        .map(|i| linked[i].then(|| find(&mut parent, i)))
        .collect()
}

/// Union-find root with path halving.
fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Seeds of the MinHash functions (fixed: the values are persisted).
const SEEDS: [u64; MINHASHES] = {
    let mut seeds = [0u64; MINHASHES];
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut i = 0;
    while i < MINHASHES {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        seeds[i] = z ^ (z >> 31);
        i += 1;
    }
    seeds
};

/// SplitMix64 finaliser: a fixed, well-mixed 64-bit hash of a 64-bit value.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The bucket key of band `band` holding `value`.
fn key(band: u64, value: u64) -> i64 {
    mix(band.wrapping_mul(0x1000_0000_01b3) ^ value) as i64
}

/// FNV-1a 64-bit offset basis.
const FNV64_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// One FNV-1a 64 step.
fn fnv64_byte(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
}

/// Each byte value with its 8 bits spread into the 8 bytes of a `u64`, so eight SimHash bit
/// counters can be bumped with one addition.
const SPREAD: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let mut bit = 0;
        while bit < 8 {
            if b >> bit & 1 == 1 {
                table[b] |= 1 << (8 * bit);
            }
            bit += 1;
        }
        b += 1;
    }
    table
};

/// The SimHash and MinHash state while a body's shingles are added.
struct Sketch {
    /// Bit counts, 8 per lane (one byte each), flushed into `counts` before a byte can overflow.
    lanes: [u64; 8],
    /// Shingles added to `lanes` since the last flush.
    pending: u32,
    /// How many shingles had each SimHash bit set.
    counts: [u32; 64],
    /// Shingles added.
    shingles: u32,
    /// The smallest hash under each seed so far.
    minhash: [u32; MINHASHES],
}

impl Sketch {
    /// An empty sketch.
    fn new() -> Sketch {
        Sketch {
            lanes: [0; 8],
            pending: 0,
            counts: [0; 64],
            shingles: 0,
            minhash: [u32::MAX; MINHASHES],
        }
    }

    /// Adds one shingle hash.
    fn add(&mut self, shingle: u64) {
        let h = mix(shingle);
        for (j, lane) in self.lanes.iter_mut().enumerate() {
            *lane += SPREAD[(h >> (8 * j) & 0xff) as usize];
        }
        self.pending += 1;
        self.shingles += 1;
        if self.pending == 255 {
            self.flush();
        }
        // Multiply-shift hashing of the mixed value: one multiplication per MinHash.
        for (m, seed) in self.minhash.iter_mut().zip(SEEDS) {
            let v = (h.wrapping_mul(seed | 1).wrapping_add(seed >> 7) >> 32) as u32;
            *m = (*m).min(v);
        }
    }

    /// Moves the lane counts into `counts`.
    fn flush(&mut self) {
        for (j, lane) in self.lanes.iter_mut().enumerate() {
            for bit in 0..8 {
                self.counts[8 * j + bit] += (*lane >> (8 * bit) & 0xff) as u32;
            }
            *lane = 0;
        }
        self.pending = 0;
    }

    /// The fingerprint: each SimHash bit set when more than half the shingles had it.
    fn finish(mut self) -> Fingerprint {
        self.flush();
        let simhash = self.counts.iter().enumerate().fold(0u64, |acc, (bit, &c)| {
            if 2 * c > self.shingles {
                acc | 1 << bit
            } else {
                acc
            }
        });
        Fingerprint {
            simhash,
            minhash: self.minhash,
        }
    }
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
    fn edited_copies_are_near_duplicates_and_other_stories_are_not() {
        let para = |n: usize| {
            format!("Paragraph {n} tells how the council voted on the new bridge after a long debate about its cost and route through the old town.")
        };
        let full: Vec<String> = (0..6).map(para).collect();
        let body = full.join("\n\n");
        let cut = full[..5].join("\n\n");
        let extra = format!("{body}\n\nFollow us for more news every day.");
        let other = "A different story about football results and the weather in the north, with nothing in common.";
        let fp = |s: &str| Fingerprint::of(s).expect("words");
        assert!(fp(&body).is_near_duplicate(&fp(&cut)));
        assert!(fp(&body).is_near_duplicate(&fp(&extra)));
        assert!(!fp(&body).is_near_duplicate(&fp(other)));
        let round = Fingerprint::from_parts(fp(&body).simhash as i64, &fp(&body).minhash_bytes());
        assert_eq!(round, Some(fp(&body)));
        let groups = cluster(&[Some(fp(&body)), Some(fp(other)), Some(fp(&cut)), None]);
        assert_eq!(groups, vec![Some(0), None, Some(0), None]);
    }

    /// Feeds bytes into an FNV-1a 128 state.
    fn fnv_step(mut hash: u128, bytes: &[u8]) -> u128 {
        for &b in bytes {
            hash = fnv_byte(hash, b);
        }
        hash
    }

    #[test]
    fn fnv_step_is_fnv_1a_128() {
        let reference = |bytes: &[u8]| {
            bytes.iter().fold(FNV_OFFSET, |h, &b| {
                (h ^ u128::from(b)).wrapping_mul(FNV_PRIME)
            })
        };
        for text in [&b""[..], b"a", b"seoul talks 2024", &[0xff; 40]] {
            assert_eq!(fnv_step(FNV_OFFSET, text), reference(text));
        }
    }

    #[test]
    fn counts_paragraphs() {
        assert_eq!(paragraphs("One.\n\nTwo.\n\n\n\nThree."), 3);
        assert_eq!(paragraphs(""), 0);
        // The split-and-trim definition the stored counts were first made with.
        let reference = |body: &str| body.split("\n\n").filter(|p| !p.trim().is_empty()).count();
        for body in
            SAMPLES
                .iter()
                .chain(&["\n", "\n\n\n", "a\n\n\n", "\na\nb\n\n c \n\n\u{a0}\n\nd"])
        {
            assert_eq!(paragraphs(body), reference(body), "{body:?}");
        }
    }

    /// Bodies that exercise separators, case folding outside ASCII and odd whitespace.
    const SAMPLES: &[&str] = &[
        "",
        "\n\n",
        " \u{a0}\n\n\u{3000}",
        "a\n\n\nb",
        "a\n\n\n\n\nb\n",
        "\x0b\n\n\x0c",
        "Seoul, Nov 3 — The talks ended.\n\nMore follows.",
        "İstanbul ĞÜŞ straße ΣΊΣΥΦΟΣ ǅemal ﬁnal ＡＢＣ １２３",
        "Ünïcödé\u{2028}x\u{85}y  \t z",
        "𝔘𝔫𝔦 ½ ² Ⅻ",
    ];

    #[test]
    fn body_hash_matches_its_definition() {
        // The char-by-char version the stored hashes were first made with.
        let reference = |body: &str| {
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
        };
        for body in SAMPLES {
            assert_eq!(body_hash(body), reference(body), "{body:?}");
        }
    }

    #[test]
    fn fingerprint_matches_its_definition() {
        // The char-by-char word hashes the stored fingerprints were first made with.
        let reference = |body: &str| {
            let mut words = Vec::new();
            let mut hash = FNV64_OFFSET;
            let mut in_word = false;
            let mut buf = [0u8; 4];
            for c in body.chars() {
                if c.is_alphanumeric() {
                    for lower in c.to_lowercase() {
                        for &b in lower.encode_utf8(&mut buf).as_bytes() {
                            hash = fnv64_byte(hash, b);
                        }
                    }
                    in_word = true;
                } else if in_word {
                    words.push(hash);
                    hash = FNV64_OFFSET;
                    in_word = false;
                }
            }
            if in_word {
                words.push(hash);
            }
            Words {
                hashes: words,
                ..Words::new(0)
            }
            .fingerprint()
        };
        let long = SAMPLES.join(" and then ");
        for body in SAMPLES.iter().chain(&[long.as_str(), "one", "one two"]) {
            let print = Fingerprint::of(body);
            assert_eq!(print, reference(body), "{body:?}");
            assert_eq!(hash_and_print(body, None), (body_hash(body), print));
            let given = Fingerprint::of("some other words here");
            assert_eq!(hash_and_print(body, given), (body_hash(body), given));
        }
    }
}
