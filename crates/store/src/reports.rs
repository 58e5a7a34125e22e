//! Aggregate read queries: the entity list, timelines and corpus statistics.

use std::collections::BTreeMap;

use nlp_lite::EntityType;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::error::{Result, StoreError};
use crate::Store;

/// An entity with its corpus-wide counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityRow {
    /// The entity's id.
    pub id: i64,
    /// Its canonical name.
    pub name: String,
    /// Its type (`PERSON`, `ORG`, `PLACE`, `NORP`, `MISC`).
    #[serde(rename = "type")]
    pub ty: String,
    /// Number of mentions.
    pub mentions: i64,
    /// Number of articles mentioning it.
    pub articles: i64,
    /// Earliest article day, `YYYY-MM-DD`.
    pub first_day: Option<String>,
    /// Latest article day, `YYYY-MM-DD`.
    pub last_day: Option<String>,
    /// Every surface form seen, sorted.
    pub aliases: Vec<String>,
}

/// Counts for one calendar day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineRow {
    /// The day, `YYYY-MM-DD`.
    pub day: String,
    /// Articles of that day (mentioning the entity, when one was asked for).
    pub articles: i64,
    /// Entity mentions in those articles (of the entity, when one was asked for).
    pub mentions: i64,
}

/// Corpus-wide counts for `newsdb stats`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Documents recorded.
    pub documents: i64,
    /// Documents with status `ok`.
    pub ok: i64,
    /// Documents with status `error`.
    pub errors: i64,
    /// Documents with status `skipped`.
    pub skipped: i64,
    /// Articles stored.
    pub articles: i64,
    /// Distinct entities.
    pub entities: i64,
    /// Entity mentions.
    pub mentions: i64,
    /// Date/time expressions.
    pub timexes: i64,
    /// Near-duplicate clusters (each with two or more articles).
    pub clusters: i64,
    /// Documents per format (`html`, `text`, `unknown`).
    pub by_format: BTreeMap<String, i64>,
    /// Articles per language (`en`, …, `unknown`).
    pub by_language: BTreeMap<String, i64>,
    /// Earliest article day.
    pub first_day: Option<String>,
    /// Latest article day.
    pub last_day: Option<String>,
}

impl Store {
    /// Entities by mentions (most first), optionally of one type (`PERSON`, `org`, `LOC`, …).
    pub fn entities(&self, ty: Option<&str>, limit: usize) -> Result<Vec<EntityRow>> {
        let ty = ty.map(|t| {
            EntityType::parse(t).map_or_else(|| t.to_uppercase(), |t| t.as_str().to_owned())
        });
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.entity_id, s.entity, s.type, s.mentions, s.articles, s.first_day, s.last_day,
                    (SELECT json_group_array(alias)
                       FROM (SELECT alias FROM entity_aliases
                              WHERE entity_id = s.entity_id ORDER BY alias))
               FROM entity_stats s
              WHERE ?1 IS NULL OR s.type = ?1
              ORDER BY s.mentions DESC, s.articles DESC, s.entity
              LIMIT ?2",
        )?;
        let mut rows = stmt.query(params![ty, limit])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let aliases: String = row.get(7)?;
            let aliases = serde_json::from_str(&aliases)
                .map_err(|e| StoreError::Corrupt(format!("entity aliases: {e}")))?;
            out.push(EntityRow {
                id: row.get(0)?,
                name: row.get(1)?,
                ty: row.get(2)?,
                mentions: row.get(3)?,
                articles: row.get(4)?,
                first_day: row.get(5)?,
                last_day: row.get(6)?,
                aliases,
            });
        }
        Ok(out)
    }

    /// Per-day counts of all articles, or of one entity's articles and mentions.
    ///
    /// The entity is matched by canonical name or alias, ignoring ASCII case; every entity that
    /// matches (say a PLACE and an ORG of the same name) is counted.
    pub fn timeline(&self, entity: Option<&str>) -> Result<Vec<TimelineRow>> {
        let map = |row: &rusqlite::Row<'_>| {
            Ok(TimelineRow {
                day: row.get(0)?,
                articles: row.get(1)?,
                mentions: row.get(2)?,
            })
        };
        let Some(entity) = entity else {
            let mut stmt = self.conn.prepare_cached(
                "SELECT a.day, count(*),
                        coalesce(sum((SELECT count(*) FROM mentions m WHERE m.article_id = a.id)), 0)
                   FROM articles a
                  WHERE a.day IS NOT NULL
                  GROUP BY a.day ORDER BY a.day",
            )?;
            let rows = stmt.query_map([], map)?;
            return Ok(rows.collect::<rusqlite::Result<_>>()?);
        };
        let known: Option<i64> = self
            .conn
            .prepare_cached(
                "SELECT id FROM entities WHERE name = ?1 COLLATE NOCASE
                 UNION ALL
                 SELECT entity_id FROM entity_aliases WHERE alias = ?1 COLLATE NOCASE
                 LIMIT 1",
            )?
            .query_row([entity], |row| row.get(0))
            .optional()?;
        if known.is_none() {
            return Err(StoreError::UnknownEntity(entity.to_owned()));
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.day, count(DISTINCT a.id), count(*)
               FROM mentions m JOIN articles a ON a.id = m.article_id
              WHERE m.entity_id IN (
                        SELECT id FROM entities WHERE name = ?1 COLLATE NOCASE
                        UNION
                        SELECT entity_id FROM entity_aliases WHERE alias = ?1 COLLATE NOCASE)
                AND a.day IS NOT NULL
              GROUP BY a.day ORDER BY a.day",
        )?;
        let rows = stmt.query_map([entity], map)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Corpus-wide counts.
    pub fn stats(&self) -> Result<Stats> {
        let conn = &self.conn;
        let count = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, [], |row| row.get(0))?) };
        let (documents, ok, errors, skipped) = conn.query_row(
            "SELECT count(*),
                    coalesce(sum(status = 'ok'), 0),
                    coalesce(sum(status = 'error'), 0),
                    coalesce(sum(status = 'skipped'), 0)
               FROM documents",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )?;
        let (articles, first_day, last_day) = conn.query_row(
            "SELECT count(*), min(day), max(day) FROM articles",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )?;
        let by = |sql: &str| -> Result<BTreeMap<String, i64>> {
            let mut stmt = conn.prepare(sql)?;
            let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        Ok(Stats {
            documents,
            ok,
            errors,
            skipped,
            articles,
            entities: count("SELECT count(*) FROM entities")?,
            mentions: count("SELECT count(*) FROM mentions")?,
            timexes: count("SELECT count(*) FROM timexes")?,
            clusters: count("SELECT count(*) FROM clusters")?,
            by_format: by(
                "SELECT coalesce(format, 'unknown'), count(*) FROM documents GROUP BY 1",
            )?,
            by_language: by(
                "SELECT coalesce(language, 'unknown'), count(*) FROM articles GROUP BY 1",
            )?,
            first_day,
            last_day,
        })
    }
}
