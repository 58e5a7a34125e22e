//! Byte → character offset conversion.
//!
//! Everything inside the crate works on byte offsets (what `str` slicing and `regex` use); the
//! public API speaks character offsets. `CharMap` converts cheaply: identity for ASCII text and a
//! checkpoint table plus a short scan otherwise, so no per-byte table is ever allocated.

/// Distance in bytes between checkpoints.
const STEP: usize = 256;

/// Converts byte offsets of one text into character offsets.
pub(crate) struct CharMap<'a> {
    text: &'a str,
    /// Character count at byte `i * STEP` (rounded down to a char boundary); empty for ASCII.
    checkpoints: Vec<(usize, usize)>,
}

impl<'a> CharMap<'a> {
    /// Builds the map for `text`.
    pub(crate) fn new(text: &'a str) -> Self {
        let mut checkpoints = Vec::new();
        if !text.is_ascii() {
            let bytes = text.as_bytes();
            let (mut b, mut chars) = (0usize, 0usize);
            loop {
                checkpoints.push((b, chars));
                // The next checkpoint is the first character to start `STEP` bytes on or later.
                let mut next = b + STEP;
                while bytes.get(next).is_some_and(|&c| is_continuation(c)) {
                    next += 1;
                }
                let Some(run) = bytes.get(b..next).filter(|_| next < bytes.len()) else {
                    break;
                };
                chars += run.iter().filter(|&&c| !is_continuation(c)).count();
                b = next;
            }
        }
        CharMap { text, checkpoints }
    }

    /// The character offset of byte offset `byte` (clamped to the text; rounded down to a
    /// character boundary).
    pub(crate) fn char_of(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if self.checkpoints.is_empty() {
            return byte;
        }
        let i = self.checkpoints.partition_point(|&(b, _)| b <= byte);
        let (b0, c0) = match i.checked_sub(1).and_then(|i| self.checkpoints.get(i)) {
            Some(&p) => p,
            None => (0, 0),
        };
        // Every character starts with a byte that is not a continuation byte, so counting those
        // counts the characters that start before `byte`; the loop vectorises.
        let bytes = self.text.as_bytes().get(b0..byte).unwrap_or(&[]);
        c0 + bytes.iter().filter(|&&b| !is_continuation(b)).count()
    }
}

/// True for the bytes that continue a UTF-8 character (10xxxxxx).
fn is_continuation(b: u8) -> bool {
    (b as i8) < -0x40
}

#[cfg(test)]
mod tests {
    use super::CharMap;

    #[test]
    fn converts_non_ascii() {
        let text = "né’s ".repeat(200);
        let map = CharMap::new(&text);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(map.char_of(bi), ci);
        }
        assert_eq!(map.char_of(text.len()), text.chars().count());
        // Inside a character: counts the characters that start before the offset.
        assert_eq!(map.char_of(2), 2, "byte 2 is inside 'é'");
    }
}
