//! Limits that keep one hostile page from hurting a run; documented in README.md.

/// Size and shape limits for one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest page accepted, in bytes (after decompression).
    pub max_page_bytes: usize,
    /// Deepest element nesting accepted in HTML.
    pub max_depth: usize,
    /// Most elements accepted in one HTML page.
    pub max_elements: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_page_bytes: 16 * 1024 * 1024,
            max_depth: 1024,
            max_elements: 400_000,
        }
    }
}
