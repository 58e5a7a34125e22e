//! The batched writer: turns [`Record`]s into rows, one immediate transaction per batch, with
//! cached prepared statements and no schema queries per row. Rows nothing reads back within the
//! batch (new entities and names, acronyms, attributions, removed blocks, aliases, mentions,
//! timexes) are queued and inserted many per statement, in the order they were queued; new
//! entities and names get the ids SQLite would have given them, and names are resolved through
//! the bounded [`Cache`] of stored names, which queries the database only once a corpus holds more
//! names than it keeps.
//!
//! A batch is committed whole or not at all, so every page in it is too. Duplicate inputs (same
//! content hash) are skipped unless forced, in which case the old article and everything hanging
//! off it is deleted and the document row is reused.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use extract::{Article, RemovedBlock, RemovedKind, Timestamp};
use nlp_lite::{Annotations, EntityType, Sentence};
use rusqlite::{
    params, Connection, OptionalExtension, Statement, Transaction, TransactionBehavior,
};
use serde::Serialize;

use crate::cache::Cache;
use crate::error::{Result, StoreError};
use crate::fingerprint;
use crate::record::{AnalysedArticle, Outcome, Record};
use crate::Store;

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
    /// Writes `records` in one transaction; stored hashes are skipped unless `force` replaces them.
    ///
    /// Without `force` nothing is deleted, and every id the batch writes into a referencing
    /// column was just read or inserted by it, so the batch runs with foreign-key enforcement off:
    /// that saves a parent lookup per referencing column of every row, and lets the multi-row
    /// inserts run without a statement journal. With `force`, old articles are deleted, whose
    /// parts go by `ON DELETE CASCADE`, so enforcement stays on.
    ///
    /// Such a batch also skips `CHECK` constraints: the only ones (`documents.status`,
    /// `articles.cluster_role`) get constants of the writer's own that satisfy them, and
    /// checking an `IN (...)` list builds a temporary b-tree for every document and article.
    pub fn write_batch(&mut self, records: &[Record], force: bool) -> Result<BatchSummary> {
        if force {
            return self.write_batch_in_tx(records, force);
        }
        // `foreign_keys` is a no-op inside a transaction, so both pragmas are switched around the
        // whole batch, and back whether or not the batch succeeded.
        self.conn.pragma_update(None, "foreign_keys", false)?;
        self.conn
            .pragma_update(None, "ignore_check_constraints", true)?;
        let written = self.write_batch_in_tx(records, force);
        self.conn
            .pragma_update(None, "ignore_check_constraints", false)?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        written
    }

    /// [`Store::write_batch`] under the connection's current foreign-key setting.
    fn write_batch_in_tx(&mut self, records: &[Record], force: bool) -> Result<BatchSummary> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // The batch adds what it writes to the cache as it goes, so the cache is taken out and put
        // back only once the batch is committed: a batch that fails (or panics) leaves it empty,
        // to be read from the file again.
        let mut cache = std::mem::take(&mut self.cache);
        cache.sync(&tx)?;
        let mut batch = Batch {
            tx: &tx,
            cache: &mut cache,
            next_entity: next_id(&tx, "entities")?,
            next_name: next_id(&tx, "entity_names")?,
            touched_clusters: BTreeSet::new(),
            grown_clusters: BTreeMap::new(),
            unindexed: Vec::new(),
            rows: Rows::default(),
            summary: BatchSummary::default(),
        };
        for record in records {
            batch.write(record, force)?;
        }
        batch.insert_rows()?;
        batch.settle_clusters()?;
        batch.index_text()?;
        let summary = batch.summary;
        tx.commit()?;
        cache.trim();
        self.cache = cache;
        Ok(summary)
    }
}

/// The state of one batch while it is being written; `'r` is the lifetime of its records.
struct Batch<'a, 'r> {
    /// The batch's transaction.
    tx: &'a Transaction<'a>,
    /// Rows known from earlier batches and written by this one so far.
    cache: &'a mut Cache,
    /// The id the next new `entities` row gets (the one SQLite would choose: max + 1).
    next_entity: i64,
    /// The id the next new `entity_names` row gets.
    next_name: i64,
    /// Clusters whose membership changed and that must be settled from scratch.
    touched_clusters: BTreeSet<i64>,
    /// Clusters that only gained members (by id) in this batch, settled incrementally.
    grown_clusters: BTreeMap<i64, BTreeSet<i64>>,
    /// Articles written in this batch and not yet in `articles_fts`.
    unindexed: Vec<i64>,
    /// Rows nothing reads back while the batch is written, inserted many per statement.
    rows: Rows<'r>,
    /// Counts so far.
    summary: BatchSummary,
}

impl<'r> Batch<'_, 'r> {
    /// Writes one record: its document row and, for an article, everything extracted from it.
    fn write(&mut self, record: &'r Record, force: bool) -> Result<()> {
        let doc = &record.document;
        let (status, error) = match &record.outcome {
            Outcome::Article(_) => ("ok", None),
            Outcome::Failed(reason) => ("error", Some(one_line(reason))),
        };
        let bytes = i64::try_from(doc.bytes).unwrap_or(i64::MAX);
        // Almost every record is new (ingest drops stored hashes before extracting), so the
        // insert comes first and a stored document is only looked up when it conflicts.
        let inserted = self
            .tx
            .prepare_cached(
                "INSERT INTO documents (path, content_hash, bytes, format, encoding, status, error)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (content_hash) DO NOTHING",
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
        let document_id = if inserted == 1 {
            self.tx.last_insert_rowid()
        } else {
            let id: i64 = self
                .tx
                .prepare_cached("SELECT id FROM documents WHERE content_hash = ?1")?
                .query_row([&doc.content_hash], |row| row.get(0))?;
            if !force {
                self.summary.skipped += 1;
                return Ok(());
            }
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
        // The delete trigger removes the old text from the index, so it must be there, and the
        // cascade must find the rows of an article written earlier in this batch.
        self.index_text()?;
        self.insert_rows()?;
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
    fn write_article(&mut self, document_id: i64, analysed: &'r AnalysedArticle) -> Result<()> {
        let AnalysedArticle {
            article,
            annotations,
            fingerprint: precomputed,
        } = analysed;
        let (body_hash, print) = fingerprint::hash_and_print(&article.body, *precomputed);
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

    /// Queues attributions and removed blocks in page order.
    fn write_parts(&mut self, article_id: i64, article: &'r Article) -> Result<()> {
        for (position, a) in article.attributions.iter().enumerate() {
            self.rows.credits.push(CreditRow {
                article_id,
                position,
                name: &a.name,
                kind: a.kind.as_str(),
            });
        }
        for (position, run) in removed_runs(&article.removed).into_iter().enumerate() {
            self.rows.removed.push(RemovedRow {
                article_id,
                position,
                kind: run.kind.as_str(),
                text: run.text,
            });
        }
        Ok(())
    }

    /// Writes mentions (upserting their entities; aliases and mentions are queued) and queues
    /// timexes.
    fn write_annotations(
        &mut self,
        article_id: i64,
        article: &Article,
        annotations: &'r Annotations,
    ) -> Result<()> {
        let body_chars = article.body.chars().count();
        let valid = |start: usize, end: usize| start < end && end <= body_chars;
        for mention in &annotations.entities {
            if !valid(mention.start, mention.end) {
                self.summary.invalid_spans += 1;
                continue;
            }
            let (name_id, entity_id) = self.entity_id(mention.ty, &mention.canonical)?;
            if mention.text != mention.canonical
                && crate::resolve::is_acronym(&mention.text)
                && mention.canonical.split_whitespace().count() > 1
                && self.cache.acronyms.remember(name_id, &mention.text)
            {
                self.rows.acronyms.push(AcronymRow {
                    acronym: &mention.text,
                    name_id,
                });
            }
            if self.cache.aliases.remember(entity_id, &mention.text) {
                self.rows.aliases.push(AliasRow {
                    entity_id,
                    alias: &mention.text,
                });
            }
            self.rows.mentions.push(MentionRow {
                article_id,
                entity_id,
                start: mention.start,
                end: mention.end,
                surface: &mention.text,
                sentence: sentence_of(&annotations.sentences, mention.start),
                name_id,
            });
            self.summary.mentions += 1;
        }
        for timex in &annotations.timexes {
            if !valid(timex.start, timex.end) {
                self.summary.invalid_spans += 1;
                continue;
            }
            self.rows.timexes.push(TimexRow {
                article_id,
                start: timex.start,
                end: timex.end,
                surface: &timex.text,
                ty: timex.ty.as_str(),
                value: &timex.value,
                anchored: timex.anchored,
                modifier: timex.modifier.as_deref(),
                day: timex.day().map(|d| d.to_string()),
            });
            self.summary.timexes += 1;
        }
        Ok(())
    }

    /// Inserts the queued rows, table by table in the order they were queued (so row ids come
    /// out as if each had been inserted when it was queued).
    fn insert_rows(&mut self) -> Result<()> {
        let rows = &mut self.rows;
        // Referenced rows first, for the batches that run with foreign-key enforcement on.
        insert_all(self.tx, &mut rows.entities)?;
        insert_all(self.tx, &mut rows.names)?;
        insert_all(self.tx, &mut rows.acronyms)?;
        insert_all(self.tx, &mut rows.credits)?;
        insert_all(self.tx, &mut rows.removed)?;
        insert_all(self.tx, &mut rows.aliases)?;
        insert_all(self.tx, &mut rows.mentions)?;
        insert_all(self.tx, &mut rows.timexes)
    }

    /// The ids of the name (in-document canonical name, type) and of the corpus entity it
    /// resolves to. A name the cache does not know is new: its row, and its entity's when no
    /// entity has that name and type yet, get the ids SQLite would give them and are queued.
    /// `Store::resolve_entities` later regroups names.
    fn entity_id(&mut self, ty: EntityType, name: &'r str) -> Result<(i64, i64)> {
        if let Some(ids) = self.cache.name(self.tx, ty, name)? {
            return Ok(ids);
        }
        let entity_id = match self.cache.orphan(ty, name) {
            Some(id) => id,
            None => {
                let id = take_id(&mut self.next_entity);
                self.rows.entities.push(EntityRow { id, name, ty });
                id
            }
        };
        let name_id = take_id(&mut self.next_name);
        self.rows.names.push(NameRow {
            id: name_id,
            name,
            ty,
            entity_id,
        });
        let ids = (name_id, entity_id);
        self.cache.put(ty, name.to_owned(), ids);
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

/// Rows that nothing reads back while a batch is written, queued so that they can be inserted
/// many per statement: one multi-row `INSERT` costs a fraction of the statement setup, cursor
/// opening and teardown of one `INSERT` per row. Text is borrowed from the batch's records.
#[derive(Default)]
struct Rows<'r> {
    /// New `entities` rows.
    entities: Vec<EntityRow<'r>>,
    /// New `entity_names` rows.
    names: Vec<NameRow<'r>>,
    /// `entity_acronyms` rows not known to be stored.
    acronyms: Vec<AcronymRow<'r>>,
    /// `attributions` rows (read when clusters are settled, so inserted before that).
    credits: Vec<CreditRow<'r>>,
    /// `removed_blocks` rows.
    removed: Vec<RemovedRow<'r>>,
    /// `entity_aliases` rows not known to be stored.
    aliases: Vec<AliasRow<'r>>,
    /// `mentions` rows.
    mentions: Vec<MentionRow<'r>>,
    /// `timexes` rows.
    timexes: Vec<TimexRow<'r>>,
}

/// A row of a table that [`Rows`] queues.
trait Row {
    /// The statement up to its `VALUES` list. Every one is `INSERT OR IGNORE`: a multi-row
    /// statement that may abort half-way needs a statement journal (a copy of every page it
    /// touches), and with `OR IGNORE` (and foreign-key enforcement off) it cannot abort.
    const INSERT: &'static str;
    /// Whether the row may already be stored and is then meant to be ignored (aliases,
    /// acronyms). Other rows cannot conflict (positions and ids are unique by construction, no
    /// `NOT NULL` column gets a NULL), and [`insert_all`] fails if one was ignored all the same.
    const MAY_EXIST: bool = false;
    /// Values per row.
    const COLUMNS: usize;
    /// Binds this row's values to the parameters `first..first + COLUMNS` (1-based).
    fn bind(&self, stmt: &mut Statement<'_>, first: usize) -> rusqlite::Result<()>;
}

/// Binds the values to consecutive parameters from `first`, each through its own type's `ToSql`
/// (a slice of `&dyn ToSql` costs a dynamic call and an unoptimised conversion per value, and
/// the writer binds about a thousand values per article).
macro_rules! bind_all {
    ($stmt:expr, $first:expr, $($value:expr),+ $(,)?) => {{
        let mut index = $first;
        $(
            $stmt.raw_bind_parameter(index, $value)?;
            index += 1;
        )+
        let _ = index;
        Ok(())
    }};
}

/// A new `entities` row, with the id SQLite would give it.
struct EntityRow<'r> {
    id: i64,
    name: &'r str,
    ty: EntityType,
}

impl Row for EntityRow<'_> {
    const INSERT: &'static str = "INSERT OR IGNORE INTO entities (id, name, type) VALUES ";
    const COLUMNS: usize = 3;
    fn bind(&self, stmt: &mut Statement<'_>, first: usize) -> rusqlite::Result<()> {
        bind_all!(stmt, first, &self.id, &self.name, &self.ty.as_str())
    }
}

/// A new `entity_names` row, with the id SQLite would give it.
struct NameRow<'r> {
    id: i64,
    name: &'r str,
    ty: EntityType,
    entity_id: i64,
}

impl Row for NameRow<'_> {
    const INSERT: &'static str =
        "INSERT OR IGNORE INTO entity_names (id, name, type, entity_id) VALUES ";
    const COLUMNS: usize = 4;
    fn bind(&self, stmt: &mut Statement<'_>, first: usize) -> rusqlite::Result<()> {
        bind_all!(
            stmt,
            first,
            &self.id,
            &self.name,
            &self.ty.as_str(),
            &self.entity_id
        )
    }
}

/// An `entity_acronyms` row (ignored when already stored).
struct AcronymRow<'r> {
    acronym: &'r str,
    name_id: i64,
}

impl Row for AcronymRow<'_> {
    const INSERT: &'static str = "INSERT OR IGNORE INTO entity_acronyms (acronym, name_id) VALUES ";
    const MAY_EXIST: bool = true;
    const COLUMNS: usize = 2;
    fn bind(&self, stmt: &mut Statement<'_>, first: usize) -> rusqlite::Result<()> {
        bind_all!(stmt, first, &self.acronym, &self.name_id)
    }
}

/// An `attributions` row.
struct CreditRow<'r> {
    article_id: i64,
    position: usize,
    name: &'r str,
    kind: &'static str,
}

impl Row for CreditRow<'_> {
    const INSERT: &'static str =
        "INSERT OR IGNORE INTO attributions (article_id, position, name, kind) VALUES ";
    const COLUMNS: usize = 4;
    fn bind(&self, stmt: &mut Statement<'_>, first: usize) -> rusqlite::Result<()> {
        bind_all!(
            stmt,
            first,
            &self.article_id,
            &self.position,
            &self.name,
            &self.kind
        )
    }
}

/// A `removed_blocks` row.
struct RemovedRow<'r> {
    article_id: i64,
    position: usize,
    kind: &'static str,
    text: Cow<'r, str>,
}

/// A run of removed blocks of one kind, next to each other in the page.
struct RemovedRun<'r> {
    kind: RemovedKind,
    /// The blocks' texts, one per line (borrowed when the run is one block).
    text: Cow<'r, str>,
}

/// The removed blocks as the rows that store them: each run of blocks of one kind with no
/// article text between them is one row, its texts one per line (a menu of forty links is one
/// navigation row, not forty).
fn removed_runs(blocks: &[RemovedBlock]) -> Vec<RemovedRun<'_>> {
    let mut runs: Vec<RemovedRun<'_>> = Vec::new();
    for block in blocks {
        match runs.last_mut() {
            Some(run) if block.follows_removed && run.kind == block.kind => {
                let text = run.text.to_mut();
                text.push('\n');
                text.push_str(&block.text);
            }
            _ => runs.push(RemovedRun {
                kind: block.kind,
                text: Cow::Borrowed(&block.text),
            }),
        }
    }
    runs
}

impl Row for RemovedRow<'_> {
    const INSERT: &'static str =
        "INSERT OR IGNORE INTO removed_blocks (article_id, position, kind, text) VALUES ";
    const COLUMNS: usize = 4;
    fn bind(&self, stmt: &mut Statement<'_>, first: usize) -> rusqlite::Result<()> {
        bind_all!(
            stmt,
            first,
            &self.article_id,
            &self.position,
            &self.kind,
            &self.text
        )
    }
}

/// An `entity_aliases` row (ignored when already stored).
struct AliasRow<'r> {
    entity_id: i64,
    alias: &'r str,
}

impl Row for AliasRow<'_> {
    const INSERT: &'static str = "INSERT OR IGNORE INTO entity_aliases (entity_id, alias) VALUES ";
    const MAY_EXIST: bool = true;
    const COLUMNS: usize = 2;
    fn bind(&self, stmt: &mut Statement<'_>, first: usize) -> rusqlite::Result<()> {
        bind_all!(stmt, first, &self.entity_id, &self.alias)
    }
}

/// A `mentions` row.
struct MentionRow<'r> {
    article_id: i64,
    entity_id: i64,
    start: usize,
    end: usize,
    surface: &'r str,
    sentence: Option<usize>,
    name_id: i64,
}

impl Row for MentionRow<'_> {
    const INSERT: &'static str =
        "INSERT OR IGNORE INTO mentions (article_id, entity_id, start, end, surface, sentence, name_id) VALUES ";
    const COLUMNS: usize = 7;
    fn bind(&self, stmt: &mut Statement<'_>, first: usize) -> rusqlite::Result<()> {
        bind_all!(
            stmt,
            first,
            &self.article_id,
            &self.entity_id,
            &self.start,
            &self.end,
            &self.surface,
            &self.sentence,
            &self.name_id,
        )
    }
}

/// A `timexes` row.
struct TimexRow<'r> {
    article_id: i64,
    start: usize,
    end: usize,
    surface: &'r str,
    ty: &'static str,
    value: &'r str,
    anchored: bool,
    modifier: Option<&'r str>,
    day: Option<String>,
}

impl Row for TimexRow<'_> {
    const INSERT: &'static str =
        "INSERT OR IGNORE INTO timexes (article_id, start, end, surface, type, value, anchored, mod, day) VALUES ";
    const COLUMNS: usize = 9;
    fn bind(&self, stmt: &mut Statement<'_>, first: usize) -> rusqlite::Result<()> {
        bind_all!(
            stmt,
            first,
            &self.article_id,
            &self.start,
            &self.end,
            &self.surface,
            &self.ty,
            &self.value,
            &self.anchored,
            &self.modifier,
            &self.day,
        )
    }
}

/// Rows per multi-row `INSERT`.
const CHUNK: usize = 64;

/// `R::INSERT` with a `VALUES` list of `rows` rows of `R::COLUMNS` parameters.
fn insert_sql<R: Row>(rows: usize) -> String {
    let row = format!("({})", vec!["?"; R::COLUMNS].join(", "));
    format!("{}{}", R::INSERT, vec![row; rows].join(", "))
}

/// Inserts `rows` in order, [`CHUNK`] per statement and the rest one by one, and empties it.
fn insert_all<R: Row>(tx: &Transaction<'_>, rows: &mut Vec<R>) -> Result<()> {
    let mut inserted = 0;
    let mut chunks = rows.chunks_exact(CHUNK);
    if rows.len() >= CHUNK {
        let mut stmt = tx.prepare_cached(&insert_sql::<R>(CHUNK))?;
        for chunk in &mut chunks {
            for (i, row) in chunk.iter().enumerate() {
                row.bind(&mut stmt, 1 + i * R::COLUMNS)?;
            }
            inserted += stmt.raw_execute()?;
        }
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut stmt = tx.prepare_cached(&insert_sql::<R>(1))?;
        for row in rest {
            row.bind(&mut stmt, 1)?;
            inserted += stmt.raw_execute()?;
        }
    }
    if !R::MAY_EXIST && inserted != rows.len() {
        return Err(StoreError::Corrupt(format!(
            "{} of {} new rows were already stored ({})",
            rows.len() - inserted,
            rows.len(),
            R::INSERT.trim_end()
        )));
    }
    rows.clear();
    Ok(())
}

/// The id SQLite gives the next row of `table` (the largest id plus one; 1 when empty).
fn next_id(conn: &Connection, table: &str) -> Result<i64> {
    let max: i64 = conn
        .prepare_cached(&format!("SELECT coalesce(max(id), 0) FROM {table}"))?
        .query_row([], |row| row.get(0))?;
    Ok(max + 1)
}

/// Hands out `next` and advances it.
fn take_id(next: &mut i64) -> i64 {
    let id = *next;
    *next += 1;
    id
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
