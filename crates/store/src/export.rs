//! Streaming every article with its entities and timexes, for `newsdb export` (JSONL or CSV),
//! without holding the corpus in memory.

use serde::Serialize;

use crate::article_view::parse_authors;
use crate::error::{Result, StoreError};
use crate::Store;

/// One exported article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportRow {
    /// The article's id.
    pub id: i64,
    /// The input path it came from.
    pub path: String,
    /// The headline.
    pub title: Option<String>,
    /// The standfirst.
    pub lead: Option<String>,
    /// The body; spans below are character offsets into it.
    pub body: String,
    /// Author names.
    pub authors: Vec<String>,
    /// The wire service that authored it.
    pub agency: Option<String>,
    /// First publication instant in UTC (RFC 3339).
    pub published_utc: Option<String>,
    /// First publication in the page's local form.
    pub published_local: Option<String>,
    /// Last update instant in UTC.
    pub updated_utc: Option<String>,
    /// The dateline's place.
    pub dateline_place: Option<String>,
    /// The site's name or domain.
    pub site: Option<String>,
    /// The page URL.
    pub url: Option<String>,
    /// The canonical URL.
    pub canonical_url: Option<String>,
    /// ISO 639-1 language code.
    pub language: Option<String>,
    /// Whether it came from an agency feed or another source.
    pub syndicated: bool,
    /// The article's calendar day.
    pub day: Option<String>,
    /// Its near-duplicate cluster, if any.
    pub cluster_id: Option<i64>,
    /// Entity mentions in text order.
    pub entities: Vec<ExportEntity>,
    /// Date/time expressions in text order.
    pub timexes: Vec<ExportTimex>,
}

/// One entity mention of an exported article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportEntity {
    /// The mention as it appears.
    pub text: String,
    /// First character.
    pub start: i64,
    /// One past the last character.
    pub end: i64,
    /// The entity type.
    #[serde(rename = "type")]
    pub ty: String,
    /// The entity's canonical name.
    pub canonical: String,
}

/// One date/time expression of an exported article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportTimex {
    /// The expression as it appears.
    pub text: String,
    /// First character.
    pub start: i64,
    /// One past the last character.
    pub end: i64,
    /// TIMEX3 type.
    #[serde(rename = "type")]
    pub ty: String,
    /// TIMEX3 value.
    pub value: String,
    /// Whether it was resolved against the article date.
    pub anchored: bool,
}

impl Store {
    /// Calls `f` with every article in id order; an error from `f` stops the export and is returned.
    pub fn export_articles<E, F>(&self, mut f: F) -> Result<(), E>
    where
        F: FnMut(ExportRow) -> Result<(), E>,
        E: From<StoreError>,
    {
        let store_err = |e: rusqlite::Error| E::from(StoreError::Sqlite(e));
        let mut stmt = self
            .conn
            .prepare(
                "SELECT a.id, d.path, a.title, a.lead, a.body, a.authors, a.agency,
                        a.published_utc, a.published_local, a.updated_utc, a.dateline_place,
                        a.site, a.url, a.canonical_url, a.language, a.syndicated, a.day,
                        a.cluster_id
                   FROM articles a JOIN documents d ON d.id = a.document_id
                  ORDER BY a.id",
            )
            .map_err(store_err)?;
        let mut rows = stmt.query([]).map_err(store_err)?;
        while let Some(row) = rows.next().map_err(store_err)? {
            let read = || -> rusqlite::Result<(ExportRow, String)> {
                let export = ExportRow {
                    id: row.get(0)?,
                    path: row.get(1)?,
                    title: row.get(2)?,
                    lead: row.get(3)?,
                    body: row.get(4)?,
                    authors: Vec::new(),
                    agency: row.get(6)?,
                    published_utc: row.get(7)?,
                    published_local: row.get(8)?,
                    updated_utc: row.get(9)?,
                    dateline_place: row.get(10)?,
                    site: row.get(11)?,
                    url: row.get(12)?,
                    canonical_url: row.get(13)?,
                    language: row.get(14)?,
                    syndicated: row.get(15)?,
                    day: row.get(16)?,
                    cluster_id: row.get(17)?,
                    entities: Vec::new(),
                    timexes: Vec::new(),
                };
                Ok((export, row.get(5)?))
            };
            let (mut export, authors) = read().map_err(store_err)?;
            export.authors = parse_authors(&authors)?;
            export.entities = self.export_entities(export.id)?;
            export.timexes = self
                .timexes(export.id)?
                .into_iter()
                .map(|t| ExportTimex {
                    text: t.surface,
                    start: t.start,
                    end: t.end,
                    ty: t.ty,
                    value: t.value,
                    anchored: t.anchored,
                })
                .collect();
            f(export)?;
        }
        Ok(())
    }

    /// The mentions of one article in text order.
    fn export_entities(&self, article_id: i64) -> Result<Vec<ExportEntity>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.surface, m.start, m.end, e.type, e.name
               FROM mentions m JOIN entities e ON e.id = m.entity_id
              WHERE m.article_id = ?1 ORDER BY m.start, m.id",
        )?;
        let rows = stmt.query_map([article_id], |row| {
            Ok(ExportEntity {
                text: row.get(0)?,
                start: row.get(1)?,
                end: row.get(2)?,
                ty: row.get(3)?,
                canonical: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
