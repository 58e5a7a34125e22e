//! Bytes to text: picks the encoding (BOM, then a declared charset, then UTF-8, then detection)
//! and decides whether the page is HTML or a plain-text dump.
//!
//! Decoding is separate from extraction so that the caller can record the encoding and the
//! format even when extraction later finds nothing.

use crate::article::PageFormat;
use crate::error::ExtractError;
use crate::limits::Limits;

/// A decoded page, ready for extraction.
#[derive(Debug, Clone)]
pub struct Page {
    /// The page text.
    pub text: String,
    /// The name of the encoding the bytes were decoded from (`UTF-8`, `windows-1252`, …).
    pub encoding: &'static str,
    /// HTML or text.
    pub format: PageFormat,
}

/// Decodes raw page bytes, refusing input that is empty, too large or binary.
pub fn decode(bytes: &[u8], limits: &Limits) -> Result<Page, ExtractError> {
    if bytes.len() > limits.max_page_bytes {
        return Err(ExtractError::TooLarge {
            bytes: bytes.len(),
            limit: limits.max_page_bytes,
        });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ExtractError::Empty);
    }
    if looks_binary(bytes) {
        return Err(ExtractError::Binary);
    }
    let (text, encoding) = to_text(bytes);
    // `matches` finds the replacement character with a byte search instead of decoding every
    // character; the character count is only needed when there is one.
    let replaced = text.matches('\u{FFFD}').count();
    if replaced > 0 && replaced * 20 > text.chars().count().max(1) {
        return Err(ExtractError::Undecodable { encoding });
    }
    let format = sniff_format(&text);
    Ok(Page {
        text,
        encoding,
        format,
    })
}

/// Binary input has NUL bytes or many control characters in its first few kilobytes.
/// UTF-16 text (which has NULs) is recognised by its BOM first.
fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    // A table look-up per byte, without a branch that line breaks would mispredict.
    let control = head.iter().filter(|&&b| CONTROL[usize::from(b)]).count();
    control * 50 > head.len()
}

/// The control bytes [`looks_binary`] counts: below 0x20, but not line breaks, tabs or form feeds.
static CONTROL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = !matches!(b as u8, b'\n' | b'\r' | b'\t' | 0x0C);
        b += 1;
    }
    table
};

fn to_text(bytes: &[u8]) -> (String, &'static str) {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), encoding.name());
    }
    if let Some(encoding) = declared_charset(bytes) {
        // A page that declares a legacy charset but is valid UTF-8 beyond ASCII was re-saved as
        // UTF-8 by whatever scraped it: trust the bytes over the stale declaration.
        let utf8 = std::str::from_utf8(bytes).ok();
        let non_ascii = !bytes.is_ascii();
        if encoding != encoding_rs::UTF_8 && non_ascii {
            if let Some(s) = utf8 {
                return (s.to_owned(), encoding_rs::UTF_8.name());
            }
        }
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return (text.into_owned(), encoding.name());
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_owned(), encoding_rs::UTF_8.name());
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(
        &bytes[..bytes.len().min(64 * 1024)],
        bytes.len() <= 64 * 1024,
    );
    let encoding = detector.guess(None, true);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    (text.into_owned(), encoding.name())
}

/// Finds `charset=` in a `<meta>` tag (or an XML declaration) within the first 4 KB.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    // Both markers hold '=': most text dumps have none and need no search.
    if !head.contains(&b'=') {
        return None;
    }
    // Compared ignoring ASCII case in place (no lower-cased copy of the head); the first byte is
    // compared before the whole window.
    let find = |needle: &[u8]| {
        head.windows(needle.len())
            .position(|w| w[0].to_ascii_lowercase() == needle[0] && w.eq_ignore_ascii_case(needle))
    };
    let after_declaration = |i: usize| {
        let declaration = b"<?xml version=\"1.0\" ";
        i.checked_sub(declaration.len())
            .is_some_and(|start| head[start..i].eq_ignore_ascii_case(declaration))
    };
    let at = find(b"charset=").map(|i| i + 8).or_else(|| {
        find(b"encoding=")
            .filter(|&i| after_declaration(i) || i < 40)
            .map(|i| i + 9)
    })?;
    let rest = &head[at..];
    let rest = rest
        .iter()
        .position(|b| !matches!(b, b'"' | b'\'' | b' '))
        .map(|i| &rest[i..])?;
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
        .unwrap_or(rest.len());
    let label = rest[..end].to_ascii_lowercase();
    let encoding = encoding_rs::Encoding::for_label(&label)?;
    // A page cannot really be UTF-16 if we could read its ASCII meta tag: HTML says treat as UTF-8.
    if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        return Some(encoding_rs::UTF_8);
    }
    Some(encoding)
}

/// HTML if the start of the page has a doctype or html/head/body tag, or many tags overall.
fn sniff_format(text: &str) -> PageFormat {
    // Every test below looks for a tag. 4096 characters take at most 16 KiB: a text without '<'
    // there (most dumps) is text, and its first 4096 characters need not be found.
    let bytes = text.as_bytes();
    if !bytes[..bytes.len().min(4 * 4096)].contains(&b'<') {
        return PageFormat::Text;
    }
    // The first 4096 characters: as many bytes when they are ASCII (checked without decoding).
    let end = match text.get(..4096) {
        None if text.len() <= 4096 => text.len(),
        Some(ascii) if ascii.is_ascii() => 4096,
        _ => text.char_indices().nth(4096).map_or(text.len(), |(i, _)| i),
    };
    let head = text[..end].to_ascii_lowercase();
    let trimmed = head.trim_start();
    if trimmed.starts_with("<!doctype html")
        || trimmed.starts_with("<html")
        || trimmed.starts_with("<?xml")
        || head.contains("<html")
        || head.contains("<head")
        || head.contains("<body")
    {
        return PageFormat::Html;
    }
    let tags = [
        "<p>", "<p ", "<div", "<br", "<a href", "<span", "<article", "<h1",
    ]
    .iter()
    .map(|t| head.matches(t).count())
    .sum::<usize>();
    if tags >= 3 {
        PageFormat::Html
    } else {
        PageFormat::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(bytes: &[u8], encoding: &str, format: PageFormat) {
        let page = decode(bytes, &Limits::default()).expect("decodes");
        assert_eq!(page.encoding, encoding);
        assert_eq!(page.format, format);
    }

    #[test]
    fn encodings_and_formats() {
        check(b"Plain headline\n\nA body line.", "UTF-8", PageFormat::Text);
        check(
            b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xe9</body></html>",
            "windows-1252",
            PageFormat::Html,
        );
        check(
            b"\xEF\xBB\xBF<p>x</p><p>y</p><div>z</div>",
            "UTF-8",
            PageFormat::Html,
        );
        check(
            b"Caf\xe9 au lait est tr\xe8s bon et tr\xe8s chaud.",
            "windows-1252",
            PageFormat::Text,
        );
    }

    #[test]
    fn refusals() {
        let limits = Limits::default();
        assert!(matches!(decode(b"", &limits), Err(ExtractError::Empty)));
        assert!(matches!(decode(b"  \n", &limits), Err(ExtractError::Empty)));
        assert!(matches!(
            decode(b"\x7fELF\x02\x01\x00\x00", &limits),
            Err(ExtractError::Binary)
        ));
        let small = Limits {
            max_page_bytes: 4,
            ..Limits::default()
        };
        assert!(matches!(
            decode(b"hello", &small),
            Err(ExtractError::TooLarge { .. })
        ));
    }
}
