//! The batched writer: turns [`Record`]s into rows, one immediate transaction per batch, with
//! cached prepared statements and no schema queries per row.
//!
//! A batch is committed whole or not at all, so every page in it is too. Duplicate inputs (same
//! content hash) are skipped unless forced, in which case the old article and everything hanging
//! off it is deleted and the document row is reused.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use extract::{Article, Timestamp};
use nlp_lite::{Annotations, EntityType, Sentence};
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;

use crate::error::{Result, StoreError};
use crate::fingerprint::{self, Fingerprint};
use crate::record::{AnalysedArticle, Outcome, Record};
use crate::Store;

/// `(entity_names.id, entities.id)` by type and in-document canonical name.
type EntityCache = HashMap<EntityType, HashMap<String, (i64, i64)>>;

/// Strings stored with an id: aliases by entity id, acronyms by name id.
type Seen = HashMap<i64, HashSet<String>>;

/// What the writer knows is in the database, so that it rarely asks: filled from committed
/// batches only, and cleared when entities are regrouped.
#[derive(Debug, Default)]
pub(crate) struct Cache {
    /// `(entity_names.id, entities.id)` by type and in-document canonical name.
    entities: EntityCache,
    /// `entity_aliases` rows: aliases by entity id.
    aliases: Seen,
    /// `entity_acronyms` rows: acronyms by name id.
    acronyms: Seen,
}

impl Cache {
    /// Forgets everything (after entities were regrouped or rows copied in).
    pub(crate) fn clear(&mut self) {
        *self = Cache::default();
    }

    /// Adds what a batch wrote, once it is committed.
    fn extend(&mut self, batch: Cache) {
        for (ty, names) in batch.entities {
            self.entities.entry(ty).or_default().extend(names);
        }
        for (id, aliases) in batch.aliases {
            self.aliases.entry(id).or_default().extend(aliases);
        }
        for (id, acronyms) in batch.acronyms {
            self.acronyms.entry(id).or_default().extend(acronyms);
        }
    }
}

/// Whether `text` is known under `id`.
fn seen(set: &Seen, id: i64, text: &str) -> bool {
    set.get(&id).is_some_and(|s| s.contains(text))
}

/// What one call to [`Store::write_batch`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct BatchSummary {
    /// Articles written (new or replacing an earlier version).
    pub articles: usize,
    /// Documents recorded with status `error`.
    pub failed: usize,
    /// Records left alone because their content hash was already stored.
    pub skipped: usize,
    /// Written records that replaced an earlier version (only with `force`).
    pub replaced: usize,
    /// Entity mentions written.
    pub mentions: usize,
    /// Date/time expressions written.
    pub timexes: usize,
    /// Entity or timex spans dropped because they fell outside the body.
    pub invalid_spans: usize,
}

impl Store {
    /// Content hashes of documents already stored as `ok` or `error`, for idempotent ingest.
    pub fn known_hashes(&self) -> Result<HashSet<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT content_hash FROM documents WHERE status IN ('ok', 'error')")?;
        let hashes = stmt
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<HashSet<String>>>()?;
        Ok(hashes)
    }

    /// Writes `records` in one transaction; stored hashes are skipped unless `force` replaces them.
    pub fn write_batch(&mut self, records: &[Record], force: bool) -> Result<BatchSummary> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut batch = Batch {
            tx: &tx,
            committed: &self.cache,
            new: Cache::default(),
            touched_clusters: BTreeSet::new(),
            grown_clusters: BTreeMap::new(),
            unindexed: Vec::new(),
            summary: BatchSummary::default(),
        };
        for record in records {
            batch.write(record, force)?;
        }
        batch.settle_clusters()?;
        batch.index_text()?;
        let Batch { new, summary, .. } = batch;
        tx.commit()?;
        // Only rows that are now committed may be remembered across batches.
        self.cache.extend(new);
        Ok(summary)
    }
}

/// The state of one batch while it is being written.
struct Batch<'a> {
    /// The batch's transaction.
    tx: &'a Transaction<'a>,
    /// Rows known from earlier, committed batches.
    committed: &'a Cache,
    /// Entities, aliases and acronyms first written in this batch.
    new: Cache,
    /// Clusters whose membership changed and that must be settled from scratch.
    touched_clusters: BTreeSet<i64>,
    /// Clusters that only gained members (by id) in this batch, settled incrementally.
    grown_clusters: BTreeMap<i64, BTreeSet<i64>>,
    /// Articles written in this batch and not yet in `articles_fts`.
    unindexed: Vec<i64>,
    /// Counts so far.
    summary: BatchSummary,
}

impl Batch<'_> {
    /// Writes one record: its document row and, for an article, everything extracted from it.
    fn write(&mut self, record: &Record, force: bool) -> Result<()> {
        let doc = &record.document;
        let existing: Option<i64> = self
            .tx
            .prepare_cached("SELECT id FROM documents WHERE content_hash = ?1")?
            .query_row([&doc.content_hash], |row| row.get(0))
            .optional()?;
        let (status, error) = match &record.outcome {
            Outcome::Article(_) => ("ok", None),
            Outcome::Failed(reason) => ("error", Some(one_line(reason))),
        };
        let bytes = i64::try_from(doc.bytes).unwrap_or(i64::MAX);
        let document_id = match existing {
            Some(_) if !force => {
                self.summary.skipped += 1;
                return Ok(());
            }
            Some(id) => {
                self.delete_article_of(id)?;
                self.tx
                    .prepare_cached(
                        "UPDATE documents SET path = ?2, bytes = ?3, format = ?4, encoding = ?5,
                                status = ?6, error = ?7,
                                ingested_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                          WHERE id = ?1",
                    )?
                    .execute(params![
                        id,
                        doc.path,
                        bytes,
                        doc.format,
                        doc.encoding,
                        status,
                        error
                    ])?;
                self.summary.replaced += 1;
                id
            }
            None => {
                self.tx
                    .prepare_cached(
                        "INSERT INTO documents (path, content_hash, bytes, format, encoding, status, error)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    )?
                    .execute(params![
                        doc.path,
                        doc.content_hash,
                        bytes,
                        doc.format,
                        doc.encoding,
                        status,
                        error
                    ])?;
                self.tx.last_insert_rowid()
            }
        };
        match &record.outcome {
            Outcome::Article(analysed) => self.write_article(document_id, analysed),
            Outcome::Failed(_) => {
                self.summary.failed += 1;
                Ok(())
            }
        }
    }

    /// Deletes the article of a document (its parts go by cascade, its FTS row by trigger).
    fn delete_article_of(&mut self, document_id: i64) -> Result<()> {
        // The delete trigger removes the old text from the index, so it must be there.
        self.index_text()?;
        let cluster: Option<Option<i64>> = self
            .tx
            .prepare_cached("SELECT cluster_id FROM articles WHERE document_id = ?1")?
            .query_row([document_id], |row| row.get(0))
            .optional()?;
        if let Some(Some(cluster)) = cluster {
            self.touched_clusters.insert(cluster);
        }
        self.tx
            .prepare_cached("DELETE FROM articles WHERE document_id = ?1")?
            .execute([document_id])?;
        Ok(())
    }

    /// Writes the article row and its attributions, removed blocks, mentions and timexes.
    fn write_article(&mut self, document_id: i64, analysed: &AnalysedArticle) -> Result<()> {
        let AnalysedArticle {
            article,
            annotations,
            fingerprint: precomputed,
        } = analysed;
        let body_hash = fingerprint::body_hash(&article.body);
        let print = match precomputed {
            Some(print) => Some(*print),
            None => Fingerprint::of(&article.body),
        };
        let authors: Vec<&str> = article.authors.iter().map(|a| a.name.as_str()).collect();
        let authors = serde_json::to_string(&authors)
            .map_err(|e| StoreError::Corrupt(format!("authors not serialisable: {e}")))?;
        let (p_utc, p_local, p_raw, p_source) = timestamp_columns(article.published.as_ref());
        let (u_utc, u_local, u_raw, u_source) = timestamp_columns(article.updated.as_ref());
        let day = article.anchor_date().map(|d| d.to_string());
        let paragraphs = i64::try_from(fingerprint::paragraphs(&article.body)).unwrap_or(i64::MAX);
        self.tx
            .prepare_cached(
                "INSERT INTO articles (
                    document_id, title, lead, body, authors, agency,
                    published_utc, published_local, published_raw, published_source,
                    updated_utc, updated_local, updated_raw, updated_source,
                    dateline_place, dateline_date, site, url, canonical_url, language,
                    syndicated, paragraphs, day, body_hash, simhash, minhash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                         ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)",
            )?
            .execute(params![
                document_id,
                article.title,
                article.lead,
                article.body,
                authors,
                article.agency,
                p_utc,
                p_local,
                p_raw,
                p_source,
                u_utc,
                u_local,
                u_raw,
                u_source,
                article.dateline.as_ref().map(|d| d.place.as_str()),
                article.dateline.as_ref().and_then(|d| d.date.as_deref()),
                article.site,
                article.url,
                article.canonical_url,
                article.language,
                article.syndicated,
                paragraphs,
                day,
                body_hash,
                print.map(|p| p.simhash as i64),
                print.map(|p| p.minhash_bytes()),
            ])?;
        let article_id = self.tx.last_insert_rowid();
        self.unindexed.push(article_id);
        self.summary.articles += 1;
        if let Some(print) = &print {
            let placed = crate::clusters::place(self.tx, article_id, print)?;
            self.touched_clusters.extend(placed.changed);
            if let Some((cluster, members)) = placed.grown {
                self.grown_clusters
                    .entry(cluster)
                    .or_default()
                    .extend(members);
            }
        }
        self.write_parts(article_id, article)?;
        self.write_annotations(article_id, article, annotations)
    }

    /// Writes attributions and removed blocks in page order.
    fn write_parts(&mut self, article_id: i64, article: &Article) -> Result<()> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO attributions (article_id, position, name, kind) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (position, a) in article.attributions.iter().enumerate() {
            stmt.execute(params![article_id, position, a.name, a.kind.as_str()])?;
        }
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO removed_blocks (article_id, position, kind, text) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (position, block) in article.removed.iter().enumerate() {
            stmt.execute(params![
                article_id,
                position,
                block.kind.as_str(),
                block.text
            ])?;
        }
        Ok(())
    }

    /// Writes mentions (upserting their entities and aliases) and timexes.
    fn write_annotations(
        &mut self,
        article_id: i64,
        article: &Article,
        annotations: &Annotations,
    ) -> Result<()> {
        let body_chars = article.body.chars().count();
        let valid = |start: usize, end: usize| start < end && end <= body_chars;
        for mention in &annotations.entities {
            if !valid(mention.start, mention.end) {
                self.summary.invalid_spans += 1;
                continue;
            }
            let (name_id, entity_id) = self.entity_id(mention.ty, &mention.canonical)?;
            if crate::resolve::is_acronym(&mention.text)
                && mention.text != mention.canonical
                && mention.canonical.split_whitespace().count() > 1
                && !seen(&self.committed.acronyms, name_id, &mention.text)
                && !seen(&self.new.acronyms, name_id, &mention.text)
            {
                self.new
                    .acronyms
                    .entry(name_id)
                    .or_default()
                    .insert(mention.text.clone());
                self.tx
                    .prepare_cached(
                        "INSERT OR IGNORE INTO entity_acronyms (acronym, name_id) VALUES (?1, ?2)",
                    )?
                    .execute(params![mention.text, name_id])?;
            }
            if !seen(&self.committed.aliases, entity_id, &mention.text)
                && self
                    .new
                    .aliases
                    .entry(entity_id)
                    .or_default()
                    .insert(mention.text.clone())
            {
                self.tx
                    .prepare_cached(
                        "INSERT OR IGNORE INTO entity_aliases (entity_id, alias) VALUES (?1, ?2)",
                    )?
                    .execute(params![entity_id, mention.text])?;
            }
            let sentence = sentence_of(&annotations.sentences, mention.start);
            self.tx
                .prepare_cached(
                    "INSERT INTO mentions (article_id, entity_id, start, end, surface, sentence, name_id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )?
                .execute(params![
                    article_id,
                    entity_id,
                    mention.start,
                    mention.end,
                    mention.text,
                    sentence,
                    name_id
                ])?;
            self.summary.mentions += 1;
        }
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO timexes (article_id, start, end, surface, type, value, anchored, mod, day)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        for timex in &annotations.timexes {
            if !valid(timex.start, timex.end) {
                self.summary.invalid_spans += 1;
                continue;
            }
            stmt.execute(params![
                article_id,
                timex.start,
                timex.end,
                timex.text,
                timex.ty.as_str(),
                timex.value,
                timex.anchored,
                timex.modifier,
                timex.day().map(|d| d.to_string()),
            ])?;
            self.summary.timexes += 1;
        }
        Ok(())
    }

    /// The ids of the name (in-document canonical name, type) and of the corpus entity it
    /// resolves to, inserting both on first sight. `Store::resolve_entities` later regroups names.
    fn entity_id(&mut self, ty: EntityType, name: &str) -> Result<(i64, i64)> {
        let known = |cache: &EntityCache| cache.get(&ty).and_then(|m| m.get(name)).copied();
        if let Some(ids) = known(&self.committed.entities).or_else(|| known(&self.new.entities)) {
            return Ok(ids);
        }
        let stored: Option<(i64, i64)> = self
            .tx
            .prepare_cached("SELECT id, entity_id FROM entity_names WHERE name = ?1 AND type = ?2")?
            .query_row([name, ty.as_str()], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?;
        let ids = match stored {
            Some(ids) => ids,
            None => {
                let entity_id = crate::resolve::entity_row(self.tx, name, ty.as_str())?;
                self.tx
                    .prepare_cached(
                        "INSERT INTO entity_names (name, type, entity_id) VALUES (?1, ?2, ?3)",
                    )?
                    .execute(params![name, ty.as_str(), entity_id])?;
                (self.tx.last_insert_rowid(), entity_id)
            }
        };
        self.new
            .entities
            .entry(ty)
            .or_default()
            .insert(name.to_owned(), ids);
        Ok(ids)
    }

    /// Adds the articles written so far to the full-text index in one statement. FTS5 flushes
    /// its pending terms to a new segment at the start of every statement that needs a statement
    /// journal, so indexing row by row (as an insert trigger would) writes and then merges one
    /// segment per article.
    fn index_text(&mut self) -> Result<()> {
        if self.unindexed.is_empty() {
            return Ok(());
        }
        let ids = serde_json::to_string(&self.unindexed)
            .map_err(|e| StoreError::Corrupt(format!("article ids not serialisable: {e}")))?;
        self.tx
            .prepare_cached(
                "INSERT INTO articles_fts (rowid, title, lead, body)
                 SELECT a.id, a.title, a.lead, a.body FROM articles a
                  WHERE a.id IN (SELECT value FROM json_each(?1))",
            )?
            .execute([ids])?;
        self.unindexed.clear();
        Ok(())
    }

    /// Recomputes each touched cluster's original, roles and agency; dissolves clusters left
    /// with one member. Clusters that only grew are updated from their new members alone.
    fn settle_clusters(&mut self) -> Result<()> {
        for &cluster in &self.touched_clusters {
            crate::clusters::settle(self.tx, cluster)?;
        }
        for (cluster, added) in &self.grown_clusters {
            if !self.touched_clusters.contains(cluster) {
                crate::clusters::settle_grown(self.tx, *cluster, added)?;
            }
        }
        Ok(())
    }
}

/// The utc, local, raw and source columns of an optional timestamp.
fn timestamp_columns(
    ts: Option<&Timestamp>,
) -> (
    Option<&str>,
    Option<&str>,
    Option<&str>,
    Option<&'static str>,
) {
    match ts {
        Some(ts) => (
            ts.utc.as_deref(),
            Some(ts.local.as_str()),
            Some(ts.raw.as_str()),
            Some(ts.source.as_str()),
        ),
        None => (None, None, None, None),
    }
}

/// The index of the sentence containing character `start`, if any.
fn sentence_of(sentences: &[Sentence], start: usize) -> Option<usize> {
    let i = sentences
        .partition_point(|s| s.start <= start)
        .checked_sub(1)?;
    (start < sentences[i].end).then_some(i)
}

/// A failure reason squeezed onto one line.
fn one_line(reason: &str) -> String {
    reason.split_whitespace().collect::<Vec<_>>().join(" ")
}
