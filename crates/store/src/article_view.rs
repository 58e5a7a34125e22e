//! One stored article with everything newsdb knows about it, for `newsdb show`.

use rusqlite::{OptionalExtension, Row};
use serde::Serialize;

use crate::error::{Result, StoreError};
use crate::Store;

/// A stored article and all its parts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleView {
    /// The article's id.
    pub id: i64,
    /// The id of the document it was extracted from.
    pub document_id: i64,
    /// The input path of that document.
    pub path: String,
    /// The document's content hash (hex SHA-256 of the raw bytes).
    pub content_hash: String,
    /// `html` or `text`.
    pub format: Option<String>,
    /// The encoding the page was decoded from.
    pub encoding: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The standfirst.
    pub lead: Option<String>,
    /// The article text; mention and timex offsets are character offsets into it.
    pub body: String,
    /// Author names.
    pub authors: Vec<String>,
    /// The wire service that authored it.
    pub agency: Option<String>,
    /// When it was first published.
    pub published: Option<TimestampView>,
    /// When it was last updated.
    pub updated: Option<TimestampView>,
    /// The dateline's place.
    pub dateline_place: Option<String>,
    /// The dateline's date, `YYYY-MM-DD`.
    pub dateline_date: Option<String>,
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
    /// Number of body paragraphs.
    pub paragraphs: i64,
    /// The article's calendar day, `YYYY-MM-DD`.
    pub day: Option<String>,
    /// The near-duplicate cluster it belongs to, if any.
    pub cluster_id: Option<i64>,
    /// Credited agencies and sources, in page order.
    pub attributions: Vec<AttributionRow>,
    /// Blocks removed from the page, in page order.
    pub removed: Vec<RemovedRow>,
    /// Entities mentioned, most mentioned first, each with its mention spans.
    pub entities: Vec<ArticleEntity>,
    /// Date and time expressions in text order.
    pub timexes: Vec<TimexRow>,
    /// The other articles in its cluster.
    pub copies: Vec<ClusterCopy>,
}

/// A stored timestamp.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimestampView {
    /// The instant in UTC, RFC 3339, when the offset was known.
    pub utc: Option<String>,
    /// The page's local form.
    pub local: Option<String>,
    /// The text as found on the page.
    pub raw: Option<String>,
    /// Where it was found (`jsonld`, `meta`, `byline`, …).
    pub source: Option<String>,
}

/// A credited agency or source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttributionRow {
    /// The agency or source name.
    pub name: String,
    /// How it is credited (`byline_agency`, `reported_by`, `original_source`, `via`).
    pub kind: String,
}

/// A block removed from the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RemovedRow {
    /// Its position among the removed blocks, from 0.
    pub position: i64,
    /// Its kind (`navigation`, `promo`, `related`, …).
    pub kind: String,
    /// Its text.
    pub text: String,
}

/// An entity mentioned in an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleEntity {
    /// The entity's id.
    pub entity_id: i64,
    /// Its canonical name.
    pub name: String,
    /// Its type (`PERSON`, `ORG`, `PLACE`, `NORP`, `MISC`).
    #[serde(rename = "type")]
    pub ty: String,
    /// Where it is mentioned, in text order.
    pub mentions: Vec<MentionSpan>,
}

/// One mention's place in the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MentionSpan {
    /// First character, 0-based.
    pub start: i64,
    /// One past the last character.
    pub end: i64,
    /// The text as it appears.
    pub surface: String,
    /// The index of the sentence it is in, from 0.
    pub sentence: Option<i64>,
}

/// A date or time expression of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimexRow {
    /// First character, 0-based.
    pub start: i64,
    /// One past the last character.
    pub end: i64,
    /// The text as it appears.
    pub surface: String,
    /// TIMEX3 type (`DATE`, `TIME`, `DURATION`, `SET`).
    #[serde(rename = "type")]
    pub ty: String,
    /// TIMEX3 value (`2024-11-03`, `2024-W44`, `P3Y`, …).
    pub value: String,
    /// Whether a relative expression was resolved against the article date.
    pub anchored: bool,
    /// TIMEX3 `mod`, when there is one.
    #[serde(rename = "mod")]
    pub modifier: Option<String>,
    /// The single day it names, `YYYY-MM-DD`, when it names one.
    pub day: Option<String>,
}

/// Another article in the same cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClusterCopy {
    /// Its id.
    pub article_id: i64,
    /// Its headline.
    pub title: Option<String>,
    /// Its site.
    pub site: Option<String>,
    /// Its day.
    pub day: Option<String>,
    /// Its URL.
    pub url: Option<String>,
    /// Whether it is the cluster's original (earliest-dated member).
    pub original: bool,
    /// `original`, `exact` (same text as the original) or `edited` (a near-duplicate).
    pub role: Option<String>,
    /// Estimated similarity to the original's text in percent (100 for exact copies).
    pub similarity_percent: Option<i64>,
}

impl Store {
    /// The article with this id and all its parts, or `None` when there is none.
    pub fn article(&self, id: i64) -> Result<Option<ArticleView>> {
        let view = self
            .conn
            .prepare_cached(
                "SELECT a.id, a.document_id, d.path, d.content_hash, d.format, d.encoding,
                        a.title, a.lead, a.body, a.authors, a.agency,
                        a.published_utc, a.published_local, a.published_raw, a.published_source,
                        a.updated_utc, a.updated_local, a.updated_raw, a.updated_source,
                        a.dateline_place, a.dateline_date, a.site, a.url, a.canonical_url,
                        a.language, a.syndicated, a.paragraphs, a.day, a.cluster_id
                   FROM articles a JOIN documents d ON d.id = a.document_id
                  WHERE a.id = ?1",
            )?
            .query_row([id], article_row)
            .optional()?;
        let Some((mut view, authors)) = view else {
            return Ok(None);
        };
        view.authors = parse_authors(&authors)?;
        view.attributions = self.attributions(id)?;
        view.removed = self.removed_blocks(id)?;
        view.entities = self.article_entities(id)?;
        view.timexes = self.timexes(id)?;
        if let Some(cluster) = view.cluster_id {
            view.copies = self.cluster_copies(cluster, id)?;
        }
        Ok(Some(view))
    }

    /// Attributions of an article in page order.
    fn attributions(&self, article_id: i64) -> Result<Vec<AttributionRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT name, kind FROM attributions WHERE article_id = ?1 ORDER BY position",
        )?;
        let rows = stmt.query_map([article_id], |row| {
            Ok(AttributionRow {
                name: row.get(0)?,
                kind: row.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Removed blocks of an article in page order.
    fn removed_blocks(&self, article_id: i64) -> Result<Vec<RemovedRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT position, kind, text FROM removed_blocks WHERE article_id = ?1 ORDER BY position",
        )?;
        let rows = stmt.query_map([article_id], |row| {
            Ok(RemovedRow {
                position: row.get(0)?,
                kind: row.get(1)?,
                text: row.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Entities of an article with their mention spans, most mentioned first.
    fn article_entities(&self, article_id: i64) -> Result<Vec<ArticleEntity>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, e.name, e.type, m.start, m.end, m.surface, m.sentence
               FROM mentions m JOIN entities e ON e.id = m.entity_id
              WHERE m.article_id = ?1
              ORDER BY e.id, m.start",
        )?;
        let mut rows = stmt.query([article_id])?;
        let mut entities: Vec<ArticleEntity> = Vec::new();
        while let Some(row) = rows.next()? {
            let entity_id: i64 = row.get(0)?;
            let span = MentionSpan {
                start: row.get(3)?,
                end: row.get(4)?,
                surface: row.get(5)?,
                sentence: row.get(6)?,
            };
            match entities.last_mut() {
                Some(last) if last.entity_id == entity_id => last.mentions.push(span),
                _ => entities.push(ArticleEntity {
                    entity_id,
                    name: row.get(1)?,
                    ty: row.get(2)?,
                    mentions: vec![span],
                }),
            }
        }
        entities.sort_by(|a, b| {
            b.mentions
                .len()
                .cmp(&a.mentions.len())
                .then_with(|| a.mentions[0].start.cmp(&b.mentions[0].start))
        });
        Ok(entities)
    }

    /// Timexes of an article in text order.
    pub(crate) fn timexes(&self, article_id: i64) -> Result<Vec<TimexRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT start, end, surface, type, value, anchored, mod, day
               FROM timexes WHERE article_id = ?1 ORDER BY start, id",
        )?;
        let rows = stmt.query_map([article_id], |row| {
            Ok(TimexRow {
                start: row.get(0)?,
                end: row.get(1)?,
                surface: row.get(2)?,
                ty: row.get(3)?,
                value: row.get(4)?,
                anchored: row.get(5)?,
                modifier: row.get(6)?,
                day: row.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The other members of a cluster, original first.
    fn cluster_copies(&self, cluster_id: i64, except: i64) -> Result<Vec<ClusterCopy>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.title, a.site, a.day, a.url, a.id IS c.original_article_id,
                    a.cluster_role, CAST(round(a.cluster_similarity * 100) AS INTEGER)
               FROM articles a JOIN clusters c ON c.id = a.cluster_id
              WHERE a.cluster_id = ?1 AND a.id <> ?2
              ORDER BY a.id IS NOT c.original_article_id, a.day, a.id",
        )?;
        let rows = stmt.query_map([cluster_id, except], |row| {
            Ok(ClusterCopy {
                article_id: row.get(0)?,
                title: row.get(1)?,
                site: row.get(2)?,
                day: row.get(3)?,
                url: row.get(4)?,
                original: row.get(5)?,
                role: row.get(6)?,
                similarity_percent: row.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Reads the article columns; the authors JSON comes back separately to be parsed outside.
fn article_row(row: &Row<'_>) -> rusqlite::Result<(ArticleView, String)> {
    let timestamp = |first: usize| -> rusqlite::Result<Option<TimestampView>> {
        let ts = TimestampView {
            utc: row.get(first)?,
            local: row.get(first + 1)?,
            raw: row.get(first + 2)?,
            source: row.get(first + 3)?,
        };
        Ok((ts.utc.is_some() || ts.local.is_some() || ts.raw.is_some()).then_some(ts))
    };
    let view = ArticleView {
        id: row.get(0)?,
        document_id: row.get(1)?,
        path: row.get(2)?,
        content_hash: row.get(3)?,
        format: row.get(4)?,
        encoding: row.get(5)?,
        title: row.get(6)?,
        lead: row.get(7)?,
        body: row.get(8)?,
        authors: Vec::new(),
        agency: row.get(10)?,
        published: timestamp(11)?,
        updated: timestamp(15)?,
        dateline_place: row.get(19)?,
        dateline_date: row.get(20)?,
        site: row.get(21)?,
        url: row.get(22)?,
        canonical_url: row.get(23)?,
        language: row.get(24)?,
        syndicated: row.get(25)?,
        paragraphs: row.get(26)?,
        day: row.get(27)?,
        cluster_id: row.get(28)?,
        attributions: Vec::new(),
        removed: Vec::new(),
        entities: Vec::new(),
        timexes: Vec::new(),
        copies: Vec::new(),
    };
    Ok((view, row.get(9)?))
}

/// Parses the `authors` column (a JSON array of names).
pub(crate) fn parse_authors(json: &str) -> Result<Vec<String>> {
    serde_json::from_str(json).map_err(|e| {
        StoreError::Corrupt(format!(
            "articles.authors is not a JSON array of names: {e}"
        ))
    })
}
