//! Full-text search over titles, leads and bodies through the `articles_fts` FTS5 index.

use rusqlite::{params, ErrorCode};
use serde::Serialize;

use crate::error::{sqlite_message, Result, StoreError};
use crate::Store;

/// One article matching a search, best first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    /// The article's id (`newsdb show ID`).
    pub article_id: i64,
    /// Its headline.
    pub title: Option<String>,
    /// Its calendar day, `YYYY-MM-DD`.
    pub day: Option<String>,
    /// Its site.
    pub site: Option<String>,
    /// A few words around the best match, matched terms in `[` `]`, cuts marked `…`.
    pub snippet: String,
    /// The BM25 score (title ×10, lead ×5, body ×1); lower, more negative, is better.
    pub rank: f64,
}

impl Store {
    /// Runs an FTS5 query (`word`, `"a phrase"`, `a AND b`, `title:word`, `pre*`), best first.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.title, a.day, a.site,
                    snippet(articles_fts, -1, '[', ']', '…', 16),
                    bm25(articles_fts, 10.0, 5.0, 1.0) AS rank
               FROM articles_fts
               JOIN articles a ON a.id = articles_fts.rowid
              WHERE articles_fts MATCH ?1
              ORDER BY rank, a.id
              LIMIT ?2",
        )?;
        let hits = stmt
            .query_map(params![query, limit], |row| {
                Ok(SearchHit {
                    article_id: row.get(0)?,
                    title: row.get(1)?,
                    day: row.get(2)?,
                    site: row.get(3)?,
                    snippet: row.get::<_, Option<String>>(4)?.unwrap_or_default(),
                    rank: row.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>();
        hits.map_err(|e| match e.sqlite_error_code() {
            // SQLITE_ERROR here is FTS5 rejecting the query syntax or naming an unknown column.
            Some(ErrorCode::Unknown) => StoreError::BadSearch {
                query: query.to_owned(),
                reason: sqlite_message(&e),
            },
            _ => StoreError::Sqlite(e),
        })
    }
}
