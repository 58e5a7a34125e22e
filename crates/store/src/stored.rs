//! Whether a page is already stored, asked by each ingest worker before it analyses the page
//! (so that resuming or repeating an ingest skips stored pages at the cost of reading and hashing
//! them). One lookup in the `content_hash` index per page, on a read-only connection per worker
//! with a small page cache: holding every stored hash in memory instead would grow with the
//! corpus (about 100 MB a million pages).

use std::path::Path;

use rusqlite::Connection;

use crate::error::Result;

/// Page cache of a lookup connection, in KiB: the index pages on the way to a hash, not the
/// tables.
const CACHE_KIB: i64 = 2 * 1024;

/// Answers whether content hashes are stored, on its own read-only connection.
#[derive(Debug)]
pub struct StoredHashes {
    conn: Connection,
}

impl StoredHashes {
    /// Opens a lookup connection to the newsdb database at `path` (which must exist, at the
    /// current schema version).
    pub fn open(path: impl AsRef<Path>) -> Result<StoredHashes> {
        let conn = crate::open::open_read_only(path.as_ref())?;
        conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
        Ok(StoredHashes { conn })
    }

    /// Whether a document with content hash `hash` is stored as an article or as a failure
    /// (what ingest skips unless forced).
    pub fn contains(&self, hash: &str) -> Result<bool> {
        let found = self
            .conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM documents
                                 WHERE content_hash = ?1 AND status IN ('ok', 'error'))",
            )?
            .query_row([hash], |row| row.get(0))?;
        Ok(found)
    }
}
