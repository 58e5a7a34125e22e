//! Corpus-wide read queries: an entity's profile, co-occurrence, and timelines by day, week or
//! month. Each one is a view or a query documented in SCHEMA.md.

use rusqlite::params;
use serde::Serialize;

use crate::error::{Result, StoreError};
use crate::resolve::find_entity;
use crate::Store;

/// The period `timeline_by` groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Calendar day, `YYYY-MM-DD`.
    Day,
    /// ISO week, named by its Monday, `YYYY-MM-DD`.
    Week,
    /// Calendar month, `YYYY-MM`.
    Month,
}

impl Period {
    /// The SQL expression of the period of `a.day`.
    fn sql(self) -> &'static str {
        match self {
            Period::Day => "a.day",
            Period::Week => {
                "date(a.day, '-' || ((CAST(strftime('%w', a.day) AS INTEGER) + 6) % 7) || ' days')"
            }
            Period::Month => "substr(a.day, 1, 7)",
        }
    }
}

/// Counts for one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodRow {
    /// The period: a day, a week's Monday, or `YYYY-MM`.
    pub period: String,
    /// Articles in it (mentioning the entity or type, when one was asked for).
    pub articles: i64,
    /// Mentions in those articles (of the entity or type, when one was asked for).
    pub mentions: i64,
}

/// Two entities mentioned in the same articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CooccurRow {
    /// The first entity.
    pub entity_a: String,
    /// Its type.
    pub type_a: String,
    /// The second entity.
    pub entity_b: String,
    /// Its type.
    pub type_b: String,
    /// Articles mentioning both.
    pub articles: i64,
}

/// An entity linked to another without being the same (a demonym and its place).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkedEntity {
    /// The other entity's name.
    pub name: String,
    /// Its type.
    #[serde(rename = "type")]
    pub ty: String,
    /// The link: `demonym` (this NORP names people of that PLACE) or `demonym_of`.
    pub kind: String,
}

/// Everything known about one entity, for `newsdb entity NAME`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityProfile {
    /// The entity's id.
    pub id: i64,
    /// Its canonical name.
    pub name: String,
    /// Its type.
    #[serde(rename = "type")]
    pub ty: String,
    /// Every surface form it was mentioned by, sorted.
    pub aliases: Vec<String>,
    /// In-document names resolved into it, with the rule (`canonical`, `variant`, `acronym`, …).
    pub names: Vec<(String, String)>,
    /// Mentions in the corpus.
    pub mentions: i64,
    /// Articles mentioning it.
    pub articles: i64,
    /// Earliest article day.
    pub first_day: Option<String>,
    /// Latest article day.
    pub last_day: Option<String>,
    /// Linked entities (demonym ↔ place).
    pub linked: Vec<LinkedEntity>,
    /// The entities most often mentioned in the same articles.
    pub co_mentioned: Vec<CooccurRow>,
    /// Articles and mentions per day.
    pub timeline: Vec<PeriodRow>,
}

impl Store {
    /// The entity named `name` (canonical name or alias, any case), or `UnknownEntity`.
    fn entity_named(&self, name: &str) -> Result<i64> {
        find_entity(&self.conn, name)?.ok_or_else(|| StoreError::UnknownEntity(name.to_owned()))
    }

    /// The profile of the entity named `name` (canonical name or alias, any case), with the
    /// `top` entities most often mentioned alongside it.
    pub fn entity_profile(&self, name: &str, top: usize) -> Result<EntityProfile> {
        let id = self.entity_named(name)?;
        let (name, ty, mentions, articles, first_day, last_day): (
            String,
            String,
            i64,
            i64,
            Option<String>,
            Option<String>,
        ) = self
            .conn
            .prepare_cached(
                "SELECT e.name, e.type, coalesce(s.mentions, 0), coalesce(s.articles, 0),
                    s.first_day, s.last_day
               FROM entities e LEFT JOIN entity_stats s ON s.entity_id = e.id
              WHERE e.id = ?1",
            )?
            .query_row([id], |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                    row.get(5)?,
                ))
            })?;
        let aliases = self
            .conn
            .prepare_cached("SELECT alias FROM entity_aliases WHERE entity_id = ?1 ORDER BY alias")?
            .query_map([id], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let names = self
            .conn
            .prepare_cached(
                "SELECT name, rule FROM entity_names WHERE entity_id = ?1 ORDER BY name",
            )?
            .query_map([id], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let linked = self
            .conn
            .prepare_cached(
                "SELECT e.name, e.type, l.kind FROM entity_links l
                   JOIN entities e ON e.id = l.linked_entity_id WHERE l.entity_id = ?1
                 UNION ALL
                 SELECT e.name, e.type, l.kind || '_of' FROM entity_links l
                   JOIN entities e ON e.id = l.entity_id WHERE l.linked_entity_id = ?1
                 ORDER BY 1",
            )?
            .query_map([id], |row| {
                Ok(LinkedEntity {
                    name: row.get(0)?,
                    ty: row.get(1)?,
                    kind: row.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(EntityProfile {
            id,
            name,
            ty,
            aliases,
            names,
            mentions,
            articles,
            first_day,
            last_day,
            linked,
            co_mentioned: self.cooccur_with(id, top)?,
            timeline: self.entity_periods(Some(id), None, Period::Day)?,
        })
    }

    /// What appears alongside the entity named `entity` (most shared articles first), or, with no
    /// entity, the pairs mentioned together most often (each pair once).
    pub fn cooccur(&self, entity: Option<&str>, limit: usize) -> Result<Vec<CooccurRow>> {
        match entity {
            Some(name) => {
                let id = self.entity_named(name)?;
                self.cooccur_with(id, limit)
            }
            None => {
                let limit = i64::try_from(limit).unwrap_or(i64::MAX);
                let mut stmt = self.conn.prepare_cached(
                    "SELECT entity_a, type_a, entity_b, type_b, articles FROM cooccurrence
                      WHERE entity_a_id < entity_b_id
                      ORDER BY articles DESC, entity_a, entity_b LIMIT ?1",
                )?;
                let rows = stmt.query_map([limit], cooccur_row)?;
                Ok(rows.collect::<rusqlite::Result<_>>()?)
            }
        }
    }

    /// The entities sharing most articles with entity `id`.
    fn cooccur_with(&self, id: i64, limit: usize) -> Result<Vec<CooccurRow>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut stmt = self.conn.prepare_cached(
            "SELECT entity_a, type_a, entity_b, type_b, articles FROM cooccurrence
              WHERE entity_a_id = ?1 ORDER BY articles DESC, entity_b LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![id, limit], cooccur_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Articles and mentions per period: of one entity (by name or alias), of one entity type,
    /// of both (the entity's mentions, if it has that type), or of the whole corpus.
    pub fn timeline_by(
        &self,
        entity: Option<&str>,
        ty: Option<&str>,
        by: Period,
    ) -> Result<Vec<PeriodRow>> {
        let id = entity.map(|e| self.entity_named(e)).transpose()?;
        self.entity_periods(id, ty, by)
    }

    /// The per-period counts behind `timeline_by`.
    fn entity_periods(
        &self,
        id: Option<i64>,
        ty: Option<&str>,
        by: Period,
    ) -> Result<Vec<PeriodRow>> {
        let period = by.sql();
        let sql = if id.is_none() && ty.is_none() {
            format!(
                "SELECT {period}, count(*),
                        coalesce(sum((SELECT count(*) FROM mentions m WHERE m.article_id = a.id)), 0)
                   FROM articles a
                  WHERE a.day IS NOT NULL AND ?1 IS NULL AND ?2 IS NULL
                  GROUP BY 1 ORDER BY 1"
            )
        } else {
            format!(
                "SELECT {period}, count(DISTINCT a.id), count(*)
                   FROM mentions m
                   JOIN articles a ON a.id = m.article_id
                   JOIN entities e ON e.id = m.entity_id
                  WHERE a.day IS NOT NULL
                    AND (?1 IS NULL OR e.id = ?1)
                    AND (?2 IS NULL OR e.type = ?2)
                  GROUP BY 1 ORDER BY 1"
            )
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![id, ty], |row| {
            Ok(PeriodRow {
                period: row.get(0)?,
                articles: row.get(1)?,
                mentions: row.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Reads one `cooccurrence` row.
fn cooccur_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<CooccurRow> {
    Ok(CooccurRow {
        entity_a: row.get(0)?,
        type_a: row.get(1)?,
        entity_b: row.get(2)?,
        type_b: row.get(3)?,
        articles: row.get(4)?,
    })
}
