//! `newsdb merge`: copying other newsdb databases (shards) into this one with SQLite's `ATTACH`,
//! then clustering the copied articles and re-resolving entities over the whole corpus, so a
//! sharded ingest merged back equals a single run.

use std::path::Path;

use rusqlite::TransactionBehavior;
use serde::Serialize;

use crate::error::Result;
use crate::{clusters, resolve, Store};

/// What [`Store::merge`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct MergeSummary {
    /// Databases merged in.
    pub inputs: usize,
    /// Documents copied.
    pub documents: usize,
    /// Documents left out because this database already had their content hash.
    pub duplicates: usize,
    /// Articles copied.
    pub articles: usize,
    /// Clusters after the merge.
    pub clusters: usize,
    /// Corpus entities after re-resolution.
    pub entities: usize,
}

/// The copy statements, run in order with `?1` = document id offset, `?2` = article id offset.
const COPY: &[&str] = &[
    "INSERT INTO main.documents
         (id, path, content_hash, bytes, format, encoding, status, error, ingested_at)
     SELECT id + ?1, path, content_hash, bytes, format, encoding, status, error, ingested_at
       FROM src.documents
      WHERE content_hash NOT IN (SELECT content_hash FROM main.documents) AND ?2 = ?2",
    "INSERT INTO main.articles
         (id, document_id, title, lead, body, authors, agency,
          published_utc, published_local, published_raw, published_source,
          updated_utc, updated_local, updated_raw, updated_source,
          dateline_place, dateline_date, site, url, canonical_url, language,
          syndicated, paragraphs, day, body_hash, simhash, minhash)
     SELECT id + ?2, document_id + ?1, title, lead, body, authors, agency,
          published_utc, published_local, published_raw, published_source,
          updated_utc, updated_local, updated_raw, updated_source,
          dateline_place, dateline_date, site, url, canonical_url, language,
          syndicated, paragraphs, day, body_hash, simhash, minhash
       FROM src.articles
      WHERE document_id + ?1 IN (SELECT id FROM main.documents)",
    "INSERT INTO main.articles_fts (rowid, title, lead, body)
     SELECT id, title, lead, body FROM main.articles WHERE id > ?2 AND ?1 = ?1",
    "INSERT INTO main.attributions (article_id, position, name, kind)
     SELECT article_id + ?2, position, name, kind FROM src.attributions
      WHERE article_id + ?2 IN (SELECT id FROM main.articles) AND ?1 = ?1",
    "INSERT INTO main.removed_blocks (article_id, position, kind, text)
     SELECT article_id + ?2, position, kind, text FROM src.removed_blocks
      WHERE article_id + ?2 IN (SELECT id FROM main.articles) AND ?1 = ?1",
    "INSERT INTO main.timexes (article_id, start, end, surface, type, value, anchored, mod, day)
     SELECT article_id + ?2, start, end, surface, type, value, anchored, mod, day FROM src.timexes
      WHERE article_id + ?2 IN (SELECT id FROM main.articles) AND ?1 = ?1",
    "INSERT OR IGNORE INTO main.entities (name, type)
     SELECT name, type FROM src.entity_names WHERE ?1 = ?1 AND ?2 = ?2",
    "INSERT OR IGNORE INTO main.entity_names (name, type, entity_id)
     SELECT n.name, n.type, e.id FROM src.entity_names n
       JOIN main.entities e ON e.name = n.name AND e.type = n.type
      WHERE ?1 = ?1 AND ?2 = ?2",
    "INSERT INTO main.mentions (article_id, entity_id, start, end, surface, sentence, name_id)
     SELECT m.article_id + ?2, mn.entity_id, m.start, m.end, m.surface, m.sentence, mn.id
       FROM src.mentions m
       JOIN src.entity_names sn ON sn.id = m.name_id
       JOIN main.entity_names mn ON mn.name = sn.name AND mn.type = sn.type
      WHERE m.article_id + ?2 IN (SELECT id FROM main.articles) AND ?1 = ?1",
    "INSERT OR IGNORE INTO main.entity_acronyms (acronym, name_id)
     SELECT a.acronym, mn.id FROM src.entity_acronyms a
       JOIN src.entity_names sn ON sn.id = a.name_id
       JOIN main.entity_names mn ON mn.name = sn.name AND mn.type = sn.type
      WHERE ?1 = ?1 AND ?2 = ?2",
    "INSERT OR IGNORE INTO main.entity_aliases (entity_id, alias)
     SELECT DISTINCT entity_id, surface FROM main.mentions WHERE article_id > ?2 AND ?1 = ?1",
];

impl Store {
    /// Copies every document of each `input` database not already here (by content hash) with
    /// its article, parts, mentions and dates, then clusters the new articles and re-resolves
    /// entities over the whole corpus. Each input must be a current newsdb database.
    pub fn merge(&mut self, inputs: &[&Path]) -> Result<MergeSummary> {
        let mut summary = MergeSummary::default();
        for input in inputs {
            // Refuses foreign, older and newer files before anything is attached.
            drop(Store::open_read_only(input)?);
            let path = input.to_string_lossy();
            self.conn
                .execute("ATTACH DATABASE ?1 AS src", [path.as_ref()])?;
            let copied = self.copy_attached();
            let detached = self.conn.execute("DETACH DATABASE src", []);
            let (documents, duplicates, articles) = copied?;
            detached?;
            summary.inputs += 1;
            summary.documents += documents;
            summary.duplicates += duplicates;
            summary.articles += articles;
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        clusters::place_unbanded(&tx)?;
        let resolved = resolve::resolve(&tx)?;
        summary.clusters = tx.query_row("SELECT count(*) FROM clusters", [], |row| {
            row.get::<_, i64>(0)
        })? as usize;
        summary.entities = resolved.entities;
        tx.commit()?;
        self.cache.clear();
        Ok(summary)
    }

    /// Copies the attached `src` database in one transaction: (documents, duplicates, articles).
    fn copy_attached(&mut self) -> Result<(usize, usize, usize)> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let offsets = |table: &str| -> Result<i64> {
            Ok(tx.query_row(
                &format!("SELECT coalesce(max(id), 0) FROM main.{table}"),
                [],
                |r| r.get(0),
            )?)
        };
        let (doc_offset, article_offset) = (offsets("documents")?, offsets("articles")?);
        let total: i64 = tx.query_row("SELECT count(*) FROM src.documents", [], |r| r.get(0))?;
        let mut copied = [0usize; 2];
        for (i, sql) in COPY.iter().enumerate() {
            let n = tx.execute(sql, [doc_offset, article_offset])?;
            if i < 2 {
                copied[i] = n;
            }
        }
        tx.commit()?;
        let duplicates = usize::try_from(total)
            .unwrap_or(0)
            .saturating_sub(copied[0]);
        Ok((copied[0], duplicates, copied[1]))
    }
}
